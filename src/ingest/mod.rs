//! Ingest stage: reads article files and folders into [`Article`]s.
//!
//! It owns the input formats (plain text, Markdown with front matter, HTML, JSON, JSONL
//! and RSS/Atom/JSON feeds) and the rules for what a file's id, title and source are. A file that cannot
//! be read or parsed becomes a [`Problem`] naming the file (and line, for JSONL) and the
//! run goes on with the rest; whether a run with problems fails is the caller's choice.
//! It does not split text into sentences: that is `text`.

pub mod clean;
mod error;
mod feed;
mod html;
mod json;
pub mod limits;
mod markdown;
pub mod markup;
mod names;
mod plain;
mod walk;

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

pub use error::{ReadError, Reason};
pub use feed::{SourceName, articles_from_feed};
pub use html::article_from_html;
pub use json::{articles_from_jsonl, articles_from_jsonl_labelled};
pub use limits::Limits;
pub use names::{fallback_source, readable_file_name};

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

/// Something wrong with one input, naming it (file, and line for JSONL or a JSON
/// array's item); the run goes on without it (or with what could be salvaged, as the
/// reason says).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub input: String,
    pub line: Option<usize>,
    pub reason: Reason,
}

impl std::error::Error for Problem {}

impl Problem {
    /// The input could not be opened or read at all (missing, no permission).
    pub fn is_unreadable_input(&self) -> bool {
        matches!(self.reason, Reason::CannotRead(_)) && self.line.is_none()
    }
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

/// The file extensions read from folders.
const KNOWN_EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "html", "htm", "json", "jsonl", "xml", "rss", "atom",
];

/// Feed files, read as bytes so their XML encoding declaration is honoured.
const FEED_EXTENSIONS: &[&str] = &["xml", "rss", "atom"];

/// Reads every article under the given files and folders (folders recursively, in name
/// order, so a run is reproducible; the `walk` module says what is followed). Ids are made
/// unique: a repeated id gets a suffix.
pub fn read_paths(paths: &[PathBuf], limits: &Limits) -> Ingested {
    let mut ingested = Ingested::default();
    let files = walk::files_under(paths, &mut ingested.problems);
    let mut seen_ids = HashSet::new();
    for file in files {
        let mut articles = read_file(&file, limits, &mut ingested.problems);
        for article in &mut articles {
            article.id = unique_id(&article.id, &mut seen_ids);
        }
        ingested.articles.extend(articles);
    }
    ingested
}

/// `id`, or `id-2`, `id-3`, ... when it is taken already.
pub(crate) fn unique_id(id: &str, seen: &mut HashSet<String>) -> String {
    if seen.insert(id.to_string()) {
        return id.to_string();
    }
    (2..)
        .map(|n| format!("{id}-{n}"))
        .find(|candidate| seen.insert(candidate.clone()))
        .unwrap_or_else(|| id.to_string())
}

fn has_known_extension(path: &Path) -> bool {
    extension_of(path).is_some_and(|ext| KNOWN_EXTENSIONS.contains(&ext.as_str()))
}

fn extension_of(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

fn problem(path: &Path, reason: Reason) -> Problem {
    Problem {
        input: path.display().to_string(),
        line: None,
        reason,
    }
}

/// A note about `path` (see [`Reason::Note`]).
fn note(path: &Path, text: String) -> Problem {
    problem(path, Reason::Note(text))
}

/// Reads one file into zero or more articles (JSONL holds many), recording problems.
pub fn read_file(path: &Path, limits: &Limits, problems: &mut Vec<Problem>) -> Vec<Article> {
    let Some(bytes) = read_bytes(path, limits.max_file_bytes, problems) else {
        return Vec::new();
    };
    let input = Input {
        label: path.display().to_string(),
        name: file_stem(path),
        extension: extension_of(path).unwrap_or_default(),
    };
    articles_from_bytes(&input, &bytes, limits, problems)
}

/// Where some bytes came from: how problems name it, the default id and source name,
/// and the (lower-case) file extension that chooses the reader.
#[derive(Debug, Clone)]
pub struct Input {
    pub label: String,
    pub name: String,
    pub extension: String,
}

/// Reads an input's bytes with the reader its extension chooses, within `limits`:
/// what cannot be read, and what was cut to fit, become problems naming the input.
pub fn articles_from_bytes(
    input: &Input,
    bytes: &[u8],
    limits: &Limits,
    problems: &mut Vec<Problem>,
) -> Vec<Article> {
    let mut notes = Vec::new();
    let result = parse_bytes(input, bytes, limits, &mut notes, problems);
    let articles = match result {
        Ok(articles) => {
            // A feed with no items is a quiet feed, not a broken file.
            if articles.is_empty() && !FEED_EXTENSIONS.contains(&input.extension.as_str()) {
                notes.push("no article found".to_string());
            }
            articles
                .into_iter()
                .map(|article| limits::within(clean::cleaned(article), limits, &mut notes))
                .collect()
        }
        Err(error) => {
            problems.push(Problem {
                input: input.label.clone(),
                line: None,
                reason: error.into(),
            });
            Vec::new()
        }
    };
    problems.extend(notes.into_iter().map(|text| Problem {
        input: input.label.clone(),
        line: None,
        reason: Reason::Note(text),
    }));
    articles
}

fn parse_bytes(
    input: &Input,
    bytes: &[u8],
    limits: &Limits,
    notes: &mut Vec<String>,
    problems: &mut Vec<Problem>,
) -> Result<Vec<Article>, ReadError> {
    let name = input.name.as_str();
    let extension = input.extension.as_str();
    if FEED_EXTENSIONS.contains(&extension) {
        return feed::articles_from_feed(
            bytes,
            None,
            SourceName::FeedTitleOr(name),
            limits,
            None,
            notes,
        );
    }
    let content = text_of(bytes, notes)?;
    match extension {
        "txt" => plain::article_from_text(name, &content).map(|a| vec![a]),
        "md" | "markdown" => {
            markdown::article_from_markdown(name, &content, notes).map(|a| vec![a])
        }
        "html" | "htm" => {
            let deadline = Instant::now() + markup::parse_budget(content.len());
            html::article_from_html(name, &content, limits, deadline, notes).map(|a| vec![a])
        }
        "json" if is_json_feed(&content) => feed::articles_from_feed(
            content.as_bytes(),
            None,
            SourceName::FeedTitleOr(name),
            limits,
            None,
            notes,
        ),
        "json" => json::articles_from_json(&input.label, name, &content, limits, notes, problems),
        "jsonl" => Ok(json::articles_from_jsonl_within(
            &input.label,
            name,
            &content,
            limits,
            problems,
        )),
        _ => Err(ReadError::UnsupportedType(KNOWN_EXTENSIONS.join(", "))),
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

/// The bytes as text: binary is refused, invalid UTF-8 is replaced with a note. Valid
/// text is borrowed, not copied: a day's JSONL dump is hundreds of megabytes.
fn text_of<'a>(bytes: &'a [u8], notes: &mut Vec<String>) -> Result<Cow<'a, str>, ReadError> {
    if looks_binary(bytes) {
        return Err(ReadError::Binary);
    }
    Ok(match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            notes.push("contains invalid UTF-8; decoded with replacement characters".to_string());
            Cow::Owned(String::from_utf8_lossy(bytes).into_owned())
        }
    })
}

/// The file's bytes, unless it is over the size limit or cannot be read. The size is
/// checked again while reading: a file that grows after `metadata` is still cut off.
fn read_bytes(path: &Path, max_bytes: u64, problems: &mut Vec<Problem>) -> Option<Vec<u8>> {
    let too_big = |size: String| {
        format!(
            "skipped: {size} is over the {} limit (max_file_bytes)",
            limits::size_text(max_bytes)
        )
    };
    let read = open_without_waiting(path).and_then(|file| {
        let metadata = file.metadata()?;
        // Checked on the file opened, not the path looked at before: a FIFO put there
        // since would hang the run, a device would never end.
        if !metadata.is_file() {
            let kind = walk::kind_of(&metadata);
            return Ok(Err(format!("skipped: {kind}, not a regular file")));
        }
        let size = metadata.len();
        if size > max_bytes {
            return Ok(Err(too_big(format!("{size} bytes"))));
        }
        let bytes = whole_file(&file, size, max_bytes)?;
        if bytes.len() as u64 > max_bytes {
            return Ok(Err(too_big("the file".to_string())));
        }
        Ok(Ok(bytes))
    });
    let refused = match read {
        Ok(Ok(bytes)) => return Some(bytes),
        Ok(Err(reason)) => Reason::Note(reason),
        Err(err) => Reason::CannotRead(err.to_string()),
    };
    problems.push(problem(path, refused));
    None
}

/// Opens `path` for reading without waiting for a writer: a FIFO opens at once (and is
/// then refused) instead of blocking the run.
fn open_without_waiting(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Files at least this large are read by every core at once (see [`read_in_parallel`]).
const PARALLEL_READ_FROM: u64 = 32 * 1024 * 1024;

/// How much of a large file one core reads at a time.
const PARALLEL_READ_CHUNK: usize = 8 * 1024 * 1024;

/// The file's bytes (`size` as its metadata gave it, within `max_bytes`), read as far as
/// one byte past `max_bytes` so that a file that grew since is caught by the caller.
fn whole_file(file: &fs::File, size: u64, max_bytes: u64) -> io::Result<Vec<u8>> {
    // A file that shrank is read again below from the start: reading at offsets leaves
    // the file's position there.
    #[cfg(unix)]
    if size >= PARALLEL_READ_FROM
        && let Some(bytes) = read_in_parallel(file, size, max_bytes)?
    {
        return Ok(bytes);
    }
    // Room for the whole file up front (its size is within the limit): growing by
    // doubling would copy a large feed dump several times and touch twice its memory.
    // One byte more lets a file that grew since its size was read be caught.
    let mut bytes = Vec::with_capacity(usize::try_from(size).map_or(0, |s| s + 1));
    file.take(max_bytes + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// A large file read in chunks by every core at once: copying a few hundred megabytes
/// out of the page cache, and faulting in the memory they land in, took a second on
/// one core. Then whatever the file grew by since `size` was read is read after it, as
/// one reader would. `None` when the file turned out shorter than `size`: the caller
/// reads it again from the start, so a file that shrank leaves no zeros behind.
#[cfg(unix)]
fn read_in_parallel(file: &fs::File, size: u64, max_bytes: u64) -> io::Result<Option<Vec<u8>>> {
    use rayon::prelude::*;
    use std::io::{Seek, SeekFrom};
    let Ok(len) = usize::try_from(size) else {
        return Ok(None);
    };
    let mut bytes = vec![0; len];
    let filled = bytes
        .par_chunks_mut(PARALLEL_READ_CHUNK)
        .enumerate()
        .map(|(i, chunk)| fill_at(file, chunk, (i * PARALLEL_READ_CHUNK) as u64))
        .collect::<io::Result<Vec<bool>>>()?;
    if !filled.into_iter().all(|full| full) {
        return Ok(None);
    }
    let mut file = file;
    file.seek(SeekFrom::Start(size))?;
    file.take(max_bytes + 1 - size).read_to_end(&mut bytes)?;
    Ok(Some(bytes))
}

/// Fills `chunk` with the file's bytes from `offset` on; false when the file ends first.
#[cfg(unix)]
fn fill_at(file: &fs::File, chunk: &mut [u8], offset: u64) -> io::Result<bool> {
    use std::os::unix::fs::FileExt;
    let mut filled = 0;
    while filled < chunk.len() {
        match file.read_at(&mut chunk[filled..], offset + filled as u64) {
            Ok(0) => return Ok(false),
            Ok(read) => filled += read,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    Ok(true)
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
/// breaks, which carry the layout the text stage reads. Most lines already are so, and
/// are copied whole; the text is trimmed in place rather than copied again.
pub(crate) fn tidy_text(text: &str) -> String {
    // One byte more than the text: every line gets a break, the last one too.
    let mut out = String::with_capacity(text.len() + 1);
    for line in text.lines() {
        if is_tidy(line) {
            out.push_str(line);
        } else {
            push_words(&mut out, line.split_whitespace());
        }
        out.push('\n');
    }
    trim_in_place(&mut out);
    out
}

/// True when a line is already as [`tidy_text`] leaves it (most lines): single spaces
/// between words and no other whitespace. The byte tests read every byte without
/// stopping early, which the compiler turns into wide comparisons; only a line with
/// other than ASCII is read again by characters.
fn is_tidy(line: &str) -> bool {
    let bytes = line.as_bytes();
    let ascii_whitespace_but_space = bytes
        .iter()
        .fold(false, |seen, b| seen | (b'\t'..=b'\r').contains(b));
    let double_space = bytes.windows(2).fold(false, |seen, pair| {
        seen | (pair[0] == b' ' && pair[1] == b' ')
    });
    bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && !ascii_whitespace_but_space
        && !double_space
        && (line.is_ascii() || line.chars().all(|c| c == ' ' || !c.is_whitespace()))
}

/// Appends the words, one space between each.
fn push_words<'a>(out: &mut String, words: impl Iterator<Item = &'a str>) {
    for (k, word) in words.enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// `text.trim()`, in place; the room left is given back when it is a large share (a
/// text that was mostly whitespace).
fn trim_in_place(text: &mut String) {
    text.truncate(text.trim_end().len());
    let leading = text.len() - text.trim_start().len();
    text.drain(..leading);
    if text.capacity() - text.len() > text.len() / 8 {
        text.shrink_to_fit();
    }
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

    fn file_holding(bytes: &[u8]) -> (tempfile::TempDir, fs::File) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        fs::write(&path, bytes).unwrap();
        let file = fs::File::open(&path).unwrap();
        (dir, file)
    }

    #[cfg(unix)]
    #[test]
    fn a_file_read_in_parallel_is_read_whole() {
        let content: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        let (_dir, file) = file_holding(&content);
        let read = read_in_parallel(&file, content.len() as u64, u64::MAX - 1).unwrap();
        assert_eq!(read.as_deref(), Some(content.as_slice()));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_that_grew_is_read_to_its_end_and_past_the_limit_caught() {
        let (_dir, file) = file_holding(b"0123456789");
        let grown = read_in_parallel(&file, 4, 100).unwrap();
        assert_eq!(grown.as_deref(), Some(b"0123456789".as_slice()));
        let over = read_in_parallel(&file, 4, 6).unwrap().unwrap();
        assert_eq!(over, b"0123456", "one byte past the limit");
    }

    #[cfg(unix)]
    #[test]
    fn a_file_that_shrank_is_read_again_without_zeros() {
        let (_dir, file) = file_holding(b"short");
        assert_eq!(read_in_parallel(&file, 50, 100).unwrap(), None);
        let size = PARALLEL_READ_FROM + 1;
        assert_eq!(whole_file(&file, size, size).unwrap(), b"short");
    }

    #[test]
    fn valid_text_is_borrowed() {
        let mut notes = Vec::new();
        assert!(matches!(
            text_of(b"plain", &mut notes),
            Ok(Cow::Borrowed("plain"))
        ));
        let lossy = text_of(b"caf\xe9 au lait, with more words", &mut notes).unwrap();
        assert_eq!(lossy, "caf\u{fffd} au lait, with more words");
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn tidying_splits_every_line_at_unicode_whitespace() {
        assert_eq!(
            tidy_text("\n \u{b}a\u{b}b\t\u{c}c  d\r\n\n e\u{a0}f\u{2003} g \n\n"),
            "a b c d\n\ne f g"
        );
        assert_eq!(tidy_text("x\u{b}\u{85}y\u{1f}z\r"), "x y\u{1f}z");
        assert_eq!(tidy_text("\u{3000} \n\u{a0}"), "");
    }

    /// The tidying as first written: every line split into words and joined.
    fn tidy_by_words(text: &str) -> String {
        let lines: Vec<String> = text
            .lines()
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        (lines.join("\n") + "\n").trim().to_string()
    }

    #[test]
    fn tidy_lines_copied_whole_tidy_as_lines_split_into_words() {
        let pieces = [
            "a", "b c", " ", "  ", "\t", "\r\n", "\n", "\u{a0}", "\u{2003}", "\u{85}", "é",
            "\u{1f}", "x.", "\u{b}", "",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(seed % 9) {
                crate::test_random::next(&mut seed);
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            seed = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
            assert_eq!(tidy_text(&text), tidy_by_words(&text), "{text:?}");
        }
    }

    #[test]
    fn binary_is_detected() {
        assert!(looks_binary(b"abc\0def"));
        assert!(!looks_binary("plain text, with ünïcode".as_bytes()));
    }
}
