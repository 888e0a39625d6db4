//! Roles: what happened to what a figure counts ("launched 653 drones", "585 were
//! intercepted"), as a canonical verb, and which roles are distinct from each other
//! ("killed" and "injured" people are never one count).
//!
//! The role after the unit (a participle) is read with the unit in [`super::units`];
//! this file reads the verb before the number and the role a coordinated figure
//! inherits ("653 drones and 51 missiles").

use std::borrow::Cow;

use crate::text::terms::{Word, canonical_key, is_stop_word};

use super::Quantity;
use super::qualifiers::QUALIFIERS;

/// The nearest content word before the number, when it says what happened to the
/// count: a participle or verb ("launched 653", "intercepted 585"), an action noun of a
/// known class, or the head of an "of" phrase ("barrage of 370"). Reporting verbs say who
/// stated the figure, not what happened to it, so they are not roles.
pub(super) fn verb_before(
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
    // previous count's.
    if lower[k + 1..first_word]
        .iter()
        .any(|w| matches!(w.as_ref(), "and" | "or" | "but"))
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
