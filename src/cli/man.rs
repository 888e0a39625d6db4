//! `newsdigest man [COMMAND]`: the manual page, generated from the clap definitions
//! (the same doc comments as `--help`), as roff on standard output.
//!
//! clap_mangen writes the name, synopsis, description and options; this module adds
//! what `--help` does not say: EXIT STATUS (from [`Status`], the statuses the command
//! can give), ENVIRONMENT (the variables the flags read, and the ones every command
//! honours), FILES (where the config, store, lock and briefings are) and EXAMPLES.

use std::fmt::Write as _;

use clap::CommandFactory;

use crate::cli::{COMMAND_NAMES, Cli, Failure, ManArgs, Status, print_to_stdout};

pub fn run(args: &ManArgs) -> Result<(), Failure> {
    let roff = page(args.command.as_deref()).map_err(|err| {
        Failure::new(Status::Failure, format!("rendering the manual page: {err}"))
    })?;
    print_to_stdout(roff.as_bytes())
}

/// The manual page of newsdigest (`None`) or of one of its commands, as roff.
pub fn page(command: Option<&str>) -> Result<String, std::io::Error> {
    let mut root = Cli::command().disable_help_subcommand(true);
    // Building names each subcommand's page after its parent: newsdigest-build(1).
    root.build();
    let cmd = match command {
        None => root.clone(),
        Some(name) => root.find_subcommand(name).cloned().ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("no command {name:?} (one of: {})", COMMAND_NAMES.join(", ")),
            )
        })?,
    };
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    if cmd.has_subcommands() {
        man.render_subcommands_section(&mut out)?;
    }
    let mut roff = String::from_utf8_lossy(&out).into_owned();
    exit_status_section(&mut roff, command);
    environment_section(&mut roff, &cmd);
    files_section(&mut roff);
    examples_section(&mut roff, command);
    if cmd.get_version().is_some() {
        let mut version = Vec::new();
        man.render_version_section(&mut version)?;
        roff.push_str(&String::from_utf8_lossy(&version));
    }
    Ok(roff)
}

fn exit_status_section(roff: &mut String, command: Option<&str>) {
    section(roff, "EXIT STATUS");
    tagged(
        roff,
        "0",
        "success, a quiet day with nothing new included (problems with single inputs, or feeds that failed while others worked, are told on stderr)",
    );
    for status in Status::ALL {
        let commands = status.commands();
        match command {
            Some(name) if !commands.contains(&name) => {}
            Some(_) => tagged(roff, &status.code().to_string(), status.meaning()),
            None => tagged(
                roff,
                &status.code().to_string(),
                &format!("{} ({})", status.meaning(), commands.join(", ")),
            ),
        }
    }
    paragraph(
        roff,
        "Every failure prints one line, newsdigest: reason, on standard error.",
    );
}

/// Variables every command honours, beside those its flags read.
const COMMON_ENVIRONMENT: [(&str, &str); 5] = [
    (
        "RUST_LOG",
        "log filter over -v and --quiet, as tracing's EnvFilter reads it (e.g. newsdigest=debug)",
    ),
    (
        "NO_COLOR",
        "when set and not empty, logs are never coloured",
    ),
    (
        "XDG_CONFIG_HOME",
        "where the config is looked for after ./newsdigest.toml: $XDG_CONFIG_HOME/newsdigest/config.toml (default ~/.config)",
    ),
    (
        "TZ",
        "the time zone of today, yesterday, --date and the days of --from/--to",
    ),
    (
        "RUST_BACKTRACE",
        "when set, an internal error (status 70) prints its backtrace too",
    ),
];

fn environment_section(roff: &mut String, cmd: &clap::Command) {
    section(roff, "ENVIRONMENT");
    let mut flags: Vec<(String, String)> = Vec::new();
    let commands = std::iter::once(cmd).chain(cmd.get_subcommands());
    for arg in commands.flat_map(clap::Command::get_arguments) {
        let Some(env) = arg.get_env().and_then(|e| e.to_str()) else {
            continue;
        };
        if flags.iter().any(|(name, _)| name == env) {
            continue;
        }
        let flag = arg
            .get_long()
            .map_or_else(String::new, |l| format!("--{l}"));
        flags.push((
            env.to_string(),
            format!("the value of {flag} when it is not given"),
        ));
    }
    for (name, meaning) in &flags {
        tagged(roff, name, meaning);
    }
    for (name, meaning) in COMMON_ENVIRONMENT {
        tagged(roff, name, meaning);
    }
}

fn files_section(roff: &mut String) {
    section(roff, "FILES");
    tagged(
        roff,
        "./newsdigest.toml, $XDG_CONFIG_HOME/newsdigest/config.toml",
        "the config, looked for in this order when --config is not given; relative paths in it are relative to its folder",
    );
    tagged(
        roff,
        "newsdigest.db",
        "the store (the config's store, beside the config by default): SQLite, with newsdigest.db-wal and newsdigest.db-shm beside it while in use",
    );
    tagged(
        roff,
        "newsdigest.db.lock",
        "the run lock, beside the store; held by fetch, build and run while they work, released by the system however a run ends",
    );
    tagged(
        roff,
        "OUT/DATE.md, OUT/DATE.html, OUT/DATE.json",
        "the briefing of DATE (YYYY-MM-DD) in the output folder (--out, or the config's out; default output)",
    );
    tagged(
        roff,
        "OUT/latest.md, OUT/latest.html, OUT/latest.json",
        "copies of the newest briefing, written by a build from the store",
    );
    tagged(
        roff,
        "OUT/index.html, OUT/feed.xml",
        "every briefing in the folder, newest first, as a page and as an Atom feed",
    );
    tagged(
        roff,
        "OUT/.newsdigest-*.tmp",
        "a write in progress; one a killed run left is removed by a later run once it is an hour old",
    );
}

fn examples_section(roff: &mut String, command: Option<&str>) {
    let examples: &[(&str, &str)] = match command {
        Some("build") => &[
            (
                "newsdigest build samples --date 2025-12-08",
                "the sample articles into output/",
            ),
            (
                "newsdigest build --stdout --format md ~/articles | less",
                "the Markdown briefing of a folder, read in a pager",
            ),
            (
                "newsdigest build --config ~/news/newsdigest.toml --date yesterday",
                "yesterday's briefing again, from the store",
            ),
        ],
        Some("run") => &[(
            "newsdigest run --quiet --config ~/news/newsdigest.toml",
            "the cron entry: fetch, then build; silent unless something failed",
        )],
        Some(_) => &[],
        None => &[
            (
                "newsdigest build samples --date 2025-12-08",
                "the sample articles into output/",
            ),
            (
                "newsdigest init && newsdigest check",
                "write a commented config, then validate it",
            ),
            (
                "newsdigest run --quiet --config ~/news/newsdigest.toml",
                "the cron entry: fetch the feeds, then build today's briefing",
            ),
            (
                "newsdigest completions bash > ~/.local/share/bash-completion/completions/newsdigest",
                "install bash completions",
            ),
            (
                "newsdigest man build | man -l -",
                "read this manual's page of build",
            ),
        ],
    };
    if examples.is_empty() {
        return;
    }
    section(roff, "EXAMPLES");
    for (command, what) in examples {
        tagged(roff, command, what);
    }
}

fn section(roff: &mut String, title: &str) {
    let _ = writeln!(roff, ".SH \"{title}\"");
}

/// A `.TP` entry: `tag` in bold, `text` indented under it.
fn tagged(roff: &mut String, tag: &str, text: &str) {
    let _ = writeln!(roff, ".TP\n\\fB{}\\fR\n{}", escaped(tag), escaped(text));
}

fn paragraph(roff: &mut String, text: &str) {
    let _ = writeln!(roff, ".PP\n{}", escaped(text));
}

/// Text for roff: backslashes and hyphens escaped, and a line never starting with a
/// control character.
fn escaped(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    if text.starts_with(['.', '\'']) {
        format!("\\&{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_names_are_the_commands() {
        let defined: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        assert_eq!(defined, COMMAND_NAMES.map(String::from).to_vec());
    }

    #[test]
    fn every_page_has_exit_status_environment_files_and_its_own_statuses() {
        let root = page(None).unwrap();
        for heading in [
            ".SH \"EXIT STATUS\"",
            ".SH \"ENVIRONMENT\"",
            ".SH \"FILES\"",
            ".SH \"EXAMPLES\"",
        ] {
            assert!(root.contains(heading), "{heading}");
        }
        for status in Status::ALL {
            assert!(
                root.contains(&format!(".TP\n\\fB{}\\fR\n", status.code())),
                "{status:?}"
            );
        }
        assert!(root.contains("NEWSDIGEST_MAX_HTML_DEPTH"), "{root}");
        let init = page(Some("init")).unwrap();
        assert!(
            init.contains("\\fB73\\fR") && !init.contains("\\fB69\\fR"),
            "{init}"
        );
        assert!(page(Some("nope")).is_err());
    }

    #[test]
    fn roff_control_characters_are_escaped() {
        assert_eq!(escaped(".hidden -x a\\b"), "\\&.hidden \\-x a\\eb");
    }
}
