//! The client certificate input forms (PEM, URL-encoded PEM, tab-folded PEM, base64 DER,
//! RFC 9440 `:BASE64:`, DER) through DER parsing and subject DN / SAN extraction: the input as
//! `CertificateInput::Der` and, when it is UTF-8, as `CertificateInput::Text`, presented by
//! every `tls_client_auth` client (subject DN, each SAN type, with and without trust anchors)
//! and every `self_signed_tls_client_auth` client (RFC 8705 §2); and as an intermediate beside
//! the fixed leaf, for chain building to the anchored server's root.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth_client_auth::{CertificateInput, RequestParts};
use oauth_client_auth_fuzz::{fixtures, LEAF_PEM};

fuzz_target!(|data: &[u8]| {
    let fx = fixtures();
    let mut inputs = vec![CertificateInput::Der(data.to_vec())];
    if let Ok(text) = std::str::from_utf8(data) {
        inputs.push(CertificateInput::Text(text.to_owned()));
    }
    for input in inputs {
        for (client, server) in fx.certificate_clients() {
            let request = RequestParts::builder()
                .now(fx.now)
                .form_pairs([("client_id", client.client_id())])
                .client_certificate(input.clone())
                .build();
            if let Ok(request) = request {
                fx.judge(&request, client, server);
            }
        }
        if let (Some(client), Some(server)) = (fx.client("tls_subject_dn"), &fx.anchored_server) {
            let request = RequestParts::builder()
                .now(fx.now)
                .form_pairs([("client_id", client.client_id())])
                .client_certificate(CertificateInput::Text(LEAF_PEM.to_owned()))
                .client_certificate_chain_entry(input)
                .build();
            if let Ok(request) = request {
                fx.judge(&request, client, server);
            }
        }
    }
});
