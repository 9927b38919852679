//! `authenticate` end to end, per method, against the floor it cannot go below.
//!
//! For every method the bench measures, in one run:
//! - `plain`: build [`RequestParts`] from the raw header, body and certificate, and
//!   authenticate against the plain [`ClientMetadata`] / [`ServerMetadata`] with
//!   [`authenticate_cached`] — what [`authenticate`] does for a registration it has seen
//!   before: the prepared client and server found in a [`PreparedCache`], or, for a plaintext
//!   `client_secret` of `client_secret_basic` / `client_secret_post`, no preparation at all;
//! - `first`: the same, preparing the metadata on the call — a registration never seen;
//! - `prepared`: the same with a [`PreparedClient`] / [`PreparedServer`] the caller keeps;
//! - `parse`: building the [`RequestParts`] alone, to show where the time goes;
//! - `floor`: the work no implementation can skip, with the same backend:
//!   - `client_secret_basic`: Base64-decode the credentials, compare the secret in constant time;
//!   - `client_secret_post`: percent-decode the secret, compare it in constant time;
//!   - `client_secret_jwt`: the HMAC of the same JWS signing input with the key already set up
//!     (RustCrypto `hmac`), and its constant-time comparison;
//!   - `private_key_jwt`: josekit's verification of the same signing input and signature, with
//!     the verifier built once;
//!   - `tls_client_auth`, `self_signed_tls_client_auth`: percent-decode the nginx header, PEM
//!     decode, and parse the DER certificate (x509-cert);
//!   - `spiffe_jwt`: josekit's verification of the JWT-SVID's signing input and signature, with
//!     the verifier built once;
//!   - `attest_jwt_client_auth`, `spiffe_wit`: josekit's verifications of the attestation (or
//!     WIT-SVID) and of its PoP, with both verifiers built once;
//!   - `spiffe_x509`: percent-decode the nginx header, PEM decode, parse the certificate, and
//!     rustls-webpki's path validation of it to the trust domain's authority (anchors built
//!     once): the work no X.509-SVID verifier can skip.
//!
//! - `minimal` (`client_secret_jwt` only): the least any verifier built on the same crates does
//!   (find the parameters, decode the parts, read header and claims with serde into borrowed
//!   fields, MAC), with no result, no policy and no copy: how close to the floor the ≤ 3×
//!   target lets a real verifier come.
//!
//! Assertions are recorded in a replay store that accepts every `jti`, so that one signed
//! assertion can be measured many times; the store is the caller's (see `ReplayCache`), and
//! `InMemoryReplayCache` is measured on its own.
//!
//! It ends with a table of median time per call and the ratio of each path to its floor.
//! Absolute times on shared machines mean little; the ratios, measured in the same run, do.
//!
//! ```text
//! cargo bench --bench authenticate
//! ```

// Bench set-up works on fixed inputs: a failure there is a broken bench, and panics.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use criterion::{criterion_group, Criterion};
use hmac::{Hmac, Mac};
use josekit::jwk::alg::ec::{EcCurve, EcKeyPair};
use josekit::jwk::alg::ed::EdKeyPair;
use josekit::jwk::alg::rsa::RsaKeyPair;
use josekit::jwk::{Jwk, KeyPair};
use josekit::jws::{EdDSA, JwsSigner, JwsVerifier, ES256, PS256, RS256};
use oauth_client_auth::{
    authenticate_cached, authenticate_prepared, CertificateInput, ClientMetadata,
    InMemoryReplayCache, PreparedCache, PreparedClient, PreparedServer, ReplayCache, ReplayError,
    RequestParts, ServerMetadata,
};
use serde_json::{json, Value};
use sha2::Sha256;
use subtle::ConstantTimeEq;
use x509_cert::der::{Decode, DecodePem};
use x509_cert::Certificate;

#[path = "support/mod.rs"]
mod support;
use support::*;

const NOW: i64 = 1_764_300_000;
const ISSUER: &str = "https://as.example.com";
const SECRET: &str = "7Fjfp0ZBr1KtDRbnfVdmIw-0123456789abcdef";
const ASSERTION_TYPE: &str = "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer";

/// The rows of the final table: bench group and target ratio (prepared path over floor).
/// Each row's bench group, and the most it may take as a ratio to its floor: prepared, then
/// plain (`authenticate`'s path, registrations found in its cache).
const ROWS: &[(&str, Option<f64>, Option<f64>)] = &[
    ("client_secret_basic", Some(3.0), Some(3.0)),
    ("client_secret_post", Some(3.0), Some(3.0)),
    ("none", None, None),
    ("client_secret_jwt_HS256", Some(3.0), Some(3.0)),
    ("private_key_jwt_ES256", Some(1.15), Some(1.5)),
    ("private_key_jwt_EdDSA", Some(1.15), Some(1.5)),
    ("private_key_jwt_RS256", Some(1.25), Some(1.5)),
    ("private_key_jwt_PS256", Some(1.25), Some(1.5)),
    ("tls_client_auth", Some(1.5), Some(1.5)),
    ("self_signed_tls_client_auth", Some(1.5), Some(1.5)),
    ("attest_jwt_client_auth_ES384_ES256", Some(1.15), Some(1.5)),
    ("spiffe_jwt_ES256", Some(1.15), Some(1.5)),
    ("spiffe_x509", Some(1.5), Some(1.5)),
    ("spiffe_wit_ES384_ES256", Some(1.15), Some(1.5)),
];

/// A replay store that records nothing, so that one assertion can be measured many times.
struct AcceptAll;

impl ReplayCache for AcceptAll {
    fn check_and_record(&self, _: &str, _: &str, _: i64, _: i64) -> Result<(), ReplayError> {
        Ok(())
    }
}

fn server() -> ServerMetadata {
    serde_json::from_value(json!({
        "issuer": ISSUER,
        "token_endpoint": format!("{ISSUER}/token"),
        "token_endpoint_auth_methods_supported": [
            "client_secret_basic", "client_secret_post", "none", "client_secret_jwt",
            "private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth"
        ],
    }))
    .unwrap()
}

fn client(extra: Value) -> ClientMetadata {
    let mut c = json!({ "client_id": "s6BhdRkqt3", "client_secret": SECRET });
    for (k, v) in extra.as_object().unwrap() {
        c[k] = v.clone();
    }
    serde_json::from_value(c).unwrap()
}

/// One request, as raw parts.
struct Raw {
    headers: Vec<(&'static str, String)>,
    body: String,
    certificate_header: Option<String>,
}

fn build(raw: &Raw) -> Result<RequestParts, oauth_client_auth::AuthError> {
    let mut b = RequestParts::builder().form_body(&raw.body).now(NOW);
    for (n, v) in &raw.headers {
        b = b.header(n, v);
    }
    if let Some(cert) = raw
        .certificate_header
        .as_deref()
        .and_then(|h| CertificateInput::from_proxy_header(h.as_bytes()))
    {
        b = b.client_certificate(cert);
    }
    b.build()
}

/// Measures `plain` and `prepared` for one request, after checking that it is accepted.
fn bench_method(c: &mut Criterion, group: &str, client_md: &ClientMetadata, raw: &Raw) {
    bench_method_on(c, group, client_md, raw, server());
}

/// [`bench_method`] under the given server metadata.
fn bench_method_on(
    c: &mut Criterion,
    group: &str,
    client_md: &ClientMetadata,
    raw: &Raw,
    server_md: ServerMetadata,
) {
    let server_p = PreparedServer::new(&server_md).unwrap();
    let client_p = PreparedClient::new(client_md).unwrap();
    let accept_all = AcceptAll;
    let parts = build(raw).unwrap();
    if let Err(e) = authenticate_prepared(&parts, &client_p, &server_p, &accept_all) {
        panic!("{group}: the benched request is refused: {e}");
    }

    let mut g = c.benchmark_group(group);
    // Where the time goes: building the request parts alone (header, form and assertion
    // decoding), without authenticating.
    g.bench_function("parse", |b| b.iter(|| build(black_box(raw))));
    // A registration never seen before: prepared on the call.
    g.bench_function("first", |b| {
        b.iter(|| {
            let parts = build(black_box(raw))?;
            let server = PreparedServer::new(black_box(&server_md))
                .map_err(oauth_client_auth::AuthError::InvalidServerMetadata)?;
            let client = PreparedClient::new(black_box(client_md))?;
            authenticate_prepared(&parts, &client, &server, &accept_all)
        })
    });
    // What `authenticate` does with a registration seen before: found in the cache by its
    // content.
    let cache = PreparedCache::new();
    g.bench_function("plain", |b| {
        b.iter(|| {
            let parts = build(black_box(raw))?;
            authenticate_cached(
                &parts,
                black_box(client_md),
                black_box(&server_md),
                &cache,
                &accept_all,
            )
        })
    });
    g.bench_function("prepared", |b| {
        b.iter(|| {
            let parts = build(black_box(raw))?;
            authenticate_prepared(&parts, black_box(&client_p), &server_p, &accept_all)
        })
    });
    g.finish();
}

fn shared_secret_methods(c: &mut Criterion) {
    let token = STANDARD.encode(format!("s6BhdRkqt3:{SECRET}"));
    let raw = Raw {
        headers: vec![("Authorization", format!("Basic {token}"))],
        body: "grant_type=client_credentials".into(),
        certificate_header: None,
    };
    bench_method(
        c,
        "client_secret_basic",
        &client(json!({"token_endpoint_auth_method": "client_secret_basic"})),
        &raw,
    );
    c.benchmark_group("client_secret_basic")
        .bench_function("floor", |b| {
            b.iter(|| {
                let decoded = STANDARD.decode(black_box(token.as_bytes())).unwrap();
                bool::from(decoded[11..].ct_eq(black_box(SECRET.as_bytes())))
            })
        });

    let raw = Raw {
        headers: vec![],
        body: format!("grant_type=client_credentials&client_id=s6BhdRkqt3&client_secret={SECRET}"),
        certificate_header: None,
    };
    bench_method(
        c,
        "client_secret_post",
        &client(json!({"token_endpoint_auth_method": "client_secret_post"})),
        &raw,
    );
    let encoded_secret = SECRET.as_bytes();
    c.benchmark_group("client_secret_post")
        .bench_function("floor", |b| {
            b.iter(|| {
                let decoded: Vec<u8> =
                    percent_encoding::percent_decode(black_box(encoded_secret)).collect();
                bool::from(decoded.ct_eq(black_box(SECRET.as_bytes())))
            })
        });

    let raw = Raw {
        headers: vec![],
        body: "grant_type=authorization_code&code=abc&client_id=s6BhdRkqt3".into(),
        certificate_header: None,
    };
    bench_method(
        c,
        "none",
        &client(json!({"token_endpoint_auth_method": "none"})),
        &raw,
    );
}

/// When `PEERS_DIR` is set (by `benches/peers/run.sh`), writes an assertion and its key
/// there, for the peer verifiers to check the very same bytes: `<alg>.jwt`, `<alg>.key.json`
/// (a JWK, or `{"secret": ...}` for HMAC), and `claims.json` (the values the checks expect).
fn dump_for_peers(alg: &str, compact: &str, key: &Value) {
    let Some(dir) = std::env::var_os("PEERS_DIR") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{alg}.jwt")), compact).unwrap();
    std::fs::write(dir.join(format!("{alg}.key.json")), key.to_string()).unwrap();
    let expected = json!({"iss": "s6BhdRkqt3", "aud": ISSUER, "now": NOW});
    std::fs::write(dir.join("claims.json"), expected.to_string()).unwrap();
}

/// The claims of every benched assertion.
fn claims() -> String {
    json!({
        "iss": "s6BhdRkqt3", "sub": "s6BhdRkqt3", "aud": ISSUER,
        "jti": "5b3c7e1e-6f1a-4a62-9b4e-1a0f3c2d9e77",
        "iat": NOW, "exp": NOW + 300,
    })
    .to_string()
}

fn assertion_body(signing_input: &str, signature: &[u8]) -> String {
    format!(
        "grant_type=client_credentials&client_assertion_type={ASSERTION_TYPE}\
         &client_assertion={signing_input}.{}",
        URL_SAFE_NO_PAD.encode(signature)
    )
}

fn signing_input(alg: &str) -> String {
    let header = json!({"alg": alg, "kid": "k1", "typ": "JWT"}).to_string();
    format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(claims())
    )
}

fn client_secret_jwt(c: &mut Criterion) {
    let input = signing_input("HS256");
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(input.as_bytes());
    let tag = mac.finalize().into_bytes().to_vec();
    let raw = Raw {
        headers: vec![],
        body: assertion_body(&input, &tag),
        certificate_header: None,
    };
    let group = "client_secret_jwt_HS256";
    dump_for_peers(
        "HS256",
        &format!("{input}.{}", URL_SAFE_NO_PAD.encode(&tag)),
        &json!({ "secret": SECRET }),
    );
    bench_method(
        c,
        group,
        &client(json!({"token_endpoint_auth_method": "client_secret_jwt"})),
        &raw,
    );
    let keyed = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    c.benchmark_group(group).bench_function("floor", |b| {
        b.iter(|| {
            let mut mac = keyed.clone();
            mac.update(black_box(input.as_bytes()));
            mac.verify_slice(black_box(&tag)).is_ok()
        })
    });
    assert!(minimal_hs256(&raw.body, &keyed));
    c.benchmark_group(group).bench_function("minimal", |b| {
        b.iter(|| minimal_hs256(black_box(&raw.body), &keyed))
    });
}

/// The header members the least verifier reads, borrowed.
#[derive(serde::Deserialize)]
struct MinimalHeader<'a> {
    #[serde(borrow)]
    alg: &'a str,
    #[serde(borrow)]
    typ: Option<&'a str>,
}

/// The claims the least verifier reads, borrowed.
#[derive(serde::Deserialize)]
struct MinimalClaims<'a> {
    #[serde(borrow)]
    iss: Option<&'a str>,
    #[serde(borrow)]
    sub: Option<&'a str>,
    #[serde(borrow)]
    aud: Option<&'a str>,
    exp: Option<i64>,
    #[serde(borrow)]
    jti: Option<&'a str>,
}

/// The least any `client_secret_jwt` verifier built on the same crates does, to show how close
/// to the floor one can come: find the two parameters in the body (the type compared still
/// encoded), split the assertion, decode its parts into a stack buffer, read header and claims
/// with serde into borrowed fields, MAC the signing input, and compare a few claims. It keeps
/// nothing, builds no result, checks no lists, times or replays, and copies nothing.
fn minimal_hs256(body: &str, keyed: &Hmac<Sha256>) -> bool {
    let (mut assertion, mut kind) = (None, None);
    for piece in body.split('&') {
        match piece.split_once('=') {
            Some(("client_assertion", v)) => assertion = Some(v),
            Some(("client_assertion_type", v)) => kind = Some(v),
            _ => {}
        }
    }
    let (Some(assertion), Some(ASSERTION_TYPE)) = (assertion, kind) else {
        return false;
    };
    let mut parts = assertion.split('.');
    let (Some(header), Some(payload), Some(signature)) = (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let mut buf = [0u8; 1024];
    let Ok(n) = URL_SAFE_NO_PAD.decode_slice(header, &mut buf) else {
        return false;
    };
    let Some(Ok(h)) = std::str::from_utf8(&buf[..n])
        .ok()
        .map(serde_json::from_str::<MinimalHeader>)
    else {
        return false;
    };
    if h.alg != "HS256" || h.typ.is_some_and(|t| t != "JWT") {
        return false;
    }
    let mut mac = [0u8; 64];
    let Ok(m) = URL_SAFE_NO_PAD.decode_slice(signature, &mut mac) else {
        return false;
    };
    let mut state = keyed.clone();
    state.update(&assertion.as_bytes()[..header.len() + 1 + payload.len()]);
    if state.verify_slice(&mac[..m]).is_err() {
        return false;
    }
    let Ok(n) = URL_SAFE_NO_PAD.decode_slice(payload, &mut buf) else {
        return false;
    };
    let Some(Ok(c)) = std::str::from_utf8(&buf[..n])
        .ok()
        .map(serde_json::from_str::<MinimalClaims>)
    else {
        return false;
    };
    c.iss.is_some()
        && c.iss == c.sub
        && c.aud == Some(ISSUER)
        && c.exp.is_some_and(|e| e > NOW)
        && c.jti.is_some()
}

fn private_key_jwt(c: &mut Criterion) {
    let keys: [(&str, &dyn JwsAlgorithmPair, Box<dyn KeyPair>); 4] = [
        (
            "ES256",
            &ES256,
            Box::new(
                EcKeyPair::from_pem(
                    include_str!("../tests/vectors/keys/ec-p256.pem"),
                    Some(EcCurve::P256),
                )
                .unwrap(),
            ),
        ),
        (
            "EdDSA",
            &EdDSA,
            Box::new(
                EdKeyPair::from_pem(include_str!("../tests/vectors/keys/ed25519.pem")).unwrap(),
            ),
        ),
        (
            "RS256",
            &RS256,
            Box::new(
                RsaKeyPair::from_pem(include_str!("../tests/vectors/keys/rsa-2048.pem")).unwrap(),
            ),
        ),
        (
            "PS256",
            &PS256,
            Box::new(
                RsaKeyPair::from_pem(include_str!("../tests/vectors/keys/rsa-2048.pem")).unwrap(),
            ),
        ),
    ];
    for (alg, pair, key) in keys {
        let private: Jwk = key.to_jwk_private_key();
        let mut public: Jwk = key.to_jwk_public_key();
        public.set_key_id("k1");
        let signer = pair.signer(&private);
        let verifier = pair.verifier(&public);
        let input = signing_input(alg);
        let signature = signer.sign(input.as_bytes()).unwrap();
        let raw = Raw {
            headers: vec![],
            body: assertion_body(&input, &signature),
            certificate_header: None,
        };
        let jwks = json!({ "keys": [serde_json::to_value(&public).unwrap()] });
        let group = format!("private_key_jwt_{alg}");
        dump_for_peers(
            alg,
            &format!("{input}.{}", URL_SAFE_NO_PAD.encode(&signature)),
            &serde_json::to_value(&public).unwrap(),
        );
        bench_method(
            c,
            &group,
            &client(json!({"token_endpoint_auth_method": "private_key_jwt", "jwks": jwks})),
            &raw,
        );
        c.benchmark_group(&group).bench_function("floor", |b| {
            b.iter(|| {
                verifier
                    .verify(black_box(input.as_bytes()), black_box(&signature))
                    .is_ok()
            })
        });
    }
}

/// A compact JWS of `header` and `claims`: its signing input, signature and serialization.
fn compact(header: Value, claims: Value, signer: &dyn JwsSigner) -> (String, Vec<u8>, String) {
    let b64 = |v: &Value| URL_SAFE_NO_PAD.encode(v.to_string());
    let input = format!("{}.{}", b64(&header), b64(&claims));
    let signature = signer.sign(input.as_bytes()).unwrap();
    let serialized = format!("{input}.{}", URL_SAFE_NO_PAD.encode(&signature));
    (input, signature, serialized)
}

/// `attest_jwt_client_auth`: an ES384 Client Attestation from a trusted attester key and an
/// ES256 PoP by the instance key it binds. Floor: the two bare josekit verifications, with
/// both verifiers built once.
fn attest_jwt_client_auth(c: &mut Criterion) {
    let (attester, instance) = statement_and_instance_keys();
    let mut attester_public = attester.to_jwk_public_key();
    attester_public.set_key_id("att");
    let instance_public = instance.to_jwk_public_key();
    let es384 = josekit::jws::ES384;
    let (att_input, att_sig, attestation) = compact(
        json!({"alg": "ES384", "typ": "oauth-client-attestation+jwt", "kid": "att"}),
        json!({"sub": "s6BhdRkqt3", "iat": NOW - 60, "exp": NOW + 3600,
               "cnf": {"jwk": serde_json::to_value(&instance_public).unwrap()}}),
        &es384
            .signer_from_jwk(&attester.to_jwk_private_key())
            .unwrap(),
    );
    let (pop_input, pop_sig, pop) = compact(
        json!({"alg": "ES256", "typ": "oauth-client-attestation-pop+jwt"}),
        json!({"iss": "s6BhdRkqt3", "aud": ISSUER, "jti": "pop-1", "iat": NOW - 5}),
        &ES256
            .signer_from_jwk(&instance.to_jwk_private_key())
            .unwrap(),
    );
    let server_md = json!({
        "issuer": ISSUER,
        "token_endpoint_auth_methods_supported": ["attest_jwt_client_auth"],
        "client_attestation_trusted_keys": {"keys": [serde_json::to_value(&attester_public).unwrap()]},
    });
    let raw = Raw {
        headers: vec![
            ("OAuth-Client-Attestation", attestation),
            ("OAuth-Client-Attestation-PoP", pop),
        ],
        body: "grant_type=client_credentials".into(),
        certificate_header: None,
    };
    let group = "attest_jwt_client_auth_ES384_ES256";
    bench_method_on(
        c,
        group,
        &client(json!({"token_endpoint_auth_method": "attest_jwt_client_auth"})),
        &raw,
        serde_json::from_value(server_md).unwrap(),
    );
    let att_verifier = es384.verifier_from_jwk(&attester_public).unwrap();
    let pop_verifier = ES256.verifier_from_jwk(&instance_public).unwrap();
    two_verifications_floor(
        c,
        group,
        (&att_verifier, &att_input, &att_sig),
        (&pop_verifier, &pop_input, &pop_sig),
    );
}

/// The keys of both attestation rows: the P-384 key that signs the statement (a Client
/// Attester's, a trust domain's), and the P-256 client instance (workload) key it binds.
fn statement_and_instance_keys() -> (EcKeyPair, EcKeyPair) {
    let p384 = EcKeyPair::from_pem(
        include_str!("../tests/vectors/keys/ec-p384.pem"),
        Some(EcCurve::P384),
    )
    .unwrap();
    let p256 = EcKeyPair::from_pem(
        include_str!("../tests/vectors/keys/ec-p256.pem"),
        Some(EcCurve::P256),
    )
    .unwrap();
    (p384, p256)
}

/// The floor of a statement and its PoP: two bare verifications, the verifiers built once.
fn two_verifications_floor(
    c: &mut Criterion,
    group: &str,
    statement: (&dyn JwsVerifier, &str, &[u8]),
    pop: (&dyn JwsVerifier, &str, &[u8]),
) {
    c.benchmark_group(group).bench_function("floor", |b| {
        b.iter(|| {
            statement
                .0
                .verify(black_box(statement.1.as_bytes()), black_box(statement.2))
                .is_ok()
                && pop
                    .0
                    .verify(black_box(pop.1.as_bytes()), black_box(pop.2))
                    .is_ok()
        })
    });
}

/// The SPIFFE ID of the benched SVIDs (tests/certs/spiffe/).
const SPIFFE_ID: &str = "spiffe://example.org/my-oauth-client";

/// `spiffe_jwt`: an ES256 JWT-SVID without `jti` (as SPIRE issues them), its key in the
/// `example.org` SPIFFE bundle beside an X.509 authority. Floor: josekit's bare verification.
fn spiffe_jwt(c: &mut Criterion) {
    let key = EcKeyPair::from_pem(
        include_str!("../tests/vectors/keys/ec-p256.pem"),
        Some(EcCurve::P256),
    )
    .unwrap();
    let mut public = key.to_jwk_public_key();
    public.set_key_id("k1");
    let verifier = ES256.verifier_from_jwk(&public).unwrap();
    // SPIFFE Trust Domain and Bundle §4: a JWT-SVID key's `use` is jwt-svid.
    public.set_key_use("jwt-svid");
    let header = json!({"alg": "ES256", "kid": "k1", "typ": "JWT"}).to_string();
    let claims = json!({"sub": SPIFFE_ID, "aud": [ISSUER], "iat": NOW, "exp": NOW + 300});
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signature = ES256
        .signer_from_jwk(&key.to_jwk_private_key())
        .unwrap()
        .sign(input.as_bytes())
        .unwrap();
    let raw = Raw {
        headers: vec![],
        body: format!(
            "grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-spiffe\
             &client_assertion={input}.{}",
            URL_SAFE_NO_PAD.encode(&signature)
        ),
        certificate_header: None,
    };
    let server_md = json!({
        "issuer": ISSUER,
        "token_endpoint_auth_methods_supported": ["spiffe_jwt"],
        "spiffe_bundles": {"example.org": {"jwks": {
            "keys": [serde_json::to_value(&public).unwrap()],
            "spiffe_sequence": 1,
        }}},
    });
    let group = "spiffe_jwt_ES256";
    let mut client_md = json!({"client_id": SPIFFE_ID, "token_endpoint_auth_method": "spiffe_jwt"});
    client_md["spiffe_id"] = json!(SPIFFE_ID);
    bench_method_on(
        c,
        group,
        &serde_json::from_value(client_md).unwrap(),
        &raw,
        serde_json::from_value(server_md).unwrap(),
    );
    c.benchmark_group(group).bench_function("floor", |b| {
        b.iter(|| {
            verifier
                .verify(black_box(input.as_bytes()), black_box(&signature))
                .is_ok()
        })
    });
}

/// `spiffe_wit`: an ES384 WIT-SVID, its key in the `example.org` SPIFFE bundle with `use`
/// `wit-svid`, binding an ES256 workload key that signs the PoP; the same keys as the
/// `attest_jwt_client_auth` row. Floor: the two bare josekit verifications, with both
/// verifiers built once.
fn spiffe_wit(c: &mut Criterion) {
    let (domain, workload) = statement_and_instance_keys();
    let mut domain_public = domain.to_jwk_public_key();
    domain_public.set_key_id("wit-1");
    let workload_public = workload.to_jwk_public_key();
    // WIMSE workload-creds §3.1: cnf.jwk states the PoP's alg.
    let mut cnf_jwk = serde_json::to_value(&workload_public).unwrap();
    cnf_jwk["alg"] = json!("ES256");
    let es384 = josekit::jws::ES384;
    let (wit_input, wit_sig, wit) = compact(
        json!({"typ": "wit+jwt", "alg": "ES384", "kid": "wit-1"}),
        json!({"iss": "spiffe://example.org/my-spiffe-workload-api", "sub": SPIFFE_ID,
               "iat": NOW - 600, "exp": NOW + 3000, "cnf": {"jwk": cnf_jwk}}),
        &es384.signer_from_jwk(&domain.to_jwk_private_key()).unwrap(),
    );
    let (pop_input, pop_sig, pop) = compact(
        json!({"alg": "ES256", "typ": "oauth-client-attestation-pop+jwt"}),
        json!({"iss": SPIFFE_ID, "aud": ISSUER, "jti": "pop-1", "iat": NOW - 5}),
        &ES256
            .signer_from_jwk(&workload.to_jwk_private_key())
            .unwrap(),
    );
    let wit_verifier = es384.verifier_from_jwk(&domain_public).unwrap();
    let pop_verifier = ES256.verifier_from_jwk(&workload_public).unwrap();
    // draft-ietf-oauth-spiffe-client-auth-02 §6: a WIT-SVID key's `use` is wit-svid.
    domain_public.set_key_use("wit-svid");
    let server_md = json!({
        "issuer": ISSUER,
        "token_endpoint_auth_methods_supported": ["spiffe_wit"],
        "spiffe_bundles": {"example.org": {"jwks": {
            "keys": [serde_json::to_value(&domain_public).unwrap()],
            "spiffe_sequence": 1,
        }}},
    });
    let raw = Raw {
        headers: vec![
            ("OAuth-Client-Attestation", wit),
            ("OAuth-Client-Attestation-PoP", pop),
        ],
        body: "grant_type=client_credentials".into(),
        certificate_header: None,
    };
    let group = "spiffe_wit_ES384_ES256";
    let client_md = json!({"client_id": SPIFFE_ID, "token_endpoint_auth_method": "spiffe_wit"});
    bench_method_on(
        c,
        group,
        &serde_json::from_value(client_md).unwrap(),
        &raw,
        serde_json::from_value(server_md).unwrap(),
    );
    two_verifications_floor(
        c,
        group,
        (&wit_verifier, &wit_input, &wit_sig),
        (&pop_verifier, &pop_input, &pop_sig),
    );
}

/// `spiffe_x509`: the OpenSSL-made X.509-SVID as nginx forwards it, validated to the
/// `example.org` authority. Floor: decoding, parsing and rustls-webpki's path validation.
fn spiffe_x509(c: &mut Criterion) {
    use rustls_pki_types::{CertificateDer, UnixTime};
    let leaf = include_str!("../tests/certs/spiffe/svid.pem");
    let root = include_str!("../tests/certs/spiffe/example-root.pem");
    let header = nginx_escaped(leaf);
    let raw = Raw {
        headers: vec![],
        body: "grant_type=client_credentials&client_id=s6BhdRkqt3".into(),
        certificate_header: Some(header.clone()),
    };
    let server_md = json!({
        "issuer": ISSUER,
        "token_endpoint_auth_methods_supported": ["spiffe_x509"],
        "spiffe_bundles": {"example.org": {"x509_authorities": [root]}},
    });
    let group = "spiffe_x509";
    bench_method_on(
        c,
        group,
        &client(json!({"token_endpoint_auth_method": "spiffe_x509", "spiffe_id": SPIFFE_ID})),
        &raw,
        serde_json::from_value(server_md).unwrap(),
    );
    let root_der = x509_cert::der::Encode::to_der(&Certificate::from_pem(root).unwrap()).unwrap();
    let root_der = CertificateDer::from(root_der);
    let anchors = [webpki::anchor_from_trusted_cert(&root_der)
        .unwrap()
        .to_owned()];
    let time = UnixTime::since_unix_epoch(std::time::Duration::from_secs(NOW as u64));
    c.benchmark_group(group).bench_function("floor", |b| {
        b.iter(|| {
            let pem: Vec<u8> =
                percent_encoding::percent_decode(black_box(header.as_bytes())).collect();
            let cert = Certificate::from_pem(&pem).unwrap();
            let der = CertificateDer::from(x509_cert::der::Encode::to_der(&cert).unwrap());
            let end_entity = webpki::EndEntityCert::try_from(&der).unwrap();
            end_entity
                .verify_for_usage(
                    webpki::ALL_VERIFICATION_ALGS,
                    &anchors,
                    &[],
                    time,
                    webpki::KeyUsage::client_auth(),
                    None,
                    None,
                )
                .is_ok()
        })
    });
}

/// josekit's signer and verifier for one algorithm, behind one object-safe face.
trait JwsAlgorithmPair {
    fn signer(&self, jwk: &Jwk) -> Box<dyn JwsSigner>;
    fn verifier(&self, jwk: &Jwk) -> Box<dyn JwsVerifier>;
}

macro_rules! pair {
    ($alg:ty) => {
        impl JwsAlgorithmPair for $alg {
            fn signer(&self, jwk: &Jwk) -> Box<dyn JwsSigner> {
                Box::new(self.signer_from_jwk(jwk).unwrap())
            }
            fn verifier(&self, jwk: &Jwk) -> Box<dyn JwsVerifier> {
                Box::new(self.verifier_from_jwk(jwk).unwrap())
            }
        }
    };
}
pair!(josekit::jws::alg::ecdsa::EcdsaJwsAlgorithm);
pair!(josekit::jws::alg::eddsa::EddsaJwsAlgorithm);
pair!(josekit::jws::alg::rsassa::RsassaJwsAlgorithm);
pair!(josekit::jws::alg::rsassa_pss::RsassaPssJwsAlgorithm);

/// nginx's `$ssl_client_escaped_cert`: everything but unreserved characters percent-encoded.
fn nginx_escaped(pem: &str) -> String {
    const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(pem, UNRESERVED).to_string()
}

fn certificate_methods(c: &mut Criterion) {
    let dn = r"CN=client.example.com,OU=Engineering+UID=4326385670,O=Example\, Inc.,ST=Tokyo,C=JP";
    let cases = [
        (
            "tls_client_auth",
            include_str!("../tests/certs/client.pem"),
            json!({"token_endpoint_auth_method": "tls_client_auth",
                   "tls_client_auth_subject_dn": dn}),
        ),
        (
            "self_signed_tls_client_auth",
            include_str!("../tests/certs/self-signed.pem"),
            json!({"token_endpoint_auth_method": "self_signed_tls_client_auth",
                   "jwks": serde_json::from_str::<Value>(
                       include_str!("../tests/certs/self-signed.jwks.json")).unwrap()}),
        ),
    ];
    for (group, pem, extra) in cases {
        let header = nginx_escaped(pem);
        let raw = Raw {
            headers: vec![],
            body: "grant_type=client_credentials&client_id=s6BhdRkqt3".into(),
            certificate_header: Some(header.clone()),
        };
        bench_method(c, group, &client(extra), &raw);
        c.benchmark_group(group).bench_function("floor", |b| {
            b.iter(|| {
                let pem: Vec<u8> =
                    percent_encoding::percent_decode(black_box(header.as_bytes())).collect();
                Certificate::from_pem(&pem).is_ok()
            })
        });
        // For reference: parsing the DER alone.
        let der = Certificate::from_pem(pem.as_bytes())
            .map(|c| x509_cert::der::Encode::to_der(&c).unwrap())
            .unwrap();
        c.benchmark_group(group)
            .bench_function("der_parse_only", |b| {
                b.iter(|| Certificate::from_der(black_box(&der)).is_ok())
            });
    }
}

fn replay_cache(c: &mut Criterion) {
    // 10 000 distinct jtis in turn, each already expired when it comes round again: every call
    // looks up and records one entry in a cache that stays at 10 000 entries.
    let cache = InMemoryReplayCache::new();
    let jtis: Vec<String> = (0..10_000).map(|n| format!("jti-{n}")).collect();
    let mut n = 0usize;
    let mut now = NOW;
    c.bench_function("in_memory_replay_cache/record", |b| {
        b.iter(|| {
            n = (n + 1) % jtis.len();
            now += 1;
            cache.check_and_record("s6BhdRkqt3", &jtis[n], now, now)
        })
    });
}

criterion_group!(
    benches,
    shared_secret_methods,
    client_secret_jwt,
    private_key_jwt,
    certificate_methods,
    attest_jwt_client_auth,
    spiffe_jwt,
    spiffe_x509,
    spiffe_wit,
    replay_cache
);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    print_table();
}

fn print_table() {
    let fmt = |v: Option<f64>| match v {
        Some(ns) if ns >= 10_000.0 => format!("{:.1} µs", ns / 1000.0),
        Some(ns) => format!("{ns:.0} ns"),
        None => "-".to_owned(),
    };
    println!();
    println!("median time per call, and the ratio to the floor measured in the same run:");
    println!(
        "{:<28} {:>9} {:>9} {:>9} {:>9} {:>9} {:>6} {:>6} {:>11} {:>4}",
        "method",
        "floor",
        "parse",
        "first",
        "plain",
        "prepared",
        "plain×",
        "prep×",
        "targets",
        "met"
    );
    for (group, prepared_target, plain_target) in ROWS {
        let floor = median_ns(group, "floor");
        let parse = median_ns(group, "parse");
        let first = median_ns(group, "first");
        let plain = median_ns(group, "plain");
        let prepared = median_ns(group, "prepared");
        let ratio = |v: Option<f64>| match (v, floor) {
            (Some(v), Some(f)) if f > 0.0 => Some(v / f),
            _ => None,
        };
        let show = |r: Option<f64>| r.map_or("-".to_owned(), |r| format!("{r:.2}"));
        let within = |r: Option<f64>, t: &Option<f64>| match (r, t) {
            (Some(r), Some(t)) => Some(r <= *t),
            _ => None,
        };
        let met = match (
            within(ratio(prepared), prepared_target),
            within(ratio(plain), plain_target),
        ) {
            (Some(a), Some(b)) => if a && b { "yes" } else { "no" }.to_owned(),
            _ => "-".to_owned(),
        };
        let targets = match (prepared_target, plain_target) {
            (Some(p), Some(q)) => format!("≤{p:.2}/{q:.2}"),
            _ => "-".to_owned(),
        };
        println!(
            "{:<28} {:>9} {:>9} {:>9} {:>9} {:>9} {:>6} {:>6} {:>11} {:>4}",
            group,
            fmt(floor),
            fmt(parse),
            fmt(first),
            fmt(plain),
            fmt(prepared),
            show(ratio(plain)),
            show(ratio(prepared)),
            targets,
            met
        );
    }
    // How far any verifier on the same crates is from the HMAC floor (see `minimal_hs256`).
    let group = "client_secret_jwt_HS256";
    if let (Some(minimal), Some(floor)) = (median_ns(group, "minimal"), median_ns(group, "floor")) {
        println!();
        println!(
            "{group}: the least verifier on the same crates (split, decode, serde, MAC, no \
             result) takes {} = {:.2}× the floor",
            fmt(Some(minimal)),
            minimal / floor
        );
    }
}
