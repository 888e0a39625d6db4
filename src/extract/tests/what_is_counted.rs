//! Tests of what a number counts: the noun after its describing words, a part of a
//! group, acronyms and abbreviations before the noun, and the qualifier before a sum.

use super::super::*;
use super::one;

#[test]
fn a_plural_after_describing_words_is_what_is_counted() {
    assert_eq!(
        one("It will close its four boutique outlets.").unit,
        "outlet"
    );
    assert_eq!(
        one("There were 139 probable cases in Toronto.").unit,
        "case"
    );
    assert_eq!(
        one("The archdiocese offered to settle 500 clergy sex abuse lawsuits.").unit,
        "lawsuit"
    );
    // One of a thing is counted by a singular noun: the word after it is no plural.
    assert_eq!(one("One soldier dies in the attack.").unit, "soldier");
    // A unit written short measures the plural after it.
    assert_eq!(one("It brought 40 mph winds to the coast.").unit, "mph");
    // A part of one thing is counted in that thing.
    let q = one("Holders will get 0.9 of a share of EMC stock.");
    assert_eq!((q.value, q.unit.as_str()), (0.9, "share"));
    assert_eq!(
        one("Holders would receive 0.6199 of a USAi share.").unit,
        "share"
    );
}

#[test]
fn counts_of_part_of_a_group_are_marked() {
    let found = quantities_in("Seven of the nine candidates spoke at the forum.");
    let (part, whole) = (&found[0], &found[1]);
    assert_eq!(
        (part.value, part.unit.as_str(), part.part),
        (7.0, "candidate", true)
    );
    assert_eq!(
        (whole.value, whole.unit.as_str(), whole.part),
        (9.0, "candidate", false)
    );
    assert!(one("Two other victims were taken to the hospital.").part);
    assert!(one("Four others were shot.").part);
    let other = one("He will meet the other two unions in London.");
    assert_eq!(
        (other.part, other.text.as_str()),
        (true, "other two unions")
    );
    assert!(one("The remaining three hostages were freed.").part);
    let included = quantities_in("Five people, including three children, were killed.");
    assert_eq!(
        (included[1].part, included[1].text.as_str()),
        (true, "including three children")
    );
    assert!(!one("He will meet more than two unions in London.").part);
    assert!(!one("Nine candidates spoke at the forum.").part);
    // The first or last few of a series.
    assert!(one("He completed his first 17 passes.").part);
    assert!(quantities_in("They lost eight of their last 10 games.")[1].part);
    assert!(!one("He completed 17 passes.").part);
    // "one of" names one of a group; it counts nothing.
    assert!(quantities_in("One of the candidates spoke.").is_empty());
    // A group said to be someone's.
    for (sentence, unit) in [
        (
            "He missed 10 of the Saints' 16 games with a sprain.",
            "game",
        ),
        ("Five of the company\u{2019}s 20 stores closed.", "store"),
        ("Five of the company's stores closed.", "store"),
    ] {
        let part = &quantities_in(sentence)[0];
        assert_eq!((part.unit.as_str(), part.part), (unit, true), "{sentence}");
    }
}

#[test]
fn groups_told_in_parts_joined_by_and_are_parts() {
    let found = quantities_in("Four adults and two children were killed in the house.");
    assert!(found.iter().all(|q| q.part), "{found:#?}");
    assert!(one("Two men and a woman were found dead inside.").part);
    assert!(quantities_in("Police found one male and two female victims.")[1].part);
    // What befell people, counted in general, is a whole count of each.
    let found = quantities_in("The shooting left one dead and three injured.");
    assert!(found.iter().all(|q| !q.part), "{found:#?}");
    assert!(!one("Six people were found shot to death.").part);
    // ... unless one more person is named beside them.
    assert!(one("They admitted the killings of five people and an unborn child.").part);
    assert!(one("The blast killed three people and a police officer.").part);
    assert!(!one("He killed five people and a dog.").part);
}

#[test]
fn acronyms_in_the_plural_and_currencies_in_words_are_units() {
    assert_eq!(
        one("The group said 28.2 million DVDs were rented.").unit,
        "dvd"
    );
    assert_eq!(one("They bought 40 PCs for the school.").unit, "pc");
    assert_eq!(
        one("The loss stemmed from a 1.5 billion pound assets writedown.").unit,
        "pound"
    );
    // Other words before a plural still describe it.
    assert_eq!(
        one("The archdiocese offered to settle 500 clergy sex abuse lawsuits.").unit,
        "lawsuit"
    );
}

#[test]
fn a_count_of_part_of_what_a_name_has_is_a_part() {
    let q = one("Two of Saddam Hussein's sons were killed in a firefight.");
    assert_eq!(
        (q.value, q.unit.as_str(), q.part, q.text.as_str()),
        (2.0, "son", true, "Two of Saddam Hussein's sons")
    );
    // The group's own size is not the part's.
    let read = quantities_in("Two of Smith's three children were hurt.");
    assert_eq!((read[0].value, read[0].part), (2.0, true));
    // A capitalised word that is no possessive makes no part.
    assert!(quantities_in("Two of Obama's").is_empty());
    assert!(!one("Four of New York hospitals closed.").part);
}

#[test]
fn capitals_before_a_noun_after_an_age_describe_the_noun() {
    assert!(quantities_in("A 13-year-old Detroit juvenile was with him.").is_empty());
    let q = one("A 19-year-old Henry Jackson was arrested.");
    assert_eq!(q.complement.as_deref(), Some("henry jackson"));
}

#[test]
fn an_abbreviation_before_the_noun_describes_it() {
    // Not the pronouns "us" and "it", and the dot of "U.S." ends no phrase.
    for (sentence, unit) in [
        ("About 130,000 U.S. troops remain in Iraq.", "troop"),
        ("About 130,000 US soldiers remain in Iraq.", "soldier"),
        ("The 12 U.N. inspectors left Baghdad.", "inspector"),
        ("The bank hired 200 IT workers.", "worker"),
    ] {
        let q = one(sentence);
        assert_eq!((q.value > 1.0, q.unit.as_str()), (true, unit), "{sentence}");
    }
    // The marks of a time of day make the number a time, not a count of what follows.
    let clock = quantities_in("The meeting is at 10 AM local time.");
    assert!(clock.iter().all(|q| q.unit != "time"), "{clock:#?}");
    // An abbreviation that ends the phrase counts nothing.
    let read = quantities_in("The vote went 5 US, 4 others.");
    assert!(read.iter().all(|q| !q.text.contains("US")), "{read:#?}");
}

#[test]
fn a_qualifier_before_a_sum_bounds_it() {
    for (sentence, qualifier) in [
        (
            "It would cost more than $200 billion a year.",
            Qualifier::MoreThan,
        ),
        ("He faces a fine of up to $500,000.", Qualifier::UpTo),
        ("At least £5 million was lost.", Qualifier::AtLeast),
        ("The deal is worth about $3 million.", Qualifier::About),
    ] {
        assert_eq!(one(sentence).qualifier, Some(qualifier), "{sentence}");
    }
}

#[test]
fn what_a_sum_is_worth_is_what_it_is_of() {
    let q = one("About $250,000 worth of her jewelry was found at the airport.");
    assert_eq!(
        q.complement.as_deref(),
        Some(canonical_key("jewelry").as_str())
    );
    assert_eq!(q.text, "About $250,000 worth of her jewelry");
    // "worth" alone is no complement.
    assert_eq!(one("The house is worth $250,000 now.").complement, None);
}

#[test]
fn a_number_standing_for_a_group_named_before_counts_it() {
    for (sentence, text) in [
        ("All three were studied for fingerprints and DNA.", "three"),
        (
            "The two have referred to each other as father and son.",
            "two",
        ),
        ("\"All six of them are dead,\" Warner said.", "six of them"),
        (
            "Police said three of them had been detained.",
            "three of them",
        ),
    ] {
        let q = one(sentence);
        assert_eq!(
            (q.unit.as_str(), q.text.as_str()),
            (ELIDED_UNIT, text),
            "{sentence}"
        );
    }
    // What befell people says they are people; one is no group; a number that no verb
    // follows is not said of a group.
    assert_eq!(one("The 20 were arrested.").unit, "people");
    assert!(quantities_in("The one was found in a car.").is_empty());
    assert!(quantities_in("It ranked among the top 10 in the state.").is_empty());
}
