//! Figures stage: finds the measures that sources give different values for.
//!
//! Two figures are of the same measure when they count the same unit ("days"), of the
//! same thing when that is said ("days of talks" and "days of negotiations"), with the
//! same thing happening to it when that is said ("launched" drones are not
//! "intercepted" drones), in sentences about the same matter. Two values of one measure
//! conflict only when no reading of their qualifiers makes both true: "at least 8" and
//! "10" agree, "nearly two dozen" and "23" agree, "three days" and "two days" do not.
//! Ordinals ("a third day") say where in a series something is, not how many, and are
//! not compared with counts.
//!
//! It does not merge facts: that is `facts`; it reads quantities `extract` found.

use rustc_hash::FxHashMap;

use crate::extract::{
    AGE_UNIT, Qualifier, Quantity, QuantityKind, days_of_month_in, is_distinct_role,
    is_general_person_unit, is_time_ago,
};
pub use crate::extract::{bounds, values_conflict};
use crate::text::terms::{Key, Term, shared_count, terms_of};

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
}

/// A measure that sources give values for that cannot all be true. `values` index into
/// the figures passed to [`discrepancies_in`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discrepancy {
    pub measure: String,
    pub values: Vec<usize>,
    /// Every conflict in it is between sentences that name different days, so the
    /// values may belong to different events: the reader is told, not the conflict
    /// asserted.
    pub may_be_different_events: bool,
}

/// Two sentences are about the same matter when this share of the smaller one's terms
/// (numbers aside) appears in the other.
const CONTEXT_OVERLAP: f64 = 0.3;
/// ... and at least this many terms are shared.
const CONTEXT_MIN_SHARED: usize = 2;
/// Context overlap at which figures with different verbs are still one measure.
const CONTEXT_OVERLAP_DESPITE_ROLES: f64 = 0.6;
/// Context overlap needed where a measure alone says little of which event it belongs
/// to: the day of an event, a time counted back from the day of writing ("eight days
/// ago") and a place in a series (a story names many days and many rounds, each of
/// another event).
const CONTEXT_OVERLAP_STRICT: f64 = 0.6;
/// Words either side of a figure that tell two figures of one unit in a sentence apart.
const LOCAL_WINDOW_BYTES: usize = 40;

/// True when two figures measure the same thing, judged from the quantities and the
/// sentences around them.
pub fn same_measure(a: &Figure, b: &Figure) -> bool {
    let (keys_a, keys_b) = (context_keys(a.context), context_keys(b.context));
    same_measure_in(
        a,
        b,
        &MeasureCues::of(a, &keys_a),
        &MeasureCues::of(b, &keys_b),
    )
}

/// What [`same_measure_in`] reads of a figure besides its quantity, worked out once per
/// figure: a story compares each figure with many others.
struct MeasureCues<'k> {
    /// The [`context_keys`] of its sentence.
    keys: &'k [usize],
    /// Its role is one of the known distinct ones ([`is_distinct_role`]).
    distinct_role: bool,
}

impl<'k> MeasureCues<'k> {
    fn of(figure: &Figure, keys: &'k [usize]) -> MeasureCues<'k> {
        MeasureCues {
            keys,
            distinct_role: figure.quantity.role.is_some_and(|r| is_distinct_role(&r)),
        }
    }
}

/// [`same_measure`], given each figure's [`MeasureCues`].
fn same_measure_in(a: &Figure, b: &Figure, cues_a: &MeasureCues, cues_b: &MeasureCues) -> bool {
    let (qa, qb) = (a.quantity, b.quantity);
    if !same_unit(qa, qb) || qa.kind != qb.kind && (is_ordinal(qa) || is_ordinal(qb)) {
        return false;
    }
    let both_roles_differ = matches!((&qa.role, &qb.role), (Some(ra), Some(rb)) if ra != rb);
    // "killed 3" and "wounded 5", "arrested 130" and "evacuated 200": a known verb
    // against any other verb is another count.
    // And of people, "13 people were wounded" is not "about 100 people at the party":
    // a known verb against none is another count too. (Of amounts, "rose 8 percent"
    // and "8 percent" are one: a price moves, people are counted by what befell them.)
    let one_sided = qa.role.is_some() != qb.role.is_some() && qa.person && qb.person;
    let known_roles_differ =
        (both_roles_differ || one_sided) && (cues_a.distinct_role || cues_b.distinct_role);
    // "13 people were shot" and "about 100 people in that space": a count said to
    // have something happen to it and one that is not are one measure only in
    // sentences that say largely the same.
    let roles_differ = both_roles_differ || qa.role.is_some() != qb.role.is_some();
    if known_roles_differ {
        return false;
    }
    let strict = matches!(qa.kind, QuantityKind::Day | QuantityKind::Ordinal)
        || is_time_ago(qa)
        || is_time_ago(qb);
    match (&qa.complement, &qb.complement) {
        (Some(ca), Some(cb)) if ca != cb => return false,
        (Some(_), Some(_)) if !roles_differ && !strict => return true,
        _ => {}
    }
    // "launched 653 drones" and "intercepted 585 drones" count different things; but
    // in two sentences that say largely the same, different verbs are two ways of
    // saying one thing ("submitted" and "turned in" signatures).
    let needed = if roles_differ || strict {
        CONTEXT_OVERLAP_DESPITE_ROLES.max(CONTEXT_OVERLAP_STRICT)
    } else {
        CONTEXT_OVERLAP
    };
    context_overlap(cues_a.keys, cues_b.keys).is_some_and(|o| o >= needed)
}

/// True when two figures count in one unit: the same noun, or two nouns for people
/// one of which is a general one ("36,000 people" and "72,007 Americans"; not "two
/// Iraqis" and "two Saudis").
fn same_unit(a: &Quantity, b: &Quantity) -> bool {
    a.unit == b.unit
        || a.person
            && b.person
            && (is_general_person_unit(&a.unit) || is_general_person_unit(&b.unit))
}

/// The unit figures are put together by before [`same_unit`] is asked: people in any
/// noun are one bucket.
fn bucket_unit(q: &Quantity) -> &'static str {
    if q.person { "people" } else { q.unit.as_str() }
}

fn is_ordinal(q: &Quantity) -> bool {
    q.kind == QuantityKind::Ordinal
}

/// A sentence's distinct terms, numbers aside, as sorted key numbers
/// ([`Key::address`](crate::text::key::Key::address)): what [`context_overlap`] reads.
fn context_keys(terms: &[Term]) -> Vec<usize> {
    let mut keys: Vec<usize> = terms
        .iter()
        .filter(|t| !t.is_number())
        .map(|t| t.key.address())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The share of the smaller sentence's terms (numbers aside) found in the other, when
/// they share enough terms to be about one matter at all.
fn context_overlap(a: &[usize], b: &[usize]) -> Option<f64> {
    let shared = shared_count(a, b);
    let smaller = a.len().min(b.len()).max(1);
    (shared >= CONTEXT_MIN_SHARED).then(|| shared as f64 / smaller as f64)
}

/// True when two figures of one measure cannot both be right: no reading of their
/// qualifiers makes both true, or both are bounds in one direction whose anchors are
/// far apart. "At least 112 dead" and "at least 343 dead" could both hold, but they are
/// two different counts a reader should see side by side.
pub fn figures_disagree(a: &Quantity, b: &Quantity) -> bool {
    disagree_within(a, b, bounds(a), bounds(b))
}

/// [`figures_disagree`], given each figure's [`bounds`]: working them out reads the
/// figure's text, and a story compares each figure with many others.
fn disagree_within(a: &Quantity, b: &Quantity, range_a: Range, range_b: Range) -> bool {
    if ranges_apart(range_a, range_b) {
        return materially_apart(a, b, range_a, range_b);
    }
    match (direction(a), direction(b)) {
        (Some(da), Some(db)) if da == db => {
            let spread = |q: &Quantity| q.value.abs() * ESTIMATE_SPREAD + 0.5;
            (a.value - b.value).abs() > spread(a).max(spread(b))
        }
        _ => false,
    }
}

/// Below this share of the larger value, a difference is not worth a reader's
/// attention: "$38.28" against "$38.30", "$991 million" against "$987 million" are
/// rounding, timing or a revision, and flagging them would bury the real conflicts.
const MATERIAL_DIFFERENCE: f64 = 0.05;

/// The values a figure allows, low to high: its [`bounds`].
type Range = (f64, f64);

/// [`values_conflict`] of two figures with these [`bounds`]: no value is in both.
fn ranges_apart((low_a, high_a): Range, (low_b, high_b): Range) -> bool {
    high_a < low_b || high_b < low_a
}

/// True when the gap between the two figures' ranges is a material share of their size.
fn materially_apart(a: &Quantity, b: &Quantity, range_a: Range, range_b: Range) -> bool {
    // A day and an age are exact: the 30th is not the 31st, 62 is not 63.
    if a.kind == QuantityKind::Day || a.unit == AGE_UNIT {
        return true;
    }
    let ((low_a, high_a), (low_b, high_b)) = (range_a, range_b);
    let gap = (low_b - high_a).max(low_a - high_b);
    gap > MATERIAL_DIFFERENCE * a.value.abs().max(b.value.abs())
}

/// How far apart (as a share) two bounds in one direction may be and still be one
/// estimate.
const ESTIMATE_SPREAD: f64 = 0.15;

/// +1 for a lower bound ("at least", "more than"), -1 for an upper bound.
fn direction(q: &Quantity) -> Option<i8> {
    if q.upper.is_some() {
        return None;
    }
    match q.qualifier? {
        Qualifier::AtLeast | Qualifier::MoreThan => Some(1),
        Qualifier::AtMost | Qualifier::UpTo | Qualifier::LessThan => Some(-1),
        _ => None,
    }
}

/// The canonical words just before and after a figure in its sentence, as sorted
/// distinct key numbers (as [`context_keys`]) so that two figures' words are compared by a
/// merge, not by hashing.
fn local_words(figure: &Figure) -> Vec<usize> {
    let text = figure.sentence_text;
    let q = figure.quantity;
    let floor = |i: usize| {
        (0..=i.min(text.len()))
            .rev()
            .find(|&k| text.is_char_boundary(k))
            .unwrap_or(0)
    };
    let before = &text[floor(q.start.saturating_sub(LOCAL_WINDOW_BYTES))..floor(q.start)];
    let after = &text[floor(q.end)..floor(q.end + LOCAL_WINDOW_BYTES)];
    let mut keys: Vec<usize> = [before, after]
        .iter()
        .flat_map(|part| terms_of(part))
        .filter(|t| !t.is_number())
        .map(|t| t.key.address())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Finds the discrepancies among a story's figures: groups of figures of one measure in
/// which at least two values conflict. Every figure of the group is listed, so a reader
/// sees which sources agree as well as which differ.
///
/// Two sentences are compared figure by figure: their figures are paired one to one,
/// agreeing pairs first, then pairs that differ slightly, then conflicting pairs, closer
/// wording around the figures first ("a 20-ounce soda bottle" pairs with "a 67-ounce
/// soda bottle", not with "8-ounce servings"). A conflict is claimed only for a pair made
/// this way, and not when a figure has two equally good conflicting partners, so several
/// figures of one unit in a sentence are never set against each other.
pub fn discrepancies_in(figures: &[Figure]) -> Vec<Discrepancy> {
    let links = links_between_sentences(figures);
    let local = local_words_where_needed(figures, &links);
    // Claims: figures that give the very same value of one measure. Agreeing loosely
    // ("hundreds" and "400", "about 100" and "at least 70") does not join them, or
    // values of different things would chain into one group through a vague value.
    let mut parent: Vec<usize> = (0..figures.len()).collect();
    // Each conflict between two figures, and whether the two may be of different events.
    let mut conflicts: Vec<(usize, usize, bool)> = Vec::new();
    // The days a sentence names, found once per sentence with a figure that conflicts.
    let mut days: FxHashMap<Place, Vec<Day>> = FxHashMap::default();
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
        for (link, relation) in pairs {
            let (qa, qb) = (figures[link.a].quantity, figures[link.b].quantity);
            if relation != Relation::Conflict {
                if qa.value == qb.value && qa.upper == qb.upper {
                    union(&mut parent, link.a, link.b);
                }
                continue;
            }
            if is_day(link.a) && amounts_conflict {
                continue;
            }
            for i in [link.a, link.b] {
                days.entry(place_of(&figures[i]))
                    .or_insert_with(|| days_named(figures[i].sentence_text));
            }
            let days_of = |i: usize| days.get(&place_of(&figures[i]));
            // Two days of one event conflict by naming different days: that is the
            // disagreement, not a sign of two events.
            let other_days = qa.kind != QuantityKind::Day
                && name_different_days(days_of(link.a), days_of(link.b));
            conflicts.push((link.a, link.b, other_days));
        }
    }
    // Claims in conflict join into one discrepancy: a large story gives many values of
    // one measure, and a flag for every pair of them would bury the reader.
    for &(a, b, _) in &conflicts {
        union(&mut parent, a, b);
    }
    let mut other_days_of: FxHashMap<usize, bool> = FxHashMap::default();
    for &(a, _, other_days) in &conflicts {
        let root = find(&mut parent, a);
        *other_days_of.entry(root).or_insert(true) &= other_days;
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of_root: FxHashMap<usize, usize> = FxHashMap::default();
    for i in 0..figures.len() {
        let root = find(&mut parent, i);
        if !other_days_of.contains_key(&root) {
            continue;
        }
        let slot = *group_of_root.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[slot].push(i);
    }
    groups
        .into_iter()
        .map(|values| {
            let root = find(&mut parent, values[0]);
            Discrepancy {
                measure: figures[values[0]].quantity.measure_label(),
                may_be_different_events: other_days_of.get(&root).copied().unwrap_or(false),
                values,
            }
        })
        .collect()
}

/// The [`local_words`] of each figure of a link that another link between the same two
/// sentences has the same relation as: only there does [`paired`] need them, to choose
/// between links of one rank.
fn local_words_where_needed(figures: &[Figure], links: &[Link]) -> Vec<Option<Vec<usize>>> {
    let mut local: Vec<Option<Vec<usize>>> = vec![None; figures.len()];
    for pair_links in links.chunk_by(|x, y| x.sentences == y.sentences) {
        if pair_links.len() < 2 {
            continue;
        }
        let mut with_relation = [0usize; 3];
        for link in pair_links {
            with_relation[link.relation as usize] += 1;
        }
        for link in pair_links
            .iter()
            .filter(|l| with_relation[l.relation as usize] >= 2)
        {
            for i in [link.a, link.b] {
                if local[i].is_none() {
                    local[i] = Some(local_words(&figures[i]));
                }
            }
        }
    }
    local
}

/// True when both sentences name a day (a date or a weekday) and no day is named in
/// both: "on Monday" against "on Tuesday", "December 6" against "December 7". Takes
/// each sentence's [`days_named`].
fn name_different_days(a: Option<&Vec<Day>>, b: Option<&Vec<Day>>) -> bool {
    match (a, b) {
        (Some(days_a), Some(days_b)) => {
            !days_a.is_empty() && !days_b.is_empty() && shared_count(days_a, days_b) == 0
        }
        _ => false,
    }
}

/// A day a sentence names: a date's year (when given), month and day, or a weekday (its
/// place in [`WEEKDAYS`]). Two are equal only when they name the same day alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Day {
    Date(Option<i32>, u32, u32),
    Weekday(usize),
}

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The distinct days a sentence names, ascending, so that two sentences' days are
/// compared by a merge.
fn days_named(sentence: &str) -> Vec<Day> {
    if !may_name_a_day(sentence) {
        return Vec::new();
    }
    let words = crate::text::terms::words(sentence);
    let mut days: Vec<Day> = days_of_month_in(sentence, &words)
        .into_iter()
        .map(|(year, month, day)| Day::Date(year, month, day))
        .collect();
    days.extend(
        words
            .iter()
            .filter_map(|w| weekday_named(w.text))
            .map(Day::Weekday),
    );
    days.sort_unstable();
    days.dedup();
    days
}

/// False when the sentence can name no day: a date has digits, and every weekday's
/// name ends in "day", in any case (see [`weekday_named`]).
fn may_name_a_day(sentence: &str) -> bool {
    let bytes = sentence.as_bytes();
    bytes.iter().any(u8::is_ascii_digit) || bytes.windows(3).any(|w| w.eq_ignore_ascii_case(b"day"))
}

/// The weekday a word names, as its place in [`WEEKDAYS`], compared without
/// lower-casing the word: no character outside ASCII lower-cases to a letter of a
/// weekday's name.
fn weekday_named(word: &str) -> Option<usize> {
    WEEKDAYS
        .iter()
        .position(|day| word.eq_ignore_ascii_case(day))
}

/// Pairs the figures of two sentences one to one, best links first; slight differences
/// pair figures (so they are not set against others) but are not reported. How close
/// two figures' wording is only orders links of one relation, so `local` need only hold
/// the [`local_words`] of the figures of those. `used` marks the figures paired so far,
/// by index: all false on entry, and so again on return, so that one buffer serves every
/// pair of sentences of a story (a set per pair was most of this function's cost).
fn paired<'l>(
    links: &'l [Link],
    local: &[Option<Vec<usize>>],
    used: &mut [bool],
) -> Vec<(&'l Link, Relation)> {
    // Most pairs of sentences share one figure: nothing to choose between.
    if let [link] = links {
        return (link.relation != Relation::Minor)
            .then_some((link, link.relation))
            .into_iter()
            .collect();
    }
    let rank = |r: Relation| match r {
        Relation::Agree => 2,
        Relation::Minor => 1,
        Relation::Conflict => 0,
    };
    let mut scored: Vec<(i32, usize, &Link)> = links
        .iter()
        .map(|l| {
            let closeness = match (&local[l.a], &local[l.b]) {
                (Some(a), Some(b)) => shared_count(a, b),
                _ => 0,
            };
            (rank(l.relation), closeness, l)
        })
        .collect();
    scored.sort_by(|x, y| {
        (y.0, y.1)
            .cmp(&(x.0, x.1))
            .then((x.2.a, x.2.b).cmp(&(y.2.a, y.2.b)))
    });
    let mut out = Vec::new();
    for (k, &(rank, closeness, link)) in scored.iter().enumerate() {
        if used[link.a] || used[link.b] {
            continue;
        }
        let tied_rival = scored[k + 1..].iter().any(|&(r, c, other)| {
            (r, c) == (rank, closeness)
                && (other.a == link.a || other.b == link.b)
                && !used[other.a]
                && !used[other.b]
        });
        used[link.a] = true;
        used[link.b] = true;
        if link.relation == Relation::Conflict && tied_rival {
            continue;
        }
        if link.relation != Relation::Minor {
            out.push((link, link.relation));
        }
    }
    for link in links {
        used[link.a] = false;
        used[link.b] = false;
    }
    out
}

/// Where a figure was read: (article, sentence).
type Place = (usize, usize);

fn place_of(figure: &Figure) -> Place {
    (figure.article, figure.sentence)
}

/// Two figures of the same measure in different sentences; `a` is in the sentence that
/// comes first.
#[derive(Clone)]
struct Link {
    /// The two sentences, as one number that is equal for links between the same two.
    sentences: u64,
    a: usize,
    b: usize,
    relation: Relation,
}

/// How two figures of one measure relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    /// Some reading of their qualifiers makes both true.
    Agree,
    /// They differ, but by less than a reader should be told about.
    Minor,
    /// They cannot both be right.
    Conflict,
}

/// How two figures with these [`bounds`] relate.
fn relation_of(a: &Quantity, b: &Quantity, range_a: Range, range_b: Range) -> Relation {
    if disagree_within(a, b, range_a, range_b) {
        Relation::Conflict
    } else if ranges_apart(range_a, range_b) {
        Relation::Minor
    } else {
        Relation::Agree
    }
}

/// Every same-measure pair of figures, the links between one pair of sentences together
/// (in no particular order: [`paired`] orders them itself). Only figures of one unit are
/// compared, and of those only pairs that could be one measure ([`candidate_pairs`]).
fn links_between_sentences(figures: &[Figure]) -> Vec<Link> {
    let mut by_unit: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, figure) in figures.iter().enumerate() {
        by_unit
            .entry(bucket_unit(figure.quantity))
            .or_default()
            .push(i);
    }
    let sentences = Sentences::of(figures);
    let keys: Vec<&[usize]> = sentences
        .of_figure
        .iter()
        .map(|&s| sentences.keys[s as usize].as_slice())
        .collect();
    let cues: Vec<MeasureCues> = figures
        .iter()
        .zip(&keys)
        .map(|(figure, keys)| MeasureCues::of(figure, keys))
        .collect();
    let ranges: Vec<Range> = figures.iter().map(|f| bounds(f.quantity)).collect();
    let place = |i: usize| place_of(&figures[i]);
    let mut links: Vec<Link> = Vec::new();
    for members in by_unit.values() {
        for (i, j) in candidate_pairs(members, figures, &keys) {
            // Two values of one unit in one article are, far more often than not, two
            // things its writer told apart: only sources are set against each other.
            if figures[i].article == figures[j].article
                || !same_measure_in(&figures[i], &figures[j], &cues[i], &cues[j])
            {
                continue;
            }
            let (a, b) = if place(i) < place(j) { (i, j) } else { (j, i) };
            links.push(Link {
                sentences: sentences.pair(a, b),
                a,
                b,
                relation: relation_of(
                    figures[a].quantity,
                    figures[b].quantity,
                    ranges[a],
                    ranges[b],
                ),
            });
        }
    }
    // Grouped by pair of sentences: sorting is cheaper than a map of growing lists when
    // a large story has tens of thousands of links.
    sorted_by_sentences(links)
}

/// Links in order of their pair of sentences, by two counting passes (by the later
/// sentence, then stably by the earlier): time linear in links and sentences, where a
/// comparison sort of tens of thousands of links led the stage's profile.
fn sorted_by_sentences(links: Vec<Link>) -> Vec<Link> {
    let by_later = counting_sorted(links, |link| {
        (link.sentences & u64::from(u32::MAX)) as usize
    });
    counting_sorted(by_later, |link| (link.sentences >> 32) as usize)
}

/// Links in order of a small number each has, keeping the order of links with equal
/// numbers.
fn counting_sorted(links: Vec<Link>, bucket: impl Fn(&Link) -> usize) -> Vec<Link> {
    let buckets = links.iter().map(&bucket).max().map_or(0, |b| b + 1);
    // `next[b]`: where the next link of bucket `b` goes.
    let mut next = vec![0usize; buckets + 1];
    for link in &links {
        next[bucket(link) + 1] += 1;
    }
    for b in 1..=buckets {
        next[b] += next[b - 1];
    }
    let mut out = links.clone();
    for link in links {
        let b = bucket(&link);
        out[next[b]] = link;
        next[b] += 1;
    }
    out
}

/// The sentences a story's figures were read in, numbered in order of first figure,
/// with their [`context_keys`]: a sentence's figures share its keys.
struct Sentences {
    /// The number of each figure's sentence.
    of_figure: Vec<u32>,
    keys: Vec<Vec<usize>>,
}

impl Sentences {
    fn of(figures: &[Figure]) -> Sentences {
        let mut number: FxHashMap<Place, u32> = FxHashMap::default();
        let mut keys = Vec::new();
        let of_figure = figures
            .iter()
            .map(|figure| {
                *number.entry(place_of(figure)).or_insert_with(|| {
                    keys.push(context_keys(figure.context));
                    u32::try_from(keys.len() - 1).unwrap_or(u32::MAX)
                })
            })
            .collect();
        Sentences { of_figure, keys }
    }

    /// The sentences of figures `a` and `b` as one number.
    fn pair(&self, a: usize, b: usize) -> u64 {
        (u64::from(self.of_figure[a]) << 32) | u64::from(self.of_figure[b])
    }
}

/// A unit with at most this many figures in a story has every pair compared.
const ALL_PAIRS_UP_TO: usize = 200;
/// In larger buckets, context terms in more than this many figures' sentences do not
/// propose pairs: pairing stays near-linear in a story of thousands of articles.
const MAX_CONTEXT_POSTING: usize = 200;

/// The pairs of figures of one unit that [`same_measure`] could accept: every pair
/// in a small bucket; in a large one, the pairs with the same complement ("days of
/// talks") and the pairs whose sentences share [`CONTEXT_MIN_SHARED`] terms that are
/// not in too many sentences, since no other pair can be one measure. Each pair is
/// given once, as (earlier, later).
fn candidate_pairs(
    members: &[usize],
    figures: &[Figure],
    keys: &[&[usize]],
) -> Vec<(usize, usize)> {
    if members.len() <= ALL_PAIRS_UP_TO {
        return members
            .iter()
            .enumerate()
            .flat_map(|(x, &i)| members[x + 1..].iter().map(move |&j| (i, j)))
            .collect();
    }
    let mut by_complement: FxHashMap<Key, Vec<usize>> = FxHashMap::default();
    for (x, &i) in members.iter().enumerate() {
        if let Some(complement) = figures[i].quantity.complement {
            by_complement.entry(complement).or_default().push(x);
        }
    }
    let mut same_complement: Vec<&[usize]> = vec![&[]; members.len()];
    for same in by_complement
        .values()
        .filter(|m| m.len() <= MAX_CONTEXT_POSTING)
    {
        for &x in same {
            same_complement[x] = same;
        }
    }
    pairs_sharing_context(members, keys, &same_complement)
}

/// The pairs of `members` (figure indices, ascending) whose sentences share at least
/// [`CONTEXT_MIN_SHARED`] context terms held by at most [`MAX_CONTEXT_POSTING`] members,
/// or that are in one list of `same_complement` (positions in `members`, ascending, by
/// position), each once, as (earlier, later). Members are counted by their position in
/// `members`, in a plain array: a bucket this large makes thousands of counts per
/// member, which a hash map would spend most of its time hashing and growing for.
fn pairs_sharing_context(
    members: &[usize],
    keys: &[&[usize]],
    same_complement: &[&[usize]],
) -> Vec<(usize, usize)> {
    // A sentence's keys are distinct, so a posting list names a member at most once;
    // positions go in ascending, so each list is sorted.
    let mut postings: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (x, &i) in members.iter().enumerate() {
        for &key in keys[i] {
            postings.entry(key).or_default().push(x);
        }
    }
    let mut pairs = Vec::new();
    let mut counts = LaterCounts::new(members.len());
    for (x, &i) in members.iter().enumerate() {
        for key in keys[i] {
            let Some(list) = postings.get(key) else {
                continue;
            };
            if list.len() > MAX_CONTEXT_POSTING {
                continue;
            }
            counts.add_later(list, x, 1);
        }
        // The same complement counts as enough shared terms.
        counts.add_later(same_complement[x], x, CONTEXT_MIN_SHARED);
        counts.drain(|y, shared| {
            if shared >= CONTEXT_MIN_SHARED {
                pairs.push((i, members[y]));
            }
        });
    }
    pairs
}

/// What one member shares with each later member, in a plain array cleared by the
/// positions it touched.
struct LaterCounts {
    shared: Vec<usize>,
    touched: Vec<usize>,
}

impl LaterCounts {
    fn new(members: usize) -> LaterCounts {
        LaterCounts {
            shared: vec![0; members],
            touched: Vec::new(),
        }
    }

    /// Adds `weight` for each position in `list` (ascending) after `x`.
    fn add_later(&mut self, list: &[usize], x: usize, weight: usize) {
        let later = list.partition_point(|&y| y <= x);
        for &y in &list[later..] {
            if self.shared[y] == 0 {
                self.touched.push(y);
            }
            self.shared[y] += weight;
        }
    }

    /// Calls `each` with every position touched and its count, and clears them.
    fn drain(&mut self, mut each: impl FnMut(usize, usize)) {
        for y in self.touched.drain(..) {
            each(y, self.shared[y]);
            self.shared[y] = 0;
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::quantities_in;
    use crate::text::terms::terms_of;

    struct Read {
        text: String,
        terms: Vec<Term>,
        quantities: Vec<Quantity>,
    }

    fn read(text: &str) -> Read {
        Read {
            text: text.to_string(),
            terms: terms_of(text),
            quantities: quantities_in(text),
        }
    }

    /// Figures of sentences as `(article, sentence text)`.
    fn figures_of<'a>(sentences: &[(usize, &'a Read)]) -> Vec<Figure<'a>> {
        sentences
            .iter()
            .enumerate()
            .flat_map(|(k, (article, r))| {
                r.quantities.iter().map(move |q| Figure {
                    article: *article,
                    sentence: k,
                    quantity: q,
                    context: &r.terms,
                    sentence_text: &r.text,
                })
            })
            .collect()
    }

    fn flagged(a: &str, b: &str) -> Vec<Vec<String>> {
        let (a, b) = (read(a), read(b));
        let figures = figures_of(&[(0, &a), (1, &b)]);
        discrepancies_in(&figures)
            .into_iter()
            .map(|d| {
                d.values
                    .iter()
                    .map(|&i| figures[i].quantity.text.clone())
                    .collect()
            })
            .collect()
    }

    fn first(sentence: &str) -> Quantity {
        quantities_in(sentence)
            .into_iter()
            .next()
            .expect("a quantity")
    }

    #[test]
    fn counting_sorts_order_links_as_sorting_by_their_sentences() {
        let links: Vec<Link> = (0..500u64)
            .map(|k| Link {
                sentences: ((k * 7919 % 13) << 32) | (k * 104_729 % 17),
                a: k as usize,
                b: 0,
                relation: Relation::Agree,
            })
            .collect();
        let mut expected: Vec<(u64, usize)> = links.iter().map(|l| (l.sentences, l.a)).collect();
        expected.sort_unstable();
        let sorted: Vec<(u64, usize)> = sorted_by_sentences(links)
            .iter()
            .map(|l| (l.sentences, l.a))
            .collect();
        assert_eq!(sorted, expected);
        assert!(sorted_by_sentences(Vec::new()).is_empty());
    }

    /// [`candidate_pairs`] of a large bucket as first written: the pairs of each
    /// complement, added to the context pairs, sorted and made distinct.
    fn candidate_pairs_by_sorting(
        members: &[usize],
        figures: &[Figure],
        keys: &[&[usize]],
    ) -> Vec<(usize, usize)> {
        let mut by_complement: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for &i in members {
            if let Some(complement) = &figures[i].quantity.complement {
                by_complement.entry(complement).or_default().push(i);
            }
        }
        let mut pairs = Vec::new();
        for same in by_complement
            .values()
            .filter(|m| m.len() <= MAX_CONTEXT_POSTING)
        {
            for (x, &i) in same.iter().enumerate() {
                pairs.extend(same[x + 1..].iter().map(|&j| (i.min(j), i.max(j))));
            }
        }
        let no_complements = vec![&[][..]; members.len()];
        pairs.extend(pairs_sharing_context(members, keys, &no_complements));
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    #[test]
    fn complements_counted_with_the_context_give_the_pairs_sorting_gave() {
        let words = [
            "talks", "strikes", "drones", "homes", "troops", "ships", "votes",
        ];
        let places = ["Kyiv", "Paris", "Lima", "Oslo", "Accra"];
        let texts: Vec<String> = (0..260)
            .map(|k| {
                format!(
                    "{} said {} days of {} left {} near {} and {}.",
                    places[k % places.len()],
                    k + 3,
                    words[k % words.len()],
                    words[(k / 3) % words.len()],
                    places[(k / 7) % places.len()],
                    words[(k / 11) % words.len()],
                )
            })
            .collect();
        let reads: Vec<Read> = texts.iter().map(|t| read(t)).collect();
        let sentences: Vec<(usize, &Read)> = reads.iter().enumerate().collect();
        let figures = figures_of(&sentences);
        let members: Vec<usize> = (0..figures.len())
            .filter(|&i| figures[i].quantity.unit == figures[0].quantity.unit)
            .collect();
        assert!(members.len() > ALL_PAIRS_UP_TO);
        assert!(
            members
                .iter()
                .all(|&i| figures[i].quantity.complement.is_some())
        );
        let context: Vec<Vec<usize>> = figures.iter().map(|f| context_keys(f.context)).collect();
        let keys: Vec<&[usize]> = context.iter().map(Vec::as_slice).collect();
        let mut pairs = candidate_pairs(&members, &figures, &keys);
        pairs.sort_unstable();
        let before = pairs.len();
        pairs.dedup();
        assert_eq!(pairs.len(), before, "a pair given twice");
        assert_eq!(pairs, candidate_pairs_by_sorting(&members, &figures, &keys));
    }

    /// [`days_named`] as first written, as text: a set of strings.
    fn days_named_as_text(sentence: &str) -> std::collections::BTreeSet<String> {
        let mut days: std::collections::BTreeSet<String> = crate::extract::dates_in(sentence)
            .into_iter()
            .filter_map(|d| Some(format!("{:?}-{}-{}", d.year, d.month?, d.day?)))
            .collect();
        days.extend(
            crate::text::terms::words(sentence)
                .iter()
                .filter_map(|w| weekday_named(w.text))
                .map(|k| WEEKDAYS[k].to_string()),
        );
        days
    }

    #[test]
    fn days_named_as_values_are_the_days_named_as_text() {
        for sentence in [
            "On Monday, Dec. 8, talks resumed; on MONDAY 8 December 2025 they ended.",
            "The 2025-12-08 vote, the Sunday vote and the sunday one.",
            "Nothing on a day without digits: today, Tuesdays.",
            "Friday 5 May 2023 and May 5 and 5 may.",
            "",
        ] {
            let as_text: Vec<String> = days_named(sentence)
                .iter()
                .map(|day| match *day {
                    Day::Date(year, month, day) => format!("{year:?}-{month}-{day}"),
                    Day::Weekday(k) => WEEKDAYS[k].to_string(),
                })
                .collect();
            let expected: Vec<String> = days_named_as_text(sentence).into_iter().collect();
            let mut sorted = as_text.clone();
            sorted.sort();
            assert_eq!(sorted, expected, "{sentence:?}");
            assert_eq!(as_text.len(), expected.len());
        }
    }

    #[test]
    fn qualifiers_are_honoured() {
        assert!(!figures_disagree(
            &first("at least 8 people were hurt"),
            &first("10 people were hurt")
        ));
        assert!(!figures_disagree(
            &first("nearly two dozen people were hurt"),
            &first("23 people were hurt")
        ));
        assert!(!figures_disagree(
            &first("about 20% of the land"),
            &first("19% of the land")
        ));
        assert!(figures_disagree(
            &first("three days of talks"),
            &first("two days of talks")
        ));
        assert!(figures_disagree(
            &first("653 drones were launched"),
            &first("370 drones were launched")
        ));
    }

    #[test]
    fn ranges_and_vague_amounts_hold_what_they_allow() {
        let range = first("between 20 and 25 people were hurt");
        assert!(!figures_disagree(&range, &first("22 people were hurt")));
        assert!(figures_disagree(&range, &first("30 people were hurt")));
        let dozens = first("dozens of people were hurt");
        assert!(!figures_disagree(&dozens, &first("50 people were hurt")));
        assert!(figures_disagree(
            &first("hundreds of people were hurt"),
            &first("20 people were hurt")
        ));
    }

    #[test]
    fn percentages_and_scaled_currencies_compare_by_value() {
        assert!(!figures_disagree(
            &first("aid of 90 billion euros"),
            &first("aid of 90,000,000,000 euros")
        ));
        assert!(figures_disagree(
            &first("aid of 90 billion euros"),
            &first("aid of 50 billion euros")
        ));
        assert!(figures_disagree(
            &first("about 20% of Ukraine"),
            &first("35% of Ukraine")
        ));
    }

    #[test]
    fn rounding_and_immaterial_differences_are_not_flagged() {
        assert!(!figures_disagree(
            &first("it spent $114 million"),
            &first("it spent $114.3 million")
        ));
        assert!(!figures_disagree(
            &first("shares closed at $38.28"),
            &first("shares closed at $38.30")
        ));
        // A count is exact: one source's 653 is not another's 652 by rounding.
        assert!(values_conflict(&first("653 drones"), &first("652 drones")));
    }

    #[test]
    fn bounds_in_one_direction_far_apart_are_different_counts() {
        assert!(figures_disagree(
            &first("at least 112 people died"),
            &first("at least 343 people died")
        ));
        assert!(!figures_disagree(
            &first("at least 767 people died"),
            &first("at least 770 people died")
        ));
    }

    #[test]
    fn different_units_and_roles_are_different_measures() {
        assert!(
            flagged(
                "Officials reported that 29 locations were hit, leaving at least eight people injured.",
                "Ukraine's energy ministry reported that strikes affected eight regions, causing widespread power outages."
            )
            .is_empty()
        );
        assert!(
            flagged(
                "During the same period, Russia launched 653 drones and 51 missiles in a massive overnight assault.",
                "Ukrainian air defenses intercepted 585 drones and 30 missiles, preventing further devastation."
            )
            .is_empty()
        );
        assert!(
            flagged(
                "The strikes killed 8 people in Kharkiv.",
                "The strikes injured 23 people in Kharkiv."
            )
            .is_empty()
        );
    }

    #[test]
    fn same_measure_with_different_values_is_flagged_with_both() {
        assert_eq!(
            flagged(
                "Three days of negotiations between Ukrainian and US officials ended without a breakthrough.",
                "Witkoff said two days of talks with Ukrainian officials ended without a breakthrough."
            ),
            vec![vec![
                "Three days of negotiations".to_string(),
                "two days of talks".to_string()
            ]]
        );
    }

    #[test]
    fn ordinals_are_not_compared_with_counts() {
        assert!(
            flagged(
                "Talks between Ukraine and the US continued in Florida for a third day.",
                "Witkoff said two days of talks between Ukraine and the US in Florida were constructive."
            )
            .is_empty()
        );
    }

    #[test]
    fn several_figures_of_one_unit_pair_up_before_they_conflict() {
        assert!(
            flagged(
                "Shares of Smithfield closed up $1.64, or 8.5 percent, at $20.85 on the exchange.",
                "Shares of Smithfield rose $1.64 yesterday to close at $20.85 on the exchange."
            )
            .is_empty()
        );
        assert_eq!(
            flagged(
                "Shares of Smithfield closed up $1.64, or 8.5 percent, at $20.85 on the exchange.",
                "Shares of Smithfield rose $11.92 yesterday to close at $20.85 on the exchange."
            ),
            vec![vec!["$1.64".to_string(), "$11.92".to_string()]]
        );
    }

    #[test]
    fn two_values_of_one_article_are_not_set_against_each_other() {
        // "Rakim Watson, 27" and "Ricardo Watson, 28", "sentenced to 120 days" and "to
        // 90 days": a writer who gives two values of one unit means two things.
        let a = read("Russia launched 653 drones at Ukraine overnight, the air force said.");
        let b =
            read("In all, Russia launched 370 drones at Ukraine overnight, the air force said.");
        assert!(discrepancies_in(&figures_of(&[(0, &a), (0, &b)])).is_empty());
        let found = discrepancies_in(&figures_of(&[(0, &a), (1, &b)]));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].values.len(), 2);
    }

    #[test]
    fn figures_from_sentences_naming_different_days_may_be_different_events() {
        let a = read("On Monday, Russia launched 653 drones at Ukraine, the air force said.");
        let b = read("On Tuesday, Russia launched 370 drones at Ukraine, the air force said.");
        let figures = figures_of(&[(0, &a), (1, &b)]);
        let found = discrepancies_in(&figures);
        assert_eq!(found.len(), 1);
        assert!(found[0].may_be_different_events);
        let c = read("Russia launched 370 drones at Ukraine overnight, the air force said.");
        let figures = figures_of(&[(0, &a), (1, &c)]);
        assert!(!discrepancies_in(&figures)[0].may_be_different_events);
    }

    /// Each rule of reading and matching figures, on its own pair of sentences from two
    /// sources: one pair that must be flagged, one that must not.
    fn flagged_values(a: &str, b: &str) -> Vec<Vec<String>> {
        flagged(a, b)
    }

    #[test]
    fn people_in_different_nouns_are_one_count_when_one_noun_is_general() {
        assert_eq!(
            flagged_values(
                "Police arrested more than 130 individuals during the protests.",
                "More than 215 people have been arrested during the protests."
            )
            .len(),
            1
        );
        assert!(
            flagged_values(
                "Officials said two Iraqis and two Saudis detained after the blast gave information.",
                "Officials said seven Iraqis detained after the blast gave information."
            )
            .len()
                == 1
        );
        // Two specific nouns are two groups.
        assert!(
            flagged_values(
                "Officials said seven Iraqis detained after the blast gave information.",
                "Officials said two Saudis detained after the blast gave information."
            )
            .is_empty()
        );
    }

    #[test]
    fn capitalised_plurals_and_modifiers_are_read_as_what_is_counted() {
        assert_eq!(
            flagged_values(
                "Three American warships are off the Liberian coast carrying 2,300 marines.",
                "There are three warships with 4,607 Marines lingering off the Liberian coast."
            ),
            vec![vec![
                "2,300 marines".to_string(),
                "4,607 Marines".to_string()
            ]]
        );
        assert_eq!(
            flagged_values(
                "Three such vigilante-style attacks forced the hacker to extend the contest.",
                "Eight such vigilante-style attacks forced the hacker to extend the contest."
            )
            .len(),
            1
        );
        assert!(
            flagged_values(
                "Three such vigilante-style attacks forced the hacker to extend the contest.",
                "Three vigilante-style attacks forced the hacker to extend the contest."
            )
            .is_empty()
        );
    }

    #[test]
    fn ages_are_compared_only_for_one_named_person() {
        assert_eq!(
            flagged_values(
                "Peterson, 31, is now charged with murder in the deaths of his wife and son.",
                "Peterson, 69, is charged with two counts of murder in the deaths of his wife and son."
            ),
            vec![vec!["31".to_string(), "69".to_string()]]
        );
        assert!(
            flagged_values(
                "Rakim Watson, 27, is wanted in connection with the shooting, police said.",
                "Ricardo Watson, 28, was found in connection with the shooting, police said."
            )
            .is_empty()
        );
        // A 16-year-old victim and a 26-year-old officer are two people.
        assert!(
            flagged_values(
                "A 16-year-old victim was shot near the school on Main Street, police said.",
                "A 26-year-old officer was shot near the school on Main Street, police said."
            )
            .is_empty()
        );
    }

    #[test]
    fn addresses_model_numbers_and_phone_numbers_are_not_amounts() {
        assert!(
            flagged_values(
                "The shooting happened in the 7200 block of South Langley, police said.",
                "The shooting happened in the 6300 block of South Ingleside, police said."
            )
            .is_empty()
        );
        assert!(
            flagged_values(
                "Police seized six AK 47 rifles and ammunition from the house.",
                "Police seized six AK 74 rifles and ammunition from the house."
            )
            .is_empty()
        );
        assert!(quantities_in("Call Crime Stoppers at 713-222-TIPS.").is_empty());
        assert_eq!(
            flagged_values(
                "Police seized six AK-47 rifles and ammunition from the house.",
                "Police seized nine AK-47 rifles and ammunition from the house."
            )
            .len(),
            1
        );
    }

    #[test]
    fn bare_numbers_are_measured_by_their_subject() {
        assert_eq!(
            flagged_values(
                "A blood-alcohol test produced a reading of 0.18, the report said.",
                "A blood-alcohol test produced a reading of 7.36, the report said."
            ),
            vec![vec!["0.18".to_string(), "7.36".to_string()]]
        );
        assert_eq!(
            flagged_values(
                "Worldwide PC shipments reached 19.5 million in the quarter.",
                "Worldwide PC shipments reached 46 million in the quarter."
            )
            .len(),
            1
        );
        // Two subjects are two measures.
        assert!(
            flagged_values(
                "Worldwide PC shipments reached 19.5 million in the quarter.",
                "Worldwide PC sales reached 46 million in the quarter."
            )
            .is_empty()
        );
    }

    #[test]
    fn ordinals_rank_their_head_noun() {
        assert!(
            flagged_values(
                "He became the first black senator elected from Massachusetts.",
                "He became the second black member elected from Massachusetts."
            )
            .is_empty()
        );
        assert_eq!(
            flagged_values(
                "He became the first black senator elected from Massachusetts.",
                "He became the second black senator elected from Massachusetts."
            )
            .len(),
            1
        );
    }

    #[test]
    fn hyphenated_compounds_measure_the_noun_after_them() {
        assert_eq!(
            flagged_values(
                "She was arraigned on three counts of second-degree murder and held without bail.",
                "She was arraigned on eight counts of second-degree murder and held without bail."
            )
            .len(),
            1
        );
        assert!(
            flagged_values(
                "Seven of the 14-member cell were arrested in Lackawanna.",
                "Seven of the 29 bombers were arrested in Lackawanna."
            )
            .is_empty()
        );
    }

    #[test]
    fn days_and_weekdays_of_one_event_are_flagged() {
        assert_eq!(
            flagged_values(
                "The dividend is payable Nov. 7 to shareholders of record Oct. 15.",
                "The dividend is payable on Nov. 17 to shareholders of record Oct. 15."
            ),
            vec![vec!["Nov. 7".to_string(), "Nov. 17".to_string()]]
        );
        assert_eq!(
            flagged_values(
                "The agent filed the lawsuit on Friday in federal court in Washington.",
                "The agent filed the lawsuit on Sunday in federal court in Washington."
            ),
            vec![vec!["Friday".to_string(), "Sunday".to_string()]]
        );
        // Days of different events in one story.
        assert!(
            flagged_values(
                "On Monday police said the suspect had fled the city after the shooting.",
                "He was charged with murder on Tuesday and held without bail."
            )
            .is_empty()
        );
        // A name is not a day.
        assert!(
            flagged_values(
                "Shoppers crowded the mall on Black Friday this year.",
                "Shoppers crowded the mall on Cyber Monday this year."
            )
            .is_empty()
        );
    }

    #[test]
    fn a_different_day_beside_a_different_amount_is_not_set_against_it() {
        let found = flagged(
            "On Monday, Russia launched 653 drones at Ukraine, the air force said.",
            "On Tuesday, Russia launched 370 drones at Ukraine, the air force said.",
        );
        assert_eq!(
            found,
            vec![vec!["653 drones".to_string(), "370 drones".to_string()]]
        );
    }

    #[test]
    fn known_roles_against_other_roles_are_other_counts() {
        assert!(
            flagged_values(
                "Thirteen people were wounded at the party in Bridgeport early Sunday.",
                "About 100 people were at the party in Bridgeport early Sunday."
            )
            .is_empty()
        );
        assert_eq!(
            flagged_values(
                "Thirteen people were wounded at the party in Bridgeport early Sunday.",
                "Eleven people were wounded at the party in Bridgeport early Sunday."
            )
            .len(),
            1
        );
    }

    #[test]
    fn times_counted_back_need_the_same_matter() {
        assert!(
            flagged_values(
                "The teenager was shot and killed by police in Athens eight days ago.",
                "One day ago, students occupied schools across Greece in protest."
            )
            .is_empty()
        );
        assert_eq!(
            flagged_values(
                "The probe of Microsoft's server software started five years ago.",
                "The probe of Microsoft's server software started ten years ago."
            )
            .len(),
            1
        );
    }

    #[test]
    fn loosely_agreeing_values_do_not_chain_into_one_flag() {
        let (a, b, c) = (
            read("Hundreds of people gathered as 13 people were wounded at the party."),
            read("Police said 400 people gathered as 13 people were wounded at the party."),
            read("Police said 11 people were wounded at the party."),
        );
        let figures = figures_of(&[(0, &a), (1, &b), (2, &c)]);
        for d in discrepancies_in(&figures) {
            let texts: Vec<&str> = d
                .values
                .iter()
                .map(|&i| figures[i].quantity.text.as_str())
                .collect();
            assert!(
                !texts
                    .iter()
                    .any(|t| t.contains("400") || t.contains("undreds")),
                "{texts:?}"
            );
        }
    }
}
