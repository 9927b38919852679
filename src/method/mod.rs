//! One verifier per client authentication method, each in a file named after the method's
//! registered name, and [`METHODS`], the one list that names them. The dispatcher has already
//! checked that the request carries exactly the credential the method uses and that the method
//! is registered and allowed; a verifier checks the credential itself.

pub(crate) mod assertion;
pub(crate) mod attest_jwt_client_auth;
pub(crate) mod client_secret_basic;
pub(crate) mod client_secret_jwt;
pub(crate) mod client_secret_post;
pub(crate) mod none;
pub(crate) mod private_key_jwt;
pub(crate) mod self_signed_tls_client_auth;
pub(crate) mod spiffe_jwt;
pub(crate) mod spiffe_wit;
pub(crate) mod spiffe_x509;
pub(crate) mod tls_client_auth;

use crate::prepared::{PlainSecretClient, PreparedClient, PreparedServer};
use crate::primitives::cert::ClientCertificate;
use crate::primitives::secret::{plain_secret_matches, Tried};
use crate::wire::authenticated::Authenticated;
use crate::wire::context::RequestContext;
use crate::wire::error::registration::MetadataError;
use crate::wire::error::request::CredentialKind;
use crate::wire::error::AuthError;
use crate::wire::metadata::client::ClientMetadata;
use crate::wire::metadata::method::AuthMethod;
use crate::wire::request::RequestParts;
use crate::wire::secret::ClientSecret;

/// What a verifier sees: the request, the prepared client and server, the clock, and the
/// presented certificate. No store: verifiers decide, and record nothing.
pub(crate) struct Context<'a> {
    pub(crate) request: &'a RequestParts,
    pub(crate) client: &'a PreparedClient,
    pub(crate) server: &'a PreparedServer,
    /// The time the request is judged at, Unix seconds.
    pub(crate) now: i64,
    /// The TLS client certificate, decoded, when one was presented.
    pub(crate) certificate: Option<&'a ClientCertificate<'a>>,
}

impl Context<'_> {
    /// The clock, endpoint and policy, for the rules below the methods.
    pub(crate) fn request_context(&self) -> RequestContext<'_> {
        RequestContext {
            now: self.now,
            endpoint: self.request.endpoint(),
            server: self.server.metadata(),
            clock_skew: self.server.clock_skew(),
            max_assertion_lifetime: self.server.max_assertion_lifetime(),
        }
    }
}

/// A method's verifier.
pub(crate) type Verifier = fn(&Context<'_>) -> Result<Authenticated, AuthError>;

/// One row of [`METHODS`].
pub(crate) struct MethodEntry {
    /// The registered method.
    pub(crate) method: AuthMethod,
    /// The credential a request presents for it (RFC 6749 §2.3: one per request).
    pub(crate) credential: CredentialKind,
    /// Its verifier.
    pub(crate) verify: Verifier,
}

/// The one list of methods: each registered method with the credential it is presented with
/// and its verifier. Adding a method adds its module and one row here.
pub(crate) const METHODS: [MethodEntry; 11] = [
    MethodEntry {
        method: AuthMethod::None,
        credential: CredentialKind::ClientIdOnly,
        verify: none::verify,
    },
    MethodEntry {
        method: AuthMethod::ClientSecretBasic,
        credential: CredentialKind::BasicHeader,
        verify: client_secret_basic::verify,
    },
    MethodEntry {
        method: AuthMethod::ClientSecretPost,
        credential: CredentialKind::SecretParameter,
        verify: client_secret_post::verify,
    },
    MethodEntry {
        method: AuthMethod::ClientSecretJwt,
        credential: CredentialKind::Assertion,
        verify: client_secret_jwt::verify,
    },
    MethodEntry {
        method: AuthMethod::PrivateKeyJwt,
        credential: CredentialKind::Assertion,
        verify: private_key_jwt::verify,
    },
    MethodEntry {
        method: AuthMethod::TlsClientAuth,
        credential: CredentialKind::ClientIdOnly,
        verify: tls_client_auth::verify,
    },
    MethodEntry {
        method: AuthMethod::SelfSignedTlsClientAuth,
        credential: CredentialKind::ClientIdOnly,
        verify: self_signed_tls_client_auth::verify,
    },
    MethodEntry {
        method: AuthMethod::AttestJwtClientAuth,
        credential: CredentialKind::Attestation,
        verify: attest_jwt_client_auth::verify,
    },
    MethodEntry {
        method: AuthMethod::SpiffeJwt,
        credential: CredentialKind::SpiffeAssertion,
        verify: spiffe_jwt::verify,
    },
    MethodEntry {
        method: AuthMethod::SpiffeX509,
        credential: CredentialKind::ClientIdOnly,
        verify: spiffe_x509::verify,
    },
    MethodEntry {
        method: AuthMethod::SpiffeWit,
        // draft-ietf-oauth-spiffe-client-auth-02 §3.3: the attestation headers.
        credential: CredentialKind::Attestation,
        verify: spiffe_wit::verify,
    },
];

/// The row of [`METHODS`] for a method.
///
/// # Errors
///
/// [`MetadataError::UnknownAuthMethod`] for a method with no row (a test shows every
/// [`AuthMethod`] has one).
pub(crate) fn entry(method: AuthMethod) -> Result<&'static MethodEntry, MetadataError> {
    METHODS
        .iter()
        .find(|e| e.method == method)
        .ok_or_else(|| MetadataError::UnknownAuthMethod(method.as_str().to_owned()))
}

/// Tries a presented secret against every live registered secret (`client_secret`,
/// `client_secret_hash` or the `client_secrets` entries), after the registration's expiry,
/// and returns the `id` of the entry that matched, for `client_secrets`.
///
/// RFC 7591 §3.2.1: `client_secret_expires_at` is "Time at which the client secret will
/// expire or 0 if it will not expire". RFC 6749 §2.3.1: the secret is compared; here in
/// constant time per candidate, every live candidate tried (case format).
pub(crate) fn check_secret(
    ctx: &Context<'_>,
    presented: &ClientSecret,
    credentials_were_form_decoded: bool,
) -> Result<Option<String>, AuthError> {
    check_secret_unexpired(ctx)?;
    let secrets = ctx.client.secrets().ok_or_else(|| {
        AuthError::InvalidClientMetadata(MetadataError::MissingClientSecret(ctx.client.method()))
    })?;
    match secrets.try_secret(presented, ctx.now) {
        Tried::Matched(id) => Ok(id.map(str::to_owned)),
        Tried::NoMatch => Err(AuthError::SecretMismatch {
            credentials_were_form_decoded,
        }),
        // case format: "When every entry has expired the refusal is invalid_client".
        Tried::AllExpired(at) => Err(AuthError::SecretExpired { expired_at: at }),
    }
}

/// RFC 7591 §3.2.1: a secret whose `client_secret_expires_at` (non-zero) has passed is refused.
pub(crate) fn check_secret_unexpired(ctx: &Context<'_>) -> Result<(), AuthError> {
    secret_unexpired(ctx.client.metadata(), ctx.now)
}

/// [`check_secret_unexpired`] of a registration at `now`.
fn secret_unexpired(metadata: &ClientMetadata, now: i64) -> Result<(), AuthError> {
    match metadata.client_secret_expires_at {
        Some(at) if at != 0 && now >= at => Err(AuthError::SecretExpired { expired_at: at }),
        _ => Ok(()),
    }
}

/// `client_secret_basic` and `client_secret_post` for a registration that needs no
/// preparation: what their verifiers and [`check_secret`] do with a prepared client, in the
/// same order (the credential, the expiry, the constant-time comparison). The dispatcher has
/// checked everything else.
pub(crate) fn verify_plain_secret(
    request: &RequestParts,
    client: &PlainSecretClient<'_>,
    now: i64,
) -> Result<Authenticated, AuthError> {
    let (presented, credentials_were_form_decoded) = match client.method {
        AuthMethod::ClientSecretBasic => client_secret_basic::presented(request)?,
        _ => (client_secret_post::presented(request)?, false),
    };
    secret_unexpired(client.metadata, now)?;
    if !plain_secret_matches(client.secret, presented) {
        return Err(AuthError::SecretMismatch {
            credentials_were_form_decoded,
        });
    }
    Ok(Authenticated::new(
        &client.metadata.client_id,
        client.method,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_method_has_one_row() {
        for method in AuthMethod::ALL {
            assert_eq!(entry(method).map(|e| e.method), Ok(method), "{method}");
            assert_eq!(METHODS.iter().filter(|e| e.method == method).count(), 1);
        }
        assert_eq!(METHODS.len(), AuthMethod::ALL.len());
    }
}
