//! `newsdigest build`: articles from files, or from the store's time window, to a
//! briefing on disk or standard output.
//!
//! From files nothing is compared or recorded: every fact is new. From the store, the
//! digest is marked against what earlier digests reported, `latest.*` copies are
//! written, and the facts are recorded as reported once the files are on disk.

use std::io::{BufWriter, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{Local, NaiveDate, Utc};
use tracing::info;

use crate::archive::{self, ArchiveError, ArchiveOptions};
use crate::cli::window::window_and_date;
use crate::cli::{BuildArgs, Failure, Status, WindowArgs, load_config_within, report};
use crate::config::Config;
use crate::digest::{Digest, summarize_timed_taking};
use crate::ingest::{self, Article, Ingested, Limits};
use crate::lock;
use crate::options::Options;
use crate::output::{self, StagedFile};
use crate::render::{Format, RenderError, Renderer};
use crate::store::{self, Store};

const DEFAULT_OUT: &str = "output";
const DEFAULT_TITLE: &str = "News digest";

pub fn run(args: &BuildArgs) -> Result<(), Failure> {
    check_templates_flag(args)?;
    if args.paths.is_empty() {
        return run_from_store(args);
    }
    refuse_store_flags(args)?;
    let formats = chosen_formats(&args.format, args.stdout, &Format::ALL)?;
    let started = Instant::now();
    let mut ingested = ingest::read_paths(&args.paths, &args.limits.over(Limits::default()));
    info!(
        "ingest: {} articles in {:.2?}",
        ingested.articles.len(),
        started.elapsed()
    );
    report_problems(&ingested);
    // Nothing to read is a quiet day; inputs that were there but could not be read are
    // a failure.
    if ingested.articles.is_empty() && !ingested.problems.is_empty() {
        return Err(no_articles(&ingested));
    }
    let mut options = Options::for_date(
        args.date
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
    );
    options.title = briefing_title(args.title.as_deref().unwrap_or(DEFAULT_TITLE));
    let renderer = renderer_for(args.templates.as_deref(), &options)?;
    let digest = summarized(std::mem::take(&mut ingested.articles), &options);
    // The digest holds everything the briefing shows; the articles (as large as the
    // input) need not stay in memory while it is rendered.
    drop(ingested);
    if args.stdout {
        let printed = print_digest(&renderer, &digest, formats[0]);
        left_for_exit(digest);
        return printed;
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_OUT));
    let archive = ArchiveOptions {
        title: &options.title,
        base_url: args.base_url.as_deref(),
        templates: args.templates.as_deref(),
        written: Some((digest.date, digest.totals)),
    };
    write_files(
        &out,
        &renderer,
        &digest,
        &formats,
        false,
        &archive,
        args.log.quiet,
    )?;
    print_totals(&digest, args.log.quiet);
    left_for_exit(digest);
    Ok(())
}

/// Leaves the digest unfreed: the process exits once the command is done, and the
/// system takes its memory back at once, while freeing a large morning's millions of
/// entries one by one took half a second on one core. A digest holds only memory (no
/// file, lock or connection, which are all released by their own owners as usual), and
/// this is reached once per process: `cli::run` runs the one command the binary was
/// given. The library's functions free what they make.
fn left_for_exit(digest: Digest) {
    std::mem::forget(digest);
}

/// A `--templates` folder that is missing or holds no template is refused before
/// anything is read: silently rendering with the built-in templates would hide a typo.
fn check_templates_flag(args: &BuildArgs) -> Result<(), Failure> {
    match &args.templates {
        Some(dir) => crate::render::check_template_folder(dir)
            .map_err(|err| Failure::new(Status::BadFlag, format!("--templates {err}"))),
        None => Ok(()),
    }
}

fn refuse_store_flags(args: &BuildArgs) -> Result<(), Failure> {
    let window = &args.window;
    let store_flags = args.config.config.is_some()
        || window.since.is_some()
        || window.from.is_some()
        || window.to.is_some();
    if store_flags {
        return Err(Failure::new(
            Status::Usage,
            "PATHs are read as they are: --config, --since, --from and --to choose articles from the store, so give one or the other",
        ));
    }
    Ok(())
}

fn run_from_store(args: &BuildArgs) -> Result<(), Failure> {
    let config = load_config_within(&args.config, &args.limits)?;
    let _lock = lock::acquire(&lock::lock_path_for(&config.store), args.wait.wait)?;
    let mut store = Store::open(&config.store)?;
    let request = StoreBuild {
        window: &args.window,
        date: args.date,
        formats: chosen_formats(&args.format, args.stdout, &config.formats)?,
        out: args.out.clone().unwrap_or_else(|| config.out.clone()),
        title: briefing_title(args.title.as_deref().unwrap_or(&config.title)),
        templates: args.templates.clone().or_else(|| config.templates.clone()),
        base_url: args.base_url.clone(),
        stdout: args.stdout,
        quiet: args.log.quiet,
    };
    build_from_store(&mut store, &config, &request)
}

/// What a briefing from the store is built with.
pub(super) struct StoreBuild<'a> {
    pub window: &'a WindowArgs,
    pub date: Option<NaiveDate>,
    pub formats: Vec<Format>,
    pub out: PathBuf,
    pub title: String,
    pub templates: Option<PathBuf>,
    pub base_url: Option<String>,
    pub stdout: bool,
    pub quiet: bool,
}

impl StoreBuild<'_> {
    /// The config's choices, for `run`, which has no flags of its own for them.
    pub fn from_config<'a>(
        config: &Config,
        window: &'a WindowArgs,
        date: Option<NaiveDate>,
        quiet: bool,
    ) -> StoreBuild<'a> {
        StoreBuild {
            window,
            date,
            formats: config.formats.clone(),
            out: config.out.clone(),
            title: briefing_title(&config.title),
            templates: config.templates.clone(),
            base_url: None,
            stdout: false,
            quiet,
        }
    }
}

/// Builds the briefing of the window from the store, marks what earlier digests
/// reported, writes it, and records it. The caller holds the run lock.
pub(super) fn build_from_store(
    store: &mut Store,
    config: &Config,
    request: &StoreBuild,
) -> Result<(), Failure> {
    let (window, date) = window_and_date(request.window, request.date, config.since, Local::now())?;
    let articles = store.articles_in(&window)?;
    info!(
        "{} stored articles between {} and {}",
        articles.len(),
        window.from.to_rfc3339(),
        window.to.to_rfc3339()
    );
    if articles.is_empty() && !request.quiet && !request.stdout {
        // A quiet day: the briefing says so, and the run succeeds (cron mails nothing).
        println!(
            "nothing new: no stored article falls between {} and {}",
            window.from.to_rfc3339(),
            window.to.to_rfc3339()
        );
    }
    let mut options = Options::for_date(date);
    options.title = request.title.clone();
    let renderer = renderer_for(request.templates.as_deref(), &options)?;
    let history = store.history_before(date)?;
    let digest = store::mark_reported(summarized(articles, &options), &history);
    if request.stdout {
        let printed = print_digest(&renderer, &digest, request.formats[0]);
        left_for_exit(digest);
        return printed;
    }
    let archive = ArchiveOptions {
        title: &request.title,
        base_url: request.base_url.as_deref(),
        templates: request.templates.as_deref(),
        written: Some((digest.date, digest.totals)),
    };
    write_files(
        &request.out,
        &renderer,
        &digest,
        &request.formats,
        true,
        &archive,
        request.quiet,
    )?;
    print_totals(&digest, request.quiet);
    // Recorded only once the files are on disk: a briefing that failed to be written
    // must not hide its facts from tomorrow's.
    store.record_digest(&digest, Utc::now())?;
    left_for_exit(digest);
    Ok(())
}

/// The title as the briefing shows it: one line, without control characters or bidi
/// controls (`--title $'Brief \x01'` made `feed.xml` invalid XML).
fn briefing_title(given: &str) -> String {
    ingest::clean::clean_line(given).into_owned()
}

/// The digest, with each stage's wall time logged (shown with `-v`). The articles are
/// freed as the stages are done with them.
fn summarized(articles: Vec<Article>, options: &Options) -> Digest {
    let (digest, times) = summarize_timed_taking(articles, options);
    for (stage, took) in times.stages() {
        info!("{stage}: {took:.2?}");
    }
    digest
}

fn renderer_for(templates: Option<&Path>, options: &Options) -> Result<Renderer, Failure> {
    Renderer::new(templates, options.single_source_shown)
        .map_err(|err| Failure::new(Status::Failure, err.to_string()))
}

/// Streams the digest in `format` to standard output. A reader that stops early (`|
/// head`) is not a failure.
fn print_digest(renderer: &Renderer, digest: &Digest, format: Format) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut out = [(format, BufWriter::with_capacity(STDOUT_BUFFER, stdout))];
    match renderer.write(digest, &mut out) {
        Ok(()) => Ok(()),
        Err(RenderError::Write { source, .. }) if source.kind() == ErrorKind::BrokenPipe => Ok(()),
        Err(RenderError::Write { source, .. }) => Err(Failure::new(
            Status::CannotWrite,
            format!("cannot write to standard output: {source}"),
        )),
        Err(err) => Err(Failure::new(Status::Failure, err.to_string())),
    }
}

const STDOUT_BUFFER: usize = 64 * 1024;

/// Writes each format as `out/DATE.EXT` (and, from the store, `out/latest.EXT`) with
/// the folder's `index.html` and `feed.xml` listing it, all or none: a full disk part
/// way leaves the previous briefing whole, and a kill between the renames is completed
/// by the next build ([`output`]). A batch an earlier run left half renamed is completed
/// first, so the archive lists what is really there. The formats are rendered straight
/// into their temporary files ("render" in the stage timings); then the `latest` copies
/// and the archive pages are made and every file synced and renamed ("write").
fn write_files(
    out: &Path,
    renderer: &Renderer,
    digest: &Digest,
    formats: &[Format],
    with_latest: bool,
    archive: &ArchiveOptions,
    quiet: bool,
) -> Result<(), Failure> {
    let started = Instant::now();
    for completed in output::complete_batch_in(out)? {
        info!(
            "completed {}, left by a run killed while it wrote",
            completed.display()
        );
    }
    let mut staged = Vec::with_capacity(formats.len());
    for &format in formats {
        let path = output::digest_path(out, digest.date, format);
        staged.push((format, StagedFile::create(&path)?));
    }
    renderer
        .write(digest, &mut staged)
        .map_err(|err| render_failure(err, &staged))?;
    info!("render: {:.2?}", started.elapsed());
    let started = Instant::now();
    let dated: Vec<PathBuf> = staged.iter().map(|(_, f)| f.path().to_path_buf()).collect();
    let mut latest = Vec::new();
    for (format, file) in &mut staged {
        if with_latest && output::latest_is_due(out, digest.date, *format) {
            latest.push(file.copy_to(&output::latest_path(out, *format))?);
        }
    }
    let pending: Vec<String> = dated
        .iter()
        .filter_map(|path| Some(path.file_name()?.to_string_lossy().into_owned()))
        .collect();
    let (pages, skipped) = archive::pages_with(out, archive, &pending).map_err(archive_failure)?;
    // An old file that is not a digest does not stop today's briefing.
    for problem in &skipped {
        report(problem);
    }
    let mut archived = Vec::new();
    for (name, text) in [
        (archive::INDEX_NAME, &pages.index),
        (archive::FEED_NAME, &pages.feed),
    ] {
        let mut file = StagedFile::create(&out.join(name))?;
        file.write_all(text.as_bytes())
            .map_err(|source| file.error(source))?;
        archived.push(file);
    }
    let written: Vec<PathBuf> = dated
        .iter()
        .cloned()
        .chain(archived.iter().map(|f| f.path().to_path_buf()))
        .collect();
    let files = staged
        .into_iter()
        .map(|(_, file)| file)
        .chain(latest)
        .chain(archived);
    output::commit(files.collect())?;
    if !quiet {
        for path in &written {
            println!("wrote {}", path.display());
        }
    }
    info!("write: {:.2?}", started.elapsed());
    Ok(())
}

fn archive_failure(err: ArchiveError) -> Failure {
    let status = match err {
        ArchiveError::Write(_) | ArchiveError::ListFolder { .. } => Status::CannotWrite,
        _ => Status::Failure,
    };
    Failure::new(status, err.to_string())
}

/// A failed write names the file of the format that failed.
fn render_failure(err: RenderError, staged: &[(Format, StagedFile)]) -> Failure {
    match err {
        RenderError::Write { format, source } => match staged.iter().find(|(f, _)| *f == format) {
            Some((_, file)) => file.error(source).into(),
            None => Failure::new(Status::CannotWrite, source.to_string()),
        },
        other => Failure::new(Status::Failure, other.to_string()),
    }
}

fn print_totals(digest: &Digest, quiet: bool) {
    if !quiet {
        println!("{}", crate::render::totals_line(&digest.totals));
    }
}

fn chosen_formats(
    asked: &[Format],
    stdout: bool,
    default: &[Format],
) -> Result<Vec<Format>, Failure> {
    let mut formats: Vec<Format> = Vec::new();
    for format in asked {
        if !formats.contains(format) {
            formats.push(*format);
        }
    }
    if stdout {
        return match formats.len() {
            0 => Ok(vec![Format::Markdown]),
            1 => Ok(formats),
            _ => Err(Failure::new(
                Status::Usage,
                "--stdout prints one format; give one with --format",
            )),
        };
    }
    Ok(if formats.is_empty() {
        default.to_vec()
    } else {
        formats
    })
}

fn report_problems(ingested: &Ingested) {
    for problem in &ingested.problems {
        report(problem);
    }
}

fn no_articles(ingested: &Ingested) -> Failure {
    let missing_only = !ingested.problems.is_empty()
        && ingested
            .problems
            .iter()
            .all(|p| p.reason.starts_with("cannot read") && p.line.is_none());
    if missing_only {
        Failure::new(
            Status::NoInput,
            "no article could be read: inputs are missing or unreadable",
        )
    } else {
        Failure::new(
            Status::NoArticles,
            "no article could be read from the inputs",
        )
    }
}
