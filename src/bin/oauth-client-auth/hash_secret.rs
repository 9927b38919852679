//! `hash-secret`: reads a new client secret from standard input (without echo on a terminal)
//! and prints its argon2id PHC string for `client_secret_hash`.

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use oauth_client_auth::hash_client_secret;

use crate::InputError;

/// Arguments of `hash-secret` (none: the secret comes from standard input, never from the
/// command line, where other users and the shell history could read it).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The hash is argon2id at m=19456,t=2,p=1, inside the default \
                        secret_hash_max_cost. Hash the secret exactly as issued to the client."
)]
pub(crate) struct Args {}

/// Runs `hash-secret`.
pub(crate) fn run(_args: &Args) -> Result<ExitCode, InputError> {
    let stdin = std::io::stdin();
    let secret = if stdin.is_terminal() {
        rpassword::prompt_password("New client secret (not echoed): ")
            .map_err(|e| InputError::new(format!("cannot read the secret: {e}")))?
    } else {
        let mut text = String::new();
        stdin
            .lock()
            .read_to_string(&mut text)
            .map_err(|e| InputError::new(format!("cannot read the secret: {e}")))?;
        // One line end, as `echo` or a file adds it, is not part of the secret.
        let end = text
            .strip_suffix("\r\n")
            .or_else(|| text.strip_suffix('\n'))
            .map(str::len);
        if let Some(end) = end {
            text.truncate(end);
        }
        text
    };
    let hash = hash_client_secret(&secret)
        .map_err(|e| InputError::new(format!("cannot hash the secret: {e}")))?;
    say!("{hash}");
    Ok(ExitCode::SUCCESS)
}
