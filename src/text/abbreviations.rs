//! Word lists the sentence splitter consults: abbreviations that never end a sentence,
//! ones that may, month abbreviations, and the words that typically open a sentence.
//! Kept as data so they can grow without touching the splitter.

/// Titles and the like: always followed by a name or number, so never a sentence end.
const NEVER_ENDS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "gov",
    "sen", "rep", "pres", "rev", "hon", "messrs", "mt", "ft", "st", "vs", "approx", "e.g", "i.e",
    "cf", "al", "brig", "maj", "supt", "det", "insp",
];

/// Abbreviations that often close a sentence ("… of Apple Inc. The company …").
const MAY_END: &[&str] = &["inc", "ltd", "co", "corp", "jr", "sr", "bros", "plc", "etc"];

/// Abbreviations that stand before a number: months ("Dec. 7") and "No. 5".
const BEFORE_NUMBER: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "nos", "vol", "fig", "p", "pp", "art",
];

/// Words that commonly begin a sentence; after an ambiguous "U.S." they signal a new one.
const SENTENCE_STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "but",
    "and",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "there",
    "in",
    "on",
    "at",
    "for",
    "as",
    "after",
    "before",
    "while",
    "when",
    "if",
    "however",
    "meanwhile",
    "yet",
    "still",
    "his",
    "her",
    "its",
    "their",
    "our",
    "officials",
    "some",
    "many",
    "most",
    "no",
    "not",
    "so",
    "then",
    "also",
    "according",
    "despite",
    "although",
    "since",
    "with",
    "from",
    "by",
    "to",
    "of",
];

/// True when the word, in lower case, is in the list. An ASCII word is compared
/// ignoring ASCII case, which for ASCII is lower-casing, without a new string.
fn listed(list: &[&str], word: &str) -> bool {
    if word.is_ascii() {
        list.iter().any(|entry| entry.eq_ignore_ascii_case(word))
    } else {
        list.contains(&word.to_lowercase().as_str())
    }
}

pub fn never_ends_sentence(word: &str) -> bool {
    listed(NEVER_ENDS, word)
}

pub fn may_end_sentence(word: &str) -> bool {
    listed(MAY_END, word)
}

pub fn stands_before_number(word: &str) -> bool {
    listed(BEFORE_NUMBER, word)
}

pub fn starts_sentence(word: &str) -> bool {
    listed(SENTENCE_STARTERS, word)
}
