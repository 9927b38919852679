//! Keys: the client's JWK Set parsed once into ready verifiers (RFC 7517), the choice of the key
//! for an assertion (RFC 7515 §4.1.4), the key-size rules, and the HMAC keys of
//! `client_secret_jwt` (OpenID Connect Core §9).
//!
//! [`JwkSet::parse`] and [`HmacKeys::new`] run in [`crate::prepared::PreparedClient::new`]; a request only
//! selects a prepared key and verifies with it.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock, PoisonError};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use josekit::jwk::Jwk;
use josekit::jws::alg::ecdsa::EcdsaJwsVerifier;
use josekit::jws::alg::eddsa::EddsaJwsVerifier;
use josekit::jws::alg::rsassa::RsassaJwsVerifier;
use josekit::jws::alg::rsassa_pss::RsassaPssJwsVerifier;
use josekit::jws::{
    EdDSA, JwsVerifier, ES256, ES384, ES512, PS256, PS384, PS512, RS256, RS384, RS512,
};
use josekit::JoseError;
use serde_json::{Map, Value};
use sha2::{Sha256, Sha384, Sha512};

use super::ed25519::usable_ed25519_point;
use crate::wire::error::attestation::InstanceKeyProblem;
use crate::wire::error::registration::MetadataError;
use crate::wire::error::shown::Shown;
use crate::wire::error::AuthError;
use crate::wire::metadata::algorithm::JwsAlgorithm;
use crate::wire::metadata::client_builder::jwk_set_members;
use crate::wire::metadata::policy::FapiProfile;
use crate::wire::secret::ClientSecret;

/// Client instance keys (attestation `cnf.jwk`) whose verifiers are kept.
const MAX_INSTANCE_KEYS: usize = 4096;

/// The verifiers of recent client instance keys, by the key's JSON text, with its thumbprint.
type InstanceKeys = HashMap<String, (VerificationKey, String)>;
static INSTANCE_KEYS: OnceLock<Mutex<InstanceKeys>> = OnceLock::new();

/// The shortest RSA modulus, in bits, with or without a FAPI profile: RFC 7518 §3.3 and §3.5
/// ("A key of size 2048 bits or larger MUST be used with these algorithms").
const MIN_RSA_BITS: usize = 2048;

/// Serializes the decoding of public keys into OpenSSL objects.
///
/// OpenSSL 3.0 can fail to decode a valid public key while other threads decode keys for the
/// first time (seen here with OpenSSL 3.0.19: `X509_PUBKEY_get0: decode error` for an RSA-PSS
/// key while an EC key was decoded in parallel, in about one run in three). A refused decode
/// would silently drop a client's key. Decoding happens once per registration, so serializing
/// it costs nothing that matters; verification with decoded keys runs in parallel.
static DECODE_LOCK: Mutex<()> = Mutex::new(());

/// Builds a josekit verifier under [`DECODE_LOCK`]; a failure is retried once, in case a
/// decoder outside this crate raced with it. A malformed key fails both times.
fn decode<T>(build: impl Fn() -> Result<T, JoseError>) -> Option<T> {
    // The lock guards no data: a poisoned lock is as good as a clean one.
    let _serialized = DECODE_LOCK.lock().unwrap_or_else(PoisonError::into_inner);
    build().or_else(|_| build()).ok()
}

/// The curves of the ECDSA algorithms (RFC 7518 §3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EcCurve {
    /// P-256, for ES256.
    P256,
    /// P-384, for ES384.
    P384,
    /// P-521, for ES512.
    P521,
}

impl EcCurve {
    fn from_name(crv: &str) -> Option<Self> {
        match crv {
            "P-256" => Some(Self::P256),
            "P-384" => Some(Self::P384),
            "P-521" => Some(Self::P521),
            _ => None,
        }
    }

    fn bits(self) -> usize {
        match self {
            Self::P256 => 256,
            Self::P384 => 384,
            Self::P521 => 521,
        }
    }

    fn algorithm(self) -> JwsAlgorithm {
        match self {
            Self::P256 => JwsAlgorithm::Es256,
            Self::P384 => JwsAlgorithm::Es384,
            Self::P521 => JwsAlgorithm::Es512,
        }
    }
}

/// What kind of key a JWK holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyKind {
    /// An RSA key with a modulus of this many bits.
    Rsa { bits: usize },
    /// An elliptic-curve key.
    Ec(EcCurve),
    /// An Ed25519 key (RFC 8037 §2).
    Ed25519,
}

impl KeyKind {
    /// Whether a key of this kind can verify `alg` (RFC 7518 §3.1: the `kty` and curve of each
    /// algorithm).
    fn fits(self, alg: JwsAlgorithm) -> bool {
        use JwsAlgorithm::*;
        match self {
            Self::Rsa { .. } => matches!(alg, Rs256 | Rs384 | Rs512 | Ps256 | Ps384 | Ps512),
            Self::Ec(curve) => curve.algorithm() == alg,
            Self::Ed25519 => matches!(alg, EdDsa | Ed25519),
        }
    }
}

/// A verifier josekit prepared for one key and one algorithm.
#[derive(Clone)]
enum Verifier {
    Rsa(RsassaJwsVerifier),
    RsaPss(RsassaPssJwsVerifier),
    Ecdsa(EcdsaJwsVerifier),
    Eddsa(EddsaJwsVerifier),
}

impl Verifier {
    fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), AuthError> {
        let verified = match self {
            Self::Rsa(v) => v.verify(message, signature),
            Self::RsaPss(v) => v.verify(message, signature),
            Self::Ecdsa(v) => {
                // RFC 7518 §3.4: the signature is R || S, each half the length. An r or s of
                // zero is never valid (SEC 1 §4.1.4 step 1: both in [1, n-1]); refuse it here
                // rather than trust every backend to (CVE-2022-21449, "psychic signatures").
                let (r, s) = signature.split_at(signature.len() / 2);
                if r.iter().all(|&b| b == 0) || s.iter().all(|&b| b == 0) {
                    return Err(AuthError::InvalidAssertionSignature);
                }
                v.verify(message, signature)
            }
            Self::Eddsa(v) => v.verify(message, signature),
        };
        // The backend's error is not passed on: a signature is valid or it is not.
        verified.map_err(|_| AuthError::InvalidAssertionSignature)
    }
}

/// One usable key of the client, with a verifier per algorithm it can verify.
#[derive(Clone)]
pub(crate) struct VerificationKey {
    kid: Option<String>,
    kind: KeyKind,
    /// The JWK's `alg`, when it states one (RFC 7517 §4.4).
    stated_alg: Option<JwsAlgorithm>,
    /// Empty for an RSA key below [`MIN_RSA_BITS`]: it is kept so that a request naming it
    /// is refused as too small, not as unknown.
    verifiers: Vec<(JwsAlgorithm, Verifier)>,
}

impl VerificationKey {
    /// Reads one JWK. `None` when it is not a usable signature-verification key; RFC 7517 §5:
    /// "Implementations SHOULD ignore JWKs within a JWK Set that use "kty" (key type) values
    /// that are not understood by them, that are missing required members, or for which
    /// values are out of the supported ranges".
    fn from_jwk(jwk: &Map<String, Value>) -> Option<Self> {
        let text = |name: &str| match jwk.get(name) {
            None => Some(None),
            Some(Value::String(s)) => Some(Some(s.as_str())),
            Some(_) => None,
        };
        // RFC 7517 §4.2: "sig" or absent; an "enc" key is for encryption.
        if !matches!(text("use")?, None | Some("sig")) {
            return None;
        }
        // RFC 7517 §4.3: when key_ops is given, it must allow "verify".
        match jwk.get("key_ops") {
            None => {}
            Some(Value::Array(ops)) if ops.iter().any(|op| op == "verify") => {}
            Some(_) => return None,
        }
        // RFC 7517 §4.4: a stated alg limits the key to that algorithm.
        let stated_alg = match text("alg")? {
            None => None,
            Some(name) => Some(JwsAlgorithm::from_name(name)?),
        };
        let kid = text("kid")?.map(str::to_owned);
        let (kind, verifiers) = match text("kty")?? {
            "RSA" => rsa_verifiers(jwk, stated_alg)?,
            "EC" => {
                let curve = EcCurve::from_name(text("crv")??)?;
                let public = public_members(jwk, "EC", &["crv", "x", "y"])?;
                let verifier = decode(|| match curve {
                    EcCurve::P256 => ES256.verifier_from_jwk(&public),
                    EcCurve::P384 => ES384.verifier_from_jwk(&public),
                    EcCurve::P521 => ES512.verifier_from_jwk(&public),
                })?;
                let alg = curve.algorithm();
                (KeyKind::Ec(curve), vec![(alg, Verifier::Ecdsa(verifier))])
            }
            // RFC 8037 §2: Ed25519 keys are "OKP"; Ed448 and the X curves are not verified here.
            "OKP" if text("crv")?? == "Ed25519" => {
                let Some(Value::String(x)) = jwk.get("x") else {
                    return None;
                };
                // RFC 8037 §2: x is the 32-octet public key of RFC 8032 §5.1.5.
                let x: [u8; 32] = URL_SAFE_NO_PAD.decode(x).ok()?.try_into().ok()?;
                if !usable_ed25519_point(&x) {
                    return None;
                }
                let public = public_members(jwk, "OKP", &["crv", "x"])?;
                let verifier = decode(|| EdDSA.verifier_from_jwk(&public))?;
                (
                    KeyKind::Ed25519,
                    vec![(JwsAlgorithm::EdDsa, Verifier::Eddsa(verifier))],
                )
            }
            _ => return None,
        };
        let key = Self {
            kid,
            kind,
            stated_alg,
            verifiers,
        };
        // A stated alg the key cannot verify (an RSA key stating ES256) makes it unusable.
        match stated_alg {
            Some(alg) if !kind.fits(alg) => None,
            _ => Some(key),
        }
    }

    /// Whether the key can verify `alg`: its kind fits, and its stated `alg`, if any, is `alg`
    /// (`EdDSA` and `Ed25519` name the same algorithm for an Ed25519 key, RFC 9864 §2.2).
    fn fits(&self, alg: JwsAlgorithm) -> bool {
        self.kind.fits(alg)
            && self
                .stated_alg
                .is_none_or(|stated| same_algorithm(stated, alg))
    }

    /// Verifies `signature` over `message` with `alg`.
    ///
    /// # Errors
    ///
    /// [`AuthError::InvalidAssertionSignature`]; [`AuthError::AssertionKeyMismatch`] if the key
    /// has no verifier for `alg` (selection prevents it).
    pub(crate) fn verify(
        &self,
        alg: JwsAlgorithm,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), AuthError> {
        let wanted = match alg {
            JwsAlgorithm::Ed25519 => JwsAlgorithm::EdDsa,
            other => other,
        };
        self.verifiers
            .iter()
            .find_map(|(a, v)| (*a == wanted).then_some(v))
            .ok_or(AuthError::AssertionKeyMismatch { alg })?
            .verify(message, signature)
    }

    /// The key's kind and size.
    pub(crate) fn kind(&self) -> KeyKind {
        self.kind
    }
}

impl VerificationKey {
    /// The client instance key of an attestation's `cnf.jwk`
    /// (draft-ietf-oauth-attestation-based-client-auth-10, Client Attestation JWT: `cnf`
    /// "MUST contain" the instance's public key in a `jwk`), with its RFC 7638 thumbprint.
    ///
    /// # Errors
    ///
    /// [`InstanceKeyProblem::PrivateMember`] for a key that publishes private material;
    /// [`InstanceKeyProblem::Unusable`] for one this crate cannot verify with (RSA below
    /// 2048 bits included).
    pub(crate) fn instance_key(
        jwk: &Map<String, Value>,
    ) -> Result<(Self, String), InstanceKeyProblem> {
        // Crate policy, as RFC 7591 §2 for registered keys: a public key that carries its
        // private half has leaked, and proves nothing about the instance.
        if let Some(member) = PRIVATE_MEMBERS.iter().find(|m| jwk.contains_key(**m)) {
            return Err(InstanceKeyProblem::PrivateMember(member));
        }
        // A client instance sends the same key with every request: its verifier is built once
        // and kept, found by the key's whole JSON text (members that limit its use included).
        let text = serde_json::to_string(jwk).map_err(|_| InstanceKeyProblem::Unusable)?;
        let cache = INSTANCE_KEYS.get_or_init(Mutex::default);
        if let Some(found) = cache.lock().ok().and_then(|keys| keys.get(&text).cloned()) {
            return Ok(found);
        }
        let key = Self::from_jwk(jwk).ok_or(InstanceKeyProblem::Unusable)?;
        if key.verifiers.is_empty() {
            return Err(InstanceKeyProblem::Unusable);
        }
        let thumbprint = jwk_thumbprint(jwk).ok_or(InstanceKeyProblem::Unusable)?;
        if let Ok(mut keys) = cache.lock() {
            // Bounded: a full cache starts over rather than grow (crate policy).
            if keys.len() >= MAX_INSTANCE_KEYS {
                keys.clear();
            }
            keys.insert(text, (key.clone(), thumbprint.clone()));
        }
        Ok((key, thumbprint))
    }

    /// Whether the key can verify `alg`.
    pub(crate) fn verifies(&self, alg: JwsAlgorithm) -> bool {
        self.fits(alg)
    }
}

/// The RFC 7638 JWK SHA-256 thumbprint, base64url: the required members of the key type
/// (§3.2: EC `crv`, `kty`, `x`, `y`; RSA `e`, `kty`, `n`; OKP `crv`, `kty`, `x`, RFC 8037
/// §2), in lexicographic order, with no whitespace (§3.3). `None` when a member is missing
/// or not a string.
pub(crate) fn jwk_thumbprint(jwk: &Map<String, Value>) -> Option<String> {
    use sha2::Digest as _;
    let kty = jwk.get("kty")?.as_str()?;
    let names: &[&str] = match kty {
        "EC" => &["crv", "kty", "x", "y"],
        "RSA" => &["e", "kty", "n"],
        "OKP" => &["crv", "kty", "x"],
        _ => return None,
    };
    let mut text = String::from("{");
    for (i, name) in names.iter().enumerate() {
        let value = jwk.get(*name)?.as_str()?;
        if i > 0 {
            text.push(',');
        }
        text.push('"');
        text.push_str(name);
        text.push_str("\":");
        // RFC 7638 §3.3: the member values as JSON strings.
        text.push_str(&serde_json::to_string(value).ok()?);
    }
    text.push('}');
    Some(URL_SAFE_NO_PAD.encode(Sha256::digest(text.as_bytes())))
}

/// Verifies a JWS signature with the public key of a certificate (its DER
/// SubjectPublicKeyInfo), for an attestation signed under `x5c`.
///
/// # Errors
///
/// [`AuthError::InvalidAssertionSignature`] when the key does not fit `alg` or the signature
/// does not verify.
pub(crate) fn verify_with_spki(
    alg: JwsAlgorithm,
    spki: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), AuthError> {
    use JwsAlgorithm::*;
    let verifier = match alg {
        Rs256 => decode(|| RS256.verifier_from_der(spki).map(Verifier::Rsa)),
        Rs384 => decode(|| RS384.verifier_from_der(spki).map(Verifier::Rsa)),
        Rs512 => decode(|| RS512.verifier_from_der(spki).map(Verifier::Rsa)),
        Ps256 => decode(|| PS256.verifier_from_der(spki).map(Verifier::RsaPss)),
        Ps384 => decode(|| PS384.verifier_from_der(spki).map(Verifier::RsaPss)),
        Ps512 => decode(|| PS512.verifier_from_der(spki).map(Verifier::RsaPss)),
        Es256 => decode(|| ES256.verifier_from_der(spki).map(Verifier::Ecdsa)),
        Es384 => decode(|| ES384.verifier_from_der(spki).map(Verifier::Ecdsa)),
        Es512 => decode(|| ES512.verifier_from_der(spki).map(Verifier::Ecdsa)),
        EdDsa | Ed25519 => decode(|| EdDSA.verifier_from_der(spki).map(Verifier::Eddsa)),
        Hs256 | Hs384 | Hs512 => None,
    };
    verifier
        .ok_or(AuthError::InvalidAssertionSignature)?
        .verify(message, signature)
}

/// Key material stays out of `Debug`.
impl fmt::Debug for VerificationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerificationKey")
            .field("kid", &self.kid)
            .field("kind", &self.kind)
            .field("stated_alg", &self.stated_alg)
            .finish_non_exhaustive()
    }
}

fn same_algorithm(a: JwsAlgorithm, b: JwsAlgorithm) -> bool {
    use JwsAlgorithm::{Ed25519, EdDsa};
    a == b || matches!((a, b), (EdDsa, Ed25519) | (Ed25519, EdDsa))
}

/// A JWK holding only `kty` and the named public members, for josekit: its own checks of
/// `use`, `key_ops` and `alg` are made above, and a private member is never passed on.
fn public_members(jwk: &Map<String, Value>, kty: &str, names: &[&str]) -> Option<Jwk> {
    let mut public = Map::new();
    public.insert("kty".to_owned(), Value::String(kty.to_owned()));
    for name in names {
        let value = jwk.get(*name)?;
        public.insert((*name).to_owned(), value.clone());
    }
    Jwk::from_map(public).ok()
}

/// The verifiers of an RSA key: RS256/384/512 and PS256/384/512, or the one its `alg` states.
fn rsa_verifiers(
    jwk: &Map<String, Value>,
    stated_alg: Option<JwsAlgorithm>,
) -> Option<(KeyKind, Vec<(JwsAlgorithm, Verifier)>)> {
    let Some(Value::String(n)) = jwk.get("n") else {
        return None;
    };
    let bits = modulus_bits(&URL_SAFE_NO_PAD.decode(n).ok()?)?;
    let Some(Value::String(e)) = jwk.get("e") else {
        return None;
    };
    // A public exponent must be odd and at least 3 (with e = 1 a "signature" is the padded
    // message itself, and anyone could make one); FIPS 186-5 §A.1.1 asks for more, which
    // legacy keys with e = 3 would not meet.
    if !usable_exponent(&URL_SAFE_NO_PAD.decode(e).ok()?) {
        return None;
    }
    let kind = KeyKind::Rsa { bits };
    if bits < MIN_RSA_BITS {
        return Some((kind, Vec::new()));
    }
    let public = public_members(jwk, "RSA", &["n", "e"])?;
    let mut verifiers = Vec::new();
    for alg in JwsAlgorithm::ALL {
        if !kind.fits(alg) || stated_alg.is_some_and(|stated| stated != alg) {
            continue;
        }
        let verifier = match alg {
            JwsAlgorithm::Rs256 => decode(|| RS256.verifier_from_jwk(&public).map(Verifier::Rsa)),
            JwsAlgorithm::Rs384 => decode(|| RS384.verifier_from_jwk(&public).map(Verifier::Rsa)),
            JwsAlgorithm::Rs512 => decode(|| RS512.verifier_from_jwk(&public).map(Verifier::Rsa)),
            JwsAlgorithm::Ps256 => {
                decode(|| PS256.verifier_from_jwk(&public).map(Verifier::RsaPss))
            }
            JwsAlgorithm::Ps384 => {
                decode(|| PS384.verifier_from_jwk(&public).map(Verifier::RsaPss))
            }
            JwsAlgorithm::Ps512 => {
                decode(|| PS512.verifier_from_jwk(&public).map(Verifier::RsaPss))
            }
            _ => continue,
        };
        verifiers.push((alg, verifier?));
    }
    Some((kind, verifiers))
}

/// Whether an RSA public exponent (big-endian octets) is odd and at least 3.
fn usable_exponent(e: &[u8]) -> bool {
    let significant = e.iter().position(|&b| b != 0).and_then(|i| e.get(i..));
    match significant {
        Some([last]) => *last >= 3 && last % 2 == 1,
        Some([.., last]) => last % 2 == 1,
        _ => false,
    }
}

/// The JWK members that hold private or symmetric key material: `d` of EC (RFC 7518
/// §6.2.2) and OKP keys (RFC 8037 §2), the RSA private members (RFC 7518 §6.3.2), and `k` of a
/// symmetric key (RFC 7518 §6.4.1).
const PRIVATE_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/// Refuses a registered JWK that publishes key material meant to stay private, whatever its
/// `kty` and whether or not this crate could use it.
///
/// # Errors
///
/// [`MetadataError::PrivateKeyInJwks`] naming the first such member (its name only).
pub(crate) fn refuse_private_members(
    jwk: &Map<String, Value>,
    key_index: usize,
) -> Result<(), MetadataError> {
    // RFC 7591 §2: jwks holds the client's public keys. A private member there means the key
    // has leaked (and a `k` is a shared secret published as a public key): refuse, never use.
    match PRIVATE_MEMBERS.iter().find(|name| jwk.contains_key(**name)) {
        Some(member) => Err(MetadataError::PrivateKeyInJwks { key_index, member }),
        None => Ok(()),
    }
}

/// The size of an RSA modulus in bits, leading zero octets aside; `None` for zero.
fn modulus_bits(n: &[u8]) -> Option<usize> {
    let start = n.iter().position(|&b| b != 0)?;
    let first = *n.get(start)?;
    let octets = n.len().checked_sub(start)?;
    let unused = usize::try_from(first.leading_zeros()).ok()?;
    octets.checked_mul(8)?.checked_sub(unused)
}

/// A client's JWK Set, parsed into verifiers.
#[derive(Clone, Debug)]
pub(crate) struct JwkSet {
    keys: Vec<VerificationKey>,
}

impl JwkSet {
    /// Parses a registered `jwks`.
    ///
    /// # Errors
    ///
    /// [`MetadataError::InvalidJwks`] when it is not a JWK Set (RFC 7517 §5: an object whose
    /// `keys` is an array of objects) or holds more than `MAX_JWKS_KEYS` keys;
    /// [`MetadataError::PrivateKeyInJwks`] when a key publishes private key material;
    /// [`MetadataError::NoUsableKey`] when none of its keys can verify a client assertion.
    pub(crate) fn parse(jwks: &Value) -> Result<Self, MetadataError> {
        let mut keys = Vec::new();
        // `jwk_set_members` has checked that every member is an object.
        let members = jwk_set_members(jwks)?.iter().map(Value::as_object);
        for (key_index, jwk) in members.enumerate().filter_map(|(i, o)| Some((i, o?))) {
            refuse_private_members(jwk, key_index)?;
            keys.extend(VerificationKey::from_jwk(jwk));
        }
        if keys.is_empty() {
            return Err(MetadataError::NoUsableKey);
        }
        Ok(Self { keys })
    }

    /// The key that verifies an assertion signed with `alg` (the rule, after RFC 7515
    /// §4.1.4): with a `kid`, exactly the key with that `kid`; without, the one key that fits
    /// the algorithm. Two fitting keys are an error, never a guess.
    ///
    /// # Errors
    ///
    /// [`AuthError::AssertionKeyNotFound`], [`AuthError::AssertionKeyMismatch`],
    /// [`AuthError::NoKeyForAlgorithm`], [`AuthError::AmbiguousAssertionKey`].
    pub(crate) fn select(
        &self,
        alg: JwsAlgorithm,
        kid: Option<&str>,
    ) -> Result<&VerificationKey, AuthError> {
        let mut chosen = None;
        let mut kid_found = false;
        for key in &self.keys {
            if let Some(kid) = kid {
                if key.kid.as_deref() != Some(kid) {
                    continue;
                }
                kid_found = true;
            }
            if !key.fits(alg) {
                continue;
            }
            if chosen.is_some() {
                return Err(AuthError::AmbiguousAssertionKey { alg });
            }
            chosen = Some(key);
        }
        match (chosen, kid) {
            (Some(key), _) => Ok(key),
            (None, Some(kid)) if !kid_found => Err(AuthError::AssertionKeyNotFound {
                kid: Shown::new(kid),
            }),
            (None, Some(_)) => Err(AuthError::AssertionKeyMismatch { alg }),
            (None, None) => Err(AuthError::NoKeyForAlgorithm { alg }),
        }
    }
}

/// The key-size rules: RSA of at least 2048 bits always (RFC 7518 §3.3, §3.5; FAPI 1 Part 1
/// §5.2.2 item 5; FAPI 2.0 §5.4), elliptic-curve keys of at least 160 bits under FAPI 1 (Part 1
/// §5.2.2 item 6) and 224 bits under FAPI 2.0. Applied before any signature work.
///
/// # Errors
///
/// [`AuthError::AssertionKeyTooSmall`].
pub(crate) fn check_key_size(kind: KeyKind, profile: Option<FapiProfile>) -> Result<(), AuthError> {
    let (bits, min_bits) = match kind {
        KeyKind::Rsa { bits } => (
            bits,
            profile.map_or(MIN_RSA_BITS, |p| p.min_rsa_bits().max(MIN_RSA_BITS)),
        ),
        KeyKind::Ec(curve) => (curve.bits(), profile.map_or(0, FapiProfile::min_ec_bits)),
        // An Ed25519 public key is 256 bits (RFC 8032 §5.1.5).
        KeyKind::Ed25519 => (256, profile.map_or(0, FapiProfile::min_ec_bits)),
    };
    if bits < min_bits {
        return Err(AuthError::AssertionKeyTooSmall { bits, min_bits });
    }
    Ok(())
}

/// The HMAC keys of a `client_secret_jwt` client: the UTF-8 octets of the client secret
/// (OpenID Connect Core §9), keyed once per hash.
#[derive(Clone)]
pub(crate) struct HmacKeys {
    secret_len: usize,
    // `None` only if HMAC refused the key, which it never does: RFC 2104 §2 takes keys of any
    // length. A missing key verifies nothing.
    hs256: Option<Hmac<Sha256>>,
    hs384: Option<Hmac<Sha384>>,
    hs512: Option<Hmac<Sha512>>,
}

impl HmacKeys {
    /// Keys HMAC-SHA-256/384/512 with the secret.
    pub(crate) fn new(secret: &ClientSecret) -> Self {
        let key = secret.expose().as_bytes();
        Self {
            secret_len: key.len(),
            hs256: Hmac::new_from_slice(key).ok(),
            hs384: Hmac::new_from_slice(key).ok(),
            hs512: Hmac::new_from_slice(key).ok(),
        }
    }

    /// RFC 7518 §3.2: "A key of the same size as the hash output (for instance, 256 bits for
    /// "HS256") or larger MUST be used with this algorithm."
    ///
    /// # Errors
    ///
    /// [`AuthError::SecretTooShortForAlgorithm`].
    pub(crate) fn check_length(&self, alg: JwsAlgorithm) -> Result<(), AuthError> {
        let min_bytes = match alg {
            JwsAlgorithm::Hs384 => 48,
            JwsAlgorithm::Hs512 => 64,
            _ => 32,
        };
        if self.secret_len < min_bytes {
            return Err(AuthError::SecretTooShortForAlgorithm { alg, min_bytes });
        }
        Ok(())
    }

    /// Verifies the MAC in constant time (`verify_slice`; a truncated MAC does not verify).
    ///
    /// # Errors
    ///
    /// [`AuthError::InvalidAssertionSignature`], also for an algorithm that is not HMAC.
    pub(crate) fn verify(
        &self,
        alg: JwsAlgorithm,
        message: &[u8],
        mac: &[u8],
    ) -> Result<(), AuthError> {
        fn check<M: Mac + Clone>(key: Option<&M>, message: &[u8], mac: &[u8]) -> bool {
            key.cloned().is_some_and(|mut m| {
                m.update(message);
                m.verify_slice(mac).is_ok()
            })
        }
        let valid = match alg {
            JwsAlgorithm::Hs256 => check(self.hs256.as_ref(), message, mac),
            JwsAlgorithm::Hs384 => check(self.hs384.as_ref(), message, mac),
            JwsAlgorithm::Hs512 => check(self.hs512.as_ref(), message, mac),
            _ => false,
        };
        if valid {
            Ok(())
        } else {
            Err(AuthError::InvalidAssertionSignature)
        }
    }
}

/// The secret stays out of `Debug`.
impl fmt::Debug for HmacKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HmacKeys(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::primitives::assertion::testing::{public_jwk, TestKey};
    use crate::wire::limits::MAX_JWKS_KEYS;

    fn set(keys: Value) -> Result<JwkSet, MetadataError> {
        JwkSet::parse(&json!({ "keys": keys }))
    }

    fn with(mut jwk: Value, extra: Value) -> Value {
        for (k, v) in extra.as_object().unwrap() {
            jwk[k] = v.clone();
        }
        jwk
    }

    /// A well-formed RSA JWK with a modulus of `octets` octets, top bit set; never a real key,
    /// which is fine for keys refused before verification.
    fn fake_rsa(octets: usize) -> Value {
        let n = URL_SAFE_NO_PAD.encode(vec![0xC5; octets]);
        json!({"kty": "RSA", "n": n, "e": "AQAB"})
    }

    #[test]
    fn jwk_set_shape_errors_are_metadata_errors() {
        let table: &[(Value, MetadataError)] = &[
            (
                json!([]),
                MetadataError::InvalidJwks("it is not a JSON object"),
            ),
            (
                json!("keys"),
                MetadataError::InvalidJwks("it is not a JSON object"),
            ),
            (
                json!({}),
                MetadataError::InvalidJwks("it has no keys array"),
            ),
            (
                json!({"keys": {}}),
                MetadataError::InvalidJwks("it has no keys array"),
            ),
            (
                json!({"keys": ["x"]}),
                MetadataError::InvalidJwks("a member of keys is not an object"),
            ),
            (json!({"keys": []}), MetadataError::NoUsableKey),
            (
                json!({"keys": [{"kty": "oct"}]}),
                MetadataError::NoUsableKey,
            ),
        ];
        for (jwks, want) in table {
            assert_eq!(JwkSet::parse(jwks).unwrap_err(), *want, "{jwks}");
        }
        let many: Vec<Value> = (0..=MAX_JWKS_KEYS)
            .map(|_| public_jwk(TestKey::P256))
            .collect();
        assert_eq!(
            set(Value::Array(many)).unwrap_err(),
            MetadataError::InvalidJwks("it holds more than 100 keys")
        );
    }

    #[test]
    fn every_supported_key_type_parses() {
        for key in TestKey::USABLE {
            let parsed = set(json!([public_jwk(key)])).unwrap();
            assert_eq!(parsed.keys.len(), 1, "{key:?}");
        }
    }

    #[test]
    fn unusable_keys_are_ignored_rfc7517_section5() {
        let p256 = public_jwk(TestKey::P256);
        let ignored = [
            with(p256.clone(), json!({"use": "enc"})),
            with(p256.clone(), json!({"use": 1})),
            with(p256.clone(), json!({"key_ops": ["sign"]})),
            with(p256.clone(), json!({"key_ops": "verify"})),
            with(p256.clone(), json!({"alg": "ECDH-ES"})),
            // A stated alg the key cannot verify.
            with(p256.clone(), json!({"alg": "RS256"})),
            with(p256.clone(), json!({"crv": "secp256k1"})),
            with(p256.clone(), json!({"crv": "P-384"})),
            with(p256.clone(), json!({"x": "not base64!"})),
            // A point that is not on the curve.
            with(p256.clone(), json!({"x": p256["y"].clone()})),
            with(p256.clone(), json!({"kid": 5})),
            json!({"kty": "EC", "crv": "P-256"}),
            json!({"kty": "OKP", "crv": "Ed448", "x": "AA"}),
            json!({"kty": "OKP", "crv": "X25519", "x": "AA"}),
            json!({"kty": "RSA", "e": "AQAB"}),
            json!({"kty": "RSA", "n": "AAAA", "e": "AQAB"}),
            // Public exponents 1 and 2 (even) are refused.
            with(public_jwk(TestKey::Rsa2048), json!({"e": "AQ"})),
            with(public_jwk(TestKey::Rsa2048), json!({"e": "Ag"})),
            with(public_jwk(TestKey::Rsa2048), json!({"e": "AAAB"})),
            with(public_jwk(TestKey::Rsa2048), json!({"e": ""})),
            json!({"n": "AQAB"}),
        ];
        for jwk in ignored {
            assert_eq!(
                set(json!([jwk.clone()])).unwrap_err(),
                MetadataError::NoUsableKey,
                "{jwk}"
            );
        }
        let kept = [
            with(p256.clone(), json!({"use": "sig"})),
            with(p256.clone(), json!({"key_ops": ["verify", "sign"]})),
            with(p256.clone(), json!({"alg": "ES256", "kid": "k"})),
            with(public_jwk(TestKey::Ed25519), json!({"alg": "Ed25519"})),
            with(public_jwk(TestKey::Ed25519), json!({"alg": "EdDSA"})),
        ];
        for jwk in kept {
            assert!(set(json!([jwk.clone()])).is_ok(), "{jwk}");
        }
    }

    /// RFC 7591 §2: a JWK publishing a private member refuses the whole set, naming the
    /// member; the vectors are joserfc's exports of the committed test keys.
    #[test]
    fn instance_keys_are_built_once_and_still_checked() {
        let jwk = public_jwk(TestKey::P256);
        let jwk = jwk.as_object().unwrap();
        let (_, first) = VerificationKey::instance_key(jwk).unwrap();
        let text = serde_json::to_string(jwk).unwrap();
        let cached = INSTANCE_KEYS
            .get()
            .and_then(|c| c.lock().ok().map(|keys| keys.contains_key(&text)));
        assert_eq!(cached, Some(true));
        let (_, second) = VerificationKey::instance_key(jwk).unwrap();
        assert_eq!(first, second);
        // The private-member rule is checked before the cache is consulted.
        let mut leaked = jwk.clone();
        leaked.insert("d".into(), json!("AAAA"));
        assert!(matches!(
            VerificationKey::instance_key(&leaked),
            Err(InstanceKeyProblem::PrivateMember("d"))
        ));
    }

    #[test]
    fn private_members_refuse_the_jwk_set() {
        let file: Value =
            serde_json::from_str(include_str!("../../../tests/vectors/key_vectors.json")).unwrap();
        let section = &file["private_members"];
        for vector in section["refused"].as_array().unwrap() {
            let member = vector["member"].as_str().unwrap();
            let got = set(json!([public_jwk(TestKey::P256), vector["jwk"]])).unwrap_err();
            assert_eq!(
                got,
                MetadataError::PrivateKeyInJwks {
                    key_index: 1,
                    member: PRIVATE_MEMBERS.iter().find(|m| **m == member).unwrap(),
                },
                "{}",
                vector["name"]
            );
        }
        for vector in section["accepted"].as_array().unwrap() {
            assert!(set(json!([vector["jwk"]])).is_ok(), "{}", vector["name"]);
        }
        // Any value counts, and a key this crate would ignore anyway is refused too.
        let table = [
            (json!({"kty": "oct", "k": "c2VjcmV0"}), "k"),
            (
                json!({"kty": "OKP", "crv": "X25519", "x": "AA", "d": "AA"}),
                "d",
            ),
            (json!({"kty": "EC", "use": "enc", "d": null}), "d"),
            (json!({"oth": []}), "oth"),
        ];
        for (jwk, member) in table {
            assert_eq!(
                set(json!([jwk])).unwrap_err(),
                MetadataError::PrivateKeyInJwks {
                    key_index: 0,
                    member
                },
                "{jwk}"
            );
        }
        // Member names compare exactly: "D" and "x5c" are not private members.
        let twin = with(public_jwk(TestKey::P256), json!({"D": "AA", "ext": true}));
        assert!(set(json!([twin])).is_ok());
    }

    /// RFC 8032 §5.1.3 (y < p) and the small-order blocklist, on the encodings of
    /// `tests/vectors/key_vectors.json` (computed by `make_key_vectors.py`, checked there
    /// against libsodium's list), with real keys from OpenSSL and `cryptography` as twins.
    #[test]
    fn small_order_and_non_canonical_ed25519_keys_are_ignored() {
        let file: Value =
            serde_json::from_str(include_str!("../../../tests/vectors/key_vectors.json")).unwrap();
        let refused = file["ed25519"]["refused"].as_array().unwrap();
        assert_eq!(refused.len(), 48);
        for vector in refused {
            assert_eq!(
                set(json!([vector["jwk"]])).unwrap_err(),
                MetadataError::NoUsableKey,
                "{}",
                vector["name"]
            );
        }
        for vector in file["ed25519"]["accepted"].as_array().unwrap() {
            assert_eq!(
                set(json!([vector["jwk"]])).unwrap().keys.len(),
                1,
                "{}",
                vector["name"]
            );
        }
        // An x that is not 32 octets is no Ed25519 key (RFC 8037 §2).
        let ed = public_jwk(TestKey::Ed25519);
        for x in ["AA", "", "not base64!"] {
            let jwk = with(ed.clone(), json!({ "x": x }));
            assert_eq!(set(json!([jwk])).unwrap_err(), MetadataError::NoUsableKey);
        }
    }

    #[test]
    fn rsa_exponent_table() {
        let table: &[(&[u8], bool)] = &[
            (&[0x01, 0x00, 0x01], true),
            (&[0x00, 0x01, 0x00, 0x01], true),
            (&[0x03], true),
            (&[0x01, 0x00], false),
            (&[0x01], false),
            (&[0x02], false),
            (&[0x00, 0x01], false),
            (&[0x00], false),
            (&[], false),
        ];
        for (e, want) in table {
            assert_eq!(usable_exponent(e), *want, "{e:?}");
        }
    }

    #[test]
    fn modulus_bits_ignore_leading_zero_octets() {
        let table: &[(&[u8], Option<usize>)] = &[
            (&[0x80], Some(8)),
            (&[0x01], Some(1)),
            (&[0x00, 0x00, 0xFF, 0x00], Some(16)),
            (&[0x00, 0x7F], Some(7)),
            (&[0x00], None),
            (&[], None),
        ];
        for (n, want) in table {
            assert_eq!(modulus_bits(n), *want, "{n:?}");
        }
        assert_eq!(
            set(json!([fake_rsa(128)])).unwrap().keys[0].kind(),
            KeyKind::Rsa { bits: 1024 }
        );
    }

    fn keys(jwks: Value) -> JwkSet {
        set(jwks).unwrap()
    }

    #[test]
    fn selection_by_kid_takes_exactly_that_key() {
        let s = keys(json!([
            with(public_jwk(TestKey::P256), json!({"kid": "ec"})),
            with(public_jwk(TestKey::Rsa2048), json!({"kid": "rsa"})),
            with(public_jwk(TestKey::Ed25519), json!({"kid": "ed"})),
        ]));
        use JwsAlgorithm::*;
        let table: &[(JwsAlgorithm, &str, Result<KeyKind, AuthError>)] = &[
            (Es256, "ec", Ok(KeyKind::Ec(EcCurve::P256))),
            (Ps256, "rsa", Ok(KeyKind::Rsa { bits: 2048 })),
            (Rs512, "rsa", Ok(KeyKind::Rsa { bits: 2048 })),
            (Ed25519, "ed", Ok(KeyKind::Ed25519)),
            (EdDsa, "ed", Ok(KeyKind::Ed25519)),
            (
                Es256,
                "nope",
                Err(AuthError::AssertionKeyNotFound { kid: "nope".into() }),
            ),
            // kid names a key of another type or curve.
            (
                Es256,
                "rsa",
                Err(AuthError::AssertionKeyMismatch { alg: Es256 }),
            ),
            (
                Es384,
                "ec",
                Err(AuthError::AssertionKeyMismatch { alg: Es384 }),
            ),
            (
                Rs256,
                "ed",
                Err(AuthError::AssertionKeyMismatch { alg: Rs256 }),
            ),
            // kid comparison is case-sensitive (RFC 7515 §4.1.4).
            (
                Es256,
                "EC",
                Err(AuthError::AssertionKeyNotFound { kid: "EC".into() }),
            ),
        ];
        for (alg, kid, want) in table {
            let got = s.select(*alg, Some(kid)).map(VerificationKey::kind);
            assert_eq!(&got, want, "{alg} {kid}");
        }
    }

    #[test]
    fn selection_without_kid_takes_the_one_fitting_key_or_refuses() {
        use JwsAlgorithm::*;
        let s = keys(json!([
            with(public_jwk(TestKey::P256), json!({"kid": "ec"})),
            with(public_jwk(TestKey::Rsa2048), json!({"kid": "rsa"})),
        ]));
        assert_eq!(
            s.select(Es256, None).map(VerificationKey::kind),
            Ok(KeyKind::Ec(EcCurve::P256))
        );
        assert_eq!(
            s.select(Ps256, None).map(VerificationKey::kind),
            Ok(KeyKind::Rsa { bits: 2048 })
        );
        assert_eq!(
            s.select(Es512, None).map(VerificationKey::kind),
            Err(AuthError::NoKeyForAlgorithm { alg: Es512 })
        );

        // Two P-256 keys and no kid: an error, not a guess.
        let two = keys(json!([
            with(public_jwk(TestKey::P256), json!({"kid": "a"})),
            with(public_jwk(TestKey::P256), json!({"kid": "b"})),
        ]));
        assert_eq!(
            two.select(Es256, None).map(VerificationKey::kind),
            Err(AuthError::AmbiguousAssertionKey { alg: Es256 })
        );
        assert_eq!(
            two.select(Es256, Some("b")).map(VerificationKey::kind),
            Ok(KeyKind::Ec(EcCurve::P256))
        );
        // The same kid on two fitting keys is ambiguous too.
        let same_kid = keys(json!([
            with(public_jwk(TestKey::P256), json!({"kid": "a"})),
            with(public_jwk(TestKey::P256), json!({"kid": "a"})),
        ]));
        assert_eq!(
            same_kid.select(Es256, Some("a")).map(VerificationKey::kind),
            Err(AuthError::AmbiguousAssertionKey { alg: Es256 })
        );
        // But a shared kid across key types is resolved by the algorithm (RFC 7517 §4.5).
        let shared = keys(json!([
            with(public_jwk(TestKey::P256), json!({"kid": "k"})),
            with(public_jwk(TestKey::Rsa2048), json!({"kid": "k"})),
        ]));
        assert_eq!(
            shared.select(Ps256, Some("k")).map(VerificationKey::kind),
            Ok(KeyKind::Rsa { bits: 2048 })
        );
    }

    #[test]
    fn stated_alg_limits_the_key() {
        use JwsAlgorithm::*;
        let s = keys(json!([with(
            public_jwk(TestKey::Rsa2048),
            json!({"alg": "PS256"})
        )]));
        assert!(s.select(Ps256, None).is_ok());
        assert_eq!(
            s.select(Rs256, None).map(VerificationKey::kind),
            Err(AuthError::NoKeyForAlgorithm { alg: Rs256 })
        );
        let ed = keys(json!([with(
            public_jwk(TestKey::Ed25519),
            json!({"alg": "EdDSA"})
        )]));
        assert!(ed.select(Ed25519, None).is_ok());
        assert!(ed.select(EdDsa, None).is_ok());
    }

    #[test]
    fn key_size_rules() {
        use FapiProfile::*;
        let table: &[(KeyKind, Option<FapiProfile>, Result<(), AuthError>)] = &[
            (KeyKind::Rsa { bits: 2048 }, None, Ok(())),
            (KeyKind::Rsa { bits: 2048 }, Some(Fapi2), Ok(())),
            (
                KeyKind::Rsa { bits: 2047 },
                None,
                Err(AuthError::AssertionKeyTooSmall {
                    bits: 2047,
                    min_bits: 2048,
                }),
            ),
            (
                KeyKind::Rsa { bits: 1024 },
                Some(Fapi1Baseline),
                Err(AuthError::AssertionKeyTooSmall {
                    bits: 1024,
                    min_bits: 2048,
                }),
            ),
            (
                KeyKind::Rsa { bits: 1024 },
                Some(Fapi2),
                Err(AuthError::AssertionKeyTooSmall {
                    bits: 1024,
                    min_bits: 2048,
                }),
            ),
            (KeyKind::Ec(EcCurve::P256), Some(Fapi2), Ok(())),
            (KeyKind::Ec(EcCurve::P521), Some(Fapi1Advanced), Ok(())),
            (KeyKind::Ed25519, Some(Fapi2), Ok(())),
        ];
        for (kind, profile, want) in table {
            assert_eq!(
                &check_key_size(*kind, *profile),
                want,
                "{kind:?} {profile:?}"
            );
        }
        // The elliptic-curve minimums themselves (no supported curve is below them).
        assert_eq!(Fapi1Baseline.min_ec_bits(), 160);
        assert_eq!(Fapi1Advanced.min_ec_bits(), 160);
        assert_eq!(Fapi2.min_ec_bits(), 224);
    }

    #[test]
    fn weak_rsa_key_is_kept_to_be_refused_by_size() {
        let s = keys(json!([fake_rsa(128)]));
        let key = s.select(JwsAlgorithm::Rs256, None).unwrap();
        assert_eq!(
            check_key_size(key.kind(), Some(FapiProfile::Fapi1Advanced)),
            Err(AuthError::AssertionKeyTooSmall {
                bits: 1024,
                min_bits: 2048
            })
        );
        assert_eq!(
            key.verify(JwsAlgorithm::Rs256, b"m", b"s"),
            Err(AuthError::AssertionKeyMismatch {
                alg: JwsAlgorithm::Rs256
            })
        );
    }

    #[test]
    fn hmac_secret_length_follows_the_hash_output() {
        let table: &[(usize, JwsAlgorithm, Result<(), AuthError>)] = &[
            (32, JwsAlgorithm::Hs256, Ok(())),
            (
                31,
                JwsAlgorithm::Hs256,
                Err(AuthError::SecretTooShortForAlgorithm {
                    alg: JwsAlgorithm::Hs256,
                    min_bytes: 32,
                }),
            ),
            (48, JwsAlgorithm::Hs384, Ok(())),
            (
                47,
                JwsAlgorithm::Hs384,
                Err(AuthError::SecretTooShortForAlgorithm {
                    alg: JwsAlgorithm::Hs384,
                    min_bytes: 48,
                }),
            ),
            (64, JwsAlgorithm::Hs512, Ok(())),
            (
                63,
                JwsAlgorithm::Hs512,
                Err(AuthError::SecretTooShortForAlgorithm {
                    alg: JwsAlgorithm::Hs512,
                    min_bytes: 64,
                }),
            ),
        ];
        for (len, alg, want) in table {
            let keys = HmacKeys::new(&ClientSecret::new("s".repeat(*len)));
            assert_eq!(&keys.check_length(*alg), want, "{len} {alg}");
        }
    }

    #[test]
    fn hmac_verifies_and_refuses_truncated_or_flipped_macs() {
        let secret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        let keys = HmacKeys::new(&ClientSecret::new(secret));
        let mut m = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        m.update(b"message");
        let mac = m.finalize().into_bytes().to_vec();
        assert_eq!(keys.verify(JwsAlgorithm::Hs256, b"message", &mac), Ok(()));
        let bad = AuthError::InvalidAssertionSignature;
        assert_eq!(
            keys.verify(JwsAlgorithm::Hs256, b"messagf", &mac),
            Err(bad.clone())
        );
        assert_eq!(
            keys.verify(JwsAlgorithm::Hs256, b"message", &mac[..16]),
            Err(bad.clone())
        );
        let mut flipped = mac.clone();
        flipped[0] ^= 1;
        assert_eq!(
            keys.verify(JwsAlgorithm::Hs256, b"message", &flipped),
            Err(bad.clone())
        );
        assert_eq!(
            keys.verify(JwsAlgorithm::Hs384, b"message", &mac),
            Err(bad.clone())
        );
        assert_eq!(keys.verify(JwsAlgorithm::Rs256, b"message", &mac), Err(bad));
    }

    #[test]
    fn debug_of_keys_shows_no_key_material() {
        let jwk = public_jwk(TestKey::Rsa2048);
        let n = jwk["n"].as_str().unwrap().to_owned();
        let s = keys(json!([with(jwk, json!({"kid": "k1"}))]));
        let dbg = format!("{s:?}");
        assert!(dbg.contains("k1"), "{dbg}");
        assert!(!dbg.contains(&n[..16]), "{dbg}");
        let secret = "a-very-secret-client-secret-value-0123456789";
        let h = HmacKeys::new(&ClientSecret::new(secret));
        assert_eq!(format!("{h:?}"), "HmacKeys(<redacted>)");
    }
}
