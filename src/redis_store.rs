//! [`RedisReplayStore`] (feature `redis`): the replay store that several instances of an
//! authorization server share, on Redis. It does I/O, so it sits beside the pure core: the
//! core decides with [`crate::verify_prepared`], and [`crate::Verified::commit_async`] records
//! here.
//!
//! One atomic command per accepted assertion: `SET key 1 NX PX ms`, where `ms` runs from the
//! request's time to the assertion's `exp` plus the skew. `NX` makes the check and the record
//! one step, so of two instances given the same assertion at once exactly one gets `OK`. The
//! expiry is relative (`PX`, not `PXAT`) so that it follows the clock that judged the
//! assertion, not Redis's: a Redis clock ahead of the server's would otherwise forget a `jti`
//! while the assertion is still accepted.
//!
//! The key is the configured prefix, then the client id's length in bytes as decimal digits,
//! `:`, the client id, `:`, the `jti` — length-prefixed, so `("a:b", "c")` (`3:a:b:c`) and
//! `("a", "b:c")` (`1:a:b:c`) never share a key.
//!
//! Every connection attempt and every command is bounded by a timeout; reconnection is retried
//! a bounded number of times. A store that does not answer in time, refuses the connection or
//! answers with an error refuses the assertion as [`ReplayError::Unavailable`]
//! (`temporarily_unavailable`, 503), never as a client error and never as an accept.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};

use crate::primitives::replay::{AsyncReplayStore, ReplayEntry, ReplayError};
use crate::wire::error::replay::StoreFailure;

/// The key prefix of [`RedisReplayConfig::new`].
pub const DEFAULT_REDIS_KEY_PREFIX: &str = "oauth-client-auth:jti:";

/// How to reach Redis and how long to wait for it.
#[derive(Clone)]
pub struct RedisReplayConfig {
    url: String,
    key_prefix: String,
    connect_timeout: Duration,
    command_timeout: Duration,
    reconnect_retries: usize,
}

/// The URL may hold a password: `Debug` shows its scheme only.
impl fmt::Debug for RedisReplayConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = self.url.split_once("://").map_or("?", |(scheme, _)| scheme);
        f.debug_struct("RedisReplayConfig")
            .field("url", &format_args!("{scheme}://<redacted>"))
            .field("key_prefix", &self.key_prefix)
            .field("connect_timeout", &self.connect_timeout)
            .field("command_timeout", &self.command_timeout)
            .field("reconnect_retries", &self.reconnect_retries)
            .finish()
    }
}

impl RedisReplayConfig {
    /// A configuration for the Redis at `url` (`redis://host:port/db`, or `rediss://` for
    /// TLS, with `user:password@` where the server asks for it), with the prefix
    /// [`DEFAULT_REDIS_KEY_PREFIX`], a 2 s connect timeout, a 500 ms command timeout and 2
    /// reconnection retries.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            key_prefix: DEFAULT_REDIS_KEY_PREFIX.to_owned(),
            connect_timeout: Duration::from_secs(2),
            command_timeout: Duration::from_millis(500),
            reconnect_retries: 2,
        }
    }

    /// The prefix of every key, to share one Redis with other uses.
    pub fn key_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.key_prefix = prefix.into();
        self
    }

    /// How long one connection attempt may take.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long one command may take, the wait for a reconnection included.
    pub fn command_timeout(mut self, timeout: Duration) -> Self {
        self.command_timeout = timeout;
        self
    }

    /// How many times a lost connection is re-established before commands fail until the
    /// next one is tried.
    pub fn reconnect_retries(mut self, retries: usize) -> Self {
        self.reconnect_retries = retries;
        self
    }
}

/// A replay store on Redis, shared by every instance that connects to it.
///
/// One multiplexed connection serves every request (cloning the store shares it); it is
/// re-established in the background when lost. Make one at start-up with
/// [`RedisReplayStore::connect`] and keep it.
#[derive(Clone)]
pub struct RedisReplayStore {
    connection: ConnectionManager,
    key_prefix: String,
    command_timeout: Duration,
}

impl fmt::Debug for RedisReplayStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisReplayStore")
            .field("key_prefix", &self.key_prefix)
            .field("command_timeout", &self.command_timeout)
            .finish_non_exhaustive()
    }
}

impl RedisReplayStore {
    /// Connects to Redis.
    ///
    /// # Errors
    ///
    /// A [`StoreFailure`] when the URL does not parse or Redis cannot be reached within the
    /// connect timeout.
    pub async fn connect(config: RedisReplayConfig) -> Result<Self, StoreFailure> {
        let client = redis::Client::open(config.url.as_str()).map_err(|e| {
            StoreFailure::new(format!("the Redis URL is invalid: {}", describe(&e)))
        })?;
        let manager_config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(config.connect_timeout))
            .set_response_timeout(Some(config.command_timeout))
            .set_number_of_retries(config.reconnect_retries)
            .set_max_delay(config.connect_timeout);
        let connect = ConnectionManager::new_with_config(client, manager_config);
        let connection = tokio::time::timeout(config.connect_timeout, connect)
            .await
            .map_err(|_| {
                StoreFailure::new(format!(
                    "no connection to Redis within {} ms",
                    config.connect_timeout.as_millis()
                ))
            })?
            .map_err(|e| StoreFailure::new(describe(&e)))?;
        Ok(Self {
            connection,
            key_prefix: config.key_prefix,
            command_timeout: config.command_timeout,
        })
    }

    /// The key that records `jti` for `client_id`: the prefix, the client id's length, `:`,
    /// the client id, `:`, the `jti`.
    pub fn key(&self, client_id: &str, jti: &str) -> Vec<u8> {
        replay_key(&self.key_prefix, client_id, jti)
    }
}

/// See [`RedisReplayStore::key`]: length-prefixing keeps `:` in a client id from moving the
/// boundary between the client id and the `jti`.
fn replay_key(prefix: &str, client_id: &str, jti: &str) -> Vec<u8> {
    let length = client_id.len().to_string();
    let mut key = Vec::with_capacity(prefix.len() + length.len() + client_id.len() + jti.len() + 2);
    key.extend_from_slice(prefix.as_bytes());
    key.extend_from_slice(length.as_bytes());
    key.push(b':');
    key.extend_from_slice(client_id.as_bytes());
    key.push(b':');
    key.extend_from_slice(jti.as_bytes());
    key
}

impl AsyncReplayStore for RedisReplayStore {
    fn record(&self, entry: &ReplayEntry) -> impl Future<Output = Result<(), ReplayError>> + Send {
        let mut connection = self.connection.clone();
        let key = self.key(entry.client_id(), entry.jti());
        let remember_for = entry.remember_for_ms();
        let timeout = self.command_timeout;
        async move {
            // RFC 7523 §3 item 7: insert if absent, with expiry, in one atomic command.
            let mut set = redis::cmd("SET");
            set.arg(key).arg(1).arg("NX").arg("PX").arg(remember_for);
            let answer =
                tokio::time::timeout(timeout, set.query_async::<Option<String>>(&mut connection))
                    .await;
            match answer {
                Ok(Ok(Some(_))) => Ok(()),
                // NX: the key exists, so the jti was used before.
                Ok(Ok(None)) => Err(ReplayError::Replayed),
                Ok(Err(e)) => Err(ReplayError::Unavailable(StoreFailure::new(describe(&e)))),
                Err(_) => Err(ReplayError::Unavailable(StoreFailure::new(format!(
                    "Redis did not answer within {} ms",
                    timeout.as_millis()
                )))),
            }
        }
    }
}

/// A Redis error in words, from its kind and code: never the URL, so never a password.
fn describe(e: &redis::RedisError) -> String {
    let what = if e.is_timeout() {
        "timed out"
    } else if e.is_connection_refusal() {
        "connection refused"
    } else if e.is_connection_dropped() {
        "connection dropped"
    } else {
        e.category()
    };
    match e.code() {
        Some(code) => format!("Redis: {what} ({code})"),
        None => format!("Redis: {what}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_length_prefixed_so_separators_cannot_collide() {
        assert_ne!(replay_key("p:", "a:b", "c"), replay_key("p:", "a", "b:c"));
        assert_eq!(replay_key("p:", "a:b", "c"), b"p:3:a:b:c");
        assert_eq!(replay_key("p:", "a", "b:c"), b"p:1:a:b:c");
        assert_eq!(replay_key("p:", "", "x"), b"p:0::x");
    }

    #[test]
    fn debug_hides_the_url() {
        let config = RedisReplayConfig::new("rediss://user:s3cret@redis.internal:6380/0");
        let shown = format!("{config:?}");
        assert!(
            !shown.contains("s3cret") && !shown.contains("redis.internal"),
            "{shown}"
        );
        assert!(shown.contains("rediss://<redacted>"));
    }
}
