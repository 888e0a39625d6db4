//! Shared by the targets: reading bytes as one input of a given file type, the way
//! `newsdigest build` reads a file.

use newsdigest::ingest::{self, Article, Input, Limits};

/// Small limits, so each run explores the limit paths too and stays fast.
pub fn limits() -> Limits {
    Limits {
        max_file_bytes: 1 << 20,
        max_feed_items: 50,
        max_text_bytes: 16 * 1024,
        max_html_elements: 2_000,
        max_html_depth: 64,
    }
}

pub fn read_as(extension: &str, bytes: &[u8]) -> Vec<Article> {
    let input = Input {
        label: format!("fuzz.{extension}"),
        name: "fuzz".to_string(),
        extension: extension.to_string(),
    };
    let mut problems = Vec::new();
    let articles = ingest::articles_from_bytes(&input, bytes, &limits(), &mut problems);
    for problem in &problems {
        // Every problem names its input.
        assert!(problem.to_string().starts_with("fuzz."), "{problem}");
    }
    articles
}
