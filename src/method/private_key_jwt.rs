//! `private_key_jwt` (OpenID Connect Core §9, RFC 7523 §2.2): a JWT signed with a private key
//! whose public key the client registered in its `jwks`, sent as `client_assertion` with
//! `client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer`.

use crate::method::assertion;
use crate::method::Context;
use crate::primitives::assertion::key::check_key_size;
use crate::wire::authenticated::Authenticated;
use crate::wire::error::registration::MetadataError;
use crate::wire::error::AuthError;

/// Verifies the assertion's signature with the client's prepared key, after the rules every
/// client assertion shares ([`assertion::verify`]).
pub(crate) fn verify(ctx: &Context<'_>) -> Result<Authenticated, AuthError> {
    let keys = ctx
        .client
        .jwk_set()
        .ok_or(AuthError::InvalidClientMetadata(
            MetadataError::MissingJwks(ctx.client.method()),
        ))?;
    let profile = ctx.server.metadata().fapi_profile;
    assertion::verify(ctx, |alg, assertion| {
        let key = keys.select(alg, assertion.header().kid())?;
        // Key sizes are checked before the signature is (FAPI 1 Part 1 §5.2.2 items 5, 6).
        check_key_size(key.kind(), profile)?;
        key.verify(alg, assertion.signing_input(), assertion.signature())
    })
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::dispatch::verify_prepared;
    use crate::dispatch::{authenticate_prepared, claimed_client_id};
    use crate::prepared::{PreparedClient, PreparedServer};
    use crate::primitives::assertion::testing::{
        b64, compact, jwks, public_jwk, sign, Signer, TestKey,
    };
    use crate::primitives::replay::{InMemoryReplayCache, ReplayCache, ReplayError};
    use crate::wire::authenticated::Authenticated;
    use crate::wire::error::assertion::{AudienceProblem, Claim, KeyHeader};
    use crate::wire::error::clock::Clock;
    use crate::wire::error::registration::MetadataError;
    use crate::wire::error::replay::StoreFailure;
    use crate::wire::error::shown::ShownList;
    use crate::wire::error::AuthError;
    use crate::wire::metadata::algorithm::JwsAlgorithm;
    use crate::wire::metadata::client::ClientMetadata;
    use crate::wire::metadata::endpoint::Endpoint;
    use crate::wire::metadata::method::AuthMethod;
    use crate::wire::metadata::policy::{AssertionAudience, FapiProfile};
    use crate::wire::metadata::server::ServerMetadata;
    use crate::wire::request::{RequestParts, MAX_CLIENT_ASSERTION_BYTES};

    const NOW: i64 = 1_764_300_000;
    const CLIENT: &str = "s6BhdRkqt3";
    const ISSUER: &str = "https://as.example.com";
    const TOKEN_ENDPOINT: &str = "https://as.example.com/token";
    const OTHER_AUDIENCE: &str = "https://other.example";
    const TYPE: &str = "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer";

    /// Every algorithm `private_key_jwt` verifies, with the test key that signs it.
    const ALGORITHMS: [(&str, TestKey); 11] = [
        ("RS256", TestKey::Rsa2048),
        ("RS384", TestKey::Rsa2048),
        ("RS512", TestKey::Rsa2048),
        ("PS256", TestKey::Rsa2048),
        ("PS384", TestKey::Rsa2048),
        ("PS512", TestKey::Rsa2048),
        ("ES256", TestKey::P256),
        ("ES384", TestKey::P384),
        ("ES512", TestKey::P521),
        ("EdDSA", TestKey::Ed25519),
        ("Ed25519", TestKey::Ed25519),
    ];

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

    fn client() -> ClientMetadata {
        let mut c = ClientMetadata::new(CLIENT);
        c.token_endpoint_auth_method = Some("private_key_jwt".into());
        let keys: Vec<(TestKey, &str)> = TestKey::USABLE.iter().map(|k| (*k, kid(*k))).collect();
        c.jwks = Some(jwks(&keys));
        c
    }

    fn server() -> ServerMetadata {
        let mut s = ServerMetadata::new(ISSUER);
        s.token_endpoint = Some(TOKEN_ENDPOINT.into());
        s.token_endpoint_auth_methods_supported = Some(vec!["private_key_jwt".into()]);
        s
    }

    fn claims() -> Value {
        json!({
            "iss": CLIENT, "sub": CLIENT, "aud": ISSUER,
            "iat": NOW, "exp": NOW + 60, "jti": "jti-1",
        })
    }

    fn header(alg: &str, key: TestKey) -> Value {
        json!({"alg": alg, "kid": kid(key)})
    }

    fn request(assertion: &str) -> RequestParts {
        RequestParts::builder()
            .form_body(format!(
                "grant_type=client_credentials&client_assertion_type={TYPE}&client_assertion={assertion}"
            ))
            .now(NOW)
            .build()
            .unwrap()
    }

    /// Authenticates one assertion with a fresh replay cache.
    fn verify_with(
        assertion: &str,
        client: &ClientMetadata,
        server: &ServerMetadata,
    ) -> Result<Authenticated, AuthError> {
        let client = PreparedClient::new(client)?;
        let server = PreparedServer::new(server).unwrap();
        authenticate_prepared(
            &request(assertion),
            &client,
            &server,
            &InMemoryReplayCache::new(),
        )
    }

    fn verify(assertion: &str) -> Result<Authenticated, AuthError> {
        verify_with(assertion, &client(), &server())
    }

    /// Authenticates a request with a fresh replay cache.
    fn run(
        request: &RequestParts,
        client: &ClientMetadata,
        server: &ServerMetadata,
    ) -> Result<Authenticated, AuthError> {
        let client = PreparedClient::new(client)?;
        let server = PreparedServer::new(server).unwrap();
        authenticate_prepared(request, &client, &server, &InMemoryReplayCache::new())
    }

    fn signed(alg: &str, key: TestKey, claims: &Value) -> String {
        sign(Signer::Key(key), &header(alg, key), claims)
    }

    fn flip_last_signature_bit(token: &str) -> String {
        let dot = token.rfind('.').unwrap();
        let mut sig = base64::Engine::decode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            &token[dot + 1..],
        )
        .unwrap();
        *sig.last_mut().unwrap() ^= 1;
        format!("{}.{}", &token[..dot], b64(sig))
    }

    #[test]
    fn every_algorithm_verifies_with_the_prepared_key() {
        for (alg, key) in ALGORITHMS {
            let ok = verify(&signed(alg, key, &claims())).unwrap_or_else(|e| panic!("{alg}: {e}"));
            assert_eq!(ok.client_id(), CLIENT, "{alg}");
            assert_eq!(ok.method(), AuthMethod::PrivateKeyJwt, "{alg}");
            assert_eq!(ok.jti(), Some("jti-1"), "{alg}");
            assert_eq!(ok.assertion_expires_at(), Some(NOW + 60), "{alg}");
            assert_eq!(ok.assertion_explicitly_typed(), Some(false), "{alg}");
        }
    }

    #[test]
    fn every_algorithm_verifies_without_a_kid_when_one_key_fits() {
        for (alg, key) in ALGORITHMS {
            let mut c = client();
            c.jwks = Some(jwks(&[(key, "only")]));
            let token = sign(Signer::Key(key), &json!({"alg": alg}), &claims());
            assert!(verify_with(&token, &c, &server()).is_ok(), "{alg}");
        }
    }

    #[test]
    fn flipped_signature_bit_is_refused_for_every_algorithm() {
        for (alg, key) in ALGORITHMS {
            let token = flip_last_signature_bit(&signed(alg, key, &claims()));
            assert_eq!(
                verify(&token).unwrap_err(),
                AuthError::InvalidAssertionSignature,
                "{alg}"
            );
        }
    }

    #[test]
    fn changed_claims_break_the_signature() {
        let token = signed("PS256", TestKey::Rsa2048, &claims());
        let parts: Vec<&str> = token.split('.').collect();
        let mut other = claims();
        other["exp"] = json!(NOW + 61);
        let forged = format!("{}.{}.{}", parts[0], b64(other.to_string()), parts[2]);
        assert_eq!(
            verify(&forged).unwrap_err(),
            AuthError::InvalidAssertionSignature
        );
    }

    #[test]
    fn signature_by_another_key_of_the_same_type_is_refused() {
        // The registered P-256 key is a fresh one; the assertion is signed by the test key.
        let other = josekit::jws::ES256.generate_key_pair().unwrap();
        let mut jwk =
            serde_json::to_value(josekit::jwk::KeyPair::to_jwk_public_key(&other)).unwrap();
        jwk["kid"] = json!("k");
        let mut c = client();
        c.jwks = Some(json!({ "keys": [jwk] }));
        let token = sign(
            Signer::Key(TestKey::P256),
            &json!({"alg": "ES256", "kid": "k"}),
            &claims(),
        );
        assert_eq!(
            verify_with(&token, &c, &server()).unwrap_err(),
            AuthError::InvalidAssertionSignature
        );
    }

    #[test]
    fn alg_none_is_refused() {
        let unsecured = compact(r#"{"alg":"none"}"#, &claims().to_string(), b"");
        assert_eq!(
            verify(&unsecured).unwrap_err(),
            AuthError::UnsecuredAssertion
        );
        // alg none with some signature bytes, and a real alg with an empty signature.
        let with_sig = compact(r#"{"alg":"none"}"#, &claims().to_string(), b"x");
        assert_eq!(
            verify(&with_sig).unwrap_err(),
            AuthError::UnsecuredAssertion
        );
        let empty_sig = compact(
            r#"{"alg":"ES256","kid":"p256"}"#,
            &claims().to_string(),
            b"",
        );
        assert_eq!(
            verify(&empty_sig).unwrap_err(),
            AuthError::UnsecuredAssertion
        );
        assert_eq!(
            AuthError::UnsecuredAssertion.oauth_code().as_str(),
            "invalid_client"
        );
    }

    #[test]
    fn hs256_keyed_with_the_clients_public_key_is_refused() {
        // The algorithm-confusion attack: an HMAC whose key is the public key's bytes, in
        // each form a confused verifier might use.
        let jwk = public_jwk(TestKey::Rsa2048);
        let n = jwk["n"].as_str().unwrap().to_owned();
        let forms: [Vec<u8>; 3] = [
            jwk.to_string().into_bytes(),
            n.clone().into_bytes(),
            base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, &n).unwrap(),
        ];
        for key_bytes in &forms {
            for kid_header in [
                json!({"alg": "HS256"}),
                json!({"alg": "HS256", "kid": "rsa"}),
            ] {
                let token = sign(Signer::Hmac(key_bytes), &kid_header, &claims());
                assert_eq!(
                    verify(&token).unwrap_err(),
                    AuthError::AssertionAlgorithmNotForMethod {
                        alg: JwsAlgorithm::Hs256,
                        method: AuthMethod::PrivateKeyJwt
                    }
                );
            }
        }
    }

    #[test]
    fn ecdsa_with_r_and_s_zero_is_refused() {
        // CVE-2022-21449 ("psychic signatures"): r = s = 0 verifies against anything in a
        // broken ECDSA check.
        for (alg, key, half) in [
            ("ES256", TestKey::P256, 32),
            ("ES384", TestKey::P384, 48),
            ("ES512", TestKey::P521, 66),
        ] {
            let good = signed(alg, key, &claims());
            let dot = good.rfind('.').unwrap();
            let input = &good[..dot];
            let zero = vec![0u8; 2 * half];
            let mut r_zero = signature_of(&good);
            r_zero[..half].fill(0);
            let mut s_zero = signature_of(&good);
            s_zero[half..].fill(0);
            for sig in [zero, r_zero, s_zero] {
                let token = format!("{input}.{}", b64(&sig));
                assert_eq!(
                    verify(&token).unwrap_err(),
                    AuthError::InvalidAssertionSignature,
                    "{alg}"
                );
            }
            // A DER signature where R || S is expected does not verify either.
            let token = format!(
                "{input}.{}",
                b64([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01])
            );
            assert_eq!(
                verify(&token).unwrap_err(),
                AuthError::InvalidAssertionSignature
            );
        }
    }

    fn signature_of(token: &str) -> Vec<u8> {
        let sig = token.rsplit('.').next().unwrap();
        base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, sig).unwrap()
    }

    #[test]
    fn kid_naming_no_key_is_refused() {
        let token = sign(
            Signer::Key(TestKey::P256),
            &json!({"alg": "ES256", "kid": "no-such-key"}),
            &claims(),
        );
        assert_eq!(
            verify(&token).unwrap_err(),
            AuthError::AssertionKeyNotFound {
                kid: "no-such-key".into()
            }
        );
    }

    #[test]
    fn kid_naming_a_key_of_another_type_is_refused() {
        let token = sign(
            Signer::Key(TestKey::Rsa2048),
            &json!({"alg": "PS256", "kid": kid(TestKey::P256)}),
            &claims(),
        );
        assert_eq!(
            verify(&token).unwrap_err(),
            AuthError::AssertionKeyMismatch {
                alg: JwsAlgorithm::Ps256
            }
        );
    }

    #[test]
    fn two_fitting_keys_without_kid_are_ambiguous() {
        let mut c = client();
        c.jwks = Some(jwks(&[(TestKey::P256, "a"), (TestKey::P256, "b")]));
        let token = sign(
            Signer::Key(TestKey::P256),
            &json!({"alg": "ES256"}),
            &claims(),
        );
        assert_eq!(
            verify_with(&token, &c, &server()).unwrap_err(),
            AuthError::AmbiguousAssertionKey {
                alg: JwsAlgorithm::Es256
            }
        );
        let token = sign(
            Signer::Key(TestKey::P256),
            &json!({"alg": "ES256", "kid": "b"}),
            &claims(),
        );
        assert!(verify_with(&token, &c, &server()).is_ok());
    }

    fn weak_rsa_client() -> ClientMetadata {
        let mut c = client();
        c.jwks = Some(jwks(&[(TestKey::Rsa1024, "weak")]));
        c
    }

    fn weak_rsa_assertion(alg: &str) -> String {
        // josekit will not sign with a 1024-bit key; the signature is never looked at.
        compact(
            &json!({"alg": alg, "kid": "weak"}).to_string(),
            &claims().to_string(),
            &[0x5A; 128],
        )
    }

    #[test]
    fn rsa_1024_key_is_refused_under_every_fapi_profile() {
        for profile in [
            FapiProfile::Fapi1Baseline,
            FapiProfile::Fapi1Advanced,
            FapiProfile::Fapi2,
        ] {
            let mut s = server();
            s.fapi_profile = Some(profile);
            assert_eq!(
                verify_with(&weak_rsa_assertion("PS256"), &weak_rsa_client(), &s).unwrap_err(),
                AuthError::AssertionKeyTooSmall {
                    bits: 1024,
                    min_bits: 2048
                },
                "{profile}"
            );
        }
        // And without a profile: RFC 7518 §3.3 requires 2048 bits for RS*/PS* anyway.
        assert_eq!(
            verify_with(&weak_rsa_assertion("RS256"), &weak_rsa_client(), &server()).unwrap_err(),
            AuthError::AssertionKeyTooSmall {
                bits: 1024,
                min_bits: 2048
            }
        );
    }

    #[test]
    fn fapi_algorithm_lists() {
        use FapiProfile::*;
        let table: &[(FapiProfile, &str, TestKey, bool)] = &[
            (Fapi1Baseline, "RS256", TestKey::Rsa2048, true),
            (Fapi1Baseline, "ES512", TestKey::P521, true),
            (Fapi1Advanced, "PS256", TestKey::Rsa2048, true),
            (Fapi1Advanced, "ES256", TestKey::P256, true),
            (Fapi1Advanced, "RS256", TestKey::Rsa2048, false),
            (Fapi1Advanced, "PS512", TestKey::Rsa2048, false),
            (Fapi1Advanced, "EdDSA", TestKey::Ed25519, false),
            (Fapi2, "PS256", TestKey::Rsa2048, true),
            (Fapi2, "ES256", TestKey::P256, true),
            (Fapi2, "EdDSA", TestKey::Ed25519, true),
            (Fapi2, "Ed25519", TestKey::Ed25519, true),
            (Fapi2, "RS256", TestKey::Rsa2048, false),
            (Fapi2, "ES384", TestKey::P384, false),
        ];
        for (profile, alg, key, accepted) in table {
            let mut s = server();
            s.fapi_profile = Some(*profile);
            let got = verify_with(&signed(alg, *key, &claims()), &client(), &s);
            if *accepted {
                assert!(got.is_ok(), "{profile} {alg}: {got:?}");
            } else {
                assert_eq!(
                    got.unwrap_err(),
                    AuthError::AssertionAlgorithmNotAllowedByProfile {
                        alg: JwsAlgorithm::from_name(alg).unwrap(),
                        profile: *profile
                    },
                    "{profile} {alg}"
                );
            }
        }
    }

    #[test]
    fn refused_algorithm_costs_no_signature_work() {
        // Under fapi1-advanced, RS256 is refused before the key is selected: even with a kid
        // that names no key, the error is the profile's.
        let mut s = server();
        s.fapi_profile = Some(FapiProfile::Fapi1Advanced);
        let token = compact(
            r#"{"alg":"RS256","kid":"no-such-key"}"#,
            &claims().to_string(),
            b"garbage",
        );
        assert_eq!(
            verify_with(&token, &client(), &s).unwrap_err(),
            AuthError::AssertionAlgorithmNotAllowedByProfile {
                alg: JwsAlgorithm::Rs256,
                profile: FapiProfile::Fapi1Advanced
            }
        );
    }

    #[test]
    fn endpoint_algorithm_lists_rfc8414() {
        let mut s = server();
        s.token_endpoint_auth_signing_alg_values_supported = Some(vec!["ES256".into()]);
        s.revocation_endpoint_auth_methods_supported = Some(vec!["private_key_jwt".into()]);
        s.revocation_endpoint_auth_signing_alg_values_supported = Some(vec!["PS256".into()]);
        let es = signed("ES256", TestKey::P256, &claims());
        let ps = signed("PS256", TestKey::Rsa2048, &claims());
        assert!(verify_with(&es, &client(), &s).is_ok());
        assert_eq!(
            verify_with(&ps, &client(), &s).unwrap_err(),
            AuthError::AssertionAlgorithmNotSupported {
                alg: JwsAlgorithm::Ps256,
                endpoint: Endpoint::Token
            }
        );
        // The revocation endpoint has its own list.
        let at_revocation = |token: &str| {
            let r = RequestParts::builder()
                .endpoint(Endpoint::Revocation)
                .form_body(format!(
                    "token=t&client_assertion_type={TYPE}&client_assertion={token}"
                ))
                .now(NOW)
                .build()
                .unwrap();
            run(&r, &client(), &s)
        };
        assert!(at_revocation(&signed("PS256", TestKey::Rsa2048, &claims())).is_ok());
        assert_eq!(
            at_revocation(&signed("ES256", TestKey::P256, &json!(claims()))).unwrap_err(),
            AuthError::AssertionAlgorithmNotSupported {
                alg: JwsAlgorithm::Es256,
                endpoint: Endpoint::Revocation
            }
        );
    }

    #[test]
    fn registered_signing_alg_must_be_used() {
        let mut c = client();
        c.token_endpoint_auth_signing_alg = Some("ES256".into());
        assert!(verify_with(&signed("ES256", TestKey::P256, &claims()), &c, &server()).is_ok());
        assert_eq!(
            verify_with(&signed("PS256", TestKey::Rsa2048, &claims()), &c, &server()).unwrap_err(),
            AuthError::AssertionAlgorithmNotRegistered {
                alg: JwsAlgorithm::Ps256,
                registered: JwsAlgorithm::Es256
            }
        );
        // Names compare exactly: a client registered for EdDSA does not get Ed25519.
        c.token_endpoint_auth_signing_alg = Some("EdDSA".into());
        assert_eq!(
            verify_with(
                &signed("Ed25519", TestKey::Ed25519, &claims()),
                &c,
                &server()
            )
            .unwrap_err(),
            AuthError::AssertionAlgorithmNotRegistered {
                alg: JwsAlgorithm::Ed25519,
                registered: JwsAlgorithm::EdDsa
            }
        );
    }

    #[test]
    fn crit_and_key_naming_headers_are_refused() {
        let mut h = header("ES256", TestKey::P256);
        h["crit"] = json!(["exp"]);
        h["exp"] = json!(NOW);
        let token = sign(Signer::Key(TestKey::P256), &h, &claims());
        assert_eq!(
            verify(&token).unwrap_err(),
            AuthError::AssertionCriticalHeader
        );

        let table: &[(&str, Value, KeyHeader)] = &[
            (
                "jku",
                json!("https://attacker.example/jwks.json"),
                KeyHeader::Jku,
            ),
            ("jwk", public_jwk(TestKey::P256), KeyHeader::Jwk),
            (
                "x5u",
                json!("https://attacker.example/cert.pem"),
                KeyHeader::X5u,
            ),
            ("x5c", json!(["MIIBszCCAVmgAwIBAgIU"]), KeyHeader::X5c),
        ];
        for (name, value, want) in table {
            let mut h = header("ES256", TestKey::P256);
            h[*name] = value.clone();
            let token = sign(Signer::Key(TestKey::P256), &h, &claims());
            assert_eq!(
                verify(&token).unwrap_err(),
                AuthError::AssertionKeyHeader { header: *want },
                "{name}"
            );
        }
    }

    #[test]
    fn explicit_typing() {
        type Row<'a> = (Option<&'a str>, Result<Option<bool>, AuthError>);
        let table: &[Row<'_>] = &[
            (None, Ok(Some(false))),
            (Some("JWT"), Ok(Some(false))),
            (Some("client-authentication+jwt"), Ok(Some(true))),
            (
                Some("application/client-authentication+jwt"),
                Ok(Some(true)),
            ),
            (
                Some("dpop+jwt"),
                Err(AuthError::AssertionTypeNotAllowed {
                    typ: Some("dpop+jwt".into()),
                }),
            ),
            (
                Some("at+jwt"),
                Err(AuthError::AssertionTypeNotAllowed {
                    typ: Some("at+jwt".into()),
                }),
            ),
            (
                Some("oauth-client-attestation-pop+jwt"),
                Err(AuthError::AssertionTypeNotAllowed {
                    typ: Some("oauth-client-attestation-pop+jwt".into()),
                }),
            ),
        ];
        for (typ, want) in table {
            let mut h = header("ES256", TestKey::P256);
            if let Some(typ) = typ {
                h["typ"] = json!(typ);
            }
            let token = sign(Signer::Key(TestKey::P256), &h, &claims());
            let got = verify(&token).map(|a| a.assertion_explicitly_typed());
            assert_eq!(&got, want, "{typ:?}");
        }
    }

    #[test]
    fn dpop_proof_offered_as_an_assertion_is_refused() {
        // A DPoP proof (RFC 9449 §4.2) carries its key in `jwk`; typed, it is refused on its
        // type before anything else about it matters.
        let proof = sign(
            Signer::Key(TestKey::P256),
            &json!({"typ": "dpop+jwt", "alg": "ES256", "kid": "p256"}),
            &json!({"jti": "d1", "htm": "POST", "htu": TOKEN_ENDPOINT, "iat": NOW,
                    "iss": CLIENT, "sub": CLIENT, "aud": ISSUER, "exp": NOW + 60}),
        );
        assert_eq!(
            verify(&proof).unwrap_err(),
            AuthError::AssertionTypeNotAllowed {
                typ: Some("dpop+jwt".into())
            }
        );
    }

    #[test]
    fn token_endpoint_audience_under_the_default_policy_is_refused() {
        let mut c = claims();
        c["aud"] = json!(TOKEN_ENDPOINT);
        let token = signed("ES256", TestKey::P256, &c);
        assert_eq!(
            verify(&token).unwrap_err(),
            AuthError::AssertionAudienceMismatch {
                policy: AssertionAudience::Issuer,
                problem: AudienceProblem::EndpointUrl,
                aud: ShownList::one(TOKEN_ENDPOINT),
                expected: ShownList::one(ISSUER),
            }
        );
        // The legacy policy accepts it.
        let mut s = server();
        s.assertion_audience = Some(AssertionAudience::IssuerOrEndpoint);
        assert!(verify_with(&token, &client(), &s).is_ok());
    }

    #[test]
    fn audience_array_under_issuer_string_is_refused() {
        let mut c = claims();
        c["aud"] = json!([ISSUER]);
        let token = signed("ES256", TestKey::P256, &c);
        // Accepted under the default policy ...
        assert!(verify(&token).is_ok());
        // ... refused under issuer-string, and under fapi2, which forces it.
        for (policy, profile) in [
            (Some(AssertionAudience::IssuerString), None),
            (None, Some(FapiProfile::Fapi2)),
        ] {
            let mut s = server();
            s.assertion_audience = policy;
            s.fapi_profile = profile;
            assert_eq!(
                verify_with(&token, &client(), &s).unwrap_err(),
                AuthError::AssertionAudienceMismatch {
                    policy: AssertionAudience::IssuerString,
                    problem: AudienceProblem::NotAString,
                    aud: ShownList::many([ISSUER]),
                    expected: ShownList::one(ISSUER),
                }
            );
        }
    }

    #[test]
    fn claim_rules_end_to_end() {
        let table: &[(&str, Value, AuthError)] = &[
            (
                "iss",
                json!("someone-else"),
                AuthError::AssertionIssuerMismatch {
                    iss: "someone-else".into(),
                    client_id: CLIENT.into(),
                },
            ),
            ("sub", json!("someone-else"), AuthError::ClientMismatch),
            (
                "aud",
                json!(OTHER_AUDIENCE),
                AuthError::AssertionAudienceMismatch {
                    policy: AssertionAudience::Issuer,
                    problem: AudienceProblem::NotThisServer,
                    aud: ShownList::one(OTHER_AUDIENCE),
                    expected: ShownList::one(ISSUER),
                },
            ),
            (
                "exp",
                json!(null),
                AuthError::AssertionClaimType { claim: Claim::Exp },
            ),
            (
                "exp",
                json!("1764300060"),
                AuthError::AssertionClaimType { claim: Claim::Exp },
            ),
            (
                "exp",
                json!(1e300),
                AuthError::AssertionDateOutOfRange { claim: Claim::Exp },
            ),
            (
                "exp",
                json!(-1),
                AuthError::AssertionDateOutOfRange { claim: Claim::Exp },
            ),
            (
                "exp",
                json!(NOW - 30),
                AuthError::AssertionExpired {
                    expired_at: NOW - 30,
                    clock: Clock { now: NOW, skew: 30 },
                },
            ),
            (
                "nbf",
                json!(NOW + 31),
                AuthError::AssertionNotYetValid {
                    claim: Claim::Nbf,
                    at: NOW + 31,
                    clock: Clock { now: NOW, skew: 30 },
                },
            ),
            (
                "iat",
                json!(NOW + 31),
                AuthError::AssertionNotYetValid {
                    claim: Claim::Iat,
                    at: NOW + 31,
                    clock: Clock { now: NOW, skew: 30 },
                },
            ),
            (
                "jti",
                json!(7),
                AuthError::AssertionClaimType { claim: Claim::Jti },
            ),
        ];
        for (name, value, want) in table {
            let mut c = claims();
            c[*name] = value.clone();
            let token = signed("ES256", TestKey::P256, &c);
            assert_eq!(&verify(&token).unwrap_err(), want, "{name} = {value}");
            assert_eq!(want.oauth_code().as_str(), "invalid_client", "{name}");
        }
        for name in ["iss", "aud", "exp", "jti"] {
            let mut c = claims();
            c.as_object_mut().unwrap().remove(name);
            let token = signed("ES256", TestKey::P256, &c);
            let claim = match name {
                "iss" => Claim::Iss,
                "aud" => Claim::Aud,
                "exp" => Claim::Exp,
                _ => Claim::Jti,
            };
            assert_eq!(
                verify(&token).unwrap_err(),
                AuthError::AssertionClaimMissing { claim },
                "{name}"
            );
        }
    }

    #[test]
    fn exp_just_inside_and_just_outside_the_skew() {
        let mut inside = claims();
        inside["iat"] = json!(NOW - 89);
        inside["exp"] = json!(NOW - 29);
        assert_eq!(
            verify(&signed("ES256", TestKey::P256, &inside)).map(|a| a.assertion_expires_at()),
            Ok(Some(NOW - 29))
        );
        let mut outside = claims();
        outside["iat"] = json!(NOW - 90);
        outside["exp"] = json!(NOW - 30);
        assert_eq!(
            verify(&signed("ES256", TestKey::P256, &outside)).unwrap_err(),
            AuthError::AssertionExpired {
                expired_at: NOW - 30,
                clock: Clock { now: NOW, skew: 30 },
            }
        );
    }

    #[test]
    fn lifetime_exactly_at_the_maximum_is_accepted() {
        let mut c = claims();
        c["exp"] = json!(NOW + 3600);
        assert!(verify(&signed("ES256", TestKey::P256, &c)).is_ok());
        c["exp"] = json!(NOW + 3601);
        assert_eq!(
            verify(&signed("ES256", TestKey::P256, &c)).unwrap_err(),
            AuthError::AssertionLifetimeTooLong {
                lifetime: 3601,
                max: 3600
            }
        );
        let mut s = server();
        s.max_assertion_lifetime_seconds = Some(60);
        c["exp"] = json!(NOW + 60);
        assert!(verify_with(&signed("ES256", TestKey::P256, &c), &client(), &s).is_ok());
        c["exp"] = json!(NOW + 61);
        assert_eq!(
            verify_with(&signed("ES256", TestKey::P256, &c), &client(), &s).unwrap_err(),
            AuthError::AssertionLifetimeTooLong {
                lifetime: 61,
                max: 60
            }
        );
    }

    #[test]
    fn fractional_numeric_dates_are_accepted() {
        let mut c = claims();
        c["iat"] = json!(NOW as f64 + 0.25);
        c["exp"] = json!(NOW as f64 + 60.75);
        let ok = verify(&signed("ES256", TestKey::P256, &c)).unwrap();
        assert_eq!(ok.assertion_expires_at(), Some(NOW + 60));
    }

    #[test]
    fn jti_may_be_made_optional() {
        let mut c = claims();
        c.as_object_mut().unwrap().remove("jti");
        let token = signed("ES256", TestKey::P256, &c);
        let mut s = server();
        s.require_jti = Some(false);
        let ok = verify_with(&token, &client(), &s).unwrap();
        assert_eq!(ok.jti(), None);
        assert_eq!(ok.assertion_expires_at(), Some(NOW + 60));
    }

    #[test]
    fn same_jti_twice_is_a_replay_until_exp_plus_skew() {
        let client = PreparedClient::new(&client()).unwrap();
        let server = PreparedServer::new(&server()).unwrap();
        let cache = InMemoryReplayCache::new();
        let token = signed("ES256", TestKey::P256, &claims());
        let at = |now: i64, token: &str| {
            let r = RequestParts::builder()
                .form_body(format!(
                    "client_assertion_type={TYPE}&client_assertion={token}"
                ))
                .now(now)
                .build()
                .unwrap();
            authenticate_prepared(&r, &client, &server, &cache)
        };
        assert!(at(NOW, &token).is_ok());
        assert_eq!(
            at(NOW + 1, &token).unwrap_err(),
            AuthError::AssertionReplayed
        );
        // Another assertion with the same jti is a replay too: the key is (client, jti).
        let mut c = claims();
        c["exp"] = json!(NOW + 120);
        let same_jti = signed("PS256", TestKey::Rsa2048, &c);
        assert_eq!(
            at(NOW + 2, &same_jti).unwrap_err(),
            AuthError::AssertionReplayed
        );
        assert_eq!(
            AuthError::AssertionReplayed.oauth_code().as_str(),
            "invalid_client"
        );
    }

    #[test]
    fn refused_assertion_does_not_burn_its_jti() {
        let client = PreparedClient::new(&client()).unwrap();
        let server = PreparedServer::new(&server()).unwrap();
        let cache = InMemoryReplayCache::new();
        let run = |token: &str| authenticate_prepared(&request(token), &client, &server, &cache);
        let good = signed("ES256", TestKey::P256, &claims());
        // An attacker who saw the jti sends a forged assertion with it first.
        let forged = flip_last_signature_bit(&good);
        assert_eq!(
            run(&forged).unwrap_err(),
            AuthError::InvalidAssertionSignature
        );
        let mut wrong_aud = claims();
        wrong_aud["aud"] = json!(TOKEN_ENDPOINT);
        assert_eq!(
            run(&signed("ES256", TestKey::P256, &wrong_aud)).unwrap_err(),
            AuthError::AssertionAudienceMismatch {
                policy: AssertionAudience::Issuer,
                problem: AudienceProblem::EndpointUrl,
                aud: ShownList::one(TOKEN_ENDPOINT),
                expected: ShownList::one(ISSUER),
            }
        );
        assert!(run(&good).is_ok());
        assert_eq!(run(&good).unwrap_err(), AuthError::AssertionReplayed);
    }

    struct FailingStore(ReplayError);

    impl ReplayCache for FailingStore {
        fn check_and_record(&self, _: &str, _: &str, _: i64, _: i64) -> Result<(), ReplayError> {
            Err(self.0.clone())
        }
    }

    #[test]
    fn a_rotated_key_refuses_the_old_keys_assertion_on_the_next_call() {
        // Through `authenticate`, whose process-wide cache keeps prepared clients: a unique
        // client id keeps other tests' entries apart.
        let id = "rotating-client";
        let registered = |key: TestKey| {
            let mut c = ClientMetadata::new(id);
            c.token_endpoint_auth_method = Some("private_key_jwt".into());
            c.jwks = Some(jwks(&[(key, "k1")]));
            c
        };
        let assertion = |key: TestKey, jti: &str| {
            let claims = json!({
                "iss": id, "sub": id, "aud": ISSUER, "iat": NOW, "exp": NOW + 60, "jti": jti,
            });
            sign(
                Signer::Key(key),
                &json!({"alg": "ES256", "kid": "k1"}),
                &claims,
            )
        };
        let old = registered(TestKey::P256);
        assert!(crate::dispatch::authenticate(
            &request(&assertion(TestKey::P256, "r-1")),
            &old,
            &server()
        )
        .is_ok());
        assert!(crate::dispatch::authenticate(
            &request(&assertion(TestKey::P256, "r-2")),
            &old,
            &server()
        )
        .is_ok());
        // The client rotates to another key under the same kid: the very next request signed
        // with the old key is refused, and the new key is accepted.
        let mut new = registered(TestKey::P384);
        new.token_endpoint_auth_signing_alg = None;
        let refused = crate::dispatch::authenticate(
            &request(&assertion(TestKey::P256, "r-3")),
            &new,
            &server(),
        );
        assert!(refused.is_err(), "{refused:?}");
        let p384 = |jti: &str| {
            let claims = json!({
                "iss": id, "sub": id, "aud": ISSUER, "iat": NOW, "exp": NOW + 60, "jti": jti,
            });
            sign(
                Signer::Key(TestKey::P384),
                &json!({"alg": "ES384", "kid": "k1"}),
                &claims,
            )
        };
        assert!(crate::dispatch::authenticate(&request(&p384("r-4")), &new, &server()).is_ok());
        // And back: the old registration is another entry, not a stale one.
        assert!(crate::dispatch::authenticate(&request(&p384("r-5")), &old, &server()).is_err());
    }

    #[test]
    fn replay_store_failures_fail_closed() {
        let client = PreparedClient::new(&client()).unwrap();
        let server = PreparedServer::new(&server()).unwrap();
        let token = signed("ES256", TestKey::P256, &claims());
        let down = StoreFailure::new("connection refused");
        let table = [
            (ReplayError::Replayed, AuthError::AssertionReplayed, 401),
            (
                ReplayError::ClientQuotaExceeded,
                AuthError::ReplayClientQuotaExceeded,
                401,
            ),
            // Outages are the server's: 503 temporarily_unavailable, never invalid_client.
            (ReplayError::StoreFull, AuthError::ReplayStoreFull, 503),
            (
                ReplayError::Unavailable(down.clone()),
                AuthError::ReplayStoreUnavailable { failure: down },
                503,
            ),
        ];
        for (store_error, want, status) in table {
            let got = authenticate_prepared(
                &request(&token),
                &client,
                &server,
                &FailingStore(store_error.clone()),
            );
            let err = got.unwrap_err();
            assert_eq!(err, want, "{store_error:?}");
            assert_eq!(err.status(), status, "{store_error:?}");
            assert!(!want.description().contains("jti"));
            if status == 503 {
                let response = err.response(false);
                assert_eq!(response.code().as_str(), "temporarily_unavailable");
                assert!(response.headers().contains(&("Retry-After", "5")));
                assert_eq!(response.www_authenticate(), None);
            }
        }
        // The operator's text names the store's failure.
        let err = AuthError::ReplayStoreUnavailable {
            failure: StoreFailure::new("timed out after 500 ms"),
        };
        assert!(err.to_string().contains("timed out after 500 ms"), "{err}");
    }

    #[test]
    fn verify_records_nothing_until_committed() {
        let client = PreparedClient::new(&client()).unwrap();
        let server = PreparedServer::new(&server()).unwrap();
        let token = signed("ES256", TestKey::P256, &claims());
        let store = InMemoryReplayCache::new();
        let verified = verify_prepared(&request(&token), &client, &server).unwrap();
        let entry = verified.replay_entry().unwrap();
        assert_eq!((entry.client_id(), entry.now()), (CLIENT, NOW));
        // Verifying again is no replay: nothing was recorded.
        let again = verify_prepared(&request(&token), &client, &server).unwrap();
        assert!(store.is_empty());
        assert!(verified.commit(&store).is_ok());
        assert_eq!(store.len(), 1);
        assert_eq!(
            again.commit(&store).unwrap_err(),
            AuthError::AssertionReplayed
        );
    }

    #[test]
    fn replay_is_remembered_until_exp_plus_skew() {
        struct Recorder(std::sync::Mutex<Vec<(String, String, i64, i64)>>);
        impl ReplayCache for Recorder {
            fn check_and_record(
                &self,
                client_id: &str,
                jti: &str,
                until: i64,
                now: i64,
            ) -> Result<(), ReplayError> {
                self.0
                    .lock()
                    .unwrap()
                    .push((client_id.into(), jti.into(), until, now));
                Ok(())
            }
        }
        let store = Recorder(Default::default());
        let client = PreparedClient::new(&client()).unwrap();
        let server = PreparedServer::new(&server()).unwrap();
        let token = signed("ES256", TestKey::P256, &claims());
        authenticate_prepared(&request(&token), &client, &server, &store).unwrap();
        assert_eq!(
            store.0.lock().unwrap().as_slice(),
            &[(CLIENT.to_owned(), "jti-1".to_owned(), NOW + 60 + 30, NOW)]
        );
    }

    #[test]
    fn client_id_parameter_must_name_the_assertion_subject() {
        let token = signed("ES256", TestKey::P256, &claims());
        let with_id = |id: &str| {
            RequestParts::builder()
                .form_body(format!(
                    "client_id={id}&client_assertion_type={TYPE}&client_assertion={token}"
                ))
                .now(NOW)
                .build()
                .unwrap()
        };
        assert!(run(&with_id(CLIENT), &client(), &server()).is_ok());
        let r = with_id("someone-else");
        assert_eq!(
            claimed_client_id(&r).unwrap_err(),
            AuthError::ClientIdNotAssertionSubject {
                client_id: "someone-else".into(),
                sub: CLIENT.into(),
            }
        );
        let err = run(&r, &client(), &server()).unwrap_err();
        assert!(matches!(err, AuthError::ClientIdNotAssertionSubject { .. }));
        // RFC 7521 §4.2.1: an assertion that does not identify the client is invalid_client.
        assert_eq!(err.oauth_code().as_str(), "invalid_client");
    }

    #[test]
    fn claimed_client_id_reads_the_unverified_subject() {
        let table: &[(Value, Result<Option<&str>, AuthError>)] = &[
            (json!({"iss": "a", "sub": "b"}), Ok(Some("b"))),
            (json!({"iss": "a"}), Ok(Some("a"))),
            (
                json!({"aud": ISSUER}),
                Err(AuthError::AssertionClaimMissing { claim: Claim::Sub }),
            ),
        ];
        for (claims, want) in table {
            let token = compact(r#"{"alg":"ES256"}"#, &claims.to_string(), b"s");
            let r = request(&token);
            assert_eq!(&claimed_client_id(&r), want, "{claims}");
        }
        let r = request("not-a-jwt");
        assert_eq!(
            claimed_client_id(&r),
            Err(AuthError::MalformedAssertion(
                crate::wire::error::assertion::AssertionFormatError::NotCompactJws
            ))
        );
        // A subject naming another client than the one loaded is a client mismatch.
        let mut c = claims();
        c["sub"] = json!("other");
        c["iss"] = json!("other");
        assert_eq!(
            verify(&signed("ES256", TestKey::P256, &c)).unwrap_err(),
            AuthError::ClientMismatch
        );
    }

    #[test]
    fn request_form_errors() {
        let token = signed("ES256", TestKey::P256, &claims());
        let build = |body: String| RequestParts::builder().form_body(body).now(NOW).build();
        let r = build(format!("client_id={CLIENT}&client_assertion={token}")).unwrap();
        let err = run(&r, &client(), &server()).unwrap_err();
        assert_eq!(
            err,
            AuthError::MissingAssertionParameter {
                name: "client_assertion_type"
            }
        );
        assert_eq!(err.status(), 400);
        let r = build(format!("client_id={CLIENT}&client_assertion_type={TYPE}")).unwrap();
        assert_eq!(
            run(&r, &client(), &server()).unwrap_err(),
            AuthError::MissingAssertionParameter {
                name: "client_assertion"
            }
        );
        let r = build(format!(
            "client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Asaml2-bearer&client_assertion={token}"
        ))
        .unwrap();
        assert_eq!(
            run(&r, &client(), &server()).unwrap_err(),
            AuthError::UnsupportedAssertionType
        );
        // A JWE: five parts.
        let jwe = format!("{}.a.b.c.d", b64(r#"{"alg":"RSA-OAEP","enc":"A128GCM"}"#));
        let r = build(format!(
            "client_id={CLIENT}&client_assertion_type={TYPE}&client_assertion={jwe}"
        ))
        .unwrap();
        assert_eq!(
            run(&r, &client(), &server()).unwrap_err(),
            AuthError::MalformedAssertion(
                crate::wire::error::assertion::AssertionFormatError::Encrypted
            )
        );
        // Oversized: refused while the request is built.
        let big = "a".repeat(MAX_CLIENT_ASSERTION_BYTES + 1);
        assert_eq!(
            build(format!(
                "client_assertion_type={TYPE}&client_assertion={big}"
            ))
            .unwrap_err(),
            AuthError::ValueTooLarge {
                name: "client_assertion",
                limit: MAX_CLIENT_ASSERTION_BYTES
            }
        );
        // An assertion beside Basic is two methods: invalid_request.
        let r = RequestParts::builder()
            .header("Authorization", "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW")
            .form_body(format!(
                "client_assertion_type={TYPE}&client_assertion={token}"
            ))
            .now(NOW)
            .build()
            .unwrap();
        assert_eq!(run(&r, &client(), &server()).unwrap_err().status(), 400);
    }

    #[test]
    fn registration_errors_are_invalid_client_naming_the_registration() {
        let mut no_jwks = client();
        no_jwks.jwks = None;
        no_jwks.jwks_uri = Some("https://client.example/jwks".into());
        let mut not_a_set = client();
        not_a_set.jwks = Some(json!([public_jwk(TestKey::P256)]));
        let mut unusable = client();
        unusable.jwks = Some(json!({"keys": [{"kty": "OKP", "crv": "X25519", "x": "AA"}]}));
        let mut leaked = client();
        leaked.jwks = Some(json!({"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}));
        let mut hmac_alg = client();
        hmac_alg.token_endpoint_auth_signing_alg = Some("HS256".into());
        let mut none_alg = client();
        none_alg.token_endpoint_auth_signing_alg = Some("none".into());
        let table = [
            (
                no_jwks,
                MetadataError::MissingJwks(AuthMethod::PrivateKeyJwt),
            ),
            (
                not_a_set,
                MetadataError::InvalidJwks("it is not a JSON object"),
            ),
            (unusable, MetadataError::NoUsableKey),
            (
                leaked,
                MetadataError::PrivateKeyInJwks {
                    key_index: 0,
                    member: "k",
                },
            ),
            (
                hmac_alg,
                MetadataError::SigningAlgDoesNotFitMethod {
                    alg: JwsAlgorithm::Hs256,
                    method: AuthMethod::PrivateKeyJwt,
                },
            ),
            (none_alg, MetadataError::UnknownSigningAlg("none".into())),
        ];
        let token = signed("ES256", TestKey::P256, &claims());
        for (c, want) in table {
            let err = verify_with(&token, &c, &server()).unwrap_err();
            assert_eq!(
                err,
                AuthError::InvalidClientMetadata(want.clone()),
                "{want}"
            );
            assert_eq!(err.oauth_code().as_str(), "invalid_client");
            assert_eq!(err.description(), "client registration is invalid");
        }
    }

    #[test]
    fn policy_values_too_large_are_server_metadata_errors() {
        let mut s = server();
        s.clock_skew_seconds = Some(u64::MAX);
        assert_eq!(
            PreparedServer::new(&s).unwrap_err(),
            MetadataError::InvalidServerMetadata("clock_skew_seconds is larger than one year")
        );
        let mut s = server();
        s.max_assertion_lifetime_seconds = Some(crate::prepared::MAX_POLICY_SECONDS + 1);
        assert_eq!(
            PreparedServer::new(&s).unwrap_err(),
            MetadataError::InvalidServerMetadata(
                "max_assertion_lifetime_seconds is larger than one year"
            )
        );
        s.max_assertion_lifetime_seconds = Some(crate::prepared::MAX_POLICY_SECONDS);
        assert!(PreparedServer::new(&s).is_ok());
    }

    #[test]
    fn prepared_client_verifies_many_requests() {
        // Parsed once, used for every request and from several threads.
        let client = std::sync::Arc::new(PreparedClient::new(&client()).unwrap());
        let server = std::sync::Arc::new(PreparedServer::new(&server()).unwrap());
        let cache = std::sync::Arc::new(InMemoryReplayCache::new());
        let handles: Vec<_> = (0..4)
            .map(|i| {
                let (client, server, cache) = (client.clone(), server.clone(), cache.clone());
                std::thread::spawn(move || {
                    let mut c = claims();
                    c["jti"] = json!(format!("thread-{i}"));
                    let token = signed("ES256", TestKey::P256, &c);
                    authenticate_prepared(&request(&token), &client, &server, cache.as_ref())
                        .map(|a| a.jti().map(str::to_owned))
                })
            })
            .collect();
        for (i, h) in handles.into_iter().enumerate() {
            assert_eq!(h.join().unwrap(), Ok(Some(format!("thread-{i}"))));
        }
    }

    #[test]
    fn errors_never_repeat_the_assertion_or_key_material() {
        let token = signed("ES256", TestKey::P256, &claims());
        let forged = flip_last_signature_bit(&token);
        let jwk = public_jwk(TestKey::P256);
        let x = jwk["x"].as_str().unwrap();
        let err = verify(&forged).unwrap_err();
        for text in [
            err.to_string(),
            format!("{err:?}"),
            err.description().into_owned(),
        ] {
            assert!(!text.contains(&forged[..40]), "{text}");
            assert!(!text.contains(x), "{text}");
        }
        let prepared = PreparedClient::new(&client()).unwrap();
        let dbg = format!("{prepared:?}");
        assert!(!dbg.contains(x), "{dbg}");
    }
}
