//! Pairing: matches the figures of two sentences one to one, agreeing pairs first,
//! then minor differences, then conflicts, closer *local words* (the words either side
//! of a figure) first, so that several figures of one unit in a sentence are never set
//! against each other. It does not find the links it pairs: [`super::links`].

use crate::text::terms::{Term, shared_count, terms_of};

use super::Figure;
use super::disagree::Relation;
use super::links::Link;
use super::measure::context_keys;

/// Words either side of a figure that tell two figures of one unit in a sentence apart.
const LOCAL_WINDOW_BYTES: usize = 40;

/// The canonical words just before and after a figure in its sentence, as sorted
/// distinct key numbers (as [`context_keys`]) so that two figures' words are compared by a
/// merge, not by hashing.
pub(super) fn local_words(figure: &Figure) -> Vec<usize> {
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
    let terms: Vec<Term> = [before, after]
        .iter()
        .flat_map(|part| terms_of(part))
        .collect();
    context_keys(&terms)
}

/// Adds to `local` (one slot per figure, filled where [`local_words`] were already
/// read) the local words of each figure of a link that another link between the same
/// two sentences has the same relation as: only there does [`paired`] need them, to
/// choose between links of one rank.
pub(super) fn local_words_where_needed(
    figures: &[Figure],
    links: &[Link],
    local: &mut [Option<Vec<usize>>],
) {
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
}

/// Pairs the figures of two sentences one to one, best links first; slight differences
/// pair figures (so they are not set against others) but are not reported. How close
/// two figures' wording is only orders links of one relation, so `local` need only hold
/// the [`local_words`] of the figures of those. `used` marks the figures paired so far,
/// by index: all false on entry, and so again on return, so that one buffer serves every
/// pair of sentences of a story (a set per pair was most of this function's cost).
pub(super) fn paired<'l>(
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
