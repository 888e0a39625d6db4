//! Ranks: what an ordinal ranks ("the third straight month" ranks months, "the third
//! oldest person" ranks people by age), read from the words after it. It does not
//! read the ordinal itself (`numbers`) or the units of counts (`units`).

use std::borrow::Cow;

use crate::text::terms::{Word, gap_before, is_stop_word, number_word_value, ordinal_word_value};

use super::plurals::singular;
use super::units::{FoundUnit, MAX_MODIFIERS, compound_head, unit_with_tail};

/// Words of time, and of how often, that end the noun an ordinal is said of ("her 81st
/// birthday next month", "his second wife twice").
const TIME_WORDS: &[&str] = &[
    "next", "last", "this", "later", "earlier", "ago", "twice", "thrice",
];

/// Superlatives by which news ranks things ("the third-largest bank", "the sixth
/// oldest person"): a list, since "-est" also ends nouns ("interest", "protest").
const SUPERLATIVES: &[&str] = &[
    "largest",
    "biggest",
    "smallest",
    "oldest",
    "youngest",
    "highest",
    "lowest",
    "longest",
    "shortest",
    "tallest",
    "busiest",
    "deadliest",
    "costliest",
    "richest",
    "poorest",
    "greatest",
    "strongest",
    "fastest",
    "heaviest",
    "hottest",
    "coldest",
    "wettest",
    "driest",
    "best",
    "worst",
];

/// True for a superlative an ordinal may rank a noun by ([`SUPERLATIVES`]).
pub fn is_superlative(word: &str) -> bool {
    SUPERLATIVES.contains(&word)
}

/// What an ordinal ranks: the last noun of the words after it ("the first black
/// senator from" gives "senator", "the third straight month" gives "month"), or the
/// word it is joined to ("a seventh-round stoppage" gives "round"), with what that is
/// "of". A capitalised word right after the ordinal makes it a name ("Third District
/// Court", "6th Infantry"), which ranks nothing a reader compares; after the noun, it
/// ends the noun ("the fifth shift Monday").
pub fn ordinal_unit_after(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    j: usize,
) -> Option<FoundUnit> {
    let first = lower.get(j)?;
    // "the third oldest person", "the second-largest bank": a superlative says by what
    // the noun after it is ranked, and is not itself what is ranked.
    if is_superlative(first) {
        return ordinal_noun_after(sentence, words, lower, j + 1);
    }
    if gap_before(sentence, words, j) == "-" && first.chars().all(char::is_alphabetic) {
        return Some(FoundUnit {
            unit: singular(first),
            complement: compound_head(sentence, words, lower, j + 1),
            role: None,
            participle: None,
            end: words[j].end,
            person: false,
            part: false,
        });
    }
    ordinal_noun_after(sentence, words, lower, j)
}

/// The noun an ordinal ranks, from word `j` on: see [`ordinal_unit_after`].
fn ordinal_noun_after(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    j: usize,
) -> Option<FoundUnit> {
    let mut head = None;
    for k in j..(j + MAX_MODIFIERS).min(words.len()) {
        let word = &lower[k];
        let plain = word.chars().all(char::is_alphabetic)
            && !is_stop_word(word)
            && number_word_value(word).is_none()
            && ordinal_word_value(word).is_none();
        // "the fifth shift Monday", "her 81st birthday next month": a name or a word
        // of time after the noun ends it.
        if !plain || gap_before(sentence, words, k) != " " || TIME_WORDS.contains(&word.as_ref()) {
            break;
        }
        // "the Third District Court": an ordinal before a name is part of the name.
        if words[k].text.starts_with(|c: char| c.is_uppercase()) {
            if head.is_some() {
                break;
            }
            return None;
        }
        // "the first black senator elected": a participle after the noun ends it.
        if head.is_some() && (word.ends_with("ed") || word.ends_with("ing")) {
            break;
        }
        head = Some(k);
    }
    let k = head?;
    Some(unit_with_tail(
        sentence,
        words,
        lower,
        k,
        singular(&lower[k]),
    ))
}
