//! The written files checked the way their readers see them: the Markdown briefing
//! parsed with pulldown-cmark (CommonMark with GitHub's extensions, as common viewers
//! render it), the Atom feed with a strict XML parser, the index by its links. Hostile
//! article text must come out as text in every format.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

mod common;

use common::{SAMPLE_DATE, newsdigest, samples};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_json::Value;

/// Single-source statements the briefing shows per story (`Options::single_source_shown`).
const SINGLE_SOURCE_SHOWN: usize = 8;
const HOSTILE: &str =
    "[x](javascript:alert(1)) <script>alert(1)</script> # heading * item ` | {{ x }} {% raw %}";

/// Builds every format of `inputs` for `date` into `out`.
fn build(inputs: &Path, out: &Path, date: &str, extra: &[&str]) {
    newsdigest()
        .args(["build", "--quiet", "--date", date, "--out"])
        .arg(out)
        .args(extra)
        .arg(inputs)
        .assert()
        .success();
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// What a Markdown viewer makes of a briefing.
#[derive(Default, Debug)]
struct MarkdownShape {
    headings: Vec<(HeadingLevel, String)>,
    list_items: usize,
    nested_lists: usize,
    links: Vec<String>,
    html: Vec<String>,
    /// Texts shown in bold / in italics (the figure / changed words).
    strong: Vec<String>,
    emphasis: Vec<String>,
    /// All visible text, in order.
    text: String,
}

fn markdown_shape(markdown: &str) -> MarkdownShape {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM;
    let mut shape = MarkdownShape::default();
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut list_depth = 0;
    let mut strong_depth = 0;
    let mut emphasis_depth = 0;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => shape.headings.extend(heading.take()),
            Event::Start(Tag::List(_)) => {
                list_depth += 1;
                if list_depth > 1 {
                    shape.nested_lists += 1;
                }
            }
            Event::End(TagEnd::List(_)) => list_depth -= 1,
            Event::Start(Tag::Item) => shape.list_items += 1,
            Event::Start(Tag::Link { dest_url, .. }) => shape.links.push(dest_url.to_string()),
            Event::Start(Tag::Image { dest_url, .. }) => shape.links.push(dest_url.to_string()),
            Event::Start(Tag::Strong) => {
                strong_depth += 1;
                shape.strong.push(String::new());
            }
            Event::End(TagEnd::Strong) => strong_depth -= 1,
            Event::Start(Tag::Emphasis) => {
                emphasis_depth += 1;
                shape.emphasis.push(String::new());
            }
            Event::End(TagEnd::Emphasis) => emphasis_depth -= 1,
            Event::Html(html) | Event::InlineHtml(html) => shape.html.push(html.to_string()),
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, title)) = heading.as_mut() {
                    title.push_str(&text);
                }
                if strong_depth > 0 {
                    shape.strong.last_mut().unwrap().push_str(&text);
                }
                if emphasis_depth > 0 {
                    shape.emphasis.last_mut().unwrap().push_str(&text);
                }
                shape.text.push_str(&text);
            }
            Event::SoftBreak | Event::HardBreak => shape.text.push(' '),
            _ => {}
        }
    }
    shape
}

/// List items the briefing template writes for a digest: the summary, one item per
/// differing value, then the other new facts not quoted in the figures box: all that
/// several sources state, and the first single-source ones (plus a "…and N more" line).
fn expected_list_items(digest: &Value) -> usize {
    let source_of = |article: &str| {
        digest["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == article)
            .map(|a| a["source"].as_str().unwrap().to_string())
            .unwrap()
    };
    let mut items = 0;
    for story in digest["stories"].as_array().unwrap() {
        let summary: Vec<&Value> = story["summary"].as_array().unwrap().iter().collect();
        items += summary.len();
        let quoted: HashSet<&str> = story["discrepancies"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|d| d["values"].as_array().unwrap())
            .map(|v| v["sentence"].as_str().unwrap())
            .collect();
        let mut single = 0;
        for fact in story["facts"].as_array().unwrap() {
            let listed_below = fact["new"] == true
                && !summary.contains(&&fact["id"])
                && !quoted.contains(fact["text"].as_str().unwrap());
            if !listed_below {
                continue;
            }
            let sources: HashSet<String> = fact["mentions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| source_of(m["article"].as_str().unwrap()))
                .collect();
            if sources.len() > 1 {
                items += 1;
            } else {
                single += 1;
            }
        }
        items += single.min(SINGLE_SOURCE_SHOWN) + usize::from(single > SINGLE_SOURCE_SHOWN);
        for d in story["discrepancies"].as_array().unwrap() {
            items += d["values"].as_array().unwrap().len();
        }
    }
    items
}

const SECTIONS: [&str; 2] = ["Differing figures", "More facts"];

/// The structure every briefing must have, whatever the articles said.
fn assert_briefing_structure(shape: &MarkdownShape, digest: &Value) {
    let count = |level| shape.headings.iter().filter(|(l, _)| *l == level).count();
    let stories = digest["stories"].as_array().unwrap().len();
    assert_eq!(count(HeadingLevel::H1), 1, "{:?}", shape.headings);
    assert_eq!(count(HeadingLevel::H2), stories, "{:?}", shape.headings);
    for (level, title) in &shape.headings {
        match level {
            HeadingLevel::H1 | HeadingLevel::H2 => {}
            HeadingLevel::H3 => assert!(SECTIONS.contains(&title.as_str()), "{title}"),
            other => panic!("unexpected {other:?} heading {title:?}"),
        }
    }
    assert_eq!(shape.nested_lists, 0, "a list inside a list");
    assert_eq!(shape.list_items, expected_list_items(digest));
    assert!(shape.html.is_empty(), "raw HTML: {:?}", shape.html);
    for link in &shape.links {
        assert!(
            link.starts_with("https://") || link.starts_with("http://"),
            "link to {link:?}"
        );
    }
}

#[test]
fn sample_markdown_has_the_briefing_structure() {
    let out = tempfile::tempdir().unwrap();
    build(&samples(), out.path(), SAMPLE_DATE, &[]);
    let markdown = read(&out.path().join(format!("{SAMPLE_DATE}.md")));
    let digest: Value =
        serde_json::from_str(&read(&out.path().join(format!("{SAMPLE_DATE}.json")))).unwrap();
    let shape = markdown_shape(&markdown);
    assert_briefing_structure(&shape, &digest);
    assert!(shape.headings[0].1.contains("8 December 2025"));
    let sections: Vec<&str> = shape
        .headings
        .iter()
        .filter(|(l, _)| *l == HeadingLevel::H3)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(sections, SECTIONS);
    // The figure is bold and the words that differ inside it are in italics.
    assert!(
        shape
            .strong
            .iter()
            .any(|s| s == "Three days of negotiations")
    );
    assert!(shape.strong.iter().any(|s| s == "two days of talks"));
    for changed in ["Three", "negotiations", "two", "talks"] {
        assert!(
            shape.emphasis.iter().any(|e| e == changed),
            "{changed} is marked: {:?}",
            shape.emphasis
        );
    }
    assert!(
        !shape.emphasis.iter().any(|e| e.contains("days of")),
        "words both sentences share are not marked"
    );
}

fn write_hostile_articles(dir: &Path) {
    let articles = [
        serde_json::json!({
            "id": "one", "title": format!("Talks end {HOSTILE}"), "source": format!("Wire {HOSTILE}"),
            "url": "javascript:alert(4)",
            "text": format!("Three days of negotiations in Geneva ended without a deal, officials said {HOSTILE}.\n\n\
                             Russia launched 653 drones and 51 missiles overnight at Kyiv, officials said {HOSTILE}.\n\n\
                             # Heading markers stay as they were written in the article.\n\n* item one\n\n1. first")
        }),
        serde_json::json!({
            "id": "two", "title": "Talks end without deal", "source": "Daily",
            "url": "https://example.com/two",
            "text": format!("Two days of talks in Geneva ended without a deal, envoys said {HOSTILE}.\n\n\
                             Overnight Russia launched 653 drones and 51 missiles at Kyiv, officials said {HOSTILE}.\n\n\
                             | A | B | table cells stay as they were written in the article.\n|---|---|\n| c | d |")
        }),
    ];
    for article in articles {
        fs::write(
            dir.join(format!("{}.json", article["id"].as_str().unwrap())),
            article.to_string(),
        )
        .unwrap();
    }
}

#[test]
fn hostile_article_text_is_shown_as_text_in_markdown_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).unwrap();
    write_hostile_articles(&inputs);
    let out = dir.path().join("out");
    build(&inputs, &out, SAMPLE_DATE, &[]);
    let digest: Value =
        serde_json::from_str(&read(&out.join(format!("{SAMPLE_DATE}.json")))).unwrap();
    let stories = digest["stories"].as_array().unwrap();
    assert!(
        !stories[0]["facts"].as_array().unwrap().is_empty()
            && !stories[0]["discrepancies"].as_array().unwrap().is_empty(),
        "the hostile text reaches facts and differing figures"
    );

    let markdown = read(&out.join(format!("{SAMPLE_DATE}.md")));
    let shape = markdown_shape(&markdown);
    assert_briefing_structure(&shape, &digest);
    assert!(
        shape.text.contains(&format!("Talks end {HOSTILE}")),
        "the headline is visible as written"
    );
    assert!(shape.text.contains(&format!("Wire {HOSTILE}")));
    assert!(shape.text.contains(&format!("officials said {HOSTILE}.")));
    assert!(shape.text.contains("# Heading markers") && shape.text.contains("| A | B |"));
    assert_eq!(
        shape.links,
        ["https://example.com/two"],
        "the one http(s) article is linked, the javascript: one is not"
    );

    let html = read(&out.join(format!("{SAMPLE_DATE}.html")));
    assert!(!html.contains("<script>alert"), "script tag in HTML");
    assert!(
        !html.contains("href=\"javascript:"),
        "javascript link in HTML"
    );
    assert!(html.contains("[x](javascript:alert(1)) &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        html.contains("{{ x }} {% raw %}"),
        "template syntax is not evaluated"
    );

    // JSON is data: it keeps the strings exactly as the article had them.
    let one = digest["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "one")
        .unwrap();
    assert_eq!(one["title"], format!("Talks end {HOSTILE}"));
}

fn rfc3339(text: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|err| panic!("{text:?} is not RFC 3339: {err}"))
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| {
        c.is_element() && c.tag_name().namespace() == Some(ATOM) && c.tag_name().name() == name
    })
}

fn required_text<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> &'a str {
    let element = child(node, name).unwrap_or_else(|| panic!("<{name}> is missing"));
    let text = element.text().unwrap_or("");
    assert!(!text.trim().is_empty(), "<{name}> is empty");
    text
}

#[test]
fn archive_lists_every_digest_in_an_index_and_a_valid_atom_feed() {
    let out = tempfile::tempdir().unwrap();
    let base = ["--base-url", "https://example.org/news/"];
    build(&samples(), out.path(), "2025-12-07", &base);
    build(&samples(), out.path(), SAMPLE_DATE, &base);
    fs::write(out.path().join("2025-12-01.json"), "{oops").unwrap();

    let feed_text = read(&out.path().join("feed.xml"));
    let feed = roxmltree::Document::parse(&feed_text).expect("feed.xml is well-formed XML");
    let root = feed.root_element();
    assert_eq!(root.tag_name().namespace(), Some(ATOM));
    assert_eq!(root.tag_name().name(), "feed");
    assert!(required_text(root, "id").starts_with("urn:"));
    assert_eq!(required_text(root, "title"), "News digest");
    let feed_updated = rfc3339(required_text(root, "updated"));
    let author = child(root, "author").expect("a feed author");
    required_text(author, "name");

    let entries: Vec<_> = root
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .collect();
    assert_eq!(
        entries.len(),
        2,
        "one entry per digest; the broken JSON is left out"
    );
    let mut ids = HashSet::new();
    let mut updated = Vec::new();
    for entry in &entries {
        let id = required_text(*entry, "id");
        assert!(id.starts_with("urn:uuid:"), "{id}");
        assert!(ids.insert(id.to_string()), "ids are unique");
        required_text(*entry, "title");
        updated.push(rfc3339(required_text(*entry, "updated")));
        let link = child(*entry, "link").expect("an entry link");
        assert_eq!(link.attribute("rel"), Some("alternate"));
        let href = link.attribute("href").unwrap();
        assert!(
            href.starts_with("https://example.org/news/2025-12-0"),
            "{href}"
        );
        assert!(required_text(*entry, "summary").contains("5 articles"));
    }
    assert!(updated[0] > updated[1], "newest first");
    assert_eq!(feed_updated, updated[0]);
    let titles: Vec<&str> = entries.iter().map(|e| required_text(*e, "title")).collect();
    assert!(titles[0].contains("8 December 2025"), "{titles:?}");

    // Rebuilding gives the same feed, so readers see no new entries.
    build(&samples(), out.path(), SAMPLE_DATE, &base);
    assert_eq!(read(&out.path().join("feed.xml")), feed_text);

    let index = read(&out.path().join("index.html"));
    let newer = index
        .find("href=\"2025-12-08.html\"")
        .expect("links the newest HTML");
    let older = index
        .find("href=\"2025-12-07.html\"")
        .expect("links the older HTML");
    assert!(newer < older, "newest first");
    for link in ["2025-12-08.md", "2025-12-07.md", "feed.xml"] {
        assert!(index.contains(&format!("href=\"{link}\"")), "{link}");
    }
    assert!(index.contains("5 articles · 5 sources · 1 story · 1 differing figure"));
}
