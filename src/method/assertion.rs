//! Client assertions: `client_secret_jwt` and `private_key_jwt` (RFC 7521, RFC 7523,
//! OpenID Connect Core §9).
//!
//! [`verify`] runs the checks both methods share, cheapest first, so that a refused assertion
//! costs no signature work and cannot burn a `jti`:
//!
//! 1. the request form and the decoded JWS ([`client_assertion`]): the assertion type, three
//!    parts;
//! 2. the header ([`header`]): `alg` not `none` and known, no `crit`, no key-naming header,
//!    `typ` not another kind of JWT; then the algorithm against the method, the FAPI profile,
//!    the endpoint's list and the client's registered algorithm;
//! 3. the claims ([`claims`]): `iss`, `sub`, `aud`, `exp`, `nbf`, `iat`, the lifetime, `jti`;
//! 4. the key and the signature, given by the method (key choice and size first);
//! 5. the `jti` and until when to remember it, recorded by the caller's commit after all of
//!    the above (see `Verified`).

use super::Context;
use crate::primitives::assertion::claims::{self, ClaimRules, TimeRules};
use crate::primitives::assertion::header;
use crate::wire::assertion::compact::{ClientAssertion, JWT_BEARER};
use crate::wire::assertion::header::Typ;
use crate::wire::authenticated::Authenticated;
use crate::wire::error::assertion::Claim;
use crate::wire::error::AuthError;
use crate::wire::metadata::algorithm::JwsAlgorithm;
use crate::wire::request::RequestParts;

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
    let assertion = client_assertion(ctx.request)?;
    let alg = header::check_header(assertion.header(), assertion.signature())?;
    let context = ctx.request_context();
    header::check_algorithm(&context, alg, ctx.client.method(), ctx.client.signing_alg())?;

    let client_id = ctx.client.client_id();
    let skew = context.clock_skew;
    let rules = ClaimRules {
        client_id,
        server: context.server,
        endpoint: context.endpoint,
        times: TimeRules::new(
            context.now,
            skew,
            context.max_assertion_lifetime,
            context.server.fapi_profile,
        ),
        jti_required: context.server.jti_required(),
    };
    let checked = claims::check_claims(assertion.claims(), &rules)?;

    verify_signature(alg, assertion)?;

    // RFC 7523 §3 item 7: a `jti` is remembered "for the length of time for which the JWT
    // would be considered valid based on the applicable exp instant", here `exp` plus the
    // skew. The dispatcher's caller records it when it commits the verdict, after every
    // check here, so a refused assertion cannot use up a legitimate `jti`.
    let mut authenticated = Authenticated::new(client_id, ctx.client.method());
    if checked.jti.is_some() {
        // The refusal is built only when it is returned (not dropped on every accept).
        let Some(until) = checked.exp.checked_add(skew) else {
            return Err(AuthError::AssertionDateOutOfRange { claim: Claim::Exp });
        };
        authenticated.jti_remember_until = Some(until);
    }
    authenticated.jti = checked.jti.map(str::to_owned);
    authenticated.assertion_expires_at = Some(checked.exp);
    authenticated.assertion_explicitly_typed =
        Some(assertion.header().typ() == Typ::ClientAuthentication);
    Ok(authenticated)
}

/// The request's client assertion, after the parameters' own rules: `client_assertion_type`
/// and `client_assertion` are both REQUIRED (RFC 7521 §4.2), and the type is the JWT bearer
/// one (RFC 7523 §2.2).
///
/// # Errors
///
/// [`AuthError::MissingAssertionParameter`] and [`AuthError::UnsupportedAssertionType`]
/// (`invalid_request`), or the [`AuthError::MalformedAssertion`] found when the request was
/// built.
pub(crate) fn client_assertion(request: &RequestParts) -> Result<&ClientAssertion, AuthError> {
    let Some(assertion_type) = request.client_assertion_type() else {
        return Err(AuthError::MissingAssertionParameter {
            name: "client_assertion_type",
        });
    };
    // RFC 7523 §2.2: the value is compared as an exact string.
    if assertion_type != JWT_BEARER {
        return Err(AuthError::UnsupportedAssertionType);
    }
    match request.decoded_assertion() {
        None => Err(AuthError::MissingAssertionParameter {
            name: "client_assertion",
        }),
        Some(decoded) => decoded.map_err(Clone::clone),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::primitives::assertion::testing::compact;
    use crate::wire::error::assertion::AssertionFormatError;

    #[test]
    fn assertion_type_must_be_jwt_bearer() {
        let token = compact(r#"{"alg":"RS256"}"#, r#"{"sub":"c"}"#, b"s");
        let request = |body: String| RequestParts::builder().form_body(body).build().unwrap();
        let type_param = "client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer";
        let ok = request(format!("{type_param}&client_assertion={token}"));
        assert!(client_assertion(&ok).is_ok());

        let table: &[(String, AuthError)] = &[
            (
                format!("client_assertion={token}"),
                AuthError::MissingAssertionParameter {
                    name: "client_assertion_type",
                },
            ),
            (
                type_param.to_owned(),
                AuthError::MissingAssertionParameter {
                    name: "client_assertion",
                },
            ),
            (
                format!("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Asaml2-bearer&client_assertion={token}"),
                AuthError::UnsupportedAssertionType,
            ),
            (
                // Compared exactly: no case folding.
                format!("client_assertion_type=URN%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion={token}"),
                AuthError::UnsupportedAssertionType,
            ),
            (
                format!("{type_param}&client_assertion=a.b"),
                AuthError::MalformedAssertion(AssertionFormatError::NotCompactJws),
            ),
        ];
        for (body, want) in table {
            let err = client_assertion(&request(body.clone())).unwrap_err();
            assert_eq!(&err, want, "{body}");
        }
        assert_eq!(
            AuthError::UnsupportedAssertionType.oauth_code().as_str(),
            "invalid_request"
        );
        assert_eq!(
            AuthError::MalformedAssertion(AssertionFormatError::Encrypted)
                .oauth_code()
                .as_str(),
            "invalid_client"
        );
    }
}
