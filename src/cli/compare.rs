//! `newsdigest compare --pairs FILE.tsv`: one JSON line per sentence pair.

use std::io::{BufRead, BufReader, Read, Write};

use serde::Serialize;

use crate::cli::{CompareArgs, Failure, Status};
use newsdigest::compare::{ReadSentence, compare, rarity_of};

/// A line that is not a pair still gets an output line, so output line N always
/// answers input line N.
#[derive(Serialize)]
struct Unreadable {
    same_fact: bool,
    score: f64,
    differing: [(); 0],
    error: String,
}

pub fn run(args: &CompareArgs) -> Result<(), Failure> {
    let lines = read_lines(args)?;
    let name = args.pairs.display().to_string();
    let parsed: Vec<Result<(ReadSentence, ReadSentence), String>> =
        lines.iter().map(|line| pair_of(line)).collect();
    let readable: Vec<(ReadSentence, ReadSentence)> = parsed
        .iter()
        .filter_map(|p| p.as_ref().ok().cloned())
        .collect();
    let rarity = rarity_of(&readable);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (number, pair) in parsed.iter().enumerate() {
        let line = match pair {
            Ok((a, b)) => json_line(&compare(a, b, &rarity)),
            Err(reason) => {
                eprintln!("newsdigest: {name}:{}: {reason}", number + 1);
                json_line(&Unreadable {
                    same_fact: false,
                    score: 0.0,
                    differing: [],
                    error: reason.clone(),
                })
            }
        };
        if let Err(err) = writeln!(out, "{line}") {
            return broken_pipe_is_fine(err);
        }
    }
    out.flush().or_else(broken_pipe_is_fine)
}

fn read_lines(args: &CompareArgs) -> Result<Vec<String>, Failure> {
    let name = args.pairs.display().to_string();
    let reader: Box<dyn Read> =
        if name == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            Box::new(std::fs::File::open(&args.pairs).map_err(|err| {
                Failure::new(Status::NoInput, format!("cannot open {name}: {err}"))
            })?)
        };
    let mut lines = Vec::new();
    for bytes in BufReader::new(reader).split(b'\n') {
        let bytes = bytes
            .map_err(|err| Failure::new(Status::Failure, format!("cannot read {name}: {err}")))?;
        let line = String::from_utf8_lossy(&bytes);
        lines.push(line.trim_end_matches('\r').to_string());
    }
    Ok(lines)
}

fn pair_of(line: &str) -> Result<(ReadSentence, ReadSentence), String> {
    let fields: Vec<&str> = line.split('\t').collect();
    if fields.len() < 2 {
        return Err("expected two tab-separated sentences".to_string());
    }
    let (a, b) = (fields[fields.len() - 2], fields[fields.len() - 1]);
    if a.trim().is_empty() || b.trim().is_empty() {
        return Err("a sentence is empty".to_string());
    }
    Ok((ReadSentence::new(a), ReadSentence::new(b)))
}

fn json_line<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|err| format!("{{\"error\":\"{err}\"}}"))
}

fn broken_pipe_is_fine(err: std::io::Error) -> Result<(), Failure> {
    if err.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(Failure::new(
            Status::CannotWrite,
            format!("cannot write to standard output: {err}"),
        ))
    }
}
