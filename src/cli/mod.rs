//! The command line: argument definitions (clap) and the commands they run. It lives in
//! the binary, so the library's API has no clap in it.
//!
//! It owns turning arguments into the library's options (`newsdigest::build`'s, the
//! config's limits), reporting problems on stderr, and the exit status of each kind of
//! failure ([`Failure`], the one error type of the command line). The work itself is
//! the library's; `main.rs` only calls [`run`] and exits with its status.

mod build;
mod check;
mod compare;
mod completions;
mod fetch;
mod init;
mod logging;
mod man;
mod run;

use std::fmt;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

use newsdigest::build::{Bound, BuildError, WindowSpec, parse_bound, parse_day};
use newsdigest::config::duration::parse_duration;
use newsdigest::fetch::FetchOptions;
use newsdigest::ingest::Limits;
use newsdigest::ingest::limits::parse_size;
use newsdigest::render::Format;

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
    /// Read article files and folders (or, with no PATH, the store's articles of the
    /// config's time window) and write the briefing.
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
    /// Fetch the config's feeds into the store.
    Fetch(FetchArgs),
    /// Fetch the feeds, then build the briefing from the store: the cron entry.
    Run(RunArgs),
    /// Validate the config file (and the store, if there is one) and say what is wrong
    /// and where.
    Check(CheckArgs),
    /// Write a commented example config file (never over an existing file).
    Init(InitArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Article files and folders (.txt, .md, .html, .json, .jsonl; RSS/Atom .xml, .rss,
    /// .atom; JSON Feed .json); folders are read recursively. Without any, the briefing is built from the store
    /// named in the config file.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Folder the briefing is written to [default: output, or the config's `out`].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Formats to write, comma-separated: md, html, json [default: all three, or the
    /// config's `formats`; md with --stdout].
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_enum)]
    pub format: Vec<FormatArg>,
    /// The day the briefing is for: YYYY-MM-DD, today or yesterday [default: today].
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub date: Option<chrono::NaiveDate>,
    /// Stories the Markdown and HTML show in full; the rest are listed one line each
    /// (the JSON has every story in full) [default: 40, or the config's `stories`].
    #[arg(long, value_name = "N")]
    pub stories: Option<usize>,
    /// Words each story's summary holds at most (its first fact is shown even when
    /// longer) [default: 100, or the config's `summary_words`].
    #[arg(long, value_name = "N")]
    pub summary_words: Option<usize>,
    /// An earlier digest's JSON file (repeatable): its facts count as already reported,
    /// as the store's earlier digests do, so summaries say what is new since then.
    #[arg(long, value_name = "EARLIER.json")]
    pub after: Vec<PathBuf>,
    /// Print one format to standard output instead of writing files (from the store:
    /// a preview, not recorded as reported).
    #[arg(long)]
    pub stdout: bool,
    /// Folder with any of digest.md, story.md, digest.html, story.html, index.html and
    /// feed.xml replacing the built-in templates.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// The briefing's title [default: News digest, or the config's `title`].
    #[arg(long)]
    pub title: Option<String>,
    /// Where the output folder is published (e.g. https://example.org/news/); the
    /// Atom feed then links to the briefings with absolute URLs [default: relative
    /// links].
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    pub base_url: Option<String>,
    #[command(flatten)]
    pub config: ConfigArg,
    #[command(flatten)]
    pub window: WindowArgs,
    #[command(flatten)]
    pub wait: WaitArg,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub log: Verbosity,
}

#[derive(Debug, Args)]
pub struct FetchArgs {
    #[command(flatten)]
    pub config: ConfigArg,
    #[command(flatten)]
    pub wait: WaitArg,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub log: Verbosity,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The day the briefing is for: YYYY-MM-DD, today or yesterday [default: today].
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub date: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub config: ConfigArg,
    #[command(flatten)]
    pub window: WindowArgs,
    #[command(flatten)]
    pub wait: WaitArg,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub log: Verbosity,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub config: ConfigArg,
    #[command(flatten)]
    pub log: Verbosity,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the example config.
    #[arg(value_name = "FILE", default_value = newsdigest::config::FILE_NAME)]
    pub path: PathBuf,
    #[command(flatten)]
    pub log: Verbosity,
}

/// Where the config file is.
#[derive(Debug, Args)]
pub struct ConfigArg {
    /// The config file [default: ./newsdigest.toml, else
    /// $XDG_CONFIG_HOME/newsdigest/config.toml].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Which stored articles a briefing covers.
#[derive(Debug, Args)]
pub struct WindowArgs {
    /// How far back the briefing looks, like 12h or 7d [default: the config's `since`,
    /// else 24h]. The window ends now, or at the end of --date when that is another day.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, conflicts_with = "from")]
    pub since: Option<Duration>,
    /// Start of the window: RFC 3339 (2025-12-08T06:00:00Z) or a day (YYYY-MM-DD, from
    /// its local midnight).
    #[arg(long, value_name = "TIME", value_parser = parse_bound)]
    pub from: Option<Bound>,
    /// End of the window: RFC 3339 or a day (YYYY-MM-DD, up to the end of that day).
    #[arg(long, value_name = "TIME", value_parser = parse_bound)]
    pub to: Option<Bound>,
}

impl WindowArgs {
    /// The window asked for, reaching back the config's `since` unless `--since` says.
    pub fn spec(&self, config_since: Duration) -> WindowSpec {
        WindowSpec {
            since: self.since.unwrap_or(config_since),
            from: self.from,
            to: self.to,
        }
    }
}

/// How long to wait for another run to finish.
#[derive(Debug, Args)]
pub struct WaitArg {
    /// Wait this long for another newsdigest working on the same store to finish, then
    /// give up with exit status 75.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    pub wait: Duration,
}

/// Bounds on what one input may cost, over the config's `[limits]`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Limits")]
pub struct LimitArgs {
    /// Skip article files bigger than this, like 64MiB [default: 512MiB, or the config's
    /// max_file_bytes].
    #[arg(long, value_name = "SIZE", env = "NEWSDIGEST_MAX_FILE_BYTES", value_parser = parse_limit_size)]
    pub max_file_bytes: Option<u64>,
    /// Refuse feed and page responses bigger than this once decompressed [default:
    /// 16MiB, or the config's max_body_bytes].
    #[arg(long, value_name = "SIZE", env = "NEWSDIGEST_MAX_BODY_BYTES", value_parser = parse_limit_size)]
    pub max_body_bytes: Option<u64>,
    /// Cut an article's text, title or source name beyond this [default: 1MiB, or the
    /// config's max_text_bytes].
    #[arg(long, value_name = "SIZE", env = "NEWSDIGEST_MAX_TEXT_BYTES", value_parser = parse_limit_size)]
    pub max_text_bytes: Option<u64>,
    /// Read at most this many items of one feed, JSON array or JSONL file [default:
    /// 100000, or the config's max_feed_items].
    #[arg(long, value_name = "N", env = "NEWSDIGEST_MAX_FEED_ITEMS", value_parser = parse_limit_count)]
    pub max_feed_items: Option<usize>,
    /// Read pages with more elements for their paragraphs only, without Readability
    /// [default: 20000, or the config's max_html_elements].
    #[arg(long, value_name = "N", env = "NEWSDIGEST_MAX_HTML_ELEMENTS", value_parser = parse_limit_count)]
    pub max_html_elements: Option<usize>,
    /// Skip pages nested deeper than this, unparsed; a feed item nested deeper keeps
    /// its title but not its text [default: 256, or the config's max_html_depth].
    #[arg(long, value_name = "N", env = "NEWSDIGEST_MAX_HTML_DEPTH", value_parser = parse_limit_count)]
    pub max_html_depth: Option<usize>,
}

impl LimitArgs {
    /// `limits` with every limit given on the command line (or environment) replaced.
    pub fn over(&self, limits: Limits) -> Limits {
        Limits {
            max_file_bytes: self.max_file_bytes.unwrap_or(limits.max_file_bytes),
            max_feed_items: self.max_feed_items.unwrap_or(limits.max_feed_items),
            max_text_bytes: self.max_text_bytes.map_or(limits.max_text_bytes, |bytes| {
                usize::try_from(bytes).unwrap_or(usize::MAX)
            }),
            max_html_elements: self.max_html_elements.unwrap_or(limits.max_html_elements),
            max_html_depth: self.max_html_depth.unwrap_or(limits.max_html_depth),
        }
    }

    /// `fetch` with every limit given on the command line (or environment) replaced.
    pub fn over_fetch(&self, fetch: &FetchOptions) -> FetchOptions {
        FetchOptions {
            max_body_bytes: self.max_body_bytes.unwrap_or(fetch.max_body_bytes),
            limits: self.over(fetch.limits),
            ..fetch.clone()
        }
    }
}

/// Only an absolute http(s) URL: it becomes the prefix of links in the feed and index.
fn parse_base_url(text: &str) -> Result<String, String> {
    let url = url::Url::parse(text.trim()).map_err(|err| format!("invalid URL {text:?}: {err}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!(
            "invalid URL {text:?}: only http:// and https:// URLs can be linked to"
        ));
    }
    Ok(text.trim().to_string())
}

fn parse_limit_size(text: &str) -> Result<u64, String> {
    match parse_size(text).map_err(|err| err.to_string())? {
        0 => Err("a size limit must be more than zero".to_string()),
        bytes => Ok(bytes),
    }
}

fn parse_limit_count(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) | Err(_) => Err(format!(
            "invalid limit {text:?}: expected a whole number above zero"
        )),
        Ok(count) => Ok(count),
    }
}

/// How much is said on stderr.
#[derive(Debug, Args)]
pub struct Verbosity {
    /// Print nothing on success; problems still go to stderr.
    #[arg(long, short, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Log what is done on stderr (-v), in detail (-vv), with the libraries' own logs
    /// (-vvv). RUST_LOG overrides.
    #[arg(long, short, action = ArgAction::Count)]
    pub verbose: u8,
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
    #[arg(value_name = "COMMAND", value_parser = clap::builder::PossibleValuesParser::new(COMMAND_NAMES))]
    pub command: Option<String>,
}

/// The commands, as `man` and its completions offer them (a test checks the list
/// against the definitions above).
pub const COMMAND_NAMES: [&str; 8] = [
    "build",
    "compare",
    "completions",
    "man",
    "fetch",
    "run",
    "check",
    "init",
];

/// `--format` values, completed by the shell and checked by clap (`markdown` is
/// accepted for `md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Markdown
    #[value(name = "md", alias = "markdown")]
    Markdown,
    /// one self-contained HTML page
    Html,
    /// the newsdigest/1 JSON digest
    Json,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Format {
        match format {
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Html => Format::Html,
            FormatArg::Json => Format::Json,
        }
    }
}

/// Exit statuses, following sysexits(3) where one fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Something failed that no other status describes.
    Failure = 1,
    /// The command line was wrong (clap uses 2 as well).
    Usage = 2,
    /// A flag names something that cannot be used: a `--templates` folder that is
    /// missing or holds no template (`EX_USAGE`).
    BadFlag = 64,
    /// Inputs were found but not one article could be read from them.
    NoArticles = 65,
    /// A named input does not exist or cannot be opened.
    NoInput = 66,
    /// No feed at all could be fetched (each one's reason is on stderr).
    Unavailable = 69,
    /// The briefing (or the config `init` writes, or the store) could not be written:
    /// a full disk, a file size limit, no permission.
    CannotWrite = 73,
    /// The store cannot be used: not a SQLite database, damaged, another program's,
    /// or a newer newsdigest's. It is never overwritten.
    Store = 74,
    /// Another newsdigest held the store's lock for longer than --wait: try later.
    Busy = 75,
    /// newsdigest itself failed (a bug): said in one line instead of a panic's trace.
    Internal = 70,
    /// The config file is missing or wrong.
    Config = 78,
}

/// Why a command failed, and the exit status that says so.
#[derive(Debug)]
pub struct Failure {
    pub status: Status,
    pub message: String,
}

impl Status {
    /// Every failing status, in the order of the exit table (0 is success).
    pub const ALL: [Status; 11] = [
        Status::Failure,
        Status::Usage,
        Status::BadFlag,
        Status::NoArticles,
        Status::NoInput,
        Status::Unavailable,
        Status::Internal,
        Status::CannotWrite,
        Status::Store,
        Status::Busy,
        Status::Config,
    ];

    pub fn code(self) -> u8 {
        self as u8
    }

    /// What the status means, for the manual page's EXIT STATUS.
    pub fn meaning(self) -> &'static str {
        match self {
            Status::Failure => {
                "another failure, such as a template that does not parse or a lock file that cannot be opened"
            }
            Status::Usage => {
                "wrong command line: an unknown flag, a value that cannot be read (a --date, a --max-* limit, a --base-url that is not http(s)), or PATHs with --config/--since/--from/--to"
            }
            Status::BadFlag => {
                "--templates names a folder that is missing or holds none of the template names"
            }
            Status::NoArticles => {
                "inputs were found but not one article could be read from them (a folder with no article files is a quiet day, not this)"
            }
            Status::NoInput => "the inputs (or the --pairs file) are missing or cannot be opened",
            Status::Unavailable => {
                "not one feed could be fetched (run still builds the briefing from the store first)"
            }
            Status::Internal => "an internal error (a bug), told in one line",
            Status::CannotWrite => {
                "the briefing, the store or standard output could not be written (a full disk, no permission); init: the file already exists"
            }
            Status::Store => {
                "the store cannot be used: not a SQLite database, damaged, another program's, or a newer newsdigest's; it is left untouched"
            }
            Status::Busy => "another newsdigest held the store's lock for longer than --wait",
            Status::Config => {
                "the config file is missing or wrong, or the templates folder it names is; the message names the file, line and key"
            }
        }
    }

    /// The commands that can exit with this status.
    pub fn commands(self) -> &'static [&'static str] {
        match self {
            Status::Failure => &["build", "run", "fetch", "compare", "man"],
            Status::Usage | Status::Internal => &COMMAND_NAMES,
            Status::BadFlag | Status::NoArticles => &["build"],
            Status::NoInput => &["build", "compare"],
            Status::Unavailable => &["fetch", "run"],
            Status::CannotWrite => &[
                "build",
                "run",
                "fetch",
                "init",
                "compare",
                "completions",
                "man",
            ],
            Status::Store => &["build", "run", "fetch", "check"],
            Status::Busy => &["build", "run", "fetch"],
            Status::Config => &["build", "run", "fetch", "check"],
        }
    }
}

impl Failure {
    pub fn new(status: Status, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: one_line(&message.into()),
        }
    }

    pub fn exit_code(&self) -> u8 {
        self.status.code()
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<newsdigest::config::ConfigError> for Failure {
    fn from(error: newsdigest::config::ConfigError) -> Failure {
        Failure::new(Status::Config, error.to_string())
    }
}

impl From<newsdigest::store::StoreError> for Failure {
    fn from(error: newsdigest::store::StoreError) -> Failure {
        let status = match error {
            // The store is fine; there is no room, or no permission, to write to it.
            newsdigest::store::StoreError::Write { .. }
            | newsdigest::store::StoreError::ReadOnly { .. } => Status::CannotWrite,
            _ => Status::Store,
        };
        Failure::new(status, error.to_string())
    }
}

impl From<newsdigest::lock::LockError> for Failure {
    fn from(error: newsdigest::lock::LockError) -> Failure {
        let status = match &error {
            newsdigest::lock::LockError::Busy { .. } => Status::Busy,
            // The lock file sits beside the store: a folder that may not be written to.
            newsdigest::lock::LockError::Io { source, .. }
                if matches!(
                    source.kind(),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                Status::CannotWrite
            }
            newsdigest::lock::LockError::Io { .. } => Status::Failure,
        };
        Failure::new(status, error.to_string())
    }
}

impl From<newsdigest::output::WriteError> for Failure {
    fn from(error: newsdigest::output::WriteError) -> Failure {
        Failure::new(Status::CannotWrite, error.to_string())
    }
}

impl From<BuildError> for Failure {
    fn from(error: BuildError) -> Failure {
        use newsdigest::archive::ArchiveError;
        let status = match &error {
            BuildError::Store(_) | BuildError::Lock(_) => return store_or_lock(error),
            BuildError::Window(_) => Status::Usage,
            BuildError::Write(_) | BuildError::Stdout(_) => Status::CannotWrite,
            BuildError::Archive(ArchiveError::Write(_) | ArchiveError::ListFolder { .. }) => {
                Status::CannotWrite
            }
            BuildError::Templates(_) | BuildError::Archive(_) => Status::Failure,
        };
        Failure::new(status, error.to_string())
    }
}

/// A store or lock failure of a build, with the status it has anywhere else.
fn store_or_lock(error: BuildError) -> Failure {
    match error {
        BuildError::Store(store) => store.into(),
        BuildError::Lock(lock) => lock.into(),
        other => Failure::new(Status::Failure, other.to_string()),
    }
}

/// Makes a panic, should one ever happen, end the process like any other failure: one
/// line on stderr and a status of its own (70, `EX_SOFTWARE`), so cron mails a reason
/// rather than a backtrace and scripts can tell a bug from bad input.
/// `RUST_BACKTRACE=1` still prints the trace.
pub fn exit_on_panic() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::env::var_os("RUST_BACKTRACE").is_some() {
            default_hook(info);
        }
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let what = what
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(200)
            .collect::<String>();
        eprintln!(
            "newsdigest: internal error{place}: {what} (a bug: please report it with the input that caused it)"
        );
        std::process::exit(Status::Internal as i32);
    }));
}

/// The command line, parsed. A mistake in it ends the process as every other failure
/// does: `newsdigest: reason` on one line, then clap's usage and hint on the lines after,
/// and status 2. `--help` and `--version` print as clap prints them.
pub fn parse() -> Cli {
    Cli::try_parse().unwrap_or_else(|error| {
        if !error.use_stderr() {
            error.exit();
        }
        eprint!("{}", usage_error_text(&error));
        std::process::exit(i32::from(Status::Usage.code()))
    })
}

/// clap's error in newsdigest's form: the reason (clap's first paragraph, which it may
/// break over lines) as the one line `newsdigest: reason`, then the rest as clap wrote it.
pub fn usage_error_text(error: &clap::Error) -> String {
    use clap::error::ErrorKind;
    let rendered = error.render().to_string();
    if error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        // clap prints the help alone; say why first.
        return format!(
            "newsdigest: no command given (one of: {})\n\n{rendered}",
            COMMAND_NAMES.join(", ")
        );
    }
    let (reason, rest) = rendered
        .split_once("\n\n")
        .unwrap_or((rendered.as_str(), ""));
    let mut lines = reason.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("invalid command line");
    let first = first.strip_prefix("error:").unwrap_or(first).trim();
    let more: Vec<&str> = lines.collect();
    let reason = if more.is_empty() {
        first.to_string()
    } else {
        format!("{first} {}", more.join(", "))
    };
    let rest = rest.trim_end();
    if rest.is_empty() {
        format!("newsdigest: {reason}\n")
    } else {
        format!("newsdigest: {reason}\n\n{rest}\n")
    }
}

/// `text` on one line: each line break (and the blanks around it) becomes "; ", so a
/// reason from a library that spans lines still reads as the promised one line.
pub fn one_line(text: &str) -> String {
    let text = text.trim();
    if !text.contains(['\n', '\r']) {
        return text.to_string();
    }
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Build(args) => {
            logging::start(&args.log);
            build::run(&args)
        }
        Command::Compare(args) => compare::run(&args),
        Command::Fetch(args) => {
            logging::start(&args.log);
            fetch::run(&args)
        }
        Command::Run(args) => {
            logging::start(&args.log);
            run::run(&args)
        }
        Command::Check(args) => {
            logging::start(&args.log);
            check::run(&args)
        }
        Command::Init(args) => init::run(&args),
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

/// The config from `--config`, or from where it is looked for by default.
fn load_config(arg: &ConfigArg) -> Result<newsdigest::config::Config, Failure> {
    let path = newsdigest::config::locate(arg.config.as_deref())?;
    Ok(newsdigest::config::load(&path)?)
}

/// [`load_config`], with the limits given on the command line over the config's own.
fn load_config_within(
    arg: &ConfigArg,
    limits: &LimitArgs,
) -> Result<newsdigest::config::Config, Failure> {
    let mut config = load_config(arg)?;
    config.fetch = limits.over_fetch(&config.fetch);
    Ok(config)
}

/// Problems with inputs are told on stderr whatever the verbosity: cron mails them.
fn report(problem: &dyn fmt::Display) {
    eprintln!("newsdigest: {}", one_line(&problem.to_string()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_exit_table_lists_every_status_and_the_commands_that_give_it() {
        let readme = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"),
        )
        .unwrap();
        let all = COMMAND_NAMES;
        for status in Status::ALL {
            let row = readme
                .lines()
                .find(|l| l.starts_with(&format!("| {} | ", status.code())))
                .unwrap_or_else(|| panic!("no row for {status:?} in the README's exit table"));
            let given_by = row.rsplit(" | ").next().unwrap_or_default();
            if status.commands() == all.as_slice() {
                assert_eq!(given_by, "every command |", "{status:?}");
            } else {
                let listed: Vec<&str> = given_by
                    .trim_end_matches(" |")
                    .split(", ")
                    .map(|c| c.trim_matches('`'))
                    .collect();
                assert_eq!(listed, status.commands(), "{status:?}");
            }
        }
    }
}
