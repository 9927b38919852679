//! Server-side OAuth 2.0 client authentication, as a pure verification core.
//!
//! An authorization server embeds this crate to answer one question on every direct request
//! from a client (token, revocation, introspection, pushed authorization, backchannel and
//! device authorization endpoints): *is this really client X, authenticated the way X
//! registered?* [`authenticate`] takes the parts of the request ([`RequestParts`]), the
//! client's registered metadata ([`ClientMetadata`], RFC 7591 names) and the server's metadata
//! ([`ServerMetadata`], RFC 8414 names), and returns an [`Authenticated`] proof or an
//! [`AuthError`] that maps onto the RFC 6749 §5.2 error response.
//!
//! The core does no I/O: it never fetches a `jwks_uri`, never reads a socket, and reads the
//! clock only when the request carries no injected time. It has no opinion about the HTTP
//! framework: build [`RequestParts`] from header pairs and the raw form body.
//!
//! | method | specification |
//! |---|---|
//! | `none` | RFC 6749 §2.1, RFC 7591 §2 |
//! | `client_secret_basic` | RFC 6749 §2.3.1 |
//! | `client_secret_post` | RFC 6749 §2.3.1 |
//! | `client_secret_jwt` | RFC 7523 §2.2, OpenID Connect Core §9 |
//! | `private_key_jwt` | RFC 7523 §2.2, OpenID Connect Core §9 |
//! | `tls_client_auth` | RFC 8705 §2.1 |
//! | `self_signed_tls_client_auth` | RFC 8705 §2.2 |
//! | `spiffe_jwt`, `spiffe_x509` | draft-ietf-oauth-spiffe-client-auth-02 §3.1, §3.2: a SPIFFE JWT-SVID or X.509-SVID, verified with the bundle of its own trust domain ([`ServerMetadata::spiffe_bundles`]) and matched against the registered `spiffe_id` |
//! | `spiffe_wit` | draft-ietf-oauth-spiffe-client-auth-02 §3.3: a WIT-SVID (`wit+jwt`) in `OAuth-Client-Attestation`, verified with the `wit-svid` keys of its own trust domain and matched against the registered `spiffe_id`, and its PoP in `OAuth-Client-Attestation-PoP`, signed with the `cnf.jwk` it binds |
//!
//! For the mutual-TLS methods, give the builder the TLS client certificate: the DER from your
//! TLS library, or the value of the header a TLS-terminating proxy forwards it in
//! ([`CertificateInput::from_proxy_header`]; the proxy must strip that header from client
//! requests). Whatever the method, a presented certificate's `x5t#S256` comes back in
//! [`Authenticated::certificate_thumbprint`] for certificate-bound tokens (RFC 8705 §3).
//!
//! For the two assertion methods, [`claimed_client_id`] reads the assertion's unverified `sub`
//! so the handler can load the client; [`authenticate`] then checks the assertion against that
//! client: algorithm ([`JwsAlgorithm`]), key, signature, claims, the server's
//! [`AssertionAudience`] policy, and the `jti` against a [`ReplayCache`]. A server that keeps
//! clients in memory prepares each once ([`PreparedClient`] parses its `jwks` into verifiers)
//! and calls [`authenticate_prepared`]; one with several instances passes a shared
//! [`ReplayCache`] there.
//!
//! # Example: a token endpoint handler
//!
//! The handler builds the request, loads the client the request claims, authenticates it, and
//! on any refusal answers with the whole RFC 6749 §5.2 response ([`AuthError::response`]):
//! status, JSON body and, where Basic was tried, `WWW-Authenticate`.
//!
//! ```
//! use oauth_client_auth::{
//!     authenticate, authenticate_unknown_client, require_client_id, AuthError, ClientMetadata,
//!     RequestParts, ServerMetadata,
//! };
//!
//! /// (status, headers, body) for any HTTP framework.
//! type Response = (u16, Vec<(&'static str, String)>, String);
//!
//! fn token_endpoint(
//!     headers: &[(&str, &str)],
//!     body: &[u8],
//!     load_client: impl Fn(&str) -> Option<ClientMetadata>,
//!     server: &ServerMetadata,
//! ) -> Response {
//!     let mut builder = RequestParts::builder().form_body(body);
//!     for (name, value) in headers {
//!         builder = builder.header(name, value);
//!     }
//!     let request = match builder.build() {
//!         Ok(request) => request,
//!         // A malformed request: invalid_request, never a challenge.
//!         Err(e) => return refusal(&e, false),
//!     };
//!     let outcome = require_client_id(&request).and_then(|client_id| {
//!         // Who does the request claim to be? Load that client's registration. An unknown
//!         // client costs the hashing a known one's hashed secret would, and reads the same.
//!         let client = load_client(client_id)
//!             .ok_or_else(|| authenticate_unknown_client(&request))?;
//!         authenticate(&request, &client, server)
//!     });
//!     match outcome {
//!         Ok(who) => (200, vec![], format!("issue a token to {}", who.client_id())),
//!         Err(e) => refusal(&e, request.basic_attempted()),
//!     }
//! }
//!
//! fn refusal(e: &AuthError, basic_attempted: bool) -> Response {
//!     // `e`'s Display names the rule that was broken, for the server's log; never a secret.
//!     eprintln!("client authentication refused: {e}");
//!     let response = e.response(basic_attempted);
//!     let mut headers = vec![("Content-Type", "application/json".to_owned())];
//!     headers.extend(response.headers().into_iter().map(|(n, v)| (n, v.to_owned())));
//!     (response.status(), headers, response.body())
//! }
//!
//! let server: ServerMetadata = serde_json::from_str(
//!     r#"{"issuer": "https://as.example.com",
//!         "token_endpoint_auth_methods_supported": ["client_secret_basic"]}"#,
//! )?;
//! let client: ClientMetadata = serde_json::from_str(
//!     r#"{"client_id": "s6BhdRkqt3", "client_secret": "gX1fBat3bV",
//!         "token_endpoint_auth_method": "client_secret_basic"}"#,
//! )?;
//! let load = |id: &str| (id == "s6BhdRkqt3").then(|| client.clone());
//! let form = b"grant_type=client_credentials";
//!
//! let (status, _, body) =
//!     token_endpoint(&[("Authorization", "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW")], form, load, &server);
//! assert_eq!((status, body.as_str()), (200, "issue a token to s6BhdRkqt3"));
//!
//! // A wrong secret: 401 invalid_client, with a Basic challenge because Basic was tried.
//! let (status, headers, body) =
//!     token_endpoint(&[("Authorization", "Basic czZCaGRSa3F0Mzp3cm9uZw==")], form, load, &server);
//! assert_eq!(status, 401);
//! // The client reads what an unknown client reads; the log line says "the client secret does
//! // not match".
//! assert_eq!(body, r#"{"error":"invalid_client","error_description":"client authentication failed"}"#);
//! assert!(headers.iter().any(|(n, v)| *n == "WWW-Authenticate" && v.starts_with("Basic ")));
//!
//! // An unknown client, and a request with no client authentication at all: invalid_client.
//! let (status, _, _) =
//!     token_endpoint(&[("Authorization", "Basic b3RoZXI6eA==")], form, load, &server);
//! assert_eq!(status, 401);
//! let (status, _, body) = token_endpoint(&[], form, load, &server);
//! assert_eq!(status, 401);
//! assert!(body.contains("client authentication failed"));
//!
//! // Two Authorization headers: the builder refuses the request as invalid_request.
//! let two = [("Authorization", "Basic eDp5"), ("Authorization", "Basic eDp5")];
//! assert_eq!(token_endpoint(&two, form, load, &server).0, 400);
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! # How the crate is built
//!
//! Six layers, each reading only the layers below it (`.ci/check-layers` fails on an import
//! upward or in a circle):
//!
//! ```text
//!  6  case · manual · http adapter      the case format of the verify example, the docs,
//!     registration_check                every problem of a registration, for the operator
//!  5  dispatch                          one method per request, the registered method, the list
//!  4  method/<name>                     one verifier per method, and METHODS, the one list
//!  3  prepared                          a registration parsed once: keys, DN, anchors
//!  2  primitives/ assertion · cert · replay
//!                                       JWS rules and keys, X.509 decoding, DN and SAN
//!                                       matching, path validation, the replay store
//!  1  wire/ request · metadata · error · assertion · secret · context
//!                                       what arrives and what is registered, as typed data;
//!                                       every failure; the clock, endpoint and policy
//! ```
//!
//! A request goes down: the dispatcher makes the [`RequestParts`]' context (clock, endpoint,
//! policy) once and passes it with the prepared client to the method's verifier, which calls
//! the primitives; the answer comes back up as [`Authenticated`] or [`AuthError`].
//!
//! # Crate features
//!
//! - `vendored`: build OpenSSL from source for the JOSE backend, for machines without OpenSSL
//!   headers.
//! - `http`: `RequestPartsBuilder::http_headers` and
//!   `RequestPartsBuilder::http_client_certificate_header`, which read an `http::HeaderMap`
//!   (hyper, axum, tower).
//! - `redis`: `RedisReplayStore`, the replay store several instances share.
//! - `jwks-fetch`: `JwksResolver`, which fetches, caches and rotates the keys of clients that
//!   register `jwks_uri`, over HTTPS with hard limits, beside the core (which still does no
//!   I/O).
//! - `cli`: the operator's command `oauth-client-auth` (`cargo install --path . --features
//!   cli`): `verify` case files or a captured request and explain each verdict,
//!   `check-registration`, `inspect` an assertion, `hash-secret`.

#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

/// The README's code, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

// The layers, bottom first (see "How the crate is built" above).
mod dispatch;
mod method;
mod prepared;
mod prepared_cache;
mod primitives;
mod verified;
mod wire;

pub mod case;
#[cfg(feature = "http")]
mod http_adapter;
#[cfg(feature = "jwks-fetch")]
mod jwks;
pub mod manual;
#[cfg(feature = "redis")]
mod redis_store;
mod registration_check;

/// The request's parts and their bounds: [`RequestParts`], built by [`RequestPartsBuilder`]
/// from header pairs, the raw form body and the TLS client certificate.
pub mod request {
    pub use crate::wire::error::request::{BasicFormatError, FormError};
    pub use crate::wire::request::*;
}

pub use dispatch::{
    authenticate, authenticate_cached, authenticate_prepared, claimed_client_id, require_client_id,
    verify_prepared,
};
#[cfg(feature = "jwks-fetch")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwks-fetch")))]
pub use jwks::{
    FetchTrigger, JwksConfig, JwksEvent, JwksResolver, JwksSetupError, DEFAULT_JWKS_MAX_BYTES,
};
pub use prepared::{PreparedClient, PreparedServer, MAX_POLICY_SECONDS};
pub use prepared_cache::{PreparedCache, DEFAULT_PREPARED_BYTES, DEFAULT_PREPARED_CLIENTS};
pub use primitives::challenge::{ChallengeValidator, HmacChallenges};
pub use primitives::replay::{
    AsyncReplayStore, InMemoryReplayCache, ReplayCache, ReplayEntry, ReplayError,
    DEFAULT_REPLAY_CAPACITY, DEFAULT_REPLAY_PER_CLIENT_CAPACITY, MIN_SHARD_CAPACITY,
    MIN_SHARD_PER_CLIENT,
};
pub use primitives::secret::hash::{
    hash_client_secret, HashSecretError, HASH_CLIENT_SECRET_PARAMS,
};
pub use primitives::secret::unknown_client::authenticate_unknown_client;
pub use primitives::spiffe::id::{SpiffeId, MAX_SPIFFE_ID_BYTES};
#[cfg(feature = "redis")]
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
pub use redis_store::{RedisReplayConfig, RedisReplayStore, DEFAULT_REDIS_KEY_PREFIX};
pub use registration_check::{check_registration, Finding, Severity};
pub use verified::Verified;
pub use wire::authenticated::Authenticated;
pub use wire::error::advice::{Remedy, RemedySide};
pub use wire::error::assertion::{
    AssertionFormatError, AudienceProblem, Claim, JwsPart, KeyHeader,
};
pub use wire::error::attestation::{AttestationHeader, AttestationJwt, InstanceKeyProblem};
pub use wire::error::certificate::{
    CertificateForm, CertificateFormatError, CertificatePathError, DnSyntaxError, DnSyntaxErrorKind,
};
pub use wire::error::class::FailureClass;
pub use wire::error::clock::Clock;
pub use wire::error::description::CLIENT_AUTHENTICATION_FAILED;
pub use wire::error::registration::{MetadataError, SecretField, SecretHashProblem};
pub use wire::error::replay::StoreFailure;
pub use wire::error::request::{BasicFormatError, CredentialKind, FormError};
pub use wire::error::shown::{Shown, ShownList, MAX_SHOWN_CHARS, MAX_SHOWN_VALUES};
pub use wire::error::spiffe::{SpiffeIdProblem, SvidKind, X509SvidProblem};
pub use wire::error::wire::{ErrorResponse, OAuthErrorCode, BASIC_CHALLENGE, RETRY_AFTER_SECONDS};
pub use wire::error::AuthError;
pub use wire::limits::{
    MAX_JWKS_KEYS, MAX_RDN_ATTRIBUTES, MAX_SUBJECT_DN_BYTES, MAX_SUBJECT_DN_RDNS,
};
pub use wire::metadata::algorithm::{JwsAlgorithm, SUPPORTED_SIGNING_ALGS};
pub use wire::metadata::client::ClientMetadata;
pub use wire::metadata::client_builder::{ClientMetadataBuilder, Jwks};
pub use wire::metadata::client_secrets::ClientSecretEntry;
pub use wire::metadata::endpoint::Endpoint;
pub use wire::metadata::method::{AuthMethod, UnknownAuthMethod};
pub use wire::metadata::policy::{
    AssertionAudience, FapiProfile, DEFAULT_CLOCK_SKEW_SECONDS,
    DEFAULT_MAX_ASSERTION_LIFETIME_SECONDS,
};
pub use wire::metadata::san::SanKind;
pub use wire::metadata::secret_hash_cost::SecretHashMaxCost;
pub use wire::metadata::server::{ServerMetadata, DEFAULT_AUTH_METHODS};
pub use wire::metadata::spiffe::SpiffeBundle;
pub use wire::request::{CertificateInput, RequestParts, RequestPartsBuilder};
pub use wire::secret::ClientSecret;
