//! Every problem of a client registration, before the client's first request.
//!
//! [`PreparedClient::new`] stops at the first [`MetadataError`], which is right for a request;
//! an operator about to put a client live wants them all, and the problems that refuse only
//! some requests too (a key the server's algorithm list makes useless, a secret about to
//! expire). [`check_registration`] prepares the registration whole and then each of its parts
//! alone (the secrets, the keys, each certificate field), so that every unusable part is found
//! by the same code that would refuse the request, and adds the checks against the server's
//! lists and profile.

use base64::Engine;

use crate::prepared::{PreparedClient, PreparedServer};
use crate::wire::error::advice::{Remedy, RemedySide};
use crate::wire::error::registration::MetadataError;
use crate::wire::metadata::algorithm::JwsAlgorithm;
use crate::wire::metadata::client::ClientMetadata;
use crate::wire::metadata::endpoint::Endpoint;
use crate::wire::metadata::method::AuthMethod;
use crate::wire::metadata::secret_hash_cost::SecretHashMaxCost;
use crate::wire::metadata::server::ServerMetadata;

/// How bad a [`Finding`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Severity {
    /// Requests will be refused, all of them or some, because of it.
    Error,
    /// Requests may pass, but the registration is fragile or partly unusable.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem of a registration. Its message names fields and public values, never a secret
/// or key material.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finding {
    /// How bad it is.
    pub severity: Severity,
    /// The rule it breaks, with its source and section.
    pub rule: &'static str,
    /// What is wrong, in words.
    pub message: String,
    /// What to change, and on which side.
    pub remedy: Remedy,
}

impl Finding {
    fn metadata(e: &MetadataError, side: RemedySide) -> Self {
        Self {
            severity: Severity::Error,
            rule: e.rule(),
            message: e.to_string(),
            remedy: Remedy { side, ..e.remedy() },
        }
    }

    fn new(severity: Severity, rule: &'static str, message: String, remedy: Remedy) -> Self {
        Self {
            severity,
            rule,
            message,
            remedy,
        }
    }
}

const fn fix(side: RemedySide, text: &'static str) -> Remedy {
    Remedy { side, text }
}

/// A registered secret that expires within this many seconds is worth a warning.
const EXPIRY_WARNING_SECONDS: i64 = 7 * 24 * 3600;

/// Every problem of `client`'s registration under `server`, errors first; empty when none is
/// found. `now` is the clock in Unix seconds (`None`: the system clock), for
/// `client_secret_expires_at`.
pub fn check_registration(
    client: &ClientMetadata,
    server: &ServerMetadata,
    now: Option<i64>,
) -> Vec<Finding> {
    let now = now.unwrap_or_else(system_now);
    let mut out = Vec::new();
    let mut seen: Vec<MetadataError> = Vec::new();
    let mut metadata_error = |e: MetadataError, side: RemedySide, out: &mut Vec<Finding>| {
        if !seen.contains(&e) {
            out.push(Finding::metadata(&e, side));
            seen.push(e);
        }
    };

    let prepared_server = match PreparedServer::new(server) {
        Ok(s) => Some(s),
        Err(e) => {
            metadata_error(e, RemedySide::ServerConfiguration, &mut out);
            None
        }
    };
    let prepare = |m: &ClientMetadata| match &prepared_server {
        Some(s) => PreparedClient::with_server(m, s).err(),
        None => PreparedClient::new(m).err(),
    };
    // Each part alone, and once more without the cost bounds, so that a hash over them hides
    // nothing behind it.
    let unbounded = unbounded();
    for part in std::iter::once(client.clone()).chain(parts(client)) {
        if let Some(e) = prepare(&part) {
            metadata_error(e, RemedySide::Registration, &mut out);
        }
        if let Err(e) = PreparedClient::with_secret_hash_max_cost(&part, &unbounded) {
            metadata_error(e, RemedySide::Registration, &mut out);
        }
    }

    let method = client.auth_method().ok();
    if let Some(method) = method {
        check_method(method, server, &mut out);
        check_secret_expiry(client, method, now, &mut out);
    }
    check_signing_alg(client, server, &mut out);
    if method == Some(AuthMethod::ClientSecretJwt) {
        check_hmac_secret_length(client, server, &mut out);
    }
    if let (Some(method), Some(server)) = (method, &prepared_server) {
        check_spiffe_bundle(client, method, server, &mut out);
    }
    if let Some(keys) = client
        .jwks
        .as_ref()
        .and_then(|j| j.get("keys"))
        .and_then(|k| k.as_array())
    {
        check_keys(keys, method, server, &mut out);
    }
    out.sort_by_key(|f| f.severity);
    out
}

/// A SPIFFE client's trust domain must have the bundle its SVIDs are verified with
/// (draft-ietf-oauth-spiffe-client-auth-02 §6: keys of that trust domain only).
fn check_spiffe_bundle(
    client: &ClientMetadata,
    method: AuthMethod,
    server: &PreparedServer,
    out: &mut Vec<Finding>,
) {
    let Ok(prepared) = PreparedClient::with_server(client, server) else {
        return; // the registration error is reported already
    };
    let Some(id) = prepared.spiffe_id() else {
        return;
    };
    let domain = id.trust_domain();
    let bundles = server.spiffe_bundles();
    let (held, member) = match method {
        AuthMethod::SpiffeJwt => (bundles.jwt_keys(domain).is_some(), "JWT-SVID keys (jwks)"),
        // §3.3.1, §6: the bundle keys whose `use` is `wit-svid`.
        AuthMethod::SpiffeWit => (
            bundles.wit_keys(domain).is_some(),
            "WIT-SVID keys (jwks keys with \"use\": \"wit-svid\")",
        ),
        AuthMethod::SpiffeX509 => (
            bundles.x509_authorities(domain).is_some(),
            "X.509 authorities (x509_authorities)",
        ),
        _ => return,
    };
    if !held {
        out.push(Finding::new(
            Severity::Error,
            "draft-ietf-oauth-spiffe-client-auth-02 §6",
            format!(
                "the server's spiffe_bundles hold no {member} for the trust domain {domain:?} \
                 of spiffe_id: every SVID of this client will be refused"
            ),
            fix(
                RemedySide::ServerConfiguration,
                "add the trust domain to spiffe_bundles, with its JWT keys, WIT keys or X.509 \
                 authorities",
            ),
        ));
    }
}

/// Cost bounds that let every parsable hash through.
fn unbounded() -> SecretHashMaxCost {
    SecretHashMaxCost {
        argon2_memory_kib: u64::MAX,
        argon2_iterations: u64::MAX,
        argon2_parallelism: u64::MAX,
        bcrypt_cost: u64::MAX,
        scrypt_log_n: u64::MAX,
        scrypt_r: u64::MAX,
        scrypt_p: u64::MAX,
        pbkdf2_iterations: u64::MAX,
    }
}

fn system_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_secs()).ok())
        .unwrap_or(0)
}

/// The registration's parts, each alone under the method that uses it.
fn parts(client: &ClientMetadata) -> Vec<ClientMetadata> {
    let mut parts = Vec::new();
    let method = client.auth_method().ok();
    let bare = |method: AuthMethod| {
        let mut m = ClientMetadata::new(client.client_id.clone());
        m.token_endpoint_auth_method = Some(method.as_str().to_owned());
        m
    };
    // The secrets, under the method registered when it uses them.
    if client.client_secret.is_some()
        || client.client_secret_hash.is_some()
        || client.client_secrets.is_some()
    {
        let secret_method = method
            .filter(|m| {
                matches!(
                    m,
                    AuthMethod::ClientSecretBasic
                        | AuthMethod::ClientSecretPost
                        | AuthMethod::ClientSecretJwt
                )
            })
            .unwrap_or(AuthMethod::ClientSecretBasic);
        let mut m = bare(secret_method);
        m.client_secret = client.client_secret.clone();
        m.client_secret_hash = client.client_secret_hash.clone();
        m.client_secrets = client.client_secrets.clone();
        parts.push(m);
    }
    // The keys.
    if client.jwks.is_some() {
        let key_method = method
            .filter(|m| matches!(m, AuthMethod::SelfSignedTlsClientAuth))
            .unwrap_or(AuthMethod::PrivateKeyJwt);
        let mut m = bare(key_method);
        m.jwks = client.jwks.clone();
        if key_method == AuthMethod::PrivateKeyJwt {
            m.token_endpoint_auth_signing_alg = client.token_endpoint_auth_signing_alg.clone();
        }
        parts.push(m);
    }
    // Each certificate field alone, then all of them together (at most one is allowed).
    let fields = tls_fields(client);
    for (i, _) in fields.iter().enumerate() {
        let mut m = bare(AuthMethod::TlsClientAuth);
        set_tls_field(&mut m, client, i);
        parts.push(m);
    }
    if fields.len() > 1 {
        let mut m = bare(AuthMethod::TlsClientAuth);
        for i in 0..fields.len() {
            set_tls_field(&mut m, client, i);
        }
        parts.push(m);
    }
    parts
}

/// The names of the `tls_client_auth_*` fields the client registered, in a fixed order.
fn tls_fields(client: &ClientMetadata) -> Vec<&'static str> {
    [
        (
            "tls_client_auth_subject_dn",
            &client.tls_client_auth_subject_dn,
        ),
        ("tls_client_auth_san_dns", &client.tls_client_auth_san_dns),
        ("tls_client_auth_san_uri", &client.tls_client_auth_san_uri),
        ("tls_client_auth_san_ip", &client.tls_client_auth_san_ip),
        (
            "tls_client_auth_san_email",
            &client.tls_client_auth_san_email,
        ),
    ]
    .into_iter()
    .filter(|(_, v)| v.is_some())
    .map(|(name, _)| name)
    .collect()
}

/// Copies the `index`-th registered `tls_client_auth_*` field of `from` into `to`.
fn set_tls_field(to: &mut ClientMetadata, from: &ClientMetadata, index: usize) {
    let Some(name) = tls_fields(from).get(index).copied() else {
        return;
    };
    match name {
        "tls_client_auth_subject_dn" => {
            to.tls_client_auth_subject_dn = from.tls_client_auth_subject_dn.clone();
        }
        "tls_client_auth_san_dns" => {
            to.tls_client_auth_san_dns = from.tls_client_auth_san_dns.clone();
        }
        "tls_client_auth_san_uri" => {
            to.tls_client_auth_san_uri = from.tls_client_auth_san_uri.clone();
        }
        "tls_client_auth_san_ip" => to.tls_client_auth_san_ip = from.tls_client_auth_san_ip.clone(),
        _ => to.tls_client_auth_san_email = from.tls_client_auth_san_email.clone(),
    }
}

/// The method against the server's lists and profile.
fn check_method(method: AuthMethod, server: &ServerMetadata, out: &mut Vec<Finding>) {
    if !server.endpoint_supports(Endpoint::Token, method) {
        out.push(Finding::new(
            Severity::Error,
            "RFC 8414 §2 token_endpoint_auth_methods_supported",
            format!(
                "token_endpoint_auth_method {method} is not among the token endpoint's \
                 supported methods"
            ),
            fix(
                RemedySide::Registration,
                "register a method the server lists, or add this one to \
                 token_endpoint_auth_methods_supported",
            ),
        ));
    }
    // The endpoints with a list of their own; the others use the token endpoint's.
    for endpoint in [Endpoint::Revocation, Endpoint::Introspection] {
        if server.endpoint_url(endpoint).is_some() && !server.endpoint_supports(endpoint, method) {
            out.push(Finding::new(
                Severity::Warning,
                "RFC 8414 §2 *_auth_methods_supported",
                format!(
                    "the {endpoint} endpoint does not support {method}: the client cannot call it"
                ),
                fix(
                    RemedySide::ServerConfiguration,
                    "add the method to that endpoint's *_auth_methods_supported if the client \
                     needs it",
                ),
            ));
        }
    }
    if let Some(profile) = server.fapi_profile {
        if !profile.allows_method(method) {
            out.push(Finding::new(
                Severity::Error,
                "FAPI 1 Advanced §5.2.2 item 14; FAPI 2.0 Security Profile §5.3.2.1",
                format!("the {profile} profile does not allow {method}"),
                fix(
                    RemedySide::Registration,
                    "register private_key_jwt, tls_client_auth or self_signed_tls_client_auth",
                ),
            ));
        }
    }
}

/// `client_secret_expires_at` and the `client_secrets` entries' `expires_at` against now.
fn check_secret_expiry(
    client: &ClientMetadata,
    method: AuthMethod,
    now: i64,
    out: &mut Vec<Finding>,
) {
    let uses_secret = matches!(
        method,
        AuthMethod::ClientSecretBasic | AuthMethod::ClientSecretPost | AuthMethod::ClientSecretJwt
    );
    let rule = "RFC 7591 §3.2.1 client_secret_expires_at";
    match client.client_secret_expires_at {
        Some(at) if at != 0 && uses_secret && at <= now => out.push(Finding::new(
            Severity::Error,
            rule,
            format!("the client secret expired at {at} (now {now})"),
            fix(
                RemedySide::Registration,
                "issue a new secret and a new client_secret_expires_at",
            ),
        )),
        Some(at) if at != 0 && uses_secret && at.saturating_sub(now) <= EXPIRY_WARNING_SECONDS => {
            out.push(Finding::new(
                Severity::Warning,
                rule,
                format!(
                    "the client secret expires at {at}, in {} s",
                    at.saturating_sub(now)
                ),
                fix(
                    RemedySide::Registration,
                    "rotate the secret soon (client_secrets lets old and new overlap)",
                ),
            ));
        }
        _ => {}
    }
    for (i, entry) in client.client_secrets.iter().flatten().enumerate() {
        if let Some(at) = entry.expires_at.filter(|&at| at <= now) {
            out.push(Finding::new(
                Severity::Warning,
                "case format: client_secrets expires_at",
                format!("client_secrets[{i}] expired at {at} and is no longer tried"),
                fix(RemedySide::Registration, "remove the expired entry"),
            ));
        }
    }
}

/// `token_endpoint_auth_signing_alg` against the server's list and profile.
fn check_signing_alg(client: &ClientMetadata, server: &ServerMetadata, out: &mut Vec<Finding>) {
    let Ok(Some(alg)) = client.signing_alg() else {
        return;
    };
    if let Some(list) = server.signing_algs_supported(Endpoint::Token) {
        if !list.iter().any(|a| a == alg.as_str()) {
            out.push(Finding::new(
                Severity::Error,
                "RFC 8414 §2 token_endpoint_auth_signing_alg_values_supported",
                format!(
                    "token_endpoint_auth_signing_alg {alg} is not in the server's \
                     token_endpoint_auth_signing_alg_values_supported"
                ),
                fix(
                    RemedySide::Registration,
                    "register an algorithm the server lists, or add it to the list",
                ),
            ));
        }
    }
    if let Some(profile) = server.fapi_profile {
        if !profile.allows_algorithm(alg) {
            out.push(Finding::new(
                Severity::Error,
                "FAPI 1 Advanced §8.6; FAPI 2.0 Security Profile §5.4",
                format!("the {profile} profile does not allow {alg}"),
                fix(
                    RemedySide::Registration,
                    "register PS256 or ES256 (or EdDSA under FAPI 2.0)",
                ),
            ));
        }
    }
}

/// `client_secret_jwt`: the plaintext secrets against the key length of each HMAC algorithm
/// the client may use (RFC 7518 §3.2: at least the hash output).
fn check_hmac_secret_length(
    client: &ClientMetadata,
    server: &ServerMetadata,
    out: &mut Vec<Finding>,
) {
    let shortest = client
        .client_secret
        .iter()
        .chain(
            client
                .client_secrets
                .iter()
                .flatten()
                .filter_map(|e| e.secret.as_ref()),
        )
        .map(|s| s.expose().len())
        .min();
    let Some(shortest) = shortest else {
        return;
    };
    let registered = client.signing_alg().ok().flatten();
    let listed = server.signing_algs_supported(Endpoint::Token);
    let candidates: Vec<(JwsAlgorithm, usize)> = [
        (JwsAlgorithm::Hs256, 32),
        (JwsAlgorithm::Hs384, 48),
        (JwsAlgorithm::Hs512, 64),
    ]
    .into_iter()
    .filter(|(alg, _)| match registered {
        Some(r) => r == *alg,
        None => listed.is_none_or(|l| l.iter().any(|a| a == alg.as_str())),
    })
    .collect();
    let too_short: Vec<&(JwsAlgorithm, usize)> = candidates
        .iter()
        .filter(|(_, min)| shortest < *min)
        .collect();
    if too_short.is_empty() {
        return;
    }
    let names: Vec<String> = too_short
        .iter()
        .map(|(alg, min)| format!("{alg} ({min})"))
        .collect();
    let severity = if too_short.len() == candidates.len() {
        Severity::Error
    } else {
        Severity::Warning
    };
    out.push(Finding::new(
        severity,
        "RFC 7518 §3.2",
        format!(
            "the client secret has {shortest} bytes, fewer than {} need: assertions with {} \
             are refused",
            names.join(", "),
            if too_short.len() == 1 { "it" } else { "them" }
        ),
        fix(
            RemedySide::Registration,
            "issue a longer client secret (64 bytes serve every HMAC algorithm), or register \
             token_endpoint_auth_signing_alg HS256",
        ),
    ));
}

/// Each `jwks` key: its size and curve against the profile, its `alg` against the lists, and
/// whether `use`, `alg` and `kid` let the verifier choose it.
fn check_keys(
    keys: &[serde_json::Value],
    method: Option<AuthMethod>,
    server: &ServerMetadata,
    out: &mut Vec<Finding>,
) {
    let profile = server.fapi_profile;
    let list = server.signing_algs_supported(Endpoint::Token);
    let several = keys.len() > 1;
    let signs = matches!(method, Some(AuthMethod::PrivateKeyJwt));
    let mut kids: Vec<&str> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        let member = |name: &str| key.get(name).and_then(serde_json::Value::as_str);
        let kty = member("kty").unwrap_or("");
        let name = match member("kid") {
            Some(kid) => format!("jwks key {i} (kid {kid:?})"),
            None => format!("jwks key {i}"),
        };
        match kty {
            "RSA" => {
                let bits = member("n").map_or(0, modulus_bits);
                let min = profile.map_or(2048, |p| p.min_rsa_bits());
                if bits < min {
                    out.push(Finding::new(
                        Severity::Error,
                        "RFC 7518 §3.3, §3.5; FAPI 1 Baseline §5.2.2 item 5; FAPI 2.0 §5.4",
                        format!("{name} is an RSA key of {bits} bits; at least {min} are required"),
                        fix(RemedySide::Registration, "register an RSA key of 2048 bits or more"),
                    ));
                }
            }
            "EC" => {
                let crv = member("crv").unwrap_or("");
                let bits = match crv {
                    "P-256" => 256,
                    "P-384" => 384,
                    "P-521" => 521,
                    _ => 0,
                };
                if bits == 0 {
                    out.push(Finding::new(
                        Severity::Warning,
                        "RFC 7518 §3.4; RFC 7517 §5",
                        format!("{name} is on curve {crv:?}, which this server does not verify: it is ignored"),
                        fix(RemedySide::Registration, "register a key on P-256, P-384 or P-521"),
                    ));
                } else if let Some(p) = profile {
                    if bits < p.min_ec_bits() {
                        out.push(Finding::new(
                            Severity::Error,
                            "FAPI 1 Baseline §5.2.2 item 6; FAPI 2.0 Security Profile §5.4",
                            format!("{name} has {bits} bits; the {p} profile asks at least {}", p.min_ec_bits()),
                            fix(RemedySide::Registration, "register a key on a larger curve"),
                        ));
                    }
                    if bits != 256 && !p.allows_algorithm(JwsAlgorithm::Es384) {
                        out.push(Finding::new(
                            Severity::Warning,
                            "FAPI 1 Advanced §8.6; FAPI 2.0 Security Profile §5.4",
                            format!("{name} is on {crv}, whose algorithm the {p} profile does not allow (ES256 needs P-256)"),
                            fix(RemedySide::Registration, "register a P-256 key for ES256"),
                        ));
                    }
                }
            }
            "OKP" => {
                let crv = member("crv").unwrap_or("");
                if crv != "Ed25519" {
                    out.push(Finding::new(
                        Severity::Warning,
                        "RFC 8037 §2; RFC 7517 §5",
                        format!("{name} is an OKP key on {crv:?}, which this server does not verify with: it is ignored"),
                        fix(RemedySide::Registration, "register an Ed25519 key for EdDSA"),
                    ));
                } else if profile.is_some_and(|p| !p.allows_algorithm(JwsAlgorithm::EdDsa)) {
                    out.push(Finding::new(
                        Severity::Warning,
                        "FAPI 1 Advanced §8.6",
                        format!("{name} is an Ed25519 key, and the server's profile does not allow EdDSA"),
                        fix(RemedySide::Registration, "register a PS256 (RSA) or ES256 (P-256) key"),
                    ));
                }
            }
            _ => out.push(Finding::new(
                Severity::Warning,
                "RFC 7517 §4.1; RFC 7518 §6.1",
                format!("{name} has kty {kty:?}, which is not a signature key this server verifies with: it is ignored"),
                fix(RemedySide::Registration, "register RSA, EC or OKP (Ed25519) public keys"),
            )),
        }
        if let Some(alg) = member("alg") {
            if list.is_some_and(|l| !l.iter().any(|a| a == alg)) {
                out.push(Finding::new(
                    Severity::Warning,
                    "RFC 8414 §2 token_endpoint_auth_signing_alg_values_supported",
                    format!("{name} is for alg {alg}, which the server does not list: it cannot be used"),
                    fix(RemedySide::Registration, "register the key for an algorithm the server lists"),
                ));
            }
        }
        match member("use") {
            Some("sig") | None => {}
            Some(other) => out.push(Finding::new(
                Severity::Warning,
                "RFC 7517 §4.2",
                format!("{name} has use {other:?}: it is not used to verify client assertions"),
                fix(RemedySide::Registration, "mark signature keys use \"sig\""),
            )),
        }
        if signs && several && member("use").is_none() && member("alg").is_none() {
            out.push(Finding::new(
                Severity::Warning,
                "RFC 7517 §4.2, §4.4; OpenID Connect Core §10.1.1",
                format!("{name} has neither use nor alg, among several keys: it is tried for every algorithm its type fits"),
                fix(RemedySide::Registration, "give each key use \"sig\" and its alg"),
            ));
        }
        match member("kid") {
            Some(kid) if kids.contains(&kid) => out.push(Finding::new(
                Severity::Warning,
                "RFC 7517 §4.5",
                format!(
                    "{name} repeats a kid of an earlier key: an assertion naming it is ambiguous"
                ),
                fix(RemedySide::Registration, "give every key its own kid"),
            )),
            Some(kid) => kids.push(kid),
            None if signs && several => out.push(Finding::new(
                Severity::Warning,
                "RFC 7515 §4.1.4; RFC 7517 §4.5",
                format!("{name} has no kid, among several keys: assertions cannot name it"),
                fix(
                    RemedySide::Registration,
                    "give every key a kid, and have the client send it",
                ),
            )),
            None => {}
        }
    }
}

/// The size in bits of a base64url RSA modulus (0 when it does not decode).
fn modulus_bits(n: &str) -> usize {
    let Ok(bytes) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(n) else {
        return 0;
    };
    let mut rest = bytes.as_slice();
    while let [0, tail @ ..] = rest {
        rest = tail;
    }
    match rest.first() {
        Some(&first) => rest.len() * 8 - first.leading_zeros() as usize,
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(json: &str) -> ClientMetadata {
        serde_json::from_str(json).unwrap()
    }

    fn server(json: &str) -> ServerMetadata {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_sound_registration_has_no_finding() {
        let c = client(r#"{"client_id": "c", "client_secret": "s3cret-s3cret"}"#);
        let s = server(r#"{"issuer": "https://as.example.com"}"#);
        assert_eq!(check_registration(&c, &s, Some(0)), vec![]);
    }

    #[test]
    fn a_spiffe_client_needs_its_trust_domains_bundle() {
        let c = client(
            r#"{"client_id": "c", "token_endpoint_auth_method": "spiffe_jwt",
                "spiffe_id": "spiffe://example.org/api"}"#,
        );
        let jwk = r#"{"kty": "EC", "crv": "P-256", "kid": "k",
            "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
            "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#;
        let held = server(&format!(
            r#"{{"issuer": "https://as.example.com",
                "token_endpoint_auth_methods_supported": ["spiffe_jwt"],
                "spiffe_bundles": {{"example.org": {{"jwks": {{"keys": [{jwk}]}}}}}}}}"#
        ));
        assert_eq!(check_registration(&c, &held, Some(0)), vec![]);
        let other = server(&format!(
            r#"{{"issuer": "https://as.example.com",
                "token_endpoint_auth_methods_supported": ["spiffe_jwt"],
                "spiffe_bundles": {{"other.org": {{"jwks": {{"keys": [{jwk}]}}}}}}}}"#
        ));
        let found = check_registration(&c, &other, Some(0));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].severity, Severity::Error);
        assert!(found[0].rule.contains("spiffe-client-auth-02 §6"));
    }

    /// draft-ietf-oauth-spiffe-client-auth-02 §6: a `spiffe_wit` client needs `wit-svid` keys
    /// for its trust domain; a key without `use` is a JWT-SVID key only.
    #[test]
    fn a_spiffe_wit_client_needs_wit_svid_keys() {
        let c = client(
            r#"{"client_id": "c", "token_endpoint_auth_method": "spiffe_wit",
                "spiffe_id": "spiffe://example.org/api"}"#,
        );
        let with_use = |use_: &str| {
            server(&format!(
                r#"{{"issuer": "https://as.example.com",
                    "token_endpoint_auth_methods_supported": ["spiffe_wit"],
                    "spiffe_bundles": {{"example.org": {{"jwks": {{"keys": [
                        {{"kty": "EC", "crv": "P-256", "kid": "k", {use_}
                          "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
                          "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}}]}}}}}}}}"#
            ))
        };
        assert_eq!(
            check_registration(&c, &with_use(r#""use": "wit-svid","#), Some(0)),
            vec![]
        );
        for plain in ["", r#""use": "jwt-svid","#] {
            let found = check_registration(&c, &with_use(plain), Some(0));
            assert_eq!(found.len(), 1, "{plain} {found:?}");
            assert!(found[0].message.contains("WIT-SVID keys"), "{found:?}");
        }
    }

    #[test]
    fn every_problem_is_found_not_only_the_first() {
        let c = client(
            r#"{"client_id": "c", "token_endpoint_auth_method": "client_secret_jwt",
                "client_secret_hash": "$argon2id$v=19$m=1000000,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
                "client_secret_expires_at": 10,
                "tls_client_auth_subject_dn": "CN=a,,",
                "tls_client_auth_san_dns": "a.example"}"#,
        );
        let s = server(
            r#"{"issuer": "https://as.example.com",
                "token_endpoint_auth_methods_supported": ["private_key_jwt"]}"#,
        );
        let found = check_registration(&c, &s, Some(100));
        let text: Vec<String> = found
            .iter()
            .map(|f| format!("{} {}", f.rule, f.message))
            .collect();
        let has = |s: &str| text.iter().any(|t| t.contains(s));
        assert!(
            has("client_secret_jwt needs the secret in plaintext"),
            "{text:#?}"
        );
        assert!(has("argon2_memory_kib"), "{text:#?}");
        assert!(
            has("not among the token endpoint's supported methods"),
            "{text:#?}"
        );
        assert!(has("expired at 10"), "{text:#?}");
        assert!(
            has("tls_client_auth_subject_dn is not an RFC 4514 string"),
            "{text:#?}"
        );
        assert!(has("registers both"), "{text:#?}");
        assert!(found.iter().all(|f| !f.rule.is_empty()));
        // Errors first.
        assert!(found.windows(2).all(|w| w[0].severity <= w[1].severity));
    }

    #[test]
    fn hmac_secrets_are_checked_against_each_algorithm() {
        let s = server(
            r#"{"issuer": "https://as.example.com",
            "token_endpoint_auth_methods_supported": ["client_secret_jwt"]}"#,
        );
        let csj = |secret: &str, alg: &str| {
            client(&format!(
                r#"{{"client_id": "c", "token_endpoint_auth_method": "client_secret_jwt",
                    "client_secret": "{secret}"{alg}}}"#
            ))
        };
        let severity = |c: &ClientMetadata| {
            check_registration(c, &s, Some(0))
                .iter()
                .find(|f| f.rule == "RFC 7518 §3.2")
                .map(|f| f.severity)
        };
        let short = "a".repeat(20);
        let mid = "a".repeat(40);
        let long = "a".repeat(64);
        assert_eq!(severity(&csj(&short, "")), Some(Severity::Error));
        assert_eq!(severity(&csj(&mid, "")), Some(Severity::Warning));
        assert_eq!(severity(&csj(&long, "")), None);
        let hs256 = r#", "token_endpoint_auth_signing_alg": "HS256""#;
        assert_eq!(severity(&csj(&mid, hs256)), None);
        let hs512 = r#", "token_endpoint_auth_signing_alg": "HS512""#;
        assert_eq!(severity(&csj(&mid, hs512)), Some(Severity::Error));
    }

    #[test]
    fn keys_are_checked_against_the_profile_and_lists() {
        // A 1024-bit modulus (128 bytes, high bit set) and a P-384 key under fapi1-advanced.
        let n = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode([0xC1; 128]);
        let c = client(&format!(
            r#"{{"client_id": "c", "token_endpoint_auth_method": "private_key_jwt",
                "token_endpoint_auth_signing_alg": "RS256",
                "jwks": {{"keys": [{{"kty": "RSA", "n": "{n}", "e": "AQAB"}},
                                  {{"kty": "EC", "crv": "P-384", "x": "AA", "y": "AA", "use": "enc"}}]}}}}"#
        ));
        let s = server(
            r#"{"issuer": "https://as.example.com", "fapi_profile": "fapi1-advanced",
                "token_endpoint_auth_methods_supported": ["private_key_jwt"]}"#,
        );
        let found = check_registration(&c, &s, Some(0));
        let text: Vec<String> = found.iter().map(|f| f.message.clone()).collect();
        let has = |s: &str| text.iter().any(|t| t.contains(s));
        assert!(has("RSA key of 1024 bits"), "{text:#?}");
        assert!(has("profile does not allow RS256"), "{text:#?}");
        assert!(has("use \"enc\""), "{text:#?}");
        assert!(has("neither use nor alg"), "{text:#?}");
        assert!(has("has no kid"), "{text:#?}");
        assert_eq!(modulus_bits("AQAB"), 17);
    }
}
