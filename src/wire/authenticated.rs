//! [`Authenticated`]: what a successful authentication proves.

use std::fmt;

use crate::wire::metadata::method::AuthMethod;

/// Proof that a request authenticated as a client. Only this crate constructs it.
#[derive(Clone, PartialEq, Eq)]
pub struct Authenticated {
    pub(crate) client_id: String,
    pub(crate) method: AuthMethod,
    pub(crate) jti: Option<String>,
    pub(crate) assertion_expires_at: Option<i64>,
    pub(crate) assertion_explicitly_typed: Option<bool>,
    /// Until when the assertion's `jti` must be remembered (`exp` plus the skew), for the
    /// assertion methods with a `jti`.
    pub(crate) jti_remember_until: Option<i64>,
    /// What only some methods or requests set, boxed (and absent when none is set) so that the
    /// usual result stays small: it moves through every layer of the dispatcher.
    extras: Option<Box<Extras>>,
}

/// The members of an [`Authenticated`] that only some methods or requests set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Extras {
    /// The certificate thumbprint, whenever a certificate was presented.
    pub(crate) certificate_thumbprint: Option<String>,
    /// The `id` of the `client_secrets` entry that matched.
    pub(crate) matched_secret: Option<String>,
    /// The RFC 7638 thumbprint of the client instance key of a verified client attestation.
    pub(crate) attestation_key_thumbprint: Option<String>,
    /// A verified attestation PoP's `jti` and until when to remember it.
    pub(crate) attestation_pop_jti: Option<(String, i64)>,
    /// The SPIFFE ID of the SVID that authenticated a SPIFFE method's client.
    pub(crate) spiffe_id: Option<String>,
}

/// The members as one flat list, whether boxed or not.
impl fmt::Debug for Authenticated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let extras = self.extras.as_deref();
        f.debug_struct("Authenticated")
            .field("client_id", &self.client_id)
            .field("method", &self.method)
            .field("certificate_thumbprint", &self.certificate_thumbprint())
            .field("jti", &self.jti)
            .field("assertion_expires_at", &self.assertion_expires_at)
            .field(
                "assertion_explicitly_typed",
                &self.assertion_explicitly_typed,
            )
            .field("jti_remember_until", &self.jti_remember_until)
            .field("matched_secret", &self.matched_secret())
            .field(
                "attestation_key_thumbprint",
                &self.attestation_key_thumbprint(),
            )
            .field(
                "attestation_pop_jti",
                &extras.and_then(|e| e.attestation_pop_jti.as_ref()),
            )
            .field("spiffe_id", &self.spiffe_id())
            .finish()
    }
}

impl Authenticated {
    pub(crate) fn new(client_id: &str, method: AuthMethod) -> Self {
        Self {
            client_id: client_id.to_owned(),
            method,
            jti: None,
            assertion_expires_at: None,
            assertion_explicitly_typed: None,
            jti_remember_until: None,
            extras: None,
        }
    }

    /// The members only some methods set, made when the first of them is.
    pub(crate) fn extras_mut(&mut self) -> &mut Extras {
        self.extras.get_or_insert_with(Box::default)
    }

    /// A verified attestation PoP's `jti` and until when to remember it.
    pub(crate) fn attestation_pop_jti(&self) -> Option<&(String, i64)> {
        self.extras
            .as_deref()
            .and_then(|e| e.attestation_pop_jti.as_ref())
    }

    /// The same, with the `id` of the `client_secrets` entry that matched.
    pub(crate) fn with_matched_secret(mut self, id: Option<String>) -> Self {
        if id.is_some() {
            self.extras_mut().matched_secret = id;
        }
        self
    }

    /// The SPIFFE ID of the SVID the client authenticated with (`spiffe_jwt`, `spiffe_x509`,
    /// `spiffe_wit`):
    /// the workload, when the registered `spiffe_id` ends in `/*` and matches many.
    pub fn spiffe_id(&self) -> Option<&str> {
        self.extras.as_deref().and_then(|e| e.spiffe_id.as_deref())
    }

    /// The authenticated client's identifier.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The method it authenticated with.
    pub fn method(&self) -> AuthMethod {
        self.method
    }

    /// The base64url SHA-256 thumbprint (`x5t#S256`) of the TLS client certificate, whenever
    /// one was presented, whatever the method: bind access tokens to it (RFC 8705 §3.1).
    pub fn certificate_thumbprint(&self) -> Option<&str> {
        self.extras
            .as_deref()
            .and_then(|e| e.certificate_thumbprint.as_deref())
    }

    /// The client assertion's `jti`, for the assertion methods; the attestation PoP's `jti`
    /// for `attest_jwt_client_auth`.
    pub fn jti(&self) -> Option<&str> {
        self.jti.as_deref()
    }

    /// The client assertion's `exp`, whole Unix seconds, for the assertion methods.
    pub fn assertion_expires_at(&self) -> Option<i64> {
        self.assertion_expires_at
    }

    /// The `id` of the `client_secrets` entry whose secret matched, for a registration that
    /// uses `client_secrets` (rotation), with the secret methods: never the secret. A server
    /// sees from it when its clients have moved to the new secret, and can retire the old one.
    pub fn matched_secret(&self) -> Option<&str> {
        self.extras
            .as_deref()
            .and_then(|e| e.matched_secret.as_deref())
    }

    /// The RFC 7638 JWK SHA-256 thumbprint (base64url) of the client instance key that a
    /// verified client attestation bound (`cnf.jwk`), whenever one was verified: as the method
    /// (`attest_jwt_client_auth`) or beside another one. Bind codes and tokens to it
    /// (draft-ietf-oauth-attestation-based-client-auth-10).
    pub fn attestation_key_thumbprint(&self) -> Option<&str> {
        self.extras
            .as_deref()
            .and_then(|e| e.attestation_key_thumbprint.as_deref())
    }

    /// Whether the client assertion was explicitly typed `client-authentication+jwt`
    /// (RFC 10070), for the assertion methods.
    pub fn assertion_explicitly_typed(&self) -> Option<bool> {
        self.assertion_explicitly_typed
    }
}
