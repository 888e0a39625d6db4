//! Plain text and Markdown with YAML or TOML front matter.
#![no_main]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    common::read_as("txt", bytes);
    common::read_as("md", bytes);
});
