//! The client assertion (RFC 7523, OpenID Connect Core §9): JWS header, payload and signature
//! decoding, key choice from the `private_key_jwt` client's JWK Set, HMAC with the
//! `client_secret_jwt` client's secret, the claims checks and replay, for the claimed client
//! taken from the assertion alone and for a `client_id` parameter beside it.
//!
//! The input is the assertion as sent, unless it starts with `E` or `H`: then the rest is a JWS
//! header and claims separated by the first newline, signed here with the `private_key_jwt`
//! client's key (`E`, ES256) or the `client_secret_jwt` client's secret (`H`, HS256), so that
//! mutated headers and claims still pass the signature and reach the checks behind it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth_client_auth::{claimed_client_id, RequestParts};
use oauth_client_auth_fuzz::{fixtures, JWT_BEARER};

fuzz_target!(|data: &[u8]| {
    let fx = fixtures();
    let attempts = match data.split_first() {
        Some((&mode @ (b'E' | b'H'), rest)) => {
            let at = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
            let (header, claims) = rest.split_at(at);
            let claims = claims.get(1..).unwrap_or_default();
            match mode {
                b'E' => vec![("private_key_jwt", fx.sign_es256(header, claims))],
                _ => vec![("client_secret_jwt", fx.sign_hs256(header, claims))],
            }
        }
        _ => {
            let raw = String::from_utf8_lossy(data).into_owned();
            vec![("private_key_jwt", raw.clone()), ("client_secret_jwt", raw)]
        }
    };
    for (name, assertion) in attempts {
        let Some(client) = fx.client(name) else {
            continue;
        };
        let builder = RequestParts::builder().now(fx.now).form_pairs([
            ("client_assertion_type", JWT_BEARER),
            ("client_assertion", assertion.as_str()),
        ]);
        if let Ok(request) = builder.clone().build() {
            let _ = claimed_client_id(&request);
            fx.judge(&request, client, &fx.server);
        }
        let builder = builder.form_pairs([("client_id", client.client_id())]);
        if let Ok(request) = builder.build() {
            fx.judge(&request, client, &fx.server);
        }
    }
});
