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
//!
//! Words used throughout, and the file that owns each:
//!
//! - a *number span* is the words a number is written in ("twenty-one", "$5bn",
//!   "20 to 25") with its value (`numbers`); what surrounds it makes the quantity
//!   (`quantity_from`, here);
//! - a *qualifier* bounds a figure ("at least", "nearly": `qualifiers`); the *unit*
//!   is what it counts and the *complement* what that is "of" (`units`);
//! - a *role* is what happened to what is counted ("launched", "killed": `roles`); a
//!   *holder* is the name whose the figure is ("Richard Carter scored 14 points":
//!   `holders`);
//! - an *age* is a figure whose unit is a person's age (`ages`); a *day* is a date or
//!   weekday read as a figure (`days`, from the dates of `dates`);
//! - the *bounds* of a figure are the values it allows, given its qualifier and how it
//!   was rounded; two figures *conflict* when no value fits both (`conflict`);
//! - the *prefilter* tells, in one pass, that a sentence holds no number at all
//!   (`prefilter`).

mod ages;
mod conflict;
mod dates;
mod days;
mod elided;
mod holders;
mod numbers;
mod plurals;
mod prefilter;
mod prices;
mod qualifiers;
mod ranks;
mod roles;
#[cfg(test)]
mod tests;
mod units;

pub use conflict::{bounds, values_conflict};
pub use dates::{DateMention, dates_in, days_of_month_in, days_of_month_with_spans};
pub(crate) use days::WEEKDAYS;
pub use days::{MONTH_NAMES, REPORT_ROLE, WEEKDAY_UNIT};
pub use elided::ELIDED_UNIT;
pub use holders::holders_differ;
pub use roles::{is_distinct_role, is_expectation};
pub use units::is_group_word;

use std::borrow::Cow;

use serde::Serialize;

use crate::text::terms::{Key, Term, Word, canonical_key, gap_before, lowercase, terms_of, words};

use ages::{Age, age_at};
use days::days_named;
use holders::holder_of;
use numbers::{NumberSpan, number_at};
// The dates reader asks it too, as `super::holds_an_ascii_digit`.
use prefilter::{holds_an_ascii_digit, may_hold_a_number};
use qualifiers::qualifier_before;
use roles::{inherits_role, verb_before};

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
    /// Whose it is, where a name says so ("Richard Carter scored 14 points"), as the
    /// lower-cased name ([`holders_differ`]).
    pub holder: Option<Key>,
    /// It counts part of a group named after it ("seven of the nine candidates"): a
    /// part and a whole are one measure only in sentences that say largely the same.
    pub part: bool,
    /// It is a sum written before the thing it prices ("a $43,000 Rolex watch"), whose
    /// words end `text` ([`priced_words`](Self::priced_words)).
    pub priced: bool,
    /// The figure as written, qualifier and unit included.
    pub text: String,
    /// Byte span of `text` in the sentence.
    pub start: usize,
    pub end: usize,
}

impl Quantity {
    /// A reader's name for what the quantity measures: "days of talk", "drones".
    pub fn measure_label(&self) -> String {
        if self.kind == QuantityKind::Day || self.unit == ELIDED_UNIT {
            return self.unit.to_string();
        }
        if self.unit == AGE_UNIT {
            return match &self.complement {
                Some(of) => format!("age of {of}"),
                None => "age".to_string(),
            };
        }
        let unit = plurals::plural(&self.unit);
        match &self.complement {
            Some(of) => format!("{unit} of {of}"),
            None => unit,
        }
    }

    /// The keys of the names written between the number and the noun it counts
    /// ("yemeni" of "one Yemeni passport", "usa" of "two U.S. passports",
    /// "republican" of "15 Republican senators"): whose, or which kind of, things are
    /// counted. Empty when none is written.
    pub fn names_before_the_noun(&self) -> Vec<Key> {
        let capital_inside = self
            .text
            .char_indices()
            .skip(1)
            .any(|(_, c)| c.is_uppercase());
        if !capital_inside {
            return Vec::new();
        }
        let terms = terms_of(&self.text);
        let Some(number_at) = terms.iter().position(Term::is_number) else {
            return Vec::new();
        };
        let before_the_noun = terms.len().saturating_sub(1);
        terms
            .get(number_at + 1..before_the_noun)
            .unwrap_or_default()
            .iter()
            .filter(|term| term.is_name && !term.is_number())
            .map(|term| term.key)
            .collect()
    }

    /// The keys of the words naming what a [`priced`](Self::priced) sum is the price of
    /// ("rolex", "watch" of "$43,000 Rolex watch"); none for any other figure.
    pub fn priced_words(&self) -> Vec<Key> {
        if self.priced {
            prices::words_naming_the_thing(&self.text)
        } else {
            Vec::new()
        }
    }

    /// [`measure_label`](Self::measure_label) with what it is of as `sentence` (the
    /// one it was read in) writes it: "age of Cleveland Smelley", "calibers of
    /// revolver", "days of talks". The complement is kept as a lower-cased, stemmed
    /// key for comparing ("revolv"), which is no name to show a reader. A month is
    /// capitalised: "date in November".
    pub fn measure_label_in(&self, sentence: &str) -> String {
        let label = self.measure_label();
        if self.kind == QuantityKind::Day {
            return label
                .split(' ')
                .map(|word| {
                    if MONTH_NAMES.contains(&word) {
                        word[..1].to_uppercase() + &word[1..]
                    } else {
                        word.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
        }
        let Some(key) = self.complement else {
            return label;
        };
        let written = as_written(key.as_str(), sentence, self.unit == AGE_UNIT);
        match (label.strip_suffix(key.as_str()), written) {
            (Some(head), Some(written)) => format!("{head}{written}"),
            _ => label,
        }
    }
}

/// `key` (a lower-cased complement: a name, or one stemmed word) as `sentence` writes
/// it: the words themselves where they are there in any case, else the first word
/// whose key it is. A word that opens the sentence is lower-cased, unless it is a
/// `name` (whose age a figure is); a capitalised word inside it is a name and kept.
fn as_written<'s>(key: &str, sentence: &'s str, name: bool) -> Option<Cow<'s, str>> {
    let words = words(sentence);
    let opens = |start: usize| sentence[..start].trim().is_empty();
    let found = words.iter().enumerate().find_map(|(i, word)| {
        let end = word.start + key.len();
        let phrase = sentence.get(word.start..end)?;
        let whole_words = words[i..].iter().any(|w| w.end == end);
        (whole_words && phrase.eq_ignore_ascii_case(key)).then_some((word.start, phrase))
    });
    let found = found.or_else(|| {
        words
            .iter()
            .find(|w| !key.contains(' ') && canonical_key(&lowercase(w.text)).as_str() == key)
            .map(|w| (w.start, w.text))
    })?;
    let (start, text) = found;
    Some(if opens(start) && !name {
        lowercase(text)
    } else {
        Cow::Borrowed(text)
    })
}

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

/// Units of time (singular), as figures count spans and gaps in them.
pub const TIME_UNITS: &[&str] = &["second", "minute", "hour", "day", "week", "month", "year"];

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
                let coordinated = coordinated_with_next(sentence, &words, &lower, &number);
                if let Some(mut quantity) =
                    coordinated.or_else(|| quantity_from(sentence, &words, &lower, number))
                    && !restates_previous(sentence, out.last(), &quantity)
                {
                    if let Some(previous) = out.last_mut()
                        && inherits_role(sentence, previous, quantity.start)
                    {
                        share_what_is_said_once(previous, &mut quantity);
                    }
                    out.push(quantity);
                }
                i = next;
            }
            None => i += 1,
        }
    }
    mark_groups_told_in_parts(sentence, &mut out);
    days_named(sentence, &words, &lower, &dates, &mut out);
    // A vector's first growth makes room for four; most sentences give one figure, and
    // a run keeps every sentence's.
    out.shrink_to_fit();
    out
}

/// Two figures joined by "and" or "or" say once what is said of both: "653 drones and
/// 51 missiles" were both launched, "a 32-bit or 64-bit version" are both versions.
fn share_what_is_said_once(previous: &mut Quantity, quantity: &mut Quantity) {
    if quantity.role.is_none() {
        quantity.role = previous.role;
    }
    if quantity.holder.is_none() {
        quantity.holder = previous.holder;
    }
    if previous.unit == quantity.unit && previous.complement.is_none() {
        previous.complement = quantity.complement;
    }
}

/// A number with no unit of its own, joined by "and" or "or" to a figure right after
/// it, counts what that figure counts: "7.6 and 7.5 magnitude quakes", "32- and
/// 64-bit versions" are two magnitudes and two versions. Read as that figure with the
/// number's value; a range ("between 20 and 25") was read with the number.
fn coordinated_with_next(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    number: &NumberSpan,
) -> Option<Quantity> {
    let joint = number.end_word;
    let joined = matches!(lower.get(joint)?.as_ref(), "and" | "or")
        && matches!(gap_before(sentence, words, joint).trim_end(), "" | "-");
    if !joined
        || joint + 1 == words.len()
        || number.kind != QuantityKind::Cardinal
        || number.symbol_unit.is_some()
    {
        return None;
    }
    let next = number_at(sentence, words, lower, joint + 1)?;
    if next.kind != QuantityKind::Cardinal || next.first_word != joint + 1 {
        return None;
    }
    let mut quantity = quantity_from(sentence, words, lower, next)?;
    if quantity.unit == AGE_UNIT {
        return None;
    }
    let (qualifier, start) = qualifier_before(sentence, words, lower, number.first_word)
        .map_or((None, number.start), |(q, start)| (Some(q), start));
    // "killed 10 and 12 people": the verb before the first number is both figures'.
    if let Some(verb) = verb_before(
        sentence,
        words,
        lower,
        number.first_word,
        qualifier.is_some(),
    ) {
        quantity.role = Some(Key::new(&verb));
    }
    quantity.value = number.value;
    quantity.upper = number.upper;
    quantity.qualifier = qualifier;
    quantity.start = start;
    quantity.end = number.end;
    quantity.text = sentence[start..number.end].to_string();
    Some(quantity)
}

/// People counted in parts joined by "and" ("four adults and two children were
/// killed", "two men and a woman", "one male and two female victims"): each count is
/// part of the whole the sentence tells, not the whole another source gives. Counts of
/// people in general ("three dead and two injured", "two people") are whole counts of
/// what befell them, unless one more person is named beside them ("five people and an
/// unborn child").
fn mark_groups_told_in_parts(sentence: &str, out: &mut [Quantity]) {
    let counted = |q: &Quantity| q.person && q.kind == QuantityKind::Cardinal;
    let named_group = |q: &Quantity| counted(q) && !is_general_person_unit(&q.unit);
    for i in 0..out.len() {
        let after = sentence.get(out[i].end..).unwrap_or("");
        let one_more_after = ["and a ", "and an ", "and one "]
            .iter()
            .any(|joint| after.trim_start().starts_with(joint));
        if !named_group(&out[i]) {
            if counted(&out[i]) && one_more_after && one_more_person_after(after) {
                out[i].part = true;
            }
            continue;
        }
        let before = sentence.get(..out[i].start).unwrap_or("").trim_end();
        let next_joined = out.get(i + 1).is_some_and(|next| {
            named_group(next)
                && next.unit != out[i].unit
                && sentence
                    .get(out[i].end..next.start)
                    .is_some_and(|gap| gap.trim() == "and")
        });
        let person_before = before
            .strip_suffix(" and")
            .and_then(|b| b.rsplit(' ').next())
            .is_some_and(|word| is_person_word(&word.to_lowercase()));
        if next_joined {
            out[i].part = true;
            out[i + 1].part = true;
        }
        if one_more_after || person_before {
            out[i].part = true;
        }
    }
}

/// True when the words after a count ("and an unborn child", "and a police officer")
/// name one more person within a few words.
fn one_more_person_after(after: &str) -> bool {
    after
        .split_whitespace()
        .skip(2)
        .take(units::MAX_MODIFIERS)
        .any(|word| is_person_word(&word.trim_end_matches([',', '.', ';']).to_lowercase()))
}

/// A noun (or "male", "female") that names people, singular or plural.
fn is_person_word(word: &str) -> bool {
    matches!(word, "male" | "males" | "female" | "females")
        || units::counts_people(&plurals::singular(word))
}

/// True when a figure in brackets right after another restates it in other units:
/// "200 million euros ($265.3 million)", "10 miles (15 kilometers)". It is a
/// conversion, not a second figure.
fn restates_previous(sentence: &str, previous: Option<&Quantity>, quantity: &Quantity) -> bool {
    previous.is_some_and(|p| {
        sentence
            .get(p.end..quantity.start)
            .is_some_and(|gap| gap.trim() == "(")
    })
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
                let span = (qualifier_start, end);
                return Some(age_of(sentence, &number, qualifier, subject, span));
            }
            // Ages of people not named ("a 16-year-old", "a 26-year-old officer") are
            // not compared: two of them are as likely two people as one.
            Some(Age::Unnamed) => return None,
            None => {}
        }
    }
    let mut found = unit_of(sentence, words, lower, &number, qualifier)?;
    let (qualifier, qualifier_start) =
        qualifiers::during_a_span(lower, &number, &found.unit, (qualifier, qualifier_start));
    let priced_end = prices::priced_thing_end(sentence, words, lower, &number, &found);
    if let Some(end) = priced_end {
        found.end = end;
    }
    // "the 7200 block of South Langley": an address, not an amount.
    if found.unit == "block" || is_time_on_a_clock(words, lower, &found, number.end) {
        return None;
    }
    let role = found
        .role
        .or_else(|| {
            verb_before(
                sentence,
                words,
                lower,
                number.first_word,
                qualifier.is_some(),
            )
        })
        .or(found.participle);
    // "the other two unions": the word that makes it a part is part of the figure.
    let other_before = qualifier.is_none() && units::part_word_before(lower, number.first_word);
    let qualifier_start = if other_before {
        words[number.first_word - 1].start
    } else {
        qualifier_start
    };
    let end = end_with_ago(sentence, words, lower, found.end.max(number.end));
    let first_word = words.partition_point(|w| w.end <= qualifier_start);
    let after = words.partition_point(|w| w.end <= end);
    let holder = holder_of(sentence, words, lower, first_word, after);
    Some(Quantity {
        value: number.value,
        upper: number.upper,
        qualifier,
        kind: number.kind,
        unit: Key::new(&found.unit),
        complement: found.complement.as_deref().map(Key::new),
        role: role.as_deref().map(Key::new),
        person: found.person,
        holder,
        part: found.part || other_before || units::subset_word_before(lower, number.first_word),
        priced: priced_end.is_some(),
        text: sentence[qualifier_start..end].to_string(),
        start: qualifier_start,
        end,
    })
}

/// The age of `subject` that `number` gives, written over the bytes `start..end`.
fn age_of(
    sentence: &str,
    number: &NumberSpan,
    qualifier: Option<Qualifier>,
    subject: Key,
    (start, end): (usize, usize),
) -> Quantity {
    Quantity {
        value: number.value,
        upper: number.upper,
        qualifier,
        kind: number.kind,
        unit: Key::new(AGE_UNIT),
        complement: Some(subject),
        role: None,
        person: false,
        holder: None,
        part: false,
        priced: false,
        text: sentence[start..end].to_string(),
        start,
        end,
    }
}

/// What a number counts: a measure named before it ("a magnitude 6.1 quake"), what an
/// ordinal ranks, or the unit after a count (failing that, the subject it is said of,
/// or the people a fate befell).
fn unit_of(
    sentence: &str,
    words: &[Word],
    lower: &[Cow<str>],
    number: &NumberSpan,
    qualifier: Option<Qualifier>,
) -> Option<units::FoundUnit> {
    if number.symbol_unit.is_none()
        && let Some(found) =
            units::measure_named_before(sentence, words, lower, number.first_word, number.end_word)
    {
        return Some(found);
    }
    if number.kind == QuantityKind::Ordinal {
        return ranks::ordinal_unit_after(sentence, words, lower, number.end_word);
    }
    units::unit_after(
        sentence,
        words,
        lower,
        number.end_word,
        number.symbol_unit.as_deref(),
        number.value != 1.0 || number.upper.is_some(),
        number.value.fract() == 0.0,
    )
    .or_else(|| units::subject_unit(sentence, words, lower, number.first_word, qualifier))
    .or_else(|| units::people_by_their_fate(sentence, words, lower, number.end_word))
    .or_else(|| elided::group_named_before(sentence, words, lower, number))
}

/// True for minutes or seconds left on a clock ("with 12 minutes, 31 seconds
/// remaining", "4 minutes 48 seconds to play"): a moment, as "12:31 remaining" is, not a
/// figure to compare. `end` is the end byte of the number.
fn is_time_on_a_clock(
    words: &[Word],
    lower: &[Cow<str>],
    found: &units::FoundUnit,
    end: usize,
) -> bool {
    if !matches!(found.unit.as_str(), "minute" | "second") {
        return false;
    }
    let word = |k: usize| lower.get(k).map_or("", |w| w.as_ref());
    let mut k = words.partition_point(|w| w.end <= found.end.max(end));
    if word(k).starts_with(|c: char| c.is_ascii_digit())
        && matches!(word(k + 1), "second" | "seconds")
    {
        k += 2;
    }
    matches!(word(k), "remaining" | "left")
        || word(k) == "to" && matches!(word(k + 1), "go" | "play")
}

/// The end of a figure ending at `end`, taking in an "ago" right after it: "eight days
/// ago" says when, counted from the day each source writes on, and is kept in the
/// figure's text, which `figures` reads as a day ([`is_time_ago`]).
fn end_with_ago(sentence: &str, words: &[Word], lower: &[Cow<str>], end: usize) -> usize {
    let end_word = words.partition_point(|w| w.end <= end);
    if lower.get(end_word).is_some_and(|w| w == "ago")
        && gap_before(sentence, words, end_word) == " "
    {
        words[end_word].end
    } else {
        end
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
