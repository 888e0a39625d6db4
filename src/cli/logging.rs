//! Logs on stderr through `tracing`: warnings only by default, more with `-v`/`-vv`,
//! errors only with `--quiet`, and `RUST_LOG` over all of these. With `-v` each stage's
//! span (`ingest`, `text`, ..., `render`, `write`) is logged as it closes, with its
//! wall time (`time.busy`). Colour only on a
//! terminal and never with `NO_COLOR`. Problems with inputs are not logs: commands
//! report those themselves, whatever the level.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::format::FmtSpan;

use crate::cli::Verbosity;

/// Installs the stderr logger for this process (once; later calls do nothing).
pub fn start(verbosity: &Verbosity) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(directive_for(verbosity)));
    let colour = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_span_events(FmtSpan::CLOSE)
        .with_target(false)
        // No clock time on each line (cron mails them); `without_time` would drop the
        // spans' wall times too.
        .with_timer(())
        .with_ansi(colour)
        .try_init();
}

fn directive_for(verbosity: &Verbosity) -> &'static str {
    match (verbosity.quiet, verbosity.verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "warn,newsdigest=info",
        (false, 2) => "warn,newsdigest=debug",
        (false, _) => "debug",
    }
}
