//! The form body parser (RFC 6749 §2.3.1, §3.2): bounds, percent-decoding, repeated and empty
//! parameters, then the claimed client and the `client_secret_post` and `none` checks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth_client_auth::{claimed_client_id, RequestParts};
use oauth_client_auth_fuzz::fixtures;

fuzz_target!(|data: &[u8]| {
    let fx = fixtures();
    let Ok(request) = RequestParts::builder().now(fx.now).form_body(data).build() else {
        return;
    };
    let _ = claimed_client_id(&request);
    for name in ["client_secret_post", "none"] {
        if let Some(client) = fx.client(name) {
            fx.judge(&request, client, &fx.server);
        }
    }
});
