//! Figures stage: finds the measures that sources give different values for.
//!
//! Two figures are of the same measure when they count the same unit ("days"; "nations"
//! and "countries" are one), of the same thing when that is said ("days of talks" and
//! "days of negotiations"), with the same thing happening to it when that is said
//! ("launched" drones are not "intercepted" drones), in sentences about the same
//! matter. Two values of one measure conflict only when no reading of their qualifiers
//! makes both true: "at least 8" and "10" agree, "nearly two dozen" and "23" agree,
//! "three days" and "two days" do not. Ordinals ("a third day") say where in a series
//! something is, not how many, and are not compared with counts.
//!
//! It does not merge facts: that is `facts`; it reads quantities `extract` found.
//!
//! Words used throughout, and the file that owns each:
//!
//! - a *figure* is a quantity with the sentence it was read in ([`Figure`]); a *measure*
//!   is what a figure counts, judged from its unit, complement, role and the sentence's
//!   *context* terms (`measure`);
//! - two figures *disagree* when no reading of their qualifiers makes both true, and
//!   the difference is *material* (`disagree`);
//! - a *link* is two figures of one measure in different sentences, with their
//!   *relation* (agree, minor, conflict: `links`); where the words do not settle
//!   whether two figures are one measure, the caller's fact model is asked whether
//!   their sentences state *one fact* but for their figures (`links`; of days, only
//!   when the sentences are largely alike and *share a name*, `days`); *candidates*
//!   are the pairs worth judging in a large story (`candidates`);
//! - *pairing* matches the figures of two sentences one to one, closest wording first
//!   (`pairing`); sentences that name different *days* may tell of different events
//!   (`days`), and so may a figure beside a day well before its article was written
//!   that the other sentence does not name (`past`); a *report day* ("police said
//!   Saturday") is compared only between articles written on one day, and "late
//!   Saturday" against "early Sunday" is one night (`days`); a sentence that opens in
//!   an earlier year ("Last year, a 6.4-magnitude quake") tells of that year's events,
//!   its *past* (`past`); a sentence that sums up several incidents ("in separate
//!   shootings") and one that tells of one ("in a shooting") count over different
//!   *occasions*, and a *running total* ("so far this year") is not a count that names
//!   no period (`occasions`); a figure's *holder* (the name whose it is, read by
//!   `extract`) and an *offset* ("nine days before the inauguration") are read in
//!   `measure`;
//! - a *part* counts part of a group ("two other victims"): against a whole it is one
//!   measure only in sentences that say largely the same (`measure`), and agrees with
//!   a larger whole when it names its group (`disagree`); figures of sentences that
//!   share little must say they count one thing (a known fate, not only the way a
//!   level moved; one complement that tells which thing, not a percentage's whole nor
//!   the noun a compound describes) and need *local words* in common (`links`),
//!   unless each is its article's *first toll* of one happening ("killed",
//!   "injured") in its first sentences: news tells its own event's toll first
//!   (`links`, `measure`); a toll "including the gunman" is one more
//!   than the same toll without him, and agrees with it (`links`);
//! - a [`Discrepancy`] is a group of figures of one measure in which two conflict; this
//!   file gathers them, setting aside the conflicts of an article that gives two values
//!   of the measure itself (it counts two things there), those a third sentence
//!   explains by giving both values, and those of two sentences that differ on every
//!   figure of a line of statistics (*different subjects*); an article that repeats a
//!   value (in its lead and again below, in a caption under each photo) is shown giving
//!   it once.

mod candidates;
mod days;
mod disagree;
mod links;
mod measure;
mod occasions;
mod pairing;
mod past;
mod places;
#[cfg(test)]
mod tests;

pub use crate::extract::{bounds, values_conflict};
pub use disagree::figures_disagree;
pub use measure::same_measure;

use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::extract::{AGE_UNIT, Quantity, QuantityKind};
use crate::text::key::Key;
use crate::text::terms::Term;

use days::{Day, days_named, name_different_days};
use disagree::Relation;
use links::{Place, links_between_sentences, place_of};
use pairing::{local_words_where_needed, paired};

/// One figure in a story: the quantity and where it was read.
#[derive(Debug, Clone)]
pub struct Figure<'a> {
    pub article: usize,
    pub sentence: usize,
    pub quantity: &'a Quantity,
    /// The terms of the sentence it came from.
    pub context: &'a [Term],
    /// The sentence it came from.
    pub sentence_text: &'a str,
    /// The day its article was written, where known: a weekday is read against it.
    pub written_on: Option<NaiveDate>,
}

/// A measure that sources give values for that cannot all be true. `values` index into
/// the figures passed to [`discrepancies_in`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discrepancy {
    pub measure: String,
    pub values: Vec<usize>,
    /// Every conflict in it is between sentences that name different days or places
    /// (or a figure beside a day well before its article), or that differ on every
    /// figure they give and count no people (`differ_on_every_figure`), so the values
    /// may belong to different events: the reader is told, not the conflict asserted.
    pub may_be_different_events: bool,
}

/// Finds the discrepancies among a story's figures: groups of figures of one measure in
/// which at least two values conflict. Every figure of the group is listed, so a reader
/// sees which sources agree as well as which differ; a group of more than three
/// different values is several things counted in one unit and is not a discrepancy,
/// nor is a group of a measure the story gives more than six values of.
///
/// Two sentences are compared figure by figure: their figures are paired one to one,
/// agreeing pairs first, then pairs that differ slightly, then conflicting pairs, closer
/// wording around the figures first ("a 20-ounce soda bottle" pairs with "a 67-ounce
/// soda bottle", not with "8-ounce servings"). A conflict is claimed only for a pair made
/// this way, and not when a figure has two equally good conflicting partners, so several
/// figures of one unit in a sentence are never set against each other; two sentences
/// that differ on every figure of a line of three or more are of different subjects.
///
/// Whether two figures are one measure is read from the words of their sentences; where
/// those do not settle it, `one_fact` is asked whether the two sentences state one fact
/// but for their figures (the caller's fact model, shown the sentences with their
/// figures set aside): two statements of one fact that differ on a figure of one unit
/// disagree on it, however differently they are worded ("the third nation to put a
/// human in space" and "the sixth nation to achieve manned spaceflight"). Days are not
/// asked about: the fact model reads formula lines of two events as one.
pub fn discrepancies_in(
    figures: &[Figure],
    one_fact: &dyn Fn(&Figure, &Figure) -> bool,
) -> Vec<Discrepancy> {
    let (links, mut local) = links_between_sentences(figures, one_fact);
    local_words_where_needed(figures, &links, &mut local);
    // Claims: figures that give the very same value of one measure. Agreeing loosely
    // ("hundreds" and "400", "about 100" and "at least 70") does not join them, or
    // values of different things would chain into one group through a vague value.
    let mut parent: Vec<usize> = (0..figures.len()).collect();
    // Each conflict between two figures, and whether the two may be of different events.
    let mut conflicts: Vec<(usize, usize, bool)> = Vec::new();
    let mut named = NamedOnce::default();
    let mut used = vec![false; figures.len()];
    for pair_links in links.chunk_by(|x, y| x.sentences == y.sentences) {
        let pairs = paired(pair_links, &local, &mut used);
        // Two sentences that name different days and give different amounts are
        // likely of two events: the amounts are shown as such, and the days are not
        // set against each other.
        let is_day = |i: usize| figures[i].quantity.kind == QuantityKind::Day;
        let amounts_conflict = pairs
            .iter()
            .any(|(link, relation)| *relation == Relation::Conflict && !is_day(link.a));
        let different_subjects = of_different_subjects(&pairs);
        let differ_on_every_figure = differ_on_every_figure(figures, &pairs);
        for (link, relation) in pairs {
            let (qa, qb) = (figures[link.a].quantity, figures[link.b].quantity);
            if different_subjects && relation == Relation::Conflict {
                continue;
            }
            if relation != Relation::Conflict {
                if qa.value == qb.value && qa.upper == qb.upper {
                    union(&mut parent, link.a, link.b);
                }
                continue;
            }
            if is_day(link.a) && amounts_conflict {
                continue;
            }
            let other_events =
                differ_on_every_figure || named.of_other_events(figures, link.a, link.b);
            conflicts.push((link.a, link.b, other_events));
        }
    }
    let conflicts = conflicts_between_sources(figures, &parent, conflicts);
    let conflicts = conflicts_no_source_explains(figures, conflicts);
    // Claims in conflict join into one discrepancy: a large story gives many values of
    // one measure, and a flag for every pair of them would bury the reader.
    for &(a, b, _) in &conflicts {
        union(&mut parent, a, b);
    }
    discrepancies_of_groups(figures, &mut parent, &conflicts)
}

/// The days and the places each sentence with a conflicting figure names, read once
/// per sentence.
#[derive(Default)]
struct NamedOnce {
    days: FxHashMap<Place, Vec<Day>>,
    places: FxHashMap<Place, Vec<String>>,
}

impl NamedOnce {
    /// True when figures `a` and `b`, in conflict, may be of different events: their
    /// sentences name different days or places, or one stands beside a day well before
    /// its article ([`past::dated_apart`]). Two days of one event conflict by naming
    /// different days: that is the disagreement, not a sign of two events. An age is
    /// its person's wherever the sentence is set.
    fn of_other_events(&mut self, figures: &[Figure], a: usize, b: usize) -> bool {
        let quantity = figures[a].quantity;
        if quantity.kind == QuantityKind::Day {
            return false;
        }
        for i in [a, b] {
            let (at, text) = (place_of(&figures[i]), figures[i].sentence_text);
            self.days.entry(at).or_insert_with(|| days_named(text));
            self.places
                .entry(at)
                .or_insert_with(|| places::place_words(text));
        }
        let none = (Vec::new(), Vec::new());
        let days = |i: usize| self.days.get(&place_of(&figures[i])).unwrap_or(&none.0);
        let places = |i: usize| self.places.get(&place_of(&figures[i])).unwrap_or(&none.1);
        name_different_days(Some(days(a)), Some(days(b)))
            || past::dated_apart(&figures[a], &figures[b], days(a), days(b))
            || quantity.unit != AGE_UNIT && places::name_different_places(places(a), places(b))
    }
}

/// Two sentences that disagree on this many figures, and agree on none, are taken to
/// be of different subjects ([`of_different_subjects`]).
const CONFLICTS_OF_DIFFERENT_SUBJECTS: usize = 3;

/// The links of two sentences' paired figures that conflict, when none agree: the
/// sentences differ on every figure they both give. `None` when any pair agrees.
fn conflicts_where_none_agree<'l>(
    pairs: &[(&'l links::Link, Relation)],
) -> Option<Vec<&'l links::Link>> {
    let mut conflicting = Vec::new();
    for (link, relation) in pairs {
        match relation {
            Relation::Agree => return None,
            Relation::Conflict => conflicting.push(*link),
            Relation::Minor => {}
        }
    }
    Some(conflicting)
}

/// True when the paired figures of two sentences all disagree, and there are at least
/// [`CONFLICTS_OF_DIFFERENT_SUBJECTS`] of them: "70 yards rushing on nine carries and
/// 55 yards on five catches" against "269 yards on 83 carries and 201 yards on 29
/// catches" are one player's game and another's season. Two reports of one event
/// differ on a figure or two (a toll of dead and injured), not on every figure of a
/// line of statistics.
fn of_different_subjects(pairs: &[(&links::Link, Relation)]) -> bool {
    conflicts_where_none_agree(pairs)
        .is_some_and(|conflicting| conflicting.len() >= CONFLICTS_OF_DIFFERENT_SUBJECTS)
}

/// True when two sentences disagree on two figures or more, agree on none, and count
/// no people nor give an age among them: "25 points and 16 rebounds" against "22
/// points and nine rebounds" are two games, "fell $10, or nearly 27 percent" against
/// "skidded $11.68, a decline of 31 percent" two days' trading. Two reports of one
/// event most often differ on one such figure, so such sentences may tell of two
/// events, and the reader is told so. A toll is the exception: when a wounded victim
/// dies, the dead and the wounded change together ("Two people were killed and five
/// others wounded" against "Three men were killed and four other people were wounded"
/// eleven days later). So is an age: two people's ages told differently are two
/// disagreements about them, in any event.
fn differ_on_every_figure(figures: &[Figure], pairs: &[(&links::Link, Relation)]) -> bool {
    conflicts_where_none_agree(pairs).is_some_and(|conflicting| {
        conflicting.len() >= 2
            && !conflicting.iter().any(|link| {
                let q = figures[link.a].quantity;
                q.person || q.unit == AGE_UNIT
            })
    })
}

/// The discrepancies that `parent` (claims and conflicts joined) makes of the figures:
/// each group holding a conflict, unless it gives more values than one measure does.
fn discrepancies_of_groups(
    figures: &[Figure],
    parent: &mut [usize],
    conflicts: &[(usize, usize, bool)],
) -> Vec<Discrepancy> {
    let mut other_events_of: FxHashMap<usize, bool> = FxHashMap::default();
    for &(a, _, other_events) in conflicts {
        let root = find(parent, a);
        *other_events_of.entry(root).or_insert(true) &= other_events;
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of_root: FxHashMap<usize, usize> = FxHashMap::default();
    for i in 0..figures.len() {
        let root = find(parent, i);
        if !other_events_of.contains_key(&root) {
            continue;
        }
        let slot = *group_of_root.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[slot].push(i);
    }
    groups.retain(|values| distinct_values(figures, values) <= MAX_VALUES_OF_ONE_MEASURE);
    if !groups.is_empty() {
        let crowded = measures_given_many_values(figures);
        groups.retain(|values| !crowded.contains(&measure_key(figures[values[0]].quantity)));
    }
    groups
        .into_iter()
        .map(|values| {
            let root = find(parent, values[0]);
            let values = each_value_once_per_article(figures, values);
            Discrepancy {
                measure: figures[values[0]]
                    .quantity
                    .measure_label_in(figures[values[0]].sentence_text),
                may_be_different_events: other_events_of.get(&root).copied().unwrap_or(false),
                values,
            }
        })
        .collect()
}

/// The figures of a discrepancy with each article's value given once: an article that
/// repeats its toll ("Two people are dead and four people are wounded" in its lead and
/// again below; a photo caption under each image of a gallery) says it once, and the
/// reader is shown who says what, not how often. The first mention is kept.
fn each_value_once_per_article(figures: &[Figure], values: Vec<usize>) -> Vec<usize> {
    let mut seen: FxHashSet<(usize, ValueKey)> = FxHashSet::default();
    values
        .into_iter()
        .filter(|&i| seen.insert((figures[i].article, value_key(figures[i].quantity))))
        .collect()
}

/// The conflicts between articles that each give one value of the measure. An article
/// does not contradict itself: when one article gives two values of what the links took
/// to be one measure ("one person dead" in last night's shooting, "two students dead" in
/// last week's; a charge filed April 5 and a hearing held April 25), the measure counts
/// several things there, and which of them another article's value is of cannot be
/// told. `claims` joins the figures that give the very same value of one measure.
fn conflicts_between_sources(
    figures: &[Figure],
    claims: &[usize],
    conflicts: Vec<(usize, usize, bool)>,
) -> Vec<(usize, usize, bool)> {
    // Most stories have no conflict: their figures need not be walked again.
    if conflicts.is_empty() {
        return conflicts;
    }
    let mut parent = claims.to_vec();
    for &(a, b, _) in &conflicts {
        union(&mut parent, a, b);
    }
    let roots: FxHashSet<usize> = conflicts
        .iter()
        .map(|&(a, _, _)| find(&mut parent, a))
        .collect();
    // The values each article gives in each would-be discrepancy, by (root, article).
    let mut values_of: FxHashMap<(usize, usize), Vec<ValueKey>> = FxHashMap::default();
    for (i, figure) in figures.iter().enumerate() {
        let root = find(&mut parent, i);
        if roots.contains(&root) {
            let values = values_of.entry((root, figure.article)).or_default();
            values.push(value_key(figure.quantity));
        }
    }
    let mut gives_several = |i: usize| {
        let root = find(&mut parent, i);
        values_of
            .get(&(root, figures[i].article))
            .is_some_and(|values| values.iter().any(|&v| v != values[0]))
    };
    conflicts
        .into_iter()
        .filter(|&(a, b, _)| !gives_several(a) && !gives_several(b))
        .collect()
}

/// The conflicts whose two values no third sentence gives together. A sentence that
/// gives both values of a unit, said of things the conflicting figures may be, shows
/// they are two things and both true: "a depth of 10 kilometers and its epicenter 55
/// kilometers west of the town" in one report explains a "10 kilometers" and a
/// "roughly 55 kilometers" in two others. One of the sentences of the conflict itself
/// does not explain it: "two triple executions and two double executions" against
/// "seven triple executions" is the conflict, which the second "two" does not explain;
/// both do when each gives both values ([`each_gives_both`]).
fn conflicts_no_source_explains(
    figures: &[Figure],
    conflicts: Vec<(usize, usize, bool)>,
) -> Vec<(usize, usize, bool)> {
    if conflicts.is_empty() {
        return conflicts;
    }
    let mut giving: FxHashMap<(&str, ValueKey), Vec<usize>> = FxHashMap::default();
    let mut in_sentence: FxHashMap<Place, Vec<usize>> = FxHashMap::default();
    for (i, figure) in figures.iter().enumerate() {
        let q = figure.quantity;
        giving
            .entry((measure::bucket_unit(q), value_key(q)))
            .or_default()
            .push(i);
        in_sentence.entry(place_of(figure)).or_default().push(i);
    }
    let said_like = |i: usize, of: usize| {
        let (q, like) = (figures[i].quantity, figures[of].quantity);
        let fits = |x: Option<Key>, y: Option<Key>| x.is_none() || y.is_none() || x == y;
        fits(q.role, like.role) && fits(q.complement, like.complement)
    };
    let explained = |a: usize, b: usize| {
        let like = |of: usize| {
            let q = figures[of].quantity;
            giving
                .get(&(measure::bucket_unit(q), value_key(q)))
                .into_iter()
                .flatten()
                .copied()
                .filter(move |&i| said_like(i, of))
        };
        let own = [place_of(&figures[a]), place_of(&figures[b])];
        // A large story gives one value of a unit in many sentences: the places of one
        // side are looked up, not paired with every place of the other.
        let giving_b: FxHashSet<Place> = like(b)
            .map(|y| place_of(&figures[y]))
            .filter(|place| !own.contains(place))
            .collect();
        !giving_b.is_empty() && like(a).any(|x| giving_b.contains(&place_of(&figures[x])))
    };
    conflicts
        .into_iter()
        .filter(|&(a, b, _)| !explained(a, b) && !each_gives_both(figures, &in_sentence, a, b))
        .collect()
}

/// True when the sentence of each of two conflicting figures gives the other's value
/// too, in the same unit or as a rank: "Hoyer as whip, the No. 2 position, ... Clyburn
/// in the No. 3 spot" and "Hoyer kept the No. 2 job ..., Clyburn remained in No. 3
/// position" name each rank's holder alike; pairing 2 with 3 by the word "position"
/// only mismatched them. `in_sentence` lists the figures of each sentence: a large
/// story has thousands of figures and many conflicts.
fn each_gives_both(
    figures: &[Figure],
    in_sentence: &FxHashMap<Place, Vec<usize>>,
    a: usize,
    b: usize,
) -> bool {
    let gives = |at: usize, like: usize| {
        let q = figures[like].quantity;
        let same_sentence = in_sentence
            .get(&place_of(&figures[at]))
            .into_iter()
            .flatten();
        same_sentence.map(|&k| figures[k].quantity).any(|given| {
            given.kind == q.kind
                && value_key(given) == value_key(q)
                && (q.kind == QuantityKind::Ordinal
                    || measure::bucket_unit(given) == measure::bucket_unit(q))
        })
    };
    gives(a, b) && gives(b, a)
}

/// A figure's value and upper end, qualifiers aside, as comparable bits.
type ValueKey = (u64, u64);

fn value_key(q: &Quantity) -> ValueKey {
    (q.value.to_bits(), q.upper.unwrap_or(q.value).to_bits())
}

/// The most distinct values a discrepancy may hold. Sources that disagree give two or
/// three values of one measure (a toll of 12, then 13; "four" or "five" wounded); a
/// story's "points", "yards" or weekdays with four or more values are several things
/// counted in one unit, chained through the links between them, and a flag listing
/// them all would tell the reader nothing.
const MAX_VALUES_OF_ONE_MEASURE: usize = 3;

/// The most distinct values a story may give of one measure (one unit, with one verb and
/// one complement, [`measure_key`]) for two of them to be a disagreement. A story that
/// gives more uses the measure for several things: a game's yards and a season's, the
/// points of several players, feet of altitude and of depth. Two sources of one event
/// give two or three values of what they disagree on.
const MAX_VALUES_OF_ONE_MEASURE_IN_A_STORY: usize = 6;

/// What a story's figures are counted by for [`MAX_VALUES_OF_ONE_MEASURE_IN_A_STORY`].
type MeasureKey = (&'static str, Option<Key>, Option<Key>);

fn measure_key(q: &Quantity) -> MeasureKey {
    (measure::bucket_unit(q), q.role, q.complement)
}

/// The measures the story's figures give more than
/// [`MAX_VALUES_OF_ONE_MEASURE_IN_A_STORY`] distinct values of.
fn measures_given_many_values(figures: &[Figure]) -> FxHashSet<MeasureKey> {
    let mut values_of: FxHashMap<MeasureKey, Vec<ValueKey>> = FxHashMap::default();
    for figure in figures {
        let q = figure.quantity;
        values_of
            .entry(measure_key(q))
            .or_default()
            .push(value_key(q));
    }
    values_of
        .into_iter()
        .filter_map(|(key, mut values)| {
            values.sort_unstable();
            values.dedup();
            (values.len() > MAX_VALUES_OF_ONE_MEASURE_IN_A_STORY).then_some(key)
        })
        .collect()
}

/// How many different values (qualifiers aside) the figures at `values` give.
fn distinct_values(figures: &[Figure], values: &[usize]) -> usize {
    let mut seen: Vec<ValueKey> = values
        .iter()
        .map(|&i| value_key(figures[i].quantity))
        .collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[rb.max(ra)] = rb.min(ra);
    }
}
