//! Metadata checked and parsed once, when a client or the server configuration is loaded.
//!
//! [`PreparedClient`] validates a [`ClientMetadata`] (the method is known, the credentials the
//! method needs are registered) and keeps what later requests need in parsed form.
//! [`PreparedServer`] does the same for [`ServerMetadata`]. Both are `Send + Sync` and cheap to
//! share behind an `Arc`. [`crate::authenticate`] prepares on every call; servers that keep
//! clients in memory prepare once and call [`crate::authenticate_prepared`]. The two paths run
//! the same checks and give the same verdicts.

use crate::cert::chain::TrustAnchors;
use crate::cert::CertificateRule;
use crate::error::MetadataError;
use crate::metadata::{AuthMethod, ClientMetadata, ServerMetadata};

/// A registered client, validated and ready to authenticate requests.
#[derive(Debug, Clone)]
pub struct PreparedClient {
    metadata: ClientMetadata,
    method: AuthMethod,
    /// The registered subject, SAN or certificates of the mutual-TLS methods, parsed.
    certificate_rule: Option<CertificateRule>,
}

impl PreparedClient {
    /// Validates the metadata and parses what the registered method needs.
    ///
    /// # Errors
    ///
    /// A [`MetadataError`] naming what is wrong with the registration: an unknown method
    /// (RFC 7591 §2), an empty `client_id`, a secret method without `client_secret`;
    /// `tls_client_auth` without exactly one `tls_client_auth_*` parameter (RFC 8705 §2.1.2),
    /// with a subject DN that is not an RFC 4514 string or a SAN value that does not parse;
    /// `self_signed_tls_client_auth` without an `x5c` certificate in `jwks` (RFC 8705 §2.2).
    pub fn new(metadata: &ClientMetadata) -> Result<Self, MetadataError> {
        if metadata.client_id.is_empty() {
            return Err(MetadataError::EmptyClientId);
        }
        let method = metadata.auth_method()?;
        match method {
            AuthMethod::ClientSecretBasic
            | AuthMethod::ClientSecretPost
            | AuthMethod::ClientSecretJwt => {
                if metadata.client_secret.is_none() {
                    return Err(MetadataError::MissingClientSecret(method));
                }
            }
            AuthMethod::None
            | AuthMethod::PrivateKeyJwt
            | AuthMethod::TlsClientAuth
            | AuthMethod::SelfSignedTlsClientAuth => {}
        }
        let certificate_rule = CertificateRule::prepare(metadata, method)?;
        Ok(Self {
            metadata: metadata.clone(),
            method,
            certificate_rule,
        })
    }

    /// The registered client identifier.
    pub fn client_id(&self) -> &str {
        &self.metadata.client_id
    }

    /// The registered authentication method.
    pub fn method(&self) -> AuthMethod {
        self.method
    }

    /// The metadata this was prepared from.
    pub fn metadata(&self) -> &ClientMetadata {
        &self.metadata
    }

    /// How the client is recognized by its certificate, for the mutual-TLS methods.
    pub(crate) fn certificate_rule(&self) -> Option<&CertificateRule> {
        self.certificate_rule.as_ref()
    }
}

/// The server's metadata and policy, validated and ready to judge requests.
#[derive(Debug, Clone)]
pub struct PreparedServer {
    metadata: ServerMetadata,
    /// `tls_client_auth_trust_anchors`, parsed.
    trust_anchors: Option<TrustAnchors>,
}

impl PreparedServer {
    /// Validates the metadata and parses what later requests need.
    ///
    /// # Errors
    ///
    /// [`MetadataError::InvalidServerMetadata`] when the issuer is empty or
    /// `tls_client_auth_trust_anchors` lists no certificate;
    /// [`MetadataError::InvalidTrustAnchor`] when one of its entries is not PEM certificates.
    pub fn new(metadata: &ServerMetadata) -> Result<Self, MetadataError> {
        if metadata.issuer.is_empty() {
            return Err(MetadataError::InvalidServerMetadata("issuer is empty"));
        }
        let trust_anchors = metadata
            .tls_client_auth_trust_anchors
            .as_deref()
            .map(TrustAnchors::prepare)
            .transpose()?;
        Ok(Self {
            metadata: metadata.clone(),
            trust_anchors,
        })
    }

    /// The metadata this was prepared from.
    pub fn metadata(&self) -> &ServerMetadata {
        &self.metadata
    }

    /// The parsed `tls_client_auth_trust_anchors`, when configured.
    pub(crate) fn trust_anchors(&self) -> Option<&TrustAnchors> {
        self.trust_anchors.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::ClientSecret;

    #[test]
    fn secret_methods_need_a_registered_secret() {
        for name in [
            "client_secret_basic",
            "client_secret_post",
            "client_secret_jwt",
        ] {
            let mut c = ClientMetadata::new("c");
            c.token_endpoint_auth_method = Some(name.into());
            let method: AuthMethod = name.parse().unwrap();
            assert_eq!(
                PreparedClient::new(&c).unwrap_err(),
                MetadataError::MissingClientSecret(method),
                "{name}"
            );
            c.client_secret = Some(ClientSecret::new("s"));
            assert_eq!(PreparedClient::new(&c).unwrap().method(), method);
        }
    }

    #[test]
    fn unknown_method_and_empty_id_are_metadata_errors() {
        let mut c = ClientMetadata::new("c");
        c.token_endpoint_auth_method = Some("client_secret".into());
        assert_eq!(
            PreparedClient::new(&c).unwrap_err(),
            MetadataError::UnknownAuthMethod("client_secret".into())
        );
        let mut c = ClientMetadata::new("");
        c.token_endpoint_auth_method = Some("none".into());
        assert_eq!(
            PreparedClient::new(&c).unwrap_err(),
            MetadataError::EmptyClientId
        );
    }

    #[test]
    fn empty_issuer_is_invalid_server_metadata() {
        assert!(PreparedServer::new(&ServerMetadata::new("https://as")).is_ok());
        assert_eq!(
            PreparedServer::new(&ServerMetadata::new("")).unwrap_err(),
            MetadataError::InvalidServerMetadata("issuer is empty")
        );
    }

    #[test]
    fn prepared_types_are_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<PreparedClient>();
        check::<PreparedServer>();
    }
}
