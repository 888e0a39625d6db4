//! Fetching the config's feeds into the store, each feed's result stored as soon as it
//! arrives: new and changed articles, the feed's cache headers, and its health (a
//! failure is recorded against it, for `newsdigest check`). A feed that fails does not
//! stop the others; only a store that cannot be written does.
//!
//! It tells the caller about each feed as it is done ([`FeedDone`]), so a command line
//! can show progress and report problems at once; it prints nothing itself.

use chrono::Utc;
use tracing::info;

use super::{Saved, Store, StoreError};
use crate::fetch::{self, Feed, FeedOutcome, FeedRequest, FetchError, FetchOptions, Fetched};

/// What a fetch did, in counts.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FetchSummary {
    pub feeds: usize,
    pub fresh: usize,
    pub not_modified: usize,
    pub failed: usize,
    pub added: usize,
    pub updated: usize,
}

impl FetchSummary {
    /// Not one feed could be fetched (and there was one to fetch).
    pub fn all_failed(&self) -> bool {
        self.feeds > 0 && self.failed == self.feeds
    }
}

impl std::fmt::Display for FetchSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "fetched {} of {} feeds: {} new articles, {} updated, {} feeds not modified, {} failed",
            self.fresh + self.not_modified,
            self.feeds,
            self.added,
            self.updated,
            self.not_modified,
            self.failed
        )
    }
}

/// One feed done, as [`fetch_into`] tells it.
pub enum FeedDone<'a> {
    NotModified {
        feed: &'a Feed,
    },
    /// Fetched and stored; `problems` are what was cut or could not be read in it.
    Fresh {
        feed: &'a Feed,
        saved: Saved,
        problems: &'a [FetchError],
    },
    Failed {
        feed: &'a Feed,
        error: &'a FetchError,
    },
}

/// Fetches `feeds` (with `options`) into the store, telling `on_done` about each.
/// Feed failures are recorded and counted; only a store failure stops the fetch.
pub fn fetch_into(
    store: &mut Store,
    feeds: &[Feed],
    options: &FetchOptions,
    mut on_done: impl FnMut(FeedDone),
) -> Result<FetchSummary, StoreError> {
    store.register_feeds(feeds)?;
    let requests = feeds
        .iter()
        .map(|feed| request_for(store, feed))
        .collect::<Result<Vec<_>, StoreError>>()?;
    let mut summary = FetchSummary {
        feeds: requests.len(),
        ..FetchSummary::default()
    };
    let mut store_error = None;
    fetch::fetch_all(&requests, options, |outcome| {
        // After a store failure the other outcomes are dropped: the run stops anyway.
        if store_error.is_none()
            && let Err(error) = keep(store, outcome, &mut summary, &mut on_done)
        {
            store_error = Some(error);
        }
    });
    match store_error {
        Some(error) => Err(error),
        None => Ok(summary),
    }
}

/// What the fetch of `feed` sends: the cache headers of its last fetch, and for
/// `full_text` the items whose pages were read already.
fn request_for(store: &Store, feed: &Feed) -> Result<FeedRequest, StoreError> {
    Ok(FeedRequest {
        feed: feed.clone(),
        cache: store.cache_headers(&feed.url)?,
        known_ids: if feed.full_text {
            store.article_ids_of_feed(&feed.url)?
        } else {
            Default::default()
        },
    })
}

/// Stores one feed's outcome, counts it and tells it.
fn keep(
    store: &mut Store,
    outcome: FeedOutcome,
    summary: &mut FetchSummary,
    on_done: &mut impl FnMut(FeedDone),
) -> Result<(), StoreError> {
    let now = Utc::now();
    let feed = &outcome.feed;
    match outcome.result {
        Ok(Fetched::NotModified) => {
            summary.not_modified += 1;
            on_done(FeedDone::NotModified { feed });
            store.note_not_modified(&feed.url, now)
        }
        Ok(Fetched::Fresh {
            articles,
            cache,
            problems,
        }) => {
            let saved = store.save_fetched(&feed.url, &articles, &cache, now)?;
            info!(
                "{}: {} new, {} updated, {} already stored",
                feed.name, saved.added, saved.updated, saved.unchanged
            );
            summary.fresh += 1;
            summary.added += saved.added;
            summary.updated += saved.updated;
            on_done(FeedDone::Fresh {
                feed,
                saved,
                problems: &problems,
            });
            Ok(())
        }
        Err(error) => {
            summary.failed += 1;
            on_done(FeedDone::Failed {
                feed,
                error: &error,
            });
            store.note_failure(&feed.url, &error.to_string(), now)
        }
    }
}
