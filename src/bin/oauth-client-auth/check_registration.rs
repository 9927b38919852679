//! `check-registration`: every problem of a client registration, before its first request.

use std::process::ExitCode;

use oauth_client_auth::{check_registration, ClientMetadata, ServerMetadata, Severity};

use crate::style::Style;
use crate::{read_json, InputError};

/// Arguments of `check-registration`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 when no error was found (warnings allowed), 1 when one \
                        was, 2 when an input could not be read."
)]
pub(crate) struct Args {
    /// The registered client's metadata (RFC 7591 names), JSON.
    #[arg(value_name = "CLIENT.json")]
    client: String,
    /// The server's metadata and policy (RFC 8414 names), JSON.
    #[arg(long, value_name = "SERVER.json")]
    server: String,
    /// The clock, Unix seconds, for client_secret_expires_at (default: the system clock).
    #[arg(long, value_name = "UNIX", allow_negative_numbers = true)]
    now: Option<i64>,
}

/// Runs `check-registration`.
pub(crate) fn run(args: &Args, out: &Style) -> Result<ExitCode, InputError> {
    let client: ClientMetadata = read_json(&args.client, "client metadata (JSON)")?;
    let server: ServerMetadata = read_json(&args.server, "server metadata (JSON)")?;
    let findings = check_registration(&client, &server, args.now);
    say!(
        "{}",
        out.bold(&format!(
            "client {} under {}",
            client.client_id, server.issuer
        ))
    );
    if findings.is_empty() {
        say!("  {} no problem found", out.good("ok"));
        return Ok(ExitCode::SUCCESS);
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
    say!("{errors} error(s), {} warning(s)", findings.len() - errors);
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
