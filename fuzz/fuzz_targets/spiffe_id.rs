//! SPIFFE ID parsing (SPIFFE-ID §2): the input as a SPIFFE ID, checked against what a parsed ID
//! promises; as a `spiffe_jwt` client's registered `spiffe_id` (with the `/*` wildcard of
//! draft-ietf-oauth-spiffe-client-auth-02 §5.1); and as the `sub` of a JWT-SVID presented
//! for that client, which the verifier parses before any key is looked for.
#![no_main]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use libfuzzer_sys::fuzz_target;
use oauth_client_auth::{
    authenticate_prepared, ClientMetadata, InMemoryReplayCache, PreparedClient, PreparedServer,
    RequestParts, ServerMetadata, SpiffeId, MAX_SPIFFE_ID_BYTES,
};

const NOW: i64 = 1_764_300_000;
const ISSUER: &str = "https://as.example.com";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(id) = SpiffeId::parse(text) {
        // What a parsed ID promises: nothing normalized, a non-empty lowercase trust domain,
        // an empty or '/'-led path, within the length bound, and a second parse the same.
        assert_eq!(id.as_str(), text);
        assert!(text.len() <= MAX_SPIFFE_ID_BYTES);
        assert!(!id.trust_domain().is_empty());
        assert!(id.trust_domain().bytes().all(|b| !b.is_ascii_uppercase()));
        assert!(id.path().is_empty() || id.path().starts_with('/'));
        assert!(!id.path().ends_with('/'));
        assert_eq!(format!("spiffe://{}{}", id.trust_domain(), id.path()), text);
        assert_eq!(SpiffeId::parse(id.as_str()).as_ref(), Ok(&id));
    }

    // As the registered spiffe_id, and as the JWT-SVID's sub.
    let mut client = ClientMetadata::new("fuzz-spiffe");
    client.token_endpoint_auth_method = Some("spiffe_jwt".to_owned());
    client.spiffe_id = Some(text.to_owned());
    let registered = PreparedClient::new(&client);
    client.spiffe_id = Some("spiffe://example.org/*".to_owned());
    let Ok(client) = registered.or_else(|_| PreparedClient::new(&client)) else {
        return;
    };
    let mut server = ServerMetadata::new(ISSUER);
    server.token_endpoint_auth_methods_supported = Some(vec!["spiffe_jwt".to_owned()]);
    let Ok(server) = PreparedServer::new(&server) else {
        return;
    };
    let claims = serde_json::json!({"sub": text, "aud": ISSUER, "exp": NOW + 60});
    let token = format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"ES256","kid":"k"}"#),
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        URL_SAFE_NO_PAD.encode([1u8; 64]),
    );
    let Ok(request) = RequestParts::builder()
        .form_body(format!(
            "client_id=fuzz-spiffe&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-spiffe&client_assertion={token}"
        ))
        .now(NOW)
        .build()
    else {
        return;
    };
    // No bundle is configured: at best the verdict is "no keys for the trust domain".
    let verdict = authenticate_prepared(&request, &client, &server, &InMemoryReplayCache::new());
    assert!(verdict.is_err());
});
