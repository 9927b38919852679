//! Client secret hashes made by tools that are not this crate (argon2-cffi, pyca bcrypt,
//! `htpasswd -B`, Python hashlib's scrypt and PBKDF2 written as PHC strings), from
//! `tests/vectors/secrets/make_secret_vectors.py`: each authenticates its secret, refuses a
//! wrong one, or is refused at registration for its cost.

// Test code throughout, helpers included (clippy.toml allows unwrap and indexing in tests).
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::path::Path;

use oauth_client_auth::{
    authenticate, AuthError, ClientMetadata, MetadataError, PreparedClient, RequestParts,
    SecretField, SecretHashMaxCost, SecretHashProblem, ServerMetadata,
};
use serde_json::Value;

const NOW: i64 = 1_764_300_000;

fn vectors() -> Vec<Value> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/secrets/secret_vectors.json");
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// application/x-www-form-urlencoded, space as `+` (RFC 6749 Appendix B).
fn form_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b' ' => out.push('+'),
            b if b.is_ascii_alphanumeric() || b"-._*".contains(&b) => out.push(char::from(b)),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn server() -> ServerMetadata {
    let mut s = ServerMetadata::new("https://as.example.com");
    s.token_endpoint_auth_methods_supported = Some(vec!["client_secret_post".into()]);
    s
}

fn post(client: &ClientMetadata, secret: &str) -> Result<(), AuthError> {
    let request = RequestParts::builder()
        .form_body(format!(
            "grant_type=client_credentials&client_id={}&client_secret={}",
            form_encode(&client.client_id),
            form_encode(secret)
        ))
        .now(NOW)
        .build()?;
    authenticate(&request, client, &server()).map(|_| ())
}

#[test]
fn independent_hashes_accept_their_secret_and_refuse_a_wrong_one() {
    let mut checked = 0;
    for v in vectors().iter().filter(|v| v["expect"] == "accept") {
        let name = v["name"].as_str().unwrap();
        let client: ClientMetadata = serde_json::from_value(v["client"].clone()).unwrap();
        // The secret travels form-encoded (RFC 6749 §2.3.1) and is decoded before hashing.
        assert_eq!(
            post(&client, v["secret"].as_str().unwrap()),
            Ok(()),
            "{name}"
        );
        assert_eq!(
            post(&client, v["wrong"].as_str().unwrap()),
            Err(AuthError::SecretMismatch {
                credentials_were_form_decoded: false
            }),
            "{name}"
        );
        checked += 1;
    }
    // Every scheme: argon2id/i/d, bcrypt 2a/2b/2y and Spring's prefixes, scrypt, pbkdf2.
    assert!(checked >= 17, "{checked}");
}

#[test]
fn independent_hashes_over_the_default_cost_are_registration_errors() {
    let mut checked = 0;
    for v in vectors().iter().filter(|v| v["expect"] == "over_cost") {
        let name = v["name"].as_str().unwrap();
        let client: ClientMetadata = serde_json::from_value(v["client"].clone()).unwrap();
        let err = PreparedClient::new(&client).unwrap_err();
        assert!(
            matches!(
                err,
                MetadataError::InvalidSecretHash {
                    field: SecretField::ClientSecretHash,
                    problem: SecretHashProblem::OverCost { .. }
                }
            ),
            "{name}: {err}"
        );
        let refused = post(&client, v["secret"].as_str().unwrap()).unwrap_err();
        assert_eq!(refused, AuthError::InvalidClientMetadata(err), "{name}");
        assert_eq!(refused.description(), "client registration is invalid");
        assert_eq!(refused.status(), 401);
        checked += 1;
    }
    assert_eq!(checked, 4);
}

#[test]
fn a_server_bound_above_the_hash_registers_what_the_default_refuses() {
    // The accepting twin of the over-cost vectors: under raised bounds the same registrations
    // prepare (and no hash is computed to decide it).
    let max: SecretHashMaxCost = serde_json::from_str(
        r#"{"argon2_memory_kib": 131072, "bcrypt_cost": 15, "scrypt_log_n": 18,
            "pbkdf2_iterations": 1000001}"#,
    )
    .unwrap();
    let mut checked = 0;
    for v in vectors().iter().filter(|v| v["expect"] == "over_cost") {
        let name = v["name"].as_str().unwrap();
        let client: ClientMetadata = serde_json::from_value(v["client"].clone()).unwrap();
        assert!(
            PreparedClient::with_secret_hash_max_cost(&client, &max).is_ok(),
            "{name}"
        );
        checked += 1;
    }
    assert_eq!(checked, 4);
}
