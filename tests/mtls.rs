//! The mutual-TLS methods end to end through the public API: `tls_client_auth` by subject DN
//! and by each SAN type, chain validation under `tls_client_auth_trust_anchors`,
//! `self_signed_tls_client_auth`, every certificate input form, and the `x5t#S256` thumbprint.
//!
//! The certificates in `tests/certs/` were made by OpenSSL (`tests/certs/make.sh`) and their
//! thumbprints computed by OpenSSL (`thumbprints.txt`); the RFC 8705 Appendix A certificate
//! and the nginx header come from the seed material (see `tests/certs/README.md`).

// clippy.toml allows these in #[test] functions; the helpers below are test code too.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use base64::Engine as _;
use oauth_client_auth::{
    authenticate, authenticate_prepared, AuthError, AuthMethod, CertificateForm,
    CertificateFormatError, CertificateInput, CertificatePathError, ClientMetadata, DnSyntaxError,
    DnSyntaxErrorKind, InMemoryReplayCache, MetadataError, PreparedClient, PreparedServer,
    RequestParts, SanKind, ServerMetadata, ShownList,
};

/// 2025-11-28: inside the 2025–2099 validity of the generated certificates.
const NOW: i64 = 1_764_300_000;
const CLIENT_ID: &str = "mtls-client";
/// The subject of `client.pem` as RFC 4514 writes it: the last RDN of the encoding first.
const CLIENT_DN: &str =
    r"CN=client.example.com,OU=Engineering+UID=4326385670,O=Example\, Inc.,ST=Tokyo,C=JP";
/// RFC 8705 Appendix A: `x5t#S256` of the `CN=mtls` certificate.
const MTLS_THUMBPRINT: &str = "A4DtL2JmUMhAsvJj5tKyn64SqzmuXbMrJa0n761y5v0";

fn read(name: &str) -> String {
    let path = format!("{}/tests/certs/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn pem(name: &str) -> String {
    read(&format!("{name}.pem"))
}

/// The thumbprint OpenSSL computed for a certificate.
fn openssl_thumbprint(name: &str) -> String {
    read("thumbprints.txt")
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name} ")).map(str::to_owned))
        .unwrap_or_else(|| panic!("no thumbprint for {name}"))
}

/// The DER inside a PEM, by plain Base64 of the lines between the boundaries.
fn der_of(pem: &str) -> Vec<u8> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap()
}

/// nginx `$ssl_client_escaped_cert`: every byte but the unreserved ones percent-encoded.
fn nginx_escape(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// nginx `$ssl_client_cert`: a tab after every line break but the last, which is dropped.
fn nginx_fold(pem: &str) -> String {
    pem.trim_end().replace('\n', "\n\t")
}

fn text(t: impl Into<String>) -> CertificateInput {
    CertificateInput::Text(t.into())
}

fn server() -> ServerMetadata {
    let mut s = ServerMetadata::new("https://as.example.com");
    s.token_endpoint_auth_methods_supported = Some(
        AuthMethod::ALL
            .iter()
            .map(|m| m.as_str().to_owned())
            .collect(),
    );
    s
}

fn server_with_anchors(anchors: &[&str]) -> ServerMetadata {
    let mut s = server();
    s.tls_client_auth_trust_anchors = Some(anchors.iter().map(|a| pem(a)).collect());
    s
}

fn client(method: &str) -> ClientMetadata {
    let mut c = ClientMetadata::new(CLIENT_ID);
    c.token_endpoint_auth_method = Some(method.into());
    c
}

fn dn_client(dn: &str) -> ClientMetadata {
    let mut c = client("tls_client_auth");
    c.tls_client_auth_subject_dn = Some(dn.into());
    c
}

fn san_client(kind: SanKind, value: &str) -> ClientMetadata {
    let mut c = client("tls_client_auth");
    let slot = match kind {
        SanKind::Dns => &mut c.tls_client_auth_san_dns,
        SanKind::Uri => &mut c.tls_client_auth_san_uri,
        SanKind::Ip => &mut c.tls_client_auth_san_ip,
        SanKind::Email => &mut c.tls_client_auth_san_email,
        _ => unreachable!(),
    };
    *slot = Some(value.into());
    c
}

fn self_signed_client(jwks_file: &str) -> ClientMetadata {
    let mut c = client("self_signed_tls_client_auth");
    c.jwks = Some(serde_json::from_str(&read(jwks_file)).unwrap());
    c
}

/// A token request naming the client, with a certificate and a chain.
fn request(cert: Option<CertificateInput>, chain: &[&str]) -> RequestParts {
    let mut b = RequestParts::builder()
        .form_body(format!(
            "grant_type=client_credentials&client_id={CLIENT_ID}"
        ))
        .now(NOW);
    if let Some(cert) = cert {
        b = b.client_certificate(cert);
    }
    for name in chain {
        b = b.client_certificate_chain_entry(text(pem(name)));
    }
    b.build().unwrap()
}

fn with_cert(name: &str) -> RequestParts {
    request(Some(text(pem(name))), &[])
}

// ----- tls_client_auth: subject DN -----

#[test]
fn tls_client_auth_by_subject_dn_is_accepted_with_thumbprint() {
    let ok = authenticate(&with_cert("client"), &dn_client(CLIENT_DN), &server()).unwrap();
    assert_eq!(ok.client_id(), CLIENT_ID);
    assert_eq!(ok.method(), AuthMethod::TlsClientAuth);
    assert_eq!(
        ok.certificate_thumbprint(),
        Some(openssl_thumbprint("client").as_str())
    );
}

#[test]
fn subject_dn_compares_as_a_name_against_the_openssl_certificate() {
    let table: &[(&str, bool)] = &[
        (CLIENT_DN, true),
        // Short names and values are case-insensitive; the multi-valued RDN is a set.
        (
            r"cn=CLIENT.EXAMPLE.COM,uid=4326385670+ou=engineering,o=example\, inc.,st=tokyo,c=jp",
            true,
        ),
        // Dotted OIDs, a hex-escaped comma, and spaces after separators.
        (
            r"2.5.4.3=client.example.com, 0.9.2342.19200300.100.1.1=4326385670+2.5.4.11=Engineering, O=Example\2C Inc., ST=Tokyo, C=JP",
            true,
        ),
        // The string in encoding order is another name.
        (
            r"C=JP,ST=Tokyo,O=Example\, Inc.,OU=Engineering+UID=4326385670,CN=client.example.com",
            false,
        ),
        // The multi-valued RDN split in two.
        (
            r"CN=client.example.com,OU=Engineering,UID=4326385670,O=Example\, Inc.,ST=Tokyo,C=JP",
            false,
        ),
        // One RDN missing, one value different.
        (
            r"CN=client.example.com,OU=Engineering+UID=4326385670,O=Example\, Inc.,ST=Tokyo",
            false,
        ),
        (
            r"CN=client.example.org,OU=Engineering+UID=4326385670,O=Example\, Inc.,ST=Tokyo,C=JP",
            false,
        ),
        // The CN alone.
        ("CN=client.example.com", false),
    ];
    for (dn, accept) in table {
        let got = authenticate(&with_cert("client"), &dn_client(dn), &server()).map(|a| a.method());
        if *accept {
            assert_eq!(got, Ok(AuthMethod::TlsClientAuth), "{dn}");
        } else {
            assert!(
                matches!(got, Err(AuthError::SubjectDnMismatch { .. })),
                "{dn}: {got:?}"
            );
        }
    }
}

#[test]
fn subject_dn_mismatch_is_invalid_client_with_a_fixed_description() {
    let err = authenticate(
        &with_cert("client"),
        &dn_client("CN=someone.else"),
        &server(),
    )
    .unwrap_err();
    let AuthError::SubjectDnMismatch {
        presented,
        registered,
    } = &err
    else {
        panic!("{err:?}");
    };
    // The operator's log names both names: the certificate's subject and the registered DN.
    assert_eq!(
        presented.as_str(),
        r"CN=client.example.com,OU=Engineering+UID=4326385670,O=Example\\, Inc.,ST=Tokyo,C=JP"
    );
    assert_eq!(registered.as_str(), "CN=someone.else");
    assert!(err.to_string().contains("\"CN=someone.else\""), "{err}");
    assert_eq!(err.oauth_code().as_str(), "invalid_client");
    assert_eq!(err.status(), 401);
    // The client is told what an unknown client is told.
    assert_eq!(err.description(), "client authentication failed");
}

#[test]
fn unparseable_subject_dn_is_invalid_client_naming_the_registration() {
    let err = authenticate(
        &with_cert("client"),
        &dn_client("CN=client.example.com;O=Example"),
        &server(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        AuthError::InvalidClientMetadata(MetadataError::InvalidSubjectDn(DnSyntaxError {
            offset: 21,
            kind: DnSyntaxErrorKind::UnescapedSpecialCharacter
        }))
    );
    assert_eq!(err.oauth_code().as_str(), "invalid_client");
    assert_eq!(err.description(), "client registration is invalid");
}

/// `tests/certs/make_dn.py`: self-signed certificates made by Python `cryptography`, each with
/// one common name.
#[test]
fn control_or_invisible_character_in_the_subject_matches_nothing() {
    let table: &[(&str, &str, bool)] = &[
        // What RFC 4518 makes equal to "victim", and a CA shows alike.
        ("CN=victim", "dn-victim", true),
        ("CN=victim", "dn-victim-capitalized", true),
        ("CN=victim", "dn-victim-trailing-spaces", true),
        ("CN=victim", "dn-victim-fullwidth", true),
        ("CN=victim", "dn-victim-bmp", true),
        // What RFC 4518 §2.2 alone would make "victim" by deleting a character.
        ("CN=victim", "dn-soft-hyphen", false),
        ("CN=victim", "dn-soft-hyphen-bmp", false),
        ("CN=victim", "dn-nul", false),
        ("CN=victim", "dn-zwsp", false),
        ("CN=victim", "dn-rlo", false),
        // A tab is no space (RFC 4518 §2.2 would make it one).
        ("CN=vic tim", "dn-space", true),
        ("CN=vic tim", "dn-tab", false),
    ];
    for (dn, cert, accept) in table {
        let got = authenticate(&with_cert(cert), &dn_client(dn), &server()).map(|a| a.method());
        if *accept {
            assert_eq!(got, Ok(AuthMethod::TlsClientAuth), "{dn} {cert}");
        } else {
            assert!(
                matches!(got, Err(AuthError::SubjectDnMismatch { .. })),
                "{dn} {cert}: {got:?}"
            );
        }
    }
}

#[test]
fn control_or_invisible_character_in_the_registered_dn_is_a_registration_error() {
    for dn in [
        r"CN=vic\C2\ADtim",
        "CN=vic\u{200B}tim",
        r"CN=vic\00tim",
        "CN=vic\ttim",
    ] {
        assert_eq!(
            authenticate(&with_cert("dn-victim"), &dn_client(dn), &server()),
            Err(AuthError::InvalidClientMetadata(
                MetadataError::InvalidSubjectDn(DnSyntaxError {
                    offset: 3,
                    kind: DnSyntaxErrorKind::InvisibleCharacter
                })
            )),
            "{dn:?}"
        );
    }
    // The twin: a space, escaped, is a space.
    assert!(authenticate(
        &with_cert("dn-space"),
        &dn_client(r"CN=vic\20tim"),
        &server()
    )
    .is_ok());
}

#[test]
fn oversized_subject_dn_is_refused_as_a_registration_before_parsing() {
    use oauth_client_auth::{MAX_RDN_ATTRIBUTES, MAX_SUBJECT_DN_BYTES};
    let refused = |dn: &str, offset, kind| {
        assert_eq!(
            authenticate(&with_cert("client"), &dn_client(dn), &server()),
            Err(AuthError::InvalidClientMetadata(
                MetadataError::InvalidSubjectDn(DnSyntaxError { offset, kind })
            )),
        );
    };
    // 40,000 values in one RDN, 549 KB: once seconds of work on every request.
    let huge = vec!["CN=a"; 40_000].join("+");
    refused(&huge, MAX_SUBJECT_DN_BYTES, DnSyntaxErrorKind::TooLong);
    let values: Vec<String> = (0..MAX_RDN_ATTRIBUTES)
        .map(|i| format!("1.1.{i}=a"))
        .collect();
    let at = values.join("+");
    refused(
        &format!("{at}+CN=a"),
        at.len() + 1,
        DnSyntaxErrorKind::TooManyAttributes,
    );
    // The registered name padded to the limit with spaces after separators, which compare as
    // nothing, still authenticates.
    let padded = CLIENT_DN.replacen(
        ',',
        &format!(",{}", " ".repeat(MAX_SUBJECT_DN_BYTES - CLIENT_DN.len())),
        1,
    );
    assert_eq!(padded.len(), MAX_SUBJECT_DN_BYTES);
    assert!(authenticate(&with_cert("client"), &dn_client(&padded), &server()).is_ok());
}

// ----- tls_client_auth: SAN -----

#[test]
fn each_san_type_matches_by_its_rule() {
    use SanKind::*;
    // client.pem: DNS client.example.com, DNS alt.Example.NET, URI
    // https://client.example.com/agent, IP 192.0.2.10, IP 2001:db8::1,
    // email client-admin@Example.COM.
    let table: &[(SanKind, &str, Result<(), usize>)] = &[
        (Dns, "client.example.com", Ok(())),
        (Dns, "CLIENT.Example.com", Ok(())),
        (Dns, "alt.example.net", Ok(())),
        (Dns, "other.example.com", Err(2)),
        (Dns, "example.com", Err(2)),
        (Uri, "https://client.example.com/agent", Ok(())),
        // Scheme and host case-insensitive, the rest exact (RFC 5280 §7.4 step 2).
        (Uri, "https://CLIENT.example.com/agent", Ok(())),
        (Uri, "HTTPS://client.example.com/agent", Ok(())),
        (Uri, "https://client.example.com/Agent", Err(1)),
        (Uri, "https://client.example.com/agent/", Err(1)),
        (Uri, "https://client.example.com:443/agent", Err(1)),
        (Ip, "192.0.2.10", Ok(())),
        (Ip, "2001:db8::1", Ok(())),
        (Ip, "2001:0db8:0:0:0:0:0:1", Ok(())),
        (Ip, "2001:DB8::0:1", Ok(())),
        (Ip, "2001:db8::2", Err(2)),
        (Ip, "192.0.2.11", Err(2)),
        // An IPv4-mapped IPv6 address is 16 bytes, not the 4 of the IPv4 entry.
        (Ip, "::ffff:192.0.2.10", Err(2)),
        // The local part is case-sensitive, the domain is not (RFC 5280 §7.5).
        (Email, "client-admin@example.com", Ok(())),
        (Email, "client-admin@EXAMPLE.COM", Ok(())),
        (Email, "Client-Admin@Example.COM", Err(1)),
        (Email, "other@Example.COM", Err(1)),
    ];
    for (kind, value, want) in table {
        let got = authenticate(&with_cert("client"), &san_client(*kind, value), &server())
            .map(|a| a.method());
        let want = match want {
            Ok(()) => Ok(AuthMethod::TlsClientAuth),
            Err(entries_of_kind) => Err((*kind, *entries_of_kind)),
        };
        let got = got.map_err(|e| match e {
            AuthError::SubjectAltNameMismatch {
                kind,
                entries_of_kind,
                presented,
                registered,
            } => {
                assert_eq!(presented.values().len(), entries_of_kind);
                assert_eq!(registered.as_str(), *value);
                (kind, entries_of_kind)
            }
            other => panic!("{other:?}"),
        });
        assert_eq!(got, want, "{kind:?} {value}");
    }
}

#[test]
fn san_uri_with_an_upper_case_host_matches_the_lower_case_registration() {
    // client-uri-upper-host.pem (made by OpenSSL): URI:HTTPS://Client.Example.COM/agent.
    // RFC 5280 §7.4 step 2: the scheme and host compare case-insensitively, the path exactly.
    let table: &[(&str, Result<(), usize>)] = &[
        ("https://client.example.com/agent", Ok(())),
        ("HTTPS://Client.Example.COM/agent", Ok(())),
        ("https://client.example.com/Agent", Err(1)),
        ("https://user@client.example.com/agent", Err(1)),
    ];
    for (registered, want) in table {
        let got = authenticate(
            &with_cert("client-uri-upper-host"),
            &san_client(SanKind::Uri, registered),
            &server(),
        )
        .map(|a| a.method());
        let want = want.map(|()| AuthMethod::TlsClientAuth).map_err(|n| {
            AuthError::SubjectAltNameMismatch {
                kind: SanKind::Uri,
                entries_of_kind: n,
                presented: ShownList::many(["HTTPS://Client.Example.COM/agent"]),
                registered: (*registered).into(),
            }
        });
        assert_eq!(got, want, "{registered}");
    }
    // Through its chain, too.
    let r = request(Some(text(pem("client-uri-upper-host"))), &["ku-issuing-ca"]);
    let c = san_client(SanKind::Uri, "https://client.example.com/agent");
    assert!(authenticate(&r, &c, &server_with_anchors(&["ku-root-ca"])).is_ok());
}

#[test]
fn certificate_without_san_counts_no_entries() {
    let err = authenticate(
        &with_cert("self-signed"),
        &san_client(SanKind::Dns, "self-signed.example.com"),
        &server(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        AuthError::SubjectAltNameMismatch {
            kind: SanKind::Dns,
            entries_of_kind: 0,
            presented: ShownList::many([]),
            registered: "self-signed.example.com".into(),
        }
    );
    assert_eq!(err.oauth_code().as_str(), "invalid_client");
}

#[test]
fn invalid_registered_san_is_invalid_metadata() {
    for (kind, value) in [
        (SanKind::Ip, "2001:db8::g"),
        (SanKind::Ip, "192.0.2.010"),
        (SanKind::Email, "no-at-sign"),
        (SanKind::Dns, ""),
        (SanKind::Uri, ""),
    ] {
        assert_eq!(
            authenticate(&with_cert("client"), &san_client(kind, value), &server()).unwrap_err(),
            AuthError::InvalidClientMetadata(MetadataError::InvalidSubjectAltName { kind }),
            "{kind:?} {value}"
        );
    }
}

#[test]
fn two_registered_tls_client_auth_fields_are_invalid_metadata() {
    // RFC 8705 §2.1.2: exactly one.
    let mut c = dn_client(CLIENT_DN);
    c.tls_client_auth_san_dns = Some("client.example.com".into());
    let err = authenticate(&with_cert("client"), &c, &server()).unwrap_err();
    assert_eq!(
        err,
        AuthError::InvalidClientMetadata(MetadataError::ConflictingTlsClientAuthFields {
            first: "tls_client_auth_subject_dn",
            second: "tls_client_auth_san_dns"
        })
    );
    assert_eq!(err.oauth_code().as_str(), "invalid_client");
    assert!(err.to_string().contains("RFC 8705 §2.1.2"), "{err}");

    let mut c = san_client(SanKind::Ip, "192.0.2.10");
    c.tls_client_auth_san_email = Some("client-admin@example.com".into());
    assert_eq!(
        PreparedClient::new(&c).unwrap_err(),
        MetadataError::ConflictingTlsClientAuthFields {
            first: "tls_client_auth_san_ip",
            second: "tls_client_auth_san_email"
        }
    );
    // Exactly one is fine; none is invalid too.
    assert!(PreparedClient::new(&san_client(SanKind::Ip, "192.0.2.10")).is_ok());
    assert_eq!(
        PreparedClient::new(&client("tls_client_auth")).unwrap_err(),
        MetadataError::MissingTlsClientAuthField
    );
}

#[test]
fn other_methods_ignore_tls_client_auth_fields() {
    // The fields constrain tls_client_auth only.
    let mut c = client("none");
    c.tls_client_auth_subject_dn = Some(";not a DN".into());
    c.tls_client_auth_san_dns = Some("a".into());
    assert!(PreparedClient::new(&c).is_ok());
}

// ----- what every certificate method requires -----

#[test]
fn certificate_methods_without_a_certificate_are_refused() {
    for c in [
        dn_client(CLIENT_DN),
        self_signed_client("self-signed.jwks.json"),
    ] {
        let err = authenticate(&request(None, &[]), &c, &server()).unwrap_err();
        assert_eq!(err, AuthError::MissingClientCertificate);
        assert_eq!(err.oauth_code().as_str(), "invalid_client");
        assert_eq!(err.description(), "client authentication failed");
    }
}

#[test]
fn certificate_methods_need_client_id() {
    // RFC 8705 §2: the client_id parameter is required.
    let r = RequestParts::builder()
        .form_body("grant_type=client_credentials")
        .client_certificate(text(pem("client")))
        .now(NOW)
        .build()
        .unwrap();
    assert_eq!(
        authenticate(&r, &dn_client(CLIENT_DN), &server()).unwrap_err(),
        AuthError::MissingClientId
    );
}

#[test]
fn certificate_method_with_a_secret_is_refused() {
    let r = RequestParts::builder()
        .form_body(format!("client_id={CLIENT_ID}&client_secret=s"))
        .client_certificate(text(pem("client")))
        .now(NOW)
        .build()
        .unwrap();
    assert_eq!(
        authenticate(&r, &dn_client(CLIENT_DN), &server()).unwrap_err(),
        AuthError::MethodNotRegistered {
            registered: AuthMethod::TlsClientAuth,
            presented: oauth_client_auth::CredentialKind::SecretParameter
        }
    );
}

#[test]
fn malformed_certificate_is_invalid_client() {
    let r = request(
        Some(text(nginx_escape(&pem("client")).replacen("%0A", "%0Z", 1))),
        &[],
    );
    let err = authenticate(&r, &dn_client(CLIENT_DN), &server()).unwrap_err();
    assert_eq!(
        err,
        AuthError::MalformedCertificate {
            form: Some(CertificateForm::UrlEncodedPem),
            error: CertificateFormatError::PercentEncoding
        }
    );
    assert_eq!(err.oauth_code().as_str(), "invalid_client");
    assert_eq!(err.description(), "client authentication failed");
}

// ----- chain validation under tls_client_auth_trust_anchors -----

#[test]
fn chain_to_a_trust_anchor_is_accepted() {
    let s = server_with_anchors(&["root-ca"]);
    let r = request(Some(text(pem("client"))), &["issuing-ca"]);
    let ok = authenticate(&r, &dn_client(CLIENT_DN), &s).unwrap();
    assert_eq!(ok.method(), AuthMethod::TlsClientAuth);
    // The issuing CA itself as the anchor needs no intermediate.
    let s = server_with_anchors(&["issuing-ca"]);
    assert!(authenticate(&with_cert("client"), &dn_client(CLIENT_DN), &s).is_ok());
    // Several anchors, in one string.
    let mut s = server();
    s.tls_client_auth_trust_anchors =
        Some(vec![format!("{}{}", pem("foreign-ca"), pem("issuing-ca"))]);
    assert!(authenticate(&with_cert("client"), &dn_client(CLIENT_DN), &s).is_ok());
}

#[test]
fn chain_failures_name_the_rule() {
    let s = server_with_anchors(&["root-ca"]);
    let dn = dn_client(CLIENT_DN);
    let table: Vec<(&str, Vec<&str>, AuthError)> = vec![
        // The intermediate was not presented.
        ("client", vec![], AuthError::CertificateIssuerUnknown),
        // Expired 2021-01-01T00:00:00Z.
        (
            "client-expired",
            vec!["issuing-ca"],
            AuthError::CertificateExpired {
                not_after: 1_609_459_200,
                now: NOW,
            },
        ),
        // Valid from 2090-01-01T00:00:00Z.
        (
            "client-not-yet-valid",
            vec!["issuing-ca"],
            AuthError::CertificateNotYetValid {
                not_before: 3_786_912_000,
                now: NOW,
            },
        ),
        // The same subject from a CA that is not an anchor, with or without its CA.
        (
            "client-foreign-ca",
            vec!["issuing-ca"],
            AuthError::CertificateIssuerUnknown,
        ),
        (
            "client-foreign-ca",
            vec!["foreign-ca"],
            AuthError::CertificateIssuerUnknown,
        ),
        // Extended key usage serverAuth only.
        (
            "client-server-eku",
            vec!["issuing-ca"],
            AuthError::CertificateNotForClientAuth,
        ),
        // A CA certificate presented as the client's.
        (
            "issuing-ca",
            vec![],
            AuthError::CertificatePathInvalid(CertificatePathError::CaUsedAsEndEntity),
        ),
    ];
    for (cert, chain, want) in table {
        let r = request(Some(text(pem(cert))), &chain);
        let err = authenticate(&r, &dn, &s).unwrap_err();
        assert_eq!(err, want, "{cert} {chain:?}");
        assert_eq!(err.oauth_code().as_str(), "invalid_client", "{cert}");
    }
}

#[test]
fn chain_is_checked_before_the_subject() {
    // A foreign CA's certificate with the right DN is refused for its issuer, not accepted.
    let s = server_with_anchors(&["root-ca"]);
    let r = request(Some(text(pem("client-foreign-ca"))), &["issuing-ca"]);
    assert_eq!(
        authenticate(&r, &dn_client(CLIENT_DN), &s).unwrap_err(),
        AuthError::CertificateIssuerUnknown
    );
    // Without anchors the TLS layer is trusted to have validated it, and the DN matches.
    assert!(authenticate(&r, &dn_client(CLIENT_DN), &server()).is_ok());
}

#[test]
fn certificate_without_eku_is_fit_for_client_auth() {
    // RFC 5280 §4.2.1.12: without the extension, the key may be used for any purpose.
    let s = server_with_anchors(&["root-ca"]);
    let r = request(Some(text(pem("client-no-eku"))), &["issuing-ca"]);
    let ok = authenticate(&r, &san_client(SanKind::Dns, "client.example.com"), &s).unwrap();
    assert_eq!(ok.method(), AuthMethod::TlsClientAuth);
}

// ----- keyUsage on the path (rustls-webpki leaves it to the caller) -----
// tests/certs/README.md shows what `openssl verify -x509_strict -purpose sslclient` says of each
// of these chains.

/// Authenticates `cert` presented with `chain` under the anchors, by the main client's DN.
fn verdict(anchors: &[&str], cert: &str, chain: &[&str]) -> Result<AuthMethod, AuthError> {
    let r = request(Some(text(pem(cert))), chain);
    authenticate(&r, &dn_client(CLIENT_DN), &server_with_anchors(anchors)).map(|a| a.method())
}

/// Authenticates `cert` presented with `chain` under the anchors, by its dNSName.
fn verdict_by_dns(anchors: &[&str], cert: &str, chain: &[&str]) -> Result<AuthMethod, AuthError> {
    let r = request(Some(text(pem(cert))), chain);
    let c = san_client(SanKind::Dns, "client.example.com");
    authenticate(&r, &c, &server_with_anchors(anchors)).map(|a| a.method())
}

#[test]
fn intermediate_without_key_cert_sign_cannot_issue() {
    // RFC 5280 §4.2.1.3, §6.1.4 (n): a cA=TRUE certificate whose keyUsage is digitalSignature
    // only issues a certificate with the registered DN: refused, while the same certificate
    // from an issuing CA with keyCertSign is accepted.
    let refused = verdict(
        &["ku-root-ca"],
        "client-ku-ca-no-cert-sign",
        &["ku-ca-no-cert-sign"],
    )
    .unwrap_err();
    assert_eq!(
        refused,
        AuthError::CertificatePathInvalid(CertificatePathError::IssuerLacksKeyCertSign)
    );
    assert_eq!(refused.oauth_code().as_str(), "invalid_client");
    assert_eq!(refused.description(), "client authentication failed");
    assert_eq!(
        verdict(&["ku-root-ca"], "client-ku", &["ku-issuing-ca"]),
        Ok(AuthMethod::TlsClientAuth)
    );
    // Without anchors the TLS terminator validated the chain; the crate does not look at it.
    let r = request(Some(text(pem("client-ku-ca-no-cert-sign"))), &[]);
    assert!(authenticate(&r, &dn_client(CLIENT_DN), &server()).is_ok());
}

#[test]
fn path_building_goes_on_past_an_issuer_without_key_cert_sign() {
    // ku-issuing-ca-no-cert-sign has the issuing CA's subject and key, without keyCertSign: a
    // path through it is refused, and path building then tries the other issuer (RFC 4158
    // §2.4), in either order. (`openssl verify` takes the first issuer it finds and stops.)
    let refused = Err(AuthError::CertificatePathInvalid(
        CertificatePathError::IssuerLacksKeyCertSign,
    ));
    assert_eq!(
        verdict(
            &["ku-root-ca"],
            "client-ku",
            &["ku-issuing-ca-no-cert-sign"]
        ),
        refused
    );
    for chain in [
        ["ku-issuing-ca-no-cert-sign", "ku-issuing-ca"],
        ["ku-issuing-ca", "ku-issuing-ca-no-cert-sign"],
    ] {
        assert_eq!(
            verdict(&["ku-root-ca"], "client-ku", &chain),
            Ok(AuthMethod::TlsClientAuth),
            "{chain:?}"
        );
    }
    // Both as anchors: the same.
    assert_eq!(
        verdict(&["ku-issuing-ca-no-cert-sign"], "client-ku", &[]),
        refused
    );
    assert_eq!(
        verdict(
            &["ku-issuing-ca-no-cert-sign", "ku-issuing-ca"],
            "client-ku",
            &[]
        ),
        Ok(AuthMethod::TlsClientAuth)
    );
}

#[test]
fn trust_anchor_without_key_cert_sign_cannot_issue() {
    // The anchor's own keyUsage, when its certificate carries one, is honoured as OpenSSL
    // does (see the comment in src/cert/chain.rs): the CA without keyCertSign as the anchor is
    // refused; the issuing CA with keyCertSign as the anchor is accepted.
    assert_eq!(
        verdict(&["ku-ca-no-cert-sign"], "client-ku-ca-no-cert-sign", &[]),
        Err(AuthError::CertificatePathInvalid(
            CertificatePathError::IssuerLacksKeyCertSign
        ))
    );
    assert_eq!(
        verdict(&["ku-issuing-ca"], "client-ku", &[]),
        Ok(AuthMethod::TlsClientAuth)
    );
    // The root without an intermediate: the root's keyUsage allows keyCertSign, the path
    // stops for the missing intermediate, not for keyUsage.
    assert_eq!(
        verdict(&["ku-root-ca"], "client-ku-ca-no-cert-sign", &[]),
        Err(AuthError::CertificateIssuerUnknown)
    );
}

#[test]
fn client_key_usage_must_allow_digital_signature() {
    // RFC 5280 §4.2.1.3, RFC 8446 §4.4.2.4, RFC 5246 §7.4.8: a TLS client signs with its key.
    let chain = ["ku-issuing-ca"];
    assert_eq!(
        verdict_by_dns(&["ku-root-ca"], "client-ku-key-encipherment", &chain),
        Err(AuthError::CertificatePathInvalid(
            CertificatePathError::ClientLacksDigitalSignature
        ))
    );
    // digitalSignature, and no keyUsage at all (RFC 5280 §4.2.1.3: the extension is optional
    // in an end-entity certificate), are accepted.
    assert_eq!(
        verdict(&["ku-root-ca"], "client-ku", &chain),
        Ok(AuthMethod::TlsClientAuth)
    );
    assert_eq!(
        verdict_by_dns(&["ku-root-ca"], "client-ku-absent", &chain),
        Ok(AuthMethod::TlsClientAuth)
    );
    // The existing hierarchy: every certificate's keyUsage fits its place.
    assert_eq!(
        verdict(&["root-ca"], "client", &["issuing-ca"]),
        Ok(AuthMethod::TlsClientAuth)
    );
}

#[test]
fn malformed_key_usage_is_refused() {
    // RFC 5280 §4.2.1.3: keyUsage is a BIT STRING; these carry a BOOLEAN.
    let malformed = Err(AuthError::CertificatePathInvalid(
        CertificatePathError::Malformed,
    ));
    assert_eq!(
        verdict_by_dns(&["ku-root-ca"], "client-ku-malformed", &["ku-issuing-ca"]),
        malformed
    );
    assert_eq!(
        verdict(
            &["ku-root-ca"],
            "client-ku-ca-malformed",
            &["ku-ca-malformed"]
        ),
        malformed
    );
    // As a trust anchor, it is a configuration error.
    let mut s = server();
    s.tls_client_auth_trust_anchors = Some(vec![pem("ku-root-ca"), pem("ku-ca-malformed")]);
    assert_eq!(
        PreparedServer::new(&s).unwrap_err(),
        MetadataError::InvalidTrustAnchor {
            index: 1,
            error: CertificateFormatError::Extension
        }
    );
    s.tls_client_auth_trust_anchors = Some(vec![pem("ku-root-ca"), pem("ku-ca-no-cert-sign")]);
    assert!(PreparedServer::new(&s).is_ok());
}

#[test]
fn expired_leaf_is_accepted_without_trust_anchors() {
    // Without anchors the TLS terminator validated the chain; this crate does not second-guess
    // it (documented in the README's deployment section).
    let r = request(Some(text(pem("client-expired"))), &[]);
    assert!(authenticate(&r, &dn_client(CLIENT_DN), &server()).is_ok());
}

#[test]
fn malformed_chain_entry_is_invalid_client() {
    let s = server_with_anchors(&["root-ca"]);
    let r = RequestParts::builder()
        .form_body(format!("client_id={CLIENT_ID}"))
        .client_certificate(text(pem("client")))
        .client_certificate_chain_entry(text(":not base64!:"))
        .now(NOW)
        .build()
        .unwrap();
    let err = authenticate(&r, &dn_client(CLIENT_DN), &s).unwrap_err();
    assert_eq!(
        err,
        AuthError::MalformedChainCertificate {
            index: 0,
            form: Some(CertificateForm::ByteSequence),
            error: CertificateFormatError::Base64
        }
    );
    assert_eq!(err.oauth_code().as_str(), "invalid_client");
}

#[test]
fn invalid_trust_anchors_are_server_metadata_errors() {
    let mut s = server();
    s.tls_client_auth_trust_anchors = Some(vec![pem("root-ca"), "not PEM".into()]);
    assert_eq!(
        PreparedServer::new(&s).unwrap_err(),
        MetadataError::InvalidTrustAnchor {
            index: 1,
            error: CertificateFormatError::Pem
        }
    );
    let err = authenticate(&with_cert("client"), &dn_client(CLIENT_DN), &s).unwrap_err();
    assert_eq!(
        err,
        AuthError::InvalidServerMetadata(MetadataError::InvalidTrustAnchor {
            index: 1,
            error: CertificateFormatError::Pem
        })
    );
    assert_eq!(err.oauth_code().as_str(), "invalid_client");
    assert_eq!(err.description(), "client authentication failed");

    s.tls_client_auth_trust_anchors = Some(vec![]);
    assert_eq!(
        PreparedServer::new(&s).unwrap_err(),
        MetadataError::InvalidServerMetadata("tls_client_auth_trust_anchors lists no certificate")
    );
    s.tls_client_auth_trust_anchors = Some(vec![pem("root-ca").replace("CERTIFICATE", "X")]);
    assert_eq!(
        PreparedServer::new(&s).unwrap_err(),
        MetadataError::InvalidTrustAnchor {
            index: 0,
            error: CertificateFormatError::Pem
        }
    );
}

// ----- self_signed_tls_client_auth -----

#[test]
fn self_signed_registered_certificates_are_accepted() {
    let c = self_signed_client("self-signed.jwks.json");
    for name in ["self-signed", "self-signed-rsa"] {
        let ok = authenticate(&with_cert(name), &c, &server()).unwrap();
        assert_eq!(ok.method(), AuthMethod::SelfSignedTlsClientAuth, "{name}");
        assert_eq!(
            ok.certificate_thumbprint(),
            Some(openssl_thumbprint(name).as_str()),
            "{name}"
        );
    }
}

#[test]
fn certificate_not_in_jwks_is_refused() {
    let c = self_signed_client("self-signed.jwks.json");
    for name in ["client", "rfc8705-appendix-a"] {
        let err = authenticate(&with_cert(name), &c, &server()).unwrap_err();
        assert_eq!(
            err,
            AuthError::CertificateNotRegistered { registered: 2 },
            "{name}"
        );
        assert_eq!(err.oauth_code().as_str(), "invalid_client");
        assert_eq!(err.description(), "client authentication failed");
    }
}

#[test]
fn self_signed_ignores_trust_anchors_and_validity() {
    // RFC 8705 §2.2: no chain is validated. The Appendix A certificate expired in 2022.
    let s = server_with_anchors(&["root-ca"]);
    let c = self_signed_client("rfc8705-appendix-a.jwks.json");
    let ok = authenticate(&with_cert("rfc8705-appendix-a"), &c, &s).unwrap();
    assert_eq!(ok.certificate_thumbprint(), Some(MTLS_THUMBPRINT));
}

#[test]
fn rfc8705_appendix_a_certificate_authenticates_in_every_input_form() {
    let pem_text = pem("rfc8705-appendix-a");
    let der = der_of(&pem_text);
    let b64 = base64::engine::general_purpose::STANDARD.encode(&der);
    let c = self_signed_client("rfc8705-appendix-a.jwks.json");
    let forms: Vec<(&str, CertificateInput)> = vec![
        ("DER", CertificateInput::Der(der.clone())),
        ("PEM", text(pem_text.clone())),
        ("URL-encoded PEM", text(nginx_escape(&pem_text))),
        ("tab-folded PEM", text(nginx_fold(&pem_text))),
        (
            "folded PEM unfolded to spaces",
            text(nginx_fold(&pem_text).replace("\n\t", " ")),
        ),
        ("base64 DER", text(b64.clone())),
        ("URL-encoded base64 DER", text(nginx_escape(&b64))),
        ("RFC 9440 byte sequence", text(format!(":{b64}:"))),
    ];
    for (name, input) in forms {
        let ok = authenticate(&request(Some(input), &[]), &c, &server())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(ok.method(), AuthMethod::SelfSignedTlsClientAuth, "{name}");
        assert_eq!(ok.certificate_thumbprint(), Some(MTLS_THUMBPRINT), "{name}");
    }
}

#[test]
fn seed_nginx_escaped_header_authenticates() {
    // A real `X-Ssl-Cert: $ssl_client_escaped_cert` value from the seed material.
    let header = read("seed-nginx-x-ssl-cert.txt");
    let input = CertificateInput::from_proxy_header(header.as_bytes()).unwrap();
    let c = self_signed_client("seed-client-example-com.jwks.json");
    let ok = authenticate(&request(Some(input), &[]), &c, &server()).unwrap();
    assert_eq!(
        ok.certificate_thumbprint(),
        Some(openssl_thumbprint("seed-client-example-com").as_str())
    );
    // The same certificate by subject DN (no anchors: it expired in 2020).
    let input = CertificateInput::from_proxy_header(header.as_bytes()).unwrap();
    let ok = authenticate(
        &request(Some(input), &[]),
        &dn_client("CN=client.example.com"),
        &server(),
    )
    .unwrap();
    assert_eq!(ok.method(), AuthMethod::TlsClientAuth);
}

#[test]
fn self_signed_registration_needs_x5c_certificates() {
    let mut c = client("self_signed_tls_client_auth");
    assert_eq!(
        PreparedClient::new(&c).unwrap_err(),
        MetadataError::MissingJwks(AuthMethod::SelfSignedTlsClientAuth)
    );
    c.jwks = Some(serde_json::json!({"keys": [{"kty": "EC", "crv": "P-256", "x": "a", "y": "b"}]}));
    assert_eq!(
        PreparedClient::new(&c).unwrap_err(),
        MetadataError::NoRegisteredCertificate
    );
    c.jwks = Some(serde_json::json!({"keys": [{"kty": "EC"}, {"kty": "EC", "x5c": ["MIIB!"]}]}));
    assert_eq!(
        PreparedClient::new(&c).unwrap_err(),
        MetadataError::InvalidRegisteredCertificate {
            key_index: 1,
            error: CertificateFormatError::Base64
        }
    );
    c.jwks = Some(serde_json::json!({"keys": [{"x5c": ["MAMCAQE="]}]}));
    assert_eq!(
        PreparedClient::new(&c).unwrap_err(),
        MetadataError::InvalidRegisteredCertificate {
            key_index: 0,
            error: CertificateFormatError::Der
        }
    );
    c.jwks = Some(serde_json::json!({"keys": [{"x5c": []}]}));
    assert_eq!(
        PreparedClient::new(&c).unwrap_err(),
        MetadataError::InvalidRegisteredCertificate {
            key_index: 0,
            error: CertificateFormatError::Empty
        }
    );
    c.jwks = Some(serde_json::json!({"keys": "none"}));
    assert_eq!(
        PreparedClient::new(&c).unwrap_err(),
        MetadataError::InvalidJwks("jwks has no \"keys\" array")
    );
    let err = authenticate(&with_cert("self-signed"), &c, &server()).unwrap_err();
    assert_eq!(err.oauth_code().as_str(), "invalid_client");
}

// ----- the thumbprint under every method -----

#[test]
fn thumbprint_is_reported_for_non_certificate_methods() {
    let mut c = client("client_secret_post");
    c.client_secret = Some(oauth_client_auth::ClientSecret::new("s3cret"));
    let r = RequestParts::builder()
        .form_body(format!("client_id={CLIENT_ID}&client_secret=s3cret"))
        .client_certificate(text(pem("client")))
        .now(NOW)
        .build()
        .unwrap();
    let ok = authenticate(&r, &c, &server()).unwrap();
    assert_eq!(ok.method(), AuthMethod::ClientSecretPost);
    assert_eq!(
        ok.certificate_thumbprint(),
        Some(openssl_thumbprint("client").as_str())
    );
    // Without a certificate there is none.
    let r = RequestParts::builder()
        .form_body(format!("client_id={CLIENT_ID}&client_secret=s3cret"))
        .now(NOW)
        .build()
        .unwrap();
    assert_eq!(
        authenticate(&r, &c, &server())
            .unwrap()
            .certificate_thumbprint(),
        None
    );
}

#[test]
fn unparseable_certificate_refuses_a_non_certificate_method() {
    let r = RequestParts::builder()
        .form_body(format!("client_id={CLIENT_ID}"))
        .client_certificate(text(
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
        ))
        .now(NOW)
        .build()
        .unwrap();
    let err = authenticate(&r, &client("none"), &server()).unwrap_err();
    assert_eq!(
        err,
        AuthError::MalformedCertificate {
            form: Some(CertificateForm::Pem),
            error: CertificateFormatError::Der
        }
    );
    assert_eq!(err.oauth_code().as_str(), "invalid_client");
}

#[test]
fn prepared_path_gives_the_same_verdicts() {
    let server = PreparedServer::new(&server_with_anchors(&["root-ca"])).unwrap();
    let replay = InMemoryReplayCache::new();
    let client = PreparedClient::new(&dn_client(CLIENT_DN)).unwrap();
    let good = request(Some(text(pem("client"))), &["issuing-ca"]);
    let bad = request(Some(text(pem("client-expired"))), &["issuing-ca"]);
    for _ in 0..3 {
        assert!(authenticate_prepared(&good, &client, &server, &replay).is_ok());
        assert_eq!(
            authenticate_prepared(&bad, &client, &server, &replay).unwrap_err(),
            AuthError::CertificateExpired {
                not_after: 1_609_459_200,
                now: NOW
            }
        );
    }
}

// ----- proxy headers -----

#[test]
fn proxy_header_values() {
    // nginx sends an empty value when the client presented no certificate.
    assert_eq!(CertificateInput::from_proxy_header(b""), None);
    assert_eq!(CertificateInput::from_proxy_header(b"  \t"), None);
    assert_eq!(
        CertificateInput::from_proxy_header(b" :AAAA: "),
        Some(text(":AAAA:"))
    );
    // Bytes that are not UTF-8 are kept, and refused as a malformed certificate.
    let input = CertificateInput::from_proxy_header(b"\xff\xfe").unwrap();
    assert_eq!(
        authenticate(&request(Some(input), &[]), &dn_client(CLIENT_DN), &server()).unwrap_err(),
        AuthError::MalformedCertificate {
            form: None,
            error: CertificateFormatError::UnrecognizedForm
        }
    );
}

#[test]
fn rfc9440_chain_header_is_a_list_of_byte_sequences() {
    let b64 = |name: &str| base64::engine::general_purpose::STANDARD.encode(der_of(&pem(name)));
    let header = format!(":{}:", b64("issuing-ca"));
    let chain = CertificateInput::chain_from_proxy_header(header.as_bytes());
    assert_eq!(chain.len(), 1);
    let two = format!(":{}:, :{}:", b64("issuing-ca"), b64("root-ca"));
    assert_eq!(
        CertificateInput::chain_from_proxy_header(two.as_bytes()).len(),
        2
    );
    assert!(CertificateInput::chain_from_proxy_header(b"").is_empty());

    // RFC 9440 Client-Cert and Client-Cert-Chain through to path validation.
    let mut b = RequestParts::builder()
        .form_body(format!("client_id={CLIENT_ID}"))
        .client_certificate(
            CertificateInput::from_proxy_header(format!(":{}:", b64("client")).as_bytes()).unwrap(),
        )
        .now(NOW);
    for entry in chain {
        b = b.client_certificate_chain_entry(entry);
    }
    let ok = authenticate(
        &b.build().unwrap(),
        &dn_client(CLIENT_DN),
        &server_with_anchors(&["root-ca"]),
    )
    .unwrap();
    assert_eq!(
        ok.certificate_thumbprint(),
        Some(openssl_thumbprint("client").as_str())
    );
}

// ----- client-facing text -----

#[test]
fn certificate_errors_are_invalid_client_with_fixed_descriptions() {
    let table: Vec<(AuthError, &str)> = vec![
        (
            AuthError::MissingClientCertificate,
            "client authentication failed",
        ),
        (
            AuthError::MalformedCertificate {
                form: None,
                error: CertificateFormatError::Empty,
            },
            "client authentication failed",
        ),
        (
            AuthError::MalformedChainCertificate {
                index: 0,
                form: None,
                error: CertificateFormatError::Empty,
            },
            "client authentication failed",
        ),
        (
            AuthError::SubjectDnMismatch {
                presented: "CN=a".into(),
                registered: "CN=b".into(),
            },
            "client authentication failed",
        ),
        (
            AuthError::SubjectAltNameMismatch {
                kind: SanKind::Uri,
                entries_of_kind: 1,
                presented: ShownList::many(["https://a.example"]),
                registered: "https://b.example".into(),
            },
            "client authentication failed",
        ),
        (
            AuthError::CertificateNotRegistered { registered: 1 },
            "client authentication failed",
        ),
        (
            AuthError::CertificateExpired {
                not_after: 1,
                now: 2,
            },
            "the TLS client certificate has expired",
        ),
        (
            AuthError::CertificateNotYetValid {
                not_before: 2,
                now: 1,
            },
            "the TLS client certificate is not yet valid",
        ),
        (
            AuthError::CertificateIssuerUnknown,
            "client authentication failed",
        ),
        (
            AuthError::CertificateNotForClientAuth,
            "the TLS client certificate is not valid for client authentication",
        ),
        (
            AuthError::CertificatePathInvalid(CertificatePathError::BadSignature),
            "client authentication failed",
        ),
    ];
    for (err, description) in table {
        assert_eq!(err.oauth_code().as_str(), "invalid_client", "{err:?}");
        assert_eq!(err.status(), 401, "{err:?}");
        assert_eq!(err.description(), description, "{err:?}");
        // No Basic challenge: these requests did not use Basic.
        assert_eq!(err.www_authenticate(false), None);
    }
}

#[test]
fn log_text_names_the_rule_without_certificate_content() {
    let err = authenticate(
        &with_cert("client"),
        &san_client(SanKind::Dns, "other.example.com"),
        &server(),
    )
    .unwrap_err();
    let log = err.to_string();
    // The public names, the certificate's and the registered one; never the certificate.
    assert_eq!(
        log,
        "no dNSName entry of the client certificate's subjectAltName equals the registered \
         tls_client_auth_san_dns \"other.example.com\" (entries of that kind in the \
         certificate: 2: [\"client.example.com\", \"alt.Example.NET\"])"
    );
    assert!(!log.contains("MII"), "{log}");
    let debug = format!(
        "{:?}",
        PreparedClient::new(&self_signed_client("self-signed.jwks.json")).unwrap()
    );
    assert!(
        debug.contains("RegisteredCertificates(2 certificates)"),
        "{debug}"
    );
    assert!(!debug.contains("MIIB"), "{debug}");
}

/// RFC 5280 §4.2: "A certificate MUST NOT include more than one instance of a particular
/// extension." The client certificate with its subjectKeyIdentifier relabelled as a second
/// subjectAltName (OID 2.5.29.14 → 2.5.29.17, same length) is refused as malformed, while the
/// unaltered certificate is accepted.
#[test]
fn repeated_subject_alt_name_extension_is_refused() {
    let body: String = pem("client")
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap();
    let ski = [0x06, 0x03, 0x55, 0x1D, 0x0E];
    let at = der
        .windows(ski.len())
        .position(|w| w == ski)
        .expect("the client certificate has a subjectKeyIdentifier");
    let mut twice = der.clone();
    twice[at + 4] = 0x11;

    let client = san_client(SanKind::Dns, "client.example.com");
    let ok = authenticate(
        &request(Some(CertificateInput::Der(der)), &[]),
        &client,
        &server(),
    );
    assert!(ok.is_ok(), "{ok:?}");
    assert_eq!(
        authenticate(
            &request(Some(CertificateInput::Der(twice)), &[]),
            &client,
            &server()
        )
        .unwrap_err(),
        AuthError::MalformedCertificate {
            form: Some(CertificateForm::Der),
            error: CertificateFormatError::Extension,
        }
    );
}

/// RFC 7591 §2: `jwks` holds public keys; a self-signed client's key that publishes a private
/// member (here `d` from joserfc's export in `tests/vectors/key_vectors.json`) is refused.
#[test]
fn self_signed_jwks_publishing_a_private_member_is_refused() {
    let vectors: serde_json::Value =
        serde_json::from_str(include_str!("vectors/key_vectors.json")).unwrap();
    let private_ec = vectors["private_members"]["refused"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "EC private JWK as exported by joserfc")
        .unwrap();
    let d = private_ec["jwk"]["d"].clone();
    let twin = self_signed_client("self-signed.jwks.json");
    assert!(authenticate(&with_cert("self-signed"), &twin, &server()).is_ok());
    let mut leaked = twin.clone();
    leaked.jwks.as_mut().unwrap()["keys"][0]["d"] = d.clone();
    let want = MetadataError::PrivateKeyInJwks {
        key_index: 0,
        member: "d",
    };
    assert_eq!(PreparedClient::new(&leaked).unwrap_err(), want);
    let err = authenticate(&with_cert("self-signed"), &leaked, &server()).unwrap_err();
    assert_eq!(err, AuthError::InvalidClientMetadata(want));
    assert_eq!(err.oauth_code().as_str(), "invalid_client");
    assert!(!err.to_string().contains(d.as_str().unwrap()));
}
