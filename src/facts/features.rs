//! Pair features: the measurements the same-fact model reads from two sentences'
//! signatures, from term overlap weighted by rarity to word order and edit distance.
//!
//! Each field of [`PairFeatures`] is documented where it is defined. Features come in
//! three costs: the *term features*, from one merge of the two key lists; the *list
//! features*, from merging their gram lists; and the *costly features*, word order and
//! edits, from a table quadratic in the sentences' lengths. [`super::bounds`] measures
//! them in that order and stops early; [`features_of`] measures all. This file does not
//! weigh features or decide: that is [`super::model`].

use crate::extract::{Quantity, values_conflict};
use crate::text::terms::shared_count;

use super::SentenceView;
use super::claims::shares_a_claim;
use super::grams::{dice, sorted_dice};
use super::model::too_few_shared_terms;
use super::negation::negation_differs;
use super::rarity::TermRarity;
use super::signature::{
    ClauseSignature, KeyInfo, MAX_ORDER_WORDS, Side, Signature, merge_by_address,
};

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
    /// The model's inputs, in `model::WEIGHTS` order after the intercept.
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
pub(super) fn term_features(a: &Signature, b: &Signature) -> PairFeatures {
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
pub(super) fn shared_word_grams(a: &Signature, b: &Signature) -> [usize; 4] {
    std::array::from_fn(|n| shared_count(&a.word_grams[n], &b.word_grams[n]))
}

/// `features` with those read from the shared word n-grams measured.
pub(super) fn with_word_gram_features(
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

pub(super) fn with_letter_trigrams(
    features: PairFeatures,
    a: &Signature,
    b: &Signature,
) -> PairFeatures {
    PairFeatures {
        letter_trigrams: share(
            shared_count(&a.letters().threes, &b.letters().threes),
            a.letter_trigram_count.max(b.letter_trigram_count),
        ),
        ..features
    }
}

pub(super) fn with_spelling(features: PairFeatures, a: &Signature, b: &Signature) -> PairFeatures {
    PairFeatures {
        spelling: sorted_dice(&a.letters().fours, &b.letters().fours),
        ..features
    }
}

pub(super) fn with_term_pairs_and_clauses(
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

/// A share of a whole, 0 of nothing.
pub(super) fn share(part: usize, whole: usize) -> f64 {
    if whole > 0 {
        part as f64 / whole as f64
    } else {
        0.0
    }
}

/// Most edits counted per word of the shorter sentence (see [`word_alignment`]).
pub(super) const MAX_EDITS_PER_WORD: f64 = 2.0;

/// `features` with the costly features measured: the word table of the two sentences
/// (longest common subsequence and edit distance), quadratic in their lengths.
pub(super) fn with_costly_features(
    features: PairFeatures,
    a: &Signature,
    b: &Signature,
) -> PairFeatures {
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
pub(super) fn edits_share(edits: usize, a: &Signature, b: &Signature) -> f64 {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::signature::lower_word_hashes;
    use crate::text::terms::SentenceWords;

    #[test]
    fn word_alignment_counts_common_words_and_edits() {
        let hashes = |text: &str| lower_word_hashes(&SentenceWords::of(text));
        let (common, edits) = word_alignment(&hashes("a b c d"), &hashes("a x c d e"));
        assert_eq!((common, edits), (3, 2), "x for b, then e added");
        assert_eq!(word_alignment(&[], &hashes("a b")), (0, 2));
    }
}
