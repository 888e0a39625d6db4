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
mod events;
pub mod evidence;
mod vectors;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::text::terms::Term;

use candidates::{candidate_edges, nearest_neighbour_graph, time_affinity};
use communities::communities;
use events::{ArticleData, Profile, event_groups};
use vectors::{ArticleVectors, article_vectors};

pub use evidence::{EVENT_INPUTS, EVENT_WEIGHTS, EventEvidence};

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
    /// Body sentences grouping does not read (by index; none when empty): lines the
    /// article's site repeats verbatim in its other articles.
    pub ignored: &'a [bool],
    /// Publication time as seconds since the epoch, when known.
    pub published: Option<i64>,
}

/// How grouping decides.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupOptions {
    /// Links of the article graph whose similarity (cosine discounted by time) is
    /// below this do not count in stage two.
    pub floor: f64,
    /// Links kept per article: its strongest ones.
    pub neighbours: usize,
    /// Modularity resolution of stage two: above 1 favours smaller stories.
    pub resolution: f64,
    /// Publication-time distance at which a link counts 1/e as much in stage two.
    pub time_scale_seconds: i64,
    /// How many of an article's heaviest terms are used to find candidates.
    pub candidate_terms: usize,
    /// The event model's weights (see [`evidence`]).
    pub event_weights: [f64; EVENT_INPUTS + 1],
    /// Stage one joins two groups when the event model gives them at least this.
    pub event_threshold: f64,
    /// Stage two never links two groups of full text that the event model gives less
    /// than this ...
    pub veto_probability: f64,
    /// ... or whose mutual name contrast is at least this.
    pub veto_contrast: f64,
}

impl Default for GroupOptions {
    /// Chosen with the quality command on every labelled set at once (see README): a
    /// grid over the floor (0.08 to 0.25) and the event threshold (0.4 to 0.7), taking
    /// the setting whose worst set is best, from the middle of the range where every
    /// set holds B-cubed precision and F1 of 0.90 (floor 0.18 to 0.22).
    fn default() -> Self {
        GroupOptions {
            floor: 0.2,
            neighbours: 10,
            resolution: 1.0,
            time_scale_seconds: 24 * 3600,
            candidate_terms: 24,
            event_weights: EVENT_WEIGHTS,
            event_threshold: 0.6,
            veto_probability: 0.1,
            veto_contrast: 0.5,
        }
    }
}

/// Weight of a term that appears in the title, relative to one in the body's first
/// sentence.
pub(super) const TITLE_WEIGHT: f32 = 2.0;
/// Body sentences at which a term weighs half as much as in the first.
pub(super) const LEAD_SENTENCES: f32 = 6.0;
/// Weight of a name relative to a common word.
pub(super) const NAME_WEIGHT: f32 = 1.5;
/// Names kept in an article's names vector: its heaviest.
pub(super) const MAX_NAME_TERMS: usize = 16;
/// Candidate pairs whose content cosine is below this are not linked.
pub(super) const MIN_COSINE: f64 = 0.1;
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

/// What grouping computes once for a run's articles: the article vectors and graph,
/// publication times and which articles are headlines alone. The quality command
/// holds one to fit the event model on groups of labelled articles.
pub struct GroupingInput {
    vectors: ArticleVectors,
    published: Vec<Option<i64>>,
    headline: Vec<bool>,
    /// Each article's nearest neighbours by content: where stage one looks.
    by_content: Vec<Edge>,
    /// Each article's nearest neighbours by content and time, at least the floor: the
    /// links of stage two.
    by_time: Vec<Edge>,
}

impl GroupingInput {
    /// Reads the articles' terms once: vectors, candidates, the nearest-neighbour graph.
    pub fn new(articles: &[ArticleTerms], options: &GroupOptions) -> GroupingInput {
        let started = std::time::Instant::now();
        let vectors = article_vectors(articles);
        tracing::debug!("group: vectors {:.2?}", started.elapsed());
        let mut edges = candidate_edges(&vectors.content, options);
        tracing::debug!("group: candidates {:.2?}", started.elapsed());
        let n = articles.len();
        let by_content = nearest_neighbour_graph(n, &edges, options.neighbours);
        let published: Vec<Option<i64>> = articles.iter().map(|a| a.published).collect();
        edges.par_iter_mut().for_each(|links| {
            links.retain_mut(|(a, b, similarity)| {
                let (x, y) = (published[*a as usize], published[*b as usize]);
                *similarity *= time_affinity(x, y, options.time_scale_seconds);
                *similarity >= options.floor
            });
        });
        let by_time = nearest_neighbour_graph(n, &edges, options.neighbours);
        tracing::debug!("group: graphs {:.2?}", started.elapsed());
        GroupingInput {
            vectors,
            published,
            headline: articles
                .iter()
                .map(|a| a.body.iter().all(Vec::is_empty))
                .collect(),
            by_content,
            by_time,
        }
    }

    fn data(&self) -> ArticleData<'_> {
        ArticleData {
            vectors: &self.vectors,
            published: &self.published,
            headline: &self.headline,
        }
    }

    /// The event model's evidence between two groups of these articles (indices).
    pub fn event_evidence(&self, a: &[usize], b: &[usize]) -> EventEvidence {
        let data = self.data();
        let profile = |g: &[usize]| data.profile(g.iter().map(|&i| i as u32).collect());
        data.evidence(&profile(a), &profile(b))
    }

    /// Stages one and two: the stories.
    pub fn stories(&self, options: &GroupOptions) -> Vec<Story> {
        let n = self.headline.len();
        if n == 0 {
            return Vec::new();
        }
        let data = self.data();
        let links: Vec<(u32, u32)> = self.by_content.iter().map(|&(a, b, _)| (a, b)).collect();
        let groups = event_groups(
            &data,
            &links,
            &options.event_weights,
            options.event_threshold,
        );
        let started = std::time::Instant::now();
        let weighted = self.stage_two_links(&data, &groups, options);
        tracing::debug!("group: stage two links {:.2?}", started.elapsed());
        let initial: Vec<Vec<usize>> = groups
            .iter()
            .map(|g| g.members.iter().map(|&m| m as usize).collect())
            .collect();
        let clusters = communities(initial, &weighted, options.resolution);
        tracing::debug!("group: communities {:.2?}", started.elapsed());
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

    /// The links of stage two, without those between two full-text groups that the
    /// event model calls different events.
    fn stage_two_links(
        &self,
        data: &ArticleData,
        groups: &[Profile],
        options: &GroupOptions,
    ) -> Vec<Edge> {
        let mut group_of = vec![0u32; self.headline.len()];
        for (g, profile) in groups.iter().enumerate() {
            for &m in &profile.members {
                group_of[m as usize] = g as u32;
            }
        }
        let mut vetoed: FxHashMap<(u32, u32), bool> = FxHashMap::default();
        self.by_time
            .iter()
            .filter_map(|&(a, b, similarity)| {
                let (g, h) = (group_of[a as usize], group_of[b as usize]);
                let (x, y) = (&groups[g as usize], &groups[h as usize]);
                if g != h && !x.headline && !y.headline {
                    let key = (g.min(h), g.max(h));
                    let different = *vetoed.entry(key).or_insert_with(|| {
                        let evidence = data.evidence(x, y);
                        evidence.probability(&options.event_weights) < options.veto_probability
                            || evidence.contrast >= options.veto_contrast
                    });
                    if different {
                        return None;
                    }
                }
                Some((a, b, similarity))
            })
            .collect()
    }
}

/// Groups articles into stories. Every article lands in exactly one story.
pub fn stories_from(articles: &[ArticleTerms], options: &GroupOptions) -> Vec<Story> {
    GroupingInput::new(articles, options).stories(options)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::terms::terms_of;

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
            ignored: &[],
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
