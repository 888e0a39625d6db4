//! Roles: what happened to what a figure counts ("launched 653 drones", "585 were
//! intercepted"), as a canonical verb, and which roles are distinct from each other
//! ("killed" and "injured" people are never one count).
//!
//! The verb before the number, the participle after its unit ("drones launched"; the
//! unit itself is read in [`super::units`], which asks for it), a later fate the clause
//! gives the count ("taken to the hospital had been discharged"), and the role a
//! coordinated figure inherits ("653 drones and 51 missiles").

use std::borrow::Cow;

use crate::text::terms::{Word, canonical_key, gap_before, is_stop_word};

use super::Quantity;
use super::qualifiers::QUALIFIERS;
use super::units::{AUXILIARIES, CASUALTY_WORDS, IRREGULAR_PARTICIPLES, joins};

/// The nearest content word before the number, when it says what happened to the
/// count: a participle or verb ("launched 653", "intercepted 585"), an action noun of a
/// known class, or the head of an "of" phrase ("barrage of 370"). Reporting verbs say who
/// stated the figure, not what happened to it, so they are not roles.
pub(super) fn verb_before(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    first_word: usize,
    qualified: bool,
) -> Option<String> {
    // "closed up $1.64", "was down 8 percent": the particle says which way it moved.
    if let Some(particle) = first_word.checked_sub(1).and_then(|k| lower.get(k)) {
        match particle.as_ref() {
            "up" => return Some(canonical_key("rose").to_string()),
            "down" => return Some(canonical_key("fell").to_string()),
            _ => {}
        }
    }
    let qualifier_words = if qualified { 3 } else { 0 };
    let start = first_word.saturating_sub(qualifier_words + 3);
    let k = (start..first_word).rev().find(|&k| {
        let w = lower[k].as_ref();
        !is_stop_word(w) && !QUALIFIERS.iter().any(|(p, _)| p.contains(&w))
    })?;
    // "three were killed and two others were hurt": a verb before "and" is the
    // previous count's; so is one a comma or dash parts from the number ("In addition
    // to the six killed, three others were injured").
    if lower[k + 1..first_word]
        .iter()
        .any(|w| matches!(w.as_ref(), "and" | "or" | "but"))
        || (k + 1..=first_word).any(|m| parts_clauses(gap_before(sentence, words, m)))
    {
        return None;
    }
    let word = lower[k].as_ref();
    let lowercase = words[k].text.chars().next().is_some_and(char::is_lowercase);
    if !lowercase || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    // "left eight people injured": a light verb says nothing of what happened; the
    // participle after the noun does.
    if LIGHT_VERBS.contains(&word) {
        return None;
    }
    let key = canonical_key(word);
    let role_like = word.ends_with("ed")
        || super::units::is_irregular_participle(word)
        || ROLE_CLASSES.contains(&key.as_str())
        || lower.get(k + 1).is_some_and(|w| w == "of");
    if role_like {
        return (key != "say").then(|| key.to_string());
    }
    verb_before_its_object(words, lower, k, first_word)
}

/// True when the text between two words ends one clause or phrase and begins
/// another: a comma, a colon or semicolon, a bracket or a dash (a currency sign or a
/// quotation mark does not).
fn parts_clauses(gap: &str) -> bool {
    gap.contains([',', ';', ':', '(', ')', '\u{2014}', '\u{2013}']) || gap.contains(" - ")
}

/// "sentenced a man to 30 years": the verb before the object that the number is said
/// "to" of, when the nearest word (`object`, the object's noun) is no verb: a past
/// tense at most three words before that noun, with no "and" between.
fn verb_before_its_object(
    words: &[Word],
    lower: &[Cow<str>],
    object: usize,
    first_word: usize,
) -> Option<String> {
    if first_word == 0 || lower[first_word - 1] != "to" {
        return None;
    }
    (object.saturating_sub(3)..object)
        .rev()
        .take_while(|&k| !matches!(lower[k].as_ref(), "and" | "or" | "but"))
        .find(|&k| {
            let w = lower[k].as_ref();
            w.ends_with("ed")
                && words[k].text.starts_with(|c: char| c.is_lowercase())
                && w.chars().all(char::is_alphabetic)
        })
        .map(|k| canonical_key(&lower[k]).to_string())
        .filter(|key| key != "say")
}

/// "29 locations were hit", "eight people injured": the participle after a unit.
pub(super) fn participle_after(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    k: usize,
) -> Option<String> {
    let mut m = k;
    while lower
        .get(m)
        .is_some_and(|w| AUXILIARIES.contains(&w.as_ref()))
    {
        m += 1;
    }
    let word = lower.get(m)?;
    if !joins(gap_before(sentence, words, m)) {
        return None;
    }
    // "one man remains at the hospital": those still there, not all who were taken.
    let participle = (word.ends_with("ed") && word.len() > 4)
        || IRREGULAR_PARTICIPLES.contains(&word.as_ref())
        || CASUALTY_WORDS.contains(&word.as_ref())
        || matches!(word.as_ref(), "remain" | "remains");
    let found = (participle && !is_stop_word(word))
        .then(|| canonical_key(word))
        .filter(|key| *key != "say")
        .map(|key| key.to_string());
    // "Three patients taken to the hospital had been discharged": the participle right
    // after the noun says which people; a later fate the clause gives them is what it
    // counts.
    if found.is_some() && m == k {
        return later_fate_in_clause(sentence, words, lower, m + 1).or(found);
    }
    found
}

/// Fates that end what a participle after a count told of ("wounded" people who "have
/// died", "arrested" men who "were released", patients "taken" to hospital who "had
/// been discharged"), as canonical keys.
const LATER_FATES: &[&str] = &["kill", "discharg", "releas", "freed"];

/// The fate in [`LATER_FATES`] that the main verb of the clause from word `k` gives
/// ("had been discharged", "have since died"), within a few words and before any
/// punctuation.
fn later_fate_in_clause(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    k: usize,
) -> Option<String> {
    const REACH: usize = 8;
    for m in k..(k + REACH).min(words.len()) {
        if !joins(gap_before(sentence, words, m)) {
            return None;
        }
        if !AUXILIARIES.contains(&lower[m].as_ref()) {
            continue;
        }
        let mut v = m + 1;
        while lower.get(v).is_some_and(|w| {
            AUXILIARIES.contains(&w.as_ref())
                || matches!(w.as_ref(), "since" | "later" | "all" | "also")
        }) {
            v += 1;
        }
        let word = lower.get(v)?;
        if !joins(gap_before(sentence, words, v)) {
            return None;
        }
        let key = canonical_key(word);
        return LATER_FATES.contains(&key.as_str()).then(|| key.to_string());
    }
    None
}

/// Verbs that carry no meaning of their own before a count.
const LIGHT_VERBS: &[&str] = &[
    "left", "leaving", "leaves", "saw", "sees", "had", "has", "made", "brought", "put", "got",
];

/// Synonym classes of actions that figures in news are counted by.
const ROLE_CLASSES: &[&str] = &["launch", "attack", "kill", "injure", "buy", "rise", "fall"];

/// Things that happen to what news counts and that are never two words for one thing:
/// "killed" and "injured" people, "launched" and "intercepted" drones.
const DISTINCT_ROLES: &[&str] = &[
    "launch",
    "attack",
    "kill",
    "injure",
    "buy",
    "rise",
    "fall",
    "intercept",
    "destroy",
    "damag",
    "evacu",
    "arrest",
    "displac",
    "rescu",
    "remain",
    "sell",
    "sold",
];

/// Verbs (canonical) by which a figure is what was needed, expected or forecast, not
/// what happened.
const EXPECTATIONS: &[&str] = &["need", "expect", "forecast", "predict"];

/// True when a role (a canonical verb) says a figure was needed, expected or forecast
/// ([`EXPECTATIONS`]): "needed nine points to pass Ford" against "scored 20 points".
pub fn is_expectation(role: &str) -> bool {
    EXPECTATIONS.contains(&role)
}

/// True when a role (a canonical verb) is one of the known, mutually distinct ones.
pub fn is_distinct_role(role: &str) -> bool {
    DISTINCT_ROLES.contains(&role)
}

/// "653 drones and 51 missiles": a figure coordinated with the one before shares what
/// happened to it.
pub(super) fn inherits_role(sentence: &str, previous: &Quantity, next_start: usize) -> bool {
    next_start >= previous.end
        && matches!(
            sentence[previous.end..next_start].trim(),
            "and" | "," | "or" | ", and" | "as well as"
        )
}
