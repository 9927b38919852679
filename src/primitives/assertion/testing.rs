//! Test support: the committed test keys (`tests/vectors/keys/`, made with OpenSSL) and a
//! signer that builds compact JWS by hand, so that tests control every header member and
//! claim, including the malformed ones no JOSE library would produce.

// Compiled for tests only (`#[cfg(test)] mod testing;` in `assertion/mod.rs`); fixed test
// inputs may panic.
#![cfg(test)]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use josekit::jwk::alg::ec::{EcCurve, EcKeyPair};
use josekit::jwk::alg::ed::EdKeyPair;
use josekit::jwk::alg::rsa::RsaKeyPair;
use josekit::jwk::KeyPair;
use josekit::jws::{
    EdDSA, JwsSigner, ES256, ES384, ES512, PS256, PS384, PS512, RS256, RS384, RS512,
};
use serde_json::Value;
use sha2::{Sha256, Sha384, Sha512};

/// The test keys, by the file they come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TestKey {
    Rsa2048,
    /// Too small to be accepted (RFC 7518 §3.3); josekit will not sign with it either.
    Rsa1024,
    P256,
    P384,
    P521,
    Ed25519,
}

impl TestKey {
    pub(crate) const USABLE: [TestKey; 5] = [
        TestKey::Rsa2048,
        TestKey::P256,
        TestKey::P384,
        TestKey::P521,
        TestKey::Ed25519,
    ];

    fn pem(self) -> &'static str {
        match self {
            Self::Rsa2048 => include_str!("../../../tests/vectors/keys/rsa-2048.pem"),
            Self::Rsa1024 => include_str!("../../../tests/vectors/keys/rsa-1024.pem"),
            Self::P256 => include_str!("../../../tests/vectors/keys/ec-p256.pem"),
            Self::P384 => include_str!("../../../tests/vectors/keys/ec-p384.pem"),
            Self::P521 => include_str!("../../../tests/vectors/keys/ec-p521.pem"),
            Self::Ed25519 => include_str!("../../../tests/vectors/keys/ed25519.pem"),
        }
    }

    fn key_pair(self) -> Box<dyn KeyPair> {
        let pem = self.pem();
        match self {
            Self::Rsa2048 | Self::Rsa1024 => Box::new(RsaKeyPair::from_pem(pem).unwrap()),
            Self::P256 => Box::new(EcKeyPair::from_pem(pem, Some(EcCurve::P256)).unwrap()),
            Self::P384 => Box::new(EcKeyPair::from_pem(pem, Some(EcCurve::P384)).unwrap()),
            Self::P521 => Box::new(EcKeyPair::from_pem(pem, Some(EcCurve::P521)).unwrap()),
            Self::Ed25519 => Box::new(EdKeyPair::from_pem(pem).unwrap()),
        }
    }
}

/// The public JWK of a test key, as JSON.
pub(crate) fn public_jwk(key: TestKey) -> Value {
    serde_json::to_value(key.key_pair().to_jwk_public_key()).unwrap()
}

/// A JWK Set of the public test keys, each with its `kid` and with no `alg`.
pub(crate) fn jwks(keys: &[(TestKey, &str)]) -> Value {
    let keys: Vec<Value> = keys
        .iter()
        .map(|(key, kid)| {
            let mut jwk = public_jwk(*key);
            jwk["kid"] = Value::from(*kid);
            jwk
        })
        .collect();
    serde_json::json!({ "keys": keys })
}

/// `base` with each member of `changes` set, or removed where `changes` holds `null`.
pub(crate) fn with(mut base: Value, changes: Value) -> Value {
    if let (Some(base), Value::Object(changes)) = (base.as_object_mut(), changes) {
        for (k, v) in changes {
            if v.is_null() {
                base.remove(&k);
            } else {
                base.insert(k, v);
            }
        }
    }
    base
}

pub(crate) fn b64(data: impl AsRef<[u8]>) -> String {
    URL_SAFE_NO_PAD.encode(data)
}

/// `BASE64URL(header).BASE64URL(payload).BASE64URL(signature)`, from raw JSON texts.
pub(crate) fn compact(header: &str, payload: &str, signature: &[u8]) -> String {
    format!("{}.{}.{}", b64(header), b64(payload), b64(signature))
}

/// What signs a test assertion.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Signer<'a> {
    /// A private test key.
    Key(TestKey),
    /// An HMAC key: the client secret's octets, or anything else (a public key's bytes).
    Hmac(&'a [u8]),
}

/// Signs `claims` with `header` (which names the `alg`) as a compact JWS.
pub(crate) fn sign(signer: Signer<'_>, header: &Value, claims: &Value) -> String {
    let alg = header["alg"].as_str().unwrap();
    let input = format!("{}.{}", b64(header.to_string()), b64(claims.to_string()));
    let signature = raw_signature(signer, alg, input.as_bytes());
    format!("{input}.{}", b64(signature))
}

/// The signature of `message` by `signer` under `alg`.
pub(crate) fn raw_signature(signer: Signer<'_>, alg: &str, message: &[u8]) -> Vec<u8> {
    match signer {
        Signer::Hmac(key) => match alg {
            "HS256" => mac::<Hmac<Sha256>>(key, message),
            "HS384" => mac::<Hmac<Sha384>>(key, message),
            "HS512" => mac::<Hmac<Sha512>>(key, message),
            other => panic!("no HMAC for {other}"),
        },
        Signer::Key(key) => {
            let private = key.key_pair().to_jwk_private_key();
            let signer: Box<dyn JwsSigner> = match alg {
                "RS256" => Box::new(RS256.signer_from_jwk(&private).unwrap()),
                "RS384" => Box::new(RS384.signer_from_jwk(&private).unwrap()),
                "RS512" => Box::new(RS512.signer_from_jwk(&private).unwrap()),
                "PS256" => Box::new(PS256.signer_from_jwk(&private).unwrap()),
                "PS384" => Box::new(PS384.signer_from_jwk(&private).unwrap()),
                "PS512" => Box::new(PS512.signer_from_jwk(&private).unwrap()),
                "ES256" => Box::new(ES256.signer_from_jwk(&private).unwrap()),
                "ES384" => Box::new(ES384.signer_from_jwk(&private).unwrap()),
                "ES512" => Box::new(ES512.signer_from_jwk(&private).unwrap()),
                // Ed25519 (RFC 9864) is EdDSA with an Ed25519 key: same signature.
                "EdDSA" | "Ed25519" => Box::new(EdDSA.signer_from_jwk(&private).unwrap()),
                // An algorithm the key does not serve: sign with what the key has, so the
                // verifier must refuse on the algorithm, not on a missing signature.
                _ => return raw_signature(signer, default_alg(key), message),
            };
            signer.sign(message).unwrap()
        }
    }
}

fn default_alg(key: TestKey) -> &'static str {
    match key {
        TestKey::Rsa2048 | TestKey::Rsa1024 => "RS256",
        TestKey::P256 => "ES256",
        TestKey::P384 => "ES384",
        TestKey::P521 => "ES512",
        TestKey::Ed25519 => "EdDSA",
    }
}

fn mac<M: Mac + hmac::digest::KeyInit>(key: &[u8], message: &[u8]) -> Vec<u8> {
    let mut m = <M as hmac::digest::KeyInit>::new_from_slice(key).unwrap();
    m.update(message);
    m.finalize().into_bytes().to_vec()
}
