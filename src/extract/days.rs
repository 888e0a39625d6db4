//! Days as figures: each date that names a day of a month ("Nov. 7") and each weekday
//! ("on Tuesday") that is not part of a name ("Black Friday"), read as a
//! [`QuantityKind::Day`] quantity after every other figure of the sentence.
//!
//! Finding the dates themselves is [`super::dates`]; this file only turns them, and the
//! weekdays, into quantities.

use std::borrow::Cow;

use crate::text::terms::{Key, Word, canonical_key, gap_after, gap_before, is_stop_word};

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

/// The months by name, in lower case, January first.
pub const MONTH_NAMES: &[&str] = &[
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

/// Verbs of saying: a day just after one ("police said Saturday") or just before one
/// ("the president on Saturday said") is when something was said, not when the event
/// happened. Sources write on different days, so these days differ without
/// disagreeing.
const REPORT_VERBS: &[&str] = &[
    "said",
    "says",
    "announced",
    "confirmed",
    "told",
    "added",
    "stated",
];

/// Other words after which a day is a report's ("a briefing Monday", "by Sunday").
const REPORT_NOUNS: &[&str] = &["briefing", "conference", "statement", "by"];

/// Words after which a day is the page's own date ("Posted: Sunday, August 2",
/// "(Published Friday, Nov. 25)"): not a figure of anything the article tells.
const PAGE_DATE_WORDS: &[&str] = &["posted", "published", "updated"];

/// Words that may stand between a report word and its day ("said late Tuesday").
const DAY_LEADS: &[&str] = &["on", "late", "early", "last", "this"];

/// The role given to a day of a report ([`DayOf::Report`]): such days are compared
/// only between articles written on one day (`figures`).
pub const REPORT_ROLE: &str = "say";

/// The unit of a weekday ("on Tuesday").
pub const WEEKDAY_UNIT: &str = "weekday";

/// What the words before the day starting at word `first` make of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DayOf {
    /// Something the article tells of.
    Event,
    /// A report: the day something was said ([`REPORT_VERBS`]), or a state held ("as
    /// of Monday").
    Report,
    /// The page's own date ([`PAGE_DATE_WORDS`]), or a wire story's dateline
    /// ("WASHINGTON, November 14 (Xinhua) --").
    Page,
}

/// The most words a dateline's place may take ("RIO DE JANEIRO, Brazil").
const DATELINE_PLACE_WORDS: usize = 4;

/// True when the day at word `first` opens the sentence after a place in capitals and
/// a comma: a wire story's dateline, the day it was filed.
fn is_dateline(sentence: &str, words: &[Word], first: usize) -> bool {
    (1..=DATELINE_PLACE_WORDS).contains(&first)
        && gap_before(sentence, words, first).trim() == ","
        && words[..first]
            .iter()
            .all(|w| w.text.starts_with(|c: char| c.is_uppercase()))
}

fn day_of(sentence: &str, words: &[Word], lower: &[Cow<str>], first: usize, last: usize) -> DayOf {
    if is_dateline(sentence, words, first) {
        return DayOf::Page;
    }
    // "Trump on Saturday said": the verb of saying after the day. After a comma it
    // opens the attribution of the whole sentence, and the day is the clause's before
    // it: "to release the videotapes on Friday, said a spokesman".
    if lower
        .get(last + 1)
        .is_some_and(|next| REPORT_VERBS.contains(&next.as_ref()))
        && !gap_before(sentence, words, last + 1).contains(',')
    {
        return DayOf::Report;
    }
    let mut k = first;
    // "Published Friday, Nov. 25": the date's weekday stands between.
    if k > 0 && WEEKDAYS.contains(&lower[k - 1].as_ref()) {
        k -= 1;
    }
    while k > 0 && DAY_LEADS.contains(&lower[k - 1].as_ref()) {
        k -= 1;
    }
    let Some(before) = k.checked_sub(1).map(|b| lower[b].as_ref()) else {
        return if opens_an_attribution(sentence, words, lower, last) {
            DayOf::Report
        } else {
            DayOf::Event
        };
    };
    if PAGE_DATE_WORDS.contains(&before) {
        DayOf::Page
    } else if REPORT_VERBS.contains(&before)
        || REPORT_NOUNS.contains(&before)
        || before == "of" && k >= 2 && lower[k - 2] == "as"
        || said_where_before(lower, k)
    {
        DayOf::Report
    } else {
        DayOf::Event
    }
}

/// The most words between a day that opens a sentence and the verb of saying that makes
/// it the day of the saying: "Monday, the CIA said", "On Tuesday, police in Gary said".
const ATTRIBUTION_WORDS: usize = 4;

/// True when the day that opens the sentence, ending at word `last`, is set off by a
/// comma and a verb of saying follows within [`ATTRIBUTION_WORDS`] words: "Monday, the
/// CIA said analysts concluded ...". "On Thursday, Lee won an injunction" tells of the
/// day something happened.
fn opens_an_attribution(sentence: &str, words: &[Word], lower: &[Cow<str>], last: usize) -> bool {
    last + 1 < words.len()
        && gap_before(sentence, words, last + 1).trim() == ","
        && lower[last + 1..]
            .iter()
            .take(ATTRIBUTION_WORDS)
            .any(|w| REPORT_VERBS.contains(&w.as_ref()))
}

/// True when the words before word `k` (a day, or what leads it) say where or to whom
/// something was said: "said at practice on Wednesday", "said in an interview
/// Tuesday", "told reporters Monday".
fn said_where_before(lower: &[Cow<str>], k: usize) -> bool {
    (2..=4).any(|back| {
        k >= back
            && REPORT_VERBS.contains(&lower[k - back].as_ref())
            && (matches!(lower[k - back + 1].as_ref(), "at" | "in" | "during")
                || back == 2 && matches!(lower[k - 1].as_ref(), "reporters" | "journalists"))
    })
}

/// Words that make a weekday part of a name: "Black Friday", "Easter Sunday".
const DAY_NAME_WORDS: &[&str] = &[
    "ash",
    "black",
    "bloody",
    "blue",
    "bowl",
    "cyber",
    "easter",
    "fat",
    "giving",
    "good",
    "holy",
    "low",
    "mad",
    "maundy",
    "palm",
    "passion",
    "selection",
    "shrove",
    "super",
    "whit",
];

/// The days of events a sentence names, as [`QuantityKind::Day`] figures: each date
/// that names a day of a month, and each weekday ("on Tuesday", "Saturday's raid")
/// that is not part of a name ("Black Friday", "the Sunday Times"). The day of a
/// report ([`DayOf::Report`]) has the role [`REPORT_ROLE`].
pub(super) fn days_named(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    dates: &[super::dates::DateSpan],
    out: &mut Vec<Quantity>,
) {
    let day = |first: usize, last: usize, value: u32, unit: &str, of: DayOf| {
        let (start, end) = (words[first].start, words[last].end);
        Quantity {
            value: f64::from(value),
            upper: None,
            qualifier: None,
            kind: QuantityKind::Day,
            unit: Key::new(unit),
            complement: None,
            role: (of == DayOf::Report).then(|| Key::new(REPORT_ROLE)),
            person: false,
            holder: None,
            part: false,
            priced: false,
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
            let of = day_of(sentence, words, lower, first, last);
            if of != DayOf::Page {
                out.push(day(first, last, d, &format!("date in {name}"), of));
            }
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
        // "Black Friday", "Super Tuesday": one of the words that make a day's name,
        // before it, makes a name (a place before it does not: "in Mecca Sunday"); so
        // does a capitalised word after ("Sunday Times"), unless a month ("Tuesday
        // December 5").
        let named_before = k > 0
            && DAY_NAME_WORDS.contains(&lower[k - 1].as_ref())
            && gap_before(sentence, words, k) == " ";
        let named_after = k + 1 < words.len()
            && capitalised(k + 1)
            && gap_after(sentence, words, k) == " "
            && !MONTH_NAMES.contains(&lower[k + 1].as_ref());
        let of = day_of(sentence, words, lower, k, k);
        if !capitalised(k) || named_before || named_after || of == DayOf::Page {
            continue;
        }
        let mut q = day(k, k, place as u32 + 1, WEEKDAY_UNIT, of);
        if let Some(stripped) = q.text.strip_suffix("'s") {
            q.text = stripped.to_string();
            q.end = q.start + q.text.len();
            q.complement = noun_of_possessive_day(words, lower, k);
        }
        out.push(q);
    }
}

/// The most words a noun after a day in the possessive may take ("Sunday's divisional
/// playoff game").
const POSSESSED_NOUN_WORDS: usize = 3;

/// The noun a day in the possessive is the day of: "Sunday's regular season finale"
/// gives "finale", "Monday's attack" gives "attack". Such a day is that thing's day,
/// not the day of what the rest of the sentence tells ("arrested Tuesday, five days
/// before Sunday's game").
fn noun_of_possessive_day(words: &[Word], lower: &[Cow<str>], k: usize) -> Option<Key> {
    let plain = |j: usize| {
        words[j].text.starts_with(|c: char| c.is_lowercase())
            && lower[j].chars().all(char::is_alphabetic)
            && !is_stop_word(&lower[j])
    };
    let last = (k + 1..words.len().min(k + 1 + POSSESSED_NOUN_WORDS))
        .take_while(|&j| plain(j))
        .last()?;
    Some(canonical_key(&lower[last]))
}
