//! Facts stage: decides when two sentences state the same fact, and gathers a story's
//! sentences into [`Fact`]s, each with every (article, sentence) that states it.
//!
//! The same-fact decision ([`same_fact`]) combines lexical overlap weighted by how rare
//! each term is (so "Zaporizhzhia" counts for more than "said"), plain overlap, names on
//! one side only, word order, and the measures of machine-translation metrics (word
//! edit distance, 1- to 4-gram match) in a logistic model; two rules add the pairs whose
//! main claims match although the sentences around them differ. Figures that disagree
//! or a negation on one side only veto the match, since then the sentences do not make
//! the same claim. `compare` calls exactly this function.
//!
//! It does not decide which figures conflict: that is `figures`.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::extract::{Quantity, values_conflict};
use crate::text::clauses::clauses_of_words;
use crate::text::terms::{
    Key, SentenceWords, Term, Word, canonical_key, shared_count, terms_of, words,
};

/// One sentence as the facts stage sees it.
#[derive(Debug, Clone)]
pub struct SentenceView<'a> {
    pub article: usize,
    pub sentence: usize,
    pub text: &'a str,
    pub terms: &'a [Term],
    pub quantities: &'a [Quantity],
}

/// Where a fact is stated: an article (index into the run) and a sentence in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Mention {
    pub article: usize,
    pub sentence: usize,
}

/// One statement, with every mention of it; `representative` is the mention whose
/// sentence stands for the fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub mentions: Vec<Mention>,
    pub representative: Mention,
}

/// How rare each term is across the sentences of the run, for weighting overlap.
#[derive(Debug, Clone, Default)]
pub struct TermRarity {
    /// The weight of each term, by [`Key::index`]; NaN for a term no sentence has.
    /// Signatures read it for every term of millions of sentences: a vector, not a map.
    idf: Vec<f64>,
    unseen: f64,
}

impl TermRarity {
    /// Counts in how many sentences each term appears.
    pub fn from_sentences<'a>(sentences: impl IntoIterator<Item = &'a [Term]>) -> TermRarity {
        Self::from_counts(SentenceCounts::of(sentences))
    }

    /// [`from_sentences`](Self::from_sentences) over the run's sentences given in
    /// parts, which are counted in parallel and the counts added: the same weights, as
    /// counts are exact. Sorting each of millions of sentences' terms took most of a
    /// second on one core.
    pub fn from_parts<'a, P, S>(parts: P) -> TermRarity
    where
        P: IntoParallelIterator<Item = S>,
        S: IntoIterator<Item = &'a [Term]>,
    {
        let counts = parts
            .into_par_iter()
            .map(SentenceCounts::of)
            .reduce(SentenceCounts::default, SentenceCounts::add);
        Self::from_counts(counts)
    }

    fn from_counts(SentenceCounts { df, sentences }: SentenceCounts) -> TermRarity {
        let total = f64::from(sentences);
        let idf = df
            .into_iter()
            .map(|count| {
                if count == 0 {
                    f64::NAN
                } else {
                    ((total + 1.0) / (f64::from(count) + 1.0)).ln() + 1.0
                }
            })
            .collect();
        TermRarity {
            idf,
            unseen: (total + 1.0).ln() + 1.0,
        }
    }

    pub fn weight(&self, key: Key) -> f64 {
        match self.idf.get(key.index()) {
            Some(&weight) if !weight.is_nan() => weight,
            _ => self.unseen,
        }
    }
}

/// How many sentences were counted, and in how many of them each term appears (by
/// [`Key::index`]).
#[derive(Default)]
struct SentenceCounts {
    df: Vec<u32>,
    sentences: u32,
}

impl SentenceCounts {
    /// Counts each term once per sentence by remembering the last sentence that counted
    /// it, rather than sorting each sentence's terms to find its distinct ones.
    fn of<'a>(sentences: impl IntoIterator<Item = &'a [Term]>) -> SentenceCounts {
        let mut counts = SentenceCounts::default();
        // By term: the number (from 1) of the last sentence that counted it, or 0.
        let mut counted_in: Vec<u32> = Vec::new();
        for terms in sentences {
            counts.sentences += 1;
            let sentence = counts.sentences;
            for term in terms {
                let index = term.key.index();
                if index >= counts.df.len() {
                    counts.df.resize(index + 1, 0);
                    counted_in.resize(index + 1, 0);
                }
                if counted_in[index] != sentence {
                    counted_in[index] = sentence;
                    counts.df[index] += 1;
                }
            }
        }
        counts
    }

    fn add(self, other: SentenceCounts) -> SentenceCounts {
        let (mut into, from) = if self.df.len() >= other.df.len() {
            (self, other)
        } else {
            (other, self)
        };
        for (count, added) in into.df.iter_mut().zip(from.df) {
            *count += added;
        }
        into.sentences += from.sentences;
        into
    }
}

/// The measurements the same-fact model reads from a pair of sentences.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PairFeatures {
    /// Rarity-weighted cosine of the two term sets.
    pub weighted_overlap: f64,
    /// Share of the longer sentence's terms found in the shorter one.
    pub coverage_of_longer: f64,
    /// Share of the shorter sentence's terms found in the longer one.
    pub coverage_of_shorter: f64,
    /// Names on one side only, as a share of three (capped): extra names usually mean an
    /// extra claim.
    pub unmatched_names: f64,
    /// Numbers on one side only, as a share of three (capped).
    pub unmatched_numbers: f64,
    /// Rarity-weighted share of all terms that appear on one side only.
    pub unmatched_rarity: f64,
    /// Dice coefficient of adjacent term pairs: shared word order.
    pub bigrams: f64,
    /// Best rarity-weighted cosine between a clause of one and a clause of the other:
    /// the same claim wrapped in different attribution or asides.
    pub clause_overlap: f64,
    /// The longest run of consecutive terms of one sentence missing from the other, as
    /// a share of six (capped): a whole extra clause is an extra claim.
    pub longest_unmatched_run: f64,
    /// Longest common subsequence of the two sentences' words (all words, lower-case),
    /// over the longer's length: the same sentence reworded keeps most of its order.
    pub word_order: f64,
    /// Dice coefficient of word trigrams (all words, repeats counted): shared phrasing.
    pub trigrams: f64,
    /// Dice coefficient of word pairs (all words, repeats counted).
    pub word_pairs: f64,
    /// Dice coefficient of letter 4-grams: spellings the stemmer does not join
    /// ("Poor's" and "Poors", "Zelensky" and "Zelenskyy").
    pub spelling: f64,
    /// Difference in word count over the longer's: a much longer sentence says more.
    pub length_gap: f64,
    /// Word-level edit distance (insertions, deletions and substitutions of whole words)
    /// over the shorter sentence's word count, capped at two: how much rewriting turns
    /// one sentence into the other, as the translation metric TER measures it.
    pub word_edits: f64,
    /// Letter trigrams (word boundaries kept, repeats counted) both sentences have, over
    /// the larger count: closeness of spelling that survives reworded inflections.
    pub letter_trigrams: f64,
    /// Rarity-weighted share of the shorter sentence's terms that the other states,
    /// counting a term as stated when the other has one with the same first four letters
    /// ("acquire" and "acquisition"): the stemmer joins inflections only.
    pub aligned_share_of_shorter: f64,
    /// The same for the longer sentence.
    pub aligned_share_of_longer: f64,
    /// BLEU-style phrase match: the geometric mean of the shares of one sentence's word
    /// 1- to 4-grams found in the other, in the direction that matches better.
    pub phrase_match: f64,
    /// Share of the longer sentence's words (repeats counted) found in the shorter.
    pub words_of_longer_matched: f64,
    /// Clauses of both sentences together, as a share of six (capped): sentences made
    /// of several claims rarely state exactly the same ones.
    pub clause_count: f64,
    /// Names of the longer sentence the shorter does not state (even by prefix), as a
    /// share of three (capped): a name the other lacks is usually an added claim.
    pub unaligned_names_of_longer: f64,
    /// A figure for the same unit with different values on the two sides.
    pub figures_conflict: bool,
    /// One side is negated and the other is not.
    pub negation_differs: bool,
    /// The main claim of one sentence is stated by the other whatever else either adds
    /// ([`shares_a_claim`]).
    pub shares_a_claim: bool,
}

impl PairFeatures {
    /// The model's inputs, in [`WEIGHTS`] order after the intercept.
    pub fn inputs(&self) -> [f64; 24] {
        [
            self.weighted_overlap,
            self.coverage_of_longer,
            self.coverage_of_shorter,
            self.unmatched_names,
            self.unmatched_numbers,
            self.unmatched_rarity,
            self.bigrams,
            self.clause_overlap,
            self.longest_unmatched_run,
            self.word_order,
            self.trigrams,
            self.length_gap,
            self.word_pairs,
            self.spelling,
            // Interactions: overlap counts for more when the order is kept too.
            self.word_order * self.word_order,
            self.coverage_of_longer * self.word_order,
            self.word_edits,
            self.letter_trigrams,
            self.aligned_share_of_shorter,
            self.aligned_share_of_longer,
            self.phrase_match,
            self.words_of_longer_matched,
            self.clause_count,
            self.unaligned_names_of_longer,
        ]
    }

    /// The inputs of [`inputs`](Self::inputs) by what they measure, by index: the
    /// quality command's `--fit` reports what each group adds to the cross-validated
    /// decision by refitting without it.
    pub const INPUT_GROUPS: &[(&str, &[usize])] = &[
        ("rarity-weighted overlap", &[0, 5]),
        ("coverage of each side", &[1, 2, 21]),
        ("names and numbers on one side", &[3, 4]),
        ("word n-grams and BLEU-like match", &[6, 10, 12, 20]),
        ("clauses", &[7, 22]),
        ("longest one-sided run", &[8]),
        ("word order (LCS) and its interactions", &[9, 14, 15]),
        ("length gap", &[11]),
        ("letter n-grams", &[13, 17]),
        ("word edits (TER-like)", &[16]),
        ("prefix alignment", &[18, 19, 23]),
    ];

    /// Whether something besides the model decides the pair against being one fact:
    /// figures that disagree, a negation on one side only, or too few shared terms.
    pub fn vetoed(&self) -> bool {
        self.figures_conflict
            || self.negation_differs
            || too_few_shared_terms(self.coverage_of_shorter, self.shares_a_claim)
    }
}

/// The decision for one pair of sentences.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decision {
    pub same_fact: bool,
    /// Probability-like score in [0, 1]; 0.5 is the decision boundary.
    pub score: f64,
}

/// The score at which two sentences count as one fact: the highest-accuracy threshold
/// on MRPC whose precision, with the rules and vetoes of [`decide`] in place, stays at
/// 0.85 or above (a wrong merge misleads a reader more than a missed one). Chosen by the
/// same command that fits [`WEIGHTS`], on scores from models that did not see the pair
/// (10-fold), so that the precision holds on new pairs: a threshold chosen on the
/// fitted pairs' own scores (0.602) kept 0.845 held out.
const THRESHOLD: f64 = 0.615;

/// Two main claims are the same when their rarity-weighted cosine reaches this. Higher
/// than a whole sentence needs, since matching a part of each sentence is weaker
/// evidence than matching the whole.
const CLAUSE_MATCH: f64 = 0.65;

/// Logistic-model weights: intercept, then one per input in [`PairFeatures::inputs`]
/// order. Fitted on MRPC's training pairs (those no veto decides) by
/// `cargo run --release --example quality -- ../shared/corpus --fit`, which also prints
/// [`THRESHOLD`] and checks the fit on pairs it did not see. Several inputs measure
/// related things, so single weights (even their signs) mean little on their own.
const WEIGHTS: [f64; 25] = [
    0.236, -0.959, -4.760, 0.476, -0.460, -0.441, 1.124, -2.879, 0.246, -1.254, -6.197, 1.514,
    1.951, 1.799, -3.508, 6.396, 3.501, -2.205, 7.307, 3.351, 4.482, -5.053, 1.597, -1.616, 0.996,
];

/// Verbs that negate what follows only before "to": "declined to comment" says what "had
/// no comment" says, while "shares declined 2 percent" negates nothing.
const NEGATING_BEFORE_TO: &[&str] = &[
    "declined",
    "declines",
    "decline",
    "declining",
    "refused",
    "refuses",
    "refuse",
    "refusing",
    "failed",
    "fails",
    "fail",
    "failing",
    "failure",
    "unable",
];

/// What the same-fact model reads from one sentence, computed once per sentence so that
/// comparing a pair is a few merges of sorted lists: no hashing of strings, no
/// allocation of word lists, per pair.
#[derive(Debug, Clone)]
pub struct Signature<'a> {
    /// Distinct terms, sorted by [`Key::address`].
    keys: Vec<KeyInfo>,
    /// Square root of the sum of squared rarities of `keys`.
    norm: f64,
    /// Sum of the rarities of `keys`.
    mass: f64,
    /// Each term of the sentence, in order, as its index in `keys`.
    term_slots: Vec<u32>,
    /// Adjacent term pairs, hashed, sorted, distinct.
    term_pairs: Vec<u64>,
    /// Every word, lower-case, hashed, in order (cut at [`MAX_ORDER_WORDS`]).
    words: Vec<u64>,
    /// `words` sorted, repeats kept, when they were cut; else empty, since then
    /// `word_grams[0]` holds the same ([`Signature::word_bag`]).
    word_bag: Vec<u64>,
    word_count: usize,
    /// The sentence's text, for [`Signature::letters`].
    text: &'a str,
    /// How many letter trigrams the sentence has ([`letter_trigram_count`]).
    letter_trigram_count: usize,
    /// Letter grams ([`LetterGramLists`]), made the first time a pair reads them: most
    /// sentences compared are only in pairs settled before that.
    letters: std::sync::OnceLock<LetterGramLists>,
    /// Word n-grams (all words, lower-case) for n = 1 to 4, hashed, sorted, repeats
    /// kept.
    word_grams: [Vec<u64>; 4],
    /// The first letters of each term that is no number ([`prefix_hash`]), sorted,
    /// distinct.
    prefixes: Vec<u64>,
    /// Terms a negation in the sentence applies to, sorted by address, distinct.
    negated: Vec<Key>,
    /// The sentence has a negation, whether or not it reaches a term.
    negates: bool,
    clauses: Vec<ClauseSignature>,
    one_claim: bool,
    quantities: &'a [Quantity],
}

#[derive(Debug, Clone, Copy)]
struct KeyInfo {
    key: Key,
    weight: f64,
    /// Written as a name somewhere in the sentence.
    name: bool,
    number: bool,
    /// See [`prefix_hash`].
    prefix: Option<u64>,
}

#[derive(Debug, Clone)]
struct ClauseSignature {
    /// Distinct terms with their squared rarity, sorted by address.
    keys: Vec<(Key, f64)>,
    norm: f64,
    /// Distinct terms written as a name in this clause, sorted by address.
    names: Vec<Key>,
    /// Terms, repeats counted.
    term_count: usize,
    /// Distinct numbers among the terms.
    figures: usize,
}

/// Word order is compared over at most this many words of each sentence: the table is
/// quadratic, and no news sentence needs more.
const MAX_ORDER_WORDS: usize = 200;

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

    fn states(&self, key: Key) -> bool {
        self.keys
            .binary_search_by_key(&key.address(), |k| k.key.address())
            .is_ok()
    }

    /// The sentence's letter grams, made on first use.
    fn letters(&self) -> &LetterGramLists {
        self.letters.get_or_init(|| letter_grams_of(self.text))
    }

    /// `words` sorted, repeats kept.
    fn word_bag(&self) -> &[u64] {
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
    fn of(terms: &[Term], rarity: &TermRarity) -> ClauseSignature {
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

    fn states(&self, key: Key) -> bool {
        self.keys
            .binary_search_by_key(&key.address(), |(k, _)| k.address())
            .is_ok()
    }

    /// Rarity-weighted cosine with another clause.
    fn cosine(&self, other: &ClauseSignature) -> f64 {
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
enum Side {
    OnlyA(usize),
    OnlyB(usize),
    Both(usize, usize),
}

/// Walks two lists of distinct keys sorted by address in one pass; `key_a` and `key_b`
/// read the key of an element.
fn merge_by_address<A, B>(
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

fn hash_of<T: std::hash::Hash + ?Sized>(value: &T) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(value)
}

fn sorted_distinct(hashes: impl Iterator<Item = u64>) -> Vec<u64> {
    let mut out = sorted(hashes);
    out.dedup();
    out
}

fn sorted(hashes: impl Iterator<Item = u64>) -> Vec<u64> {
    let mut out: Vec<u64> = hashes.collect();
    out.sort_unstable();
    out
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
fn lower_word_hashes(read: &SentenceWords) -> Vec<u64> {
    (0..read.words.len())
        .map(|i| hash_of(read.lower(i)))
        .collect()
}

/// The longest word n-grams [`Signature::word_grams`] holds.
const LONGEST_WORD_GRAM: usize = 4;

/// The word n-grams of a sentence, n = 1 to [`LONGEST_WORD_GRAM`], from its word hashes:
/// each list hashed, sorted, repeats kept. A gram's hash folds in its words' hashes one
/// after another ([`fold_word_hash`]), so each word costs a multiply per list where
/// hashing every window anew would read the window again. The lists are only compared
/// with lists of the same n, and a gram's hash is a 64-bit mix of its words' hashes, so
/// grams that differ share a hash no more often than words do.
fn word_gram_lists(word_hashes: &[u64]) -> [Vec<u64>; LONGEST_WORD_GRAM] {
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
        std::array::from_fn(|n| sorted_spread(&grams[n]))
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
/// odd number, which spreads every bit over the high ones (for [`sorted_spread`]) and
/// maps values one to one.
fn fold_word_hash(gram: u64, word: u64) -> u64 {
    (gram.rotate_left(23) ^ word).wrapping_mul(TRIGRAM_SPREAD)
}

/// Letter 4-grams of the lower-cased letters and digits (hashed, sorted, distinct) and
/// letter trigrams of the lower-cased letters, digits and spaces (sorted, repeats kept),
/// in one pass over the text. A trigram is its three characters packed into one number
/// (21 bits each) and multiplied by an odd number, which maps numbers one to one: equal
/// trigrams are equal numbers without hashing, spread over all 64 bits for
/// [`sorted_spread`].
fn letter_grams_of(text: &str) -> LetterGramLists {
    LETTER_GRAMS.with(|grams| {
        let mut grams = grams.borrow_mut();
        grams.start();
        each_letter(text, |c, letter| grams.push(c, letter));
        let mut fours = sorted_spread(&grams.fours);
        fours.dedup();
        LetterGramLists {
            fours,
            threes: sorted_spread(&grams.threes),
        }
    })
}

/// A sentence's letter grams ([`letter_grams_of`]).
#[derive(Debug, Clone)]
struct LetterGramLists {
    /// Letter 4-grams of the lower-cased letters and digits, hashed, sorted, distinct.
    fours: Vec<u64>,
    /// Letter trigrams of the lower-cased text with its spaces, sorted, repeats kept.
    threes: Vec<u64>,
}

/// How many letter trigrams [`letter_grams_of`] finds in a text, without making them:
/// one per character it reads, but the first two. A bound on a pair's trigram feature
/// needs only this.
fn letter_trigram_count(text: &str) -> usize {
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

/// Lists longer than this are sorted by comparisons: in [`sorted_spread`] they would
/// crowd its buckets.
const MAX_BUCKET_SORTED: usize = 2048;

/// `hashes` sorted, for hashes spread evenly over all 64 bits: counted into buckets by
/// their top bits, placed bucket by bucket, then put in order within each bucket by
/// insertion, which finds a bucket's few hashes nearly in place. There are about twice
/// as many buckets as hashes, at most 256: a short list then does not pay to count
/// through buckets it leaves empty. For the hundred or two letter grams of a sentence
/// this takes about half the time of a comparison sort, and for the word grams (a few
/// dozen each) about four fifths.
fn sorted_spread(hashes: &[u64]) -> Vec<u64> {
    if hashes.len() > MAX_BUCKET_SORTED {
        return sorted(hashes.iter().copied());
    }
    let bits = (hashes.len().next_power_of_two().trailing_zeros() + 1).clamp(1, 8);
    let bucket = |hash: u64| (hash >> (64 - bits)) as usize;
    let mut counts = [0u16; 257];
    let starts = &mut counts[..(1 << bits) + 1];
    for &hash in hashes {
        starts[bucket(hash) + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut out = vec![0u64; hashes.len()];
    for &hash in hashes {
        let at = &mut starts[bucket(hash)];
        out[usize::from(*at)] = hash;
        *at += 1;
    }
    for i in 1..out.len() {
        let hash = out[i];
        let mut j = i;
        while j > 0 && out[j - 1] > hash {
            out[j] = out[j - 1];
            j -= 1;
        }
        out[j] = hash;
    }
    out
}

/// Spreads packed trigrams over all 64 bits; odd, so that no two trigrams meet.
const TRIGRAM_SPREAD: u64 = 0x9e37_79b9_7f4a_7c15;

/// Bits a character takes in a packed window: every char fits in 21.
const CHAR_BITS: u32 = 21;

/// The two sliding windows of [`letter_grams_of`]: the last four letters (spaces left
/// out) and the last three characters (spaces kept), each packed into one number.
struct LetterGrams {
    four: u128,
    letters: usize,
    three: u64,
    characters: usize,
    fours: Vec<u64>,
    threes: Vec<u64>,
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

/// How many elements two sorted lists share, repeats matched one to one. Written
/// without branches on the comparison: hashes compare at random, so a branch would be
/// mispredicted half the time, and these merges are most of the cost of a pair.
///
/// Each step of one merge waits for the last, so long lists are cut at one value into
/// two merges walked side by side, whose steps overlap: a third faster for the letter
/// grams. Equal elements fall on the same side of the cut in both lists.
fn shared_sorted(a: &[u64], b: &[u64]) -> usize {
    if a.len() < SPLIT_MERGE_LENGTH || b.len() < SPLIT_MERGE_LENGTH {
        return shared_count(a, b);
    }
    let cut = a[a.len() / 2];
    let (a_low, a_high) = a.split_at(a.partition_point(|&x| x < cut));
    let (b_low, b_high) = b.split_at(b.partition_point(|&y| y < cut));
    let (mut i, mut j, mut k, mut l, mut shared) = (0, 0, 0, 0, 0usize);
    while i < a_low.len() && j < b_low.len() && k < a_high.len() && l < b_high.len() {
        let (x, y) = (a_low[i], b_low[j]);
        shared += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
        let (x, y) = (a_high[k], b_high[l]);
        shared += usize::from(x == y);
        k += usize::from(x <= y);
        l += usize::from(y <= x);
    }
    shared + shared_count(&a_low[i..], &b_low[j..]) + shared_count(&a_high[k..], &b_high[l..])
}

/// Lists shorter than this are merged in one walk: cutting them costs more than the
/// overlap saves.
const SPLIT_MERGE_LENGTH: usize = 32;

/// The Dice coefficient of two sorted lists: twice what they share over their sizes, 0
/// when both are empty.
fn sorted_dice(a: &[u64], b: &[u64]) -> f64 {
    dice(shared_sorted(a, b), a.len() + b.len())
}

/// Twice what two lists share over their summed sizes, 0 when both are empty.
fn dice(shared: usize, total: usize) -> f64 {
    if total == 0 {
        return 0.0;
    }
    2.0 * shared as f64 / total as f64
}

/// Measures a pair of sentences for the same-fact model.
pub fn pair_features(a: &SentenceView, b: &SentenceView, rarity: &TermRarity) -> PairFeatures {
    features_of(&Signature::of(a, rarity), &Signature::of(b, rarity))
}

/// [`pair_features`] from the sentences' signatures.
pub fn features_of(a: &Signature, b: &Signature) -> PairFeatures {
    with_costly_features(with_list_features(term_features(a, b), a, b), a, b)
}

/// The features read from the two sentences' distinct terms, figures and negations:
/// one merge. The features of the other lists ([`with_list_features`]) and the costly
/// ones are left at 0.
fn term_features(a: &Signature, b: &Signature) -> PairFeatures {
    STATED.with(|stated| {
        let mut stated = stated.borrow_mut();
        let (in_b, in_a) = &mut *stated;
        in_b.clear();
        in_b.resize(a.keys.len(), false);
        in_a.clear();
        in_a.resize(b.keys.len(), false);
        term_features_with(a, b, in_b, in_a)
    })
}

thread_local! {
    /// Per distinct term of each side of the pair being measured, whether the other
    /// side states it: kept per thread so that measuring a pair allocates nothing.
    static STATED: std::cell::RefCell<(Vec<bool>, Vec<bool>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

fn term_features_with(
    a: &Signature,
    b: &Signature,
    in_b: &mut [bool],
    in_a: &mut [bool],
) -> PairFeatures {
    let mut overlap = Overlap::default();
    merge_by_address(
        &a.keys,
        &b.keys,
        |k| k.key,
        |k| k.key,
        |side| match side {
            Side::Both(i, j) => {
                overlap.shared += 1;
                overlap.dot += a.keys[i].weight * a.keys[i].weight;
                in_b[i] = true;
                in_a[j] = true;
            }
            Side::OnlyA(i) => overlap.one_sided(&a.keys[i]),
            Side::OnlyB(j) => overlap.one_sided(&b.keys[j]),
        },
    );
    let (short, long) = (
        a.keys.len().min(b.keys.len()),
        a.keys.len().max(b.keys.len()),
    );
    let total_mass = a.mass + b.mass;
    let (_, conflict) = figure_agreement(a.quantities, b.quantities);
    let aligned_a = aligned_terms(a, b, in_b);
    let aligned_b = aligned_terms(b, a, in_a);
    let (aligned_short, aligned_long) = if a.keys.len() <= b.keys.len() {
        (aligned_a, aligned_b)
    } else {
        (aligned_b, aligned_a)
    };
    PairFeatures {
        weighted_overlap: if a.norm > 0.0 && b.norm > 0.0 {
            overlap.dot / (a.norm * b.norm)
        } else {
            0.0
        },
        coverage_of_longer: share(overlap.shared, long),
        coverage_of_shorter: share(overlap.shared, short),
        unmatched_names: overlap.names.min(3) as f64 / 3.0,
        unmatched_numbers: overlap.numbers.min(3) as f64 / 3.0,
        unmatched_rarity: if total_mass > 0.0 {
            overlap.unmatched_mass / total_mass
        } else {
            0.0
        },
        longest_unmatched_run: longest_unmatched_run(&a.term_slots, in_b)
            .max(longest_unmatched_run(&b.term_slots, in_a))
            .min(6) as f64
            / 6.0,
        length_gap: length_gap(a.word_count, b.word_count),
        aligned_share_of_shorter: aligned_short.share(),
        aligned_share_of_longer: aligned_long.share(),
        clause_count: (a.clauses.len() + b.clauses.len()).min(6) as f64 / 6.0,
        unaligned_names_of_longer: aligned_long.unaligned_names.min(3) as f64 / 3.0,
        figures_conflict: conflict,
        negation_differs: negation_differs(a, b),
        shares_a_claim: shares_a_claim(a, b),
        ..PairFeatures::default()
    }
}

/// `features` with the features read from merging the two sentences' other sorted
/// lists measured: word and letter grams, term pairs and clauses. [`same_fact_score`]
/// takes the same steps one at a time.
fn with_list_features(features: PairFeatures, a: &Signature, b: &Signature) -> PairFeatures {
    let features = with_word_gram_features(features, &shared_word_grams(a, b), a, b);
    let features = with_letter_trigrams(features, a, b);
    let features = with_spelling(features, a, b);
    with_term_pairs_and_clauses(features, a, b)
}

/// How many word n-grams, n = 1 to 4, two sentences share, repeats matched one to one.
/// The four merges are walked side by side, for the reason [`shared_sorted`] cuts long
/// lists: each step of a merge waits for the last, and the other merges' steps fill the
/// wait. Their lists are about as long, so they end about together.
fn shared_word_grams(a: &Signature, b: &Signature) -> [usize; 4] {
    let (a, b) = (&a.word_grams, &b.word_grams);
    let (mut i, mut j, mut shared) = ([0usize; 4], [0usize; 4], [0usize; 4]);
    while (0..4).all(|n| i[n] < a[n].len() && j[n] < b[n].len()) {
        for n in 0..4 {
            let (x, y) = (a[n][i[n]], b[n][j[n]]);
            shared[n] += usize::from(x == y);
            i[n] += usize::from(x <= y);
            j[n] += usize::from(y <= x);
        }
    }
    std::array::from_fn(|n| shared[n] + shared_sorted(&a[n][i[n]..], &b[n][j[n]..]))
}

/// `features` with those read from the shared word n-grams measured.
fn with_word_gram_features(
    features: PairFeatures,
    shared_grams: &[usize; 4],
    a: &Signature,
    b: &Signature,
) -> PairFeatures {
    let gram_dice = |n: usize| {
        dice(
            shared_grams[n],
            a.word_grams[n].len() + b.word_grams[n].len(),
        )
    };
    PairFeatures {
        trigrams: gram_dice(2),
        word_pairs: gram_dice(1),
        phrase_match: phrase_match(shared_grams, &a.word_grams, &b.word_grams),
        words_of_longer_matched: share(shared_grams[0], a.word_count.max(b.word_count)),
        ..features
    }
}

fn with_letter_trigrams(features: PairFeatures, a: &Signature, b: &Signature) -> PairFeatures {
    PairFeatures {
        letter_trigrams: share(
            shared_sorted(&a.letters().threes, &b.letters().threes),
            a.letter_trigram_count.max(b.letter_trigram_count),
        ),
        ..features
    }
}

fn with_spelling(features: PairFeatures, a: &Signature, b: &Signature) -> PairFeatures {
    PairFeatures {
        spelling: sorted_dice(&a.letters().fours, &b.letters().fours),
        ..features
    }
}

fn with_term_pairs_and_clauses(
    features: PairFeatures,
    a: &Signature,
    b: &Signature,
) -> PairFeatures {
    PairFeatures {
        bigrams: sorted_dice(&a.term_pairs, &b.term_pairs),
        clause_overlap: best_clause_overlap(&a.clauses, &b.clauses),
        ..features
    }
}

/// The list features [`same_fact_score`] measures after the word grams, in its order:
/// the letter trigrams weigh most for a match, spelling most against one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum ListStep {
    LetterTrigrams,
    Spelling,
    TermPairsAndClauses,
}

/// `features` (with the list features from `next` on not yet measured) with each of
/// those at the highest value the two lists' sizes allow: sharing all of the shorter.
fn unmeasured_at_most(
    features: PairFeatures,
    next: ListStep,
    a: &Signature,
    b: &Signature,
) -> PairFeatures {
    let all_of_shorter_dice = |x: &[u64], y: &[u64]| dice(x.len().min(y.len()), x.len() + y.len());
    let mut high = features;
    if next <= ListStep::LetterTrigrams {
        let (x, y) = (a.letter_trigram_count, b.letter_trigram_count);
        high.letter_trigrams = share(x.min(y), x.max(y));
    }
    if next <= ListStep::Spelling {
        // A dice coefficient is at most 1; the 4-grams are not made before they are
        // merged, so their counts are not known here.
        high.spelling = 1.0;
    }
    high.bigrams = all_of_shorter_dice(&a.term_pairs, &b.term_pairs);
    high.clause_overlap = 1.0;
    high
}

/// A share of a whole, 0 of nothing.
fn share(part: usize, whole: usize) -> f64 {
    if whole > 0 {
        part as f64 / whole as f64
    } else {
        0.0
    }
}

/// Most edits counted per word of the shorter sentence (see [`word_alignment`]).
const MAX_EDITS_PER_WORD: f64 = 2.0;

/// `features` with the costly features measured: the word table of the two sentences
/// (longest common subsequence and edit distance), quadratic in their lengths.
fn with_costly_features(features: PairFeatures, a: &Signature, b: &Signature) -> PairFeatures {
    let (common_words, edits) = word_alignment(&a.words, &b.words);
    let longer = a.words.len().max(b.words.len());
    PairFeatures {
        word_order: if longer > 0 {
            common_words as f64 / longer as f64
        } else {
            0.0
        },
        word_edits: edits_share(edits, a, b),
        ..features
    }
}

/// Word edits over the shorter sentence's word count, capped at [`MAX_EDITS_PER_WORD`].
fn edits_share(edits: usize, a: &Signature, b: &Signature) -> f64 {
    (edits as f64 / a.word_count.min(b.word_count).max(1) as f64).min(MAX_EDITS_PER_WORD)
}

/// What one merge of two sentences' distinct terms finds.
#[derive(Default)]
struct Overlap {
    shared: usize,
    /// Sum of squared rarities of the shared terms.
    dot: f64,
    /// Rarity of the terms on one side only.
    unmatched_mass: f64,
    /// Names and numbers on one side only.
    names: usize,
    numbers: usize,
}

impl Overlap {
    fn one_sided(&mut self, key: &KeyInfo) {
        self.unmatched_mass += key.weight;
        self.names += usize::from(key.name);
        self.numbers += usize::from(key.number);
    }
}

fn best_clause_overlap(a: &[ClauseSignature], b: &[ClauseSignature]) -> f64 {
    a.iter()
        .flat_map(|ca| b.iter().map(move |cb| ca.cosine(cb)))
        .fold(0.0, f64::max)
}

/// The longest run of consecutive terms (given as slots into their distinct terms)
/// whose term the other sentence does not state.
fn longest_unmatched_run(slots: &[u32], stated_by_other: &[bool]) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for &slot in slots {
        if stated_by_other[slot as usize] {
            run = 0;
        } else {
            run += 1;
            longest = longest.max(run);
        }
    }
    longest
}

/// The longest common subsequence of two sentences' words and their word-level edit
/// distance (insertions, deletions and substitutions), from one pass over the table.
/// Sentences in news are short, so the quadratic table is small; both lists are cut at
/// [`MAX_ORDER_WORDS`], so its rows live on the stack.
fn word_alignment(wa: &[u64], wb: &[u64]) -> (usize, usize) {
    let (wa, wb) = (
        &wa[..wa.len().min(MAX_ORDER_WORDS)],
        &wb[..wb.len().min(MAX_ORDER_WORDS)],
    );
    let mut common_row = [0u16; MAX_ORDER_WORDS + 1];
    let mut edits_row = [0u16; MAX_ORDER_WORDS + 1];
    let common = &mut common_row[..=wb.len()];
    let edits = &mut edits_row[..=wb.len()];
    for (j, cell) in edits.iter_mut().enumerate() {
        *cell = j as u16;
    }
    for (i, &x) in wa.iter().enumerate() {
        let (mut common_diagonal, mut edits_diagonal) = (0u16, i as u16);
        let (mut common_left, mut edits_left) = (0u16, i as u16 + 1);
        edits[0] = edits_left;
        for (j, &y) in wb.iter().enumerate() {
            let (common_above, edits_above) = (common[j + 1], edits[j + 1]);
            let same = x == y;
            let common_here = if same {
                common_diagonal + 1
            } else {
                common_above.max(common_left)
            };
            let edits_here = (edits_diagonal + u16::from(!same))
                .min(edits_above + 1)
                .min(edits_left + 1);
            common[j + 1] = common_here;
            edits[j + 1] = edits_here;
            (common_diagonal, edits_diagonal) = (common_above, edits_above);
            (common_left, edits_left) = (common_here, edits_here);
        }
    }
    (usize::from(common[wb.len()]), usize::from(edits[wb.len()]))
}

/// How much of one sentence's terms the other states, exactly or by prefix.
#[derive(Debug, Clone, Copy, Default)]
struct Alignment {
    /// Rarity of the aligned terms and of all terms.
    aligned_mass: f64,
    mass: f64,
    /// Names no term of the other sentence aligns with.
    unaligned_names: usize,
}

impl Alignment {
    fn share(&self) -> f64 {
        if self.mass > 0.0 {
            self.aligned_mass / self.mass
        } else {
            0.0
        }
    }
}

/// Aligns each distinct term of `a` with `b`: the same term (`stated_by_b`, from the
/// merge of the two key lists), or a term with the same first letters.
fn aligned_terms(a: &Signature, b: &Signature, stated_by_b: &[bool]) -> Alignment {
    let mut alignment = Alignment::default();
    for (info, &stated) in a.keys.iter().zip(stated_by_b) {
        alignment.mass += info.weight;
        let same_prefix = info
            .prefix
            .is_some_and(|p| b.prefixes.binary_search(&p).is_ok());
        if stated || same_prefix {
            alignment.aligned_mass += info.weight;
        } else if info.name && !info.number {
            alignment.unaligned_names += 1;
        }
    }
    alignment
}

/// The BLEU-style geometric mean of the shares of one sentence's word 1- to 4-grams
/// the other has (`shared` of each order, repeats matched one to one; each share
/// smoothed by 0.1 so one empty order does not zero it), in the direction that matches
/// better.
fn phrase_match(shared: &[usize; 4], a: &[Vec<u64>; 4], b: &[Vec<u64>; 4]) -> f64 {
    let (mut log_a, mut log_b) = (0.0, 0.0);
    for ((&shared, grams_a), grams_b) in shared.iter().zip(a).zip(b) {
        let precision = |total: usize| {
            if total > 0 {
                shared as f64 / total as f64
            } else {
                0.0
            }
        };
        log_a += (precision(grams_a.len()) + 0.1).ln();
        log_b += (precision(grams_b.len()) + 0.1).ln();
    }
    (f64::max(log_a, log_b) / 4.0).exp()
}

fn length_gap(la: usize, lb: usize) -> f64 {
    let longer = la.max(lb);
    if longer == 0 {
        return 0.0;
    }
    la.abs_diff(lb) as f64 / longer as f64
}

/// Whether the figures of two sentences agree (some unit given on both sides, all with
/// the same value) and whether any conflict (a unit given on both sides with no value
/// in common).
fn figure_agreement(a: &[Quantity], b: &[Quantity]) -> (bool, bool) {
    // Most sentences give no figure: then there is nothing to agree or conflict.
    if a.is_empty() || b.is_empty() {
        return (false, false);
    }
    let mut agree = false;
    let mut conflict = false;
    // Each unit once; a sentence gives few figures, so looking back beats a set.
    let units_a = a
        .iter()
        .enumerate()
        .filter(|&(i, q)| a[..i].iter().all(|p| p.unit != q.unit))
        .map(|(_, q)| q.unit.as_str());
    for unit in units_a {
        let values_a: Vec<&Quantity> = a.iter().filter(|q| q.unit == unit).collect();
        let values_b: Vec<&Quantity> = b.iter().filter(|q| q.unit == unit).collect();
        if values_b.is_empty() {
            continue;
        }
        let compatible = values_a
            .iter()
            .any(|x| values_b.iter().any(|y| !values_conflict(x, y)));
        if compatible {
            agree = true;
        } else {
            conflict = true;
        }
    }
    (agree && !conflict, conflict)
}

/// How many content words after a negation it reaches ("did not approve the plan").
const NEGATION_REACH: usize = 2;

/// Words that negate what follows ("not", "never", "didn't"). Every word of a sentence
/// is asked, so the words are a `match`, which rules most out by length alone.
fn is_negation(lower: &str) -> bool {
    matches!(
        lower,
        "not"
            | "no"
            | "never"
            | "n't"
            | "nor"
            | "without"
            | "denied"
            | "denies"
            | "deny"
            | "none"
            | "neither"
            | "nobody"
            | "nothing"
            | "cannot"
            | "dont"
            | "doesnt"
            | "didnt"
            | "isnt"
            | "wasnt"
            | "arent"
            | "werent"
            | "hasnt"
            | "havent"
            | "hadnt"
            | "cant"
            | "wont"
            | "couldnt"
            | "wouldnt"
            | "shouldnt"
    ) || lower.ends_with("n't")
        || lower.ends_with("n’t")
}

fn negates_before_to(lower: &str, next: Option<&Word>) -> bool {
    next.is_some_and(|w| w.text.eq_ignore_ascii_case("to")) && NEGATING_BEFORE_TO.contains(&lower)
}

/// Whether the word at `i` negates the clause it is in: a negation word that is not
/// part of a hyphenated name ("the do-not-call registry") or of an idiom that means
/// "only" or "also" ("not only", "nothing but").
fn negates_at(sentence: &str, read: &SentenceWords, i: usize) -> bool {
    let words = &read.words;
    let word = words[i];
    let lower = read.lower(i);
    let next = words.get(i + 1);
    if !is_negation(lower) && !negates_before_to(lower, next) {
        return false;
    }
    let next_is = |text: &str| next.is_some_and(|w| w.text.eq_ignore_ascii_case(text));
    let hyphenated = sentence[..word.start].ends_with('-') || sentence[word.end..].starts_with('-');
    let idiom = (lower == "not" && next_is("only")) || (lower == "nothing" && next_is("but"));
    !hyphenated && !idiom
}

/// Whether the sentence has a negation, and the terms its negations apply to: the first
/// content word after "not", "no", "never", "didn't", "refused to" and the like, with
/// the content word right after it ("not supplied", "no military value"), within the
/// clause. Terms sorted by address, distinct.
fn negation_of(sentence: &str, read: &SentenceWords) -> (bool, Vec<Key>) {
    let words = &read.words;
    let mut negates = false;
    let mut negated = Vec::new();
    for i in 0..words.len() {
        if !negates_at(sentence, read, i) {
            continue;
        }
        negates = true;
        let mut reached = 0;
        for (k, next) in words.iter().enumerate().skip(i + 1) {
            let gap = &sentence[words[k - 1].end..next.start];
            let lower = read.lower(k);
            let stop = read.is_stop(k) || is_negation(lower);
            if reached >= NEGATION_REACH
                || gap.contains([',', ';', ':', '.', '—'])
                || gap.contains("--")
                || (stop && reached > 0)
            {
                break;
            }
            if !stop {
                negated.push(canonical_key(lower));
                reached += 1;
            }
        }
    }
    negated.sort_unstable_by_key(|k| k.address());
    negated.dedup();
    (negates, negated)
}

/// True when only one sentence negates, and what it negates the other states plainly:
/// "approved" against "did not approve".
fn negation_differs(a: &Signature, b: &Signature) -> bool {
    if a.negates == b.negates {
        return false;
    }
    a.negated.iter().any(|&k| b.states(k)) || b.negated.iter().any(|&k| a.states(k))
}

/// The model's score for a pair's features, before vetoes.
pub fn score_of(features: &PairFeatures) -> f64 {
    let z = WEIGHTS[0]
        + features
            .inputs()
            .iter()
            .zip(&WEIGHTS[1..])
            .map(|(x, w)| x * w)
            .sum::<f64>();
    1.0 / (1.0 + (-z).exp())
}

/// Decides whether two sentences state the same fact: the model's score for the whole
/// sentences must reach [`THRESHOLD`], or their main claims match ([`shares_a_claim`]).
/// Figures that disagree, a negation on one side only, or too few shared terms
/// ([`MIN_SHARED_TERM_SHARE`]) veto the match.
pub fn same_fact(a: &SentenceView, b: &SentenceView, rarity: &TermRarity) -> Decision {
    decide(&Signature::of(a, rarity), &Signature::of(b, rarity))
}

/// [`same_fact`] from the sentences' signatures.
pub fn decide(a: &Signature, b: &Signature) -> Decision {
    decide_from(features_of(a, b))
}

/// The score of a pair when [`decide`] would call it the same fact, else `None`: the
/// same decision, but most pairs of a story are settled before everything is measured.
/// When the pair shares too few terms, or a figure or negation vetoes it, nothing more
/// is measured; then the other lists are merged one step at a time ([`ListStep`]), and
/// as soon as even the highest score the unmeasured features could give stays under
/// [`THRESHOLD`] (and no clause is shared) the pair is dropped, before the costly
/// features. `shared` is how many distinct terms the two share, known from finding
/// them as candidates.
fn same_fact_score(a: &Signature, b: &Signature, shared: usize) -> Option<f64> {
    if !meets_term_floor(a, b, shared) {
        return None;
    }
    let features = term_features(a, b);
    if features.figures_conflict || features.negation_differs {
        return None;
    }
    let shared_grams = shared_word_grams(a, b);
    let features = with_word_gram_features(features, &shared_grams, a, b);
    let costly = CostlyBounds::of(a, b, &shared_grams);
    let could_match = |features: &PairFeatures, next: Option<ListStep>| {
        let high = next.map_or(*features, |next| unmeasured_at_most(*features, next, a, b));
        features.shares_a_claim || costly.score_at_most(features, &high) >= THRESHOLD
    };
    if !could_match(&features, Some(ListStep::LetterTrigrams)) {
        return None;
    }
    let features = with_letter_trigrams(features, a, b);
    if !could_match(&features, Some(ListStep::Spelling)) {
        return None;
    }
    let features = with_spelling(features, a, b);
    if !could_match(&features, Some(ListStep::TermPairsAndClauses)) {
        return None;
    }
    let features = with_term_pairs_and_clauses(features, a, b);
    if !could_match(&features, None) {
        return None;
    }
    let decision = decide_from(with_costly_features(features, a, b));
    decision.same_fact.then_some(decision.score)
}

/// What the costly features can be for a pair before they are measured. Word order is
/// at most the words the two have in common (counted with repeats) over the longer,
/// which their longest common subsequence cannot exceed. Edits are at least the longer's
/// words that are not in common: every word of the longer outside a common subsequence
/// is substituted, inserted or deleted.
struct CostlyBounds {
    word_order_at_most: f64,
    word_edits_at_least: f64,
}

impl CostlyBounds {
    /// `shared_grams` are from [`shared_word_grams`]: the shared words are the first.
    fn of(a: &Signature, b: &Signature, shared_grams: &[usize; 4]) -> CostlyBounds {
        // Word order reads the words cut at [`MAX_ORDER_WORDS`]; unless one was cut,
        // those are all the words, and the shared ones are already counted.
        let common = if a.word_count.max(b.word_count) <= MAX_ORDER_WORDS {
            shared_grams[0]
        } else {
            shared_sorted(a.word_bag(), b.word_bag())
        };
        let longer = a.words.len().max(b.words.len());
        CostlyBounds {
            word_order_at_most: share(common, longer),
            word_edits_at_least: edits_share(longer - common, a, b),
        }
    }

    /// The highest score of a pair whose features lie between `low` and `high`, the
    /// costly ones within these bounds.
    fn score_at_most(&self, low: &PairFeatures, high: &PairFeatures) -> f64 {
        let low = PairFeatures {
            word_order: 0.0,
            word_edits: self.word_edits_at_least,
            ..*low
        };
        let high = PairFeatures {
            word_order: self.word_order_at_most,
            word_edits: MAX_EDITS_PER_WORD,
            ..*high
        };
        score_at_most(&low, &high)
    }
}

/// Added to a bound before it is compared with [`THRESHOLD`]: the bound and the score
/// add their terms in the same order, but the bound's best case for word order is
/// exact only in real arithmetic, and dropping a pair whose score rounds one unit over
/// would change the result.
const ROUNDING_SLACK: f64 = 1e-9;

// `score_at_most` finds the best word order at an end of its range: the score's
// exponent must be convex in word order, its square weighing for a match.
const _: () = assert!(WEIGHTS[15] >= 0.0);

/// The highest score a pair can have whose features lie between `low` and `high`. Each
/// model input but two is one feature, so its weight takes the end of its range that
/// raises the score. The two interactions, word order squared and times the coverage of
/// the longer, make the exponent convex in word order and linear in coverage for the
/// other fixed, so its highest value is at a corner of their two ranges: each corner is
/// tried.
fn score_at_most(low: &PairFeatures, high: &PairFeatures) -> f64 {
    let mut best = f64::NEG_INFINITY;
    for coverage_of_longer in [low.coverage_of_longer, high.coverage_of_longer] {
        for word_order in [low.word_order, high.word_order] {
            let at_corner = |f: &PairFeatures| PairFeatures {
                coverage_of_longer,
                word_order,
                ..*f
            };
            let (low, high) = (at_corner(low).inputs(), at_corner(high).inputs());
            let z = WEIGHTS[0]
                + WEIGHTS[1..]
                    .iter()
                    .zip(low.iter().zip(&high))
                    .map(|(w, (lo, hi))| if *w >= 0.0 { w * hi } else { w * lo })
                    .sum::<f64>();
            best = best.max(z);
        }
    }
    1.0 / (1.0 + (-best).exp()) + ROUNDING_SLACK
}

fn decide_from(features: PairFeatures) -> Decision {
    let score = score_of(&features);
    let same_fact = accepts(score, THRESHOLD, &features);
    Decision {
        same_fact,
        // A shared main claim carries the pair to the threshold.
        score: if score < THRESHOLD && features.shares_a_claim {
            THRESHOLD
        } else {
            score
        },
    }
}

/// The decision from the model's score at a threshold: no veto, and the score reaches
/// the threshold or the main claims are shared. [`decide`] calls it at [`THRESHOLD`];
/// the quality command's fit calls it at the thresholds it tries, so the accuracy and
/// precision it reports are those of this decision, rules and vetoes included.
pub fn accepts(score: f64, threshold: f64, features: &PairFeatures) -> bool {
    !features.vetoed() && (features.shares_a_claim || score >= threshold)
}

/// Two statements of one fact share at least this share of the shorter sentence's
/// distinct terms, unless one contains the other's main claim ([`shares_a_claim`]). On
/// MRPC no pair the model accepts shares less than 0.375; the pairs under 0.3 it does
/// score highly are sentences alike in their small words and rare in their names (a
/// name shared by chance), not one fact. Also the floor the facts stage's candidates
/// must reach, so a story's unrelated sentences are never measured.
const MIN_SHARED_TERM_SHARE: f64 = 0.3;

fn too_few_shared_terms(coverage_of_shorter: f64, shares_a_claim: bool) -> bool {
    coverage_of_shorter < MIN_SHARED_TERM_SHARE && !shares_a_claim
}

/// True when the main claim of one sentence (its first clause once attribution is
/// dropped) is stated by the other, whatever else either adds: the claim, pinned down by
/// figures, is wholly contained in the other sentence, or the main claims of both,
/// each wrapped in attribution or an aside, match.
///
/// Only main claims count, and a contained claim needs two figures: on MRPC's pairs
/// these rules mostly merge sentences the whole-sentence model rejects, and there a
/// side clause, or a claim with one figure, is as often part of a different statement
/// as of the same one.
pub fn shares_a_claim(a: &Signature, b: &Signature) -> bool {
    claim_contained(a, b) || claim_contained(b, a) || main_claims_match(a, b)
}

/// A clause is a whole claim of its own when it has at least this many terms.
const MIN_CLAIM_TERMS: usize = 5;

/// A contained claim is specific enough when it gives at least this many figures
/// ("653 drones and 51 missiles").
const MIN_CLAIM_FIGURES: usize = 2;

/// True when the main claim of `a`, a specific one (at least [`MIN_CLAIM_FIGURES`]
/// figures among at least [`MIN_CLAIM_TERMS`] terms), is wholly stated in `b`: then `b`
/// reports that fact, whatever else it adds. Figures must agree for the terms to match
/// at all.
fn claim_contained(a: &Signature, b: &Signature) -> bool {
    a.clauses.first().is_some_and(|clause| {
        clause.figures >= MIN_CLAIM_FIGURES
            && clause.keys.len() >= MIN_CLAIM_TERMS
            && clause.keys.iter().all(|&(k, _)| b.states(k))
    })
}

/// True when both sentences wrap their main claim in something else (attribution, an
/// aside) and the main claims, about a name both give, use nearly the same rare words:
/// "the strikes cut power to the Zaporizhzhia nuclear plant" and "the Zaporizhzhia
/// nuclear plant briefly lost all external power". When either sentence is a single
/// claim, the whole-sentence model already compares that claim.
fn main_claims_match(a: &Signature, b: &Signature) -> bool {
    if a.one_claim || b.one_claim {
        return false;
    }
    let (Some(ca), Some(cb)) = (a.clauses.first(), b.clauses.first()) else {
        return false;
    };
    ca.term_count.min(cb.term_count) >= MIN_CLAIM_TERMS
        && ca.names.iter().any(|&name| cb.states(name))
        && ca.cosine(cb) >= CLAUSE_MATCH
}

/// Words at the start of a sentence that point back to something it does not name.
const DANGLING_STARTS: &[&str] = &[
    "he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "its", "their", "we",
];

/// How complete a sentence is as the one that stands for a fact: figures and names
/// count, a dangling pronoun at the start counts against it.
pub fn completeness(view: &SentenceView) -> i64 {
    let names = view.terms.iter().filter(|t| t.is_name).count() as i64;
    let figures = view.quantities.len() as i64;
    let first = first_word(view.text)
        .map(|w| w.to_lowercase())
        .unwrap_or_default();
    let dangling = if DANGLING_STARTS.contains(&first.as_str()) {
        4
    } else {
        0
    };
    figures * 2 + names - dangling
}

/// The first of [`words`] of a text, reading no further than the space after it (a
/// word never spans a space, and what follows a space does not change it).
fn first_word(text: &str) -> Option<&str> {
    let start = text.find(char::is_alphanumeric)?;
    let end = text[start..]
        .find(char::is_whitespace)
        .map_or(text.len(), |at| start + at);
    words(&text[..end]).first().map(|w| w.text)
}

/// How many members of a growing fact a newcomer is checked against.
const LINKAGE_SAMPLE: usize = 8;

/// Gathers a story's sentences into facts. Sentences from different articles that state
/// the same thing become one fact; a fact holds at most one mention per article, and a
/// sentence joins a fact only when it matches every (sampled) member, so facts do not
/// chain through loosely related sentences.
///
/// The same-fact decision reads nothing but a sentence's words, so sentences with the
/// same text (wire copy, a quote every outlet prints) are decided once: pairs are
/// scored between distinct wordings, in parallel, and then stand for every pair of
/// their sentences.
pub fn facts_of(sentences: &[SentenceView], rarity: &TermRarity) -> Vec<Fact> {
    let wordings = Wordings::of(sentences);
    let matching = matching_wordings(sentences, &wordings, rarity);
    let mut linkage = Linkage::new(sentences, &wordings, &matching);
    for (x, y) in wording_pairs_best_first(&matching) {
        linkage.link_wordings(x, y);
    }
    // Completeness reads only a sentence's words: one reading per wording.
    let completeness_of_wording: Vec<i64> = wordings
        .members
        .par_iter()
        .map(|m| completeness(&sentences[m[0]]))
        .collect();
    let completeness_of = |i: usize| completeness_of_wording[wordings.class_of[i]];
    linkage
        .members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|m| fact_from(&m, sentences, completeness_of))
        .collect()
}

/// The matching pairs of wordings, best score first, ties in wording order (wordings
/// are numbered in order of their first sentence), so every run links the same way.
fn wording_pairs_best_first(matching: &FxHashMap<(usize, usize), f64>) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(f64, usize, usize)> = matching
        .iter()
        .map(|(&(x, y), &score)| (score, x, y))
        .collect();
    pairs.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| (a.1, a.2).cmp(&(b.1, b.2)))
    });
    pairs.into_iter().map(|(_, x, y)| (x, y)).collect()
}

/// The facts of a story as they grow: each sentence's cluster, each cluster's members
/// and articles.
struct Linkage<'s, 'v> {
    sentences: &'s [SentenceView<'v>],
    wordings: &'s Wordings,
    matching: &'s FxHashMap<(usize, usize), f64>,
    cluster_of: Vec<usize>,
    members: Vec<Vec<usize>>,
    articles_in: Vec<FxHashSet<usize>>,
    /// Pairs of clusters, each as (cluster, size), already found unable to merge. A
    /// cluster only grows, so one of that size is still the same set of sentences and
    /// the answer stands: two wordings repeated by hundreds of articles are refused once,
    /// not once per pair of their sentences.
    refused: FxHashSet<((usize, usize), (usize, usize))>,
}

impl<'s, 'v> Linkage<'s, 'v> {
    fn new(
        sentences: &'s [SentenceView<'v>],
        wordings: &'s Wordings,
        matching: &'s FxHashMap<(usize, usize), f64>,
    ) -> Self {
        Linkage {
            sentences,
            wordings,
            matching,
            cluster_of: (0..sentences.len()).collect(),
            members: (0..sentences.len()).map(|i| vec![i]).collect(),
            articles_in: sentences
                .iter()
                .map(|s| std::iter::once(s.article).collect())
                .collect(),
            refused: FxHashSet::default(),
        }
    }

    /// Links every pair of sentences, from different articles, of two matching
    /// wordings (of one wording's own sentences when `x == y`), in sentence order.
    fn link_wordings(&mut self, x: usize, y: usize) {
        let wordings = self.wordings;
        let (of_x, of_y) = (&wordings.members[x], &wordings.members[y]);
        for (k, &i) in of_x.iter().enumerate() {
            let others = if x == y { &of_y[k + 1..] } else { &of_y[..] };
            for &j in others {
                if self.sentences[i].article != self.sentences[j].article {
                    self.link(i.min(j), i.max(j));
                }
            }
        }
    }

    /// Puts two sentences' clusters together when no article would be in it twice and
    /// every sampled member of one matches every sampled member of the other.
    fn link(&mut self, i: usize, j: usize) {
        let (ci, cj) = (self.cluster_of[i], self.cluster_of[j]);
        if ci == cj {
            return;
        }
        let (a, b) = ((ci, self.members[ci].len()), (cj, self.members[cj].len()));
        let state = (a.min(b), a.max(b));
        if self.refused.contains(&state) {
            return;
        }
        if share_an_article(&self.articles_in[ci], &self.articles_in[cj])
            || !self.samples_match(ci, cj)
        {
            self.refused.insert(state);
            return;
        }
        self.merge(ci, cj);
    }

    fn samples_match(&self, ci: usize, cj: usize) -> bool {
        let is_match = |i: usize, j: usize| {
            let (x, y) = (self.wordings.class_of[i], self.wordings.class_of[j]);
            self.sentences[i].article != self.sentences[j].article
                && self.matching.contains_key(&(x.min(y), x.max(y)))
        };
        self.members[ci].iter().take(LINKAGE_SAMPLE).all(|&x| {
            self.members[cj]
                .iter()
                .take(LINKAGE_SAMPLE)
                .all(|&y| is_match(x, y))
        })
    }

    /// Moves cluster `cj` into `ci`.
    fn merge(&mut self, ci: usize, cj: usize) {
        let moved = std::mem::take(&mut self.members[cj]);
        for &m in &moved {
            self.cluster_of[m] = ci;
        }
        self.members[ci].extend(moved);
        let mut moved_articles = std::mem::take(&mut self.articles_in[cj]);
        if moved_articles.len() > self.articles_in[ci].len() {
            std::mem::swap(&mut moved_articles, &mut self.articles_in[ci]);
        }
        self.articles_in[ci].extend(moved_articles);
    }
}

fn share_an_article(a: &FxHashSet<usize>, b: &FxHashSet<usize>) -> bool {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small.iter().any(|x| large.contains(x))
}

/// The fact made of these sentences; `completeness_of` gives [`completeness`] by
/// sentence index.
fn fact_from(
    member_indices: &[usize],
    sentences: &[SentenceView],
    completeness_of: impl Fn(usize) -> i64,
) -> Fact {
    let mut mentions: Vec<Mention> = member_indices
        .iter()
        .map(|&i| Mention {
            article: sentences[i].article,
            sentence: sentences[i].sentence,
        })
        .collect();
    mentions.sort();
    let best = member_indices
        .iter()
        .copied()
        .max_by_key(|&i| {
            let s = &sentences[i];
            (
                completeness_of(i),
                std::cmp::Reverse((s.article, s.sentence)),
            )
        })
        .unwrap_or(member_indices[0]);
    Fact {
        mentions,
        representative: Mention {
            article: sentences[best].article,
            sentence: sentences[best].sentence,
        },
    }
}

/// Terms in more than this many sentences do not propose candidate pairs on their own.
const MAX_POSTING: usize = 200;
/// Each wording is scored against at most this many others: those sharing the most rare
/// terms with it. A sentence restating it is among them (restating a fact shares its
/// rare words), and in a story of thousands of articles the rest are sentences on the
/// same topic that share a word or two, which would make the stage quadratic.
const MAX_CANDIDATES_PER_WORDING: usize = 64;

/// Candidate sentences, besides a rarer term, share at least this many terms in all (or
/// every term of the shorter one): a statement of the same fact shares several of its
/// words, and one shared word between two longer sentences is a topic, not a fact. On
/// the scale corpus no pair sharing fewer was judged the same fact, and such pairs were
/// most of the candidates.
const MIN_SHARED_TERMS: usize = 2;

/// A story's sentences by text: sentences with the same text are one wording.
struct Wordings {
    /// The wording of each sentence.
    class_of: Vec<usize>,
    /// The sentences of each wording, in order; the first stands for them all.
    members: Vec<Vec<usize>>,
}

impl Wordings {
    fn of(sentences: &[SentenceView]) -> Wordings {
        let mut index: FxHashMap<&str, usize> = FxHashMap::default();
        let mut members: Vec<Vec<usize>> = Vec::new();
        let class_of = sentences
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let class = *index.entry(s.text).or_insert_with(|| {
                    members.push(Vec::new());
                    members.len() - 1
                });
                members[class].push(i);
                class
            })
            .collect();
        Wordings { class_of, members }
    }
}

/// Pairs of wordings (lower, higher; a wording with itself when its sentences come from
/// several articles) that state the same fact, with their score. Candidates share rare
/// terms ([`MAX_POSTING`], [`MIN_SHARED_TERMS`]), found from each wording's terms alone;
/// only a wording in some candidate pair has its signature computed (once), and
/// candidates are scored in parallel.
fn matching_wordings(
    sentences: &[SentenceView],
    wordings: &Wordings,
    rarity: &TermRarity,
) -> FxHashMap<(usize, usize), f64> {
    let keys: Vec<Vec<Key>> = wordings
        .members
        .par_iter()
        .map(|m| distinct_sorted_keys(sentences[m[0]].terms))
        .collect();
    let candidates = candidate_wordings(sentences, wordings, &keys);
    let mut compared = vec![false; keys.len()];
    for &(x, y, _) in &candidates {
        compared[x] = true;
        compared[y] = true;
    }
    let signatures: Vec<Option<Signature>> = wordings
        .members
        .par_iter()
        .zip(compared)
        .map(|(m, compared)| compared.then(|| Signature::of(&sentences[m[0]], rarity)))
        .collect();
    candidates
        .into_par_iter()
        .filter_map(|(x, y, shared)| {
            let (a, b) = (signatures[x].as_ref()?, signatures[y].as_ref()?);
            same_fact_score(a, b, shared).map(|score| ((x, y), score))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// A sentence's distinct terms, sorted by address.
fn distinct_sorted_keys(terms: &[Term]) -> Vec<Key> {
    let mut keys: Vec<Key> = terms.iter().map(|t| t.key).collect();
    keys.sort_unstable_by_key(|k| k.address());
    keys.dedup();
    keys
}

/// Pairs of wordings that share a term found in no more than [`MAX_POSTING`] of the
/// story's sentences, and [`MIN_SHARED_TERMS`] terms in all, each with how many distinct
/// terms the two share, in no particular order. `keys` are each wording's distinct
/// terms, sorted by address.
fn candidate_wordings(
    sentences: &[SentenceView],
    wordings: &Wordings,
    keys: &[Vec<Key>],
) -> Vec<(usize, usize, usize)> {
    let count = wordings.members.len();
    let postings = Postings::of(wordings, keys);
    let several_articles = |class: usize| {
        let m = &wordings.members[class];
        m.iter()
            .any(|&i| sentences[i].article != sentences[m[0]].article)
    };
    (0..count)
        .into_par_iter()
        .map_init(
            || (vec![0u32; count], Vec::new()),
            |(shared, touched), x| {
                for list in postings.rare_of(x) {
                    // Postings are in wording order: the later wordings are a tail.
                    let later = &list[list.partition_point(|&y| y as usize <= x)..];
                    for y in later.iter().map(|&y| y as usize) {
                        if shared[y] == 0 {
                            touched.push(y);
                        }
                        shared[y] += 1;
                    }
                }
                // The pairs need no order: each is scored alone, and the matches are
                // put in order after ([`wording_pairs_best_first`]).
                let mut pairs = Vec::new();
                if !postings.rare[x].is_empty() && several_articles(x) {
                    pairs.push((x, x, keys[x].len()));
                }
                if touched.len() > MAX_CANDIDATES_PER_WORDING {
                    touched.select_nth_unstable_by(MAX_CANDIDATES_PER_WORDING - 1, |&y, &z| {
                        shared[z].cmp(&shared[y]).then(y.cmp(&z))
                    });
                    for &y in &touched[MAX_CANDIDATES_PER_WORDING..] {
                        shared[y] = 0;
                    }
                    touched.truncate(MAX_CANDIDATES_PER_WORDING);
                }
                for &y in touched.iter() {
                    let needed = MIN_SHARED_TERMS.min(keys[x].len()).min(keys[y].len());
                    // The rare terms the two share were counted walking the postings; the
                    // common terms of a sentence are few, and in a small story none.
                    let shared_terms =
                        shared[y] as usize + shared_count(&postings.common[x], &postings.common[y]);
                    if shared_terms >= needed {
                        pairs.push((x, y, shared_terms));
                    }
                    shared[y] = 0;
                }
                touched.clear();
                pairs
            },
        )
        .flatten_iter()
        .collect()
}

/// The wordings that state each term of a story, found by sorting rather than by a map
/// per term: each (term, wording) pair is one number, the term's address over the
/// wording's index, so that sorting them puts each term's wordings together, in
/// wording order.
struct Postings {
    /// The wordings of every term, term after term.
    wordings: Vec<u32>,
    /// For each wording, the spans of `wordings` that list its rare terms' wordings:
    /// terms in no more than [`MAX_POSTING`] of the story's sentences.
    rare: Vec<Vec<(u32, u32)>>,
    /// For each wording, the addresses of its other terms, ascending.
    common: Vec<Vec<u32>>,
}

impl Postings {
    /// The postings of a story's wordings; `keys` are each wording's distinct terms.
    fn of(wordings: &Wordings, keys: &[Vec<Key>]) -> Postings {
        let mut pairs: Vec<u64> = Vec::with_capacity(keys.iter().map(Vec::len).sum());
        for (class, keys) in keys.iter().enumerate() {
            pairs.extend(
                keys.iter()
                    .map(|k| ((k.address() as u64) << 32) | class as u64),
            );
        }
        pairs.sort_unstable();
        let postings: Vec<u32> = pairs.iter().map(|&pair| pair as u32).collect();
        let mut rare = vec![Vec::new(); keys.len()];
        let mut common = vec![Vec::new(); keys.len()];
        let mut start = 0;
        while start < pairs.len() {
            let address = pairs[start] >> 32;
            let end = start
                + pairs[start..]
                    .iter()
                    .position(|&pair| pair >> 32 != address)
                    .unwrap_or(pairs.len() - start);
            let stating = &postings[start..end];
            let sentences: usize = stating
                .iter()
                .map(|&class| wordings.members[class as usize].len())
                .sum();
            for &class in stating {
                if sentences <= MAX_POSTING {
                    rare[class as usize].push((start as u32, end as u32));
                } else {
                    common[class as usize].push(address as u32);
                }
            }
            start = end;
        }
        Postings {
            wordings: postings,
            rare,
            common,
        }
    }

    /// The wordings of each rare term of wording `x`, each list in wording order.
    fn rare_of(&self, x: usize) -> impl Iterator<Item = &[u32]> {
        self.rare[x]
            .iter()
            .map(|&(start, end)| &self.wordings[start as usize..end as usize])
    }
}

/// False only when [`decide`] would veto the pair for [`too_few_shared_terms`], given
/// that they share `shared` distinct terms.
fn meets_term_floor(a: &Signature, b: &Signature, shared: usize) -> bool {
    let shorter = a.keys.len().min(b.keys.len());
    let coverage = if shorter > 0 {
        shared as f64 / shorter as f64
    } else {
        0.0
    };
    !too_few_shared_terms(coverage, false) || shares_a_claim(a, b)
}

/// How many distinct terms two sentences share.
#[cfg(test)]
fn shared_keys(a: &Signature, b: &Signature) -> usize {
    let keys = |s: &Signature| s.keys.iter().map(|k| k.key).collect::<Vec<_>>();
    crate::text::terms::shared_count_by(&keys(a), &keys(b), Key::address)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::compare::ReadSentence as Owned;

    fn owned(text: &str) -> Owned {
        Owned::new(text)
    }

    fn view(o: &Owned, article: usize) -> SentenceView<'_> {
        o.view(article)
    }

    fn decide(a: &str, b: &str) -> Decision {
        let (a, b) = (owned(a), owned(b));
        let rarity = TermRarity::from_sentences([a.terms.as_slice(), b.terms.as_slice()]);
        same_fact(&view(&a, 0), &view(&b, 1), &rarity)
    }

    #[test]
    fn reworded_statement_with_same_figures_is_one_fact() {
        let d = decide(
            "During the same period, Russia launched 653 drones and 51 missiles in a massive overnight assault.",
            "Overnight, Russia fired 653 drones and 51 missiles, most of which were intercepted.",
        );
        assert!(d.same_fact, "{d:?}");
    }

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

    #[test]
    fn the_first_word_is_read_as_words_reads_it() {
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let articles = crate::ingest::read_paths(&[samples], &Default::default()).articles;
        let mut texts: Vec<String> = crate::digest::sentences_of(&articles)
            .into_iter()
            .flatten()
            .map(|s| s.text.to_string())
            .collect();
        assert!(texts.len() > 20, "the sample reports' sentences");
        texts.extend(
            [
                "He said so.",
                "  \"It's over,\" she said.",
                "U.S. troops left.",
                "U.S",
                "6,000 people marched",
                "2.5 percent",
                "these\u{a0}days",
                "— They did.",
                "",
                "...",
                "Zelenskyy’s aides",
            ]
            .map(str::to_string),
        );
        for text in &texts {
            let text = text.as_str();
            assert_eq!(
                first_word(text),
                words(text).first().map(|w| w.text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn different_figures_veto_a_match() {
        let d = decide(
            "Russia launched 653 drones overnight.",
            "Russia launched 370 drones overnight.",
        );
        assert!(!d.same_fact, "{d:?}");
    }

    #[test]
    fn negation_on_one_side_vetoes_a_match() {
        let d = decide(
            "The talks produced an agreement on security.",
            "The talks did not produce an agreement on security.",
        );
        assert!(!d.same_fact, "{d:?}");
    }

    #[test]
    fn unrelated_sentences_are_not_one_fact() {
        let d = decide(
            "Russia launched 653 drones overnight.",
            "Macron will meet Starmer in London on Monday.",
        );
        assert!(!d.same_fact);
    }

    #[test]
    fn rarity_counted_in_parts_is_rarity_counted_whole() {
        let sentences: Vec<Owned> = [
            "The council approved the budget on Monday.",
            "The budget was approved by the council.",
            "Rain is expected on Monday in the north.",
            "",
            "Zaporizhzhia plant lost power, the agency said.",
        ]
        .iter()
        .map(|text| owned(text))
        .collect();
        let whole = TermRarity::from_sentences(sentences.iter().map(|s| s.terms.as_slice()));
        let parts = TermRarity::from_parts(
            sentences
                .par_chunks(2)
                .map(|part| part.iter().map(|s| s.terms.as_slice())),
        );
        let bits = |r: &TermRarity| {
            (
                r.idf.iter().map(|w| w.to_bits()).collect::<Vec<_>>(),
                r.unseen.to_bits(),
            )
        };
        assert_eq!(bits(&whole), bits(&parts));
    }

    /// The pipeline's shortcuts must decide exactly as the full model does, and its
    /// candidate condition must keep every pair the model accepts: checked on every pair
    /// of sentences of the bundled sample reports, where most pairs are unrelated and a
    /// few are the same fact.
    #[test]
    fn settling_a_pair_by_its_terms_decides_as_the_full_model() {
        let sentences: Vec<Owned> =
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/samples"))
                .expect("samples folder")
                .map(|entry| std::fs::read_to_string(entry.expect("entry").path()).expect("sample"))
                .flat_map(|text| {
                    crate::text::layout_of(&text)
                        .sentences
                        .into_iter()
                        .map(|s| owned(&s.text))
                        .collect::<Vec<_>>()
                })
                .collect();
        let rarity = TermRarity::from_sentences(sentences.iter().map(|s| s.terms.as_slice()));
        let views: Vec<SentenceView> = sentences.iter().map(|s| view(s, 0)).collect();
        let signatures: Vec<Signature> = views.iter().map(|v| Signature::of(v, &rarity)).collect();
        let mut same = 0;
        for (i, a) in signatures.iter().enumerate() {
            for b in &signatures[i + 1..] {
                let full = super::decide(a, b);
                let quick = same_fact_score(a, b, shared_keys(a, b));
                assert_eq!(quick.is_some(), full.same_fact);
                if full.same_fact {
                    assert!(meets_term_floor(a, b, shared_keys(a, b)));
                }
                if let Some(score) = quick {
                    assert_eq!(score, full.score);
                    same += 1;
                }
            }
        }
        assert!(same >= 2, "the sample has repeated facts");
    }

    /// The quality command fits the model and chooses its threshold by calling
    /// [`accepts`] at many thresholds: a veto must refuse at any threshold, a shared main
    /// claim accept at any, and the model's score decide the rest at the threshold
    /// given; at [`THRESHOLD`] that is what `decide` says.
    #[test]
    fn the_decision_at_any_threshold_keeps_its_rules_and_vetoes() {
        type DecidedBy = fn(&PairFeatures) -> bool;
        let pairs: [(&str, &str, DecidedBy); 5] = [
            // Reworded, one fact: the model.
            (
                "The city council approved the new budget for the harbour district on Tuesday.",
                "On Tuesday the city council approved the new budget for the harbour district.",
                |f: &PairFeatures| !f.vetoed() && !f.shares_a_claim && score_of(f) >= THRESHOLD,
            ),
            // A figure conflict vetoes.
            (
                "Three days of negotiations between the two delegations ended on Sunday.",
                "Two days of negotiations between the two delegations ended on Sunday.",
                |f: &PairFeatures| f.figures_conflict,
            ),
            // A negation on one side vetoes.
            (
                "The council approved the new budget for the city on Tuesday.",
                "The council did not approve the new budget for the city on Tuesday.",
                |f: &PairFeatures| f.negation_differs,
            ),
            // The main claim, with two figures, stated by a longer sentence.
            (
                "Russia launched 653 drones and 51 missiles in a massive overnight assault.",
                "Overnight, Russia fired 653 drones and 51 missiles, most of which were intercepted by air defenses across the country.",
                |f: &PairFeatures| f.shares_a_claim && !f.vetoed(),
            ),
            // Unrelated.
            (
                "The report details crime reported to law enforcement agencies statewide.",
                "The report said the agent twice called state Lubelgangan.",
                |f: &PairFeatures| f.vetoed() && !f.figures_conflict && !f.negation_differs,
            ),
        ];
        let mut decided = [false; 2];
        for (a, b, decided_by) in pairs {
            let (a, b) = (owned(a), owned(b));
            let rarity = TermRarity::from_sentences([a.terms.as_slice(), b.terms.as_slice()]);
            let (a, b) = (
                Signature::of(&view(&a, 0), &rarity),
                Signature::of(&view(&b, 1), &rarity),
            );
            let features = features_of(&a, &b);
            assert!(decided_by(&features), "{features:?}");
            let score = score_of(&features);
            if features.vetoed() {
                assert!(!accepts(score, 0.0, &features), "{features:?}");
            } else if features.shares_a_claim {
                assert!(accepts(score, 1.0 + score, &features), "{features:?}");
            } else {
                assert!(accepts(score, score, &features), "{features:?}");
                assert!(!accepts(score, score + 1e-9, &features), "{features:?}");
            }
            let decision = super::decide(&a, &b);
            assert_eq!(accepts(score, THRESHOLD, &features), decision.same_fact);
            decided[usize::from(decision.same_fact)] = true;
        }
        assert_eq!(decided, [true, true], "both decisions are among the pairs");
    }

    /// Alike in their small words, sharing one name by chance: the model alone scores
    /// this pair over the threshold, but a quarter of the shorter's terms is not a fact.
    #[test]
    fn a_pair_sharing_few_of_its_terms_is_not_one_fact() {
        let a = owned("The report details crime reported to law enforcement agencies statewide.");
        let b = owned("The report said the agent twice called state Lubelgangan.");
        let rarity = TermRarity::from_sentences([a.terms.as_slice(), b.terms.as_slice()]);
        let features = pair_features(&view(&a, 0), &view(&b, 1), &rarity);
        assert!(features.coverage_of_shorter < MIN_SHARED_TERM_SHARE);
        assert!(!same_fact(&view(&a, 0), &view(&b, 1), &rarity).same_fact);
    }

    #[test]
    fn the_most_complete_mention_stands_for_the_fact() {
        let a = owned("It lost power again.");
        let b = owned("The Zaporizhzhia plant lost power for the 11th time.");
        assert!(completeness(&view(&b, 1)) > completeness(&view(&a, 0)));
    }

    fn features(a: &str, b: &str) -> PairFeatures {
        let (a, b) = (owned(a), owned(b));
        let rarity = TermRarity::from_sentences([a.terms.as_slice(), b.terms.as_slice()]);
        pair_features(&view(&a, 0), &view(&b, 1), &rarity)
    }

    #[test]
    fn declining_to_comment_is_a_negation_and_declining_shares_are_not() {
        let f = features(
            "The spokesman declined to comment on the deal.",
            "The spokesman had no comment on the deal.",
        );
        assert!(!f.negation_differs, "both refuse a comment");
        let f = features(
            "Shares declined 2 percent on Monday.",
            "Shares fell 2 percent on Monday.",
        );
        assert!(!f.negation_differs, "a fall is no negation");
    }

    #[test]
    fn negations_inside_names_and_idioms_negate_nothing() {
        let f = features(
            "The do-not-call registry opened for calls on Monday.",
            "The registry for calls opened on Monday.",
        );
        assert!(!f.negation_differs);
        let f = features(
            "Not only is this the oldest known planet, it is also the most distant.",
            "This is the oldest and most distant planet known.",
        );
        assert!(!f.negation_differs);
    }

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

    #[test]
    fn a_merge_cut_in_two_counts_what_one_merge_counts() {
        let mut state = 7u64;
        let mut next = move |range: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % range
        };
        for _ in 0..200 {
            // Few distinct values, so lists repeat them and the cut falls among repeats.
            let values = 1 + next(300);
            let mut list = || {
                let length = next(200);
                let mut list: Vec<u64> = (0..length).map(|_| next(values)).collect();
                list.sort_unstable();
                list
            };
            let (a, b) = (list(), list());
            assert_eq!(shared_sorted(&a, &b), shared_count(&a, &b));
        }
    }

    #[test]
    fn word_alignment_counts_common_words_and_edits() {
        let hashes = |text: &str| lower_word_hashes(&SentenceWords::of(text));
        let (common, edits) = word_alignment(&hashes("a b c d"), &hashes("a x c d e"));
        assert_eq!((common, edits), (3, 2), "x for b, then e added");
        assert_eq!(word_alignment(&[], &hashes("a b")), (0, 2));
    }

    #[test]
    fn a_claim_on_the_side_of_both_sentences_does_not_make_them_one_fact() {
        let d = decide(
            "Rock singer Ozzy Osbourne, recovering from a quad bike crash, is conscious and joking in his hospital bed, his daughter Kelly said.",
            "Doctors hope rock singer Ozzy Osbourne, who is recovering from a quad bike crash, will begin breathing unassisted again soon.",
        );
        assert!(!d.same_fact, "{d:?}");
    }
}
