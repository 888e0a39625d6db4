//! Markdown articles with optional YAML (`---`) or TOML (`+++`) front matter giving
//! `title`, `source`, `url` and `published`. The body is turned into plain text that
//! keeps its layout (headings and list items on their own lines), so the text stage
//! reads a Markdown article like any other.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Deserialize;

use super::{Article, parse_published, tidy_text};

#[derive(Debug, Default, Deserialize)]
struct FrontMatter {
    title: Option<String>,
    source: Option<String>,
    url: Option<String>,
    published: Option<String>,
}

pub fn article_from_markdown(name: &str, content: &str) -> Result<Article, String> {
    let content = content.trim_start_matches('\u{feff}');
    let (front, body) = split_front_matter(content)?;
    let (first_heading, text) = plain_text_of(body);
    let published = match front.published.as_deref() {
        Some(value) => Some(
            parse_published(value)
                .ok_or_else(|| format!("front matter: cannot read published date {value:?}"))?,
        ),
        None => None,
    };
    // With a title in the front matter, a leading heading is part of the body.
    let (title, text) = match (front.title, first_heading) {
        (Some(title), Some(heading)) if heading != title => {
            (Some(title), tidy_text(&format!("{heading}\n\n{text}")))
        }
        (Some(title), _) => (Some(title), text),
        (None, heading) => (heading, text),
    };
    if title.is_none() && text.is_empty() {
        return Err("empty article".to_string());
    }
    Ok(Article {
        id: name.to_string(),
        source: front
            .source
            .unwrap_or_else(|| super::fallback_source(title.as_deref(), name)),
        title,
        text,
        url: front.url,
        published,
    })
}

fn split_front_matter(content: &str) -> Result<(FrontMatter, &str), String> {
    for (fence, is_toml) in [("---", false), ("+++", true)] {
        let Some(rest) = content.strip_prefix(fence) else {
            continue;
        };
        let Some(rest) = rest
            .strip_prefix('\n')
            .or_else(|| rest.strip_prefix("\r\n"))
        else {
            continue;
        };
        let Some(close) = find_closing_fence(rest, fence) else {
            return Err(format!("front matter opened with {fence} is never closed"));
        };
        let matter = &rest[..close];
        let body = rest[close + fence.len()..].trim_start_matches(['\r', '\n']);
        let front = if is_toml {
            toml_front_matter(matter)?
        } else {
            yaml_front_matter(matter)?
        };
        return Ok((front, body));
    }
    Ok((FrontMatter::default(), content))
}

fn find_closing_fence(rest: &str, fence: &str) -> Option<usize> {
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == fence {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

fn yaml_front_matter(matter: &str) -> Result<FrontMatter, String> {
    use gray_matter::{Matter, engine::YAML};
    let wrapped = format!("---\n{matter}---\n");
    let parsed = Matter::<YAML>::new()
        .parse::<FrontMatter>(&wrapped)
        .map_err(|err| format!("front matter: {err}"))?;
    Ok(parsed.data.unwrap_or_default())
}

fn toml_front_matter(matter: &str) -> Result<FrontMatter, String> {
    let table: toml::Table =
        toml::from_str(matter).map_err(|err| format!("front matter: {}", err.message()))?;
    let text = |key: &str| -> Result<Option<String>, String> {
        match table.get(key) {
            None => Ok(None),
            Some(toml::Value::String(s)) => Ok(Some(s.clone())),
            Some(toml::Value::Datetime(d)) => Ok(Some(d.to_string())),
            Some(other) => Err(format!(
                "front matter: {key} should be text, found {}",
                other.type_str()
            )),
        }
    };
    Ok(FrontMatter {
        title: text("title")?,
        source: text("source")?,
        url: text("url")?,
        published: text("published")?,
    })
}

/// The first top-level heading (a title candidate) and the body as laid-out plain text.
pub(super) fn plain_text_of(markdown: &str) -> (Option<String>, String) {
    let mut out = String::new();
    let mut first_heading = None;
    let mut heading: Option<(HeadingLevel, String)> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = heading.take() {
                    if level == HeadingLevel::H1 && first_heading.is_none() && out.trim().is_empty()
                    {
                        first_heading = Some(text.trim().to_string());
                    } else {
                        out.push_str(text.trim());
                        out.push_str("\n\n");
                    }
                }
            }
            Event::Start(Tag::Item) => out.push_str("- "),
            Event::End(
                TagEnd::Item | TagEnd::Paragraph | TagEnd::BlockQuote(_) | TagEnd::CodeBlock,
            ) => {
                out.push_str("\n\n");
            }
            Event::Text(text) | Event::Code(text) => match heading.as_mut() {
                Some((_, h)) => h.push_str(&text),
                None => out.push_str(&text),
            },
            Event::SoftBreak => match heading.as_mut() {
                Some((_, h)) => h.push(' '),
                None => out.push('\n'),
            },
            Event::HardBreak => out.push('\n'),
            _ => {}
        }
    }
    (first_heading, tidy_text(&out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_gives_metadata() {
        let a = article_from_markdown(
            "f",
            "---\ntitle: Talks stall\nsource: Example News\nurl: https://example.com/a\npublished: 2025-12-07\n---\nThe talks ended.\n",
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("Talks stall"));
        assert_eq!(a.source, "Example News");
        assert_eq!(a.url.as_deref(), Some("https://example.com/a"));
        assert!(a.published.is_some());
        assert_eq!(a.text, "The talks ended.");
    }

    #[test]
    fn toml_front_matter_gives_metadata() {
        let a = article_from_markdown(
            "f",
            "+++\ntitle = \"Talks stall\"\npublished = 2025-12-07T10:00:00Z\n+++\n# Heading\n\nBody text.\n",
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("Talks stall"));
        assert!(a.published.is_some());
        assert_eq!(a.source, "Talks stall", "no source: the title");
        assert_eq!(a.text, "Heading\n\nBody text.");
    }

    #[test]
    fn lists_and_headings_keep_their_lines() {
        let a = article_from_markdown(
            "f",
            "# Title\n\nIntro.\n\n## Sub\n\n- one item\n- two item\n",
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("Title"));
        assert_eq!(a.text, "Intro.\n\nSub\n\n- one item\n\n- two item");
    }

    #[test]
    fn broken_front_matter_is_an_error() {
        assert!(article_from_markdown("f", "---\ntitle: [unclosed\n---\nBody.").is_err());
        assert!(article_from_markdown("f", "---\ntitle: x\nBody.").is_err());
    }
}
