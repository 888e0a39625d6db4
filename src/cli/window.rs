//! The time window a briefing from the store covers, from `--since`, `--from`, `--to`,
//! `--date` and the config's `since`.
//!
//! The window ends now, or at the end of `--date` when that is another day (so
//! `run --date 2025-12-08` rebuilds that day), or at `--to`. It starts `since` before its
//! end, or at `--from`. A bare day means local midnight: `--from 2025-12-01` starts at the
//! beginning of that day and `--to 2025-12-07` ends at the end of that day.

use std::time::Duration;

use chrono::{DateTime, Days, FixedOffset, Local, NaiveDate, TimeDelta, TimeZone, Utc};

use crate::cli::{Failure, Status, WindowArgs};
use crate::store::Window;

/// A `--from`/`--to` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Instant(DateTime<FixedOffset>),
    Day(NaiveDate),
}

pub fn parse_bound(text: &str) -> Result<Bound, String> {
    let text = text.trim();
    DateTime::parse_from_rfc3339(text)
        .map(Bound::Instant)
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d").map(Bound::Day))
        .map_err(|_| {
            format!("cannot read {text:?}: expected RFC 3339 (2025-12-08T06:00:00Z) or YYYY-MM-DD")
        })
}

/// A `--date` value: `today`, `yesterday` (both in local time) or `YYYY-MM-DD`.
pub fn parse_day(text: &str) -> Result<NaiveDate, String> {
    day_from(text, Local::now().date_naive())
}

/// [`parse_day`] with `today` given, so it can be tested on any day.
fn day_from(text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let text = text.trim();
    match text.to_ascii_lowercase().as_str() {
        "today" => Ok(today),
        "yesterday" => today
            .pred_opt()
            .ok_or_else(|| "there is no day before the first one".to_string()),
        _ => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
            format!("cannot read {text:?} as a day: expected YYYY-MM-DD (like 2025-12-08), today or yesterday")
        }),
    }
}

/// The window and the day the briefing is for.
pub fn window_and_date(
    args: &WindowArgs,
    date: Option<NaiveDate>,
    default_since: Duration,
    now: DateTime<Local>,
) -> Result<(Window, NaiveDate), Failure> {
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
            let since = args.since.unwrap_or(default_since);
            let since = TimeDelta::from_std(since).map_err(|_| {
                Failure::new(Status::Usage, format!("--since {since:?} is too long"))
            })?;
            to - since
        }
    };
    if from >= to {
        return Err(Failure::new(
            Status::Usage,
            format!(
                "the window is empty: it starts at {} and ends at {}",
                from.to_rfc3339(),
                to.to_rfc3339()
            ),
        ));
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

    fn args(since: Option<&str>, from: Option<&str>, to: Option<&str>) -> WindowArgs {
        WindowArgs {
            since: since.map(|s| crate::config::duration::parse_duration(s).unwrap()),
            from: from.map(|s| parse_bound(s).unwrap()),
            to: to.map(|s| parse_bound(s).unwrap()),
        }
    }

    fn now() -> DateTime<Local> {
        DateTime::parse_from_rfc3339("2025-12-10T06:00:00Z")
            .unwrap()
            .with_timezone(&Local)
    }

    const DAY: Duration = Duration::from_secs(86_400);

    #[test]
    fn by_default_the_window_ends_now() {
        let (window, date) = window_and_date(&args(None, None, None), None, DAY, now()).unwrap();
        assert_eq!(window.to, now().to_utc());
        assert_eq!(window.to - window.from, TimeDelta::days(1));
        assert_eq!(date, now().date_naive());
    }

    #[test]
    fn another_date_ends_the_window_at_that_days_end() {
        let day = NaiveDate::from_ymd_opt(2025, 12, 8).unwrap();
        let (window, date) =
            window_and_date(&args(Some("12h"), None, None), Some(day), DAY, now()).unwrap();
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
            DAY,
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
                error.contains("expected YYYY-MM-DD") && error.contains(&format!("{bad:?}")),
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
            DAY,
            now(),
        )
        .unwrap_err();
        assert_eq!(failure.status, Status::Usage);
    }
}
