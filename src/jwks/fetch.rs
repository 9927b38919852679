//! One fetch of a `jwks_uri` over HTTPS, within hard limits: the URL and the addresses checked
//! ([`super::address`]), no proxy, no redirect, a connect and a total timeout, and a size cap
//! enforced while the body is read. Conditional (`If-None-Match`) when an `ETag` is held.

use std::error::Error;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, ACCEPT, AGE, CACHE_CONTROL, CONTENT_LENGTH, ETAG, IF_NONE_MATCH};
use reqwest::StatusCode;

use super::address::{check_uri, AddressPolicy, CheckedResolver, RefusedHost};
use super::cache_control::{lifetime, Lifetime};
use crate::wire::error::registration::MetadataError;
use crate::wire::error::replay::StoreFailure;
use crate::wire::error::AuthError;

/// What a key server answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fetched {
    /// `200`: a document, its `ETag`, its freshness.
    Document {
        body: Vec<u8>,
        etag: Option<String>,
        lifetime: Lifetime,
    },
    /// `304` to a conditional request: the held document is still current (RFC 7232 §4.1).
    NotModified { lifetime: Lifetime },
}

/// Where key sets come from: the network, or in tests, memory.
pub(crate) trait Source: Send + Sync {
    /// Fetches `uri`, conditionally on `etag` when one is given.
    ///
    /// # Errors
    ///
    /// [`AuthError::KeySourceUnavailable`] when the key server could not be read;
    /// [`AuthError::InvalidClientMetadata`] when the URI may not be fetched.
    fn fetch(
        &self,
        uri: &str,
        etag: Option<&str>,
    ) -> impl Future<Output = Result<Fetched, AuthError>> + Send;
}

/// The limits of one fetch.
#[derive(Debug, Clone)]
pub(crate) struct FetchLimits {
    pub(crate) policy: AddressPolicy,
    pub(crate) max_bytes: usize,
    pub(crate) connect_timeout: Duration,
    pub(crate) total_timeout: Duration,
}

/// Fetches over HTTPS with reqwest (hyper and rustls).
#[derive(Debug, Clone)]
pub(crate) struct HttpSource {
    client: reqwest::Client,
    limits: FetchLimits,
}

impl HttpSource {
    /// The HTTP client: the checked resolver, no proxy (a proxy would resolve and connect on
    /// its own), no redirects, https only unless allowed, the timeouts, and the extra trust
    /// anchors (PEM) on top of the system's.
    pub(crate) fn new(limits: FetchLimits, extra_roots: &[Vec<u8>]) -> Result<Self, String> {
        let mut builder = reqwest::Client::builder()
            .dns_resolver(Arc::new(CheckedResolver {
                policy: limits.policy,
            }))
            .no_proxy()
            // Crate policy: no redirects; a key server answers at its registered URI.
            .redirect(reqwest::redirect::Policy::none())
            .https_only(!limits.policy.allow_http)
            .connect_timeout(limits.connect_timeout)
            .timeout(limits.total_timeout)
            .user_agent(concat!("oauth-client-auth/", env!("CARGO_PKG_VERSION")));
        for (index, pem) in extra_roots.iter().enumerate() {
            let certificate = reqwest::Certificate::from_pem(pem)
                .map_err(|e| format!("trust anchor {index} is not a PEM certificate: {e}"))?;
            builder = builder.add_root_certificate(certificate);
        }
        let client = builder
            .build()
            .map_err(|e| format!("the HTTP client cannot be built: {}", chain(&e)))?;
        Ok(Self { client, limits })
    }

    async fn fetch_within_limits(
        &self,
        uri: &str,
        etag: Option<&str>,
    ) -> Result<Fetched, AuthError> {
        let url = check_uri(uri, self.limits.policy).map_err(AuthError::InvalidClientMetadata)?;
        let mut request = self
            .client
            .get(url)
            // RFC 7517 §8.5.1: the JWK Set media type.
            .header(ACCEPT, "application/jwk-set+json, application/json");
        if let Some(etag) = etag {
            // RFC 7232 §3.2: revalidate the held representation by its entity tag.
            request = request.header(IF_NONE_MATCH, etag);
        }
        let mut response = request.send().await.map_err(|e| failure(&e))?;
        let status = response.status();
        let lifetime = lifetime(
            response
                .headers()
                .get_all(CACHE_CONTROL)
                .iter()
                .filter_map(|v| v.to_str().ok()),
            header_text(response.headers(), AGE),
        );
        if status == StatusCode::NOT_MODIFIED && etag.is_some() {
            return Ok(Fetched::NotModified { lifetime });
        }
        if status.is_redirection() {
            return Err(unavailable(format!(
                "the key server answered HTTP {} (a redirect, which is not followed)",
                status.as_u16()
            )));
        }
        if status != StatusCode::OK {
            return Err(unavailable(format!(
                "the key server answered HTTP {}",
                status.as_u16()
            )));
        }
        let too_large = || {
            unavailable(format!(
                "the response is larger than {} bytes",
                self.limits.max_bytes
            ))
        };
        let declared = header_text(response.headers(), CONTENT_LENGTH)
            .and_then(|length| length.parse::<u64>().ok());
        if declared.is_some_and(|length| length > self.limits.max_bytes as u64) {
            return Err(too_large());
        }
        let etag = header_text(response.headers(), ETAG).map(str::to_owned);
        // Crate policy: the size cap holds while reading, whatever Content-Length claimed.
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| failure(&e))? {
            if body.len().saturating_add(chunk.len()) > self.limits.max_bytes {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched::Document {
            body,
            etag,
            lifetime,
        })
    }
}

impl Source for HttpSource {
    async fn fetch(&self, uri: &str, etag: Option<&str>) -> Result<Fetched, AuthError> {
        // reqwest's own total timeout covers the same; this one also bounds the lookup.
        let total = self.limits.total_timeout;
        tokio::time::timeout(total, self.fetch_within_limits(uri, etag))
            .await
            .unwrap_or_else(|_| {
                Err(unavailable(format!(
                    "no complete answer within {} ms",
                    total.as_millis()
                )))
            })
    }
}

fn header_text(headers: &HeaderMap, name: reqwest::header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn unavailable(text: String) -> AuthError {
    AuthError::KeySourceUnavailable {
        failure: StoreFailure::new(text),
    }
}

/// A failed request: refused addresses are the registration's fault; anything else (a
/// timeout, a refused connection, a TLS failure) is an outage.
fn failure(e: &reqwest::Error) -> AuthError {
    let mut source: Option<&(dyn Error + 'static)> = e.source();
    while let Some(cause) = source {
        if let Some(RefusedHost(reason)) = cause.downcast_ref::<RefusedHost>() {
            return AuthError::InvalidClientMetadata(MetadataError::JwksUriNotAllowed(reason));
        }
        source = cause.source();
    }
    if e.is_timeout() {
        return unavailable("timed out".to_owned());
    }
    unavailable(chain(e))
}

/// The error and its causes, without the URL (the operator's log names the URI once).
fn chain(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    if let Some(url) = e.url() {
        text = text.replace(&format!(" for url ({url})"), "");
    }
    let mut source: Option<&(dyn Error + 'static)> = e.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}
