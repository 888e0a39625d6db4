//! Settling a pair early: the same decision as [`super::model::decide`], but most
//! pairs of a story are refused before everything is measured.
//!
//! A *bound* is the highest score a pair can still reach while some features are
//! unmeasured, each taken at the end of its possible range that raises the score. The
//! features are measured cheapest first ([`ListStep`]), and as soon as the bound falls
//! under the threshold the pair is dropped, before the costly word table. The result
//! is exactly [`super::model::decide`]'s (a test checks every pair of the samples):
//! this is the hand-written fast path the facts stage's speed rests on, most pairs of
//! a story being unrelated sentences.

use crate::text::terms::shared_count;

use super::claims::shares_a_claim;
use super::features::{
    MAX_EDITS_PER_WORD, PairFeatures, edits_share, share, shared_word_grams, term_features,
    with_costly_features, with_letter_trigrams, with_spelling, with_term_pairs_and_clauses,
    with_word_gram_features,
};
use super::grams::dice;
use super::model::{THRESHOLD, WEIGHTS, decide_from, too_few_shared_terms};
use super::signature::{MAX_ORDER_WORDS, Signature};

/// The score of a pair when [`decide`] would call it the same fact, else `None`: the
/// same decision, but most pairs of a story are settled before everything is measured.
/// When the pair shares too few terms, or a figure or negation vetoes it, nothing more
/// is measured; then the other lists are merged one step at a time ([`ListStep`]), and
/// as soon as even the highest score the unmeasured features could give stays under
/// [`THRESHOLD`] (and no clause is shared) the pair is dropped, before the costly
/// features. `shared` is how many distinct terms the two share, known from finding
/// them as candidates.
pub(super) fn same_fact_score(a: &Signature, b: &Signature, shared: usize) -> Option<f64> {
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
            shared_count(a.word_bag(), b.word_bag())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::ReadSentence as Owned;
    use crate::facts::tests::{owned, view};
    use crate::facts::{SentenceView, TermRarity};
    use crate::text::terms::{Key, shared_count_by};

    /// How many distinct terms two sentences share.
    fn shared_keys(a: &Signature, b: &Signature) -> usize {
        let keys = |s: &Signature| s.keys.iter().map(|k| k.key).collect::<Vec<_>>();
        shared_count_by(&keys(a), &keys(b), Key::address)
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
                let full = crate::facts::decide(a, b);
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
}
