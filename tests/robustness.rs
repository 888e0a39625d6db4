//! Hostile input and faults, end to end through the real binary: junk is named and
//! skipped, oversized input is cut or refused at bounded memory, hostile text stays
//! text, a killed run loses nothing, and a full disk fails the run with status 73
//! and the previous briefing intact.

mod common;
mod server;

use std::fs::{self, File};
use std::os::unix::process::CommandExt;
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

fn build(inputs: &Path, out: &Path, extra: &[&str]) -> Output {
    newsdigest()
        .args(["build", "--quiet", "--date", DATE, "--out"])
        .arg(out)
        .args(extra)
        .arg(inputs)
        .output()
        .expect("runs")
}

/// Asserts `stderr` holds one line naming `file` (and `line`, if given) with `reason`.
fn assert_reported(stderr: &str, file: &str, reason: &str) {
    let found = stderr
        .lines()
        .any(|l| l.starts_with("newsdigest: ") && l.contains(file) && l.contains(reason));
    assert!(found, "no line naming {file} with {reason:?} in:\n{stderr}");
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

fn good_article(dir: &Path) {
    fs::write(
        dir.join("good.txt"),
        "Talks End Without Deal\n\nThree days of talks in Geneva ended on Saturday without a deal, officials said.",
    )
    .expect("written");
}

#[test]
fn junk_is_named_and_skipped_and_the_rest_lands() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).unwrap();
    good_article(&inputs);
    fs::write(inputs.join("nul.txt"), b"Looks like text\0but has a NUL").unwrap();
    let undecodable: Vec<u8> = (0..400u32).map(|i| (0x80 + i % 64) as u8).collect();
    fs::write(inputs.join("noise.md"), undecodable).unwrap();
    fs::write(
        inputs.join("latin1.txt"),
        b"Caf\xe9 Talks Resume\n\nThe caf\xe9 talks resumed on Monday, envoys said.",
    )
    .unwrap();
    fs::write(inputs.join("broken.json"), "{\"id\": \"x\", \"title\": ").unwrap();
    fs::write(
        inputs.join("lines.jsonl"),
        "{\"id\": \"l1\", \"title\": \"Line one\"}\n{oops\n{\"id\": \"l3\", \"text\": \"Line three.\"}\n",
    )
    .unwrap();
    fs::write(
        inputs.join("front.md"),
        "---\ntitle: [unclosed\n---\nBody text.\n",
    )
    .unwrap();
    fs::write(inputs.join("feed.xml"), "<rss><channel><item><title>x").unwrap();
    let out = dir.path().join("out");
    let output = build(&inputs, &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let stderr = stderr(&output);
    assert_reported(&stderr, "nul.txt", "binary file");
    assert_reported(&stderr, "noise.md", "binary file");
    assert_reported(&stderr, "latin1.txt", "invalid UTF-8");
    assert_reported(&stderr, "broken.json", "invalid JSON");
    assert_reported(&stderr, "lines.jsonl:2:", "invalid article");
    assert_reported(&stderr, "front.md", "front matter");
    assert_reported(&stderr, "feed.xml", "not a readable RSS, Atom or JSON feed");
    let digest: Value =
        serde_json::from_str(&fs::read_to_string(out.join(format!("{DATE}.json"))).unwrap())
            .unwrap();
    let mut ids: Vec<&str> = digest["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, ["good", "l1", "l3", "latin1"]);
}

#[test]
fn a_huge_file_a_long_line_a_deep_page_and_a_big_feed_are_cut_or_refused() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).unwrap();
    good_article(&inputs);
    // 1 GB that costs no disk: a sparse file.
    File::create(inputs.join("huge.txt"))
        .and_then(|f| f.set_len(1_000_000_000))
        .unwrap();
    fs::write(inputs.join("line.txt"), "word ".repeat(2_000_000)).unwrap();
    fs::write(
        inputs.join("deep.html"),
        format!(
            "<html><head><title>Deep</title></head><body>{}Deep text.{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        ),
    )
    .unwrap();
    let mut feed = String::from("<rss version=\"2.0\"><channel><title>Firehose</title>");
    for i in 0..100_000 {
        feed.push_str(&format!(
            "<item><title>Item {i}</title><guid>g{i}</guid></item>"
        ));
    }
    feed.push_str("</channel></rss>");
    fs::write(inputs.join("firehose.xml"), feed).unwrap();
    let out = dir.path().join("out");
    let started = Instant::now();
    let output = build(&inputs, &out, &["--max-feed-items", "50"]);
    let took = started.elapsed();
    assert!(output.status.success(), "{}", stderr(&output));
    let stderr = stderr(&output);
    assert_reported(
        &stderr,
        "huge.txt",
        "skipped: 1000000000 bytes is over the 512 MiB limit (max_file_bytes)",
    );
    assert_reported(
        &stderr,
        "line.txt",
        "text truncated to 1 MiB (max_text_bytes)",
    );
    assert_reported(
        &stderr,
        "deep.html",
        "skipped: elements nested more than 256 deep (max_html_depth)",
    );
    assert_reported(
        &stderr,
        "firehose.xml",
        "kept the first 50 of 100000 items (max_feed_items)",
    );
    let digest: Value =
        serde_json::from_str(&fs::read_to_string(out.join(format!("{DATE}.json"))).unwrap())
            .unwrap();
    assert_eq!(digest["articles"].as_array().unwrap().len(), 52);
    assert!(took < Duration::from_secs(60), "took {took:?}");
    let peak = children_peak_rss_bytes();
    assert!(peak < MEMORY_BOUND, "a run used {peak} bytes");
}

#[test]
fn limits_come_from_flags_and_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    good_article(dir.path());
    fs::write(dir.path().join("big.txt"), "Some words here. ".repeat(200)).unwrap();
    let out = dir.path().join("out");
    let output = newsdigest()
        .env("NEWSDIGEST_MAX_FILE_BYTES", "1KiB")
        .args(["build", "--quiet", "--out"])
        .arg(&out)
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_reported(&stderr(&output), "big.txt", "over the 1 KiB limit");
    let output = newsdigest()
        .args(["build", "--max-file-bytes", "lots"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("invalid size"),
        "{}",
        stderr(&output)
    );
}

/// A folder with a config for `feeds` (TOML bodies) and a store. The timeout covers
/// reading a feed's items, which takes a debug build seconds for 100,000 of them on a
/// busy machine.
fn feed_setup(feeds: &[String], limits: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut config = format!(
        "[digest]\nout = \"out\"\nstore = \"news.db\"\nsince = \"24h\"\n\n[fetch]\ntimeout = \"60s\"\nretries = 0\n\n[limits]\n{limits}\n"
    );
    for feed in feeds {
        config.push_str(&format!("\n[[feeds]]\n{feed}\n"));
    }
    fs::write(dir.path().join("newsdigest.toml"), config).unwrap();
    dir
}

fn feed(name: &str, url: &str) -> String {
    format!("name = \"{name}\"\nurl = \"{url}\"\n")
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

#[test]
fn a_gzip_bomb_and_a_firehose_feed_are_cut_off_and_the_other_feeds_land() {
    let server = FeedServer::start();
    let dir = feed_setup(
        &[
            feed("World Desk", &server.url("/feeds/world.xml")),
            feed("Bomb", &server.url("/gzip-bomb.xml")),
            feed("Firehose", &server.url("/many-items.xml")),
        ],
        "max_feed_items = 100",
    );
    let output = run(dir.path(), "fetch", &["--quiet"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let stderr = stderr(&output);
    assert_reported(
        &stderr,
        "\"Bomb\"",
        "response is larger than 16 MiB (max_body_bytes)",
    );
    assert_reported(
        &stderr,
        "\"Firehose\"",
        "kept the first 100 of 100000 items (max_feed_items)",
    );
    let store = Connection::open(dir.path().join("news.db")).unwrap();
    let stored = |source: &str| -> i64 {
        store
            .query_row(
                "SELECT COUNT(*) FROM articles WHERE source = ?1",
                [source],
                |row| row.get(0),
            )
            .unwrap()
    };
    assert_eq!(stored("Firehose"), 100);
    assert!(stored("World Desk") > 0);
    let peak = children_peak_rss_bytes();
    assert!(peak < MEMORY_BOUND, "a run used {peak} bytes");
}

/// A deterministic stream of pseudo-random numbers (xorshift64*).
struct Random(u64);

impl Random {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % bound.max(1)
    }
}

/// Every file of the output folder, by name, with its length and a hash of its bytes.
fn snapshot(out: &Path) -> Vec<(String, usize, u64)> {
    let mut files: Vec<(String, usize, u64)> = fs::read_dir(out)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| !is_temporary(p))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = fs::read(&p).unwrap();
            let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
            });
            (name, bytes.len(), hash)
        })
        .collect();
    files.sort();
    files
}

/// What a killed write leaves behind: its temporary files, and the journal of renames
/// the next run completes; never a changed target.
fn is_temporary(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(".newsdigest-") && n.ends_with(".tmp") || n == JOURNAL)
}

/// The journal of a batch of renames under way (`src/output.rs`).
const JOURNAL: &str = ".newsdigest-batch";

fn integrity(store: &Path) -> String {
    Connection::open(store)
        .and_then(|c| c.query_row("PRAGMA integrity_check", [], |row| row.get(0)))
        .unwrap_or_else(|err| format!("cannot open: {err}"))
}

#[test]
fn killed_at_random_moments_runs_lose_nothing() {
    let server = FeedServer::start();
    let dir = feed_setup(
        &[
            feed("World Desk", &server.url("/feeds/world.xml")),
            feed("Wire Service", &server.url("/feeds/wire.atom")),
        ],
        "",
    );
    let first = run(dir.path(), "run", &["--quiet", "--date", DATE]);
    assert!(first.status.success(), "{}", stderr(&first));
    let out = dir.path().join("out");
    let store = dir.path().join("news.db");
    let before = snapshot(&out);
    assert!(before.iter().any(|(name, ..)| name == "latest.json"));
    // How long an uninterrupted run takes, so kills land anywhere in one.
    let started = Instant::now();
    let again = run(dir.path(), "run", &["--quiet", "--date", DATE]);
    assert!(again.status.success(), "{}", stderr(&again));
    let span = started.elapsed().as_millis() as u64 + 20;
    let mut random = Random(0x5eed_2025_1208);
    let commands = ["run", "build", "fetch"];
    let iterations = 30;
    let budget = Instant::now();
    for iteration in 0..iterations {
        let command = commands[iteration % commands.len()];
        let delay = Duration::from_millis(random.below(span));
        let mut child = StdCommand::new(cargo_bin("newsdigest"))
            .args([command, "--quiet", "--config"])
            .arg(dir.path().join("newsdigest.toml"))
            .args(if command == "fetch" {
                &[][..]
            } else {
                &["--date", DATE][..]
            })
            .env("TZ", "UTC")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        thread::sleep(delay);
        // SIGKILL: no destructor, no cleanup, no flush.
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(
            snapshot(&out),
            before,
            "iteration {iteration} ({command} killed after {delay:?}) changed the briefing"
        );
        assert_eq!(integrity(&store), "ok", "iteration {iteration}");
    }
    assert!(
        budget.elapsed() < Duration::from_secs(30),
        "{iterations} kills took {:?}",
        budget.elapsed()
    );
    // And the store still works: a whole run succeeds and writes the same briefing.
    let after = run(dir.path(), "run", &["--quiet", "--date", DATE]);
    assert!(after.status.success(), "{}", stderr(&after));
    assert_eq!(snapshot(&out), before);
    assert!(!out.join(JOURNAL).exists(), "a whole run leaves no journal");
}

/// Runs `command` with writes past `max_bytes` failing (EFBIG), as on a full disk.
fn with_file_size_limit(command: &mut StdCommand, max_bytes: u64) -> &mut StdCommand {
    // SAFETY: only async-signal-safe calls (signal, setrlimit) run between fork and exec.
    unsafe {
        command.pre_exec(move || {
            // Without this the kernel kills the process (SIGXFSZ) instead of failing
            // the write, which is not what a full disk does.
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: max_bytes,
                rlim_max: max_bytes,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        })
    }
}

#[test]
fn a_full_disk_fails_the_build_with_73_and_keeps_the_previous_briefing() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).unwrap();
    good_article(&inputs);
    let out = dir.path().join("out");
    let first = build(&inputs, &out, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = snapshot(&out);
    // Today's briefing grows past what the disk can take.
    let long = "Another paragraph of the report with more words in it. ".repeat(400);
    fs::write(inputs.join("long.txt"), format!("Long Report\n\n{long}")).unwrap();
    let output = with_file_size_limit(
        StdCommand::new(cargo_bin("newsdigest"))
            .args(["build", "--quiet", "--date", DATE, "--out"])
            .arg(&out)
            .arg(&inputs),
        4096,
    )
    .output()
    .unwrap();
    assert_eq!(output.status.code(), Some(73), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message
            .lines()
            .any(|l| l.starts_with("newsdigest: cannot write ")
                && l.contains(&format!("{DATE}."))
                && l.contains("File too large")),
        "{message}"
    );
    assert_eq!(snapshot(&out), before, "the previous briefing is intact");
    let leftovers: Vec<PathBuf> = fs::read_dir(&out)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| is_temporary(p))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn a_full_disk_fails_a_fetch_with_73_and_the_store_stays_usable() {
    let server = FeedServer::start();
    let dir = feed_setup(&[feed("World Desk", &server.url("/feeds/world.xml"))], "");
    let store = dir.path().join("news.db");
    let output = with_file_size_limit(
        StdCommand::new(cargo_bin("newsdigest"))
            .args(["fetch", "--quiet", "--config"])
            .arg(dir.path().join("newsdigest.toml")),
        16 * 1024,
    )
    .output()
    .unwrap();
    assert_eq!(output.status.code(), Some(73), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("news.db") && message.contains("cannot write"),
        "{message}"
    );
    assert_eq!(integrity(&store), "ok");
    let retry = run(dir.path(), "fetch", &["--quiet"]);
    assert!(retry.status.success(), "{}", stderr(&retry));
}

#[test]
fn a_truncated_store_is_reported_and_never_overwritten() {
    let server = FeedServer::start();
    let dir = feed_setup(&[feed("World Desk", &server.url("/feeds/world.xml"))], "");
    let fetched = run(dir.path(), "fetch", &["--quiet"]);
    assert!(fetched.status.success(), "{}", stderr(&fetched));
    let store = dir.path().join("news.db");
    // Fold the write-ahead log in, so the file holds everything, then cut it short.
    Connection::open(&store)
        .and_then(|c| c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);"))
        .unwrap();
    let whole = fs::read(&store).unwrap();
    let cut = whole[..whole.len() / 2].to_vec();
    fs::write(&store, &cut).unwrap();
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
        let message = stderr(&output);
        assert!(
            message.starts_with("newsdigest: store ")
                && message.contains("news.db")
                && message.contains("cut short")
                && message.lines().count() == 1,
            "{command}: {message}"
        );
        assert_eq!(
            fs::read(&store).unwrap(),
            cut,
            "{command} wrote to the store"
        );
    }
}

/// Text that would act if it were not escaped: HTML, Markdown, template syntax.
const HOSTILE: &str = "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) *em* {{ 7*7 }} {% raw %}";

#[test]
fn hostile_titles_sources_and_urls_stay_inert_in_every_format_and_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).unwrap();
    let urls = [
        "javascript:alert(4)",
        "data:text/html,<script>alert(5)</script>",
        "https://ok.example/a?b=<x>",
        "https://ok.example/story?a=1&b=2",
    ];
    let text = "Three days of talks in Geneva ended on Saturday without a deal, officials said.";
    for (i, url) in urls.iter().enumerate() {
        let article = serde_json::json!({
            "id": format!("a{i}"), "title": format!("Talks {i} {HOSTILE}"),
            "source": format!("Source {i} {HOSTILE}"), "url": url, "text": text,
        });
        fs::write(inputs.join(format!("a{i}.json")), article.to_string()).unwrap();
    }
    let out = dir.path().join("out");
    let title = format!("Briefing {HOSTILE}");
    let output = build(&inputs, &out, &["--title", &title]);
    assert!(output.status.success(), "{}", stderr(&output));

    let markdown = fs::read_to_string(out.join(format!("{DATE}.md"))).unwrap();
    let mut shown = String::new();
    for event in pulldown_cmark::Parser::new(&markdown) {
        match event {
            pulldown_cmark::Event::Html(raw) | pulldown_cmark::Event::InlineHtml(raw) => {
                panic!("raw HTML in Markdown: {raw}")
            }
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => {
                assert!(
                    dest_url.starts_with("https://ok.example/story"),
                    "{dest_url}"
                );
            }
            pulldown_cmark::Event::Text(text) => shown.push_str(&text),
            _ => {}
        }
    }
    assert!(shown.contains(&format!("Source 0 {HOSTILE}")), "{shown}");
    assert!(shown.contains(&format!("Briefing {HOSTILE}")), "{shown}");

    for page in [format!("{DATE}.html"), "index.html".to_string()] {
        let html = fs::read_to_string(out.join(&page)).unwrap();
        let lower = html.to_ascii_lowercase();
        for forbidden in ["<script", "<img", "href=\"javascript:", "href=\"data:"] {
            assert!(!lower.contains(forbidden), "{forbidden} in {page}");
        }
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
                || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page} shows the text escaped"
        );
        assert!(
            html.contains("{{ 7*7 }} {% raw %}"),
            "{page}: template syntax is text"
        );
    }
    let html = fs::read_to_string(out.join(format!("{DATE}.html"))).unwrap();
    assert!(html.contains("href=\"https://ok.example/story?a=1&amp;b=2\""));

    let json: Value =
        serde_json::from_str(&fs::read_to_string(out.join(format!("{DATE}.json"))).unwrap())
            .unwrap();
    let articles = json["articles"].as_array().unwrap();
    let url_of = |id: &str| articles.iter().find(|a| a["id"] == id).unwrap()["url"].clone();
    assert_eq!(url_of("a0"), Value::Null, "javascript: dropped");
    assert_eq!(url_of("a1"), Value::Null, "data: dropped");
    assert_eq!(url_of("a2"), Value::Null, "a URL with < dropped");
    assert_eq!(url_of("a3"), "https://ok.example/story?a=1&b=2");
    assert_eq!(
        articles[0]["source"],
        format!("Source 0 {HOSTILE}"),
        "JSON keeps the data as it was"
    );

    let feed = fs::read_to_string(out.join("feed.xml")).unwrap();
    let document = roxmltree::Document::parse(&feed).expect("feed.xml is well-formed XML");
    let feed_title = document
        .root_element()
        .children()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap_or_default();
    assert_eq!(feed_title, title);

    let refused = newsdigest()
        .args(["build", "--base-url", "javascript:alert(1)"])
        .arg(&inputs)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
}
