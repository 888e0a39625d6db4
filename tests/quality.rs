//! The quality command (`examples/quality/`) runs on a small labelled corpus and prints
//! its table: every measure, for every set (a headline slice and a small scale corpus
//! made from the same corpus), with a value of the right kind. The numbers themselves
//! are checked in the README, on the real corpus, not here.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The example binary next to the test binaries. `cargo test` builds the quality
/// example as a test harness (its `[[example]]` has `test = true`, for its own unit
/// tests), not as the command, so the command is built here, with the same profile.
fn quality_binary() -> PathBuf {
    let deps = std::env::current_exe().expect("test binary path");
    let profile = deps
        .parent()
        .and_then(Path::parent)
        .expect("target profile folder");
    let binary = profile
        .join("examples")
        .join(format!("quality{}", std::env::consts::EXE_SUFFIX));
    // Built every time (cargo does nothing when it is up to date), so that a command
    // left from an earlier build is never the one tested.
    BUILD.call_once(|| {
        let mut build = Command::new(env!("CARGO"));
        build
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["build", "--example", "quality"]);
        if profile.file_name().is_some_and(|name| name == "release") {
            build.arg("--release");
        }
        let status = build.status().expect("cargo runs");
        assert!(status.success(), "building the quality example failed");
    });
    binary
}

static BUILD: std::sync::Once = std::sync::Once::new();

#[test]
fn the_table_has_every_measure_for_every_slice() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quality");
    let output = Command::new(quality_binary())
        .arg(&corpus)
        .args(["--scale-sizes", "300", "--flags", "1"])
        .output()
        .expect("quality runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let table = String::from_utf8(output.stdout).expect("UTF-8");
    let rows: Vec<Vec<&str>> = table
        .lines()
        .skip(2)
        .filter(|line| line.starts_with('|'))
        .map(|line| line.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    assert_eq!(table.lines().next(), Some("| measure | set | value |"));
    let value_of = |measure: &str, slice: &str| -> &str {
        rows.iter()
            .find(|r| r[0] == measure && r[1].starts_with(slice))
            .unwrap_or_else(|| panic!("no row {measure} / {slice} in\n{table}"))[2]
    };
    for slice in ["uci/slice", "scale 300"] {
        for measure in [
            "grouping B-cubed precision",
            "grouping B-cubed recall",
            "grouping B-cubed F1",
        ] {
            let value: f64 = value_of(measure, slice).parse().expect("a number");
            assert!((0.0..=1.0).contains(&value), "{measure}: {value}");
        }
    }
    let worst: f64 = value_of("grouping B-cubed F1, worst set", "uci/slice")
        .parse()
        .expect("a number");
    assert!((0.0..=1.0).contains(&worst));
    let (found, labelled) = value_of("stories found / labelled", "uci/slice")
        .split_once(" / ")
        .expect("found / labelled");
    assert!(found.parse::<usize>().is_ok());
    assert_eq!(labelled, "3");
    for measure in [
        "same fact accuracy",
        "same fact precision",
        "same fact recall",
        "same fact F1",
        "same fact accuracy, cross-validated",
        "same fact precision, cross-validated",
        "same fact recall, cross-validated",
    ] {
        let value: f64 = value_of(measure, "mrpc train (5 pairs")
            .parse()
            .expect("a number");
        assert!((0.0..=1.0).contains(&value), "{measure}: {value}");
    }
    for (measure, set) in [
        ("changed figure flagged (recall)", "mrpc, counts changed"),
        ("changed figure flagged (recall)", "mrpc, every kind"),
        (
            "changed figure flagged (recall)",
            "mrpc, days of the month changed",
        ),
        (
            "unchanged pair flagged (false flags)",
            "mrpc pairs sharing a figure",
        ),
    ] {
        let value: f64 = value_of(measure, set).parse().expect("a number");
        assert!((0.0..=1.0).contains(&value), "{measure}: {value}");
    }
    // The fixture's one incident has two articles saying 3 and 4 killed: one real
    // difference, which the briefing flags.
    let recall = value_of(
        "real differing killed/injured counts flagged (recall)",
        "gvc (1 article pairs",
    );
    assert_eq!(recall, "1.000");
    let precision: f64 = value_of(
        "flags on killed/injured counts that are real differences (precision)",
        "gvc",
    )
    .parse()
    .expect("a number");
    assert!((0.0..=1.0).contains(&precision));
    // What reaches the reader that should not: counted on each full-text briefing and
    // the sample, every multi-source fact of the sample supported by each mention.
    for set in ["gvc", "sample"] {
        let lines = value_of("summary lines: boilerplate / fragments (own checks)", set);
        assert!(lines.contains(" of "), "{lines}");
        let supported = value_of("multi-source facts supported by every cited mention", set);
        let share: f64 = supported
            .split_whitespace()
            .next()
            .and_then(|v| v.parse().ok())
            .expect("a share");
        assert!((0.0..=1.0).contains(&share), "{supported}");
    }
    assert!(
        value_of(
            "multi-source facts supported by every cited mention",
            "sample"
        )
        .starts_with("1.000"),
        "every corroborated fact of the sample is said by each source cited"
    );
    // The sample of flags names the measure and each value's article.
    assert!(table.contains("## A random sample of 1 flags"), "{table}");
    assert!(table.contains("in g1 (a.example)") && table.contains("in g2 (b.example)"));
}

#[test]
fn a_missing_corpus_is_a_clear_error() {
    let output = Command::new(quality_binary())
        .arg("/no/such/corpus")
        .output()
        .expect("quality runs");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("/no/such/corpus"));
}
