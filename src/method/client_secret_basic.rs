//! `client_secret_basic` (RFC 6749 §2.3.1): the client id and secret, each form-urlencoded,
//! joined by `:` and sent Base64-encoded in `Authorization: Basic`.

use crate::method::check_secret;
use crate::method::Context;
use crate::wire::authenticated::Authenticated;
use crate::wire::error::AuthError;
use crate::wire::metadata::method::AuthMethod;
use crate::wire::request::RequestParts;
use crate::wire::secret::ClientSecret;

/// Checks the Basic secret. The dispatcher has checked that the Basic user name is the client
/// and that a `client_id` parameter, if sent, names the same client.
pub(crate) fn verify(ctx: &Context<'_>) -> Result<Authenticated, AuthError> {
    let (secret, form_decoded) = presented(ctx.request)?;
    let matched = check_secret(ctx, secret, form_decoded)?;
    Ok(
        Authenticated::new(ctx.client.client_id(), AuthMethod::ClientSecretBasic)
            .with_matched_secret(matched),
    )
}

/// The Basic secret, and whether form-urlencoded decoding changed the credentials.
pub(crate) fn presented(request: &RequestParts) -> Result<(&ClientSecret, bool), AuthError> {
    let basic = request.basic().ok_or(AuthError::MissingCredentials)?;
    Ok((basic.secret(), basic.form_decoding_changed()))
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;

    use crate::dispatch::authenticate;
    use crate::wire::error::registration::MetadataError;
    use crate::wire::error::AuthError;
    use crate::wire::metadata::client::ClientMetadata;
    use crate::wire::metadata::method::AuthMethod;
    use crate::wire::metadata::server::ServerMetadata;
    use crate::wire::request::RequestParts;
    use crate::wire::secret::ClientSecret;

    const NOW: i64 = 1_764_300_000;

    fn client(id: &str, secret: &str) -> ClientMetadata {
        let mut c = ClientMetadata::new(id);
        c.client_secret = Some(ClientSecret::new(secret));
        c
    }

    fn request(user_pass: &str) -> RequestParts {
        let token = base64::engine::general_purpose::STANDARD.encode(user_pass);
        RequestParts::builder()
            .header("Authorization", format!("Basic {token}"))
            .now(NOW)
            .build()
            .unwrap()
    }

    fn server() -> ServerMetadata {
        ServerMetadata::new("https://as.example.com")
    }

    #[test]
    fn rfc6749_example_credentials_are_accepted() {
        // RFC 6749 §2.3.1 example: Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3
        let r = RequestParts::builder()
            .header(
                "Authorization",
                "Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3",
            )
            .now(NOW)
            .build()
            .unwrap();
        let ok = authenticate(
            &r,
            &client("s6BhdRkqt3", "7Fjfp0ZBr1KtDRbnfVdmIw"),
            &server(),
        )
        .unwrap();
        assert_eq!(ok.client_id(), "s6BhdRkqt3");
        assert_eq!(ok.method(), AuthMethod::ClientSecretBasic);
    }

    #[test]
    fn wrong_secret_is_invalid_client_with_challenge() {
        let r = request("s6BhdRkqt3:wrong");
        let err = authenticate(&r, &client("s6BhdRkqt3", "gX1fBat3bV"), &server()).unwrap_err();
        assert_eq!(
            err,
            AuthError::SecretMismatch {
                credentials_were_form_decoded: false
            }
        );
        assert_eq!(err.status(), 401);
        assert!(err.www_authenticate(r.basic_attempted()).is_some());
    }

    #[test]
    fn an_empty_password_never_authenticates() {
        // `printf 's6BhdRkqt3:' | base64` gives czZCaGRSa3F0Mzo= (coreutils, not this crate).
        let empty_password = || {
            RequestParts::builder()
                .header("Authorization", "Basic czZCaGRSa3F0Mzo=")
                .now(NOW)
                .build()
                .unwrap()
        };
        // Registered "" (RFC 6749 §2.3.1): the registration is refused, not matched.
        let err =
            authenticate(&empty_password(), &client("s6BhdRkqt3", ""), &server()).unwrap_err();
        assert_eq!(
            err,
            AuthError::InvalidClientMetadata(MetadataError::EmptyClientSecret(
                AuthMethod::ClientSecretBasic
            ))
        );
        assert_eq!(
            (err.status(), err.oauth_code().as_str()),
            (401, "invalid_client")
        );
        // Against a real secret, the empty password is a mismatch.
        assert_eq!(
            authenticate(
                &empty_password(),
                &client("s6BhdRkqt3", "gX1fBat3bV"),
                &server()
            )
            .unwrap_err(),
            AuthError::SecretMismatch {
                credentials_were_form_decoded: false
            }
        );
        // The accepting twin: the same client with its secret.
        assert!(authenticate(
            &request("s6BhdRkqt3:gX1fBat3bV"),
            &client("s6BhdRkqt3", "gX1fBat3bV"),
            &server()
        )
        .is_ok());
    }

    #[test]
    fn form_encoded_credentials_match_after_decoding() {
        // id "client 1" and secret "a+b%c:d", form-urlencoded before Base64.
        let r = request("client+1:a%2Bb%25c%3Ad");
        assert!(authenticate(&r, &client("client 1", "a+b%c:d"), &server()).is_ok());
    }

    #[test]
    fn unencoded_plus_in_secret_fails_and_says_decoding_changed_it() {
        // A client that does not form-encode sends "a+b" raw; decoding gives "a b".
        let r = request("s6BhdRkqt3:a+b");
        let err = authenticate(&r, &client("s6BhdRkqt3", "a+b"), &server()).unwrap_err();
        assert_eq!(
            err,
            AuthError::SecretMismatch {
                credentials_were_form_decoded: true
            }
        );
        assert_eq!(err.description(), "client authentication failed");
    }

    #[test]
    fn expired_secret_is_refused_and_zero_never_expires() {
        let mut c = client("s6BhdRkqt3", "gX1fBat3bV");
        let r = request("s6BhdRkqt3:gX1fBat3bV");
        c.client_secret_expires_at = Some(NOW - 1);
        assert_eq!(
            authenticate(&r, &c, &server()).unwrap_err(),
            AuthError::SecretExpired {
                expired_at: NOW - 1
            }
        );
        c.client_secret_expires_at = Some(NOW);
        assert_eq!(
            authenticate(&r, &c, &server()).unwrap_err(),
            AuthError::SecretExpired { expired_at: NOW }
        );
        c.client_secret_expires_at = Some(NOW + 1);
        assert!(authenticate(&r, &c, &server()).is_ok());
        // RFC 7591 §3.2.1: 0 means the secret does not expire.
        c.client_secret_expires_at = Some(0);
        assert!(authenticate(&r, &c, &server()).is_ok());
    }

    /// A pbkdf2-sha256 PHC string of `secret` (the pbkdf2 crate; the independent vectors are
    /// in tests/secret_vectors.rs).
    fn pbkdf2_phc(secret: &str) -> String {
        let b64 = base64::engine::general_purpose::STANDARD_NO_PAD;
        let mut out = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(secret.as_bytes(), b"saltsalt", 1000, &mut out);
        format!(
            "$pbkdf2-sha256$i=1000,l=32${}${}",
            b64.encode("saltsalt"),
            b64.encode(out)
        )
    }

    #[test]
    fn hashed_secret_is_accepted_and_a_wrong_one_refused() {
        let mut c = ClientMetadata::new("s6BhdRkqt3");
        c.client_secret_hash = Some(pbkdf2_phc("a+b%c:d"));
        // RFC 6749 §2.3.1: form-decoded before hashing.
        let ok = authenticate(&request("s6BhdRkqt3:a%2Bb%25c%3Ad"), &c, &server()).unwrap();
        assert_eq!(ok.matched_secret(), None);
        assert_eq!(
            authenticate(&request("s6BhdRkqt3:a%2Bb%25c%3Ae"), &c, &server()).unwrap_err(),
            AuthError::SecretMismatch {
                credentials_were_form_decoded: true
            }
        );
        // client_secret_expires_at applies to the hash as to client_secret.
        c.client_secret_expires_at = Some(NOW);
        assert_eq!(
            authenticate(&request("s6BhdRkqt3:a%2Bb%25c%3Ad"), &c, &server()).unwrap_err(),
            AuthError::SecretExpired { expired_at: NOW }
        );
    }

    #[test]
    fn rotation_reports_the_matched_entry_and_skips_expired_ones() {
        use crate::wire::metadata::client_secrets::ClientSecretEntry;
        let mut c = ClientMetadata::new("s6BhdRkqt3");
        c.client_secrets = Some(vec![
            ClientSecretEntry::with_secret("old", "old-secret").expiring_at(NOW + 60),
            ClientSecretEntry::with_hash("new", pbkdf2_phc("new-secret")),
        ]);
        let old = authenticate(&request("s6BhdRkqt3:old-secret"), &c, &server()).unwrap();
        assert_eq!(old.matched_secret(), Some("old"));
        let new = authenticate(&request("s6BhdRkqt3:new-secret"), &c, &server()).unwrap();
        assert_eq!(new.matched_secret(), Some("new"));
        // The old entry's time has come: it is not tried.
        let r = RequestParts::builder()
            .header(
                "Authorization",
                format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode("s6BhdRkqt3:old-secret")
                ),
            )
            .now(NOW + 60)
            .build()
            .unwrap();
        assert_eq!(
            authenticate(&r, &c, &server()).unwrap_err(),
            AuthError::SecretMismatch {
                credentials_were_form_decoded: false
            }
        );
        // Every entry expired.
        c.client_secrets = Some(vec![
            ClientSecretEntry::with_secret("old", "old-secret").expiring_at(NOW - 1),
            ClientSecretEntry::with_secret("new", "new-secret").expiring_at(NOW),
        ]);
        assert_eq!(
            authenticate(&request("s6BhdRkqt3:new-secret"), &c, &server()).unwrap_err(),
            AuthError::SecretExpired { expired_at: NOW }
        );
    }

    #[test]
    fn client_id_parameter_must_equal_basic_user() {
        let token = base64::engine::general_purpose::STANDARD.encode("s6BhdRkqt3:gX1fBat3bV");
        let r = RequestParts::builder()
            .header("Authorization", format!("Basic {token}"))
            .form_body("client_id=s6BhdRkqt3")
            .now(NOW)
            .build()
            .unwrap();
        assert!(authenticate(&r, &client("s6BhdRkqt3", "gX1fBat3bV"), &server()).is_ok());
        let r = RequestParts::builder()
            .header("Authorization", format!("Basic {token}"))
            .form_body("client_id=other")
            .now(NOW)
            .build()
            .unwrap();
        let err = authenticate(&r, &client("s6BhdRkqt3", "gX1fBat3bV"), &server()).unwrap_err();
        assert_eq!(
            err,
            AuthError::ConflictingClientIds {
                basic: "s6BhdRkqt3".into(),
                parameter: "other".into(),
            }
        );
        assert_eq!(err.status(), 400);
    }
}
