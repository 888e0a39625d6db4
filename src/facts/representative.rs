//! The representative of a fact: which of its mentions stands for it in the briefing,
//! by how complete its sentence is (figures and names count, a dangling pronoun at the
//! start counts against it).
//!
//! A *mention* is one (article, sentence) stating the fact; [`fact_from`] makes the
//! [`Fact`] of a cluster's sentences. It does not decide which sentences are one fact.

use crate::text::terms::words;

use super::{Fact, Mention, SentenceView};

/// Words at the start of a sentence that point back to something it does not name.
const DANGLING_STARTS: &[&str] = &[
    "he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "its", "their", "we",
];

/// How complete a sentence is as the one that stands for a fact: figures and names
/// count, a dangling pronoun at the start counts against it.
pub fn completeness(view: &SentenceView) -> i64 {
    let names = view.terms.iter().filter(|t| t.is_name).count() as i64;
    let figures = view.quantities.len() as i64;
    let first = first_word(view.text)
        .map(|w| w.to_lowercase())
        .unwrap_or_default();
    let dangling = if DANGLING_STARTS.contains(&first.as_str()) {
        4
    } else {
        0
    };
    figures * 2 + names - dangling
}

/// The first of [`words`] of a text, reading no further than the space after it (a
/// word never spans a space, and what follows a space does not change it).
fn first_word(text: &str) -> Option<&str> {
    let start = text.find(char::is_alphanumeric)?;
    let end = text[start..]
        .find(char::is_whitespace)
        .map_or(text.len(), |at| start + at);
    words(&text[..end]).first().map(|w| w.text)
}

/// The fact made of these sentences; `completeness_of` gives [`completeness`] by
/// sentence index.
pub(super) fn fact_from(
    member_indices: &[usize],
    sentences: &[SentenceView],
    completeness_of: impl Fn(usize) -> i64,
) -> Fact {
    let mut mentions: Vec<Mention> = member_indices
        .iter()
        .map(|&i| Mention {
            article: sentences[i].article,
            sentence: sentences[i].sentence,
        })
        .collect();
    mentions.sort();
    let best = member_indices
        .iter()
        .copied()
        .max_by_key(|&i| {
            let s = &sentences[i];
            (
                completeness_of(i),
                std::cmp::Reverse((s.article, s.sentence)),
            )
        })
        .unwrap_or(member_indices[0]);
    Fact {
        mentions,
        representative: Mention {
            article: sentences[best].article,
            sentence: sentences[best].sentence,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::tests::{owned, view};

    #[test]
    fn the_first_word_is_read_as_words_reads_it() {
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let articles = crate::ingest::read_paths(&[samples], &Default::default()).articles;
        let mut texts: Vec<String> = crate::digest::sentences_of(&articles)
            .into_iter()
            .flatten()
            .map(|s| s.text.to_string())
            .collect();
        assert!(texts.len() > 20, "the sample reports' sentences");
        texts.extend(
            [
                "He said so.",
                "  \"It's over,\" she said.",
                "U.S. troops left.",
                "U.S",
                "6,000 people marched",
                "2.5 percent",
                "these\u{a0}days",
                "— They did.",
                "",
                "...",
                "Zelenskyy’s aides",
            ]
            .map(str::to_string),
        );
        for text in &texts {
            let text = text.as_str();
            assert_eq!(
                first_word(text),
                words(text).first().map(|w| w.text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn the_most_complete_mention_stands_for_the_fact() {
        let a = owned("It lost power again.");
        let b = owned("The Zaporizhzhia plant lost power for the 11th time.");
        assert!(completeness(&view(&b, 1)) > completeness(&view(&a, 0)));
    }
}
