//! The labelled sets the quality command reads, found by name under the corpus folder.
//! A set that is not there is left out of the table (the test fixtures hold only some);
//! the `label` of each article is read here, for the scoring, and never by the pipeline.

use std::path::{Path, PathBuf};

use newsdigest::ingest::{Article, articles_from_jsonl_labelled};

/// One labelled set: articles and each one's gold group.
pub struct LabelledSet {
    pub name: String,
    pub articles: Vec<Article>,
    pub labels: Vec<String>,
}

/// The grouping sets, in table order: every `uci/*.jsonl` slice (headlines), then the
/// full-text sets. `duc2007` groups by topic (months of one subject), so it is read for
/// what a long-running story does, not held to the event-level targets.
pub fn grouping_sets(corpus: &Path, limit: Option<usize>) -> Result<Vec<LabelledSet>, String> {
    let mut files: Vec<(String, PathBuf)> = Vec::new();
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
            files.push((format!("uci/{stem}"), slice));
        }
    }
    for (name, path) in [
        ("ecb", "ecb/dev.jsonl"),
        ("basil", "basil/dev.jsonl"),
        ("gvc", "gvc/dev.jsonl"),
        ("duc2007", "duc2007/articles.jsonl"),
    ] {
        let path = corpus.join(path);
        if path.is_file() {
            files.push((name.to_string(), path));
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
        .map(|(name, path)| read_set(&name, &path, limit))
        .collect()
}

/// The articles of one JSONL file with their labels; an article without a label is its
/// own group.
pub fn read_set(name: &str, path: &Path, limit: Option<usize>) -> Result<LabelledSet, String> {
    let content = std::fs::read_to_string(path)
        .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    let mut problems = Vec::new();
    let mut labelled =
        articles_from_jsonl_labelled(&path.display().to_string(), name, &content, &mut problems);
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
        articles,
        labels,
    })
}
