//! A client assertion as it arrives (RFC 7521 §4.2, RFC 7523 §2.2): the compact JWS decoded
//! once when the request is built, its header and claims read into typed values. Nothing here
//! is verified; the rules are in the assertion primitives.

pub(crate) mod claims;
pub(crate) mod compact;
pub(crate) mod header;
pub(crate) mod members;
