//! A client's registered secrets, prepared once: `client_secret`, `client_secret_hash`, or the
//! entries of `client_secrets` (rotation), each a candidate a presented secret is tried
//! against (case format, "Hashed and rotated client secrets").
//!
//! Every live candidate is tried, each in constant time, with no exit at the first match: how
//! long a check takes tells which candidates were live, never which one matched.

pub(crate) mod hash;
pub(crate) mod unknown_client;

use std::collections::HashSet;

use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};

use self::hash::PreparedHash;
use crate::primitives::assertion::key::HmacKeys;
use crate::wire::error::registration::{MetadataError, SecretField};
use crate::wire::metadata::client::ClientMetadata;
use crate::wire::metadata::client_secrets::ClientSecretEntry;
use crate::wire::metadata::method::AuthMethod;
use crate::wire::metadata::secret_hash_cost::SecretHashMaxCost;
use crate::wire::secret::ClientSecret;

/// One registered secret: its `id` (for `client_secrets` entries), its expiry, and what checks
/// it.
#[derive(Debug, Clone)]
pub(crate) struct Candidate<T> {
    id: Option<String>,
    expires_at: Option<i64>,
    check: T,
}

impl<T> Candidate<T> {
    /// case format: "an entry whose `expires_at` equals `now` has expired (no skew applies)".
    fn live(&self, now: i64) -> bool {
        self.expires_at.is_none_or(|at| now < at)
    }
}

/// A registered secret in plaintext or hashed.
#[derive(Debug, Clone)]
pub(crate) enum SecretCheck {
    /// `client_secret` or an entry's `secret`.
    Plain(ClientSecret),
    /// `client_secret_hash` or an entry's `hash`, parsed.
    Hashed(PreparedHash),
}

impl SecretCheck {
    /// RFC 6749 §2.3.1: the presented secret (already form-decoded) compared as exact bytes,
    /// in constant time; a hash is computed and its output compared in constant time.
    fn matches(&self, presented: &ClientSecret) -> Choice {
        match self {
            Self::Plain(registered) => plain_matches(registered, presented),
            Self::Hashed(hash) => hash.matches(presented.expose().as_bytes()),
        }
    }
}

/// What trying the candidates found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tried<'a> {
    /// A candidate matched: its `id`, for a `client_secrets` entry.
    Matched(Option<&'a str>),
    /// Live candidates were tried and none matched.
    NoMatch,
    /// Every candidate had expired; the latest expiry.
    AllExpired(i64),
}

/// A client's registered secrets, prepared.
#[derive(Debug, Clone)]
pub(crate) struct Candidates<T> {
    entries: Vec<Candidate<T>>,
}

impl<T> Candidates<T> {
    /// Tries every live candidate with `matches`, without stopping at a match, and picks the
    /// first that matched with constant-time selection.
    pub(crate) fn try_each(&self, now: i64, mut matches: impl FnMut(&T) -> Choice) -> Tried<'_> {
        let mut found = Choice::from(0);
        let mut index = 0u64;
        let mut live = 0usize;
        for (i, candidate) in self.entries.iter().enumerate() {
            if !candidate.live(now) {
                continue;
            }
            live += 1;
            let hit = matches(&candidate.check);
            let first = hit & !found;
            index.conditional_assign(&(i as u64), first);
            found |= hit;
        }
        if live == 0 {
            let latest = self
                .entries
                .iter()
                .filter_map(|c| c.expires_at)
                .max()
                .unwrap_or_default();
            return Tried::AllExpired(latest);
        }
        if bool::from(found) {
            let id = usize::try_from(index)
                .ok()
                .and_then(|i| self.entries.get(i))
                .and_then(|c| c.id.as_deref());
            Tried::Matched(id)
        } else {
            Tried::NoMatch
        }
    }
}

impl<T> Candidates<T> {
    /// The latest expiry, when every candidate has expired at `now`.
    pub(crate) fn all_expired(&self, now: i64) -> Option<i64> {
        match self.try_each(now, |_| Choice::from(0)) {
            Tried::AllExpired(at) => Some(at),
            Tried::Matched(_) | Tried::NoMatch => None,
        }
    }
}

impl Candidates<SecretCheck> {
    /// Reads and checks the registered secrets of a secret method: exactly one of
    /// `client_secret`, `client_secret_hash` and `client_secrets`; hashes parsed under `max`;
    /// every `client_secrets` entry valid.
    ///
    /// # Errors
    ///
    /// The [`MetadataError`] naming the first rule the registration breaks.
    pub(crate) fn prepare(
        metadata: &ClientMetadata,
        method: AuthMethod,
        max: &SecretHashMaxCost,
    ) -> Result<Self, MetadataError> {
        let hashed = |text: &str, field| {
            PreparedHash::parse(text, max)
                .map(SecretCheck::Hashed)
                .map_err(|problem| MetadataError::InvalidSecretHash { field, problem })
        };
        let single = |check| {
            Ok(Self {
                entries: vec![Candidate {
                    id: None,
                    expires_at: None,
                    check,
                }],
            })
        };
        match (
            &metadata.client_secret,
            &metadata.client_secret_hash,
            &metadata.client_secrets,
        ) {
            // case format: `client_secrets` "may not stand beside client_secret or
            // client_secret_hash".
            (Some(_), _, Some(_)) | (_, Some(_), Some(_)) => {
                Err(MetadataError::ClientSecretsBesideSecret)
            }
            // case format: "client_secret beside client_secret_hash is a registration error".
            (Some(_), Some(_), None) => Err(MetadataError::ClientSecretBesideHash),
            // RFC 6749 §2.3.1; crate policy: "" is what storage writes for "no secret".
            (Some(secret), None, None) if secret.expose().is_empty() => {
                Err(MetadataError::EmptyClientSecret(method))
            }
            (Some(secret), None, None) => single(SecretCheck::Plain(secret.clone())),
            (None, Some(text), None) => single(hashed(text, SecretField::ClientSecretHash)?),
            (None, None, Some(entries)) => {
                let mut ids = HashSet::new();
                let mut prepared = Vec::with_capacity(entries.len());
                for (index, entry) in entries.iter().enumerate() {
                    let (id, check) = entry_check(entry, index, &hashed)?;
                    // case format: "`id` is required and unique".
                    if !ids.insert(id) {
                        return Err(MetadataError::DuplicateClientSecretId { index });
                    }
                    prepared.push(Candidate {
                        id: Some(id.to_owned()),
                        expires_at: entry.expires_at,
                        check,
                    });
                }
                // case format: client_secrets "may not be empty".
                if prepared.is_empty() {
                    return Err(MetadataError::InvalidClientSecrets("the array is empty"));
                }
                Ok(Self { entries: prepared })
            }
            (None, None, None) => Err(MetadataError::MissingClientSecret(method)),
        }
    }

    /// Tries a presented secret against every live candidate.
    pub(crate) fn try_secret(&self, presented: &ClientSecret, now: i64) -> Tried<'_> {
        let empty = presented_empty(presented);
        self.try_each(now, |check| check.matches(presented) & !empty)
    }

    /// The HMAC keys of `client_secret_jwt`: the plaintext candidates only, each keyed once.
    ///
    /// # Errors
    ///
    /// [`MetadataError::ClientSecretJwtNeedsPlaintext`] when no candidate is in plaintext
    /// (case format: "a `client_secret_jwt` registration with no plaintext secret is a
    /// registration error"; OpenID Connect Core §9: the key is the secret's octets).
    pub(crate) fn hmac_keys(&self) -> Result<Candidates<HmacKeys>, MetadataError> {
        let entries: Vec<_> = self
            .entries
            .iter()
            .filter_map(|c| match &c.check {
                SecretCheck::Plain(secret) => Some(Candidate {
                    id: c.id.clone(),
                    expires_at: c.expires_at,
                    check: HmacKeys::new(secret),
                }),
                SecretCheck::Hashed(_) => None,
            })
            .collect();
        if entries.is_empty() {
            return Err(MetadataError::ClientSecretJwtNeedsPlaintext);
        }
        Ok(Candidates { entries })
    }
}

/// crate policy: an empty presented secret never authenticates, not even against a hash of
/// the empty string (RFC 6749 §2.3.1: the secret is a credential).
fn presented_empty(presented: &ClientSecret) -> Choice {
    Choice::from(u8::from(presented.expose().is_empty()))
}

/// [`Candidates::try_secret`] for a registration of one plaintext `client_secret`, without
/// preparing it: the same comparison (RFC 6749 §2.3.1, in constant time) and the same rule on
/// an empty presented secret.
pub(crate) fn plain_secret_matches(registered: &ClientSecret, presented: &ClientSecret) -> bool {
    bool::from(plain_matches(registered, presented) & !presented_empty(presented))
}

/// RFC 6749 §2.3.1: a plaintext secret compared as exact bytes, in constant time.
fn plain_matches(registered: &ClientSecret, presented: &ClientSecret) -> Choice {
    registered
        .expose()
        .as_bytes()
        .ct_eq(presented.expose().as_bytes())
}

/// One `client_secrets` entry checked: its `id` and its secret or parsed hash.
fn entry_check<'a>(
    entry: &'a ClientSecretEntry,
    index: usize,
    hashed: &impl Fn(&str, SecretField) -> Result<SecretCheck, MetadataError>,
) -> Result<(&'a str, SecretCheck), MetadataError> {
    let broken = |problem| MetadataError::InvalidClientSecretEntry { index, problem };
    if let Some(why) = entry.malformed() {
        return Err(broken(why));
    }
    // case format: "`id` is required".
    let id = match entry.id.as_deref() {
        None => return Err(broken("id is missing")),
        Some("") => return Err(broken("id is empty")),
        Some(id) => id,
    };
    // case format: "exactly one of the two".
    let check = match (&entry.secret, &entry.hash) {
        (Some(_), Some(_)) => return Err(broken("it has both secret and hash")),
        (None, None) => return Err(broken("it has neither secret nor hash")),
        // RFC 6749 §2.3.1, as for client_secret: an empty secret is no secret.
        (Some(secret), None) if secret.expose().is_empty() => {
            return Err(broken("secret is empty"))
        }
        (Some(secret), None) => SecretCheck::Plain(secret.clone()),
        (None, Some(text)) => hashed(text, SecretField::EntryHash(index))?,
    };
    Ok((id, check))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::error::registration::SecretHashProblem;

    const NOW: i64 = 1_764_300_000;

    fn prepare(c: &ClientMetadata) -> Result<Candidates<SecretCheck>, MetadataError> {
        Candidates::prepare(
            c,
            AuthMethod::ClientSecretBasic,
            &SecretHashMaxCost::default(),
        )
    }

    fn rotating(entries: Vec<ClientSecretEntry>) -> ClientMetadata {
        let mut c = ClientMetadata::new("c");
        c.client_secrets = Some(entries);
        c
    }

    fn secret(s: &str) -> ClientSecret {
        ClientSecret::new(s)
    }

    #[test]
    fn every_live_entry_is_tried_and_the_matching_id_reported() {
        let c = rotating(vec![
            ClientSecretEntry::with_secret("old", "old-secret").expiring_at(NOW + 10),
            ClientSecretEntry::with_secret("new", "new-secret"),
        ]);
        let set = prepare(&c).unwrap();
        assert_eq!(
            set.try_secret(&secret("old-secret"), NOW),
            Tried::Matched(Some("old"))
        );
        assert_eq!(
            set.try_secret(&secret("new-secret"), NOW),
            Tried::Matched(Some("new"))
        );
        assert_eq!(set.try_secret(&secret("other"), NOW), Tried::NoMatch);
        // case format: an entry whose expires_at equals now has expired, and is not tried.
        assert_eq!(
            set.try_secret(&secret("old-secret"), NOW + 10),
            Tried::NoMatch
        );
        assert_eq!(
            set.try_secret(&secret("new-secret"), NOW + 10),
            Tried::Matched(Some("new"))
        );
    }

    #[test]
    fn no_exit_at_the_first_match() {
        // Every live candidate is tried, matched or not.
        let c = rotating(vec![
            ClientSecretEntry::with_secret("a", "s"),
            ClientSecretEntry::with_secret("b", "s"),
            ClientSecretEntry::with_secret("c", "t").expiring_at(NOW),
        ]);
        let set = prepare(&c).unwrap();
        let mut tried = 0;
        let got = set.try_each(NOW, |check| {
            tried += 1;
            check.matches(&secret("s"))
        });
        assert_eq!((got, tried), (Tried::Matched(Some("a")), 2));
    }

    #[test]
    fn all_expired_reports_the_latest_expiry() {
        let c = rotating(vec![
            ClientSecretEntry::with_secret("a", "s").expiring_at(NOW - 5),
            ClientSecretEntry::with_secret("b", "t").expiring_at(NOW),
        ]);
        assert_eq!(
            prepare(&c).unwrap().try_secret(&secret("s"), NOW),
            Tried::AllExpired(NOW)
        );
        assert_eq!(
            prepare(&c).unwrap().try_secret(&secret("t"), NOW - 1),
            Tried::Matched(Some("b"))
        );
    }

    #[test]
    fn an_empty_presented_secret_never_matches_even_a_hash_of_the_empty_string() {
        let mut out = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(b"", b"saltsalt", 10, &mut out);
        let b64 =
            |b: &[u8]| base64::Engine::encode(&base64::engine::general_purpose::STANDARD_NO_PAD, b);
        let mut c = ClientMetadata::new("c");
        c.client_secret_hash = Some(format!(
            "$pbkdf2-sha256$i=10,l=32${}${}",
            b64(b"saltsalt"),
            b64(&out)
        ));
        let set = prepare(&c).unwrap();
        assert_eq!(set.try_secret(&secret(""), NOW), Tried::NoMatch);
        // The accepting twin: the same registration as a hash of "x".
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(b"x", b"saltsalt", 10, &mut out);
        c.client_secret_hash = Some(format!(
            "$pbkdf2-sha256$i=10,l=32${}${}",
            b64(b"saltsalt"),
            b64(&out)
        ));
        assert_eq!(
            prepare(&c).unwrap().try_secret(&secret("x"), NOW),
            Tried::Matched(None)
        );
    }

    #[test]
    fn registration_rules_of_the_case_format() {
        let ok = ClientSecretEntry::with_secret("a", "s");
        let mut both = ClientSecretEntry::with_secret("b", "s");
        both.hash = Some("$2b$10$x".into());
        let mut neither = ClientSecretEntry::with_secret("b", "s");
        neither.secret = None;
        let mut no_id = ClientSecretEntry::with_secret("b", "s");
        no_id.id = None;
        let table: Vec<(ClientMetadata, MetadataError)> = vec![
            (
                rotating(vec![]),
                MetadataError::InvalidClientSecrets("the array is empty"),
            ),
            (
                rotating(vec![ok.clone(), ClientSecretEntry::with_secret("a", "t")]),
                MetadataError::DuplicateClientSecretId { index: 1 },
            ),
            (
                rotating(vec![ok.clone(), both]),
                MetadataError::InvalidClientSecretEntry {
                    index: 1,
                    problem: "it has both secret and hash",
                },
            ),
            (
                rotating(vec![ok.clone(), neither]),
                MetadataError::InvalidClientSecretEntry {
                    index: 1,
                    problem: "it has neither secret nor hash",
                },
            ),
            (
                rotating(vec![no_id, ok.clone()]),
                MetadataError::InvalidClientSecretEntry {
                    index: 0,
                    problem: "id is missing",
                },
            ),
            (
                rotating(vec![ok.clone(), ClientSecretEntry::with_secret("", "s")]),
                MetadataError::InvalidClientSecretEntry {
                    index: 1,
                    problem: "id is empty",
                },
            ),
            (
                rotating(vec![ClientSecretEntry::with_secret("e", ""), ok.clone()]),
                MetadataError::InvalidClientSecretEntry {
                    index: 0,
                    problem: "secret is empty",
                },
            ),
            (
                rotating(vec![
                    ok.clone(),
                    ClientSecretEntry::with_hash("h", "$md5$x"),
                ]),
                MetadataError::InvalidSecretHash {
                    field: SecretField::EntryHash(1),
                    problem: SecretHashProblem::UnknownScheme,
                },
            ),
        ];
        for (c, want) in table {
            assert_eq!(prepare(&c).unwrap_err(), want);
        }
        // Beside client_secret or client_secret_hash.
        let mut c = rotating(vec![ok.clone()]);
        assert!(prepare(&c).is_ok());
        c.client_secret = Some(secret("s"));
        assert_eq!(
            prepare(&c).unwrap_err(),
            MetadataError::ClientSecretsBesideSecret
        );
        c.client_secret = None;
        c.client_secret_hash = Some("$2b$x".into());
        assert_eq!(
            prepare(&c).unwrap_err(),
            MetadataError::ClientSecretsBesideSecret
        );
        // client_secret beside client_secret_hash.
        c.client_secrets = None;
        c.client_secret = Some(secret("s"));
        assert_eq!(
            prepare(&c).unwrap_err(),
            MetadataError::ClientSecretBesideHash
        );
    }

    #[test]
    fn hmac_keys_come_from_plaintext_entries_only() {
        let hash = hash::hash_client_secret("hashed-secret").unwrap();
        let c = rotating(vec![ClientSecretEntry::with_hash("h", hash.clone())]);
        assert_eq!(
            prepare(&c).unwrap().hmac_keys().unwrap_err(),
            MetadataError::ClientSecretJwtNeedsPlaintext
        );
        let c = rotating(vec![
            ClientSecretEntry::with_hash("h", hash),
            ClientSecretEntry::with_secret("p", "plain"),
        ]);
        let keys = prepare(&c).unwrap().hmac_keys().unwrap();
        assert_eq!(keys.entries.len(), 1);
        assert_eq!(keys.entries[0].id.as_deref(), Some("p"));
    }
}
