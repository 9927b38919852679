//! Regression: preparing clients on several threads at once, first thing in a process, must
//! keep every key.
//!
//! With OpenSSL 3.0.19, decoding an RSA-PSS public key while another thread decoded an EC key
//! for the first time failed about one run in three (`X509_PUBKEY_get0: decode error`), which
//! silently dropped the client's RSA key: `tests/jwt_vectors.rs` then refused an RS256
//! assertion as "no key for RS256". Key decoding is now serialized. This file is its own test
//! binary, so OpenSSL's first use happens here, on racing threads.

#![cfg(test)]

use std::path::Path;
use std::sync::{Arc, Barrier};

use oauth_client_auth::{ClientMetadata, PreparedClient};
use serde_json::Value;

#[test]
fn clients_prepared_concurrently_keep_every_key_regression_openssl3_decoder_race() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/jwt_vectors_jose.json");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let keys = file["jwks"]["keys"].as_array().unwrap().clone();
    let threads = 8;
    let barrier = Arc::new(Barrier::new(threads));
    let handles: Vec<_> = (0..threads)
        .map(|i| {
            // Each thread prepares a client with one key, so key types decode side by side.
            let key = keys[i % keys.len()].clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let mut client = ClientMetadata::new(format!("client-{i}"));
                client.token_endpoint_auth_method = Some("private_key_jwt".into());
                client.jwks = Some(serde_json::json!({ "keys": [key] }));
                barrier.wait();
                PreparedClient::new(&client).map(|_| ())
            })
        })
        .collect();
    for (i, handle) in handles.into_iter().enumerate() {
        assert_eq!(handle.join().unwrap(), Ok(()), "thread {i}");
    }
}
