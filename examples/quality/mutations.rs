//! Changed figures in MRPC paraphrase pairs, by kind: the figures are found here, by
//! reading the words around numbers, not by the pipeline's extractor, so that kinds the
//! pipeline does not read are measured too (a kind it misses shows as a low recall,
//! not as no cases).
//!
//! A pair labelled a paraphrase whose two sentences both write the same figure (the
//! same token: "130", "Nov. 7", "Tuesday", "third") gives one case per kind: the figure
//! is changed in the second sentence to a value that cannot be the same (see
//! [`changed`]), and `compare` should flag it. The same pairs unchanged measure false
//! flags.

use crate::generate::with_thousands;

/// What sort of figure a case changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A count of people or things: "130 individuals", "seven of the 14-member cell".
    Count,
    /// Money: "$1.2 billion", "40 cents", "5 million euros".
    Money,
    /// A percentage: "20%", "3.5 percent".
    Percent,
    /// A decimal without a unit of the kinds above: "a reading of 0.18".
    Decimal,
    /// A measurement: "12 miles", "3.5 inches", "40 degrees".
    Measurement,
    /// A duration: "three days", "18 months".
    Duration,
    /// A position in a series: "the third quarter", "11th time".
    Ordinal,
    /// A share written as a fraction: "a third of the population", "one fifth".
    Fraction,
    /// The day of the month of a date: "Nov. 7", "7 November".
    DayOfMonth,
    /// A weekday: "on Tuesday".
    Weekday,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Count => "counts",
            Kind::Money => "money",
            Kind::Percent => "percentages",
            Kind::Decimal => "decimals",
            Kind::Measurement => "measurements",
            Kind::Duration => "durations",
            Kind::Ordinal => "ordinals",
            Kind::Fraction => "fractions",
            Kind::DayOfMonth => "days of the month",
            Kind::Weekday => "weekdays",
        }
    }

    pub const ALL: [Kind; 10] = [
        Kind::Count,
        Kind::Money,
        Kind::Percent,
        Kind::Decimal,
        Kind::Measurement,
        Kind::Duration,
        Kind::Ordinal,
        Kind::Fraction,
        Kind::DayOfMonth,
        Kind::Weekday,
    ];
}

/// One word of a sentence: its text without surrounding punctuation, and its span.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

fn tokens(sentence: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    for raw in sentence.split(' ') {
        let trimmed_start = raw
            .find(|c: char| c.is_alphanumeric() || matches!(c, '$' | '£' | '€'))
            .unwrap_or(raw.len());
        let core = &raw[trimmed_start..];
        let trimmed_end = core
            .rfind(|c: char| c.is_alphanumeric() || c == '%')
            .map_or(0, |i| {
                i + core[i..].chars().next().map_or(1, char::len_utf8)
            });
        let text = &core[..trimmed_end];
        if !text.is_empty() {
            let start = at + trimmed_start;
            out.push(Token {
                text,
                start,
                end: start + text.len(),
            });
        }
        at += raw.len() + 1;
    }
    out
}

/// Number words from zero to twenty, each at its value's index.
pub const NUMBER_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];
const ORDINAL_WORDS: &[&str] = &[
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
];
const MONEY_AFTER: &[&str] = &[
    "cents", "cent", "dollars", "dollar", "euros", "euro", "pounds", "yen", "yuan", "pence",
];
const DURATION_UNITS: &[&str] = &[
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
    "month", "months", "year", "years", "decade", "decades",
];
const MEASUREMENT_UNITS: &[&str] = &[
    "mile",
    "miles",
    "kilometer",
    "kilometers",
    "kilometre",
    "kilometres",
    "km",
    "foot",
    "feet",
    "meter",
    "meters",
    "metre",
    "metres",
    "inch",
    "inches",
    "yard",
    "yards",
    "acre",
    "acres",
    "hectare",
    "hectares",
    "pound",
    "lb",
    "lbs",
    "kilogram",
    "kilograms",
    "kg",
    "ton",
    "tons",
    "tonne",
    "tonnes",
    "ounce",
    "ounces",
    "gallon",
    "gallons",
    "barrel",
    "barrels",
    "liter",
    "liters",
    "litre",
    "litres",
    "degree",
    "degrees",
    "mph",
    "megawatt",
    "megawatts",
    "square",
    "cubic",
];
const SCALE_WORDS: &[&str] = &["million", "billion", "trillion", "thousand", "hundred"];

fn lower(text: &str) -> String {
    text.to_lowercase()
}

/// A digit string's value: "1,234.5" is 1234.5.
fn digits_value(text: &str) -> Option<f64> {
    let text = text
        .trim_start_matches(['$', '£', '€'])
        .trim_end_matches('%');
    if text.is_empty()
        || !text
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    text.replace(',', "").parse().ok()
}

/// The kind of the figure written by token `i`, read from it and its neighbours; none
/// for a year, a time, a model number or a word that is not a figure.
fn kind_of(tokens: &[Token], i: usize) -> Option<Kind> {
    let t = tokens[i].text;
    let next = tokens.get(i + 1).map(|t| lower(t.text)).unwrap_or_default();
    let next2 = tokens.get(i + 2).map(|t| lower(t.text)).unwrap_or_default();
    let previous = i
        .checked_sub(1)
        .map(|p| lower(tokens[p].text))
        .unwrap_or_default();
    if WEEKDAYS.contains(&t) {
        return Some(Kind::Weekday);
    }
    let low = lower(t);
    if let Some(stem) = low
        .strip_suffix("st")
        .or_else(|| low.strip_suffix("nd"))
        .or_else(|| low.strip_suffix("rd"))
        .or_else(|| low.strip_suffix("th"))
        && !stem.is_empty()
        && stem.chars().all(|c| c.is_ascii_digit())
    {
        return Some(Kind::Ordinal);
    }
    if ORDINAL_WORDS[2..].contains(&low.as_str()) {
        // "a third of", "one fifth": a share, not a position in a series.
        if previous == "a" || NUMBER_WORDS[1..].contains(&previous.as_str()) {
            return Some(Kind::Fraction);
        }
        // "first" and "second" are too often not a position in a counted series.
        return Some(Kind::Ordinal);
    }
    let is_word_number = NUMBER_WORDS[2..].contains(&low.as_str());
    let value = digits_value(t);
    if value.is_none() && !is_word_number {
        return None;
    }
    if t.contains(':') {
        return None;
    }
    if let Some(v) = value {
        let plain = t.chars().all(|c| c.is_ascii_digit());
        if plain && t.len() == 4 && (1900.0..=2099.0).contains(&v) {
            return None;
        }
        if MONTHS.contains(&previous.trim_end_matches('.')) && plain && (1.0..=31.0).contains(&v) {
            return Some(Kind::DayOfMonth);
        }
        if MONTHS.contains(&next.trim_end_matches('.')) && plain && (1.0..=31.0).contains(&v) {
            return Some(Kind::DayOfMonth);
        }
        // A number after a capitalised word inside the sentence is part of a name
        // ("Boeing 747", "Flight 93", "Route 52"); at the start, the word is just
        // capitalised ("About 130 people").
        let capitalised_before = i > 1
            && tokens[i - 1]
                .text
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
        if capitalised_before && plain {
            return None;
        }
    }
    if t.starts_with(['$', '£', '€']) || MONEY_AFTER.contains(&next.as_str()) {
        return Some(Kind::Money);
    }
    if SCALE_WORDS.contains(&next.as_str()) && MONEY_AFTER.contains(&next2.as_str()) {
        return Some(Kind::Money);
    }
    if t.ends_with('%') || next == "percent" || next == "per" && next2 == "cent" {
        return Some(Kind::Percent);
    }
    if DURATION_UNITS.contains(&next.as_str()) {
        return Some(Kind::Duration);
    }
    if MEASUREMENT_UNITS.contains(&next.as_str()) {
        return Some(Kind::Measurement);
    }
    if value.is_some_and(|v| v.fract() != 0.0) || t.contains('.') {
        return Some(Kind::Decimal);
    }
    // A count: followed by a word ("130 individuals", "14-member" reads as "14").
    let counted = next.chars().next().is_some_and(char::is_alphabetic)
        || next == "of"
        || SCALE_WORDS.contains(&next.as_str());
    counted.then_some(Kind::Count)
}

/// A figure written differently enough that no reading makes both true: a number
/// doubled plus seven (its decimals kept), a number word five more, a day of the month
/// ten away, a weekday two on, an ordinal three on.
fn changed(kind: Kind, text: &str) -> Option<String> {
    let low = lower(text);
    match kind {
        Kind::Weekday => {
            let i = WEEKDAYS.iter().position(|w| *w == text)?;
            Some(WEEKDAYS[(i + 2) % 7].to_string())
        }
        Kind::DayOfMonth => {
            let d: u32 = text.parse().ok()?;
            Some(if d <= 18 { d + 10 } else { d - 10 }.to_string())
        }
        Kind::Ordinal | Kind::Fraction => {
            if let Some(i) = ORDINAL_WORDS.iter().position(|w| *w == low) {
                let word = ORDINAL_WORDS.get(i + 3)?;
                return Some(capitalised_like(text, word));
            }
            let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
            let n: u32 = digits.parse().ok()?;
            let m = n + 3;
            let suffix = match (m % 10, m % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            Some(format!("{m}{suffix}"))
        }
        _ => {
            if let Some(i) = NUMBER_WORDS.iter().position(|w| *w == low) {
                let word = NUMBER_WORDS.get(i + 5).copied().unwrap_or("fifty");
                return Some(capitalised_like(text, word));
            }
            let prefix: String = text
                .chars()
                .take_while(|c| matches!(c, '$' | '£' | '€'))
                .collect();
            let suffix = if text.ends_with('%') { "%" } else { "" };
            let number = &text[prefix.len()..text.len() - suffix.len()];
            let value = digits_value(number)?;
            let decimals = number.split_once('.').map_or(0, |(_, d)| d.len());
            let new = value * 2.0 + 7.0;
            let mut written = format!("{new:.decimals$}");
            if number.contains(',') && decimals == 0 {
                written = with_thousands(&written);
            }
            Some(format!("{prefix}{written}{suffix}"))
        }
    }
}

fn capitalised_like(like: &str, word: &str) -> String {
    if like.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = word.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        word.to_string()
    }
}

/// One changed pair: the first sentence, the second with one shared figure changed,
/// the kind, and the figure as now written.
pub struct Case {
    pub kind: Kind,
    pub a: String,
    pub b: String,
    pub changed: String,
    /// The changed figure stays within what the other allows ("more than 30" and
    /// "67", "10" and "up to 27"): no disagreement, so a flag would be a false one.
    /// Two bounds one way far apart ("more than 100" and "more than 207") are not
    /// compatible here: they are two counts a reader should see side by side.
    pub compatible: bool,
}

/// How the words before a figure bound it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    /// "more than 100", "at least 5", "over 40 percent": the value or more.
    Floor,
    /// "fewer than 10", "up to 27", "as many as 8", "within 60 days": the value or
    /// less.
    Ceiling,
    /// An exact or approximate value ("about 100", "nearly 70").
    Neither,
}

/// How the words before token `i` bound its figure. "Over" before a duration is most
/// often "during" ("over three days"), so it bounds a duration only after "in" or
/// "for" ("in over 25 years").
fn bound_before(tokens: &[Token], i: usize, kind: Kind) -> Bound {
    let word = |back: usize| {
        i.checked_sub(back)
            .and_then(|k| tokens.get(k))
            .map_or(String::new(), |t| lower(t.text))
    };
    let (one, two) = (word(1), word(2));
    let pair = format!("{two} {one}");
    let three = format!("{} {pair}", word(3));
    // "no more than 5" is a ceiling, "no fewer than 5" a floor: the negation turns the
    // pair after it.
    if matches!(three.as_str(), "no more than") {
        return Bound::Ceiling;
    }
    if matches!(three.as_str(), "no fewer than" | "no less than") {
        return Bound::Floor;
    }
    if matches!(
        pair.as_str(),
        "more than" | "at least" | "upwards of" | "excess of"
    ) || matches!(one.as_str(), "exceeding" | "above")
        || one == "over" && (kind != Kind::Duration || matches!(two.as_str(), "in" | "for"))
    {
        return Bound::Floor;
    }
    if matches!(
        pair.as_str(),
        "fewer than" | "less than" | "up to" | "at most"
    ) || matches!(three.as_str(), "as many as" | "as much as")
        || matches!(one.as_str(), "under" | "below" | "within")
    {
        return Bound::Ceiling;
    }
    Bound::Neither
}

/// True when token `i` is one end of a range ("between 50 and 100", "60 million to 70
/// million"): changing one end leaves a range that may still overlap the other
/// sentence's, so that no reader could call the two incompatible. "From 29.4 to 32.6"
/// is a change, not a range, and its ends are figures like any other.
fn is_range_end(tokens: &[Token], i: usize) -> bool {
    let word = |k: Option<usize>| {
        k.and_then(|k| tokens.get(k))
            .map(|t| lower(t.text))
            .unwrap_or_default()
    };
    let is_number = |k: Option<usize>| {
        k.and_then(|k| tokens.get(k)).is_some_and(|t| {
            digits_value(t.text).is_some() || NUMBER_WORDS.contains(&lower(t.text).as_str())
        })
    };
    // The number may carry a scale word ("60 million to 70 million").
    let after = if SCALE_WORDS.contains(&word(Some(i + 1)).as_str()) {
        i + 2
    } else {
        i + 1
    };
    let before = i.checked_sub(1);
    let low_end = (word(before) == "between" && word(Some(after)) == "and")
        || (word(Some(after)) == "to" && is_number(Some(after + 1)) && word(before) != "from");
    let first = |k: usize| {
        // The first number of a range ending at `k`, skipping a scale word.
        if k >= 1 && SCALE_WORDS.contains(&word(Some(k)).as_str()) {
            k - 1
        } else {
            k
        }
    };
    let high_end = i >= 2 && {
        let joiner = word(Some(i - 1));
        let low = first(i - 2);
        (joiner == "and" && is_number(Some(low)) && word(low.checked_sub(1)) == "between")
            || (joiner == "to" && is_number(Some(low)) && word(low.checked_sub(1)) != "from")
    };
    low_end || high_end
}

/// The cases a pair gives: at most one per kind, each changing the first figure of
/// that kind that both sentences write alike, and not an end of a range.
pub fn cases(a: &str, b: &str) -> Vec<Case> {
    let ta = tokens(a);
    let tb = tokens(b);
    let mut out: Vec<Case> = Vec::new();
    for i in 0..tb.len() {
        let Some(kind) = kind_of(&tb, i) else {
            continue;
        };
        if out.iter().any(|c| c.kind == kind) || is_range_end(&tb, i) {
            continue;
        }
        let written = tb[i].text;
        let in_a = ta
            .iter()
            .enumerate()
            .position(|(j, t)| t.text == written && kind_of(&ta, j) == Some(kind));
        let Some(j) = in_a else {
            continue;
        };
        let Some(new) = changed(kind, written) else {
            continue;
        };
        let changed_b = format!("{}{}{}", &b[..tb[i].start], new, &b[tb[i].end..]);
        // The change raises the value, so it stays compatible when the first
        // sentence's figure is a floor or the second's a ceiling, unless both are
        // bounds one way: "at least 112 dead" and "at least 231 dead" could both
        // hold, but are two tolls a reader should see side by side.
        let (bound_a, bound_b) = (bound_before(&ta, j, kind), bound_before(&tb, i, kind));
        let compatible =
            bound_a != bound_b && (bound_a == Bound::Floor || bound_b == Bound::Ceiling);
        out.push(Case {
            kind,
            a: a.to_string(),
            b: changed_b,
            changed: new,
            compatible,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(a: &str, b: &str) -> Vec<(Kind, String)> {
        cases(a, b).into_iter().map(|c| (c.kind, c.b)).collect()
    }

    #[test]
    fn each_kind_is_found_and_changed() {
        let a = "On Tuesday, Nov. 7, police arrested 130 people, 20% more, for $1,200 over three days in the third raid, 12 miles away, reading 0.18.";
        let found = kinds(a, a);
        let expect = [
            (Kind::Weekday, "On Thursday, Nov. 7,"),
            (Kind::DayOfMonth, "Nov. 17,"),
            (Kind::Count, "arrested 267 people"),
            (Kind::Percent, "47% more"),
            (Kind::Money, "for $2,407 over"),
            (Kind::Duration, "over eight days"),
            (Kind::Ordinal, "the sixth raid"),
            (Kind::Measurement, "31 miles away"),
            (Kind::Decimal, "reading 7.36."),
        ];
        for (kind, fragment) in expect {
            assert!(
                found
                    .iter()
                    .any(|(k, b)| *k == kind && b.contains(fragment)),
                "{kind:?} {fragment:?} in {found:#?}"
            );
        }
    }

    #[test]
    fn years_times_and_model_numbers_are_not_figures() {
        let a = "In 2004, the Boeing 747 left at 7:30 with AK-47 rifles.";
        assert!(cases(a, a).is_empty(), "{:?}", kinds(a, a));
    }

    #[test]
    fn range_ends_are_not_changed_but_changes_from_one_value_to_another_are() {
        let a = "Between 50 and 100 persons die, cutting 60 million to 70 million feet.";
        assert!(cases(a, a).is_empty(), "{:?}", kinds(a, a));
        let a = "The index jumped from 29.4 to 32.6 in May.";
        assert_eq!(kinds(a, a).len(), 1, "{:?}", kinds(a, a));
    }

    #[test]
    fn a_change_within_bounds_both_sentences_allow_is_compatible() {
        let compatible =
            |a: &str, b: &str| -> Vec<bool> { cases(a, b).iter().map(|c| c.compatible).collect() };
        // A floor against a higher value, a value against a higher ceiling: both
        // can be true.
        let floor = "Police questioned more than 30 of the women.";
        assert_eq!(
            compatible(floor, "Police questioned 30 of the women."),
            [true]
        );
        let ceiling = "He could face up to 10 years in prison.";
        assert_eq!(
            compatible("He could face 10 years in prison.", ceiling),
            [true]
        );
        // Two floors or two ceilings far apart, a value against a floor above it, an
        // approximation, and "over" a span of time are differences to show.
        let floors = "More than 130 people were arrested.";
        assert_eq!(compatible(floors, floors), [false]);
        let ceilings = "Fewer than 10 offices were searched.";
        assert_eq!(compatible(ceilings, ceilings), [false]);
        // "No more than" is a ceiling, however its last two words read.
        let at_most = "It may hire no more than 10 people.";
        assert_eq!(compatible("It may hire 10 people.", at_most), [true]);
        let exact = "Police questioned 30 of the women.";
        assert_eq!(
            compatible(exact, "Police questioned more than 30 of the women."),
            [false]
        );
        let about = "About 130,000 troops remain.";
        assert_eq!(compatible(about, about), [false]);
        let span = "They met over three days.";
        assert_eq!(compatible(span, span), [false]);
    }

    #[test]
    fn fractions_are_not_ordinals() {
        let a = "A third of trains ran, and the fifth of the defendants pleaded.";
        let found = kinds(a, a);
        assert!(
            found
                .iter()
                .any(|(k, b)| *k == Kind::Fraction && b.contains("A sixth of"))
        );
        assert!(
            found
                .iter()
                .any(|(k, b)| *k == Kind::Ordinal && b.contains("the eighth of"))
        );
    }

    #[test]
    fn a_figure_only_one_sentence_writes_gives_no_case() {
        assert!(cases("Police arrested 130 people.", "Police arrested 215 people.").is_empty());
    }
}
