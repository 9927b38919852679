//! [`JwksEvent`]: what the key fetcher did, for the operator's log. Its `Display` is the log
//! line; it names the URI and the failure, never key material.

use std::fmt;
use std::time::Duration;

use crate::wire::error::AuthError;

/// Why a `jwks_uri` was fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FetchTrigger {
    /// No key set was held for the URI.
    FirstUse,
    /// The held key set's freshness lifetime had passed.
    Expired,
    /// An assertion named a key the held set lacks, or no held key verified it.
    KeyMiss,
}

impl fmt::Display for FetchTrigger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::FirstUse => "first use",
            Self::Expired => "the cached set expired",
            Self::KeyMiss => "an assertion's key was not in the cached set",
        })
    }
}

/// What the key fetcher did with one `jwks_uri`; given to the observer set with
/// [`JwksConfig::on_event`](super::JwksConfig::on_event).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JwksEvent {
    /// A new key set was fetched and parsed (or the same content came again).
    Fetched {
        /// The `jwks_uri`.
        uri: String,
        /// Why it was fetched.
        trigger: FetchTrigger,
        /// How long it is fresh, after clamping.
        fresh_for: Duration,
    },
    /// The key server answered `304 Not Modified`: the held set is fresh again.
    Revalidated {
        /// The `jwks_uri`.
        uri: String,
        /// Why it was fetched.
        trigger: FetchTrigger,
        /// How long it is fresh, after clamping.
        fresh_for: Duration,
    },
    /// A fetch failed. With `stale_for`, a held set past its freshness, but within the grace
    /// period, keeps being used; without, requests for this client are refused until a fetch
    /// succeeds.
    FetchFailed {
        /// The `jwks_uri`.
        uri: String,
        /// Why it was fetched.
        trigger: FetchTrigger,
        /// Why it failed.
        error: AuthError,
        /// How long the held set has been stale, when it keeps being used.
        stale_for: Option<Duration>,
        /// The grace period.
        grace: Duration,
    },
}

impl fmt::Display for JwksEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Fetched {
                uri,
                trigger,
                fresh_for,
            } => write!(
                f,
                "jwks_uri {uri}: fetched the key set ({trigger}); fresh for {} s",
                fresh_for.as_secs()
            ),
            Self::Revalidated {
                uri,
                trigger,
                fresh_for,
            } => write!(
                f,
                "jwks_uri {uri}: revalidated, 304 Not Modified ({trigger}); fresh for {} s",
                fresh_for.as_secs()
            ),
            Self::FetchFailed {
                uri,
                trigger,
                error,
                stale_for: Some(stale),
                ..
            } if stale.is_zero() => write!(
                f,
                "jwks_uri {uri}: fetch failed ({trigger}): {error}; keeps using the cached key \
                 set, still fresh"
            ),
            Self::FetchFailed {
                uri,
                trigger,
                error,
                stale_for: Some(stale),
                grace,
            } => write!(
                f,
                "jwks_uri {uri}: fetch failed ({trigger}): {error}; keeps using the cached key \
                 set, stale for {} s, within the grace period of {} s",
                stale.as_secs(),
                grace.as_secs()
            ),
            Self::FetchFailed {
                uri,
                trigger,
                error,
                stale_for: None,
                ..
            } => write!(
                f,
                "jwks_uri {uri}: fetch failed ({trigger}): {error}; no usable cached key set"
            ),
        }
    }
}
