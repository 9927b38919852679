//! Reading the members of a JOSE header or a JWT claims set: the whole text checked (UTF-8, no
//! lone surrogate), the named members kept, a repeated member refused.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

use crate::wire::error::assertion::{AssertionFormatError, JwsPart};
use crate::wire::error::AuthError;

/// Reads the members `names` of the JSON object `json`; other members are parsed as JSON and
/// skipped. A member named twice is refused rather than resolved by "last wins" (RFC 7515
/// §5.2 allows either; refusing leaves no doubt about which `sub` or `aud` was meant).
///
/// The whole text is checked first, the members skipped included: it must be UTF-8 and
/// escape no lone surrogate.
///
/// # Errors
///
/// [`AssertionFormatError::NotUtf8`], [`AssertionFormatError::LoneSurrogate`],
/// [`AssertionFormatError::NotJsonObject`] or [`AssertionFormatError::RepeatedMember`], for
/// `part`.
pub(crate) fn read_members<const N: usize>(
    json: &[u8],
    names: &[&'static str; N],
    part: JwsPart,
) -> Result<[Option<Value>; N], AuthError> {
    // RFC 7515 §5.2 step 3, RFC 7519 §7.2 steps 4 and 10: the header and the claims set are
    // each UTF-8 as a whole. Skipped members are not checked by serde (`IgnoredAny`), so the
    // check is made here, once; the parser then reads a `str` without checking it again.
    let text = std::str::from_utf8(json)
        .map_err(|_| AuthError::MalformedAssertion(AssertionFormatError::NotUtf8(part)))?;
    // RFC 8259 §8.2, RFC 7493 §2.1: an escaped lone surrogate is no character, in any member.
    if escapes_lone_surrogate(json) {
        return Err(AuthError::MalformedAssertion(
            AssertionFormatError::LoneSurrogate(part),
        ));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let read = Members { names }
        .deserialize(&mut de)
        .and_then(|found| de.end().map(|()| found))
        .map_err(|_| AuthError::MalformedAssertion(AssertionFormatError::NotJsonObject(part)))?;
    read.ok_or(AuthError::MalformedAssertion(
        AssertionFormatError::RepeatedMember(part),
    ))
}

/// Whether a JSON text has a `\uXXXX` escape of a lone surrogate: a high surrogate (D800 to
/// DBFF) not followed at once by an escaped low one (DC00 to DFFF), or a low one on its own.
///
/// One pass over the text, escape by escape. In JSON a backslash appears only inside a string,
/// where it starts an escape of two characters or a `\u` escape of six; a backslash elsewhere
/// is not JSON, and the parser refuses the text anyway. So `\\ud800` (an escaped backslash,
/// then text) is never taken for an escape. Escapes with other than four hex digits are also
/// left to the parser.
pub(crate) fn escapes_lone_surrogate(json: &[u8]) -> bool {
    fn unit(hex: &[u8]) -> Option<u32> {
        hex.iter().try_fold(0, |acc, &b| {
            char::from(b).to_digit(16).map(|digit| acc * 16 + digit)
        })
    }
    let mut rest = json;
    while let Some(escape) = rest
        .iter()
        .position(|&b| b == b'\\')
        .and_then(|at| rest.get(at..))
    {
        rest = match escape {
            [b'\\', b'u', a, b, c, d, tail @ ..] => match unit(&[*a, *b, *c, *d]) {
                Some(0xD800..=0xDBFF) => match tail {
                    [b'\\', b'u', e, f, g, h, after @ ..]
                        if matches!(unit(&[*e, *f, *g, *h]), Some(0xDC00..=0xDFFF)) =>
                    {
                        after
                    }
                    _ => return true,
                },
                Some(0xDC00..=0xDFFF) => return true,
                _ => tail,
            },
            [b'\\', _, tail @ ..] => tail,
            _ => return false,
        };
    }
    false
}

/// A serde seed reading the named members of one object; `None` when one of them repeats.
struct Members<'a, const N: usize> {
    names: &'a [&'static str; N],
}

impl<'de, const N: usize> DeserializeSeed<'de> for Members<'_, N> {
    type Value = Option<[Option<Value>; N]>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, const N: usize> Visitor<'de> for Members<'_, N> {
    type Value = Option<[Option<Value>; N]>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found: [Option<Value>; N] = std::array::from_fn(|_| None);
        let mut repeated = false;
        while let Some(index) = map.next_key_seed(MemberIndex(self.names))? {
            match index.and_then(|i| found.get_mut(i)) {
                Some(slot) => {
                    repeated |= slot.is_some();
                    *slot = Some(map.next_value()?);
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok((!repeated).then_some(found))
    }
}

/// A serde seed mapping a member name to its index in the wanted names, without allocating.
struct MemberIndex<'a>(&'a [&'static str]);

impl<'de> DeserializeSeed<'de> for MemberIndex<'_> {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for MemberIndex<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|wanted| *wanted == name))
    }
}
