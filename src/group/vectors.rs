//! Article vectors for grouping: each article's content terms weighted by TF-IDF, cut
//! to its heaviest terms and normalised, held flat for all articles; and their cosine,
//! by merge or by a look-up table of one article's terms. It does not decide links.

use rayon::prelude::*;

use crate::text::terms::Key;

use super::{
    ArticleTerms, LEAD_SENTENCES, MAX_NAME_TERMS, MAX_VECTOR_TERMS, NAME_WEIGHT, TITLE_WEIGHT,
};

/// Term weights of an article by term number, sorted, L2-normalised.
pub(super) type Vector = Vec<(u32, f64)>;

/// Each article's two vectors: its content terms (names included) and its names alone.
pub(super) struct ArticleVectors {
    pub(super) content: Vectors,
    pub(super) names: Vectors,
    /// Each term's smoothed inverse document frequency, by term number.
    pub(super) idf: Vec<f32>,
}

/// Term weights per article: log-scaled term frequency times smoothed IDF, cut to the
/// heaviest terms and L2-normalised, written straight into the flat arrays: a vector of
/// its own per article would keep room for every distinct term of the article after the
/// cut (hundreds of megabytes at 100,000 articles, at the run's peak). The names vector
/// weighs the same names the same way, among names only.
pub(super) fn article_vectors(articles: &[ArticleTerms]) -> ArticleVectors {
    let counts: Vec<Vec<Count>> = articles
        .par_iter()
        .map_init(Vec::new, |weighted, article| term_counts(article, weighted))
        .collect();
    let terms = numbered_terms(&document_frequencies(&counts), articles.len() as f64);
    let weigh = |c: &Count| {
        let (id, idf) = terms[c.key.index()];
        (id, (1.0 + f64::from(c.weight)).ln() * idf)
    };
    let name_lengths: Vec<usize> = counts
        .iter()
        .map(|c| c.iter().filter(|c| c.is_name).count().min(MAX_NAME_TERMS))
        .collect();
    let names = Vectors::filled(&name_lengths, counts.iter().collect(), |c, vector| {
        vector.extend(c.iter().filter(|c| c.is_name).map(&weigh));
        keep_heaviest_normalised(vector, MAX_NAME_TERMS);
    });
    let lengths: Vec<usize> = counts
        .iter()
        .map(|c| c.len().min(MAX_VECTOR_TERMS))
        .collect();
    let content = Vectors::filled(&lengths, counts, |c, vector| {
        vector.extend(c.iter().map(|c| {
            let (id, weight) = weigh(c);
            let weight = if c.is_name {
                weight * f64::from(NAME_WEIGHT)
            } else {
                weight
            };
            (id, weight)
        }));
        keep_heaviest_normalised(vector, MAX_VECTOR_TERMS);
    });
    let mut idf = vec![0.0; terms.iter().filter(|t| t.0 != u32::MAX).count()];
    for &(id, weight) in &terms {
        if let Some(slot) = idf.get_mut(id as usize) {
            *slot = weight as f32;
        }
    }
    ArticleVectors {
        content,
        names,
        idf,
    }
}

/// Cuts a vector to its `max` heaviest terms, normalises it and sorts it by term number.
fn keep_heaviest_normalised(vector: &mut Vector, max: usize) {
    if vector.len() > max {
        // Ties go to the term first in text order (ids follow it), whatever order the
        // keys were interned in.
        vector.select_nth_unstable_by(max - 1, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        vector.truncate(max);
    }
    let norm = vector.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, w) in vector.iter_mut() {
            *w /= norm;
        }
    }
    vector.sort_unstable_by_key(|(id, _)| *id);
}

/// A dense number for each term, in the order of the terms' text, so that vectors sort
/// and sum the same way on every run (keys' addresses differ between runs); and the
/// term's smoothed inverse document frequency, computed once per term, not once per
/// article that uses it. Both by the key's index, as [`document_frequencies`] gives
/// them: a vector read by index rather than a map, for the millions of look-ups.
fn numbered_terms(df: &[(u32, Option<Key>)], n: f64) -> Vec<(u32, f64)> {
    let mut keys: Vec<(&str, Key)> = df
        .iter()
        .filter_map(|&(_, key)| key.map(|key| (key.as_str(), key)))
        .collect();
    keys.par_sort_unstable();
    let mut numbered = vec![(u32::MAX, 0.0); df.len()];
    for (id, (_, key)) in keys.into_iter().enumerate() {
        let count = df[key.index()].0;
        let idf = ((n + 1.0) / (f64::from(count) + 1.0)).ln() + 1.0;
        numbered[key.index()] = (id as u32, idf);
    }
    numbered
}

/// In how many articles each term occurs, and the term, by its key's index (keys are
/// numbered densely); none for an index no article uses. Counted in parallel parts,
/// each into a vector of its own, then added.
fn document_frequencies(counts: &[Vec<Count>]) -> Vec<(u32, Option<Key>)> {
    let size = counts
        .par_iter()
        .flat_map_iter(|c| c.iter().map(|c| c.key.index() + 1))
        .max()
        .unwrap_or(0);
    let part = counts.len().div_ceil(rayon::current_num_threads()).max(1);
    counts
        .par_chunks(part)
        .map(|articles| {
            let mut df = vec![(0u32, None); size];
            for &Count { key, .. } in articles.iter().flatten() {
                let entry = &mut df[key.index()];
                entry.0 += 1;
                entry.1 = Some(key);
            }
            df
        })
        .reduce_with(|mut into, from| {
            for (entry, (count, key)) in into.iter_mut().zip(from) {
                entry.0 += count;
                entry.1 = entry.1.or(key);
            }
            into
        })
        .unwrap_or_default()
}

/// How often one term occurs in an article, each occurrence weighted by where it is,
/// and whether it is written as a name there.
#[derive(Debug, Clone, Copy)]
struct Count {
    key: Key,
    weight: f32,
    is_name: bool,
}

/// How often each term occurs in an article, one entry per distinct term. An
/// occurrence in the title weighs [`TITLE_WEIGHT`]; in the body, the `i`th sentence's
/// weighs `1 / (1 + i / LEAD_SENTENCES)`: what a report is about is in its headline and
/// its first paragraphs, and a long report's 40th paragraph (background, quotes, other
/// events) must not outweigh them. A headline alone is its title terms, so it is not
/// penalised for being short: its vector is normalised like any other. `weighted` is
/// scratch, reused across articles.
fn term_counts(article: &ArticleTerms, weighted: &mut Vec<Count>) -> Vec<Count> {
    weighted.clear();
    let title = article.title.iter().map(|t| (t, TITLE_WEIGHT));
    let body = article
        .body
        .iter()
        .enumerate()
        .filter(|&(i, _)| !article.ignored.get(i).is_some_and(|&ignored| ignored))
        .flat_map(|(i, terms)| terms.iter().map(move |t| (t, position_weight(i))));
    weighted.extend(title.chain(body).map(|(term, weight)| Count {
        key: term.key,
        weight,
        is_name: term.is_name,
    }));
    weighted.sort_unstable_by_key(|c| c.key.address());
    // `dedup_by` passes the later of two neighbours first and keeps the earlier.
    weighted.dedup_by(|later, kept| {
        let same = later.key == kept.key;
        if same {
            kept.weight += later.weight;
            kept.is_name |= later.is_name;
        }
        same
    });
    weighted.to_vec()
}

/// The weight of a term in the `i`th sentence of the body (see [`term_counts`]),
/// rounded to a sixteenth so that sums stay exact in an `f32`.
fn position_weight(i: usize) -> f32 {
    let w = 1.0 / (1.0 + i as f32 / LEAD_SENTENCES);
    (w * 16.0).round() / 16.0
}

/// Every article's vector, held flat: one array of term numbers and one of weights for
/// all articles, not an allocation per article. Each candidate's vector is read once per
/// pair, and its reads then run front to back through two arrays instead of starting at
/// a pointer read first.
pub(super) struct Vectors {
    /// Where each article's terms start in `ids` and `weights`; one more than articles.
    starts: Vec<usize>,
    ids: Vec<u32>,
    weights: Vec<f64>,
}

impl Vectors {
    /// Vectors of the given `lengths`, the `i`th made by `make` from the `i`th source
    /// into an empty scratch list (as long as its length) and copied into place, in
    /// parallel: tens of megabytes, which one core took a noticeable time to fault in
    /// and fill. Each source is dropped once read.
    fn filled<S, F>(lengths: &[usize], sources: Vec<S>, make: F) -> Vectors
    where
        S: Send,
        F: Fn(S, &mut Vector) + Sync,
    {
        let mut starts = Vec::with_capacity(lengths.len() + 1);
        starts.push(0);
        let mut total = 0;
        for length in lengths {
            total += length;
            starts.push(total);
        }
        let mut ids = vec![0; total];
        let mut weights = vec![0.0; total];
        let id_parts = split_by_lengths(&mut ids, lengths);
        let weight_parts = split_by_lengths(&mut weights, lengths);
        sources
            .into_par_iter()
            .zip(id_parts)
            .zip(weight_parts)
            .for_each_init(Vec::new, |vector, ((source, ids), weights)| {
                vector.clear();
                make(source, vector);
                debug_assert_eq!(vector.len(), ids.len());
                for ((id, weight), &(i, w)) in ids.iter_mut().zip(weights).zip(vector.iter()) {
                    *id = i;
                    *weight = w;
                }
            });
        Vectors {
            starts,
            ids,
            weights,
        }
    }

    /// The given vectors laid end to end.
    #[cfg(test)]
    fn from_each(vectors: &[Vector]) -> Vectors {
        let lengths: Vec<usize> = vectors.iter().map(Vec::len).collect();
        Self::filled(&lengths, vectors.iter().collect(), |v, out| {
            out.extend_from_slice(v)
        })
    }

    pub(super) fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Asks the processor to start loading an article's vector, to be read a few
    /// candidates later: at 100,000 articles the vectors are far larger than the cache,
    /// and waiting on each candidate's vector in turn took most of finding the edges
    /// (a third less CPU with the hint, measured at 100,000).
    pub(super) fn prefetch(&self, article: usize) {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
            let of = self.of(article);
            let lines = of
                .ids
                .chunks(64 / size_of::<u32>())
                .map(|line| line.as_ptr().cast::<i8>())
                .chain(
                    of.weights
                        .chunks(64 / size_of::<f64>())
                        .map(|line| line.as_ptr().cast::<i8>()),
                );
            for line in lines {
                // SAFETY: a prefetch only hints at a load: it reads nothing into the
                // program and cannot fault (and the address is in a live slice).
                unsafe { _mm_prefetch::<_MM_HINT_T0>(line) };
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = article;
    }

    pub(super) fn of(&self, article: usize) -> TermWeights<'_> {
        let range = self.starts[article]..self.starts[article + 1];
        TermWeights {
            ids: &self.ids[range.clone()],
            weights: &self.weights[range],
        }
    }
}

/// `flat` cut into consecutive slices of the given lengths.
fn split_by_lengths<'a, T>(mut flat: &'a mut [T], lengths: &[usize]) -> Vec<&'a mut [T]> {
    lengths
        .iter()
        .map(|&length| {
            let (part, rest) = std::mem::take(&mut flat).split_at_mut(length);
            flat = rest;
            part
        })
        .collect()
}

/// One article's vector: term numbers, ascending, and their weights.
#[derive(Clone, Copy)]
pub(super) struct TermWeights<'a> {
    pub(super) ids: &'a [u32],
    pub(super) weights: &'a [f64],
}

/// The dot product of two normalised vectors. The walk advances without branching on
/// the comparison (term numbers compare at random, so a branch would be mispredicted
/// half the time); products are added in the same order either way.
fn cosine(a: TermWeights, b: TermWeights) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.ids.len() && j < b.ids.len() {
        let (x, y) = (a.ids[i], b.ids[j]);
        if x == y {
            sum += a.weights[i] * b.weights[j];
        }
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    sum
}

/// Bits of a term number that pick its slot in a [`TermLookup`]: 65,536 one-byte slots
/// stay in the core's cache, and an article's 64 terms rarely share one.
const LOOKUP_BITS: u32 = 16;

/// One article's terms, set out so that its cosine with each of its candidates takes a
/// look-up per candidate term instead of a merge of the two term lists: the merge's
/// every step waits on the one before, the look-ups do not wait on each other, and the
/// cosine of candidate pairs is most of grouping's work.
pub(super) struct TermLookup {
    /// By the low bits of a term number: 1 + the term's position in the article, or 0.
    slots: Box<[u8; 1 << LOOKUP_BITS]>,
    /// The article's term numbers and weights after a sentinel at 0 that matches no
    /// term and weighs nothing, so that an empty slot needs no branch. As long as a
    /// slot's range, so that reading them at a slot's value needs no bounds check.
    ids: Box<[u32; 256]>,
    weights: Box<[f64; 256]>,
    /// How many terms the article has.
    len: usize,
    /// False when two of the article's terms share a slot: then the merge is used.
    distinct: bool,
}

impl TermLookup {
    pub(super) fn new() -> TermLookup {
        let mut ids = Box::new([0; 256]);
        ids[0] = u32::MAX;
        TermLookup {
            slots: Box::new([0; 1 << LOOKUP_BITS]),
            ids,
            weights: Box::new([0.0; 256]),
            len: 0,
            distinct: true,
        }
    }

    fn slot(id: u32) -> usize {
        (id & ((1 << LOOKUP_BITS) - 1)) as usize
    }

    /// Sets out `a` (at most [`MAX_VECTOR_TERMS`] terms, none numbered `u32::MAX`).
    pub(super) fn load(&mut self, a: TermWeights) {
        self.clear();
        self.distinct = a.ids.len() <= MAX_VECTOR_TERMS;
        if !self.distinct {
            return;
        }
        self.len = a.ids.len();
        self.ids[1..=self.len].copy_from_slice(a.ids);
        self.weights[1..=self.len].copy_from_slice(a.weights);
        for (position, &id) in a.ids.iter().enumerate() {
            let slot = &mut self.slots[Self::slot(id)];
            self.distinct &= *slot == 0;
            *slot = (position + 1) as u8;
        }
    }

    fn clear(&mut self) {
        for &id in &self.ids[1..=self.len] {
            self.slots[Self::slot(id)] = 0;
        }
        self.len = 0;
    }

    /// The cosine of the loaded article `a` with `b`: exactly [`cosine`]`(a, b)`, bit for
    /// bit, since the shared terms' products are the same and added in the same (term
    /// number) order.
    pub(super) fn cosine(&self, a: TermWeights, b: TermWeights) -> f64 {
        if !self.distinct || b.ids.len() > MAX_VECTOR_TERMS {
            return cosine(a, b);
        }
        // Every term of `b` is multiplied, in order, and the product kept only when the
        // term is shared: no step branches on it, and `b` is read front to back.
        let mut products = [0.0; MAX_VECTOR_TERMS];
        let mut count = 0;
        for (&id, &weight) in b.ids.iter().zip(b.weights) {
            let i = usize::from(self.slots[Self::slot(id)]);
            products[count] = self.weights[i] * weight;
            count += usize::from(self.ids[i] == id);
        }
        let mut sum = 0.0;
        for product in &products[..count] {
            sum += product;
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Term numbers and weights, pseudo-random from `seed`: up to 70 terms among the
    /// first `range` numbers, normalised.
    fn random_vector(seed: &mut u64, range: u64) -> Vector {
        let mut next = || crate::test_random::next(seed);
        let len = next() % 71;
        let mut vector: Vector = (0..len)
            .map(|_| ((next() % range) as u32, (next() % 1000 + 1) as f64))
            .collect();
        vector.sort_unstable_by_key(|&(id, _)| id);
        vector.dedup_by_key(|&mut (id, _)| id);
        let norm = vector.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        for (_, w) in &mut vector {
            *w /= norm;
        }
        vector
    }

    #[test]
    fn the_look_up_cosine_is_the_merge_cosine_bit_for_bit() {
        let mut seed = 0x9e37_79b9_7f4a_7c15;
        // A narrow range makes many shared terms; a wide one makes slots collide.
        for range in [100, 5_000, 1 << 20] {
            let vectors: Vec<Vector> = (0..200).map(|_| random_vector(&mut seed, range)).collect();
            let flat = Vectors::from_each(&vectors);
            let mut lookup = TermLookup::new();
            for a in 0..flat.len() {
                lookup.load(flat.of(a));
                for b in 0..flat.len() {
                    let merged = cosine(flat.of(a), flat.of(b));
                    let looked_up = lookup.cosine(flat.of(a), flat.of(b));
                    assert_eq!(merged.to_bits(), looked_up.to_bits(), "{a} {b}");
                }
            }
        }
    }
}
