//! Linkage: grows a story's facts from its matching pairs of wordings, best score
//! first.
//!
//! A *cluster* is a growing fact: a set of sentences, at most one per article. Two
//! clusters are *linked* (merged) only when every sampled member of one matches every
//! sampled member of the other, so facts do not chain through loosely related
//! sentences. This file does not score pairs ([`super::candidates`]) nor choose the
//! sentence that stands for a fact ([`super::representative`]).

use rustc_hash::{FxHashMap, FxHashSet};

use super::SentenceView;
use super::candidates::Wordings;

/// How many members of a growing fact a newcomer is checked against.
const LINKAGE_SAMPLE: usize = 8;

/// The matching pairs of wordings, best score first, ties in wording order (wordings
/// are numbered in order of their first sentence), so every run links the same way.
pub(super) fn wording_pairs_best_first(
    matching: &FxHashMap<(usize, usize), f64>,
) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(f64, usize, usize)> = matching
        .iter()
        .map(|(&(x, y), &score)| (score, x, y))
        .collect();
    pairs.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| (a.1, a.2).cmp(&(b.1, b.2)))
    });
    pairs.into_iter().map(|(_, x, y)| (x, y)).collect()
}

/// The facts of a story as they grow: each sentence's cluster, each cluster's members
/// and articles.
pub(super) struct Linkage<'s, 'v> {
    sentences: &'s [SentenceView<'v>],
    wordings: &'s Wordings,
    matching: &'s FxHashMap<(usize, usize), f64>,
    cluster_of: Vec<usize>,
    pub(super) members: Vec<Vec<usize>>,
    articles_in: Vec<FxHashSet<usize>>,
    /// Pairs of clusters, each as (cluster, size), already found unable to merge. A
    /// cluster only grows, so one of that size is still the same set of sentences and
    /// the answer stands: two wordings repeated by hundreds of articles are refused once,
    /// not once per pair of their sentences.
    refused: FxHashSet<((usize, usize), (usize, usize))>,
}

impl<'s, 'v> Linkage<'s, 'v> {
    pub(super) fn new(
        sentences: &'s [SentenceView<'v>],
        wordings: &'s Wordings,
        matching: &'s FxHashMap<(usize, usize), f64>,
    ) -> Self {
        Linkage {
            sentences,
            wordings,
            matching,
            cluster_of: (0..sentences.len()).collect(),
            members: (0..sentences.len()).map(|i| vec![i]).collect(),
            articles_in: sentences
                .iter()
                .map(|s| std::iter::once(s.article).collect())
                .collect(),
            refused: FxHashSet::default(),
        }
    }

    /// Links every pair of sentences, from different articles, of two matching
    /// wordings (of one wording's own sentences when `x == y`), in sentence order.
    pub(super) fn link_wordings(&mut self, x: usize, y: usize) {
        let wordings = self.wordings;
        let (of_x, of_y) = (&wordings.members[x], &wordings.members[y]);
        for (k, &i) in of_x.iter().enumerate() {
            let others = if x == y { &of_y[k + 1..] } else { &of_y[..] };
            for &j in others {
                if self.sentences[i].article != self.sentences[j].article {
                    self.link(i.min(j), i.max(j));
                }
            }
        }
    }

    /// Puts two sentences' clusters together when no article would be in it twice and
    /// every sampled member of one matches every sampled member of the other.
    fn link(&mut self, i: usize, j: usize) {
        let (ci, cj) = (self.cluster_of[i], self.cluster_of[j]);
        if ci == cj {
            return;
        }
        let (a, b) = ((ci, self.members[ci].len()), (cj, self.members[cj].len()));
        let state = (a.min(b), a.max(b));
        if self.refused.contains(&state) {
            return;
        }
        if share_an_article(&self.articles_in[ci], &self.articles_in[cj])
            || !self.samples_match(ci, cj)
        {
            self.refused.insert(state);
            return;
        }
        self.merge(ci, cj);
    }

    fn samples_match(&self, ci: usize, cj: usize) -> bool {
        let is_match = |i: usize, j: usize| {
            let (x, y) = (self.wordings.class_of[i], self.wordings.class_of[j]);
            self.sentences[i].article != self.sentences[j].article
                && self.matching.contains_key(&(x.min(y), x.max(y)))
        };
        self.members[ci].iter().take(LINKAGE_SAMPLE).all(|&x| {
            self.members[cj]
                .iter()
                .take(LINKAGE_SAMPLE)
                .all(|&y| is_match(x, y))
        })
    }

    /// Moves cluster `cj` into `ci`.
    fn merge(&mut self, ci: usize, cj: usize) {
        let moved = std::mem::take(&mut self.members[cj]);
        for &m in &moved {
            self.cluster_of[m] = ci;
        }
        self.members[ci].extend(moved);
        let mut moved_articles = std::mem::take(&mut self.articles_in[cj]);
        if moved_articles.len() > self.articles_in[ci].len() {
            std::mem::swap(&mut moved_articles, &mut self.articles_in[ci]);
        }
        self.articles_in[ci].extend(moved_articles);
    }
}

fn share_an_article(a: &FxHashSet<usize>, b: &FxHashSet<usize>) -> bool {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small.iter().any(|x| large.contains(x))
}
