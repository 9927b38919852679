//! The leaf rules of an X.509-SVID presented for client authentication
//! (draft-ietf-oauth-spiffe-client-auth-02 §3.2 items 2 to 4; X509-SVID §2, §3.1, §4, §5.2).
//! Path validation against the trust domain's authorities is
//! [`TrustAnchors::verify`](crate::primitives::cert::chain::TrustAnchors::verify)'s.

use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{BasicConstraints, SubjectAltName};

use crate::primitives::cert::chain::key_usage;
use crate::primitives::cert::ClientCertificate;
use crate::primitives::spiffe::id::SpiffeId;
use crate::wire::error::spiffe::{SpiffeIdProblem, X509SvidProblem};
use crate::wire::error::AuthError;

/// The SPIFFE ID of a leaf X.509-SVID, after its leaf rules.
///
/// # Errors
///
/// [`AuthError::X509SvidInvalid`] for a certificate that is not a leaf SVID,
/// [`AuthError::SpiffeIdInvalid`] for a URI SAN that is not a workload's SPIFFE ID.
pub(crate) fn leaf_spiffe_id(certificate: &ClientCertificate<'_>) -> Result<SpiffeId, AuthError> {
    let refuse = |problem| AuthError::X509SvidInvalid { problem };
    let tbs = &certificate.certificate().tbs_certificate;
    let malformed = |_| refuse(X509SvidProblem::MalformedExtension);

    // X509-SVID §2: "An X.509 SVID MUST contain exactly one URI SAN"; §5.2: "SVIDs
    // containing more than one URI SAN MUST be rejected"; draft §3.2 item 2.
    let sans = tbs
        .get::<SubjectAltName>()
        .map_err(malformed)?
        .map(|(_critical, san)| san.0)
        .unwrap_or_default();
    let mut uris = sans.iter().filter_map(|name| match name {
        GeneralName::UniformResourceIdentifier(uri) => Some(uri.as_str()),
        _ => None,
    });
    let uri = match (uris.next(), uris.clone().count()) {
        (Some(uri), 0) => uri,
        (first, more) => {
            return Err(refuse(X509SvidProblem::UriSanCount {
                found: usize::from(first.is_some()).saturating_add(more),
            }))
        }
    };

    // X509-SVID §4.1, §5.2: a leaf has cA false (an absent extension means false, RFC 5280
    // §4.2.1.9); draft §3.2 item 3.
    let ca = tbs
        .get::<BasicConstraints>()
        .map_err(malformed)?
        .is_some_and(|(_critical, constraints)| constraints.ca);
    if ca {
        return Err(refuse(X509SvidProblem::CertificateAuthority));
    }

    // X509-SVID §4.3: keyUsage "MUST be set on all SVIDs"; a leaf "MUST set
    // digitalSignature" (draft §3.2 item 4) and "MUST NOT set keyCertSign or cRLSign" (§5.2).
    let usage = key_usage(certificate.certificate())
        .map_err(malformed)?
        .ok_or(refuse(X509SvidProblem::KeyUsageMissing))?;
    if usage.key_cert_sign() || usage.crl_sign() {
        return Err(refuse(X509SvidProblem::SigningKeyUsage));
    }
    if !usage.digital_signature() {
        return Err(refuse(X509SvidProblem::NoDigitalSignature));
    }

    // X509-SVID §5.2: the scheme is `spiffe` and the path non-root (§3.1).
    let id = SpiffeId::parse(uri).map_err(|problem| AuthError::SpiffeIdInvalid { problem })?;
    if id.path().is_empty() {
        return Err(AuthError::SpiffeIdInvalid {
            problem: SpiffeIdProblem::NoPath,
        });
    }
    Ok(id)
}
