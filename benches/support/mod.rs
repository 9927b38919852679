//! What the benches share: reading this run's estimates back from criterion, to print each
//! bench's closing table of ratios.

use std::path::PathBuf;

/// Where criterion writes its estimates (the same order of preference as criterion's own).
pub(crate) fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/criterion")
}

/// An estimate of a bench in nanoseconds from this run (`"median"`, `"slope"`, ...).
pub(crate) fn estimate_ns(group: &str, function: &str, estimate: &str) -> Option<f64> {
    let path = criterion_home()
        .join(group)
        .join(function)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v.get(estimate)?.get("point_estimate")?.as_f64()
}

/// The median of a bench in nanoseconds, from this run's estimates.
#[allow(dead_code)] // not every bench reads medians
pub(crate) fn median_ns(group: &str, function: &str) -> Option<f64> {
    estimate_ns(group, function, "median")
}
