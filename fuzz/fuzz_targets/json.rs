//! JSON articles (an object or an array), JSON Feed, and JSONL.
#![no_main]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    common::read_as("json", bytes);
    common::read_as("jsonl", bytes);
});
