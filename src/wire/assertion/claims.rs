//! The claims of a client assertion, read into typed values (RFC 7519 §4.1, RFC 7523 §3):
//! `iss`, `sub`, `aud`, `exp`, `nbf`, `iat`, `jti`.
//!
//! A claim of the wrong JSON type, or a NumericDate that is negative or absurdly large, is kept
//! as such when the assertion is decoded and refused with a typed error when it is checked, so
//! that the unverified `sub` stays readable to name the client whatever else is wrong.

use std::borrow::Cow;

use super::members::{read_members_into, Json};
use crate::wire::error::assertion::{Claim, JwsPart};
use crate::wire::error::AuthError;

/// The claims read; others are ignored (RFC 7519 §4: "all claims that are not understood by
/// implementations MUST be ignored").
const MEMBERS: [&str; 7] = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

/// The latest NumericDate accepted: 9999-12-31T23:59:59Z. Any later one is refused, which
/// keeps every sum and difference of times far from `i64`'s range.
pub(crate) const MAX_NUMERIC_DATE: i64 = 253_402_300_799;

/// A claim as found in the claims set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Member<T> {
    /// The claim is not there.
    Absent,
    /// The claim, typed.
    Present(T),
    /// The claim is not of its JSON type.
    WrongType,
    /// A NumericDate that is negative or after [`MAX_NUMERIC_DATE`].
    OutOfRange,
}

impl<T> Member<T> {
    /// The value of an optional claim.
    pub(crate) fn optional(&self, claim: Claim) -> Result<Option<&T>, AuthError> {
        match self {
            Self::Absent => Ok(None),
            Self::Present(value) => Ok(Some(value)),
            Self::WrongType => Err(AuthError::AssertionClaimType { claim }),
            Self::OutOfRange => Err(AuthError::AssertionDateOutOfRange { claim }),
        }
    }

    /// The value of a required claim.
    pub(crate) fn required(&self, claim: Claim) -> Result<&T, AuthError> {
        match self.optional(claim)? {
            Some(value) => Ok(value),
            // Built only when returned: not dropped on every accept.
            None => Err(AuthError::AssertionClaimMissing { claim }),
        }
    }
}

/// `aud`: a string or an array of strings (RFC 7519 §4.1.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Audience {
    /// A single string.
    One(String),
    /// An array.
    Many(Vec<String>),
}

/// The claims of a client assertion, typed but not yet checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Claims {
    pub(crate) iss: Member<String>,
    pub(crate) sub: Member<String>,
    pub(crate) aud: Member<Audience>,
    pub(crate) exp: Member<i64>,
    pub(crate) nbf: Member<i64>,
    pub(crate) iat: Member<i64>,
    pub(crate) jti: Member<String>,
}

impl Claims {
    /// Reads a decoded claims set (RFC 7519 §7.2 item 10: a JSON object).
    ///
    /// # Errors
    ///
    /// [`AuthError::MalformedAssertion`]: not a JSON object, or a repeated claim.
    pub(crate) fn from_json(json: &[u8]) -> Result<Self, AuthError> {
        let mut claims = Self {
            iss: Member::Absent,
            sub: Member::Absent,
            aud: Member::Absent,
            exp: Member::Absent,
            nbf: Member::Absent,
            iat: Member::Absent,
            jti: Member::Absent,
        };
        // Each claim is typed as it is read, in `MEMBERS` order.
        read_members_into::<Json<'_>, 7>(json, &MEMBERS, JwsPart::Payload, |index, value| {
            let value = Some(value);
            match index {
                0 => claims.iss = string(value),
                1 => claims.sub = string(value),
                2 => claims.aud = audience(value),
                3 => claims.exp = numeric_date(value),
                4 => claims.nbf = numeric_date(value),
                5 => claims.iat = numeric_date(value),
                _ => claims.jti = string(value),
            }
        })?;
        Ok(claims)
    }

    /// The client the assertion claims to be, unverified: `sub`, else `iss` (RFC 7523 §3
    /// items 1 and 2 make both the client id).
    pub(crate) fn claimed_client_id(&self) -> Option<&str> {
        match (&self.sub, &self.iss) {
            (Member::Present(sub), _) => Some(sub),
            (_, Member::Present(iss)) => Some(iss),
            _ => None,
        }
    }
}

fn string(value: Option<Json<'_>>) -> Member<String> {
    match value {
        None => Member::Absent,
        Some(Json::Str(s)) => Member::Present(s.into_owned()),
        Some(_) => Member::WrongType,
    }
}

fn audience(value: Option<Json<'_>>) -> Member<Audience> {
    match value {
        None => Member::Absent,
        Some(Json::Str(s)) => Member::Present(Audience::One(s.into_owned())),
        Some(Json::Strings(Some(values))) => Member::Present(Audience::Many(
            values.into_iter().map(Cow::into_owned).collect(),
        )),
        Some(_) => Member::WrongType,
    }
}

/// A NumericDate (RFC 7519 §2): "A JSON numeric value representing the number of seconds from
/// 1970-01-01T00:00:00Z UTC ... non-integer values can be represented". A fractional value is
/// rounded down to whole seconds.
fn numeric_date(value: Option<Json<'_>>) -> Member<i64> {
    let float = match value {
        None => return Member::Absent,
        Some(Json::Int(whole)) => {
            return if (0..=MAX_NUMERIC_DATE).contains(&whole) {
                Member::Present(whole)
            } else {
                Member::OutOfRange
            };
        }
        // A u64 beyond i64 is beyond every date.
        Some(Json::BigUint) => return Member::OutOfRange,
        Some(Json::Float(f)) => f,
        Some(_) => return Member::WrongType,
    };
    // JSON cannot spell NaN or infinity, but check anyway.
    if float.is_finite() && (0.0..=MAX_NUMERIC_DATE_F64).contains(&float) {
        // `float.floor()` is a whole number below 2^53, which `{:.0}` prints exactly; reading
        // it back avoids a float-to-integer cast.
        format!("{:.0}", float.floor())
            .parse()
            .map_or(Member::OutOfRange, Member::Present)
    } else {
        Member::OutOfRange
    }
}

/// [`MAX_NUMERIC_DATE`] as a float (exact: it is below 2^53).
const MAX_NUMERIC_DATE_F64: f64 = 253_402_300_799.0;
