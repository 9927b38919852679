//! Registered metadata that cannot be used: the client's registration or the server's
//! configuration is at fault, never the request.

use crate::wire::error::certificate::{CertificateFormatError, DnSyntaxError};
use crate::wire::error::spiffe::SpiffeIdProblem;
use crate::wire::metadata::algorithm::JwsAlgorithm;
use crate::wire::metadata::method::{AuthMethod, UnknownAuthMethod};
use crate::wire::metadata::san::SanKind;

/// Where a registered secret hash or `client_secrets` entry is, for error messages: a
/// position, never the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SecretField {
    /// `client_secret_hash`.
    ClientSecretHash,
    /// The `hash` of the `client_secrets` entry at this position.
    EntryHash(usize),
}

impl std::fmt::Display for SecretField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::ClientSecretHash => f.write_str("client_secret_hash"),
            Self::EntryHash(index) => write!(f, "client_secrets[{index}].hash"),
        }
    }
}

/// What is wrong with a registered secret hash. Names a parameter and its value at most,
/// never the salt or the hash.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SecretHashProblem {
    /// The string names no scheme this crate verifies (argon2id/i/d, scrypt,
    /// pbkdf2-sha256/sha512, bcrypt `2a`/`2b`/`2y`, with or without a Spring `{bcrypt}` or
    /// `{argon2}` prefix).
    #[error("it names no scheme this crate verifies")]
    UnknownScheme,
    /// The string names a known scheme but does not parse as one.
    #[error("it does not parse: {0}")]
    Malformed(&'static str),
    /// A parameter asks more work than the server's `secret_hash_max_cost` allows.
    #[error("{parameter} {value} is over the bound {max} of secret_hash_max_cost")]
    OverCost {
        /// The bound's name in `secret_hash_max_cost`.
        parameter: &'static str,
        /// The hash's value.
        value: u64,
        /// The bound.
        max: u64,
    },
}

/// Registered client or server metadata that cannot be used. This is the registration's fault,
/// not the client's request's; [`AuthError::InvalidClientMetadata`](crate::AuthError::InvalidClientMetadata) carries it, and the client
/// is told only `invalid_client`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MetadataError {
    /// `token_endpoint_auth_method` names a method this crate does not know (RFC 7591 §2).
    #[error("token_endpoint_auth_method {0:?} is not a known client authentication method")]
    UnknownAuthMethod(String),
    /// The registered method needs a `client_secret` and none is registered.
    #[error("the registered method {0} needs a client_secret and none is registered")]
    MissingClientSecret(AuthMethod),
    /// The registered `client_secret` is the empty string. Storage layers often write `""` for
    /// "no secret"; taken as a secret it would let anyone who knows the public `client_id` in
    /// with an empty password (RFC 6749 §2.3.1: the secret is a credential).
    #[error("the registered method {0} needs a client_secret and the registered one is empty")]
    EmptyClientSecret(AuthMethod),
    /// `jwks` is not a JWK Set (RFC 7517 §5): an object with a `keys` array of objects.
    #[error("jwks is not a JWK Set: {0}")]
    InvalidJwks(&'static str),
    /// The registered method needs keys in `jwks` and there are none (the core never fetches
    /// `jwks_uri`; the caller resolves it into `jwks`, or uses `JwksResolver`, feature
    /// `jwks-fetch`).
    #[error("the registered method {0} needs a jwks and none is registered")]
    MissingJwks(AuthMethod),
    /// `jwks_uri` is not a URL the key fetcher may fetch: not an absolute `https` URL (crate
    /// policy: keys over an unauthenticated channel could be swapped), with user information,
    /// or naming a host whose address is loopback, private, link-local, multicast or otherwise
    /// special-purpose (crate policy: no server-side request forgery through a registration).
    #[error("jwks_uri cannot be fetched: {0}")]
    JwksUriNotAllowed(&'static str),
    /// `client_id` is empty.
    #[error("client_id is empty")]
    EmptyClientId,
    /// `token_endpoint_auth_signing_alg` names no algorithm this crate verifies, or `none`
    /// (RFC 7591 §2: "The value none MUST NOT be used").
    #[error("token_endpoint_auth_signing_alg {0:?} is not an algorithm this crate verifies")]
    UnknownSigningAlg(String),
    /// `token_endpoint_auth_signing_alg` belongs to the other assertion method: an HMAC
    /// algorithm for `private_key_jwt`, or a signature algorithm for `client_secret_jwt`.
    #[error("token_endpoint_auth_signing_alg {alg} cannot be used with {method}")]
    SigningAlgDoesNotFitMethod {
        /// The registered algorithm.
        alg: JwsAlgorithm,
        /// The registered method.
        method: AuthMethod,
    },
    /// The `jwks` of a `private_key_jwt` client holds no key this crate can verify with: no
    /// RSA key, no EC key on P-256, P-384 or P-521, no Ed25519 key, each meant for signatures
    /// (RFC 7517 §5: keys of unknown type, with missing members or with values out of the
    /// supported ranges are ignored: an RSA exponent below 3 or even, an Ed25519 key of small
    /// order or not canonically encoded).
    #[error("jwks holds no usable signature verification key")]
    NoUsableKey,
    /// A server policy key or list holds a value that cannot be used.
    #[error("server metadata is invalid: {0}")]
    InvalidServerMetadata(&'static str),
    /// `tls_client_auth` with more than one of `tls_client_auth_subject_dn` and the
    /// `tls_client_auth_san_*` parameters (RFC 8705 §2.1.2: "exactly one").
    #[error(
        "tls_client_auth registers both {first} and {second}; RFC 8705 §2.1.2 allows exactly one"
    )]
    ConflictingTlsClientAuthFields {
        /// One parameter registered.
        first: &'static str,
        /// Another parameter registered.
        second: &'static str,
    },
    /// `tls_client_auth` with none of `tls_client_auth_subject_dn` and the
    /// `tls_client_auth_san_*` parameters (RFC 8705 §2.1.2).
    #[error(
        "tls_client_auth registers none of tls_client_auth_subject_dn, tls_client_auth_san_dns, \
         tls_client_auth_san_uri, tls_client_auth_san_ip, tls_client_auth_san_email"
    )]
    MissingTlsClientAuthField,
    /// `tls_client_auth_subject_dn` is not an RFC 4514 string (RFC 8705 §2.1.2).
    #[error("tls_client_auth_subject_dn is not an RFC 4514 string: {0}")]
    InvalidSubjectDn(DnSyntaxError),
    /// A `tls_client_auth_san_*` value is not a value of its kind (RFC 8705 §2.1.2).
    #[error("{} is not {}", kind.metadata_name(), kind.requirement())]
    InvalidSubjectAltName {
        /// The kind registered.
        kind: SanKind,
    },
    /// `self_signed_tls_client_auth` with no `x5c` certificate in `jwks` (RFC 8705 §2.2).
    #[error(
        "self_signed_tls_client_auth needs a jwks key with an x5c certificate and none has one"
    )]
    NoRegisteredCertificate,
    /// The first `x5c` member of a `jwks` key is not Base64 of a DER certificate
    /// (RFC 7517 §4.7).
    #[error("x5c[0] of jwks key {key_index} is not a certificate: {error}")]
    InvalidRegisteredCertificate {
        /// The position of the key in `keys`.
        key_index: usize,
        /// What is wrong with it.
        error: CertificateFormatError,
    },
    /// A `jwks` key publishes private or symmetric key material: `d`, `p`, `q`, `dp`, `dq`,
    /// `qi`, `oth` (RFC 7518 §6.2.2, §6.3.2) or `k` (RFC 7518 §6.4.1). RFC 7591 §2: `jwks`
    /// holds the client's public keys, so that key has leaked and the registration is refused.
    /// Only the member's name is reported, never its value.
    #[error("jwks key {key_index} publishes the private key member {member}")]
    PrivateKeyInJwks {
        /// The position of the key in `keys`.
        key_index: usize,
        /// The first private member found, by name.
        member: &'static str,
    },
    /// A registered secret hash cannot be used: no known scheme, it does not parse, or it asks
    /// more work than `secret_hash_max_cost` allows (case format).
    #[error("{field} is not a usable secret hash: {problem}")]
    InvalidSecretHash {
        /// Which hash.
        field: SecretField,
        /// What is wrong with it.
        problem: SecretHashProblem,
    },
    /// `client_secret` and `client_secret_hash` are both registered (case format: one or the
    /// other).
    #[error("client_secret and client_secret_hash are both registered; register one of them")]
    ClientSecretBesideHash,
    /// `client_secrets` stands beside `client_secret` or `client_secret_hash` (case format).
    #[error("client_secrets cannot stand beside client_secret or client_secret_hash")]
    ClientSecretsBesideSecret,
    /// `client_secrets` is empty or not an array (case format).
    #[error("client_secrets is invalid: {0}")]
    InvalidClientSecrets(&'static str),
    /// An entry of `client_secrets` breaks the rules: no `id`, not exactly one of `secret` and
    /// `hash`, an empty `secret`, a member of the wrong type (case format).
    #[error("client_secrets[{index}] is invalid: {problem}")]
    InvalidClientSecretEntry {
        /// The entry's position.
        index: usize,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// Two entries of `client_secrets` have the same `id` (case format: unique).
    #[error("client_secrets[{index}] repeats the id of an earlier entry")]
    DuplicateClientSecretId {
        /// The position of the later entry.
        index: usize,
    },
    /// `client_secret_jwt` with no plaintext secret: its HMAC key is the secret's octets
    /// (OpenID Connect Core §9), which a hash cannot give.
    #[error(
        "client_secret_jwt needs the secret in plaintext (client_secret, or a client_secrets \
         entry with secret): its HMAC key is the secret itself, and a hashed secret cannot key it"
    )]
    ClientSecretJwtNeedsPlaintext,
    /// An entry of `tls_client_auth_trust_anchors` is not PEM certificates.
    #[error("tls_client_auth_trust_anchors[{index}] is not PEM certificates: {error}")]
    InvalidTrustAnchor {
        /// The position of the entry.
        index: usize,
        /// What is wrong with it.
        error: CertificateFormatError,
    },
    /// A `spiffe_jwt`, `spiffe_x509` or `spiffe_wit` client registers no `spiffe_id`, and its
    /// `client_id`
    /// is not a SPIFFE ID (draft-ietf-oauth-spiffe-client-auth-02 §5.1: `spiffe_id`
    /// REQUIRED).
    #[error("a SPIFFE client needs spiffe_id, or a client_id that is a SPIFFE ID")]
    MissingSpiffeId,
    /// The registered `spiffe_id` does not parse (SPIFFE-ID §2;
    /// draft-ietf-oauth-spiffe-client-auth-02 §5.1 for the final `/*`).
    #[error("spiffe_id is not a SPIFFE ID: {0}")]
    InvalidSpiffeId(SpiffeIdProblem),
    /// An entry of the server's `spiffe_bundles` cannot be used.
    #[error("spiffe_bundles[{trust_domain:?}] is invalid: {problem}")]
    InvalidSpiffeBundle {
        /// The trust domain it is keyed by.
        trust_domain: String,
        /// What is wrong.
        problem: &'static str,
    },
}

impl From<UnknownAuthMethod> for MetadataError {
    fn from(e: UnknownAuthMethod) -> Self {
        Self::UnknownAuthMethod(e.0)
    }
}
