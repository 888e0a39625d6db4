//! [`summarize`]: the one entry point that runs the stages, from a day's articles to
//! a [`Digest`]. Each stage runs inside a `tracing` span named for it (`text`, `terms`,
//! `extract`, `standing` (which sentences may state a fact, which lines each site
//! repeats), `group`, `recurring` (lines that recur across stories), `facts`, `figures`,
//! `assemble`), so `-v` shows each one's wall time; the stages' own work is their
//! modules'. It does no I/O.
//!
//! Every article is read once ([`RunFeatures`]: sentences, terms, quantities and the
//! run's term rarity), the per-story stages borrow from that, and each article's text is
//! freed as soon as it is split into sentences, which hold every word the later stages
//! read, so a large morning's input is not held twice.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};
use tracing::info_span;

use super::Digest;
use super::assemble::{FoundDiscrepancy, assembled, found_discrepancies};
use crate::extract::{Quantity, quantities_in, without_days};
use crate::facts::{self, Fact, Mention, SentenceView, TermRarity};
use crate::group::{self, ArticleTerms};
use crate::ingest::Article;
use crate::options::Options;
use crate::summary::{Concept, concepts_of};
use crate::text::terms::{Key, Term, terms_of};
use crate::text::{Sentence, boilerplate, layout_of};

/// Runs the pipeline over a day's articles. The articles are taken, so that each one's
/// text is freed once it is split into sentences.
pub fn summarize(mut articles: Vec<Article>, options: &Options) -> Digest {
    let sentences = info_span!("text").in_scope(|| {
        let sentences = sentences_of(&articles);
        articles
            .par_iter_mut()
            .for_each(|article| article.text = String::new());
        sentences
    });
    let mut run = RunFeatures::with_sentences(&articles, sentences);
    let stories = info_span!("group").in_scope(|| run.stories(&options.group));
    info_span!("recurring").in_scope(|| run.mark_recurring_lines(&stories));
    let facts = info_span!("facts").in_scope(|| run.facts(&stories));
    let discrepancies = info_span!("figures").in_scope(|| run.discrepancies(&stories));
    let digest =
        info_span!("assemble").in_scope(|| assembled(run, &stories, facts, discrepancies, options));
    // Hundreds of thousands of small strings: freed on every core.
    articles.into_par_iter().for_each(drop);
    digest
}

/// The word-level view of one article, computed once.
pub struct ArticleTermsView {
    pub(super) terms: Vec<Vec<Term>>,
    pub(super) title_terms: Vec<Term>,
}

/// The sentences of each article (blocks are not kept: no later stage reads them).
pub fn sentences_of(articles: &[Article]) -> Vec<Vec<Sentence>> {
    articles
        .par_iter()
        .map(|a| layout_of(&a.text).sentences)
        .collect()
}

/// The terms and clause terms of each article's sentences, and of its title.
pub fn terms_of_articles(
    articles: &[Article],
    sentences: &[Vec<Sentence>],
) -> Vec<ArticleTermsView> {
    articles
        .par_iter()
        .zip(sentences)
        .map(|(article, sentences)| ArticleTermsView {
            terms: sentences.iter().map(|s| terms_of(&s.text)).collect(),
            title_terms: article.title.as_deref().map(terms_of).unwrap_or_default(),
        })
        .collect()
}

/// The quantities of each article's sentences.
pub fn quantities_of_articles(sentences: &[Vec<Sentence>]) -> Vec<Vec<Vec<Quantity>>> {
    sentences
        .par_iter()
        .map(|sentences| sentences.iter().map(|s| quantities_in(&s.text)).collect())
        .collect()
}

/// Everything the stages read from a run's articles, each computed once per article,
/// with the run's term rarity. The per-story stages borrow from it.
pub struct RunFeatures<'a> {
    pub(super) articles: &'a [Article],
    pub(super) sentences: Vec<Vec<Sentence>>,
    pub(super) terms: Vec<ArticleTermsView>,
    pub(super) quantities: Vec<Vec<Vec<Quantity>>>,
    /// What each sentence is, beyond its words: a report's own sentence, or not a fact.
    pub(super) standing: Vec<Vec<Standing>>,
    /// Lines the article's site repeats verbatim in another of its articles, which
    /// grouping does not read ([`site_repeated_lines`]).
    site_repeated: Vec<Vec<bool>>,
    pub(super) rarity: TermRarity,
}

/// Whether a sentence may state a fact ([`crate::text::boilerplate`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// A report's own sentence.
    Report,
    /// Cannot stand alone (a quote cut from its speaker, a few words): no fact, but
    /// its figures are the report's.
    Fragment,
    /// The page's or the wire's, or a line that recurs across unrelated stories:
    /// neither a fact nor a figure.
    Boilerplate,
}

impl Standing {
    fn of(sentence: &str) -> Standing {
        if boilerplate::is_boilerplate(sentence) {
            Standing::Boilerplate
        } else if boilerplate::is_fragment(sentence) {
            Standing::Fragment
        } else {
            Standing::Report
        }
    }

    pub fn is_fact(self) -> bool {
        self == Standing::Report
    }
}

/// Stories a line must recur in to be taken for a page's or wire's line whatever its
/// length and sources: two could be one event the grouping split, or one syndicated
/// report.
const RECURRING_STORIES: usize = 3;
/// Words a line recurring in two stories may have and still be taken for a stock
/// phrase ("The case remains under investigation.") rather than one report.
const SHORT_LINE_WORDS: usize = 12;

/// Where a line was seen across a run's stories.
struct LineSeen {
    /// The last story (index) seen saying it.
    last_story: u32,
    /// How many stories say it.
    stories: u16,
    /// The source of the first article seen saying it ([`source_key`]).
    first_source: u64,
    /// That source says it in two stories or more.
    same_source: bool,
}

impl<'a> RunFeatures<'a> {
    /// Reads every article once.
    pub fn new(articles: &'a [Article]) -> RunFeatures<'a> {
        Self::with_sentences(articles, sentences_of(articles))
    }

    /// The features of articles already split into sentences: no stage reads an
    /// article's text again.
    fn with_sentences(articles: &'a [Article], sentences: Vec<Vec<Sentence>>) -> RunFeatures<'a> {
        let (terms, rarity) = info_span!("terms").in_scope(|| {
            let terms = terms_of_articles(articles, &sentences);
            let rarity = TermRarity::from_parts(
                terms
                    .par_chunks(rarity_part(terms.len()))
                    .map(|part| part.iter().flat_map(|f| f.terms.iter().map(Vec::as_slice))),
            );
            (terms, rarity)
        });
        let quantities = info_span!("extract").in_scope(|| quantities_of_articles(&sentences));
        let (standing, site_repeated) = info_span!("standing").in_scope(|| {
            (
                standings_of(&sentences),
                site_repeated_lines(articles, &terms),
            )
        });
        RunFeatures {
            articles,
            sentences,
            terms,
            quantities,
            standing,
            site_repeated,
            rarity,
        }
    }

    /// Marks as boilerplate every line (by its terms) that recurs across stories: in
    /// [`RECURRING_STORIES`] or more, or in two when it is short
    /// ([`SHORT_LINE_WORDS`]) or one source says it in both. A report's own sentences
    /// are not repeated word for word across unrelated events; "On the Net:", a site's
    /// sidebar, a station's appeal for tips and "The case remains under investigation."
    /// are. A long line in just two stories from different sources is left alone: it
    /// may be one syndicated report of an event the grouping split.
    pub fn mark_recurring_lines(&mut self, stories: &[group::Story]) {
        let lines = self.line_stories(stories);
        for story in stories {
            for &a in &story.articles {
                for (s, terms) in self.terms[a].terms.iter().enumerate() {
                    let Some(seen) = line_key(terms).and_then(|key| lines.get(&key)) else {
                        continue;
                    };
                    let short =
                        || self.sentences[a][s].text.split_whitespace().count() <= SHORT_LINE_WORDS;
                    let recurring = usize::from(seen.stories) >= RECURRING_STORIES
                        || (seen.stories >= 2 && (seen.same_source || short()));
                    if recurring {
                        self.standing[a][s] = Standing::Boilerplate;
                    }
                }
            }
        }
    }

    /// For each line (by [`line_key`]), where it was seen across the stories.
    fn line_stories(&self, stories: &[group::Story]) -> FxHashMap<u64, LineSeen> {
        let mut seen: FxHashMap<u64, LineSeen> = FxHashMap::default();
        for (story_index, story) in stories.iter().enumerate() {
            let story_index = story_index as u32;
            for &a in &story.articles {
                let source = source_key(&self.articles[a].source);
                for key in self.terms[a].terms.iter().filter_map(|t| line_key(t)) {
                    let entry = seen.entry(key).or_insert(LineSeen {
                        last_story: story_index,
                        stories: 1,
                        first_source: source,
                        same_source: false,
                    });
                    if entry.last_story != story_index {
                        entry.last_story = story_index;
                        entry.stories = entry.stories.saturating_add(1);
                        entry.same_source |= entry.first_source == source;
                    }
                }
            }
        }
        seen
    }

    /// The grouping stage over these articles.
    pub fn stories(&self, options: &group::GroupOptions) -> Vec<group::Story> {
        group::stories_from(&self.article_terms(), options)
    }

    fn article_terms(&self) -> Vec<ArticleTerms<'_>> {
        self.articles
            .iter()
            .zip(&self.terms)
            .zip(&self.site_repeated)
            .map(|((article, f), ignored)| ArticleTerms {
                title: &f.title_terms,
                body: &f.terms,
                ignored,
                published: article.published.map(|p| p.timestamp()),
            })
            .collect()
    }

    /// The facts stage for each story, stories in parallel.
    pub fn facts(&self, stories: &[group::Story]) -> Vec<Vec<Fact>> {
        stories
            .par_iter()
            .map(|story| facts::facts_of(&self.views(&story.articles), &self.rarity))
            .collect()
    }

    /// The figures stage for each story, stories in parallel.
    pub fn discrepancies(&self, stories: &[group::Story]) -> Vec<Vec<FoundDiscrepancy>> {
        stories
            .par_iter()
            .map(|story| found_discrepancies(&story.articles, self))
            .collect()
    }

    /// Each article's sentences as shared text, dropping every other feature first so
    /// that the word-level view and the shared sentences are never held together.
    pub(super) fn into_shared_sentences(self) -> Vec<Vec<Arc<str>>> {
        let RunFeatures {
            sentences,
            terms,
            quantities,
            rarity,
            standing,
            site_repeated,
            ..
        } = self;
        // Millions of small allocations: freed on every core.
        rayon::join(
            || terms.into_par_iter().for_each(drop),
            || quantities.into_par_iter().for_each(drop),
        );
        drop(rarity);
        drop(standing);
        drop(site_repeated);
        sentences
            .into_par_iter()
            .map(|sentences| sentences.into_iter().map(|s| s.text).collect())
            .collect()
    }

    /// The sentences of a story's articles as the facts stage sees them: those that
    /// may state a fact.
    fn views(&self, members: &[usize]) -> Vec<SentenceView<'_>> {
        members
            .iter()
            .flat_map(|&a| {
                let terms = &self.terms[a];
                self.sentences[a]
                    .iter()
                    .enumerate()
                    .filter(move |&(s, _)| self.standing[a][s].is_fact())
                    .map(move |(s, sentence)| SentenceView {
                        article: a,
                        sentence: s,
                        text: &sentence.text,
                        terms: &terms.terms[s],
                        // Days are compared by the figures stage only: the facts
                        // stage weighs amounts.
                        quantities: without_days(&self.quantities[a][s]),
                    })
            })
            .collect()
    }

    /// The sorted, distinct content terms of a sentence, as corroboration compares them.
    pub(super) fn sorted_keys(&self, at: Mention) -> Vec<Key> {
        super::corroboration::distinct_keys(&self.terms[at.article].terms[at.sentence])
    }

    /// The distinct concepts ([`crate::summary`]) of an article's sentences that may
    /// state a fact, ascending.
    pub(super) fn article_concepts(&self, article: usize) -> Vec<Concept> {
        let mut concepts: Vec<Concept> = self.terms[article]
            .terms
            .iter()
            .zip(&self.standing[article])
            .filter(|(_, standing)| standing.is_fact())
            .flat_map(|(terms, _)| concepts_of(terms))
            .collect();
        concepts.sort_unstable();
        concepts.dedup();
        concepts
    }

    pub(super) fn sentence_text(&self, article: usize, sentence: usize) -> &str {
        &self.sentences[article][sentence].text
    }
}

/// Each sentence's standing by its own words ([`Standing::of`]).
fn standings_of(sentences: &[Vec<Sentence>]) -> Vec<Vec<Standing>> {
    sentences
        .par_iter()
        .map(|sentences| sentences.iter().map(|s| Standing::of(&s.text)).collect())
        .collect()
}

/// Articles of one site that must repeat a line verbatim for grouping to leave it out.
const SITE_REPEATS: usize = 2;

/// For each article's sentences, whether its site ([`source_key`]) says the same line
/// (by [`line_key`]) in another article. What one site repeats word for word across its
/// articles is its own furniture (a sidebar, a sign-off, an appeal for tips) and says
/// nothing about whether two reports tell one event; three local stations of one
/// network carrying one travel sidebar under three different shootings were one story
/// by it. Two reports of one event still share their own words: names, places, figures.
fn site_repeated_lines(articles: &[Article], terms: &[ArticleTermsView]) -> Vec<Vec<bool>> {
    let keys: Vec<(u64, Vec<Option<u64>>)> = articles
        .par_iter()
        .zip(terms)
        .map(|(article, terms)| {
            let lines = terms.terms.iter().map(|t| line_key(t)).collect();
            (source_key(&article.source), lines)
        })
        .collect();
    let mut counts: FxHashMap<(u64, u64), u32> = FxHashMap::default();
    for (site, lines) in &keys {
        let mut seen: Vec<u64> = lines.iter().flatten().copied().collect();
        seen.sort_unstable();
        seen.dedup();
        for line in seen {
            *counts.entry((*site, line)).or_default() += 1;
        }
    }
    keys.par_iter()
        .map(|(site, lines)| {
            lines
                .iter()
                .map(|line| {
                    line.is_some_and(|line| {
                        counts
                            .get(&(*site, line))
                            .is_some_and(|&n| n as usize >= SITE_REPEATS)
                    })
                })
                .collect()
        })
        .collect()
}

/// A source's name as a number, to compare without holding the names. A name that is
/// a host name counts by its site ([`site_of`]): the stations of one network carry the
/// same sidebar.
fn source_key(source: &str) -> u64 {
    let mut hasher = FxHasher::default();
    site_of(source).hash(&mut hasher);
    hasher.finish()
}

/// The site of a host name ("dfw.cbslocal.com" and "chicago.cbslocal.com" are
/// "cbslocal.com"; "news.bbc.co.uk" is "bbc.co.uk"); any other name as it is.
fn site_of(source: &str) -> &str {
    let is_host = source.contains('.')
        && !source.contains(char::is_whitespace)
        && source
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    if !is_host {
        return source;
    }
    let labels: Vec<&str> = source.rsplit('.').collect();
    // "co.uk", "com.au": a short second level under a country code takes one more.
    let keep = if labels.len() > 2 && labels[0].len() == 2 && labels[1].len() <= 3 {
        3
    } else {
        2
    };
    if labels.len() <= keep {
        return source;
    }
    let cut: usize = labels[..keep].iter().map(|l| l.len() + 1).sum::<usize>() - 1;
    &source[source.len() - cut..]
}

/// A line's identity by its terms (so case, punctuation and spacing do not matter);
/// none for a line without terms.
fn line_key(terms: &[Term]) -> Option<u64> {
    if terms.is_empty() {
        return None;
    }
    let mut hasher = FxHasher::default();
    for term in terms {
        term.key.index().hash(&mut hasher);
    }
    Some(hasher.finish())
}

/// How many articles' sentences one part of the term rarity count holds: a few parts a
/// core, so that a slow part does not hold up the rest, and few in all, since each
/// holds a count for every term of the run.
fn rarity_part(articles: usize) -> usize {
    articles.div_ceil(4 * rayon::current_num_threads()).max(1)
}

/// Only the grouping, exactly as [`summarize`] runs it: for the quality command.
pub fn stories_of(articles: &[Article], options: &group::GroupOptions) -> Vec<group::Story> {
    RunFeatures::new(articles).stories(options)
}

/// What grouping computes once for these articles, for the quality command, which
/// fits the event model on groups of labelled articles and groups them as the
/// pipeline does.
pub fn grouping_input_of(
    articles: &[Article],
    options: &group::GroupOptions,
) -> group::GroupingInput {
    let run = RunFeatures::new(articles);
    group::GroupingInput::new(&run.article_terms(), options)
}

#[cfg(test)]
mod site_tests {
    //! Which lines grouping leaves out: those a site repeats across its articles.
    use super::{sentences_of, site_of, site_repeated_lines, terms_of_articles};
    use crate::ingest::Article;

    #[test]
    fn host_names_count_by_their_site() {
        assert_eq!(site_of("dfw.cbslocal.com"), "cbslocal.com");
        assert_eq!(site_of("cbslocal.com"), "cbslocal.com");
        assert_eq!(site_of("news.bbc.co.uk"), "bbc.co.uk");
        assert_eq!(site_of("www.abc.net.au"), "abc.net.au");
        assert_eq!(site_of("Reuters"), "Reuters");
        assert_eq!(site_of("The A.V. Club"), "The A.V. Club");
    }

    /// A sidebar that one network's stations carry under different reports is left
    /// out of grouping; the reports' own lines, and a line said once by a site, are not.
    #[test]
    fn lines_a_site_repeats_across_its_articles_are_left_out_of_grouping() {
        let article = |source: &str, text: &str| Article {
            id: source.to_string(),
            title: None,
            text: text.to_string(),
            source: source.to_string(),
            url: None,
            published: None,
        };
        let sidebar =
            "Five Must-See Destinations In Paris are waiting for every visitor this year.";
        let articles = [
            article(
                "dfw.cbslocal.com",
                &format!("Four people were hurt by a man with a shotgun in Fort Worth. {sidebar}"),
            ),
            article(
                "chicago.cbslocal.com",
                &format!("Two men were charged in a triple homicide in Chicago. {sidebar}"),
            ),
            article(
                "Reuters",
                &format!("Two men were charged in a triple homicide in Chicago. {sidebar}"),
            ),
        ];
        let sentences = sentences_of(&articles);
        let terms = terms_of_articles(&articles, &sentences);
        let repeated = site_repeated_lines(&articles, &terms);
        assert_eq!(repeated[0], vec![false, true]);
        assert_eq!(repeated[1], vec![false, true]);
        assert_eq!(repeated[2], vec![false, false], "Reuters says it once");
    }
}
