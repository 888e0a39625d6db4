//! Feeds: RSS 0.9x/1.0/2.0, Atom and JSON Feed (through feed-rs), each item one
//! [`Article`]. It reads bytes, not text, so the XML encoding declaration is honoured.
//!
//! An item's id is its GUID (Atom `id`, JSON Feed `id`), else its link, else a hash of
//! its title or text, so the same item read again gets the same id. Item content is
//! HTML; only its text is kept (scripts and styles dropped, paragraphs kept apart). It
//! does not fetch anything: `fetch` brings the bytes, and a file's bytes come from
//! [`read_file`](super::read_file).

use std::time::Instant;

use chrono::{DateTime, Utc};
use ego_tree::iter::Edge;
use feed_rs::model::{Entry, Feed, Link, Text};

use super::limits::{self, Limits};
use super::markup::{self, parse_budget};
use super::{Article, ReadError, tidy_text};

/// Whose articles these are.
#[derive(Debug, Clone, Copy)]
pub enum SourceName<'a> {
    /// A name chosen by the user (a configured feed's `name`).
    Given(&'a str),
    /// The feed's own title, or this when it has none (a file's name).
    FeedTitleOr(&'a str),
}

/// Every item of a feed that has a title or some text, in feed order: the first
/// `max_feed_items` of them, the cut noted in `notes`. Each item's HTML has
/// [`parse_budget`] to be parsed in; with a `deadline` (a fetched feed's time budget),
/// reading stops there, and the items read so far are returned: the caller, which set
/// the deadline, tells the feed timed out.
pub fn articles_from_feed(
    content: &[u8],
    base_url: Option<&str>,
    source: SourceName,
    limits: &Limits,
    deadline: Option<Instant>,
    notes: &mut Vec<String>,
) -> Result<Vec<Article>, ReadError> {
    let feed = feed_rs::parser::Builder::new()
        .base_uri(base_url)
        .id_generator(id_of_item_without_one)
        .build()
        .parse(content)
        .map_err(|err| ReadError::NotAFeed(err.to_string()))?;
    let source = match source {
        SourceName::Given(name) => name.to_string(),
        SourceName::FeedTitleOr(fallback) => {
            feed_title(&feed).unwrap_or_else(|| super::readable_file_name(fallback))
        }
    };
    let total = feed.entries.len();
    if total > limits.max_feed_items {
        notes.push(limits::items_note(limits.max_feed_items, total));
    }
    let mut refused = Vec::new();
    let mut articles = Vec::new();
    for entry in feed.entries.into_iter().take(limits.max_feed_items) {
        if deadline.is_some_and(|deadline| Instant::now() >= deadline) {
            break;
        }
        articles.extend(article_from_entry(
            entry,
            &source,
            limits,
            deadline,
            &mut refused,
        ));
    }
    if let Some(reason) = refused.first() {
        notes.push(format!("{} items' text left out: {reason}", refused.len()));
    }
    Ok(articles)
}

fn feed_title(feed: &Feed) -> Option<String> {
    feed.title
        .as_ref()
        .map(one_line_text)
        .filter(|t| !t.is_empty())
}

/// feed-rs asks for an id only when the item has none: its link, else a hash of its
/// title, else nothing (the content hash is used later).
fn id_of_item_without_one(links: &[Link], title: &Option<Text>, _feed_url: Option<&str>) -> String {
    if let Some(link) = links.first() {
        return link.href.clone();
    }
    match title {
        Some(title) if !title.content.trim().is_empty() => {
            format!("title-{}", crate::ids::item_hash(title.content.trim()))
        }
        _ => String::new(),
    }
}

/// The item as an article; HTML too costly to parse is left out, its reason pushed on
/// `refused`.
fn article_from_entry(
    entry: Entry,
    source: &str,
    limits: &Limits,
    deadline: Option<Instant>,
    refused: &mut Vec<String>,
) -> Option<Article> {
    let mut text_of = |body: &str, media_type: &str| {
        text_of(body, media_type, limits, deadline).unwrap_or_else(|reason| {
            refused.push(reason.to_string());
            String::new()
        })
    };
    let title = entry
        .title
        .as_ref()
        .map(|title| one_line(&text_of(&title.content, title.content_type.as_ref())))
        .filter(|t| !t.is_empty());
    let text = entry
        .content
        .as_ref()
        .and_then(|c| {
            c.body
                .as_deref()
                .map(|body| (body, c.content_type.to_string()))
        })
        .or_else(|| {
            entry
                .summary
                .as_ref()
                .map(|s| (s.content.as_str(), s.content_type.to_string()))
        })
        .map(|(body, media_type)| text_of(body, &media_type))
        .unwrap_or_default();
    if title.is_none() && text.is_empty() {
        return None;
    }
    let url = article_link(&entry.links);
    let id = if entry.id.trim().is_empty() {
        format!("text-{}", crate::ids::item_hash(&text))
    } else {
        entry.id.trim().to_string()
    };
    let published: Option<DateTime<Utc>> = entry.published.or(entry.updated);
    Some(Article {
        id,
        title,
        text,
        source: source.to_string(),
        url,
        published: published.map(|p| p.fixed_offset()),
    })
}

/// The item's page: the link without a `rel` or with `rel="alternate"`, else the first.
fn article_link(links: &[Link]) -> Option<String> {
    links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .or_else(|| links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|href| href.starts_with("http://") || href.starts_with("https://"))
}

fn one_line_text(text: &Text) -> String {
    one_line(
        &text_of(
            &text.content,
            text.content_type.as_ref(),
            &Limits::default(),
            None,
        )
        .unwrap_or_default(),
    )
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of an item's title or content; HTML is parsed within [`parse_budget`], and
/// never past `deadline`.
fn text_of(
    body: &str,
    media_type: &str,
    limits: &Limits,
    deadline: Option<Instant>,
) -> Result<String, ReadError> {
    if media_type.starts_with("text/plain") {
        return Ok(tidy_text(body));
    }
    super::html::refuse_unparseable(body, limits)?;
    let budget = Instant::now() + parse_budget(body.len());
    let until = deadline.map_or(budget, |deadline| deadline.min(budget));
    let bounds = super::html::parse_bounds(limits, until);
    let document = markup::parse_fragment(body, bounds)
        .map_err(|stopped| super::html::why_stopped(stopped, limits))?;
    Ok(text_of_html(&document))
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object",
];
/// Elements that start a new paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "tr",
    "figcaption",
    "section",
    "article",
    "dd",
    "dt",
];

/// The text of an HTML fragment, each block element its own paragraph. One walk over
/// the tree, keeping what encloses the current node on a stack, so the time is linear
/// however deeply a hostile item nests its elements.
fn text_of_html(document: &scraper::Html) -> String {
    let mut out = String::new();
    // The innermost block element around the current node, at each open element.
    let mut blocks = vec![None];
    let mut skipped_depth = 0usize;
    let mut current_block = None;
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                scraper::Node::Element(element) => {
                    let name = element.name();
                    if SKIPPED.contains(&name) || skipped_depth > 0 {
                        skipped_depth += 1;
                    }
                    let enclosing = blocks.last().copied().flatten();
                    blocks.push(if BLOCKS.contains(&name) {
                        Some(node.id())
                    } else {
                        enclosing
                    });
                }
                scraper::Node::Text(text) if skipped_depth == 0 => {
                    let block = blocks.last().copied().flatten();
                    if block != current_block && !out.trim().is_empty() {
                        out.push_str("\n\n");
                    }
                    current_block = block;
                    out.push_str(text);
                }
                _ => {}
            },
            Edge::Close(node) => {
                if node.value().is_element() {
                    blocks.pop();
                    skipped_depth = skipped_depth.saturating_sub(1);
                }
            }
        }
    }
    without_extra_blank_lines(&tidy_text(&out))
}

fn without_extra_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        blank_run = if line.is_empty() { blank_run + 1 } else { 0 };
        if blank_run <= 1 {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire Service</title><link>https://wire.example/</link>
<item><title>Talks stall</title><guid>wire-1</guid><link>https://wire.example/1</link>
<pubDate>Mon, 08 Dec 2025 06:00:00 GMT</pubDate>
<description>&lt;p&gt;Three days of talks ended.&lt;/p&gt;&lt;script&gt;evil()&lt;/script&gt;&lt;p&gt;Russia launched 653 drones.&lt;/p&gt;</description></item>
<item><title>No guid here</title><link>https://wire.example/2</link><description>Plain words.</description></item>
<item><description></description></item>
</channel></rss>"#;

    #[test]
    fn rss_items_become_articles() {
        let articles = articles_from_feed(
            RSS.as_bytes(),
            None,
            SourceName::FeedTitleOr("file"),
            &Limits::default(),
            None,
            &mut Vec::new(),
        )
        .unwrap();
        assert_eq!(articles.len(), 2, "the empty item is skipped");
        let first = &articles[0];
        assert_eq!(first.id, "wire-1");
        assert_eq!(first.source, "Wire Service");
        assert_eq!(first.url.as_deref(), Some("https://wire.example/1"));
        assert_eq!(
            first.text,
            "Three days of talks ended.\n\nRussia launched 653 drones."
        );
        assert!(first.published.is_some());
        assert_eq!(
            articles[1].id, "https://wire.example/2",
            "the link stands in for a guid"
        );
    }

    #[test]
    fn a_given_name_wins_over_the_feed_title() {
        let articles = articles_from_feed(
            RSS.as_bytes(),
            None,
            SourceName::Given("My Wire"),
            &Limits::default(),
            None,
            &mut Vec::new(),
        )
        .unwrap();
        assert!(articles.iter().all(|a| a.source == "My Wire"));
    }

    #[test]
    fn atom_and_json_feeds_are_read() {
        let atom = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><id>urn:a</id><updated>2025-12-08T05:00:00Z</updated>
<entry><id>urn:a:1</id><title type="html">Kyiv &amp;amp; Odesa hit</title><updated>2025-12-08T05:00:00Z</updated><link href="https://atom.example/1"/><content type="html">&lt;p&gt;Drones struck overnight.&lt;/p&gt;</content></entry></feed>"#;
        let articles = articles_from_feed(
            atom.as_bytes(),
            None,
            SourceName::FeedTitleOr("x"),
            &Limits::default(),
            None,
            &mut Vec::new(),
        )
        .unwrap();
        assert_eq!(articles[0].title.as_deref(), Some("Kyiv & Odesa hit"));
        assert_eq!(articles[0].text, "Drones struck overnight.");
        let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "JSON News",
            "items": [{"id": "j1", "url": "https://json.example/1", "title": "Talks",
                       "content_text": "Two days of talks.", "date_published": "2025-12-08T07:00:00Z"}]}"#;
        let articles = articles_from_feed(
            json.as_bytes(),
            None,
            SourceName::FeedTitleOr("x"),
            &Limits::default(),
            None,
            &mut Vec::new(),
        )
        .unwrap();
        assert_eq!(articles[0].id, "j1");
        assert_eq!(articles[0].source, "JSON News");
        assert_eq!(articles[0].text, "Two days of talks.");
    }

    #[test]
    fn what_is_not_a_feed_says_so() {
        let error = articles_from_feed(
            b"<html><body>hi</body></html>",
            None,
            SourceName::Given("x"),
            &Limits::default(),
            None,
            &mut Vec::new(),
        )
        .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("not a readable RSS, Atom or JSON feed"),
            "{error}"
        );
    }
}
