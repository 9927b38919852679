//! `inspect`: a client assertion's header and claims, decoded without verifying it, with its
//! times as dates and the checks `verify` applies. The signature is never printed.

use std::process::ExitCode;

use base64::Engine;
use serde_json::{Map, Value};

use crate::style::Style;
use crate::time::{describe, rfc3339, span, system_now};
use crate::{read_input, InputError};

/// Arguments of `inspect`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Nothing is verified: the signature needs the registration (use verify). \
                        Exit status: 0 when every check that can be made without the \
                        registration passes, 1 when one fails, 2 when the input is not a JWS."
)]
pub(crate) struct Args {
    /// The assertion (JWS compact serialization), or `-` to read it from standard input; a
    /// captured form body holding `client_assertion=` is read too.
    #[arg(value_name = "ASSERTION")]
    assertion: String,
    /// The clock, Unix seconds (default: the system clock).
    #[arg(long, value_name = "UNIX", allow_negative_numbers = true)]
    now: Option<i64>,
    /// The server's issuer identifier, to check `aud` against.
    #[arg(long, value_name = "URL")]
    issuer: Option<String>,
    /// The clock skew allowed, seconds (the server's clock_skew_seconds).
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    skew: i64,
    /// The longest lifetime allowed, seconds (the server's max_assertion_lifetime_seconds).
    #[arg(long, value_name = "SECONDS", default_value_t = 3600)]
    max_lifetime: i64,
}

/// Header members that carry or point at key material: shown as present, never printed.
const KEY_HEADERS: [&str; 5] = ["jwk", "jku", "x5c", "x5u", "x5t#S256"];

/// The longest value printed whole.
const MAX_VALUE_CHARS: usize = 160;

/// Runs `inspect`.
pub(crate) fn run(args: &Args, out: &Style) -> Result<ExitCode, InputError> {
    let text = if args.assertion == "-" {
        read_input("-")?
    } else {
        args.assertion.clone()
    };
    let token = from_form_body(text.trim()).unwrap_or_else(|| text.trim().to_owned());
    let (header, claims, signature_len) = decode(&token).map_err(InputError::new)?;
    let now = args.now.unwrap_or_else(system_now);

    say!("{}", out.bold("header"));
    for (name, value) in &header {
        if KEY_HEADERS.contains(&name.as_str()) {
            say!("  {name:<8} (present, not shown)");
        } else {
            say!("  {name:<8} {}", shown(value));
        }
    }
    say!("{}", out.bold("claims"));
    for (name, value) in &claims {
        match (name.as_str(), value.as_i64()) {
            ("exp", Some(at)) if at < now => {
                let date = rfc3339(at).unwrap_or_else(|| "not a date".to_owned());
                say!(
                    "  {name:<8} {at} = {date} (expired {} ago)",
                    span(at.saturating_sub(now))
                );
            }
            ("exp" | "iat" | "nbf", Some(at)) => {
                say!("  {name:<8} {at} = {}", describe(at, now));
            }
            _ => say!("  {name:<8} {}", shown(value)),
        }
    }
    say!(
        "{}",
        out.dim(&format!(
            "signature: {signature_len} bytes, not shown and not verified"
        ))
    );

    let at = rfc3339(now).unwrap_or_else(|| now.to_string());
    say!("{}", out.bold(&format!("checks verify applies, at {at}")));
    let checks = checks(args, &header, &claims, now);
    let mut all_pass = true;
    for (verdict, text) in &checks {
        let label = match verdict {
            Verdict::Pass => out.good("ok  "),
            Verdict::Fail => {
                all_pass = false;
                out.bad("FAIL")
            }
            Verdict::Later => out.dim("then"),
        };
        say!("  {label} {text}");
    }
    Ok(if all_pass {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The `client_assertion` parameter of a captured form body, percent-decoded; `None` when the
/// text is not a form body with one.
fn from_form_body(text: &str) -> Option<String> {
    text.split('&')
        .find_map(|pair| pair.strip_prefix("client_assertion="))
        .and_then(|v| percent_encoding::percent_decode_str(v).decode_utf8().ok())
        .map(|v| v.into_owned())
}

/// A JWS's header, claims, and signature length in bytes.
type Decoded = (Map<String, Value>, Map<String, Value>, usize);

/// A JWS compact serialization's header, claims and signature length.
fn decode(token: &str) -> Result<Decoded, String> {
    let parts: Vec<&str> = token.split('.').collect();
    let [header, claims, signature] = parts.as_slice() else {
        return Err(format!(
            "the assertion is not a JWS compact serialization: {} parts separated by '.', not 3",
            parts.len()
        ));
    };
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let object = |part: &str, what: &str| -> Result<Map<String, Value>, String> {
        let bytes = b64
            .decode(part)
            .map_err(|e| format!("the {what} is not base64url: {e}"))?;
        match serde_json::from_slice(&bytes) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(_) => Err(format!("the {what} is not a JSON object")),
            Err(e) => Err(format!("the {what} is not JSON: {e}")),
        }
    };
    let signature_len = b64.decode(signature).map_or(0, |s| s.len());
    Ok((
        object(header, "header")?,
        object(claims, "claims")?,
        signature_len,
    ))
}

/// A value as JSON, cut when long.
fn shown(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= MAX_VALUE_CHARS {
        return text;
    }
    let cut: String = text.chars().take(MAX_VALUE_CHARS).collect();
    format!("{cut}… ({} chars)", text.chars().count())
}

enum Verdict {
    Pass,
    Fail,
    /// Needs the registration or the server: `verify` makes it.
    Later,
}

fn checks(
    args: &Args,
    header: &Map<String, Value>,
    claims: &Map<String, Value>,
    now: i64,
) -> Vec<(Verdict, String)> {
    let mut out = Vec::new();
    let mut check = |ok: bool, text: String| {
        out.push((if ok { Verdict::Pass } else { Verdict::Fail }, text));
    };
    let string =
        |m: &Map<String, Value>, k: &str| m.get(k).and_then(Value::as_str).map(str::to_owned);
    let alg = string(header, "alg").unwrap_or_default();
    check(
        !alg.is_empty() && alg != "none",
        format!("alg {alg:?} is a signature or MAC, not none (RFC 7523 §3 item 9; RFC 8725 §3.2)"),
    );
    let typ_ok = match header.get("typ") {
        None => true,
        Some(Value::String(t)) => {
            let t = t.to_ascii_lowercase();
            let t = t.strip_prefix("application/").unwrap_or(&t);
            t == "jwt" || t == "client-authentication+jwt"
        }
        Some(_) => false,
    };
    check(
        typ_ok,
        format!(
            "typ {} is absent, JWT or client-authentication+jwt (RFC 10070; RFC 8725 §3.11)",
            header
                .get("typ")
                .map_or("(absent)".to_owned(), Value::to_string)
        ),
    );
    let refused: Vec<&str> = ["crit", "jku", "jwk", "x5u", "x5c"]
        .into_iter()
        .filter(|h| header.contains_key(*h))
        .collect();
    check(
        refused.is_empty(),
        format!(
            "no crit and no key-naming header (RFC 7515 §4.1.11; RFC 8725 §3.10){}",
            if refused.is_empty() {
                String::new()
            } else {
                format!(": has {}", refused.join(", "))
            }
        ),
    );
    let iss = string(claims, "iss");
    let sub = string(claims, "sub");
    check(
        iss.is_some() && iss == sub,
        "iss and sub are present and equal: both are the client id (RFC 7523 §3 items 1, 2)"
            .to_owned(),
    );
    match (&args.issuer, claims.get("aud")) {
        (_, None) => check(false, "aud is present (RFC 7523 §3 item 3)".to_owned()),
        (Some(issuer), Some(aud)) => {
            let ok = match aud {
                Value::String(a) => a == issuer,
                Value::Array(a) => {
                    a.len() == 1 && a.first().and_then(Value::as_str) == Some(issuer)
                }
                _ => false,
            };
            check(
                ok,
                format!("aud is the issuer {issuer:?} alone (RFC 7523 §3 item 3; RFC 10070)"),
            );
        }
        (None, Some(_)) => out.push((
            Verdict::Later,
            "aud must be the issuer identifier alone (RFC 10070; give --issuer to check)"
                .to_owned(),
        )),
    }
    // NumericDate: whole seconds; a fraction is dropped (RFC 7519 §2).
    let date = |k: &str| {
        claims.get(k).and_then(|v| {
            v.as_i64().or_else(|| {
                v.as_f64()
                    .filter(|f| f.is_finite() && f.abs() < 9.0e15)
                    .map(|f| f.floor() as i64)
            })
        })
    };
    let mut check = |ok: bool, text: String| {
        out.push((if ok { Verdict::Pass } else { Verdict::Fail }, text));
    };
    match date("exp") {
        Some(exp) => {
            let left = exp.saturating_sub(now);
            check(
                exp.saturating_add(args.skew) > now,
                if left >= 0 {
                    format!("not expired: exp in {} (RFC 7523 §3 item 4)", span(left))
                } else if left.saturating_add(args.skew) > 0 {
                    format!(
                        "not expired: exp {} ago, within the {} s skew (RFC 7523 §3 item 4)",
                        span(left),
                        args.skew
                    )
                } else {
                    format!(
                        "not expired: it expired {} ago, beyond the {} s skew (RFC 7523 §3 item 4)",
                        span(left),
                        args.skew
                    )
                },
            );
            // Counted from now and from iat: the longer is judged.
            let lifetime = date("iat").map_or(left, |iat| left.max(exp.saturating_sub(iat)));
            check(
                lifetime <= args.max_lifetime,
                format!(
                    "lifetime {} s is at most {} s (max_assertion_lifetime_seconds; RFC 7523 §3 item 4)",
                    lifetime, args.max_lifetime
                ),
            );
        }
        None => check(false, "exp is present (RFC 7523 §3 item 4)".to_owned()),
    }
    for claim in ["iat", "nbf"] {
        if let Some(at) = date(claim) {
            check(
                at <= now.saturating_add(args.skew),
                format!(
                    "{claim} is not ahead of the clock by more than {} s (RFC 7523 §3 items 5, 6)",
                    args.skew
                ),
            );
        }
    }
    check(
        string(claims, "jti").is_some(),
        "jti is present, and is recorded against replay (RFC 7523 §3 item 7; OpenID Connect Core §9)"
            .to_owned(),
    );
    out.push((
        Verdict::Later,
        format!(
            "the signature verifies with the registered key{} or secret; alg is allowed by the \
             server's lists, profile and the registration (verify checks these)",
            string(header, "kid").map_or(String::new(), |k| format!(" (kid {k:?})"))
        ),
    ));
    out
}
