//! The HTML briefing and the archive index as people see them: loaded from disk in
//! headless Chromium at phone (360×800) and laptop (1280×900) sizes, light and dark.
//! Each page must fit the width (nothing scrolls sideways), make no network request
//! (it is self-contained), log no console error and run no script; screenshots go to
//! `target/screenshots/` for review.
//!
//! Chromium is driven over the DevTools protocol on a WebSocket (tungstenite), so the
//! test needs no Node.js or driver: only the `chromium` binary (`/usr/bin/chromium`, or
//! the `CHROMIUM` variable). Without it the test fails when `CI` is set, and otherwise
//! is reported as ignored with the reason (`... ignored (chromium not found at ...)`,
//! counted in "N ignored"), never as passed: the file has its own small harness
//! (libtest-mimic) because the standard one can only ignore a test before it runs.
//! `.ci/run` installs Debian's chromium.

use std::io::ErrorKind;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};
use std::{env, fs};

use assert_cmd::Command;
use libtest_mimic::{Arguments, Completion, Failed, Trial};
use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

const SAMPLE_DATE: &str = "2025-12-08";
const PHONE: (u32, u32) = (360, 800);
const LAPTOP: (u32, u32) = (1280, 900);
/// Longest wait for the browser to start, a command to answer or a page to load.
const PATIENCE: Duration = Duration::from_secs(30);

const TEST_NAME: &str = "briefing_fits_phone_and_laptop_and_stays_offline";

fn main() {
    let args = Arguments::from_args();
    let in_ci = env::var_os("CI").is_some();
    let chromium = browser_to_use(env::var_os("CHROMIUM"), in_ci);
    let trials = vec![
        Trial::ignorable_test(TEST_NAME, move || match chromium {
            Found(executable) => {
                briefing_fits_phone_and_laptop_and_stays_offline(&executable);
                Ok(Completion::Completed)
            }
            Skip(reason) => Ok(Completion::ignored_with(reason)),
            Fail(reason) => Err(reason.into()),
        }),
        Trial::test(
            "without_chromium_the_browser_test_is_ignored_or_fails_in_ci",
            without_chromium_the_browser_test_is_ignored_or_fails_in_ci,
        ),
    ];
    libtest_mimic::run(&args, trials).exit();
}

/// What the browser test does for want of (or with) a browser.
#[derive(Debug, PartialEq)]
enum Browsing {
    Found(PathBuf),
    /// No browser outside CI: reported as ignored, with this reason.
    Skip(String),
    /// No browser in CI, where the test must run.
    Fail(String),
}
use Browsing::{Fail, Found, Skip};

/// The browser named by `$CHROMIUM`, else `/usr/bin/chromium`.
fn browser_to_use(named: Option<std::ffi::OsString>, in_ci: bool) -> Browsing {
    let path = named.map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if path.exists() {
        return Found(path);
    }
    let reason = format!(
        "chromium not found at {}: set CHROMIUM, or `apt-get install chromium`",
        path.display()
    );
    if in_ci {
        Fail(format!(
            "{reason}; the browser test cannot be skipped in CI"
        ))
    } else {
        Skip(reason)
    }
}

fn without_chromium_the_browser_test_is_ignored_or_fails_in_ci() -> Result<(), Failed> {
    let missing = Some("/no/such/chromium".into());
    match browser_to_use(missing.clone(), false) {
        Skip(reason) if reason.starts_with("chromium not found at /no/such/chromium") => {}
        other => return Err(format!("outside CI: {other:?}").into()),
    }
    match browser_to_use(missing, true) {
        Fail(reason) if reason.contains("cannot be skipped in CI") => {}
        other => return Err(format!("in CI: {other:?}").into()),
    }
    Ok(())
}

fn screenshots_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is target/tmp; screenshots sit beside it.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target/tmp has a parent")
        .join("screenshots");
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// A headless Chromium with one page, spoken to over the DevTools protocol.
struct Browser {
    process: Child,
    socket: WebSocket<TcpStream>,
    session: String,
    next_id: u64,
    /// Protocol events of the page since the last [`Browser::open`].
    events: Vec<Value>,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch(executable: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let process = Process::new(executable)
            .args([
                "--headless=new",
                // Root in a container has no usable sandbox; the pages are our own files.
                "--no-sandbox",
                "--disable-gpu",
                // Chromium's own background traffic (updates, safe browsing, sync) would
                // be mistaken for the page's requests, and fails on a closed network.
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--disable-extensions",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|err| panic!("starting {}: {err}", executable.display()));
        let (port, path) = devtools_address(profile.path());
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        let (socket, _) = tungstenite::client(format!("ws://127.0.0.1:{port}{path}"), stream)
            .unwrap_or_else(|err| panic!("connecting to chromium's DevTools: {err}"));
        let mut browser = Browser {
            process,
            socket,
            session: String::new(),
            next_id: 0,
            events: Vec::new(),
            _profile: profile,
        };
        let target = browser.call("Target.createTarget", json!({"url": "about:blank"}));
        let attached = browser.call(
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        );
        browser.session = attached["sessionId"].as_str().unwrap().to_string();
        for domain in ["Page", "Network", "Runtime", "Log"] {
            browser.call(&format!("{domain}.enable"), json!({}));
        }
        browser
    }

    /// Sends a command (to the page once attached) and returns its result, keeping the
    /// events that arrive meanwhile.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if !self.session.is_empty() {
            message["sessionId"] = json!(self.session);
        }
        self.socket
            .send(Message::text(message.to_string()))
            .unwrap_or_else(|err| panic!("sending {method}: {err}"));
        let deadline = Instant::now() + PATIENCE;
        loop {
            assert!(Instant::now() < deadline, "{method} got no answer");
            let reply = self.receive();
            if reply["id"] == id {
                if let Some(error) = reply.get("error") {
                    panic!("{method} failed: {error}");
                }
                return reply["result"].clone();
            }
            self.events.push(reply);
        }
    }

    fn receive(&mut self) -> Value {
        loop {
            match self.socket.read() {
                Ok(Message::Text(text)) => return serde_json::from_str(&text).unwrap(),
                Ok(_) => continue,
                Err(err) => panic!("reading from chromium: {err}"),
            }
        }
    }

    /// Loads `page` at `size` in the colour scheme, and waits for its load event.
    fn open(&mut self, page: &Path, (width, height): (u32, u32), scheme: &str) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}),
        );
        self.call(
            "Emulation.setEmulatedMedia",
            json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
        );
        self.events.clear();
        let url = format!("file://{}", page.display());
        self.call("Page.navigate", json!({"url": url}));
        let deadline = Instant::now() + PATIENCE;
        while !self
            .events
            .iter()
            .any(|e| e["method"] == "Page.loadEventFired")
        {
            assert!(Instant::now() < deadline, "{url} did not load");
            let event = self.receive();
            self.events.push(event);
        }
    }

    fn evaluate(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true}),
        );
        assert!(
            result.get("exceptionDetails").is_none(),
            "{expression}: {result}"
        );
        result["result"]["value"].clone()
    }

    /// A PNG of the window, or of the whole page when `full_page`.
    fn screenshot(&mut self, path: &Path, full_page: bool) {
        let mut params = json!({"format": "png"});
        if full_page {
            let size = &self.call("Page.getLayoutMetrics", json!({}))["cssContentSize"];
            params["captureBeyondViewport"] = json!(true);
            params["clip"] = json!({"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1});
        }
        let shot = self.call("Page.captureScreenshot", params);
        let png = decode_base64(shot["data"].as_str().unwrap());
        fs::write(path, png).unwrap();
    }

    /// What went wrong while the page loaded: requests that left the machine's files,
    /// console errors, uncaught exceptions, dialogs.
    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for event in &self.events {
            let params = &event["params"];
            match event["method"].as_str().unwrap_or("") {
                "Network.requestWillBeSent" => {
                    let url = params["request"]["url"].as_str().unwrap_or("");
                    let local = ["file:", "data:", "about:"]
                        .iter()
                        .any(|s| url.starts_with(s));
                    if !local {
                        problems.push(format!("network request to {url}"));
                    }
                }
                "Runtime.consoleAPICalled" if params["type"] == "error" => {
                    problems.push(format!("console error: {}", params["args"]));
                }
                "Runtime.exceptionThrown" => {
                    problems.push(format!("exception: {}", params["exceptionDetails"]));
                }
                "Log.entryAdded" if params["entry"]["level"] == "error" => {
                    problems.push(format!("logged error: {}", params["entry"]["text"]));
                }
                "Page.javascriptDialogOpening" => {
                    problems.push(format!("dialog opened: {}", params["message"]));
                }
                _ => {}
            }
        }
        problems
    }
}

impl Drop for Browser {
    /// Asks Chromium to quit, so it takes its helper processes with it; kills it if it
    /// has not after a few seconds (or the test is failing mid-conversation).
    fn drop(&mut self) {
        let close = json!({"id": 0, "method": "Browser.close"}).to_string();
        let _ = self.socket.send(Message::text(close));
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.process.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// Chromium writes the port and browser path it listens on to `DevToolsActivePort` in
/// its profile once it is ready.
fn devtools_address(profile: &Path) -> (u16, String) {
    let file = profile.join("DevToolsActivePort");
    let deadline = Instant::now() + PATIENCE;
    loop {
        match fs::read_to_string(&file) {
            Ok(text) if text.lines().count() >= 2 => {
                let mut lines = text.lines();
                let port = lines.next().unwrap().trim().parse().unwrap();
                return (port, lines.next().unwrap().trim().to_string());
            }
            Ok(_) => {}
            Err(err) if err.kind() == ErrorKind::NotFound => {}
            Err(err) => panic!("{}: {err}", file.display()),
        }
        assert!(Instant::now() < deadline, "chromium did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let digits: Vec<u8> = text.bytes().filter(|&c| c != b'=').map(value).collect();
    let mut bytes = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let bits = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &d)| acc | u32::from(d) << (18 - 6 * i));
        bytes.extend(&bits.to_be_bytes()[1..chunk.len()]);
    }
    bytes
}

/// How far the page is wider than the window, and which elements stick out.
const OVERFLOW: &str = r#"(() => {
  const width = window.innerWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width + 0.5)
    .slice(0, 5)
    .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ': ' + (e.textContent || '').slice(0, 40));
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide };
})()"#;

/// In-page links (source markers without a web address, the table of contents) whose
/// target is not on the page.
const DANGLING_ANCHORS: &str = r##"[...document.querySelectorAll('a[href^="#"]')]
  .map(a => decodeURIComponent(a.hash.slice(1)))
  .filter(id => !document.getElementById(id))"##;

fn build_sample(out: &Path) {
    Command::cargo_bin("newsdigest")
        .unwrap()
        .args(["build", "--quiet", "--date", SAMPLE_DATE, "--out"])
        .arg(out)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples"))
        .assert()
        .success();
}

fn build_hostile(dir: &Path) -> PathBuf {
    let inputs = dir.join("hostile-in");
    fs::create_dir_all(&inputs).unwrap();
    let hostile = "<img src=x onerror=alert(1)> <script>alert(2)</script> [x](javascript:alert(3)) \
                   <link rel=stylesheet href=https://example.com/x.css> {{ x }}";
    // Unbreakable runs that must wrap rather than widen the page on a phone.
    let long_url = format!(
        "https://example.com/{}",
        "very-long-path-segment-".repeat(12)
    );
    let long_word = "Donaudampfschifffahrtsgesellschaftskapitän".repeat(4);
    for (id, source, figure, url) in [
        ("a", "Wire", "Three", "javascript:alert(4)"),
        ("b", "Daily", "Two", long_url.as_str()),
    ] {
        let article = json!({
            "id": id, "title": format!("Talks {hostile}"), "source": format!("{source} {hostile}"),
            "url": url,
            "text": format!("{figure} days of talks in Geneva ended without a deal, officials said {hostile} {long_word}.")
        });
        fs::write(inputs.join(format!("{id}.json")), article.to_string()).unwrap();
    }
    let out = dir.join("hostile-out");
    Command::cargo_bin("newsdigest")
        .unwrap()
        .args(["build", "--quiet", "--date", SAMPLE_DATE, "--out"])
        .arg(&out)
        .arg(&inputs)
        .assert()
        .success();
    out.join(format!("{SAMPLE_DATE}.html"))
}

fn briefing_fits_phone_and_laptop_and_stays_offline(executable: &Path) {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    build_sample(dir.path());
    let briefing = dir.path().join(format!("{SAMPLE_DATE}.html"));
    let index = dir.path().join("index.html");
    let hostile = build_hostile(dir.path());
    let shots = screenshots_dir();
    let mut browser = Browser::launch(executable);
    let mut failures = Vec::new();
    let mut backgrounds = Vec::new();
    for (page, name) in [
        (&briefing, "briefing"),
        (&index, "index"),
        (&hostile, "hostile"),
    ] {
        for (size, device) in [(PHONE, "phone"), (LAPTOP, "laptop")] {
            for scheme in ["light", "dark"] {
                browser.open(page, size, scheme);
                let label = format!("{name} at {device} width ({scheme})");
                let overflow = browser.evaluate(OVERFLOW);
                // A phone widens its layout viewport to fit content that is too wide, so
                // the window's width must also still be the device's.
                let fits = |key: &str| {
                    overflow[key]
                        .as_f64()
                        .is_some_and(|w| w <= f64::from(size.0))
                };
                if !fits("scrollWidth") || !fits("innerWidth") {
                    failures.push(format!("{label} overflows horizontally: {overflow}"));
                }
                if browser.evaluate("document.scripts.length") != json!(0) {
                    failures.push(format!("{label} has a script element"));
                }
                let dangling = browser.evaluate(DANGLING_ANCHORS);
                if dangling != json!([]) {
                    failures.push(format!("{label} links to missing anchors: {dangling}"));
                }
                failures.extend(
                    browser
                        .problems()
                        .into_iter()
                        .map(|p| format!("{label}: {p}")),
                );
                if name == "briefing" && device == "laptop" {
                    backgrounds
                        .push(browser.evaluate("getComputedStyle(document.body).backgroundColor"));
                }
                let suffix = if scheme == "dark" { "-dark" } else { "" };
                browser.screenshot(&shots.join(format!("{name}-{device}{suffix}.png")), false);
                if name == "briefing" {
                    let full = shots.join(format!("{name}-{device}{suffix}-full.png"));
                    browser.screenshot(&full, true);
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_ne!(
        backgrounds[0], backgrounds[1],
        "the dark scheme changes the page"
    );
    eprintln!(
        "browser test: 12 page loads in {:.1}s; screenshots in {}",
        started.elapsed().as_secs_f64(),
        shots.display()
    );
}
