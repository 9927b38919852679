//! One verifier per client authentication method, each in a file named after the method's
//! registered name. The dispatcher in [`crate::authenticate`] has already checked that the
//! request carries exactly the credential the method uses and that the method is registered
//! and allowed; a verifier checks the credential itself.

pub(crate) mod client_secret_basic;
pub(crate) mod client_secret_jwt;
pub(crate) mod client_secret_post;
pub(crate) mod none;
pub(crate) mod private_key_jwt;
pub(crate) mod self_signed_tls_client_auth;
pub(crate) mod tls_client_auth;

use crate::authenticate::Context;
use crate::error::AuthError;
use crate::secret::ClientSecret;

/// Compares a presented secret with the registered one, after the registered one's expiry.
///
/// RFC 7591 §3.2.1: `client_secret_expires_at` is "Time at which the client secret will
/// expire or 0 if it will not expire". RFC 6749 §2.3.1: the secret is compared; here in
/// constant time.
pub(crate) fn check_secret(
    ctx: &Context<'_>,
    presented: &ClientSecret,
    credentials_were_form_decoded: bool,
) -> Result<(), AuthError> {
    check_secret_unexpired(ctx)?;
    let registered = registered_secret(ctx)?;
    // An empty presented secret cannot match: `PreparedClient::new` refuses an empty
    // registered one (RFC 6749 §2.3.1).
    if registered.ct_eq(presented) {
        Ok(())
    } else {
        Err(AuthError::SecretMismatch {
            credentials_were_form_decoded,
        })
    }
}

/// The registered secret; [`crate::PreparedClient::new`] guarantees one for the secret methods.
pub(crate) fn registered_secret<'a>(ctx: &Context<'a>) -> Result<&'a ClientSecret, AuthError> {
    ctx.client
        .metadata()
        .client_secret
        .as_ref()
        .ok_or(AuthError::InvalidClientMetadata(
            crate::MetadataError::MissingClientSecret(ctx.client.method()),
        ))
}

/// RFC 7591 §3.2.1: a secret whose `client_secret_expires_at` (non-zero) has passed is refused.
pub(crate) fn check_secret_unexpired(ctx: &Context<'_>) -> Result<(), AuthError> {
    match ctx.client.metadata().client_secret_expires_at {
        Some(at) if at != 0 && ctx.now >= at => Err(AuthError::SecretExpired { expired_at: at }),
        _ => Ok(()),
    }
}
