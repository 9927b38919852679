//! Adapter for the `http` crate (feature `http`): read a request's headers, and the client
//! certificate a TLS-terminating proxy forwards, from an [`http::HeaderMap`] as hyper, axum and
//! tower hand it over. Nothing here changes what the core decides.

use http::header::{HeaderName, AUTHORIZATION};
use http::HeaderMap;

use crate::wire::request::{CertificateInput, RequestPartsBuilder};

impl RequestPartsBuilder {
    /// Adds every `Authorization`, `OAuth-Client-Attestation`, `OAuth-Client-Attestation-PoP`
    /// and `DPoP` header of `headers`, in order (two of the first three are refused by
    /// [`RequestPartsBuilder::build`], as with [`RequestPartsBuilder::header`]); other headers
    /// are not read.
    #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
    pub fn http_headers(mut self, headers: &HeaderMap) -> Self {
        for name in [
            AUTHORIZATION.as_str(),
            "oauth-client-attestation",
            "oauth-client-attestation-pop",
            "dpop",
        ] {
            for value in headers.get_all(name) {
                self = self.header(name, value.as_bytes());
            }
        }
        self
    }

    /// Sets the client certificate from the header `name` that a TLS-terminating proxy sets
    /// (for example nginx's `proxy_set_header X-Ssl-Cert $ssl_client_escaped_cert;`), read with
    /// [`CertificateInput::from_proxy_header`]: an absent or empty header is no certificate.
    ///
    /// The proxy must strip this header from client requests; see [`CertificateInput`]. A
    /// header that appears more than once is taken as a malformed certificate, not resolved by
    /// picking one.
    #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
    pub fn http_client_certificate_header(self, headers: &HeaderMap, name: &HeaderName) -> Self {
        let mut values = headers.get_all(name).iter();
        match (values.next(), values.next()) {
            (None, _) => self,
            (Some(one), None) => match CertificateInput::from_proxy_header(one.as_bytes()) {
                Some(certificate) => self.client_certificate(certificate),
                None => self,
            },
            // Two certificate headers: something between the client and the proxy added one.
            (Some(_), Some(_)) => {
                self.client_certificate(CertificateInput::Text("repeated header".to_owned()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use http::HeaderValue;

    use crate::dispatch::authenticate;
    use crate::wire::error::certificate::CertificateFormatError;
    use crate::wire::error::AuthError;
    use crate::wire::metadata::client::ClientMetadata;
    use crate::wire::metadata::server::ServerMetadata;
    use crate::wire::request::RequestParts;

    use super::*;

    const MTLS_PEM: &str = include_str!("../tests/certs/rfc8705-appendix-a.pem");

    fn escaped(pem: &str) -> String {
        const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'.')
            .remove(b'_')
            .remove(b'~');
        percent_encoding::utf8_percent_encode(pem, UNRESERVED).to_string()
    }

    #[test]
    fn authorization_is_read_from_a_header_map() {
        let mut headers = HeaderMap::new();
        headers.insert(
            AUTHORIZATION,
            HeaderValue::from_static("Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW"),
        );
        headers.insert("x-other", HeaderValue::from_static("1"));
        let r = RequestParts::builder()
            .http_headers(&headers)
            .build()
            .unwrap();
        assert_eq!(r.basic().unwrap().client_id(), "s6BhdRkqt3");

        headers.append(AUTHORIZATION, HeaderValue::from_static("Basic YTpi"));
        assert_eq!(
            RequestParts::builder()
                .http_headers(&headers)
                .build()
                .unwrap_err(),
            AuthError::RepeatedAuthorizationHeader
        );
    }

    #[test]
    fn certificate_header_authenticates_a_self_signed_client() {
        let name = HeaderName::from_static("x-ssl-cert");
        let mut headers = HeaderMap::new();
        headers.insert(&name, HeaderValue::from_str(&escaped(MTLS_PEM)).unwrap());
        let request = RequestParts::builder()
            .form_body("client_id=c1")
            .http_client_certificate_header(&headers, &name)
            .now(1_764_300_000)
            .build()
            .unwrap();
        let client: ClientMetadata = serde_json::from_value(serde_json::json!({
            "client_id": "c1",
            "token_endpoint_auth_method": "self_signed_tls_client_auth",
            "jwks": serde_json::from_str::<serde_json::Value>(
                include_str!("../tests/certs/rfc8705-appendix-a.jwks.json")).unwrap(),
        }))
        .unwrap();
        let mut server = ServerMetadata::new("https://as.example.com");
        server.token_endpoint_auth_methods_supported =
            Some(vec!["self_signed_tls_client_auth".into()]);
        let ok = authenticate(&request, &client, &server).unwrap();
        // RFC 8705 Appendix A's thumbprint.
        assert_eq!(
            ok.certificate_thumbprint(),
            Some("A4DtL2JmUMhAsvJj5tKyn64SqzmuXbMrJa0n761y5v0")
        );
    }

    #[test]
    fn absent_or_empty_certificate_header_is_no_certificate_and_two_are_refused() {
        let name = HeaderName::from_static("x-ssl-cert");
        let mut headers = HeaderMap::new();
        let r = RequestParts::builder()
            .http_client_certificate_header(&headers, &name)
            .build()
            .unwrap();
        assert!(r.client_certificate().is_none());

        headers.insert(&name, HeaderValue::from_static(""));
        let r = RequestParts::builder()
            .http_client_certificate_header(&headers, &name)
            .build()
            .unwrap();
        assert!(r.client_certificate().is_none());

        headers.insert(&name, HeaderValue::from_str(&escaped(MTLS_PEM)).unwrap());
        headers.append(&name, HeaderValue::from_str(&escaped(MTLS_PEM)).unwrap());
        let r = RequestParts::builder()
            .form_body("client_id=c1")
            .http_client_certificate_header(&headers, &name)
            .build()
            .unwrap();
        let mut client = ClientMetadata::new("c1");
        client.token_endpoint_auth_method = Some("none".into());
        let mut server = ServerMetadata::new("https://as.example.com");
        server.token_endpoint_auth_methods_supported = Some(vec!["none".into()]);
        assert_eq!(
            authenticate(&r, &client, &server).unwrap_err(),
            AuthError::MalformedCertificate {
                form: None,
                error: CertificateFormatError::UnrecognizedForm,
            }
        );
    }
}
