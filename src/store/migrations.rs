//! The store's schema, as a list of steps. A store records how many steps it has had in
//! `PRAGMA user_version`; opening it applies the rest, all in one transaction, so a
//! store written by an older newsdigest opens in a newer one and an interrupted upgrade
//! leaves the old schema intact.
//!
//! Steps are only ever appended: a released step never changes, since stores out there
//! already ran it.

use rusqlite::{Connection, TransactionBehavior};

/// Marks a SQLite file as a newsdigest store (`PRAGMA application_id`, "ndst"), so the
/// store never adds its tables to another program's database.
pub const APPLICATION_ID: i32 = 0x6e64_7374;

/// Step N (1-based) takes a store from version N-1 to N.
pub const MIGRATIONS: &[&str] = &[
    // 1: feeds with their HTTP cache headers, articles, digests and the facts each
    // digest reported.
    "CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        fetched_at TEXT
    );
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
        source TEXT NOT NULL,
        title TEXT,
        text TEXT NOT NULL,
        url TEXT,
        published TEXT,
        first_seen TEXT NOT NULL
    );
    CREATE INDEX articles_by_published ON articles(published);
    CREATE TABLE digests (
        date TEXT PRIMARY KEY,
        built_at TEXT NOT NULL,
        articles INTEGER NOT NULL,
        stories INTEGER NOT NULL
    );
    CREATE TABLE reported_facts (
        digest_date TEXT NOT NULL REFERENCES digests(date) ON DELETE CASCADE,
        fact_id TEXT NOT NULL,
        story_id TEXT NOT NULL,
        PRIMARY KEY (digest_date, fact_id)
    );
    CREATE INDEX reported_facts_by_fact ON reported_facts(fact_id, digest_date);",
    // 2: each feed's health, for `newsdigest check`; articles found by when they were
    // first seen, for the window's late-arrival rule.
    "ALTER TABLE feeds ADD COLUMN last_error TEXT;
    ALTER TABLE feeds ADD COLUMN last_success_at TEXT;
    CREATE INDEX articles_by_first_seen ON articles(first_seen);",
    // 3: a feed is known by its name, so a corrected URL is the same feed. Rows of one
    // name (left by a URL change before this step) become the newest of them.
    "UPDATE OR IGNORE articles SET feed_id = (
        SELECT MAX(same.id) FROM feeds AS this JOIN feeds AS same ON same.name = this.name
        WHERE this.id = articles.feed_id)
    WHERE feed_id IS NOT NULL;
    DELETE FROM feeds WHERE id NOT IN (SELECT MAX(id) FROM feeds GROUP BY name);
    CREATE UNIQUE INDEX feeds_by_name ON feeds(name);",
];

/// The version a store has after every step.
pub fn latest_version() -> u32 {
    MIGRATIONS.len() as u32
}

/// What opening a store found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schema {
    /// Already at the latest version.
    Current,
    /// Upgraded from this version.
    Upgraded { from: u32 },
    /// Written by a newer newsdigest.
    Newer { found: u32 },
    /// A SQLite database with tables that are not a newsdigest store's.
    Foreign,
}

/// Brings the store to the latest version. The version is read again inside the write
/// transaction, so two processes opening a new store at once upgrade it once.
pub fn migrate(connection: &mut Connection) -> rusqlite::Result<Schema> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: u32 = transaction.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let application_id: i32 =
        transaction.pragma_query_value(None, "application_id", |row| row.get(0))?;
    if version > latest_version() {
        return Ok(Schema::Newer { found: version });
    }
    if version == latest_version() {
        return Ok(Schema::Current);
    }
    let foreign_id = application_id != 0 && application_id != APPLICATION_ID;
    if foreign_id || (version == 0 && has_tables(&transaction)?) {
        return Ok(Schema::Foreign);
    }
    for step in &MIGRATIONS[version as usize..] {
        transaction.execute_batch(step)?;
    }
    transaction.pragma_update(None, "application_id", APPLICATION_ID)?;
    transaction.pragma_update(None, "user_version", latest_version())?;
    transaction.commit()?;
    Ok(Schema::Upgraded { from: version })
}

pub(super) fn has_tables(connection: &Connection) -> rusqlite::Result<bool> {
    connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table')",
        [],
        |row| row.get(0),
    )
}
