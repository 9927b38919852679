//! The client-safe `error_description` of each refusal.
//!
//! Three rules make it:
//! - no client enumeration (OAuth 2.1 -15 §2.4.1, brute force; crate policy): every refusal of
//!   class [`FailureClass::Credential`], the unknown client among them, reads
//!   [`CLIENT_AUTHENTICATION_FAILED`], so that a wrong secret, a bad signature and an unknown
//!   `client_id` cannot be told apart; the operator's `Display` still says which;
//! - hints where both sides would otherwise guess: an expired or not-yet-valid assertion says
//!   how far off the client's clock is against the skew allowed, a refused `aud` says the
//!   audience the server expects (the issuer identifier, public metadata). These are
//!   [`FailureClass::Time`] and [`FailureClass::Policy`] refusals: they name only public facts
//!   (times and the server's own metadata), never a value the client sent;
//! - the rest is fixed text. Nothing repeats a secret, a MAC, a signature or an assertion.

use std::borrow::Cow;

use super::attestation::AttestationJwt;
use super::class::FailureClass;
use super::clock::Clock;
use super::AuthError;
use crate::wire::metadata::policy::AssertionAudience;

/// The one `error_description` of every refusal of class [`FailureClass::Credential`] and of
/// an unknown client ([`AuthError::UnknownClient`], [`AuthError::ClientMismatch`]).
pub const CLIENT_AUTHENTICATION_FAILED: &str = "client authentication failed";

impl AuthError {
    /// The `error_description` to send to the client. It never repeats a secret, a MAC, a
    /// signature, an assertion or any value the client sent. Every credential failure and an
    /// unknown client read the same ([`CLIENT_AUTHENTICATION_FAILED`]); a time failure of a
    /// client assertion says how far off the client's clock is, and a refused audience names
    /// the audience the server expects.
    pub fn description(&self) -> Cow<'static, str> {
        // crate policy (OAuth 2.1 -15 §2.4.1): no client enumeration.
        if self.class() == FailureClass::Credential {
            return Cow::Borrowed(CLIENT_AUTHENTICATION_FAILED);
        }
        match self {
            // The skew that would have been needed: the client's clock, or an old assertion.
            Self::AssertionExpired {
                expired_at,
                clock: Clock { now, skew },
            } => {
                // Accepted while now < exp + skew: the skew needed is one second more than the
                // time since exp.
                let since = now.saturating_sub(*expired_at);
                Cow::Owned(format!(
                    "client assertion expired {since} s before the server's time, beyond the \
                     allowed clock skew of {skew} s ({} s would be needed): check the client's \
                     clock",
                    since.saturating_add(1)
                ))
            }
            Self::AssertionNotYetValid {
                claim,
                at,
                clock: Clock { now, skew },
            } => {
                // Accepted while at <= now + skew: the skew needed is how far ahead it is.
                let ahead = at.saturating_sub(*now);
                Cow::Owned(format!(
                    "client assertion {claim} is {ahead} s ahead of the server's time, beyond \
                     the allowed clock skew of {skew} s ({ahead} s would be needed): check the \
                     client's clock"
                ))
            }
            Self::AssertionLifetimeTooLong { lifetime, max } => Cow::Owned(format!(
                "client assertion lifetime of {lifetime} s is longer than the {max} s allowed"
            )),
            // The audience the server expects: its issuer identifier (RFC 8414 §2, public).
            Self::AssertionAudienceMismatch {
                policy, expected, ..
            } => Cow::Owned(format!(
                "client assertion audience does not identify this server: {}",
                match policy {
                    AssertionAudience::Issuer =>
                        format!("the audience must be the issuer identifier {expected} alone"),
                    AssertionAudience::IssuerString => format!(
                        "the audience must be the issuer identifier {expected} alone, as a \
                         JSON string"
                    ),
                    AssertionAudience::IssuerOrEndpoint => {
                        format!("the audience must be one of {expected}")
                    }
                    AssertionAudience::IssuerOrCalledEndpoint => format!(
                        "the audience must be one of {expected} (the issuer identifier or the \
                         URL of the endpoint called), alone"
                    ),
                }
            )),
            Self::AttestationNotYetValid {
                jwt,
                claim,
                at,
                clock: Clock { now, skew },
            } => {
                let ahead = at.saturating_sub(*now);
                Cow::Owned(format!(
                    "{jwt} {claim} is {ahead} s ahead of the server's time, beyond the allowed \
                     clock skew of {skew} s ({ahead} s would be needed): check the client's clock"
                ))
            }
            Self::AttestationExpired {
                jwt,
                expired_at,
                clock: Clock { now, skew },
            } => Cow::Owned(format!(
                "{jwt} expired {} s before the server's time, beyond the allowed clock skew of \
                 {skew} s: get a fresh {}",
                now.saturating_sub(*expired_at),
                jwt.fresh_text()
            )),
            // draft -10: the PoP's audience is the issuer identifier (public metadata).
            Self::AttestationPopAudienceMismatch { expected, .. } => Cow::Owned(format!(
                "client attestation PoP audience is invalid: it must be the issuer identifier \
                 {expected}"
            )),
            _ => Cow::Borrowed(self.fixed_description()),
        }
    }

    /// The fixed text of each refusal that has no hint.
    fn fixed_description(&self) -> &'static str {
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
            Self::ConflictingClientIds { .. } => "client identifiers in the request do not match",
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
            Self::SecretExpired { .. } => "client secret has expired",
            Self::CertificateExpired { .. } => "the TLS client certificate has expired",
            Self::CertificateNotYetValid { .. } => "the TLS client certificate is not yet valid",
            Self::CertificateNotForClientAuth => {
                "the TLS client certificate is not valid for client authentication"
            }
            Self::MissingAssertionParameter { .. } => {
                "client_assertion and client_assertion_type are both required"
            }
            Self::UnsupportedAssertionType => "unsupported client_assertion_type",
            Self::UnsecuredAssertion => "client assertion is not signed",
            Self::UnknownAssertionAlgorithm { .. } => "client assertion algorithm is not supported",
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
            Self::AssertionTypeNotAllowed { .. } => {
                "client assertion typ is not a client assertion"
            }
            Self::AmbiguousAssertionKey { .. } => {
                "several registered keys fit the client assertion; a kid is required"
            }
            Self::AssertionKeyTooSmall { .. } => "registered key is too small",
            Self::SecretTooShortForAlgorithm { .. } => {
                "client secret is too short for the client assertion algorithm"
            }
            Self::AssertionDateOutOfRange { .. } => "client assertion time claim is out of range",
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
            Self::AttestationPopAudienceMismatch { .. } => {
                "client attestation PoP audience is invalid"
            }
            Self::AttestationNotYetValid { .. } => "client attestation is not yet valid",
            Self::AttestationPopTooOld { .. } => "client attestation PoP is too old",
            Self::AttestationPopReplayed => "client attestation PoP has already been used",
            Self::AttestationChallengeRequired { .. } => {
                "client attestation PoP must carry the challenge the server issued"
            }
            Self::AttestationExpired {
                jwt: AttestationJwt::Wit,
                ..
            } => "WIT-SVID has expired",
            Self::AttestationExpired { .. } => "client attestation has expired",
            Self::AttestationTooOld { .. } => "client attestation is too old",
            // The trust domain is the client's own; the text still names none of it.
            Self::SpiffeBundleMissing { .. } => "the SVID's trust domain is not trusted",
            // Never reached: description() answers every credential refusal first.
            Self::NoClientAuthentication { .. }
            | Self::UnknownClient { .. }
            | Self::ClientMismatch { .. }
            | Self::SecretMismatch { .. }
            | Self::MissingCredentials { .. }
            | Self::MissingClientCertificate { .. }
            | Self::MalformedCertificate { .. }
            | Self::MalformedChainCertificate { .. }
            | Self::SubjectDnMismatch { .. }
            | Self::SubjectAltNameMismatch { .. }
            | Self::CertificateNotRegistered { .. }
            | Self::CertificateIssuerUnknown { .. }
            | Self::CertificatePathInvalid { .. }
            | Self::ClientIdNotAssertionSubject { .. }
            | Self::MalformedAssertion { .. }
            | Self::AssertionKeyNotFound { .. }
            | Self::AssertionKeyMismatch { .. }
            | Self::NoKeyForAlgorithm { .. }
            | Self::InvalidAssertionSignature { .. }
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
            | Self::SpiffeIdInvalid { .. }
            | Self::X509SvidInvalid { .. }
            | Self::SpiffeIdMismatch { .. } => CLIENT_AUTHENTICATION_FAILED,
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
        assert_eq!(e.description(), CLIENT_AUTHENTICATION_FAILED);
        let plain = AuthError::SecretMismatch {
            credentials_were_form_decoded: false,
        };
        assert!(!plain.to_string().contains("form-urlencoded"));
    }

    #[test]
    fn wit_svid_refusals_name_the_wit_svid_not_a_client_attester() {
        // draft-ietf-oauth-spiffe-client-auth-02 §3.3: the WIT-SVID comes in the attestation's
        // header, but it is a trust domain's statement, fetched from the workload API.
        let clock = Clock { now: 100, skew: 30 };
        for (jwt, names, fresh) in [
            (AttestationJwt::Wit, "WIT-SVID", "get a fresh WIT-SVID"),
            (
                AttestationJwt::Attestation,
                "client attestation",
                "get a fresh attestation",
            ),
        ] {
            let expired = AuthError::AttestationExpired {
                jwt,
                expired_at: 1,
                clock,
            };
            assert!(expired
                .to_string()
                .starts_with(&format!("the {names} expired")));
            assert!(expired.description().starts_with(names), "{jwt:?}");
            assert!(expired.description().ends_with(fresh), "{jwt:?}");
            let untrusted = AuthError::AttestationIssuerUntrusted { jwt }.to_string();
            assert!(
                untrusted.starts_with(&format!("the {names} is not")),
                "{untrusted}"
            );
        }
        assert!(AuthError::AttestationIssuerUntrusted {
            jwt: AttestationJwt::Wit
        }
        .to_string()
        .contains("wit-svid key of its trust domain"));
    }

    /// One refusal of every variant of class credential, and the unknown client.
    fn credential_refusals() -> Vec<AuthError> {
        use crate::wire::error::assertion::{AssertionFormatError, Claim};
        use crate::wire::error::attestation::{AttestationJwt, InstanceKeyProblem};
        use crate::wire::error::certificate::{CertificateFormatError, CertificatePathError};
        use crate::wire::error::shown::ShownList;
        use crate::wire::metadata::algorithm::JwsAlgorithm;
        use crate::wire::metadata::san::SanKind;
        vec![
            AuthError::NoClientAuthentication,
            AuthError::UnknownClient,
            AuthError::ClientMismatch,
            AuthError::SecretMismatch {
                credentials_were_form_decoded: false,
            },
            AuthError::MissingCredentials,
            AuthError::MissingClientCertificate,
            AuthError::MalformedCertificate {
                form: None,
                error: CertificateFormatError::Der,
            },
            AuthError::MalformedChainCertificate {
                index: 0,
                form: None,
                error: CertificateFormatError::Der,
            },
            AuthError::SubjectDnMismatch {
                presented: "CN=a".into(),
                registered: "CN=b".into(),
            },
            AuthError::SubjectAltNameMismatch {
                kind: SanKind::Dns,
                entries_of_kind: 1,
                presented: ShownList::many(["a.example"]),
                registered: "b.example".into(),
            },
            AuthError::CertificateNotRegistered { registered: 1 },
            AuthError::CertificateIssuerUnknown,
            AuthError::CertificatePathInvalid(CertificatePathError::BadSignature),
            AuthError::ClientIdNotAssertionSubject {
                client_id: "a".into(),
                sub: "b".into(),
            },
            AuthError::MalformedAssertion(AssertionFormatError::NotCompactJws),
            AuthError::AssertionKeyNotFound { kid: "k".into() },
            AuthError::AssertionKeyMismatch {
                alg: JwsAlgorithm::Es256,
            },
            AuthError::NoKeyForAlgorithm {
                alg: JwsAlgorithm::Es256,
            },
            AuthError::InvalidAssertionSignature,
            AuthError::AssertionClaimMissing { claim: Claim::Jti },
            AuthError::AssertionClaimType { claim: Claim::Exp },
            AuthError::AssertionIssuerMismatch {
                iss: "a".into(),
                client_id: "b".into(),
            },
            AuthError::AssertionSubjectMismatch {
                sub: "a".into(),
                client_id: "b".into(),
            },
            AuthError::AttestationIssuerUntrusted {
                jwt: AttestationJwt::Attestation,
            },
            AuthError::InvalidAttestationSignature {
                jwt: AttestationJwt::Pop,
            },
            AuthError::AttestationClaimMissing {
                jwt: AttestationJwt::Attestation,
                claim: "cnf",
            },
            AuthError::AttestationClaimType {
                jwt: AttestationJwt::Pop,
                claim: "iss",
            },
            AuthError::AttestationInstanceKeyRefused {
                jwt: AttestationJwt::Attestation,
                problem: InstanceKeyProblem::Unusable,
            },
            AuthError::AttestationSubjectMismatch {
                sub: "a".into(),
                client_id: "b".into(),
            },
        ]
    }

    /// OAuth 2.1 -15 §2.4.1, crate policy: no client enumeration. A wrong secret, a bad
    /// signature, a certificate that does not match and an unknown client read the same to the
    /// client; the operator's text tells each apart.
    #[test]
    fn every_credential_refusal_reads_as_an_unknown_client() {
        let refusals = credential_refusals();
        let unknown = AuthError::UnknownClient.description();
        assert_eq!(unknown, CLIENT_AUTHENTICATION_FAILED);
        for (i, e) in refusals.iter().enumerate() {
            assert_eq!(e.class(), FailureClass::Credential, "{e:?}");
            assert_eq!(e.description(), unknown, "{e:?}");
            // Whole responses too, but for the attestation draft's own error code.
            if e.oauth_code() == AuthError::UnknownClient.oauth_code() {
                let body = AuthError::UnknownClient.response(true).body();
                assert_eq!(e.response(true).body(), body);
            }
            for other in &refusals[i + 1..] {
                assert_ne!(e.to_string(), other.to_string());
            }
        }
        // The refusing twin: refusals of other classes keep their own words.
        for e in [
            AuthError::MissingClientId,
            AuthError::AssertionReplayed,
            AuthError::AssertionTypeNotAllowed { typ: None },
            AuthError::SecretExpired { expired_at: 1 },
        ] {
            assert_ne!(e.description(), CLIENT_AUTHENTICATION_FAILED, "{e:?}");
        }
    }
}
