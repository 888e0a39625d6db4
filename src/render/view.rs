//! What the templates see: borrowed-from-the-digest views with everything a template
//! would otherwise compute (splitting corroborated from single-source facts, how many
//! statements are held back, the figure's span inside its sentence, which facts an
//! earlier digest already reported and whether a story is new or developing) done in
//! Rust.

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
        first_reported: f.first_reported.map(|d| d.format("%Y-%m-%d").to_string()),
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
        .filter(|f| f.new && f.sources.len() > 1)
        .map(fact)
        .collect();
    let single: Vec<&FactEntry> = story
        .facts
        .iter()
        .filter(|f| f.new && f.sources.len() <= 1)
        .collect();
    let reported: Vec<FactView> = story.facts.iter().filter(|f| !f.new).map(fact).collect();
    let new_facts = story.facts.len() - reported.len();
    let reported_since = story
        .facts
        .iter()
        .filter_map(|f| f.first_reported)
        .min()
        .map(|d| d.format("%Y-%m-%d").to_string());
    let status = status_of(digest, story, new_facts);
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
        reported,
        status,
        status_label: status.map(|s| match s {
            "developing" => "Developing story",
            "reported" => "No new facts",
            _ => "New story",
        }),
        new_facts,
        reported_since,
    }
}

/// Only a digest compared with earlier ones can say a story is new.
fn status_of(digest: &Digest, story: &StoryEntry, new_facts: usize) -> Option<&'static str> {
    if digest.earlier_digests == 0 {
        None
    } else if story.developing {
        Some("developing")
    } else if new_facts == 0 && !story.facts.is_empty() {
        Some("reported")
    } else {
        Some("new")
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

#[cfg(test)]
mod tests {
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
        let view = digest_view(&digest, 8);
        assert_eq!(view.stories[0].status, None);
        assert!(view.stories[0].reported.is_empty());
        assert_eq!(view.stories[0].corroborated.len(), 2);
    }

    #[test]
    fn reported_facts_are_folded_and_the_story_labelled() {
        let plain = digest();
        let first = &plain.stories[0].facts[0];
        let marked = mark_reported(plain.clone(), &history_of(&[first]));
        let view = digest_view(&marked, 8);
        let story = &view.stories[0];
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
        assert_eq!(
            digest_view(&marked, 8).stories[0].status_label,
            Some("No new facts")
        );
        let marked = mark_reported(plain.clone(), &history_of(&[]));
        assert_eq!(
            digest_view(&marked, 8).stories[0].status_label,
            Some("New story")
        );
    }
}
