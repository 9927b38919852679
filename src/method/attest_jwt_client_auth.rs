//! `attest_jwt_client_auth` (draft-ietf-oauth-attestation-based-client-auth-10, the Client
//! Attestation PoP JWT form): a Client Attestation JWT from a Client Attester the server
//! trusts, binding a client instance key, and a PoP signed with that key, in the
//! `OAuth-Client-Attestation` and `OAuth-Client-Attestation-PoP` headers. Also used beside
//! another method, as the draft's "additional security signal" ([`verify_signal`]).

use crate::method::Context;
use crate::primitives::assertion::attestation::{self, AttestationRules, CheckedAttestation};
use crate::wire::authenticated::Authenticated;
use crate::wire::error::AuthError;
use crate::wire::metadata::method::AuthMethod;

/// Verifies the attestation and its PoP as the client's authentication.
pub(crate) fn verify(ctx: &Context<'_>) -> Result<Authenticated, AuthError> {
    let checked = check(ctx)?;
    let mut authenticated =
        Authenticated::new(ctx.client.client_id(), AuthMethod::AttestJwtClientAuth);
    authenticated.jti = Some(checked.pop_jti.clone());
    bind(&mut authenticated, checked);
    Ok(authenticated)
}

/// Verifies an attestation sent beside another method (draft -10, "Client Attestation as an
/// additional security signal"): every rule applies, and the result gains its key
/// thumbprint and the PoP `jti` to record.
pub(crate) fn verify_signal(
    ctx: &Context<'_>,
    authenticated: &mut Authenticated,
) -> Result<(), AuthError> {
    let checked = check(ctx)?;
    bind(authenticated, checked);
    Ok(())
}

fn bind(authenticated: &mut Authenticated, checked: CheckedAttestation) {
    authenticated.attestation_key_thumbprint = Some(checked.key_thumbprint);
    authenticated.attestation_pop_jti = Some((checked.pop_jti, checked.pop_remember_until));
}

fn check(ctx: &Context<'_>) -> Result<CheckedAttestation, AuthError> {
    let (attestation, pop) = attestation::presented(ctx.request.attestation_headers())?;
    let server = ctx.server;
    let metadata = server.metadata();
    let rules = AttestationRules {
        // draft -10, Client Attestation PoP JWT: "aud" is the issuer identifier, whatever
        // `assertion_audience` says for client assertions.
        issuer: &metadata.issuer,
        now: ctx.now,
        skew: server.clock_skew(),
        attestation_algs: metadata
            .client_attestation_signing_alg_values_supported
            .as_deref(),
        pop_algs: metadata
            .client_attestation_pop_signing_alg_values_supported
            .as_deref(),
        trusted_keys: server.attestation_keys(),
        trust_anchors: server.attestation_anchors(),
        max_age: server.attestation_max_age(),
        pop_max_age: server.attestation_pop_max_age(),
        challenges: server.challenges(),
    };
    let checked = attestation::check(attestation, pop, &rules)?;
    // draft -10, Client Attestation JWT: "sub" MUST be the client_id of the client.
    if checked.subject != ctx.client.client_id() {
        return Err(AuthError::AttestationSubjectMismatch);
    }
    Ok(checked)
}
