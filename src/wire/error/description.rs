//! The client-safe `error_description` of each refusal: fixed text that never repeats a
//! secret, an assertion or anything the client sent.

use super::AuthError;

impl AuthError {
    /// A fixed text fit for the `error_description` sent to the client. It never repeats a
    /// secret, an assertion or anything the client sent.
    pub fn description(&self) -> &'static str {
        match self {
            Self::BodyTooLarge { .. } => "request body too large",
            Self::TooManyParameters { .. } => "too many request parameters",
            Self::ValueTooLarge { .. } => "a client authentication parameter is too long",
            Self::MalformedBody(_) => "request body is not valid form-urlencoded data",
            Self::RepeatedParameter { .. } => "a client authentication parameter is repeated",
            Self::RepeatedAuthorizationHeader => "Authorization header is repeated",
            Self::MalformedBasicCredentials(_) => "malformed Basic credentials",
            Self::MultipleAuthenticationMethods { .. } => {
                "more than one client authentication method used"
            }
            Self::MissingClientId => "client_id is required",
            Self::NoClientAuthentication => "no client authentication included",
            Self::ConflictingClientIds => "client identifiers in the request do not match",
            Self::ClientMismatch | Self::UnknownClient => "client authentication failed",
            Self::InvalidClientMetadata(_) => "client registration is invalid",
            Self::InvalidServerMetadata(_) => "client authentication failed",
            Self::MethodNotRegistered { .. } => {
                "client authentication method does not match the registered method"
            }
            Self::MethodNotSupported { .. } => {
                "client authentication method not supported at this endpoint"
            }
            Self::MethodNotAllowedByProfile { .. } => {
                "client authentication method not allowed by the server's security profile"
            }
            Self::SecretMismatch { .. } => "client secret does not match",
            Self::SecretExpired { .. } => "client secret has expired",
            Self::MissingCredentials => "client authentication is required",
            Self::MissingClientCertificate => "a TLS client certificate is required",
            Self::MalformedCertificate { .. } => "the TLS client certificate cannot be parsed",
            Self::MalformedChainCertificate { .. } => {
                "a certificate of the TLS client certificate chain cannot be parsed"
            }
            Self::SubjectDnMismatch => {
                "the TLS client certificate's subject does not match the registration"
            }
            Self::SubjectAltNameMismatch { .. } => {
                "the TLS client certificate's subject alternative name does not match the \
                 registration"
            }
            Self::CertificateNotRegistered { .. } => {
                "the TLS client certificate is not registered for this client"
            }
            Self::CertificateExpired { .. } => "the TLS client certificate has expired",
            Self::CertificateNotYetValid { .. } => "the TLS client certificate is not yet valid",
            Self::CertificateIssuerUnknown => {
                "the TLS client certificate is not issued by a trusted authority"
            }
            Self::CertificateNotForClientAuth => {
                "the TLS client certificate is not valid for client authentication"
            }
            Self::CertificatePathInvalid(_) => "the TLS client certificate chain is invalid",
            Self::MissingAssertionParameter { .. } => {
                "client_assertion and client_assertion_type are both required"
            }
            Self::UnsupportedAssertionType => "unsupported client_assertion_type",
            Self::ClientIdNotAssertionSubject => {
                "client_id does not match the client assertion's subject"
            }
            Self::MalformedAssertion(_) => "client assertion is not a well-formed signed JWT",
            Self::UnsecuredAssertion => "client assertion is not signed",
            Self::UnknownAssertionAlgorithm => "client assertion algorithm is not supported",
            Self::AssertionAlgorithmNotForMethod { .. } => {
                "client assertion algorithm does not fit the registered method"
            }
            Self::AssertionAlgorithmNotAllowedByProfile { .. } => {
                "client assertion algorithm not allowed by the server's security profile"
            }
            Self::AssertionAlgorithmNotSupported { .. } => {
                "client assertion algorithm not supported at this endpoint"
            }
            Self::AssertionAlgorithmNotRegistered { .. } => {
                "client assertion algorithm is not the registered one"
            }
            Self::AssertionCriticalHeader => "client assertion has an unsupported critical header",
            Self::AssertionKeyHeader { .. } => {
                "client assertion header names a key; keys come from the registration only"
            }
            Self::AssertionTypeNotAllowed => "client assertion typ is not a client assertion",
            Self::AssertionKeyNotFound => "client assertion kid does not match a registered key",
            Self::AssertionKeyMismatch { .. } => {
                "registered key does not fit the client assertion algorithm"
            }
            Self::NoKeyForAlgorithm { .. } => {
                "no registered key fits the client assertion algorithm"
            }
            Self::AmbiguousAssertionKey { .. } => {
                "several registered keys fit the client assertion; a kid is required"
            }
            Self::AssertionKeyTooSmall { .. } => "registered key is too small",
            Self::SecretTooShortForAlgorithm { .. } => {
                "client secret is too short for the client assertion algorithm"
            }
            Self::InvalidAssertionSignature => "client assertion signature is invalid",
            Self::AssertionClaimMissing { .. } => "client assertion lacks a required claim",
            Self::AssertionClaimType { .. } => "client assertion claim has the wrong type",
            Self::AssertionDateOutOfRange { .. } => "client assertion time claim is out of range",
            Self::AssertionIssuerMismatch => "client assertion iss is not the client id",
            Self::AssertionSubjectMismatch => "client assertion sub is not the client id",
            Self::AssertionAudienceMismatch { .. } => {
                "client assertion audience does not identify this server"
            }
            Self::AssertionExpired { .. } => "client assertion has expired",
            Self::AssertionNotYetValid { .. } => "client assertion is not yet valid",
            Self::AssertionLifetimeTooLong { .. } => "client assertion lifetime is too long",
            Self::AssertionReplayed => "client assertion has already been used",
            Self::ReplayClientQuotaExceeded => {
                "too many unexpired client assertions from this client"
            }
            Self::ReplayStoreFull
            | Self::ReplayStoreUnavailable { .. }
            | Self::KeySourceUnavailable { .. } => {
                "the server cannot authenticate clients at the moment; retry later"
            }
            Self::RepeatedAttestationHeader { .. } => "a client attestation header is repeated",
            Self::MissingAttestationHeader { .. } => {
                "the client attestation and its PoP must both be sent"
            }
            Self::MalformedAttestationHeader { .. } => {
                "a client attestation header is not one compact JWS"
            }
            Self::AttestationDpopNotSupported => {
                "client attestation with DPoP is not supported; send a client attestation PoP"
            }
            Self::AttestationRequired => "a client attestation is required",
            Self::AttestationTypeNotAllowed { .. } => "client attestation typ is not allowed",
            Self::AttestationAlgorithmNotAllowed { .. } => "client attestation alg is not allowed",
            Self::AttestationHeaderRefused { .. } => "client attestation header is not allowed",
            Self::AttestationIssuerUntrusted => "client attester is not trusted",
            Self::InvalidAttestationSignature { .. } => "client attestation signature is invalid",
            Self::AttestationClaimMissing { .. } => "client attestation lacks a required claim",
            Self::AttestationClaimType { .. } => "client attestation claim is invalid",
            Self::AttestationInstanceKeyRefused { .. } => {
                "client attestation cnf key is not allowed"
            }
            Self::AttestationSubjectMismatch => "client attestation is for another client",
            Self::AttestationPopAudienceMismatch => "client attestation PoP audience is invalid",
            Self::AttestationNotYetValid { .. } => "client attestation is not yet valid",
            Self::AttestationPopTooOld { .. } => "client attestation PoP is too old",
            Self::AttestationPopReplayed => "client attestation PoP has already been used",
            Self::AttestationChallengeRequired { .. } => {
                "client attestation PoP must carry the challenge the server issued"
            }
            Self::AttestationExpired { .. } => "client attestation has expired",
            Self::AttestationTooOld { .. } => "client attestation is too old",
            Self::SpiffeIdInvalid { .. } => "the SVID's SPIFFE ID is invalid",
            Self::X509SvidInvalid { .. } => "the TLS client certificate is not a leaf X.509-SVID",
            Self::SpiffeIdMismatch => "the SVID's SPIFFE ID is not the registered one",
            // The trust domain is the client's own; the text still names none of it.
            Self::SpiffeBundleMissing { .. } => "the SVID's trust domain is not trusted",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_decoding_hint_is_in_log_text_not_in_client_description() {
        let e = AuthError::SecretMismatch {
            credentials_were_form_decoded: true,
        };
        assert!(e.to_string().contains("form-urlencoded"));
        assert_eq!(e.description(), "client secret does not match");
        let plain = AuthError::SecretMismatch {
            credentials_were_form_decoded: false,
        };
        assert!(!plain.to_string().contains("form-urlencoded"));
    }
}
