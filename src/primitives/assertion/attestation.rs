//! The rules of attestation-based client authentication
//! (draft-ietf-oauth-attestation-based-client-auth-10), Client Attestation PoP JWT form: the
//! two headers, the Client Attestation JWT (signed by a trusted Client Attester, binding the
//! client instance key in `cnf.jwk`), and its PoP (signed by that key, for this server, fresh,
//! once). Cheapest first: the headers and claims of both JWTs, then the instance key, then the
//! two signatures, then the challenge; the PoP `jti` is recorded by the caller's commit, last.
//!
//! The same rules verify a WIT-SVID and its PoP (`spiffe_wit`,
//! draft-ietf-oauth-spiffe-client-auth-02 §3.3): the header syntax and the PoP are the
//! attestation draft's (§3.3.1: "validate the PoP per §5.2"); what differs is the first JWT,
//! a WIMSE Workload Identity Token (draft-ietf-wimse-workload-creds §3.1) typed `wit+jwt` and
//! signed with the `wit-svid` keys of a SPIFFE trust domain ([`Statement`]).

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::Value;

use crate::primitives::assertion::key::{verify_with_spki, JwkSet, VerificationKey};
use crate::primitives::cert::chain::TrustAnchors;
use crate::primitives::challenge::ChallengeValidator;
use crate::wire::assertion::claims::MAX_NUMERIC_DATE;
use crate::wire::attestation::{AttestationHeaders, AttestationJws};
use crate::wire::error::attestation::{AttestationHeader, AttestationJwt, InstanceKeyProblem};
use crate::wire::error::clock::Clock;
use crate::wire::error::shown::{Shown, ShownList, MAX_SHOWN_VALUES};
use crate::wire::error::AuthError;
use crate::wire::metadata::algorithm::JwsAlgorithm;

/// The explicit type of a Client Attestation JWT.
const ATTESTATION_TYP: &str = "oauth-client-attestation+jwt";
/// The explicit type of a Client Attestation PoP JWT.
const POP_TYP: &str = "oauth-client-attestation-pop+jwt";
/// The explicit type of a WIMSE Workload Identity Token (draft-ietf-wimse-workload-creds §3.1;
/// draft-ietf-oauth-spiffe-client-auth-02 §3.3.1: the AS MUST accept it in
/// `OAuth-Client-Attestation`).
const WIT_TYP: &str = "wit+jwt";
/// The default of `client_attestation_pop_max_age_seconds`.
pub(crate) const DEFAULT_POP_MAX_AGE_SECONDS: i64 = 300;

/// What the server's policy says about attestations, for one request.
pub(crate) struct AttestationRules<'a> {
    pub(crate) issuer: &'a str,
    pub(crate) now: i64,
    pub(crate) skew: i64,
    pub(crate) attestation_algs: Option<&'a [String]>,
    pub(crate) pop_algs: Option<&'a [String]>,
    /// What the JWT in `OAuth-Client-Attestation` is, and whose keys verify it.
    pub(crate) statement: Statement<'a>,
    pub(crate) pop_max_age: i64,
    pub(crate) challenges: Option<&'a dyn ChallengeValidator>,
}

/// The JWT in `OAuth-Client-Attestation`: who vouches for the client instance key.
pub(crate) enum Statement<'a> {
    /// A Client Attestation JWT (`attest_jwt_client_auth`), typed
    /// `oauth-client-attestation+jwt`, from a Client Attester the server trusts.
    ClientAttestation {
        /// `client_attestation_trusted_keys`, parsed.
        trusted_keys: Option<&'a JwkSet>,
        /// `client_attestation_trust_anchors`, parsed: for an attestation with `x5c`.
        trust_anchors: Option<&'a TrustAnchors>,
        /// `client_attestation_max_age_seconds`.
        max_age: Option<i64>,
    },
    /// A WIT-SVID (`spiffe_wit`), typed `wit+jwt`, signed with one of the `wit-svid` keys of
    /// the trust domain its `sub` names (draft-ietf-oauth-spiffe-client-auth-02 §3.3.1, §6).
    /// Its `cnf.jwk` must state the PoP's `alg` (draft-ietf-wimse-workload-creds §3.1).
    WitSvid {
        /// The caller's rule from the WIT-SVID's `sub` to its keys: read as a SPIFFE ID,
        /// matched against the registration, and its trust domain's `wit-svid` keys found, or
        /// the refusal. Called once, after the header and before any signature work.
        keys_for_subject: &'a dyn Fn(&str) -> Result<&'a JwkSet, AuthError>,
        /// The client's `client_id`, which the PoP's `iss` may name.
        client_id: &'a str,
    },
}

impl Statement<'_> {
    /// Which JWT a refusal names.
    fn jwt(&self) -> AttestationJwt {
        match self {
            Self::ClientAttestation { .. } => AttestationJwt::Attestation,
            Self::WitSvid { .. } => AttestationJwt::Wit,
        }
    }

    /// Its explicit type.
    fn typ(&self) -> &'static str {
        match self {
            Self::ClientAttestation { .. } => ATTESTATION_TYP,
            Self::WitSvid { .. } => WIT_TYP,
        }
    }
}

/// Whether a JWT in `OAuth-Client-Attestation` is typed as a WIT-SVID (`wit+jwt`, compared as
/// a media type): its `sub` is a SPIFFE ID, and the `client_id` parameter, when present, names
/// the client (draft-ietf-oauth-spiffe-client-auth-02 §3.3, §5.1).
pub(crate) fn is_wit_svid(jws: &AttestationJws) -> bool {
    jws.typ_is(WIT_TYP)
}

/// The unverified `sub` of the JWT in `OAuth-Client-Attestation`, as a refusal of it names
/// the JWT: required, a string.
///
/// # Errors
///
/// [`AuthError::AttestationClaimMissing`], [`AuthError::AttestationClaimType`].
pub(crate) fn subject(jws: &AttestationJws, jwt: AttestationJwt) -> Result<&str, AuthError> {
    required_string(jws.claims().sub.as_ref(), jwt, "sub")
}

impl AttestationRules<'_> {
    /// The clock a time refusal carries.
    fn clock(&self) -> Clock {
        Clock {
            now: self.now,
            skew: self.skew,
        }
    }
}

/// A verified attestation and PoP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CheckedAttestation {
    /// The attestation's `sub`: the client it was issued to.
    pub(crate) subject: String,
    /// RFC 7638 thumbprint of the client instance key.
    pub(crate) key_thumbprint: String,
    /// The PoP's `jti`.
    pub(crate) pop_jti: String,
    /// Until when to remember it: PoP `iat` + the PoP's maximum age + skew.
    pub(crate) pop_remember_until: i64,
}

/// The two decoded JWTs of a request that carries attestation headers.
///
/// # Errors
///
/// [`AuthError::AttestationDpopNotSupported`] for an attestation beside a `DPoP` header and
/// no PoP; [`AuthError::MissingAttestationHeader`]; the decoding error of either header.
pub(crate) fn presented(
    headers: &AttestationHeaders,
) -> Result<(&AttestationJws, &AttestationJws), AuthError> {
    match (&headers.attestation, &headers.pop) {
        (Some(a), Some(p)) => Ok((
            a.as_ref().as_ref().map_err(Clone::clone)?,
            p.as_ref().as_ref().map_err(Clone::clone)?,
        )),
        // draft -10, "Client Attestation in the DPoP mode": not supported here; the draft's
        // error for an attestation whose proof cannot be checked.
        (Some(_), None) if headers.dpop => Err(AuthError::AttestationDpopNotSupported),
        // draft -10: "precisely one" of each header.
        (Some(_), None) => Err(AuthError::MissingAttestationHeader {
            header: AttestationHeader::Pop,
        }),
        (None, _) => Err(AuthError::MissingAttestationHeader {
            header: AttestationHeader::Attestation,
        }),
    }
}

/// Verifies the attestation and its PoP by every rule.
///
/// # Errors
///
/// The first rule broken.
pub(crate) fn check(
    attestation: &AttestationJws,
    pop: &AttestationJws,
    rules: &AttestationRules<'_>,
) -> Result<CheckedAttestation, AuthError> {
    use AttestationJwt::Pop;
    let statement = &rules.statement;
    let wit = matches!(statement, Statement::WitSvid { .. });
    let first = statement.jwt();
    // draft -10, Client Attestation JWT: "typ" MUST be "oauth-client-attestation+jwt".
    // draft-ietf-wimse-workload-creds §3.1: a WIT's "typ" is "wit+jwt" (explicit typing,
    // RFC 8725 §3.11); draft-ietf-oauth-spiffe-client-auth-02 §3.3.1: the AS accepts it. Each
    // statement has its own type: a WIT-SVID is never a Client Attester's statement.
    check_typ(attestation, statement.typ(), first)?;
    // draft -10, Client Attestation PoP JWT: "typ" MUST be "oauth-client-attestation-pop+jwt".
    check_typ(pop, POP_TYP, Pop)?;
    // draft-ietf-wimse-workload-creds §3.1: a WIT's "alg" is an asymmetric JWS algorithm,
    // never "none": what `check_alg` allows, in client_attestation_signing_alg_values_supported.
    let attestation_alg = check_alg(attestation, rules.attestation_algs, first)?;
    let pop_alg = check_alg(pop, rules.pop_algs, Pop)?;
    // A WIT-SVID's key comes from its trust domain's bundle only: never from x5c
    // (draft-ietf-oauth-spiffe-client-auth-02 §6.2.4).
    check_header_members(attestation, first, !wit)?;
    check_header_members(pop, Pop, false)?;

    // The attestation's claims.
    let claims = attestation.claims();
    // draft -10, Client Attestation JWT: "sub" MUST be the client_id.
    // draft-ietf-wimse-workload-creds §3.1: a WIT's "sub" is REQUIRED, the workload's
    // identifier (the caller has read it as a SPIFFE ID to find the keys).
    let subject = subject(attestation, first)?;
    // Whose keys verify it: the attesters', or those of the trust domain the `sub` names
    // (draft-ietf-oauth-spiffe-client-auth-02 §3.3.1, §6; no trust anchor for a WIT-SVID, whose
    // `x5c` was refused above).
    let (keys, anchors) = match *statement {
        Statement::ClientAttestation {
            trusted_keys,
            trust_anchors,
            ..
        } => (trusted_keys, trust_anchors),
        Statement::WitSvid {
            keys_for_subject, ..
        } => (Some(keys_for_subject(subject)?), None),
    };
    // draft -10: "exp" MUST be present; an expired attestation is use_fresh_attestation.
    // draft-ietf-wimse-workload-creds §3.1: a WIT's "exp" is REQUIRED; an expired WIT-SVID is
    // use_fresh_attestation too: the workload fetches a fresh one.
    let exp = required_date(claims.exp.as_ref(), first, "exp")?;
    if rules.now >= exp.saturating_add(rules.skew) {
        return Err(AuthError::AttestationExpired {
            jwt: first,
            expired_at: exp,
            clock: rules.clock(),
        });
    }
    // RFC 7519 §4.1.5, §4.1.6: an `iat` or `nbf`, when present, is not ahead of the clock.
    let iat = optional_date(claims.iat.as_ref(), first, "iat")?;
    not_in_future(iat, rules, first, "iat")?;
    not_in_future(
        optional_date(claims.nbf.as_ref(), first, "nbf")?,
        rules,
        first,
        "nbf",
    )?;
    // draft -10 §7.1 item 6 (as the case format reads it): the server may judge freshness by
    // `iat`; with a maximum age, `iat` is required and bounded, else use_fresh_attestation.
    // Not for a WIT-SVID, which the workload reuses until its `exp`.
    if let Statement::ClientAttestation {
        max_age: Some(max_age),
        ..
    } = *statement
    {
        match iat {
            Some(iat) if rules.now.saturating_sub(iat) <= max_age.saturating_add(rules.skew) => {}
            _ => {
                return Err(AuthError::AttestationTooOld {
                    max_age,
                    iat,
                    now: rules.now,
                })
            }
        }
    }
    // draft -10, Client Attestation JWT: "cnf" MUST hold the instance's public key as "jwk".
    // draft-ietf-wimse-workload-creds §3.1: a WIT's "cnf.jwk" is REQUIRED, the workload's
    // public key (RFC 7800 §3.2).
    let jwk = match claims.cnf.as_ref() {
        None => return Err(missing(first, "cnf")),
        Some(Value::Object(cnf)) => match cnf.get("jwk") {
            None => return Err(missing(first, "cnf.jwk")),
            Some(Value::Object(jwk)) => jwk,
            Some(_) => return Err(key_refused(first, InstanceKeyProblem::NotAnObject)),
        },
        Some(_) => return Err(key_refused(first, InstanceKeyProblem::NotAnObject)),
    };
    // draft-ietf-wimse-workload-creds §3.1: the WIT's "cnf.jwk" MUST carry "alg", the
    // algorithm of the PoP: asymmetric, never "none" (an unknown, symmetric or encryption
    // `alg`, or one that does not fit the key type, makes the key unusable below).
    if wit && !jwk.contains_key("alg") {
        return Err(missing(first, "cnf.jwk.alg"));
    }
    let (instance_key, key_thumbprint) =
        VerificationKey::instance_key(jwk).map_err(|p| key_refused(first, p))?;
    // draft-ietf-wimse-workload-creds §3.1: the PoP "MUST" be signed with that algorithm.
    if wit && !instance_key.verifies(pop_alg) {
        return Err(AuthError::AttestationAlgorithmNotAllowed {
            jwt: Pop,
            alg: Some(Shown::new(pop_alg.as_str())),
        });
    }

    // The PoP's claims.
    let claims = pop.claims();
    // draft -10, Client Attestation PoP JWT: "aud" MUST be the issuer identifier (-11 keeps
    // it a single value; an array of exactly that one value is the same audience).
    match claims.aud.as_ref() {
        None => return Err(missing(Pop, "aud")),
        Some(Value::String(aud)) if aud == rules.issuer => {}
        Some(Value::Array(auds))
            if auds.len() == 1 && auds.first().and_then(Value::as_str) == Some(rules.issuer) => {}
        Some(aud) => {
            return Err(AuthError::AttestationPopAudienceMismatch {
                aud: shown_json(aud),
                expected: Shown::new(rules.issuer),
            })
        }
    }
    // draft -10: "jti" MUST be present, for replay detection.
    let jti = required_string(claims.jti.as_ref(), Pop, "jti")?;
    // draft -10: "iat" MUST be present; the server bounds the PoP's age by it.
    let pop_iat = required_date(claims.iat.as_ref(), Pop, "iat")?;
    not_in_future(Some(pop_iat), rules, Pop, "iat")?;
    if rules.now.saturating_sub(pop_iat) > rules.pop_max_age.saturating_add(rules.skew) {
        return Err(pop_too_old(pop_iat, rules));
    }
    // RFC 7519 §4.1.4: a PoP `exp`, when present, must not have passed.
    if let Some(pop_exp) = optional_date(claims.exp.as_ref(), Pop, "exp")? {
        if rules.now >= pop_exp.saturating_add(rules.skew) {
            return Err(pop_too_old(pop_exp, rules));
        }
    }
    not_in_future(
        optional_date(claims.nbf.as_ref(), Pop, "nbf")?,
        rules,
        Pop,
        "nbf",
    )?;
    // draft -10, Client Attestation PoP JWT: "iss" is the client_id; when sent, it must be
    // the attestation's subject. Beside a WIT-SVID, whose `sub` is a SPIFFE ID and need not be
    // the client_id (draft-ietf-oauth-spiffe-client-auth-02 §5.1), the client_id is the
    // draft -10 reading and the WIT's `sub` that of §3.3's example: either.
    if let Some(iss) = claims.iss.as_ref().map(Value::as_str) {
        let client_id = match statement {
            Statement::WitSvid { client_id, .. } => Some(*client_id),
            Statement::ClientAttestation { .. } => None,
        };
        if iss != Some(subject) && (iss.is_none() || iss != client_id) {
            return Err(AuthError::AttestationClaimType {
                jwt: Pop,
                claim: "iss",
            });
        }
    }

    // The attester's (or trust domain's) signature: the key its `kid` names, when it names one
    // (as a JWT-SVID's is chosen); then the instance's.
    verify_attester(
        attestation,
        attestation_alg,
        first,
        keys,
        anchors,
        rules.now,
    )?;
    // draft -10: the PoP MUST verify with the key in the attestation's "cnf" claim.
    if !instance_key.verifies(pop_alg) {
        return Err(AuthError::InvalidAttestationSignature { jwt: Pop });
    }
    instance_key
        .verify(pop_alg, pop.signing_input(), pop.signature())
        .map_err(|_| AuthError::InvalidAttestationSignature { jwt: Pop })?;

    // draft -10, Challenge: a server that issues challenges requires one it accepts, and
    // answers use_attestation_challenge with a fresh one.
    if let Some(validator) = rules.challenges {
        let accepted = match claims.challenge.as_ref() {
            None => Some(true),
            Some(Value::String(c)) if validator.accepts(c, rules.now) => None,
            Some(_) => Some(false),
        };
        if let Some(missing) = accepted {
            return Err(AuthError::AttestationChallengeRequired {
                missing,
                next_challenge: validator.next_challenge(rules.now),
            });
        }
    }

    let pop_remember_until = pop_iat
        .saturating_add(rules.pop_max_age)
        .saturating_add(rules.skew);
    Ok(CheckedAttestation {
        subject: subject.to_owned(),
        key_thumbprint,
        pop_jti: jti.to_owned(),
        pop_remember_until,
    })
}

/// `typ` compared as a media type: case-insensitive, `application/` prefix optional
/// (RFC 7515 §4.1.9).
fn check_typ(jws: &AttestationJws, want: &str, jwt: AttestationJwt) -> Result<(), AuthError> {
    if jws.typ_is(want) {
        return Ok(());
    }
    Err(AuthError::AttestationTypeNotAllowed {
        jwt,
        typ: match jws.header().typ.as_ref() {
            Some(Value::String(typ)) => Some(Shown::new(typ)),
            _ => None,
        },
    })
}

/// `alg`: a signature algorithm this crate verifies, never `none` or HMAC (draft -10: both
/// JWTs are signed with an asymmetric algorithm; RFC 8725 §3.1), in the server's list when it
/// has one. An empty signature is unsecured whatever `alg` says.
fn check_alg(
    jws: &AttestationJws,
    list: Option<&[String]>,
    jwt: AttestationJwt,
) -> Result<JwsAlgorithm, AuthError> {
    let refused = AuthError::AttestationAlgorithmNotAllowed {
        jwt,
        alg: match jws.header().alg.as_ref() {
            Some(Value::String(name)) => Some(Shown::new(name)),
            _ => None,
        },
    };
    let Some(Value::String(name)) = jws.header().alg.as_ref() else {
        return Err(refused);
    };
    let alg = JwsAlgorithm::from_name(name).ok_or(refused.clone())?;
    if alg.is_hmac() || jws.signature().is_empty() {
        return Err(refused);
    }
    if list.is_some_and(|list| !list.iter().any(|a| a == alg.as_str())) {
        return Err(refused);
    }
    Ok(alg)
}

/// RFC 7515 §4.1.11: no `crit` extension is understood. RFC 8725 §3.10: no key is fetched
/// (`jku`, `x5u`) or taken from the sender (`jwk`); `x5c` only for the attestation, where it
/// must chain to a configured anchor. `kid` is a string (RFC 7515 §4.1.4).
fn check_header_members(
    jws: &AttestationJws,
    jwt: AttestationJwt,
    x5c_allowed: bool,
) -> Result<(), AuthError> {
    let header = jws.header();
    let refused = header.crit
        || header.fetchable_key_header
        || (!x5c_allowed && header.x5c.is_some())
        || header.kid.as_ref().is_some_and(|k| !k.is_string());
    if refused {
        Err(AuthError::AttestationHeaderRefused { jwt })
    } else {
        Ok(())
    }
}

/// The attester's signature: by the `x5c` chain to a trust anchor, or by a trusted key (the
/// one its `kid` names, when it names one, else the one key that fits `alg`). Attester keys
/// are policy, never fetched; so are a trust domain's.
fn verify_attester(
    attestation: &AttestationJws,
    alg: JwsAlgorithm,
    jwt: AttestationJwt,
    trusted_keys: Option<&JwkSet>,
    trust_anchors: Option<&TrustAnchors>,
    now: i64,
) -> Result<(), AuthError> {
    let bad_signature = AuthError::InvalidAttestationSignature { jwt };
    let header = attestation.header();
    if let Some(x5c) = header.x5c.as_ref() {
        let anchors = trust_anchors.ok_or(AuthError::AttestationIssuerUntrusted { jwt })?;
        // RFC 7515 §4.1.6: an array of base64 (not base64url) DER certificates, signer first.
        let Value::Array(entries) = x5c else {
            return Err(AuthError::AttestationHeaderRefused { jwt });
        };
        let mut chain = Vec::with_capacity(entries.len());
        for entry in entries
            .iter()
            .take(crate::wire::request::MAX_CHAIN_CERTIFICATES + 1)
        {
            let der = entry
                .as_str()
                .and_then(|b64| STANDARD.decode(b64).ok())
                .ok_or(AuthError::AttestationHeaderRefused { jwt })?;
            chain.push(der);
        }
        let spki = anchors
            .verify_signer(&chain, now)
            .map_err(|_| AuthError::AttestationIssuerUntrusted { jwt })?;
        return verify_with_spki(
            alg,
            &spki,
            attestation.signing_input(),
            attestation.signature(),
        )
        .map_err(|_| bad_signature);
    }
    let keys = trusted_keys.ok_or(AuthError::AttestationIssuerUntrusted { jwt })?;
    let kid = header.kid.as_ref().and_then(Value::as_str);
    let key = keys
        .select(alg, kid)
        .map_err(|_| AuthError::AttestationIssuerUntrusted { jwt })?;
    key.verify(alg, attestation.signing_input(), attestation.signature())
        .map_err(|_| bad_signature)
}

fn missing(jwt: AttestationJwt, claim: &'static str) -> AuthError {
    AuthError::AttestationClaimMissing { jwt, claim }
}

fn key_refused(jwt: AttestationJwt, problem: InstanceKeyProblem) -> AuthError {
    AuthError::AttestationInstanceKeyRefused { jwt, problem }
}

fn required_string<'v>(
    value: Option<&'v Value>,
    jwt: AttestationJwt,
    claim: &'static str,
) -> Result<&'v str, AuthError> {
    match value {
        None => Err(missing(jwt, claim)),
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(AuthError::AttestationClaimType { jwt, claim }),
    }
}

/// A NumericDate (RFC 7519 §2): a JSON number of seconds, taken whole; negative or after
/// 9999 is out of range.
fn optional_date(
    value: Option<&Value>,
    jwt: AttestationJwt,
    claim: &'static str,
) -> Result<Option<i64>, AuthError> {
    let Some(value) = value else {
        return Ok(None);
    };
    let seconds = value
        .as_i64()
        .or_else(|| {
            value
                .as_f64()
                .filter(|f| f.is_finite() && (0.0..=9.0e15).contains(f))
                .and_then(|f| format!("{:.0}", f.floor()).parse().ok())
        })
        .filter(|s| (0..=MAX_NUMERIC_DATE).contains(s));
    seconds
        .map(Some)
        .ok_or(AuthError::AttestationClaimType { jwt, claim })
}

fn required_date(
    value: Option<&Value>,
    jwt: AttestationJwt,
    claim: &'static str,
) -> Result<i64, AuthError> {
    optional_date(value, jwt, claim)?.ok_or(missing(jwt, claim))
}

/// The refusal of a PoP whose `iat` is too old or whose `exp` has passed (`at`).
fn pop_too_old(at: i64, rules: &AttestationRules<'_>) -> AuthError {
    AuthError::AttestationPopTooOld {
        at,
        max_age: rules.pop_max_age,
        clock: rules.clock(),
    }
}

/// A PoP `aud` as a refusal shows it: a string, the members of an array (a member that is not
/// a string as its JSON text), or another value as its JSON text.
fn shown_json(aud: &Value) -> ShownList {
    let text = |value: &Value| match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match aud {
        Value::Array(values) => {
            let texts: Vec<String> = values.iter().take(MAX_SHOWN_VALUES).map(text).collect();
            let mut shown = ShownList::many(texts.iter().map(String::as_str));
            shown.add_omitted(values.len().saturating_sub(MAX_SHOWN_VALUES));
            shown
        }
        other => ShownList::one(&text(other)),
    }
}

/// RFC 7519 §4.1.5, §4.1.6: a time further ahead than the skew is refused.
fn not_in_future(
    at: Option<i64>,
    rules: &AttestationRules<'_>,
    jwt: AttestationJwt,
    claim: &'static str,
) -> Result<(), AuthError> {
    match at {
        Some(at) if at.saturating_sub(rules.skew) > rules.now => {
            Err(AuthError::AttestationNotYetValid {
                jwt,
                claim,
                at,
                clock: rules.clock(),
            })
        }
        _ => Ok(()),
    }
}
