//! Why a request was refused.
//!
//! [`AuthError`] has a variant per rule. Its fields are the public values that broke the rule
//! (`aud` against the audience expected, `iss`, `sub`, `kid`, `alg`, `typ`, times against the
//! clock and skew, a certificate's names against the registered one), those the client chose
//! sanitised by [`shown`]; its `Display`, for the server's logs, names them. Never a secret, a
//! MAC, a signature, a whole assertion or key material. Detail types: [`request`],
//! [`assertion`], [`certificate`], [`registration`]; the wire mapping (one exhaustive `match`)
//! in [`wire`]; the client-safe texts in [`description`].
//!
//! Over 700 lines, and still one concept: the one enum of every refusal, a variant per rule,
//! which Rust cannot spread over files. What can live apart does, in the files above.

pub(crate) mod advice;
pub(crate) mod assertion;
pub(crate) mod attestation;
pub(crate) mod certificate;
pub(crate) mod class;
pub(crate) mod clock;
pub(crate) mod description;
pub(crate) mod registration;
pub(crate) mod replay;
pub(crate) mod request;
pub(crate) mod shown;
pub(crate) mod spiffe;
pub(crate) mod wire;

use self::assertion::{AssertionFormatError, AudienceProblem, Claim, KeyHeader};
use self::attestation::{AttestationHeader, AttestationJwt, InstanceKeyProblem};
use self::certificate::{CertificateForm, CertificateFormatError, CertificatePathError};
use self::clock::Clock;
use self::registration::MetadataError;
use self::replay::StoreFailure;
use self::request::{decoding_note, BasicFormatError, CredentialKind, FormError};
use self::shown::{Absent, NotAString, Shown, ShownList};
use self::spiffe::{SpiffeIdProblem, SvidKind, X509SvidProblem};
use crate::wire::metadata::algorithm::JwsAlgorithm;
use crate::wire::metadata::endpoint::Endpoint;
use crate::wire::metadata::method::AuthMethod;
use crate::wire::metadata::policy::{AssertionAudience, FapiProfile};
use crate::wire::metadata::san::SanKind;

/// Why a client-authentication request was refused.
///
/// Each variant names the rule broken. Map it onto the wire with [`AuthError::oauth_code`],
/// [`AuthError::status`], [`AuthError::description`] and [`AuthError::www_authenticate`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    // ----- invalid_request: the request is malformed (RFC 6749 §5.2) -----
    /// The body is larger than [`crate::wire::request::MAX_BODY_BYTES`].
    #[error("the request body is larger than {limit} bytes")]
    BodyTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The body has more parameters than [`crate::wire::request::MAX_PARAMETERS`].
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
    /// The Basic user name and the `client_id` parameter name different clients.
    #[error("the Basic user name {basic} and the client_id parameter {parameter} differ")]
    ConflictingClientIds {
        /// The Basic user name.
        basic: Shown,
        /// The `client_id` parameter.
        parameter: Shown,
    },
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
    /// returns this when [`crate::dispatch::claimed_client_id`] names no registration (RFC 6749 §5.2:
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
    #[error("the client secret does not match{}", decoding_note(*credentials_were_form_decoded))]
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
    #[error(
        "the client certificate's subject {presented} is not the registered \
         tls_client_auth_subject_dn {registered}"
    )]
    SubjectDnMismatch {
        /// The certificate's subject, as an RFC 4514 string.
        presented: Shown,
        /// The registered `tls_client_auth_subject_dn`.
        registered: Shown,
    },
    /// No subjectAltName entry of the registered kind equals the registered value
    /// (RFC 8705 §2.1.2).
    #[error(
        "no {kind} entry of the client certificate's subjectAltName equals the registered {} \
         {registered} (entries of that kind in the certificate: {entries_of_kind}: {presented})",
        kind.metadata_name()
    )]
    SubjectAltNameMismatch {
        /// The kind registered.
        kind: SanKind,
        /// How many entries of that kind the certificate has.
        entries_of_kind: usize,
        /// The certificate's entries of that kind.
        presented: ShownList,
        /// The registered value.
        registered: Shown,
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
    #[error("the client_id parameter {client_id} is not the client assertion's subject {sub}")]
    ClientIdNotAssertionSubject {
        /// The `client_id` parameter.
        client_id: Shown,
        /// The assertion's `sub` (or `iss` when it has no `sub`).
        sub: Shown,
    },
    /// The assertion is not a JWT in JWS compact serialization.
    #[error("the client assertion is malformed: {0}")]
    MalformedAssertion(AssertionFormatError),
    /// The assertion is unsecured: `alg` is `none`, or the signature is empty (RFC 7523 §3
    /// item 9: "The JWT MUST be digitally signed or have a Message Authentication Code (MAC)
    /// applied"; RFC 8725 §3.2).
    #[error("the client assertion is unsecured (alg none or an empty signature)")]
    UnsecuredAssertion,
    /// The header `alg` is not an algorithm this crate verifies (RFC 8725 §3.1).
    #[error("the client assertion's alg {alg} is not an algorithm this server verifies")]
    UnknownAssertionAlgorithm {
        /// The header `alg`.
        alg: Shown,
    },
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
    #[error(
        "the client assertion's typ {} names another kind of JWT",
        NotAString(typ)
    )]
    AssertionTypeNotAllowed {
        /// The header `typ`; `None` when it is not a string.
        typ: Option<Shown>,
    },
    /// The header `kid` names no usable key of the client (RFC 7515 §4.1.4).
    #[error("the client assertion's kid {kid} names no usable key of the client")]
    AssertionKeyNotFound {
        /// The header `kid`.
        kid: Shown,
    },
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
    #[error("the client assertion's iss {iss} is not the client id {client_id}")]
    AssertionIssuerMismatch {
        /// The assertion's `iss`.
        iss: Shown,
        /// The client id the assertion is checked against.
        client_id: Shown,
    },
    /// `sub` is not the client id (RFC 7523 §3 item 2.B; OpenID Connect Core §9).
    #[error("the client assertion's sub {sub} is not the client id {client_id}")]
    AssertionSubjectMismatch {
        /// The assertion's `sub`.
        sub: Shown,
        /// The client id the assertion is checked against.
        client_id: Shown,
    },
    /// `aud` does not identify this server under the audience policy (RFC 7523 §3 item 3;
    /// RFC 10070).
    #[error(
        "the client assertion's aud {aud} is refused under the {policy} audience policy: \
         {problem}; expected {expected}"
    )]
    AssertionAudienceMismatch {
        /// The policy in force.
        policy: AssertionAudience,
        /// What is wrong with `aud`.
        problem: AudienceProblem,
        /// The `aud` sent: a string, or the values of an array.
        aud: ShownList,
        /// What the policy accepts: the issuer, and the endpoint URLs it allows.
        expected: ShownList,
    },
    /// `exp` has passed, beyond the clock skew (RFC 7523 §3 item 4; RFC 7519 §4.1.4).
    #[error(
        "the client assertion expired at {expired_at}, {} s before {clock}",
        clock.now.saturating_sub(*expired_at)
    )]
    AssertionExpired {
        /// The assertion's `exp`, Unix seconds.
        expired_at: i64,
        /// The server's time and skew.
        clock: Clock,
    },
    /// `nbf` or `iat` is in the future beyond the clock skew (RFC 7523 §3 items 5, 6; FAPI 2.0
    /// Security Profile §5.3.2.1).
    #[error(
        "the client assertion's {claim} {at} is {} s ahead of {clock}",
        at.saturating_sub(clock.now)
    )]
    AssertionNotYetValid {
        /// `nbf` or `iat`.
        claim: Claim,
        /// Its value, Unix seconds.
        at: i64,
        /// The server's time and skew.
        clock: Clock,
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
    /// accepted unrecorded. The server's fault, not the client's: `temporarily_unavailable`.
    #[error("the replay store is full: the assertion was refused unrecorded")]
    ReplayStoreFull,
    /// This client holds as many unexpired `jti` entries as the replay store allows one
    /// client (crate policy: one client cannot fill the store for every other client).
    #[error("the client holds as many unexpired assertions as the replay store allows one client")]
    ReplayClientQuotaExceeded,
    /// The replay store could not be reached, timed out or failed; the assertion is refused
    /// rather than accepted unrecorded. The server's fault, not the client's:
    /// `temporarily_unavailable`.
    #[error("the replay store is unavailable ({failure}): the assertion was refused unrecorded")]
    ReplayStoreUnavailable {
        /// What went wrong with the store.
        failure: StoreFailure,
    },
    /// The client's keys could not be fetched from its `jwks_uri` (a timeout, a refused
    /// connection, an HTTP error status, a response over the size limit), and no cached key set
    /// within its grace period could stand in. The server cannot decide, through no proven
    /// fault of the client's: `temporarily_unavailable`, never `invalid_client`.
    #[error(
        "the client's jwks_uri could not be fetched ({failure}) and no usable cached key set is \
         held: the assertion was refused"
    )]
    KeySourceUnavailable {
        /// What went wrong with the fetch.
        failure: StoreFailure,
    },

    // ----- SPIFFE client authentication (draft-ietf-oauth-spiffe-client-auth-02) -----
    /// The SPIFFE ID the SVID presents (the X.509-SVID's URI SAN, the JWT-SVID's `sub`) does
    /// not parse by SPIFFE-ID §2.
    #[error("the SVID's SPIFFE ID is invalid: {problem}")]
    SpiffeIdInvalid {
        /// The rule it breaks.
        problem: SpiffeIdProblem,
    },
    /// The client certificate is not a leaf X.509-SVID (X509-SVID §2, §4, §5.2;
    /// draft-ietf-oauth-spiffe-client-auth-02 §3.2 items 2 to 4).
    #[error("the client certificate is not a leaf X.509-SVID: {problem}")]
    X509SvidInvalid {
        /// What is wrong with it.
        problem: X509SvidProblem,
    },
    /// The SVID's SPIFFE ID is not the client's registered `spiffe_id`
    /// (draft-ietf-oauth-spiffe-client-auth-02 §3.1 item 5, §3.2 item 5, §5.1).
    #[error(
        "the SVID's SPIFFE ID {presented} is not the client's registered spiffe_id {registered}"
    )]
    SpiffeIdMismatch {
        /// The SVID's SPIFFE ID.
        presented: Shown,
        /// The registered `spiffe_id`, a final `/*` included.
        registered: Shown,
    },
    /// The server holds no bundle of this kind of SVID for the SVID's trust domain
    /// (`spiffe_bundles`; draft-ietf-oauth-spiffe-client-auth-02 §6: bundles are keyed by
    /// trust domain, and no other key source stands in).
    #[error("the server holds no {} for the SPIFFE trust domain {trust_domain:?}", kind.bundle_member())]
    SpiffeBundleMissing {
        /// The SVID's kind.
        kind: SvidKind,
        /// The trust domain, as the SVID names it (public, never a secret).
        trust_domain: String,
    },

    // ----- attestation-based client authentication
    // (draft-ietf-oauth-attestation-based-client-auth-10) -----
    /// An attestation header is repeated (the draft, "precisely one" of each header):
    /// `invalid_request`.
    #[error("the {header} header appears more than once")]
    RepeatedAttestationHeader {
        /// The header.
        header: AttestationHeader,
    },
    /// One of the two attestation headers came without the other: `invalid_request`.
    #[error("the {header} header is missing")]
    MissingAttestationHeader {
        /// The missing header.
        header: AttestationHeader,
    },
    /// An attestation header is not one compact JWS (three base64url parts whose header and
    /// payload are JSON objects with no repeated member): `invalid_request`.
    #[error("the {header} header is not one compact JWS")]
    MalformedAttestationHeader {
        /// The header.
        header: AttestationHeader,
    },
    /// The attestation came with a `DPoP` header instead of its PoP header: the DPoP combined
    /// mode is not supported (`invalid_client_attestation`).
    #[error("the client attestation came with a DPoP proof instead of a PoP; the DPoP mode is not supported")]
    AttestationDpopNotSupported,
    /// The server requires a client attestation beside every method
    /// (`client_attestation_pop_methods_supported` without `none`) and the request has none.
    #[error("the server requires a client attestation and the request carries none")]
    AttestationRequired,
    /// The JWT's `typ` is not its explicit type (`oauth-client-attestation+jwt`,
    /// `oauth-client-attestation-pop+jwt`, or `wit+jwt` for a WIT-SVID under `spiffe_wit`).
    #[error("the {jwt} JWT's typ {} is not its explicit type", Absent(typ))]
    AttestationTypeNotAllowed {
        /// Which JWT.
        jwt: AttestationJwt,
        /// The header `typ`; `None` when absent or not a string.
        typ: Option<Shown>,
    },
    /// The JWT's `alg` is `none`, unknown, HMAC where a signature is required, or not in the
    /// server's list for that JWT.
    #[error("the {jwt} JWT's alg {} is not allowed", Absent(alg))]
    AttestationAlgorithmNotAllowed {
        /// Which JWT.
        jwt: AttestationJwt,
        /// The header `alg`; `None` when absent or not a string.
        alg: Option<Shown>,
    },
    /// The JWT's header has `crit`, a key-naming header that is never followed, or a header
    /// member of the wrong JSON type.
    #[error("the {jwt} JWT's header has a member that is refused")]
    AttestationHeaderRefused {
        /// Which JWT.
        jwt: AttestationJwt,
    },
    /// No trusted Client Attester key verifies the attestation: its `kid` names no trusted
    /// key, no trusted key fits its `alg`, or its `x5c` does not chain to a trust anchor. For a
    /// WIT-SVID (`spiffe_wit`): no `wit-svid` key of its trust domain fits its `kid` and
    /// `alg`.
    #[error("{}", .jwt.untrusted_text())]
    AttestationIssuerUntrusted {
        /// Which JWT: the client attestation, or a WIT-SVID.
        jwt: AttestationJwt,
    },
    /// The JWT's signature is invalid.
    #[error("the {jwt} JWT's signature is invalid")]
    InvalidAttestationSignature {
        /// Which JWT.
        jwt: AttestationJwt,
    },
    /// A required claim is missing.
    #[error("the {jwt} JWT has no {claim} claim")]
    AttestationClaimMissing {
        /// Which JWT.
        jwt: AttestationJwt,
        /// The claim.
        claim: &'static str,
    },
    /// A claim has the wrong JSON type, or a NumericDate out of range.
    #[error("the {jwt} JWT's {claim} claim has the wrong type or range")]
    AttestationClaimType {
        /// Which JWT.
        jwt: AttestationJwt,
        /// The claim.
        claim: &'static str,
    },
    /// The attestation's `cnf.jwk` cannot be the client instance key.
    #[error("the {jwt}'s cnf.jwk is refused: {problem}")]
    AttestationInstanceKeyRefused {
        /// Which JWT: the client attestation, or a WIT-SVID.
        jwt: AttestationJwt,
        /// Why.
        problem: InstanceKeyProblem,
    },
    /// The attestation's `sub` is not the client the request authenticates (or the
    /// `client_id` parameter names another client): `invalid_client`.
    #[error("the client attestation's sub {sub} is not the client id {client_id}")]
    AttestationSubjectMismatch {
        /// The attestation's `sub`.
        sub: Shown,
        /// The client id: the registered client's, or the `client_id` parameter.
        client_id: Shown,
    },
    /// The PoP's `aud` is not the issuer identifier alone.
    #[error("the client attestation PoP's aud {aud} is not the issuer identifier {expected}")]
    AttestationPopAudienceMismatch {
        /// The `aud` sent (a value that is not a string shown as its JSON text).
        aud: ShownList,
        /// The issuer identifier.
        expected: Shown,
    },
    /// A JWT's `iat` or `nbf` is ahead of the clock by more than the skew.
    #[error("the {jwt} JWT's {claim} {at} is {} s ahead of {clock}", at.saturating_sub(clock.now))]
    AttestationNotYetValid {
        /// Which JWT.
        jwt: AttestationJwt,
        /// `iat` or `nbf`.
        claim: &'static str,
        /// Its value.
        at: i64,
        /// The server's time and skew.
        clock: Clock,
    },
    /// The PoP's `exp` has passed, or its `iat` is older than
    /// `client_attestation_pop_max_age_seconds` (plus the skew).
    #[error(
        "the client attestation PoP is too old or expired: time {at}, maximum age {max_age} s, {clock}"
    )]
    AttestationPopTooOld {
        /// The `iat` or `exp` that decided.
        at: i64,
        /// `client_attestation_pop_max_age_seconds`.
        max_age: i64,
        /// The server's time and skew.
        clock: Clock,
    },
    /// The PoP's `jti` was used before by this client.
    #[error("the client attestation PoP's jti was already used")]
    AttestationPopReplayed,
    /// The PoP carries no `challenge`, or one the server does not accept, while the server
    /// issues challenges: `use_attestation_challenge`, with a fresh challenge to send in the
    /// `OAuth-Client-Attestation-Challenge` response header.
    #[error("the client attestation PoP's challenge is {}", if *missing { "missing" } else { "not one the server accepts" })]
    AttestationChallengeRequired {
        /// Whether the challenge was missing (else: not accepted).
        missing: bool,
        /// The fresh challenge to send back.
        next_challenge: String,
    },
    /// The attestation's `exp` has passed (beyond the skew): `use_fresh_attestation`.
    #[error(
        "the {jwt} expired at {expired_at}, {} s before {clock}",
        clock.now.saturating_sub(*expired_at)
    )]
    AttestationExpired {
        /// Which JWT: the client attestation, or a WIT-SVID.
        jwt: AttestationJwt,
        /// Its `exp`.
        expired_at: i64,
        /// The server's time and skew.
        clock: Clock,
    },
    /// The attestation has no `iat`, or one older than `client_attestation_max_age_seconds`
    /// (plus the skew): `use_fresh_attestation`.
    #[error(
        "the client attestation (iat {}) is older than the {max_age} s allowed at the server's \
         time {now}",
        iat.map_or("absent".to_owned(), |iat| iat.to_string())
    )]
    AttestationTooOld {
        /// The oldest age allowed, seconds.
        max_age: i64,
        /// Its `iat`, when it has one.
        iat: Option<i64>,
        /// The server's time.
        now: i64,
    },
}

impl From<MetadataError> for AuthError {
    fn from(e: MetadataError) -> Self {
        Self::InvalidClientMetadata(e)
    }
}
