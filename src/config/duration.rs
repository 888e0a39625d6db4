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

#[cfg(test)]
mod tests {
    use super::*;

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
