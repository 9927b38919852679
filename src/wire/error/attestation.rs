//! The detail of an attestation refusal (draft-ietf-oauth-attestation-based-client-auth-10):
//! which header, which of the two JWTs, which claim.

use std::fmt;

/// One of the two request headers of attestation-based client authentication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AttestationHeader {
    /// `OAuth-Client-Attestation`: the Client Attestation JWT.
    Attestation,
    /// `OAuth-Client-Attestation-PoP`: the Client Attestation PoP JWT.
    Pop,
}

impl AttestationHeader {
    /// The header's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Attestation => "OAuth-Client-Attestation",
            Self::Pop => "OAuth-Client-Attestation-PoP",
        }
    }
}

impl fmt::Display for AttestationHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which of the two JWTs a rule refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AttestationJwt {
    /// The Client Attestation JWT.
    Attestation,
    /// The Client Attestation PoP JWT.
    Pop,
    /// A WIT-SVID sent in `OAuth-Client-Attestation` (`spiffe_wit`,
    /// draft-ietf-oauth-spiffe-client-auth-02 §3.3).
    Wit,
}

impl fmt::Display for AttestationJwt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Attestation => "client attestation",
            Self::Pop => "client attestation PoP",
            Self::Wit => "WIT-SVID",
        })
    }
}

impl AttestationJwt {
    /// What [`AuthError::AttestationIssuerUntrusted`](crate::AuthError) says: whose key was
    /// looked for.
    pub(crate) fn untrusted_text(self) -> &'static str {
        match self {
            Self::Wit => "the WIT-SVID is not signed by a wit-svid key of its trust domain",
            Self::Attestation | Self::Pop => {
                "the client attestation is not from a trusted client attester"
            }
        }
    }

    /// What a client fetches when this JWT has expired.
    pub(crate) fn fresh_text(self) -> &'static str {
        match self {
            Self::Wit => "WIT-SVID",
            Self::Attestation | Self::Pop => "attestation",
        }
    }
}

/// Why an attestation's `cnf.jwk` cannot be the client instance key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InstanceKeyProblem {
    /// `cnf` or `cnf.jwk` is not a JSON object.
    NotAnObject,
    /// The key publishes a private member (named): it is no longer the instance's secret.
    PrivateMember(&'static str),
    /// Not a signature key of a type and curve this server verifies (RSA of 2048 bits or
    /// more, P-256, P-384, P-521, Ed25519), or its members do not decode.
    Unusable,
}

impl fmt::Display for InstanceKeyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAnObject => f.write_str("it is not a JSON object"),
            Self::PrivateMember(m) => write!(f, "it publishes the private member {m}"),
            Self::Unusable => f.write_str("it is not a usable public signature key"),
        }
    }
}
