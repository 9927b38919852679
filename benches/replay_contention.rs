//! One `InMemoryReplayCache` shared by 1 and then 2 threads, each recording distinct `jti`s
//! for 64 clients: the time per recorded entry with one thread is the floor, and the scaling
//! is how many times more entries two threads record in the same time (2.0 would be perfect;
//! the target is at least 1.8).
//!
//! `cargo bench --bench replay_contention`; it ends with the scaling.

use std::time::{Duration, Instant};

use criterion::{criterion_group, Criterion, Throughput};
use oauth_client_auth::{InMemoryReplayCache, ReplayCache};

#[path = "support/mod.rs"]
mod support;
use support::*;

const NOW: i64 = 1_764_300_000;
const CLIENTS: usize = 64;

/// Records `per_thread` entries from each of `threads` threads into one fresh cache; the time
/// they take together.
fn record(threads: usize, per_thread: u64) -> Duration {
    let cache = InMemoryReplayCache::with_limits(usize::MAX, usize::MAX);
    let clients: Vec<String> = (0..CLIENTS).map(|n| format!("client-{n}")).collect();
    let start = Instant::now();
    std::thread::scope(|scope| {
        for t in 0..threads {
            let (cache, clients) = (&cache, &clients);
            scope.spawn(move || {
                for (n, client) in (0..per_thread).zip(clients.iter().cycle()) {
                    let jti = format!("{t}-{n}");
                    let recorded = cache.check_and_record(client, &jti, NOW + 3600, NOW);
                    assert!(recorded.is_ok());
                }
            });
        }
    });
    start.elapsed()
}

fn contention(c: &mut Criterion) {
    let mut group = c.benchmark_group("in_memory_replay_contention");
    for threads in [1usize, 2] {
        group.throughput(Throughput::Elements(threads as u64));
        group.bench_function(format!("threads_{threads}"), |b| {
            // One iteration: each thread records one entry.
            b.iter_custom(|iters| record(threads, iters))
        });
    }
    group.finish();
}

criterion_group!(benches, contention);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    let one = median_ns("in_memory_replay_contention", "threads_1");
    let two = median_ns("in_memory_replay_contention", "threads_2");
    if let (Some(one), Some(two)) = (one, two) {
        // One iteration is one entry per thread: entries per ns are threads / time.
        let scaling = (2.0 / two) / (1.0 / one);
        println!();
        println!("one thread: {one:.0} ns per entry; two threads: {two:.0} ns per pair of entries");
        println!("scaling from 1 to 2 threads: {scaling:.2}× (target ≥ 1.80)");
    }
}
