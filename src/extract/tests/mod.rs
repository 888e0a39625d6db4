//! Tests of reading quantities: digits, words, ordinals, qualifiers, ranges, roles, and
//! the prefilter and ASCII paths checked against the plain reading on every sample
//! sentence.

use std::borrow::Cow;

use crate::text::terms::{lowercase, words};

use super::days::WEEKDAYS;
use super::prefilter::{may_hold_a_number, may_start_a_number};
use super::*;

mod what_is_counted;

/// Edge cases, then every sentence of the sample articles.
pub(super) fn sentences_to_compare() -> Vec<String> {
    let mut sentences: Vec<String> = [
        "",
        "No figure here at all.",
        "Four-fifths of a dozen; Fourteenth, TWENTY and a DOZEN.",
        "İstanbul ǅ Ⅻ ½ ٣ Straße ten‑fold ÉTÉ-Sieben, x\u{a0}hundreds",
        "On 7 December 2025, Dec. 9, 2025-12-08 and March 2022, May 5 and may 5.",
        "\u{7f}\u{80}~!@#$%^&*()_+{}|:<>?`-=[]\\;',./ 1,234.5 -12°C",
    ]
    .map(str::to_string)
    .to_vec();
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    for entry in std::fs::read_dir(samples).into_iter().flatten().flatten() {
        if let Ok(text) = std::fs::read_to_string(entry.path()) {
            for line in text.lines() {
                sentences.extend(
                    crate::text::split_sentences(line)
                        .into_iter()
                        .map(str::to_string),
                );
            }
        }
    }
    sentences
}

/// [`may_hold_a_number`] as first written: the runs found by splitting the text.
fn may_hold_a_number_by_splitting(sentence: &str) -> bool {
    if sentence.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    let lower = sentence.to_ascii_lowercase();
    if WEEKDAYS.iter().any(|day| lower.contains(day)) {
        return true;
    }
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .any(|run| may_start_a_number(&run.to_lowercase()))
}

#[test]
fn the_prefilter_finds_what_splitting_finds() {
    for sentence in &sentences_to_compare() {
        assert_eq!(
            may_hold_a_number(sentence),
            may_hold_a_number_by_splitting(sentence),
            "{sentence:?}"
        );
    }
}

#[test]
fn lowering_the_sentence_lowers_each_word() {
    for sentence in &sentences_to_compare() {
        let words = words(sentence);
        let ascii_lowered = sentence.is_ascii().then(|| lowercase(sentence));
        let each: Vec<Cow<str>> = words.iter().map(|w| lowercase(w.text)).collect();
        assert_eq!(lowercase_words(&words, ascii_lowered.as_deref()), each);
    }
}

fn one(sentence: &str) -> Quantity {
    let found = quantities_in(sentence);
    assert_eq!(found.len(), 1, "{sentence}: {found:#?}");
    found.into_iter().next().unwrap()
}

#[test]
fn digits_with_separators_and_scales() {
    let q = one("The strikes left 6,000 buildings without heating.");
    assert_eq!((q.value, q.unit.as_str()), (6000.0, "building"));
    let q = one("Members agreed on 90 billion euros in assistance.");
    assert_eq!((q.value, q.unit.as_str()), (9e10, "euro"));
    assert_eq!(q.text, "90 billion euros");
    let q = one("Russia captured 505 square kilometers in November alone.");
    assert_eq!((q.value, q.unit.as_str()), (505.0, "square kilometer"));
}

#[test]
fn percentages_and_temperatures() {
    let q = one("Russia currently controls about 20% of Ukraine.");
    assert_eq!(
        (q.value, q.unit.as_str(), q.qualifier),
        (20.0, "percent", Some(Qualifier::About))
    );
    assert_eq!(q.text, "about 20%");
    let q = one("The temperature plummeted to -12°C overnight.");
    assert_eq!((q.value, q.unit.as_str()), (-12.0, "°C"));
    assert_eq!(q.text, "-12°C");
    let q = one("The plan was 90 percent ready.");
    assert_eq!((q.value, q.unit.as_str()), (90.0, "percent"));
    // A hyphen that joins a word to its number is no minus sign.
    let q = one("The magnitude-6.1 quake struck at dawn.");
    assert_eq!(q.value, 6.1);
    assert_eq!(q.text, "6.1 quake");
}

#[test]
fn a_measure_named_before_its_number_is_the_unit() {
    // "a magnitude 6.1 quake" is one quake's magnitude, as "a 6.1-magnitude quake" is,
    // not 6.1 quakes to set against "two quakes".
    for sentence in [
        "A magnitude 6.1 quake struck the coast.",
        "The magnitude-6.1 quake struck at dawn.",
        "A 6.1-magnitude quake struck the coast.",
    ] {
        let q = one(sentence);
        assert_eq!(
            (
                q.value,
                q.unit.as_str(),
                q.complement.as_ref().map(|c| c.as_str())
            ),
            (6.1, "magnitude", Some("quak")),
            "{sentence}"
        );
    }
    assert_eq!(one("Two quakes struck.").unit.as_str(), "quake");
}

#[test]
fn number_words_and_dozens() {
    let q = one("The wave of strikes injured nearly two dozen people.");
    assert_eq!(
        (q.value, q.unit.as_str(), q.qualifier),
        (24.0, "people", Some(Qualifier::Nearly))
    );
    assert_eq!(q.text, "nearly two dozen people");
    let q = one("Officials said eight people were hurt.");
    assert_eq!((q.value, q.unit.as_str()), (8.0, "people"));
    let q = one("Three days of negotiations ended without a breakthrough.");
    assert_eq!(
        (q.value, q.unit.as_str(), q.complement.as_deref()),
        (3.0, "day", Some("talk"))
    );
    let q = one("They held twenty-one meetings.");
    assert_eq!(q.value, 21.0);
}

#[test]
fn a_number_after_no_is_a_rank() {
    let q = one("Hoyer kept the No. 2 job in the House leadership.");
    assert_eq!(
        (q.value, q.kind, q.unit.as_str(), q.text.as_str()),
        (2.0, QuantityKind::Ordinal, "job", "No. 2 job")
    );
    // "no" that is no abbreviation leaves the count a count.
    let q = one("There were no 5 percent gains this week.");
    assert_eq!((q.value, q.kind), (5.0, QuantityKind::Cardinal));
}

#[test]
fn ordinals_and_compounds() {
    let q = one("Talks continue in Florida for a third day.");
    assert_eq!(
        (q.value, q.kind, q.unit.as_str()),
        (3.0, QuantityKind::Ordinal, "day")
    );
    let q = one("The plant lost power for the 11th time since the invasion.");
    assert_eq!(
        (q.value, q.kind, q.unit.as_str()),
        (11.0, QuantityKind::Ordinal, "time")
    );
    // How often ends the noun: "twice" is no wife.
    assert_eq!(one("He divorced his second wife twice.").unit, "wife");
    // A name or a word of time after the noun ends it; a name right after the
    // ordinal makes the ordinal part of the name.
    let ranked = |s: &str| -> Vec<(f64, String)> {
        quantities_in(s)
            .into_iter()
            .filter(|q| q.kind == QuantityKind::Ordinal)
            .map(|q| (q.value, q.unit.as_str().to_string()))
            .collect()
    };
    assert_eq!(
        ranked("The plant will shut down parts of the second shift Monday."),
        vec![(2.0, "shift".to_string())]
    );
    assert_eq!(
        ranked("She celebrates her 81st birthday next month."),
        vec![(81.0, "birthday".to_string())]
    );
    assert!(ranked("The Third District Court of Appeal ruled.").is_empty());
    // A superlative says by what a noun is ranked; alone, or before a word that is no
    // noun, it ranks nothing a reader compares.
    assert_eq!(
        ranked("She was the third oldest person in the world and the second-largest bank."),
        vec![(3.0, "person".to_string()), (2.0, "bank".to_string())]
    );
    assert!(ranked("It was the second largest in the world.").is_empty());
    assert!(ranked("The Fed made its third interest rate cut.").is_empty());
    // "-eed" is no past tense: "the ninth seed" ranks seeds.
    assert_eq!(
        ranked("The ninth seed Daniela Hantuchova lost."),
        vec![(9.0, "seed".to_string())]
    );
    let q = one("He was briefed on a nearly five-hour meeting with Putin.");
    assert_eq!(
        (q.value, q.unit.as_str(), q.qualifier),
        (5.0, "hour", Some(Qualifier::Nearly))
    );
}

#[test]
fn qualifiers_are_read() {
    let q = one("The attack left at least eight people injured.");
    assert_eq!(q.qualifier, Some(Qualifier::AtLeast));
    assert_eq!(q.role.as_deref(), Some("injure"));
    let q = one("More than 300 homes were damaged.");
    assert_eq!(q.qualifier, Some(Qualifier::MoreThan));
    let q = one("Up to 40 soldiers died.");
    assert_eq!(q.qualifier, Some(Qualifier::UpTo));
}

#[test]
fn over_a_span_of_time_is_during_it_unless_in_or_for_come_before() {
    let q = one("The talks were held over three days.");
    assert_eq!((q.qualifier, q.text.as_str()), (None, "three days"));
    let q = one("It was the fastest growth in over 25 years.");
    assert_eq!(q.qualifier, Some(Qualifier::MoreThan));
    assert_eq!(
        one("It cost over 40 dollars.").qualifier,
        Some(Qualifier::MoreThan)
    );
}

#[test]
fn years_and_dates_are_not_quantities() {
    assert!(quantities_in("Russia has occupied the region since 2014.").is_empty());
    let dated = quantities_in("On December 7, 2025, strikes hit Kyiv.");
    assert!(without_days(&dated).is_empty(), "{dated:?}");
    assert!(quantities_in("The pattern was first exposed in March 2022.").is_empty());
}

#[test]
fn time_left_on_a_clock_is_a_moment_not_a_duration() {
    // As "12:31 remaining" is a time, so is "12 minutes, 31 seconds remaining".
    for sentence in [
        "He scored with 12 minutes, 31 seconds remaining in the half.",
        "He scored with 4 minutes 48 seconds left.",
        "There were 10 minutes to go.",
    ] {
        assert!(quantities_in(sentence).is_empty(), "{sentence}");
    }
    assert_eq!(
        one("The meeting lasted 45 minutes.").unit.as_str(),
        "minute"
    );
}

#[test]
fn ranges_and_vague_amounts() {
    let q = one("Between 20 and 25 people were hurt.");
    assert_eq!((q.value, q.upper), (20.0, Some(25.0)));
    let q = one("The war has claimed hundreds of thousands of lives.");
    assert_eq!(
        (q.kind, q.value, q.unit.as_str()),
        (QuantityKind::Vague, 200000.0, "life")
    );
}

#[test]
fn roles_tell_what_happened_to_the_count() {
    let q = one("Ukrainian air defenses intercepted 585 drones.");
    assert_eq!(q.role.as_deref(), Some("intercept"));
    let q = one("Russia launched 653 drones overnight.");
    assert_eq!(q.role.as_deref(), Some("launch"));
    let q = one("The strikes left one dead.");
    assert_eq!(
        (q.value, q.unit.as_str(), q.role.as_deref()),
        (1.0, "people", Some("kill"))
    );
    // The verb before the object the number is said "to" of.
    let by_object = one("A judge sentenced a man to 30 years in prison.").role;
    let passive = one("A man was sentenced to 67 years in prison.").role;
    assert_eq!(by_object, passive);
    assert!(by_object.is_some());
}

#[test]
fn a_later_fate_in_the_clause_is_what_a_count_tells() {
    for (sentence, role) in [
        // The participle after the noun says which people; the main verb what befell
        // them.
        (
            "Three patients taken to the hospital had been discharged, officials said.",
            "discharg",
        ),
        (
            "Three people wounded in the attack have since died.",
            "kill",
        ),
        // Any other main verb leaves the participle's fate: the injured were taken.
        (
            "Five people injured in the crash were taken to hospital.",
            "injure",
        ),
        // Past punctuation, the verb is another clause's.
        (
            "Three people wounded in the attack, police said, were later released.",
            "injure",
        ),
    ] {
        assert_eq!(one(sentence).role.as_deref(), Some(role), "{sentence}");
    }
}

#[test]
fn within_bounds_a_figure_from_above_and_an_age_may_be_possessive() {
    let q = one("The rocket landed within 20 miles of Tel Aviv.");
    assert_eq!(q.qualifier, Some(Qualifier::AtMost));
    assert!(quantities_in("The 17-year-old's condition has not been released.").is_empty());
}

#[test]
fn a_half_dozen_is_six() {
    assert_eq!(one("A half-dozen children were in the home.").value, 6.0);
    assert_eq!(one("Police found half-dozen shell casings.").value, 6.0);
    assert_eq!(one("A dozen children were in the home.").value, 12.0);
}

#[test]
fn a_verb_before_and_is_the_previous_counts() {
    let found = quantities_in("Police said three people were killed and two others were hurt.");
    let roles: Vec<Option<&str>> = found.iter().map(|q| q.role.as_deref()).collect();
    assert_eq!(roles, vec![Some("kill"), Some("injure")]);
}

#[test]
fn a_verb_a_comma_parts_from_the_number_is_the_previous_counts() {
    let found = quantities_in("In addition to the six killed, three others were injured.");
    let roles: Vec<Option<&str>> = found.iter().map(|q| q.role.as_deref()).collect();
    assert_eq!(roles, vec![Some("kill"), Some("injure")]);
    // A currency sign between the verb and the number parts nothing.
    let q = one("Starbucks shares fell $10 in after-hours trading.");
    assert_eq!(q.role.as_deref(), Some("fall"));
}

#[test]
fn pronoun_one_is_not_a_count() {
    assert!(quantities_in("It was one of the largest attacks.").is_empty());
}

/// Sentences of every kind the corpora hold: the shipped samples, and where present
/// the shared development corpus (headlines and paraphrase pairs).
fn varied_sentences() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in [root.join("samples"), root.join("../shared/corpus/seeds")] {
        if let Ok(entries) = std::fs::read_dir(dir) {
            files.extend(entries.flatten().map(|e| e.path()));
        }
    }
    files.push(root.join("../shared/corpus/uci/dev-1.jsonl"));
    files.push(root.join("../shared/corpus/mrpc/train.tsv"));
    let mut sentences = Vec::new();
    for text in files.iter().filter_map(|f| std::fs::read_to_string(f).ok()) {
        for line in text.lines() {
            sentences.push(line.to_string());
            sentences.extend(line.split(['\t', '"']).map(str::to_string));
            sentences.extend(line.split(". ").map(str::to_string));
        }
    }
    sentences
}

#[test]
fn the_quick_check_never_hides_a_quantity() {
    let mut sentences = varied_sentences();
    assert!(sentences.len() > 100, "the samples hold sentences");
    sentences.extend(
        [
            "A dozen people fled.",
            "DOZENS of homes burned.",
            "Thousands marched; Hundreds of thousands watched.",
            "For the Third time, FIFTY-ONE delegates met.",
            "Twenty-one meetings and one hundred days.",
            "It was one of the worst.",
            "The U.S. sent ten\u{2019}s of advisers.",
            "Ｏｎｅ ｈｕｎｄｒｅｄ people; \u{212A}ilometers of road.",
            "Öne thousand Élan fourteenths fourteenth seventeenth",
            "",
            "—",
        ]
        .map(str::to_string),
    );
    let mut skipped = 0;
    for sentence in &sentences {
        if !may_hold_a_number(sentence) {
            skipped += 1;
        }
        assert_eq!(
            quantities_in(sentence),
            quantities_read_in(sentence),
            "{sentence}"
        );
    }
    assert!(
        skipped > 0,
        "the quick check skips sentences without numbers"
    );
}

/// Found by the property tests: a currency symbol set apart from its number made
/// the figure's span start inside the symbol.
#[test]
fn a_currency_symbol_apart_from_its_number_is_part_of_the_figure() {
    for sentence in [
        "It cost ¥ 500 tonnes of rice.",
        "x ¥-¥ 0 ok",
        "Paid £  12 dollars.",
    ] {
        for quantity in quantities_in(sentence) {
            assert_eq!(
                sentence.get(quantity.start..quantity.end),
                Some(quantity.text.as_str()),
                "{sentence}"
            );
        }
    }
    let rice = quantities_in("It cost ¥ 500 tonnes of rice.");
    assert!(rice.iter().any(|q| q.text.starts_with('¥')), "{rice:?}");
}

#[test]
fn days_of_reports_and_of_pages_are_told_from_days_of_events() {
    let day = |s: &str| {
        quantities_in(s)
            .into_iter()
            .find(|q| q.kind == QuantityKind::Day)
    };
    let reported = day("Three men were arrested, police said Tuesday.").expect("a day");
    assert_eq!(reported.role.as_deref(), Some(REPORT_ROLE));
    // The verb of saying may follow the day.
    let reported = day("President Trump on Saturday said he appreciates the statement.");
    assert_eq!(reported.expect("a day").role.as_deref(), Some(REPORT_ROLE));
    let event = day("Three men were arrested Tuesday night.").expect("a day");
    assert_eq!(event.role, None);
    // After a comma, the verb of saying attributes the whole sentence: the day is the
    // clause's before it.
    let event = day("The tapes will be released on Friday, said a spokesman.").expect("a day");
    assert_eq!(event.role, None);
    // Where or to whom it was said may stand between.
    for said in [
        "Coach Sean Payton said at practice on Wednesday that Bush is out.",
        "The minister said in an interview Tuesday that talks would resume.",
        "The mayor told reporters Monday that the road would reopen.",
    ] {
        assert_eq!(
            day(said).expect("a day").role.as_deref(),
            Some(REPORT_ROLE),
            "{said}"
        );
    }
    let event = day("Police said he was shot at a party on Saturday.").expect("a day");
    assert_eq!(event.role, None);
    // A day that opens the sentence before a comma is the saying's when the verb of
    // saying follows, and the event's when another verb does.
    let opening = day("On Monday, the CIA said analysts had heard the tape.");
    assert_eq!(opening.expect("a day").role.as_deref(), Some(REPORT_ROLE));
    let event = day("On Thursday, Lee won an injunction, his lawyer said.").expect("a day");
    assert_eq!(event.role, None);
    assert!(day("Man guilty in shooting Posted: Sunday, August 2, 2015 11:49 AM EDT").is_none());
    assert!(day("(Published Friday, Nov. 25, 2016)").is_none());
    // A wire story's dateline is the day it was filed.
    assert!(day("WASHINGTON, November 14 (Xinhua) -- The House voted today.").is_none());
    assert!(day("The House voted on November 14 to reject the veto.").is_some());
}

#[test]
fn scores_are_no_amounts_and_ranges_may_name_the_unit_twice() {
    assert!(quantities_in("Butler's interception gave the Colts a 7-0 lead.").is_empty());
    assert!(quantities_in("Indianapolis took a 31-24 lead late.").is_empty());
    let q = one("The plane lies in 25 feet to 100 feet of water.");
    assert_eq!(
        (q.value, q.upper, q.unit.as_str()),
        (25.0, Some(100.0), "foot")
    );
}

#[test]
fn a_figure_in_brackets_after_another_restates_it() {
    let q = one("The clashes caused 200 million euros ($265.3 million) of damage.");
    assert_eq!((q.value, q.unit.as_str()), (200_000_000.0, "euro"));
    let q = one("The camp lies 10 miles (15 kilometers) south of the border.");
    assert_eq!(q.unit.as_str(), "mile");
    // "$US1" reads as one word: the code says whose dollar, and the number is read.
    let q = one("Damage was estimated at $US1 million ($1.52 million), police said.");
    assert_eq!((q.value, q.unit.as_str()), (1_000_000.0, "dollar"));
    let q = one("The deal is worth $NZ3.2 billion.");
    assert_eq!(
        (q.value, q.unit.as_str()),
        (3_200_000_000.0, "new zealand dollar")
    );
    // Brackets after words are no restatement.
    assert_eq!(
        quantities_in("He was hurt (2 broken ribs) in the fall.").len(),
        1
    );
}

#[test]
fn a_year_before_a_name_is_no_count() {
    assert!(quantities_in("It happened during the 1996 Olympics in Atlanta.").is_empty());
    assert_eq!(one("The county bought 2000 ballots.").value, 2000.0);
}

#[test]
fn ages_in_months_or_weeks_are_of_someone_not_named() {
    assert!(quantities_in("A 10-month-old baby was killed in the shooting.").is_empty());
    assert!(quantities_in("A six-week-old girl was hurt.").is_empty());
}

#[test]
fn a_place_before_a_weekday_leaves_it_a_day_and_a_days_name_does_not() {
    let weekdays = |s: &str| -> Vec<String> {
        quantities_in(s)
            .into_iter()
            .filter(|q| q.kind == QuantityKind::Day)
            .map(|q| q.text)
            .collect()
    };
    assert_eq!(
        weekdays("The car broke down on the outskirts of Mecca Sunday afternoon."),
        vec!["Sunday"]
    );
    assert_eq!(
        weekdays("Two men were shot in Baghdad Monday."),
        vec!["Monday"]
    );
    assert!(weekdays("Crowds filled the square on Easter Sunday.").is_empty());
    assert!(weekdays("Stores opened early for Black Friday.").is_empty());
    assert!(weekdays("Fans gathered for Super Bowl Sunday.").is_empty());
}

#[test]
fn a_bare_number_something_befell_counts_people() {
    let counted = |s: &str| -> Vec<(f64, String, Option<String>)> {
        quantities_in(s)
            .into_iter()
            .map(|q| {
                (
                    q.value,
                    q.unit.as_str().to_string(),
                    q.role.map(|r| r.as_str().to_string()),
                )
            })
            .collect()
    };
    assert_eq!(
        counted("Three were killed and two were wounded in the attack."),
        vec![
            (3.0, "people".to_string(), Some("kill".to_string())),
            (2.0, "people".to_string(), Some("injure".to_string()))
        ]
    );
    assert_eq!(
        counted("Police said another two had been arrested in Jakarta."),
        vec![(2.0, "people".to_string(), Some("arrest".to_string()))]
    );
    // What befell them must be a known fate of people: else they are the group named
    // before (`what_is_counted`).
    assert_eq!(
        counted("All three were studied for fingerprints."),
        vec![(3.0, ELIDED_UNIT.to_string(), Some("studi".to_string()))]
    );
    assert!(counted("Six were from Douglas County.").is_empty());
    assert!(
        counted("Two men, one aged 21 and the other 28 — were arrested.")
            .iter()
            .all(|(value, ..)| *value != 28.0)
    );
}

#[test]
fn four_digits_after_a_currency_sign_are_an_amount_not_a_year() {
    let q = one("It will cost $1807 per Windows client.");
    assert_eq!((q.value, q.unit.as_str()), (1807.0, "dollar"));
    assert!(quantities_in("It was built in 1807 by the Navy.").is_empty());
}

/// Value, upper end, unit and complement of each quantity, days aside.
fn read_as(sentence: &str) -> Vec<(f64, Option<f64>, String, Option<String>)> {
    quantities_in(sentence)
        .into_iter()
        .filter(|q| q.kind != QuantityKind::Day)
        .map(|q| {
            (
                q.value,
                q.upper,
                q.unit.as_str().to_string(),
                q.complement.map(|c| c.as_str().to_string()),
            )
        })
        .collect()
}

#[test]
fn ranges_in_words_are_ranges() {
    let pages = |low: f64, high: f64| vec![(low, Some(high), "page".to_string(), None)];
    assert_eq!(
        read_as("The note ran three to four pages."),
        pages(3.0, 4.0)
    );
    assert_eq!(
        read_as("The note ran between three and four pages."),
        pages(3.0, 4.0)
    );
    assert_eq!(read_as("The note ran five or six pages."), pages(5.0, 6.0));
    // The hyphen of the first number waits for the second's unit.
    assert_eq!(
        read_as("A three- to four-page note was found.")[0].1,
        Some(4.0)
    );
    // The scale said once is both ends'.
    assert_eq!(
        read_as("Three to four million people fled.")[0].0,
        3_000_000.0
    );
    assert_eq!(read_as("3 to 4 million people fled.")[0].0, 3_000_000.0);
    // A falling pair is no range.
    assert!(read_as("They won three to one.").is_empty());
}

#[test]
fn a_number_joined_to_a_figure_counts_what_it_counts() {
    let magnitude = |value: f64| {
        (
            value,
            None,
            "magnitude".to_string(),
            Some("quak".to_string()),
        )
    };
    assert_eq!(
        read_as("It followed 7.6 and 7.5 magnitude quakes off the coast."),
        vec![magnitude(7.6), magnitude(7.5)]
    );
    let bits = |value: f64| (value, None, "bit".to_string(), Some("version".to_string()));
    assert_eq!(
        read_as("32-and 64-bit versions are included."),
        vec![bits(32.0), bits(64.0)]
    );
    assert_eq!(
        read_as("Is it a 32-bit or 64-bit version?"),
        vec![bits(32.0), bits(64.0)]
    );
    let killed: Vec<_> = quantities_in("Gunmen killed 10 and 12 people in the raids.")
        .into_iter()
        .map(|q| (q.value, q.unit.to_string(), q.role.map(|r| r.to_string())))
        .collect();
    let kill = Some("kill".to_string());
    assert_eq!(
        killed,
        vec![
            (10.0, "people".to_string(), kill.clone()),
            (12.0, "people".to_string(), kill)
        ]
    );
    // A number at the end of the sentence, or joined to no figure, is none.
    assert!(read_as("The final score was 10 and").is_empty());
    assert!(read_as("He won 5 and lost the rest.").is_empty());
}

#[test]
fn a_guess_is_a_range_but_a_restatement_is_not() {
    assert_eq!(
        read_as("There should have been five or six people dead."),
        vec![(5.0, Some(6.0), "people".to_string(), None)]
    );
    let restated: Vec<_> = read_as("Shares jumped $1.63 or 8 percent to $21.03.")
        .into_iter()
        .map(|(value, upper, unit, _)| (value, upper, unit))
        .collect();
    assert_eq!(
        restated,
        vec![
            (1.63, None, "dollar".to_string()),
            (8.0, None, "percent".to_string()),
            (21.03, None, "dollar".to_string())
        ]
    );
    assert_eq!(read_as("It took 5 or 50 days.")[0].1, None);
}

/// Numbers, joiners, symbols and hyphens in every order, with and without spaces: the
/// readers of ranges and joined numbers look a word or two past a number, and a
/// sentence may end anywhere.
#[test]
fn any_mix_of_numbers_and_joiners_is_read_without_panicking() {
    let vocab = [
        "three",
        "3",
        "10",
        "1.5",
        "7.6",
        "and",
        "or",
        "to",
        "-",
        "- ",
        "–",
        "between",
        "$",
        "%",
        "million",
        "people",
        "magnitude",
        "quakes",
        "32-",
        "64-bit",
        "a",
        "dozen",
        "half",
        "killed",
        "from",
        "rose",
        "é",
        "five",
        "six",
        ",",
        "(",
        "at",
        "least",
        "Sunday",
        "Nov.",
        "years",
        "ago",
        "one",
        "32-and",
        "three-",
        "four-page",
        "¥",
        "twenty-one",
        "of",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..20_000 {
        let mut sentence = String::new();
        for _ in 0..(next() % 8 + 1) {
            sentence.push_str(vocab[(next() % vocab.len() as u64) as usize]);
            if next() % 4 != 0 {
                sentence.push(' ');
            }
        }
        for q in quantities_in(&sentence) {
            assert!(sentence.get(q.start..q.end).is_some(), "{sentence:?}");
        }
    }
}

#[test]
fn a_figure_named_as_someone_s_has_that_holder() {
    let holder = |sentence: &str| {
        quantities_in(sentence)
            .into_iter()
            .map(|q| q.holder.map(|h| h.to_string()))
            .collect::<Vec<_>>()
    };
    let some = |name: &str| Some(name.to_string());
    // The subject of the verb whose object the figure is, a possessive before it, and
    // "by" or "from" a name after it; a figure joined by "and" shares its holder.
    assert_eq!(
        holder("Richard Carter scored 14 points for the Bulldogs."),
        [some("richard carter")]
    );
    assert_eq!(
        holder("Hansbrough finished the game with 20 points and nine rebounds."),
        [some("hansbrough"), some("hansbrough")]
    );
    assert_eq!(
        holder("In the round, Klitschko landed 28 of his 68 punches."),
        [some("klitschko"), some("klitschko")]
    );
    assert_eq!(
        holder("Drake was paced by 13 points from Seth VanDeest."),
        [some("seth vandeest")]
    );
    assert_eq!(
        holder("It was Manning's one-yard touchdown pass."),
        [some("manning")]
    );
    // Not holders: a reporting verb's subject, a plural or a noun for people opening
    // the sentence, a name in another clause, a verb's subject that is no name.
    assert_eq!(holder("Police say four people were shot."), [None]);
    assert_eq!(holder("Police shot two men in the yard."), [None]);
    assert_eq!(holder("Shares rose 5 percent in Tokyo."), [None]);
    assert_eq!(holder("Smith said, four people were shot."), [None]);
    assert_eq!(holder("The gunman shot three people."), [None]);
}

#[test]
fn a_measure_is_named_as_its_sentence_writes_it() {
    let label = |sentence: &str| {
        let quantities = quantities_in(sentence);
        let first = quantities.first().expect("a figure");
        (first.measure_label(), first.measure_label_in(sentence))
    };
    // Whose age: the name as written, not the lower-cased key it is compared by, also
    // where it opens the sentence.
    assert_eq!(
        label("Rudolph, 31, is charged with bombing a clinic."),
        ("age of rudolph".to_string(), "age of Rudolph".to_string())
    );
    assert_eq!(
        label("Police said Cleveland Smelley, 31, fired the shot.").1,
        "age of Cleveland Smelley"
    );
    // What a compound describes, and what a unit is of: the word, not its stem.
    assert_eq!(
        label("He pointed a 38-caliber revolver at the officers."),
        (
            "calibers of revolv".to_string(),
            "calibers of revolver".to_string()
        )
    );
    assert_eq!(
        label("Envoys held two days of talks in Florida.").1,
        "days of talks"
    );
    // A month is a name.
    assert_eq!(
        label("The boy shot himself in the hand on Nov. 11.").1,
        "date in November"
    );
    // No complement: the unit alone.
    assert_eq!(label("Police say four people were shot.").1, "people");
}

#[test]
fn a_sum_before_a_noun_is_the_price_of_that_thing() {
    let q = one("He bought a $43,000 Rolex watch and a mink cashmere cape.");
    assert!(q.priced);
    assert_eq!(q.text, "$43,000 Rolex watch");
    assert_eq!(
        q.priced_words()
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>(),
        ["rolex", "watch"]
    );
    // Words joined by hyphens name it too; the scale word is the sum's.
    let plant = one("A $500 million natural-gas-fired power plant could replace boilers.");
    assert_eq!(plant.text, "$500 million natural-gas-fired power plant");
    assert!(!plant.priced_words().iter().any(|k| k.as_str() == "million"));
    // Not a price: no article before the sum, a sum said with "of", a sum that ends
    // the sentence, a percentage.
    for sentence in [
        "He spent $750,000 in campaign cash on personal items.",
        "It sent a $5 million of aid.",
        "He won a $5",
        "Sales saw a 5% rise in the quarter.",
    ] {
        assert!(
            quantities_in(sentence).iter().all(|q| !q.priced),
            "{sentence}"
        );
    }
}
