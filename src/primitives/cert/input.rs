//! The client certificate as it reached the server: which form it is in, and its strict decoding
//! to the DER of exactly one certificate.
//!
//! A TLS library hands over DER. A TLS-terminating reverse proxy forwards the certificate in a
//! header, in one of these textual forms:
//!
//! | form | who sends it | looks like |
//! |---|---|---|
//! | [`CertificateForm::Pem`] | many proxies and tools | `-----BEGIN CERTIFICATE-----\nMIIB…` |
//! | [`CertificateForm::UrlEncodedPem`] | nginx `$ssl_client_escaped_cert`, AWS ALB, Envoy | `-----BEGIN%20CERTIFICATE-----%0AMIIB…` |
//! | [`CertificateForm::FoldedPem`] | nginx `$ssl_client_cert` (deprecated) | PEM whose lines after the first start with a tab, or whose line breaks an HTTP stack turned into spaces |
//! | [`CertificateForm::Base64Der`] | HAProxy `ssl_c_der,base64`, JWK `x5c` | `MIIB…` |
//! | [`CertificateForm::UrlEncodedBase64Der`] | Traefik `X-Forwarded-Tls-Client-Cert` | `MIIB…%2B…%3D` |
//! | [`CertificateForm::ByteSequence`] | RFC 9440 `Client-Cert` | `:MIIB…:` |
//! | [`CertificateForm::Xfcc`] | Envoy `x-forwarded-client-cert` | `Hash=…;Cert="-----BEGIN%20…"` |
//!
//! The forms cannot be confused: only a byte sequence starts with `:`, only XFCC starts with
//! one of its keys and `=`, only URL-encoded text
//! holds `%`, only PEM starts with `-----BEGIN`, and what is left must be Base64. Each form is
//! decoded strictly: PEM by the RFC 7468 strict grammar (64-character lines, the
//! `CERTIFICATE` label, nothing after the end boundary), Base64 by RFC 4648 §4 with no
//! whitespace, percent escapes by RFC 3986 §2.1, and the DER by x509-cert, which refuses
//! trailing bytes. Exactly one certificate is accepted.

use std::borrow::Cow;

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use x509_cert::der::{self, Decode as _};
use x509_cert::Certificate;

use super::xfcc::{first_cert, is_xfcc};

use crate::wire::error::certificate::{CertificateForm, CertificateFormatError};
use crate::wire::request::CertificateInput;

/// A decode failure, with the form when it was recognized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DecodeError {
    pub(crate) form: Option<CertificateForm>,
    pub(crate) error: CertificateFormatError,
}

impl DecodeError {
    fn new(form: Option<CertificateForm>, error: CertificateFormatError) -> Self {
        Self { form, error }
    }
}

/// Base64 of RFC 4648 §4. Padding may be absent: RFC 8941 §4.2.7 asks byte-sequence parsers
/// not to fail on missing padding, and proxies differ.
const STANDARD_BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The start of a PEM pre-encapsulation boundary (RFC 7468 §2).
const PEM_BEGIN: &str = "-----BEGIN ";
/// The post-encapsulation boundary of a certificate (RFC 7468 §5.1).
const PEM_END_CERTIFICATE: &str = "-----END CERTIFICATE-----";

/// Detects the form of a certificate input and decodes it to DER, then parses the DER as one
/// X.509 certificate.
pub(crate) fn decode_certificate(
    input: &CertificateInput,
) -> Result<(CertificateForm, Cow<'_, [u8]>, Certificate), DecodeError> {
    let (form, der) = decode_der(input)?;
    let certificate = parse_der(&der).map_err(|e| DecodeError::new(Some(form), e))?;
    Ok((form, der, certificate))
}

/// Parses DER as exactly one X.509 certificate (RFC 5280 §4.1) with no trailing bytes.
pub(crate) fn parse_der(der: &[u8]) -> Result<Certificate, CertificateFormatError> {
    Certificate::from_der(der).map_err(|e| match e.kind() {
        der::ErrorKind::TrailingData { .. } => CertificateFormatError::TrailingData,
        _ => CertificateFormatError::Der,
    })
}

/// Detects the form of a certificate input and decodes it to DER bytes, unparsed.
pub(crate) fn decode_der(
    input: &CertificateInput,
) -> Result<(CertificateForm, Cow<'_, [u8]>), DecodeError> {
    let text = match input {
        CertificateInput::Der(der) => return Ok((CertificateForm::Der, Cow::Borrowed(der))),
        CertificateInput::Text(text) => text.trim_matches(|c: char| c.is_ascii_whitespace()),
    };
    let form = detect_form(text).map_err(|e| DecodeError::new(None, e))?;
    let der = decode_text(form, text).map_err(|e| DecodeError::new(Some(form), e))?;
    Ok((form, Cow::Owned(der)))
}

/// Which form a (trimmed) text is in. Every form has a distinct first character or a
/// character no other form holds (see the module docs).
pub(crate) fn detect_form(text: &str) -> Result<CertificateForm, CertificateFormatError> {
    if text.is_empty() {
        return Err(CertificateFormatError::Empty);
    }
    let form = if text.starts_with(':') {
        CertificateForm::ByteSequence
    } else if is_xfcc(text) {
        CertificateForm::Xfcc
    } else if text.contains('%') {
        if text.starts_with("-----BEGIN") {
            CertificateForm::UrlEncodedPem
        } else {
            CertificateForm::UrlEncodedBase64Der
        }
    } else if text.starts_with("-----BEGIN") {
        // A PEM with a line break that is not followed by a tab is plain PEM; one whose line
        // breaks are all gone (turned into spaces) or tab-led is folded.
        if text.contains('\t') || !text.contains('\n') {
            CertificateForm::FoldedPem
        } else {
            CertificateForm::Pem
        }
    } else if text
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
    {
        CertificateForm::Base64Der
    } else {
        return Err(CertificateFormatError::UnrecognizedForm);
    };
    Ok(form)
}

/// Decodes a text of a known form to DER.
fn decode_text(form: CertificateForm, text: &str) -> Result<Vec<u8>, CertificateFormatError> {
    match form {
        CertificateForm::Der => Err(CertificateFormatError::UnrecognizedForm),
        CertificateForm::Pem => decode_pem(text),
        CertificateForm::UrlEncodedPem => {
            let decoded = percent_decode_strict(text)?;
            decode_pem(decoded.trim_end_matches(|c: char| c.is_ascii_whitespace()))
        }
        CertificateForm::FoldedPem => decode_pem(&unfold_pem(text)?),
        CertificateForm::Base64Der => decode_base64(text),
        CertificateForm::UrlEncodedBase64Der => decode_base64(&percent_decode_strict(text)?),
        CertificateForm::ByteSequence => decode_byte_sequence(text),
        CertificateForm::Xfcc => {
            let decoded = percent_decode_strict(&first_cert(text)?)?;
            decode_pem(decoded.trim_end_matches(|c: char| c.is_ascii_whitespace()))
        }
    }
}

/// Decodes exactly one PEM certificate by the RFC 7468 strict grammar (RFC 7468 §3, §5.1), or,
/// failing that, with its Base64 rewrapped (other line lengths, RFC 7468 §2).
pub(crate) fn decode_pem(text: &str) -> Result<Vec<u8>, CertificateFormatError> {
    // No explanatory text before the boundary (RFC 7468 §2 lets parsers skip it; a
    // certificate header has no reason to hold any).
    if !text.starts_with(PEM_BEGIN) {
        return Err(CertificateFormatError::Pem);
    }
    // One certificate only: a second block is refused by name rather than as bad Base64.
    if text.matches(PEM_BEGIN).count() > 1 {
        return Err(CertificateFormatError::MultipleCertificates);
    }
    match decode_pem_strict(text) {
        Ok(der) => Ok(der),
        Err(CertificateFormatError::PemLabel) => Err(CertificateFormatError::PemLabel),
        // RFC 7468 §2: "parsers MAY handle other line sizes" (Base64 in one line, or wrapped at
        // 76 as MIME tools do): rewrap the Base64 at 64 and let the strict parser judge it.
        Err(_) => decode_pem_strict(&rewrap_pem(text)?),
    }
}

/// One PEM block by the RFC 7468 strict grammar, labelled `CERTIFICATE` (RFC 7468 §5.1).
fn decode_pem_strict(text: &str) -> Result<Vec<u8>, CertificateFormatError> {
    let (label, der) =
        der::pem::decode_vec(text.as_bytes()).map_err(|_| CertificateFormatError::Pem)?;
    if label != "CERTIFICATE" {
        return Err(CertificateFormatError::PemLabel);
    }
    Ok(der)
}

/// The certificate PEM `text` with its Base64 rewrapped in lines of 64 characters. Only
/// whitespace may follow the end boundary.
fn rewrap_pem(text: &str) -> Result<String, CertificateFormatError> {
    const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
    let rest = text
        .strip_prefix(BEGIN)
        .ok_or(CertificateFormatError::Pem)?;
    let (body, tail) = rest
        .split_once(PEM_END_CERTIFICATE)
        .ok_or(CertificateFormatError::Pem)?;
    if !tail.trim_ascii().is_empty() {
        return Err(CertificateFormatError::Pem);
    }
    let base64: Vec<u8> = body.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let mut out = String::with_capacity(text.len().saturating_add(base64.len() / 64 + 4));
    out.push_str(BEGIN);
    out.push('\n');
    for line in base64.chunks(64) {
        out.push_str(std::str::from_utf8(line).map_err(|_| CertificateFormatError::Pem)?);
        out.push('\n');
    }
    out.push_str(PEM_END_CERTIFICATE);
    out.push('\n');
    Ok(out)
}

/// Decodes a text holding one or more PEM certificates, separated by line breaks only, as a
/// trust-anchor bundle is written.
pub(crate) fn decode_pem_bundle(text: &str) -> Result<Vec<Vec<u8>>, CertificateFormatError> {
    let mut rest = text.trim_matches(|c: char| c.is_ascii_whitespace());
    let mut blocks = Vec::new();
    while !rest.is_empty() {
        let end = rest
            .find(PEM_END_CERTIFICATE)
            .map(|i| i.saturating_add(PEM_END_CERTIFICATE.len()))
            .ok_or(CertificateFormatError::Pem)?;
        let (block, tail) = rest
            .split_at_checked(end)
            .ok_or(CertificateFormatError::Pem)?;
        blocks.push(decode_pem(block)?);
        rest = tail.trim_start_matches(|c: char| c.is_ascii_whitespace());
    }
    if blocks.is_empty() {
        return Err(CertificateFormatError::Empty);
    }
    Ok(blocks)
}

/// Undoes nginx's `$ssl_client_cert` folding: every line after the first is led by a tab
/// (a header continuation line, RFC 9112 §5.2 `obs-fold`). An HTTP stack may instead have
/// replaced each fold with spaces (RFC 9112 §5.2 allows that), leaving the PEM on one line;
/// that text is returned as it is, and [`decode_pem`] rewraps its Base64.
fn unfold_pem(text: &str) -> Result<Cow<'_, str>, CertificateFormatError> {
    if !text.contains('\n') {
        return Ok(Cow::Borrowed(text));
    }
    // Every line break must be followed by exactly one tab.
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split('\n');
    if let Some(first) = lines.next() {
        out.push_str(first);
    }
    for line in lines {
        let line = line.strip_prefix('\t').ok_or(CertificateFormatError::Pem)?;
        out.push('\n');
        out.push_str(line);
    }
    Ok(Cow::Owned(out))
}

/// Base64 of the DER, with no whitespace (RFC 4648 §4, §3.3: characters outside the alphabet
/// are refused).
fn decode_base64(text: &str) -> Result<Vec<u8>, CertificateFormatError> {
    STANDARD_BASE64
        .decode(text)
        .map_err(|_| CertificateFormatError::Base64)
}

/// An RFC 8941 §3.3.5 byte sequence: `:` Base64 `:` and nothing else (RFC 9440 §2.2 defines
/// no parameters for `Client-Cert`).
fn decode_byte_sequence(text: &str) -> Result<Vec<u8>, CertificateFormatError> {
    let inner = text
        .strip_prefix(':')
        .and_then(|t| t.strip_suffix(':'))
        .ok_or(CertificateFormatError::Base64)?;
    decode_base64(inner)
}

/// Percent-decoding per RFC 3986 §2.1, strictly: every `%` is followed by two hex digits, and
/// the result is ASCII (PEM and Base64 are). `+` stays `+`: it is Base64, not a space.
fn percent_decode_strict(text: &str) -> Result<String, CertificateFormatError> {
    let mut out = Vec::with_capacity(text.len());
    let mut pieces = text.as_bytes().split(|&b| b == b'%');
    // The text before the first '%' is copied as it is; every later piece starts with the two
    // hex digits of its escape.
    out.extend_from_slice(pieces.next().unwrap_or_default());
    for piece in pieces {
        match piece {
            [hi, lo, rest @ ..] => match (hex_value(*hi), hex_value(*lo)) {
                (Some(hi), Some(lo)) => {
                    out.push((hi << 4) | lo);
                    out.extend_from_slice(rest);
                }
                _ => return Err(CertificateFormatError::PercentEncoding),
            },
            _ => return Err(CertificateFormatError::PercentEncoding),
        }
    }
    if !out.is_ascii() {
        return Err(CertificateFormatError::PercentEncoding);
    }
    String::from_utf8(out).map_err(|_| CertificateFormatError::PercentEncoding)
}

/// The value of one hex digit.
pub(crate) fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MTLS_PEM: &str = include_str!("../../../tests/certs/rfc8705-appendix-a.pem");

    fn mtls_der() -> Vec<u8> {
        decode_pem(MTLS_PEM.trim()).unwrap()
    }

    fn text(t: impl Into<String>) -> CertificateInput {
        CertificateInput::Text(t.into())
    }

    /// nginx `$ssl_client_escaped_cert`: ngx_escape_uri(NGX_ESCAPE_URI_COMPONENT) keeps
    /// unreserved characters and escapes the rest, upper-case hex.
    fn nginx_escape(pem: &str) -> String {
        pem.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    }

    /// nginx `$ssl_client_cert`: a tab after every line break but the last, which is dropped.
    fn nginx_fold(pem: &str) -> String {
        pem.trim_end().replace('\n', "\n\t")
    }

    fn b64(der: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(der)
    }

    #[test]
    fn pem_with_other_line_lengths_decodes_and_junk_is_still_refused() {
        let der = mtls_der();
        let body = b64(&der);
        let wrap = |width: usize| {
            let lines: Vec<&str> = body
                .as_bytes()
                .chunks(width)
                .map(|c| std::str::from_utf8(c).unwrap())
                .collect();
            format!(
                "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
                lines.join("\n")
            )
        };
        // RFC 7468 §2: parsers may handle other line sizes.
        for width in [76, 1000, 16] {
            assert_eq!(decode_pem(&wrap(width)), Ok(der.clone()), "{width}");
        }
        assert_eq!(decode_pem(&wrap(64).replace('\n', "\r\n")), Ok(der.clone()));
        // Still refused: text after the end boundary, a character outside Base64, another label.
        let refused: &[(String, CertificateFormatError)] = &[
            (format!("{}junk", wrap(76)), CertificateFormatError::Pem),
            (wrap(76).replacen('M', "*", 1), CertificateFormatError::Pem),
            (
                wrap(64).replace("CERTIFICATE", "PUBLIC KEY"),
                CertificateFormatError::PemLabel,
            ),
        ];
        for (text, want) in refused {
            assert_eq!(decode_pem(text), Err(*want), "{text}");
        }
    }

    #[test]
    fn every_form_is_detected_and_decodes_to_the_same_der() {
        let der = mtls_der();
        let table: Vec<(&str, CertificateInput, CertificateForm)> = vec![
            (
                "der",
                CertificateInput::Der(der.clone()),
                CertificateForm::Der,
            ),
            ("pem", text(MTLS_PEM), CertificateForm::Pem),
            (
                "pem crlf",
                text(MTLS_PEM.replace('\n', "\r\n")),
                CertificateForm::Pem,
            ),
            (
                "url-encoded pem",
                text(nginx_escape(MTLS_PEM)),
                CertificateForm::UrlEncodedPem,
            ),
            (
                "tab-folded pem",
                text(nginx_fold(MTLS_PEM)),
                CertificateForm::FoldedPem,
            ),
            (
                "space-unfolded pem",
                text(nginx_fold(MTLS_PEM).replace("\n\t", " ")),
                CertificateForm::FoldedPem,
            ),
            ("base64 der", text(b64(&der)), CertificateForm::Base64Der),
            (
                "base64 der unpadded",
                text(b64(&der).trim_end_matches('=')),
                CertificateForm::Base64Der,
            ),
            (
                "url-encoded base64 der",
                text(nginx_escape(&b64(&der))),
                CertificateForm::UrlEncodedBase64Der,
            ),
            (
                "rfc 9440 byte sequence",
                text(format!(":{}:", b64(&der))),
                CertificateForm::ByteSequence,
            ),
            (
                "surrounding whitespace",
                text(format!("\n  {MTLS_PEM}\n\n")),
                CertificateForm::Pem,
            ),
            (
                "envoy x-forwarded-client-cert, first of two elements",
                text(format!(
                    "Hash=1f2e;Cert=\"{}\";Subject=\"CN=a,O=b\";URI=,By=x;Cert=\"y\"",
                    nginx_escape(MTLS_PEM)
                )),
                CertificateForm::Xfcc,
            ),
        ];
        for (name, input, form) in table {
            let got = decode_der(&input);
            assert_eq!(got.as_ref().map(|(f, _)| *f), Ok(form), "{name}");
            assert_eq!(got.map(|(_, d)| d.into_owned()), Ok(der.clone()), "{name}");
        }
    }

    #[test]
    fn lower_case_url_encoding_is_accepted() {
        // Percent escapes are case-insensitive (RFC 3986 §2.1); the Base64 itself is not
        // touched.
        let escaped = nginx_escape(MTLS_PEM)
            .replace("%0A", "%0a")
            .replace("%2B", "%2b");
        let input = text(escaped);
        let (form, der) = decode_der(&input).unwrap();
        assert_eq!(form, CertificateForm::UrlEncodedPem);
        assert_eq!(der.into_owned(), mtls_der());
    }

    #[test]
    fn malformed_inputs_are_refused_with_their_reason() {
        let der = mtls_der();
        let pem = MTLS_PEM.trim_end();
        let two = format!("{pem}\n{pem}\n");
        let key = pem.replace("CERTIFICATE", "PUBLIC KEY");
        let mut der_trailing = der.clone();
        der_trailing.push(0);
        let table: Vec<(
            &str,
            CertificateInput,
            Option<CertificateForm>,
            CertificateFormatError,
        )> = vec![
            ("empty", text(""), None, CertificateFormatError::Empty),
            (
                "whitespace",
                text(" \n\t "),
                None,
                CertificateFormatError::Empty,
            ),
            (
                "garbage",
                text("not a certificate"),
                None,
                CertificateFormatError::UnrecognizedForm,
            ),
            (
                "two pem blocks",
                text(two.clone()),
                Some(CertificateForm::Pem),
                CertificateFormatError::MultipleCertificates,
            ),
            (
                "two url-encoded blocks",
                text(nginx_escape(&two)),
                Some(CertificateForm::UrlEncodedPem),
                CertificateFormatError::MultipleCertificates,
            ),
            (
                "pem label",
                text(key),
                Some(CertificateForm::Pem),
                CertificateFormatError::PemLabel,
            ),
            (
                "pem trailing text",
                text(format!("{pem}\ntrailer")),
                Some(CertificateForm::Pem),
                CertificateFormatError::Pem,
            ),
            (
                "pem bad base64",
                text(pem.replacen("MIIB", "MI*B", 1)),
                Some(CertificateForm::Pem),
                CertificateFormatError::Pem,
            ),
            (
                "pem header",
                text(pem.replacen("\n", "\nProc-Type: 4,ENCRYPTED\n\n", 1)),
                Some(CertificateForm::Pem),
                CertificateFormatError::Pem,
            ),
            (
                "bad percent escape",
                text(nginx_escape(pem).replacen("%0A", "%0G", 1)),
                Some(CertificateForm::UrlEncodedPem),
                CertificateFormatError::PercentEncoding,
            ),
            (
                "truncated percent escape",
                text(format!("{}%2", nginx_escape(pem))),
                Some(CertificateForm::UrlEncodedPem),
                CertificateFormatError::PercentEncoding,
            ),
            (
                "percent-encoded non-ascii",
                text(format!("{}%C3%A9", nginx_escape(pem))),
                Some(CertificateForm::UrlEncodedPem),
                CertificateFormatError::PercentEncoding,
            ),
            (
                "fold without tab",
                text(nginx_fold(pem).replacen("\n\t", "\n", 1)),
                Some(CertificateForm::FoldedPem),
                CertificateFormatError::Pem,
            ),
            (
                "base64 with whitespace",
                text(format!("{} {}", &b64(&der)[..10], &b64(&der)[10..])),
                None,
                CertificateFormatError::UnrecognizedForm,
            ),
            (
                "base64url alphabet",
                text(b64(&der).replace('+', "-").replace('/', "_")),
                None,
                CertificateFormatError::UnrecognizedForm,
            ),
            (
                "byte sequence unterminated",
                text(format!(":{}", b64(&der))),
                Some(CertificateForm::ByteSequence),
                CertificateFormatError::Base64,
            ),
            (
                "byte sequence with parameter",
                text(format!(":{}:;a=1", b64(&der))),
                Some(CertificateForm::ByteSequence),
                CertificateFormatError::Base64,
            ),
            (
                "der trailing byte",
                CertificateInput::Der(der_trailing.clone()),
                Some(CertificateForm::Der),
                CertificateFormatError::TrailingData,
            ),
            (
                "base64 der trailing byte",
                text(b64(&der_trailing)),
                Some(CertificateForm::Base64Der),
                CertificateFormatError::TrailingData,
            ),
            (
                "der truncated",
                CertificateInput::Der(der[..der.len() - 1].to_vec()),
                Some(CertificateForm::Der),
                CertificateFormatError::Der,
            ),
            (
                "not a certificate",
                text(b64(b"\x30\x03\x02\x01\x01")),
                Some(CertificateForm::Base64Der),
                CertificateFormatError::Der,
            ),
            (
                "empty der",
                CertificateInput::Der(Vec::new()),
                Some(CertificateForm::Der),
                CertificateFormatError::Der,
            ),
        ];
        for (name, input, form, error) in table {
            assert_eq!(
                decode_certificate(&input).map(|(f, _, _)| f),
                Err(DecodeError { form, error }),
                "{name}"
            );
        }
    }

    #[test]
    fn pem_bundle_splits_blocks_and_refuses_junk() {
        let pem = MTLS_PEM.trim_end();
        let two = format!("{pem}\n\n{pem}\n");
        assert_eq!(decode_pem_bundle(&two).map(|v| v.len()), Ok(2));
        assert_eq!(decode_pem_bundle(pem).map(|v| v.len()), Ok(1));
        assert_eq!(decode_pem_bundle(" \n"), Err(CertificateFormatError::Empty));
        assert_eq!(
            decode_pem_bundle(&format!("{pem}\njunk")),
            Err(CertificateFormatError::Pem)
        );
        assert_eq!(
            decode_pem_bundle(&format!("subject=CN = mtls\n{pem}")),
            Err(CertificateFormatError::Pem)
        );
    }

    #[test]
    fn hex_digits() {
        assert_eq!(hex_value(b'0'), Some(0));
        assert_eq!(hex_value(b'f'), Some(15));
        assert_eq!(hex_value(b'F'), Some(15));
        assert_eq!(hex_value(b'g'), None);
    }
}
