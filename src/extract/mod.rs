//! Extract stage: reads the figures and dates in a sentence.
//!
//! A [`Quantity`] is a number as a reader understands it: its value ("two dozen" is 24,
//! "90 billion" is 90,000,000,000), the qualifier that bounds it ("at least", "nearly"),
//! what it counts (the unit noun, singular: "drone", "square kilometer", "percent"),
//! what that is "of" ("days of talks"), the verb or participle that says what happened
//! to it ("launched", "injured"), and its span in the sentence. Years and the day numbers
//! of dates are not quantities; dates are read separately ([`DateMention`]).
//!
//! This stage does not decide whether two figures conflict: that is `figures`.

mod dates;
mod units;

pub use dates::{DateMention, dates_in, days_of_month_in};

use std::borrow::Cow;

use serde::Serialize;

use crate::text::terms::{
    Key, Word, canonical_key, is_stop_word, lowercase, number_word_value, ordinal_word_value, words,
};

/// A word or phrase that bounds a figure, as in "at least 8" or "nearly two dozen".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
    UpTo,
    About,
    Nearly,
    Exactly,
}

impl Qualifier {
    /// The canonical phrase, as shown to readers and written to JSON.
    pub fn phrase(self) -> &'static str {
        match self {
            Qualifier::AtLeast => "at least",
            Qualifier::MoreThan => "more than",
            Qualifier::AtMost => "at most",
            Qualifier::LessThan => "less than",
            Qualifier::UpTo => "up to",
            Qualifier::About => "about",
            Qualifier::Nearly => "nearly",
            Qualifier::Exactly => "exactly",
        }
    }
}

/// What sort of number a quantity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    /// A count or amount: "653 drones", "90 billion euros", "-12°C".
    Cardinal,
    /// A position in a series: "a third day", "11th time".
    Ordinal,
    /// A vague amount with a range: "dozens of", "hundreds of thousands of".
    Vague,
    /// The day something happens: a day of the month ("Nov. 7", unit "date in
    /// november", value 7) or a weekday ("on Tuesday", unit "weekday", value 2). Read
    /// after every other figure of the sentence, so that they come last
    /// ([`without_days`]).
    Day,
}

/// A figure read from a sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// The value as read; for a range or vague amount, its lower end.
    pub value: f64,
    /// The upper end of a range ("between 20 and 25") or vague amount ("dozens").
    pub upper: Option<f64>,
    pub qualifier: Option<Qualifier>,
    pub kind: QuantityKind,
    /// What is counted, singular and lower-case ("drone", "day", "percent"). Interned,
    /// as the complement and role are: a morning holds millions of quantities and a few
    /// thousand distinct units.
    pub unit: Key,
    /// What the unit is "of", as a canonical term ("days of talks" gives "talk").
    pub complement: Option<Key>,
    /// The verb or participle that says what happened to it, as a canonical term.
    pub role: Option<Key>,
    /// What it counts is people ("people", "others", "Iraqis", "students"): counts of
    /// people are one measure whatever noun names them, when one of the nouns is a
    /// general one ([`is_general_person_unit`]).
    pub person: bool,
    /// The figure as written, qualifier and unit included.
    pub text: String,
    /// Byte span of `text` in the sentence.
    pub start: usize,
    pub end: usize,
}

impl Quantity {
    /// A reader's name for what the quantity measures: "days of talk", "drones".
    pub fn measure_label(&self) -> String {
        if self.kind == QuantityKind::Day {
            return self.unit.to_string();
        }
        if self.unit == AGE_UNIT {
            return match &self.complement {
                Some(of) => format!("age of {of}"),
                None => "age".to_string(),
            };
        }
        let unit = units::plural(&self.unit);
        match &self.complement {
            Some(of) => format!("{unit} of {of}"),
            None => unit,
        }
    }
}

/// Words that, followed by a number, bound it.
const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["at", "least"], Qualifier::AtLeast),
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["more", "than"], Qualifier::MoreThan),
    (&["over"], Qualifier::MoreThan),
    (&["above"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["at", "most"], Qualifier::AtMost),
    (&["no", "more", "than"], Qualifier::AtMost),
    (&["as", "many", "as"], Qualifier::UpTo),
    (&["as", "much", "as"], Qualifier::UpTo),
    (&["up", "to"], Qualifier::UpTo),
    (&["less", "than"], Qualifier::LessThan),
    (&["fewer", "than"], Qualifier::LessThan),
    (&["under"], Qualifier::LessThan),
    (&["below"], Qualifier::LessThan),
    (&["about"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["an", "estimated"], Qualifier::About),
    (&["estimated"], Qualifier::About),
    (&["close", "to"], Qualifier::About),
    (&["nearly"], Qualifier::Nearly),
    (&["almost"], Qualifier::Nearly),
    (&["just", "under"], Qualifier::Nearly),
    (&["exactly"], Qualifier::Exactly),
    (&["precisely"], Qualifier::Exactly),
];

/// Words that scale the number before them.
fn scale_of(word: &str) -> Option<f64> {
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
fn vague_range(word: &str) -> Option<(f64, f64)> {
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

/// Prepositions and month names that mark a four-digit number as a year.
const YEAR_CUES: &[&str] = &[
    "in",
    "since",
    "by",
    "from",
    "until",
    "till",
    "of",
    "before",
    "after",
    "during",
    "early",
    "late",
    "mid",
    "year",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "between",
    "and",
    "to",
    "through",
];

/// The unit of an age ("Peterson, 31,", "a 27-year-old named Smith"); its complement
/// is whose age it is.
pub const AGE_UNIT: &str = "age";

/// True for a figure that says when rather than how much: "eight days ago".
pub fn is_time_ago(quantity: &Quantity) -> bool {
    quantity.text.ends_with(" ago")
}

/// The figures of a sentence without its days ([`QuantityKind::Day`]), which
/// [`quantities_in`] gives last: for a reader of figures that compares amounts only.
pub fn without_days(quantities: &[Quantity]) -> &[Quantity] {
    &quantities[..quantities.partition_point(|q| q.kind != QuantityKind::Day)]
}

/// True for a noun that counts people of any kind: "3 people" and "3 students" may be
/// one count said two ways; "3 students" and "3 teachers" are not.
pub fn is_general_person_unit(unit: &str) -> bool {
    matches!(unit, "people" | "person" | "individual" | "other")
}

/// Reads every quantity in a sentence, left to right, then the days it names.
pub fn quantities_in(sentence: &str) -> Vec<Quantity> {
    // Most sentences in the news hold no figure: telling so takes one pass over the
    // text, where reading them splits and lower-cases every word and looks for dates.
    if !may_hold_a_number(sentence) {
        return Vec::new();
    }
    quantities_read_in(sentence)
}

/// False only when [`number_at`] would accept no word of the sentence, so that it holds
/// no quantity. Every number it reads starts at a word that [`may_start_a_number`]:
/// one beginning with an ASCII digit (no other character lower-cases to one), or a
/// vague amount, ordinal or number word ("a dozen" starts at "a" but needs "dozen", a
/// number word, next). A word starts where a run of alphanumeric characters starts, and
/// such a number word is letters only, so it is a whole run: `words` never splits a
/// run, and anything it joins runs with (an apostrophe, a dot, a comma) would be part
/// of the word. Looking at the start of every run is therefore enough, and dates only
/// ever take words away.
fn may_hold_a_number(sentence: &str) -> bool {
    // A digit anywhere is the common case, and the cheapest to find.
    holds_an_ascii_digit(sentence)
        || may_name_a_weekday(sentence)
        || alphanumeric_runs(sentence).any(run_may_start_a_number)
}

/// False when no word of the sentence can be a weekday: every weekday's name ends in
/// "day" after one of these stems, in any case (no character outside ASCII lower-cases
/// to an ASCII letter of them).
fn may_name_a_weekday(sentence: &str) -> bool {
    let bytes = sentence.as_bytes();
    bytes.windows(3).enumerate().any(|(at, w)| {
        w.eq_ignore_ascii_case(b"day")
            && WEEKDAYS.iter().any(|day| {
                let stem = &day.as_bytes()[..day.len() - 3];
                at >= stem.len() && bytes[at - stem.len()..at].eq_ignore_ascii_case(stem)
            })
    })
}

/// Weekdays, in order: a weekday figure's value is its place here, from 1.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const MONTH_NAMES: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// True when the text holds an ASCII digit. Sixteen bytes at a time are tested without
/// stopping early, which the compiler turns into wide comparisons: most sentences hold
/// none, or only late.
fn holds_an_ascii_digit(text: &str) -> bool {
    let mut chunks = text.as_bytes().chunks_exact(16);
    chunks.by_ref().any(|chunk| {
        chunk
            .iter()
            .fold(false, |seen, b| seen | b.is_ascii_digit())
    }) || chunks.remainder().iter().any(u8::is_ascii_digit)
}

/// The maximal runs of alphanumeric characters of a text, left to right. ASCII bytes
/// (most of the news) are classed as bytes; only other characters are decoded.
fn alphanumeric_runs(text: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = next_alphanumeric_at(text, at)?;
        let end = next_not_alphanumeric_at(text, start);
        at = end;
        Some(&text[start..end])
    })
}

/// The byte offset of the first alphanumeric character at or after `at`.
fn next_alphanumeric_at(text: &str, mut at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii() {
            if byte.is_ascii_alphanumeric() {
                return Some(at);
            }
            at += 1;
            continue;
        }
        let c = text[at..].chars().next()?;
        if c.is_alphanumeric() {
            return Some(at);
        }
        at += c.len_utf8();
    }
    None
}

/// The byte offset of the first character at or after `at` that is not alphanumeric,
/// or the text's length.
fn next_not_alphanumeric_at(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii() {
            if !byte.is_ascii_alphanumeric() {
                return at;
            }
            at += 1;
            continue;
        }
        match text[at..].chars().next() {
            Some(c) if c.is_alphanumeric() => at += c.len_utf8(),
            _ => return at,
        }
    }
    bytes.len()
}

/// The longest word [`may_start_a_number`] accepts without a digit ("fourteenth"):
/// longer runs are lower-cased on the heap, as they are too rare to matter.
const LONGEST_NUMBER_WORD: usize = 10;

/// [`may_start_a_number`] of a run of letters or digits, read in place when it is
/// ASCII without capitals (most words), else lower-cased (on the stack when it is ASCII
/// and short).
fn run_may_start_a_number(run: &str) -> bool {
    if run.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    if !run.is_ascii() {
        return may_start_a_number(&lowercase(run));
    }
    if !run.bytes().any(|b| b.is_ascii_uppercase()) {
        return may_start_a_number(run);
    }
    if run.len() > LONGEST_NUMBER_WORD {
        return may_start_a_number(&run.to_ascii_lowercase());
    }
    let mut buffer = [0u8; LONGEST_NUMBER_WORD];
    let lower = &mut buffer[..run.len()];
    lower.copy_from_slice(run.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).is_ok_and(may_start_a_number)
}

/// True when [`number_at`] may read a number starting at a word with this lower-case
/// text; "a" is left out, as it only starts "a dozen". Keep in step with `number_at`.
fn may_start_a_number(lower: &str) -> bool {
    vague_range(lower).is_some()
        || lower.starts_with(|c: char| c.is_ascii_digit())
        || ordinal_word_value(lower).is_some()
        || number_word_value(lower).is_some()
}

/// [`quantities_in`] without the quick check that most sentences hold no number.
fn quantities_read_in(sentence: &str) -> Vec<Quantity> {
    let words = words(sentence);
    let ascii_lowered = sentence.is_ascii().then(|| lowercase(sentence));
    let lower = lowercase_words(&words, ascii_lowered.as_deref());
    let dates = dates::word_ranges_of_dates(sentence, &words, &lower);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if dates.iter().any(|date| date.words.contains(&i)) {
            i += 1;
            continue;
        }
        match number_at(sentence, &words, &lower, i) {
            Some(number) => {
                let next = number.end_word;
                if let Some(mut quantity) = quantity_from(sentence, &words, &lower, number) {
                    if let Some(previous) = out.last()
                        && inherits_role(sentence, previous, quantity.start)
                        && quantity.role.is_none()
                    {
                        quantity.role = previous.role;
                    }
                    out.push(quantity);
                }
                i = next;
            }
            None => i += 1,
        }
    }
    days_named(sentence, &words, &lower, &dates, &mut out);
    // A vector's first growth makes room for four; most sentences give one figure, and
    // a run keeps every sentence's.
    out.shrink_to_fit();
    out
}

/// The days of events a sentence names, as [`QuantityKind::Day`] figures: each date
/// that names a day of a month, and each weekday ("on Tuesday", "Saturday's raid")
/// that is not part of a name ("Black Friday", "the Sunday Times").
fn days_named(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    dates: &[dates::DateSpan],
    out: &mut Vec<Quantity>,
) {
    let day = |first: usize, last: usize, value: u32, unit: String| {
        let (start, end) = (words[first].start, words[last].end);
        Quantity {
            value: f64::from(value),
            upper: None,
            qualifier: None,
            kind: QuantityKind::Day,
            unit: Key::new(&unit),
            complement: None,
            role: None,
            person: false,
            text: sentence[start..end].to_string(),
            start,
            end,
        }
    };
    for date in dates {
        if let (Some(month), Some(d)) = (date.month, date.day)
            && let Some(name) = MONTH_NAMES.get(month as usize - 1)
        {
            let (first, last) = (*date.words.start(), *date.words.end());
            // The year, when given, is not part of the day.
            let last = (first..=last)
                .rev()
                .find(|&k| !(lower[k].len() == 4 && lower[k].bytes().all(|b| b.is_ascii_digit())))
                .unwrap_or(last);
            out.push(day(first, last, d, format!("date in {name}")));
        }
    }
    if !may_name_a_weekday(sentence) {
        return;
    }
    let capitalised = |k: usize| words[k].text.starts_with(|c: char| c.is_uppercase());
    for (k, word) in lower.iter().enumerate() {
        let name = word.strip_suffix("'s").unwrap_or(word);
        let Some(place) = WEEKDAYS.iter().position(|d| *d == name) else {
            continue;
        };
        // "Black Friday", "Super Tuesday": a capitalised word before, inside the
        // sentence, makes a name; so does one after ("Sunday Times"), unless a month
        // ("Tuesday December 5").
        let named_before = k > 1 && capitalised(k - 1) && gap_before(sentence, words, k) == " ";
        let named_after = k + 1 < words.len()
            && capitalised(k + 1)
            && gap_after(sentence, words, k) == " "
            && !MONTH_NAMES.contains(&lower[k + 1].as_ref());
        if !capitalised(k) || named_before || named_after {
            continue;
        }
        let mut q = day(k, k, place as u32 + 1, "weekday".to_string());
        if let Some(stripped) = q.text.strip_suffix("'s") {
            q.text = stripped.to_string();
            q.end = q.start + q.text.len();
        }
        out.push(q);
    }
}

/// Each word in lower case. Given the whole sentence lower-cased when it is ASCII (so
/// that every word keeps its byte span), words borrow from it rather than each
/// capitalised word taking its own allocation.
fn lowercase_words<'a>(words: &[Word<'a>], ascii_lowered: Option<&'a str>) -> Vec<Cow<'a, str>> {
    match ascii_lowered {
        Some(lowered) => words
            .iter()
            .map(|w| Cow::Borrowed(&lowered[w.start..w.end]))
            .collect(),
        None => words.iter().map(|w| lowercase(w.text)).collect(),
    }
}

/// A number found at a word: its value and the words it spans.
#[derive(Debug, Clone)]
struct NumberSpan {
    value: f64,
    upper: Option<f64>,
    kind: QuantityKind,
    first_word: usize,
    /// One past the last word of the number.
    end_word: usize,
    /// A unit written as a symbol right after the number ("%", "°C") or before it ("$").
    symbol_unit: Option<String>,
    /// Byte span of the number itself, symbol included.
    start: usize,
    end: usize,
}

fn number_at(sentence: &str, words: &[Word], lower: &[Cow<str>], i: usize) -> Option<NumberSpan> {
    let word = words[i];
    let text = lower[i].as_ref();
    if let Some((low, high)) = vague_range(text) {
        return vague_at(words, lower, i, low, high);
    }
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        return digits_at(sentence, words, lower, i);
    }
    if let Some(value) = ordinal_word_value(text) {
        return ordinal_word_at(words, lower, i, value);
    }
    if number_word_value(text).is_some() || (text == "a" && next_is(lower, i, "dozen")) {
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
    let text = lower[i].as_ref();
    if let Some(value) = ordinal_digits_value(text) {
        return Some(NumberSpan {
            value,
            upper: None,
            kind: QuantityKind::Ordinal,
            first_word: i,
            end_word: i + 1,
            symbol_unit: None,
            start: word.start,
            end: word.end,
        });
    }
    let (value, suffix_scale) = parse_digits(text)?;
    if is_part_of_a_name(sentence, words, lower, i) {
        return None;
    }
    // Times ("10:30") and scores ("3-1") are not quantities we compare.
    if gap_after(sentence, words, i).starts_with(':')
        || gap_before(sentence, words, i).ends_with(':')
    {
        return None;
    }
    if is_year(sentence, words, lower, i, value) {
        return None;
    }
    let mut value = value * suffix_scale;
    let mut start = word.start;
    let mut end = word.end;
    let mut end_word = i + 1;
    let before = gap_before(sentence, words, i);
    if before.ends_with(['-', '−'])
        && !before
            .trim_end_matches(['-', '−'])
            .ends_with(|c: char| c.is_alphanumeric())
    {
        value = -value;
        start -= before.chars().last().map_or(1, char::len_utf8);
    }
    let mut symbol_unit = currency_before(before).map(str::to_string);
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
    let mut upper = None;
    let after_between = i > 0 && lower[i - 1] == "between";
    // "jumped from 29.4 to 32.6" is a change from one value to another, each a figure;
    // "from 20 to 25 people" is a range.
    let change_from = i >= 2 && lower[i - 1] == "from" && lower[i - 2].ends_with("ed");
    if !change_from
        && let Some((high, high_end, high_word)) =
            range_end(sentence, words, lower, end_word - 1, after_between)
    {
        upper = Some(high);
        end = high_end;
        end_word = high_word;
    }
    Some(NumberSpan {
        value,
        upper,
        kind: QuantityKind::Cardinal,
        first_word: i,
        end_word,
        symbol_unit,
        start,
        end,
    })
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

/// "20 to 25", "20-25", "between 20 and 25": the upper end of a range whose first
/// number ends at word `i`.
fn range_end(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    i: usize,
    after_between: bool,
) -> Option<(f64, usize, usize)> {
    let gap = gap_after(sentence, words, i);
    let next = i + 1;
    let joiner = |w: &Cow<str>| w == "to" || (after_between && w == "and");
    let (candidate, after_word) = if gap == "-" || gap == "–" {
        (next, next + 1)
    } else if lower.get(next).is_some_and(joiner) && gap.trim().is_empty() {
        (next + 1, next + 2)
    } else {
        return None;
    };
    let text = lower.get(candidate)?;
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (mut high, scale) = parse_digits(text)?;
    high *= scale;
    let mut end_word = after_word;
    if let Some(scale) = lower.get(after_word).and_then(|w| scale_of(w)) {
        high *= scale;
        end_word += 1;
    }
    Some((high, words[end_word - 1].end, end_word))
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
    if gap_after(sentence, words, i).starts_with('%') {
        return false;
    }
    let cue_before = i > 0 && YEAR_CUES.contains(&lower[i - 1].as_ref());
    let noun_after = lower.get(i + 1).is_some_and(|w| {
        gap_after(sentence, words, i).trim().is_empty()
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
    // "first exposed", "second largest": an ordinal before a verb form or an adjective
    // ranks an action, it does not count anything.
    let reads_as_verb_or_adverb =
        (next.ends_with("ed") || next.ends_with("ly") || next.ends_with("est"))
            || units::is_irregular_participle(next);
    if next == "of" || is_stop_word(next) || reads_as_verb_or_adverb {
        return None;
    }
    Some(NumberSpan {
        value,
        upper: None,
        kind: QuantityKind::Ordinal,
        first_word: i,
        end_word: i + 1,
        symbol_unit: None,
        start: words[i].start,
        end: words[i].end,
    })
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
    Some(NumberSpan {
        value,
        upper: None,
        kind: QuantityKind::Cardinal,
        first_word: i,
        end_word: j,
        symbol_unit: None,
        start: words[i].start,
        end: words[j - 1].end,
    })
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

fn joins_number_words(gap: &str) -> bool {
    gap == " " || gap == "-"
}

/// The text between word `i` and the next word.
fn gap_after<'a>(sentence: &'a str, words: &[Word], i: usize) -> &'a str {
    let end = words.get(i + 1).map_or(sentence.len(), |w| w.start);
    &sentence[words[i].end..end]
}

/// The text between the previous word and word `i`.
fn gap_before<'a>(sentence: &'a str, words: &[Word], i: usize) -> &'a str {
    let start = if i == 0 { 0 } else { words[i - 1].end };
    &sentence[start..words[i].start]
}

/// Builds the quantity around a number: its qualifier before, its unit, complement and
/// role after. A number with no unit to count is dropped.
fn quantity_from(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    number: NumberSpan,
) -> Option<Quantity> {
    let (qualifier, qualifier_start) = qualifier_before(sentence, words, lower, number.first_word)
        .map_or((None, number.start), |(q, start)| (Some(q), start));
    if number.kind == QuantityKind::Cardinal && number.symbol_unit.is_none() {
        match age_at(sentence, words, lower, &number) {
            Some(Age::Of(subject, end)) => {
                return Some(Quantity {
                    value: number.value,
                    upper: number.upper,
                    qualifier,
                    kind: number.kind,
                    unit: Key::new(AGE_UNIT),
                    complement: Some(subject),
                    role: None,
                    person: false,
                    text: sentence[qualifier_start..end].to_string(),
                    start: qualifier_start,
                    end,
                });
            }
            // Ages of people not named ("a 16-year-old", "a 26-year-old officer") are
            // not compared: two of them are as likely two people as one.
            Some(Age::Unnamed) => return None,
            None => {}
        }
    }
    let found = if number.kind == QuantityKind::Ordinal {
        units::ordinal_unit_after(sentence, words, lower, number.end_word)
    } else {
        units::unit_after(
            sentence,
            words,
            lower,
            number.end_word,
            number.symbol_unit.as_deref(),
        )
        .or_else(|| units::subject_unit(sentence, words, lower, number.first_word, qualifier))
    }?;
    // "the 7200 block of South Langley": an address, not an amount.
    if found.unit == "block" {
        return None;
    }
    let role = found
        .role
        .or_else(|| verb_before(words, lower, number.first_word, qualifier.is_some()))
        .or(found.participle);
    let mut end = found.end.max(number.end);
    // "eight days ago" says when, counted from the day each source writes on: it is
    // kept in the figure's text, which `figures` reads as a day ([`is_time_ago`]).
    let end_word = words.partition_point(|w| w.end <= end);
    if lower.get(end_word).is_some_and(|w| w == "ago")
        && gap_before(sentence, words, end_word) == " "
    {
        end = words[end_word].end;
    }
    Some(Quantity {
        value: number.value,
        upper: number.upper,
        qualifier,
        kind: number.kind,
        unit: Key::new(&found.unit),
        complement: found.complement.as_deref().map(Key::new),
        role: role.as_deref().map(Key::new),
        person: found.person,
        text: sentence[qualifier_start..end].to_string(),
        start: qualifier_start,
        end,
    })
}

/// What [`age_at`] reads.
enum Age {
    /// An age, whose it is (the named person, as a canonical term), and where the age
    /// ends.
    Of(Key, usize),
    /// An age of someone not named.
    Unnamed,
}

/// An age at a number: "Peterson, 31,", "Smith, aged 40", "a 27-year-old named
/// Smith" is unnamed, "27-year-old Robert Sanders" and "Sanders, the 32-year-old
/// driver" are named.
fn age_at(sentence: &str, words: &[Word], lower: &[Cow<str>], number: &NumberSpan) -> Option<Age> {
    let (i, e) = (number.first_word, number.end_word);
    let word = |k: usize| lower.get(k).map_or("", |w| w.as_ref());
    let name_at = |k: usize| {
        words.get(k).is_some_and(|w| {
            w.text.starts_with(|c: char| c.is_uppercase())
                && w.text.chars().all(char::is_alphabetic)
                && !MONTH_NAMES.contains(&word(k))
                && !WEEKDAYS.contains(&word(k))
                && !is_stop_word(word(k))
        })
    };
    // A person's whole name, ending at word `last`: "Rakim Watson" and "Ricardo
    // Watson" are two people.
    let full_name = |last: usize| {
        let mut first = last;
        while first > 0 && name_at(first - 1) && gap_before(sentence, words, first) == " " {
            first -= 1;
        }
        let name: Vec<&str> = (first..=last).map(word).collect();
        Key::new(&name.join(" "))
    };
    // The name before a comma that opens the age: "Peterson, 31", "Sanders, the
    // 32-year-old", "Smith, aged 40".
    let name_before = |k: usize| {
        let k = if matches!(word(k.wrapping_sub(1)), "the" | "a" | "an" | "aged") {
            k - 1
        } else {
            k
        };
        (k >= 1 && gap_before(sentence, words, k).trim() == "," && name_at(k - 1))
            .then(|| full_name(k - 1))
    };
    let whole = number.upper.is_none() && (1.0..=120.0).contains(&number.value);
    // "31-year-old", "31 years old"
    let years = matches!(word(e), "year" | "years")
        && word(e + 1) == "old"
        && joins_number_words(gap_before(sentence, words, e))
        && joins_number_words(gap_before(sentence, words, e + 1));
    if years && whole {
        let end = words[e + 1].end;
        // A name after: "27-year-old Robert Sanders" (its last word); a noun after is
        // the unnamed person ("a 27-year-old man").
        let mut k = e + 2;
        let mut name = Vec::new();
        while k < words.len() && name_at(k) && gap_before(sentence, words, k) == " " {
            name.push(word(k));
            k += 1;
        }
        let after = (!name.is_empty()).then(|| Key::new(&name.join(" ")));
        return Some(match after.or_else(|| name_before(i)) {
            Some(subject) => Age::Of(subject, end),
            None => Age::Unnamed,
        });
    }
    // "Peterson, 31, is charged": a number set off by commas after a name.
    let set_off = gap_after(sentence, words, e - 1).starts_with([',', ')']);
    let digits = words[i].text.bytes().all(|b| b.is_ascii_digit());
    if whole && digits && set_off && e == i + 1 {
        return name_before(i).map(|subject| Age::Of(subject, number.end));
    }
    None
}

fn qualifier_before(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    first_word: usize,
) -> Option<(Qualifier, usize)> {
    QUALIFIERS.iter().find_map(|(phrase, qualifier)| {
        let n = phrase.len();
        if first_word < n {
            return None;
        }
        let begin = first_word - n;
        let matches = (0..n).all(|k| lower[begin + k] == phrase[k])
            && (begin..first_word).all(|k| gap_after(sentence, words, k).trim().is_empty());
        matches.then(|| (*qualifier, words[begin].start))
    })
}

/// The nearest content word before the number, when it says what happened to the
/// count: a participle or verb ("launched 653", "intercepted 585"), an action noun of a
/// known class, or the head of an "of" phrase ("barrage of 370"). Reporting verbs say who
/// stated the figure, not what happened to it, so they are not roles.
fn verb_before(
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
        || units::is_irregular_participle(word)
        || ROLE_CLASSES.contains(&key.as_str())
        || lower.get(k + 1).is_some_and(|w| w == "of");
    (role_like && key != "say").then(|| key.to_string())
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
    "sell",
    "sold",
];

/// True when a role (a canonical verb) is one of the known, mutually distinct ones.
pub fn is_distinct_role(role: &str) -> bool {
    DISTINCT_ROLES.contains(&role)
}

/// "653 drones and 51 missiles": a figure coordinated with the one before shares what
/// happened to it.
fn inherits_role(sentence: &str, previous: &Quantity, next_start: usize) -> bool {
    next_start >= previous.end
        && matches!(
            sentence[previous.end..next_start].trim(),
            "and" | "," | "or" | ", and" | "as well as"
        )
}

/// The range of values a figure allows given its qualifier, as (low, high).
pub fn bounds(quantity: &Quantity) -> (f64, f64) {
    let v = quantity.value;
    if let Some(upper) = quantity.upper {
        return (v.min(upper), v.max(upper));
    }
    let magnitude = v.abs();
    match quantity.qualifier {
        None => {
            let slack = rounding_of(quantity);
            (v - slack, v + slack)
        }
        Some(Qualifier::Exactly) => (v, v),
        Some(Qualifier::AtLeast) => (v, f64::INFINITY),
        Some(Qualifier::MoreThan) => (v + f64::EPSILON * magnitude.max(1.0), f64::INFINITY),
        Some(Qualifier::AtMost | Qualifier::UpTo) => (f64::NEG_INFINITY, v),
        Some(Qualifier::LessThan) => (f64::NEG_INFINITY, v - f64::EPSILON * magnitude.max(1.0)),
        Some(Qualifier::About) => (v - magnitude * 0.15 - 0.5, v + magnitude * 0.15 + 0.5),
        Some(Qualifier::Nearly) => (v - magnitude * 0.2 - 1.0, v),
    }
}

/// How far a figure written in digits may be from the true value because it was
/// rounded: just under half a unit of its last significant digit. "$114 million" may be
/// $114.3 million and "1.2 percent" may be 1.23 percent, but "653 drones" is a count and
/// is exact, and "20%" and "19%" still differ.
fn rounding_of(quantity: &Quantity) -> f64 {
    let Some(start) = quantity.text.find(|c: char| c.is_ascii_digit()) else {
        return 0.0;
    };
    let digits: String = quantity.text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .filter(|c| *c != ',')
        .collect();
    let digits = digits.trim_end_matches('.');
    let Ok(written) = digits.parse::<f64>() else {
        return 0.0;
    };
    if written == 0.0 || quantity.kind != QuantityKind::Cardinal {
        return 0.0;
    }
    let scale = (quantity.value / written).abs();
    let last_digit = match digits.split_once('.') {
        Some((_, decimals)) => 10f64.powi(-(decimals.len() as i32)),
        None => {
            let zeros = digits.len() - digits.trim_end_matches('0').len();
            // "12,400 acres" and "$50 million" are likely rounded; "30 people" is a count.
            if zeros > 0 && (digits.len() >= 3 || scale > 1.0) {
                10f64.powi(zeros as i32)
            } else if scale > 1.0 || quantity.unit == "percent" {
                1.0
            } else {
                return 0.0;
            }
        }
    };
    0.49 * last_digit * scale
}

/// True when no reading of the two figures' qualifiers makes both true.
pub fn values_conflict(a: &Quantity, b: &Quantity) -> bool {
    let (low_a, high_a) = bounds(a);
    let (low_b, high_b) = bounds(b);
    high_a < low_b || high_b < low_a
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Edge cases, then every sentence of the sample articles.
    pub(super) fn sentences_to_compare() -> Vec<String> {
        let mut sentences: Vec<String> = [
            "",
            "No figure here at all.",
            "Four-fifths of a dozen; Fourteenth, TWENTY and a DOZEN.",
            "İstanbul ǅ Ⅻ ½ ٣ Straße ten‑fold ÉTÉ-Sieben, x\u{a0}hundreds",
            "On 7 December 2025, Dec. 9, 2025-12-08 and March 2022, May 5 and may 5.",
            "\u{7f}\u{80}~!@#$%^&*()_+{}|:<>?`-=[]\\;',./ 1,234.5 -12°C",
        ]
        .map(str::to_string)
        .to_vec();
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        for entry in std::fs::read_dir(samples).into_iter().flatten().flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                for line in text.lines() {
                    sentences.extend(
                        crate::text::split_sentences(line)
                            .into_iter()
                            .map(str::to_string),
                    );
                }
            }
        }
        sentences
    }

    /// [`may_hold_a_number`] as first written: the runs found by splitting the text.
    fn may_hold_a_number_by_splitting(sentence: &str) -> bool {
        if sentence.bytes().any(|b| b.is_ascii_digit()) {
            return true;
        }
        let lower = sentence.to_ascii_lowercase();
        if WEEKDAYS.iter().any(|day| lower.contains(day)) {
            return true;
        }
        sentence
            .split(|c: char| !c.is_alphanumeric())
            .any(|run| may_start_a_number(&run.to_lowercase()))
    }

    #[test]
    fn reading_runs_by_bytes_finds_what_splitting_finds() {
        for sentence in &sentences_to_compare() {
            let split: Vec<&str> = sentence
                .split(|c: char| !c.is_alphanumeric())
                .filter(|run| !run.is_empty())
                .collect();
            assert_eq!(alphanumeric_runs(sentence).collect::<Vec<_>>(), split);
            assert_eq!(
                may_hold_a_number(sentence),
                may_hold_a_number_by_splitting(sentence),
                "{sentence:?}"
            );
            assert_eq!(
                holds_an_ascii_digit(sentence),
                sentence.bytes().any(|b| b.is_ascii_digit())
            );
        }
    }

    #[test]
    fn lowering_the_sentence_lowers_each_word() {
        for sentence in &sentences_to_compare() {
            let words = words(sentence);
            let ascii_lowered = sentence.is_ascii().then(|| lowercase(sentence));
            let each: Vec<Cow<str>> = words.iter().map(|w| lowercase(w.text)).collect();
            assert_eq!(lowercase_words(&words, ascii_lowered.as_deref()), each);
        }
    }

    fn one(sentence: &str) -> Quantity {
        let found = quantities_in(sentence);
        assert_eq!(found.len(), 1, "{sentence}: {found:#?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn digits_with_separators_and_scales() {
        let q = one("The strikes left 6,000 buildings without heating.");
        assert_eq!((q.value, q.unit.as_str()), (6000.0, "building"));
        let q = one("Members agreed on 90 billion euros in assistance.");
        assert_eq!((q.value, q.unit.as_str()), (9e10, "euro"));
        assert_eq!(q.text, "90 billion euros");
        let q = one("Russia captured 505 square kilometers in November alone.");
        assert_eq!((q.value, q.unit.as_str()), (505.0, "square kilometer"));
    }

    #[test]
    fn percentages_and_temperatures() {
        let q = one("Russia currently controls about 20% of Ukraine.");
        assert_eq!(
            (q.value, q.unit.as_str(), q.qualifier),
            (20.0, "percent", Some(Qualifier::About))
        );
        assert_eq!(q.text, "about 20%");
        let q = one("The temperature plummeted to -12°C overnight.");
        assert_eq!((q.value, q.unit.as_str()), (-12.0, "°C"));
        assert_eq!(q.text, "-12°C");
        let q = one("The plan was 90 percent ready.");
        assert_eq!((q.value, q.unit.as_str()), (90.0, "percent"));
    }

    #[test]
    fn number_words_and_dozens() {
        let q = one("The wave of strikes injured nearly two dozen people.");
        assert_eq!(
            (q.value, q.unit.as_str(), q.qualifier),
            (24.0, "people", Some(Qualifier::Nearly))
        );
        assert_eq!(q.text, "nearly two dozen people");
        let q = one("Officials said eight people were hurt.");
        assert_eq!((q.value, q.unit.as_str()), (8.0, "people"));
        let q = one("Three days of negotiations ended without a breakthrough.");
        assert_eq!(
            (q.value, q.unit.as_str(), q.complement.as_deref()),
            (3.0, "day", Some("talk"))
        );
        let q = one("They held twenty-one meetings.");
        assert_eq!(q.value, 21.0);
    }

    #[test]
    fn ordinals_and_compounds() {
        let q = one("Talks continue in Florida for a third day.");
        assert_eq!(
            (q.value, q.kind, q.unit.as_str()),
            (3.0, QuantityKind::Ordinal, "day")
        );
        let q = one("The plant lost power for the 11th time since the invasion.");
        assert_eq!(
            (q.value, q.kind, q.unit.as_str()),
            (11.0, QuantityKind::Ordinal, "time")
        );
        let q = one("He was briefed on a nearly five-hour meeting with Putin.");
        assert_eq!(
            (q.value, q.unit.as_str(), q.qualifier),
            (5.0, "hour", Some(Qualifier::Nearly))
        );
    }

    #[test]
    fn qualifiers_are_read() {
        let q = one("The attack left at least eight people injured.");
        assert_eq!(q.qualifier, Some(Qualifier::AtLeast));
        assert_eq!(q.role.as_deref(), Some("injure"));
        let q = one("More than 300 homes were damaged.");
        assert_eq!(q.qualifier, Some(Qualifier::MoreThan));
        let q = one("Up to 40 soldiers died.");
        assert_eq!(q.qualifier, Some(Qualifier::UpTo));
    }

    #[test]
    fn years_and_dates_are_not_quantities() {
        assert!(quantities_in("Russia has occupied the region since 2014.").is_empty());
        let dated = quantities_in("On December 7, 2025, strikes hit Kyiv.");
        assert!(without_days(&dated).is_empty(), "{dated:?}");
        assert!(quantities_in("The pattern was first exposed in March 2022.").is_empty());
    }

    #[test]
    fn ranges_and_vague_amounts() {
        let q = one("Between 20 and 25 people were hurt.");
        assert_eq!((q.value, q.upper), (20.0, Some(25.0)));
        let q = one("The war has claimed hundreds of thousands of lives.");
        assert_eq!(
            (q.kind, q.value, q.unit.as_str()),
            (QuantityKind::Vague, 200000.0, "life")
        );
    }

    #[test]
    fn roles_tell_what_happened_to_the_count() {
        let q = one("Ukrainian air defenses intercepted 585 drones.");
        assert_eq!(q.role.as_deref(), Some("intercept"));
        let q = one("Russia launched 653 drones overnight.");
        assert_eq!(q.role.as_deref(), Some("launch"));
        let q = one("The strikes left one dead.");
        assert_eq!(
            (q.value, q.unit.as_str(), q.role.as_deref()),
            (1.0, "people", Some("kill"))
        );
    }

    #[test]
    fn pronoun_one_is_not_a_count() {
        assert!(quantities_in("It was one of the largest attacks.").is_empty());
    }

    /// Sentences of every kind the corpora hold: the shipped samples, and where present
    /// the shared development corpus (headlines and paraphrase pairs).
    fn varied_sentences() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<std::path::PathBuf> = Vec::new();
        for dir in [root.join("samples"), root.join("../shared/corpus/seeds")] {
            if let Ok(entries) = std::fs::read_dir(dir) {
                files.extend(entries.flatten().map(|e| e.path()));
            }
        }
        files.push(root.join("../shared/corpus/uci/dev-1.jsonl"));
        files.push(root.join("../shared/corpus/mrpc/train.tsv"));
        let mut sentences = Vec::new();
        for text in files.iter().filter_map(|f| std::fs::read_to_string(f).ok()) {
            for line in text.lines() {
                sentences.push(line.to_string());
                sentences.extend(line.split(['\t', '"']).map(str::to_string));
                sentences.extend(line.split(". ").map(str::to_string));
            }
        }
        sentences
    }

    #[test]
    fn the_quick_check_never_hides_a_quantity() {
        let mut sentences = varied_sentences();
        assert!(sentences.len() > 100, "the samples hold sentences");
        sentences.extend(
            [
                "A dozen people fled.",
                "DOZENS of homes burned.",
                "Thousands marched; Hundreds of thousands watched.",
                "For the Third time, FIFTY-ONE delegates met.",
                "Twenty-one meetings and one hundred days.",
                "It was one of the worst.",
                "The U.S. sent ten\u{2019}s of advisers.",
                "Ｏｎｅ ｈｕｎｄｒｅｄ people; \u{212A}ilometers of road.",
                "Öne thousand Élan fourteenths fourteenth seventeenth",
                "",
                "—",
            ]
            .map(str::to_string),
        );
        let mut skipped = 0;
        for sentence in &sentences {
            if !may_hold_a_number(sentence) {
                skipped += 1;
            }
            assert_eq!(
                quantities_in(sentence),
                quantities_read_in(sentence),
                "{sentence}"
            );
        }
        assert!(
            skipped > 0,
            "the quick check skips sentences without numbers"
        );
    }

    /// Found by the property tests: a currency symbol set apart from its number made
    /// the figure's span start inside the symbol.
    #[test]
    fn a_currency_symbol_apart_from_its_number_is_part_of_the_figure() {
        for sentence in [
            "It cost ¥ 500 tonnes of rice.",
            "x ¥-¥ 0 ok",
            "Paid £  12 dollars.",
        ] {
            for quantity in quantities_in(sentence) {
                assert_eq!(
                    sentence.get(quantity.start..quantity.end),
                    Some(quantity.text.as_str()),
                    "{sentence}"
                );
            }
        }
        let rice = quantities_in("It cost ¥ 500 tonnes of rice.");
        assert!(rice.iter().any(|q| q.text.starts_with('¥')), "{rice:?}");
    }
}
