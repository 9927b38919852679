//! The key sets held per `jwks_uri`, and when each may be fetched again.
//!
//! - A held set is used while fresh (its clamped `Cache-Control` lifetime).
//! - At most one fetch per URI per refetch interval, whatever asks for it (an expired set, a
//!   key miss, a previous failure): crate policy, so that assertions naming unknown `kid`s
//!   cannot turn into a request flood against the client's key server.
//! - One fetch at a time per URI (single flight): concurrent requests wait for it and use its
//!   result.
//! - A failed fetch keeps a stale set in use within the grace period; past it, or with nothing
//!   held, the failure refuses the request.
//! - A bounded number of URIs; the least recently used one is forgotten first.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::cache_control::clamp;
use super::event::{FetchTrigger, JwksEvent};
use super::fetch::{Fetched, Source};
use crate::primitives::assertion::key::JwkSet;
use crate::wire::error::registration::MetadataError;
use crate::wire::error::replay::StoreFailure;
use crate::wire::error::AuthError;

/// The observer of [`JwksEvent`]s.
pub(crate) type Observer = Arc<dyn Fn(&JwksEvent) + Send + Sync>;

/// The cache's timings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Timing {
    pub(crate) min_ttl: Duration,
    pub(crate) max_ttl: Duration,
    pub(crate) refetch_interval: Duration,
    pub(crate) grace: Duration,
}

/// A key set in hand, and the count of fetches of its URI when it was read (to tell whether
/// another request fetched since).
#[derive(Debug, Clone)]
pub(crate) struct Keys {
    pub(crate) set: Arc<JwkSet>,
    pub(crate) attempts: u64,
}

struct Held {
    set: Arc<JwkSet>,
    etag: Option<String>,
    /// SHA-256 of the document, so that an unchanged document is not parsed again.
    digest: [u8; 32],
    fresh_until: Instant,
}

#[derive(Default)]
struct State {
    held: Option<Held>,
    last_attempt: Option<Instant>,
    attempts: u64,
    /// The failure of the last fetch, answered until the next one may be tried.
    last_error: Option<AuthError>,
    last_used: Option<Instant>,
}

#[derive(Default)]
struct Entry {
    state: Mutex<State>,
    /// Held across a fetch: one fetch per URI at a time.
    flight: tokio::sync::Mutex<()>,
}

/// Whether a fetch may start at `now`, the last one having started at `last`: crate policy, at
/// most one per `interval`.
pub(crate) fn may_fetch(last: Option<Instant>, now: Instant, interval: Duration) -> bool {
    last.is_none_or(|last| now.saturating_duration_since(last) >= interval)
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // The state is consistent after every statement: a poisoned lock is as good as a clean one.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The key sets, per URI.
pub(crate) struct KeyCache<S> {
    source: S,
    timing: Timing,
    max_uris: usize,
    entries: Mutex<HashMap<String, Arc<Entry>>>,
    observer: Option<Observer>,
}

impl<S: Source> KeyCache<S> {
    pub(crate) fn new(
        source: S,
        timing: Timing,
        max_uris: usize,
        observer: Option<Observer>,
    ) -> Self {
        Self {
            source,
            timing,
            max_uris: max_uris.max(1),
            entries: Mutex::new(HashMap::new()),
            observer,
        }
    }

    /// The entry of `uri`, made (forgetting the least recently used one when full) if new.
    fn entry(&self, uri: &str, now: Instant) -> Arc<Entry> {
        let mut entries = lock(&self.entries);
        if let Some(entry) = entries.get(uri) {
            let entry = Arc::clone(entry);
            drop(entries);
            lock(&entry.state).last_used = Some(now);
            return entry;
        }
        while entries.len() >= self.max_uris {
            let oldest = entries
                .iter()
                .min_by_key(|(_, entry)| lock(&entry.state).last_used)
                .map(|(uri, _)| uri.clone());
            match oldest {
                Some(oldest) => entries.remove(&oldest),
                None => break,
            };
        }
        let entry = Arc::new(Entry::default());
        lock(&entry.state).last_used = Some(now);
        entries.insert(uri.to_owned(), Arc::clone(&entry));
        entry
    }

    /// The key set of `uri`: the held one while fresh, else fetched (at most once per
    /// interval), else the stale one within the grace period.
    ///
    /// # Errors
    ///
    /// [`AuthError::KeySourceUnavailable`] when no usable set can be had;
    /// [`AuthError::InvalidClientMetadata`] when the URI may not be fetched or its document is
    /// not a usable JWK Set.
    pub(crate) async fn keys(&self, uri: &str) -> Result<Keys, AuthError> {
        let now = Instant::now();
        let entry = self.entry(uri, now);
        let (seen, trigger) = {
            let state = lock(&entry.state);
            match &state.held {
                Some(held) if now < held.fresh_until => {
                    return Ok(Keys {
                        set: Arc::clone(&held.set),
                        attempts: state.attempts,
                    })
                }
                Some(_) => (state.attempts, FetchTrigger::Expired),
                None => (state.attempts, FetchTrigger::FirstUse),
            }
        };
        self.refresh(uri, &entry, seen, trigger).await
    }

    /// The source, for tests.
    #[cfg(test)]
    pub(crate) fn source(&self) -> &S {
        &self.source
    }

    /// After a key miss with `seen` (what [`KeyCache::keys`] gave): the set fetched since by
    /// another request, or a fresh fetch if the interval allows one, or the same set.
    ///
    /// # Errors
    ///
    /// As [`KeyCache::keys`].
    pub(crate) async fn after_key_miss(&self, uri: &str, seen: &Keys) -> Result<Keys, AuthError> {
        let entry = self.entry(uri, Instant::now());
        self.refresh(uri, &entry, seen.attempts, FetchTrigger::KeyMiss)
            .await
    }

    async fn refresh(
        &self,
        uri: &str,
        entry: &Entry,
        seen: u64,
        trigger: FetchTrigger,
    ) -> Result<Keys, AuthError> {
        let _flight = entry.flight.lock().await;
        let started = Instant::now();
        let etag = {
            let state = lock(&entry.state);
            let fetched_since = state.attempts != seen;
            let fresh = state
                .held
                .as_ref()
                .is_some_and(|held| started < held.fresh_until);
            let allowed = may_fetch(state.last_attempt, started, self.timing.refetch_interval);
            if fetched_since || (fresh && trigger != FetchTrigger::KeyMiss) || !allowed {
                return self.without_fetch(&state, started);
            }
            state.held.as_ref().and_then(|held| held.etag.clone())
        };
        let result = self.source.fetch(uri, etag.as_deref()).await;
        let done = Instant::now();
        let (outcome, event) = {
            let mut state = lock(&entry.state);
            state.attempts = state.attempts.wrapping_add(1);
            state.last_attempt = Some(started);
            self.apply(&mut state, uri, trigger, result, done)
        };
        if let (Some(observer), Some(event)) = (&self.observer, event) {
            observer(&event);
        }
        outcome
    }

    /// The answer when no fetch may be made now: the held set while fresh or within grace,
    /// else the last failure.
    fn without_fetch(&self, state: &State, now: Instant) -> Result<Keys, AuthError> {
        match &state.held {
            Some(held)
                if held
                    .fresh_until
                    .checked_add(self.timing.grace)
                    .is_none_or(|until| now < until) =>
            {
                Ok(Keys {
                    set: Arc::clone(&held.set),
                    attempts: state.attempts,
                })
            }
            _ => Err(state
                .last_error
                .clone()
                .unwrap_or_else(|| AuthError::KeySourceUnavailable {
                    failure: StoreFailure::new(
                        "the cached key set is past its grace period and the refetch interval \
                         has not passed",
                    ),
                })),
        }
    }

    /// Records a fetch's result.
    fn apply(
        &self,
        state: &mut State,
        uri: &str,
        trigger: FetchTrigger,
        result: Result<Fetched, AuthError>,
        now: Instant,
    ) -> (Result<Keys, AuthError>, Option<JwksEvent>) {
        let fresh = |lifetime| clamp(lifetime, self.timing.min_ttl, self.timing.max_ttl);
        let failed = match result {
            Ok(Fetched::Document {
                body,
                etag,
                lifetime,
            }) => {
                let digest: [u8; 32] = Sha256::digest(&body).into();
                let unchanged = state
                    .held
                    .as_ref()
                    .filter(|held| held.digest == digest)
                    .map(|held| Arc::clone(&held.set));
                match unchanged.map_or_else(|| parse(&body).map(Arc::new), Ok) {
                    Ok(set) => {
                        let fresh_for = fresh(lifetime);
                        state.held = Some(Held {
                            set: Arc::clone(&set),
                            etag,
                            digest,
                            fresh_until: now.checked_add(fresh_for).unwrap_or(now),
                        });
                        state.last_error = None;
                        let event = JwksEvent::Fetched {
                            uri: uri.to_owned(),
                            trigger,
                            fresh_for,
                        };
                        let keys = Keys {
                            set,
                            attempts: state.attempts,
                        };
                        return (Ok(keys), Some(event));
                    }
                    Err(e) => e,
                }
            }
            Ok(Fetched::NotModified { lifetime }) => match &mut state.held {
                Some(held) => {
                    let fresh_for = fresh(lifetime);
                    held.fresh_until = now.checked_add(fresh_for).unwrap_or(now);
                    let keys = Keys {
                        set: Arc::clone(&held.set),
                        attempts: state.attempts,
                    };
                    state.last_error = None;
                    let event = JwksEvent::Revalidated {
                        uri: uri.to_owned(),
                        trigger,
                        fresh_for,
                    };
                    return (Ok(keys), Some(event));
                }
                None => AuthError::KeySourceUnavailable {
                    failure: StoreFailure::new("304 Not Modified with no key set held"),
                },
            },
            Err(e) => e,
        };
        state.last_error = Some(failed.clone());
        let kept = self.without_fetch(state, now).ok();
        let stale_for = kept.as_ref().and_then(|_| {
            let held = state.held.as_ref()?;
            Some(now.saturating_duration_since(held.fresh_until))
        });
        let event = JwksEvent::FetchFailed {
            uri: uri.to_owned(),
            trigger,
            error: failed.clone(),
            stale_for,
            grace: self.timing.grace,
        };
        (kept.ok_or(failed), Some(event))
    }
}

/// A fetched document, parsed by the registration's own rules (RFC 7517 §5, as for `jwks`).
fn parse(body: &[u8]) -> Result<JwkSet, AuthError> {
    let document: Value = serde_json::from_slice(body).map_err(|_| {
        AuthError::InvalidClientMetadata(MetadataError::InvalidJwks(
            "the document at jwks_uri is not JSON",
        ))
    })?;
    JwkSet::parse(&document).map_err(AuthError::InvalidClientMetadata)
}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::jwks::cache_control::Lifetime;
    use crate::primitives::assertion::testing::{jwks, TestKey};

    /// A key server in memory: counts fetches, answers after a delay.
    pub(crate) struct MemorySource {
        pub(crate) document: Mutex<Result<Value, ()>>,
        pub(crate) fetches: AtomicUsize,
        pub(crate) delay: Duration,
    }

    impl MemorySource {
        pub(crate) fn new(document: Value) -> Self {
            Self {
                document: Mutex::new(Ok(document)),
                fetches: AtomicUsize::new(0),
                delay: Duration::from_millis(50),
            }
        }
    }

    impl Source for MemorySource {
        async fn fetch(&self, _uri: &str, etag: Option<&str>) -> Result<Fetched, AuthError> {
            self.fetches.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(self.delay).await;
            let document = lock(&self.document).clone();
            let document = document.map_err(|()| AuthError::KeySourceUnavailable {
                failure: StoreFailure::new("connection refused"),
            })?;
            let body = document.to_string().into_bytes();
            let tag = format!("\"{}\"", body.len());
            if etag == Some(tag.as_str()) {
                return Ok(Fetched::NotModified {
                    lifetime: Lifetime::Seconds(0),
                });
            }
            Ok(Fetched::Document {
                body,
                etag: Some(tag),
                lifetime: Lifetime::Seconds(0),
            })
        }
    }

    pub(crate) fn timing(refetch_interval: Duration, min_ttl: Duration) -> Timing {
        Timing {
            min_ttl,
            max_ttl: Duration::from_secs(86_400),
            refetch_interval,
            grace: Duration::from_secs(3600),
        }
    }

    const URI: &str = "https://keys.example/jwks";
    const HOUR: Duration = Duration::from_secs(3600);

    #[test]
    fn refetch_interval_rule() {
        let t0 = Instant::now();
        let minute = Duration::from_secs(60);
        assert!(may_fetch(None, t0, minute));
        assert!(!may_fetch(Some(t0), t0, minute));
        assert!(!may_fetch(Some(t0), t0 + Duration::from_secs(59), minute));
        assert!(may_fetch(Some(t0), t0 + minute, minute));
        // A clock that seems to go backwards never allows an early fetch.
        assert!(!may_fetch(Some(t0 + minute), t0, minute));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_first_uses_share_one_fetch() {
        let cache = Arc::new(KeyCache::new(
            MemorySource::new(jwks(&[(TestKey::P256, "a")])),
            timing(HOUR, HOUR),
            10,
            None,
        ));
        let tasks: Vec<_> = (0..32)
            .map(|_| {
                let cache = Arc::clone(&cache);
                tokio::spawn(async move { cache.keys(URI).await.map(|k| k.set) })
            })
            .collect();
        let mut sets = Vec::new();
        for task in tasks {
            sets.push(task.await.unwrap().unwrap());
        }
        assert_eq!(cache.source.fetches.load(Ordering::SeqCst), 1);
        assert!(sets.iter().all(|s| Arc::ptr_eq(s, &sets[0])));
        // Fresh: served from the cache.
        cache.keys(URI).await.unwrap();
        assert_eq!(cache.source.fetches.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn key_misses_refetch_once_per_interval_and_share_it() {
        let cache = Arc::new(KeyCache::new(
            MemorySource::new(jwks(&[(TestKey::P256, "a")])),
            timing(Duration::ZERO, HOUR),
            10,
            None,
        ));
        let seen = cache.keys(URI).await.unwrap();
        // Rotated: 32 concurrent misses against the set they saw share one refetch.
        *lock(&cache.source.document) = Ok(jwks(&[(TestKey::P384, "b")]));
        let tasks: Vec<_> = (0..32)
            .map(|_| {
                let (cache, seen) = (Arc::clone(&cache), seen.clone());
                tokio::spawn(async move { cache.after_key_miss(URI, &seen).await.map(|k| k.set) })
            })
            .collect();
        for task in tasks {
            let set = task.await.unwrap().unwrap();
            assert!(!Arc::ptr_eq(&set, &seen.set));
        }
        assert_eq!(cache.source.fetches.load(Ordering::SeqCst), 2);

        // With an interval of an hour, a miss right after a fetch fetches nothing.
        let cache = KeyCache::new(
            MemorySource::new(jwks(&[(TestKey::P256, "a")])),
            timing(HOUR, HOUR),
            10,
            None,
        );
        let seen = cache.keys(URI).await.unwrap();
        for _ in 0..100 {
            let again = cache.after_key_miss(URI, &seen).await.unwrap();
            assert!(Arc::ptr_eq(&again.set, &seen.set));
        }
        assert_eq!(cache.source.fetches.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn revalidation_keeps_the_parsed_set() {
        let cache = KeyCache::new(
            MemorySource::new(jwks(&[(TestKey::P256, "a")])),
            timing(Duration::ZERO, Duration::ZERO),
            10,
            None,
        );
        let first = cache.keys(URI).await.unwrap();
        // Lifetime zero: the next use revalidates, gets 304, keeps the same parsed set.
        let second = cache.keys(URI).await.unwrap();
        assert_eq!(cache.source.fetches.load(Ordering::SeqCst), 2);
        assert!(Arc::ptr_eq(&first.set, &second.set));
    }

    #[tokio::test]
    async fn outages_use_the_stale_set_within_grace_then_refuse() {
        let events = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&events);
        let observer: Observer = Arc::new(move |e: &JwksEvent| lock(&log).push(e.to_string()));
        let mut timing = timing(Duration::ZERO, Duration::ZERO);
        let cache = KeyCache::new(
            MemorySource::new(jwks(&[(TestKey::P256, "a")])),
            timing,
            10,
            Some(Arc::clone(&observer)),
        );
        cache.keys(URI).await.unwrap();
        *lock(&cache.source.document) = Err(());
        assert!(cache.keys(URI).await.is_ok());
        let last = lock(&events).last().cloned().unwrap();
        assert!(last.contains("keeps using the cached key set"), "{last}");

        // No grace: the outage refuses, as temporarily_unavailable.
        timing.grace = Duration::ZERO;
        let cache = KeyCache::new(
            MemorySource::new(jwks(&[(TestKey::P256, "a")])),
            timing,
            10,
            Some(observer),
        );
        cache.keys(URI).await.unwrap();
        *lock(&cache.source.document) = Err(());
        let err = cache.keys(URI).await.unwrap_err();
        assert_eq!(err.status(), 503, "{err}");
        assert!(lock(&events)
            .last()
            .unwrap()
            .contains("no usable cached key set"));

        // Nothing held: 503, and the failure is answered without a new fetch until the
        // interval has passed.
        let cache = KeyCache::new(
            MemorySource::new(jwks(&[])),
            super::tests::timing(HOUR, HOUR),
            10,
            None,
        );
        *lock(&cache.source.document) = Err(());
        assert_eq!(cache.keys(URI).await.unwrap_err().status(), 503);
        assert_eq!(cache.keys(URI).await.unwrap_err().status(), 503);
        assert_eq!(cache.source.fetches.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_document_that_is_not_a_jwk_set_is_a_registration_error() {
        let cache = KeyCache::new(
            MemorySource::new(serde_json::json!({"keys": "no"})),
            timing(HOUR, HOUR),
            10,
            None,
        );
        let err = cache.keys(URI).await.unwrap_err();
        assert!(matches!(
            err,
            AuthError::InvalidClientMetadata(MetadataError::InvalidJwks(_))
        ));
        assert_eq!(err.oauth_code().as_str(), "invalid_client");
    }

    #[tokio::test]
    async fn the_number_of_uris_is_bounded() {
        let cache = KeyCache::new(
            MemorySource::new(jwks(&[(TestKey::P256, "a")])),
            timing(HOUR, HOUR),
            3,
            None,
        );
        for i in 0..10 {
            cache.keys(&format!("{URI}/{i}")).await.unwrap();
        }
        assert_eq!(lock(&cache.entries).len(), 3);
        // The most recent stay.
        assert!(lock(&cache.entries).contains_key(&format!("{URI}/9")));
    }
}
