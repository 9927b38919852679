//! Failures of a client assertion's form and claims: the parts of a compact JWS, the claims
//! it must carry, the key headers never followed, and the audience rule.

use std::fmt;

/// A part of a compact JWS (RFC 7515 §7.1): `header.payload.signature`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JwsPart {
    /// The protected header.
    Header,
    /// The payload: the JWT claims set.
    Payload,
    /// The signature or MAC.
    Signature,
}

impl JwsPart {
    /// A short name for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Header => "header",
            Self::Payload => "payload",
            Self::Signature => "signature",
        }
    }
}

impl fmt::Display for JwsPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a `client_assertion` is not a well-formed JWT in JWS compact serialization
/// (RFC 7515 §7.1, RFC 7519 §7.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum AssertionFormatError {
    /// It does not have three `.`-separated parts.
    #[error("it is not three base64url parts separated by '.'")]
    NotCompactJws,
    /// It has five parts: a JWE (RFC 7516 §7.1). Client assertions are signed, not encrypted.
    #[error("it is an encrypted JWT (JWE), not a signed one")]
    Encrypted,
    /// A part is not unpadded base64url (RFC 7515 §2).
    #[error("the {0} is not unpadded base64url")]
    NotBase64Url(JwsPart),
    /// The header or the payload is not a JSON object (RFC 7515 §4, RFC 7519 §7.2 item 10).
    #[error("the {0} is not a JSON object")]
    NotJsonObject(JwsPart),
    /// The decoded header or payload is not UTF-8 (RFC 7515 §5.2 step 3, RFC 7519 §7.2 steps
    /// 4 and 10: the whole of each must be "a UTF-8-encoded representation of a completely
    /// valid JSON object"), in any member, read by this crate or not.
    #[error("the {0} is not UTF-8")]
    NotUtf8(JwsPart),
    /// A string of the header or the claims set escapes a lone UTF-16 surrogate (`"\ud800"`),
    /// which stands for no character (RFC 8259 §8.2, RFC 7493 §2.1), in any member.
    #[error("the {0} escapes a lone UTF-16 surrogate")]
    LoneSurrogate(JwsPart),
    /// A member of the header or the claims set appears twice (RFC 7515 §5.2, RFC 7519 §4:
    /// duplicates are refused here rather than resolved by "last wins").
    #[error("a member of the {0} appears more than once")]
    RepeatedMember(JwsPart),
    /// The header has no `alg` (RFC 7515 §4.1.1: REQUIRED).
    #[error("the header has no alg")]
    MissingAlgorithm,
    /// A header member is not of the JSON type it must be: `alg` and `kid` are strings
    /// (RFC 7515 §4.1.1, §4.1.4).
    #[error("the header member {0} is not a string")]
    HeaderMemberNotString(&'static str),
}

/// A registered JWT claim a client assertion carries (RFC 7519 §4.1, RFC 7523 §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Claim {
    /// `iss`.
    Iss,
    /// `sub`.
    Sub,
    /// `aud`.
    Aud,
    /// `exp`.
    Exp,
    /// `nbf`.
    Nbf,
    /// `iat`.
    Iat,
    /// `jti`.
    Jti,
}

impl Claim {
    /// The claim name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Iss => "iss",
            Self::Sub => "sub",
            Self::Aud => "aud",
            Self::Exp => "exp",
            Self::Nbf => "nbf",
            Self::Iat => "iat",
            Self::Jti => "jti",
        }
    }
}

impl fmt::Display for Claim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A JWS header that would make the verifier fetch or trust a key the message itself names
/// (RFC 7515 §4.1.2–§4.1.6). The keys that verify a client assertion come from the client's
/// registration only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyHeader {
    /// `jku`: a URL of a JWK Set.
    Jku,
    /// `jwk`: an embedded public key.
    Jwk,
    /// `x5u`: a URL of a certificate chain.
    X5u,
    /// `x5c`: an embedded certificate chain.
    X5c,
}

impl KeyHeader {
    /// The header name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Jku => "jku",
            Self::Jwk => "jwk",
            Self::X5u => "x5u",
            Self::X5c => "x5c",
        }
    }
}

impl fmt::Display for KeyHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How an assertion's `aud` fails the server's `AssertionAudience` policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AudienceProblem {
    /// No value of `aud` identifies this server.
    NotThisServer,
    /// `aud` is the token endpoint URL or the URL of the endpoint called, which only the
    /// `issuer-or-endpoint` policy accepts (RFC 10070: the issuer alone; CVE-2025-27370).
    EndpointUrl,
    /// `aud` holds the issuer beside other audiences (RFC 10070: the issuer as the sole
    /// audience).
    MultipleAudiences,
    /// `aud` is an array, and the `issuer-string` policy takes a plain string only (OpenID
    /// Connect Core errata; FAPI 2.0).
    NotAString,
    /// `aud` is the URL of an endpoint other than the one that received the assertion, which
    /// the `issuer-or-called-endpoint` policy refuses (draft-ietf-oauth-security-topics-update).
    AnotherEndpointUrl,
}

impl AudienceProblem {
    /// A short explanation for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotThisServer => "it does not name this server",
            Self::EndpointUrl => {
                "it names an endpoint URL, which only the issuer-or-endpoint policy accepts"
            }
            Self::MultipleAudiences => "it names other audiences beside the issuer",
            Self::NotAString => "it is an array, and the issuer-string policy takes a string",
            Self::AnotherEndpointUrl => {
                "it names the URL of another endpoint than the one that received it"
            }
        }
    }
}

impl fmt::Display for AudienceProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
