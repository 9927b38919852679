//! Metadata checked and parsed once, when a client or the server configuration is loaded.
//!
//! [`PreparedClient`] validates a [`ClientMetadata`] (the method is known, the credentials the
//! method needs are registered) and keeps what later requests need in parsed form.
//! [`PreparedServer`] does the same for [`ServerMetadata`]. Both are `Send + Sync` and cheap to
//! share behind an `Arc`. [`crate::dispatch::authenticate`] prepares on every call; servers that keep
//! clients in memory prepare once and call [`crate::dispatch::authenticate_prepared`]. The two paths run
//! the same checks and give the same verdicts.

use std::sync::Arc;

use crate::primitives::assertion::attestation::DEFAULT_POP_MAX_AGE_SECONDS;
use crate::primitives::assertion::key::{HmacKeys, JwkSet};
use crate::primitives::cert::chain::TrustAnchors;
use crate::primitives::cert::CertificateRule;
use crate::primitives::challenge::{ChallengeValidator, HmacChallenges, ListedChallenges};
use crate::primitives::secret::{Candidates, SecretCheck};
use crate::primitives::spiffe::bundle::SpiffeBundles;
use crate::primitives::spiffe::id::{SpiffeId, SpiffeIdPattern};
use crate::wire::error::registration::MetadataError;
use crate::wire::error::shown::Shown;
use crate::wire::error::AuthError;
use crate::wire::metadata::algorithm::JwsAlgorithm;
use crate::wire::metadata::client::ClientMetadata;
use crate::wire::metadata::method::AuthMethod;
use crate::wire::metadata::secret_hash_cost::SecretHashMaxCost;
use crate::wire::metadata::server::ServerMetadata;
use crate::wire::secret::ClientSecret;

/// A registered client, validated and ready to authenticate requests.
///
/// For `private_key_jwt` its `jwks` is parsed here, once, into ready verifiers; for
/// `client_secret_jwt` its secrets are keyed for HMAC here; for the secret methods its
/// `client_secret_hash` and `client_secrets` hashes are parsed and their cost checked here. A
/// request then only picks a key or computes a hash.
#[derive(Debug, Clone)]
pub struct PreparedClient {
    metadata: ClientMetadata,
    method: AuthMethod,
    signing_alg: Option<JwsAlgorithm>,
    keys: AssertionKeys,
    /// The registered secrets of the secret methods, plaintext or hashed.
    secrets: Option<Candidates<SecretCheck>>,
    /// The registered subject, SAN or certificates of the mutual-TLS methods, parsed.
    certificate_rule: Option<CertificateRule>,
    /// The registered SPIFFE ID of the SPIFFE methods, parsed.
    spiffe_id: Option<SpiffeIdPattern>,
}

/// The keys that verify a client's assertions, prepared.
#[derive(Debug, Clone)]
enum AssertionKeys {
    /// The method uses no assertion.
    None,
    /// `client_secret_jwt`: each plaintext secret, keyed for HMAC.
    Hmac(Candidates<HmacKeys>),
    /// `private_key_jwt`: the JWK Set, parsed (shared with a key fetcher's cache).
    Jwks(Arc<JwkSet>),
}

impl PreparedClient {
    /// Validates the metadata and parses what the registered method needs.
    ///
    /// # Errors
    ///
    /// A [`MetadataError`] naming what is wrong with the registration: an unknown method
    /// (RFC 7591 §2), an empty `client_id`, a secret method without `client_secret`; for the
    /// assertion methods, an unknown `token_endpoint_auth_signing_alg` or one of the other
    /// method; for `private_key_jwt`, a missing `jwks`, a `jwks` that is not a JWK Set
    /// (RFC 7517 §5), or one with no usable key; `tls_client_auth` without exactly one
    /// `tls_client_auth_*` parameter (RFC 8705 §2.1.2), with a subject DN that is not an
    /// RFC 4514 string or a SAN value that does not parse; `self_signed_tls_client_auth`
    /// without an `x5c` certificate in `jwks` (RFC 8705 §2.2); for both methods that read
    /// `jwks`, a key in it that publishes a private member (RFC 7591 §2); for the secret
    /// methods, a `client_secret_hash` or `client_secrets` that breaks the rules of the case
    /// format (a hash that does not parse or is over the default [`SecretHashMaxCost`],
    /// `client_secret` beside `client_secret_hash`, a broken `client_secrets` entry), and
    /// `client_secret_jwt` with no plaintext secret.
    ///
    /// Hashes are checked against the default [`SecretHashMaxCost`]; use
    /// [`PreparedClient::with_server`] to apply the server's `secret_hash_max_cost`.
    pub fn new(metadata: &ClientMetadata) -> Result<Self, MetadataError> {
        Self::prepare(metadata, None, &SecretHashMaxCost::default())
    }

    /// As [`PreparedClient::new`], with the stored secret hashes checked against the server's
    /// `secret_hash_max_cost`. [`crate::dispatch::authenticate`] prepares this way.
    ///
    /// # Errors
    ///
    /// As [`PreparedClient::new`].
    pub fn with_server(
        metadata: &ClientMetadata,
        server: &PreparedServer,
    ) -> Result<Self, MetadataError> {
        Self::prepare(metadata, None, &server.secret_hash_max_cost)
    }

    /// As [`PreparedClient::new`], with the stored secret hashes checked against `max`.
    ///
    /// # Errors
    ///
    /// As [`PreparedClient::new`].
    pub fn with_secret_hash_max_cost(
        metadata: &ClientMetadata,
        max: &SecretHashMaxCost,
    ) -> Result<Self, MetadataError> {
        Self::prepare(metadata, None, max)
    }

    /// As [`PreparedClient::new`], for a `private_key_jwt` client whose keys were fetched from
    /// its `jwks_uri` and parsed already: `keys` stands in for `jwks`, and nothing is parsed
    /// again. Other methods ignore `keys`.
    #[cfg(feature = "jwks-fetch")]
    pub(crate) fn with_fetched_keys(
        metadata: &ClientMetadata,
        keys: Arc<JwkSet>,
    ) -> Result<Self, MetadataError> {
        Self::prepare(metadata, Some(keys), &SecretHashMaxCost::default())
    }

    fn prepare(
        metadata: &ClientMetadata,
        fetched: Option<Arc<JwkSet>>,
        max: &SecretHashMaxCost,
    ) -> Result<Self, MetadataError> {
        if metadata.client_id.is_empty() {
            return Err(MetadataError::EmptyClientId);
        }
        let method = metadata.auth_method()?;
        let mut signing_alg = None;
        let mut secrets = None;
        let keys =
            match method {
                AuthMethod::ClientSecretBasic | AuthMethod::ClientSecretPost => {
                    secrets = Some(Candidates::prepare(metadata, method, max)?);
                    AssertionKeys::None
                }
                AuthMethod::ClientSecretJwt => {
                    let candidates = Candidates::prepare(metadata, method, max)?;
                    signing_alg = registered_signing_alg(metadata, method)?;
                    let keys = AssertionKeys::Hmac(candidates.hmac_keys()?);
                    secrets = Some(candidates);
                    keys
                }
                AuthMethod::PrivateKeyJwt => {
                    // `jwks_uri` is never fetched here: the caller resolves it into `jwks`, or a
                    // key fetcher (feature `jwks-fetch`) hands over the keys it parsed.
                    let registered = match &fetched {
                        Some(_) => None,
                        None => Some(
                            metadata
                                .jwks
                                .as_ref()
                                .ok_or(MetadataError::MissingJwks(method))?,
                        ),
                    };
                    signing_alg = registered_signing_alg(metadata, method)?;
                    match (fetched, registered) {
                        (Some(keys), _) => AssertionKeys::Jwks(keys),
                        (None, Some(jwks)) => AssertionKeys::Jwks(Arc::new(JwkSet::parse(jwks)?)),
                        (None, None) => return Err(MetadataError::MissingJwks(method)),
                    }
                }
                AuthMethod::SpiffeJwt => {
                    // A JWT-SVID is signed (JWT-SVID §2.1): an HMAC algorithm can never be met.
                    signing_alg = registered_signing_alg(metadata, AuthMethod::PrivateKeyJwt)
                        .map_err(|_| match metadata.signing_alg() {
                            Ok(Some(alg)) => {
                                MetadataError::SigningAlgDoesNotFitMethod { alg, method }
                            }
                            Ok(None) | Err(_) => MetadataError::UnknownSigningAlg(
                                metadata
                                    .token_endpoint_auth_signing_alg
                                    .clone()
                                    .unwrap_or_default(),
                            ),
                        })?;
                    AssertionKeys::None
                }
                // attest_jwt_client_auth: the attesters' keys are the server's, not the client's;
                // so are the SPIFFE trust domains' keys.
                AuthMethod::SpiffeX509
                | AuthMethod::SpiffeWit
                | AuthMethod::None
                | AuthMethod::TlsClientAuth
                | AuthMethod::SelfSignedTlsClientAuth
                | AuthMethod::AttestJwtClientAuth => AssertionKeys::None,
            };
        let certificate_rule = CertificateRule::prepare(metadata, method)?;
        let spiffe_id = match method {
            // draft-ietf-oauth-spiffe-client-auth-02 §5.1: every SPIFFE method registers one.
            AuthMethod::SpiffeJwt | AuthMethod::SpiffeX509 | AuthMethod::SpiffeWit => {
                Some(registered_spiffe_id(metadata)?)
            }
            _ => None,
        };
        Ok(Self {
            metadata: metadata.clone(),
            method,
            signing_alg,
            keys,
            secrets,
            certificate_rule,
            spiffe_id,
        })
    }

    /// The registered client identifier.
    pub fn client_id(&self) -> &str {
        &self.metadata.client_id
    }

    /// The registered authentication method.
    pub fn method(&self) -> AuthMethod {
        self.method
    }

    /// The metadata this was prepared from.
    pub fn metadata(&self) -> &ClientMetadata {
        &self.metadata
    }

    /// This client as a [`PlainSecretClient`], when it is one (one plaintext `client_secret`
    /// for `client_secret_basic` or `client_secret_post`, which preparation has checked).
    pub(crate) fn plain_secret(&self) -> Option<PlainSecretClient<'_>> {
        PlainSecretClient::with_method(&self.metadata, self.method)
    }

    /// How the client is recognized by its certificate, for the mutual-TLS methods.
    pub(crate) fn certificate_rule(&self) -> Option<&CertificateRule> {
        self.certificate_rule.as_ref()
    }

    /// The registered SPIFFE ID of a SPIFFE method.
    pub(crate) fn spiffe_id(&self) -> Option<&SpiffeIdPattern> {
        self.spiffe_id.as_ref()
    }

    /// Whether an SVID's SPIFFE ID is the registered one (draft-ietf-oauth-spiffe-client-auth-02
    /// §3.1 item 5, §3.2 item 5, §5.1).
    pub(crate) fn require_spiffe_id(&self, id: &SpiffeId) -> Result<(), AuthError> {
        let registered = self.spiffe_id().ok_or(AuthError::InvalidClientMetadata(
            MetadataError::MissingSpiffeId,
        ))?;
        if registered.matches(id) {
            return Ok(());
        }
        Err(AuthError::SpiffeIdMismatch {
            presented: Shown::new(id.as_str()),
            registered: Shown::new(&registered.text()),
        })
    }

    /// The registered `token_endpoint_auth_signing_alg` of an assertion method.
    pub(crate) fn signing_alg(&self) -> Option<JwsAlgorithm> {
        self.signing_alg
    }

    /// The registered secrets of a secret method.
    pub(crate) fn secrets(&self) -> Option<&Candidates<SecretCheck>> {
        self.secrets.as_ref()
    }

    /// The HMAC keys of a `client_secret_jwt` client, one per live plaintext secret.
    pub(crate) fn hmac_keys(&self) -> Option<&Candidates<HmacKeys>> {
        match &self.keys {
            AssertionKeys::Hmac(keys) => Some(keys),
            AssertionKeys::None | AssertionKeys::Jwks(_) => None,
        }
    }

    /// The parsed JWK Set of a `private_key_jwt` client.
    pub(crate) fn jwk_set(&self) -> Option<&JwkSet> {
        match &self.keys {
            AssertionKeys::Jwks(keys) => Some(keys),
            AssertionKeys::None | AssertionKeys::Hmac(_) => None,
        }
    }
}

/// The registered `token_endpoint_auth_signing_alg`, which must be one this crate verifies and
/// belong to the method (OpenID Connect Core §9: HMAC for `client_secret_jwt`, signatures for
/// `private_key_jwt`).
fn registered_signing_alg(
    metadata: &ClientMetadata,
    method: AuthMethod,
) -> Result<Option<JwsAlgorithm>, MetadataError> {
    let alg = metadata.signing_alg()?;
    match alg {
        Some(alg) if alg.method() != method => {
            Err(MetadataError::SigningAlgDoesNotFitMethod { alg, method })
        }
        _ => Ok(alg),
    }
}

/// The SPIFFE ID a SPIFFE client is registered under: `spiffe_id`
/// (draft-ietf-oauth-spiffe-client-auth-02 §5.1, "REQUIRED"), or, when the client registers
/// none, its `client_id` when that is a SPIFFE ID (crate decision: the draft's examples send
/// the SPIFFE ID as `client_id`, §3.2 "The request MUST include the client_id parameter
/// containing the SPIFFE-ID of the client").
fn registered_spiffe_id(metadata: &ClientMetadata) -> Result<SpiffeIdPattern, MetadataError> {
    match &metadata.spiffe_id {
        Some(registered) => {
            SpiffeIdPattern::parse(registered).map_err(MetadataError::InvalidSpiffeId)
        }
        None => SpiffeId::parse(&metadata.client_id)
            .map(SpiffeIdPattern::Exact)
            .map_err(|_| MetadataError::MissingSpiffeId),
    }
}

/// A policy value in seconds, at most [`MAX_POLICY_SECONDS`].
fn seconds(value: u64, what: &'static str) -> Result<i64, MetadataError> {
    (value <= MAX_POLICY_SECONDS)
        .then(|| i64::try_from(value).ok())
        .flatten()
        .ok_or(MetadataError::InvalidServerMetadata(what))
}

/// A registration that needs no preparation: one plaintext `client_secret` (no
/// `client_secret_hash`, no `client_secrets`) for `client_secret_basic` or
/// `client_secret_post`, checked as [`PreparedClient::new`] checks it and borrowed, so that
/// [`crate::dispatch::authenticate`] compares the secret without preparing or caching it.
pub(crate) struct PlainSecretClient<'a> {
    /// The registration.
    pub(crate) metadata: &'a ClientMetadata,
    /// `client_secret_basic` or `client_secret_post`.
    pub(crate) method: AuthMethod,
    /// The registered `client_secret`, not empty.
    pub(crate) secret: &'a ClientSecret,
}

impl<'a> PlainSecretClient<'a> {
    /// `None` for a registration that needs preparing (another method, a method name that
    /// does not parse, a hashed secret, `client_secrets`); else what [`PreparedClient::new`]
    /// gives for it, in the same order: an empty `client_id`, then an empty `client_secret`.
    pub(crate) fn of(metadata: &'a ClientMetadata) -> Option<Result<Self, MetadataError>> {
        let client = Self::with_method(metadata, metadata.auth_method().ok()?)?;
        if metadata.client_id.is_empty() {
            return Some(Err(MetadataError::EmptyClientId));
        }
        // RFC 6749 §2.3.1; crate policy: "" is what storage writes for "no secret" (as in
        // `Candidates::prepare`).
        if client.secret.expose().is_empty() {
            return Some(Err(MetadataError::EmptyClientSecret(client.method)));
        }
        Some(Ok(client))
    }

    /// The registration under `method`, when that is `client_secret_basic` or
    /// `client_secret_post` with one plaintext `client_secret` and no hash or rotation; its
    /// values are not checked.
    fn with_method(metadata: &'a ClientMetadata, method: AuthMethod) -> Option<Self> {
        if !matches!(
            method,
            AuthMethod::ClientSecretBasic | AuthMethod::ClientSecretPost
        ) {
            return None;
        }
        let (Some(secret), None, None) = (
            &metadata.client_secret,
            &metadata.client_secret_hash,
            &metadata.client_secrets,
        ) else {
            return None;
        };
        Some(Self {
            metadata,
            method,
            secret,
        })
    }
}

/// `None` for a server configuration with something to parse (trust anchors, attestation
/// keys or anchors, SPIFFE bundles, attestation challenges); else what
/// [`PreparedServer::new`] says of it, in the same order, without preparing it.
pub(crate) fn check_unprepared_server(
    metadata: &ServerMetadata,
) -> Option<Result<(), MetadataError>> {
    if metadata.tls_client_auth_trust_anchors.is_some()
        || metadata.client_attestation_trusted_keys.is_some()
        || metadata.client_attestation_trust_anchors.is_some()
        || metadata.client_attestation_challenges.is_some()
        || metadata.spiffe_bundles.is_some()
    {
        return None;
    }
    let check = || {
        if metadata.issuer.is_empty() {
            return Err(MetadataError::InvalidServerMetadata("issuer is empty"));
        }
        if let Some(v) = metadata.client_attestation_max_age_seconds {
            seconds(
                v,
                "client_attestation_max_age_seconds is larger than one year",
            )?;
        }
        if let Some(v) = metadata.client_attestation_pop_max_age_seconds {
            seconds(
                v,
                "client_attestation_pop_max_age_seconds is larger than one year",
            )?;
        }
        seconds(
            metadata.clock_skew(),
            "clock_skew_seconds is larger than one year",
        )?;
        seconds(
            metadata.max_assertion_lifetime(),
            "max_assertion_lifetime_seconds is larger than one year",
        )?;
        Ok(())
    };
    Some(check())
}

/// The largest `clock_skew_seconds` and `max_assertion_lifetime_seconds` accepted: one year.
/// Far beyond any sensible policy, and small enough that no time arithmetic can overflow.
pub const MAX_POLICY_SECONDS: u64 = 365 * 24 * 3600;

/// The server's metadata and policy, validated and ready to judge requests.
#[derive(Debug, Clone)]
pub struct PreparedServer {
    metadata: ServerMetadata,
    clock_skew: i64,
    max_assertion_lifetime: i64,
    /// `tls_client_auth_trust_anchors`, parsed.
    trust_anchors: Option<TrustAnchors>,
    /// `secret_hash_max_cost`, with its defaults.
    secret_hash_max_cost: SecretHashMaxCost,
    /// `client_attestation_trusted_keys`, parsed.
    attestation_keys: Option<JwkSet>,
    /// `client_attestation_trust_anchors`, parsed.
    attestation_anchors: Option<TrustAnchors>,
    /// `client_attestation_max_age_seconds`.
    attestation_max_age: Option<i64>,
    /// `client_attestation_pop_max_age_seconds` or its default.
    attestation_pop_max_age: i64,
    /// The challenge validator: the caller's, or `client_attestation_challenges`.
    challenges: Option<Arc<dyn ChallengeValidator>>,
    /// `spiffe_bundles`, parsed.
    spiffe_bundles: SpiffeBundles,
}

impl PreparedServer {
    /// Validates the metadata and parses what later requests need.
    ///
    /// # Errors
    ///
    /// [`MetadataError::InvalidServerMetadata`] when the issuer is empty, or
    /// `clock_skew_seconds` or `max_assertion_lifetime_seconds` is larger than
    /// [`MAX_POLICY_SECONDS`], or `tls_client_auth_trust_anchors` lists no certificate;
    /// [`MetadataError::InvalidTrustAnchor`] when one of its entries is not PEM certificates.
    pub fn new(metadata: &ServerMetadata) -> Result<Self, MetadataError> {
        if metadata.issuer.is_empty() {
            return Err(MetadataError::InvalidServerMetadata("issuer is empty"));
        }
        let attestation_max_age = metadata
            .client_attestation_max_age_seconds
            .map(|v| {
                seconds(
                    v,
                    "client_attestation_max_age_seconds is larger than one year",
                )
            })
            .transpose()?;
        let attestation_pop_max_age = match metadata.client_attestation_pop_max_age_seconds {
            Some(v) => seconds(
                v,
                "client_attestation_pop_max_age_seconds is larger than one year",
            )?,
            None => DEFAULT_POP_MAX_AGE_SECONDS,
        };
        let challenges = metadata.client_attestation_challenges.as_ref().map(|live| {
            Arc::new(ListedChallenges {
                live: live.clone(),
                next: metadata.client_attestation_next_challenge.clone(),
                issuer: HmacChallenges::with_random_key(300),
            }) as Arc<dyn ChallengeValidator>
        });
        Ok(Self {
            attestation_keys: metadata
                .client_attestation_trusted_keys
                .as_ref()
                .map(JwkSet::parse)
                .transpose()?,
            attestation_anchors: metadata
                .client_attestation_trust_anchors
                .as_deref()
                .map(TrustAnchors::prepare)
                .transpose()?,
            attestation_max_age,
            attestation_pop_max_age,
            challenges,
            metadata: metadata.clone(),
            clock_skew: seconds(
                metadata.clock_skew(),
                "clock_skew_seconds is larger than one year",
            )?,
            max_assertion_lifetime: seconds(
                metadata.max_assertion_lifetime(),
                "max_assertion_lifetime_seconds is larger than one year",
            )?,
            trust_anchors: metadata
                .tls_client_auth_trust_anchors
                .as_deref()
                .map(TrustAnchors::prepare)
                .transpose()?,
            secret_hash_max_cost: metadata.secret_hash_bounds(),
            spiffe_bundles: metadata
                .spiffe_bundles
                .as_ref()
                .map(SpiffeBundles::prepare)
                .transpose()?
                .unwrap_or_default(),
        })
    }

    /// `spiffe_bundles`, parsed (empty when the server lists none).
    pub(crate) fn spiffe_bundles(&self) -> &SpiffeBundles {
        &self.spiffe_bundles
    }

    /// `tls_client_auth_trust_anchors`, parsed, when the server lists any.
    pub(crate) fn trust_anchors(&self) -> Option<&TrustAnchors> {
        self.trust_anchors.as_ref()
    }

    /// Sets the validator of attestation PoP challenges (draft-ietf-oauth-attestation-based-
    /// client-auth-10): with one, every PoP must carry a `challenge` it accepts. It replaces
    /// the list of `client_attestation_challenges`. [`HmacChallenges`] is a stateless one.
    #[must_use]
    pub fn with_challenge_validator(mut self, validator: Arc<dyn ChallengeValidator>) -> Self {
        self.challenges = Some(validator);
        self
    }

    /// `client_attestation_trusted_keys`, parsed.
    pub(crate) fn attestation_keys(&self) -> Option<&JwkSet> {
        self.attestation_keys.as_ref()
    }

    /// `client_attestation_trust_anchors`, parsed.
    pub(crate) fn attestation_anchors(&self) -> Option<&TrustAnchors> {
        self.attestation_anchors.as_ref()
    }

    /// `client_attestation_max_age_seconds`.
    pub(crate) fn attestation_max_age(&self) -> Option<i64> {
        self.attestation_max_age
    }

    /// `client_attestation_pop_max_age_seconds` or its default, 300.
    pub(crate) fn attestation_pop_max_age(&self) -> i64 {
        self.attestation_pop_max_age
    }

    /// The challenge validator, when the server issues challenges.
    pub(crate) fn challenges(&self) -> Option<&dyn ChallengeValidator> {
        self.challenges.as_deref()
    }

    /// The clock skew allowed on assertion times, seconds.
    pub(crate) fn clock_skew(&self) -> i64 {
        self.clock_skew
    }

    /// The longest assertion lifetime accepted, seconds.
    pub(crate) fn max_assertion_lifetime(&self) -> i64 {
        self.max_assertion_lifetime
    }

    /// The bounds stored client secret hashes are checked against.
    pub fn secret_hash_max_cost(&self) -> &SecretHashMaxCost {
        &self.secret_hash_max_cost
    }

    /// The metadata this was prepared from.
    pub fn metadata(&self) -> &ServerMetadata {
        &self.metadata
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::secret::ClientSecret;

    #[test]
    fn secret_methods_need_a_registered_secret() {
        for name in [
            "client_secret_basic",
            "client_secret_post",
            "client_secret_jwt",
        ] {
            let mut c = ClientMetadata::new("c");
            c.token_endpoint_auth_method = Some(name.into());
            let method: AuthMethod = name.parse().unwrap();
            assert_eq!(
                PreparedClient::new(&c).unwrap_err(),
                MetadataError::MissingClientSecret(method),
                "{name}"
            );
            c.client_secret = Some(ClientSecret::new("s"));
            assert_eq!(PreparedClient::new(&c).unwrap().method(), method);
        }
    }

    #[test]
    fn an_empty_registered_secret_is_a_registration_error() {
        // RFC 6749 §2.3.1: "" is what storage writes for "no secret", never a secret.
        for name in [
            Some("client_secret_basic"),
            Some("client_secret_post"),
            Some("client_secret_jwt"),
            None, // the RFC 7591 §2 default, client_secret_basic
        ] {
            let mut c = ClientMetadata::new("c");
            c.token_endpoint_auth_method = name.map(Into::into);
            c.client_secret = Some(ClientSecret::new(""));
            let method = c.auth_method().unwrap();
            assert_eq!(
                PreparedClient::new(&c).unwrap_err(),
                MetadataError::EmptyClientSecret(method),
                "{name:?}"
            );
            // One character is a secret.
            c.client_secret = Some(ClientSecret::new("x"));
            assert!(PreparedClient::new(&c).is_ok(), "{name:?}");
        }
    }

    #[test]
    fn unknown_method_and_empty_id_are_metadata_errors() {
        let mut c = ClientMetadata::new("c");
        c.token_endpoint_auth_method = Some("client_secret".into());
        assert_eq!(
            PreparedClient::new(&c).unwrap_err(),
            MetadataError::UnknownAuthMethod("client_secret".into())
        );
        let mut c = ClientMetadata::new("");
        c.token_endpoint_auth_method = Some("none".into());
        assert_eq!(
            PreparedClient::new(&c).unwrap_err(),
            MetadataError::EmptyClientId
        );
    }

    #[test]
    fn the_servers_secret_hash_max_cost_applies_through_with_server() {
        use crate::wire::error::registration::{SecretField, SecretHashProblem};
        let mut c = ClientMetadata::new("c");
        // Parameters only are read: the salt and hash need not be of any secret.
        c.client_secret_hash =
            Some("$2b$12$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234".into());
        let mut s = ServerMetadata::new("https://as");
        assert!(PreparedClient::new(&c).is_ok());
        assert!(PreparedClient::with_server(&c, &PreparedServer::new(&s).unwrap()).is_ok());
        s.secret_hash_max_cost = Some(serde_json::from_str(r#"{"bcrypt_cost": 11}"#).unwrap());
        assert_eq!(
            PreparedClient::with_server(&c, &PreparedServer::new(&s).unwrap()).unwrap_err(),
            MetadataError::InvalidSecretHash {
                field: SecretField::ClientSecretHash,
                problem: SecretHashProblem::OverCost {
                    parameter: "bcrypt_cost",
                    value: 12,
                    max: 11
                }
            }
        );
        // authenticate applies it too.
        let r = crate::wire::request::RequestParts::builder()
            .header("Authorization", "Basic Yzpz")
            .build()
            .unwrap();
        assert!(matches!(
            crate::dispatch::authenticate(&r, &c, &s),
            Err(crate::wire::error::AuthError::InvalidClientMetadata(
                MetadataError::InvalidSecretHash { .. }
            ))
        ));
    }

    #[test]
    fn empty_issuer_is_invalid_server_metadata() {
        assert!(PreparedServer::new(&ServerMetadata::new("https://as")).is_ok());
        assert_eq!(
            PreparedServer::new(&ServerMetadata::new("")).unwrap_err(),
            MetadataError::InvalidServerMetadata("issuer is empty")
        );
    }

    #[test]
    fn prepared_types_are_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<PreparedClient>();
        check::<PreparedServer>();
        // What a prepared client holds for the assertion methods: josekit verifiers over
        // OpenSSL keys, and keyed HMAC states.
        check::<JwkSet>();
        check::<HmacKeys>();
    }

    #[test]
    fn assertion_methods_prepare_their_keys_once() {
        use crate::primitives::assertion::testing::{jwks, TestKey};

        let mut c = ClientMetadata::new("c");
        c.token_endpoint_auth_method = Some("private_key_jwt".into());
        c.jwks = Some(jwks(&[(TestKey::P256, "k")]));
        let prepared = PreparedClient::new(&c).unwrap();
        assert!(prepared.jwk_set().is_some());
        assert!(prepared.hmac_keys().is_none());

        c.token_endpoint_auth_method = Some("client_secret_jwt".into());
        c.client_secret = Some(ClientSecret::new("s"));
        let prepared = PreparedClient::new(&c).unwrap();
        assert!(prepared.hmac_keys().is_some());
        assert!(prepared.jwk_set().is_none());

        // Another method's jwks is not this method's business.
        c.token_endpoint_auth_method = Some("client_secret_basic".into());
        c.jwks = Some(serde_json::json!("not a JWK Set"));
        assert!(PreparedClient::new(&c).is_ok());
    }
}
