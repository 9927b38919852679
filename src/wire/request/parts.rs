//! [`RequestParts`]: what client authentication reads of a request, parsed and bounded.

use std::fmt;

use super::basic::BasicCredentials;
use super::certificate::CertificateInput;
use super::form::CredentialParams;
use crate::wire::assertion::compact::{ClientAssertion, JWT_SPIFFE};
use crate::wire::attestation::AttestationHeaders;
use crate::wire::error::AuthError;
use crate::wire::metadata::endpoint::Endpoint;
use crate::wire::secret::ClientSecret;

/// The parts of a request that client authentication reads.
///
/// Build one with [`RequestParts::builder`]. Building parses and bounds the headers and the
/// body, so a `RequestParts` always holds well-formed credentials.
#[derive(Clone)]
pub struct RequestParts {
    /// Boxed, with the builder's state: the builder and the request move by a pointer, however
    /// many credentials they hold.
    pub(super) fields: Box<Fields>,
}

/// What a [`RequestParts`] holds.
#[derive(Clone, Debug, Default)]
pub(super) struct Fields {
    pub(super) basic: Option<BasicCredentials>,
    pub(super) params: CredentialParams,
    /// The `client_assertion`, decoded once when the request is built (RFC 7515 §7.1), or why
    /// it does not decode. The error is reported when the request is authenticated, after the
    /// checks that come first (one method per request, the claimed client).
    pub(super) assertion: Option<Result<ClientAssertion, AuthError>>,
    /// The `OAuth-Client-Attestation` and `OAuth-Client-Attestation-PoP` headers, each
    /// decoded once when the request is built, or why it does not decode.
    pub(super) attestation: AttestationHeaders,
    pub(super) client_certificate: Option<CertificateInput>,
    pub(super) client_certificate_chain: Vec<CertificateInput>,
    pub(super) endpoint: Endpoint,
    pub(super) now: Option<i64>,
}

/// The fields, as if they were the request's own.
impl fmt::Debug for RequestParts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Fields {
            basic,
            params,
            assertion,
            attestation,
            client_certificate,
            client_certificate_chain,
            endpoint,
            now,
        } = &*self.fields;
        f.debug_struct("RequestParts")
            .field("basic", basic)
            .field("params", params)
            .field("assertion", assertion)
            .field("attestation", attestation)
            .field("client_certificate", client_certificate)
            .field("client_certificate_chain", client_certificate_chain)
            .field("endpoint", endpoint)
            .field("now", now)
            .finish()
    }
}

impl RequestParts {
    /// The `Authorization: Basic` credentials, if the request carried them.
    pub fn basic(&self) -> Option<&BasicCredentials> {
        self.fields.basic.as_ref()
    }

    /// Whether the request used the Basic scheme, so that an `invalid_client` refusal must
    /// carry a `WWW-Authenticate` challenge (RFC 6749 §5.2).
    pub fn basic_attempted(&self) -> bool {
        self.fields.basic.is_some()
    }

    /// The `client_id` body parameter.
    pub fn client_id_param(&self) -> Option<&str> {
        self.fields.params.client_id.as_deref()
    }

    /// The `client_secret` body parameter.
    pub fn client_secret_param(&self) -> Option<&ClientSecret> {
        self.fields.params.client_secret.as_ref()
    }

    /// The `client_assertion` body parameter.
    pub fn client_assertion(&self) -> Option<&str> {
        self.fields.params.client_assertion.as_deref()
    }

    /// The `client_assertion_type` body parameter.
    pub fn client_assertion_type(&self) -> Option<&str> {
        self.fields.params.client_assertion_type.as_deref()
    }

    /// Whether `client_assertion_type` is the JWT-SVID one,
    /// `urn:ietf:params:oauth:client-assertion-type:jwt-spiffe`
    /// (draft-ietf-oauth-spiffe-client-auth-02 §3.1), compared exactly (RFC 7521 §4.2).
    pub fn has_spiffe_assertion_type(&self) -> bool {
        self.client_assertion_type() == Some(JWT_SPIFFE)
    }

    /// The decoded `client_assertion`, or why it does not decode; `None` without one.
    pub(crate) fn decoded_assertion(&self) -> Option<Result<&ClientAssertion, &AuthError>> {
        self.fields.assertion.as_ref().map(Result::as_ref)
    }

    /// Whether the request carries an `OAuth-Client-Attestation` or
    /// `OAuth-Client-Attestation-PoP` header (draft-ietf-oauth-attestation-based-client-auth-10).
    pub fn has_client_attestation(&self) -> bool {
        self.fields.attestation.any()
    }

    /// The attestation headers as found.
    pub(crate) fn attestation_headers(&self) -> &AttestationHeaders {
        &self.fields.attestation
    }

    /// The TLS client certificate, as received.
    pub fn client_certificate(&self) -> Option<&CertificateInput> {
        self.fields.client_certificate.as_ref()
    }

    /// The intermediate certificates the client sent, as received.
    pub fn client_certificate_chain(&self) -> &[CertificateInput] {
        &self.fields.client_certificate_chain
    }

    /// The endpoint called.
    pub fn endpoint(&self) -> Endpoint {
        self.fields.endpoint
    }

    /// The injected time, Unix seconds, if one was set.
    pub fn now(&self) -> Option<i64> {
        self.fields.now
    }
}
