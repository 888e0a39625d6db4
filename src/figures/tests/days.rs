//! Tests of days in figures: days of one event flagged, days of reports and of pages
//! told from days of events, days of different weeks, and when days ask the fact model.

use super::*;

/// [`days_named`] as first written, as text: a set of strings.
fn days_named_as_text(sentence: &str) -> std::collections::BTreeSet<String> {
    let mut days: std::collections::BTreeSet<String> = crate::extract::dates_in(sentence)
        .into_iter()
        .filter_map(|d| Some(format!("{:?}-{}-{}", d.year, d.month?, d.day?)))
        .collect();
    days.extend(
        crate::text::terms::words(sentence)
            .iter()
            .filter_map(|w| weekday_named(w.text))
            .map(|k| WEEKDAYS[k].to_string()),
    );
    days
}

#[test]
fn days_named_as_values_are_the_days_named_as_text() {
    for sentence in [
        "On Monday, Dec. 8, talks resumed; on MONDAY 8 December 2025 they ended.",
        "The 2025-12-08 vote, the Sunday vote and the sunday one.",
        "Nothing on a day without digits: today, Tuesdays.",
        "Friday 5 May 2023 and May 5 and 5 may.",
        "",
    ] {
        let as_text: Vec<String> = days_named(sentence)
            .iter()
            .map(|day| match *day {
                Day::Date(year, month, day) => format!("{year:?}-{month}-{day}"),
                Day::Weekday(k) => WEEKDAYS[k].to_string(),
            })
            .collect();
        let expected: Vec<String> = days_named_as_text(sentence).into_iter().collect();
        let mut sorted = as_text.clone();
        sorted.sort();
        assert_eq!(sorted, expected, "{sentence:?}");
        assert_eq!(as_text.len(), expected.len());
    }
}

#[test]
fn figures_from_sentences_naming_different_days_may_be_different_events() {
    let a = read("On Monday, Russia launched 653 drones at Ukraine, the air force said.");
    let b = read("On Tuesday, Russia launched 370 drones at Ukraine, the air force said.");
    let figures = figures_of(&[(0, &a), (1, &b)]);
    let found = by_words(&figures);
    assert_eq!(found.len(), 1);
    assert!(found[0].may_be_different_events);
    let c = read("Russia launched 370 drones at Ukraine overnight, the air force said.");
    let figures = figures_of(&[(0, &a), (1, &c)]);
    assert!(!by_words(&figures)[0].may_be_different_events);
}

#[test]
fn days_and_weekdays_of_one_event_are_flagged() {
    assert_eq!(
        flagged_values(
            "The dividend is payable Nov. 7 to shareholders of record Oct. 15.",
            "The dividend is payable on Nov. 17 to shareholders of record Oct. 15."
        ),
        vec![vec!["Nov. 7".to_string(), "Nov. 17".to_string()]]
    );
    assert_eq!(
        flagged_values(
            "The agent filed the lawsuit on Friday in federal court in Washington.",
            "The agent filed the lawsuit on Sunday in federal court in Washington."
        ),
        vec![vec!["Friday".to_string(), "Sunday".to_string()]]
    );
    // Days of different events in one story.
    assert!(
        flagged_values(
            "On Monday police said the suspect had fled the city after the shooting.",
            "He was charged with murder on Tuesday and held without bail."
        )
        .is_empty()
    );
    // A name is not a day.
    assert!(
        flagged_values(
            "Shoppers crowded the mall on Black Friday this year.",
            "Shoppers crowded the mall on Cyber Monday this year."
        )
        .is_empty()
    );
}

#[test]
fn days_ask_the_fact_model_only_of_sentences_alike_that_name_one_subject() {
    // A fact model that calls every two sentences one fact: what the words allow is
    // what is flagged.
    let flagged_by_a_credulous_model = |a: &str, b: &str| {
        let reads = [read(a), read(b)];
        let placed: Vec<(usize, &Read)> = reads.iter().enumerate().collect();
        let figures = figures_of(&placed);
        texts_of(&figures, discrepancies_in(&figures, &|_, _| true))
    };
    // One company's close, told with half the words alike.
    assert_eq!(
        flagged_by_a_credulous_model(
            "Trading in Loral was halted yesterday; the shares closed on Monday at $3.01.",
            "The New York Stock Exchange suspended trading yesterday in Loral, which closed at $3.01 Friday."
        ),
        vec![vec!["Monday".to_string(), "Friday".to_string()]]
    );
    // A round-up's formula names no one: two shootings of two days, with half the
    // words alike.
    assert!(
        flagged_by_a_credulous_model(
            "Earlier Tuesday, a man was shot while walking home from work.",
            "Earlier Friday, a man was shot while walking to a store at night."
        )
        .is_empty()
    );
    // A month both name is no subject.
    assert!(
        flagged_by_a_credulous_model(
            "Earlier Tuesday in March, a man was shot while walking home from work.",
            "Earlier Friday in March, a man was shot while driving to a store."
        )
        .is_empty()
    );
    // One name, but too few words alike.
    assert!(
        flagged_by_a_credulous_model(
            "Earlier Tuesday afternoon, a 32-year-old man was shot in the Englewood neighborhood on the South Side.",
            "Earlier Friday, a 64-year-old man was killed in the Garfield Ridge community on the Southwest Side."
        )
        .is_empty()
    );
}

#[test]
fn a_different_day_beside_a_different_amount_is_not_set_against_it() {
    let found = flagged(
        "On Monday, Russia launched 653 drones at Ukraine, the air force said.",
        "On Tuesday, Russia launched 370 drones at Ukraine, the air force said.",
    );
    assert_eq!(
        found,
        vec![vec!["653 drones".to_string(), "370 drones".to_string()]]
    );
}

#[test]
fn days_of_reports_written_on_different_days_are_not_set_against_each_other() {
    let (a, b) = (
        read("The suspect was arrested after the shooting, police said Saturday."),
        read("The suspect was arrested after the shooting, police said Monday."),
    );
    let mut figures = figures_of(&[(0, &a), (1, &b)]);
    written_on(&mut figures, (2016, 5), [21, 23]);
    assert!(by_words(&figures).is_empty());
    // Written on one day, the two reports disagree about when it was said.
    written_on(&mut figures, (2016, 5), [23, 23]);
    assert_eq!(by_words(&figures).len(), 1);
    // The day something was said is not the day it happened.
    assert!(
        flagged_values(
            "The fire at the church was set Friday night, the fire chief said.",
            "The fire at the church was set deliberately, the fire chief said Saturday."
        )
        .is_empty()
    );
}

#[test]
fn weekdays_of_articles_written_a_week_or_more_apart_are_of_different_weeks() {
    let (a, b) = (
        read("A federal judge struck down the line-item veto Thursday as unconstitutional."),
        read("A federal judge struck down the line-item veto Friday as unconstitutional."),
    );
    let mut figures = figures_of(&[(0, &a), (1, &b)]);
    written_on(&mut figures, (1998, 2), [13, 20]);
    assert!(by_words(&figures).is_empty());
    // Written within the week, they name two days of one act.
    written_on(&mut figures, (1998, 2), [13, 14]);
    assert_eq!(by_words(&figures).len(), 1);
}

#[test]
fn a_day_in_the_possessive_is_the_day_of_the_thing_after_it() {
    assert!(
        flagged_values(
            "Chargers receiver Vincent Jackson was arrested on suspicion of drunk driving on Tuesday.",
            "The arrest of Chargers receiver Vincent Jackson on suspicion of drunk driving will not affect Sunday's playoff game."
        )
        .is_empty()
    );
    assert_eq!(
        flagged_values(
            "The arrest of Chargers receiver Vincent Jackson will not affect his status for Sunday's playoff game.",
            "The arrest of Chargers receiver Vincent Jackson will not affect his status for Saturday's playoff game."
        )
        .len(),
        1
    );
}
