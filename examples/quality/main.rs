//! The quality command: measures grouping, same-fact decisions and figure flags on
//! labelled data, with the same code the pipeline runs.
//!
//! ```text
//! cargo run --release --example quality -- ../shared/corpus
//! cargo run --release --example quality -- ../shared/corpus --fit   # refit the weights
//! cargo run --release --example quality -- ../shared/corpus --flags 50 # sample flags
//! ```
//!
//! Grouping: every labelled set found under the corpus folder (`uci/*.jsonl` headlines,
//! `ecb`, `basil`, `gvc` full text, `duc2007` topics): B-cubed precision, recall and F1,
//! stories found against labelled, and the worst set. Same fact: `compare` on
//! `mrpc/train.tsv`. Figures: changed figures in MRPC paraphrase pairs, and the same
//! pairs unchanged. Flags on real full text: the briefings of the full-text sets, GVC's
//! real differences in killed and injured counts (recall, precision), and with
//! `--flags N` (or `QUALITY_FLAGS=N`) a seeded random sample of N flags to judge by hand.
//! `label` is read here only; the pipeline never sees it.

mod briefing_checks;
mod casualties;
mod figures;
mod fit;
#[path = "../scale_corpus/generate.rs"]
mod generate;
mod grouping;
mod mutations;
mod porter;
mod real_flags;
mod rouge;
mod same_fact;
mod sets;
mod summaries;
mod table;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use table::Table;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(corpus) = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
    else {
        eprintln!("usage: quality CORPUS_DIR [--fit] [--limit N] [--scale-sizes N,N] [--flags N]");
        return ExitCode::from(2);
    };
    let limit = args
        .iter()
        .position(|a| a == "--limit")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse::<usize>().ok());
    // The scale corpus is scored at these sizes (`--scale-sizes 0` for none).
    let scale_sizes: Vec<usize> = args
        .iter()
        .position(|a| a == "--scale-sizes")
        .and_then(|i| args.get(i + 1))
        .map_or(vec![10_000, 100_000], |list| {
            list.split(',')
                .filter_map(|n| n.trim().parse().ok())
                .filter(|&n| n > 0)
                .collect()
        });
    // How many flags of the full-text briefings to print for a hand check.
    let flags = args
        .iter()
        .position(|a| a == "--flags")
        .and_then(|i| args.get(i + 1))
        .cloned()
        .or_else(|| std::env::var("QUALITY_FLAGS").ok())
        .and_then(|n| n.parse::<usize>().ok());
    match run(
        &corpus,
        args.iter().any(|a| a == "--fit"),
        limit,
        &scale_sizes,
        flags,
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("quality: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(
    corpus: &Path,
    fit: bool,
    limit: Option<usize>,
    scale_sizes: &[usize],
    flags: Option<usize>,
) -> Result<(), String> {
    if !corpus.is_dir() {
        return Err(format!("no corpus folder at {}", corpus.display()));
    }
    let pairs = same_fact::read_mrpc(&corpus.join("mrpc/train.tsv"), limit)?;
    let sets = sets::grouping_sets(corpus, limit)?;
    if fit {
        // QUALITY_SAME_FACT_ONLY=1 skips the grouping fit, for work on the same-fact
        // model alone.
        if std::env::var("QUALITY_SAME_FACT_ONLY").is_err() {
            grouping::fit_events(&sets);
        }
        same_fact::fit_weights(&pairs);
        return Ok(());
    }
    let mut table = Table::new();
    grouping::grouping_rows(&sets, &mut table);
    let generated = sets::generated_sets(corpus, scale_sizes)?;
    grouping::grouping_rows(&generated, &mut table);
    if let Some(duc) = sets.iter().find(|s| s.kind == sets::SetKind::Topics) {
        summaries::summary_rows(corpus, duc, &mut table)?;
    }
    same_fact::same_fact_rows(&pairs, &mut table);
    same_fact::cross_validated_rows(&pairs, &mut table);
    figures::figure_rows(&pairs, &mut table);
    real_flags::real_flag_rows(corpus, &sets, flags, &mut table)?;
    sample_rows(&mut table);
    Ok(())
}

/// The bundled sample's briefing, checked as the full-text sets' are.
fn sample_rows(table: &mut Table) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let articles = newsdigest::ingest::read_paths(&[folder], &Default::default()).articles;
    let set = sets::LabelledSet {
        name: "sample".to_string(),
        kind: sets::SetKind::Events,
        labels: vec!["sample".to_string(); articles.len()],
        articles: articles.clone(),
    };
    let date = chrono::NaiveDate::from_ymd_opt(2025, 12, 8).unwrap_or_default();
    let digest = newsdigest::summarize(articles, &newsdigest::options::Options::for_date(date));
    briefing_checks::rows("sample", &briefing_checks::counts(&set, &digest), table);
}
