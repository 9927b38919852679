//! The JOSE header of a client assertion, read into typed values (RFC 7515 §4.1): `alg`,
//! `typ`, `kid`, `crit`, and the key-naming headers. The rules on them are checked later, once
//! the client is known.

use super::members::{read_members_into, Json};
use crate::wire::error::assertion::AssertionFormatError;
use crate::wire::error::assertion::{JwsPart, KeyHeader};
use crate::wire::error::shown::Shown;
use crate::wire::error::AuthError;
use crate::wire::metadata::algorithm::JwsAlgorithm;

/// The header members read; others are ignored (RFC 7515 §4: "unless ... understood, ignored"),
/// except that `crit` makes an extension mandatory.
const MEMBERS: [&str; 8] = ["alg", "typ", "kid", "crit", "jku", "jwk", "x5u", "x5c"];

/// The header `alg`, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HeaderAlg {
    /// An algorithm this crate verifies.
    Supported(JwsAlgorithm),
    /// `none`: an unsecured JWS (RFC 7518 §3.6).
    None,
    /// Any other name, kept sanitised for the refusal to show.
    Unsupported(Shown),
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
    /// `JOSE` (RFC 7515 §9.1.1): allowed for a JWT-SVID (JWT-SVID §2.3), not for other
    /// client assertions.
    Jose,
    /// Another type, such as `dpop+jwt` or `at+jwt`, or a value that is not a string.
    Other,
}

/// The parts of a JOSE header that client authentication reads.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    pub(crate) alg: HeaderAlg,
    pub(crate) typ: Typ,
    /// A refused `typ` (of class [`Typ::Other`]) as sent, sanitised for the refusal to show:
    /// `None` when it is not a string, and for every `typ` that is not refused.
    pub(crate) typ_shown: Option<Shown>,
    pub(crate) kid: Option<String>,
    pub(crate) crit: bool,
    pub(crate) key_header: Option<KeyHeader>,
}

impl Header {
    /// Reads a decoded header.
    ///
    /// # Errors
    ///
    /// [`AuthError::MalformedAssertion`]: not a JSON object, a repeated member, no `alg`
    /// (RFC 7515 §4.1.1), or an `alg` or `kid` that is not a string.
    pub(crate) fn from_json(json: &[u8]) -> Result<Self, AuthError> {
        let mut alg = None;
        let mut kid = Ok(None);
        let mut typ = Typ::Absent;
        let mut typ_shown = None;
        let mut crit = false;
        let mut key_index = None;
        read_members_into::<Json<'_>, 8>(json, &MEMBERS, JwsPart::Header, |index, value| {
            match (index, value) {
                (0, value) => alg = Some(value),
                (1, value) => {
                    typ = classify_typ(&value);
                    // Kept only where some method refuses it, so the usual header allocates
                    // nothing.
                    if let (Json::Str(text), Typ::Other | Typ::Jose) = (&value, typ) {
                        typ_shown = Some(Shown::new(text));
                    }
                }
                (2, Json::Str(value)) => kid = Ok(Some(value.into_owned())),
                // RFC 7515 §4.1.4: "The kid value is a case-sensitive string".
                (2, _) => kid = Err(()),
                (3, _) => crit = true,
                // The first key-naming header in `MEMBERS` order is the one named.
                (4..=7, _) => key_index = Some(key_index.map_or(index, |k: usize| k.min(index))),
                _ => {}
            }
        })?;
        let alg = match alg {
            // RFC 7515 §4.1.1: "This Header Parameter MUST be present".
            None => {
                return Err(AuthError::MalformedAssertion(
                    AssertionFormatError::MissingAlgorithm,
                ))
            }
            Some(Json::Str(name)) => classify_alg(&name),
            Some(_) => {
                return Err(AuthError::MalformedAssertion(
                    AssertionFormatError::HeaderMemberNotString("alg"),
                ))
            }
        };
        let kid = kid.map_err(|()| {
            AuthError::MalformedAssertion(AssertionFormatError::HeaderMemberNotString("kid"))
        })?;
        let key_header = key_index.and_then(|i| {
            [
                KeyHeader::Jku,
                KeyHeader::Jwk,
                KeyHeader::X5u,
                KeyHeader::X5c,
            ]
            .get(i.saturating_sub(4))
            .copied()
        });
        Ok(Self {
            alg,
            typ,
            typ_shown,
            kid,
            crit,
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
        None => HeaderAlg::Unsupported(Shown::new(name)),
    }
}

/// `typ` is a media type: case-insensitive, and the `application/` prefix may be omitted
/// (RFC 7515 §4.1.9).
fn classify_typ(typ: &Json<'_>) -> Typ {
    let Json::Str(typ) = typ else {
        return Typ::Other;
    };
    const PREFIX: &str = "application/";
    let subtype = match typ.get(..PREFIX.len()) {
        Some(prefix) if prefix.eq_ignore_ascii_case(PREFIX) => {
            typ.get(PREFIX.len()..).unwrap_or_default()
        }
        _ => typ,
    };
    if subtype.eq_ignore_ascii_case("jwt") {
        Typ::Jwt
    } else if subtype.eq_ignore_ascii_case("client-authentication+jwt") {
        Typ::ClientAuthentication
    } else if subtype.eq_ignore_ascii_case("jose") {
        Typ::Jose
    } else {
        Typ::Other
    }
}
