//! Client assertions signed by independent JOSE implementations verify through
//! [`authenticate`], for every algorithm this crate supports.
//!
//! The vectors are committed JSON files in `tests/vectors/`, produced by PyJWT
//! (`make_jwt_vectors.py`) and by Node's `jose` (`make_jwt_vectors_jose.mjs`); each script's
//! header gives the exact command. This test only reads them: CI needs neither Python nor Node.
//! Each file also carries assertions that must be refused, each for a named rule.

// Test code throughout, helpers included (clippy.toml allows unwrap and indexing in tests).
#![cfg(test)]

use std::path::Path;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use oauth_client_auth::{
    authenticate, AssertionAudience, AudienceProblem, AuthError, AuthMethod, ClientMetadata,
    ClientSecret, Clock, RequestParts, ServerMetadata, ShownList, SUPPORTED_SIGNING_ALGS,
};
use serde_json::Value;

const FILES: [&str; 2] = ["jwt_vectors_pyjwt.json", "jwt_vectors_jose.json"];
const TYPE: &str = "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer";

fn load(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn server(file: &Value) -> ServerMetadata {
    let mut s = ServerMetadata::new(file["issuer"].as_str().unwrap());
    s.token_endpoint = Some(file["token_endpoint"].as_str().unwrap().to_owned());
    s.token_endpoint_auth_methods_supported =
        Some(vec!["client_secret_jwt".into(), "private_key_jwt".into()]);
    s
}

fn client(file: &Value, vector: &Value) -> ClientMetadata {
    let mut c = ClientMetadata::new(file["client_id"].as_str().unwrap());
    c.token_endpoint_auth_method = Some(vector["method"].as_str().unwrap().to_owned());
    c.client_secret = Some(ClientSecret::new(file["client_secret"].as_str().unwrap()));
    c.jwks = Some(vector.get("jwks").unwrap_or(&file["jwks"]).clone());
    c
}

fn request(file: &Value, assertion: &str) -> RequestParts {
    RequestParts::builder()
        .form_body(format!(
            "grant_type=client_credentials&client_assertion_type={TYPE}&client_assertion={assertion}"
        ))
        .now(file["now"].as_i64().unwrap())
        .build()
        .unwrap()
}

fn flip_a_signature_bit(assertion: &str) -> String {
    let (input, signature) = assertion.rsplit_once('.').unwrap();
    let mut signature = URL_SAFE_NO_PAD.decode(signature).unwrap();
    signature[0] ^= 0x80;
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
}

#[test]
fn independent_vectors_verify_for_every_algorithm() {
    let mut failures = Vec::new();
    for name in FILES {
        let file = load(name);
        let generator = file["generator"].as_str().unwrap();
        let server = server(&file);
        let vectors = file["vectors"].as_array().unwrap();
        let mut covered: Vec<&str> = Vec::new();
        for vector in vectors {
            let label = format!("{name}: {}", vector["name"].as_str().unwrap());
            let assertion = vector["assertion"].as_str().unwrap();
            let client = client(&file, vector);
            match authenticate(&request(&file, assertion), &client, &server) {
                Ok(ok) => {
                    let method = vector["method"].as_str().unwrap();
                    assert_eq!(ok.method().as_str(), method, "{label}");
                    assert_eq!(ok.client_id(), file["client_id"].as_str().unwrap());
                    assert_eq!(ok.jti(), vector["jti"].as_str(), "{label}");
                    assert_eq!(ok.assertion_expires_at(), vector["exp"].as_i64(), "{label}");
                    assert_eq!(
                        ok.assertion_explicitly_typed(),
                        vector["explicitly_typed"].as_bool(),
                        "{label}"
                    );
                    covered.push(vector["alg"].as_str().unwrap());
                }
                Err(e) => failures.push(format!("{label} ({generator}) refused: {e}")),
            }
            // The same assertion with one signature bit flipped never verifies, so a pass
            // above is the signature's doing.
            let forged = flip_a_signature_bit(assertion);
            assert_eq!(
                authenticate(&request(&file, &forged), &client, &server).unwrap_err(),
                AuthError::InvalidAssertionSignature,
                "{label}"
            );
        }
        for alg in SUPPORTED_SIGNING_ALGS {
            if !covered.contains(alg) {
                failures.push(format!("{name} has no verified vector for {alg}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn independent_vectors_that_break_a_rule_are_refused() {
    for name in FILES {
        let file = load(name);
        let now = file["now"].as_i64().unwrap();
        let server = server(&file);
        for vector in file["refused"].as_array().unwrap() {
            let label = format!("{name}: {}", vector["name"].as_str().unwrap());
            let assertion = vector["assertion"].as_str().unwrap();
            let got = authenticate(&request(&file, assertion), &client(&file, vector), &server)
                .unwrap_err();
            let issuer = file["issuer"].as_str().unwrap();
            let aud = |got: &AuthError| match got {
                AuthError::AssertionAudienceMismatch { aud, expected, .. } => {
                    // The values sent and the issuer expected, as the refusal shows them.
                    assert_eq!(expected.to_string(), format!("{issuer:?}"), "{label}");
                    aud.clone()
                }
                other => panic!("{label}: {other:?}"),
            };
            let want = match vector["rule"].as_str().unwrap() {
                "key_too_small" => AuthError::AssertionKeyTooSmall {
                    bits: 1024,
                    min_bits: 2048,
                },
                "unsecured" => AuthError::UnsecuredAssertion,
                "typ_not_allowed" => AuthError::AssertionTypeNotAllowed {
                    typ: match &got {
                        AuthError::AssertionTypeNotAllowed { typ: Some(typ) } => Some(typ.clone()),
                        other => panic!("{label}: {other:?}"),
                    },
                },
                "audience_endpoint_url" => AuthError::AssertionAudienceMismatch {
                    policy: AssertionAudience::Issuer,
                    problem: AudienceProblem::EndpointUrl,
                    aud: aud(&got),
                    expected: ShownList::one(issuer),
                },
                "audience_multiple" => AuthError::AssertionAudienceMismatch {
                    policy: AssertionAudience::Issuer,
                    problem: AudienceProblem::MultipleAudiences,
                    aud: aud(&got),
                    expected: ShownList::one(issuer),
                },
                "expired" => AuthError::AssertionExpired {
                    expired_at: now - 30,
                    clock: Clock { now, skew: 30 },
                },
                other => panic!("{label}: unknown rule {other}"),
            };
            assert_eq!(got, want, "{label}");
        }
    }
}

#[test]
fn vectors_name_both_methods() {
    for name in FILES {
        let file = load(name);
        for method in [AuthMethod::ClientSecretJwt, AuthMethod::PrivateKeyJwt] {
            assert!(
                file["vectors"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|v| v["method"] == method.as_str()),
                "{name}: {method}"
            );
        }
    }
}
