//! [`RequestParts`]: the parts of an HTTP request that client authentication reads, parsed from
//! what every HTTP framework has — header pairs, the raw form body, the TLS client certificate.
//!
//! Everything here is untrusted. Sizes are bounded before anything is decoded (see the `MAX_*`
//! constants), a repeated credential parameter or `Authorization` header is refused rather than
//! resolved by "last wins", and no input can make the parser panic.

use std::borrow::Cow;
use std::fmt;

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use percent_encoding::percent_decode;

use crate::assertion::form::ClientAssertion;
use crate::error::AuthError;
use crate::metadata::Endpoint;
use crate::secret::ClientSecret;

/// The largest form body read: 64 KiB. A token request is a few hundred bytes; pushed
/// authorization requests (RFC 9126) carrying a request object are the largest legitimate
/// bodies, and stay well below this.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// The most form parameters read from one body.
pub const MAX_PARAMETERS: usize = 256;
/// The longest `Authorization` header value: 8 KiB, the common default header limit of HTTP
/// servers.
pub const MAX_AUTHORIZATION_BYTES: usize = 8 * 1024;
/// The longest `client_id`, decoded: 2 KiB (URL client identifiers included).
pub const MAX_CLIENT_ID_BYTES: usize = 2 * 1024;
/// The longest `client_secret`, decoded: 1 KiB.
pub const MAX_CLIENT_SECRET_BYTES: usize = 1024;
/// The longest `client_assertion`: 8 KiB, generous for a compact JWS with an RSA-4096
/// signature and ordinary claims.
pub const MAX_CLIENT_ASSERTION_BYTES: usize = 8 * 1024;
/// The longest `client_assertion_type`.
pub const MAX_CLIENT_ASSERTION_TYPE_BYTES: usize = 256;
/// The longest client certificate input (PEM, URL-encoded PEM, base64 or DER): 16 KiB.
pub const MAX_CERTIFICATE_BYTES: usize = 16 * 1024;
/// The most intermediate certificates read from a presented chain.
pub const MAX_CHAIN_CERTIFICATES: usize = 8;

/// Why a form body does not decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormError {
    /// A name or value is not UTF-8 after percent-decoding.
    #[error("a name or value is not UTF-8 after percent-decoding")]
    InvalidUtf8,
    /// A `%` is not followed by two hexadecimal digits.
    #[error("a '%' is not followed by two hexadecimal digits")]
    InvalidPercentEncoding,
}

/// Why `Authorization: Basic` credentials are malformed (RFC 7617 §2, RFC 6749 §2.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BasicFormatError {
    /// The scheme is not followed by credentials.
    #[error("no credentials follow the Basic scheme")]
    MissingCredentials,
    /// The credentials are not Base64 (RFC 4648 §4).
    #[error("the credentials are not Base64")]
    NotBase64,
    /// The decoded credentials hold no `:` between the id and the secret.
    #[error("the decoded credentials hold no ':'")]
    MissingColon,
    /// The id or the secret is not UTF-8, before or after form-urlencoded decoding.
    #[error("the id or secret is not UTF-8")]
    NotUtf8,
    /// In the id or the secret, a `%` is not followed by two hexadecimal digits.
    #[error("the id or secret holds a '%' not followed by two hexadecimal digits")]
    InvalidPercentEncoding,
    /// The client id is empty.
    #[error("the client id is empty")]
    EmptyClientId,
    /// The id or the secret is longer than its limit.
    #[error("the id or secret is too long")]
    TooLong,
}

impl From<FormError> for BasicFormatError {
    fn from(e: FormError) -> Self {
        match e {
            FormError::InvalidUtf8 => Self::NotUtf8,
            FormError::InvalidPercentEncoding => Self::InvalidPercentEncoding,
        }
    }
}

/// A client certificate as the server received it.
///
/// Textual forms (PEM, URL-encoded PEM from nginx `$ssl_client_escaped_cert`, PEM folded with
/// tab-led lines from nginx `$ssl_client_cert`, base64 DER, RFC 9440 `:BASE64:`) are detected
/// when the request is judged; see [`crate::CertificateForm`]. Each is decoded strictly to the
/// DER of exactly one certificate, and one that does not decode refuses the request with
/// [`AuthError::MalformedCertificate`].
///
/// # Behind a TLS-terminating proxy
///
/// Read the certificate from the header your proxy sets with
/// [`CertificateInput::from_proxy_header`]. **The proxy must remove that header from every
/// client request before it sets its own**, or a client can send any certificate it likes
/// in it and authenticate as whoever registered that certificate. nginx's `proxy_set_header`
/// does replace a client's header of the same name, and sends it empty (so, not at all) when
/// no certificate was presented; check what your proxy does. Then make sure only the proxy can
/// reach the server.
#[derive(Clone, PartialEq, Eq)]
pub enum CertificateInput {
    /// DER bytes, as a TLS library hands them over.
    Der(Vec<u8>),
    /// A textual form, as a reverse proxy forwards it in a header.
    Text(String),
}

impl fmt::Debug for CertificateInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Der(d) => write!(f, "CertificateInput::Der({} bytes)", d.len()),
            Self::Text(t) => write!(f, "CertificateInput::Text({} bytes)", t.len()),
        }
    }
}

impl CertificateInput {
    /// The client certificate in the value of a header that a TLS-terminating proxy sets, such
    /// as nginx's `proxy_set_header X-Ssl-Cert $ssl_client_escaped_cert;` or an RFC 9440
    /// `Client-Cert` header. Any of the textual forms is accepted.
    ///
    /// Returns `None` when the value is empty or only whitespace: nginx sends an empty value
    /// when the client presented no certificate. A value that is not UTF-8 is kept (lossily)
    /// so that authentication refuses it as a malformed certificate rather than ignoring it.
    ///
    /// The proxy must strip this header from client requests; see [`CertificateInput`].
    pub fn from_proxy_header(value: &[u8]) -> Option<Self> {
        let value = value.trim_ascii();
        if value.is_empty() {
            return None;
        }
        Some(Self::Text(String::from_utf8_lossy(value).into_owned()))
    }

    /// The intermediate certificates in the value of an RFC 9440 `Client-Cert-Chain` header: a
    /// comma-separated list of byte sequences (RFC 8941 §3.1). An empty value is an empty
    /// chain. Pass each to [`RequestPartsBuilder::client_certificate_chain_entry`].
    ///
    /// The proxy must strip this header from client requests; see [`CertificateInput`].
    pub fn chain_from_proxy_header(value: &[u8]) -> Vec<Self> {
        value
            .split(|&b| b == b',')
            .filter_map(Self::from_proxy_header)
            .collect()
    }

    fn len(&self) -> usize {
        match self {
            Self::Der(d) => d.len(),
            Self::Text(t) => t.len(),
        }
    }
}

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

/// The credential parameters of the form body (RFC 6749 §2.3.1, RFC 7521 §4.2).
#[derive(Clone, Default)]
struct CredentialParams {
    client_id: Option<String>,
    client_secret: Option<ClientSecret>,
    client_assertion: Option<String>,
    client_assertion_type: Option<String>,
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

/// The parts of a request that client authentication reads.
///
/// Build one with [`RequestParts::builder`]. Building parses and bounds the headers and the
/// body, so a `RequestParts` always holds well-formed credentials.
#[derive(Clone, Debug)]
pub struct RequestParts {
    basic: Option<BasicCredentials>,
    params: CredentialParams,
    /// The `client_assertion`, decoded once when the request is built (RFC 7515 §7.1), or why
    /// it does not decode. The error is reported when the request is authenticated, after the
    /// checks that come first (one method per request, the claimed client).
    assertion: Option<Result<ClientAssertion, AuthError>>,
    client_certificate: Option<CertificateInput>,
    client_certificate_chain: Vec<CertificateInput>,
    endpoint: Endpoint,
    now: Option<i64>,
}

impl RequestParts {
    /// Starts a request for the token endpoint, judged at the system clock's time.
    pub fn builder() -> RequestPartsBuilder {
        RequestPartsBuilder::default()
    }

    /// The `Authorization: Basic` credentials, if the request carried them.
    pub fn basic(&self) -> Option<&BasicCredentials> {
        self.basic.as_ref()
    }

    /// Whether the request used the Basic scheme, so that an `invalid_client` refusal must
    /// carry a `WWW-Authenticate` challenge (RFC 6749 §5.2).
    pub fn basic_attempted(&self) -> bool {
        self.basic.is_some()
    }

    /// The `client_id` body parameter.
    pub fn client_id_param(&self) -> Option<&str> {
        self.params.client_id.as_deref()
    }

    /// The `client_secret` body parameter.
    pub fn client_secret_param(&self) -> Option<&ClientSecret> {
        self.params.client_secret.as_ref()
    }

    /// The `client_assertion` body parameter.
    pub fn client_assertion(&self) -> Option<&str> {
        self.params.client_assertion.as_deref()
    }

    /// The `client_assertion_type` body parameter.
    pub fn client_assertion_type(&self) -> Option<&str> {
        self.params.client_assertion_type.as_deref()
    }

    /// The decoded `client_assertion`, or why it does not decode; `None` without one.
    pub(crate) fn decoded_assertion(&self) -> Option<Result<&ClientAssertion, &AuthError>> {
        self.assertion.as_ref().map(Result::as_ref)
    }

    /// The TLS client certificate, as received.
    pub fn client_certificate(&self) -> Option<&CertificateInput> {
        self.client_certificate.as_ref()
    }

    /// The intermediate certificates the client sent, as received.
    pub fn client_certificate_chain(&self) -> &[CertificateInput] {
        &self.client_certificate_chain
    }

    /// The endpoint called.
    pub fn endpoint(&self) -> Endpoint {
        self.endpoint
    }

    /// The injected time, Unix seconds, if one was set.
    pub fn now(&self) -> Option<i64> {
        self.now
    }
}

/// Builds a [`RequestParts`]; see [`RequestParts::builder`].
///
/// Each part is parsed as it is added, so no input is copied before it is bounded; the first
/// error is kept and returned by [`RequestPartsBuilder::build`].
#[derive(Clone, Debug, Default)]
pub struct RequestPartsBuilder {
    authorization_headers: usize,
    basic: Option<BasicCredentials>,
    params: CredentialParams,
    parameters: usize,
    client_certificate: Option<CertificateInput>,
    client_certificate_chain: Vec<CertificateInput>,
    endpoint: Endpoint,
    now: Option<i64>,
    error: Option<AuthError>,
}

impl RequestPartsBuilder {
    /// Adds a header. Names compare case-insensitively; only `Authorization` is read, and
    /// other headers are ignored.
    pub fn header(mut self, name: &str, value: impl AsRef<[u8]>) -> Self {
        if self.error.is_none() && name.eq_ignore_ascii_case("authorization") {
            self.authorization_headers += 1;
            // RFC 9110 §5.3: a field may appear more than once only when its value is a list;
            // `Authorization` holds one credential (RFC 9110 §11.6.2), and RFC 6749 §2.3
            // allows one method per request.
            if self.authorization_headers > 1 {
                self.error = Some(AuthError::RepeatedAuthorizationHeader);
            } else {
                match parse_authorization(value.as_ref()) {
                    Ok(basic) => self.basic = basic,
                    Err(e) => self.error = Some(e),
                }
            }
        }
        self
    }

    /// Adds the raw `application/x-www-form-urlencoded` body.
    pub fn form_body(mut self, body: impl AsRef<[u8]>) -> Self {
        if self.error.is_none() {
            if let Err(e) = self.read_form(body.as_ref()) {
                self.error = Some(e);
            }
        }
        self
    }

    /// Adds body parameters that a framework has already decoded. They are judged like
    /// decoded pairs of a raw body (and together with one, if both are given).
    pub fn form_pairs<I, K, V>(mut self, pairs: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: Into<String>,
    {
        for (name, value) in pairs {
            if self.error.is_some() {
                break;
            }
            if let Err(e) = self.count_parameter().and_then(|()| {
                match credential_slot(name.as_ref().as_bytes()) {
                    Some(slot) => self.params.set(slot, value.into()),
                    None => Ok(()),
                }
            }) {
                self.error = Some(e);
            }
        }
        self
    }

    /// Sets the TLS client certificate.
    pub fn client_certificate(mut self, certificate: CertificateInput) -> Self {
        if certificate.len() > MAX_CERTIFICATE_BYTES {
            self.error.get_or_insert(AuthError::ValueTooLarge {
                name: "client certificate",
                limit: MAX_CERTIFICATE_BYTES,
            });
        } else {
            self.client_certificate = Some(certificate);
        }
        self
    }

    /// Adds an intermediate certificate the client sent.
    pub fn client_certificate_chain_entry(mut self, certificate: CertificateInput) -> Self {
        if certificate.len() > MAX_CERTIFICATE_BYTES {
            self.error.get_or_insert(AuthError::ValueTooLarge {
                name: "client certificate",
                limit: MAX_CERTIFICATE_BYTES,
            });
        } else if self.client_certificate_chain.len() == MAX_CHAIN_CERTIFICATES {
            self.error.get_or_insert(AuthError::ValueTooLarge {
                name: "client certificate chain",
                limit: MAX_CHAIN_CERTIFICATES,
            });
        } else {
            self.client_certificate_chain.push(certificate);
        }
        self
    }

    /// Sets the endpoint called (default: the token endpoint).
    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = endpoint;
        self
    }

    /// Sets the time at which the request is judged, Unix seconds. Without it,
    /// [`crate::authenticate`] reads the system clock.
    pub fn now(mut self, unix_seconds: i64) -> Self {
        self.now = Some(unix_seconds);
        self
    }

    /// Returns the parsed request, or the first error met while parts were added.
    ///
    /// # Errors
    ///
    /// `invalid_request` errors: [`AuthError::BodyTooLarge`], [`AuthError::TooManyParameters`],
    /// [`AuthError::ValueTooLarge`], [`AuthError::MalformedBody`],
    /// [`AuthError::RepeatedParameter`], [`AuthError::RepeatedAuthorizationHeader`],
    /// [`AuthError::MalformedBasicCredentials`].
    pub fn build(self) -> Result<RequestParts, AuthError> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let assertion = self
            .params
            .client_assertion
            .as_deref()
            .map(ClientAssertion::parse);
        Ok(RequestParts {
            basic: self.basic,
            params: self.params,
            assertion,
            client_certificate: self.client_certificate,
            client_certificate_chain: self.client_certificate_chain,
            endpoint: self.endpoint,
            now: self.now,
        })
    }

    fn count_parameter(&mut self) -> Result<(), AuthError> {
        if self.parameters == MAX_PARAMETERS {
            return Err(AuthError::TooManyParameters {
                limit: MAX_PARAMETERS,
            });
        }
        self.parameters += 1;
        Ok(())
    }

    /// Reads an `application/x-www-form-urlencoded` body (WHATWG URL Standard §5.1): pairs
    /// split on `&`, name and value on the first `=`, `+` is a space, percent escapes are
    /// decoded (a `%` not followed by two hex digits stays as it is), and a decoded credential
    /// parameter that is not UTF-8 is an error. Only the credential parameters are decoded and
    /// kept; the others are counted and left to the caller.
    fn read_form(&mut self, body: &[u8]) -> Result<(), AuthError> {
        if body.len() > MAX_BODY_BYTES {
            return Err(AuthError::BodyTooLarge {
                limit: MAX_BODY_BYTES,
            });
        }
        for piece in form_pieces(body) {
            self.count_parameter()?;
            let (raw_name, raw_value) = match memchr::memchr(b'=', piece) {
                Some(i) => (
                    piece.get(..i).unwrap_or_default(),
                    piece.get(i + 1..).unwrap_or_default(),
                ),
                None => (piece, &[][..]),
            };
            // A name without escapes is its own decoding: compare its bytes as they are.
            let slot = if memchr::memchr2(b'+', b'%', raw_name).is_none() {
                credential_slot(raw_name)
            } else {
                credential_slot(
                    form_decode(raw_name)
                        .map_err(AuthError::MalformedBody)?
                        .as_bytes(),
                )
            };
            if let Some(slot) = slot {
                let value = form_decode(raw_value).map_err(AuthError::MalformedBody)?;
                self.params.set(slot, value.into_owned())?;
            }
        }
        Ok(())
    }
}

/// The non-empty `&`-separated pieces of a form body.
fn form_pieces(body: &[u8]) -> impl Iterator<Item = &[u8]> {
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
enum Slot {
    Id,
    Secret,
    Assertion,
    AssertionType,
}

fn credential_slot(name: &[u8]) -> Option<Slot> {
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
    fn set(&mut self, slot: Slot, value: String) -> Result<(), AuthError> {
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
    // RFC 3986 §2.1, RFC 6749 Appendix B: a '%' begins a percent-encoded octet, two
    // hexadecimal digits; anything else makes the component malformed (not taken literally).
    for at in memchr::memchr_iter(b'%', raw) {
        let digits = raw.get(at + 1..at + 3).unwrap_or_default();
        if digits.len() != 2 || !digits.iter().all(u8::is_ascii_hexdigit) {
            return Err(FormError::InvalidPercentEncoding);
        }
    }
    let plus_as_space: Vec<u8> = raw
        .iter()
        .map(|&b| if b == b'+' { b' ' } else { b })
        .collect();
    let bytes: Vec<u8> = percent_decode(&plus_as_space).collect();
    String::from_utf8(bytes)
        .map(Cow::Owned)
        .map_err(|_| FormError::InvalidUtf8)
}

/// Base64 of RFC 4648 §4 as Basic credentials use it; padding is accepted whether present or
/// not, since clients differ.
const BASIC_BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Reads an `Authorization` header value. Returns `None` for schemes other than Basic, which
/// are not client authentication (a DPoP or Bearer header belongs to something else).
fn parse_authorization(value: &[u8]) -> Result<Option<BasicCredentials>, AuthError> {
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

    fn basic(user_pass: &str) -> String {
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(user_pass)
        )
    }

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
    fn presented_chain_is_bounded() {
        let entry = || CertificateInput::Text("x".into());
        let mut b = RequestParts::builder();
        for _ in 0..MAX_CHAIN_CERTIFICATES {
            b = b.client_certificate_chain_entry(entry());
        }
        assert!(b.clone().build().is_ok());
        assert_eq!(
            b.client_certificate_chain_entry(entry())
                .build()
                .unwrap_err(),
            AuthError::ValueTooLarge {
                name: "client certificate chain",
                limit: MAX_CHAIN_CERTIFICATES
            }
        );
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

    #[test]
    fn certificate_input_is_bounded() {
        let big = CertificateInput::Text("A".repeat(MAX_CERTIFICATE_BYTES + 1));
        assert_eq!(
            RequestParts::builder()
                .client_certificate(big)
                .build()
                .unwrap_err(),
            AuthError::ValueTooLarge {
                name: "client certificate",
                limit: MAX_CERTIFICATE_BYTES
            }
        );
        let ok = CertificateInput::Text("A".repeat(MAX_CERTIFICATE_BYTES));
        assert!(RequestParts::builder()
            .client_certificate(ok)
            .build()
            .is_ok());
    }
}
