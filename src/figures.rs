//! Figures stage: finds the measures that sources give different values for.
//!
//! Two figures are of the same measure when they count the same unit ("days"), of the
//! same thing when that is said ("days of talks" and "days of negotiations"), with the
//! same thing happening to it when that is said ("launched" drones are not
//! "intercepted" drones), in sentences about the same matter. Two values of one measure
//! conflict only when no reading of their qualifiers makes both true: "at least 8" and
//! "10" agree, "nearly two dozen" and "23" agree, "three days" and "two days" do not.
//! Ordinals ("a third day") say where in a series something is, not how many, and are
//! not compared with counts.
//!
//! It does not merge facts: that is `facts`; it reads quantities `extract` found.

use std::collections::HashSet;

use crate::extract::{Quantity, QuantityKind};
pub use crate::extract::{bounds, values_conflict};
use crate::text::terms::Term;

/// One figure in a story: the quantity and where it was read.
#[derive(Debug, Clone)]
pub struct Figure<'a> {
    pub article: usize,
    pub sentence: usize,
    pub quantity: &'a Quantity,
    /// The terms of the sentence it came from.
    pub context: &'a [Term],
}

/// A measure that sources give values for that cannot all be true. `values` index into
/// the figures passed to [`discrepancies_in`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discrepancy {
    pub measure: String,
    pub values: Vec<usize>,
}

/// Two sentences are about the same matter when this share of the smaller one's terms
/// (numbers aside) appears in the other.
const CONTEXT_OVERLAP: f64 = 0.3;
/// ... and at least this many terms are shared.
const CONTEXT_MIN_SHARED: usize = 2;

/// True when two figures measure the same thing, judged from the quantities and the
/// sentences around them.
pub fn same_measure(a: &Figure, b: &Figure) -> bool {
    let (qa, qb) = (a.quantity, b.quantity);
    if qa.unit != qb.unit || is_ordinal(qa) || is_ordinal(qb) {
        return false;
    }
    if let (Some(ra), Some(rb)) = (&qa.role, &qb.role)
        && ra != rb
    {
        return false;
    }
    match (&qa.complement, &qb.complement) {
        (Some(ca), Some(cb)) if ca != cb => return false,
        (Some(_), Some(_)) => return true,
        _ => {}
    }
    about_the_same_matter(a.context, b.context)
}

fn is_ordinal(q: &Quantity) -> bool {
    q.kind == QuantityKind::Ordinal
}

fn about_the_same_matter(a: &[Term], b: &[Term]) -> bool {
    let keys = |terms: &[Term]| -> HashSet<String> {
        terms
            .iter()
            .filter(|t| !t.is_number())
            .map(|t| t.key.clone())
            .collect()
    };
    let (ka, kb) = (keys(a), keys(b));
    let shared = ka.intersection(&kb).count();
    let smaller = ka.len().min(kb.len()).max(1);
    shared >= CONTEXT_MIN_SHARED && shared as f64 / smaller as f64 >= CONTEXT_OVERLAP
}

/// Finds the discrepancies among a story's figures: groups of figures of one measure in
/// which at least two values conflict. Every figure of the group is listed, so a reader
/// sees which sources agree as well as which differ.
pub fn discrepancies_in(figures: &[Figure]) -> Vec<Discrepancy> {
    let n = figures.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut conflicting = vec![false; n];
    for i in 0..n {
        for j in i + 1..n {
            if figures[i].quantity.unit != figures[j].quantity.unit
                || (figures[i].article == figures[j].article
                    && figures[i].sentence == figures[j].sentence)
                || !same_measure(&figures[i], &figures[j])
            {
                continue;
            }
            union(&mut parent, i, j);
            if values_conflict(figures[i].quantity, figures[j].quantity) {
                conflicting[i] = true;
                conflicting[j] = true;
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of_root = std::collections::HashMap::new();
    for i in 0..n {
        let root = find(&mut parent, i);
        let slot = *group_of_root.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[slot].push(i);
    }
    groups
        .into_iter()
        .filter(|g| g.len() >= 2 && g.iter().any(|&i| conflicting[i]))
        .map(|values| Discrepancy {
            measure: figures[values[0]].quantity.measure_label(),
            values,
        })
        .collect()
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[rb.max(ra)] = rb.min(ra);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::quantities_in;
    use crate::text::terms::terms_of;

    fn first(sentence: &str) -> Quantity {
        quantities_in(sentence)
            .into_iter()
            .next()
            .expect("a quantity")
    }

    #[test]
    fn qualifiers_are_honoured() {
        let at_least_8 = first("at least 8 people were hurt");
        let ten = first("10 people were hurt");
        assert!(!values_conflict(&at_least_8, &ten));
        let nearly_two_dozen = first("nearly two dozen people were hurt");
        let twenty_three = first("23 people were hurt");
        assert!(!values_conflict(&nearly_two_dozen, &twenty_three));
        let about_20 = first("about 20% of the land");
        let nineteen = first("19% of the land");
        assert!(!values_conflict(&about_20, &nineteen));
        let three_days = first("three days of talks");
        let two_days = first("two days of talks");
        assert!(values_conflict(&three_days, &two_days));
    }

    #[test]
    fn different_units_and_roles_are_different_measures() {
        let s1 = "Officials reported that 29 locations were hit in the strikes.";
        let s2 = "The energy ministry reported that strikes affected eight regions.";
        let (q1, q2) = (first(s1), first(s2));
        let (t1, t2) = (terms_of(s1), terms_of(s2));
        let f1 = Figure {
            article: 0,
            sentence: 0,
            quantity: &q1,
            context: &t1,
        };
        let f2 = Figure {
            article: 1,
            sentence: 0,
            quantity: &q2,
            context: &t2,
        };
        assert!(!same_measure(&f1, &f2));
        let s3 = "Russia launched 653 drones at Ukraine.";
        let s4 = "Ukraine intercepted 585 drones launched by Russia.";
        let (q3, q4) = (first(s3), first(s4));
        let (t3, t4) = (terms_of(s3), terms_of(s4));
        let f3 = Figure {
            article: 0,
            sentence: 1,
            quantity: &q3,
            context: &t3,
        };
        let f4 = Figure {
            article: 1,
            sentence: 1,
            quantity: &q4,
            context: &t4,
        };
        assert!(!same_measure(&f3, &f4));
    }

    #[test]
    fn ordinals_are_not_compared_with_counts() {
        let s1 = "Talks continued in Florida for a third day.";
        let s2 = "Witkoff said two days of talks in Florida were constructive.";
        let (q1, q2) = (first(s1), first(s2));
        let (t1, t2) = (terms_of(s1), terms_of(s2));
        let f1 = Figure {
            article: 0,
            sentence: 0,
            quantity: &q1,
            context: &t1,
        };
        let f2 = Figure {
            article: 0,
            sentence: 1,
            quantity: &q2,
            context: &t2,
        };
        assert!(discrepancies_in(&[f1, f2]).is_empty());
    }
}
