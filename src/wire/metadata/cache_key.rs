//! The cache key of a registration: every field, each length-prefixed, in one byte string.
//! Two registrations have the same key exactly when preparing them reads the same values, so a
//! prepared client or server may be reused for the other. The fields are taken by destructuring
//! without `..`: a field added to the metadata does not compile until it is part of the key.
//!
//! The key is written to a [`KeySink`]: a byte string to keep, or (without building one) a
//! hash to look it up by and a comparison with a kept key.

use std::io;

use serde_json::Value;

use super::client::ClientMetadata;
use super::client_secrets::ClientSecretEntry;
use super::secret_hash_cost::SecretHashMaxCost;
use super::server::ServerMetadata;
use crate::wire::secret::ClientSecret;

/// Where the bytes of a cache key go, in order.
pub(crate) trait KeySink {
    /// The next bytes of the key.
    fn put(&mut self, bytes: &[u8]);
}

impl KeySink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// Writes fields, each tagged by presence and prefixed by its length.
struct KeyWriter<'s, S: KeySink>(&'s mut S);

impl<S: KeySink> KeyWriter<'_, S> {
    fn bytes(&mut self, bytes: &[u8]) {
        self.0.put(&[1]);
        self.0.put(&(bytes.len() as u64).to_le_bytes());
        self.0.put(bytes);
    }

    fn absent(&mut self) {
        self.0.put(&[0]);
    }

    fn opt_str(&mut self, value: Option<&str>) {
        match value {
            Some(v) => self.bytes(v.as_bytes()),
            None => self.absent(),
        }
    }

    fn opt_num(&mut self, value: Option<i128>) {
        match value {
            Some(v) => self.bytes(&v.to_le_bytes()),
            None => self.absent(),
        }
    }

    fn opt_list(&mut self, value: Option<&[String]>) {
        match value {
            Some(list) => {
                self.bytes(&(list.len() as u64).to_le_bytes());
                for item in list {
                    self.bytes(item.as_bytes());
                }
            }
            None => self.absent(),
        }
    }

    fn opt_json(&mut self, value: Option<&Value>) {
        // The JSON text as read (member order included): equal texts are equal sets, and a set
        // reordered is only prepared once more. The text is written as it is serialized, and
        // ends with a 0 byte, which serialized JSON never holds (control characters in
        // strings are escaped).
        match value {
            Some(value) => {
                self.0.put(&[2]);
                if serde_json::to_writer(SinkWriter(&mut *self.0), value).is_err() {
                    // A value that does not serialize cannot be told apart from a prefix of
                    // another: mark it.
                    self.0.put(&[0xff; 16]);
                }
                self.0.put(&[0]);
            }
            None => self.absent(),
        }
    }
}

/// A [`KeySink`] as an `io::Write`, for the serializer.
struct SinkWriter<'s, S: KeySink>(&'s mut S);

impl<S: KeySink> io::Write for SinkWriter<'_, S> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.put(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl ClientMetadata {
    /// The cache key of this registration (see the module docs). It holds the secret: keep it
    /// where the prepared client is kept, and never log it.
    #[cfg(test)]
    pub(crate) fn cache_key(&self) -> Vec<u8> {
        let mut key = Vec::new();
        self.write_key(&mut key);
        key
    }

    /// Writes [`ClientMetadata::cache_key`] to `sink`.
    pub(crate) fn write_key<S: KeySink>(&self, sink: &mut S) {
        let Self {
            client_id,
            client_secret,
            client_secret_hash,
            client_secrets,
            client_secret_expires_at,
            token_endpoint_auth_method,
            token_endpoint_auth_signing_alg,
            jwks,
            jwks_uri,
            tls_client_auth_subject_dn,
            tls_client_auth_san_dns,
            tls_client_auth_san_uri,
            tls_client_auth_san_ip,
            tls_client_auth_san_email,
            spiffe_id,
        } = self;
        let mut key = KeyWriter(sink);
        key.opt_str(Some(client_id));
        key.opt_str(client_secret.as_ref().map(|s| s.expose()));
        key.opt_str(client_secret_hash.as_deref());
        match client_secrets {
            Some(entries) => {
                key.bytes(&(entries.len() as u64).to_le_bytes());
                for entry in entries {
                    let ClientSecretEntry {
                        id,
                        secret,
                        hash,
                        expires_at,
                        malformed,
                    } = entry;
                    key.opt_str(id.as_deref());
                    key.opt_str(secret.as_ref().map(|s| s.expose()));
                    key.opt_str(hash.as_deref());
                    key.opt_num(expires_at.map(i128::from));
                    key.opt_str(*malformed);
                }
            }
            None => key.absent(),
        }
        key.opt_num(client_secret_expires_at.map(i128::from));
        key.opt_str(token_endpoint_auth_method.as_deref());
        key.opt_str(token_endpoint_auth_signing_alg.as_deref());
        key.opt_json(jwks.as_ref());
        key.opt_str(jwks_uri.as_deref());
        key.opt_str(tls_client_auth_subject_dn.as_deref());
        key.opt_str(tls_client_auth_san_dns.as_deref());
        key.opt_str(tls_client_auth_san_uri.as_deref());
        key.opt_str(tls_client_auth_san_ip.as_deref());
        key.opt_str(tls_client_auth_san_email.as_deref());
        key.opt_str(spiffe_id.as_deref());
    }

    /// Whether `other` is the same registration: every field equal, exactly what
    /// [`ClientMetadata::write_key`] writes (the secrets compared as bytes: both are
    /// registrations, neither a presented credential).
    pub(crate) fn same_as(&self, other: &Self) -> bool {
        let Self {
            client_id,
            client_secret,
            client_secret_hash,
            client_secrets,
            client_secret_expires_at,
            token_endpoint_auth_method,
            token_endpoint_auth_signing_alg,
            jwks,
            jwks_uri,
            tls_client_auth_subject_dn,
            tls_client_auth_san_dns,
            tls_client_auth_san_uri,
            tls_client_auth_san_ip,
            tls_client_auth_san_email,
            spiffe_id,
        } = self;
        let entries_equal = match (client_secrets, &other.client_secrets) {
            (None, None) => true,
            (Some(a), Some(b)) => {
                a.len() == b.len()
                    && a.iter().zip(b).all(|(a, b)| {
                        let ClientSecretEntry {
                            id,
                            secret: entry_secret,
                            hash,
                            expires_at,
                            malformed,
                        } = a;
                        *id == b.id
                            && secret(entry_secret) == secret(&b.secret)
                            && *hash == b.hash
                            && *expires_at == b.expires_at
                            && *malformed == b.malformed
                    })
            }
            _ => false,
        };
        *client_id == other.client_id
            && secret(client_secret) == secret(&other.client_secret)
            && *client_secret_hash == other.client_secret_hash
            && entries_equal
            && *client_secret_expires_at == other.client_secret_expires_at
            && *token_endpoint_auth_method == other.token_endpoint_auth_method
            && *token_endpoint_auth_signing_alg == other.token_endpoint_auth_signing_alg
            && *jwks == other.jwks
            && *jwks_uri == other.jwks_uri
            && *tls_client_auth_subject_dn == other.tls_client_auth_subject_dn
            && *tls_client_auth_san_dns == other.tls_client_auth_san_dns
            && *tls_client_auth_san_uri == other.tls_client_auth_san_uri
            && *tls_client_auth_san_ip == other.tls_client_auth_san_ip
            && *tls_client_auth_san_email == other.tls_client_auth_san_email
            && *spiffe_id == other.spiffe_id
    }
}

impl ServerMetadata {
    /// The cache key of this server configuration (see the module docs).
    #[cfg(test)]
    pub(crate) fn cache_key(&self) -> Vec<u8> {
        let mut key = Vec::new();
        self.write_key(&mut key);
        key
    }

    /// Writes [`ServerMetadata::cache_key`] to `sink`.
    pub(crate) fn write_key<S: KeySink>(&self, sink: &mut S) {
        let Self {
            issuer,
            token_endpoint,
            revocation_endpoint,
            introspection_endpoint,
            pushed_authorization_request_endpoint,
            backchannel_authentication_endpoint,
            device_authorization_endpoint,
            token_endpoint_auth_methods_supported,
            token_endpoint_auth_signing_alg_values_supported,
            revocation_endpoint_auth_methods_supported,
            revocation_endpoint_auth_signing_alg_values_supported,
            introspection_endpoint_auth_methods_supported,
            introspection_endpoint_auth_signing_alg_values_supported,
            fapi_profile,
            assertion_audience,
            clock_skew_seconds,
            max_assertion_lifetime_seconds,
            require_jti,
            tls_client_auth_trust_anchors,
            secret_hash_max_cost,
            client_attestation_signing_alg_values_supported,
            client_attestation_pop_signing_alg_values_supported,
            client_attestation_pop_methods_supported,
            challenge_endpoint,
            client_attestation_trusted_keys,
            client_attestation_trust_anchors,
            client_attestation_max_age_seconds,
            client_attestation_pop_max_age_seconds,
            client_attestation_challenges,
            client_attestation_next_challenge,
            spiffe_bundles,
        } = self;
        let mut key = KeyWriter(sink);
        key.opt_str(Some(issuer));
        for url in [
            token_endpoint,
            revocation_endpoint,
            introspection_endpoint,
            pushed_authorization_request_endpoint,
            backchannel_authentication_endpoint,
            device_authorization_endpoint,
        ] {
            key.opt_str(url.as_deref());
        }
        for list in [
            token_endpoint_auth_methods_supported,
            token_endpoint_auth_signing_alg_values_supported,
            revocation_endpoint_auth_methods_supported,
            revocation_endpoint_auth_signing_alg_values_supported,
            introspection_endpoint_auth_methods_supported,
            introspection_endpoint_auth_signing_alg_values_supported,
        ] {
            key.opt_list(list.as_deref());
        }
        key.opt_str(fapi_profile.map(|p| p.as_str()));
        key.opt_str(assertion_audience.map(|a| a.as_str()));
        key.opt_num(clock_skew_seconds.map(i128::from));
        key.opt_num(max_assertion_lifetime_seconds.map(i128::from));
        key.opt_num(require_jti.map(i128::from));
        key.opt_list(tls_client_auth_trust_anchors.as_deref());
        match secret_hash_max_cost {
            Some(bounds) => {
                key.0.put(&[1]);
                bounds.write_key(key.0);
            }
            None => key.absent(),
        }
        for list in [
            client_attestation_signing_alg_values_supported,
            client_attestation_pop_signing_alg_values_supported,
            client_attestation_pop_methods_supported,
            client_attestation_trust_anchors,
            client_attestation_challenges,
        ] {
            key.opt_list(list.as_deref());
        }
        key.opt_str(challenge_endpoint.as_deref());
        key.opt_json(client_attestation_trusted_keys.as_ref());
        key.opt_num(client_attestation_max_age_seconds.map(i128::from));
        key.opt_num(client_attestation_pop_max_age_seconds.map(i128::from));
        key.opt_str(client_attestation_next_challenge.as_deref());
        // A BTreeMap serializes in key order: equal maps, equal texts.
        let bundles = spiffe_bundles.as_ref().map(serde_json::to_value);
        match bundles {
            Some(Ok(value)) => key.opt_json(Some(&value)),
            Some(Err(_)) => key.bytes(&[0xff; 16]),
            None => key.absent(),
        }
    }

    /// Whether `other` is the same configuration: every field equal, exactly what
    /// [`ServerMetadata::write_key`] writes.
    pub(crate) fn same_as(&self, other: &Self) -> bool {
        let Self {
            issuer,
            token_endpoint,
            revocation_endpoint,
            introspection_endpoint,
            pushed_authorization_request_endpoint,
            backchannel_authentication_endpoint,
            device_authorization_endpoint,
            token_endpoint_auth_methods_supported,
            token_endpoint_auth_signing_alg_values_supported,
            revocation_endpoint_auth_methods_supported,
            revocation_endpoint_auth_signing_alg_values_supported,
            introspection_endpoint_auth_methods_supported,
            introspection_endpoint_auth_signing_alg_values_supported,
            fapi_profile,
            assertion_audience,
            clock_skew_seconds,
            max_assertion_lifetime_seconds,
            require_jti,
            tls_client_auth_trust_anchors,
            secret_hash_max_cost,
            client_attestation_signing_alg_values_supported,
            client_attestation_pop_signing_alg_values_supported,
            client_attestation_pop_methods_supported,
            challenge_endpoint,
            client_attestation_trusted_keys,
            client_attestation_trust_anchors,
            client_attestation_max_age_seconds,
            client_attestation_pop_max_age_seconds,
            client_attestation_challenges,
            client_attestation_next_challenge,
            spiffe_bundles,
        } = self;
        *issuer == other.issuer
            && *token_endpoint == other.token_endpoint
            && *revocation_endpoint == other.revocation_endpoint
            && *introspection_endpoint == other.introspection_endpoint
            && *pushed_authorization_request_endpoint == other.pushed_authorization_request_endpoint
            && *backchannel_authentication_endpoint == other.backchannel_authentication_endpoint
            && *device_authorization_endpoint == other.device_authorization_endpoint
            && *token_endpoint_auth_methods_supported == other.token_endpoint_auth_methods_supported
            && *token_endpoint_auth_signing_alg_values_supported
                == other.token_endpoint_auth_signing_alg_values_supported
            && *revocation_endpoint_auth_methods_supported
                == other.revocation_endpoint_auth_methods_supported
            && *revocation_endpoint_auth_signing_alg_values_supported
                == other.revocation_endpoint_auth_signing_alg_values_supported
            && *introspection_endpoint_auth_methods_supported
                == other.introspection_endpoint_auth_methods_supported
            && *introspection_endpoint_auth_signing_alg_values_supported
                == other.introspection_endpoint_auth_signing_alg_values_supported
            && *fapi_profile == other.fapi_profile
            && *assertion_audience == other.assertion_audience
            && *clock_skew_seconds == other.clock_skew_seconds
            && *max_assertion_lifetime_seconds == other.max_assertion_lifetime_seconds
            && *require_jti == other.require_jti
            && *tls_client_auth_trust_anchors == other.tls_client_auth_trust_anchors
            && *secret_hash_max_cost == other.secret_hash_max_cost
            && *client_attestation_signing_alg_values_supported
                == other.client_attestation_signing_alg_values_supported
            && *client_attestation_pop_signing_alg_values_supported
                == other.client_attestation_pop_signing_alg_values_supported
            && *client_attestation_pop_methods_supported
                == other.client_attestation_pop_methods_supported
            && *challenge_endpoint == other.challenge_endpoint
            && *client_attestation_trusted_keys == other.client_attestation_trusted_keys
            && *client_attestation_trust_anchors == other.client_attestation_trust_anchors
            && *client_attestation_max_age_seconds == other.client_attestation_max_age_seconds
            && *client_attestation_pop_max_age_seconds
                == other.client_attestation_pop_max_age_seconds
            && *client_attestation_challenges == other.client_attestation_challenges
            && *client_attestation_next_challenge == other.client_attestation_next_challenge
            && *spiffe_bundles == other.spiffe_bundles
    }
}

impl SecretHashMaxCost {
    /// Writes the cache key of these bounds to `sink`: what preparing a client reads of
    /// the server.
    pub(crate) fn write_key<S: KeySink>(&self, sink: &mut S) {
        let Self {
            argon2_memory_kib,
            argon2_iterations,
            argon2_parallelism,
            bcrypt_cost,
            scrypt_log_n,
            scrypt_r,
            scrypt_p,
            pbkdf2_iterations,
        } = self;
        let mut key = KeyWriter(sink);
        for bound in [
            argon2_memory_kib,
            argon2_iterations,
            argon2_parallelism,
            bcrypt_cost,
            scrypt_log_n,
            scrypt_r,
            scrypt_p,
            pbkdf2_iterations,
        ] {
            key.opt_num(Some(i128::from(*bound)));
        }
    }
}

/// A registered secret's bytes, to compare two registrations.
fn secret(value: &Option<ClientSecret>) -> Option<&str> {
    value.as_ref().map(ClientSecret::expose)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::secret::ClientSecret;

    #[test]
    fn every_field_changes_the_client_key() {
        let base = ClientMetadata::new("c");
        let mut changed = Vec::new();
        let mut c = base.clone();
        c.client_secret = Some(ClientSecret::new("s"));
        changed.push(c);
        let mut c = base.clone();
        c.client_secret = Some(ClientSecret::new(""));
        changed.push(c);
        let mut c = base.clone();
        c.client_secret_expires_at = Some(0);
        changed.push(c);
        let mut c = base.clone();
        c.jwks = Some(serde_json::json!({"keys": []}));
        changed.push(c);
        let mut c = base.clone();
        c.tls_client_auth_san_uri = Some(String::new());
        changed.push(c);
        let mut c = base.clone();
        c.spiffe_id = Some(String::new());
        changed.push(c);
        // The cache compares in place: every changed field is another registration there too.
        for (i, c) in changed.iter().enumerate() {
            assert!(!c.same_as(&base) && c.same_as(c), "{i}");
        }
        let keys: Vec<Vec<u8>> = changed.iter().map(ClientMetadata::cache_key).collect();
        for (i, key) in keys.iter().enumerate() {
            assert_ne!(key, &base.cache_key(), "{i}");
            for (j, other) in keys.iter().enumerate() {
                assert_eq!(i == j, key == other, "{i} {j}");
            }
        }
        // The same JWK Set read twice has one key.
        let jwks = r#"{"keys":[{"kty":"EC","crv":"P-256"}]}"#;
        let mut a = base.clone();
        a.jwks = serde_json::from_str(jwks).ok();
        let mut b = base.clone();
        b.jwks = serde_json::from_str(jwks).ok();
        assert_eq!(a.cache_key(), b.cache_key());
    }

    #[test]
    fn every_field_changes_the_server_key() {
        let base = ServerMetadata::new("https://as");
        let mut s = base.clone();
        s.clock_skew_seconds = Some(30);
        assert_ne!(s.cache_key(), base.cache_key());
        let mut s = base.clone();
        s.tls_client_auth_trust_anchors = Some(vec![]);
        assert_ne!(s.cache_key(), base.cache_key());
        let mut s = base.clone();
        s.token_endpoint_auth_methods_supported = Some(vec!["ab".into()]);
        let mut t = base.clone();
        t.token_endpoint_auth_methods_supported = Some(vec!["a".into(), "b".into()]);
        assert_ne!(s.cache_key(), t.cache_key());
        // A changed SPIFFE bundle is another configuration; the same one read twice is not.
        let bundles = |x: &str| {
            serde_json::from_value(serde_json::json!({"example.org": {"x509_authorities": [x]}}))
                .ok()
        };
        let mut s = base.clone();
        s.spiffe_bundles = bundles("A");
        let mut t = base.clone();
        t.spiffe_bundles = bundles("B");
        assert_ne!(s.cache_key(), base.cache_key());
        assert_ne!(s.cache_key(), t.cache_key());
        assert!(!s.same_as(&t) && !s.same_as(&base));
        t.spiffe_bundles = bundles("A");
        assert_eq!(s.cache_key(), t.cache_key());
        assert!(s.same_as(&t));
    }
}
