//! For the operator: the rule each refusal applies, with its source, and what to change on
//! which side for the request to pass. Both come from one exhaustive `match` per error type,
//! with no catch-all arm, so a new variant cannot be added without its advice.

use super::attestation::AttestationJwt;
use super::registration::MetadataError;
use super::AuthError;

/// Which side should change for a refused request to pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RemedySide {
    /// The client: how it builds its request or its credential.
    Client,
    /// The client's registration, kept by the server's operator (its metadata).
    Registration,
    /// The server's configuration: its metadata, policy or trust anchors.
    ServerConfiguration,
    /// Nobody's request or configuration: an outage of a store or a key source; retry.
    Outage,
}

impl RemedySide {
    /// The side in words: `client`, `server registration`, `server configuration`, `none
    /// (outage)`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Client => "client",
            Self::Registration => "server registration",
            Self::ServerConfiguration => "server configuration",
            Self::Outage => "none (outage)",
        }
    }
}

impl std::fmt::Display for RemedySide {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What to change for a refused request to pass: the side, and a fixed text saying what.
/// The text never repeats a value of the request or the registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Remedy {
    /// Which side should change.
    pub side: RemedySide,
    /// What to change, in words.
    pub text: &'static str,
}

const fn client(text: &'static str) -> Remedy {
    Remedy {
        side: RemedySide::Client,
        text,
    }
}

const fn registration(text: &'static str) -> Remedy {
    Remedy {
        side: RemedySide::Registration,
        text,
    }
}

const fn server(text: &'static str) -> Remedy {
    Remedy {
        side: RemedySide::ServerConfiguration,
        text,
    }
}

const fn outage(text: &'static str) -> Remedy {
    Remedy {
        side: RemedySide::Outage,
        text,
    }
}

impl AuthError {
    /// The rule this refusal applies, with its source and section, for the operator: for
    /// example `"RFC 7523 §3 item 3; RFC 10070"`.
    pub fn rule(&self) -> &'static str {
        match self {
            Self::BodyTooLarge { .. }
            | Self::TooManyParameters { .. }
            | Self::ValueTooLarge { .. } => {
                "crate policy: bounded input (RFC 6749 §5.2 invalid_request)"
            }
            Self::MalformedBody { .. } => "RFC 6749 Appendix B; RFC 3986 §2.1",
            Self::RepeatedParameter { .. } => "RFC 6749 §3.2",
            Self::RepeatedAuthorizationHeader => "RFC 9110 §11.6.2; RFC 6749 §2.3.1",
            Self::MalformedBasicCredentials { .. } => "RFC 7617 §2; RFC 6749 §2.3.1",
            Self::MultipleAuthenticationMethods { .. } => "RFC 6749 §2.3",
            Self::MissingClientId { .. } => "RFC 6749 §2.3.1, §3.2.1; RFC 8705 §2",
            Self::NoClientAuthentication { .. } => "RFC 6749 §5.2 (invalid_client)",
            Self::ConflictingClientIds { .. } => "RFC 6749 §2.3; RFC 7521 §4.2",
            Self::MissingAssertionParameter { .. } => "RFC 7521 §4.2",
            Self::UnsupportedAssertionType { .. } => "RFC 7523 §2.2",
            Self::UnknownClient { .. } => "RFC 6749 §5.2 (unknown client)",
            Self::ClientMismatch { .. } => "RFC 6749 §5.2 (invalid_client)",
            Self::InvalidClientMetadata(e, ..) | Self::InvalidServerMetadata(e, ..) => e.rule(),
            Self::MethodNotRegistered { .. } => "RFC 7591 §2 token_endpoint_auth_method",
            Self::MethodNotSupported { .. } => "RFC 8414 §2 *_auth_methods_supported",
            Self::MethodNotAllowedByProfile { .. } => {
                "FAPI 1 Advanced §5.2.2 item 14; FAPI 2.0 Security Profile §5.3.2.1"
            }
            Self::SecretMismatch { .. } => "RFC 6749 §2.3.1",
            Self::SecretExpired { .. } => "RFC 7591 §3.2.1 client_secret_expires_at",
            Self::MissingCredentials { .. } => "RFC 6749 §2.3; RFC 7591 §2",
            Self::MissingClientCertificate { .. } => "RFC 8705 §2",
            Self::MalformedCertificate { .. } | Self::MalformedChainCertificate { .. } => {
                "RFC 5280 §4.1; RFC 7468 §5"
            }
            Self::SubjectDnMismatch { .. } => "RFC 8705 §2.1.2; RFC 4517 §4.2.15",
            Self::SubjectAltNameMismatch { .. } => "RFC 8705 §2.1.2",
            Self::CertificateNotRegistered { .. } => "RFC 8705 §2.2",
            Self::CertificateExpired { .. } | Self::CertificateNotYetValid { .. } => {
                "RFC 5280 §4.1.2.5"
            }
            Self::CertificateIssuerUnknown { .. } => "RFC 8705 §2.1; RFC 5280 §6",
            Self::CertificateNotForClientAuth { .. } => "RFC 5280 §4.2.1.12",
            Self::CertificatePathInvalid { .. } => "RFC 5280 §6",
            Self::ClientIdNotAssertionSubject { .. } => "RFC 7521 §4.2",
            Self::MalformedAssertion { .. } => "RFC 7523 §3; RFC 7515 §7.1",
            Self::UnsecuredAssertion { .. } => "RFC 7523 §3 item 9; RFC 8725 §3.2",
            Self::UnknownAssertionAlgorithm { .. } => "RFC 8725 §3.1",
            Self::AssertionAlgorithmNotForMethod { .. } => {
                "OpenID Connect Core §9; RFC 8725 §2.1, §3.1"
            }
            Self::AssertionAlgorithmNotAllowedByProfile { .. } => {
                "FAPI 1 Advanced §8.6; FAPI 2.0 Security Profile §5.4"
            }
            Self::AssertionAlgorithmNotSupported { .. } => {
                "RFC 8414 §2 *_auth_signing_alg_values_supported"
            }
            Self::AssertionAlgorithmNotRegistered { .. } => {
                "OpenID Connect Registration §2 token_endpoint_auth_signing_alg"
            }
            Self::AssertionCriticalHeader { .. } => "RFC 7515 §4.1.11",
            Self::AssertionKeyHeader { .. } => "RFC 8725 §3.10",
            Self::AssertionTypeNotAllowed { .. } => "RFC 10070; RFC 8725 §3.11",
            Self::AssertionKeyNotFound { .. } => "RFC 7515 §4.1.4",
            Self::AssertionKeyMismatch { .. } | Self::NoKeyForAlgorithm { .. } => {
                "RFC 7517 §4; RFC 7518 §3.1"
            }
            Self::AmbiguousAssertionKey { .. } => "RFC 7515 §4.1.4; RFC 7517 §4.5",
            Self::AssertionKeyTooSmall { .. } => {
                "RFC 7518 §3.3, §3.5; FAPI 1 Baseline §5.2.2 item 5; FAPI 2.0 §5.4"
            }
            Self::SecretTooShortForAlgorithm { .. } => "RFC 7518 §3.2",
            Self::InvalidAssertionSignature { .. } => "RFC 7523 §3 item 9",
            Self::AssertionClaimMissing { .. } => "RFC 7523 §3; OpenID Connect Core §9",
            Self::AssertionClaimType { .. } => "RFC 7519 §4.1",
            Self::AssertionDateOutOfRange { .. } => "RFC 7519 §2 NumericDate",
            Self::AssertionIssuerMismatch { .. } => "RFC 7523 §3 item 1; OpenID Connect Core §9",
            Self::AssertionSubjectMismatch { .. } => {
                "RFC 7523 §3 item 2.B; OpenID Connect Core §9"
            }
            Self::AssertionAudienceMismatch { .. } => "RFC 7523 §3 item 3; RFC 10070",
            Self::AssertionExpired { .. } => "RFC 7523 §3 item 4; RFC 7519 §4.1.4",
            Self::AssertionNotYetValid { .. } => {
                "RFC 7523 §3 items 5, 6; FAPI 2.0 Security Profile §5.3.2.1"
            }
            Self::AssertionLifetimeTooLong { .. } => "RFC 7523 §3 item 4",
            Self::AssertionReplayed { .. } => "RFC 7523 §3 item 7",
            Self::ReplayStoreFull { .. }
            | Self::ReplayStoreUnavailable { .. }
            | Self::ReplayClientQuotaExceeded { .. } => {
                "RFC 7523 §3 item 7 (crate policy: fail closed, never accept unrecorded)"
            }
            Self::KeySourceUnavailable { .. } => {
                "RFC 7591 §2 jwks_uri (crate policy: fail closed, temporarily_unavailable)"
            }
            Self::RepeatedAttestationHeader { .. }
            | Self::MissingAttestationHeader { .. }
            | Self::MalformedAttestationHeader { .. } => {
                "draft-ietf-oauth-attestation-based-client-auth-10 §6.1"
            }
            Self::AttestationDpopNotSupported { .. } => {
                "draft-ietf-oauth-attestation-based-client-auth-10 §6 (crate policy: no DPoP combined mode)"
            }
            Self::AttestationRequired { .. } => {
                "draft-ietf-oauth-attestation-based-client-auth-10 §10.1 client_attestation_pop_methods_supported"
            }
            Self::AttestationTypeNotAllowed {
                jwt: AttestationJwt::Wit,
                ..
            }
            | Self::AttestationAlgorithmNotAllowed {
                jwt: AttestationJwt::Wit,
                ..
            }
            | Self::AttestationHeaderRefused {
                jwt: AttestationJwt::Wit,
            }
            | Self::AttestationClaimMissing {
                jwt: AttestationJwt::Wit,
                ..
            }
            | Self::AttestationClaimType {
                jwt: AttestationJwt::Wit,
                ..
            }
            | Self::AttestationNotYetValid {
                jwt: AttestationJwt::Wit,
                ..
            }
            | Self::AttestationInstanceKeyRefused {
                jwt: AttestationJwt::Wit,
                ..
            }
            | Self::AttestationExpired {
                jwt: AttestationJwt::Wit,
                ..
            } => "draft-ietf-wimse-workload-creds §3.1; draft-ietf-oauth-spiffe-client-auth-02 §3.3.1",
            Self::InvalidAttestationSignature {
                jwt: AttestationJwt::Wit,
            }
            | Self::AttestationIssuerUntrusted {
                jwt: AttestationJwt::Wit,
            } => "draft-ietf-oauth-spiffe-client-auth-02 §3.3.1, §6",
            Self::AttestationTypeNotAllowed { .. } => {
                "draft-ietf-oauth-attestation-based-client-auth-10 §5.1, §5.2; RFC 8725 §3.11"
            }
            Self::AttestationAlgorithmNotAllowed { .. } | Self::AttestationHeaderRefused { .. } => {
                "draft-ietf-oauth-attestation-based-client-auth-10 §5; RFC 8725 §3.1"
            }
            Self::AttestationIssuerUntrusted { .. } | Self::InvalidAttestationSignature { .. } => {
                "draft-ietf-oauth-attestation-based-client-auth-10 §7.1"
            }
            Self::AttestationClaimMissing { .. }
            | Self::AttestationClaimType { .. }
            | Self::AttestationInstanceKeyRefused { .. } => {
                "draft-ietf-oauth-attestation-based-client-auth-10 §5.1, §5.2"
            }
            Self::AttestationSubjectMismatch { .. } => {
                "draft-ietf-oauth-attestation-based-client-auth-10 §5.1 (sub is the client_id)"
            }
            Self::AttestationPopAudienceMismatch { .. } => {
                "draft-ietf-oauth-attestation-based-client-auth-10 §5.2 (aud is the issuer)"
            }
            Self::AttestationNotYetValid { .. }
            | Self::AttestationPopTooOld { .. }
            | Self::AttestationExpired { .. }
            | Self::AttestationTooOld { .. } => {
                "draft-ietf-oauth-attestation-based-client-auth-10 §7.1"
            }
            Self::AttestationPopReplayed { .. } => {
                "draft-ietf-oauth-attestation-based-client-auth-10 §12.1 (replay)"
            }
            Self::AttestationChallengeRequired { .. } => {
                "draft-ietf-oauth-attestation-based-client-auth-10 §8 (challenge)"
            }
            Self::SpiffeIdInvalid { .. } => "SPIFFE-ID §2; draft-ietf-oauth-spiffe-client-auth-02 §3",
            Self::X509SvidInvalid { .. } => {
                "X509-SVID §4, §5.2; draft-ietf-oauth-spiffe-client-auth-02 §3.2 items 2 to 4"
            }
            Self::SpiffeIdMismatch { .. } => {
                "draft-ietf-oauth-spiffe-client-auth-02 §3.1 item 5, §3.2 item 5, §5.1"
            }
            Self::SpiffeBundleMissing { .. } => "draft-ietf-oauth-spiffe-client-auth-02 §6",
        }
    }

    /// What to change, and on which side, for the request to pass.
    pub fn remedy(&self) -> Remedy {
        match self {
            Self::BodyTooLarge { .. }
            | Self::TooManyParameters { .. }
            | Self::ValueTooLarge { .. } => client(
                "send a smaller request: the body, its parameter count and each credential \
                 are bounded",
            ),
            Self::MalformedBody { .. } => client(
                "form-urlencode the body correctly: every % must start an escape of two \
                 hexadecimal digits, and the decoded values must be UTF-8",
            ),
            Self::RepeatedParameter { .. } => client("send each credential parameter once"),
            Self::RepeatedAuthorizationHeader => client("send one Authorization header"),
            Self::MalformedBasicCredentials { .. } => client(
                "send Authorization: Basic with the base64 of form-urlencoded client_id, ':', \
                 form-urlencoded client_secret",
            ),
            Self::MultipleAuthenticationMethods { .. } => client(
                "authenticate with one method per request: drop the extra credential (for \
                 example a client_secret beside a Basic header)",
            ),
            Self::MissingClientId { .. } => {
                client("send the client_id parameter with this credential")
            }
            Self::NoClientAuthentication { .. } => client(
                "authenticate: send the credential of the registered method, or at least \
                 client_id for a public client",
            ),
            Self::ConflictingClientIds { .. } => client(
                "name one client: the Basic user name, client_id and the assertion's sub \
                 must agree",
            ),
            Self::MissingAssertionParameter { .. } => {
                client("send client_assertion and client_assertion_type together")
            }
            Self::UnsupportedAssertionType { .. } => client(
                "send client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ),
            Self::UnknownClient { .. } => {
                client("use the client_id the server issued; or the operator registers this client")
            }
            Self::ClientMismatch { .. } => {
                client("send the client_id of the registration being checked")
            }
            Self::InvalidClientMetadata(e, ..) => e.remedy(),
            Self::InvalidServerMetadata(e, ..) => Remedy {
                side: RemedySide::ServerConfiguration,
                text: e.remedy().text,
            },
            Self::MethodNotRegistered { .. } => client(
                "authenticate with the registered token_endpoint_auth_method; or the operator \
                 changes the registration to the method the client uses",
            ),
            Self::MethodNotSupported { .. } => server(
                "list the method in this endpoint's *_auth_methods_supported, or register the \
                 client for a method the endpoint supports",
            ),
            Self::MethodNotAllowedByProfile { .. } => registration(
                "register the client for a method the FAPI profile allows (private_key_jwt, \
                 tls_client_auth, self_signed_tls_client_auth)",
            ),
            Self::SecretMismatch { .. } => client(
                "send the secret issued at registration; with client_secret_basic, \
                 form-urlencode client_id and secret before base64 (RFC 6749 §2.3.1)",
            ),
            Self::SecretExpired { .. } => registration(
                "issue the client a new secret (or move client_secret_expires_at), and have it \
                 use that",
            ),
            Self::MissingCredentials { .. } => {
                client("send the credential of the registered method")
            }
            Self::MissingClientCertificate { .. } => client(
                "present the client certificate in the TLS handshake; if it is presented, the \
                 server's TLS terminator must forward it",
            ),
            Self::MalformedCertificate { .. } | Self::MalformedChainCertificate { .. } => server(
                "forward the certificate unaltered, as PEM, URL-encoded PEM or base64 DER, \
                 from the TLS terminator",
            ),
            Self::SubjectDnMismatch { .. } => client(
                "present the certificate whose subject is the registered \
                 tls_client_auth_subject_dn; or the operator registers the certificate's \
                 subject",
            ),
            Self::SubjectAltNameMismatch { .. } => client(
                "present a certificate with the registered subjectAltName entry; or the \
                 operator registers one of the certificate's entries",
            ),
            Self::CertificateNotRegistered { .. } => client(
                "present a certificate registered in the client's jwks (x5c); or the operator \
                 adds this certificate to jwks",
            ),
            Self::CertificateExpired { .. } | Self::CertificateNotYetValid { .. } => {
                client("present a certificate within its validity period")
            }
            Self::CertificateIssuerUnknown { .. } => client(
                "present a certificate from a trusted CA with its intermediates; or the \
                 operator adds the CA to tls_client_auth_trust_anchors",
            ),
            Self::CertificateNotForClientAuth { .. } => {
                client("present a certificate whose extended key usage includes clientAuth")
            }
            Self::CertificatePathInvalid { .. } => client(
                "present a certificate whose path to a trust anchor is valid (key usage, \
                 constraints, signatures)",
            ),
            Self::ClientIdNotAssertionSubject { .. } => {
                client("send a client_id equal to the assertion's sub, or none")
            }
            Self::MalformedAssertion { .. } => client(
                "send the assertion as a JWS compact serialization: three base64url parts, \
                 header and claims JSON objects",
            ),
            Self::UnsecuredAssertion { .. } => {
                client("sign the assertion (alg none is never accepted)")
            }
            Self::UnknownAssertionAlgorithm { .. } => client(
                "sign with an algorithm the server verifies (RS*, PS*, ES*, EdDSA, HS* for \
                 client_secret_jwt)",
            ),
            Self::AssertionAlgorithmNotForMethod { .. } => client(
                "use an asymmetric algorithm for private_key_jwt and an HMAC one for \
                 client_secret_jwt",
            ),
            Self::AssertionAlgorithmNotAllowedByProfile { .. } => client(
                "sign with an algorithm the FAPI profile allows (PS256, ES256; EdDSA under \
                 FAPI 2.0)",
            ),
            Self::AssertionAlgorithmNotSupported { .. } => client(
                "sign with an algorithm in the endpoint's *_auth_signing_alg_values_supported; \
                 or the operator adds it to the list",
            ),
            Self::AssertionAlgorithmNotRegistered { .. } => client(
                "sign with the registered token_endpoint_auth_signing_alg; or the operator \
                 changes the registration",
            ),
            Self::AssertionCriticalHeader { .. } => client("send no crit header member"),
            Self::AssertionKeyHeader { .. } => client(
                "drop jku, jwk, x5u, x5c from the header: the key comes from the registration, \
                 chosen by kid",
            ),
            Self::AssertionTypeNotAllowed { .. } => client(
                "set typ to client-authentication+jwt (or JWT, or leave it out); never reuse \
                 another kind of JWT",
            ),
            Self::AssertionKeyNotFound { .. } => client(
                "send the kid of a registered key; or the operator updates the client's jwks \
                 with the new key",
            ),
            Self::AssertionKeyMismatch { .. } | Self::NoKeyForAlgorithm { .. } => client(
                "sign with the registered key that fits the algorithm (its kty, crv and alg); \
                 or the operator registers such a key",
            ),
            Self::AmbiguousAssertionKey { .. } => client(
                "send a kid naming one key; or the operator gives the registered keys \
                 distinct kids",
            ),
            Self::AssertionKeyTooSmall { .. } => registration(
                "register a larger key: RSA of at least 2048 bits, EC on P-256 or larger",
            ),
            Self::SecretTooShortForAlgorithm { .. } => registration(
                "issue a longer client secret: at least as many bytes as the HMAC's hash \
                 output (32 for HS256)",
            ),
            Self::InvalidAssertionSignature { .. } => client(
                "sign with the private key whose public key is registered (or the registered \
                 secret, for client_secret_jwt); or the operator updates jwks after a key \
                 rotation",
            ),
            Self::AssertionClaimMissing { .. } => {
                client("send iss, sub, aud, exp and jti in the assertion")
            }
            Self::AssertionClaimType { .. } | Self::AssertionDateOutOfRange { .. } => client(
                "send iss, sub, jti as strings, aud as a string, exp, nbf, iat as numbers of \
                 seconds",
            ),
            Self::AssertionIssuerMismatch { .. } | Self::AssertionSubjectMismatch { .. } => {
                client("set both iss and sub to the client_id")
            }
            Self::AssertionAudienceMismatch { .. } => client(
                "send the issuer identifier alone as aud; or, for legacy clients, the server \
                 may set assertion_audience: issuer-or-endpoint",
            ),
            Self::AssertionExpired { .. } => {
                client("make a fresh assertion for each request, and check the client's clock")
            }
            Self::AssertionNotYetValid { .. } => {
                client("check the client's clock: iat and nbf must not be in the future")
            }
            Self::AssertionLifetimeTooLong { .. } => client(
                "set exp closer to iat (a minute or a few); or the server raises \
                 max_assertion_lifetime_seconds",
            ),
            Self::AssertionReplayed { .. } => {
                client("make a new assertion with a new jti for each request")
            }
            Self::ReplayStoreFull { .. } => outage(
                "retry later; the operator may enlarge the replay store or look for a client \
                 flooding it",
            ),
            Self::ReplayClientQuotaExceeded { .. } => client(
                "send fewer assertions with long lifetimes (short exp frees the store sooner)",
            ),
            Self::ReplayStoreUnavailable { .. } => {
                outage("retry later; the operator restores the replay store")
            }
            Self::KeySourceUnavailable { .. } => outage(
                "retry later; the client's jwks_uri must answer over HTTPS within the limits",
            ),
            Self::RepeatedAttestationHeader { .. }
            | Self::MissingAttestationHeader { .. }
            | Self::MalformedAttestationHeader { .. } => client(
                "send exactly one OAuth-Client-Attestation and one OAuth-Client-Attestation-PoP \
                 header, each one compact JWS",
            ),
            Self::AttestationDpopNotSupported { .. } => {
                client("send an OAuth-Client-Attestation-PoP header instead of DPoP")
            }
            Self::AttestationRequired { .. } => client(
                "send a client attestation and its PoP with each request; or the server drops \
                 the requirement",
            ),
            Self::AttestationTypeNotAllowed {
                jwt: AttestationJwt::Wit,
                ..
            } => client(
                "send a WIT-SVID typed wit+jwt for spiffe_wit; a client attestation is for \
                 attest_jwt_client_auth",
            ),
            Self::AttestationTypeNotAllowed { .. } => client(
                "set typ to oauth-client-attestation+jwt and oauth-client-attestation-pop+jwt",
            ),
            Self::AttestationAlgorithmNotAllowed { .. } => {
                client("sign the attestation and PoP with an asymmetric algorithm the server lists")
            }
            Self::AttestationHeaderRefused { .. } => {
                client("send no crit or key-naming header in the attestation JWTs")
            }
            Self::AttestationIssuerUntrusted {
                jwt: AttestationJwt::Wit,
            } => server(
                "hold the trust domain's wit-svid keys in spiffe_bundles; or the workload sends \
                 a WIT-SVID its trust domain issued, with the kid of one of those keys",
            ),
            Self::AttestationIssuerUntrusted { .. } => server(
                "trust the client attester's key (client_attestation_trusted_keys or \
                 client_attestation_trust_anchors); or the client uses a trusted attester",
            ),
            Self::InvalidAttestationSignature {
                jwt: AttestationJwt::Wit,
            } => client(
                "send the WIT-SVID as the trust domain issued it, signed with one of its \
                 wit-svid keys",
            ),
            Self::InvalidAttestationSignature { .. } => client(
                "sign the PoP with the instance key of the attestation's cnf.jwk, and send the \
                 attestation unaltered",
            ),
            Self::AttestationClaimMissing {
                jwt: AttestationJwt::Wit,
                ..
            }
            | Self::AttestationClaimType {
                jwt: AttestationJwt::Wit,
                ..
            } => client(
                "send a WIT-SVID with sub (a SPIFFE ID), exp and cnf.jwk holding alg, the \
                 PoP's algorithm",
            ),
            Self::AttestationClaimMissing { .. } | Self::AttestationClaimType { .. } => client(
                "send every required claim with its JSON type (attestation: sub, exp, cnf.jwk; \
                 PoP: aud, jti, iat)",
            ),
            Self::AttestationInstanceKeyRefused { .. } => {
                client("put only the instance's public key in cnf.jwk")
            }
            Self::AttestationSubjectMismatch { .. } => {
                client("use an attestation issued for this client_id, and send the same client_id")
            }
            Self::AttestationPopAudienceMismatch { .. } => {
                client("set the PoP's aud to the server's issuer identifier")
            }
            Self::AttestationNotYetValid { .. } | Self::AttestationPopTooOld { .. } => {
                client("make a fresh PoP for each request, and check the client's clock")
            }
            Self::AttestationPopReplayed { .. } => {
                client("make a new PoP with a new jti for each request")
            }
            Self::AttestationChallengeRequired { .. } => client(
                "put the challenge the server sent (OAuth-Client-Attestation-Challenge) in \
                 the PoP",
            ),
            Self::AttestationExpired {
                jwt: AttestationJwt::Wit,
                ..
            } => client("fetch a fresh WIT-SVID from the workload API"),
            Self::AttestationExpired { .. } | Self::AttestationTooOld { .. } => {
                client("fetch a fresh attestation from the client attester")
            }
            Self::SpiffeIdInvalid { .. } => client(
                "present an SVID whose SPIFFE ID is spiffe://, a lowercase trust domain and a \
                 path of plain segments",
            ),
            Self::X509SvidInvalid { .. } => client(
                "present a leaf X.509-SVID: one spiffe:// URI SAN, cA false, keyUsage with \
                 digitalSignature and without keyCertSign or cRLSign",
            ),
            Self::SpiffeIdMismatch { .. } => registration(
                "register the workload's SPIFFE ID as spiffe_id (a final /* covers the \
                 workloads under it); or the client presents the SVID of the registered ID",
            ),
            Self::SpiffeBundleMissing { .. } => server(
                "add the SVID's trust domain to spiffe_bundles, with its JWT keys, wit-svid keys \
                 or X.509 authorities",
            ),
        }
    }
}

impl MetadataError {
    /// The rule the registered metadata breaks, with its source and section.
    pub fn rule(&self) -> &'static str {
        match self {
            Self::UnknownAuthMethod { .. } => "RFC 7591 §2 token_endpoint_auth_method",
            Self::MissingClientSecret { .. } | Self::EmptyClientSecret { .. } => {
                "RFC 6749 §2.3.1; RFC 7591 §2"
            }
            Self::InvalidJwks { .. } => "RFC 7517 §5",
            Self::MissingJwks { .. } => "RFC 7591 §2 jwks; RFC 7523 §3",
            Self::JwksUriNotAllowed { .. } => {
                "RFC 7591 §2 jwks_uri (crate policy: https only, no internal addresses)"
            }
            Self::EmptyClientId { .. } => "RFC 6749 §2.2",
            Self::UnknownSigningAlg { .. } => {
                "OpenID Connect Registration §2 token_endpoint_auth_signing_alg; RFC 7591 §2"
            }
            Self::SigningAlgDoesNotFitMethod { .. } => "OpenID Connect Core §9; RFC 8725 §3.1",
            Self::NoUsableKey { .. } => "RFC 7517 §5; RFC 7518 §6",
            Self::InvalidServerMetadata { .. } => "RFC 8414 §2 (server metadata and policy)",
            Self::ConflictingTlsClientAuthFields { .. }
            | Self::MissingTlsClientAuthField { .. } => "RFC 8705 §2.1.2",
            Self::InvalidSubjectDn { .. } => "RFC 8705 §2.1.2; RFC 4514 §3",
            Self::InvalidSubjectAltName { .. } => "RFC 8705 §2.1.2",
            Self::NoRegisteredCertificate { .. } => "RFC 8705 §2.2",
            Self::InvalidRegisteredCertificate { .. } => "RFC 7517 §4.7",
            Self::PrivateKeyInJwks { .. } => "RFC 7591 §2 jwks; RFC 7518 §6.2.2, §6.4.1",
            Self::InvalidSecretHash { .. } => {
                "case format: client_secret_hash (PHC string format; secret_hash_max_cost)"
            }
            Self::ClientSecretBesideHash { .. }
            | Self::ClientSecretsBesideSecret { .. }
            | Self::InvalidClientSecrets { .. }
            | Self::InvalidClientSecretEntry { .. }
            | Self::DuplicateClientSecretId { .. } => {
                "case format: hashed and rotated client secrets"
            }
            Self::ClientSecretJwtNeedsPlaintext { .. } => {
                "OpenID Connect Core §9 client_secret_jwt"
            }
            Self::InvalidTrustAnchor { .. } => "RFC 8705 §2.1; RFC 7468 §5",
            Self::MissingSpiffeId { .. } | Self::InvalidSpiffeId { .. } => {
                "draft-ietf-oauth-spiffe-client-auth-02 §5.1; SPIFFE-ID §2"
            }
            Self::InvalidSpiffeBundle { .. } => "SPIFFE Trust Domain and Bundle §4; X509-SVID §6.2",
        }
    }

    /// What to change in the registration (or, for the server's own metadata, its
    /// configuration).
    pub fn remedy(&self) -> Remedy {
        match self {
            Self::UnknownAuthMethod { .. } => registration(
                "register a token_endpoint_auth_method this server verifies (RFC 7591 and \
                 OpenID Connect names)",
            ),
            Self::MissingClientSecret { .. } | Self::EmptyClientSecret { .. } => registration(
                "register a client_secret (or client_secret_hash, client_secrets) for this \
                 method",
            ),
            Self::InvalidJwks { .. } => {
                registration("register jwks as a JWK Set: an object with a keys array")
            }
            Self::MissingJwks { .. } => {
                registration("register the client's public keys in jwks (resolve jwks_uri into it)")
            }
            Self::JwksUriNotAllowed { .. } => registration(
                "register an https jwks_uri on a public host, without user information",
            ),
            Self::EmptyClientId { .. } => registration("register a non-empty client_id"),
            Self::UnknownSigningAlg { .. } | Self::SigningAlgDoesNotFitMethod { .. } => {
                registration(
                    "register a token_endpoint_auth_signing_alg that fits the method (HS* for \
                     client_secret_jwt, RS*/PS*/ES*/EdDSA for private_key_jwt), or none",
                )
            }
            Self::NoUsableKey { .. } => registration(
                "register at least one public signature key: RSA, EC on P-256/P-384/P-521, \
                 or Ed25519",
            ),
            Self::InvalidServerMetadata { .. } => {
                server("fix the server's metadata or policy value named")
            }
            Self::ConflictingTlsClientAuthFields { .. } => registration(
                "keep exactly one of tls_client_auth_subject_dn and tls_client_auth_san_*",
            ),
            Self::MissingTlsClientAuthField { .. } => {
                registration("register one of tls_client_auth_subject_dn and tls_client_auth_san_*")
            }
            Self::InvalidSubjectDn { .. } => registration(
                "register the subject DN as an RFC 4514 string (as `openssl x509 -subject \
                 -nameopt RFC2253` prints it)",
            ),
            Self::InvalidSubjectAltName { .. } => {
                registration("register a SAN value of its kind (DNS name, URI, IP, e-mail)")
            }
            Self::NoRegisteredCertificate { .. } | Self::InvalidRegisteredCertificate { .. } => {
                registration("register the client's certificate as x5c[0] of a jwks key")
            }
            Self::PrivateKeyInJwks { .. } => registration(
                "register public keys only, and have the client make a new key pair: this one \
                 has leaked",
            ),
            Self::InvalidSecretHash { .. } => registration(
                "register a hash from `oauth-client-auth hash-secret`, or raise \
                 secret_hash_max_cost on the server",
            ),
            Self::ClientSecretBesideHash { .. } | Self::ClientSecretsBesideSecret { .. } => {
                registration("register one of client_secret, client_secret_hash, client_secrets")
            }
            Self::InvalidClientSecrets { .. }
            | Self::InvalidClientSecretEntry { .. }
            | Self::DuplicateClientSecretId { .. } => registration(
                "make client_secrets a non-empty array of entries, each with a unique id and \
                 exactly one of secret and hash",
            ),
            Self::ClientSecretJwtNeedsPlaintext { .. } => registration(
                "keep the plaintext client_secret for client_secret_jwt, or register the \
                 client for private_key_jwt",
            ),
            Self::InvalidTrustAnchor { .. } => {
                server("give tls_client_auth_trust_anchors as PEM certificates")
            }
            Self::MissingSpiffeId { .. } | Self::InvalidSpiffeId { .. } => registration(
                "register spiffe_id as the workload's SPIFFE ID, optionally ending in /*",
            ),
            Self::InvalidSpiffeBundle { .. } => server(
                "key spiffe_bundles by trust domain name, each with a public JWK Set (jwks) \
                 and PEM authorities (x509_authorities)",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::error::assertion::{AudienceProblem, Claim};
    use crate::wire::error::attestation::AttestationJwt;
    use crate::wire::error::clock::Clock;
    use crate::wire::error::shown::ShownList;
    use crate::wire::metadata::algorithm::JwsAlgorithm;
    use crate::wire::metadata::endpoint::Endpoint;
    use crate::wire::metadata::method::AuthMethod;
    use crate::wire::metadata::policy::{AssertionAudience, FapiProfile};

    fn names_a_source(rule: &str) -> bool {
        [
            "RFC ",
            "draft-",
            "OpenID Connect",
            "FAPI",
            "case format",
            "crate policy",
        ]
        .iter()
        .any(|s| rule.contains(s))
    }

    fn representative() -> Vec<AuthError> {
        vec![
            AuthError::BodyTooLarge { limit: 1 },
            AuthError::RepeatedAuthorizationHeader,
            AuthError::MissingClientId,
            AuthError::NoClientAuthentication,
            AuthError::UnknownClient,
            AuthError::InvalidClientMetadata(MetadataError::NoUsableKey),
            AuthError::InvalidServerMetadata(MetadataError::InvalidServerMetadata("x")),
            AuthError::MethodNotSupported {
                method: AuthMethod::None,
                endpoint: Endpoint::Token,
            },
            AuthError::MethodNotAllowedByProfile {
                method: AuthMethod::None,
                profile: FapiProfile::Fapi2,
            },
            AuthError::SecretMismatch {
                credentials_were_form_decoded: false,
            },
            AuthError::SecretExpired { expired_at: 1 },
            AuthError::MissingClientCertificate,
            AuthError::SubjectDnMismatch {
                presented: "CN=a".into(),
                registered: "CN=b".into(),
            },
            AuthError::CertificateIssuerUnknown,
            AuthError::UnsecuredAssertion,
            AuthError::AssertionAlgorithmNotForMethod {
                alg: JwsAlgorithm::Hs256,
                method: AuthMethod::PrivateKeyJwt,
            },
            AuthError::AssertionTypeNotAllowed { typ: None },
            AuthError::AssertionKeyNotFound { kid: "k".into() },
            AuthError::InvalidAssertionSignature,
            AuthError::AssertionClaimMissing { claim: Claim::Jti },
            AuthError::AssertionAudienceMismatch {
                policy: AssertionAudience::Issuer,
                problem: AudienceProblem::EndpointUrl,
                aud: ShownList::many(["https://as.example.com/token"]),
                expected: ShownList::many(["https://as.example.com"]),
            },
            AuthError::AssertionExpired {
                expired_at: 1,
                clock: Clock { now: 100, skew: 30 },
            },
            AuthError::AssertionReplayed,
            AuthError::ReplayStoreFull,
            AuthError::AttestationRequired,
            AuthError::InvalidAttestationSignature {
                jwt: AttestationJwt::Pop,
            },
            AuthError::AttestationExpired {
                jwt: AttestationJwt::Attestation,
                expired_at: 1,
                clock: Clock { now: 100, skew: 30 },
            },
            AuthError::AttestationExpired {
                jwt: AttestationJwt::Wit,
                expired_at: 1,
                clock: Clock { now: 100, skew: 30 },
            },
            AuthError::AttestationIssuerUntrusted {
                jwt: AttestationJwt::Wit,
            },
        ]
    }

    #[test]
    fn every_refusal_names_its_rule_and_a_remedy() {
        for e in representative() {
            let rule = e.rule();
            assert!(names_a_source(rule), "{e:?}: {rule}");
            assert!(!e.remedy().text.is_empty(), "{e:?}");
        }
    }

    #[test]
    fn the_audience_refusal_points_the_client_at_the_issuer() {
        let e = AuthError::AssertionAudienceMismatch {
            policy: AssertionAudience::Issuer,
            problem: AudienceProblem::EndpointUrl,
            aud: ShownList::many(["https://as.example.com/token"]),
            expected: ShownList::many(["https://as.example.com"]),
        };
        assert!(e.rule().contains("RFC 10070"));
        let r = e.remedy();
        assert_eq!(r.side, RemedySide::Client);
        assert!(r.text.contains("issuer-or-endpoint"), "{}", r.text);
    }

    #[test]
    fn registration_faults_send_the_operator_to_the_registration_or_the_server() {
        let e = AuthError::InvalidClientMetadata(MetadataError::ClientSecretJwtNeedsPlaintext);
        assert_eq!(e.remedy().side, RemedySide::Registration);
        assert!(names_a_source(e.rule()));
        let e = AuthError::InvalidServerMetadata(MetadataError::InvalidServerMetadata("x"));
        assert_eq!(e.remedy().side, RemedySide::ServerConfiguration);
        assert_eq!(AuthError::ReplayStoreFull.remedy().side, RemedySide::Outage);
        assert_eq!(RemedySide::Outage.to_string(), "none (outage)");
    }
}
