//! Facts stage: decides when two sentences state the same fact, and gathers a story's
//! sentences into [`Fact`]s, each with every (article, sentence) that states it.
//!
//! The same-fact decision ([`same_fact`]) combines lexical overlap weighted by how rare
//! each term is (so "Zaporizhzhia" counts for more than "said"), plain overlap, shared
//! names and agreeing figures in a logistic model; figures that disagree or a negation
//! on one side only veto the match, since then the sentences do not make the same claim.
//! `compare` calls exactly this function.
//!
//! It does not decide which figures conflict: that is `figures`.

use std::collections::{HashMap, HashSet};

use crate::extract::Quantity;
use crate::text::terms::{Term, words};

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

/// How rare each term is across the sentences of the run, for weighting overlap.
#[derive(Debug, Clone, Default)]
pub struct TermRarity {
    idf: HashMap<String, f64>,
    unseen: f64,
}

impl TermRarity {
    /// Counts in how many sentences each term appears.
    pub fn from_sentences<'a>(sentences: impl IntoIterator<Item = &'a [Term]>) -> TermRarity {
        let mut df: HashMap<String, u32> = HashMap::new();
        let mut n = 0u32;
        for terms in sentences {
            n += 1;
            let unique: HashSet<&str> = terms.iter().map(|t| t.key.as_str()).collect();
            for key in unique {
                *df.entry(key.to_string()).or_insert(0) += 1;
            }
        }
        let total = f64::from(n);
        let idf = df
            .into_iter()
            .map(|(key, count)| (key, ((total + 1.0) / (f64::from(count) + 1.0)).ln() + 1.0))
            .collect();
        TermRarity {
            idf,
            unseen: (total + 1.0).ln() + 1.0,
        }
    }

    pub fn weight(&self, key: &str) -> f64 {
        self.idf.get(key).copied().unwrap_or(self.unseen)
    }
}

/// The measurements the same-fact model reads from a pair of sentences.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PairFeatures {
    /// Rarity-weighted cosine of the two term sets.
    pub weighted_overlap: f64,
    /// Dice coefficient of the two term sets.
    pub dice: f64,
    /// Share of names that appear on both sides (0 when neither has names).
    pub names: f64,
    /// 1 when both give figures and all shared measures agree, 0 otherwise.
    pub figures_agree: f64,
    /// Shorter sentence's term count over the longer's.
    pub length_ratio: f64,
    /// A figure for the same unit with different values on the two sides.
    pub figures_conflict: bool,
    /// One side is negated and the other is not.
    pub negation_differs: bool,
}

/// The decision for one pair of sentences.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decision {
    pub same_fact: bool,
    /// Probability-like score in [0, 1]; 0.5 is the decision boundary.
    pub score: f64,
}

/// Logistic-model weights: intercept, then one per feature in [`PairFeatures`] order.
/// Hand-set for the first version; see the quality command for how they are checked.
const WEIGHTS: [f64; 6] = [-4.6, 6.0, 3.0, 1.2, 1.0, 0.5];

const NEGATIONS: &[&str] = &[
    "not", "no", "never", "n't", "nor", "without", "denied", "denies", "deny", "none", "neither",
];

/// Measures a pair of sentences for the same-fact model.
pub fn pair_features(a: &SentenceView, b: &SentenceView, rarity: &TermRarity) -> PairFeatures {
    let keys_a: HashSet<&str> = a.terms.iter().map(|t| t.key.as_str()).collect();
    let keys_b: HashSet<&str> = b.terms.iter().map(|t| t.key.as_str()).collect();
    let shared: Vec<&str> = keys_a.intersection(&keys_b).copied().collect();
    let weight = |k: &&str| rarity.weight(k).powi(2);
    let norm_a: f64 = keys_a.iter().map(weight).sum::<f64>().sqrt();
    let norm_b: f64 = keys_b.iter().map(weight).sum::<f64>().sqrt();
    let dot: f64 = shared.iter().map(weight).sum();
    let weighted_overlap = if norm_a > 0.0 && norm_b > 0.0 {
        dot / (norm_a * norm_b)
    } else {
        0.0
    };
    let total = keys_a.len() + keys_b.len();
    let dice = if total > 0 {
        2.0 * shared.len() as f64 / total as f64
    } else {
        0.0
    };
    let names_a: HashSet<&str> = a
        .terms
        .iter()
        .filter(|t| t.is_name)
        .map(|t| t.key.as_str())
        .collect();
    let names_b: HashSet<&str> = b
        .terms
        .iter()
        .filter(|t| t.is_name)
        .map(|t| t.key.as_str())
        .collect();
    let names_union = names_a.union(&names_b).count();
    let names = if names_union > 0 {
        names_a.intersection(&names_b).count() as f64 / names_union as f64
    } else {
        0.0
    };
    let (agree, conflict) = figure_agreement(a.quantities, b.quantities);
    let (short, long) = if keys_a.len() < keys_b.len() {
        (keys_a.len(), keys_b.len())
    } else {
        (keys_b.len(), keys_a.len())
    };
    PairFeatures {
        weighted_overlap,
        dice,
        names,
        figures_agree: if agree { 1.0 } else { 0.0 },
        length_ratio: if long > 0 {
            short as f64 / long as f64
        } else {
            0.0
        },
        figures_conflict: conflict,
        negation_differs: is_negated(a.text) != is_negated(b.text),
    }
}

/// Whether the figures of two sentences agree (some unit given on both sides, all with
/// the same value) and whether any conflict (a unit given on both sides with no value
/// in common).
fn figure_agreement(a: &[Quantity], b: &[Quantity]) -> (bool, bool) {
    let mut agree = false;
    let mut conflict = false;
    let units_a: HashSet<&str> = a.iter().map(|q| q.unit.as_str()).collect();
    for unit in units_a {
        let values_a: Vec<f64> = a
            .iter()
            .filter(|q| q.unit == unit)
            .map(|q| q.value)
            .collect();
        let values_b: Vec<f64> = b
            .iter()
            .filter(|q| q.unit == unit)
            .map(|q| q.value)
            .collect();
        if values_b.is_empty() {
            continue;
        }
        if values_a.iter().any(|v| values_b.contains(v)) {
            agree = true;
        } else {
            conflict = true;
        }
    }
    (agree && !conflict, conflict)
}

fn is_negated(sentence: &str) -> bool {
    words(sentence).iter().any(|w| {
        let lower = w.text.to_lowercase();
        NEGATIONS.contains(&lower.as_str()) || lower.ends_with("n't") || lower.ends_with("n’t")
    })
}

/// The model's score for a pair's features, before vetoes.
pub fn score_of(features: &PairFeatures) -> f64 {
    let inputs = [
        features.weighted_overlap,
        features.dice,
        features.names,
        features.figures_agree,
        features.length_ratio,
    ];
    let z = WEIGHTS[0]
        + inputs
            .iter()
            .zip(&WEIGHTS[1..])
            .map(|(x, w)| x * w)
            .sum::<f64>();
    1.0 / (1.0 + (-z).exp())
}

/// Decides whether two sentences state the same fact.
pub fn same_fact(a: &SentenceView, b: &SentenceView, rarity: &TermRarity) -> Decision {
    let features = pair_features(a, b, rarity);
    let score = score_of(&features);
    let vetoed = features.figures_conflict || features.negation_differs;
    Decision {
        same_fact: score >= 0.5 && !vetoed,
        score,
    }
}

/// Words at the start of a sentence that point back to something it does not name.
const DANGLING_STARTS: &[&str] = &[
    "he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "its", "their", "we",
];

/// How complete a sentence is as the one that stands for a fact: figures and names
/// count, a dangling pronoun at the start counts against it.
pub fn completeness(view: &SentenceView) -> i64 {
    let names = view.terms.iter().filter(|t| t.is_name).count() as i64;
    let figures = view.quantities.len() as i64;
    let first = words(view.text)
        .first()
        .map(|w| w.text.to_lowercase())
        .unwrap_or_default();
    let dangling = if DANGLING_STARTS.contains(&first.as_str()) {
        4
    } else {
        0
    };
    figures * 2 + names - dangling
}

/// How many members of a growing fact a newcomer is checked against.
const LINKAGE_SAMPLE: usize = 8;

/// Gathers a story's sentences into facts. Sentences from different articles that state
/// the same thing become one fact; a fact holds at most one mention per article, and a
/// sentence joins a fact only when it matches every (sampled) member, so facts do not
/// chain through loosely related sentences.
pub fn facts_of(sentences: &[SentenceView], rarity: &TermRarity) -> Vec<Fact> {
    let mut candidates = candidate_pairs(sentences, rarity);
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    for (i, j) in candidates.drain(..) {
        let decision = same_fact(&sentences[i], &sentences[j], rarity);
        if decision.same_fact {
            scored.push((decision.score, i, j));
        }
    }
    scored.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then_with(|| (x.1, x.2).cmp(&(y.1, y.2)))
    });
    let matches: HashSet<(usize, usize)> = scored.iter().map(|&(_, i, j)| (i, j)).collect();
    let is_match = |i: usize, j: usize| matches.contains(&(i.min(j), i.max(j)));

    let mut cluster_of: Vec<usize> = (0..sentences.len()).collect();
    let mut members: Vec<Vec<usize>> = (0..sentences.len()).map(|i| vec![i]).collect();
    for (_, i, j) in scored {
        let (ci, cj) = (cluster_of[i], cluster_of[j]);
        if ci == cj {
            continue;
        }
        let articles_i: HashSet<usize> =
            members[ci].iter().map(|&m| sentences[m].article).collect();
        if members[cj]
            .iter()
            .any(|&m| articles_i.contains(&sentences[m].article))
        {
            continue;
        }
        let all_match = members[ci].iter().take(LINKAGE_SAMPLE).all(|&x| {
            members[cj]
                .iter()
                .take(LINKAGE_SAMPLE)
                .all(|&y| is_match(x, y))
        });
        if !all_match {
            continue;
        }
        let moved = std::mem::take(&mut members[cj]);
        for &m in &moved {
            cluster_of[m] = ci;
        }
        members[ci].extend(moved);
    }
    members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|m| fact_from(&m, sentences))
        .collect()
}

fn fact_from(member_indices: &[usize], sentences: &[SentenceView]) -> Fact {
    let mut mentions: Vec<Mention> = member_indices
        .iter()
        .map(|&i| Mention {
            article: sentences[i].article,
            sentence: sentences[i].sentence,
        })
        .collect();
    mentions.sort();
    let best = member_indices
        .iter()
        .copied()
        .max_by_key(|&i| {
            let s = &sentences[i];
            (completeness(s), std::cmp::Reverse((s.article, s.sentence)))
        })
        .unwrap_or(member_indices[0]);
    Fact {
        mentions,
        representative: Mention {
            article: sentences[best].article,
            sentence: sentences[best].sentence,
        },
    }
}

/// Terms in more than this many sentences do not propose candidate pairs on their own.
const MAX_POSTING: usize = 200;

/// Pairs of sentences from different articles that share at least one rare term, as
/// (lower index, higher index).
fn candidate_pairs(sentences: &[SentenceView], rarity: &TermRarity) -> Vec<(usize, usize)> {
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, s) in sentences.iter().enumerate() {
        let unique: HashSet<&str> = s.terms.iter().map(|t| t.key.as_str()).collect();
        for key in unique {
            postings.entry(key).or_default().push(i);
        }
    }
    let mut pairs = HashSet::new();
    let mut keys: Vec<&&str> = postings.keys().collect();
    keys.sort_by(|a, b| {
        rarity
            .weight(b)
            .total_cmp(&rarity.weight(a))
            .then_with(|| a.cmp(b))
    });
    for key in keys {
        let list = &postings[*key];
        if list.len() > MAX_POSTING {
            continue;
        }
        for (x, &i) in list.iter().enumerate() {
            for &j in &list[x + 1..] {
                if sentences[i].article != sentences[j].article {
                    pairs.insert((i.min(j), i.max(j)));
                }
            }
        }
    }
    let mut pairs: Vec<(usize, usize)> = pairs.into_iter().collect();
    pairs.sort_unstable();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::quantities_in;
    use crate::text::terms::terms_of;

    struct Owned {
        text: String,
        terms: Vec<Term>,
        quantities: Vec<Quantity>,
    }

    fn owned(text: &str) -> Owned {
        Owned {
            text: text.to_string(),
            terms: terms_of(text),
            quantities: quantities_in(text),
        }
    }

    fn view(o: &Owned, article: usize) -> SentenceView<'_> {
        SentenceView {
            article,
            sentence: 0,
            text: &o.text,
            terms: &o.terms,
            quantities: &o.quantities,
        }
    }

    fn decide(a: &str, b: &str) -> Decision {
        let (a, b) = (owned(a), owned(b));
        let rarity = TermRarity::from_sentences([a.terms.as_slice(), b.terms.as_slice()]);
        same_fact(&view(&a, 0), &view(&b, 1), &rarity)
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

    #[test]
    fn the_most_complete_mention_stands_for_the_fact() {
        let a = owned("It lost power again.");
        let b = owned("The Zaporizhzhia plant lost power for the 11th time.");
        assert!(completeness(&view(&b, 1)) > completeness(&view(&a, 0)));
    }
}
