//! Ingest stage: reads article files and folders into [`Article`]s.
//!
//! It owns the input formats (plain text, Markdown with front matter, HTML, JSON, JSONL
//! and RSS/Atom/JSON feeds) and the rules for what a file's id, title and source are. A file that cannot
//! be read or parsed becomes a [`Problem`] naming the file (and line, for JSONL) and the
//! run goes on with the rest; whether a run with problems fails is the caller's choice.
//! It does not split text into sentences: that is `text`.

mod feed;
mod html;
mod json;
mod markdown;
mod plain;

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

pub use feed::{SourceName, articles_from_feed};
pub use html::article_from_html;
pub use json::{articles_from_jsonl, articles_from_jsonl_labelled};
pub use plain::reads_as_headline;

/// One news article, as read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub title: Option<String>,
    pub text: String,
    pub source: String,
    pub url: Option<String>,
    pub published: Option<DateTime<FixedOffset>>,
}

/// Something wrong with one input; the run goes on without it (or with what could be
/// salvaged, as the reason says).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub input: String,
    pub line: Option<usize>,
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.input, line, self.reason),
            None => write!(f, "{}: {}", self.input, self.reason),
        }
    }
}

/// What reading the inputs gave: the articles, and every problem met on the way.
#[derive(Debug, Default)]
pub struct Ingested {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
}

/// Files larger than this are skipped: no news article is this long, and reading one
/// whole would cost memory for nothing.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The file extensions read from folders.
const KNOWN_EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "html", "htm", "json", "jsonl", "xml", "rss", "atom",
];

/// Feed files, read as bytes so their XML encoding declaration is honoured.
const FEED_EXTENSIONS: &[&str] = &["xml", "rss", "atom"];

/// Reads every article under the given files and folders (folders recursively, in name
/// order, so a run is reproducible). Ids are made unique: a repeated id gets a suffix.
pub fn read_paths(paths: &[PathBuf]) -> Ingested {
    let mut ingested = Ingested::default();
    let mut files = Vec::new();
    for path in paths {
        collect_files(path, true, &mut files, &mut ingested.problems);
    }
    let mut seen_ids = HashSet::new();
    for file in files {
        let mut articles = read_file(&file, &mut ingested.problems);
        for article in &mut articles {
            article.id = unique_id(&article.id, &mut seen_ids);
        }
        ingested.articles.extend(articles);
    }
    ingested
}

fn unique_id(id: &str, seen: &mut HashSet<String>) -> String {
    if seen.insert(id.to_string()) {
        return id.to_string();
    }
    (2..)
        .map(|n| format!("{id}-{n}"))
        .find(|candidate| seen.insert(candidate.clone()))
        .unwrap_or_else(|| id.to_string())
}

fn collect_files(path: &Path, named: bool, files: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(err) => {
            problems.push(problem(path, format!("cannot read: {err}")));
            return;
        }
    };
    if metadata.is_dir() {
        let entries = match fs::read_dir(path) {
            Ok(entries) => entries,
            Err(err) => {
                problems.push(problem(path, format!("cannot list folder: {err}")));
                return;
            }
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for child in children {
            let hidden = child
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if !hidden {
                collect_files(&child, false, files, problems);
            }
        }
    } else if has_known_extension(path) {
        files.push(path.to_path_buf());
    } else if named {
        problems.push(problem(
            path,
            format!(
                "unsupported file type (expected one of: {})",
                KNOWN_EXTENSIONS.join(", ")
            ),
        ));
    }
}

fn has_known_extension(path: &Path) -> bool {
    extension_of(path).is_some_and(|ext| KNOWN_EXTENSIONS.contains(&ext.as_str()))
}

fn extension_of(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

fn problem(path: &Path, reason: String) -> Problem {
    Problem {
        input: path.display().to_string(),
        line: None,
        reason,
    }
}

/// Reads one file into zero or more articles (JSONL holds many), recording problems.
pub fn read_file(path: &Path, problems: &mut Vec<Problem>) -> Vec<Article> {
    let extension = extension_of(path);
    let name = file_stem(path);
    if extension
        .as_deref()
        .is_some_and(|ext| FEED_EXTENSIONS.contains(&ext))
    {
        let Some(bytes) = read_bytes(path, problems) else {
            return Vec::new();
        };
        let result = feed::articles_from_feed(&bytes, None, SourceName::FeedTitleOr(&name));
        return articles_or_problem(path, result, problems);
    }
    let Some(content) = read_text(path, problems) else {
        return Vec::new();
    };
    let input = path.display().to_string();
    let result = match extension.as_deref() {
        Some("txt") => plain::article_from_text(&name, &content).map(|a| vec![a]),
        Some("md" | "markdown") => {
            markdown::article_from_markdown(&name, &content).map(|a| vec![a])
        }
        Some("html" | "htm") => html::article_from_html(&name, &content).map(|a| vec![a]),
        Some("json") if is_json_feed(&content) => {
            feed::articles_from_feed(content.as_bytes(), None, SourceName::FeedTitleOr(&name))
        }
        Some("json") => json::articles_from_json(&name, &content),
        Some("jsonl") => Ok(json::articles_from_jsonl(&input, &name, &content, problems)),
        _ => Err("unsupported file type".to_string()),
    };
    articles_or_problem(path, result, problems)
}

fn articles_or_problem(
    path: &Path,
    result: Result<Vec<Article>, String>,
    problems: &mut Vec<Problem>,
) -> Vec<Article> {
    match result {
        Ok(articles) => {
            if articles.is_empty() {
                problems.push(problem(path, "no article found".to_string()));
            }
            articles
        }
        Err(reason) => {
            problems.push(problem(path, reason));
            Vec::new()
        }
    }
}

/// A JSON Feed names its version as a jsonfeed.org URL; an article object never does.
fn is_json_feed(content: &str) -> bool {
    #[derive(Deserialize)]
    struct Versioned {
        version: Option<String>,
    }
    serde_json::from_str::<Versioned>(content)
        .ok()
        .and_then(|v| v.version)
        .is_some_and(|v| v.starts_with("https://jsonfeed.org/version/"))
}

/// The file's text: binary files are refused, invalid UTF-8 is replaced with a warning.
fn read_text(path: &Path, problems: &mut Vec<Problem>) -> Option<String> {
    let bytes = read_bytes(path, problems)?;
    if looks_binary(&bytes) {
        problems.push(problem(path, "skipped: binary file, not text".to_string()));
        return None;
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(err) => {
            problems.push(problem(
                path,
                "contains invalid UTF-8; decoded with replacement characters".to_string(),
            ));
            Some(String::from_utf8_lossy(err.as_bytes()).into_owned())
        }
    }
}

/// The file's bytes, unless it is over the size limit or cannot be read.
fn read_bytes(path: &Path, problems: &mut Vec<Problem>) -> Option<Vec<u8>> {
    match fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            problems.push(problem(
                path,
                format!(
                    "skipped: {} bytes is over the {} byte limit",
                    meta.len(),
                    MAX_FILE_BYTES
                ),
            ));
            return None;
        }
        Ok(_) => {}
        Err(err) => {
            problems.push(problem(path, format!("cannot read: {err}")));
            return None;
        }
    }
    match fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(err) => {
            problems.push(problem(path, format!("cannot read: {err}")));
            None
        }
    }
}

/// A NUL byte in the first 8 KiB, or mostly undecodable bytes, means not text.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let lossy = String::from_utf8_lossy(head);
    let replaced = lossy
        .chars()
        .filter(|&c| c == char::REPLACEMENT_CHARACTER)
        .count();
    head.len() > 32 && replaced * 4 > lossy.chars().count()
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Reads a publication time: RFC 3339, RFC 2822, or a plain date (taken as midnight UTC).
pub fn parse_published(value: &str) -> Option<DateTime<FixedOffset>> {
    let value = value.trim();
    DateTime::parse_from_rfc3339(value)
        .or_else(|_| DateTime::parse_from_rfc2822(value))
        .ok()
        .or_else(|| {
            let naive = chrono::NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S")
                .or_else(|_| chrono::NaiveDateTime::parse_from_str(value, "%Y-%m-%d %H:%M:%S"))
                .ok()
                .or_else(|| {
                    NaiveDate::parse_from_str(value, "%Y-%m-%d")
                        .ok()
                        .and_then(|d| d.and_hms_opt(0, 0, 0))
                })?;
            Some(naive.and_utc().fixed_offset())
        })
}

/// Collapses runs of spaces and tabs inside lines and trims each line, keeping line
/// breaks, which carry the layout the text stage reads.
pub(crate) fn tidy_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut first = true;
        for word in line.split_whitespace() {
            if !first {
                out.push(' ');
            }
            out.push_str(word);
            first = false;
        }
        out.push('\n');
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_ids_get_a_suffix() {
        let mut seen = HashSet::new();
        assert_eq!(unique_id("a", &mut seen), "a");
        assert_eq!(unique_id("a", &mut seen), "a-2");
        assert_eq!(unique_id("a", &mut seen), "a-3");
    }

    #[test]
    fn publication_times_in_common_forms() {
        assert!(parse_published("2014-03-10T16:52:50.698000+00:00").is_some());
        assert!(parse_published("Tue, 10 Jun 2003 04:00:00 GMT").is_some());
        assert!(parse_published("2025-12-07").is_some());
        assert!(parse_published("yesterday").is_none());
    }

    #[test]
    fn binary_is_detected() {
        assert!(looks_binary(b"abc\0def"));
        assert!(!looks_binary("plain text, with ünïcode".as_bytes()));
    }
}
