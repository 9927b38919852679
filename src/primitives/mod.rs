//! Layer 2: the checks the methods are built from. The assertion rules and keys (JWS, JWK),
//! the certificate decoding, DN and SAN matching and path validation (X.509), the replay
//! store, and the registered secrets (plaintext, hashed, rotated). Each reads layer 1 only, and
//! none reads another layer-2 module above it.

pub(crate) mod assertion;
pub(crate) mod cert;
pub(crate) mod challenge;
pub(crate) mod replay;
pub(crate) mod secret;
pub(crate) mod spiffe;
