//! SECURITY.md's rule table names, for every rule, the tests that show it: test functions in
//! files (`` `src/x.rs`: `a`, `b` ``) and cases in the example case files
//! (`` `name.json` "case" ``). This test checks that each one exists, so that the table stays
//! true when code moves.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

/// Removes parenthesized notes, which may quote identifiers that are not test names.
fn without_notes(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The backticked tokens of a text.
fn ticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// The double-quoted strings of a text.
fn quoted(text: &str) -> Vec<&str> {
    text.split('"').skip(1).step_by(2).collect()
}

#[cfg(test)]
fn case_names(file: &str) -> HashSet<String> {
    let path = Path::new("examples/cases").join(file);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cases = match value {
        serde_json::Value::Array(cases) => cases,
        one => vec![one],
    };
    cases
        .iter()
        .filter_map(|c| c.get("name")?.as_str().map(str::to_owned))
        .collect()
}

#[test]
fn every_test_the_security_table_names_exists() {
    let table = fs::read_to_string("SECURITY.md").unwrap();
    let mut missing = Vec::new();
    let mut checked = 0;
    for row in table.lines().filter(|l| l.starts_with("| ")) {
        let Some(tests) = row.trim_end_matches('|').rsplit(" | ").next() else {
            continue;
        };
        for segment in tests.split("; ") {
            let tokens = ticked(segment);
            let Some(&first) = tokens.first() else {
                continue;
            };
            if let Some(file) = first.strip_suffix(".json").map(|_| first) {
                let names = case_names(file);
                for case in quoted(segment) {
                    checked += 1;
                    if !names.contains(case) {
                        missing.push(format!("{file} \"{case}\""));
                    }
                }
            } else if first.ends_with(".rs") && segment.contains(&format!("`{first}`:")) {
                let source = fs::read_to_string(first)
                    .unwrap_or_else(|e| panic!("SECURITY.md names {first}: {e}"));
                let rest = without_notes(segment.split_once(':').map_or("", |(_, r)| r));
                for name in ticked(&rest) {
                    if !name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    {
                        continue;
                    }
                    checked += 1;
                    if !source.contains(&format!("fn {name}(")) {
                        missing.push(format!("{first}: {name}"));
                    }
                }
            } else if let Some((file, name)) = first.split_once("::") {
                let source = fs::read_to_string(file)
                    .unwrap_or_else(|e| panic!("SECURITY.md names {file}: {e}"));
                checked += 1;
                if !source.contains(&format!("fn {name}(")) {
                    missing.push(format!("{file}::{name}"));
                }
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} references read: is the table still there?"
    );
    assert!(
        missing.is_empty(),
        "SECURITY.md names tests that do not exist:\n{}",
        missing.join("\n")
    );
}
