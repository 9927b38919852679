//! How a refusal goes on the wire (RFC 6749 §5.2): the error code, the HTTP status, the
//! `WWW-Authenticate` challenge, and the whole [`ErrorResponse`].

use std::borrow::Cow;
use std::fmt;

use super::AuthError;

/// The `error` code of an OAuth 2.0 error response (RFC 6749 §5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OAuthErrorCode {
    /// `invalid_request`: the request is malformed, repeats a parameter, or uses more than one
    /// authentication method.
    InvalidRequest,
    /// `invalid_client`: client authentication failed.
    InvalidClient,
    /// `invalid_client_attestation`: a client attestation or its PoP is invalid
    /// (draft-ietf-oauth-attestation-based-client-auth-10).
    InvalidClientAttestation,
    /// `use_attestation_challenge`: the PoP must carry a challenge the server issued; the
    /// response carries a fresh one (draft-ietf-oauth-attestation-based-client-auth-10).
    UseAttestationChallenge,
    /// `use_fresh_attestation`: the client attestation is expired or too old
    /// (draft-ietf-oauth-attestation-based-client-auth-10).
    UseFreshAttestation,
    /// `temporarily_unavailable`: the server cannot decide now, through no fault of the
    /// client's (a replay store that is down or full); the request may be retried.
    TemporarilyUnavailable,
}

impl OAuthErrorCode {
    /// The code as it appears in the `error` member of the response.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidRequest => "invalid_request",
            Self::InvalidClient => "invalid_client",
            Self::InvalidClientAttestation => "invalid_client_attestation",
            Self::UseAttestationChallenge => "use_attestation_challenge",
            Self::UseFreshAttestation => "use_fresh_attestation",
            Self::TemporarilyUnavailable => "temporarily_unavailable",
        }
    }

    /// The HTTP status that goes with the code: 400 for `invalid_request`, 401 for
    /// `invalid_client` (RFC 6749 §5.2), 401 for `invalid_client_attestation`, 400 for
    /// `use_attestation_challenge` and `use_fresh_attestation`, 503 for `temporarily_unavailable` (RFC 9110 §15.6.4:
    /// "currently unable to handle the request due to a temporary overload or scheduled
    /// maintenance, which will likely be alleviated after some delay").
    pub fn status(self) -> u16 {
        match self {
            Self::InvalidRequest => 400,
            Self::InvalidClient => 401,
            // draft-ietf-oauth-attestation-based-client-auth-10: 401 for an invalid
            // attestation, 400 for the two that ask the client to retry differently.
            Self::InvalidClientAttestation => 401,
            Self::UseAttestationChallenge | Self::UseFreshAttestation => 400,
            Self::TemporarilyUnavailable => 503,
        }
    }
}

impl fmt::Display for OAuthErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AuthError {
    /// The RFC 6749 §5.2 error code.
    pub fn oauth_code(&self) -> OAuthErrorCode {
        use OAuthErrorCode::{
            InvalidClient, InvalidClientAttestation, InvalidRequest, TemporarilyUnavailable,
            UseAttestationChallenge, UseFreshAttestation,
        };
        match self {
            Self::BodyTooLarge { .. }
            | Self::TooManyParameters { .. }
            | Self::ValueTooLarge { .. }
            | Self::MalformedBody(_)
            | Self::RepeatedParameter { .. }
            | Self::RepeatedAuthorizationHeader
            | Self::MalformedBasicCredentials(_)
            | Self::MultipleAuthenticationMethods { .. }
            | Self::MissingClientId
            | Self::ConflictingClientIds { .. }
            | Self::MissingAssertionParameter { .. }
            | Self::UnsupportedAssertionType
            // draft-ietf-oauth-attestation-based-client-auth-10: "precisely one" of each
            // header, each "a single well-formed JWT".
            | Self::RepeatedAttestationHeader { .. }
            | Self::MissingAttestationHeader { .. }
            | Self::MalformedAttestationHeader { .. } => InvalidRequest,
            Self::AttestationDpopNotSupported
            | Self::AttestationRequired
            | Self::AttestationTypeNotAllowed { .. }
            | Self::AttestationAlgorithmNotAllowed { .. }
            | Self::AttestationHeaderRefused { .. }
            | Self::AttestationIssuerUntrusted { .. }
            | Self::InvalidAttestationSignature { .. }
            | Self::AttestationClaimMissing { .. }
            | Self::AttestationClaimType { .. }
            | Self::AttestationInstanceKeyRefused { .. }
            | Self::AttestationPopAudienceMismatch { .. }
            | Self::AttestationNotYetValid { .. }
            | Self::AttestationPopTooOld { .. }
            | Self::AttestationPopReplayed => InvalidClientAttestation,
            Self::AttestationSubjectMismatch { .. } => InvalidClient,
            Self::AttestationChallengeRequired { .. } => UseAttestationChallenge,
            Self::AttestationExpired { .. } | Self::AttestationTooOld { .. } => UseFreshAttestation,
            Self::ClientMismatch
            | Self::UnknownClient
            | Self::InvalidClientMetadata(_)
            | Self::InvalidServerMetadata(_)
            | Self::MethodNotRegistered { .. }
            | Self::MethodNotSupported { .. }
            | Self::MethodNotAllowedByProfile { .. }
            | Self::SecretMismatch { .. }
            | Self::SecretExpired { .. }
            | Self::MissingCredentials
            // RFC 8705 §2: a failed mutual-TLS authentication is invalid_client.
            | Self::MissingClientCertificate
            | Self::MalformedCertificate { .. }
            | Self::MalformedChainCertificate { .. }
            | Self::SubjectDnMismatch { .. }
            | Self::SubjectAltNameMismatch { .. }
            | Self::CertificateNotRegistered { .. }
            | Self::CertificateExpired { .. }
            | Self::CertificateNotYetValid { .. }
            | Self::CertificateIssuerUnknown
            | Self::CertificateNotForClientAuth
            | Self::CertificatePathInvalid(_)
            // draft-ietf-oauth-spiffe-client-auth-02 §3.1 (RFC 7523 §3.1) and §3.2 (RFC 8705
            // §2): a failed SVID is a failed client authentication.
            | Self::SpiffeIdInvalid { .. }
            | Self::X509SvidInvalid { .. }
            | Self::SpiffeIdMismatch { .. }
            | Self::SpiffeBundleMissing { .. } => InvalidClient,
            // RFC 7521 §4.2.1 / RFC 7523 §3.1: an assertion that is not valid, for any
            // reason, is invalid_client.
            | Self::ClientIdNotAssertionSubject { .. }
            | Self::MalformedAssertion(_)
            | Self::UnsecuredAssertion
            | Self::UnknownAssertionAlgorithm { .. }
            | Self::AssertionAlgorithmNotForMethod { .. }
            | Self::AssertionAlgorithmNotAllowedByProfile { .. }
            | Self::AssertionAlgorithmNotSupported { .. }
            | Self::AssertionAlgorithmNotRegistered { .. }
            | Self::AssertionCriticalHeader
            | Self::AssertionKeyHeader { .. }
            | Self::AssertionTypeNotAllowed { .. }
            | Self::AssertionKeyNotFound { .. }
            | Self::AssertionKeyMismatch { .. }
            | Self::NoKeyForAlgorithm { .. }
            | Self::AmbiguousAssertionKey { .. }
            | Self::AssertionKeyTooSmall { .. }
            | Self::SecretTooShortForAlgorithm { .. }
            | Self::InvalidAssertionSignature
            | Self::AssertionClaimMissing { .. }
            | Self::AssertionClaimType { .. }
            | Self::AssertionDateOutOfRange { .. }
            | Self::AssertionIssuerMismatch { .. }
            | Self::AssertionSubjectMismatch { .. }
            | Self::AssertionAudienceMismatch { .. }
            | Self::AssertionExpired { .. }
            | Self::AssertionNotYetValid { .. }
            | Self::AssertionLifetimeTooLong { .. }
            | Self::AssertionReplayed
            | Self::ReplayClientQuotaExceeded
            | Self::NoClientAuthentication
            => InvalidClient,
            // Crate policy: a store that is down or full is the server's fault. Refusing with
            // invalid_client would tell a correct client its credentials are wrong.
            // The same for a client's key server that cannot be reached: its keys are unknown,
            // not wrong.
            Self::ReplayStoreFull
            | Self::ReplayStoreUnavailable { .. }
            | Self::KeySourceUnavailable { .. } => TemporarilyUnavailable,
        }
    }

    /// The HTTP status of the error response: 400 for `invalid_request`, 401 for
    /// `invalid_client`.
    pub fn status(&self) -> u16 {
        self.oauth_code().status()
    }

    /// The `WWW-Authenticate` challenge to send with this error, when there is one: RFC 6749
    /// §5.2 requires a 401 with a challenge "matching the authentication scheme used by the
    /// client" when a client that tried the `Authorization` header fails authentication.
    ///
    /// `basic_attempted` is [`crate::wire::request::RequestParts::basic_attempted`] of the refused request.
    pub fn www_authenticate(&self, basic_attempted: bool) -> Option<&'static str> {
        (basic_attempted && self.oauth_code() == OAuthErrorCode::InvalidClient)
            .then_some(BASIC_CHALLENGE)
    }
}

/// The challenge sent on an `invalid_client` refusal of a request that used HTTP Basic
/// (RFC 6749 §5.2, RFC 7617 §2).
pub const BASIC_CHALLENGE: &str = "Basic realm=\"oauth\", charset=\"UTF-8\"";

/// The `Retry-After` of a `temporarily_unavailable` refusal, in seconds: long enough for a
/// store's connection to be re-established, short enough that a client retrying once does not
/// notice much.
pub const RETRY_AFTER_SECONDS: &str = "5";

/// An error response as RFC 6749 §5.2 describes it, built by [`AuthError::response`].
///
/// Send [`ErrorResponse::status`], the headers of [`ErrorResponse::headers`] and the body
/// [`ErrorResponse::body`] (`application/json`). Nothing in it repeats what the client sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorResponse {
    status: u16,
    code: OAuthErrorCode,
    description: Cow<'static, str>,
    www_authenticate: Option<&'static str>,
    attestation_challenge: Option<String>,
}

impl ErrorResponse {
    /// The HTTP status: 400 for `invalid_request`, 401 for `invalid_client`.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `error` code.
    pub fn code(&self) -> OAuthErrorCode {
        self.code
    }

    /// The `error_description`, safe to send: [`AuthError::description`].
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The `WWW-Authenticate` challenge, when the client tried HTTP Basic and failed to
    /// authenticate (RFC 6749 §5.2).
    pub fn www_authenticate(&self) -> Option<&'static str> {
        self.www_authenticate
    }

    /// The value of the `OAuth-Client-Attestation-Challenge` response header, on a
    /// `use_attestation_challenge` refusal: a fresh challenge for the client's next PoP.
    pub fn attestation_challenge(&self) -> Option<&str> {
        self.attestation_challenge.as_deref()
    }

    /// The `Retry-After` value, in seconds, for a `temporarily_unavailable` refusal
    /// (RFC 9110 §10.2.3): [`RETRY_AFTER_SECONDS`].
    pub fn retry_after(&self) -> Option<&'static str> {
        (self.code == OAuthErrorCode::TemporarilyUnavailable).then_some(RETRY_AFTER_SECONDS)
    }

    /// The response headers beside `Content-Type`: `Cache-Control: no-store` (RFC 6749 §5.1
    /// asks it of token responses; an error is one), `WWW-Authenticate` where it applies, and
    /// `Retry-After` on a 503.
    pub fn headers(&self) -> Vec<(&'static str, &'static str)> {
        let mut headers = vec![("Cache-Control", "no-store")];
        if let Some(challenge) = self.www_authenticate {
            headers.push(("WWW-Authenticate", challenge));
        }
        if let Some(seconds) = self.retry_after() {
            headers.push(("Retry-After", seconds));
        }
        headers
    }

    /// The JSON body: `{"error": ..., "error_description": ...}`.
    pub fn body(&self) -> String {
        serde_json::json!({
            "error": self.code.as_str(),
            "error_description": self.description.as_ref(),
        })
        .to_string()
    }
}

impl AuthError {
    /// The whole error response for this refusal. `basic_attempted` is
    /// [`crate::wire::request::RequestParts::basic_attempted`] of the refused request; when
    /// [`crate::wire::request::RequestParts::builder`]'s `build` itself failed there is no request, and its
    /// errors are all `invalid_request`, which carry no challenge: pass `false`.
    pub fn response(&self, basic_attempted: bool) -> ErrorResponse {
        ErrorResponse {
            status: self.status(),
            code: self.oauth_code(),
            description: self.description(),
            www_authenticate: self.www_authenticate(basic_attempted),
            attestation_challenge: self.attestation_challenge().map(str::to_owned),
        }
    }

    /// The fresh challenge to send in the `OAuth-Client-Attestation-Challenge` response
    /// header, for a `use_attestation_challenge` refusal
    /// (draft-ietf-oauth-attestation-based-client-auth-10).
    pub fn attestation_challenge(&self) -> Option<&str> {
        match self {
            Self::AttestationChallengeRequired { next_challenge, .. } => Some(next_challenge),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_request_variants_map_to_400_without_challenge() {
        let e = AuthError::RepeatedParameter { name: "client_id" };
        assert_eq!(e.oauth_code(), OAuthErrorCode::InvalidRequest);
        assert_eq!(e.oauth_code().as_str(), "invalid_request");
        assert_eq!(e.status(), 400);
        assert_eq!(e.www_authenticate(true), None);
    }

    #[test]
    fn invalid_client_after_basic_carries_challenge() {
        let e = AuthError::SecretMismatch {
            credentials_were_form_decoded: false,
        };
        assert_eq!(e.oauth_code().as_str(), "invalid_client");
        assert_eq!(e.status(), 401);
        assert_eq!(e.www_authenticate(true), Some(BASIC_CHALLENGE));
        assert_eq!(e.www_authenticate(false), None);
    }

    #[test]
    fn invalid_client_after_basic_carries_the_challenge() {
        let r = AuthError::SecretMismatch {
            credentials_were_form_decoded: false,
        }
        .response(true);
        assert_eq!(r.status(), 401);
        assert_eq!(
            r.body(),
            r#"{"error":"invalid_client","error_description":"client authentication failed"}"#
        );
        assert!(r.headers().contains(&(
            "WWW-Authenticate",
            crate::wire::error::wire::BASIC_CHALLENGE
        )));
        // Without Basic, no challenge (RFC 6749 §5.2: "MAY").
        let r = AuthError::UnknownClient.response(false);
        assert_eq!(r.www_authenticate(), None);
        assert_eq!(r.headers(), vec![("Cache-Control", "no-store")]);
    }

    #[test]
    fn invalid_request_is_400_without_challenge() {
        let r = AuthError::MissingClientId.response(true);
        assert_eq!((r.status(), r.code().as_str()), (400, "invalid_request"));
        assert_eq!(r.www_authenticate(), None);
    }
}
