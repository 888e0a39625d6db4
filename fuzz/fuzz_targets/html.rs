//! HTML pages: Readability, the paragraph fallback and the markup pre-scan.
#![no_main]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    common::read_as("html", bytes);
});
