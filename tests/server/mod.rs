//! A small real HTTP/1.1 server on 127.0.0.1 for the feed tests, serving the fixture
//! files of `tests/fixtures/feeds/` (one thread per connection), and misbehaving on
//! purpose on some routes:
//!
//! | route | answer |
//! |---|---|
//! | `/feeds/NAME` | `day1/NAME` or `day2/NAME` (see [`FeedServer::set_day`]) with an ETag and a Last-Modified; 304 when the request's If-None-Match (or, without one, If-Modified-Since) matches |
//! | `/page/NAME` | `pages/NAME`, an article page |
//! | `/malformed.xml` | 200 with XML that does not parse |
//! | `/status/500` | 500, every time |
//! | `/hang` | reads the request and never answers |
//! | `/gzip-bomb.xml` | 200, `Content-Encoding: gzip`: 64 KiB on the wire, 64 MiB of feed once decompressed |
//! | `/many-items.xml` | 200, an RSS feed of 100,000 items |
//! | `/redirect?to=URL` | 302 to `URL` (taken as written) |
//! | a path given to [`FeedServer::serve`] | 200, the body given |
//! | anything else | 404 |
//!
//! `{{BASE}}` in a served file becomes the server's own address. Every request is
//! logged with the status it got, so tests can check what was asked and answered.

// Shared by several test binaries, each using only part of it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use flate2::Compression;
use flate2::write::GzEncoder;

/// How long `/hang` keeps a connection open without answering, at most.
const HANG_FOR: Duration = Duration::from_secs(30);

/// One request the server answered.
#[derive(Debug, Clone)]
pub struct Hit {
    pub path: String,
    pub status: u16,
    pub if_none_match: Option<String>,
}

pub struct FeedServer {
    address: SocketAddr,
    state: Arc<State>,
}

struct State {
    fixtures: PathBuf,
    day: AtomicU32,
    stopping: AtomicBool,
    hits: Mutex<Vec<Hit>>,
    /// Bodies served as given: path -> (content type, body).
    served: Mutex<HashMap<String, (&'static str, Vec<u8>)>>,
}

impl FeedServer {
    /// Starts serving on a free port of 127.0.0.1, fixtures of day 1.
    pub fn start() -> FeedServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let address = listener.local_addr().expect("local address");
        let state = Arc::new(State {
            fixtures: Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds"),
            day: AtomicU32::new(1),
            stopping: AtomicBool::new(false),
            hits: Mutex::new(Vec::new()),
            served: Mutex::new(HashMap::new()),
        });
        let serving = Arc::clone(&state);
        thread::spawn(move || {
            for stream in listener.incoming() {
                if serving.stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let state = Arc::clone(&serving);
                thread::spawn(move || answer(stream, &state, address));
            }
        });
        FeedServer { address, state }
    }

    /// `http://127.0.0.1:PORT/path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// Serves `body` at `path` from now on, `{{BASE}}` in it becoming the server's own
    /// address.
    pub fn serve(&self, path: &str, content_type: &'static str, body: impl AsRef<[u8]>) {
        let body = String::from_utf8_lossy(body.as_ref())
            .replace("{{BASE}}", &format!("http://{}", self.address))
            .into_bytes();
        self.state
            .served
            .lock()
            .expect("served bodies")
            .insert(path.to_string(), (content_type, body));
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.address.port()
    }

    /// Serves `/feeds/NAME` from `day{day}/` from now on.
    pub fn set_day(&self, day: u32) {
        self.state.day.store(day, Ordering::SeqCst);
    }

    /// The requests for `path` so far.
    pub fn hits(&self, path: &str) -> Vec<Hit> {
        self.state
            .hits
            .lock()
            .expect("hit log")
            .iter()
            .filter(|hit| hit.path == path)
            .cloned()
            .collect()
    }
}

impl Drop for FeedServer {
    fn drop(&mut self) {
        self.state.stopping.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.address);
    }
}

fn answer(mut stream: TcpStream, state: &State, address: SocketAddr) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let Some((path, headers)) = read_request(&stream) else {
        return;
    };
    let if_none_match = headers.get("if-none-match").cloned();
    if let Some(target) = path.strip_prefix("/redirect?to=") {
        log(state, &path, 302, if_none_match);
        let _ = write!(
            stream,
            "HTTP/1.1 302 Found\r\nLocation: {target}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        return;
    }
    let served = state
        .served
        .lock()
        .expect("served bodies")
        .get(&path)
        .cloned();
    if let Some((content_type, body)) = served {
        log(state, &path, 200, if_none_match);
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(&body);
        return;
    }
    let mut encoding = None;
    let (status, content_type, body, cache) = match path.as_str() {
        "/gzip-bomb.xml" => {
            encoding = Some("gzip");
            (200, "application/rss+xml", gzip_bomb().to_vec(), None)
        }
        "/many-items.xml" => (200, "application/rss+xml", many_items().to_vec(), None),
        "/hang" => {
            log(state, &path, 0, if_none_match);
            let started = Instant::now();
            while started.elapsed() < HANG_FOR && !state.stopping.load(Ordering::SeqCst) {
                thread::sleep(Duration::from_millis(50));
            }
            return;
        }
        "/status/500" => (500, "text/plain", b"server error".to_vec(), None),
        "/malformed.xml" => match fs_read(&state.fixtures.join("malformed.xml"), address) {
            Some(body) => (200, "application/rss+xml", body, None),
            None => not_found(),
        },
        _ if path.starts_with("/feeds/") => {
            let day = state.day.load(Ordering::SeqCst);
            let file = state
                .fixtures
                .join(format!("day{day}"))
                .join(&path["/feeds/".len()..]);
            match fs_read(&file, address) {
                Some(body) => {
                    let etag = format!("\"{:016x}\"", fnv(&body));
                    let modified = format!("Mon, {:02} Dec 2025 06:00:00 GMT", 7 + day);
                    (200, content_type_of(&path), body, Some((etag, modified)))
                }
                None => not_found(),
            }
        }
        _ if path.starts_with("/page/") => {
            match fs_read(
                &state.fixtures.join("pages").join(&path["/page/".len()..]),
                address,
            ) {
                Some(body) => (200, "text/html; charset=utf-8", body, None),
                None => not_found(),
            }
        }
        _ => not_found(),
    };
    if let Some((etag, modified)) = &cache {
        let unchanged = match &if_none_match {
            Some(tag) => tag == etag,
            None => headers.get("if-modified-since") == Some(modified),
        };
        if unchanged {
            log(state, &path, 304, if_none_match);
            let _ = write!(
                stream,
                "HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\nConnection: close\r\n\r\n"
            );
            return;
        }
    }
    log(state, &path, status, if_none_match);
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n",
        if status == 200 { "OK" } else { "Error" },
        body.len()
    );
    if let Some((etag, modified)) = &cache {
        head.push_str(&format!("ETag: {etag}\r\nLast-Modified: {modified}\r\n"));
    }
    if let Some(encoding) = encoding {
        head.push_str(&format!("Content-Encoding: {encoding}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
    let _ = stream.flush();
}

type Response = (u16, &'static str, Vec<u8>, Option<(String, String)>);

fn not_found() -> Response {
    (404, "text/plain", b"not found".to_vec(), None)
}

fn read_request(stream: &TcpStream) -> Option<(String, HashMap<String, String>)> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1)?.to_string();
    let mut headers = HashMap::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            break;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
        }
    }
    Some((path, headers))
}

fn fs_read(path: &Path, address: SocketAddr) -> Option<Vec<u8>> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(
        text.replace("{{BASE}}", &format!("http://{address}"))
            .into_bytes(),
    )
}

fn content_type_of(path: &str) -> &'static str {
    if path.ends_with(".json") {
        "application/feed+json"
    } else if path.ends_with(".atom") {
        "application/atom+xml"
    } else {
        "application/rss+xml"
    }
}

fn log(state: &State, path: &str, status: u16, if_none_match: Option<String>) {
    state.hits.lock().expect("hit log").push(Hit {
        path: path.to_string(),
        status,
        if_none_match,
    });
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// An RSS feed opening, then 64 MiB of spaces, gzipped: small to send, huge to read.
/// Made once per test binary.
fn gzip_bomb() -> &'static [u8] {
    static BOMB: OnceLock<Vec<u8>> = OnceLock::new();
    BOMB.get_or_init(|| {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
        let head = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Bomb</title>";
        encoder.write_all(head).expect("in memory");
        let spaces = vec![b' '; 1024 * 1024];
        for _ in 0..64 {
            encoder.write_all(&spaces).expect("in memory");
        }
        encoder.finish().expect("in memory")
    })
}

/// An RSS feed of 100,000 short items.
fn many_items() -> &'static [u8] {
    static FEED: OnceLock<Vec<u8>> = OnceLock::new();
    FEED.get_or_init(|| {
        let mut feed = String::from(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Firehose</title>",
        );
        for i in 0..100_000 {
            feed.push_str(&format!(
                "<item><title>Item {i}</title><guid>item-{i}</guid><description>Report {i} says {i} people were hurt.</description></item>"
            ));
        }
        feed.push_str("</channel></rss>");
        feed.into_bytes()
    })
}
