//! The whole RFC 6749 §5.2 error response for a refusal: status, JSON body and
//! `WWW-Authenticate`, ready for any HTTP framework.

use crate::error::{AuthError, OAuthErrorCode};

/// An error response as RFC 6749 §5.2 describes it, built by [`AuthError::response`].
///
/// Send [`ErrorResponse::status`], the headers of [`ErrorResponse::headers`] and the body
/// [`ErrorResponse::body`] (`application/json`). Nothing in it repeats what the client sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorResponse {
    status: u16,
    code: OAuthErrorCode,
    description: &'static str,
    www_authenticate: Option<&'static str>,
}

impl ErrorResponse {
    /// The HTTP status: 400 for `invalid_request`, 401 for `invalid_client`.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `error` code.
    pub fn code(&self) -> OAuthErrorCode {
        self.code
    }

    /// The `error_description`: fixed text, safe to send.
    pub fn description(&self) -> &'static str {
        self.description
    }

    /// The `WWW-Authenticate` challenge, when the client tried HTTP Basic and failed to
    /// authenticate (RFC 6749 §5.2).
    pub fn www_authenticate(&self) -> Option<&'static str> {
        self.www_authenticate
    }

    /// The response headers beside `Content-Type`: `WWW-Authenticate` where it applies, and
    /// `Cache-Control: no-store` (RFC 6749 §5.1 asks it of token responses; an error is one).
    pub fn headers(&self) -> Vec<(&'static str, &'static str)> {
        let mut headers = vec![("Cache-Control", "no-store")];
        if let Some(challenge) = self.www_authenticate {
            headers.push(("WWW-Authenticate", challenge));
        }
        headers
    }

    /// The JSON body: `{"error": ..., "error_description": ...}`.
    pub fn body(&self) -> String {
        serde_json::json!({
            "error": self.code.as_str(),
            "error_description": self.description,
        })
        .to_string()
    }
}

impl AuthError {
    /// The whole error response for this refusal. `basic_attempted` is
    /// [`crate::RequestParts::basic_attempted`] of the refused request; when
    /// [`crate::RequestParts::builder`]'s `build` itself failed there is no request, and its
    /// errors are all `invalid_request`, which carry no challenge: pass `false`.
    pub fn response(&self, basic_attempted: bool) -> ErrorResponse {
        ErrorResponse {
            status: self.status(),
            code: self.oauth_code(),
            description: self.description(),
            www_authenticate: self.www_authenticate(basic_attempted),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_client_after_basic_carries_the_challenge() {
        let r = AuthError::SecretMismatch {
            credentials_were_form_decoded: false,
        }
        .response(true);
        assert_eq!(r.status(), 401);
        assert_eq!(
            r.body(),
            r#"{"error":"invalid_client","error_description":"client secret does not match"}"#
        );
        assert!(r
            .headers()
            .contains(&("WWW-Authenticate", crate::error::BASIC_CHALLENGE)));
        // Without Basic, no challenge (RFC 6749 §5.2: "MAY").
        let r = AuthError::UnknownClient.response(false);
        assert_eq!(r.www_authenticate(), None);
        assert_eq!(r.headers(), vec![("Cache-Control", "no-store")]);
    }

    #[test]
    fn invalid_request_is_400_without_challenge() {
        let r = AuthError::MissingClientId.response(true);
        assert_eq!((r.status(), r.code().as_str()), (400, "invalid_request"));
        assert_eq!(r.www_authenticate(), None);
    }
}
