//! `private_key_jwt` (ES256) end to end on an async server — [`verify_prepared`], then
//! [`Verified::commit_async`](oauth_client_auth::Verified::commit_async) — with the `jti`
//! recorded in Redis on loopback ([`RedisReplayStore`]) against the same in memory
//! ([`InMemoryReplayCache`]), in one run:
//! - the time per request one at a time, whose difference is the latency Redis adds;
//! - the throughput with 1, 8 and 64 requests in flight, on a multi-thread tokio runtime.
//!
//! Every request carries its own assertion (a fresh `jti`), signed before the measurement;
//! only verify and commit are timed. It ends with a table: concurrency, in-memory requests per
//! second, Redis requests per second, and their ratio (the target: at least 0.85 at 64).
//!
//! Redis on loopback runs on the same cores as the bench: on a small machine, the CPU that
//! `redis-server` spends on each `SET` (and the round trips' system calls on both sides) counts
//! against the Redis column, as it would not with Redis on a machine of its own.
//!
//! ```text
//! REDIS_URL=redis://127.0.0.1:6379 cargo bench --features redis --bench redis_replay
//! ```

// Bench set-up works on fixed inputs: a failure there is a broken bench, and panics.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use criterion::{criterion_group, Criterion, Throughput};
use josekit::jwk::alg::ec::{EcCurve, EcKeyPair};
use josekit::jws::alg::ecdsa::EcdsaJwsSigner;
use josekit::jws::{JwsSigner, ES256};
use oauth_client_auth::{
    verify_prepared, AsyncReplayStore, AuthError, ClientMetadata, InMemoryReplayCache,
    PreparedClient, PreparedServer, RedisReplayConfig, RedisReplayStore, RequestParts,
    ServerMetadata,
};
use serde_json::json;
use tokio::runtime::Runtime;

#[path = "support/mod.rs"]
mod support;
use support::*;

const ISSUER: &str = "https://as.example.com";
const CLIENT_ID: &str = "s6BhdRkqt3";
const ASSERTION_TYPE: &str = "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer";
const GROUP: &str = "redis_replay";
const CONCURRENCY: [usize; 3] = [1, 8, 64];
/// Redis over in-memory throughput at the highest concurrency.
const TARGET_RATIO: f64 = 0.85;

/// The client, the server, and a signer that makes a fresh assertion for every request.
struct Fixture {
    client: PreparedClient,
    server: PreparedServer,
    signer: EcdsaJwsSigner,
    run: u128,
    serial: AtomicU64,
}

impl Fixture {
    fn new() -> Self {
        let key = EcKeyPair::from_pem(
            include_str!("../tests/vectors/keys/ec-p256.pem"),
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
        let server: ServerMetadata = serde_json::from_value(json!({
            "issuer": ISSUER,
            "token_endpoint": format!("{ISSUER}/token"),
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
        }))
        .unwrap();
        Self {
            client: PreparedClient::new(&client).unwrap(),
            server: PreparedServer::new(&server).unwrap(),
            signer: ES256.signer_from_jwk(&key.to_jwk_private_key()).unwrap(),
            run: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos(),
            serial: AtomicU64::new(0),
        }
    }

    /// `n` requests, each with an assertion of its own `jti`, valid for a minute.
    fn requests(&self, n: u64) -> Vec<RequestParts> {
        let now = i64::try_from(
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_secs(),
        )
        .unwrap();
        let header = URL_SAFE_NO_PAD.encode(json!({"alg": "ES256", "kid": "k1"}).to_string());
        (0..n)
            .map(|_| {
                let serial = self.serial.fetch_add(1, Ordering::Relaxed);
                let claims = json!({
                    "iss": CLIENT_ID, "sub": CLIENT_ID, "aud": ISSUER,
                    "jti": format!("bench-{}-{serial}", self.run),
                    "iat": now, "exp": now + 60,
                })
                .to_string();
                let input = format!("{header}.{}", URL_SAFE_NO_PAD.encode(claims));
                let signature = self.signer.sign(input.as_bytes()).unwrap();
                RequestParts::builder()
                    .form_body(format!(
                        "grant_type=client_credentials&client_assertion_type={ASSERTION_TYPE}\
                         &client_assertion={input}.{}",
                        URL_SAFE_NO_PAD.encode(signature)
                    ))
                    .build()
                    .unwrap()
            })
            .collect()
    }
}

/// Verifies and commits every request, `concurrency` at a time; the time it took.
async fn serve<S: AsyncReplayStore + 'static>(
    fixture: Arc<Fixture>,
    store: Arc<S>,
    requests: Vec<RequestParts>,
    concurrency: usize,
) -> Duration {
    let requests = Arc::new(requests);
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let (fixture, store) = (Arc::clone(&fixture), Arc::clone(&store));
            let (requests, next) = (Arc::clone(&requests), Arc::clone(&next));
            tokio::spawn(async move {
                while let Some(request) = requests.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let verified = verify_prepared(request, &fixture.client, &fixture.server)?;
                    verified.commit_async(&*store).await?;
                }
                Ok::<(), AuthError>(())
            })
        })
        .collect();
    for task in tasks {
        if let Err(e) = task.await.unwrap() {
            panic!("a benched request is refused: {e}");
        }
    }
    start.elapsed()
}

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn redis_store(runtime: &Runtime) -> RedisReplayStore {
    let url = match std::env::var("REDIS_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => panic!(
            "REDIS_URL must name a Redis to bench against, e.g. \
             REDIS_URL=redis://127.0.0.1:6379 cargo bench --features redis --bench redis_replay"
        ),
    };
    runtime
        .block_on(RedisReplayStore::connect(RedisReplayConfig::new(url)))
        .unwrap_or_else(|e| panic!("REDIS_URL: {e}"))
}

/// Both stores accept a fresh assertion and refuse its replay, before anything is measured.
fn check(runtime: &Runtime, fixture: &Fixture, redis: &RedisReplayStore) {
    let memory = InMemoryReplayCache::new();
    let request = fixture.requests(1).pop().unwrap();
    let verify = || verify_prepared(&request, &fixture.client, &fixture.server).unwrap();
    runtime.block_on(async {
        verify().commit_async(&memory).await.unwrap();
        verify().commit_async(redis).await.unwrap();
        assert_eq!(
            verify().commit_async(&memory).await,
            Err(AuthError::AssertionReplayed)
        );
        assert_eq!(
            verify().commit_async(redis).await,
            Err(AuthError::AssertionReplayed)
        );
    });
}

fn redis_replay(c: &mut Criterion) {
    let runtime = runtime();
    let fixture = Arc::new(Fixture::new());
    let redis = Arc::new(redis_store(&runtime));
    check(&runtime, &fixture, &redis);

    let mut group = c.benchmark_group(GROUP);
    group
        .throughput(Throughput::Elements(1))
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for concurrency in CONCURRENCY {
        group.bench_function(format!("memory_c{concurrency}"), |b| {
            b.iter_custom(|iters| {
                let requests = fixture.requests(iters);
                // A store per sample, so that it never fills up over a long run.
                let memory = Arc::new(InMemoryReplayCache::new());
                runtime.block_on(serve(Arc::clone(&fixture), memory, requests, concurrency))
            })
        });
        group.bench_function(format!("redis_c{concurrency}"), |b| {
            b.iter_custom(|iters| {
                let requests = fixture.requests(iters);
                runtime.block_on(serve(
                    Arc::clone(&fixture),
                    Arc::clone(&redis),
                    requests,
                    concurrency,
                ))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, redis_replay);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    print_table();
}

/// The time per request of a bench in nanoseconds, from this run's estimates: the slope of
/// time over requests (what criterion reports for these linearly sampled benches; a sample's
/// fixed cost, such as spawning the tasks, does not count), else the median.
fn time_ns(function: &str) -> Option<f64> {
    estimate_ns(GROUP, function, "slope").or_else(|| estimate_ns(GROUP, function, "median"))
}

fn print_table() {
    let micros = |v: Option<f64>| v.map_or("-".to_owned(), |ns| format!("{:.1} µs", ns / 1e3));
    let memory_1 = time_ns("memory_c1");
    let redis_1 = time_ns("redis_c1");
    println!();
    println!("one request at a time (time per request):");
    println!("{:>12} {:>12} {:>12}", "in-memory", "Redis", "Redis adds");
    let added = match (memory_1, redis_1) {
        (Some(m), Some(r)) => Some(r - m),
        _ => None,
    };
    println!(
        "{:>12} {:>12} {:>12}",
        micros(memory_1),
        micros(redis_1),
        micros(added)
    );
    println!();
    println!("throughput (requests per second, from the time per request):");
    println!(
        "{:>11} {:>14} {:>12} {:>7} {:>7}",
        "concurrency", "in-memory", "Redis", "ratio", "target"
    );
    let per_second = |ns: Option<f64>| ns.filter(|ns| *ns > 0.0).map(|ns| 1e9 / ns);
    let show = |v: Option<f64>| v.map_or("-".to_owned(), |v| format!("{v:.0}"));
    let highest = CONCURRENCY[CONCURRENCY.len() - 1];
    for concurrency in CONCURRENCY {
        let memory = per_second(time_ns(&format!("memory_c{concurrency}")));
        let redis = per_second(time_ns(&format!("redis_c{concurrency}")));
        let ratio = match (memory, redis) {
            (Some(m), Some(r)) => Some(r / m),
            _ => None,
        };
        let target = if concurrency == highest {
            match ratio {
                Some(r) if r >= TARGET_RATIO => format!("≥{TARGET_RATIO} met"),
                Some(_) => format!("≥{TARGET_RATIO} NOT met"),
                None => format!("≥{TARGET_RATIO}"),
            }
        } else {
            "-".to_owned()
        };
        println!(
            "{:>11} {:>14} {:>12} {:>7} {:>7}",
            concurrency,
            show(memory),
            show(redis),
            ratio.map_or("-".to_owned(), |r| format!("{r:.2}")),
            target
        );
    }
}
