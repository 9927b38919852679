//! `spiffe_jwt` (draft-ietf-oauth-spiffe-client-auth-02 §3.1): a SPIFFE JWT-SVID sent as
//! `client_assertion`, with `client_assertion_type`
//! `urn:ietf:params:oauth:client-assertion-type:jwt-spiffe`, verified with the JWT-SVID keys of
//! the trust domain its `sub` names, from the server's `spiffe_bundles`.
//!
//! The rules, cheapest first, so that a refused JWT-SVID costs no signature work:
//!
//! 1. the header: as every client assertion's (`alg` not `none`, no `crit`, no key-naming
//!    header), `typ` absent, `JWT` or `JOSE` (JWT-SVID §2.3), and `alg` one of RS/PS/ES 256,
//!    384, 512 (JWT-SVID §2.1: HMAC, EdDSA and `none` are refused), then the endpoint's and
//!    the registration's algorithm lists;
//! 2. `sub`: required, a SPIFFE ID (SPIFFE-ID §2), the registered `spiffe_id` (§3.1 items 1
//!    and 5, §5.1);
//! 3. `aud` under the server's audience policy (§3.1 item 3; by default the issuer as the sole
//!    audience, as the draft asks after draft-ietf-oauth-rfc7523bis);
//! 4. `exp` required and not passed, `nbf`/`iat` not ahead, the lifetime bounded (§3.1 items
//!    1, 2; crate policy for the rest, as for every client assertion);
//! 5. `jti` optional (§3.1 item 1 requires `sub`, `aud` and `exp` only; JWT-SVID §6.1), and
//!    when present, recorded against replay like any assertion's (RFC 7523 §3 item 7);
//! 6. the key: the `jwt-svid` keys of the `sub`'s trust domain only (§3.1 item 4, §6), chosen
//!    by `kid`; then the signature.
//!
//! `iss` is not read: it is optional in a JWT-SVID and never leads to keys (§6.2.4, §8.1).

use crate::method::Context;
use crate::primitives::assertion::claims::{check_audience, check_jti, check_times, TimeRules};
use crate::primitives::assertion::header::{check_algorithm, check_header_but_typ};
use crate::primitives::assertion::key::check_key_size;
use crate::primitives::spiffe::id::SpiffeId;
use crate::wire::assertion::compact::{ClientAssertion, JWT_SPIFFE};
use crate::wire::assertion::header::Typ;
use crate::wire::authenticated::Authenticated;
use crate::wire::error::assertion::Claim;
use crate::wire::error::spiffe::SvidKind;
use crate::wire::error::AuthError;
use crate::wire::metadata::algorithm::JwsAlgorithm;
use crate::wire::metadata::method::AuthMethod;

/// JWT-SVID §2.1: "Validators receiving a token with the alg parameter set to a different
/// value MUST reject the token."
const JWT_SVID_ALGORITHMS: [JwsAlgorithm; 9] = [
    JwsAlgorithm::Rs256,
    JwsAlgorithm::Rs384,
    JwsAlgorithm::Rs512,
    JwsAlgorithm::Es256,
    JwsAlgorithm::Es384,
    JwsAlgorithm::Es512,
    JwsAlgorithm::Ps256,
    JwsAlgorithm::Ps384,
    JwsAlgorithm::Ps512,
];

/// Verifies the request's JWT-SVID for the context's client.
pub(crate) fn verify(ctx: &Context<'_>) -> Result<Authenticated, AuthError> {
    let assertion = jwt_svid(ctx)?;
    let header = assertion.header();
    let alg = check_header_but_typ(header, assertion.signature())?;
    // JWT-SVID §2.3: "The typ header is optional. If set, its value MUST be either JWT or
    // JOSE."
    match header.typ() {
        Typ::Absent | Typ::Jwt | Typ::Jose => {}
        Typ::ClientAuthentication => {
            return Err(AuthError::AssertionTypeNotAllowed {
                typ: Some("client-authentication+jwt".into()),
            })
        }
        Typ::Other => {
            return Err(AuthError::AssertionTypeNotAllowed {
                typ: header.typ_shown.clone(),
            })
        }
    }
    if !JWT_SVID_ALGORITHMS.contains(&alg) {
        return Err(AuthError::AssertionAlgorithmNotForMethod {
            alg,
            method: AuthMethod::SpiffeJwt,
        });
    }
    // The endpoint's `*_signing_alg_values_supported` (RFC 8414 §2) and the registered
    // `token_endpoint_auth_signing_alg`, as for private_key_jwt, whose algorithms these are.
    let context = ctx.request_context();
    check_algorithm(
        &context,
        alg,
        AuthMethod::PrivateKeyJwt,
        ctx.client.signing_alg(),
    )?;

    // draft §3.1 item 1: the SPIFFE ID in `sub`; item 5: it is the registered one (§5.1).
    let claims = assertion.claims();
    let sub = claims.sub.required(Claim::Sub)?;
    let id = SpiffeId::parse(sub).map_err(|problem| AuthError::SpiffeIdInvalid { problem })?;
    ctx.client.require_spiffe_id(&id)?;
    // draft §3.1 item 3 (JWT-SVID §3.2: aud required).
    check_audience(
        claims.aud.required(Claim::Aud)?,
        context.server,
        context.endpoint,
    )?;
    // draft §3.1 item 2 (JWT-SVID §3.3: exp required).
    let skew = context.clock_skew;
    let times = TimeRules::new(
        context.now,
        skew,
        context.max_assertion_lifetime,
        context.server.fapi_profile,
    );
    let exp = check_times(claims, &times)?;
    // draft §3.1 item 1 lists sub, aud and exp as required; `jti` is optional whatever
    // `require_jti` says (JWT-SVID §6.1: "validators are not required to track jti").
    let jti = check_jti(claims, false)?;

    // draft §3.1 item 4, §6: the keys of the SVID's own trust domain, and no other.
    let keys = ctx
        .server
        .spiffe_bundles()
        .jwt_keys(id.trust_domain())
        .ok_or_else(|| AuthError::SpiffeBundleMissing {
            kind: SvidKind::Jwt,
            trust_domain: id.trust_domain().to_owned(),
        })?;
    let key = keys.select(alg, header.kid())?;
    check_key_size(key.kind(), context.server.fapi_profile)?;
    key.verify(alg, assertion.signing_input(), assertion.signature())?;

    let mut authenticated = Authenticated::new(ctx.client.client_id(), AuthMethod::SpiffeJwt);
    // RFC 7523 §3 item 7: a present `jti` is remembered until `exp` plus the skew, and
    // recorded by the commit after every check (see `Verified`).
    if jti.is_some() {
        authenticated.jti_remember_until = Some(
            exp.checked_add(skew)
                .ok_or(AuthError::AssertionDateOutOfRange { claim: Claim::Exp })?,
        );
    }
    authenticated.jti = jti.map(str::to_owned);
    authenticated.assertion_expires_at = Some(exp);
    authenticated.extras_mut().spiffe_id = Some(id.as_str().to_owned());
    Ok(authenticated)
}

/// The request's JWT-SVID: `client_assertion_type` is the jwt-spiffe one (the dispatcher
/// chose this method for it) and `client_assertion` is present and decodes.
fn jwt_svid<'r>(ctx: &Context<'r>) -> Result<&'r ClientAssertion, AuthError> {
    // draft §3.1: "client_assertion_type: MUST be set to
    // urn:ietf:params:oauth:client-assertion-type:jwt-spiffe", compared exactly.
    if ctx.request.client_assertion_type() != Some(JWT_SPIFFE) {
        return Err(AuthError::MissingAssertionParameter {
            name: "client_assertion_type",
        });
    }
    match ctx.request.decoded_assertion() {
        None => Err(AuthError::MissingAssertionParameter {
            name: "client_assertion",
        }),
        Some(decoded) => decoded.map_err(Clone::clone),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::dispatch::{authenticate_prepared, claimed_client_id};
    use crate::prepared::{PreparedClient, PreparedServer};
    use crate::primitives::assertion::testing::{public_jwk, sign, Signer, TestKey};
    use crate::primitives::replay::InMemoryReplayCache;
    use crate::wire::authenticated::Authenticated;
    use crate::wire::error::assertion::Claim;
    use crate::wire::error::request::CredentialKind;
    use crate::wire::error::spiffe::{SpiffeIdProblem, SvidKind};
    use crate::wire::error::AuthError;
    use crate::wire::metadata::algorithm::JwsAlgorithm;
    use crate::wire::metadata::client::ClientMetadata;
    use crate::wire::metadata::method::AuthMethod;
    use crate::wire::metadata::server::ServerMetadata;
    use crate::wire::request::RequestParts;

    const NOW: i64 = 1_764_300_000;
    const ISSUER: &str = "https://as.example.com";
    const ID: &str = "spiffe://example.org/my-oauth-client";
    const TYPE: &str = "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-spiffe";

    fn kid(key: TestKey) -> &'static str {
        match key {
            TestKey::Rsa2048 => "rsa",
            TestKey::Rsa1024 => "rsa-1024",
            TestKey::P256 => "p256",
            TestKey::P384 => "p384",
            TestKey::P521 => "p521",
            TestKey::Ed25519 => "ed",
        }
    }

    /// example.org's bundle as a SPIFFE bundle: every test key, `use` jwt-svid.
    fn bundle(keys: &[TestKey]) -> Value {
        let keys: Vec<Value> = keys
            .iter()
            .map(|k| {
                let mut jwk = public_jwk(*k);
                jwk["kid"] = json!(kid(*k));
                jwk["use"] = json!("jwt-svid");
                jwk
            })
            .collect();
        json!({ "keys": keys, "spiffe_sequence": 1 })
    }

    fn server_with(bundles: Value) -> ServerMetadata {
        let mut s = ServerMetadata::new(ISSUER);
        s.token_endpoint = Some(format!("{ISSUER}/token"));
        s.token_endpoint_auth_methods_supported = Some(vec!["spiffe_jwt".into()]);
        s.spiffe_bundles = Some(serde_json::from_value(bundles).unwrap());
        s
    }

    fn server() -> ServerMetadata {
        server_with(json!({
            "example.org": { "jwks": bundle(&TestKey::USABLE) },
            "other.org": { "jwks": bundle(&[TestKey::P384]) },
        }))
    }

    fn client() -> ClientMetadata {
        let mut c = ClientMetadata::new(ID);
        c.token_endpoint_auth_method = Some("spiffe_jwt".into());
        c
    }

    fn claims() -> Value {
        json!({ "sub": ID, "aud": [ISSUER], "iat": NOW, "exp": NOW + 300 })
    }

    fn svid(alg: &str, key: TestKey, claims: &Value) -> String {
        sign(
            Signer::Key(key),
            &json!({ "alg": alg, "kid": kid(key), "typ": "JWT" }),
            claims,
        )
    }

    fn request(body: String) -> RequestParts {
        RequestParts::builder()
            .form_body(body)
            .now(NOW)
            .build()
            .unwrap()
    }

    fn run_request(
        request: &RequestParts,
        client: &ClientMetadata,
        server: &ServerMetadata,
        replay: &InMemoryReplayCache,
    ) -> Result<Authenticated, AuthError> {
        let client = PreparedClient::new(client)?;
        let server = PreparedServer::new(server).unwrap();
        authenticate_prepared(request, &client, &server, replay)
    }

    fn run_with(
        token: &str,
        client: &ClientMetadata,
        server: &ServerMetadata,
    ) -> Result<Authenticated, AuthError> {
        let body = format!("client_assertion_type={TYPE}&client_assertion={token}");
        run_request(&request(body), client, server, &InMemoryReplayCache::new())
    }

    fn run(token: &str) -> Result<Authenticated, AuthError> {
        run_with(token, &client(), &server())
    }

    #[test]
    fn every_jwt_svid_algorithm_verifies_and_no_other() {
        // JWT-SVID §2.1: RS, ES and PS at 256, 384, 512; nothing else.
        let table = [
            ("RS256", TestKey::Rsa2048),
            ("RS384", TestKey::Rsa2048),
            ("RS512", TestKey::Rsa2048),
            ("PS256", TestKey::Rsa2048),
            ("PS384", TestKey::Rsa2048),
            ("PS512", TestKey::Rsa2048),
            ("ES256", TestKey::P256),
            ("ES384", TestKey::P384),
            ("ES512", TestKey::P521),
        ];
        for (alg, key) in table {
            let ok = run(&svid(alg, key, &claims())).unwrap_or_else(|e| panic!("{alg}: {e}"));
            assert_eq!(ok.method(), AuthMethod::SpiffeJwt);
            assert_eq!(ok.client_id(), ID);
            assert_eq!(ok.spiffe_id(), Some(ID));
            assert_eq!(ok.jti(), None, "{alg}");
            assert_eq!(ok.assertion_expires_at(), Some(NOW + 300));
        }
        for alg in ["EdDSA", "Ed25519"] {
            let err = run(&svid(alg, TestKey::Ed25519, &claims())).unwrap_err();
            let alg = JwsAlgorithm::from_name(alg).unwrap();
            assert_eq!(
                err,
                AuthError::AssertionAlgorithmNotForMethod {
                    alg,
                    method: AuthMethod::SpiffeJwt
                }
            );
        }
        let hmac = sign(
            Signer::Hmac(&[7; 64]),
            &json!({"alg": "HS256", "kid": "p256"}),
            &claims(),
        );
        assert!(matches!(
            run(&hmac),
            Err(AuthError::AssertionAlgorithmNotForMethod {
                alg: JwsAlgorithm::Hs256,
                ..
            })
        ));
    }

    #[test]
    fn typ_may_be_absent_jwt_or_jose_only() {
        // JWT-SVID §2.3.
        for typ in [None, Some("JWT"), Some("JOSE"), Some("application/jose")] {
            let mut header = json!({"alg": "ES256", "kid": "p256"});
            if let Some(typ) = typ {
                header["typ"] = json!(typ);
            }
            let token = sign(Signer::Key(TestKey::P256), &header, &claims());
            assert!(run(&token).is_ok(), "{typ:?}");
        }
        for typ in ["client-authentication+jwt", "at+jwt", "wit+jwt"] {
            let header = json!({"alg": "ES256", "kid": "p256", "typ": typ});
            let token = sign(Signer::Key(TestKey::P256), &header, &claims());
            assert_eq!(
                run(&token).unwrap_err(),
                AuthError::AssertionTypeNotAllowed {
                    typ: Some(typ.into())
                },
                "{typ}"
            );
        }
    }

    #[test]
    fn sub_must_be_the_registered_spiffe_id() {
        let with_sub = |sub: Value| {
            let mut c = claims();
            c["sub"] = sub;
            svid("ES256", TestKey::P256, &c)
        };
        // A client named by client_id whose spiffe_id is registered apart.
        let mut c = ClientMetadata::new("s6BhdRkqt3");
        c.token_endpoint_auth_method = Some("spiffe_jwt".into());
        c.spiffe_id = Some("spiffe://example.org/workloads/*".into());
        let named = |token: &str| {
            let body = format!(
                "client_id=s6BhdRkqt3&client_assertion_type={TYPE}&client_assertion={token}"
            );
            run_request(&request(body), &c, &server(), &InMemoryReplayCache::new())
        };
        let ok = named(&with_sub(json!("spiffe://example.org/workloads/a/b"))).unwrap();
        assert_eq!(ok.client_id(), "s6BhdRkqt3");
        assert_eq!(ok.spiffe_id(), Some("spiffe://example.org/workloads/a/b"));
        for (sub, want) in [
            (
                json!("spiffe://example.org/workloads"),
                AuthError::SpiffeIdMismatch {
                    presented: "spiffe://example.org/workloads".into(),
                    registered: "spiffe://example.org/workloads/*".into(),
                },
            ),
            (
                json!("spiffe://example.org/workloadsx/a"),
                AuthError::SpiffeIdMismatch {
                    presented: "spiffe://example.org/workloadsx/a".into(),
                    registered: "spiffe://example.org/workloads/*".into(),
                },
            ),
            (
                json!("spiffe://other.org/workloads/a"),
                AuthError::SpiffeIdMismatch {
                    presented: "spiffe://other.org/workloads/a".into(),
                    registered: "spiffe://example.org/workloads/*".into(),
                },
            ),
            (
                json!("spiffe://example.org/workloads/a/"),
                AuthError::SpiffeIdInvalid {
                    problem: SpiffeIdProblem::EmptySegment,
                },
            ),
            (
                json!("s6BhdRkqt3"),
                AuthError::SpiffeIdInvalid {
                    problem: SpiffeIdProblem::Scheme,
                },
            ),
            (
                json!(7),
                AuthError::AssertionClaimType { claim: Claim::Sub },
            ),
        ] {
            assert_eq!(named(&with_sub(sub.clone())).unwrap_err(), want, "{sub}");
        }
        let mut no_sub = claims();
        no_sub.as_object_mut().unwrap().remove("sub");
        assert_eq!(
            named(&svid("ES256", TestKey::P256, &no_sub)).unwrap_err(),
            AuthError::AssertionClaimMissing { claim: Claim::Sub }
        );
    }

    #[test]
    fn keys_come_from_the_subjects_trust_domain_only() {
        // other.org holds the P-384 key; an example.org sub signed by it is refused, whether
        // the kid names other.org's key or not.
        let mut other = svid("ES384", TestKey::P384, &claims());
        let narrow = server_with(json!({
            "example.org": { "jwks": bundle(&[TestKey::P256]) },
            "other.org": { "jwks": bundle(&[TestKey::P384]) },
        }));
        assert!(matches!(
            run_with(&other, &client(), &narrow).unwrap_err(),
            AuthError::AssertionKeyNotFound { .. }
        ));
        // The same JWT-SVID verifies when example.org's bundle holds the key.
        assert!(run(&other).is_ok());
        // No bundle for the trust domain: the key is never looked for elsewhere.
        let only_other = server_with(json!({ "other.org": { "jwks": bundle(&[TestKey::P384]) } }));
        assert_eq!(
            run_with(&other, &client(), &only_other).unwrap_err(),
            AuthError::SpiffeBundleMissing {
                kind: SvidKind::Jwt,
                trust_domain: "example.org".into()
            }
        );
        // No bundles at all, whatever else the server trusts.
        let mut none = server();
        none.spiffe_bundles = None;
        none.client_attestation_trusted_keys = Some(json!({ "keys": [public_jwk(TestKey::P384)] }));
        assert!(matches!(
            run_with(&other, &client(), &none),
            Err(AuthError::SpiffeBundleMissing { .. })
        ));
        other.push('x');
        assert!(run(&other).is_err());
    }

    #[test]
    fn jti_is_optional_and_replay_checked_when_present() {
        let replay = InMemoryReplayCache::new();
        let body = |token: &str| format!("client_assertion_type={TYPE}&client_assertion={token}");
        // Without jti, the same JWT-SVID twice: JWT-SVIDs are cached and reused
        // (JWT-SVID §6.1), and even require_jti does not ask for one (draft §3.1 item 1).
        let mut s = server();
        s.require_jti = Some(true);
        let plain = svid("ES256", TestKey::P256, &claims());
        for _ in 0..2 {
            let ok = run_request(&request(body(&plain)), &client(), &s, &replay).unwrap();
            assert_eq!(ok.jti(), None);
        }
        let mut with_jti = claims();
        with_jti["jti"] = json!("svid-1");
        let token = svid("ES256", TestKey::P256, &with_jti);
        let ok = run_request(&request(body(&token)), &client(), &s, &replay).unwrap();
        assert_eq!(ok.jti(), Some("svid-1"));
        assert_eq!(
            run_request(&request(body(&token)), &client(), &s, &replay).unwrap_err(),
            AuthError::AssertionReplayed
        );
    }

    #[test]
    fn aud_and_exp_are_required_and_judged_by_the_crates_rules() {
        for (claim, want) in [
            (
                "aud",
                AuthError::AssertionClaimMissing { claim: Claim::Aud },
            ),
            (
                "exp",
                AuthError::AssertionClaimMissing { claim: Claim::Exp },
            ),
        ] {
            let mut c = claims();
            c.as_object_mut().unwrap().remove(claim);
            assert_eq!(
                run(&svid("ES256", TestKey::P256, &c)).unwrap_err(),
                want,
                "{claim}"
            );
        }
        let mut c = claims();
        c["aud"] = json!(format!("{ISSUER}/token"));
        assert!(matches!(
            run(&svid("ES256", TestKey::P256, &c)),
            Err(AuthError::AssertionAudienceMismatch { .. })
        ));
        c["aud"] = json!(ISSUER);
        assert!(run(&svid("ES256", TestKey::P256, &c)).is_ok());
        c["exp"] = json!(NOW - 31);
        c["iat"] = json!(NOW - 300);
        assert_eq!(
            run(&svid("ES256", TestKey::P256, &c)).unwrap_err(),
            AuthError::AssertionExpired {
                expired_at: NOW - 31,
                clock: crate::wire::error::clock::Clock { now: NOW, skew: 30 },
            }
        );
    }

    #[test]
    fn the_jwt_spiffe_type_is_its_own_credential() {
        let token = svid("ES256", TestKey::P256, &claims());
        // draft §3.1: the client_id names the client; sub is checked by the verifier.
        let r = request(format!(
            "client_id=https%3A%2F%2Fexample.org%2Fc&client_assertion_type={TYPE}&client_assertion={token}"
        ));
        assert_eq!(claimed_client_id(&r), Ok(Some("https://example.org/c")));
        // Without client_id, the sub names it.
        let r = request(format!(
            "client_assertion_type={TYPE}&client_assertion={token}"
        ));
        assert_eq!(claimed_client_id(&r), Ok(Some(ID)));
        // A jwt-bearer assertion is another credential.
        let bearer = "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer";
        let r = request(format!(
            "client_assertion_type={bearer}&client_assertion={token}"
        ));
        assert_eq!(
            run_request(&r, &client(), &server(), &InMemoryReplayCache::new()).unwrap_err(),
            AuthError::MethodNotRegistered {
                registered: AuthMethod::SpiffeJwt,
                presented: CredentialKind::Assertion
            }
        );
        // Without a type at all, the request is malformed (RFC 7521 §4.2).
        let r = request(format!("client_assertion={token}"));
        assert_eq!(
            run_request(&r, &client(), &server(), &InMemoryReplayCache::new()).unwrap_err(),
            AuthError::MissingAssertionParameter {
                name: "client_assertion_type"
            }
        );
        // And the type without the assertion.
        let r = request(format!("client_id={ID}&client_assertion_type={TYPE}"));
        assert_eq!(
            run_request(&r, &client(), &server(), &InMemoryReplayCache::new()).unwrap_err(),
            AuthError::MissingAssertionParameter {
                name: "client_assertion"
            }
        );
    }

    #[test]
    fn registration_needs_a_spiffe_id() {
        let mut c = ClientMetadata::new("s6BhdRkqt3");
        c.token_endpoint_auth_method = Some("spiffe_jwt".into());
        assert_eq!(
            PreparedClient::new(&c).unwrap_err(),
            crate::wire::error::registration::MetadataError::MissingSpiffeId
        );
        c.spiffe_id = Some("spiffe://example.org/a/*/b".into());
        assert_eq!(
            PreparedClient::new(&c).unwrap_err(),
            crate::wire::error::registration::MetadataError::InvalidSpiffeId(
                SpiffeIdProblem::Wildcard
            )
        );
        c.spiffe_id = Some(ID.into());
        assert!(PreparedClient::new(&c).is_ok());
        // A registered algorithm outside JWT-SVID §2.1's list can never be met.
        c.token_endpoint_auth_signing_alg = Some("HS256".into());
        assert_eq!(
            PreparedClient::new(&c).unwrap_err(),
            crate::wire::error::registration::MetadataError::SigningAlgDoesNotFitMethod {
                alg: JwsAlgorithm::Hs256,
                method: AuthMethod::SpiffeJwt
            }
        );
        c.token_endpoint_auth_signing_alg = Some("ES256".into());
        assert!(PreparedClient::new(&c).is_ok());
    }
}
