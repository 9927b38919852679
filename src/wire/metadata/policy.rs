//! The server policy beside the standard metadata: FAPI profiles, the assertion audience
//! rule, and the defaults of the clock skew and the assertion lifetime.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::algorithm::JwsAlgorithm;
use super::method::AuthMethod;

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
    /// `private_key_jwt`); FAPI 2.0 Security Profile §5.3.1.2 item 4 (the same three). None
    /// of the lists names `attest_jwt_client_auth`, so no profile allows it as the method (an
    /// attestation may still ride beside an allowed method as an additional signal).
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
    /// The issuer, or the exact URL of the endpoint that received the assertion, as the sole
    /// audience; never another endpoint's URL, so an assertion made for the token endpoint
    /// cannot be spent at pushed authorization, CIBA or revocation
    /// (draft-ietf-oauth-security-topics-update).
    #[serde(rename = "issuer-or-called-endpoint")]
    IssuerOrCalledEndpoint,
}

impl AssertionAudience {
    /// The name used in server policy.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Issuer => "issuer",
            Self::IssuerString => "issuer-string",
            Self::IssuerOrEndpoint => "issuer-or-endpoint",
            Self::IssuerOrCalledEndpoint => "issuer-or-called-endpoint",
        }
    }
}

impl fmt::Display for AssertionAudience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Default of [`ServerMetadata::clock_skew_seconds`](crate::ServerMetadata::clock_skew_seconds).
pub const DEFAULT_CLOCK_SKEW_SECONDS: u64 = 30;
/// Default of [`ServerMetadata::max_assertion_lifetime_seconds`](crate::ServerMetadata::max_assertion_lifetime_seconds).
pub const DEFAULT_MAX_ASSERTION_LIFETIME_SECONDS: u64 = 3600;

#[cfg(test)]
mod tests {
    use super::*;

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
            // No FAPI profile lists attest_jwt_client_auth (FAPI 1 Baseline §5.2.2 item 4,
            // FAPI 1 Advanced §5.2.2 item 14, FAPI 2.0 Security Profile §5.3.1.2 item 4).
            (FapiProfile::Fapi1Baseline, AttestJwtClientAuth, false),
            (FapiProfile::Fapi1Advanced, AttestJwtClientAuth, false),
            (FapiProfile::Fapi2, AttestJwtClientAuth, false),
            (FapiProfile::Fapi2, PrivateKeyJwt, true),
            // Nor spiffe_jwt, spiffe_x509 or spiffe_wit (draft-ietf-oauth-spiffe-client-auth-02
            // is no FAPI method).
            (FapiProfile::Fapi1Baseline, SpiffeJwt, false),
            (FapiProfile::Fapi2, SpiffeX509, false),
            (FapiProfile::Fapi1Baseline, SpiffeWit, false),
            (FapiProfile::Fapi1Advanced, SpiffeWit, false),
            (FapiProfile::Fapi2, SpiffeWit, false),
        ];
        for (p, m, want) in table {
            assert_eq!(p.allows_method(*m), *want, "{p} {m}");
        }
    }
}
