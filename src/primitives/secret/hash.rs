//! A stored client secret hash, parsed once into a ready verifier, with its parameters checked
//! against the server's cost bounds before any hashing (case format, "Hashed and rotated
//! client secrets").
//!
//! The forms read: PHC strings `$argon2id$`, `$argon2i$`, `$argon2d$` (`v=19`), `$scrypt$`,
//! `$pbkdf2-sha256$`, `$pbkdf2-sha512$`, whose salt and hash are standard base64 of the bytes
//! (the salt is decoded before hashing, as the PHC string format says); bcrypt `$2a$`, `$2b$`,
//! `$2y$`; and a Spring Security `{bcrypt}` or `{argon2}` prefix before either.

use std::fmt;

use argon2::{Algorithm, Argon2, Params, Version};
use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use sha2::{Sha256, Sha512};
use subtle::{Choice, ConstantTimeEq};

use crate::wire::error::registration::SecretHashProblem;
use crate::wire::metadata::secret_hash_cost::SecretHashMaxCost;

/// The shortest and longest salt and hash accepted in a PHC string, bytes. crate policy: a
/// hash under 16 bytes gives an online guesser collisions to find, and the longest any tool
/// writes is 64 (one SHA-512 block); the bound keeps parsing and hashing small.
const MIN_HASH_BYTES: usize = 16;
const MAX_PHC_BYTES: usize = 64;
/// Argon2's own minimum salt (RFC 9106 §3.1: "8 to 2^32-1 bytes").
const ARGON2_MIN_SALT_BYTES: usize = 8;
/// bcrypt reads at most 72 bytes of the secret (case format: a longer secret never matches).
pub(crate) const BCRYPT_MAX_SECRET_BYTES: usize = 72;

/// Standard base64 (RFC 4648 §4) without padding, as the PHC string format writes it; padding
/// and non-zero trailing bits are tolerated on reading (they change no byte).
const PHC_B64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);
/// bcrypt's own base64 alphabet (`./A-Za-z0-9`), unpadded.
const BCRYPT_B64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::BCRYPT,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(true),
);

/// A stored secret hash, parsed, its parameters within the bounds it was prepared under.
#[derive(Clone)]
pub(crate) struct PreparedHash {
    scheme: Scheme,
}

#[derive(Clone)]
enum Scheme {
    Argon2 {
        algorithm: Algorithm,
        params: Params,
        salt: Vec<u8>,
        hash: Vec<u8>,
    },
    Scrypt {
        params: scrypt::Params,
        salt: Vec<u8>,
        hash: Vec<u8>,
    },
    Pbkdf2 {
        sha512: bool,
        rounds: u32,
        salt: Vec<u8>,
        hash: Vec<u8>,
    },
    Bcrypt {
        cost: u32,
        salt: [u8; 16],
        hash: [u8; 23],
    },
}

type Parsed = Result<PreparedHash, SecretHashProblem>;

fn malformed(why: &'static str) -> SecretHashProblem {
    SecretHashProblem::Malformed(why)
}

/// case format: "A stored hash over any bound is a registration error"; bounds are inclusive.
fn within(parameter: &'static str, value: u64, max: u64) -> Result<(), SecretHashProblem> {
    if value > max {
        Err(SecretHashProblem::OverCost {
            parameter,
            value,
            max,
        })
    } else {
        Ok(())
    }
}

impl PreparedHash {
    /// Parses a stored hash and checks its parameters against `max`, without hashing.
    ///
    /// # Errors
    ///
    /// [`SecretHashProblem`]: an unknown scheme, a string that does not parse, or a parameter
    /// over its bound.
    pub(crate) fn parse(text: &str, max: &SecretHashMaxCost) -> Parsed {
        // case format: "A Spring Security {bcrypt} or {argon2} prefix is accepted and stripped."
        if let Some(rest) = text.strip_prefix("{bcrypt}") {
            return if rest.starts_with("$2") {
                parse_bcrypt(rest, max)
            } else {
                Err(malformed("{bcrypt} is not followed by a bcrypt hash"))
            };
        }
        if let Some(rest) = text.strip_prefix("{argon2}") {
            return if rest.starts_with("$argon2") {
                parse_phc(rest, max)
            } else {
                Err(malformed("{argon2} is not followed by an argon2 hash"))
            };
        }
        if text.starts_with("$2") {
            return parse_bcrypt(text, max);
        }
        parse_phc(text, max)
    }

    /// The scheme's name, for `Debug`.
    fn scheme_name(&self) -> &'static str {
        match &self.scheme {
            Scheme::Argon2 {
                algorithm: Algorithm::Argon2d,
                ..
            } => "argon2d",
            Scheme::Argon2 {
                algorithm: Algorithm::Argon2i,
                ..
            } => "argon2i",
            Scheme::Argon2 { .. } => "argon2id",
            Scheme::Scrypt { .. } => "scrypt",
            Scheme::Pbkdf2 { sha512: false, .. } => "pbkdf2-sha256",
            Scheme::Pbkdf2 { sha512: true, .. } => "pbkdf2-sha512",
            Scheme::Bcrypt { .. } => "bcrypt",
        }
    }

    /// Hashes the presented secret's bytes with the stored parameters and compares with the
    /// stored hash in constant time. Every path computes the hash, but a bcrypt secret over 72
    /// bytes, which never matches (case format: bcrypt reads only 72 bytes, so matching on
    /// them would accept a different secret).
    pub(crate) fn matches(&self, presented: &[u8]) -> Choice {
        match &self.scheme {
            Scheme::Argon2 {
                algorithm,
                params,
                salt,
                hash,
            } => {
                let mut out = vec![0u8; hash.len()];
                let ok = Argon2::new(*algorithm, Version::V0x13, params.clone())
                    .hash_password_into(presented, salt, &mut out)
                    .is_ok();
                Choice::from(u8::from(ok)) & out.ct_eq(hash)
            }
            Scheme::Scrypt { params, salt, hash } => {
                let mut out = vec![0u8; hash.len()];
                let ok = scrypt::scrypt(presented, salt, params, &mut out).is_ok();
                Choice::from(u8::from(ok)) & out.ct_eq(hash)
            }
            Scheme::Pbkdf2 {
                sha512,
                rounds,
                salt,
                hash,
            } => {
                let mut out = vec![0u8; hash.len()];
                if *sha512 {
                    pbkdf2::pbkdf2_hmac::<Sha512>(presented, salt, *rounds, &mut out);
                } else {
                    pbkdf2::pbkdf2_hmac::<Sha256>(presented, salt, *rounds, &mut out);
                }
                out.ct_eq(hash)
            }
            Scheme::Bcrypt { cost, salt, hash } => {
                if presented.len() > BCRYPT_MAX_SECRET_BYTES {
                    return Choice::from(0);
                }
                // As OpenBSD: the secret and its terminating NUL, at most 72 bytes; never
                // empty, and `cost` is 4 to 31 (checked at parse): what `bcrypt::bcrypt` needs.
                let mut key = Vec::with_capacity(presented.len() + 1);
                key.extend_from_slice(presented);
                key.push(0);
                key.truncate(BCRYPT_MAX_SECRET_BYTES);
                let out = bcrypt::bcrypt(*cost, *salt, &key);
                out.get(..23).map_or(Choice::from(0), |out| out.ct_eq(hash))
            }
        }
    }
}

/// The salt and hash are never shown.
impl fmt::Debug for PreparedHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PreparedHash({}, <redacted>)", self.scheme_name())
    }
}

/// `$2a$`/`$2b$`/`$2y$`, two cost digits, `$`, 22 characters of salt and 31 of hash in
/// bcrypt's base64.
fn parse_bcrypt(text: &str, max: &SecretHashMaxCost) -> Parsed {
    let mut parts = text.split('$');
    let (Some(""), Some(version), Some(cost), Some(rest), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(malformed("a bcrypt hash is $2b$<cost>$<salt and hash>"));
    };
    // `2x` is the hash of a known-broken implementation; `2` is older still.
    if !matches!(version, "2a" | "2b" | "2y") {
        return Err(SecretHashProblem::UnknownScheme);
    }
    if cost.len() != 2 || !cost.bytes().all(|b| b.is_ascii_digit()) {
        return Err(malformed("the bcrypt cost is not two digits"));
    }
    let cost: u32 = cost
        .parse()
        .map_err(|_| malformed("the bcrypt cost is not two digits"))?;
    if !(4..=31).contains(&cost) {
        return Err(malformed("the bcrypt cost is not 04 to 31"));
    }
    within("bcrypt_cost", u64::from(cost), max.bcrypt_cost)?;
    if rest.len() != 53 || !rest.is_ascii() {
        return Err(malformed("the bcrypt salt and hash are not 53 characters"));
    }
    let (salt, hash) = rest.split_at(22);
    let salt: [u8; 16] = BCRYPT_B64
        .decode(salt)
        .ok()
        .and_then(|s| s.try_into().ok())
        .ok_or(malformed(
            "the bcrypt salt is not 22 characters of bcrypt base64",
        ))?;
    let hash: [u8; 23] = BCRYPT_B64
        .decode(hash)
        .ok()
        .and_then(|h| h.try_into().ok())
        .ok_or(malformed(
            "the bcrypt hash is not 31 characters of bcrypt base64",
        ))?;
    Ok(PreparedHash {
        scheme: Scheme::Bcrypt { cost, salt, hash },
    })
}

/// `name=value` pairs separated by commas, each value decimal; no name twice, none unknown.
fn phc_params(
    text: &str,
    names: &[&'static str],
) -> Result<Vec<(&'static str, u64)>, SecretHashProblem> {
    let mut out: Vec<(&'static str, u64)> = Vec::new();
    for pair in text.split(',') {
        let (name, value) = pair
            .split_once('=')
            .ok_or(malformed("a parameter is not name=value"))?;
        let name = names
            .iter()
            .copied()
            .find(|n| *n == name)
            .ok_or(malformed("a parameter is not one of the scheme's"))?;
        if out.iter().any(|(n, _)| *n == name) {
            return Err(malformed("a parameter is given twice"));
        }
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed("a parameter value is not a decimal number"));
        }
        let value: u64 = value
            .parse()
            .map_err(|_| malformed("a parameter value is too large"))?;
        out.push((name, value));
    }
    Ok(out)
}

fn param(params: &[(&'static str, u64)], name: &str) -> Option<u64> {
    params.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

fn required(params: &[(&'static str, u64)], name: &str) -> Result<u64, SecretHashProblem> {
    param(params, name).ok_or(malformed("a required parameter is missing"))
}

fn to_u32(value: u64) -> Result<u32, SecretHashProblem> {
    u32::try_from(value).map_err(|_| malformed("a parameter value is too large"))
}

/// Decodes the salt and hash fields: standard base64, within the length bounds.
fn salt_and_hash(salt: &str, hash: &str) -> Result<(Vec<u8>, Vec<u8>), SecretHashProblem> {
    // Bounded before decoding: 64 bytes are at most 88 characters.
    if salt.len() > 88 || hash.len() > 88 {
        return Err(malformed("the salt or hash is longer than 64 bytes"));
    }
    let salt = PHC_B64
        .decode(salt)
        .map_err(|_| malformed("the salt is not base64"))?;
    let hash = PHC_B64
        .decode(hash)
        .map_err(|_| malformed("the hash is not base64"))?;
    if salt.is_empty() || salt.len() > MAX_PHC_BYTES {
        return Err(malformed("the salt is not 1 to 64 bytes"));
    }
    if !(MIN_HASH_BYTES..=MAX_PHC_BYTES).contains(&hash.len()) {
        return Err(malformed("the hash is not 16 to 64 bytes"));
    }
    Ok((salt, hash))
}

/// A PHC string: `$<id>[$v=<version>]$<params>$<salt>$<hash>`.
fn parse_phc(text: &str, max: &SecretHashMaxCost) -> Parsed {
    let mut fields = text.split('$');
    if fields.next() != Some("") {
        return Err(SecretHashProblem::UnknownScheme);
    }
    let id = fields.next().unwrap_or_default();
    let fields: Vec<&str> = fields.collect();
    match id {
        "argon2id" | "argon2i" | "argon2d" => {
            let algorithm = match id {
                "argon2d" => Algorithm::Argon2d,
                "argon2i" => Algorithm::Argon2i,
                _ => Algorithm::Argon2id,
            };
            let [version, params, salt, hash] = fields[..] else {
                return Err(malformed(
                    "an argon2 hash is $argon2id$v=19$m=…,t=…,p=…$<salt>$<hash>",
                ));
            };
            // case format: `v=19` (0x13, RFC 9106).
            if version != "v=19" {
                return Err(malformed("the argon2 version is not v=19"));
            }
            let params = phc_params(params, &["m", "t", "p"])?;
            let (m, t, p) = (
                required(&params, "m")?,
                required(&params, "t")?,
                required(&params, "p")?,
            );
            within("argon2_memory_kib", m, max.argon2_memory_kib)?;
            within("argon2_iterations", t, max.argon2_iterations)?;
            within("argon2_parallelism", p, max.argon2_parallelism)?;
            let (salt, hash) = salt_and_hash(salt, hash)?;
            if salt.len() < ARGON2_MIN_SALT_BYTES {
                return Err(malformed("the argon2 salt is shorter than 8 bytes"));
            }
            // RFC 9106 §3.1: t ≥ 1, p ≥ 1, m ≥ 8p.
            let params = Params::new(to_u32(m)?, to_u32(t)?, to_u32(p)?, Some(hash.len()))
                .map_err(|_| malformed("the argon2 parameters are not valid (m ≥ 8p, t ≥ 1)"))?;
            Ok(PreparedHash {
                scheme: Scheme::Argon2 {
                    algorithm,
                    params,
                    salt,
                    hash,
                },
            })
        }
        "scrypt" => {
            let [params, salt, hash] = fields[..] else {
                return Err(malformed(
                    "a scrypt hash is $scrypt$ln=…,r=…,p=…$<salt>$<hash>",
                ));
            };
            let params = phc_params(params, &["ln", "r", "p"])?;
            let (ln, r, p) = (
                required(&params, "ln")?,
                required(&params, "r")?,
                required(&params, "p")?,
            );
            within("scrypt_log_n", ln, max.scrypt_log_n)?;
            within("scrypt_r", r, max.scrypt_r)?;
            within("scrypt_p", p, max.scrypt_p)?;
            let (salt, hash) = salt_and_hash(salt, hash)?;
            // RFC 7914 §2: N a power of two over 1, r·p < 2^30.
            let ln = u8::try_from(ln).map_err(|_| malformed("the scrypt ln is too large"))?;
            if ln == 0 {
                return Err(malformed("the scrypt ln is 0"));
            }
            let params = scrypt::Params::new(ln, to_u32(r)?, to_u32(p)?, hash.len())
                .map_err(|_| malformed("the scrypt parameters are not valid"))?;
            Ok(PreparedHash {
                scheme: Scheme::Scrypt { params, salt, hash },
            })
        }
        "pbkdf2-sha256" | "pbkdf2-sha512" => {
            let [params, salt, hash] = fields[..] else {
                return Err(malformed(
                    "a pbkdf2 hash is $pbkdf2-sha256$i=…,l=…$<salt>$<hash>",
                ));
            };
            let params = phc_params(params, &["i", "l"])?;
            let i = required(&params, "i")?;
            within("pbkdf2_iterations", i, max.pbkdf2_iterations)?;
            if i == 0 {
                return Err(malformed("the pbkdf2 iteration count is 0"));
            }
            let (salt, hash) = salt_and_hash(salt, hash)?;
            // `l`, when given, is the hash's length in bytes.
            if param(&params, "l").is_some_and(|l| usize::try_from(l).ok() != Some(hash.len())) {
                return Err(malformed("the pbkdf2 l is not the hash's length"));
            }
            Ok(PreparedHash {
                scheme: Scheme::Pbkdf2 {
                    sha512: id == "pbkdf2-sha512",
                    rounds: to_u32(i)?,
                    salt,
                    hash,
                },
            })
        }
        _ => Err(SecretHashProblem::UnknownScheme),
    }
}

/// Why [`hash_client_secret`] could not make a hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HashSecretError {
    /// The secret is empty: an empty secret never authenticates (RFC 6749 §2.3.1).
    #[error("the secret is empty")]
    EmptySecret,
    /// The operating system's random number generator failed.
    #[error("the system random number generator failed")]
    Random,
    /// Argon2 refused to hash (it does not with the fixed parameters used).
    #[error("argon2 could not hash the secret")]
    Hashing,
}

/// The Argon2id parameters of [`hash_client_secret`]: 19 MiB, two passes, one lane (the
/// OWASP Password Storage Cheat Sheet's first choice), inside the default
/// `secret_hash_max_cost`.
pub const HASH_CLIENT_SECRET_PARAMS: (u32, u32, u32) = (19_456, 2, 1);

/// Hashes a newly issued client secret for `client_secret_hash` (or a `client_secrets`
/// `hash`): an Argon2id PHC string, `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`, with a
/// 16-byte random salt from the operating system and a 32-byte hash, both unpadded standard
/// base64. Its parameters are inside the default `secret_hash_max_cost`, so every server
/// running with the defaults verifies it; argon2-cffi and libargon2 verify it too.
///
/// Hash the secret as issued to the client (the exact bytes, before any form-encoding the
/// client applies to send it).
///
/// # Errors
///
/// [`HashSecretError::EmptySecret`] for an empty secret; [`HashSecretError::Random`] when the
/// system's random number generator fails.
pub fn hash_client_secret(secret: &str) -> Result<String, HashSecretError> {
    if secret.is_empty() {
        return Err(HashSecretError::EmptySecret);
    }
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|_| HashSecretError::Random)?;
    let (m, t, p) = HASH_CLIENT_SECRET_PARAMS;
    let params = Params::new(m, t, p, Some(32)).map_err(|_| HashSecretError::Hashing)?;
    let mut hash = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(secret.as_bytes(), &salt, &mut hash)
        .map_err(|_| HashSecretError::Hashing)?;
    let b64 = base64::engine::general_purpose::STANDARD_NO_PAD;
    Ok(format!(
        "$argon2id$v=19$m={m},t={t},p={p}${}${}",
        b64.encode(salt),
        b64.encode(hash)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds() -> SecretHashMaxCost {
        SecretHashMaxCost::default()
    }

    fn parse(text: &str) -> Parsed {
        PreparedHash::parse(text, &bounds())
    }

    fn b64(bytes: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes)
    }

    /// A PHC pbkdf2-sha256 string of `secret`, salt "saltsalt", made with the pbkdf2 crate.
    fn pbkdf2_sha256(secret: &str, i: u32) -> String {
        let mut out = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<Sha256>(secret.as_bytes(), b"saltsalt", i, &mut out);
        format!(
            "$pbkdf2-sha256$i={i},l=32${}${}",
            b64(b"saltsalt"),
            b64(&out)
        )
    }

    #[test]
    fn hash_client_secret_makes_argon2id_that_verifies_within_the_default_bounds() {
        let phc = hash_client_secret("gX1fBat3bV").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        let prepared = parse(&phc).unwrap();
        assert!(bool::from(prepared.matches(b"gX1fBat3bV")));
        assert!(!bool::from(prepared.matches(b"gX1fBat3bW")));
        // A fresh salt each time.
        assert_ne!(phc, hash_client_secret("gX1fBat3bV").unwrap());
        assert_eq!(hash_client_secret(""), Err(HashSecretError::EmptySecret));
    }

    #[test]
    fn phc_salt_is_decoded_before_hashing() {
        // case format: "the salt is decoded before hashing, as the PHC string format says".
        let good = pbkdf2_sha256("s3cret", 1000);
        assert!(bool::from(parse(&good).unwrap().matches(b"s3cret")));
        // The same hash under the salt's base64 text as bytes is another hash: refused.
        let mut out = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<Sha256>(b"s3cret", b64(b"saltsalt").as_bytes(), 1000, &mut out);
        let text_salt = format!(
            "$pbkdf2-sha256$i=1000,l=32${}${}",
            b64(b"saltsalt"),
            b64(&out)
        );
        assert!(!bool::from(parse(&text_salt).unwrap().matches(b"s3cret")));
    }

    #[test]
    fn cost_bounds_are_inclusive_and_checked_before_hashing() {
        // case format: "bounds are inclusive (a value equal to its bound is allowed)".
        let at = "$argon2id$v=19$m=65536,t=10,p=4$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA";
        assert!(parse(at).is_ok());
        for (text, parameter, value, max) in [
            (
                "$argon2id$v=19$m=65537,t=1,p=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA",
                "argon2_memory_kib",
                65_537,
                65_536,
            ),
            (
                "$argon2i$v=19$m=1024,t=11,p=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA",
                "argon2_iterations",
                11,
                10,
            ),
            (
                "$argon2d$v=19$m=1024,t=1,p=5$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA",
                "argon2_parallelism",
                5,
                4,
            ),
            (
                "$2b$15$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234",
                "bcrypt_cost",
                15,
                14,
            ),
            (
                "$scrypt$ln=18,r=8,p=1$c2FsdA$AAAAAAAAAAAAAAAAAAAAAA",
                "scrypt_log_n",
                18,
                17,
            ),
            (
                "$scrypt$ln=10,r=9,p=1$c2FsdA$AAAAAAAAAAAAAAAAAAAAAA",
                "scrypt_r",
                9,
                8,
            ),
            (
                "$scrypt$ln=10,r=8,p=5$c2FsdA$AAAAAAAAAAAAAAAAAAAAAA",
                "scrypt_p",
                5,
                4,
            ),
            (
                "$pbkdf2-sha512$i=1000001,l=16$c2FsdA$AAAAAAAAAAAAAAAAAAAAAA",
                "pbkdf2_iterations",
                1_000_001,
                1_000_000,
            ),
        ] {
            assert_eq!(
                parse(text).unwrap_err(),
                SecretHashProblem::OverCost {
                    parameter,
                    value,
                    max
                },
                "{text}"
            );
        }
        // A lower bound from the server refuses what the default allows.
        let low = SecretHashMaxCost {
            bcrypt_cost: 10,
            ..bounds()
        };
        let b10 = "$2b$10$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234";
        let b11 = "$2b$11$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234";
        assert!(PreparedHash::parse(b10, &low).is_ok());
        assert!(matches!(
            PreparedHash::parse(b11, &low),
            Err(SecretHashProblem::OverCost { .. })
        ));
        // An over-cost hash is refused whatever else is wrong after its parameters: the
        // bound is read first (no hashing happens at parse in any case).
        assert!(matches!(
            parse("$scrypt$ln=40,r=8,p=1$!!$!!"),
            Err(SecretHashProblem::OverCost { .. })
        ));
    }

    #[test]
    fn unknown_schemes_and_malformed_strings_are_refused() {
        for text in [
            "",
            "gX1fBat3bV",
            "$1$saltsalt$hash",
            "$6$rounds=5000$salt$hash",
            "$pbkdf2$i=1000$c2FsdA$AAAAAAAAAAAAAAAAAAAAAA",
            "$2x$10$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234",
            "{noop}secret",
            "{pbkdf2}5d923b44a6d129f3ddf3e3c8d29412723dcbde72445e8ef6bf3b508fbf17fa4ed4d6b99ca763d8dc",
        ] {
            assert_eq!(parse(text).unwrap_err(), SecretHashProblem::UnknownScheme, "{text}");
        }
        for text in [
            "$argon2id$m=19456,t=2,p=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=19456,t=2$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=19456,t=2,p=1,m=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=19456,t=2,p=1,keyid=AA$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=4,t=2,p=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=19456,t=0,p=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$AAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$AAAA",
            "$argon2id$v=19$m=19456,t=2,p=1$c2Fs*HNhbHQ$AAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ",
            "$argon2id$v=19$m=-1,t=2,p=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=99999999999999999999999,t=2,p=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA",
            "$scrypt$ln=0,r=8,p=1$c2FsdA$AAAAAAAAAAAAAAAAAAAAAA",
            "$scrypt$ln=15,r=8$c2FsdA$AAAAAAAAAAAAAAAAAAAAAA",
            "$scrypt$ln=15,r=8,p=1$$AAAAAAAAAAAAAAAAAAAAAA",
            "$pbkdf2-sha256$i=0,l=16$c2FsdA$AAAAAAAAAAAAAAAAAAAAAA",
            "$pbkdf2-sha256$i=1000,l=32$c2FsdA$AAAAAAAAAAAAAAAAAAAAAA",
            "$pbkdf2-sha256$l=16$c2FsdA$AAAAAAAAAAAAAAAAAAAAAA",
            "$2b$10$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz0123",
            "$2b$1$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234",
            "$2b$03$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234",
            "$2b$10$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz0123!",
            "{bcrypt}$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA",
            "{argon2}$2b$10$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234",
        ] {
            assert!(
                matches!(parse(text), Err(SecretHashProblem::Malformed(_))),
                "{text}: {:?}",
                parse(text)
            );
        }
    }

    #[test]
    fn bcrypt_reads_72_bytes_so_a_longer_secret_never_matches() {
        // case format: "a presented secret longer than 72 bytes never matches a bcrypt hash".
        let long72 = "a".repeat(72);
        let made = bcrypt_hash(long72.as_bytes(), 4);
        let prepared = parse(&made).unwrap();
        assert!(bool::from(prepared.matches(long72.as_bytes())));
        let long73 = "a".repeat(73);
        assert!(!bool::from(prepared.matches(long73.as_bytes())));
        // Spring's {bcrypt} prefix is stripped.
        let spring = parse(&format!("{{bcrypt}}{made}")).unwrap();
        assert!(bool::from(spring.matches(long72.as_bytes())));
    }

    /// `$2b$` of `secret` with a fixed salt, through the bcrypt crate's raw function.
    fn bcrypt_hash(secret: &[u8], cost: u32) -> String {
        let salt = [7u8; 16];
        let mut key = secret.to_vec();
        key.push(0);
        key.truncate(72);
        let out = bcrypt::bcrypt(cost, salt, &key);
        format!(
            "$2b${cost:02}${}{}",
            BCRYPT_B64.encode(salt),
            BCRYPT_B64.encode(&out[..23])
        )
    }

    #[test]
    fn debug_shows_the_scheme_only() {
        let prepared = parse(&pbkdf2_sha256("s3cret", 10)).unwrap();
        let text = format!("{prepared:?}");
        assert_eq!(text, "PreparedHash(pbkdf2-sha256, <redacted>)");
    }
}
