//! The quality command: measures grouping, same-fact decisions and figure flags on
//! labelled data, with the same code the pipeline runs.
//!
//! ```text
//! cargo run --release --example quality -- ../shared/corpus
//! cargo run --release --example quality -- ../shared/corpus --fit   # refit the weights
//! ```
//!
//! Grouping: every `uci/*.jsonl` file is one slice (a morning of headlines with a
//! `label` per story); B-cubed precision, recall and F1 per slice and their mean.
//! Same fact: accuracy, precision, recall and F1 of `compare` on `mrpc/train.tsv`.
//! Figures: MRPC pairs labelled 1 whose sentences share a figure; the figure is changed
//! in the second sentence to a clearly different value, and recall is the share of
//! changed pairs `compare` flags; the false-flag rate is measured on the same pairs
//! unchanged. `label` is read here only; the pipeline never sees it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use newsdigest::compare::{ReadSentence, compare, rarity_of};
use newsdigest::digest::stories_of;
use newsdigest::extract::Quantity;
use newsdigest::facts::{self, PairFeatures};
use newsdigest::group::GroupOptions;
use newsdigest::ingest::articles_from_jsonl_labelled;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(corpus) = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
    else {
        eprintln!("usage: quality CORPUS_DIR [--fit] [--limit N]");
        return ExitCode::from(2);
    };
    let limit = args
        .iter()
        .position(|a| a == "--limit")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse::<usize>().ok());
    match run(&corpus, args.iter().any(|a| a == "--fit"), limit) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("quality: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(corpus: &Path, fit: bool, limit: Option<usize>) -> Result<(), String> {
    let pairs = read_mrpc(&corpus.join("mrpc/train.tsv"), limit)?;
    if fit {
        fit_weights(&pairs);
        return Ok(());
    }
    println!("| measure | slice | value |");
    println!("|---|---|---|");
    grouping_rows(corpus, limit)?;
    same_fact_rows(&pairs);
    figure_rows(&pairs);
    Ok(())
}

// ---------------------------------------------------------------- grouping

fn grouping_rows(corpus: &Path, limit: Option<usize>) -> Result<(), String> {
    let folder = corpus.join("uci");
    let mut slices: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(|err| format!("cannot list {}: {err}", folder.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    slices.sort();
    if slices.is_empty() {
        return Err(format!("no .jsonl slices in {}", folder.display()));
    }
    let mut sums = [0.0; 3];
    for slice in &slices {
        let name = slice
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let content = std::fs::read_to_string(slice)
            .map_err(|err| format!("cannot read {}: {err}", slice.display()))?;
        let mut problems = Vec::new();
        let mut labelled = articles_from_jsonl_labelled(
            &slice.display().to_string(),
            &name,
            &content,
            &mut problems,
        );
        if let Some(n) = limit {
            labelled.truncate(n);
        }
        let (articles, labels): (Vec<_>, Vec<_>) = labelled.into_iter().unzip();
        let labels: Vec<String> = labels.into_iter().map(Option::unwrap_or_default).collect();
        let mut options = GroupOptions::default();
        if let Some(t) = std::env::var("QUALITY_RESOLUTION")
            .ok()
            .and_then(|t| t.parse().ok())
        {
            options.resolution = t;
        }
        if let Some(t) = std::env::var("QUALITY_FLOOR")
            .ok()
            .and_then(|t| t.parse().ok())
        {
            options.floor = t;
        }
        if let Some(t) = std::env::var("QUALITY_WINDOW_HOURS")
            .ok()
            .and_then(|t| t.parse::<i64>().ok())
        {
            options.window_seconds = t * 3600;
        }
        if let Some(t) = std::env::var("QUALITY_TIME_SCALE_HOURS")
            .ok()
            .and_then(|t| t.parse::<i64>().ok())
        {
            options.time_scale_seconds = t * 3600;
        }
        if let Some(t) = std::env::var("QUALITY_NEIGHBOURS")
            .ok()
            .and_then(|t| t.parse().ok())
        {
            options.neighbours = t;
        }
        let stories = stories_of(&articles, &options);
        let found: Vec<usize> = cluster_ids(
            articles.len(),
            stories.iter().map(|s| s.articles.as_slice()),
        );
        let (p, r, f) = b_cubed(&found, &labels);
        if let Ok(path) = std::env::var("QUALITY_DUMP") {
            let lines: Vec<String> = found
                .iter()
                .zip(&labels)
                .zip(&articles)
                .map(|((c, l), a)| format!("{c}\t{l}\t{}", a.title.as_deref().unwrap_or("")))
                .collect();
            let _ = std::fs::write(path, lines.join("\n"));
        }
        let labelled_stories = labels
            .iter()
            .collect::<std::collections::HashSet<_>>()
            .len();
        println!("| grouping B-cubed precision | {name} | {p:.3} |");
        println!("| grouping B-cubed recall | {name} | {r:.3} |");
        println!("| grouping B-cubed F1 | {name} | {f:.3} |");
        println!(
            "| stories found / labelled | {name} | {} / {labelled_stories} |",
            stories.len()
        );
        for (sum, value) in sums.iter_mut().zip([p, r, f]) {
            *sum += value;
        }
    }
    let n = slices.len() as f64;
    println!("| grouping B-cubed precision | mean | {:.3} |", sums[0] / n);
    println!("| grouping B-cubed recall | mean | {:.3} |", sums[1] / n);
    println!("| grouping B-cubed F1 | mean | {:.3} |", sums[2] / n);
    Ok(())
}

fn cluster_ids<'a>(n: usize, clusters: impl Iterator<Item = &'a [usize]>) -> Vec<usize> {
    let mut ids = vec![usize::MAX; n];
    for (c, members) in clusters.enumerate() {
        for &m in members {
            ids[m] = c;
        }
    }
    ids
}

/// B-cubed precision, recall and F1 (Bagga & Baldwin): per item, the share of its found
/// cluster that shares its label, and the share of its label's items in its cluster.
fn b_cubed(found: &[usize], labels: &[String]) -> (f64, f64, f64) {
    let mut cluster_size: HashMap<usize, f64> = HashMap::new();
    let mut label_size: HashMap<&str, f64> = HashMap::new();
    let mut both: HashMap<(usize, &str), f64> = HashMap::new();
    for (c, l) in found.iter().zip(labels) {
        *cluster_size.entry(*c).or_default() += 1.0;
        *label_size.entry(l).or_default() += 1.0;
        *both.entry((*c, l)).or_default() += 1.0;
    }
    let n = found.len().max(1) as f64;
    let (mut p, mut r) = (0.0, 0.0);
    for (c, l) in found.iter().zip(labels) {
        let shared = both[&(*c, l.as_str())];
        p += shared / cluster_size[c];
        r += shared / label_size[l.as_str()];
    }
    let (p, r) = (p / n, r / n);
    (
        p,
        r,
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
    )
}

// ---------------------------------------------------------------- same fact

struct Pair {
    label: bool,
    a: ReadSentence,
    b: ReadSentence,
}

fn read_mrpc(path: &Path, limit: Option<usize>) -> Result<Vec<Pair>, String> {
    let content = std::fs::read_to_string(path)
        .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    let mut pairs: Vec<Pair> = content
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let label = match fields.first()?.trim() {
                "1" => true,
                "0" => false,
                _ => return None, // header
            };
            let (a, b) = (fields.get(fields.len() - 2)?, fields.last()?);
            Some(Pair {
                label,
                a: ReadSentence::new(a),
                b: ReadSentence::new(b),
            })
        })
        .collect();
    if let Some(n) = limit {
        pairs.truncate(n);
    }
    if pairs.is_empty() {
        return Err(format!("no labelled pairs in {}", path.display()));
    }
    Ok(pairs)
}

fn sentence_pairs(pairs: &[Pair]) -> Vec<(ReadSentence, ReadSentence)> {
    pairs.iter().map(|p| (p.a.clone(), p.b.clone())).collect()
}

fn same_fact_rows(pairs: &[Pair]) {
    let rarity = rarity_of(&sentence_pairs(pairs));
    let (mut tp, mut fp, mut tn, mut fn_) = (0.0, 0.0, 0.0, 0.0);
    for pair in pairs {
        let said = compare(&pair.a, &pair.b, &rarity).same_fact;
        match (said, pair.label) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, false) => tn += 1.0,
            (false, true) => fn_ += 1.0,
        }
    }
    let accuracy = (tp + tn) / (tp + tn + fp + fn_);
    let precision = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let recall = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let name = format!("mrpc train ({} pairs)", pairs.len());
    println!("| same fact accuracy | {name} | {accuracy:.3} |");
    println!("| same fact precision | {name} | {precision:.3} |");
    println!("| same fact recall | {name} | {recall:.3} |");
    println!("| same fact F1 | {name} | {f1:.3} |");
}

// ---------------------------------------------------------------- figures

/// A figure both sentences of a pair give with the same value and unit.
fn shared_figure<'a>(a: &'a ReadSentence, b: &'a ReadSentence) -> Option<&'a Quantity> {
    b.quantities.iter().find(|qb| {
        qb.upper.is_none()
            && a.quantities
                .iter()
                .any(|qa| qa.unit == qb.unit && qa.value == qb.value)
    })
}

/// The second sentence with the shared figure's number replaced by a clearly different
/// one (three times the value plus seven, written as digits).
fn mutated(b: &ReadSentence, figure: &Quantity) -> Option<ReadSentence> {
    let written = &b.text[figure.start..figure.end];
    let number_start = written.find(|c: char| c.is_ascii_digit())?;
    let number_len = written[number_start..]
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(written.len() - number_start);
    let number = written[number_start..number_start + number_len].trim_end_matches(['.', ',']);
    let value: f64 = number.replace(',', "").parse().ok()?;
    let changed = value * 3.0 + 7.0;
    let changed = if changed.fract() == 0.0 {
        format!("{}", changed as i64)
    } else {
        format!("{changed:.2}")
    };
    let at = figure.start + number_start;
    let text = format!(
        "{}{}{}",
        &b.text[..at],
        changed,
        &b.text[at + number.len()..]
    );
    Some(ReadSentence::new(&text))
}

fn figure_rows(pairs: &[Pair]) {
    let originals: Vec<(ReadSentence, ReadSentence)> = pairs
        .iter()
        .filter(|p| p.label)
        .filter_map(|p| {
            let figure = shared_figure(&p.a, &p.b)?;
            mutated(&p.b, figure)?;
            Some((p.a.clone(), p.b.clone()))
        })
        .collect();
    let changed: Vec<(ReadSentence, ReadSentence)> = originals
        .iter()
        .filter_map(|(a, b)| Some((a.clone(), mutated(b, shared_figure(a, b)?)?)))
        .collect();
    let rarity = rarity_of(&originals);
    let flagged = changed
        .iter()
        .filter(|(a, b)| !compare(a, b, &rarity).differing.is_empty())
        .count();
    if std::env::var("QUALITY_SHOW_FLAGS").is_ok() {
        for (a, b) in &originals {
            let c = compare(a, b, &rarity);
            if !c.differing.is_empty() {
                println!(
                    "FALSE {:?}\n   A {}\n   B {}",
                    c.differing
                        .iter()
                        .map(|d| (
                            &d.measure,
                            d.values.iter().map(|v| &v.text).collect::<Vec<_>>()
                        ))
                        .collect::<Vec<_>>(),
                    a.text,
                    b.text
                );
            }
        }
        for (a, b) in &changed {
            if compare(a, b, &rarity).differing.is_empty() {
                println!("MISSED\n   A {}\n   B {}", a.text, b.text);
            }
        }
    }
    let false_flags = originals
        .iter()
        .filter(|(a, b)| !compare(a, b, &rarity).differing.is_empty())
        .count();
    let name = format!("mrpc pairs sharing a figure ({})", originals.len());
    let share = |k: usize| k as f64 / originals.len().max(1) as f64;
    println!(
        "| changed figure flagged (recall) | {name} | {:.3} |",
        share(flagged)
    );
    println!(
        "| unchanged pair flagged (false flags) | {name} | {:.3} |",
        share(false_flags)
    );
}

// ---------------------------------------------------------------- fitting

/// One MRPC pair as the fit sees it: the model's inputs, the label, and what decides the
/// pair besides the model (a veto, or a shared main claim).
struct Measured {
    inputs: Vec<f64>,
    label: bool,
    vetoed: bool,
    shares_a_claim: bool,
}

/// Fits the same-fact model's weights by logistic regression on the pairs that no veto
/// decides, picks the threshold on out-of-fold scores with the rules and vetoes in
/// place, and prints both as the constants to paste into `src/facts.rs`; then checks the
/// fit on pairs it did not see (fitted on even lines, measured on odd ones, and the
/// other way round).
fn fit_weights(pairs: &[Pair]) {
    // QUALITY_FEATURES=0,2,7 fits a model on those inputs only (for comparing models).
    let chosen: Option<Vec<usize>> = std::env::var("QUALITY_FEATURES")
        .ok()
        .map(|v| v.split(',').filter_map(|k| k.trim().parse().ok()).collect());
    let used = |k: usize| chosen.as_ref().is_none_or(|c| c.contains(&k));
    let rarity = rarity_of(&sentence_pairs(pairs));
    let measured: Vec<Measured> = pairs
        .iter()
        .map(|p| {
            let f: PairFeatures = facts::pair_features(&view(&p.a, 0), &view(&p.b, 1), &rarity);
            Measured {
                inputs: f
                    .inputs()
                    .iter()
                    .enumerate()
                    .map(|(k, x)| if used(k) { *x } else { 0.0 })
                    .collect(),
                label: p.label,
                vetoed: f.figures_conflict || f.negation_differs,
                shares_a_claim: f.shares_a_claim,
            }
        })
        .collect();
    report_vetoes(pairs, &rarity);
    let all: Vec<&Measured> = measured.iter().collect();
    println!("out-of-fold decisions ({FOLDS} folds), by threshold:");
    let threshold = best_threshold(&out_of_fold_scores(&all), true);
    let w = fitted(&all);
    let (accuracy, precision) = accuracy_and_precision(&scores(&all, &w), threshold);
    let printed: Vec<String> = w.iter().map(|v| format!("{v:.3}")).collect();
    println!(
        "fitted on {} pairs; at the threshold, accuracy {accuracy:.3} precision {precision:.3}",
        all.iter().filter(|m| !m.vetoed).count()
    );
    println!("const THRESHOLD: f64 = {threshold:.3};");
    println!(
        "const WEIGHTS: [f64; {}] = [{}];",
        w.len(),
        printed.join(", ")
    );
    held_out_check(&measured);
}

/// Fits on the even-numbered pairs and measures on the odd ones, then the other way
/// round, the threshold chosen as above from the fitted half alone: held-out figures
/// close to the in-sample ones mean the weights describe paraphrase, not these pairs.
fn held_out_check(measured: &[Measured]) {
    for (name, fit_parity) in [("even", 0), ("odd", 1)] {
        let (mut train, mut test): (Vec<&Measured>, Vec<&Measured>) = (Vec::new(), Vec::new());
        for (i, m) in measured.iter().enumerate() {
            if i % 2 == fit_parity {
                train.push(m);
            } else {
                test.push(m);
            }
        }
        let threshold = best_threshold(&out_of_fold_scores(&train), false);
        let w = fitted(&train);
        let (fit_accuracy, fit_precision) = accuracy_and_precision(&scores(&train, &w), threshold);
        let (accuracy, precision) = accuracy_and_precision(&scores(&test, &w), threshold);
        println!(
            "fitted on {name} pairs (threshold {threshold:.3}): there accuracy {fit_accuracy:.3} \
             precision {fit_precision:.3}; held out accuracy {accuracy:.3} precision {precision:.3}"
        );
    }
}

/// The L2 penalty on the weights. Light: the inputs are shares between 0 and 1 and
/// several measure related things, so they need room to offset each other; on the
/// even/odd check below, a penalty of 1e-3 held out about half a point worse.
const L2_PENALTY: f64 = 1e-5;

/// The threshold is chosen on scores from models that did not see the pair: this many
/// folds, each scored by a model fitted on the others.
const FOLDS: usize = 10;

/// Logistic-regression weights for the pairs no veto decides.
fn fitted(measured: &[&Measured]) -> Vec<f64> {
    let rows: Vec<(Vec<f64>, f64)> = measured
        .iter()
        .filter(|m| !m.vetoed)
        .map(|m| (m.inputs.clone(), if m.label { 1.0 } else { 0.0 }))
        .collect();
    newton_logistic(&rows, rows[0].0.len() + 1, L2_PENALTY)
}

/// Each pair with its score by the weights `w`.
fn scores<'a>(measured: &[&'a Measured], w: &[f64]) -> Vec<(f64, &'a Measured)> {
    measured
        .iter()
        .map(|m| {
            let z = w[0]
                + m.inputs
                    .iter()
                    .zip(&w[1..])
                    .map(|(a, b)| a * b)
                    .sum::<f64>();
            (1.0 / (1.0 + (-z).exp()), *m)
        })
        .collect()
}

/// Each pair scored by a model fitted on the other folds ([`FOLDS`]): scores as a model
/// gives them to pairs it never saw, so a threshold chosen on them keeps its precision
/// on new pairs better than one chosen on the fitted pairs' own scores.
fn out_of_fold_scores<'a>(measured: &[&'a Measured]) -> Vec<(f64, &'a Measured)> {
    let mut scored = Vec::with_capacity(measured.len());
    for fold in 0..FOLDS {
        let (mut train, mut test): (Vec<&Measured>, Vec<&Measured>) = (Vec::new(), Vec::new());
        for (i, m) in measured.iter().enumerate() {
            if i % FOLDS == fold {
                test.push(m);
            } else {
                train.push(m);
            }
        }
        scored.extend(scores(&test, &fitted(&train)));
    }
    scored
}

/// Accuracy and precision of the decision `same_fact` makes from these scores at this
/// threshold: vetoes and shared main claims included.
fn accuracy_and_precision(scored: &[(f64, &Measured)], threshold: f64) -> (f64, f64) {
    let (mut tp, mut fp, mut correct) = (0.0, 0.0, 0.0);
    for (score, m) in scored {
        let said = !m.vetoed && (m.shares_a_claim || *score >= threshold);
        if said == m.label {
            correct += 1.0;
        }
        match (said, m.label) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            _ => {}
        }
    }
    (
        correct / scored.len().max(1) as f64,
        tp / f64::max(tp + fp, 1.0),
    )
}

/// The highest-accuracy threshold whose precision is at least 0.85, since a wrong merge
/// misleads a reader more than a missed one; with `print`, the sweep too.
fn best_threshold(scored: &[(f64, &Measured)], print: bool) -> f64 {
    let mut best = (0.5, 0.0);
    for step in 0..=500 {
        let threshold = 0.4 + 0.001 * f64::from(step);
        let (accuracy, precision) = accuracy_and_precision(scored, threshold);
        if print && step % 25 == 0 {
            println!("threshold {threshold:.3}: accuracy {accuracy:.3} precision {precision:.3}");
        }
        if precision >= 0.85 && accuracy > best.1 {
            best = (threshold, accuracy);
        }
    }
    best.0
}

fn view(sentence: &ReadSentence, article: usize) -> facts::SentenceView<'_> {
    sentence.view(article)
}

/// Logistic regression by Newton's method (iteratively reweighted least squares) with a
/// small L2 penalty on the weights (not the intercept): exact, and fast at this size.
fn newton_logistic(rows: &[(Vec<f64>, f64)], dims: usize, l2: f64) -> Vec<f64> {
    let mut w = vec![0.0; dims];
    let n = rows.len() as f64;
    for _ in 0..25 {
        let mut gradient = vec![0.0; dims];
        let mut hessian = vec![vec![0.0; dims]; dims];
        for (x, y) in rows {
            let features: Vec<f64> = std::iter::once(1.0).chain(x.iter().copied()).collect();
            let z: f64 = features.iter().zip(&w).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            for (k, fk) in features.iter().enumerate() {
                gradient[k] += (p - y) * fk / n;
                for (l, fl) in features.iter().enumerate() {
                    hessian[k][l] += p * (1.0 - p) * fk * fl / n;
                }
            }
        }
        for k in 1..dims {
            gradient[k] += l2 * w[k];
            hessian[k][k] += l2;
        }
        // An unused input (all zeros) would make the system singular.
        for (k, row) in hessian.iter_mut().enumerate() {
            row[k] += 1e-9;
        }
        let step = solve(hessian, gradient);
        for (wk, sk) in w.iter_mut().zip(&step) {
            *wk -= sk;
        }
    }
    w
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .unwrap_or(col);
        a.swap(col, pivot);
        b.swap(col, pivot);
        let diagonal = a[col][col];
        if diagonal.abs() < 1e-15 {
            continue;
        }
        let pivot_row = a[col].clone();
        for row in col + 1..n {
            let factor = a[row][col] / diagonal;
            for (cell, pivot) in a[row][col..].iter_mut().zip(&pivot_row[col..]) {
                *cell -= factor * pivot;
            }
            b[row] -= factor * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let sum: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = if a[row][row].abs() < 1e-15 {
            0.0
        } else {
            (b[row] - sum) / a[row][row]
        };
    }
    x
}

/// How often each veto fires, by label: a veto that fires on many paraphrases is wrong.
fn report_vetoes(pairs: &[Pair], rarity: &facts::TermRarity) {
    let mut counts = [[0usize; 2]; 2];
    for p in pairs {
        let f = facts::pair_features(&view(&p.a, 0), &view(&p.b, 1), rarity);
        let label = usize::from(p.label);
        if f.figures_conflict {
            counts[0][label] += 1;
        }
        if f.negation_differs {
            counts[1][label] += 1;
            if std::env::var("QUALITY_SHOW_VETOES").is_ok() && p.label {
                println!("NEG {} || {}", p.a.text, p.b.text);
            }
        }
        if f.figures_conflict && std::env::var("QUALITY_SHOW_VETOES").is_ok() && p.label {
            println!("FIG {} || {}", p.a.text, p.b.text);
        }
    }
    println!(
        "figure veto: {} paraphrases, {} others",
        counts[0][1], counts[0][0]
    );
    println!(
        "negation veto: {} paraphrases, {} others",
        counts[1][1], counts[1][0]
    );
}
