//! Claims: the rules that call two sentences one fact because the main claim of one is
//! stated by the other, whatever else either adds.
//!
//! A *claim* is what one clause of a sentence states; the *main claim* is its first
//! clause once attribution ("officials said") is dropped. A sentence that is *one claim*
//! has a single clause holding all its terms. The rules add pairs the whole-sentence
//! model would miss; they do not score pairs.

use super::signature::Signature;

/// Two main claims are the same when their rarity-weighted cosine reaches this. Higher
/// than a whole sentence needs, since matching a part of each sentence is weaker
/// evidence than matching the whole.
const CLAUSE_MATCH: f64 = 0.65;

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
