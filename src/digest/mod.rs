//! The [`Digest`]: the one value that renderers and the store receive, made of
//! self-contained entries (ids, sources, sentence text), so a renderer never reaches
//! back into a stage. [`summarize`] ([`run`]) makes it from a day's articles.
//!
//! Entries share what they name instead of copying it: an article is one
//! `Arc<ArticleEntry>` however many mentions and figures point at it, and a sentence is
//! one `Arc<str>` shared by its mention, the fact it stands for and any figure read from
//! it. A large morning has millions of mentions, so a digest that copied an id, source,
//! address and sentence into each would be several times the size of its input; shared,
//! it holds each sentence once. This module holds the types only; it does no I/O.

mod assemble;
mod corroboration;
mod history;
mod run;

pub use assemble::safe_link;
pub use history::{History, mark_reported};
pub use run::{
    ArticleTermsView, RunFeatures, grouping_input_of, quantities_of_articles, sentences_of,
    stories_of, summarize, terms_of_articles,
};

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rayon::prelude::*;
use serde::Serialize;

use crate::ids::IdCollision;

/// A whole briefing.
#[derive(Debug, Clone)]
pub struct Digest {
    pub title: String,
    pub date: NaiveDate,
    pub totals: Totals,
    /// Every article read, in input order.
    pub articles: Vec<Arc<ArticleEntry>>,
    pub stories: Vec<StoryEntry>,
    /// How many earlier digests the facts were compared with (by the store stage); 0
    /// means every fact is new because nothing was compared.
    pub earlier_digests: usize,
    /// Ids this run gave to two different facts or stories (see [`crate::ids`]): none,
    /// unless the 64-bit hash met a one-in-millions chance.
    pub id_collisions: Vec<IdCollision>,
}

/// The counts in the briefing's opening line.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Totals {
    pub articles: usize,
    pub sources: usize,
    pub stories: usize,
    pub discrepancies: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArticleEntry {
    pub id: String,
    pub title: Option<String>,
    pub source: String,
    /// Only http(s) URLs are kept as links.
    pub url: Option<String>,
    pub published: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Clone)]
pub struct StoryEntry {
    pub id: String,
    pub headline: String,
    /// The story's articles, in the order the group stage gave them.
    pub articles: Vec<Arc<ArticleEntry>>,
    pub sources: Vec<String>,
    /// Every fact of the story in reading order: corroborated ones first.
    pub facts: Vec<FactEntry>,
    /// The story's summary: indices into `facts`, in reading order (when things were
    /// reported, then article order). Only new facts, when the digest was compared
    /// with earlier ones; empty when nothing is new.
    pub summary: Vec<usize>,
    pub discrepancies: Vec<DiscrepancyEntry>,
    /// Some facts were reported by an earlier digest and some are new.
    pub developing: bool,
}

impl StoryEntry {
    pub fn corroborated(&self) -> impl Iterator<Item = &FactEntry> {
        self.facts.iter().filter(|f| f.is_corroborated())
    }
}

#[derive(Debug, Clone)]
pub struct FactEntry {
    pub id: String,
    /// The sentence that stands for the fact (shared with the mention it comes from).
    pub text: Arc<str>,
    pub mentions: Vec<MentionEntry>,
    /// False when an earlier digest already reported it.
    pub new: bool,
    /// The date of the first digest that reported it, when one did.
    pub first_reported: Option<NaiveDate>,
}

impl FactEntry {
    /// The sources that state it, each once, in the order of its mentions.
    pub fn sources(&self) -> Vec<&str> {
        distinct(self.mentions.iter().map(|m| m.article.source.as_str()))
    }

    /// More than one source states it.
    pub fn is_corroborated(&self) -> bool {
        let mut sources = self.mentions.iter().map(|m| m.article.source.as_str());
        let first = sources.next();
        sources.any(|s| Some(s) != first)
    }
}

/// One article's sentence that states a fact.
#[derive(Debug, Clone)]
pub struct MentionEntry {
    pub article: Arc<ArticleEntry>,
    pub sentence: Arc<str>,
}

#[derive(Debug, Clone)]
pub struct DiscrepancyEntry {
    pub id: String,
    pub measure: String,
    pub values: Vec<ValueEntry>,
    /// The differing sentences name different days or places, or differ on every
    /// figure they give (no count of people or age among them): the values may be of
    /// different events (shown to readers; not part of the JSON contract).
    pub may_be_different_events: bool,
}

#[derive(Debug, Clone)]
pub struct ValueEntry {
    pub value: f64,
    pub qualifier: Option<&'static str>,
    pub text: String,
    pub article: Arc<ArticleEntry>,
    /// The whole sentence the figure was read from.
    pub sentence: Arc<str>,
    /// Byte span of `text` inside `sentence`.
    pub start: usize,
    pub end: usize,
}

impl Digest {
    /// Frees the digest on every core: a large morning's is millions of entries, half a
    /// second to free on one.
    pub fn free(self) {
        self.stories.into_par_iter().for_each(drop);
    }
}

/// The items, each once, in first-seen order.
fn distinct<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = Vec::<&str>::new();
    for item in items {
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
}
