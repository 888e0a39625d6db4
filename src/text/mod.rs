//! Text stage: turns an article's plain text into blocks (headings, paragraphs, list
//! items) and sentences.
//!
//! It owns the layout rules (a short line without a final full stop is a heading; a
//! lone "-" line starts a list item) and the sentence splitter, which is safe around
//! abbreviations ("U.S.", "Mr."), initials, decimals and quotations that end a
//! sentence. It also owns the word-level view of a sentence used by later stages
//! ([`terms`]). It does not read figures or names: that is `extract`.

mod abbreviations;
pub mod boilerplate;
pub mod clauses;
pub mod key;
pub mod terms;

use std::sync::Arc;

use serde::Serialize;

/// What role a block of text plays in an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BlockKind {
    Heading,
    Paragraph,
    ListItem,
}

/// A heading, paragraph or list item, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
}

/// One sentence of an article's body, with where it sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence as written, trimmed; shared, since the digest's entries quote it
    /// as it is (a copy of every sentence at the end of a large run was the run's
    /// peak memory).
    pub text: Arc<str>,
    /// Index of the block it came from. Both places are `u32`: a run holds millions
    /// of sentences, and an article's text is truncated far below 4 GiB on input.
    pub block: u32,
    /// Position of the sentence in the article, from 0.
    pub ordinal: u32,
}

/// An article's text split into blocks and sentences.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
}

/// Splits an article body into blocks and the sentences of its paragraphs and list items.
pub fn layout_of(text: &str) -> Layout {
    let blocks = blocks_of(text);
    let mut sentences = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        if block.kind == BlockKind::Heading {
            continue;
        }
        for sentence in split_sentences(&block.text) {
            sentences.push(Sentence {
                text: Arc::from(sentence),
                block: u32::try_from(index).unwrap_or(u32::MAX),
                ordinal: u32::try_from(sentences.len()).unwrap_or(u32::MAX),
            });
        }
    }
    // A run keeps every article's sentences: not the room that growing the list left.
    sentences.shrink_to_fit();
    Layout { blocks, sentences }
}

/// True when a line reads as a headline or sub-heading. The rule is shared with ingest,
/// which uses it to find a plain-text file's title.
pub fn reads_as_heading(line: &str) -> bool {
    crate::headline::reads_as_headline(line)
}

fn blocks_of(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut blocks: Vec<Block> = Vec::new();
    let mut bullet_pending = false;
    // A paragraph may be hard-wrapped over several lines; `open` says whether the last
    // block can still take a continuation line.
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            open = false;
            continue;
        }
        if is_bullet_marker(line) {
            bullet_pending = true;
            open = false;
            continue;
        }
        if let Some(item) = bulleted_item(line) {
            blocks.push(Block {
                kind: BlockKind::ListItem,
                text: item.to_string(),
            });
            open = false;
            continue;
        }
        if bullet_pending {
            bullet_pending = false;
            blocks.push(Block {
                kind: BlockKind::ListItem,
                text: line.to_string(),
            });
            open = false;
            continue;
        }
        let starts_lower = line.chars().next().is_some_and(char::is_lowercase);
        if open
            && starts_lower
            && let Some(last) = blocks.last_mut()
        {
            last.text.push(' ');
            last.text.push_str(line);
            continue;
        }
        let next_continues = lines
            .get(i + 1)
            .and_then(|next| next.chars().next())
            .is_some_and(char::is_lowercase);
        if reads_as_heading(line) && !next_continues {
            blocks.push(Block {
                kind: BlockKind::Heading,
                text: line.to_string(),
            });
            open = false;
        } else {
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                text: line.to_string(),
            });
            open = !ends_sentence(line);
        }
    }
    blocks
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(is_closing_char)
        .ends_with(['.', '!', '?', '…', ':'])
}

fn is_bullet_marker(line: &str) -> bool {
    matches!(line, "-" | "*" | "•" | "–" | "·")
}

fn bulleted_item(line: &str) -> Option<&str> {
    ["- ", "* ", "• ", "– ", "· "]
        .iter()
        .find_map(|marker| line.strip_prefix(marker))
        .map(str::trim)
        .filter(|rest| !rest.is_empty())
}

fn is_closing_char(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '›')
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '‹')
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Splits one paragraph into sentences, as borrowed, trimmed slices.
pub fn split_sentences(paragraph: &str) -> Vec<&str> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while let Some(pos) = next_terminator_at(paragraph, at) {
        let mut run = 0;
        let mut j = pos;
        while let Some(c) = char_at(paragraph, j).filter(|&c| is_terminator(c)) {
            j += c.len_utf8();
            run += 1;
        }
        let mut k = j;
        while let Some(c) = char_at(paragraph, k).filter(|&c| is_closing_char(c)) {
            k += c.len_utf8();
        }
        at = k;
        if char_at(paragraph, k).is_some_and(|c| !c.is_whitespace()) {
            continue;
        }
        let end = k;
        let next_word = paragraph[end..].trim_start();
        let single_period = paragraph.as_bytes()[pos] == b'.' && run == 1;
        if is_boundary(&paragraph[start..pos], next_word, single_period) {
            let sentence = paragraph[start..end].trim();
            if !sentence.is_empty() {
                sentences.push(sentence);
            }
            start = end;
        }
    }
    let rest = paragraph[start..].trim();
    if !rest.is_empty() {
        sentences.push(rest);
    }
    sentences
}

/// The byte offset of the first terminator at or after `at`. Bytes are scanned, not
/// characters: '.', '!' and '?' are ASCII, whose bytes occur in no other character, and
/// a byte that starts '…' is read as a character to be sure.
fn next_terminator_at(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = at;
    loop {
        let found = from
            + bytes
                .get(from..)?
                .iter()
                .position(|&b| matches!(b, b'.' | b'!' | b'?' | ELLIPSIS_LEAD))?;
        if bytes[found] != ELLIPSIS_LEAD || char_at(text, found) == Some('…') {
            return Some(found);
        }
        from = found + 1;
    }
}

/// The first byte of '…' in UTF-8.
const ELLIPSIS_LEAD: u8 = 0xE2;

/// The character starting at byte `at`, if any.
fn char_at(text: &str, at: usize) -> Option<char> {
    match text.as_bytes().get(at) {
        Some(&byte) if byte.is_ascii() => Some(char::from(byte)),
        Some(_) => text.get(at..)?.chars().next(),
        None => None,
    }
}

/// Decides whether a terminator ends the sentence, given the text before it and the text
/// after the following whitespace.
fn is_boundary(before: &str, after: &str, single_period: bool) -> bool {
    let Some(next) = after.chars().next() else {
        return true;
    };
    if next.is_lowercase() {
        return false;
    }
    if !single_period {
        return true;
    }
    let word = last_word(before);
    let next_word = first_word(after);
    if abbreviations::never_ends_sentence(word) {
        return false;
    }
    if abbreviations::stands_before_number(word) && next.is_ascii_digit() {
        return false;
    }
    if is_initial(word) {
        return false;
    }
    if is_dotted_acronym(word) || abbreviations::may_end_sentence(word) {
        return abbreviations::starts_sentence(next_word);
    }
    true
}

/// The word right before a full stop, dots inside it included ("U.S", "Mr").
fn last_word(before: &str) -> &str {
    let trimmed = before.trim_end();
    let start = trimmed
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |p| {
            p + trimmed[p..].chars().next().map_or(1, char::len_utf8)
        });
    &trimmed[start..]
}

fn first_word(after: &str) -> &str {
    let after = after.trim_start_matches(is_opening_quote);
    let end = after
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(after.len());
    &after[..end]
}

/// A single capital letter, as in "J. Smith".
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Letters separated by dots, as in "U.S" or "a.m" (the final dot is not included).
fn is_dotted_acronym(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|part| part.chars().count() <= 2 && part.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text)
    }

    /// The splitter as first written, over a vector of characters.
    fn split_by_chars(paragraph: &str) -> Vec<&str> {
        let mut sentences = Vec::new();
        let mut start = 0;
        let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (pos, c) = chars[i];
            if !is_terminator(c) {
                i += 1;
                continue;
            }
            let run_start = i;
            let mut j = i;
            while j < chars.len() && is_terminator(chars[j].1) {
                j += 1;
            }
            let mut k = j;
            while k < chars.len() && is_closing_char(chars[k].1) {
                k += 1;
            }
            let end = chars.get(k).map_or(paragraph.len(), |&(p, _)| p);
            if k < chars.len() && !chars[k].1.is_whitespace() {
                i = k.max(i + 1);
                continue;
            }
            let next_word = paragraph[end..].trim_start();
            let single_period = c == '.' && j - run_start == 1;
            if is_boundary(&paragraph[start..pos], next_word, single_period) {
                let sentence = paragraph[start..end].trim();
                if !sentence.is_empty() {
                    sentences.push(sentence);
                }
                start = end;
            }
            i = k.max(i + 1);
        }
        let rest = paragraph[start..].trim();
        if !rest.is_empty() {
            sentences.push(rest);
        }
        sentences
    }

    #[test]
    fn splitting_by_bytes_splits_as_by_characters() {
        let mut paragraphs: Vec<String> = [
            "",
            "…",
            "Wait… What?! He said “No.” Then ‘yes.’ (Really.) [Done.] »Ende.« Next",
            "It rose 2.5%. Mr. Smith met J. Doe at 10 a.m. Sunday. The U.S. The end…",
            "Inc. The company. İstanbul grew. Ǆemal left.\u{a0}Then\u{2003}more.\u{85}X.",
            "a.b.c. d!? e?!. f.\u{2026}\u{2026} g—h. “Quote.”\tNext. ... !!! ???",
            "ends with a terminator then closers.”’)",
        ]
        .map(str::to_string)
        .to_vec();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in [root.join("samples"), root.join("../shared/corpus/seeds")] {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                if let Ok(text) = std::fs::read_to_string(entry.path()) {
                    paragraphs.extend(text.lines().map(str::to_string));
                }
            }
        }
        for paragraph in &paragraphs {
            assert_eq!(split(paragraph), split_by_chars(paragraph), "{paragraph:?}");
        }
    }

    #[test]
    fn us_inside_a_sentence_is_not_a_boundary() {
        assert_eq!(
            split("U.S. and Ukrainian officials reported progress. Talks go on."),
            vec![
                "U.S. and Ukrainian officials reported progress.",
                "Talks go on."
            ]
        );
        assert_eq!(
            split("He met U.S. Secretary Rubio. Then he left."),
            vec!["He met U.S. Secretary Rubio.", "Then he left."]
        );
    }

    #[test]
    fn us_at_the_end_of_a_sentence_is_a_boundary() {
        assert_eq!(
            split("The money came from the U.S. The audit found it."),
            vec!["The money came from the U.S.", "The audit found it."]
        );
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        assert_eq!(
            split("Mr. Smith met Dr. Jones and J. R. Tolkien. They spoke."),
            vec!["Mr. Smith met Dr. Jones and J. R. Tolkien.", "They spoke."]
        );
    }

    #[test]
    fn decimals_do_not_end_sentences() {
        assert_eq!(
            split("Prices rose 2.5 percent. Oil fell."),
            vec!["Prices rose 2.5 percent.", "Oil fell."]
        );
    }

    #[test]
    fn a_sentence_may_end_inside_quotes() {
        assert_eq!(
            split("He called it “substantive.” However, both sides disagreed."),
            vec![
                "He called it “substantive.”",
                "However, both sides disagreed."
            ]
        );
        assert_eq!(
            split("‘Putin ordered a strike,’ he said. ‘His missiles hit us.’"),
            vec![
                "‘Putin ordered a strike,’ he said.",
                "‘His missiles hit us.’"
            ]
        );
    }

    #[test]
    fn question_and_exclamation_marks_end_sentences() {
        assert_eq!(
            split("Will it hold? Nobody knows! Talks resume."),
            vec!["Will it hold?", "Nobody knows!", "Talks resume."]
        );
    }

    #[test]
    fn months_before_day_numbers_do_not_end_sentences() {
        assert_eq!(
            split("It began on Dec. 7 in Kyiv. It ended."),
            vec!["It began on Dec. 7 in Kyiv.", "It ended."]
        );
    }

    #[test]
    fn lowercase_after_a_period_continues_the_sentence() {
        assert_eq!(
            split("Costs rose, e.g. for fuel. Then fell."),
            vec!["Costs rose, e.g. for fuel.", "Then fell."]
        );
    }

    #[test]
    fn short_lines_without_full_stop_are_headings() {
        let layout = layout_of(
            "First paragraph here.\nRecent Attacks Highlight Ongoing Hostilities\nMore text.",
        );
        let kinds: Vec<BlockKind> = layout.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Paragraph,
                BlockKind::Heading,
                BlockKind::Paragraph
            ]
        );
        assert_eq!(layout.sentences.len(), 2);
    }

    #[test]
    fn lone_dashes_introduce_list_items() {
        let layout = layout_of(
            "Disagreements remain, including:\n-\nSecurity guarantees for Ukraine\n-\nTerritorial concessions\nRussia controls about 20% of Ukraine.",
        );
        let kinds: Vec<BlockKind> = layout.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::Paragraph
            ]
        );
        let texts: Vec<&str> = layout.sentences.iter().map(|s| &*s.text).collect();
        assert_eq!(
            texts,
            vec![
                "Disagreements remain, including:",
                "Security guarantees for Ukraine",
                "Territorial concessions",
                "Russia controls about 20% of Ukraine."
            ]
        );
    }

    #[test]
    fn hard_wrapped_lines_join_into_one_paragraph() {
        let layout = layout_of("The talks in Florida\nwrapped up on Saturday.\n\nNext one.");
        assert_eq!(layout.blocks.len(), 2);
        assert_eq!(
            &*layout.sentences[0].text,
            "The talks in Florida wrapped up on Saturday."
        );
    }

    #[test]
    fn a_quoted_sentence_line_is_not_a_heading() {
        assert!(!reads_as_heading("‘The city is helping.’"));
        assert!(reads_as_heading("Key Issues Remain Unresolved"));
        assert!(!reads_as_heading(
            "Three days of talks ended without a deal."
        ));
    }
}
