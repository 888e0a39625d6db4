//! Figure flags on real full text: the briefings of the full-text dev sets (ECB+,
//! BASIL, GVC, DUC 2007), made by `summarize` exactly as the pipeline makes them.
//!
//! - GVC: the real differences between articles of one incident in the number killed
//!   or injured, read by [`casualties`](crate::casualties) (not by the pipeline), and
//!   whether the briefing flags them (recall); and of the flags about killed or injured
//!   counts, how many set two stated counts of one incident that really differ, in the
//!   sense recall counts (precision). `incidents.json`'s official numbers check the
//!   reading itself.
//! - A seeded random sample of every set's flags, printed for a person to judge
//!   (`--flags N`): the measure, and each value with its sentence and article.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;
use newsdigest::digest::{DiscrepancyEntry, summarize};
use newsdigest::options::Options;

use crate::briefing_checks;
use crate::casualties::{Toll, stated_in};
use crate::grouping::options_from_env;
use crate::sets::{LabelledSet, SetKind};
use crate::table::Table;

/// One set's flags, each with the set's name.
struct SetFlags<'s> {
    set: &'s LabelledSet,
    flags: Vec<DiscrepancyEntry>,
    /// The story each article is in, by article id.
    story_of: HashMap<String, usize>,
}

/// The briefing of each full-text set, its flags scored (GVC) and sampled.
pub fn real_flag_rows(
    corpus: &Path,
    sets: &[LabelledSet],
    sample: Option<usize>,
    table: &mut Table,
) -> Result<(), String> {
    let mut options = Options::for_date(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default());
    options.group = options_from_env();
    let flagged: Vec<SetFlags> = sets
        .iter()
        .filter(|s| matches!(s.kind, SetKind::Events | SetKind::Topics))
        .map(|set| {
            let digest = summarize(set.articles.clone(), &options);
            briefing_checks::rows(&set.name, &briefing_checks::counts(set, &digest), table);
            let story_of = digest
                .stories
                .iter()
                .enumerate()
                .flat_map(|(k, story)| story.articles.iter().map(move |a| (a.id.clone(), k)))
                .collect();
            let flags = digest
                .stories
                .into_iter()
                .flat_map(|story| story.discrepancies)
                .collect();
            SetFlags {
                set,
                flags,
                story_of,
            }
        })
        .collect();
    for set in &flagged {
        table.text_row(
            "differing figures in the briefing",
            &set.set.name,
            &format!(
                "{} ({} marked may be different events)",
                set.flags.len(),
                set.flags
                    .iter()
                    .filter(|f| f.may_be_different_events)
                    .count()
            ),
        );
    }
    if let Some(gvc) = flagged.iter().find(|s| s.set.name == "gvc") {
        gvc_rows(corpus, gvc, table)?;
    }
    if let Some(n) = sample {
        print_sample(&flagged, n);
    }
    Ok(())
}

/// A stated count of one article: (toll, value).
type Count = (Toll, u64);

/// A flag's values that are stated counts, as (article id, toll, value).
type ReadValues<'a> = Vec<(&'a str, Toll, u64)>;

fn gvc_rows(corpus: &Path, gvc: &SetFlags, table: &mut Table) -> Result<(), String> {
    let set = gvc.set;
    let label_of: HashMap<&str, &str> = set
        .articles
        .iter()
        .zip(&set.labels)
        .map(|(a, l)| (a.id.as_str(), l.as_str()))
        .collect();
    // What each article states, over all its sentences.
    let stated: Vec<HashSet<Count>> = set
        .articles
        .iter()
        .map(|a| {
            a.text
                .lines()
                .flat_map(newsdigest::text::split_sentences)
                .flat_map(stated_in)
                .map(|s| (s.toll, s.value as u64))
                .collect()
        })
        .collect();
    official_rows(corpus, set, &stated, table)?;
    let mut by_incident: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, label) in set.labels.iter().enumerate() {
        by_incident.entry(label).or_default().push(i);
    }
    // The real differences: two articles of one incident, each stating a count the
    // other does not, of the same toll.
    let mut differences: Vec<(Toll, &str, &str)> = Vec::new();
    for members in by_incident.values() {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                for toll in [Toll::Killed, Toll::Injured] {
                    let only = |a: usize, b: usize| {
                        stated[a]
                            .iter()
                            .any(|c| c.0 == toll && !stated[b].contains(c))
                    };
                    if only(i, j) && only(j, i) {
                        differences.push((toll, &set.articles[i].id, &set.articles[j].id));
                    }
                }
            }
        }
    }
    // Each flag's values that are stated counts, as (article, toll, value).
    let read_flags: Vec<ReadValues> = gvc
        .flags
        .iter()
        .map(|flag| {
            flag.values
                .iter()
                .filter_map(|v| {
                    let stated = stated_in(&v.sentence)
                        .into_iter()
                        .find(|s| s.start >= v.start && s.end <= v.end && s.value == v.value)?;
                    Some((v.article.id.as_str(), stated.toll, stated.value as u64))
                })
                .collect()
        })
        .collect();
    let is_caught = |(toll, a, b): &&(Toll, &str, &str)| {
        read_flags.iter().any(|values| {
            values.iter().any(|x| {
                x.0 == *a
                    && x.1 == *toll
                    && values
                        .iter()
                        .any(|y| y.0 == *b && y.1 == *toll && y.2 != x.2)
            })
        })
    };
    let caught = differences.iter().filter(is_caught).count();
    table.row(
        "real differing killed/injured counts flagged (recall)",
        &format!(
            "gvc ({} article pairs of one incident stating different counts)",
            differences.len()
        ),
        share(caught, differences.len()),
    );
    // The same, of the differences whose two articles the briefing put in one story:
    // what the figures stage misses, apart from what grouping keeps apart.
    let together: Vec<&(Toll, &str, &str)> = differences
        .iter()
        .filter(|(_, a, b)| {
            gvc.story_of.contains_key(*a) && gvc.story_of.get(*a) == gvc.story_of.get(*b)
        })
        .collect();
    let caught_together = together.iter().filter(|d| is_caught(d)).count();
    table.row(
        "real differing killed/injured counts flagged, articles in one story (recall)",
        &format!("gvc ({} such pairs)", together.len()),
        share(caught_together, together.len()),
    );
    let show = std::env::var("QUALITY_SHOW_FLAGS").is_ok();
    if show {
        for (toll, a, b) in together.iter().filter(|d| !is_caught(d)) {
            println!("GVC MISSED {toll:?} {a} {b}");
            // The sentences each article states its count in, to see why they were
            // not set against each other.
            for id in [a, b] {
                let Some(article) = set.articles.iter().find(|x| x.id == *id) else {
                    continue;
                };
                let sentences = article
                    .text
                    .lines()
                    .flat_map(newsdigest::text::split_sentences);
                for sentence in sentences {
                    if stated_in(sentence).iter().any(|s| s.toll == *toll) {
                        println!("   {id:.6}: {sentence}");
                    }
                }
            }
        }
    }
    let about: Vec<(usize, &ReadValues)> = read_flags
        .iter()
        .enumerate()
        .filter(|(_, values)| !values.is_empty())
        .collect();
    let index_of: HashMap<&str, usize> = set
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    // As for recall: two articles of one incident, each stating a count of the toll
    // that the other does not. One article's two counts (last night's dead and last
    // week's) are no difference between sources.
    let states = |article: &str, toll: Toll, value: u64| {
        index_of
            .get(article)
            .is_some_and(|&i| stated[i].contains(&(toll, value)))
    };
    let really_differ = |x: &(&str, Toll, u64), y: &(&str, Toll, u64)| {
        x.0 != y.0
            && x.1 == y.1
            && x.2 != y.2
            && label_of.get(x.0) == label_of.get(y.0)
            && !states(x.0, y.1, y.2)
            && !states(y.0, x.1, x.2)
    };
    let real = about
        .iter()
        .filter(|(k, values)| {
            let real = values
                .iter()
                .any(|x| values.iter().any(|y| really_differ(x, y)));
            if show && !real {
                let flag = &gvc.flags[*k];
                println!("GVC FALSE {}", flag.measure);
                for v in &flag.values {
                    println!("   {:?} [{}] {}", v.text, v.article.id, v.sentence.trim());
                }
            }
            real
        })
        .count();
    table.row(
        "flags on killed/injured counts that are real differences (precision)",
        &format!("gvc ({} such flags of {})", about.len(), gvc.flags.len()),
        share(real, about.len()),
    );
    Ok(())
}

/// How often the quality command's own reading agrees with the official count: a check
/// of the reading that the recall and precision above rest on.
fn official_rows(
    corpus: &Path,
    set: &LabelledSet,
    stated: &[HashSet<Count>],
    table: &mut Table,
) -> Result<(), String> {
    let path = corpus.join("gvc/incidents.json");
    let Ok(content) = std::fs::read_to_string(&path) else {
        return Ok(());
    };
    let incidents: serde_json::Value = serde_json::from_str(&content)
        .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    let (mut stating, mut official) = (0, 0);
    for (label, counts) in set.labels.iter().zip(stated) {
        for (toll, key) in [(Toll::Killed, "killed"), (Toll::Injured, "injured")] {
            let Some(number) = incidents[label.as_str()][key].as_u64() else {
                continue;
            };
            if counts.iter().any(|c| c.0 == toll) {
                stating += 1;
                official += usize::from(counts.contains(&(toll, number)));
            }
        }
    }
    table.row(
        "own reading of killed/injured counts states the official number",
        &format!("gvc ({stating} article counts read)"),
        share(official, stating),
    );
    Ok(())
}

/// Prints `n` flags drawn at random (a fixed seed: the same sample each run) from all
/// the sets' flags together.
fn print_sample(flagged: &[SetFlags], n: usize) {
    let mut all: Vec<(&str, &DiscrepancyEntry)> = flagged
        .iter()
        .flat_map(|s| s.flags.iter().map(move |f| (s.set.name.as_str(), f)))
        .collect();
    let mut seed: u64 = std::env::var("QUALITY_FLAG_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(17)
        .max(1);
    // A Fisher-Yates shuffle of the first n places, by xorshift.
    let take = n.min(all.len());
    for i in 0..take {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let j = i + (seed % (all.len() - i) as u64) as usize;
        all.swap(i, j);
    }
    println!();
    println!("## A random sample of {take} flags of {}", all.len());
    for (k, (set, flag)) in all.iter().take(take).enumerate() {
        let events = if flag.may_be_different_events {
            " (may refer to different events)"
        } else {
            ""
        };
        println!();
        println!("{}. [{set}] {}{events}", k + 1, flag.measure);
        for v in &flag.values {
            println!(
                "   - {:?} in {} ({}): {}",
                v.text,
                v.article.id,
                v.article.source,
                v.sentence.trim()
            );
        }
    }
}

fn share(part: usize, whole: usize) -> f64 {
    part as f64 / whole.max(1) as f64
}
