//! Dates written in prose: "December 7, 2025", "7 December 2025", "Dec. 7", "March
//! 2022", "2025-12-07". Full dates are checked with chrono; partial ones keep what they
//! say. The day numbers inside them are not quantities, so `quantities_in` skips them.

use std::borrow::Cow;
use std::ops::{Range, RangeInclusive};

use chrono::NaiveDate;
use serde::Serialize;

use crate::text::terms::{Word, lowercase, words};

/// A date mentioned in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateMention {
    /// The full date, when year, month and day are all given and valid.
    pub date: Option<NaiveDate>,
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub text: String,
}

#[derive(Debug, PartialEq)]
struct Found {
    first: usize,
    last: usize,
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
}

/// Every date in a sentence.
pub fn dates_in(sentence: &str) -> Vec<DateMention> {
    dates_read(sentence, |f, span| {
        Some(DateMention {
            date: match (f.year, f.month, f.day) {
                (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d),
                _ => None,
            },
            year: f.year,
            month: f.month,
            day: f.day,
            text: sentence[span].to_string(),
        })
    })
}

/// The (month, day) of each day of the month a sentence names, with the bytes its
/// words span: the figures stage asks which figures a date stands beside.
pub fn days_of_month_with_spans(sentence: &str) -> Vec<((u32, u32), Range<usize>)> {
    dates_read(sentence, |f, span| Some(((f.month?, f.day?), span)))
}

/// The dates a sentence names, each with the bytes its words span, as `keep` makes
/// them into what the caller keeps.
fn dates_read<T>(sentence: &str, keep: impl Fn(Found, Range<usize>) -> Option<T>) -> Vec<T> {
    if !may_hold_a_date(sentence) {
        return Vec::new();
    }
    let words = words(sentence);
    let ascii_lowered = sentence.is_ascii().then(|| lowercase(sentence));
    let lower = super::lowercase_words(&words, ascii_lowered.as_deref());
    found_dates(sentence, &words, &lower)
        .into_iter()
        .filter_map(|f| {
            let span = words[f.first].start..words[f.last].end;
            keep(f, span)
        })
        .collect()
}

/// The year (when given), month and day of each date in a sentence that names a day of
/// a month, as [`dates_in`] reads them, given the sentence's [`words`]: without the
/// dates' text, for a caller that only compares which days are named.
pub fn days_of_month_in(sentence: &str, words: &[Word]) -> Vec<(Option<i32>, u32, u32)> {
    if !may_hold_a_date(sentence) {
        return Vec::new();
    }
    let ascii_lowered = sentence.is_ascii().then(|| lowercase(sentence));
    let lower = super::lowercase_words(words, ascii_lowered.as_deref());
    found_dates(sentence, words, &lower)
        .into_iter()
        .filter_map(|f| Some((f.year, f.month?, f.day?)))
        .collect()
}

/// A date's words, as a range of word indices, and the month and day it names (when
/// it names them).
pub struct DateSpan {
    pub words: RangeInclusive<usize>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// The words that belong to each date, in sentence order: a sentence holds few dates,
/// so looking through them beats hashing every word.
pub fn word_ranges_of_dates(sentence: &str, words: &[Word], lower: &[Cow<str>]) -> Vec<DateSpan> {
    if !may_hold_a_date(sentence) {
        return Vec::new();
    }
    found_dates(sentence, words, lower)
        .into_iter()
        .map(|f| DateSpan {
            words: f.first..=f.last,
            month: f.month,
            day: f.day,
        })
        .collect()
}

/// False when the sentence cannot hold a date: every date has a day or a year in
/// digits, which only ASCII digits parse as, or is all digits ("2025-12-07").
fn may_hold_a_date(sentence: &str) -> bool {
    super::holds_an_ascii_digit(sentence)
}

fn found_dates(sentence: &str, words: &[Word], lower: &[Cow<str>]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !may_start_a_date(words, i) {
            i += 1;
            continue;
        }
        if let Some(found) = iso_at(sentence, words, i)
            .or_else(|| month_first_at(words, lower, i))
            .or_else(|| day_first_at(words, lower, i))
        {
            i = found.last + 1;
            out.push(found);
        } else {
            i += 1;
        }
    }
    out
}

/// False when no date can start at word `i`: every date has its first or second word
/// in digits (a year, a day, or an ISO date's year first), and a word of digits starts
/// with an ASCII digit, since words hold no signs. Most words of a sentence are skipped
/// without looking them up as months.
fn may_start_a_date(words: &[Word], i: usize) -> bool {
    let starts_with_digit = |k: usize| {
        words
            .get(k)
            .is_some_and(|w| w.text.starts_with(|c: char| c.is_ascii_digit()))
    };
    starts_with_digit(i) || starts_with_digit(i + 1)
}

fn month_number(word: &Word, lower: &str) -> Option<u32> {
    // "may" is a verb far more often than a month; only the capitalised form counts.
    if lower == "may" && word.text != "May" {
        return None;
    }
    let month = match lower {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    // "March" and "may" are also ordinary words; months are capitalised.
    word.text.chars().next().filter(|c| c.is_uppercase())?;
    Some(month)
}

fn day_number(lower: &str) -> Option<u32> {
    let digits = lower
        .strip_suffix("st")
        .or_else(|| lower.strip_suffix("nd"))
        .or_else(|| lower.strip_suffix("rd"))
        .or_else(|| lower.strip_suffix("th"))
        .unwrap_or(lower);
    if digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(lower: &str) -> Option<i32> {
    if lower.len() != 4 {
        return None;
    }
    lower.parse().ok().filter(|y| (1800..=2100).contains(y))
}

fn month_first_at(words: &[Word], lower: &[Cow<str>], i: usize) -> Option<Found> {
    let month = month_number(&words[i], &lower[i])?;
    if let Some(day) = lower.get(i + 1).and_then(|w| day_number(w)) {
        let year = lower.get(i + 2).and_then(|w| year_number(w));
        return Some(Found {
            first: i,
            last: if year.is_some() { i + 2 } else { i + 1 },
            year,
            month: Some(month),
            day: Some(day),
        });
    }
    let year = lower.get(i + 1).and_then(|w| year_number(w))?;
    Some(Found {
        first: i,
        last: i + 1,
        year: Some(year),
        month: Some(month),
        day: None,
    })
}

fn day_first_at(words: &[Word], lower: &[Cow<str>], i: usize) -> Option<Found> {
    let day = day_number(&lower[i])?;
    let month = words
        .get(i + 1)
        .and_then(|w| month_number(w, &lower[i + 1]))?;
    let year = lower.get(i + 2).and_then(|w| year_number(w));
    Some(Found {
        first: i,
        last: if year.is_some() { i + 2 } else { i + 1 },
        year,
        month: Some(month),
        day: Some(day),
    })
}

fn iso_at(sentence: &str, words: &[Word], i: usize) -> Option<Found> {
    let (y, m, d) = (words.get(i)?, words.get(i + 1)?, words.get(i + 2)?);
    let dashed = &sentence[y.end..m.start] == "-" && &sentence[m.end..d.start] == "-";
    if !dashed || y.text.len() != 4 || m.text.len() != 2 || d.text.len() != 2 {
        return None;
    }
    let year = y.text.parse().ok()?;
    let month = m.text.parse().ok().filter(|m| (1..=12).contains(m))?;
    let day = d.text.parse().ok().filter(|d| (1..=31).contains(d))?;
    Some(Found {
        first: i,
        last: i + 2,
        year: Some(year),
        month: Some(month),
        day: Some(day),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`found_dates`] as first written: every word is tried as a date's start.
    fn found_dates_trying_every_word(
        sentence: &str,
        words: &[Word],
        lower: &[Cow<str>],
    ) -> Vec<Found> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if let Some(found) = iso_at(sentence, words, i)
                .or_else(|| month_first_at(words, lower, i))
                .or_else(|| day_first_at(words, lower, i))
            {
                i = found.last + 1;
                out.push(found);
            } else {
                i += 1;
            }
        }
        out
    }

    #[test]
    fn skipping_words_without_digits_finds_the_same_dates() {
        for sentence in &crate::extract::tests::sentences_to_compare() {
            let words = words(sentence);
            let lower: Vec<Cow<str>> = words.iter().map(|w| lowercase(w.text)).collect();
            assert_eq!(
                found_dates(sentence, &words, &lower),
                found_dates_trying_every_word(sentence, &words, &lower),
                "{sentence:?}"
            );
        }
    }

    #[test]
    fn full_dates_are_read_with_chrono() {
        let found = dates_in("On December 7, 2025, reports indicated strikes.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].date, NaiveDate::from_ymd_opt(2025, 12, 7));
        assert_eq!(found[0].text, "December 7, 2025");
        let found = dates_in("It happened on 7 December 2025 and on 2025-12-08.");
        assert_eq!(found[0].date, NaiveDate::from_ymd_opt(2025, 12, 7));
        assert_eq!(found[1].date, NaiveDate::from_ymd_opt(2025, 12, 8));
    }

    #[test]
    fn partial_dates_keep_what_they_say() {
        let found = dates_in("It was first exposed in March 2022.");
        assert_eq!(
            (found[0].year, found[0].month, found[0].day),
            (Some(2022), Some(3), None)
        );
        let found = dates_in("Talks resume on Dec. 9 in London.");
        assert_eq!((found[0].month, found[0].day), (Some(12), Some(9)));
    }

    #[test]
    fn invalid_dates_are_not_dates() {
        let found = dates_in("On February 30, 2025 nothing happened.");
        assert_eq!(found[0].date, None);
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert!(dates_in("Talks may 5 times fail.").is_empty());
    }
}
