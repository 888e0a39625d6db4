//! Group stage: puts articles that report the same events into one [`Story`].
//!
//! Each article becomes a TF-IDF vector over its content terms (title terms count
//! double, names count more than common words); candidate pairs come from an inverted
//! index over each article's most distinctive terms, so articles on unrelated topics are
//! never compared. A pair's similarity is the cosine of their vectors, discounted by the
//! time between their publication (the same event is reported within hours); pairs
//! further apart than the window are not linked. Each article keeps its strongest links,
//! and stories are the communities of that graph (Louvain modularity): a story is a
//! group more densely linked inside than chance would give, so one article that touches
//! two topics cannot chain them together, and a story told in many different headlines
//! still holds together through its members' nearest neighbours.
//!
//! It does not look inside stories: facts and figures are later stages.

mod candidates;
mod communities;
mod vectors;

use crate::text::terms::Term;

use candidates::{candidate_edges, nearest_neighbour_graph};
use communities::communities;
use vectors::tf_idf_vectors;

/// Articles in the same story, as indices into the run's article list, in input order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    pub articles: Vec<usize>,
}

/// The terms of one article that grouping looks at, borrowed from the run's features.
#[derive(Debug, Clone, Copy, Default)]
pub struct ArticleTerms<'a> {
    pub title: &'a [Term],
    /// The terms of each sentence of the body.
    pub body: &'a [Vec<Term>],
    /// Publication time as seconds since the epoch, when known.
    pub published: Option<i64>,
}

/// How grouping decides.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupOptions {
    /// Pairs of articles less similar than this are not linked at all.
    pub floor: f64,
    /// Links kept per article: its strongest ones.
    pub neighbours: usize,
    /// Modularity resolution: above 1 favours smaller stories.
    pub resolution: f64,
    /// Publication-time distance at which similarity counts 1/e as much.
    pub time_scale_seconds: i64,
    /// Articles published further apart than this (in seconds) are never linked.
    pub window_seconds: i64,
    /// How many of an article's heaviest terms are used to find candidates.
    pub candidate_terms: usize,
}

impl Default for GroupOptions {
    /// Chosen with the quality command on the UCI headlines (see README).
    fn default() -> Self {
        GroupOptions {
            floor: 0.1,
            neighbours: 10,
            resolution: 1.0,
            time_scale_seconds: 24 * 3600,
            window_seconds: 4 * 24 * 3600,
            candidate_terms: 24,
        }
    }
}

/// Weight of a term that appears in the title, relative to one in the body.
pub(super) const TITLE_WEIGHT: f32 = 2.0;
/// Weight of a name relative to a common word.
pub(super) const NAME_WEIGHT: f32 = 1.5;
/// Terms in more than this share of the articles are too common to find candidates by.
pub(super) const MAX_CANDIDATE_DF_SHARE: f64 = 0.1;
/// ... and so are terms in more than this many articles, however many there are: a
/// morning of 100,000 articles must not compare every article with 10,000 others. The
/// members of a larger story still find each other through their rarer terms (names,
/// places, figures), and the graph needs only their nearest neighbours.
pub(super) const MAX_CANDIDATE_DF: usize = 300;
/// The candidates of one article that share most of its distinctive terms are
/// compared, at most this many: its nearest neighbours are among them, and the graph
/// keeps only [`GroupOptions::neighbours`] links per article anyway.
pub(super) const MAX_CANDIDATES: usize = 200;
/// An article is compared by its heaviest terms, at most this many: they carry nearly
/// all of a long article's weight, a headline has fewer, and comparing two 800-word
/// articles term by term would cost more than the rest of grouping.
pub(super) const MAX_VECTOR_TERMS: usize = 64;
/// How many candidates ahead an article's vector is prefetched.
pub(super) const PREFETCH_AHEAD: usize = 4;

/// A link between two articles (by index) with its similarity. Indices are held as
/// `u32`: a morning's candidate links number in the tens of millions.
pub(super) type Edge = (u32, u32, f64);

/// Groups articles into stories. Every article lands in exactly one story.
pub fn stories_from(articles: &[ArticleTerms], options: &GroupOptions) -> Vec<Story> {
    if articles.is_empty() {
        return Vec::new();
    }
    let vectors = tf_idf_vectors(articles);
    let edges = candidate_edges(&vectors, articles, options);
    let graph = nearest_neighbour_graph(articles.len(), &edges, options);
    let clusters = communities(articles.len(), &graph, options.resolution);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::terms::terms_of;
    use candidates::time_affinity;

    /// Terms of a title and a one-sentence body, kept alive for the test.
    struct Owned {
        title: Vec<Term>,
        body: Vec<Vec<Term>>,
    }

    fn owned(title: &str, body: &str) -> Owned {
        Owned {
            title: terms_of(title),
            body: vec![terms_of(body)],
        }
    }

    fn article(owned: &Owned) -> ArticleTerms<'_> {
        ArticleTerms {
            title: &owned.title,
            body: &owned.body,
            published: None,
        }
    }

    #[test]
    fn same_event_articles_group_and_others_stay_apart() {
        let owned = [
            owned("Fed's Plosser sees high bar for tapering change", ""),
            owned("Apple unveils new iPhone at Cupertino event", ""),
            owned("Plosser: Fed tapering pace should not change", ""),
            owned("New iPhone from Apple shown in Cupertino", ""),
            owned("Malaysia Airlines flight MH370 still missing", ""),
        ];
        let articles: Vec<ArticleTerms> = owned.iter().map(article).collect();
        let stories = stories_from(&articles, &GroupOptions::default());
        let groups: Vec<Vec<usize>> = stories.into_iter().map(|s| s.articles).collect();
        assert_eq!(groups, vec![vec![0, 2], vec![1, 3], vec![4]]);
    }

    #[test]
    fn a_day_apart_counts_for_less_than_an_hour_apart() {
        let x = owned("x", "");
        let mut a = article(&x);
        let mut b = article(&x);
        a.published = Some(0);
        b.published = Some(3600);
        let hour = time_affinity(a.published, b.published, 24 * 3600);
        b.published = Some(24 * 3600);
        let day = time_affinity(a.published, b.published, 24 * 3600);
        assert!(hour > 0.95 && (day - (-1.0f64).exp()).abs() < 1e-9);
        b.published = None;
        assert_eq!(time_affinity(a.published, b.published, 24 * 3600), 1.0);
    }

    #[test]
    fn articles_outside_the_window_are_not_linked() {
        let plosser = owned("Plosser sees high bar for tapering", "");
        let mut a = article(&plosser);
        let mut b = article(&plosser);
        a.published = Some(0);
        b.published = Some(30 * 24 * 3600);
        let stories = stories_from(&[a, b], &GroupOptions::default());
        assert_eq!(stories.len(), 2);
    }
}
