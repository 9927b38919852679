//! Reading the members of a JOSE header or a JWT claims set: the whole text checked (UTF-8, no
//! lone surrogate), the named members kept, a repeated member refused.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

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
pub(crate) fn read_members<'de, V: Deserialize<'de>, const N: usize>(
    json: &'de [u8],
    names: &[&'static str; N],
    part: JwsPart,
) -> Result<[Option<V>; N], AuthError> {
    let mut found: [Option<V>; N] = std::array::from_fn(|_| None);
    read_members_into(json, names, part, |index, value| {
        if let Some(slot) = found.get_mut(index) {
            *slot = Some(value);
        }
    })?;
    Ok(found)
}

/// [`read_members`], handing each named member to `take` with its index in `names` as it is
/// read, so that the caller fills its own typed fields and no array of values is moved.
/// `take` sees each index at most once: a repeated member is refused before it is handed over.
///
/// # Errors
///
/// As [`read_members`].
pub(crate) fn read_members_into<'de, V: Deserialize<'de>, const N: usize>(
    json: &'de [u8],
    names: &[&'static str; N],
    part: JwsPart,
    take: impl FnMut(usize, V),
) -> Result<(), AuthError> {
    // `Members` keeps one bit per name.
    const { assert!(N <= 64) };
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
    let read = Members {
        names,
        take,
        value: PhantomData,
    }
    .deserialize(&mut de)
    .and_then(|found| de.end().map(|()| found))
    .map_err(|_| AuthError::MalformedAssertion(AssertionFormatError::NotJsonObject(part)))?;
    if read {
        Ok(())
    } else {
        // Built only when returned: not dropped on every accept.
        Err(AuthError::MalformedAssertion(
            AssertionFormatError::RepeatedMember(part),
        ))
    }
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
    while let Some(escape) = memchr::memchr(b'\\', rest).and_then(|at| rest.get(at..)) {
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

/// A serde seed reading the named members of one object into `take`; `false` when one of them
/// repeats.
struct Members<'a, F, V, const N: usize> {
    names: &'a [&'static str; N],
    take: F,
    value: PhantomData<V>,
}

impl<'de, F: FnMut(usize, V), V: Deserialize<'de>, const N: usize> DeserializeSeed<'de>
    for Members<'_, F, V, N>
{
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, F: FnMut(usize, V), V: Deserialize<'de>, const N: usize> Visitor<'de>
    for Members<'_, F, V, N>
{
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Self::Value, A::Error> {
        // One bit per wanted name (N is at most 64, checked where this is built).
        let mut seen: u64 = 0;
        let mut repeated = false;
        while let Some(index) = map.next_key_seed(MemberIndex(self.names))? {
            match index.filter(|&i| i < 64) {
                Some(i) => {
                    let bit = 1u64 << i;
                    let value = map.next_value()?;
                    if seen & bit == 0 {
                        (self.take)(i, value);
                    } else {
                        repeated = true;
                    }
                    seen |= bit;
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(!repeated)
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
        // Compared inline, byte by byte: the names are short (three bytes for every claim),
        // and a call to `memcmp` per candidate costs more than the comparison.
        let name = name.as_bytes();
        Ok(self.0.iter().position(|wanted| {
            let wanted = wanted.as_bytes();
            wanted.len() == name.len() && wanted.iter().zip(name).all(|(a, b)| a == b)
        }))
    }
}
/// A member's value, read as far as the assertion rules look at it, borrowing from the text
/// when no escape forces a copy (no `serde_json::Value` tree is built).
///
/// Numbers are told apart as `serde_json::Number` tells them: an integer that fits `i64`, a
/// larger non-negative integer, or a float.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json<'de> {
    /// A string.
    Str(Cow<'de, str>),
    /// An integer within `i64`.
    Int(i64),
    /// A non-negative integer beyond `i64`.
    BigUint,
    /// A number with a fraction or an exponent, or an integer beyond `u64`.
    Float(f64),
    /// An array: its elements when every one is a string, else `None`.
    Strings(Option<Vec<Cow<'de, str>>>),
    /// An object, a boolean or `null`.
    Other,
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Json::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Json::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Json::Str(Cow::Owned(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Json::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(i64::try_from(v).map_or(Json::BigUint, Json::Int))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Json::Float(v))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Json::Other)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Json::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Json::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut strings = Some(Vec::new());
        while let Some(element) = seq.next_element::<Json<'de>>()? {
            match (element, strings.as_mut()) {
                (Json::Str(s), Some(all)) => all.push(s),
                _ => strings = None,
            }
        }
        Ok(Json::Strings(strings))
    }
}
