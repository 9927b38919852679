//! Failures of SPIFFE client authentication (draft-ietf-oauth-spiffe-client-auth-02): a SPIFFE
//! ID that does not parse (SPIFFE-ID §2), and an X.509-SVID that is not a leaf SVID
//! (X509-SVID §2, §4, §5.2).

use std::fmt;

/// Why a SPIFFE ID does not parse (SPIFFE-ID §2). Names the rule, never the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SpiffeIdProblem {
    /// Longer than 2048 bytes (SPIFFE-ID §2.3).
    #[error("it is longer than 2048 bytes")]
    TooLong,
    /// It does not begin with `spiffe://` (SPIFFE-ID §2: the scheme is `spiffe`, lowercase).
    #[error("it does not begin with spiffe://")]
    Scheme,
    /// The trust domain is empty (SPIFFE-ID §2.1).
    #[error("the trust domain is empty")]
    EmptyTrustDomain,
    /// The trust domain is longer than 255 bytes (SPIFFE-ID §2.3: the URI host's limit).
    #[error("the trust domain is longer than 255 bytes")]
    TrustDomainTooLong,
    /// The trust domain holds a character other than lowercase letters, digits, `.`, `-` and
    /// `_` (SPIFFE-ID §2.1).
    #[error("the trust domain holds a character other than a-z, 0-9, '.', '-', '_'")]
    TrustDomainCharacter,
    /// The authority holds a port or userinfo (SPIFFE-ID §2.1).
    #[error("it holds a port or userinfo")]
    PortOrUserinfo,
    /// It holds a query or a fragment (SPIFFE-ID §2).
    #[error("it holds a query or a fragment")]
    QueryOrFragment,
    /// A path segment holds a character other than letters, digits, `.`, `-` and `_`
    /// (SPIFFE-ID §2.2; percent-encoding included).
    #[error("a path segment holds a character other than A-Z, a-z, 0-9, '.', '-', '_'")]
    PathCharacter,
    /// A path segment is empty: `//`, or a trailing `/` (SPIFFE-ID §2.2).
    #[error("a path segment is empty, or the path ends with '/'")]
    EmptySegment,
    /// A path segment is `.` or `..` (SPIFFE-ID §2.2).
    #[error("a path segment is '.' or '..'")]
    DotSegment,
    /// It names a trust domain only, where a workload is required (X509-SVID §3.1, §5.2: a
    /// leaf SVID's SPIFFE ID has a non-root path).
    #[error("it has no path: it names a trust domain, not a workload")]
    NoPath,
    /// A registered `spiffe_id` with `*` anywhere but a final `/*`
    /// (draft-ietf-oauth-spiffe-client-auth-02 §5.1).
    #[error("a wildcard may only be a final \"/*\"")]
    Wildcard,
}

/// Why an X.509 certificate is not a leaf X.509-SVID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum X509SvidProblem {
    /// Not exactly one URI subjectAltName entry (X509-SVID §2, §5.2;
    /// draft-ietf-oauth-spiffe-client-auth-02 §3.2 item 2).
    #[error("it has {found} URI subjectAltName entries, not exactly one")]
    UriSanCount {
        /// How many it has.
        found: usize,
    },
    /// Basic constraints say `cA` true: a signing certificate, not a leaf (X509-SVID §4.1,
    /// §5.2; draft §3.2 item 3).
    #[error("it is a CA certificate (basicConstraints cA true)")]
    CertificateAuthority,
    /// No keyUsage extension (X509-SVID §4.3: "MUST be set on all SVIDs").
    #[error("it has no keyUsage extension")]
    KeyUsageMissing,
    /// keyUsage without `digitalSignature` (X509-SVID §4.3; draft §3.2 item 4).
    #[error("its keyUsage does not include digitalSignature")]
    NoDigitalSignature,
    /// keyUsage with `keyCertSign` or `cRLSign` (X509-SVID §4.3, §5.2).
    #[error("its keyUsage includes keyCertSign or cRLSign")]
    SigningKeyUsage,
    /// An extension it needs does not parse.
    #[error("its subjectAltName, basicConstraints or keyUsage extension does not parse")]
    MalformedExtension,
}

/// The kind of SVID a refusal is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SvidKind {
    /// An X.509-SVID (`spiffe_x509`).
    X509,
    /// A JWT-SVID (`spiffe_jwt`).
    Jwt,
    /// A WIT-SVID (`spiffe_wit`).
    Wit,
}

impl SvidKind {
    /// The bundle member that holds this kind's keys.
    pub fn bundle_member(self) -> &'static str {
        match self {
            Self::X509 => "X.509 authorities",
            Self::Jwt => "JWT-SVID keys",
            Self::Wit => "WIT-SVID keys",
        }
    }
}

impl fmt::Display for SvidKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::X509 => "X.509-SVID",
            Self::Jwt => "JWT-SVID",
            Self::Wit => "WIT-SVID",
        })
    }
}
