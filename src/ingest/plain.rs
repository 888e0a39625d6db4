//! Plain-text articles: the first line is the title when it reads as a headline
//! (short, capitalised, without a final full stop); otherwise the article has no title
//! and the first line is part of the body.

use super::{Article, ReadError, tidy_text};
use crate::headline::reads_as_headline;

pub fn article_from_text(name: &str, content: &str) -> Result<Article, ReadError> {
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
        return Err(ReadError::EmptyFile);
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
