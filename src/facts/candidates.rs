//! Candidates: the pairs of a story's wordings worth measuring, and their scores.
//!
//! A *wording* is the text of one or more of a story's sentences (wire copy, a quote
//! every outlet prints): the decision reads only a sentence's words, so each wording is
//! decided once. A *posting* is the list of wordings that state one term; a term is
//! *rare* in a story when few sentences state it. *Candidates* share a rare term and a
//! few terms in all; only they are measured, in parallel. Turning matches into facts is
//! [`super::linkage`].

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::text::terms::{Key, Term, shared_count};

use super::SentenceView;
use super::bounds::same_fact_score;
use super::rarity::TermRarity;
use super::signature::Signature;

/// Terms in more than this many sentences do not propose candidate pairs on their own.
const MAX_POSTING: usize = 200;
/// Each wording is scored against at most this many others: those sharing the most rare
/// terms with it. A sentence restating it is among them (restating a fact shares its
/// rare words), and in a story of thousands of articles the rest are sentences on the
/// same topic that share a word or two, which would make the stage quadratic.
const MAX_CANDIDATES_PER_WORDING: usize = 64;

/// Candidate sentences, besides a rarer term, share at least this many terms in all (or
/// every term of the shorter one): a statement of the same fact shares several of its
/// words, and one shared word between two longer sentences is a topic, not a fact. On
/// the scale corpus no pair sharing fewer was judged the same fact, and such pairs were
/// most of the candidates.
const MIN_SHARED_TERMS: usize = 2;

/// A story's sentences by text: sentences with the same text are one wording.
pub(super) struct Wordings {
    /// The wording of each sentence.
    pub(super) class_of: Vec<usize>,
    /// The sentences of each wording, in order; the first stands for them all.
    pub(super) members: Vec<Vec<usize>>,
}

impl Wordings {
    pub(super) fn of(sentences: &[SentenceView]) -> Wordings {
        let mut index: FxHashMap<&str, usize> = FxHashMap::default();
        let mut members: Vec<Vec<usize>> = Vec::new();
        let class_of = sentences
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let class = *index.entry(s.text).or_insert_with(|| {
                    members.push(Vec::new());
                    members.len() - 1
                });
                members[class].push(i);
                class
            })
            .collect();
        Wordings { class_of, members }
    }
}

/// Pairs of wordings (lower, higher; a wording with itself when its sentences come from
/// several articles) that state the same fact, with their score. Candidates share rare
/// terms ([`MAX_POSTING`], [`MIN_SHARED_TERMS`]), found from each wording's terms alone;
/// only a wording in some candidate pair has its signature computed (once), and
/// candidates are scored in parallel.
pub(super) fn matching_wordings(
    sentences: &[SentenceView],
    wordings: &Wordings,
    rarity: &TermRarity,
) -> FxHashMap<(usize, usize), f64> {
    let keys: Vec<Vec<Key>> = wordings
        .members
        .par_iter()
        .map(|m| distinct_sorted_keys(sentences[m[0]].terms))
        .collect();
    let candidates = candidate_wordings(sentences, wordings, &keys);
    let mut compared = vec![false; keys.len()];
    for &(x, y, _) in &candidates {
        compared[x] = true;
        compared[y] = true;
    }
    let signatures: Vec<Option<Signature>> = wordings
        .members
        .par_iter()
        .zip(compared)
        .map(|(m, compared)| compared.then(|| Signature::of(&sentences[m[0]], rarity)))
        .collect();
    candidates
        .into_par_iter()
        .filter_map(|(x, y, shared)| {
            let (a, b) = (signatures[x].as_ref()?, signatures[y].as_ref()?);
            same_fact_score(a, b, shared).map(|score| ((x, y), score))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// A sentence's distinct terms, sorted by address.
fn distinct_sorted_keys(terms: &[Term]) -> Vec<Key> {
    let mut keys: Vec<Key> = terms.iter().map(|t| t.key).collect();
    keys.sort_unstable_by_key(|k| k.address());
    keys.dedup();
    keys
}

/// Pairs of wordings that share a term found in no more than [`MAX_POSTING`] of the
/// story's sentences, and [`MIN_SHARED_TERMS`] terms in all, each with how many distinct
/// terms the two share, in no particular order. `keys` are each wording's distinct
/// terms, sorted by address.
fn candidate_wordings(
    sentences: &[SentenceView],
    wordings: &Wordings,
    keys: &[Vec<Key>],
) -> Vec<(usize, usize, usize)> {
    let count = wordings.members.len();
    let postings = Postings::of(wordings, keys);
    let several_articles = |class: usize| {
        let m = &wordings.members[class];
        m.iter()
            .any(|&i| sentences[i].article != sentences[m[0]].article)
    };
    (0..count)
        .into_par_iter()
        .map_init(
            || (vec![0u32; count], Vec::new()),
            |(shared, touched), x| {
                for list in postings.rare_of(x) {
                    // Postings are in wording order: the later wordings are a tail.
                    let later = &list[list.partition_point(|&y| y as usize <= x)..];
                    for y in later.iter().map(|&y| y as usize) {
                        if shared[y] == 0 {
                            touched.push(y);
                        }
                        shared[y] += 1;
                    }
                }
                // The pairs need no order: each is scored alone, and the matches are
                // put in order after ([`wording_pairs_best_first`]).
                let mut pairs = Vec::new();
                if !postings.rare[x].is_empty() && several_articles(x) {
                    pairs.push((x, x, keys[x].len()));
                }
                if touched.len() > MAX_CANDIDATES_PER_WORDING {
                    touched.select_nth_unstable_by(MAX_CANDIDATES_PER_WORDING - 1, |&y, &z| {
                        shared[z].cmp(&shared[y]).then(y.cmp(&z))
                    });
                    for &y in &touched[MAX_CANDIDATES_PER_WORDING..] {
                        shared[y] = 0;
                    }
                    touched.truncate(MAX_CANDIDATES_PER_WORDING);
                }
                for &y in touched.iter() {
                    let needed = MIN_SHARED_TERMS.min(keys[x].len()).min(keys[y].len());
                    // The rare terms the two share were counted walking the postings; the
                    // common terms of a sentence are few, and in a small story none.
                    let shared_terms =
                        shared[y] as usize + shared_count(&postings.common[x], &postings.common[y]);
                    if shared_terms >= needed {
                        pairs.push((x, y, shared_terms));
                    }
                    shared[y] = 0;
                }
                touched.clear();
                pairs
            },
        )
        .flatten_iter()
        .collect()
}

/// The wordings that state each term of a story, found by sorting rather than by a map
/// per term: each (term, wording) pair is one number, the term's address over the
/// wording's index, so that sorting them puts each term's wordings together, in
/// wording order.
struct Postings {
    /// The wordings of every term, term after term.
    pub(super) wordings: Vec<u32>,
    /// For each wording, the spans of `wordings` that list its rare terms' wordings:
    /// terms in no more than [`MAX_POSTING`] of the story's sentences.
    pub(super) rare: Vec<Vec<(u32, u32)>>,
    /// For each wording, the addresses of its other terms, ascending.
    pub(super) common: Vec<Vec<u32>>,
}

impl Postings {
    /// The postings of a story's wordings; `keys` are each wording's distinct terms.
    pub(super) fn of(wordings: &Wordings, keys: &[Vec<Key>]) -> Postings {
        let mut pairs: Vec<u64> = Vec::with_capacity(keys.iter().map(Vec::len).sum());
        for (class, keys) in keys.iter().enumerate() {
            pairs.extend(
                keys.iter()
                    .map(|k| ((k.address() as u64) << 32) | class as u64),
            );
        }
        pairs.sort_unstable();
        let postings: Vec<u32> = pairs.iter().map(|&pair| pair as u32).collect();
        let mut rare = vec![Vec::new(); keys.len()];
        let mut common = vec![Vec::new(); keys.len()];
        let mut start = 0;
        while start < pairs.len() {
            let address = pairs[start] >> 32;
            let end = start
                + pairs[start..]
                    .iter()
                    .position(|&pair| pair >> 32 != address)
                    .unwrap_or(pairs.len() - start);
            let stating = &postings[start..end];
            let sentences: usize = stating
                .iter()
                .map(|&class| wordings.members[class as usize].len())
                .sum();
            for &class in stating {
                if sentences <= MAX_POSTING {
                    rare[class as usize].push((start as u32, end as u32));
                } else {
                    common[class as usize].push(address as u32);
                }
            }
            start = end;
        }
        Postings {
            wordings: postings,
            rare,
            common,
        }
    }

    /// The wordings of each rare term of wording `x`, each list in wording order.
    pub(super) fn rare_of(&self, x: usize) -> impl Iterator<Item = &[u32]> {
        self.rare[x]
            .iter()
            .map(|&(start, end)| &self.wordings[start as usize..end as usize])
    }
}
