//! One HTTP GET, done politely and within bounds: conditional (ETag, Last-Modified) so
//! an unchanged feed costs a 304, a timeout for the whole exchange, a cap on the body,
//! and a few retries with growing pauses after a server error (5xx) or a failed
//! connection, never after a 4xx, which asking again cannot fix.
//!
//! It knows nothing of feeds: it gives bytes or a [`Reason`] it failed.

use std::io::ErrorKind;
use std::thread;
use std::time::Duration;

use tracing::{debug, info};
use ureq::Agent;

use super::{CacheHeaders, FetchOptions, Reason};

/// What the server gave.
pub(super) enum Answer {
    /// The copy we have is current (304).
    NotModified,
    Body {
        bytes: Vec<u8>,
        cache: CacheHeaders,
    },
}

/// One agent is shared by every worker thread, so connections to one host are reused.
pub(super) fn agent_for(options: &FetchOptions) -> Agent {
    let config = Agent::config_builder()
        // Statuses are ours to judge: a 304 is an answer and a 5xx may be retried.
        .http_status_as_error(false)
        .user_agent(options.user_agent.as_str())
        .build();
    Agent::new_with_config(config)
}

/// GETs `url`, retrying what may pass.
pub(super) fn get(
    agent: &Agent,
    url: &str,
    cache: &CacheHeaders,
    timeout: Duration,
    options: &FetchOptions,
) -> Result<Answer, Reason> {
    let mut attempt: u32 = 1;
    loop {
        match get_once(agent, url, cache, timeout, options.max_body_bytes) {
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

fn get_once(
    agent: &Agent,
    url: &str,
    cache: &CacheHeaders,
    timeout: Duration,
    max_body_bytes: u64,
) -> Result<Answer, Failed> {
    let mut request = agent
        .get(url)
        .config()
        .timeout_global(Some(timeout))
        .build();
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
    if status.as_u16() == 304 {
        return Ok(Answer::NotModified);
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
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
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
    Ok(Answer::Body { bytes, cache })
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
        ureq::Error::Io(err) => match err.kind() {
            ErrorKind::TimedOut | ErrorKind::WouldBlock => settled(Reason::TimedOut(timeout)),
            ErrorKind::ConnectionRefused => connect("connection refused".to_string()),
            ErrorKind::ConnectionReset => connect("connection reset".to_string()),
            ErrorKind::ConnectionAborted => connect("connection aborted".to_string()),
            ErrorKind::NotConnected | ErrorKind::AddrNotAvailable => connect(err.to_string()),
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
