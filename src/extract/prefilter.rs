//! The prefilter: tells in one pass over a sentence that it holds no number, so that
//! most sentences of the news are never split into words and read.
//!
//! A *run* is a maximal stretch of letters and digits; every number the reader accepts
//! starts at a run that may start a number (a digit, a number word, an ordinal, a vague
//! amount) or is a weekday. The check may say yes wrongly, never no wrongly (a test
//! checks it on every sample sentence). It does not read numbers: that is
//! [`super::numbers`].

use crate::text::terms::{lowercase, number_word_value, ordinal_word_value};

use super::days::WEEKDAYS;
use super::numbers::vague_range;

/// False only when [`number_at`] would accept no word of the sentence, so that it holds
/// no quantity. Every number it reads starts at a word that [`may_start_a_number`]:
/// one beginning with an ASCII digit (no other character lower-cases to one), or a
/// vague amount, ordinal or number word ("a dozen" starts at "a" but needs "dozen", a
/// number word, next). A word starts where a run of alphanumeric characters starts, and
/// such a number word is letters only, so it is a whole run: `words` never splits a
/// run, and anything it joins runs with (an apostrophe, a dot, a comma) would be part
/// of the word. Looking at the start of every run is therefore enough, and dates only
/// ever take words away.
pub(super) fn may_hold_a_number(sentence: &str) -> bool {
    // A digit anywhere is the common case, and the cheapest to find.
    holds_an_ascii_digit(sentence)
        || may_name_a_weekday(sentence)
        || alphanumeric_runs(sentence).any(run_may_start_a_number)
}

/// False when no word of the sentence can be a weekday: every weekday's name ends in
/// "day" after one of these stems, in any case (no character outside ASCII lower-cases
/// to an ASCII letter of them).
pub(super) fn may_name_a_weekday(sentence: &str) -> bool {
    let bytes = sentence.as_bytes();
    bytes.windows(3).enumerate().any(|(at, w)| {
        w.eq_ignore_ascii_case(b"day")
            && WEEKDAYS.iter().any(|day| {
                let stem = &day.as_bytes()[..day.len() - 3];
                at >= stem.len() && bytes[at - stem.len()..at].eq_ignore_ascii_case(stem)
            })
    })
}

/// True when the text holds an ASCII digit. Sixteen bytes at a time are tested without
/// stopping early, which the compiler turns into wide comparisons: most sentences hold
/// none, or only late.
pub(super) fn holds_an_ascii_digit(text: &str) -> bool {
    let mut chunks = text.as_bytes().chunks_exact(16);
    chunks.by_ref().any(|chunk| {
        chunk
            .iter()
            .fold(false, |seen, b| seen | b.is_ascii_digit())
    }) || chunks.remainder().iter().any(u8::is_ascii_digit)
}

/// The maximal runs of alphanumeric characters of a text, left to right. ASCII bytes
/// (most of the news) are classed as bytes; only other characters are decoded.
pub(super) fn alphanumeric_runs(text: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = next_alphanumeric_at(text, at)?;
        let end = next_not_alphanumeric_at(text, start);
        at = end;
        Some(&text[start..end])
    })
}

/// The byte offset of the first alphanumeric character at or after `at`.
fn next_alphanumeric_at(text: &str, mut at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii() {
            if byte.is_ascii_alphanumeric() {
                return Some(at);
            }
            at += 1;
            continue;
        }
        let c = text[at..].chars().next()?;
        if c.is_alphanumeric() {
            return Some(at);
        }
        at += c.len_utf8();
    }
    None
}

/// The byte offset of the first character at or after `at` that is not alphanumeric,
/// or the text's length.
fn next_not_alphanumeric_at(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii() {
            if !byte.is_ascii_alphanumeric() {
                return at;
            }
            at += 1;
            continue;
        }
        match text[at..].chars().next() {
            Some(c) if c.is_alphanumeric() => at += c.len_utf8(),
            _ => return at,
        }
    }
    bytes.len()
}

/// The longest word [`may_start_a_number`] accepts without a digit ("fourteenth"):
/// longer runs are lower-cased on the heap, as they are too rare to matter.
const LONGEST_NUMBER_WORD: usize = 10;

/// [`may_start_a_number`] of a run of letters or digits, read in place when it is
/// ASCII without capitals (most words), else lower-cased (on the stack when it is ASCII
/// and short).
fn run_may_start_a_number(run: &str) -> bool {
    if run.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    if !run.is_ascii() {
        return may_start_a_number(&lowercase(run));
    }
    if !run.bytes().any(|b| b.is_ascii_uppercase()) {
        return may_start_a_number(run);
    }
    if run.len() > LONGEST_NUMBER_WORD {
        return may_start_a_number(&run.to_ascii_lowercase());
    }
    let mut buffer = [0u8; LONGEST_NUMBER_WORD];
    let lower = &mut buffer[..run.len()];
    lower.copy_from_slice(run.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).is_ok_and(may_start_a_number)
}

/// True when [`number_at`] may read a number starting at a word with this lower-case
/// text; "a" is left out, as it only starts "a dozen". Keep in step with `number_at`.
pub(super) fn may_start_a_number(lower: &str) -> bool {
    vague_range(lower).is_some()
        || lower.starts_with(|c: char| c.is_ascii_digit())
        || ordinal_word_value(lower).is_some()
        || number_word_value(lower).is_some()
}
