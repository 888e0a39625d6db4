//! Days: the days a sentence names (dates and weekdays), so that two sentences naming
//! different days are taken as possibly different events rather than a conflict, and
//! whether two sentences name one subject, without which two days are not asked of the
//! fact model. Finding dates in text is [`crate::extract`].

use std::sync::OnceLock;

pub(super) use crate::extract::WEEKDAYS;
use crate::extract::{MONTH_NAMES, QuantityKind, REPORT_ROLE, WEEKDAY_UNIT, days_of_month_in};
use crate::text::key::Key;
use crate::text::terms::{Term, canonical_key, number_word_value, shared_count};

use super::Figure;

/// True when two sentences share a name other than a day's or a month's: with words
/// largely alike, one subject ("Trading in Loral was halted; the shares closed on
/// Monday", "suspended trading in Loral, which closed Friday"), where a formula of
/// round-ups ("Earlier Tuesday, a 32-year-old man was shot in ...") names none.
pub(super) fn share_a_name(a: &[Term], b: &[Term]) -> bool {
    let names = |terms: &[Term]| -> Vec<Key> {
        terms
            .iter()
            .filter(|t| t.is_name && !t.is_number() && !is_calendar_word(t.key))
            .map(|t| t.key)
            .collect()
    };
    let of_b = names(b);
    names(a).iter().any(|name| of_b.contains(name))
}

/// True for the key of a weekday or a month, written in full or cut short ("Sept.").
fn is_calendar_word(key: Key) -> bool {
    static CALENDAR: OnceLock<Vec<Key>> = OnceLock::new();
    CALENDAR
        .get_or_init(|| {
            let short = MONTH_NAMES.iter().map(|month| &month[..3]);
            WEEKDAYS
                .iter()
                .copied()
                .chain(MONTH_NAMES.iter().copied())
                .chain(short)
                .chain(["sept"])
                .map(canonical_key)
                .collect()
        })
        .contains(&key)
}

/// True when two days are not compared because one is a report's ("police said
/// Saturday") and the other is not (the day something was said is not the day it
/// happened), or both are reports' in articles written on different days (each source
/// writes on its own day, so such days differ without disagreeing), or both are
/// weekdays in articles written [`WEEKDAYS_SEEN_APART`] days or more apart. (Weekdays
/// are not placed on the calendar from the day of writing: the dates feeds give are
/// too often a day off, or the day of a later update.)
pub(super) fn days_not_compared(a: &Figure, b: &Figure) -> bool {
    let is_report = |f: &Figure| f.quantity.role.is_some_and(|r| r == REPORT_ROLE);
    if a.quantity.kind != QuantityKind::Day {
        return false;
    }
    let days_apart = match (a.written_on, b.written_on) {
        (Some(x), Some(y)) => (x - y).num_days().abs(),
        _ => 0,
    };
    is_report(a) != is_report(b)
        || is_report(a) && days_apart > 0
        || is_weekday(a) && is_weekday(b) && days_apart >= WEEKDAYS_SEEN_APART
}

/// Days between the writing of two articles from which the weekdays they name are of
/// different weeks: news names a weekday only for the week just past or to come
/// ("Thursday"), and a date beyond it ("Feb. 12"), so "Thursday" in an article of
/// February 13 and "Friday" in one of February 28 are two days, not a disagreement.
const WEEKDAYS_SEEN_APART: i64 = 7;

/// True when two weekdays tell of one night from either side of midnight: "overnight
/// Saturday", "late Saturday" or "Saturday night" against "early Sunday" or "Sunday
/// morning". Crime news is full of both for one shooting.
pub(super) fn one_night_told_twice(a: &Figure, b: &Figure) -> bool {
    if !is_weekday(a) || !is_weekday(b) {
        return false;
    }
    let next_day = |day: f64| day % 7.0 + 1.0;
    let (qa, qb) = (a.quantity, b.quantity);
    let night_before_morning = |night: &Figure, morning: &Figure| {
        let (before, after) = (words_beside(night), words_beside(morning));
        // "late Saturday morning" is a morning, not the night before Sunday.
        let at_night = matches!(before.0.as_str(), "overnight" | "late")
            && !matches!(before.1.as_str(), "morning" | "afternoon")
            || before.1 == "night";
        next_day(night.quantity.value) == morning.quantity.value
            && at_night
            && (after.0 == "early" || after.1 == "morning")
    };
    qa.value != qb.value && (night_before_morning(a, b) || night_before_morning(b, a))
}

/// True when the sentence of day `a` counts from it to day `b`: "An 8-year-old girl was
/// shot Friday night, just two days after a 3-year-old girl was shot" names the
/// Wednesday of the other shooting too, and "had not been seen since Jan. 30, the day
/// after the bombing" the bombing's Jan. 29. That sentence tells of two events a known
/// span apart, and the other sentence's day is the other event's, not a disagreement.
pub(super) fn counts_to_the_other_day(a: &Figure, b: &Figure) -> bool {
    let (qa, qb) = (a.quantity, b.quantity);
    if qa.kind != QuantityKind::Day || qa.unit != qb.unit || qa.value == qb.value {
        return false;
    }
    days_counted_in(a.sentence_text).into_iter().any(|offset| {
        let day = qa.value + offset;
        let day = if is_weekday(a) {
            (day - 1.0).rem_euclid(7.0) + 1.0
        } else {
            day
        };
        day == qb.value
    })
}

/// The spans a sentence counts from its day to another event's, in days and signed
/// the way they lead from its day: "two days after" the other event is -2, "the day
/// before" it +1.
fn days_counted_in(sentence: &str) -> Vec<f64> {
    if !sentence.contains("day after")
        && !sentence.contains("days after")
        && !sentence.contains("day before")
        && !sentence.contains("days before")
    {
        return Vec::new();
    }
    let words = crate::text::terms::words(sentence);
    let lower: Vec<String> = words.iter().map(|w| w.text.to_lowercase()).collect();
    lower
        .windows(3)
        .filter_map(|w| {
            let direction = match w[2].as_str() {
                "after" => -1.0,
                "before" => 1.0,
                _ => return None,
            };
            let span = match (w[0].as_str(), w[1].as_str()) {
                ("the" | "a" | "one", "day") => 1.0,
                (count, "days") => count
                    .parse::<f64>()
                    .ok()
                    .or_else(|| number_word_value(count))?,
                _ => return None,
            };
            Some(direction * span)
        })
        .collect()
}

/// The words right before and right after a day's figure, in lower case.
fn words_beside(day: &Figure) -> (String, String) {
    let text = day.sentence_text;
    let q = day.quantity;
    let before = text
        .get(..q.start)
        .and_then(|t| t.split_whitespace().next_back())
        .unwrap_or("");
    let after = text
        .get(q.end..)
        .and_then(|t| t.split_whitespace().next())
        .unwrap_or("")
        .trim_end_matches(|c: char| !c.is_alphabetic());
    (before.to_lowercase(), after.to_lowercase())
}

fn is_weekday(figure: &Figure) -> bool {
    figure.quantity.unit == WEEKDAY_UNIT
}

/// True when both sentences name a day (a date or a weekday) and no day is named in
/// both: "on Monday" against "on Tuesday", "December 6" against "December 7". Takes
/// each sentence's [`days_named`].
pub(super) fn name_different_days(a: Option<&Vec<Day>>, b: Option<&Vec<Day>>) -> bool {
    match (a, b) {
        (Some(days_a), Some(days_b)) => {
            !days_a.is_empty() && !days_b.is_empty() && shared_count(days_a, days_b) == 0
        }
        _ => false,
    }
}

/// A day a sentence names: a date's year (when given), month and day, or a weekday (its
/// place in [`WEEKDAYS`]). Two are equal only when they name the same day alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Day {
    Date(Option<i32>, u32, u32),
    Weekday(usize),
}

/// The distinct days a sentence names, ascending, so that two sentences' days are
/// compared by a merge.
pub(super) fn days_named(sentence: &str) -> Vec<Day> {
    if !may_name_a_day(sentence) {
        return Vec::new();
    }
    let words = crate::text::terms::words(sentence);
    let mut days: Vec<Day> = days_of_month_in(sentence, &words)
        .into_iter()
        .map(|(year, month, day)| Day::Date(year, month, day))
        .collect();
    days.extend(
        words
            .iter()
            .filter_map(|w| weekday_named(w.text))
            .map(Day::Weekday),
    );
    days.sort_unstable();
    days.dedup();
    days
}

/// False when the sentence can name no day: a date has digits, and every weekday's
/// name ends in "day", in any case (see [`weekday_named`]).
fn may_name_a_day(sentence: &str) -> bool {
    let bytes = sentence.as_bytes();
    bytes.iter().any(u8::is_ascii_digit) || bytes.windows(3).any(|w| w.eq_ignore_ascii_case(b"day"))
}

/// The weekday a word names, as its place in [`WEEKDAYS`], compared without
/// lower-casing the word: no character outside ASCII lower-cases to a letter of a
/// weekday's name.
pub(super) fn weekday_named(word: &str) -> Option<usize> {
    WEEKDAYS
        .iter()
        .position(|day| word.eq_ignore_ascii_case(day))
}
