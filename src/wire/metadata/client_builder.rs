//! Registrations in typed form: [`ClientMetadata::builder`] and the [`Jwks`] it takes.
//!
//! Deserializing RFC 7591 JSON into [`ClientMetadata`] stays the way to read what a server
//! already stores; the builder is for registrations made in code, where a method name or a key
//! set is checked by the compiler or when it is built, not on the first request.

use std::fmt;

use serde_json::Value;

use crate::wire::error::registration::MetadataError;
use crate::wire::limits::MAX_JWKS_KEYS;
use crate::wire::metadata::algorithm::JwsAlgorithm;
use crate::wire::metadata::client::ClientMetadata;
use crate::wire::metadata::method::AuthMethod;
use crate::wire::metadata::san::SanKind;
use crate::wire::secret::ClientSecret;

/// A JWK Set (RFC 7517 §5) as a client registers it in `jwks`: a JSON object whose `keys` is
/// an array of at most [`MAX_JWKS_KEYS`] objects.
///
/// Whether its keys are usable for the registered method is decided when the client is
/// prepared ([`crate::prepared::PreparedClient::new`]). `Debug` shows the number of keys only.
#[derive(Clone, PartialEq)]
pub struct Jwks(Value);

impl Jwks {
    /// Reads a JWK Set from its JSON text.
    ///
    /// # Errors
    ///
    /// [`MetadataError::InvalidJwks`] when the text is not JSON or not a JWK Set.
    pub fn from_json(text: &str) -> Result<Self, MetadataError> {
        let value: Value =
            serde_json::from_str(text).map_err(|_| MetadataError::InvalidJwks("it is not JSON"))?;
        Self::from_value(value)
    }

    /// Takes a JWK Set already parsed as JSON.
    ///
    /// # Errors
    ///
    /// [`MetadataError::InvalidJwks`] when it is not a JWK Set.
    pub fn from_value(value: Value) -> Result<Self, MetadataError> {
        jwk_set_members(&value)?;
        Ok(Self(value))
    }

    /// The JWK Set as JSON.
    pub fn as_value(&self) -> &Value {
        &self.0
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        jwk_set_members(&self.0).map_or(0, <[Value]>::len)
    }

    /// Whether the set holds no key.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl fmt::Debug for Jwks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Jwks({} keys)", self.len())
    }
}

/// The members of a JWK Set's `keys` array, after its shape is checked (RFC 7517 §5: "a JSON
/// object that represents a set of JWKs ... MUST have a keys member", an array of JWK
/// objects), bounded by [`MAX_JWKS_KEYS`] (crate policy: a registration is not a key store).
pub(crate) fn jwk_set_members(jwks: &Value) -> Result<&[Value], MetadataError> {
    let Value::Object(set) = jwks else {
        return Err(MetadataError::InvalidJwks("it is not a JSON object"));
    };
    let Some(Value::Array(members)) = set.get("keys") else {
        return Err(MetadataError::InvalidJwks("it has no keys array"));
    };
    if members.len() > MAX_JWKS_KEYS {
        return Err(MetadataError::InvalidJwks("it holds more than 100 keys"));
    }
    if !members.iter().all(Value::is_object) {
        return Err(MetadataError::InvalidJwks(
            "a member of keys is not an object",
        ));
    }
    Ok(members)
}

/// Builds a [`ClientMetadata`] from typed values; see [`ClientMetadata::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct ClientMetadataBuilder {
    metadata: ClientMetadata,
}

impl ClientMetadata {
    /// A builder for a client registered under `client_id`.
    ///
    /// ```
    /// use oauth_client_auth::{AuthMethod, ClientMetadata, JwsAlgorithm, Jwks, PreparedClient};
    ///
    /// let jwks = Jwks::from_json(r#"{"keys": [{"kty": "EC", "crv": "P-256", "kid": "k1",
    ///     "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
    ///     "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}"#)?;
    /// let client = ClientMetadata::builder("s6BhdRkqt3")
    ///     .auth_method(AuthMethod::PrivateKeyJwt)
    ///     .signing_alg(JwsAlgorithm::Es256)
    ///     .jwks(jwks)
    ///     .build();
    /// assert_eq!(client.auth_method()?, AuthMethod::PrivateKeyJwt);
    /// assert!(PreparedClient::new(&client).is_ok());
    /// # Ok::<(), oauth_client_auth::MetadataError>(())
    /// ```
    pub fn builder(client_id: impl Into<String>) -> ClientMetadataBuilder {
        ClientMetadataBuilder {
            metadata: ClientMetadata::new(client_id),
        }
    }
}

impl ClientMetadataBuilder {
    /// `token_endpoint_auth_method` (RFC 7591 §2); unset, it is `client_secret_basic`.
    pub fn auth_method(mut self, method: AuthMethod) -> Self {
        self.metadata.token_endpoint_auth_method = Some(method.as_str().to_owned());
        self
    }

    /// `client_secret`.
    pub fn client_secret(mut self, secret: impl Into<ClientSecret>) -> Self {
        self.metadata.client_secret = Some(secret.into());
        self
    }

    /// `client_secret_expires_at`: Unix seconds, `0` meaning never (RFC 7591 §3.2.1).
    pub fn client_secret_expires_at(mut self, at: i64) -> Self {
        self.metadata.client_secret_expires_at = Some(at);
        self
    }

    /// `token_endpoint_auth_signing_alg` (OpenID Connect Registration §2).
    pub fn signing_alg(mut self, alg: JwsAlgorithm) -> Self {
        self.metadata.token_endpoint_auth_signing_alg = Some(alg.as_str().to_owned());
        self
    }

    /// `jwks`: the client's public keys.
    pub fn jwks(mut self, jwks: Jwks) -> Self {
        self.metadata.jwks = Some(jwks.0);
        self
    }

    /// `jwks_uri`: recorded, never fetched by the core.
    pub fn jwks_uri(mut self, uri: impl Into<String>) -> Self {
        self.metadata.jwks_uri = Some(uri.into());
        self
    }

    /// `tls_client_auth_subject_dn` (RFC 8705 §2.1.2): an RFC 4514 string.
    pub fn tls_client_auth_subject_dn(mut self, dn: impl Into<String>) -> Self {
        self.metadata.tls_client_auth_subject_dn = Some(dn.into());
        self
    }

    /// One of the `tls_client_auth_san_*` parameters (RFC 8705 §2.1.2).
    pub fn tls_client_auth_san(mut self, kind: SanKind, value: impl Into<String>) -> Self {
        let value = Some(value.into());
        match kind {
            SanKind::Dns => self.metadata.tls_client_auth_san_dns = value,
            SanKind::Uri => self.metadata.tls_client_auth_san_uri = value,
            SanKind::Ip => self.metadata.tls_client_auth_san_ip = value,
            SanKind::Email => self.metadata.tls_client_auth_san_email = value,
        }
        self
    }

    /// `spiffe_id` (draft-ietf-oauth-spiffe-client-auth-02 §5.1): the SPIFFE ID of a
    /// `spiffe_jwt`, `spiffe_x509` or `spiffe_wit` client, optionally ending in `/*`.
    pub fn spiffe_id(mut self, id: impl Into<String>) -> Self {
        self.metadata.spiffe_id = Some(id.into());
        self
    }

    /// The registration.
    pub fn build(self) -> ClientMetadata {
        self.metadata
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prepared::PreparedClient;

    #[test]
    fn jwks_shape_is_checked_when_built() {
        assert!(Jwks::from_json(r#"{"keys": []}"#).is_ok());
        for (text, why) in [
            ("[]", "it is not a JSON object"),
            ("{}", "it has no keys array"),
            (r#"{"keys": [1]}"#, "a member of keys is not an object"),
            ("{", "it is not JSON"),
        ] {
            assert_eq!(
                Jwks::from_json(text).unwrap_err(),
                MetadataError::InvalidJwks(why),
                "{text}"
            );
        }
        let many = format!(r#"{{"keys": [{}]}}"#, vec!["{}"; 101].join(","));
        assert_eq!(
            Jwks::from_json(&many).unwrap_err(),
            MetadataError::InvalidJwks("it holds more than 100 keys")
        );
        let hundred = format!(r#"{{"keys": [{}]}}"#, vec!["{}"; 100].join(","));
        assert_eq!(Jwks::from_json(&hundred).unwrap().len(), 100);
    }

    #[test]
    fn builder_writes_the_rfc7591_fields() {
        let built = ClientMetadata::builder("c")
            .auth_method(AuthMethod::TlsClientAuth)
            .tls_client_auth_san(SanKind::Dns, "client.example.com")
            .build();
        let parsed: ClientMetadata = serde_json::from_str(
            r#"{"client_id": "c", "token_endpoint_auth_method": "tls_client_auth",
                "tls_client_auth_san_dns": "client.example.com"}"#,
        )
        .unwrap();
        assert_eq!(format!("{built:?}"), format!("{parsed:?}"));
        assert_eq!(
            PreparedClient::new(&built).unwrap().method(),
            AuthMethod::TlsClientAuth
        );
        let secret = ClientMetadata::builder("c")
            .client_secret("s")
            .client_secret_expires_at(0)
            .build();
        assert_eq!(secret.auth_method().unwrap(), AuthMethod::ClientSecretBasic);
        assert!(PreparedClient::new(&secret).is_ok());
        let spiffe = ClientMetadata::builder("c")
            .auth_method(AuthMethod::SpiffeJwt)
            .spiffe_id("spiffe://example.org/workloads/*")
            .build();
        let parsed: ClientMetadata = serde_json::from_str(
            r#"{"client_id": "c", "token_endpoint_auth_method": "spiffe_jwt",
                "spiffe_id": "spiffe://example.org/workloads/*"}"#,
        )
        .unwrap();
        assert_eq!(format!("{spiffe:?}"), format!("{parsed:?}"));
        assert!(PreparedClient::new(&spiffe).is_ok());
    }

    #[test]
    fn jwks_debug_shows_a_count_only() {
        let jwks = Jwks::from_json(r#"{"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}"#).unwrap();
        assert_eq!(format!("{jwks:?}"), "Jwks(1 keys)");
    }
}
