//! The whole pipeline: JSONL articles to a digest, rendered as Markdown, HTML and JSON.
#![no_main]
mod common;

use libfuzzer_sys::fuzz_target;
use newsdigest::options::Options;
use newsdigest::render::{Format, RenderOptions, Renderer};

fuzz_target!(|bytes: &[u8]| {
    let articles = common::read_as("jsonl", bytes);
    if articles.is_empty() {
        return;
    }
    let date = chrono::NaiveDate::from_ymd_opt(2025, 12, 8).unwrap_or_default();
    let digest = newsdigest::summarize(articles, &Options::for_date(date));
    let Ok(renderer) = Renderer::new(None, RenderOptions::default()) else {
        return;
    };
    for format in Format::ALL {
        let rendered = renderer.render(&digest, format).expect("built-in templates render");
        if format == Format::Json {
            serde_json::from_str::<serde_json::Value>(&rendered).expect("valid JSON");
        }
    }
});
