//! `secret_hash_max_cost`: the most work one stored secret hash may ask of the server.
//!
//! Each wrong secret a caller presents makes the server compute one hash, before anything
//! proves who the caller is. The bounds cap that work per attempt; a stored hash over any of
//! them is a registration error, found from its parameters alone, before any hashing.

use serde::Deserialize;

/// The server policy `secret_hash_max_cost` (case format, "Hashed and rotated client
/// secrets"): the largest parameters a stored client secret hash may have. Bounds are
/// inclusive (a value equal to its bound is allowed); an object that names some keys keeps
/// the defaults for the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct SecretHashMaxCost {
    /// Argon2 memory, KiB (`m=`); default 65536 (64 MiB).
    pub argon2_memory_kib: u64,
    /// Argon2 passes (`t=`); default 10.
    pub argon2_iterations: u64,
    /// Argon2 lanes (`p=`); default 4.
    pub argon2_parallelism: u64,
    /// bcrypt cost (log2 of the rounds); default 14.
    pub bcrypt_cost: u64,
    /// scrypt log2 N (`ln=`); default 17.
    pub scrypt_log_n: u64,
    /// scrypt block size (`r=`); default 8.
    pub scrypt_r: u64,
    /// scrypt parallelism (`p=`); default 4.
    pub scrypt_p: u64,
    /// PBKDF2 iterations (`i=`); default 1000000.
    pub pbkdf2_iterations: u64,
}

impl Default for SecretHashMaxCost {
    /// The defaults of the case format.
    fn default() -> Self {
        Self {
            argon2_memory_kib: 65_536,
            argon2_iterations: 10,
            argon2_parallelism: 4,
            bcrypt_cost: 14,
            scrypt_log_n: 17,
            scrypt_r: 8,
            scrypt_p: 4,
            pbkdf2_iterations: 1_000_000,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_object_keeps_the_other_defaults() {
        // case format: "a secret_hash_max_cost object that names some keys keeps the
        // defaults for the rest".
        let c: SecretHashMaxCost = serde_json::from_str(r#"{"bcrypt_cost": 10}"#).unwrap();
        assert_eq!(
            c,
            SecretHashMaxCost {
                bcrypt_cost: 10,
                ..SecretHashMaxCost::default()
            }
        );
        let c: SecretHashMaxCost = serde_json::from_str("{}").unwrap();
        assert_eq!(c, SecretHashMaxCost::default());
        assert_eq!(c.argon2_memory_kib, 65_536);
        assert_eq!(c.pbkdf2_iterations, 1_000_000);
    }
}
