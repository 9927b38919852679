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

/// Records `per_thread` entries from each of `threads` threads into one fresh cache (or, when
/// `shared` is false, each thread into a cache of its own: the same work with nothing shared,
/// the most two threads can do on this machine); the time they take together.
fn record(threads: usize, per_thread: u64, shared: bool) -> Duration {
    let one = InMemoryReplayCache::with_limits(usize::MAX, usize::MAX);
    let own: Vec<InMemoryReplayCache> = (0..threads)
        .map(|_| InMemoryReplayCache::with_limits(usize::MAX, usize::MAX))
        .collect();
    let clients: Vec<String> = (0..CLIENTS).map(|n| format!("client-{n}")).collect();
    let start = Instant::now();
    std::thread::scope(|scope| {
        for (t, private) in own.iter().enumerate() {
            let cache = if shared { &one } else { private };
            let clients = &clients;
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
            b.iter_custom(|iters| record(threads, iters, true))
        });
    }
    group.throughput(Throughput::Elements(2));
    group.bench_function("threads_2_unshared", |b| {
        b.iter_custom(|iters| record(2, iters, false))
    });
    group.finish();
}

criterion_group!(benches, contention);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    let group = "in_memory_replay_contention";
    let one = median_ns(group, "threads_1");
    let two = median_ns(group, "threads_2");
    let unshared = median_ns(group, "threads_2_unshared");
    if let (Some(one), Some(two), Some(unshared)) = (one, two, unshared) {
        // One iteration is one entry per thread: entries per ns are threads / time.
        let scaling = (2.0 / two) / (1.0 / one);
        let ceiling = (2.0 / unshared) / (1.0 / one);
        println!();
        println!("one thread: {one:.0} ns per entry; two threads: {two:.0} ns per pair of entries");
        println!("scaling from 1 to 2 threads on one store: {scaling:.2}× (target ≥ 1.80)");
        println!(
            "the same work on two stores, nothing shared: {ceiling:.2}× (this machine's ceiling)"
        );
    }
}
