//! One HTTP GET, done politely and within bounds: conditional (ETag, Last-Modified) so
//! an unchanged feed costs a 304, a timeout for the whole exchange (redirects
//! included), a cap on the body, and a few retries with growing pauses after a server
//! error (5xx) or a failed connection, never after a 4xx, which asking again cannot fix.
//!
//! Redirects are followed here, not by ureq, so that each hop can be judged: only the
//! first request for a URL the config names goes wherever it leads; every redirect, and
//! every URL a feed's content gives, goes through the [`guard`](super::guard) that
//! keeps fetches off internal addresses. It knows nothing of feeds: it gives bytes or
//! a [`Reason`] it failed.

use std::io::ErrorKind;
use std::thread;
use std::time::{Duration, Instant};

use tracing::{debug, info};
use ureq::Agent;
use ureq::unversioned::resolver::DefaultResolver;
use ureq::unversioned::transport::DefaultConnector;

use super::guard::{self, AllowList, GuardedResolver};
use super::{CacheHeaders, FetchOptions, Reason};

/// The most redirects one request follows.
const MAX_REDIRECTS: usize = 5;

/// What the server gave.
pub(super) enum Answer {
    /// The copy we have is current (304).
    NotModified,
    Body {
        bytes: Vec<u8>,
        cache: CacheHeaders,
        /// When the time for this exchange runs out: whatever is done with the body
        /// (parsing it) must be done by then.
        deadline: Instant,
    },
}

/// Whose word a URL is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Trust {
    /// A feed URL the user wrote in the config: it may be on the LAN.
    Config,
    /// A URL a feed's content gives (an item's link): it may not reach internal
    /// addresses unless `[fetch] allow_private` allows them.
    Content,
}

/// The agents every worker thread shares, so connections to one host are reused: one
/// that goes anywhere, for the URLs the config names, and one that checks each address
/// it connects to.
pub(super) struct Agents {
    config_urls: Agent,
    guarded: Agent,
    allowed: AllowList,
}

pub(super) fn agents_for(options: &FetchOptions) -> Agents {
    let config = || {
        Agent::config_builder()
            // Statuses are ours to judge: a 304 is an answer and a 5xx may be retried.
            .http_status_as_error(false)
            // Each hop is judged here before it is followed.
            .max_redirects(0)
            .user_agent(options.user_agent.as_str())
            .build()
    };
    let resolver = GuardedResolver {
        allowed: options.allow_private.clone(),
    };
    Agents {
        config_urls: Agent::with_parts(
            config(),
            DefaultConnector::default(),
            DefaultResolver::default(),
        ),
        guarded: Agent::with_parts(config(), DefaultConnector::default(), resolver),
        allowed: options.allow_private.clone(),
    }
}

/// GETs `url`, following redirects and retrying what may pass. Each try has `timeout`
/// for its whole exchange.
pub(super) fn get(
    agents: &Agents,
    url: &str,
    trust: Trust,
    cache: &CacheHeaders,
    timeout: Duration,
    options: &FetchOptions,
) -> Result<Answer, Reason> {
    let mut attempt: u32 = 1;
    loop {
        match get_following(agents, url, trust, cache, timeout, options.max_body_bytes) {
            Ok(answer) => return Ok(answer),
            Err(failed) if failed.may_pass && attempt <= options.retries => {
                let pause = pause_before_retry(options.first_backoff, attempt);
                info!("{url}: {}; trying again in {pause:?}", failed.reason);
                thread::sleep(pause);
                attempt += 1;
            }
            Err(failed) => return Err(failed.reason.after_attempts(attempt)),
        }
    }
}

/// The pause doubles with each retry: 0.5s, 1s, 2s, ...
fn pause_before_retry(first: Duration, attempt: u32) -> Duration {
    first.saturating_mul(1 << attempt.saturating_sub(1).min(16))
}

struct Failed {
    reason: Reason,
    /// Whether the same request could succeed a moment later.
    may_pass: bool,
}

impl Failed {
    fn settled(reason: Reason) -> Failed {
        Failed {
            reason,
            may_pass: false,
        }
    }
}

/// One try: the request and the redirects it leads to, within `timeout` in all.
fn get_following(
    agents: &Agents,
    url: &str,
    trust: Trust,
    cache: &CacheHeaders,
    timeout: Duration,
    max_body_bytes: u64,
) -> Result<Answer, Failed> {
    let deadline = Instant::now() + timeout;
    let mut url = url.to_string();
    let mut trust = trust;
    for _ in 0..=MAX_REDIRECTS {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Failed::settled(Reason::TimedOut(timeout)));
        }
        let agent = match trust {
            Trust::Config => &agents.config_urls,
            Trust::Content => {
                refuse_through_proxy(agents, &url, left)?;
                &agents.guarded
            }
        };
        match get_once(agent, &url, cache, left, timeout, max_body_bytes)? {
            Hop::NotModified => return Ok(Answer::NotModified),
            Hop::Body { bytes, cache } => {
                return Ok(Answer::Body {
                    bytes,
                    cache,
                    deadline,
                });
            }
            Hop::Redirect(location) => {
                url = redirect_target(&url, &location)?;
                debug!("redirected to {url}");
                // A redirect is the server's word, not the user's.
                trust = Trust::Content;
            }
        }
    }
    Err(Failed::settled(Reason::Other(format!(
        "more than {MAX_REDIRECTS} redirects"
    ))))
}

/// Through a proxy the guarded resolver is not asked about the target: its name is
/// checked here instead, as this machine resolves it.
fn refuse_through_proxy(agents: &Agents, url: &str, left: Duration) -> Result<(), Failed> {
    let Ok(uri) = url.parse::<ureq::http::Uri>() else {
        return Ok(());
    };
    match guard::proxied_target_refusal(agents.guarded.config(), &uri, &agents.allowed, left) {
        Some(refused) => Err(Failed::settled(Reason::Refused(refused))),
        None => Ok(()),
    }
}

/// Where a redirect leads: its `Location`, read against the URL that gave it, if it is
/// an http(s) URL.
fn redirect_target(from: &str, location: &str) -> Result<String, Failed> {
    let bad = |why: String| Failed::settled(Reason::Other(format!("bad redirect: {why}")));
    let base = url::Url::parse(from).map_err(|err| bad(err.to_string()))?;
    let target = base
        .join(location.trim())
        .map_err(|err| bad(format!("Location {location:?}: {err}")))?;
    if !matches!(target.scheme(), "http" | "https") {
        return Err(bad(format!("to {target}, which is not http(s)")));
    }
    Ok(target.to_string())
}

/// What one request gave: an answer, or where to go next.
enum Hop {
    NotModified,
    Body { bytes: Vec<u8>, cache: CacheHeaders },
    Redirect(String),
}

fn get_once(
    agent: &Agent,
    url: &str,
    cache: &CacheHeaders,
    left: Duration,
    timeout: Duration,
    max_body_bytes: u64,
) -> Result<Hop, Failed> {
    let mut request = agent.get(url).config().timeout_global(Some(left)).build();
    if let Some(etag) = &cache.etag {
        request = request.header("If-None-Match", etag);
    }
    if let Some(modified) = &cache.last_modified {
        request = request.header("If-Modified-Since", modified);
    }
    let mut response = request
        .call()
        .map_err(|err| failure_of(err, timeout, max_body_bytes))?;
    let status = response.status();
    debug!("{url}: {status}");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    if status.as_u16() == 304 {
        return Ok(Hop::NotModified);
    }
    if matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308)
        && let Some(location) = header("location")
    {
        return Ok(Hop::Redirect(location));
    }
    if !status.is_success() {
        return Err(Failed {
            reason: Reason::Status {
                status: status.as_u16(),
                attempts: 1,
            },
            may_pass: status.is_server_error(),
        });
    }
    let cache = CacheHeaders {
        etag: header("etag"),
        last_modified: header("last-modified"),
    };
    let bytes = response
        .body_mut()
        .with_config()
        .limit(max_body_bytes)
        .read_to_vec()
        .map_err(|err| failure_of(err, timeout, max_body_bytes))?;
    Ok(Hop::Body { bytes, cache })
}

fn failure_of(error: ureq::Error, timeout: Duration, max_body_bytes: u64) -> Failed {
    let connect = |reason: String| Failed {
        reason: Reason::Connect {
            reason,
            attempts: 1,
        },
        may_pass: true,
    };
    let settled = |reason: Reason| Failed {
        reason,
        may_pass: false,
    };
    match error {
        // A server that accepted the connection and then went quiet is likely to do
        // so again: waiting for it twice would only hold up the other feeds.
        ureq::Error::Timeout(_) => settled(Reason::TimedOut(timeout)),
        ureq::Error::HostNotFound => connect("host not found".to_string()),
        ureq::Error::ConnectionFailed => connect("connection failed".to_string()),
        ureq::Error::BodyExceedsLimit(_) => settled(Reason::TooLarge(max_body_bytes)),
        ureq::Error::Io(err) => match (guard::refusal_in(&err), err.kind()) {
            (Some(refused), _) => settled(Reason::Refused(refused.clone())),
            (_, ErrorKind::TimedOut | ErrorKind::WouldBlock) => settled(Reason::TimedOut(timeout)),
            (_, ErrorKind::ConnectionRefused) => connect("connection refused".to_string()),
            (_, ErrorKind::ConnectionReset) => connect("connection reset".to_string()),
            (_, ErrorKind::ConnectionAborted) => connect("connection aborted".to_string()),
            (_, ErrorKind::NotConnected | ErrorKind::AddrNotAvailable) => connect(err.to_string()),
            _ => settled(Reason::Other(err.to_string())),
        },
        other => settled(Reason::Other(other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_double() {
        let first = Duration::from_millis(500);
        assert_eq!(pause_before_retry(first, 1), Duration::from_millis(500));
        assert_eq!(pause_before_retry(first, 2), Duration::from_secs(1));
        assert_eq!(pause_before_retry(first, 3), Duration::from_secs(2));
    }
}
