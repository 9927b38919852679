//! Refusals carry the public values that broke the rule, sanitised, and never a secret, a MAC,
//! a signature, an encoded part or a whole assertion: not in `Display`, `Debug`,
//! `description()`, nor in the `verify` example's line. Every credential refusal, and an
//! unknown client, give the client one description.

// clippy.toml allows these in #[test] functions; the helpers below are test code too.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use oauth_client_auth::case::{decide, read_cases};
use oauth_client_auth::{
    authenticate, authenticate_unknown_client, AuthError, ClientMetadata, ClientSecret,
    FailureClass, InMemoryReplayCache, RequestParts, ServerMetadata, CLIENT_AUTHENTICATION_FAILED,
};
use serde_json::{json, Value};
use sha2::Sha256;

const NOW: i64 = 1_764_300_000;
const CLIENT: &str = "s6BhdRkqt3";
const ISSUER: &str = "https://as.example.com";
const TYPE: &str = "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer";
/// 64 octets, enough for HS256 (RFC 7518 §3.2).
const SECRET: &str = "Vq3u9xY7kP2mN8rT4wZ6aB1cD5eF0gH3jK7lM9nP2qR4sT6uV8wX0yZ2aC4eG6iK";

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A compact JWS, HS256 under `key`, of `header` and `claims`.
fn hs256(key: &[u8], header: &Value, claims: &Value) -> String {
    let input = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes())
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(input.as_bytes());
    format!("{input}.{}", b64(&mac.finalize().into_bytes()))
}

fn claims() -> Value {
    json!({"iss": CLIENT, "sub": CLIENT, "aud": ISSUER, "iat": NOW, "exp": NOW + 60,
           "jti": "csj-1"})
}

/// An assertion MAC'd with the client's secret, its header and claims changed as given.
fn assertion(header: Value, changes: Value) -> String {
    let mut h = json!({"alg": "HS256"});
    for (k, v) in header.as_object().unwrap() {
        h[k] = v.clone();
    }
    let mut c = claims();
    for (k, v) in changes.as_object().unwrap() {
        c[k] = v.clone();
    }
    hs256(SECRET.as_bytes(), &h, &c)
}

fn client() -> ClientMetadata {
    let mut c = ClientMetadata::new(CLIENT);
    c.token_endpoint_auth_method = Some("client_secret_jwt".into());
    c.client_secret = Some(ClientSecret::new(SECRET));
    c
}

fn server() -> ServerMetadata {
    let mut s = ServerMetadata::new(ISSUER);
    s.token_endpoint = Some(format!("{ISSUER}/token"));
    s.token_endpoint_auth_methods_supported = Some(vec!["client_secret_jwt".into()]);
    s
}

fn body(assertion: &str) -> String {
    format!("client_assertion_type={TYPE}&client_assertion={assertion}")
}

fn refuse(assertion: &str) -> AuthError {
    let request = RequestParts::builder()
        .form_body(body(assertion))
        .now(NOW)
        .build()
        .unwrap();
    authenticate(&request, &client(), &server()).unwrap_err()
}

/// The `verify` example's line for the same request, client and server.
fn verify_example_line(assertion: &str) -> String {
    let case = json!({
        "now": NOW,
        "request": {"headers": [], "body": body(assertion)},
        "client": {"client_id": CLIENT, "client_secret": SECRET,
                   "token_endpoint_auth_method": "client_secret_jwt"},
        "server": {"issuer": ISSUER, "token_endpoint": format!("{ISSUER}/token"),
                   "token_endpoint_auth_methods_supported": ["client_secret_jwt"]},
    });
    let cases = read_cases(&case.to_string()).unwrap();
    serde_json::to_string(&decide(&cases[0], &InMemoryReplayCache::new())).unwrap()
}

#[test]
fn refusals_show_the_values_never_the_secret_mac_or_assertion() {
    let slash = format!("{ISSUER}/");
    let token_url = format!("{ISSUER}/token");
    let many: Vec<String> = (0..50).map(|i| format!("{ISSUER}/{i}")).collect();
    // (assertion, what the operator's text shows, the class)
    let table: Vec<(String, String, FailureClass)> = vec![
        (
            assertion(json!({}), json!({"aud": slash})),
            format!("aud {slash:?} is refused under the issuer audience policy"),
            FailureClass::Policy,
        ),
        (
            assertion(json!({}), json!({"aud": token_url})),
            format!("; expected {ISSUER:?}"),
            FailureClass::Policy,
        ),
        // A forged log line is escaped, not written.
        (
            assertion(json!({}), json!({"aud": "evil\r\nlevel=INFO forged"})),
            r#"aud "evil\r\nlevel=INFO forged""#.to_owned(),
            FailureClass::Policy,
        ),
        (
            assertion(json!({}), json!({"aud": "a".repeat(5000)})),
            "…\" (cut: 5000 characters)".to_owned(),
            FailureClass::Policy,
        ),
        (
            assertion(json!({}), json!({"aud": many})),
            "… 46 more]".to_owned(),
            FailureClass::Policy,
        ),
        (
            assertion(json!({}), json!({"iss": "someone-else"})),
            format!("iss \"someone-else\" is not the client id {CLIENT:?}"),
            FailureClass::Credential,
        ),
        (
            assertion(json!({}), json!({"exp": NOW - 95, "iat": NOW - 155})),
            "expired at 1764299905, 95 s before the server's time 1764300000 (clock skew \
             allowed: 30 s)"
                .to_owned(),
            FailureClass::Time,
        ),
        (
            assertion(json!({}), json!({"iat": NOW + 95})),
            "iat 1764300095 is 95 s ahead of the server's time 1764300000".to_owned(),
            FailureClass::Time,
        ),
        (
            assertion(json!({"typ": "dpop+jwt"}), json!({})),
            "typ \"dpop+jwt\" names another kind of JWT".to_owned(),
            FailureClass::Policy,
        ),
        (
            assertion(json!({"alg": "HS999"}), json!({})),
            "alg \"HS999\" is not an algorithm".to_owned(),
            FailureClass::Policy,
        ),
        // A MAC under another secret.
        (
            hs256(
                b"another-secret-another-secret-another-secret!!",
                &json!({"alg": "HS256"}),
                &claims(),
            ),
            "signature is invalid".to_owned(),
            FailureClass::Credential,
        ),
    ];
    for (assertion, shown, class) in &table {
        let err = refuse(assertion);
        assert_eq!(err.class(), *class, "{err}");
        let description = err.description().into_owned();
        let texts = [
            err.to_string(),
            format!("{err:?}"),
            description.clone(),
            verify_example_line(assertion),
        ];
        assert!(
            texts[0].contains(shown.as_str()),
            "{}\nwants {shown}",
            texts[0]
        );
        for text in &texts {
            assert!(!text.contains(SECRET), "{text}");
            assert!(!text.contains(assertion.as_str()), "{text}");
            // Neither the header, the claims nor the MAC, encoded.
            for part in assertion.split('.') {
                assert!(!text.contains(part), "{text}");
            }
            // Nothing breaks the log line, and nothing is unbounded.
            assert!(!text.contains('\n') && !text.contains('\r'), "{text}");
            assert!(text.len() < 3000, "{}", text.len());
        }
        // The client's text repeats nothing the client sent.
        for sent in [
            "evil",
            "someone-else",
            "dpop",
            "HS999",
            "aaaa",
            "/token",
            "/0",
        ] {
            assert!(!description.contains(sent), "{description}");
        }
        assert!(!description.contains(&slash), "{description}");
    }
}

#[test]
fn time_and_audience_refusals_hint_the_client() {
    let expired = refuse(&assertion(
        json!({}),
        json!({"exp": NOW - 95, "iat": NOW - 155}),
    ));
    assert_eq!(
        expired.description(),
        "client assertion expired 95 s before the server's time, beyond the allowed clock skew \
         of 30 s (96 s would be needed): check the client's clock"
    );
    let ahead = refuse(&assertion(json!({}), json!({"nbf": NOW + 95})));
    assert_eq!(
        ahead.description(),
        "client assertion nbf is 95 s ahead of the server's time, beyond the allowed clock \
         skew of 30 s (95 s would be needed): check the client's clock"
    );
    let aud = refuse(&assertion(json!({}), json!({"aud": format!("{ISSUER}/")})));
    assert_eq!(
        aud.description(),
        "client assertion audience does not identify this server: the audience must be the \
         issuer identifier \"https://as.example.com\" alone"
    );
    // The accepting twin: the assertion as the rules want it.
    let request = RequestParts::builder()
        .form_body(body(&assertion(json!({}), json!({}))))
        .now(NOW)
        .build()
        .unwrap();
    assert!(authenticate(&request, &client(), &server()).is_ok());
}

#[test]
fn an_unknown_client_and_a_wrong_secret_read_the_same() {
    // client_secret_basic: s6BhdRkqt3 with a wrong secret, and an unknown client.
    let mut basic = ClientMetadata::new(CLIENT);
    basic.client_secret = Some(ClientSecret::new(SECRET));
    let wrong = RequestParts::builder()
        .header("Authorization", "Basic czZCaGRSa3F0Mzp3cm9uZw==")
        .build()
        .unwrap();
    let wrong = authenticate(&wrong, &basic, &ServerMetadata::new(ISSUER)).unwrap_err();
    let unknown = RequestParts::builder()
        .header("Authorization", "Basic b3RoZXI6d3Jvbmc=")
        .build()
        .unwrap();
    let unknown = authenticate_unknown_client(&unknown);
    assert_eq!(wrong.description(), unknown.description());
    assert_eq!(wrong.response(true).body(), unknown.response(true).body());
    assert_eq!(unknown.description(), CLIENT_AUTHENTICATION_FAILED);
    // The operator's log tells them apart.
    assert_ne!(wrong.to_string(), unknown.to_string());
}
