//! `verify`: decides case files, or one captured request, and explains each verdict.

use std::process::ExitCode;

use oauth_client_auth::case::{decide_with_error, expect_mismatches, read_cases, Case, Outcome};
use oauth_client_auth::{AuthError, Endpoint, InMemoryReplayCache, ServerMetadata};
use serde_json::{json, Value};

use crate::style::Style;
use crate::{raw_request, read_input, read_json, InputError};

/// Arguments of `verify`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 when every case was accepted (with --check: matched its \
                        expect), 1 when any was refused (did not match), 2 when an input could \
                        not be read."
)]
pub(crate) struct Args {
    /// Case files (a case object, or an array of cases decided in order against one replay
    /// cache).
    #[arg(value_name = "CASE.json", required_unless_present = "request")]
    cases: Vec<String>,
    /// Print the case format's JSON line per case instead of words.
    #[arg(long, conflicts_with = "check")]
    json: bool,
    /// Compare each verdict with the case's `expect`; exit 0 only when every case matched.
    #[arg(long)]
    check: bool,
    /// A captured raw HTTP/1.1 request (start line, headers, body; LF or CRLF), `-` for
    /// standard input, judged against --client and --server.
    #[arg(long, value_name = "FILE", conflicts_with = "cases", requires_all = ["client", "server"])]
    request: Option<String>,
    /// With --request: the registered client's metadata (RFC 7591 names), JSON.
    #[arg(long, value_name = "CLIENT.json", requires = "request")]
    client: Option<String>,
    /// With --request: the server's metadata and policy (RFC 8414 names), JSON.
    #[arg(long, value_name = "SERVER.json", requires = "request")]
    server: Option<String>,
    /// With --request: the TLS client certificate the server got, PEM.
    #[arg(long, value_name = "PEM", requires = "request")]
    cert: Option<String>,
    /// With --request: the endpoint that received it (token, revocation, introspection,
    /// pushed_authorization or par, backchannel_authentication, device_authorization);
    /// default: the one whose URL path is the request's, else token.
    #[arg(long, value_name = "ENDPOINT", requires = "request")]
    endpoint: Option<String>,
    /// With --request: the clock, Unix seconds (default: the system clock).
    #[arg(
        long,
        value_name = "UNIX",
        requires = "request",
        allow_negative_numbers = true
    )]
    now: Option<i64>,
}

/// Runs `verify`.
pub(crate) fn run(args: &Args, out: &Style) -> Result<ExitCode, InputError> {
    // Read every input first: an unreadable one stops the run before any verdict (exit 2).
    let mut files: Vec<(String, Vec<Case>)> = Vec::new();
    if let Some(request) = &args.request {
        let shown = if request == "-" {
            "<stdin>"
        } else {
            request.as_str()
        };
        files.push((shown.to_owned(), vec![request_case(args, request)?]));
    }
    for path in &args.cases {
        let text = read_input(path)?;
        let cases = read_cases(&text).map_err(|e| {
            InputError::new(format!("{path} is not a case or an array of cases: {e}"))
        })?;
        files.push((path.clone(), cases));
    }

    let replay = InMemoryReplayCache::new();
    let (mut all_accepted, mut all_matched, mut total, mut matched) = (true, true, 0, 0);
    for (path, cases) in &files {
        for (i, case) in cases.iter().enumerate() {
            let (outcome, error) = decide_with_error(case, &replay);
            all_accepted &= outcome.is_accept();
            total += 1;
            // A file of several cases names each by its position too.
            let at = if cases.len() > 1 {
                format!("{path} [{i}]")
            } else {
                path.clone()
            };
            let title = match &case.name {
                Some(name) => format!("{at}: {name}"),
                None => at,
            };
            if args.json {
                let line = serde_json::to_string(&outcome)
                    .map_err(|e| InputError::new(format!("cannot print the verdict: {e}")))?;
                say!("{line}");
            } else if args.check {
                let problems = match &case.expect {
                    Some(expect) => expect_mismatches(&outcome, expect),
                    None => vec!["the case has no expect to compare with".to_owned()],
                };
                if problems.is_empty() {
                    matched += 1;
                    say!("{} {title}", out.good("pass"));
                } else {
                    all_matched = false;
                    say!("{} {title}", out.bad("FAIL"));
                    for p in problems {
                        say!("       {p}");
                    }
                }
            } else {
                say!(
                    "{}",
                    explain(&title, &outcome, error.as_ref(), out).trim_end()
                );
            }
        }
    }
    if args.check {
        say!("{matched} of {total} cases matched their expect");
        return Ok(exit(all_matched));
    }
    Ok(exit(all_accepted))
}

fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// One verdict in words.
pub(crate) fn explain(
    title: &str,
    outcome: &Outcome,
    error: Option<&AuthError>,
    out: &Style,
) -> String {
    let mut s = format!("{}\n", out.bold(title));
    let mut line = |label: &str, text: &str| {
        s.push_str(&format!("  {} {text}\n", out.dim(&format!("{label:<8}"))));
    };
    let value = serde_json::to_value(outcome).unwrap_or(Value::Null);
    let field = |name: &str| value.get(name).and_then(Value::as_str).map(str::to_owned);
    if outcome.is_accept() {
        line(
            &out.good("accepted"),
            &format!(
                "as client {} with {}",
                field("client_id").unwrap_or_default(),
                field("method").unwrap_or_default()
            ),
        );
        if let Some(t) = field("certificate_thumbprint") {
            line(
                "cert",
                &format!("x5t#S256 {t} (bind issued tokens to it, RFC 8705 §3)"),
            );
        }
        if let Some(jti) = field("jti") {
            line("jti", &format!("{jti} (recorded: a replay is refused)"));
        }
        if let Some(exp) = value.get("assertion_expires_at").and_then(Value::as_i64) {
            line(
                "expires",
                &crate::time::rfc3339(exp).unwrap_or_else(|| exp.to_string()),
            );
        }
        if let Some(id) = field("matched_secret") {
            line(
                "secret",
                &format!("matched the client_secrets entry {id:?}"),
            );
        }
        if let Some(t) = field("attestation_key_thumbprint") {
            line(
                "instance",
                &format!("attestation key thumbprint {t} (RFC 7638)"),
            );
        }
        return s;
    }
    let status = value.get("status").and_then(Value::as_u64).unwrap_or(0);
    line(
        &out.bad("refused"),
        &format!(
            "the client sees {} (HTTP {status}): \"{}\"",
            field("error").unwrap_or_default(),
            field("description").unwrap_or_default()
        ),
    );
    if let Some(c) = field("www_authenticate") {
        line("header", &format!("WWW-Authenticate: {c}"));
    }
    if let Some(c) = field("attestation_challenge") {
        line(
            "header",
            &format!("OAuth-Client-Attestation-Challenge: {c}"),
        );
    }
    line("reason", &field("detail").unwrap_or_default());
    if let Some(e) = error {
        line("rule", e.rule());
        let remedy = e.remedy();
        line("change", &format!("{}: {}", remedy.side, remedy.text));
    }
    if let Some(class) = field("class") {
        line("class", &class);
    }
    s
}

/// The case of `verify --request`: the captured request against the given client and server.
fn request_case(args: &Args, path: &str) -> Result<Case, InputError> {
    let raw = raw_request::parse(&read_input(path)?)
        .map_err(|e| InputError::new(format!("{path}: {e}")))?;
    let client_path = args.client.as_deref().unwrap_or_default();
    let server_path = args.server.as_deref().unwrap_or_default();
    let client: Value = read_json(client_path, "client metadata (JSON)")?;
    let server: Value = read_json(server_path, "server metadata (JSON)")?;
    let endpoint = match args.endpoint.as_deref() {
        Some("par") => "pushed_authorization".to_owned(),
        Some(name) => name.to_owned(),
        None => endpoint_of_path(&server, &raw.path).as_str().to_owned(),
    };
    let cert = match &args.cert {
        Some(p) => Some(read_input(p)?),
        None => None,
    };
    // Absent members are null, which the case format reads as absent.
    let case = json!({
        "name": format!("{} {} at the {endpoint} endpoint", raw.method, raw.path),
        "now": args.now,
        "endpoint": endpoint,
        "request": { "headers": raw.headers, "body": raw.body, "client_certificate": cert },
        "client": client,
        "server": server,
    });
    read_cases(&case.to_string())
        .map_err(|e| InputError::new(format!("{path}: cannot make a case of it: {e}")))?
        .pop()
        .ok_or_else(|| InputError::new(format!("{path}: no case")))
}

/// The endpoint whose URL path in the server's metadata is `path`; the token endpoint when
/// none is.
fn endpoint_of_path(server: &Value, path: &str) -> Endpoint {
    let Ok(server) = serde_json::from_value::<ServerMetadata>(server.clone()) else {
        return Endpoint::Token;
    };
    let path = path.split('?').next().unwrap_or(path);
    Endpoint::ALL
        .into_iter()
        .find(|&e| {
            server.endpoint_url(e).is_some_and(|url| {
                let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
                let url_path = after_scheme
                    .find('/')
                    .and_then(|i| after_scheme.get(i..))
                    .unwrap_or("/");
                url_path == path
            })
        })
        .unwrap_or(Endpoint::Token)
}
