//! JSON and JSONL articles: DESIGN.md's article object, `{"id", "title", "text",
//! "source", "url", "published"}`, of which only `id` and one of `title`/`text` are
//! required. Ids are kept as given. A `.json` file holds one object or an array of
//! them; a `.jsonl` file holds one object a line, and a bad line is reported with its
//! line number while the other lines are read.

use rayon::prelude::*;
use serde::Deserialize;

use super::limits::{self, Limits};
use super::{Article, Problem, parse_published};

#[derive(Debug, Deserialize)]
struct WireArticle {
    id: IdValue,
    title: Option<String>,
    text: Option<String>,
    source: Option<String>,
    url: Option<String>,
    published: Option<String>,
    /// Only the quality command reads this; the pipeline never does.
    label: Option<IdValue>,
}

/// Ids are strings, but numbers are accepted and kept as written.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum IdValue {
    Text(String),
    Number(serde_json::Number),
}

impl IdValue {
    fn into_string(self) -> String {
        match self {
            IdValue::Text(s) => s,
            IdValue::Number(n) => n.to_string(),
        }
    }
}

fn article_from_wire(
    wire: WireArticle,
    file_name: &str,
) -> Result<(Article, Option<String>), String> {
    let id = wire.id.into_string();
    if id.trim().is_empty() {
        return Err("article has an empty id".to_string());
    }
    let title = wire.title.filter(|t| !t.trim().is_empty());
    let text = wire.text.unwrap_or_default();
    if title.is_none() && text.trim().is_empty() {
        return Err(format!("article {id:?} has neither title nor text"));
    }
    let published = match wire.published.as_deref().filter(|p| !p.trim().is_empty()) {
        Some(value) => Some(
            parse_published(value)
                .ok_or_else(|| format!("article {id:?}: cannot read published date {value:?}"))?,
        ),
        None => None,
    };
    let article = Article {
        id,
        source: wire
            .source
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| super::fallback_source(title.as_deref(), file_name)),
        title,
        text: super::tidy_text(&text),
        url: wire.url.filter(|u| !u.trim().is_empty()),
        published,
    };
    Ok((article, wire.label.map(IdValue::into_string)))
}

/// A `.json` file: one article object or an array of them (the first
/// `max_feed_items`, the cut noted).
pub fn articles_from_json(
    name: &str,
    content: &str,
    limits: &Limits,
    notes: &mut Vec<String>,
) -> Result<Vec<Article>, String> {
    let value: serde_json::Value =
        serde_json::from_str(content).map_err(|err| format!("invalid JSON: {err}"))?;
    let mut items = match value {
        serde_json::Value::Array(items) => items,
        other => vec![other],
    };
    if items.len() > limits.max_feed_items {
        notes.push(limits::items_note(limits.max_feed_items, items.len()));
        items.truncate(limits.max_feed_items);
    }
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            let wire: WireArticle = serde_json::from_value(item)
                .map_err(|err| format!("item {}: not an article: {err}", index + 1))?;
            article_from_wire(wire, name).map(|(article, _)| article)
        })
        .collect()
}

/// A `.jsonl` file: every line that holds an article; bad lines become problems.
pub fn articles_from_jsonl(
    input: &str,
    name: &str,
    content: &str,
    problems: &mut Vec<Problem>,
) -> Vec<Article> {
    articles_from_jsonl_labelled(input, name, content, problems)
        .into_iter()
        .map(|(article, _)| article)
        .collect()
}

/// Like [`articles_from_jsonl`], keeping each line's `label` for the quality command.
pub fn articles_from_jsonl_labelled(
    input: &str,
    name: &str,
    content: &str,
    problems: &mut Vec<Problem>,
) -> Vec<(Article, Option<String>)> {
    jsonl_lines(input, name, content, usize::MAX, problems)
}

/// Like [`articles_from_jsonl`], reading no more than `max_feed_items` lines that hold
/// something; the cut is a problem naming the first line left out.
pub(super) fn articles_from_jsonl_within(
    input: &str,
    name: &str,
    content: &str,
    limits: &Limits,
    problems: &mut Vec<Problem>,
) -> Vec<Article> {
    jsonl_lines(input, name, content, limits.max_feed_items, problems)
        .into_iter()
        .map(|(article, _)| article)
        .collect()
}

/// An article with the `label` its line gave, if any.
type Labelled = (Article, Option<String>);

fn jsonl_lines(
    input: &str,
    name: &str,
    content: &str,
    max_items: usize,
    problems: &mut Vec<Problem>,
) -> Vec<(Article, Option<String>)> {
    let mut held: Vec<(usize, &str)> = Vec::new();
    let mut cut = None;
    let mut lines = content.lines().enumerate();
    while let Some((index, line)) = lines.next() {
        if line.trim().is_empty() {
            continue;
        }
        if held.len() == max_items {
            let left_out = 1 + lines.filter(|(_, l)| !l.trim().is_empty()).count();
            cut = Some(Problem {
                input: input.to_string(),
                line: Some(index + 1),
                reason: limits::items_note(max_items, max_items + left_out),
            });
            break;
        }
        held.push((index, line));
    }
    // Lines are independent: parsed on every core, then taken in file order.
    let parsed: Vec<(usize, Result<Labelled, String>)> = held
        .into_par_iter()
        .map(|(index, line)| {
            let parsed = serde_json::from_str::<WireArticle>(line)
                .map_err(|err| format!("invalid article: {err}"))
                .and_then(|wire| article_from_wire(wire, name));
            (index, parsed)
        })
        .collect();
    let mut out = Vec::with_capacity(parsed.len());
    for (index, parsed) in parsed {
        match parsed {
            Ok(pair) => out.push(pair),
            Err(reason) => problems.push(Problem {
                input: input.to_string(),
                line: Some(index + 1),
                reason,
            }),
        }
    }
    problems.extend(cut);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_reads_good_lines_and_reports_bad_ones() {
        let content = "{\"id\": \"a\", \"title\": \"One\"}\nnot json\n{\"id\": 7, \"text\": \"Two.\", \"source\": \"Wire\"}\n{\"id\": \"c\"}\n";
        let mut problems = Vec::new();
        let articles = articles_from_jsonl("f.jsonl", "f", content, &mut problems);
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].source, "One", "no source: the title");
        assert_eq!(articles[1].id, "7");
        assert_eq!(articles[1].source, "Wire");
        let lines: Vec<Option<usize>> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![Some(2), Some(4)]);
    }

    #[test]
    fn json_takes_an_object_or_an_array() {
        assert_eq!(
            articles_from_json(
                "f",
                "{\"id\": \"a\", \"title\": \"T\"}",
                &Limits::default(),
                &mut Vec::new()
            )
            .unwrap()
            .len(),
            1
        );
        assert_eq!(
            articles_from_json(
                "f",
                "[{\"id\": \"a\", \"title\": \"T\"}, {\"id\": \"b\", \"text\": \"X.\"}]",
                &Limits::default(),
                &mut Vec::new()
            )
            .unwrap()
            .len(),
            2
        );
        assert!(articles_from_json("f", "[1, 2]", &Limits::default(), &mut Vec::new()).is_err());
    }
}
