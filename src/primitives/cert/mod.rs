//! TLS client certificates: how they reach the server ([`input`]), what a client registers to
//! be recognized by one ([`dn`], [`san`], `x5c` in `jwks`), chain validation against the
//! server's trust anchors ([`chain`]), and the `x5t#S256` thumbprint of RFC 8705 §3.1.
//!
//! The dispatcher decodes a presented certificate once, whatever the method, and keeps it as a
//! [`ClientCertificate`]: the DER (borrowed when the caller gave DER) and the parsed
//! certificate. A certificate that does not decode is refused with
//! [`AuthError::MalformedCertificate`] (`invalid_client`) even under a method that does not
//! use it: the server would otherwise issue a token that cannot be bound to the certificate
//! the client presented (RFC 8705 §3), and garbage in a proxy's certificate header points at a
//! misconfigured proxy or a forged header.

pub(crate) mod chain;
pub(crate) mod dn;
pub(crate) mod input;
pub(crate) mod san;
pub(crate) mod xfcc;

use std::borrow::Cow;
use std::fmt;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use sha2::{Digest as _, Sha256};
use x509_cert::name::Name;
use x509_cert::Certificate;

use crate::primitives::assertion::key::refuse_private_members;
use crate::wire::error::certificate::{CertificateForm, CertificateFormatError};
use crate::wire::error::registration::MetadataError;
use crate::wire::error::AuthError;
use crate::wire::metadata::client::ClientMetadata;
use crate::wire::metadata::method::AuthMethod;
use crate::wire::metadata::san::SanKind;
use crate::wire::request::CertificateInput;

/// A presented certificate, decoded and parsed.
pub(crate) struct ClientCertificate<'a> {
    form: CertificateForm,
    der: Cow<'a, [u8]>,
    certificate: Certificate,
}

impl fmt::Debug for ClientCertificate<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ClientCertificate({}, {} bytes)",
            self.form,
            self.der.len()
        )
    }
}

impl<'a> ClientCertificate<'a> {
    /// Decodes the client certificate of a request.
    pub(crate) fn decode(input: &'a CertificateInput) -> Result<Self, AuthError> {
        input::decode_certificate(input)
            .map(|(form, der, certificate)| Self {
                form,
                der,
                certificate,
            })
            .map_err(|e| AuthError::MalformedCertificate {
                form: e.form,
                error: e.error,
            })
    }

    /// Decodes entry `index` of the presented chain.
    pub(crate) fn decode_chain_entry(
        index: usize,
        input: &'a CertificateInput,
    ) -> Result<Self, AuthError> {
        input::decode_certificate(input)
            .map(|(form, der, certificate)| Self {
                form,
                der,
                certificate,
            })
            .map_err(|e| AuthError::MalformedChainCertificate {
                index,
                form: e.form,
                error: e.error,
            })
    }

    /// The form the certificate arrived in.
    pub(crate) fn form(&self) -> CertificateForm {
        self.form
    }

    /// The certificate's DER.
    pub(crate) fn der(&self) -> &[u8] {
        &self.der
    }

    /// The parsed certificate.
    pub(crate) fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    /// The certificate's subject.
    pub(crate) fn subject(&self) -> &Name {
        &self.certificate.tbs_certificate.subject
    }

    /// RFC 8705 §3.1: `x5t#S256`, the base64url (no padding) SHA-256 of the DER.
    pub(crate) fn thumbprint(&self) -> String {
        URL_SAFE_NO_PAD.encode(Sha256::digest(&self.der))
    }
}

/// How a client registered to be recognized by its certificate, parsed once.
#[derive(Debug, Clone)]
pub(crate) enum CertificateRule {
    /// `tls_client_auth` with `tls_client_auth_subject_dn`.
    SubjectDn(dn::DistinguishedName),
    /// `tls_client_auth` with one of the `tls_client_auth_san_*` parameters.
    SubjectAltName(san::RegisteredSan),
    /// `self_signed_tls_client_auth`: the `x5c[0]` certificates of the `jwks` keys.
    Registered(RegisteredCertificates),
}

/// The DER of the certificates a `self_signed_tls_client_auth` client registered.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct RegisteredCertificates(Vec<Vec<u8>>);

impl fmt::Debug for RegisteredCertificates {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RegisteredCertificates({} certificates)", self.0.len())
    }
}

impl RegisteredCertificates {
    /// RFC 8705 §2.2: whether the presented certificate is one of the registered ones,
    /// compared as DER.
    pub(crate) fn contains(&self, der: &[u8]) -> bool {
        self.0.iter().any(|registered| registered.as_slice() == der)
    }

    /// How many certificates are registered.
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }
}

impl CertificateRule {
    /// Parses what the registered method needs from the metadata: `None` for the methods that
    /// do not use a certificate.
    pub(crate) fn prepare(
        metadata: &ClientMetadata,
        method: AuthMethod,
    ) -> Result<Option<Self>, MetadataError> {
        match method {
            AuthMethod::TlsClientAuth => tls_client_auth_rule(metadata).map(Some),
            AuthMethod::SelfSignedTlsClientAuth => {
                registered_certificates(metadata, method).map(|c| Some(Self::Registered(c)))
            }
            AuthMethod::None
            | AuthMethod::ClientSecretBasic
            | AuthMethod::ClientSecretPost
            | AuthMethod::ClientSecretJwt
            | AuthMethod::PrivateKeyJwt
            | AuthMethod::AttestJwtClientAuth
            // spiffe_x509: the registered `spiffe_id`, prepared beside this.
            | AuthMethod::SpiffeJwt
            | AuthMethod::SpiffeX509
            | AuthMethod::SpiffeWit => Ok(None),
        }
    }
}

/// RFC 8705 §2.1.2: "A client using the tls_client_auth authentication method MUST use exactly
/// one of the below metadata parameters".
fn tls_client_auth_rule(metadata: &ClientMetadata) -> Result<CertificateRule, MetadataError> {
    let sans = [
        (SanKind::Dns, &metadata.tls_client_auth_san_dns),
        (SanKind::Uri, &metadata.tls_client_auth_san_uri),
        (SanKind::Ip, &metadata.tls_client_auth_san_ip),
        (SanKind::Email, &metadata.tls_client_auth_san_email),
    ];
    let mut present = metadata
        .tls_client_auth_subject_dn
        .as_ref()
        .map(|_| "tls_client_auth_subject_dn")
        .into_iter()
        .chain(
            sans.iter()
                .filter(|(_, value)| value.is_some())
                .map(|(kind, _)| kind.metadata_name()),
        );
    if let (Some(first), Some(second)) = (present.next(), present.next()) {
        return Err(MetadataError::ConflictingTlsClientAuthFields { first, second });
    }
    if let Some(dn) = &metadata.tls_client_auth_subject_dn {
        return dn::DistinguishedName::parse(dn)
            .map(CertificateRule::SubjectDn)
            .map_err(MetadataError::InvalidSubjectDn);
    }
    for (kind, value) in sans {
        if let Some(value) = value {
            return san::RegisteredSan::parse(kind, value).map(CertificateRule::SubjectAltName);
        }
    }
    Err(MetadataError::MissingTlsClientAuthField)
}

/// RFC 8705 §2.2: the certificates a self-signed client registered, as `x5c` of its `jwks`
/// keys. RFC 7517 §4.7: each `x5c` member is standard Base64 (not base64url) of DER, and the
/// first is the key's own certificate; the rest of a chain is not used. Keys without `x5c` (a
/// signing key for `private_key_jwt`, say) are skipped; a key that publishes a private member
/// is refused (RFC 7591 §2).
fn registered_certificates(
    metadata: &ClientMetadata,
    method: AuthMethod,
) -> Result<RegisteredCertificates, MetadataError> {
    // The crate never fetches jwks_uri: the caller resolves it into jwks.
    let jwks = metadata
        .jwks
        .as_ref()
        .ok_or(MetadataError::MissingJwks(method))?;
    let keys = jwks
        .get("keys")
        .and_then(serde_json::Value::as_array)
        .ok_or(MetadataError::InvalidJwks("jwks has no \"keys\" array"))?;
    let mut certificates = Vec::new();
    for (key_index, key) in keys.iter().enumerate() {
        let key = key.as_object().ok_or(MetadataError::InvalidJwks(
            "a member of \"keys\" is not an object",
        ))?;
        // RFC 7591 §2: jwks holds public keys only.
        refuse_private_members(key, key_index)?;
        let Some(x5c) = key.get("x5c") else {
            continue;
        };
        let first = x5c
            .as_array()
            .ok_or(MetadataError::InvalidJwks("x5c is not an array"))?
            .first()
            .ok_or(MetadataError::InvalidRegisteredCertificate {
                key_index,
                error: CertificateFormatError::Empty,
            })?
            .as_str()
            .ok_or(MetadataError::InvalidJwks("x5c holds a non-string"))?;
        let invalid = |error| MetadataError::InvalidRegisteredCertificate { key_index, error };
        let der = STANDARD
            .decode(first)
            .map_err(|_| invalid(CertificateFormatError::Base64))?;
        input::parse_der(&der).map_err(invalid)?;
        certificates.push(der);
    }
    if certificates.is_empty() {
        return Err(MetadataError::NoRegisteredCertificate);
    }
    Ok(RegisteredCertificates(certificates))
}
