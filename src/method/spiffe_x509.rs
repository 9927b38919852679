//! `spiffe_x509` (draft-ietf-oauth-spiffe-client-auth-02 §3.2): the client's X.509-SVID is its
//! TLS client certificate (RFC 8705 mutual TLS), and the request names the client with
//! `client_id` (the dispatcher requires it: §3.2 "The request MUST include the client_id
//! parameter").
//!
//! The rules, cheapest first:
//!
//! 1. a leaf X.509-SVID (`crate::primitives::spiffe::svid`): exactly one URI SAN, a SPIFFE ID
//!    with a path (§3.2 item 2; X509-SVID §2, §5.2), `cA` false (item 3; X509-SVID §4.1),
//!    keyUsage present with `digitalSignature` and without `keyCertSign`/`cRLSign` (item 4;
//!    X509-SVID §4.3, §5.2);
//! 2. the SPIFFE ID is the registered `spiffe_id` (item 5, §5.1);
//! 3. path validation (RFC 5280 §6) through the intermediates presented to the X.509
//!    authorities of the SVID's own trust domain, and no other (item 1, §6, §6.2.3: never
//!    a system store, never another trust domain's bundle), at the request's time; an
//!    extended key usage, when present, must allow clientAuth (X509-SVID §4.4).
//!
//! `tls_client_auth_trust_anchors` does not apply: those are the anchors of `tls_client_auth`.

use crate::method::Context;
use crate::primitives::cert::ClientCertificate;
use crate::primitives::spiffe::svid::leaf_spiffe_id;
use crate::wire::authenticated::Authenticated;
use crate::wire::error::spiffe::SvidKind;
use crate::wire::error::AuthError;
use crate::wire::metadata::method::AuthMethod;

/// Checks the leaf, the registered SPIFFE ID, then the path to the trust domain's
/// authorities.
pub(crate) fn verify(ctx: &Context<'_>) -> Result<Authenticated, AuthError> {
    // RFC 8705 §2: the client authenticates with the certificate of its TLS connection.
    let certificate = ctx.certificate.ok_or(AuthError::MissingClientCertificate)?;
    let id = leaf_spiffe_id(certificate)?;
    // draft §3.2 item 5: the SPIFFE ID of the URI SAN is the registered one.
    ctx.client.require_spiffe_id(&id)?;
    // draft §3.2 item 1, §6: the authorities of that trust domain only.
    let authorities = ctx
        .server
        .spiffe_bundles()
        .x509_authorities(id.trust_domain())
        .ok_or_else(|| AuthError::SpiffeBundleMissing {
            kind: SvidKind::X509,
            trust_domain: id.trust_domain().to_owned(),
        })?;
    let chain = ctx
        .request
        .client_certificate_chain()
        .iter()
        .enumerate()
        .map(|(index, input)| ClientCertificate::decode_chain_entry(index, input))
        .collect::<Result<Vec<_>, _>>()?;
    authorities.verify(certificate, &chain, ctx.now)?;
    let mut authenticated = Authenticated::new(ctx.client.client_id(), AuthMethod::SpiffeX509);
    authenticated.extras_mut().spiffe_id = Some(id.as_str().to_owned());
    Ok(authenticated)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::dispatch::authenticate_prepared;
    use crate::prepared::{PreparedClient, PreparedServer};
    use crate::primitives::replay::InMemoryReplayCache;
    use crate::wire::authenticated::Authenticated;
    use crate::wire::error::spiffe::{SpiffeIdProblem, SvidKind, X509SvidProblem};
    use crate::wire::error::AuthError;
    use crate::wire::metadata::client::ClientMetadata;
    use crate::wire::metadata::method::AuthMethod;
    use crate::wire::metadata::server::ServerMetadata;
    use crate::wire::request::{CertificateInput, RequestParts};

    const NOW: i64 = 1_764_300_000;
    const ID: &str = "spiffe://example.org/my-oauth-client";

    fn mismatch(presented: &str, registered: &str) -> AuthError {
        AuthError::SpiffeIdMismatch {
            presented: presented.into(),
            registered: registered.into(),
        }
    }

    /// The OpenSSL-made certificates of tests/certs/spiffe/ (see its README.md).
    fn pem(name: &str) -> &'static str {
        macro_rules! certs {
            ($($name:literal),* $(,)?) => {
                match name {
                    $($name => include_str!(concat!("../../tests/certs/spiffe/", $name, ".pem")),)*
                    _ => panic!("{name}"),
                }
            };
        }
        certs!(
            "example-root",
            "example-intermediate",
            "other-root",
            "svid",
            "svid-via-intermediate",
            "svid-workload",
            "svid-no-eku",
            "svid-two-uris",
            "svid-dns-only",
            "svid-https-uri",
            "svid-root-id",
            "svid-bad-id",
            "svid-ca-true",
            "svid-key-cert-sign",
            "svid-crl-sign",
            "svid-key-encipherment",
            "svid-no-key-usage",
            "svid-server-eku",
            "svid-expired",
            "svid-foreign-issuer",
            "svid-other-domain",
        )
    }

    fn server() -> ServerMetadata {
        let mut s = ServerMetadata::new("https://as.example.com");
        s.token_endpoint_auth_methods_supported = Some(vec!["spiffe_x509".into()]);
        s.spiffe_bundles = Some(
            serde_json::from_value(json!({
                "example.org": { "x509_authorities": [pem("example-root")] },
                "other.org": { "x509_authorities": [pem("other-root")] },
            }))
            .unwrap(),
        );
        s
    }

    fn client() -> ClientMetadata {
        let mut c = ClientMetadata::new(ID);
        c.token_endpoint_auth_method = Some("spiffe_x509".into());
        c
    }

    fn run_with(
        cert: &str,
        chain: &[&str],
        client: &ClientMetadata,
        server: &ServerMetadata,
    ) -> Result<Authenticated, AuthError> {
        let mut builder = RequestParts::builder()
            .form_body(format!("client_id={}", client.client_id))
            .client_certificate(CertificateInput::Text(pem(cert).into()))
            .now(NOW);
        for c in chain {
            builder = builder.client_certificate_chain_entry(CertificateInput::Text(pem(c).into()));
        }
        let client = PreparedClient::new(client)?;
        let server = PreparedServer::new(server).unwrap();
        authenticate_prepared(
            &builder.build()?,
            &client,
            &server,
            &InMemoryReplayCache::new(),
        )
    }

    fn run(cert: &str) -> Result<Authenticated, AuthError> {
        run_with(cert, &[], &client(), &server())
    }

    #[test]
    fn a_leaf_svid_of_the_registered_id_is_accepted() {
        for (cert, chain) in [
            ("svid", &[][..]),
            ("svid-no-eku", &[][..]),
            ("svid-via-intermediate", &["example-intermediate"][..]),
        ] {
            let ok = run_with(cert, chain, &client(), &server())
                .unwrap_or_else(|e| panic!("{cert}: {e}"));
            assert_eq!(ok.method(), AuthMethod::SpiffeX509);
            assert_eq!(ok.spiffe_id(), Some(ID));
            assert!(ok.certificate_thumbprint().is_some());
        }
    }

    #[test]
    fn certificates_that_are_not_leaf_svids_are_refused() {
        let svid = |problem| AuthError::X509SvidInvalid { problem };
        let id = |problem| AuthError::SpiffeIdInvalid { problem };
        for (cert, want) in [
            (
                "svid-two-uris",
                svid(X509SvidProblem::UriSanCount { found: 2 }),
            ),
            (
                "svid-dns-only",
                svid(X509SvidProblem::UriSanCount { found: 0 }),
            ),
            ("svid-ca-true", svid(X509SvidProblem::CertificateAuthority)),
            ("svid-key-cert-sign", svid(X509SvidProblem::SigningKeyUsage)),
            ("svid-crl-sign", svid(X509SvidProblem::SigningKeyUsage)),
            (
                "svid-key-encipherment",
                svid(X509SvidProblem::NoDigitalSignature),
            ),
            ("svid-no-key-usage", svid(X509SvidProblem::KeyUsageMissing)),
            ("svid-https-uri", id(SpiffeIdProblem::Scheme)),
            ("svid-root-id", id(SpiffeIdProblem::NoPath)),
            ("svid-bad-id", id(SpiffeIdProblem::EmptySegment)),
            ("svid-server-eku", AuthError::CertificateNotForClientAuth),
            (
                "svid-workload",
                mismatch("spiffe://example.org/workloads/api", ID),
            ),
            (
                "svid-other-domain",
                mismatch("spiffe://other.org/my-oauth-client", ID),
            ),
        ] {
            assert_eq!(run(cert).unwrap_err(), want, "{cert}");
        }
        assert!(matches!(
            run("svid-expired"),
            Err(AuthError::CertificateExpired { .. })
        ));
    }

    #[test]
    fn the_path_is_validated_against_the_svids_trust_domain_only() {
        // example.org's SPIFFE ID, issued by other.org's authority: other.org's bundle is
        // configured, and never used for example.org.
        assert_eq!(
            run("svid-foreign-issuer").unwrap_err(),
            AuthError::CertificateIssuerUnknown
        );
        // Without the intermediate, no path.
        assert_eq!(
            run("svid-via-intermediate").unwrap_err(),
            AuthError::CertificateIssuerUnknown
        );
        // No bundle for example.org, and tls_client_auth_trust_anchors holding its root.
        let mut s = server();
        s.spiffe_bundles = Some(
            serde_json::from_value(
                json!({ "other.org": { "x509_authorities": [pem("other-root")] } }),
            )
            .unwrap(),
        );
        s.tls_client_auth_trust_anchors = Some(vec![pem("example-root").into()]);
        assert_eq!(
            run_with("svid", &[], &client(), &s).unwrap_err(),
            AuthError::SpiffeBundleMissing {
                kind: SvidKind::X509,
                trust_domain: "example.org".into()
            }
        );
        // The authority as an x509-svid entry of a SPIFFE bundle (X509-SVID §6.2).
        let der: String = pem("example-root")
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        s.spiffe_bundles = Some(
            serde_json::from_value(json!({ "example.org": { "jwks": { "keys": [
                { "use": "x509-svid", "kty": "EC", "x5c": [der] }
            ] } } }))
            .unwrap(),
        );
        assert!(run_with("svid", &[], &client(), &s).is_ok());
    }

    #[test]
    fn the_registered_spiffe_id_may_end_in_a_wildcard() {
        let mut c = ClientMetadata::new("s6BhdRkqt3");
        c.token_endpoint_auth_method = Some("spiffe_x509".into());
        c.spiffe_id = Some("spiffe://example.org/workloads/*".into());
        let ok = run_with("svid-workload", &[], &c, &server()).unwrap();
        assert_eq!(ok.client_id(), "s6BhdRkqt3");
        assert_eq!(ok.spiffe_id(), Some("spiffe://example.org/workloads/api"));
        assert_eq!(
            run_with("svid", &[], &c, &server()).unwrap_err(),
            mismatch(ID, "spiffe://example.org/workloads/*")
        );
    }
}
