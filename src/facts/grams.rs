//! Grams: word n-grams and letter n-grams of a sentence as sorted lists of 64-bit
//! hashes, and the merges that count what two such lists share.
//!
//! A *word gram* is n consecutive words (n = 1 to 4), a *letter gram* 3 or 4
//! consecutive characters; each is hashed (or packed) into one number, so that
//! comparing two sentences' grams is merging two sorted lists of numbers
//! ([`shared_count`], a merge without branches on the comparison). This file does not
//! know what a feature or a score is.

use crate::text::terms::shared_count;

pub(super) fn hash_of<T: std::hash::Hash + ?Sized>(value: &T) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(value)
}

pub(super) fn sorted_distinct(hashes: impl Iterator<Item = u64>) -> Vec<u64> {
    let mut out = sorted(hashes);
    out.dedup();
    out
}

pub(super) fn sorted(hashes: impl Iterator<Item = u64>) -> Vec<u64> {
    let mut out: Vec<u64> = hashes.collect();
    out.sort_unstable();
    out
}

/// The longest word n-grams [`Signature::word_grams`] holds.
const LONGEST_WORD_GRAM: usize = 4;

/// The word n-grams of a sentence, n = 1 to [`LONGEST_WORD_GRAM`], from its word hashes:
/// each list hashed, sorted, repeats kept. A gram's hash folds in its words' hashes one
/// after another ([`fold_word_hash`]), so each word costs a multiply per list where
/// hashing every window anew would read the window again. The lists are only compared
/// with lists of the same n, and a gram's hash is a 64-bit mix of its words' hashes, so
/// grams that differ share a hash no more often than words do.
pub(super) fn word_gram_lists(word_hashes: &[u64]) -> [Vec<u64>; LONGEST_WORD_GRAM] {
    WORD_GRAMS.with(|grams| {
        let mut grams = grams.borrow_mut();
        for list in grams.iter_mut() {
            list.clear();
        }
        for start in 0..word_hashes.len() {
            let mut gram = WORD_GRAM_SEED;
            let window = &word_hashes[start..word_hashes.len().min(start + LONGEST_WORD_GRAM)];
            for (list, &word) in grams.iter_mut().zip(window) {
                gram = fold_word_hash(gram, word);
                list.push(gram);
            }
        }
        std::array::from_fn(|n| sorted(grams[n].iter().copied()))
    })
}

thread_local! {
    /// The word grams of [`word_gram_lists`] before sorting, kept per thread: a
    /// sentence's signature then allocates its sorted lists only, at their size.
    static WORD_GRAMS: std::cell::RefCell<[Vec<u64>; LONGEST_WORD_GRAM]> =
        const { std::cell::RefCell::new([const { Vec::new() }; LONGEST_WORD_GRAM]) };
}

/// The hash a word gram starts from. Not one that leaves a single word's gram equal to
/// the word's own hash: the single-word grams of the hashing this replaced were not the
/// word hashes either, and [`CostlyBounds::of`] merges one sentence's word hashes
/// ([`Signature::word_bag`] of a cut sentence) with another's single-word grams.
const WORD_GRAM_SEED: u64 = 0x243f_6a88_85a3_08d3;

/// A gram's hash with one more word: the gram's hash turned, so that the same words in
/// another order give another value, mixed with the word's hash and multiplied by an
/// odd number, which spreads every bit over the high ones and maps values one to one.
fn fold_word_hash(gram: u64, word: u64) -> u64 {
    (gram.rotate_left(23) ^ word).wrapping_mul(TRIGRAM_SPREAD)
}

/// Letter 4-grams of the lower-cased letters and digits (hashed, sorted, distinct) and
/// letter trigrams of the lower-cased letters, digits and spaces (sorted, repeats kept),
/// in one pass over the text. A trigram is its three characters packed into one number
/// (21 bits each) and multiplied by an odd number, which maps numbers one to one: equal
/// trigrams are equal numbers without hashing, spread over all 64 bits.
pub(super) fn letter_grams_of(text: &str) -> LetterGramLists {
    LETTER_GRAMS.with(|grams| {
        let mut grams = grams.borrow_mut();
        grams.start();
        each_letter(text, |c, letter| grams.push(c, letter));
        let mut fours = sorted(grams.fours.iter().copied());
        fours.dedup();
        LetterGramLists {
            fours,
            threes: sorted(grams.threes.iter().copied()),
        }
    })
}

/// A sentence's letter grams ([`letter_grams_of`]).
#[derive(Debug, Clone)]
pub(super) struct LetterGramLists {
    /// Letter 4-grams of the lower-cased letters and digits, hashed, sorted, distinct.
    pub(super) fours: Vec<u64>,
    /// Letter trigrams of the lower-cased text with its spaces, sorted, repeats kept.
    pub(super) threes: Vec<u64>,
}

/// How many letter trigrams [`letter_grams_of`] finds in a text, without making them:
/// one per character it reads, but the first two. A bound on a pair's trigram feature
/// needs only this.
pub(super) fn letter_trigram_count(text: &str) -> usize {
    let characters = if text.is_ascii() {
        // What [`each_letter`] visits of ASCII text, counted without visiting.
        text.bytes()
            .filter(|&b| b.is_ascii_alphanumeric() || b == b' ')
            .count()
    } else {
        let mut characters = 0usize;
        each_letter(text, |_, _| characters += 1);
        characters
    };
    characters.saturating_sub(2)
}

thread_local! {
    /// The windows' grams before sorting, kept per thread: a sentence's signature then
    /// allocates its sorted lists only, at their size.
    static LETTER_GRAMS: std::cell::RefCell<LetterGrams> =
        const { std::cell::RefCell::new(LetterGrams::new()) };
}

/// Calls `visit` with each lower-cased letter, digit and space of a text, and whether
/// it is a letter or digit.
fn each_letter(text: &str, mut visit: impl FnMut(char, bool)) {
    if text.is_ascii() {
        // Most news text: no decoding, and lower case is a bit.
        for byte in text.bytes() {
            let letter = byte.is_ascii_alphanumeric();
            if letter || byte == b' ' {
                visit(char::from(byte.to_ascii_lowercase()), letter);
            }
        }
    } else {
        for c in text.chars() {
            let letter = c.is_alphanumeric();
            if letter || c == ' ' {
                for lower in c.to_lowercase() {
                    visit(lower, letter);
                }
            }
        }
    }
}

/// Spreads packed trigrams over all 64 bits; odd, so that no two trigrams meet.
const TRIGRAM_SPREAD: u64 = 0x9e37_79b9_7f4a_7c15;

/// Bits a character takes in a packed window: every char fits in 21.
const CHAR_BITS: u32 = 21;

/// The two sliding windows of [`letter_grams_of`]: the last four letters (spaces left
/// out) and the last three characters (spaces kept), each packed into one number.
struct LetterGrams {
    pub(super) four: u128,
    pub(super) letters: usize,
    pub(super) three: u64,
    pub(super) characters: usize,
    pub(super) fours: Vec<u64>,
    pub(super) threes: Vec<u64>,
}

impl LetterGrams {
    const fn new() -> Self {
        LetterGrams {
            four: 0,
            letters: 0,
            three: 0,
            characters: 0,
            fours: Vec::new(),
            threes: Vec::new(),
        }
    }

    /// Empties the windows and lists for a new text.
    fn start(&mut self) {
        self.four = 0;
        self.letters = 0;
        self.three = 0;
        self.characters = 0;
        self.fours.clear();
        self.threes.clear();
    }

    /// Adds one lower-case character; `letter` is false for a space, which only the
    /// trigrams keep.
    fn push(&mut self, c: char, letter: bool) {
        let code = u32::from(c);
        self.three = ((self.three << CHAR_BITS) | u64::from(code)) & ((1 << (3 * CHAR_BITS)) - 1);
        self.characters += 1;
        if self.characters >= 3 {
            self.threes.push(self.three.wrapping_mul(TRIGRAM_SPREAD));
        }
        if letter {
            self.four =
                ((self.four << CHAR_BITS) | u128::from(code)) & ((1 << (4 * CHAR_BITS)) - 1);
            self.letters += 1;
            if self.letters >= 4 {
                self.fours.push(hash_of(&self.four));
            }
        }
    }
}

/// The Dice coefficient of two sorted lists: twice what they share over their sizes, 0
/// when both are empty.
pub(super) fn sorted_dice(a: &[u64], b: &[u64]) -> f64 {
    dice(shared_count(a, b), a.len() + b.len())
}

/// Twice what two lists share over their summed sizes, 0 when both are empty.
pub(super) fn dice(shared: usize, total: usize) -> f64 {
    if total == 0 {
        return 0.0;
    }
    2.0 * shared as f64 / total as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trigram_count_is_the_number_of_trigrams_made() {
        for text in [
            "",
            "ab",
            "abc",
            "U.S. officials said 653 drones, not 370.",
            "  Zelenskyy’s ÉCOLE straße İstanbul — 3½ days  ",
            "\u{130}\u{130}\u{130}",
        ] {
            assert_eq!(
                letter_trigram_count(text),
                letter_grams_of(text).threes.len(),
                "{text:?}"
            );
        }
    }
}
