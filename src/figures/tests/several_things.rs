//! Tests of how the figures stage tells several things counted in one unit from one
//! thing told two ways: an article's own two values, sentences that share only the
//! unit, measures given many values, lines of statistics, narrower nouns for people,
//! values a third sentence gives together, and a sentence that counts from its day to
//! the other's.

use super::*;

#[test]
fn an_article_giving_two_values_of_a_measure_sets_neither_against_another_source() {
    // One article tells of this party's dead and of last week's; another gives this
    // party's. Which of the first article's counts the second's is of cannot be told.
    let tonight = read(
        "A house party ended in gunfire overnight, leaving one person dead and three others wounded.",
    );
    let last_week = read(
        "On Nov. 9, gunfire erupted at a house party, leaving two people dead and 19 others wounded.",
    );
    let other = read(
        "A house party ended in gunfire overnight, leaving two people dead and three others hurt.",
    );
    let both = figures_of(&[(0, &tonight), (0, &last_week), (1, &other)]);
    assert!(by_words(&both).is_empty());
    // Each article giving one value: the sources disagree.
    let alone = figures_of(&[(0, &tonight), (1, &other)]);
    let found = by_words(&alone);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].values.len(), 2);
}

#[test]
fn sentences_sharing_only_the_unit_or_a_short_part_of_a_long_one_do_not_say_the_same() {
    // All they share beside the figures is "catches" and "yards": two players.
    assert!(
        flagged(
            "He wound up with eight catches for 101 yards.",
            "He has 53 catches for 605 yards and five touchdowns."
        )
        .is_empty()
    );
    // Half the short sentence is in the long one, a small part of the long one in it.
    assert!(
        flagged(
            "Charles finished with 226 yards.",
            "Charles watched from the sideline in the fourth quarter as Hillis finished with 101 yards and the Chiefs lost their ninth straight game."
        )
        .is_empty()
    );
    // Told in largely the same words, the counts are set against each other.
    assert_eq!(
        flagged(
            "He wound up with eight catches for 101 yards in the win over Jacksonville.",
            "He finished with eight catches for 150 yards in the win over Jacksonville."
        ),
        vec![vec!["101 yards".to_string(), "150 yards".to_string()]]
    );
}

#[test]
fn a_story_giving_many_values_of_a_measure_uses_it_for_several_things() {
    let game = [
        "The quarterback threw for 205 yards in the win over the Chiefs.",
        "The quarterback threw for 310 yards in the win over the Chiefs.",
    ];
    assert_eq!(flagged_among(&game).len(), 1);
    // Five more values of thrown yards, each of another thing: the two above are no
    // longer a disagreement to flag.
    let season = [
        "Over the season his backup threw for 1,212 yards.",
        "In his rookie year Manning threw for 3,739 yards.",
        "Brees threw for 5,476 yards, a record at the time.",
        "Against Denver the starter threw for 98 yards.",
        "Nobody else on the roster threw for 40 yards.",
    ];
    let story: Vec<&str> = game.iter().chain(&season).copied().collect();
    assert!(flagged_among(&story).is_empty());
}

#[test]
fn sentences_that_differ_on_every_figure_of_a_line_are_of_different_subjects() {
    assert!(
        flagged_values(
            "On Sunday he had 70 yards rushing on nine carries and 55 yards receiving on five catches for the Saints.",
            "This season he had 269 yards rushing on 83 carries and 201 yards receiving on 29 catches for the Saints."
        )
        .is_empty()
    );
    // A toll differs on two figures: still one event told two ways.
    assert_eq!(
        flagged_values(
            "Two people were killed and five were wounded in the shooting at the club on Sunday.",
            "Three people were killed and four were wounded in the shooting at the club on Sunday."
        )
        .len(),
        2
    );
    // A figure they agree on makes them one subject.
    assert_eq!(
        flagged_values(
            "On Sunday he had 70 yards rushing on nine carries, five catches and two fumbles for the Saints.",
            "On Sunday he had 90 yards rushing on 12 carries, five catches and three fumbles for the Saints."
        )
        .len(),
        3
    );
}

#[test]
fn people_named_by_a_narrower_noun_are_one_count_only_in_sentences_of_one_matter() {
    assert!(
        flagged_values(
            "The quakes injured 11 residents of Manokwari, the town's mayor said on Monday.",
            "The quakes injured at least 40 people across Papua province, officials said."
        )
        .is_empty()
    );
    assert_eq!(
        flagged_values(
            "Police say five teens were injured in a shooting at a Sweet 16 party in Bridgeport.",
            "Police say six people were injured in a shooting at a Sweet 16 party in Bridgeport."
        )
        .len(),
        1
    );
}

#[test]
fn values_a_third_sentence_gives_together_do_not_conflict() {
    let depth = "The quake hit at a depth of 10 kilometers in the Northern Province of Aceh, the US Geological Survey said.";
    let distance = "The epicenter of the quake was roughly 55 kilometers from the town of Bireuen in Aceh province, the US Geological Survey said.";
    assert_eq!(flagged_among(&[depth, distance]).len(), 1);
    let both = "The US Geological Survey said the quake struck at a depth of 10 kilometers and its epicenter was located 55 kilometers west of the town of Bireun.";
    assert!(flagged_among(&[depth, distance, both]).is_empty());
    // Values given together of other things explain nothing: two killed and five
    // injured in one report leave two killed against five killed in others.
    let killed_two = "Two people were killed in the shooting at the club on Sunday, police said.";
    let killed_five = "Five people were killed in the shooting at the club on Sunday, police said.";
    let toll =
        "Two people were killed and five were injured in the shooting at the club on Sunday.";
    assert_eq!(flagged_among(&[killed_two, killed_five, toll]).len(), 1);
}

#[test]
fn a_group_told_in_parts_is_part_of_the_people_counted_in_general() {
    let whole = "Four people were found dead inside the home on Monday, police said.";
    assert!(
        flagged_among(&[
            "Two men and a woman were found dead inside the home on Monday, police said.",
            whole
        ])
        .is_empty()
    );
    // Told as the whole count, the narrower noun still disagrees.
    assert_eq!(
        flagged_among(&[
            "Two men were found dead inside the home on Monday, police said.",
            whole
        ])
        .len(),
        1
    );
}

#[test]
fn what_was_needed_or_expected_is_not_what_happened() {
    let needed = "Hansbrough needed nine points in the game against Evansville on Thursday night to pass Ford.";
    let scored = "Hansbrough passed Ford while posting 20 points in the game against Evansville on Thursday night.";
    assert!(flagged(needed, scored).is_empty());
    // Two outcomes told alike still disagree.
    assert_eq!(
        flagged(
            &needed.replace("needed", "scored"),
            &scored.replace("posting", "scoring")
        )
        .len(),
        1
    );
}

#[test]
fn a_sentence_opening_in_an_earlier_year_tells_of_another_event() {
    let earlier = read("And in 2005, four others were killed in a rampage in Thousand Oaks.");
    let now = read("The rampage left them and three others killed in Santa Monica, police said.");
    let mut figures = figures_of(&[(0, &earlier), (1, &now)]);
    written_on(&mut figures, (2013, 6), [8, 8]);
    assert!(by_words(&figures).is_empty());
    // Two sentences of one earlier year that say largely the same are compared.
    let opening = read("In 2004, a tsunami killed 230,000 people in 14 countries.");
    let closing = read("A tsunami killed 230,000 people in 13 countries in 2004.");
    let mut figures = figures_of(&[(0, &opening), (1, &closing)]);
    written_on(&mut figures, (2013, 6), [8, 8]);
    assert_eq!(by_words(&figures).len(), 1);
}

#[test]
fn one_night_told_from_either_side_of_midnight_is_no_conflict() {
    let early = "A deputy fatally shot a teenage boy after a domestic violence call early Monday in Villa Park.";
    let late = "A deputy fatally shot a 17-year-old boy after a domestic battery call late Sunday in Villa Park.";
    assert!(flagged(early, late).is_empty());
    let overnight = "A child shot another child on the north side overnight Saturday.";
    let morning = "A child shot another child on the north side Sunday morning.";
    assert!(flagged(overnight, morning).is_empty());
    // A late morning is a morning: the days disagree.
    let late_morning = "A deputy fatally shot a 17-year-old boy after a domestic battery call late Sunday morning in Villa Park.";
    assert_eq!(flagged(early, late_morning).len(), 1);
}

#[test]
fn a_sentence_that_counts_from_its_day_to_the_others_tells_of_both() {
    let wednesday =
        "A 3-year-old girl was shot Wednesday evening in a home in Southeast D.C., police said.";
    let friday = "An 8-year-old girl was shot in Southeast D.C. Friday night, just two days after a 3-year-old girl was shot in a home.";
    assert!(flagged(wednesday, friday).is_empty());
    let seen = "Rudolph had not been seen since Jan. 30, the day after the bombing of a Birmingham abortion clinic.";
    let bombed = "Rudolph is charged with the bombing of a Birmingham abortion clinic Jan. 29.";
    assert!(flagged(seen, bombed).is_empty());
    // Counted to another day than the other sentence's, the days disagree.
    let three_days = "An 8-year-old girl was shot in Southeast D.C. Friday night, just three days after a 3-year-old girl was shot in a home.";
    assert_eq!(flagged(wednesday, three_days).len(), 1);
}
