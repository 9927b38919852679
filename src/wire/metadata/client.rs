//! The metadata of a registered client, under the names of RFC 7591 / OpenID Connect
//! Registration.
//!
//! It deserializes with serde from what an authorization server already stores; unknown fields
//! are ignored. Deserialization is lenient about values that only matter when a request is
//! judged (an unknown `token_endpoint_auth_method`, a `jwks` that is not a JWK Set): those are
//! reported as a typed [`MetadataError`] when the client is prepared, and refuse the request
//! as `invalid_client` with an error that says the registration is at fault.

use std::fmt;

use serde::Deserialize;

use super::algorithm::JwsAlgorithm;
use super::client_secrets::{deserialize_client_secrets, ClientSecretEntry};
use super::method::AuthMethod;
use crate::wire::error::registration::MetadataError;
use crate::wire::secret::ClientSecret;

/// The metadata of a registered client (RFC 7591 §2, OpenID Connect Registration §2).
///
/// The core never fetches `jwks_uri`: resolve it into `jwks` before calling it, or use
/// `JwksResolver` (feature `jwks-fetch`).
#[derive(Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct ClientMetadata {
    /// `client_id` (RFC 7591 §3.2.1).
    pub client_id: String,
    /// `client_secret`, for `client_secret_basic`, `client_secret_post` and
    /// `client_secret_jwt`.
    #[serde(default)]
    pub client_secret: Option<ClientSecret>,
    /// `client_secret_expires_at`: Unix seconds, `0` meaning never (RFC 7591 §3.2.1). It
    /// applies to `client_secret` and `client_secret_hash`, and, as the registration's own
    /// expiry, to every `client_secrets` entry too.
    #[serde(default)]
    pub client_secret_expires_at: Option<i64>,
    /// `client_secret_hash`: the secret stored hashed, instead of `client_secret` (case
    /// format): a PHC string (`$argon2id$`, `$argon2i$`, `$argon2d$`, `$scrypt$`,
    /// `$pbkdf2-sha256$`, `$pbkdf2-sha512$`) or bcrypt (`$2a$`, `$2b$`, `$2y$`), optionally
    /// with a Spring Security `{bcrypt}` or `{argon2}` prefix. Make one with
    /// [`hash_client_secret`](crate::hash_client_secret).
    #[serde(default)]
    pub client_secret_hash: Option<String>,
    /// `client_secrets`: rotation, the live secrets, each with an `id` and a `secret` or a
    /// `hash` (case format). It may not stand beside `client_secret` or
    /// `client_secret_hash`.
    #[serde(default, deserialize_with = "deserialize_client_secrets")]
    pub client_secrets: Option<Vec<ClientSecretEntry>>,
    /// `token_endpoint_auth_method`; absent means `client_secret_basic` (RFC 7591 §2).
    #[serde(default)]
    pub token_endpoint_auth_method: Option<String>,
    /// `token_endpoint_auth_signing_alg` (OpenID Connect Registration §2).
    #[serde(default)]
    pub token_endpoint_auth_signing_alg: Option<String>,
    /// `jwks`: the client's JWK Set (RFC 7517 §5), by value.
    #[serde(default)]
    pub jwks: Option<serde_json::Value>,
    /// `jwks_uri`: never fetched by the core; `JwksResolver` (feature `jwks-fetch`) fetches it.
    #[serde(default)]
    pub jwks_uri: Option<String>,
    /// `tls_client_auth_subject_dn` (RFC 8705 §2.1.2): an RFC 4514 string.
    #[serde(default)]
    pub tls_client_auth_subject_dn: Option<String>,
    /// `tls_client_auth_san_dns` (RFC 8705 §2.1.2).
    #[serde(default)]
    pub tls_client_auth_san_dns: Option<String>,
    /// `tls_client_auth_san_uri` (RFC 8705 §2.1.2).
    #[serde(default)]
    pub tls_client_auth_san_uri: Option<String>,
    /// `tls_client_auth_san_ip` (RFC 8705 §2.1.2): IPv4 dotted decimal or IPv6 text.
    #[serde(default)]
    pub tls_client_auth_san_ip: Option<String>,
    /// `tls_client_auth_san_email` (RFC 8705 §2.1.2).
    #[serde(default)]
    pub tls_client_auth_san_email: Option<String>,
    /// `spiffe_id` (draft-ietf-oauth-spiffe-client-auth-02 §5.1, §9.1): the client's SPIFFE
    /// ID, for `spiffe_jwt`, `spiffe_x509` and `spiffe_wit`; a final `/*` accepts every SPIFFE ID under
    /// that path, by whole segments. Absent, the `client_id` is the SPIFFE ID.
    #[serde(default)]
    pub spiffe_id: Option<String>,
}

impl ClientMetadata {
    /// Metadata for a client with this identifier and nothing else registered.
    pub fn new(client_id: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
            ..Self::default()
        }
    }

    /// The registered method; absent means `client_secret_basic` (RFC 7591 §2).
    ///
    /// # Errors
    ///
    /// [`MetadataError::UnknownAuthMethod`] when the name is not one this crate verifies.
    pub fn auth_method(&self) -> Result<AuthMethod, MetadataError> {
        match &self.token_endpoint_auth_method {
            Some(name) => Ok(name.parse()?),
            None => Ok(AuthMethod::ClientSecretBasic),
        }
    }
}

impl ClientMetadata {
    /// The registered `token_endpoint_auth_signing_alg`, parsed (OpenID Connect Registration
    /// §2: "All Token Requests using these authentication methods from this Client MUST be
    /// rejected, if the JWT is not signed with this algorithm").
    ///
    /// # Errors
    ///
    /// [`MetadataError::UnknownSigningAlg`] when the name is not an algorithm this crate
    /// verifies (`none` included: RFC 7591 §2 forbids it here).
    pub fn signing_alg(&self) -> Result<Option<JwsAlgorithm>, MetadataError> {
        match &self.token_endpoint_auth_signing_alg {
            None => Ok(None),
            Some(name) => JwsAlgorithm::from_name(name)
                .map(Some)
                .ok_or_else(|| MetadataError::UnknownSigningAlg(name.clone())),
        }
    }
}

/// Key material and secrets stay out of `Debug`.
impl fmt::Debug for ClientMetadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientMetadata")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("client_secret_expires_at", &self.client_secret_expires_at)
            .field(
                "client_secret_hash",
                &self.client_secret_hash.as_ref().map(|_| "<redacted>"),
            )
            .field("client_secrets", &self.client_secrets)
            .field(
                "token_endpoint_auth_method",
                &self.token_endpoint_auth_method,
            )
            .field(
                "token_endpoint_auth_signing_alg",
                &self.token_endpoint_auth_signing_alg,
            )
            .field("jwks", &self.jwks.as_ref().map(|_| "<redacted>"))
            .field("jwks_uri", &self.jwks_uri)
            .field(
                "tls_client_auth_subject_dn",
                &self.tls_client_auth_subject_dn,
            )
            .field("tls_client_auth_san_dns", &self.tls_client_auth_san_dns)
            .field("tls_client_auth_san_uri", &self.tls_client_auth_san_uri)
            .field("tls_client_auth_san_ip", &self.tls_client_auth_san_ip)
            .field("tls_client_auth_san_email", &self.tls_client_auth_san_email)
            .field("spiffe_id", &self.spiffe_id)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_auth_method_defaults_to_client_secret_basic() {
        // RFC 7591 §2: "If unspecified or omitted, the default is client_secret_basic".
        let c: ClientMetadata = serde_json::from_str(r#"{"client_id":"a"}"#).unwrap();
        assert_eq!(c.auth_method(), Ok(AuthMethod::ClientSecretBasic));
        let c: ClientMetadata =
            serde_json::from_str(r#"{"client_id":"a","token_endpoint_auth_method":"none"}"#)
                .unwrap();
        assert_eq!(c.auth_method(), Ok(AuthMethod::None));
    }

    #[test]
    fn unknown_fields_are_ignored_and_unknown_method_is_a_typed_error() {
        let c: ClientMetadata = serde_json::from_str(
            r#"{"client_id":"a","token_endpoint_auth_method":"magic","logo_uri":"x"}"#,
        )
        .unwrap();
        assert_eq!(
            c.auth_method(),
            Err(MetadataError::UnknownAuthMethod("magic".into()))
        );
    }

    #[test]
    fn client_metadata_debug_hides_secret_and_keys() {
        let c: ClientMetadata = serde_json::from_str(
            r#"{"client_id":"a","client_secret":"hunter2-secret","jwks":{"keys":[{"kty":"oct","k":"c2VjcmV0"}]},
                "client_secret_hash":"$2b$10$hashhashhashhashhashhaQm3E1vLz6Q0Yk2QoC4wqB1bQYxM0Wd3u",
                "client_secrets":[{"id":"old","secret":"rotated-secret"},{"id":"new","hash":"$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"}]}"#,
        )
        .unwrap();
        let dbg = format!("{c:?}");
        assert!(!dbg.contains("hunter2"), "{dbg}");
        assert!(!dbg.contains("hashhash"), "{dbg}");
        assert!(!dbg.contains("rotated-secret"), "{dbg}");
        assert!(!dbg.contains("c2FsdHNhbHQ"), "{dbg}");
        assert!(dbg.contains("\"old\""), "{dbg}");
        assert!(!dbg.contains("c2VjcmV0"), "{dbg}");
        assert!(dbg.contains("\"a\""));
    }
}
