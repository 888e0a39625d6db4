//! The scale corpus: a deterministic morning of news, at any size, recombined from the
//! real text in the development corpus, for the speed benchmarks.
//!
//! ```text
//! cargo run --release --example scale_corpus -- ../shared/corpus target/scale --articles 100000 --seed 1
//! ```
//!
//! writes `target/scale/articles-100000.jsonl`: one DESIGN.md article object a line
//! (with its story as `label`, which only the quality command reads),
//! published over 2025-12-08 (UTC). Nothing here is random from run to run: the same
//! corpus, size and seed give the same bytes.
//!
//! How the text is made, so that the stages meet what a real morning gives them:
//!
//! - **Stories.** Articles come in stories (several articles on one event): about a
//!   third are alone, the rest come in groups of a heavy-tailed size (most 2–10, a few
//!   in the hundreds), and one story holds 2% of the morning (2,000 articles at 100k),
//!   so that a story's own work is measured at its worst.
//! - **Headlines** are the UCI headlines (`uci/*.jsonl`, `title` and `source` only: the
//!   `label` is never read), one per story, with words dropped per article.
//! - **Bodies** are 300–800 words. About 60% of an article's sentences are its story's
//!   facts, each told in one of its wordings: a paraphrase pair from MRPC
//!   (`mrpc/train.tsv`, label 1) gives two wordings of one fact, a seed sentence
//!   (`seeds/*.txt`) one. The rest are other sentences of the pool (background).
//! - **Names** are varied per story: capitalised words inside a sentence are replaced
//!   by made-up names drawn for the story, so stories that reuse a source sentence still
//!   name different people and places.
//! - **Figures** are rescaled per story (the same fact gives the same figure in every
//!   article of a story), and 4% of mentions change one figure by 30–150%: the
//!   differing figures a briefing should flag.
//! - **Times** are spread over the day: each story has a moment, its articles fall
//!   within a few hours of it.
//!
//! The MRPC sentences are read from the corpus at generation time and written only to
//! the output (under `target/`, which is not committed).

mod generate;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(path) => {
            println!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("scale_corpus: {message}");
            ExitCode::FAILURE
        }
    }
}

struct Args {
    corpus: PathBuf,
    out: PathBuf,
    articles: usize,
    seed: u64,
}

fn parse_args(args: Vec<String>) -> Result<Args, String> {
    let usage = "usage: scale_corpus CORPUS_DIR OUT_DIR --articles N [--seed S]";
    let flag = |name: &str| -> Result<Option<u64>, String> {
        match args.iter().position(|a| a == name) {
            None => Ok(None),
            Some(i) => args
                .get(i + 1)
                .and_then(|v| v.replace('_', "").parse::<u64>().ok())
                .map(Some)
                .ok_or_else(|| format!("{name} needs a whole number; {usage}")),
        }
    };
    let articles = flag("--articles")?.ok_or(usage)? as usize;
    let seed = flag("--seed")?.unwrap_or(1);
    let mut positional = Vec::new();
    let mut skip = false;
    for arg in &args {
        if skip {
            skip = false;
        } else if arg.starts_with("--") {
            skip = true;
        } else {
            positional.push(PathBuf::from(arg));
        }
    }
    let [corpus, out] = <[PathBuf; 2]>::try_from(positional).map_err(|_| usage.to_string())?;
    Ok(Args {
        corpus,
        out,
        articles,
        seed,
    })
}

fn run(args: Vec<String>) -> Result<PathBuf, String> {
    let args = parse_args(args)?;
    let articles = generate::morning(&args.corpus, args.articles, args.seed)?;
    std::fs::create_dir_all(&args.out)
        .map_err(|err| format!("cannot create {}: {err}", args.out.display()))?;
    let path = args.out.join(format!("articles-{}.jsonl", args.articles));
    let file =
        File::create(&path).map_err(|err| format!("cannot create {}: {err}", path.display()))?;
    let mut out = BufWriter::new(file);
    for article in articles {
        writeln!(out, "{article}").map_err(|err| format!("writing {}: {err}", path.display()))?;
    }
    out.flush()
        .map_err(|err| format!("writing {}: {err}", path.display()))?;
    Ok(path)
}
