//! Durations as people write them in a config file or on the command line: `500ms`,
//! `30s`, `10m`, `24h`, `7d`, or a sum such as `1h30m`.
//!
//! It owns reading them; it does not decide which durations make sense where (a
//! timeout of a week is the caller's problem).

use std::time::Duration;

/// Reads `30s`, `10m`, `24h`, `7d`, `500ms` or a sum such as `1h30m`; a bare `0` is zero.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let trimmed = text.trim();
    let explain = || {
        format!(
            "invalid duration {trimmed:?}: expected a number and a unit (ms, s, m, h, d), like 30s, 10m or 24h"
        )
    };
    if trimmed == "0" {
        return Ok(Duration::ZERO);
    }
    let mut total = Duration::ZERO;
    let mut rest = trimmed;
    if rest.is_empty() {
        return Err(explain());
    }
    while !rest.is_empty() {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 {
            return Err(explain());
        }
        let number: u64 = rest[..digits].parse().map_err(|_| explain())?;
        rest = &rest[digits..];
        let unit_len = rest.chars().take_while(char::is_ascii_alphabetic).count();
        let seconds_per_unit = match &rest[..unit_len] {
            "ms" => None,
            "s" => Some(1),
            "m" => Some(60),
            "h" => Some(3_600),
            "d" => Some(86_400),
            _ => return Err(explain()),
        };
        rest = &rest[unit_len..];
        let part = match seconds_per_unit {
            None => Duration::from_millis(number),
            Some(unit) => number
                .checked_mul(unit)
                .map(Duration::from_secs)
                .ok_or_else(explain)?,
        };
        total = total.checked_add(part).ok_or_else(explain)?;
    }
    Ok(total)
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
        for bad in ["", "24", "h", "2x", "1.5h", "-1h", "99999999999999999999d"] {
            let error = parse_duration(bad).unwrap_err();
            assert!(error.starts_with("invalid duration"), "{bad}: {error}");
        }
    }
}
