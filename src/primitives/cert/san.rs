//! `tls_client_auth_san_dns`, `_san_uri`, `_san_ip` and `_san_email` (RFC 8705 §2.1.2): the
//! registered value, parsed once, and its comparison with the entries of the certificate's
//! subjectAltName extension (RFC 5280 §4.2.1.6). Any entry of the registered type may match.
//!
//! | registered | SAN entry | comparison |
//! |---|---|---|
//! | `tls_client_auth_san_dns` | `dNSName` | ASCII case-insensitive (RFC 4343 §3; RFC 5280 §7.2 keeps names as A-labels). A wildcard entry matches only the same wildcard text. |
//! | `tls_client_auth_san_uri` | `uniformResourceIdentifier` | scheme and host ASCII case-insensitive, the rest exact (RFC 5280 §7.4 step 2, RFC 3986 §6.2.2.1); see [`uri_eq`] |
//! | `tls_client_auth_san_ip` | `iPAddress` | the address bytes (4 or 16, RFC 5280 §4.2.1.6), after parsing the registered text, so `2001:db8::1` equals `2001:0db8:0:0:0:0:0:1` (RFC 5952 §8). An IPv4-mapped IPv6 address is another address than the IPv4 one. |
//! | `tls_client_auth_san_email` | `rfc822Name` | local part exact, domain case-insensitive (RFC 5280 §7.5) |

use std::fmt;
use std::net::IpAddr;

use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::SubjectAltName;

use crate::primitives::cert::ClientCertificate;
use crate::wire::error::certificate::CertificateFormatError;
use crate::wire::error::registration::MetadataError;
use crate::wire::error::shown::{Shown, ShownList};
use crate::wire::error::AuthError;
use crate::wire::metadata::san::SanKind;

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
                Some(uri_eq(got.as_str(), want))
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
        let mut of_kind = Vec::new();
        for entry in &entries {
            match self.matches(entry) {
                Some(true) => return Ok(()),
                Some(false) => of_kind.push(entry),
                None => {}
            }
        }
        let presented: Vec<String> = of_kind.iter().map(|entry| entry_text(entry)).collect();
        Err(AuthError::SubjectAltNameMismatch {
            kind: self.kind(),
            entries_of_kind: of_kind.len(),
            presented: ShownList::many(presented.iter().map(String::as_str)),
            registered: Shown::new(&self.to_string()),
        })
    }
}

/// The registered value, as it was registered (the address in its canonical text form).
impl fmt::Display for RegisteredSan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Dns(value) | Self::Uri(value) => f.write_str(value),
            Self::Ip(address) => write!(f, "{address}"),
            Self::Email { local, domain } => write!(f, "{local}@{domain}"),
        }
    }
}

/// A certificate's subjectAltName entry of a kind that is registered, as text for a refusal to
/// show: the IA5String of a DNS name, URI or email address; an IP address in its text form
/// (the octets in hex when they are neither 4 nor 16).
fn entry_text(entry: &GeneralName) -> String {
    match entry {
        GeneralName::DnsName(name) => name.as_str().to_owned(),
        GeneralName::UniformResourceIdentifier(uri) => uri.as_str().to_owned(),
        GeneralName::Rfc822Name(email) => email.as_str().to_owned(),
        GeneralName::IpAddress(octets) => {
            let bytes = octets.as_bytes();
            if let Ok(v4) = <[u8; 4]>::try_from(bytes) {
                IpAddr::from(v4).to_string()
            } else if let Ok(v6) = <[u8; 16]>::try_from(bytes) {
                IpAddr::from(v6).to_string()
            } else {
                bytes.iter().map(|b| format!("{b:02x}")).collect()
            }
        }
        _ => String::new(),
    }
}

/// RFC 5280 §7.4 step 2 (RFC 3987 §5.3.2.1, RFC 3986 §6.2.2.1): URIs compare with the scheme
/// and the host case-insensitive (ASCII case folding), everything else exactly, userinfo and
/// port included.
///
/// Nothing else is normalized, though RFC 5280 §7.4 steps 3–5 ask for more: percent-encoding
/// is not decoded nor its hex digits case-folded outside the host (`%7E` ≠ `~` ≠ `%7e`), dot
/// segments are not removed (`/a/../b` ≠ `/b`), and no scheme-based normalization is done: a
/// default port is not dropped (`:443`), an empty path is not `/`, a trailing slash counts
/// (`/agent/` ≠ `/agent`). Each of these can only refuse a certificate the registration meant
/// to allow, never accept another one; a client registers the URI as its certificate spells
/// it.
///
/// The URI is split without validating it (RFC 3986 §3): the scheme is what precedes the first
/// `:` when that is a scheme by RFC 3986 §3.1 (otherwise the whole text compares exactly); when
/// `//` follows, the authority runs to the first `/`, `?` or `#`; in it, the userinfo is what
/// precedes the last `@`, and the port what follows the host (a `[...]` IP literal, or up to
/// the first `:`). A URI without an authority (`urn:`, `mailto:`) has only its scheme folded.
fn uri_eq(a: &str, b: &str) -> bool {
    let (a, b) = (UriParts::split(a), UriParts::split(b));
    let scheme_eq = match (a.scheme, b.scheme) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        (None, None) => true,
        _ => false,
    };
    let authority_eq = match (a.authority, b.authority) {
        (Some(a), Some(b)) => {
            a.userinfo == b.userinfo && a.host.eq_ignore_ascii_case(b.host) && a.port == b.port
        }
        (None, None) => true,
        _ => false,
    };
    scheme_eq && authority_eq && a.rest == b.rest
}

/// A URI cut into the parts [`uri_eq`] compares differently. Concatenated with their
/// delimiters (`:`, `//`, `@`), the parts are the URI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct UriParts<'a> {
    /// Compared case-insensitively; `None` when the text does not start with a scheme.
    scheme: Option<&'a str>,
    /// `None` when no `//` follows the scheme.
    authority: Option<Authority<'a>>,
    /// What follows the authority, or the scheme when there is no authority (or the whole text
    /// when there is no scheme): compared exactly.
    rest: &'a str,
}

/// The authority of a URI (RFC 3986 §3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Authority<'a> {
    /// What precedes the last `@`, when there is one: compared exactly.
    userinfo: Option<&'a str>,
    /// Compared case-insensitively.
    host: &'a str,
    /// What follows the host (`:` and the port, or nothing): compared exactly.
    port: &'a str,
}

impl<'a> UriParts<'a> {
    fn split(uri: &'a str) -> Self {
        // RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ":".
        let scheme_and_rest = uri.split_once(':').filter(|(scheme, _)| {
            let mut chars = scheme.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        });
        let Some((scheme, after_scheme)) = scheme_and_rest else {
            return Self {
                scheme: None,
                authority: None,
                rest: uri,
            };
        };
        // RFC 3986 §3.2: the authority follows "//" and ends at "/", "?", "#" or the end.
        let Some(after_slashes) = after_scheme.strip_prefix("//") else {
            return Self {
                scheme: Some(scheme),
                authority: None,
                rest: after_scheme,
            };
        };
        let end = after_slashes
            .find(['/', '?', '#'])
            .unwrap_or(after_slashes.len());
        // `end` is the index of an ASCII character or the length: a character boundary.
        let (authority, rest) = after_slashes.split_at(end);
        // RFC 3986 §3.2.1: userinfo "@"; the host and port hold no "@".
        let (userinfo, host_port) = match authority.rsplit_once('@') {
            Some((userinfo, host_port)) => (Some(userinfo), host_port),
            None => (None, authority),
        };
        // RFC 3986 §3.2.2, §3.2.3: an IP literal in brackets, or a name or IPv4 address, then
        // ":" port. In text that is neither (an unclosed "["), everything is host.
        let host_end = if host_port.starts_with('[') {
            host_port
                .find(']')
                .map_or(host_port.len(), |close| close + 1)
        } else {
            host_port.find(':').unwrap_or(host_port.len())
        };
        // `host_end` follows an ASCII character, precedes one, or is the length.
        let (host, port) = host_port.split_at(host_end);
        Self {
            scheme: Some(scheme),
            authority: Some(Authority {
                userinfo,
                host,
                port,
            }),
            rest,
        }
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
    fn uris_compare_scheme_and_host_case_insensitively() {
        // RFC 5280 §7.4 step 2, RFC 3986 §6.2.2.1.
        let equal: &[(&str, &str)] = &[
            (
                "HTTPS://Client.Example.com/path",
                "https://client.example.com/path",
            ),
            ("https://CLIENT.EXAMPLE.COM", "https://client.example.com"),
            (
                "Spiffe://Example.ORG/ns/a/sa/b",
                "spiffe://example.org/ns/a/sa/b",
            ),
            (
                "https://user:pw@Host.Example:8443/p?q=A#F",
                "https://user:pw@host.example:8443/p?q=A#F",
            ),
            // The userinfo ends at the last "@".
            ("https://a@b@HOST/", "https://a@b@host/"),
            ("https://[2001:DB8::1]:443/", "https://[2001:db8::1]:443/"),
            ("URN:example:a", "urn:example:a"),
            ("mailto:a@example.com", "MAILTO:a@example.com"),
        ];
        for (a, b) in equal {
            assert!(uri_eq(a, b), "{a} = {b}");
            assert!(uri_eq(b, a), "{b} = {a}");
        }
        let different: &[(&str, &str)] = &[
            // The path, query, fragment, userinfo and port compare exactly.
            (
                "https://client.example.com/PATH",
                "https://client.example.com/path",
            ),
            (
                "https://client.example.com?Q",
                "https://client.example.com?q",
            ),
            (
                "https://client.example.com#F",
                "https://client.example.com#f",
            ),
            (
                "https://User@client.example.com/",
                "https://user@client.example.com/",
            ),
            ("https://u:PW@host/", "https://u:pw@host/"),
            ("https://@host/", "https://host/"),
            ("https://host:443/", "https://host/"),
            ("https://host:/", "https://host/"),
            // Without an authority only the scheme folds: the rest of a URN is exact.
            ("urn:example:A", "urn:example:a"),
            ("mailto:A@example.com", "mailto:a@example.com"),
            // Not normalized (RFC 5280 §7.4 steps 3-5 are not done).
            ("https://host", "https://host/"),
            ("https://host/agent/", "https://host/agent"),
            ("https://host/%7E", "https://host/~"),
            ("https://host/%7e", "https://host/%7E"),
            ("https://host/a/../b", "https://host/b"),
            // An empty authority is not an absent one.
            ("x:///p", "x:/p"),
            // Not a scheme (RFC 3986 §3.1: it starts with a letter): all exact.
            ("1X://host", "1x://host"),
            ("://Host", "://host"),
            ("host", "HOST"),
            ("https://host.example/", "https://host.example.com/"),
        ];
        for (a, b) in different {
            assert!(!uri_eq(a, b), "{a} != {b}");
            assert!(!uri_eq(b, a), "{b} != {a}");
        }
    }

    #[test]
    fn uri_parts_cover_the_uri_and_never_panic() {
        let texts = [
            "",
            ":",
            "a:",
            "a://",
            "a://@",
            "a://@:",
            "a://[",
            "a://]:",
            "a://[::1",
            "a://[::1]x",
            "a://é@É:é/é?é#é",
            "é://x",
            "https://user@host:8443/p?q#f",
            "urn:ietf:rfc:8705",
            "//host/path",
        ];
        for text in texts {
            let p = UriParts::split(text);
            let mut joined = String::new();
            if let Some(scheme) = p.scheme {
                joined.push_str(scheme);
                joined.push(':');
            }
            if let Some(a) = p.authority {
                joined.push_str("//");
                if let Some(userinfo) = a.userinfo {
                    joined.push_str(userinfo);
                    joined.push('@');
                }
                joined.push_str(a.host);
                joined.push_str(a.port);
            }
            joined.push_str(p.rest);
            assert_eq!(joined, text, "{p:?}");
            assert!(uri_eq(text, text), "{text}");
        }
        assert_eq!(
            UriParts::split("https://u@[::1]:8443/p"),
            UriParts {
                scheme: Some("https"),
                authority: Some(Authority {
                    userinfo: Some("u"),
                    host: "[::1]",
                    port: ":8443",
                }),
                rest: "/p",
            }
        );
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
