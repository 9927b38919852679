//! Unix seconds as RFC 3339 UTC dates, and as a distance from now ("3 min ago").

/// The system clock, Unix seconds.
pub(crate) fn system_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_secs()).ok())
        .unwrap_or(0)
}

/// `2025-11-28T03:20:00Z` (proleptic Gregorian calendar, UTC); `None` outside years 0–9999.
pub(crate) fn rfc3339(unix: i64) -> Option<String> {
    // Years 0..=9999: RFC 3339 has four-digit years.
    if !(-62_167_219_200..=253_402_300_799).contains(&unix) {
        return None;
    }
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    ))
}

/// A duration in words: `45 s`, `3 min`, `2 h 5 min`, `4 days`.
pub(crate) fn span(seconds: i64) -> String {
    let s = seconds.unsigned_abs();
    match s {
        0..=119 => format!("{s} s"),
        120..=7_199 => format!("{} min", s / 60),
        7_200..=172_799 => match s / 60 % 60 {
            0 => format!("{} h", s / 3600),
            m => format!("{} h {m} min", s / 3600),
        },
        _ => format!("{} days", s / 86_400),
    }
}

/// `at` relative to `now`: `3 min ago`, `in 45 s`, `now`.
pub(crate) fn relative(at: i64, now: i64) -> String {
    let d = at.saturating_sub(now);
    match d {
        0 => "now".to_owned(),
        d if d < 0 => format!("{} ago", span(d)),
        d => format!("in {}", span(d)),
    }
}

/// `2025-11-28T03:20:00Z (3 min ago)`, or the bare number when it is no date.
pub(crate) fn describe(at: i64, now: i64) -> String {
    match rfc3339(at) {
        Some(date) => format!("{date} ({})", relative(at, now)),
        None => format!("{at} (not a date)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_rfc3339_utc() {
        assert_eq!(rfc3339(0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(
            rfc3339(1_764_300_000).as_deref(),
            Some("2025-11-28T03:20:00Z")
        );
        assert_eq!(
            rfc3339(951_782_400).as_deref(),
            Some("2000-02-29T00:00:00Z")
        );
        assert_eq!(rfc3339(-1).as_deref(), Some("1969-12-31T23:59:59Z"));
        assert_eq!(rfc3339(i64::MAX), None);
    }

    #[test]
    fn distances_read_as_words() {
        assert_eq!(relative(100, 280), "3 min ago");
        assert_eq!(relative(145, 100), "in 45 s");
        assert_eq!(relative(7_500 + 100, 100), "in 2 h 5 min");
        assert_eq!(relative(0, 0), "now");
        assert_eq!(
            relative(i64::MIN, i64::MAX),
            format!("{} days ago", (1u64 << 63) / 86_400)
        );
    }
}
