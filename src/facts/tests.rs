//! Tests of the same-fact decision as a whole: reworded statements, the vetoes, the
//! main-claim rules, and the decision at any threshold as the quality command calls it.
//! Tests of one part sit beside that part.

use crate::compare::ReadSentence as Owned;

use super::model::{MIN_SHARED_TERM_SHARE, THRESHOLD};
use super::*;

pub(super) fn owned(text: &str) -> Owned {
    Owned::new(text)
}

pub(super) fn view(o: &Owned, article: usize) -> SentenceView<'_> {
    o.view(article)
}

fn decide(a: &str, b: &str) -> Decision {
    let (a, b) = (owned(a), owned(b));
    let rarity = TermRarity::from_sentences([a.terms.as_slice(), b.terms.as_slice()]);
    same_fact(&view(&a, 0), &view(&b, 1), &rarity)
}

pub(super) fn features(a: &str, b: &str) -> PairFeatures {
    let (a, b) = (owned(a), owned(b));
    let rarity = TermRarity::from_sentences([a.terms.as_slice(), b.terms.as_slice()]);
    pair_features(&view(&a, 0), &view(&b, 1), &rarity)
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
fn a_claim_on_the_side_of_both_sentences_does_not_make_them_one_fact() {
    let d = decide(
        "Rock singer Ozzy Osbourne, recovering from a quad bike crash, is conscious and joking in his hospital bed, his daughter Kelly said.",
        "Doctors hope rock singer Ozzy Osbourne, who is recovering from a quad bike crash, will begin breathing unassisted again soon.",
    );
    assert!(!d.same_fact, "{d:?}");
}
