//! The JWS algorithms of client assertions (RFC 7518 §3, RFC 8037, RFC 9864).

use std::fmt;

use super::method::AuthMethod;

/// A JWS algorithm this crate verifies for client assertions; never `none`.
///
/// The HMAC algorithms serve `client_secret_jwt`, the others `private_key_jwt` (OpenID Connect
/// Core §9). Names compare as exact strings (RFC 7515 §4.1.1: "a case-sensitive ASCII string").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JwsAlgorithm {
    /// `HS256`: HMAC with SHA-256 (RFC 7518 §3.2).
    Hs256,
    /// `HS384`: HMAC with SHA-384 (RFC 7518 §3.2).
    Hs384,
    /// `HS512`: HMAC with SHA-512 (RFC 7518 §3.2).
    Hs512,
    /// `RS256`: RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3).
    Rs256,
    /// `RS384`: RSASSA-PKCS1-v1_5 with SHA-384 (RFC 7518 §3.3).
    Rs384,
    /// `RS512`: RSASSA-PKCS1-v1_5 with SHA-512 (RFC 7518 §3.3).
    Rs512,
    /// `PS256`: RSASSA-PSS with SHA-256 (RFC 7518 §3.5).
    Ps256,
    /// `PS384`: RSASSA-PSS with SHA-384 (RFC 7518 §3.5).
    Ps384,
    /// `PS512`: RSASSA-PSS with SHA-512 (RFC 7518 §3.5).
    Ps512,
    /// `ES256`: ECDSA with P-256 and SHA-256 (RFC 7518 §3.4).
    Es256,
    /// `ES384`: ECDSA with P-384 and SHA-384 (RFC 7518 §3.4).
    Es384,
    /// `ES512`: ECDSA with P-521 and SHA-512 (RFC 7518 §3.4).
    Es512,
    /// `EdDSA`, verified with Ed25519 keys only (RFC 8037 §3.1).
    EdDsa,
    /// `Ed25519`, the fully-specified name of EdDSA with Ed25519 (RFC 9864 §2.2).
    Ed25519,
}

impl JwsAlgorithm {
    /// Every algorithm this crate verifies, in the order of [`SUPPORTED_SIGNING_ALGS`].
    pub const ALL: [JwsAlgorithm; 14] = [
        Self::Hs256,
        Self::Hs384,
        Self::Hs512,
        Self::Rs256,
        Self::Rs384,
        Self::Rs512,
        Self::Ps256,
        Self::Ps384,
        Self::Ps512,
        Self::Es256,
        Self::Es384,
        Self::Es512,
        Self::EdDsa,
        Self::Ed25519,
    ];

    /// The registered name (the `alg` header value).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hs256 => "HS256",
            Self::Hs384 => "HS384",
            Self::Hs512 => "HS512",
            Self::Rs256 => "RS256",
            Self::Rs384 => "RS384",
            Self::Rs512 => "RS512",
            Self::Ps256 => "PS256",
            Self::Ps384 => "PS384",
            Self::Ps512 => "PS512",
            Self::Es256 => "ES256",
            Self::Es384 => "ES384",
            Self::Es512 => "ES512",
            Self::EdDsa => "EdDSA",
            Self::Ed25519 => "Ed25519",
        }
    }

    /// The algorithm with this exact name, if this crate verifies it.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == name)
    }

    /// Whether this is an HMAC algorithm (`client_secret_jwt`) rather than a signature one
    /// (`private_key_jwt`).
    pub fn is_hmac(self) -> bool {
        matches!(self, Self::Hs256 | Self::Hs384 | Self::Hs512)
    }

    /// The client authentication method this algorithm serves: HMAC for `client_secret_jwt`,
    /// signatures for `private_key_jwt` (OpenID Connect Core §9).
    pub fn method(self) -> AuthMethod {
        if self.is_hmac() {
            AuthMethod::ClientSecretJwt
        } else {
            AuthMethod::PrivateKeyJwt
        }
    }
}

impl fmt::Display for JwsAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The JWS algorithms this crate verifies for client assertions; never `none`.
pub const SUPPORTED_SIGNING_ALGS: &[&str] = &[
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
    "ES384", "ES512", "EdDSA", "Ed25519",
];
