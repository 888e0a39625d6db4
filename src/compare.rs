//! Comparing two sentences the way the pipeline does: are they one fact, and which
//! figures do they give different values for.
//!
//! This is what `newsdigest compare` prints and what the quality command measures, so
//! it calls the very functions the pipeline uses ([`facts::same_fact`] and
//! [`figures::discrepancies_in`]) on two one-sentence "articles". It does not read
//! files or print: the command-line layer does.

use serde::Serialize;

use crate::extract::{Quantity, quantities_in, without_days};
use crate::facts::{self, SentenceView, TermRarity};
use crate::figures::{self, Figure};
use crate::text::terms::{Term, terms_of};

/// One sentence, read once: its terms and quantities.
#[derive(Debug, Clone)]
pub struct ReadSentence {
    pub text: String,
    pub terms: Vec<Term>,
    pub quantities: Vec<Quantity>,
}

impl ReadSentence {
    pub fn new(text: &str) -> ReadSentence {
        let text = text.trim().to_string();
        ReadSentence {
            terms: terms_of(&text),
            quantities: quantities_in(&text),
            text,
        }
    }

    /// The sentence as the facts stage sees it, as if from article number `article`.
    pub fn view(&self, article: usize) -> SentenceView<'_> {
        SentenceView {
            article,
            sentence: 0,
            text: &self.text,
            terms: &self.terms,
            // Days are compared by the figures stage only, as in the pipeline.
            quantities: without_days(&self.quantities),
        }
    }
}

/// What `compare` says about one pair.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Comparison {
    pub same_fact: bool,
    pub score: f64,
    pub differing: Vec<Differing>,
}

/// A measure the two sentences give values for that cannot both be true.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Differing {
    pub measure: String,
    pub values: Vec<DifferingValue>,
    /// The sentences name different days or places, or differ on every figure they give
    /// (no count of people or age among them), so the values may be of different events.
    pub may_be_different_events: bool,
}

/// One side's value; `sentence` is 1 or 2.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DifferingValue {
    pub sentence: u8,
    pub value: f64,
    pub qualifier: Option<&'static str>,
    pub text: String,
}

/// Term rarity learnt from every sentence that will be compared, as the pipeline learns
/// it from every sentence of the run.
pub fn rarity_of(pairs: &[(ReadSentence, ReadSentence)]) -> TermRarity {
    TermRarity::from_sentences(
        pairs
            .iter()
            .flat_map(|(a, b)| [a.terms.as_slice(), b.terms.as_slice()]),
    )
}

/// Compares two sentences as if two sources had written them.
pub fn compare(a: &ReadSentence, b: &ReadSentence, rarity: &TermRarity) -> Comparison {
    let decision = facts::same_fact(&a.view(0), &b.view(1), rarity);
    Comparison {
        same_fact: decision.same_fact,
        score: (decision.score * 1000.0).round() / 1000.0,
        differing: differing_figures(a, b, rarity),
    }
}

/// The figures of two sentences, each as if from its own article.
fn figures_of<'s>(a: &'s ReadSentence, b: &'s ReadSentence) -> Vec<Figure<'s>> {
    [a, b]
        .into_iter()
        .enumerate()
        .flat_map(|(side, sentence)| {
            sentence.quantities.iter().map(move |quantity| Figure {
                article: side,
                sentence: 0,
                quantity,
                context: &sentence.terms,
                sentence_text: &sentence.text,
                written_on: None,
            })
        })
        .collect()
}

fn differing_figures(a: &ReadSentence, b: &ReadSentence, rarity: &TermRarity) -> Vec<Differing> {
    let figures = figures_of(a, b);
    let judge = facts::FigureBlindJudge::new(rarity);
    let (view_a, view_b) = (a.view(0), b.view(1));
    let one_fact = |_: &Figure, _: &Figure| judge.one_fact(&view_a, &view_b);
    figures::discrepancies_in(&figures, &one_fact)
        .into_iter()
        .map(|d| Differing {
            measure: d.measure,
            may_be_different_events: d.may_be_different_events,
            values: d
                .values
                .iter()
                .map(|&i| {
                    let figure = &figures[i];
                    DifferingValue {
                        sentence: if figure.article == 0 { 1 } else { 2 },
                        value: figure.quantity.value,
                        qualifier: figure.quantity.qualifier.map(|q| q.phrase()),
                        text: figure.quantity.text.clone(),
                    }
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compare_texts(a: &str, b: &str) -> Comparison {
        let pair = (ReadSentence::new(a), ReadSentence::new(b));
        let rarity = rarity_of(std::slice::from_ref(&pair));
        compare(&pair.0, &pair.1, &rarity)
    }

    #[test]
    fn rewording_of_one_claim_is_one_fact() {
        let c = compare_texts(
            "Russia launched 653 drones and 51 missiles at Ukraine overnight, the air force said.",
            "Overnight, Russia fired 653 drones and 51 missiles at Ukraine, the air force said.",
        );
        assert!(c.same_fact, "{c:?}");
        assert!(c.differing.is_empty());
    }

    #[test]
    fn differing_counts_are_listed_with_both_values() {
        let c = compare_texts(
            "Russia launched 653 drones at Ukraine overnight, the air force said.",
            "Russia launched 370 drones at Ukraine overnight, the air force said.",
        );
        assert!(!c.same_fact);
        assert_eq!(c.differing.len(), 1, "{c:?}");
        let values: Vec<(u8, f64)> = c.differing[0]
            .values
            .iter()
            .map(|v| (v.sentence, v.value))
            .collect();
        assert_eq!(values, vec![(1, 653.0), (2, 370.0)]);
    }

    #[test]
    fn two_statements_of_one_fact_disagree_on_a_figure_however_worded() {
        let (a, b) = (
            "India would become only the fourth nation to land a spacecraft on the Moon.",
            "India would become the seventh nation to achieve a lunar landing.",
        );
        let c = compare_texts(a, b);
        assert_eq!(c.differing.len(), 1, "{c:?}");
        // The words alone share too little to tie "fourth nation" to "seventh nation":
        // the fact model, shown the sentences without them, does.
        let (a, b) = (ReadSentence::new(a), ReadSentence::new(b));
        let figures = figures_of(&a, &b);
        assert!(figures::discrepancies_in(&figures, &|_, _| false).is_empty());
    }
}
