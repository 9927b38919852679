//! Client assertions: `client_secret_jwt` and `private_key_jwt` (RFC 7521, RFC 7523,
//! OpenID Connect Core §9).
//!
//! [`verify`] runs the checks both methods share, cheapest first, so that a refused assertion
//! costs no signature work and cannot burn a `jti`:
//!
//! 1. the request form and the decoded JWS ([`form`]): the assertion type, three parts;
//! 2. the header ([`header`]): `alg` not `none` and known, no `crit`, no key-naming header,
//!    `typ` not another kind of JWT; then the algorithm against the method, the FAPI profile,
//!    the endpoint's list and the client's registered algorithm;
//! 3. the claims ([`claims`]): `iss`, `sub`, `aud`, `exp`, `nbf`, `iat`, the lifetime, `jti`;
//! 4. the key and the signature, given by the method ([`key`]: key choice and size first);
//! 5. the replay store ([`replay`]): the `jti` is recorded only after all of the above.

pub(crate) mod claims;
pub(crate) mod form;
pub(crate) mod header;
pub(crate) mod key;
pub(crate) mod replay;
#[cfg(test)]
pub(crate) mod testing;

use self::claims::{ClaimRules, TimeRules};
use self::form::ClientAssertion;
use self::header::Typ;
use self::replay::ReplayError;
use crate::authenticate::{Authenticated, Context};
use crate::error::{AuthError, Claim};
use crate::metadata::JwsAlgorithm;

/// Verifies the request's client assertion for the context's client. `verify_signature` gets
/// the algorithm and the assertion once every other rule has passed; it selects the key and
/// checks the signature or MAC. The `jti` is recorded last.
///
/// # Errors
///
/// The [`AuthError`] of the first rule broken.
pub(crate) fn verify(
    ctx: &Context<'_>,
    verify_signature: impl FnOnce(JwsAlgorithm, &ClientAssertion) -> Result<(), AuthError>,
) -> Result<Authenticated, AuthError> {
    let assertion = form::client_assertion(ctx.request)?;
    let alg = header::check_header(assertion.header(), assertion.signature())?;
    header::check_algorithm(ctx, alg)?;

    let server = ctx.server.metadata();
    let client_id = ctx.client.client_id();
    let skew = ctx.server.clock_skew();
    let rules = ClaimRules {
        client_id,
        server,
        endpoint: ctx.request.endpoint(),
        times: TimeRules::new(
            ctx.now,
            skew,
            ctx.server.max_assertion_lifetime(),
            server.fapi_profile,
        ),
        jti_required: server.jti_required(),
    };
    let checked = claims::check_claims(assertion.claims(), &rules)?;

    verify_signature(alg, assertion)?;

    // RFC 7523 §3 item 7: a `jti` is remembered "for the length of time for which the JWT
    // would be considered valid based on the applicable exp instant", here `exp` plus the
    // skew. Recorded only now, so a refused assertion cannot use up a legitimate `jti`.
    if let Some(jti) = checked.jti {
        let remember_until = checked
            .exp
            .checked_add(skew)
            .ok_or(AuthError::AssertionDateOutOfRange { claim: Claim::Exp })?;
        ctx.replay
            .check_and_record(client_id, jti, remember_until, ctx.now)
            .map_err(|e| match e {
                ReplayError::Replayed => AuthError::AssertionReplayed,
                ReplayError::StoreFull => AuthError::ReplayStoreFull,
                ReplayError::ClientQuotaExceeded => AuthError::ReplayClientQuotaExceeded,
                ReplayError::Unavailable => AuthError::ReplayStoreUnavailable,
            })?;
    }

    let mut authenticated = Authenticated::new(client_id, ctx.client.method());
    authenticated.jti = checked.jti.map(str::to_owned);
    authenticated.assertion_expires_at = Some(checked.exp);
    authenticated.assertion_explicitly_typed =
        Some(assertion.header().typ() == Typ::ClientAuthentication);
    Ok(authenticated)
}
