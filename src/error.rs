//! Why a request was refused, and how to say so on the wire (RFC 6749 §5.2).
//!
//! [`AuthError`] is one enum with a variant per rule. Each variant maps, by an exhaustive `match`
//! with no catch-all arm, to the OAuth error code ([`AuthError::oauth_code`]), the HTTP status
//! ([`AuthError::status`]) and a fixed, client-safe text ([`AuthError::description`]). The
//! `Display` text is meant for the server's own logs: it may carry typed context (which method
//! was registered, when a secret expired) but never a secret, an assertion or key material.

use std::fmt;

use crate::cert::{
    CertificateForm, CertificateFormatError, CertificatePathError, DnSyntaxError, SanKind,
};
use crate::metadata::{AssertionAudience, AuthMethod, Endpoint, FapiProfile, JwsAlgorithm};
use crate::request::{BasicFormatError, FormError};

/// The `error` code of an OAuth 2.0 error response (RFC 6749 §5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OAuthErrorCode {
    /// `invalid_request`: the request is malformed, repeats a parameter, or uses more than one
    /// authentication method.
    InvalidRequest,
    /// `invalid_client`: client authentication failed.
    InvalidClient,
}

impl OAuthErrorCode {
    /// The code as it appears in the `error` member of the response.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidRequest => "invalid_request",
            Self::InvalidClient => "invalid_client",
        }
    }

    /// The HTTP status that goes with the code: 400 for `invalid_request`, 401 for
    /// `invalid_client` (RFC 6749 §5.2).
    pub fn status(self) -> u16 {
        match self {
            Self::InvalidRequest => 400,
            Self::InvalidClient => 401,
        }
    }
}

impl fmt::Display for OAuthErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kinds of client credential a request can carry. More than one in one request is refused
/// (RFC 6749 §2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CredentialKind {
    /// An `Authorization: Basic` header (`client_secret_basic`).
    BasicHeader,
    /// A `client_secret` body parameter (`client_secret_post`).
    SecretParameter,
    /// A `client_assertion` / `client_assertion_type` pair (`client_secret_jwt`,
    /// `private_key_jwt`).
    Assertion,
    /// No credential beyond the `client_id` (and perhaps a TLS client certificate): `none`,
    /// `tls_client_auth`, `self_signed_tls_client_auth`.
    ClientIdOnly,
}

impl CredentialKind {
    /// A short name for logs and descriptions.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BasicHeader => "HTTP Basic authorization header",
            Self::SecretParameter => "client_secret parameter",
            Self::Assertion => "client assertion",
            Self::ClientIdOnly => "client_id only",
        }
    }
}

impl fmt::Display for CredentialKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A part of a compact JWS (RFC 7515 §7.1): `header.payload.signature`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JwsPart {
    /// The protected header.
    Header,
    /// The payload: the JWT claims set.
    Payload,
    /// The signature or MAC.
    Signature,
}

impl JwsPart {
    /// A short name for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Header => "header",
            Self::Payload => "payload",
            Self::Signature => "signature",
        }
    }
}

impl fmt::Display for JwsPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a `client_assertion` is not a well-formed JWT in JWS compact serialization
/// (RFC 7515 §7.1, RFC 7519 §7.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum AssertionFormatError {
    /// It does not have three `.`-separated parts.
    #[error("it is not three base64url parts separated by '.'")]
    NotCompactJws,
    /// It has five parts: a JWE (RFC 7516 §7.1). Client assertions are signed, not encrypted.
    #[error("it is an encrypted JWT (JWE), not a signed one")]
    Encrypted,
    /// A part is not unpadded base64url (RFC 7515 §2).
    #[error("the {0} is not unpadded base64url")]
    NotBase64Url(JwsPart),
    /// The header or the payload is not a JSON object (RFC 7515 §4, RFC 7519 §7.2 item 10).
    #[error("the {0} is not a JSON object")]
    NotJsonObject(JwsPart),
    /// The decoded header or payload is not UTF-8 (RFC 7515 §5.2 step 3, RFC 7519 §7.2 steps
    /// 4 and 10: the whole of each must be "a UTF-8-encoded representation of a completely
    /// valid JSON object"), in any member, read by this crate or not.
    #[error("the {0} is not UTF-8")]
    NotUtf8(JwsPart),
    /// A string of the header or the claims set escapes a lone UTF-16 surrogate (`"\ud800"`),
    /// which stands for no character (RFC 8259 §8.2, RFC 7493 §2.1), in any member.
    #[error("the {0} escapes a lone UTF-16 surrogate")]
    LoneSurrogate(JwsPart),
    /// A member of the header or the claims set appears twice (RFC 7515 §5.2, RFC 7519 §4:
    /// duplicates are refused here rather than resolved by "last wins").
    #[error("a member of the {0} appears more than once")]
    RepeatedMember(JwsPart),
    /// The header has no `alg` (RFC 7515 §4.1.1: REQUIRED).
    #[error("the header has no alg")]
    MissingAlgorithm,
    /// A header member is not of the JSON type it must be: `alg` and `kid` are strings
    /// (RFC 7515 §4.1.1, §4.1.4).
    #[error("the header member {0} is not a string")]
    HeaderMemberNotString(&'static str),
}

/// A registered JWT claim a client assertion carries (RFC 7519 §4.1, RFC 7523 §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Claim {
    /// `iss`.
    Iss,
    /// `sub`.
    Sub,
    /// `aud`.
    Aud,
    /// `exp`.
    Exp,
    /// `nbf`.
    Nbf,
    /// `iat`.
    Iat,
    /// `jti`.
    Jti,
}

impl Claim {
    /// The claim name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Iss => "iss",
            Self::Sub => "sub",
            Self::Aud => "aud",
            Self::Exp => "exp",
            Self::Nbf => "nbf",
            Self::Iat => "iat",
            Self::Jti => "jti",
        }
    }
}

impl fmt::Display for Claim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A JWS header that would make the verifier fetch or trust a key the message itself names
/// (RFC 7515 §4.1.2–§4.1.6). The keys that verify a client assertion come from the client's
/// registration only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyHeader {
    /// `jku`: a URL of a JWK Set.
    Jku,
    /// `jwk`: an embedded public key.
    Jwk,
    /// `x5u`: a URL of a certificate chain.
    X5u,
    /// `x5c`: an embedded certificate chain.
    X5c,
}

impl KeyHeader {
    /// The header name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Jku => "jku",
            Self::Jwk => "jwk",
            Self::X5u => "x5u",
            Self::X5c => "x5c",
        }
    }
}

impl fmt::Display for KeyHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How an assertion's `aud` fails the server's [`AssertionAudience`] policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AudienceProblem {
    /// No value of `aud` identifies this server.
    NotThisServer,
    /// `aud` is the token endpoint URL or the URL of the endpoint called, which only the
    /// `issuer-or-endpoint` policy accepts (RFC 10070: the issuer alone; CVE-2025-27370).
    EndpointUrl,
    /// `aud` holds the issuer beside other audiences (RFC 10070: the issuer as the sole
    /// audience).
    MultipleAudiences,
    /// `aud` is an array, and the `issuer-string` policy takes a plain string only (OpenID
    /// Connect Core errata; FAPI 2.0).
    NotAString,
}

impl AudienceProblem {
    /// A short explanation for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotThisServer => "it does not name this server",
            Self::EndpointUrl => {
                "it names an endpoint URL, which only the issuer-or-endpoint policy accepts"
            }
            Self::MultipleAudiences => "it names other audiences beside the issuer",
            Self::NotAString => "it is an array, and the issuer-string policy takes a string",
        }
    }
}

impl fmt::Display for AudienceProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Registered client or server metadata that cannot be used. This is the registration's fault,
/// not the client's request's; [`AuthError::InvalidClientMetadata`] carries it, and the client
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
    /// The registered method needs keys in `jwks` and there are none (`jwks_uri` is never
    /// fetched by this crate; the caller resolves it into `jwks`).
    #[error("the registered method {0} needs a jwks and none is registered")]
    MissingJwks(AuthMethod),
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
    /// An entry of `tls_client_auth_trust_anchors` is not PEM certificates.
    #[error("tls_client_auth_trust_anchors[{index}] is not PEM certificates: {error}")]
    InvalidTrustAnchor {
        /// The position of the entry.
        index: usize,
        /// What is wrong with it.
        error: CertificateFormatError,
    },
}

/// Why a client-authentication request was refused.
///
/// Each variant names the rule broken. Map it onto the wire with [`AuthError::oauth_code`],
/// [`AuthError::status`], [`AuthError::description`] and [`AuthError::www_authenticate`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    // ----- invalid_request: the request is malformed (RFC 6749 §5.2) -----
    /// The body is larger than [`crate::request::MAX_BODY_BYTES`].
    #[error("the request body is larger than {limit} bytes")]
    BodyTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The body has more parameters than [`crate::request::MAX_PARAMETERS`].
    #[error("the request body has more than {limit} parameters")]
    TooManyParameters {
        /// The limit.
        limit: usize,
    },
    /// A credential parameter or header is longer than its limit.
    #[error("{name} is longer than {limit} bytes")]
    ValueTooLarge {
        /// The parameter or header.
        name: &'static str,
        /// The limit in bytes.
        limit: usize,
    },
    /// The body is not valid `application/x-www-form-urlencoded`.
    #[error("the request body is not valid application/x-www-form-urlencoded: {0}")]
    MalformedBody(FormError),
    /// A credential parameter appears more than once (RFC 6749 §3.2: "Request and response
    /// parameters MUST NOT be included more than once").
    #[error("the parameter {name} appears more than once")]
    RepeatedParameter {
        /// The parameter.
        name: &'static str,
    },
    /// The `Authorization` header appears more than once.
    #[error("the Authorization header appears more than once")]
    RepeatedAuthorizationHeader,
    /// The `Authorization: Basic` credentials are malformed (RFC 7617 §2, RFC 6749 §2.3.1).
    #[error("the Basic credentials are malformed: {0}")]
    MalformedBasicCredentials(BasicFormatError),
    /// The request uses more than one authentication method (RFC 6749 §2.3: "The client MUST
    /// NOT use more than one authentication method in each request").
    #[error("the request uses more than one client authentication method: {first} and {second}")]
    MultipleAuthenticationMethods {
        /// One credential found.
        first: CredentialKind,
        /// Another credential found.
        second: CredentialKind,
    },
    /// A credential that needs a `client_id` parameter came without one (RFC 6749 §2.3.1,
    /// §3.2.1; RFC 8705 §2).
    #[error("the client_id parameter is missing")]
    MissingClientId,
    /// The request carries no client credential and names no client at all: no Basic
    /// header, no `client_id`, no secret, no assertion, no certificate (RFC 6749 §5.2 lists
    /// "no client authentication included" under `invalid_client`).
    #[error("the request carries no client authentication and names no client")]
    NoClientAuthentication,
    /// Two places of the request name different clients, such as the Basic user name and the
    /// `client_id` parameter.
    #[error("the request names two different client identifiers")]
    ConflictingClientIds,
    /// `client_assertion` came without `client_assertion_type`, or the other way round
    /// (RFC 7521 §4.2: both are REQUIRED; RFC 6749 §5.2: "missing a required parameter").
    #[error("the parameter {name} is missing")]
    MissingAssertionParameter {
        /// The missing parameter.
        name: &'static str,
    },
    /// `client_assertion_type` is not `urn:ietf:params:oauth:client-assertion-type:jwt-bearer`
    /// (RFC 7523 §2.2; RFC 6749 §5.2: "an unsupported parameter value").
    #[error("client_assertion_type is not urn:ietf:params:oauth:client-assertion-type:jwt-bearer")]
    UnsupportedAssertionType,

    // ----- invalid_client: authentication failed (RFC 6749 §5.2) -----
    /// No client is registered under the `client_id` the request claims. The caller's store
    /// returns this when [`crate::claimed_client_id`] names no registration (RFC 6749 §5.2:
    /// "unknown client").
    #[error("no client is registered under the client_id the request claims")]
    UnknownClient,
    /// The request claims a client other than the one whose metadata was given.
    #[error("the request claims a client other than the registered client")]
    ClientMismatch,
    /// The registered metadata cannot be used; see [`MetadataError`].
    #[error("the client's registration is invalid: {0}")]
    InvalidClientMetadata(MetadataError),
    /// The server's metadata or policy cannot be used; see [`MetadataError`]. This is the
    /// server's configuration at fault; the client is told only `invalid_client`.
    #[error("the server's metadata is invalid: {0}")]
    InvalidServerMetadata(MetadataError),
    /// The request authenticates with another method than the client registered (RFC 7591 §2,
    /// `token_endpoint_auth_method`).
    #[error("the client registered {registered} but the request carries: {presented}")]
    MethodNotRegistered {
        /// The method the client registered.
        registered: AuthMethod,
        /// What the request carried.
        presented: CredentialKind,
    },
    /// The endpoint does not list the method in its `*_auth_methods_supported` (RFC 8414 §2).
    #[error("the {endpoint} endpoint does not support {method}")]
    MethodNotSupported {
        /// The method.
        method: AuthMethod,
        /// The endpoint called.
        endpoint: Endpoint,
    },
    /// The server's FAPI profile does not allow the method.
    #[error("the {profile} profile does not allow {method}")]
    MethodNotAllowedByProfile {
        /// The method.
        method: AuthMethod,
        /// The profile in force.
        profile: FapiProfile,
    },
    /// The presented client secret does not match the registered one.
    ///
    /// `credentials_were_form_decoded` is true when `client_secret_basic` credentials held `+`
    /// or `%`, so that the form-urlencoding RFC 6749 §2.3.1 requires changed them: a client
    /// that did not form-encode its id and secret before Base64 fails here.
    #[error(
        "the client secret does not match{}",
        if *credentials_were_form_decoded {
            " (the Basic credentials held '+' or '%' and changed when form-urlencoded decoding \
             was applied, RFC 6749 §2.3.1; the client may not form-encode them)"
        } else {
            ""
        }
    )]
    SecretMismatch {
        /// Whether form-urlencoded decoding changed the presented Basic credentials.
        credentials_were_form_decoded: bool,
    },
    /// The registered secret has expired (RFC 7591 §3.2.1 `client_secret_expires_at`).
    #[error("the client secret expired at {expired_at}")]
    SecretExpired {
        /// When it expired, Unix seconds.
        expired_at: i64,
    },
    /// The client registered a method that needs a credential but sent none.
    #[error("the request carries no client credentials")]
    MissingCredentials,
    /// `tls_client_auth` or `self_signed_tls_client_auth` without a TLS client certificate
    /// (RFC 8705 §2).
    #[error("the registered method needs a TLS client certificate and none was presented")]
    MissingClientCertificate,
    /// The presented client certificate does not decode to one X.509 certificate. This refuses
    /// the request whatever the method (see the `cert` module).
    #[error(
        "the client certificate ({}) does not decode: {error}",
        form.map_or("unrecognized form", CertificateForm::as_str)
    )]
    MalformedCertificate {
        /// The form detected, if any.
        form: Option<CertificateForm>,
        /// What is wrong.
        error: CertificateFormatError,
    },
    /// A certificate of the presented chain does not decode (it is read when
    /// `tls_client_auth_trust_anchors` is configured).
    #[error(
        "certificate {index} of the client certificate chain ({}) does not decode: {error}",
        form.map_or("unrecognized form", CertificateForm::as_str)
    )]
    MalformedChainCertificate {
        /// The position in the chain.
        index: usize,
        /// The form detected, if any.
        form: Option<CertificateForm>,
        /// What is wrong.
        error: CertificateFormatError,
    },
    /// The certificate's subject is not the registered `tls_client_auth_subject_dn`
    /// (RFC 8705 §2.1.2, compared by RFC 4517 §4.2.15 `distinguishedNameMatch`).
    #[error("the client certificate's subject is not the registered tls_client_auth_subject_dn")]
    SubjectDnMismatch,
    /// No subjectAltName entry of the registered kind equals the registered value
    /// (RFC 8705 §2.1.2).
    #[error(
        "no {kind} entry of the client certificate's subjectAltName equals the registered {} \
         (entries of that kind in the certificate: {entries_of_kind})",
        kind.metadata_name()
    )]
    SubjectAltNameMismatch {
        /// The kind registered.
        kind: SanKind,
        /// How many entries of that kind the certificate has.
        entries_of_kind: usize,
    },
    /// `self_signed_tls_client_auth`: the certificate is none of the `x5c` certificates in
    /// the client's `jwks` (RFC 8705 §2.2).
    #[error("the client certificate is none of the {registered} certificates registered in jwks")]
    CertificateNotRegistered {
        /// How many certificates the client registered.
        registered: usize,
    },
    /// A certificate on the path has expired (RFC 5280 §4.1.2.5), checked under
    /// `tls_client_auth_trust_anchors`.
    #[error("a certificate on the client's path expired at {not_after} (now {now})")]
    CertificateExpired {
        /// Its `notAfter`, Unix seconds.
        not_after: i64,
        /// The time of the request, Unix seconds.
        now: i64,
    },
    /// A certificate on the path is not valid yet (RFC 5280 §4.1.2.5), checked under
    /// `tls_client_auth_trust_anchors`.
    #[error("a certificate on the client's path is valid only from {not_before} (now {now})")]
    CertificateNotYetValid {
        /// Its `notBefore`, Unix seconds.
        not_before: i64,
        /// The time of the request, Unix seconds.
        now: i64,
    },
    /// The certificate does not chain to any of `tls_client_auth_trust_anchors` through the
    /// presented intermediates (RFC 8705 §2.1, RFC 5280 §6).
    #[error("the client certificate does not chain to a configured trust anchor")]
    CertificateIssuerUnknown,
    /// The certificate's extended key usage does not allow TLS client authentication
    /// (RFC 5280 §4.2.1.12 `id-kp-clientAuth`).
    #[error("the client certificate's extended key usage does not include clientAuth")]
    CertificateNotForClientAuth,
    /// The certification path is invalid for another reason (RFC 5280 §6).
    #[error("the client certificate's path is invalid: {0}")]
    CertificatePathInvalid(CertificatePathError),

    // ----- invalid_client: the client assertion is not valid (RFC 7521 §4.2.1, RFC 7523
    // §3.1: "The value of the error parameter MUST be the invalid_client error code") -----
    /// The `client_id` parameter names another client than the assertion's `sub` (RFC 7521
    /// §4.2: "If present, the value of the client_id parameter MUST identify the same client
    /// as is identified by the client assertion").
    #[error("the client_id parameter does not name the client assertion's subject")]
    ClientIdNotAssertionSubject,
    /// The assertion is not a JWT in JWS compact serialization.
    #[error("the client assertion is malformed: {0}")]
    MalformedAssertion(AssertionFormatError),
    /// The assertion is unsecured: `alg` is `none`, or the signature is empty (RFC 7523 §3
    /// item 9: "The JWT MUST be digitally signed or have a Message Authentication Code (MAC)
    /// applied"; RFC 8725 §3.2).
    #[error("the client assertion is unsecured (alg none or an empty signature)")]
    UnsecuredAssertion,
    /// The header `alg` is not an algorithm this crate verifies (RFC 8725 §3.1).
    #[error("the client assertion's alg is not an algorithm this server verifies")]
    UnknownAssertionAlgorithm,
    /// The algorithm belongs to the other method: HMAC for `private_key_jwt` or a signature
    /// algorithm for `client_secret_jwt` (OpenID Connect Core §9; RFC 8725 §2.1, §3.1: the
    /// algorithm-confusion attack).
    #[error("the client assertion's alg {alg} cannot be used with {method}")]
    AssertionAlgorithmNotForMethod {
        /// The header `alg`.
        alg: JwsAlgorithm,
        /// The client's registered method.
        method: AuthMethod,
    },
    /// The server's FAPI profile does not allow the algorithm (FAPI 1 Advanced §8.6; FAPI 2.0
    /// Security Profile §5.4).
    #[error("the {profile} profile does not allow the client assertion alg {alg}")]
    AssertionAlgorithmNotAllowedByProfile {
        /// The header `alg`.
        alg: JwsAlgorithm,
        /// The profile in force.
        profile: FapiProfile,
    },
    /// The endpoint does not list the algorithm in its
    /// `*_endpoint_auth_signing_alg_values_supported` (RFC 8414 §2).
    #[error("the {endpoint} endpoint does not support the client assertion alg {alg}")]
    AssertionAlgorithmNotSupported {
        /// The header `alg`.
        alg: JwsAlgorithm,
        /// The endpoint called.
        endpoint: Endpoint,
    },
    /// The algorithm is not the client's registered `token_endpoint_auth_signing_alg`
    /// (OpenID Connect Registration §2).
    #[error("the client assertion alg {alg} is not the registered {registered}")]
    AssertionAlgorithmNotRegistered {
        /// The header `alg`.
        alg: JwsAlgorithm,
        /// The registered algorithm.
        registered: JwsAlgorithm,
    },
    /// The header has `crit`: no extension is understood here, so every critical one is unknown
    /// (RFC 7515 §4.1.11: the recipient "MUST reject" the JWS then).
    #[error("the client assertion's header has a crit member, and no extension is understood")]
    AssertionCriticalHeader,
    /// The header names a key or where to fetch one (RFC 8725 §3.10: keys come from the
    /// client's registration, never from the message).
    #[error("the client assertion's header has {header}, which is never followed")]
    AssertionKeyHeader {
        /// The header found.
        header: KeyHeader,
    },
    /// The header `typ` names another kind of JWT (an access token, a DPoP proof, ...), or is
    /// not a string (RFC 10070 explicit typing; RFC 8725 §3.11).
    #[error("the client assertion's typ names another kind of JWT")]
    AssertionTypeNotAllowed,
    /// The header `kid` names no usable key of the client (RFC 7515 §4.1.4).
    #[error("the client assertion's kid names no usable key of the client")]
    AssertionKeyNotFound,
    /// The key the `kid` names does not fit the algorithm (its `kty`, `crv` or `alg`).
    #[error("the key the client assertion's kid names does not fit alg {alg}")]
    AssertionKeyMismatch {
        /// The header `alg`.
        alg: JwsAlgorithm,
    },
    /// No `kid`, and no key of the client fits the algorithm.
    #[error("the client has no key for the client assertion alg {alg}")]
    NoKeyForAlgorithm {
        /// The header `alg`.
        alg: JwsAlgorithm,
    },
    /// Several keys fit the algorithm (without a `kid`, or sharing it): the key is not
    /// guessed.
    #[error("several keys of the client fit the client assertion alg {alg}; a kid must choose")]
    AmbiguousAssertionKey {
        /// The header `alg`.
        alg: JwsAlgorithm,
    },
    /// The selected key is shorter than the rules allow: RSA keys of at least 2048 bits
    /// (RFC 7518 §3.3, §3.5; FAPI 1 Part 1 §5.2.2 item 5; FAPI 2.0 §5.4), elliptic-curve keys
    /// of at least 160 bits (FAPI 1) or 224 bits (FAPI 2.0).
    #[error("the client's key has {bits} bits; at least {min_bits} are required")]
    AssertionKeyTooSmall {
        /// The key's size in bits.
        bits: usize,
        /// The least size allowed.
        min_bits: usize,
    },
    /// The client secret is shorter than the HMAC algorithm's hash output (RFC 7518 §3.2: "A
    /// key of the same size as the hash output ... or larger MUST be used").
    #[error("the client secret is shorter than the {min_bytes} bytes {alg} requires")]
    SecretTooShortForAlgorithm {
        /// The header `alg`.
        alg: JwsAlgorithm,
        /// The least secret length, in bytes.
        min_bytes: usize,
    },
    /// The signature or MAC does not verify (RFC 7523 §3 item 9).
    #[error("the client assertion's signature is invalid")]
    InvalidAssertionSignature,
    /// A required claim is missing (RFC 7523 §3; OpenID Connect Core §9 for `jti`).
    #[error("the client assertion has no {claim} claim")]
    AssertionClaimMissing {
        /// The claim.
        claim: Claim,
    },
    /// A claim is not of its JSON type: `iss`, `sub`, `jti` strings, `aud` a string or an
    /// array of strings, `exp`, `nbf`, `iat` numbers (RFC 7519 §4.1).
    #[error("the client assertion's {claim} claim has the wrong JSON type")]
    AssertionClaimType {
        /// The claim.
        claim: Claim,
    },
    /// A NumericDate claim is negative, not finite, or after the year 9999 (RFC 7519 §2).
    #[error("the client assertion's {claim} claim is not a usable NumericDate")]
    AssertionDateOutOfRange {
        /// The claim.
        claim: Claim,
    },
    /// `iss` is not the client id (RFC 7523 §3 item 1; OpenID Connect Core §9).
    #[error("the client assertion's iss is not the client id")]
    AssertionIssuerMismatch,
    /// `sub` is not the client id (RFC 7523 §3 item 2.B; OpenID Connect Core §9).
    #[error("the client assertion's sub is not the client id")]
    AssertionSubjectMismatch,
    /// `aud` does not identify this server under the audience policy (RFC 7523 §3 item 3;
    /// RFC 10070).
    #[error("the client assertion's aud is refused under the {policy} audience policy: {problem}")]
    AssertionAudienceMismatch {
        /// The policy in force.
        policy: AssertionAudience,
        /// What is wrong with `aud`.
        problem: AudienceProblem,
    },
    /// `exp` has passed, beyond the clock skew (RFC 7523 §3 item 4; RFC 7519 §4.1.4).
    #[error("the client assertion expired at {expired_at}")]
    AssertionExpired {
        /// The assertion's `exp`, Unix seconds.
        expired_at: i64,
    },
    /// `nbf` or `iat` is in the future beyond the clock skew (RFC 7523 §3 items 5, 6; FAPI 2.0
    /// Security Profile §5.3.2.1).
    #[error("the client assertion's {claim} {at} is in the future")]
    AssertionNotYetValid {
        /// `nbf` or `iat`.
        claim: Claim,
        /// Its value, Unix seconds.
        at: i64,
    },
    /// The assertion lives longer than `max_assertion_lifetime_seconds`, counted from `iat` or
    /// from now (RFC 7523 §3 item 4: the server "MAY reject JWTs with an exp claim value that
    /// is unreasonably far in the future").
    #[error("the client assertion's lifetime of {lifetime} s is longer than the {max} s allowed")]
    AssertionLifetimeTooLong {
        /// The lifetime found, seconds.
        lifetime: i64,
        /// The longest allowed, seconds.
        max: i64,
    },
    /// The client used this `jti` before, and that assertion has not expired (RFC 7523 §3
    /// item 7).
    #[error("the client assertion's jti was already used")]
    AssertionReplayed,
    /// The replay store is full of unexpired entries; the assertion is refused rather than
    /// accepted unrecorded.
    #[error("the replay store is full")]
    ReplayStoreFull,
    /// This client holds as many unexpired `jti` entries as the replay store allows one
    /// client (crate policy: one client cannot fill the store for every other client).
    #[error("the client holds as many unexpired assertions as the replay store allows one client")]
    ReplayClientQuotaExceeded,
    /// The replay store could not be reached; the assertion is refused rather than accepted
    /// unrecorded.
    #[error("the replay store is unavailable")]
    ReplayStoreUnavailable,
}

impl AuthError {
    /// The RFC 6749 §5.2 error code.
    pub fn oauth_code(&self) -> OAuthErrorCode {
        use OAuthErrorCode::{InvalidClient, InvalidRequest};
        match self {
            Self::BodyTooLarge { .. }
            | Self::TooManyParameters { .. }
            | Self::ValueTooLarge { .. }
            | Self::MalformedBody(_)
            | Self::RepeatedParameter { .. }
            | Self::RepeatedAuthorizationHeader
            | Self::MalformedBasicCredentials(_)
            | Self::MultipleAuthenticationMethods { .. }
            | Self::MissingClientId
            | Self::ConflictingClientIds
            | Self::MissingAssertionParameter { .. }
            | Self::UnsupportedAssertionType => InvalidRequest,
            Self::ClientMismatch
            | Self::UnknownClient
            | Self::InvalidClientMetadata(_)
            | Self::InvalidServerMetadata(_)
            | Self::MethodNotRegistered { .. }
            | Self::MethodNotSupported { .. }
            | Self::MethodNotAllowedByProfile { .. }
            | Self::SecretMismatch { .. }
            | Self::SecretExpired { .. }
            | Self::MissingCredentials
            // RFC 8705 §2: a failed mutual-TLS authentication is invalid_client.
            | Self::MissingClientCertificate
            | Self::MalformedCertificate { .. }
            | Self::MalformedChainCertificate { .. }
            | Self::SubjectDnMismatch
            | Self::SubjectAltNameMismatch { .. }
            | Self::CertificateNotRegistered { .. }
            | Self::CertificateExpired { .. }
            | Self::CertificateNotYetValid { .. }
            | Self::CertificateIssuerUnknown
            | Self::CertificateNotForClientAuth
            | Self::CertificatePathInvalid(_) => InvalidClient,
            // RFC 7521 §4.2.1 / RFC 7523 §3.1: an assertion that is not valid, for any
            // reason, is invalid_client.
            | Self::ClientIdNotAssertionSubject
            | Self::MalformedAssertion(_)
            | Self::UnsecuredAssertion
            | Self::UnknownAssertionAlgorithm
            | Self::AssertionAlgorithmNotForMethod { .. }
            | Self::AssertionAlgorithmNotAllowedByProfile { .. }
            | Self::AssertionAlgorithmNotSupported { .. }
            | Self::AssertionAlgorithmNotRegistered { .. }
            | Self::AssertionCriticalHeader
            | Self::AssertionKeyHeader { .. }
            | Self::AssertionTypeNotAllowed
            | Self::AssertionKeyNotFound
            | Self::AssertionKeyMismatch { .. }
            | Self::NoKeyForAlgorithm { .. }
            | Self::AmbiguousAssertionKey { .. }
            | Self::AssertionKeyTooSmall { .. }
            | Self::SecretTooShortForAlgorithm { .. }
            | Self::InvalidAssertionSignature
            | Self::AssertionClaimMissing { .. }
            | Self::AssertionClaimType { .. }
            | Self::AssertionDateOutOfRange { .. }
            | Self::AssertionIssuerMismatch
            | Self::AssertionSubjectMismatch
            | Self::AssertionAudienceMismatch { .. }
            | Self::AssertionExpired { .. }
            | Self::AssertionNotYetValid { .. }
            | Self::AssertionLifetimeTooLong { .. }
            | Self::AssertionReplayed
            | Self::ReplayStoreFull
            | Self::ReplayClientQuotaExceeded
            | Self::NoClientAuthentication
            | Self::ReplayStoreUnavailable => InvalidClient,
        }
    }

    /// The HTTP status of the error response: 400 for `invalid_request`, 401 for
    /// `invalid_client`.
    pub fn status(&self) -> u16 {
        self.oauth_code().status()
    }

    /// A fixed text fit for the `error_description` sent to the client. It never repeats a
    /// secret, an assertion or anything the client sent.
    pub fn description(&self) -> &'static str {
        match self {
            Self::BodyTooLarge { .. } => "request body too large",
            Self::TooManyParameters { .. } => "too many request parameters",
            Self::ValueTooLarge { .. } => "a client authentication parameter is too long",
            Self::MalformedBody(_) => "request body is not valid form-urlencoded data",
            Self::RepeatedParameter { .. } => "a client authentication parameter is repeated",
            Self::RepeatedAuthorizationHeader => "Authorization header is repeated",
            Self::MalformedBasicCredentials(_) => "malformed Basic credentials",
            Self::MultipleAuthenticationMethods { .. } => {
                "more than one client authentication method used"
            }
            Self::MissingClientId => "client_id is required",
            Self::NoClientAuthentication => "no client authentication included",
            Self::ConflictingClientIds => "client identifiers in the request do not match",
            Self::ClientMismatch | Self::UnknownClient => "client authentication failed",
            Self::InvalidClientMetadata(_) => "client registration is invalid",
            Self::InvalidServerMetadata(_) => "client authentication failed",
            Self::MethodNotRegistered { .. } => {
                "client authentication method does not match the registered method"
            }
            Self::MethodNotSupported { .. } => {
                "client authentication method not supported at this endpoint"
            }
            Self::MethodNotAllowedByProfile { .. } => {
                "client authentication method not allowed by the server's security profile"
            }
            Self::SecretMismatch { .. } => "client secret does not match",
            Self::SecretExpired { .. } => "client secret has expired",
            Self::MissingCredentials => "client authentication is required",
            Self::MissingClientCertificate => "a TLS client certificate is required",
            Self::MalformedCertificate { .. } => "the TLS client certificate cannot be parsed",
            Self::MalformedChainCertificate { .. } => {
                "a certificate of the TLS client certificate chain cannot be parsed"
            }
            Self::SubjectDnMismatch => {
                "the TLS client certificate's subject does not match the registration"
            }
            Self::SubjectAltNameMismatch { .. } => {
                "the TLS client certificate's subject alternative name does not match the \
                 registration"
            }
            Self::CertificateNotRegistered { .. } => {
                "the TLS client certificate is not registered for this client"
            }
            Self::CertificateExpired { .. } => "the TLS client certificate has expired",
            Self::CertificateNotYetValid { .. } => "the TLS client certificate is not yet valid",
            Self::CertificateIssuerUnknown => {
                "the TLS client certificate is not issued by a trusted authority"
            }
            Self::CertificateNotForClientAuth => {
                "the TLS client certificate is not valid for client authentication"
            }
            Self::CertificatePathInvalid(_) => "the TLS client certificate chain is invalid",
            Self::MissingAssertionParameter { .. } => {
                "client_assertion and client_assertion_type are both required"
            }
            Self::UnsupportedAssertionType => "unsupported client_assertion_type",
            Self::ClientIdNotAssertionSubject => {
                "client_id does not match the client assertion's subject"
            }
            Self::MalformedAssertion(_) => "client assertion is not a well-formed signed JWT",
            Self::UnsecuredAssertion => "client assertion is not signed",
            Self::UnknownAssertionAlgorithm => "client assertion algorithm is not supported",
            Self::AssertionAlgorithmNotForMethod { .. } => {
                "client assertion algorithm does not fit the registered method"
            }
            Self::AssertionAlgorithmNotAllowedByProfile { .. } => {
                "client assertion algorithm not allowed by the server's security profile"
            }
            Self::AssertionAlgorithmNotSupported { .. } => {
                "client assertion algorithm not supported at this endpoint"
            }
            Self::AssertionAlgorithmNotRegistered { .. } => {
                "client assertion algorithm is not the registered one"
            }
            Self::AssertionCriticalHeader => "client assertion has an unsupported critical header",
            Self::AssertionKeyHeader { .. } => {
                "client assertion header names a key; keys come from the registration only"
            }
            Self::AssertionTypeNotAllowed => "client assertion typ is not a client assertion",
            Self::AssertionKeyNotFound => "client assertion kid does not match a registered key",
            Self::AssertionKeyMismatch { .. } => {
                "registered key does not fit the client assertion algorithm"
            }
            Self::NoKeyForAlgorithm { .. } => {
                "no registered key fits the client assertion algorithm"
            }
            Self::AmbiguousAssertionKey { .. } => {
                "several registered keys fit the client assertion; a kid is required"
            }
            Self::AssertionKeyTooSmall { .. } => "registered key is too small",
            Self::SecretTooShortForAlgorithm { .. } => {
                "client secret is too short for the client assertion algorithm"
            }
            Self::InvalidAssertionSignature => "client assertion signature is invalid",
            Self::AssertionClaimMissing { .. } => "client assertion lacks a required claim",
            Self::AssertionClaimType { .. } => "client assertion claim has the wrong type",
            Self::AssertionDateOutOfRange { .. } => "client assertion time claim is out of range",
            Self::AssertionIssuerMismatch => "client assertion iss is not the client id",
            Self::AssertionSubjectMismatch => "client assertion sub is not the client id",
            Self::AssertionAudienceMismatch { .. } => {
                "client assertion audience does not identify this server"
            }
            Self::AssertionExpired { .. } => "client assertion has expired",
            Self::AssertionNotYetValid { .. } => "client assertion is not yet valid",
            Self::AssertionLifetimeTooLong { .. } => "client assertion lifetime is too long",
            Self::AssertionReplayed => "client assertion has already been used",
            Self::ReplayClientQuotaExceeded => {
                "too many unexpired client assertions from this client"
            }
            Self::ReplayStoreFull | Self::ReplayStoreUnavailable => "client authentication failed",
        }
    }

    /// The `WWW-Authenticate` challenge to send with this error, when there is one: RFC 6749
    /// §5.2 requires a 401 with a challenge "matching the authentication scheme used by the
    /// client" when a client that tried the `Authorization` header fails authentication.
    ///
    /// `basic_attempted` is [`crate::RequestParts::basic_attempted`] of the refused request.
    pub fn www_authenticate(&self, basic_attempted: bool) -> Option<&'static str> {
        (basic_attempted && self.oauth_code() == OAuthErrorCode::InvalidClient)
            .then_some(BASIC_CHALLENGE)
    }
}

/// The challenge sent on an `invalid_client` refusal of a request that used HTTP Basic
/// (RFC 6749 §5.2, RFC 7617 §2).
pub const BASIC_CHALLENGE: &str = "Basic realm=\"oauth\", charset=\"UTF-8\"";

impl From<MetadataError> for AuthError {
    fn from(e: MetadataError) -> Self {
        Self::InvalidClientMetadata(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_request_variants_map_to_400_without_challenge() {
        let e = AuthError::RepeatedParameter { name: "client_id" };
        assert_eq!(e.oauth_code(), OAuthErrorCode::InvalidRequest);
        assert_eq!(e.oauth_code().as_str(), "invalid_request");
        assert_eq!(e.status(), 400);
        assert_eq!(e.www_authenticate(true), None);
    }

    #[test]
    fn invalid_client_after_basic_carries_challenge() {
        let e = AuthError::SecretMismatch {
            credentials_were_form_decoded: false,
        };
        assert_eq!(e.oauth_code().as_str(), "invalid_client");
        assert_eq!(e.status(), 401);
        assert_eq!(e.www_authenticate(true), Some(BASIC_CHALLENGE));
        assert_eq!(e.www_authenticate(false), None);
    }

    #[test]
    fn form_decoding_hint_is_in_log_text_not_in_client_description() {
        let e = AuthError::SecretMismatch {
            credentials_were_form_decoded: true,
        };
        assert!(e.to_string().contains("form-urlencoded"));
        assert_eq!(e.description(), "client secret does not match");
        let plain = AuthError::SecretMismatch {
            credentials_were_form_decoded: false,
        };
        assert!(!plain.to_string().contains("form-urlencoded"));
    }
}
