//! Elided counts: a number whose noun the sentence leaves out because an earlier
//! sentence named the group ("All three were studied for fingerprints", "the seven have
//! referred to each other as father and son", "All six of them are dead"). What it
//! counts is that group, which no word of its own sentence names, so two such counts are
//! one measure only in sentences that say largely the same (`figures`).
//!
//! It does not read a bare number that something befell people ("three were killed"):
//! that counts people ([`super::units::people_by_their_fate`]).

use std::borrow::Cow;

use crate::text::terms::{Word, gap_before};

use super::QuantityKind;
use super::numbers::NumberSpan;
use super::roles::participle_after;
use super::units::{AUXILIARIES, FoundUnit};

/// The unit of a count whose noun is left out: the group named before.
pub const ELIDED_UNIT: &str = "group named before";

/// Words that stand for a noun already named, before a number that counts it.
const DETERMINERS: &[&str] = &["the", "all", "these", "those"];

/// Verbs (besides [`AUXILIARIES`]) that may follow a number standing as a subject.
const MODALS: &[&str] = &[
    "would", "will", "could", "can", "may", "might", "should", "must", "did",
];

/// Pronouns after "of" that make the number a count of a group already named ("six of
/// them").
const NAMED_BEFORE: &[&str] = &["them", "those", "us", "whom"];

/// The group an elided count counts: `number`, a whole count of two or more in words
/// or digits, comes before "of them" ("three of them had been detained"), or after
/// "the", "all", "these" or "those" and before a verb ("All three were studied", "the
/// two have"). With the verb's participle as its role, where one follows ("were
/// studied").
pub(super) fn group_named_before(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    number: &NumberSpan,
) -> Option<FoundUnit> {
    let (first, next) = (number.first_word, number.end_word);
    if number.kind != QuantityKind::Cardinal
        || number.symbol_unit.is_some()
        || number.upper.is_some()
        || number.value < 2.0
        || number.value.fract() != 0.0
        || first == 0
        || next >= words.len()
    {
        return None;
    }
    let joined = |k: usize| gap_before(sentence, words, k) == " ";
    let word = |k: usize| lower.get(k).map_or("", |w| w.as_ref());
    if !joined(next) {
        return None;
    }
    let of_a_group = word(next) == "of" && NAMED_BEFORE.contains(&word(next + 1));
    let determined = DETERMINERS.contains(&word(first - 1)) && joined(first);
    let verb_follows = AUXILIARIES.contains(&word(next)) || MODALS.contains(&word(next));
    if !(of_a_group || determined && verb_follows) {
        return None;
    }
    let verb_at = if of_a_group { next + 2 } else { next };
    let role = participle_after(sentence, words, lower, verb_at);
    Some(FoundUnit {
        unit: ELIDED_UNIT.to_string(),
        complement: None,
        role,
        participle: None,
        end: if of_a_group {
            words[next + 1].end
        } else {
            words[next - 1].end
        },
        person: false,
        part: false,
    })
}
