//! `private_key_jwt` (OpenID Connect Core §9, RFC 7523 §2.2): a JWT signed with a private key
//! whose public key the client registered in its `jwks`, sent as `client_assertion` with
//! `client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer`.

use crate::assertion;
use crate::assertion::key::check_key_size;
use crate::authenticate::{Authenticated, Context};
use crate::error::{AuthError, MetadataError};

/// Verifies the assertion's signature with the client's prepared key, after the rules every
/// client assertion shares ([`assertion::verify`]).
pub(crate) fn verify(ctx: &Context<'_>) -> Result<Authenticated, AuthError> {
    let keys = ctx
        .client
        .jwk_set()
        .ok_or(AuthError::InvalidClientMetadata(
            MetadataError::MissingJwks(ctx.client.method()),
        ))?;
    let profile = ctx.server.metadata().fapi_profile;
    assertion::verify(ctx, |alg, assertion| {
        let key = keys.select(alg, assertion.header().kid())?;
        // Key sizes are checked before the signature is (FAPI 1 Part 1 §5.2.2 items 5, 6).
        check_key_size(key.kind(), profile)?;
        key.verify(alg, assertion.signing_input(), assertion.signature())
    })
}
