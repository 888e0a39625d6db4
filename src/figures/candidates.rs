//! Candidates: the pairs of figures of one unit worth judging. In a small story every
//! pair; in a large one only pairs with the same complement or whose sentences share a
//! few rarer *context* terms (a term's *posting* is the figures whose sentences have
//! it), since no other pair can be one measure (but for articles' first tolls that
//! share only common words, which a large story leaves uncompared).

use rustc_hash::FxHashMap;

use crate::text::terms::Key;

use super::Figure;
use super::measure::CONTEXT_MIN_SHARED;

/// A unit with at most this many figures in a story has every pair compared.
pub(super) const ALL_PAIRS_UP_TO: usize = 200;
/// In larger buckets, context terms in more than this many figures' sentences do not
/// propose pairs: pairing stays near-linear in a story of thousands of articles.
pub(super) const MAX_CONTEXT_POSTING: usize = 200;

/// The pairs of figures of one unit that [`same_measure`] could accept: every pair
/// in a small bucket; in a large one, the pairs with the same complement ("days of
/// talks") and the pairs whose sentences share [`CONTEXT_MIN_SHARED`] terms that are
/// not in too many sentences, since no other pair can be one measure. Each pair is
/// given once, as (earlier, later).
pub(super) fn candidate_pairs(
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
pub(super) fn pairs_sharing_context(
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
    pub(super) shared: Vec<usize>,
    pub(super) touched: Vec<usize>,
}

impl LaterCounts {
    pub(super) fn new(members: usize) -> LaterCounts {
        LaterCounts {
            shared: vec![0; members],
            touched: Vec::new(),
        }
    }

    /// Adds `weight` for each position in `list` (ascending) after `x`.
    pub(super) fn add_later(&mut self, list: &[usize], x: usize, weight: usize) {
        let later = list.partition_point(|&y| y <= x);
        for &y in &list[later..] {
            if self.shared[y] == 0 {
                self.touched.push(y);
            }
            self.shared[y] += weight;
        }
    }

    /// Calls `each` with every position touched and its count, and clears them.
    pub(super) fn drain(&mut self, mut each: impl FnMut(usize, usize)) {
        for y in self.touched.drain(..) {
            each(y, self.shared[y]);
            self.shared[y] = 0;
        }
    }
}
