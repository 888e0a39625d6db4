//! Store stage: what was already reported, so a new digest can say what is new. It keeps,
//! in one SQLite file, the feeds with their HTTP cache headers, every article fetched
//! (once, however often it is re-fetched or re-published), the digests built and the
//! fact ids each one reported.
//!
//! It takes articles from `fetch` and digests from `digest`, and gives back the
//! articles of a time [`Window`] and the [`History`] a digest is marked against
//! ([`mark_reported`], pure). It does not fetch, summarize or render. The file is opened
//! in WAL mode with a busy timeout, so a reader never blocks on a writer; the schema is
//! versioned ([`migrations`]). A file that is not a store (not SQLite, damaged, another
//! program's database, or a newer newsdigest's) is reported and never written to: what
//! the file is, and that it is sound (`PRAGMA quick_check`), is found out with reads
//! alone before the first write or pragma that changes it.
//!
//! An article is one per feed and id (GUID or link): two outlets may use the same GUID.

mod fetching;
pub mod migrations;

pub use crate::digest::{History, mark_reported};
pub use fetching::{FeedDone, FetchSummary, fetch_into};

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, SecondsFormat, Timelike, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};
use tracing::info;

use crate::digest::Digest;
use crate::fetch::{CacheHeaders, Feed};
use crate::ingest::Article;
use migrations::{Kind, Schema};

/// How long a write waits for another process's write to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The schema version that added `feeds.last_error` and `feeds.last_success_at`.
const FEED_HEALTH_SINCE: u32 = 2;

/// Why the store cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store {path}: not a SQLite database; it was left untouched")]
    NotADatabase { path: PathBuf },
    #[error("store {path}: the database is damaged ({detail}); it was left untouched")]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "store {path}: a SQLite database that is not a newsdigest store; it was left untouched"
    )]
    Foreign { path: PathBuf },
    #[error(
        "store {path}: written by a newer newsdigest (schema version {found}; this one knows up to {known}); it was left untouched"
    )]
    Newer {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    /// A write failed for want of space (a full disk, a file size limit): the change
    /// was rolled back and the store is as it was before it.
    #[error(
        "store {path}: cannot write ({detail}); is the disk full? The store is unchanged by the failed write"
    )]
    Write { path: PathBuf, detail: String },
    /// The store, or the folder its journal goes in, may not be written to.
    #[error(
        "store {path}: cannot write to it or to its folder ({detail}); check their permissions. The store is unchanged"
    )]
    ReadOnly { path: PathBuf, detail: String },
    #[error("store {path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

/// Articles published (or, for late arrivals, first fetched) inside `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

/// What saving one feed's articles did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Saved {
    /// Articles not stored before.
    pub added: usize,
    /// Stored articles whose text or title changed.
    pub updated: usize,
    /// Articles stored already, as they are or under another id (re-published).
    pub unchanged: usize,
}

/// Sizes, for `newsdigest check`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub feeds: usize,
    pub articles: usize,
    pub digests: usize,
}

/// A feed's last fetch, for `newsdigest check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedHealth {
    pub url: String,
    pub name: String,
    pub last_success_at: Option<String>,
    pub last_error: Option<String>,
}

/// An open store.
pub struct Store {
    connection: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the store at `path`, creating it when there is no file, and brings its
    /// schema up to date. Nothing is written before the file is known to be an empty
    /// database or a sound store of ours.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut store = Store::open_with(path, flags)?;
        // Reads only: a file that is not SQLite fails here, and another program's
        // database is recognised, before the journal mode below changes its header.
        match store.kind()? {
            Kind::Empty => {}
            Kind::Ours { .. } => store.verify()?,
            Kind::Newer { found } => return Err(store.newer(found)),
            Kind::Foreign => return Err(store.foreign()),
        }
        store
            .connection
            .pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
            .map_err(|e| store.error(e))?;
        store
            .connection
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| store.error(e))?;
        let schema = migrations::migrate(&mut store.connection).map_err(|e| store.error(e))?;
        match schema {
            Schema::Current => {}
            Schema::Upgraded { from: 0 } => info!("created store {}", path.display()),
            Schema::Upgraded { from } => info!(
                "upgraded store {} from schema version {from} to {}",
                path.display(),
                migrations::latest_version()
            ),
            Schema::Newer { found } => return Err(store.newer(found)),
            Schema::Foreign => return Err(store.foreign()),
        }
        Ok(store)
    }

    /// Opens an existing store without changing it (no upgrade, no journal change).
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let store = Store::open_with(path, flags)?;
        match store.kind()? {
            Kind::Empty | Kind::Ours { .. } => Ok(store),
            Kind::Newer { found } => Err(store.newer(found)),
            Kind::Foreign => Err(store.foreign()),
        }
    }

    /// What the file holds, found with reads alone.
    fn kind(&self) -> Result<Kind, StoreError> {
        migrations::kind_of(&self.connection).map_err(|e| self.error(e))
    }

    fn open_with(path: &Path, flags: OpenFlags) -> Result<Store, StoreError> {
        refuse_truncated(path)?;
        let fail = |source| classified(path, source);
        let connection = Connection::open_with_flags(path, flags).map_err(fail)?;
        connection.busy_timeout(BUSY_TIMEOUT).map_err(fail)?;
        Ok(Store {
            connection,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version the file holds.
    pub fn user_version(&self) -> Result<u32, StoreError> {
        self.connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(|e| self.error(e))
    }

    /// SQLite's own consistency check (`PRAGMA quick_check`).
    pub fn verify(&self) -> Result<(), StoreError> {
        let findings: Vec<String> = self
            .connection
            .prepare("PRAGMA quick_check")
            .and_then(|mut statement| {
                statement
                    .query_map([], |row| row.get::<_, String>(0))?
                    .collect()
            })
            .map_err(|e| self.error(e))?;
        if findings.len() == 1 && findings[0] == "ok" {
            Ok(())
        } else {
            Err(StoreError::Damaged {
                path: self.path.clone(),
                detail: findings.join("; "),
            })
        }
    }

    pub fn counts(&self) -> Result<Counts, StoreError> {
        let count = |table: &str| -> Result<usize, StoreError> {
            self.connection
                .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| {
                    row.get::<_, i64>(0)
                })
                .map(|n| usize::try_from(n).unwrap_or(0))
                .map_err(|e| self.error(e))
        };
        Ok(Counts {
            feeds: count("feeds")?,
            articles: count("articles")?,
            digests: count("digests")?,
        })
    }

    /// Brings the stored feeds in line with the config's. A feed is its name: a name
    /// whose URL changed keeps its row (and articles) with the new URL, and forgets the
    /// old URL's cache headers and failure; a URL under a new name is a renamed feed; a
    /// stored feed that took the URL before is merged into the one that has it now.
    pub fn register_feeds(&mut self, feeds: &[Feed]) -> Result<(), StoreError> {
        let path = self.path.clone();
        let fail = |e| classified(&path, e);
        let transaction = self.connection.transaction().map_err(fail)?;
        // First every moved feed lets go of its old URL, so that feeds swapping URLs,
        // or taking one another had, never meet the URL's uniqueness half way.
        for feed in feeds {
            transaction
                .execute(
                    "UPDATE feeds SET url = 'moved:' || id, etag = NULL, last_modified = NULL,
                     last_error = NULL WHERE name = ?1 AND url <> ?2",
                    params![feed.name, feed.url],
                )
                .map_err(fail)?;
        }
        for feed in feeds {
            register_feed(&transaction, feed).map_err(fail)?;
        }
        transaction.commit().map_err(fail)
    }

    /// The cache headers of the feed's last successful fetch.
    pub fn cache_headers(&self, url: &str) -> Result<CacheHeaders, StoreError> {
        self.connection
            .query_row(
                "SELECT etag, last_modified FROM feeds WHERE url = ?1",
                [url],
                |row| {
                    Ok(CacheHeaders {
                        etag: row.get(0)?,
                        last_modified: row.get(1)?,
                    })
                },
            )
            .optional()
            .map(Option::unwrap_or_default)
            .map_err(|e| self.error(e))
    }

    /// The ids of the articles stored from this feed.
    pub fn article_ids_of_feed(&self, url: &str) -> Result<HashSet<String>, StoreError> {
        self.connection
            .prepare(
                "SELECT articles.uid FROM articles JOIN feeds ON feeds.id = articles.feed_id
                 WHERE feeds.url = ?1",
            )
            .and_then(|mut statement| statement.query_map([url], |row| row.get(0))?.collect())
            .map_err(|e| self.error(e))
    }

    /// Stores a feed's articles and its new cache headers, in one transaction. An
    /// article is the same as a stored one when this feed stored it under the same id
    /// (GUID or URL), or when any feed stored its title and text (the same item
    /// re-published under another id, or syndicated by another outlet).
    pub fn save_fetched(
        &mut self,
        feed_url: &str,
        articles: &[Article],
        cache: &CacheHeaders,
        now: DateTime<Utc>,
    ) -> Result<Saved, StoreError> {
        let path = self.path.clone();
        let fail = |e| classified(&path, e);
        let transaction = self.connection.transaction().map_err(fail)?;
        let feed_id: Option<i64> = transaction
            .query_row("SELECT id FROM feeds WHERE url = ?1", [feed_url], |row| {
                row.get(0)
            })
            .optional()
            .map_err(fail)?;
        let mut saved = Saved::default();
        for article in articles {
            match save_article(&transaction, feed_id, article, now).map_err(fail)? {
                Stored::Added => saved.added += 1,
                Stored::Updated => saved.updated += 1,
                Stored::Unchanged => saved.unchanged += 1,
            }
        }
        transaction
            .execute(
                "UPDATE feeds SET etag = ?2, last_modified = ?3, fetched_at = ?4,
                 last_success_at = ?4, last_error = NULL WHERE url = ?1",
                params![feed_url, cache.etag, cache.last_modified, timestamp(now)],
            )
            .map_err(fail)?;
        transaction.commit().map_err(fail)?;
        Ok(saved)
    }

    /// Records a 304: the feed is healthy and unchanged.
    pub fn note_not_modified(
        &mut self,
        feed_url: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.connection
            .execute(
                "UPDATE feeds SET fetched_at = ?2, last_success_at = ?2, last_error = NULL
                 WHERE url = ?1",
                params![feed_url, timestamp(now)],
            )
            .map(drop)
            .map_err(|e| self.error(e))
    }

    /// Records why the feed could not be fetched, for `newsdigest check`.
    pub fn note_failure(
        &mut self,
        feed_url: &str,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.connection
            .execute(
                "UPDATE feeds SET fetched_at = ?2, last_error = ?3 WHERE url = ?1",
                params![feed_url, timestamp(now), reason],
            )
            .map(drop)
            .map_err(|e| self.error(e))
    }

    /// Each feed's last fetch (recorded from schema version 2 on; an older store not yet
    /// upgraded has none).
    pub fn feed_health(&self) -> Result<Vec<FeedHealth>, StoreError> {
        if self.user_version()? < FEED_HEALTH_SINCE {
            return Ok(Vec::new());
        }
        self.connection
            .prepare("SELECT url, name, last_success_at, last_error FROM feeds ORDER BY id")
            .and_then(|mut statement| {
                statement
                    .query_map([], |row| {
                        Ok(FeedHealth {
                            url: row.get(0)?,
                            name: row.get(1)?,
                            last_success_at: row.get(2)?,
                            last_error: row.get(3)?,
                        })
                    })?
                    .collect()
            })
            .map_err(|e| self.error(e))
    }

    /// The articles of a window, oldest first: those published inside it, and those
    /// first fetched inside it that were published no more than one window length
    /// before it began (or carry no date) — a feed that was down at the last run, or an
    /// item that reached its feed late, still makes it into a briefing. Ids are made
    /// unique as they are for files (two feeds may use the same GUID), and text is
    /// cleaned of control characters as at ingest (for rows older than that rule).
    pub fn articles_in(&self, window: &Window) -> Result<Vec<Article>, StoreError> {
        let late_limit = window.from - (window.to - window.from);
        let mut articles: Vec<Article> = self
            .connection
            .prepare(
                "SELECT uid, title, text, source, url, published FROM articles
                 WHERE (published >= ?1 AND published < ?2)
                    OR (first_seen >= ?1 AND first_seen < ?2
                        AND (published IS NULL OR published >= ?3))
                 ORDER BY COALESCE(published, first_seen), id",
            )
            .and_then(|mut statement| {
                statement
                    .query_map(
                        params![bound(window.from), bound(window.to), bound(late_limit)],
                        |row| {
                            let published: Option<String> = row.get(5)?;
                            Ok(Article {
                                id: row.get(0)?,
                                title: row.get(1)?,
                                text: row.get(2)?,
                                source: row.get(3)?,
                                url: row.get(4)?,
                                published: published
                                    .and_then(|p| DateTime::parse_from_rfc3339(&p).ok()),
                            })
                        },
                    )?
                    .collect::<rusqlite::Result<_>>()
            })
            .map_err(|e| self.error(e))?;
        let mut seen = HashSet::new();
        for article in &mut articles {
            article.id = crate::ingest::unique_id(&article.id, &mut seen);
        }
        Ok(articles
            .into_iter()
            .map(crate::ingest::clean::cleaned)
            .collect())
    }

    /// What the digests before `date` reported.
    pub fn history_before(&self, date: NaiveDate) -> Result<History, StoreError> {
        let day = date.format("%Y-%m-%d").to_string();
        let earlier_digests: i64 = self
            .connection
            .query_row(
                "SELECT COUNT(*) FROM digests WHERE date < ?1",
                [&day],
                |row| row.get(0),
            )
            .map_err(|e| self.error(e))?;
        let first_reported = self
            .connection
            .prepare(
                "SELECT fact_id, MIN(digest_date) FROM reported_facts
                 WHERE digest_date < ?1 GROUP BY fact_id",
            )
            .and_then(|mut statement| {
                statement
                    .query_map([&day], |row| {
                        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
                    })?
                    .collect::<Result<Vec<_>, _>>()
            })
            .map_err(|e| self.error(e))?
            .into_iter()
            .filter_map(|(fact, day)| {
                NaiveDate::parse_from_str(&day, "%Y-%m-%d")
                    .ok()
                    .map(|d| (fact, d))
            })
            .collect();
        Ok(History {
            earlier_digests: usize::try_from(earlier_digests).unwrap_or(0),
            first_reported,
        })
    }

    /// Records a digest and every fact it reported, replacing an earlier digest of the
    /// same date (a rebuilt day).
    pub fn record_digest(&mut self, digest: &Digest, now: DateTime<Utc>) -> Result<(), StoreError> {
        let path = self.path.clone();
        let fail = |e| classified(&path, e);
        let day = digest.date.format("%Y-%m-%d").to_string();
        let transaction = self.connection.transaction().map_err(fail)?;
        transaction
            .execute("DELETE FROM reported_facts WHERE digest_date = ?1", [&day])
            .map_err(fail)?;
        transaction
            .execute("DELETE FROM digests WHERE date = ?1", [&day])
            .map_err(fail)?;
        transaction
            .execute(
                "INSERT INTO digests (date, built_at, articles, stories) VALUES (?1, ?2, ?3, ?4)",
                params![
                    day,
                    timestamp(now),
                    digest.articles.len() as i64,
                    digest.stories.len() as i64
                ],
            )
            .map_err(fail)?;
        {
            let mut insert = transaction
                .prepare(
                    "INSERT OR IGNORE INTO reported_facts (digest_date, fact_id, story_id)
                     VALUES (?1, ?2, ?3)",
                )
                .map_err(fail)?;
            for story in &digest.stories {
                for fact in &story.facts {
                    insert
                        .execute(params![day, fact.id, story.id])
                        .map_err(fail)?;
                }
            }
        }
        transaction.commit().map_err(fail)
    }

    fn error(&self, source: rusqlite::Error) -> StoreError {
        classified(&self.path, source)
    }

    fn foreign(&self) -> StoreError {
        StoreError::Foreign {
            path: self.path.clone(),
        }
    }

    fn newer(&self, found: u32) -> StoreError {
        StoreError::Newer {
            path: self.path.clone(),
            found,
            known: migrations::latest_version(),
        }
    }
}

/// What saving one article did.
enum Stored {
    Added,
    Updated,
    /// Stored already, as it is or under another id (re-published).
    Unchanged,
}

/// Stores one fetched article of the feed `feed_id` (see [`Store::save_fetched`]).
fn save_article(
    transaction: &rusqlite::Transaction,
    feed_id: Option<i64>,
    article: &Article,
    now: DateTime<Utc>,
) -> rusqlite::Result<Stored> {
    let hash = content_hash(article);
    let stored: Option<String> = transaction
        .query_row(
            "SELECT content_hash FROM articles WHERE feed_id IS ?1 AND uid = ?2",
            params![feed_id, article.id],
            |row| row.get(0),
        )
        .optional()?;
    let published = article.published.map(|p| timestamp(p.to_utc()));
    let changed = match stored {
        Some(stored_hash) if stored_hash == hash => 0,
        // OR IGNORE: new text identical to another stored article stays a duplicate
        // of that one.
        Some(_) => transaction.execute(
            "UPDATE OR IGNORE articles SET content_hash = ?2, title = ?3, text = ?4,
             url = ?5, published = ?6 WHERE uid = ?1 AND feed_id IS ?7",
            params![
                article.id,
                hash,
                article.title,
                article.text,
                article.url,
                published,
                feed_id
            ],
        )?,
        None => {
            let added = transaction.execute(
                "INSERT OR IGNORE INTO articles
                 (uid, content_hash, feed_id, source, title, text, url, published, first_seen)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    article.id,
                    hash,
                    feed_id,
                    article.source,
                    article.title,
                    article.text,
                    article.url,
                    published,
                    timestamp(now)
                ],
            )?;
            return Ok(if added > 0 {
                Stored::Added
            } else {
                Stored::Unchanged
            });
        }
    };
    Ok(if changed > 0 {
        Stored::Updated
    } else {
        Stored::Unchanged
    })
}

/// Stores one of the config's feeds (see [`Store::register_feeds`], which has freed
/// the URLs of moved feeds).
fn register_feed(transaction: &rusqlite::Transaction, feed: &Feed) -> rusqlite::Result<()> {
    let id_where = |column: &str, value: &str| -> rusqlite::Result<Option<i64>> {
        transaction
            .query_row(
                &format!("SELECT id FROM feeds WHERE {column} = ?1"),
                [value],
                |row| row.get(0),
            )
            .optional()
    };
    let by_name = id_where("name", &feed.name)?;
    let by_url = id_where("url", &feed.url)?;
    match (by_name, by_url) {
        (Some(named), Some(holder)) if named == holder => {}
        (Some(named), holder) => {
            if let Some(holder) = holder {
                // A feed no longer in the config had this URL: its articles are this
                // feed's. (OR IGNORE: an article both have stays where it is and loses
                // its feed with the row.)
                transaction.execute(
                    "UPDATE OR IGNORE articles SET feed_id = ?1 WHERE feed_id = ?2",
                    params![named, holder],
                )?;
                transaction.execute("DELETE FROM feeds WHERE id = ?1", [holder])?;
            }
            transaction.execute(
                "UPDATE feeds SET url = ?2 WHERE id = ?1",
                params![named, feed.url],
            )?;
        }
        (None, Some(holder)) => {
            transaction.execute(
                "UPDATE feeds SET name = ?2 WHERE id = ?1",
                params![holder, feed.name],
            )?;
        }
        (None, None) => {
            transaction.execute(
                "INSERT INTO feeds (url, name) VALUES (?1, ?2)",
                params![feed.url, feed.name],
            )?;
        }
    }
    Ok(())
}

/// Names the two failures a person must act on (not a database, damaged) apart from
/// the rest.
fn classified(path: &Path, source: rusqlite::Error) -> StoreError {
    let path = path.to_path_buf();
    match source.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase { path },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
            path,
            detail: source.to_string(),
        },
        _ if is_write_failure(&source) => StoreError::Write {
            path,
            detail: source.to_string(),
        },
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            StoreError::ReadOnly {
                path,
                detail: source.to_string(),
            }
        }
        _ => StoreError::Sqlite { path, source },
    }
}

/// Refuses a database file shorter than its own header says it is (cut short by a
/// failed copy or a full disk), before SQLite opens it: SQLite would only notice when
/// it reads a missing page, after this run may have written to the file.
fn refuse_truncated(path: &Path) -> Result<(), StoreError> {
    use std::io::Read;
    let mut header = [0u8; 100];
    let Ok(mut file) = std::fs::File::open(path) else {
        // No file yet (it is created), or one SQLite will report on itself.
        return Ok(());
    };
    let length = file.metadata().map(|m| m.len()).unwrap_or(0);
    if file.read_exact(&mut header).is_err() || !header.starts_with(b"SQLite format 3\0") {
        return Ok(());
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        size => u64::from(size),
    };
    let pages = u64::from(u32::from_be_bytes([
        header[28], header[29], header[30], header[31],
    ]));
    // The page count is only kept up to date when these two counters agree.
    let count_is_valid = header[24..28] == header[92..96] && pages > 0;
    let expected = pages * page_size;
    if count_is_valid && length < expected {
        return Err(StoreError::Damaged {
            path: path.to_path_buf(),
            detail: format!(
                "the file is {length} bytes but its header says {expected}: it was cut short"
            ),
        });
    }
    Ok(())
}

/// A full disk, or a write the system refused (EFBIG past a file size limit reads as
/// an I/O error on writing, syncing or growing the WAL index).
fn is_write_failure(error: &rusqlite::Error) -> bool {
    use rusqlite::ffi;
    match error {
        rusqlite::Error::SqliteFailure(failure, _) => {
            failure.code == ErrorCode::DiskFull
                || matches!(
                    failure.extended_code,
                    ffi::SQLITE_IOERR_WRITE
                        | ffi::SQLITE_IOERR_FSYNC
                        | ffi::SQLITE_IOERR_TRUNCATE
                        | ffi::SQLITE_IOERR_SHMSIZE
                )
        }
        _ => false,
    }
}

/// Every time is stored in UTC with a `Z`, so text order is time order.
fn timestamp(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A window's bound as compared with stored times, which are cut to whole seconds:
/// rounded up, so a stored second is before the bound exactly when the moment it was
/// cut from is. (Cut down, an item first fetched in the same second as the end of the
/// window, as `run` does, fell outside it.)
fn bound(time: DateTime<Utc>) -> String {
    let whole = time.with_nanosecond(0).unwrap_or(time);
    let up = if whole < time {
        whole + chrono::Duration::seconds(1)
    } else {
        whole
    };
    timestamp(up)
}

/// A stable 64-bit FNV-1a hash of the title and text with case, punctuation and spacing
/// ignored: the same item re-published or re-fetched hashes the same.
fn content_hash(article: &Article) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let title = article.title.as_deref().unwrap_or("");
    let words = title
        .split_whitespace()
        .chain(std::iter::once("\u{1}"))
        .chain(article.text.split_whitespace());
    for word in words {
        for c in word
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '\u{1}')
            .flat_map(char::to_lowercase)
        {
            let mut buffer = [0u8; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        hash ^= u64::from(b' ');
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests;
