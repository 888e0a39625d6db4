//! Stories as communities of the link graph: Louvain modularity, run by connected
//! component in parallel. It takes links and gives groups of article indices; it does
//! not know what the links mean.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::Edge;

/// Louvain community detection (Blondel et al. 2008) on a weighted graph of articles,
/// starting from the groups `initial` (each article in one): nodes move to the
/// neighbouring community that most raises modularity, then communities become nodes,
/// until nothing moves. A starting group is never split. Returns the members of each
/// community.
pub(super) fn communities(
    initial: Vec<Vec<usize>>,
    edges: &[Edge],
    resolution: f64,
) -> Vec<Vec<usize>> {
    let n: usize = initial.iter().map(Vec::len).sum();
    let mut node_of = vec![0; n];
    for (g, members) in initial.iter().enumerate() {
        for &m in members {
            node_of[m] = g;
        }
    }
    let mut members = initial;
    let mut graph: Vec<FxHashMap<usize, f64>> = vec![FxHashMap::default(); members.len()];
    let mut self_loops = vec![0.0; members.len()];
    for &(a, b, w) in edges {
        let (a, b) = (node_of[a as usize], node_of[b as usize]);
        if a == b {
            self_loops[a] += w;
        } else {
            *graph[a].entry(b).or_insert(0.0) += w;
            *graph[b].entry(a).or_insert(0.0) += w;
        }
    }
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

#[cfg(test)]
pub(super) mod tests {
    use super::*;

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
        let clusters = communities((0..7).map(|i| vec![i]).collect(), &edges, 1.0);
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

    /// A graph of `n` nodes in clusters of up to `cluster` (some nodes left alone), with
    /// weights pseudo-random from `seed` and a few links between clusters.
    pub(crate) fn random_graph(seed: &mut u64, n: usize, cluster: usize) -> Vec<Edge> {
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
}
