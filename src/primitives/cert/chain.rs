//! Certification path validation for `tls_client_auth` (RFC 8705 §2.1), when the server lists
//! `tls_client_auth_trust_anchors`.
//!
//! The common deployment terminates TLS at a proxy that asks for a client certificate but does
//! not verify it (nginx `ssl_verify_client optional_no_ca`). Then this crate must: the
//! certificate must chain through the intermediates the client sent to one of the anchors,
//! every certificate on the path must be valid at the request's `now`, and the end-entity
//! certificate must be fit for TLS client authentication (extended key usage `clientAuth`,
//! when the extension is present). Path building and RFC 5280 §6 checks are rustls-webpki's,
//! not hand-written, except keyUsage, which rustls-webpki deliberately skips: this module
//! checks it on the path rustls-webpki built (every issuer must allow `keyCertSign`, the client
//! certificate `digitalSignature`, when they carry the extension). Revocation is not checked.
//!
//! When no anchors are configured, the TLS terminator is trusted to have validated the chain
//! (nginx `ssl_verify_client on` with `ssl_client_certificate`), and only the registered
//! subject is compared.

use std::cell::Cell;
use std::fmt;
use std::time::Duration;

use rustls_pki_types::{CertificateDer, TrustAnchor, UnixTime};
use webpki::{EndEntityCert, KeyUsage, VerifiedPath};
use x509_cert::ext::pkix::KeyUsage as KeyUsageExtension;
use x509_cert::Certificate;

use crate::primitives::cert::input::{decode_pem_bundle, parse_der};
use crate::primitives::cert::ClientCertificate;
use crate::wire::error::certificate::{CertificateFormatError, CertificatePathError};
use crate::wire::error::registration::MetadataError;
use crate::wire::error::AuthError;
use crate::wire::request::CertificateInput;

/// The server's `tls_client_auth_trust_anchors`, parsed once: the anchors rustls-webpki takes,
/// and beside each (same index) the keyUsage of the certificate it was configured as, which
/// rustls-webpki's `TrustAnchor` does not keep.
#[derive(Clone)]
pub(crate) struct TrustAnchors {
    anchors: Vec<TrustAnchor<'static>>,
    key_usages: Vec<Option<KeyUsageExtension>>,
}

impl fmt::Debug for TrustAnchors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TrustAnchors({} certificates)", self.anchors.len())
    }
}

impl TrustAnchors {
    /// Parses the configured PEM strings; each may hold several certificates.
    pub(crate) fn prepare(pems: &[String]) -> Result<Self, MetadataError> {
        let mut anchors = Vec::new();
        let mut key_usages = Vec::new();
        for (index, pem) in pems.iter().enumerate() {
            let invalid = |error| MetadataError::InvalidTrustAnchor { index, error };
            for der in decode_pem_bundle(pem).map_err(invalid)? {
                let (anchor, key_usage) = anchor(der).map_err(invalid)?;
                anchors.push(anchor);
                key_usages.push(key_usage);
            }
        }
        if anchors.is_empty() {
            return Err(MetadataError::InvalidServerMetadata(
                "tls_client_auth_trust_anchors lists no certificate",
            ));
        }
        Ok(Self {
            anchors,
            key_usages,
        })
    }

    /// Anchors from DER certificates (a SPIFFE trust domain's X.509 authorities); `None` when
    /// there are none.
    ///
    /// # Errors
    ///
    /// The position of the first certificate that is not one, and why.
    pub(crate) fn from_der(
        ders: Vec<Vec<u8>>,
    ) -> Result<Option<Self>, (usize, CertificateFormatError)> {
        let mut anchors = Vec::with_capacity(ders.len());
        let mut key_usages = Vec::with_capacity(ders.len());
        for (index, der) in ders.into_iter().enumerate() {
            let (anchor, key_usage) = anchor(der).map_err(|e| (index, e))?;
            anchors.push(anchor);
            key_usages.push(key_usage);
        }
        Ok((!anchors.is_empty()).then_some(Self {
            anchors,
            key_usages,
        }))
    }

    /// RFC 8705 §2.1 with RFC 5280 §6: the certificate chains to an anchor through the
    /// presented intermediates, is valid at `now`, and is fit for client authentication.
    pub(crate) fn verify(
        &self,
        end_entity: &ClientCertificate<'_>,
        intermediates: &[ClientCertificate<'_>],
        now: i64,
    ) -> Result<(), AuthError> {
        self.verify_for(end_entity, intermediates, now, KeyUsage::client_auth())
    }

    /// The path of an `x5c` chain (RFC 7515 §4.1.6: the signer's certificate first) to one of
    /// the anchors, valid at `now`, whose first certificate may sign (keyUsage
    /// digitalSignature when present; extended key usage, when present, must hold
    /// anyExtendedKeyUsage: no EKU names a client attester). Returns the DER
    /// SubjectPublicKeyInfo of the signer's certificate.
    pub(crate) fn verify_signer(&self, x5c: &[Vec<u8>], now: i64) -> Result<Vec<u8>, AuthError> {
        use x509_cert::der::Encode as _;
        // RFC 5280 §4.2.1.12: anyExtendedKeyUsage, 2.5.29.37.0.
        const ANY_EKU: &[u8] = &[0x55, 0x1d, 0x25, 0x00];
        let inputs: Vec<CertificateInput> =
            x5c.iter().cloned().map(CertificateInput::Der).collect();
        let mut certificates = Vec::with_capacity(inputs.len());
        for (index, input) in inputs.iter().enumerate() {
            certificates.push(ClientCertificate::decode_chain_entry(index, input)?);
        }
        let (leaf, intermediates) = certificates
            .split_first()
            .ok_or(AuthError::CertificateIssuerUnknown)?;
        self.verify_for(
            leaf,
            intermediates,
            now,
            KeyUsage::required_if_present(ANY_EKU),
        )?;
        leaf.certificate()
            .tbs_certificate
            .subject_public_key_info
            .to_der()
            .map_err(|_| AuthError::CertificatePathInvalid(CertificatePathError::Malformed))
    }

    fn verify_for(
        &self,
        end_entity: &ClientCertificate<'_>,
        intermediates: &[ClientCertificate<'_>],
        now: i64,
        usage: KeyUsage,
    ) -> Result<(), AuthError> {
        let der = CertificateDer::from(end_entity.der());
        let cert = EndEntityCert::try_from(&der).map_err(|e| path_error(e, now))?;
        let intermediate_ders: Vec<CertificateDer<'_>> = intermediates
            .iter()
            .map(|c| CertificateDer::from(c.der()))
            .collect();
        // A clock before 1970 judges as 1970: every certificate is then not yet valid.
        let time = UnixTime::since_unix_epoch(Duration::from_secs(u64::try_from(now).unwrap_or(0)));
        // The issuers' keyUsage is checked on each path rustls-webpki completes, so that a path
        // refused for it lets path building go on to another one. The reason is kept here:
        // rustls-webpki's error type has no variant for it.
        let key_usage_refusal = Cell::new(None);
        let check_issuers = |path: &VerifiedPath<'_>| {
            self.check_issuers(path, intermediates).map_err(|e| {
                key_usage_refusal.set(Some(e));
                webpki::Error::UnknownIssuer
            })
        };
        let verified = cert.verify_for_usage(
            webpki::ALL_VERIFICATION_ALGS,
            &self.anchors,
            &intermediate_ders,
            time,
            usage,
            None,
            Some(&check_issuers),
        );
        if let Err(e) = verified {
            // A path that passed every other check but keyUsage is the informative refusal.
            return Err(match key_usage_refusal.get() {
                Some(refusal) => AuthError::CertificatePathInvalid(refusal),
                None => path_error(e, now),
            });
        }
        check_client_key_usage(end_entity.certificate()).map_err(AuthError::CertificatePathInvalid)
    }

    /// RFC 5280 §6.1.4 (n): every issuer on a verified path whose certificate carries keyUsage
    /// must allow `keyCertSign` (RFC 5280 §4.2.1.3: "The keyCertSign bit is asserted when the
    /// subject public key is used for verifying signatures on public key certificates. If the
    /// keyCertSign bit is asserted, then the cA bit in the basic constraints extension ... MUST
    /// also be asserted"; a CA whose keyUsage lacks it may not sign certificates).
    fn check_issuers(
        &self,
        path: &VerifiedPath<'_>,
        presented: &[ClientCertificate<'_>],
    ) -> Result<(), CertificatePathError> {
        for issuer in path.intermediate_certificates() {
            // rustls-webpki builds the path from the DER it was given, so every intermediate
            // is one of the presented certificates, already parsed.
            let der = issuer.der();
            let certificate = presented
                .iter()
                .find(|c| c.der() == der.as_ref())
                .ok_or(CertificatePathError::Other)?;
            let key_usage = key_usage(certificate.certificate())
                .map_err(|_| CertificatePathError::Malformed)?;
            allows_key_cert_sign(key_usage.as_ref())?;
        }
        // The trust anchor too, when it was configured as a certificate with keyUsage. RFC 5280
        // §6.1.1 (d) takes the anchor as trusted input, outside §6.1.4, so the RFC neither asks
        // for nor forbids this check; RFC 5937 §2 lets the anchor's own extensions constrain
        // it. Its holder declared that key not for certificate signing, and OpenSSL agrees:
        // `openssl verify` refuses a chain through such an anchor ("invalid CA certificate"
        // at the anchor's depth, with or without -x509_strict, see tests/certs/README.md).
        // An anchor without keyUsage, or whose certificate is not at hand, is not refused.
        // rustls-webpki returns one of the anchors it was given, so it is found by address.
        let anchor = path.anchor();
        let (_, key_usage) = self
            .anchors
            .iter()
            .zip(&self.key_usages)
            .find(|(a, _)| std::ptr::eq(*a, anchor))
            .ok_or(CertificatePathError::Other)?;
        allows_key_cert_sign(key_usage.as_ref())
    }
}

/// One configured anchor certificate: what rustls-webpki takes, and its keyUsage.
fn anchor(
    der: Vec<u8>,
) -> Result<(TrustAnchor<'static>, Option<KeyUsageExtension>), CertificateFormatError> {
    let certificate = parse_der(&der)?;
    // RFC 5280 §4.2: a malformed or repeated keyUsage makes the anchor unusable.
    let key_usage = key_usage(&certificate).map_err(|_| CertificateFormatError::Extension)?;
    let der = CertificateDer::from(der);
    let anchor = webpki::anchor_from_trusted_cert(&der).map_err(|_| CertificateFormatError::Der)?;
    Ok((anchor.to_owned(), key_usage))
}

/// The keyUsage extension of a certificate (RFC 5280 §4.2.1.3), `None` when absent; an error
/// when it is malformed or repeated (RFC 5280 §4.2).
pub(crate) fn key_usage(
    certificate: &Certificate,
) -> Result<Option<KeyUsageExtension>, x509_cert::der::Error> {
    Ok(certificate
        .tbs_certificate
        .get::<KeyUsageExtension>()?
        .map(|(_critical, key_usage)| key_usage))
}

/// RFC 5280 §4.2.1.3, §6.1.4 (n): an issuer's keyUsage, when present, must allow keyCertSign.
fn allows_key_cert_sign(key_usage: Option<&KeyUsageExtension>) -> Result<(), CertificatePathError> {
    match key_usage {
        Some(key_usage) if !key_usage.key_cert_sign() => {
            Err(CertificatePathError::IssuerLacksKeyCertSign)
        }
        _ => Ok(()),
    }
}

/// RFC 5280 §4.2.1.3 with RFC 8446 §4.4.2.4 and RFC 5246 §7.4.8: a TLS client proves its key by
/// signing (CertificateVerify), so the client certificate's keyUsage, when present, must allow
/// digitalSignature. OpenSSL's `sslclient` purpose also takes keyAgreement alone, for the
/// fixed (EC)DH client certificates of TLS 1.2 and earlier, which sign nothing; those are not
/// accepted here. A malformed keyUsage is refused.
fn check_client_key_usage(certificate: &Certificate) -> Result<(), CertificatePathError> {
    match key_usage(certificate).map_err(|_| CertificatePathError::Malformed)? {
        Some(key_usage) if !key_usage.digital_signature() => {
            Err(CertificatePathError::ClientLacksDigitalSignature)
        }
        _ => Ok(()),
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
