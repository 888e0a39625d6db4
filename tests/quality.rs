//! The quality command (`examples/quality/`) runs on a small labelled corpus and prints
//! its table: every measure, for every set (a headline slice and a small scale corpus
//! made from the same corpus), with a value of the right kind. The numbers themselves
//! are checked in the README, on the real corpus, not here.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The example binary cargo builds next to the test binaries (`cargo test` builds
/// examples too).
fn quality_binary() -> PathBuf {
    let deps = std::env::current_exe().expect("test binary path");
    let profile = deps
        .parent()
        .and_then(Path::parent)
        .expect("target profile folder");
    profile
        .join("examples")
        .join(format!("quality{}", std::env::consts::EXE_SUFFIX))
}

#[test]
fn the_table_has_every_measure_for_every_slice() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quality");
    let output = Command::new(quality_binary())
        .arg(&corpus)
        .args(["--scale-sizes", "300"])
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
            "unchanged pair flagged (false flags)",
            "mrpc pairs sharing a figure",
        ),
    ] {
        let value: f64 = value_of(measure, set).parse().expect("a number");
        assert!((0.0..=1.0).contains(&value), "{measure}: {value}");
    }
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
