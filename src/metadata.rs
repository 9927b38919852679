//! Client and server metadata, under the names of RFC 7591 / OpenID Connect Registration and
//! RFC 8414 / OpenID Connect Discovery, plus this crate's policy keys.
//!
//! Both types deserialize with serde from what an authorization server already stores; unknown
//! fields are ignored. Deserialization is lenient about values that only matter when a request
//! is judged (an unknown `token_endpoint_auth_method`, a `jwks` that is not a JWK Set): those
//! are reported by [`crate::PreparedClient::new`] as a typed [`MetadataError`], which
//! [`crate::authenticate`] turns into an `invalid_client` refusal that says the registration
//! is at fault.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::MetadataError;
use crate::secret::ClientSecret;

/// A client authentication method (RFC 7591 §2, `token_endpoint_auth_method`; RFC 8705 §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthMethod {
    /// `none`: a public client, identified by `client_id` only (RFC 7591 §2).
    None,
    /// `client_secret_basic`: HTTP Basic (RFC 6749 §2.3.1).
    ClientSecretBasic,
    /// `client_secret_post`: `client_id` and `client_secret` in the body (RFC 6749 §2.3.1).
    ClientSecretPost,
    /// `client_secret_jwt`: a JWT signed with HMAC over the client secret (OpenID Connect
    /// Core §9, RFC 7523 §2.2).
    ClientSecretJwt,
    /// `private_key_jwt`: a JWT signed with the client's private key (OpenID Connect Core §9,
    /// RFC 7523 §2.2).
    PrivateKeyJwt,
    /// `tls_client_auth`: a CA-issued TLS client certificate (RFC 8705 §2.1).
    TlsClientAuth,
    /// `self_signed_tls_client_auth`: a registered self-signed TLS client certificate
    /// (RFC 8705 §2.2).
    SelfSignedTlsClientAuth,
}

impl AuthMethod {
    /// Every method this crate verifies.
    pub const ALL: [AuthMethod; 7] = [
        Self::None,
        Self::ClientSecretBasic,
        Self::ClientSecretPost,
        Self::ClientSecretJwt,
        Self::PrivateKeyJwt,
        Self::TlsClientAuth,
        Self::SelfSignedTlsClientAuth,
    ];

    /// The registered name of the method.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::ClientSecretBasic => "client_secret_basic",
            Self::ClientSecretPost => "client_secret_post",
            Self::ClientSecretJwt => "client_secret_jwt",
            Self::PrivateKeyJwt => "private_key_jwt",
            Self::TlsClientAuth => "tls_client_auth",
            Self::SelfSignedTlsClientAuth => "self_signed_tls_client_auth",
        }
    }
}

impl fmt::Display for AuthMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AuthMethod {
    type Err = MetadataError;

    /// Parses a registered method name; names compare as exact strings.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| MetadataError::UnknownAuthMethod(s.to_owned()))
    }
}

/// The endpoint that received the request. It selects the `*_auth_methods_supported` and
/// signing-algorithm lists, and the endpoint URL that may stand as an assertion audience under
/// [`AssertionAudience::IssuerOrEndpoint`].
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

/// A FAPI security profile the server enforces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FapiProfile {
    /// FAPI 1.0 Baseline (Part 1).
    #[serde(rename = "fapi1-baseline")]
    Fapi1Baseline,
    /// FAPI 1.0 Advanced (Part 2).
    #[serde(rename = "fapi1-advanced")]
    Fapi1Advanced,
    /// FAPI 2.0 Security Profile.
    #[serde(rename = "fapi2")]
    Fapi2,
}

impl FapiProfile {
    /// The name used in server policy.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fapi1Baseline => "fapi1-baseline",
            Self::Fapi1Advanced => "fapi1-advanced",
            Self::Fapi2 => "fapi2",
        }
    }

    /// Whether the profile allows a client authentication method.
    ///
    /// FAPI 1 Baseline §5.2.2 items 4 (mTLS / JWT methods) and public clients; FAPI 1 Advanced
    /// §5.2.2 item 14 (only `tls_client_auth`, `self_signed_tls_client_auth`,
    /// `private_key_jwt`); FAPI 2.0 Security Profile §5.3.1.2 item 4 (the same three).
    pub fn allows_method(self, method: AuthMethod) -> bool {
        use AuthMethod::*;
        match self {
            Self::Fapi1Baseline => matches!(
                method,
                TlsClientAuth | SelfSignedTlsClientAuth | ClientSecretJwt | PrivateKeyJwt | None
            ),
            Self::Fapi1Advanced | Self::Fapi2 => {
                matches!(
                    method,
                    TlsClientAuth | SelfSignedTlsClientAuth | PrivateKeyJwt
                )
            }
        }
    }
}

impl FapiProfile {
    /// Whether the profile allows a JWS algorithm for client assertions.
    ///
    /// FAPI 1 Baseline sets no list of its own; FAPI 1 Advanced §8.6 allows PS256 and ES256;
    /// the FAPI 2.0 Security Profile (§5.4, cryptography) allows PS256, ES256 and EdDSA with
    /// Ed25519, and so its fully-specified name `Ed25519` (RFC 9864).
    pub fn allows_algorithm(self, alg: JwsAlgorithm) -> bool {
        use JwsAlgorithm::*;
        match self {
            Self::Fapi1Baseline => true,
            Self::Fapi1Advanced => matches!(alg, Ps256 | Es256),
            Self::Fapi2 => matches!(alg, Ps256 | Es256 | EdDsa | Ed25519),
        }
    }

    /// The shortest RSA modulus the profile accepts, in bits: 2048 (FAPI 1 Part 1 §5.2.2 item
    /// 5; FAPI 2.0 Security Profile §5.4).
    pub fn min_rsa_bits(self) -> usize {
        2048
    }

    /// The shortest elliptic-curve key the profile accepts, in bits: 160 under FAPI 1 (Part 1
    /// §5.2.2 item 6), 224 under FAPI 2.0 (Security Profile §5.4).
    pub fn min_ec_bits(self) -> usize {
        match self {
            Self::Fapi1Baseline | Self::Fapi1Advanced => 160,
            Self::Fapi2 => 224,
        }
    }
}

impl fmt::Display for FapiProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

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

/// Which `aud` values of a client assertion identify this server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum AssertionAudience {
    /// The issuer identifier as the sole audience, as a string or a one-member array
    /// (RFC 10070).
    #[default]
    #[serde(rename = "issuer")]
    Issuer,
    /// The issuer identifier as a plain string only (OpenID Connect Core errata; FAPI 2.0).
    #[serde(rename = "issuer-string")]
    IssuerString,
    /// Legacy interoperability: the issuer, the token endpoint URL or the URL of the endpoint
    /// called, as a string or inside an array (CIBA Core §7.1; RFC 9126 as first published).
    #[serde(rename = "issuer-or-endpoint")]
    IssuerOrEndpoint,
}

impl AssertionAudience {
    /// The name used in server policy.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Issuer => "issuer",
            Self::IssuerString => "issuer-string",
            Self::IssuerOrEndpoint => "issuer-or-endpoint",
        }
    }
}

impl fmt::Display for AssertionAudience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The metadata of a registered client (RFC 7591 §2, OpenID Connect Registration §2).
///
/// `jwks_uri` is never fetched: resolve it into `jwks` before calling this crate.
#[derive(Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct ClientMetadata {
    /// `client_id` (RFC 7591 §3.2.1).
    pub client_id: String,
    /// `client_secret`, for `client_secret_basic`, `client_secret_post` and
    /// `client_secret_jwt`.
    #[serde(default)]
    pub client_secret: Option<ClientSecret>,
    /// `client_secret_expires_at`: Unix seconds, `0` meaning never (RFC 7591 §3.2.1).
    #[serde(default)]
    pub client_secret_expires_at: Option<i64>,
    /// `token_endpoint_auth_method`; absent means `client_secret_basic` (RFC 7591 §2).
    #[serde(default)]
    pub token_endpoint_auth_method: Option<String>,
    /// `token_endpoint_auth_signing_alg` (OpenID Connect Registration §2).
    #[serde(default)]
    pub token_endpoint_auth_signing_alg: Option<String>,
    /// `jwks`: the client's JWK Set (RFC 7517 §5), by value.
    #[serde(default)]
    pub jwks: Option<serde_json::Value>,
    /// `jwks_uri`: recorded but never fetched.
    #[serde(default)]
    pub jwks_uri: Option<String>,
    /// `tls_client_auth_subject_dn` (RFC 8705 §2.1.2): an RFC 4514 string.
    #[serde(default)]
    pub tls_client_auth_subject_dn: Option<String>,
    /// `tls_client_auth_san_dns` (RFC 8705 §2.1.2).
    #[serde(default)]
    pub tls_client_auth_san_dns: Option<String>,
    /// `tls_client_auth_san_uri` (RFC 8705 §2.1.2).
    #[serde(default)]
    pub tls_client_auth_san_uri: Option<String>,
    /// `tls_client_auth_san_ip` (RFC 8705 §2.1.2): IPv4 dotted decimal or IPv6 text.
    #[serde(default)]
    pub tls_client_auth_san_ip: Option<String>,
    /// `tls_client_auth_san_email` (RFC 8705 §2.1.2).
    #[serde(default)]
    pub tls_client_auth_san_email: Option<String>,
}

impl ClientMetadata {
    /// Metadata for a client with this identifier and nothing else registered.
    pub fn new(client_id: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
            ..Self::default()
        }
    }

    /// The registered method; absent means `client_secret_basic` (RFC 7591 §2).
    ///
    /// # Errors
    ///
    /// [`MetadataError::UnknownAuthMethod`] when the name is not one this crate verifies.
    pub fn auth_method(&self) -> Result<AuthMethod, MetadataError> {
        match &self.token_endpoint_auth_method {
            Some(name) => name.parse(),
            None => Ok(AuthMethod::ClientSecretBasic),
        }
    }
}

impl ClientMetadata {
    /// The registered `token_endpoint_auth_signing_alg`, parsed (OpenID Connect Registration
    /// §2: "All Token Requests using these authentication methods from this Client MUST be
    /// rejected, if the JWT is not signed with this algorithm").
    ///
    /// # Errors
    ///
    /// [`MetadataError::UnknownSigningAlg`] when the name is not an algorithm this crate
    /// verifies (`none` included: RFC 7591 §2 forbids it here).
    pub fn signing_alg(&self) -> Result<Option<JwsAlgorithm>, MetadataError> {
        match &self.token_endpoint_auth_signing_alg {
            None => Ok(None),
            Some(name) => JwsAlgorithm::from_name(name)
                .map(Some)
                .ok_or_else(|| MetadataError::UnknownSigningAlg(name.clone())),
        }
    }
}

/// Key material and secrets stay out of `Debug`.
impl fmt::Debug for ClientMetadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientMetadata")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("client_secret_expires_at", &self.client_secret_expires_at)
            .field(
                "token_endpoint_auth_method",
                &self.token_endpoint_auth_method,
            )
            .field(
                "token_endpoint_auth_signing_alg",
                &self.token_endpoint_auth_signing_alg,
            )
            .field("jwks", &self.jwks.as_ref().map(|_| "<redacted>"))
            .field("jwks_uri", &self.jwks_uri)
            .field(
                "tls_client_auth_subject_dn",
                &self.tls_client_auth_subject_dn,
            )
            .field("tls_client_auth_san_dns", &self.tls_client_auth_san_dns)
            .field("tls_client_auth_san_uri", &self.tls_client_auth_san_uri)
            .field("tls_client_auth_san_ip", &self.tls_client_auth_san_ip)
            .field("tls_client_auth_san_email", &self.tls_client_auth_san_email)
            .finish()
    }
}

/// The authorization server's metadata (RFC 8414 §2, OpenID Connect Discovery §3) and this
/// crate's policy keys.
#[derive(Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct ServerMetadata {
    /// `issuer`: the server's issuer identifier.
    pub issuer: String,
    /// `token_endpoint`.
    #[serde(default)]
    pub token_endpoint: Option<String>,
    /// `revocation_endpoint` (RFC 7009).
    #[serde(default)]
    pub revocation_endpoint: Option<String>,
    /// `introspection_endpoint` (RFC 7662).
    #[serde(default)]
    pub introspection_endpoint: Option<String>,
    /// `pushed_authorization_request_endpoint` (RFC 9126 §5).
    #[serde(default)]
    pub pushed_authorization_request_endpoint: Option<String>,
    /// `backchannel_authentication_endpoint` (CIBA Core §4).
    #[serde(default)]
    pub backchannel_authentication_endpoint: Option<String>,
    /// `device_authorization_endpoint` (RFC 8628 §4).
    #[serde(default)]
    pub device_authorization_endpoint: Option<String>,
    /// `token_endpoint_auth_methods_supported`; absent means `["client_secret_basic"]`
    /// (RFC 8414 §2).
    #[serde(default)]
    pub token_endpoint_auth_methods_supported: Option<Vec<String>>,
    /// `token_endpoint_auth_signing_alg_values_supported`; absent allows every algorithm this
    /// crate verifies.
    #[serde(default)]
    pub token_endpoint_auth_signing_alg_values_supported: Option<Vec<String>>,
    /// `revocation_endpoint_auth_methods_supported`; absent means `["client_secret_basic"]`
    /// (RFC 8414 §2).
    #[serde(default)]
    pub revocation_endpoint_auth_methods_supported: Option<Vec<String>>,
    /// `revocation_endpoint_auth_signing_alg_values_supported`; absent uses the token
    /// endpoint's.
    #[serde(default)]
    pub revocation_endpoint_auth_signing_alg_values_supported: Option<Vec<String>>,
    /// `introspection_endpoint_auth_methods_supported`; absent uses the token endpoint's.
    #[serde(default)]
    pub introspection_endpoint_auth_methods_supported: Option<Vec<String>>,
    /// `introspection_endpoint_auth_signing_alg_values_supported`; absent uses the token
    /// endpoint's.
    #[serde(default)]
    pub introspection_endpoint_auth_signing_alg_values_supported: Option<Vec<String>>,

    /// Policy: the FAPI profile enforced, if any.
    #[serde(default)]
    pub fapi_profile: Option<FapiProfile>,
    /// Policy: which `aud` values identify this server; `fapi2` forces
    /// [`AssertionAudience::IssuerString`].
    #[serde(default)]
    pub assertion_audience: Option<AssertionAudience>,
    /// Policy: whole seconds allowed on `exp`, `nbf` and `iat`; default 30.
    #[serde(default)]
    pub clock_skew_seconds: Option<u64>,
    /// Policy: the longest `exp − now` (and `exp − iat`) accepted; default 3600.
    #[serde(default)]
    pub max_assertion_lifetime_seconds: Option<u64>,
    /// Policy: whether a client assertion must carry `jti`; default true.
    #[serde(default)]
    pub require_jti: Option<bool>,
    /// Policy: PEM trust anchors for `tls_client_auth`; an array of PEM strings, or one string
    /// holding several PEM blocks.
    #[serde(default, deserialize_with = "one_or_many")]
    pub tls_client_auth_trust_anchors: Option<Vec<String>>,
}

/// Certificates stay out of `Debug`: trust anchors show as a count.
impl fmt::Debug for ServerMetadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerMetadata")
            .field("issuer", &self.issuer)
            .field("token_endpoint", &self.token_endpoint)
            .field("revocation_endpoint", &self.revocation_endpoint)
            .field("introspection_endpoint", &self.introspection_endpoint)
            .field(
                "pushed_authorization_request_endpoint",
                &self.pushed_authorization_request_endpoint,
            )
            .field(
                "backchannel_authentication_endpoint",
                &self.backchannel_authentication_endpoint,
            )
            .field(
                "device_authorization_endpoint",
                &self.device_authorization_endpoint,
            )
            .field(
                "token_endpoint_auth_methods_supported",
                &self.token_endpoint_auth_methods_supported,
            )
            .field(
                "token_endpoint_auth_signing_alg_values_supported",
                &self.token_endpoint_auth_signing_alg_values_supported,
            )
            .field(
                "revocation_endpoint_auth_methods_supported",
                &self.revocation_endpoint_auth_methods_supported,
            )
            .field(
                "revocation_endpoint_auth_signing_alg_values_supported",
                &self.revocation_endpoint_auth_signing_alg_values_supported,
            )
            .field(
                "introspection_endpoint_auth_methods_supported",
                &self.introspection_endpoint_auth_methods_supported,
            )
            .field(
                "introspection_endpoint_auth_signing_alg_values_supported",
                &self.introspection_endpoint_auth_signing_alg_values_supported,
            )
            .field("fapi_profile", &self.fapi_profile)
            .field("assertion_audience", &self.assertion_audience)
            .field("clock_skew_seconds", &self.clock_skew_seconds)
            .field(
                "max_assertion_lifetime_seconds",
                &self.max_assertion_lifetime_seconds,
            )
            .field("require_jti", &self.require_jti)
            .field(
                "tls_client_auth_trust_anchors",
                &self.tls_client_auth_trust_anchors.as_ref().map(Vec::len),
            )
            .finish()
    }
}

/// The methods a server lists when it lists none (RFC 8414 §2; OpenID Connect Discovery §3).
pub const DEFAULT_AUTH_METHODS: &[&str] = &["client_secret_basic"];

/// The JWS algorithms this crate verifies for client assertions; never `none`.
pub const SUPPORTED_SIGNING_ALGS: &[&str] = &[
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
    "ES384", "ES512", "EdDSA", "Ed25519",
];

/// Default of [`ServerMetadata::clock_skew_seconds`].
pub const DEFAULT_CLOCK_SKEW_SECONDS: u64 = 30;
/// Default of [`ServerMetadata::max_assertion_lifetime_seconds`].
pub const DEFAULT_MAX_ASSERTION_LIFETIME_SECONDS: u64 = 3600;

impl ServerMetadata {
    /// Metadata for a server with this issuer and every other key at its default.
    pub fn new(issuer: impl Into<String>) -> Self {
        Self {
            issuer: issuer.into(),
            ..Self::default()
        }
    }

    /// Whether the endpoint lists the method in its `*_auth_methods_supported`.
    ///
    /// RFC 8414 §2: token and revocation default to `client_secret_basic`; introspection
    /// without a list of its own uses the token endpoint's, and so do the endpoints with no
    /// list defined (pushed authorization — RFC 9126 §2 —, backchannel authentication, device
    /// authorization).
    pub fn endpoint_supports(&self, endpoint: Endpoint, method: AuthMethod) -> bool {
        let list = match endpoint {
            Endpoint::Revocation => self.revocation_endpoint_auth_methods_supported.as_ref(),
            Endpoint::Introspection => self
                .introspection_endpoint_auth_methods_supported
                .as_ref()
                .or(self.token_endpoint_auth_methods_supported.as_ref()),
            Endpoint::Token
            | Endpoint::PushedAuthorization
            | Endpoint::BackchannelAuthentication
            | Endpoint::DeviceAuthorization => self.token_endpoint_auth_methods_supported.as_ref(),
        };
        match list {
            Some(list) => list.iter().any(|m| m == method.as_str()),
            None => DEFAULT_AUTH_METHODS.contains(&method.as_str()),
        }
    }

    /// The signing algorithms the endpoint accepts for client assertions, or `None` when the
    /// server lists none (every algorithm in [`SUPPORTED_SIGNING_ALGS`]). An endpoint without a
    /// list of its own uses the token endpoint's.
    pub fn signing_algs_supported(&self, endpoint: Endpoint) -> Option<&[String]> {
        let own = match endpoint {
            Endpoint::Revocation => self
                .revocation_endpoint_auth_signing_alg_values_supported
                .as_ref(),
            Endpoint::Introspection => self
                .introspection_endpoint_auth_signing_alg_values_supported
                .as_ref(),
            Endpoint::Token
            | Endpoint::PushedAuthorization
            | Endpoint::BackchannelAuthentication
            | Endpoint::DeviceAuthorization => None,
        };
        own.or(self
            .token_endpoint_auth_signing_alg_values_supported
            .as_ref())
            .map(Vec::as_slice)
    }

    /// The URL of an endpoint, when the metadata names it.
    pub fn endpoint_url(&self, endpoint: Endpoint) -> Option<&str> {
        match endpoint {
            Endpoint::Token => self.token_endpoint.as_deref(),
            Endpoint::Revocation => self.revocation_endpoint.as_deref(),
            Endpoint::Introspection => self.introspection_endpoint.as_deref(),
            Endpoint::PushedAuthorization => self.pushed_authorization_request_endpoint.as_deref(),
            Endpoint::BackchannelAuthentication => {
                self.backchannel_authentication_endpoint.as_deref()
            }
            Endpoint::DeviceAuthorization => self.device_authorization_endpoint.as_deref(),
        }
    }

    /// The audience policy in force: `fapi2` forces [`AssertionAudience::IssuerString`]
    /// (FAPI 2.0 Security Profile §5.3.2.1 item 8).
    pub fn effective_assertion_audience(&self) -> AssertionAudience {
        match self.fapi_profile {
            Some(FapiProfile::Fapi2) => AssertionAudience::IssuerString,
            _ => self.assertion_audience.unwrap_or_default(),
        }
    }

    /// [`ServerMetadata::clock_skew_seconds`] or its default.
    pub fn clock_skew(&self) -> u64 {
        self.clock_skew_seconds
            .unwrap_or(DEFAULT_CLOCK_SKEW_SECONDS)
    }

    /// [`ServerMetadata::max_assertion_lifetime_seconds`] or its default.
    pub fn max_assertion_lifetime(&self) -> u64 {
        self.max_assertion_lifetime_seconds
            .unwrap_or(DEFAULT_MAX_ASSERTION_LIFETIME_SECONDS)
    }

    /// [`ServerMetadata::require_jti`] or its default, true (OpenID Connect Core §9).
    pub fn jti_required(&self) -> bool {
        self.require_jti.unwrap_or(true)
    }
}

/// Accepts an array of strings or a single string (several PEM blocks in one string).
fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(Option::<OneOrMany>::deserialize(d)?.map(|v| match v {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_method_parses_registered_names_exactly() {
        let cases: &[(&str, Result<AuthMethod, MetadataError>)] = &[
            ("none", Ok(AuthMethod::None)),
            ("client_secret_basic", Ok(AuthMethod::ClientSecretBasic)),
            ("private_key_jwt", Ok(AuthMethod::PrivateKeyJwt)),
            (
                "self_signed_tls_client_auth",
                Ok(AuthMethod::SelfSignedTlsClientAuth),
            ),
            (
                "Client_Secret_Basic",
                Err(MetadataError::UnknownAuthMethod(
                    "Client_Secret_Basic".into(),
                )),
            ),
            (
                "client_secret",
                Err(MetadataError::UnknownAuthMethod("client_secret".into())),
            ),
        ];
        for (name, want) in cases {
            assert_eq!(&name.parse::<AuthMethod>(), want, "{name}");
        }
    }

    #[test]
    fn absent_auth_method_defaults_to_client_secret_basic() {
        // RFC 7591 §2: "If unspecified or omitted, the default is client_secret_basic".
        let c: ClientMetadata = serde_json::from_str(r#"{"client_id":"a"}"#).unwrap();
        assert_eq!(c.auth_method(), Ok(AuthMethod::ClientSecretBasic));
        let c: ClientMetadata =
            serde_json::from_str(r#"{"client_id":"a","token_endpoint_auth_method":"none"}"#)
                .unwrap();
        assert_eq!(c.auth_method(), Ok(AuthMethod::None));
    }

    #[test]
    fn unknown_fields_are_ignored_and_unknown_method_is_a_typed_error() {
        let c: ClientMetadata = serde_json::from_str(
            r#"{"client_id":"a","token_endpoint_auth_method":"magic","logo_uri":"x"}"#,
        )
        .unwrap();
        assert_eq!(
            c.auth_method(),
            Err(MetadataError::UnknownAuthMethod("magic".into()))
        );
    }

    #[test]
    fn endpoint_method_lists_follow_rfc8414_defaults() {
        let s = ServerMetadata::new("https://as.example.com");
        // RFC 8414 §2: absent token/revocation lists mean client_secret_basic only.
        assert!(s.endpoint_supports(Endpoint::Token, AuthMethod::ClientSecretBasic));
        assert!(!s.endpoint_supports(Endpoint::Token, AuthMethod::ClientSecretPost));
        assert!(s.endpoint_supports(Endpoint::Revocation, AuthMethod::ClientSecretBasic));

        let s: ServerMetadata = serde_json::from_str(
            r#"{"issuer":"https://as","token_endpoint_auth_methods_supported":["private_key_jwt"],
                "revocation_endpoint_auth_methods_supported":["client_secret_post"]}"#,
        )
        .unwrap();
        assert!(s.endpoint_supports(Endpoint::Token, AuthMethod::PrivateKeyJwt));
        // Introspection and PAR without a list of their own use the token endpoint's.
        assert!(s.endpoint_supports(Endpoint::Introspection, AuthMethod::PrivateKeyJwt));
        assert!(s.endpoint_supports(Endpoint::PushedAuthorization, AuthMethod::PrivateKeyJwt));
        assert!(!s.endpoint_supports(Endpoint::PushedAuthorization, AuthMethod::ClientSecretPost));
        // Revocation has its own list and does not fall back.
        assert!(s.endpoint_supports(Endpoint::Revocation, AuthMethod::ClientSecretPost));
        assert!(!s.endpoint_supports(Endpoint::Revocation, AuthMethod::PrivateKeyJwt));
    }

    #[test]
    fn signing_alg_lists_fall_back_to_the_token_endpoints() {
        let s: ServerMetadata = serde_json::from_str(
            r#"{"issuer":"https://as","token_endpoint_auth_signing_alg_values_supported":["ES256"],
                "introspection_endpoint_auth_signing_alg_values_supported":["PS256"]}"#,
        )
        .unwrap();
        assert_eq!(
            s.signing_algs_supported(Endpoint::Revocation),
            Some(&["ES256".to_string()][..])
        );
        assert_eq!(
            s.signing_algs_supported(Endpoint::Introspection),
            Some(&["PS256".to_string()][..])
        );
        assert_eq!(
            ServerMetadata::new("x").signing_algs_supported(Endpoint::Token),
            None
        );
    }

    #[test]
    fn fapi2_forces_issuer_string_audience() {
        let mut s = ServerMetadata::new("https://as");
        s.assertion_audience = Some(AssertionAudience::IssuerOrEndpoint);
        assert_eq!(
            s.effective_assertion_audience(),
            AssertionAudience::IssuerOrEndpoint
        );
        s.fapi_profile = Some(FapiProfile::Fapi2);
        assert_eq!(
            s.effective_assertion_audience(),
            AssertionAudience::IssuerString
        );
    }

    #[test]
    fn fapi_profiles_allow_their_methods_only() {
        use AuthMethod::*;
        let table: &[(FapiProfile, AuthMethod, bool)] = &[
            (FapiProfile::Fapi1Baseline, ClientSecretJwt, true),
            (FapiProfile::Fapi1Baseline, None, true),
            (FapiProfile::Fapi1Baseline, ClientSecretBasic, false),
            (FapiProfile::Fapi1Advanced, ClientSecretJwt, false),
            (FapiProfile::Fapi1Advanced, PrivateKeyJwt, true),
            (FapiProfile::Fapi1Advanced, None, false),
            (FapiProfile::Fapi2, SelfSignedTlsClientAuth, true),
            (FapiProfile::Fapi2, ClientSecretPost, false),
        ];
        for (p, m, want) in table {
            assert_eq!(p.allows_method(*m), *want, "{p} {m}");
        }
    }

    #[test]
    fn trust_anchors_accept_string_or_array() {
        let s: ServerMetadata =
            serde_json::from_str(r#"{"issuer":"x","tls_client_auth_trust_anchors":"PEM"}"#)
                .unwrap();
        assert_eq!(s.tls_client_auth_trust_anchors, Some(vec!["PEM".into()]));
        let s: ServerMetadata =
            serde_json::from_str(r#"{"issuer":"x","tls_client_auth_trust_anchors":["A","B"]}"#)
                .unwrap();
        assert_eq!(
            s.tls_client_auth_trust_anchors,
            Some(vec!["A".into(), "B".into()])
        );
    }

    #[test]
    fn client_metadata_debug_hides_secret_and_keys() {
        let c: ClientMetadata = serde_json::from_str(
            r#"{"client_id":"a","client_secret":"hunter2-secret","jwks":{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}}"#,
        )
        .unwrap();
        let dbg = format!("{c:?}");
        assert!(!dbg.contains("hunter2"), "{dbg}");
        assert!(!dbg.contains("c2VjcmV0"), "{dbg}");
        assert!(dbg.contains("\"a\""));
    }
}
