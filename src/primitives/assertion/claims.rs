//! The claim rules of a client assertion (RFC 7523 §3, OpenID Connect Core §9): `iss`, `sub`,
//! `aud` under the server's audience policy, `exp`, `nbf`, `iat` and the lifetime with checked
//! time arithmetic, and `jti`.

use std::slice;

use crate::wire::assertion::claims::{Audience, Claims};
use crate::wire::error::assertion::{AudienceProblem, Claim};
use crate::wire::error::clock::Clock;
use crate::wire::error::shown::{Shown, ShownList};
use crate::wire::error::AuthError;
use crate::wire::metadata::endpoint::Endpoint;
use crate::wire::metadata::policy::{AssertionAudience, FapiProfile};
use crate::wire::metadata::server::ServerMetadata;

/// What the claims checks establish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CheckedClaims<'a> {
    /// `jti`, when present (it is required unless the server says otherwise).
    pub(crate) jti: Option<&'a str>,
    /// `exp`, whole Unix seconds.
    pub(crate) exp: i64,
}

/// The server policy the claims are judged under.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClaimRules<'a> {
    pub(crate) client_id: &'a str,
    pub(crate) server: &'a ServerMetadata,
    pub(crate) endpoint: Endpoint,
    pub(crate) times: TimeRules,
    pub(crate) jti_required: bool,
}

/// Checks every claim rule, in the order of RFC 7523 §3.
///
/// # Errors
///
/// The [`AuthError`] of the first rule broken.
pub(crate) fn check_claims<'a>(
    claims: &'a Claims,
    rules: &ClaimRules<'_>,
) -> Result<CheckedClaims<'a>, AuthError> {
    check_issuer_and_subject(claims, rules.client_id)?;
    check_audience(
        claims.aud.required(Claim::Aud)?,
        rules.server,
        rules.endpoint,
    )?;
    let exp = check_times(claims, &rules.times)?;
    let jti = check_jti(claims, rules.jti_required)?;
    Ok(CheckedClaims { jti, exp })
}

/// `iss` and `sub` are both the client id (RFC 7523 §3 items 1 and 2.B; OpenID Connect Core
/// §9: "iss REQUIRED ... This MUST contain the client_id of the OAuth Client. sub REQUIRED
/// ... This MUST contain the client_id of the OAuth Client"). Exact string comparison.
fn check_issuer_and_subject(claims: &Claims, client_id: &str) -> Result<(), AuthError> {
    let iss = claims.iss.required(Claim::Iss)?;
    if iss != client_id {
        return Err(AuthError::AssertionIssuerMismatch {
            iss: Shown::new(iss),
            client_id: Shown::new(client_id),
        });
    }
    let sub = claims.sub.required(Claim::Sub)?;
    if sub != client_id {
        return Err(AuthError::AssertionSubjectMismatch {
            sub: Shown::new(sub),
            client_id: Shown::new(client_id),
        });
    }
    Ok(())
}

/// The audience rule, in one place: does `aud` identify this server under the server's
/// [`AssertionAudience`] policy? Values compare as exact strings (RFC 7519 §4.1.3).
///
/// - `issuer` (default): the issuer identifier as the sole audience, a string or a one-member
///   array (RFC 10070, the fix for the audience-injection attack on `private_key_jwt`,
///   CVE-2025-27370/27371: an assertion made for one server's endpoint URL, which an attacker
///   can choose, must not be accepted by another).
/// - `issuer-string`: the issuer as a plain string only (OpenID Connect Core errata; FAPI 2.0
///   Security Profile §5.3.2.1). `fapi2` forces it.
/// - `issuer-or-endpoint`: legacy interoperability: the issuer, the token endpoint URL or the
///   URL of the endpoint called, as a string or in an array (RFC 7523 §3 item 3; CIBA Core
///   §7.1; RFC 9126 as first published).
///
/// # Errors
///
/// [`AuthError::AssertionAudienceMismatch`], saying how `aud` fails the policy.
pub(crate) fn check_audience(
    aud: &Audience,
    server: &ServerMetadata,
    endpoint: Endpoint,
) -> Result<(), AuthError> {
    let policy = server.effective_assertion_audience();
    let issuer = server.issuer.as_str();
    let values: &[String] = match aud {
        Audience::One(value) => slice::from_ref(value),
        Audience::Many(values) => values,
    };
    let is_endpoint_url = |value: &str| {
        [
            server.token_endpoint.as_deref(),
            server.endpoint_url(endpoint),
        ]
        .into_iter()
        .flatten()
        .any(|url| !url.is_empty() && url == value)
    };
    let refuse = |problem| {
        Err(AuthError::AssertionAudienceMismatch {
            policy,
            problem,
            aud: match aud {
                Audience::One(value) => ShownList::one(value),
                Audience::Many(values) => ShownList::many(values.iter().map(String::as_str)),
            },
            expected: expected_audiences(server, endpoint),
        })
    };

    match policy {
        // CIBA Core §7.1; RFC 7523 §3 item 3: "The token endpoint URL ... MAY be used".
        AssertionAudience::IssuerOrEndpoint => {
            if values.iter().any(|v| v == issuer || is_endpoint_url(v)) {
                Ok(())
            } else {
                refuse(AudienceProblem::NotThisServer)
            }
        }
        // draft-ietf-oauth-security-topics-update: the issuer or the exact URL of the endpoint
        // that received the assertion, as the sole audience; another endpoint's URL never.
        AssertionAudience::IssuerOrCalledEndpoint => {
            let called = server.endpoint_url(endpoint).filter(|url| !url.is_empty());
            let fits = |value: &str| value == issuer || called == Some(value);
            if !values.iter().any(|v| fits(v)) {
                let any_endpoint_url = |value: &str| {
                    Endpoint::ALL
                        .into_iter()
                        .filter_map(|e| server.endpoint_url(e))
                        .any(|url| !url.is_empty() && url == value)
                };
                if values.iter().any(|v| any_endpoint_url(v)) {
                    refuse(AudienceProblem::AnotherEndpointUrl)
                } else {
                    refuse(AudienceProblem::NotThisServer)
                }
            } else if values.len() > 1 {
                refuse(AudienceProblem::MultipleAudiences)
            } else {
                Ok(())
            }
        }
        AssertionAudience::Issuer | AssertionAudience::IssuerString => {
            if values.iter().any(|v| v == issuer) {
                // RFC 10070: the issuer as the sole audience.
                if values.len() > 1 {
                    refuse(AudienceProblem::MultipleAudiences)
                } else if policy == AssertionAudience::IssuerString
                    && matches!(aud, Audience::Many(_))
                {
                    // OpenID Connect Core errata, FAPI 2.0 §5.3.2.1: a string, not an array.
                    refuse(AudienceProblem::NotAString)
                } else {
                    Ok(())
                }
            } else if values.iter().any(|v| is_endpoint_url(v)) {
                // RFC 10070 / CVE-2025-27370: named apart so the operator sees why.
                refuse(AudienceProblem::EndpointUrl)
            } else {
                refuse(AudienceProblem::NotThisServer)
            }
        }
    }
}

/// The audiences the server's policy accepts, for the refusal to name: the issuer identifier,
/// and under the endpoint policies the endpoint URLs they accept. All public metadata.
fn expected_audiences(server: &ServerMetadata, endpoint: Endpoint) -> ShownList {
    let issuer = server.issuer.as_str();
    let called = server.endpoint_url(endpoint).filter(|url| !url.is_empty());
    let mut accepted = vec![issuer];
    match server.effective_assertion_audience() {
        AssertionAudience::Issuer | AssertionAudience::IssuerString => {
            return ShownList::one(issuer)
        }
        AssertionAudience::IssuerOrEndpoint => {
            let token = server
                .token_endpoint
                .as_deref()
                .filter(|url| !url.is_empty());
            accepted.extend(token);
            accepted.extend(called.filter(|url| Some(*url) != token));
        }
        AssertionAudience::IssuerOrCalledEndpoint => accepted.extend(called),
    }
    ShownList::many(accepted)
}

/// The clock and the time policy, in whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TimeRules {
    /// The time the request is judged at.
    pub(crate) now: i64,
    /// The allowance for clock differences on `exp`.
    pub(crate) skew: i64,
    /// How far in the future `nbf` and `iat` may be.
    pub(crate) future_tolerance: i64,
    /// The longest lifetime accepted.
    pub(crate) max_lifetime: i64,
}

impl TimeRules {
    /// The rules under a server's policy. FAPI 2.0 Security Profile §5.3.2.1: the server
    /// "shall accept ... an iat or nbf timestamp between 0 and 10 seconds in the future" and
    /// "shall reject ... greater than 60 seconds in the future", whatever the configured skew.
    pub(crate) fn new(
        now: i64,
        skew: i64,
        max_lifetime: i64,
        profile: Option<FapiProfile>,
    ) -> Self {
        let future_tolerance = match profile {
            Some(FapiProfile::Fapi2) => skew.clamp(10, 60),
            Some(FapiProfile::Fapi1Baseline | FapiProfile::Fapi1Advanced) | None => skew,
        };
        Self {
            now,
            skew,
            future_tolerance,
            max_lifetime,
        }
    }
}

/// `exp`, `nbf`, `iat` and the lifetime; returns `exp`.
///
/// - `exp` is required (RFC 7523 §3 item 4) and the time must be before it (RFC 7519
///   §4.1.4), allowing the skew: accepted while `now < exp + skew`.
/// - `nbf` and `iat`, when present, are not in the future beyond the tolerance (RFC 7519
///   §4.1.5; RFC 7523 §3 items 5 and 6): accepted while `value <= now + tolerance`.
/// - The lifetime is bounded (RFC 7523 §3 item 4: "unreasonably far in the future"):
///   `exp − iat <= max` when `iat` is present, and `exp − now <= max`, as the server policy
///   `max_assertion_lifetime_seconds` defines it. A lifetime of exactly the maximum is
///   accepted; the skew does not lengthen it.
///
/// # Errors
///
/// [`AuthError::AssertionClaimMissing`], [`AuthError::AssertionClaimType`],
/// [`AuthError::AssertionDateOutOfRange`], [`AuthError::AssertionExpired`],
/// [`AuthError::AssertionNotYetValid`], [`AuthError::AssertionLifetimeTooLong`].
pub(crate) fn check_times(claims: &Claims, rules: &TimeRules) -> Result<i64, AuthError> {
    let now = rules.now;
    let out_of_range = |claim| AuthError::AssertionDateOutOfRange { claim };

    // RFC 7523 §3 item 4: exp is required; RFC 7519 §4.1.4: now must be before it.
    let exp = *claims.exp.required(Claim::Exp)?;
    let expires = exp
        .checked_add(rules.skew)
        .ok_or_else(|| out_of_range(Claim::Exp))?;
    if now >= expires {
        return Err(AuthError::AssertionExpired {
            expired_at: exp,
            clock: Clock {
                now,
                skew: rules.skew,
            },
        });
    }

    // RFC 7519 §4.1.5 (nbf), RFC 7523 §3 items 5, 6: not in the future beyond the tolerance.
    for (claim, member) in [(Claim::Nbf, &claims.nbf), (Claim::Iat, &claims.iat)] {
        if let Some(&at) = member.optional(claim)? {
            let earliest_now = at
                .checked_sub(rules.future_tolerance)
                .ok_or_else(|| out_of_range(claim))?;
            if earliest_now > now {
                return Err(AuthError::AssertionNotYetValid {
                    claim,
                    at,
                    clock: Clock {
                        now,
                        skew: rules.future_tolerance,
                    },
                });
            }
        }
    }

    // RFC 7523 §3 item 4: "unreasonably far in the future"; exactly the maximum is accepted.
    if let Some(&iat) = claims.iat.optional(Claim::Iat)? {
        let lifetime = exp
            .checked_sub(iat)
            .ok_or_else(|| out_of_range(Claim::Iat))?;
        if lifetime > rules.max_lifetime {
            return Err(AuthError::AssertionLifetimeTooLong {
                lifetime,
                max: rules.max_lifetime,
            });
        }
    }
    let remaining = exp
        .checked_sub(now)
        .ok_or_else(|| out_of_range(Claim::Exp))?;
    if remaining > rules.max_lifetime {
        return Err(AuthError::AssertionLifetimeTooLong {
            lifetime: remaining,
            max: rules.max_lifetime,
        });
    }
    Ok(exp)
}

/// `jti` is required unless the server says otherwise (OpenID Connect Core §9: "jti REQUIRED";
/// RFC 7523 §3 item 7). An empty `jti` identifies nothing and counts as absent.
pub(crate) fn check_jti(claims: &Claims, required: bool) -> Result<Option<&str>, AuthError> {
    match claims.jti.optional(Claim::Jti)? {
        Some(jti) if !jti.is_empty() => Ok(Some(jti)),
        _ if required => Err(AuthError::AssertionClaimMissing { claim: Claim::Jti }),
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::assertion::claims::{Member, MAX_NUMERIC_DATE};

    const NOW: i64 = 1_764_300_000;
    const ISSUER: &str = "https://as.example.com";
    const TOKEN: &str = "https://as.example.com/token";
    const PAR: &str = "https://as.example.com/par";

    fn claims(json: &str) -> Claims {
        Claims::from_json(json.as_bytes()).unwrap()
    }

    fn rules() -> TimeRules {
        TimeRules::new(NOW, 30, 3600, None)
    }

    fn times(json: &str, rules: &TimeRules) -> Result<i64, AuthError> {
        check_times(&claims(json), rules)
    }

    fn server(policy: Option<AssertionAudience>) -> ServerMetadata {
        let mut s = ServerMetadata::new(ISSUER);
        s.token_endpoint = Some(TOKEN.into());
        s.pushed_authorization_request_endpoint = Some(PAR.into());
        s.assertion_audience = policy;
        s
    }

    /// `aud` as a refusal shows it.
    fn shown(json: &str) -> ShownList {
        match aud(json) {
            Audience::One(value) => ShownList::one(&value),
            Audience::Many(values) => ShownList::many(values.iter().map(String::as_str)),
        }
    }

    fn aud(json: &str) -> Audience {
        match claims(&format!(r#"{{"aud":{json}}}"#)).aud {
            Member::Present(a) => a,
            other => panic!("{json}: {other:?}"),
        }
    }

    #[test]
    fn numeric_date_table() {
        let table: &[(&str, Member<i64>)] = &[
            ("1764300000", Member::Present(1_764_300_000)),
            ("0", Member::Present(0)),
            // RFC 7519 §2: fractional values are allowed; rounded down.
            ("1764300000.9", Member::Present(1_764_300_000)),
            ("1.7643e9", Member::Present(1_764_300_000)),
            ("253402300799", Member::Present(MAX_NUMERIC_DATE)),
            ("253402300800", Member::OutOfRange),
            ("1e300", Member::OutOfRange),
            ("-1", Member::OutOfRange),
            ("-0.5", Member::OutOfRange),
            ("18446744073709551615", Member::OutOfRange),
            ("-9223372036854775808", Member::OutOfRange),
            ("\"1764300000\"", Member::WrongType),
            ("null", Member::WrongType),
            ("true", Member::WrongType),
            ("[1764300000]", Member::WrongType),
        ];
        for (json, want) in table {
            let c = claims(&format!(r#"{{"exp":{json}}}"#));
            assert_eq!(&c.exp, want, "{json}");
        }
    }

    #[test]
    fn exp_is_required_and_typed() {
        let r = rules();
        assert_eq!(
            times("{}", &r),
            Err(AuthError::AssertionClaimMissing { claim: Claim::Exp })
        );
        assert_eq!(
            times(r#"{"exp":"1764300060"}"#, &r),
            Err(AuthError::AssertionClaimType { claim: Claim::Exp })
        );
        assert_eq!(
            times(r#"{"exp":1e300}"#, &r),
            Err(AuthError::AssertionDateOutOfRange { claim: Claim::Exp })
        );
        assert_eq!(
            times(r#"{"exp":-60}"#, &r),
            Err(AuthError::AssertionDateOutOfRange { claim: Claim::Exp })
        );
        assert_eq!(times(r#"{"exp":1764300060}"#, &r), Ok(NOW + 60));
    }

    #[test]
    fn exp_just_inside_and_just_outside_the_skew() {
        let r = rules();
        let table: &[(i64, Result<i64, AuthError>)] = &[
            (NOW + 1, Ok(NOW + 1)),
            (NOW, Ok(NOW)),
            // Passed by 29 s: inside a 30 s skew.
            (NOW - 29, Ok(NOW - 29)),
            // Passed by 30 s: outside (now must be before exp + skew).
            (
                NOW - 30,
                Err(AuthError::AssertionExpired {
                    expired_at: NOW - 30,
                    clock: Clock { now: NOW, skew: 30 },
                }),
            ),
            (
                NOW - 3600,
                Err(AuthError::AssertionExpired {
                    expired_at: NOW - 3600,
                    clock: Clock { now: NOW, skew: 30 },
                }),
            ),
        ];
        for (exp, want) in table {
            assert_eq!(
                &times(&format!(r#"{{"exp":{exp}}}"#), &r),
                want,
                "exp {exp}"
            );
        }
        // With no skew, exp == now has passed (RFC 7519 §4.1.4).
        let strict = TimeRules::new(NOW, 0, 3600, None);
        assert_eq!(
            times(&format!(r#"{{"exp":{NOW}}}"#), &strict),
            Err(AuthError::AssertionExpired {
                expired_at: NOW,
                clock: Clock { now: NOW, skew: 0 },
            })
        );
    }

    #[test]
    fn fractional_exp_is_accepted() {
        assert_eq!(
            times(
                &format!(r#"{{"exp":{}.25,"iat":{NOW}.5}}"#, NOW + 60),
                &rules()
            ),
            Ok(NOW + 60)
        );
    }

    #[test]
    fn nbf_and_iat_in_the_future_beyond_the_skew_are_refused() {
        let r = rules();
        let exp = NOW + 300;
        for claim in [Claim::Nbf, Claim::Iat] {
            let name = claim.as_str();
            let at_edge = format!(r#"{{"exp":{exp},"{name}":{}}}"#, NOW + 30);
            assert_eq!(times(&at_edge, &r), Ok(exp), "{name}");
            let beyond = format!(r#"{{"exp":{exp},"{name}":{}}}"#, NOW + 31);
            assert_eq!(
                times(&beyond, &r),
                Err(AuthError::AssertionNotYetValid {
                    claim,
                    at: NOW + 31,
                    clock: Clock { now: NOW, skew: 30 },
                }),
                "{name}"
            );
            let typed = format!(r#"{{"exp":{exp},"{name}":"{NOW}"}}"#);
            assert_eq!(
                times(&typed, &r),
                Err(AuthError::AssertionClaimType { claim }),
                "{name}"
            );
            let huge = format!(r#"{{"exp":{exp},"{name}":1e300}}"#);
            assert_eq!(
                times(&huge, &r),
                Err(AuthError::AssertionDateOutOfRange { claim }),
                "{name}"
            );
        }
    }

    #[test]
    fn fapi2_future_window_is_10_to_60_seconds_whatever_the_skew() {
        // (configured skew, iat offset, accepted)
        let table: &[(i64, i64, bool)] = &[
            // A zero skew still accepts 10 s ahead ...
            (0, 10, true),
            (0, 11, false),
            // ... the default 30 s is inside the window ...
            (30, 30, true),
            (30, 31, false),
            // ... and a large skew is capped at 60 s.
            (300, 60, true),
            (300, 61, false),
        ];
        for &(skew, offset, accepted) in table {
            let r = TimeRules::new(NOW, skew, 3600, Some(FapiProfile::Fapi2));
            for claim in [Claim::Iat, Claim::Nbf] {
                let name = claim.as_str();
                let json = format!(
                    r#"{{"exp":{},"{name}":{}}}"#,
                    NOW + offset + 60,
                    NOW + offset
                );
                let want = if accepted {
                    Ok(NOW + offset + 60)
                } else {
                    Err(AuthError::AssertionNotYetValid {
                        claim,
                        at: NOW + offset,
                        clock: Clock {
                            now: NOW,
                            skew: skew.clamp(10, 60),
                        },
                    })
                };
                assert_eq!(times(&json, &r), want, "skew {skew} {name} +{offset}");
            }
        }
        // FAPI 1 keeps the configured skew.
        let r = TimeRules::new(NOW, 0, 3600, Some(FapiProfile::Fapi1Advanced));
        assert_eq!(r.future_tolerance, 0);
    }

    #[test]
    fn lifetime_exactly_at_the_maximum_is_accepted() {
        let r = rules();
        let exactly = format!(r#"{{"iat":{NOW},"exp":{}}}"#, NOW + 3600);
        assert_eq!(times(&exactly, &r), Ok(NOW + 3600));
        let over = format!(r#"{{"iat":{NOW},"exp":{}}}"#, NOW + 3601);
        assert_eq!(
            times(&over, &r),
            Err(AuthError::AssertionLifetimeTooLong {
                lifetime: 3601,
                max: 3600
            })
        );
        // exp − now is bounded by the maximum itself, iat or not; the skew does not add to it.
        let no_iat = format!(r#"{{"exp":{}}}"#, NOW + 3600);
        assert_eq!(times(&no_iat, &r), Ok(NOW + 3600));
        let no_iat_over = format!(r#"{{"exp":{}}}"#, NOW + 3601);
        assert_eq!(
            times(&no_iat_over, &r),
            Err(AuthError::AssertionLifetimeTooLong {
                lifetime: 3601,
                max: 3600
            })
        );
        let fast = format!(r#"{{"iat":{},"exp":{}}}"#, NOW + 5, NOW + 3605);
        assert_eq!(
            times(&fast, &r),
            Err(AuthError::AssertionLifetimeTooLong {
                lifetime: 3605,
                max: 3600
            })
        );
        // An old iat with a far exp: exp − iat is too long even though exp − now is short.
        let old = format!(r#"{{"iat":{},"exp":{}}}"#, NOW - 7200, NOW + 60);
        assert_eq!(
            times(&old, &r),
            Err(AuthError::AssertionLifetimeTooLong {
                lifetime: 7260,
                max: 3600
            })
        );
    }

    #[test]
    fn extreme_clocks_never_overflow() {
        for now in [i64::MIN, -1, 0, i64::MAX] {
            let r = TimeRules::new(now, 30, 3600, None);
            let json = format!(r#"{{"exp":{MAX_NUMERIC_DATE},"iat":0,"nbf":0}}"#);
            // Whatever the verdict, it is a typed error or a value, never a panic.
            let _ = times(&json, &r);
        }
        let r = TimeRules::new(i64::MIN, 30, 3600, None);
        assert_eq!(
            times(r#"{"exp":100}"#, &r),
            Err(AuthError::AssertionDateOutOfRange { claim: Claim::Exp })
        );
    }

    #[test]
    fn iss_and_sub_must_be_the_client_id() {
        let table: &[(&str, Result<(), AuthError>)] = &[
            (r#"{"iss":"c1","sub":"c1"}"#, Ok(())),
            (
                r#"{"sub":"c1"}"#,
                Err(AuthError::AssertionClaimMissing { claim: Claim::Iss }),
            ),
            (
                r#"{"iss":"c1"}"#,
                Err(AuthError::AssertionClaimMissing { claim: Claim::Sub }),
            ),
            (
                r#"{"iss":"c2","sub":"c1"}"#,
                Err(AuthError::AssertionIssuerMismatch {
                    iss: "c2".into(),
                    client_id: "c1".into(),
                }),
            ),
            (
                r#"{"iss":"c1","sub":"c2"}"#,
                Err(AuthError::AssertionSubjectMismatch {
                    sub: "c2".into(),
                    client_id: "c1".into(),
                }),
            ),
            // Exact comparison: no case folding, no trimming.
            (
                r#"{"iss":"C1","sub":"c1"}"#,
                Err(AuthError::AssertionIssuerMismatch {
                    iss: "C1".into(),
                    client_id: "c1".into(),
                }),
            ),
            (
                r#"{"iss":"c1","sub":"c1 "}"#,
                Err(AuthError::AssertionSubjectMismatch {
                    sub: "c1 ".into(),
                    client_id: "c1".into(),
                }),
            ),
            (
                r#"{"iss":["c1"],"sub":"c1"}"#,
                Err(AuthError::AssertionClaimType { claim: Claim::Iss }),
            ),
        ];
        for (json, want) in table {
            assert_eq!(
                &check_issuer_and_subject(&claims(json), "c1"),
                want,
                "{json}"
            );
        }
    }

    #[test]
    fn claimed_client_id_is_sub_then_iss() {
        let table: &[(&str, Option<&str>)] = &[
            (r#"{"iss":"a","sub":"b"}"#, Some("b")),
            (r#"{"iss":"a"}"#, Some("a")),
            (r#"{"iss":"a","sub":7}"#, Some("a")),
            (r#"{"sub":"b"}"#, Some("b")),
            ("{}", None),
        ];
        for (json, want) in table {
            assert_eq!(claims(json).claimed_client_id(), *want, "{json}");
        }
    }

    #[test]
    fn audience_default_policy_is_the_issuer_alone() {
        use AudienceProblem::*;
        let s = server(None);
        let table: &[(&str, Result<(), AudienceProblem>)] = &[
            (r#""https://as.example.com""#, Ok(())),
            (r#"["https://as.example.com"]"#, Ok(())),
            // RFC 10070 / CVE-2025-27370: the token endpoint URL is refused by default.
            (r#""https://as.example.com/token""#, Err(EndpointUrl)),
            (r#"["https://as.example.com/token"]"#, Err(EndpointUrl)),
            (
                r#"["https://as.example.com","https://as.example.com/token"]"#,
                Err(MultipleAudiences),
            ),
            (
                r#"["https://as.example.com","https://other.example"]"#,
                Err(MultipleAudiences),
            ),
            (r#""https://as.example.com/""#, Err(NotThisServer)),
            (r#""https://AS.example.com""#, Err(NotThisServer)),
            (r#""https://other.example""#, Err(NotThisServer)),
            ("[]", Err(NotThisServer)),
        ];
        for (json, want) in table {
            let got = check_audience(&aud(json), &s, Endpoint::Token);
            let want = want.map_err(|problem| AuthError::AssertionAudienceMismatch {
                policy: AssertionAudience::Issuer,
                problem,
                aud: shown(json),
                expected: ShownList::one(ISSUER),
            });
            assert_eq!(got, want, "{json}");
        }
    }

    #[test]
    fn audience_issuer_string_takes_a_plain_string_only() {
        use AudienceProblem::*;
        let s = server(Some(AssertionAudience::IssuerString));
        let table: &[(&str, Result<(), AudienceProblem>)] = &[
            (r#""https://as.example.com""#, Ok(())),
            (r#"["https://as.example.com"]"#, Err(NotAString)),
            (r#""https://as.example.com/token""#, Err(EndpointUrl)),
            (r#"["https://as.example.com","x"]"#, Err(MultipleAudiences)),
        ];
        for (json, want) in table {
            let got = check_audience(&aud(json), &s, Endpoint::Token);
            let want = want.map_err(|problem| AuthError::AssertionAudienceMismatch {
                policy: AssertionAudience::IssuerString,
                problem,
                aud: shown(json),
                expected: ShownList::one(ISSUER),
            });
            assert_eq!(got, want, "{json}");
        }
    }

    #[test]
    fn fapi2_forces_issuer_string_audience() {
        let mut s = server(Some(AssertionAudience::IssuerOrEndpoint));
        s.fapi_profile = Some(FapiProfile::Fapi2);
        assert_eq!(
            check_audience(&aud(r#"["https://as.example.com"]"#), &s, Endpoint::Token),
            Err(AuthError::AssertionAudienceMismatch {
                policy: AssertionAudience::IssuerString,
                problem: AudienceProblem::NotAString,
                aud: ShownList::many([ISSUER]),
                expected: ShownList::one(ISSUER),
            })
        );
    }

    #[test]
    fn audience_issuer_or_endpoint_accepts_the_legacy_values() {
        let s = server(Some(AssertionAudience::IssuerOrEndpoint));
        let table: &[(&str, Endpoint, bool)] = &[
            (r#""https://as.example.com""#, Endpoint::Token, true),
            (r#""https://as.example.com/token""#, Endpoint::Token, true),
            (
                r#"["https://other.example","https://as.example.com/token"]"#,
                Endpoint::Token,
                true,
            ),
            // The token endpoint URL stands at every endpoint (CIBA Core §7.1) ...
            (
                r#""https://as.example.com/token""#,
                Endpoint::PushedAuthorization,
                true,
            ),
            // ... and so does the URL of the endpoint called, but only there.
            (
                r#""https://as.example.com/par""#,
                Endpoint::PushedAuthorization,
                true,
            ),
            (r#""https://as.example.com/par""#, Endpoint::Token, false),
            (r#""https://other.example""#, Endpoint::Token, false),
            ("[]", Endpoint::Token, false),
        ];
        for (json, endpoint, accepted) in table {
            let got = check_audience(&aud(json), &s, *endpoint);
            let want = if *accepted {
                Ok(())
            } else {
                Err(AuthError::AssertionAudienceMismatch {
                    policy: AssertionAudience::IssuerOrEndpoint,
                    problem: AudienceProblem::NotThisServer,
                    aud: shown(json),
                    // The issuer, the token endpoint, and the endpoint called.
                    expected: ShownList::many(if *endpoint == Endpoint::Token {
                        vec![ISSUER, TOKEN]
                    } else {
                        vec![ISSUER, TOKEN, PAR]
                    }),
                })
            };
            assert_eq!(got, want, "{json} at {endpoint}");
        }
    }

    #[test]
    fn audience_issuer_or_called_endpoint_takes_only_the_endpoint_called() {
        use AudienceProblem::{AnotherEndpointUrl, MultipleAudiences, NotThisServer};
        let mut s = server(Some(AssertionAudience::IssuerOrCalledEndpoint));
        s.revocation_endpoint = Some("https://as.example.com/revoke".into());
        let table: &[(&str, Endpoint, Option<AudienceProblem>)] = &[
            (r#""https://as.example.com""#, Endpoint::Token, None),
            (
                r#"["https://as.example.com"]"#,
                Endpoint::PushedAuthorization,
                None,
            ),
            (r#""https://as.example.com/token""#, Endpoint::Token, None),
            (
                r#""https://as.example.com/par""#,
                Endpoint::PushedAuthorization,
                None,
            ),
            (
                r#""https://as.example.com/revoke""#,
                Endpoint::Revocation,
                None,
            ),
            // An assertion made for the token endpoint cannot be spent elsewhere ...
            (
                r#""https://as.example.com/token""#,
                Endpoint::PushedAuthorization,
                Some(AnotherEndpointUrl),
            ),
            (
                r#""https://as.example.com/token""#,
                Endpoint::Revocation,
                Some(AnotherEndpointUrl),
            ),
            // ... nor one for pushed authorization at the token endpoint.
            (
                r#""https://as.example.com/par""#,
                Endpoint::Token,
                Some(AnotherEndpointUrl),
            ),
            // An endpoint the server has no URL for is named by the issuer only.
            (
                r#""https://as.example.com/token""#,
                Endpoint::Introspection,
                Some(AnotherEndpointUrl),
            ),
            (r#""https://as.example.com""#, Endpoint::Introspection, None),
            (
                r#"["https://as.example.com","https://as.example.com/token"]"#,
                Endpoint::Token,
                Some(MultipleAudiences),
            ),
            (
                r#""https://other.example""#,
                Endpoint::Token,
                Some(NotThisServer),
            ),
            ("[]", Endpoint::Token, Some(NotThisServer)),
        ];
        for (json, endpoint, problem) in table {
            let got = check_audience(&aud(json), &s, *endpoint);
            let want = match problem {
                None => Ok(()),
                Some(problem) => Err(AuthError::AssertionAudienceMismatch {
                    policy: AssertionAudience::IssuerOrCalledEndpoint,
                    problem: *problem,
                    aud: shown(json),
                    // The issuer, and the URL of the endpoint called when it has one.
                    expected: ShownList::many(match endpoint {
                        Endpoint::Token => vec![ISSUER, TOKEN],
                        Endpoint::PushedAuthorization => vec![ISSUER, PAR],
                        Endpoint::Revocation => vec![ISSUER, "https://as.example.com/revoke"],
                        _ => vec![ISSUER],
                    }),
                }),
            };
            assert_eq!(got, want, "{json} at {endpoint}");
        }
    }

    #[test]
    fn aud_must_be_a_string_or_array_of_strings() {
        for json in ["7", "null", r#"["https://as.example.com",1]"#, "{}"] {
            let c = claims(&format!(r#"{{"aud":{json}}}"#));
            assert_eq!(
                c.aud.required(Claim::Aud),
                Err(AuthError::AssertionClaimType { claim: Claim::Aud }),
                "{json}"
            );
        }
        assert_eq!(
            claims("{}").aud.required(Claim::Aud),
            Err(AuthError::AssertionClaimMissing { claim: Claim::Aud })
        );
    }

    #[test]
    fn jti_required_unless_the_server_says_otherwise() {
        type Row<'a> = (&'a str, bool, Result<Option<&'a str>, AuthError>);
        let table: &[Row<'_>] = &[
            (r#"{"jti":"j1"}"#, true, Ok(Some("j1"))),
            (
                "{}",
                true,
                Err(AuthError::AssertionClaimMissing { claim: Claim::Jti }),
            ),
            (
                r#"{"jti":""}"#,
                true,
                Err(AuthError::AssertionClaimMissing { claim: Claim::Jti }),
            ),
            ("{}", false, Ok(None)),
            (r#"{"jti":"j1"}"#, false, Ok(Some("j1"))),
            (
                r#"{"jti":12}"#,
                false,
                Err(AuthError::AssertionClaimType { claim: Claim::Jti }),
            ),
        ];
        for (json, required, want) in table {
            let c = claims(json);
            assert_eq!(&check_jti(&c, *required), want, "{json} {required}");
        }
    }
}
