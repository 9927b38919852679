//! [`RequestPartsBuilder`]: each part is parsed and bounded as it is added.

use super::basic::parse_authorization;
use super::certificate::CertificateInput;
use super::form::{credential_slot, form_decode, form_pieces};
use super::limits::*;
use super::parts::{Fields, RequestParts};
use crate::wire::assertion::compact::ClientAssertion;
use crate::wire::attestation::AttestationJws;
use crate::wire::error::attestation::AttestationHeader;
use crate::wire::error::AuthError;
use crate::wire::metadata::endpoint::Endpoint;

/// Builds a [`RequestParts`]; see [`RequestParts::builder`].
///
/// Each part is parsed as it is added, so no input is copied before it is bounded; the first
/// error is kept and returned by [`RequestPartsBuilder::build`].
#[derive(Clone, Debug, Default)]
pub struct RequestPartsBuilder {
    authorization_headers: usize,
    parameters: usize,
    /// What the request will hold, boxed so that the builder moves by a pointer.
    parts: Box<Fields>,
    /// Boxed: refusals are rare, and the builder moves on every call.
    error: Option<Box<AuthError>>,
}

impl RequestParts {
    /// Starts a request for the token endpoint, judged at the system clock's time.
    pub fn builder() -> RequestPartsBuilder {
        RequestPartsBuilder::default()
    }
}

impl RequestPartsBuilder {
    /// Adds a header. Names compare case-insensitively; `Authorization`,
    /// `OAuth-Client-Attestation`, `OAuth-Client-Attestation-PoP` and (whether present)
    /// `DPoP` are read, and other headers are ignored.
    #[inline]
    pub fn header(mut self, name: &str, value: impl AsRef<[u8]>) -> Self {
        // The work is in a function that borrows the builder: this one, inlined into the
        // caller, lets the chain of calls build in place rather than move the builder.
        self.add_header(name, value.as_ref());
        self
    }

    fn add_header(&mut self, name: &str, value: &[u8]) {
        if self.error.is_none() {
            let which = if name.eq_ignore_ascii_case(AttestationHeader::Attestation.as_str()) {
                Some(AttestationHeader::Attestation)
            } else if name.eq_ignore_ascii_case(AttestationHeader::Pop.as_str()) {
                Some(AttestationHeader::Pop)
            } else {
                None
            };
            if let Some(which) = which {
                if let Err(e) = self.read_attestation(which, value) {
                    self.error = Some(Box::new(e));
                }
                return;
            }
            if name.eq_ignore_ascii_case("dpop") {
                self.parts.attestation.dpop = true;
                return;
            }
        }
        if self.error.is_none() && name.eq_ignore_ascii_case("authorization") {
            self.authorization_headers += 1;
            // RFC 9110 §5.3: a field may appear more than once only when its value is a list;
            // `Authorization` holds one credential (RFC 9110 §11.6.2), and RFC 6749 §2.3
            // allows one method per request.
            if self.authorization_headers > 1 {
                self.error = Some(Box::new(AuthError::RepeatedAuthorizationHeader));
            } else {
                match parse_authorization(value) {
                    Ok(basic) => self.parts.basic = basic,
                    Err(e) => self.error = Some(Box::new(e)),
                }
            }
        }
    }

    /// Adds the raw `application/x-www-form-urlencoded` body.
    #[inline]
    pub fn form_body(mut self, body: impl AsRef<[u8]>) -> Self {
        self.add_form_body(body.as_ref());
        self
    }

    fn add_form_body(&mut self, body: &[u8]) {
        if self.error.is_none() {
            if let Err(e) = self.read_form(body) {
                self.error = Some(Box::new(e));
            }
        }
    }

    /// Adds body parameters that a framework has already decoded. They are judged like
    /// decoded pairs of a raw body (and together with one, if both are given).
    pub fn form_pairs<I, K, V>(mut self, pairs: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: Into<String>,
    {
        for (name, value) in pairs {
            if self.error.is_some() {
                break;
            }
            if let Err(e) = self.count_parameter().and_then(|()| {
                match credential_slot(name.as_ref().as_bytes()) {
                    Some(slot) => self.parts.params.set(slot, value.into()),
                    None => Ok(()),
                }
            }) {
                self.error = Some(Box::new(e));
            }
        }
        self
    }

    /// Sets the TLS client certificate.
    pub fn client_certificate(mut self, certificate: CertificateInput) -> Self {
        if certificate.len() > MAX_CERTIFICATE_BYTES {
            self.error.get_or_insert(Box::new(AuthError::ValueTooLarge {
                name: "client certificate",
                limit: MAX_CERTIFICATE_BYTES,
            }));
        } else {
            self.parts.client_certificate = Some(certificate);
        }
        self
    }

    /// Adds an intermediate certificate the client sent.
    pub fn client_certificate_chain_entry(mut self, certificate: CertificateInput) -> Self {
        if certificate.len() > MAX_CERTIFICATE_BYTES {
            self.error.get_or_insert(Box::new(AuthError::ValueTooLarge {
                name: "client certificate",
                limit: MAX_CERTIFICATE_BYTES,
            }));
        } else if self.parts.client_certificate_chain.len() == MAX_CHAIN_CERTIFICATES {
            self.error.get_or_insert(Box::new(AuthError::ValueTooLarge {
                name: "client certificate chain",
                limit: MAX_CHAIN_CERTIFICATES,
            }));
        } else {
            self.parts.client_certificate_chain.push(certificate);
        }
        self
    }

    /// Sets the endpoint called (default: the token endpoint).
    #[inline]
    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.parts.endpoint = endpoint;
        self
    }

    /// Sets the time at which the request is judged, Unix seconds. Without it,
    /// [`crate::dispatch::authenticate`] reads the system clock.
    #[inline]
    pub fn now(mut self, unix_seconds: i64) -> Self {
        self.parts.now = Some(unix_seconds);
        self
    }

    /// Returns the parsed request, or the first error met while parts were added.
    ///
    /// # Errors
    ///
    /// `invalid_request` errors: [`AuthError::BodyTooLarge`], [`AuthError::TooManyParameters`],
    /// [`AuthError::ValueTooLarge`], [`AuthError::MalformedBody`],
    /// [`AuthError::RepeatedParameter`], [`AuthError::RepeatedAuthorizationHeader`],
    /// [`AuthError::MalformedBasicCredentials`], [`AuthError::RepeatedAttestationHeader`].
    pub fn build(mut self) -> Result<RequestParts, AuthError> {
        if let Some(e) = self.error {
            return Err(*e);
        }
        let fields = &mut *self.parts;
        fields.assertion = fields
            .params
            .client_assertion
            .as_deref()
            .map(ClientAssertion::parse);
        Ok(RequestParts { fields: self.parts })
    }

    /// Reads one attestation header: bounded, once only, decoded as a compact JWS (the
    /// decoding error is reported when the request is authenticated, like an assertion's).
    fn read_attestation(
        &mut self,
        which: AttestationHeader,
        value: &[u8],
    ) -> Result<(), AuthError> {
        let slot = match which {
            AttestationHeader::Attestation => &mut self.parts.attestation.attestation,
            AttestationHeader::Pop => &mut self.parts.attestation.pop,
        };
        // draft-ietf-oauth-attestation-based-client-auth-10: "precisely one" header of each.
        if slot.is_some() {
            return Err(AuthError::RepeatedAttestationHeader { header: which });
        }
        if value.len() > MAX_CLIENT_ATTESTATION_BYTES {
            return Err(AuthError::ValueTooLarge {
                name: which.as_str(),
                limit: MAX_CLIENT_ATTESTATION_BYTES,
            });
        }
        *slot = Some(Box::new(
            std::str::from_utf8(value)
                .map_err(|_| AuthError::MalformedAttestationHeader { header: which })
                .and_then(|text| AttestationJws::parse(text.trim_matches([' ', '\t']), which)),
        ));
        Ok(())
    }

    fn count_parameter(&mut self) -> Result<(), AuthError> {
        if self.parameters == MAX_PARAMETERS {
            return Err(AuthError::TooManyParameters {
                limit: MAX_PARAMETERS,
            });
        }
        self.parameters += 1;
        Ok(())
    }

    /// Reads an `application/x-www-form-urlencoded` body (WHATWG URL Standard §5.1): pairs
    /// split on `&`, name and value on the first `=`, `+` is a space, percent escapes are
    /// decoded, and a credential parameter holding a `%` not followed by two hex digits, or not
    /// UTF-8 once decoded, is an error. Only the credential parameters are decoded and
    /// kept; the others are counted and left to the caller.
    fn read_form(&mut self, body: &[u8]) -> Result<(), AuthError> {
        if body.len() > MAX_BODY_BYTES {
            return Err(AuthError::BodyTooLarge {
                limit: MAX_BODY_BYTES,
            });
        }
        for piece in form_pieces(body) {
            self.count_parameter()?;
            let (raw_name, raw_value) = match memchr::memchr(b'=', piece) {
                Some(i) => (
                    piece.get(..i).unwrap_or_default(),
                    piece.get(i + 1..).unwrap_or_default(),
                ),
                None => (piece, &[][..]),
            };
            // A name without escapes is its own decoding: compare its bytes as they are. (Names
            // are short: a plain scan costs less than a call to a vectorized search.)
            let slot = if !raw_name.iter().any(|&b| b == b'+' || b == b'%') {
                credential_slot(raw_name)
            } else {
                credential_slot(
                    form_decode(raw_name)
                        .map_err(AuthError::MalformedBody)?
                        .as_bytes(),
                )
            };
            if let Some(slot) = slot {
                let value = form_decode(raw_value).map_err(AuthError::MalformedBody)?;
                self.parts.params.set(slot, value.into_owned())?;
            }
        }
        Ok(())
    }
}
