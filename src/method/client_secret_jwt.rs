//! `client_secret_jwt` (OpenID Connect Core §9, RFC 7523 §2.2): a JWT whose MAC is keyed with
//! the UTF-8 octets of the client secret, sent as `client_assertion` with
//! `client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer`.

use subtle::Choice;

use crate::method::assertion;
use crate::method::check_secret_unexpired;
use crate::method::Context;
use crate::primitives::secret::Tried;
use crate::wire::authenticated::Authenticated;
use crate::wire::error::registration::MetadataError;
use crate::wire::error::AuthError;

/// Verifies the assertion's HMAC under each live registered plaintext secret, after the rules
/// every client assertion shares ([`assertion::verify`]).
pub(crate) fn verify(ctx: &Context<'_>) -> Result<Authenticated, AuthError> {
    // RFC 7591 §3.2.1: an expired secret keys nothing.
    check_secret_unexpired(ctx)?;
    let keys = ctx.client.hmac_keys().ok_or_else(|| {
        AuthError::InvalidClientMetadata(MetadataError::MissingClientSecret(ctx.client.method()))
    })?;
    // case format: an entry whose time has come is not tried; when every one has expired,
    // the refusal is that the secret has expired.
    if let Some(at) = keys.all_expired(ctx.now) {
        return Err(AuthError::SecretExpired { expired_at: at });
    }
    let mut matched = None;
    let authenticated = assertion::verify(ctx, |alg, assertion| {
        let mut short = None;
        let mut any_long_enough = false;
        // case format: every live secret is tried, each MAC compared in constant time, with
        // no exit at the first match.
        let tried = keys.try_each(ctx.now, |key| {
            let long_enough = match key.check_length(alg) {
                Ok(()) => true,
                Err(e) => {
                    short = Some(e);
                    false
                }
            };
            any_long_enough |= long_enough;
            let mac_ok = key
                .verify(alg, assertion.signing_input(), assertion.signature())
                .is_ok();
            Choice::from(u8::from(long_enough & mac_ok))
        });
        match tried {
            Tried::Matched(id) => {
                matched = id.map(str::to_owned);
                Ok(())
            }
            Tried::AllExpired(at) => Err(AuthError::SecretExpired { expired_at: at }),
            // RFC 7518 §3.2: a key shorter than the hash output is never used.
            Tried::NoMatch => match short {
                Some(e) if !any_long_enough => Err(e),
                _ => Err(AuthError::InvalidAssertionSignature),
            },
        }
    })?;
    Ok(authenticated.with_matched_secret(matched))
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::dispatch::authenticate_prepared;
    use crate::prepared::{PreparedClient, PreparedServer};
    use crate::primitives::assertion::testing::{compact, public_jwk, sign, Signer, TestKey};
    use crate::primitives::replay::InMemoryReplayCache;
    use crate::wire::authenticated::Authenticated;
    use crate::wire::error::registration::MetadataError;
    use crate::wire::error::AuthError;
    use crate::wire::metadata::algorithm::JwsAlgorithm;
    use crate::wire::metadata::client::ClientMetadata;
    use crate::wire::metadata::method::AuthMethod;
    use crate::wire::metadata::policy::FapiProfile;
    use crate::wire::metadata::server::ServerMetadata;
    use crate::wire::request::RequestParts;
    use crate::wire::secret::ClientSecret;

    const NOW: i64 = 1_764_300_000;
    const CLIENT: &str = "s6BhdRkqt3";
    const ISSUER: &str = "https://as.example.com";
    const TYPE: &str = "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer";
    /// 64 octets: long enough for HS512 (RFC 7518 §3.2).
    const SECRET: &str = "Vq3u9xY7kP2mN8rT4wZ6aB1cD5eF0gH3jK7lM9nP2qR4sT6uV8wX0yZ2aC4eG6iK";

    fn client(secret: &str) -> ClientMetadata {
        let mut c = ClientMetadata::new(CLIENT);
        c.token_endpoint_auth_method = Some("client_secret_jwt".into());
        c.client_secret = Some(ClientSecret::new(secret));
        c
    }

    fn server() -> ServerMetadata {
        let mut s = ServerMetadata::new(ISSUER);
        s.token_endpoint = Some(format!("{ISSUER}/token"));
        s.token_endpoint_auth_methods_supported =
            Some(vec!["client_secret_jwt".into(), "private_key_jwt".into()]);
        s
    }

    fn claims() -> Value {
        json!({"iss": CLIENT, "sub": CLIENT, "aud": ISSUER, "iat": NOW, "exp": NOW + 60,
               "jti": "csj-1"})
    }

    fn mac(alg: &str, secret: &str) -> String {
        sign(
            Signer::Hmac(secret.as_bytes()),
            &json!({"alg": alg}),
            &claims(),
        )
    }

    fn run_with(
        assertion: &str,
        client: &ClientMetadata,
        server: &ServerMetadata,
        cache: &InMemoryReplayCache,
    ) -> Result<Authenticated, AuthError> {
        let r = RequestParts::builder()
            .form_body(format!(
                "grant_type=client_credentials&client_assertion_type={TYPE}&client_assertion={assertion}"
            ))
            .now(NOW)
            .build()
            .unwrap();
        let client = PreparedClient::new(client)?;
        let server = PreparedServer::new(server).unwrap();
        authenticate_prepared(&r, &client, &server, cache)
    }

    fn run(assertion: &str, client: &ClientMetadata) -> Result<Authenticated, AuthError> {
        run_with(assertion, client, &server(), &InMemoryReplayCache::new())
    }

    #[test]
    fn hs256_hs384_hs512_verify_with_the_secret_octets() {
        for alg in ["HS256", "HS384", "HS512"] {
            let ok =
                run(&mac(alg, SECRET), &client(SECRET)).unwrap_or_else(|e| panic!("{alg}: {e}"));
            assert_eq!(ok.method(), AuthMethod::ClientSecretJwt);
            assert_eq!(ok.client_id(), CLIENT);
            assert_eq!(ok.jti(), Some("csj-1"));
            assert_eq!(ok.assertion_expires_at(), Some(NOW + 60));
        }
    }

    #[test]
    fn wrong_secret_or_flipped_mac_is_refused() {
        let other = SECRET.replace('V', "W");
        for alg in ["HS256", "HS384", "HS512"] {
            assert_eq!(
                run(&mac(alg, &other), &client(SECRET)).unwrap_err(),
                AuthError::InvalidAssertionSignature,
                "{alg}"
            );
            let good = mac(alg, SECRET);
            let (input, sig) = good.rsplit_once('.').unwrap();
            // Change the last base64url character of the MAC: flips low bits.
            let last = sig.chars().last().unwrap();
            let flipped = if last == 'A' { 'Q' } else { 'A' };
            let forged = format!("{input}.{}{flipped}", &sig[..sig.len() - 1]);
            assert_eq!(
                run(&forged, &client(SECRET)).unwrap_err(),
                AuthError::InvalidAssertionSignature,
                "{alg}"
            );
        }
    }

    #[test]
    fn secret_shorter_than_the_hash_output_is_refused() {
        let short = &SECRET[..32];
        assert!(run(&mac("HS256", short), &client(short)).is_ok());
        assert_eq!(
            run(&mac("HS384", short), &client(short)).unwrap_err(),
            AuthError::SecretTooShortForAlgorithm {
                alg: JwsAlgorithm::Hs384,
                min_bytes: 48
            }
        );
        let tiny = "gX1fBat3bV";
        assert_eq!(
            run(&mac("HS256", tiny), &client(tiny)).unwrap_err(),
            AuthError::SecretTooShortForAlgorithm {
                alg: JwsAlgorithm::Hs256,
                min_bytes: 32
            }
        );
    }

    #[test]
    fn expired_secret_is_refused() {
        let mut c = client(SECRET);
        c.client_secret_expires_at = Some(NOW);
        assert_eq!(
            run(&mac("HS256", SECRET), &c).unwrap_err(),
            AuthError::SecretExpired { expired_at: NOW }
        );
        c.client_secret_expires_at = Some(NOW + 1);
        assert!(run(&mac("HS256", SECRET), &c).is_ok());
        c.client_secret_expires_at = Some(0);
        assert!(run(&mac("HS256", SECRET), &c).is_ok());
    }

    #[test]
    fn signature_algorithms_are_refused_for_client_secret_jwt() {
        for (alg, key) in [
            ("RS256", TestKey::Rsa2048),
            ("PS256", TestKey::Rsa2048),
            ("ES256", TestKey::P256),
            ("EdDSA", TestKey::Ed25519),
        ] {
            let token = sign(Signer::Key(key), &json!({"alg": alg}), &claims());
            assert_eq!(
                run(&token, &client(SECRET)).unwrap_err(),
                AuthError::AssertionAlgorithmNotForMethod {
                    alg: JwsAlgorithm::from_name(alg).unwrap(),
                    method: AuthMethod::ClientSecretJwt
                },
                "{alg}"
            );
        }
        // The HMAC never tried with anything but the secret: a MAC keyed with a public key
        // is just a wrong MAC.
        let jwk = public_jwk(TestKey::P256).to_string();
        let token = sign(
            Signer::Hmac(jwk.as_bytes()),
            &json!({"alg": "HS256"}),
            &claims(),
        );
        assert_eq!(
            run(&token, &client(SECRET)).unwrap_err(),
            AuthError::InvalidAssertionSignature
        );
    }

    #[test]
    fn alg_none_is_refused() {
        let token = compact(r#"{"alg":"none"}"#, &claims().to_string(), b"");
        assert_eq!(
            run(&token, &client(SECRET)).unwrap_err(),
            AuthError::UnsecuredAssertion
        );
    }

    #[test]
    fn registered_signing_alg_must_be_used() {
        let mut c = client(SECRET);
        c.token_endpoint_auth_signing_alg = Some("HS512".into());
        assert!(run(&mac("HS512", SECRET), &c).is_ok());
        assert_eq!(
            run(&mac("HS256", SECRET), &c).unwrap_err(),
            AuthError::AssertionAlgorithmNotRegistered {
                alg: JwsAlgorithm::Hs256,
                registered: JwsAlgorithm::Hs512
            }
        );
        c.token_endpoint_auth_signing_alg = Some("RS256".into());
        assert_eq!(
            run(&mac("HS256", SECRET), &c).unwrap_err(),
            AuthError::InvalidClientMetadata(MetadataError::SigningAlgDoesNotFitMethod {
                alg: JwsAlgorithm::Rs256,
                method: AuthMethod::ClientSecretJwt
            })
        );
    }

    #[test]
    fn fapi1_baseline_allows_it_and_advanced_does_not() {
        let mut s = server();
        s.fapi_profile = Some(FapiProfile::Fapi1Baseline);
        let cache = InMemoryReplayCache::new();
        assert!(run_with(&mac("HS256", SECRET), &client(SECRET), &s, &cache).is_ok());
        for profile in [FapiProfile::Fapi1Advanced, FapiProfile::Fapi2] {
            s.fapi_profile = Some(profile);
            assert_eq!(
                run_with(
                    &mac("HS256", SECRET),
                    &client(SECRET),
                    &s,
                    &InMemoryReplayCache::new()
                )
                .unwrap_err(),
                AuthError::MethodNotAllowedByProfile {
                    method: AuthMethod::ClientSecretJwt,
                    profile
                }
            );
        }
    }

    #[test]
    fn same_jti_twice_is_refused() {
        let cache = InMemoryReplayCache::new();
        let token = mac("HS256", SECRET);
        assert!(run_with(&token, &client(SECRET), &server(), &cache).is_ok());
        assert_eq!(
            run_with(&token, &client(SECRET), &server(), &cache).unwrap_err(),
            AuthError::AssertionReplayed
        );
    }

    #[test]
    fn secret_never_appears_in_errors_or_debug() {
        let err = run(
            &mac("HS256", "wrong-secret-wrong-secret-wrong-secret"),
            &client(SECRET),
        )
        .unwrap_err();
        for text in [
            err.to_string(),
            format!("{err:?}"),
            err.description().into_owned(),
        ] {
            assert!(!text.contains(SECRET), "{text}");
        }
        let prepared = PreparedClient::new(&client(SECRET)).unwrap();
        assert!(!format!("{prepared:?}").contains(SECRET));
    }

    #[test]
    fn rotation_macs_under_each_live_secret_and_reports_the_entry() {
        use crate::wire::metadata::client_secrets::ClientSecretEntry;
        let other = SECRET.replace('V', "W");
        let mut c = client(SECRET);
        c.client_secret = None;
        c.client_secrets = Some(vec![
            ClientSecretEntry::with_secret("old", SECRET).expiring_at(NOW + 60),
            ClientSecretEntry::with_secret("new", other.as_str()),
        ]);
        assert_eq!(
            run(&mac("HS256", SECRET), &c).unwrap().matched_secret(),
            Some("old")
        );
        assert_eq!(
            run(&mac("HS512", &other), &c).unwrap().matched_secret(),
            Some("new")
        );
        assert_eq!(
            run(&mac("HS256", "a-third-secret-a-third-secret-a-third"), &c).unwrap_err(),
            AuthError::InvalidAssertionSignature
        );
        // The old entry expired: its MAC is not tried.
        c.client_secrets = Some(vec![
            ClientSecretEntry::with_secret("old", SECRET).expiring_at(NOW),
            ClientSecretEntry::with_secret("new", other.as_str()),
        ]);
        assert_eq!(
            run(&mac("HS256", SECRET), &c).unwrap_err(),
            AuthError::InvalidAssertionSignature
        );
        // Every entry expired.
        c.client_secrets = Some(vec![
            ClientSecretEntry::with_secret("old", SECRET).expiring_at(NOW)
        ]);
        assert_eq!(
            run(&mac("HS256", SECRET), &c).unwrap_err(),
            AuthError::SecretExpired { expired_at: NOW }
        );
    }

    #[test]
    fn a_registration_with_only_hashes_is_a_registration_error() {
        use crate::primitives::secret::hash::hash_client_secret;
        use crate::wire::metadata::client_secrets::ClientSecretEntry;
        let hash = hash_client_secret(SECRET).unwrap();
        let mut c = client(SECRET);
        c.client_secret = None;
        c.client_secret_hash = Some(hash.clone());
        let err = run(&mac("HS256", SECRET), &c).unwrap_err();
        assert_eq!(
            err,
            AuthError::InvalidClientMetadata(MetadataError::ClientSecretJwtNeedsPlaintext)
        );
        assert!(
            err.to_string().contains("needs the secret in plaintext"),
            "{err}"
        );
        c.client_secret_hash = None;
        c.client_secrets = Some(vec![ClientSecretEntry::with_hash("h", hash.as_str())]);
        assert_eq!(
            run(&mac("HS256", SECRET), &c).unwrap_err(),
            AuthError::InvalidClientMetadata(MetadataError::ClientSecretJwtNeedsPlaintext)
        );
        // The accepting twin: a plaintext entry beside the hash keys the HMAC.
        c.client_secrets = Some(vec![
            ClientSecretEntry::with_hash("h", hash.as_str()),
            ClientSecretEntry::with_secret("p", SECRET),
        ]);
        assert_eq!(
            run(&mac("HS256", SECRET), &c).unwrap().matched_secret(),
            Some("p")
        );
    }

    #[test]
    fn missing_secret_is_a_registration_error() {
        let mut c = client(SECRET);
        c.client_secret = None;
        assert_eq!(
            run(&mac("HS256", SECRET), &c).unwrap_err(),
            AuthError::InvalidClientMetadata(MetadataError::MissingClientSecret(
                AuthMethod::ClientSecretJwt
            ))
        );
    }
}
