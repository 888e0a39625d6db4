//! Same-fact quality on MRPC: accuracy, precision, recall and F1 of `compare` (the
//! pipeline's `facts::same_fact`) on every training pair, and `--fit`, which refits the
//! model's weights.

use std::path::Path;

use newsdigest::compare::{ReadSentence, compare, rarity_of};
use newsdigest::facts::{self, PairFeatures};

use crate::table::Table;

pub struct Pair {
    pub label: bool,
    pub a: ReadSentence,
    pub b: ReadSentence,
}

pub fn read_mrpc(path: &Path, limit: Option<usize>) -> Result<Vec<Pair>, String> {
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

pub fn sentence_pairs(pairs: &[Pair]) -> Vec<(ReadSentence, ReadSentence)> {
    pairs.iter().map(|p| (p.a.clone(), p.b.clone())).collect()
}

pub fn same_fact_rows(pairs: &[Pair], table: &mut Table) {
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
    table.row("same fact accuracy", &name, accuracy);
    table.row("same fact precision", &name, precision);
    table.row("same fact recall", &name, recall);
    table.row("same fact F1", &name, f1);
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
pub fn fit_weights(pairs: &[Pair]) {
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
    crate::fit::newton_logistic(&rows, rows[0].0.len() + 1, L2_PENALTY)
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
