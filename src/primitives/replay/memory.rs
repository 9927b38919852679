//! [`InMemoryReplayCache`]: a bounded replay store for a single server process, with a quota
//! per client.

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::Mutex;

use super::store::{ReplayCache, ReplayError};
use crate::wire::error::replay::StoreFailure;

/// The default capacity of [`InMemoryReplayCache::new`]: one million entries, a few hundred
/// MiB at most with bounded `jti` and `client_id` lengths.
pub const DEFAULT_REPLAY_CAPACITY: usize = 1_000_000;

/// The default number of unexpired entries one client may hold in an [`InMemoryReplayCache`]:
/// a tenth of [`DEFAULT_REPLAY_CAPACITY`]. A client that makes a fresh assertion for every
/// request holds one entry per request made within an assertion's lifetime plus the skew
/// (10 requests a second with 5-minute assertions: about 3,300 entries).
pub const DEFAULT_REPLAY_PER_CLIENT_CAPACITY: usize = 100_000;

/// A bounded in-memory [`ReplayCache`] for a single server process.
///
/// Two bounds keep it from growing without limit and from being filled by one client:
/// the whole cache holds at most `capacity` entries, and each client at most
/// `per_client_capacity`. Expired entries are dropped whenever a bound is reached. A client
/// at its own bound with unexpired entries is refused with [`ReplayError::ClientQuotaExceeded`]
/// while other clients go on; a cache full of unexpired entries refuses everyone with
/// [`ReplayError::StoreFull`] (failing closed, never accepting an assertion unrecorded).
#[derive(Debug)]
pub struct InMemoryReplayCache {
    /// The bound on one shard's entries.
    capacity: usize,
    /// The bound on one client's entries in one shard.
    per_client_capacity: usize,
    /// A power of two of shards.
    shards: Box<[Mutex<Inner>]>,
    hasher: RandomState,
}

/// The most shards of one cache.
const MAX_SHARDS: usize = 32;
/// The fewest entries one shard holds when a cache is sharded.
pub const MIN_SHARD_CAPACITY: usize = 4096;
/// The fewest entries of one client one shard holds when a cache is sharded.
pub const MIN_SHARD_PER_CLIENT: usize = 256;

/// The entries per client, their total, and the earliest time any of them stops being
/// remembered, so that a full cache is swept only when a sweep can free something (a full
/// cache of unexpired entries answers at once instead of scanning every entry on every
/// request).
#[derive(Debug, Default)]
struct Inner {
    clients: HashMap<String, ClientEntries>,
    len: usize,
    earliest_until: Option<i64>,
}

/// One client's `jti` values, each with the time until which it is remembered.
#[derive(Debug, Default)]
struct ClientEntries {
    jtis: HashMap<String, i64>,
    earliest_until: Option<i64>,
}

impl ClientEntries {
    /// Drops the expired entries when one can have expired; returns how many were dropped.
    fn sweep(&mut self, now: i64) -> usize {
        if self.earliest_until.is_none_or(|earliest| earliest >= now) {
            return 0;
        }
        let before = self.jtis.len();
        self.jtis.retain(|_, until| *until >= now);
        self.earliest_until = self.jtis.values().copied().min();
        before - self.jtis.len()
    }
}

impl InMemoryReplayCache {
    /// A cache holding at most [`DEFAULT_REPLAY_CAPACITY`] entries, and
    /// [`DEFAULT_REPLAY_PER_CLIENT_CAPACITY`] per client.
    pub fn new() -> Self {
        Self::with_capacity(DEFAULT_REPLAY_CAPACITY)
    }

    /// A cache holding at most `capacity` entries, and [`DEFAULT_REPLAY_PER_CLIENT_CAPACITY`]
    /// per client.
    pub fn with_capacity(capacity: usize) -> Self {
        Self::with_limits(capacity, DEFAULT_REPLAY_PER_CLIENT_CAPACITY)
    }

    /// A cache holding at most `capacity` entries in all and `per_client_capacity` unexpired
    /// entries for any one client.
    ///
    /// Large caches are split into shards, each with its own lock, so that threads recording
    /// at once rarely wait for each other: an entry's shard is chosen by a keyed hash of its
    /// client and `jti` (keyed per cache, so a client cannot aim its `jti`s at one shard). Each
    /// shard holds its share of both bounds, so neither is ever exceeded; a client nears its
    /// quota when one shard holds its share, a little before the whole quota with uneven
    /// hashing. Limits too small to share (under [`MIN_SHARD_CAPACITY`] entries or
    /// [`MIN_SHARD_PER_CLIENT`] per client per shard) keep one shard, and exact bounds.
    pub fn with_limits(capacity: usize, per_client_capacity: usize) -> Self {
        let mut shards = MAX_SHARDS;
        while shards > 1
            && (capacity / shards < MIN_SHARD_CAPACITY
                || per_client_capacity / shards < MIN_SHARD_PER_CLIENT)
        {
            shards /= 2;
        }
        Self {
            capacity: capacity / shards,
            per_client_capacity: per_client_capacity / shards,
            shards: (0..shards).map(|_| Mutex::new(Inner::default())).collect(),
            hasher: RandomState::new(),
        }
    }

    /// The number of entries held, expired ones included until they are swept.
    pub fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|shard| shard.lock().map_or(0, |inner| inner.len))
            .sum()
    }

    /// Whether the cache holds no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The number of shards (1 for small limits).
    pub fn shards(&self) -> usize {
        self.shards.len()
    }

    /// The shard of an entry.
    fn shard(&self, client_id: &str, jti: &str) -> Option<&Mutex<Inner>> {
        let mut hasher = self.hasher.build_hasher();
        client_id.hash(&mut hasher);
        jti.hash(&mut hasher);
        // The shard count is a power of two: the low bits pick one.
        let index = usize::try_from(hasher.finish()).unwrap_or_default() & (self.shards.len() - 1);
        self.shards.get(index)
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
        let poisoned = || {
            ReplayError::Unavailable(StoreFailure::new("the in-memory store's lock is poisoned"))
        };
        let shard = self.shard(client_id, jti).ok_or_else(poisoned)?;
        let mut inner = shard.lock().map_err(|_| poisoned())?;
        inner.record(
            client_id,
            jti,
            remember_until,
            now,
            self.capacity,
            self.per_client_capacity,
        )
    }
}

impl Inner {
    /// Records an entry in this shard, within the shard's bounds.
    fn record(
        &mut self,
        client_id: &str,
        jti: &str,
        remember_until: i64,
        now: i64,
        capacity: usize,
        per_client_capacity: usize,
    ) -> Result<(), ReplayError> {
        let mut needs_slot = true;
        if let Some(client) = self.clients.get_mut(client_id) {
            if let Some(&until) = client.jtis.get(jti) {
                // RFC 7523 §3 item 7: a jti seen before, still remembered, is a replay.
                if until >= now {
                    return Err(ReplayError::Replayed);
                }
                // An expired entry is overwritten in place.
                needs_slot = false;
            }
            // Crate policy (availability): one client's unexpired entries are bounded, so
            // that a client holding valid keys cannot fill the cache for every other client.
            if needs_slot && client.jtis.len() >= per_client_capacity {
                self.len -= client.sweep(now);
                if client.jtis.len() >= per_client_capacity {
                    return Err(ReplayError::ClientQuotaExceeded);
                }
            }
        } else if per_client_capacity == 0 {
            return Err(ReplayError::ClientQuotaExceeded);
        }
        if needs_slot && self.len >= capacity {
            // Sweep only when some entry has expired; otherwise fail closed at once.
            if self.earliest_until.is_some_and(|earliest| earliest < now) {
                let mut dropped = 0;
                for client in self.clients.values_mut() {
                    dropped += client.sweep(now);
                }
                self.clients.retain(|_, c| !c.jtis.is_empty());
                self.len -= dropped;
                self.earliest_until = self.clients.values().filter_map(|c| c.earliest_until).min();
            }
            if self.len >= capacity {
                return Err(ReplayError::StoreFull);
            }
        }
        let client = match self.clients.get_mut(client_id) {
            Some(client) => client,
            None => self.clients.entry(client_id.to_owned()).or_default(),
        };
        client.jtis.insert(jti.to_owned(), remember_until);
        client.earliest_until = Some(
            client
                .earliest_until
                .map_or(remember_until, |e| e.min(remember_until)),
        );
        if needs_slot {
            self.len += 1;
        }
        self.earliest_until = Some(
            self.earliest_until
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

    #[test]
    fn one_client_at_its_quota_is_refused_and_others_go_on() {
        let c = InMemoryReplayCache::with_limits(10, 2);
        assert_eq!(c.check_and_record("greedy", "1", 110, 100), Ok(()));
        assert_eq!(c.check_and_record("greedy", "2", 500, 100), Ok(()));
        assert_eq!(
            c.check_and_record("greedy", "3", 500, 105),
            Err(ReplayError::ClientQuotaExceeded)
        );
        // Another client is not affected.
        assert_eq!(c.check_and_record("other", "3", 500, 105), Ok(()));
        assert_eq!(c.check_and_record("other", "4", 500, 105), Ok(()));
        // Replays are still told apart from the quota.
        assert_eq!(
            c.check_and_record("greedy", "2", 500, 105),
            Err(ReplayError::Replayed)
        );
        // Once "1" has expired, the greedy client has room again.
        assert_eq!(c.check_and_record("greedy", "3", 500, 111), Ok(()));
        assert_eq!(c.len(), 4);
    }

    #[test]
    fn a_full_store_is_store_full_for_a_client_under_its_quota() {
        let c = InMemoryReplayCache::with_limits(3, 2);
        assert_eq!(c.check_and_record("a", "1", 500, 100), Ok(()));
        assert_eq!(c.check_and_record("a", "2", 500, 100), Ok(()));
        assert_eq!(c.check_and_record("b", "1", 500, 100), Ok(()));
        assert_eq!(
            c.check_and_record("c", "1", 500, 100),
            Err(ReplayError::StoreFull)
        );
        // An expired entry of the same jti is reused in place, and needs no new slot.
        assert_eq!(c.check_and_record("b", "1", 900, 501), Ok(()));
    }

    #[test]
    fn a_zero_quota_records_nothing() {
        let c = InMemoryReplayCache::with_limits(10, 0);
        assert_eq!(
            c.check_and_record("a", "1", 500, 100),
            Err(ReplayError::ClientQuotaExceeded)
        );
        assert!(c.is_empty());
    }

    #[test]
    fn large_caches_are_sharded_and_small_ones_are_exact() {
        assert_eq!(InMemoryReplayCache::new().shards(), 32);
        assert_eq!(InMemoryReplayCache::with_limits(10, 2).shards(), 1);
        assert_eq!(
            InMemoryReplayCache::with_limits(4 * MIN_SHARD_CAPACITY, 4 * MIN_SHARD_PER_CLIENT)
                .shards(),
            4
        );
    }

    #[test]
    fn sharded_bounds_are_never_exceeded() {
        let quota = 4 * MIN_SHARD_PER_CLIENT;
        let c = InMemoryReplayCache::with_limits(4 * MIN_SHARD_CAPACITY, quota);
        assert_eq!(c.shards(), 4);
        // One greedy client: refused at its quota or a little before, never after.
        let mut accepted = 0;
        for n in 0..2 * quota {
            match c.check_and_record("greedy", &n.to_string(), 500, 100) {
                Ok(()) => accepted += 1,
                Err(e) => assert_eq!(e, ReplayError::ClientQuotaExceeded),
            }
        }
        assert!(accepted <= quota, "{accepted}");
        assert!(accepted >= quota * 9 / 10, "{accepted}");
        // Another client goes on.
        assert_eq!(c.check_and_record("other", "1", 500, 100), Ok(()));
        // Replays are found whatever the shard.
        assert_eq!(
            c.check_and_record("greedy", "0", 500, 100),
            Err(ReplayError::Replayed)
        );
        // The whole store: filled by many clients, never beyond its capacity.
        let mut total = c.len();
        for n in 0..8 * MIN_SHARD_CAPACITY {
            if c.check_and_record(&format!("c{}", n % 1000), &n.to_string(), 500, 100)
                .is_ok()
            {
                total += 1;
            }
        }
        assert_eq!(total, c.len());
        assert!(c.len() <= 4 * MIN_SHARD_CAPACITY, "{}", c.len());
        assert_eq!(
            c.check_and_record("late", "x", 500, 100),
            Err(ReplayError::StoreFull)
        );
    }
}
