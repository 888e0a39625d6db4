//! Fetching feeds over HTTP(S): several at once, each within its timeout, each result
//! (articles, "not modified", or why it failed) handed back on the caller's thread as
//! soon as it is ready, so one broken, slow or missing feed never holds back the others.
//!
//! It takes [`FeedRequest`]s (a feed, the cache headers from its last fetch, the item
//! ids already stored) and gives [`FeedOutcome`]s. A feed's timeout covers its whole
//! exchange and the reading of its items; each linked page (for `full_text`) has the
//! same timeout of its own. What a feed's content points to, and every redirect, is
//! kept off internal addresses ([`guard`]). Parsing is the ingest stage's
//! ([`crate::ingest::articles_from_feed`]), and so is reading a linked page for feeds with
//! `full_text`. It does not store anything: the caller decides what to keep. Worker
//! threads are plain `std::thread::scope` threads, bounded by [`FetchOptions::parallel`];
//! there is no async runtime.

pub mod guard;
mod http;

use std::collections::HashSet;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use tracing::{debug, info};

use crate::ingest::limits::{self, Limits};
use crate::ingest::markup::parse_budget;
use crate::ingest::{self, Article, SourceName};
pub use guard::{AllowList, Allowed, Refused};
use http::{Agents, Answer, Trust};

/// One feed to read, as configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// The source name its articles carry in the briefing.
    pub name: String,
    pub url: String,
    /// Read each new item's linked page for its article text.
    pub full_text: bool,
    /// For the whole exchange with the server, body included.
    pub timeout: Duration,
}

/// How every feed is fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchOptions {
    /// Further tries after a server error or a failed connection.
    pub retries: u32,
    /// Feeds fetched at the same time.
    pub parallel: usize,
    /// A bigger response (counted after decompression, so a gzip bomb is cut off
    /// too) is refused rather than read into memory.
    pub max_body_bytes: u64,
    /// How much of a feed, and of each page, is read.
    pub limits: Limits,
    /// The pause before the first retry; it doubles for each further one.
    pub first_backoff: Duration,
    pub user_agent: String,
    /// Internal hosts and networks that item links and redirects may reach
    /// (`[fetch] allow_private`).
    pub allow_private: AllowList,
}

impl Default for FetchOptions {
    fn default() -> FetchOptions {
        FetchOptions {
            retries: 2,
            parallel: 4,
            max_body_bytes: 16 * 1024 * 1024,
            limits: Limits::default(),
            first_backoff: Duration::from_millis(500),
            user_agent: format!("newsdigest/{}", env!("CARGO_PKG_VERSION")),
            allow_private: AllowList::default(),
        }
    }
}

/// What the server said about its copy last time, sent back so an unchanged feed is
/// answered with a 304 and no body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CacheHeaders {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A feed to fetch and what is already known of it.
#[derive(Debug, Clone)]
pub struct FeedRequest {
    pub feed: Feed,
    pub cache: CacheHeaders,
    /// Item ids already stored: their pages are not fetched again for `full_text`.
    pub known_ids: HashSet<String>,
}

/// What fetching one feed gave.
#[derive(Debug)]
pub struct FeedOutcome {
    pub feed: Feed,
    pub result: Result<Fetched, FetchError>,
}

#[derive(Debug)]
pub enum Fetched {
    /// The server's copy has not changed since the last fetch.
    NotModified,
    Fresh {
        articles: Vec<Article>,
        cache: CacheHeaders,
        /// What was cut to keep within the limits, and linked pages that could not be
        /// read (their items keep the feed's text).
        problems: Vec<FetchError>,
    },
}

/// Why a feed, or a page it links to, could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("reading feed \"{feed}\" at {url}: {reason}")]
    Feed {
        feed: String,
        url: String,
        reason: Reason,
    },
    #[error("reading page {url} of feed \"{feed}\": {reason}")]
    Page {
        feed: String,
        url: String,
        reason: Reason,
    },
    /// Read, but cut short to keep within the limits.
    #[error("reading feed \"{feed}\" at {url}: {note}")]
    Cut {
        feed: String,
        url: String,
        note: String,
    },
}

/// Why one GET failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    TimedOut(Duration),
    Connect {
        reason: String,
        attempts: u32,
    },
    Status {
        status: u16,
        attempts: u32,
    },
    TooLarge(u64),
    NotAFeed(crate::ingest::ReadError),
    /// The address is internal and not allowed.
    Refused(Refused),
    Other(String),
}

impl Reason {
    fn after_attempts(self, attempts: u32) -> Reason {
        match self {
            Reason::Connect { reason, .. } => Reason::Connect { reason, attempts },
            Reason::Status { status, .. } => Reason::Status { status, attempts },
            other => other,
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tries = |attempts: u32| {
            if attempts > 1 {
                format!(" (tried {attempts} times)")
            } else {
                String::new()
            }
        };
        match self {
            Reason::TimedOut(after) => write!(f, "timed out after {after:?}"),
            Reason::Connect { reason, attempts } => {
                write!(f, "cannot connect: {reason}{}", tries(*attempts))
            }
            Reason::Status { status, attempts } => {
                let phrase = ureq::http::StatusCode::from_u16(*status)
                    .ok()
                    .and_then(|code| code.canonical_reason())
                    .map(|phrase| format!(" {phrase}"))
                    .unwrap_or_default();
                write!(f, "server answered {status}{phrase}{}", tries(*attempts))
            }
            Reason::TooLarge(limit) => write!(
                f,
                "response is larger than {} (max_body_bytes)",
                limits::size_text(*limit)
            ),
            Reason::Refused(refused) => refused.fmt(f),
            Reason::NotAFeed(reason) => write!(f, "{reason}"),
            Reason::Other(reason) => f.write_str(reason),
        }
    }
}

/// Fetches every feed, at most `options.parallel` at a time, and calls `on_outcome` on
/// the calling thread with each result as it arrives (in completion order).
pub fn fetch_all(
    requests: &[FeedRequest],
    options: &FetchOptions,
    mut on_outcome: impl FnMut(FeedOutcome),
) {
    let agents = http::agents_for(options);
    let next = AtomicUsize::new(0);
    let workers = options.parallel.clamp(1, requests.len().max(1));
    let (sender, receiver) = mpsc::channel();
    thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let (agents, next) = (&agents, &next);
            scope.spawn(move || {
                while let Some(request) = requests.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if sender.send(fetch_feed(agents, request, options)).is_err() {
                        break;
                    }
                }
            });
        }
        // The loop below ends when the last worker drops its sender.
        drop(sender);
        for outcome in receiver {
            on_outcome(outcome);
        }
    });
}

fn fetch_feed(agents: &Agents, request: &FeedRequest, options: &FetchOptions) -> FeedOutcome {
    let feed = &request.feed;
    debug!("fetching {} ({})", feed.name, feed.url);
    let failed = |reason| FetchError::Feed {
        feed: feed.name.clone(),
        url: feed.url.clone(),
        reason,
    };
    let answer = http::get(
        agents,
        &feed.url,
        Trust::Config,
        &request.cache,
        feed.timeout,
        options,
    );
    let result = match answer {
        Ok(Answer::NotModified) => {
            info!("{}: not modified since the last fetch", feed.name);
            Ok(Fetched::NotModified)
        }
        Ok(Answer::Body {
            bytes,
            cache,
            deadline,
        }) => items_by(bytes, feed, &options.limits, deadline)
            .map_err(failed)
            .map(|(articles, mut notes)| {
                info!("{}: {} items", feed.name, articles.len());
                let (articles, mut problems) = if feed.full_text {
                    with_page_text(agents, request, articles, options)
                } else {
                    (articles, Vec::new())
                };
                let articles = articles
                    .into_iter()
                    .map(|article| {
                        limits::within(ingest::clean::cleaned(article), &options.limits, &mut notes)
                    })
                    .collect();
                problems.extend(notes.into_iter().map(|note| FetchError::Cut {
                    feed: feed.name.clone(),
                    url: feed.url.clone(),
                    note,
                }));
                Fetched::Fresh {
                    articles,
                    cache,
                    problems,
                }
            }),
        Err(reason) => Err(failed(reason)),
    };
    FeedOutcome {
        feed: feed.clone(),
        result,
    }
}

/// The feed's items, read by `deadline`: reading them counts against the feed's time,
/// as the download does, so a feed whose items take long to read holds the run no
/// longer than a slow server. The items' HTML stops at the deadline by itself; the feed's
/// XML is parsed in one call (feed-rs), so the reading runs on a thread of its own that
/// is left to finish on its own (bounded by `max_body_bytes`) when time is up.
fn items_by(
    bytes: Vec<u8>,
    feed: &Feed,
    limits: &Limits,
    deadline: Instant,
) -> Result<(Vec<Article>, Vec<String>), Reason> {
    let read = {
        let (url, name, limits) = (feed.url.clone(), feed.name.clone(), *limits);
        move || {
            let mut notes = Vec::new();
            ingest::articles_from_feed(
                &bytes,
                Some(&url),
                SourceName::Given(&name),
                &limits,
                Some(deadline),
                &mut notes,
            )
            .map(|articles| (articles, notes))
        }
    };
    let (sender, receiver) = mpsc::channel();
    let spawned = thread::Builder::new()
        .name("feed items".to_string())
        .spawn(move || sender.send(read()));
    let read = match spawned {
        Ok(_) => match receiver.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(read) => read,
            Err(mpsc::RecvTimeoutError::Timeout) => return Err(Reason::TimedOut(feed.timeout)),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(Reason::Other("reading its items failed".to_string()));
            }
        },
        Err(err) => {
            return Err(Reason::Other(format!(
                "cannot start reading its items: {err}"
            )));
        }
    };
    match read {
        Ok(_) if Instant::now() >= deadline => Err(Reason::TimedOut(feed.timeout)),
        Ok(read) => Ok(read),
        Err(reason) => Err(Reason::NotAFeed(reason)),
    }
}

/// Replaces each new item's text with the article text of its linked page, keeping the
/// feed's text when the page cannot be read or holds no article.
fn with_page_text(
    agents: &Agents,
    request: &FeedRequest,
    articles: Vec<Article>,
    options: &FetchOptions,
) -> (Vec<Article>, Vec<FetchError>) {
    let feed = &request.feed;
    let mut problems = Vec::new();
    let articles = articles
        .into_iter()
        .map(|mut article| {
            let Some(url) = article.url.clone() else {
                return article;
            };
            if request.known_ids.contains(&article.id) {
                return article;
            }
            match page_text(agents, &url, feed.timeout, options, &article.id) {
                Ok(Some(text)) => article.text = text,
                Ok(None) => debug!("{url}: no article text found; keeping the feed's text"),
                Err(reason) => problems.push(FetchError::Page {
                    feed: feed.name.clone(),
                    url,
                    reason,
                }),
            }
            article
        })
        .collect();
    (articles, problems)
}

/// The article text of an item's linked page: a URL from the feed's content, so it is
/// guarded. The page's timeout covers its parsing too.
fn page_text(
    agents: &Agents,
    url: &str,
    timeout: Duration,
    options: &FetchOptions,
    id: &str,
) -> Result<Option<String>, Reason> {
    let cache = CacheHeaders::default();
    match http::get(agents, url, Trust::Content, &cache, timeout, options)? {
        Answer::Body {
            bytes, deadline, ..
        } => {
            let page = String::from_utf8_lossy(&bytes);
            let mut notes = Vec::new();
            let budget = deadline.min(Instant::now() + parse_budget(page.len()));
            let article = ingest::article_from_html(id, &page, &options.limits, budget, &mut notes);
            if Instant::now() >= deadline {
                return Err(Reason::TimedOut(timeout));
            }
            for note in notes {
                debug!("{url}: {note}");
            }
            Ok(article
                .ok()
                .map(|article| article.text)
                .filter(|text| !text.trim().is_empty()))
        }
        // Only a conditional request can be answered 304, and this one is not.
        Answer::NotModified => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_read_as_one_line() {
        assert_eq!(
            Reason::TimedOut(Duration::from_secs(10)).to_string(),
            "timed out after 10s"
        );
        assert_eq!(
            Reason::Status {
                status: 500,
                attempts: 3
            }
            .to_string(),
            "server answered 500 Internal Server Error (tried 3 times)"
        );
        assert_eq!(
            Reason::TooLarge(16 * 1024 * 1024).to_string(),
            "response is larger than 16 MiB (max_body_bytes)"
        );
        let error = FetchError::Feed {
            feed: "Example News".into(),
            url: "https://example.com/rss.xml".into(),
            reason: Reason::Status {
                status: 404,
                attempts: 1,
            },
        };
        assert_eq!(
            error.to_string(),
            "reading feed \"Example News\" at https://example.com/rss.xml: server answered 404 Not Found"
        );
    }
}
