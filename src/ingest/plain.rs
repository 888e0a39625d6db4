//! Plain-text articles: the first line is the title when it reads as a headline
//! (short, capitalised, without a final full stop); otherwise the article has no title
//! and the first line is part of the body.

use super::{Article, tidy_text};

/// Lines longer than this are never headlines.
const HEADLINE_MAX_CHARS: usize = 120;
/// Headlines are short: more words than this is prose that lost its full stop.
const HEADLINE_MAX_WORDS: usize = 16;

pub fn article_from_text(name: &str, content: &str) -> Result<Article, String> {
    let content = content.trim_start_matches('\u{feff}');
    let mut lines = content.lines();
    let first = lines.by_ref().find(|l| !l.trim().is_empty()).unwrap_or("");
    let (title, body) = if reads_as_headline(first) {
        (
            Some(first.trim().to_string()),
            lines.collect::<Vec<_>>().join("\n"),
        )
    } else {
        (None, content.to_string())
    };
    let text = tidy_text(&body);
    if title.is_none() && text.is_empty() {
        return Err("empty file".to_string());
    }
    Ok(Article {
        id: name.to_string(),
        source: super::fallback_source(title.as_deref(), name),
        title,
        text,
        url: None,
        published: None,
    })
}

/// True when a line reads as a headline or sub-heading: short, starting with a capital,
/// digit or quote, and not ending like a sentence or a clause.
pub fn reads_as_headline(line: &str) -> bool {
    let line = line.trim();
    let Some(first) = line.chars().next() else {
        return false;
    };
    let last = line.chars().last().unwrap_or(' ');
    let trimmed = line.trim_end_matches(is_closing_char);
    let quoted_sentence_end = trimmed.len() < line.len() && trimmed.ends_with(['.', '!', '?', ',']);
    (first.is_uppercase() || first.is_ascii_digit() || is_opening_quote(first))
        && line.chars().count() <= HEADLINE_MAX_CHARS
        && line.split_whitespace().count() <= HEADLINE_MAX_WORDS
        && !matches!(
            last,
            '.' | ',' | ';' | ':' | '!' | '?' | '…' | '—' | '–' | '-'
        )
        && !quoted_sentence_end
}

fn is_closing_char(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '›')
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '‹')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headline_first_line_is_the_title() {
        let a = article_from_text("x", "Peace Talks Stall\n\nThe talks ended.").unwrap();
        assert_eq!(a.title.as_deref(), Some("Peace Talks Stall"));
        assert_eq!(a.text, "The talks ended.");
        assert_eq!(a.source, "Peace Talks Stall", "no source: the title");
        let untitled = article_from_text("004_fc98af368a407eb0", "The talks ended.").unwrap();
        assert_eq!(
            untitled.source, "004",
            "no title: the file name without its hash"
        );
    }

    #[test]
    fn a_sentence_first_line_is_body() {
        let a = article_from_text("x", "Three days of talks ended.\nMore.").unwrap();
        assert_eq!(a.title, None);
        assert!(a.text.starts_with("Three days"));
    }

    #[test]
    fn empty_files_are_errors() {
        assert!(article_from_text("x", "  \n\n").is_err());
    }
}
