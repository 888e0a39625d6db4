//! What a sum of money is the price of, where the sum is written as a compound before
//! a noun: "a $43,000 Rolex watch", "a $20,000 reward". It does not read the sum itself
//! (`numbers`) nor an "of" phrase after it ("$5 million of aid": `units`).

use std::borrow::Cow;

use crate::text::terms::{Word, gap_before, is_stop_word, number_word_value};

/// How many words may name the thing a sum prices: "a $500 million natural-gas-fired
/// power plant".
const MAX_PRICED_WORDS: usize = 6;

/// The end byte of the words naming the thing a sum prices: the plain words right
/// after the sum (`j` is the first), joined by spaces or hyphens, when the sum follows
/// "a" or "an" (`first_word` is its first word). "a $43,000 Rolex watch and a mink
/// cape" is the price of a watch, and not what anyone spent in all; "$750,000 in
/// campaign cash" is a sum of no one thing.
pub(super) fn priced_thing_end(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    first_word: usize,
    j: usize,
) -> Option<usize> {
    let article = first_word
        .checked_sub(1)
        .and_then(|k| lower.get(k))
        .is_some_and(|w| matches!(w.as_ref(), "a" | "an"));
    if !article {
        return None;
    }
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

/// True for the unit of a sum written with a currency's sign ("$", "€", "£", "$US").
pub(super) fn is_money(unit: &str) -> bool {
    unit.ends_with("dollar") || matches!(unit, "euro" | "pound" | "yen" | "hryvnia" | "rouble")
}
