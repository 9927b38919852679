//! Failures of the request's form: the body, the `Authorization` header and its Basic
//! credentials, and which credentials the request carries (RFC 6749 §2.3, §3.2; RFC 7617).

use std::fmt;

/// The kinds of client credential a request can carry. More than one in one request is refused
/// (RFC 6749 §2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CredentialKind {
    /// An `Authorization: Basic` header (`client_secret_basic`).
    BasicHeader,
    /// A `client_secret` body parameter (`client_secret_post`).
    SecretParameter,
    /// A `client_assertion` / `client_assertion_type` pair (`client_secret_jwt`,
    /// `private_key_jwt`).
    Assertion,
    /// A `client_assertion` whose `client_assertion_type` is
    /// `urn:ietf:params:oauth:client-assertion-type:jwt-spiffe`: a JWT-SVID (`spiffe_jwt`,
    /// draft-ietf-oauth-spiffe-client-auth-02 §3.1).
    SpiffeAssertion,
    /// The `OAuth-Client-Attestation` and `OAuth-Client-Attestation-PoP` headers
    /// (`attest_jwt_client_auth`; `spiffe_wit`, draft-ietf-oauth-spiffe-client-auth-02 §3.3).
    Attestation,
    /// No credential beyond the `client_id` (and perhaps a TLS client certificate): `none`,
    /// `tls_client_auth`, `self_signed_tls_client_auth`, `spiffe_x509`.
    ClientIdOnly,
}

impl CredentialKind {
    /// A short name for logs and descriptions.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BasicHeader => "HTTP Basic authorization header",
            Self::SecretParameter => "client_secret parameter",
            Self::Assertion => "client assertion",
            Self::SpiffeAssertion => "JWT-SVID client assertion",
            Self::Attestation => "client attestation headers",
            Self::ClientIdOnly => "client_id only",
        }
    }
}

impl fmt::Display for CredentialKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the log says after "the client secret does not match" when form-urlencoded decoding
/// changed the presented Basic credentials (RFC 6749 §2.3.1).
pub(crate) fn decoding_note(credentials_were_form_decoded: bool) -> &'static str {
    if credentials_were_form_decoded {
        " (the Basic credentials held '+' or '%' and changed when form-urlencoded decoding was \
         applied, RFC 6749 §2.3.1; the client may not form-encode them)"
    } else {
        ""
    }
}

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
