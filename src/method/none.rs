//! `none` (RFC 7591 §2): a public client, identified by its `client_id` alone (RFC 6749
//! §3.2.1). The dispatcher has refused any credential sent with it.

use crate::method::Context;
use crate::wire::authenticated::Authenticated;
use crate::wire::error::AuthError;
use crate::wire::metadata::method::AuthMethod;

/// Accepts the public client named by the `client_id` parameter (the dispatcher has checked
/// that the parameter is present and names this client).
pub(crate) fn verify(ctx: &Context<'_>) -> Result<Authenticated, AuthError> {
    Ok(Authenticated::new(ctx.client.client_id(), AuthMethod::None))
}

#[cfg(test)]
mod tests {
    use crate::dispatch::authenticate;
    use crate::wire::error::request::CredentialKind;
    use crate::wire::error::AuthError;
    use crate::wire::metadata::client::ClientMetadata;
    use crate::wire::metadata::method::AuthMethod;
    use crate::wire::metadata::server::ServerMetadata;
    use crate::wire::request::RequestParts;

    fn client() -> ClientMetadata {
        let mut c = ClientMetadata::new("public-app");
        c.token_endpoint_auth_method = Some("none".into());
        c
    }

    fn server() -> ServerMetadata {
        let mut s = ServerMetadata::new("https://as.example.com");
        s.token_endpoint_auth_methods_supported = Some(vec!["none".into()]);
        s
    }

    #[test]
    fn client_id_alone_authenticates_a_public_client() {
        let r = RequestParts::builder()
            .form_body("grant_type=authorization_code&code=x&client_id=public-app")
            .now(1)
            .build()
            .unwrap();
        let ok = authenticate(&r, &client(), &server()).unwrap();
        assert_eq!(ok.method(), AuthMethod::None);
        assert_eq!(ok.client_id(), "public-app");
    }

    #[test]
    fn secret_sent_by_a_public_client_is_refused() {
        let r = RequestParts::builder()
            .form_body("client_id=public-app&client_secret=anything")
            .now(1)
            .build()
            .unwrap();
        assert_eq!(
            authenticate(&r, &client(), &server()).unwrap_err(),
            AuthError::MethodNotRegistered {
                registered: AuthMethod::None,
                presented: CredentialKind::SecretParameter
            }
        );
    }

    #[test]
    fn assertion_sent_by_a_public_client_is_refused() {
        let r = RequestParts::builder()
            .form_body("client_id=public-app&client_assertion=a.b.c&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer")
            .now(1)
            .build()
            .unwrap();
        assert_eq!(
            authenticate(&r, &client(), &server()).unwrap_err(),
            AuthError::MethodNotRegistered {
                registered: AuthMethod::None,
                presented: CredentialKind::Assertion
            }
        );
    }
}
