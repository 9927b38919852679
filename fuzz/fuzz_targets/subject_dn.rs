//! The RFC 4514 DN string parser: the input as a `tls_client_auth` client's registered
//! `tls_client_auth_subject_dn` (RFC 8705 §2.1.2), prepared, and when it prepares, compared
//! with the subject of each fixed certificate.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth_client_auth::{ClientMetadata, PreparedClient};
use oauth_client_auth_fuzz::{fixtures, DN_CLIENT_ID};

fuzz_target!(|data: &[u8]| {
    let fx = fixtures();
    let Ok(dn) = std::str::from_utf8(data) else {
        return;
    };
    let mut metadata = ClientMetadata::new(DN_CLIENT_ID);
    metadata.token_endpoint_auth_method = Some("tls_client_auth".to_owned());
    metadata.tls_client_auth_subject_dn = Some(dn.to_owned());
    let Ok(client) = PreparedClient::new(&metadata) else {
        return;
    };
    for request in fx.dn_requests() {
        fx.judge(request, &client, &fx.server);
    }
});
