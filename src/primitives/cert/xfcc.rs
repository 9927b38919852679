//! Envoy's `x-forwarded-client-cert` (XFCC) header: the client certificate is the `Cert` value
//! (URL-encoded PEM) of the header's first element.
//!
//! The header is a comma-separated list of elements, one per proxy that forwarded the request,
//! the first added by the proxy that terminated the client's TLS. An element is a
//! semicolon-separated list of `Key=value` pairs (`By`, `Hash`, `Cert`, `Chain`, `Subject`,
//! `URI`, `DNS`); a value holding `,`, `;` or `=` is in double quotes, inside which `\"` and
//! `\\` are escapes and any other backslash is the value's own (a DN's `\,`). Keys compare
//! case-insensitively.

use std::borrow::Cow;

use crate::wire::error::certificate::CertificateFormatError;

/// The keys an XFCC element may hold (Envoy's `forward_client_cert_details` documentation).
const KEYS: [&str; 7] = ["by", "hash", "cert", "chain", "subject", "uri", "dns"];

/// Whether a (trimmed) text is an XFCC header: it starts with one of the XFCC keys and `=`.
/// No other form can: PEM starts with `-`, a byte sequence with `:`, and Base64 holds `=`
/// only as padding at its end.
pub(crate) fn is_xfcc(text: &str) -> bool {
    text.split_once('=')
        .is_some_and(|(key, _)| KEYS.iter().any(|k| key.eq_ignore_ascii_case(k)))
}

/// The `Cert` value of the first element, unquoted: URL-encoded PEM.
///
/// # Errors
///
/// [`CertificateFormatError::Xfcc`] when a quoted value is not closed, a pair has no `=`, or
/// the first element has no `Cert` or more than one.
pub(crate) fn first_cert(text: &str) -> Result<Cow<'_, str>, CertificateFormatError> {
    let mut cert = None;
    let mut rest = text;
    loop {
        let (key, after_key) = rest.split_once('=').ok_or(CertificateFormatError::Xfcc)?;
        let (value, after_value) = read_value(after_key)?;
        if key.trim().eq_ignore_ascii_case("cert") {
            // Two `Cert` pairs in one element: which certificate is meant is not ours to guess.
            if cert.replace(value).is_some() {
                return Err(CertificateFormatError::Xfcc);
            }
        }
        match after_value.as_bytes().first() {
            Some(b';') => rest = after_value.get(1..).unwrap_or_default(),
            // The first element ends here; the others belong to proxies further in.
            Some(b',') | None => break,
            Some(_) => return Err(CertificateFormatError::Xfcc),
        }
    }
    cert.ok_or(CertificateFormatError::Xfcc)
}

/// One value: quoted (up to the closing quote, unescaped) or bare (up to `;` or `,`). Returns
/// the value and the text after it.
fn read_value(text: &str) -> Result<(Cow<'_, str>, &str), CertificateFormatError> {
    let Some(quoted) = text.strip_prefix('"') else {
        let end = text.find([';', ',']).unwrap_or(text.len());
        let (value, after) = text.split_at(end);
        return Ok((Cow::Borrowed(value), after));
    };
    let mut value = String::new();
    let mut chars = quoted.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => {
                let after = quoted.get(at + 1..).unwrap_or_default();
                return Ok((Cow::Owned(value), after));
            }
            '\\' => match chars.next() {
                Some((_, escaped @ ('"' | '\\'))) => value.push(escaped),
                // A backslash before anything else is the value's own (a DN's `\,`).
                Some((_, other)) => {
                    value.push('\\');
                    value.push(other);
                }
                None => return Err(CertificateFormatError::Xfcc),
            },
            c => value.push(c),
        }
    }
    // No closing quote.
    Err(CertificateFormatError::Xfcc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cert_of_the_first_element_is_taken() {
        let table: &[(&str, Result<&str, CertificateFormatError>)] = &[
            (
                r#"Hash=ab12;Cert="-----BEGIN%20X";Subject="CN=a,O=b""#,
                Ok("-----BEGIN%20X"),
            ),
            // Keys are case-insensitive, and a bare value ends at ';' or ','.
            (
                "By=spiffe://x;cert=-----BEGIN%20Y;URI=u",
                Ok("-----BEGIN%20Y"),
            ),
            // Several elements: the first is the client's.
            (
                r#"Cert="-----BEGIN%20FIRST";Hash=1,By=b;Cert="-----BEGIN%20SECOND""#,
                Ok("-----BEGIN%20FIRST"),
            ),
            // Quoting: separators and escaped quotes inside a value are part of it.
            (
                r#"Subject="CN=\"x;y\",O=z";Cert="-----BEGIN%20Z";DNS=a"#,
                Ok("-----BEGIN%20Z"),
            ),
            // The first element has no Cert, though the second has.
            (
                r#"Hash=1,Cert="-----BEGIN%20LATER""#,
                Err(CertificateFormatError::Xfcc),
            ),
            (r#"Cert="a";Cert="b""#, Err(CertificateFormatError::Xfcc)),
            (r#"Cert="unclosed"#, Err(CertificateFormatError::Xfcc)),
            // A DN's own escape inside a quoted value is kept.
            (r#"Subject="CN=a\, b";Cert="c""#, Ok("c")),
            (
                r#"Cert="ends in a backslash\"#,
                Err(CertificateFormatError::Xfcc),
            ),
            (r#"Cert="a"junk"#, Err(CertificateFormatError::Xfcc)),
            ("Cert", Err(CertificateFormatError::Xfcc)),
        ];
        for (header, want) in table {
            let got = first_cert(header);
            assert_eq!(got.as_deref().map_err(|e| *e), *want, "{header}");
        }
    }

    #[test]
    fn only_xfcc_keys_make_a_header_xfcc() {
        assert!(is_xfcc("Hash=ab;Cert=\"x\""));
        assert!(is_xfcc("cert=x"));
        assert!(is_xfcc("By=spiffe://td/a;Cert=x"));
        assert!(!is_xfcc("MIIBkTCB+wIJAKHHIG=="));
        assert!(!is_xfcc("-----BEGIN CERTIFICATE-----"));
        assert!(!is_xfcc(":MIIB:"));
        assert!(!is_xfcc("Other=x"));
    }
}
