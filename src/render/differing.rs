//! Which words of a differing figure's sentence differ from the sentence it is compared
//! with, for the briefing to mark: a word-level diff by `similar` (patience, compacted,
//! as `similar::capture_diff_slices` gives it), collected by a [`DiffHook`] that keeps
//! only what the render needs, the inserted and replaced words, then cut into runs that
//! templates print (the figure apart, each changed run trimmed to letters and digits so
//! that Markdown emphasis around it takes effect).
//!
//! It owns the diff and the runs; where they are shown is the templates'.

use std::borrow::Cow;
use std::convert::Infallible;
use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::Serialize;
use similar::algorithms::{Algorithm, Compact, DiffHook, Replace};
use unicode_segmentation::UnicodeSegmentation;

/// Part of a value's sentence: the figure itself or the text around it.
#[derive(Debug, PartialEq, Serialize)]
pub struct SentencePart<'a> {
    pub figure: bool,
    pub runs: Vec<Run<'a>>,
}

/// A run of text whose words all differ, or all agree, with the compared sentence. A
/// changed run starts and ends with a letter or digit, so that Markdown emphasis put
/// around it always takes effect.
#[derive(Debug, PartialEq, Serialize)]
pub struct Run<'a> {
    pub text: &'a str,
    pub changed: bool,
}

/// Byte spans that together cover a sentence, each flagged true when its words differ
/// from the sentence it is compared with.
pub type Changes = Vec<(Range<usize>, bool)>;

/// A story's figure sentences, each split into words once, and each pair compared
/// once for all of the story's discrepancies: reports often repeat a sentence word for
/// word, a sentence with several figures is in several discrepancies, and the biggest
/// stories have tens of thousands of differing values.
#[derive(Default)]
pub struct Comparisons<'a> {
    /// Each sentence's words, by its text.
    words: FxHashMap<&'a str, Words>,
    /// A number per distinct word (lower-cased), so that diffs compare numbers.
    numbers: FxHashMap<String, u32>,
    changes: FxHashMap<(&'a str, &'a str), Changes>,
}

/// The words of a sentence: where each is, and its number.
struct Words {
    spans: Vec<Range<usize>>,
    keys: Vec<u32>,
}

impl<'a> Comparisons<'a> {
    /// Byte spans of `sentence`, each flagged true when it differs from `compared`
    /// (nothing differs when `compared` is blank). Together the spans cover the
    /// sentence.
    ///
    /// The diff is over words only, compared case-insensitively: aligning the spaces
    /// and punctuation between them as well would let unrelated sentences "share" every
    /// space and leave each changed word marked on its own. The text between two
    /// changed words counts as changed, so a changed phrase is marked as one.
    pub fn changed_spans(&mut self, sentence: &'a str, compared: &'a str) -> &Changes {
        if !self.changes.contains_key(&(sentence, compared)) {
            let changes = if compared.trim().is_empty() {
                vec![(0..sentence.len(), false)]
            } else {
                self.split(sentence);
                self.split(compared);
                spans_of(sentence.len(), &self.words[sentence], &self.words[compared])
            };
            self.changes.insert((sentence, compared), changes);
        }
        &self.changes[&(sentence, compared)]
    }

    fn split(&mut self, text: &'a str) {
        if self.words.contains_key(text) {
            return;
        }
        let spans = word_spans(text);
        let keys = spans
            .iter()
            .map(|w| self.number(&text[w.clone()]))
            .collect();
        self.words.insert(text, Words { spans, keys });
    }

    fn number(&mut self, word: &str) -> u32 {
        let next = u32::try_from(self.numbers.len()).unwrap_or(u32::MAX);
        let lower = if word.chars().any(char::is_uppercase) {
            Cow::Owned(word.to_lowercase())
        } else {
            Cow::Borrowed(word)
        };
        match self.numbers.get(lower.as_ref()) {
            Some(&number) => number,
            None => {
                self.numbers.insert(lower.into_owned(), next);
                next
            }
        }
    }
}

/// The spans of a sentence of `len` bytes with `words`, flagged where the diff from
/// `compared` inserts or replaces words (and between two such words).
fn spans_of(len: usize, words: &Words, compared: &Words) -> Changes {
    let mut changed = vec![false; words.spans.len()];
    // The same words in the same order: nothing to diff.
    if words.keys != compared.keys {
        mark_inserted(&compared.keys, &words.keys, &mut changed);
    }
    let mut spans = Vec::with_capacity(words.spans.len() * 2 + 1);
    let mut at = 0;
    for (i, word) in words.spans.iter().enumerate() {
        let between_changes = i > 0 && changed[i - 1] && changed[i];
        spans.push((at..word.start, between_changes));
        spans.push((word.clone(), changed[i]));
        at = word.end;
    }
    spans.push((at..len, false));
    spans
}

/// Sets `changed[i]` for each word `i` of `new` that the diff from `old` inserts or
/// replaces.
fn mark_inserted(old: &[u32], new: &[u32], changed: &mut [bool]) {
    let mut hook = Compact::new(Replace::new(Inserted { changed }), old, new);
    let Ok(()) = similar::algorithms::diff(
        Algorithm::Patience,
        &mut hook,
        old,
        0..old.len(),
        new,
        0..new.len(),
    );
}

/// The hook that keeps the words of the new side the diff inserts or replaces.
struct Inserted<'c> {
    changed: &'c mut [bool],
}

impl DiffHook for Inserted<'_> {
    type Error = Infallible;

    fn insert(&mut self, _old: usize, new_index: usize, new_len: usize) -> Result<(), Infallible> {
        self.changed[new_index..new_index + new_len].fill(true);
        Ok(())
    }

    fn replace(
        &mut self,
        _old: usize,
        _old_len: usize,
        new_index: usize,
        new_len: usize,
    ) -> Result<(), Infallible> {
        self.insert(0, new_index, new_len)
    }
}

/// Byte spans of the words of `text`: its Unicode word bounds that hold a letter or
/// digit.
fn word_spans(text: &str) -> Vec<Range<usize>> {
    // For ASCII text these are unicode-segmentation's words, which a much faster
    // ASCII-only scanner finds (a test checks the two agree); beyond ASCII its notion
    // of a letter or digit might not be the standard library's.
    if text.is_ascii() {
        return text
            .unicode_word_indices()
            .map(|(at, word)| at..at + word.len())
            .collect();
    }
    word_spans_by_bounds(text)
}

/// [`word_spans`] the general way: every word bound, kept if it has a letter or digit.
fn word_spans_by_bounds(text: &str) -> Vec<Range<usize>> {
    text.split_word_bound_indices()
        .filter(|(_, token)| token.chars().any(char::is_alphanumeric))
        .map(|(at, token)| at..at + token.len())
        .collect()
}

/// `sentence` cut into the text before the figure, the figure and the text after it,
/// each part split into runs by `changes` (from [`Comparisons::changed_spans`]). Empty parts are
/// left out. Around the figure, words are marked only where the sentences otherwise
/// agree ([`context_agrees`]).
pub fn marked_parts<'a>(
    sentence: &'a str,
    figure: Range<usize>,
    changes: &[(Range<usize>, bool)],
) -> Vec<SentencePart<'a>> {
    let mark_context = context_agrees(sentence, &figure, changes);
    [
        (0..figure.start, false),
        (figure.clone(), true),
        (figure.end..sentence.len(), false),
    ]
    .into_iter()
    .filter(|(part, _)| !part.is_empty())
    .map(|(part, is_figure)| SentencePart {
        figure: is_figure,
        runs: if is_figure || mark_context {
            runs_within(sentence, &part, changes)
        } else {
            vec![Run {
                text: &sentence[part],
                changed: false,
            }]
        },
    })
    .collect()
}

/// Whether at most half of the text around the figure (counted in letters and digits)
/// differs from the compared sentence. Two reports that word the rest of the sentence
/// alike are worth marking word by word ("in Miami" / "in Geneva"); two that share
/// little but the figure would be marked almost whole, which says nothing.
fn context_agrees(sentence: &str, figure: &Range<usize>, changes: &[(Range<usize>, bool)]) -> bool {
    let mut changed = 0;
    let mut all = 0;
    for (span, is_changed) in changes {
        for (at, c) in sentence[span.clone()].char_indices() {
            let at = span.start + at;
            if c.is_alphanumeric() && !figure.contains(&at) {
                all += 1;
                changed += usize::from(*is_changed);
            }
        }
    }
    changed * 2 <= all
}

/// The runs of `sentence[part]`: the changed spans cut to the part and joined, then
/// each changed run trimmed to start and end on a letter or digit (and joined again).
/// Each step passes its runs on as they are complete, with no list in between.
fn runs_within<'a>(
    sentence: &'a str,
    part: &Range<usize>,
    changes: &[(Range<usize>, bool)],
) -> Vec<Run<'a>> {
    let mut cut = Joined::default();
    let mut runs = TrimmedRuns {
        sentence,
        joined: Joined::default(),
        runs: Vec::new(),
    };
    for (span, changed) in changes {
        let span = span.start.max(part.start)..span.end.min(part.end);
        if let Some(run) = cut.add(span, *changed) {
            runs.add(run);
        }
    }
    if let Some(run) = cut.last.take() {
        runs.add(run);
    }
    runs.finish()
}

/// Adjacent spans with the same flag joined into one; empty spans dropped.
#[derive(Default)]
struct Joined {
    last: Option<(Range<usize>, bool)>,
}

impl Joined {
    /// Adds the next span; gives back the run it ends, if it starts a new one.
    fn add(&mut self, span: Range<usize>, flag: bool) -> Option<(Range<usize>, bool)> {
        if span.is_empty() {
            return None;
        }
        match &mut self.last {
            Some((last, last_flag)) if *last_flag == flag && last.end == span.start => {
                last.end = span.end;
                None
            }
            _ => self.last.replace((span, flag)),
        }
    }
}

/// Runs of a sentence with each changed one trimmed to its letters and digits, joined.
struct TrimmedRuns<'a> {
    sentence: &'a str,
    joined: Joined,
    runs: Vec<Run<'a>>,
}

impl<'a> TrimmedRuns<'a> {
    fn add(&mut self, (span, changed): (Range<usize>, bool)) {
        match alphanumeric_bounds(&self.sentence[span.clone()]).filter(|_| changed) {
            None => self.push(span, false),
            Some(inner) => {
                self.push(span.start..span.start + inner.start, false);
                self.push(span.start + inner.start..span.start + inner.end, true);
                self.push(span.start + inner.end..span.end, false);
            }
        }
    }

    fn push(&mut self, span: Range<usize>, changed: bool) {
        if let Some(run) = self.joined.add(span, changed) {
            self.emit(run);
        }
    }

    fn emit(&mut self, (span, changed): (Range<usize>, bool)) {
        self.runs.push(Run {
            text: &self.sentence[span],
            changed,
        });
    }

    fn finish(mut self) -> Vec<Run<'a>> {
        if let Some(run) = self.joined.last.take() {
            self.emit(run);
        }
        self.runs
    }
}

/// The span of `text` from its first to its last letter or digit, if it has any.
fn alphanumeric_bounds(text: &str) -> Option<Range<usize>> {
    let first = text.find(char::is_alphanumeric)?;
    let (last, c) = text
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())?;
    Some(first..last + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `sentence` as the text before the figure, the figure and the text after it, with
    /// the words that differ from `compared` marked.
    fn marked_sentence<'a>(
        sentence: &'a str,
        figure: Range<usize>,
        compared: &str,
    ) -> Vec<SentencePart<'a>> {
        let changes = Comparisons::default()
            .changed_spans(sentence, compared)
            .clone();
        marked_parts(sentence, figure, &changes)
    }

    fn shown(parts: &[SentencePart]) -> String {
        parts
            .iter()
            .map(|part| {
                let inner: String = part
                    .runs
                    .iter()
                    .map(|r| {
                        if r.changed {
                            format!("[{}]", r.text)
                        } else {
                            r.text.to_string()
                        }
                    })
                    .collect();
                if part.figure {
                    format!("{{{inner}}}")
                } else {
                    inner
                }
            })
            .collect()
    }

    #[test]
    fn differing_words_are_marked_inside_and_around_the_figure() {
        let sentence = "Talks lasted three days in Miami, officials said.";
        let compared = "Talks lasted two days in Geneva, officials said.";
        let start = sentence.find("three").unwrap();
        let parts = marked_sentence(sentence, start..start + "three days".len(), compared);
        assert_eq!(
            shown(&parts),
            "Talks lasted {[three] days} in [Miami], officials said."
        );
    }

    #[test]
    fn sentences_that_share_only_the_figure_are_marked_inside_it_only() {
        let sentence = "Three days of negotiations between Ukrainian and US officials ended without a breakthrough.";
        let compared = "In Florida, US envoy Steve Witkoff said two days of talks with Umerov were constructive.";
        let figure = 0.."Three days of negotiations".len();
        let parts = marked_sentence(sentence, figure, compared);
        assert_eq!(
            shown(&parts),
            "{[Three] days of [negotiations]} between Ukrainian and US officials ended without a breakthrough."
        );
    }

    #[test]
    fn punctuation_and_spaces_are_never_the_edge_of_a_change() {
        let sentence = "He said “constructive.” Then left";
        let compared = "He said nothing. Then left";
        // (Most of the sentence agrees, so the words around the figure are marked.)
        let parts = marked_sentence(sentence, 0..2, compared);
        assert_eq!(shown(&parts), "{He} said “[constructive].” Then left");
        for run in parts.iter().flat_map(|p| &p.runs).filter(|r| r.changed) {
            assert!(run.text.starts_with(char::is_alphanumeric), "{run:?}");
            assert!(run.text.ends_with(char::is_alphanumeric), "{run:?}");
        }
    }

    /// The words the hook marks are exactly the inserted and replaced ones of
    /// `similar::capture_diff_slices`, on random sequences with many repeats.
    #[test]
    fn the_hook_marks_what_similar_captures_as_inserted() {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut random_words = |len: u64| -> Vec<u32> {
            (0..len)
                .map(|_| (crate::test_random::next(&mut seed) % 6) as u32)
                .collect()
        };
        for round in 0..5_000u64 {
            let old = random_words(round % 23);
            let new = random_words(round % 29);
            let mut marked = vec![false; new.len()];
            mark_inserted(&old, &new, &mut marked);
            let mut captured = vec![false; new.len()];
            for op in similar::capture_diff_slices(Algorithm::Patience, &old, &new) {
                let (tag, _, range) = op.as_tag_tuple();
                if matches!(tag, similar::DiffTag::Insert | similar::DiffTag::Replace) {
                    captured[range].fill(true);
                }
            }
            assert_eq!(marked, captured, "{old:?} -> {new:?}");
        }
    }

    #[test]
    fn ascii_words_are_found_as_by_word_bounds() {
        // Every ASCII class the word-break rules treat apart, in random strings.
        let alphabet = b"aZ09_.,;:'\" \t\r\n\x0b-!/()";
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut text = String::new();
        for round in 0..200_000 {
            text.clear();
            for _ in 0..round % 24 {
                crate::test_random::next(&mut seed);
                text.push(char::from(
                    alphabet[(seed % alphabet.len() as u64) as usize],
                ));
            }
            assert_eq!(word_spans(&text), word_spans_by_bounds(&text), "{text:?}");
        }
    }

    #[test]
    fn words_are_unicode_words_with_a_letter_or_digit() {
        let sentence = "U.S. officials' 1,000.5 — “talks” don't";
        let words: Vec<&str> = word_spans(sentence)
            .into_iter()
            .map(|w| &sentence[w])
            .collect();
        assert_eq!(words, ["U.S", "officials", "1,000.5", "talks", "don't"]);
    }

    #[test]
    fn identical_sentences_mark_nothing_and_bad_spans_fall_back() {
        let sentence = "Three days of talks ended.";
        let parts = marked_sentence(sentence, 0..sentence.len(), sentence);
        assert_eq!(parts.len(), 1);
        assert!(parts[0].runs.iter().all(|r| !r.changed));
        assert_eq!(shown(&marked_sentence("", 0..0, "x")), "");
        let alone = marked_sentence(sentence, 0..5, "");
        assert!(alone.iter().flat_map(|p| &p.runs).all(|r| !r.changed));
    }
}
