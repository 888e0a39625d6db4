//! The time window a briefing from the store covers, from `--since`, `--from`, `--to`,
//! `--date` and the config's `since` ([`WindowSpec`]), and reading the days and times
//! those flags are given as.
//!
//! The window ends now, or at the end of `--date` when that is another day (so
//! `run --date 2025-12-08` rebuilds that day), or at `--to`. It starts `since` before its
//! end, or at `--from`. A bare day means local midnight: `--from 2025-12-01` starts at the
//! beginning of that day and `--to 2025-12-07` ends at the end of that day.

use std::time::Duration;

use chrono::{DateTime, Days, FixedOffset, Local, NaiveDate, TimeDelta, TimeZone, Utc};

use crate::store::Window;

/// Which stored articles a briefing covers, as asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowSpec {
    /// How far back the window reaches from its end, unless `from` is given.
    pub since: Duration,
    pub from: Option<Bound>,
    pub to: Option<Bound>,
}

/// A window that cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WindowError {
    #[error("--since {0:?} is too long")]
    TooLong(Duration),
    #[error("the window is empty: it starts at {from} and ends at {to}")]
    Empty { from: String, to: String },
}

/// A day or time that cannot be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TimeError {
    #[error("cannot read {0:?}: expected RFC 3339 (2025-12-08T06:00:00Z) or YYYY-MM-DD")]
    Bound(String),
    #[error(
        "cannot read {0:?} as a day: expected YYYY-MM-DD (like 2025-12-08), today or yesterday"
    )]
    Day(String),
    #[error("there is no day before the first one")]
    BeforeTheFirstDay,
}

/// A `--from`/`--to` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Instant(DateTime<FixedOffset>),
    Day(NaiveDate),
}

pub fn parse_bound(text: &str) -> Result<Bound, TimeError> {
    let text = text.trim();
    DateTime::parse_from_rfc3339(text)
        .map(Bound::Instant)
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d").map(Bound::Day))
        .map_err(|_| TimeError::Bound(text.to_string()))
}

/// A `--date` value: `today`, `yesterday` (both in local time) or `YYYY-MM-DD`.
pub fn parse_day(text: &str) -> Result<NaiveDate, TimeError> {
    day_from(text, Local::now().date_naive())
}

/// [`parse_day`] with `today` given, so it can be tested on any day.
fn day_from(text: &str, today: NaiveDate) -> Result<NaiveDate, TimeError> {
    let text = text.trim();
    match text.to_ascii_lowercase().as_str() {
        "today" => Ok(today),
        "yesterday" => today.pred_opt().ok_or(TimeError::BeforeTheFirstDay),
        _ => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| TimeError::Day(text.to_string())),
    }
}

/// The window and the day the briefing is for.
pub fn window_and_date(
    args: &WindowSpec,
    date: Option<NaiveDate>,
    now: DateTime<Local>,
) -> Result<(Window, NaiveDate), WindowError> {
    let today = now.date_naive();
    let to = match (args.to, date) {
        (Some(Bound::Instant(instant)), _) => instant.to_utc(),
        (Some(Bound::Day(day)), _) => local_midnight_after(day),
        (None, Some(day)) if day != today => local_midnight_after(day),
        (None, _) => now.to_utc(),
    };
    let from = match args.from {
        Some(Bound::Instant(instant)) => instant.to_utc(),
        Some(Bound::Day(day)) => local_midnight(day),
        None => {
            let since =
                TimeDelta::from_std(args.since).map_err(|_| WindowError::TooLong(args.since))?;
            to - since
        }
    };
    if from >= to {
        return Err(WindowError::Empty {
            from: from.to_rfc3339(),
            to: to.to_rfc3339(),
        });
    }
    let date = date.unwrap_or_else(|| match args.to {
        // A window that ends in the past is that day's briefing.
        Some(_) => (to - TimeDelta::seconds(1))
            .with_timezone(&Local)
            .date_naive(),
        None => today,
    });
    Ok((Window { from, to }, date))
}

fn local_midnight(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    // A day can start inside a daylight-saving gap; the earliest valid time is its start.
    Local
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |t| t.to_utc())
}

fn local_midnight_after(day: NaiveDate) -> DateTime<Utc> {
    local_midnight(day.checked_add_days(Days::new(1)).unwrap_or(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: Duration = Duration::from_secs(86_400);

    fn args(since: Option<&str>, from: Option<&str>, to: Option<&str>) -> WindowSpec {
        WindowSpec {
            since: since.map_or(DAY, |s| crate::config::duration::parse_duration(s).unwrap()),
            from: from.map(|s| parse_bound(s).unwrap()),
            to: to.map(|s| parse_bound(s).unwrap()),
        }
    }

    fn now() -> DateTime<Local> {
        DateTime::parse_from_rfc3339("2025-12-10T06:00:00Z")
            .unwrap()
            .with_timezone(&Local)
    }

    #[test]
    fn by_default_the_window_ends_now() {
        let (window, date) = window_and_date(&args(None, None, None), None, now()).unwrap();
        assert_eq!(window.to, now().to_utc());
        assert_eq!(window.to - window.from, TimeDelta::days(1));
        assert_eq!(date, now().date_naive());
    }

    #[test]
    fn another_date_ends_the_window_at_that_days_end() {
        let day = NaiveDate::from_ymd_opt(2025, 12, 8).unwrap();
        let (window, date) =
            window_and_date(&args(Some("12h"), None, None), Some(day), now()).unwrap();
        assert_eq!(date, day);
        assert_eq!(
            window.to,
            local_midnight(NaiveDate::from_ymd_opt(2025, 12, 9).unwrap())
        );
        assert_eq!(window.to - window.from, TimeDelta::hours(12));
    }

    #[test]
    fn from_and_to_days_cover_whole_days() {
        let (window, date) = window_and_date(
            &args(None, Some("2025-12-01"), Some("2025-12-07")),
            None,
            now(),
        )
        .unwrap();
        assert_eq!(
            window.from,
            local_midnight(NaiveDate::from_ymd_opt(2025, 12, 1).unwrap())
        );
        assert_eq!(
            window.to,
            local_midnight(NaiveDate::from_ymd_opt(2025, 12, 8).unwrap())
        );
        assert_eq!(date, NaiveDate::from_ymd_opt(2025, 12, 7).unwrap());
    }

    #[test]
    fn a_day_is_a_date_today_or_yesterday() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(day_from("today", today), Ok(today));
        assert_eq!(
            day_from(" Yesterday ", today),
            Ok(NaiveDate::from_ymd_opt(2026, 2, 28).unwrap())
        );
        assert_eq!(
            day_from("2025-12-08", today),
            Ok(NaiveDate::from_ymd_opt(2025, 12, 8).unwrap())
        );
        for bad in ["tomorrow", "2025-13-01", "08/12/2025", ""] {
            let error = day_from(bad, today).unwrap_err();
            assert!(
                error.to_string().contains("expected YYYY-MM-DD")
                    && error.to_string().contains(&format!("{bad:?}")),
                "{error}"
            );
        }
    }

    #[test]
    fn an_empty_window_is_refused() {
        let failure = window_and_date(
            &args(
                None,
                Some("2025-12-09T00:00:00Z"),
                Some("2025-12-08T00:00:00Z"),
            ),
            None,
            now(),
        )
        .unwrap_err();
        assert!(matches!(failure, WindowError::Empty { .. }), "{failure}");
    }
}
