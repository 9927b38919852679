//! `spiffe_bundles`: the server's SPIFFE trust bundles, keyed by trust domain
//! (draft-ietf-oauth-spiffe-client-auth-02 §6: "Trust bundles in general MUST be keyed by the
//! trust domain identifier"). Server policy given by the caller; the core fetches nothing.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The bundle of one SPIFFE trust domain, as the server was configured with it.
///
/// ```json
/// { "jwks": { "keys": [ { "use": "jwt-svid", "kty": "EC", "kid": "...", ... } ] },
///   "x509_authorities": [ "-----BEGIN CERTIFICATE-----\n..." ] }
/// ```
///
/// `jwks` may be the trust domain's SPIFFE bundle as its bundle endpoint serves it
/// (SPIFFE Trust Domain and Bundle §4): its keys whose `use` is `jwt-svid` (or absent, or
/// `sig`) verify JWT-SVIDs, its keys whose `use` is `wit-svid` verify WIT-SVIDs
/// (draft-ietf-oauth-spiffe-client-auth-02 §6; a key without `use` is never a WIT-SVID key),
/// and the first `x5c` certificate of each key whose `use` is `x509-svid` is an X.509
/// authority (X509-SVID §6.2), beside those of `x509_authorities`.
#[derive(Clone, Default, Deserialize, Serialize, PartialEq)]
#[non_exhaustive]
pub struct SpiffeBundle {
    /// A JWK Set or a SPIFFE bundle: the JWT-SVID keys, the `wit-svid` keys, and `x509-svid`
    /// authorities.
    #[serde(default)]
    pub jwks: Option<serde_json::Value>,
    /// PEM certificates: the authorities X.509-SVIDs of this trust domain chain to.
    #[serde(default)]
    pub x509_authorities: Option<Vec<String>>,
}

impl SpiffeBundle {
    /// An empty bundle, to fill in.
    pub fn new() -> Self {
        Self::default()
    }
}

/// Key material shows as counts.
impl fmt::Debug for SpiffeBundle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SpiffeBundle")
            .field("jwks", &self.jwks.is_some())
            .field(
                "x509_authorities",
                &self.x509_authorities.as_ref().map(Vec::len),
            )
            .finish()
    }
}
