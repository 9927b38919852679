//! The kinds of subjectAltName entry a `tls_client_auth` client may register (RFC 8705 §2.1.2).

use std::fmt;

/// The kind of subjectAltName entry a client registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SanKind {
    /// `dNSName`, registered as `tls_client_auth_san_dns`.
    Dns,
    /// `uniformResourceIdentifier`, registered as `tls_client_auth_san_uri`.
    Uri,
    /// `iPAddress`, registered as `tls_client_auth_san_ip`.
    Ip,
    /// `rfc822Name`, registered as `tls_client_auth_san_email`.
    Email,
}

impl SanKind {
    /// The client metadata parameter that registers this kind (RFC 8705 §2.1.2).
    pub fn metadata_name(self) -> &'static str {
        match self {
            Self::Dns => "tls_client_auth_san_dns",
            Self::Uri => "tls_client_auth_san_uri",
            Self::Ip => "tls_client_auth_san_ip",
            Self::Email => "tls_client_auth_san_email",
        }
    }

    /// The GeneralName choice of RFC 5280 §4.2.1.6.
    pub fn general_name(self) -> &'static str {
        match self {
            Self::Dns => "dNSName",
            Self::Uri => "uniformResourceIdentifier",
            Self::Ip => "iPAddress",
            Self::Email => "rfc822Name",
        }
    }

    /// What a registered value of this kind must be.
    pub(crate) fn requirement(self) -> &'static str {
        match self {
            Self::Dns => "a non-empty ASCII DNS name",
            Self::Uri => "a non-empty ASCII URI",
            Self::Ip => "an IPv4 or IPv6 address",
            Self::Email => "an ASCII address local@domain",
        }
    }
}

impl fmt::Display for SanKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.general_name())
    }
}
