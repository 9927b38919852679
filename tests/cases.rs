//! Runs every case file in `examples/cases/` through the same code path as the `verify`
//! example, and checks each verdict against the case's `expect` member: every member of
//! `expect` must appear in the printed verdict with the same value.

use std::path::Path;

use oauth_client_auth::case::{decide, read_cases};
use oauth_client_auth::InMemoryReplayCache;
use serde_json::Value;

#[test]
fn example_cases_give_their_expected_verdicts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no case files in {}", dir.display());

    let mut checked = 0;
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let raw: Value = serde_json::from_str(&text).unwrap();
        let raw_cases = match raw {
            Value::Array(v) => v,
            one => vec![one],
        };
        let cases = read_cases(&text).unwrap();
        assert_eq!(cases.len(), raw_cases.len());
        // One replay cache per file, as the example keeps one per run.
        let replay = InMemoryReplayCache::new();
        for (i, (case, raw)) in cases.iter().zip(&raw_cases).enumerate() {
            let name = raw["name"].as_str().unwrap_or("?");
            let expect = raw
                .get("expect")
                .and_then(Value::as_object)
                .unwrap_or_else(|| panic!("{}[{i}] {name}: no expect", file.display()));
            let got = serde_json::to_value(decide(case, &replay)).unwrap();
            for (key, want) in expect {
                if got.get(key) != Some(want) {
                    failures.push(format!(
                        "{}[{i}] {name}: {key}: want {want}, got {}",
                        file.file_name().unwrap().to_string_lossy(),
                        got.get(key).unwrap_or(&Value::Null)
                    ));
                }
            }
            // An accepted verdict carries no error members.
            if expect.get("outcome") == Some(&Value::from("accept")) {
                assert!(got.get("error").is_none(), "{name}");
            }
            checked += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn verdicts_never_repeat_a_registered_or_presented_secret() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cases");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let replay = InMemoryReplayCache::new();
        for case in read_cases(&text).unwrap() {
            let line = serde_json::to_string(&decide(&case, &replay)).unwrap();
            // Registered secrets and hashes, plaintext or in client_secrets entries.
            let mut registered: Vec<&str> = Vec::new();
            registered.extend(case.client.client_secret.as_ref().map(|s| s.expose()));
            registered.extend(case.client.client_secret_hash.as_deref());
            for entry in case.client.client_secrets.iter().flatten() {
                registered.extend(entry.secret.as_ref().map(|s| s.expose()));
                registered.extend(entry.hash.as_deref());
            }
            for secret in registered {
                assert!(
                    secret.len() < 4 || !line.contains(secret),
                    "{}: {line}",
                    path.display()
                );
            }
        }
    }
}

/// Preparing a client and the server once, and reusing them for every request, must
/// not change any verdict. Every case is decided both ways, each with its own replay store.
#[test]
fn prepared_metadata_gives_the_same_verdicts_as_plain() {
    use oauth_client_auth::case::request_parts;
    use oauth_client_auth::{authenticate_prepared, AuthError, PreparedClient, PreparedServer};

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cases");
    let mut compared = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let cases = read_cases(&text).unwrap();
        let raw: Vec<Value> = match serde_json::from_str(&text).unwrap() {
            Value::Array(v) => v,
            one => vec![one],
        };
        // Prepared up front, once per distinct registration and server, and shared by every
        // case that uses the same one.
        let mut clients = std::collections::HashMap::new();
        let mut servers = std::collections::HashMap::new();
        let prepared: Vec<_> = cases
            .iter()
            .zip(&raw)
            .map(|(c, r)| {
                let server = servers
                    .entry(r["server"].to_string())
                    .or_insert_with(|| std::sync::Arc::new(PreparedServer::new(&c.server)))
                    .clone();
                // The client under the server's secret_hash_max_cost.
                let client = clients
                    .entry((r["client"].to_string(), r["server"].to_string()))
                    .or_insert_with(|| {
                        std::sync::Arc::new(match server.as_ref() {
                            Ok(s) => PreparedClient::with_server(&c.client, s),
                            Err(_) => PreparedClient::new(&c.client),
                        })
                    })
                    .clone();
                (client, server)
            })
            .collect();
        let plain_replay = InMemoryReplayCache::new();
        let prepared_replay = InMemoryReplayCache::new();
        for (case, (client, server)) in cases.iter().zip(&prepared) {
            let plain = serde_json::to_value(decide(case, &plain_replay)).unwrap();
            let verdict = request_parts(case).and_then(|request| {
                let server = server
                    .as_ref()
                    .as_ref()
                    .map_err(|e| AuthError::InvalidServerMetadata(e.clone()))?;
                let client = client
                    .as_ref()
                    .as_ref()
                    .map_err(|e| AuthError::InvalidClientMetadata(e.clone()))?;
                authenticate_prepared(&request, client, server, &prepared_replay)
            });
            match verdict {
                Ok(a) => {
                    assert_eq!(plain["outcome"], "accept", "{}", path.display());
                    assert_eq!(plain["client_id"], a.client_id());
                    assert_eq!(plain["method"], a.method().as_str());
                    assert_eq!(
                        plain.get("certificate_thumbprint").and_then(Value::as_str),
                        a.certificate_thumbprint()
                    );
                    assert_eq!(plain.get("jti").and_then(Value::as_str), a.jti());
                    assert_eq!(
                        plain.get("matched_secret").and_then(Value::as_str),
                        a.matched_secret()
                    );
                }
                Err(e) => {
                    assert_eq!(plain["outcome"], "reject", "{}", path.display());
                    assert_eq!(plain["error"], e.oauth_code().as_str());
                    assert_eq!(plain["detail"], e.to_string());
                }
            }
            compared += 1;
        }
    }
    assert!(compared > 50, "only {compared} cases compared");
}
