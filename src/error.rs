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
use crate::metadata::{AuthMethod, Endpoint, FapiProfile};
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
    /// Two places of the request name different clients, such as the Basic user name and the
    /// `client_id` parameter.
    #[error("the request names two different client identifiers")]
    ConflictingClientIds,

    // ----- invalid_client: authentication failed (RFC 6749 §5.2) -----
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
            | Self::ConflictingClientIds => InvalidRequest,
            Self::ClientMismatch
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
            Self::ConflictingClientIds => "client identifiers in the request do not match",
            Self::ClientMismatch => "client authentication failed",
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
