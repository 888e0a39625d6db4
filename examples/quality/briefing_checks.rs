//! What reaches a reader that should not: lines of the briefing that are not facts, and
//! facts credited to sources that do not state them. Measured on each full-text set's
//! briefing (and the bundled sample), with checks of this module's own, not the
//! pipeline's rules:
//!
//! - *boilerplate*: a shown line whose words (lower case, letters and digits) are a
//!   sentence of articles of two or more different labelled events or topics in the
//!   set; a line that unrelated reports share is the page's or the wire's;
//! - *fragment*: a shown line of fewer than five words, ending in a colon, starting in
//!   lower case, or opening a quotation it never closes;
//! - *supported*: a fact shown with several sources, where for every cited mention the
//!   shown text's content words missing from the mention are at most the mention's
//!   content words missing from the shown text plus two (the check; words
//!   lower case, Porter-stemmed, a short stop list out).
//!
//! Summary lines and every shown fact are counted apart.

use std::collections::{HashMap, HashSet};

use newsdigest::digest::{Digest, FactEntry};

use crate::rouge;
use crate::sets::LabelledSet;
use crate::table::Table;

const STOP: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "is", "are", "was", "were", "be", "been", "it", "its", "that", "this", "which",
    "who", "he", "she", "they", "his", "her", "their", "has", "have", "had", "said", "says",
    "also", "s", "would", "will", "not", "after", "about",
];

/// A line's words as the boilerplate check compares them.
fn line_words(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The sentences of the set's articles said under two or more different labels.
fn cross_label_lines(set: &LabelledSet) -> HashSet<String> {
    let mut labels_of: HashMap<String, HashSet<&str>> = HashMap::new();
    for (article, label) in set.articles.iter().zip(&set.labels) {
        for sentence in newsdigest::text::split_sentences(&article.text) {
            let words = line_words(sentence);
            if !words.is_empty() {
                labels_of.entry(words).or_default().insert(label.as_str());
            }
        }
    }
    labels_of
        .into_iter()
        .filter(|(_, labels)| labels.len() >= 2)
        .map(|(line, _)| line)
        .collect()
}

fn is_fragment(text: &str) -> bool {
    let text = text.trim();
    let words = text.split_whitespace().count();
    let starts_lower = text
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase);
    let opens_quote = text.starts_with(['"', '“']) || text.starts_with("``");
    let quotes = text.matches(['"', '“', '”']).count()
        + text.matches("``").count()
        + text.matches("''").count();
    words < 5 || text.ends_with(':') || starts_lower || (opens_quote && quotes % 2 == 1)
}

fn content_words(text: &str) -> HashSet<String> {
    rouge::tokens(text)
        .into_iter()
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

/// The check, for every mention of a multi-source fact.
pub fn is_supported(fact: &FactEntry) -> bool {
    let shown = content_words(&fact.text);
    fact.mentions.iter().all(|m| {
        let said = content_words(&m.sentence);
        let shown_only = shown.difference(&said).count();
        let said_only = said.difference(&shown).count();
        shown_only <= said_only + 2
    })
}

/// Counts of one briefing.
#[derive(Default)]
pub struct Counts {
    summary_lines: usize,
    summary_boilerplate: usize,
    summary_fragments: usize,
    facts: usize,
    fact_boilerplate: usize,
    fact_fragments: usize,
    multi_source: usize,
    supported: usize,
}

/// The counts of `digest`, made from `set`'s articles.
pub fn counts(set: &LabelledSet, digest: &Digest) -> Counts {
    let recurring = cross_label_lines(set);
    let boilerplate = |f: &FactEntry| recurring.contains(&line_words(&f.text));
    let mut counts = Counts::default();
    for story in &digest.stories {
        for &i in &story.summary {
            let fact = &story.facts[i];
            counts.summary_lines += 1;
            counts.summary_boilerplate += usize::from(boilerplate(fact));
            counts.summary_fragments += usize::from(is_fragment(&fact.text));
            if std::env::var("QUALITY_SHOW_BAD_LINES").is_ok()
                && (boilerplate(fact) || is_fragment(&fact.text))
            {
                eprintln!(
                    "{} summary line {}: {:?}",
                    set.name,
                    if boilerplate(fact) {
                        "boilerplate"
                    } else {
                        "fragment"
                    },
                    fact.text
                );
            }
        }
        for fact in &story.facts {
            counts.facts += 1;
            counts.fact_boilerplate += usize::from(boilerplate(fact));
            counts.fact_fragments += usize::from(is_fragment(&fact.text));
            if fact.is_corroborated() {
                counts.multi_source += 1;
                counts.supported += usize::from(is_supported(fact));
                if std::env::var("QUALITY_SHOW_BAD_LINES").is_ok() && !is_supported(fact) {
                    eprintln!(
                        "{} unsupported: {:?} / {:?}",
                        set.name,
                        fact.text,
                        fact.mentions
                            .iter()
                            .map(|m| &*m.sentence)
                            .collect::<Vec<_>>()
                    );
                }
            }
        }
    }
    counts
}

pub fn rows(name: &str, c: &Counts, table: &mut Table) {
    table.text_row(
        "summary lines: boilerplate / fragments (own checks)",
        name,
        &format!(
            "{} / {} of {}",
            c.summary_boilerplate, c.summary_fragments, c.summary_lines
        ),
    );
    table.text_row(
        "all facts: boilerplate / fragments (own checks)",
        name,
        &format!(
            "{} / {} of {}",
            c.fact_boilerplate, c.fact_fragments, c.facts
        ),
    );
    let share = if c.multi_source == 0 {
        1.0
    } else {
        c.supported as f64 / c.multi_source as f64
    };
    table.text_row(
        "multi-source facts supported by every cited mention",
        name,
        &format!("{share:.3} ({} of {})", c.supported, c.multi_source),
    );
}
