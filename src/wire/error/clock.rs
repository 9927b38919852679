//! The clock a time rule was judged by, as a refusal of that rule carries it: the server's
//! time and the skew it allowed, so that the log shows how far off the client's clock was.

use std::fmt;

/// The server's time and the clock skew allowed when a time rule refused (an `exp` passed, an
/// `iat` or `nbf` ahead, a PoP too old).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Clock {
    /// The server's time, Unix seconds.
    pub now: i64,
    /// The clock skew allowed, seconds (for `iat` and `nbf` under FAPI 2.0, what the profile
    /// makes of it).
    pub skew: i64,
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the server's time {} (clock skew allowed: {} s)",
            self.now, self.skew
        )
    }
}
