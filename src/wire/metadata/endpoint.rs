//! The endpoint that received the request.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The endpoint that received the request. It selects the `*_auth_methods_supported` and
/// signing-algorithm lists, and the endpoint URL that may stand as an assertion audience under
/// [`AssertionAudience::IssuerOrEndpoint`](crate::AssertionAudience::IssuerOrEndpoint).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Endpoint {
    /// The token endpoint (RFC 6749 §3.2).
    #[default]
    Token,
    /// The revocation endpoint (RFC 7009).
    Revocation,
    /// The introspection endpoint (RFC 7662).
    Introspection,
    /// The pushed authorization request endpoint (RFC 9126).
    PushedAuthorization,
    /// The backchannel authentication endpoint (OpenID Connect CIBA Core).
    BackchannelAuthentication,
    /// The device authorization endpoint (RFC 8628).
    DeviceAuthorization,
}

impl Endpoint {
    /// Every endpoint.
    pub const ALL: [Endpoint; 6] = [
        Self::Token,
        Self::Revocation,
        Self::Introspection,
        Self::PushedAuthorization,
        Self::BackchannelAuthentication,
        Self::DeviceAuthorization,
    ];

    /// The name used in case files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Token => "token",
            Self::Revocation => "revocation",
            Self::Introspection => "introspection",
            Self::PushedAuthorization => "pushed_authorization",
            Self::BackchannelAuthentication => "backchannel_authentication",
            Self::DeviceAuthorization => "device_authorization",
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
