//! SPIFFE IDs (SPIFFE-ID §2), parsed strictly, and the registered `spiffe_id` they are matched
//! against (draft-ietf-oauth-spiffe-client-auth-02 §5.1).
//!
//! A SPIFFE ID is `spiffe://<trust domain><path>`: the scheme `spiffe` in lowercase; a trust
//! domain of lowercase letters, digits, `.`, `-` and `_` with no port or userinfo; a path of
//! `/`-separated segments of letters, digits, `.`, `-` and `_`, none empty, `.` or `..`, and
//! no trailing `/`; no query or fragment; 2048 bytes at most. Nothing is normalized: an ID
//! that breaks a rule is refused, never repaired, so two valid IDs are the same exactly when
//! their texts are equal.

use std::fmt;

use crate::wire::error::spiffe::SpiffeIdProblem;

/// The longest SPIFFE ID accepted, in bytes (SPIFFE-ID §2.3: "URIs with lengths exceeding
/// 2048 bytes" are not required to be supported). Checked before anything else is read.
pub const MAX_SPIFFE_ID_BYTES: usize = 2048;

/// The longest trust domain name, in bytes (SPIFFE-ID §2.3).
const MAX_TRUST_DOMAIN_BYTES: usize = 255;

/// SPIFFE-ID §2: the scheme and its separator.
const PREFIX: &str = "spiffe://";

/// A SPIFFE ID that follows every rule of SPIFFE-ID §2.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SpiffeId {
    text: String,
    /// Where the trust domain ends in `text`.
    domain_end: usize,
}

impl fmt::Debug for SpiffeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SpiffeId({:?})", self.text)
    }
}

impl fmt::Display for SpiffeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl SpiffeId {
    /// Parses a SPIFFE ID.
    ///
    /// # Errors
    ///
    /// The [`SpiffeIdProblem`] of the first rule broken.
    pub fn parse(text: &str) -> Result<Self, SpiffeIdProblem> {
        // SPIFFE-ID §2.3: bounded before it is read.
        if text.len() > MAX_SPIFFE_ID_BYTES {
            return Err(SpiffeIdProblem::TooLong);
        }
        // SPIFFE-ID §2: "spiffe://", the scheme in lowercase.
        let rest = text.strip_prefix(PREFIX).ok_or(SpiffeIdProblem::Scheme)?;
        // SPIFFE-ID §2: no query, no fragment.
        if rest.contains(['?', '#']) {
            return Err(SpiffeIdProblem::QueryOrFragment);
        }
        let (domain, path) = match rest.find('/') {
            Some(slash) => rest.split_at(slash),
            None => (rest, ""),
        };
        check_trust_domain(domain)?;
        check_path(path)?;
        Ok(Self {
            text: text.to_owned(),
            domain_end: PREFIX.len() + domain.len(),
        })
    }

    /// The trust domain name (SPIFFE-ID §2.1), `example.org`.
    pub fn trust_domain(&self) -> &str {
        self.text.get(PREFIX.len()..self.domain_end).unwrap_or("")
    }

    /// The path (SPIFFE-ID §2.2): empty for a trust domain's own ID, else `/`-led.
    pub fn path(&self) -> &str {
        self.text.get(self.domain_end..).unwrap_or("")
    }

    /// The whole ID.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// SPIFFE-ID §2.1: a trust domain name is non-empty and made of lowercase letters, digits,
/// `.`, `-` and `_`; a port (`:`) or userinfo (`@`) has no place in it.
///
/// # Errors
///
/// [`SpiffeIdProblem::EmptyTrustDomain`], [`SpiffeIdProblem::PortOrUserinfo`],
/// [`SpiffeIdProblem::TrustDomainCharacter`].
pub(crate) fn check_trust_domain(domain: &str) -> Result<(), SpiffeIdProblem> {
    if domain.is_empty() {
        return Err(SpiffeIdProblem::EmptyTrustDomain);
    }
    // SPIFFE-ID §2.3: "a maximum length of a trust domain name is 255 bytes".
    if domain.len() > MAX_TRUST_DOMAIN_BYTES {
        return Err(SpiffeIdProblem::TrustDomainTooLong);
    }
    if domain.contains([':', '@']) {
        return Err(SpiffeIdProblem::PortOrUserinfo);
    }
    let allowed = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b);
    if !domain.bytes().all(allowed) {
        return Err(SpiffeIdProblem::TrustDomainCharacter);
    }
    Ok(())
}

/// SPIFFE-ID §2.2: empty, or `/`-separated segments, each non-empty, not `.` or `..`, of
/// letters, digits, `.`, `-` and `_` (so no percent-encoding); no trailing `/`.
fn check_path(path: &str) -> Result<(), SpiffeIdProblem> {
    let Some(segments) = path.strip_prefix('/') else {
        // `check_path` gets what follows the trust domain: empty, or from a '/'.
        return Ok(());
    };
    let allowed = |b: u8| b.is_ascii_alphanumeric() || b"._-".contains(&b);
    for segment in segments.split('/') {
        if segment.is_empty() {
            return Err(SpiffeIdProblem::EmptySegment);
        }
        if segment == "." || segment == ".." {
            return Err(SpiffeIdProblem::DotSegment);
        }
        if !segment.bytes().all(allowed) {
            return Err(SpiffeIdProblem::PathCharacter);
        }
    }
    Ok(())
}

/// A registered `spiffe_id`: one SPIFFE ID, or a final `/*` that accepts every SPIFFE ID
/// under that path by whole segments (draft-ietf-oauth-spiffe-client-auth-02 §5.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SpiffeIdPattern {
    /// The SVID's SPIFFE ID must be this one, byte for byte.
    Exact(SpiffeId),
    /// The SVID's SPIFFE ID must begin with this one and a `/`.
    Under(SpiffeId),
}

impl SpiffeIdPattern {
    /// Parses a registered `spiffe_id`.
    ///
    /// # Errors
    ///
    /// The [`SpiffeIdProblem`] of the first rule broken; [`SpiffeIdProblem::Wildcard`] for a
    /// `*` anywhere but a final `/*`.
    pub(crate) fn parse(text: &str) -> Result<Self, SpiffeIdProblem> {
        // draft-ietf-oauth-spiffe-client-auth-02 §5.1: a wildcard "MUST end with the
        // two-character sequence "/*"".
        if let Some(base) = text.strip_suffix("/*") {
            if base.contains('*') {
                return Err(SpiffeIdProblem::Wildcard);
            }
            return SpiffeId::parse(base).map(Self::Under);
        }
        if text.contains('*') {
            return Err(SpiffeIdProblem::Wildcard);
        }
        SpiffeId::parse(text).map(Self::Exact)
    }

    /// The trust domain every SPIFFE ID it matches belongs to.
    pub(crate) fn trust_domain(&self) -> &str {
        match self {
            Self::Exact(id) | Self::Under(id) => id.trust_domain(),
        }
    }

    /// The registered text, `/*` included, for the operator's log.
    pub(crate) fn text(&self) -> String {
        match self {
            Self::Exact(id) => id.as_str().to_owned(),
            Self::Under(base) => format!("{}/*", base.as_str()),
        }
    }

    /// Whether a presented SPIFFE ID is the registered one (draft-ietf-oauth-spiffe-client-
    /// auth-02 §5.1: an exact match, or for `/*` a "path-segment prefix match": `…/client/*`
    /// matches `…/client/123`, not `…/client123` nor `…/client` itself).
    pub(crate) fn matches(&self, id: &SpiffeId) -> bool {
        match self {
            Self::Exact(registered) => registered == id,
            Self::Under(base) => id
                .as_str()
                .strip_prefix(base.as_str())
                .is_some_and(|rest| rest.starts_with('/')),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SpiffeIdProblem as P;

    #[test]
    fn spiffe_id_examples_of_the_spec_parse() {
        // SPIFFE-ID §2's examples, and the edges of each character class.
        for (text, domain, path) in [
            (
                "spiffe://trust-domain-name/path",
                "trust-domain-name",
                "/path",
            ),
            (
                "spiffe://staging.example.com/payments/mysql",
                "staging.example.com",
                "/payments/mysql",
            ),
            (
                "spiffe://k8s-west.example.com/ns/staging/sa/default",
                "k8s-west.example.com",
                "/ns/staging/sa/default",
            ),
            ("spiffe://example.org", "example.org", ""),
            (
                "spiffe://example_org.1-2/A.b-C_9/x",
                "example_org.1-2",
                "/A.b-C_9/x",
            ),
            ("spiffe://a/...", "a", "/..."),
            ("spiffe://a/.b", "a", "/.b"),
        ] {
            let id = SpiffeId::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(
                (id.trust_domain(), id.path(), id.as_str()),
                (domain, path, text)
            );
        }
    }

    #[test]
    fn spiffe_ids_breaking_a_rule_are_refused() {
        let long_path = format!("spiffe://example.org/{}", "a".repeat(MAX_SPIFFE_ID_BYTES));
        let longest = format!(
            "spiffe://example.org/{}",
            "a".repeat(MAX_SPIFFE_ID_BYTES - "spiffe://example.org/".len())
        );
        assert_eq!(longest.len(), MAX_SPIFFE_ID_BYTES);
        assert!(SpiffeId::parse(&longest).is_ok());
        let widest = format!("spiffe://{}/a", "d".repeat(255));
        assert!(SpiffeId::parse(&widest).is_ok());
        let too_wide = format!("spiffe://{}/a", "d".repeat(256));
        assert_eq!(SpiffeId::parse(&too_wide), Err(P::TrustDomainTooLong));
        for (text, want) in [
            (long_path.as_str(), P::TooLong),
            ("", P::Scheme),
            ("spiffe:/example.org/a", P::Scheme),
            ("SPIFFE://example.org/a", P::Scheme),
            ("https://example.org/a", P::Scheme),
            ("example.org/a", P::Scheme),
            ("spiffe://", P::EmptyTrustDomain),
            ("spiffe:///a", P::EmptyTrustDomain),
            ("spiffe://Example.org/a", P::TrustDomainCharacter),
            ("spiffe://exa mple.org/a", P::TrustDomainCharacter),
            ("spiffe://exämple.org/a", P::TrustDomainCharacter),
            ("spiffe://example.org:8080/a", P::PortOrUserinfo),
            ("spiffe://user@example.org/a", P::PortOrUserinfo),
            ("spiffe://example.org/a?x=1", P::QueryOrFragment),
            ("spiffe://example.org/a#f", P::QueryOrFragment),
            ("spiffe://example.org?x", P::QueryOrFragment),
            ("spiffe://example.org/", P::EmptySegment),
            ("spiffe://example.org/a/", P::EmptySegment),
            ("spiffe://example.org//a", P::EmptySegment),
            ("spiffe://example.org/a/./b", P::DotSegment),
            ("spiffe://example.org/a/..", P::DotSegment),
            ("spiffe://example.org/.", P::DotSegment),
            ("spiffe://example.org/a%20b", P::PathCharacter),
            ("spiffe://example.org/a b", P::PathCharacter),
            ("spiffe://example.org/a:b", P::PathCharacter),
            ("spiffe://example.org/a*", P::PathCharacter),
            ("spiffe://example.org/é", P::PathCharacter),
        ] {
            assert_eq!(SpiffeId::parse(text), Err(want), "{text}");
        }
    }

    #[test]
    fn registered_spiffe_id_matches_exactly_or_by_whole_segments() {
        let id = |s| SpiffeId::parse(s).unwrap();
        let exact = SpiffeIdPattern::parse("spiffe://example.org/client").unwrap();
        assert!(exact.matches(&id("spiffe://example.org/client")));
        assert!(!exact.matches(&id("spiffe://example.org/client/1")));
        assert!(!exact.matches(&id("spiffe://example.org/Client")));
        assert!(!exact.matches(&id("spiffe://other.org/client")));

        // draft-ietf-oauth-spiffe-client-auth-02 §5.1's own example.
        let under = SpiffeIdPattern::parse("spiffe://example.org/client/*").unwrap();
        assert!(under.matches(&id("spiffe://example.org/client/123")));
        assert!(under.matches(&id("spiffe://example.org/client/1/2")));
        assert!(!under.matches(&id("spiffe://example.org/client123")));
        assert!(!under.matches(&id("spiffe://example.org/client")));
        assert!(!under.matches(&id("spiffe://example.org.evil/client/123")));

        let domain = SpiffeIdPattern::parse("spiffe://example.org/*").unwrap();
        assert!(domain.matches(&id("spiffe://example.org/any")));
        assert!(!domain.matches(&id("spiffe://example.org")));
        assert!(!domain.matches(&id("spiffe://example.org2/any")));

        for (text, want) in [
            ("spiffe://example.org/*/x", P::Wildcard),
            ("spiffe://example.org/a*", P::Wildcard),
            ("spiffe://*.example.org/a", P::Wildcard),
            ("spiffe://example.org/a/**", P::Wildcard),
            ("spiffe://example.org//*", P::EmptySegment),
            ("spiffe://example.org/", P::EmptySegment),
        ] {
            assert_eq!(SpiffeIdPattern::parse(text), Err(want), "{text}");
        }
    }
}
