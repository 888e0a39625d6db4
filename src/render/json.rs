//! The `newsdigest/1` JSON contract, as its own serialize-only wire types so that
//! internal changes cannot alter it. Other tools rely on this shape:
//!
//! ```text
//! { "schema": "newsdigest/1", "date": "2026-11-22",
//!   "articles": [ {"id", "title", "source", "url", "published"} ],
//!   "stories": [ {"id", "headline", "articles": [id], "sources": [name],
//!       "facts": [ {"id", "text", "mentions": [ {"article", "sentence"} ], "new"} ],
//!       "discrepancies": [ {"id", "measure",
//!           "values": [ {"value", "qualifier", "text", "article", "sentence"} ] } ] } ] }
//! ```
//!
//! The document is written in pieces so that a large digest streams instead of being
//! built whole: [`write_head`] (schema, date, articles), one [`write_story`] per story
//! (stories can be written in parallel, each into its own buffer) and [`write_tail`].
//! Together they give exactly the bytes of `serde_json::to_string_pretty` of the whole
//! document plus a final newline, because each piece is pretty-printed at the depth it
//! sits at ([`Nested`]).

use std::io::{self, Write};
use std::sync::Arc;

use serde::{Serialize, Serializer};
use serde_json::ser::Formatter;

use crate::digest::{ArticleEntry, Digest, DiscrepancyEntry, FactEntry, StoryEntry};

pub const SCHEMA: &str = "newsdigest/1";

/// How deep the stories sit in the document: inside the top object's `"stories"` array.
const STORY_DEPTH: usize = 2;
/// How deep the articles array sits: a value of the top object.
const ARTICLES_DEPTH: usize = 1;

#[derive(Serialize)]
struct WireArticle<'a> {
    id: &'a str,
    title: Option<&'a str>,
    source: &'a str,
    url: Option<&'a str>,
    published: Option<String>,
}

impl<'a> WireArticle<'a> {
    fn of(article: &'a ArticleEntry) -> WireArticle<'a> {
        WireArticle {
            id: &article.id,
            title: article.title.as_deref(),
            source: &article.source,
            url: article.url.as_deref(),
            published: article.published.map(|p| p.to_rfc3339()),
        }
    }
}

#[derive(Serialize)]
struct WireStory<'a> {
    id: &'a str,
    headline: &'a str,
    articles: ArticleIds<'a>,
    sources: &'a [String],
    facts: Seq<'a, FactEntry, WireFact<'a>>,
    discrepancies: Seq<'a, DiscrepancyEntry, WireDiscrepancy<'a>>,
}

#[derive(Serialize)]
struct WireFact<'a> {
    id: &'a str,
    text: &'a str,
    mentions: Vec<WireMention<'a>>,
    new: bool,
}

impl<'a> From<&'a FactEntry> for WireFact<'a> {
    fn from(f: &'a FactEntry) -> Self {
        WireFact {
            id: &f.id,
            text: &f.text,
            mentions: f
                .mentions
                .iter()
                .map(|m| WireMention {
                    article: &m.article.id,
                    sentence: &m.sentence,
                })
                .collect(),
            new: f.new,
        }
    }
}

#[derive(Serialize)]
struct WireMention<'a> {
    article: &'a str,
    sentence: &'a str,
}

#[derive(Serialize)]
struct WireDiscrepancy<'a> {
    id: &'a str,
    measure: &'a str,
    values: Vec<WireValue<'a>>,
}

impl<'a> From<&'a DiscrepancyEntry> for WireDiscrepancy<'a> {
    fn from(d: &'a DiscrepancyEntry) -> Self {
        WireDiscrepancy {
            id: &d.id,
            measure: &d.measure,
            values: d
                .values
                .iter()
                .map(|v| WireValue {
                    value: v.value,
                    qualifier: v.qualifier,
                    text: &v.text,
                    article: &v.article.id,
                    sentence: &v.sentence,
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct WireValue<'a> {
    value: f64,
    qualifier: Option<&'a str>,
    text: &'a str,
    article: &'a str,
    sentence: &'a str,
}

/// A story's article ids, written from its shared articles.
struct ArticleIds<'a>(&'a [Arc<ArticleEntry>]);

impl Serialize for ArticleIds<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|a| a.id.as_str()))
    }
}

/// Entries written as their wire type one at a time, so a story with many facts needs
/// no array of wire values.
struct Seq<'a, T, W>(&'a [T], std::marker::PhantomData<W>);

impl<'a, T, W> Seq<'a, T, W> {
    fn of(items: &'a [T]) -> Self {
        Seq(items, std::marker::PhantomData)
    }
}

impl<'a, T, W> Serialize for Seq<'a, T, W>
where
    W: From<&'a T> + Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(W::from))
    }
}

/// Writes everything before the first story: the schema, the date and every article,
/// then opens the stories array.
pub fn write_head(digest: &Digest, mut out: impl Write) -> io::Result<()> {
    out.write_all(b"{\n  \"schema\": ")?;
    serde_json::to_writer(&mut out, SCHEMA)?;
    out.write_all(b",\n  \"date\": ")?;
    serde_json::to_writer(&mut out, &digest.date.format("%Y-%m-%d").to_string())?;
    out.write_all(b",\n  \"articles\": ")?;
    let articles = ArticleList(&digest.articles);
    articles.serialize(&mut nested(&mut out, ARTICLES_DEPTH))?;
    out.write_all(b",\n  \"stories\": [")
}

struct ArticleList<'a>(&'a [Arc<ArticleEntry>]);

impl Serialize for ArticleList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|a| WireArticle::of(a)))
    }
}

/// Writes one story as the `index`th element of the stories array (0-based: the first
/// has no comma before it).
pub fn write_story(story: &StoryEntry, index: usize, mut out: impl Write) -> io::Result<()> {
    let indent = "  ".repeat(STORY_DEPTH);
    let separator = if index == 0 { "\n" } else { ",\n" };
    write!(out, "{separator}{indent}")?;
    let wire = WireStory {
        id: &story.id,
        headline: &story.headline,
        articles: ArticleIds(&story.articles),
        sources: &story.sources,
        facts: Seq::of(&story.facts),
        discrepancies: Seq::of(&story.discrepancies),
    };
    wire.serialize(&mut nested(&mut out, STORY_DEPTH))?;
    Ok(())
}

/// Closes the stories array and the document; `stories` is how many were written.
pub fn write_tail(stories: usize, mut out: impl Write) -> io::Result<()> {
    if stories > 0 {
        out.write_all(b"\n  ]")?;
    } else {
        out.write_all(b"]")?;
    }
    out.write_all(b"\n}\n")
}

/// The digest as pretty-printed `newsdigest/1` JSON, in one string.
pub fn to_json(digest: &Digest) -> io::Result<String> {
    let mut out = Vec::new();
    write_head(digest, &mut out)?;
    for (i, story) in digest.stories.iter().enumerate() {
        write_story(story, i, &mut out)?;
    }
    write_tail(digest.stories.len(), &mut out)?;
    String::from_utf8(out).map_err(|err| io::Error::new(io::ErrorKind::InvalidData, err))
}

fn nested<W: Write>(out: W, depth: usize) -> serde_json::Serializer<W, Nested> {
    serde_json::Serializer::with_formatter(out, Nested::at(depth))
}

/// Spaces for [`Nested::indent`], enough for the deepest value of the document.
const INDENT: &[u8; 32] = b"                                ";

/// serde_json's pretty printer (two-space indent) for a value that sits `depth` levels
/// inside the document, so a piece written alone lines up with the rest.
pub struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn at(depth: usize) -> Nested {
        Nested {
            depth,
            has_value: false,
        }
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            out.write_all(b"\n")?;
            self.indent(out)?;
        }
        out.write_all(bracket)
    }

    fn next_item<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(out)
    }

    /// Two spaces per level, written at once: a large digest has tens of millions of
    /// lines.
    fn indent<W: ?Sized + Write>(&self, out: &mut W) -> io::Result<()> {
        let mut width = 2 * self.depth;
        while width > 0 {
            let run = width.min(INDENT.len());
            out.write_all(&INDENT[..run])?;
            width -= run;
        }
        Ok(())
    }
}

impl Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.next_item(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.next_item(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::ingest::Article;
    use crate::options::Options;

    /// The whole document as one value, for serde_json to pretty-print in one go.
    #[derive(Serialize)]
    struct Whole<'a> {
        schema: &'static str,
        date: String,
        articles: ArticleList<'a>,
        stories: Vec<WireStory<'a>>,
    }

    fn digest(articles: &[(&str, &str, &str)]) -> Digest {
        let articles: Vec<Article> = articles
            .iter()
            .map(|(id, source, text)| Article {
                id: id.to_string(),
                title: None,
                text: text.to_string(),
                source: source.to_string(),
                url: Some(format!("https://example.com/{id}")),
                published: None,
            })
            .collect();
        let date = NaiveDate::from_ymd_opt(2025, 12, 8).unwrap_or_default();
        crate::summarize(&articles, &Options::for_date(date))
    }

    #[test]
    fn the_pieces_are_the_whole_document_pretty_printed() {
        let empty = digest(&[]);
        let digests = [
            empty,
            digest(&[
                (
                    "a",
                    "A",
                    "Three days of talks ended. Russia launched 653 drones.",
                ),
                (
                    "b",
                    "B",
                    "Two days of talks ended. Russia launched 653 drones.",
                ),
                (
                    "c",
                    "C",
                    "The \"central\" bank raised rates\tby half a point.",
                ),
            ]),
        ];
        for digest in &digests {
            let whole = Whole {
                schema: SCHEMA,
                date: digest.date.format("%Y-%m-%d").to_string(),
                articles: ArticleList(&digest.articles),
                stories: digest
                    .stories
                    .iter()
                    .map(|s| WireStory {
                        id: &s.id,
                        headline: &s.headline,
                        articles: ArticleIds(&s.articles),
                        sources: &s.sources,
                        facts: Seq::of(&s.facts),
                        discrepancies: Seq::of(&s.discrepancies),
                    })
                    .collect(),
            };
            let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
            assert_eq!(to_json(digest).unwrap(), expected);
        }
    }

    #[test]
    fn a_nested_piece_lines_up_with_the_whole_document() {
        let value = serde_json::json!({"a": [1, {"b": []}, {}], "c": {"d": "e"}, "f": []});
        let whole =
            serde_json::to_string_pretty(&serde_json::json!({ "x": [value.clone()] })).unwrap();
        let mut piece = b"{\n  \"x\": [\n    ".to_vec();
        value.serialize(&mut nested(&mut piece, 2)).unwrap();
        piece.extend_from_slice(b"\n  ]\n}");
        assert_eq!(String::from_utf8(piece).unwrap(), whole);
    }
}
