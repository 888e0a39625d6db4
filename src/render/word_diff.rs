//! Which words of a sentence a word-level diff against another sentence leaves
//! unmatched: exactly the inserted (and replacing) words of
//! `similar::capture_diff_slices(Algorithm::Patience, old, new)`, without its cost.
//!
//! A large briefing diffs hundreds of thousands of sentence pairs, each a few dozen
//! words, and `similar`'s general machinery (hashing every word to find the unique
//! ones, a vector of ops per call, lookups through generic indices) was most of the
//! time. For inputs that small its patience diff reduces to a handful of exact steps,
//! reimplemented here step for step so that the marked words are the same, repeated
//! words included:
//!
//! 1. words that occur once on each side are aligned by Myers' diff (the anchors);
//! 2. the stretches between anchors are extended forward word by word and diffed by
//!    Myers' diff, each emitting equal, deleted and inserted runs in order;
//! 3. the runs are compacted: each deletion, then each insertion, is slid up and down
//!    over equal words to join its neighbours (`similar::algorithms::Compact`).
//!
//! `similar`'s heuristics (skipping disjoint inputs, peeling a long anchor off the
//! front, an exact fallback for a very small side, giving up on an optimal path after a
//! costly search) only start past sizes that [`fits`] rules out; larger inputs go to
//! `similar` itself. The tests compare the two on many sentence pairs and random
//! sequences with repeats.

use std::ops::Range;

use similar::{Algorithm, DiffTag};

/// The largest smaller side `similar` diffs without its front-anchor shortcut (it
/// needs both sides longer than 96).
const SMALL_SIDE_MAX: usize = 96;
/// The largest total `similar`'s Myers search handles without a heuristic (those need
/// an edit cost of 256 or more, so more than 508 items in all) or a disjoint-input
/// scan (512 items a side).
const TOTAL_MAX: usize = 500;

/// Whether [`Differ::mark_inserted`] computes the diff itself rather than asking
/// `similar`.
fn fits(old: &[u32], new: &[u32]) -> bool {
    old.len().min(new.len()) <= SMALL_SIDE_MAX && old.len() + new.len() <= TOTAL_MAX
}

/// Reusable buffers for diffing many sentence pairs.
#[derive(Default)]
pub struct Differ {
    /// How often (0, 1, 2 for more) each key occurs on the old and the new side,
    /// indexed by key; all zero between calls.
    counts: Vec<[u8; 2]>,
    old_unique: Unique,
    new_unique: Unique,
    anchors: Vec<Op>,
    ops: Vec<Op>,
    forward: Vec<usize>,
    backward: Vec<usize>,
}

/// The items of a sequence that occur in it once: their keys and positions.
#[derive(Default)]
struct Unique {
    keys: Vec<u32>,
    positions: Vec<usize>,
}

impl Differ {
    /// Sets `changed[i]` for each word `i` of `new` that the patience diff from `old`
    /// inserts or replaces; leaves the others as they are.
    pub fn mark_inserted(&mut self, old: &[u32], new: &[u32], changed: &mut [bool]) {
        if !fits(old, new) {
            mark_inserted_by_similar(old, new, changed);
            return;
        }
        self.ops.clear();
        self.patience(old, new);
        compact(&mut self.ops, old, new);
        for op in &self.ops {
            if let Op::Insert {
                new_index, new_len, ..
            } = *op
            {
                changed[new_index..new_index + new_len].fill(true);
            }
        }
    }

    /// `similar::algorithms::patience::diff` into `self.ops`, for inputs that [`fits`].
    fn patience(&mut self, old: &[u32], new: &[u32]) {
        // A one-sided input has no anchors.
        if old.is_empty() || new.is_empty() {
            if !new.is_empty() {
                self.ops.push(Op::insert(0, 0, new.len()));
            } else if !old.is_empty() {
                self.ops.push(Op::delete(0, old.len(), 0));
            }
            return;
        }
        let prefix = common_prefix_len(old, 0..old.len(), new, 0..new.len());
        if old.len() == new.len() && prefix == old.len() {
            self.ops.push(Op::equal(0, 0, prefix));
            return;
        }
        self.find_unique(old, new);
        let mut anchors = std::mem::take(&mut self.anchors);
        anchors.clear();
        myers(
            &self.old_unique.keys,
            0..self.old_unique.keys.len(),
            &self.new_unique.keys,
            0..self.new_unique.keys.len(),
            &mut anchors,
            &mut self.forward,
            &mut self.backward,
        );
        let (mut old_at, mut new_at) = (0, 0);
        for op in &anchors {
            let Op::Equal {
                old_index,
                new_index,
                len,
            } = *op
            else {
                continue;
            };
            for i in 0..len {
                let old_anchor = self.old_unique.positions[old_index + i];
                let new_anchor = self.new_unique.positions[new_index + i];
                let (old_from, new_from) = (old_at, new_at);
                while old_at < old_anchor && new_at < new_anchor && new[new_at] == old[old_at] {
                    old_at += 1;
                    new_at += 1;
                }
                if old_at > old_from {
                    self.ops
                        .push(Op::equal(old_from, new_from, old_at - old_from));
                }
                myers(
                    old,
                    old_at..old_anchor,
                    new,
                    new_at..new_anchor,
                    &mut self.ops,
                    &mut self.forward,
                    &mut self.backward,
                );
                old_at = old_anchor;
                new_at = new_anchor;
            }
        }
        self.anchors = anchors;
        myers(
            old,
            old_at..old.len(),
            new,
            new_at..new.len(),
            &mut self.ops,
            &mut self.forward,
            &mut self.backward,
        );
    }

    /// The items of `old` and of `new` that occur once in their own sequence.
    fn find_unique(&mut self, old: &[u32], new: &[u32]) {
        let largest = old.iter().chain(new).copied().max().unwrap_or(0) as usize;
        if self.counts.len() <= largest {
            self.counts.resize(largest + 1, [0; 2]);
        }
        for (side, items) in [old, new].into_iter().enumerate() {
            for &key in items {
                let count = &mut self.counts[key as usize][side];
                *count = (*count + 1).min(2);
            }
        }
        for (side, items, unique) in [
            (0, old, &mut self.old_unique),
            (1, new, &mut self.new_unique),
        ] {
            unique.keys.clear();
            unique.positions.clear();
            for (i, &key) in items.iter().enumerate() {
                if self.counts[key as usize][side] == 1 {
                    unique.keys.push(key);
                    unique.positions.push(i);
                }
            }
        }
        for &key in old.iter().chain(new) {
            self.counts[key as usize] = [0; 2];
        }
    }
}

/// What the diff is for inputs larger than [`fits`] allows.
fn mark_inserted_by_similar(old: &[u32], new: &[u32], changed: &mut [bool]) {
    for op in similar::capture_diff_slices(Algorithm::Patience, old, new) {
        let (tag, _, new) = op.as_tag_tuple();
        if matches!(tag, DiffTag::Insert | DiffTag::Replace) {
            changed[new].fill(true);
        }
    }
}

/// A run of the diff, as `similar::DiffOp` (which has no public way to adjust one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Equal {
        old_index: usize,
        new_index: usize,
        len: usize,
    },
    Delete {
        old_index: usize,
        old_len: usize,
        new_index: usize,
    },
    Insert {
        old_index: usize,
        new_index: usize,
        new_len: usize,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tag {
    Equal,
    Delete,
    Insert,
}

impl Op {
    fn equal(old_index: usize, new_index: usize, len: usize) -> Op {
        Op::Equal {
            old_index,
            new_index,
            len,
        }
    }

    fn delete(old_index: usize, old_len: usize, new_index: usize) -> Op {
        Op::Delete {
            old_index,
            old_len,
            new_index,
        }
    }

    fn insert(old_index: usize, new_index: usize, new_len: usize) -> Op {
        Op::Insert {
            old_index,
            new_index,
            new_len,
        }
    }

    fn tag(self) -> Tag {
        match self {
            Op::Equal { .. } => Tag::Equal,
            Op::Delete { .. } => Tag::Delete,
            Op::Insert { .. } => Tag::Insert,
        }
    }

    fn old_range(self) -> Range<usize> {
        match self {
            Op::Equal { old_index, len, .. } => old_index..old_index + len,
            Op::Delete {
                old_index, old_len, ..
            } => old_index..old_index + old_len,
            Op::Insert { old_index, .. } => old_index..old_index,
        }
    }

    fn new_range(self) -> Range<usize> {
        match self {
            Op::Equal { new_index, len, .. } => new_index..new_index + len,
            Op::Delete { new_index, .. } => new_index..new_index,
            Op::Insert {
                new_index, new_len, ..
            } => new_index..new_index + new_len,
        }
    }

    fn is_empty(self) -> bool {
        self.old_range().is_empty() && self.new_range().is_empty()
    }

    // The six adjustments of `similar`'s `DiffOp`, as (start moved by, length changed by).

    fn shift_left(&mut self, by: usize) {
        self.adjust(-signed(by), 0);
    }

    fn shift_right(&mut self, by: usize) {
        self.adjust(signed(by), 0);
    }

    fn grow_left(&mut self, by: usize) {
        self.adjust(-signed(by), signed(by));
    }

    fn grow_right(&mut self, by: usize) {
        self.adjust(0, signed(by));
    }

    fn shrink_left(&mut self, by: usize) {
        self.adjust(0, -signed(by));
    }

    fn shrink_right(&mut self, by: usize) {
        self.adjust(signed(by), -signed(by));
    }

    /// Moves the start of the run on both sides by `start` and changes its length by
    /// `len`.
    fn adjust(&mut self, start: isize, len: isize) {
        let (old_index, new_index, length) = match self {
            Op::Equal {
                old_index,
                new_index,
                len,
            } => (old_index, new_index, len),
            Op::Delete {
                old_index,
                new_index,
                old_len,
            } => (old_index, new_index, old_len),
            Op::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index, new_index, new_len),
        };
        *old_index = old_index.wrapping_add_signed(start);
        *new_index = new_index.wrapping_add_signed(start);
        *length = length.wrapping_add_signed(len);
    }
}

/// A count of words as a signed amount: sentences are far shorter than `isize::MAX`.
fn signed(n: usize) -> isize {
    n as isize
}

fn common_prefix_len(
    old: &[u32],
    old_range: Range<usize>,
    new: &[u32],
    new_range: Range<usize>,
) -> usize {
    old[old_range]
        .iter()
        .zip(&new[new_range])
        .take_while(|(o, n)| o == n)
        .count()
}

fn common_suffix_len(
    old: &[u32],
    old_range: Range<usize>,
    new: &[u32],
    new_range: Range<usize>,
) -> usize {
    old[old_range]
        .iter()
        .rev()
        .zip(new[new_range].iter().rev())
        .take_while(|(o, n)| o == n)
        .count()
}

/// `similar::algorithms::myers::diff` of `old[old_range]` and `new[new_range]` for
/// inputs that [`fits`], its runs appended to `ops`. `forward` and `backward` are
/// working space.
fn myers(
    old: &[u32],
    old_range: Range<usize>,
    new: &[u32],
    new_range: Range<usize>,
    ops: &mut Vec<Op>,
    forward: &mut Vec<usize>,
    backward: &mut Vec<usize>,
) {
    let prefix = common_prefix_len(old, old_range.clone(), new, new_range.clone());
    let (old_start, new_start) = (old_range.start + prefix, new_range.start + prefix);
    let suffix = common_suffix_len(old, old_start..old_range.end, new, new_start..new_range.end);
    let old_middle = old_start..old_range.end - suffix;
    let new_middle = new_start..new_range.end - suffix;
    if prefix > 0 {
        ops.push(Op::equal(old_range.start, new_range.start, prefix));
    }
    if old_middle.is_empty() && new_middle.is_empty() {
    } else if old_middle.is_empty() {
        ops.push(Op::insert(
            old_middle.start,
            new_middle.start,
            new_middle.len(),
        ));
    } else if new_middle.is_empty() {
        ops.push(Op::delete(
            old_middle.start,
            old_middle.len(),
            new_middle.start,
        ));
    } else {
        let max_d = max_d(old_middle.len(), new_middle.len());
        for v in [&mut *forward, &mut *backward] {
            v.clear();
            v.resize(2 * max_d, 0);
        }
        let mut search = Search {
            old,
            new,
            offset: max_d as isize,
            forward,
            backward,
        };
        search.conquer(old_middle, new_middle, ops);
    }
    if suffix > 0 {
        ops.push(Op::equal(
            old_range.end - suffix,
            new_range.end - suffix,
            suffix,
        ));
    }
}

fn max_d(old_len: usize, new_len: usize) -> usize {
    (old_len + new_len).div_ceil(2) + 1
}

/// Myers' divide and conquer over `old` and `new`, with the furthest-reaching paths
/// of the forward and the backward search indexed by diagonal (`offset` + k).
struct Search<'a> {
    old: &'a [u32],
    new: &'a [u32],
    offset: isize,
    forward: &'a mut [usize],
    backward: &'a mut [usize],
}

impl Search<'_> {
    fn conquer(
        &mut self,
        mut old_range: Range<usize>,
        mut new_range: Range<usize>,
        ops: &mut Vec<Op>,
    ) {
        let prefix = common_prefix_len(self.old, old_range.clone(), self.new, new_range.clone());
        if prefix > 0 {
            ops.push(Op::equal(old_range.start, new_range.start, prefix));
        }
        old_range.start += prefix;
        new_range.start += prefix;
        let suffix = common_suffix_len(self.old, old_range.clone(), self.new, new_range.clone());
        let suffix_at = (old_range.end - suffix, new_range.end - suffix);
        old_range.end -= suffix;
        new_range.end -= suffix;

        if old_range.is_empty() && new_range.is_empty() {
        } else if new_range.is_empty() {
            ops.push(Op::delete(
                old_range.start,
                old_range.len(),
                new_range.start,
            ));
        } else if old_range.is_empty() {
            ops.push(Op::insert(
                old_range.start,
                new_range.start,
                new_range.len(),
            ));
        } else if let Some((old_split, new_split)) =
            self.middle_snake(old_range.clone(), new_range.clone())
        {
            self.conquer(old_range.start..old_split, new_range.start..new_split, ops);
            self.conquer(old_split..old_range.end, new_split..new_range.end, ops);
        } else {
            ops.push(Op::delete(
                old_range.start,
                old_range.len(),
                new_range.start,
            ));
            ops.push(Op::insert(
                old_range.start,
                new_range.start,
                new_range.len(),
            ));
        }

        if suffix > 0 {
            ops.push(Op::equal(suffix_at.0, suffix_at.1, suffix));
        }
    }

    fn f(&self, k: isize) -> usize {
        self.forward[(k + self.offset) as usize]
    }

    fn b(&self, k: isize) -> usize {
        self.backward[(k + self.offset) as usize]
    }

    /// Where an optimal path crosses the middle: the start of its middle snake.
    fn middle_snake(
        &mut self,
        old_range: Range<usize>,
        new_range: Range<usize>,
    ) -> Option<(usize, usize)> {
        let old = &self.old[old_range.clone()];
        let new = &self.new[new_range.clone()];
        let (n, m) = (old.len(), new.len());
        let delta = n as isize - m as isize;
        let odd = delta & 1 == 1;
        let offset = self.offset;
        self.forward[(1 + offset) as usize] = 0;
        self.backward[(1 + offset) as usize] = 0;
        let d_max = max_d(n, m) as isize;
        for d in 0..d_max {
            let mut k = d;
            while k >= -d {
                let mut x = if k == -d || (k != d && self.f(k - 1) < self.f(k + 1)) {
                    self.f(k + 1)
                } else {
                    self.f(k - 1) + 1
                };
                let y = x as isize - k;
                let (x0, y0) = (x, y);
                if y >= 0 {
                    // The snake: equal items along the diagonal.
                    let mut y = y as usize;
                    while x < n && y < m && old[x] == new[y] {
                        x += 1;
                        y += 1;
                    }
                }
                self.forward[(k + offset) as usize] = x;
                if odd && (k - delta).abs() < d && self.f(k) + self.b(delta - k) >= n {
                    return Some((x0 + old_range.start, y0 as usize + new_range.start));
                }
                k -= 2;
            }
            let mut k = d;
            while k >= -d {
                let mut x = if k == -d || (k != d && self.b(k - 1) < self.b(k + 1)) {
                    self.b(k + 1)
                } else {
                    self.b(k - 1) + 1
                };
                let mut y = x as isize - k;
                if y >= 0 {
                    // The snake backwards from the end.
                    let mut back = y as usize;
                    while x < n && back < m && old[n - 1 - x] == new[m - 1 - back] {
                        x += 1;
                        back += 1;
                    }
                    y = back as isize;
                }
                self.backward[(k + offset) as usize] = x;
                if !odd && (k - delta).abs() <= d && self.b(k) + self.f(delta - k) >= n {
                    return Some((
                        n - x + old_range.start,
                        (m as isize - y) as usize + new_range.start,
                    ));
                }
                k -= 2;
            }
        }
        None
    }
}

/// `similar::algorithms::Compact`'s cleanup of `ops`: each deletion, then each
/// insertion, slid up and then down the diff to merge with similar runs.
fn compact(ops: &mut Vec<Op>, old: &[u32], new: &[u32]) {
    for tag in [Tag::Delete, Tag::Insert] {
        let mut pointer = 0;
        while let Some(&op) = ops.get(pointer) {
            if op.tag() == tag {
                pointer = shift_up(ops, old, new, pointer);
                pointer = shift_down(ops, old, new, pointer);
            }
            pointer += 1;
        }
    }
}

/// Swaps an adjacent insertion and deletion, patching their positions on the side
/// each does not consume.
fn swap_insert_delete(ops: &mut [Op], left: usize) {
    let right = left + 1;
    let old_start = ops[left].old_range().start;
    let old_end = ops[right].old_range().end;
    let new_start = ops[left].new_range().start;
    let new_end = ops[right].new_range().end;
    ops.swap(left, right);
    match &mut ops[left] {
        Op::Insert { old_index, .. } => *old_index = old_start,
        Op::Delete { new_index, .. } => *new_index = new_start,
        Op::Equal { .. } => {}
    }
    match &mut ops[right] {
        Op::Insert { old_index, .. } => *old_index = old_end,
        Op::Delete { new_index, .. } => *new_index = new_end,
        Op::Equal { .. } => {}
    }
}

fn shift_up(ops: &mut Vec<Op>, old: &[u32], new: &[u32], mut pointer: usize) -> usize {
    while let Some(&prev_op) = pointer.checked_sub(1).and_then(|i| ops.get(i)) {
        let this_op = ops[pointer];
        match (this_op.tag(), prev_op.tag()) {
            (Tag::Insert, Tag::Equal) | (Tag::Delete, Tag::Equal) => {
                let is_insert = this_op.tag() == Tag::Insert;
                if !is_insert {
                    let after_delete = pointer
                        .checked_sub(2)
                        .and_then(|i| ops.get(i))
                        .is_some_and(|op| op.tag() == Tag::Delete);
                    if !after_delete {
                        break;
                    }
                }
                let suffix = if is_insert {
                    common_suffix_len(old, prev_op.old_range(), new, this_op.new_range())
                } else {
                    common_suffix_len(old, this_op.old_range(), new, prev_op.new_range())
                };
                if suffix > 0 {
                    if ops
                        .get(pointer + 1)
                        .is_some_and(|op| op.tag() == Tag::Equal)
                    {
                        ops[pointer + 1].grow_left(suffix);
                    } else {
                        let (old_end, new_end) = if is_insert {
                            (prev_op.old_range().end, this_op.new_range().end)
                        } else {
                            (this_op.old_range().end, prev_op.new_range().end)
                        };
                        ops.insert(
                            pointer + 1,
                            Op::equal(old_end - suffix, new_end - suffix, suffix),
                        );
                    }
                    ops[pointer].shift_left(suffix);
                    ops[pointer - 1].shrink_left(suffix);
                    if ops[pointer - 1].is_empty() {
                        ops.remove(pointer - 1);
                        pointer -= 1;
                    }
                } else if ops[pointer - 1].is_empty() {
                    ops.remove(pointer - 1);
                    pointer -= 1;
                } else {
                    break;
                }
            }
            (Tag::Insert, Tag::Delete) | (Tag::Delete, Tag::Insert) => {
                swap_insert_delete(ops, pointer - 1);
                pointer -= 1;
            }
            (Tag::Insert, Tag::Insert) => {
                ops[pointer - 1].grow_right(this_op.new_range().len());
                ops.remove(pointer);
                pointer -= 1;
            }
            (Tag::Delete, Tag::Delete) => {
                ops[pointer - 1].grow_right(this_op.old_range().len());
                ops.remove(pointer);
                pointer -= 1;
            }
            (Tag::Equal, _) => unreachable!("only deletions and insertions are shifted"),
        }
    }
    pointer
}

fn shift_down(ops: &mut Vec<Op>, old: &[u32], new: &[u32], mut pointer: usize) -> usize {
    while let Some(&next_op) = ops.get(pointer + 1) {
        let this_op = ops[pointer];
        match (this_op.tag(), next_op.tag()) {
            (Tag::Insert, Tag::Equal) | (Tag::Delete, Tag::Equal) => {
                let is_insert = this_op.tag() == Tag::Insert;
                if !is_insert
                    && ops
                        .get(pointer + 2)
                        .is_none_or(|op| op.tag() != Tag::Delete)
                {
                    break;
                }
                let prefix = if is_insert {
                    common_prefix_len(old, next_op.old_range(), new, this_op.new_range())
                } else {
                    common_prefix_len(old, this_op.old_range(), new, next_op.new_range())
                };
                if prefix > 0 {
                    if pointer
                        .checked_sub(1)
                        .and_then(|i| ops.get(i))
                        .is_some_and(|op| op.tag() == Tag::Equal)
                    {
                        ops[pointer - 1].grow_right(prefix);
                    } else {
                        let old_start = if is_insert {
                            next_op.old_range().start
                        } else {
                            this_op.old_range().start
                        };
                        ops.insert(
                            pointer,
                            Op::equal(old_start, this_op.new_range().start, prefix),
                        );
                        pointer += 1;
                    }
                    ops[pointer].shift_right(prefix);
                    ops[pointer + 1].shrink_right(prefix);
                    if ops[pointer + 1].is_empty() {
                        ops.remove(pointer + 1);
                    }
                } else if ops[pointer + 1].is_empty() {
                    ops.remove(pointer + 1);
                } else {
                    break;
                }
            }
            (Tag::Insert, Tag::Delete) | (Tag::Delete, Tag::Insert) => {
                swap_insert_delete(ops, pointer);
                pointer += 1;
            }
            (Tag::Insert, Tag::Insert) => {
                ops[pointer].grow_right(next_op.new_range().len());
                ops.remove(pointer + 1);
            }
            (Tag::Delete, Tag::Delete) => {
                ops[pointer].grow_right(next_op.old_range().len());
                ops.remove(pointer + 1);
            }
            (Tag::Equal, _) => unreachable!("only deletions and insertions are shifted"),
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words `similar` marks, for comparison.
    fn by_similar(old: &[u32], new: &[u32]) -> Vec<bool> {
        let mut changed = vec![false; new.len()];
        mark_inserted_by_similar(old, new, &mut changed);
        changed
    }

    fn ours(differ: &mut Differ, old: &[u32], new: &[u32]) -> Vec<bool> {
        let mut changed = vec![false; new.len()];
        differ.mark_inserted(old, new, &mut changed);
        changed
    }

    fn assert_same(differ: &mut Differ, old: &[u32], new: &[u32]) {
        assert!(fits(old, new));
        assert_eq!(
            ours(differ, old, new),
            by_similar(old, new),
            "old {old:?}\nnew {new:?}"
        );
    }

    /// A small deterministic generator (xorshift), so failures reproduce.
    struct Random(u64);

    impl Random {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }

        fn sequence(&mut self, len: usize, alphabet: usize) -> Vec<u32> {
            (0..len).map(|_| self.below(alphabet) as u32).collect()
        }
    }

    #[test]
    fn random_sequences_with_repeats_are_diffed_as_similar_does() {
        let mut random = Random(0x9E37_79B9_7F4A_7C15);
        let mut differ = Differ::default();
        for round in 0..40_000 {
            let alphabet = [2, 3, 5, 8, 20, 60, 400][round % 7];
            let long = round % 10 == 0;
            let old_len = random.below(if long { 97 } else { 30 });
            let new_len = random.below(if long { 300 } else { 30 });
            let old = random.sequence(old_len, alphabet);
            let mut new = random.sequence(new_len, alphabet);
            // Edited copies share long runs, as sentences about one event do.
            if round % 3 == 0 && !old.is_empty() {
                new = old.clone();
                for _ in 0..=random.below(4) {
                    let at = random.below(new.len() + 1);
                    match random.below(3) {
                        0 => new.insert(at, random.below(alphabet) as u32),
                        1 if at < new.len() => {
                            new.remove(at);
                        }
                        _ if at < new.len() => new[at] = random.below(alphabet) as u32,
                        _ => {}
                    }
                }
            }
            assert_same(&mut differ, &old, &new);
            assert_same(
                &mut differ,
                &new.iter().copied().take(96).collect::<Vec<_>>(),
                &old,
            );
        }
    }

    #[test]
    fn sentence_pairs_of_the_samples_are_diffed_as_similar_does() {
        let mut numbers = rustc_hash::FxHashMap::default();
        let mut sentences: Vec<Vec<u32>> = Vec::new();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(path).unwrap();
            for paragraph in text.split("\n\n") {
                for sentence in crate::text::split_sentences(paragraph) {
                    let keys = sentence
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .map(|w| {
                            let next = numbers.len() as u32;
                            *numbers.entry(w.to_lowercase()).or_insert(next)
                        })
                        .collect();
                    sentences.push(keys);
                }
            }
        }
        assert!(sentences.len() > 100, "{} sentences", sentences.len());
        let mut differ = Differ::default();
        for old in &sentences {
            for new in &sentences {
                assert_same(&mut differ, old, new);
            }
        }
    }

    #[test]
    fn inputs_too_large_to_reimplement_go_to_similar() {
        let old: Vec<u32> = (0..120).map(|i| i % 7).collect();
        let new: Vec<u32> = (0..450).map(|i| i % 11).collect();
        assert!(!fits(&old, &new));
        let mut differ = Differ::default();
        assert_eq!(ours(&mut differ, &old, &new), by_similar(&old, &new));
    }
}
