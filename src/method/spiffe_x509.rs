//! `spiffe_x509` (draft-ietf-oauth-spiffe-client-auth-02 §3.2): the client's X.509-SVID is its
//! TLS client certificate (RFC 8705 mutual TLS), and the request names the client with
//! `client_id` (the dispatcher requires it: §3.2 "The request MUST include the client_id
//! parameter").
//!
//! The rules, cheapest first:
//!
//! 1. a leaf X.509-SVID (`crate::primitives::spiffe::svid`): exactly one URI SAN, a SPIFFE ID
//!    with a path (§3.2 item 2; X509-SVID §2, §5.2), `cA` false (item 3; X509-SVID §4.1),
//!    keyUsage present with `digitalSignature` and without `keyCertSign`/`cRLSign` (item 4;
//!    X509-SVID §4.3, §5.2);
//! 2. the SPIFFE ID is the registered `spiffe_id` (item 5, §5.1);
//! 3. path validation (RFC 5280 §6) through the intermediates presented to the X.509
//!    authorities of the SVID's own trust domain, and no other (item 1, §6, §6.2.3: never
//!    a system store, never another trust domain's bundle), at the request's time; an
//!    extended key usage, when present, must allow clientAuth (X509-SVID §4.4).
//!
//! `tls_client_auth_trust_anchors` does not apply: those are the anchors of `tls_client_auth`.

use crate::method::Context;
use crate::primitives::cert::ClientCertificate;
use crate::primitives::spiffe::svid::leaf_spiffe_id;
use crate::wire::authenticated::Authenticated;
use crate::wire::error::registration::MetadataError;
use crate::wire::error::spiffe::SvidKind;
use crate::wire::error::AuthError;
use crate::wire::metadata::method::AuthMethod;

/// Checks the leaf, the registered SPIFFE ID, then the path to the trust domain's
/// authorities.
pub(crate) fn verify(ctx: &Context<'_>) -> Result<Authenticated, AuthError> {
    // RFC 8705 §2: the client authenticates with the certificate of its TLS connection.
    let certificate = ctx.certificate.ok_or(AuthError::MissingClientCertificate)?;
    let id = leaf_spiffe_id(certificate)?;
    let registered = ctx
        .client
        .spiffe_id()
        .ok_or(AuthError::InvalidClientMetadata(
            MetadataError::MissingSpiffeId,
        ))?;
    // draft §3.2 item 5: the SPIFFE ID of the URI SAN is the registered one.
    if !registered.matches(&id) {
        return Err(AuthError::SpiffeIdMismatch);
    }
    // draft §3.2 item 1, §6: the authorities of that trust domain only.
    let authorities = ctx
        .server
        .spiffe_bundles()
        .x509_authorities(id.trust_domain())
        .ok_or_else(|| AuthError::SpiffeBundleMissing {
            kind: SvidKind::X509,
            trust_domain: id.trust_domain().to_owned(),
        })?;
    let chain = ctx
        .request
        .client_certificate_chain()
        .iter()
        .enumerate()
        .map(|(index, input)| ClientCertificate::decode_chain_entry(index, input))
        .collect::<Result<Vec<_>, _>>()?;
    authorities.verify(certificate, &chain, ctx.now)?;
    let mut authenticated = Authenticated::new(ctx.client.client_id(), AuthMethod::SpiffeX509);
    authenticated.spiffe_id = Some(id.as_str().to_owned());
    Ok(authenticated)
}
