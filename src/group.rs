//! Group stage: puts articles that report the same events into one [`Story`].
//!
//! Each article becomes a TF-IDF vector over its content terms (title terms count
//! double, names count more than common words); candidate pairs come from an inverted
//! index over each article's most distinctive terms, so articles on unrelated topics are
//! never compared; pairs published further apart than the time window are not linked.
//! Stories are then built by average linkage over the candidate graph: two groups merge
//! only when their articles are similar on average, so one article that touches two
//! topics cannot chain them together.
//!
//! It does not look inside stories: facts and figures are later stages.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use rayon::prelude::*;

use crate::text::terms::Term;

/// Articles in the same story, as indices into the run's article list, in input order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    pub articles: Vec<usize>,
}

/// The terms of one article that grouping looks at.
#[derive(Debug, Clone, Default)]
pub struct ArticleTerms {
    pub title: Vec<Term>,
    pub body: Vec<Term>,
    /// Publication time as seconds since the epoch, when known.
    pub published: Option<i64>,
}

/// How grouping decides.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupOptions {
    /// Two groups merge when the average cosine similarity of their articles reaches this.
    pub threshold: f64,
    /// Articles published further apart than this (in seconds) are never linked.
    pub window_seconds: i64,
    /// How many of an article's heaviest terms are used to find candidates.
    pub candidate_terms: usize,
}

impl Default for GroupOptions {
    fn default() -> Self {
        GroupOptions {
            threshold: 0.18,
            window_seconds: 4 * 24 * 3600,
            candidate_terms: 24,
        }
    }
}

/// Weight of a term that appears in the title, relative to one in the body.
const TITLE_WEIGHT: f64 = 2.0;
/// Weight of a name relative to a common word.
const NAME_WEIGHT: f64 = 1.5;
/// Terms in more than this share of the articles are too common to find candidates by.
const MAX_CANDIDATE_DF_SHARE: f64 = 0.1;

type Vector = Vec<(u32, f64)>;

/// Groups articles into stories. Every article lands in exactly one story.
pub fn stories_from(articles: &[ArticleTerms], options: &GroupOptions) -> Vec<Story> {
    if articles.is_empty() {
        return Vec::new();
    }
    let vectors = tf_idf_vectors(articles);
    let edges = candidate_edges(&vectors, articles, options);
    let clusters = average_linkage(articles.len(), &edges, options.threshold);
    let mut stories: Vec<Story> = clusters
        .into_iter()
        .map(|mut members| {
            members.sort_unstable();
            Story { articles: members }
        })
        .collect();
    stories.sort_by_key(|s| s.articles[0]);
    stories
}

/// Term weights per article: log-scaled term frequency times smoothed IDF, L2-normalised.
fn tf_idf_vectors(articles: &[ArticleTerms]) -> Vec<Vector> {
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let counts: Vec<HashMap<u32, f64>> = articles
        .iter()
        .map(|article| {
            let mut counts = HashMap::new();
            let weighted = article
                .title
                .iter()
                .map(|t| (t, TITLE_WEIGHT))
                .chain(article.body.iter().map(|t| (t, 1.0)));
            for (term, weight) in weighted {
                let next = ids.len() as u32;
                let id = *ids.entry(term.key.as_str()).or_insert(next);
                let weight = if term.is_name {
                    weight * NAME_WEIGHT
                } else {
                    weight
                };
                *counts.entry(id).or_insert(0.0) += weight;
            }
            counts
        })
        .collect();
    let mut df = vec![0u32; ids.len()];
    for c in &counts {
        for id in c.keys() {
            df[*id as usize] += 1;
        }
    }
    let n = articles.len() as f64;
    counts
        .into_par_iter()
        .map(|c| {
            let mut vector: Vector = c
                .into_iter()
                .map(|(id, tf)| {
                    let idf = ((n + 1.0) / (f64::from(df[id as usize]) + 1.0)).ln() + 1.0;
                    (id, (1.0 + tf).ln() * idf)
                })
                .collect();
            let norm = vector.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                for (_, w) in &mut vector {
                    *w /= norm;
                }
            }
            vector.sort_unstable_by_key(|(id, _)| *id);
            vector
        })
        .collect()
}

fn cosine(a: &Vector, b: &Vector) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Pairs of articles that share a distinctive term, with their similarity. Pairs below a
/// fraction of the threshold are dropped: they can only pull an average down.
fn candidate_edges(
    vectors: &[Vector],
    articles: &[ArticleTerms],
    options: &GroupOptions,
) -> Vec<(usize, usize, f64)> {
    let n = vectors.len();
    let max_df = ((n as f64 * MAX_CANDIDATE_DF_SHARE).ceil() as usize).max(50);
    let heaviest: Vec<Vec<u32>> = vectors
        .iter()
        .map(|v| {
            let mut terms = v.clone();
            terms.sort_by(|a, b| b.1.total_cmp(&a.1));
            terms
                .into_iter()
                .take(options.candidate_terms)
                .map(|(id, _)| id)
                .collect()
        })
        .collect();
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    for (article, terms) in heaviest.iter().enumerate() {
        for id in terms {
            postings.entry(*id).or_default().push(article);
        }
    }
    let floor = options.threshold * 0.5;
    (0..n)
        .into_par_iter()
        .flat_map_iter(|a| {
            let mut candidates: Vec<usize> = heaviest[a]
                .iter()
                .filter_map(|id| postings.get(id))
                .filter(|list| list.len() <= max_df)
                .flatten()
                .copied()
                .filter(|&b| b > a)
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            candidates
                .into_iter()
                .filter(|&b| within_window(&articles[a], &articles[b], options.window_seconds))
                .map(move |b| (a, b, cosine(&vectors[a], &vectors[b])))
                .filter(|&(_, _, s)| s >= floor)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn within_window(a: &ArticleTerms, b: &ArticleTerms, window: i64) -> bool {
    match (a.published, b.published) {
        (Some(x), Some(y)) => (x - y).abs() <= window,
        _ => true,
    }
}

#[derive(Debug, PartialEq)]
struct Candidate {
    average: f64,
    a: usize,
    b: usize,
}

impl Eq for Candidate {}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.average
            .total_cmp(&other.average)
            .then_with(|| other.a.cmp(&self.a))
            .then_with(|| other.b.cmp(&self.b))
    }
}

/// Average-linkage clustering over a sparse similarity graph (missing pairs count as 0).
/// Returns the members of each cluster.
fn average_linkage(n: usize, edges: &[(usize, usize, f64)], threshold: f64) -> Vec<Vec<usize>> {
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut alive = vec![true; n];
    // For each cluster, the summed similarity to each neighbouring cluster.
    let mut links: Vec<HashMap<usize, f64>> = vec![HashMap::new(); n];
    for &(a, b, s) in edges {
        *links[a].entry(b).or_insert(0.0) += s;
        *links[b].entry(a).or_insert(0.0) += s;
    }
    let mut heap: BinaryHeap<Candidate> = edges
        .iter()
        .filter(|&&(_, _, s)| s >= threshold)
        .map(|&(a, b, s)| Candidate { average: s, a, b })
        .collect();
    while let Some(Candidate { average, a, b }) = heap.pop() {
        if !alive[a] || !alive[b] {
            continue;
        }
        let current =
            links[a].get(&b).copied().unwrap_or(0.0) / (members[a].len() * members[b].len()) as f64;
        if (current - average).abs() > 1e-12 {
            continue;
        }
        // Merge b into a.
        alive[b] = false;
        let moved = std::mem::take(&mut members[b]);
        members[a].extend(moved);
        let b_links = std::mem::take(&mut links[b]);
        links[a].remove(&b);
        for (c, s) in b_links {
            if c == a {
                continue;
            }
            *links[a].entry(c).or_insert(0.0) += s;
            let c_links = &mut links[c];
            c_links.remove(&b);
            *c_links.entry(a).or_insert(0.0) += s;
        }
        let size_a = members[a].len();
        for (&c, &sum) in &links[a] {
            let average = sum / (size_a * members[c].len()) as f64;
            if average >= threshold {
                let (x, y) = if a < c { (a, c) } else { (c, a) };
                heap.push(Candidate {
                    average,
                    a: x,
                    b: y,
                });
            }
        }
    }
    members
        .into_iter()
        .zip(alive)
        .filter(|(_, alive)| *alive)
        .map(|(m, _)| m)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::terms::terms_of;

    fn article(title: &str, body: &str) -> ArticleTerms {
        ArticleTerms {
            title: terms_of(title),
            body: terms_of(body),
            published: None,
        }
    }

    #[test]
    fn same_event_articles_group_and_others_stay_apart() {
        let articles = vec![
            article("Fed's Plosser sees high bar for tapering change", ""),
            article("Apple unveils new iPhone at Cupertino event", ""),
            article("Plosser: Fed tapering pace should not change", ""),
            article("New iPhone from Apple shown in Cupertino", ""),
            article("Malaysia Airlines flight MH370 still missing", ""),
        ];
        let stories = stories_from(&articles, &GroupOptions::default());
        let groups: Vec<Vec<usize>> = stories.into_iter().map(|s| s.articles).collect();
        assert_eq!(groups, vec![vec![0, 2], vec![1, 3], vec![4]]);
    }

    #[test]
    fn a_bridging_article_does_not_chain_two_stories() {
        // Two tight pairs and one article that shares a term with each.
        let edges = vec![(0, 1, 0.9), (2, 3, 0.9), (1, 4, 0.3), (4, 2, 0.3)];
        let mut clusters = average_linkage(5, &edges, 0.25);
        clusters.iter_mut().for_each(|c| c.sort_unstable());
        clusters.sort();
        assert!(
            !clusters.iter().any(|c| c.contains(&0) && c.contains(&3)),
            "{clusters:?}"
        );
    }

    #[test]
    fn articles_outside_the_window_are_not_linked() {
        let mut a = article("Plosser sees high bar for tapering", "");
        let mut b = article("Plosser sees high bar for tapering", "");
        a.published = Some(0);
        b.published = Some(30 * 24 * 3600);
        let stories = stories_from(&[a, b], &GroupOptions::default());
        assert_eq!(stories.len(), 2);
    }
}
