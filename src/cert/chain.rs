//! Certification path validation for `tls_client_auth` (RFC 8705 §2.1), when the server lists
//! `tls_client_auth_trust_anchors`.
//!
//! The common deployment terminates TLS at a proxy that asks for a client certificate but does
//! not verify it (nginx `ssl_verify_client optional_no_ca`). Then this crate must: the
//! certificate must chain through the intermediates the client sent to one of the anchors,
//! every certificate on the path must be valid at the request's `now`, and the end-entity
//! certificate must be fit for TLS client authentication (extended key usage `clientAuth`,
//! when the extension is present). Path building and RFC 5280 §6 checks are rustls-webpki's,
//! not hand-written. Revocation is not checked.
//!
//! When no anchors are configured, the TLS terminator is trusted to have validated the chain
//! (nginx `ssl_verify_client on` with `ssl_client_certificate`), and only the registered
//! subject is compared.

use std::fmt;
use std::time::Duration;

use rustls_pki_types::{CertificateDer, TrustAnchor, UnixTime};
use webpki::{EndEntityCert, KeyUsage};

use crate::cert::input::{decode_pem_bundle, parse_der};
use crate::cert::{CertificateFormatError, ClientCertificate};
use crate::error::{AuthError, MetadataError};

/// Why a certification path is invalid, beyond expiry, an unknown issuer and a missing
/// client-authentication usage, which [`AuthError`] names on their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CertificatePathError {
    /// A signature on the path does not verify (RFC 5280 §6.1.3 (a)(1)).
    BadSignature,
    /// A signature algorithm or key on the path is not supported.
    UnsupportedSignatureAlgorithm,
    /// The client certificate is a CA certificate (RFC 5280 §4.2.1.9).
    CaUsedAsEndEntity,
    /// An intermediate is not a CA certificate (RFC 5280 §6.1.4 (k)).
    EndEntityUsedAsCa,
    /// A path length constraint is violated, or the path is too long (RFC 5280 §4.2.1.9).
    PathTooLong,
    /// A name constraint is violated (RFC 5280 §4.2.1.10).
    NameConstraints,
    /// A critical extension is not understood (RFC 5280 §4.2).
    UnsupportedCriticalExtension,
    /// A certificate on the path is malformed for path validation.
    Malformed,
    /// Path building exceeded its budget.
    TooComplex,
    /// Another reason.
    Other,
}

impl fmt::Display for CertificatePathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::BadSignature => "a signature does not verify",
            Self::UnsupportedSignatureAlgorithm => "unsupported signature algorithm or key",
            Self::CaUsedAsEndEntity => "the client certificate is a CA certificate",
            Self::EndEntityUsedAsCa => "an intermediate is not a CA certificate",
            Self::PathTooLong => "the path is too long for its constraints",
            Self::NameConstraints => "a name constraint is violated",
            Self::UnsupportedCriticalExtension => "a critical extension is not understood",
            Self::Malformed => "a certificate is malformed",
            Self::TooComplex => "path building exceeded its budget",
            Self::Other => "the path is invalid",
        })
    }
}

/// The server's `tls_client_auth_trust_anchors`, parsed once.
#[derive(Clone)]
pub(crate) struct TrustAnchors(Vec<TrustAnchor<'static>>);

impl fmt::Debug for TrustAnchors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TrustAnchors({} certificates)", self.0.len())
    }
}

impl TrustAnchors {
    /// Parses the configured PEM strings; each may hold several certificates.
    pub(crate) fn prepare(pems: &[String]) -> Result<Self, MetadataError> {
        let mut anchors = Vec::new();
        for (index, pem) in pems.iter().enumerate() {
            let invalid = |error| MetadataError::InvalidTrustAnchor { index, error };
            for der in decode_pem_bundle(pem).map_err(invalid)? {
                parse_der(&der).map_err(invalid)?;
                let der = CertificateDer::from(der);
                let anchor = webpki::anchor_from_trusted_cert(&der)
                    .map_err(|_| invalid(CertificateFormatError::Der))?;
                anchors.push(anchor.to_owned());
            }
        }
        if anchors.is_empty() {
            return Err(MetadataError::InvalidServerMetadata(
                "tls_client_auth_trust_anchors lists no certificate",
            ));
        }
        Ok(Self(anchors))
    }

    /// RFC 8705 §2.1 with RFC 5280 §6: the certificate chains to an anchor through the
    /// presented intermediates, is valid at `now`, and is fit for client authentication.
    pub(crate) fn verify(
        &self,
        end_entity: &ClientCertificate<'_>,
        intermediates: &[ClientCertificate<'_>],
        now: i64,
    ) -> Result<(), AuthError> {
        let der = CertificateDer::from(end_entity.der());
        let cert = EndEntityCert::try_from(&der).map_err(|e| path_error(e, now))?;
        let intermediates: Vec<CertificateDer<'_>> = intermediates
            .iter()
            .map(|c| CertificateDer::from(c.der()))
            .collect();
        // A clock before 1970 judges as 1970: every certificate is then not yet valid.
        let time = UnixTime::since_unix_epoch(Duration::from_secs(u64::try_from(now).unwrap_or(0)));
        cert.verify_for_usage(
            webpki::ALL_VERIFICATION_ALGS,
            &self.0,
            &intermediates,
            time,
            KeyUsage::client_auth(),
            None,
            None,
        )
        .map(|_| ())
        .map_err(|e| path_error(e, now))
    }
}

/// Unix seconds of a webpki time, saturating (certificate times end in 9999).
fn seconds(t: UnixTime) -> i64 {
    i64::try_from(t.as_secs()).unwrap_or(i64::MAX)
}

/// webpki's verdict as this crate's error, keeping webpki's types out of the public API.
#[allow(deprecated)] // The deprecated variants are still matched so that none falls to `Other`.
fn path_error(e: webpki::Error, now: i64) -> AuthError {
    use webpki::Error as E;
    let path = AuthError::CertificatePathInvalid;
    match e {
        // RFC 5280 §4.1.2.5, §6.1.3 (a)(2).
        E::CertExpired { not_after, .. } => AuthError::CertificateExpired {
            not_after: seconds(not_after),
            now,
        },
        E::CertNotValidYet { not_before, .. } => AuthError::CertificateNotYetValid {
            not_before: seconds(not_before),
            now,
        },
        E::UnknownIssuer => AuthError::CertificateIssuerUnknown,
        // RFC 5280 §4.2.1.12: id-kp-clientAuth.
        E::RequiredEkuNotFound | E::RequiredEkuNotFoundContext(_) | E::EmptyEkuExtension => {
            AuthError::CertificateNotForClientAuth
        }
        E::InvalidSignatureForPublicKey => path(CertificatePathError::BadSignature),
        E::UnsupportedSignatureAlgorithm
        | E::UnsupportedSignatureAlgorithmContext(_)
        | E::UnsupportedSignatureAlgorithmForPublicKey
        | E::UnsupportedSignatureAlgorithmForPublicKeyContext(_)
        | E::SignatureAlgorithmMismatch => {
            path(CertificatePathError::UnsupportedSignatureAlgorithm)
        }
        E::CaUsedAsEndEntity => path(CertificatePathError::CaUsedAsEndEntity),
        E::EndEntityUsedAsCa => path(CertificatePathError::EndEntityUsedAsCa),
        E::PathLenConstraintViolated | E::MaximumPathDepthExceeded => {
            path(CertificatePathError::PathTooLong)
        }
        E::NameConstraintViolation
        | E::InvalidNetworkMaskConstraint
        | E::MalformedNameConstraint => path(CertificatePathError::NameConstraints),
        E::UnsupportedCriticalExtension => path(CertificatePathError::UnsupportedCriticalExtension),
        E::BadDer
        | E::BadDerTime
        | E::TrailingData(_)
        | E::MalformedExtensions
        | E::ExtensionValueInvalid
        | E::InvalidCertValidity
        | E::InvalidSerialNumber
        | E::UnsupportedCertVersion => path(CertificatePathError::Malformed),
        E::MaximumPathBuildCallsExceeded
        | E::MaximumSignatureChecksExceeded
        | E::MaximumNameConstraintComparisonsExceeded => path(CertificatePathError::TooComplex),
        _ => path(CertificatePathError::Other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(deprecated)]
    fn webpki_errors_map_to_named_rules() {
        use webpki::Error as E;
        let at = |s| UnixTime::since_unix_epoch(Duration::from_secs(s));
        let path = AuthError::CertificatePathInvalid;
        let table = [
            (
                E::CertExpired {
                    time: at(20),
                    not_after: at(10),
                },
                AuthError::CertificateExpired {
                    not_after: 10,
                    now: 20,
                },
            ),
            (
                E::CertNotValidYet {
                    time: at(20),
                    not_before: at(30),
                },
                AuthError::CertificateNotYetValid {
                    not_before: 30,
                    now: 20,
                },
            ),
            (E::UnknownIssuer, AuthError::CertificateIssuerUnknown),
            (
                E::RequiredEkuNotFound,
                AuthError::CertificateNotForClientAuth,
            ),
            (
                E::InvalidSignatureForPublicKey,
                path(CertificatePathError::BadSignature),
            ),
            (
                E::UnsupportedSignatureAlgorithm,
                path(CertificatePathError::UnsupportedSignatureAlgorithm),
            ),
            (
                E::CaUsedAsEndEntity,
                path(CertificatePathError::CaUsedAsEndEntity),
            ),
            (
                E::EndEntityUsedAsCa,
                path(CertificatePathError::EndEntityUsedAsCa),
            ),
            (
                E::PathLenConstraintViolated,
                path(CertificatePathError::PathTooLong),
            ),
            (
                E::NameConstraintViolation,
                path(CertificatePathError::NameConstraints),
            ),
            (
                E::UnsupportedCriticalExtension,
                path(CertificatePathError::UnsupportedCriticalExtension),
            ),
            (E::BadDer, path(CertificatePathError::Malformed)),
            (
                E::MaximumPathBuildCallsExceeded,
                path(CertificatePathError::TooComplex),
            ),
            (E::CertRevoked, path(CertificatePathError::Other)),
        ];
        for (webpki_error, want) in table {
            let name = format!("{webpki_error:?}");
            assert_eq!(path_error(webpki_error, 20), want, "{name}");
        }
    }

    #[test]
    fn times_saturate() {
        assert_eq!(
            seconds(UnixTime::since_unix_epoch(Duration::from_secs(7))),
            7
        );
        assert_eq!(
            seconds(UnixTime::since_unix_epoch(Duration::from_secs(u64::MAX))),
            i64::MAX
        );
    }
}
