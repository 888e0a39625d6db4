//! Disagreement: whether two figures of one measure cannot both be right, and how two
//! such figures *relate* (agree, differ by a *minor* amount, or *conflict*).
//!
//! A *range* is the values a figure allows ([`bounds`]); a difference is *material*
//! when it is a large enough share of the larger value to tell a reader; bounds in one
//! *direction* ("at least 112", "at least 343") disagree when far apart. Which figures
//! are compared is [`super::links`].

use crate::extract::{
    AGE_UNIT, Qualifier, Quantity, QuantityKind, bounds, is_distinct_role, is_general_person_unit,
    is_group_word,
};

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
pub(super) type Range = (f64, f64);

/// [`values_conflict`] of two figures with these [`bounds`]: no value is in both.
fn ranges_apart((low_a, high_a): Range, (low_b, high_b): Range) -> bool {
    high_a < low_b || high_b < low_a
}

/// True when the gap between the two figures' ranges is a material share of their size.
fn materially_apart(a: &Quantity, b: &Quantity, range_a: Range, range_b: Range) -> bool {
    // A day, a place in a series and an age are exact: the 30th is not the 31st, the
    // 81st birthday is not the 84th, 62 is not 63.
    if matches!(a.kind, QuantityKind::Day | QuantityKind::Ordinal) || a.unit == AGE_UNIT {
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

/// How two figures of one measure relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Relation {
    /// Some reading of their qualifiers makes both true.
    Agree,
    /// They differ, but by less than a reader should be told about, or one counts part
    /// of a group the other may be all of ("two other people", "three people").
    Minor,
    /// They cannot both be right.
    Conflict,
}

/// How two figures with these [`bounds`] relate.
pub(super) fn relation_of(a: &Quantity, b: &Quantity, range_a: Range, range_b: Range) -> Relation {
    if part_within_whole(a, b, range_a, range_b) || part_within_whole(b, a, range_b, range_a) {
        Relation::Minor
    } else if disagree_within(a, b, range_a, range_b) {
        Relation::Conflict
    } else if ranges_apart(range_a, range_b) {
        Relation::Minor
    } else {
        Relation::Agree
    }
}

/// The word by which a part says which group it is part of ("two other people",
/// "three of the victims", "including three children": [`is_group_word`]), if any: a
/// part told only beside another part ("two Iraqis and two Saudis") may be all of its
/// kind there was.
fn group_word(part: &Quantity) -> Option<String> {
    part.text
        .split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .find(|word| is_group_word(word))
}

/// True when `part` counts part of a group ("two other people", "three of the victims")
/// that may be smaller than `whole` counts: then both are true ("two other people were
/// with the boy" and "three people were in the apartment"). An "other" part said to
/// have been killed, wounded or arrested is left to the plain comparison: "four others
/// were wounded" is most often the whole count of the wounded, where "three of the
/// victims" and "including three children" never are.
fn part_within_whole(
    part: &Quantity,
    whole: &Quantity,
    part_range: Range,
    whole_range: Range,
) -> bool {
    // Most links hold no part: their text is not read.
    if !part.part || whole.part {
        return false;
    }
    // "two men and a woman" against "four people": a group told in parts by their
    // own nouns is part of the people counted in general.
    let told_in_parts = part.unit != whole.unit && is_general_person_unit(&whole.unit);
    let Some(word) = group_word(part) else {
        return told_in_parts && part_range.0 < whole_range.1;
    };
    let always_within = word == "of" || word == "including";
    (always_within || !part.role.is_some_and(|r| is_distinct_role(&r)))
        && part_range.0 < whole_range.1
}
