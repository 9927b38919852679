//! `oauth-client-auth`: the operator's command for the crate (feature `cli`).
//!
//! - `verify CASE.json...`: why each case's client is accepted or refused, in words: the
//!   error the client sees, the operator's reason, the rule with its source, and what to
//!   change on which side. `--json` prints the case format's lines, `--check` compares each
//!   verdict with the case's `expect`. `verify --request FILE --client C --server S` judges a
//!   captured raw HTTP/1.1 request instead.
//! - `check-registration CLIENT.json --server SERVER.json`: every problem of a registration.
//! - `inspect ASSERTION`: a client assertion decoded, without verifying it.
//! - `hash-secret`: a new secret from standard input, hashed for `client_secret_hash`.
//!
//! Exit status (case format): 0 when every case was accepted (or, with `--check`, matched its
//! `expect`; or the registration has no error), 1 when one was refused (did not match; has an
//! error), 2 when an input could not be read.

/// `println!` that ends the process quietly when standard output is closed (`| head`),
/// instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::emit(format_args!($($arg)*))
    };
}

mod check_registration;
mod hash_secret;
mod inspect;
mod raw_request;
mod style;
mod time;
mod verify;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::style::ColorWhen;

/// Client authentication for OAuth authorization servers: why a client was refused, whether a
/// registration is sound, what an assertion says, and hashed secrets.
#[derive(Debug, Parser)]
#[command(name = "oauth-client-auth", version)]
struct Cli {
    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Decide case files (or one captured request) and explain each verdict.
    Verify(verify::Args),
    /// List every problem of a client registration before its first request.
    CheckRegistration(check_registration::Args),
    /// Decode a client assertion without verifying it, and list the checks `verify` applies.
    Inspect(inspect::Args),
    /// Read a new client secret from standard input and print its argon2id hash.
    HashSecret(hash_secret::Args),
}

/// An input that cannot be read: its message goes to standard error, and the exit status is 2.
#[derive(Debug)]
struct InputError(String);

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl InputError {
    fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }
}

/// Writes one line to standard output; when it is closed, ends the process (status 2: the
/// output could not be completed).
fn emit(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{args}").is_err() {
        std::process::exit(2);
    }
}

/// Reads a file, or standard input for `-`.
fn read_input(path: &str) -> Result<String, InputError> {
    if path == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| InputError::new(format!("cannot read standard input: {e}")))?;
        Ok(text)
    } else {
        std::fs::read_to_string(path)
            .map_err(|e| InputError::new(format!("cannot read {path}: {e}")))
    }
}

/// Reads a JSON file into `T`, naming the file, line and column of any error.
fn read_json<T: serde::de::DeserializeOwned>(path: &str, what: &str) -> Result<T, InputError> {
    let text = read_input(path)?;
    serde_json::from_str(&text).map_err(|e| InputError::new(format!("{path} is not {what}: {e}")))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = style::Style::for_stdout(cli.color);
    let result = match cli.command {
        Command::Verify(args) => verify::run(&args, &out),
        Command::CheckRegistration(args) => check_registration::run(&args, &out),
        Command::Inspect(args) => inspect::run(&args, &out),
        Command::HashSecret(args) => hash_secret::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("oauth-client-auth: {e}");
            ExitCode::from(2)
        }
    }
}
