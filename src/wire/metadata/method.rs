//! The client authentication methods: `token_endpoint_auth_method` (RFC 7591 §2, RFC 8705 §2).

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

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
    /// `attest_jwt_client_auth`: a Client Attestation JWT and its PoP, in the
    /// `OAuth-Client-Attestation` and `OAuth-Client-Attestation-PoP` headers
    /// (draft-ietf-oauth-attestation-based-client-auth-10).
    AttestJwtClientAuth,
    /// `spiffe_jwt`: a SPIFFE JWT-SVID as `client_assertion`, with `client_assertion_type`
    /// `urn:ietf:params:oauth:client-assertion-type:jwt-spiffe`
    /// (draft-ietf-oauth-spiffe-client-auth-02 §3.1, §4).
    SpiffeJwt,
    /// `spiffe_x509`: a SPIFFE X.509-SVID as the TLS client certificate
    /// (draft-ietf-oauth-spiffe-client-auth-02 §3.2, §4).
    SpiffeX509,
    /// `spiffe_wit`: a SPIFFE WIT-SVID (a WIMSE Workload Identity Token whose `sub` is a
    /// SPIFFE ID) in `OAuth-Client-Attestation`, with its PoP in `OAuth-Client-Attestation-PoP`
    /// (draft-ietf-oauth-spiffe-client-auth-02 §3.3, §4).
    SpiffeWit,
}

impl AuthMethod {
    /// Every method this crate verifies.
    pub const ALL: [AuthMethod; 11] = [
        Self::None,
        Self::ClientSecretBasic,
        Self::ClientSecretPost,
        Self::ClientSecretJwt,
        Self::PrivateKeyJwt,
        Self::TlsClientAuth,
        Self::SelfSignedTlsClientAuth,
        Self::AttestJwtClientAuth,
        Self::SpiffeJwt,
        Self::SpiffeX509,
        Self::SpiffeWit,
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
            Self::AttestJwtClientAuth => "attest_jwt_client_auth",
            // draft-ietf-oauth-spiffe-client-auth-02 §4: the names in
            // token_endpoint_auth_methods_supported.
            Self::SpiffeJwt => "spiffe_jwt",
            Self::SpiffeX509 => "spiffe_x509",
            Self::SpiffeWit => "spiffe_wit",
        }
    }
}

impl fmt::Display for AuthMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AuthMethod {
    /// The method with this exact registered name, if this crate verifies it.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == name)
    }
}

/// A `token_endpoint_auth_method` that names no method this crate verifies.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("token_endpoint_auth_method {0:?} is not a known client authentication method")]
pub struct UnknownAuthMethod(pub String);

impl FromStr for AuthMethod {
    type Err = UnknownAuthMethod;

    /// Parses a registered method name; names compare as exact strings.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_name(s).ok_or_else(|| UnknownAuthMethod(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_method_parses_registered_names_exactly() {
        let cases: &[(&str, Result<AuthMethod, UnknownAuthMethod>)] = &[
            ("none", Ok(AuthMethod::None)),
            ("client_secret_basic", Ok(AuthMethod::ClientSecretBasic)),
            ("private_key_jwt", Ok(AuthMethod::PrivateKeyJwt)),
            (
                "self_signed_tls_client_auth",
                Ok(AuthMethod::SelfSignedTlsClientAuth),
            ),
            (
                "attest_jwt_client_auth",
                Ok(AuthMethod::AttestJwtClientAuth),
            ),
            ("spiffe_jwt", Ok(AuthMethod::SpiffeJwt)),
            ("spiffe_x509", Ok(AuthMethod::SpiffeX509)),
            ("spiffe_wit", Ok(AuthMethod::SpiffeWit)),
            ("spiffe_wits", Err(UnknownAuthMethod("spiffe_wits".into()))),
            (
                "Client_Secret_Basic",
                Err(UnknownAuthMethod("Client_Secret_Basic".into())),
            ),
            (
                "client_secret",
                Err(UnknownAuthMethod("client_secret".into())),
            ),
        ];
        for (name, want) in cases {
            assert_eq!(&name.parse::<AuthMethod>(), want, "{name}");
        }
    }
}
