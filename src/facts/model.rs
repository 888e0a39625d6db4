//! The same-fact model: a logistic model over [`PairFeatures`], its fitted weights and
//! threshold, and the vetoes that override it.
//!
//! The *score* is the model's probability-like output in [0, 1]; the *threshold* is the
//! score at which a pair counts as one fact; a *veto* (figures that disagree, a negation
//! on one side only, too few shared terms) refuses a pair whatever its score, and a
//! shared main claim ([`shares_a_claim`]) accepts it. The weights are fitted by the
//! quality command, not here.

use super::SentenceView;
use super::features::{PairFeatures, features_of};
use super::rarity::TermRarity;
use super::signature::Signature;

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
pub(super) const THRESHOLD: f64 = 0.615;

/// Logistic-model weights: intercept, then one per input in [`PairFeatures::inputs`]
/// order. Fitted on MRPC's training pairs (those no veto decides) by
/// `cargo run --release --example quality -- ../shared/corpus --fit`, which also prints
/// [`THRESHOLD`] and checks the fit on pairs it did not see. Several inputs measure
/// related things, so single weights (even their signs) mean little on their own.
pub(super) const WEIGHTS: [f64; 25] = [
    0.236, -0.959, -4.760, 0.476, -0.460, -0.441, 1.124, -2.879, 0.246, -1.254, -6.197, 1.514,
    1.951, 1.799, -3.508, 6.396, 3.501, -2.205, 7.307, 3.351, 4.482, -5.053, 1.597, -1.616, 0.996,
];

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
/// sentences must reach [`THRESHOLD`], or their main claims match
/// ([`shares_a_claim`](super::shares_a_claim)).
/// Figures that disagree, a negation on one side only, or too few shared terms
/// ([`MIN_SHARED_TERM_SHARE`]) veto the match.
pub fn same_fact(a: &SentenceView, b: &SentenceView, rarity: &TermRarity) -> Decision {
    decide(&Signature::of(a, rarity), &Signature::of(b, rarity))
}

/// [`same_fact`] from the sentences' signatures.
pub fn decide(a: &Signature, b: &Signature) -> Decision {
    decide_from(features_of(a, b))
}

pub(super) fn decide_from(features: PairFeatures) -> Decision {
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
pub(super) const MIN_SHARED_TERM_SHARE: f64 = 0.3;

pub(super) fn too_few_shared_terms(coverage_of_shorter: f64, shares_a_claim: bool) -> bool {
    coverage_of_shorter < MIN_SHARED_TERM_SHARE && !shares_a_claim
}
