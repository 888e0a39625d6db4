//! Numbers: finds a number written at a word and the words it spans, in digits
//! ("6,000", "2.5bn", "-12°C", "20-25"), in words ("twenty-one", "a dozen", "five
//! hundred thousand"), as an ordinal ("11th", "third") or a vague amount ("dozens of").
//!
//! A *number span* ([`NumberSpan`]) is the value, its kind, its words and its bytes,
//! with a unit written as a symbol ("%", "$", "°C"). Years, times, scores and the
//! digits of names ("AK-47", "Flight 93") are not numbers here. What is counted, and
//! the rest of the quantity, is read around the span by [`super::quantity_from`].

use std::borrow::Cow;

use crate::text::terms::{
    Word, gap_after, gap_before, is_stop_word, number_word_value, ordinal_word_value,
};

use super::QuantityKind;
use super::days::MONTH_NAMES;
use super::qualifiers::QUALIFIERS;

/// Words that scale the number before them.
pub(super) fn scale_of(word: &str) -> Option<f64> {
    match word {
        "hundred" => Some(1e2),
        "thousand" => Some(1e3),
        "million" | "mln" => Some(1e6),
        "billion" | "bn" => Some(1e9),
        "trillion" | "tn" => Some(1e12),
        _ => None,
    }
}

/// Plural scale words used as vague amounts, with the range a reader takes them to mean.
pub(super) fn vague_range(word: &str) -> Option<(f64, f64)> {
    match word {
        "dozens" => Some((24.0, 100.0)),
        "scores" => Some((40.0, 200.0)),
        "hundreds" => Some((200.0, 1000.0)),
        "thousands" => Some((2000.0, 1e6)),
        "millions" => Some((2e6, 1e9)),
        "billions" => Some((2e9, 1e12)),
        _ => None,
    }
}

/// Prepositions and short month names that mark a four-digit number as a year (full
/// month names too: [`MONTH_NAMES`]).
const YEAR_CUES: &[&str] = &[
    "in", "since", "by", "from", "until", "till", "of", "before", "after", "during", "early",
    "late", "mid", "year", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "spring", "summer", "autumn", "fall", "winter", "between", "and", "to",
    "through",
];

/// A number found at a word: its value and the words it spans.
#[derive(Debug, Clone)]
pub(super) struct NumberSpan {
    pub(super) value: f64,
    pub(super) upper: Option<f64>,
    pub(super) kind: QuantityKind,
    pub(super) first_word: usize,
    /// One past the last word of the number.
    pub(super) end_word: usize,
    /// A unit written as a symbol right after the number ("%", "°C") or before it ("$").
    pub(super) symbol_unit: Option<String>,
    /// Byte span of the number itself, symbol included.
    pub(super) start: usize,
    pub(super) end: usize,
}

impl NumberSpan {
    /// A count in words `first_word..end_word`, with no unit symbol.
    fn cardinal(words: &[Word], first_word: usize, end_word: usize, value: f64) -> NumberSpan {
        NumberSpan {
            value,
            upper: None,
            kind: QuantityKind::Cardinal,
            first_word,
            end_word,
            symbol_unit: None,
            start: words[first_word].start,
            end: words[end_word - 1].end,
        }
    }

    /// An ordinal written in one word ("11th", "third").
    fn ordinal(words: &[Word], i: usize, value: f64) -> NumberSpan {
        NumberSpan {
            value,
            upper: None,
            kind: QuantityKind::Ordinal,
            first_word: i,
            end_word: i + 1,
            symbol_unit: None,
            start: words[i].start,
            end: words[i].end,
        }
    }
}

pub(super) fn number_at(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    i: usize,
) -> Option<NumberSpan> {
    let word = words[i];
    let text = lower[i].as_ref();
    if let Some((low, high)) = vague_range(text) {
        return vague_at(words, lower, i, low, high);
    }
    if text.starts_with(|c: char| c.is_ascii_digit())
        || digits_after_currency_code(sentence, words, lower, i).is_some()
    {
        return digits_at(sentence, words, lower, i);
    }
    if let Some(value) = ordinal_word_value(text) {
        return ordinal_word_at(words, lower, i, value);
    }
    // "a dozen", "half a dozen" is not read; "a half-dozen", "half-dozen" are.
    let half_dozen = |k: usize| next_is(lower, k, "half") && next_is(lower, k + 1, "dozen");
    if number_word_value(text).is_some()
        || (text == "a" && (next_is(lower, i, "dozen") || half_dozen(i)))
        || (text == "half" && next_is(lower, i, "dozen"))
    {
        return number_words_at(sentence, words, lower, i);
    }
    let _ = word;
    None
}

fn next_is(lower: &[Cow<str>], i: usize, word: &str) -> bool {
    lower.get(i + 1).is_some_and(|w| w == word)
}

/// "dozens of", "hundreds of thousands of": a vague amount.
fn vague_at(
    words: &[Word],
    lower: &[Cow<str>],
    i: usize,
    low: f64,
    high: f64,
) -> Option<NumberSpan> {
    let mut end_word = i + 1;
    let (mut low, mut high) = (low, high);
    // "hundreds of thousands": the second word scales the first.
    if next_is(lower, i, "of")
        && let Some(scale) = lower
            .get(i + 2)
            .and_then(|w| scale_of(w.trim_end_matches('s')).filter(|_| w.ends_with('s')))
    {
        low *= scale;
        high *= scale;
        end_word = i + 3;
    }
    Some(NumberSpan {
        value: low,
        upper: Some(high),
        kind: QuantityKind::Vague,
        first_word: i,
        end_word,
        symbol_unit: None,
        start: words[i].start,
        end: words[end_word - 1].end,
    })
}

fn digits_at(sentence: &str, words: &[Word], lower: &[Cow<str>], i: usize) -> Option<NumberSpan> {
    let word = words[i];
    let coded = digits_after_currency_code(sentence, words, lower, i);
    let text = coded.map_or(lower[i].as_ref(), |(digits, _)| digits);
    if let Some(value) = ordinal_digits_value(text) {
        return Some(NumberSpan::ordinal(words, i, value));
    }
    let (value, suffix_scale) = parse_digits(text)?;
    // "the No. 2 position" ranks a position, as "the second position" does.
    if coded.is_none() && suffix_scale == 1.0 && is_rank_number(sentence, words, lower, i) {
        let mut rank = NumberSpan::ordinal(words, i, value);
        rank.start = words[i - 1].start;
        return Some(rank);
    }
    if digits_are_no_figure(sentence, words, lower, i, value) {
        return None;
    }
    let mut value = value * suffix_scale;
    let mut start = word.start;
    let mut end = word.end;
    let mut end_word = i + 1;
    let before = gap_before(sentence, words, i);
    // "magnitude-6.1" joins a word to its number: only a sign that stands apart from
    // the word before it makes the number negative.
    let text_before_sign = sentence[..word.start].trim_end_matches(['-', '−']);
    if before.ends_with(['-', '−']) && !text_before_sign.ends_with(|c: char| c.is_alphanumeric())
    {
        value = -value;
        start -= before.chars().last().map_or(1, char::len_utf8);
    }
    let mut symbol_unit = coded
        .map(|(_, unit)| unit)
        .or_else(|| currency_before(before))
        .map(str::to_string);
    if symbol_unit.is_some() {
        // The symbol may stand apart from the number ("¥ 5"): start at the symbol
        // itself, not one symbol's width before the number, which could fall inside it.
        let symbol = before.trim_end();
        let symbol_width = symbol.chars().last().map_or(0, char::len_utf8);
        start = word.start - before.len() + symbol.len() - symbol_width;
    }
    let after = gap_after(sentence, words, i);
    if after.starts_with('%') {
        symbol_unit = Some("percent".to_string());
        end += 1;
    } else if let Some(degree) = degree_unit(sentence, words, i) {
        symbol_unit = Some(degree.0);
        end = degree.1;
        end_word = degree.2;
    } else if let Some(scale) = lower.get(i + 1).and_then(|w| scale_of(w)) {
        value *= scale;
        end = words[i + 1].end;
        end_word = i + 2;
    }
    in_range(
        sentence,
        words,
        lower,
        NumberSpan {
            value,
            upper: None,
            kind: QuantityKind::Cardinal,
            first_word: i,
            end_word,
            symbol_unit,
            start,
            end,
        },
    )
}

/// The number `span` with the upper end of a range that follows it ("20 to 25",
/// "20-25", "between three and four", "three- to four-page"), or none when the two
/// numbers are a score ("a 7-0 lead", "won 31-24").
fn in_range(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    mut span: NumberSpan,
) -> Option<NumberSpan> {
    let i = span.first_word;
    let after_between = i > 0 && lower[i - 1] == "between";
    // "jumped from 29.4 to 32.6" is a change from one value to another, each a figure;
    // "from 20 to 25 people" is a range.
    let change_from = i >= 2 && lower[i - 1] == "from" && super::units::is_past_verb(&lower[i - 2]);
    let hyphenated = matches!(gap_after(sentence, words, span.end_word - 1), "-" | "–");
    if !change_from
        && let Some(range) = range_end(sentence, words, lower, span.end_word - 1, after_between)
    {
        // "three to four million": the scale said once is both ends'.
        let low = match range.scale {
            Some(scale) if span.value < scale => span.value * scale,
            _ => span.value,
        };
        // Written out, a falling pair ("from 143 cents to 72 cents") is two figures,
        // not a range; "a 7-0 lead", "won 31-24" are scores.
        if hyphenated && range.high < low {
            return None;
        }
        // "five or six", "10 or 20": a guess spans little, and gives a count; "$1.63
        // or 8 percent" says one figure twice.
        let guess = lower.get(span.end_word).is_some_and(|w| w == "or");
        let far_guess = guess && (span.symbol_unit.is_some() || range.high > 2.0 * low);
        if range.high >= low && !far_guess {
            span.value = low;
            span.upper = Some(range.high);
            span.end = range.end;
            span.end_word = range.end_word;
        }
    }
    Some(span)
}

/// True when the digits at word `i`, of this value, are part of a name, a time or
/// score, or a year: no figure to compare.
fn digits_are_no_figure(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    i: usize,
    value: f64,
) -> bool {
    if is_part_of_a_name(sentence, words, lower, i) {
        return true;
    }
    // Times ("10:30") and scores ("3-1") are not quantities we compare.
    if gap_after(sentence, words, i).starts_with(':')
        || gap_before(sentence, words, i).ends_with(':')
    {
        return true;
    }
    is_year(sentence, words, lower, i, value)
}

/// True when the digits at word `i` are part of a name or model rather than a figure:
/// joined to a word by a hyphen ("AK-47", "F-16", "COVID-19"), or after a capitalised
/// word inside the sentence ("AK 47", "Flight 93", "Route 66") unless a unit symbol or
/// word says it is an amount ("Romney 48%").
fn is_part_of_a_name(sentence: &str, words: &[Word], lower: &[Cow<str>], i: usize) -> bool {
    if i == 0 || !words[i].text.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let previous = words[i - 1].text;
    let gap = gap_before(sentence, words, i);
    let lettered = previous.chars().all(char::is_alphabetic);
    // "713-222-8477", "52-3": digits joined to digits by a hyphen are a code or a
    // score (a range "20-25" is read from its first number, so never reaches here).
    let digits_before = previous.bytes().all(|b| b.is_ascii_digit());
    if matches!(gap, "-" | ")-") && (lettered || digits_before) {
        return true;
    }
    let amount_after = gap_after(sentence, words, i).starts_with('%')
        || lower
            .get(i + 1)
            .is_some_and(|w| matches!(w.as_ref(), "percent" | "pct" | "per"));
    let capitalised = previous.starts_with(|c: char| c.is_uppercase());
    gap == " "
        && i >= 2
        && lettered
        && capitalised
        && !amount_after
        && !QUALIFIERS
            .iter()
            .any(|(phrase, _)| phrase.contains(&lower[i - 1].as_ref()))
}

/// "20 to 25", "20-25", "between 20 and 25", "five or six": the upper end of a range
/// whose first number ends at word `i`.
fn range_end(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    i: usize,
    after_between: bool,
) -> Option<RangeEnd> {
    let gap = gap_after(sentence, words, i);
    let next = i + 1;
    // "five or six people" is one guess of a count, as "five to six" is.
    let joiner = |w: &Cow<str>| w == "to" || w == "or" || (after_between && w == "and");
    // "three- to four-page": the first number's hyphen waits for the second's unit.
    let suspended = matches!(gap.trim(), "-" | "–") && gap.ends_with(' ');
    // "25 feet to 100 feet": the unit said at both ends.
    let unit_at_both_ends = gap.trim().is_empty()
        && lower.get(next + 1).is_some_and(|w| w == "to")
        && lower.get(next + 3) == lower.get(next)
        && lower
            .get(next)
            .is_some_and(|w| w.chars().all(char::is_alphabetic));
    let (candidate, after_word) = if gap == "-" || gap == "–" {
        (next, next + 1)
    } else if lower.get(next).is_some_and(joiner) && (gap.trim().is_empty() || suspended) {
        (next + 1, next + 2)
    } else if unit_at_both_ends {
        (next + 2, next + 3)
    } else {
        return None;
    };
    let text = lower.get(candidate)?;
    let mut high = if text.starts_with(|c: char| c.is_ascii_digit()) {
        let (high, scale) = parse_digits(text)?;
        high * scale
    } else {
        number_word_value(text)?
    };
    let mut end_word = after_word;
    let scale = lower.get(after_word).and_then(|w| scale_of(w));
    if let Some(scale) = scale {
        high *= scale;
        end_word += 1;
    }
    Some(RangeEnd {
        high,
        end: words[end_word - 1].end,
        end_word,
        scale,
    })
}

/// The upper end of a range, as [`range_end`] reads it.
struct RangeEnd {
    high: f64,
    /// Byte and word just past it.
    end: usize,
    end_word: usize,
    /// The scale word said after it ("million"), if any.
    scale: Option<f64>,
}

/// Codes written between a dollar sign and its number to say whose dollar it is
/// ("$US1 million", "$A50", "$NZ3.2 billion"), with the unit each gives: another
/// country's dollar is another unit, not a figure to set against US dollars.
const DOLLAR_CODES: &[(&str, &str)] = &[
    ("us", "dollar"),
    ("a", "australian dollar"),
    ("au", "australian dollar"),
    ("c", "canadian dollar"),
    ("ca", "canadian dollar"),
    ("nz", "new zealand dollar"),
    ("hk", "hong kong dollar"),
    ("s", "singapore dollar"),
];

/// The digits of word `i` and the unit of its dollar, when the word is a dollar's
/// country code and its number ("$US1", which reads as one word).
fn digits_after_currency_code<'w>(
    sentence: &str,
    words: &[Word],
    lower: &'w [Cow<str>],
    i: usize,
) -> Option<(&'w str, &'static str)> {
    let text = lower[i].as_ref();
    let digits_at = text.find(|c: char| c.is_ascii_digit())?;
    let (code, digits) = text.split_at(digits_at);
    let &(_, unit) = DOLLAR_CODES.iter().find(|(c, _)| *c == code)?;
    gap_before(sentence, words, i)
        .ends_with('$')
        .then_some((digits, unit))
}

fn currency_before(before: &str) -> Option<&'static str> {
    match before.trim_end().chars().last()? {
        '$' => Some("dollar"),
        '€' => Some("euro"),
        '£' => Some("pound"),
        '¥' => Some("yen"),
        '₴' => Some("hryvnia"),
        '₽' => Some("rouble"),
        _ => None,
    }
}

/// "-12°C": the degree unit after the number, its end byte and the next word index.
fn degree_unit(sentence: &str, words: &[Word], i: usize) -> Option<(String, usize, usize)> {
    let after = gap_after(sentence, words, i);
    if !after.trim_start().starts_with('°') {
        return None;
    }
    match words.get(i + 1) {
        Some(next) if next.text == "C" || next.text == "F" => {
            Some((format!("°{}", next.text), next.end, i + 2))
        }
        _ => {
            let degree_end = words[i].end + after.find('°')? + '°'.len_utf8();
            Some(("degree".to_string(), degree_end, i + 1))
        }
    }
}

/// Digits with separators and an optional scale suffix ("6,000", "2.5", "5bn", "3m").
fn parse_digits(text: &str) -> Option<(f64, f64)> {
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(text.len());
    let (digits, suffix) = text.split_at(split);
    let scale = match suffix {
        "" => 1.0,
        "k" => 1e3,
        "m" | "mn" | "mln" => 1e6,
        "bn" | "b" => 1e9,
        "tn" => 1e12,
        _ => return None,
    };
    // Most figures have no thousands separator to drop, and need no new string.
    let value = if digits.contains(',') {
        digits.replace(',', "").parse()
    } else {
        digits.parse()
    };
    value.ok().map(|v| (v, scale))
}

fn ordinal_digits_value(text: &str) -> Option<f64> {
    let digits_end = text.find(|c: char| !c.is_ascii_digit())?;
    let (digits, suffix) = text.split_at(digits_end);
    if matches!(suffix, "st" | "nd" | "rd" | "th") {
        digits.parse().ok()
    } else {
        None
    }
}

fn is_year(sentence: &str, words: &[Word], lower: &[Cow<str>], i: usize, value: f64) -> bool {
    let text = words[i].text;
    if text.len() != 4
        || !text.bytes().all(|b| b.is_ascii_digit())
        || !(1800.0..=2100.0).contains(&value)
    {
        return false;
    }
    // "$1807", "1999%": a currency or percent sign makes it an amount.
    let gap_before_digits = gap_before(sentence, words, i);
    if gap_after(sentence, words, i).starts_with('%')
        || gap_before_digits.ends_with(['$', '£', '€', '¥'])
    {
        return false;
    }
    let cue_before = i > 0 && {
        let before = lower[i - 1].as_ref();
        YEAR_CUES.contains(&before) || MONTH_NAMES.contains(&before)
    };
    // "the 1996 Olympics", "the 2008 Beijing Games": a name after is the year's.
    let noun_after = lower.get(i + 1).is_some_and(|w| {
        gap_after(sentence, words, i).trim().is_empty()
            && words[i + 1].text.starts_with(|c: char| c.is_lowercase())
            && w.chars().all(char::is_alphabetic)
            && !is_stop_word(w)
            && scale_of(w).is_none()
    });
    cue_before || !noun_after
}

/// "third day", "first time": an ordinal word before a noun. "a third of" is a fraction,
/// not an ordinal, and is skipped.
fn ordinal_word_at(words: &[Word], lower: &[Cow<str>], i: usize, value: f64) -> Option<NumberSpan> {
    let next = lower.get(i + 1)?;
    // "the third oldest person": a superlative before a noun ranks the noun.
    let ranks_a_noun = super::ranks::is_superlative(next)
        && lower
            .get(i + 2)
            .is_some_and(|w| w.chars().all(char::is_alphabetic) && !is_stop_word(w));
    // "first exposed", "it was the second largest": an ordinal before a verb form or an
    // adjective alone ranks an action, it does not count anything.
    // ("seed", "speed": "-eed" is no past tense.)
    let past_tense = next.ends_with("ed") && !next.ends_with("eed") && next.len() > 3;
    let reads_as_verb_or_adverb = !ranks_a_noun
        && (past_tense || next.ends_with("ly") || next.ends_with("est"))
        || super::units::is_irregular_participle(next);
    if next == "of" || is_stop_word(next) || reads_as_verb_or_adverb {
        return None;
    }
    Some(NumberSpan::ordinal(words, i, value))
}

/// A run of number words: "eight", "twenty-one", "two dozen", "a dozen", "five
/// hundred thousand", "90 billion" is handled by [`digits_at`].
fn number_words_at(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    i: usize,
) -> Option<NumberSpan> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut j = i;
    let mut seen_number = false;
    while j < words.len() {
        let w = lower[j].as_ref();
        if j > i && !joins_number_words(gap_before(sentence, words, j)) {
            break;
        }
        if w == "a" && j == i {
            current = 1.0;
            j += 1;
            continue;
        }
        if w == "half" && next_is(lower, j, "dozen") {
            current = if current == 0.0 { 0.5 } else { current * 0.5 };
            j += 1;
            continue;
        }
        if w == "and"
            && seen_number
            && lower
                .get(j + 1)
                .and_then(|n| number_word_value(n))
                .is_some()
            && current >= 100.0
        {
            j += 1;
            continue;
        }
        if w == "dozen" {
            current = if current == 0.0 { 12.0 } else { current * 12.0 };
            seen_number = true;
        } else if let Some(value) = number_word_value(w) {
            current += value;
            seen_number = true;
        } else if let Some(scale) = scale_of(w) {
            if !seen_number && current == 0.0 {
                break;
            }
            if scale == 100.0 {
                current *= scale;
            } else {
                total += current * scale;
                current = 0.0;
            }
            seen_number = true;
        } else {
            break;
        }
        j += 1;
    }
    if !seen_number {
        return None;
    }
    // "one" is more often a pronoun ("one of the", "no one") than a count.
    if j == i + 1 && lower[i] == "one" && !one_is_a_count(lower, i) {
        return None;
    }
    let value = total + current;
    in_range(
        sentence,
        words,
        lower,
        NumberSpan::cardinal(words, i, j, value),
    )
}

/// True for a number written after "No." ("the No. 2 position", "No. 3 Ohio State"):
/// a rank, not a count.
fn is_rank_number(sentence: &str, words: &[Word], lower: &[Cow<str>], i: usize) -> bool {
    i > 0 && lower[i - 1] == "no" && gap_before(sentence, words, i).starts_with('.')
}

fn one_is_a_count(lower: &[Cow<str>], i: usize) -> bool {
    let before_ok = i == 0
        || !matches!(
            lower[i - 1].as_ref(),
            "no" | "the"
                | "every"
                | "any"
                | "each"
                | "this"
                | "that"
                | "which"
                | "someone"
                | "anyone"
        );
    let after_ok = lower
        .get(i + 1)
        .is_some_and(|w| w.chars().all(char::is_alphabetic) && !is_stop_word(w) && w != "another");
    before_ok && after_ok
}

pub(super) fn joins_number_words(gap: &str) -> bool {
    gap == " " || gap == "-"
}
