//! What the templates see: borrowed-from-the-digest views with everything a template
//! would otherwise compute (splitting corroborated from single-source facts, how many
//! statements are held back, where each source marker links to, the figure's span inside
//! its sentence, which words differ between the sentences of a discrepancy, which facts
//! an earlier digest already reported and whether a story is new or developing) done in
//! Rust. It does not escape: that is the templates' (tera's autoescape, the `md` filter).

use std::borrow::Cow;
use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::Serialize;
use similar::DiffableStr;
use unicode_segmentation::UnicodeSegmentation;

use crate::digest::{
    ArticleEntry, Digest, DiscrepancyEntry, FactEntry, StoryEntry, Totals, ValueEntry,
};

use super::filters::format_number;
use super::word_diff::Differ;

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
    /// One line per story, for a table of contents.
    pub stories: Vec<StorySummary<'a>>,
    pub generator: String,
}

/// A story as a table of contents lists it.
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
    pub corroborated: Vec<FactView<'a>>,
    pub single_source: Vec<FactView<'a>>,
    /// Single-source statements not shown (they are in the JSON).
    pub single_source_hidden: usize,
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

/// Part of a value's sentence: the figure itself or the text around it.
#[derive(Debug, PartialEq, Serialize)]
pub struct SentencePart<'a> {
    pub figure: bool,
    pub runs: Vec<Run<'a>>,
}

/// A run of text whose words all differ, or all agree, with the compared sentence. A
/// changed run starts and ends with a letter or digit, so that Markdown emphasis put
/// around it always takes effect.
#[derive(Debug, PartialEq, Serialize)]
pub struct Run<'a> {
    pub text: &'a str,
    pub changed: bool,
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

pub fn page_view(digest: &Digest) -> PageView<'_> {
    let compared = digest.earlier_digests > 0;
    PageView {
        title: &digest.title,
        date: digest.date.format("%Y-%m-%d").to_string(),
        long_date: digest.date.format("%A, %-d %B %Y").to_string(),
        totals: digest.totals,
        totals_line: totals_line(&digest.totals),
        stories: digest
            .stories
            .iter()
            .enumerate()
            .map(|(i, story)| {
                let status = status_of(compared, story, new_facts(story));
                StorySummary {
                    id: &story.id,
                    number: i + 1,
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
            })
            .collect(),
        generator: format!("newsdigest {}", env!("CARGO_PKG_VERSION")),
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
    let corroborated: Vec<FactView> = story
        .facts
        .iter()
        .filter(|f| f.new && f.is_corroborated())
        .map(fact)
        .collect();
    let single: Vec<&FactEntry> = story
        .facts
        .iter()
        .filter(|f| f.new && !f.is_corroborated())
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
        single_source_hidden: single.len().saturating_sub(shown),
        single_source: single.into_iter().take(shown).map(fact).collect(),
        corroborated,
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

/// A story's figure sentences, each split into words once and each pair compared once
/// for all of the story's discrepancies: reports often repeat a sentence word for word,
/// and a sentence with several figures is in several discrepancies.
#[derive(Default)]
struct Comparisons<'a> {
    table: WordTable<'a>,
    /// By the table's numbers of the sentence and the compared sentence (none when that
    /// is blank).
    changes: FxHashMap<(u32, Option<u32>), Changes>,
}

impl<'a> Comparisons<'a> {
    /// [`WordTable::changed_spans`] of `sentence` against `compared`, computed once.
    fn changed_spans(&mut self, sentence: &'a str, compared: &'a str) -> &Changes {
        let table = &mut self.table;
        let key = (
            table.split(sentence),
            (!compared.trim().is_empty()).then(|| table.split(compared)),
        );
        self.changes
            .entry(key)
            .or_insert_with(|| table.changed_spans(key.0, key.1))
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

/// `sentence` as the text before the figure, the figure and the text after it, with the
/// words that differ from `compared` marked (none when there is nothing to compare
/// with). Empty parts are left out.
#[cfg(test)]
fn marked_sentence<'a>(
    sentence: &'a str,
    figure: Range<usize>,
    compared: &str,
) -> Vec<SentencePart<'a>> {
    let changes = Comparisons::default()
        .changed_spans(sentence, compared)
        .clone();
    marked_parts(sentence, figure, &changes)
}

/// `sentence` cut into the text before the figure, the figure and the text after it,
/// each part split into runs by `changes` (from [`WordTable::changed_spans`]). Empty
/// parts are left out. Around the figure, words are marked only where the sentences
/// otherwise agree ([`context_agrees`]).
fn marked_parts<'a>(
    sentence: &'a str,
    figure: Range<usize>,
    changes: &[(Range<usize>, bool)],
) -> Vec<SentencePart<'a>> {
    let mark_context = context_agrees(sentence, &figure, changes);
    [
        (0..figure.start, false),
        (figure.clone(), true),
        (figure.end..sentence.len(), false),
    ]
    .into_iter()
    .filter(|(part, _)| !part.is_empty())
    .map(|(part, is_figure)| SentencePart {
        figure: is_figure,
        runs: if is_figure || mark_context {
            runs_within(sentence, &part, changes)
        } else {
            vec![Run {
                text: &sentence[part],
                changed: false,
            }]
        },
    })
    .collect()
}

/// Whether at most half of the text around the figure (counted in letters and digits)
/// differs from the compared sentence. Two reports that word the rest of the sentence
/// alike are worth marking word by word ("in Miami" / "in Geneva"); two that share
/// little but the figure would be marked almost whole, which says nothing.
fn context_agrees(sentence: &str, figure: &Range<usize>, changes: &[(Range<usize>, bool)]) -> bool {
    let mut changed = 0;
    let mut all = 0;
    for (span, is_changed) in changes {
        for (at, c) in sentence[span.clone()].char_indices() {
            let at = span.start + at;
            if c.is_alphanumeric() && !figure.contains(&at) {
                all += 1;
                changed += usize::from(*is_changed);
            }
        }
    }
    changed * 2 <= all
}

/// Byte spans that together cover a sentence, each flagged true when its words differ
/// from the sentence it is compared with.
type Changes = Vec<(Range<usize>, bool)>;

/// The words of a sentence: where each is, and a number per word that equal words
/// (compared case-insensitively) share, so that a diff compares numbers, not text.
struct Words {
    spans: Vec<Range<usize>>,
    keys: Vec<u32>,
    /// The sentence's length in bytes.
    text_len: usize,
}

/// Splits sentences into words and numbers them, each distinct sentence once: one table
/// per story, so every sentence compared there numbers its words alike. (Which number a
/// word gets does not matter: the diff only asks whether two numbers are equal.)
#[derive(Default)]
struct WordTable<'a> {
    numbers: FxHashMap<Cow<'a, str>, u32>,
    /// Each sentence's number: where its words are in `sentences`.
    numbered: FxHashMap<&'a str, u32>,
    sentences: Vec<Words>,
    differ: Differ,
    /// A word being lowered, to look it up.
    lowered: String,
}

impl<'a> WordTable<'a> {
    /// Byte spans of sentence number `sentence`, each flagged true when it differs from
    /// sentence `compared` (nothing differs when there is none to compare with).
    /// Together the spans cover the sentence.
    ///
    /// The diff is over words only (compared case-insensitively): aligning the spaces
    /// and punctuation between them as well would let unrelated sentences "share" every
    /// space and leave each changed word marked on its own. The text between two
    /// changed words counts as changed, so a changed phrase is marked as one.
    fn changed_spans(&mut self, sentence: u32, compared: Option<u32>) -> Changes {
        let words = &self.sentences[sentence as usize];
        let Some(compared) = compared else {
            return vec![(0..words.text_len, false)];
        };
        let compared = &self.sentences[compared as usize];
        let mut changed = vec![false; words.spans.len()];
        // The same words in the same order: nothing to diff.
        if words.keys != compared.keys {
            self.differ
                .mark_inserted(&compared.keys, &words.keys, &mut changed);
        }
        let mut spans = Vec::with_capacity(words.spans.len() * 2 + 1);
        let mut at = 0;
        for (i, word) in words.spans.iter().enumerate() {
            let between_changes = i > 0 && changed[i - 1] && changed[i];
            spans.push((at..word.start, between_changes));
            spans.push((word.clone(), changed[i]));
            at = word.end;
        }
        spans.push((at..words.text_len, false));
        spans
    }

    /// `text` split into words (once), as its number in the table.
    fn split(&mut self, text: &'a str) -> u32 {
        let next = u32::try_from(self.sentences.len()).unwrap_or(u32::MAX);
        if let Some(&number) = self.numbered.get(text) {
            return number;
        }
        let spans = word_spans(text);
        let keys = spans
            .iter()
            .map(|w| self.number(&text[w.clone()]))
            .collect();
        self.sentences.push(Words {
            spans,
            keys,
            text_len: text.len(),
        });
        self.numbered.insert(text, next);
        next
    }

    fn number(&mut self, word: &'a str) -> u32 {
        // Most words are lower-case ASCII already: look them up without a copy; others
        // are lowered into a buffer, copied only for a word not seen yet.
        let lower: &str = if word
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            word
        } else {
            self.lowered.clear();
            if word.is_ascii() {
                self.lowered
                    .extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                self.lowered.push_str(&word.to_lowercase());
            }
            &self.lowered
        };
        if let Some(&number) = self.numbers.get(lower) {
            return number;
        }
        let next = u32::try_from(self.numbers.len()).unwrap_or(u32::MAX);
        let key = if std::ptr::eq(lower, word) {
            Cow::Borrowed(word)
        } else {
            Cow::Owned(lower.to_string())
        };
        self.numbers.insert(key, next);
        next
    }
}

/// Byte spans of the words of `text` (Unicode word boundaries; a word has a letter or
/// digit).
fn word_spans(text: &str) -> Vec<Range<usize>> {
    // unicode-segmentation's words of ASCII text are its word bounds with an ASCII
    // letter or digit, found by a much faster ASCII-only scanner. (Outside ASCII its
    // notion of a letter or digit might not be the standard library's.)
    if text.is_ascii() {
        return text
            .unicode_word_indices()
            .map(|(at, word)| at..at + word.len())
            .collect();
    }
    word_spans_by_bounds(text)
}

/// [`word_spans`] the general way: every word bound, kept if it has a letter or digit.
fn word_spans_by_bounds(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for token in text.tokenize_unicode_words() {
        if token.chars().any(char::is_alphanumeric) {
            spans.push(at..at + token.len());
        }
        at += token.len();
    }
    spans
}

/// The runs of `sentence[part]`: the changed spans cut to the part and joined, then
/// each changed run trimmed to start and end on a letter or digit (and joined again).
/// Each step passes its runs on as they are complete, with no list in between.
fn runs_within<'a>(
    sentence: &'a str,
    part: &Range<usize>,
    changes: &[(Range<usize>, bool)],
) -> Vec<Run<'a>> {
    let mut cut = Joined::default();
    let mut runs = TrimmedRuns {
        sentence,
        joined: Joined::default(),
        runs: Vec::new(),
    };
    for (span, changed) in changes {
        let span = span.start.max(part.start)..span.end.min(part.end);
        if let Some(run) = cut.add(span, *changed) {
            runs.add(run);
        }
    }
    if let Some(run) = cut.last.take() {
        runs.add(run);
    }
    runs.finish()
}

/// Adjacent spans with the same flag joined into one; empty spans dropped.
#[derive(Default)]
struct Joined {
    last: Option<(Range<usize>, bool)>,
}

impl Joined {
    /// Adds the next span; gives back the run it ends, if it starts a new one.
    fn add(&mut self, span: Range<usize>, flag: bool) -> Option<(Range<usize>, bool)> {
        if span.is_empty() {
            return None;
        }
        match &mut self.last {
            Some((last, last_flag)) if *last_flag == flag && last.end == span.start => {
                last.end = span.end;
                None
            }
            _ => self.last.replace((span, flag)),
        }
    }
}

/// Runs of a sentence with each changed one trimmed to its letters and digits, joined.
struct TrimmedRuns<'a> {
    sentence: &'a str,
    joined: Joined,
    runs: Vec<Run<'a>>,
}

impl<'a> TrimmedRuns<'a> {
    fn add(&mut self, (span, changed): (Range<usize>, bool)) {
        match alphanumeric_bounds(&self.sentence[span.clone()]).filter(|_| changed) {
            None => self.push(span, false),
            Some(inner) => {
                self.push(span.start..span.start + inner.start, false);
                self.push(span.start + inner.start..span.start + inner.end, true);
                self.push(span.start + inner.end..span.end, false);
            }
        }
    }

    fn push(&mut self, span: Range<usize>, changed: bool) {
        if let Some(run) = self.joined.add(span, changed) {
            self.emit(run);
        }
    }

    fn emit(&mut self, (span, changed): (Range<usize>, bool)) {
        self.runs.push(Run {
            text: &self.sentence[span],
            changed,
        });
    }

    fn finish(mut self) -> Vec<Run<'a>> {
        if let Some(run) = self.joined.last.take() {
            self.emit(run);
        }
        self.runs
    }
}

/// The span of `text` from its first to its last letter or digit, if it has any.
fn alphanumeric_bounds(text: &str) -> Option<Range<usize>> {
    let first = text.find(char::is_alphanumeric)?;
    let (last, c) = text
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())?;
    Some(first..last + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(parts: &[SentencePart]) -> String {
        parts
            .iter()
            .map(|part| {
                let inner: String = part
                    .runs
                    .iter()
                    .map(|r| {
                        if r.changed {
                            format!("[{}]", r.text)
                        } else {
                            r.text.to_string()
                        }
                    })
                    .collect();
                if part.figure {
                    format!("{{{inner}}}")
                } else {
                    inner
                }
            })
            .collect()
    }

    #[test]
    fn differing_words_are_marked_inside_and_around_the_figure() {
        let sentence = "Talks lasted three days in Miami, officials said.";
        let compared = "Talks lasted two days in Geneva, officials said.";
        let start = sentence.find("three").unwrap();
        let parts = marked_sentence(sentence, start..start + "three days".len(), compared);
        assert_eq!(
            shown(&parts),
            "Talks lasted {[three] days} in [Miami], officials said."
        );
    }

    #[test]
    fn sentences_that_share_only_the_figure_are_marked_inside_it_only() {
        let sentence = "Three days of negotiations between Ukrainian and US officials ended without a breakthrough.";
        let compared = "In Florida, US envoy Steve Witkoff said two days of talks with Umerov were constructive.";
        let figure = 0.."Three days of negotiations".len();
        let parts = marked_sentence(sentence, figure, compared);
        assert_eq!(
            shown(&parts),
            "{[Three] days of [negotiations]} between Ukrainian and US officials ended without a breakthrough."
        );
    }

    #[test]
    fn punctuation_and_spaces_are_never_the_edge_of_a_change() {
        let sentence = "He said “constructive.” Then left";
        let compared = "He said nothing. Then left";
        // (Most of the sentence agrees, so the words around the figure are marked.)
        let parts = marked_sentence(sentence, 0..2, compared);
        assert_eq!(shown(&parts), "{He} said “[constructive].” Then left");
        for run in parts.iter().flat_map(|p| &p.runs).filter(|r| r.changed) {
            assert!(run.text.starts_with(char::is_alphanumeric), "{run:?}");
            assert!(run.text.ends_with(char::is_alphanumeric), "{run:?}");
        }
    }

    #[test]
    fn ascii_words_are_found_as_by_word_bounds() {
        // Every ASCII class the word-break rules treat apart, in random strings.
        let alphabet = b"aZ09_.,;:'\" \t\r\n\x0b-!/()";
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut text = String::new();
        for round in 0..200_000 {
            text.clear();
            for _ in 0..round % 24 {
                crate::test_random::next(&mut seed);
                text.push(char::from(
                    alphabet[(seed % alphabet.len() as u64) as usize],
                ));
            }
            assert_eq!(word_spans(&text), word_spans_by_bounds(&text), "{text:?}");
        }
        let sentence = "U.S. officials' 1,000.5 e.g. talks:a_b, don't 3'4 x;y 12;34";
        assert_eq!(word_spans(sentence), word_spans_by_bounds(sentence));
    }

    #[test]
    fn identical_sentences_mark_nothing_and_bad_spans_fall_back() {
        let sentence = "Three days of talks ended.";
        let parts = marked_sentence(sentence, 0..sentence.len(), sentence);
        assert_eq!(parts.len(), 1);
        assert!(parts[0].runs.iter().all(|r| !r.changed));
        assert_eq!(shown(&marked_sentence("", 0..0, "x")), "");
        let alone = marked_sentence(sentence, 0..5, "");
        assert!(alone.iter().flat_map(|p| &p.runs).all(|r| !r.changed));
    }
}

#[cfg(test)]
mod reported_tests {
    use std::collections::HashMap;

    use chrono::NaiveDate;

    use super::*;
    use crate::ingest::Article;
    use crate::options::Options;
    use crate::store::{History, mark_reported};

    fn digest() -> Digest {
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
        crate::summarize(
            &[article("a", "A"), article("b", "B")],
            &Options::for_date(date),
        )
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
        assert_eq!(view.corroborated.len(), 2);
    }

    #[test]
    fn reported_facts_are_folded_and_the_story_labelled() {
        let plain = digest();
        let first = &plain.stories[0].facts[0];
        let marked = mark_reported(plain.clone(), &history_of(&[first]));
        let story = first_story(&marked);
        assert_eq!(story.status, Some("developing"));
        assert_eq!(story.status_label, Some("Developing story"));
        assert_eq!(story.reported.len(), 1);
        assert_eq!(
            story.reported[0].first_reported.as_deref(),
            Some("2025-12-08")
        );
        assert_eq!(story.corroborated.len(), 1, "only the new fact is listed");
        assert_eq!(story.reported_since.as_deref(), Some("2025-12-08"));

        let all: Vec<&FactEntry> = plain.stories[0].facts.iter().collect();
        let marked = mark_reported(plain.clone(), &history_of(&all));
        assert_eq!(first_story(&marked).status_label, Some("No new facts"));
        let marked = mark_reported(plain.clone(), &history_of(&[]));
        assert_eq!(first_story(&marked).status_label, Some("New story"));
    }
}
