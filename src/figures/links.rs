//! Links: every pair of figures of one measure in different sentences of a story, with
//! their relation, grouped by pair of sentences.
//!
//! A *link* joins two figures (the earlier sentence's first); a *place* is a figure's
//! (article, sentence). Which pairs are judged at all in a large story is
//! [`super::candidates`]; choosing among the links of two sentences is
//! [`super::pairing`].

use std::borrow::Cow;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::extract::{AGE_UNIT, Quantity, QuantityKind, bounds, is_distinct_role};
use crate::text::key::Key;
use crate::text::terms::{number_key, shared_count, terms_of};

use super::Figure;
use super::candidates::candidate_pairs;
use super::days::{counts_to_the_other_day, days_not_compared, one_night_told_twice, share_a_name};
use super::disagree::{Range, Relation, relation_of};
use super::measure::{
    MeasureCues, about_one_matter, bucket_unit, complement_tells_which, context_keys,
    is_perpetrator, largely_alike, leads_alike, same_measure_in, say_largely_the_same,
};
use super::occasions::{Occasions, occasions_of};
use super::pairing::local_words;
use super::past::Years;

/// Where a figure was read: (article, sentence).
pub(super) type Place = (usize, usize);

pub(super) fn place_of(figure: &Figure) -> Place {
    (figure.article, figure.sentence)
}

/// Two figures of the same measure in different sentences; `a` is in the sentence that
/// comes first.
pub(super) struct Link {
    /// The two sentences, as one number that is equal for links between the same two.
    pub(super) sentences: u64,
    pub(super) a: usize,
    pub(super) b: usize,
    pub(super) relation: Relation,
}

/// Every same-measure pair of figures, the links between one pair of sentences together
/// (in no particular order: [`paired`] orders them itself). Only figures of one unit are
/// compared, and of those only pairs that could be one measure ([`candidate_pairs`]).
/// With them, the [`local_words`] of each figure that were read to judge a link (the
/// rest `None`). Where the words of two sentences do not settle whether two figures are
/// one measure, `one_fact` is asked whether the sentences state one fact but for those
/// figures ([`OneFact`]).
pub(super) fn links_between_sentences(
    figures: &[Figure],
    one_fact: &dyn Fn(&Figure, &Figure) -> bool,
) -> (Vec<Link>, Vec<Option<Vec<usize>>>) {
    let sentences = Sentences::of(figures);
    let keys: Vec<&[usize]> = sentences
        .of_figure
        .iter()
        .map(|&s| sentences.keys[s as usize].as_slice())
        .collect();
    let cues = cues_of(figures, &sentences, &keys);
    let ranges: Vec<Range> = figures.iter().map(|f| bounds(f.quantity)).collect();
    let shared_names = names_of_several_people(figures);
    let unit_keys = keys_of_units(figures);
    let place = |i: usize| place_of(&figures[i]);
    // "them and three others": a count beside people a pronoun stands for is part of a
    // toll, set only against another such part.
    let beside: Vec<bool> = figures.iter().map(counts_beside_named_ones).collect();
    let mut links: Vec<Link> = Vec::new();
    let mut local: Vec<Option<Vec<usize>>> = vec![None; figures.len()];
    let mut judge = OneFact {
        figures,
        sentences: &sentences,
        keys: &keys,
        ask: one_fact,
        judged: FxHashMap::default(),
    };
    for members in figures_by_unit(figures).values() {
        for (i, j) in candidate_pairs(members, figures, &keys) {
            // Two values of one unit in one article are, far more often than not, two
            // things its writer told apart: only sources are set against each other.
            if figures[i].article == figures[j].article
                || beside[i] != beside[j]
                || is_age_of_any(&figures[i], &shared_names)
                || is_age_of_any(&figures[j], &shared_names)
                || !same_measure_in(&figures[i], &figures[j], &cues[i], &cues[j], &mut || {
                    judge.says(i, j)
                })
            {
                continue;
            }
            let (a, b) = if place(i) < place(j) { (i, j) } else { (j, i) };
            if days_not_compared(&figures[a], &figures[b]) {
                continue;
            }
            let units = units_of(&unit_keys, &figures[a], &figures[b]);
            let (qa, qb) = (figures[a].quantity, figures[b].quantity);
            if !leads_alike(&cues[a], &cues[b], qa, qb)
                && !say_largely_the_same(keys[a], keys[b], &units)
                && !one_thing_beside_both(figures, (a, b), &cues[a], &mut local)
                && !judge.says(a, b)
            {
                continue;
            }
            links.push(Link {
                sentences: sentences.pair(a, b),
                a,
                b,
                relation: relation_between(&figures[a], &figures[b], ranges[a], ranges[b]),
            });
        }
    }
    // Grouped by pair of sentences: sorting is cheaper than a map of growing lists when
    // a large story has tens of thousands of links.
    links.sort_by_key(|link| link.sentences);
    (links, local)
}

/// The figures by the unit they are compared in ([`bucket_unit`]).
fn figures_by_unit<'f>(figures: &[Figure<'f>]) -> FxHashMap<&'f str, Vec<usize>> {
    let mut by_unit: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, figure) in figures.iter().enumerate() {
        by_unit
            .entry(bucket_unit(figure.quantity))
            .or_default()
            .push(i);
    }
    by_unit
}

/// Each figure's [`MeasureCues`], from its sentence's.
fn cues_of<'s>(
    figures: &[Figure],
    sentences: &'s Sentences,
    keys: &[&'s [usize]],
) -> Vec<MeasureCues<'s>> {
    figures
        .iter()
        .zip(keys)
        .zip(&sentences.of_figure)
        .map(|((figure, keys), &s)| {
            MeasureCues::of(
                figure,
                keys,
                &sentences.years[s as usize],
                sentences.occasions[s as usize],
            )
        })
        .zip(first_tolls(figures))
        .map(|(mut cues, leads)| {
            cues.leads = leads;
            cues
        })
        .collect()
}

/// Sentences from an article's start within which its first toll is its event's: news
/// tells what happened first, and an article's later tolls are as often of other
/// incidents, earlier ones or a year's.
const LEAD_SENTENCES: usize = 3;

/// Whether each figure is its article's first count of people that one known happening
/// befell ("killed", "injured"), within its first [`LEAD_SENTENCES`] sentences.
fn first_tolls(figures: &[Figure]) -> Vec<bool> {
    let mut first: FxHashMap<(usize, Key), usize> = FxHashMap::default();
    for (i, figure) in figures.iter().enumerate() {
        let q = figure.quantity;
        if !q.person || figure.sentence >= LEAD_SENTENCES {
            continue;
        }
        let Some(role) = q.role.filter(|r| is_distinct_role(r)) else {
            continue;
        };
        let at = |k: usize| (figures[k].sentence, figures[k].quantity.start);
        let slot = first.entry((figure.article, role)).or_insert(i);
        if at(i) < at(*slot) {
            *slot = i;
        }
    }
    let mut leads = vec![false; figures.len()];
    for i in first.into_values() {
        leads[i] = true;
    }
    leads
}

/// True when a figure counts people besides those a pronoun right before it stands
/// for ("left them and three others dead", "he and six others were shot"): part of a
/// toll, never the whole one another sentence gives. (A name there may as well be
/// a place or a day: "killed in Chicago and three others wounded".)
fn counts_beside_named_ones(figure: &Figure) -> bool {
    let before = figure.sentence_text.get(..figure.quantity.start);
    let Some(rest) = before.and_then(|b| b.trim_end().strip_suffix(" and")) else {
        return false;
    };
    let named = rest
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        named.as_str(),
        "he" | "she" | "him" | "her" | "they" | "them"
    )
}

/// How two linked figures' values relate: as [`relation_of`] reads them, except that
/// the ages of one person in articles written apart, two days of one night, and a toll
/// with the gunman against one without him differ only slightly.
fn relation_between(a: &Figure, b: &Figure, range_a: Range, range_b: Range) -> Relation {
    if ages_fit_their_dates(a, b)
        || one_night_told_twice(a, b)
        || counts_to_the_other_day(a, b)
        || counts_to_the_other_day(b, a)
    {
        return Relation::Minor;
    }
    let relation = relation_of(a.quantity, b.quantity, range_a, range_b);
    if relation == Relation::Conflict
        && (counts_the_gunman_too(a, b) || counts_the_gunman_too(b, a))
    {
        Relation::Minor
    } else {
        relation
    }
}

/// True when `with` counts the dead "including the gunman" (or another who did the
/// crime: [`is_perpetrator`]) and `without` is one fewer: the same dead, the one who
/// killed them counted or not.
fn counts_the_gunman_too(with: &Figure, without: &Figure) -> bool {
    if with.quantity.value != without.quantity.value + 1.0 {
        return false;
    }
    let text = with.sentence_text.to_lowercase();
    text.split("including the ").skip(1).any(|after| {
        let noun = after
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        is_perpetrator(noun)
    })
}

/// The caller's judgement of whether two sentences state one fact but for their
/// figures, asked only of sentences about one matter ([`about_one_matter`]) whose words
/// alone do not settle whether two of their figures are one measure, and once for each
/// two sentences.
struct OneFact<'j, 'f> {
    figures: &'j [Figure<'f>],
    sentences: &'j Sentences,
    keys: &'j [&'j [usize]],
    ask: &'j dyn Fn(&Figure, &Figure) -> bool,
    judged: FxHashMap<u64, bool>,
}

impl OneFact<'_, '_> {
    /// Whether the sentences of figures `i` and `j` state one fact but for their figures.
    fn says(&mut self, i: usize, j: usize) -> bool {
        let place = |k: usize| place_of(&self.figures[k]);
        let (a, b) = if place(i) < place(j) { (i, j) } else { (j, i) };
        // A day is what tells apart events told in one formula ("Earlier Tuesday, a
        // 32-year-old man was shot in ...", "Earlier Friday, a 64-year-old man was
        // killed in ..."), which the fact model reads as one: days ask it only of
        // sentences largely alike that name one subject.
        if self.figures[a].quantity.kind == QuantityKind::Day
            && !(largely_alike(self.keys[a], self.keys[b])
                && share_a_name(self.figures[a].context, self.figures[b].context))
        {
            return false;
        }
        let (figures, keys, ask) = (self.figures, self.keys, self.ask);
        *self
            .judged
            .entry(self.sentences.pair(a, b))
            .or_insert_with(|| about_one_matter(keys[a], keys[b]) && ask(&figures[a], &figures[b]))
    }
}

/// In sentences that do not say largely the same, two figures (`a` and `b`) are one
/// measure only when they say they count one thing and the words either side of them
/// share one: a long article's sentence shares a story's words with many others, and
/// "11 months" of one treatment is not "six months" of another. Fills `local` with the
/// [`local_words`] it reads.
fn one_thing_beside_both(
    figures: &[Figure],
    (a, b): (usize, usize),
    cues_a: &MeasureCues,
    local: &mut [Option<Vec<usize>>],
) -> bool {
    if !said_of_one_thing(&figures[a], &figures[b], cues_a) {
        return false;
    }
    for k in [a, b] {
        if local[k].is_none() {
            local[k] = Some(local_words(&figures[k]));
        }
    }
    match (&local[a], &local[b]) {
        (Some(words_a), Some(words_b)) => shared_count(words_a, words_b) > 0,
        _ => true,
    }
}

/// The [`context_keys`] of each unit the figures count in.
fn keys_of_units(figures: &[Figure]) -> FxHashMap<Key, Vec<usize>> {
    let mut keys = FxHashMap::default();
    for figure in figures {
        let unit = figure.quantity.unit;
        keys.entry(unit)
            .or_insert_with(|| context_keys(&terms_of(unit.as_str())));
    }
    keys
}

/// The keys of the units of two figures, sorted: one unit (borrowed, as for most pairs
/// of a story, so that none is built per pair), or two names for people.
fn units_of<'k>(
    unit_keys: &'k FxHashMap<Key, Vec<usize>>,
    a: &Figure,
    b: &Figure,
) -> Cow<'k, [usize]> {
    let (unit_a, unit_b) = (a.quantity.unit, b.quantity.unit);
    if unit_a == unit_b {
        return unit_keys
            .get(&unit_a)
            .map_or(Cow::Borrowed(&[][..]), |keys| {
                Cow::Borrowed(keys.as_slice())
            });
    }
    let mut units: Vec<usize> = [unit_a, unit_b]
        .iter()
        .filter_map(|unit| unit_keys.get(unit))
        .flatten()
        .copied()
        .collect();
    units.sort_unstable();
    units.dedup();
    Cow::Owned(units)
}

/// True when two figures say what they count beyond their unit, and say the same: one
/// of the known distinct things that happen to people ("killed", "injured", "arrested")
/// or one complement that tells which thing ([`complement_tells_which`]: "days of
/// talks", the age of one name). Sentences that share less than half their words need
/// this: there "23 points" and "13 points", "6.1 quake" and "8.6 quake" are, far more
/// often than not, of different players and different quakes, and a reader's trust in
/// the flags is worth more than the few real ones missed.
fn said_of_one_thing(a: &Figure, b: &Figure, cues_a: &MeasureCues) -> bool {
    let (qa, qb) = (a.quantity, b.quantity);
    let same_known_role = cues_a.distinct_role
        && qa.role == qb.role
        && (!tells_only_a_direction(qa) || give_another_number_alike(a, b));
    let same_complement =
        qa.complement == qb.complement && complement_tells_which(qa) && complement_tells_which(qb);
    same_known_role || same_complement
}

/// Units of levels and lengths, which rise and fall ([`tells_only_a_direction`]).
const LEVELS: &[&str] = &[
    "percent",
    "point",
    "cent",
    "dollar",
    "euro",
    "pound",
    "yen",
    "yuan",
    "foot",
    "metre",
    "meter",
    "kilometre",
    "kilometer",
    "km",
    "mile",
    "yard",
    "inch",
];

/// True when a figure's verb says only which way a level or a length moved ("shares
/// fell $10", "the plane dropped 700 feet", "gained just 32 yards"): every price of a
/// market report and every stretch of a fall moves one way or the other, so the same
/// direction is no sign that two such figures are one. Of a count, "dropped four bombs"
/// says what happened to the bombs.
fn tells_only_a_direction(q: &Quantity) -> bool {
    q.role
        .is_some_and(|r| matches!(r.as_str(), "rise" | "fall"))
        && LEVELS.contains(&q.unit.as_str())
}

/// True when the sentences of two figures give another number alike besides them ("down
/// 1.83 percent at 10,310.04" and "down 12.49 percent ... at 10,310.04"; "36-year-old"
/// in two accounts of a climber's fall): a figure both give pins down one occasion.
fn give_another_number_alike(a: &Figure, b: &Figure) -> bool {
    let own = [number_key(a.quantity.value), number_key(b.quantity.value)];
    let other_numbers = |figure: &Figure| -> Vec<usize> {
        let mut numbers: Vec<usize> = figure
            .context
            .iter()
            .filter(|t| {
                let key = t.key;
                key.is_number() && !own.contains(&key)
            })
            .map(|t| t.key.address())
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        numbers
    };
    shared_count(&other_numbers(a), &other_numbers(b)) > 0
}

/// True when two ages of one person differ by no more than the time between the days
/// their articles were written allows: "Rudolph, 31," in July and "Rudolph, 32," the
/// next January are both right. The age in the later article may be higher by up to
/// the years between (a birthday may fall in any gap), never lower.
fn ages_fit_their_dates(a: &Figure, b: &Figure) -> bool {
    let (Some(day_a), Some(day_b)) = (a.written_on, b.written_on) else {
        return false;
    };
    if a.quantity.unit != AGE_UNIT || b.quantity.unit != AGE_UNIT || day_a == day_b {
        return false;
    }
    let ((earlier, older_age), (later, newer_age)) = if day_a < day_b {
        ((day_a, a.quantity.value), (day_b, b.quantity.value))
    } else {
        ((day_b, b.quantity.value), (day_a, a.quantity.value))
    };
    let years_between = ((later - earlier).num_days() as f64 / 365.25).ceil();
    newer_age >= older_age && newer_age - older_age <= years_between
}

/// Names that one article gives two ages for ("Zawahri, 55," the father and
/// "Zawahri, 23," the son): a name shared by several people, whose ages are not
/// compared.
fn names_of_several_people(figures: &[Figure]) -> FxHashSet<Key> {
    let mut age_in_article: FxHashMap<(usize, Key), f64> = FxHashMap::default();
    let mut shared = FxHashSet::default();
    for figure in figures {
        let q = figure.quantity;
        let Some(name) = q.complement.filter(|_| q.unit == AGE_UNIT) else {
            continue;
        };
        let age = *age_in_article
            .entry((figure.article, name))
            .or_insert(q.value);
        if age != q.value {
            shared.insert(name);
        }
    }
    shared
}

/// True when a figure is the age of a name in `names`.
fn is_age_of_any(figure: &Figure, names: &FxHashSet<Key>) -> bool {
    let q = figure.quantity;
    !names.is_empty() && q.unit == AGE_UNIT && q.complement.is_some_and(|n| names.contains(&n))
}

/// The sentences a story's figures were read in, numbered in order of first figure,
/// with their [`context_keys`]: a sentence's figures share its keys.
struct Sentences {
    /// The number of each figure's sentence.
    pub(super) of_figure: Vec<u32>,
    pub(super) keys: Vec<Vec<usize>>,
    /// The earlier years each sentence tells of.
    pub(super) years: Vec<Years>,
    /// Whether each sentence tells of one event or several.
    pub(super) occasions: Vec<Occasions>,
}

impl Sentences {
    pub(super) fn of(figures: &[Figure]) -> Sentences {
        let mut number: FxHashMap<Place, u32> = FxHashMap::default();
        let mut keys = Vec::new();
        let mut years = Vec::new();
        let mut occasions = Vec::new();
        let of_figure = figures
            .iter()
            .map(|figure| {
                *number.entry(place_of(figure)).or_insert_with(|| {
                    keys.push(context_keys(figure.context));
                    years.push(Years::of(figure.sentence_text, figure.written_on));
                    occasions.push(occasions_of(figure.sentence_text));
                    u32::try_from(keys.len() - 1).unwrap_or(u32::MAX)
                })
            })
            .collect();
        Sentences {
            of_figure,
            keys,
            years,
            occasions,
        }
    }

    /// The sentences of figures `a` and `b` as one number.
    pub(super) fn pair(&self, a: usize, b: usize) -> u64 {
        (u64::from(self.of_figure[a]) << 32) | u64::from(self.of_figure[b])
    }
}
