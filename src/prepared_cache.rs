//! [`PreparedCache`]: registrations prepared once and reused while they are unchanged, so that
//! [`crate::authenticate`] costs what [`crate::authenticate_prepared`] costs without the caller
//! keeping prepared clients.
//!
//! An entry is found by its `client_id` (a server's by its `issuer`) and used only when the
//! registration is the same in every field (the metadata, the `jwks` and the secret included:
//! see `cache_key`), compared in place on each call: a changed registration is prepared afresh
//! at once and replaces the old entry, so a rotated key or secret takes effect on the next
//! request. The cache is bounded in entries and in the bytes of the registrations it holds;
//! the least recently used entry makes room.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use crate::prepared::{PreparedClient, PreparedServer};
use crate::wire::error::registration::MetadataError;
use crate::wire::metadata::cache_key::KeySink;
use crate::wire::metadata::client::ClientMetadata;
use crate::wire::metadata::secret_hash_cost::SecretHashMaxCost;
use crate::wire::metadata::server::ServerMetadata;

/// The most prepared clients of [`PreparedCache::new`].
pub const DEFAULT_PREPARED_CLIENTS: usize = 4096;
/// The most bytes of registrations [`PreparedCache::new`] holds (their metadata as read; the
/// prepared keys take a few kilobytes more each).
pub const DEFAULT_PREPARED_BYTES: usize = 32 * 1024 * 1024;
/// The most prepared server configurations held.
const MAX_SERVERS: usize = 16;

/// Prepared clients and servers, keyed by their registrations' content.
///
/// [`crate::authenticate`] uses one cache for the whole process. A server that wants its own
/// bounds, or one cache per tenant, makes a `PreparedCache` and calls
/// [`crate::authenticate_prepared`] with what it returns. `Debug` shows counts only.
pub struct PreparedCache {
    clients: Slots<PreparedClient, SecretHashMaxCost>,
    servers: Slots<PreparedServer, ()>,
}

impl fmt::Debug for PreparedCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PreparedCache")
            .field("clients", &self.clients.len())
            .field("servers", &self.servers.len())
            .finish()
    }
}

impl Default for PreparedCache {
    fn default() -> Self {
        Self::new()
    }
}

impl PreparedCache {
    /// A cache of at most [`DEFAULT_PREPARED_CLIENTS`] clients and [`DEFAULT_PREPARED_BYTES`].
    pub fn new() -> Self {
        Self::with_limits(DEFAULT_PREPARED_CLIENTS, DEFAULT_PREPARED_BYTES)
    }

    /// A cache of at most `max_clients` clients whose registrations take at most `max_bytes`.
    pub fn with_limits(max_clients: usize, max_bytes: usize) -> Self {
        Self {
            clients: Slots::new(max_clients, max_bytes),
            servers: Slots::new(MAX_SERVERS, max_bytes),
        }
    }

    /// The prepared client for this registration under this server's policy
    /// ([`PreparedClient::with_server`]): the cached one when the same registration was
    /// prepared under the same policy before, else a new one (kept when it fits, in place of
    /// the client's previous registration).
    ///
    /// # Errors
    ///
    /// As [`PreparedClient::new`]; a registration that does not prepare is not kept.
    pub fn client(
        &self,
        metadata: &ClientMetadata,
        server: &PreparedServer,
    ) -> Result<Arc<PreparedClient>, MetadataError> {
        // What preparing a client reads of the server: its bounds on stored secret hashes.
        let bounds = server.metadata().secret_hash_bounds();
        let hash = self.clients.hasher.hash_one(metadata.client_id.as_bytes());
        self.clients.get_or_prepare(
            hash,
            bounds,
            |held| held.metadata().same_as(metadata),
            || {
                let mut size = CountSink(0);
                metadata.write_key(&mut size);
                size.0
            },
            || PreparedClient::with_server(metadata, server),
        )
    }

    /// The prepared server configuration, cached the same way.
    ///
    /// # Errors
    ///
    /// As [`PreparedServer::new`].
    pub fn server(&self, metadata: &ServerMetadata) -> Result<Arc<PreparedServer>, MetadataError> {
        // The issuer is the operator's, not a client's: an unkeyed hash will do (the few
        // servers cannot be flooded by a client's choice of names).
        self.servers.get_or_prepare(
            fnv1a(metadata.issuer.as_bytes()),
            (),
            |held| held.metadata().same_as(metadata),
            || {
                let mut size = CountSink(0);
                metadata.write_key(&mut size);
                size.0
            },
            || PreparedServer::new(metadata),
        )
    }

    /// The number of prepared clients held.
    pub fn clients(&self) -> usize {
        self.clients.len()
    }
}

/// The length of a key, counted as it is written: the bytes an entry is charged.
struct CountSink(usize);

impl KeySink for CountSink {
    fn put(&mut self, bytes: &[u8]) {
        self.0 = self.0.saturating_add(bytes.len());
    }
}

/// FNV-1a, 64 bits.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The hasher of a map whose keys are hashes already.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// One kind of prepared value, found by the hash of its identifier (a client's `client_id`,
/// with SipHash keyed at random per cache; a server's `issuer`) and kept only while it is the
/// same registration in every field: a changed registration replaces the entry of its
/// identifier.
struct Slots<T, C> {
    map: RwLock<HashMap<u64, Entry<T, C>, BuildHasherDefault<Prehashed>>>,
    hasher: RandomState,
    max_entries: usize,
    max_bytes: usize,
    clock: AtomicU64,
}

struct Entry<T, C> {
    /// What else the value was prepared under (the server's bounds, for a client).
    context: C,
    /// The length of the registration's key ([`KeySink`]), charged to the byte bound.
    bytes: usize,
    value: Arc<T>,
    last_used: AtomicU64,
}

impl<T, C: PartialEq> Slots<T, C> {
    fn new(max_entries: usize, max_bytes: usize) -> Self {
        Self {
            map: RwLock::new(HashMap::default()),
            hasher: RandomState::new(),
            max_entries,
            max_bytes,
            clock: AtomicU64::new(0),
        }
    }

    fn len(&self) -> usize {
        self.map.read().map_or(0, |map| map.len())
    }

    /// The value under `hash` prepared under `context` when `same` holds for it, else a new
    /// one.
    fn get_or_prepare(
        &self,
        hash: u64,
        context: C,
        same: impl Fn(&T) -> bool,
        size: impl FnOnce() -> usize,
        prepare: impl FnOnce() -> Result<T, MetadataError>,
    ) -> Result<Arc<T>, MetadataError> {
        let now = self.clock.fetch_add(1, Ordering::Relaxed);
        if let Ok(map) = self.map.read() {
            if let Some(entry) = map.get(&hash) {
                if entry.context == context && same(&entry.value) {
                    entry.last_used.store(now, Ordering::Relaxed);
                    return Ok(Arc::clone(&entry.value));
                }
            }
        }
        // Prepared outside the lock: two threads may both prepare a new registration once.
        let value = Arc::new(prepare()?);
        let bytes = size();
        if bytes <= self.max_bytes && self.max_entries > 0 {
            if let Ok(mut map) = self.map.write() {
                // The identifier's old registration (or one whose identifier hashes alike)
                // makes room first.
                map.remove(&hash);
                let mut held: usize = map.values().map(|e| e.bytes).sum();
                while !map.is_empty()
                    && (map.len() >= self.max_entries || held + bytes > self.max_bytes)
                {
                    let oldest = map
                        .iter()
                        .min_by_key(|(_, e)| e.last_used.load(Ordering::Relaxed))
                        .map(|(h, _)| *h);
                    match oldest.and_then(|h| map.remove(&h)) {
                        Some(e) => held -= e.bytes,
                        None => break,
                    }
                }
                map.insert(
                    hash,
                    Entry {
                        context,
                        bytes,
                        value: Arc::clone(&value),
                        last_used: AtomicU64::new(now),
                    },
                );
            }
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::metadata::server::ServerMetadata;
    use crate::wire::secret::ClientSecret;

    /// A registration worth caching (it has a `jwks`), told apart by its secret.
    fn client(secret: &str) -> ClientMetadata {
        let mut c = ClientMetadata::builder("c").client_secret(secret).build();
        c.jwks = Some(serde_json::json!({"keys": []}));
        c
    }

    fn server() -> PreparedServer {
        PreparedServer::new(&ServerMetadata::new("https://as")).unwrap()
    }

    #[test]
    fn identical_registrations_share_one_prepared_client() {
        let cache = PreparedCache::new();
        let a = cache.client(&client("s1"), &server()).unwrap();
        let b = cache.client(&client("s1"), &server()).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        // A changed secret is another registration, which replaces the client's old one.
        let c = cache.client(&client("s2"), &server()).unwrap();
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!(
            c.metadata()
                .client_secret
                .as_ref()
                .map(ClientSecret::expose),
            Some("s2")
        );
        assert_eq!(cache.clients(), 1);
        assert!(Arc::ptr_eq(
            &c,
            &cache.client(&client("s2"), &server()).unwrap()
        ));
        // Another client is another entry.
        let mut other = client("s2");
        other.client_id = "d".into();
        let d = cache.client(&other, &server()).unwrap();
        assert!(!Arc::ptr_eq(&c, &d));
        assert_eq!(cache.clients(), 2);
    }

    #[test]
    fn the_cache_is_bounded_in_entries_and_bytes() {
        let named = |n: usize| {
            let mut c = client("s");
            c.client_id = format!("client-{n}");
            c
        };
        let cache = PreparedCache::with_limits(2, usize::MAX);
        for n in 0..5 {
            cache.client(&named(n), &server()).unwrap();
        }
        assert_eq!(cache.clients(), 2);
        // The least recently used goes first.
        let keep = cache.client(&named(3), &server()).unwrap();
        cache.client(&named(9), &server()).unwrap();
        assert!(Arc::ptr_eq(
            &keep,
            &cache.client(&named(3), &server()).unwrap()
        ));
        // A registration larger than the byte bound is prepared but not kept.
        let small = PreparedCache::with_limits(10, 8);
        small
            .client(&client("a-secret-longer-than-8-bytes"), &server())
            .unwrap();
        assert_eq!(small.clients(), 0);
    }

    #[test]
    fn secret_registrations_are_kept_too() {
        // Looking a registration up costs less than preparing it, even a plaintext secret's.
        let cache = PreparedCache::new();
        let secret_only = ClientMetadata::builder("c").client_secret("s").build();
        let a = cache.client(&secret_only, &server()).unwrap();
        let b = cache.client(&secret_only, &server()).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(cache.clients(), 1);
    }

    #[test]
    fn the_server_bounds_are_part_of_a_clients_entry() {
        let cache = PreparedCache::new();
        let c = client("s");
        let a = cache.client(&c, &server()).unwrap();
        let mut strict = ServerMetadata::new("https://as");
        strict.secret_hash_max_cost = Some(SecretHashMaxCost {
            bcrypt_cost: 4,
            ..SecretHashMaxCost::default()
        });
        let b = cache
            .client(&c, &PreparedServer::new(&strict).unwrap())
            .unwrap();
        assert!(!Arc::ptr_eq(&a, &b));
    }

    #[test]
    fn a_changed_server_configuration_is_prepared_afresh() {
        let cache = PreparedCache::new();
        let mut s = ServerMetadata::new("https://as");
        let a = cache.server(&s).unwrap();
        assert!(Arc::ptr_eq(&a, &cache.server(&s).unwrap()));
        s.clock_skew_seconds = Some(5);
        let b = cache.server(&s).unwrap();
        assert!(!Arc::ptr_eq(&a, &b));
        assert_eq!(b.clock_skew(), 5);
    }

    #[test]
    fn registration_errors_are_not_kept() {
        let cache = PreparedCache::new();
        // private_key_jwt with a jwks that holds no usable key.
        let mut bad = ClientMetadata::builder("c")
            .auth_method(crate::wire::metadata::method::AuthMethod::PrivateKeyJwt)
            .build();
        bad.jwks = Some(serde_json::json!({"keys": []}));
        assert!(cache.client(&bad, &server()).is_err());
        assert_eq!(cache.clients(), 0);
    }

    #[test]
    fn debug_shows_counts_only() {
        let cache = PreparedCache::new();
        cache.client(&client("gX1fBat3bV"), &server()).unwrap();
        let shown = format!("{cache:?}");
        assert_eq!(shown, "PreparedCache { clients: 1, servers: 0 }");
    }
}
