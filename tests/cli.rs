//! The `oauth-client-auth` command run as a user runs it: its output compared with the
//! snapshot files in `tests/cli/` (`NAME.stdout`, `NAME.stderr`), and its exit status.
//! `UPDATE_SNAPSHOTS=1 cargo test --features cli --test cli` rewrites the snapshots; review
//! the diff before committing it. Every case uses a fixed clock (`now` in the case files,
//! `--now` otherwise), so the output does not depend on the day.
#![cfg(feature = "cli")]
// clippy.toml allows these in #[test] functions; the helpers below are test code too.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use oauth_client_auth::case::{decide, read_cases};
use oauth_client_auth::InMemoryReplayCache;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the command in the crate's root, with `stdin` on standard input.
fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_oauth-client-auth"))
        .args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Compares `actual` with `tests/cli/NAME`, or writes it there under `UPDATE_SNAPSHOTS`.
fn snapshot(name: &str, actual: &str) {
    let path = root().join("tests/cli").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_SNAPSHOTS=1 writes it)", path.display()));
    assert_eq!(actual, want, "output differs from {}", path.display());
}

/// Runs the command, checks its exit status, and compares its output with `NAME.stdout` and
/// `NAME.stderr`.
fn case(name: &str, args: &[&str], stdin: &str, status: i32) {
    let out = run(args, stdin);
    snapshot(&format!("{name}.stdout"), &text(&out.stdout));
    snapshot(&format!("{name}.stderr"), &text(&out.stderr));
    assert_eq!(out.status.code(), Some(status), "{name}: {args:?}");
}

fn example_case_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root().join("examples/cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            p.strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    files
}

#[test]
fn verify_check_passes_on_every_sample_case_file() {
    let files = example_case_files();
    let mut args = vec!["verify", "--check"];
    args.extend(files.iter().map(String::as_str));
    let out = run(&args, "");
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(!stdout.contains("FAIL"), "{stdout}");
    assert!(stdout.contains("cases matched their expect"), "{stdout}");
}

#[test]
fn verify_check_reports_a_case_that_differs_from_its_expect() {
    case(
        "verify-check-mismatch",
        &["verify", "--check", "tests/cli/mismatch.json"],
        "",
        1,
    );
}

#[test]
fn verify_json_prints_the_case_format_lines() {
    for file in example_case_files() {
        let out = run(&["verify", "--json", &file], "");
        let cases = read_cases(&std::fs::read_to_string(root().join(&file)).unwrap()).unwrap();
        let replay = InMemoryReplayCache::new();
        let want: String = cases
            .iter()
            .map(|c| format!("{}\n", serde_json::to_string(&decide(c, &replay)).unwrap()))
            .collect();
        assert_eq!(text(&out.stdout), want, "{file}");
        let all_accepted = !want.contains("\"outcome\":\"reject\"");
        assert_eq!(out.status.code(), Some(if all_accepted { 0 } else { 1 }));
    }
}

/// Every sample file has refused cases (one per method at least); each refusal is explained:
/// what the client sees, the reason, the rule, and what to change on which side.
#[test]
fn verify_explains_every_refusal_of_every_method() {
    for file in example_case_files() {
        let out = run(&["verify", &file], "");
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{file}");
        let blocks: Vec<&str> = stdout.split("\nexamples/").collect();
        let refused: Vec<&&str> = blocks.iter().filter(|b| b.contains("  refused ")).collect();
        assert!(!refused.is_empty(), "{file}: no refused case");
        for block in refused {
            for label in [
                "the client sees ",
                "  reason ",
                "  rule ",
                "  change ",
                "  class ",
            ] {
                assert!(
                    block.contains(label),
                    "{file}: {label:?} missing in\n{block}"
                );
            }
            let change = block.lines().find(|l| l.starts_with("  change ")).unwrap();
            assert!(
                [
                    "client:",
                    "server registration:",
                    "server configuration:",
                    "none (outage):"
                ]
                .iter()
                .any(|side| change.contains(side)),
                "{change}"
            );
        }
        assert!(!stdout.contains('\x1b'), "colour when not on a terminal");
    }
}

#[test]
fn verify_in_words_on_a_sample_file() {
    case(
        "verify-private-key-jwt",
        &["verify", "examples/cases/private_key_jwt.json"],
        "",
        1,
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let args = ["--color", "always", "verify", "examples/cases/none.json"];
    assert!(text(&run(&args, "").stdout).contains("\x1b[1;31mrefused"));
    let args = ["verify", "--color", "never", "examples/cases/none.json"];
    assert!(!text(&run(&args, "").stdout).contains('\x1b'));
}

#[test]
fn an_unreadable_case_file_is_a_clear_error_and_exit_2() {
    case("verify-bad-file", &["verify", "tests/cli/bad.json"], "", 2);
    case(
        "verify-missing-file",
        &["verify", "tests/cli/no-such-file.json"],
        "",
        2,
    );
}

#[test]
fn an_unknown_key_is_named_with_its_line_and_column() {
    case(
        "verify-unknown-key",
        &["verify", "tests/cli/unknown-key.json"],
        "",
        2,
    );
}

#[test]
fn verify_a_captured_request_with_crlf_line_ends() {
    assert!(
        std::fs::read_to_string(root().join("tests/cli/basic-crlf.http"))
            .unwrap()
            .contains("\r\n")
    );
    case(
        "verify-request-crlf",
        &[
            "verify",
            "--request",
            "tests/cli/basic-crlf.http",
            "--client",
            "tests/cli/client-basic.json",
            "--server",
            "tests/cli/server.json",
            "--now",
            "1764300000",
        ],
        "",
        0,
    );
}

#[test]
fn verify_a_captured_request_refused_at_the_par_endpoint() {
    // LF line ends, read from standard input; the endpoint is found from the request's path.
    let request =
        std::fs::read_to_string(root().join("tests/cli/basic-wrong-secret-lf.http")).unwrap();
    case(
        "verify-request-refused",
        &[
            "verify",
            "--request",
            "-",
            "--client",
            "tests/cli/client-basic.json",
            "--server",
            "tests/cli/server.json",
            "--now",
            "1764300000",
        ],
        &request,
        1,
    );
}

#[test]
fn verify_a_captured_request_with_its_tls_client_certificate() {
    case(
        "verify-request-mtls",
        &[
            "verify",
            "--request",
            "tests/cli/mtls.http",
            "--client",
            "tests/cli/client-mtls.json",
            "--server",
            "tests/cli/server.json",
            "--cert",
            "tests/certs/client.pem",
            "--now",
            "1764300000",
        ],
        "",
        0,
    );
}

/// The transcript of the README's "When a client is refused".
#[test]
fn verify_a_captured_request_whose_aud_is_the_token_endpoint() {
    case(
        "verify-request-aud",
        &[
            "verify",
            "--request",
            "tests/cli/pkj-aud-endpoint.http",
            "--client",
            "tests/cli/client-pkj.json",
            "--server",
            "tests/cli/server-pkj.json",
            "--now",
            "1764300000",
        ],
        "",
        1,
    );
}

#[test]
fn check_registration_finds_every_problem() {
    case(
        "check-registration-unsound",
        &[
            "check-registration",
            "tests/cli/client-unsound.json",
            "--server",
            "tests/cli/server.json",
            "--now",
            "1764300000",
        ],
        "",
        1,
    );
    case(
        "check-registration-sound",
        &[
            "check-registration",
            "tests/cli/client-basic.json",
            "--server",
            "tests/cli/server.json",
            "--now",
            "1764300000",
        ],
        "",
        0,
    );
}

/// Every sample case refused for its registration (class `registration`) is reported by
/// `check-registration --cases` with an error, before any request.
#[test]
fn check_registration_finds_the_registration_faults_of_the_sample_cases() {
    let files = example_case_files();
    let mut args = vec!["check-registration", "--cases"];
    args.extend(files.iter().map(String::as_str));
    let out = run(&args, "");
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    let mut found = 0;
    for file in &files {
        let raw: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(root().join(file)).unwrap()).unwrap();
        let cases = raw.as_array().cloned().unwrap_or_else(|| vec![raw.clone()]);
        for (i, case) in cases.iter().enumerate() {
            if case["expect"]["class"] != "registration" {
                continue;
            }
            let title = format!("{file} [{i}]: {}", case["name"].as_str().unwrap_or(""));
            // A registration seen in an earlier case is checked once, under that case's title.
            let Some(at) = stdout.find(&format!("{title}\n")) else {
                continue;
            };
            let block = stdout[at + title.len() + 1..]
                .split("\nexamples/")
                .next()
                .unwrap();
            assert!(
                block.contains("  error ") || block.contains("  warning "),
                "{title}:\n{block}"
            );
            found += 1;
        }
    }
    assert!(found >= 5, "only {found} registration faults checked");
}

#[test]
fn inspect_decodes_without_printing_the_signature() {
    let jwt = std::fs::read_to_string(root().join("tests/cli/assertion.jwt")).unwrap();
    let jwt = jwt.trim();
    let out = run(
        &[
            "inspect",
            "--now",
            "1764300200",
            "--issuer",
            "https://as.example.com",
            jwt,
        ],
        "",
    );
    snapshot("inspect-expired.stdout", &text(&out.stdout));
    assert_eq!(out.status.code(), Some(1));
    let signature = jwt.rsplit('.').next().unwrap();
    assert!(!text(&out.stdout).contains(signature));
    assert!(text(&out.stdout).contains("expired 2 min ago"));
    // From standard input, within its lifetime: every check passes.
    let out = run(
        &["inspect", "-", "--now", "1764300010"],
        &format!("{jwt}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    case("inspect-not-a-jws", &["inspect", "a.b"], "", 2);
    // A captured form body: the client_assertion parameter is found and decoded.
    let body = format!("grant_type=client_credentials&client_assertion={jwt}&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer");
    let out = run(&["inspect", "-", "--now", "1764300010"], &body);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn hash_secret_prints_a_hash_the_library_verifies() {
    let out = run(&["hash-secret"], "a-new-secret-of-32-bytes-or-more\n");
    assert_eq!(out.status.code(), Some(0));
    let hash = text(&out.stdout).trim().to_owned();
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
    assert!(!text(&out.stdout).contains("a-new-secret"));
    // The hash, registered as client_secret_hash, authenticates the secret (with the default
    // secret_hash_max_cost), and refuses another.
    let basic = |secret: &str| {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(format!("hashed-client:{secret}"))
    };
    for (secret, accepted) in [
        ("a-new-secret-of-32-bytes-or-more", true),
        ("a-new-secret-of-32-bytes-or-less", false),
    ] {
        let case = serde_json::json!({
            "now": 1764300000,
            "request": {"headers": [["Authorization", format!("Basic {}", basic(secret))]],
                        "body": "grant_type=client_credentials"},
            "client": {"client_id": "hashed-client", "client_secret_hash": hash},
            "server": {"issuer": "https://as.example.com"}
        });
        let cases = read_cases(&case.to_string()).unwrap();
        let outcome = decide(&cases[0], &InMemoryReplayCache::new());
        assert_eq!(outcome.is_accept(), accepted, "{outcome:?}");
    }
    // An empty secret is refused.
    let out = run(&["hash-secret"], "\n");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn snapshot_inputs_exist() {
    for name in ["server.json", "client-basic.json", "client-unsound.json"] {
        assert!(
            Path::new(&root().join("tests/cli").join(name)).exists(),
            "{name}"
        );
    }
}
