//! Preparing a `tls_client_auth` client parses its registered `tls_client_auth_subject_dn`,
//! which [`authenticate`](oauth_client_auth::authenticate) does on every call. The parse is
//! linear in the string's length: this bench measures names of a quarter, a half and all of
//! [`MAX_SUBJECT_DN_BYTES`], in two shapes, and ends with the time per byte of each. Linear
//! parsing shows as about the same time per byte at every size; the quadratic parse this
//! replaced took seconds for 40,000 values in one RDN.
//!
//! - `one_value`: `CN=aaaa…`, one value as long as the name: the floor, mostly string
//!   preparation;
//! - `widest_rdns`: RDNs of [`MAX_RDN_ATTRIBUTES`] values of distinct dotted-OID types
//!   (`1.1.0=v+1.1.1=v+…`), as many as fit: the most values per byte, each one an OID to parse,
//!   a duplicate check and a value to prepare.
//!
//! ```text
//! cargo bench --bench subject_dn
//! ```

// Bench set-up works on fixed inputs: a failure there is a broken bench, and panics.
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{criterion_group, Criterion};
use oauth_client_auth::{ClientMetadata, PreparedClient, MAX_RDN_ATTRIBUTES, MAX_SUBJECT_DN_BYTES};

#[path = "support/mod.rs"]
mod support;
use support::*;

const SHAPES: &[&str] = &["one_value", "widest_rdns"];
const SIZES: &[usize] = &[
    MAX_SUBJECT_DN_BYTES / 4,
    MAX_SUBJECT_DN_BYTES / 2,
    MAX_SUBJECT_DN_BYTES,
];

/// A name of the shape, exactly `len` bytes long.
fn name(shape: &str, len: usize) -> String {
    let name = match shape {
        "one_value" => format!("CN={}", "a".repeat(len - 3)),
        "widest_rdns" => {
            let rdn = (0..MAX_RDN_ATTRIBUTES)
                .map(|i| format!("1.1.{i}=v"))
                .collect::<Vec<_>>()
                .join("+");
            let count = (len - 4) / (rdn.len() + 1);
            let rest = vec![rdn.as_str(); count].join(",");
            format!("CN={},{rest}", "p".repeat(len - rest.len() - 4))
        }
        _ => panic!("unknown shape {shape}"),
    };
    assert_eq!(name.len(), len);
    name
}

fn client(dn: String) -> ClientMetadata {
    let mut c = ClientMetadata::new("mtls-client");
    c.token_endpoint_auth_method = Some("tls_client_auth".to_owned());
    c.tls_client_auth_subject_dn = Some(dn);
    c
}

fn subject_dn(c: &mut Criterion) {
    for shape in SHAPES {
        let mut group = c.benchmark_group(format!("subject_dn_{shape}"));
        for &len in SIZES {
            let metadata = client(name(shape, len));
            PreparedClient::new(&metadata).expect("the name parses");
            group.bench_function(len.to_string(), |b| {
                b.iter(|| PreparedClient::new(black_box(&metadata)))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, subject_dn);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    print_table();
}

fn print_table() {
    println!();
    println!("median time per byte of the name (linear: about equal along a row):");
    print!("{:<14}", "shape");
    for len in SIZES {
        print!(" {:>12}", format!("{len} B"));
    }
    println!();
    for shape in SHAPES {
        print!("{shape:<14}");
        for &len in SIZES {
            let per_byte = median_ns(&format!("subject_dn_{shape}"), &len.to_string())
                .map_or("-".to_owned(), |ns| format!("{:.1} ns", ns / len as f64));
            print!(" {per_byte:>12}");
        }
        println!();
    }
}
