//! `newsdigest build`: articles from files to a briefing on disk or standard output.

use crate::archive::{self, ArchiveError, ArchiveOptions};
use crate::cli::{BuildArgs, Failure, Status, print_to_stdout};
use crate::ingest::{self, Ingested};
use crate::options::Options;
use crate::output;
use crate::render::{Format, Renderer};

pub fn run(args: &BuildArgs) -> Result<(), Failure> {
    let formats = chosen_formats(args)?;
    let ingested = ingest::read_paths(&args.paths);
    report_problems(&ingested);
    if ingested.articles.is_empty() {
        return Err(no_articles(&ingested));
    }
    let mut options = Options::for_date(
        args.date
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
    );
    options.title = args.title.clone();
    let renderer = Renderer::new(args.templates.as_deref(), options.single_source_shown)
        .map_err(|err| Failure::new(Status::Failure, err.to_string()))?;
    let digest = crate::summarize(&ingested.articles, &options);
    let rendered = formats
        .iter()
        .map(|&format| Ok((format, renderer.render(&digest, format)?)))
        .collect::<Result<Vec<_>, crate::render::RenderError>>()
        .map_err(|err| Failure::new(Status::Failure, err.to_string()))?;
    if args.stdout {
        return print_to_stdout(rendered[0].1.as_bytes());
    }
    for (format, text) in &rendered {
        let path = output::digest_path(&args.out, options.date, *format);
        output::write_atomically(&path, text.as_bytes())
            .map_err(|err| Failure::new(Status::CannotWrite, err.to_string()))?;
        if !args.quiet {
            println!("wrote {}", path.display());
        }
    }
    update_archive(args, &options.title)?;
    if !args.quiet {
        println!("{}", crate::render::totals_line(&digest.totals));
    }
    Ok(())
}

/// Rewrites the folder's index and feed so they list the briefing just written.
fn update_archive(args: &BuildArgs, title: &str) -> Result<(), Failure> {
    let options = ArchiveOptions {
        title,
        base_url: args.base_url.as_deref(),
        templates: args.templates.as_deref(),
    };
    let updated = archive::update(&args.out, &options).map_err(|err| {
        let status = match err {
            ArchiveError::Write(_) | ArchiveError::ListFolder { .. } => Status::CannotWrite,
            _ => Status::Failure,
        };
        Failure::new(status, err.to_string())
    })?;
    // An old file that is not a digest does not stop today's briefing.
    for problem in &updated.skipped {
        eprintln!("newsdigest: {problem}");
    }
    if !args.quiet {
        for path in &updated.written {
            println!("wrote {}", path.display());
        }
    }
    Ok(())
}

fn chosen_formats(args: &BuildArgs) -> Result<Vec<Format>, Failure> {
    let mut formats: Vec<Format> = Vec::new();
    for format in &args.format {
        if !formats.contains(format) {
            formats.push(*format);
        }
    }
    if args.stdout {
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
        Format::ALL.to_vec()
    } else {
        formats
    })
}

fn report_problems(ingested: &Ingested) {
    for problem in &ingested.problems {
        eprintln!("newsdigest: {problem}");
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
