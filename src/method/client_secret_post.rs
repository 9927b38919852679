//! `client_secret_post` (RFC 6749 §2.3.1): `client_id` and `client_secret` in the form body.

use crate::method::check_secret;
use crate::method::Context;
use crate::wire::authenticated::Authenticated;
use crate::wire::error::AuthError;
use crate::wire::metadata::method::AuthMethod;
use crate::wire::request::RequestParts;
use crate::wire::secret::ClientSecret;

/// Checks the `client_secret` parameter. RFC 6749 §2.3.1 makes `client_id` REQUIRED beside
/// it; the dispatcher has checked that it is present and names the client.
pub(crate) fn verify(ctx: &Context<'_>) -> Result<Authenticated, AuthError> {
    let secret = presented(ctx.request)?;
    let matched = check_secret(ctx, secret, false)?;
    Ok(
        Authenticated::new(ctx.client.client_id(), AuthMethod::ClientSecretPost)
            .with_matched_secret(matched),
    )
}

/// The `client_secret` parameter.
pub(crate) fn presented(request: &RequestParts) -> Result<&ClientSecret, AuthError> {
    request
        .client_secret_param()
        .ok_or(AuthError::MissingCredentials)
}

#[cfg(test)]
mod tests {
    use crate::dispatch::authenticate;
    use crate::wire::error::AuthError;
    use crate::wire::metadata::client::ClientMetadata;
    use crate::wire::metadata::method::AuthMethod;
    use crate::wire::metadata::server::ServerMetadata;
    use crate::wire::request::RequestParts;
    use crate::wire::secret::ClientSecret;

    const NOW: i64 = 1_764_300_000;

    fn client() -> ClientMetadata {
        let mut c = ClientMetadata::new("s6BhdRkqt3");
        c.client_secret = Some(ClientSecret::new("gX1f Bat3+bV%"));
        c.token_endpoint_auth_method = Some("client_secret_post".into());
        c
    }

    fn server() -> ServerMetadata {
        let mut s = ServerMetadata::new("https://as.example.com");
        s.token_endpoint_auth_methods_supported = Some(vec!["client_secret_post".into()]);
        s
    }

    fn request(body: &str) -> RequestParts {
        RequestParts::builder()
            .form_body(body)
            .now(NOW)
            .build()
            .unwrap()
    }

    #[test]
    fn percent_encoded_secret_is_accepted() {
        let r = request(
            "grant_type=client_credentials&client_id=s6BhdRkqt3&client_secret=gX1f+Bat3%2BbV%25",
        );
        let ok = authenticate(&r, &client(), &server()).unwrap();
        assert_eq!(ok.method(), AuthMethod::ClientSecretPost);
    }

    #[test]
    fn wrong_secret_is_invalid_client_without_challenge() {
        let r = request("client_id=s6BhdRkqt3&client_secret=gX1f+Bat3%2BbV");
        let err = authenticate(&r, &client(), &server()).unwrap_err();
        assert_eq!(
            err,
            AuthError::SecretMismatch {
                credentials_were_form_decoded: false
            }
        );
        assert_eq!(err.www_authenticate(r.basic_attempted()), None);
    }

    #[test]
    fn secret_without_client_id_is_invalid_request() {
        let r = request("client_secret=gX1f+Bat3%2BbV%25");
        let err = authenticate(&r, &client(), &server()).unwrap_err();
        assert_eq!(err, AuthError::MissingClientId);
        assert_eq!(err.status(), 400);
    }

    #[test]
    fn expired_secret_is_refused() {
        let mut c = client();
        c.client_secret_expires_at = Some(NOW - 10);
        let r = request("client_id=s6BhdRkqt3&client_secret=gX1f+Bat3%2BbV%25");
        assert_eq!(
            authenticate(&r, &c, &server()).unwrap_err(),
            AuthError::SecretExpired {
                expired_at: NOW - 10
            }
        );
    }
}
