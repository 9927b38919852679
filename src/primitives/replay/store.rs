//! The contract of a replay store: what it records ([`ReplayEntry`]), how it refuses
//! ([`ReplayError`]), and the two ways it is called ([`ReplayCache`] inline,
//! [`AsyncReplayStore`] awaited).

use std::future::{self, Future};

use crate::wire::error::replay::StoreFailure;

/// Why a `jti` could not be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReplayError {
    /// The same client used this `jti` before, and that assertion has not expired.
    #[error("the jti was already used")]
    Replayed,
    /// The store cannot take another entry; the assertion is refused rather than accepted
    /// unrecorded.
    #[error("the replay store is full")]
    StoreFull,
    /// This client holds as many unexpired entries as the store allows one client; its
    /// assertion is refused rather than accepted unrecorded, and other clients go on.
    #[error("the client has as many unexpired jti entries as the replay store allows one client")]
    ClientQuotaExceeded,
    /// The store could not be reached, timed out or failed; the assertion is refused rather
    /// than accepted unrecorded.
    #[error("the replay store is unavailable: {0}")]
    Unavailable(StoreFailure),
}

/// A store of used `jti` values.
///
/// Implementations must record atomically: of two concurrent calls with the same
/// `(client_id, jti)`, exactly one may succeed.
pub trait ReplayCache: Send + Sync {
    /// Records `jti` for `client_id` until `remember_until` (Unix seconds), or refuses it when
    /// it is already recorded and `remember_until` of that record is not before `now`.
    ///
    /// # Errors
    ///
    /// [`ReplayError::Replayed`] for a replay; [`ReplayError::ClientQuotaExceeded`] when this
    /// client holds as many entries as the store allows one client; [`ReplayError::StoreFull`]
    /// or [`ReplayError::Unavailable`] when the store cannot record it.
    fn check_and_record(
        &self,
        client_id: &str,
        jti: &str,
        remember_until: i64,
        now: i64,
    ) -> Result<(), ReplayError>;

    /// [`ReplayCache::check_and_record`] for an entry.
    ///
    /// # Errors
    ///
    /// As [`ReplayCache::check_and_record`].
    fn record_entry(&self, entry: &ReplayEntry) -> Result<(), ReplayError> {
        self.check_and_record(
            entry.client_id(),
            entry.jti(),
            entry.remember_until(),
            entry.now(),
        )
    }
}

/// What to record for one accepted assertion: the client, the `jti`, until when, judged when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayEntry {
    client_id: String,
    jti: String,
    remember_until: i64,
    now: i64,
}

impl ReplayEntry {
    /// An entry for `jti` of `client_id`, remembered until `remember_until` (Unix seconds), as
    /// judged at `now`.
    pub fn new(
        client_id: impl Into<String>,
        jti: impl Into<String>,
        remember_until: i64,
        now: i64,
    ) -> Self {
        Self {
            client_id: client_id.into(),
            jti: jti.into(),
            remember_until,
            now,
        }
    }

    /// The client that used the `jti`.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The assertion's `jti`.
    pub fn jti(&self) -> &str {
        &self.jti
    }

    /// Until when the entry must be remembered: the assertion's `exp` plus the clock skew,
    /// Unix seconds.
    pub fn remember_until(&self) -> i64 {
        self.remember_until
    }

    /// The time the request was judged at, Unix seconds.
    pub fn now(&self) -> i64 {
        self.now
    }

    /// How long from `now` the entry must be remembered, in milliseconds (at least 1).
    pub fn remember_for_ms(&self) -> u64 {
        let seconds = self.remember_until.saturating_sub(self.now).max(0);
        u64::try_from(seconds)
            .unwrap_or(0)
            .saturating_mul(1000)
            .max(1)
    }
}

/// A store of used `jti` values that an async server awaits, so that a network round trip
/// does not block an executor thread.
///
/// Implementations must record atomically: of two concurrent calls with the same
/// `(client_id, jti)`, exactly one may succeed; and must fail closed: a store that cannot
/// answer returns [`ReplayError::Unavailable`], never `Ok`. Every [`ReplayCache`] is one.
pub trait AsyncReplayStore: Send + Sync {
    /// Records the entry, or refuses it as a replay.
    ///
    /// # Errors
    ///
    /// As [`ReplayCache::check_and_record`].
    fn record(&self, entry: &ReplayEntry) -> impl Future<Output = Result<(), ReplayError>> + Send;
}

impl<T: ReplayCache + ?Sized> AsyncReplayStore for T {
    fn record(&self, entry: &ReplayEntry) -> impl Future<Output = Result<(), ReplayError>> + Send {
        future::ready(self.record_entry(entry))
    }
}
