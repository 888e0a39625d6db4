//! The [`Digest`]: the one value that renderers (and the store) receive, and
//! [`summarize`], the pure core that runs the stages from articles to a digest.
//!
//! Stage outputs refer to articles and sentences by index; the digest resolves them into
//! self-contained entries (ids, sources, sentence text) so a renderer never reaches back
//! into a stage. Entries share what they name instead of copying it: an article is one
//! `Arc<ArticleEntry>` however many mentions and figures point at it, and a sentence is
//! one `Arc<str>` shared by its mention, the fact it stands for and any figure read from
//! it. A large morning has millions of mentions, so a digest that copied an id, source,
//! address and sentence into each would be several times the size of its input; shared,
//! it holds each sentence once. The sentences are made shared only after the stages'
//! word-level features are dropped (see `assembled`), so the two are never in memory
//! together. It does no I/O.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate};
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use serde::Serialize;

use crate::extract::{Quantity, quantities_in, without_days};
use crate::facts::{self, Fact, Mention, SentenceView, TermRarity};
use crate::figures::{self, Figure};
use crate::group::{self, ArticleTerms};
use crate::ingest::Article;
use crate::options::Options;
use crate::rank::{self, FactStanding, StoryStanding};
use crate::text::terms::{Key, Term, terms_of};
use crate::text::{Sentence, layout_of};

/// A whole briefing.
#[derive(Debug, Clone)]
pub struct Digest {
    pub title: String,
    pub date: NaiveDate,
    pub totals: Totals,
    /// Every article read, in input order.
    pub articles: Vec<Arc<ArticleEntry>>,
    pub stories: Vec<StoryEntry>,
    /// How many earlier digests the facts were compared with (by the store stage); 0
    /// means every fact is new because nothing was compared.
    pub earlier_digests: usize,
}

/// The counts in the briefing's opening line.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Totals {
    pub articles: usize,
    pub sources: usize,
    pub stories: usize,
    pub discrepancies: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArticleEntry {
    pub id: String,
    pub title: Option<String>,
    pub source: String,
    /// Only http(s) URLs are kept as links.
    pub url: Option<String>,
    pub published: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Clone)]
pub struct StoryEntry {
    pub id: String,
    pub headline: String,
    /// The story's articles, in the order the group stage gave them.
    pub articles: Vec<Arc<ArticleEntry>>,
    pub sources: Vec<String>,
    /// Every fact of the story in reading order: corroborated ones first.
    pub facts: Vec<FactEntry>,
    pub discrepancies: Vec<DiscrepancyEntry>,
    /// Some facts were reported by an earlier digest and some are new.
    pub developing: bool,
}

impl StoryEntry {
    pub fn corroborated(&self) -> impl Iterator<Item = &FactEntry> {
        self.facts.iter().filter(|f| f.is_corroborated())
    }
}

#[derive(Debug, Clone)]
pub struct FactEntry {
    pub id: String,
    /// The sentence that stands for the fact (shared with the mention it comes from).
    pub text: Arc<str>,
    pub mentions: Vec<MentionEntry>,
    /// False when an earlier digest already reported it.
    pub new: bool,
    /// The date of the first digest that reported it, when one did.
    pub first_reported: Option<NaiveDate>,
}

impl FactEntry {
    /// The sources that state it, each once, in the order of its mentions.
    pub fn sources(&self) -> Vec<&str> {
        distinct(self.mentions.iter().map(|m| m.article.source.as_str()))
    }

    /// More than one source states it.
    pub fn is_corroborated(&self) -> bool {
        let mut sources = self.mentions.iter().map(|m| m.article.source.as_str());
        let first = sources.next();
        sources.any(|s| Some(s) != first)
    }
}

/// One article's sentence that states a fact.
#[derive(Debug, Clone)]
pub struct MentionEntry {
    pub article: Arc<ArticleEntry>,
    pub sentence: Arc<str>,
}

#[derive(Debug, Clone)]
pub struct DiscrepancyEntry {
    pub id: String,
    pub measure: String,
    pub values: Vec<ValueEntry>,
    /// The differing sentences name different days: the values may be of different
    /// events (shown to readers; not part of the JSON contract).
    pub may_be_different_events: bool,
}

#[derive(Debug, Clone)]
pub struct ValueEntry {
    pub value: f64,
    pub qualifier: Option<&'static str>,
    pub text: String,
    pub article: Arc<ArticleEntry>,
    /// The whole sentence the figure was read from.
    pub sentence: Arc<str>,
    /// Byte span of `text` inside `sentence`.
    pub start: usize,
    pub end: usize,
}

/// How long each stage of [`summarize_timed`] took, in wall time.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StageTimes {
    /// Blocks and sentences.
    pub text: Duration,
    /// The word-level view of every sentence and title, and term rarity.
    pub terms: Duration,
    /// Quantities.
    pub extract: Duration,
    pub group: Duration,
    pub facts: Duration,
    pub figures: Duration,
    /// Fact and discrepancy entries, headlines, reading order.
    pub assemble: Duration,
}

impl StageTimes {
    /// The stages in pipeline order, named as in the crate docs.
    pub fn stages(&self) -> [(&'static str, Duration); 7] {
        [
            ("text", self.text),
            ("terms", self.terms),
            ("extract", self.extract),
            ("group", self.group),
            ("facts", self.facts),
            ("figures", self.figures),
            ("assemble", self.assemble),
        ]
    }
}

/// The word-level view of one article, computed once.
pub struct ArticleTermsView {
    terms: Vec<Vec<Term>>,
    title_terms: Vec<Term>,
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
    articles: &'a [Article],
    sentences: Vec<Vec<Sentence>>,
    terms: Vec<ArticleTermsView>,
    quantities: Vec<Vec<Vec<Quantity>>>,
    rarity: TermRarity,
}

impl<'a> RunFeatures<'a> {
    /// Reads every article once.
    pub fn new(articles: &'a [Article]) -> RunFeatures<'a> {
        Self::timed(articles, &mut StageTimes::default())
    }

    fn timed(articles: &'a [Article], times: &mut StageTimes) -> RunFeatures<'a> {
        let sentences = timed(&mut times.text, || sentences_of(articles));
        Self::with_sentences(articles, sentences, times)
    }

    /// The features of articles already split into sentences: no stage reads an
    /// article's text again.
    fn with_sentences(
        articles: &'a [Article],
        sentences: Vec<Vec<Sentence>>,
        times: &mut StageTimes,
    ) -> RunFeatures<'a> {
        let (terms, rarity) = timed(&mut times.terms, || {
            let terms = terms_of_articles(articles, &sentences);
            let rarity = TermRarity::from_parts(
                terms
                    .par_chunks(rarity_part(terms.len()))
                    .map(|part| part.iter().flat_map(|f| f.terms.iter().map(Vec::as_slice))),
            );
            (terms, rarity)
        });
        let quantities = timed(&mut times.extract, || quantities_of_articles(&sentences));
        RunFeatures {
            articles,
            sentences,
            terms,
            quantities,
            rarity,
        }
    }

    /// The grouping stage over these articles.
    pub fn stories(&self, options: &group::GroupOptions) -> Vec<group::Story> {
        group::stories_from(&self.article_terms(), options)
    }

    fn article_terms(&self) -> Vec<ArticleTerms<'_>> {
        self.articles
            .iter()
            .zip(&self.terms)
            .map(|(article, f)| ArticleTerms {
                title: &f.title_terms,
                body: &f.terms,
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
    fn into_shared_sentences(self) -> Vec<Vec<Arc<str>>> {
        let RunFeatures {
            sentences,
            terms,
            quantities,
            rarity,
            ..
        } = self;
        // Millions of small allocations: freed on every core.
        rayon::join(
            || terms.into_par_iter().for_each(drop),
            || quantities.into_par_iter().for_each(drop),
        );
        drop(rarity);
        sentences
            .into_par_iter()
            .map(|sentences| sentences.into_iter().map(|s| s.text).collect())
            .collect()
    }

    /// The sentences of a story's articles as the facts stage sees them.
    fn views(&self, members: &[usize]) -> Vec<SentenceView<'_>> {
        members
            .iter()
            .flat_map(|&a| {
                let terms = &self.terms[a];
                self.sentences[a]
                    .iter()
                    .enumerate()
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

    fn sentence_text(&self, article: usize, sentence: usize) -> &str {
        &self.sentences[article][sentence].text
    }
}

/// How many articles' sentences one part of the term rarity count holds: a few parts a
/// core, so that a slow part does not hold up the rest, and few in all, since each
/// holds a count for every term of the run.
fn rarity_part(articles: usize) -> usize {
    articles.div_ceil(4 * rayon::current_num_threads()).max(1)
}

fn timed<T>(total: &mut Duration, work: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = work();
    *total += start.elapsed();
    out
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

/// Runs the pipeline over a day's articles.
pub fn summarize(articles: &[Article], options: &Options) -> Digest {
    summarize_timed(articles, options).0
}

/// [`summarize`], with how long each stage took.
pub fn summarize_timed(articles: &[Article], options: &Options) -> (Digest, StageTimes) {
    let mut times = StageTimes::default();
    let run = RunFeatures::timed(articles, &mut times);
    let digest = digest_of(run, options, &mut times);
    (digest, times)
}

/// [`summarize_timed`] for a caller done with the articles: each article's text is
/// freed once it is split into sentences, which hold every word the later stages read,
/// so a large morning's input is not held twice.
pub fn summarize_timed_taking(
    mut articles: Vec<Article>,
    options: &Options,
) -> (Digest, StageTimes) {
    let mut times = StageTimes::default();
    let sentences = timed(&mut times.text, || {
        let sentences = sentences_of(&articles);
        articles
            .par_iter_mut()
            .for_each(|article| article.text = String::new());
        sentences
    });
    let run = RunFeatures::with_sentences(&articles, sentences, &mut times);
    let digest = digest_of(run, options, &mut times);
    // Hundreds of thousands of small strings: freed on every core.
    articles.into_par_iter().for_each(drop);
    (digest, times)
}

/// The stages from the run's features on.
fn digest_of(run: RunFeatures, options: &Options, times: &mut StageTimes) -> Digest {
    let stories = timed(&mut times.group, || run.stories(&options.group));
    let facts = timed(&mut times.facts, || run.facts(&stories));
    let discrepancies = timed(&mut times.figures, || run.discrepancies(&stories));
    timed(&mut times.assemble, || {
        assembled(run, &stories, facts, discrepancies, options)
    })
}

/// The digest from each stage's output: entries, headlines and reading order.
///
/// In two steps: first every story is drafted (order, ids, headline) with sentences
/// still named by index, which needs the run's features; then the features are dropped,
/// the sentences made shared, and the drafts resolved into entries.
fn assembled(
    run: RunFeatures,
    stories: &[group::Story],
    facts: Vec<Vec<Fact>>,
    discrepancies: Vec<Vec<FoundDiscrepancy>>,
    options: &Options,
) -> Digest {
    let articles = run.articles;
    let drafted: Vec<(StoryDraft, StoryStanding)> = stories
        .par_iter()
        .zip(facts)
        .zip(discrepancies)
        .map(|((story, facts), discrepancies)| {
            story_draft(&story.articles, facts, discrepancies, &run)
        })
        .collect();
    let standings: Vec<StoryStanding> = drafted.iter().map(|(_, s)| *s).collect();
    let mut slots: Vec<Option<StoryDraft>> = drafted.into_iter().map(|(d, _)| Some(d)).collect();
    let drafts: Vec<StoryDraft> = rank::story_order(&standings)
        .into_iter()
        .filter_map(|i| slots[i].take())
        .collect();
    let entries: Vec<Arc<ArticleEntry>> = articles
        .par_iter()
        .map(|a| Arc::new(article_entry(a)))
        .collect();
    let sentences = run.into_shared_sentences();
    let stories: Vec<StoryEntry> = drafts
        .into_par_iter()
        .map(|draft| draft.resolved(&entries, &sentences))
        .collect();
    // Millions of sentences no entry names are freed here: on every core.
    sentences.into_par_iter().for_each(drop);
    let sources: BTreeSet<&str> = articles.iter().map(|a| a.source.as_str()).collect();
    Digest {
        title: options.title.clone(),
        date: options.date,
        totals: Totals {
            articles: articles.len(),
            sources: sources.len(),
            stories: stories.len(),
            discrepancies: stories.iter().map(|s| s.discrepancies.len()).sum(),
        },
        articles: entries,
        stories,
        earlier_digests: 0,
    }
}

fn article_entry(article: &Article) -> ArticleEntry {
    ArticleEntry {
        id: article.id.clone(),
        title: article.title.clone(),
        source: article.source.clone(),
        url: safe_link(article.url.as_deref()),
        published: article.published,
    }
}

/// Only absolute http(s) URLs without spaces or angle brackets become links.
pub fn safe_link(url: Option<&str>) -> Option<String> {
    let url = url?.trim();
    let lower = url.to_ascii_lowercase();
    let scheme_ok = lower.starts_with("http://") || lower.starts_with("https://");
    let clean = !url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\'' | '`'));
    (scheme_ok && clean && url.len() > 8).then(|| url.to_string())
}

/// A story in reading order, with its articles and sentences still named by index.
struct StoryDraft {
    id: String,
    headline: String,
    members: Vec<usize>,
    sources: Vec<String>,
    facts: Vec<FactDraft>,
    discrepancies: Vec<FoundDiscrepancy>,
}

struct FactDraft {
    id: String,
    representative: Mention,
    mentions: Vec<Mention>,
    /// How many sources state it.
    sources: usize,
}

/// A discrepancy as the figures stage found it, its values' sentences still named by
/// index (resolved with the rest of the story by `assembled`).
pub struct FoundDiscrepancy {
    id: String,
    measure: String,
    may_be_different_events: bool,
    values: Vec<FoundValue>,
}

struct FoundValue {
    value: f64,
    qualifier: Option<&'static str>,
    text: String,
    at: Mention,
    start: usize,
    end: usize,
}

impl StoryDraft {
    /// The entry, sharing the digest's articles and the run's sentences.
    fn resolved(self, articles: &[Arc<ArticleEntry>], sentences: &[Vec<Arc<str>>]) -> StoryEntry {
        let sentence = |m: Mention| Arc::clone(&sentences[m.article][m.sentence]);
        let facts = self
            .facts
            .into_iter()
            .map(|fact| FactEntry {
                id: fact.id,
                text: sentence(fact.representative),
                mentions: fact
                    .mentions
                    .into_iter()
                    .map(|m| MentionEntry {
                        article: Arc::clone(&articles[m.article]),
                        sentence: sentence(m),
                    })
                    .collect(),
                new: true,
                first_reported: None,
            })
            .collect();
        let discrepancies = self
            .discrepancies
            .into_iter()
            .map(|d| DiscrepancyEntry {
                id: d.id,
                measure: d.measure,
                may_be_different_events: d.may_be_different_events,
                values: d
                    .values
                    .into_iter()
                    .map(|v| ValueEntry {
                        value: v.value,
                        qualifier: v.qualifier,
                        text: v.text,
                        article: Arc::clone(&articles[v.at.article]),
                        sentence: sentence(v.at),
                        start: v.start,
                        end: v.end,
                    })
                    .collect(),
            })
            .collect();
        StoryEntry {
            id: self.id,
            headline: self.headline,
            articles: self
                .members
                .iter()
                .map(|&a| Arc::clone(&articles[a]))
                .collect(),
            sources: self.sources,
            facts,
            discrepancies,
            developing: false,
        }
    }
}

fn story_draft(
    members: &[usize],
    facts: Vec<Fact>,
    discrepancies: Vec<FoundDiscrepancy>,
    run: &RunFeatures,
) -> (StoryDraft, StoryStanding) {
    let articles = run.articles;
    let facts = ordered_fact_drafts(facts, members, run);
    let sources = distinct(members.iter().map(|&a| articles[a].source.as_str()));
    let corroborated: Vec<bool> = facts.iter().map(|f| f.sources > 1).collect();
    let fact_sentences = facts
        .iter()
        .zip(&corroborated)
        .map(|(f, &corroborated)| (f.representative, corroborated));
    let headline = headline_of(members, run, fact_sentences);
    let ids: Vec<&str> = members.iter().map(|&a| articles[a].id.as_str()).collect();
    let standing = StoryStanding {
        sources: sources.len(),
        corroborated_facts: corroborated.iter().filter(|&&c| c).count(),
        latest: members
            .iter()
            .filter_map(|&a| articles[a].published.map(|p| p.timestamp()))
            .max(),
        first_article: members[0],
    };
    let draft = StoryDraft {
        id: format!("s-{}", short_hash(&ids.join("\n"))),
        headline,
        members: members.to_vec(),
        sources: sources.into_iter().map(str::to_string).collect(),
        facts,
        discrepancies,
    };
    (draft, standing)
}

/// The items, each once, in first-seen order.
fn distinct<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = Vec::<&str>::new();
    for item in items {
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
}

fn source_count(mentions: &[Mention], articles: &[Article]) -> usize {
    distinct(mentions.iter().map(|m| articles[m.article].source.as_str())).len()
}

/// The story's facts in reading order, each with its id.
fn ordered_fact_drafts(facts: Vec<Fact>, members: &[usize], run: &RunFeatures) -> Vec<FactDraft> {
    let articles = run.articles;
    let in_story: FxHashSet<usize> = members.iter().copied().collect();
    let standings: Vec<FactStanding> = facts
        .iter()
        .map(|fact| {
            let rep = fact.representative;
            FactStanding {
                sources: source_count(&fact.mentions, articles),
                completeness: completeness_of(run, &in_story, rep),
                first_mention: fact
                    .mentions
                    .first()
                    .map_or((0, 0), |m| (m.article, m.sentence)),
            }
        })
        .collect();
    let mut slots: Vec<Option<Fact>> = facts.into_iter().map(Some).collect();
    rank::fact_order(&standings)
        .into_iter()
        .filter_map(|i| Some((slots[i].take()?, standings[i].sources)))
        .map(|(fact, sources)| {
            let rep = fact.representative;
            let text = run.sentence_text(rep.article, rep.sentence);
            FactDraft {
                id: format!("f-{}", normalized_hash(text)),
                representative: rep,
                mentions: fact.mentions,
                sources,
            }
        })
        .collect()
}

/// [`facts::completeness`] of a story's sentence, 0 outside the story (as a lookup
/// among the story's sentence views would give). The view is made for the one sentence
/// asked about, since a story has far more sentences than facts.
fn completeness_of(run: &RunFeatures, in_story: &FxHashSet<usize>, at: Mention) -> i64 {
    if !in_story.contains(&at.article) {
        return 0;
    }
    let Some(sentence) = run.sentences[at.article].get(at.sentence) else {
        return 0;
    };
    facts::completeness(&SentenceView {
        article: at.article,
        sentence: at.sentence,
        text: &sentence.text,
        terms: &run.terms[at.article].terms[at.sentence],
        quantities: without_days(&run.quantities[at.article][at.sentence]),
    })
}

fn found_discrepancies(members: &[usize], run: &RunFeatures) -> Vec<FoundDiscrepancy> {
    let articles = run.articles;
    let figures: Vec<Figure> = members
        .iter()
        .flat_map(|&a| {
            run.quantities[a]
                .iter()
                .enumerate()
                .flat_map(move |(s, qs)| {
                    qs.iter().map(move |q| Figure {
                        article: a,
                        sentence: s,
                        quantity: q,
                        context: &run.terms[a].terms[s],
                        sentence_text: run.sentence_text(a, s),
                    })
                })
        })
        .collect();
    figures::discrepancies_in(&figures)
        .into_iter()
        .map(|d| {
            let values: Vec<FoundValue> = d
                .values
                .iter()
                .map(|&i| {
                    let figure = &figures[i];
                    let q = figure.quantity;
                    FoundValue {
                        value: q.value,
                        qualifier: q.qualifier.map(|x| x.phrase()),
                        text: q.text.clone(),
                        at: Mention {
                            article: figure.article,
                            sentence: figure.sentence,
                        },
                        start: q.start,
                        end: q.end,
                    }
                })
                .collect();
            let key: Vec<String> = values
                .iter()
                .map(|v| format!("{}:{}", articles[v.at.article].id, v.text))
                .collect();
            FoundDiscrepancy {
                id: format!(
                    "d-{}",
                    short_hash(&format!("{}\n{}", d.measure, key.join("\n")))
                ),
                measure: d.measure,
                may_be_different_events: d.may_be_different_events,
                values,
            }
        })
        .collect()
}

/// Headline length beyond which a fact used as a headline is cut at a word.
const HEADLINE_MAX_CHARS: usize = 140;

/// The title that shares most with the story's corroborated facts, or else the first
/// fact's sentence. `facts` are the facts' representative sentences in reading order,
/// each with whether it is corroborated. Titles and sentences are compared by the terms
/// the run already read from them (what `terms_of` gives), not read again.
fn headline_of(
    members: &[usize],
    run: &RunFeatures,
    facts: impl Iterator<Item = (Mention, bool)> + Clone,
) -> String {
    let articles = run.articles;
    let fact_terms: FxHashSet<Key> = facts
        .clone()
        .filter(|(_, corroborated)| *corroborated)
        .flat_map(|(m, _)| run.terms[m.article].terms[m.sentence].iter().map(|t| t.key))
        .collect();
    let best_title = members
        .iter()
        .filter_map(|&a| {
            let title = articles[a].title.as_deref()?;
            Some((title, &run.terms[a].title_terms))
        })
        .enumerate()
        .max_by_key(|(i, (_, terms))| {
            let shared = terms
                .iter()
                .filter(|t| fact_terms.contains(&{ t.key }))
                .count();
            (shared, std::cmp::Reverse(*i))
        })
        .map(|(_, (title, _))| title.to_string());
    let mut facts = facts;
    best_title
        .or_else(|| {
            facts
                .next()
                .map(|(m, _)| shorten(run.sentence_text(m.article, m.sentence), HEADLINE_MAX_CHARS))
        })
        .unwrap_or_else(|| "Untitled story".to_string())
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':']))
}

/// The text lower-cased, with only letters, digits and single spaces between words.
#[cfg(test)]
fn normalized(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    each_normalized_char(text, |c| out.push(c));
    out
}

/// [`short_hash`] of the text [`normalized`], without making the normalized text: a
/// fact id is made for each of a large morning's hundreds of thousands of facts.
fn normalized_hash(text: &str) -> String {
    let mut hash = Fnv::new();
    each_normalized_char(text, |c| {
        if c.is_ascii() {
            hash.write_byte(c as u8);
        } else {
            hash.write(c.encode_utf8(&mut [0; 4]).as_bytes());
        }
    });
    hash.hex()
}

/// Calls `emit` with each character of the normalized text in turn. ASCII (most text)
/// is read byte by byte: an ASCII letter or digit lower-cases to one character, and tab
/// to carriage return and the space are its only whitespace.
fn each_normalized_char(text: &str, mut emit: impl FnMut(char)) {
    let bytes = text.as_bytes();
    let mut started = false;
    let mut space = false;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii() {
            at += 1;
            if byte.is_ascii_alphanumeric() {
                if space {
                    emit(' ');
                    space = false;
                }
                emit(char::from(byte.to_ascii_lowercase()));
                started = true;
            } else if matches!(byte, b'\t'..=b'\r' | b' ') {
                space = started;
            }
            continue;
        }
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        at += c.len_utf8();
        if c.is_whitespace() {
            space = started;
        } else if c.is_alphanumeric() {
            if space {
                emit(' ');
                space = false;
            }
            c.to_lowercase().for_each(&mut emit);
            started = true;
        }
    }
}

/// A stable 32-bit FNV-1a hash in hex: ids must not change between runs or Rust
/// releases, since other tools and the store refer to them.
pub fn short_hash(text: &str) -> String {
    let mut hash = Fnv::new();
    hash.write(text.as_bytes());
    hash.hex()
}

/// The 32-bit FNV-1a hash of the bytes written to it.
struct Fnv(u32);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0x811c_9dc5)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_byte(byte);
        }
    }

    fn write_byte(&mut self, byte: u8) {
        self.0 ^= u32::from(byte);
        self.0 = self.0.wrapping_mul(0x0100_0193);
    }

    /// Eight lower-case hex digits, as `{:08x}` writes them, without the formatter: a
    /// large morning makes hundreds of thousands of ids.
    fn hex(&self) -> String {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        (0..8)
            .rev()
            .map(|k| char::from(DIGITS[(self.0 >> (4 * k)) as usize & 0xF]))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Freeing the articles' text as the stages go must not change the digest: checked
    /// on the bundled sample reports, which repeat facts and differ in figures.
    #[test]
    fn a_run_that_takes_the_articles_gives_the_same_digest() {
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let articles = crate::ingest::read_paths(&[samples], &Default::default()).articles;
        assert!(articles.len() >= 3, "the sample reports");
        let options = Options::for_date(chrono::NaiveDate::from_ymd_opt(2025, 12, 8).unwrap());
        let borrowed = summarize(&articles, &options);
        let (taken, _) = summarize_timed_taking(articles, &options);
        assert!(borrowed.totals.discrepancies > 0);
        assert_eq!(format!("{borrowed:?}"), format!("{taken:?}"));
    }

    #[test]
    fn only_http_links_survive() {
        assert_eq!(
            safe_link(Some("https://example.com/a")).as_deref(),
            Some("https://example.com/a")
        );
        assert_eq!(safe_link(Some("javascript:alert(1)")), None);
        assert_eq!(safe_link(Some("data:text/html,<b>x</b>")), None);
        assert_eq!(safe_link(Some("https://example.com/\"onmouseover=x")), None);
    }

    #[test]
    fn normalized_text_keeps_words_and_single_spaces() {
        assert_eq!(
            normalized("  Three  days, of\n\"talks\" — ended. "),
            "three days of talks ended"
        );
        assert_eq!(normalized("U.S. 2.5%"), "us 25");
        assert_eq!(normalized(""), "");
    }

    /// The normalization as first written, character by character, without the
    /// byte-wise reading of ASCII.
    fn normalized_by_chars(text: &str) -> String {
        let mut out = String::new();
        let mut started = false;
        let mut space = false;
        for c in text.chars() {
            if c.is_whitespace() {
                space = started;
            } else if c.is_alphanumeric() {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.extend(c.to_lowercase());
                started = true;
            }
        }
        out
    }

    #[test]
    fn reading_ascii_by_bytes_normalizes_as_reading_characters() {
        let mut texts: Vec<String> = [
            "",
            " \t\n\u{b}\u{c}\r x \u{1c}\u{1f}\u{85}y\u{a0}z\u{2003}",
            "  Three  days, of\n\"talks\" — ended. ",
            "U.S. 2.5% İstanbul ÉTÉ Straße ΣΑΣ ǅ Ⅻ ½ ٣",
            "\u{7f}\u{80}~!@#$%^&*()_+{}|:<>?`-=[]\\;',./",
        ]
        .map(str::to_string)
        .to_vec();
        texts.push((0u8..128).map(char::from).collect());
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        for entry in std::fs::read_dir(samples).unwrap().flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                texts.extend(text.lines().map(str::to_string));
            }
        }
        for text in &texts {
            assert_eq!(normalized(text), normalized_by_chars(text), "{text:?}");
        }
    }

    #[test]
    fn hashes_are_written_as_eight_hex_digits() {
        for value in [0, 1, 0xa, 0xff, 0x1234_abcd, 0x811c_9dc5, u32::MAX] {
            assert_eq!(Fnv(value).hex(), format!("{value:08x}"));
        }
    }

    #[test]
    fn a_normalized_hash_is_the_hash_of_the_normalized_text() {
        for text in [
            "",
            "  Three  days, of\n\"talks\" — ended. ",
            "U.S. 2.5% İstanbul ÉTÉ Straße ΣΑΣ",
            "\u{b}tab\u{c}feed\u{a0}nbsp ",
        ] {
            assert_eq!(
                normalized_hash(text),
                short_hash(&normalized(text)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn hashes_are_stable() {
        assert_eq!(short_hash(""), "811c9dc5");
        assert_eq!(short_hash("a"), "e40c292c");
    }

    #[test]
    fn long_fact_headlines_are_cut_at_a_word() {
        let text = "word ".repeat(50);
        let cut = shorten(&text, 20);
        assert!(cut.ends_with('…'));
        assert!(cut.chars().count() <= 21);
    }
}
