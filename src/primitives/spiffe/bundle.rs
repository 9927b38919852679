//! The server's SPIFFE trust bundles, parsed once and keyed by trust domain
//! (draft-ietf-oauth-spiffe-client-auth-02 §6: bundles "MUST be keyed by the trust domain
//! identifier to prevent mix up between trust domain and their corresponding bundles").
//!
//! An SVID is verified with the bundle of its own trust domain, looked up by name; no other
//! bundle, no system store (§6.2.3) and no key named by the SVID itself (§6.2.4, §8.1) ever
//! stands in.

use std::collections::BTreeMap;
use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::{Map, Value};

use crate::primitives::assertion::key::JwkSet;
use crate::primitives::cert::chain::TrustAnchors;
use crate::primitives::cert::input::decode_pem_bundle;
use crate::primitives::spiffe::id::check_trust_domain;
use crate::wire::error::registration::MetadataError;
use crate::wire::error::spiffe::SvidKind;
use crate::wire::limits::MAX_JWKS_KEYS;
use crate::wire::metadata::spiffe::SpiffeBundle;

/// The bundles of every configured trust domain.
#[derive(Clone, Default)]
pub(crate) struct SpiffeBundles {
    domains: BTreeMap<String, TrustDomainBundle>,
}

impl fmt::Debug for SpiffeBundles {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.domains.keys()).finish()
    }
}

/// One trust domain's keys, by SVID kind.
#[derive(Clone, Default)]
struct TrustDomainBundle {
    jwt_keys: Option<JwkSet>,
    wit_keys: Option<JwkSet>,
    x509_authorities: Option<TrustAnchors>,
}

impl SpiffeBundles {
    /// Parses the configured bundles.
    ///
    /// # Errors
    ///
    /// [`MetadataError::InvalidSpiffeBundle`]: a key that is not a trust domain name
    /// (SPIFFE-ID §2.1), a `jwks` that is not a JWK Set or holds more than
    /// [`MAX_JWKS_KEYS`] keys, JWT-SVID or WIT-SVID keys of which none is usable or one is
    /// private, an authority that is not a certificate.
    pub(crate) fn prepare(bundles: &BTreeMap<String, SpiffeBundle>) -> Result<Self, MetadataError> {
        let mut domains = BTreeMap::new();
        for (name, bundle) in bundles {
            let invalid = |problem| MetadataError::InvalidSpiffeBundle {
                trust_domain: name.clone(),
                problem,
            };
            check_trust_domain(name).map_err(|_| invalid("the key is not a trust domain name"))?;
            let mut split = SplitBundle::default();
            if let Some(jwks) = &bundle.jwks {
                split_bundle(jwks, &mut split).map_err(invalid)?;
            }
            let SplitBundle {
                jwt_keys,
                wit_keys,
                mut authorities,
            } = split;
            for pem in bundle.x509_authorities.iter().flatten() {
                authorities.extend(
                    decode_pem_bundle(pem).map_err(|_| {
                        invalid("an x509_authorities entry is not PEM certificates")
                    })?,
                );
            }
            let jwt_keys = key_set(jwt_keys, SvidKind::Jwt).map_err(invalid)?;
            let wit_keys = key_set(wit_keys, SvidKind::Wit).map_err(invalid)?;
            let x509_authorities = TrustAnchors::from_der(authorities)
                .map_err(|_| invalid("an X.509 authority is not a certificate"))?;
            domains.insert(
                name.clone(),
                TrustDomainBundle {
                    jwt_keys,
                    wit_keys,
                    x509_authorities,
                },
            );
        }
        Ok(Self { domains })
    }

    /// The JWT-SVID keys of a trust domain, when the server holds any.
    pub(crate) fn jwt_keys(&self, trust_domain: &str) -> Option<&JwkSet> {
        self.domains.get(trust_domain)?.jwt_keys.as_ref()
    }

    /// The WIT-SVID keys of a trust domain (its bundle's keys whose `use` is `wit-svid`), when
    /// the server holds any.
    pub(crate) fn wit_keys(&self, trust_domain: &str) -> Option<&JwkSet> {
        self.domains.get(trust_domain)?.wit_keys.as_ref()
    }

    /// The X.509 authorities of a trust domain, when the server holds any.
    pub(crate) fn x509_authorities(&self, trust_domain: &str) -> Option<&TrustAnchors> {
        self.domains.get(trust_domain)?.x509_authorities.as_ref()
    }
}

/// A bundle's members, by the SVID kind they verify.
#[derive(Default)]
struct SplitBundle {
    jwt_keys: Vec<Value>,
    wit_keys: Vec<Value>,
    authorities: Vec<Vec<u8>>,
}

/// Splits a JWK Set or SPIFFE bundle (SPIFFE Trust Domain and Bundle §4) by the keys' `use`:
/// `jwt-svid` keys (and keys with no `use`, or `sig`) verify JWT-SVIDs, and `wit-svid` keys
/// verify WIT-SVIDs; both are kept without their `use`. The first `x5c` certificate of an
/// `x509-svid` key is an X.509 authority, and an `x509-svid` key without one is ignored
/// (X509-SVID §6.2); other uses are ignored.
///
/// A key with no `use` (or `sig`) is a JWT-SVID key only, never a WIT-SVID key (crate
/// decision, the strict reading of draft-ietf-oauth-spiffe-client-auth-02 §6: a bundle names
/// its WIT keys with `"use": "wit-svid"`; a plain JWK Set predates WIT-SVIDs).
fn split_bundle(jwks: &Value, split: &mut SplitBundle) -> Result<(), &'static str> {
    let keys = jwks
        .get("keys")
        .and_then(Value::as_array)
        .ok_or("jwks has no \"keys\" array")?;
    if keys.len() > MAX_JWKS_KEYS {
        return Err("jwks holds more keys than MAX_JWKS_KEYS");
    }
    for key in keys {
        let key = key
            .as_object()
            .ok_or("a member of \"keys\" is not an object")?;
        let kind = key.get("use").map(Value::as_str);
        match kind {
            None | Some(Some("jwt-svid" | "sig" | "wit-svid")) => {
                let mut key = key.clone();
                key.remove("use");
                // draft-ietf-oauth-spiffe-client-auth-02 §6: "use": "wit-svid" marks WIT keys.
                match kind {
                    Some(Some("wit-svid")) => split.wit_keys.push(Value::Object(key)),
                    _ => split.jwt_keys.push(Value::Object(key)),
                }
            }
            Some(Some("x509-svid")) => {
                let first = key
                    .get("x5c")
                    .and_then(Value::as_array)
                    .and_then(|x5c| x5c.first());
                if let Some(first) = first {
                    let der = first
                        .as_str()
                        .and_then(|b64| STANDARD.decode(b64).ok())
                        .ok_or("an x509-svid x5c entry is not base64")?;
                    split.authorities.push(der);
                }
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// The keys of one SVID kind as a JWK Set; `None` when the bundle has none of that kind.
fn key_set(keys: Vec<Value>, kind: SvidKind) -> Result<Option<JwkSet>, &'static str> {
    if keys.is_empty() {
        return Ok(None);
    }
    let set = Value::Object(Map::from_iter([("keys".to_owned(), Value::Array(keys))]));
    JwkSet::parse(&set).map(Some).map_err(|e| match (e, kind) {
        (MetadataError::PrivateKeyInJwks { .. }, SvidKind::Wit) => {
            "a WIT-SVID key publishes a private member"
        }
        (MetadataError::PrivateKeyInJwks { .. }, _) => "a JWT-SVID key publishes a private member",
        (_, SvidKind::Wit) => "no WIT-SVID key is usable",
        (_, _) => "no JWT-SVID key is usable",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::primitives::assertion::testing::{public_jwk, TestKey};
    use serde_json::json;

    fn bundles(value: Value) -> Result<SpiffeBundles, MetadataError> {
        SpiffeBundles::prepare(&serde_json::from_value(value).unwrap())
    }

    #[test]
    fn keys_are_kept_under_their_trust_domain_only() {
        let mut jwk = public_jwk(TestKey::P256);
        jwk["kid"] = json!("k");
        jwk["use"] = json!("jwt-svid");
        let b = bundles(json!({"example.org": {"jwks": {"keys": [jwk]}}})).unwrap();
        assert!(b.jwt_keys("example.org").is_some());
        assert!(b.jwt_keys("example.com").is_none());
        assert!(b.jwt_keys("Example.org").is_none());
        assert!(b.x509_authorities("example.org").is_none());
    }

    #[test]
    fn keys_of_other_uses_are_not_jwt_svid_keys() {
        let mut jwk = public_jwk(TestKey::P256);
        jwk["use"] = json!("x509-svid");
        // An x509-svid key without x5c is ignored (X509-SVID §6.2); it is no JWT key either.
        let b = bundles(json!({"example.org": {"jwks": {"keys": [jwk]}}})).unwrap();
        assert!(b.jwt_keys("example.org").is_none());
        assert!(b.x509_authorities("example.org").is_none());
    }

    /// draft-ietf-oauth-spiffe-client-auth-02 §6: `"use": "wit-svid"` marks a WIT-SVID key;
    /// a key without `use` is a JWT-SVID key and never a WIT-SVID key (crate decision).
    #[test]
    fn wit_svid_keys_are_the_keys_marked_wit_svid_only() {
        let mut wit = public_jwk(TestKey::P256);
        wit["use"] = json!("wit-svid");
        let b = bundles(json!({"example.org": {"jwks": {"keys": [wit]}}})).unwrap();
        assert!(b.wit_keys("example.org").is_some());
        assert!(b.jwt_keys("example.org").is_none());
        assert!(b.wit_keys("example.com").is_none());
        for plain in [json!(null), json!("jwt-svid"), json!("sig")] {
            let mut jwk = public_jwk(TestKey::P256);
            if !plain.is_null() {
                jwk["use"] = plain.clone();
            }
            let b = bundles(json!({"example.org": {"jwks": {"keys": [jwk]}}})).unwrap();
            assert!(b.wit_keys("example.org").is_none(), "{plain}");
            assert!(b.jwt_keys("example.org").is_some(), "{plain}");
        }
    }

    #[test]
    fn invalid_bundles_are_refused() {
        let mut private = public_jwk(TestKey::P256);
        private["d"] = json!("AAAA");
        let mut wit_private = private.clone();
        wit_private["use"] = json!("wit-svid");
        for (value, problem) in [
            (
                json!({"Example.org": {}}),
                "the key is not a trust domain name",
            ),
            (
                json!({"example.org:443": {}}),
                "the key is not a trust domain name",
            ),
            (
                json!({"example.org": {"jwks": {}}}),
                "jwks has no \"keys\" array",
            ),
            (
                json!({"example.org": {"jwks": {"keys": [private]}}}),
                "a JWT-SVID key publishes a private member",
            ),
            (
                json!({"example.org": {"jwks": {"keys": [{"kty": "XX"}]}}}),
                "no JWT-SVID key is usable",
            ),
            (
                json!({"example.org": {"jwks": {"keys": [{"kty": "XX", "use": "wit-svid"}]}}}),
                "no WIT-SVID key is usable",
            ),
            (
                json!({"example.org": {"jwks": {"keys": [wit_private]}}}),
                "a WIT-SVID key publishes a private member",
            ),
            (
                json!({"example.org": {"jwks": {"keys": [{"use": "x509-svid", "x5c": ["%%"]}]}}}),
                "an x509-svid x5c entry is not base64",
            ),
            (
                json!({"example.org": {"jwks": {"keys": [{"use": "x509-svid", "x5c": ["AAAA"]}]}}}),
                "an X.509 authority is not a certificate",
            ),
            (
                json!({"example.org": {"x509_authorities": ["not PEM"]}}),
                "an x509_authorities entry is not PEM certificates",
            ),
        ] {
            let name = value.as_object().unwrap().keys().next().unwrap().clone();
            assert_eq!(
                bundles(value).unwrap_err(),
                MetadataError::InvalidSpiffeBundle {
                    trust_domain: name,
                    problem
                },
            );
        }
    }
}
