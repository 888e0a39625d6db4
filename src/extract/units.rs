//! What a number counts: the unit noun after it, what that unit is "of", and the
//! participle that says what happened to it. English-only word lists, kept as data.

use std::borrow::Cow;

use crate::text::terms::{Word, canonical_key, is_stop_word, number_word_value};

/// The unit found after a number.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundUnit {
    pub unit: String,
    pub complement: Option<String>,
    /// What happened to the people a casualty word counts ("killed", "injured").
    pub role: Option<String>,
    /// The participle after the noun ("drones launched by Russia"): a weaker cue than a
    /// verb before the number, which says what happened in this sentence.
    pub participle: Option<String>,
    /// End byte of the unit phrase (0 when the unit is a symbol already in the number).
    pub end: usize,
}

/// How many words may stand between a number and its noun ("653 Shahed attack drones").
const MAX_MODIFIERS: usize = 3;

/// Adjectives and the like that sit between a number and the noun it counts.
const MODIFIERS: &[&str] = &[
    "more",
    "additional",
    "other",
    "new",
    "large",
    "small",
    "major",
    "minor",
    "key",
    "main",
    "total",
    "further",
    "separate",
    "different",
    "consecutive",
    "straight",
    "full",
    "armed",
    "unmanned",
    "ballistic",
    "cruise",
    "hypersonic",
    "supersonic",
    "attack",
    "combat",
    "long",
    "short",
    "big",
    "massive",
    "senior",
    "top",
    "former",
    "extra",
    "whole",
    "entire",
    "civilian",
    "military",
    "foreign",
    "local",
    "regional",
    "national",
    "international",
    "confirmed",
    "reported",
    "registered",
    "known",
    "recorded",
    "estimated",
    "possible",
    "separate",
    "distinct",
    "successive",
    "straight",
    "critical",
    "heavy",
    "light",
];

/// Words that make a two-word unit with the noun after them.
const UNIT_PREFIXES: &[&str] = &[
    "square",
    "cubic",
    "metric",
    "percentage",
    "basis",
    "light",
    "nautical",
    "per",
];

/// Participles that stand for "people" when they follow a number ("23 injured").
const CASUALTY_WORDS: &[&str] = &[
    "injured",
    "wounded",
    "dead",
    "killed",
    "hurt",
    "missing",
    "displaced",
    "arrested",
    "detained",
    "evacuated",
    "hospitalized",
    "hospitalised",
];

const AUXILIARIES: &[&str] = &[
    "were", "was", "are", "is", "have", "has", "had", "been", "being", "be", "got",
];

/// Past participles that do not end in "-ed" but tell what happened to a count.
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "hit",
    "hurt",
    "shot",
    "struck",
    "shot down",
    "lost",
    "built",
    "sold",
    "taken",
    "held",
    "seen",
    "won",
    "made",
    "brought",
    "caught",
    "fought",
    "spent",
    "sent",
    "left",
];

pub fn is_irregular_participle(word: &str) -> bool {
    IRREGULAR_PARTICIPLES.contains(&word)
}

/// Finds the unit after a number that ends before word `j`.
pub fn unit_after(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    j: usize,
    symbol_unit: Option<&str>,
) -> Option<FoundUnit> {
    if let Some(symbol) = symbol_unit {
        let (complement, end) = complement_at(sentence, words, lower, j).unzip();
        return Some(FoundUnit {
            unit: symbol.to_string(),
            complement,
            role: None,
            participle: None,
            end: end.unwrap_or(0),
        });
    }
    let first = lower.get(j)?;
    if !joins(gap_before(sentence, words, j)) {
        return None;
    }
    if first == "percent" || first == "pct" {
        return Some(unit_with_tail(
            sentence,
            words,
            lower,
            j,
            "percent".to_string(),
        ));
    }
    if first == "per" && lower.get(j + 1).is_some_and(|w| w == "cent") {
        return Some(unit_with_tail(
            sentence,
            words,
            lower,
            j + 1,
            "percent".to_string(),
        ));
    }
    if CASUALTY_WORDS.contains(&first.as_ref()) {
        return Some(FoundUnit {
            unit: "people".to_string(),
            complement: None,
            role: Some(canonical_key(first).to_string()),
            participle: None,
            end: words[j].end,
        });
    }
    if gap_before(sentence, words, j) == "-" && first.chars().all(char::is_alphabetic) {
        return Some(FoundUnit {
            unit: singular(first),
            complement: None,
            role: None,
            participle: None,
            end: words[j].end,
        });
    }
    let mut k = j;
    // "dozens of people", "hundreds of thousands of lives"
    if first == "of" {
        k += 1;
    }
    for _ in 0..=MAX_MODIFIERS {
        let word = lower.get(k)?;
        if k > j && !joins(gap_before(sentence, words, k)) {
            return None;
        }
        if !word.chars().all(char::is_alphabetic) || number_word_value(word).is_some() {
            return None;
        }
        if UNIT_PREFIXES.contains(&word.as_ref())
            && let Some(noun) = lower.get(k + 1)
            && joins(gap_before(sentence, words, k + 1))
        {
            let unit = if word == "percentage" || (word == "per" && noun == "cent") {
                "percent".to_string()
            } else {
                format!("{word} {}", singular(noun))
            };
            return Some(unit_with_tail(sentence, words, lower, k + 1, unit));
        }
        let capitalised = words[k].text.chars().next().is_some_and(char::is_uppercase);
        let next_is_word = lower
            .get(k + 1)
            .is_some_and(|w| w.chars().all(char::is_alphabetic) && !is_stop_word(w))
            && joins(gap_before(sentence, words, k + 1));
        if (MODIFIERS.contains(&word.as_ref()) || capitalised) && next_is_word {
            k += 1;
            continue;
        }
        if is_stop_word(word) || capitalised {
            return None;
        }
        return Some(unit_with_tail(sentence, words, lower, k, singular(word)));
    }
    None
}

/// A unit ending at word `k`, with the complement and participle that may follow it.
fn unit_with_tail(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    k: usize,
    unit: String,
) -> FoundUnit {
    let mut end = words[k].end;
    let complement = complement_at(sentence, words, lower, k + 1).map(|(of, of_end)| {
        end = of_end;
        of
    });
    let participle = participle_after(sentence, words, lower, k + 1);
    FoundUnit {
        unit,
        complement,
        role: None,
        participle,
        end,
    }
}

/// "of negotiations": the canonical head of an "of" phrase starting at word `k`.
fn complement_at(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    k: usize,
) -> Option<(String, usize)> {
    if lower.get(k)? != "of" || !joins(gap_before(sentence, words, k)) {
        return None;
    }
    let mut m = k + 1;
    while m < words.len() && m <= k + 3 {
        if !joins(gap_before(sentence, words, m)) {
            return None;
        }
        let word = &lower[m];
        let determiner = matches!(
            word.as_ref(),
            "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our"
        );
        if determiner || (MODIFIERS.contains(&word.as_ref()) && m < k + 3) {
            m += 1;
            continue;
        }
        if is_stop_word(word) || !word.chars().all(char::is_alphabetic) {
            return None;
        }
        return Some((canonical_key(word).to_string(), words[m].end));
    }
    None
}

/// "29 locations were hit", "eight people injured": the participle after a unit.
fn participle_after(
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
    let participle = (word.ends_with("ed") && word.len() > 4)
        || IRREGULAR_PARTICIPLES.contains(&word.as_ref())
        || CASUALTY_WORDS.contains(&word.as_ref());
    (participle && !is_stop_word(word))
        .then(|| canonical_key(word))
        .filter(|key| *key != "say")
        .map(|key| key.to_string())
}

fn joins(gap: &str) -> bool {
    gap.chars().all(|c| c == ' ' || c == '-' || c == '\u{a0}')
}

fn gap_before<'a>(sentence: &'a str, words: &[Word], i: usize) -> &'a str {
    let start = if i == 0 { 0 } else { words[i - 1].end };
    &sentence[start..words[i].start]
}

/// The singular of an English noun, for the common plural patterns in news.
pub fn singular(noun: &str) -> String {
    match noun {
        "people" | "persons" => return "people".to_string(),
        "children" => return "child".to_string(),
        "men" => return "man".to_string(),
        "women" => return "woman".to_string(),
        "lives" => return "life".to_string(),
        "feet" => return "foot".to_string(),
        "news" | "series" | "species" | "data" => return noun.to_string(),
        _ => {}
    }
    if let Some(stem) = noun.strip_suffix("ies").filter(|s| s.len() > 1) {
        return format!("{stem}y");
    }
    for ending in ["sses", "xes", "ches", "shes", "zes"] {
        if noun.ends_with(ending) {
            return noun[..noun.len() - 2].to_string();
        }
    }
    if noun.ends_with('s')
        && !noun.ends_with("ss")
        && !noun.ends_with("us")
        && !noun.ends_with("is")
        && noun.len() > 3
    {
        return noun[..noun.len() - 1].to_string();
    }
    noun.to_string()
}

/// The plural used in reader-facing labels ("drones", "days of talk").
pub fn plural(unit: &str) -> String {
    match unit {
        "people" | "percent" | "°C" | "°F" => return unit.to_string(),
        "child" => return "children".to_string(),
        "life" => return "lives".to_string(),
        _ => {}
    }
    if let Some(stem) = unit.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'o', 'u'])
    {
        return format!("{stem}ies");
    }
    if unit.ends_with(['s', 'x']) || unit.ends_with("ch") || unit.ends_with("sh") {
        return format!("{unit}es");
    }
    format!("{unit}s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singular_handles_news_plurals() {
        assert_eq!(singular("drones"), "drone");
        assert_eq!(singular("casualties"), "casualty");
        assert_eq!(singular("kilometers"), "kilometer");
        assert_eq!(singular("people"), "people");
        assert_eq!(singular("lives"), "life");
        assert_eq!(singular("status"), "status");
    }

    #[test]
    fn plural_reverses_singular_for_labels() {
        assert_eq!(plural("day"), "days");
        assert_eq!(plural("casualty"), "casualties");
        assert_eq!(plural("people"), "people");
    }
}
