//! `check-registration`: every problem of a client registration, before its first request.

use std::process::ExitCode;

use oauth_client_auth::case::read_cases;
use oauth_client_auth::{check_registration, ClientMetadata, ServerMetadata, Severity};
use serde_json::Value;

use crate::style::Style;
use crate::{read_input, read_json, InputError};

/// Arguments of `check-registration`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 when no error was found (warnings allowed), 1 when one \
                        was, 2 when an input could not be read."
)]
pub(crate) struct Args {
    /// The registered client's metadata (RFC 7591 names), JSON.
    #[arg(
        value_name = "CLIENT.json",
        required_unless_present = "cases",
        requires = "server"
    )]
    client: Option<String>,
    /// The server's metadata and policy (RFC 8414 names), JSON.
    #[arg(long, value_name = "SERVER.json")]
    server: Option<String>,
    /// Check the client of each case in these case files, under the case's server and clock
    /// (each distinct registration once).
    #[arg(long, value_name = "CASE.json", num_args = 1.., conflicts_with_all = ["client", "server"])]
    cases: Vec<String>,
    /// The clock, Unix seconds, for client_secret_expires_at (default: the system clock, or
    /// the case's `now`).
    #[arg(long, value_name = "UNIX", allow_negative_numbers = true)]
    now: Option<i64>,
}

/// One registration to check: where it comes from, the client, the server, the clock.
struct Registration {
    title: String,
    client: ClientMetadata,
    server: ServerMetadata,
    now: Option<i64>,
}

/// Runs `check-registration`.
pub(crate) fn run(args: &Args, out: &Style) -> Result<ExitCode, InputError> {
    let mut registrations = Vec::new();
    if let (Some(client), Some(server)) = (&args.client, &args.server) {
        let client: ClientMetadata = read_json(client, "client metadata (JSON)")?;
        let server: ServerMetadata = read_json(server, "server metadata (JSON)")?;
        registrations.push(Registration {
            title: format!("client {} under {}", client.client_id, server.issuer),
            client,
            server,
            now: args.now,
        });
    }
    for path in &args.cases {
        registrations.extend(from_case_file(path, args.now)?);
    }
    let mut errors = 0;
    for r in &registrations {
        errors += report(r, out);
    }
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The distinct (client, server) pairs of a case file, in order.
fn from_case_file(path: &str, now: Option<i64>) -> Result<Vec<Registration>, InputError> {
    let text = read_input(path)?;
    let bad = |e: serde_json::Error| {
        InputError::new(format!("{path} is not a case or an array of cases: {e}"))
    };
    // The case format's strict reading first, for its errors; then the raw members, to tell
    // registrations apart.
    let cases = read_cases(&text).map_err(bad)?;
    let raw = match serde_json::from_str::<Value>(&text).map_err(bad)? {
        Value::Array(items) => items,
        one => vec![one],
    };
    let mut seen: Vec<(&Value, &Value)> = Vec::new();
    let mut out = Vec::new();
    for (i, (case, raw)) in cases.iter().zip(&raw).enumerate() {
        let key = (&raw["client"], &raw["server"]);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let client: ClientMetadata = serde_json::from_value(raw["client"].clone()).map_err(bad)?;
        let server: ServerMetadata = serde_json::from_value(raw["server"].clone()).map_err(bad)?;
        let name = case.name.as_deref().unwrap_or("");
        out.push(Registration {
            title: format!("{path} [{i}]: {name}"),
            client,
            server,
            now: now.or(case.now),
        });
    }
    Ok(out)
}

/// Prints the findings of one registration; returns how many are errors.
fn report(r: &Registration, out: &Style) -> usize {
    let findings = check_registration(&r.client, &r.server, r.now);
    say!("{}", out.bold(&r.title));
    if findings.is_empty() {
        say!("  {} no problem found", out.good("ok"));
        return 0;
    }
    let mut errors = 0;
    for f in &findings {
        let label = match f.severity {
            Severity::Error => {
                errors += 1;
                out.bad("error  ")
            }
            _ => out.warn("warning"),
        };
        say!("  {label} {}", f.message);
        say!("          {} {}", out.dim("rule  "), f.rule);
        say!(
            "          {} {}: {}",
            out.dim("change"),
            f.remedy.side,
            f.remedy.text
        );
    }
    say!(
        "  {errors} error(s), {} warning(s)",
        findings.len() - errors
    );
    errors
}
