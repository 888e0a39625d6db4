//! Past: the earlier year a sentence opens by setting itself in ("Last year, a
//! 6.4-magnitude quake rocked Sumatra", "In 2004, a tsunami killed 230,000 people in 14
//! countries"), so that an earlier event's figures are not set against the story's own,
//! and two sentences of one earlier year are compared only when they say largely the
//! same.
//!
//! Only a time that opens the sentence sets all of it: "sales rose to $5 billion from
//! $4 billion last year" tells of this year and the last, and "charged in the 1996
//! Olympic bombing" names an event among others. A sentence that names the year another
//! opens in anywhere may tell of that year too, and the two are compared. A figure
//! beside a day of the month well before its article was written ("a July 7 attack in
//! Dallas that killed five officers", three weeks on) may be of an earlier event than
//! a figure whose sentence does not name that day: their conflict is shown as such.
//! Which figures are compared is [`super::links`]; reading dates is `extract`.

use chrono::{Datelike, NaiveDate};

use crate::extract::{AGE_UNIT, MONTH_NAMES, QuantityKind, days_of_month_with_spans};
use crate::text::terms::words;

use super::Figure;
use super::days::Day;

/// The earlier year a sentence is set in; "last year" in an article of unknown date is
/// [`LAST_YEAR_UNDATED`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Past(i32);

/// What a sentence says of earlier years: the one it opens in, and every year it names
/// (any of which may be the year another sentence opens in).
#[derive(Debug, Clone)]
pub(super) struct Years {
    pub(super) opens_in: Option<Past>,
    named: Vec<i32>,
}

impl Years {
    pub(super) fn of(sentence: &str, written_on: Option<NaiveDate>) -> Years {
        let opens_in = past_of(sentence, written_on);
        let mut named = years_written_in(sentence);
        // "Cuban officials said that last year none of ...": the year before, named.
        if sentence.contains("last year") || sentence.contains("Last year") {
            named.push(a_year_back(written_on));
        }
        Years { opens_in, named }
    }

    /// True when the two sentences tell of different times: one opens in an earlier
    /// year ("In 2005, four others were killed") that the other does not name at all.
    /// "In 2004, a tsunami killed 230,000 people in 14 countries" and "a tsunami killed
    /// 230,000 people in 13 countries in 2004" tell of one time.
    pub(super) fn apart_from(&self, other: &Years) -> bool {
        let names = |years: &Years, past: Past| {
            years.opens_in == Some(past) || years.named.contains(&past.0)
        };
        self.opens_in.is_some_and(|p| !names(other, p))
            || other.opens_in.is_some_and(|p| !names(self, p))
    }
}

/// True when one of two figures stands beside a day well before its article was
/// written (within [`DATE_REACH_BYTES`]) that the other's sentence does not name (its
/// days, `days_a` and `days_b`, as [`super::days::days_named`] reads them): "a
/// July 7 attack in Dallas that killed five officers", in an article of July 28, tells
/// of an earlier event than "the gunfire left one officer dead". A day, or an age (the
/// person's when the article was written), is not set in the past by a date beside it:
/// in "Rudolph, 31, is charged with bombing a clinic Jan. 29" the date is the
/// bombing's.
pub(super) fn dated_apart(a: &Figure, b: &Figure, days_a: &[Day], days_b: &[Day]) -> bool {
    let names = |days: &[Day], (month, day): (u32, u32)| {
        days.iter()
            .any(|named| matches!(*named, Day::Date(_, m, d) if (m, d) == (month, day)))
    };
    let apart = |x: &Figure, days_of_other: &[Day]| {
        let earlier = earlier_dates_beside(x);
        !earlier.is_empty() && earlier.iter().all(|&date| !names(days_of_other, date))
    };
    apart(a, days_b) || apart(b, days_a)
}

/// The days of the month well before its article was written that stand within
/// [`DATE_REACH_BYTES`] of a figure, as (month, day).
fn earlier_dates_beside(figure: &Figure) -> Vec<(u32, u32)> {
    let q = figure.quantity;
    if q.kind == QuantityKind::Day || q.unit == AGE_UNIT {
        return Vec::new();
    }
    days_of_month_with_spans(figure.sentence_text)
        .into_iter()
        .filter(|(_, span)| {
            span.start < q.end + DATE_REACH_BYTES && q.start < span.end + DATE_REACH_BYTES
        })
        .map(|(date, _)| date)
        .filter(|&(month, day)| is_well_before(month, day, figure.written_on))
        .collect()
}

/// How far from a figure a date may stand and date it.
const DATE_REACH_BYTES: usize = 40;

/// Days between a date a sentence names and the day its article was written from which
/// the date is of an earlier event: a follow-up a few days on names the day of the
/// story's own event ("the shooting on Nov. 14"), and news a week on is about what came
/// after.
const DAYS_BEFORE_AN_EARLIER_EVENT: i64 = 14;

/// True when (month, day), in the year that puts it on or before the day of writing, is
/// at least [`DAYS_BEFORE_AN_EARLIER_EVENT`] before it.
fn is_well_before(month: u32, day: u32, written_on: Option<NaiveDate>) -> bool {
    let Some(written) = written_on else {
        return false;
    };
    let in_year = |year: i32| NaiveDate::from_ymd_opt(year, month, day);
    let date = match in_year(written.year()) {
        Some(date) if date <= written => Some(date),
        _ => in_year(written.year() - 1),
    };
    date.is_some_and(|date| (written - date).num_days() >= DAYS_BEFORE_AN_EARLIER_EVENT)
}

/// "Last year" where the article's own year is not known.
const LAST_YEAR_UNDATED: i32 = i32::MIN;

/// Words after "last" that set a sentence back in time. A season ("last summer") is
/// keyed as the year before, as "last year" is: what is asked is whether two sentences
/// tell of one past, not which year it was.
const YEAR_BACK: &[&str] = &["year", "summer", "spring", "fall", "autumn", "winter"];

/// The [`Past`] a sentence opens with, from the day its article was written: "In
/// 2005, ...", "In April 2012 ...", "Last year, ...", "In April last year ...", "A year
/// ago ...". None when it opens otherwise, or with its article's own year.
pub(super) fn past_of(sentence: &str, written_on: Option<NaiveDate>) -> Option<Past> {
    // The opening words are all that is read: "And in September 2004" is 22 letters.
    let opening = sentence
        .char_indices()
        .nth(60)
        .map_or(sentence, |(end, _)| &sentence[..end]);
    // Compared without lower-casing: every sentence with a figure is read, and no word
    // looked for holds a letter whose lower case only Unicode knows.
    let opening_words = words(opening);
    let word = |k: usize| opening_words.get(k).map_or("", |w| w.text);
    let is = |k: usize, like: &str| word(k).eq_ignore_ascii_case(like);
    let is_any = |k: usize, like: &[&str]| like.iter().any(|w| is(k, w));
    let mut k = usize::from(is_any(0, &["and", "but"]));
    let a_year_back = a_year_back(written_on);
    if is(k, "last") && is_any(k + 1, YEAR_BACK)
        || is(k, "a") && is(k + 1, "year") && is_any(k + 2, &["ago", "earlier"])
    {
        return Some(Past(a_year_back));
    }
    // "The 2004 tsunami that killed 230,000 was triggered by a 9.1-magnitude quake": the
    // sentence tells of the earlier event it opens with.
    if is(k, "the") {
        let year = year_named(word(k + 1))?;
        return (year < written_on?.year()).then_some(Past(year));
    }
    if !is(k, "in") {
        return None;
    }
    k += 1;
    if is_any(k, MONTH_NAMES) {
        k += 1;
    }
    if is(k, "last") && is(k + 1, "year") {
        return Some(Past(a_year_back));
    }
    let year = year_named(word(k))?;
    (year < written_on?.year()).then_some(Past(year))
}

/// Every year written in digits in a sentence: runs of exactly four digits, from 1900
/// to 2099, with no letter or digit either side. Read from the bytes: every sentence
/// with a figure is read, and most name no year.
fn years_written_in(sentence: &str) -> Vec<i32> {
    let bytes = sentence.as_bytes();
    let mut years = Vec::new();
    let mut at = 0;
    while let Some(start) = bytes[at..]
        .iter()
        .position(u8::is_ascii_digit)
        .map(|p| at + p)
    {
        let end = bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .map_or(bytes.len(), |p| start + p);
        let apart = |k: Option<&u8>| k.is_none_or(|b| !b.is_ascii_alphanumeric());
        if apart(start.checked_sub(1).and_then(|k| bytes.get(k))) && apart(bytes.get(end)) {
            years.extend(year_named(&sentence[start..end]));
        }
        at = end;
    }
    years
}

/// The year before the article's: what "last year" names.
fn a_year_back(written_on: Option<NaiveDate>) -> i32 {
    written_on.map_or(LAST_YEAR_UNDATED, |d| d.year() - 1)
}

/// The year a word writes, if it is one: four digits from 1900 to 2099.
pub(super) fn year_named(word: &str) -> Option<i32> {
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok().filter(|y| (1900..2100).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, 5, 1)
    }

    #[test]
    fn an_earlier_year_opening_the_sentence_is_its_past() {
        let past = |s: &str| past_of(s, on(2013)).map(|p| p.0);
        assert_eq!(
            past("Last year, a 6.4-magnitude quake rocked the west coast."),
            Some(2012)
        );
        assert_eq!(
            past("In April last year an 8.6-magnitude quake struck off Aceh."),
            Some(2012)
        );
        assert_eq!(
            past("And in 2005, four others were killed in Thousand Oaks."),
            Some(2005)
        );
        assert_eq!(past("In March 2004, a tsunami struck."), Some(2004));
        assert_eq!(
            past("The 2004 tsunami was triggered by a 9.1-magnitude quake."),
            Some(2004)
        );
        assert_eq!(past("Four people were killed on Monday."), None);
    }

    #[test]
    fn a_year_inside_the_sentence_or_the_present_year_is_no_past() {
        let past = |s: &str| past_of(s, on(2016));
        // It tells of this year and the last.
        assert_eq!(
            past("Sales rose to $5 billion from $4 billion last year."),
            None
        );
        assert_eq!(past("He shot himself in the hand on Nov. 11, 2015."), None);
        assert_eq!(past("In 2016, 34 officers died, up from last year."), None);
    }

    #[test]
    fn years_are_four_digits_standing_alone() {
        assert_eq!(
            years_written_in("In 2004, 230,000 died; by 2005-06 and F2004 nothing. 1999"),
            vec![2004, 2005, 1999]
        );
    }

    #[test]
    fn without_the_day_of_writing_only_last_year_is_read() {
        assert_eq!(past_of("In 2004, a tsunami struck.", None), None);
        assert!(past_of("Last summer, one man was killed.", None).is_some());
    }
}
