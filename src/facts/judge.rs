//! One fact but for its figures: whether two sentences of a story would be one fact if
//! the figures they give were set aside, for the figures stage to ask of two figures
//! whose sentences' words alone do not say whether they are one measure.
//!
//! It owns nothing of the model: the decision is [`super::model::decide`]'s, reached
//! early as the facts stage reaches it ([`super::bounds`]), on signatures made without
//! the sentences' figures (so that figures that disagree do not veto it). The decision
//! reads only a sentence's text (its terms are read from the text alone), so each
//! signature is made once per text and each pair of texts is decided once, however
//! many articles print the same wire copy and however many of its figures are asked
//! about: on the 10k scale corpus 163,000 questions are 47,000 pairs of texts.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use crate::text::terms::shared_count_by;

use super::SentenceView;
use super::bounds::same_fact_score;
use super::rarity::TermRarity;
use super::signature::Signature;

/// Judges pairs of sentences of one run by their words, their figures set aside.
pub struct FigureBlindJudge<'a> {
    rarity: &'a TermRarity,
    /// Each text's signature without figures.
    signatures: RefCell<FxHashMap<&'a str, Signature<'a>>>,
    /// Each pair of texts asked about, in the order asked, and the answer.
    decided: RefCell<FxHashMap<(&'a str, &'a str), bool>>,
}

impl<'a> FigureBlindJudge<'a> {
    pub fn new(rarity: &'a TermRarity) -> FigureBlindJudge<'a> {
        FigureBlindJudge {
            rarity,
            signatures: RefCell::new(FxHashMap::default()),
            decided: RefCell::new(FxHashMap::default()),
        }
    }

    /// True when `a` and `b` would be one fact ([`super::same_fact`]) if neither gave
    /// a figure.
    pub fn one_fact(&self, a: &SentenceView<'a>, b: &SentenceView<'a>) -> bool {
        *self
            .decided
            .borrow_mut()
            .entry((a.text, b.text))
            .or_insert_with(|| self.decide(a, b))
    }

    fn decide(&self, a: &SentenceView<'a>, b: &SentenceView<'a>) -> bool {
        let mut signatures = self.signatures.borrow_mut();
        for view in [a, b] {
            signatures.entry(view.text).or_insert_with(|| {
                let without_figures = SentenceView {
                    quantities: &[],
                    ..*view
                };
                Signature::of(&without_figures, self.rarity)
            });
        }
        match (signatures.get(a.text), signatures.get(b.text)) {
            (Some(x), Some(y)) => same_fact_score(x, y, shared_terms(x, y)).is_some(),
            _ => false,
        }
    }
}

/// How many distinct terms two signatures share (their keys are sorted by address).
fn shared_terms(a: &Signature, b: &Signature) -> usize {
    shared_count_by(&a.keys, &b.keys, |info| info.key.address())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::tests::{owned, view};

    #[test]
    fn statements_that_differ_only_in_a_figure_are_one_fact_to_the_judge() {
        let launched = owned("Russia launched 653 drones and missiles at Ukraine overnight.");
        let fewer = owned("Russia launched 370 drones and missiles at Ukraine overnight.");
        let other = owned("The talks in Geneva ended without an agreement on Tuesday.");
        let reprinted = owned(&launched.text);
        let rarity = TermRarity::from_sentences([
            launched.terms.as_slice(),
            fewer.terms.as_slice(),
            other.terms.as_slice(),
        ]);
        let judge = FigureBlindJudge::new(&rarity);
        assert!(judge.one_fact(&view(&launched, 0), &view(&fewer, 1)));
        assert!(!judge.one_fact(&view(&launched, 0), &view(&other, 2)));
        // The same text in another article is judged alike, from what was decided.
        assert!(judge.one_fact(&view(&reprinted, 3), &view(&fewer, 1)));
        assert!(!judge.one_fact(&view(&other, 2), &view(&reprinted, 3)));
        assert_eq!(judge.signatures.borrow().len(), 3);
    }
}
