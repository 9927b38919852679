//! The client secret: redacted in `Debug`, compared in constant time.

use std::fmt;

use serde::{Deserialize, Deserializer};
use subtle::ConstantTimeEq;

/// A client secret, registered or presented.
///
/// Its `Debug` output is redacted and it has no `Display`, so it cannot reach a log line by
/// accident. Equality with [`ClientSecret::ct_eq`] takes time independent of where the values
/// differ (it still depends on their lengths, which are not secret in OAuth: a secret's length is
/// fixed by the server that issued it).
#[derive(Clone, Default)]
pub struct ClientSecret(String);

impl ClientSecret {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    /// The secret's bytes, for HMAC keys and comparisons.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Constant-time equality of the UTF-8 octets of two secrets.
    pub fn ct_eq(&self, other: &ClientSecret) -> bool {
        self.0.as_bytes().ct_eq(other.0.as_bytes()).into()
    }
}

impl fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClientSecret(<redacted>)")
    }
}

impl<'de> Deserialize<'de> for ClientSecret {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Self)
    }
}

impl From<&str> for ClientSecret {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

impl From<String> for ClientSecret {
    fn from(s: String) -> Self {
        Self(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let s = ClientSecret::new("gX1fBat3bV");
        assert_eq!(format!("{s:?}"), "ClientSecret(<redacted>)");
    }

    #[test]
    fn ct_eq_compares_whole_values() {
        let table = [
            ("gX1fBat3bV", "gX1fBat3bV", true),
            ("gX1fBat3bV", "gX1fBat3bW", false),
            ("gX1fBat3bV", "gX1fBat3b", false),
            ("", "", true),
            ("a", "", false),
        ];
        for (a, b, want) in table {
            assert_eq!(
                ClientSecret::new(a).ct_eq(&ClientSecret::new(b)),
                want,
                "{a:?} vs {b:?}"
            );
        }
    }
}
