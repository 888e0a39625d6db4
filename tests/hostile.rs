//! Hostile feeds and faults, round two (issue 18): one test per hole found, each named
//! for it, driving the real binary with real files, a real HTTP server on 127.0.0.1
//! ([`server`]), real symbolic links and FIFOs, real signals (strace injects a SIGKILL
//! at a chosen rename) and real resource limits.
//!
//! The attack each test replays is in its first lines; what must hold is asserted
//! after. Time bounds are generous (the debug binary on a shared two-core machine):
//! they separate "bounded" from "quadratic", not fast from slow.

mod common;
mod server;

use std::fs;
use std::os::unix::fs::symlink;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;
use common::{newsdigest, stderr};
use rusqlite::Connection;
use serde_json::Value;
use server::FeedServer;

const DATE: &str = "2025-12-08";

/// Asserts `stderr` holds a line `newsdigest: ...` naming `what` with `reason`.
fn assert_reported(stderr: &str, what: &str, reason: &str) {
    let found = stderr
        .lines()
        .any(|l| l.starts_with("newsdigest: ") && l.contains(what) && l.contains(reason));
    assert!(found, "no line naming {what} with {reason:?} in:\n{stderr}");
}

fn build(inputs: &[&Path], out: &Path, extra: &[&str]) -> Output {
    newsdigest()
        .args(["build", "--quiet", "--date", DATE, "--out"])
        .arg(out)
        .args(extra)
        .args(inputs)
        .output()
        .expect("runs")
}

fn digest(out: &Path) -> Value {
    let text = fs::read_to_string(out.join(format!("{DATE}.json"))).expect("digest written");
    serde_json::from_str(&text).expect("valid JSON")
}

fn article_ids(digest: &Value) -> Vec<String> {
    let mut ids: Vec<String> = digest["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a["id"].as_str().map(str::to_string))
        .collect();
    ids.sort();
    ids
}

fn good_article(dir: &Path) {
    fs::write(
        dir.join("good.txt"),
        "Talks End Without Deal\n\nThree days of talks in Geneva ended on Saturday without a deal, officials said.",
    )
    .expect("written");
}

/// The largest peak memory (RSS) any child of this test process has reached.
fn children_peak_rss_bytes() -> u64 {
    // SAFETY: getrusage only writes into the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024
}

const MEMORY_BOUND: u64 = 512 * 1024 * 1024;

/// A folder with a config naming `feeds` (TOML bodies) and `fetch` settings.
fn feed_setup(feeds: &[String], fetch: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut config = format!(
        "[digest]\nout = \"out\"\nstore = \"news.db\"\nsince = \"7d\"\n\n[fetch]\nretries = 0\ntimeout = \"30s\"\n{fetch}\n"
    );
    for feed in feeds {
        config.push_str(&format!("\n[[feeds]]\n{feed}\n"));
    }
    fs::write(dir.path().join("newsdigest.toml"), config).expect("config written");
    dir
}

fn feed(name: &str, url: &str, extra: &str) -> String {
    format!("name = \"{name}\"\nurl = \"{url}\"\n{extra}")
}

fn run(dir: &Path, command: &str, args: &[&str]) -> Output {
    newsdigest()
        .arg(command)
        .arg("--config")
        .arg(dir.join("newsdigest.toml"))
        .args(args)
        .output()
        .expect("runs")
}

/// Every article's text in the store, joined.
fn stored_text(dir: &Path) -> String {
    let store = Connection::open(dir.join("news.db")).expect("store opens");
    let mut statement = store
        .prepare("SELECT COALESCE(title, '') || ' ' || text FROM articles")
        .expect("query");
    let texts: Vec<String> = statement
        .query_map([], |row| row.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("texts");
    texts.join("\n")
}

fn rss(title: &str, items: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title>{items}</channel></rss>"
    )
}

// 1. Internal fetches (SSRF).

#[test]
fn ssrf_item_links_and_redirects_never_reach_internal_addresses() {
    let server = FeedServer::start();
    let port = server.port();
    // An outlet's item links to a name that resolves to 127.0.0.1, and to the cloud
    // metadata service; another feed URL answers with a redirect to this machine.
    let items = format!(
        "<item><title>Local</title><guid>a</guid><link>http://localhost:{port}/secret/page.html</link><description>Feed text of the local item.</description></item>\
         <item><title>Metadata</title><guid>b</guid><link>http://169.254.169.254/latest/meta-data/iam/</link><description>Feed text of the metadata item.</description></item>"
    );
    server.serve(
        "/feeds/hostile.xml",
        "application/rss+xml",
        rss("Hostile", &items),
    );
    server.serve(
        "/secret/page.html",
        "text/html",
        "<html><head><title>Internal</title></head><body><p>SECRET-METADATA token=hunter2, the internal page said.</p></body></html>",
    );
    let secret_feed = rss(
        "Internal",
        "<item><title>SECRET-FEED</title><guid>s</guid><description>SECRET-FEED internal text.</description></item>",
    );
    server.serve("/secret/feed.xml", "application/rss+xml", secret_feed);
    let feeds = [
        feed(
            "Hostile",
            &server.url("/feeds/hostile.xml"),
            "full_text = true",
        ),
        feed(
            "Redirected",
            &server.url(&format!(
                "/redirect?to=http://localhost:{port}/secret/feed.xml"
            )),
            "",
        ),
    ];
    let dir = feed_setup(&feeds, "");
    let output = run(dir.path(), "fetch", &["--quiet"]);
    let message = stderr(&output);
    // The feed URL written in the config (on 127.0.0.1) was read; the rest refused.
    assert_eq!(output.status.code(), Some(0), "{message}");
    assert_reported(
        &message,
        &format!("http://localhost:{port}/secret/page.html"),
        "refused: localhost resolves to 127.0.0.1, a loopback address",
    );
    assert_reported(
        &message,
        "http://169.254.169.254/latest/meta-data/iam/",
        "refused: 169.254.169.254 is a link-local address",
    );
    assert_reported(&message, "\"Redirected\"", "refused: localhost resolves to");
    assert!(
        server.hits("/secret/page.html").is_empty(),
        "the page was asked for"
    );
    assert!(
        server.hits("/secret/feed.xml").is_empty(),
        "the redirect was followed"
    );
    let stored = stored_text(dir.path());
    assert!(!stored.contains("SECRET"), "{stored}");
    assert!(
        stored.contains("Feed text of the local item."),
        "items keep the feed's text"
    );

    // Allowed by name in the config, the same page and redirect are read: it is the
    // guard, not the server, that kept them out above.
    let allowed = feed_setup(&feeds, "allow_private = [\"localhost\"]");
    let output = run(allowed.path(), "fetch", &["--quiet"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(server.hits("/secret/page.html").len(), 1);
    assert_eq!(server.hits("/secret/feed.xml").len(), 1);
    let stored = stored_text(allowed.path());
    assert!(
        stored.contains("SECRET-METADATA") && stored.contains("SECRET-FEED"),
        "{stored}"
    );
    // An allowed name does not open the metadata address.
    assert_reported(&stderr(&output), "169.254.169.254", "link-local");
}

// 2. Files outside the input folder.

#[test]
fn symlinks_out_of_the_input_folder_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("private.txt"),
        "Private Notes Here\n\nPRIVATE-LINE from outside the inputs, not for the briefing.",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).unwrap();
    good_article(&inputs);
    symlink("/etc/passwd", inputs.join("passwd.txt")).unwrap();
    symlink("/dev/zero", inputs.join("zero.txt")).unwrap();
    symlink(
        outside.path().join("private.txt"),
        inputs.join("private.txt"),
    )
    .unwrap();
    symlink(outside.path(), inputs.join("elsewhere")).unwrap();
    let out = dir.path().join("out");
    let started = Instant::now();
    let output = build(&[&inputs], &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    let message = stderr(&output);
    for link in ["passwd.txt", "zero.txt", "private.txt", "elsewhere"] {
        assert_reported(&message, link, "skipped: a link to");
    }
    assert_reported(&message, "zero.txt", "outside the folder");
    assert_eq!(article_ids(&digest(&out)), ["good"]);
    let markdown = fs::read_to_string(out.join(format!("{DATE}.md"))).unwrap();
    assert!(!markdown.contains("root:") && !markdown.contains("PRIVATE-LINE"));
    assert!(children_peak_rss_bytes() < MEMORY_BOUND);

    // A link given on the command line is the user's word, and is read.
    let named = dir.path().join("named.txt");
    symlink(outside.path().join("private.txt"), &named).unwrap();
    let out = dir.path().join("named-out");
    let output = build(&[&named], &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(article_ids(&digest(&out)), ["named"]);
    // Not a device, though, whichever way it is named.
    let device = dir.path().join("device.txt");
    symlink("/dev/zero", &device).unwrap();
    let output = build(&[&device], &dir.path().join("device-out"), &[]);
    assert_eq!(output.status.code(), Some(65), "{}", stderr(&output));
    assert_reported(
        &stderr(&output),
        "device.txt",
        "a character device, not a regular file",
    );
}

// 3. Control characters.

#[test]
fn control_characters_and_bidi_overrides_never_reach_the_briefing() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).unwrap();
    // OSC 52 (writes a terminal's clipboard), BEL, NUL, a C1 CSI, a screen clear, and a
    // right-to-left override in the source name.
    let article = serde_json::json!({
        "id": "ctl",
        "title": "Talks \u{1b}]52;c;cm0gLXJmIH4=\u{7} resume\u{0} in Geneva\u{9b}2J",
        "text": "Three days of talks\u{1b}[2J in Geneva ended on Saturday without a deal, officials said.\u{7f}",
        "source": "Wire \u{202e}lanruoJ\u{202c} Service\u{85}",
        "url": "https://wire.example/ctl",
    });
    fs::write(inputs.join("ctl.json"), article.to_string()).unwrap();
    let out = dir.path().join("out");
    let output = build(&[&inputs], &out, &["--title", "Brief \u{1}\u{1b}[31m"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let stray = |c: char| {
        (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    for name in [
        format!("{DATE}.md"),
        format!("{DATE}.html"),
        format!("{DATE}.json"),
        "index.html".to_string(),
        "feed.xml".to_string(),
    ] {
        let text = fs::read_to_string(out.join(&name)).unwrap();
        assert!(!text.chars().any(stray), "{name} holds a control character");
    }
    // What JSON escapes would hide: the decoded strings are clean too.
    let json = digest(&out);
    let shown = &json["articles"][0];
    assert_eq!(
        shown["title"],
        "Talks ]52;c;cm0gLXJmIH4= resume in Geneva2J"
    );
    assert_eq!(shown["source"], "Wire lanruoJ Service");
    let feed = fs::read_to_string(out.join("feed.xml")).unwrap();
    let document = roxmltree::Document::parse(&feed).expect("feed.xml is well-formed XML");
    let title = document
        .root_element()
        .children()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap_or_default();
    assert_eq!(title, "Brief [31m");
    let printed = newsdigest()
        .args(["build", "--stdout", "--date", DATE])
        .arg(&inputs)
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&printed.stdout).chars().any(stray));
}

// 4. One outlet's article overwritten by another's.

#[test]
fn two_feeds_sharing_a_guid_keep_both_articles_and_an_old_store_is_upgraded() {
    let server = FeedServer::start();
    let item = |text: &str| {
        format!(
            "<item><title>{text}</title><guid>1</guid><pubDate>Mon, 08 Dec 2025 06:00:00 GMT</pubDate><description>{text} was reported on Monday, officials said.</description></item>"
        )
    };
    server.serve(
        "/a.xml",
        "application/rss+xml",
        rss("A", &item("Outlet A's harbour story")),
    );
    server.serve(
        "/b.xml",
        "application/rss+xml",
        rss("B", &item("Outlet B's budget story")),
    );
    let feeds = [
        feed("Outlet A", &server.url("/a.xml"), ""),
        feed("Outlet B", &server.url("/b.xml"), ""),
    ];
    let dir = feed_setup(&feeds, "");
    // A store as a version 2 newsdigest left it, with one article in it.
    let store = dir.path().join("news.db");
    let old = Connection::open(&store).unwrap();
    for step in &newsdigest::store::migrations::MIGRATIONS[..2] {
        step.apply(&old).unwrap();
    }
    old.execute_batch(
        "PRAGMA application_id = 1852076916; PRAGMA user_version = 2;
         INSERT INTO feeds (url, name) VALUES ('https://old.example/feed', 'Old Outlet');
         INSERT INTO articles (uid, content_hash, feed_id, source, title, text, url, published, first_seen)
         VALUES ('1', 'h-old', 1, 'Old Outlet', 'An older story', 'Kept across the upgrade.', NULL,
                 '2025-12-01T06:00:00Z', '2025-12-01T06:00:00Z');",
    )
    .unwrap();
    drop(old);
    let output = run(dir.path(), "fetch", &["--quiet"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let store = Connection::open(&store).unwrap();
    let version: i64 = store
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        version,
        i64::from(newsdigest::store::migrations::latest_version())
    );
    let rows: Vec<(String, String)> = store
        // The feeds are fetched at once and stored as each arrives: in source order.
        .prepare("SELECT uid, source FROM articles ORDER BY source")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        rows,
        [
            ("1".into(), "Old Outlet".into()),
            ("1".into(), "Outlet A".into()),
            ("1".into(), "Outlet B".into())
        ]
    );
    let output = run(dir.path(), "build", &["--quiet", "--date", DATE]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json = digest(&dir.path().join("out"));
    let by_source: Vec<(String, String)> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["source"].as_str().unwrap().to_string(),
                a["title"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(by_source.contains(&("Outlet A".into(), "Outlet A's harbour story".into())));
    assert!(by_source.contains(&("Outlet B".into(), "Outlet B's budget story".into())));
    assert_eq!(article_ids(&json), ["1", "1-2"]);
}

// 5. A JSON array with one bad item.

#[test]
fn a_bad_item_in_a_json_array_is_reported_alone() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).unwrap();
    let mut items: Vec<String> = (0..5)
        .map(|i| format!("{{\"id\": {i}, \"title\": \"Report {i}\", \"text\": \"Report {i} says the talks in Geneva went on.\"}}"))
        .collect();
    items.push("{\"id\": 5, \"title\": {\"bad\": 1}}".to_string());
    items.push("{\"id\": 6, \"title\": \"Undated\", \"text\": \"It has a date nobody can read.\", \"published\": \"next Tuesday-ish\"}".to_string());
    fs::write(
        inputs.join("batch.json"),
        format!("[\n{}\n]\n", items.join(",\n")),
    )
    .unwrap();
    let out = dir.path().join("out");
    let output = build(&[&inputs], &out, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let message = stderr(&output);
    assert_reported(
        &message,
        "batch.json:7:",
        "item 6: not an article: invalid type: map",
    );
    assert_reported(
        &message,
        "batch.json:8:",
        "article \"6\": cannot read published date \"next Tuesday-ish\"; kept without a date",
    );
    assert_eq!(article_ids(&digest(&out)), ["0", "1", "2", "3", "4", "6"]);
}

// 6. Large numeric ids.

#[test]
fn large_numeric_ids_keep_their_digits_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).unwrap();
    fs::write(
        inputs.join("big.jsonl"),
        "{\"id\": 123456789012345678901234567890, \"title\": \"Big id\", \"text\": \"One report.\"}\n\
         {\"id\": 9007199254740993, \"title\": \"Past f64\", \"text\": \"Another report.\"}\n",
    )
    .unwrap();
    fs::write(
        inputs.join("one.json"),
        "{\"id\": 1.50, \"title\": \"Decimal id\", \"text\": \"A third report.\"}",
    )
    .unwrap();
    let out = dir.path().join("out");
    let output = build(&[&inputs], &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        article_ids(&digest(&out)),
        ["1.50", "123456789012345678901234567890", "9007199254740993"]
    );
}

// 7. Undated items fetched in the same second as the run.

#[test]
fn undated_items_fetched_in_the_same_second_are_included() {
    let server = FeedServer::start();
    server.serve(
        "/undated.xml",
        "application/rss+xml",
        rss(
            "Undated",
            "<item><title>Undated report</title><guid>u1</guid><description>No date was given for this report on the talks.</description></item>",
        ),
    );
    let dir = feed_setup(&[feed("Undated", &server.url("/undated.xml"), "")], "");
    let output = run(dir.path(), "fetch", &["--quiet"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let first_seen: String = Connection::open(dir.path().join("news.db"))
        .unwrap()
        .query_row("SELECT first_seen FROM articles", [], |r| r.get(0))
        .unwrap();
    // A window ending half a second into the second the item was first seen in, as
    // `run`'s window ends a moment after its fetch.
    let seen = chrono::DateTime::parse_from_rfc3339(&first_seen).unwrap();
    let to = (seen + chrono::Duration::milliseconds(500)).to_rfc3339();
    let from = (seen - chrono::Duration::hours(24)).to_rfc3339();
    let output = run(
        dir.path(),
        "build",
        &["--stdout", "--format", "json", "--from", &from, "--to", &to],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["articles"].as_array().map(Vec::len), Some(1));
    // And `run` itself, fetch and build in one second, includes it.
    let output = run(dir.path(), "run", &["--quiet"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

// 8. YAML alias expansion.

#[test]
fn yaml_alias_bombs_in_front_matter_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).unwrap();
    good_article(&inputs);
    let mut matter = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        let aliases = vec![format!("*{previous}"); 9].join(",");
        matter.push_str(&format!("{name}: &{name} [{aliases}]\n"));
    }
    let bomb = format!("---\n{matter}title: Laughs\n---\nBody.\n");
    assert!(bomb.len() < 400, "{} bytes", bomb.len());
    fs::write(inputs.join("bomb.md"), &bomb).unwrap();
    let out = dir.path().join("out");
    let started = Instant::now();
    let output = build(&[&inputs], &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    assert_reported(
        &stderr(&output),
        "bomb.md",
        "YAML aliases expand it past 1 MiB",
    );
    assert_eq!(article_ids(&digest(&out)), ["good"]);
    assert!(children_peak_rss_bytes() < MEMORY_BOUND);
}

// 9. Quadratic HTML.

/// Pages that took the parser, the serializer or the scan of the tags quadratic time.
fn quadratic_pages() -> Vec<(&'static str, String, &'static str)> {
    let attributes: String = (0..200_000).map(|i| format!(" a{i}=1")).collect();
    vec![
        (
            "attributes.html",
            format!(
                "<html><head><title>Attributes</title></head><body><div{attributes}>x</div></body></html>"
            ),
            "elements with too many attributes (200000 on one element",
        ),
        (
            "ampersands.html",
            format!(
                "<html><head><title>Ampersands</title></head><body><p>{}</p></body></html>",
                "& ".repeat(400_000)
            ),
            "too many characters to escape",
        ),
        (
            "comment.html",
            format!(
                "<html><head><title>Hidden</title></head><body><!-->{}x{}</body></html>",
                "<div>".repeat(80_000),
                "</div>".repeat(80_000)
            ),
            "elements nested more than 256 deep (max_html_depth)",
        ),
    ]
}

#[test]
fn quadratic_html_is_refused_or_read_in_bounded_time_in_pages_and_feed_items() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).unwrap();
    good_article(&inputs);
    let mut items = String::new();
    for (name, page, expected) in quadratic_pages() {
        // Alone, each one: refused or read for its paragraphs, and quickly.
        let file = inputs.join(name);
        fs::write(&file, &page).unwrap();
        let started = Instant::now();
        let output = build(&[&file], &dir.path().join(name), &[]);
        let took = started.elapsed();
        // On a loaded machine the page's parse budget can run out before the check
        // that names the shape: either way the page costs bounded time.
        let reasons = stderr(&output);
        if !reasons.contains("its time budget ran out") {
            assert_reported(&reasons, name, expected);
        }
        // 81 s, 11.8 s and 20 s before, in a release build.
        assert!(took < Duration::from_secs(10), "{name} took {took:?}");
        let escaped = page
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        items.push_str(&format!(
            "<item><title>{name}</title><guid>{name}</guid><description>{escaped}</description></item>"
        ));
    }
    // The same shapes as items of a feed: each item keeps its title.
    fs::write(inputs.join("items.xml"), rss("Items", &items)).unwrap();
    let out = dir.path().join("out");
    let started = Instant::now();
    let output = build(&[&inputs], &out, &[]);
    let took = started.elapsed();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(took < Duration::from_secs(20), "took {took:?}");
    let ids = article_ids(&digest(&out));
    for (name, ..) in quadratic_pages() {
        assert!(ids.iter().any(|id| id == name), "{name} item kept: {ids:?}");
    }
    assert!(children_peak_rss_bytes() < MEMORY_BOUND);
}

// 10. The fetch timeout covers parsing.

#[test]
fn a_feeds_timeout_covers_reading_its_items() {
    let server = FeedServer::start();
    // 100,000 items: served in a moment, read in a second or more.
    let feeds = [
        feed(
            "Firehose",
            &server.url("/many-items.xml"),
            "timeout = \"250ms\"",
        ),
        feed("World Desk", &server.url("/feeds/world.xml"), ""),
    ];
    let dir = feed_setup(&feeds, "");
    let started = Instant::now();
    let output = run(dir.path(), "fetch", &["--quiet"]);
    let took = started.elapsed();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        server
            .hits("/many-items.xml")
            .iter()
            .map(|h| h.status)
            .collect::<Vec<_>>(),
        [200],
        "the server answered in full"
    );
    assert_reported(&stderr(&output), "\"Firehose\"", "timed out after 250ms");
    // Reading the items alone takes the debug build 3-4 s here and the release build
    // over a second (a limit of 1s was missed by `cargo test --release`); with a
    // quarter of a second, the limit falls while they are read in either, and the run
    // ends soon after it.
    assert!(took < Duration::from_secs(3), "took {took:?}");
    let store = Connection::open(dir.path().join("news.db")).unwrap();
    let firehose: i64 = store
        .query_row(
            "SELECT COUNT(*) FROM articles WHERE source = 'Firehose'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(firehose, 0);
}

// 11. FIFOs and symbolic link loops in an input folder.

/// Runs `command`, killing it if it has not ended within `limit`.
fn output_within(command: &mut StdCommand, limit: Duration) -> Output {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let started = Instant::now();
    while child.try_wait().expect("waits").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("still running after {limit:?}");
        }
        thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn fifos_and_symlink_loops_in_an_input_folder_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).unwrap();
    good_article(&inputs);
    let fifo = std::ffi::CString::new(inputs.join("pipe.txt").to_str().unwrap()).unwrap();
    // SAFETY: mkfifo reads a NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0, "mkfifo");
    for link in ["s1", "s2", "self"] {
        symlink(".", inputs.join(link)).unwrap();
    }
    let out = dir.path().join("out");
    let output = output_within(
        StdCommand::new(cargo_bin("newsdigest"))
            .args(["build", "--quiet", "--date", DATE, "--out"])
            .arg(&out)
            .arg(&inputs)
            .env("TZ", "UTC"),
        Duration::from_secs(60),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let message = stderr(&output);
    assert_reported(&message, "pipe.txt", "skipped: a FIFO, not a regular file");
    for link in ["s1", "s2", "self"] {
        assert_reported(&message, link, "skipped: a link to a folder already read");
    }
    assert_eq!(article_ids(&digest(&out)), ["good"], "read once");
}

// 12. A kill between the renames.

/// Whether strace can run here; in CI it must.
fn strace_available() -> bool {
    let works = StdCommand::new("strace")
        .args(["-o", "/dev/null", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !works {
        let message = "strace not found or not permitted (`apt-get install strace`)";
        if std::env::var_os("CI").is_some() {
            panic!("{message}: the kill-between-renames test cannot be skipped in CI");
        }
        use std::io::Write;
        let _ = std::io::stderr().write_all(
            format!("\n*** SKIPPING the rename-kill test: {message} ***\n\n").as_bytes(),
        );
    }
    works
}

/// The bytes of the day's three files in `out`.
fn day_files(out: &Path) -> Vec<Vec<u8>> {
    ["md", "html", "json"]
        .iter()
        .map(|ext| fs::read(out.join(format!("{DATE}.{ext}"))).unwrap_or_default())
        .collect()
}

fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn a_kill_between_the_renames_is_completed_by_the_next_build() {
    if !strace_available() {
        return;
    }
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let dir = tempfile::tempdir().unwrap();
    let old_inputs = dir.path().join("old");
    copy_folder(&samples, &old_inputs);
    let new_inputs = dir.path().join("new");
    copy_folder(&samples, &new_inputs);
    fs::write(
        new_inputs.join("extra.txt"),
        "Extra Report Arrives\n\nA new report said the talks in Geneva would resume on Monday, officials said.",
    )
    .unwrap();
    // The day's briefing as it was, and as the killed build was writing it.
    let before = dir.path().join("before");
    assert!(build(&[&old_inputs], &before, &[]).status.success());
    let reference = dir.path().join("reference");
    assert!(build(&[&new_inputs], &reference, &[]).status.success());
    let (old, new) = (day_files(&before), day_files(&reference));
    assert_ne!(old, new);
    // Renames in a build: the journal's (renameat, by tempfile), then the three
    // formats, index.html and feed.xml (rename). A kill at each one in turn.
    let mut mixed_seen = false;
    for (syscall, nth) in [
        ("renameat", 1),
        ("rename", 1),
        ("rename", 2),
        ("rename", 3),
        ("rename", 4),
        ("rename", 5),
    ] {
        let out = dir.path().join(format!("out-{syscall}-{nth}"));
        copy_folder(&before, &out);
        let killed = StdCommand::new("strace")
            .args(["-f", "-o", "/dev/null", "-e"])
            .arg(format!("inject={syscall}:signal=KILL:when={nth}"))
            .arg(cargo_bin("newsdigest"))
            .args(["build", "--quiet", "--date", DATE, "--out"])
            .arg(&out)
            .arg(&new_inputs)
            .env("TZ", "UTC")
            .output()
            .unwrap();
        let was_killed =
            killed.status.signal() == Some(libc::SIGKILL) || killed.status.code() == Some(137);
        assert!(
            was_killed,
            "{syscall} #{nth}: {:?} {}",
            killed.status,
            stderr(&killed)
        );
        // What can be seen until the next build: each file whole, old or new, and the
        // journal when any was renamed.
        let seen = day_files(&out);
        for (i, file) in seen.iter().enumerate() {
            assert!(
                *file == old[i] || *file == new[i],
                "{syscall} #{nth}: format {i} torn"
            );
        }
        let journal = out.join(".newsdigest-batch").exists();
        assert_eq!(journal, syscall == "rename", "{syscall} #{nth}: journal");
        mixed_seen |= seen != old && seen != new;
        // The next build, of another day, completes the batch first.
        let next = newsdigest()
            .args(["build", "--quiet", "--date", "2025-12-09", "--out"])
            .arg(&out)
            .arg(&old_inputs)
            .output()
            .unwrap();
        assert!(next.status.success(), "{}", stderr(&next));
        let repaired = day_files(&out);
        let expected = if syscall == "rename" { &new } else { &old };
        assert!(
            repaired == *expected,
            "{syscall} #{nth}: not one briefing after repair"
        );
        assert!(!out.join(".newsdigest-batch").exists());
        let index = fs::read_to_string(out.join("index.html")).unwrap();
        assert!(index.contains("2025-12-08.html") && index.contains("2025-12-09.html"));
        let leftovers = fs::read_dir(&out)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .count();
        assert!(
            leftovers > 0 || syscall == "rename",
            "killed runs leave temporaries"
        );
    }
    assert!(mixed_seen, "some kill fell between two formats' renames");
}

// 13. A full disk via `ulimit -f`, with SIGXFSZ as the system sets it.

#[test]
fn a_file_size_limit_fails_the_write_with_73_instead_of_killing_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).unwrap();
    good_article(&inputs);
    let long = "Another paragraph of the report with more words in it. ".repeat(400);
    fs::write(inputs.join("long.txt"), format!("Long Report\n\n{long}")).unwrap();
    let out = dir.path().join("out");
    let mut command = StdCommand::new(cargo_bin("newsdigest"));
    command
        .args(["build", "--quiet", "--date", DATE, "--out"])
        .arg(&out)
        .arg(&inputs);
    // SAFETY: only async-signal-safe calls (signal, setrlimit) between fork and exec.
    unsafe {
        command.pre_exec(|| {
            // The default action, as a shell's `ulimit -f` leaves it: the kernel kills
            // the writer with SIGXFSZ unless the program ignores it.
            libc::signal(libc::SIGXFSZ, libc::SIG_DFL);
            let limit = libc::rlimit {
                rlim_cur: 4096,
                rlim_max: 4096,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let output = command.output().unwrap();
    assert_eq!(
        output.status.signal(),
        None,
        "killed by a signal: {:?}",
        output.status
    );
    assert_eq!(output.status.code(), Some(73), "{}", stderr(&output));
    assert_reported(&stderr(&output), "cannot write", "File too large");
    let leftovers: Vec<PathBuf> = fs::read_dir(&out)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}

// 14. Another program's SQLite file.

#[test]
fn another_programs_sqlite_file_is_never_modified() {
    let dir = feed_setup(&[feed("Nowhere", "http://127.0.0.1:9/feed.xml", "")], "");
    let store = dir.path().join("news.db");
    // Another program's database, in the rollback-journal mode it chose, with a
    // user_version of its own.
    Connection::open(&store)
        .unwrap()
        .execute_batch(
            "CREATE TABLE contacts (name TEXT, phone TEXT);
             INSERT INTO contacts VALUES ('Ada', '555-0100');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    let before = fs::read(&store).unwrap();
    assert_eq!(
        &before[18..20],
        &[1, 1],
        "rollback journal mode in the header"
    );
    for (command, args) in [
        ("fetch", &["--quiet"][..]),
        ("build", &["--quiet", "--date", DATE][..]),
        ("run", &["--quiet", "--date", DATE][..]),
        ("check", &[][..]),
    ] {
        let output = run(dir.path(), command, args);
        assert_eq!(
            output.status.code(),
            Some(74),
            "{command}: {}",
            stderr(&output)
        );
        assert_reported(
            &stderr(&output),
            "news.db",
            "a SQLite database that is not a newsdigest store; it was left untouched",
        );
        assert_eq!(
            fs::read(&store).unwrap(),
            before,
            "{command} changed the file"
        );
        assert!(
            !dir.path().join("news.db-wal").exists(),
            "{command} made a WAL"
        );
    }
}

// 15. `build` and a damaged store.

#[test]
fn build_refuses_a_damaged_store_as_run_and_check_do() {
    let server = FeedServer::start();
    let dir = feed_setup(
        &[feed("World Desk", &server.url("/feeds/world.xml"), "")],
        "",
    );
    let fetched = run(dir.path(), "fetch", &["--quiet"]);
    assert!(fetched.status.success(), "{}", stderr(&fetched));
    let store = dir.path().join("news.db");
    Connection::open(&store)
        .and_then(|c| c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);"))
        .unwrap();
    // The feeds table's page overwritten with noise, as a bad sector would: a page a
    // build from the store never reads, so only a check of the whole file finds it.
    let (root, page): (i64, i64) = Connection::open(&store)
        .and_then(|c| {
            let root = c.query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'feeds'",
                [],
                |r| r.get(0),
            )?;
            Ok((root, c.query_row("PRAGMA page_size", [], |r| r.get(0))?))
        })
        .unwrap();
    let mut bytes = fs::read(&store).unwrap();
    let start = usize::try_from((root - 1) * page).unwrap();
    let end = start + usize::try_from(page).unwrap();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for byte in &mut bytes[start..end] {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        *byte = seed as u8;
    }
    fs::write(&store, &bytes).unwrap();
    for (command, args) in [
        ("build", &["--quiet", "--date", DATE][..]),
        ("run", &["--quiet", "--date", DATE][..]),
        ("check", &[][..]),
    ] {
        let output = run(dir.path(), command, args);
        assert_eq!(
            output.status.code(),
            Some(74),
            "{command}: {}",
            stderr(&output)
        );
        assert_reported(&stderr(&output), "news.db", "the database is damaged");
        assert_eq!(
            fs::read(&store).unwrap(),
            bytes,
            "{command} wrote to the store"
        );
    }
    assert!(
        !dir.path().join("out").exists(),
        "no briefing from a damaged store"
    );
}

// 16. Exit codes follow the cause.

#[test]
fn exit_codes_follow_the_cause() {
    // Every feed failing, nothing stored: the feeds are the cause (69), not the lack
    // of articles (65).
    let server = FeedServer::start();
    let feeds = [
        feed("Failing", &server.url("/status/500"), ""),
        feed("Gone", &server.url("/feeds/gone.xml"), ""),
    ];
    let dir = feed_setup(&feeds, "");
    let output = run(dir.path(), "run", &["--quiet"]);
    assert_eq!(output.status.code(), Some(69), "{}", stderr(&output));
    assert_reported(
        &stderr(&output),
        "not one of the 2 feeds",
        "could be fetched",
    );

    // A store folder that may not be written to: 73 (cannot write), not 74.
    let dir = feed_setup(
        &[feed("World Desk", &server.url("/feeds/world.xml"), "")],
        "",
    );
    assert!(run(dir.path(), "fetch", &["--quiet"]).status.success());
    // SAFETY: geteuid only reads the process's own user id.
    let as_root = unsafe { libc::geteuid() } == 0;
    let set_mode = |path: &Path, mode: u32| {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    };
    // The files stay writable, as in the report: only the folder is read-only. As
    // root, who may write anywhere, the run drops to `nobody` to meet the same folder.
    set_mode(dir.path(), 0o555);
    for file in ["news.db", "news.db.lock", "newsdigest.toml"] {
        set_mode(&dir.path().join(file), 0o666);
    }
    for command in ["fetch", "run"] {
        let mut child = StdCommand::new(cargo_bin("newsdigest"));
        child
            .arg(command)
            .arg("--quiet")
            .arg("--config")
            .arg(dir.path().join("newsdigest.toml"))
            .env("TZ", "UTC");
        if as_root {
            // SAFETY: only async-signal-safe calls (setgid, setuid) between fork and
            // exec.
            unsafe {
                child.pre_exec(|| {
                    if libc::setgid(65534) != 0 || libc::setuid(65534) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        let output = child.output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(73),
            "{command}: {}",
            stderr(&output)
        );
        assert_reported(
            &stderr(&output),
            "news.db",
            "cannot write to it or to its folder",
        );
    }
    set_mode(dir.path(), 0o755);
}
