//! The JOSE header of a client assertion: `alg`, `typ`, `crit`, `kid`, and the key-naming
//! headers that are never followed (RFC 7515 §4.1, RFC 8725 §3).
//!
//! The header says which algorithm the signer used; it never decides which algorithms are
//! acceptable. That comes from the client's method, the server's FAPI profile, the endpoint's
//! algorithm list and the client's registered algorithm ([`check_algorithm`]), all checked
//! before any key is touched.

use crate::wire::assertion::header::{Header, HeaderAlg, Typ};
use crate::wire::context::RequestContext;
use crate::wire::error::AuthError;
use crate::wire::metadata::algorithm::JwsAlgorithm;
use crate::wire::metadata::method::AuthMethod;

/// Checks the header's own rules and returns the algorithm to verify with.
///
/// # Errors
///
/// [`AuthError::UnsecuredAssertion`], [`AuthError::UnknownAssertionAlgorithm`],
/// [`AuthError::AssertionCriticalHeader`], [`AuthError::AssertionKeyHeader`],
/// [`AuthError::AssertionTypeNotAllowed`].
pub(crate) fn check_header(header: &Header, signature: &[u8]) -> Result<JwsAlgorithm, AuthError> {
    let alg = check_header_but_typ(header, signature)?;
    // RFC 10070 (explicit typing), RFC 8725 §3.11: a JWT typed as something else (an access
    // token, a DPoP proof, an attestation) cannot stand as a client assertion.
    if matches!(header.typ, Typ::Other | Typ::Jose) {
        return Err(AuthError::AssertionTypeNotAllowed {
            typ: header.typ_shown.clone(),
        });
    }
    Ok(alg)
}

/// [`check_header`] without its `typ` rule, for a JWT-SVID, whose `typ` rule is its own
/// (JWT-SVID §2.3).
///
/// # Errors
///
/// As [`check_header`], but for [`AuthError::AssertionTypeNotAllowed`].
pub(crate) fn check_header_but_typ(
    header: &Header,
    signature: &[u8],
) -> Result<JwsAlgorithm, AuthError> {
    let alg = match &header.alg {
        // RFC 7523 §3 item 9: "The JWT MUST be digitally signed or have a Message
        // Authentication Code (MAC) applied"; RFC 8725 §3.2.
        HeaderAlg::None => return Err(AuthError::UnsecuredAssertion),
        // RFC 8725 §3.1: only algorithms the verifier chose are accepted.
        HeaderAlg::Unsupported(alg) => {
            return Err(AuthError::UnknownAssertionAlgorithm { alg: alg.clone() })
        }
        HeaderAlg::Supported(alg) => *alg,
    };
    // An empty signature part is an unsecured JWS whatever `alg` says (RFC 7519 §6.1).
    if signature.is_empty() {
        return Err(AuthError::UnsecuredAssertion);
    }
    // RFC 7515 §4.1.11: no extension is understood here, so any `crit` lists one the
    // recipient does not understand, and "the JWS is invalid".
    if header.crit {
        return Err(AuthError::AssertionCriticalHeader);
    }
    // RFC 8725 §3.10: the keys come from the client's registration; a header naming a key
    // or where to fetch one is refused rather than silently ignored.
    if let Some(header) = header.key_header {
        return Err(AuthError::AssertionKeyHeader { header });
    }
    Ok(alg)
}

/// Checks that the algorithm is acceptable for this client at this endpoint, before any key
/// is selected or any signature work is done.
///
/// # Errors
///
/// [`AuthError::AssertionAlgorithmNotForMethod`],
/// [`AuthError::AssertionAlgorithmNotAllowedByProfile`],
/// [`AuthError::AssertionAlgorithmNotSupported`],
/// [`AuthError::AssertionAlgorithmNotRegistered`].
pub(crate) fn check_algorithm(
    ctx: &RequestContext<'_>,
    alg: JwsAlgorithm,
    method: AuthMethod,
    registered: Option<JwsAlgorithm>,
) -> Result<(), AuthError> {
    // OpenID Connect Core §9: client_secret_jwt uses an HMAC, private_key_jwt a signature.
    // RFC 8725 §2.1, §3.1: letting the header pick across the two is the algorithm-confusion
    // attack (an HMAC keyed with the bytes of the client's public key).
    if alg.method() != method {
        return Err(AuthError::AssertionAlgorithmNotForMethod { alg, method });
    }
    let server = ctx.server;
    if let Some(profile) = server.fapi_profile {
        // FAPI 1 Advanced §8.6; FAPI 2.0 Security Profile §5.4.
        if !profile.allows_algorithm(alg) {
            return Err(AuthError::AssertionAlgorithmNotAllowedByProfile { alg, profile });
        }
    }
    // RFC 8414 §2: the endpoint's `*_endpoint_auth_signing_alg_values_supported`; absent, every
    // algorithm this crate verifies.
    let endpoint = ctx.endpoint;
    if let Some(list) = server.signing_algs_supported(endpoint) {
        if !list.iter().any(|name| name == alg.as_str()) {
            return Err(AuthError::AssertionAlgorithmNotSupported { alg, endpoint });
        }
    }
    // OpenID Connect Registration §2: "All Token Requests using these authentication methods
    // from this Client MUST be rejected, if the JWT is not signed with this algorithm."
    if let Some(registered) = registered {
        if registered != alg {
            return Err(AuthError::AssertionAlgorithmNotRegistered { alg, registered });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::error::assertion::{AssertionFormatError, KeyHeader};

    fn header(json: &str) -> Header {
        Header::from_json(json.as_bytes()).unwrap()
    }

    fn check(json: &str) -> Result<JwsAlgorithm, AuthError> {
        check_header(&header(json), b"sig")
    }

    #[test]
    fn alg_table() {
        let table: &[(&str, Result<JwsAlgorithm, AuthError>)] = &[
            (r#"{"alg":"RS256"}"#, Ok(JwsAlgorithm::Rs256)),
            (r#"{"alg":"EdDSA"}"#, Ok(JwsAlgorithm::EdDsa)),
            (r#"{"alg":"Ed25519"}"#, Ok(JwsAlgorithm::Ed25519)),
            (r#"{"alg":"HS512"}"#, Ok(JwsAlgorithm::Hs512)),
            (r#"{"alg":"none"}"#, Err(AuthError::UnsecuredAssertion)),
            // Names are case-sensitive: "None" is not "none", and not supported either.
            (
                r#"{"alg":"None"}"#,
                Err(AuthError::UnknownAssertionAlgorithm { alg: "None".into() }),
            ),
            (
                r#"{"alg":"rs256"}"#,
                Err(AuthError::UnknownAssertionAlgorithm {
                    alg: "rs256".into(),
                }),
            ),
            (
                r#"{"alg":"ES256K"}"#,
                Err(AuthError::UnknownAssertionAlgorithm {
                    alg: "ES256K".into(),
                }),
            ),
            (
                r#"{"alg":"RSA-OAEP"}"#,
                Err(AuthError::UnknownAssertionAlgorithm {
                    alg: "RSA-OAEP".into(),
                }),
            ),
            (
                r#"{"alg":""}"#,
                Err(AuthError::UnknownAssertionAlgorithm { alg: "".into() }),
            ),
        ];
        for (json, want) in table {
            assert_eq!(&check(json), want, "{json}");
        }
    }

    #[test]
    fn alg_must_be_a_present_string() {
        let table: &[(&str, AssertionFormatError)] = &[
            ("{}", AssertionFormatError::MissingAlgorithm),
            (r#"{"typ":"JWT"}"#, AssertionFormatError::MissingAlgorithm),
            (
                r#"{"alg":null}"#,
                AssertionFormatError::HeaderMemberNotString("alg"),
            ),
            (
                r#"{"alg":["RS256"]}"#,
                AssertionFormatError::HeaderMemberNotString("alg"),
            ),
            (
                r#"{"alg":"RS256","kid":7}"#,
                AssertionFormatError::HeaderMemberNotString("kid"),
            ),
        ];
        for (json, want) in table {
            assert_eq!(
                Header::from_json(json.as_bytes()).unwrap_err(),
                AuthError::MalformedAssertion(*want),
                "{json}"
            );
        }
    }

    #[test]
    fn empty_signature_is_unsecured_whatever_alg_says() {
        assert_eq!(
            check_header(&header(r#"{"alg":"RS256"}"#), b""),
            Err(AuthError::UnsecuredAssertion)
        );
        assert_eq!(
            check_header(&header(r#"{"alg":"RS256"}"#), b"x"),
            Ok(JwsAlgorithm::Rs256)
        );
    }

    #[test]
    fn crit_is_refused_and_its_absence_accepted() {
        assert_eq!(
            check(r#"{"alg":"ES256","crit":["exp"],"exp":1}"#),
            Err(AuthError::AssertionCriticalHeader)
        );
        // RFC 7797's b64, made critical: not understood here either.
        assert_eq!(
            check(r#"{"alg":"ES256","b64":false,"crit":["b64"]}"#),
            Err(AuthError::AssertionCriticalHeader)
        );
        // An unknown header that is not critical is ignored (RFC 7515 §4).
        assert_eq!(
            check(r#"{"alg":"ES256","b64":false,"x-vendor":1}"#),
            Ok(JwsAlgorithm::Es256)
        );
    }

    #[test]
    fn key_naming_headers_are_refused() {
        let table: &[(&str, KeyHeader)] = &[
            (
                r#"{"alg":"RS256","jku":"https://attacker.example/jwks"}"#,
                KeyHeader::Jku,
            ),
            (
                r#"{"alg":"RS256","jwk":{"kty":"oct","k":"AA"}}"#,
                KeyHeader::Jwk,
            ),
            (
                r#"{"alg":"RS256","x5u":"https://attacker.example/c.pem"}"#,
                KeyHeader::X5u,
            ),
            (r#"{"alg":"RS256","x5c":["MIIB"]}"#, KeyHeader::X5c),
        ];
        for (json, want) in table {
            assert_eq!(
                check(json),
                Err(AuthError::AssertionKeyHeader { header: *want }),
                "{json}"
            );
        }
        // A thumbprint names nothing to fetch or trust, and is ignored.
        assert_eq!(
            check(r#"{"alg":"RS256","x5t#S256":"abc","kid":"k"}"#),
            Ok(JwsAlgorithm::Rs256)
        );
    }

    #[test]
    fn typ_table() {
        let table: &[(&str, Typ)] = &[
            (r#"{"alg":"PS256"}"#, Typ::Absent),
            (r#"{"alg":"PS256","typ":"JWT"}"#, Typ::Jwt),
            (r#"{"alg":"PS256","typ":"jwt"}"#, Typ::Jwt),
            (r#"{"alg":"PS256","typ":"application/jwt"}"#, Typ::Jwt),
            (
                r#"{"alg":"PS256","typ":"client-authentication+jwt"}"#,
                Typ::ClientAuthentication,
            ),
            (
                r#"{"alg":"PS256","typ":"Application/Client-Authentication+JWT"}"#,
                Typ::ClientAuthentication,
            ),
            (r#"{"alg":"PS256","typ":"dpop+jwt"}"#, Typ::Other),
            (r#"{"alg":"PS256","typ":"at+jwt"}"#, Typ::Other),
            (r#"{"alg":"PS256","typ":"application/at+jwt"}"#, Typ::Other),
            (
                r#"{"alg":"PS256","typ":"oauth-client-attestation+jwt"}"#,
                Typ::Other,
            ),
            // JOSE is a JWT-SVID's (JWT-SVID §2.3), not a client assertion's.
            (r#"{"alg":"PS256","typ":"JOSE"}"#, Typ::Jose),
            (r#"{"alg":"PS256","typ":"application/jose"}"#, Typ::Jose),
            (r#"{"alg":"PS256","typ":"application/"}"#, Typ::Other),
            (r#"{"alg":"PS256","typ":""}"#, Typ::Other),
            (r#"{"alg":"PS256","typ":1}"#, Typ::Other),
            (r#"{"alg":"PS256","typ":null}"#, Typ::Other),
            // A multi-byte character where the prefix would end must not panic.
            (r#"{"alg":"PS256","typ":"applicatio\u00e9jwt"}"#, Typ::Other),
        ];
        for (json, want) in table {
            let h = header(json);
            assert_eq!(h.typ(), *want, "{json}");
            let verdict = check_header(&h, b"s");
            if matches!(*want, Typ::Other | Typ::Jose) {
                let typ = match serde_json::from_str::<serde_json::Value>(json).unwrap()["typ"] {
                    serde_json::Value::String(ref typ) => Some(typ.as_str().into()),
                    _ => None,
                };
                assert_eq!(
                    verdict,
                    Err(AuthError::AssertionTypeNotAllowed { typ }),
                    "{json}"
                );
            } else {
                assert_eq!(verdict, Ok(JwsAlgorithm::Ps256), "{json}");
            }
        }
    }
}
