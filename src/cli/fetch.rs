//! `newsdigest fetch`: the config's feeds into the store (`newsdigest::store::fetch_into`),
//! under the run lock, with a progress bar on a terminal only. A feed that fails is
//! reported on stderr (naming the feed and its URL) and the others still land; the
//! command fails (69) only when not one feed could be fetched.

use indicatif::{ProgressBar, ProgressStyle};
use newsdigest::config::Config;
use newsdigest::lock;
use newsdigest::store::{self, FeedDone, FetchSummary, Store};

use crate::cli::{Failure, FetchArgs, Status, load_config_within, report};

pub fn run(args: &FetchArgs) -> Result<(), Failure> {
    let config = load_config_within(&args.config, &args.limits)?;
    let fetched = fetch_under_lock(&config, args.wait.wait, args.log.quiet)?;
    status_of(&fetched.summary)
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
    let progress = progress_bar(config.feeds.len(), quiet);
    let summary = store::fetch_into(&mut store, &config.feeds, &config.fetch, |done| {
        tell(&progress, &done);
    })?;
    progress.finish_and_clear();
    if !quiet {
        println!("{summary}");
    }
    Ok(LockedStore {
        lock,
        store,
        summary,
    })
}

fn require_feeds(config: &Config) -> Result<(), Failure> {
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

/// Failure only when every feed failed: one broken feed among several is reported,
/// and the briefing goes on with the rest.
pub(super) fn status_of(summary: &FetchSummary) -> Result<(), Failure> {
    if summary.all_failed() {
        Err(Failure::new(
            Status::Unavailable,
            format!(
                "not one of the {} feeds could be fetched (reasons above)",
                summary.feeds
            ),
        ))
    } else {
        Ok(())
    }
}

/// Moves the bar on, and reports a feed's failure or problems above it.
fn tell(progress: &ProgressBar, done: &FeedDone) {
    progress.inc(1);
    match done {
        FeedDone::NotModified { feed } => progress.set_message(feed.name.clone()),
        FeedDone::Fresh { feed, problems, .. } => {
            progress.set_message(feed.name.clone());
            for problem in *problems {
                progress.suspend(|| report(problem));
            }
        }
        FeedDone::Failed { feed, error } => {
            progress.set_message(feed.name.clone());
            progress.suspend(|| report(error));
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
