//! The authorization server's metadata, under the names of RFC 8414 / OpenID Connect
//! Discovery, and this crate's policy keys.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer};

use super::endpoint::Endpoint;
use super::method::AuthMethod;
use super::policy::{
    AssertionAudience, FapiProfile, DEFAULT_CLOCK_SKEW_SECONDS,
    DEFAULT_MAX_ASSERTION_LIFETIME_SECONDS,
};
use super::secret_hash_cost::SecretHashMaxCost;
use super::spiffe::SpiffeBundle;

/// The authorization server's metadata (RFC 8414 §2, OpenID Connect Discovery §3) and this
/// crate's policy keys.
#[derive(Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct ServerMetadata {
    /// `issuer`: the server's issuer identifier.
    pub issuer: String,
    /// `token_endpoint`.
    #[serde(default)]
    pub token_endpoint: Option<String>,
    /// `revocation_endpoint` (RFC 7009).
    #[serde(default)]
    pub revocation_endpoint: Option<String>,
    /// `introspection_endpoint` (RFC 7662).
    #[serde(default)]
    pub introspection_endpoint: Option<String>,
    /// `pushed_authorization_request_endpoint` (RFC 9126 §5).
    #[serde(default)]
    pub pushed_authorization_request_endpoint: Option<String>,
    /// `backchannel_authentication_endpoint` (CIBA Core §4).
    #[serde(default)]
    pub backchannel_authentication_endpoint: Option<String>,
    /// `device_authorization_endpoint` (RFC 8628 §4).
    #[serde(default)]
    pub device_authorization_endpoint: Option<String>,
    /// `token_endpoint_auth_methods_supported`; absent means `["client_secret_basic"]`
    /// (RFC 8414 §2).
    #[serde(default)]
    pub token_endpoint_auth_methods_supported: Option<Vec<String>>,
    /// `token_endpoint_auth_signing_alg_values_supported`; absent allows every algorithm this
    /// crate verifies.
    #[serde(default)]
    pub token_endpoint_auth_signing_alg_values_supported: Option<Vec<String>>,
    /// `revocation_endpoint_auth_methods_supported`; absent means `["client_secret_basic"]`
    /// (RFC 8414 §2).
    #[serde(default)]
    pub revocation_endpoint_auth_methods_supported: Option<Vec<String>>,
    /// `revocation_endpoint_auth_signing_alg_values_supported`; absent uses the token
    /// endpoint's.
    #[serde(default)]
    pub revocation_endpoint_auth_signing_alg_values_supported: Option<Vec<String>>,
    /// `introspection_endpoint_auth_methods_supported`; absent uses the token endpoint's.
    #[serde(default)]
    pub introspection_endpoint_auth_methods_supported: Option<Vec<String>>,
    /// `introspection_endpoint_auth_signing_alg_values_supported`; absent uses the token
    /// endpoint's.
    #[serde(default)]
    pub introspection_endpoint_auth_signing_alg_values_supported: Option<Vec<String>>,

    /// Policy: the FAPI profile enforced, if any.
    #[serde(default)]
    pub fapi_profile: Option<FapiProfile>,
    /// Policy: which `aud` values identify this server; `fapi2` forces
    /// [`AssertionAudience::IssuerString`].
    #[serde(default)]
    pub assertion_audience: Option<AssertionAudience>,
    /// Policy: whole seconds allowed on `exp`, `nbf` and `iat`; default 30.
    #[serde(default)]
    pub clock_skew_seconds: Option<u64>,
    /// Policy: the longest `exp − now` (and `exp − iat`) accepted; default 3600.
    #[serde(default)]
    pub max_assertion_lifetime_seconds: Option<u64>,
    /// Policy: whether a client assertion must carry `jti`; default true.
    #[serde(default)]
    pub require_jti: Option<bool>,
    /// Policy: PEM trust anchors for `tls_client_auth`; an array of PEM strings, or one string
    /// holding several PEM blocks.
    #[serde(default, deserialize_with = "one_or_many")]
    pub tls_client_auth_trust_anchors: Option<Vec<String>>,
    /// Policy: the most work one stored client secret hash may ask; absent keys keep their
    /// defaults ([`SecretHashMaxCost::default`]).
    #[serde(default)]
    pub secret_hash_max_cost: Option<SecretHashMaxCost>,

    /// `client_attestation_signing_alg_values_supported`
    /// (draft-ietf-oauth-attestation-based-client-auth-10): the algorithms accepted for a
    /// Client Attestation JWT; absent, every asymmetric algorithm this crate verifies.
    #[serde(default)]
    pub client_attestation_signing_alg_values_supported: Option<Vec<String>>,
    /// `client_attestation_pop_signing_alg_values_supported`: the algorithms accepted for a
    /// Client Attestation PoP JWT; absent, every asymmetric algorithm this crate verifies.
    /// HMAC is never accepted for the PoP.
    #[serde(default)]
    pub client_attestation_pop_signing_alg_values_supported: Option<Vec<String>>,
    /// `client_attestation_pop_methods_supported`: the methods beside which an attestation is
    /// accepted as an additional signal; present without `none`, an attestation is required
    /// on every request.
    #[serde(default)]
    pub client_attestation_pop_methods_supported: Option<Vec<String>>,
    /// `challenge_endpoint`: where clients fetch a fresh challenge (published, not used here).
    #[serde(default)]
    pub challenge_endpoint: Option<String>,
    /// Policy: the Client Attesters' public keys, a JWK Set (`{"keys": [...]}`). Never
    /// fetched.
    #[serde(default)]
    pub client_attestation_trusted_keys: Option<serde_json::Value>,
    /// Policy: PEM trust anchors for an attestation whose header carries `x5c`.
    #[serde(default, deserialize_with = "one_or_many")]
    pub client_attestation_trust_anchors: Option<Vec<String>>,
    /// Policy: when set, an attestation must carry an `iat` no older than this (plus skew).
    #[serde(default)]
    pub client_attestation_max_age_seconds: Option<u64>,
    /// Policy: the oldest PoP `iat` accepted (plus skew); default 300.
    #[serde(default)]
    pub client_attestation_pop_max_age_seconds: Option<u64>,
    /// Policy: the challenges the server issued and still accepts; present, a PoP must carry
    /// one of them. Servers with their own store use [`crate::PreparedServer::with_challenge_validator`].
    #[serde(default)]
    pub client_attestation_challenges: Option<Vec<String>>,
    /// Policy: the fresh challenge a `use_attestation_challenge` refusal offers.
    #[serde(default)]
    pub client_attestation_next_challenge: Option<String>,

    /// Policy: the SPIFFE trust bundles, keyed by trust domain name (`example.org`), for
    /// `spiffe_jwt`, `spiffe_x509` and `spiffe_wit` (draft-ietf-oauth-spiffe-client-auth-02 §6).
    /// An SVID is
    /// verified with the bundle of its own trust domain only; never fetched.
    #[serde(default)]
    pub spiffe_bundles: Option<BTreeMap<String, SpiffeBundle>>,
}

/// Certificates stay out of `Debug`: trust anchors show as a count.
impl fmt::Debug for ServerMetadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerMetadata")
            .field("issuer", &self.issuer)
            .field("token_endpoint", &self.token_endpoint)
            .field("revocation_endpoint", &self.revocation_endpoint)
            .field("introspection_endpoint", &self.introspection_endpoint)
            .field(
                "pushed_authorization_request_endpoint",
                &self.pushed_authorization_request_endpoint,
            )
            .field(
                "backchannel_authentication_endpoint",
                &self.backchannel_authentication_endpoint,
            )
            .field(
                "device_authorization_endpoint",
                &self.device_authorization_endpoint,
            )
            .field(
                "token_endpoint_auth_methods_supported",
                &self.token_endpoint_auth_methods_supported,
            )
            .field(
                "token_endpoint_auth_signing_alg_values_supported",
                &self.token_endpoint_auth_signing_alg_values_supported,
            )
            .field(
                "revocation_endpoint_auth_methods_supported",
                &self.revocation_endpoint_auth_methods_supported,
            )
            .field(
                "revocation_endpoint_auth_signing_alg_values_supported",
                &self.revocation_endpoint_auth_signing_alg_values_supported,
            )
            .field(
                "introspection_endpoint_auth_methods_supported",
                &self.introspection_endpoint_auth_methods_supported,
            )
            .field(
                "introspection_endpoint_auth_signing_alg_values_supported",
                &self.introspection_endpoint_auth_signing_alg_values_supported,
            )
            .field("fapi_profile", &self.fapi_profile)
            .field("assertion_audience", &self.assertion_audience)
            .field("clock_skew_seconds", &self.clock_skew_seconds)
            .field(
                "max_assertion_lifetime_seconds",
                &self.max_assertion_lifetime_seconds,
            )
            .field("require_jti", &self.require_jti)
            .field(
                "tls_client_auth_trust_anchors",
                &self.tls_client_auth_trust_anchors.as_ref().map(Vec::len),
            )
            .field("secret_hash_max_cost", &self.secret_hash_max_cost)
            .field(
                "client_attestation_signing_alg_values_supported",
                &self.client_attestation_signing_alg_values_supported,
            )
            .field(
                "client_attestation_pop_signing_alg_values_supported",
                &self.client_attestation_pop_signing_alg_values_supported,
            )
            .field(
                "client_attestation_pop_methods_supported",
                &self.client_attestation_pop_methods_supported,
            )
            .field("challenge_endpoint", &self.challenge_endpoint)
            .field(
                "client_attestation_trusted_keys",
                &self.client_attestation_trusted_keys.is_some(),
            )
            .field(
                "client_attestation_trust_anchors",
                &self.client_attestation_trust_anchors.as_ref().map(Vec::len),
            )
            .field(
                "client_attestation_max_age_seconds",
                &self.client_attestation_max_age_seconds,
            )
            .field(
                "client_attestation_pop_max_age_seconds",
                &self.client_attestation_pop_max_age_seconds,
            )
            .field(
                "client_attestation_challenges",
                &self.client_attestation_challenges.as_ref().map(Vec::len),
            )
            .field(
                "spiffe_bundles",
                &self
                    .spiffe_bundles
                    .as_ref()
                    .map(|b| b.keys().collect::<Vec<_>>()),
            )
            .finish_non_exhaustive()
    }
}

/// The methods a server lists when it lists none (RFC 8414 §2; OpenID Connect Discovery §3).
pub const DEFAULT_AUTH_METHODS: &[&str] = &["client_secret_basic"];

impl ServerMetadata {
    /// Metadata for a server with this issuer and every other key at its default.
    pub fn new(issuer: impl Into<String>) -> Self {
        Self {
            issuer: issuer.into(),
            ..Self::default()
        }
    }

    /// Whether the endpoint lists the method in its `*_auth_methods_supported`.
    ///
    /// RFC 8414 §2: token and revocation default to `client_secret_basic`; introspection
    /// without a list of its own uses the token endpoint's, and so do the endpoints with no
    /// list defined (pushed authorization — RFC 9126 §2 —, backchannel authentication, device
    /// authorization).
    pub fn endpoint_supports(&self, endpoint: Endpoint, method: AuthMethod) -> bool {
        let list = match endpoint {
            Endpoint::Revocation => self.revocation_endpoint_auth_methods_supported.as_ref(),
            Endpoint::Introspection => self
                .introspection_endpoint_auth_methods_supported
                .as_ref()
                .or(self.token_endpoint_auth_methods_supported.as_ref()),
            Endpoint::Token
            | Endpoint::PushedAuthorization
            | Endpoint::BackchannelAuthentication
            | Endpoint::DeviceAuthorization => self.token_endpoint_auth_methods_supported.as_ref(),
        };
        match list {
            Some(list) => list.iter().any(|m| m == method.as_str()),
            None => DEFAULT_AUTH_METHODS.contains(&method.as_str()),
        }
    }

    /// The signing algorithms the endpoint accepts for client assertions, or `None` when the
    /// server lists none (every algorithm in [`SUPPORTED_SIGNING_ALGS`](crate::SUPPORTED_SIGNING_ALGS)). An endpoint without a
    /// list of its own uses the token endpoint's.
    pub fn signing_algs_supported(&self, endpoint: Endpoint) -> Option<&[String]> {
        let own = match endpoint {
            Endpoint::Revocation => self
                .revocation_endpoint_auth_signing_alg_values_supported
                .as_ref(),
            Endpoint::Introspection => self
                .introspection_endpoint_auth_signing_alg_values_supported
                .as_ref(),
            Endpoint::Token
            | Endpoint::PushedAuthorization
            | Endpoint::BackchannelAuthentication
            | Endpoint::DeviceAuthorization => None,
        };
        own.or(self
            .token_endpoint_auth_signing_alg_values_supported
            .as_ref())
            .map(Vec::as_slice)
    }

    /// The URL of an endpoint, when the metadata names it.
    pub fn endpoint_url(&self, endpoint: Endpoint) -> Option<&str> {
        match endpoint {
            Endpoint::Token => self.token_endpoint.as_deref(),
            Endpoint::Revocation => self.revocation_endpoint.as_deref(),
            Endpoint::Introspection => self.introspection_endpoint.as_deref(),
            Endpoint::PushedAuthorization => self.pushed_authorization_request_endpoint.as_deref(),
            Endpoint::BackchannelAuthentication => {
                self.backchannel_authentication_endpoint.as_deref()
            }
            Endpoint::DeviceAuthorization => self.device_authorization_endpoint.as_deref(),
        }
    }

    /// The audience policy in force: `fapi2` forces [`AssertionAudience::IssuerString`]
    /// (FAPI 2.0 Security Profile §5.3.2.1 item 8).
    pub fn effective_assertion_audience(&self) -> AssertionAudience {
        match self.fapi_profile {
            Some(FapiProfile::Fapi2) => AssertionAudience::IssuerString,
            _ => self.assertion_audience.unwrap_or_default(),
        }
    }

    /// [`ServerMetadata::clock_skew_seconds`] or its default.
    pub fn clock_skew(&self) -> u64 {
        self.clock_skew_seconds
            .unwrap_or(DEFAULT_CLOCK_SKEW_SECONDS)
    }

    /// [`ServerMetadata::max_assertion_lifetime_seconds`] or its default.
    pub fn max_assertion_lifetime(&self) -> u64 {
        self.max_assertion_lifetime_seconds
            .unwrap_or(DEFAULT_MAX_ASSERTION_LIFETIME_SECONDS)
    }

    /// [`ServerMetadata::secret_hash_max_cost`] or its defaults.
    pub fn secret_hash_bounds(&self) -> SecretHashMaxCost {
        self.secret_hash_max_cost.unwrap_or_default()
    }

    /// Whether every request must carry a client attestation: the server lists
    /// `client_attestation_pop_methods_supported` without `none`.
    pub fn attestation_required(&self) -> bool {
        self.client_attestation_pop_methods_supported
            .as_ref()
            .is_some_and(|list| !list.iter().any(|m| m == "none"))
    }

    /// [`ServerMetadata::require_jti`] or its default, true (OpenID Connect Core §9).
    pub fn jti_required(&self) -> bool {
        self.require_jti.unwrap_or(true)
    }
}

/// Accepts an array of strings or a single string (several PEM blocks in one string).
fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(Option::<OneOrMany>::deserialize(d)?.map(|v| match v {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_method_lists_follow_rfc8414_defaults() {
        let s = ServerMetadata::new("https://as.example.com");
        // RFC 8414 §2: absent token/revocation lists mean client_secret_basic only.
        assert!(s.endpoint_supports(Endpoint::Token, AuthMethod::ClientSecretBasic));
        assert!(!s.endpoint_supports(Endpoint::Token, AuthMethod::ClientSecretPost));
        assert!(s.endpoint_supports(Endpoint::Revocation, AuthMethod::ClientSecretBasic));

        let s: ServerMetadata = serde_json::from_str(
            r#"{"issuer":"https://as","token_endpoint_auth_methods_supported":["private_key_jwt"],
                "revocation_endpoint_auth_methods_supported":["client_secret_post"]}"#,
        )
        .unwrap();
        assert!(s.endpoint_supports(Endpoint::Token, AuthMethod::PrivateKeyJwt));
        // Introspection and PAR without a list of their own use the token endpoint's.
        assert!(s.endpoint_supports(Endpoint::Introspection, AuthMethod::PrivateKeyJwt));
        assert!(s.endpoint_supports(Endpoint::PushedAuthorization, AuthMethod::PrivateKeyJwt));
        assert!(!s.endpoint_supports(Endpoint::PushedAuthorization, AuthMethod::ClientSecretPost));
        // Revocation has its own list and does not fall back.
        assert!(s.endpoint_supports(Endpoint::Revocation, AuthMethod::ClientSecretPost));
        assert!(!s.endpoint_supports(Endpoint::Revocation, AuthMethod::PrivateKeyJwt));
    }

    #[test]
    fn signing_alg_lists_fall_back_to_the_token_endpoints() {
        let s: ServerMetadata = serde_json::from_str(
            r#"{"issuer":"https://as","token_endpoint_auth_signing_alg_values_supported":["ES256"],
                "introspection_endpoint_auth_signing_alg_values_supported":["PS256"]}"#,
        )
        .unwrap();
        assert_eq!(
            s.signing_algs_supported(Endpoint::Revocation),
            Some(&["ES256".to_string()][..])
        );
        assert_eq!(
            s.signing_algs_supported(Endpoint::Introspection),
            Some(&["PS256".to_string()][..])
        );
        assert_eq!(
            ServerMetadata::new("x").signing_algs_supported(Endpoint::Token),
            None
        );
    }

    #[test]
    fn fapi2_forces_issuer_string_audience() {
        let mut s = ServerMetadata::new("https://as");
        s.assertion_audience = Some(AssertionAudience::IssuerOrEndpoint);
        assert_eq!(
            s.effective_assertion_audience(),
            AssertionAudience::IssuerOrEndpoint
        );
        s.fapi_profile = Some(FapiProfile::Fapi2);
        assert_eq!(
            s.effective_assertion_audience(),
            AssertionAudience::IssuerString
        );
    }

    #[test]
    fn secret_hash_max_cost_defaults_and_partial_objects() {
        let s = ServerMetadata::new("x");
        assert_eq!(s.secret_hash_bounds(), SecretHashMaxCost::default());
        let s: ServerMetadata = serde_json::from_str(
            r#"{"issuer":"x","secret_hash_max_cost":{"argon2_memory_kib":19456}}"#,
        )
        .unwrap();
        let bounds = s.secret_hash_bounds();
        assert_eq!(bounds.argon2_memory_kib, 19456);
        assert_eq!(bounds.bcrypt_cost, 14);
    }

    #[test]
    fn trust_anchors_accept_string_or_array() {
        let s: ServerMetadata =
            serde_json::from_str(r#"{"issuer":"x","tls_client_auth_trust_anchors":"PEM"}"#)
                .unwrap();
        assert_eq!(s.tls_client_auth_trust_anchors, Some(vec!["PEM".into()]));
        let s: ServerMetadata =
            serde_json::from_str(r#"{"issuer":"x","tls_client_auth_trust_anchors":["A","B"]}"#)
                .unwrap();
        assert_eq!(
            s.tls_client_auth_trust_anchors,
            Some(vec!["A".into(), "B".into()])
        );
    }
}
