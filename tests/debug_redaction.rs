//! `Debug` of prepared clients and of the server never shows a secret, an assertion, or key
//! or certificate material.

// Test code throughout, helpers included (clippy.toml allows unwrap and indexing in tests).
#![cfg(test)]

use oauth_client_auth::{ClientMetadata, PreparedClient, PreparedServer, ServerMetadata};

fn client(json: &str) -> ClientMetadata {
    serde_json::from_str(json).unwrap()
}

#[test]
fn prepared_clients_and_server_debug_show_no_key_material() {
    let jwks = include_str!("certs/rfc8705-appendix-a.jwks.json");
    let jwk: serde_json::Value = serde_json::from_str(jwks).unwrap();
    let x = jwk["keys"][0]["x"].as_str().unwrap().to_owned();
    let x5c = jwk["keys"][0]["x5c"][0].as_str().unwrap()[..40].to_owned();
    let secret = "a-very-secret-client-secret-of-32-bytes!";
    let clients = [
        format!(
            r#"{{"client_id":"a","token_endpoint_auth_method":"private_key_jwt","jwks":{jwks}}}"#
        ),
        format!(
            r#"{{"client_id":"a","token_endpoint_auth_method":"self_signed_tls_client_auth","jwks":{jwks}}}"#
        ),
        format!(
            r#"{{"client_id":"a","token_endpoint_auth_method":"client_secret_jwt","client_secret":"{secret}"}}"#
        ),
        format!(
            r#"{{"client_id":"a","token_endpoint_auth_method":"client_secret_basic","client_secret":"{secret}"}}"#
        ),
    ];
    for json in &clients {
        let prepared = PreparedClient::new(&client(json)).unwrap();
        let dbg = format!("{prepared:?}");
        for needle in [x.as_str(), x5c.as_str(), secret] {
            assert!(!dbg.contains(needle), "{needle} in {dbg}");
        }
    }

    let anchor = include_str!("certs/root-ca.pem");
    let mut server = ServerMetadata::new("https://as.example.com");
    server.tls_client_auth_trust_anchors = Some(vec![anchor.to_owned()]);
    let dbg = format!("{:?}", PreparedServer::new(&server).unwrap());
    let body_line = anchor.lines().nth(2).unwrap();
    assert!(!dbg.contains(body_line), "{dbg}");
}
