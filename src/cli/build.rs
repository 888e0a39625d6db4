//! `newsdigest build`: maps its flags (and, with no PATH, the config) to
//! `newsdigest::build`'s options, runs the build, and tells what it did: the files
//! written, the totals, problems with inputs, and any id that named two things.

use std::path::PathBuf;

use newsdigest::build::{self, BuildOptions, Built, BuiltFromStore, Destination, EarlierError};
use newsdigest::config::Config;
use newsdigest::digest::History;
use newsdigest::ingest::{self, Ingested, Limits};
use newsdigest::options::DEFAULT_SUMMARY_WORDS;
use newsdigest::render::{DEFAULT_STORIES, Format};
use tracing::{info, info_span};

use crate::cli::{BuildArgs, Failure, FormatArg, Status, load_config_within, report};

const DEFAULT_OUT: &str = "output";
const DEFAULT_TITLE: &str = "News digest";

pub fn run(args: &BuildArgs) -> Result<(), Failure> {
    check_templates_flag(args)?;
    let after = earlier_digests(args)?;
    if args.paths.is_empty() {
        return run_from_store(args, after);
    }
    refuse_store_flags(args)?;
    let formats = chosen_formats(&args.format, args.stdout, &Format::ALL)?;
    let ingested = info_span!("ingest")
        .in_scope(|| ingest::read_paths(&args.paths, &args.limits.over(Limits::default())));
    info!("ingest: {} articles", ingested.articles.len());
    report_problems(&ingested);
    // Nothing to read is a quiet day; inputs that were there but could not be read are
    // a failure.
    if ingested.articles.is_empty() && !ingested.problems.is_empty() {
        return Err(no_articles(&ingested));
    }
    let options = BuildOptions {
        title: args
            .title
            .clone()
            .unwrap_or_else(|| DEFAULT_TITLE.to_string()),
        formats,
        templates: args.templates.clone(),
        base_url: args.base_url.clone(),
        stories: args.stories.unwrap_or(DEFAULT_STORIES),
        summary_words: args.summary_words.unwrap_or(DEFAULT_SUMMARY_WORDS),
        after,
        destination: destination(args.stdout, args.out.clone(), false),
    };
    let date = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let built = build::build_from_articles(ingested.articles, date, &options)?;
    tell(&built, args.log.quiet || args.stdout);
    Ok(())
}

/// A `--templates` folder that is missing or holds no template is refused before
/// anything is read: silently rendering with the built-in templates would hide a typo.
fn check_templates_flag(args: &BuildArgs) -> Result<(), Failure> {
    match &args.templates {
        Some(dir) => newsdigest::render::check_template_folder(dir)
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

/// The facts of the `--after` digests, read before any article so that a wrong file
/// fails the run at once.
fn earlier_digests(args: &BuildArgs) -> Result<History, Failure> {
    build::history_of_files(&args.after).map_err(|err| {
        let status = match err {
            EarlierError::Read { .. } => Status::NoInput,
            EarlierError::Parse { .. } | EarlierError::Schema { .. } => Status::BadFlag,
        };
        Failure::new(status, format!("--after {err}"))
    })
}

fn run_from_store(args: &BuildArgs, after: History) -> Result<(), Failure> {
    let config = load_config_within(&args.config, &args.limits)?;
    let options = BuildOptions {
        title: args.title.clone().unwrap_or_else(|| config.title.clone()),
        formats: chosen_formats(&args.format, args.stdout, &config.formats)?,
        templates: args.templates.clone().or_else(|| config.templates.clone()),
        base_url: args.base_url.clone(),
        stories: args.stories.unwrap_or(config.stories),
        summary_words: args.summary_words.unwrap_or(config.summary_words),
        after,
        destination: destination(
            args.stdout,
            args.out.clone().or(Some(config.out.clone())),
            true,
        ),
    };
    let built = build::build_from_store_at(
        &config.store,
        args.wait.wait,
        &args.window.spec(config.since),
        args.date,
        &options,
    )?;
    tell_from_store(&built, args.log.quiet, args.stdout);
    Ok(())
}

/// The options of a build from the store that `run` makes, which has no flags of its
/// own for them: the config's choices.
pub(super) fn options_from_config(config: &Config) -> BuildOptions {
    BuildOptions {
        title: config.title.clone(),
        formats: config.formats.clone(),
        templates: config.templates.clone(),
        base_url: None,
        stories: config.stories,
        summary_words: config.summary_words,
        after: History::default(),
        destination: destination(false, Some(config.out.clone()), true),
    }
}

fn destination(stdout: bool, out: Option<PathBuf>, latest: bool) -> Destination {
    if stdout {
        return Destination::Stdout;
    }
    Destination::Folder {
        out: out.unwrap_or_else(|| PathBuf::from(DEFAULT_OUT)),
        latest,
    }
}

/// Tells what a build from the store did; a quiet day says so (and succeeds: cron
/// mails nothing).
pub(super) fn tell_from_store(built: &BuiltFromStore, quiet: bool, stdout: bool) {
    if built.articles == 0 && !quiet && !stdout {
        println!(
            "nothing new: no stored article falls between {} and {}",
            built.window.from.to_rfc3339(),
            built.window.to.to_rfc3339()
        );
    }
    tell(&built.built, quiet || stdout);
}

/// The files written and the totals line, unless quiet; what needs attention whatever
/// the verbosity.
fn tell(built: &Built, quiet: bool) {
    for completed in &built.completed {
        info!(
            "completed {}, left by a run killed while it wrote",
            completed.display()
        );
    }
    // An old file that is not a digest does not stop today's briefing.
    for problem in &built.skipped {
        report(problem);
    }
    for collision in &built.id_collisions {
        report(&format!(
            "id {} names two different things in this briefing ({:?} and {:?}); the store may take one for the other",
            collision.id, collision.first, collision.second
        ));
    }
    if !quiet {
        for path in &built.written {
            println!("wrote {}", path.display());
        }
        println!("{}", newsdigest::render::totals_line(&built.totals));
    }
}

fn chosen_formats(
    asked: &[FormatArg],
    stdout: bool,
    default: &[Format],
) -> Result<Vec<Format>, Failure> {
    let mut formats: Vec<Format> = Vec::new();
    for &format in asked {
        if !formats.contains(&format.into()) {
            formats.push(format.into());
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
    let missing_only =
        !ingested.problems.is_empty() && ingested.problems.iter().all(|p| p.is_unreadable_input());
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
