//! `newsdigest fetch`: the config's feeds into the store.
//!
//! Each feed's result is stored as soon as it arrives; a feed that fails is reported on
//! stderr (naming the feed and its URL) and the others still land. A progress bar shows
//! on a terminal only. The command fails (69) only when not one feed could be fetched.

use std::fmt;

use chrono::Utc;
use indicatif::{ProgressBar, ProgressStyle};
use tracing::info;

use crate::cli::{Failure, FetchArgs, Status, load_config_within, report};
use newsdigest::config::Config;
use newsdigest::fetch::{self, FeedOutcome, FeedRequest, Fetched};
use newsdigest::lock;
use newsdigest::store::{Store, StoreError};

pub fn run(args: &FetchArgs) -> Result<(), Failure> {
    let config = load_config_within(&args.config, &args.limits)?;
    let fetched = fetch_under_lock(&config, args.wait.wait, args.log.quiet)?;
    fetched.summary.status()
}

/// What `fetch` leaves for `run` to build from: the store, still under the run lock.
pub(super) struct LockedStore {
    pub lock: lock::RunLock,
    pub store: Store,
    pub summary: FetchSummary,
}

/// Takes the run lock, opens the store and fetches the config's feeds into it, telling
/// the summary unless quiet. Shared by `fetch` and `run`, so both hold the lock the same way.
pub(super) fn fetch_under_lock(
    config: &Config,
    wait: std::time::Duration,
    quiet: bool,
) -> Result<LockedStore, Failure> {
    require_feeds(config)?;
    let lock = lock::acquire(&lock::lock_path_for(&config.store), wait)?;
    let mut store = Store::open(&config.store)?;
    let summary = fetch_into_store(&mut store, config, quiet)?;
    if !quiet {
        println!("{summary}");
    }
    Ok(LockedStore {
        lock,
        store,
        summary,
    })
}

pub(super) fn require_feeds(config: &Config) -> Result<(), Failure> {
    if config.feeds.is_empty() {
        return Err(Failure::new(
            Status::Config,
            format!(
                "{}: no [[feeds]] to fetch; add one (see `newsdigest init`)",
                config.file.display()
            ),
        ));
    }
    Ok(())
}

/// What a fetch did, in one line.
#[derive(Debug, Default)]
pub(super) struct FetchSummary {
    pub feeds: usize,
    pub fresh: usize,
    pub not_modified: usize,
    pub failed: usize,
    pub added: usize,
    pub updated: usize,
}

impl FetchSummary {
    /// Failure only when every feed failed: one broken feed among several is reported,
    /// and the briefing goes on with the rest.
    pub fn status(&self) -> Result<(), Failure> {
        if self.feeds > 0 && self.failed == self.feeds {
            Err(Failure::new(
                Status::Unavailable,
                format!(
                    "not one of the {} feeds could be fetched (reasons above)",
                    self.feeds
                ),
            ))
        } else {
            Ok(())
        }
    }
}

impl fmt::Display for FetchSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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

/// Fetches every feed of the config into the store. Feed failures are reported and
/// counted; only a store failure stops the fetch.
pub(super) fn fetch_into_store(
    store: &mut Store,
    config: &Config,
    quiet: bool,
) -> Result<FetchSummary, Failure> {
    store.register_feeds(&config.feeds)?;
    let requests = config
        .feeds
        .iter()
        .map(|feed| {
            Ok(FeedRequest {
                feed: feed.clone(),
                cache: store.cache_headers(&feed.url)?,
                known_ids: if feed.full_text {
                    store.article_ids_of_feed(&feed.url)?
                } else {
                    Default::default()
                },
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let progress = progress_bar(requests.len(), quiet);
    let mut summary = FetchSummary {
        feeds: requests.len(),
        ..FetchSummary::default()
    };
    let mut store_error = None;
    fetch::fetch_all(&requests, &config.fetch, |outcome| {
        progress.inc(1);
        progress.set_message(outcome.feed.name.clone());
        // After a store failure the other outcomes are dropped: the run stops anyway.
        if store_error.is_none()
            && let Err(error) = keep(store, outcome, &mut summary, &progress)
        {
            store_error = Some(error);
        }
    });
    progress.finish_and_clear();
    if let Some(error) = store_error {
        return Err(error.into());
    }
    Ok(summary)
}

/// Stores one feed's outcome and counts it.
fn keep(
    store: &mut Store,
    outcome: FeedOutcome,
    summary: &mut FetchSummary,
    progress: &ProgressBar,
) -> Result<(), StoreError> {
    let now = Utc::now();
    let url = &outcome.feed.url;
    match outcome.result {
        Ok(Fetched::NotModified) => {
            summary.not_modified += 1;
            store.note_not_modified(url, now)
        }
        Ok(Fetched::Fresh {
            articles,
            cache,
            problems,
        }) => {
            for problem in &problems {
                progress.suspend(|| report(problem));
            }
            let saved = store.save_fetched(url, &articles, &cache, now)?;
            info!(
                "{}: {} new, {} updated, {} already stored",
                outcome.feed.name, saved.added, saved.updated, saved.unchanged
            );
            summary.fresh += 1;
            summary.added += saved.added;
            summary.updated += saved.updated;
            Ok(())
        }
        Err(error) => {
            summary.failed += 1;
            progress.suspend(|| report(&error));
            store.note_failure(url, &error.to_string(), now)
        }
    }
}

/// A bar on a terminal; nothing at all under cron, a pipe or `--quiet`.
fn progress_bar(feeds: usize, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    // Hidden by indicatif itself when stderr is not a terminal.
    let bar = ProgressBar::new(feeds as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} feeds {wide_msg}") {
        bar.set_style(style);
    }
    bar
}
