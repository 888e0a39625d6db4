//! The config file: TOML, strict keys, durations, sizes, URLs, error positions.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Err(error) = newsdigest::config::parse(Path::new("fuzz.toml"), text) {
        assert!(error.to_string().starts_with("fuzz.toml:"), "{error}");
    }
});
