//! One fact but for its figures: whether two sentences of a story would be one fact if
//! the figures they give were set aside, for the figures stage to ask of two figures
//! whose sentences' words alone do not say whether they are one measure.
//!
//! It owns nothing of the model: the decision is [`super::model::decide`]'s, reached
//! early as the facts stage reaches it ([`super::bounds`]), on signatures made without
//! the sentences' figures (so that figures that disagree do not veto it), each made
//! once per sentence however many of its figures are asked about.

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
    /// Each sentence's signature without figures, by (article, sentence).
    signatures: RefCell<FxHashMap<(usize, usize), Signature<'a>>>,
}

impl<'a> FigureBlindJudge<'a> {
    pub fn new(rarity: &'a TermRarity) -> FigureBlindJudge<'a> {
        FigureBlindJudge {
            rarity,
            signatures: RefCell::new(FxHashMap::default()),
        }
    }

    /// True when `a` and `b` would be one fact ([`super::same_fact`]) if neither gave
    /// a figure.
    pub fn one_fact(&self, a: &SentenceView<'a>, b: &SentenceView<'a>) -> bool {
        let place = |view: &SentenceView| (view.article, view.sentence);
        let mut signatures = self.signatures.borrow_mut();
        for view in [a, b] {
            signatures.entry(place(view)).or_insert_with(|| {
                let without_figures = SentenceView {
                    quantities: &[],
                    ..*view
                };
                Signature::of(&without_figures, self.rarity)
            });
        }
        match (signatures.get(&place(a)), signatures.get(&place(b))) {
            (Some(x), Some(y)) => same_fact_score(x, y, shared_terms(x, y)).is_some(),
            _ => false,
        }
    }
}

/// How many distinct terms two signatures share (their keys are sorted by address).
fn shared_terms(a: &Signature, b: &Signature) -> usize {
    shared_count_by(&a.keys, &b.keys, |info| info.key.address())
}
