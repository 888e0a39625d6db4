//! The store's schema, as a list of steps. A store records how many steps it has had in
//! `PRAGMA user_version`; opening it applies the rest, all in one transaction, so a
//! store written by an older newsdigest opens in a newer one and an interrupted upgrade
//! leaves the old schema intact.
//!
//! Steps are only ever appended: a released step never changes, since stores out there
//! already ran it. Most are SQL; one that must find data again the way a build reads it
//! ([`widen_fact_ids`]) is Rust.

use std::collections::{BTreeSet, HashMap, HashSet};

use rayon::prelude::*;
use rusqlite::{Connection, TransactionBehavior, params};

use crate::ids;

/// One step of the schema.
pub enum Step {
    Sql(&'static str),
    Rust(fn(&Connection) -> rusqlite::Result<()>),
}

impl Step {
    /// Runs the step on `connection` (inside the caller's transaction).
    pub fn apply(&self, connection: &Connection) -> rusqlite::Result<()> {
        match self {
            Step::Sql(sql) => connection.execute_batch(sql),
            Step::Rust(step) => step(connection),
        }
    }
}

/// Marks a SQLite file as a newsdigest store (`PRAGMA application_id`, "ndst"), so the
/// store never adds its tables to another program's database.
pub const APPLICATION_ID: i32 = 0x6e64_7374;

/// Step N (1-based) takes a store from version N-1 to N.
pub const MIGRATIONS: &[Step] = &[
    // 1: feeds with their HTTP cache headers, articles, digests and the facts each
    // digest reported.
    Step::Sql(
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
    ),
    // 2: each feed's health, for `newsdigest check`; articles found by when they were
    // first seen, for the window's late-arrival rule.
    Step::Sql(
        "ALTER TABLE feeds ADD COLUMN last_error TEXT;
    ALTER TABLE feeds ADD COLUMN last_success_at TEXT;
    CREATE INDEX articles_by_first_seen ON articles(first_seen);",
    ),
    // 3: a feed is known by its name, so a corrected URL is the same feed. Rows of one
    // name (left by a URL change before this step) become the newest of them.
    Step::Sql(
        "UPDATE OR IGNORE articles SET feed_id = (
        SELECT MAX(same.id) FROM feeds AS this JOIN feeds AS same ON same.name = this.name
        WHERE this.id = articles.feed_id)
    WHERE feed_id IS NOT NULL;
    DELETE FROM feeds WHERE id NOT IN (SELECT MAX(id) FROM feeds GROUP BY name);
    CREATE UNIQUE INDEX feeds_by_name ON feeds(name);",
    ),
    // 4: an article is known by its feed and its id (GUID or link), not its id alone:
    // two outlets whose items share `<guid>1</guid>` have two articles. SQLite cannot
    // drop a constraint, so the table is copied into one without it; the rule that the
    // same title and text is one article, whichever feed brings it, stays.
    Step::Sql(
        "CREATE TABLE articles_by_feed (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
        source TEXT NOT NULL,
        title TEXT,
        text TEXT NOT NULL,
        url TEXT,
        published TEXT,
        first_seen TEXT NOT NULL,
        UNIQUE (feed_id, uid)
    );
    INSERT INTO articles_by_feed
        (id, uid, content_hash, feed_id, source, title, text, url, published, first_seen)
        SELECT id, uid, content_hash, feed_id, source, title, text, url, published, first_seen
        FROM articles;
    DROP TABLE articles;
    ALTER TABLE articles_by_feed RENAME TO articles;
    CREATE INDEX articles_by_published ON articles(published);
    CREATE INDEX articles_by_first_seen ON articles(first_seen);",
    ),
    // 5: fact ids of 64 bits instead of 32 (see `crate::ids`).
    Step::Rust(widen_fact_ids),
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

/// Brings the store to the latest version. What the file is, is read again inside the
/// write transaction, so two processes opening a new store at once upgrade it once.
pub fn migrate(connection: &mut Connection) -> rusqlite::Result<Schema> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version = match kind_of(&transaction)? {
        Kind::Foreign => return Ok(Schema::Foreign),
        Kind::Newer { found } => return Ok(Schema::Newer { found }),
        Kind::Ours { version } if version == latest_version() => return Ok(Schema::Current),
        Kind::Ours { version } => version,
        Kind::Empty => 0,
    };
    for step in &MIGRATIONS[version as usize..] {
        step.apply(&transaction)?;
    }
    transaction.pragma_update(None, "application_id", APPLICATION_ID)?;
    transaction.pragma_update(None, "user_version", latest_version())?;
    transaction.commit()?;
    Ok(Schema::Upgraded { from: version })
}

/// The tables every version of the store has.
const OUR_TABLES: &[&str] = &["feeds", "articles", "digests", "reported_facts"];

/// What a SQLite file holds, read without changing a byte of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// No tables at all: a new file, made into a store.
    Empty,
    /// A newsdigest store at this schema version.
    Ours { version: u32 },
    /// A newsdigest store written by a newer newsdigest.
    Newer { found: u32 },
    /// Another program's database.
    Foreign,
}

/// Tells a newsdigest store from another program's database by its `application_id`
/// and its tables, with read-only queries. Stores written before the id was set by
/// every step (the version 1 fixture) are known by their tables.
pub fn kind_of(connection: &Connection) -> rusqlite::Result<Kind> {
    let version: u32 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let application_id: i32 =
        connection.pragma_query_value(None, "application_id", |row| row.get(0))?;
    let tables: Vec<String> = connection
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let ours_by_id = application_id == APPLICATION_ID;
    let ours_by_tables = OUR_TABLES
        .iter()
        .all(|t| tables.iter().any(|name| name == t));
    Ok(match (application_id, tables.is_empty()) {
        (0, true) if version == 0 => Kind::Empty,
        _ if !(ours_by_id || application_id == 0 && ours_by_tables) => Kind::Foreign,
        _ if version > latest_version() => Kind::Newer { found: version },
        _ if ours_by_tables && version > 0 => Kind::Ours { version },
        _ => Kind::Foreign,
    })
}

/// Step 5: each fact an earlier digest reported under a 32-bit id gets its 64-bit id, so
/// that the history keeps meaning what it meant. The store does not keep a fact's text,
/// only the hash of it; the text is found again among the stored articles' sentences,
/// split as a build splits them, by hashing each sentence the old way. An old id that
/// matches several sentences (the collision this step is for) is given to each of
/// them; one that matches none (its article deleted, or split otherwise by an older
/// version) is left as it is, where no new fact can match it.
fn widen_fact_ids(connection: &Connection) -> rusqlite::Result<()> {
    let old: HashSet<String> = connection
        .prepare("SELECT DISTINCT fact_id FROM reported_facts WHERE length(fact_id) = 10")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if old.is_empty() {
        return Ok(());
    }
    let widened = widened_ids(connection, &old)?;
    let mut copy = connection.prepare(
        "INSERT OR IGNORE INTO reported_facts (digest_date, fact_id, story_id)
         SELECT digest_date, ?2, story_id FROM reported_facts WHERE fact_id = ?1",
    )?;
    let mut remove = connection.prepare("DELETE FROM reported_facts WHERE fact_id = ?1")?;
    for (legacy, new_ids) in &widened {
        for new_id in new_ids {
            copy.execute(params![legacy, new_id])?;
        }
        remove.execute([legacy])?;
    }
    Ok(())
}

/// Stored articles read at a time: enough to keep every core busy, few enough that a
/// large store is not held in memory at once.
const ARTICLES_PER_CHUNK: usize = 4_096;

/// The 64-bit ids of every stored sentence whose 32-bit id is one of `old`.
fn widened_ids(
    connection: &Connection,
    old: &HashSet<String>,
) -> rusqlite::Result<HashMap<String, BTreeSet<String>>> {
    let mut widened: HashMap<String, BTreeSet<String>> = HashMap::new();
    let mut statement = connection.prepare("SELECT text FROM articles")?;
    let mut rows = statement.query([])?;
    let mut chunk: Vec<String> = Vec::with_capacity(ARTICLES_PER_CHUNK);
    loop {
        let row = rows.next()?;
        if let Some(row) = row {
            chunk.push(row.get(0)?);
        }
        if chunk.len() == ARTICLES_PER_CHUNK || (row.is_none() && !chunk.is_empty()) {
            for (legacy, new_id) in matching_sentences(&chunk, old) {
                widened.entry(legacy).or_default().insert(new_id);
            }
            chunk.clear();
        }
        if row.is_none() {
            return Ok(widened);
        }
    }
}

/// (old id, new id) of each sentence of `texts` whose old id is in `old`, as a build
/// reads the stored text: cleaned, then split into sentences.
fn matching_sentences(texts: &[String], old: &HashSet<String>) -> Vec<(String, String)> {
    texts
        .par_iter()
        .flat_map_iter(|text| {
            let text = crate::ingest::clean::clean_text(text);
            crate::text::layout_of(&text)
                .sentences
                .into_iter()
                .filter_map(|sentence| {
                    let legacy = ids::legacy_fact_id(&sentence.text);
                    old.contains(&legacy)
                        .then(|| (legacy, ids::fact_id(&sentence.text)))
                })
                .collect::<Vec<_>>()
        })
        .collect()
}
