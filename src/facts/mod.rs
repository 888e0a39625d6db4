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
//! It does not decide which figures conflict: that is `figures`, which may ask it
//! whether two sentences would be one fact with their figures set aside (`judge`).
//!
//! Words used throughout, and the file that owns each:
//!
//! - a *term* is a content word or name of a sentence, stemmed ([`crate::text::terms`]);
//!   its *rarity* is how few of the run's sentences have it (`rarity`);
//! - a sentence's *signature* is everything the decision reads from it, computed once
//!   (`signature`), partly as sorted lists of hashed word and letter *grams*
//!   (`grams`);
//! - a pair's *features* are what the model reads from two signatures (`features`);
//!   the *model* turns them into a score and a decision, which a *veto* (figures that
//!   disagree, a `negation` on one side only, too few shared terms) overrides
//!   (`model`);
//! - a *claim* is what one clause states; the *main claim* is a sentence's first clause
//!   once attribution is dropped (`claims`);
//! - a *bound* is the highest score a pair can still reach before all its features are
//!   measured: most pairs are settled by one (`bounds`);
//! - a *wording* is the text shared by one or more sentences of a story, decided once for
//!   all of them; *candidates* are the pairs of wordings worth measuring (`candidates`);
//! - *linkage* grows facts from matching pairs, best first (`linkage`); a *mention* is
//!   one (article, sentence) of a fact, and its *representative* the mention whose
//!   sentence stands for it (`representative`).

mod bounds;
mod candidates;
mod claims;
mod features;
mod grams;
mod judge;
mod linkage;
mod model;
mod negation;
mod rarity;
mod representative;
mod signature;
#[cfg(test)]
mod tests;

use rayon::prelude::*;

use crate::extract::Quantity;
use crate::text::terms::Term;

pub use claims::shares_a_claim;
pub use features::{PairFeatures, features_of, pair_features};
pub use judge::FigureBlindJudge;
pub use model::{Decision, accepts, decide, same_fact, score_of};
pub use rarity::TermRarity;
pub use representative::completeness;
pub use signature::Signature;

use candidates::{Wordings, matching_wordings};
use linkage::{Linkage, wording_pairs_best_first};
use representative::fact_from;

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
