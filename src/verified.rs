//! [`Verified`]: a request that passed every check, whose assertion `jti` (if any) is still to
//! be recorded. Only [`Verified::commit`] or [`Verified::commit_async`] yields the
//! [`Authenticated`] client, so an assertion cannot be accepted unrecorded by forgetting a
//! call.

use crate::primitives::replay::{AsyncReplayStore, ReplayCache, ReplayEntry, ReplayError};
use crate::wire::authenticated::Authenticated;
use crate::wire::error::AuthError;

/// A verified request, not yet authenticated: its client assertion's `jti` must be recorded
/// first (RFC 7523 §3 item 7). Made by [`crate::verify_prepared`], which does no I/O.
///
/// ```
/// # use oauth_client_auth::*;
/// # async fn handler(request: &RequestParts, client: &PreparedClient,
/// #     server: &PreparedServer, store: &InMemoryReplayCache) -> Result<(), AuthError> {
/// let verified = verify_prepared(request, client, server)?; // pure: no I/O
/// let who = verified.commit_async(store).await?;              // records the jti
/// # let _ = who; Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a verified request is authenticated only once committed to a replay store"]
pub struct Verified {
    authenticated: Authenticated,
    replay: Option<ReplayEntry>,
    /// A client attestation PoP's `jti`, recorded after the assertion's.
    pop_replay: Option<ReplayEntry>,
}

impl Verified {
    pub(crate) fn new(
        authenticated: Authenticated,
        replay: Option<ReplayEntry>,
        pop_replay: Option<ReplayEntry>,
    ) -> Self {
        Self {
            authenticated,
            replay,
            pop_replay,
        }
    }

    /// The client the request authenticated as, once committed.
    pub fn client_id(&self) -> &str {
        self.authenticated.client_id()
    }

    /// What [`Verified::commit`] records: `None` for a method without a `jti`, or an
    /// assertion without one where the server does not require it.
    pub fn replay_entry(&self) -> Option<&ReplayEntry> {
        self.replay.as_ref()
    }

    /// What [`Verified::commit`] records for a client attestation PoP
    /// (draft-ietf-oauth-attestation-based-client-auth-10): its `jti`, until its `iat` plus
    /// `client_attestation_pop_max_age_seconds` plus the skew.
    pub fn attestation_replay_entry(&self) -> Option<&ReplayEntry> {
        self.pop_replay.as_ref()
    }

    /// Records the `jti` in `store`, inline, and yields the authenticated client.
    ///
    /// # Errors
    ///
    /// [`AuthError::AssertionReplayed`] for a replay; [`AuthError::ReplayClientQuotaExceeded`];
    /// [`AuthError::ReplayStoreFull`] and [`AuthError::ReplayStoreUnavailable`] when the store
    /// cannot record it (`temporarily_unavailable`, never an accept).
    pub fn commit(self, store: &dyn ReplayCache) -> Result<Authenticated, AuthError> {
        if let Some(entry) = &self.replay {
            store.record_entry(entry).map_err(refusal)?;
        }
        if let Some(entry) = &self.pop_replay {
            store.record_entry(entry).map_err(pop_refusal)?;
        }
        Ok(self.authenticated)
    }

    /// Records the `jti` in `store`, awaited, and yields the authenticated client.
    ///
    /// # Errors
    ///
    /// As [`Verified::commit`].
    pub async fn commit_async<S: AsyncReplayStore>(
        self,
        store: &S,
    ) -> Result<Authenticated, AuthError> {
        if let Some(entry) = &self.replay {
            store.record(entry).await.map_err(refusal)?;
        }
        if let Some(entry) = &self.pop_replay {
            store.record(entry).await.map_err(pop_refusal)?;
        }
        Ok(self.authenticated)
    }
}

/// The refusal for a `jti` the store did not record.
fn refusal(e: ReplayError) -> AuthError {
    match e {
        // RFC 7523 §3 item 7.
        ReplayError::Replayed => AuthError::AssertionReplayed,
        ReplayError::ClientQuotaExceeded => AuthError::ReplayClientQuotaExceeded,
        // Crate policy: an outage refuses without recording, as the server's fault.
        ReplayError::StoreFull => AuthError::ReplayStoreFull,
        ReplayError::Unavailable(failure) => AuthError::ReplayStoreUnavailable { failure },
    }
}

/// The refusal for a PoP `jti` the store did not record: a replay is an invalid attestation
/// (draft-ietf-oauth-attestation-based-client-auth-10), the rest as for assertions.
fn pop_refusal(e: ReplayError) -> AuthError {
    match e {
        ReplayError::Replayed => AuthError::AttestationPopReplayed,
        other => refusal(other),
    }
}
