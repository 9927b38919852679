//! The TLS client certificate as the server received it, and as a proxy forwards it.

use std::fmt;

/// A client certificate as the server received it.
///
/// Textual forms (PEM, URL-encoded PEM from nginx `$ssl_client_escaped_cert`, PEM folded with
/// tab-led lines from nginx `$ssl_client_cert`, base64 DER, RFC 9440 `:BASE64:`) are detected
/// when the request is judged; see [`crate::wire::error::certificate::CertificateForm`]. Each is decoded strictly to the
/// DER of exactly one certificate, and one that does not decode refuses the request with
/// [`AuthError::MalformedCertificate`](crate::AuthError::MalformedCertificate).
///
/// # Behind a TLS-terminating proxy
///
/// Read the certificate from the header your proxy sets with
/// [`CertificateInput::from_proxy_header`]. **The proxy must remove that header from every
/// client request before it sets its own**, or a client can send any certificate it likes
/// in it and authenticate as whoever registered that certificate. nginx's `proxy_set_header`
/// does replace a client's header of the same name, and sends it empty (so, not at all) when
/// no certificate was presented; check what your proxy does. Then make sure only the proxy can
/// reach the server.
#[derive(Clone, PartialEq, Eq)]
pub enum CertificateInput {
    /// DER bytes, as a TLS library hands them over.
    Der(Vec<u8>),
    /// A textual form, as a reverse proxy forwards it in a header.
    Text(String),
}

impl fmt::Debug for CertificateInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Der(d) => write!(f, "CertificateInput::Der({} bytes)", d.len()),
            Self::Text(t) => write!(f, "CertificateInput::Text({} bytes)", t.len()),
        }
    }
}

impl CertificateInput {
    /// The client certificate in the value of a header that a TLS-terminating proxy sets, such
    /// as nginx's `proxy_set_header X-Ssl-Cert $ssl_client_escaped_cert;` or an RFC 9440
    /// `Client-Cert` header. Any of the textual forms is accepted.
    ///
    /// Returns `None` when the value is empty or only whitespace: nginx sends an empty value
    /// when the client presented no certificate. A value that is not UTF-8 is kept (lossily)
    /// so that authentication refuses it as a malformed certificate rather than ignoring it.
    ///
    /// The proxy must strip this header from client requests; see [`CertificateInput`].
    pub fn from_proxy_header(value: &[u8]) -> Option<Self> {
        let value = value.trim_ascii();
        if value.is_empty() {
            return None;
        }
        Some(Self::Text(String::from_utf8_lossy(value).into_owned()))
    }

    /// The intermediate certificates in the value of an RFC 9440 `Client-Cert-Chain` header: a
    /// comma-separated list of byte sequences (RFC 8941 §3.1). An empty value is an empty
    /// chain. Pass each to [`RequestPartsBuilder::client_certificate_chain_entry`](crate::RequestPartsBuilder::client_certificate_chain_entry).
    ///
    /// The proxy must strip this header from client requests; see [`CertificateInput`].
    pub fn chain_from_proxy_header(value: &[u8]) -> Vec<Self> {
        value
            .split(|&b| b == b',')
            .filter_map(Self::from_proxy_header)
            .collect()
    }

    pub(super) fn len(&self) -> usize {
        match self {
            Self::Der(d) => d.len(),
            Self::Text(t) => t.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::wire::error::AuthError;
    use crate::wire::request::limits::*;
    use crate::wire::request::parts::RequestParts;

    #[test]
    fn presented_chain_is_bounded() {
        let entry = || CertificateInput::Text("x".into());
        let mut b = RequestParts::builder();
        for _ in 0..MAX_CHAIN_CERTIFICATES {
            b = b.client_certificate_chain_entry(entry());
        }
        assert!(b.clone().build().is_ok());
        assert_eq!(
            b.client_certificate_chain_entry(entry())
                .build()
                .unwrap_err(),
            AuthError::ValueTooLarge {
                name: "client certificate chain",
                limit: MAX_CHAIN_CERTIFICATES
            }
        );
    }

    #[test]
    fn certificate_input_is_bounded() {
        let big = CertificateInput::Text("A".repeat(MAX_CERTIFICATE_BYTES + 1));
        assert_eq!(
            RequestParts::builder()
                .client_certificate(big)
                .build()
                .unwrap_err(),
            AuthError::ValueTooLarge {
                name: "client certificate",
                limit: MAX_CERTIFICATE_BYTES
            }
        );
        let ok = CertificateInput::Text("A".repeat(MAX_CERTIFICATE_BYTES));
        assert!(RequestParts::builder()
            .client_certificate(ok)
            .build()
            .is_ok());
    }
}
