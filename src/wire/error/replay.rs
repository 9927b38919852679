//! Failures of the replay store: why a `jti` could not be recorded when the store, not the
//! client, is at fault.

use std::fmt;

/// The longest text a [`StoreFailure`] keeps.
const MAX_FAILURE_TEXT: usize = 200;

/// What went wrong with a replay store, in words for the operator's log: a timeout, a refused
/// connection, an error the store answered with. It never holds a credential: stores build it
/// from the kind of failure, not from their configuration.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StoreFailure(String);

impl StoreFailure {
    /// A failure described by `text`, cut to 200 bytes. Name what failed ("connection
    /// refused", "timed out after 500 ms"); never put a URL with a password in it.
    pub fn new(text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.len() > MAX_FAILURE_TEXT {
            let mut end = MAX_FAILURE_TEXT;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.truncate(end);
        }
        Self(text)
    }

    /// The description.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for StoreFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_on_a_character_boundary() {
        let failure = StoreFailure::new("é".repeat(150));
        assert_eq!(failure.as_str().len(), 200);
        assert_eq!(StoreFailure::new("timed out").to_string(), "timed out");
    }
}
