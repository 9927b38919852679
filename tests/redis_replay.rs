//! Against a real Redis (`REDIS_URL`, feature `redis`): of 64 concurrent commits of one
//! `private_key_jwt` assertion, exactly one is accepted and 63 are refused as replays — whether
//! one [`Verified`] is committed 64 times or the same request is verified 64 times.
//!
//! ```text
//! REDIS_URL=redis://127.0.0.1:6379 cargo test --features redis --test redis_replay
//! ```
//!
//! `tests/e2e/redis_replay.sh` starts a Redis and runs it. Without `REDIS_URL` the test fails:
//! it must not pass silently where no Redis was given.

// Test code throughout, helpers included (clippy.toml allows unwrap and indexing in tests).
#![cfg(test)]

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use josekit::jwk::alg::ec::{EcCurve, EcKeyPair};
use josekit::jws::{JwsSigner, ES256};
use oauth_client_auth::{
    verify_prepared, AuthError, ClientMetadata, PreparedClient, PreparedServer, RedisReplayConfig,
    RedisReplayStore, RequestParts, ServerMetadata, Verified,
};
use serde_json::json;

const ISSUER: &str = "https://as.example.com";
const CLIENT_ID: &str = "redis-replay-client";
const ASSERTION_TYPE: &str = "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer";
const CONCURRENT: usize = 64;

async fn store() -> RedisReplayStore {
    let url = std::env::var("REDIS_URL").unwrap_or_default();
    assert!(
        !url.is_empty(),
        "REDIS_URL must name a Redis for this test (tests/e2e/redis_replay.sh starts one)"
    );
    RedisReplayStore::connect(RedisReplayConfig::new(url))
        .await
        .unwrap()
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// The client (ES256 key of `tests/vectors/keys/ec-p256.pem`), the server, and one request
/// carrying an assertion with a `jti` no other run uses.
fn fixture(label: &str) -> (PreparedClient, PreparedServer, RequestParts) {
    let key = EcKeyPair::from_pem(
        include_str!("vectors/keys/ec-p256.pem"),
        Some(EcCurve::P256),
    )
    .unwrap();
    let mut public = key.to_jwk_public_key();
    public.set_key_id("k1");
    let client: ClientMetadata = serde_json::from_value(json!({
        "client_id": CLIENT_ID,
        "token_endpoint_auth_method": "private_key_jwt",
        "jwks": { "keys": [serde_json::to_value(&public).unwrap()] },
    }))
    .unwrap();
    let mut server = ServerMetadata::new(ISSUER);
    server.token_endpoint = Some(format!("{ISSUER}/token"));
    server.token_endpoint_auth_methods_supported = Some(vec!["private_key_jwt".into()]);

    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let now = now();
    let header = json!({"alg": "ES256", "kid": "k1", "typ": "JWT"}).to_string();
    let claims = json!({
        "iss": CLIENT_ID, "sub": CLIENT_ID, "aud": ISSUER,
        "jti": format!("{label}-{}-{nanos}", std::process::id()),
        "iat": now, "exp": now + 60,
    })
    .to_string();
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(claims)
    );
    let signer = ES256.signer_from_jwk(&key.to_jwk_private_key()).unwrap();
    let signature = URL_SAFE_NO_PAD.encode(signer.sign(input.as_bytes()).unwrap());
    let request = RequestParts::builder()
        .form_body(format!(
            "grant_type=client_credentials&client_assertion_type={ASSERTION_TYPE}\
             &client_assertion={input}.{signature}"
        ))
        .build()
        .unwrap();
    (
        PreparedClient::new(&client).unwrap(),
        PreparedServer::new(&server).unwrap(),
        request,
    )
}

/// Exactly one accepted, every other one refused as a replay.
fn assert_one_accepted(results: Vec<Result<String, AuthError>>) {
    let accepted = results.iter().filter(|r| r.is_ok()).count();
    let replayed = results
        .iter()
        .filter(|r| matches!(r, Err(AuthError::AssertionReplayed)))
        .count();
    let other: Vec<_> = results
        .iter()
        .filter(|r| !matches!(r, Ok(_) | Err(AuthError::AssertionReplayed)))
        .collect();
    assert!(other.is_empty(), "unexpected results: {other:?}");
    assert_eq!((accepted, replayed), (1, CONCURRENT - 1));
}

async fn join(
    tasks: Vec<tokio::task::JoinHandle<Result<String, AuthError>>>,
) -> Vec<Result<String, AuthError>> {
    let mut results = Vec::with_capacity(tasks.len());
    for task in tasks {
        results.push(task.await.unwrap());
    }
    results
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_verified_committed_64_times_at_once_is_accepted_once() {
    let store = store().await;
    let (client, server, request) = fixture("commit");
    let verified: Verified = verify_prepared(&request, &client, &server).unwrap();
    assert!(verified.replay_entry().is_some());
    let tasks = (0..CONCURRENT)
        .map(|_| {
            let (store, verified) = (store.clone(), verified.clone());
            tokio::spawn(async move {
                verified
                    .commit_async(&store)
                    .await
                    .map(|who| who.client_id().to_owned())
            })
        })
        .collect();
    assert_one_accepted(join(tasks).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_request_verified_64_times_at_once_is_accepted_once() {
    let store = store().await;
    let (client, server, request) = fixture("verify");
    let shared = Arc::new((client, server, request));
    let tasks = (0..CONCURRENT)
        .map(|_| {
            let (store, shared) = (store.clone(), Arc::clone(&shared));
            tokio::spawn(async move {
                let (client, server, request) = &*shared;
                let verified = verify_prepared(request, client, server)?;
                verified
                    .commit_async(&store)
                    .await
                    .map(|who| who.client_id().to_owned())
            })
        })
        .collect();
    assert_one_accepted(join(tasks).await);
}
