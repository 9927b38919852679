//! [`FailureClass`]: a stable class for every refusal, so that a server can count and
//! rate-limit failures without matching error texts (OAuth 2.1 §2.4.1: servers protect
//! against brute force).

use std::fmt;

use super::AuthError;

/// The class of a refusal, as the case format's `"class"` names it. Each says whom a failure
/// points at, and so what is worth counting against whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FailureClass {
    /// `malformed`: the request could not be read (`invalid_request`). Rate-limit per address.
    Malformed,
    /// `credential`: a secret, MAC, signature or certificate did not prove the client, or the
    /// client is unknown. Rate-limit per client and per address: this is what guessing looks
    /// like.
    Credential,
    /// `registration`: the client's registered metadata, or the server's configuration, is
    /// unusable. Not worth rate-limiting: the operator's to fix.
    Registration,
    /// `policy`: a method, algorithm, key size, audience or type that the registration or
    /// the server does not allow. Rate-limit per client.
    Policy,
    /// `time`: expired, not yet valid, too old, or over the maximum lifetime. Not worth
    /// rate-limiting: usually a clock to set.
    Time,
    /// `replay`: a `jti` seen before. Rate-limit per client.
    Replay,
    /// `unavailable`: a store the decision needs is down or full (503). Not the client's
    /// doing: never rate-limit it.
    Unavailable,
}

impl FailureClass {
    /// The name in the case format's `"class"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Malformed => "malformed",
            Self::Credential => "credential",
            Self::Registration => "registration",
            Self::Policy => "policy",
            Self::Time => "time",
            Self::Replay => "replay",
            Self::Unavailable => "unavailable",
        }
    }
}

impl fmt::Display for FailureClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AuthError {
    /// The class of this refusal (case format, "Failure class"). Every variant has one, by an
    /// exhaustive `match` with no catch-all arm.
    pub fn class(&self) -> FailureClass {
        use FailureClass::{
            Credential, Malformed, Policy, Registration, Replay, Time, Unavailable,
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
            | Self::RepeatedAttestationHeader { .. }
            | Self::MissingAttestationHeader { .. }
            | Self::MalformedAttestationHeader { .. } => Malformed,
            Self::NoClientAuthentication
            | Self::UnknownClient
            | Self::ClientMismatch
            | Self::SecretMismatch { .. }
            | Self::MissingCredentials
            | Self::MissingClientCertificate
            | Self::MalformedCertificate { .. }
            | Self::MalformedChainCertificate { .. }
            | Self::SubjectDnMismatch { .. }
            | Self::SubjectAltNameMismatch { .. }
            | Self::CertificateNotRegistered { .. }
            | Self::CertificateIssuerUnknown
            | Self::CertificatePathInvalid(_)
            | Self::ClientIdNotAssertionSubject { .. }
            | Self::MalformedAssertion(_)
            | Self::AssertionKeyNotFound { .. }
            | Self::AssertionKeyMismatch { .. }
            | Self::NoKeyForAlgorithm { .. }
            | Self::InvalidAssertionSignature
            | Self::AssertionClaimMissing { .. }
            | Self::AssertionClaimType { .. }
            | Self::AssertionIssuerMismatch { .. }
            | Self::AssertionSubjectMismatch { .. }
            | Self::AttestationIssuerUntrusted { .. }
            | Self::InvalidAttestationSignature { .. }
            | Self::AttestationClaimMissing { .. }
            | Self::AttestationClaimType { .. }
            | Self::AttestationInstanceKeyRefused { .. }
            | Self::AttestationSubjectMismatch { .. }
            // draft-ietf-oauth-spiffe-client-auth-02 §3.1, §3.2: the SVID did not prove the
            // client.
            | Self::SpiffeIdInvalid { .. }
            | Self::X509SvidInvalid { .. }
            | Self::SpiffeIdMismatch { .. } => Credential,
            Self::InvalidClientMetadata(_)
            | Self::InvalidServerMetadata(_)
            | Self::AmbiguousAssertionKey { .. }
            | Self::SecretTooShortForAlgorithm { .. }
            // The registered trust domain has no bundle: the operator's to configure.
            | Self::SpiffeBundleMissing { .. } => Registration,
            Self::MethodNotRegistered { .. }
            | Self::MethodNotSupported { .. }
            | Self::MethodNotAllowedByProfile { .. }
            | Self::CertificateNotForClientAuth
            | Self::UnsecuredAssertion
            | Self::UnknownAssertionAlgorithm { .. }
            | Self::AssertionAlgorithmNotForMethod { .. }
            | Self::AssertionAlgorithmNotAllowedByProfile { .. }
            | Self::AssertionAlgorithmNotSupported { .. }
            | Self::AssertionAlgorithmNotRegistered { .. }
            | Self::AssertionCriticalHeader
            | Self::AssertionKeyHeader { .. }
            | Self::AssertionTypeNotAllowed { .. }
            | Self::AssertionKeyTooSmall { .. }
            | Self::AssertionAudienceMismatch { .. }
            | Self::ReplayClientQuotaExceeded
            | Self::AttestationDpopNotSupported
            | Self::AttestationRequired
            | Self::AttestationTypeNotAllowed { .. }
            | Self::AttestationAlgorithmNotAllowed { .. }
            | Self::AttestationHeaderRefused { .. }
            | Self::AttestationPopAudienceMismatch { .. }
            | Self::AttestationChallengeRequired { .. } => Policy,
            Self::SecretExpired { .. }
            | Self::CertificateExpired { .. }
            | Self::CertificateNotYetValid { .. }
            | Self::AssertionDateOutOfRange { .. }
            | Self::AssertionExpired { .. }
            | Self::AssertionNotYetValid { .. }
            | Self::AssertionLifetimeTooLong { .. }
            | Self::AttestationNotYetValid { .. }
            | Self::AttestationPopTooOld { .. }
            | Self::AttestationExpired { .. }
            | Self::AttestationTooOld { .. } => Time,
            Self::AssertionReplayed | Self::AttestationPopReplayed => Replay,
            Self::ReplayStoreFull
            | Self::ReplayStoreUnavailable { .. }
            | Self::KeySourceUnavailable { .. } => Unavailable,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::error::replay::StoreFailure;

    #[test]
    fn classes_follow_the_wire_codes_where_those_decide() {
        // invalid_request is malformed; 503 is unavailable; the rest is invalid_client.
        let cases = [
            (AuthError::RepeatedAuthorizationHeader, "malformed"),
            (AuthError::UnknownClient, "credential"),
            (
                AuthError::SecretMismatch {
                    credentials_were_form_decoded: false,
                },
                "credential",
            ),
            (AuthError::AssertionTypeNotAllowed { typ: None }, "policy"),
            (AuthError::AssertionReplayed, "replay"),
            (
                AuthError::ReplayStoreUnavailable {
                    failure: StoreFailure::new("timed out"),
                },
                "unavailable",
            ),
            (
                AuthError::KeySourceUnavailable {
                    failure: StoreFailure::new("timed out"),
                },
                "unavailable",
            ),
        ];
        for (error, class) in cases {
            assert_eq!(error.class().as_str(), class, "{error:?}");
            let malformed = error.oauth_code().as_str() == "invalid_request";
            assert_eq!(malformed, class == "malformed", "{error:?}");
            assert_eq!(error.status() == 503, class == "unavailable", "{error:?}");
        }
    }
}
