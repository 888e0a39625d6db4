//! What a number counts: the unit noun after it and what that unit is "of"; the
//! participle after the unit that says what happened to it is read by
//! [`super::roles`]. English-only word lists, kept as data.

use std::borrow::Cow;

use crate::extract::Qualifier;
use crate::extract::plurals::{is_plural, singular};
use crate::extract::roles::participle_after;
use crate::text::terms::{
    Word, canonical_key, gap_after, gap_before, is_stop_word, number_word_value, ordinal_word_value,
};

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
    /// The unit counts people ([`counts_people`]).
    pub person: bool,
    /// The number counts part of a group named after it ("seven of the nine
    /// candidates", "17,000 of its workers"), not the group.
    pub part: bool,
}

/// Nouns (singular) that count people. Capitalised plurals ("Iraqis", "Marines",
/// "Democrats") count people too: see [`unit_after`].
const PERSON_NOUNS: &[&str] = &[
    "people",
    "person",
    "individual",
    "other",
    "man",
    "woman",
    "child",
    "kid",
    "boy",
    "girl",
    "adult",
    "teen",
    "teenager",
    "youth",
    "student",
    "resident",
    "civilian",
    "citizen",
    "victim",
    "soldier",
    "troop",
    "officer",
    "worker",
    "employee",
    "passenger",
    "patient",
    "prisoner",
    "inmate",
    "suspect",
    "refugee",
    "migrant",
    "protester",
    "demonstrator",
    "marine",
    "sailor",
    "fighter",
    "militant",
    "rebel",
    "member",
    "staff",
    "immigrant",
    "voter",
    "customer",
    "survivor",
];

/// True when a unit (singular, lower case) counts people.
pub fn counts_people(unit: &str) -> bool {
    PERSON_NOUNS.contains(&unit)
}

/// How many words may stand between a number and its noun ("653 Shahed attack drones").
pub(super) const MAX_MODIFIERS: usize = 3;

/// Adjectives and the like that sit between a number and the noun it counts.
const MODIFIERS: &[&str] = &[
    "such",
    "fellow",
    "young",
    "unidentified",
    "unnamed",
    "alleged",
    "suspected",
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

/// Modifiers that make a count part of a larger one: "two other victims", "380 more
/// airplanes" count what is left or added, not the whole.
const PART_MODIFIERS: &[&str] = &["other", "more", "additional", "further", "remaining"];

/// True when a word that makes a count part of a group comes right before the number:
/// "the other two unions", "the remaining three hostages", "five people, including
/// three children" ("more" there is "more than").
pub(super) fn part_word_before(lower: &[Cow<str>], first_word: usize) -> bool {
    first_word
        .checked_sub(1)
        .and_then(|k| lower.get(k))
        .is_some_and(|w| w == "including" || w != "more" && PART_MODIFIERS.contains(&w.as_ref()))
}

/// True when the word before a count makes it the first or last few of a series ("his
/// first 17 passes", "eight of their last 10 games"): part of all there were.
pub(super) fn subset_word_before(lower: &[Cow<str>], first_word: usize) -> bool {
    first_word
        .checked_sub(1)
        .and_then(|k| lower.get(k))
        .is_some_and(|w| matches!(w.as_ref(), "first" | "last" | "final" | "past" | "next"))
}

/// True for a word (in lower case) by which a count says it is part of a group:
/// "other", "more", "additional", "further", "remaining", "others", "of" ("three of
/// the victims") and "including".
pub fn is_group_word(lower: &str) -> bool {
    PART_MODIFIERS.contains(&lower) || matches!(lower, "others" | "of" | "including")
}

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
pub(super) const CASUALTY_WORDS: &[&str] = &[
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

pub(super) const AUXILIARIES: &[&str] = &[
    "were", "was", "are", "is", "have", "has", "had", "been", "being", "be", "got",
];

/// Past participles that do not end in "-ed" but tell what happened to a count.
pub(super) const IRREGULAR_PARTICIPLES: &[&str] = &[
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

/// Finds the unit after a number that ends before word `j`; `many` says the number is
/// more than one, and so counts a plural noun.
pub fn unit_after(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    j: usize,
    symbol_unit: Option<&str>,
    many: bool,
    whole: bool,
) -> Option<FoundUnit> {
    if let Some(symbol) = symbol_unit {
        // "$250,000 worth of jewelry": what the sum is worth is what it is of.
        let worth =
            lower.get(j).is_some_and(|w| w == "worth") && joins(gap_before(sentence, words, j));
        let (complement, end) =
            complement_at(sentence, words, lower, j + usize::from(worth)).unzip();
        return Some(FoundUnit {
            unit: symbol.to_string(),
            complement,
            role: None,
            participle: None,
            end: end.unwrap_or(0),
            person: false,
            part: false,
        });
    }
    let first = lower.get(j)?;
    if !joins(gap_before(sentence, words, j)) {
        return None;
    }
    if let Some(found) = percent_or_casualty_at(sentence, words, lower, j) {
        return Some(found);
    }
    if gap_before(sentence, words, j) == "-" && first.chars().all(char::is_alphabetic) {
        return compound_unit_at(sentence, words, lower, j);
    }
    noun_unit_from(sentence, words, lower, j, many, whole)
}

/// The unit at word `j` when it is a fixed one: "percent", "per cent", or a casualty
/// word, which counts people and says what happened to them.
fn percent_or_casualty_at(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    j: usize,
) -> Option<FoundUnit> {
    let first = &lower[j];
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
            person: true,
            part: false,
        });
    }
    None
}

/// The unit of a number joined by a hyphen to the word `j` ("a 14-member cell"), or
/// none when that word is capitalised.
fn compound_unit_at(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    j: usize,
) -> Option<FoundUnit> {
    let lowercase = words[j].text.starts_with(|c: char| c.is_lowercase());
    // "32-and 64-bit": a hyphen before "and" waits for the unit after it.
    if !lowercase || is_stop_word(&lower[j]) {
        return None;
    }
    // "a 14-member cell", "a three-stage redeployment": the compound says what the
    // noun after it is like, so that noun is what it measures ("members of the
    // cell"), not any count of the unit, nor of people ("a 2,507-member assembly"
    // is the assembly's size).
    let unit = singular(&lower[j]);
    Some(FoundUnit {
        person: false,
        part: false,
        unit,
        complement: compound_head(sentence, words, lower, j + 1),
        role: None,
        participle: None,
        end: words[j].end,
    })
}

/// What [`unit_word_at`] makes of one word after a number.
enum UnitWord {
    /// The word is the unit (or ends a two-word one).
    Unit(FoundUnit),
    /// The word describes the noun after it: skip this many words.
    Modifier(usize),
    /// No unit here.
    NotAUnit,
}

/// The unit noun after a number, from word `j`, past at most [`MAX_MODIFIERS`] words
/// that describe it ("653 Shahed attack drones").
fn noun_unit_from(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    j: usize,
    many: bool,
    whole: bool,
) -> Option<FoundUnit> {
    let mut k = j;
    let part = many
        .then(|| group_after_of(sentence, words, lower, j))
        .flatten();
    if let Some(group) = part {
        k = group;
    } else if lower[j] == "of" {
        // "dozens of people", "hundreds of thousands of lives"
        k += 1;
        // "0.9 of a share", "0.25 of a percentage point": a part of one thing is
        // counted in that thing.
        if !whole
            && lower
                .get(k)
                .is_some_and(|w| matches!(w.as_ref(), "a" | "an"))
        {
            k += 1;
        }
    }
    let mut more_of = false;
    for _ in 0..=MAX_MODIFIERS {
        let word = lower.get(k)?;
        if k > j && !joins(gap_into(sentence, words, k)) {
            return None;
        }
        let plain_word = word.chars().all(char::is_alphabetic) || is_abbreviation(words[k].text);
        if !plain_word || number_word_value(word).is_some() {
            return None;
        }
        match unit_word_at(sentence, words, lower, k, many, whole) {
            UnitWord::Unit(mut found) => {
                found.part = part.is_some() || more_of || found.unit == "other";
                return Some(found);
            }
            UnitWord::Modifier(skip) => {
                more_of |= PART_MODIFIERS.contains(&word.as_ref());
                k += skip;
            }
            UnitWord::NotAUnit => return None,
        }
    }
    None
}

/// Where the noun of a group starts when a number counts part of it: "seven of the
/// nine candidates", "two of its former managers", "five of his first nine holes",
/// "two of Saddam Hussein's sons". `j` is the word after the number; only "of" and a
/// determiner or a name's possessive make a part.
fn group_after_of(sentence: &str, words: &[Word], lower: &[Cow<str>], j: usize) -> Option<usize> {
    let determiner = lower.get(j + 1).is_some_and(|w| {
        matches!(
            w.as_ref(),
            "the" | "its" | "his" | "her" | "their" | "our" | "these" | "those"
        )
    });
    let owner = (!determiner)
        .then(|| possessive_name_at(sentence, words, lower, j + 1))
        .flatten();
    if lower[j] != "of"
        || !(determiner || owner.is_some())
        || !joins(gap_before(sentence, words, j + 1))
    {
        return None;
    }
    let mut k = owner.map_or(j + 2, |last| last + 1);
    // Whose the group is: "10 of the Saints' 16 games", "five of the company's stores".
    if lower[j + 1] == "the"
        && (lower
            .get(k)
            .is_some_and(|w| w.ends_with("'s") || w.ends_with("\u{2019}s"))
            || k < words.len() && gap_after(sentence, words, k).starts_with(['\'', '\u{2019}']))
    {
        k += 1;
    }
    // The group's own size and rank are not the part's: "of the nine", "of his first".
    if lower
        .get(k)
        .is_some_and(|w| ordinal_word_value(w).is_some())
    {
        k += 1;
    }
    if lower
        .get(k)
        .is_some_and(|w| number_word_value(w).is_some() || w.bytes().all(|b| b.is_ascii_digit()))
    {
        k += 1;
    }
    (k < words.len()).then_some(k)
}

/// The last word of a name in the possessive that starts at word `m`: "Saddam
/// Hussein's", "the Saints'" is read with its determiner. At most three capitalised
/// words.
fn possessive_name_at(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    m: usize,
) -> Option<usize> {
    (m..(m + 3).min(words.len()))
        .take_while(|&k| words[k].text.starts_with(char::is_uppercase))
        .find(|&k| {
            lower[k].ends_with("'s")
                || lower[k].ends_with("\u{2019}s")
                || k + 1 < words.len()
                    && gap_after(sentence, words, k).starts_with(['\'', '\u{2019}'])
        })
}

/// Units of measurement written short: a plural after one is what is measured ("40 mph
/// winds"), not what is counted.
const SHORT_UNITS: &[&str] = &[
    "mph", "kph", "km", "kg", "mg", "lb", "ft", "cm", "mm", "mi", "kw", "mw", "gb", "mb",
];

/// "four boutique outlets", "139 probable cases", "500 clergy sex abuse lawsuits": more
/// than one of a thing is counted by a plural noun, so a word `k` that is not plural,
/// before a plural joined to it by other such words, describes that plural.
fn describes_plural_after(sentence: &str, words: &[Word], lower: &[Cow<str>], k: usize) -> bool {
    let word = lower[k].as_ref();
    if is_plural(word) || is_stop_word(word) || SHORT_UNITS.contains(&word) {
        return false;
    }
    for m in k + 1..(k + 1 + MAX_MODIFIERS).min(words.len()) {
        let next = lower[m].as_ref();
        let plain = gap_before(sentence, words, m) == " "
            && words[m].text.starts_with(|c: char| c.is_lowercase())
            && next.chars().all(char::is_alphabetic)
            && !is_stop_word(next);
        if !plain {
            return false;
        }
        if is_plural(next) {
            return true;
        }
    }
    false
}

/// Reads word `k`, a word of letters after a number, as the unit, a modifier of the
/// noun after it, or neither.
fn unit_word_at(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    k: usize,
    many: bool,
    whole: bool,
) -> UnitWord {
    let word = &lower[k];
    if let Some(found) = two_word_unit_at(sentence, words, lower, k) {
        return UnitWord::Unit(found);
    }
    let capitalised = words[k].text.chars().next().is_some_and(char::is_uppercase);
    if opens_a_model_name(sentence, words, lower, k) {
        return UnitWord::Modifier(2);
    }
    let next = lower
        .get(k + 1)
        .filter(|_| joins(gap_into(sentence, words, k + 1)));
    let next_is_word = next.is_some_and(|w| w.chars().all(char::is_alphabetic) && !is_stop_word(w));
    // "130,000 U.S. troops", "200 IT workers": not the pronoun "us" or "it".
    if is_abbreviation(words[k].text) {
        return if next_is_word {
            UnitWord::Modifier(1)
        } else {
            UnitWord::NotAUnit
        };
    }
    // A noun may go on after a capitalised word ("Shahed attack drones") but not
    // after a capitalised plural, which is the noun itself ("seven Iraqis
    // detained", "4,607 Marines lingering"), unless a plain noun follows ("New
    // York Times reporters").
    let noun_goes_on = next_is_word
        && next.is_some_and(|w| {
            !(w.ends_with("ed") || w.ends_with("ing") || w.ends_with("ly"))
                && words[k + 1].text.starts_with(|c: char| c.is_lowercase())
                || words[k + 1].text.starts_with(|c: char| c.is_uppercase())
        });
    if capitalised && is_plural_name(words[k].text) && !noun_goes_on {
        let mut found = unit_with_tail(sentence, words, lower, k, singular(word));
        found.person = true;
        return UnitWord::Unit(found);
    }
    // "18 suspected cases", "three shooting victims": a participle before a noun
    // describes it.
    let participle_modifier = (word.ends_with("ed") || word.ends_with("ing")) && word.len() > 4;
    if (MODIFIERS.contains(&word.as_ref())
        || capitalised && !is_stop_word(word)
        || participle_modifier)
        && next_is_word
    {
        return UnitWord::Modifier(1);
    }
    // "1.5 billion pound assets": a currency after a number is what the number counts.
    if many
        && !capitalised
        && !CURRENCY_WORDS.contains(&word.as_ref())
        && describes_plural_after(sentence, words, lower, k)
    {
        // "7.5 magnitude quakes": a fraction counts no things, so the word is what
        // it measures, of the noun after it, as in "a 7.5-magnitude quake".
        if !whole {
            return UnitWord::Unit(unit_of_the_noun_after(sentence, words, lower, k));
        }
        return UnitWord::Modifier(1);
    }
    // "28.2 million DVDs": an acronym's plural is a noun of things.
    if is_acronym_plural(words[k].text) {
        let unit = word[..word.len() - 1].to_string();
        return UnitWord::Unit(unit_with_tail(sentence, words, lower, k, unit));
    }
    if is_stop_word(word) || capitalised {
        return UnitWord::NotAUnit;
    }
    UnitWord::Unit(unit_with_tail(sentence, words, lower, k, singular(word)))
}

/// True when word `k` opens a model name ("six AK-47 rifles"): a capitalised word
/// joined by a hyphen to digits, a modifier whose digits count nothing.
fn opens_a_model_name(sentence: &str, words: &[Word], lower: &[Cow<str>], k: usize) -> bool {
    words[k].text.starts_with(char::is_uppercase)
        && lower
            .get(k + 1)
            .is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()))
        && gap_before(sentence, words, k + 1) == "-"
}

/// A unit of two words starting at word `k` with one of the [`UNIT_PREFIXES`]
/// ("percentage points", "square miles").
fn two_word_unit_at(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    k: usize,
) -> Option<FoundUnit> {
    let word = &lower[k];
    let noun = lower.get(k + 1)?;
    if !UNIT_PREFIXES.contains(&word.as_ref()) || !joins(gap_before(sentence, words, k + 1)) {
        return None;
    }
    let unit = if word == "percentage" || (word == "per" && noun == "cent") {
        "percent".to_string()
    } else {
        format!("{word} {}", singular(noun))
    };
    Some(unit_with_tail(sentence, words, lower, k + 1, unit))
}

/// Word `k` as the unit of the noun after it, as a hyphenated compound is ("a
/// 7.5-magnitude quake").
fn unit_of_the_noun_after(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    k: usize,
) -> FoundUnit {
    FoundUnit {
        unit: singular(&lower[k]),
        complement: compound_head(sentence, words, lower, k + 1),
        role: None,
        participle: None,
        end: words[k].end,
        person: false,
        part: false,
    }
}

/// A unit ending at word `k`, with the complement and participle that may follow it.
pub(super) fn unit_with_tail(
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
        person: counts_people(&unit),
        part: false,
        unit,
        complement,
        role: None,
        participle,
        end,
    }
}

/// Currencies written as words: the unit of the number before them, never a word
/// describing the noun after them.
const CURRENCY_WORDS: &[&str] = &[
    "pound", "dollar", "euro", "yen", "yuan", "rupee", "peso", "franc", "ruble", "rouble",
];

/// "DVDs", "PCs", "SUVs": capitals and a plural "s".
fn is_acronym_plural(word: &str) -> bool {
    word.strip_suffix('s')
        .is_some_and(|stem| stem.len() >= 2 && stem.chars().all(|c| c.is_ascii_uppercase()))
}

/// "Iraqis", "Marines", "Democrats": a capitalised word in the plural, which in news
/// names a group of people counted by it. "Reuters" and "Times" end in "s" too: a word
/// of four letters or fewer, or ending in "ss" or "us", is not taken as a plural.
fn is_plural_name(word: &str) -> bool {
    word.len() > 4
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && word.chars().skip(1).all(|c| c.is_lowercase())
}

/// The noun a hyphenated compound describes: "a 14-member cell" gives "cell", "a
/// three-stage troop redeployment" gives "troop". `k` is the word after the compound.
pub(super) fn compound_head(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    k: usize,
) -> Option<String> {
    let word = lower.get(k)?;
    let plain = word.chars().all(char::is_alphabetic)
        && !is_stop_word(word)
        && number_word_value(word).is_none();
    (plain && gap_before(sentence, words, k) == " ").then(|| canonical_key(word).to_string())
}

/// Measures whose name may stand before their value: "a magnitude 6.1 quake",
/// "magnitude-6.1".
const MEASURES_NAMED_BEFORE: &[&str] = &["magnitude"];

/// The measure named right before a number whose words end before word `j` ("a
/// magnitude 6.1 quake" is a magnitude of a quake, not 6.1 quakes), with the noun
/// after the number as what it is of.
pub fn measure_named_before(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    first_word: usize,
    j: usize,
) -> Option<FoundUnit> {
    let name = lower.get(first_word.checked_sub(1)?)?;
    if !MEASURES_NAMED_BEFORE.contains(&name.as_ref())
        || !matches!(gap_before(sentence, words, first_word), " " | "-")
    {
        return None;
    }
    let complement = compound_head(sentence, words, lower, j);
    Some(FoundUnit {
        unit: name.to_string(),
        end: if complement.is_some() {
            words[j].end
        } else {
            0
        },
        complement,
        role: None,
        participle: None,
        person: false,
        part: false,
    })
}

/// Verbs that say what befell people: a bare number they are said of counts people.
const FATES_OF_PEOPLE: &[&str] = &["kill", "injure", "arrest", "rescu", "evacu", "displac"];

/// Words besides [`AUXILIARIES`] between a bare number and the participle that says
/// what befell it.
const BEFORE_A_FATE: &[&str] = &["would", "will", "later", "also"];

/// A bare number that something befell people is said of, counting those people:
/// "another two had been arrested", "three were killed". Only the known fates of
/// people ([`FATES_OF_PEOPLE`]): "all three were studied" counts nothing a reader can
/// name.
pub fn people_by_their_fate(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    j: usize,
) -> Option<FoundUnit> {
    // "one age 21 and the other 28 — were arrested": the number is no subject.
    if j >= words.len() || gap_before(sentence, words, j) != " " {
        return None;
    }
    let mut k = j;
    let between = |w: &str| AUXILIARIES.contains(&w) || BEFORE_A_FATE.contains(&w);
    while lower.get(k).is_some_and(|w| between(w)) && k < j + 3 {
        k += 1;
    }
    let word = lower
        .get(k)
        .filter(|w| k > j && (w.ends_with("ed") || is_irregular_participle(w)))?;
    let role = canonical_key(word);
    FATES_OF_PEOPLE.contains(&role.as_str()).then(|| FoundUnit {
        unit: "people".to_string(),
        complement: None,
        role: Some(role.to_string()),
        participle: None,
        end: words[j - 1].end,
        person: true,
        part: false,
    })
}

/// A number that no unit follows, measured by the noun it is said of: "a reading of
/// 0.18" (the noun before "of"), "shipments reached 19.5 million", "the index dipped
/// to 53.7" (the subject of the verb before it). Only numbers in digits, and only
/// these two shapes: a bare number anywhere else is too often a score, a code or a
/// name to compare.
pub fn subject_unit(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    first_word: usize,
    qualifier: Option<Qualifier>,
) -> Option<FoundUnit> {
    if !words[first_word]
        .text
        .starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    // Skip the qualifier's words ("more than 1.6 million").
    let mut k = first_word;
    if qualifier.is_some() {
        while k > 0 && is_stop_word(&lower[k - 1]) && k + 3 > first_word {
            k -= 1;
        }
    }
    let noun_at = |k: usize| {
        let word = &lower[k];
        word.len() > 2
            && word.chars().all(char::is_alphabetic)
            && !is_stop_word(word)
            && words[k].text.starts_with(|c: char| c.is_lowercase())
            && !word.ends_with("ed")
            && !word.ends_with("ly")
    };
    let joined = |k: usize| gap_before(sentence, words, k) == " ";
    let before = |k: usize| k.checked_sub(1);
    // "a reading of 0.18"
    if let Some(of) = before(k).filter(|&o| lower[o] == "of" && joined(k) && joined(o))
        && let Some(noun) = before(of).filter(|&n| noun_at(n))
        && before(noun).is_none_or(|b| !lower[b].starts_with(|c: char| c.is_ascii_digit()))
    {
        return Some(FoundUnit {
            unit: singular(&lower[noun]),
            complement: None,
            role: None,
            participle: None,
            end: 0,
            person: false,
            part: false,
        });
    }
    // "shipments reached 19.5 million", "the index dipped to 53.7"
    let mut v = before(k)?;
    if matches!(lower[v].as_ref(), "to" | "at" | "by") && joined(v + 1) {
        v = before(v)?;
        // "jumped from 29.4 to 32.6": the level reached is said of the subject before
        // the verb, as in "jumped to 32.6 from 29.4".
        if v >= 2
            && lower[v].starts_with(|c: char| c.is_ascii_digit())
            && lower[v - 1] == "from"
            && joined(v)
            && joined(v + 1)
        {
            v -= 2;
        }
    }
    let verb = &lower[v];
    let verb_like = is_past_verb(verb);
    let noun = before(v).filter(|&n| noun_at(n) && joined(v) && joined(v + 1))?;
    verb_like.then(|| FoundUnit {
        unit: singular(&lower[noun]),
        complement: None,
        role: Some(canonical_key(verb).to_string()),
        participle: None,
        end: 0,
        person: false,
        part: false,
    })
}

/// A verb in the past tense that can say a figure was reached: "dipped", "rose".
pub(super) fn is_past_verb(word: &str) -> bool {
    word.ends_with("ed") || matches!(word, "rose" | "fell" | "grew" | "sank" | "hit" | "stood")
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
        // "of second-degree murder", "of the three-phased redeployment": the words of a
        // hyphenated compound describe the noun after it.
        let in_compound = m + 1 < words.len() && gap_before(sentence, words, m + 1) == "-"
            || gap_before(sentence, words, m) == "-";
        if determiner || (MODIFIERS.contains(&word.as_ref()) && m < k + 3) || in_compound {
            m += 1;
            continue;
        }
        if number_word_value(word).is_some() || ordinal_word_value(word).is_some() {
            return None;
        }
        if is_stop_word(word) || !word.chars().all(char::is_alphabetic) {
            return None;
        }
        return Some((canonical_key(word).to_string(), words[m].end));
    }
    None
}

/// True for an abbreviation in capitals, with or without dots ("U.S", "US", "UN",
/// "EU"): a word of its own, never the pronoun its letters spell in lower case. Not the
/// marks of a time of day ("5 AM", "10 P.M", "9 GMT"), after which a number is a time.
fn is_abbreviation(word: &str) -> bool {
    word.len() >= 2
        && word.bytes().all(|b| b.is_ascii_uppercase() || b == b'.')
        && word.bytes().filter(u8::is_ascii_uppercase).count() >= 2
        && !CLOCK_MARKS.contains(&word.replace(".", "").as_str())
}

/// Capitals after a time of day: the half of the day and the time zones news writes.
const CLOCK_MARKS: &[&str] = &[
    "AM", "PM", "GMT", "UTC", "BST", "CET", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT",
    "ET", "CT", "MT", "PT",
];

/// The gap before word `k`, less the closing dot of an abbreviation before it: "U.S.
/// troops" is one phrase.
fn gap_into<'s>(sentence: &'s str, words: &[Word], k: usize) -> &'s str {
    let gap = gap_before(sentence, words, k);
    let dotted = k > 0 && is_abbreviation(words[k - 1].text) && words[k - 1].text.contains('.');
    if dotted {
        gap.strip_prefix('.').unwrap_or(gap)
    } else {
        gap
    }
}

/// True when the gap between two words keeps them in one phrase: spaces or a hyphen.
pub(super) fn joins(gap: &str) -> bool {
    gap.chars().all(|c| c == ' ' || c == '-' || c == '\u{a0}')
}
