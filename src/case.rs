//! Case files: one client-authentication request as data, and the verdict as one JSON line.
//!
//! A case holds the request as the server received it, the registered client, the server's
//! metadata and policy, and the clock. The `verify` example reads case files with
//! [`read_cases`] and prints [`decide`]'s [`Outcome`] for each; the crate's integration tests
//! run the same code. A file holding an array of cases is decided in order against one
//! [`ReplayCache`], so a `jti` used in one case is a replay in a later one.
//!
//! # SPIFFE cases (`spiffe_jwt`, `spiffe_x509`, `spiffe_wit`)
//!
//! draft-ietf-oauth-spiffe-client-auth-02 names the methods, the client's `spiffe_id` (§5.1)
//! and the assertion type `urn:ietf:params:oauth:client-assertion-type:jwt-spiffe` (§3.1).
//! The server's trust bundles are the policy key `spiffe_bundles`:
//! `{"<trust domain>": {"jwks": JWK Set or SPIFFE bundle, "x509_authorities": [PEM, ...]}}`;
//! in `jwks`, keys with `"use": "wit-svid"` verify WIT-SVIDs, keys with `jwt-svid`, `sig` or
//! no `use` JWT-SVIDs. An accepted line also carries `"spiffe_id"`. Where the draft leaves a
//! choice:
//! - the client's SPIFFE ID is `spiffe_id`, or, when absent, the `client_id` if it is a SPIFFE
//!   ID (§5.1 calls `spiffe_id` REQUIRED; §3.2's examples send the ID as `client_id`);
//! - a final `/*` matches whole path segments, for both forms (§5.1, §3.2 item 5);
//! - `spiffe_x509` requests carry `client_id` (§3.2), else `invalid_request`; with
//!   `spiffe_jwt`, `client_id` names the client and `sub` is matched against `spiffe_id`, and
//!   without `client_id`, `sub` names it;
//! - `aud` follows `assertion_audience` (its default, the issuer alone, is §3.1 item 3);
//!   `jti` is optional whatever `require_jti` says, and replay-checked when present (§3.1
//!   item 1; JWT-SVID §6.1); `alg` RS/PS/ES only, `typ` absent, `JWT` or `JOSE` (JWT-SVID §2);
//! - keys and authorities come from the SVID's own trust domain only (§6); a trust domain
//!   with no bundle is `invalid_client`, class `registration`; no FAPI profile allows any
//!   SPIFFE method.
//!
//! `spiffe_wit` (§3.3): the WIT-SVID in `OAuth-Client-Attestation` and a Client Attestation
//! PoP in `OAuth-Client-Attestation-PoP`, the headers of `attest_jwt_client_auth` (see the
//! case format). The choices:
//! - the headers are one credential, that of both methods: beside `client_assertion`, Basic
//!   or `client_secret` they are two methods, `invalid_request`; for a client registered for
//!   another method they are `invalid_client` (the registration does not allow `spiffe_wit`),
//!   or, beside that method's credential, the additional signal, which refuses `wit+jwt`;
//! - `client_id` names the client and the WIT's `sub` is matched against `spiffe_id`; without
//!   `client_id`, `sub` names it (as for `spiffe_jwt`); a WIT-SVID is told from a Client
//!   Attestation by its `typ`;
//! - the WIT's `typ` is `wit+jwt` as a media type (case-insensitive, `application/` allowed);
//!   `oauth-client-attestation+jwt` is refused: that is a Client Attester's statement;
//! - the WIT's `alg` is RS/PS/ES 256, 384, 512, EdDSA or Ed25519, and in
//!   `client_attestation_signing_alg_values_supported` when the server lists it; no `crit`,
//!   `jku`, `x5u`, `jwk` or `x5c`;
//! - its keys are the `"use": "wit-svid"` keys of the bundle of the trust domain its `sub`
//!   names, chosen by `kid` as for `spiffe_jwt`; a key without `use` is not a WIT key (the
//!   strict reading: bundles mark WIT keys); never `client_attestation_trusted_keys`;
//! - `sub` required, a SPIFFE ID, the registered `spiffe_id` (else `invalid_client`); `exp`
//!   required, and once passed beyond the skew `use_fresh_attestation`;
//!   `client_attestation_max_age_seconds` does not apply (a WIT is reused until `exp`);
//!   `iat`/`nbf` not ahead; `cnf.jwk` required, public, with an asymmetric `alg` that fits the
//!   key (WIMSE workload-creds §3.1); `iss` is not read; the WIT's `jti` is not replay-checked;
//! - the PoP by every rule of an attestation PoP (its `iss`, when present, is the WIT's `sub`
//!   or the `client_id`), its `alg` that of `cnf.jwk`;
//! - any other failure of the WIT or PoP is `invalid_client_attestation`; an accepted line
//!   carries `client_id`, `method`, `spiffe_id`, `jti` (the PoP's) and
//!   `attestation_key_thumbprint` (RFC 7638, of `cnf.jwk`).

use serde::{Deserialize, Serialize};

use crate::dispatch::authenticate_prepared;
use crate::prepared::{PreparedClient, PreparedServer};
use crate::primitives::replay::ReplayCache;
use crate::wire::authenticated::Authenticated;
use crate::wire::error::AuthError;
use crate::wire::metadata::client::ClientMetadata;
use crate::wire::metadata::endpoint::Endpoint;
use crate::wire::metadata::server::ServerMetadata;
use crate::wire::request::{CertificateInput, RequestParts};

/// One case: a request, the registered client, the server, the clock.
///
/// The case's own keys are strict: an unknown one (`"header"` for `"headers"`) is an error
/// naming it. `client` and `server` ignore unknown members, as RFC 7591 and RFC 8414 ask.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Case {
    /// A short title for people reading the verdicts.
    #[serde(default)]
    pub name: Option<String>,
    /// The verdict the case should get: members that must appear in the printed line with
    /// the same values (see [`expect_mismatches`]).
    #[serde(default)]
    pub expect: Option<serde_json::Map<String, serde_json::Value>>,
    /// The verifier's clock, Unix seconds (a fractional value is rounded down); absent means
    /// the system clock.
    #[serde(default, deserialize_with = "unix_seconds")]
    pub now: Option<i64>,
    /// The endpoint that received the request; default `token`.
    #[serde(default)]
    pub endpoint: Endpoint,
    /// The request.
    pub request: CaseRequest,
    /// The registered client.
    pub client: ClientMetadata,
    /// The server's metadata and policy.
    pub server: ServerMetadata,
}

/// Reads `now` as whole seconds: an integer, or a finite number rounded down.
fn unix_seconds<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    use serde::de::Error;
    let Some(n) = Option::<serde_json::Number>::deserialize(d)? else {
        return Ok(None);
    };
    if let Some(i) = n.as_i64() {
        return Ok(Some(i));
    }
    n.as_f64()
        .map(f64::floor)
        .filter(|f| f.is_finite() && (-9.0e15..=9.0e15).contains(f))
        .and_then(|f| format!("{f:.0}").parse::<i64>().ok())
        .map(Some)
        .ok_or_else(|| D::Error::custom("now is not a time in Unix seconds"))
}

/// The request of a [`Case`]; unknown keys are an error.
#[derive(Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CaseRequest {
    /// Header name/value pairs in arrival order.
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    /// The raw `application/x-www-form-urlencoded` body.
    #[serde(default)]
    pub body: String,
    /// The TLS client certificate, in any textual form.
    #[serde(default)]
    pub client_certificate: Option<String>,
    /// The intermediates the client sent.
    #[serde(default)]
    pub client_certificate_chain: Vec<String>,
}

/// Headers and body may hold credentials: only their shape is shown.
impl std::fmt::Debug for CaseRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaseRequest")
            .field("headers", &self.headers.len())
            .field("body_bytes", &self.body.len())
            .field("client_certificate", &self.client_certificate.is_some())
            .field(
                "client_certificate_chain",
                &self.client_certificate_chain.len(),
            )
            .finish()
    }
}

/// The verdict on a case, as printed: one JSON object per line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// The request authenticated.
    Accept {
        /// The client.
        client_id: String,
        /// The method.
        method: String,
        /// The certificate's `x5t#S256`, when a certificate was presented.
        #[serde(skip_serializing_if = "Option::is_none")]
        certificate_thumbprint: Option<String>,
        /// The assertion's `jti`.
        #[serde(skip_serializing_if = "Option::is_none")]
        jti: Option<String>,
        /// The assertion's `exp`, whole seconds.
        #[serde(skip_serializing_if = "Option::is_none")]
        assertion_expires_at: Option<i64>,
        /// The `id` of the `client_secrets` entry that matched (case format), never the
        /// secret.
        #[serde(skip_serializing_if = "Option::is_none")]
        matched_secret: Option<String>,
        /// The RFC 7638 thumbprint of a verified client attestation's instance key.
        #[serde(skip_serializing_if = "Option::is_none")]
        attestation_key_thumbprint: Option<String>,
        /// The SPIFFE ID of the SVID a `spiffe_jwt` or `spiffe_x509` client presented.
        #[serde(skip_serializing_if = "Option::is_none")]
        spiffe_id: Option<String>,
    },
    /// The request was refused.
    Reject {
        /// The RFC 6749 §5.2 error code.
        error: String,
        /// The HTTP status.
        status: u16,
        /// The `WWW-Authenticate` challenge, after a failed Basic attempt.
        #[serde(skip_serializing_if = "Option::is_none")]
        www_authenticate: Option<String>,
        /// The failure class (case format, "Failure class").
        class: String,
        /// The client-facing description.
        description: String,
        /// The fresh challenge of a `use_attestation_challenge` refusal (the
        /// `OAuth-Client-Attestation-Challenge` response header).
        #[serde(skip_serializing_if = "Option::is_none")]
        attestation_challenge: Option<String>,
        /// The server-side reason, for the operator: which rule was broken.
        detail: String,
    },
}

impl Outcome {
    /// Whether the case was accepted.
    pub fn is_accept(&self) -> bool {
        matches!(self, Self::Accept { .. })
    }

    fn accept(a: &Authenticated) -> Self {
        Self::Accept {
            client_id: a.client_id().to_owned(),
            method: a.method().as_str().to_owned(),
            certificate_thumbprint: a.certificate_thumbprint().map(str::to_owned),
            jti: a.jti().map(str::to_owned),
            assertion_expires_at: a.assertion_expires_at(),
            matched_secret: a.matched_secret().map(str::to_owned),
            attestation_key_thumbprint: a.attestation_key_thumbprint().map(str::to_owned),
            spiffe_id: a.spiffe_id().map(str::to_owned),
        }
    }

    fn reject(e: &AuthError, basic_attempted: bool) -> Self {
        Self::Reject {
            error: e.oauth_code().as_str().to_owned(),
            status: e.status(),
            www_authenticate: e.www_authenticate(basic_attempted).map(str::to_owned),
            class: e.class().as_str().to_owned(),
            description: e.description().into_owned(),
            attestation_challenge: e.attestation_challenge().map(str::to_owned),
            detail: e.to_string(),
        }
    }
}

/// Reads a case file: one case object, or an array of cases.
///
/// # Errors
///
/// The JSON error when the text is not a case or an array of cases: an unknown key of a
/// case or of its `request` is named, and every error gives its line and column.
pub fn read_cases(json: &str) -> Result<Vec<Case>, serde_json::Error> {
    // Read straight from the text (not through a `Value`) so that errors keep their line and
    // column.
    if json.trim_start().starts_with('[') {
        serde_json::from_str(json)
    } else {
        serde_json::from_str::<Case>(json).map(|c| vec![c])
    }
}

/// How a verdict differs from a case's `expect`: one line per member of `expect` that is
/// missing from the printed verdict or has another value there, and one when an `accept`
/// expectation got an `error`. Empty when the verdict matches.
pub fn expect_mismatches(
    outcome: &Outcome,
    expect: &serde_json::Map<String, serde_json::Value>,
) -> Vec<String> {
    let got = match serde_json::to_value(outcome) {
        Ok(v) => v,
        Err(e) => return vec![format!("the verdict cannot be printed: {e}")],
    };
    let mut out = Vec::new();
    for (key, want) in expect {
        match got.get(key) {
            Some(v) if v == want => {}
            Some(v) => out.push(format!("{key}: expected {want}, got {v}")),
            None => out.push(format!("{key}: expected {want}, got nothing")),
        }
    }
    out
}

/// Decides one case with the crate's ordinary path: [`RequestParts`] built from the headers,
/// body and certificates, then [`authenticate_prepared`].
pub fn decide(case: &Case, replay: &dyn ReplayCache) -> Outcome {
    decide_with_error(case, replay).0
}

/// [`decide`], with the [`AuthError`] of a refusal beside its printed verdict, for callers
/// that explain it ([`AuthError::rule`], [`AuthError::remedy`]).
pub fn decide_with_error(case: &Case, replay: &dyn ReplayCache) -> (Outcome, Option<AuthError>) {
    let request = match request_parts(case) {
        Ok(r) => r,
        Err(e) => return (Outcome::reject(&e, false), Some(e)),
    };
    let basic = request.basic_attempted();
    let result = PreparedServer::new(&case.server)
        .map_err(AuthError::InvalidServerMetadata)
        .and_then(|server| {
            let client = PreparedClient::with_server(&case.client, &server)?;
            authenticate_prepared(&request, &client, &server, replay)
        });
    match result {
        Ok(a) => (Outcome::accept(&a), None),
        Err(e) => (Outcome::reject(&e, basic), Some(e)),
    }
}

/// The [`RequestParts`] of a case.
///
/// # Errors
///
/// The `invalid_request` errors of [`crate::wire::request::RequestPartsBuilder::build`].
pub fn request_parts(case: &Case) -> Result<RequestParts, AuthError> {
    let mut b = RequestParts::builder()
        .endpoint(case.endpoint)
        .form_body(&case.request.body);
    for (name, value) in &case.request.headers {
        b = b.header(name, value);
    }
    // As from a proxy header: an empty value means no certificate.
    if let Some(cert) = case
        .request
        .client_certificate
        .as_deref()
        .and_then(|c| CertificateInput::from_proxy_header(c.as_bytes()))
    {
        b = b.client_certificate(cert);
    }
    for cert in &case.request.client_certificate_chain {
        b = b.client_certificate_chain_entry(CertificateInput::Text(cert.clone()));
    }
    if let Some(now) = case.now {
        b = b.now(now);
    }
    b.build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::primitives::replay::InMemoryReplayCache;

    const CASE: &str = r#"{
      "now": 1764300000,
      "endpoint": "token",
      "request": {
        "headers": [["Authorization", "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW"]],
        "body": "grant_type=client_credentials&scope=read"
      },
      "client": { "client_id": "s6BhdRkqt3", "client_secret": "gX1fBat3bV",
                  "token_endpoint_auth_method": "client_secret_basic" },
      "server": { "issuer": "https://as.example.com",
                  "token_endpoint": "https://as.example.com/token" }
    }"#;

    #[test]
    fn sample_case_is_accepted_and_prints_the_documented_line() {
        let cases = read_cases(CASE).unwrap();
        let out = decide(&cases[0], &InMemoryReplayCache::new());
        assert_eq!(
            serde_json::to_string(&out).unwrap(),
            r#"{"outcome":"accept","client_id":"s6BhdRkqt3","method":"client_secret_basic"}"#
        );
    }

    #[test]
    fn wrong_secret_prints_a_reject_line_with_challenge() {
        let case = CASE.replace("gX1fBat3bV\"", "other\"");
        let cases = read_cases(&case).unwrap();
        let out = decide(&cases[0], &InMemoryReplayCache::new());
        let line = serde_json::to_value(&out).unwrap();
        assert_eq!(line["outcome"], "reject");
        assert_eq!(line["error"], "invalid_client");
        assert_eq!(line["status"], 401);
        // The same words as for an unknown client; the detail names the rule.
        assert_eq!(line["description"], "client authentication failed");
        assert_eq!(line["detail"], "the client secret does not match");
        assert!(line["www_authenticate"]
            .as_str()
            .unwrap()
            .starts_with("Basic "));
        assert!(!line.to_string().contains("gX1fBat3bV"));
    }

    #[test]
    fn matched_secret_is_printed_for_client_secrets_only() {
        // case format: "an accepted case whose registration used client_secrets carries
        // matched_secret".
        let case = CASE.replace(
            r#""client_secret": "gX1fBat3bV","#,
            r#""client_secrets": [{"id": "old", "secret": "gX1fBat3bV"},
                                  {"id": "new", "secret": "another-secret"}],"#,
        );
        let cases = read_cases(&case).unwrap();
        let out = decide(&cases[0], &InMemoryReplayCache::new());
        assert_eq!(
            serde_json::to_string(&out).unwrap(),
            r#"{"outcome":"accept","client_id":"s6BhdRkqt3","method":"client_secret_basic","matched_secret":"old"}"#
        );
        // Without client_secrets, no matched_secret: see
        // sample_case_is_accepted_and_prints_the_documented_line.
    }

    #[test]
    fn fractional_now_is_rounded_down_and_nonsense_refused() {
        let case = CASE.replace("\"now\": 1764300000", "\"now\": 1764300000.9");
        assert_eq!(read_cases(&case).unwrap()[0].now, Some(1_764_300_000));
        let case = CASE.replace("\"now\": 1764300000", "\"now\": 1e300");
        assert!(read_cases(&case).is_err());
        let case = CASE.replace("\"now\": 1764300000", "\"now\": \"soon\"");
        assert!(read_cases(&case).is_err());
        let case = CASE.replace("\"now\": 1764300000,", "");
        assert_eq!(read_cases(&case).unwrap()[0].now, None);
    }

    #[test]
    fn arrays_of_cases_are_read_in_order() {
        let two = format!("[{CASE},{CASE}]");
        assert_eq!(read_cases(&two).unwrap().len(), 2);
        assert!(read_cases("{\"now\": 1}").is_err());
        assert!(read_cases("[1]").is_err());
    }

    #[test]
    fn unknown_keys_are_named_with_line_and_column() {
        // "header" for "headers": an error naming the key, not a silent default.
        let case = CASE.replace("\"headers\"", "\"header\"");
        let e = read_cases(&case).unwrap_err().to_string();
        assert!(e.contains("unknown field `header`"), "{e}");
        assert!(e.contains("line 5"), "{e}");
        let case = CASE.replace("\"endpoint\"", "\"endpont\"");
        let e = read_cases(&format!("[{case}]")).unwrap_err().to_string();
        assert!(e.contains("unknown field `endpont`"), "{e}");
        // Type errors give the line and column too.
        let case = CASE.replace("\"now\": 1764300000", "\"now\": [1]");
        let e = read_cases(&case).unwrap_err().to_string();
        assert!(e.contains("line 2 column"), "{e}");
    }

    #[test]
    fn client_and_server_ignore_unknown_members() {
        let case = CASE
            .replace(
                "\"client_id\": \"s6BhdRkqt3\",",
                "\"client_id\": \"s6BhdRkqt3\", \"logo_uri\": \"x\",",
            )
            .replace(
                "\"issuer\":",
                "\"scopes_supported\": [\"read\"], \"issuer\":",
            );
        assert_eq!(read_cases(&case).unwrap().len(), 1);
    }

    #[test]
    fn expect_is_compared_member_by_member() {
        let case = CASE.replace(
            "\"now\": 1764300000,",
            "\"now\": 1764300000, \"name\": \"n\", \"expect\": {\"outcome\": \"accept\", \"method\": \"none\"},",
        );
        let cases = read_cases(&case).unwrap();
        assert_eq!(cases[0].name.as_deref(), Some("n"));
        let out = decide(&cases[0], &InMemoryReplayCache::new());
        let expect = cases[0].expect.as_ref().unwrap();
        assert_eq!(
            expect_mismatches(&out, expect),
            vec!["method: expected \"none\", got \"client_secret_basic\"".to_owned()]
        );
    }
}
