//! Stage one of grouping: events. Full-text articles that report one event are merged
//! into a group, group with group, while the event model (`evidence`) says a group and
//! its likeliest partner report the same event.
//!
//! Groups start as single articles. In each round every group of full-text articles
//! weighs each group it is linked to in the article graph (the candidate links of
//! `candidates`, contracted to groups) and picks its likeliest partner; every group
//! joins its partner when the model gives the pair at least the threshold, and the
//! joined groups (trees of such picks) become one. Rounds go on while anything joins.
//! A group is judged as a whole against another (its centroids, its names' shares,
//! its median time), so a report that touches two events cannot chain them: it joins
//! one, and the other is then compared with the whole group, not with the bridge.
//!
//! Headlines without a body are left alone here: a few words cannot show what tells
//! two events of one kind apart (who, where, when), so stage two (`communities`) puts
//! them where the link graph is densest. This module owns the [`Profile`] of a group
//! and the [`EventEvidence`] between two; it does not find candidates.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::evidence::{EVENT_INPUTS, EventEvidence};
use super::vectors::{ArticleVectors, TermWeights, Vector};
use super::{MAX_NAME_TERMS, MAX_VECTOR_TERMS};

/// What the event model reads of a group of articles.
#[derive(Debug, Clone, Default)]
pub(super) struct Profile {
    /// Article indices, ascending.
    pub(super) members: Vec<u32>,
    /// The sum of the members' content vectors, cut to its heaviest terms, normalised,
    /// by term number.
    content: Vector,
    /// The same of the members' names vectors.
    names: Vector,
    /// How many members name each name, by term number.
    name_counts: Vec<(u32, u32)>,
    /// The group's name mass: each name's share squared times its rarity, summed.
    name_mass: f64,
    /// The median publication time of the members that have one.
    published: Option<i64>,
    /// Every member is a headline without a body.
    pub(super) headline: bool,
}

/// What the profiles are made from: the run's article vectors, publication times and
/// which articles are headlines alone.
pub(super) struct ArticleData<'a> {
    pub(super) vectors: &'a ArticleVectors,
    pub(super) published: &'a [Option<i64>],
    pub(super) headline: &'a [bool],
}

impl ArticleData<'_> {
    /// The profile of a group of articles.
    pub(super) fn profile(&self, mut members: Vec<u32>) -> Profile {
        members.sort_unstable();
        let content = centroid(
            members.iter().map(|&m| self.vectors.content.of(m as usize)),
            MAX_VECTOR_TERMS,
        );
        let names = centroid(
            members.iter().map(|&m| self.vectors.names.of(m as usize)),
            MAX_NAME_TERMS,
        );
        let mut name_counts: Vec<(u32, u32)> = members
            .iter()
            .flat_map(|&m| {
                self.vectors
                    .names
                    .of(m as usize)
                    .ids
                    .iter()
                    .map(|&id| (id, 1))
            })
            .collect();
        name_counts.sort_unstable_by_key(|&(id, _)| id);
        name_counts.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 += later.1;
            }
            same
        });
        let mut times: Vec<i64> = members
            .iter()
            .filter_map(|&m| self.published[m as usize])
            .collect();
        times.sort_unstable();
        let published = times.get(times.len() / 2).copied();
        let headline = members.iter().all(|&m| self.headline[m as usize]);
        let size = members.len() as f64;
        let name_mass = name_counts
            .iter()
            .map(|&(id, count)| name_weight(count, size, &self.vectors.idf, id))
            .sum();
        Profile {
            members,
            content,
            names,
            name_counts,
            name_mass,
            published,
            headline,
        }
    }

    /// What the two groups share, as the event model reads it.
    pub(super) fn evidence(&self, a: &Profile, b: &Profile) -> EventEvidence {
        EventEvidence {
            content: sparse_dot(&a.content, &b.content),
            names: sparse_dot(&a.names, &b.names),
            contrast: mutual_contrast(a, b, &self.vectors.idf),
            days_apart: match (a.published, b.published) {
                (Some(x), Some(y)) => Some((x - y).abs() as f64 / 86_400.0),
                _ => None,
            },
            smaller: a.members.len().min(b.members.len()),
        }
    }
}

/// The sum of normalised vectors, cut to its `max` heaviest terms and normalised.
fn centroid<'a>(vectors: impl Iterator<Item = TermWeights<'a>>, max: usize) -> Vector {
    let mut sum: Vector = vectors
        .flat_map(|v| v.ids.iter().copied().zip(v.weights.iter().copied()))
        .collect();
    sum.sort_unstable_by_key(|&(id, _)| id);
    sum.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 += later.1;
        }
        same
    });
    if sum.len() > max {
        sum.select_nth_unstable_by(max - 1, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        sum.truncate(max);
        sum.sort_unstable_by_key(|&(id, _)| id);
    }
    let norm = sum.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut sum {
            *w /= norm;
        }
    }
    sum
}

/// The dot product of two vectors sorted by term number.
fn sparse_dot(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// The smaller of the two groups' name contrasts against each other (see
/// `evidence`): 0 when either names no one.
fn mutual_contrast(a: &Profile, b: &Profile, idf: &[f32]) -> f64 {
    if a.name_counts.is_empty() || b.name_counts.is_empty() {
        return 0.0;
    }
    let (a_size, b_size) = (a.members.len() as f64, b.members.len() as f64);
    let (mut shared_a, mut shared_b) = (0.0, 0.0);
    let (mut i, mut j) = (0, 0);
    let (x, y) = (&a.name_counts, &b.name_counts);
    while i < x.len() && j < y.len() {
        match x[i].0.cmp(&y[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared_a += name_weight(x[i].1, a_size, idf, x[i].0);
                shared_b += name_weight(y[j].1, b_size, idf, y[j].0);
                i += 1;
                j += 1;
            }
        }
    }
    let contrast = |shared: f64, mass: f64| {
        if mass > 0.0 {
            (1.0 - shared / mass).clamp(0.0, 1.0)
        } else {
            0.0
        }
    };
    contrast(shared_a, a.name_mass).min(contrast(shared_b, b.name_mass))
}

/// A name's part of its group's name mass: its share squared times its rarity.
fn name_weight(count: u32, size: f64, idf: &[f32], id: u32) -> f64 {
    let share = f64::from(count) / size;
    share * share * f64::from(idf.get(id as usize).copied().unwrap_or(1.0))
}

/// Rounds of merging at most; each round that merges anything leaves fewer groups.
const MAX_ROUNDS: usize = 64;

/// Stage one: the event groups of the articles, from the article graph's links
/// (`links`, article pairs), by the event model with `weights`, joining a group to its
/// likeliest partner when the model gives them at least `threshold`. Headlines alone
/// stay single. Returns the profiles of the groups.
pub(super) fn event_groups(
    data: &ArticleData,
    links: &[(u32, u32)],
    weights: &[f64; EVENT_INPUTS + 1],
    threshold: f64,
) -> Vec<Profile> {
    let n = data.headline.len();
    let mut groups: Vec<Profile> = (0..n as u32)
        .into_par_iter()
        .map(|a| data.profile(vec![a]))
        .collect();
    let mut group_of: Vec<u32> = (0..n as u32).collect();
    let started = std::time::Instant::now();
    for round in 0..MAX_ROUNDS {
        let pairs = neighbouring_pairs(&groups, &group_of, links);
        let partners = likeliest_partners(&groups, &pairs, data, weights, threshold);
        if partners.iter().all(Option::is_none) {
            break;
        }
        let joined = joined_groups(&partners);
        tracing::debug!(
            "events: round {round} ({:.2?}): {} groups, {} joined into {}",
            started.elapsed(),
            groups.len(),
            partners.iter().filter(|p| p.is_some()).count(),
            joined.len()
        );
        groups = merged(groups, &joined, data);
        for (g, profile) in groups.iter().enumerate() {
            for &m in &profile.members {
                group_of[m as usize] = g as u32;
            }
        }
    }
    groups
}

/// The pairs of groups (lower number first, ascending) linked in the article graph
/// contracted to groups, both of full text (headline groups are not weighed here).
fn neighbouring_pairs(
    groups: &[Profile],
    group_of: &[u32],
    links: &[(u32, u32)],
) -> Vec<(u32, u32)> {
    let mut pairs: Vec<(u32, u32)> = links
        .par_iter()
        .filter_map(|&(a, b)| {
            let (g, h) = (group_of[a as usize], group_of[b as usize]);
            let full_text = !groups[g as usize].headline && !groups[h as usize].headline;
            (g != h && full_text).then_some((g.min(h), g.max(h)))
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// For each group, the neighbour the model finds likeliest to report the same event,
/// when at least `threshold` (ties to the lower number). Each pair is weighed once.
fn likeliest_partners(
    groups: &[Profile],
    pairs: &[(u32, u32)],
    data: &ArticleData,
    weights: &[f64; EVENT_INPUTS + 1],
    threshold: f64,
) -> Vec<Option<u32>> {
    let likelihood: Vec<f64> = pairs
        .par_iter()
        .map(|&(g, h)| {
            data.evidence(&groups[g as usize], &groups[h as usize])
                .probability(weights)
        })
        .collect();
    let mut best: Vec<Option<(f64, u32)>> = vec![None; groups.len()];
    let mut offer = |g: u32, h: u32, p: f64| {
        let slot = &mut best[g as usize];
        if slot.is_none_or(|(q, other)| p > q || (p == q && h < other)) {
            *slot = Some((p, h));
        }
    };
    for (&(g, h), &p) in pairs.iter().zip(&likelihood) {
        if p >= threshold {
            offer(g, h, p);
            offer(h, g, p);
        }
    }
    best.into_iter().map(|b| b.map(|(_, h)| h)).collect()
}

/// The groups joined by the partner picks, as lists of group numbers: the connected
/// parts of the graph whose edges are the picks (union-find).
fn joined_groups(partners: &[Option<u32>]) -> Vec<Vec<u32>> {
    let mut parent: Vec<u32> = (0..partners.len() as u32).collect();
    fn root(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            let up = parent[parent[x as usize] as usize];
            parent[x as usize] = up;
            x = up;
        }
        x
    }
    for (g, partner) in partners.iter().enumerate() {
        if let Some(h) = *partner {
            let (a, b) = (root(&mut parent, g as u32), root(&mut parent, h));
            if a != b {
                parent[a.max(b) as usize] = a.min(b);
            }
        }
    }
    let mut by_root: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for g in 0..partners.len() as u32 {
        let r = root(&mut parent, g);
        by_root.entry(r).or_default().push(g);
    }
    let mut joined: Vec<Vec<u32>> = by_root.into_values().collect();
    joined.sort_unstable_by_key(|parts| parts[0]);
    joined
}

/// The groups after joining: a group joined with none keeps its profile, the others
/// get the profile of their union.
fn merged(groups: Vec<Profile>, joined: &[Vec<u32>], data: &ArticleData) -> Vec<Profile> {
    let mut slots: Vec<Option<Profile>> = groups.into_iter().map(Some).collect();
    let parts: Vec<Vec<Profile>> = joined
        .iter()
        .map(|parts| {
            parts
                .iter()
                .filter_map(|&g| slots[g as usize].take())
                .collect()
        })
        .collect();
    parts
        .into_par_iter()
        .map(|mut parts| {
            if parts.len() == 1 {
                return parts.pop().unwrap_or_default();
            }
            let members: Vec<u32> = parts.into_iter().flat_map(|p| p.members).collect();
            data.profile(members)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::group::{ArticleTerms, GroupOptions, GroupingInput};
    use crate::text::terms::{Term, terms_of};

    /// Articles of a title and body sentences, kept alive for the test.
    fn owned(articles: &[(&str, &[&str])]) -> Vec<(Vec<Term>, Vec<Vec<Term>>)> {
        articles
            .iter()
            .map(|(title, body)| (terms_of(title), body.iter().map(|s| terms_of(s)).collect()))
            .collect()
    }

    fn input(owned: &[(Vec<Term>, Vec<Vec<Term>>)]) -> GroupingInput {
        let articles: Vec<ArticleTerms> = owned
            .iter()
            .map(|(title, body)| ArticleTerms {
                title,
                body,
                ignored: &[],
                published: None,
            })
            .collect();
        GroupingInput::new(&articles, &GroupOptions::default())
    }

    #[test]
    fn groups_that_name_the_same_people_have_no_contrast() {
        let owned = owned(&[
            (
                "Jackson arrested",
                &["Police in San Diego arrested Vincent Jackson of the Chargers."],
            ),
            (
                "Jackson held",
                &["Vincent Jackson of the Chargers was held in San Diego."],
            ),
        ]);
        let evidence = input(&owned).event_evidence(&[0], &[1]);
        assert_eq!(evidence.contrast, 0.0, "{evidence:?}");
        assert!(evidence.names > 0.9, "{evidence:?}");
    }

    #[test]
    fn groups_that_each_name_their_own_people_contrast() {
        let owned = owned(&[
            (
                "Player arrested",
                &["Police arrested Vincent Jackson of the Chargers on Monday."],
            ),
            (
                "Player held",
                &["The Chargers said Vincent Jackson was arrested."],
            ),
            (
                "Lineman arrested",
                &["Police arrested Jamal Williams of the Chargers on Friday."],
            ),
            (
                "Lineman held",
                &["The Chargers said Jamal Williams was arrested."],
            ),
        ]);
        let input = input(&owned);
        let across = input.event_evidence(&[0, 1], &[2, 3]);
        let within = input.event_evidence(&[0], &[1]);
        assert!(across.contrast > 0.5, "{across:?}");
        assert!(within.contrast < across.contrast, "{within:?} {across:?}");
    }

    #[test]
    fn two_arrests_of_one_team_are_two_stories_and_each_arrest_is_one() {
        // Four reports of two events of one kind: the team, the charge and the police
        // are shared; the player is not.
        let owned = owned(&[
            (
                "Chargers receiver Vincent Jackson arrested on suspicion of drunken driving",
                &[
                    "San Diego Chargers wide receiver Vincent Jackson was arrested early Monday on suspicion of drunken driving.",
                    "Jackson failed sobriety tests on Route 52, the California Highway Patrol said.",
                    "Jackson was booked into the county jail and released on bail.",
                ],
            ),
            (
                "Vincent Jackson held on suspicion of DUI",
                &[
                    "Chargers receiver Vincent Jackson was held on suspicion of drunken driving on Monday.",
                    "The Highway Patrol said Jackson failed sobriety tests on Route 52.",
                    "Jackson, 25, was released on bail, the Chargers said.",
                ],
            ),
            (
                "Chargers lineman Jamal Williams arrested on suspicion of drunken driving",
                &[
                    "San Diego Chargers nose tackle Jamal Williams was arrested on suspicion of drunken driving.",
                    "Williams was stopped in Mission Valley, police said.",
                    "Williams posted bail and was released, the Chargers said.",
                ],
            ),
            (
                "Jamal Williams faces DUI charge",
                &[
                    "Chargers lineman Jamal Williams was arrested on suspicion of drunken driving, police said.",
                    "Officers stopped Williams in Mission Valley early Sunday.",
                    "Williams was released on bail.",
                ],
            ),
        ]);
        let stories = input(&owned).stories(&GroupOptions::default());
        let groups: Vec<Vec<usize>> = stories.into_iter().map(|s| s.articles).collect();
        assert_eq!(groups, vec![vec![0, 1], vec![2, 3]]);
    }

    #[test]
    fn headlines_alone_are_left_to_stage_two() {
        let owned = owned(&[
            ("Fed's Plosser sees high bar for tapering change", &[]),
            ("Plosser: Fed tapering pace should not change", &[]),
        ]);
        let input = input(&owned);
        assert!(input.headline[0] && input.headline[1]);
        let data = input.data();
        let groups = event_groups(
            &data,
            &[(0, 1)],
            &GroupOptions::default().event_weights,
            0.0,
        );
        assert_eq!(groups.len(), 2, "stage one joined two headlines");
        assert_eq!(input.stories(&GroupOptions::default()).len(), 1);
    }

    #[test]
    fn joined_groups_are_the_connected_picks() {
        let joined = joined_groups(&[Some(1), None, Some(1), None, Some(3)]);
        assert_eq!(joined, vec![vec![0, 1, 2], vec![3, 4]]);
    }
}
