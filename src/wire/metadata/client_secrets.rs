//! `client_secrets`: the live secrets of a client during rotation, each with its `id`, its
//! `secret` or `hash`, and an optional `expires_at` (case format, "Hashed and rotated client
//! secrets").
//!
//! Read leniently, like `jwks`: an entry with a member of the wrong type, or an array that is
//! not one, still deserializes, and is refused as a registration error when the client is
//! prepared, so that a case with a broken registration is refused as `invalid_client` rather
//! than unreadable.

use std::fmt;

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::wire::secret::ClientSecret;

/// One entry of `client_secrets`: `{"id": "…", "secret": "…"}` or `{"id": "…", "hash": "…"}`,
/// optionally with `"expires_at"` (Unix seconds).
///
/// Whether the entry is usable (an `id`, exactly one of `secret` and `hash`, a hash that
/// parses) is decided when the client is prepared. `Debug` shows the `id` and which of
/// `secret` and `hash` is present, never their values.
#[derive(Clone, Default)]
#[non_exhaustive]
pub struct ClientSecretEntry {
    /// The entry's identifier, unique in the array; reported by
    /// [`Authenticated::matched_secret`](crate::Authenticated::matched_secret) when it matches.
    pub id: Option<String>,
    /// The secret in plaintext.
    pub secret: Option<ClientSecret>,
    /// The secret hashed: the forms of `client_secret_hash`.
    pub hash: Option<String>,
    /// Unix seconds from which the entry is no longer tried (an entry whose `expires_at`
    /// equals the time of the request has expired).
    pub expires_at: Option<i64>,
    /// Why the JSON entry could not be read, when it could not.
    pub(crate) malformed: Option<&'static str>,
}

impl ClientSecretEntry {
    /// An entry holding a plaintext secret.
    pub fn with_secret(id: impl Into<String>, secret: impl Into<ClientSecret>) -> Self {
        Self {
            id: Some(id.into()),
            secret: Some(secret.into()),
            ..Self::default()
        }
    }

    /// An entry holding a hashed secret (the forms of `client_secret_hash`).
    pub fn with_hash(id: impl Into<String>, hash: impl Into<String>) -> Self {
        Self {
            id: Some(id.into()),
            hash: Some(hash.into()),
            ..Self::default()
        }
    }

    /// The same entry, no longer tried from `at` (Unix seconds).
    #[must_use]
    pub fn expiring_at(mut self, at: i64) -> Self {
        self.expires_at = Some(at);
        self
    }

    /// Why the JSON entry could not be read, when it could not.
    pub(crate) fn malformed(&self) -> Option<&'static str> {
        self.malformed
    }

    fn broken(why: &'static str) -> Self {
        Self {
            malformed: Some(why),
            ..Self::default()
        }
    }

    /// Reads one JSON entry, recording the first member of the wrong type.
    fn from_value(value: &Value) -> Self {
        let Some(object) = value.as_object() else {
            return Self::broken("the entry is not an object");
        };
        let text = |name: &str| match object.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(()),
        };
        let Ok(id) = text("id") else {
            return Self::broken("id is not a string");
        };
        let Ok(secret) = text("secret") else {
            return Self::broken("secret is not a string");
        };
        let Ok(hash) = text("hash") else {
            return Self::broken("hash is not a string");
        };
        let expires_at = match object.get("expires_at") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => match unix_seconds(n) {
                Some(at) => Some(at),
                None => return Self::broken("expires_at is not a time in Unix seconds"),
            },
            Some(_) => return Self::broken("expires_at is not a number"),
        };
        Self {
            id,
            secret: secret.map(ClientSecret::new),
            hash,
            expires_at,
            malformed: None,
        }
    }
}

/// Whole Unix seconds: an integer, or a finite number rounded down.
fn unix_seconds(n: &serde_json::Number) -> Option<i64> {
    if let Some(i) = n.as_i64() {
        return Some(i);
    }
    n.as_f64()
        .map(f64::floor)
        .filter(|f| f.is_finite() && (-9.0e15..=9.0e15).contains(f))
        .and_then(|f| format!("{f:.0}").parse::<i64>().ok())
}

/// Reads `client_secrets` leniently: `null` or absent is none; a value that is not an array is
/// one broken entry, refused when the client is prepared.
pub(crate) fn deserialize_client_secrets<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Vec<ClientSecretEntry>>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => None,
        Some(Value::Array(entries)) => {
            Some(entries.iter().map(ClientSecretEntry::from_value).collect())
        }
        Some(_) => Some(vec![ClientSecretEntry::broken(
            "client_secrets is not an array",
        )]),
    })
}

/// Secrets and hashes stay out of `Debug`.
impl fmt::Debug for ClientSecretEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientSecretEntry")
            .field("id", &self.id)
            .field("secret", &self.secret.as_ref().map(|_| "<redacted>"))
            .field("hash", &self.hash.as_ref().map(|_| "<redacted>"))
            .field("expires_at", &self.expires_at)
            .field("malformed", &self.malformed)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Holder {
        #[serde(default, deserialize_with = "deserialize_client_secrets")]
        client_secrets: Option<Vec<ClientSecretEntry>>,
    }

    fn read(json: &str) -> Option<Vec<ClientSecretEntry>> {
        serde_json::from_str::<Holder>(json).unwrap().client_secrets
    }

    #[test]
    fn entries_read_with_their_members() {
        let got = read(
            r#"{"client_secrets":[{"id":"a","secret":"s1"},{"id":"b","hash":"$2b$x","expires_at":17}]}"#,
        )
        .unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].id.as_deref(), Some("a"));
        assert_eq!(got[0].secret.as_ref().map(ClientSecret::expose), Some("s1"));
        assert_eq!((got[0].hash.as_deref(), got[0].expires_at), (None, None));
        assert_eq!(got[1].id.as_deref(), Some("b"));
        assert!(got[1].secret.is_none());
        assert_eq!(got[1].hash.as_deref(), Some("$2b$x"));
        assert_eq!(got[1].expires_at, Some(17));
        assert!(got.iter().all(|e| e.malformed().is_none()));
        assert!(read("{}").is_none());
        assert!(read(r#"{"client_secrets":null}"#).is_none());
    }

    #[test]
    fn wrong_types_deserialize_as_broken_entries() {
        for (json, why) in [
            (
                r#"{"client_secrets":"s"}"#,
                "client_secrets is not an array",
            ),
            (r#"{"client_secrets":[7]}"#, "the entry is not an object"),
            (
                r#"{"client_secrets":[{"id":1,"secret":"s"}]}"#,
                "id is not a string",
            ),
            (
                r#"{"client_secrets":[{"id":"a","secret":2}]}"#,
                "secret is not a string",
            ),
            (
                r#"{"client_secrets":[{"id":"a","hash":[]}]}"#,
                "hash is not a string",
            ),
            (
                r#"{"client_secrets":[{"id":"a","secret":"s","expires_at":"soon"}]}"#,
                "expires_at is not a number",
            ),
        ] {
            let got = read(json).unwrap();
            assert_eq!(got[0].malformed(), Some(why), "{json}");
        }
    }

    #[test]
    fn debug_hides_secret_and_hash() {
        let e = ClientSecretEntry::with_secret("old", "hunter2-secret");
        let h = ClientSecretEntry::with_hash("new", "$2b$10$abcdefghijklmnopqrstuv");
        let text = format!("{e:?} {h:?}");
        assert!(!text.contains("hunter2"), "{text}");
        assert!(!text.contains("abcdefghij"), "{text}");
        assert!(
            text.contains("\"old\"") && text.contains("\"new\""),
            "{text}"
        );
    }
}
