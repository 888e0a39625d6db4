//! Occasions: whether a sentence tells of one event or sums up several. "Two people
//! were killed and four others wounded in separate shootings" counts across the
//! shootings; "a shooting that left two people dead and three others wounded" counts
//! one of them. A count over several events and a count of one are two measures,
//! however alike their words; two counts over several events, or two of one, are
//! compared as any two figures are.
//!
//! A running total kept over a period ("750 people have been killed so far this year",
//! "52 catches this season") sums up many events too, and is told from a count that
//! names no period.
//!
//! Only the nouns of incidents news sums up this way are read ("shootings", "attacks",
//! "crashes"), and only the periods news keeps totals over; whether two figures are one
//! measure is [`super::measure`].

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};

use crate::extract::{MONTH_NAMES, Quantity, QuantityKind, TIME_UNITS};
use crate::text::terms::words;

use super::past::year_named;

/// What a sentence says of how many events its figures belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Occasions {
    /// "in a shooting", "the attack", "one shooting that left ...". A possessive ("Sunday
    /// morning's shooting") does not say so: outlets that tell of two shootings near one
    /// campus are told by another as one.
    One,
    /// "in three overnight shootings", "separate shootings", "a pair of shootings".
    Several,
    /// A running total over a period that holds many events: "so far this year", "the
    /// 40th homicide of the year", "in the past week", "this season". It wins over the
    /// marks above: "a shooting, the city's 40th homicide this year" sums up the year.
    OverAPeriod,
    /// Neither, or both.
    Unsaid,
}

impl Occasions {
    /// True when one sentence counts over several events and the other counts one.
    pub(super) fn apart_from(self, other: Occasions) -> bool {
        matches!(
            (self, other),
            (Occasions::One, Occasions::Several) | (Occasions::Several, Occasions::One)
        )
    }

    /// True when one sentence keeps a running total over a period and the other does
    /// not, for a figure `of` that a total can be kept of: "More than 750 people have
    /// been killed in Chicago so far this year" is not "five people dead inside a
    /// home", unless the two sentences say largely the same (the caller's judgement;
    /// "more than 6,300 people have been infected within the past month" is one count
    /// whether or not the other sentence names the month). Days and spans of time are
    /// not totals: "in the last eight days" is the period itself.
    pub(super) fn one_keeps_a_total(self, other: Occasions, of: &Quantity) -> bool {
        (self == Occasions::OverAPeriod) != (other == Occasions::OverAPeriod)
            && of.kind != QuantityKind::Day
            && !is_time_unit(&of.unit)
    }
}

/// Incidents, singular, that news counts and sums up.
const INCIDENTS: &[&str] = &[
    "shooting",
    "attack",
    "bombing",
    "blast",
    "explosion",
    "crash",
    "stabbing",
    "robbery",
    "incident",
];

/// Words that, within [`MARK_WORDS`] before a plural incident noun, say there were
/// several: "separate shootings", "a pair of shootings", "two weekend shootings".
const SEVERAL: &[&str] = &[
    "separate", "multiple", "several", "pair", "string", "series", "spate", "rash", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "both",
];

/// Words that, right before a singular incident noun, say it is one: "a shooting",
/// "the attack", "one crash".
const ONE: &[&str] = &["a", "an", "the", "one", "this", "that"];

/// How many words before an incident noun are read for what marks it.
const MARK_WORDS: usize = 3;

/// The [`Occasions`] a sentence tells of.
pub(super) fn occasions_of(sentence: &str) -> Occasions {
    // Most sentences with a figure name no incident and no period: one pass over the
    // text tells so.
    let (may_name_a_period, may_name_an_incident) = cues_in(sentence);
    if !may_name_a_period && !may_name_an_incident {
        return Occasions::Unsaid;
    }
    let lowered = sentence.to_lowercase();
    let lower: Vec<&str> = words(&lowered).iter().map(|w| w.text).collect();
    let opens_with_the_period = matches!(lower.as_slice(), ["this", "year" | "season", ..]);
    if may_name_a_period
        && (opens_with_the_period || (0..lower.len()).any(|k| opens_a_period(&lower[k..])))
    {
        return Occasions::OverAPeriod;
    }
    let (mut one, mut several) = (false, false);
    for (k, word) in lower.iter().enumerate() {
        let before = &lower[k.saturating_sub(MARK_WORDS)..k];
        if is_plural_incident(word) {
            several |= before.iter().any(|w| is_several(w));
        } else if INCIDENTS.contains(word) {
            one |= before.last().is_some_and(|previous| ONE.contains(previous));
        }
    }
    match (one, several) {
        (true, false) => Occasions::One,
        (false, true) => Occasions::Several,
        _ => Occasions::Unsaid,
    }
}

/// Whether a sentence holds, in any case, one of the [`PERIOD_CUES`], and the stem of
/// one of the [`INCIDENTS`] ("robber" of "robbery", "robberies"): one pass of one
/// automaton over its text, with no lower-cased copy (a third less work than a copy and
/// a search per phrase). A letter outside ASCII whose lower case is in ASCII (the Kelvin
/// sign's "k") is read from a lower-cased copy, as before.
fn cues_in(sentence: &str) -> (bool, bool) {
    static CUES: OnceLock<AhoCorasick> = OnceLock::new();
    let cues = CUES.get_or_init(|| {
        let incident_stems = INCIDENTS.iter().map(|i| i.trim_end_matches('y'));
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(PERIOD_CUES.iter().copied().chain(incident_stems))
            .expect("the period cues and incident stems are a valid automaton")
    });
    let lowers_to_ascii = |c: char| !c.is_ascii() && c.to_lowercase().any(|l| l.is_ascii());
    let lowered;
    let text = if sentence.is_ascii() || !sentence.chars().any(lowers_to_ascii) {
        sentence
    } else {
        lowered = sentence.to_lowercase();
        &lowered
    };
    // Overlapping, so that no phrase of one list hides one of the other.
    let (mut period, mut incident) = (false, false);
    for found in cues.find_overlapping_iter(text) {
        if found.pattern().as_usize() < PERIOD_CUES.len() {
            period = true;
        } else {
            incident = true;
        }
        if period && incident {
            break;
        }
    }
    (period, incident)
}

/// Spans of time, singular.
const SPANS: &[&str] = &["year", "month", "week", "season", "quarter"];

/// True when the sentence names a span of time: a year ("in 2003"), or a word for one
/// ("in four years", "this month", "a 30-year campaign"; not "quarterback").
pub(super) fn names_a_span(sentence: &str) -> bool {
    let lower = sentence.to_ascii_lowercase();
    let names_a_year = lower
        .split(|c: char| !c.is_ascii_digit())
        .any(|digits| year_named(digits).is_some());
    // Most sentences name no span: one pass over the text for each word tells so.
    names_a_year
        || SPANS.iter().any(|span| lower.contains(span))
            && words(&lower).iter().any(|word| {
                let last = word.text.rsplit('-').next().unwrap_or(word.text);
                let noun = last.trim_end_matches("'s");
                SPANS
                    .iter()
                    .any(|span| noun == *span || noun.strip_prefix(span) == Some("s"))
            })
}

/// Phrases one of which is in every sentence [`opens_a_period`] finds a period in.
const PERIOD_CUES: &[&str] = &[
    "this year",
    "of the year",
    "this season",
    "of the season",
    "so far",
    "to date",
    "same period",
    "since ",
    "the past ",
    "the last ",
    "from 1",
    "from 2",
    "between 1",
    "between 2",
];

/// True for a unit of time, singular or plural ("day", "hours", "a decade"): a figure
/// in it is a span or a period's length, not a total.
fn is_time_unit(word: &str) -> bool {
    let singular = word.strip_suffix('s').unwrap_or(word);
    TIME_UNITS.contains(&singular) || matches!(singular, "decade" | "season")
}

/// True for a month named in full or cut short: "october", "oct", "sept".
fn is_month(word: &str) -> bool {
    word.len() >= 3 && MONTH_NAMES.iter().any(|month| month.starts_with(word))
}

/// True when `words` (lower-case) open with a period a running total is kept over:
/// "so far this year", "so far in 2016", "to date", "of the year" ("the 40th homicide
/// of the year"; not "the end of the year"), "this season", "the same period", "since
/// October", "since 2009", "since the start of", "from 1983 to 1987", "between 1984
/// and 1997", "in the past week", "over the last 24 hours". A day ("since Jan. 30") is
/// a day's figure and is read as such.
fn opens_a_period(words: &[&str]) -> bool {
    match words {
        ["so", "far", "this" | "in", ..] | ["to", "date", ..] | ["same", "period", ..] => true,
        [before, "of", "the", "year" | "season", ..] => !matches!(
            *before,
            "end" | "start" | "beginning" | "middle" | "rest" | "half" | "part" | "time"
        ),
        [before, "this", "year" | "season", ..] => {
            !matches!(*before, "earlier" | "later" | "of" | "by" | "until" | "in")
        }
        ["since", "the", "start" | "beginning", ..] => true,
        ["since", first, rest @ ..] => {
            let month_alone = is_month(first)
                && !rest
                    .first()
                    .is_some_and(|w| w.parse::<u32>().is_ok_and(|d| d <= 31));
            month_alone || year_named(first).is_some()
        }
        [
            "from" | "between",
            first,
            "to" | "and" | "through",
            last,
            ..,
        ] => year_named(first).is_some() && year_named(last).is_some(),
        [
            "in" | "over" | "during" | "within",
            "the",
            "past" | "last",
            rest @ ..,
        ] => rest.iter().take(2).any(|w| is_time_unit(w)),
        _ => false,
    }
}

/// "shootings", "crashes", "robberies".
fn is_plural_incident(word: &str) -> bool {
    INCIDENTS.iter().any(|incident| {
        word.strip_prefix(incident)
            .is_some_and(|rest| rest == "s" || rest == "es")
            || incident
                .strip_suffix('y')
                .is_some_and(|stem| word.strip_prefix(stem) == Some("ies"))
    })
}

/// A word that says there were several: one of [`SEVERAL`] or a number of two or more
/// in digits.
fn is_several(word: &str) -> bool {
    SEVERAL.contains(&word) || word.parse::<u32>().is_ok_and(|n| n >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_time_are_told_from_words_that_open_alike() {
        for named in [
            "Wildfires closed the park six times in four years.",
            "ETA has killed 800 people in its 30-year campaign.",
            "The fourth quarter's sales rose.",
            "Sales rose in 2003.",
            "Sales in 2003 were a yearly high.",
        ] {
            assert!(names_a_span(named), "{named}");
        }
        for none in [
            "The quarterback threw two touchdown passes.",
            "He has also caught eight passes.",
        ] {
            assert!(!names_a_span(none), "{none}");
        }
    }

    #[test]
    fn running_totals_over_a_period_are_told_from_counts_of_one_event() {
        let of = occasions_of;
        for total in [
            "More than 750 people have been killed in Chicago so far this year.",
            "The death marked the city's 40th homicide of the year.",
            "It was his second 200-yard game this season.",
            "Gray had been arrested three times since October.",
            "Police said 12 people were shot in the past week.",
            "The death squads killed 27 people from 1983 to 1987.",
            "This year, 34 officers died.",
            "An 8 percent increase over the same period last year, when 62 officers were killed.",
            "A man was killed in a shooting Saturday, the city's 40th homicide since January.",
        ] {
            assert_eq!(of(total), Occasions::OverAPeriod, "{total}");
        }
        for one_event in [
            "Five people were found dead inside a home.",
            "The company plans to have 2,100 by the end of the year.",
            "Earlier this year, a man was shot in the same block.",
            "He had not been seen since Jan. 30.",
            "Nobody has been arrested so far.",
            "Police said 12 people were shot last week.",
        ] {
            assert_ne!(of(one_event), Occasions::OverAPeriod, "{one_event}");
        }
        let (people, days) = (
            crate::extract::quantities_in("Two people were hurt.").remove(0),
            crate::extract::quantities_in("It lasted eight days.").remove(0),
        );
        let total = Occasions::OverAPeriod;
        assert!(total.one_keeps_a_total(Occasions::Unsaid, &people));
        assert!(Occasions::One.one_keeps_a_total(total, &people));
        assert!(!total.one_keeps_a_total(total, &people));
        assert!(
            !total.one_keeps_a_total(Occasions::Unsaid, &days),
            "a period's length is not a total kept over it"
        );
    }

    #[test]
    fn sums_over_several_incidents_are_told_from_counts_of_one() {
        let of = occasions_of;
        assert_eq!(
            of("Two people were killed and four others wounded in separate shootings."),
            Occasions::Several
        );
        assert_eq!(
            of("One person is dead and five others are injured in three overnight shootings."),
            Occasions::Several
        );
        assert_eq!(
            of("Police said two people were killed in a pair of shootings."),
            Occasions::Several
        );
        assert_eq!(
            of("The crashes left 3 dead."),
            Occasions::Unsaid,
            "a plural with no mark"
        );
        assert_eq!(
            of("A shooting left two people dead and three others wounded."),
            Occasions::One
        );
        assert_eq!(
            of("Sunday morning's shooting killed one and wounded five others."),
            Occasions::Unsaid,
            "a possessive does not count the shootings"
        );
        assert_eq!(
            of("The shootings included one shooting that left one person dead."),
            Occasions::One
        );
        assert_eq!(
            of("Two people were shot at the party on Sunday."),
            Occasions::Unsaid
        );
        assert_eq!(
            of("Two shootings followed the attack."),
            Occasions::Unsaid,
            "both"
        );
        assert!(Occasions::One.apart_from(Occasions::Several));
        assert!(!Occasions::One.apart_from(Occasions::Unsaid));
        assert!(!Occasions::Several.apart_from(Occasions::Several));
    }

    /// The cues as a lower-cased copy and a search per phrase find them.
    fn cues_by_copy(sentence: &str) -> (bool, bool) {
        let lowered = sentence.to_lowercase();
        let holds = |phrase: &str| lowered.contains(phrase);
        (
            PERIOD_CUES.iter().any(|cue| holds(cue)),
            INCIDENTS.iter().any(|i| holds(i.trim_end_matches('y'))),
        )
    }

    #[test]
    fn cues_are_found_in_any_case_in_one_pass() {
        for sentence in [
            "SO FAR THIS YEAR, 40 people were killed.",
            "Two Robberies and a STABBING were reported.",
            "In a shooting Tuesday, three people were hurt.",
            "Police say the shooter fired since Monday.",
            "Four people died. Nothing else is said.",
            "“Since June,” he said, “two attacks.”",
            "An ATTAC\u{212A} (the Kelvin sign, which lowers to k) was reported.",
            "From 2001 to 2004, the crash site was closed.",
            "Théâtre attaque: the attacker fled.",
            "",
        ] {
            assert_eq!(cues_in(sentence), cues_by_copy(sentence), "{sentence}");
        }
        assert_eq!(cues_in("Two shootings so far this year."), (true, true));
        assert_eq!(cues_in("He walked home."), (false, false));
    }
}
