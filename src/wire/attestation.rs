//! The two headers of attestation-based client authentication
//! (draft-ietf-oauth-attestation-based-client-auth-10): `OAuth-Client-Attestation` and
//! `OAuth-Client-Attestation-PoP`, each a compact JWS, decoded once when the request is built.
//! Nothing here is verified; the rules are in `primitives::assertion::attestation`.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::Value;

use crate::wire::assertion::members::read_members;
use crate::wire::error::assertion::JwsPart;
use crate::wire::error::attestation::AttestationHeader;
use crate::wire::error::AuthError;

/// The header members read: the JOSE ones (RFC 7515 §4.1); others are ignored.
const HEADER_MEMBERS: [&str; 8] = ["alg", "typ", "kid", "crit", "jku", "jwk", "x5u", "x5c"];

/// The claims read, of both JWTs; others are ignored (RFC 7519 §4).
const CLAIM_MEMBERS: [&str; 10] = [
    "iss",
    "sub",
    "aud",
    "exp",
    "nbf",
    "iat",
    "jti",
    "cnf",
    "challenge",
    "nonce",
];

/// The JOSE header of an attestation JWT, as found (members as JSON values).
#[derive(Debug, Clone, Default)]
pub(crate) struct AttestationJoseHeader {
    pub(crate) alg: Option<Value>,
    pub(crate) typ: Option<Value>,
    pub(crate) kid: Option<Value>,
    pub(crate) crit: bool,
    /// `jku`, `jwk` or `x5u`: key-naming headers never followed.
    pub(crate) fetchable_key_header: bool,
    pub(crate) x5c: Option<Value>,
}

/// The claims of an attestation JWT, as found (JSON values, typed by the rules).
#[derive(Debug, Clone, Default)]
pub(crate) struct AttestationClaims {
    pub(crate) iss: Option<Value>,
    pub(crate) sub: Option<Value>,
    pub(crate) aud: Option<Value>,
    pub(crate) exp: Option<Value>,
    pub(crate) nbf: Option<Value>,
    pub(crate) iat: Option<Value>,
    pub(crate) jti: Option<Value>,
    /// `cnf`: may hold the client instance's public key; it is key material of the client's,
    /// not a secret, but stays out of `Debug` all the same with the rest of the claims.
    pub(crate) cnf: Option<Value>,
    pub(crate) challenge: Option<Value>,
}

/// One of the two JWTs, decoded from its compact serialization (RFC 7515 §7.1).
#[derive(Clone)]
pub(crate) struct AttestationJws {
    signing_input: String,
    signature: Vec<u8>,
    header: AttestationJoseHeader,
    claims: AttestationClaims,
}

impl AttestationJws {
    /// Decodes one header value. The size was bounded before.
    ///
    /// # Errors
    ///
    /// [`AuthError::MalformedAttestationHeader`]: not three base64url parts, or a header or
    /// payload that is not a JSON object (UTF-8, no repeated member).
    pub(crate) fn parse(compact: &str, which: AttestationHeader) -> Result<Self, AuthError> {
        let malformed = AuthError::MalformedAttestationHeader { header: which };
        let mut parts = compact.split('.');
        let (Some(header), Some(payload), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(malformed);
        };
        let decode = |part: &str| URL_SAFE_NO_PAD.decode(part).map_err(|_| malformed.clone());
        let header_json = decode(header)?;
        let payload_json = decode(payload)?;
        let signature_bytes = decode(signature)?;
        let [alg, typ, kid, crit, jku, jwk, x5u, x5c] =
            read_members(&header_json, &HEADER_MEMBERS, JwsPart::Header)
                .map_err(|_| malformed.clone())?;
        let [iss, sub, aud, exp, nbf, iat, jti, cnf, challenge, _nonce] =
            read_members(&payload_json, &CLAIM_MEMBERS, JwsPart::Payload)
                .map_err(|_| malformed.clone())?;
        let signed_len = header.len().saturating_add(1).saturating_add(payload.len());
        let signing_input = compact.get(..signed_len).ok_or(malformed)?.to_owned();
        Ok(Self {
            signing_input,
            signature: signature_bytes,
            header: AttestationJoseHeader {
                alg,
                typ,
                kid,
                crit: crit.is_some(),
                fetchable_key_header: jku.is_some() || jwk.is_some() || x5u.is_some(),
                x5c,
            },
            claims: AttestationClaims {
                iss,
                sub,
                aud,
                exp,
                nbf,
                iat,
                jti,
                cnf,
                challenge,
            },
        })
    }

    /// The bytes the signature covers.
    pub(crate) fn signing_input(&self) -> &[u8] {
        self.signing_input.as_bytes()
    }

    /// The decoded signature.
    pub(crate) fn signature(&self) -> &[u8] {
        &self.signature
    }

    /// The JOSE header.
    pub(crate) fn header(&self) -> &AttestationJoseHeader {
        &self.header
    }

    /// The claims.
    pub(crate) fn claims(&self) -> &AttestationClaims {
        &self.claims
    }

    /// Whether the header's `typ` is `want`, compared as a media type: case-insensitive, an
    /// `application/` prefix allowed (RFC 7515 §4.1.9). An absent or non-string `typ` is not.
    pub(crate) fn typ_is(&self, want: &str) -> bool {
        const PREFIX: &str = "application/";
        let Some(Value::String(typ)) = self.header.typ.as_ref() else {
            return false;
        };
        let subtype = match typ.get(..PREFIX.len()) {
            Some(p) if p.eq_ignore_ascii_case(PREFIX) => {
                typ.get(PREFIX.len()..).unwrap_or_default()
            }
            _ => typ.as_str(),
        };
        subtype.eq_ignore_ascii_case(want)
    }

    /// The `sub` claim when it is a string: the client the attestation names, unverified.
    pub(crate) fn subject(&self) -> Option<&str> {
        self.claims.sub.as_ref().and_then(Value::as_str)
    }
}

/// A bearer credential until it expires: `Debug` shows sizes only.
impl fmt::Debug for AttestationJws {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AttestationJws")
            .field("signing_input_bytes", &self.signing_input.len())
            .field("signature_bytes", &self.signature.len())
            .finish_non_exhaustive()
    }
}

/// The attestation headers of a request, as found: each decoded, or why it does not decode.
#[derive(Debug, Clone, Default)]
pub(crate) struct AttestationHeaders {
    /// Boxed, with the error: a decoded JWS is large, and a request without attestation
    /// headers (most) should not carry its room through every move of the request's parts.
    pub(crate) attestation: Option<Box<Result<AttestationJws, AuthError>>>,
    pub(crate) pop: Option<Box<Result<AttestationJws, AuthError>>>,
    /// Whether a `DPoP` header came too (the draft's DPoP combined mode).
    pub(crate) dpop: bool,
}

impl AttestationHeaders {
    /// Whether either attestation header is present.
    pub(crate) fn any(&self) -> bool {
        self.attestation.is_some() || self.pop.is_some()
    }
}
