//! Days as figures: each date that names a day of a month ("Nov. 7") and each weekday
//! ("on Tuesday") that is not part of a name ("Black Friday"), read as a
//! [`QuantityKind::Day`] quantity after every other figure of the sentence.
//!
//! Finding the dates themselves is [`super::dates`]; this file only turns them, and the
//! weekdays, into quantities.

use std::borrow::Cow;

use crate::text::terms::{Key, Word, gap_after, gap_before};

use super::prefilter::may_name_a_weekday;
use super::{Quantity, QuantityKind};

/// Weekdays, in order: a weekday figure's value is its place here, from 1.
pub(crate) const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

pub(super) const MONTH_NAMES: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The days of events a sentence names, as [`QuantityKind::Day`] figures: each date
/// that names a day of a month, and each weekday ("on Tuesday", "Saturday's raid")
/// that is not part of a name ("Black Friday", "the Sunday Times").
pub(super) fn days_named(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    dates: &[super::dates::DateSpan],
    out: &mut Vec<Quantity>,
) {
    let day = |first: usize, last: usize, value: u32, unit: String| {
        let (start, end) = (words[first].start, words[last].end);
        Quantity {
            value: f64::from(value),
            upper: None,
            qualifier: None,
            kind: QuantityKind::Day,
            unit: Key::new(&unit),
            complement: None,
            role: None,
            person: false,
            text: sentence[start..end].to_string(),
            start,
            end,
        }
    };
    for date in dates {
        if let (Some(month), Some(d)) = (date.month, date.day)
            && let Some(name) = MONTH_NAMES.get(month as usize - 1)
        {
            let (first, last) = (*date.words.start(), *date.words.end());
            // The year, when given, is not part of the day.
            let last = (first..=last)
                .rev()
                .find(|&k| !(lower[k].len() == 4 && lower[k].bytes().all(|b| b.is_ascii_digit())))
                .unwrap_or(last);
            out.push(day(first, last, d, format!("date in {name}")));
        }
    }
    if !may_name_a_weekday(sentence) {
        return;
    }
    let capitalised = |k: usize| words[k].text.starts_with(|c: char| c.is_uppercase());
    for (k, word) in lower.iter().enumerate() {
        let name = word.strip_suffix("'s").unwrap_or(word);
        let Some(place) = WEEKDAYS.iter().position(|d| *d == name) else {
            continue;
        };
        // "Black Friday", "Super Tuesday": a capitalised word before, inside the
        // sentence, makes a name; so does one after ("Sunday Times"), unless a month
        // ("Tuesday December 5").
        let named_before = k > 1 && capitalised(k - 1) && gap_before(sentence, words, k) == " ";
        let named_after = k + 1 < words.len()
            && capitalised(k + 1)
            && gap_after(sentence, words, k) == " "
            && !MONTH_NAMES.contains(&lower[k + 1].as_ref());
        if !capitalised(k) || named_before || named_after {
            continue;
        }
        let mut q = day(k, k, place as u32 + 1, "weekday".to_string());
        if let Some(stripped) = q.text.strip_suffix("'s") {
            q.text = stripped.to_string();
            q.end = q.start + q.text.len();
        }
        out.push(q);
    }
}
