//! The JOSE header of a client assertion: `alg`, `typ`, `crit`, `kid`, and the key-naming
//! headers that are never followed (RFC 7515 §4.1, RFC 8725 §3).
//!
//! The header says which algorithm the signer used; it never decides which algorithms are
//! acceptable. That comes from the client's method, the server's FAPI profile, the endpoint's
//! algorithm list and the client's registered algorithm ([`check_algorithm`]), all checked
//! before any key is touched.

use serde_json::Value;

use super::form::read_members;
use crate::authenticate::Context;
use crate::error::{AssertionFormatError, AuthError, JwsPart, KeyHeader};
use crate::metadata::JwsAlgorithm;

/// The header members read; others are ignored (RFC 7515 §4: "unless ... understood, ignored"),
/// except that `crit` makes an extension mandatory.
const MEMBERS: [&str; 8] = ["alg", "typ", "kid", "crit", "jku", "jwk", "x5u", "x5c"];

/// The header `alg`, classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeaderAlg {
    /// An algorithm this crate verifies.
    Supported(JwsAlgorithm),
    /// `none`: an unsecured JWS (RFC 7518 §3.6).
    None,
    /// Any other name. It is not kept: it is the client's string.
    Unsupported,
}

/// The header `typ`, classified (RFC 10070 explicit typing; RFC 7515 §4.1.9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Typ {
    /// No `typ`.
    Absent,
    /// `JWT` (RFC 7519 §5.1).
    Jwt,
    /// `client-authentication+jwt`: the explicit type of a client assertion (RFC 10070).
    ClientAuthentication,
    /// Another type, such as `dpop+jwt` or `at+jwt`, or a value that is not a string.
    Other,
}

/// The parts of a JOSE header that client authentication reads.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    alg: HeaderAlg,
    typ: Typ,
    kid: Option<String>,
    crit: bool,
    key_header: Option<KeyHeader>,
}

impl Header {
    /// Reads a decoded header.
    ///
    /// # Errors
    ///
    /// [`AuthError::MalformedAssertion`]: not a JSON object, a repeated member, no `alg`
    /// (RFC 7515 §4.1.1), or an `alg` or `kid` that is not a string.
    pub(crate) fn from_json(json: &[u8]) -> Result<Self, AuthError> {
        let [alg, typ, kid, crit, jku, jwk, x5u, x5c] =
            read_members(json, &MEMBERS, JwsPart::Header)?;
        let alg = match alg {
            // RFC 7515 §4.1.1: "This Header Parameter MUST be present".
            None => {
                return Err(AuthError::MalformedAssertion(
                    AssertionFormatError::MissingAlgorithm,
                ))
            }
            Some(Value::String(name)) => classify_alg(&name),
            Some(_) => {
                return Err(AuthError::MalformedAssertion(
                    AssertionFormatError::HeaderMemberNotString("alg"),
                ))
            }
        };
        let kid = match kid {
            None => None,
            Some(Value::String(kid)) => Some(kid),
            // RFC 7515 §4.1.4: "The kid value is a case-sensitive string".
            Some(_) => {
                return Err(AuthError::MalformedAssertion(
                    AssertionFormatError::HeaderMemberNotString("kid"),
                ))
            }
        };
        let key_header = [
            (jku, KeyHeader::Jku),
            (jwk, KeyHeader::Jwk),
            (x5u, KeyHeader::X5u),
            (x5c, KeyHeader::X5c),
        ]
        .into_iter()
        .find_map(|(value, which)| value.map(|_| which));
        Ok(Self {
            alg,
            typ: typ.as_ref().map_or(Typ::Absent, classify_typ),
            kid,
            crit: crit.is_some(),
            key_header,
        })
    }

    /// The `kid`, if any.
    pub(crate) fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The `typ`, classified.
    pub(crate) fn typ(&self) -> Typ {
        self.typ
    }
}

/// `alg` names compare as exact, case-sensitive strings (RFC 7515 §4.1.1).
fn classify_alg(name: &str) -> HeaderAlg {
    match JwsAlgorithm::from_name(name) {
        Some(alg) => HeaderAlg::Supported(alg),
        None if name == "none" => HeaderAlg::None,
        None => HeaderAlg::Unsupported,
    }
}

/// `typ` is a media type: case-insensitive, and the `application/` prefix may be omitted
/// (RFC 7515 §4.1.9).
fn classify_typ(typ: &Value) -> Typ {
    let Value::String(typ) = typ else {
        return Typ::Other;
    };
    const PREFIX: &str = "application/";
    let subtype = match typ.get(..PREFIX.len()) {
        Some(prefix) if prefix.eq_ignore_ascii_case(PREFIX) => {
            typ.get(PREFIX.len()..).unwrap_or_default()
        }
        _ => typ.as_str(),
    };
    if subtype.eq_ignore_ascii_case("jwt") {
        Typ::Jwt
    } else if subtype.eq_ignore_ascii_case("client-authentication+jwt") {
        Typ::ClientAuthentication
    } else {
        Typ::Other
    }
}

/// Checks the header's own rules and returns the algorithm to verify with.
///
/// # Errors
///
/// [`AuthError::UnsecuredAssertion`], [`AuthError::UnknownAssertionAlgorithm`],
/// [`AuthError::AssertionCriticalHeader`], [`AuthError::AssertionKeyHeader`],
/// [`AuthError::AssertionTypeNotAllowed`].
pub(crate) fn check_header(header: &Header, signature: &[u8]) -> Result<JwsAlgorithm, AuthError> {
    let alg = match header.alg {
        // RFC 7523 §3 item 9: "The JWT MUST be digitally signed or have a Message
        // Authentication Code (MAC) applied"; RFC 8725 §3.2.
        HeaderAlg::None => return Err(AuthError::UnsecuredAssertion),
        // RFC 8725 §3.1: only algorithms the verifier chose are accepted.
        HeaderAlg::Unsupported => return Err(AuthError::UnknownAssertionAlgorithm),
        HeaderAlg::Supported(alg) => alg,
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
    // RFC 10070 (explicit typing), RFC 8725 §3.11: a JWT typed as something else (an access
    // token, a DPoP proof, an attestation) cannot stand as a client assertion.
    if header.typ == Typ::Other {
        return Err(AuthError::AssertionTypeNotAllowed);
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
pub(crate) fn check_algorithm(ctx: &Context<'_>, alg: JwsAlgorithm) -> Result<(), AuthError> {
    // OpenID Connect Core §9: client_secret_jwt uses an HMAC, private_key_jwt a signature.
    // RFC 8725 §2.1, §3.1: letting the header pick across the two is the algorithm-confusion
    // attack (an HMAC keyed with the bytes of the client's public key).
    let method = ctx.client.method();
    if alg.method() != method {
        return Err(AuthError::AssertionAlgorithmNotForMethod { alg, method });
    }
    let server = ctx.server.metadata();
    if let Some(profile) = server.fapi_profile {
        // FAPI 1 Advanced §8.6; FAPI 2.0 Security Profile §5.4.
        if !profile.allows_algorithm(alg) {
            return Err(AuthError::AssertionAlgorithmNotAllowedByProfile { alg, profile });
        }
    }
    // RFC 8414 §2: the endpoint's `*_endpoint_auth_signing_alg_values_supported`; absent, every
    // algorithm this crate verifies.
    let endpoint = ctx.request.endpoint();
    if let Some(list) = server.signing_algs_supported(endpoint) {
        if !list.iter().any(|name| name == alg.as_str()) {
            return Err(AuthError::AssertionAlgorithmNotSupported { alg, endpoint });
        }
    }
    // OpenID Connect Registration §2: "All Token Requests using these authentication methods
    // from this Client MUST be rejected, if the JWT is not signed with this algorithm."
    if let Some(registered) = ctx.client.signing_alg() {
        if registered != alg {
            return Err(AuthError::AssertionAlgorithmNotRegistered { alg, registered });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
                Err(AuthError::UnknownAssertionAlgorithm),
            ),
            (
                r#"{"alg":"rs256"}"#,
                Err(AuthError::UnknownAssertionAlgorithm),
            ),
            (
                r#"{"alg":"ES256K"}"#,
                Err(AuthError::UnknownAssertionAlgorithm),
            ),
            (
                r#"{"alg":"RSA-OAEP"}"#,
                Err(AuthError::UnknownAssertionAlgorithm),
            ),
            (r#"{"alg":""}"#, Err(AuthError::UnknownAssertionAlgorithm)),
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
            (r#"{"alg":"PS256","typ":"JOSE"}"#, Typ::Other),
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
            if *want == Typ::Other {
                assert_eq!(verdict, Err(AuthError::AssertionTypeNotAllowed), "{json}");
            } else {
                assert_eq!(verdict, Ok(JwsAlgorithm::Ps256), "{json}");
            }
        }
    }
}
