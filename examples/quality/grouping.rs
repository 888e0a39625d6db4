//! Grouping quality: B-cubed precision, recall and F1 of the pipeline's stories against
//! each set's labels, stories found against stories labelled, and the worst set's F1.

use std::collections::{HashMap, HashSet};

use newsdigest::digest::{grouping_input_of, stories_of};
use newsdigest::group::{EVENT_INPUTS, GroupOptions};

use crate::sets::{LabelledSet, SetKind};
use crate::table::Table;

/// Scores of one set's grouping.
pub struct Scored {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub found: usize,
    pub labelled: usize,
}

/// The grouping rows of every set, and the worst F1 of the sets held to the event-level
/// targets (headlines and full-text events).
pub fn grouping_rows(sets: &[LabelledSet], table: &mut Table) {
    let mut worst: Option<(f64, &str)> = None;
    for set in sets {
        let scored = score(set, &options_from_env());
        table.row("grouping B-cubed precision", &set.name, scored.precision);
        table.row("grouping B-cubed recall", &set.name, scored.recall);
        table.row("grouping B-cubed F1", &set.name, scored.f1);
        table.text_row(
            "stories found / labelled",
            &set.name,
            &format!("{} / {}", scored.found, scored.labelled),
        );
        let targeted = matches!(set.kind, SetKind::Events | SetKind::Headlines);
        if targeted && worst.is_none_or(|(f, _)| scored.f1 < f) {
            worst = Some((scored.f1, &set.name));
        }
    }
    if let Some((f1, name)) = worst {
        table.row("grouping B-cubed F1, worst set", name, f1);
    }
}

/// The pipeline's grouping options, or, for experiments, as `QUALITY_*` variables set
/// them (`QUALITY_FLOOR`, `QUALITY_NEIGHBOURS`, `QUALITY_RESOLUTION`,
/// `QUALITY_EVENT_THRESHOLD`, `QUALITY_VETO_P`, `QUALITY_VETO_CONTRAST`,
/// `QUALITY_EVENT_WEIGHTS=w0,w1,...`).
pub fn options_from_env() -> GroupOptions {
    let mut options = GroupOptions::default();
    let var = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<f64>().ok());
    if let Some(v) = var("QUALITY_FLOOR") {
        options.floor = v;
    }
    if let Some(v) = var("QUALITY_NEIGHBOURS") {
        options.neighbours = v as usize;
    }
    if let Some(v) = var("QUALITY_RESOLUTION") {
        options.resolution = v;
    }
    if let Some(v) = var("QUALITY_EVENT_THRESHOLD") {
        options.event_threshold = v;
    }
    if let Some(v) = var("QUALITY_VETO_P") {
        options.veto_probability = v;
    }
    if let Some(v) = var("QUALITY_VETO_CONTRAST") {
        options.veto_contrast = v;
    }
    if let Ok(v) = std::env::var("QUALITY_EVENT_WEIGHTS") {
        let w: Vec<f64> = v.split(',').filter_map(|x| x.trim().parse().ok()).collect();
        if let Ok(w) = <[f64; EVENT_INPUTS + 1]>::try_from(w) {
            options.event_weights = w;
        }
    }
    options
}

/// One sampled pair of groups: the event model's inputs, and whether both groups hold
/// articles of one label.
struct LabelledPair {
    inputs: [f64; EVENT_INPUTS],
    same: bool,
}

/// Pairs of groups sampled from one set's labels, as stage one meets them: a part of a
/// label's articles against another part of the same label (same event), or against a
/// part of one of the five labels whose articles are most like it (another event,
/// often of the same kind). Each label gives at least six pairs, and a set at least
/// about 2,000. Seeded: the same set gives the same pairs.
fn sampled_pairs(set: &LabelledSet, options: &GroupOptions) -> Vec<LabelledPair> {
    let input = grouping_input_of(&set.articles, options);
    let mut by_label: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, label) in set.labels.iter().enumerate() {
        by_label.entry(label).or_default().push(i);
    }
    let mut labels: Vec<&str> = by_label.keys().copied().collect();
    labels.sort_unstable();
    let nearest: Vec<Vec<usize>> = labels
        .iter()
        .map(|l| {
            let mut near: Vec<(f64, usize)> = labels
                .iter()
                .enumerate()
                .filter(|(_, m)| *m != l)
                .map(|(j, m)| (input.event_evidence(&by_label[l], &by_label[m]).content, j))
                .filter(|(c, _)| *c > 0.1)
                .collect();
            near.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            near.into_iter().take(5).map(|(_, j)| j).collect()
        })
        .collect();
    let per_label = (2000 / labels.len().max(1)).max(6);
    let mut random = Random(0x2545_f491_4f6c_dd1d);
    let mut pairs = Vec::new();
    for (li, label) in labels.iter().enumerate() {
        for _ in 0..per_label {
            let mut members = by_label[label].clone();
            random.shuffle(&mut members);
            let (a, b, same) = if members.len() >= 2 && random.below(2) == 0 {
                let k = 1 + random.below(members.len() - 1);
                let rest = &members[k..];
                let b = rest[..1 + random.below(rest.len())].to_vec();
                (members[..k].to_vec(), b, true)
            } else if !nearest[li].is_empty() {
                let other = labels[nearest[li][random.below(nearest[li].len())]];
                let mut others = by_label[other].clone();
                random.shuffle(&mut others);
                let a = members[..1 + random.below(members.len())].to_vec();
                let b = others[..1 + random.below(others.len())].to_vec();
                (a, b, false)
            } else {
                continue;
            };
            pairs.push(LabelledPair {
                inputs: input.event_evidence(&a, &b).inputs(),
                same,
            });
        }
    }
    pairs
}

/// A seeded xorshift generator: the sampled pairs are the same on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A whole number below `n` (at least 1).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// The L2 penalty of the event model's fit: light, as for the same-fact model.
const EVENT_L2_PENALTY: f64 = 1e-4;

/// Event weights fitted on the sampled pairs of several sets, each set's pairs weighing
/// the same in all.
fn fitted_event_weights(sets: &[&[LabelledPair]]) -> [f64; EVENT_INPUTS + 1] {
    let rows: Vec<(&[f64], f64, f64)> = sets
        .iter()
        .flat_map(|pairs| {
            let weight = 1.0 / pairs.len().max(1) as f64;
            pairs
                .iter()
                .map(move |p| (p.inputs.as_slice(), if p.same { 1.0 } else { 0.0 }, weight))
        })
        .collect();
    let w = crate::fit::weighted_newton_logistic(&rows, EVENT_INPUTS + 1, EVENT_L2_PENALTY);
    <[f64; EVENT_INPUTS + 1]>::try_from(w).unwrap_or([0.0; EVENT_INPUTS + 1])
}

/// `--fit`: fits the event model on pairs of groups sampled from every full-text event
/// set at once and prints the weights to paste into `src/group/evidence.rs`; then, for
/// every set, the grouping with those weights beside the grouping with weights fitted
/// on the other full-text sets alone (how the fit does on a kind of news it never saw).
pub fn fit_events(sets: &[LabelledSet]) {
    let options = options_from_env();
    let full_text: Vec<&LabelledSet> = sets.iter().filter(|s| s.kind == SetKind::Events).collect();
    let pairs: Vec<Vec<LabelledPair>> = full_text
        .iter()
        .map(|s| sampled_pairs(s, &options))
        .collect();
    for (set, pairs) in full_text.iter().zip(&pairs) {
        let same = pairs.iter().filter(|p| p.same).count();
        println!(
            "{}: {} sampled pairs of groups, {same} of one event",
            set.name,
            pairs.len()
        );
    }
    let all = fitted_event_weights(&pairs.iter().map(Vec::as_slice).collect::<Vec<_>>());
    let printed: Vec<String> = all.iter().map(|v| format!("{v:.3}")).collect();
    println!(
        "pub const EVENT_WEIGHTS: [f64; EVENT_INPUTS + 1] = [{}];",
        printed.join(", ")
    );
    println!("| set | fitted on all: F1 (P / R) | fitted without this set: F1 (P / R) |");
    println!("|---|---|---|");
    for set in sets
        .iter()
        .filter(|s| matches!(s.kind, SetKind::Events | SetKind::Headlines))
    {
        let others: Vec<&[LabelledPair]> = full_text
            .iter()
            .zip(&pairs)
            .filter(|(s, _)| s.name != set.name)
            .map(|(_, p)| p.as_slice())
            .collect();
        let on_all = score(
            set,
            &GroupOptions {
                event_weights: all,
                ..options
            },
        );
        let on_others = score(
            set,
            &GroupOptions {
                event_weights: fitted_event_weights(&others),
                ..options
            },
        );
        println!(
            "| {} | {:.3} ({:.3} / {:.3}) | {:.3} ({:.3} / {:.3}) |",
            set.name,
            on_all.f1,
            on_all.precision,
            on_all.recall,
            on_others.f1,
            on_others.precision,
            on_others.recall
        );
    }
}

/// One set grouped by the pipeline and scored; with `QUALITY_DUMP=DIR`, the stories
/// are written to `DIR/SET.tsv` (story, label, title) for reading.
pub fn score(set: &LabelledSet, options: &GroupOptions) -> Scored {
    let stories = stories_of(&set.articles, options);
    let mut found = vec![usize::MAX; set.articles.len()];
    for (c, story) in stories.iter().enumerate() {
        for &m in &story.articles {
            found[m] = c;
        }
    }
    if let Ok(dir) = std::env::var("QUALITY_DUMP") {
        dump(&dir, set, &found);
    }
    let (precision, recall, f1) = b_cubed(&found, &set.labels);
    Scored {
        precision,
        recall,
        f1,
        found: stories.len(),
        labelled: set.labels.iter().collect::<HashSet<_>>().len(),
    }
}

fn dump(dir: &str, set: &LabelledSet, found: &[usize]) {
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| (found[i], i));
    let lines: Vec<String> = order
        .iter()
        .map(|&i| {
            let a = &set.articles[i];
            let title = a
                .title
                .clone()
                .unwrap_or_else(|| a.text.chars().take(90).collect());
            format!(
                "{}\t{}\t{}",
                found[i],
                set.labels[i],
                title.replace('\n', " ")
            )
        })
        .collect();
    let path = std::path::Path::new(dir).join(format!("{}.tsv", set.name.replace('/', "-")));
    let _ = std::fs::create_dir_all(dir);
    let _ = std::fs::write(path, lines.join("\n"));
}

/// B-cubed precision, recall and F1 (Bagga & Baldwin): per item, the share of its found
/// cluster that shares its label, and the share of its label's items in its cluster.
pub fn b_cubed<C: std::hash::Hash + Eq + Copy>(found: &[C], labels: &[String]) -> (f64, f64, f64) {
    let mut cluster_size: HashMap<C, f64> = HashMap::new();
    let mut label_size: HashMap<&str, f64> = HashMap::new();
    let mut both: HashMap<(C, &str), f64> = HashMap::new();
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
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(l: &[&str]) -> Vec<String> {
        l.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn b_cubed_of_a_perfect_grouping_is_one() {
        let (p, r, f) = b_cubed(&[0, 0, 1], &labels(&["a", "a", "b"]));
        assert_eq!((p, r, f), (1.0, 1.0, 1.0));
    }

    #[test]
    fn b_cubed_of_one_merged_cluster_counts_each_items_share() {
        // One cluster of a, a, b: precision (2/3 + 2/3 + 1/3) / 3 = 5/9, recall 1.
        let (p, r, _) = b_cubed(&[0, 0, 0], &labels(&["a", "a", "b"]));
        assert!((p - 5.0 / 9.0).abs() < 1e-12);
        assert_eq!(r, 1.0);
    }

    #[test]
    fn b_cubed_of_a_split_label_loses_recall_only() {
        // a split in two: recall (1/2 + 1/2 + 1) / 3 = 2/3, precision 1.
        let (p, r, _) = b_cubed(&[0, 1, 2], &labels(&["a", "a", "b"]));
        assert_eq!(p, 1.0);
        assert!((r - 2.0 / 3.0).abs() < 1e-12);
    }
}
