//! The `newsdigest/1` JSON contract, as its own serialize-only wire types so that
//! internal changes cannot alter it. Other tools rely on this shape:
//!
//! ```text
//! { "schema": "newsdigest/1", "date": "2026-11-22",
//!   "articles": [ {"id", "title", "source", "url", "published"} ],
//!   "stories": [ {"id", "headline", "articles": [id], "sources": [name],
//!       "summary": [fact id],
//!       "facts": [ {"id", "text", "mentions": [ {"article", "sentence"} ], "new"} ],
//!       "discrepancies": [ {"id", "measure",
//!           "values": [ {"value", "qualifier", "text", "article", "sentence"} ] } ] } ] }
//! ```
//!
//! `summary` (added within `newsdigest/1`: a reader that ignores unknown fields is
//! unaffected) is the ids of the story's facts that open it, in reading order; each id
//! is one of the story's `facts`.
//!
//! Every byte is serde_json's pretty printing of the wire types. A large morning's
//! document is over a gigabyte, so it is not serialized in one call: the page around
//! the stories ([`Frame`]: schema, date, articles, and the stories array's brackets) is
//! serde_json's output for the document with a placeholder story, and the stories are
//! serialized in batches on every core, each pretty-printed alone and indented to the
//! depth it sits at, while a thread of its own writes the finished batch. Together
//! they are byte for byte `serde_json::to_string_pretty` of the whole document plus a
//! final newline (a test compares them).
//!
//! It owns the wire types and streaming them; what is in a digest is `digest`'s.

use std::hash::{BuildHasher, RandomState};
use std::io::{self, Write};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Serialize, Serializer};

use crate::digest::{
    ArticleEntry, Digest, DiscrepancyEntry, FactEntry, MentionEntry, StoryEntry, ValueEntry,
};

pub const SCHEMA: &str = "newsdigest/1";

/// The whole document. `stories` is the stories themselves, or the placeholder the
/// frame is cut around.
#[derive(Serialize)]
struct WireDigest<'a, S: Serialize> {
    schema: &'static str,
    date: String,
    articles: Listed<'a, Arc<ArticleEntry>>,
    stories: S,
}

#[derive(Serialize)]
struct WireArticle<'a> {
    id: &'a str,
    title: Option<&'a str>,
    source: &'a str,
    url: Option<&'a str>,
    published: Option<String>,
}

#[derive(Serialize)]
struct WireStory<'a> {
    id: &'a str,
    headline: &'a str,
    articles: ArticleIds<'a>,
    sources: &'a [String],
    summary: Vec<&'a str>,
    facts: Listed<'a, FactEntry>,
    discrepancies: Listed<'a, DiscrepancyEntry>,
}

#[derive(Serialize)]
struct WireFact<'a> {
    id: &'a str,
    text: &'a str,
    mentions: Listed<'a, MentionEntry>,
    new: bool,
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
    values: Listed<'a, ValueEntry>,
}

#[derive(Serialize)]
struct WireValue<'a> {
    value: f64,
    qualifier: Option<&'a str>,
    text: &'a str,
    article: &'a str,
    sentence: &'a str,
}

impl<'a> WireStory<'a> {
    fn of(story: &'a StoryEntry) -> Self {
        WireStory {
            id: &story.id,
            headline: &story.headline,
            articles: ArticleIds(&story.articles),
            sources: &story.sources,
            summary: story
                .summary
                .iter()
                .map(|&i| story.facts[i].id.as_str())
                .collect(),
            facts: Listed(&story.facts),
            discrepancies: Listed(&story.discrepancies),
        }
    }
}

/// Entries written as their wire type one at a time, so that a story of thousands of
/// facts needs no array of wire values.
struct Listed<'a, T>(&'a [T]);

impl Serialize for Listed<'_, Arc<ArticleEntry>> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|a| WireArticle {
            id: &a.id,
            title: a.title.as_deref(),
            source: &a.source,
            url: a.url.as_deref(),
            published: a.published.map(|p| p.to_rfc3339()),
        }))
    }
}

impl Serialize for Listed<'_, FactEntry> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|f| WireFact {
            id: &f.id,
            text: &f.text,
            mentions: Listed(&f.mentions),
            new: f.new,
        }))
    }
}

impl Serialize for Listed<'_, MentionEntry> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|m| WireMention {
            article: &m.article.id,
            sentence: &m.sentence,
        }))
    }
}

impl Serialize for Listed<'_, DiscrepancyEntry> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|d| WireDiscrepancy {
            id: &d.id,
            measure: &d.measure,
            values: Listed(&d.values),
        }))
    }
}

impl Serialize for Listed<'_, ValueEntry> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|v| WireValue {
            value: v.value,
            qualifier: v.qualifier,
            text: &v.text,
            article: &v.article.id,
            sentence: &v.sentence,
        }))
    }
}

impl Serialize for Listed<'_, StoryEntry> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(WireStory::of))
    }
}

/// A story's article ids, from its shared articles.
struct ArticleIds<'a>(&'a [Arc<ArticleEntry>]);

impl Serialize for ArticleIds<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|a| a.id.as_str()))
    }
}

fn document<'a, S: Serialize>(digest: &'a Digest, stories: S) -> WireDigest<'a, S> {
    WireDigest {
        schema: SCHEMA,
        date: digest.date.format("%Y-%m-%d").to_string(),
        articles: Listed(&digest.articles),
        stories,
    }
}

/// How much is serialized before it is written, counted in statements (mentions and
/// figures): enough stories to keep every core busy, few enough that the text held at
/// once stays in the tens of megabytes even when the first stories of a large morning
/// each have thousands of statements.
const STATEMENTS_PER_BATCH: usize = 20_000;

/// Writes the digest as pretty-printed `newsdigest/1` JSON and a final newline.
pub fn write_json<W: Write + Send>(digest: &Digest, out: &mut W) -> io::Result<()> {
    write_json_in_batches(digest, out, STATEMENTS_PER_BATCH)
}

/// [`write_json`], serializing about `statements` statements at a time.
fn write_json_in_batches<W: Write + Send>(
    digest: &Digest,
    out: &mut W,
    statements: usize,
) -> io::Result<()> {
    if digest.stories.is_empty() {
        serde_json::to_writer_pretty(&mut *out, &document(digest, Listed(&digest.stories)))?;
        return out.write_all(b"\n");
    }
    let frame = Frame::of(digest)?;
    out.write_all(frame.head.as_bytes())?;
    write_stories(&digest.stories, &frame, out, statements)?;
    out.write_all(frame.tail.as_bytes())?;
    out.write_all(b"\n")
}

/// The document around its stories, as serde_json pretty-prints it.
struct Frame {
    /// Up to the first story, which starts after `indent`.
    head: String,
    /// What follows the last story.
    tail: String,
    /// The spaces before each story's line, and inside it before each of its lines.
    indent: String,
}

impl Frame {
    /// The document serialized with one placeholder story (a random string, so that no
    /// article text can forge it), cut around the placeholder.
    fn of(digest: &Digest) -> io::Result<Frame> {
        let nonce = RandomState::new().hash_one("newsdigest stories");
        let placeholder = format!("newsdigest-story-{nonce:016x}");
        let text = serde_json::to_string_pretty(&document(digest, [&placeholder]))?;
        let (head, tail) = text
            .rsplit_once(&format!("\"{placeholder}\""))
            .ok_or_else(|| io::Error::other("the JSON placeholder story is missing"))?;
        let indent = head.rsplit_once('\n').map_or("", |(_, indent)| indent);
        Ok(Frame {
            head: head.to_string(),
            tail: tail.to_string(),
            indent: indent.to_string(),
        })
    }
}

/// Serializes the stories batch after batch on the pool's threads while a thread of its
/// own writes each finished batch to `out`, in order.
fn write_stories<W: Write + Send>(
    stories: &[StoryEntry],
    frame: &Frame,
    out: &mut W,
    statements: usize,
) -> io::Result<()> {
    std::thread::scope(|scope| {
        // One batch waits while one is written: memory stays a few batches.
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Vec<u8>>>(1);
        let writer = scope.spawn(move || {
            receive
                .into_iter()
                .flatten()
                .try_for_each(|piece| out.write_all(&piece))
        });
        let mut first = true;
        let mut serializing = Ok(());
        for batch in batches(stories, statements) {
            let pieces: io::Result<Vec<Vec<u8>>> = batch
                .par_iter()
                .enumerate()
                .map(|(i, story)| story_piece(story, first && i == 0, &frame.indent))
                .collect();
            first = false;
            match pieces {
                Ok(pieces) => {
                    // A closed channel means the writer stopped on an error, reported
                    // below.
                    if send.send(pieces).is_err() {
                        break;
                    }
                }
                Err(err) => {
                    serializing = Err(err);
                    break;
                }
            }
        }
        drop(send);
        let written = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        written.and(serializing)
    })
}

/// One story as it sits in the stories array: after a comma and a line break unless it
/// is the first, serde_json's pretty printing of it with every line indented.
fn story_piece(story: &StoryEntry, first: bool, indent: &str) -> io::Result<Vec<u8>> {
    let alone = serde_json::to_vec_pretty(&WireStory::of(story))?;
    let mut piece = Vec::with_capacity(alone.len() + alone.len() / 8);
    if !first {
        piece.extend_from_slice(b",\n");
        piece.extend_from_slice(indent.as_bytes());
    }
    indent_lines(&alone, indent.as_bytes(), &mut piece);
    Ok(piece)
}

/// `text` with `indent` after each line break. serde_json writes a line break inside a
/// string as `\n`, so every raw one is layout.
fn indent_lines(text: &[u8], indent: &[u8], out: &mut Vec<u8>) {
    let mut from = 0;
    for at in memchr::memchr_iter(b'\n', text) {
        out.extend_from_slice(&text[from..=at]);
        out.extend_from_slice(indent);
        from = at + 1;
    }
    out.extend_from_slice(&text[from..]);
}

/// `stories` cut into consecutive batches of about `statements` statements each (a
/// story larger than that is a batch of its own).
fn batches(stories: &[StoryEntry], statements: usize) -> impl Iterator<Item = &[StoryEntry]> {
    let mut rest = stories;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut total = 0;
        let size = rest
            .iter()
            .position(|story| {
                total += statements_in(story);
                total > statements
            })
            .map_or(rest.len(), |over| over.max(1));
        let (batch, after) = rest.split_at(size);
        rest = after;
        Some(batch)
    })
}

fn statements_in(story: &StoryEntry) -> usize {
    let mentions: usize = story.facts.iter().map(|f| f.mentions.len()).sum();
    let values: usize = story.discrepancies.iter().map(|d| d.values.len()).sum();
    1 + mentions + values
}

/// The digest as pretty-printed `newsdigest/1` JSON, in one string.
pub fn to_json(digest: &Digest) -> io::Result<String> {
    let mut out = Vec::new();
    write_json(digest, &mut out)?;
    String::from_utf8(out).map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::ingest::Article;
    use crate::options::Options;

    fn digest(articles: &[(&str, &str, &str)]) -> Digest {
        let articles: Vec<Article> = articles
            .iter()
            .map(|(id, source, text)| Article {
                id: id.to_string(),
                title: Some(format!("\"{id}\" \u{1} title\n")),
                text: text.to_string(),
                source: source.to_string(),
                url: Some(format!("https://example.com/{id}")),
                published: None,
            })
            .collect();
        let date = NaiveDate::from_ymd_opt(2025, 12, 8).unwrap_or_default();
        crate::summarize(articles, &Options::for_date(date))
    }

    fn digests() -> Vec<Digest> {
        vec![
            digest(&[]),
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
                (
                    "f",
                    "F",
                    "The city council approved a new budget for the schools.",
                ),
            ]),
            digest(&[
                (
                    "d",
                    "D",
                    "At least 24 people were killed in the attack, officials said. Revenue in the quarter rose 5.4 percent to $45.9 billion.",
                ),
                (
                    "e",
                    "E",
                    "Police said 12 people were killed in the attack. Revenue in the quarter rose 7.4 percent to $46.9 billion.",
                ),
            ]),
        ]
    }

    #[test]
    fn stories_streamed_in_batches_are_the_whole_document_pretty_printed() {
        let digests = digests();
        let values = digests[2]
            .stories
            .iter()
            .flat_map(|s| &s.discrepancies)
            .flat_map(|d| &d.values);
        assert!(values.clone().any(|v| v.qualifier.is_some()));
        assert!(values.clone().any(|v| v.qualifier.is_none()));
        assert!(values.clone().any(|v| v.value.fract() != 0.0));
        assert!(digests[1].stories.len() > 1, "more than one batch");
        for digest in &digests {
            let whole = document(digest, Listed(&digest.stories));
            let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
            for statements in [1, 3, STATEMENTS_PER_BATCH] {
                let mut out = Vec::new();
                write_json_in_batches(digest, &mut out, statements).unwrap();
                assert_eq!(String::from_utf8(out).unwrap(), expected, "{statements}");
            }
        }
    }

    #[test]
    fn the_document_has_every_field_of_the_contract() {
        let digest = &digests()[2];
        let value: serde_json::Value = serde_json::from_str(&to_json(digest).unwrap()).unwrap();
        // serde_json's map sorts its keys; their order is the byte test's concern.
        let keys = |v: &serde_json::Value| -> Vec<String> {
            v.as_object().unwrap().keys().cloned().collect()
        };
        fn sorted(mut keys: Vec<&str>) -> Vec<&str> {
            keys.sort_unstable();
            keys
        }
        assert_eq!(
            keys(&value),
            sorted(vec!["schema", "date", "articles", "stories"])
        );
        assert_eq!(
            keys(&value["articles"][0]),
            sorted(vec!["id", "title", "source", "url", "published"])
        );
        let story = value["stories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| !s["discrepancies"].as_array().unwrap().is_empty())
            .unwrap();
        assert_eq!(
            keys(story),
            sorted(vec![
                "id",
                "headline",
                "articles",
                "sources",
                "summary",
                "facts",
                "discrepancies"
            ])
        );
        let fact_ids: Vec<&serde_json::Value> = story["facts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| &f["id"])
            .collect();
        let summary = story["summary"].as_array().unwrap();
        assert!(!summary.is_empty());
        assert!(
            summary.iter().all(|id| fact_ids.contains(&id)),
            "{summary:?}"
        );
        assert_eq!(
            keys(&story["facts"][0]),
            sorted(vec!["id", "text", "mentions", "new"])
        );
        assert_eq!(
            keys(&story["facts"][0]["mentions"][0]),
            sorted(vec!["article", "sentence"])
        );
        assert_eq!(
            keys(&story["discrepancies"][0]),
            sorted(vec!["id", "measure", "values"])
        );
        assert_eq!(
            keys(&story["discrepancies"][0]["values"][0]),
            sorted(vec!["value", "qualifier", "text", "article", "sentence"])
        );
    }

    /// Fails as a full disk does after `room` bytes.
    struct FillingUp {
        room: usize,
    }

    impl Write for FillingUp {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::new(io::ErrorKind::StorageFull, "no space left"));
            }
            let taken = buf.len().min(self.room);
            self.room -= taken;
            Ok(taken)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_writer_that_fails_between_batches_stops_the_json() {
        let digest = &digests()[1];
        let whole = to_json(digest).unwrap().len();
        for room in [0, whole / 3, whole / 2, whole - 1] {
            let failed = write_json_in_batches(digest, &mut FillingUp { room }, 1).unwrap_err();
            assert_eq!(failed.kind(), io::ErrorKind::StorageFull, "{room}");
        }
    }
}
