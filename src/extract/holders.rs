//! Holders: whose a figure is, where a name says so. "Richard Carter scored 14 points",
//! "13 points from Seth VanDeest" and "Manning's one-yard pass" give each figure to a
//! named person, team or company; two figures given to different names are two
//! measures, however alike their words ("Carter scored 14 points" and "Seth VanDeest
//! scored 13 points"). A figure with no name of its own has no holder, and is compared
//! as before: most counts of what befell people ("Police say four people were shot")
//! have none.
//!
//! This file reads the holder; whether two holders are one is `figures`' question
//! ([`crate::extract::holders_differ`]).

use std::borrow::Cow;

use crate::text::clauses::is_reporting_verb;
use crate::text::terms::{Key, Word, gap_before, is_stop_word};

use super::days::{MONTH_NAMES, WEEKDAYS};
use super::qualifiers::QUALIFIERS;
use super::units::counts_people;

/// Words that may stand between a verb and the figure it has as object: "completed
/// 29 of 34 passes", "landed 28 of his 68 punches", "finished with 20 points",
/// "connected on just 30 of 207 punches".
const BETWEEN_VERB_AND_FIGURE: &[&str] = &[
    "a", "an", "the", "his", "her", "their", "its", "just", "only", "with", "on", "of", "for",
    "also",
];

/// Nouns for a body of people that open a sentence without an article ("Police shot
/// two men"): not names.
const COLLECTIVE_NOUNS: &[&str] = &["police", "staff", "security", "management", "government"];

/// Auxiliaries and adverbs that may stand between a name and its verb: "Carter has
/// scored", "Bush also caught".
const BETWEEN_NAME_AND_VERB: &[&str] = &["has", "had", "have", "also", "then", "again"];

/// The holder of a figure whose words run from `first` (its qualifier included) to
/// `end` (the word after its unit), as the lower-cased name: a possessive right before
/// it ("Manning's one-yard pass"), "by" or "from" a name right after it ("a 2-yard run
/// by Garrard"), or the name whose verb has it as object ("Klitschko landed 28 of his
/// 68 punches").
pub(super) fn holder_of(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    first: usize,
    end: usize,
) -> Option<Key> {
    possessive_before(sentence, words, lower, first)
        .or_else(|| name_after(sentence, words, lower, end))
        .or_else(|| subject_of_verb_before(sentence, words, lower, first))
}

/// "Manning's one-yard pass": the name whose possessive stands right before the figure.
fn possessive_before(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    first: usize,
) -> Option<Key> {
    let k = first.checked_sub(1)?;
    let stem = words[k].text.strip_suffix("'s")?;
    let lower_stem = lower[k].get(..stem.len())?;
    if !looks_like_name(stem, lower_stem) {
        return None;
    }
    let first_of_name = name_start(sentence, words, lower, k);
    let mut name: Vec<&str> = (first_of_name..k).map(|j| lower[j].as_ref()).collect();
    name.push(lower_stem);
    Some(Key::new(&name.join(" ")))
}

/// "13 points from Seth VanDeest", "a 2-yard touchdown run by Garrard": the name after
/// "by" or "from" right after the figure (or after the one noun its unit qualifies).
fn name_after(sentence: &str, words: &[Word], lower: &[Cow<str>], end: usize) -> Option<Key> {
    let word = |k: usize| lower.get(k).map_or("", |w| w.as_ref());
    let joint = (end..end + 3)
        .take_while(|&k| k < words.len() && is_lowercase(&words[k]))
        .find(|&k| matches!(word(k), "by" | "from"))?;
    let first = joint + 1;
    let mut last = first;
    while last < words.len()
        && is_name_word(&words[last], word(last))
        && (last == first || gap_before(sentence, words, last) == " ")
    {
        last += 1;
    }
    (last > first).then(|| joined(lower, first, last))
}

/// "Richard Carter scored 14 points", "Seth VanDeest led Drake with 13 points": the
/// name right before the verb of which the figure is the object, with only articles,
/// possessives and prepositions between verb and figure (and, before "with", the verb's
/// own object). The verb is no reporting verb ("Police say four people were shot" is
/// not the police's count).
fn subject_of_verb_before(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    first: usize,
) -> Option<Key> {
    let word = |k: usize| lower.get(k).map_or("", |w| w.as_ref());
    let is_between = |k: usize| {
        let w = word(k);
        BETWEEN_VERB_AND_FIGURE.contains(&w)
            || QUALIFIERS.iter().any(|(phrase, _)| phrase.contains(&w))
            || w.starts_with(|c: char| c.is_ascii_digit())
    };
    let mut k = first.checked_sub(1)?;
    while is_between(k) && !has_clause_break_before(sentence, words, k + 1) {
        k = k.checked_sub(1)?;
    }
    if has_clause_break_before(sentence, words, k + 1) {
        return None;
    }
    // "finished the game with 20 points", "led Drake with 13 points": the verb's own
    // object stands before "with".
    let objects = if word(k + 1) == "with" { 3 } else { 0 };
    (k.saturating_sub(objects)..=k)
        .rev()
        .take_while(|&verb| verb == k || !has_clause_break_before(sentence, words, verb + 1))
        .find_map(|verb| name_before_verb(sentence, words, lower, verb))
}

/// The name that is the subject of the verb at word `verb`: "Carter has scored",
/// "Bush also caught".
fn name_before_verb(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    verb: usize,
) -> Option<Key> {
    let word = |k: usize| lower.get(k).map_or("", |w| w.as_ref());
    let is_verb = is_lowercase(&words[verb])
        && word(verb).chars().all(|c| c.is_ascii_alphabetic())
        && !is_stop_word(word(verb))
        && !is_reporting_verb(word(verb));
    if !is_verb {
        return None;
    }
    let mut last = verb.checked_sub(1)?;
    while BETWEEN_NAME_AND_VERB.contains(&word(last)) {
        last = last.checked_sub(1)?;
    }
    if !is_name_word(&words[last], word(last)) || gap_before(sentence, words, last + 1) != " " {
        return None;
    }
    let first_of_name = name_start(sentence, words, lower, last);
    // A lone capitalised word that opens the sentence is a name unless it is a plural
    // or a noun for people ("Shares rose 5 percent", "Police shot two men"): surnames
    // open sports and crime reports ("Garrard completed 28 of 41 passes").
    let lone_opening = first_of_name == last && last == 0;
    if lone_opening
        && (word(last).ends_with('s')
            || counts_people(word(last))
            || COLLECTIVE_NOUNS.contains(&word(last)))
    {
        return None;
    }
    Some(joined(lower, first_of_name, last + 1))
}

/// The first word of the run of name words that ends at `last`.
fn name_start(sentence: &str, words: &[Word], lower: &[Cow<str>], last: usize) -> usize {
    let mut first = last;
    while first > 0
        && is_name_word(&words[first - 1], &lower[first - 1])
        && gap_before(sentence, words, first) == " "
    {
        first -= 1;
    }
    first
}

/// True when a punctuation mark stands before word `k`: what follows belongs to another
/// clause than the name before.
fn has_clause_break_before(sentence: &str, words: &[Word], k: usize) -> bool {
    k < words.len() && gap_before(sentence, words, k).trim() != ""
}

fn is_lowercase(word: &Word) -> bool {
    word.text.starts_with(|c: char| c.is_lowercase())
}

fn is_name_word(word: &Word, lower: &str) -> bool {
    looks_like_name(word.text, lower)
}

/// A capitalised word that may be part of a name: not a stop word ("The", "He"), a
/// month or a weekday.
fn looks_like_name(text: &str, lower: &str) -> bool {
    text.starts_with(|c: char| c.is_uppercase())
        && text.chars().all(|c| c.is_alphabetic())
        && !is_stop_word(lower)
        && !MONTH_NAMES.contains(&lower)
        && !WEEKDAYS.contains(&lower)
}

fn joined(lower: &[Cow<str>], first: usize, end: usize) -> Key {
    let name: Vec<&str> = lower[first..end].iter().map(|w| w.as_ref()).collect();
    Key::new(&name.join(" "))
}

/// True when two figures are given to names that share no word: "Richard Carter" and
/// "Seth VanDeest" score different points; "Carter" and "Richard Carter" are one.
pub fn holders_differ(a: Option<&Key>, b: Option<&Key>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => !a.split(' ').any(|w| b.split(' ').any(|v| v == w)),
        _ => false,
    }
}
