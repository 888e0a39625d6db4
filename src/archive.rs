//! The archive of briefings in an output folder: `index.html`, a page listing every
//! digest newest first, and `feed.xml`, an Atom feed (RFC 4287) with one entry per
//! digest.
//!
//! It owns finding the digests in a folder (the `YYYY-MM-DD.json` files, whose totals
//! it reads back from the `newsdigest/1` JSON), rendering the index and the feed through
//! the tera templates `templates/index.html` and `templates/feed.xml` (embedded,
//! replaceable like the digest templates), and writing both atomically, or handing them
//! to the caller to commit with the briefing they list ([`pages_with`]). It does not
//! render digests: it only reads what earlier builds wrote, so the archive is the same
//! whichever build wrote it.
//!
//! Feed and entry ids are `urn:uuid:` names derived from the briefing's title, the base
//! URL and the date, so they stay the same from one build to the next. An entry's
//! `updated` time is the start of its day in UTC, which keeps the feed reproducible.

use std::collections::BTreeSet;
use std::fs;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::digest::Totals;
use crate::output::{self, WriteError};
use crate::render::{self, Format, RenderError, totals_line};

const INDEX_TEMPLATE: &str = include_str!("../templates/index.html");
const FEED_TEMPLATE: &str = include_str!("../templates/feed.xml");
/// The file names of the archive pages, which are also their template names.
pub const INDEX_NAME: &str = "index.html";
pub const FEED_NAME: &str = "feed.xml";

/// Why the archive could not be listed, rendered or written, or why one digest in it
/// was left out.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("cannot list {path}: {source}")]
    ListFolder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read {path}: {source}")]
    ReadDigest {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a newsdigest/1 digest: {reason}")]
    NotADigest { path: PathBuf, reason: String },
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// One digest found in the folder.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchivedDigest {
    pub date: NaiveDate,
    pub totals: Totals,
    /// File names, relative to the folder, of the formats that are there.
    pub json: String,
    pub html: Option<String>,
    pub markdown: Option<String>,
}

/// The digests of a folder, newest first, and the JSON files that were left out.
#[derive(Debug)]
pub struct Listing {
    pub digests: Vec<ArchivedDigest>,
    pub skipped: Vec<ArchiveError>,
}

/// What the archive pages are rendered with.
#[derive(Debug, Clone, Copy)]
pub struct ArchiveOptions<'a> {
    /// The briefing's title, used for the index and the feed.
    pub title: &'a str,
    /// Where the folder is published (`https://example.org/news/`); without it the
    /// feed links to the digests with relative URLs.
    pub base_url: Option<&'a str>,
    /// A folder whose `index.html` / `feed.xml` replace the built-in templates.
    pub templates: Option<&'a Path>,
    /// The date and totals of the briefing just written to the folder, if any: its
    /// JSON (hundreds of megabytes on a large morning) need not be read back for them.
    pub written: Option<(NaiveDate, Totals)>,
}

/// The rendered archive pages.
#[derive(Debug)]
pub struct ArchivePages {
    pub index: String,
    pub feed: String,
}

/// Lists the digests in `folder`: every `YYYY-MM-DD.json` with its totals, and which
/// of the `.html` and `.md` files beside it exist. A JSON file that cannot be read or is
/// not a digest is left out and reported in [`Listing::skipped`].
pub fn digests_in(folder: &Path) -> Result<Listing, ArchiveError> {
    digests_known(folder, None, &[])
}

/// [`digests_in`], taking the totals of the digest of `known`'s date as given, and the
/// files named in `pending` (about to be written) as there.
fn digests_known(
    folder: &Path,
    known: Option<(NaiveDate, Totals)>,
    pending: &[String],
) -> Result<Listing, ArchiveError> {
    let list_error = |source| ArchiveError::ListFolder {
        path: folder.to_path_buf(),
        source,
    };
    let mut names: BTreeSet<String> = pending.iter().cloned().collect();
    for entry in fs::read_dir(folder).map_err(list_error)? {
        let entry = entry.map_err(list_error)?;
        if let Some(name) = entry.file_name().to_str() {
            names.insert(name.to_string());
        }
    }
    let mut digests = Vec::new();
    let mut skipped = Vec::new();
    for (date, json) in names.iter().filter_map(|n| Some((digest_date(n)?, n))) {
        let sibling = |format: Format| {
            let name = format!("{}.{}", date.format("%Y-%m-%d"), format.extension());
            names.contains(&name).then_some(name)
        };
        let totals = match known {
            Some((day, totals)) if day == date => Ok(totals),
            _ => totals_in(&folder.join(json)),
        };
        match totals {
            Ok(totals) => digests.push(ArchivedDigest {
                date,
                totals,
                json: json.clone(),
                html: sibling(Format::Html),
                markdown: sibling(Format::Markdown),
            }),
            Err(problem) => skipped.push(problem),
        }
    }
    digests.sort_by_key(|d| std::cmp::Reverse(d.date));
    Ok(Listing { digests, skipped })
}

/// The date of a digest's JSON file name, `2025-12-08.json`; None for any other name.
fn digest_date(name: &str) -> Option<NaiveDate> {
    let stem = name.strip_suffix(".json")?;
    let well_formed = stem.len() == 10
        && stem.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    well_formed
        .then(|| NaiveDate::parse_from_str(stem, "%Y-%m-%d").ok())
        .flatten()
}

const READ_BUFFER: usize = 256 * 1024;

/// Only what the totals need from a `newsdigest/1` digest; serde skips the rest.
#[derive(Deserialize)]
struct StoredDigest {
    schema: String,
    articles: Vec<StoredArticle>,
    stories: Vec<StoredStory>,
}

#[derive(Deserialize)]
struct StoredArticle {
    source: String,
}

#[derive(Deserialize)]
struct StoredStory {
    discrepancies: Vec<serde::de::IgnoredAny>,
}

/// The totals line's counts, read back from a digest's JSON. Read as a stream: a large
/// morning's digest is over a gigabyte, which need not all be in memory to be counted.
fn totals_in(path: &Path) -> Result<Totals, ArchiveError> {
    let read_error = |source| ArchiveError::ReadDigest {
        path: path.to_path_buf(),
        source,
    };
    let not_a_digest = |reason: String| ArchiveError::NotADigest {
        path: path.to_path_buf(),
        reason,
    };
    let file = fs::File::open(path).map_err(read_error)?;
    let stored: StoredDigest = serde_json::from_reader(BufReader::with_capacity(READ_BUFFER, file))
        .map_err(|err| {
            if err.is_io() {
                read_error(err.into())
            } else {
                not_a_digest(err.to_string())
            }
        })?;
    if stored.schema != render::json::SCHEMA {
        return Err(not_a_digest(format!("schema is {:?}", stored.schema)));
    }
    let sources: BTreeSet<&str> = stored.articles.iter().map(|a| a.source.as_str()).collect();
    Ok(Totals {
        articles: stored.articles.len(),
        sources: sources.len(),
        stories: stored.stories.len(),
        discrepancies: stored.stories.iter().map(|s| s.discrepancies.len()).sum(),
    })
}

/// What `index.html` and `feed.xml` see.
#[derive(Serialize)]
struct ArchiveView<'a> {
    title: String,
    generator: String,
    version: &'static str,
    feed_id: String,
    /// RFC 3339: the newest entry's `updated`.
    updated: String,
    index_href: String,
    feed_href: String,
    digests: Vec<EntryView>,
    /// `ArchiveOptions::base_url` as given, for templates that want it.
    base_url: Option<&'a str>,
}

#[derive(Serialize)]
struct EntryView {
    id: String,
    date: String,
    long_date: String,
    /// "News digest — Monday, 8 December 2025".
    title: String,
    /// RFC 3339, the start of the day in UTC.
    updated: String,
    totals: Totals,
    totals_line: String,
    /// Links from the index, which sits beside the digests.
    html: Option<String>,
    markdown: Option<String>,
    json: String,
    /// The feed's link to the digest: the HTML when there is one, under the base URL.
    feed_link: String,
}

/// Renders `index.html` and `feed.xml` for `digests` (newest first).
pub fn render_pages(
    digests: &[ArchivedDigest],
    options: &ArchiveOptions,
) -> Result<ArchivePages, ArchiveError> {
    let tera = render::load_templates(
        &[(INDEX_NAME, INDEX_TEMPLATE), (FEED_NAME, FEED_TEMPLATE)],
        options.templates,
    )?;
    let mut context = Context::new();
    context.insert("archive", &archive_view(digests, options));
    let page = |name: &str| {
        tera.render(name, &context).map_err(|err| {
            let shown = render::shown_name(options.templates, name);
            ArchiveError::Render(render::template_error(&shown, &err))
        })
    };
    Ok(ArchivePages {
        index: page(INDEX_NAME)?,
        feed: page(FEED_NAME)?,
    })
}

fn archive_view<'a>(digests: &[ArchivedDigest], options: &ArchiveOptions<'a>) -> ArchiveView<'a> {
    let title = xml_safe(options.title);
    let key = format!("{title}\n{}", options.base_url.unwrap_or(""));
    let entries: Vec<EntryView> = digests
        .iter()
        .map(|d| entry_view(d, &title, &key, options.base_url))
        .collect();
    let updated = entries
        .iter()
        .map(|e| e.updated.clone())
        .max()
        // A feed must say when it changed; with no digest yet, that is now.
        .unwrap_or_else(|| Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true));
    ArchiveView {
        feed_id: urn_uuid(&format!("newsdigest feed\n{key}")),
        generator: format!("newsdigest {}", env!("CARGO_PKG_VERSION")),
        version: env!("CARGO_PKG_VERSION"),
        updated,
        index_href: published_href(options.base_url, INDEX_NAME),
        feed_href: published_href(options.base_url, FEED_NAME),
        digests: entries,
        base_url: options.base_url,
        title,
    }
}

fn entry_view(d: &ArchivedDigest, title: &str, key: &str, base_url: Option<&str>) -> EntryView {
    let date = d.date.format("%Y-%m-%d").to_string();
    let long_date = d.date.format("%A, %-d %B %Y").to_string();
    let main_file = d
        .html
        .as_deref()
        .or(d.markdown.as_deref())
        .unwrap_or(&d.json);
    EntryView {
        id: urn_uuid(&format!("newsdigest digest\n{key}\n{date}")),
        title: format!("{title} — {long_date}"),
        updated: format!("{date}T00:00:00Z"),
        totals: d.totals,
        totals_line: totals_line(&d.totals),
        html: d.html.clone(),
        markdown: d.markdown.clone(),
        json: d.json.clone(),
        feed_link: published_href(base_url, main_file),
        date,
        long_date,
    }
}

/// `name` under the base URL, or `name` alone (relative to the feed) without one.
fn published_href(base_url: Option<&str>, name: &str) -> String {
    match base_url {
        Some(base) => format!("{}/{name}", base.trim_end_matches('/')),
        None => name.to_string(),
    }
}

/// Text without the characters XML 1.0 cannot hold even escaped (most control
/// characters), so a stray one in a title cannot make the feed unreadable.
fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// A stable `urn:uuid:` for `name`: a version 8 (custom) UUID whose bits are two
/// FNV-1a hashes of it. The same name always gives the same id, across runs and Rust
/// versions, which is what feed readers need to recognise an entry.
fn urn_uuid(name: &str) -> String {
    let high = crate::ids::fnv1a_64(name.as_bytes());
    let low = crate::ids::fnv1a_64(format!("{name}\u{0}low").as_bytes());
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&high.to_be_bytes());
    bytes[8..].copy_from_slice(&low.to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// What [`update`] wrote, and the digests it had to leave out.
#[derive(Debug)]
pub struct Updated {
    pub written: Vec<PathBuf>,
    pub skipped: Vec<ArchiveError>,
}

/// The archive pages of `folder` once the files named in `pending` (the briefing being
/// written, not on disk yet) are in it, for the caller to write in the same batch as
/// the briefing; and the digests that had to be left out.
pub fn pages_with(
    folder: &Path,
    options: &ArchiveOptions,
    pending: &[String],
) -> Result<(ArchivePages, Vec<ArchiveError>), ArchiveError> {
    let listing = digests_known(folder, options.written, pending)?;
    let pages = render_pages(&listing.digests, options)?;
    Ok((pages, listing.skipped))
}

/// Lists the digests in `folder` and writes its `index.html` and `feed.xml`, each
/// atomically.
pub fn update(folder: &Path, options: &ArchiveOptions) -> Result<Updated, ArchiveError> {
    let listing = digests_known(folder, options.written, &[])?;
    let pages = render_pages(&listing.digests, options)?;
    let mut written = Vec::new();
    for (name, text) in [(INDEX_NAME, &pages.index), (FEED_NAME, &pages.feed)] {
        let path = folder.join(name);
        output::write_atomically(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(Updated {
        written,
        skipped: listing.skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest_json(sources: &[&str], discrepancies: usize) -> String {
        let articles: Vec<_> = sources
            .iter()
            .enumerate()
            .map(|(i, s)| serde_json::json!({"id": i.to_string(), "source": s}))
            .collect();
        let story =
            serde_json::json!({"discrepancies": vec![serde_json::json!({}); discrepancies]});
        serde_json::json!({"schema": "newsdigest/1", "articles": articles, "stories": [story]})
            .to_string()
    }

    #[test]
    fn lists_digests_newest_first_with_totals_and_siblings() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        fs::write(p.join("2025-12-08.json"), digest_json(&["A", "B", "A"], 2)).unwrap();
        fs::write(p.join("2025-12-08.html"), "").unwrap();
        fs::write(p.join("2025-12-09.json"), digest_json(&["A"], 0)).unwrap();
        fs::write(p.join("2025-12-09.md"), "").unwrap();
        fs::write(p.join("notes.json"), "{}").unwrap();
        fs::write(p.join("2025-13-01.json"), "{}").unwrap();
        fs::write(p.join("2025-12-10.json"), "{\"schema\": \"other/2\"}").unwrap();
        let listing = digests_in(p).unwrap();
        let dates: Vec<String> = listing.digests.iter().map(|d| d.date.to_string()).collect();
        assert_eq!(dates, ["2025-12-09", "2025-12-08"]);
        let older = &listing.digests[1];
        assert_eq!(
            older.totals,
            Totals {
                articles: 3,
                sources: 2,
                stories: 1,
                discrepancies: 2
            }
        );
        assert_eq!(older.html.as_deref(), Some("2025-12-08.html"));
        assert_eq!(older.markdown, None);
        assert_eq!(
            listing.digests[0].markdown.as_deref(),
            Some("2025-12-09.md")
        );
        assert_eq!(listing.skipped.len(), 1, "{:?}", listing.skipped);
        assert!(listing.skipped[0].to_string().contains("2025-12-10.json"));
    }

    #[test]
    fn ids_are_stable_uuids_and_links_follow_the_base_url() {
        let id = urn_uuid("x");
        assert_eq!(id, urn_uuid("x"));
        assert_ne!(id, urn_uuid("y"));
        assert_eq!(id.len(), "urn:uuid:".len() + 36);
        assert_eq!(&id[9 + 14..9 + 15], "8", "version 8: {id}");
        assert_eq!(
            published_href(Some("https://example.org/news/"), "feed.xml"),
            "https://example.org/news/feed.xml"
        );
        assert_eq!(published_href(None, "2025-12-08.html"), "2025-12-08.html");
    }

    #[test]
    fn every_variable_the_archive_templates_see_is_documented() {
        let documented = include_str!("../templates/README.md");
        let digest = ArchivedDigest {
            date: NaiveDate::from_ymd_opt(2025, 12, 8).unwrap(),
            totals: Totals {
                articles: 5,
                sources: 5,
                stories: 1,
                discrepancies: 1,
            },
            json: "2025-12-08.json".into(),
            html: Some("2025-12-08.html".into()),
            markdown: Some("2025-12-08.md".into()),
        };
        let options = ArchiveOptions {
            title: "News digest",
            base_url: Some("https://example.org/news/"),
            templates: None,
            written: None,
        };
        let view = serde_json::to_value(archive_view(&[digest], &options)).unwrap();
        let mut paths = std::collections::BTreeSet::new();
        render::variable_paths(&view, "archive", &mut paths);
        assert!(paths.contains("archive.digests[].totals.stories"));
        let missing: Vec<&String> = paths
            .iter()
            .filter(|p| !documented.contains(&format!("`{p}`")))
            .collect();
        assert!(
            missing.is_empty(),
            "not in templates/README.md: {missing:?}"
        );
    }

    #[test]
    fn missing_folder_names_the_folder() {
        let error = digests_in(Path::new("/no/such/folder")).unwrap_err();
        assert!(error.to_string().contains("/no/such/folder"), "{error}");
    }
}
