//! Validated options the library takes, free of any command-line parsing.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::digest::History;
use crate::group::GroupOptions;

/// Words a story's summary holds at most by default: about a minute's reading for the
/// top few stories.
pub const DEFAULT_SUMMARY_WORDS: usize = 100;

/// What a digest is built with.
#[derive(Debug, Clone)]
pub struct Options {
    /// The day the digest is for.
    pub date: NaiveDate,
    /// The briefing's title.
    pub title: String,
    pub group: GroupOptions,
    /// Words a story's summary may hold (its first fact is taken even when longer).
    pub summary_words: usize,
    /// What earlier digests reported: those facts are marked as reported and left out
    /// of the summaries.
    pub history: Arc<History>,
}

impl Options {
    pub fn for_date(date: NaiveDate) -> Options {
        Options {
            date,
            title: "News digest".to_string(),
            group: GroupOptions::default(),
            summary_words: DEFAULT_SUMMARY_WORDS,
            history: Arc::default(),
        }
    }
}
