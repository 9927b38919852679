//! Attestation challenges (draft-ietf-oauth-attestation-based-client-auth-10, "Challenge
//! Retrieval" and the `challenge` claim of the Client Attestation PoP): the core does no I/O,
//! so which challenges are live is the caller's, behind [`ChallengeValidator`].
//! [`HmacChallenges`] is a stateless one: a challenge is an HMAC over a time step, so several
//! instances sharing the key agree without shared state.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq as _;

/// Decides whether a PoP's `challenge` is one the server issued and still accepts, and makes
/// the fresh challenge sent back in the `OAuth-Client-Attestation-Challenge` response header.
pub trait ChallengeValidator: Send + Sync + fmt::Debug {
    /// Whether `challenge` is live at `now` (Unix seconds).
    fn accepts(&self, challenge: &str, now: i64) -> bool;
    /// A fresh challenge at `now`.
    fn next_challenge(&self, now: i64) -> String;
}

/// Stateless challenges: base64url(HMAC-SHA-256(key, time step)), where the step is
/// `now / step_seconds`; a challenge of the current or the previous step is accepted, so a
/// challenge lives between one and two steps.
#[derive(Clone)]
pub struct HmacChallenges {
    mac: Hmac<Sha256>,
    step_seconds: i64,
}

impl HmacChallenges {
    /// Challenges under `key` (at least 32 random bytes, shared by the instances), over steps
    /// of `step_seconds` (at least 1).
    pub fn new(key: &[u8], step_seconds: u32) -> Self {
        Self {
            // HMAC takes keys of any length (RFC 2104 §2): this never falls back.
            mac: Hmac::new_from_slice(key).unwrap_or_else(|_| unreachable_mac()),
            step_seconds: i64::from(step_seconds.max(1)),
        }
    }

    /// Challenges under a fresh random key, for one instance (or a case file).
    pub fn with_random_key(step_seconds: u32) -> Self {
        use ring::rand::SecureRandom as _;
        let mut key = [0u8; 32];
        // A failing system RNG leaves the key zero: challenges are then guessable, never
        // accepted wrongly by anything but this issuer; it does not happen on supported systems.
        let _ = ring::rand::SystemRandom::new().fill(&mut key);
        Self::new(&key, step_seconds)
    }

    fn challenge_at(&self, step: i64) -> String {
        let mut mac = self.mac.clone();
        mac.update(b"oauth-client-attestation-challenge");
        mac.update(&step.to_be_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    fn step(&self, now: i64) -> i64 {
        now.div_euclid(self.step_seconds)
    }
}

/// Never reached: HMAC-SHA-256 accepts every key length.
fn unreachable_mac() -> Hmac<Sha256> {
    <Hmac<Sha256> as hmac::digest::KeyInit>::new(&Default::default())
}

impl ChallengeValidator for HmacChallenges {
    fn accepts(&self, challenge: &str, now: i64) -> bool {
        let step = self.step(now);
        // Constant time per candidate: a challenge is not a secret, but costs nothing to hide.
        [step, step.saturating_sub(1)].iter().any(|s| {
            self.challenge_at(*s)
                .as_bytes()
                .ct_eq(challenge.as_bytes())
                .into()
        })
    }

    fn next_challenge(&self, now: i64) -> String {
        self.challenge_at(self.step(now))
    }
}

/// The key stays out of `Debug`.
impl fmt::Debug for HmacChallenges {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HmacChallenges")
            .field("step_seconds", &self.step_seconds)
            .finish_non_exhaustive()
    }
}

/// The challenges a server lists in its policy (`client_attestation_challenges`), with the
/// next one to offer (`client_attestation_next_challenge`, else one of an [`HmacChallenges`]
/// issuer with a random key): the case format's stand-in for a caller's store.
#[derive(Debug, Clone)]
pub(crate) struct ListedChallenges {
    pub(crate) live: Vec<String>,
    pub(crate) next: Option<String>,
    pub(crate) issuer: HmacChallenges,
}

impl ChallengeValidator for ListedChallenges {
    fn accepts(&self, challenge: &str, _now: i64) -> bool {
        self.live.iter().any(|c| c == challenge)
    }

    fn next_challenge(&self, now: i64) -> String {
        self.next
            .clone()
            .unwrap_or_else(|| self.issuer.next_challenge(now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_challenges_live_one_to_two_steps_and_agree_across_instances() {
        let a = HmacChallenges::new(b"0123456789abcdef0123456789abcdef", 300);
        let b = HmacChallenges::new(b"0123456789abcdef0123456789abcdef", 300);
        let c = a.next_challenge(1_764_300_000);
        assert!(b.accepts(&c, 1_764_300_000));
        assert!(b.accepts(&c, 1_764_300_000 + 300));
        assert!(!b.accepts(&c, 1_764_300_000 + 600));
        assert!(!b.accepts("other", 1_764_300_000));
        let other = HmacChallenges::new(b"another key, another server.....", 300);
        assert!(!other.accepts(&c, 1_764_300_000));
        assert!(!format!("{a:?}").contains("0123"));
    }

    #[test]
    fn listed_challenges_accept_the_list_and_offer_the_next() {
        let l = ListedChallenges {
            live: vec!["c1".into()],
            next: Some("c2".into()),
            issuer: HmacChallenges::with_random_key(300),
        };
        assert!(l.accepts("c1", 0));
        assert!(!l.accepts("c2", 0));
        assert_eq!(l.next_challenge(0), "c2");
        let l = ListedChallenges { next: None, ..l };
        assert!(!l.next_challenge(0).is_empty());
    }
}
