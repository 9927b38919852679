//! How long a fetched JWK Set stays fresh: the response's `Cache-Control` (RFC 9111 §5.2), less
//! its `Age` (RFC 9111 §4.2.3), clamped to the configured bounds.

use std::time::Duration;

/// What the response's caching headers say about its freshness lifetime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lifetime {
    /// No freshness information: the configured minimum applies.
    Unstated,
    /// Fresh for this many seconds (zero: revalidate at once).
    Seconds(u64),
}

/// RFC 9111 §1.2.2: a delta-seconds too large to represent is taken as 2^31.
const DELTA_SECONDS_CAP: u64 = 2_147_483_648;

/// Reads the `Cache-Control` field values (every field line, in order) and the `Age` value.
///
/// - RFC 9111 §5.2: directive names are compared case-insensitively; arguments may be tokens or
///   quoted strings.
/// - RFC 9111 §5.2.2.1: `max-age=N` gives the lifetime.
/// - RFC 9111 §5.2.2.4, §5.2.2.5: `no-cache` and `no-store` mean no reuse without
///   revalidation: a lifetime of zero (the configured minimum still applies: crate policy, the
///   keys must be kept to be used at all, and the minimum bounds the load on the key server).
/// - RFC 9111 §4.2.1: a directive present twice, or an invalid value, makes the response stale.
/// - RFC 9111 §4.2.3: the response's `Age` is subtracted from the lifetime.
pub(crate) fn lifetime<'a>(
    cache_control: impl IntoIterator<Item = &'a str>,
    age: Option<&str>,
) -> Lifetime {
    let mut max_age = None;
    let mut stale = false;
    for value in cache_control {
        for directive in value.split(',') {
            let (name, argument) = match directive.split_once('=') {
                Some((name, argument)) => (name.trim(), Some(argument.trim())),
                None => (directive.trim(), None),
            };
            if name.eq_ignore_ascii_case("no-cache") || name.eq_ignore_ascii_case("no-store") {
                stale = true;
            } else if name.eq_ignore_ascii_case("max-age") {
                match (max_age, argument.and_then(delta_seconds)) {
                    (None, Some(seconds)) => max_age = Some(seconds),
                    // Twice, or not a delta-seconds: RFC 9111 §4.2.1, stale.
                    _ => stale = true,
                }
            }
        }
    }
    if stale {
        return Lifetime::Seconds(0);
    }
    match max_age {
        None => Lifetime::Unstated,
        Some(seconds) => {
            let age = age.and_then(delta_seconds).unwrap_or(0);
            Lifetime::Seconds(seconds.saturating_sub(age))
        }
    }
}

/// RFC 9111 §1.2.2: `delta-seconds = 1*DIGIT`, here also in the quoted-string form that
/// RFC 9111 §5.2 asks recipients to accept.
fn delta_seconds(text: &str) -> Option<u64> {
    let text = text.trim();
    let digits = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // All digits: the only failure left is overflow, which saturates.
    Some(
        digits
            .parse::<u64>()
            .map_or(DELTA_SECONDS_CAP, |n| n.min(DELTA_SECONDS_CAP)),
    )
}

/// The longest lifetime whatever the configuration: a year (so that no instant overflows).
const MAX_LIFETIME: Duration = Duration::from_secs(365 * 24 * 3600);

/// The lifetime clamped to `[min, max]` (crate policy: a key server cannot make the cache
/// fetch on every request, nor keep a key set for longer than the operator allows). An
/// unstated lifetime is the minimum. Never more than a year.
pub(crate) fn clamp(lifetime: Lifetime, min: Duration, max: Duration) -> Duration {
    let stated = match lifetime {
        Lifetime::Unstated => min,
        Lifetime::Seconds(seconds) => Duration::from_secs(seconds),
    };
    stated.max(min).min(max.max(min)).min(MAX_LIFETIME)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(values: &[&str], age: Option<&str>) -> Lifetime {
        lifetime(values.iter().copied(), age)
    }

    #[test]
    fn cache_control_table() {
        use Lifetime::{Seconds, Unstated};
        let table: &[(&[&str], Option<&str>, Lifetime)] = &[
            (&[], None, Unstated),
            (&["public"], None, Unstated),
            (&["max-age=600"], None, Seconds(600)),
            (&["public, max-age=600"], None, Seconds(600)),
            (&["Max-Age=600"], None, Seconds(600)),
            (&["max-age=\"600\""], None, Seconds(600)),
            (&[" max-age = 600 "], None, Seconds(600)),
            (&["max-age=0"], None, Seconds(0)),
            // RFC 9111 §4.2.3: Age is subtracted.
            (&["max-age=600"], Some("100"), Seconds(500)),
            (&["max-age=600"], Some("900"), Seconds(0)),
            (&["max-age=600"], Some("junk"), Seconds(600)),
            // RFC 9111 §1.2.2: too large saturates at 2^31.
            (
                &["max-age=99999999999999999999999"],
                None,
                Seconds(2_147_483_648),
            ),
            // RFC 9111 §4.2.1: twice (in one line or across lines), or invalid: stale.
            (&["max-age=600, max-age=60"], None, Seconds(0)),
            (&["max-age=600", "max-age=600"], None, Seconds(0)),
            (&["max-age=-1"], None, Seconds(0)),
            (&["max-age=1.5"], None, Seconds(0)),
            (&["max-age"], None, Seconds(0)),
            (&["max-age="], None, Seconds(0)),
            // RFC 9111 §5.2.2.4, §5.2.2.5.
            (&["no-cache, max-age=600"], None, Seconds(0)),
            (&["no-store"], None, Seconds(0)),
            // Not ours: s-maxage is for shared caches (RFC 9111 §5.2.2.10).
            (&["s-maxage=600"], None, Unstated),
        ];
        for (values, age, want) in table {
            assert_eq!(parse(values, *age), *want, "{values:?} age {age:?}");
        }
    }

    #[test]
    fn lifetimes_are_clamped_to_the_bounds() {
        let min = Duration::from_secs(300);
        let max = Duration::from_secs(86_400);
        let clamped = |lifetime| clamp(lifetime, min, max).as_secs();
        assert_eq!(clamped(Lifetime::Unstated), 300);
        assert_eq!(clamped(Lifetime::Seconds(0)), 300);
        assert_eq!(clamped(Lifetime::Seconds(299)), 300);
        assert_eq!(clamped(Lifetime::Seconds(3600)), 3600);
        assert_eq!(clamped(Lifetime::Seconds(86_401)), 86_400);
        assert_eq!(clamped(Lifetime::Seconds(2_147_483_648)), 86_400);
        // Never beyond a year, whatever the configuration.
        assert_eq!(
            clamp(
                Lifetime::Seconds(2_147_483_648),
                Duration::MAX,
                Duration::MAX
            ),
            MAX_LIFETIME
        );
        // A maximum below the minimum: the minimum wins.
        assert_eq!(
            clamp(Lifetime::Seconds(5), min, Duration::from_secs(1)),
            min
        );
        // A zero minimum lets max-age=0 through: revalidate on the next request.
        assert_eq!(
            clamp(Lifetime::Seconds(0), Duration::ZERO, max),
            Duration::ZERO
        );
    }
}
