//! The labelled sets the quality command reads, found by name under the corpus folder.
//! A set that is not there is left out of the table (the test fixtures hold only some);
//! the `label` of each article is read here, for the scoring, and never by the pipeline.

use std::path::{Path, PathBuf};

use newsdigest::ingest::{Article, articles_from_jsonl_labelled};

/// One labelled set: articles and each one's gold group.
pub struct LabelledSet {
    pub name: String,
    pub kind: SetKind,
    pub articles: Vec<Article>,
    pub labels: Vec<String>,
}

/// What a set's labels mean, and so what it is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetKind {
    /// Headlines labelled by story (UCI): scored; no body, so not for the event model.
    Headlines,
    /// Full text labelled by event (ECB+, BASIL, GVC): scored, and the event model is
    /// fitted on them.
    Events,
    /// Full text labelled by topic, months of one subject (DUC 2007): scored for what a
    /// long-running subject does, not held to the event-level targets.
    Topics,
    /// The scale corpus, labelled by the story the generator drew: scored for grouping
    /// at scale.
    Generated,
}

/// The grouping sets, in table order: every `uci/*.jsonl` slice (headlines), then the
/// full-text sets. `duc2007` groups by topic (months of one subject), so it is read for
/// what a long-running story does, not held to the event-level targets.
pub fn grouping_sets(corpus: &Path, limit: Option<usize>) -> Result<Vec<LabelledSet>, String> {
    let mut files: Vec<(String, SetKind, PathBuf)> = Vec::new();
    let uci = corpus.join("uci");
    if uci.is_dir() {
        let mut slices: Vec<PathBuf> = std::fs::read_dir(&uci)
            .map_err(|err| format!("cannot list {}: {err}", uci.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        slices.sort();
        for slice in slices {
            let stem = slice
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            files.push((format!("uci/{stem}"), SetKind::Headlines, slice));
        }
    }
    for (name, kind, path) in [
        ("ecb", SetKind::Events, "ecb/dev.jsonl"),
        ("basil", SetKind::Events, "basil/dev.jsonl"),
        ("gvc", SetKind::Events, "gvc/dev.jsonl"),
        ("duc2007", SetKind::Topics, "duc2007/articles.jsonl"),
    ] {
        let path = corpus.join(path);
        if path.is_file() {
            files.push((name.to_string(), kind, path));
        }
    }
    if files.is_empty() {
        return Err(format!(
            "no labelled sets in {} (uci/*.jsonl, ecb/dev.jsonl, ...)",
            corpus.display()
        ));
    }
    files
        .into_iter()
        .map(|(name, kind, path)| {
            let content = std::fs::read_to_string(&path)
                .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
            labelled_set(&name, kind, &path.display().to_string(), &content, limit)
        })
        .collect()
}

/// The scale corpus at each size, made in memory as `scale_corpus` writes it.
pub fn generated_sets(corpus: &Path, sizes: &[usize]) -> Result<Vec<LabelledSet>, String> {
    sizes
        .iter()
        .map(|&size| {
            let lines: Vec<String> = crate::generate::morning(corpus, size, 1)?
                .iter()
                .map(|article| article.to_string())
                .collect();
            let name = if size % 1000 == 0 {
                format!("scale {}k", size / 1000)
            } else {
                format!("scale {size}")
            };
            labelled_set(&name, SetKind::Generated, &name, &lines.join("\n"), None)
        })
        .collect()
}

/// The articles of one JSONL text with their labels; an article without a label is its
/// own group.
fn labelled_set(
    name: &str,
    kind: SetKind,
    input: &str,
    content: &str,
    limit: Option<usize>,
) -> Result<LabelledSet, String> {
    let mut problems = Vec::new();
    let mut labelled = articles_from_jsonl_labelled(input, name, content, &mut problems);
    if let Some(problem) = problems.first() {
        return Err(format!("{problem}"));
    }
    if let Some(n) = limit {
        labelled.truncate(n);
    }
    let (articles, labels): (Vec<Article>, Vec<Option<String>>) = labelled.into_iter().unzip();
    let labels = labels
        .into_iter()
        .enumerate()
        .map(|(i, l)| l.unwrap_or_else(|| format!("unlabelled-{i}")))
        .collect();
    Ok(LabelledSet {
        name: name.to_string(),
        kind,
        articles,
        labels,
    })
}
