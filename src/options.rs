//! Validated options the library takes, free of any command-line parsing.

use chrono::NaiveDate;

use crate::group::GroupOptions;

/// What a digest is built with.
#[derive(Debug, Clone)]
pub struct Options {
    /// The day the digest is for.
    pub date: NaiveDate,
    /// The briefing's title.
    pub title: String,
    pub group: GroupOptions,
}

impl Options {
    pub fn for_date(date: NaiveDate) -> Options {
        Options {
            date,
            title: "News digest".to_string(),
            group: GroupOptions::default(),
        }
    }
}
