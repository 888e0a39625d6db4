//! Building a briefing: a day's articles summarized, marked against what the store
//! reported before, rendered and written, the way `newsdigest build` and `run` do it.
//!
//! It takes plain options ([`BuildOptions`], [`WindowSpec`]) that the command line (or
//! any other caller) fills in, and gives back what was done ([`Built`]) for the caller
//! to tell; it prints nothing. From the store ([`build_from_store`]) it takes the run
//! lock, opens the store, reads the articles of the time window, summarizes them, marks
//! the facts earlier digests reported, writes the files and then records the digest;
//! from articles already read ([`build_from_articles`]) it summarizes and writes. Either
//! way, earlier digests' JSON files ([`earlier`], `--after`) count as reported too.
//!
//! Writing ([`files`]) is all or nothing: every format, the `latest` copies and the
//! archive pages are staged and renamed as one batch. The briefing is rendered inside a
//! `render` span and written inside a `write` span, beside the pipeline's own spans.

mod earlier;
mod files;
pub mod window;

pub use earlier::{EarlierError, history_of_files};

pub use window::{Bound, TimeError, WindowError, WindowSpec, parse_bound, parse_day};

use std::io::{self, BufWriter, ErrorKind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{Local, NaiveDate, Utc};
use tracing::info;

use crate::archive::ArchiveError;
use crate::digest::{Digest, History, Totals, summarize};
use crate::ids::IdCollision;
use crate::ingest::Article;
use crate::lock::{self, LockError};
use crate::options::Options;
use crate::output::{self, WriteError};
use crate::render::{Format, RenderError, RenderOptions, Renderer};
use crate::store::{Store, StoreError, Window};

/// What a briefing is built with, wherever its articles come from.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The briefing's title, as given (control characters are taken out).
    pub title: String,
    /// The formats to write; with [`Destination::Stdout`], the first is printed.
    pub formats: Vec<Format>,
    /// A folder whose templates replace the built-in ones.
    pub templates: Option<PathBuf>,
    /// Where the output folder is published, for the feed's links.
    pub base_url: Option<String>,
    /// Stories the Markdown and HTML show in full.
    pub stories: usize,
    /// Words each story's summary may hold.
    pub summary_words: usize,
    /// Facts of earlier digests given as files ([`history_of_files`]) that count as
    /// already reported, beside the store's when building from the store.
    pub after: History,
    pub destination: Destination,
}

/// Where the briefing goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// `DATE.EXT` files in `out` with its archive pages, and `latest.EXT` copies when
    /// `latest`.
    Folder { out: PathBuf, latest: bool },
    /// One format on standard output: a preview, not recorded in the store.
    Stdout,
}

/// What a build did, for the caller to tell.
#[derive(Debug)]
pub struct Built {
    pub date: NaiveDate,
    pub totals: Totals,
    /// The files written, in order.
    pub written: Vec<PathBuf>,
    /// Files a run killed while renaming left half done, completed before this one.
    pub completed: Vec<PathBuf>,
    /// Files in the folder the archive had to leave out (not digests).
    pub skipped: Vec<ArchiveError>,
    /// Ids that named two different facts or stories in this run.
    pub id_collisions: Vec<IdCollision>,
}

/// What a build from the store did: the build, and the window it read.
#[derive(Debug)]
pub struct BuiltFromStore {
    pub built: Built,
    pub window: Window,
    /// How many stored articles fell in the window (none: a quiet day).
    pub articles: usize,
}

/// Why a briefing could not be built. Each names what failed: the store, the lock, the
/// file, the template.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Window(#[from] WindowError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Lock(#[from] LockError),
    /// A template that does not load or render.
    #[error(transparent)]
    Templates(RenderError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("cannot write to standard output: {0}")]
    Stdout(io::Error),
    #[error(transparent)]
    Archive(#[from] ArchiveError),
}

/// Builds the briefing for `date` from articles already read.
pub fn build_from_articles(
    articles: Vec<Article>,
    date: NaiveDate,
    options: &BuildOptions,
) -> Result<Built, BuildError> {
    let renderer = renderer_for(date, options)?;
    let digest = summarize(
        articles,
        &pipeline_options(date, options, options.after.clone()),
    );
    let written = write_digest(&digest, &renderer, options);
    finished(digest, written)
}

/// Takes the run lock of the store at `path` (waiting up to `wait`), opens the store and
/// builds from it ([`build_from_store`]).
pub fn build_from_store_at(
    path: &Path,
    wait: Duration,
    window: &WindowSpec,
    date: Option<NaiveDate>,
    options: &BuildOptions,
) -> Result<BuiltFromStore, BuildError> {
    let _lock = lock::acquire(&lock::lock_path_for(path), wait)?;
    let mut store = Store::open(path)?;
    build_from_store(&mut store, window, date, options)
}

/// Builds the briefing of the window from the store, marks what earlier digests
/// reported, writes it, and records it (unless it went to standard output). The
/// caller holds the run lock.
pub fn build_from_store(
    store: &mut Store,
    window: &WindowSpec,
    date: Option<NaiveDate>,
    options: &BuildOptions,
) -> Result<BuiltFromStore, BuildError> {
    let (window, date) = window::window_and_date(window, date, Local::now())?;
    let articles = store.articles_in(&window)?;
    info!(
        "{} stored articles between {} and {}",
        articles.len(),
        window.from.to_rfc3339(),
        window.to.to_rfc3339()
    );
    let count = articles.len();
    let renderer = renderer_for(date, options)?;
    let history = store.history_before(date)?.merged(options.after.clone());
    let digest = summarize(articles, &pipeline_options(date, options, history));
    let written = write_digest(&digest, &renderer, options).and_then(|written| {
        // Recorded only once the files are on disk: a briefing that failed to be
        // written must not hide its facts from tomorrow's.
        if options.destination != Destination::Stdout {
            store.record_digest(&digest, Utc::now())?;
        }
        Ok(written)
    });
    let built = finished(digest, written)?;
    Ok(BuiltFromStore {
        built,
        window,
        articles: count,
    })
}

/// The pipeline's options for a briefing of `date`, marked against `history`.
fn pipeline_options(date: NaiveDate, options: &BuildOptions, history: History) -> Options {
    let mut pipeline = Options::for_date(date);
    pipeline.title = crate::ingest::clean::clean_line(&options.title).into_owned();
    pipeline.summary_words = options.summary_words;
    pipeline.history = Arc::new(history);
    pipeline
}

/// The renderer, made before the articles are summarized: a template that does not
/// parse fails the run at once.
fn renderer_for(date: NaiveDate, options: &BuildOptions) -> Result<Renderer, BuildError> {
    let json_beside = matches!(options.destination, Destination::Folder { .. })
        && options.formats.contains(&Format::Json);
    let render = RenderOptions {
        stories: options.stories,
        json_file: json_beside.then(|| output::digest_file_name(date, Format::Json)),
        ..RenderOptions::default()
    };
    Renderer::new(options.templates.as_deref(), render).map_err(BuildError::Templates)
}

/// Writes the digest where the options say: the written files' paths (none on
/// standard output).
fn write_digest(
    digest: &Digest,
    renderer: &Renderer,
    options: &BuildOptions,
) -> Result<files::Written, BuildError> {
    match &options.destination {
        Destination::Stdout => {
            let format = options.formats.first().copied().unwrap_or(Format::Markdown);
            print_digest(renderer, digest, format).map(|()| files::Written::default())
        }
        Destination::Folder { out, latest } => {
            files::write_files(out, renderer, digest, &options.formats, *latest, options)
        }
    }
}

/// Streams the digest in `format` to standard output. A reader that stops early (`|
/// head`) is not a failure.
fn print_digest(renderer: &Renderer, digest: &Digest, format: Format) -> Result<(), BuildError> {
    let stdout = io::stdout();
    let mut out = [(format, BufWriter::with_capacity(STDOUT_BUFFER, stdout))];
    let _span = tracing::info_span!("render").entered();
    match renderer.write(digest, &mut out) {
        Ok(()) => Ok(()),
        Err(RenderError::Write { source, .. }) if source.kind() == ErrorKind::BrokenPipe => Ok(()),
        Err(RenderError::Write { source, .. }) => Err(BuildError::Stdout(source)),
        Err(err) => Err(BuildError::Templates(err)),
    }
}

const STDOUT_BUFFER: usize = 64 * 1024;

/// The build's report, once the digest is freed (on every core).
fn finished(
    digest: Digest,
    written: Result<files::Written, BuildError>,
) -> Result<Built, BuildError> {
    let date = digest.date;
    let totals = digest.totals;
    let id_collisions = digest.id_collisions.clone();
    digest.free();
    let written = written?;
    Ok(Built {
        date,
        totals,
        written: written.files,
        completed: written.completed,
        skipped: written.skipped,
        id_collisions,
    })
}
