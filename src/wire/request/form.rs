//! The form body (`application/x-www-form-urlencoded`, WHATWG URL Standard §5.1): its
//! credential parameters, decoded strictly (RFC 6749 §2.3.1, §3.2; RFC 7521 §4.2).

use std::borrow::Cow;
use std::fmt;

use super::limits::{
    MAX_CLIENT_ASSERTION_BYTES, MAX_CLIENT_ASSERTION_TYPE_BYTES, MAX_CLIENT_ID_BYTES,
    MAX_CLIENT_SECRET_BYTES,
};
use crate::wire::error::request::FormError;
use crate::wire::error::AuthError;
use crate::wire::secret::ClientSecret;

/// The credential parameters of the form body (RFC 6749 §2.3.1, RFC 7521 §4.2).
#[derive(Clone, Default)]
pub(super) struct CredentialParams {
    pub(super) client_id: Option<String>,
    pub(super) client_secret: Option<ClientSecret>,
    pub(super) client_assertion: Option<String>,
    pub(super) client_assertion_type: Option<String>,
}

/// A client assertion is a bearer credential until it expires: only its length is shown.
impl fmt::Debug for CredentialParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CredentialParams")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field(
                "client_assertion",
                &self
                    .client_assertion
                    .as_ref()
                    .map(|a| format!("<redacted, {} bytes>", a.len())),
            )
            .field("client_assertion_type", &self.client_assertion_type)
            .finish()
    }
}

/// The non-empty `&`-separated pieces of a form body.
pub(super) fn form_pieces(body: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(body);
    std::iter::from_fn(move || loop {
        let current = rest?;
        let (piece, next) = match memchr::memchr(b'&', current) {
            Some(i) => (current.get(..i).unwrap_or_default(), current.get(i + 1..)),
            None => (current, None),
        };
        rest = next;
        if !piece.is_empty() {
            return Some(piece);
        }
    })
}

/// The credential parameters this crate reads (RFC 6749 §2.3.1, RFC 7521 §4.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Slot {
    Id,
    Secret,
    Assertion,
    AssertionType,
}

pub(super) fn credential_slot(name: &[u8]) -> Option<Slot> {
    match name {
        b"client_id" => Some(Slot::Id),
        b"client_secret" => Some(Slot::Secret),
        b"client_assertion" => Some(Slot::Assertion),
        b"client_assertion_type" => Some(Slot::AssertionType),
        _ => None,
    }
}

impl CredentialParams {
    /// Stores a credential parameter, refusing a second occurrence (RFC 6749 §3.2: "Request
    /// and response parameters MUST NOT be included more than once") and an oversized value.
    pub(super) fn set(&mut self, slot: Slot, value: String) -> Result<(), AuthError> {
        // RFC 6749 §3.2: "Parameters sent without a value MUST be treated as if they were
        // omitted from the request."
        if value.is_empty() {
            return Ok(());
        }
        let (present, name, limit) = match slot {
            Slot::Id => (self.client_id.is_some(), "client_id", MAX_CLIENT_ID_BYTES),
            Slot::Secret => (
                self.client_secret.is_some(),
                "client_secret",
                MAX_CLIENT_SECRET_BYTES,
            ),
            Slot::Assertion => (
                self.client_assertion.is_some(),
                "client_assertion",
                MAX_CLIENT_ASSERTION_BYTES,
            ),
            Slot::AssertionType => (
                self.client_assertion_type.is_some(),
                "client_assertion_type",
                MAX_CLIENT_ASSERTION_TYPE_BYTES,
            ),
        };
        if present {
            return Err(AuthError::RepeatedParameter { name });
        }
        if value.len() > limit {
            return Err(AuthError::ValueTooLarge { name, limit });
        }
        match slot {
            Slot::Id => self.client_id = Some(value),
            Slot::Secret => self.client_secret = Some(ClientSecret::new(value)),
            Slot::Assertion => self.client_assertion = Some(value),
            Slot::AssertionType => self.client_assertion_type = Some(value),
        }
        Ok(())
    }
}

/// Decodes one form-urlencoded component; borrows when there is nothing to decode.
pub(crate) fn form_decode(raw: &[u8]) -> Result<Cow<'_, str>, FormError> {
    if memchr::memchr2(b'+', b'%', raw).is_none() {
        return std::str::from_utf8(raw)
            .map(Cow::Borrowed)
            .map_err(|_| FormError::InvalidUtf8);
    }
    // One pass into one buffer: '+' is a space (RFC 6749 Appendix B, the form encoding), and
    // RFC 3986 §2.1: a '%' begins a percent-encoded octet, two hexadecimal digits; anything
    // else makes the component malformed (not taken literally).
    let mut bytes = Vec::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = memchr::memchr2(b'+', b'%', rest) {
        let (plain, escape) = rest.split_at_checked(at).unwrap_or((rest, &[]));
        bytes.extend_from_slice(plain);
        rest = match escape {
            [b'+', tail @ ..] => {
                bytes.push(b' ');
                tail
            }
            [b'%', high, low, tail @ ..] => match (hex_digit(*high), hex_digit(*low)) {
                (Some(high), Some(low)) => {
                    bytes.push(high << 4 | low);
                    tail
                }
                _ => return Err(FormError::InvalidPercentEncoding),
            },
            _ => return Err(FormError::InvalidPercentEncoding),
        };
    }
    bytes.extend_from_slice(rest);
    String::from_utf8(bytes)
        .map(Cow::Owned)
        .map_err(|_| FormError::InvalidUtf8)
}

/// The value of one hexadecimal digit, either case.
fn hex_digit(b: u8) -> Option<u8> {
    char::from(b)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::error::request::{BasicFormatError, FormError};
    use crate::wire::error::AuthError;
    use crate::wire::request::limits::*;
    use crate::wire::request::parts::RequestParts;

    #[test]
    fn form_decoding_table() {
        let table: &[(&[u8], Result<&str, FormError>)] = &[
            (b"abc", Ok("abc")),
            (b"a+b", Ok("a b")),
            (b"a%2Bb", Ok("a+b")),
            (b"%E3%81%82", Ok("\u{3042}")),
            // RFC 3986 §2.1: '%' must begin two hexadecimal digits.
            (b"100%", Err(FormError::InvalidPercentEncoding)),
            (b"%zz", Err(FormError::InvalidPercentEncoding)),
            (b"%2", Err(FormError::InvalidPercentEncoding)),
            (b"%2g", Err(FormError::InvalidPercentEncoding)),
            (b"a+%", Err(FormError::InvalidPercentEncoding)),
            (b"%2a%2A", Ok("**")),
            (b"%FF", Err(FormError::InvalidUtf8)),
            (b"\xff", Err(FormError::InvalidUtf8)),
        ];
        for (raw, want) in table {
            assert_eq!(form_decode(raw).as_deref(), want.as_deref(), "{raw:?}");
        }
    }

    #[test]
    fn credential_params_are_decoded() {
        let r = RequestParts::builder()
            .form_body("grant_type=client_credentials&client_id=s6B%2Bh+d&client_secret=a%25b")
            .build()
            .unwrap();
        assert_eq!(r.client_id_param(), Some("s6B+h d"));
        assert_eq!(r.client_secret_param().unwrap().expose(), "a%b");
    }

    #[test]
    fn repeated_credential_parameter_is_invalid_request() {
        for name in [
            "client_id",
            "client_secret",
            "client_assertion",
            "client_assertion_type",
        ] {
            let body = format!("{name}=a&{name}=b");
            let err = RequestParts::builder()
                .form_body(&body)
                .build()
                .unwrap_err();
            assert_eq!(err, AuthError::RepeatedParameter { name }, "{name}");
            assert_eq!(err.oauth_code().as_str(), "invalid_request");
        }
    }

    #[test]
    fn repeated_parameter_across_body_and_pairs_is_refused() {
        let err = RequestParts::builder()
            .form_body("client_id=a")
            .form_pairs([("client_id", "a")])
            .build()
            .unwrap_err();
        assert_eq!(err, AuthError::RepeatedParameter { name: "client_id" });
    }

    #[test]
    fn repeated_non_credential_parameter_is_not_ours_to_judge() {
        let r = RequestParts::builder()
            .form_body("scope=a&scope=b&client_id=x")
            .build()
            .unwrap();
        assert_eq!(r.client_id_param(), Some("x"));
    }

    #[test]
    fn empty_parameter_is_treated_as_omitted() {
        // RFC 6749 §3.2.
        let r = RequestParts::builder()
            .form_body("client_id=&client_id=x&client_secret=")
            .build()
            .unwrap();
        assert_eq!(r.client_id_param(), Some("x"));
        assert!(r.client_secret_param().is_none());
    }

    #[test]
    fn invalid_utf8_body_is_invalid_request() {
        let err = RequestParts::builder()
            .form_body("client_id=%C3%28")
            .build()
            .unwrap_err();
        assert_eq!(err, AuthError::MalformedBody(FormError::InvalidUtf8));
        assert_eq!(err.status(), 400);
    }

    #[test]
    fn stray_percent_in_credentials_is_invalid_request() {
        // RFC 6749 Appendix B, RFC 3986 §2.1: in a credential parameter...
        for body in ["client_id=a&client_secret=100%", "client_id=a%zz"] {
            let err = RequestParts::builder().form_body(body).build().unwrap_err();
            assert_eq!(
                err,
                AuthError::MalformedBody(FormError::InvalidPercentEncoding),
                "{body}"
            );
            assert_eq!(err.status(), 400);
        }
        // ...and in Basic credentials (`printf 's6BhdRkqt3:gX1fBat3bV%' | base64`).
        let err = RequestParts::builder()
            .header("Authorization", "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JWJQ==")
            .build()
            .unwrap_err();
        assert_eq!(
            err,
            AuthError::MalformedBasicCredentials(BasicFormatError::InvalidPercentEncoding)
        );
        assert_eq!(err.status(), 400);
        // The twins, encoded: "100%" as 100%25 is a secret like any other.
        let r = RequestParts::builder()
            .form_body("client_id=a&client_secret=100%25")
            .build()
            .unwrap();
        assert_eq!(r.client_secret_param().map(|s| s.expose()), Some("100%"));
        // `printf 's6BhdRkqt3:gX1fBat3bV%%25' | base64`
        let r = RequestParts::builder()
            .header("Authorization", "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JWJTI1")
            .build()
            .unwrap();
        assert_eq!(r.basic().map(|b| b.secret().expose()), Some("gX1fBat3bV%"));
        // Parameters the crate does not read are the handler's to judge.
        assert!(RequestParts::builder()
            .form_body("scope=100%&client_id=a")
            .build()
            .is_ok());
    }

    #[test]
    fn only_credential_parameters_are_decoded() {
        // The crate reads the credential parameters; the others are the handler's to judge.
        let r = RequestParts::builder()
            .form_body("scope=%FF&client_id=x")
            .build()
            .unwrap();
        assert_eq!(r.client_id_param(), Some("x"));
        // A name is decoded to learn whether it is a credential parameter.
        let err = RequestParts::builder()
            .form_body("%FF=1&client_id=x")
            .build()
            .unwrap_err();
        assert_eq!(err, AuthError::MalformedBody(FormError::InvalidUtf8));
        // Percent-encoded names count as the parameter they decode to.
        let r = RequestParts::builder()
            .form_body("client%5Fid=x")
            .build()
            .unwrap();
        assert_eq!(r.client_id_param(), Some("x"));
    }

    #[test]
    fn credential_limits_accept_at_and_refuse_over() {
        let table: &[(&str, usize)] = &[
            ("client_id", MAX_CLIENT_ID_BYTES),
            ("client_secret", MAX_CLIENT_SECRET_BYTES),
            ("client_assertion", MAX_CLIENT_ASSERTION_BYTES),
            ("client_assertion_type", MAX_CLIENT_ASSERTION_TYPE_BYTES),
        ];
        for &(name, limit) in table {
            let at = format!("{name}={}", "a".repeat(limit));
            assert!(
                RequestParts::builder().form_body(&at).build().is_ok(),
                "{name}"
            );
            let over = format!("{name}={}", "a".repeat(limit + 1));
            assert_eq!(
                RequestParts::builder()
                    .form_body(&over)
                    .build()
                    .unwrap_err(),
                AuthError::ValueTooLarge { name, limit },
                "{name}"
            );
        }
    }

    #[test]
    fn body_and_value_limits() {
        let big = vec![b'a'; MAX_BODY_BYTES + 1];
        assert_eq!(
            RequestParts::builder().form_body(&big).build().unwrap_err(),
            AuthError::BodyTooLarge {
                limit: MAX_BODY_BYTES
            }
        );
        let ok = vec![b'a'; MAX_BODY_BYTES];
        assert!(RequestParts::builder().form_body(&ok).build().is_ok());

        let body = format!("client_secret={}", "s".repeat(MAX_CLIENT_SECRET_BYTES + 1));
        assert_eq!(
            RequestParts::builder()
                .form_body(&body)
                .build()
                .unwrap_err(),
            AuthError::ValueTooLarge {
                name: "client_secret",
                limit: MAX_CLIENT_SECRET_BYTES
            }
        );
        let body = format!("client_secret={}", "s".repeat(MAX_CLIENT_SECRET_BYTES));
        assert!(RequestParts::builder().form_body(&body).build().is_ok());

        let many = "a=b&".repeat(MAX_PARAMETERS + 1);
        assert_eq!(
            RequestParts::builder()
                .form_body(&many)
                .build()
                .unwrap_err(),
            AuthError::TooManyParameters {
                limit: MAX_PARAMETERS
            }
        );
        let enough = "a=b&".repeat(MAX_PARAMETERS);
        assert!(RequestParts::builder().form_body(&enough).build().is_ok());
    }
}
