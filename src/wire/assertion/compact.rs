//! The request form of a client assertion (RFC 7521 §4.2, RFC 7523 §2.2) and the compact JWS it
//! carries (RFC 7515 §7.1), decoded once per request.
//!
//! [`ClientAssertion::parse`] runs when a `RequestParts` is built: it splits the three
//! parts, decodes them from base64url and reads the header and the claims set from JSON, each
//! exactly once. What it keeps is typed ([`Header`], [`Claims`]); the rules on those values
//! are checked later, by the assertion rules, once the client is known.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use super::claims::Claims;
use super::header::Header;
use crate::wire::error::assertion::{AssertionFormatError, JwsPart};
use crate::wire::error::AuthError;

/// The only `client_assertion_type` of a JWT client assertion (RFC 7523 §2.2).
pub(crate) const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// The `client_assertion_type` of a JWT-SVID (draft-ietf-oauth-spiffe-client-auth-02 §3.1).
pub(crate) const JWT_SPIFFE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-spiffe";

/// A client assertion decoded from its compact serialization; nothing about it is verified yet.
#[derive(Clone)]
pub(crate) struct ClientAssertion {
    /// `BASE64URL(header) '.' BASE64URL(payload)`, what the signature covers (RFC 7515
    /// §5.2), then the decoded signature: the first `signed_len` bytes are the signing input.
    bytes: Vec<u8>,
    signed_len: usize,
    header: Header,
    claims: Claims,
}

impl ClientAssertion {
    /// Decodes a compact JWS (RFC 7515 §7.1) whose payload is a JWT claims set (RFC 7519 §7.2).
    ///
    /// The size was bounded by [`crate::wire::request::MAX_CLIENT_ASSERTION_BYTES`] before this runs.
    ///
    /// # Errors
    ///
    /// [`AuthError::MalformedAssertion`] naming the part at fault.
    pub(crate) fn parse(compact: &str) -> Result<Self, AuthError> {
        let malformed = AuthError::MalformedAssertion;
        // The parts are split at each '.' (one SIMD search over the bytes; '.' is ASCII, so
        // every cut is a character boundary).
        let mut dots = memchr::memchr_iter(b'.', compact.as_bytes());
        let (Some(first), Some(second)) = (dots.next(), dots.next()) else {
            return Err(malformed(AssertionFormatError::NotCompactJws));
        };
        match dots.count() {
            0 => {}
            // RFC 7516 §7.1: five parts are a JWE. RFC 7523 §2.2 wants a signed (or MACed) JWT.
            2 => return Err(malformed(AssertionFormatError::Encrypted)),
            _ => return Err(malformed(AssertionFormatError::NotCompactJws)),
        }
        let (Some(header), Some(payload), Some(signature)) = (
            compact.get(..first),
            compact.get(first.saturating_add(1)..second),
            compact.get(second.saturating_add(1)..),
        ) else {
            return Err(malformed(AssertionFormatError::NotCompactJws));
        };

        // The signing input is the text before the second '.'.
        let signed_len = header.len().saturating_add(1).saturating_add(payload.len());
        let signing_input = compact
            .get(..signed_len)
            .ok_or_else(|| malformed(AssertionFormatError::NotCompactJws))?;
        // One allocation for everything decoded: the signing input, then the signature, then
        // (in turn, each dropped once read) the header and the payload.
        let decoded_len = |part: &str| part.len() / 4 * 3 + 3;
        let mut bytes = Vec::with_capacity(
            signed_len
                .saturating_add(decoded_len(signature))
                .saturating_add(decoded_len(header).max(decoded_len(payload))),
        );
        bytes.extend_from_slice(signing_input.as_bytes());
        let header = Header::from_json(decode_part(header, JwsPart::Header, &mut bytes)?)?;
        bytes.truncate(signed_len);
        let claims = Claims::from_json(decode_part(payload, JwsPart::Payload, &mut bytes)?)?;
        bytes.truncate(signed_len);
        decode_part(signature, JwsPart::Signature, &mut bytes)?;
        Ok(Self {
            signed_len,
            bytes,
            header,
            claims,
        })
    }

    /// The bytes the signature covers.
    pub(crate) fn signing_input(&self) -> &[u8] {
        self.bytes.get(..self.signed_len).unwrap_or_default()
    }

    /// The decoded signature or MAC.
    pub(crate) fn signature(&self) -> &[u8] {
        self.bytes.get(self.signed_len..).unwrap_or_default()
    }

    /// The JOSE header.
    pub(crate) fn header(&self) -> &Header {
        &self.header
    }

    /// The claims set.
    pub(crate) fn claims(&self) -> &Claims {
        &self.claims
    }
}

/// An assertion is a bearer credential until it expires: `Debug` shows its header only.
impl fmt::Debug for ClientAssertion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientAssertion")
            .field("header", &self.header)
            .field("signature_bytes", &self.signature().len())
            .finish_non_exhaustive()
    }
}

/// Decodes one part onto the end of `bytes`, and returns it: unpadded base64url with no stray
/// bits (RFC 7515 §2, RFC 4648 §5).
fn decode_part<'b>(
    part: &str,
    which: JwsPart,
    bytes: &'b mut Vec<u8>,
) -> Result<&'b [u8], AuthError> {
    let start = bytes.len();
    URL_SAFE_NO_PAD
        .decode_vec(part, bytes)
        .map_err(|_| AuthError::MalformedAssertion(AssertionFormatError::NotBase64Url(which)))?;
    Ok(bytes.get(start..).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::primitives::assertion::testing::{b64, compact};
    use crate::wire::assertion::members::escapes_lone_surrogate;
    use crate::wire::request::RequestParts;

    fn parse_err(compact: &str) -> AuthError {
        ClientAssertion::parse(compact).unwrap_err()
    }

    #[test]
    fn three_base64url_parts_parse() {
        let token = compact(
            r#"{"alg":"RS256","kid":"k1"}"#,
            r#"{"iss":"c","sub":"c"}"#,
            b"sig",
        );
        let a = ClientAssertion::parse(&token).unwrap();
        assert_eq!(a.signature(), b"sig");
        let dot2 = token.rfind('.').unwrap();
        assert_eq!(a.signing_input(), &token.as_bytes()[..dot2]);
        assert_eq!(a.header().kid(), Some("k1"));
        assert_eq!(a.claims().claimed_client_id(), Some("c"));
    }

    #[test]
    fn part_count_table() {
        use AssertionFormatError::*;
        let h = b64(r#"{"alg":"RS256"}"#);
        let p = b64("{}");
        let table: &[(String, AssertionFormatError)] = &[
            ("".into(), NotCompactJws),
            ("abc".into(), NotCompactJws),
            (format!("{h}.{p}"), NotCompactJws),
            (format!("{h}.{p}.c.d"), NotCompactJws),
            // RFC 7516 §7.1: a JWE has five parts.
            (format!("{h}.ek.iv.ct.tag"), Encrypted),
            (format!("{h}.{p}.c.d.e.f"), NotCompactJws),
        ];
        for (token, want) in table {
            assert_eq!(
                parse_err(token),
                AuthError::MalformedAssertion(*want),
                "{token}"
            );
        }
    }

    #[test]
    fn base64url_is_strict_per_part() {
        use AssertionFormatError::NotBase64Url;
        let h = b64(r#"{"alg":"RS256"}"#);
        let p = b64("{}");
        let table: &[(String, JwsPart)] = &[
            (format!("{h}=.{p}.AA"), JwsPart::Header),
            (format!("{h}.{p}+.AA"), JwsPart::Payload),
            // Standard-alphabet characters are not base64url.
            (format!("{h}.{p}.a/b"), JwsPart::Signature),
            // Padding is not allowed (RFC 7515 §2).
            (format!("{h}.{p}.AA=="), JwsPart::Signature),
            // Stray bits in the last character: "AB" is not canonical.
            (format!("{h}.{p}.AB"), JwsPart::Signature),
        ];
        for (token, part) in table {
            assert_eq!(
                parse_err(token),
                AuthError::MalformedAssertion(NotBase64Url(*part)),
                "{token}"
            );
        }
        assert!(ClientAssertion::parse(&format!("{h}.{p}.AA")).is_ok());
    }

    #[test]
    fn header_and_payload_must_be_json_objects() {
        use AssertionFormatError::NotJsonObject;
        let ok_h = r#"{"alg":"RS256"}"#;
        let table: &[(&str, &str, JwsPart)] = &[
            ("[]", "{}", JwsPart::Header),
            ("", "{}", JwsPart::Header),
            (r#"{"alg":"RS256"} x"#, "{}", JwsPart::Header),
            (ok_h, "\"c\"", JwsPart::Payload),
            (ok_h, "{", JwsPart::Payload),
            (ok_h, "", JwsPart::Payload),
            (ok_h, "{\"exp\":1e400}", JwsPart::Payload),
        ];
        for (h, p, part) in table {
            assert_eq!(
                parse_err(&compact(h, p, b"s")),
                AuthError::MalformedAssertion(NotJsonObject(*part)),
                "{h} {p}"
            );
        }
    }

    #[test]
    fn repeated_members_are_refused_not_last_wins() {
        use AssertionFormatError::RepeatedMember;
        assert_eq!(
            parse_err(&compact(
                r#"{"alg":"RS256","alg":"none"}"#,
                r#"{"sub":"c"}"#,
                b"s"
            )),
            AuthError::MalformedAssertion(RepeatedMember(JwsPart::Header))
        );
        assert_eq!(
            parse_err(&compact(
                r#"{"alg":"RS256"}"#,
                r#"{"sub":"victim","sub":"c"}"#,
                b"s"
            )),
            AuthError::MalformedAssertion(RepeatedMember(JwsPart::Payload))
        );
        // An unknown member may repeat: it is never read.
        assert!(ClientAssertion::parse(&compact(
            r#"{"alg":"RS256","x":1,"x":2}"#,
            r#"{"sub":"c","other":1,"other":2}"#,
            b"s"
        ))
        .is_ok());
    }

    /// RFC 7515 §5.2 step 3, RFC 7519 §7.2 steps 4 and 10: the whole decoded part is UTF-8,
    /// members never read included.
    #[test]
    fn invalid_utf8_anywhere_is_refused() {
        use AssertionFormatError::NotUtf8;
        let h = br#"{"alg":"RS256""#.to_vec();
        let p = br#"{"sub":"c""#.to_vec();
        let cat = |a: &[u8], b: &[u8]| [a, b, b"}"].concat();
        let table: &[(&[u8], &[u8], Option<JwsPart>)] = &[
            (b",\"x\":\"\xc0\xaf\"", b"", Some(JwsPart::Header)),
            (b"", b",\"x\":\"\xff\xfe\"", Some(JwsPart::Payload)),
            (b"", b",\"x\":\"\xed\xa0\x80\"", Some(JwsPart::Payload)),
            (b"", b",\"\xff\":1", Some(JwsPart::Payload)),
            (
                b"",
                b",\"x\":[1,{\"y\":\"\xe2\x82\"}]",
                Some(JwsPart::Payload),
            ),
            // The twins: the same members, valid UTF-8.
            (b",\"x\":\"\xc3\xa9\"", b"", None),
            (b"", b",\"x\":\"\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf\"", None),
        ];
        for (head, claims, want) in table {
            let token = format!("{}.{}.AA", b64(cat(&h, head)), b64(cat(&p, claims)));
            match want {
                Some(part) => assert_eq!(
                    parse_err(&token),
                    AuthError::MalformedAssertion(NotUtf8(*part)),
                    "{head:?} {claims:?}"
                ),
                None => assert!(ClientAssertion::parse(&token).is_ok(), "{claims:?}"),
            }
        }
    }

    /// RFC 8259 §8.2, RFC 7493 §2.1: no escaped lone surrogate, in any member.
    #[test]
    fn escaped_lone_surrogates_are_refused() {
        let table: &[(&str, bool)] = &[
            (r#"{"x":"\ud800"}"#, true),
            (r#"{"x":"\uDBFF"}"#, true),
            (r#"{"x":"\udc00"}"#, true),
            (r#"{"x":"\udfff"}"#, true),
            (r#"{"x":"\ud800\u0041"}"#, true),
            (r#"{"x":"\ud800\ud800"}"#, true),
            (r#"{"x":"\udc00\ud800"}"#, true),
            (r#"{"x":"\ud800\\udc00"}"#, true),
            (r#"{"x":"\ud800\n"}"#, true),
            (r#"{"x":"a\ud800"}"#, true),
            (r#"{"\ud800":1}"#, true),
            (r#"{"x":"\ud83d\ude00\ud83d"}"#, true),
            (r#"{"x":"\ud800\udc"}"#, true),
            // Accepted: pairs, neighbours of the surrogate range, text that only looks like an
            // escape, and malformed escapes, which the parser refuses on its own.
            (r#"{"x":"\ud83d\ude00"}"#, false),
            (r#"{"x":"\uD83D\uDE00\udbff\udfff"}"#, false),
            (r#"{"x":"\ud7ff\ue000"}"#, false),
            (r#"{"x":"\\ud800"}"#, false),
            (r#"{"x":"\\\\ud800"}"#, false),
            (r#"{"x":"ud800","y":"\"\ud83d\ude00"}"#, false),
            (r#"{"x":"\u00e9\n\t\/"}"#, false),
            (r#"{"x":"\ud80"}"#, false),
            (r#"{"x":"\"#, false),
            ("", false),
        ];
        for (json, lone) in table {
            assert_eq!(escapes_lone_surrogate(json.as_bytes()), *lone, "{json}");
        }
        // Through the parser: header and payload each, in a member never read.
        use AssertionFormatError::LoneSurrogate;
        assert_eq!(
            parse_err(&compact(r#"{"alg":"RS256","x":"\udc00"}"#, "{}", b"s")),
            AuthError::MalformedAssertion(LoneSurrogate(JwsPart::Header))
        );
        assert_eq!(
            parse_err(&compact(r#"{"alg":"RS256"}"#, r#"{"x":"\ud800"}"#, b"s")),
            AuthError::MalformedAssertion(LoneSurrogate(JwsPart::Payload))
        );
        assert!(ClientAssertion::parse(&compact(
            r#"{"alg":"RS256","x":"\udbff\udfff"}"#,
            r#"{"x":"\ud800\udc00"}"#,
            b"s"
        ))
        .is_ok());
    }

    #[test]
    fn escaped_member_names_are_recognised() {
        // "\u0073ub" is "sub": an escape cannot hide a member from the duplicate check.
        let err = parse_err(&compact(
            r#"{"alg":"RS256"}"#,
            r#"{"sub":"a","\u0073ub":"b"}"#,
            b"s",
        ));
        assert_eq!(
            err,
            AuthError::MalformedAssertion(AssertionFormatError::RepeatedMember(JwsPart::Payload))
        );
    }

    #[test]
    fn debug_never_shows_the_assertion() {
        let token = compact(
            r#"{"alg":"RS256"}"#,
            r#"{"sub":"secret-subject-123"}"#,
            b"signature-bytes",
        );
        let a = ClientAssertion::parse(&token).unwrap();
        let dbg = format!("{a:?}");
        assert!(!dbg.contains("secret-subject-123"), "{dbg}");
        assert!(!dbg.contains(&token), "{dbg}");
        let r = RequestParts::builder()
            .form_body(format!("client_assertion={token}"))
            .build()
            .unwrap();
        let dbg = format!("{r:?}");
        assert!(!dbg.contains(&token), "{dbg}");
        assert!(!dbg.contains("secret-subject-123"), "{dbg}");
    }
}
