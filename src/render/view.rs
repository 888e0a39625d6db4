//! What the templates see: borrowed-from-the-digest views with everything a template
//! would otherwise compute (the summary's facts, splitting the other facts into
//! corroborated and single-source ones without those the differing-figures box already
//! quotes, how many
//! statements are held back, where each source marker links to, the figure's span inside
//! its sentence, which words differ between the sentences of a discrepancy, which facts
//! an earlier digest already reported and whether a story is new or developing) done in
//! Rust. It does not escape: that is the templates' (tera's autoescape, the `md` filter).

use std::borrow::Cow;
use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use crate::digest::{
    ArticleEntry, Digest, DiscrepancyEntry, FactEntry, StoryEntry, Totals, ValueEntry,
};

use super::differing::{Comparisons, SentencePart, marked_parts};
use super::filters::format_number;

/// What the page templates (`digest.md`, `digest.html`) see: the briefing without its
/// stories' contents, which are rendered one at a time from the story templates and
/// written where the page prints `{{ stories }}`.
#[derive(Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub date: String,
    pub long_date: String,
    pub totals: Totals,
    /// "5 articles · 5 sources · 1 story · 1 differing figure", with plurals right.
    pub totals_line: String,
    /// The stories shown in full, one line each, for a table of contents.
    pub stories: Vec<StorySummary<'a>>,
    /// The stories after those, which the page lists one line each (the JSON has them
    /// in full).
    pub more_stories: Vec<StorySummary<'a>>,
    /// The file name of the JSON digest written beside the page, which holds every
    /// story in full; none when no JSON is written with it.
    pub json_file: Option<&'a str>,
    pub generator: String,
}

/// A story as a table of contents (or the list of further stories) shows it.
#[derive(Serialize)]
pub struct StorySummary<'a> {
    pub id: &'a str,
    pub number: usize,
    pub headline: &'a str,
    pub status: Option<&'static str>,
    pub status_label: Option<&'static str>,
    pub source_count: usize,
    /// New facts stated by more than one source (the story's key facts).
    pub key_fact_count: usize,
    pub discrepancy_count: usize,
}

#[derive(Serialize)]
pub struct StoryView<'a> {
    pub id: &'a str,
    pub number: usize,
    pub headline: &'a str,
    pub sources: Vec<SourceView<'a>>,
    /// The sources again, with their articles, for the list markers link to.
    pub source_list: Vec<SourceEntryView<'a>>,
    /// The story's summary: the new facts that matter most, in reading order.
    pub summary: Vec<FactView<'a>>,
    /// New facts stated by more than one source that are not in the summary or in the
    /// differing-figures box.
    pub corroborated: Vec<FactView<'a>>,
    /// New single-source facts that are not in the summary or in the differing-figures
    /// box, the first few (for a compact list: the Markdown).
    pub single_source: Vec<FactView<'a>>,
    /// Single-source statements not in `single_source` (they are in `more_facts` and in
    /// the JSON).
    pub single_source_hidden: usize,
    /// Every new fact not in the summary or in the differing-figures box, corroborated
    /// ones first, up to [`MORE_FACTS_SHOWN`] (for a folded list: the HTML).
    pub more_facts: Vec<FactView<'a>>,
    /// Facts beyond `more_facts` (in the JSON only).
    pub more_facts_hidden: usize,
    pub discrepancies: Vec<DiscrepancyView<'a>>,
    /// Facts an earlier digest already reported, folded away in the briefing (they are
    /// not in `corroborated` or `single_source`).
    pub reported: Vec<FactView<'a>>,
    /// "new", "developing" or "reported" (no new fact), when the digest was compared
    /// with earlier ones; none otherwise.
    pub status: Option<&'static str>,
    /// The status for a reader: "New story", "Developing story", "No new facts".
    pub status_label: Option<&'static str>,
    /// New facts (shown or not) in this story.
    pub new_facts: usize,
    /// YYYY-MM-DD of the earliest digest that reported one of `reported`.
    pub reported_since: Option<String>,
}

#[derive(Serialize)]
pub struct SourceView<'a> {
    pub name: &'a str,
    pub url: Option<&'a str>,
    /// 1-based marker used next to facts.
    pub marker: usize,
    /// Where the marker links to: the article when it has a web address, else the
    /// source's entry in the story's list of sources.
    pub href: Cow<'a, str>,
}

/// A source in a story's list of sources, the target of markers without a web address.
#[derive(Serialize)]
pub struct SourceEntryView<'a> {
    pub name: &'a str,
    pub marker: usize,
    /// The fragment id markers link to (`s-1a2b3c4d-src-2`).
    pub anchor: String,
    pub articles: Vec<ArticleView<'a>>,
}

#[derive(Serialize)]
pub struct ArticleView<'a> {
    pub id: &'a str,
    pub title: Option<&'a str>,
    pub url: Option<&'a str>,
}

#[derive(Serialize)]
pub struct FactView<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub new: bool,
    /// YYYY-MM-DD of the first digest that reported it.
    pub first_reported: Option<String>,
    pub sources: Vec<SourceView<'a>>,
}

#[derive(Serialize)]
pub struct DiscrepancyView<'a> {
    pub measure: &'a str,
    pub may_be_different_events: bool,
    pub values: Vec<ValueView<'a>>,
}

#[derive(Serialize)]
pub struct ValueView<'a> {
    pub value: String,
    pub qualifier: Option<&'static str>,
    pub text: &'a str,
    pub source: SourceView<'a>,
    /// The sentence in three parts: before the figure, the figure, after it.
    pub before: &'a str,
    pub figure: &'a str,
    pub after: &'a str,
    /// The same sentence as up to three parts (before the figure, the figure, after
    /// it), each split into runs of words that do or do not differ from the sentence it
    /// is compared with (the discrepancy's first value; the first value against the
    /// second).
    pub sentence: Vec<SentencePart<'a>>,
}

fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn totals_line(totals: &Totals) -> String {
    [
        counted(totals.articles, "article", "articles"),
        counted(totals.sources, "source", "sources"),
        counted(totals.stories, "story", "stories"),
        counted(
            totals.discrepancies,
            "differing figure",
            "differing figures",
        ),
    ]
    .join(" · ")
}

/// The page of `digest` showing its first `in_full` stories in full, with `json_file`
/// the JSON written beside it, if any.
pub fn page_view<'a>(
    digest: &'a Digest,
    in_full: usize,
    json_file: Option<&'a str>,
) -> PageView<'a> {
    let compared = digest.earlier_digests > 0;
    let summaries = |range: std::ops::Range<usize>| -> Vec<StorySummary<'a>> {
        range
            .map(|i| story_summary(&digest.stories[i], i + 1, compared))
            .collect()
    };
    let in_full = in_full.min(digest.stories.len());
    PageView {
        title: &digest.title,
        date: digest.date.format("%Y-%m-%d").to_string(),
        long_date: digest.date.format("%A, %-d %B %Y").to_string(),
        totals: digest.totals,
        totals_line: totals_line(&digest.totals),
        stories: summaries(0..in_full),
        more_stories: summaries(in_full..digest.stories.len()),
        json_file,
        generator: format!("newsdigest {}", env!("CARGO_PKG_VERSION")),
    }
}

fn story_summary(story: &StoryEntry, number: usize, compared: bool) -> StorySummary<'_> {
    let status = status_of(compared, story, new_facts(story));
    StorySummary {
        id: &story.id,
        number,
        headline: &story.headline,
        status,
        status_label: status.map(status_label),
        source_count: story.sources.len(),
        key_fact_count: story
            .facts
            .iter()
            .filter(|f| f.new && f.is_corroborated())
            .count(),
        discrepancy_count: story.discrepancies.len(),
    }
}

fn new_facts(story: &StoryEntry) -> usize {
    story.facts.iter().filter(|f| f.new).count()
}

/// What a story template sees of story `number` (1-based) of a digest that was, or was
/// not, `compared` with earlier ones.
pub fn story_view<'a>(
    story: &'a StoryEntry,
    number: usize,
    compared: bool,
    shown: usize,
) -> StoryView<'a> {
    let story_sources = StorySources::of(story);
    let sources: Vec<SourceView> = story
        .sources
        .iter()
        .map(|name| story_sources.view(name, story_sources.first_url_of(name)))
        .collect();
    let fact = |f: &'a FactEntry| FactView {
        id: &f.id,
        text: &f.text,
        new: f.new,
        first_reported: f.first_reported.map(|d| d.format("%Y-%m-%d").to_string()),
        sources: f
            .mentions
            .iter()
            .map(|m| story_sources.view(&m.article.source, m.article.url.as_deref()))
            .collect(),
    };
    let (corroborated, single) = facts_below_the_summary(story);
    let more_count = corroborated.len() + single.len();
    let more_facts: Vec<FactView> = corroborated
        .iter()
        .chain(&single)
        .take(MORE_FACTS_SHOWN)
        .map(|&f| fact(f))
        .collect();
    let reported: Vec<FactView> = story.facts.iter().filter(|f| !f.new).map(fact).collect();
    let new_facts = story.facts.len() - reported.len();
    let reported_since = story
        .facts
        .iter()
        .filter_map(|f| f.first_reported)
        .min()
        .map(|d| d.format("%Y-%m-%d").to_string());
    let status = status_of(compared, story, new_facts);
    StoryView {
        id: &story.id,
        number,
        headline: &story.headline,
        summary: story
            .summary
            .iter()
            .map(|&i| fact(&story.facts[i]))
            .collect(),
        single_source_hidden: single.len().saturating_sub(shown),
        single_source: single.into_iter().take(shown).map(fact).collect(),
        corroborated: corroborated.into_iter().map(fact).collect(),
        more_facts_hidden: more_count - more_facts.len(),
        more_facts,
        discrepancies: {
            let mut comparisons = Comparisons::default();
            story
                .discrepancies
                .iter()
                .map(|d| discrepancy_view(&story_sources, &mut comparisons, d))
                .collect()
        },
        source_list: story_sources.list(),
        sources,
        reported,
        status,
        status_label: status.map(status_label),
        new_facts,
        reported_since,
    }
}

/// The story's new facts that are neither in its summary nor quoted in its
/// differing-figures box: those several sources state, and those one source states.
fn facts_below_the_summary(story: &StoryEntry) -> (Vec<&FactEntry>, Vec<&FactEntry>) {
    let in_summary: Vec<bool> = summary_marks(story);
    let in_figures = figure_sentences(story);
    story
        .facts
        .iter()
        .zip(&in_summary)
        .filter(|&(f, &summary)| f.new && !summary && !in_figures.contains(&*f.text))
        .map(|(f, _)| f)
        .partition(|f| f.is_corroborated())
}

/// Facts a story's folded list shows at most: a story of a thousand articles has tens
/// of thousands, which belong in the JSON, not in a page.
pub const MORE_FACTS_SHOWN: usize = 200;

/// Whether each of the story's facts is in its summary.
fn summary_marks(story: &StoryEntry) -> Vec<bool> {
    let mut marks = vec![false; story.facts.len()];
    for &i in &story.summary {
        if let Some(mark) = marks.get_mut(i) {
            *mark = true;
        }
    }
    marks
}

/// The sentences the differing-figures box quotes: a fact stated by one of them is
/// not shown again below the box.
fn figure_sentences(story: &StoryEntry) -> FxHashSet<&str> {
    story
        .discrepancies
        .iter()
        .flat_map(|d| &d.values)
        .map(|v| &*v.sentence)
        .collect()
}

fn status_label(status: &str) -> &'static str {
    match status {
        "developing" => "Developing story",
        "reported" => "No new facts",
        _ => "New story",
    }
}

/// Only a digest compared with earlier ones can say a story is new.
fn status_of(compared: bool, story: &StoryEntry, new_facts: usize) -> Option<&'static str> {
    if !compared {
        None
    } else if story.developing {
        Some("developing")
    } else if new_facts == 0 && !story.facts.is_empty() {
        Some("reported")
    } else {
        Some("new")
    }
}

/// A story's sources, looked up by name for every mention and figure: each one's
/// 1-based marker and its articles in story order. A large story has hundreds of
/// sources and thousands of mentions, too many to scan the sources for each.
struct StorySources<'a> {
    story: &'a StoryEntry,
    markers: FxHashMap<&'a str, usize>,
    articles: FxHashMap<&'a str, Vec<&'a ArticleEntry>>,
}

impl<'a> StorySources<'a> {
    fn of(story: &'a StoryEntry) -> StorySources<'a> {
        let mut markers = FxHashMap::default();
        for (i, name) in story.sources.iter().enumerate() {
            markers.entry(name.as_str()).or_insert(i + 1);
        }
        let mut articles: FxHashMap<&str, Vec<&ArticleEntry>> = FxHashMap::default();
        for article in &story.articles {
            articles.entry(&article.source).or_default().push(article);
        }
        StorySources {
            story,
            markers,
            articles,
        }
    }

    /// `name` as a marker next to a statement, linking to `url` when there is one.
    fn view(&self, name: &'a str, url: Option<&'a str>) -> SourceView<'a> {
        // 0 for a name that is not one of the story's sources.
        let marker = self.markers.get(name).copied().unwrap_or(0);
        SourceView {
            name,
            url,
            marker,
            href: url.map_or_else(
                || Cow::Owned(format!("#{}", self.anchor(marker))),
                Cow::Borrowed,
            ),
        }
    }

    fn articles_of(&self, name: &str) -> &[&'a ArticleEntry] {
        self.articles.get(name).map_or(&[], Vec::as_slice)
    }

    fn first_url_of(&self, name: &str) -> Option<&'a str> {
        self.articles_of(name).iter().find_map(|a| a.url.as_deref())
    }

    fn anchor(&self, marker: usize) -> String {
        format!("{}-src-{marker}", self.story.id)
    }

    fn list(&self) -> Vec<SourceEntryView<'a>> {
        self.story
            .sources
            .iter()
            .enumerate()
            .map(|(i, name)| SourceEntryView {
                name,
                marker: i + 1,
                anchor: self.anchor(i + 1),
                articles: self
                    .articles_of(name)
                    .iter()
                    .map(|a| ArticleView {
                        id: &a.id,
                        title: a.title.as_deref(),
                        url: a.url.as_deref(),
                    })
                    .collect(),
            })
            .collect()
    }
}

/// A discrepancy with each value's sentence marked against the sentence it is compared
/// with: the first value's, or for the first value, the second's.
fn discrepancy_view<'a>(
    sources: &StorySources<'a>,
    comparisons: &mut Comparisons<'a>,
    d: &'a DiscrepancyEntry,
) -> DiscrepancyView<'a> {
    let values = d
        .values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let other = if i == 0 { 1 } else { 0 };
            let compared = d.values.get(other).map_or("", |c| &*c.sentence);
            value_view(sources, v, comparisons.changed_spans(&v.sentence, compared))
        })
        .collect();
    DiscrepancyView {
        measure: &d.measure,
        may_be_different_events: d.may_be_different_events,
        values,
    }
}

fn value_view<'a>(
    sources: &StorySources<'a>,
    v: &'a ValueEntry,
    changes: &[(Range<usize>, bool)],
) -> ValueView<'a> {
    let figure = figure_span(v);
    let sentence: &'a str = &v.sentence;
    ValueView {
        value: format_number(v.value),
        qualifier: v.qualifier,
        text: &v.text,
        source: sources.view(&v.article.source, v.article.url.as_deref()),
        before: &sentence[..figure.start],
        figure: &sentence[figure.clone()],
        after: &sentence[figure.end..],
        sentence: marked_parts(sentence, figure, changes),
    }
}

/// The figure's byte span in its sentence; the whole sentence if the span is unusable.
fn figure_span(v: &ValueEntry) -> Range<usize> {
    let valid = v.start <= v.end
        && v.end <= v.sentence.len()
        && v.sentence.is_char_boundary(v.start)
        && v.sentence.is_char_boundary(v.end);
    if valid {
        v.start..v.end
    } else {
        0..v.sentence.len()
    }
}

#[cfg(test)]
mod reported_tests {
    use std::collections::HashMap;

    use chrono::NaiveDate;

    use super::*;
    use crate::digest::History;
    use crate::ingest::Article;
    use crate::options::Options;

    fn digest() -> Digest {
        digest_after(History::default())
    }

    fn digest_after(history: History) -> Digest {
        let article = |id: &str, source: &str| {
            Article {
            id: id.to_string(),
            title: Some("Talks stall in Florida".to_string()),
            text: "Three days of talks ended without a breakthrough. Russia launched 653 drones overnight."
                .to_string(),
            source: source.to_string(),
            url: None,
            published: None,
        }
        };
        let date = NaiveDate::from_ymd_opt(2025, 12, 9).unwrap();
        let mut options = Options::for_date(date);
        options.history = std::sync::Arc::new(history);
        crate::summarize(vec![article("a", "A"), article("b", "B")], &options)
    }

    fn first_story(digest: &Digest) -> StoryView<'_> {
        story_view(&digest.stories[0], 1, digest.earlier_digests > 0, 8)
    }

    fn history_of(facts: &[&FactEntry]) -> History {
        let day = NaiveDate::from_ymd_opt(2025, 12, 8).unwrap();
        History {
            earlier_digests: 1,
            first_reported: facts
                .iter()
                .map(|f| (f.id.clone(), day))
                .collect::<HashMap<_, _>>(),
        }
    }

    #[test]
    fn a_digest_built_without_a_store_has_no_status_and_folds_nothing() {
        let digest = digest();
        let view = first_story(&digest);
        assert_eq!(view.status, None);
        assert!(view.reported.is_empty());
        let shown = view.summary.len() + view.corroborated.len();
        assert_eq!(
            shown, 2,
            "both corroborated facts, in the summary or below it"
        );
        assert!(!view.summary.is_empty());
    }

    #[test]
    fn reported_facts_are_folded_and_the_story_labelled() {
        let plain = digest();
        let first = &plain.stories[0].facts[0];
        let marked = digest_after(history_of(&[first]));
        let story = first_story(&marked);
        assert_eq!(story.status, Some("developing"));
        assert_eq!(story.status_label, Some("Developing story"));
        assert_eq!(story.reported.len(), 1);
        assert_eq!(
            story.reported[0].first_reported.as_deref(),
            Some("2025-12-08")
        );
        let listed: Vec<&str> = story
            .summary
            .iter()
            .chain(&story.corroborated)
            .map(|f| f.text)
            .collect();
        assert_eq!(listed.len(), 1, "only the new fact is listed: {listed:?}");
        assert_ne!(listed[0], &*first.text);
        assert_eq!(story.summary.len(), 1, "the summary says what is new");
        assert_eq!(story.reported_since.as_deref(), Some("2025-12-08"));

        let all: Vec<&FactEntry> = plain.stories[0].facts.iter().collect();
        let marked = digest_after(history_of(&all));
        let story = first_story(&marked);
        assert_eq!(story.status_label, Some("No new facts"));
        assert!(story.summary.is_empty());
        let marked = digest_after(history_of(&[]));
        assert_eq!(first_story(&marked).status_label, Some("New story"));
    }
}
