//! Assembly, the run's last stage: each stage's output (stories as article indices,
//! facts and figures as sentence indices) into the [`Digest`]'s entries, in reading
//! order ([`rank`]), each story with its headline and every fact, story and
//! discrepancy with its id ([`crate::ids`]), and a check that no id names two things.
//!
//! In two steps: first every story is drafted (order, ids, headline) with sentences
//! still named by index, which needs the run's features; then the features are dropped,
//! the sentences made shared, and the drafts resolved into entries, so that the
//! word-level view and the shared sentences are never in memory together.

use std::collections::BTreeSet;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::corroboration::{self, Said, Worded};
use super::history::mark_reported;
use super::run::{RunFeatures, Standing};
use super::{
    ArticleEntry, Digest, DiscrepancyEntry, FactEntry, MentionEntry, StoryEntry, Totals,
    ValueEntry, distinct,
};
use crate::extract::without_days;
use crate::facts::{self, Fact, Mention, SentenceView};
use crate::figures::{self, Figure};
use crate::group;
use crate::ids::{self, IdCollision};
use crate::ingest::Article;
use crate::options::Options;
use crate::rank::{self, FactStanding, StoryStanding};
use crate::summary::{self, Candidate, Concept, concepts_of};
use crate::text::terms::{Key, terms_of};

/// The digest from each stage's output: entries, headlines and reading order.
///
/// In two steps: first every story is drafted (order, ids, headline) with sentences
/// still named by index, which needs the run's features; then the features are dropped,
/// the sentences made shared, and the drafts resolved into entries.
pub(super) fn assembled(
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
            story_draft(&story.articles, facts, discrepancies, &run, options)
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
    let id_collisions = id_collisions(&stories);
    let digest = Digest {
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
        id_collisions,
    };
    mark_reported(digest, &options.history)
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
    /// Indices into `facts` of the summary, in reading order.
    summary: Vec<usize>,
    discrepancies: Vec<FoundDiscrepancy>,
}

struct FactDraft {
    id: String,
    representative: Mention,
    /// The clause of the representative's sentence shown instead of the whole, as a
    /// sentence ([`corroboration`]).
    clause: Option<String>,
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
                text: fact
                    .clause
                    .map_or_else(|| sentence(fact.representative), Arc::from),
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
            summary: self.summary,
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
    options: &Options,
) -> (StoryDraft, StoryStanding) {
    let articles = run.articles;
    let facts = ordered_fact_drafts(facts, members, run);
    let summary = summary_of_story(&facts, members, run, options);
    let sources = distinct(members.iter().map(|&a| articles[a].source.as_str()));
    let corroborated: Vec<bool> = facts.iter().map(|f| f.sources > 1).collect();
    let fact_sentences = facts
        .iter()
        .zip(&corroborated)
        .map(|(f, &corroborated)| (f.representative, corroborated));
    let headline = headline_of(members, run, fact_sentences);
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
        id: ids::story_id(members.iter().map(|&a| articles[a].id.as_str())),
        headline,
        members: members.to_vec(),
        sources: sources.into_iter().map(str::to_string).collect(),
        facts,
        summary,
        discrepancies,
    };
    (draft, standing)
}

fn source_count(mentions: &[Mention], articles: &[Article]) -> usize {
    distinct(mentions.iter().map(|m| articles[m.article].source.as_str())).len()
}

/// The story's facts in reading order, each with its id, each shown in wording that
/// every source cited for it states ([`corroboration`]).
fn ordered_fact_drafts(facts: Vec<Fact>, members: &[usize], run: &RunFeatures) -> Vec<FactDraft> {
    let articles = run.articles;
    let facts: Vec<Worded> = facts
        .into_iter()
        .flat_map(|fact| {
            // Most facts have one mention: nothing to check, and no terms to sort.
            if fact.mentions.len() < 2 {
                return vec![Worded { fact, clause: None }];
            }
            let said: Vec<Said> = fact
                .mentions
                .iter()
                .map(|&m| Said {
                    sentence: run.sentence_text(m.article, m.sentence),
                    keys: run.sorted_keys(m),
                })
                .collect();
            corroboration::honest_facts(fact, &said)
        })
        .collect();
    let in_story: FxHashSet<usize> = members.iter().copied().collect();
    let standings: Vec<FactStanding> = facts
        .iter()
        .map(|Worded { fact, .. }| {
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
    let mut slots: Vec<Option<Worded>> = facts.into_iter().map(Some).collect();
    rank::fact_order(&standings)
        .into_iter()
        .filter_map(|i| Some((slots[i].take()?, standings[i].sources)))
        .map(|(Worded { fact, clause }, sources)| {
            let rep = fact.representative;
            let sentence = run.sentence_text(rep.article, rep.sentence);
            let clause = clause.map(|range| corroboration::clause_as_sentence(sentence, range));
            FactDraft {
                id: ids::fact_id(clause.as_deref().unwrap_or(sentence)),
                representative: rep,
                clause,
                mentions: fact.mentions,
                sources,
            }
        })
        .collect()
}

/// The story's summary ([`summary`]): indices into `facts` of the new facts chosen
/// within the word budget, in reading order (when their articles were published, then
/// the articles' order in the story, then the sentences'). Facts an earlier digest
/// reported are not candidates, so the summary says what is new.
fn summary_of_story(
    facts: &[FactDraft],
    members: &[usize],
    run: &RunFeatures,
    options: &Options,
) -> Vec<usize> {
    let position: FxHashMap<usize, usize> =
        members.iter().enumerate().map(|(i, &a)| (a, i)).collect();
    let eligible: Vec<usize> = (0..facts.len())
        .filter(|&i| !options.history.reported(&facts[i].id))
        .collect();
    let candidates: Vec<Candidate> = eligible
        .iter()
        .map(|&i| {
            let at = facts[i].representative;
            let fact = &facts[i];
            // A clause is read as it is shown; a whole sentence as the run read it.
            let (concepts, words) = match &fact.clause {
                Some(clause) => (
                    concepts_of(&terms_of(clause)),
                    clause.split_whitespace().count(),
                ),
                None => (
                    concepts_of(&run.terms[at.article].terms[at.sentence]),
                    run.sentence_text(at.article, at.sentence)
                        .split_whitespace()
                        .count(),
                ),
            };
            Candidate {
                concepts,
                words,
                first_said: (position.get(&at.article).copied().unwrap_or(0), at.sentence),
                sources: fact.sources,
            }
        })
        .collect();
    let article_concepts = if members.len() > 1 {
        members.iter().map(|&a| run.article_concepts(a)).collect()
    } else {
        // One article: every concept weighs the same, and the candidates hold them all.
        let mut concepts: Vec<Concept> = candidates
            .iter()
            .flat_map(|c| c.concepts.iter().copied())
            .collect();
        concepts.sort_unstable();
        concepts.dedup();
        vec![concepts]
    };
    let mut chosen: Vec<usize> =
        summary::summary_of(&candidates, &article_concepts, options.summary_words)
            .into_iter()
            .map(|c| eligible[c])
            .collect();
    chosen.sort_by_key(|&i| {
        facts[i]
            .mentions
            .iter()
            .map(|m| {
                let published = run.articles[m.article].published.map(|p| p.timestamp());
                let at = position.get(&m.article).copied().unwrap_or(usize::MAX);
                (published.is_none(), published, at, m.sentence)
            })
            .min()
    });
    chosen
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

pub(super) fn found_discrepancies(members: &[usize], run: &RunFeatures) -> Vec<FoundDiscrepancy> {
    let articles = run.articles;
    let figures: Vec<Figure> = members
        .iter()
        .flat_map(|&a| {
            run.quantities[a]
                .iter()
                .enumerate()
                // A figure in a page's or wire's line is not the report's.
                .filter(move |&(s, _)| run.standing[a][s] != Standing::Boilerplate)
                .flat_map(move |(s, qs)| {
                    qs.iter().map(move |q| Figure {
                        article: a,
                        sentence: s,
                        quantity: q,
                        context: &run.terms[a].terms[s],
                        sentence_text: run.sentence_text(a, s),
                        written_on: articles[a].published.map(|t| t.date_naive()),
                    })
                })
        })
        .collect();
    let view = |f: &Figure| SentenceView {
        article: f.article,
        sentence: f.sentence,
        text: run.sentence_text(f.article, f.sentence),
        terms: &run.terms[f.article].terms[f.sentence],
        quantities: &[],
    };
    let judge = facts::FigureBlindJudge::new(&run.rarity);
    let one_fact = |a: &Figure, b: &Figure| judge.one_fact(&view(a), &view(b));
    figures::discrepancies_in(&figures, &one_fact)
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
                id: ids::discrepancy_id(&d.measure, key.iter().map(String::as_str)),
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

/// The fact and story ids of this run that name two different things: a fact id two
/// texts that differ once normalized, a story id two stories (never the same articles).
fn id_collisions(stories: &[StoryEntry]) -> Vec<IdCollision> {
    let facts = stories
        .iter()
        .flat_map(|s| &s.facts)
        .map(|f| (f.id.as_str(), &*f.text));
    let mut found = ids::collisions(facts, |a, b| ids::normalized(a) == ids::normalized(b));
    let stories = stories.iter().map(|s| (s.id.as_str(), s.headline.as_str()));
    found.extend(ids::collisions(stories, |_, _| false));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn long_fact_headlines_are_cut_at_a_word() {
        let text = "word ".repeat(50);
        let cut = shorten(&text, 20);
        assert!(cut.ends_with('…'));
        assert!(cut.chars().count() <= 21);
    }

    /// The sample's ids are 64-bit, each names one thing, and a fact's id is its text's.
    #[test]
    fn a_run_gives_every_fact_and_story_a_64_bit_id_of_its_own() {
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let articles = crate::ingest::read_paths(&[samples], &Default::default()).articles;
        let date = chrono::NaiveDate::from_ymd_opt(2025, 12, 8).unwrap();
        let digest = crate::summarize(articles, &Options::for_date(date));
        assert!(
            digest.id_collisions.is_empty(),
            "{:?}",
            digest.id_collisions
        );
        let facts: Vec<&FactEntry> = digest.stories.iter().flat_map(|s| &s.facts).collect();
        assert!(facts.len() > 10);
        for fact in facts {
            assert_eq!(fact.id, ids::fact_id(&fact.text));
            assert_eq!(fact.id.len(), "f-".len() + 16, "{}", fact.id);
        }
        for story in &digest.stories {
            assert_eq!(story.id.len(), "s-".len() + 16, "{}", story.id);
            for d in &story.discrepancies {
                assert_eq!(d.id.len(), "d-".len() + 16, "{}", d.id);
            }
        }
    }
}
