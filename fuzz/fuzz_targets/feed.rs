//! RSS, Atom and JSON Feed through feed-rs, items' HTML included.
#![no_main]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    common::read_as("xml", bytes);
});
