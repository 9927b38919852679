//! `tls_client_auth` (RFC 8705 §2.1): PKI mutual-TLS client authentication. The client presents
//! a CA-issued certificate whose subject DN or subjectAltName entry equals the one value it
//! registered (RFC 8705 §2.1.2).
//!
//! When the server lists `tls_client_auth_trust_anchors`, the certificate must also chain to
//! one of them through the intermediates presented, be valid at `now`, and be fit for client
//! authentication (see `crate::primitives::cert::chain`). When it lists none, the TLS layer must have
//! validated the chain: RFC 8705 §2.1 leaves "how the chain is validated" to the deployment,
//! and a proxy with `ssl_verify_client optional_no_ca` validates nothing.

use crate::method::Context;
use crate::primitives::cert::{CertificateRule, ClientCertificate};
use crate::wire::authenticated::Authenticated;
use crate::wire::error::registration::MetadataError;
use crate::wire::error::shown::Shown;
use crate::wire::error::AuthError;
use crate::wire::metadata::method::AuthMethod;

/// Validates the path when anchors are configured, then compares the registered subject.
pub(crate) fn verify(ctx: &Context<'_>) -> Result<Authenticated, AuthError> {
    // RFC 8705 §2: the client authenticates with the certificate of its TLS connection.
    let certificate = ctx.certificate.ok_or(AuthError::MissingClientCertificate)?;
    if let Some(anchors) = ctx.server.trust_anchors() {
        let chain = ctx
            .request
            .client_certificate_chain()
            .iter()
            .enumerate()
            .map(|(index, input)| ClientCertificate::decode_chain_entry(index, input))
            .collect::<Result<Vec<_>, _>>()?;
        anchors.verify(certificate, &chain, ctx.now)?;
    }
    match ctx.client.certificate_rule() {
        // RFC 8705 §2.1.2 tls_client_auth_subject_dn, by RFC 4517 distinguishedNameMatch.
        Some(CertificateRule::SubjectDn(dn)) => {
            if !dn.matches(certificate.subject()) {
                return Err(AuthError::SubjectDnMismatch {
                    presented: Shown::new(&certificate.subject().to_string()),
                    registered: Shown::new(
                        ctx.client
                            .metadata()
                            .tls_client_auth_subject_dn
                            .as_deref()
                            .unwrap_or_default(),
                    ),
                });
            }
        }
        // RFC 8705 §2.1.2 tls_client_auth_san_*.
        Some(CertificateRule::SubjectAltName(san)) => san.check(certificate)?,
        // PreparedClient::new refuses a tls_client_auth registration without one.
        Some(CertificateRule::Registered(_)) | None => {
            return Err(AuthError::InvalidClientMetadata(
                MetadataError::MissingTlsClientAuthField,
            ))
        }
    }
    Ok(Authenticated::new(
        ctx.client.client_id(),
        AuthMethod::TlsClientAuth,
    ))
}
