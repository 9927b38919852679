//! `Authorization: Basic` client credentials (RFC 7617 §2, RFC 6749 §2.3.1): the id and the
//! secret, form-urlencoded before Base64 and decoded so.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;

use super::form::form_decode;
use super::limits::{MAX_AUTHORIZATION_BYTES, MAX_CLIENT_ID_BYTES, MAX_CLIENT_SECRET_BYTES};
use crate::wire::error::request::BasicFormatError;
use crate::wire::error::AuthError;
use crate::wire::secret::ClientSecret;

/// `Authorization: Basic` credentials, decoded per RFC 6749 §2.3.1.
#[derive(Clone, Debug)]
pub struct BasicCredentials {
    client_id: String,
    secret: ClientSecret,
    form_decoding_changed: bool,
}

impl BasicCredentials {
    /// The client id (the Basic user name), form-urlencoded decoded.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The secret (the Basic password), form-urlencoded decoded.
    pub fn secret(&self) -> &ClientSecret {
        &self.secret
    }

    /// Whether form-urlencoded decoding changed the id or the secret (they held `+` or a
    /// percent escape). A client that does not form-encode before Base64 fails when this is
    /// true.
    pub fn form_decoding_changed(&self) -> bool {
        self.form_decoding_changed
    }
}

/// Base64 of RFC 4648 §4 as Basic credentials use it; padding is accepted whether present or
/// not, since clients differ.
const BASIC_BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Reads an `Authorization` header value. Returns `None` for schemes other than Basic, which
/// are not client authentication (a DPoP or Bearer header belongs to something else).
pub(super) fn parse_authorization(value: &[u8]) -> Result<Option<BasicCredentials>, AuthError> {
    if value.len() > MAX_AUTHORIZATION_BYTES {
        return Err(AuthError::ValueTooLarge {
            name: "Authorization header",
            limit: MAX_AUTHORIZATION_BYTES,
        });
    }
    let value = value.trim_ascii();
    let (scheme, rest) = match value.iter().position(|&b| b == b' ') {
        Some(i) => (
            value.get(..i).unwrap_or_default(),
            value.get(i..).unwrap_or_default(),
        ),
        None => (value, &[][..]),
    };
    // RFC 7235 §2.1: the scheme name is case-insensitive.
    if !scheme.eq_ignore_ascii_case(b"basic") {
        return Ok(None);
    }
    let token = rest.trim_ascii_start();
    if token.is_empty() {
        return Err(AuthError::MalformedBasicCredentials(
            BasicFormatError::MissingCredentials,
        ));
    }
    parse_basic_token(token)
        .map(Some)
        .map_err(AuthError::MalformedBasicCredentials)
}

/// Decodes the token68 of a Basic header: Base64, then `id:secret`, then each side
/// form-urlencoded decoded (RFC 6749 §2.3.1: "The client identifier is encoded using the
/// application/x-www-form-urlencoded encoding algorithm ... and the encoded value is used as
/// the username; the client password is encoded using the same algorithm and used as the
/// password").
fn parse_basic_token(token: &[u8]) -> Result<BasicCredentials, BasicFormatError> {
    let mut decoded = BASIC_BASE64
        .decode(token)
        .map_err(|_| BasicFormatError::NotBase64)?;
    let colon = decoded
        .iter()
        .position(|&b| b == b':')
        .ok_or(BasicFormatError::MissingColon)?;
    let raw_id = decoded.get(..colon).unwrap_or_default();
    let client_id = form_decode(raw_id).map_err(BasicFormatError::from)?;
    let id_changed = client_id.as_bytes() != raw_id;
    let client_id = client_id.into_owned();
    if client_id.is_empty() {
        return Err(BasicFormatError::EmptyClientId);
    }
    // The secret reuses the decoded buffer: drop the id and the colon.
    decoded.drain(..=colon);
    let (secret, secret_changed) = if memchr::memchr2(b'+', b'%', &decoded).is_none() {
        // Nothing to decode: the buffer becomes the secret once it is known to be UTF-8.
        (
            String::from_utf8(decoded).map_err(|_| BasicFormatError::NotUtf8)?,
            false,
        )
    } else {
        let s = form_decode(&decoded)
            .map_err(BasicFormatError::from)?
            .into_owned();
        let changed = s.as_bytes() != decoded.as_slice();
        (s, changed)
    };
    if client_id.len() > MAX_CLIENT_ID_BYTES || secret.len() > MAX_CLIENT_SECRET_BYTES {
        return Err(BasicFormatError::TooLong);
    }
    Ok(BasicCredentials {
        client_id,
        secret: ClientSecret::new(secret),
        form_decoding_changed: id_changed || secret_changed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::error::request::BasicFormatError;
    use crate::wire::error::AuthError;

    use crate::wire::request::parts::RequestParts;

    fn basic(user_pass: &str) -> String {
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(user_pass)
        )
    }

    #[test]
    fn authorization_header_limit_accepts_at_and_refuses_over() {
        // "Basic " plus Base64 of "id:" and a secret, padded with spaces to exactly the limit.
        let value = basic("id:secret");
        let at = format!(
            "{value}{}",
            " ".repeat(MAX_AUTHORIZATION_BYTES - value.len())
        );
        assert!(RequestParts::builder()
            .header("Authorization", &at)
            .build()
            .is_ok());
        let over = format!("{at} ");
        assert_eq!(
            RequestParts::builder()
                .header("Authorization", over)
                .build()
                .unwrap_err(),
            AuthError::ValueTooLarge {
                name: "Authorization header",
                limit: MAX_AUTHORIZATION_BYTES
            }
        );
    }

    #[test]
    fn basic_id_or_secret_over_their_limits_is_malformed() {
        let long_secret = format!("id:{}", "s".repeat(MAX_CLIENT_SECRET_BYTES + 1));
        assert_eq!(
            RequestParts::builder()
                .header("Authorization", basic(&long_secret))
                .build()
                .unwrap_err(),
            AuthError::MalformedBasicCredentials(BasicFormatError::TooLong)
        );
        let long_id = format!("{}:s", "i".repeat(MAX_CLIENT_ID_BYTES + 1));
        assert_eq!(
            RequestParts::builder()
                .header("Authorization", basic(&long_id))
                .build()
                .unwrap_err(),
            AuthError::MalformedBasicCredentials(BasicFormatError::TooLong)
        );
        let at = format!(
            "{}:{}",
            "i".repeat(MAX_CLIENT_ID_BYTES),
            "s".repeat(MAX_CLIENT_SECRET_BYTES)
        );
        assert!(RequestParts::builder()
            .header("Authorization", basic(&at))
            .build()
            .is_ok());
    }

    #[test]
    fn basic_credentials_are_form_decoded() {
        // RFC 6749 §2.3.1: id and secret are form-urlencoded before Base64.
        let r = RequestParts::builder()
            .header("Authorization", basic("my%20client:p%2Bss%3Aw+rd"))
            .build()
            .unwrap();
        let b = r.basic().unwrap();
        assert_eq!(b.client_id(), "my client");
        assert_eq!(b.secret().expose(), "p+ss:w rd");
        assert!(b.form_decoding_changed());

        let r = RequestParts::builder()
            .header("authorization", basic("s6BhdRkqt3:gX1fBat3bV"))
            .build()
            .unwrap();
        assert!(!r.basic().unwrap().form_decoding_changed());
        assert!(r.basic_attempted());
    }

    #[test]
    fn basic_scheme_is_case_insensitive() {
        // RFC 7235 §2.1.
        for scheme in ["Basic", "basic", "BASIC", "bAsIc"] {
            let value = format!("{scheme}   czZCaGRSa3F0MzpnWDFmQmF0M2JW");
            let r = RequestParts::builder()
                .header("Authorization", &value)
                .build()
                .unwrap();
            assert_eq!(r.basic().unwrap().client_id(), "s6BhdRkqt3", "{scheme}");
        }
    }

    #[test]
    fn other_schemes_are_not_client_authentication() {
        let r = RequestParts::builder()
            .header("Authorization", "Bearer abc")
            .build()
            .unwrap();
        assert!(r.basic().is_none());
        assert!(!r.basic_attempted());
        // "Basicx" is another scheme, not Basic.
        let r = RequestParts::builder()
            .header("Authorization", "Basicx abc")
            .build()
            .unwrap();
        assert!(r.basic().is_none());
    }

    #[test]
    fn malformed_basic_table() {
        let table: &[(&str, BasicFormatError)] = &[
            ("Basic", BasicFormatError::MissingCredentials),
            ("Basic    ", BasicFormatError::MissingCredentials),
            ("Basic !!!!", BasicFormatError::NotBase64),
            (
                // "nocolon"
                "Basic bm9jb2xvbg==",
                BasicFormatError::MissingColon,
            ),
            (
                // ":secret"
                "Basic OnNlY3JldA==",
                BasicFormatError::EmptyClientId,
            ),
            (
                // "id:%FF"
                "Basic aWQ6JUZG",
                BasicFormatError::NotUtf8,
            ),
        ];
        for (value, want) in table {
            let err = RequestParts::builder()
                .header("Authorization", value)
                .build()
                .unwrap_err();
            assert_eq!(err, AuthError::MalformedBasicCredentials(*want), "{value}");
            assert_eq!(err.status(), 400);
        }
    }

    #[test]
    fn basic_without_padding_is_accepted() {
        let r = RequestParts::builder()
            .header("Authorization", "Basic YTpi")
            .build()
            .unwrap();
        assert_eq!(r.basic().unwrap().client_id(), "a");
        let r = RequestParts::builder()
            .header("Authorization", "Basic YTpiYw")
            .build()
            .unwrap();
        assert_eq!(r.basic().unwrap().secret().expose(), "bc");
    }

    #[test]
    fn repeated_authorization_header_is_invalid_request() {
        let err = RequestParts::builder()
            .header("Authorization", basic("a:b"))
            .header("AUTHORIZATION", basic("a:b"))
            .build()
            .unwrap_err();
        assert_eq!(err, AuthError::RepeatedAuthorizationHeader);
        assert!(RequestParts::builder()
            .header("Authorization", basic("a:b"))
            .header("X-Other", "1")
            .build()
            .is_ok());
    }
}
