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

use serde::Serialize;

use crate::digest::Digest;

pub const SCHEMA: &str = "newsdigest/1";

#[derive(Serialize)]
struct WireDigest<'a> {
    schema: &'static str,
    date: String,
    articles: Vec<WireArticle<'a>>,
    stories: Vec<WireStory<'a>>,
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
    articles: &'a [String],
    sources: &'a [String],
    facts: Vec<WireFact<'a>>,
    discrepancies: Vec<WireDiscrepancy<'a>>,
}

#[derive(Serialize)]
struct WireFact<'a> {
    id: &'a str,
    text: &'a str,
    mentions: Vec<WireMention<'a>>,
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
    values: Vec<WireValue<'a>>,
}

#[derive(Serialize)]
struct WireValue<'a> {
    value: f64,
    qualifier: Option<&'a str>,
    text: &'a str,
    article: &'a str,
    sentence: &'a str,
}

/// The digest as pretty-printed `newsdigest/1` JSON.
pub fn to_json(digest: &Digest) -> Result<String, serde_json::Error> {
    let wire = WireDigest {
        schema: SCHEMA,
        date: digest.date.format("%Y-%m-%d").to_string(),
        articles: digest
            .articles
            .iter()
            .map(|a| WireArticle {
                id: &a.id,
                title: a.title.as_deref(),
                source: &a.source,
                url: a.url.as_deref(),
                published: a.published.map(|p| p.to_rfc3339()),
            })
            .collect(),
        stories: digest
            .stories
            .iter()
            .map(|s| WireStory {
                id: &s.id,
                headline: &s.headline,
                articles: &s.articles,
                sources: &s.sources,
                facts: s
                    .facts
                    .iter()
                    .map(|f| WireFact {
                        id: &f.id,
                        text: &f.text,
                        mentions: f
                            .mentions
                            .iter()
                            .map(|m| WireMention {
                                article: &m.article,
                                sentence: &m.sentence,
                            })
                            .collect(),
                        new: f.new,
                    })
                    .collect(),
                discrepancies: s
                    .discrepancies
                    .iter()
                    .map(|d| WireDiscrepancy {
                        id: &d.id,
                        measure: &d.measure,
                        values: d
                            .values
                            .iter()
                            .map(|v| WireValue {
                                value: v.value,
                                qualifier: v.qualifier.as_deref(),
                                text: &v.text,
                                article: &v.article,
                                sentence: &v.sentence,
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut json = serde_json::to_string_pretty(&wire)?;
    json.push('\n');
    Ok(json)
}
