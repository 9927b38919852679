//! `client_secret_jwt` (OpenID Connect Core §9, RFC 7523 §2.2): a JWT whose MAC is keyed with
//! the UTF-8 octets of the client secret, sent as `client_assertion` with
//! `client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer`.

use crate::assertion;
use crate::assertion::key::HmacKeys;
use crate::authenticate::{Authenticated, Context};
use crate::error::{AuthError, MetadataError};
use crate::method::check_secret_unexpired;

/// Verifies the assertion's HMAC with the registered secret, after the rules every client
/// assertion shares ([`assertion::verify`]).
pub(crate) fn verify(ctx: &Context<'_>) -> Result<Authenticated, AuthError> {
    // RFC 7591 §3.2.1: an expired secret keys nothing.
    check_secret_unexpired(ctx)?;
    let keys: &HmacKeys = ctx
        .client
        .hmac_keys()
        .ok_or(AuthError::InvalidClientMetadata(
            MetadataError::MissingClientSecret(ctx.client.method()),
        ))?;
    assertion::verify(ctx, |alg, assertion| {
        keys.check_length(alg)?;
        keys.verify(alg, assertion.signing_input(), assertion.signature())
    })
}
