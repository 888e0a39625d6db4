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

/// True when the text holds an ASCII digit.
pub(super) fn holds_an_ascii_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
}

/// The maximal runs of alphanumeric characters of a text, left to right.
fn alphanumeric_runs(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|run| !run.is_empty())
}

/// [`may_start_a_number`] of a run of letters or digits.
fn run_may_start_a_number(run: &str) -> bool {
    run.starts_with(|c: char| c.is_ascii_digit()) || may_start_a_number(&lowercase(run))
}

/// True when [`number_at`] may read a number starting at a word with this lower-case
/// text; "a" is left out, as it only starts "a dozen". Keep in step with `number_at`.
pub(super) fn may_start_a_number(lower: &str) -> bool {
    vague_range(lower).is_some()
        || lower.starts_with(|c: char| c.is_ascii_digit())
        || ordinal_word_value(lower).is_some()
        || number_word_value(lower).is_some()
}
