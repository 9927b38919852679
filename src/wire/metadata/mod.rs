//! Registered metadata: the client's (RFC 7591), the server's (RFC 8414) with this crate's
//! policy keys, and the names both use: methods, algorithms, endpoints, SAN kinds.

pub(crate) mod algorithm;
pub(crate) mod cache_key;
pub(crate) mod client;
pub(crate) mod client_builder;
pub(crate) mod client_secrets;
pub(crate) mod endpoint;
pub(crate) mod method;
pub(crate) mod policy;
pub(crate) mod san;
pub(crate) mod secret_hash_cost;
pub(crate) mod server;
pub(crate) mod spiffe;
