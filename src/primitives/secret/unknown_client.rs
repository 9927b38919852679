//! An unknown client costs what a known one costs: the refusal of a `client_id` that names no
//! registration runs the same secret hashing a registered client's hashed secret would, so that
//! the time of a refusal does not tell which client ids exist (OAuth 2.1 -15 §2.4.1: servers
//! protect against brute force; crate policy: no client enumeration, by text or by time).

use std::hint::black_box;
use std::sync::OnceLock;

use subtle::Choice;

use super::hash::PreparedHash;
use crate::wire::error::AuthError;
use crate::wire::metadata::secret_hash_cost::SecretHashMaxCost;
use crate::wire::request::RequestParts;

/// The fixed hash an unknown client's secret is verified against: Argon2id at the cost of
/// [`hash_client_secret`](crate::hash_client_secret) (`HASH_CLIENT_SECRET_PARAMS`), made by
/// argon2-cffi 25.1.0:
///
/// ```text
/// python3 -c "import argon2; print(argon2.PasswordHasher(time_cost=2, memory_cost=19456,
///   parallelism=1, hash_len=32, salt_len=16).hash('no client is registered under this id'))"
/// ```
const UNKNOWN_CLIENT_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$8wZeAgV645VH+bHPxU0KoQ$\
                                   /FBVHKd73HOAVNGojjpc35MSvSM1YptN8/COl5IDZ4k";

#[cfg(test)]
thread_local! {
    /// How many dummy verifications this thread ran (tests only).
    static VERIFICATIONS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The fixed hash, parsed once. `None` only if the constant did not parse, which a test rules
/// out.
fn unknown_client_hash() -> Option<&'static PreparedHash> {
    static HASH: OnceLock<Option<PreparedHash>> = OnceLock::new();
    HASH.get_or_init(|| {
        PreparedHash::parse(UNKNOWN_CLIENT_HASH, &SecretHashMaxCost::default()).ok()
    })
    .as_ref()
}

/// Verifies `presented` against the fixed hash: one Argon2id computation at the default cost.
fn dummy_verification(presented: &[u8]) -> Choice {
    #[cfg(test)]
    VERIFICATIONS.with(|n| n.set(n.get() + 1));
    unknown_client_hash().map_or(Choice::from(0), |hash| hash.matches(black_box(presented)))
}

/// The refusal of a request whose `client_id` names no registration, after the work a
/// registered client's hashed secret would have cost.
///
/// Call it where your client store finds no client under the id
/// [`require_client_id`](crate::require_client_id) (or
/// [`claimed_client_id`](crate::claimed_client_id)) returned, in place of returning
/// [`AuthError::UnknownClient`] at once. When the request presents a secret (HTTP Basic or
/// `client_secret`), it verifies that secret against a fixed Argon2id hash at the cost of
/// [`hash_client_secret`](crate::hash_client_secret)
/// ([`HASH_CLIENT_SECRET_PARAMS`](crate::HASH_CLIENT_SECRET_PARAMS): 19 MiB, two passes, one
/// lane), the work a client whose `client_secret_hash` was made by it costs, then returns
/// [`AuthError::UnknownClient`]. Without it, an unknown client is refused in
/// microseconds and a known one with a hashed secret in milliseconds, and the time tells an
/// attacker which client ids exist, whatever the response says (its
/// [`description`](AuthError::description) is already the same,
/// [`CLIENT_AUTHENTICATION_FAILED`](crate::CLIENT_AUTHENTICATION_FAILED)).
///
/// A request that presents no secret (an assertion, a certificate, `none`) costs a registered
/// client no hashing either, and none is done.
///
/// Equal only as far as your secrets are hashed at that cost: if you store hashes of another
/// scheme or cost, the times differ by the difference. Rate-limit refusals per address as
/// usual ([`FailureClass::Credential`](crate::FailureClass::Credential)): like a wrong secret
/// for a known client, each unknown-client attempt costs the server one hash.
///
/// # Example
///
/// ```
/// use oauth_client_auth::{
///     authenticate, authenticate_unknown_client, require_client_id, AuthError, ClientMetadata,
///     RequestParts, ServerMetadata, CLIENT_AUTHENTICATION_FAILED,
/// };
///
/// fn client_authentication(
///     request: &RequestParts,
///     load_client: impl Fn(&str) -> Option<ClientMetadata>,
///     server: &ServerMetadata,
/// ) -> Result<String, AuthError> {
///     let client_id = require_client_id(request)?;
///     let Some(client) = load_client(client_id) else {
///         // The same work, and the same answer, as a wrong secret.
///         return Err(authenticate_unknown_client(request));
///     };
///     authenticate(request, &client, server).map(|who| who.client_id().to_owned())
/// }
///
/// let server = ServerMetadata::new("https://as.example.com");
/// let no_clients = |_: &str| None;
/// let request = RequestParts::builder()
///     .header("Authorization", "Basic bm8tc3VjaC1jbGllbnQ6Z3Vlc3M=") // no-such-client:guess
///     .form_body("grant_type=client_credentials")
///     .build()
///     .unwrap();
/// let refused = client_authentication(&request, no_clients, &server).unwrap_err();
/// assert_eq!(refused, AuthError::UnknownClient);
/// assert_eq!(refused.description(), CLIENT_AUTHENTICATION_FAILED);
/// // The log still says which: "no client is registered under the client_id ...".
/// assert!(refused.to_string().starts_with("no client is registered"));
/// ```
pub fn authenticate_unknown_client(request: &RequestParts) -> AuthError {
    let presented = request
        .basic()
        .map(|basic| basic.secret())
        .or_else(|| request.client_secret_param());
    if let Some(secret) = presented {
        // The verdict is thrown away: the client is unknown whatever the secret.
        black_box(dummy_verification(secret.expose().as_bytes()));
    }
    AuthError::UnknownClient
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::primitives::secret::hash::HASH_CLIENT_SECRET_PARAMS;

    fn verifications() -> usize {
        VERIFICATIONS.with(std::cell::Cell::get)
    }

    fn request(headers: &[(&str, &str)], body: &str) -> RequestParts {
        let mut b = RequestParts::builder().form_body(body);
        for (name, value) in headers {
            b = b.header(name, value);
        }
        b.build().unwrap()
    }

    #[test]
    fn the_fixed_hash_is_argon2id_at_the_cost_of_hash_client_secret() {
        // A valid PHC string within the default bounds, at exactly the default parameters.
        let (m, t, p) = HASH_CLIENT_SECRET_PARAMS;
        assert!(UNKNOWN_CLIENT_HASH.starts_with(&format!("$argon2id$v=19$m={m},t={t},p={p}$")));
        assert!(unknown_client_hash().is_some());
        // A real hash: argon2-cffi's output verifies its own preimage here, so the dummy
        // verification computes Argon2id with these parameters, and refuses anything else.
        assert!(bool::from(dummy_verification(
            b"no client is registered under this id"
        )));
        assert!(!bool::from(dummy_verification(b"guess")));
    }

    #[test]
    fn a_presented_secret_is_hashed_and_the_client_refused_as_unknown() {
        // Basic (no-such-client:guess) and client_secret_post.
        for r in [
            request(
                &[("Authorization", "Basic bm8tc3VjaC1jbGllbnQ6Z3Vlc3M=")],
                "",
            ),
            request(&[], "client_id=no-such-client&client_secret=guess"),
        ] {
            let before = verifications();
            let refused = authenticate_unknown_client(&r);
            assert_eq!(verifications(), before + 1);
            assert_eq!(refused, AuthError::UnknownClient);
            assert_eq!(refused.description(), "client authentication failed");
        }
    }

    #[test]
    fn without_a_secret_no_hash_is_computed() {
        // A known client presenting no secret costs no hashing either.
        let r = request(&[], "client_id=no-such-client");
        let before = verifications();
        assert_eq!(authenticate_unknown_client(&r), AuthError::UnknownClient);
        assert_eq!(verifications(), before);
    }
}
