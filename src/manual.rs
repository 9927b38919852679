//! Pitfalls of client authentication, and what this crate does about each.
//!
//! Most breaches of OAuth client authentication did not break cryptography; they accepted a
//! valid credential in the wrong place. This page lists the classic mistakes.
//!
//! # Audience injection (client assertions)
//!
//! A `private_key_jwt` or `client_secret_jwt` assertion says which server it is for in `aud`.
//! For years servers accepted any of several URLs — the issuer, the token endpoint, the
//! endpoint called — and clients put whatever the server's metadata said there. In 2025 it was
//! shown (CVE-2025-27370, CVE-2025-27371) that an attacker-run authorization server can make a
//! client sign an assertion whose `aud` is an *endpoint URL of an honest server*, for example
//! by advertising the honest server's token endpoint as its own pushed authorization endpoint;
//! the attacker then replays the assertion to the honest server and is authenticated as the
//! client. RFC 10070 closes this: the only audience a server accepts is its own issuer
//! identifier, and it is the sole audience.
//!
//! This crate's default, `assertion_audience: issuer`, accepts the issuer as a string or as a
//! one-member array and nothing else. `fapi2` requires the plain string. The legacy
//! `issuer-or-endpoint` policy exists for clients that still send the token endpoint URL; turn
//! it on only for those clients' sake, knowing that it reopens the attack.
//!
//! # Algorithm confusion
//!
//! A verifier that takes the algorithm from the JWS header can be made to verify an HMAC
//! computed with the *public* key as the secret, or to skip verification for `alg: none`. Here
//! the algorithm must be one the server lists and the client registered; `client_secret_jwt`
//! takes HMAC algorithms only and `private_key_jwt` asymmetric algorithms only; `none` is never
//! accepted; and the key must fit the algorithm's key type and curve. Header parameters that
//! would make a server fetch or trust a key (`jku`, `x5u`, `jwk`, `x5c`) are never followed.
//!
//! # Replay
//!
//! An assertion is a bearer credential until it expires. The `jti` of each accepted assertion
//! is remembered per client until its `exp` plus the clock skew, and a second use is refused
//! (RFC 7523 §3 item 7). A `jti` is recorded only after every other check has passed, so that
//! an attacker cannot burn a legitimate client's `jti` with a forged assertion. A server that
//! runs several instances must share the store: implement [`crate::primitives::replay::ReplayCache`] over an atomic
//! "insert if absent, with expiry" of a shared database. Another kind of JWT (a DPoP proof, an
//! access token) must not pass as an assertion; explicit typing (RFC 10070, RFC 8725 §3.11)
//! refuses any `typ` other than the assertion's own.
//!
//! # Form-encoding of Basic credentials
//!
//! RFC 6749 §2.3.1 makes the client form-urlencode its id and secret before joining them with
//! `:` and Base64-encoding them. Many clients skip that step; secrets holding `+` or `%` then
//! differ after the server's decoding. This crate follows the RFC, and the refusal's variant,
//! [`crate::wire::error::AuthError::SecretMismatch`], says in its `credentials_were_form_decoded` field
//! that decoding changed what the client sent, so that the operator sees why.
//!
//! # Certificates forwarded by a reverse proxy
//!
//! When TLS ends at a reverse proxy, the proxy forwards the client certificate in a header such
//! as `X-Ssl-Cert` (nginx `$ssl_client_escaped_cert`). If the proxy does not *overwrite* that
//! header on every request, a client can send its own header with someone else's certificate —
//! certificates are public. Configure the proxy to set the header unconditionally
//! (`proxy_set_header` does), and never expose the application server directly. When the proxy
//! only requests certificates without validating them (nginx `ssl_verify_client
//! optional_no_ca`), configure `tls_client_auth_trust_anchors` so that this crate validates the
//! chain for `tls_client_auth`.
//!
//! # More than one credential
//!
//! A request carrying two credentials (HTTP Basic and a `client_secret` parameter, say) is
//! refused (RFC 6749 §2.3), instead of picking one. Which credential a server would pick is an
//! accident of its code, and a request whose credentials disagree is either broken or probing
//! for exactly that accident.
