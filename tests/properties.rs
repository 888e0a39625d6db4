//! Property tests: every parser, and the whole pipeline, on arbitrary input. Each
//! property asserts an `Ok` or an error that names its input, never a panic, and, for
//! the rendered briefing, that hostile text stays inert.
//!
//! Each property runs 256 cases (proptest's default); `PROPTEST_CASES=10000 cargo test
//! --release --test properties` runs more. Inputs are kept small (a few KiB) so the
//! default run stays within seconds.

use std::path::Path;

use chrono::NaiveDate;
use newsdigest::config;
use newsdigest::extract;
use newsdigest::ingest::{self, Article, Input, Limits};
use newsdigest::options::Options;
use newsdigest::render::{Format, RenderOptions, Renderer};
use newsdigest::text;
use proptest::prelude::*;
use pulldown_cmark::{Event, Parser, Tag};

/// Every reader's extension.
const EXTENSIONS: &[&str] = &["txt", "md", "html", "json", "jsonl", "xml", "atom"];

/// Small limits, so the cutting paths are explored as well.
fn small_limits() -> Limits {
    Limits {
        max_file_bytes: 1 << 20,
        max_feed_items: 5,
        max_text_bytes: 512,
        max_html_elements: 200,
        max_html_depth: 16,
    }
}

/// Reads `bytes` as a file of type `extension`, checking what every reading promises:
/// each problem names the input, and no article exceeds the text limit.
fn read_as(extension: &str, bytes: &[u8]) -> Vec<Article> {
    let limits = small_limits();
    let input = Input {
        label: format!("in.{extension}"),
        name: "in".to_string(),
        extension: extension.to_string(),
    };
    let mut problems = Vec::new();
    let articles = ingest::articles_from_bytes(&input, bytes, &limits, &mut problems);
    for problem in &problems {
        let line = problem.to_string();
        assert!(line.starts_with(&format!("in.{extension}")), "{line}");
        assert!(
            !line.contains('\n') || line.lines().count() == 1,
            "{line:?}"
        );
    }
    for article in &articles {
        assert!(article.text.len() <= limits.max_text_bytes, "text not cut");
        assert!(!article.id.is_empty(), "every article has an id");
    }
    assert!(articles.len() <= limits.max_feed_items.max(1));
    articles
}

/// Text with the characters parsers treat specially, mixed with arbitrary Unicode.
fn markupish() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        4 => "[a-zA-Z0-9 .,;:!?'\"-]{0,12}",
        2 => prop::sample::select(vec![
            "<", ">", "</", "/>", "<div>", "</div>", "<p>", "<li>", "<script>", "</script>",
            "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#x0;", "&", "---\n", "+++\n",
            "\n", "\r\n", "{", "}", "[", "]", "\"", ":", "\u{feff}", "\u{0}", "\u{202e}",
            "U.S.", "Mr.", "2.5", "at least", "nearly", "two dozen", "90 billion", "20%",
            "Dec. 8, 2025", "1,000,000", "-12°C", "½", "٣", "ﬁ", "İ", "ß", "\u{1F600}",
            "{{ x }}", "{% raw %}", "javascript:", "https://e.x/a",
        ]).prop_map(str::to_string),
        1 => any::<String>(),
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|parts| parts.concat())
}

/// A JSON article object with hostile strings in every field.
fn article_json() -> impl Strategy<Value = String> {
    (
        markupish(),
        prop::option::of(markupish()),
        markupish(),
        prop::option::of(markupish()),
        prop::option::of(prop_oneof![
            Just("javascript:alert(1)".to_string()),
            Just("data:text/html,<script>alert(1)</script>".to_string()),
            Just("https://example.com/a?b=<c>".to_string()),
            markupish()
        ]),
        prop::option::of(prop_oneof![
            Just("2025-12-08T06:00:00Z".to_string()),
            markupish()
        ]),
    )
        .prop_map(|(id, title, text, source, url, published)| {
            serde_json::json!({"id": id, "title": title, "text": text, "source": source,
                               "url": url, "published": published})
            .to_string()
        })
}

/// An RSS document whose item fields are hostile.
fn rss() -> impl Strategy<Value = String> {
    (
        markupish(),
        prop::collection::vec((markupish(), markupish(), markupish()), 0..8),
    )
        .prop_map(|(title, items)| {
            let items: String = items
                .iter()
                .map(|(t, d, g)| {
                    format!(
                        "<item><title>{}</title><guid>{}</guid><description>{}</description></item>",
                        xml_escape(t),
                        xml_escape(g),
                        xml_escape(d)
                    )
                })
                .collect();
            format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{}</title>{items}</channel></rss>",
                xml_escape(&title)
            )
        })
}

fn xml_escape(text: &str) -> String {
    text.chars()
        .filter(|&c| c == '\t' || c == '\n' || c == '\r' || c >= ' ')
        .collect::<String>()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// HTML made of random, often unbalanced, tags around text.
fn html_page() -> impl Strategy<Value = String> {
    let tag = prop::sample::select(vec![
        "div", "p", "li", "ul", "span", "article", "nav", "script", "style", "h1", "title",
        "table", "tr", "td", "a", "b", "template", "svg", "math", "noscript",
    ]);
    let piece = prop_oneof![
        (tag.clone(), any::<bool>()).prop_map(|(t, open)| if open {
            format!("<{t}>")
        } else {
            format!("</{t}>")
        }),
        markupish(),
        Just("<meta property=\"og:title\" content=\"T\">".to_string()),
        Just("<time datetime=\"2025-12-08\">".to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn every_reader_takes_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        for extension in EXTENSIONS {
            read_as(extension, &bytes);
        }
    }

    #[test]
    fn every_reader_takes_arbitrary_text(text in markupish()) {
        for extension in EXTENSIONS {
            read_as(extension, text.as_bytes());
        }
    }

    #[test]
    fn front_matter_of_any_shape_is_read_or_refused(
        fence in prop::sample::select(vec!["---", "+++"]),
        matter in markupish(),
        body in markupish(),
    ) {
        let file = format!("{fence}\n{matter}\n{fence}\n{body}");
        read_as("md", file.as_bytes());
    }

    #[test]
    fn html_of_any_shape_is_read_or_refused(page in html_page()) {
        read_as("html", page.as_bytes());
    }

    #[test]
    fn json_and_jsonl_articles_are_read_or_refused(
        lines in prop::collection::vec(prop_oneof![3 => article_json(), 1 => markupish()], 0..8)
    ) {
        read_as("jsonl", lines.join("\n").as_bytes());
        read_as("json", format!("[{}]", lines.join(",")).as_bytes());
        if let Some(first) = lines.first() {
            read_as("json", first.as_bytes());
        }
    }

    #[test]
    fn feeds_are_read_or_refused(document in rss()) {
        read_as("xml", document.as_bytes());
    }

    #[test]
    fn the_text_stage_takes_any_text(body in markupish()) {
        let layout = text::layout_of(&body);
        for sentence in &layout.sentences {
            for (start, end) in text::clauses::clauses_of(&sentence.text) {
                prop_assert!(sentence.text.get(start..end).is_some(), "clause span off a char boundary");
            }
            let words = text::terms::words(&sentence.text);
            let read = text::terms::SentenceWords::of(&sentence.text);
            text::clauses::clauses_of_words(&sentence.text, &read);
            let terms = text::terms::terms_of(&sentence.text);
            prop_assert_eq!(text::terms::term_starts(&words).len(), terms.len());
            prop_assert_eq!(read.term_starts(), text::terms::term_starts(&words));
        }
        text::split_sentences(&body);
        newsdigest::headline::reads_as_headline(&body);
    }

    #[test]
    fn figures_and_dates_are_read_from_any_sentence(sentence in markupish()) {
        let quantities = extract::quantities_in(&sentence);
        for (i, a) in quantities.iter().enumerate() {
            prop_assert_eq!(sentence.get(a.start..a.end), Some(a.text.as_str()));
            let (low, high) = extract::bounds(a);
            prop_assert!(low <= high || low.is_nan() || high.is_nan());
            a.measure_label();
            for b in &quantities[i..] {
                extract::values_conflict(a, b);
            }
        }
        extract::dates_in(&sentence);
    }

    #[test]
    fn any_config_text_is_a_config_or_an_error_naming_the_file(text in prop_oneof![
        markupish(),
        "(\\[(digest|fetch|limits|\\[feeds\\])\\]\n([a-z_]{1,16} = (\"[^\"\n]{0,12}\"|[0-9]{1,22}|true)\n){0,4}){0,4}",
    ]) {
        if let Err(error) = config::parse(Path::new("conf/newsdigest.toml"), &text) {
            let message = error.to_string();
            prop_assert!(message.starts_with("conf/newsdigest.toml:"), "{}", message);
            prop_assert_eq!(message.lines().count(), 1, "{}", message);
        }
    }

    #[test]
    fn durations_and_sizes_are_read_or_refused(text in "[0-9a-zA-Z ]{0,24}") {
        let _ = config::duration::parse_duration(&text);
        let _ = ingest::limits::parse_size(&text);
    }
}

/// Arbitrary articles as the pipeline receives them.
fn articles() -> impl Strategy<Value = Vec<Article>> {
    let article = (
        prop::option::of(markupish()),
        markupish(),
        markupish(),
        prop::option::of(prop_oneof![
            Just("javascript:alert(1)".to_string()),
            Just("JaVaScRiPt:alert(1)".to_string()),
            Just("data:text/html;base64,PHNjcmlwdD4=".to_string()),
            Just("https://example.com/ok".to_string()),
            Just("https://example.com/\"onmouseover=\"alert(1)".to_string()),
            markupish(),
        ]),
        any::<bool>(),
    );
    prop::collection::vec(article, 1..6).prop_map(|items| {
        items
            .into_iter()
            .enumerate()
            .map(|(i, (title, text, source, url, dated))| Article {
                id: format!("a{i}"),
                title,
                text,
                source,
                url,
                published: dated
                    .then(|| chrono::DateTime::parse_from_rfc3339("2025-12-08T06:00:00Z").ok())
                    .flatten(),
            })
            .collect()
    })
}

/// What a rendered briefing promises whatever the articles held.
fn assert_inert(articles: &[Article], markdown: &str, html: &str, json: &str) {
    let lower_html = html.to_ascii_lowercase();
    for forbidden in [
        "<script",
        "javascript:",
        "data:text",
        "onmouseover=\"",
        "<img",
        "<iframe",
    ] {
        // The template itself holds none of these; any would be injected.
        assert!(
            !lower_html.contains(forbidden) || escaped_everywhere(html, forbidden),
            "{forbidden} in HTML"
        );
    }
    for event in Parser::new(markdown) {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => panic!("raw HTML in Markdown: {raw}"),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                assert!(
                    dest_url.starts_with("http://")
                        || dest_url.starts_with("https://")
                        || dest_url.starts_with('#'),
                    "link to {dest_url} in Markdown"
                );
            }
            _ => {}
        }
    }
    let digest: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
    let listed = digest["articles"].as_array().map_or(0, Vec::len);
    assert_eq!(listed, articles.len(), "every article is listed");
    for article in digest["articles"].as_array().into_iter().flatten() {
        if let Some(url) = article["url"].as_str() {
            assert!(
                url.starts_with("http://") || url.starts_with("https://"),
                "{url}"
            );
        }
    }
    let mut in_stories: Vec<&str> = digest["stories"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["articles"].as_array().into_iter().flatten())
        .filter_map(serde_json::Value::as_str)
        .collect();
    in_stories.sort_unstable();
    let mut ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(in_stories, ids, "every article in exactly one story");
}

/// True when `needle` only ever appears where it cannot act: inside text, after an
/// escaped `<` or quote. The HTML escapes `<`, `>` and `"`, so a tag or attribute
/// written by an article can never open.
fn escaped_everywhere(html: &str, needle: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    match needle {
        "javascript:" | "data:text" => {
            !lower.contains(&format!("href=\"{needle}"))
                && !lower.contains(&format!("src=\"{needle}"))
        }
        _ => !lower.contains(needle),
    }
}

proptest! {
    #[test]
    fn any_articles_make_a_briefing_with_nothing_injected(articles in articles()) {
        let date = NaiveDate::from_ymd_opt(2025, 12, 8).unwrap_or_default();
        let digest = newsdigest::summarize(articles.clone(), &Options::for_date(date));
        let renderer = Renderer::new(None, RenderOptions::default()).expect("built-in templates");
        let markdown = renderer.render(&digest, Format::Markdown).expect("markdown renders");
        let html = renderer.render(&digest, Format::Html).expect("HTML renders");
        let json = renderer.render(&digest, Format::Json).expect("JSON renders");
        assert_inert(&articles, &markdown, &html, &json);
    }
}
