//! `spiffe_jwt` (draft-ietf-oauth-spiffe-client-auth-02 §3.1): a SPIFFE JWT-SVID sent as
//! `client_assertion`, with `client_assertion_type`
//! `urn:ietf:params:oauth:client-assertion-type:jwt-spiffe`, verified with the JWT-SVID keys of
//! the trust domain its `sub` names, from the server's `spiffe_bundles`.
//!
//! The rules, cheapest first, so that a refused JWT-SVID costs no signature work:
//!
//! 1. the header: as every client assertion's (`alg` not `none`, no `crit`, no key-naming
//!    header), `typ` absent, `JWT` or `JOSE` (JWT-SVID §2.3), and `alg` one of RS/PS/ES 256,
//!    384, 512 (JWT-SVID §2.1: HMAC, EdDSA and `none` are refused), then the endpoint's and
//!    the registration's algorithm lists;
//! 2. `sub`: required, a SPIFFE ID (SPIFFE-ID §2), the registered `spiffe_id` (§3.1 items 1
//!    and 5, §5.1);
//! 3. `aud` under the server's audience policy (§3.1 item 3; by default the issuer as the sole
//!    audience, as the draft asks after draft-ietf-oauth-rfc7523bis);
//! 4. `exp` required and not passed, `nbf`/`iat` not ahead, the lifetime bounded (§3.1 items
//!    1, 2; crate policy for the rest, as for every client assertion);
//! 5. `jti` optional (§3.1 item 1 requires `sub`, `aud` and `exp` only; JWT-SVID §6.1), and
//!    when present, recorded against replay like any assertion's (RFC 7523 §3 item 7);
//! 6. the key: the `jwt-svid` keys of the `sub`'s trust domain only (§3.1 item 4, §6), chosen
//!    by `kid`; then the signature.
//!
//! `iss` is not read: it is optional in a JWT-SVID and never leads to keys (§6.2.4, §8.1).

use crate::method::Context;
use crate::primitives::assertion::claims::{check_audience, check_jti, check_times, TimeRules};
use crate::primitives::assertion::header::{check_algorithm, check_header_but_typ};
use crate::primitives::assertion::key::check_key_size;
use crate::primitives::spiffe::id::SpiffeId;
use crate::wire::assertion::compact::{ClientAssertion, JWT_SPIFFE};
use crate::wire::assertion::header::Typ;
use crate::wire::authenticated::Authenticated;
use crate::wire::error::assertion::Claim;
use crate::wire::error::registration::MetadataError;
use crate::wire::error::spiffe::SvidKind;
use crate::wire::error::AuthError;
use crate::wire::metadata::algorithm::JwsAlgorithm;
use crate::wire::metadata::method::AuthMethod;

/// JWT-SVID §2.1: "Validators receiving a token with the alg parameter set to a different
/// value MUST reject the token."
const JWT_SVID_ALGORITHMS: [JwsAlgorithm; 9] = [
    JwsAlgorithm::Rs256,
    JwsAlgorithm::Rs384,
    JwsAlgorithm::Rs512,
    JwsAlgorithm::Es256,
    JwsAlgorithm::Es384,
    JwsAlgorithm::Es512,
    JwsAlgorithm::Ps256,
    JwsAlgorithm::Ps384,
    JwsAlgorithm::Ps512,
];

/// Verifies the request's JWT-SVID for the context's client.
pub(crate) fn verify(ctx: &Context<'_>) -> Result<Authenticated, AuthError> {
    let assertion = jwt_svid(ctx)?;
    let header = assertion.header();
    let alg = check_header_but_typ(header, assertion.signature())?;
    // JWT-SVID §2.3: "The typ header is optional. If set, its value MUST be either JWT or
    // JOSE."
    if !matches!(header.typ(), Typ::Absent | Typ::Jwt | Typ::Jose) {
        return Err(AuthError::AssertionTypeNotAllowed);
    }
    if !JWT_SVID_ALGORITHMS.contains(&alg) {
        return Err(AuthError::AssertionAlgorithmNotForMethod {
            alg,
            method: AuthMethod::SpiffeJwt,
        });
    }
    // The endpoint's `*_signing_alg_values_supported` (RFC 8414 §2) and the registered
    // `token_endpoint_auth_signing_alg`, as for private_key_jwt, whose algorithms these are.
    let context = ctx.request_context();
    check_algorithm(
        &context,
        alg,
        AuthMethod::PrivateKeyJwt,
        ctx.client.signing_alg(),
    )?;

    // draft §3.1 item 1: the SPIFFE ID in `sub`; item 5: it is the registered one (§5.1).
    let claims = assertion.claims();
    let sub = claims.sub.required(Claim::Sub)?;
    let id = SpiffeId::parse(sub).map_err(|problem| AuthError::SpiffeIdInvalid { problem })?;
    let registered = ctx
        .client
        .spiffe_id()
        .ok_or(AuthError::InvalidClientMetadata(
            MetadataError::MissingSpiffeId,
        ))?;
    if !registered.matches(&id) {
        return Err(AuthError::SpiffeIdMismatch);
    }
    // draft §3.1 item 3 (JWT-SVID §3.2: aud required).
    check_audience(
        claims.aud.required(Claim::Aud)?,
        context.server,
        context.endpoint,
    )?;
    // draft §3.1 item 2 (JWT-SVID §3.3: exp required).
    let skew = context.clock_skew;
    let times = TimeRules::new(
        context.now,
        skew,
        context.max_assertion_lifetime,
        context.server.fapi_profile,
    );
    let exp = check_times(claims, &times)?;
    // draft §3.1 item 1 lists sub, aud and exp as required; `jti` is optional whatever
    // `require_jti` says (JWT-SVID §6.1: "validators are not required to track jti").
    let jti = check_jti(claims, false)?;

    // draft §3.1 item 4, §6: the keys of the SVID's own trust domain, and no other.
    let keys = ctx
        .server
        .spiffe_bundles()
        .jwt_keys(id.trust_domain())
        .ok_or_else(|| AuthError::SpiffeBundleMissing {
            kind: SvidKind::Jwt,
            trust_domain: id.trust_domain().to_owned(),
        })?;
    let key = keys.select(alg, header.kid())?;
    check_key_size(key.kind(), context.server.fapi_profile)?;
    key.verify(alg, assertion.signing_input(), assertion.signature())?;

    let mut authenticated = Authenticated::new(ctx.client.client_id(), AuthMethod::SpiffeJwt);
    // RFC 7523 §3 item 7: a present `jti` is remembered until `exp` plus the skew, and
    // recorded by the commit after every check (see `Verified`).
    if jti.is_some() {
        authenticated.jti_remember_until = Some(
            exp.checked_add(skew)
                .ok_or(AuthError::AssertionDateOutOfRange { claim: Claim::Exp })?,
        );
    }
    authenticated.jti = jti.map(str::to_owned);
    authenticated.assertion_expires_at = Some(exp);
    authenticated.spiffe_id = Some(id.as_str().to_owned());
    Ok(authenticated)
}

/// The request's JWT-SVID: `client_assertion_type` is the jwt-spiffe one (the dispatcher
/// chose this method for it) and `client_assertion` is present and decodes.
fn jwt_svid<'r>(ctx: &Context<'r>) -> Result<&'r ClientAssertion, AuthError> {
    // draft §3.1: "client_assertion_type: MUST be set to
    // urn:ietf:params:oauth:client-assertion-type:jwt-spiffe", compared exactly.
    if ctx.request.client_assertion_type() != Some(JWT_SPIFFE) {
        return Err(AuthError::MissingAssertionParameter {
            name: "client_assertion_type",
        });
    }
    match ctx.request.decoded_assertion() {
        None => Err(AuthError::MissingAssertionParameter {
            name: "client_assertion",
        }),
        Some(decoded) => decoded.map_err(Clone::clone),
    }
}
