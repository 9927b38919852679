//! The time one `client_secret_basic` request takes against a hashed secret, per scheme at
//! typical parameters: the work an unauthenticated caller makes the server do per wrong
//! secret (a wrong secret costs the same hash as the right one).
//!
//! ```text
//! cargo bench --bench secret_hash
//! ```
//!
//! The hashes are the independent vectors of `tests/vectors/secrets/secret_vectors.json`
//! (argon2-cffi, pyca bcrypt, htpasswd -B, Python hashlib), prepared once; each iteration is
//! one `authenticate_prepared`. A plaintext `client_secret` is the floor. It ends with a
//! table of median milliseconds per verify.

// Bench code: a missing vector should stop the run.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;
use std::time::Duration;

use base64::Engine as _;
use criterion::{criterion_group, Criterion};
use oauth_client_auth::{
    authenticate_prepared, ClientMetadata, ClientSecret, InMemoryReplayCache, PreparedClient,
    PreparedServer, RequestParts, ServerMetadata,
};
use serde_json::Value;

/// The rows: a label, and the vector's name (`None`: a plaintext secret).
const ROWS: &[(&str, Option<&str>)] = &[
    ("plaintext client_secret (floor)", None),
    (
        "argon2id m=19456 t=2 p=1",
        Some("argon2id, OWASP parameters"),
    ),
    (
        "argon2id m=65536 t=3 p=4",
        Some("argon2id, argon2-cffi defaults (RFC 9106 second choice)"),
    ),
    ("bcrypt cost 10", Some("bcrypt $2b$")),
    ("bcrypt cost 12", Some("bcrypt $2b$ cost 12")),
    ("scrypt ln=15 r=8 p=1", Some("scrypt ln=15 r=8 p=1")),
    ("scrypt ln=17 r=8 p=1", Some("scrypt ln=17 r=8 p=1")),
    ("pbkdf2-sha256 i=600000", Some("pbkdf2-sha256 i=600000")),
    ("pbkdf2-sha512 i=210000", Some("pbkdf2-sha512 i=210000")),
];

fn vectors() -> Vec<Value> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/secrets/secret_vectors.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn form_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b' ' => out.push('+'),
            b if b.is_ascii_alphanumeric() => out.push(char::from(b)),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn secret_hash(c: &mut Criterion) {
    let vectors = vectors();
    let server = PreparedServer::new(&ServerMetadata::new("https://as.example.com")).unwrap();
    let replay = InMemoryReplayCache::new();
    let mut group = c.benchmark_group("secret_hash");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(4));
    for (label, name) in ROWS {
        let (client, secret) = match name {
            None => {
                let mut c = ClientMetadata::new("s6BhdRkqt3");
                c.client_secret = Some(ClientSecret::new("gX1fBat3bV"));
                (c, "gX1fBat3bV".to_owned())
            }
            Some(name) => {
                let v = vectors
                    .iter()
                    .find(|v| v["name"] == *name)
                    .unwrap_or_else(|| panic!("no vector {name}"));
                let mut client: ClientMetadata =
                    serde_json::from_value(v["client"].clone()).unwrap();
                client.token_endpoint_auth_method = Some("client_secret_basic".into());
                (client, v["secret"].as_str().unwrap().to_owned())
            }
        };
        let client = PreparedClient::with_server(&client, &server).unwrap();
        let token = base64::engine::general_purpose::STANDARD
            .encode(format!("s6BhdRkqt3:{}", form_encode(&secret)));
        let request = RequestParts::builder()
            .header("Authorization", format!("Basic {token}"))
            .now(1_764_300_000)
            .build()
            .unwrap();
        authenticate_prepared(&request, &client, &server, &replay).unwrap();
        group.bench_function(*label, |b| {
            b.iter(|| authenticate_prepared(&request, &client, &server, &replay))
        });
    }
    group.finish();
}

criterion_group!(benches, secret_hash);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    print_table();
}

/// Where criterion writes its estimates.
fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/criterion")
}

/// The median of a bench in nanoseconds, from this run's estimates.
fn median_ns(function: &str) -> Option<f64> {
    let path = criterion_home()
        .join("secret_hash")
        .join(function)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let v: Value = serde_json::from_str(&text).ok()?;
    v.get("median")?.get("point_estimate")?.as_f64()
}

fn print_table() {
    println!();
    println!("median time per verify (one client_secret_basic request), ms:");
    println!("| scheme and parameters | ms per verify |");
    println!("|---|---|");
    for (label, _) in ROWS {
        let ms = median_ns(label).map_or("-".to_owned(), |ns| format!("{:.4}", ns / 1e6));
        println!("| {label} | {ms} |");
    }
}
