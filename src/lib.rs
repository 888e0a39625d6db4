//! newsdigest turns a day's news articles into a briefing: it groups the articles that
//! report the same events into stories, states each fact once with every source that
//! reported it, and flags figures that differ between sources.
//!
//! | stage | takes | gives |
//! |---|---|---|
//! | [`ingest`] | paths | [`ingest::Article`] |
//! | [`text`] | article text | blocks and [`text::Sentence`]s |
//! | [`extract`] | a sentence | [`extract::Quantity`]s and dates |
//! | [`group`] | articles | [`group::Story`]s |
//! | [`facts`] | a story's sentences | [`facts::Fact`]s |
//! | [`figures`] | a story's facts | [`figures::Discrepancy`]s |
//! | [`rank`] | stories and facts | reading order |
//! | [`render`] | a [`digest::Digest`] | Markdown, HTML, JSON |
//! | [`store`] | digests, facts | what was already reported, so a digest says what is new |
//!
//! [`summarize`] runs the pure core from articles to a digest; [`build`] makes a
//! briefing from articles or from the store and writes it ([`output`] writes files);
//! [`archive`] lists the digests of an output folder in an index page and an Atom feed.
//! The library has no command line: the binary's `cli` maps arguments to [`build`]'s
//! options.
//! Around the pipeline, [`config`] reads `newsdigest.toml`, [`fetch`] brings feeds over
//! HTTP(S) for ingest to read, and [`lock`] keeps overlapping runs apart.

// Below the stages: stable ids and the headline rule, which several stages share.
pub mod headline;
pub mod ids;

// The stages, in pipeline order (one comment each keeps rustfmt from sorting them).
// Reads files into articles.
pub mod ingest;
// Splits text into blocks and sentences.
pub mod text;
// Reads quantities and dates in sentences.
pub mod extract;
// Groups articles into stories.
pub mod group;
// Merges sentences into facts.
pub mod facts;
// Flags differing figures.
pub mod figures;
// Chooses each story's opening summary.
pub mod summary;
// Orders stories and facts.
pub mod rank;
// The digest (what render and the store receive), and the run of the stages.
pub mod digest;
// Writes Markdown, HTML and JSON.
pub mod render;
// Remembers what was reported, so a digest can say what is new.
pub mod store;

// Around the pipeline.
pub mod archive;
pub mod build;
pub mod compare;
pub mod config;
pub mod fetch;
pub mod lock;
pub mod options;
pub mod output;

pub use digest::{Digest, summarize};

#[cfg(test)]
mod test_random;
