//! Ages: a number that gives a person's age ("Peterson, 31,", "27-year-old Robert
//! Sanders"), whose complement is whose age it is, or an age of someone not named, which
//! is not compared (two such ages are as likely two people as one).

use std::borrow::Cow;

use crate::text::terms::{Key, Word, gap_after, gap_before, is_stop_word};

use super::days::{MONTH_NAMES, WEEKDAYS};
use super::numbers::{NumberSpan, joins_number_words};

/// What [`age_at`] reads.
pub(super) enum Age {
    /// An age, whose it is (the named person, as a canonical term), and where the age
    /// ends.
    Of(Key, usize),
    /// An age of someone not named.
    Unnamed,
}

/// An age at a number: "Peterson, 31,", "Smith, aged 40", "a 27-year-old named
/// Smith" is unnamed, "27-year-old Robert Sanders" and "Sanders, the 32-year-old
/// driver" are named.
pub(super) fn age_at(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    number: &NumberSpan,
) -> Option<Age> {
    let (i, e) = (number.first_word, number.end_word);
    let word = |k: usize| lower.get(k).map_or("", |w| w.as_ref());
    let name_at = |k: usize| {
        words.get(k).is_some_and(|w| {
            w.text.starts_with(|c: char| c.is_uppercase())
                && w.text.chars().all(char::is_alphabetic)
                && !MONTH_NAMES.contains(&word(k))
                && !WEEKDAYS.contains(&word(k))
                && !is_stop_word(word(k))
        })
    };
    // A person's whole name, ending at word `last`: "Rakim Watson" and "Ricardo
    // Watson" are two people.
    let full_name = |last: usize| {
        let mut first = last;
        while first > 0 && name_at(first - 1) && gap_before(sentence, words, first) == " " {
            first -= 1;
        }
        let name: Vec<&str> = (first..=last).map(word).collect();
        Key::new(&name.join(" "))
    };
    // The name before a comma that opens the age: "Peterson, 31", "Sanders, the
    // 32-year-old", "Smith, aged 40".
    let name_before = |k: usize| {
        let k = if matches!(word(k.wrapping_sub(1)), "the" | "a" | "an" | "aged") {
            k - 1
        } else {
            k
        };
        (k >= 1 && gap_before(sentence, words, k).trim() == "," && name_at(k - 1))
            .then(|| full_name(k - 1))
    };
    let whole = number.upper.is_none() && (1.0..=120.0).contains(&number.value);
    // "31-year-old", "31 years old"
    let years = matches!(word(e), "year" | "years")
        && matches!(word(e + 1), "old" | "old's")
        && joins_number_words(gap_before(sentence, words, e))
        && joins_number_words(gap_before(sentence, words, e + 1));
    if whole && is_months_or_weeks_old(sentence, words, lower, e) {
        return Some(Age::Unnamed);
    }
    if years && whole {
        let end = words[e + 1].end;
        // A name after: "27-year-old Robert Sanders" (its last word); a noun after is
        // the unnamed person ("a 27-year-old man").
        let mut k = e + 2;
        let mut name = Vec::new();
        while k < words.len() && name_at(k) && gap_before(sentence, words, k) == " " {
            name.push(word(k));
            k += 1;
        }
        // "a 13-year-old Detroit juvenile": capitals before a noun describe it.
        let noun_follows = is_noun_at(sentence, words, lower, k);
        let after = (!name.is_empty() && !noun_follows).then(|| Key::new(&name.join(" ")));
        return Some(match after.or_else(|| name_before(i)) {
            Some(subject) => Age::Of(subject, end),
            None => Age::Unnamed,
        });
    }
    // "Peterson, 31, is charged": a number set off by commas after a name.
    let set_off = gap_after(sentence, words, e - 1).starts_with([',', ')']);
    let digits = words[i].text.bytes().all(|b| b.is_ascii_digit());
    if whole && digits && set_off && e == i + 1 {
        return name_before(i).map(|subject| Age::Of(subject, number.end));
    }
    None
}

/// "a 10-month-old baby", "a six-week-old girl": the age of someone not named,
/// whatever follows (a name after is rare, and such ages are not compared). `e` is the
/// word after the number.
fn is_months_or_weeks_old(sentence: &str, words: &[Word], lower: &[Cow<str>], e: usize) -> bool {
    let word = |k: usize| lower.get(k).map_or("", |w| w.as_ref());
    matches!(word(e), "month" | "months" | "week" | "weeks")
        && matches!(word(e + 1), "old" | "old's")
        && joins_number_words(gap_before(sentence, words, e))
}

/// True when word `k` is a lower-case noun joined to the word before it by a space:
/// not a verb or adverb by its ending ("says", "pleaded", "being", "also").
fn is_noun_at(sentence: &str, words: &[Word], lower: &[Cow<str>], k: usize) -> bool {
    words.get(k).is_some_and(|next| {
        let w = lower[k].as_ref();
        gap_before(sentence, words, k) == " "
            && next.text.starts_with(|c: char| c.is_lowercase())
            && w.chars().all(char::is_alphabetic)
            && !is_stop_word(w)
            && !["s", "ed", "ing", "ly"].iter().any(|end| w.ends_with(end))
    })
}
