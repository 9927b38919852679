//! `self_signed_tls_client_auth` (RFC 8705 §2.2): the client registered its (typically
//! self-signed) certificates as `x5c` of the keys in its `jwks`, and presents one of them.
//!
//! RFC 8705 §2.2: "the client's certificate chain is not validated by the server in this
//! case. The client is successfully authenticated if the certificate that it presented during
//! the handshake matches one of the certificates configured or registered for that particular
//! client." So no chain is built and the validity period is not checked (the RFC 8705
//! Appendix A certificate expired in 2022 and still authenticates): a client retires a
//! certificate by removing it from its `jwks`. `tls_client_auth_trust_anchors` does not apply.

use crate::method::Context;
use crate::primitives::cert::CertificateRule;
use crate::wire::authenticated::Authenticated;
use crate::wire::error::registration::MetadataError;
use crate::wire::error::AuthError;
use crate::wire::metadata::method::AuthMethod;

/// Compares the presented certificate with the registered ones, as DER.
pub(crate) fn verify(ctx: &Context<'_>) -> Result<Authenticated, AuthError> {
    let certificate = ctx.certificate.ok_or(AuthError::MissingClientCertificate)?;
    let Some(CertificateRule::Registered(registered)) = ctx.client.certificate_rule() else {
        // PreparedClient::new refuses a registration without x5c certificates.
        return Err(AuthError::InvalidClientMetadata(
            MetadataError::NoRegisteredCertificate,
        ));
    };
    // RFC 8705 §2.2, RFC 7517 §4.7: x5c[0] of a registered key, byte for byte.
    if !registered.contains(certificate.der()) {
        return Err(AuthError::CertificateNotRegistered {
            registered: registered.len(),
        });
    }
    Ok(Authenticated::new(
        ctx.client.client_id(),
        AuthMethod::SelfSignedTlsClientAuth,
    ))
}
