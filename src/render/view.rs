//! What the templates see: borrowed-from-the-digest views with everything a template
//! would otherwise compute (splitting corroborated from single-source facts, how many
//! statements are held back, the figure's span inside its sentence) done in Rust.

use serde::Serialize;

use crate::digest::{Digest, FactEntry, StoryEntry, Totals, ValueEntry};

use super::filters::format_number;

#[derive(Serialize)]
pub struct DigestView<'a> {
    pub title: &'a str,
    pub date: String,
    pub long_date: String,
    pub totals: Totals,
    /// "5 articles · 5 sources · 1 story · 1 differing figure", with plurals right.
    pub totals_line: String,
    pub stories: Vec<StoryView<'a>>,
    pub generator: String,
}

#[derive(Serialize)]
pub struct StoryView<'a> {
    pub id: &'a str,
    pub number: usize,
    pub headline: &'a str,
    pub sources: Vec<SourceView<'a>>,
    pub corroborated: Vec<FactView<'a>>,
    pub single_source: Vec<FactView<'a>>,
    /// Single-source statements not shown (they are in the JSON).
    pub single_source_hidden: usize,
    pub discrepancies: Vec<DiscrepancyView<'a>>,
}

#[derive(Serialize)]
pub struct SourceView<'a> {
    pub name: &'a str,
    pub url: Option<&'a str>,
    /// 1-based marker used next to facts.
    pub marker: usize,
}

#[derive(Serialize)]
pub struct FactView<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub new: bool,
    pub sources: Vec<SourceView<'a>>,
}

#[derive(Serialize)]
pub struct DiscrepancyView<'a> {
    pub measure: &'a str,
    pub values: Vec<ValueView<'a>>,
}

#[derive(Serialize)]
pub struct ValueView<'a> {
    pub value: String,
    pub qualifier: Option<&'a str>,
    pub text: &'a str,
    pub source: SourceView<'a>,
    /// The sentence in three parts: before the figure, the figure, after it.
    pub before: &'a str,
    pub figure: &'a str,
    pub after: &'a str,
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

pub fn digest_view(digest: &Digest, single_source_shown: usize) -> DigestView<'_> {
    DigestView {
        title: &digest.title,
        date: digest.date.format("%Y-%m-%d").to_string(),
        long_date: digest.date.format("%A, %-d %B %Y").to_string(),
        totals: digest.totals,
        totals_line: totals_line(&digest.totals),
        stories: digest
            .stories
            .iter()
            .enumerate()
            .map(|(i, story)| story_view(digest, story, i + 1, single_source_shown))
            .collect(),
        generator: format!("newsdigest {}", env!("CARGO_PKG_VERSION")),
    }
}

fn story_view<'a>(
    digest: &'a Digest,
    story: &'a StoryEntry,
    number: usize,
    shown: usize,
) -> StoryView<'a> {
    let sources: Vec<SourceView> = story
        .sources
        .iter()
        .enumerate()
        .map(|(i, name)| SourceView {
            name,
            url: first_url_of(digest, story, name),
            marker: i + 1,
        })
        .collect();
    let fact = |f: &'a FactEntry| FactView {
        id: &f.id,
        text: &f.text,
        new: f.new,
        sources: f
            .mentions
            .iter()
            .map(|m| SourceView {
                name: &m.source,
                url: m.url.as_deref(),
                marker: story
                    .sources
                    .iter()
                    .position(|s| *s == m.source)
                    .map_or(0, |p| p + 1),
            })
            .collect(),
    };
    let corroborated: Vec<FactView> = story
        .facts
        .iter()
        .filter(|f| f.sources.len() > 1)
        .map(fact)
        .collect();
    let single: Vec<&FactEntry> = story
        .facts
        .iter()
        .filter(|f| f.sources.len() <= 1)
        .collect();
    StoryView {
        id: &story.id,
        number,
        headline: &story.headline,
        single_source_hidden: single.len().saturating_sub(shown),
        single_source: single.into_iter().take(shown).map(fact).collect(),
        corroborated,
        discrepancies: story
            .discrepancies
            .iter()
            .map(|d| DiscrepancyView {
                measure: &d.measure,
                values: d.values.iter().map(|v| value_view(story, v)).collect(),
            })
            .collect(),
        sources,
    }
}

fn first_url_of<'a>(digest: &'a Digest, story: &StoryEntry, source: &str) -> Option<&'a str> {
    digest
        .articles
        .iter()
        .filter(|a| a.source == source && story.articles.contains(&a.id))
        .find_map(|a| a.url.as_deref())
}

fn value_view<'a>(story: &StoryEntry, v: &'a ValueEntry) -> ValueView<'a> {
    let valid = v.start <= v.end
        && v.end <= v.sentence.len()
        && v.sentence.is_char_boundary(v.start)
        && v.sentence.is_char_boundary(v.end);
    let (before, figure, after) = if valid {
        (
            &v.sentence[..v.start],
            &v.sentence[v.start..v.end],
            &v.sentence[v.end..],
        )
    } else {
        ("", v.sentence.as_str(), "")
    };
    ValueView {
        value: format_number(v.value),
        qualifier: v.qualifier.as_deref(),
        text: &v.text,
        source: SourceView {
            name: &v.source,
            url: v.url.as_deref(),
            marker: story
                .sources
                .iter()
                .position(|s| *s == v.source)
                .map_or(0, |p| p + 1),
        },
        before,
        figure,
        after,
    }
}
