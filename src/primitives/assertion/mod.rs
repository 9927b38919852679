//! The rules of a client assertion once the client is known: the header (`alg`, `crit`, key
//! headers, `typ`) against the method and policy, the claims against the client and the
//! server, and the client's keys (JWK Sets and HMAC keys) that verify it.

pub(crate) mod attestation;
pub(crate) mod claims;
pub(crate) mod ed25519;
pub(crate) mod header;
pub(crate) mod key;
#[cfg(test)]
pub(crate) mod testing;
