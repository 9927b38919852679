//! `attest_jwt_client_auth` (draft-ietf-oauth-attestation-based-client-auth-10, the Client
//! Attestation PoP JWT form): a Client Attestation JWT from a Client Attester the server
//! trusts, binding a client instance key, and a PoP signed with that key, in the
//! `OAuth-Client-Attestation` and `OAuth-Client-Attestation-PoP` headers. Also used beside
//! another method, as the draft's "additional security signal" ([`verify_signal`]).

use crate::method::Context;
use crate::primitives::assertion::attestation::{
    self, AttestationRules, CheckedAttestation, Statement,
};
use crate::wire::authenticated::Authenticated;
use crate::wire::error::shown::Shown;
use crate::wire::error::AuthError;
use crate::wire::metadata::method::AuthMethod;

/// Verifies the attestation and its PoP as the client's authentication.
pub(crate) fn verify(ctx: &Context<'_>) -> Result<Authenticated, AuthError> {
    let checked = check(ctx)?;
    let mut authenticated =
        Authenticated::new(ctx.client.client_id(), AuthMethod::AttestJwtClientAuth);
    authenticated.jti = Some(checked.pop_jti.clone());
    bind(&mut authenticated, checked);
    Ok(authenticated)
}

/// Verifies an attestation sent beside another method (draft -10, "Client Attestation as an
/// additional security signal"): every rule applies, and the result gains its key
/// thumbprint and the PoP `jti` to record.
pub(crate) fn verify_signal(
    ctx: &Context<'_>,
    authenticated: &mut Authenticated,
) -> Result<(), AuthError> {
    let checked = check(ctx)?;
    bind(authenticated, checked);
    Ok(())
}

fn bind(authenticated: &mut Authenticated, checked: CheckedAttestation) {
    let extras = authenticated.extras_mut();
    extras.attestation_key_thumbprint = Some(checked.key_thumbprint);
    extras.attestation_pop_jti = Some((checked.pop_jti, checked.pop_remember_until));
}

fn check(ctx: &Context<'_>) -> Result<CheckedAttestation, AuthError> {
    let (attestation, pop) = attestation::presented(ctx.request.attestation_headers())?;
    let server = ctx.server;
    let statement = Statement::ClientAttestation {
        trusted_keys: server.attestation_keys(),
        trust_anchors: server.attestation_anchors(),
        max_age: server.attestation_max_age(),
    };
    let checked = attestation::check(attestation, pop, &rules(ctx, statement))?;
    // draft -10, Client Attestation JWT: "sub" MUST be the client_id of the client.
    if checked.subject != ctx.client.client_id() {
        return Err(AuthError::AttestationSubjectMismatch {
            sub: Shown::new(&checked.subject),
            client_id: Shown::new(ctx.client.client_id()),
        });
    }
    Ok(checked)
}

/// The server's attestation policy for this request, around the JWT in
/// `OAuth-Client-Attestation`: also the rules of a WIT-SVID and its PoP (`spiffe_wit`).
pub(crate) fn rules<'a>(ctx: &Context<'a>, statement: Statement<'a>) -> AttestationRules<'a> {
    let server = ctx.server;
    let metadata = server.metadata();
    AttestationRules {
        // draft -10, Client Attestation PoP JWT: "aud" is the issuer identifier, whatever
        // `assertion_audience` says for client assertions.
        issuer: &metadata.issuer,
        now: ctx.now,
        skew: server.clock_skew(),
        attestation_algs: metadata
            .client_attestation_signing_alg_values_supported
            .as_deref(),
        pop_algs: metadata
            .client_attestation_pop_signing_alg_values_supported
            .as_deref(),
        statement,
        pop_max_age: server.attestation_pop_max_age(),
        challenges: server.challenges(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::dispatch::authenticate_prepared;
    use crate::prepared::{PreparedClient, PreparedServer};
    use crate::primitives::assertion::key::jwk_thumbprint;
    use crate::primitives::assertion::testing::{jwks, public_jwk, sign, with, Signer, TestKey};
    use crate::primitives::challenge::{ChallengeValidator, HmacChallenges};
    use crate::primitives::replay::InMemoryReplayCache;
    use crate::wire::authenticated::Authenticated;
    use crate::wire::error::attestation::{AttestationHeader, AttestationJwt, InstanceKeyProblem};
    use crate::wire::error::clock::Clock;
    use crate::wire::error::request::CredentialKind;
    use crate::wire::error::shown::ShownList;
    use crate::wire::error::AuthError;
    use crate::wire::metadata::client::ClientMetadata;
    use crate::wire::metadata::method::AuthMethod;
    use crate::wire::metadata::server::ServerMetadata;
    use crate::wire::request::{RequestParts, MAX_CLIENT_ATTESTATION_BYTES};

    const NOW: i64 = 1_764_300_000;
    const CLIENT: &str = "wallet-app";
    const ISSUER: &str = "https://as.example.com";
    const TOKEN_URL: &str = "https://as.example.com/token";
    const ATTESTER: TestKey = TestKey::P384;
    const INSTANCE: TestKey = TestKey::P256;
    const A: AttestationJwt = AttestationJwt::Attestation;
    const P: AttestationJwt = AttestationJwt::Pop;

    fn att_header() -> Value {
        json!({"alg": "ES384", "typ": "oauth-client-attestation+jwt", "kid": "att"})
    }
    fn att_claims() -> Value {
        json!({"iss": "https://attester.example", "sub": CLIENT, "iat": NOW - 60,
               "exp": NOW + 3600, "cnf": {"jwk": public_jwk(INSTANCE)}})
    }
    fn pop_header() -> Value {
        json!({"alg": "ES256", "typ": "oauth-client-attestation-pop+jwt"})
    }
    fn pop_claims() -> Value {
        json!({"iss": CLIENT, "aud": ISSUER, "jti": "pop-1", "iat": NOW - 5})
    }
    fn server() -> ServerMetadata {
        let mut s = ServerMetadata::new(ISSUER);
        s.token_endpoint_auth_methods_supported = Some(vec![
            "attest_jwt_client_auth".into(),
            "client_secret_basic".into(),
        ]);
        s.client_attestation_trusted_keys = Some(jwks(&[(ATTESTER, "att")]));
        s
    }
    fn client(method: &str) -> ClientMetadata {
        let mut c = ClientMetadata::new(CLIENT);
        c.token_endpoint_auth_method = Some(method.into());
        c.client_secret = Some(crate::wire::secret::ClientSecret::new("gX1fBat3bV"));
        c
    }
    fn attestation(header: Value, claims: Value) -> String {
        sign(Signer::Key(ATTESTER), &header, &claims)
    }
    fn pop(header: Value, claims: Value) -> String {
        sign(Signer::Key(INSTANCE), &header, &claims)
    }
    fn request(headers: &[(&str, &str)], body: &str) -> RequestParts {
        let mut b = RequestParts::builder().form_body(body).now(NOW);
        for (n, v) in headers {
            b = b.header(n, v);
        }
        b.build().unwrap()
    }
    fn run_with(
        r: &RequestParts,
        c: &ClientMetadata,
        s: &ServerMetadata,
    ) -> Result<Authenticated, AuthError> {
        let client = PreparedClient::new(c)?;
        let server = PreparedServer::new(s).unwrap();
        authenticate_prepared(r, &client, &server, &InMemoryReplayCache::new())
    }
    /// The attestation and PoP built from the changed parts, judged under `s`.
    fn judge(
        att_h: Value,
        att_c: Value,
        pop_h: Value,
        pop_c: Value,
        s: &ServerMetadata,
    ) -> Result<Authenticated, AuthError> {
        let a = attestation(with(att_header(), att_h), with(att_claims(), att_c));
        let p = pop(with(pop_header(), pop_h), with(pop_claims(), pop_c));
        let r = request(
            &[
                ("OAuth-Client-Attestation", &a),
                ("OAuth-Client-Attestation-PoP", &p),
            ],
            "grant_type=client_credentials",
        );
        run_with(&r, &client("attest_jwt_client_auth"), s)
    }
    fn none() -> Value {
        json!({})
    }

    #[test]
    fn valid_attestation_and_pop_authenticate_with_the_instance_thumbprint() {
        let ok = judge(none(), none(), none(), none(), &server()).unwrap();
        assert_eq!(ok.client_id(), CLIENT);
        assert_eq!(ok.method(), AuthMethod::AttestJwtClientAuth);
        assert_eq!(ok.jti(), Some("pop-1"));
        let jwk = public_jwk(INSTANCE);
        assert_eq!(
            ok.attestation_key_thumbprint(),
            jwk_thumbprint(jwk.as_object().unwrap()).as_deref()
        );
    }

    /// RFC 7638 §3.1's example key and thumbprint.
    #[test]
    fn thumbprint_is_rfc7638() {
        let jwk = json!({"kty": "RSA", "e": "AQAB", "alg": "RS256", "kid": "2011-04-29",
            "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"});
        assert_eq!(
            jwk_thumbprint(jwk.as_object().unwrap()).as_deref(),
            Some("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
        );
    }

    /// Every MUST of the two JWTs: a change that breaks the rule, and a twin that keeps it.
    #[test]
    fn every_rule_refuses_and_its_twin_accepts() {
        let s = server();
        type Case = (&'static str, [Value; 4], Result<(), AuthError>);
        let missing = |jwt, claim| Err(AuthError::AttestationClaimMissing { jwt, claim });
        let table: Vec<Case> = vec![
            // draft -10, Client Attestation JWT: typ, as a media type (RFC 7515 §4.1.9).
            (
                "att typ JWT",
                [json!({"typ": "JWT"}), none(), none(), none()],
                Err(AuthError::AttestationTypeNotAllowed {
                    jwt: A,
                    typ: Some("JWT".into()),
                }),
            ),
            (
                "att typ prefixed",
                [
                    json!({"typ": "application/OAUTH-CLIENT-ATTESTATION+JWT"}),
                    none(),
                    none(),
                    none(),
                ],
                Ok(()),
            ),
            (
                "att typ absent",
                [json!({"typ": null}), none(), none(), none()],
                Err(AuthError::AttestationTypeNotAllowed { jwt: A, typ: None }),
            ),
            // draft -10, Client Attestation PoP JWT: typ.
            (
                "pop typ dpop",
                [none(), none(), json!({"typ": "dpop+jwt"}), none()],
                Err(AuthError::AttestationTypeNotAllowed {
                    jwt: P,
                    typ: Some("dpop+jwt".into()),
                }),
            ),
            (
                "pop typ prefixed",
                [
                    none(),
                    none(),
                    json!({"typ": "application/oauth-client-attestation-pop+jwt"}),
                    none(),
                ],
                Ok(()),
            ),
            // alg: never none, never a MAC for the PoP.
            (
                "att alg none",
                [json!({"alg": "none"}), none(), none(), none()],
                Err(AuthError::AttestationAlgorithmNotAllowed {
                    jwt: A,
                    alg: Some("none".into()),
                }),
            ),
            (
                "pop alg HS256",
                [none(), none(), json!({"alg": "HS256"}), none()],
                Err(AuthError::AttestationAlgorithmNotAllowed {
                    jwt: P,
                    alg: Some("HS256".into()),
                }),
            ),
            // RFC 7515 §4.1.11, RFC 8725 §3.10.
            (
                "att crit",
                [json!({"crit": ["x"]}), none(), none(), none()],
                Err(AuthError::AttestationHeaderRefused { jwt: A }),
            ),
            (
                "pop jwk header",
                [none(), none(), json!({"jwk": public_jwk(INSTANCE)}), none()],
                Err(AuthError::AttestationHeaderRefused { jwt: P }),
            ),
            // Trusted attester: the kid names a trusted key.
            (
                "att unknown kid",
                [json!({"kid": "other"}), none(), none(), none()],
                Err(AuthError::AttestationIssuerUntrusted {
                    jwt: AttestationJwt::Attestation,
                }),
            ),
            (
                "att no kid, one key fits",
                [json!({"kid": null}), none(), none(), none()],
                Ok(()),
            ),
            // Required attestation claims.
            (
                "att no sub",
                [none(), json!({"sub": null}), none(), none()],
                missing(A, "sub"),
            ),
            (
                "att no exp",
                [none(), json!({"exp": null}), none(), none()],
                missing(A, "exp"),
            ),
            (
                "att no cnf",
                [none(), json!({"cnf": null}), none(), none()],
                missing(A, "cnf"),
            ),
            (
                "att cnf without jwk",
                [none(), json!({"cnf": {"kid": "x"}}), none(), none()],
                missing(A, "cnf.jwk"),
            ),
            (
                "att cnf.jwk private",
                [
                    none(),
                    json!({"cnf": {"jwk": with(public_jwk(INSTANCE), json!({"d": "AAAA"}))}}),
                    none(),
                    none(),
                ],
                Err(AuthError::AttestationInstanceKeyRefused {
                    jwt: AttestationJwt::Attestation,
                    problem: InstanceKeyProblem::PrivateMember("d"),
                }),
            ),
            (
                "att cnf.jwk symmetric",
                [
                    none(),
                    json!({"cnf": {"jwk": {"kty": "oct", "x": "AA"}}}),
                    none(),
                    none(),
                ],
                Err(AuthError::AttestationInstanceKeyRefused {
                    jwt: AttestationJwt::Attestation,
                    problem: InstanceKeyProblem::Unusable,
                }),
            ),
            // Without a body client_id the sub names the client to load: another one here.
            (
                "att sub another client",
                [
                    none(),
                    json!({"sub": "other"}),
                    none(),
                    json!({"iss": "other"}),
                ],
                Err(AuthError::ClientMismatch),
            ),
            // exp passed beyond the skew: use_fresh_attestation; at the edge: accepted.
            (
                "att expired",
                [none(), json!({"exp": NOW - 30}), none(), none()],
                Err(AuthError::AttestationExpired {
                    jwt: AttestationJwt::Attestation,
                    expired_at: NOW - 30,
                    clock: Clock { now: NOW, skew: 30 },
                }),
            ),
            (
                "att exp within skew",
                [none(), json!({"exp": NOW - 29}), none(), none()],
                Ok(()),
            ),
            (
                "att iat ahead",
                [none(), json!({"iat": NOW + 31}), none(), none()],
                Err(AuthError::AttestationNotYetValid {
                    jwt: A,
                    claim: "iat",
                    at: NOW + 31,
                    clock: Clock { now: NOW, skew: 30 },
                }),
            ),
            (
                "att iat within skew ahead",
                [none(), json!({"iat": NOW + 30}), none(), none()],
                Ok(()),
            ),
            // PoP aud: the issuer alone.
            (
                "pop aud endpoint",
                [none(), none(), none(), json!({"aud": TOKEN_URL})],
                Err(AuthError::AttestationPopAudienceMismatch {
                    aud: ShownList::one(TOKEN_URL),
                    expected: ISSUER.into(),
                }),
            ),
            (
                "pop aud two members",
                [none(), none(), none(), json!({"aud": [ISSUER, ISSUER]})],
                Err(AuthError::AttestationPopAudienceMismatch {
                    aud: ShownList::many([ISSUER, ISSUER]),
                    expected: ISSUER.into(),
                }),
            ),
            (
                "pop aud one-member array",
                [none(), none(), none(), json!({"aud": [ISSUER]})],
                Ok(()),
            ),
            (
                "pop no aud",
                [none(), none(), none(), json!({"aud": null})],
                missing(P, "aud"),
            ),
            (
                "pop no jti",
                [none(), none(), none(), json!({"jti": null})],
                missing(P, "jti"),
            ),
            (
                "pop no iat",
                [none(), none(), none(), json!({"iat": null})],
                missing(P, "iat"),
            ),
            // PoP iat window: default 300 s plus 30 s skew.
            (
                "pop iat too old",
                [none(), none(), none(), json!({"iat": NOW - 331})],
                Err(AuthError::AttestationPopTooOld {
                    at: NOW - 331,
                    max_age: 300,
                    clock: Clock { now: NOW, skew: 30 },
                }),
            ),
            (
                "pop iat at the oldest",
                [none(), none(), none(), json!({"iat": NOW - 330})],
                Ok(()),
            ),
            (
                "pop iat ahead",
                [none(), none(), none(), json!({"iat": NOW + 31})],
                Err(AuthError::AttestationNotYetValid {
                    jwt: P,
                    claim: "iat",
                    at: NOW + 31,
                    clock: Clock { now: NOW, skew: 30 },
                }),
            ),
            (
                "pop exp passed",
                [none(), none(), none(), json!({"exp": NOW - 30})],
                Err(AuthError::AttestationPopTooOld {
                    at: NOW - 30,
                    max_age: 300,
                    clock: Clock { now: NOW, skew: 30 },
                }),
            ),
            (
                "pop exp ahead",
                [none(), none(), none(), json!({"exp": NOW + 60})],
                Ok(()),
            ),
            (
                "pop iss another",
                [none(), none(), none(), json!({"iss": "other"})],
                Err(AuthError::AttestationClaimType {
                    jwt: P,
                    claim: "iss",
                }),
            ),
            (
                "pop no iss",
                [none(), none(), none(), json!({"iss": null})],
                Ok(()),
            ),
        ];
        for (name, [ah, ac, ph, pc], want) in table {
            let got = judge(ah, ac, ph, pc, &s).map(|_| ());
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn signatures_must_be_the_attesters_and_the_instance_keys() {
        let a = attestation(att_header(), att_claims());
        let forged_a = sign(
            Signer::Key(TestKey::P384),
            &att_header(),
            &with(att_claims(), json!({"sub": CLIENT, "exp": NOW + 7200})),
        );
        let p = pop(pop_header(), pop_claims());
        let stranger_p = sign(
            Signer::Key(TestKey::Ed25519),
            &with(pop_header(), json!({"alg": "EdDSA"})),
            &pop_claims(),
        );
        let run = |a: &str, p: &str, s: &ServerMetadata| {
            let r = request(
                &[
                    ("OAuth-Client-Attestation", a),
                    ("OAuth-Client-Attestation-PoP", p),
                ],
                "",
            );
            run_with(&r, &client("attest_jwt_client_auth"), s).map(|_| ())
        };
        assert_eq!(run(&a, &p, &server()), Ok(()));
        // Signed by the attester key, but the server trusts another attester.
        let mut other = server();
        other.client_attestation_trusted_keys = Some(jwks(&[(TestKey::P521, "att")]));
        assert_eq!(
            run(&a, &p, &other),
            Err(AuthError::AttestationIssuerUntrusted {
                jwt: AttestationJwt::Attestation,
            })
        );
        // No trusted keys at all.
        let mut bare = server();
        bare.client_attestation_trusted_keys = None;
        assert_eq!(
            run(&a, &p, &bare),
            Err(AuthError::AttestationIssuerUntrusted {
                jwt: AttestationJwt::Attestation,
            })
        );
        assert_eq!(run(&forged_a, &p, &server()), Ok(()));
        // A flipped byte of the attestation's signature.
        let mut broken = a.clone().into_bytes();
        let last = broken.len() - 2;
        broken[last] = if broken[last] == b'A' { b'B' } else { b'A' };
        assert_eq!(
            run(std::str::from_utf8(&broken).unwrap(), &p, &server()),
            Err(AuthError::InvalidAttestationSignature { jwt: A })
        );
        // The PoP signed by a key other than cnf.jwk.
        assert_eq!(
            run(&a, &stranger_p, &server()),
            Err(AuthError::InvalidAttestationSignature { jwt: P })
        );
    }

    #[test]
    fn the_two_headers_are_one_each_and_compact() {
        let a = attestation(att_header(), att_claims());
        let p = pop(pop_header(), pop_claims());
        let c = client("attest_jwt_client_auth");
        let ok = request(
            &[
                ("OAuth-Client-Attestation", &a),
                ("OAuth-Client-Attestation-PoP", &p),
            ],
            "",
        );
        assert!(run_with(&ok, &c, &server()).is_ok());
        // Header names compare case-insensitively.
        let lower = request(
            &[
                ("oauth-client-attestation", &a),
                ("oauth-client-attestation-pop", &p),
            ],
            "",
        );
        assert!(run_with(&lower, &c, &server()).is_ok());
        let repeated = RequestParts::builder()
            .header("OAuth-Client-Attestation", &a)
            .header("OAuth-Client-Attestation", &a)
            .build()
            .unwrap_err();
        assert_eq!(
            repeated,
            AuthError::RepeatedAttestationHeader {
                header: AttestationHeader::Attestation
            }
        );
        assert_eq!(repeated.oauth_code().as_str(), "invalid_request");
        let big = "a".repeat(MAX_CLIENT_ATTESTATION_BYTES + 1);
        assert!(matches!(
            RequestParts::builder()
                .header("OAuth-Client-Attestation-PoP", &big)
                .build(),
            Err(AuthError::ValueTooLarge { .. })
        ));
        let only_a = request(&[("OAuth-Client-Attestation", &a)], "");
        assert_eq!(
            run_with(&only_a, &c, &server()).unwrap_err(),
            AuthError::MissingAttestationHeader {
                header: AttestationHeader::Pop
            }
        );
        let only_p = request(
            &[("OAuth-Client-Attestation-PoP", &p)],
            &format!("client_id={CLIENT}"),
        );
        assert_eq!(
            run_with(&only_p, &c, &server()).unwrap_err(),
            AuthError::MissingAttestationHeader {
                header: AttestationHeader::Attestation
            }
        );
        let dpop = request(&[("OAuth-Client-Attestation", &a), ("DPoP", &p)], "");
        let err = run_with(&dpop, &c, &server()).unwrap_err();
        assert_eq!(err, AuthError::AttestationDpopNotSupported);
        assert_eq!(
            (err.oauth_code().as_str(), err.status()),
            ("invalid_client_attestation", 401)
        );
        for bad in [format!("{a}.x"), "a.b".to_owned(), format!("{a}, {a}")] {
            let r = request(
                &[
                    ("OAuth-Client-Attestation", &bad),
                    ("OAuth-Client-Attestation-PoP", &p),
                ],
                &format!("client_id={CLIENT}"),
            );
            let err = run_with(&r, &c, &server()).unwrap_err();
            assert_eq!(
                err,
                AuthError::MalformedAttestationHeader {
                    header: AttestationHeader::Attestation
                },
                "{bad}"
            );
            assert_eq!(err.status(), 400);
        }
    }

    #[test]
    fn another_credential_beside_the_headers_is_two_methods_for_an_attesting_client() {
        let a = attestation(att_header(), att_claims());
        let p = pop(pop_header(), pop_claims());
        let basic = "Basic d2FsbGV0LWFwcDpnWDFmQmF0M2JW";
        let r = request(
            &[
                ("Authorization", basic),
                ("OAuth-Client-Attestation", &a),
                ("OAuth-Client-Attestation-PoP", &p),
            ],
            "",
        );
        assert_eq!(
            run_with(&r, &client("attest_jwt_client_auth"), &server()).unwrap_err(),
            AuthError::MultipleAuthenticationMethods {
                first: CredentialKind::BasicHeader,
                second: CredentialKind::Attestation
            }
        );
        // The same request for a client_secret_basic client: an additional signal.
        let ok = run_with(&r, &client("client_secret_basic"), &server()).unwrap();
        assert_eq!(ok.method(), AuthMethod::ClientSecretBasic);
        assert!(ok.attestation_key_thumbprint().is_some());
        // A bad PoP beside Basic refuses the request.
        let bad_p = pop(pop_header(), with(pop_claims(), json!({"aud": "x"})));
        let r = request(
            &[
                ("Authorization", basic),
                ("OAuth-Client-Attestation", &a),
                ("OAuth-Client-Attestation-PoP", &bad_p),
            ],
            "",
        );
        assert_eq!(
            run_with(&r, &client("client_secret_basic"), &server()).unwrap_err(),
            AuthError::AttestationPopAudienceMismatch {
                aud: ShownList::one("x"),
                expected: ISSUER.into(),
            }
        );
        // Required by client_attestation_pop_methods_supported without none.
        let mut s = server();
        s.client_attestation_pop_methods_supported = Some(vec!["attest_jwt_client_auth".into()]);
        let plain = request(&[("Authorization", basic)], "");
        assert_eq!(
            run_with(&plain, &client("client_secret_basic"), &s).unwrap_err(),
            AuthError::AttestationRequired
        );
        s.client_attestation_pop_methods_supported = Some(vec!["none".into()]);
        assert!(run_with(&plain, &client("client_secret_basic"), &s).is_ok());
    }

    #[test]
    fn body_client_id_must_be_the_attestations_sub() {
        let a = attestation(att_header(), att_claims());
        let p = pop(pop_header(), pop_claims());
        let h = [
            ("OAuth-Client-Attestation", a.as_str()),
            ("OAuth-Client-Attestation-PoP", p.as_str()),
        ];
        let c = client("attest_jwt_client_auth");
        assert!(run_with(&request(&h, &format!("client_id={CLIENT}")), &c, &server()).is_ok());
        let err = run_with(&request(&h, "client_id=other"), &c, &server()).unwrap_err();
        assert_eq!(
            err,
            AuthError::AttestationSubjectMismatch {
                sub: CLIENT.into(),
                client_id: "other".into(),
            }
        );
        assert_eq!(err.oauth_code().as_str(), "invalid_client");
    }

    #[test]
    fn attestation_max_age_requires_a_fresh_iat() {
        let mut s = server();
        s.client_attestation_max_age_seconds = Some(600);
        assert!(judge(none(), json!({"iat": NOW - 630}), none(), none(), &s).is_ok());
        let err = judge(none(), json!({"iat": NOW - 631}), none(), none(), &s).unwrap_err();
        assert_eq!(
            err,
            AuthError::AttestationTooOld {
                max_age: 600,
                iat: Some(NOW - 631),
                now: NOW,
            }
        );
        assert_eq!(
            (err.oauth_code().as_str(), err.status()),
            ("use_fresh_attestation", 400)
        );
        assert_eq!(
            judge(none(), json!({"iat": null}), none(), none(), &s).unwrap_err(),
            AuthError::AttestationTooOld {
                max_age: 600,
                iat: None,
                now: NOW,
            }
        );
        // Without the policy, iat is optional.
        assert!(judge(none(), json!({"iat": null}), none(), none(), &server()).is_ok());
    }

    #[test]
    fn algorithm_lists_limit_each_jwt() {
        let mut s = server();
        s.client_attestation_signing_alg_values_supported = Some(vec!["ES384".into()]);
        s.client_attestation_pop_signing_alg_values_supported = Some(vec!["ES256".into()]);
        assert!(judge(none(), none(), none(), none(), &s).is_ok());
        s.client_attestation_pop_signing_alg_values_supported = Some(vec!["EdDSA".into()]);
        assert_eq!(
            judge(none(), none(), none(), none(), &s).unwrap_err(),
            AuthError::AttestationAlgorithmNotAllowed {
                jwt: P,
                alg: Some("ES256".into())
            }
        );
        s.client_attestation_signing_alg_values_supported = Some(vec!["ES256".into()]);
        assert_eq!(
            judge(none(), none(), none(), none(), &s).unwrap_err(),
            AuthError::AttestationAlgorithmNotAllowed {
                jwt: A,
                alg: Some("ES384".into())
            }
        );
    }

    #[test]
    fn challenges_are_required_when_the_server_issues_them() {
        let validator = std::sync::Arc::new(HmacChallenges::new(&[7; 32], 300));
        let live = validator.next_challenge(NOW);
        let a = attestation(att_header(), att_claims());
        let run = |claims: Value| {
            let p = pop(pop_header(), claims);
            let r = request(
                &[
                    ("OAuth-Client-Attestation", &a),
                    ("OAuth-Client-Attestation-PoP", &p),
                ],
                "",
            );
            let client = PreparedClient::new(&client("attest_jwt_client_auth")).unwrap();
            let server = PreparedServer::new(&server())
                .unwrap()
                .with_challenge_validator(validator.clone());
            authenticate_prepared(&r, &client, &server, &InMemoryReplayCache::new())
        };
        assert!(run(with(pop_claims(), json!({"challenge": live}))).is_ok());
        for (claims, missing) in [
            (pop_claims(), true),
            (with(pop_claims(), json!({"challenge": "stale"})), false),
        ] {
            let err = run(claims).unwrap_err();
            assert!(
                matches!(err, AuthError::AttestationChallengeRequired { missing: m, .. } if m == missing)
            );
            assert_eq!(
                (err.oauth_code().as_str(), err.status()),
                ("use_attestation_challenge", 400)
            );
            assert_eq!(err.attestation_challenge(), Some(live.as_str()));
            assert_eq!(
                err.response(false).attestation_challenge(),
                Some(live.as_str())
            );
        }
    }

    #[test]
    fn pop_jti_is_recorded_after_every_check_and_a_replay_refused() {
        let a = attestation(att_header(), att_claims());
        let p = pop(pop_header(), pop_claims());
        let r = request(
            &[
                ("OAuth-Client-Attestation", &a),
                ("OAuth-Client-Attestation-PoP", &p),
            ],
            "",
        );
        let client = PreparedClient::new(&client("attest_jwt_client_auth")).unwrap();
        let server = PreparedServer::new(&server()).unwrap();
        let store = InMemoryReplayCache::new();
        let verified = crate::dispatch::verify_prepared(&r, &client, &server).unwrap();
        let entry = verified.attestation_replay_entry().unwrap();
        assert_eq!(
            (entry.jti(), entry.remember_until()),
            ("pop-1", NOW - 5 + 300 + 30)
        );
        assert!(verified.commit(&store).is_ok());
        let err = authenticate_prepared(&r, &client, &server, &store).unwrap_err();
        assert_eq!(err, AuthError::AttestationPopReplayed);
        assert_eq!(
            (err.oauth_code().as_str(), err.class().as_str()),
            ("invalid_client_attestation", "replay")
        );
        // A refused PoP with a fresh jti leaves it unused.
        let bad = pop(
            pop_header(),
            with(pop_claims(), json!({"jti": "pop-2", "aud": "x"})),
        );
        let r2 = request(
            &[
                ("OAuth-Client-Attestation", &a),
                ("OAuth-Client-Attestation-PoP", &bad),
            ],
            "",
        );
        assert!(authenticate_prepared(&r2, &client, &server, &store).is_err());
        let good = pop(pop_header(), with(pop_claims(), json!({"jti": "pop-2"})));
        let r3 = request(
            &[
                ("OAuth-Client-Attestation", &a),
                ("OAuth-Client-Attestation-PoP", &good),
            ],
            "",
        );
        assert!(authenticate_prepared(&r3, &client, &server, &store).is_ok());
    }

    #[test]
    fn no_fapi_profile_allows_the_method() {
        for profile in ["fapi1-baseline", "fapi1-advanced", "fapi2"] {
            let mut s = server();
            s.fapi_profile = serde_json::from_value(json!(profile)).unwrap();
            let err = judge(none(), none(), none(), none(), &s).unwrap_err();
            assert!(
                matches!(err, AuthError::MethodNotAllowedByProfile { .. }),
                "{profile}"
            );
        }
        assert!(judge(none(), none(), none(), none(), &server()).is_ok());
    }

    #[test]
    fn debug_never_shows_the_jws() {
        let a = attestation(att_header(), att_claims());
        let p = pop(pop_header(), pop_claims());
        let r = request(
            &[
                ("OAuth-Client-Attestation", &a),
                ("OAuth-Client-Attestation-PoP", &p),
            ],
            "",
        );
        let shown = format!("{r:?}");
        assert!(!shown.contains(&a[..20]) && !shown.contains(&p[p.len() - 20..]));
    }
}
