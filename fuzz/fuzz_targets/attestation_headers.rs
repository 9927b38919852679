//! Attestation-based client authentication (draft-ietf-oauth-attestation-based-client-auth-10):
//! the `OAuth-Client-Attestation` and `OAuth-Client-Attestation-PoP` headers, their compact JWS
//! decoding, both JWTs' header and claims rules, the instance key in `cnf.jwk`, the signatures,
//! the claimed client from the attestation alone, the additional-signal path beside
//! `private_key_jwt`, and `spiffe_wit` (draft-ietf-oauth-spiffe-client-auth-02 §3.3), whose
//! WIT-SVID comes in the same header.
//!
//! The input is the two header values separated by the first newline, unless it starts with
//! `S`: then the rest is four newline-separated parts (attestation header, attestation claims,
//! PoP header, PoP claims), each JWT signed here with the fixtures' ES256 key, which the server
//! trusts as the attester's, so that mutated headers and claims pass the signatures and reach
//! the checks behind them (a `cnf.jwk` of that same key makes the PoP verify too). The same key
//! is `example.org`'s `wit-svid` key, so a mutated WIT-SVID (`typ` `wit+jwt`, `kid`
//! `fuzz-es256`, a `sub` under `spiffe://example.org/`) reaches the WIT rules too.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use oauth_client_auth::{
    authenticate_prepared, claimed_client_id, ClientMetadata, InMemoryReplayCache, PreparedClient,
    PreparedServer, RequestParts, ServerMetadata,
};
use oauth_client_auth_fuzz::fixtures;

/// The same key as `example.org`'s WIT-SVID signing key.
const WIT_JWK: &str = r#"{"kty":"EC","crv":"P-256","kid":"fuzz-es256","use":"wit-svid",
    "x":"riQvXTz7FQUUANSap6eU_tEdq5h7OMWtNi9RsbRe8G0",
    "y":"IRxrAvUXPkAky8_KwAx1CnRlLkWkgHcZcSNz-Cqkur0"}"#;

/// The attester key: the fixtures' `private_key_jwt` key.
const JWK: &str = r#"{"kty":"EC","crv":"P-256","kid":"fuzz-es256","use":"sig",
    "x":"riQvXTz7FQUUANSap6eU_tEdq5h7OMWtNi9RsbRe8G0",
    "y":"IRxrAvUXPkAky8_KwAx1CnRlLkWkgHcZcSNz-Cqkur0"}"#;

struct Setup {
    server: PreparedServer,
    challenged: PreparedServer,
    client: PreparedClient,
    wit_client: PreparedClient,
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let server = |extra: &str| -> PreparedServer {
            let json = format!(
                r#"{{"issuer":"https://as.example.com",
                    "token_endpoint_auth_methods_supported":["attest_jwt_client_auth","private_key_jwt","spiffe_wit"],
                    "client_attestation_trusted_keys":{{"keys":[{JWK}]}},
                    "spiffe_bundles":{{"example.org":{{"jwks":{{"keys":[{WIT_JWK}]}}}}}},
                    "client_attestation_max_age_seconds":3600{extra}}}"#
            );
            let metadata: ServerMetadata = serde_json::from_str(&json).expect("fixture server");
            PreparedServer::new(&metadata).expect("fixture server prepares")
        };
        let mut client = ClientMetadata::new("fuzz-es256");
        client.token_endpoint_auth_method = Some("attest_jwt_client_auth".into());
        let mut wit_client = ClientMetadata::new("spiffe://example.org/w");
        wit_client.token_endpoint_auth_method = Some("spiffe_wit".into());
        wit_client.spiffe_id = Some("spiffe://example.org/*".into());
        Setup {
            server: server(""),
            challenged: server(r#","client_attestation_challenges":["c1"]"#),
            client: PreparedClient::new(&client).expect("fixture client prepares"),
            wit_client: PreparedClient::new(&wit_client).expect("fixture client prepares"),
        }
    })
}

fn judge(request: &RequestParts, client: &PreparedClient, server: &PreparedServer) {
    let replay = InMemoryReplayCache::with_capacity(16);
    match authenticate_prepared(request, client, server, &replay) {
        Ok(who) => {
            std::hint::black_box((who.attestation_key_thumbprint(), who.jti()));
        }
        Err(e) => {
            std::hint::black_box((
                e.oauth_code().as_str(),
                e.status(),
                e.class(),
                e.description(),
                e.attestation_challenge(),
                e.to_string(),
            ));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let fx = fixtures();
    let s = setup();
    let (attestation, pop) = match data.split_first() {
        Some((b'S', rest)) => {
            let mut parts = rest.splitn(4, |&b| b == b'\n');
            let (ah, ac, ph, pc) = (
                parts.next().unwrap_or_default(),
                parts.next().unwrap_or_default(),
                parts.next().unwrap_or_default(),
                parts.next().unwrap_or_default(),
            );
            (
                fx.sign_es256(ah, ac).into_bytes(),
                fx.sign_es256(ph, pc).into_bytes(),
            )
        }
        _ => {
            let at = data.iter().position(|&b| b == b'\n').unwrap_or(data.len());
            let (a, p) = data.split_at(at);
            (a.to_vec(), p.get(1..).unwrap_or_default().to_vec())
        }
    };
    let builder = RequestParts::builder()
        .now(fx.now)
        .header("OAuth-Client-Attestation", &attestation)
        .header("OAuth-Client-Attestation-PoP", &pop);
    if let Ok(request) = builder.clone().build() {
        let _ = claimed_client_id(&request);
        judge(&request, &s.client, &s.server);
        judge(&request, &s.client, &s.challenged);
        judge(&request, &s.wit_client, &s.server);
    }
    // With a client_id, and beside the private_key_jwt client's (absent) assertion: the
    // additional-signal path after that method's own refusal or acceptance.
    if let Ok(request) = builder.form_pairs([("client_id", "fuzz-es256")]).build() {
        judge(&request, &s.client, &s.server);
        if let Some(pkjwt) = fx.client("private_key_jwt") {
            judge(&request, pkjwt, &fx.server);
        }
    }
});
