//! `spiffe_wit` (draft-ietf-oauth-spiffe-client-auth-02 §3.3): a WIT-SVID, a WIMSE Workload
//! Identity Token (draft-ietf-wimse-workload-creds §3.1) whose `sub` is a SPIFFE ID, in the
//! `OAuth-Client-Attestation` header, and a Client Attestation PoP signed with the key of its
//! `cnf.jwk` in `OAuth-Client-Attestation-PoP`: the header syntax of `attest_jwt_client_auth`.
//!
//! The rules are those of the attestation and its PoP
//! (`primitives::assertion::attestation`), with a WIT-SVID as the statement (§3.3.1):
//!
//! 1. the WIT's `typ` is `wit+jwt` (a media type; `oauth-client-attestation+jwt` is refused:
//!    that is a Client Attester's statement), its `alg` asymmetric, never `none`, in
//!    `client_attestation_signing_alg_values_supported` when the server lists it, and no
//!    `crit` or key-naming header (`x5c` included: keys come from the bundle only, §6.2.4);
//! 2. `sub` required, a SPIFFE ID (SPIFFE-ID §2), the registered `spiffe_id` (§5.1), and its
//!    trust domain one the server holds `wit-svid` keys for (§6; none: `invalid_client`, a
//!    registration problem, as for the other SPIFFE methods);
//! 3. `exp` required and not passed (else `use_fresh_attestation`), `iat`/`nbf` not ahead;
//! 4. `cnf.jwk` required, public only, with `alg` (WIMSE §3.1): the PoP's algorithm, which
//!    must fit the key; `iss` is not read (§6.2.4) and the WIT's `jti` is not replay-checked
//!    (a WIT is reused until it expires);
//! 5. the PoP by every rule of an attestation PoP (typ, `aud` the issuer, `jti` recorded,
//!    `iat` window, `exp`, challenge), signed with `cnf.jwk`'s `alg`;
//! 6. the WIT's signature, by the trust domain's `wit-svid` key its `kid` names (as a
//!    JWT-SVID's is chosen), then the PoP's.
//!
//! The `client_id` parameter names the client; without it, the WIT's `sub` does (as for
//! `spiffe_jwt`).

use crate::method::attest_jwt_client_auth::rules;
use crate::method::Context;
use crate::primitives::assertion::attestation::{self, Statement};
use crate::primitives::assertion::key::JwkSet;
use crate::primitives::spiffe::id::SpiffeId;
use crate::wire::authenticated::Authenticated;
use crate::wire::error::spiffe::SvidKind;
use crate::wire::error::AuthError;
use crate::wire::metadata::method::AuthMethod;

/// Verifies the request's WIT-SVID and its PoP for the context's client.
pub(crate) fn verify(ctx: &Context<'_>) -> Result<Authenticated, AuthError> {
    let (wit, pop) = attestation::presented(ctx.request.attestation_headers())?;
    let keys_for_subject = |sub: &str| trust_domain_keys(ctx, sub);
    let statement = Statement::WitSvid {
        keys_for_subject: &keys_for_subject,
        client_id: ctx.client.client_id(),
    };
    let checked = attestation::check(wit, pop, &rules(ctx, statement))?;

    let mut authenticated = Authenticated::new(ctx.client.client_id(), AuthMethod::SpiffeWit);
    authenticated.jti = Some(checked.pop_jti.clone());
    let extras = authenticated.extras_mut();
    extras.attestation_key_thumbprint = Some(checked.key_thumbprint);
    // draft -10 (PoP `jti`), as for attest_jwt_client_auth: recorded by the commit after
    // every check.
    extras.attestation_pop_jti = Some((checked.pop_jti, checked.pop_remember_until));
    extras.spiffe_id = Some(checked.subject);
    Ok(authenticated)
}

/// The keys that verify a WIT-SVID whose `sub` is `sub`: the `wit-svid` keys of the trust
/// domain it names, once it is the registered SPIFFE ID.
fn trust_domain_keys<'a>(ctx: &Context<'a>, sub: &str) -> Result<&'a JwkSet, AuthError> {
    // draft-ietf-oauth-spiffe-client-auth-02 §3.3: the WIT-SVID's `sub` is a SPIFFE ID.
    let id = SpiffeId::parse(sub).map_err(|problem| AuthError::SpiffeIdInvalid { problem })?;
    // draft §5.1: it is the client's registered `spiffe_id` (exact, or a final `/*`).
    ctx.client.require_spiffe_id(&id)?;
    // draft §3.3.1, §6: the signing keys of its own trust domain, the bundle keys whose `use`
    // is `wit-svid`, and no other.
    ctx.server
        .spiffe_bundles()
        .wit_keys(id.trust_domain())
        .ok_or_else(|| AuthError::SpiffeBundleMissing {
            kind: SvidKind::Wit,
            trust_domain: id.trust_domain().to_owned(),
        })
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::dispatch::{authenticate_prepared, claimed_client_id};
    use crate::prepared::{PreparedClient, PreparedServer};
    use crate::primitives::assertion::key::jwk_thumbprint;
    use crate::primitives::assertion::testing::{public_jwk, sign, with, Signer, TestKey};
    use crate::primitives::replay::InMemoryReplayCache;
    use crate::wire::authenticated::Authenticated;
    use crate::wire::error::attestation::{AttestationJwt, InstanceKeyProblem};
    use crate::wire::error::clock::Clock;
    use crate::wire::error::request::CredentialKind;
    use crate::wire::error::shown::ShownList;
    use crate::wire::error::spiffe::{SpiffeIdProblem, SvidKind};
    use crate::wire::error::AuthError;
    use crate::wire::metadata::client::ClientMetadata;
    use crate::wire::metadata::method::AuthMethod;
    use crate::wire::metadata::server::ServerMetadata;
    use crate::wire::request::RequestParts;

    const NOW: i64 = 1_764_300_000;
    const ISSUER: &str = "https://as.example.com";
    const ID: &str = "spiffe://example.org/my-oauth-client";
    /// The trust domain's WIT signing key, and the workload's key in `cnf.jwk`.
    const DOMAIN: TestKey = TestKey::P384;
    const WORKLOAD: TestKey = TestKey::P256;
    const W: AttestationJwt = AttestationJwt::Wit;
    const P: AttestationJwt = AttestationJwt::Pop;

    fn marked(key: TestKey, kid: &str, use_: &str) -> Value {
        let mut jwk = public_jwk(key);
        jwk["kid"] = json!(kid);
        jwk["use"] = json!(use_);
        jwk
    }

    /// example.org's bundle: WIT keys (P-384 "wit", Ed25519 "wit-ed", RSA "wit-rsa"), a
    /// JWT-SVID key (P-521 "jwt") and a key without `use` (P-256 "plain"); other.org's: P-521
    /// "other" for WITs.
    fn server() -> ServerMetadata {
        let mut s = ServerMetadata::new(ISSUER);
        s.token_endpoint_auth_methods_supported = Some(vec![
            "spiffe_wit".into(),
            "attest_jwt_client_auth".into(),
            "client_secret_basic".into(),
            "spiffe_jwt".into(),
        ]);
        let mut plain = public_jwk(TestKey::P256);
        plain["kid"] = json!("plain");
        let bundles = json!({
            "example.org": {"jwks": {"keys": [
                marked(DOMAIN, "wit", "wit-svid"),
                marked(TestKey::Ed25519, "wit-ed", "wit-svid"),
                marked(TestKey::Rsa2048, "wit-rsa", "wit-svid"),
                marked(TestKey::P521, "jwt", "jwt-svid"),
                plain,
            ], "spiffe_sequence": 1}},
            "other.org": {"jwks": {"keys": [marked(TestKey::P521, "other", "wit-svid")]}},
        });
        s.spiffe_bundles = Some(serde_json::from_value(bundles).unwrap());
        s
    }
    fn client() -> ClientMetadata {
        let mut c = ClientMetadata::new(ID);
        c.token_endpoint_auth_method = Some("spiffe_wit".into());
        c
    }
    fn cnf_jwk(key: TestKey, alg: &str) -> Value {
        let mut jwk = public_jwk(key);
        jwk["alg"] = json!(alg);
        jwk
    }
    fn wit_header() -> Value {
        json!({"typ": "wit+jwt", "alg": "ES384", "kid": "wit"})
    }
    fn wit_claims() -> Value {
        json!({"iss": "spiffe://example.org/my-spiffe-workload-api", "sub": ID,
               "iat": NOW - 600, "exp": NOW + 3000, "cnf": {"jwk": cnf_jwk(WORKLOAD, "ES256")}})
    }
    fn pop_header() -> Value {
        json!({"typ": "oauth-client-attestation-pop+jwt", "alg": "ES256"})
    }
    fn pop_claims() -> Value {
        json!({"iss": ID, "aud": ISSUER, "jti": "pop-1", "iat": NOW - 5})
    }
    fn request(wit: &str, pop: &str, body: &str) -> RequestParts {
        RequestParts::builder()
            .header("OAuth-Client-Attestation", wit)
            .header("OAuth-Client-Attestation-PoP", pop)
            .form_body(body)
            .now(NOW)
            .build()
            .unwrap()
    }
    fn run(
        r: &RequestParts,
        c: &ClientMetadata,
        s: &ServerMetadata,
        replay: &InMemoryReplayCache,
    ) -> Result<Authenticated, AuthError> {
        let client = PreparedClient::new(c)?;
        let server = PreparedServer::new(s).unwrap();
        authenticate_prepared(r, &client, &server, replay)
    }
    fn signed_wit(signer: TestKey, header: Value, claims: Value) -> String {
        sign(Signer::Key(signer), &header, &claims)
    }
    fn signed_pop(signer: TestKey, header: Value, claims: Value) -> String {
        sign(Signer::Key(signer), &header, &claims)
    }
    /// The test key that signs with a header's `alg`, or `default`.
    fn signer_of(header: &Value, default: TestKey) -> TestKey {
        match header["alg"].as_str() {
            Some("ES256") => TestKey::P256,
            Some("ES384") => TestKey::P384,
            Some("ES512") => TestKey::P521,
            Some("EdDSA" | "Ed25519") => TestKey::Ed25519,
            Some("RS256" | "PS256") => TestKey::Rsa2048,
            _ => default,
        }
    }
    /// The WIT and PoP from the changed parts, judged under `s` for [`client`].
    fn judge(
        wit_h: Value,
        wit_c: Value,
        pop_h: Value,
        pop_c: Value,
        s: &ServerMetadata,
    ) -> Result<Authenticated, AuthError> {
        let (wit_h, pop_h) = (with(wit_header(), wit_h), with(pop_header(), pop_h));
        let w = signed_wit(signer_of(&wit_h, DOMAIN), wit_h, with(wit_claims(), wit_c));
        let p = signed_pop(
            signer_of(&pop_h, WORKLOAD),
            pop_h,
            with(pop_claims(), pop_c),
        );
        let r = request(
            &w,
            &p,
            &format!("grant_type=client_credentials&client_id={ID}"),
        );
        run(&r, &client(), s, &InMemoryReplayCache::new())
    }
    fn none() -> Value {
        json!({})
    }

    #[test]
    fn the_drafts_example_authenticates_with_the_workload_key_thumbprint() {
        let ok = judge(none(), none(), none(), none(), &server()).unwrap();
        assert_eq!(ok.client_id(), ID);
        assert_eq!(ok.method(), AuthMethod::SpiffeWit);
        assert_eq!(ok.spiffe_id(), Some(ID));
        assert_eq!(ok.jti(), Some("pop-1"));
        assert_eq!(ok.assertion_expires_at(), None);
        let jwk = cnf_jwk(WORKLOAD, "ES256");
        assert_eq!(
            ok.attestation_key_thumbprint(),
            jwk_thumbprint(jwk.as_object().unwrap()).as_deref()
        );
    }

    /// Every rule of the WIT-SVID and its PoP: a change that breaks it, and a twin that keeps
    /// it.
    #[test]
    fn every_rule_refuses_and_its_twin_accepts() {
        let s = server();
        type Case = (&'static str, [Value; 4], Result<(), AuthError>);
        let missing = |jwt, claim| Err(AuthError::AttestationClaimMissing { jwt, claim });
        let key_refused =
            |problem| Err(AuthError::AttestationInstanceKeyRefused { jwt: W, problem });
        let untrusted = Err(AuthError::AttestationIssuerUntrusted { jwt: W });
        let table: Vec<Case> = vec![
            // WIMSE workload-creds §3.1, draft §3.3.1: typ wit+jwt, as a media type.
            (
                "typ prefixed, upper case",
                [
                    json!({"typ": "application/WIT+JWT"}),
                    none(),
                    none(),
                    none(),
                ],
                Ok(()),
            ),
            (
                "typ of a client attestation",
                [
                    json!({"typ": "oauth-client-attestation+jwt"}),
                    none(),
                    none(),
                    none(),
                ],
                Err(AuthError::AttestationTypeNotAllowed {
                    jwt: W,
                    typ: Some("oauth-client-attestation+jwt".into()),
                }),
            ),
            (
                "typ JWT",
                [json!({"typ": "JWT"}), none(), none(), none()],
                Err(AuthError::AttestationTypeNotAllowed {
                    jwt: W,
                    typ: Some("JWT".into()),
                }),
            ),
            (
                "typ absent",
                [json!({"typ": null}), none(), none(), none()],
                Err(AuthError::AttestationTypeNotAllowed { jwt: W, typ: None }),
            ),
            // WIMSE §3.1: an asymmetric alg, never none.
            (
                "alg none",
                [json!({"alg": "none"}), none(), none(), none()],
                Err(AuthError::AttestationAlgorithmNotAllowed {
                    jwt: W,
                    alg: Some("none".into()),
                }),
            ),
            (
                "alg HS256",
                [json!({"alg": "HS256"}), none(), none(), none()],
                Err(AuthError::AttestationAlgorithmNotAllowed {
                    jwt: W,
                    alg: Some("HS256".into()),
                }),
            ),
            // RFC 7515 §4.1.11, RFC 8725 §3.10, draft §6.2.4: no crit, no key from the sender.
            (
                "crit",
                [json!({"crit": ["x"]}), none(), none(), none()],
                Err(AuthError::AttestationHeaderRefused { jwt: W }),
            ),
            (
                "jwk header",
                [json!({"jwk": public_jwk(DOMAIN)}), none(), none(), none()],
                Err(AuthError::AttestationHeaderRefused { jwt: W }),
            ),
            (
                "x5c header",
                [json!({"x5c": ["AAAA"]}), none(), none(), none()],
                Err(AuthError::AttestationHeaderRefused { jwt: W }),
            ),
            // draft §6: the kid names a wit-svid key of the sub's trust domain.
            (
                "unknown kid",
                [json!({"kid": "nope"}), none(), none(), none()],
                untrusted.clone(),
            ),
            (
                "no kid, one P-384 key fits",
                [json!({"kid": null}), none(), none(), none()],
                Ok(()),
            ),
            (
                "kid of the trust domain's JWT-SVID key",
                [
                    json!({"kid": "jwt", "alg": "ES512"}),
                    none(),
                    none(),
                    none(),
                ],
                untrusted.clone(),
            ),
            (
                "kid of a key without use",
                [
                    json!({"kid": "plain", "alg": "ES256"}),
                    none(),
                    none(),
                    none(),
                ],
                untrusted.clone(),
            ),
            (
                "kid of another trust domain's key",
                [
                    json!({"kid": "other", "alg": "ES512"}),
                    none(),
                    none(),
                    none(),
                ],
                untrusted,
            ),
            // WIMSE §3.1: sub, exp and cnf.jwk REQUIRED.
            (
                "no sub",
                [none(), json!({"sub": null}), none(), none()],
                missing(W, "sub"),
            ),
            (
                "sub not a string",
                [none(), json!({"sub": 7}), none(), none()],
                Err(AuthError::AttestationClaimType {
                    jwt: W,
                    claim: "sub",
                }),
            ),
            (
                "sub not a SPIFFE ID",
                [none(), json!({"sub": "my-oauth-client"}), none(), none()],
                Err(AuthError::SpiffeIdInvalid {
                    problem: SpiffeIdProblem::Scheme,
                }),
            ),
            (
                "sub another workload",
                [
                    none(),
                    json!({"sub": "spiffe://example.org/other"}),
                    none(),
                    none(),
                ],
                Err(AuthError::SpiffeIdMismatch {
                    presented: "spiffe://example.org/other".into(),
                    registered: ID.into(),
                }),
            ),
            (
                "no exp",
                [none(), json!({"exp": null}), none(), none()],
                missing(W, "exp"),
            ),
            // exp passed beyond the skew: use_fresh_attestation; at the edge: accepted.
            (
                "expired",
                [none(), json!({"exp": NOW - 30}), none(), none()],
                Err(AuthError::AttestationExpired {
                    jwt: W,
                    expired_at: NOW - 30,
                    clock: Clock { now: NOW, skew: 30 },
                }),
            ),
            (
                "exp within skew",
                [none(), json!({"exp": NOW - 29}), none(), none()],
                Ok(()),
            ),
            (
                "iat ahead",
                [none(), json!({"iat": NOW + 31}), none(), none()],
                Err(AuthError::AttestationNotYetValid {
                    jwt: W,
                    claim: "iat",
                    at: NOW + 31,
                    clock: Clock { now: NOW, skew: 30 },
                }),
            ),
            (
                "nbf ahead",
                [none(), json!({"nbf": NOW + 31}), none(), none()],
                Err(AuthError::AttestationNotYetValid {
                    jwt: W,
                    claim: "nbf",
                    at: NOW + 31,
                    clock: Clock { now: NOW, skew: 30 },
                }),
            ),
            (
                "iat and nbf within skew",
                [
                    none(),
                    json!({"iat": NOW + 30, "nbf": NOW + 30}),
                    none(),
                    none(),
                ],
                Ok(()),
            ),
            // draft §6.2.4: iss never read; WIMSE §3.1: unknown claims ignored.
            (
                "iss absent, unknown claim",
                [none(), json!({"iss": null, "x-extra": 1}), none(), none()],
                Ok(()),
            ),
            (
                "no cnf",
                [none(), json!({"cnf": null}), none(), none()],
                missing(W, "cnf"),
            ),
            (
                "cnf without jwk",
                [none(), json!({"cnf": {"kid": "x"}}), none(), none()],
                missing(W, "cnf.jwk"),
            ),
            (
                "cnf.jwk without alg",
                [
                    none(),
                    json!({"cnf": {"jwk": public_jwk(WORKLOAD)}}),
                    none(),
                    none(),
                ],
                missing(W, "cnf.jwk.alg"),
            ),
            (
                "cnf.jwk private",
                [
                    none(),
                    json!({"cnf": {"jwk": with(cnf_jwk(WORKLOAD, "ES256"), json!({"d": "AAAA"}))}}),
                    none(),
                    none(),
                ],
                key_refused(InstanceKeyProblem::PrivateMember("d")),
            ),
            (
                "cnf.jwk alg none",
                [
                    none(),
                    json!({"cnf": {"jwk": cnf_jwk(WORKLOAD, "none")}}),
                    none(),
                    none(),
                ],
                key_refused(InstanceKeyProblem::Unusable),
            ),
            (
                "cnf.jwk alg HS256",
                [
                    none(),
                    json!({"cnf": {"jwk": cnf_jwk(WORKLOAD, "HS256")}}),
                    none(),
                    none(),
                ],
                key_refused(InstanceKeyProblem::Unusable),
            ),
            (
                "cnf.jwk alg of an encryption",
                [
                    none(),
                    json!({"cnf": {"jwk": cnf_jwk(WORKLOAD, "ECDH-ES")}}),
                    none(),
                    none(),
                ],
                key_refused(InstanceKeyProblem::Unusable),
            ),
            (
                "cnf.jwk alg not of the key type",
                [
                    none(),
                    json!({"cnf": {"jwk": cnf_jwk(WORKLOAD, "ES384")}}),
                    none(),
                    none(),
                ],
                key_refused(InstanceKeyProblem::Unusable),
            ),
            (
                "cnf.jwk symmetric",
                [
                    none(),
                    json!({"cnf": {"jwk": {"kty": "oct", "x": "AA", "alg": "HS256"}}}),
                    none(),
                    none(),
                ],
                key_refused(InstanceKeyProblem::Unusable),
            ),
            // WIMSE §3.1: the PoP is signed with cnf.jwk's alg.
            (
                "PoP alg other than cnf.jwk.alg",
                [
                    none(),
                    json!({"cnf": {"jwk": cnf_jwk(WORKLOAD, "ES256")}}),
                    json!({"alg": "ES384"}),
                    none(),
                ],
                Err(AuthError::AttestationAlgorithmNotAllowed {
                    jwt: P,
                    alg: Some("ES384".into()),
                }),
            ),
            // The attestation PoP's rules (draft -10 §5.2, draft §3.3.1).
            (
                "PoP typ",
                [none(), none(), json!({"typ": "dpop+jwt"}), none()],
                Err(AuthError::AttestationTypeNotAllowed {
                    jwt: P,
                    typ: Some("dpop+jwt".into()),
                }),
            ),
            (
                "PoP aud the token endpoint",
                [
                    none(),
                    none(),
                    none(),
                    json!({"aud": format!("{ISSUER}/token")}),
                ],
                Err(AuthError::AttestationPopAudienceMismatch {
                    aud: ShownList::one(&format!("{ISSUER}/token")),
                    expected: ISSUER.into(),
                }),
            ),
            (
                "PoP aud an array of the issuer",
                [none(), none(), none(), json!({"aud": [ISSUER]})],
                Ok(()),
            ),
            (
                "PoP no jti",
                [none(), none(), none(), json!({"jti": null})],
                missing(P, "jti"),
            ),
            (
                "PoP too old",
                [none(), none(), none(), json!({"iat": NOW - 331})],
                Err(AuthError::AttestationPopTooOld {
                    at: NOW - 331,
                    max_age: 300,
                    clock: Clock { now: NOW, skew: 30 },
                }),
            ),
            (
                "PoP iss another workload",
                [
                    none(),
                    none(),
                    none(),
                    json!({"iss": "spiffe://example.org/x"}),
                ],
                Err(AuthError::AttestationClaimType {
                    jwt: P,
                    claim: "iss",
                }),
            ),
        ];
        for (name, [wh, wc, ph, pc], want) in table {
            assert_eq!(judge(wh, wc, ph, pc, &s).map(|_| ()), want, "{name}");
        }
    }

    #[test]
    fn every_asymmetric_algorithm_signs_a_wit() {
        // WIMSE §3.1: RS, PS, ES and EdDSA (and its fully-specified name).
        for (alg, kid, key) in [
            ("ES384", "wit", DOMAIN),
            ("EdDSA", "wit-ed", TestKey::Ed25519),
            ("Ed25519", "wit-ed", TestKey::Ed25519),
            ("RS256", "wit-rsa", TestKey::Rsa2048),
            ("PS512", "wit-rsa", TestKey::Rsa2048),
        ] {
            let w = signed_wit(
                key,
                json!({"typ": "wit+jwt", "alg": alg, "kid": kid}),
                wit_claims(),
            );
            let p = signed_pop(WORKLOAD, pop_header(), pop_claims());
            let r = request(&w, &p, "");
            let got = run(&r, &client(), &server(), &InMemoryReplayCache::new());
            assert!(got.is_ok(), "{alg}: {got:?}");
        }
        // client_attestation_signing_alg_values_supported limits the WIT's alg.
        let mut s = server();
        s.client_attestation_signing_alg_values_supported = Some(vec!["ES384".into()]);
        assert!(judge(none(), none(), none(), none(), &s).is_ok());
        s.client_attestation_signing_alg_values_supported = Some(vec!["EdDSA".into()]);
        assert_eq!(
            judge(none(), none(), none(), none(), &s).unwrap_err(),
            AuthError::AttestationAlgorithmNotAllowed {
                jwt: W,
                alg: Some("ES384".into())
            }
        );
        // and client_attestation_pop_signing_alg_values_supported the PoP's.
        let mut s = server();
        s.client_attestation_pop_signing_alg_values_supported = Some(vec!["EdDSA".into()]);
        assert_eq!(
            judge(none(), none(), none(), none(), &s).unwrap_err(),
            AuthError::AttestationAlgorithmNotAllowed {
                jwt: P,
                alg: Some("ES256".into())
            }
        );
        // An Ed25519 workload key stating EdDSA signs its PoP with EdDSA.
        let w = signed_wit(
            DOMAIN,
            wit_header(),
            with(
                wit_claims(),
                json!({"cnf": {"jwk": cnf_jwk(TestKey::Ed25519, "EdDSA")}}),
            ),
        );
        let p = signed_pop(
            TestKey::Ed25519,
            with(pop_header(), json!({"alg": "EdDSA"})),
            pop_claims(),
        );
        let r = request(&w, &p, "");
        assert!(run(&r, &client(), &server(), &InMemoryReplayCache::new()).is_ok());
    }

    #[test]
    fn signatures_are_the_trust_domains_and_the_workloads() {
        let w = signed_wit(DOMAIN, wit_header(), wit_claims());
        let p = signed_pop(WORKLOAD, pop_header(), pop_claims());
        let judge = |w: &str, p: &str| {
            run(
                &request(w, p, ""),
                &client(),
                &server(),
                &InMemoryReplayCache::new(),
            )
            .map(|_| ())
        };
        assert_eq!(judge(&w, &p), Ok(()));
        // A flipped bit of the WIT's signature.
        let (head, sig) = w.rsplit_once('.').unwrap();
        let mut sig = sig.to_owned().into_bytes();
        sig[0] = if sig[0] == b'A' { b'B' } else { b'A' };
        let forged = format!("{head}.{}", String::from_utf8(sig).unwrap());
        assert_eq!(
            judge(&forged, &p),
            Err(AuthError::InvalidAttestationSignature { jwt: W })
        );
        // The PoP signed by a key other than cnf.jwk (RFC 7515 Appendix A.3's P-256 key).
        let rfc_key = json!({"kty": "EC", "crv": "P-256", "alg": "ES256",
            "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
            "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"});
        let other = signed_wit(
            DOMAIN,
            wit_header(),
            with(wit_claims(), json!({"cnf": {"jwk": rfc_key}})),
        );
        assert_eq!(
            judge(&other, &p),
            Err(AuthError::InvalidAttestationSignature { jwt: P })
        );
    }

    #[test]
    fn keys_come_from_the_subjects_trust_domain_only() {
        let p = signed_pop(WORKLOAD, pop_header(), pop_claims());
        // other.org's key signs a WIT whose sub is in other.org, for a client registered there.
        let other_id = "spiffe://other.org/my-oauth-client";
        let w = signed_wit(
            TestKey::P521,
            json!({"typ": "wit+jwt", "alg": "ES512", "kid": "other"}),
            with(wit_claims(), json!({"sub": other_id})),
        );
        let mut c = ClientMetadata::new(other_id);
        c.token_endpoint_auth_method = Some("spiffe_wit".into());
        let p_other = signed_pop(
            WORKLOAD,
            pop_header(),
            with(pop_claims(), json!({"iss": other_id})),
        );
        let replay = InMemoryReplayCache::new();
        assert!(run(&request(&w, &p_other, ""), &c, &server(), &replay).is_ok());
        // The same key for an example.org sub: not an example.org key.
        let w = signed_wit(
            TestKey::P521,
            json!({"typ": "wit+jwt", "alg": "ES512", "kid": "other"}),
            wit_claims(),
        );
        assert_eq!(
            run(&request(&w, &p, ""), &client(), &server(), &replay).unwrap_err(),
            AuthError::AttestationIssuerUntrusted { jwt: W }
        );
        // No bundle for the trust domain: invalid_client, a registration problem; never the
        // attestation keys, never another domain's bundle.
        let w = signed_wit(DOMAIN, wit_header(), wit_claims());
        let mut s = server();
        s.spiffe_bundles = Some(
            serde_json::from_value(
                json!({"other.org": {"jwks": {"keys": [marked(DOMAIN, "wit", "wit-svid")]}}}),
            )
            .unwrap(),
        );
        s.client_attestation_trusted_keys = Some(json!({"keys": [marked(DOMAIN, "wit", "sig")]}));
        let err = run(&request(&w, &p, ""), &client(), &s, &replay).unwrap_err();
        assert_eq!(
            err,
            AuthError::SpiffeBundleMissing {
                kind: SvidKind::Wit,
                trust_domain: "example.org".into()
            }
        );
        assert_eq!(
            (err.oauth_code().as_str(), err.class().as_str()),
            ("invalid_client", "registration")
        );
        // A bundle whose keys are all JWT-SVID keys holds no WIT key.
        s.spiffe_bundles = Some(
            serde_json::from_value(
                json!({"example.org": {"jwks": {"keys": [marked(DOMAIN, "wit", "jwt-svid")]}}}),
            )
            .unwrap(),
        );
        assert!(matches!(
            run(&request(&w, &p, ""), &client(), &s, &replay),
            Err(AuthError::SpiffeBundleMissing { .. })
        ));
    }

    #[test]
    fn client_id_names_the_client_and_sub_is_its_spiffe_id() {
        let w = signed_wit(
            DOMAIN,
            wit_header(),
            with(
                wit_claims(),
                json!({"sub": "spiffe://example.org/workloads/a"}),
            ),
        );
        let p = signed_pop(
            WORKLOAD,
            pop_header(),
            with(
                pop_claims(),
                json!({"iss": "spiffe://example.org/workloads/a"}),
            ),
        );
        let mut c = ClientMetadata::new("s6BhdRkqt3");
        c.token_endpoint_auth_method = Some("spiffe_wit".into());
        c.spiffe_id = Some("spiffe://example.org/workloads/*".into());
        let r = request(&w, &p, "client_id=s6BhdRkqt3");
        assert_eq!(claimed_client_id(&r), Ok(Some("s6BhdRkqt3")));
        let ok = run(&r, &c, &server(), &InMemoryReplayCache::new()).unwrap();
        assert_eq!(ok.client_id(), "s6BhdRkqt3");
        assert_eq!(ok.spiffe_id(), Some("spiffe://example.org/workloads/a"));
        // The PoP's iss may be the client_id (draft -10) as well as the WIT's sub (§3.3), and
        // nothing else.
        for (iss, accepted) in [("s6BhdRkqt3", true), ("s6BhdRkqt4", false)] {
            let p = signed_pop(
                WORKLOAD,
                pop_header(),
                with(pop_claims(), json!({"iss": iss})),
            );
            let got = run(
                &request(&w, &p, "client_id=s6BhdRkqt3"),
                &c,
                &server(),
                &InMemoryReplayCache::new(),
            );
            assert_eq!(got.is_ok(), accepted, "{iss}: {got:?}");
        }
        // /* matches whole path segments only.
        c.spiffe_id = Some("spiffe://example.org/work/*".into());
        assert_eq!(
            run(&r, &c, &server(), &InMemoryReplayCache::new()).unwrap_err(),
            AuthError::SpiffeIdMismatch {
                presented: "spiffe://example.org/workloads/a".into(),
                registered: "spiffe://example.org/work/*".into(),
            }
        );
        // Without client_id, the sub names the client.
        let r = request(&w, &p, "");
        assert_eq!(
            claimed_client_id(&r),
            Ok(Some("spiffe://example.org/workloads/a"))
        );
        // A client attestation's sub must still be the client_id parameter.
        let a = signed_wit(
            DOMAIN,
            with(wit_header(), json!({"typ": "oauth-client-attestation+jwt"})),
            wit_claims(),
        );
        assert_eq!(
            claimed_client_id(&request(&a, &p, "client_id=s6BhdRkqt3")),
            Err(AuthError::AttestationSubjectMismatch {
                sub: ID.into(),
                client_id: "s6BhdRkqt3".into(),
            })
        );
    }

    #[test]
    fn the_headers_are_one_method_and_only_spiffe_wit_s() {
        let w = signed_wit(DOMAIN, wit_header(), wit_claims());
        let p = signed_pop(WORKLOAD, pop_header(), pop_claims());
        let replay = InMemoryReplayCache::new();
        // Beside a Basic header, a client_assertion or a client_secret: two methods.
        let basic = RequestParts::builder()
            .header("Authorization", "Basic YTpi")
            .header("OAuth-Client-Attestation", &w)
            .header("OAuth-Client-Attestation-PoP", &p)
            .now(NOW)
            .build()
            .unwrap();
        let mut c = client();
        c.client_id = "a".into();
        c.spiffe_id = Some(ID.into());
        assert_eq!(
            run(&basic, &c, &server(), &replay).unwrap_err(),
            AuthError::MultipleAuthenticationMethods {
                first: CredentialKind::BasicHeader,
                second: CredentialKind::Attestation
            }
        );
        let secret = request(&w, &p, &format!("client_id={ID}&client_secret=x"));
        let err = run(&secret, &client(), &server(), &replay).unwrap_err();
        assert_eq!(
            err,
            AuthError::MultipleAuthenticationMethods {
                first: CredentialKind::SecretParameter,
                second: CredentialKind::Attestation
            }
        );
        assert_eq!(err.oauth_code().as_str(), "invalid_request");
        // The headers for a spiffe_jwt client: the registration does not allow spiffe_wit.
        let mut jwt_client = client();
        jwt_client.token_endpoint_auth_method = Some("spiffe_jwt".into());
        let r = request(&w, &p, "");
        let err = run(&r, &jwt_client, &server(), &replay).unwrap_err();
        assert_eq!(
            err,
            AuthError::MethodNotRegistered {
                registered: AuthMethod::SpiffeJwt,
                presented: CredentialKind::Attestation
            }
        );
        assert_eq!(err.oauth_code().as_str(), "invalid_client");
        // A WIT-SVID is no client attestation: refused under attest_jwt_client_auth, and as
        // an additional signal beside another method.
        let mut attesting = client();
        attesting.token_endpoint_auth_method = Some("attest_jwt_client_auth".into());
        assert_eq!(
            run(&r, &attesting, &server(), &replay).unwrap_err(),
            AuthError::AttestationTypeNotAllowed {
                jwt: AttestationJwt::Attestation,
                typ: Some("wit+jwt".into())
            }
        );
        let mut basic_client = c.clone();
        basic_client.token_endpoint_auth_method = Some("client_secret_basic".into());
        basic_client.client_secret = Some(crate::wire::secret::ClientSecret::new("b"));
        assert_eq!(
            run(&basic, &basic_client, &server(), &replay).unwrap_err(),
            AuthError::AttestationTypeNotAllowed {
                jwt: AttestationJwt::Attestation,
                typ: Some("wit+jwt".into())
            }
        );
        // draft §4: the server must list spiffe_wit.
        let mut s = server();
        s.token_endpoint_auth_methods_supported = Some(vec!["spiffe_jwt".into()]);
        assert!(matches!(
            run(&r, &client(), &s, &replay),
            Err(AuthError::MethodNotSupported {
                method: AuthMethod::SpiffeWit,
                ..
            })
        ));
    }

    #[test]
    fn the_pop_jti_is_replay_checked_and_the_wits_is_not() {
        let w = signed_wit(
            DOMAIN,
            wit_header(),
            with(wit_claims(), json!({"jti": "wit-1"})),
        );
        let replay = InMemoryReplayCache::new();
        let pop = |jti: &str| {
            signed_pop(
                WORKLOAD,
                pop_header(),
                with(pop_claims(), json!({"jti": jti})),
            )
        };
        // The same WIT (and its jti) with two PoPs: a WIT is reused until it expires.
        assert!(run(&request(&w, &pop("a"), ""), &client(), &server(), &replay).is_ok());
        assert!(run(&request(&w, &pop("b"), ""), &client(), &server(), &replay).is_ok());
        let err = run(&request(&w, &pop("a"), ""), &client(), &server(), &replay).unwrap_err();
        assert_eq!(err, AuthError::AttestationPopReplayed);
        assert_eq!(err.oauth_code().as_str(), "invalid_client_attestation");
    }

    #[test]
    fn verdicts_are_invalid_client_attestation_or_use_fresh_attestation() {
        let s = server();
        let err = judge(json!({"kid": "nope"}), none(), none(), none(), &s).unwrap_err();
        assert_eq!(
            (err.oauth_code().as_str(), err.status()),
            ("invalid_client_attestation", 401)
        );
        let err = judge(none(), json!({"exp": NOW - 60}), none(), none(), &s).unwrap_err();
        assert_eq!(
            (
                err.oauth_code().as_str(),
                err.status(),
                err.class().as_str()
            ),
            ("use_fresh_attestation", 400, "time")
        );
        // client_attestation_max_age_seconds is a client attestation's rule: a WIT-SVID is
        // reused until its exp.
        let mut s = server();
        s.client_attestation_max_age_seconds = Some(60);
        assert!(judge(none(), none(), none(), none(), &s).is_ok());
    }

    #[test]
    fn challenges_apply_as_to_a_client_attestation() {
        let mut s = server();
        s.client_attestation_challenges = Some(vec!["chal-1".into()]);
        s.client_attestation_next_challenge = Some("chal-2".into());
        assert!(judge(none(), none(), none(), json!({"challenge": "chal-1"}), &s).is_ok());
        let err = judge(none(), none(), none(), none(), &s).unwrap_err();
        assert_eq!(err.oauth_code().as_str(), "use_attestation_challenge");
        assert_eq!(err.attestation_challenge(), Some("chal-2"));
    }

    #[test]
    fn no_fapi_profile_allows_the_method() {
        for profile in ["fapi1-baseline", "fapi1-advanced", "fapi2"] {
            let mut s = server();
            s.fapi_profile = serde_json::from_value(json!(profile)).unwrap();
            assert!(
                matches!(
                    judge(none(), none(), none(), none(), &s),
                    Err(AuthError::MethodNotAllowedByProfile { .. })
                ),
                "{profile}"
            );
        }
    }

    #[test]
    fn registration_needs_a_spiffe_id() {
        let mut c = ClientMetadata::new("s6BhdRkqt3");
        c.token_endpoint_auth_method = Some("spiffe_wit".into());
        assert_eq!(
            PreparedClient::new(&c).unwrap_err(),
            crate::wire::error::registration::MetadataError::MissingSpiffeId
        );
        c.spiffe_id = Some(ID.into());
        assert!(PreparedClient::new(&c).is_ok());
    }
}
