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
            if let Some(secret) = case.client.client_secret.as_ref() {
                assert!(
                    secret.expose().len() < 4 || !line.contains(secret.expose()),
                    "{}: {line}",
                    path.display()
                );
            }
        }
    }
}
