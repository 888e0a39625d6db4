//! Same-fact quality on MRPC: accuracy, precision, recall and F1 of `compare` (the
//! pipeline's `facts::same_fact`) on every training pair, the same decision
//! cross-validated (what new pairs should expect), and `--fit`, which refits the
//! model's weights and reports what each input adds.

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

/// The rows of the same decision as it does on pairs it never saw: accuracy, precision
/// and recall over ten folds of the training pairs, each decided by weights and a
/// threshold fitted on the other nine ([`cross_validated`]). These, not the in-sample
/// rows above, estimate new pairs.
pub fn cross_validated_rows(pairs: &[Pair], table: &mut Table) {
    let rarity = rarity_of(&sentence_pairs(pairs));
    let measured = measure(pairs, &rarity, &|_| true);
    let all: Vec<&Measured> = measured.iter().collect();
    let outcome = cross_validated(&all, MIN_PRECISION);
    let name = format!("mrpc train ({} pairs, {FOLDS} folds)", pairs.len());
    table.row(
        "same fact accuracy, cross-validated",
        &name,
        outcome.accuracy,
    );
    table.row(
        "same fact precision, cross-validated",
        &name,
        outcome.precision,
    );
    table.row("same fact recall, cross-validated", &name, outcome.recall);
}

// ---------------------------------------------------------------- fitting

/// One MRPC pair as the fit sees it: the model's inputs, the label, and what decides the
/// pair besides the model (a veto, or a shared main claim).
struct Measured {
    inputs: Vec<f64>,
    label: bool,
    /// The pair's features, for [`facts::accepts`].
    features: PairFeatures,
}

impl Measured {
    /// Decided by something besides the model's score: fitted without it.
    fn vetoed(&self) -> bool {
        self.features.vetoed()
    }
}

/// Each pair's inputs, those `used` rejects set to 0 (a model without them).
fn measure(
    pairs: &[Pair],
    rarity: &facts::TermRarity,
    used: &dyn Fn(usize) -> bool,
) -> Vec<Measured> {
    pairs
        .iter()
        .map(|p| {
            let f: PairFeatures = facts::pair_features(&view(&p.a, 0), &view(&p.b, 1), rarity);
            Measured {
                inputs: f
                    .inputs()
                    .iter()
                    .enumerate()
                    .map(|(k, x)| if used(k) { *x } else { 0.0 })
                    .collect(),
                label: p.label,
                features: f,
            }
        })
        .collect()
}

/// Fits the same-fact model's weights by logistic regression on the pairs that no veto
/// decides, picks the threshold on out-of-fold scores with the rules and vetoes in
/// place, and prints both as the constants to paste into `src/facts.rs`; then estimates
/// how the whole procedure does on pairs it never saw ([`cross_validated`]) and what
/// each group of inputs adds to that ([`ablation`]).
pub fn fit_weights(pairs: &[Pair]) {
    // QUALITY_FEATURES=0,2,7 fits a model on those inputs only (for comparing models).
    let chosen: Option<Vec<usize>> = std::env::var("QUALITY_FEATURES")
        .ok()
        .map(|v| v.split(',').filter_map(|k| k.trim().parse().ok()).collect());
    let used = |k: usize| chosen.as_ref().is_none_or(|c| c.contains(&k));
    let rarity = rarity_of(&sentence_pairs(pairs));
    let measured = measure(pairs, &rarity, &used);
    report_vetoes(pairs, &rarity);
    let all: Vec<&Measured> = measured.iter().collect();
    println!("out-of-fold decisions ({FOLDS} folds), by threshold:");
    let threshold = best_threshold(&out_of_fold_scores(&all), MIN_PRECISION, true);
    let w = fitted(&all);
    let in_sample = outcome_of(&scores(&all, &w), threshold);
    let printed: Vec<String> = w.iter().map(|v| format!("{v:.3}")).collect();
    println!(
        "fitted on {} pairs; at the threshold, in-sample accuracy {:.3} precision {:.3}",
        all.iter().filter(|m| !m.vetoed()).count(),
        in_sample.accuracy,
        in_sample.precision
    );
    println!("const THRESHOLD: f64 = {threshold:.3};");
    println!(
        "const WEIGHTS: [f64; {}] = [{}];",
        w.len(),
        printed.join(", ")
    );
    // The whole procedure on pairs it never saw, at the precision floor the constants
    // are chosen for and at stricter ones: what accuracy each floor costs.
    for floor in [MIN_PRECISION, 0.87, 0.90] {
        let outcome = cross_validated(&all, floor);
        println!(
            "cross-validated ({FOLDS} folds, weights and threshold fitted in each), threshold \
             for precision {floor:.2}: accuracy {:.3} precision {:.3} recall {:.3}",
            outcome.accuracy, outcome.precision, outcome.recall
        );
    }
    if let Ok(by) = std::env::var("QUALITY_ABLATION") {
        ablation(&measured, by == "inputs");
    }
}

/// What each group of inputs adds: the cross-validated decision without the group,
/// against the whole model's, both averaged over [`ABLATION_REPEATS`] splits into folds
/// (the same splits for both, so the difference is the group's and not the split's).
/// The groups are those of [`PairFeatures::INPUT_GROUPS`], or each input alone with
/// `by_input`.
fn ablation(measured: &[Measured], by_input: bool) {
    let all: Vec<&Measured> = measured.iter().collect();
    let whole = repeated(&all);
    println!(
        "ablation: cross-validated, mean of {ABLATION_REPEATS} splits (accuracy of each split: {})",
        whole
            .iter()
            .map(|o| format!("{:.3}", o.accuracy))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let whole = mean(&whole);
    println!("| without | accuracy | precision | accuracy change |");
    println!("|---|---|---|---|");
    println!(
        "| (nothing: the whole model) | {:.3} | {:.3} | |",
        whole.accuracy, whole.precision
    );
    let groups: Vec<(String, Vec<usize>)> = if by_input {
        (0..measured[0].inputs.len())
            .map(|k| (format!("input {k}"), vec![k]))
            .collect()
    } else {
        PairFeatures::INPUT_GROUPS
            .iter()
            .map(|(name, group)| ((*name).to_string(), group.to_vec()))
            .collect()
    };
    for (name, group) in &groups {
        let without: Vec<Measured> = measured
            .iter()
            .map(|m| Measured {
                inputs: m
                    .inputs
                    .iter()
                    .enumerate()
                    .map(|(k, x)| if group.contains(&k) { 0.0 } else { *x })
                    .collect(),
                ..*m
            })
            .collect();
        let refs: Vec<&Measured> = without.iter().collect();
        let outcome = mean(&repeated(&refs));
        println!(
            "| {name} | {:.3} | {:.3} | {:+.3} |",
            outcome.accuracy,
            outcome.precision,
            outcome.accuracy - whole.accuracy
        );
    }
}

/// Splits into folds the ablation averages over: one split's accuracy moves by a few
/// thousandths with the split alone, as much as most single inputs add.
const ABLATION_REPEATS: u64 = 3;

/// [`cross_validated`] on [`ABLATION_REPEATS`] orders of the pairs (the first as given,
/// the others shuffled by a fixed seed), so on as many splits into folds.
fn repeated(measured: &[&Measured]) -> Vec<Outcome> {
    (0..ABLATION_REPEATS)
        .map(|repeat| {
            let mut order = measured.to_vec();
            let mut seed = 0x9e37_79b9_7f4a_7c15_u64.wrapping_add(repeat);
            if repeat > 0 {
                // Fisher-Yates with a xorshift generator: the same splits every run.
                for i in (1..order.len()).rev() {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    order.swap(i, (seed % (i as u64 + 1)) as usize);
                }
            }
            cross_validated(&order, MIN_PRECISION)
        })
        .collect()
}

fn mean(outcomes: &[Outcome]) -> Outcome {
    let n = outcomes.len().max(1) as f64;
    Outcome {
        accuracy: outcomes.iter().map(|o| o.accuracy).sum::<f64>() / n,
        precision: outcomes.iter().map(|o| o.precision).sum::<f64>() / n,
        recall: outcomes.iter().map(|o| o.recall).sum::<f64>() / n,
    }
}

/// The L2 penalty on the weights. Light: the inputs are shares between 0 and 1 and
/// several measure related things, so they need room to offset each other; on the
/// even/odd check below, a penalty of 1e-3 held out about half a point worse.
const L2_PENALTY: f64 = 1e-5;

/// Pairs are split into this many folds: for the threshold, each fold scored by a model
/// fitted on the others; for the cross-validated figures, each fold decided by weights
/// and a threshold fitted on the others.
const FOLDS: usize = 10;

/// The threshold is the most accurate whose precision, on scores the pairs get from
/// models that did not see them, is at least this: a wrong merge misleads a reader more
/// than a missed one.
const MIN_PRECISION: f64 = 0.85;

/// Logistic-regression weights for the pairs no veto decides.
fn fitted(measured: &[&Measured]) -> Vec<f64> {
    let rows: Vec<(Vec<f64>, f64)> = measured
        .iter()
        .filter(|m| !m.vetoed())
        .map(|m| (m.inputs.clone(), if m.label { 1.0 } else { 0.0 }))
        .collect();
    // A fold of a few pairs (`--limit`) may leave no pair to fit: then no weights.
    let dims = measured.first().map_or(0, |m| m.inputs.len()) + 1;
    if rows.is_empty() {
        return vec![0.0; dims];
    }
    crate::fit::newton_logistic(&rows, dims, L2_PENALTY)
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

/// The pairs split into [`FOLDS`] folds by position: each fold's pairs and the others.
fn folds<'a>(measured: &[&'a Measured]) -> Vec<(Vec<&'a Measured>, Vec<&'a Measured>)> {
    (0..FOLDS)
        .map(|fold| {
            let (mut test, mut train) = (Vec::new(), Vec::new());
            for (i, m) in measured.iter().enumerate() {
                if i % FOLDS == fold {
                    test.push(*m);
                } else {
                    train.push(*m);
                }
            }
            (test, train)
        })
        .collect()
}

/// Each pair scored by a model fitted on the other folds ([`FOLDS`]): scores as a model
/// gives them to pairs it never saw, so a threshold chosen on them keeps its precision
/// on new pairs better than one chosen on the fitted pairs' own scores.
fn out_of_fold_scores<'a>(measured: &[&'a Measured]) -> Vec<(f64, &'a Measured)> {
    let mut scored = Vec::with_capacity(measured.len());
    for (test, train) in folds(measured) {
        scored.extend(scores(&test, &fitted(&train)));
    }
    scored
}

/// Accuracy, precision and recall of a decision.
#[derive(Debug, Clone, Copy)]
struct Outcome {
    accuracy: f64,
    precision: f64,
    recall: f64,
}

/// The whole fitting procedure judged on pairs it never saw: each fold is decided by
/// weights fitted on the other folds, at a threshold chosen on those folds alone (from
/// their own out-of-fold scores, as [`fit_weights`] chooses it), vetoes and rules in
/// place. Nothing of a fold's pairs reaches the model or threshold that decides them,
/// so these figures estimate new pairs; the in-sample ones do not.
fn cross_validated(measured: &[&Measured], floor: f64) -> Outcome {
    let decided: Vec<(bool, bool)> = std::thread::scope(|scope| {
        let handles: Vec<_> = folds(measured)
            .into_iter()
            .map(|(test, train)| {
                scope.spawn(move || {
                    let threshold = best_threshold(&out_of_fold_scores(&train), floor, false);
                    let w = fitted(&train);
                    scores(&test, &w)
                        .into_iter()
                        .map(|(score, m)| (said(score, m, threshold), m.label))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a fold's fit panicked"))
            .collect()
    });
    outcome_of_decisions(&decided)
}

/// What [`facts::same_fact`] says of a pair with this score at this threshold.
fn said(score: f64, m: &Measured, threshold: f64) -> bool {
    facts::accepts(score, threshold, &m.features)
}

fn outcome_of(scored: &[(f64, &Measured)], threshold: f64) -> Outcome {
    let decided: Vec<(bool, bool)> = scored
        .iter()
        .map(|(score, m)| (said(*score, m, threshold), m.label))
        .collect();
    outcome_of_decisions(&decided)
}

/// Accuracy, precision and recall of (said, label) pairs.
fn outcome_of_decisions(decided: &[(bool, bool)]) -> Outcome {
    let (mut tp, mut fp, mut fn_, mut correct) = (0.0, 0.0, 0.0, 0.0);
    for &(said, label) in decided {
        if said == label {
            correct += 1.0;
        }
        match (said, label) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fn_ += 1.0,
            _ => {}
        }
    }
    Outcome {
        accuracy: correct / decided.len().max(1) as f64,
        precision: tp / f64::max(tp + fp, 1.0),
        recall: tp / f64::max(tp + fn_, 1.0),
    }
}

/// The highest-accuracy threshold whose precision is at least `floor`; with `print`,
/// the sweep too.
fn best_threshold(scored: &[(f64, &Measured)], floor: f64, print: bool) -> f64 {
    let mut best = (0.5, 0.0);
    for step in 0..=500 {
        let threshold = 0.4 + 0.001 * f64::from(step);
        let Outcome {
            accuracy,
            precision,
            ..
        } = outcome_of(scored, threshold);
        if print && step % 25 == 0 {
            println!("threshold {threshold:.3}: accuracy {accuracy:.3} precision {precision:.3}");
        }
        if precision >= floor && accuracy > best.1 {
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
