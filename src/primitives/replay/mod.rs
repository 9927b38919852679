//! Replay protection for client assertions (RFC 7523 §3 item 7; OpenID Connect Core §9).
//!
//! A `jti` is remembered, per client, until the assertion's `exp` plus the clock skew; a second
//! use in that window is refused. Two traits record it: [`ReplayCache`], called inline (an
//! in-process store, or a network store from a thread that may block), and
//! [`AsyncReplayStore`], awaited from an async server. Both must "insert if absent, with
//! expiry" atomically (Redis `SET key 1 NX PX ms`). [`InMemoryReplayCache`] serves a single
//! process; the `redis` feature's `RedisReplayStore` serves several instances.

pub(crate) mod memory;
pub(crate) mod store;

pub use self::memory::{
    InMemoryReplayCache, DEFAULT_REPLAY_CAPACITY, DEFAULT_REPLAY_PER_CLIENT_CAPACITY,
    MIN_SHARD_CAPACITY, MIN_SHARD_PER_CLIENT,
};
pub use self::store::{AsyncReplayStore, ReplayCache, ReplayEntry, ReplayError};
