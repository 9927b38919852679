//! `tls_client_auth_san_dns`, `_san_uri`, `_san_ip` and `_san_email` (RFC 8705 §2.1.2): the
//! registered value, parsed once, and its comparison with the entries of the certificate's
//! subjectAltName extension (RFC 5280 §4.2.1.6). Any entry of the registered type may match.
//!
//! | registered | SAN entry | comparison |
//! |---|---|---|
//! | `tls_client_auth_san_dns` | `dNSName` | ASCII case-insensitive (RFC 4343 §3; RFC 5280 §7.2 keeps names as A-labels). A wildcard entry matches only the same wildcard text. |
//! | `tls_client_auth_san_uri` | `uniformResourceIdentifier` | exact |
//! | `tls_client_auth_san_ip` | `iPAddress` | the address bytes (4 or 16, RFC 5280 §4.2.1.6), after parsing the registered text, so `2001:db8::1` equals `2001:0db8:0:0:0:0:0:1` (RFC 5952 §8). An IPv4-mapped IPv6 address is another address than the IPv4 one. |
//! | `tls_client_auth_san_email` | `rfc822Name` | local part exact, domain case-insensitive (RFC 5280 §7.5) |

use std::fmt;
use std::net::IpAddr;

use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::SubjectAltName;

use crate::cert::{CertificateFormatError, ClientCertificate};
use crate::error::{AuthError, MetadataError};

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

/// A registered subjectAltName value, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RegisteredSan {
    Dns(String),
    Uri(String),
    Ip(IpAddr),
    Email { local: String, domain: String },
}

impl RegisteredSan {
    /// Parses the registered value of a kind.
    pub(crate) fn parse(kind: SanKind, value: &str) -> Result<Self, MetadataError> {
        let invalid = MetadataError::InvalidSubjectAltName { kind };
        // RFC 5280 §4.2.1.6: these entries are IA5String, so the registered text must be ASCII.
        if value.is_empty() || (kind != SanKind::Ip && !value.is_ascii()) {
            return Err(invalid);
        }
        Ok(match kind {
            SanKind::Dns => Self::Dns(value.to_owned()),
            SanKind::Uri => Self::Uri(value.to_owned()),
            // The standard library parses dotted-quad IPv4 (no leading zeros) and RFC 4291 §2.2
            // IPv6 text, without zone identifiers.
            SanKind::Ip => Self::Ip(value.parse().map_err(|_| invalid)?),
            SanKind::Email => {
                let (local, domain) = value.rsplit_once('@').ok_or(invalid.clone())?;
                if local.is_empty() || domain.is_empty() {
                    return Err(invalid);
                }
                Self::Email {
                    local: local.to_owned(),
                    domain: domain.to_owned(),
                }
            }
        })
    }

    /// The kind registered.
    pub(crate) fn kind(&self) -> SanKind {
        match self {
            Self::Dns(_) => SanKind::Dns,
            Self::Uri(_) => SanKind::Uri,
            Self::Ip(_) => SanKind::Ip,
            Self::Email { .. } => SanKind::Email,
        }
    }

    /// Whether one SAN entry of the registered kind equals the registered value. `None` when
    /// the entry is of another kind.
    fn matches(&self, entry: &GeneralName) -> Option<bool> {
        match (self, entry) {
            (Self::Dns(want), GeneralName::DnsName(got)) => {
                Some(got.as_str().eq_ignore_ascii_case(want))
            }
            (Self::Uri(want), GeneralName::UniformResourceIdentifier(got)) => {
                Some(got.as_str() == want)
            }
            (Self::Ip(want), GeneralName::IpAddress(got)) => Some(match want {
                IpAddr::V4(v4) => got.as_bytes() == v4.octets(),
                IpAddr::V6(v6) => got.as_bytes() == v6.octets(),
            }),
            (Self::Email { local, domain }, GeneralName::Rfc822Name(got)) => Some(
                got.as_str()
                    .rsplit_once('@')
                    .is_some_and(|(l, d)| l == local && d.eq_ignore_ascii_case(domain)),
            ),
            _ => None,
        }
    }

    /// RFC 8705 §2.1.2: the certificate must carry a subjectAltName entry of the registered
    /// type equal to the registered value.
    pub(crate) fn check(&self, certificate: &ClientCertificate<'_>) -> Result<(), AuthError> {
        // RFC 5280 §4.2: at most one subjectAltName extension; x509-cert refuses a repeat.
        let san = certificate
            .certificate()
            .tbs_certificate
            .get::<SubjectAltName>()
            .map_err(|_| AuthError::MalformedCertificate {
                form: Some(certificate.form()),
                error: CertificateFormatError::Extension,
            })?;
        let entries = san.map(|(_critical, san)| san.0).unwrap_or_default();
        let mut entries_of_kind = 0;
        for entry in &entries {
            match self.matches(entry) {
                Some(true) => return Ok(()),
                Some(false) => entries_of_kind += 1,
                None => {}
            }
        }
        Err(AuthError::SubjectAltNameMismatch {
            kind: self.kind(),
            entries_of_kind,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_values_parse_or_are_invalid_metadata() {
        let table: &[(SanKind, &str, bool)] = &[
            (SanKind::Dns, "client.example.com", true),
            (SanKind::Dns, "", false),
            (SanKind::Dns, "bücher.example", false),
            (SanKind::Uri, "https://client.example.com/agent", true),
            (SanKind::Uri, "", false),
            (SanKind::Ip, "192.0.2.10", true),
            (SanKind::Ip, "2001:db8::1", true),
            (SanKind::Ip, "2001:0db8:0:0:0:0:0:1", true),
            (SanKind::Ip, "::ffff:192.0.2.10", true),
            (SanKind::Ip, "192.0.2.010", false),
            (SanKind::Ip, "192.0.2", false),
            (SanKind::Ip, "fe80::1%eth0", false),
            (SanKind::Ip, "[2001:db8::1]", false),
            (SanKind::Ip, "client.example.com", false),
            (SanKind::Ip, "", false),
            (SanKind::Email, "client-admin@example.com", true),
            (SanKind::Email, "client-admin", false),
            (SanKind::Email, "@example.com", false),
            (SanKind::Email, "client-admin@", false),
            (SanKind::Email, "", false),
        ];
        for (kind, value, ok) in table {
            let got = RegisteredSan::parse(*kind, value);
            if *ok {
                assert_eq!(got.map(|s| s.kind()), Ok(*kind), "{kind:?} {value:?}");
            } else {
                assert_eq!(
                    got,
                    Err(MetadataError::InvalidSubjectAltName { kind: *kind }),
                    "{kind:?} {value:?}"
                );
            }
        }
    }

    #[test]
    fn ipv6_textual_forms_are_one_address() {
        let forms = [
            "2001:db8::1",
            "2001:0db8:0:0:0:0:0:1",
            "2001:DB8:0000:0000:0000:0000:0000:0001",
            "2001:db8:0::0:1",
        ];
        let parsed: Vec<_> = forms
            .iter()
            .map(|f| RegisteredSan::parse(SanKind::Ip, f).unwrap())
            .collect();
        assert!(parsed.windows(2).all(|w| w[0] == w[1]), "{parsed:?}");
    }
}
