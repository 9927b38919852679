//! The `Authorization` header parser: the input as the whole header value, and after `Basic `
//! so that it reaches the Base64, `:` and form-urlencoded decoding (RFC 7617 §2, RFC 6749
//! §2.3.1); then the claimed client and the `client_secret_basic` check.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth_client_auth::{claimed_client_id, RequestParts};
use oauth_client_auth_fuzz::fixtures;

fuzz_target!(|data: &[u8]| {
    let fx = fixtures();
    let basic = [b"Basic ".as_slice(), data].concat();
    for value in [data, basic.as_slice()] {
        let builder = RequestParts::builder()
            .now(fx.now)
            .header("Authorization", value);
        let Ok(request) = builder.build() else {
            continue;
        };
        let _ = claimed_client_id(&request);
        if let Some(client) = fx.client("client_secret_basic") {
            fx.judge(&request, client, &fx.server);
        }
    }
});
