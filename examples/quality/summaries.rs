//! Summary quality against human summaries: each DUC 2007 topic's 25 articles are run
//! through the pipeline as one morning, and the first 250 words of the briefing (its
//! stories in order, each story's summary in reading order) are scored with
//! ROUGE-2 and ROUGE-SU4 (see `rouge`) against the four summaries NIST's assessors
//! wrote for the topic; the table gives the mean over topics.

use std::collections::BTreeMap;
use std::path::Path;

use newsdigest::digest::Digest;
use newsdigest::options::Options;

use crate::rouge::{self, Measure};
use crate::sets::LabelledSet;
use crate::table::Table;

/// The human summaries of each topic in `duc2007/summaries.jsonl`.
fn human_summaries(path: &Path) -> Result<BTreeMap<String, Vec<String>>, String> {
    let content = std::fs::read_to_string(path)
        .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    let mut by_topic: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (n, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(line)
            .map_err(|err| format!("{}:{}: {err}", path.display(), n + 1))?;
        let (Some(topic), Some(text)) = (value["topic"].as_str(), value["text"].as_str()) else {
            return Err(format!("{}:{}: no topic or text", path.display(), n + 1));
        };
        by_topic
            .entry(topic.to_string())
            .or_default()
            .push(text.to_string());
    }
    Ok(by_topic)
}

/// What a reader reads first: each story's summary in reading order, stories in the
/// briefing's order, as one text.
fn briefing_text(digest: &Digest) -> String {
    digest
        .stories
        .iter()
        .flat_map(|story| {
            story
                .summary
                .iter()
                .map(|&i| story.facts[i].text.to_string())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// ROUGE-2 and ROUGE-SU4 of the briefings of the DUC 2007 topics in `set`, when
/// `duc2007/summaries.jsonl` is there.
pub fn summary_rows(corpus: &Path, set: &LabelledSet, table: &mut Table) -> Result<(), String> {
    let path = corpus.join("duc2007/summaries.jsonl");
    if !path.is_file() {
        return Ok(());
    }
    let humans = human_summaries(&path)?;
    let mut scores = [0.0; 2];
    let mut topics = 0;
    for (topic, models) in &humans {
        let articles: Vec<_> = set
            .articles
            .iter()
            .zip(&set.labels)
            .filter(|(_, label)| *label == topic)
            .map(|(article, _)| article.clone())
            .collect();
        if articles.is_empty() {
            continue;
        }
        let date = articles
            .iter()
            .filter_map(|a| a.published)
            .max()
            .map_or_else(|| chrono::Utc::now().date_naive(), |p| p.date_naive());
        let digest = newsdigest::summarize(articles, &Options::for_date(date));
        let text = rouge::cut(&briefing_text(&digest), 250);
        if std::env::var("QUALITY_SHOW_SUMMARIES").is_ok() {
            println!("SUMMARY {topic}: {text}\n");
        }
        scores[0] += rouge::score(&text, models, Measure::Rouge2);
        scores[1] += rouge::score(&text, models, Measure::RougeSu4);
        topics += 1;
    }
    let name = format!("duc2007 ({topics} topics, first 250 words)");
    let mean = |s: f64| s / f64::from(topics.max(1));
    table.row("summary ROUGE-2 recall", &name, mean(scores[0]));
    table.row("summary ROUGE-SU4 recall", &name, mean(scores[1]));
    Ok(())
}
