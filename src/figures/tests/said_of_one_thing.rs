//! Tests of what says that two figures in sentences that share little count one thing:
//! a complement that tells which thing (not a percentage's whole, nor the noun a
//! compound describes), and a known verb (not only the way a level moved, unless the
//! sentences give another number alike); and of two verbs of one count, one measure
//! only in sentences alike both ways.

use super::{flagged, flagged_values};

#[test]
fn a_complement_said_with_of_tells_which_thing() {
    assert_eq!(
        flagged_values(
            "Three days of talks between the two delegations ended in Miami without a deal.",
            "US envoy Steve Witkoff said two days of talks ended on Sunday with no agreement."
        ),
        vec![vec![
            "Three days of talks".to_string(),
            "two days of talks".to_string()
        ]]
    );
}

#[test]
fn the_whole_a_percentage_is_of_does_not_tell_which_share() {
    assert!(
        flagged(
            "An opinion poll for the Kathimerini newspaper found that 68 per cent of Greeks believe the government has mishandled the crisis.",
            "An opinion poll published by Ethnos newspaper on Sunday said 83.3 percent of Greeks were unhappy with the government's response to the violence."
        )
        .is_empty()
    );
}

#[test]
fn the_noun_a_compound_describes_does_not_tell_which_thing() {
    assert!(
        flagged(
            "Bonner later described Davis as an 18-year law enforcement officer.",
            "Oliver was a 15-year law enforcement veteran."
        )
        .is_empty()
    );
    assert!(
        flagged(
            "Manning then threw a 41-yard touchdown pass to Reggie Wayne before the half.",
            "However Manning's one-yard touchdown pass to tight end Dallas Clark tied the scores."
        )
        .is_empty()
    );
    // In sentences that say largely the same, the compound is one measure still.
    assert_eq!(
        flagged_values(
            "Police arrested seven of the 14-member cell in raids on Tuesday.",
            "Police arrested seven of the 29-member cell in raids on Tuesday."
        )
        .len(),
        1
    );
}

#[test]
fn the_way_a_level_moved_does_not_tell_which_level() {
    assert!(
        flagged(
            "Radar data from a Nantucket airport showed that Kennedy's plane dropped 1,100 feet in only 14 seconds on that hazy Friday night as it flew southwest of Martha's Vineyard.",
            "Over the next 29 seconds, the plane dropped 700 feet."
        )
        .is_empty()
    );
    // Another number alike pins down one occasion.
    assert_eq!(
        flagged_values(
            "The Nikkei average ended trading down 1.83 percent at 10,310.04, a four-week low.",
            "The Nikkei average .N225 was down 12.49 percent or 192.25 points at 10,310.04, its lowest close since August 28."
        ),
        vec![vec![
            "1.83 percent".to_string(),
            "12.49 percent".to_string()
        ]]
    );
    // Of a count, the verb says what happened to the things counted.
    assert_eq!(
        flagged_values(
            "Planes dropped four bombs near the airstrip on Thursday afternoon, aid workers said.",
            "An Antonov bomber dropped five bombs on the refugee camp at Yida on Thursday."
        )
        .len(),
        1
    );
}

#[test]
fn two_verbs_of_a_count_are_one_only_in_sentences_alike_both_ways() {
    // The short sentence is nearly all in the long one, which tells of much else.
    assert!(
        flagged(
            "The shooter, identified by police as Pedro Vargas, set his apartment ablaze, opened fire from his balcony and held two people hostage before a SWAT team shot him.",
            "Police said Pedro Vargas fatally shot six people in his apartment."
        )
        .is_empty()
    );
    // Two ways of saying one thing.
    assert_eq!(
        flagged_values(
            "Organizers submitted 12,000 signatures to the county clerk on Monday.",
            "Organizers turned in 15,000 signatures to the county clerk on Monday."
        )
        .len(),
        1
    );
}

#[test]
fn the_price_of_one_thing_is_compared_only_where_that_thing_is_named() {
    // "a $43,000 Rolex watch" is what the watch cost, not what was spent in all.
    assert!(
        flagged(
            "Former Rep. Jesse Jackson Jr. pleaded guilty Wednesday in federal court to charges that he spent $750,000 in campaign cash on personal items.",
            "Former Rep. Jesse Jackson Jr. pleaded guilty in a federal courtroom Wednesday to using campaign funds to buy personal items including a $43,000 Rolex watch."
        )
        .is_empty()
    );
    // Two prices of one thing, or a price and a sum said of that thing, are compared.
    assert_eq!(
        flagged(
            "Police have also offered a $20,000 reward for information regarding her death.",
            "Police had offered a $40,000 reward for information leading to an arrest."
        ),
        vec![vec![
            "$20,000 reward".to_string(),
            "$40,000 reward".to_string()
        ]]
    );
    assert_eq!(
        flagged(
            "The contract also includes a $200,000 buyout, the university said.",
            "Perkins also had a $400,000 buyout clause in his contract, the university said."
        ),
        vec![vec![
            "$200,000 buyout".to_string(),
            "$400,000 buyout clause".to_string()
        ]]
    );
    // A bond posted for release is bail.
    assert_eq!(
        flagged(
            "Jackson posted a $3 million bond and returned to Las Vegas.",
            "After posting $13 million bail, Jackson flew to Las Vegas."
        ),
        vec![vec![
            "$3 million bond".to_string(),
            "$13 million".to_string()
        ]]
    );
}

#[test]
fn names_before_the_noun_tell_whose_things_are_counted() {
    // Passports of two countries, senators of two parties: two counts.
    assert!(
        flagged(
            "Al-Amoudi made 10 trips to Libya using one Yemeni passport.",
            "Al-Amoudi made 10 trips to Libya using two U.S. passports."
        )
        .is_empty()
    );
    assert!(
        flagged(
            "The bill was blocked by 15 Republican senators on Tuesday.",
            "The bill was blocked by 12 Democratic senators on Tuesday."
        )
        .is_empty()
    );
    // One party's senators, or a name on one side only, are one count.
    for other in [
        "The bill was blocked by 12 Republican senators on Tuesday.",
        "The bill was blocked by 12 senators on Tuesday.",
    ] {
        assert_eq!(
            flagged(
                "The bill was blocked by 15 Republican senators on Tuesday.",
                other
            )
            .len(),
            1,
            "{other}"
        );
    }
}

#[test]
fn a_group_named_before_is_one_only_in_sentences_alike() {
    assert_eq!(
        flagged_values(
            "All three were studied for fingerprints, DNA and other traces of evidence.",
            "All eight were studied for fingerprints, DNA and other traces of evidence, officials said."
        ),
        vec![vec!["three".to_string(), "eight".to_string()]]
    );
    assert!(
        flagged(
            "The two were questioned at a motel near the airport after a chase through Dayton.",
            "The three were questioned in Dayton about a robbery at a store."
        )
        .is_empty()
    );
}
