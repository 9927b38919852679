//! Failures of certificates: a presented certificate that does not decode, a certification
//! path that does not validate, a registered subject DN that is not an RFC 4514 string.

use std::fmt;

use crate::wire::limits::{MAX_RDN_ATTRIBUTES, MAX_SUBJECT_DN_BYTES, MAX_SUBJECT_DN_RDNS};

/// The form in which a client certificate reached the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CertificateForm {
    /// DER bytes, as a TLS library hands them over.
    Der,
    /// PEM (RFC 7468).
    Pem,
    /// PEM, percent-encoded (nginx `$ssl_client_escaped_cert`).
    UrlEncodedPem,
    /// PEM with every line after the first led by a tab (nginx `$ssl_client_cert`), or with its
    /// line breaks replaced by spaces where an HTTP stack unfolded that header.
    FoldedPem,
    /// Base64 of the DER (RFC 4648 §4), without PEM boundaries.
    Base64Der,
    /// Base64 of the DER, percent-encoded (Traefik).
    UrlEncodedBase64Der,
    /// An RFC 8941 byte sequence, `:` Base64 `:`, as in the RFC 9440 `Client-Cert` header.
    ByteSequence,
    /// Envoy's `x-forwarded-client-cert`: the URL-encoded PEM `Cert` of its first element.
    Xfcc,
}

impl CertificateForm {
    /// A short name for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Der => "DER",
            Self::Pem => "PEM",
            Self::UrlEncodedPem => "URL-encoded PEM",
            Self::FoldedPem => "folded PEM",
            Self::Base64Der => "base64 DER",
            Self::UrlEncodedBase64Der => "URL-encoded base64 DER",
            Self::ByteSequence => "RFC 9440 byte sequence",
            Self::Xfcc => "x-forwarded-client-cert",
        }
    }
}

impl fmt::Display for CertificateForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a certificate does not decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum CertificateFormatError {
    /// The input is empty or only whitespace.
    #[error("the certificate input is empty")]
    Empty,
    /// An `x-forwarded-client-cert` header whose first element has no single `Cert`, or
    /// whose quoting is broken.
    #[error("the x-forwarded-client-cert header has no single Cert in its first element")]
    Xfcc,
    /// The text is none of the known forms.
    #[error("the certificate is in no known form")]
    UnrecognizedForm,
    /// A percent escape is not `%` and two hex digits, or the decoded text is not ASCII
    /// (RFC 3986 §2.1).
    #[error("the percent-encoding is invalid")]
    PercentEncoding,
    /// The PEM text does not follow the RFC 7468 strict grammar, or its Base64 is invalid.
    #[error("the PEM text is invalid (RFC 7468)")]
    Pem,
    /// The PEM label is not `CERTIFICATE` (RFC 7468 §5.1).
    #[error("the PEM label is not CERTIFICATE (RFC 7468 §5.1)")]
    PemLabel,
    /// The input holds more than one certificate where one was expected.
    #[error("the input holds more than one certificate")]
    MultipleCertificates,
    /// The Base64 is invalid (RFC 4648 §4), or a byte sequence is not `:` Base64 `:`
    /// (RFC 8941 §3.3.5).
    #[error("the Base64 is invalid (RFC 4648 §4)")]
    Base64,
    /// The DER is not an X.509 certificate (RFC 5280 §4.1, X.690 DER).
    #[error("the DER is not an X.509 certificate (RFC 5280 §4.1)")]
    Der,
    /// Bytes follow the certificate's DER.
    #[error("bytes follow the certificate's DER")]
    TrailingData,
    /// An extension the check needs (subjectAltName) is malformed or repeated (RFC 5280 §4.2).
    #[error("an extension is malformed or repeated (RFC 5280 §4.2)")]
    Extension,
}

/// Why a certification path is invalid, beyond expiry, an unknown issuer and a missing
/// client-authentication usage, which [`AuthError`](crate::AuthError) names on their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CertificatePathError {
    /// A signature on the path does not verify (RFC 5280 §6.1.3 (a)(1)).
    BadSignature,
    /// A signature algorithm or key on the path is not supported.
    UnsupportedSignatureAlgorithm,
    /// The client certificate is a CA certificate (RFC 5280 §4.2.1.9).
    CaUsedAsEndEntity,
    /// An intermediate is not a CA certificate (RFC 5280 §6.1.4 (k)).
    EndEntityUsedAsCa,
    /// A path length constraint is violated, or the path is too long (RFC 5280 §4.2.1.9).
    PathTooLong,
    /// A name constraint is violated (RFC 5280 §4.2.1.10).
    NameConstraints,
    /// A critical extension is not understood (RFC 5280 §4.2).
    UnsupportedCriticalExtension,
    /// A certificate on the path is malformed for path validation.
    Malformed,
    /// Path building exceeded its budget.
    TooComplex,
    /// An issuer on the path (an intermediate, or the trust anchor's certificate) has a
    /// keyUsage extension that does not allow `keyCertSign` (RFC 5280 §4.2.1.3, §6.1.4 (n)).
    IssuerLacksKeyCertSign,
    /// The client certificate has a keyUsage extension that does not allow
    /// `digitalSignature`, with which a TLS client signs (RFC 5280 §4.2.1.3, RFC 8446
    /// §4.4.2.4, RFC 5246 §7.4.8).
    ClientLacksDigitalSignature,
    /// Another reason.
    Other,
}

impl fmt::Display for CertificatePathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::BadSignature => "a signature does not verify",
            Self::UnsupportedSignatureAlgorithm => "unsupported signature algorithm or key",
            Self::CaUsedAsEndEntity => "the client certificate is a CA certificate",
            Self::EndEntityUsedAsCa => "an intermediate is not a CA certificate",
            Self::PathTooLong => "the path is too long for its constraints",
            Self::NameConstraints => "a name constraint is violated",
            Self::UnsupportedCriticalExtension => "a critical extension is not understood",
            Self::Malformed => "a certificate is malformed",
            Self::TooComplex => "path building exceeded its budget",
            Self::IssuerLacksKeyCertSign => "an issuer's keyUsage does not allow keyCertSign",
            Self::ClientLacksDigitalSignature => {
                "the client certificate's keyUsage does not allow digitalSignature"
            }
            Self::Other => "the path is invalid",
        })
    }
}

/// Why a registered `tls_client_auth_subject_dn` is not an RFC 4514 string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{kind} at byte {offset}")]
pub struct DnSyntaxError {
    /// The byte offset in the string where the problem starts.
    pub offset: usize,
    /// What is wrong there.
    pub kind: DnSyntaxErrorKind,
}

/// What is wrong with an RFC 4514 string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DnSyntaxErrorKind {
    /// The string is empty: the empty name matches every certificate that has no subject.
    EmptyName,
    /// An attribute type (a short name or a dotted OID) was expected (RFC 4514 §3).
    ExpectedAttributeType,
    /// The short name is not one this crate knows; write the type as a dotted OID.
    UnknownAttributeType,
    /// The dotted OID is malformed (RFC 4512 §1.4 `numericoid`: at least two arcs, no leading
    /// zeros).
    InvalidOid,
    /// An `=` was expected after the attribute type.
    ExpectedEquals,
    /// A `,` or `+` was expected after a value.
    ExpectedSeparator,
    /// A `\` is not followed by a special character or two hex digits (RFC 4514 §3 `pair`).
    InvalidEscape,
    /// One of `"`, `;`, `<`, `>` or NUL appears unescaped (RFC 4514 §3 `stringchar`).
    UnescapedSpecialCharacter,
    /// A value starts or ends with an unescaped space (RFC 4514 §3 `leadchar`, `trailchar`).
    UnescapedSpace,
    /// A `#` value is not hex pairs of one DER-encoded ASN.1 value (RFC 4514 §2.4).
    InvalidHexValue,
    /// The escaped bytes of a value are not UTF-8 (RFC 4514 §3).
    NotUtf8,
    /// A value holds a character RFC 4518 §2.4 prohibits (private use, non-character,
    /// U+FFFD).
    ProhibitedCharacter,
    /// Two values of one attribute type in one RDN (X.501 §9.3: one value per type).
    DuplicateAttributeType,
    /// A value holds a control character (U+0000–U+001F, U+007F–U+009F, tab and line breaks
    /// included), a Unicode `Default_Ignorable_Code_Point` (soft hyphen, zero-width space,
    /// bidirectional controls, …), or another character RFC 4518 §2.2 would delete. Deleted,
    /// it would let a certificate naming someone else match (crate policy); a certificate's
    /// value holding one matches nothing.
    InvisibleCharacter,
    /// The string is longer than [`MAX_SUBJECT_DN_BYTES`]; the offset is that limit.
    TooLong,
    /// The name has more than [`MAX_SUBJECT_DN_RDNS`] RDNs; the offset is where the next one
    /// starts.
    TooManyRdns,
    /// An RDN has more than [`MAX_RDN_ATTRIBUTES`] values; the offset is where the next one
    /// starts.
    TooManyAttributes,
}

impl fmt::Display for DnSyntaxErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::EmptyName => "the name is empty",
            Self::ExpectedAttributeType => "an attribute type was expected",
            Self::UnknownAttributeType => "unknown attribute type name (use a dotted OID)",
            Self::InvalidOid => "malformed dotted OID",
            Self::ExpectedEquals => "'=' was expected",
            Self::ExpectedSeparator => "',' or '+' was expected",
            Self::InvalidEscape => "invalid escape",
            Self::UnescapedSpecialCharacter => "unescaped special character",
            Self::UnescapedSpace => "unescaped leading or trailing space",
            Self::InvalidHexValue => "invalid #hex value",
            Self::NotUtf8 => "escaped bytes are not UTF-8",
            Self::ProhibitedCharacter => "prohibited character (RFC 4518 §2.4)",
            Self::DuplicateAttributeType => "attribute type repeated in one RDN",
            Self::InvisibleCharacter => "control or invisible character",
            Self::TooLong => return write!(f, "longer than {MAX_SUBJECT_DN_BYTES} bytes"),
            Self::TooManyRdns => return write!(f, "more than {MAX_SUBJECT_DN_RDNS} RDNs"),
            Self::TooManyAttributes => {
                return write!(f, "more than {MAX_RDN_ATTRIBUTES} values in one RDN")
            }
        })
    }
}
