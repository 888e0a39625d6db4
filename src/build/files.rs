//! Writing a briefing into its folder: each format as `out/DATE.EXT` (and, from the
//! store, `out/latest.EXT`), with the folder's `index.html` and `feed.xml` listing it,
//! all or none. A full disk part way leaves the previous briefing whole, and a kill
//! between the renames is completed by the next build ([`crate::output`]); a batch an
//! earlier run left half renamed is completed first, so the archive lists what is
//! really there.

use std::io::Write;
use std::path::{Path, PathBuf};

use tracing::info_span;

use super::{BuildError, BuildOptions};
use crate::archive::{self, ArchiveError, ArchiveOptions};
use crate::digest::Digest;
use crate::output::{self, StagedFile};
use crate::render::{Format, RenderError, Renderer};

/// What writing a briefing's folder did.
#[derive(Debug, Default)]
pub(super) struct Written {
    /// The briefing's files and the archive pages, as renamed into place.
    pub files: Vec<PathBuf>,
    /// Files of a batch an earlier run left half renamed, completed first.
    pub completed: Vec<PathBuf>,
    /// Files in the folder the archive left out (not digests).
    pub skipped: Vec<ArchiveError>,
}

/// The formats are rendered straight into their temporary files (the `render` span);
/// then the `latest` copies and the archive pages are made and every file synced and
/// renamed (the `write` span).
pub(super) fn write_files(
    out: &Path,
    renderer: &Renderer,
    digest: &Digest,
    formats: &[Format],
    with_latest: bool,
    options: &BuildOptions,
) -> Result<Written, BuildError> {
    let completed = output::complete_batch_in(out)?;
    let staged = info_span!("render").in_scope(|| render_files(out, renderer, digest, formats))?;
    let _write = info_span!("write").entered();
    let dated: Vec<PathBuf> = staged.iter().map(|(_, f)| f.path().to_path_buf()).collect();
    let mut staged: Vec<StagedFile> = staged.into_iter().map(|(_, file)| file).collect();
    let latest = if with_latest {
        latest_copies(out, digest, formats, &mut staged)?
    } else {
        Vec::new()
    };
    let archive = ArchiveOptions {
        title: &digest.title,
        base_url: options.base_url.as_deref(),
        templates: options.templates.as_deref(),
        written: Some((digest.date, digest.totals)),
    };
    let (archived, skipped) = archive_pages(out, &archive, &dated)?;
    let files: Vec<PathBuf> = dated
        .into_iter()
        .chain(archived.iter().map(|f| f.path().to_path_buf()))
        .collect();
    output::commit(staged.into_iter().chain(latest).chain(archived).collect())?;
    Ok(Written {
        files,
        completed,
        skipped,
    })
}

/// Each format rendered into its staged `DATE.EXT` file.
fn render_files(
    out: &Path,
    renderer: &Renderer,
    digest: &Digest,
    formats: &[Format],
) -> Result<Vec<(Format, StagedFile)>, BuildError> {
    let mut staged = Vec::with_capacity(formats.len());
    for &format in formats {
        let path = output::digest_path(out, digest.date, format);
        staged.push((format, StagedFile::create(&path)?));
    }
    renderer
        .write(digest, &mut staged)
        .map_err(|err| render_failure(err, &staged))?;
    Ok(staged)
}

/// `latest.EXT` copies of the staged files, when this day is the newest in the folder.
fn latest_copies(
    out: &Path,
    digest: &Digest,
    formats: &[Format],
    staged: &mut [StagedFile],
) -> Result<Vec<StagedFile>, BuildError> {
    let mut latest = Vec::new();
    for (&format, file) in formats.iter().zip(staged) {
        if output::latest_is_due(out, digest.date, format) {
            latest.push(file.copy_to(&output::latest_path(out, format))?);
        }
    }
    Ok(latest)
}

/// The folder's index and feed, listing the briefing being written (`dated`) too,
/// staged; and the files the archive left out.
fn archive_pages(
    out: &Path,
    archive: &ArchiveOptions,
    dated: &[PathBuf],
) -> Result<(Vec<StagedFile>, Vec<ArchiveError>), BuildError> {
    let pending: Vec<String> = dated
        .iter()
        .filter_map(|path| Some(path.file_name()?.to_string_lossy().into_owned()))
        .collect();
    let (pages, skipped) = archive::pages_with(out, archive, &pending)?;
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
    Ok((archived, skipped))
}

/// A failed write names the file of the format that failed.
fn render_failure(err: RenderError, staged: &[(Format, StagedFile)]) -> BuildError {
    match err {
        RenderError::Write { format, source } => match staged.iter().find(|(f, _)| *f == format) {
            Some((_, file)) => file.error(source).into(),
            None => BuildError::Templates(RenderError::Write { format, source }),
        },
        other => BuildError::Templates(other),
    }
}
