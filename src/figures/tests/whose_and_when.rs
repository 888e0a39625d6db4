//! Tests of which figures are one measure by whose they are and when: figures of two
//! named holders, a sum over several incidents against a count of one, a running total
//! over a period against a count that names no period, a gap between two events against
//! a span, those who remain against all who were hurt, those who did it against those
//! it befell, two sentences that each give both values, a count beside a day well before its
//! article was written (maybe of another event), sentences naming different places
//! (maybe of different events), and sentences that differ on every figure but a toll
//! (maybe of different events).

use super::{by_words, figures_of, flagged_as_written, flagged_values, read};

/// For each discrepancy between the two sentences (from two articles), whether it is
/// marked as maybe of different events.
fn marked(a: &str, b: &str) -> Vec<bool> {
    let (a, b) = (read(a), read(b));
    by_words(&figures_of(&[(0, &a), (1, &b)]))
        .iter()
        .map(|d| d.may_be_different_events)
        .collect()
}

#[test]
fn figures_of_two_named_holders_are_two_measures() {
    // Two players' points in one game, against one player's points told twice.
    assert!(
        flagged_values(
            "Richard Carter scored 14 points in the win over Creighton on Friday.",
            "Seth VanDeest scored 13 points in the win over Creighton on Friday."
        )
        .is_empty()
    );
    assert_eq!(
        flagged_values(
            "Richard Carter scored 14 points in the win over Creighton on Friday.",
            "Carter scored 12 points in the win over Creighton on Friday."
        )
        .len(),
        1
    );
}

#[test]
fn a_sum_over_several_incidents_is_not_set_against_a_count_of_one() {
    let one = "Two people were killed and three others were wounded in a shooting in Stockton late Sunday night.";
    assert!(
        flagged_values(
            one,
            "Two people were killed and four others were wounded in separate shootings in Stockton late Sunday night."
        )
        .is_empty()
    );
    assert_eq!(
        flagged_values(
            one,
            "Two people were killed and four others were wounded in the shooting in Stockton late Sunday night."
        )
        .len(),
        1
    );
}

#[test]
fn a_running_total_is_not_set_against_a_count_that_names_no_period() {
    let total =
        "In all, 762 people have been killed in Chicago so far this year, police data show.";
    assert!(
        flagged_values(total, "Five people have been killed in Chicago.").is_empty(),
        "a count that names no period is the event's"
    );
    assert!(
        flagged_values(
            total,
            "Five people were killed in Chicago when a gunman opened fire on a family party in 2016, police said."
        )
        .is_empty(),
        "one that names a year is compared only in a sentence about the same matter"
    );
    assert_eq!(
        flagged_values(
            total,
            "In all, 704 people have been killed in Chicago in 2016."
        )
        .len(),
        1,
        "a total whose period is named another way is compared"
    );
    assert_eq!(
        flagged_values(
            total,
            "In all, 704 people have been killed in Chicago so far this year."
        )
        .len(),
        1,
        "two totals of one period are compared"
    );
}

#[test]
fn a_gap_between_two_events_is_not_a_span() {
    let wait = "The new endangered species rule takes effect in 30 days, the agency said.";
    assert!(
        flagged_values(
            wait,
            "The new endangered species rule takes effect nine days before the inauguration, the agency said."
        )
        .is_empty()
    );
    assert_eq!(
        flagged_values(
            wait,
            "The new endangered species rule takes effect in nine days, the agency said."
        )
        .len(),
        1
    );
    // Two gaps, said "after N days" and "N days after", are one measure.
    assert_eq!(
        flagged_values(
            "Police said the girl was found safe two days after being abducted from her home.",
            "Police said the girl was found safe after seven days, abducted from her home."
        )
        .len(),
        1
    );
}

#[test]
fn those_who_remain_are_not_all_who_were_hurt() {
    let taken = "Seven people were rushed to Denver Health Medical Center after the shooting.";
    assert!(
        flagged_values(
            taken,
            "Three people remained in critical condition at Denver Health Medical Center after the shooting."
        )
        .is_empty()
    );
    assert!(
        flagged_values(
            taken,
            "Police say one man remains at Denver Health Medical Center after the shooting."
        )
        .is_empty()
    );
    // Two counts of those who remain are one measure.
    assert_eq!(
        flagged_values(
            "Three people remained in critical condition at Denver Health Medical Center on Sunday.",
            "Two people remained in critical condition at Denver Health Medical Center on Sunday."
        )
        .len(),
        1
    );
}

#[test]
fn those_who_did_it_are_not_counted_with_those_it_befell() {
    assert!(
        flagged_values(
            "Two others, a 26-year-old man and a 39-year-old man, were also shot.",
            "One suspect is a 26-year-old man; the other is a 20-year-old man."
        )
        .is_empty()
    );
    assert_eq!(
        flagged_values(
            "Police arrested two suspects in the shooting on Sunday.",
            "Police arrested three people in the shooting on Sunday."
        )
        .len(),
        1
    );
}

#[test]
fn two_sentences_that_each_give_both_values_do_not_conflict() {
    let nyt = "Democrats re-elected Steny Hoyer as whip, the No. 2 position, as well as Jim Clyburn in the No. 3 spot as assistant leader.";
    assert!(
        flagged_values(
            nyt,
            "Steny Hoyer kept the No. 2 job of whip, and Jim Clyburn remained in No. 3 position of assistant leader."
        )
        .is_empty()
    );
    // One that gives one rank only still disagrees with the other's.
    assert_eq!(
        flagged_values(
            nyt,
            "Steny Hoyer kept the No. 2 job of whip, and Jim Clyburn remained in the No. 4 position."
        )
        .len(),
        1
    );
}

#[test]
fn a_count_beside_a_day_well_before_its_article_may_be_of_another_event() {
    // Flagged, and whether it is shown as maybe of different events.
    let marked = |first, second| -> Vec<bool> {
        flagged_as_written(first, second)
            .iter()
            .map(|d| d.may_be_different_events)
            .collect()
    };
    let story = (
        "2016-07-29",
        "Five officers were killed in the gunfire in San Diego, police said.",
    );
    let earlier = (
        "2016-07-29",
        "Three officers were killed on July 7 in the gunfire in Dallas, police said.",
    );
    assert_eq!(marked(story, earlier), vec![true]);
    // A day or two on, the date is the story's own.
    let next_day = (
        "2016-07-29",
        "Three officers were killed on July 28 in the gunfire in San Diego, police said.",
    );
    assert_eq!(marked(story, next_day), vec![false]);
    // Both name the earlier day: one earlier event.
    let also_earlier = (
        "2016-08-02",
        "Five officers were killed on July 7 in the gunfire in Dallas, police said.",
    );
    assert_eq!(marked(earlier, also_earlier), vec![false]);
    // An age is the person's when the article was written, whatever date is beside it.
    assert_eq!(
        marked(
            ("1998-07-20", "Rudolph, 31, bombed the clinic Jan. 29."),
            ("1998-07-20", "Rudolph, 32, bombed the clinic, police said.")
        ),
        vec![false]
    );
}

#[test]
fn figures_from_sentences_naming_different_places_may_be_of_different_events() {
    let dallas = "Five officers were killed in a sniper attack in Dallas, police said.";
    assert_eq!(
        marked(
            dallas,
            "Three officers were killed in a sniper attack in Baton Rouge, police said."
        ),
        vec![true]
    );
    // A street names a place; so does a name after an abbreviation ("Ft.").
    assert_eq!(
        marked(
            "Police said 13 people were injured in the shooting on North Capitol Street.",
            "Police said seven people were injured in the shooting on New York Avenue."
        ),
        vec![true]
    );
    // One place named two ways, a sentence naming no place, where someone lives, and
    // a month after "in" are no sign of another event.
    for other in [
        "Three officers were killed in a sniper attack in downtown Dallas, police said.",
        "Three officers were killed in a sniper attack, police said.",
        "Three officers were killed in a sniper attack, said police living in Austin.",
        "Three officers were killed in a sniper attack in July, police said.",
    ] {
        assert_eq!(marked(dallas, other), vec![false], "{other}");
    }
    assert_eq!(
        marked(
            "Five people were killed in the shooting at Fort Lauderdale-Hollywood International Airport.",
            "Three people were killed in the shooting at Ft. Lauderdale-Hollywood International Airport."
        ),
        vec![false]
    );
    // An age is its person's wherever the sentences are set.
    assert_eq!(
        marked(
            "Robert Buckley, 32, died while climbing in the Aoraki Mount Cook National Park.",
            "Robert Buckley, 31, who lived in Christchurch, died while climbing in Wanaka."
        ),
        vec![false]
    );
}

#[test]
fn sentences_differing_on_every_figure_but_a_toll_may_be_of_different_events() {
    // Two games' lines: every figure differs.
    assert_eq!(
        marked(
            "Earl Clark finished the victory with 25 points and 16 rebounds.",
            "Earl Clark finished the victory with 22 points and nine rebounds."
        ),
        vec![true, true]
    );
    // One figure alike: the other is a disagreement about one game.
    assert_eq!(
        marked(
            "Earl Clark finished the victory with 25 points and 16 rebounds.",
            "Earl Clark finished the victory with 25 points and nine rebounds."
        ),
        vec![false]
    );
    // Two people's ages told differently are disagreements about them.
    assert_eq!(
        marked(
            "The suspects, Udi Hargov, 27, and Igal Damary, 47, deny they are spies.",
            "The suspects, Udi Hargov, 37, and Igal Damary, 49, deny they are spies."
        ),
        vec![false, false]
    );
    // A toll: a wounded victim who dies changes the dead and the wounded together.
    assert_eq!(
        marked(
            "Two people were killed and five others wounded in the Christmas shooting.",
            "Three people were killed and four others wounded in the Christmas shooting."
        ),
        vec![false, false]
    );
}
