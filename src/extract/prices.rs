//! What a sum of money is the price of, where the sum is written as a compound before
//! a noun: "a $43,000 Rolex watch", "a $20,000 reward". It does not read the sum itself
//! (`numbers`) nor an "of" phrase after it ("$5 million of aid": `units`).

use std::borrow::Cow;

use crate::text::terms::{
    Key, Word, canonical_key, gap_before, is_stop_word, lowercase, number_word_value, words,
};

use super::numbers::{NumberSpan, scale_of};
use super::units::FoundUnit;

/// How many words may name the thing a sum prices: "a $500 million natural-gas-fired
/// power plant".
const MAX_PRICED_WORDS: usize = 6;

/// The end byte of the words naming the thing a sum (`number`, read as `found`) prices:
/// the plain words right after it, joined by spaces or hyphens, when the sum is money
/// with no "of" phrase and follows "a" or "an". "a $43,000 Rolex watch and a mink cape"
/// is the price of a watch, and not what anyone spent in all; "$750,000 in campaign
/// cash" is a sum of no one thing.
pub(super) fn priced_thing_end(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    number: &NumberSpan,
    found: &FoundUnit,
) -> Option<usize> {
    let money = number.symbol_unit.as_deref().is_some_and(is_money);
    let article = number
        .first_word
        .checked_sub(1)
        .and_then(|k| lower.get(k))
        .is_some_and(|w| matches!(w.as_ref(), "a" | "an"));
    if !money || found.complement.is_some() || !article {
        return None;
    }
    let j = number.end_word;
    // The words after the last are none of the sentence's: `gap_before` is asked only
    // of a word there is.
    let plain = |k: usize| {
        lower.get(k).is_some_and(|w| {
            w.chars().all(char::is_alphabetic) && !is_stop_word(w) && number_word_value(w).is_none()
        }) && match gap_before(sentence, words, k) {
            " " => true,
            "-" => k > j,
            _ => false,
        }
    };
    let last = (j..j + MAX_PRICED_WORDS).take_while(|&k| plain(k)).last()?;
    Some(words[last].end)
}

/// The keys of the words of a priced figure's text (its sum, then the thing) that name
/// the thing, with the other name news gives some of them: a bond posted for release
/// is bail ("posted a $25,000 bond", "after posting $50,000 bail").
pub(super) fn words_naming_the_thing(text: &str) -> Vec<Key> {
    let after_number = text
        .rfind(|c: char| c.is_ascii_digit())
        .map_or("", |i| &text[i + 1..]);
    let mut keys = Vec::new();
    for word in words(after_number) {
        let word = lowercase(word.text);
        let plain = word.chars().all(char::is_alphabetic)
            && number_word_value(&word).is_none()
            && scale_of(&word).is_none();
        if plain {
            keys.push(canonical_key(&word));
            if let Some(other) = OTHER_NAMES.iter().find(|(name, _)| *name == word) {
                keys.push(canonical_key(other.1));
            }
        }
    }
    keys
}

/// Things priced that news names two ways.
const OTHER_NAMES: &[(&str, &str)] = &[("bond", "bail"), ("bail", "bond")];

/// True for the unit of a sum written with a currency's sign ("$", "€", "£", "$US").
fn is_money(unit: &str) -> bool {
    unit.ends_with("dollar") || matches!(unit, "euro" | "pound" | "yen" | "hryvnia" | "rouble")
}
