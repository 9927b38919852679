//! The dispatcher: which credential the request carries, the one-method rule, the registered
//! and allowed method, then the method's own verifier from the list in [`crate::method`].

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::method::{self, attest_jwt_client_auth, Context};
use crate::prepared::{check_unprepared_server, PlainSecretClient, PreparedClient, PreparedServer};
use crate::prepared_cache::PreparedCache;
use crate::primitives::assertion::attestation::{self, is_wit_svid};
use crate::primitives::cert::ClientCertificate;
use crate::primitives::replay::{InMemoryReplayCache, ReplayCache, ReplayEntry};
use crate::verified::Verified;
use crate::wire::authenticated::Authenticated;
use crate::wire::error::assertion::Claim;
use crate::wire::error::attestation::{AttestationHeader, AttestationJwt};
use crate::wire::error::request::CredentialKind;
use crate::wire::error::shown::Shown;
use crate::wire::error::AuthError;
use crate::wire::metadata::client::ClientMetadata;
use crate::wire::metadata::method::AuthMethod;
use crate::wire::metadata::server::ServerMetadata;
use crate::wire::request::RequestParts;

/// Authenticates a request as the client whose metadata is given.
///
/// This is the simple path. It prepares the metadata through a process-wide [`PreparedCache`],
/// so a registration seen before costs no preparation (keys are parsed once; a changed
/// registration, such as a rotated key or secret, is prepared afresh on its first request),
/// and records assertion `jti`s in a process-wide [`InMemoryReplayCache`]. A server with
/// several instances uses [`verify_prepared`] and a shared store. All paths give the same
/// verdicts.
///
/// Load the client by [`claimed_client_id`] first; a request that claims another client than
/// `client` is refused.
///
/// # Errors
///
/// An [`AuthError`] naming the rule the request broke; map it to the response with
/// [`AuthError::oauth_code`], [`AuthError::status`], [`AuthError::description`] and
/// [`AuthError::www_authenticate`].
pub fn authenticate(
    request: &RequestParts,
    client: &ClientMetadata,
    server: &ServerMetadata,
) -> Result<Authenticated, AuthError> {
    static REPLAY: OnceLock<InMemoryReplayCache> = OnceLock::new();
    static PREPARED: OnceLock<PreparedCache> = OnceLock::new();
    authenticate_cached(
        request,
        client,
        server,
        PREPARED.get_or_init(PreparedCache::new),
        REPLAY.get_or_init(InMemoryReplayCache::new),
    )
}

/// [`authenticate`] with the caller's [`PreparedCache`] and replay store: the registrations
/// are prepared through `cache`, and assertion `jti`s recorded in `replay`.
///
/// A client registered for `client_secret_basic` or `client_secret_post` with one plaintext
/// `client_secret` (no `client_secret_hash`, no `client_secrets`), under a server
/// configuration with nothing to parse (no trust anchors, attestation keys or challenges,
/// SPIFFE bundles), by a request without a certificate or attestation headers, needs no
/// preparation: its secret is compared straight from the metadata, with the same checks and
/// verdicts, and neither is cached.
///
/// # Errors
///
/// As [`authenticate`].
pub fn authenticate_cached(
    request: &RequestParts,
    client: &ClientMetadata,
    server: &ServerMetadata,
    cache: &PreparedCache,
    replay: &dyn ReplayCache,
) -> Result<Authenticated, AuthError> {
    if let Some(verdict) = authenticate_unprepared(request, client, server) {
        return verdict;
    }
    let server = cache
        .server(server)
        .map_err(AuthError::InvalidServerMetadata)?;
    let client = cache.client(client, &server)?;
    authenticate_prepared(request, &client, &server, replay)
}

/// The verdict for a registration that needs no preparation (see [`authenticate_cached`]),
/// or `None` for every other: the checks of [`verify_prepared`] in its order, the server's
/// registration errors first, then the client's.
fn authenticate_unprepared(
    request: &RequestParts,
    client: &ClientMetadata,
    server: &ServerMetadata,
) -> Option<Result<Authenticated, AuthError>> {
    // A certificate is decoded and bound, attestation headers are checked: the prepared path.
    if request.client_certificate().is_some() || request.has_client_attestation() {
        return None;
    }
    let server_checked = check_unprepared_server(server)?;
    let client = PlainSecretClient::of(client)?;
    let verdict = || {
        server_checked.map_err(AuthError::InvalidServerMetadata)?;
        verify_plain(request, &client?, server)
    };
    Some(verdict())
}

/// The checks of [`verify_prepared`] for a plaintext-secret client, in its order: the request
/// ([`admit`]), then the secret. Such a client has no `jti` to record, so the verdict is final.
fn verify_plain(
    request: &RequestParts,
    client: &PlainSecretClient<'_>,
    server: &ServerMetadata,
) -> Result<Authenticated, AuthError> {
    let now = request.now().unwrap_or_else(system_now);
    admit(request, &client.metadata.client_id, client.method, server)?;
    method::verify_plain_secret(request, client, now)
}

/// Authenticates a request with prepared metadata and an explicit replay store, recorded
/// inline: [`verify_prepared`] then [`Verified::commit`].
///
/// # Errors
///
/// As [`authenticate`].
pub fn authenticate_prepared(
    request: &RequestParts,
    client: &PreparedClient,
    server: &PreparedServer,
    replay: &dyn ReplayCache,
) -> Result<Authenticated, AuthError> {
    // A client of one plaintext `client_secret` (basic or post) has no `jti` to record, and a
    // request without certificate or attestation headers has nothing to bind: the same checks
    // as `verify_prepared`, without building a `Verified` to commit.
    if request.client_certificate().is_none() && !request.has_client_attestation() {
        if let Some(plain) = client.plain_secret() {
            return verify_plain(request, &plain, server.metadata());
        }
    }
    verify_prepared(request, client, server)?.commit(replay)
}

/// Checks a request with prepared metadata and records nothing: the pure core. The
/// [`Verified`] it returns yields the authenticated client once its assertion `jti` is
/// recorded, with [`Verified::commit`] (inline) or [`Verified::commit_async`] (awaited, for a
/// network store such as Redis).
///
/// # Errors
///
/// As [`authenticate`], but for the replay store's refusals, which come from the commit.
pub fn verify_prepared(
    request: &RequestParts,
    client: &PreparedClient,
    server: &PreparedServer,
) -> Result<Verified, AuthError> {
    let now = request.now().unwrap_or_else(system_now);
    let signal = admit(
        request,
        client.client_id(),
        client.method(),
        server.metadata(),
    )?;
    let method = client.method();

    // A presented certificate is decoded once, whatever the method; one that does not decode
    // refuses the request (see `crate::cert`).
    let certificate = request
        .client_certificate()
        .map(ClientCertificate::decode)
        .transpose()?;
    let ctx = Context {
        request,
        client,
        server,
        now,
        certificate: certificate.as_ref(),
    };
    let mut authenticated = (method::entry(method)?.verify)(&ctx)?;
    if signal {
        attest_jwt_client_auth::verify_signal(&ctx, &mut authenticated)?;
    }
    // RFC 8705 §3.1: the thumbprint to bind tokens to, whenever a certificate was presented.
    if let Some(certificate) = certificate.as_ref() {
        authenticated.extras_mut().certificate_thumbprint = Some(certificate.thumbprint());
    }
    // RFC 7523 §3 item 7: the `jti` to record, and until when.
    let replay = match (authenticated.jti(), authenticated.jti_remember_until) {
        (Some(jti), Some(until)) => Some(ReplayEntry::new(client.client_id(), jti, until, now)),
        _ => None,
    };
    // draft -10: the PoP `jti`, recorded by the commit after every other check.
    let pop_replay = authenticated
        .attestation_pop_jti()
        .map(|(jti, until)| ReplayEntry::new(client.client_id(), jti, *until, now));
    Ok(Verified::new(authenticated, replay, pop_replay))
}

/// The checks before the method's verifier, on the registered `client_id` and `method` and the
/// server's metadata: the credential presented (one method per request), the claimed client,
/// attestation required, the registered method, the endpoint's and the profile's methods.
/// Returns whether attestation headers came beside another method's credential (an
/// additional signal, checked after the method's verifier).
fn admit(
    request: &RequestParts,
    client_id: &str,
    method: AuthMethod,
    server: &ServerMetadata,
) -> Result<bool, AuthError> {
    let other = presented_credential(request)?;
    // draft-ietf-oauth-attestation-based-client-auth-10: the attestation headers are the
    // credential of `attest_jwt_client_auth`, and beside any other method an additional
    // signal ("Client Attestation as an additional security signal").
    let attested = request.has_client_attestation();
    // draft-ietf-oauth-spiffe-client-auth-02 §3.3: `spiffe_wit` is presented with the same
    // headers, so they are its credential too.
    let attestation_method = method::entry(method)?.credential == CredentialKind::Attestation;
    let presented = if attestation_method && attested {
        if other != CredentialKind::ClientIdOnly {
            // RFC 6749 §2.3: one method per request.
            return Err(AuthError::MultipleAuthenticationMethods {
                first: other,
                second: CredentialKind::Attestation,
            });
        }
        CredentialKind::Attestation
    } else {
        other
    };
    let signal = attested && presented != CredentialKind::Attestation;

    // The request must claim the client whose metadata we were given.
    match claimed_client_id(request)? {
        Some(id) if id == client_id => {}
        Some(_) => return Err(AuthError::ClientMismatch),
        None => return Err(no_client_named(request, presented)),
    }

    // draft -10, `client_attestation_pop_methods_supported` without `none`: every request
    // must carry an attestation.
    if !attested && server.attestation_required() {
        return Err(AuthError::AttestationRequired);
    }
    if signal
        && presented == CredentialKind::ClientIdOnly
        && method::entry(method)?.credential != CredentialKind::ClientIdOnly
    {
        // The attestation headers alone, for a client registered for a method that needs a
        // credential of its own: the registration does not allow attest_jwt_client_auth.
        return Err(AuthError::MethodNotRegistered {
            registered: method,
            presented: CredentialKind::Attestation,
        });
    }
    if method == AuthMethod::SpiffeJwt
        && presented == CredentialKind::Assertion
        && request.client_assertion_type().is_none()
    {
        // RFC 7521 §4.2: a client_assertion without its type is malformed; without the type,
        // the JWT-SVID (draft-ietf-oauth-spiffe-client-auth-02 §3.1) cannot be told apart.
        return Err(AuthError::MissingAssertionParameter {
            name: "client_assertion_type",
        });
    }
    check_registered_method(method, presented)?;
    // RFC 8414 §2: the endpoint's `*_auth_methods_supported`.
    let endpoint = request.endpoint();
    if !server.endpoint_supports(endpoint, method) {
        return Err(AuthError::MethodNotSupported { method, endpoint });
    }
    if let Some(profile) = server.fapi_profile {
        if !profile.allows_method(method) {
            return Err(AuthError::MethodNotAllowedByProfile { method, profile });
        }
    }

    Ok(signal)
}

/// The client identifier the request claims, before any credential is checked, so that a
/// handler can load that client's metadata: the Basic user name, else the `client_id`
/// parameter, else the unverified `sub` (or `iss`) of a client assertion.
///
/// The assertion's `sub` is read before its signature is checked: it only says which client's
/// metadata to load, and [`authenticate`] then verifies the assertion against that client.
///
/// Returns `Ok(None)` when the request names no client.
///
/// # Errors
///
/// - [`AuthError::ConflictingClientIds`] when the Basic user name and the `client_id`
///   parameter differ (RFC 6749 §2.3.1 lets a client send both only when they agree).
/// - [`AuthError::ClientIdNotAssertionSubject`] when the `client_id` parameter and the
///   assertion's `sub` differ (RFC 7521 §4.2).
/// - [`AuthError::MalformedAssertion`] when the only client identifier would come from an
///   assertion that does not decode, and [`AuthError::AssertionClaimMissing`] when it names
///   neither `sub` nor `iss`.
pub fn claimed_client_id(request: &RequestParts) -> Result<Option<&str>, AuthError> {
    let param = request.client_id_param();
    if let Some(basic) = request.basic() {
        if let Some(param) = param.filter(|p| *p != basic.client_id()) {
            return Err(AuthError::ConflictingClientIds {
                basic: Shown::new(basic.client_id()),
                parameter: Shown::new(param),
            });
        }
        return Ok(Some(basic.client_id()));
    }
    match (request.decoded_assertion(), param) {
        (None, param) if request.has_client_attestation() => attested_client_id(request, param),
        (None, param) => Ok(param),
        // The parameter names the client; the assertion's decoding error comes when it is
        // verified, for that client.
        (Some(Err(_)), Some(param)) => Ok(Some(param)),
        (Some(Err(e)), None) => Err(e.clone()),
        (Some(Ok(assertion)), param) => {
            let subject = assertion.claims().claimed_client_id();
            match (param, subject) {
                // draft-ietf-oauth-spiffe-client-auth-02 §3.1 item 5: a JWT-SVID's `sub` is a
                // SPIFFE ID "associated with" the client, which the `client_id` names; the
                // verifier checks it against the registered `spiffe_id`.
                (Some(param), _) if request.has_spiffe_assertion_type() => Ok(Some(param)),
                // RFC 7521 §4.2: "If present, the value of the client_id parameter MUST
                // identify the same client as is identified by the client assertion."
                (Some(param), Some(subject)) if param != subject => {
                    Err(AuthError::ClientIdNotAssertionSubject {
                        client_id: Shown::new(param),
                        sub: Shown::new(subject),
                    })
                }
                (Some(param), _) => Ok(Some(param)),
                (None, Some(subject)) => Ok(Some(subject)),
                // RFC 7523 §3 item 2: the assertion must name its subject.
                (None, None) => Err(AuthError::AssertionClaimMissing { claim: Claim::Sub }),
            }
        }
    }
}

/// The client a request with attestation headers (and no assertion) claims: the `client_id`
/// parameter, else the attestation's unverified `sub`
/// (draft-ietf-oauth-attestation-based-client-auth-10: `sub` is the `client_id`). A
/// parameter beside a Client Attestation must be its `sub`; beside a WIT-SVID (`typ`
/// `wit+jwt`) it names the client on its own.
fn attested_client_id<'r>(
    request: &'r RequestParts,
    param: Option<&'r str>,
) -> Result<Option<&'r str>, AuthError> {
    let headers = request.attestation_headers();
    match (headers.attestation.as_deref(), param) {
        (None, None) => Err(AuthError::MissingAttestationHeader {
            header: AttestationHeader::Attestation,
        }),
        (Some(Err(e)), None) => Err(e.clone()),
        (None | Some(Err(_)), Some(param)) => Ok(Some(param)),
        // draft-ietf-oauth-spiffe-client-auth-02 §3.3, §5.1: a WIT-SVID's `sub` is a SPIFFE
        // ID "associated with" the client, which the `client_id` names (as for a JWT-SVID);
        // the verifier matches it against the registered `spiffe_id`.
        (Some(Ok(jws)), Some(param)) if is_wit_svid(jws) => Ok(Some(param)),
        (Some(Ok(jws)), param) => match (param, jws.subject()) {
            // The body's client_id must name the attestation's subject.
            (Some(param), Some(subject)) if param != subject => {
                Err(AuthError::AttestationSubjectMismatch {
                    sub: Shown::new(subject),
                    client_id: Shown::new(param),
                })
            }
            (Some(param), _) => Ok(Some(param)),
            // Without the parameter, the `sub` names the client: required, a string.
            (None, _) => {
                let jwt = match is_wit_svid(jws) {
                    true => AttestationJwt::Wit,
                    false => AttestationJwt::Attestation,
                };
                attestation::subject(jws, jwt).map(Some)
            }
        },
    }
}

/// The client identifier to load the registration of, or the refusal of a request that names
/// no client: [`claimed_client_id`], with its `None` turned into the error
/// [`authenticate`] would give.
///
/// # Errors
///
/// Those of [`claimed_client_id`]; [`AuthError::NoClientAuthentication`] (`invalid_client`)
/// for a request with no credential at all, [`AuthError::MissingClientId`]
/// (`invalid_request`) for a credential that needs a `client_id` parameter and came without.
pub fn require_client_id(request: &RequestParts) -> Result<&str, AuthError> {
    match claimed_client_id(request)? {
        Some(id) => Ok(id),
        None => Err(no_client_named(request, presented_credential(request)?)),
    }
}

/// Why a request that names no client is refused.
fn no_client_named(request: &RequestParts, presented: CredentialKind) -> AuthError {
    if presented == CredentialKind::ClientIdOnly && request.client_certificate().is_none() {
        // RFC 6749 §5.2: "no client authentication included" is invalid_client.
        AuthError::NoClientAuthentication
    } else {
        // RFC 6749 §2.3.1, RFC 8705 §2: the credential needs the client_id parameter.
        AuthError::MissingClientId
    }
}

/// Which credential the request carries; more than one is refused (RFC 6749 §2.3: "The client
/// MUST NOT use more than one authentication method in each request").
fn presented_credential(request: &RequestParts) -> Result<CredentialKind, AuthError> {
    let found = [
        (request.basic().is_some(), CredentialKind::BasicHeader),
        (
            request.client_secret_param().is_some(),
            CredentialKind::SecretParameter,
        ),
        (
            request.client_assertion().is_some() || request.client_assertion_type().is_some(),
            // draft-ietf-oauth-spiffe-client-auth-02 §3.1: the jwt-spiffe type makes the
            // assertion a JWT-SVID, the credential of `spiffe_jwt`.
            if request.has_spiffe_assertion_type() {
                CredentialKind::SpiffeAssertion
            } else {
                CredentialKind::Assertion
            },
        ),
    ];
    let mut kinds = found
        .iter()
        .filter(|(present, _)| *present)
        .map(|(_, k)| *k);
    match (kinds.next(), kinds.next()) {
        (None, _) => Ok(CredentialKind::ClientIdOnly),
        (Some(one), None) => Ok(one),
        (Some(first), Some(second)) => {
            Err(AuthError::MultipleAuthenticationMethods { first, second })
        }
    }
}

/// The request must use the method the client registered (RFC 7591 §2,
/// `token_endpoint_auth_method`; OpenID Connect Core §9).
fn check_registered_method(
    registered: AuthMethod,
    presented: CredentialKind,
) -> Result<(), AuthError> {
    if method::entry(registered)?.credential == presented {
        Ok(())
    } else if presented == CredentialKind::ClientIdOnly {
        Err(AuthError::MissingCredentials)
    } else {
        Err(AuthError::MethodNotRegistered {
            registered,
            presented,
        })
    }
}

/// The system clock, Unix seconds; a clock before 1970 reads as 0.
fn system_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_secs()).ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::metadata::endpoint::Endpoint;
    use crate::wire::metadata::policy::FapiProfile;
    use crate::wire::secret::ClientSecret;

    const NOW: i64 = 1_764_300_000;

    fn client(method: &str) -> ClientMetadata {
        let mut c = ClientMetadata::new("s6BhdRkqt3");
        c.token_endpoint_auth_method = Some(method.into());
        c.client_secret = Some(ClientSecret::new("gX1fBat3bV"));
        c
    }

    fn server(methods: &[&str]) -> ServerMetadata {
        let mut s = ServerMetadata::new("https://as.example.com");
        s.token_endpoint_auth_methods_supported =
            Some(methods.iter().map(|m| m.to_string()).collect());
        s
    }

    const ALL: &[&str] = &[
        "none",
        "client_secret_basic",
        "client_secret_post",
        "client_secret_jwt",
        "private_key_jwt",
        "tls_client_auth",
        "self_signed_tls_client_auth",
    ];

    /// `authenticate_cached` compares a plaintext `client_secret` without preparing the
    /// registration: every verdict, refusals included, is the prepared path's.
    #[test]
    fn unprepared_secret_path_gives_the_prepared_verdicts() {
        // Also: `authenticate_prepared`'s plaintext-secret path against `verify_prepared`.
        use base64::Engine as _;
        let basic = |user_pass: &str| {
            let token = base64::engine::general_purpose::STANDARD.encode(user_pass);
            RequestParts::builder().header("Authorization", format!("Basic {token}"))
        };
        let post = |body: &str| RequestParts::builder().form_body(body);
        let requests = [
            basic("s6BhdRkqt3:gX1fBat3bV"),
            basic("s6BhdRkqt3:wrong"),
            basic("s6BhdRkqt3:"),
            basic("other:gX1fBat3bV"),
            // Form-decoded to the registered secret, and a mismatch after decoding.
            basic("s6BhdRkqt3:gX1f%42at3bV"),
            basic("s6BhdRkqt3:gX1f+Bat3bV"),
            basic("s6BhdRkqt3:gX1fBat3bV").form_body("client_id=other"),
            basic("s6BhdRkqt3:gX1fBat3bV").form_body("client_secret=gX1fBat3bV"),
            basic("s6BhdRkqt3:gX1fBat3bV").endpoint(Endpoint::Revocation),
            post("client_id=s6BhdRkqt3&client_secret=gX1fBat3bV"),
            post("client_id=s6BhdRkqt3&client_secret=gX1fBat3bX"),
            post("client_id=s6BhdRkqt3"),
            post("client_secret=gX1fBat3bV"),
            post("grant_type=client_credentials"),
        ];
        let mut clients = vec![
            client("client_secret_basic"),
            client("client_secret_post"),
            client("client_secret_jwt"),
            client("bogus"),
        ];
        let mut c = client("client_secret_basic");
        c.token_endpoint_auth_method = None;
        clients.push(c);
        let mut c = client("client_secret_basic");
        c.client_secret = Some(ClientSecret::new(""));
        clients.push(c);
        let mut c = client("client_secret_post");
        c.client_id = String::new();
        clients.push(c);
        for at in [NOW - 1, NOW, NOW + 1, 0] {
            let mut c = client("client_secret_basic");
            c.client_secret_expires_at = Some(at);
            clients.push(c);
        }
        let mut servers = vec![
            server(ALL),
            server(&["client_secret_post"]),
            ServerMetadata::new(""),
        ];
        let mut s = server(ALL);
        s.clock_skew_seconds = Some(u64::MAX);
        servers.push(s);
        let mut s = server(ALL);
        s.fapi_profile = Some(FapiProfile::Fapi2);
        servers.push(s);
        let mut s = server(ALL);
        s.client_attestation_pop_methods_supported = Some(vec!["client_secret_basic".into()]);
        servers.push(s);
        let (mut unprepared, mut accepted) = (0, 0);
        for request in requests {
            let request = request.now(NOW).build().unwrap();
            for c in &clients {
                for s in &servers {
                    let replay = InMemoryReplayCache::new();
                    let got = authenticate_cached(&request, c, s, &PreparedCache::new(), &replay);
                    // The general path (every method's), and `authenticate_prepared`, which
                    // takes the plaintext-secret path for these clients.
                    let prepared = || {
                        PreparedServer::new(s)
                            .map_err(AuthError::InvalidServerMetadata)
                            .and_then(|server| {
                                let client = PreparedClient::with_server(c, &server)?;
                                Ok((server, client))
                            })
                    };
                    let want = prepared().and_then(|(server, client)| {
                        verify_prepared(&request, &client, &server)?.commit(&replay)
                    });
                    let fast = prepared().and_then(|(server, client)| {
                        authenticate_prepared(&request, &client, &server, &replay)
                    });
                    assert_eq!(got, want, "{request:?} {c:?} {s:?}");
                    assert_eq!(fast, want, "{request:?} {c:?} {s:?}");
                    unprepared += usize::from(authenticate_unprepared(&request, c, s).is_some());
                    accepted += usize::from(got.is_ok());
                }
            }
        }
        assert!(unprepared > 300 && accepted > 10, "{unprepared} {accepted}");
    }

    fn basic_request() -> RequestParts {
        RequestParts::builder()
            .header("Authorization", "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW")
            .form_body("grant_type=client_credentials")
            .now(NOW)
            .build()
            .unwrap()
    }

    #[test]
    fn two_methods_in_one_request_are_invalid_request() {
        let r = RequestParts::builder()
            .header("Authorization", "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW")
            .form_body("client_id=s6BhdRkqt3&client_secret=gX1fBat3bV")
            .now(NOW)
            .build()
            .unwrap();
        let err = authenticate(&r, &client("client_secret_basic"), &server(ALL)).unwrap_err();
        assert_eq!(
            err,
            AuthError::MultipleAuthenticationMethods {
                first: CredentialKind::BasicHeader,
                second: CredentialKind::SecretParameter
            }
        );
        assert_eq!(err.oauth_code().as_str(), "invalid_request");
        // The one-method rule precedes everything: no challenge for invalid_request.
        assert_eq!(err.www_authenticate(r.basic_attempted()), None);

        let r = RequestParts::builder()
            .form_body("client_id=s6BhdRkqt3&client_secret=x&client_assertion=a.b.c")
            .now(NOW)
            .build()
            .unwrap();
        assert_eq!(
            authenticate(&r, &client("client_secret_post"), &server(ALL)).unwrap_err(),
            AuthError::MultipleAuthenticationMethods {
                first: CredentialKind::SecretParameter,
                second: CredentialKind::Assertion
            }
        );
    }

    #[test]
    fn method_other_than_registered_is_refused() {
        // Registered post, presented Basic.
        let err = authenticate(
            &basic_request(),
            &client("client_secret_post"),
            &server(ALL),
        )
        .unwrap_err();
        assert_eq!(
            err,
            AuthError::MethodNotRegistered {
                registered: AuthMethod::ClientSecretPost,
                presented: CredentialKind::BasicHeader
            }
        );
        assert_eq!(err.oauth_code().as_str(), "invalid_client");
        // Registered Basic, presented Basic: accepted.
        let ok = authenticate(
            &basic_request(),
            &client("client_secret_basic"),
            &server(ALL),
        )
        .unwrap();
        assert_eq!(ok.method(), AuthMethod::ClientSecretBasic);
    }

    #[test]
    fn credentials_sent_for_a_public_client_are_refused() {
        let err = authenticate(&basic_request(), &client("none"), &server(ALL)).unwrap_err();
        assert_eq!(
            err,
            AuthError::MethodNotRegistered {
                registered: AuthMethod::None,
                presented: CredentialKind::BasicHeader
            }
        );
        assert_eq!(
            err.www_authenticate(true),
            Some(crate::wire::error::wire::BASIC_CHALLENGE)
        );
    }

    #[test]
    fn missing_credentials_for_a_confidential_client_are_refused() {
        let r = RequestParts::builder()
            .form_body("client_id=s6BhdRkqt3")
            .now(NOW)
            .build()
            .unwrap();
        assert_eq!(
            authenticate(&r, &client("client_secret_basic"), &server(ALL)).unwrap_err(),
            AuthError::MissingCredentials
        );
        assert!(authenticate(&r, &client("none"), &server(ALL)).is_ok());
    }

    #[test]
    fn method_not_listed_by_the_endpoint_is_refused() {
        let err = authenticate(
            &basic_request(),
            &client("client_secret_basic"),
            &server(&["client_secret_post"]),
        )
        .unwrap_err();
        assert_eq!(
            err,
            AuthError::MethodNotSupported {
                method: AuthMethod::ClientSecretBasic,
                endpoint: Endpoint::Token
            }
        );
        // Default list (RFC 8414 §2): client_secret_basic only.
        let s = ServerMetadata::new("https://as.example.com");
        assert!(authenticate(&basic_request(), &client("client_secret_basic"), &s).is_ok());
    }

    #[test]
    fn method_not_allowed_by_fapi_profile_is_refused() {
        let mut s = server(ALL);
        s.fapi_profile = Some(FapiProfile::Fapi2);
        assert_eq!(
            authenticate(&basic_request(), &client("client_secret_basic"), &s).unwrap_err(),
            AuthError::MethodNotAllowedByProfile {
                method: AuthMethod::ClientSecretBasic,
                profile: FapiProfile::Fapi2
            }
        );
        s.fapi_profile = None;
        assert!(authenticate(&basic_request(), &client("client_secret_basic"), &s).is_ok());
    }

    #[test]
    fn request_claiming_another_client_is_refused() {
        let mut c = client("client_secret_basic");
        c.client_id = "other".into();
        assert_eq!(
            authenticate(&basic_request(), &c, &server(ALL)).unwrap_err(),
            AuthError::ClientMismatch
        );
    }

    #[test]
    fn request_with_no_client_authentication_is_invalid_client() {
        // RFC 6749 §5.2: "no client authentication included" is invalid_client.
        let r = RequestParts::builder().now(NOW).build().unwrap();
        let err = authenticate(&r, &client("none"), &server(ALL)).unwrap_err();
        assert_eq!(err, AuthError::NoClientAuthentication);
        assert_eq!(
            (err.oauth_code().as_str(), err.status()),
            ("invalid_client", 401)
        );
        // A secret without the client_id it needs is a malformed request (RFC 6749 §2.3.1).
        let r = RequestParts::builder()
            .form_body("client_secret=s")
            .now(NOW)
            .build()
            .unwrap();
        let err = authenticate(&r, &client("client_secret_post"), &server(ALL)).unwrap_err();
        assert_eq!(err, AuthError::MissingClientId);
        assert_eq!(err.status(), 400);
    }

    #[test]
    fn require_client_id_gives_the_refusal_authenticate_would() {
        let none = RequestParts::builder().now(NOW).build().unwrap();
        assert_eq!(
            require_client_id(&none).unwrap_err(),
            AuthError::NoClientAuthentication
        );
        let secret_only = RequestParts::builder()
            .form_body("client_secret=s")
            .build()
            .unwrap();
        assert_eq!(
            require_client_id(&secret_only).unwrap_err(),
            AuthError::MissingClientId
        );
        assert_eq!(require_client_id(&basic_request()), Ok("s6BhdRkqt3"));
    }

    #[test]
    fn claimed_client_id_prefers_basic_and_refuses_disagreement() {
        let r = basic_request();
        assert_eq!(claimed_client_id(&r), Ok(Some("s6BhdRkqt3")));
        let r = RequestParts::builder()
            .header("Authorization", "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW")
            .form_body("client_id=s6BhdRkqt3")
            .build()
            .unwrap();
        assert_eq!(claimed_client_id(&r), Ok(Some("s6BhdRkqt3")));
        let r = RequestParts::builder()
            .header("Authorization", "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW")
            .form_body("client_id=someone-else")
            .build()
            .unwrap();
        assert_eq!(
            claimed_client_id(&r),
            Err(AuthError::ConflictingClientIds {
                basic: "s6BhdRkqt3".into(),
                parameter: "someone-else".into(),
            })
        );
        let r = RequestParts::builder()
            .form_body("client_id=abc")
            .build()
            .unwrap();
        assert_eq!(claimed_client_id(&r), Ok(Some("abc")));
    }

    #[test]
    fn invalid_registration_is_invalid_client_naming_the_registration() {
        let c = client("magic");
        let err = authenticate(&basic_request(), &c, &server(ALL)).unwrap_err();
        assert_eq!(
            err,
            AuthError::InvalidClientMetadata(
                crate::wire::error::registration::MetadataError::UnknownAuthMethod("magic".into())
            )
        );
        assert_eq!(err.oauth_code().as_str(), "invalid_client");
    }
}
