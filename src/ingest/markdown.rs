//! Markdown articles with optional YAML (`---`) or TOML (`+++`) front matter giving
//! `title`, `source`, `url` and `published`. The body is turned into plain text that
//! keeps its layout (headings and list items on their own lines), so the text stage
//! reads a Markdown article like any other.
//!
//! YAML aliases are expanded by copying what they name, so 400 bytes of nested aliases
//! ("billion laughs") grew past 6 GiB: front matter is read only when its expansion
//! stays within [`MAX_EXPANDED_FRONT_MATTER`], counted from the parser's events before
//! anything is expanded.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Deserialize;

use super::{Article, ReadError, parse_published, tidy_text};

#[derive(Debug, Default, Deserialize)]
struct FrontMatter {
    title: Option<String>,
    source: Option<String>,
    url: Option<String>,
    published: Option<String>,
}

/// The article of a Markdown file. A `published` that cannot be read is left out, with
/// a note: the article is still worth reading.
pub fn article_from_markdown(
    name: &str,
    content: &str,
    notes: &mut Vec<String>,
) -> Result<Article, ReadError> {
    let content = content.trim_start_matches('\u{feff}');
    let (front, body) = split_front_matter(content)?;
    let (first_heading, text) = plain_text_of(body);
    let published = front.published.as_deref().and_then(|value| {
        let date = parse_published(value);
        if date.is_none() {
            notes.push(format!(
                "front matter: cannot read published date {value:?}; kept without a date"
            ));
        }
        date
    });
    // With a title in the front matter, a leading heading is part of the body.
    let (title, text) = match (front.title, first_heading) {
        (Some(title), Some(heading)) if heading != title => {
            (Some(title), tidy_text(&format!("{heading}\n\n{text}")))
        }
        (Some(title), _) => (Some(title), text),
        (None, heading) => (heading, text),
    };
    if title.is_none() && text.is_empty() {
        return Err(ReadError::EmptyArticle);
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

fn split_front_matter(content: &str) -> Result<(FrontMatter, &str), ReadError> {
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
            return Err(ReadError::UnclosedFrontMatter(fence));
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

/// How large YAML front matter may grow once its aliases are expanded: nodes plus the
/// bytes of their text. A thousand times any real front matter, and milliseconds of
/// work.
pub const MAX_EXPANDED_FRONT_MATTER: u64 = 1 << 20;

/// The size YAML front matter would have with its aliases expanded (each node counts
/// one, and a scalar its bytes too), or an error once it passes
/// [`MAX_EXPANDED_FRONT_MATTER`]. One pass over the parser's events, which do not
/// expand anything: an alias adds the size its anchor was found to have. YAML that does
/// not parse is left to the real parse to report.
fn expanded_size(matter: &str) -> Result<u64, ReadError> {
    use yaml_rust2::parser::{Event, Parser};
    let mut parser = Parser::new_from_str(matter);
    let mut anchored: std::collections::HashMap<usize, u64> = std::collections::HashMap::new();
    // The collections being read: each one's anchor and size so far.
    let mut open: Vec<(usize, u64)> = Vec::new();
    let mut total: u64 = 0;
    loop {
        let Ok((event, _)) = parser.next_token() else {
            return Ok(total);
        };
        let (anchor, size) = match event {
            Event::StreamEnd => return Ok(total),
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                open.push((anchor, 1));
                total = total.saturating_add(1);
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match open.pop() {
                // Its size is already in the total; it is added to its parent's.
                Some((anchor, size)) => {
                    if anchor > 0 {
                        anchored.insert(anchor, size);
                    }
                    if let Some(parent) = open.last_mut() {
                        parent.1 = parent.1.saturating_add(size);
                    }
                    continue;
                }
                None => continue,
            },
            Event::Scalar(text, _, anchor, _) => (anchor, 1 + text.len() as u64),
            Event::Alias(anchor) => (0, anchored.get(&anchor).copied().unwrap_or(1)),
            _ => continue,
        };
        if anchor > 0 {
            anchored.insert(anchor, size);
        }
        if let Some(parent) = open.last_mut() {
            parent.1 = parent.1.saturating_add(size);
        }
        total = total.saturating_add(size);
        if total > MAX_EXPANDED_FRONT_MATTER {
            return Err(ReadError::FrontMatter(format!(
                "its YAML aliases expand it past {} (a nested-alias bomb?); not read",
                super::limits::size_text(MAX_EXPANDED_FRONT_MATTER)
            )));
        }
    }
}

fn yaml_front_matter(matter: &str) -> Result<FrontMatter, ReadError> {
    use gray_matter::{Matter, engine::YAML};
    expanded_size(matter)?;
    let wrapped = format!("---\n{matter}---\n");
    let parsed = Matter::<YAML>::new()
        .parse::<FrontMatter>(&wrapped)
        .map_err(|err| ReadError::FrontMatter(err.to_string()))?;
    Ok(parsed.data.unwrap_or_default())
}

fn toml_front_matter(matter: &str) -> Result<FrontMatter, ReadError> {
    let table: toml::Table =
        toml::from_str(matter).map_err(|err| ReadError::FrontMatter(err.message().to_string()))?;
    let text = |key: &str| -> Result<Option<String>, ReadError> {
        match table.get(key) {
            None => Ok(None),
            Some(toml::Value::String(s)) => Ok(Some(s.clone())),
            Some(toml::Value::Datetime(d)) => Ok(Some(d.to_string())),
            Some(other) => Err(ReadError::FrontMatter(format!(
                "{key} should be text, found {}",
                other.type_str()
            ))),
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

    fn markdown_article(name: &str, content: &str) -> Result<Article, ReadError> {
        article_from_markdown(name, content, &mut Vec::new())
    }

    #[test]
    fn yaml_front_matter_gives_metadata() {
        let a = markdown_article(
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
        let a = markdown_article(
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
        let a = markdown_article(
            "f",
            "# Title\n\nIntro.\n\n## Sub\n\n- one item\n- two item\n",
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("Title"));
        assert_eq!(a.text, "Intro.\n\nSub\n\n- one item\n\n- two item");
    }

    #[test]
    fn broken_front_matter_is_an_error() {
        assert!(markdown_article("f", "---\ntitle: [unclosed\n---\nBody.").is_err());
        assert!(markdown_article("f", "---\ntitle: x\nBody.").is_err());
    }

    #[test]
    fn nested_aliases_are_refused_before_they_expand() {
        let mut matter = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            let aliases = vec![format!("*{previous}"); 9].join(",");
            matter.push_str(&format!("{name}: &{name} [{aliases}]\n"));
        }
        let started = std::time::Instant::now();
        let error =
            markdown_article("f", &format!("---\n{matter}title: x\n---\nBody.\n")).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("YAML aliases expand it past 1 MiB"),
            "{error}"
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        let modest = "base: &base {source: Wire}\nother: *base\ntitle: Aliases are fine\n";
        let a = markdown_article("f", &format!("---\n{modest}---\nBody.\n")).unwrap();
        assert_eq!(a.title.as_deref(), Some("Aliases are fine"));
        assert_eq!(
            expanded_size(modest),
            Ok(1 + 5 + 13 + 6 + 13 + 6 + 17),
            "an alias counts what it names"
        );
    }

    #[test]
    fn an_unreadable_date_is_left_out_with_a_note() {
        let mut notes = Vec::new();
        let a = article_from_markdown(
            "f",
            "---\ntitle: T\npublished: someday\n---\nBody.",
            &mut notes,
        )
        .unwrap();
        assert_eq!(a.published, None);
        assert_eq!(
            notes,
            ["front matter: cannot read published date \"someday\"; kept without a date"]
        );
    }
}
