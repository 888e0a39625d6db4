//! The harness every integration test binary shares: how the `newsdigest` binary is
//! run, the sample it is run on, and how its output is read and compared. Each test
//! binary uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The day the sample articles are briefed for, as the committed `output/` is.
pub const SAMPLE_DATE: &str = "2025-12-08";

/// The sample articles bundled with the repository.
pub fn samples() -> PathBuf {
    repository().join("samples")
}

pub fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The binary under test, in a known environment: days are UTC days (windows and
/// `today` are local days) and no `RUST_LOG` of the caller's shell changes its logs.
pub fn newsdigest() -> Command {
    let mut command = Command::cargo_bin("newsdigest").expect("binary builds");
    command.env("TZ", "UTC").env_remove("RUST_LOG");
    command
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Fails with the exit status, stdout and stderr unless the run succeeded.
pub fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        output.status.code(),
        stdout(output),
        stderr(output)
    );
}

/// Fails, showing a line diff of `kept` against `fresh`, unless they are equal.
pub fn assert_same_text(name: &str, kept: &str, fresh: &str, hint: &str) {
    if kept == fresh {
        return;
    }
    let diff = similar::TextDiff::from_lines(kept, fresh)
        .unified_diff()
        .context_radius(2)
        .header(&format!("{name} (kept)"), &format!("{name} (fresh)"))
        .to_string();
    panic!("{name} differs: {hint}\n{diff}");
}
