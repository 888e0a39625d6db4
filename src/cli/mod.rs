//! The command line: argument definitions (clap) and the commands they run.
//!
//! It owns turning arguments into [`Options`](crate::options::Options), reporting
//! problems on stderr, and the exit status of each kind of failure ([`Failure`]). The
//! work itself is the library's; `main.rs` only calls [`run`] and exits with its status.

mod build;
mod compare;
mod completions;
mod man;

use std::fmt;
use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::render::Format;

/// Turns a day's news articles into a briefing: stories, facts with every source that
/// states them, and figures that sources give differently.
#[derive(Debug, Parser)]
#[command(name = "newsdigest", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read article files and folders and write the briefing.
    Build(BuildArgs),
    /// Say whether sentence pairs state the same fact and which figures differ.
    Compare(CompareArgs),
    /// Print a shell completion script for newsdigest.
    ///
    /// For bash: `newsdigest completions bash > ~/.local/share/bash-completion/completions/newsdigest`.
    Completions(CompletionsArgs),
    /// Print the manual page (roff) of newsdigest or of one of its commands.
    ///
    /// View it with `newsdigest man | man -l -`, or install it as newsdigest.1.
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Article files and folders (.txt, .md, .html, .json, .jsonl); folders are read
    /// recursively.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Folder the briefing is written to.
    #[arg(long, value_name = "DIR", default_value = "output")]
    pub out: PathBuf,
    /// Formats to write, comma-separated: md, html, json [default: all three; md with
    /// --stdout].
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub format: Vec<Format>,
    /// The day the briefing is for (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE")]
    pub date: Option<chrono::NaiveDate>,
    /// Print one format to standard output instead of writing files.
    #[arg(long)]
    pub stdout: bool,
    /// Print nothing on success; problems with inputs still go to stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// Folder with any of digest.md, digest.html, index.html and feed.xml replacing the
    /// built-in templates.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// The briefing's title.
    #[arg(long, default_value = "News digest")]
    pub title: String,
    /// Where the output folder is published (e.g. https://example.org/news/); the
    /// Atom feed then links to the briefings with absolute URLs [default: relative
    /// links].
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Tab-separated file of `sentence1<TAB>sentence2` lines ("-" reads standard input).
    /// With more than two fields, the last two are the sentences.
    #[arg(long, value_name = "FILE.tsv")]
    pub pairs: PathBuf,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command whose page to print (e.g. build) [default: the page of newsdigest].
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// Exit statuses, following sysexits(3) where one fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Something failed that no other status describes.
    Failure = 1,
    /// The command line was wrong (clap uses 2 as well).
    Usage = 2,
    /// Inputs were found but not one article could be read from them.
    NoArticles = 65,
    /// A named input does not exist or cannot be opened.
    NoInput = 66,
    /// The briefing could not be written.
    CannotWrite = 73,
}

/// Why a command failed, and the exit status that says so.
#[derive(Debug)]
pub struct Failure {
    pub status: Status,
    pub message: String,
}

impl Failure {
    pub fn new(status: Status, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
        }
    }

    pub fn exit_code(&self) -> u8 {
        self.status as u8
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Compare(args) => compare::run(&args),
        Command::Completions(args) => completions::run(&args),
        Command::Man(args) => man::run(&args),
    }
}

/// Writes `bytes` to standard output. A pager or `head` closing the pipe early is not
/// a failure.
fn print_to_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(err) => Err(Failure::new(
            Status::CannotWrite,
            format!("cannot write to standard output: {err}"),
        )),
    }
}
