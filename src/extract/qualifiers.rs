//! Qualifiers: the words before a number that bound it ("at least 8", "nearly two
//! dozen"), as a [`Qualifier`].
//!
//! What a qualifier allows of a value is [`super::conflict::bounds`].

use std::borrow::Cow;

use crate::text::terms::{Word, gap_after};

use super::numbers::NumberSpan;
use super::{Qualifier, TIME_UNITS};

/// Words that, followed by a number, bound it.
pub(super) const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["at", "least"], Qualifier::AtLeast),
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["more", "than"], Qualifier::MoreThan),
    (&["over"], Qualifier::MoreThan),
    (&["above"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["at", "most"], Qualifier::AtMost),
    (&["within"], Qualifier::AtMost),
    (&["no", "more", "than"], Qualifier::AtMost),
    (&["as", "many", "as"], Qualifier::UpTo),
    (&["as", "much", "as"], Qualifier::UpTo),
    (&["up", "to"], Qualifier::UpTo),
    (&["less", "than"], Qualifier::LessThan),
    (&["fewer", "than"], Qualifier::LessThan),
    (&["under"], Qualifier::LessThan),
    (&["below"], Qualifier::LessThan),
    (&["about"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["an", "estimated"], Qualifier::About),
    (&["estimated"], Qualifier::About),
    (&["close", "to"], Qualifier::About),
    (&["nearly"], Qualifier::Nearly),
    (&["almost"], Qualifier::Nearly),
    (&["just", "under"], Qualifier::Nearly),
    (&["exactly"], Qualifier::Exactly),
    (&["precisely"], Qualifier::Exactly),
];

pub(super) fn qualifier_before(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    first_word: usize,
) -> Option<(Qualifier, usize)> {
    QUALIFIERS.iter().find_map(|(phrase, qualifier)| {
        let n = phrase.len();
        if first_word < n {
            return None;
        }
        let begin = first_word - n;
        let matches = (0..n).all(|k| lower[begin + k] == phrase[k])
            && (begin..first_word - 1).all(|k| gap_after(sentence, words, k).trim().is_empty())
            && is_space_or_currency(gap_after(sentence, words, first_word - 1));
        matches.then(|| (*qualifier, words[begin].start))
    })
}

/// True for the gap between a qualifier and its number: spaces, and the currency sign
/// a sum starts with ("more than $1 million", "up to £500").
fn is_space_or_currency(gap: &str) -> bool {
    gap.trim()
        .trim_start_matches(['$', '£', '€', '¥'])
        .is_empty()
}

/// The qualifier and start of a figure (as [`qualifier_before`] read them) with "over"
/// before a span of time read as "during": "over three days" is no more than three
/// days. After "in" or "for" it is "more than" ("in over 25 years", "for over 10
/// years").
pub(super) fn during_a_span(
    lower: &[Cow<str>],
    number: &NumberSpan,
    unit: &str,
    read: (Option<Qualifier>, usize),
) -> (Option<Qualifier>, usize) {
    let k = number.first_word;
    let over = read.0 == Some(Qualifier::MoreThan) && k >= 1 && lower[k - 1] == "over";
    let more_than = k >= 2 && matches!(lower[k - 2].as_ref(), "in" | "for");
    // "talks over three days", "the daily average over 10 days"
    let span = TIME_UNITS.contains(&unit) || unit == "decade";
    if over && !more_than && span {
        (None, number.start)
    } else {
        read
    }
}
