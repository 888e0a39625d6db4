//! The bounds every input is read within, so that one hostile or broken file, feed or
//! page costs bounded time and memory: too big a file is skipped, a feed with too many
//! items is cut short, too long a text is truncated, and a page too large or too deeply
//! nested for Readability is read for its paragraphs alone. Each cut is reported.
//!
//! The defaults are far above any real news article; `[limits]` in the config and the
//! `--max-*` flags (or `NEWSDIGEST_MAX_*` variables) change them.

use super::Article;

/// How much of any one input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bigger files are skipped unread.
    pub max_file_bytes: u64,
    /// Items read from one feed, JSON array or JSONL file; the rest are left out.
    pub max_feed_items: usize,
    /// An article's text is truncated (at a word boundary) beyond this many bytes.
    pub max_text_bytes: usize,
    /// Pages with more elements than this are read without Readability.
    pub max_html_elements: usize,
    /// Pages nested deeper than this are read without Readability, whose scoring
    /// costs time proportional to the depth for every element.
    pub max_html_depth: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            // A day's batch of 100,000 articles as JSONL is some 400 MiB: the defaults
            // take it whole, and still refuse a 1 GB file.
            max_file_bytes: 512 * 1024 * 1024,
            max_feed_items: 100_000,
            max_text_bytes: 1024 * 1024,
            max_html_elements: 20_000,
            max_html_depth: 256,
        }
    }
}

/// The article with its text, title and source cut to `max_text_bytes`, each cut noted.
pub fn within(mut article: Article, limits: &Limits, notes: &mut Vec<String>) -> Article {
    let max = limits.max_text_bytes;
    let mut cut = Vec::new();
    if let Some(text) = truncated(&article.text, max) {
        article.text = text;
        cut.push("text");
    }
    if let Some(title) = article.title.as_deref().and_then(|t| truncated(t, max)) {
        article.title = Some(title);
        cut.push("title");
    }
    if let Some(source) = truncated(&article.source, max) {
        article.source = source;
        cut.push("source");
    }
    if !cut.is_empty() {
        notes.push(format!(
            "article {:?}: {} truncated to {} (max_text_bytes)",
            truncated(&article.id, 80).unwrap_or_else(|| article.id.clone()),
            cut.join(" and "),
            size_text(max as u64)
        ));
    }
    article
}

/// The note for an input whose items were cut to `max_feed_items`.
pub fn items_note(kept: usize, total: usize) -> String {
    format!("kept the first {kept} of {total} items (max_feed_items)")
}

/// `text` cut to at most `max_bytes`, at the last whitespace before the limit when there
/// is one (else at a character boundary), or `None` when it already fits.
pub fn truncated(text: &str, max_bytes: usize) -> Option<String> {
    if text.len() <= max_bytes {
        return None;
    }
    let mut end = max_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &text[..end];
    let at_word = cut
        .rfind(char::is_whitespace)
        .filter(|&space| space > end / 2)
        .map_or(cut, |space| &cut[..space]);
    Some(at_word.trim_end().to_string())
}

/// A byte count as people read it: `64 MiB`, `512 KiB`, `1000 bytes`.
pub fn size_text(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = KIB * 1024;
    const GIB: u64 = MIB * 1024;
    match bytes {
        b if b >= GIB && b.is_multiple_of(GIB) => format!("{} GiB", b / GIB),
        b if b >= MIB && b.is_multiple_of(MIB) => format!("{} MiB", b / MIB),
        b if b >= KIB && b.is_multiple_of(KIB) => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}

/// A size that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid size {0:?}: expected a number of bytes, or one with a unit (KiB, MiB, GiB), like 64MiB"
)]
pub struct SizeError(String);

/// Reads a size as written in the config or on the command line: `1048576`, `512KiB`,
/// `64MiB`, `1GiB` (`K`, `M`, `G`, `KB`, `MB`, `GB` are taken as the same binary units).
pub fn parse_size(text: &str) -> Result<u64, SizeError> {
    let trimmed = text.trim();
    let explain = || SizeError(trimmed.to_string());
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return Err(explain());
    }
    let number: u64 = trimmed[..digits].parse().map_err(|_| explain())?;
    let unit: u64 = match trimmed[digits..].trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1024,
        "m" | "mb" | "mib" => 1024 * 1024,
        "g" | "gb" | "gib" => 1024 * 1024 * 1024,
        _ => return Err(explain()),
    };
    number.checked_mul(unit).ok_or_else(explain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_at_a_word_within_the_limit() {
        assert_eq!(truncated("short", 10), None);
        assert_eq!(
            truncated("one two three four", 10).as_deref(),
            Some("one two")
        );
        // A cut never splits a character.
        let cut = truncated("ééééé", 3).unwrap_or_default();
        assert_eq!(cut, "é");
    }

    #[test]
    fn sizes_read_with_and_without_units() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("64MiB"), Ok(64 * 1024 * 1024));
        assert_eq!(parse_size(" 2 k "), Ok(2048));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
        assert_eq!(size_text(64 * 1024 * 1024), "64 MiB");
        assert_eq!(size_text(1000), "1000 bytes");
    }
}
