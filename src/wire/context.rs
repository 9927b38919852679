//! [`RequestContext`]: when and where a request is judged, and under which server metadata. The
//! dispatcher makes it once per request and passes it down; no rule reads a clock or reaches
//! for the server's configuration on its own.

use crate::wire::metadata::endpoint::Endpoint;
use crate::wire::metadata::server::ServerMetadata;

/// The clock, the endpoint and the server policy a request is judged under.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RequestContext<'a> {
    /// The time the request is judged at, Unix seconds.
    pub(crate) now: i64,
    /// The endpoint that received the request.
    pub(crate) endpoint: Endpoint,
    /// The server's metadata and policy keys.
    pub(crate) server: &'a ServerMetadata,
    /// The clock skew allowed, seconds (checked when the server was prepared).
    pub(crate) clock_skew: i64,
    /// The longest assertion lifetime accepted, seconds.
    pub(crate) max_assertion_lifetime: i64,
}
