//! Which articles are compared, and which links are kept: candidate pairs from an
//! inverted index over each article's heaviest terms, their similarity, and each
//! article's strongest links. It does not form stories (see `communities`).

use rayon::prelude::*;

use super::vectors::{TermLookup, Vectors};
use super::{
    Edge, GroupOptions, MAX_CANDIDATE_DF, MAX_CANDIDATE_DF_SHARE, MAX_CANDIDATES, MIN_COSINE,
    PREFETCH_AHEAD,
};

/// Pairs of articles that share a distinctive term, with the cosine of their content
/// vectors, when it reaches [`MIN_COSINE`]. Listed per article (the lower index of the
/// pair), not joined into one list: tens of millions of links would be held twice while
/// joining.
pub(super) fn candidate_edges(vectors: &Vectors, options: &GroupOptions) -> Vec<Vec<Edge>> {
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
    (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0u8; n], Vec::new(), TermLookup::new()),
            |(shared, touched, lookup), a| {
                let lists = heaviest[a]
                    .iter()
                    .map(|&id| &postings[id as usize])
                    .filter(|list| list.len() <= max_df);
                let candidates = candidates_of(a, lists, shared, touched);
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
                        (cosine >= MIN_COSINE).then_some((a as u32, b as u32, cosine))
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

/// Keeps each article's strongest links: an edge stays when it is among the `k` best of
/// either end. Each article
/// keeps only its best so far while the edges go by, not a list of all of its edges.
/// The articles are split into ranges, each range's links found by one core going
/// through the edges in order (those of its articles' ends only): every article is
/// offered the same links in the same order as in one pass.
pub(super) fn nearest_neighbour_graph(n: usize, edges: &[Vec<Edge>], k: usize) -> Vec<Edge> {
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
                offer(a, (s, e));
                offer(b, (s, e));
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

/// How much publication times say two articles report the same event: 1 when published
/// together, falling off exponentially with the time between them (1/e at one time
/// scale), 1 when either time is unknown. The same event is reported within hours; a
/// development a day later is usually a new event.
pub(super) fn time_affinity(a: Option<i64>, b: Option<i64>, scale: i64) -> f64 {
    match (a, b) {
        (Some(x), Some(y)) if scale > 0 => (-((x - y).abs() as f64) / scale as f64).exp(),
        _ => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::group::communities::tests::random_graph;

    /// [`nearest_neighbour_graph`] in one pass, scanning for the weakest link at every
    /// offer: what it must give. An edge stays when it is among the
    /// [`GroupOptions::neighbours`] best of either end and reaches the floor. Each article
    /// keeps only its best so far while the edges go by, not a list of all of its edges.
    fn one_pass_nearest_neighbour_graph(n: usize, edges: &[Vec<Edge>], k: usize) -> Vec<Edge> {
        let edges = || edges.iter().flatten();
        let mut best: Vec<Vec<(f64, usize)>> = vec![Vec::new(); n];
        for (e, &(a, b, s)) in edges().enumerate() {
            scanning_keep_if_among_best(&mut best[a as usize], (s, e), k);
            scanning_keep_if_among_best(&mut best[b as usize], (s, e), k);
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

    #[test]
    fn nearest_neighbours_by_range_are_those_of_one_pass() {
        let mut seed = 0x9e37_79b9_7f4a_7c15;
        for (n, cluster, neighbours) in [(1, 1, 10), (50, 10, 3), (3_000, 60, 10), (3_000, 60, 0)] {
            let edges = random_graph(&mut seed, n, cluster);
            let mut lists: Vec<Vec<Edge>> = vec![Vec::new(); n];
            for &edge in &edges {
                lists[edge.0 as usize].push(edge);
            }
            assert_eq!(
                nearest_neighbour_graph(n, &lists, neighbours),
                one_pass_nearest_neighbour_graph(n, &lists, neighbours),
                "{n} articles, {neighbours} neighbours"
            );
        }
    }
}
