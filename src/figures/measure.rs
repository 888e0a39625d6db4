//! Measures: whether two figures count the same thing, from their units, complements
//! and roles, and from how much of their sentences' *context* (their terms, numbers
//! aside) they share.
//!
//! A *cue* is what a figure brings to that judgement ([`MeasureCues`]); a *bucket
//! unit* groups figures whose units may be one measure. Whether the values conflict
//! is [`super::disagree`].

use crate::extract::{
    AGE_UNIT, ELIDED_UNIT, Quantity, QuantityKind, TIME_UNITS, WEEKDAY_UNIT, holders_differ,
    is_distinct_role, is_expectation, is_general_person_unit, is_time_ago,
};
use crate::text::key::Key;
use crate::text::terms::{Term, shared_count};

use super::Figure;
use super::occasions::{Occasions, names_a_span, occasions_of};
use super::past::Years;

/// Two sentences are about the same matter when this share of the smaller one's terms
/// (numbers aside) appears in the other.
const CONTEXT_OVERLAP: f64 = 0.3;
/// ... and at least this many terms are shared.
pub(super) const CONTEXT_MIN_SHARED: usize = 2;
/// Context overlap at which figures with different verbs are still one measure.
const CONTEXT_OVERLAP_DESPITE_ROLES: f64 = 0.6;
/// Context overlap needed where a measure alone says little of which event it belongs
/// to: the day of an event, a time counted back from the day of writing ("eight days
/// ago"), a place in a series (a story names many days and many rounds, each of
/// another event), and people named by two nouns.
const CONTEXT_OVERLAP_STRICT: f64 = 0.6;

/// True when two figures measure the same thing, judged from the quantities and the
/// words of the sentences around them.
pub fn same_measure(a: &Figure, b: &Figure) -> bool {
    let (keys_a, keys_b) = (context_keys(a.context), context_keys(b.context));
    let (years_a, years_b) = (
        Years::of(a.sentence_text, a.written_on),
        Years::of(b.sentence_text, b.written_on),
    );
    same_measure_in(
        a,
        b,
        &MeasureCues::of(a, &keys_a, &years_a, occasions_of(a.sentence_text)),
        &MeasureCues::of(b, &keys_b, &years_b, occasions_of(b.sentence_text)),
        &mut || false,
    )
}

/// What [`same_measure_in`] reads of a figure besides its quantity, worked out once per
/// figure: a story compares each figure with many others.
pub(super) struct MeasureCues<'k> {
    /// The [`context_keys`] of its sentence.
    pub(super) keys: &'k [usize],
    /// Its role is one of the known distinct ones ([`is_distinct_role`]).
    pub(super) distinct_role: bool,
    /// The earlier years its sentence tells of ([`Years`]).
    pub(super) years: &'k Years,
    /// Whether its sentence tells of one event or sums up several ([`Occasions`]).
    pub(super) occasions: Occasions,
    /// It is a gap between two events, not a span ([`is_offset`]).
    pub(super) offset: bool,
    /// It is its article's first toll of what one known happening befell
    /// (`super::links`).
    pub(super) leads: bool,
    /// The names written between its number and its noun
    /// ([`Quantity::names_before_the_noun`]).
    pub(super) names: Vec<Key>,
}

impl<'k> MeasureCues<'k> {
    pub(super) fn of(
        figure: &Figure,
        keys: &'k [usize],
        years: &'k Years,
        occasions: Occasions,
    ) -> MeasureCues<'k> {
        MeasureCues {
            keys,
            distinct_role: figure.quantity.role.is_some_and(|r| is_distinct_role(&r)),
            years,
            occasions,
            offset: is_offset(figure),
            leads: false,
            names: figure.quantity.names_before_the_noun(),
        }
    }
}

/// [`same_measure`], given each figure's [`MeasureCues`]; where the sentences share
/// enough to be about one matter but not as much as the figures need, `one_fact` (asked
/// at most once) may say they state one fact, and then the figures are one measure.
pub(super) fn same_measure_in(
    a: &Figure,
    b: &Figure,
    cues_a: &MeasureCues,
    cues_b: &MeasureCues,
    one_fact: &mut dyn FnMut() -> bool,
) -> bool {
    let (qa, qb) = (a.quantity, b.quantity);
    if !same_unit(qa, qb) || qa.kind != qb.kind && (is_ordinal(qa) || is_ordinal(qb)) {
        return false;
    }
    let both_roles_differ = matches!((&qa.role, &qb.role), (Some(ra), Some(rb)) if ra != rb);
    // "13 people were shot" and "about 100 people in that space": a count said to
    // have something happen to it and one that is not are one measure only in
    // sentences that say largely the same.
    let roles_differ = both_roles_differ || qa.role.is_some() != qb.role.is_some();
    if told_apart(a, b, cues_a, cues_b, both_roles_differ) {
        return false;
    }
    // "Sunday's game" is the game's day, not the day of an arrest told beside it.
    if qa.unit == WEEKDAY_UNIT && qa.complement != qb.complement {
        return false;
    }
    let of_another_time = may_be_of_another_time(qa, qb, cues_a, cues_b);
    // Each article's first toll of one happening is the event's: "a shooting that killed
    // 2 people and injured 10 people" and "left two people dead and eight others
    // injured" are one toll however little else their sentences share ("others" there
    // are all the injured, besides the dead).
    if !of_another_time && leads_alike(cues_a, cues_b, qa, qb) {
        return true;
    }
    // People named by two nouns ("five teens", "six people") are one count said two
    // ways only in sentences about the same matter: the narrower noun most often
    // counts a group within the whole ("11 residents" of a town, "at least 40
    // people" of a province; "four suspected ETA members" among "800 people").
    // A group named in an earlier sentence ("All three were studied") is the same group
    // only where the two sentences say largely the same.
    let strict =
        of_another_time || qa.part != qb.part || qa.unit != qb.unit || qa.unit == ELIDED_UNIT;
    match (&qa.complement, &qb.complement) {
        (Some(ca), Some(cb)) if ca != cb => return false,
        (Some(_), Some(_))
            if !roles_differ
                && !strict
                && complement_tells_which(qa)
                && complement_tells_which(qb) =>
        {
            return true;
        }
        _ => {}
    }
    // "launched 653 drones" and "intercepted 585 drones" count different things; but
    // in two sentences that say largely the same, different verbs are two ways of
    // saying one thing ("submitted" and "turned in" signatures). Largely the same both
    // ways: "held two people hostage" in a long account of a rampage is not "fatally
    // shot six people" in a short one, however much of the short one the long holds.
    if both_roles_differ
        && share_of_the_longer(cues_a.keys, cues_b.keys) < DIFFERENT_VERBS_OF_LONGER
    {
        return false;
    }
    let needed = if roles_differ || strict {
        CONTEXT_OVERLAP_DESPITE_ROLES.max(CONTEXT_OVERLAP_STRICT)
    } else {
        CONTEXT_OVERLAP
    };
    context_overlap(cues_a.keys, cues_b.keys)
        .is_some_and(|o| o >= needed || o >= CONTEXT_OVERLAP && one_fact())
}

/// True when two figures of one unit are other counts whatever their sentences share:
/// what befell them, whose they are, or when, tells them apart.
fn told_apart(
    a: &Figure,
    b: &Figure,
    cues_a: &MeasureCues,
    cues_b: &MeasureCues,
    both_roles_differ: bool,
) -> bool {
    let (qa, qb) = (a.quantity, b.quantity);
    // "killed 3" and "wounded 5", "arrested 130" and "evacuated 200": a known verb
    // against any other verb is another count.
    // And of people, "13 people were wounded" is not "about 100 people at the party":
    // a known verb against none is another count too. (Of amounts, "rose 8 percent"
    // and "8 percent" are one: a price moves, people are counted by what befell them.)
    let one_sided = qa.role.is_some() != qb.role.is_some() && qa.person && qb.person;
    let known_roles_differ =
        (both_roles_differ || one_sided) && (cues_a.distinct_role || cues_b.distinct_role);
    // "Last year, a 6.4-magnitude quake" is another quake than the story's.
    // "Richard Carter scored 14 points" and "Seth VanDeest scored 13 points" are two
    // players' points; "four others wounded in separate shootings" sums what "a
    // shooting that left three others wounded" counts one of; "nine days before the
    // inauguration" is a gap between two events, "in about 30 days" a wait.
    known_roles_differ
        || holders_differ(qa.holder.as_ref(), qb.holder.as_ref())
        || expected_against_done(qa, qb)
        || cues_a.occasions.apart_from(cues_b.occasions)
        || total_against_an_undated_count(a, b, cues_a, cues_b)
        || cues_a.offset != cues_b.offset
        || cues_a.years.apart_from(cues_b.years)
        || prices_what_the_other_does_not_name(qa, cues_b)
        || prices_what_the_other_does_not_name(qb, cues_a)
        || named_apart(&cues_a.names, &cues_b.names)
}

/// True when both figures name whose or which things they count (their
/// [`MeasureCues::names`]), and the names share none: "one Yemeni passport" and "two
/// U.S. passports", "15 Republican senators" and "12 Democratic senators" are counts of
/// different things.
fn named_apart(names_a: &[Key], names_b: &[Key]) -> bool {
    !names_a.is_empty() && !names_b.is_empty() && !names_a.iter().any(|name| names_b.contains(name))
}

/// True when a sum is the price of a thing ("a $43,000 Rolex watch") that the other
/// sentence (its [`MeasureCues`]) does not name: "spent $750,000 in campaign cash" is
/// not what the watch cost, however much else the two sentences share.
fn prices_what_the_other_does_not_name(q: &Quantity, other: &MeasureCues) -> bool {
    q.priced
        && !q
            .priced_words()
            .iter()
            .any(|word| other.keys.binary_search(&word.address()).is_ok())
}

/// Share of the longer sentence's terms (numbers aside) that two sentences giving a
/// count different verbs must share.
const DIFFERENT_VERBS_OF_LONGER: f64 = 0.5;

/// The share of the longer sentence's terms (numbers aside) found in the other.
fn share_of_the_longer(a: &[usize], b: &[usize]) -> f64 {
    shared_count(a, b) as f64 / a.len().max(b.len()).max(1) as f64
}

/// True when a figure's complement says which thing it measures, so that two figures
/// with one complement measure one thing: "three days of talks", "two counts of
/// murder", the age of one name, the day of one game. Not the whole a percentage is a
/// share of ("68 per cent of Greeks" believe one thing in one poll, "83.3 percent of
/// Greeks" another in the next), nor the noun a compound describes ("a 41-yard
/// touchdown pass", "an 18-year law enforcement officer", "a four-time NBA all-star"):
/// that says what kind of thing it is, and a story tells of many passes, officers and
/// honours.
pub(super) fn complement_tells_which(q: &Quantity) -> bool {
    if q.complement.is_none() {
        return false;
    }
    if q.unit == AGE_UNIT || q.kind == QuantityKind::Day {
        return true;
    }
    q.unit != "percent"
        && q.text
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("of"))
}

/// True when two figures may be of different times, so that they are one measure only
/// in sentences about the same matter: a day or a place in a series (a story names many
/// days and rounds, each of another event), a time counted back from the day of writing
/// ("eight days ago"), a sentence of an earlier year (it may tell of two events of it:
/// "last year" a 6.4 and an 8.6 quake), and a running total ("750 killed so far this
/// year") against a count that is not.
fn may_be_of_another_time(
    qa: &Quantity,
    qb: &Quantity,
    cues_a: &MeasureCues,
    cues_b: &MeasureCues,
) -> bool {
    matches!(qa.kind, QuantityKind::Day | QuantityKind::Ordinal)
        || cues_a.years.opens_in.is_some()
        || cues_b.years.opens_in.is_some()
        || is_time_ago(qa)
        || is_time_ago(qb)
        || cues_a.occasions.one_keeps_a_total(cues_b.occasions, qa)
}

/// True when both figures are their articles' first tolls of one happening
/// ([`MeasureCues::leads`]), counted in one noun or in two for people in general ("11
/// residents of Manokwari" may be part of "40 people across Papua"), in sentences that
/// share a few words at least ("a shooting that killed 2 people and injured 10 people",
/// "the nightclub shooting that left two people dead and eight others injured").
pub(super) fn leads_alike(
    cues_a: &MeasureCues,
    cues_b: &MeasureCues,
    qa: &Quantity,
    qb: &Quantity,
) -> bool {
    let general = |q: &Quantity| is_general_person_unit(&q.unit);
    cues_a.leads
        && cues_b.leads
        && qa.role == qb.role
        && (qa.unit == qb.unit || general(qa) && general(qb))
        && context_overlap(cues_a.keys, cues_b.keys).is_some()
}

/// True when one figure is a running total over a period ("More than 750 people have
/// been killed in Chicago so far this year", "caught 52 passes ... this season") and
/// the other's sentence names no span of time at all ("five people dead inside a
/// home", "He has also caught eight passes"): in a story of an event, a count that
/// names no period is of the event. Where the other names a span of its own ("in
/// 2003", "in four years"), it may be the same total told another way, and the two are
/// one measure only in sentences about the same matter.
fn total_against_an_undated_count(
    a: &Figure,
    b: &Figure,
    cues_a: &MeasureCues,
    cues_b: &MeasureCues,
) -> bool {
    if !cues_a
        .occasions
        .one_keeps_a_total(cues_b.occasions, a.quantity)
    {
        return false;
    }
    let count = if cues_a.occasions == Occasions::OverAPeriod {
        b
    } else {
        a
    };
    !names_a_span(count.sentence_text)
}

/// True for a time that sets one event from another ("one day after placing Ivory on
/// injured reserve", "nine days before the inauguration", "found safe after seven
/// days"): a gap between two events, not how long something took or is to take ("the
/// first 30 seconds after he entered the ring" is a span).
fn is_offset(figure: &Figure) -> bool {
    let (q, sentence) = (figure.quantity, figure.sentence_text);
    if !TIME_UNITS.contains(&q.unit.as_str()) {
        return false;
    }
    let word_before = sentence
        .get(..q.start)
        .and_then(|before| before.split_whitespace().next_back())
        .map(str::to_lowercase);
    let word_after = sentence
        .get(q.end..)
        .and_then(|after| after.split_whitespace().next())
        .map(|w| w.trim_end_matches([',', '.']));
    !matches!(
        word_before.as_deref(),
        Some("first" | "last" | "next" | "past")
    ) && (word_before.as_deref() == Some("after")
        || matches!(word_after, Some("after" | "before" | "later" | "earlier")))
}

/// True when one figure is what was needed, expected or forecast and the other is not
/// ("needed nine points to pass Ford", "scored 20 points"): the two are never one
/// measure, whatever the sentences share.
fn expected_against_done(a: &Quantity, b: &Quantity) -> bool {
    let expected = |q: &Quantity| q.role.is_some_and(|r| is_expectation(&r));
    expected(a) != expected(b)
}

/// True when two figures count in one unit: the same noun, two nouns for the same
/// things ([`compared_unit`]), or two nouns for people one of which is a general one
/// ("36,000 people" and "72,007 Americans"; not "two Iraqis" and "two Saudis").
fn same_unit(a: &Quantity, b: &Quantity) -> bool {
    a.unit == b.unit
        || compared_unit(a.unit.as_str()) == compared_unit(b.unit.as_str())
        || a.person
            && b.person
            && (is_general_person_unit(&a.unit) || is_general_person_unit(&b.unit))
            && !perpetrators_against_others(a, b)
}

/// True when one of two counts of people counts those who did a crime and the other
/// counts people in general, with nothing the same said of both: "One suspect is a
/// 26-year-old man" is not "Two others were shot". "Two suspects were arrested" and
/// "three people were arrested" are one count.
fn perpetrators_against_others(a: &Quantity, b: &Quantity) -> bool {
    (is_perpetrator(&a.unit) || is_perpetrator(&b.unit)) && !(a.role.is_some() && a.role == b.role)
}

/// Nouns (singular) for those who did a crime.
pub(super) fn is_perpetrator(unit: &str) -> bool {
    matches!(
        unit,
        "suspect"
            | "gunman"
            | "shooter"
            | "attacker"
            | "assailant"
            | "robber"
            | "killer"
            | "perpetrator"
            | "bomber"
            | "hijacker"
            | "sniper"
    )
}

/// The unit figures are put together by before [`same_unit`] is asked: people in any
/// noun are one bucket.
pub(super) fn bucket_unit(q: &Quantity) -> &'static str {
    if q.person {
        "people"
    } else {
        compared_unit(q.unit.as_str())
    }
}

/// The unit a figure is compared in: its own, or, for a noun news writes for the same
/// thing as another, that other noun. "22 nations" and "51 countries" are one count,
/// and so are "385 planes" and "777 aircraft". Only nouns that name the same things; a
/// narrower noun ("infants" among "children", "towns" among "cities") may count part
/// of the whole.
fn compared_unit(unit: &'static str) -> &'static str {
    match unit {
        "nation" => "country",
        "aircraft" | "airplane" | "airliner" | "jet" => "plane",
        "kid" => "child",
        "troop" => "soldier",
        "championship" => "title",
        "house" => "home",
        "firm" => "company",
        "firearm" => "gun",
        "vessel" => "ship",
        "automobile" => "car",
        _ => unit,
    }
}

fn is_ordinal(q: &Quantity) -> bool {
    q.kind == QuantityKind::Ordinal
}

/// A sentence's distinct terms, numbers aside, as sorted key numbers
/// ([`Key::address`](crate::text::key::Key::address)): what [`context_overlap`] reads.
pub(super) fn context_keys(terms: &[Term]) -> Vec<usize> {
    let mut keys: Vec<usize> = terms
        .iter()
        .filter(|t| !t.is_number())
        .map(|t| t.key.address())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// True when two sentences (their [`context_keys`]) share at least
/// [`LARGELY_THE_SAME`] of the shorter one's terms.
pub(super) fn largely_alike(a: &[usize], b: &[usize]) -> bool {
    context_overlap(a, b).is_some_and(|o| o >= LARGELY_THE_SAME)
}

/// Share of the shorter sentence's terms in both at which two sentences say largely the
/// same ([`say_largely_the_same`]).
const LARGELY_THE_SAME: f64 = 0.5;

/// True when two sentences say largely the same of two figures in `units` (their
/// units' terms, sorted): at least half the shorter sentence's terms (numbers aside)
/// and a third of the longer one's are in both, the units set aside. Then the figures'
/// own neighbourhoods need not share a word (`links`).
///
/// The units are set aside because figures are compared only when they count in one
/// unit, so their sentences share it whatever they say: "He wound up with eight catches
/// for 101 yards" shares "catch" and "yard" with "He has 53 catches for 605 yards", and
/// nothing else. The longer sentence counts too: all of "Charles finished with 226
/// yards" is in a long sentence about Hillis finishing with 101 yards, which is
/// mostly about other things.
pub(super) fn say_largely_the_same(a: &[usize], b: &[usize], units: &[usize]) -> bool {
    let units_in = |keys: &[usize]| {
        units
            .iter()
            .filter(|u| keys.binary_search(u).is_ok())
            .count()
    };
    let in_both = units
        .iter()
        .filter(|u| a.binary_search(u).is_ok() && b.binary_search(u).is_ok())
        .count();
    let shared = (shared_count(a, b) - in_both) as f64;
    let (len_a, len_b) = (a.len() - units_in(a), b.len() - units_in(b));
    let share_of = |len: usize| shared / len.max(1) as f64;
    shared >= CONTEXT_MIN_SHARED as f64
        && share_of(len_a.min(len_b)) >= LARGELY_THE_SAME
        && share_of(len_a.max(len_b)) >= LARGELY_THE_SAME_OF_LONGER
}

/// Share of the longer sentence's terms in both at which two sentences say largely the
/// same ([`say_largely_the_same`]).
const LARGELY_THE_SAME_OF_LONGER: f64 = 0.3;

/// True when two sentences (their [`context_keys`]) share enough to be about one
/// matter at all: what two figures of the same measure need at the least.
pub(super) fn about_one_matter(a: &[usize], b: &[usize]) -> bool {
    context_overlap(a, b).is_some_and(|o| o >= CONTEXT_OVERLAP)
}

/// The share of the smaller sentence's terms (numbers aside) found in the other, when
/// they share enough terms to be about one matter at all.
fn context_overlap(a: &[usize], b: &[usize]) -> Option<f64> {
    let shared = shared_count(a, b);
    let smaller = a.len().min(b.len()).max(1);
    (shared >= CONTEXT_MIN_SHARED).then(|| shared as f64 / smaller as f64)
}
