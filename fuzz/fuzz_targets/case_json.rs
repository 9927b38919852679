//! The whole path of the `verify` example: a case file read with `case::read_cases`, each case
//! decided with `case::decide` against one replay cache, and the verdict printed as JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth_client_auth::case::{decide, read_cases};
use oauth_client_auth::InMemoryReplayCache;

fuzz_target!(|data: &[u8]| {
    let Some(cases) = std::str::from_utf8(data)
        .ok()
        .and_then(|t| read_cases(t).ok())
    else {
        return;
    };
    let replay = InMemoryReplayCache::with_capacity(64);
    for case in &cases {
        let _ = serde_json::to_string(&decide(case, &replay));
    }
});
