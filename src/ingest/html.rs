//! HTML articles: the title from `og:title` or `<title>`, the text from the article body
//! found by a Readability port (dom_smoothie), which drops scripts, styles, navigation
//! and boilerplate. When Readability finds no article (a very short page), the text of
//! the page's paragraphs, headings and list items is used instead, still without
//! scripts, styles, navigation, headers, footers and asides. So is a page too large,
//! too deeply nested or too costly to write out again for Readability (see [`Limits`]
//! and [`escaping_work`]), whose scoring would otherwise take time growing with the
//! square of the depth.

use std::time::Instant;

use dom_smoothie::{Config, Readability, TextMode};
use ego_tree::iter::Edge;
use scraper::{Html, Node, Selector};

use super::ReadError;
use super::limits::Limits;
use super::markdown::plain_text_of;
use super::markup;
use super::{Article, parse_published, tidy_text};

/// Pages with more start tags than this many times `max_html_elements` are not parsed
/// at all: even the paragraph reading would cost too much.
const UNPARSED_ELEMENTS_FACTOR: usize = 10;

/// The most pairs of attributes of one element, summed over a page, that the parser
/// may compare (it checks each attribute against the earlier ones of its element): a
/// few milliseconds' work. An ordinary page has thousands; one `<div>` with 200,000
/// attributes had 20 billion and took 81 s.
pub const MAX_ATTRIBUTE_PAIRS: u64 = 1 << 24;

/// The most [`escaping_work`] a page may need before Readability, which writes the page
/// out as HTML again, is left out: about 0.1 s. A paragraph of 400,000 `&`s needed
/// 10^11 and took 5 s.
const MAX_ESCAPING_WORK: u64 = 1 << 33;

/// The article of an HTML page. Parsing stops at `deadline`, and the page is then
/// skipped.
pub fn article_from_html(
    name: &str,
    content: &str,
    limits: &Limits,
    deadline: Instant,
    notes: &mut Vec<String>,
) -> Result<Article, ReadError> {
    refuse_unparseable(content, limits)?;
    let document = markup::parse_document(content, parse_bounds(limits, deadline))
        .map_err(|stopped| why_stopped(stopped, limits))?;
    let title = meta_content(&document, "meta[property='og:title']")
        .or_else(|| element_text(&document, "title"));
    let url = meta_content(&document, "meta[property='og:url']")
        .or_else(|| link_href(&document, "link[rel='canonical']"));
    let source = meta_content(&document, "meta[property='og:site_name']");
    let published = meta_content(&document, "meta[property='article:published_time']")
        .or_else(|| attribute(&document, "time[datetime]", "datetime"))
        .and_then(|value| parse_published(&value));
    let text = match too_large_for_readability(&document, limits) {
        Some(note) => {
            notes.push(note);
            None
        }
        None => readable_text(&without_boilerplate(&document), limits),
    }
    .unwrap_or_else(|| fallback_text(&document));
    if title.is_none() && text.is_empty() {
        return Err(ReadError::EmptyPage);
    }
    Ok(Article {
        id: name.to_string(),
        source: source.unwrap_or_else(|| super::fallback_source(title.as_deref(), name)),
        title,
        text,
        url: url.filter(|u| u.starts_with("http://") || u.starts_with("https://")),
        published,
    })
}

/// Elements that are never article text, whatever Readability scores them.
const BOILERPLATE: &[&str] = &[
    "script", "style", "nav", "header", "footer", "aside", "noscript", "template", "form", "iframe",
];

/// The page serialised again without its boilerplate elements. Readability alone keeps a
/// short page's navigation links, since it has too little text to score.
fn without_boilerplate(document: &Html) -> String {
    let mut cleaned = document.clone();
    let doomed: Vec<_> = cleaned
        .tree
        .nodes()
        .filter(|node| {
            node.value()
                .as_element()
                .is_some_and(|e| BOILERPLATE.contains(&e.name()))
        })
        .map(|node| node.id())
        .collect();
    for id in doomed {
        if let Some(mut node) = cleaned.tree.get_mut(id) {
            node.detach();
        }
    }
    cleaned.html()
}

/// How far the parser may go on a page or item: past `max_html_depth`, or ten times
/// `max_html_elements`, or `deadline`, it stops and the markup is skipped.
pub(super) fn parse_bounds(limits: &Limits, deadline: Instant) -> markup::Bounds {
    markup::Bounds {
        max_depth: limits.max_html_depth,
        max_elements: most_elements(limits),
        deadline,
    }
}

fn most_elements(limits: &Limits) -> usize {
    limits
        .max_html_elements
        .saturating_mul(UNPARSED_ELEMENTS_FACTOR)
}

/// Why markup whose parsing was stopped is left out.
pub(super) fn why_stopped(stopped: markup::Stopped, limits: &Limits) -> ReadError {
    ReadError::Markup(match stopped {
        markup::Stopped::TooDeep => format!(
            "elements nested more than {} deep (max_html_depth)",
            limits.max_html_depth
        ),
        markup::Stopped::TooMany => format!(
            "over {} elements (ten times max_html_elements)",
            most_elements(limits)
        ),
        markup::Stopped::OutOfTime => {
            "its markup took too long to parse (its time budget ran out)".to_string()
        }
    })
}

/// Refuses, before parsing, markup that would cost the parser too much: far more
/// elements than `max_html_elements`, or elements with so many attributes that
/// comparing them would take seconds. (Nesting is measured while parsing: see
/// [`parse_bounds`].)
pub(super) fn refuse_unparseable(html: &str, limits: &Limits) -> Result<(), ReadError> {
    let counts = markup::tag_counts(html);
    if counts.attribute_pairs > MAX_ATTRIBUTE_PAIRS {
        return Err(ReadError::Markup(format!(
            "elements with too many attributes ({} on one element; the parser compares every pair)",
            counts.most_attributes
        )));
    }
    let most = most_elements(limits);
    if counts.start_tags > most {
        return Err(ReadError::Markup(format!(
            "{} elements, over {most} (ten times max_html_elements)",
            counts.start_tags
        )));
    }
    Ok(())
}

/// Why the page is read for its paragraphs alone, if it is too big, too deep, or too
/// costly to write out again.
fn too_large_for_readability(document: &Html, limits: &Limits) -> Option<String> {
    let (elements, depth) = size_of(document);
    if escaping_work(document) > MAX_ESCAPING_WORK {
        Some(
            "text with too many characters to escape (such as & or no-break spaces) to write out again: read for its paragraphs only"
                .to_string(),
        )
    } else if depth > limits.max_html_depth {
        Some(format!(
            "elements nested {depth} deep, over the limit of {} (max_html_depth): read for its paragraphs only",
            limits.max_html_depth
        ))
    } else if elements > limits.max_html_elements {
        Some(format!(
            "{elements} elements, over the limit of {} (max_html_elements): read for its paragraphs only",
            limits.max_html_elements
        ))
    } else {
        None
    }
}

/// The number of elements and the deepest nesting, in one walk (no recursion).
fn size_of(document: &Html) -> (usize, usize) {
    let (mut elements, mut depth, mut deepest) = (0, 0, 0);
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) if node.value().is_element() => {
                elements += 1;
                depth += 1;
                deepest = deepest.max(depth);
            }
            Edge::Close(node) if node.value().is_element() => depth -= 1,
            _ => {}
        }
    }
    (elements, deepest)
}

/// An upper bound on the work of writing the page out as HTML again (as the boilerplate
/// removal and Readability do): html5ever's serializer looks for the next `<` or `>`
/// from every character it escapes (`&`, U+00A0, and the others starting with byte
/// 0xC2) to the end of the text, so a text's cost is its escaped characters times its
/// length. Attribute values are written the same way.
fn escaping_work(document: &Html) -> u64 {
    let cost = |text: &str| {
        let escaped = text.bytes().filter(|&b| b == b'&' || b == 0xc2).count() as u64;
        escaped.saturating_mul(text.len() as u64)
    };
    document
        .tree
        .nodes()
        .map(|node| match node.value() {
            Node::Text(text) => cost(text),
            Node::Element(element) => element
                .attrs()
                .map(|(_, value)| cost(value))
                .fold(0, u64::saturating_add),
            _ => 0,
        })
        .fold(0, u64::saturating_add)
}

fn readable_text(content: &str, limits: &Limits) -> Option<String> {
    let config = Config {
        text_mode: TextMode::Markdown,
        max_elements_to_parse: limits.max_html_elements,
        ..Config::default()
    };
    let mut readability = Readability::new(content, None, Some(config)).ok()?;
    let article = readability.parse().ok()?;
    let (_, text) = plain_text_of(&article.text_content);
    (!text.is_empty()).then_some(text)
}

/// Elements whose text is read when Readability is not used.
const TEXT_BLOCKS: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6", "li"];

/// The text of the page's paragraphs, headings and list items outside boilerplate, in
/// one walk over the tree (linear however deep the page nests).
fn fallback_text(document: &Html) -> String {
    let mut out = String::new();
    let (mut boilerplate_depth, mut block_depth) = (0usize, 0usize);
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => {
                    let name = element.name();
                    if boilerplate_depth > 0 || BOILERPLATE.contains(&name) {
                        boilerplate_depth += 1;
                    } else if TEXT_BLOCKS.contains(&name) {
                        block_depth += 1;
                        out.push_str("\n\n");
                        if name == "li" {
                            out.push_str("- ");
                        }
                    }
                }
                Node::Text(text) if boilerplate_depth == 0 && block_depth > 0 => {
                    out.push_str(text);
                    out.push(' ');
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(element) = node.value() {
                    if boilerplate_depth > 0 {
                        boilerplate_depth -= 1;
                    } else if TEXT_BLOCKS.contains(&element.name()) {
                        block_depth -= 1;
                        out.push_str("\n\n");
                    }
                }
            }
        }
    }
    without_empty_list_items(&tidy_text(&out))
}

/// One blank line between paragraphs, and no bare marker of a list item whose text
/// was all in a nested block.
fn without_empty_list_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines().filter(|line| line.trim() != "-") {
        if !line.is_empty() || !(out.is_empty() || out.ends_with("\n\n")) {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.trim().to_string()
}

fn meta_content(document: &Html, selector: &str) -> Option<String> {
    attribute(document, selector, "content")
}

fn link_href(document: &Html, selector: &str) -> Option<String> {
    attribute(document, selector, "href")
}

fn attribute(document: &Html, selector: &str, name: &str) -> Option<String> {
    let selector = Selector::parse(selector).ok()?;
    document
        .select(&selector)
        .find_map(|e| e.value().attr(name))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn element_text(document: &Html, selector: &str) -> Option<String> {
    let selector = Selector::parse(selector).ok()?;
    let element = document.select(&selector).next()?;
    let text = element.text().collect::<String>();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn later() -> Instant {
        Instant::now() + std::time::Duration::from_secs(60)
    }

    #[test]
    fn og_title_wins_and_scripts_are_dropped() {
        let page = r#"<html><head><title>Site | Story</title>
            <meta property="og:title" content="Talks stall in Florida">
            <script>alert("x")</script><style>p{color:red}</style></head>
            <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <p>Three days of talks ended without a breakthrough.</p>
            <p>Russia launched 653 drones overnight.</p>
            <footer>Copyright Example News</footer></body></html>"#;
        let a =
            article_from_html("page", page, &Limits::default(), later(), &mut Vec::new()).unwrap();
        assert_eq!(a.title.as_deref(), Some("Talks stall in Florida"));
        assert!(a.text.contains("653 drones"), "{}", a.text);
        assert!(!a.text.contains("alert"));
        assert!(!a.text.contains("Copyright"));
        assert!(!a.text.contains("Home"));
    }

    #[test]
    fn title_element_is_the_fallback_title() {
        let a = article_from_html(
            "page",
            "<title>Only a title</title><p>Body.</p>",
            &Limits::default(),
            later(),
            &mut Vec::new(),
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("Only a title"));
    }

    #[test]
    fn text_too_costly_to_escape_is_read_without_readability() {
        let page = format!("<title>T</title><p>{}</p>", "& ".repeat(100_000));
        let mut notes = Vec::new();
        let a = article_from_html("page", &page, &Limits::default(), later(), &mut notes).unwrap();
        assert!(a.text.starts_with("& & &"), "{}", &a.text[..20]);
        assert!(
            notes[0].contains("too many characters to escape"),
            "{notes:?}"
        );
        let ordinary = format!(
            "<title>T</title><p>{}</p>",
            "Fish &amp; chips. ".repeat(1000)
        );
        let mut notes = Vec::new();
        article_from_html("page", &ordinary, &Limits::default(), later(), &mut notes).unwrap();
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn a_page_out_of_time_is_skipped() {
        let error = article_from_html(
            "page",
            "<title>T</title><p>Body.</p>",
            &Limits::default(),
            Instant::now(),
            &mut Vec::new(),
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "skipped: its markup took too long to parse (its time budget ran out)"
        );
    }

    #[test]
    fn nesting_hidden_from_a_scan_of_the_text_is_still_refused() {
        let page = format!("<title>T</title><!-->{}x", "<div>".repeat(80_000));
        let error = article_from_html("page", &page, &Limits::default(), later(), &mut Vec::new())
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "skipped: elements nested more than 256 deep (max_html_depth)"
        );
    }
}
