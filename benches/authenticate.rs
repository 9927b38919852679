//! `authenticate` end to end, per method, against the floor it cannot go below.
//!
//! For every method the bench measures, in one run:
//! - `plain`: build [`RequestParts`] from the raw header and body, then [`authenticate`] with
//!   plain [`ClientMetadata`] / [`ServerMetadata`] (metadata validated on every call);
//! - `prepared`: the same with a [`PreparedClient`] / [`PreparedServer`] made once;
//! - `floor`: the work no implementation can skip — for the shared-secret methods the Base64
//!   or percent decoding of the credential and the constant-time comparison.
//!
//! It ends with a table of median time per call and the ratio of each path to its floor.
//! Absolute times on shared machines mean little; the ratios, measured in the same run, do.
//!
//! ```text
//! cargo bench --bench authenticate
//! ```

// Bench set-up works on fixed inputs: a failure there is a broken bench, and panics.
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::PathBuf;

use base64::Engine as _;
use criterion::{criterion_group, Criterion};
use oauth_client_auth::{
    authenticate, authenticate_prepared, ClientMetadata, InMemoryReplayCache, PreparedClient,
    PreparedServer, RequestParts, ServerMetadata,
};
use subtle::ConstantTimeEq;

const NOW: i64 = 1_764_300_000;
const ISSUER: &str = "https://as.example.com";

/// One row of the final table: a bench group, its target ratio, and a label.
struct Row {
    group: &'static str,
    target: f64,
}

const ROWS: &[Row] = &[
    Row {
        group: "client_secret_basic",
        target: 3.0,
    },
    Row {
        group: "client_secret_post",
        target: 3.0,
    },
    Row {
        group: "none",
        target: f64::NAN,
    },
];

fn server() -> ServerMetadata {
    serde_json::from_value(serde_json::json!({
        "issuer": ISSUER,
        "token_endpoint": format!("{ISSUER}/token"),
        "token_endpoint_auth_methods_supported":
            ["client_secret_basic", "client_secret_post", "none"],
    }))
    .unwrap_or_else(|e| panic!("server metadata: {e}"))
}

fn client(method: &str) -> ClientMetadata {
    serde_json::from_value(serde_json::json!({
        "client_id": "s6BhdRkqt3",
        "client_secret": "7Fjfp0ZBr1KtDRbnfVdmIw-0123456789abcdef",
        "token_endpoint_auth_method": method,
    }))
    .unwrap_or_else(|e| panic!("client metadata: {e}"))
}

/// Runs `plain` and `prepared` for one request shape, and checks first that it is accepted.
fn bench_method(
    c: &mut Criterion,
    group: &str,
    method: &str,
    headers: &[(&str, String)],
    body: &str,
) {
    let server_md = server();
    let client_md = client(method);
    let server_p = PreparedServer::new(&server_md).unwrap_or_else(|e| panic!("{e}"));
    let client_p = PreparedClient::new(&client_md).unwrap_or_else(|e| panic!("{e}"));
    let replay = InMemoryReplayCache::new();
    let build = |headers: &[(&str, String)], body: &str| {
        let mut b = RequestParts::builder().form_body(body).now(NOW);
        for (n, v) in headers {
            b = b.header(n, v);
        }
        b.build()
    };
    let parts = build(headers, body).unwrap_or_else(|e| panic!("{group}: {e}"));
    if let Err(e) = authenticate(&parts, &client_md, &server_md) {
        panic!("{group}: the benched request is refused: {e}");
    }

    let mut g = c.benchmark_group(group);
    g.bench_function("plain", |b| {
        b.iter(|| {
            let parts = build(black_box(headers), black_box(body));
            parts.and_then(|p| authenticate(&p, black_box(&client_md), black_box(&server_md)))
        })
    });
    g.bench_function("prepared", |b| {
        b.iter(|| {
            let parts = build(black_box(headers), black_box(body));
            parts.and_then(|p| {
                authenticate_prepared(&p, black_box(&client_p), black_box(&server_p), &replay)
            })
        })
    });
    g.finish();
}

fn shared_secret_methods(c: &mut Criterion) {
    let secret = "7Fjfp0ZBr1KtDRbnfVdmIw-0123456789abcdef";
    let token = base64::engine::general_purpose::STANDARD.encode(format!("s6BhdRkqt3:{secret}"));
    let basic_header = format!("Basic {token}");
    bench_method(
        c,
        "client_secret_basic",
        "client_secret_basic",
        &[("Authorization", basic_header)],
        "grant_type=client_credentials",
    );
    // Floor: Base64-decode the credentials and compare the secret in constant time.
    c.benchmark_group("client_secret_basic")
        .bench_function("floor", |b| {
            b.iter(|| {
                let decoded = base64::engine::general_purpose::STANDARD
                    .decode(black_box(token.as_bytes()))
                    .unwrap_or_default();
                let presented = decoded.get(11..).unwrap_or_default();
                bool::from(presented.ct_eq(black_box(secret.as_bytes())))
            })
        });

    let body = format!("grant_type=client_credentials&client_id=s6BhdRkqt3&client_secret={secret}");
    bench_method(c, "client_secret_post", "client_secret_post", &[], &body);
    // Floor: percent-decode the secret parameter and compare it in constant time.
    c.benchmark_group("client_secret_post")
        .bench_function("floor", |b| {
            b.iter(|| {
                let raw = black_box(body.as_bytes());
                let start = raw.len() - secret.len();
                let decoded: Vec<u8> =
                    percent_encoding::percent_decode(raw.get(start..).unwrap_or_default())
                        .collect();
                bool::from(decoded.ct_eq(black_box(secret.as_bytes())))
            })
        });

    bench_method(
        c,
        "none",
        "none",
        &[],
        "grant_type=authorization_code&code=abc&client_id=s6BhdRkqt3",
    );
}

criterion_group!(benches, shared_secret_methods);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    print_table();
}

/// Where criterion writes its estimates (the same order of preference as criterion's own).
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
fn median_ns(group: &str, function: &str) -> Option<f64> {
    let path = criterion_home()
        .join(group)
        .join(function)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v.get("median")?.get("point_estimate")?.as_f64()
}

fn print_table() {
    println!();
    println!(
        "{:<40} {:>12} {:>12} {:>12} {:>9} {:>9} {:>7}",
        "method", "floor", "plain", "prepared", "plain×", "prep×", "target"
    );
    for row in ROWS {
        let floor = median_ns(row.group, "floor");
        let plain = median_ns(row.group, "plain");
        let prepared = median_ns(row.group, "prepared");
        let fmt = |v: Option<f64>| v.map_or("-".to_owned(), |ns| format!("{ns:.0} ns"));
        let ratio = |v: Option<f64>| match (v, floor) {
            (Some(v), Some(f)) if f > 0.0 => format!("{:.2}", v / f),
            _ => "-".to_owned(),
        };
        let target = if row.target.is_nan() {
            "-".to_owned()
        } else {
            format!("≤{:.2}", row.target)
        };
        println!(
            "{:<40} {:>12} {:>12} {:>12} {:>9} {:>9} {:>7}",
            row.group,
            fmt(floor),
            fmt(plain),
            fmt(prepared),
            ratio(plain),
            ratio(prepared),
            target
        );
    }
}
