//! The metadata JSON: the input as client metadata (RFC 7591 names, the `jwks` JWK Set and its
//! keys, registered `x5c` certificates, the `tls_client_auth_*` values, `client_secret_hash`
//! and `client_secrets` with their hash strings) and as server metadata (RFC 8414 names,
//! policy, PEM trust anchors, `secret_hash_max_cost`), each then prepared. Preparing parses
//! every hash string and checks its cost, and never hashes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth_client_auth::{ClientMetadata, PreparedClient, PreparedServer, ServerMetadata};

fuzz_target!(|data: &[u8]| {
    if let Ok(client) = serde_json::from_slice::<ClientMetadata>(data) {
        let _ = PreparedClient::new(&client);
    }
    if let Ok(server) = serde_json::from_slice::<ServerMetadata>(data) {
        let _ = PreparedServer::new(&server);
    }
});
