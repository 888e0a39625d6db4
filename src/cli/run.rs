//! `newsdigest run`: the cron entry. Under one run lock it fetches the feeds, then
//! builds the briefing from the store, exactly as `fetch` and then `build` would.
//!
//! A run that finds another one working waits up to `--wait`, then exits 75 (try again
//! later) without touching anything. When not one feed could be fetched the briefing is
//! still built from what the store holds, and the run then exits 69 so the failure
//! shows; so it does when the store then holds nothing to build from, since the feeds
//! are the cause.

use newsdigest::build;

use crate::cli::build::{options_from_config, tell_from_store};
use crate::cli::fetch;
use crate::cli::{Failure, RunArgs, load_config_within};

pub fn run(args: &RunArgs) -> Result<(), Failure> {
    let config = load_config_within(&args.config, &args.limits)?;
    let fetch::LockedStore {
        lock: _lock,
        mut store,
        summary,
    } = fetch::fetch_under_lock(&config, args.wait.wait, args.log.quiet)?;
    let built = build::build_from_store(
        &mut store,
        &args.window.spec(config.since),
        args.date,
        &options_from_config(&config),
    )?;
    tell_from_store(&built, args.log.quiet, false);
    fetch::status_of(&summary)
}
