//! Durations as people write them in a config file or on the command line: `500ms`,
//! `30s`, `10m`, `24h`, `7d`, or a sum such as `1h30m`, read by `humantime` (which also
//! takes `1.5h`, `2days` and the like).
//!
//! It owns reading them and writing them back the way the config does ([`duration_text`]:
//! `24h`, `7d`, where humantime writes `1day`); it does not decide which durations make
//! sense where (a timeout of a week is the caller's problem).

use std::time::Duration;

/// A duration that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid duration {0:?}: expected a number and a unit (ms, s, m, h, d), like 30s, 10m or 24h"
)]
pub struct DurationError(String);

/// Reads `30s`, `10m`, `24h`, `7d`, `500ms` or a sum such as `1h30m`; a bare `0` is zero.
pub fn parse_duration(text: &str) -> Result<Duration, DurationError> {
    let trimmed = text.trim();
    humantime::parse_duration(trimmed).map_err(|_| DurationError(trimmed.to_string()))
}

/// A duration as it would be written in the config: `24h`, `1h30m`, `2s`, `500ms`.
pub fn duration_text(duration: Duration) -> String {
    const DAY: u64 = 86_400;
    let millis = duration.subsec_millis();
    let mut seconds = duration.as_secs();
    // People say "24h" and "36h" but "7d": days only for whole days beyond one.
    if millis == 0 && seconds >= 2 * DAY && seconds.is_multiple_of(DAY) {
        return format!("{}d", seconds / DAY);
    }
    let mut out = String::new();
    for (unit, size) in [("h", 3_600), ("m", 60), ("s", 1)] {
        if seconds >= size {
            out.push_str(&format!("{}{unit}", seconds / size));
            seconds %= size;
        }
    }
    if millis > 0 || out.is_empty() {
        out.push_str(&format!("{millis}ms"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_told_as_they_are_written() {
        for text in ["24h", "36h", "1h30m", "2s", "500ms", "7d", "1m1s"] {
            assert_eq!(duration_text(parse_duration(text).unwrap()), text);
        }
        assert_eq!(duration_text(Duration::ZERO), "0ms");
    }

    #[test]
    fn reads_the_usual_forms() {
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("24h"), Ok(Duration::from_secs(86_400)));
        assert_eq!(parse_duration("7d"), Ok(Duration::from_secs(7 * 86_400)));
        assert_eq!(parse_duration(" 1h30m "), Ok(Duration::from_secs(5_400)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("0"), Ok(Duration::ZERO));
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        for bad in ["", "24", "h", "2x", "-1h", "99999999999999999999d"] {
            let error = parse_duration(bad).unwrap_err().to_string();
            assert!(error.starts_with("invalid duration"), "{bad}: {error}");
        }
    }
}
