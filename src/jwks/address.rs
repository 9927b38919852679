//! Which `jwks_uri` may be fetched, and which addresses its host may be reached at: the guard
//! against server-side request forgery through a registration (a `jwks_uri` of
//! `http://169.254.169.254/` or `https://localhost:6379/`).
//!
//! The URL is checked first ([`check_uri`]): `https`, no user information, and a host that is
//! not a refused IP literal. A host name is resolved by [`CheckedResolver`], which hands the
//! HTTP client only the addresses that pass [`refusal`]: the address connected to is one that
//! was checked, with no second lookup in between for a rebinding name server to answer
//! differently.

use std::error::Error;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::Url;

use crate::wire::error::registration::MetadataError;

/// Which kinds of address beyond the public ones may be connected to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct AddressPolicy {
    /// 127.0.0.0/8 and ::1 (tests on one machine).
    pub(crate) allow_loopback: bool,
    /// RFC 1918, RFC 6598 shared, RFC 4193 unique-local and deprecated site-local addresses
    /// (key servers inside the operator's own network).
    pub(crate) allow_private: bool,
    /// Plain `http` URLs (tests only: keys over an unauthenticated channel can be swapped).
    pub(crate) allow_http: bool,
}

/// Why an address may not be connected to, or `None` when it may.
///
/// Link-local, multicast, unspecified, broadcast, documentation and other special-purpose
/// addresses are refused whatever the policy: no key server lives there, and the cloud
/// metadata service does (169.254.169.254).
pub(crate) fn refusal(ip: IpAddr, policy: AddressPolicy) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => refusal_v4(v4, policy),
        IpAddr::V6(v6) => refusal_v6(v6, policy),
    }
}

fn refusal_v4(ip: Ipv4Addr, policy: AddressPolicy) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    let private = || (!policy.allow_private).then_some("its host is a private address");
    match (a, b, c) {
        // RFC 6890 §2.2.2: 0.0.0.0/8, "this host on this network".
        (0, _, _) => Some("its host is an unspecified address"),
        // RFC 1122 §3.2.1.3: 127.0.0.0/8 loopback.
        (127, _, _) => (!policy.allow_loopback).then_some("its host is a loopback address"),
        // RFC 1918 §3: private address space.
        (10, _, _) | (192, 168, _) => private(),
        (172, 16..=31, _) => private(),
        // RFC 6598: shared address space (carrier-grade NAT), private to a provider.
        (100, 64..=127, _) => private(),
        // RFC 3927: link-local, where cloud metadata services answer.
        (169, 254, _) => Some("its host is a link-local address"),
        // RFC 5771: multicast; RFC 1112 §4 and RFC 919: reserved and limited broadcast.
        (224..=239, _, _) => Some("its host is a multicast address"),
        (240..=255, _, _) => Some("its host is a reserved or broadcast address"),
        // RFC 6890: IETF protocol assignments; RFC 5737: documentation; RFC 2544: benchmarking.
        (192, 0, 0) | (192, 0, 2) | (198, 51, 100) | (203, 0, 113) | (198, 18..=19, _) => {
            Some("its host is a special-purpose address")
        }
        _ => None,
    }
}

fn refusal_v6(ip: Ipv6Addr, policy: AddressPolicy) -> Option<&'static str> {
    // RFC 4291 §2.5.5.2: an IPv4-mapped address reaches the IPv4 address it embeds.
    if let Some(v4) = ip.to_ipv4_mapped() {
        return refusal_v4(v4, policy);
    }
    let segments = ip.segments();
    let [s0, s1, ..] = segments;
    let embedded = |high: u16, low: u16| {
        let [a, b] = high.to_be_bytes();
        let [c, d] = low.to_be_bytes();
        Ipv4Addr::new(a, b, c, d)
    };
    match segments {
        // RFC 4291 §2.5.2, §2.5.3: the unspecified and loopback addresses.
        [0, 0, 0, 0, 0, 0, 0, 0] => Some("its host is an unspecified address"),
        [0, 0, 0, 0, 0, 0, 0, 1] => {
            (!policy.allow_loopback).then_some("its host is a loopback address")
        }
        // RFC 4291 §2.5.5.1: IPv4-compatible addresses, deprecated.
        [0, 0, 0, 0, 0, 0, _, _] => Some("its host is a special-purpose address"),
        // RFC 6052 §2.1: the NAT64 well-known prefix 64:ff9b::/96 reaches the IPv4 address in
        // its last 32 bits.
        [0x64, 0xff9b, 0, 0, 0, 0, high, low] => refusal_v4(embedded(high, low), policy),
        // RFC 3056 §2: 6to4, 2002::/16, embeds an IPv4 address in bits 16 to 48.
        [0x2002, high, low, ..] => refusal_v4(embedded(high, low), policy),
        _ => match (s0, s1) {
            // RFC 4380: Teredo, 2001::/32, whose embedded addresses are obfuscated.
            (0x2001, 0) => Some("its host is a special-purpose address"),
            // RFC 3849: documentation, 2001:db8::/32.
            (0x2001, 0x0db8) => Some("its host is a special-purpose address"),
            // RFC 6666: the discard prefix 100::/64.
            (0x0100, 0) => Some("its host is a special-purpose address"),
            // RFC 4193: unique local addresses, fc00::/7; RFC 8215: 64:ff9b:1::/48 local NAT64;
            // RFC 3879: site-local fec0::/10, deprecated but private.
            (0xfc00..=0xfdff, _) | (0x64, 0xff9b) => {
                (!policy.allow_private).then_some("its host is a private address")
            }
            (0xfec0..=0xfeff, _) => {
                (!policy.allow_private).then_some("its host is a private address")
            }
            // RFC 4291 §2.5.6: link-local unicast, fe80::/10.
            (0xfe80..=0xfebf, _) => Some("its host is a link-local address"),
            // RFC 4291 §2.7: multicast, ff00::/8.
            (0xff00..=0xffff, _) => Some("its host is a multicast address"),
            _ => None,
        },
    }
}

/// Checks a registered `jwks_uri` before anything is sent: an absolute `https` URL (or `http`
/// when the policy allows it), without user information, whose host, when an IP literal, is
/// not refused. (The HTTP client never resolves an IP literal, so it is checked here.)
///
/// # Errors
///
/// [`MetadataError::JwksUriNotAllowed`] naming the problem.
pub(crate) fn check_uri(uri: &str, policy: AddressPolicy) -> Result<Url, MetadataError> {
    let url = Url::parse(uri)
        .map_err(|_| MetadataError::JwksUriNotAllowed("it is not an absolute URL"))?;
    match url.scheme() {
        // Crate policy: keys fetched over an unauthenticated channel could be swapped by
        // anyone on the path (RFC 7591 §2 asks for jwks_uri to be https too, via RFC 7517).
        "https" => {}
        "http" if policy.allow_http => {}
        _ => return Err(MetadataError::JwksUriNotAllowed("its scheme is not https")),
    }
    // Crate policy: a credential in the URL would be sent to, and logged by, whoever answers.
    if !url.username().is_empty() || url.password().is_some() {
        return Err(MetadataError::JwksUriNotAllowed(
            "it carries user information",
        ));
    }
    // The URL parser has normalized IP literals (`0x7f.1` is 127.0.0.1); IPv6 ones come
    // bracketed.
    let refused = match url.host_str() {
        None | Some("") => Some("it has no host"),
        Some(host) => host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .ok()
            .and_then(|ip| refusal(ip, policy)),
    };
    match refused {
        Some(reason) => Err(MetadataError::JwksUriNotAllowed(reason)),
        None => Ok(url),
    }
}

/// Every address a host name resolved to was refused. Carried through the HTTP client's error
/// so the fetcher can report it as the registration's fault, not as an outage.
#[derive(Debug)]
pub(crate) struct RefusedHost(pub(crate) &'static str);

impl fmt::Display for RefusedHost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "every address of the host was refused: {}", self.0)
    }
}

impl Error for RefusedHost {}

/// The HTTP client's resolver: the system's lookup, then only the addresses [`refusal`]
/// passes. The client connects to what this returns, so the address checked is the address
/// connected to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CheckedResolver {
    pub(crate) policy: AddressPolicy,
}

impl Resolve for CheckedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.policy;
        Box::pin(async move {
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((name.as_str(), 0)).await?.collect();
            let mut first_refusal = None;
            let allowed: Vec<SocketAddr> = found
                .into_iter()
                .filter(|address| match refusal(address.ip(), policy) {
                    None => true,
                    Some(reason) => {
                        first_refusal.get_or_insert(reason);
                        false
                    }
                })
                .collect();
            if allowed.is_empty() {
                let reason = first_refusal.unwrap_or("the host has no address");
                return Err(Box::new(RefusedHost(reason)) as Box<dyn Error + Send + Sync>);
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRICT: AddressPolicy = AddressPolicy {
        allow_loopback: false,
        allow_private: false,
        allow_http: false,
    };

    fn refused(ip: &str, policy: AddressPolicy) -> Option<&'static str> {
        refusal(ip.parse().unwrap(), policy)
    }

    #[test]
    fn address_table() {
        let table: &[(&str, Option<&str>)] = &[
            ("93.184.215.14", None),
            ("8.8.8.8", None),
            ("172.32.0.1", None),
            ("100.128.0.1", None),
            ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", None),
            ("0.0.0.0", Some("unspecified")),
            ("0.1.2.3", Some("unspecified")),
            ("127.0.0.1", Some("loopback")),
            ("127.255.0.9", Some("loopback")),
            ("10.0.0.1", Some("private")),
            ("172.16.0.1", Some("private")),
            ("172.31.255.255", Some("private")),
            ("192.168.1.1", Some("private")),
            ("100.64.0.1", Some("private")),
            ("169.254.169.254", Some("link-local")),
            ("224.0.0.1", Some("multicast")),
            ("239.255.255.250", Some("multicast")),
            ("255.255.255.255", Some("broadcast")),
            ("240.0.0.1", Some("reserved")),
            ("192.0.2.1", Some("special-purpose")),
            ("198.18.0.1", Some("special-purpose")),
            ("::", Some("unspecified")),
            ("::1", Some("loopback")),
            ("::ffff:127.0.0.1", Some("loopback")),
            ("::ffff:169.254.169.254", Some("link-local")),
            ("::ffff:10.1.2.3", Some("private")),
            ("::ffff:8.8.8.8", None),
            ("::127.0.0.1", Some("special-purpose")),
            ("64:ff9b::a9fe:a9fe", Some("link-local")),
            ("64:ff9b::808:808", None),
            ("2002:7f00:1::", Some("loopback")),
            ("2002:0808:0808::1", None),
            (
                "2001:0:4136:e378:8000:63bf:3fff:fdd2",
                Some("special-purpose"),
            ),
            ("2001:db8::1", Some("special-purpose")),
            ("fc00::1", Some("private")),
            ("fd12:3456::1", Some("private")),
            ("fec0::1", Some("private")),
            ("fe80::1", Some("link-local")),
            ("ff02::1", Some("multicast")),
        ];
        for (ip, want) in table {
            let got = refused(ip, STRICT);
            match want {
                None => assert_eq!(got, None, "{ip}"),
                Some(word) => assert!(got.is_some_and(|r| r.contains(word)), "{ip}: {got:?}"),
            }
        }
    }

    #[test]
    fn loopback_and_private_are_allowed_only_explicitly() {
        let loopback = AddressPolicy {
            allow_loopback: true,
            ..STRICT
        };
        let private = AddressPolicy {
            allow_private: true,
            ..STRICT
        };
        for ip in ["127.0.0.1", "::1", "::ffff:127.0.0.1"] {
            assert!(refused(ip, STRICT).is_some(), "{ip}");
            assert_eq!(refused(ip, loopback), None, "{ip}");
            assert!(refused(ip, private).is_some(), "{ip}");
        }
        for ip in ["10.0.0.1", "192.168.0.1", "fd00::1", "::ffff:172.16.0.1"] {
            assert!(refused(ip, STRICT).is_some(), "{ip}");
            assert!(refused(ip, loopback).is_some(), "{ip}");
            assert_eq!(refused(ip, private), None, "{ip}");
        }
        // Never allowed: the cloud metadata service, multicast, unspecified.
        let all = AddressPolicy {
            allow_loopback: true,
            allow_private: true,
            allow_http: true,
        };
        for ip in ["169.254.169.254", "fe80::1", "224.0.0.1", "0.0.0.0", "::"] {
            assert!(refused(ip, all).is_some(), "{ip}");
        }
    }

    #[test]
    fn uri_checks() {
        let not_allowed = |uri: &str, policy| match check_uri(uri, policy) {
            Err(MetadataError::JwksUriNotAllowed(reason)) => reason,
            other => panic!("{uri}: {other:?}"),
        };
        assert!(check_uri("https://keys.example.com/jwks.json", STRICT).is_ok());
        assert_eq!(
            not_allowed("http://keys.example.com/jwks.json", STRICT),
            "its scheme is not https"
        );
        let http = AddressPolicy {
            allow_http: true,
            ..STRICT
        };
        assert!(check_uri("http://keys.example.com/jwks.json", http).is_ok());
        assert_eq!(
            not_allowed("file:///etc/passwd", http),
            "its scheme is not https"
        );
        assert_eq!(
            not_allowed("/jwks.json", STRICT),
            "it is not an absolute URL"
        );
        assert_eq!(
            not_allowed("https://user:pw@keys.example.com/", STRICT),
            "it carries user information"
        );
        // IP literals, in every spelling the URL parser normalizes.
        for uri in [
            "https://127.0.0.1/",
            "https://2130706433/",
            "https://0x7f.1/",
            "https://[::1]/",
            "https://[::ffff:7f00:1]/",
        ] {
            assert_eq!(
                not_allowed(uri, STRICT),
                "its host is a loopback address",
                "{uri}"
            );
        }
        assert_eq!(
            not_allowed("https://169.254.169.254/latest/meta-data/", STRICT),
            "its host is a link-local address"
        );
        assert_eq!(
            not_allowed("https://10.1.2.3/jwks", STRICT),
            "its host is a private address"
        );
    }

    #[tokio::test]
    async fn resolver_returns_only_checked_addresses() {
        let strict = CheckedResolver { policy: STRICT };
        let name: Name = "localhost".parse().unwrap();
        let refused = strict.resolve(name).await.err().unwrap();
        assert!(refused.downcast_ref::<RefusedHost>().is_some(), "{refused}");

        let loopback = CheckedResolver {
            policy: AddressPolicy {
                allow_loopback: true,
                ..STRICT
            },
        };
        let addrs: Vec<SocketAddr> = loopback
            .resolve("localhost".parse().unwrap())
            .await
            .unwrap()
            .collect();
        assert!(!addrs.is_empty());
        assert!(addrs.iter().all(|a| a.ip().is_loopback()), "{addrs:?}");
    }
}
