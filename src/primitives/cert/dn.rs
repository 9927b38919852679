//! `tls_client_auth_subject_dn`: the registered RFC 4514 string, parsed once, and compared
//! with a certificate's subject as names (RFC 4517 §4.2.15 `distinguishedNameMatch`), not as
//! text.
//!
//! - Attribute types compare by OID. Short names are case-insensitive (RFC 4512 §2.5) and
//!   dotted OIDs are accepted (RFC 4514 §3).
//! - RFC 4514 §2.1 writes the RDNs last first: `CN=a,O=b` is the name whose encoded
//!   `RDNSequence` is `O=b` then `CN=a`. A string in encoding order is another name.
//! - Escapes (`\,`, `\+`, `\"`, `\\`, `\<`, `\>`, `\;`, `\=`, `\#`, `\ `, and hex pairs such as
//!   `\C3\A9`) and `#` hex BER values are decoded (RFC 4514 §3).
//! - A multi-valued RDN (`OU=a+UID=b`) is a set: its members match in any order (X.501 §9.3).
//! - Values compare by the attribute's equality rule: `caseIgnoreMatch` (RFC 4517 §4.2.11) or
//!   `caseIgnoreIA5Match` (§4.2.13) for the known attributes, with the string preparation of
//!   RFC 4518 (map, case fold, NFKC, prohibit, insignificant space handling). Types unknown to
//!   this crate, given as dotted OIDs, compare their string values by `caseExactMatch`
//!   (§4.2.4, prepared the same way without folding) and `#` hex values by their encoding.
//! - One departure from RFC 4518 §2.2, which deletes invisible and control characters and
//!   turns tab and line breaks into spaces: a value holding a control character or a Unicode
//!   default-ignorable code point matches nothing, and a registered one is a syntax error, so
//!   that `CN=vic<U+00AD>tim` is not `CN=victim` (see `map_char`).
//! - A registered string is bounded before it is parsed: [`MAX_SUBJECT_DN_BYTES`],
//!   [`MAX_SUBJECT_DN_RDNS`], [`MAX_RDN_ATTRIBUTES`].
//!
//! What is accepted beyond RFC 4514 §3's grammar (§3 lets implementations "recognize other DN
//! string representations"): spaces after a `,` or `+` separator, as RFC 1779 and
//! `X500Principal.toString()` write them. An unescaped space at the start or end of a value is
//! refused, as RFC 4514 requires; write `\ `. An empty string, which RFC 4514 allows as the
//! empty name, is refused as a registration: it would match every certificate without a subject.

use std::borrow::Cow;
use std::collections::BTreeSet;

use unicode_normalization::UnicodeNormalization as _;
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::der::asn1::ObjectIdentifier;
use x509_cert::der::{Any, Decode as _, Tag, Tagged as _};
use x509_cert::name::{Name, RelativeDistinguishedName};

use crate::primitives::cert::input::hex_value;
use crate::wire::error::certificate::{DnSyntaxError, DnSyntaxErrorKind};
use crate::wire::limits::{MAX_RDN_ATTRIBUTES, MAX_SUBJECT_DN_BYTES, MAX_SUBJECT_DN_RDNS};

// Rdn::matches marks matched values in a u64.
const _: () = assert!(MAX_RDN_ATTRIBUTES <= u64::BITS as usize);

/// A registered subject distinguished name, parsed and prepared for comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DistinguishedName {
    /// The RDNs in encoding order: the reverse of the string's order (RFC 4514 §2.1).
    rdns: Vec<Rdn>,
}

/// One relative distinguished name: a set of attribute values of distinct types, sorted by
/// type so that a presented value finds its registered one by binary search.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rdn(Vec<Ava>);

/// One attribute type and value.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Ava {
    oid: ObjectIdentifier,
    value: Value,
}

/// A registered value, ready to compare.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    /// A string, prepared by RFC 4518 for the attribute's rule.
    Text(String),
    /// A `#` hex value that is not a string, compared by its encoding.
    Encoded(Any),
}

/// The equality matching rule of an attribute type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// `caseIgnoreMatch` and `caseIgnoreIA5Match` (RFC 4517 §4.2.11, §4.2.13).
    CaseIgnore,
    /// `caseExactMatch` (RFC 4517 §4.2.4), for types this crate does not know.
    CaseExact,
}

const fn oid(s: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(s)
}

/// The attribute types known by name, with their OIDs. Short names per RFC 4514 §3 (CN, L, ST,
/// O, OU, C, STREET, DC, UID) and RFC 4519 §2, plus the PKCS #9 `emailAddress` that OpenSSL
/// writes. All of them use `caseIgnoreMatch` or `caseIgnoreIA5Match` (RFC 4519 §2, X.520 §6,
/// RFC 2985 §5.2.1).
const KNOWN_ATTRIBUTES: &[(&str, ObjectIdentifier)] = &[
    ("CN", oid("2.5.4.3")),
    ("commonName", oid("2.5.4.3")),
    ("SN", oid("2.5.4.4")),
    ("surname", oid("2.5.4.4")),
    ("serialNumber", oid("2.5.4.5")),
    ("C", oid("2.5.4.6")),
    ("countryName", oid("2.5.4.6")),
    ("L", oid("2.5.4.7")),
    ("localityName", oid("2.5.4.7")),
    ("ST", oid("2.5.4.8")),
    ("stateOrProvinceName", oid("2.5.4.8")),
    ("STREET", oid("2.5.4.9")),
    ("streetAddress", oid("2.5.4.9")),
    ("O", oid("2.5.4.10")),
    ("organizationName", oid("2.5.4.10")),
    ("OU", oid("2.5.4.11")),
    ("organizationalUnitName", oid("2.5.4.11")),
    ("title", oid("2.5.4.12")),
    ("businessCategory", oid("2.5.4.15")),
    ("postalCode", oid("2.5.4.17")),
    ("name", oid("2.5.4.41")),
    ("GN", oid("2.5.4.42")),
    ("givenName", oid("2.5.4.42")),
    ("initials", oid("2.5.4.43")),
    ("generationQualifier", oid("2.5.4.44")),
    ("dnQualifier", oid("2.5.4.46")),
    ("pseudonym", oid("2.5.4.65")),
    ("organizationIdentifier", oid("2.5.4.97")),
    ("UID", oid("0.9.2342.19200300.100.1.1")),
    ("userId", oid("0.9.2342.19200300.100.1.1")),
    ("DC", oid("0.9.2342.19200300.100.1.25")),
    ("domainComponent", oid("0.9.2342.19200300.100.1.25")),
    ("emailAddress", oid("1.2.840.113549.1.9.1")),
    // Not in RFC 4519, but how .NET and Windows certificate tools write emailAddress.
    ("E", oid("1.2.840.113549.1.9.1")),
];

/// The equality rule of an attribute type: every known type folds case.
fn rule_for(oid: &ObjectIdentifier) -> Rule {
    if KNOWN_ATTRIBUTES.iter().any(|(_, known)| known == oid) {
        Rule::CaseIgnore
    } else {
        Rule::CaseExact
    }
}

impl DistinguishedName {
    /// Parses an RFC 4514 string.
    pub(crate) fn parse(s: &str) -> Result<Self, DnSyntaxError> {
        Parser { s, pos: 0 }.parse()
    }

    /// RFC 4517 §4.2.15 `distinguishedNameMatch`: the same number of RDNs, and each RDN of the
    /// certificate's subject equal, as a set, to the registered RDN at the same position.
    ///
    /// The counts are compared before any value is, so the bounds on the registered name
    /// ([`MAX_SUBJECT_DN_RDNS`], [`MAX_RDN_ATTRIBUTES`]) bound the presented subject's work
    /// too: a subject with more RDNs, or an RDN with more values, is refused by its count.
    pub(crate) fn matches(&self, subject: &Name) -> bool {
        subject.0.len() == self.rdns.len()
            && self
                .rdns
                .iter()
                .zip(&subject.0)
                .all(|(registered, presented)| registered.matches(presented))
    }
}

impl Rdn {
    /// The RDN of the values parsed, which have distinct types.
    fn new(mut avas: Vec<Ava>) -> Self {
        avas.sort_unstable_by_key(|a| a.oid);
        Self(avas)
    }

    /// Set equality (X.501 §9.3), in O(n log n) rather than comparing every pair: each
    /// presented value must equal the registered value of its type, and no registered value
    /// may be claimed twice. With both sets the same size, that is a one-to-one match. A
    /// presented RDN holding two values of one type (`CN=a+CN=A`) claims one registered value
    /// twice and does not match.
    fn matches(&self, presented: &RelativeDistinguishedName) -> bool {
        if presented.0.len() != self.0.len() {
            return false;
        }
        let mut claimed = 0_u64;
        presented.0.iter().all(|p| {
            let Ok(index) = self.0.binary_search_by(|a| a.oid.cmp(&p.oid)) else {
                return false;
            };
            // The index is below MAX_RDN_ATTRIBUTES, which fits the u64 (asserted above).
            let Some(bit) = u32::try_from(index).ok().and_then(|i| 1_u64.checked_shl(i)) else {
                return false;
            };
            if claimed & bit != 0 {
                return false;
            }
            claimed |= bit;
            self.0.get(index).is_some_and(|ava| ava.matches(p))
        })
    }
}

impl Ava {
    fn matches(&self, presented: &AttributeTypeAndValue) -> bool {
        if presented.oid != self.oid {
            return false;
        }
        match &self.value {
            Value::Encoded(any) => presented.value == *any,
            Value::Text(prepared) => {
                let Some(text) = directory_string(&presented.value) else {
                    return false;
                };
                let rule = rule_for(&self.oid);
                if text.is_ascii() {
                    ascii_prepared_eq(text.as_bytes(), rule, prepared.as_bytes())
                } else {
                    prepare(&text, rule).is_ok_and(|p| p == *prepared)
                }
            }
        }
    }
}

/// The text of a string-typed attribute value (RFC 4518 §2.1 "Transcode"), or `None` for a
/// value of another type or an invalid encoding.
fn directory_string(value: &Any) -> Option<Cow<'_, str>> {
    let bytes = value.value();
    match value.tag() {
        Tag::Utf8String => std::str::from_utf8(bytes).ok().map(Cow::Borrowed),
        Tag::PrintableString | Tag::Ia5String | Tag::VisibleString | Tag::NumericString => bytes
            .is_ascii()
            .then(|| std::str::from_utf8(bytes).ok().map(Cow::Borrowed))
            .flatten(),
        // T.61 in practice holds ISO 8859-1, as OpenSSL and others read it.
        Tag::TeletexString => Some(Cow::Owned(bytes.iter().copied().map(char::from).collect())),
        // UCS-2, big-endian.
        Tag::BmpString => {
            let chunks = bytes.chunks_exact(2);
            if !chunks.remainder().is_empty() {
                return None;
            }
            let units = chunks.map(|c| match c {
                [hi, lo] => u16::from_be_bytes([*hi, *lo]),
                _ => 0,
            });
            char::decode_utf16(units)
                .collect::<Result<String, _>>()
                .ok()
                .map(Cow::Owned)
        }
        _ => None,
    }
}

/// What string preparation does with a character.
enum Mapped {
    /// The value holds a character that would vanish: it matches nothing.
    Refuse,
    /// RFC 4518 §2.2: mapped to SPACE.
    Space,
    /// Kept (then folded and normalized).
    Keep,
}

/// RFC 4518 §2.2 "Map", except case folding, with one departure: the characters RFC 4518
/// maps to nothing, and every control character, make the value match nothing instead.
///
/// crate policy (issue 10 item 4): deleting them lets a certificate for
/// `CN=vic<U+00AD>tim`, `CN=vic<U+0000>tim` (the null-prefix attack, CVE-2009-2408),
/// `CN=vic<U+200B>tim` or `CN=vic<U+202E>tim` authenticate as a client registered with
/// `CN=victim`. The CA that issued it, and OpenSSL, Go and Java comparing names, see two
/// different names, so a CA that lets subscribers choose their names would issue that
/// certificate to someone who is not the victim. Refusing is always safe for a verifier: the
/// match is then what RFC 4517 calls Undefined, which is not a match. Refused are:
/// - C0 and C1 controls, U+0000–U+001F and U+007F–U+009F (Unicode general category Cc).
///   This includes TAB, LF, VT, FF, CR and NEL, which RFC 4518 §2.2 maps to SPACE: no name
///   holds them (PrintableString, the usual type of a subject value, cannot), a CA or a log
///   shows them as something other than a space, and CR and LF split log lines. A
///   certificate with a tab in its subject no longer matches a space.
/// - Unicode `Default_Ignorable_Code_Point` (DerivedCoreProperties.txt, Unicode 16):
///   invisible characters, whether or not RFC 4518 deletes them. The Hangul fillers
///   (U+115F, U+1160, U+3164, U+FFA0) and Khmer inherent vowels (U+17B4, U+17B5) that
///   RFC 4518 keeps are in it too: they are kept by the match but shown as nothing.
/// - What else RFC 4518 §2.2 maps to nothing: U+1806, U+06DD, U+070F, U+FFF9–U+FFFB and
///   U+FFFC, so that preparation never deletes a character.
///
/// NFKC (§2.3) maps no other character to one of these (checked over every code point with
/// Python's `unicodedata`, Unicode 14), so refusing them before normalizing is enough. The other spaces
/// (U+00A0, U+3000, …) still map to SPACE as RFC 4518 says: they show as spaces.
fn map_char(c: char) -> Mapped {
    if c.is_control() || default_ignorable(c) {
        return Mapped::Refuse;
    }
    match c {
        // RFC 4518 §2.2 maps these to nothing; not controls, not default-ignorable.
        '\u{1806}' | '\u{06DD}' | '\u{070F}' | '\u{FFF9}'..='\u{FFFC}' => Mapped::Refuse,
        // RFC 4518 §2.2: the other separators (Zs, Zl, Zp) are SPACE.
        '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{2028}'..='\u{2029}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => Mapped::Space,
        _ => Mapped::Keep,
    }
}

/// Unicode `Default_Ignorable_Code_Point`, from DerivedCoreProperties.txt of Unicode 16.0
/// (27 entries there, 4,174 code points; adjacent entries merged here).
fn default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// Case folding (RFC 4518 §2.2, RFC 3454 table B.2): Unicode lower case, and the full
/// foldings of B.2 that lower case lacks for German sharp s and Greek final sigma.
fn push_folded(c: char, out: &mut String) {
    match c {
        'ß' | '\u{1E9E}' => out.push_str("ss"),
        'ς' => out.push('σ'),
        _ => out.extend(c.to_lowercase()),
    }
}

/// RFC 4518 §2.4: prohibited characters. Unassigned code points are not detected: the crate
/// carries no table of them.
fn prohibited(c: char) -> bool {
    let v = u32::from(c);
    matches!(
        c,
        '\u{0340}' | '\u{0341}' | '\u{FFFD}' | '\u{FDD0}'..='\u{FDEF}'
    ) || (0xE000..=0xF8FF).contains(&v)
        || (0xF_0000..=0xF_FFFD).contains(&v)
        || (0x10_0000..=0x10_FFFD).contains(&v)
        || (v & 0xFFFE) == 0xFFFE
}

/// Why a value cannot be prepared: its match is Undefined, which is not a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unprepared {
    /// A character RFC 4518 §2.4 prohibits.
    Prohibited,
    /// A control or invisible character (see [`map_char`]).
    Refused,
}

/// RFC 4518 string preparation for an equality rule: map (§2.2, see [`map_char`]), fold case
/// for `caseIgnoreMatch`, NFKC (§2.3), prohibit (§2.4), then insignificant space handling
/// (§2.6.1: leading and trailing spaces are dropped and inner runs of spaces compare as one).
fn prepare(s: &str, rule: Rule) -> Result<String, Unprepared> {
    let mut mapped = String::with_capacity(s.len());
    for c in s.chars() {
        match map_char(c) {
            Mapped::Refuse => return Err(Unprepared::Refused),
            Mapped::Space => mapped.push(' '),
            Mapped::Keep if rule == Rule::CaseIgnore => push_folded(c, &mut mapped),
            Mapped::Keep => mapped.push(c),
        }
    }
    // NFKC leaves ASCII as it is. Folding again after it catches what NFKC composed.
    let normalized = if mapped.is_ascii() {
        mapped
    } else {
        let nfkc: String = mapped.nfkc().collect();
        if rule == Rule::CaseIgnore {
            let mut folded = String::with_capacity(nfkc.len());
            nfkc.chars().for_each(|c| push_folded(c, &mut folded));
            folded
        } else {
            nfkc
        }
    };
    if normalized.chars().any(prohibited) {
        return Err(Unprepared::Prohibited);
    }
    let mut out = String::with_capacity(normalized.len());
    for word in normalized.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Ok(out)
}

/// [`prepare`] of an ASCII string compared with a prepared string, without allocating: the
/// common case of a certificate's attribute values, judged on every request. ASCII needs no
/// NFKC and holds no prohibited character; what remains is the refusal of control
/// characters, ASCII case folding and insignificant space handling, exactly as [`prepare`]
/// does them.
fn ascii_prepared_eq(presented: &[u8], rule: Rule, prepared: &[u8]) -> bool {
    let mut want = prepared.iter();
    let mut started = false;
    let mut pending_space = false;
    for &b in presented {
        let c = match b {
            // crate policy (see map_char): an ASCII control, TAB to CR included, matches
            // nothing.
            0x00..=0x1F | 0x7F => return false,
            _ if rule == Rule::CaseIgnore => b.to_ascii_lowercase(),
            _ => b,
        };
        if c == b' ' {
            pending_space = started;
            continue;
        }
        if pending_space {
            if want.next() != Some(&b' ') {
                return false;
            }
            pending_space = false;
        }
        started = true;
        if want.next() != Some(&c) {
            return false;
        }
    }
    want.next().is_none()
}

/// An RFC 4514 §3 parser over the bytes of the string. Every special character is ASCII, so
/// the bytes of multi-byte UTF-8 characters are copied through as they are.
struct Parser<'a> {
    s: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.pos).copied()
    }

    fn error(&self, offset: usize, kind: DnSyntaxErrorKind) -> DnSyntaxError {
        DnSyntaxError { offset, kind }
    }

    fn skip_spaces(&mut self) {
        while self.peek() == Some(b' ') {
            self.pos += 1;
        }
    }

    /// `distinguishedName = [ relativeDistinguishedName *( COMMA relativeDistinguishedName ) ]`
    /// `relativeDistinguishedName = attributeTypeAndValue *( PLUS attributeTypeAndValue )`
    ///
    /// Linear in the length of the string, which is bounded first: the types seen in the
    /// current RDN are kept in a set, not searched for in a list (a name of 40,000 values in
    /// one RDN took seconds that way), and the counts of RDNs and of values in an RDN are
    /// checked before the next one is parsed.
    fn parse(mut self) -> Result<DistinguishedName, DnSyntaxError> {
        if self.s.is_empty() {
            return Err(self.error(0, DnSyntaxErrorKind::EmptyName));
        }
        // crate policy: bounded before parsing (MAX_SUBJECT_DN_BYTES).
        if self.s.len() > MAX_SUBJECT_DN_BYTES {
            return Err(self.error(MAX_SUBJECT_DN_BYTES, DnSyntaxErrorKind::TooLong));
        }
        let mut rdns = Vec::new();
        let mut rdn: Vec<Ava> = Vec::new();
        let mut types_in_rdn = BTreeSet::new();
        loop {
            let type_start = self.pos;
            // crate policy: at most MAX_RDN_ATTRIBUTES values in one RDN.
            if rdn.len() == MAX_RDN_ATTRIBUTES {
                return Err(self.error(type_start, DnSyntaxErrorKind::TooManyAttributes));
            }
            let oid = self.attribute_type()?;
            if self.peek() != Some(b'=') {
                return Err(self.error(self.pos, DnSyntaxErrorKind::ExpectedEquals));
            }
            self.pos += 1;
            let value = self.attribute_value(&oid)?;
            // X.501 §9.3: one value per type in an RDN.
            if !types_in_rdn.insert(oid) {
                return Err(self.error(type_start, DnSyntaxErrorKind::DuplicateAttributeType));
            }
            rdn.push(Ava { oid, value });
            let separator = self.peek();
            match separator {
                None => {
                    rdns.push(Rdn::new(rdn));
                    break;
                }
                Some(b',') => {
                    rdns.push(Rdn::new(std::mem::take(&mut rdn)));
                    types_in_rdn.clear();
                }
                Some(b'+') => {}
                Some(_) => return Err(self.error(self.pos, DnSyntaxErrorKind::ExpectedSeparator)),
            }
            self.pos += 1;
            // Beyond RFC 4514: spaces after a separator, as in "CN=a, O=b".
            self.skip_spaces();
            // crate policy: at most MAX_SUBJECT_DN_RDNS RDNs.
            if separator == Some(b',') && rdns.len() == MAX_SUBJECT_DN_RDNS {
                return Err(self.error(self.pos, DnSyntaxErrorKind::TooManyRdns));
            }
        }
        // RFC 4514 §2.1: the string starts with the last RDN of the encoded sequence.
        rdns.reverse();
        Ok(DistinguishedName { rdns })
    }

    /// `attributeType = descr / numericoid` (RFC 4514 §3, RFC 4512 §1.4).
    fn attribute_type(&mut self) -> Result<ObjectIdentifier, DnSyntaxError> {
        let start = self.pos;
        match self.peek() {
            Some(b) if b.is_ascii_alphabetic() => {
                while self
                    .peek()
                    .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'-')
                {
                    self.pos += 1;
                }
                let name = self.s.get(start..self.pos).unwrap_or_default();
                // RFC 4512 §2.5: short names are case-insensitive.
                KNOWN_ATTRIBUTES
                    .iter()
                    .find(|(known, _)| known.eq_ignore_ascii_case(name))
                    .map(|(_, oid)| *oid)
                    .ok_or(self.error(start, DnSyntaxErrorKind::UnknownAttributeType))
            }
            Some(b) if b.is_ascii_digit() => {
                while self.peek().is_some_and(|b| b.is_ascii_digit() || b == b'.') {
                    self.pos += 1;
                }
                let text = self.s.get(start..self.pos).unwrap_or_default();
                // numericoid = number 1*( DOT number ); number = DIGIT / ( LDIGIT 1*DIGIT ).
                // Each arc must also fit the 32 bits an OID arc has here: const-oid's parser
                // does not check its arithmetic (fuzz finding subject_dn crash-37eacdab).
                let well_formed = text.split('.').count() >= 2
                    && text.split('.').all(|n| {
                        !n.is_empty()
                            && (n == "0" || !n.starts_with('0'))
                            && n.parse::<u32>().is_ok()
                    });
                well_formed
                    .then(|| ObjectIdentifier::new(text).ok())
                    .flatten()
                    .ok_or(self.error(start, DnSyntaxErrorKind::InvalidOid))
            }
            _ => Err(self.error(start, DnSyntaxErrorKind::ExpectedAttributeType)),
        }
    }

    /// `attributeValue = string / hexstring` (RFC 4514 §3).
    fn attribute_value(&mut self, oid: &ObjectIdentifier) -> Result<Value, DnSyntaxError> {
        let start = self.pos;
        let rule = rule_for(oid);
        if self.peek() == Some(b'#') {
            self.pos += 1;
            let any = self.hex_value(start)?;
            // A known type's string value given in hex compares like the string itself.
            return Ok(match directory_string(&any) {
                Some(s) if rule == Rule::CaseIgnore => Value::Text(self.prepared(&s, rule, start)?),
                _ => Value::Encoded(any),
            });
        }
        let text = self.string_value()?;
        let text =
            String::from_utf8(text).map_err(|_| self.error(start, DnSyntaxErrorKind::NotUtf8))?;
        self.prepared(&text, rule, start).map(Value::Text)
    }

    /// [`prepare`] of a registered value. A value that cannot be prepared would match no
    /// certificate; it is refused as a registration rather than left to never match, so that
    /// the mistake (or the attempt to register a name that looks like another) shows when the
    /// client registers, not as failed logins.
    fn prepared(&self, text: &str, rule: Rule, start: usize) -> Result<String, DnSyntaxError> {
        prepare(text, rule).map_err(|e| {
            self.error(
                start,
                match e {
                    // RFC 4518 §2.4
                    Unprepared::Prohibited => DnSyntaxErrorKind::ProhibitedCharacter,
                    // crate policy (see map_char)
                    Unprepared::Refused => DnSyntaxErrorKind::InvisibleCharacter,
                },
            )
        })
    }

    /// `hexstring = SHARP 1*hexpair`: the BER of one value (RFC 4514 §2.4), here as DER.
    fn hex_value(&mut self, start: usize) -> Result<Any, DnSyntaxError> {
        let mut bytes = Vec::new();
        loop {
            let hi = self.peek().and_then(hex_value);
            let Some(hi) = hi else { break };
            let lo = self
                .s
                .as_bytes()
                .get(self.pos + 1)
                .copied()
                .and_then(hex_value)
                .ok_or(self.error(start, DnSyntaxErrorKind::InvalidHexValue))?;
            bytes.push((hi << 4) | lo);
            self.pos += 2;
        }
        Any::from_der(&bytes).map_err(|_| self.error(start, DnSyntaxErrorKind::InvalidHexValue))
    }

    /// `string = [ ( leadchar / pair ) [ *( stringchar / pair ) ( trailchar / pair ) ] ]`,
    /// decoded to its bytes.
    fn string_value(&mut self) -> Result<Vec<u8>, DnSyntaxError> {
        let start = self.pos;
        let mut out = Vec::new();
        let mut ends_with_unescaped_space = false;
        loop {
            let at = self.pos;
            match self.peek() {
                None | Some(b',' | b'+') => break,
                Some(b'\\') => {
                    self.pos += 1;
                    match self.peek() {
                        // special = escaped / SPACE / SHARP / EQUALS; ESC
                        Some(
                            c @ (b'"' | b'+' | b',' | b';' | b'<' | b'>' | b' ' | b'#' | b'='
                            | b'\\'),
                        ) => {
                            out.push(c);
                            self.pos += 1;
                        }
                        // hexpair
                        Some(h) => {
                            let hi = hex_value(h);
                            let lo = self
                                .s
                                .as_bytes()
                                .get(self.pos + 1)
                                .copied()
                                .and_then(hex_value);
                            match (hi, lo) {
                                (Some(hi), Some(lo)) => out.push((hi << 4) | lo),
                                _ => return Err(self.error(at, DnSyntaxErrorKind::InvalidEscape)),
                            }
                            self.pos += 2;
                        }
                        None => return Err(self.error(at, DnSyntaxErrorKind::InvalidEscape)),
                    }
                    ends_with_unescaped_space = false;
                }
                Some(b'"' | b';' | b'<' | b'>' | 0) => {
                    return Err(self.error(at, DnSyntaxErrorKind::UnescapedSpecialCharacter))
                }
                Some(b' ') => {
                    if at == start {
                        return Err(self.error(at, DnSyntaxErrorKind::UnescapedSpace));
                    }
                    out.push(b' ');
                    self.pos += 1;
                    ends_with_unescaped_space = true;
                }
                Some(b) => {
                    out.push(b);
                    self.pos += 1;
                    ends_with_unescaped_space = false;
                }
            }
        }
        if ends_with_unescaped_space {
            return Err(self.error(
                self.pos.saturating_sub(1),
                DnSyntaxErrorKind::UnescapedSpace,
            ));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use x509_cert::der::asn1::SetOfVec;
    use x509_cert::name::RdnSequence;

    use super::*;

    const CN: &str = "2.5.4.3";
    const O: &str = "2.5.4.10";
    const OU: &str = "2.5.4.11";
    const C: &str = "2.5.4.6";
    const UID: &str = "0.9.2342.19200300.100.1.1";
    const DC: &str = "0.9.2342.19200300.100.1.25";
    const EMAIL: &str = "1.2.840.113549.1.9.1";

    /// One attribute: OID, string tag, value bytes.
    type Attr<'a> = (&'a str, Tag, &'a [u8]);

    /// A name in encoding order; each RDN a list of attributes.
    fn name(rdns: &[&[Attr<'_>]]) -> Name {
        RdnSequence(
            rdns.iter()
                .map(|rdn| {
                    let avas: Vec<AttributeTypeAndValue> = rdn
                        .iter()
                        .map(|(oid, tag, value)| AttributeTypeAndValue {
                            oid: ObjectIdentifier::new(oid).unwrap(),
                            value: Any::new(*tag, *value).unwrap(),
                        })
                        .collect();
                    RelativeDistinguishedName(SetOfVec::try_from(avas).unwrap())
                })
                .collect(),
        )
    }

    fn utf8(oid: &'static str, v: &'static str) -> Attr<'static> {
        (oid, Tag::Utf8String, v.as_bytes())
    }

    fn bmp(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    fn check(dn: &str, subject: &Name) -> bool {
        DistinguishedName::parse(dn).unwrap().matches(subject)
    }

    #[test]
    fn rdn_order_is_reversed_from_the_encoding() {
        // Encoded: C=JP, O=Example, CN=client (RFC 4514 §2.1 writes the last first).
        let subject = name(&[
            &[(C, Tag::PrintableString, b"JP")],
            &[utf8(O, "Example")],
            &[utf8(CN, "client")],
        ]);
        let table = [
            ("CN=client,O=Example,C=JP", true),
            // The same RDNs in encoding order: a different name.
            ("C=JP,O=Example,CN=client", false),
            ("O=Example,CN=client,C=JP", false),
            // Fewer or more RDNs.
            ("CN=client,O=Example", false),
            ("CN=client,O=Example,C=JP,DC=com", false),
        ];
        for (dn, want) in table {
            assert_eq!(check(dn, &subject), want, "{dn}");
        }
    }

    #[test]
    fn attribute_types_compare_by_oid() {
        let subject = name(&[&[utf8(CN, "mtls")]]);
        let table = [
            ("CN=mtls", true),
            ("cn=mtls", true),
            ("commonName=mtls", true),
            ("CommonName=mtls", true),
            ("2.5.4.3=mtls", true),
            // Another type with the same value.
            ("OU=mtls", false),
            ("2.5.4.11=mtls", false),
        ];
        for (dn, want) in table {
            assert_eq!(check(dn, &subject), want, "{dn}");
        }
    }

    #[test]
    fn escaped_comma_is_part_of_the_value() {
        let subject = name(&[&[utf8(O, "Example, Inc.")], &[utf8(CN, "client")]]);
        let table = [
            (r"CN=client,O=Example\, Inc.", true),
            (r"CN=client,O=Example\2C Inc.", true),
            (r"CN=client,O=Example\2c Inc.", true),
            (r"CN=client,O=Example Inc.", false),
            (r"CN=client,O=Example\,Inc.", false),
        ];
        for (dn, want) in table {
            assert_eq!(check(dn, &subject), want, "{dn}");
        }
        // Unescaped, the comma splits the RDN and " Inc." is no attribute type.
        assert_eq!(
            DistinguishedName::parse("CN=client,O=Example, Inc."),
            Err(DnSyntaxError {
                offset: 21,
                kind: DnSyntaxErrorKind::UnknownAttributeType
            })
        );
    }

    #[test]
    fn every_rfc4514_escape_decodes() {
        let subject = name(&[&[utf8(CN, "a\"b+c,d;e<f>g\\h=i#j")]]);
        assert!(check(r#"CN=a\"b\+c\,d\;e\<f\>g\\h\=i\#j"#, &subject));
        assert!(check(r"CN=a\22b\2Bc\2Cd\3Be\3Cf\3Eg\5Ch\3Di\23j", &subject));
        // "=" and a non-leading "#" need no escape.
        assert!(check(r"CN=a\22b\+c\,d\;e\<f\>g\\h=i#j", &subject));
        // A leading "#" or space, and a trailing space, escaped.
        assert!(check(r"CN=\#1", &name(&[&[utf8(CN, "#1")]])));
        assert!(check(r"CN=\ x\ ", &name(&[&[utf8(CN, " x ")]])));
        // Hex pairs form UTF-8: \C3\A9 is "é".
        assert!(check(r"CN=caf\C3\A9", &name(&[&[utf8(CN, "café")]])));
        assert!(check("CN=café", &name(&[&[utf8(CN, "café")]])));
        assert!(!check(r"CN=caf\C3\A8", &name(&[&[utf8(CN, "café")]])));
    }

    #[test]
    fn multi_valued_rdn_is_a_set() {
        let subject = name(&[
            &[utf8(O, "Example")],
            &[utf8(OU, "Engineering"), utf8(UID, "4326385670")],
            &[utf8(CN, "client")],
        ]);
        let table = [
            ("CN=client,OU=Engineering+UID=4326385670,O=Example", true),
            ("CN=client,UID=4326385670+OU=Engineering,O=Example", true),
            ("CN=client,UID=4326385670+ OU=Engineering,O=Example", true),
            // The two values as two RDNs: another name.
            ("CN=client,OU=Engineering,UID=4326385670,O=Example", false),
            // One value of the set missing, or one more.
            ("CN=client,OU=Engineering,O=Example", false),
            (
                "CN=client,OU=Engineering+UID=4326385670+L=Tokyo,O=Example",
                false,
            ),
            ("CN=client,OU=Engineering+UID=1,O=Example", false),
        ];
        for (dn, want) in table {
            assert_eq!(check(dn, &subject), want, "{dn}");
        }
        // A space before the "+" is an unescaped trailing space of the value before it.
        assert_eq!(
            DistinguishedName::parse("CN=client,UID=4326385670 + OU=Engineering,O=Example"),
            Err(DnSyntaxError {
                offset: 24,
                kind: DnSyntaxErrorKind::UnescapedSpace
            })
        );
    }

    #[test]
    fn values_compare_by_case_ignore_match_with_insignificant_spaces() {
        let table: &[(&str, Attr<'_>, bool)] = &[
            ("CN=mtls", utf8(CN, "MTLS"), true),
            ("CN=Example Corp", utf8(CN, "  example   corp "), true),
            (r"CN=Example\20\20Corp", utf8(CN, "Example Corp"), true),
            ("CN=Example Corp", utf8(CN, "ExampleCorp"), false),
            // No-break spaces and ideographic spaces are spaces (RFC 4518 §2.2).
            ("CN=a b", utf8(CN, "a\u{00A0}b"), true),
            ("CN=a b", utf8(CN, "a\u{3000}b"), true),
            ("CN=a b", utf8(CN, "a\u{2003}b"), true),
            // Tabs are not (crate policy, see map_char), nor are soft hyphens and zero-width
            // spaces nothing: see control_and_invisible_characters_match_nothing.
            ("CN=a b", utf8(CN, "a\tb"), false),
            ("CN=ab", utf8(CN, "a\u{00AD}b\u{200B}"), false),
            // NFKC: full-width letters, and composed against decomposed.
            ("CN=abc", utf8(CN, "ＡＢＣ"), true),
            ("CN=café", utf8(CN, "cafe\u{0301}"), true),
            ("CN=CAFÉ", utf8(CN, "café"), true),
            // Full case folding (RFC 3454 B.2): ß is "ss", final sigma is sigma.
            ("CN=STRASSE", utf8(CN, "straße"), true),
            ("CN=ΟΔΟΣ", utf8(CN, "οδος"), true),
            ("CN=cafe", utf8(CN, "café"), false),
            // A prohibited character makes the match Undefined: no match.
            ("CN=a", utf8(CN, "a\u{E000}"), false),
            // caseIgnoreIA5Match for emailAddress and DC.
            (
                "emailAddress=Client@Example.COM",
                (EMAIL, Tag::Ia5String, b"client@example.com"),
                true,
            ),
            ("DC=Example", (DC, Tag::Ia5String, b"example"), true),
            // countryName is a PrintableString compared without case.
            ("C=jp", (C, Tag::PrintableString, b"JP"), true),
            ("C=JP", (C, Tag::PrintableString, b"US"), false),
        ];
        for (dn, value, want) in table {
            assert_eq!(check(dn, &name(&[&[*value]])), *want, "{dn}");
        }
    }

    #[test]
    fn directory_string_types_are_transcoded() {
        let table: Vec<(&str, Tag, Vec<u8>, bool)> = vec![
            ("CN=mtls", Tag::PrintableString, b"mtls".to_vec(), true),
            ("CN=mtls", Tag::Ia5String, b"mtls".to_vec(), true),
            ("CN=mtls", Tag::VisibleString, b"mtls".to_vec(), true),
            ("CN=Müller", Tag::BmpString, bmp("Müller"), true),
            ("CN=Müller", Tag::BmpString, bmp("Muller"), false),
            // T.61 read as ISO 8859-1: 0xFC is "ü".
            ("CN=Müller", Tag::TeletexString, b"M\xFCller".to_vec(), true),
            (
                "CN=Müller",
                Tag::Utf8String,
                "Müller".as_bytes().to_vec(),
                true,
            ),
            // Not a string: no match with a string value.
            ("CN=5", Tag::Integer, vec![5], false),
            // An odd-length BMPString is no string.
            ("CN=a", Tag::BmpString, vec![0, b'a', 0], false),
        ];
        for (dn, tag, bytes, want) in table {
            let subject = name(&[&[(CN, tag, bytes.as_slice())]]);
            assert_eq!(check(dn, &subject), want, "{dn} {tag:?}");
        }
    }

    #[test]
    fn hex_values_are_ber_encodings() {
        let utf8_mtls = name(&[&[utf8(CN, "mtls")]]);
        // UTF8String "mtls", and PrintableString "MTLS": a known type compares them as strings.
        assert!(check("CN=#0C046D746C73", &utf8_mtls));
        assert!(check("CN=#13044D544C53", &utf8_mtls));
        assert!(check("cn=#0c046d746c73", &utf8_mtls));
        assert!(!check("CN=#0C046D746C74", &utf8_mtls));
        // A type this crate does not know compares hex values by their encoding.
        let unknown = name(&[&[("1.3.6.1.4.1.99999.1", Tag::Integer, &[5])]]);
        assert!(check("1.3.6.1.4.1.99999.1=#020105", &unknown));
        assert!(!check("1.3.6.1.4.1.99999.1=#020106", &unknown));
        // ... and string values exactly (caseExactMatch), spaces prepared.
        let unknown = name(&[&[("1.3.6.1.4.1.99999.2", Tag::Utf8String, b"Foo  Bar")]]);
        assert!(check("1.3.6.1.4.1.99999.2=Foo Bar", &unknown));
        assert!(!check("1.3.6.1.4.1.99999.2=foo bar", &unknown));
    }

    /// Fuzz finding `fuzz/regressions/subject_dn/crash-37eacdab…`: an OID arc beyond 32 bits
    /// overflowed const-oid's arithmetic (a panic with overflow checks on).
    #[test]
    fn oid_arc_beyond_32_bits_is_invalid_not_a_panic() {
        for dn in [
            "1.3.4869.1.146604024869,D",
            "1.3.4294967296=a",
            "2.5.4.99999999999999999999=a",
        ] {
            assert_eq!(
                DistinguishedName::parse(dn),
                Err(DnSyntaxError {
                    offset: 0,
                    kind: DnSyntaxErrorKind::InvalidOid
                }),
                "{dn}"
            );
        }
        // The largest arc still parses.
        assert!(DistinguishedName::parse("1.3.4294967295=a").is_ok());
    }

    #[test]
    fn syntax_errors_name_the_offset_and_reason() {
        use DnSyntaxErrorKind::*;
        let table: &[(&str, usize, DnSyntaxErrorKind)] = &[
            ("", 0, EmptyName),
            ("CN", 2, ExpectedEquals),
            ("CN = a", 2, ExpectedEquals),
            ("=a", 0, ExpectedAttributeType),
            (" CN=a", 0, ExpectedAttributeType),
            ("CN=a,", 5, ExpectedAttributeType),
            ("CN=a,,O=b", 5, ExpectedAttributeType),
            ("CN=a+", 5, ExpectedAttributeType),
            ("XX=a", 0, UnknownAttributeType),
            ("CN=a,EMAIL=b", 5, UnknownAttributeType),
            ("2=a", 0, InvalidOid),
            ("2.05.4.3=a", 0, InvalidOid),
            ("2.5.4.3.=a", 0, InvalidOid),
            ("2..5=a", 0, InvalidOid),
            ("OID.2.5.4.3=a", 0, UnknownAttributeType),
            ("CN=a;O=b", 4, UnescapedSpecialCharacter),
            ("CN=a\"b", 4, UnescapedSpecialCharacter),
            ("CN=a<b", 4, UnescapedSpecialCharacter),
            ("CN=a\0b", 4, UnescapedSpecialCharacter),
            (r"CN=a\x", 4, InvalidEscape),
            (r"CN=a\4", 4, InvalidEscape),
            (r"CN=a\4g", 4, InvalidEscape),
            (r"CN=a\", 4, InvalidEscape),
            (r"CN=\FF", 3, NotUtf8),
            (r"CN=\C3", 3, NotUtf8),
            ("CN= a", 3, UnescapedSpace),
            ("CN=a ", 4, UnescapedSpace),
            ("CN=a ,O=b", 4, UnescapedSpace),
            ("CN=#", 3, InvalidHexValue),
            ("CN=#0C0", 3, InvalidHexValue),
            ("CN=#0C05616263", 3, InvalidHexValue),
            ("CN=#0C03616263FF", 3, InvalidHexValue),
            ("CN=#0C03616263x", 14, ExpectedSeparator),
            ("CN=a\u{E000}", 3, ProhibitedCharacter),
            ("CN=a+CN=b", 5, DuplicateAttributeType),
            ("CN=a+cn=a", 5, DuplicateAttributeType),
        ];
        for (dn, offset, kind) in table {
            assert_eq!(
                DistinguishedName::parse(dn),
                Err(DnSyntaxError {
                    offset: *offset,
                    kind: *kind
                }),
                "{dn:?}"
            );
        }
    }

    #[test]
    fn accepted_spellings() {
        for dn in [
            "CN=a",
            "CN=",
            "CN=a,O=b",
            "CN=a, O=b",
            "CN=a,  O=b",
            "CN=a b",
            "CN=a=b",
            "CN=a#b",
            "CN=a+OU=b",
            "cn=a,dc=example,dc=com",
            "1.3.6.1.4.1.311.60.2.1.3=JP",
            "0.9.2342.19200300.100.1.25=com",
        ] {
            assert!(DistinguishedName::parse(dn).is_ok(), "{dn}");
        }
    }

    #[test]
    fn short_names_are_their_oids() {
        let table = [
            ("CN", "2.5.4.3"),
            ("SN", "2.5.4.4"),
            ("SERIALNUMBER", "2.5.4.5"),
            ("C", "2.5.4.6"),
            ("L", "2.5.4.7"),
            ("ST", "2.5.4.8"),
            ("STREET", "2.5.4.9"),
            ("O", "2.5.4.10"),
            ("OU", "2.5.4.11"),
            ("title", "2.5.4.12"),
            ("GN", "2.5.4.42"),
            ("dnQualifier", "2.5.4.46"),
            ("organizationIdentifier", "2.5.4.97"),
            ("UID", "0.9.2342.19200300.100.1.1"),
            ("DC", "0.9.2342.19200300.100.1.25"),
            ("emailAddress", "1.2.840.113549.1.9.1"),
            ("E", "1.2.840.113549.1.9.1"),
        ];
        for (short, oid) in table {
            for spelling in [short.to_owned(), short.to_lowercase(), short.to_uppercase()] {
                assert_eq!(
                    DistinguishedName::parse(&format!("{spelling}=x")),
                    DistinguishedName::parse(&format!("{oid}=x")),
                    "{spelling}"
                );
            }
        }
        assert_ne!(
            DistinguishedName::parse("CN=x"),
            DistinguishedName::parse("OU=x")
        );
    }

    #[test]
    fn control_and_invisible_characters_match_nothing() {
        let victim = DistinguishedName::parse("CN=victim").unwrap();
        let matches = |attr: Attr<'_>| victim.matches(&name(&[&[attr]]));
        // Each a name other than "victim" to a CA and to OpenSSL, Go and
        // Java, and what RFC 4518 §2.2 alone would make "victim".
        for value in [
            "vic\u{00AD}tim",  // soft hyphen
            "vic\u{0000}tim",  // NUL, the null-prefix attack (CVE-2009-2408)
            "victim\u{0000}",  // NUL at the end
            "vic\u{200B}tim",  // zero-width space
            "vic\u{202E}tim",  // right-to-left override
            "\u{FEFF}victim",  // zero-width no-break space
            "vic\u{2060}tim",  // word joiner
            "vic\u{034F}tim",  // combining grapheme joiner
            "vic\u{FE0F}tim",  // variation selector
            "vic\u{E0041}tim", // tag character
            "vic\u{001B}tim",  // ESC
            "vic\u{007F}tim",  // DEL
            "vic\u{0080}tim",  // C1 control
            "vic\u{1806}tim",  // the rest RFC 4518 deletes: Mongolian todo soft hyphen
            "vic\u{FFFC}tim",  // object replacement character
        ] {
            assert!(!matches(utf8(CN, value)), "{value:?}");
            // However the value is encoded.
            assert!(
                !matches((CN, Tag::BmpString, &bmp(value))),
                "BMPString {value:?}"
            );
        }
        // Controls RFC 4518 maps to SPACE are refused too (crate policy, see map_char).
        let spaced = DistinguishedName::parse("CN=vic tim").unwrap();
        for value in [
            "vic\ttim",
            "vic\ntim",
            "vic\u{000B}tim",
            "vic\u{000C}tim",
            "vic\rtim",
            "vic\u{0085}tim",
        ] {
            assert!(!spaced.matches(&name(&[&[utf8(CN, value)]])), "{value:?}");
        }
        // Default-ignorable characters RFC 4518 keeps: refused as well, though they could
        // not have matched "victim".
        for value in ["vic\u{3164}tim", "vic\u{115F}tim", "vic\u{061C}tim"] {
            assert!(!matches(utf8(CN, value)), "{value:?}");
        }
        // ISO 8859-1 in a TeletexString: 0xAD is the soft hyphen, 0x85 NEL, 0x00 NUL.
        for bytes in [&b"vic\xADtim"[..], b"vic\x85tim", b"vic\x00tim"] {
            assert!(!matches((CN, Tag::TeletexString, bytes)), "{bytes:?}");
        }
        // ASCII controls in the ASCII string types, through the fast path.
        for tag in [Tag::PrintableString, Tag::Ia5String, Tag::VisibleString] {
            assert!(!matches((CN, tag, b"vic\x00tim")), "{tag:?}");
            assert!(!matches((CN, tag, b"victim\t")), "{tag:?}");
            assert!(matches((CN, tag, b"victim")), "{tag:?}");
        }
        // Types this crate does not know (caseExactMatch) refuse them the same way.
        let unknown = DistinguishedName::parse("1.1.1=victim").unwrap();
        let unknown_value = |v: &'static str| name(&[&[("1.1.1", Tag::Utf8String, v.as_bytes())]]);
        assert!(!unknown.matches(&unknown_value("vic\u{00AD}tim")));
        assert!(unknown.matches(&unknown_value("victim")));

        // The accepting twins: what RFC 4518 makes equal and a CA shows alike still matches.
        for value in [
            "victim",
            "Victim",
            "VICTIM",
            "victim  ",
            "  victim",
            "ｖｉｃｔｉｍ", // NFKC: full-width letters
        ] {
            assert!(matches(utf8(CN, value)), "{value:?}");
            assert!(matches((CN, Tag::BmpString, &bmp(value))), "{value:?}");
        }
        for value in ["vic tim", "vic  tim", "vic\u{00A0}tim", "vic\u{3000}tim"] {
            assert!(spaced.matches(&name(&[&[utf8(CN, value)]])), "{value:?}");
        }
    }

    #[test]
    fn default_ignorable_is_the_unicode_16_property() {
        // DerivedCoreProperties-16.0.0.txt: 4,174 code points are Default_Ignorable_Code_Point.
        let all = (0..=0x10_FFFF_u32).filter_map(char::from_u32);
        assert_eq!(all.filter(|&c| default_ignorable(c)).count(), 4174);
        for c in [
            '\u{00AD}',
            '\u{061C}',
            '\u{180F}',
            '\u{2065}',
            '\u{1BCA3}',
            '\u{E0FFF}',
        ] {
            assert!(default_ignorable(c), "U+{:04X}", u32::from(c));
        }
        // Neighbours that are not: visible format characters and ordinary spaces.
        for c in [
            '\u{0600}',
            '\u{06DD}',
            '\u{00A0}',
            '\u{2800}',
            '\u{FFF9}',
            '\u{E1000}',
        ] {
            assert!(!default_ignorable(c), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn registered_control_or_invisible_character_is_a_registration_error() {
        // Refused at the start of the value.
        let invisible = |dn: &str| {
            DistinguishedName::parse(dn).map_err(|e| (e.offset, e.kind))
                == Err((
                    dn.find('=').unwrap() + 1,
                    DnSyntaxErrorKind::InvisibleCharacter,
                ))
        };
        for dn in [
            r"CN=vic\C2\ADtim",       // soft hyphen, hex-escaped
            "CN=vic\u{00AD}tim",      // soft hyphen, as is
            r"CN=vic\00tim",          // NUL, escaped (unescaped is an RFC 4514 error)
            "CN=vic\ttim",            // tab, as is
            r"CN=vic\0Atim",          // LF, escaped
            "CN=vic\u{200B}tim",      // zero-width space
            "CN=vic\u{202E}tim",      // right-to-left override
            "CN=#0C077669630974696D", // UTF8String "vic\ttim" in hex
            "1.1.1=vic\u{200B}tim",   // a type this crate does not know
        ] {
            assert!(invisible(dn), "{dn:?}");
        }
        // The accepting twins: spaces, escaped or not, and other spaces.
        for dn in [
            r"CN=vic\20tim",
            "CN=vic tim",
            "CN=vic\u{00A0}tim",
            r"CN=vic\C2\A0tim",
            "CN=#0C077669632074696D",
        ] {
            assert!(DistinguishedName::parse(dn).is_ok(), "{dn:?}");
        }
    }

    #[test]
    fn ascii_fast_path_agrees_with_prepare() {
        let values = [
            "",
            " ",
            "a",
            " a ",
            "A  B",
            "a\tb",
            "a\x00b",
            "\x7Fx",
            "Ab Cd  ",
            "  x\r\ny ",
            "a b",
        ];
        let prepared = ["", "a", "a b", "ab", "x", "x y", "ab cd"];
        for rule in [Rule::CaseIgnore, Rule::CaseExact] {
            for v in values {
                for p in prepared {
                    assert_eq!(
                        ascii_prepared_eq(v.as_bytes(), rule, p.as_bytes()),
                        prepare(v, rule).as_deref() == Ok(p),
                        "{rule:?} {v:?} {p:?}"
                    );
                }
                match prepare(v, rule) {
                    Ok(own) => assert!(
                        ascii_prepared_eq(v.as_bytes(), rule, own.as_bytes()),
                        "{v:?}"
                    ),
                    // A control character: nothing matches, not even the value without it.
                    Err(e) => {
                        assert_eq!(e, Unprepared::Refused, "{v:?}");
                        let without: String = v.chars().filter(|c| !c.is_control()).collect();
                        let without = prepare(&without, rule).unwrap();
                        assert!(
                            !ascii_prepared_eq(v.as_bytes(), rule, without.as_bytes()),
                            "{v:?}"
                        );
                    }
                }
            }
        }
    }

    /// `n` values of distinct dotted-OID types in one RDN: `1.1.0=v+1.1.1=v+...`.
    fn wide_rdn(n: usize, value: &str) -> String {
        (0..n)
            .map(|i| format!("1.1.{i}={value}"))
            .collect::<Vec<_>>()
            .join("+")
    }

    #[test]
    fn string_length_is_bounded_before_parsing() {
        // Exactly at the limit: one long value.
        let at = format!("CN={}", "a".repeat(MAX_SUBJECT_DN_BYTES - 3));
        assert_eq!(at.len(), MAX_SUBJECT_DN_BYTES);
        assert!(DistinguishedName::parse(&at).is_ok());
        let too_long = Err(DnSyntaxError {
            offset: MAX_SUBJECT_DN_BYTES,
            kind: DnSyntaxErrorKind::TooLong,
        });
        assert_eq!(DistinguishedName::parse(&format!("{at}a")), too_long);
        // Refused before parsing: the syntax error at offset 0 is never reached.
        let garbage = ";".repeat(MAX_SUBJECT_DN_BYTES + 1);
        assert_eq!(DistinguishedName::parse(&garbage), too_long);
        // 40,000 values in one RDN (549 KB), once seconds of work.
        let huge = vec!["CN=a"; 40_000].join("+");
        assert_eq!(DistinguishedName::parse(&huge), too_long);
    }

    #[test]
    fn values_per_rdn_are_bounded() {
        let at = wide_rdn(MAX_RDN_ATTRIBUTES, "v");
        assert!(DistinguishedName::parse(&at).is_ok());
        // One more is refused where it starts, before its value is parsed: the ";" there
        // would be UnescapedSpecialCharacter.
        let over = format!("{at}+CN=;");
        assert_eq!(
            DistinguishedName::parse(&over),
            Err(DnSyntaxError {
                offset: at.len() + 1,
                kind: DnSyntaxErrorKind::TooManyAttributes
            })
        );
        // The bound is per RDN: another RDN may have as many.
        assert!(DistinguishedName::parse(&format!("{at},{at}")).is_ok());
    }

    #[test]
    fn rdns_are_bounded() {
        let at = vec!["CN=a"; MAX_SUBJECT_DN_RDNS].join(",");
        assert!(DistinguishedName::parse(&at).is_ok());
        // One more is refused where it starts, before it is parsed (";" is no type).
        let over = format!("{at}, ;");
        assert_eq!(
            DistinguishedName::parse(&over),
            Err(DnSyntaxError {
                offset: at.len() + 2,
                kind: DnSyntaxErrorKind::TooManyRdns
            })
        );
        // Values joined by "+" are not RDNs.
        assert!(DistinguishedName::parse(&format!("{at}+O=b")).is_ok());
    }

    #[test]
    fn largest_name_parses_and_matches_in_any_order() {
        // As many RDNs as the length allows, each with the most values, then padded to the
        // length limit: the largest work a registration can ask for.
        let rdn = wide_rdn(MAX_RDN_ATTRIBUTES, "v");
        let count = (MAX_SUBJECT_DN_BYTES - 3) / (rdn.len() + 1);
        let rest = vec![rdn.as_str(); count].join(",");
        let pad = "p".repeat(MAX_SUBJECT_DN_BYTES - rest.len() - 4);
        let dn = format!("CN={pad},{rest}");
        assert_eq!(dn.len(), MAX_SUBJECT_DN_BYTES);
        let parsed = DistinguishedName::parse(&dn).unwrap();
        assert_eq!(parsed.rdns.len(), count + 1);

        // A subject with the values of each RDN in reverse order matches; one with a value
        // missing or different does not.
        let oids: Vec<String> = (0..MAX_RDN_ATTRIBUTES)
            .map(|i| format!("1.1.{i}"))
            .collect();
        let reversed: Vec<Attr<'_>> = oids
            .iter()
            .rev()
            .map(|o| (o.as_str(), Tag::Utf8String, &b"v"[..]))
            .collect();
        let first: [Attr<'_>; 1] = [(CN, Tag::Utf8String, pad.as_bytes())];
        let mut rdns: Vec<&[Attr<'_>]> = vec![reversed.as_slice(); count];
        rdns.push(&first);
        assert!(parsed.matches(&name(&rdns)));
        let fewer = &reversed[1..];
        rdns[0] = fewer;
        assert!(!parsed.matches(&name(&rdns)));
        let mut other = reversed.clone();
        other[5].2 = b"w";
        rdns[0] = &other;
        assert!(!parsed.matches(&name(&rdns)));
    }

    #[test]
    fn presented_rdn_cannot_use_one_registered_value_twice() {
        let dn = DistinguishedName::parse("CN=a+O=x").unwrap();
        // Two CN values, both equal to the registered one, and no O: not the same set.
        assert!(!dn.matches(&name(&[&[utf8(CN, "a"), utf8(CN, "A")]])));
        assert!(dn.matches(&name(&[&[utf8(CN, "a"), utf8(O, "x")]])));
        assert!(dn.matches(&name(&[&[utf8(O, "X"), utf8(CN, "A")]])));
    }

    #[test]
    fn dc_components_in_string_order_are_reversed() {
        // "DC=example,DC=com" is encoded DC=com first.
        let subject = name(&[
            &[(DC, Tag::Ia5String, b"com")],
            &[(DC, Tag::Ia5String, b"example")],
        ]);
        assert!(check("DC=example,DC=com", &subject));
        assert!(!check("DC=com,DC=example", &subject));
    }
}
