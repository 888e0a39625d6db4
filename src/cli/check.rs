//! `newsdigest check`: validates the config (every error with its file, line and key),
//! the templates it names, and the store if there is one (without changing it), and
//! says what a run would do.

use crate::cli::{CheckArgs, Failure, Status, load_config, report};
use newsdigest::config::Config;
use newsdigest::config::duration::duration_text;
use newsdigest::render::{RenderOptions, Renderer};
use newsdigest::store::{Store, migrations};

pub fn run(args: &CheckArgs) -> Result<(), Failure> {
    let config = load_config(&args.config)?;
    Renderer::new(config.templates.as_deref(), RenderOptions::default())
        .map_err(|err| Failure::new(Status::Config, format!("{}: {err}", config.file.display())))?;
    if config.feeds.is_empty() {
        report(&format!(
            "{}: no [[feeds]] yet: `fetch` and `run` have nothing to fetch",
            config.file.display()
        ));
    }
    let store_line = check_store(&config)?;
    if !args.log.quiet {
        println!("{}: ok", config.file.display());
        println!("  {}", plan_line(&config));
        println!("  {store_line}");
    }
    Ok(())
}

fn plan_line(config: &Config) -> String {
    let formats: Vec<&str> = config.formats.iter().map(|f| f.extension()).collect();
    format!(
        "{}; briefing \"{}\" of the last {} as {} in {}",
        counted(config.feeds.len(), "feed"),
        config.title,
        duration_text(config.since),
        formats.join(", "),
        config.out.display()
    )
}

/// A line about the store, after checking it is one and is sound. Feeds whose last
/// fetch failed are reported.
fn check_store(config: &Config) -> Result<String, Failure> {
    if !config.store.exists() {
        return Ok(format!(
            "store {}: not created yet (the first fetch creates it)",
            config.store.display()
        ));
    }
    let store = Store::open_read_only(&config.store)?;
    store.verify()?;
    let version = store.user_version()?;
    let counts = store.counts()?;
    // Only the config's feeds at their configured URL: a feed left out of the config,
    // or an address since corrected, is not today's problem.
    for feed in store.feed_health()? {
        let configured = config
            .feeds
            .iter()
            .any(|f| f.name == feed.name && f.url == feed.url);
        if let (true, Some(error)) = (configured, feed.last_error) {
            report(&format!("last fetch failed: {error}"));
        }
    }
    let upgrade = if version < migrations::latest_version() {
        format!(
            " (the next fetch or build upgrades it to {})",
            migrations::latest_version()
        )
    } else {
        String::new()
    };
    Ok(format!(
        "store {}: schema version {version}{upgrade}; {}, {}, {}",
        config.store.display(),
        counted(counts.feeds, "feed"),
        counted(counts.articles, "article"),
        counted(counts.digests, "digest")
    ))
}

fn counted(n: usize, thing: &str) -> String {
    format!("{n} {thing}{}", if n == 1 { "" } else { "s" })
}
