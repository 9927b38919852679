//! [`JwksResolver`] (feature `jwks-fetch`): the keys of `private_key_jwt` clients that register
//! a `jwks_uri`, fetched over HTTPS, cached and rotated beside the pure core. The core still
//! does no I/O: the resolver hands it a [`PreparedClient`] holding the fetched keys, and the
//! core decides with [`verify_prepared`].
//!
//! ```no_run
//! # use oauth_client_auth::*;
//! # async fn handler(request: &RequestParts, metadata: &ClientMetadata,
//! #     server: &PreparedServer, store: &InMemoryReplayCache) -> Result<(), AuthError> {
//! let resolver = JwksResolver::new(JwksConfig::new())?; // once, at start-up
//! // Per request: fetches or reuses the keys, refetches once on a key miss, then decides.
//! let verified = resolver.verify(request, metadata, server).await?;
//! let who = verified.commit_async(store).await?;
//! # let _ = who; Ok(()) }
//! ```
//!
//! Limits and defaults (each configurable on [`JwksConfig`]):
//!
//! - `https` only; no redirects; no proxy; hosts that resolve only to loopback, private,
//!   link-local, multicast or other special-purpose addresses are refused, and the client
//!   connects only to addresses that were checked.
//! - Responses of at most 256 KiB, counted while reading; a 2 s connect timeout and a 5 s
//!   total timeout.
//! - Freshness from `Cache-Control: max-age` clamped to 5 minutes .. 24 hours (5 minutes when
//!   unstated); revalidation with `If-None-Match` when the server gave an `ETag`.
//! - At most one fetch per URI per 60 s, whatever triggers it; one fetch at a time per URI.
//! - A stale set stays in use for 1 hour after its freshness ends while fetches fail.
//! - 1000 URIs held at most.
//!
//! Outcomes: a fetch failure with no usable held set is [`AuthError::KeySourceUnavailable`]
//! (`temporarily_unavailable`, 503); a URI that may not be fetched, or a document that is not a
//! usable JWK Set, is [`AuthError::InvalidClientMetadata`] (`invalid_client`); an assertion whose
//! key is still missing after the refetch is refused as the core refuses it (`invalid_client`).

mod address;
mod cache;
mod cache_control;
mod event;
mod fetch;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use self::address::AddressPolicy;
use self::cache::{KeyCache, Keys, Observer, Timing};
use self::fetch::{FetchLimits, HttpSource, Source};
use crate::dispatch::verify_prepared;
use crate::prepared::{PreparedClient, PreparedServer};
use crate::verified::Verified;
use crate::wire::error::replay::StoreFailure;
use crate::wire::error::AuthError;
use crate::wire::metadata::client::ClientMetadata;
use crate::wire::metadata::method::AuthMethod;
use crate::wire::request::RequestParts;

pub use self::event::{FetchTrigger, JwksEvent};

/// The response size limit of [`JwksConfig::new`]: 256 KiB.
pub const DEFAULT_JWKS_MAX_BYTES: usize = 256 * 1024;

/// How the resolver fetches and caches. [`JwksConfig::new`] gives the defaults listed in the
/// module documentation.
#[derive(Clone)]
pub struct JwksConfig {
    limits: FetchLimits,
    timing: Timing,
    max_uris: usize,
    extra_roots: Vec<Vec<u8>>,
    observer: Option<Observer>,
}

impl fmt::Debug for JwksConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JwksConfig")
            .field("limits", &self.limits)
            .field("timing", &self.timing)
            .field("max_uris", &self.max_uris)
            .field("extra_roots", &self.extra_roots.len())
            .field("observer", &self.observer.is_some())
            .finish()
    }
}

impl Default for JwksConfig {
    fn default() -> Self {
        Self::new()
    }
}

impl JwksConfig {
    /// The defaults: https only, public addresses only, 256 KiB, 2 s connect and 5 s total
    /// timeouts, freshness clamped to 5 min .. 24 h, a 60 s refetch interval, a 1 h grace
    /// period, 1000 URIs, the system's trust anchors, no observer.
    pub fn new() -> Self {
        Self {
            limits: FetchLimits {
                policy: AddressPolicy::default(),
                max_bytes: DEFAULT_JWKS_MAX_BYTES,
                connect_timeout: Duration::from_secs(2),
                total_timeout: Duration::from_secs(5),
            },
            timing: Timing {
                min_ttl: Duration::from_secs(5 * 60),
                max_ttl: Duration::from_secs(24 * 3600),
                refetch_interval: Duration::from_secs(60),
                grace: Duration::from_secs(3600),
            },
            max_uris: 1000,
            extra_roots: Vec::new(),
            observer: None,
        }
    }

    /// Allows key servers on loopback addresses (127.0.0.0/8, ::1): tests on one machine.
    pub fn allow_loopback(mut self, allow: bool) -> Self {
        self.limits.policy.allow_loopback = allow;
        self
    }

    /// Allows key servers on private addresses (RFC 1918, RFC 6598, RFC 4193): key servers in
    /// the operator's own network. Link-local (169.254.0.0/16, the cloud metadata service),
    /// multicast and unspecified addresses are never allowed.
    pub fn allow_private(mut self, allow: bool) -> Self {
        self.limits.policy.allow_private = allow;
        self
    }

    /// Allows plain `http` URIs: tests only, keys over an unauthenticated channel can be
    /// swapped by anyone on the path.
    pub fn allow_http(mut self, allow: bool) -> Self {
        self.limits.policy.allow_http = allow;
        self
    }

    /// Trusts the CA certificates in `pem` in addition to the system's.
    pub fn add_trust_anchor_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.extra_roots.push(pem.into());
        self
    }

    /// The largest response accepted, in bytes.
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.limits.max_bytes = bytes;
        self
    }

    /// How long connecting may take, and how long a whole fetch (lookup, connection, TLS,
    /// request, body) may take.
    pub fn timeouts(mut self, connect: Duration, total: Duration) -> Self {
        self.limits.connect_timeout = connect;
        self.limits.total_timeout = total;
        self
    }

    /// The bounds a response's `max-age` is clamped to; the minimum also applies when the
    /// response states none.
    pub fn freshness_bounds(mut self, min: Duration, max: Duration) -> Self {
        self.timing.min_ttl = min;
        self.timing.max_ttl = max;
        self
    }

    /// The least time between two fetches of one URI, whatever triggers them (an expired set,
    /// an unknown `kid`, a failed fetch).
    pub fn refetch_interval(mut self, interval: Duration) -> Self {
        self.timing.refetch_interval = interval;
        self
    }

    /// How long after its freshness ends a held set stays in use while fetches fail.
    pub fn grace_period(mut self, grace: Duration) -> Self {
        self.timing.grace = grace;
        self
    }

    /// How many URIs are held at most; the least recently used is forgotten first.
    pub fn max_uris(mut self, count: usize) -> Self {
        self.max_uris = count;
        self
    }

    /// Calls `observer` with every fetch's outcome, for the operator's log (the event's
    /// `Display` is the line). A failed fetch that keeps a stale set in use says so.
    pub fn on_event(mut self, observer: impl Fn(&JwksEvent) + Send + Sync + 'static) -> Self {
        self.observer = Some(Arc::new(observer));
        self
    }
}

/// The resolver could not be set up: a trust anchor that is not PEM, or a TLS back end that
/// does not start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the jwks_uri resolver cannot be set up: {0}")]
pub struct JwksSetupError(String);

impl From<JwksSetupError> for AuthError {
    /// A resolver that cannot be set up is the server's fault: `temporarily_unavailable`.
    fn from(e: JwksSetupError) -> Self {
        AuthError::KeySourceUnavailable {
            failure: StoreFailure::new(e.0),
        }
    }
}

/// Fetches, caches and rotates the keys of clients that register `jwks_uri`. Make one at
/// start-up and share it (it is `Send + Sync`); each instance of a server holds its own cache.
pub struct JwksResolver {
    cache: KeyCache<HttpSource>,
}

impl fmt::Debug for JwksResolver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JwksResolver").finish_non_exhaustive()
    }
}

impl JwksResolver {
    /// A resolver with `config`.
    ///
    /// # Errors
    ///
    /// [`JwksSetupError`] when a trust anchor is not a PEM certificate or the HTTP client
    /// cannot be built.
    pub fn new(config: JwksConfig) -> Result<Self, JwksSetupError> {
        let source = HttpSource::new(config.limits, &config.extra_roots).map_err(JwksSetupError)?;
        Ok(Self {
            cache: KeyCache::new(source, config.timing, config.max_uris, config.observer),
        })
    }

    /// The client prepared with its keys: for a `private_key_jwt` client that registers
    /// `jwks_uri` and no `jwks`, the cached or fetched key set (parsed once per content, not
    /// per request); for any other client, [`PreparedClient::new`].
    ///
    /// With this alone a key miss is final; [`JwksResolver::verify`] refetches once on a miss.
    ///
    /// # Errors
    ///
    /// [`AuthError::KeySourceUnavailable`] (503) when the keys cannot be fetched and no usable
    /// set is held; [`AuthError::InvalidClientMetadata`] when the registration, the URI or the
    /// fetched document is unusable.
    pub async fn prepared_client(
        &self,
        metadata: &ClientMetadata,
    ) -> Result<PreparedClient, AuthError> {
        Ok(prepare(&self.cache, metadata).await?.0)
    }

    /// Verifies `request` as `metadata`'s client, without recording its `jti`: the keys as
    /// [`JwksResolver::prepared_client`] gives them, then [`verify_prepared`]; when the
    /// assertion's key is missing or does not verify, one refetch (if the refetch interval
    /// allows it, shared with concurrent requests) and one more decision.
    ///
    /// # Errors
    ///
    /// As [`JwksResolver::prepared_client`] and [`verify_prepared`].
    pub async fn verify(
        &self,
        request: &RequestParts,
        metadata: &ClientMetadata,
        server: &PreparedServer,
    ) -> Result<Verified, AuthError> {
        verify(&self.cache, request, metadata, server).await
    }
}

/// The `jwks_uri` the resolver fetches for `metadata`: a `private_key_jwt` client with no
/// `jwks` (RFC 7591 §2: the two "MUST NOT both be present"; inline keys win).
fn fetched_uri(metadata: &ClientMetadata) -> Option<&str> {
    match metadata.auth_method() {
        Ok(AuthMethod::PrivateKeyJwt) if metadata.jwks.is_none() => metadata.jwks_uri.as_deref(),
        _ => None,
    }
}

async fn prepare<S: Source>(
    cache: &KeyCache<S>,
    metadata: &ClientMetadata,
) -> Result<(PreparedClient, Option<Keys>), AuthError> {
    match fetched_uri(metadata) {
        None => Ok((PreparedClient::new(metadata)?, None)),
        Some(uri) => {
            let keys = cache.keys(uri).await?;
            let client = PreparedClient::with_fetched_keys(metadata, Arc::clone(&keys.set))?;
            Ok((client, Some(keys)))
        }
    }
}

/// The core's refusals that a newer key set could turn into an acceptance: no key with the
/// `kid`, no key for the algorithm, a `kid` now on a key of another type, a signature no held
/// key verifies.
fn refetch_may_help(e: &AuthError) -> bool {
    matches!(
        e,
        AuthError::AssertionKeyNotFound { .. }
            | AuthError::NoKeyForAlgorithm { .. }
            | AuthError::AssertionKeyMismatch { .. }
            | AuthError::InvalidAssertionSignature
    )
}

async fn verify<S: Source>(
    cache: &KeyCache<S>,
    request: &RequestParts,
    metadata: &ClientMetadata,
    server: &PreparedServer,
) -> Result<Verified, AuthError> {
    let (client, keys) = prepare(cache, metadata).await?;
    let verdict = verify_prepared(request, &client, server);
    let (Err(refusal), Some(keys), Some(uri)) = (&verdict, keys, fetched_uri(metadata)) else {
        return verdict;
    };
    if !refetch_may_help(refusal) {
        return verdict;
    }
    // A failed refetch leaves the refusal as it was: a miss after the refetch is final.
    match cache.after_key_miss(uri, &keys).await {
        Ok(newer) if !Arc::ptr_eq(&newer.set, &keys.set) => {
            let client = PreparedClient::with_fetched_keys(metadata, newer.set)?;
            verify_prepared(request, &client, server)
        }
        _ => verdict,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::Ordering;

    use serde_json::{json, Value};

    use super::cache::tests::{timing, MemorySource};
    use super::*;
    use crate::primitives::assertion::testing::{jwks, sign, Signer, TestKey};
    use crate::wire::metadata::server::ServerMetadata;

    const CLIENT: &str = "jwks-uri-client";
    const ISSUER: &str = "https://as.example.com";
    const URI: &str = "https://keys.example/jwks";
    const NOW: i64 = 1_700_000_000;
    const HOUR: Duration = Duration::from_secs(3600);

    fn metadata() -> ClientMetadata {
        let mut c = ClientMetadata::new(CLIENT);
        c.token_endpoint_auth_method = Some("private_key_jwt".into());
        c.jwks_uri = Some(URI.into());
        c
    }

    fn server() -> PreparedServer {
        let mut s = ServerMetadata::new(ISSUER);
        s.token_endpoint_auth_methods_supported = Some(vec!["private_key_jwt".into()]);
        PreparedServer::new(&s).unwrap()
    }

    fn request(key: TestKey, alg: &str, kid: &str, jti: &str) -> RequestParts {
        let claims = json!({"iss": CLIENT, "sub": CLIENT, "aud": ISSUER,
                            "iat": NOW, "exp": NOW + 60, "jti": jti});
        let assertion = sign(Signer::Key(key), &json!({"alg": alg, "kid": kid}), &claims);
        RequestParts::builder()
            .form_body(format!(
                "client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion={assertion}"
            ))
            .now(NOW)
            .build()
            .unwrap()
    }

    fn cache(document: Value, interval: Duration) -> KeyCache<MemorySource> {
        KeyCache::new(
            MemorySource::new(document),
            timing(interval, HOUR),
            10,
            None,
        )
    }

    #[tokio::test]
    async fn rotation_is_picked_up_by_one_refetch() {
        let cache = cache(jwks(&[(TestKey::P256, "old")]), Duration::ZERO);
        let old = request(TestKey::P256, "ES256", "old", "1");
        assert!(verify(&cache, &old, &metadata(), &server()).await.is_ok());
        assert_eq!(cache.source().fetches.load(Ordering::SeqCst), 1);
        // Rotated to a new kid on another key.
        *cache.source().document.lock().unwrap() = Ok(jwks(&[(TestKey::P384, "new")]));
        let new = request(TestKey::P384, "ES384", "new", "2");
        assert!(verify(&cache, &new, &metadata(), &server()).await.is_ok());
        assert_eq!(cache.source().fetches.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn unknown_kids_within_the_interval_fetch_nothing_and_are_invalid_client() {
        let cache = cache(jwks(&[(TestKey::P256, "k")]), HOUR);
        assert!(verify(
            &cache,
            &request(TestKey::P256, "ES256", "k", "0"),
            &metadata(),
            &server()
        )
        .await
        .is_ok());
        for i in 0..100 {
            let unknown = request(TestKey::P256, "ES256", &format!("unknown-{i}"), "x");
            let err = verify(&cache, &unknown, &metadata(), &server())
                .await
                .unwrap_err();
            assert_eq!(
                err,
                AuthError::AssertionKeyNotFound {
                    kid: format!("unknown-{i}").as_str().into()
                }
            );
            assert_eq!(err.oauth_code().as_str(), "invalid_client");
        }
        // The kid on a key of another type: no fetch either.
        let other = request(TestKey::Ed25519, "EdDSA", "k", "y");
        let err = verify(&cache, &other, &metadata(), &server())
            .await
            .unwrap_err();
        assert!(
            matches!(err, AuthError::AssertionKeyMismatch { .. }),
            "{err}"
        );
        assert_eq!(cache.source().fetches.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn other_clients_and_inline_jwks_are_not_fetched() {
        let cache = cache(jwks(&[(TestKey::P256, "k")]), HOUR);
        let mut inline = metadata();
        inline.jwks = Some(jwks(&[(TestKey::P256, "k")]));
        let ok = request(TestKey::P256, "ES256", "k", "0");
        assert!(verify(&cache, &ok, &inline, &server()).await.is_ok());
        let mut secret = ClientMetadata::new(CLIENT);
        secret.client_secret = Some(crate::wire::secret::ClientSecret::new("s"));
        secret.jwks_uri = Some(URI.into());
        assert!(prepare(&cache, &secret).await.is_ok());
        assert_eq!(cache.source().fetches.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn the_resolver_builds_and_refuses_a_bad_trust_anchor() {
        assert!(JwksResolver::new(JwksConfig::new()).is_ok());
        let bad = JwksConfig::new().add_trust_anchor_pem("-----BEGIN CERTIFICATE-----\nAAAA\n");
        assert!(JwksResolver::new(bad).is_err());
        fn check<T: Send + Sync>() {}
        check::<JwksResolver>();
    }
}
