//! HTML articles: the title from `og:title` or `<title>`, the text from the article body
//! found by a Readability port (dom_smoothie), which drops scripts, styles, navigation
//! and boilerplate. When Readability finds no article (a very short page), the text of
//! the page's paragraphs, headings and list items is used instead, still without
//! scripts, styles, navigation, headers, footers and asides.

use dom_smoothie::{Config, Readability, TextMode};
use scraper::{Html, Selector};

use super::markdown::plain_text_of;
use super::{Article, parse_published, tidy_text};

/// Pages with more elements than this are cut short by Readability instead of being
/// scored whole, which bounds the time one hostile page can take.
const MAX_ELEMENTS: usize = 20_000;

pub fn article_from_html(name: &str, content: &str) -> Result<Article, String> {
    let document = Html::parse_document(content);
    let title = meta_content(&document, "meta[property='og:title']")
        .or_else(|| element_text(&document, "title"));
    let url = meta_content(&document, "meta[property='og:url']")
        .or_else(|| link_href(&document, "link[rel='canonical']"));
    let source = meta_content(&document, "meta[property='og:site_name']");
    let published = meta_content(&document, "meta[property='article:published_time']")
        .or_else(|| attribute(&document, "time[datetime]", "datetime"))
        .and_then(|value| parse_published(&value));
    let text =
        readable_text(&without_boilerplate(&document)).unwrap_or_else(|| fallback_text(&document));
    if title.is_none() && text.is_empty() {
        return Err("no title and no article text found in the page".to_string());
    }
    Ok(Article {
        id: name.to_string(),
        title,
        text,
        source: source.unwrap_or_else(|| name.to_string()),
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

fn readable_text(content: &str) -> Option<String> {
    let config = Config {
        text_mode: TextMode::Markdown,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let mut readability = Readability::new(content, None, Some(config)).ok()?;
    let article = readability.parse().ok()?;
    let (_, text) = plain_text_of(&article.text_content);
    (!text.is_empty()).then_some(text)
}

fn fallback_text(document: &Html) -> String {
    let Ok(selector) = Selector::parse("p, h1, h2, h3, h4, h5, h6, li") else {
        return String::new();
    };
    let mut out = String::new();
    for element in document.select(&selector) {
        let boilerplate = element.ancestors().any(|node| {
            node.value()
                .as_element()
                .is_some_and(|e| BOILERPLATE.contains(&e.name()))
        });
        if boilerplate {
            continue;
        }
        let text: String = element.text().collect::<Vec<_>>().join(" ");
        if !text.trim().is_empty() {
            if element.value().name() == "li" {
                out.push_str("- ");
            }
            out.push_str(text.trim());
            out.push_str("\n\n");
        }
    }
    tidy_text(&out)
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

    #[test]
    fn og_title_wins_and_scripts_are_dropped() {
        let page = r#"<html><head><title>Site | Story</title>
            <meta property="og:title" content="Talks stall in Florida">
            <script>alert("x")</script><style>p{color:red}</style></head>
            <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <p>Three days of talks ended without a breakthrough.</p>
            <p>Russia launched 653 drones overnight.</p>
            <footer>Copyright Example News</footer></body></html>"#;
        let a = article_from_html("page", page).unwrap();
        assert_eq!(a.title.as_deref(), Some("Talks stall in Florida"));
        assert!(a.text.contains("653 drones"), "{}", a.text);
        assert!(!a.text.contains("alert"));
        assert!(!a.text.contains("Copyright"));
        assert!(!a.text.contains("Home"));
    }

    #[test]
    fn title_element_is_the_fallback_title() {
        let a = article_from_html("page", "<title>Only a title</title><p>Body.</p>").unwrap();
        assert_eq!(a.title.as_deref(), Some("Only a title"));
    }
}
