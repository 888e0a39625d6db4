//! End-to-end tests of feeds, the store and cron runs: the real `newsdigest` binary
//! against a real HTTP server on 127.0.0.1 ([`server`]) serving the fixtures of
//! `tests/fixtures/feeds/`, with the SQLite store opened afterwards to see what it holds.
//!
//! Day 1 (2025-12-08) has a talks story told by two feeds (and once more by a
//! syndicated copy of one item), a rates story and an EU-aid brief whose text comes from
//! its linked page. Day 2 (2025-12-09) repeats one talks fact in a new report that adds
//! a new one, leaves the Atom feed unchanged (a 304), and keeps day 1's items in the
//! feeds.

mod common;
mod server;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use common::{assert_success, newsdigest, stderr};
use predicates::prelude::*;
use rusqlite::Connection;
use serde_json::Value;
use server::FeedServer;

const DAY_1: &str = "2025-12-08";
const DAY_2: &str = "2025-12-09";
/// The talks fact both days state, word for word.
const TALKS_FACT: &str = "Three days of negotiations between Ukrainian and US officials ended without a breakthrough in Florida on Saturday.";
/// The fact only day 2 states.
const NEW_ROUND_FACT: &str =
    "A new round of talks will be held in Geneva in January, both delegations said on Tuesday.";

/// A folder with a config naming `feeds` (TOML `[[feeds]]` bodies) and a store in it.
struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new(feeds: &[String], fetch: &str) -> Setup {
        let dir = tempfile::tempdir().expect("temporary folder");
        let mut config = format!(
            "[digest]\ntitle = \"Test briefing\"\nout = \"out\"\nstore = \"news.db\"\nsince = \"24h\"\n\n[fetch]\n{fetch}\n"
        );
        for feed in feeds {
            config.push_str(&format!("\n[[feeds]]\n{feed}\n"));
        }
        fs::write(dir.path().join("newsdigest.toml"), config).expect("config written");
        Setup { dir }
    }

    /// The three good feeds of the fixtures. The linked pages are on 127.0.0.1 too,
    /// which a feed's content may reach only when the config allows it.
    fn good(server: &FeedServer) -> Setup {
        Setup::new(
            &good_feeds(server),
            "timeout = \"5s\"\nretries = 1\nallow_private = [\"127.0.0.1\"]",
        )
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("newsdigest.toml")
    }

    fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join("out").join(name)
    }

    fn store(&self) -> Connection {
        Connection::open(self.dir.path().join("news.db")).expect("store opens")
    }

    /// `newsdigest COMMAND --config FILE ARGS...`
    fn run(&self, command: &str, args: &[&str]) -> Output {
        newsdigest()
            .arg(command)
            .arg("--config")
            .arg(self.config())
            .args(args)
            .output()
            .expect("runs")
    }

    fn digest(&self, date: &str) -> Value {
        let text = fs::read_to_string(self.out(&format!("{date}.json"))).expect("digest written");
        serde_json::from_str(&text).expect("valid JSON")
    }
}

fn feed(name: &str, url: &str, extra: &str) -> String {
    format!("name = \"{name}\"\nurl = \"{url}\"\n{extra}")
}

fn good_feeds(server: &FeedServer) -> Vec<String> {
    vec![
        feed("World Desk", &server.url("/feeds/world.xml"), ""),
        feed("Wire Service", &server.url("/feeds/wire.atom"), ""),
        feed(
            "Briefs",
            &server.url("/feeds/briefs.json"),
            "full_text = true",
        ),
    ]
}

/// Every fact of the digest: (id, text, new).
fn facts(digest: &Value) -> Vec<(String, String, bool)> {
    digest["stories"]
        .as_array()
        .expect("stories")
        .iter()
        .flat_map(|s| s["facts"].as_array().expect("facts"))
        .map(|f| {
            (
                f["id"].as_str().unwrap_or_default().to_string(),
                f["text"].as_str().unwrap_or_default().to_string(),
                f["new"].as_bool().expect("new is a bool"),
            )
        })
        .collect()
}

fn stored_ids(store: &Connection) -> Vec<String> {
    let mut statement = store
        .prepare("SELECT uid FROM articles ORDER BY uid")
        .expect("query");
    statement
        .query_map([], |row| row.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("ids")
}

fn count(store: &Connection, sql: &str) -> i64 {
    store.query_row(sql, [], |row| row.get(0)).expect("count")
}

fn integrity(store: &Connection) -> String {
    store
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .expect("integrity check")
}

#[test]
fn fetch_and_build_on_two_days_store_each_article_once_and_mark_what_was_reported() {
    let server = FeedServer::start();
    let setup = Setup::good(&server);

    // Day 1.
    assert_success(&setup.run("fetch", &[]));
    assert_success(&setup.run("build", &["--date", DAY_1]));
    let store = setup.store();
    assert_eq!(
        stored_ids(&store),
        vec!["briefs-1", "urn:wire:1", "world-1", "world-2"],
        "the syndicated copy of world-1 (another guid, same title and text) is stored once"
    );
    let eu_aid: String = store
        .query_row(
            "SELECT text FROM articles WHERE uid = 'briefs-1'",
            [],
            |row| row.get(0),
        )
        .expect("briefs-1");
    assert!(
        eu_aid.contains("90 billion euros") && !eu_aid.contains("tracker()"),
        "full_text reads the linked page's article: {eu_aid}"
    );
    let etag: Option<String> = store
        .query_row(
            "SELECT etag FROM feeds WHERE name = 'Wire Service'",
            [],
            |row| row.get(0),
        )
        .expect("wire feed");
    assert!(etag.is_some(), "the ETag is kept for the next fetch");
    let day_one = setup.digest(DAY_1);
    assert_eq!(day_one["schema"], "newsdigest/1");
    assert!(
        facts(&day_one).iter().all(|(_, _, new)| *new),
        "nothing was reported before day 1"
    );
    let talks_id = facts(&day_one)
        .into_iter()
        .find(|(_, text, _)| text == TALKS_FACT)
        .map(|(id, _, _)| id)
        .expect("day 1 states the talks fact");

    // The same day again: nothing changed, nothing is stored twice.
    assert_success(&setup.run("fetch", &[]));
    assert_eq!(count(&store, "SELECT COUNT(*) FROM articles"), 4);
    assert_eq!(
        server.hits("/feeds/wire.atom").last().map(|h| h.status),
        Some(304)
    );

    // Day 2.
    server.set_day(2);
    assert_success(&setup.run("fetch", &[]));
    assert_success(&setup.run("build", &["--date", DAY_2]));
    assert_eq!(
        stored_ids(&store),
        vec![
            "briefs-1",
            "briefs-2",
            "urn:wire:1",
            "world-1",
            "world-2",
            "world-3"
        ]
    );
    let wire = server.hits("/feeds/wire.atom");
    assert_eq!(wire.last().map(|h| h.status), Some(304), "{wire:?}");
    assert!(wire.last().and_then(|h| h.if_none_match.as_ref()).is_some());
    assert_eq!(
        server.hits("/page/eu-aid.html").len(),
        1,
        "a stored item's page is not fetched again"
    );
    let day_two = setup.digest(DAY_2);
    let day_two_facts = facts(&day_two);
    let talks = day_two_facts
        .iter()
        .find(|(_, text, _)| text == TALKS_FACT)
        .expect("day 2 repeats the talks fact");
    assert_eq!(talks.0, talks_id, "the same fact keeps its id");
    assert!(!talks.2, "reported on day 1: \"new\": false");
    let new_round = day_two_facts
        .iter()
        .find(|(_, text, _)| text == NEW_ROUND_FACT)
        .expect("day 2 adds the new round");
    assert!(new_round.2, "not reported before: \"new\": true");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM digests"), 2);
    assert_eq!(integrity(&store), "ok");
}

#[test]
fn run_twice_is_quiet_and_the_second_briefing_folds_what_was_reported() {
    let server = FeedServer::start();
    let setup = Setup::good(&server);
    let day_one = setup.run("run", &["--quiet", "--date", DAY_1]);
    assert_success(&day_one);
    assert!(
        day_one.stdout.is_empty() && day_one.stderr.is_empty(),
        "a quiet run that worked prints nothing: {}",
        stderr(&day_one)
    );
    server.set_day(2);
    let day_two = setup.run("run", &["--quiet", "--date", DAY_2]);
    assert_success(&day_two);
    assert!(day_two.stdout.is_empty() && day_two.stderr.is_empty());

    let talks_reported_on_day_one = facts(&setup.digest(DAY_2))
        .into_iter()
        .any(|(_, text, new)| text == TALKS_FACT && !new);
    assert!(talks_reported_on_day_one);
    let markdown = fs::read_to_string(setup.out(&format!("{DAY_2}.md"))).expect("markdown");
    assert!(markdown.contains("*Developing story*"), "{markdown}");
    assert!(
        markdown.contains("*Already reported: 1 fact, first on 2025-12-08.*"),
        "{markdown}"
    );
    let key_facts = markdown
        .split("*Already reported")
        .next()
        .unwrap_or_default();
    assert!(
        !key_facts.contains("Three days of negotiations"),
        "a reported fact is folded away, not listed again: {markdown}"
    );
    let html = fs::read_to_string(setup.out(&format!("{DAY_2}.html"))).expect("html");
    assert!(html.contains("<details class=\"reported\">"), "{html}");
    assert!(html.contains("status-developing"));
    assert_eq!(
        fs::read_to_string(setup.out("latest.md")).ok(),
        Some(markdown),
        "latest.md is the newest briefing"
    );
    assert_eq!(
        fs::read_to_string(setup.out("latest.html")).ok(),
        Some(html)
    );
    let store = setup.store();
    assert_eq!(count(&store, "SELECT COUNT(*) FROM articles"), 6);
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM articles WHERE uid = 'world-1'"
        ),
        1
    );
}

#[test]
fn broken_slow_and_missing_feeds_are_reported_and_the_others_land() {
    let server = FeedServer::start();
    let closed_port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("address").port()
    };
    let feeds = vec![
        feed("World Desk", &server.url("/feeds/world.xml"), ""),
        feed("Failing", &server.url("/status/500"), ""),
        feed("Slow", &server.url("/hang"), "timeout = \"1s\""),
        feed("Garbled", &server.url("/malformed.xml"), ""),
        feed("Gone", &server.url("/feeds/gone.xml"), ""),
        feed(
            "Nobody Home",
            &format!("http://127.0.0.1:{closed_port}/rss.xml"),
            "",
        ),
    ];
    let setup = Setup::new(&feeds, "timeout = \"5s\"\nretries = 1\nparallel = 6");
    let started = Instant::now();
    let output = setup.run("fetch", &[]);
    let took = started.elapsed();
    assert_success(&output);
    let errors = stderr(&output);
    for expected in [
        format!(
            "reading feed \"Failing\" at {}: server answered 500 Internal Server Error (tried 2 times)",
            server.url("/status/500")
        ),
        format!(
            "reading feed \"Slow\" at {}: timed out after 1s",
            server.url("/hang")
        ),
        format!(
            "reading feed \"Garbled\" at {}: not a readable RSS, Atom or JSON feed",
            server.url("/malformed.xml")
        ),
        format!(
            "reading feed \"Gone\" at {}: server answered 404 Not Found",
            server.url("/feeds/gone.xml")
        ),
        format!(
            "reading feed \"Nobody Home\" at http://127.0.0.1:{closed_port}/rss.xml: cannot connect"
        ),
    ] {
        assert!(
            errors.contains(&expected),
            "missing {expected:?} in:\n{errors}"
        );
    }
    assert!(
        took < Duration::from_secs(8),
        "the slow feed held things up: {took:?}"
    );
    assert_eq!(server.hits("/status/500").len(), 2, "one retry after a 5xx");
    assert_eq!(
        server.hits("/feeds/gone.xml").len(),
        1,
        "no retry after a 4xx"
    );
    assert_eq!(server.hits("/hang").len(), 1, "no retry after a timeout");
    let store = setup.store();
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM articles"),
        2,
        "the good feed landed"
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM feeds WHERE last_error IS NOT NULL"
        ),
        5
    );
    let check = setup.run("check", &[]);
    assert_success(&check);
    assert!(stderr(&check).contains("last fetch failed: reading feed \"Slow\""));
}

#[test]
fn a_quiet_day_from_the_store_writes_a_briefing_that_says_so_and_exits_0() {
    let server = FeedServer::start();
    let setup = Setup::good(&server);
    assert_success(&setup.run("fetch", &["--quiet"]));
    // Nothing was published in the day before 2025-12-20: what cron sees on a quiet
    // morning. `run` says nothing and succeeds; so does `build`.
    for command in ["run", "build"] {
        let output = setup.run(command, &["--quiet", "--date", "2025-12-20"]);
        assert_success(&output);
        assert_eq!(stderr(&output), "", "{command}");
        assert!(output.stdout.is_empty(), "{command}");
    }
    let md = fs::read_to_string(setup.out("2025-12-20.md")).expect("briefing written");
    assert!(md.contains("A quiet day: no new article arrived"), "{md}");
    assert_eq!(
        setup.digest("2025-12-20")["articles"]
            .as_array()
            .map(Vec::len),
        Some(0)
    );
    assert_eq!(
        count(
            &setup.store(),
            "SELECT COUNT(*) FROM digests WHERE date = '2025-12-20'"
        ),
        1,
        "the quiet day is recorded"
    );
    let preview = setup.run("build", &["--stdout", "--date", "2025-12-20"]);
    assert_success(&preview);
    assert!(
        String::from_utf8_lossy(&preview.stdout).starts_with("# Test briefing"),
        "standard output holds the briefing alone"
    );
    let output = setup.run("build", &["--date", "2025-12-20"]);
    assert_success(&output);
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .contains("nothing new: no stored article falls between"),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn when_every_feed_fails_run_still_writes_the_briefing_and_exits_69() {
    let server = FeedServer::start();
    let feeds = vec![feed("Failing", &server.url("/status/500"), "")];
    let setup = Setup::new(&feeds, "retries = 0");
    let output = setup.run("run", &["--quiet", "--date", DAY_1]);
    assert_eq!(output.status.code(), Some(69), "{}", stderr(&output));
    assert!(
        setup.out(&format!("{DAY_1}.md")).exists(),
        "the briefing is built first"
    );
}

#[test]
fn a_corrected_feed_url_is_the_same_feed_and_check_stops_warning() {
    let server = FeedServer::start();
    let wrong = Setup::new(
        &[feed("World Desk", &server.url("/feeds/gone.xml"), "")],
        "retries = 0",
    );
    assert_eq!(wrong.run("fetch", &["--quiet"]).status.code(), Some(69));
    let check = wrong.run("check", &[]);
    assert!(
        stderr(&check).contains("last fetch failed: reading feed \"World Desk\""),
        "{}",
        stderr(&check)
    );
    // The URL is corrected in the same folder's config and fetched.
    let fixed = Setup::new(
        &[feed("World Desk", &server.url("/feeds/world.xml"), "")],
        "retries = 0",
    );
    fs::copy(fixed.config(), wrong.config()).expect("config replaced");
    assert_success(&wrong.run("fetch", &["--quiet"]));
    let check = wrong.run("check", &[]);
    assert_success(&check);
    assert_eq!(stderr(&check), "", "no warning about the old URL");
    assert!(
        String::from_utf8_lossy(&check.stdout).contains("1 feed,"),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert_eq!(count(&wrong.store(), "SELECT COUNT(*) FROM feeds"), 1);
}

#[test]
fn when_every_feed_fails_fetch_exits_69() {
    let server = FeedServer::start();
    let feeds = vec![
        feed("Failing", &server.url("/status/500"), ""),
        feed("Gone", &server.url("/feeds/gone.xml"), ""),
    ];
    let setup = Setup::new(&feeds, "retries = 0");
    let output = setup.run("fetch", &["--quiet"]);
    assert_eq!(output.status.code(), Some(69), "{}", stderr(&output));
    assert!(stderr(&output).contains("not one of the 2 feeds could be fetched"));
}

#[test]
fn two_runs_started_together_both_exit_cleanly_and_write_one_briefing() {
    let server = FeedServer::start();
    let setup = Setup::good(&server);
    let binary = assert_cmd::cargo::cargo_bin("newsdigest");
    let start = || {
        std::process::Command::new(&binary)
            .env("TZ", "UTC")
            .args([
                "run", "--quiet", "--wait", "20s", "--date", DAY_1, "--config",
            ])
            .arg(setup.config())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("starts")
    };
    let runs = [start(), start()];
    let outputs: Vec<Output> = runs
        .into_iter()
        .map(|run| run.wait_with_output().expect("finishes"))
        .collect();
    for output in &outputs {
        match output.status.code() {
            Some(0) => assert!(output.stderr.is_empty(), "{}", stderr(output)),
            Some(75) => {
                assert!(stderr(output).contains("another newsdigest is working on this store"))
            }
            other => panic!("exit {other:?}: {}", stderr(output)),
        }
    }
    assert!(outputs.iter().any(|o| o.status.success()));
    let mut written: Vec<String> = fs::read_dir(setup.dir.path().join("out"))
        .expect("out folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    written.sort();
    assert_eq!(
        written,
        vec![
            "2025-12-08.html",
            "2025-12-08.json",
            "2025-12-08.md",
            "feed.xml",
            "index.html",
            "latest.html",
            "latest.json",
            "latest.md"
        ],
        "one briefing, no temporary files left"
    );
    let store = setup.store();
    assert_eq!(integrity(&store), "ok");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM articles"), 4);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM digests"), 1);
}

#[test]
fn a_run_that_cannot_get_the_lock_exits_75_and_touches_nothing() {
    let server = FeedServer::start();
    let setup = Setup::good(&server);
    let lock_file = fs::File::create(setup.dir.path().join("news.db.lock")).expect("lock file");
    lock_file.try_lock().expect("the test holds the lock");
    let started = Instant::now();
    let output = setup.run("run", &["--quiet", "--wait", "1s", "--date", DAY_1]);
    assert_eq!(output.status.code(), Some(75), "{}", stderr(&output));
    assert!(started.elapsed() >= Duration::from_secs(1), "it waited");
    assert!(
        stderr(&output).contains("another newsdigest is working on this store")
            && stderr(&output).contains("try again later"),
        "{}",
        stderr(&output)
    );
    assert!(!setup.dir.path().join("news.db").exists());
    assert!(!setup.dir.path().join("out").exists());
    assert!(server.hits("/feeds/world.xml").is_empty());
}

#[test]
fn config_mistakes_exit_78_naming_file_line_and_key() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let config = dir.path().join("newsdigest.toml");
    fs::write(
        &config,
        "[digest]\ntitle = \"Briefing\"\ntitel = \"typo\"\n\n[[feeds]]\nname = \"A\"\nurl = \"https://a.example/rss.xml\"\n",
    )
    .expect("written");
    newsdigest()
        .args(["check", "--config"])
        .arg(&config)
        .assert()
        .code(78)
        .stderr(predicate::str::contains(format!(
            "{}:3: [digest] titel: unknown field `titel`",
            config.display()
        )));
    fs::write(
        &config,
        "[[feeds]]\nname = \"A\"\nurl = \"https://a.example/rss.xml\"\n\n[[feeds]]\nname = \"B\"\nurl = \"gopher://b.example/\"\n",
    )
    .expect("written");
    newsdigest()
        .args(["run", "--config"])
        .arg(&config)
        .assert()
        .code(78)
        .stderr(predicate::str::contains(
            ":7: [[feeds]] #2 url: invalid feed URL",
        ));
    newsdigest()
        .args(["fetch", "--config"])
        .arg(dir.path().join("missing.toml"))
        .assert()
        .code(78)
        .stderr(predicate::str::contains("reading config"));
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).expect("folder");
    newsdigest()
        .current_dir(&elsewhere)
        .env("XDG_CONFIG_HOME", dir.path().join("xdg"))
        .env("HOME", &elsewhere)
        .args(["build", "--date", DAY_1])
        .assert()
        .code(78)
        .stderr(
            predicate::str::contains("no config file found")
                .and(predicate::str::contains("newsdigest init")),
        );
}

#[test]
fn init_writes_a_valid_example_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("temporary folder");
    newsdigest()
        .current_dir(dir.path())
        .args(["init"])
        .assert()
        .success();
    let path = dir.path().join("newsdigest.toml");
    let written = fs::read_to_string(&path).expect("example written");
    newsdigest()
        .current_dir(dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("xdg"))
        .args(["check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("newsdigest.toml: ok"));
    newsdigest()
        .current_dir(dir.path())
        .args(["init"])
        .assert()
        .code(73)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(fs::read_to_string(&path).ok(), Some(written));
}

#[test]
fn a_store_that_is_not_sqlite_is_reported_and_left_untouched() {
    let server = FeedServer::start();
    let setup = Setup::good(&server);
    let path = setup.dir.path().join("news.db");
    let content = "my notes, not a database\n".repeat(100);
    fs::write(&path, &content).expect("written");
    let output = setup.run("run", &["--quiet", "--date", DAY_1]);
    assert_eq!(output.status.code(), Some(74), "{}", stderr(&output));
    assert!(stderr(&output).contains("not a SQLite database; it was left untouched"));
    assert_eq!(fs::read_to_string(&path).ok(), Some(content));
    let check = setup.run("check", &[]);
    assert_eq!(check.status.code(), Some(74));
}

#[test]
fn a_store_written_at_schema_version_1_is_upgraded_and_keeps_its_history() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let store_path = dir.path().join("old.db");
    Connection::open(&store_path)
        .expect("store")
        .execute_batch(
            &fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v1.sql"),
            )
            .expect("fixture"),
        )
        .expect("version 1 store created");
    let config = dir.path().join("newsdigest.toml");
    fs::write(&config, "[digest]\nstore = \"old.db\"\nout = \"out\"\n").expect("written");
    newsdigest()
        .args(["check", "--config"])
        .arg(&config)
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "schema version 1 (the next fetch or build upgrades it to {})",
            newsdigest::store::migrations::latest_version()
        )));
    newsdigest()
        .args(["build", "--quiet", "--date", DAY_2, "--config"])
        .arg(&config)
        .assert()
        .success();
    let store = Connection::open(&store_path).expect("store");
    assert_eq!(
        count(&store, "PRAGMA user_version"),
        i64::from(newsdigest::store::migrations::latest_version())
    );
    assert_eq!(count(&store, "SELECT COUNT(*) FROM articles"), 3);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM digests"), 2);
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM feeds WHERE last_error IS NULL"
        ),
        2,
        "the new columns exist"
    );
    let digest: Value = serde_json::from_str(
        &fs::read_to_string(dir.path().join("out").join(format!("{DAY_2}.json"))).expect("digest"),
    )
    .expect("JSON");
    let day_two = facts(&digest);
    // The version 1 store recorded the fact as f-7be0ee43, its 32-bit id; upgraded, the
    // store knows it by its 64-bit id, so it is still folded away as reported.
    assert_eq!(newsdigest::ids::legacy_fact_id(TALKS_FACT), "f-7be0ee43");
    let widened = newsdigest::ids::fact_id(TALKS_FACT);
    assert!(
        day_two
            .iter()
            .any(|(id, text, new)| *id == widened && text == TALKS_FACT && !new),
        "{day_two:?}"
    );
    assert!(
        day_two
            .iter()
            .any(|(_, text, new)| text == NEW_ROUND_FACT && *new)
    );
}

#[test]
fn build_reads_local_rss_atom_and_json_feed_files() {
    let day_one = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds/day1");
    let output = newsdigest()
        .args(["build", "--stdout", "--format", "json", "--date", DAY_1])
        .arg(&day_one)
        .output()
        .expect("runs");
    assert_success(&output);
    let digest: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let sources: HashSet<&str> = digest["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a["source"].as_str())
        .collect();
    assert_eq!(
        sources,
        HashSet::from(["World Desk", "Wire Service", "Briefs"])
    );
}

#[test]
fn an_oversized_response_is_refused() {
    use newsdigest::fetch::{CacheHeaders, Feed, FeedRequest, FetchError, FetchOptions, Reason};
    let server = FeedServer::start();
    let request = FeedRequest {
        feed: Feed {
            name: "World Desk".into(),
            url: server.url("/feeds/world.xml"),
            full_text: false,
            timeout: Duration::from_secs(5),
        },
        cache: CacheHeaders::default(),
        known_ids: HashSet::new(),
    };
    let options = FetchOptions {
        max_body_bytes: 512,
        ..FetchOptions::default()
    };
    let mut outcomes = Vec::new();
    newsdigest::fetch::fetch_all(&[request], &options, |outcome| outcomes.push(outcome));
    match &outcomes[0].result {
        Err(FetchError::Feed { reason, .. }) => assert_eq!(*reason, Reason::TooLarge(512)),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_damaged_store_is_reported_by_check_and_run_and_left_as_it_was() {
    let server = FeedServer::start();
    let setup = Setup::good(&server);
    assert_success(&setup.run("fetch", &["--quiet"]));
    let path = setup.dir.path().join("news.db");
    let mut bytes = fs::read(&path).expect("store");
    let page = 4096;
    assert!(bytes.len() > 2 * page, "the store has more than one page");
    // Page 1 (the header and the schema) stays; every other page becomes noise.
    for (i, byte) in bytes.iter_mut().enumerate().skip(page) {
        *byte = (i % 251) as u8;
    }
    fs::write(&path, &bytes).expect("damaged");
    let check = setup.run("check", &[]);
    assert_eq!(check.status.code(), Some(74), "{}", stderr(&check));
    assert!(stderr(&check).contains("damaged"), "{}", stderr(&check));
    let run = setup.run("run", &["--quiet", "--date", DAY_1]);
    assert_eq!(run.status.code(), Some(74), "{}", stderr(&run));
    assert_eq!(
        fs::read(&path).ok(),
        Some(bytes),
        "the file was not written to"
    );
}
