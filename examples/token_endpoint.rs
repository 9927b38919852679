//! A token endpoint on axum that authenticates every client with this crate, behind a
//! TLS-terminating reverse proxy such as nginx.
//!
//! It shows the whole server path: the proxy terminates TLS, asks for a client certificate and
//! forwards it in a header (nginx: `proxy_set_header X-Ssl-Cert $ssl_client_escaped_cert;`);
//! the handler builds [`RequestParts`] from the headers, the raw form body and that header,
//! loads the client the request claims, verifies the request with [`verify_prepared`] (no
//! I/O) whatever the client's method, records its assertion's `jti` with
//! [`Verified::commit_async`](oauth_client_auth::Verified::commit_async), and answers either a
//! (dummy) token bound to the certificate (`cnf.x5t#S256`, RFC 8705 §3) or the RFC 6749 §5.2
//! error with its status and headers (`WWW-Authenticate` after a failed Basic attempt,
//! `Retry-After` on a 503). It listens on a loopback address only.
//!
//! ```text
//! cargo run --example token_endpoint -- \
//!     --clients clients.json --server server.json \
//!     [--listen 127.0.0.1:8080] [--cert-header X-Ssl-Cert] [--cert-chain-header NAME]
//!
//! cargo run --features redis --example token_endpoint -- \
//!     --clients clients.json --server server.json --redis-url redis://127.0.0.1:6379
//!
//! cargo run --features jwks-fetch --example token_endpoint -- \
//!     --clients clients.json --server server.json [--jwks-ca ca.pem] [--jwks-allow-loopback] \
//!     [--jwks-min-ttl SECONDS] [--jwks-refetch-interval SECONDS]
//! ```
//!
//! - `--clients`: a JSON array of registered clients, with RFC 7591 names (`client_id`,
//!   `token_endpoint_auth_method`, `client_secret`, `jwks`, `tls_client_auth_subject_dn`, …).
//! - `--server`: the server's metadata, with RFC 8414 names and the crate's policy keys, such
//!   as `tls_client_auth_trust_anchors` when the proxy does not validate client certificates.
//! - `--listen`: a loopback address (default `127.0.0.1:8080`; port 0 picks a free port).
//! - `--cert-header` (or the `CERT_HEADER` environment variable): the header the proxy puts
//!   the client certificate in, in any form the crate reads (default `X-Ssl-Cert`).
//! - `--cert-chain-header` (or `CERT_CHAIN_HEADER`): an RFC 9440 `Client-Cert-Chain` style
//!   header holding the intermediates, if the proxy sends one.
//! - `--redis-url` (or `REDIS_URL`): record `jti` values in this Redis
//!   ([`RedisReplayStore`](oauth_client_auth::RedisReplayStore), feature `redis`), so that
//!   several instances refuse each other's replays; without it they are kept in memory
//!   ([`InMemoryReplayCache`]), for this process alone. Built without the `redis` feature, the
//!   example refuses to start when given one.
//! - `private_key_jwt` clients that register `jwks_uri` (and no `jwks`) are served through
//!   [`JwksResolver`](oauth_client_auth::JwksResolver) (feature `jwks-fetch`): keys fetched
//!   over HTTPS, cached, refetched once on an unknown `kid`, each fetch logged. `--jwks-ca`
//!   trusts one more CA (PEM) for those fetches; `--jwks-allow-loopback` lets them reach
//!   loopback addresses (tests on one machine); `--jwks-min-ttl` lowers the least freshness
//!   (default 300 s) and `--jwks-refetch-interval` the least time between fetches of one URI
//!   (default 60 s), for tests. Built without the feature, the example refuses these flags,
//!   and such clients are refused as registered without `jwks`.
//!
//! It prints `listening on ADDRESS` on standard output once it accepts connections, logs each
//! refusal's reason (the error's `Display`, never a secret) on standard error, and stops on
//! SIGINT or SIGTERM. The proxy must strip the certificate headers from client requests (nginx's
//! `proxy_set_header` does), and only the proxy may be able to reach this server.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use oauth_client_auth::{
    authenticate_unknown_client, require_client_id, verify_prepared, AsyncReplayStore, AuthError,
    Authenticated, CertificateInput, ClientMetadata, InMemoryReplayCache, MetadataError,
    PreparedClient, PreparedServer, ReplayEntry, ReplayError, RequestParts, ServerMetadata,
};
#[cfg(feature = "jwks-fetch")]
use oauth_client_auth::{JwksConfig, JwksResolver};
#[cfg(feature = "redis")]
use oauth_client_auth::{RedisReplayConfig, RedisReplayStore};
use serde_json::json;

/// Where the `jti` values are recorded. [`AsyncReplayStore`] is not dyn-compatible (its
/// method returns `impl Future`), so the choice made at start-up is an enum that delegates.
enum ReplayStore {
    /// This process alone: [`InMemoryReplayCache`], an [`AsyncReplayStore`] through its
    /// [`oauth_client_auth::ReplayCache`] implementation.
    Memory(InMemoryReplayCache),
    /// Shared by every instance connected to the same Redis.
    #[cfg(feature = "redis")]
    Redis(RedisReplayStore),
}

impl AsyncReplayStore for ReplayStore {
    async fn record(&self, entry: &ReplayEntry) -> Result<(), ReplayError> {
        match self {
            Self::Memory(cache) => cache.record(entry).await,
            #[cfg(feature = "redis")]
            Self::Redis(store) => store.record(entry).await,
        }
    }
}

impl ReplayStore {
    /// The store `--redis-url` names, or memory without one.
    async fn open(redis_url: Option<&str>) -> Result<Self, String> {
        match redis_url {
            None => Ok(Self::Memory(InMemoryReplayCache::new())),
            #[cfg(feature = "redis")]
            Some(url) => RedisReplayStore::connect(RedisReplayConfig::new(url))
                .await
                .map(Self::Redis)
                .map_err(|e| format!("--redis-url: {e}")),
            #[cfg(not(feature = "redis"))]
            Some(_) => Err(
                "--redis-url (or REDIS_URL) is set, but this example was built \
                 without the redis feature (cargo run --features redis --example token_endpoint)"
                    .to_owned(),
            ),
        }
    }

    fn describe(&self) -> &'static str {
        match self {
            Self::Memory(_) => "in memory, for this process alone",
            #[cfg(feature = "redis")]
            Self::Redis(_) => "in Redis",
        }
    }
}

/// What the handler shares.
struct AppState {
    /// Registered clients by `client_id`; a registration that does not prepare is kept as its
    /// error, so that its requests are refused as `invalid_client` naming the registration.
    clients: HashMap<String, Result<PreparedClient, MetadataError>>,
    /// `private_key_jwt` clients that register `jwks_uri`: their keys come from `jwks`.
    #[cfg(feature = "jwks-fetch")]
    jwks_clients: HashMap<String, ClientMetadata>,
    #[cfg(feature = "jwks-fetch")]
    jwks: JwksResolver,
    server: PreparedServer,
    replay: ReplayStore,
    cert_header: HeaderName,
    cert_chain_header: Option<HeaderName>,
    issued: AtomicU64,
}

/// Command-line options.
struct Options {
    listen: SocketAddr,
    clients: String,
    server: String,
    cert_header: String,
    cert_chain_header: Option<String>,
    /// The Redis to record `jti` values in; memory without one.
    redis_url: Option<String>,
    /// The `jwks_uri` fetcher's options (feature `jwks-fetch`).
    jwks: JwksOptions,
}

/// `--jwks-*`: how `jwks_uri` is fetched.
#[derive(Default)]
struct JwksOptions {
    /// One more CA to trust, PEM.
    ca: Option<String>,
    allow_loopback: bool,
    min_ttl: Option<u64>,
    refetch_interval: Option<u64>,
}

impl JwksOptions {
    fn any(&self) -> bool {
        self.ca.is_some()
            || self.allow_loopback
            || self.min_ttl.is_some()
            || self.refetch_interval.is_some()
    }
}

fn parse_options() -> Result<Options, String> {
    let mut listen = "127.0.0.1:8080".to_owned();
    let mut clients = None;
    let mut server = None;
    let mut cert_header = std::env::var("CERT_HEADER").unwrap_or_else(|_| "X-Ssl-Cert".into());
    let mut cert_chain_header = std::env::var("CERT_CHAIN_HEADER").ok();
    let mut redis_url = std::env::var("REDIS_URL")
        .ok()
        .filter(|url| !url.is_empty());
    let mut jwks = JwksOptions::default();
    let seconds = |flag: &str, value: String| {
        value
            .parse::<u64>()
            .map_err(|e| format!("{flag} {value}: {e}"))
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--jwks-allow-loopback" {
            jwks.allow_loopback = true;
            continue;
        }
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--listen" => listen = value()?,
            "--clients" => clients = Some(value()?),
            "--server" => server = Some(value()?),
            "--cert-header" => cert_header = value()?,
            "--cert-chain-header" => cert_chain_header = Some(value()?),
            "--redis-url" => redis_url = Some(value()?),
            "--jwks-ca" => jwks.ca = Some(value()?),
            "--jwks-min-ttl" => jwks.min_ttl = Some(seconds(&flag, value()?)?),
            "--jwks-refetch-interval" => jwks.refetch_interval = Some(seconds(&flag, value()?)?),
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    let listen: SocketAddr = listen
        .parse()
        .map_err(|e| format!("--listen {listen}: {e}"))?;
    if !listen.ip().is_loopback() {
        return Err(format!(
            "--listen {listen}: only loopback addresses; put the TLS proxy in front"
        ));
    }
    Ok(Options {
        listen,
        clients: clients.ok_or("--clients FILE is required")?,
        server: server.ok_or("--server FILE is required")?,
        cert_header,
        cert_chain_header,
        redis_url,
        jwks,
    })
}

/// The `jwks_uri` fetcher the `--jwks-*` options describe, logging every fetch.
#[cfg(feature = "jwks-fetch")]
fn jwks_resolver(options: &JwksOptions) -> Result<JwksResolver, String> {
    let mut config = JwksConfig::new()
        .allow_loopback(options.allow_loopback)
        .on_event(|event| eprintln!("token_endpoint: {event}"));
    if let Some(path) = &options.ca {
        let pem = std::fs::read(path).map_err(|e| format!("--jwks-ca {path}: {e}"))?;
        config = config.add_trust_anchor_pem(pem);
    }
    if let Some(min) = options.min_ttl {
        config = config.freshness_bounds(
            std::time::Duration::from_secs(min),
            std::time::Duration::from_secs(24 * 3600),
        );
    }
    if let Some(interval) = options.refetch_interval {
        config = config.refetch_interval(std::time::Duration::from_secs(interval));
    }
    JwksResolver::new(config).map_err(|e| e.to_string())
}

fn load_state(options: &Options, replay: ReplayStore) -> Result<AppState, String> {
    let read = |path: &str| std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"));
    let registered: Vec<ClientMetadata> = serde_json::from_str(&read(&options.clients)?)
        .map_err(|e| format!("{}: not a JSON array of clients: {e}", options.clients))?;
    let mut clients = HashMap::new();
    #[cfg(feature = "jwks-fetch")]
    let mut jwks_clients = HashMap::new();
    for client in registered {
        #[cfg(feature = "jwks-fetch")]
        if client.jwks.is_none()
            && client.jwks_uri.is_some()
            && client.token_endpoint_auth_method.as_deref() == Some("private_key_jwt")
        {
            jwks_clients.insert(client.client_id.clone(), client);
            continue;
        }
        let prepared = PreparedClient::new(&client);
        if let Err(e) = &prepared {
            eprintln!(
                "token_endpoint: client {:?} is registered invalidly: {e}",
                client.client_id
            );
        }
        clients.insert(client.client_id.clone(), prepared);
    }
    let server: ServerMetadata = serde_json::from_str(&read(&options.server)?)
        .map_err(|e| format!("{}: not server metadata: {e}", options.server))?;
    let server = PreparedServer::new(&server).map_err(|e| format!("{}: {e}", options.server))?;
    let header =
        |name: &str| HeaderName::try_from(name).map_err(|e| format!("header name {name:?}: {e}"));
    if options.jwks.any() && cfg!(not(feature = "jwks-fetch")) {
        return Err("--jwks-ca, --jwks-allow-loopback, --jwks-min-ttl and \
             --jwks-refetch-interval need the jwks-fetch feature, and this example was built \
             without it (cargo run --features jwks-fetch --example token_endpoint)"
            .to_owned());
    }
    Ok(AppState {
        clients,
        #[cfg(feature = "jwks-fetch")]
        jwks_clients,
        #[cfg(feature = "jwks-fetch")]
        jwks: jwks_resolver(&options.jwks)?,
        server,
        replay,
        cert_header: header(&options.cert_header)?,
        cert_chain_header: options
            .cert_chain_header
            .as_deref()
            .map(header)
            .transpose()?,
        issued: AtomicU64::new(0),
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let (listen, state) = match start().await {
        Ok(v) => v,
        Err(e) => {
            eprintln!("token_endpoint: {e}");
            return ExitCode::from(2);
        }
    };
    let app = Router::new()
        .route("/token", post(token))
        .with_state(Arc::new(state));
    let listener = match tokio::net::TcpListener::bind(listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("token_endpoint: cannot listen on {listen}: {e}");
            return ExitCode::from(2);
        }
    };
    match listener.local_addr() {
        Ok(addr) => println!("listening on {addr}"),
        Err(e) => eprintln!("token_endpoint: {e}"),
    }
    match axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("token_endpoint: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Reads the options, opens the replay store and loads the configuration.
async fn start() -> Result<(SocketAddr, AppState), String> {
    let options = parse_options()?;
    let replay = ReplayStore::open(options.redis_url.as_deref()).await?;
    eprintln!(
        "token_endpoint: jti values are recorded {}",
        replay.describe()
    );
    let state = load_state(&options, replay)?;
    Ok((options.listen, state))
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}

/// The token endpoint: authenticate the client, whatever its method, then issue a token.
async fn token(State(state): State<Arc<AppState>>, headers: HeaderMap, body: Bytes) -> Response {
    let mut builder = RequestParts::builder().form_body(&body);
    for (name, value) in &headers {
        builder = builder.header(name.as_str(), value.as_bytes());
    }
    // The proxy sets the certificate header once; an empty value means no certificate.
    let mut values = headers.get_all(&state.cert_header).iter();
    match (values.next(), values.next()) {
        (Some(value), None) => {
            if let Some(cert) = CertificateInput::from_proxy_header(value.as_bytes()) {
                builder = builder.client_certificate(cert);
            }
        }
        (None, _) => {}
        (Some(_), Some(_)) => {
            eprintln!("token_endpoint: refused: the certificate header is repeated");
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "the client certificate header is repeated",
            );
        }
    }
    if let Some(chain_header) = &state.cert_chain_header {
        for value in headers.get_all(chain_header) {
            for cert in CertificateInput::chain_from_proxy_header(value.as_bytes()) {
                builder = builder.client_certificate_chain_entry(cert);
            }
        }
    }
    let request = match builder.build() {
        Ok(r) => r,
        Err(e) => return refusal(&e, false),
    };
    match authenticate_request(&state, &request).await {
        Ok(response) => response,
        Err(e) => refusal(&e, request.basic_attempted()),
    }
}

/// Loads the claimed client and authenticates the request as it: verified without I/O, then
/// its `jti` recorded in the replay store, awaited.
async fn authenticate_request(
    state: &AppState,
    request: &RequestParts,
) -> Result<Response, AuthError> {
    let client_id = require_client_id(request)?;
    // A jwks_uri client: the resolver fetches or reuses its keys, refetching once on a miss.
    #[cfg(feature = "jwks-fetch")]
    if let Some(metadata) = state.jwks_clients.get(client_id) {
        let verified = state.jwks.verify(request, metadata, &state.server).await?;
        let who = verified.commit_async(&state.replay).await?;
        return Ok(issue(state, &who));
    }
    let client = match state.clients.get(client_id) {
        Some(Ok(client)) => client,
        Some(Err(e)) => return Err(AuthError::InvalidClientMetadata(e.clone())),
        // RFC 6749 §5.2: an unknown client is invalid_client; it costs the hashing a known
        // client's hashed secret would, so the time tells no one which clients exist.
        None => return Err(authenticate_unknown_client(request)),
    };
    let verified = verify_prepared(request, client, &state.server)?;
    let who = verified.commit_async(&state.replay).await?;
    Ok(issue(state, &who))
}

/// The (dummy) token response for an authenticated client.
fn issue(state: &AppState, who: &Authenticated) -> Response {
    let serial = state.issued.fetch_add(1, Ordering::Relaxed);
    let mut body = json!({
        // A stand-in: a real server issues a real token here.
        "access_token": format!("dummy-token-{serial}"),
        "token_type": "Bearer",
        "expires_in": 3600,
        "client_id": who.client_id(),
        "client_auth_method": who.method().as_str(),
    });
    // RFC 8705 §3.1: bind the token to the certificate the client presented.
    if let (Some(thumbprint), Some(object)) = (who.certificate_thumbprint(), body.as_object_mut()) {
        object.insert("cnf".into(), json!({ "x5t#S256": thumbprint }));
    }
    eprintln!(
        "token_endpoint: issued a token to {} ({})",
        who.client_id(),
        who.method()
    );
    json_response(StatusCode::OK, &body, &[])
}

/// The RFC 6749 §5.2 response for a refusal, with the headers the crate gives it
/// (`WWW-Authenticate` after a failed Basic attempt, `Retry-After` on a 503); the reason goes
/// to the log (for a store outage, it names the failure).
fn refusal(e: &AuthError, basic_attempted: bool) -> Response {
    eprintln!("token_endpoint: refused: {e}");
    let response = e.response(basic_attempted);
    let status = StatusCode::from_u16(response.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let body = json!({
        "error": response.code().as_str(),
        "error_description": response.description(),
    });
    json_response(status, &body, &response.headers())
}

fn oauth_error(status: StatusCode, code: &str, description: &str) -> Response {
    json_response(
        status,
        &json!({ "error": code, "error_description": description }),
        &[],
    )
}

/// A JSON response that caches nowhere (RFC 6749 §5.1, §5.2), with `extra` headers.
fn json_response(
    status: StatusCode,
    body: &serde_json::Value,
    extra: &[(&'static str, &'static str)],
) -> Response {
    let mut response = (
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body.to_string(),
    )
        .into_response();
    for (name, value) in extra {
        if let Ok(name) = HeaderName::try_from(*name) {
            response
                .headers_mut()
                .insert(name, HeaderValue::from_static(value));
        }
    }
    response
}
