//! Group stage: puts articles that report the same events into one [`Story`].
//!
//! Each article becomes a TF-IDF vector over its content terms (title terms count
//! double, names count more than common words); candidate pairs come from an inverted
//! index over each article's most distinctive terms, so articles on unrelated topics are
//! never compared. A pair's similarity is the cosine of their vectors, discounted by the
//! time between their publication (the same event is reported within hours); pairs
//! further apart than the window are not linked. Each article keeps its strongest links,
//! and stories are the communities of that graph (Louvain modularity): a story is a
//! group more densely linked inside than chance would give, so one article that touches
//! two topics cannot chain them together, and a story told in many different headlines
//! still holds together through its members' nearest neighbours.
//!
//! It does not look inside stories: facts and figures are later stages.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::text::terms::{Key, Term};

/// Articles in the same story, as indices into the run's article list, in input order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    pub articles: Vec<usize>,
}

/// The terms of one article that grouping looks at, borrowed from the run's features.
#[derive(Debug, Clone, Copy, Default)]
pub struct ArticleTerms<'a> {
    pub title: &'a [Term],
    /// The terms of each sentence of the body.
    pub body: &'a [Vec<Term>],
    /// Publication time as seconds since the epoch, when known.
    pub published: Option<i64>,
}

/// How grouping decides.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupOptions {
    /// Pairs of articles less similar than this are not linked at all.
    pub floor: f64,
    /// Links kept per article: its strongest ones.
    pub neighbours: usize,
    /// Modularity resolution: above 1 favours smaller stories.
    pub resolution: f64,
    /// Publication-time distance at which similarity counts 1/e as much.
    pub time_scale_seconds: i64,
    /// Articles published further apart than this (in seconds) are never linked.
    pub window_seconds: i64,
    /// How many of an article's heaviest terms are used to find candidates.
    pub candidate_terms: usize,
}

impl Default for GroupOptions {
    /// Chosen with the quality command on the UCI headlines (see README).
    fn default() -> Self {
        GroupOptions {
            floor: 0.1,
            neighbours: 10,
            resolution: 1.0,
            time_scale_seconds: 24 * 3600,
            window_seconds: 4 * 24 * 3600,
            candidate_terms: 24,
        }
    }
}

/// Weight of a term that appears in the title, relative to one in the body.
const TITLE_WEIGHT: f32 = 2.0;
/// Weight of a name relative to a common word.
const NAME_WEIGHT: f32 = 1.5;
/// Terms in more than this share of the articles are too common to find candidates by.
const MAX_CANDIDATE_DF_SHARE: f64 = 0.1;
/// ... and so are terms in more than this many articles, however many there are: a
/// morning of 100,000 articles must not compare every article with 10,000 others. The
/// members of a larger story still find each other through their rarer terms (names,
/// places, figures), and the graph needs only their nearest neighbours.
const MAX_CANDIDATE_DF: usize = 300;
/// The candidates of one article that share most of its distinctive terms are
/// compared, at most this many: its nearest neighbours are among them, and the graph
/// keeps only [`GroupOptions::neighbours`] links per article anyway.
const MAX_CANDIDATES: usize = 200;
/// An article is compared by its heaviest terms, at most this many: they carry nearly
/// all of a long article's weight, a headline has fewer, and comparing two 800-word
/// articles term by term would cost more than the rest of grouping.
const MAX_VECTOR_TERMS: usize = 64;
/// How many candidates ahead an article's vector is prefetched.
const PREFETCH_AHEAD: usize = 4;

/// Term weights of an article by term number, sorted, L2-normalised.
type Vector = Vec<(u32, f64)>;

/// A link between two articles (by index) with its similarity. Indices are held as
/// `u32`: a morning's candidate links number in the tens of millions.
type Edge = (u32, u32, f64);

/// Groups articles into stories. Every article lands in exactly one story.
pub fn stories_from(articles: &[ArticleTerms], options: &GroupOptions) -> Vec<Story> {
    if articles.is_empty() {
        return Vec::new();
    }
    let vectors = tf_idf_vectors(articles);
    let edges = candidate_edges(&vectors, articles, options);
    let graph = nearest_neighbour_graph(articles.len(), &edges, options);
    let clusters = communities(articles.len(), &graph, options.resolution);
    let mut stories: Vec<Story> = clusters
        .into_iter()
        .map(|mut members| {
            members.sort_unstable();
            Story { articles: members }
        })
        .collect();
    stories.sort_by_key(|s| s.articles[0]);
    stories
}

/// Term weights per article: log-scaled term frequency times smoothed IDF, cut to the
/// [`MAX_VECTOR_TERMS`] heaviest and L2-normalised, written straight into the flat
/// arrays: a vector of its own per article would keep room for every distinct term of
/// the article after the cut (hundreds of megabytes at 100,000 articles, at the run's
/// peak).
fn tf_idf_vectors(articles: &[ArticleTerms]) -> Vectors {
    let counts: Vec<Vec<(Key, f32)>> = articles
        .par_iter()
        .map_init(Vec::new, |weighted, article| term_counts(article, weighted))
        .collect();
    let terms = numbered_terms(&document_frequencies(&counts), articles.len() as f64);
    let log_frequency = LogFrequency::new();
    let lengths: Vec<usize> = counts
        .iter()
        .map(|c| c.len().min(MAX_VECTOR_TERMS))
        .collect();
    Vectors::filled(&lengths, counts, |c, vector| {
        vector.extend(c.into_iter().map(|(key, tf)| {
            let (id, idf) = terms[key.index()];
            (id, log_frequency.of(tf) * idf)
        }));
        if vector.len() > MAX_VECTOR_TERMS {
            // Ties go to the term first in text order (ids follow it), whatever
            // order the keys were interned in.
            vector.select_nth_unstable_by(MAX_VECTOR_TERMS - 1, |a, b| {
                b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
            });
            vector.truncate(MAX_VECTOR_TERMS);
        }
        let norm = vector.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            for (_, w) in vector.iter_mut() {
                *w /= norm;
            }
        }
        vector.sort_unstable_by_key(|(id, _)| *id);
    })
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

/// `ln(1 + tf)`, read from a table for the frequencies nearly every term has: a sum of
/// a few halves (title and name weights are multiples of a half).
struct LogFrequency {
    /// `ln(1 + k / 2)` by `k`, computed as for any other frequency, so the same bits.
    by_halves: [f64; 64],
}

impl LogFrequency {
    fn new() -> LogFrequency {
        LogFrequency {
            by_halves: std::array::from_fn(|k| Self::computed(k as f32 * 0.5)),
        }
    }

    fn computed(tf: f32) -> f64 {
        (1.0 + f64::from(tf)).ln()
    }

    fn of(&self, tf: f32) -> f64 {
        // Doubling is exact, so a whole `halves` means `tf` is exactly `halves / 2`.
        let halves = tf * 2.0;
        if halves.fract() == 0.0 && (0.0..64.0).contains(&halves) {
            self.by_halves[halves as usize]
        } else {
            Self::computed(tf)
        }
    }
}

/// In how many articles each term occurs, and the term, by its key's index (keys are
/// numbered densely); none for an index no article uses. Counted in parallel parts,
/// each into a vector of its own, then added.
fn document_frequencies(counts: &[Vec<(Key, f32)>]) -> Vec<(u32, Option<Key>)> {
    let size = counts
        .par_iter()
        .flat_map_iter(|c| c.iter().map(|(key, _)| key.index() + 1))
        .max()
        .unwrap_or(0);
    let part = counts.len().div_ceil(rayon::current_num_threads()).max(1);
    counts
        .par_chunks(part)
        .map(|articles| {
            let mut df = vec![(0u32, None); size];
            for &(key, _) in articles.iter().flatten() {
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

/// How often each term occurs in an article (title terms and names weigh more), one
/// entry per distinct term. The weights are sums of halves, which an `f32` holds
/// exactly at half the memory: every article's counts are held at once, each in an
/// allocation of its own size. `weighted` is scratch, reused across articles.
fn term_counts(article: &ArticleTerms, weighted: &mut Vec<(Key, f32)>) -> Vec<(Key, f32)> {
    weighted.clear();
    weighted.extend(
        article
            .title
            .iter()
            .map(|t| (t, TITLE_WEIGHT))
            .chain(article.body.iter().flatten().map(|t| (t, 1.0)))
            .map(|(term, weight)| {
                let weight = if term.is_name {
                    weight * NAME_WEIGHT
                } else {
                    weight
                };
                (term.key, weight)
            }),
    );
    weighted.sort_unstable_by_key(|(key, _)| key.address());
    // `dedup_by` passes the later of two neighbours first and keeps the earlier.
    weighted.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 += later.1;
        }
        same
    });
    weighted.to_vec()
}

/// Every article's vector, held flat: one array of term numbers and one of weights for
/// all articles, not an allocation per article. Each candidate's vector is read once per
/// pair, and its reads then run front to back through two arrays instead of starting at
/// a pointer read first.
struct Vectors {
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

    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Asks the processor to start loading an article's vector, to be read a few
    /// candidates later: at 100,000 articles the vectors are far larger than the cache,
    /// and waiting on each candidate's vector in turn took most of finding the edges
    /// (a third less CPU with the hint, measured at 100,000).
    fn prefetch(&self, article: usize) {
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

    fn of(&self, article: usize) -> TermWeights<'_> {
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
struct TermWeights<'a> {
    ids: &'a [u32],
    weights: &'a [f64],
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
struct TermLookup {
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
    fn new() -> TermLookup {
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
    fn load(&mut self, a: TermWeights) {
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
    fn cosine(&self, a: TermWeights, b: TermWeights) -> f64 {
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

/// Pairs of articles that share a distinctive term, with their similarity; pairs below
/// the floor are dropped. Listed per article (the lower index of the pair), not joined
/// into one list: tens of millions of links would be held twice while joining.
fn candidate_edges(
    vectors: &Vectors,
    articles: &[ArticleTerms],
    options: &GroupOptions,
) -> Vec<Vec<Edge>> {
    let n = vectors.len();
    let max_df = ((n as f64 * MAX_CANDIDATE_DF_SHARE).ceil() as usize).clamp(50, MAX_CANDIDATE_DF);
    let heaviest = heaviest_terms(vectors, options.candidate_terms);
    // Term numbers are dense: the postings are a vector by term number, not a map.
    let term_count = heaviest
        .iter()
        .flatten()
        .max()
        .map_or(0, |&id| id as usize + 1);
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); term_count];
    for (article, terms) in heaviest.iter().enumerate() {
        for &id in terms {
            postings[id as usize].push(article as u32);
        }
    }
    // Read for every candidate pair: held apart from the terms, so that they share
    // the cache with the counts of shared terms, not with slices never read here.
    let published: Vec<Option<i64>> = articles.iter().map(|a| a.published).collect();
    let floor = options.floor;
    (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0u8; n], Vec::new(), TermLookup::new()),
            |(shared, touched, lookup), a| {
                let lists = heaviest[a]
                    .iter()
                    .map(|&id| &postings[id as usize])
                    .filter(|list| list.len() <= max_df);
                let mut candidates = candidates_of(a, lists, shared, touched);
                candidates
                    .retain(|&b| within_window(published[a], published[b], options.window_seconds));
                for &b in candidates.iter().take(PREFETCH_AHEAD) {
                    vectors.prefetch(b);
                }
                let of_a = vectors.of(a);
                lookup.load(of_a);
                candidates
                    .iter()
                    .enumerate()
                    .filter_map(|(i, &b)| {
                        if let Some(&ahead) = candidates.get(i + PREFETCH_AHEAD) {
                            vectors.prefetch(ahead);
                        }
                        let cosine = lookup.cosine(of_a, vectors.of(b));
                        // Cosines are at least 0 and the time affinity at most 1, so a
                        // cosine below the floor leaves the similarity below it: most
                        // pairs, and their affinity's `exp` is not worth computing.
                        if cosine < floor {
                            return None;
                        }
                        let affinity =
                            time_affinity(published[a], published[b], options.time_scale_seconds);
                        let similarity = cosine * affinity;
                        (similarity >= floor).then_some((a as u32, b as u32, similarity))
                    })
                    .collect::<Vec<_>>()
            },
        )
        .map(|mut links| {
            links.shrink_to_fit();
            links
        })
        .collect()
}

/// Each article's `count` heaviest terms (ties to the lower term number), by which it
/// finds its candidates.
fn heaviest_terms(vectors: &Vectors, count: usize) -> Vec<Vec<u32>> {
    (0..vectors.len())
        .into_par_iter()
        .map(|a| {
            let v = vectors.of(a);
            let mut terms: Vec<(u32, f64)> = v
                .ids
                .iter()
                .copied()
                .zip(v.weights.iter().copied())
                .collect();
            terms.sort_by(|a, b| b.1.total_cmp(&a.1));
            terms.into_iter().take(count).map(|(id, _)| id).collect()
        })
        .collect()
}

/// The later articles (index above `a`) in the postings `lists` of `a`'s distinctive
/// terms that share most of them with `a`, at most [`MAX_CANDIDATES`], ascending.
/// `shared` (zero for every article) and `touched` (empty) are scratch, left as found.
/// `shared` counts fit a byte: an article has at most [`MAX_VECTOR_TERMS`] distinct
/// candidate terms, and a byte per article keeps the counts of a large morning in cache.
fn candidates_of<'a>(
    a: usize,
    lists: impl Iterator<Item = &'a Vec<u32>>,
    shared: &mut [u8],
    touched: &mut Vec<u32>,
) -> Vec<usize> {
    for list in lists {
        // Postings are in article order: the later articles are a tail.
        let later = &list[list.partition_point(|&b| b as usize <= a)..];
        for &b in later {
            let count = &mut shared[b as usize];
            if *count == 0 {
                touched.push(b);
            }
            *count += 1;
        }
    }
    // Most shared terms first, then the lower index, as one number, so the selection
    // below compares integers.
    let mut ranked: Vec<u64> = touched
        .iter()
        .map(|&b| {
            let count = std::mem::take(&mut shared[b as usize]);
            (u64::from(u8::MAX - count) << 32) | u64::from(b)
        })
        .collect();
    touched.clear();
    if ranked.len() > MAX_CANDIDATES {
        // Only which candidates make the cut matters (they are re-sorted by index
        // below), so a selection, not a sort of thousands.
        ranked.select_nth_unstable(MAX_CANDIDATES - 1);
        ranked.truncate(MAX_CANDIDATES);
    }
    let mut candidates: Vec<usize> = ranked
        .into_iter()
        .map(|key| (key & u64::from(u32::MAX)) as usize)
        .collect();
    candidates.sort_unstable();
    candidates
}

/// Keeps each article's strongest links: an edge stays when it is among the
/// [`GroupOptions::neighbours`] best of either end and reaches the floor. Each article
/// keeps only its best so far while the edges go by, not a list of all of its edges.
/// The articles are split into ranges, each range's links found by one core going
/// through the edges in order (those of its articles' ends only): every article is
/// offered the same links in the same order as in one pass.
fn nearest_neighbour_graph(n: usize, edges: &[Vec<Edge>], options: &GroupOptions) -> Vec<Edge> {
    let k = options.neighbours;
    let mut best: Vec<Vec<(f64, usize)>> = vec![Vec::new(); n];
    let range = n.div_ceil(4 * rayon::current_num_threads()).max(1);
    best.par_chunks_mut(range)
        .enumerate()
        .for_each(|(part, best)| {
            let first = part * range;
            let end = first + best.len();
            let mut offer = |article: u32, link: (f64, usize)| {
                if let Some(best) = (article as usize)
                    .checked_sub(first)
                    .and_then(|i| best.get_mut(i))
                {
                    keep_if_among_best(best, link, k);
                }
            };
            // An edge is listed with its lower end: no list after `end` has an end in range.
            for (e, &(a, b, s)) in edges[..end].iter().flatten().enumerate() {
                if s >= options.floor {
                    offer(a, (s, e));
                    offer(b, (s, e));
                }
            }
        });
    let edges = || edges.iter().flatten();
    let mut keep = vec![false; edges().count()];
    for &(_, e) in best.iter().flatten() {
        keep[e] = true;
    }
    edges()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(e, _)| *e)
        .collect()
}

/// Adds `link` (similarity, edge number) to an article's `best` links when it is among
/// the `k` strongest seen (ties to the lower edge number), dropping the one it beats.
/// Once `best` is full its weakest link is kept first, so that the many links too weak
/// to enter are turned away by one comparison.
fn keep_if_among_best(best: &mut Vec<(f64, usize)>, link: (f64, usize), k: usize) {
    if best.len() < k {
        best.push(link);
        if best.len() == k {
            put_weakest_first(best);
        }
        return;
    }
    if best
        .first()
        .is_some_and(|weakest| weaker(&link, weakest).is_lt())
    {
        best[0] = link;
        put_weakest_first(best);
    }
}

/// Orders links from strongest to weakest: higher similarity, then lower edge number.
fn weaker(x: &(f64, usize), y: &(f64, usize)) -> std::cmp::Ordering {
    y.0.total_cmp(&x.0).then(x.1.cmp(&y.1))
}

fn put_weakest_first(best: &mut [(f64, usize)]) {
    if let Some((weakest, _)) = best
        .iter()
        .enumerate()
        .max_by(|(_, x), (_, y)| weaker(x, y))
    {
        best.swap(0, weakest);
    }
}

/// Louvain community detection (Blondel et al. 2008) on a weighted graph: nodes move to
/// the neighbouring community that most raises modularity, then communities become
/// nodes, until nothing moves. Returns the members of each community.
fn communities(n: usize, edges: &[Edge], resolution: f64) -> Vec<Vec<usize>> {
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut graph: Vec<FxHashMap<usize, f64>> = vec![FxHashMap::default(); n];
    for &(a, b, w) in edges {
        let (a, b) = (a as usize, b as usize);
        if a != b {
            *graph[a].entry(b).or_insert(0.0) += w;
            *graph[b].entry(a).or_insert(0.0) += w;
        }
    }
    let mut self_loops = vec![0.0; n];
    loop {
        let assignment = local_moves(&graph, &self_loops, resolution);
        let count = assignment.iter().copied().max().map_or(0, |m| m + 1);
        if count == graph.len() {
            break;
        }
        let mut next_members: Vec<Vec<usize>> = vec![Vec::new(); count];
        let mut next_graph: Vec<FxHashMap<usize, f64>> = vec![FxHashMap::default(); count];
        let mut next_loops = vec![0.0; count];
        for (node, &c) in assignment.iter().enumerate() {
            next_members[c].extend(std::mem::take(&mut members[node]));
            next_loops[c] += self_loops[node];
            for (&other, &w) in &graph[node] {
                let d = assignment[other];
                if d == c {
                    // Each internal edge is seen from both ends; count it once.
                    next_loops[c] += w / 2.0;
                } else {
                    *next_graph[c].entry(d).or_insert(0.0) += w;
                }
            }
        }
        members = next_members;
        graph = next_graph;
        self_loops = next_loops;
    }
    members
}

/// Passes over a level's nodes at most.
const MAX_PASSES: usize = 32;

/// One Louvain level: returns each node's community, numbered densely in node order.
///
/// A node only ever joins a neighbour's community, so communities stay inside connected
/// components, and a move reads only its own component (its neighbours' communities
/// and those communities' totals) besides the whole graph's weight. So the components
/// take their passes in parallel, each visiting its nodes in node order, as one sweep
/// over all nodes would: the same moves, bit for bit. The passes stay in step, because
/// a pass in which a component moves nothing can still change it: taking a node's
/// degree out of its community's total and adding it back need not give the same
/// total. So every component takes another pass while any node of the graph moved,
/// exactly as the sweep does. (A node without links never moves and is left out.)
fn local_moves(graph: &[FxHashMap<usize, f64>], self_loops: &[f64], resolution: f64) -> Vec<usize> {
    let n = graph.len();
    let degree: Vec<f64> = (0..n)
        .map(|i| graph[i].values().sum::<f64>() + 2.0 * self_loops[i])
        .collect();
    let two_m: f64 = degree.iter().sum();
    let mut community: Vec<usize> = (0..n).collect();
    if two_m <= 0.0 {
        return community;
    }
    let mut components = Component::all_of(graph, &degree);
    for _pass in 0..MAX_PASSES {
        // Every component takes the pass: `reduce`, unlike `any`, stops none early.
        let moved = components
            .par_iter_mut()
            .map(|component| component.pass(resolution, two_m))
            .reduce(|| false, |a, b| a || b);
        if !moved {
            break;
        }
    }
    for component in &components {
        for (&node, &c) in component.nodes.iter().zip(&component.community) {
            community[node] = component.nodes[c];
        }
    }
    let mut renumber: FxHashMap<usize, usize> = FxHashMap::default();
    community
        .iter()
        .map(|&c| {
            let next = renumber.len();
            *renumber.entry(c).or_insert(next)
        })
        .collect()
}

/// One connected component of a level's graph (of two nodes or more) during the local
/// moves, numbered on its own: its node `i` is the graph's node `nodes[i]`, and a
/// community is numbered as the node it started from. Numbers keep the graph's order.
struct Component {
    nodes: Vec<usize>,
    /// Where each node's links start in `links`; one more than nodes.
    starts: Vec<usize>,
    /// Each node's links, (node, weight), in the order the graph's map gives them, so
    /// that weights are summed in the same order.
    links: Vec<(usize, f64)>,
    degree: Vec<f64>,
    community: Vec<usize>,
    /// The summed degree of each community's members.
    total: Vec<f64>,
    weight_to: WeightsByCommunity,
}

impl Component {
    /// Every component of two nodes or more, each node's `degree` given.
    fn all_of(graph: &[FxHashMap<usize, f64>], degree: &[f64]) -> Vec<Component> {
        const UNSEEN: usize = usize::MAX;
        let mut place = vec![UNSEEN; graph.len()];
        let mut found: Vec<Vec<usize>> = Vec::new();
        let mut stack = Vec::new();
        for start in 0..graph.len() {
            if place[start] != UNSEEN || graph[start].is_empty() {
                continue;
            }
            place[start] = 0;
            stack.push(start);
            let mut nodes = Vec::new();
            while let Some(node) = stack.pop() {
                nodes.push(node);
                for &other in graph[node].keys() {
                    if place[other] == UNSEEN {
                        place[other] = 0;
                        stack.push(other);
                    }
                }
            }
            nodes.sort_unstable();
            for (i, &node) in nodes.iter().enumerate() {
                place[node] = i;
            }
            found.push(nodes);
        }
        found
            .into_par_iter()
            .map(|nodes| Component::new(nodes, graph, &place, degree))
            .collect()
    }

    /// The component of `nodes` (ascending), `place` giving each node's number in it.
    fn new(
        nodes: Vec<usize>,
        graph: &[FxHashMap<usize, f64>],
        place: &[usize],
        degree: &[f64],
    ) -> Component {
        let mut starts = Vec::with_capacity(nodes.len() + 1);
        let mut links = Vec::new();
        starts.push(0);
        for &node in &nodes {
            links.extend(graph[node].iter().map(|(&other, &w)| (place[other], w)));
            starts.push(links.len());
        }
        let degree: Vec<f64> = nodes.iter().map(|&node| degree[node]).collect();
        Component {
            starts,
            links,
            community: (0..nodes.len()).collect(),
            total: degree.clone(),
            weight_to: WeightsByCommunity::new(nodes.len()),
            degree,
            nodes,
        }
    }

    /// Moves each node, in order, to the neighbouring community that most raises
    /// modularity (`two_m` is the whole graph's weight); whether any node moved.
    fn pass(&mut self, resolution: f64, two_m: f64) -> bool {
        let Component {
            starts,
            links,
            degree,
            community,
            total,
            weight_to,
            ..
        } = self;
        let mut moved = false;
        for i in 0..degree.len() {
            let current = community[i];
            weight_to.clear();
            for &(j, w) in &links[starts[i]..starts[i + 1]] {
                weight_to.add(community[j], w);
            }
            total[current] -= degree[i];
            let gain = |c: usize, w: f64| w - resolution * total[c] * degree[i] / two_m;
            let mut best = (
                current,
                gain(current, weight_to.get(current).unwrap_or(0.0)),
            );
            for (c, w) in weight_to.ascending() {
                let g = gain(c, w);
                if g > best.1 + 1e-12 {
                    best = (c, g);
                }
            }
            total[best.0] += degree[i];
            if best.0 != current {
                community[i] = best.0;
                moved = true;
            }
        }
        moved
    }
}

/// A node's link weight to each neighbouring community, summed in the order the links
/// are given. Indexed by community and reused from node to node: a map per node cost
/// an allocation and a hash per link, for every node in every pass.
struct WeightsByCommunity {
    weights: Vec<f64>,
    present: Vec<bool>,
    /// The communities with a weight, in the order first seen.
    touched: Vec<usize>,
}

impl WeightsByCommunity {
    /// For communities numbered below `n`.
    fn new(n: usize) -> WeightsByCommunity {
        WeightsByCommunity {
            weights: vec![0.0; n],
            present: vec![false; n],
            touched: Vec::new(),
        }
    }

    fn clear(&mut self) {
        for &c in &self.touched {
            self.present[c] = false;
        }
        self.touched.clear();
    }

    fn add(&mut self, community: usize, weight: f64) {
        if !self.present[community] {
            self.present[community] = true;
            self.weights[community] = 0.0;
            self.touched.push(community);
        }
        self.weights[community] += weight;
    }

    fn get(&self, community: usize) -> Option<f64> {
        self.present[community].then(|| self.weights[community])
    }

    /// Each community with its weight, in community order.
    fn ascending(&mut self) -> impl Iterator<Item = (usize, f64)> + '_ {
        self.touched.sort_unstable();
        self.touched.iter().map(|&c| (c, self.weights[c]))
    }
}

/// How much publication times say two articles report the same event: 1 when published
/// together, falling off exponentially with the time between them (1/e at one time
/// scale), 1 when either time is unknown. The same event is reported within hours; a
/// development a day later is usually a new event.
fn time_affinity(a: Option<i64>, b: Option<i64>, scale: i64) -> f64 {
    match (a, b) {
        (Some(x), Some(y)) if scale > 0 => (-((x - y).abs() as f64) / scale as f64).exp(),
        _ => 1.0,
    }
}

fn within_window(a: Option<i64>, b: Option<i64>, window: i64) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() <= window,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::terms::terms_of;

    /// Terms of a title and a one-sentence body, kept alive for the test.
    struct Owned {
        title: Vec<Term>,
        body: Vec<Vec<Term>>,
    }

    fn owned(title: &str, body: &str) -> Owned {
        Owned {
            title: terms_of(title),
            body: vec![terms_of(body)],
        }
    }

    fn article(owned: &Owned) -> ArticleTerms<'_> {
        ArticleTerms {
            title: &owned.title,
            body: &owned.body,
            published: None,
        }
    }

    #[test]
    fn same_event_articles_group_and_others_stay_apart() {
        let owned = [
            owned("Fed's Plosser sees high bar for tapering change", ""),
            owned("Apple unveils new iPhone at Cupertino event", ""),
            owned("Plosser: Fed tapering pace should not change", ""),
            owned("New iPhone from Apple shown in Cupertino", ""),
            owned("Malaysia Airlines flight MH370 still missing", ""),
        ];
        let articles: Vec<ArticleTerms> = owned.iter().map(article).collect();
        let stories = stories_from(&articles, &GroupOptions::default());
        let groups: Vec<Vec<usize>> = stories.into_iter().map(|s| s.articles).collect();
        assert_eq!(groups, vec![vec![0, 2], vec![1, 3], vec![4]]);
    }

    #[test]
    fn a_bridging_article_does_not_chain_two_stories() {
        // Two tight groups and one article weakly linked to each.
        let edges = vec![
            (0, 1, 0.9),
            (0, 2, 0.8),
            (1, 2, 0.85),
            (3, 4, 0.9),
            (3, 5, 0.8),
            (4, 5, 0.85),
            (2, 6, 0.3),
            (6, 3, 0.3),
        ];
        let clusters = communities(7, &edges, 1.0);
        assert!(
            !clusters.iter().any(|c| c.contains(&0) && c.contains(&5)),
            "{clusters:?}"
        );
        assert!(
            clusters
                .iter()
                .any(|c| c.contains(&0) && c.contains(&1) && c.contains(&2))
        );
    }

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

    /// The local moves as one sweep over all nodes, pass after pass: what
    /// [`local_moves`] must give.
    fn swept_local_moves(
        graph: &[FxHashMap<usize, f64>],
        self_loops: &[f64],
        resolution: f64,
    ) -> Vec<usize> {
        let n = graph.len();
        let degree: Vec<f64> = (0..n)
            .map(|i| graph[i].values().sum::<f64>() + 2.0 * self_loops[i])
            .collect();
        let two_m: f64 = degree.iter().sum();
        let mut community: Vec<usize> = (0..n).collect();
        if two_m <= 0.0 {
            return community;
        }
        let mut total: Vec<f64> = degree.clone();
        let mut weight_to = WeightsByCommunity::new(n);
        for _pass in 0..32 {
            let mut moved = false;
            for i in 0..n {
                let current = community[i];
                weight_to.clear();
                for (&j, &w) in &graph[i] {
                    weight_to.add(community[j], w);
                }
                total[current] -= degree[i];
                let gain = |c: usize, w: f64| w - resolution * total[c] * degree[i] / two_m;
                let mut best = (
                    current,
                    gain(current, weight_to.get(current).unwrap_or(0.0)),
                );
                for (c, w) in weight_to.ascending() {
                    let g = gain(c, w);
                    if g > best.1 + 1e-12 {
                        best = (c, g);
                    }
                }
                total[best.0] += degree[i];
                if best.0 != current {
                    community[i] = best.0;
                    moved = true;
                }
            }
            if !moved {
                break;
            }
        }
        let mut renumber: FxHashMap<usize, usize> = FxHashMap::default();
        community
            .iter()
            .map(|&c| {
                let next = renumber.len();
                *renumber.entry(c).or_insert(next)
            })
            .collect()
    }

    /// [`nearest_neighbour_graph`] in one pass, scanning for the weakest link at every
    /// offer: what it must give. An edge stays when it is among the
    /// [`GroupOptions::neighbours`] best of either end and reaches the floor. Each article
    /// keeps only its best so far while the edges go by, not a list of all of its edges.
    fn one_pass_nearest_neighbour_graph(
        n: usize,
        edges: &[Vec<Edge>],
        options: &GroupOptions,
    ) -> Vec<Edge> {
        let edges = || edges.iter().flatten();
        let k = options.neighbours;
        let mut best: Vec<Vec<(f64, usize)>> = vec![Vec::new(); n];
        for (e, &(a, b, s)) in edges().enumerate() {
            if s >= options.floor {
                scanning_keep_if_among_best(&mut best[a as usize], (s, e), k);
                scanning_keep_if_among_best(&mut best[b as usize], (s, e), k);
            }
        }
        let mut keep = vec![false; edges().count()];
        for &(_, e) in best.iter().flatten() {
            keep[e] = true;
        }
        edges()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(e, _)| *e)
            .collect()
    }

    /// Adds `link` (similarity, edge number) to an article's `best` links when it is among
    /// the `k` strongest seen (ties to the lower edge number), dropping the one it beats.
    fn scanning_keep_if_among_best(best: &mut Vec<(f64, usize)>, link: (f64, usize), k: usize) {
        let weaker = |x: &(f64, usize), y: &(f64, usize)| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1));
        if best.len() < k {
            best.push(link);
            return;
        }
        let Some((worst, _)) = best
            .iter()
            .enumerate()
            .max_by(|(_, x), (_, y)| weaker(x, y))
        else {
            return;
        };
        if weaker(&link, &best[worst]).is_lt() {
            best[worst] = link;
        }
    }

    /// A graph of `n` nodes in clusters of up to `cluster` (some nodes left alone), with
    /// weights pseudo-random from `seed` and a few links between clusters.
    fn random_graph(seed: &mut u64, n: usize, cluster: usize) -> Vec<Edge> {
        let mut next = move || crate::test_random::next(seed);
        let mut edges = Vec::new();
        for a in 0..n {
            let group = a / cluster;
            for _ in 0..next() % 6 {
                let b = if next() % 10 == 0 {
                    (next() % n as u64) as usize
                } else {
                    (group * cluster + (next() % cluster as u64) as usize).min(n - 1)
                };
                if a < b {
                    let w = (next() % 1000) as f64 / 1000.0 + 0.1;
                    edges.push((a as u32, b as u32, w));
                }
            }
        }
        edges.sort_by_key(|&(a, b, _)| (a, b));
        edges
    }

    fn as_graph(n: usize, edges: &[Edge]) -> Vec<FxHashMap<usize, f64>> {
        let mut graph: Vec<FxHashMap<usize, f64>> = vec![FxHashMap::default(); n];
        for &(a, b, w) in edges {
            *graph[a as usize].entry(b as usize).or_insert(0.0) += w;
            *graph[b as usize].entry(a as usize).or_insert(0.0) += w;
        }
        graph
    }

    #[test]
    fn moves_by_component_are_the_moves_of_one_sweep() {
        let mut seed = 0x2545_f491_4f6c_dd1d;
        for (n, cluster) in [(1, 1), (40, 5), (300, 12), (2_000, 40), (2_000, 400)] {
            let edges = random_graph(&mut seed, n, cluster);
            let graph = as_graph(n, &edges);
            let loops: Vec<f64> = (0..n).map(|i| (i % 3) as f64 * 0.25).collect();
            for resolution in [0.5, 1.0, 2.0] {
                assert_eq!(
                    local_moves(&graph, &loops, resolution),
                    swept_local_moves(&graph, &loops, resolution),
                    "{n} nodes in clusters of {cluster}, resolution {resolution}"
                );
            }
            assert_eq!(
                local_moves(&graph, &vec![0.0; n], 1.0),
                swept_local_moves(&graph, &vec![0.0; n], 1.0)
            );
        }
    }

    #[test]
    fn nearest_neighbours_by_range_are_those_of_one_pass() {
        let mut seed = 0x9e37_79b9_7f4a_7c15;
        for (n, cluster, neighbours) in [(1, 1, 10), (50, 10, 3), (3_000, 60, 10), (3_000, 60, 0)] {
            let edges = random_graph(&mut seed, n, cluster);
            let mut lists: Vec<Vec<Edge>> = vec![Vec::new(); n];
            for &edge in &edges {
                lists[edge.0 as usize].push(edge);
            }
            let options = GroupOptions {
                neighbours,
                floor: 0.3,
                ..GroupOptions::default()
            };
            assert_eq!(
                nearest_neighbour_graph(n, &lists, &options),
                one_pass_nearest_neighbour_graph(n, &lists, &options),
                "{n} articles, {neighbours} neighbours"
            );
        }
    }

    #[test]
    fn the_log_frequency_table_is_the_computed_log_bit_for_bit() {
        let log_frequency = LogFrequency::new();
        for tf in (0..200).map(|k| k as f32 * 0.25).chain([1e-3, 31.75, 1e9]) {
            let computed = (1.0 + f64::from(tf)).ln();
            assert_eq!(log_frequency.of(tf).to_bits(), computed.to_bits(), "{tf}");
        }
    }

    #[test]
    fn a_day_apart_counts_for_less_than_an_hour_apart() {
        let x = owned("x", "");
        let mut a = article(&x);
        let mut b = article(&x);
        a.published = Some(0);
        b.published = Some(3600);
        let hour = time_affinity(a.published, b.published, 24 * 3600);
        b.published = Some(24 * 3600);
        let day = time_affinity(a.published, b.published, 24 * 3600);
        assert!(hour > 0.95 && (day - (-1.0f64).exp()).abs() < 1e-9);
        b.published = None;
        assert_eq!(time_affinity(a.published, b.published, 24 * 3600), 1.0);
    }

    #[test]
    fn articles_outside_the_window_are_not_linked() {
        let plosser = owned("Plosser sees high bar for tapering", "");
        let mut a = article(&plosser);
        let mut b = article(&plosser);
        a.published = Some(0);
        b.published = Some(30 * 24 * 3600);
        let stories = stories_from(&[a, b], &GroupOptions::default());
        assert_eq!(stories.len(), 2);
    }
}
