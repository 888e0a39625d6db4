//! A sentence's signature: what the same-fact decision reads from one sentence,
//! computed once per sentence so that comparing a pair is a few merges of sorted lists.
//!
//! A *key* is a term's interned form ([`Key`]); a signature holds the sentence's
//! distinct keys with their rarity, its word hashes and grams, its clauses (each a
//! possible *claim*), and what its negations apply to. It owns building these and the
//! walk over two key lists ([`merge_by_address`]); the hashed gram lists are made in
//! [`super::grams`], and nothing here compares two sentences.

use crate::extract::Quantity;
use crate::text::clauses::clauses_of_words;
use crate::text::terms::{Key, SentenceWords, Term, terms_of};

use super::SentenceView;
use super::grams::{
    LetterGramLists, hash_of, letter_grams_of, letter_trigram_count, sorted, sorted_distinct,
    word_gram_lists,
};
use super::negation::negation_of;
use super::rarity::TermRarity;

/// What the same-fact model reads from one sentence, computed once per sentence so that
/// comparing a pair is a few merges of sorted lists: no hashing of strings, no
/// allocation of word lists, per pair.
#[derive(Debug, Clone)]
pub struct Signature<'a> {
    /// Distinct terms, sorted by [`Key::address`].
    pub(super) keys: Vec<KeyInfo>,
    /// Square root of the sum of squared rarities of `keys`.
    pub(super) norm: f64,
    /// Sum of the rarities of `keys`.
    pub(super) mass: f64,
    /// Each term of the sentence, in order, as its index in `keys`.
    pub(super) term_slots: Vec<u32>,
    /// Adjacent term pairs, hashed, sorted, distinct.
    pub(super) term_pairs: Vec<u64>,
    /// Every word, lower-case, hashed, in order (cut at [`MAX_ORDER_WORDS`]).
    pub(super) words: Vec<u64>,
    /// `words` sorted, repeats kept, when they were cut; else empty, since then
    /// `word_grams[0]` holds the same ([`Signature::word_bag`]).
    pub(super) word_bag: Vec<u64>,
    pub(super) word_count: usize,
    /// The sentence's text, for [`Signature::letters`].
    pub(super) text: &'a str,
    /// How many letter trigrams the sentence has ([`letter_trigram_count`]).
    pub(super) letter_trigram_count: usize,
    /// Letter grams ([`LetterGramLists`]), made the first time a pair reads them: most
    /// sentences compared are only in pairs settled before that.
    pub(super) letters: std::sync::OnceLock<LetterGramLists>,
    /// Word n-grams (all words, lower-case) for n = 1 to 4, hashed, sorted, repeats
    /// kept.
    pub(super) word_grams: [Vec<u64>; 4],
    /// The first letters of each term that is no number ([`prefix_hash`]), sorted,
    /// distinct.
    pub(super) prefixes: Vec<u64>,
    /// Terms a negation in the sentence applies to, sorted by address, distinct.
    pub(super) negated: Vec<Key>,
    /// The sentence has a negation, whether or not it reaches a term.
    pub(super) negates: bool,
    pub(super) clauses: Vec<ClauseSignature>,
    pub(super) one_claim: bool,
    pub(super) quantities: &'a [Quantity],
}

#[derive(Debug, Clone, Copy)]
pub(super) struct KeyInfo {
    pub(super) key: Key,
    pub(super) weight: f64,
    /// Written as a name somewhere in the sentence.
    pub(super) name: bool,
    pub(super) number: bool,
    /// See [`prefix_hash`].
    pub(super) prefix: Option<u64>,
}

#[derive(Debug, Clone)]
pub(super) struct ClauseSignature {
    /// Distinct terms with their squared rarity, sorted by address.
    pub(super) keys: Vec<(Key, f64)>,
    pub(super) norm: f64,
    /// Distinct terms written as a name in this clause, sorted by address.
    pub(super) names: Vec<Key>,
    /// Terms, repeats counted.
    pub(super) term_count: usize,
    /// Distinct numbers among the terms.
    pub(super) figures: usize,
}

/// Word order is compared over at most this many words of each sentence: the table is
/// quadratic, and no news sentence needs more.
pub(super) const MAX_ORDER_WORDS: usize = 200;

impl<'a> Signature<'a> {
    pub fn of(view: &SentenceView<'a>, rarity: &TermRarity) -> Signature<'a> {
        let (keys, term_slots) = distinct_keys(view.terms, rarity);
        let norm = keys.iter().map(|k| k.weight * k.weight).sum::<f64>().sqrt();
        let mass = keys.iter().map(|k| k.weight).sum();
        let term_pairs = sorted_distinct(
            view.terms
                .windows(2)
                .map(|w| hash_of(&(w[0].key.address(), w[1].key.address()))),
        );
        // Word hashes, clauses and negations all read every word in lower case, and the
        // last two ask which are stop words: read once.
        let read = SentenceWords::of(view.text);
        let all_words = lower_word_hashes(&read);
        let word_grams = word_gram_lists(&all_words);
        let prefixes = sorted_distinct(keys.iter().filter_map(|k| k.prefix));
        let word_count = all_words.len();
        let mut words = all_words;
        words.truncate(MAX_ORDER_WORDS);
        let word_bag = if word_count > MAX_ORDER_WORDS {
            sorted(words.iter().copied())
        } else {
            Vec::new()
        };
        // Clauses are found here rather than kept per sentence: only the facts stage
        // reads them, once per distinct wording.
        let (clauses, one_claim) = clause_signatures(view, &read, rarity);
        let (negates, negated) = negation_of(view.text, &read);
        Signature {
            keys,
            norm,
            mass,
            term_slots,
            term_pairs,
            words,
            word_bag,
            word_count,
            text: view.text,
            letter_trigram_count: letter_trigram_count(view.text),
            letters: std::sync::OnceLock::new(),
            word_grams,
            prefixes,
            negated,
            negates,
            clauses,
            one_claim,
            quantities: view.quantities,
        }
    }

    pub(super) fn states(&self, key: Key) -> bool {
        self.keys
            .binary_search_by_key(&key.address(), |k| k.key.address())
            .is_ok()
    }

    /// The sentence's letter grams, made on first use.
    pub(super) fn letters(&self) -> &LetterGramLists {
        self.letters.get_or_init(|| letter_grams_of(self.text))
    }

    /// `words` sorted, repeats kept.
    pub(super) fn word_bag(&self) -> &[u64] {
        if self.word_count > MAX_ORDER_WORDS {
            &self.word_bag
        } else {
            &self.word_grams[0]
        }
    }
}

/// The signatures of a sentence's clauses, and whether it is one claim (a single
/// clause holding all its terms). A clause's terms are the sentence's own terms that
/// start inside it, so a name keeps the reading the whole sentence gave it.
fn clause_signatures(
    view: &SentenceView,
    read: &SentenceWords,
    rarity: &TermRarity,
) -> (Vec<ClauseSignature>, bool) {
    let spans = clauses_of_words(view.text, read);
    let starts = read.term_starts();
    // A view's terms are `terms_of` its text; read them again should a caller have
    // given others, rather than place terms at the wrong words.
    let read_again;
    let terms = if starts.len() == view.terms.len() {
        view.terms
    } else {
        read_again = terms_of(view.text);
        &read_again
    };
    let clauses: Vec<ClauseSignature> = spans
        .iter()
        .map(|&(start, end)| {
            let first = starts.partition_point(|&at| at < start);
            let after = starts.partition_point(|&at| at < end);
            ClauseSignature::of(&terms[first..after.max(first)], rarity)
        })
        .collect();
    let one_claim = matches!(clauses.as_slice(), [only] if only.term_count == terms.len());
    (clauses, one_claim)
}

impl ClauseSignature {
    pub(super) fn of(terms: &[Term], rarity: &TermRarity) -> ClauseSignature {
        let mut keys: Vec<(Key, f64)> = terms
            .iter()
            .map(|t| (t.key, rarity.weight(t.key).powi(2)))
            .collect();
        keys.sort_unstable_by_key(|(k, _)| k.address());
        keys.dedup_by_key(|(k, _)| k.address());
        let mut names: Vec<Key> = terms.iter().filter(|t| t.is_name).map(|t| t.key).collect();
        names.sort_unstable_by_key(|k| k.address());
        names.dedup();
        ClauseSignature {
            norm: keys.iter().map(|(_, w)| w).sum::<f64>().sqrt(),
            // The keys are distinct, and whether a key is a number is in the key.
            figures: keys.iter().filter(|(k, _)| k.is_number()).count(),
            keys,
            names,
            term_count: terms.len(),
        }
    }

    pub(super) fn states(&self, key: Key) -> bool {
        self.keys
            .binary_search_by_key(&key.address(), |(k, _)| k.address())
            .is_ok()
    }

    /// Rarity-weighted cosine with another clause.
    pub(super) fn cosine(&self, other: &ClauseSignature) -> f64 {
        if self.norm == 0.0 || other.norm == 0.0 {
            return 0.0;
        }
        let mut dot = 0.0;
        merge_by_address(
            &self.keys,
            &other.keys,
            |(k, _)| *k,
            |(k, _)| *k,
            |side| {
                if let Side::Both(i, _) = side {
                    dot += self.keys[i].1;
                }
            },
        );
        dot / (self.norm * other.norm)
    }
}

/// The distinct terms of a sentence with their rarity, sorted by address, and for each
/// term in order the index of its key.
fn distinct_keys(terms: &[Term], rarity: &TermRarity) -> (Vec<KeyInfo>, Vec<u32>) {
    // Each term as its key's address over its place: sorting these numbers puts the
    // terms in order of address, equal keys in order of place.
    let mut order: Vec<u64> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| ((t.key.address() as u64) << 32) | i as u64)
        .collect();
    order.sort_unstable();
    let mut keys: Vec<KeyInfo> = Vec::with_capacity(terms.len());
    let mut slots = vec![0u32; terms.len()];
    for place in order {
        let i = (place & u64::from(u32::MAX)) as usize;
        let term = terms[i];
        match keys.last_mut() {
            Some(last) if last.key == { term.key } => last.name |= term.is_name,
            _ => keys.push(KeyInfo {
                key: term.key,
                weight: rarity.weight(term.key),
                name: term.is_name,
                number: term.is_number(),
                prefix: prefix_hash(term),
            }),
        }
        slots[i] = (keys.len() - 1) as u32;
    }
    (keys, slots)
}

/// Which side of a merge of two sorted key lists an element is on, with its index.
pub(super) enum Side {
    OnlyA(usize),
    OnlyB(usize),
    Both(usize, usize),
}

/// Walks two lists of distinct keys sorted by address in one pass; `key_a` and `key_b`
/// read the key of an element.
pub(super) fn merge_by_address<A, B>(
    a: &[A],
    b: &[B],
    key_a: impl Fn(&A) -> Key,
    key_b: impl Fn(&B) -> Key,
    mut visit: impl FnMut(Side),
) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (key_a(&a[i]).address(), key_b(&b[j]).address());
        if x < y {
            visit(Side::OnlyA(i));
            i += 1;
        } else if y < x {
            visit(Side::OnlyB(j));
            j += 1;
        } else {
            visit(Side::Both(i, j));
            i += 1;
            j += 1;
        }
    }
    (i..a.len()).for_each(|i| visit(Side::OnlyA(i)));
    (j..b.len()).for_each(|j| visit(Side::OnlyB(j)));
}

/// Terms that share this many first letters are taken for one word in two forms.
const PREFIX_LETTERS: usize = 4;

/// The hash of a term's first [`PREFIX_LETTERS`] letters; none for numbers and for
/// terms too short to have a telling prefix.
fn prefix_hash(term: Term) -> Option<u64> {
    let key = term.key;
    let key: &str = &key;
    // A key has at least as many bytes as letters: most are ruled out or in by length.
    if term.is_number() || key.len() < PREFIX_LETTERS {
        return None;
    }
    if key.is_ascii() {
        return Some(hash_of(&key[..PREFIX_LETTERS]));
    }
    if key.chars().count() < PREFIX_LETTERS {
        return None;
    }
    let end = key
        .char_indices()
        .nth(PREFIX_LETTERS)
        .map_or(key.len(), |(at, _)| at);
    Some(hash_of(&key[..end]))
}

/// Every word, lower-case, hashed, in order.
pub(super) fn lower_word_hashes(read: &SentenceWords) -> Vec<u64> {
    (0..read.words.len())
        .map(|i| hash_of(read.lower(i)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::tests::{owned, view};
    use crate::text::terms::canonical_key;

    #[test]
    fn a_clause_keeps_the_sentence_reading_of_its_terms() {
        let o = owned("Officials said that Zelensky approved the plan to leave the U.S.");
        let rarity = TermRarity::from_sentences([o.terms.as_slice()]);
        let signature = Signature::of(&view(&o, 0), &rarity);
        let [claim] = signature.clauses.as_slice() else {
            panic!("one claim expected: {:?}", signature.clauses);
        };
        // Opening the clause does not make "Zelensky" less of a name, and the clause's
        // "U.S", cut of its final stop, is still the country.
        assert!(claim.names.contains(&canonical_key("zelensky")));
        assert!(claim.names.contains(&Key::new("usa")));
        assert_eq!(claim.term_count, 5);
    }
}
