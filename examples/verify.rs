//! Decides client-authentication cases and prints one JSON verdict line per case.
//!
//! A case is one request as the authorization server received it, the registered client, the
//! server's metadata and policy, and the clock (see `examples/cases/` and the crate's
//! `case` module). Point it at a captured request to learn why a client is refused:
//!
//! ```text
//! cargo run --example verify -- examples/cases/client_secret_basic.json
//! cargo run --example verify -- examples/cases/private_key_jwt.json
//! cargo run --example verify            # decides an embedded sample case
//! ```
//!
//! Exit status: 0 when every case was accepted, 1 when any was rejected, 2 when a case could
//! not be read (the reason goes to standard error). A file holding an array of cases is
//! decided in order against one in-memory replay cache, so a `jti` used in one case is a
//! replay in a later one.

use std::process::ExitCode;

use oauth_client_auth::case::{decide, read_cases};
use oauth_client_auth::InMemoryReplayCache;

/// The case decided when no file is named: RFC 6749 §2.3.1's example client, using
/// `client_secret_basic`.
const SAMPLE: &str = r#"{
  "now": 1764300000,
  "endpoint": "token",
  "request": {
    "headers": [["Authorization", "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW"]],
    "body": "grant_type=client_credentials&scope=read"
  },
  "client": { "client_id": "s6BhdRkqt3", "client_secret": "gX1fBat3bV",
              "token_endpoint_auth_method": "client_secret_basic" },
  "server": { "issuer": "https://as.example.com",
              "token_endpoint": "https://as.example.com/token" }
}"#;

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let inputs: Vec<(String, String)> = if files.is_empty() {
        eprintln!("verify: no case file named; deciding the embedded sample case");
        vec![("<embedded sample>".to_owned(), SAMPLE.to_owned())]
    } else {
        let mut inputs = Vec::new();
        for file in files {
            match std::fs::read_to_string(&file) {
                Ok(text) => inputs.push((file, text)),
                Err(e) => {
                    eprintln!("verify: cannot read {file}: {e}");
                    return ExitCode::from(2);
                }
            }
        }
        inputs
    };

    let replay = InMemoryReplayCache::new();
    let mut all_accepted = true;
    for (name, text) in inputs {
        let cases = match read_cases(&text) {
            Ok(cases) => cases,
            Err(e) => {
                eprintln!("verify: {name} is not a case or an array of cases: {e}");
                return ExitCode::from(2);
            }
        };
        for case in &cases {
            let outcome = decide(case, &replay);
            all_accepted &= outcome.is_accept();
            match serde_json::to_string(&outcome) {
                Ok(line) => println!("{line}"),
                Err(e) => {
                    eprintln!("verify: cannot print the verdict: {e}");
                    return ExitCode::from(2);
                }
            }
        }
    }
    if all_accepted {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
