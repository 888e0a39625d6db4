//! JSON and JSONL articles: DESIGN.md's article object, `{"id", "title", "text",
//! "source", "url", "published"}`, of which only `id` and one of `title`/`text` are
//! required. Ids are kept as given. A `.json` file holds one object or an array of
//! them; a `.jsonl` file holds one object a line, and a bad line is reported with its
//! line number while the other lines are read.

use rayon::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::limits::{self, Limits};
use super::{Article, Problem, ReadError, Reason, parse_published};

/// An article object as written. The id, label and date are taken as raw JSON and read
/// by hand: a number id keeps its digits as written (serde_json would read
/// `123456789012345678901234567890` as a float, `1.2345678901234568e+29`), and a date
/// that cannot be read costs the article its date, not the article.
#[derive(Debug, Deserialize)]
struct WireArticle<'a> {
    #[serde(borrow)]
    id: &'a RawValue,
    title: Option<String>,
    text: Option<String>,
    source: Option<String>,
    url: Option<String>,
    #[serde(borrow)]
    published: Option<&'a RawValue>,
    /// Only the quality command reads this; the pipeline never does.
    #[serde(borrow)]
    label: Option<&'a RawValue>,
}

/// An id (or label) as written: a string's text, or a number's digits exactly as they
/// stand in the file.
fn id_text(raw: &RawValue, what: &'static str) -> Result<String, ReadError> {
    let written = raw.get();
    match written.as_bytes().first() {
        Some(b'"') => serde_json::from_str::<String>(written)
            .map_err(|err| ReadError::NotAnArticle(err.to_string())),
        Some(b'-' | b'0'..=b'9') => Ok(written.to_string()),
        _ => Err(ReadError::BadId {
            what,
            found: limits::truncated(written, 40).unwrap_or_else(|| written.to_string()),
        }),
    }
}

/// The publication time, or a note saying why there is none. `null` and `""` are no
/// date at all.
fn published_of(
    raw: Option<&RawValue>,
    id: &str,
) -> (
    Option<chrono::DateTime<chrono::FixedOffset>>,
    Option<String>,
) {
    let Some(raw) = raw.filter(|raw| raw.get() != "null") else {
        return (None, None);
    };
    let written = raw.get();
    let text = serde_json::from_str::<String>(written).ok();
    match text.as_deref().map(str::trim) {
        Some("") => (None, None),
        Some(value) => match parse_published(value) {
            Some(date) => (Some(date), None),
            None => (None, Some(unreadable_date(id, value))),
        },
        None => (None, Some(unreadable_date(id, written))),
    }
}

fn unreadable_date(id: &str, value: &str) -> String {
    let value = limits::truncated(value, 80).unwrap_or_else(|| value.to_string());
    format!("article {id:?}: cannot read published date {value:?}; kept without a date")
}

/// An article read from its object: the article with its label, and a note when its
/// date had to be left out.
struct Read {
    article: Article,
    label: Option<String>,
    note: Option<String>,
}

fn article_from_wire(wire: WireArticle, file_name: &str) -> Result<Read, ReadError> {
    let id = id_text(wire.id, "id")?;
    if id.trim().is_empty() {
        return Err(ReadError::EmptyId);
    }
    let title = wire.title.filter(|t| !t.trim().is_empty());
    let text = wire.text.unwrap_or_default();
    if title.is_none() && text.trim().is_empty() {
        return Err(ReadError::NoTitleOrText(id));
    }
    let label = wire.label.map(|raw| id_text(raw, "label")).transpose()?;
    let (published, note) = published_of(wire.published, &id);
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
    Ok(Read {
        article,
        label,
        note,
    })
}

/// One JSON value (a line, or an item of an array) as an article.
fn read_item(item: &str, file_name: &str) -> Result<Read, ReadError> {
    let wire: WireArticle =
        serde_json::from_str(item).map_err(|err| ReadError::NotAnArticle(err.to_string()))?;
    article_from_wire(wire, file_name)
}

/// A `.json` file: one article object or an array of them (the first
/// `max_feed_items`, the cut noted). Each item that is not an article, or whose date
/// cannot be read, is a problem of its own naming its line and place in the array; the
/// other items are read.
pub fn articles_from_json(
    input: &str,
    name: &str,
    content: &str,
    limits: &Limits,
    notes: &mut Vec<String>,
    problems: &mut Vec<Problem>,
) -> Result<Vec<Article>, ReadError> {
    let value: &RawValue =
        serde_json::from_str(content).map_err(|err| ReadError::InvalidJson(err.to_string()))?;
    let is_array = value.get().starts_with('[');
    let mut items: Vec<&RawValue> = if is_array {
        serde_json::from_str(value.get()).map_err(|err| ReadError::InvalidJson(err.to_string()))?
    } else {
        vec![value]
    };
    if items.len() > limits.max_feed_items {
        notes.push(limits::items_note(limits.max_feed_items, items.len()));
        items.truncate(limits.max_feed_items);
    }
    let mut articles = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let problem = |reason: Reason| Problem {
            input: input.to_string(),
            line: Some(line_of(content, item.get())),
            reason,
        };
        match read_item(item.get(), name) {
            Ok(read) => {
                let item_note = |note: String| match is_array {
                    true => format!("item {}: {note}", index + 1),
                    false => note,
                };
                problems.extend(read.note.map(|note| problem(Reason::Note(item_note(note)))));
                articles.push(read.article);
            }
            Err(error) if is_array => problems.push(problem(
                ReadError::Item {
                    index: index + 1,
                    source: Box::new(error),
                }
                .into(),
            )),
            Err(error) => problems.push(problem(error.into())),
        }
    }
    Ok(articles)
}

/// The line of `content` that `part` (a slice of it) starts on.
fn line_of(content: &str, part: &str) -> usize {
    let offset = (part.as_ptr() as usize)
        .saturating_sub(content.as_ptr() as usize)
        .min(content.len());
    1 + content.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
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
                reason: Reason::Note(limits::items_note(max_items, max_items + left_out)),
            });
            break;
        }
        held.push((index, line));
    }
    // Lines are independent: parsed on every core, then taken in file order.
    let parsed: Vec<(usize, Result<Read, ReadError>)> = held
        .into_par_iter()
        .map(|(index, line)| {
            let parsed = serde_json::from_str::<WireArticle>(line)
                .map_err(|err| ReadError::InvalidArticle(err.to_string()))
                .and_then(|wire| article_from_wire(wire, name));
            (index, parsed)
        })
        .collect();
    let mut out = Vec::with_capacity(parsed.len());
    for (index, parsed) in parsed {
        let problem = |reason| Problem {
            input: input.to_string(),
            line: Some(index + 1),
            reason,
        };
        match parsed {
            Ok(read) => {
                problems.extend(read.note.map(|note| problem(Reason::Note(note))));
                out.push((read.article, read.label));
            }
            Err(error) => problems.push(problem(error.into())),
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

    fn from_json(content: &str) -> (Result<Vec<Article>, String>, Vec<Problem>) {
        let mut problems = Vec::new();
        let read = articles_from_json(
            "f.json",
            "f",
            content,
            &Limits::default(),
            &mut Vec::new(),
            &mut problems,
        );
        (read.map_err(|e| e.to_string()), problems)
    }

    #[test]
    fn json_takes_an_object_or_an_array() {
        assert_eq!(
            from_json("{\"id\": \"a\", \"title\": \"T\"}")
                .0
                .unwrap()
                .len(),
            1
        );
        let (read, problems) =
            from_json("[{\"id\": \"a\", \"title\": \"T\"}, {\"id\": \"b\", \"text\": \"X.\"}]");
        assert_eq!(read.unwrap().len(), 2);
        assert!(problems.is_empty());
        assert!(from_json("[1, 2").0.is_err(), "JSON that does not parse");
    }

    #[test]
    fn a_bad_item_of_an_array_is_reported_alone_with_its_line() {
        let content = "[\n{\"id\": 1, \"title\": \"One\"},\n{\"id\": 5, \"title\": {\"bad\": 1}},\n2,\n{\"id\": 3, \"title\": \"Three\", \"published\": \"someday\"}\n]";
        let (read, problems) = from_json(content);
        let ids: Vec<String> = read.unwrap().into_iter().map(|a| a.id).collect();
        assert_eq!(ids, ["1", "3"]);
        let told: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(told.len(), 3, "{told:?}");
        assert!(
            told[0].starts_with("f.json:3: item 2: not an article: invalid type: map"),
            "{told:?}"
        );
        assert!(
            told[1].starts_with("f.json:4: item 3: not an article"),
            "{told:?}"
        );
        assert_eq!(
            told[2],
            "f.json:5: item 4: article \"3\": cannot read published date \"someday\"; kept without a date"
        );
    }

    #[test]
    fn number_ids_keep_their_digits_as_written() {
        let (read, _) = from_json(
            "[{\"id\": 123456789012345678901234567890, \"title\": \"Big\"}, {\"id\": -1.50, \"title\": \"Odd\"}, {\"id\": \"\\u0041\", \"title\": \"Escaped\"}]",
        );
        let ids: Vec<String> = read.unwrap().into_iter().map(|a| a.id).collect();
        assert_eq!(ids, ["123456789012345678901234567890", "-1.50", "A"]);
        let (_, problems) = from_json("{\"id\": true, \"title\": \"T\"}");
        assert!(
            problems[0]
                .reason
                .to_string()
                .contains("id should be text or a number, found true")
        );
    }
}
