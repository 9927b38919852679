//! Replay protection for client assertions (RFC 7523 §3 item 7; OpenID Connect Core §9).
//!
//! A `jti` is remembered, per client, until the assertion's `exp` plus the clock skew; a second
//! use in that window is refused. [`ReplayCache`] is the trait a multi-instance server
//! implements over a shared store (an atomic "insert if absent with expiry", such as Redis
//! `SET key value NX EXAT t`); [`InMemoryReplayCache`] serves a single process.

use std::collections::HashMap;
use std::sync::Mutex;

/// Why a `jti` could not be recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReplayError {
    /// The same client used this `jti` before, and that assertion has not expired.
    #[error("the jti was already used")]
    Replayed,
    /// The store cannot take another entry; the assertion is refused rather than accepted
    /// unrecorded.
    #[error("the replay store is full")]
    StoreFull,
    /// The store could not be reached; the assertion is refused rather than accepted
    /// unrecorded.
    #[error("the replay store is unavailable")]
    Unavailable,
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
    /// [`ReplayError::Replayed`] for a replay; [`ReplayError::StoreFull`] or
    /// [`ReplayError::Unavailable`] when the store cannot record it.
    fn check_and_record(
        &self,
        client_id: &str,
        jti: &str,
        remember_until: i64,
        now: i64,
    ) -> Result<(), ReplayError>;
}

/// The default capacity of [`InMemoryReplayCache::new`]: one million entries, a few hundred
/// MiB at most with bounded `jti` and `client_id` lengths.
pub const DEFAULT_REPLAY_CAPACITY: usize = 1_000_000;

/// A bounded in-memory [`ReplayCache`] for a single server process.
///
/// Expired entries are dropped whenever the cache fills; when it is full of unexpired entries,
/// new assertions are refused with [`ReplayError::StoreFull`] (failing closed).
#[derive(Debug)]
pub struct InMemoryReplayCache {
    capacity: usize,
    inner: Mutex<Inner>,
}

/// The entries, and the earliest time any of them stops being remembered, so that a full cache
/// is swept only when a sweep can free something (a full cache of unexpired entries answers
/// at once instead of scanning every entry on every request).
#[derive(Debug, Default)]
struct Inner {
    entries: HashMap<(String, String), i64>,
    earliest_until: Option<i64>,
}

impl InMemoryReplayCache {
    /// A cache holding at most [`DEFAULT_REPLAY_CAPACITY`] entries.
    pub fn new() -> Self {
        Self::with_capacity(DEFAULT_REPLAY_CAPACITY)
    }

    /// A cache holding at most `capacity` entries.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            capacity,
            inner: Mutex::new(Inner::default()),
        }
    }

    /// The number of entries held, expired ones included until they are swept.
    pub fn len(&self) -> usize {
        self.inner.lock().map(|i| i.entries.len()).unwrap_or(0)
    }

    /// Whether the cache holds no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Default for InMemoryReplayCache {
    fn default() -> Self {
        Self::new()
    }
}

impl ReplayCache for InMemoryReplayCache {
    fn check_and_record(
        &self,
        client_id: &str,
        jti: &str,
        remember_until: i64,
        now: i64,
    ) -> Result<(), ReplayError> {
        let mut inner = self.inner.lock().map_err(|_| ReplayError::Unavailable)?;
        let key = (client_id.to_owned(), jti.to_owned());
        if let Some(&until) = inner.entries.get(&key) {
            // RFC 7523 §3 item 7: a jti seen before, still remembered, is a replay.
            if until >= now {
                return Err(ReplayError::Replayed);
            }
        }
        if inner.entries.len() >= self.capacity && !inner.entries.contains_key(&key) {
            // Sweep only when some entry has expired; otherwise fail closed at once.
            if inner.earliest_until.is_some_and(|earliest| earliest < now) {
                inner.entries.retain(|_, until| *until >= now);
                inner.earliest_until = inner.entries.values().copied().min();
            }
            if inner.entries.len() >= self.capacity {
                return Err(ReplayError::StoreFull);
            }
        }
        inner.entries.insert(key, remember_until);
        inner.earliest_until = Some(
            inner
                .earliest_until
                .map_or(remember_until, |e| e.min(remember_until)),
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_use_of_a_jti_is_a_replay() {
        let c = InMemoryReplayCache::new();
        assert_eq!(c.check_and_record("a", "j1", 200, 100), Ok(()));
        assert_eq!(
            c.check_and_record("a", "j1", 200, 150),
            Err(ReplayError::Replayed)
        );
        // Keyed per client.
        assert_eq!(c.check_and_record("b", "j1", 200, 150), Ok(()));
    }

    #[test]
    fn expired_entry_is_forgotten() {
        let c = InMemoryReplayCache::new();
        assert_eq!(c.check_and_record("a", "j1", 200, 100), Ok(()));
        assert_eq!(
            c.check_and_record("a", "j1", 300, 200),
            Err(ReplayError::Replayed)
        );
        assert_eq!(c.check_and_record("a", "j1", 400, 201), Ok(()));
    }

    #[test]
    fn full_cache_sweeps_expired_entries_then_fails_closed() {
        let c = InMemoryReplayCache::with_capacity(2);
        assert_eq!(c.check_and_record("a", "1", 110, 100), Ok(()));
        assert_eq!(c.check_and_record("a", "2", 500, 100), Ok(()));
        assert_eq!(
            c.check_and_record("a", "3", 500, 105),
            Err(ReplayError::StoreFull)
        );
        // "1" has expired by 111 and is swept to make room.
        assert_eq!(c.check_and_record("a", "3", 500, 111), Ok(()));
        assert_eq!(c.len(), 2);
        // Full of entries remembered until 500: refused without a sweep, until they expire.
        assert_eq!(
            c.check_and_record("a", "4", 600, 300),
            Err(ReplayError::StoreFull)
        );
        assert_eq!(c.check_and_record("a", "4", 600, 501), Ok(()));
        assert_eq!(c.len(), 1);
    }
}
