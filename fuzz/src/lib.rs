//! The fixed setup the fuzz targets share: the clock, the server, one registered client per
//! method, and the certificates and keys they name. Everything comes from `fixtures/` (see
//! `fixtures/README.md`) and goes only through the crate's public API.
//!
//! A fixture client that the crate refuses to prepare is left out with a warning on standard
//! error rather than a panic: only the crate's own crashes count as findings.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::sync::OnceLock;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use oauth_client_auth::{
    authenticate_prepared, CertificateInput, ClientMetadata, InMemoryReplayCache, PreparedClient,
    PreparedServer, RequestParts, ServerMetadata,
};
use p256::ecdsa::signature::Signer;
use sha2::Sha256;

/// `client_assertion_type` of a JWT client assertion (RFC 7523 §2.2).
pub const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/// The `client_id` of the client that `subject_dn` registers with the fuzzed DN.
pub const DN_CLIENT_ID: &str = "fuzz-dn";

/// The CA-issued leaf with a multi-valued RDN and every SAN type (`fixtures/leaf.pem`).
pub const LEAF_PEM: &str = include_str!("../fixtures/leaf.pem");
/// The CA that issued [`LEAF_PEM`], the anchored server's trust anchor.
pub const ROOT_PEM: &str = include_str!("../fixtures/root.pem");
/// RFC 8705's self-signed `CN=mtls` certificate (from the seed document).
pub const MTLS_PEM: &str = include_str!("../fixtures/mtls.pem");
/// The self-signed `CN=client.example.com` certificate of the seed document's nginx example.
pub const CLIENT_PEM: &str = include_str!("../fixtures/client.example.com.pem");

const FIXTURES_JSON: &str = include_str!("../fixtures/fixtures.json");
const ES256_JWK: &str = include_str!("../fixtures/es256.jwk");

/// The shared setup; built once per process by [`fixtures`].
pub struct Fixtures {
    /// The injected clock of every request, Unix seconds.
    pub now: i64,
    /// The server: every method listed for every endpoint, no trust anchors.
    pub server: PreparedServer,
    /// The same server with [`ROOT_PEM`] as `tls_client_auth_trust_anchors`, when it prepares.
    pub anchored_server: Option<PreparedServer>,
    clients: BTreeMap<String, PreparedClient>,
    hs256_secret: Vec<u8>,
    es256_key: p256::ecdsa::SigningKey,
    dn_requests: Vec<RequestParts>,
}

/// The process-wide [`Fixtures`].
pub fn fixtures() -> &'static Fixtures {
    static FIXTURES: OnceLock<Fixtures> = OnceLock::new();
    FIXTURES.get_or_init(Fixtures::load)
}

impl Fixtures {
    fn load() -> Self {
        let fx: serde_json::Value =
            serde_json::from_str(FIXTURES_JSON).expect("fixtures.json is JSON");
        let now = fx["now"].as_i64().expect("fixtures.json has now");
        let server_metadata: ServerMetadata =
            serde_json::from_value(fx["server"].clone()).expect("fixtures.json has a server");
        let server = PreparedServer::new(&server_metadata).expect("the fixture server prepares");
        let mut anchored = server_metadata.clone();
        anchored.tls_client_auth_trust_anchors = Some(vec![ROOT_PEM.to_owned()]);
        let anchored_server = PreparedServer::new(&anchored)
            .map_err(|e| eprintln!("fuzz fixtures: anchored server left out: {e}"))
            .ok();

        let mut clients = BTreeMap::new();
        let mut hs256_secret = Vec::new();
        let entries = fx["clients"]
            .as_object()
            .expect("fixtures.json has clients");
        for (name, json) in entries {
            let metadata: ClientMetadata =
                serde_json::from_value(json.clone()).expect("fixture clients deserialize");
            if name == "client_secret_jwt" {
                if let Some(secret) = &metadata.client_secret {
                    hs256_secret = secret.expose().as_bytes().to_vec();
                }
            }
            match PreparedClient::new(&metadata) {
                Ok(client) => {
                    clients.insert(name.clone(), client);
                }
                Err(e) => eprintln!("fuzz fixtures: client {name} left out: {e}"),
            }
        }

        let jwk: serde_json::Value = serde_json::from_str(ES256_JWK).expect("es256.jwk is JSON");
        let d = URL_SAFE_NO_PAD
            .decode(jwk["d"].as_str().expect("es256.jwk has d"))
            .expect("d is base64url");
        let es256_key = p256::ecdsa::SigningKey::from_slice(&d).expect("d is a P-256 scalar");

        let dn_requests = [LEAF_PEM, MTLS_PEM, CLIENT_PEM]
            .iter()
            .filter_map(|pem| {
                RequestParts::builder()
                    .now(now)
                    .form_pairs([("client_id", DN_CLIENT_ID)])
                    .client_certificate(CertificateInput::Text((*pem).to_owned()))
                    .build()
                    .ok()
            })
            .collect();

        Self {
            now,
            server,
            anchored_server,
            clients,
            hs256_secret,
            es256_key,
            dn_requests,
        }
    }

    /// The prepared fixture client of this name (a key of `fixtures.json`'s `clients`), unless
    /// the crate refused to prepare it.
    pub fn client(&self, name: &str) -> Option<&PreparedClient> {
        self.clients.get(name)
    }

    /// The certificate clients, each with the server that judges it: every `tls_client_auth`
    /// and `self_signed_tls_client_auth` client against [`Fixtures::server`], and the
    /// subject-DN client against [`Fixtures::anchored_server`] too.
    pub fn certificate_clients(&self) -> Vec<(&PreparedClient, &PreparedServer)> {
        let mut pairs: Vec<_> = self
            .clients
            .iter()
            .filter(|(name, _)| name.starts_with("tls_") || name.starts_with("self_signed_"))
            .map(|(_, client)| (client, &self.server))
            .collect();
        if let (Some(client), Some(server)) =
            (self.client("tls_subject_dn"), self.anchored_server.as_ref())
        {
            pairs.push((client, server));
        }
        pairs
    }

    /// Requests from [`DN_CLIENT_ID`] presenting each fixed certificate (leaf, `CN=mtls`,
    /// `CN=client.example.com`).
    pub fn dn_requests(&self) -> &[RequestParts] {
        &self.dn_requests
    }

    /// A compact JWS of `header` and `claims` (any bytes), signed with ES256 by the private
    /// key of the `private_key_jwt` client's JWK.
    pub fn sign_es256(&self, header: &[u8], claims: &[u8]) -> String {
        let input = signing_input(header, claims);
        let signature: p256::ecdsa::Signature = self.es256_key.sign(input.as_bytes());
        format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()))
    }

    /// A compact JWS of `header` and `claims`, signed with HS256 by the `client_secret_jwt`
    /// client's secret.
    pub fn sign_hs256(&self, header: &[u8], claims: &[u8]) -> String {
        let input = signing_input(header, claims);
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.hs256_secret).expect("HMAC takes any key");
        mac.update(input.as_bytes());
        format!(
            "{input}.{}",
            URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
        )
    }

    /// Authenticates `request` as `client` with a fresh replay cache (so that every input
    /// reproduces alone), then renders the verdict the way a server would answer with it.
    pub fn judge(&self, request: &RequestParts, client: &PreparedClient, server: &PreparedServer) {
        let replay = InMemoryReplayCache::with_capacity(16);
        match authenticate_prepared(request, client, server, &replay) {
            Ok(who) => {
                black_box((
                    who.client_id(),
                    who.method(),
                    who.certificate_thumbprint(),
                    who.jti(),
                    who.assertion_expires_at(),
                ));
            }
            Err(e) => {
                black_box((
                    e.oauth_code().as_str(),
                    e.status(),
                    e.description(),
                    e.www_authenticate(request.basic_attempted()),
                    e.to_string(),
                ));
            }
        }
    }
}

fn signing_input(header: &[u8], claims: &[u8]) -> String {
    format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(claims)
    )
}
