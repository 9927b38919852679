//! Registered keys that must not be used, and their accepting twins, from
//! `tests/vectors/key_vectors.json` (made by `tests/vectors/make_key_vectors.py` with Python's
//! `cryptography`; the script's header gives the command). CI only reads the JSON.

// Test code throughout, helpers included (clippy.toml allows unwrap and indexing in tests).
#![cfg(test)]

use std::path::Path;

use oauth_client_auth::{
    authenticate, AuthError, ClientMetadata, MetadataError, RequestParts, ServerMetadata,
};
use serde_json::{json, Value};

const TYPE: &str = "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer";

fn load() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/key_vectors.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn server(file: &Value) -> ServerMetadata {
    let mut s = ServerMetadata::new(file["issuer"].as_str().unwrap());
    s.token_endpoint_auth_methods_supported = Some(vec!["private_key_jwt".into()]);
    s
}

fn client(file: &Value, keys: Vec<Value>) -> ClientMetadata {
    let mut c = ClientMetadata::new(file["client_id"].as_str().unwrap());
    c.token_endpoint_auth_method = Some("private_key_jwt".into());
    c.jwks = Some(json!({ "keys": keys }));
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

/// RFC 8032 §5.1.3 and libsodium's small-order blocklist: a registered Ed25519 key of small
/// order, or with y ≥ p, is not used, so the forged signature R = neutral point, S = 0 never
/// authenticates; real keys beside them still do.
#[test]
fn forged_signature_under_a_small_order_or_non_canonical_key_is_refused() {
    let file = load();
    let server = server(&file);
    let ed = &file["ed25519"];
    let refused = ed["refused"].as_array().unwrap();
    let accepted = ed["accepted"].as_array().unwrap();
    // Eight small-order points, two more sign-bit encodings of x = 0, 19 values y ≥ p twice.
    let small: Vec<_> = refused
        .iter()
        .filter(|r| r["reason"] == "small_order")
        .collect();
    assert_eq!(small.len(), 10);
    let mut orders: Vec<i64> = small[..8]
        .iter()
        .map(|r| r["order"].as_i64().unwrap())
        .collect();
    orders.sort_unstable();
    assert_eq!(orders, [1, 2, 4, 4, 8, 8, 8, 8]);
    assert_eq!(refused.len(), 10 + 38);
    // OpenSSL accepts the forgery under every small-order key: the refusal is what stops it.
    assert!(small.iter().all(|r| r["openssl_verifies_forgery"] == true));

    for vector in refused {
        let name = vector["name"].as_str().unwrap();
        let forged = vector["forged_assertion"].as_str().unwrap();
        // Alone, the key leaves the registration without a usable key.
        let alone = client(&file, vec![vector["jwk"].clone()]);
        let err = authenticate(&request(&file, forged), &alone, &server).unwrap_err();
        assert_eq!(
            err,
            AuthError::InvalidClientMetadata(MetadataError::NoUsableKey),
            "{name}"
        );
        assert_eq!(err.oauth_code().as_str(), "invalid_client", "{name}");
        // Beside a real key, the forged assertion naming it finds no key.
        let beside = client(
            &file,
            vec![accepted[0]["jwk"].clone(), vector["jwk"].clone()],
        );
        let err = authenticate(&request(&file, forged), &beside, &server).unwrap_err();
        assert!(
            matches!(err, AuthError::AssertionKeyNotFound { .. }),
            "{name}: {err:?}"
        );
        assert_eq!(err.oauth_code().as_str(), "invalid_client", "{name}");
    }
    // The accepting twins: real keys (OpenSSL, and `cryptography` with each sign bit).
    for vector in accepted {
        let name = vector["name"].as_str().unwrap();
        let assertion = vector["assertion"].as_str().unwrap();
        let c = client(&file, vec![vector["jwk"].clone()]);
        let got = authenticate(&request(&file, assertion), &c, &server);
        assert!(got.is_ok(), "{name}: {got:?}");
    }
}

/// RFC 7591 §2: `jwks` holds the client's public keys. A key that publishes `d`, `p`, `q`,
/// `dp`, `dq`, `qi`, `oth` or `k` has leaked and refuses the registration, naming the member
/// and never its value; the same keys without them authenticate.
#[test]
fn jwk_publishing_a_private_member_is_a_registration_error() {
    let file = load();
    let server = server(&file);
    let section = &file["private_members"];
    let refused = section["refused"].as_array().unwrap();
    let mut members: Vec<&str> = refused
        .iter()
        .map(|v| v["member"].as_str().unwrap())
        .collect();
    members.sort_unstable();
    members.dedup();
    assert_eq!(members, ["d", "dp", "dq", "k", "oth", "p", "q", "qi"]);
    for vector in refused {
        let name = vector["name"].as_str().unwrap();
        let member = vector["member"].as_str().unwrap();
        let assertion = vector["assertion"].as_str().unwrap();
        // Listed second, after a usable public key: the whole registration is refused.
        let keys = vec![section["accepted"][0]["jwk"].clone(), vector["jwk"].clone()];
        let err =
            authenticate(&request(&file, assertion), &client(&file, keys), &server).unwrap_err();
        let AuthError::InvalidClientMetadata(MetadataError::PrivateKeyInJwks {
            key_index: 1,
            member: got,
        }) = err
        else {
            panic!("{name}: {err:?}");
        };
        assert_eq!(got, member, "{name}");
        assert_eq!(err.oauth_code().as_str(), "invalid_client", "{name}");
        assert_eq!(
            err.description(),
            "client registration is invalid",
            "{name}"
        );
        // The log text names the member, never its value.
        let text = format!("{err} {err:?}");
        assert!(text.contains(member), "{name}: {text}");
        let value = vector["jwk"][member].to_string();
        let value = value.trim_matches(|c| c == '"' || c == '[' || c == ']');
        assert!(
            !text.contains(&value[..value.len().min(16)]),
            "{name}: {text}"
        );
    }
    for vector in section["accepted"].as_array().unwrap() {
        let name = vector["name"].as_str().unwrap();
        let assertion = vector["assertion"].as_str().unwrap();
        let c = client(&file, vec![vector["jwk"].clone()]);
        let got = authenticate(&request(&file, assertion), &c, &server);
        assert!(got.is_ok(), "{name}: {got:?}");
    }
}

/// RFC 7515 §5.2 step 3, RFC 7519 §7.2 steps 4 and 10: the header and the claims set are UTF-8
/// as a whole; RFC 8259 §8.2, RFC 7493 §2.1: no escaped lone surrogate. Both hold in members
/// the crate never reads; the signed twins that differ only by being valid authenticate.
#[test]
fn invalid_unicode_anywhere_in_header_or_claims_is_refused() {
    use oauth_client_auth::{AssertionFormatError, JwsPart};
    let file = load();
    let server = server(&file);
    let section = &file["utf8"];
    let keys = section["jwks"]["keys"].as_array().unwrap().clone();
    let c = client(&file, keys);
    for vector in section["refused"].as_array().unwrap() {
        let name = vector["name"].as_str().unwrap();
        let part = match vector["part"].as_str().unwrap() {
            "header" => JwsPart::Header,
            "payload" => JwsPart::Payload,
            other => panic!("{name}: part {other}"),
        };
        let want = match vector["rule"].as_str().unwrap() {
            "not_utf8" => AssertionFormatError::NotUtf8(part),
            "lone_surrogate" => AssertionFormatError::LoneSurrogate(part),
            other => panic!("{name}: rule {other}"),
        };
        let assertion = vector["assertion"].as_str().unwrap();
        let err = authenticate(&request(&file, assertion), &c, &server).unwrap_err();
        assert_eq!(err, AuthError::MalformedAssertion(want), "{name}");
        assert_eq!(err.oauth_code().as_str(), "invalid_client", "{name}");
    }
    for vector in section["accepted"].as_array().unwrap() {
        let name = vector["name"].as_str().unwrap();
        let assertion = vector["assertion"].as_str().unwrap();
        let got = authenticate(&request(&file, assertion), &c, &server);
        assert!(got.is_ok(), "{name}: {got:?}");
    }
}
