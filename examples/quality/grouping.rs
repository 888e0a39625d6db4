//! Grouping quality: B-cubed precision, recall and F1 of the pipeline's stories against
//! each set's labels, stories found against stories labelled, and the worst set's F1.

use std::collections::{HashMap, HashSet};

use newsdigest::digest::stories_of;
use newsdigest::group::GroupOptions;

use crate::sets::LabelledSet;
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
/// targets (all but `duc2007`, whose labels are topics).
pub fn grouping_rows(sets: &[LabelledSet], table: &mut Table) {
    let mut worst: Option<(f64, &str)> = None;
    for set in sets {
        let scored = score(set, &GroupOptions::default());
        table.row("grouping B-cubed precision", &set.name, scored.precision);
        table.row("grouping B-cubed recall", &set.name, scored.recall);
        table.row("grouping B-cubed F1", &set.name, scored.f1);
        table.text_row(
            "stories found / labelled",
            &set.name,
            &format!("{} / {}", scored.found, scored.labelled),
        );
        if set.name != "duc2007" && worst.is_none_or(|(f, _)| scored.f1 < f) {
            worst = Some((scored.f1, &set.name));
        }
    }
    if let Some((f1, name)) = worst {
        table.row("grouping B-cubed F1, worst set", name, f1);
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
