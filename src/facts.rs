//! Facts stage: decides when two sentences state the same fact, and gathers a story's
//! sentences into [`Fact`]s, each with every (article, sentence) that states it.
//!
//! The same-fact decision ([`same_fact`]) combines lexical overlap weighted by how rare
//! each term is (so "Zaporizhzhia" counts for more than "said"), plain overlap, shared
//! names and agreeing figures in a logistic model; figures that disagree or a negation
//! on one side only veto the match, since then the sentences do not make the same claim.
//! `compare` calls exactly this function.
//!
//! It does not decide which figures conflict: that is `figures`.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::extract::{Quantity, values_conflict};
use crate::text::clauses::Clause;
use crate::text::terms::{Term, canonical_key, dice, is_stop_word, shared_count, words};

/// One sentence as the facts stage sees it.
#[derive(Debug, Clone)]
pub struct SentenceView<'a> {
    pub article: usize,
    pub sentence: usize,
    pub text: &'a str,
    pub terms: &'a [Term],
    /// The terms of each claim in the sentence ([`crate::text::clauses`]).
    pub clauses: &'a [Clause],
    pub quantities: &'a [Quantity],
}

/// Where a fact is stated: an article (index into the run) and a sentence in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Mention {
    pub article: usize,
    pub sentence: usize,
}

/// One statement, with every mention of it; `representative` is the mention whose
/// sentence stands for the fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub mentions: Vec<Mention>,
    pub representative: Mention,
}

/// How rare each term is across the sentences of the run, for weighting overlap.
/// Looked up for every term of every compared pair, so with a fast hash (FxHash).
#[derive(Debug, Clone, Default)]
pub struct TermRarity {
    idf: FxHashMap<String, f64>,
    unseen: f64,
}

impl TermRarity {
    /// Counts in how many sentences each term appears.
    pub fn from_sentences<'a>(sentences: impl IntoIterator<Item = &'a [Term]>) -> TermRarity {
        let mut df: FxHashMap<String, u32> = FxHashMap::default();
        let mut n = 0u32;
        for terms in sentences {
            n += 1;
            let unique: HashSet<&str> = terms.iter().map(|t| t.key.as_str()).collect();
            for key in unique {
                match df.get_mut(key) {
                    Some(count) => *count += 1,
                    None => {
                        df.insert(key.to_string(), 1);
                    }
                }
            }
        }
        let total = f64::from(n);
        let idf = df
            .into_iter()
            .map(|(key, count)| (key, ((total + 1.0) / (f64::from(count) + 1.0)).ln() + 1.0))
            .collect();
        TermRarity {
            idf,
            unseen: (total + 1.0).ln() + 1.0,
        }
    }

    pub fn weight(&self, key: &str) -> f64 {
        self.idf.get(key).copied().unwrap_or(self.unseen)
    }
}

/// The measurements the same-fact model reads from a pair of sentences.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PairFeatures {
    /// Rarity-weighted cosine of the two term sets.
    pub weighted_overlap: f64,
    /// Share of the longer sentence's terms found in the shorter one.
    pub coverage_of_longer: f64,
    /// Share of the shorter sentence's terms found in the longer one.
    pub coverage_of_shorter: f64,
    /// Names on one side only, as a share of three (capped): extra names usually mean an
    /// extra claim.
    pub unmatched_names: f64,
    /// Numbers on one side only, as a share of three (capped).
    pub unmatched_numbers: f64,
    /// Rarity-weighted share of all terms that appear on one side only.
    pub unmatched_rarity: f64,
    /// Dice coefficient of adjacent term pairs: shared word order.
    pub bigrams: f64,
    /// Best rarity-weighted cosine between a clause of one and a clause of the other:
    /// the same claim wrapped in different attribution or asides.
    pub clause_overlap: f64,
    /// The longest run of consecutive terms of one sentence missing from the other, as
    /// a share of six (capped): a whole extra clause is an extra claim.
    pub longest_unmatched_run: f64,
    /// Longest common subsequence of the two sentences' words (all words, lower-case),
    /// over the longer's length: the same sentence reworded keeps most of its order.
    pub word_order: f64,
    /// Dice coefficient of word trigrams (all words): shared phrasing.
    pub trigrams: f64,
    /// Dice coefficient of word pairs (all words).
    pub word_pairs: f64,
    /// Dice coefficient of letter 4-grams: spellings the stemmer does not join
    /// ("Poor's" and "Poors", "Zelensky" and "Zelenskyy").
    pub spelling: f64,
    /// Difference in word count over the longer's: a much longer sentence says more.
    pub length_gap: f64,
    /// A figure for the same unit with different values on the two sides.
    pub figures_conflict: bool,
    /// One side is negated and the other is not.
    pub negation_differs: bool,
}

impl PairFeatures {
    /// The model's inputs, in [`WEIGHTS`] order after the intercept.
    pub fn inputs(&self) -> [f64; 16] {
        [
            self.weighted_overlap,
            self.coverage_of_longer,
            self.coverage_of_shorter,
            self.unmatched_names,
            self.unmatched_numbers,
            self.unmatched_rarity,
            self.bigrams,
            self.clause_overlap,
            self.longest_unmatched_run,
            self.word_order,
            self.trigrams,
            self.length_gap,
            self.word_pairs,
            self.spelling,
            // Interactions: overlap counts for more when the order is kept too.
            self.word_order * self.word_order,
            self.coverage_of_longer * self.word_order,
        ]
    }
}

/// The decision for one pair of sentences.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decision {
    pub same_fact: bool,
    /// Probability-like score in [0, 1]; 0.5 is the decision boundary.
    pub score: f64,
}

/// The score at which two sentences count as one fact: the highest-accuracy threshold
/// on MRPC whose precision stays at 0.85 or above (a wrong merge misleads a reader more
/// than a missed one). Chosen by the same command that fits [`WEIGHTS`].
const THRESHOLD: f64 = 0.635;

/// Two clauses make the same claim when their rarity-weighted cosine reaches this.
/// Higher than a whole sentence needs, since matching a part of each sentence is weaker
/// evidence than matching the whole; on MRPC each 0.05 lower costs about a point of
/// precision.
const CLAUSE_MATCH: f64 = 0.65;
/// ... and each has at least this many terms.
const MIN_CLAUSE_TERMS: usize = 4;

/// Logistic-model weights: intercept, then one per input in [`PairFeatures::inputs`]
/// order. Fitted on MRPC's training pairs (those no veto decides) by
/// `cargo run --release --example quality -- ../shared/corpus --fit`, which also prints
/// [`THRESHOLD`].
const WEIGHTS: [f64; 17] = [
    -0.927, 0.873, 0.205, 0.932, 0.298, -0.407, -0.691, -1.974, 0.097, -1.591, 1.829, -1.323,
    -1.448, -0.083, 1.061, 2.426, 1.554,
];

const NEGATIONS: &[&str] = &[
    "not", "no", "never", "n't", "nor", "without", "denied", "denies", "deny", "none", "neither",
    "dont", "doesnt", "didnt", "isnt", "wasnt", "cant", "wont", "couldnt",
];

/// Measures a pair of sentences for the same-fact model.
pub fn pair_features(a: &SentenceView, b: &SentenceView, rarity: &TermRarity) -> PairFeatures {
    let keys_a: HashSet<&str> = a.terms.iter().map(|t| t.key.as_str()).collect();
    let keys_b: HashSet<&str> = b.terms.iter().map(|t| t.key.as_str()).collect();
    let (words_a, words_b) = (lower_words(a.text), lower_words(b.text));
    let shared = keys_a.intersection(&keys_b).count();
    let (short, long) = (
        keys_a.len().min(keys_b.len()),
        keys_a.len().max(keys_b.len()),
    );
    let share = |part: usize, whole: usize| {
        if whole > 0 {
            part as f64 / whole as f64
        } else {
            0.0
        }
    };
    let one_sided = |terms: &[Term], other: &HashSet<&str>, wanted: fn(&Term) -> bool| -> usize {
        terms
            .iter()
            .filter(|t| wanted(t) && !other.contains(t.key.as_str()))
            .map(|t| t.key.as_str())
            .collect::<HashSet<_>>()
            .len()
    };
    let names =
        one_sided(a.terms, &keys_b, |t| t.is_name) + one_sided(b.terms, &keys_a, |t| t.is_name);
    let numbers =
        one_sided(a.terms, &keys_b, Term::is_number) + one_sided(b.terms, &keys_a, Term::is_number);
    let mass = |keys: &HashSet<&str>| keys.iter().map(|k| rarity.weight(k)).sum::<f64>();
    let unmatched_mass = mass(&keys_a.difference(&keys_b).copied().collect())
        + mass(&keys_b.difference(&keys_a).copied().collect());
    let total_mass = mass(&keys_a) + mass(&keys_b);
    let (_, conflict) = figure_agreement(a.quantities, b.quantities);
    PairFeatures {
        weighted_overlap: weighted_cosine(a.terms, b.terms, rarity),
        coverage_of_longer: share(shared, long),
        coverage_of_shorter: share(shared, short),
        unmatched_names: names.min(3) as f64 / 3.0,
        unmatched_numbers: numbers.min(3) as f64 / 3.0,
        unmatched_rarity: if total_mass > 0.0 {
            unmatched_mass / total_mass
        } else {
            0.0
        },
        bigrams: bigram_dice(a.terms, b.terms),
        clause_overlap: best_clause_overlap(a.clauses, b.clauses, rarity),
        longest_unmatched_run: longest_unmatched_run(a.terms, &keys_b)
            .max(longest_unmatched_run(b.terms, &keys_a))
            .min(6) as f64
            / 6.0,
        word_order: word_order(&words_a, &words_b),
        trigrams: ngram_dice(&words_a, &words_b, 3),
        word_pairs: ngram_dice(&words_a, &words_b, 2),
        spelling: letter_gram_dice(a.text, b.text),
        length_gap: length_gap(words_a.len(), words_b.len()),
        figures_conflict: conflict,
        negation_differs: negation_differs(a, b),
    }
}

fn weighted_cosine(a: &[Term], b: &[Term], rarity: &TermRarity) -> f64 {
    let keys_a: HashSet<&str> = a.iter().map(|t| t.key.as_str()).collect();
    let keys_b: HashSet<&str> = b.iter().map(|t| t.key.as_str()).collect();
    let weight = |k: &&str| rarity.weight(k).powi(2);
    let norm_a: f64 = keys_a.iter().map(weight).sum::<f64>().sqrt();
    let norm_b: f64 = keys_b.iter().map(weight).sum::<f64>().sqrt();
    let dot: f64 = keys_a.intersection(&keys_b).map(weight).sum();
    if norm_a > 0.0 && norm_b > 0.0 {
        dot / (norm_a * norm_b)
    } else {
        0.0
    }
}

fn best_clause_overlap(a: &[Clause], b: &[Clause], rarity: &TermRarity) -> f64 {
    a.iter()
        .flat_map(|ca| {
            b.iter()
                .map(move |cb| weighted_cosine(&ca.terms, &cb.terms, rarity))
        })
        .fold(0.0, f64::max)
}

fn longest_unmatched_run(terms: &[Term], other: &HashSet<&str>) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for term in terms {
        if other.contains(term.key.as_str()) {
            run = 0;
        } else {
            run += 1;
            longest = longest.max(run);
        }
    }
    longest
}

fn lower_words(text: &str) -> Vec<String> {
    words(text).iter().map(|w| w.text.to_lowercase()).collect()
}

/// Longest common subsequence of words over the longer sentence's length. Sentences in
/// news are short, so the quadratic table is small; very long ones are cut.
fn word_order(wa: &[String], wb: &[String]) -> f64 {
    const MAX_WORDS: usize = 200;
    let (wa, wb) = (
        &wa[..wa.len().min(MAX_WORDS)],
        &wb[..wb.len().min(MAX_WORDS)],
    );
    let longer = wa.len().max(wb.len());
    if longer == 0 {
        return 0.0;
    }
    let mut row = vec![0usize; wb.len() + 1];
    for x in wa {
        let mut diagonal = 0;
        for (j, y) in wb.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[wb.len()] as f64 / longer as f64
}

fn ngram_dice(a: &[String], b: &[String], n: usize) -> f64 {
    let (ga, gb): (HashSet<&[String]>, HashSet<&[String]>) =
        (a.windows(n).collect(), b.windows(n).collect());
    dice(&ga, &gb)
}

fn letter_gram_dice(a: &str, b: &str) -> f64 {
    let grams = |text: &str| -> HashSet<[char; 4]> {
        let letters: Vec<char> = text
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        letters
            .windows(4)
            .map(|w| [w[0], w[1], w[2], w[3]])
            .collect()
    };
    dice(&grams(a), &grams(b))
}

fn length_gap(la: usize, lb: usize) -> f64 {
    let longer = la.max(lb);
    if longer == 0 {
        return 0.0;
    }
    la.abs_diff(lb) as f64 / longer as f64
}

fn bigram_dice(a: &[Term], b: &[Term]) -> f64 {
    dice(&term_pairs(a), &term_pairs(b))
}

fn term_pairs(terms: &[Term]) -> HashSet<(&str, &str)> {
    terms
        .windows(2)
        .map(|w| (w[0].key.as_str(), w[1].key.as_str()))
        .collect()
}

/// Whether the figures of two sentences agree (some unit given on both sides, all with
/// the same value) and whether any conflict (a unit given on both sides with no value
/// in common).
fn figure_agreement(a: &[Quantity], b: &[Quantity]) -> (bool, bool) {
    let mut agree = false;
    let mut conflict = false;
    let units_a: HashSet<&str> = a.iter().map(|q| q.unit.as_str()).collect();
    for unit in units_a {
        let values_a: Vec<&Quantity> = a.iter().filter(|q| q.unit == unit).collect();
        let values_b: Vec<&Quantity> = b.iter().filter(|q| q.unit == unit).collect();
        if values_b.is_empty() {
            continue;
        }
        let compatible = values_a
            .iter()
            .any(|x| values_b.iter().any(|y| !values_conflict(x, y)));
        if compatible {
            agree = true;
        } else {
            conflict = true;
        }
    }
    (agree && !conflict, conflict)
}

/// How many content words after a negation it reaches ("did not approve the plan").
const NEGATION_REACH: usize = 2;

fn is_negation(lower: &str) -> bool {
    NEGATIONS.contains(&lower) || lower.ends_with("n't") || lower.ends_with("n’t")
}

/// The terms a negation in the sentence applies to: the first content word after "not",
/// "no", "never", "didn't" and the like, with the content word right after it ("not
/// supplied", "no military value"), within the clause.
fn negated_terms(sentence: &str) -> HashSet<String> {
    let words = words(sentence);
    let mut negated = HashSet::new();
    for (i, word) in words.iter().enumerate() {
        if !is_negation(&word.text.to_lowercase()) {
            continue;
        }
        let mut reached = 0;
        for (k, next) in words.iter().enumerate().skip(i + 1) {
            let gap = &sentence[words[k - 1].end..next.start];
            let lower = next.text.to_lowercase();
            let stop = is_stop_word(&lower) || is_negation(&lower);
            if reached >= NEGATION_REACH
                || gap.contains([',', ';', ':', '.', '—'])
                || (stop && reached > 0)
            {
                break;
            }
            if !stop {
                negated.insert(canonical_key(&lower));
                reached += 1;
            }
        }
    }
    negated
}

/// True when only one sentence negates, and what it negates the other states plainly:
/// "approved" against "did not approve".
fn negation_differs(a: &SentenceView, b: &SentenceView) -> bool {
    let (negated_a, negated_b) = (negated_terms(a.text), negated_terms(b.text));
    if negated_a.is_empty() == negated_b.is_empty() {
        return false;
    }
    let stated = |view: &SentenceView, key: &str| view.terms.iter().any(|t| t.key == key);
    negated_a.iter().any(|k| stated(b, k)) || negated_b.iter().any(|k| stated(a, k))
}

/// The model's score for a pair's features, before vetoes.
pub fn score_of(features: &PairFeatures) -> f64 {
    let z = WEIGHTS[0]
        + features
            .inputs()
            .iter()
            .zip(&WEIGHTS[1..])
            .map(|(x, w)| x * w)
            .sum::<f64>();
    1.0 / (1.0 + (-z).exp())
}

/// Decides whether two sentences state the same fact: the model's score for the whole
/// sentences must reach [`THRESHOLD`], or one states a claim the other wholly contains,
/// or a clause of each makes the same claim (the same claim inside different
/// attribution or asides). Figures that disagree or a negation on one side only veto
/// the match.
pub fn same_fact(a: &SentenceView, b: &SentenceView, rarity: &TermRarity) -> Decision {
    let features = pair_features(a, b, rarity);
    let score = score_of(&features);
    let shares_a_claim =
        claim_contained(a, b) || claim_contained(b, a) || clauses_match(a, b, rarity);
    let score = if shares_a_claim {
        score.max(THRESHOLD)
    } else {
        score
    };
    let vetoed = features.figures_conflict || features.negation_differs;
    Decision {
        same_fact: score >= THRESHOLD && !vetoed,
        score,
    }
}

/// A clause is a whole claim of its own when it has at least this many terms.
const MIN_CLAIM_TERMS: usize = 5;

/// True when a clause of `a` that makes a specific claim (a figure among at least
/// [`MIN_CLAIM_TERMS`] terms) is wholly stated in `b`: then `b` reports that fact,
/// whatever else it adds. Figures must agree for the terms to match at all.
fn claim_contained(a: &SentenceView, b: &SentenceView) -> bool {
    let keys_b: HashSet<&str> = b.terms.iter().map(|t| t.key.as_str()).collect();
    a.clauses.iter().any(|clause| {
        let keys: HashSet<&str> = clause.terms.iter().map(|t| t.key.as_str()).collect();
        let specific = clause.terms.iter().any(Term::is_number);
        specific && keys.len() >= MIN_CLAIM_TERMS && keys.iter().all(|k| keys_b.contains(k))
    })
}

/// True when a clause of each sentence, about a name both give, uses nearly the same
/// rare words: "the strikes cut power to the Zaporizhzhia nuclear plant" and "the
/// Zaporizhzhia nuclear plant briefly lost all external power".
fn clauses_match(a: &SentenceView, b: &SentenceView, rarity: &TermRarity) -> bool {
    if is_one_claim(a) && is_one_claim(b) {
        return false;
    }
    a.clauses.iter().any(|ca| {
        b.clauses.iter().any(|cb| {
            let shares_name = ca
                .terms
                .iter()
                .any(|t| t.is_name && cb.terms.iter().any(|u| u.key == t.key));
            let long_enough = ca.terms.len().min(cb.terms.len()) >= MIN_CLAUSE_TERMS;
            shares_name
                && long_enough
                && weighted_cosine(&ca.terms, &cb.terms, rarity) >= CLAUSE_MATCH
        })
    })
}

/// True when the sentence is a single clause: nothing to gain from comparing parts.
fn is_one_claim(view: &SentenceView) -> bool {
    match view.clauses {
        [only] => only.terms.len() == view.terms.len(),
        _ => false,
    }
}

/// Words at the start of a sentence that point back to something it does not name.
const DANGLING_STARTS: &[&str] = &[
    "he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "its", "their", "we",
];

/// How complete a sentence is as the one that stands for a fact: figures and names
/// count, a dangling pronoun at the start counts against it.
pub fn completeness(view: &SentenceView) -> i64 {
    let names = view.terms.iter().filter(|t| t.is_name).count() as i64;
    let figures = view.quantities.len() as i64;
    let first = words(view.text)
        .first()
        .map(|w| w.text.to_lowercase())
        .unwrap_or_default();
    let dangling = if DANGLING_STARTS.contains(&first.as_str()) {
        4
    } else {
        0
    };
    figures * 2 + names - dangling
}

/// How many members of a growing fact a newcomer is checked against.
const LINKAGE_SAMPLE: usize = 8;

/// Gathers a story's sentences into facts. Sentences from different articles that state
/// the same thing become one fact; a fact holds at most one mention per article, and a
/// sentence joins a fact only when it matches every (sampled) member, so facts do not
/// chain through loosely related sentences.
///
/// The same-fact decision reads nothing but a sentence's words, so sentences with the
/// same text (wire copy, a quote every outlet prints) are decided once: pairs are
/// scored between distinct wordings, in parallel, and then stand for every pair of
/// their sentences.
pub fn facts_of(sentences: &[SentenceView], rarity: &TermRarity) -> Vec<Fact> {
    let wordings = Wordings::of(sentences);
    let matching = matching_wordings(sentences, &wordings, rarity);
    let scored = matching_sentence_pairs(sentences, &wordings, &matching);
    let is_match = |i: usize, j: usize| {
        let (x, y) = (wordings.class_of[i], wordings.class_of[j]);
        sentences[i].article != sentences[j].article && matching.contains_key(&(x.min(y), x.max(y)))
    };
    let mut cluster_of: Vec<usize> = (0..sentences.len()).collect();
    let mut members: Vec<Vec<usize>> = (0..sentences.len()).map(|i| vec![i]).collect();
    let mut articles_in: Vec<HashSet<usize>> = sentences
        .iter()
        .map(|s| HashSet::from([s.article]))
        .collect();
    for (_, i, j) in scored {
        let (ci, cj) = (cluster_of[i], cluster_of[j]);
        if ci == cj || share_an_article(&articles_in[ci], &articles_in[cj]) {
            continue;
        }
        let all_match = members[ci].iter().take(LINKAGE_SAMPLE).all(|&x| {
            members[cj]
                .iter()
                .take(LINKAGE_SAMPLE)
                .all(|&y| is_match(x, y))
        });
        if !all_match {
            continue;
        }
        let moved = std::mem::take(&mut members[cj]);
        for &m in &moved {
            cluster_of[m] = ci;
        }
        members[ci].extend(moved);
        let mut moved_articles = std::mem::take(&mut articles_in[cj]);
        if moved_articles.len() > articles_in[ci].len() {
            std::mem::swap(&mut moved_articles, &mut articles_in[ci]);
        }
        articles_in[ci].extend(moved_articles);
    }
    members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|m| fact_from(&m, sentences))
        .collect()
}

fn share_an_article(a: &HashSet<usize>, b: &HashSet<usize>) -> bool {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small.iter().any(|x| large.contains(x))
}

fn fact_from(member_indices: &[usize], sentences: &[SentenceView]) -> Fact {
    let mut mentions: Vec<Mention> = member_indices
        .iter()
        .map(|&i| Mention {
            article: sentences[i].article,
            sentence: sentences[i].sentence,
        })
        .collect();
    mentions.sort();
    let best = member_indices
        .iter()
        .copied()
        .max_by_key(|&i| {
            let s = &sentences[i];
            (completeness(s), std::cmp::Reverse((s.article, s.sentence)))
        })
        .unwrap_or(member_indices[0]);
    Fact {
        mentions,
        representative: Mention {
            article: sentences[best].article,
            sentence: sentences[best].sentence,
        },
    }
}

/// Terms in more than this many sentences do not propose candidate pairs on their own.
const MAX_POSTING: usize = 200;

/// Candidate sentences, besides a rarer term, share at least this many terms in all (or
/// every term of the shorter one): a statement of the same fact shares several of its
/// words, and one shared word between two longer sentences is a topic, not a fact. On
/// the scale corpus no pair sharing fewer was judged the same fact, and such pairs were
/// most of the candidates.
const MIN_SHARED_TERMS: usize = 2;

/// A story's sentences by text: sentences with the same text are one wording.
struct Wordings {
    /// The wording of each sentence.
    class_of: Vec<usize>,
    /// The sentences of each wording, in order; the first stands for them all.
    members: Vec<Vec<usize>>,
}

impl Wordings {
    fn of(sentences: &[SentenceView]) -> Wordings {
        let mut index: HashMap<&str, usize> = HashMap::new();
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
/// terms ([`MAX_POSTING`], [`MIN_SHARED_TERMS`]); they are scored in parallel.
fn matching_wordings(
    sentences: &[SentenceView],
    wordings: &Wordings,
    rarity: &TermRarity,
) -> HashMap<(usize, usize), f64> {
    let candidates = candidate_wordings(sentences, wordings);
    let matches: Vec<((usize, usize), f64)> = candidates
        .into_par_iter()
        .filter_map(|(x, y)| {
            let (a, b) = (
                &sentences[wordings.members[x][0]],
                &sentences[wordings.members[y][0]],
            );
            let decision = same_fact(a, b, rarity);
            decision.same_fact.then_some(((x, y), decision.score))
        })
        .collect();
    matches.into_iter().collect()
}

/// Pairs of wordings that share a term found in no more than [`MAX_POSTING`] of the
/// story's sentences, and [`MIN_SHARED_TERMS`] terms in all.
fn candidate_wordings(sentences: &[SentenceView], wordings: &Wordings) -> Vec<(usize, usize)> {
    let count = wordings.members.len();
    let keys: Vec<Vec<&str>> = wordings
        .members
        .iter()
        .map(|m| {
            let mut keys: Vec<&str> = sentences[m[0]]
                .terms
                .iter()
                .map(|t| t.key.as_str())
                .collect();
            keys.sort_unstable();
            keys.dedup();
            keys
        })
        .collect();
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut sentence_count: HashMap<&str, usize> = HashMap::new();
    for (class, class_keys) in keys.iter().enumerate() {
        for &key in class_keys {
            postings.entry(key).or_default().push(class);
            *sentence_count.entry(key).or_default() += wordings.members[class].len();
        }
    }
    let rare: Vec<Vec<&Vec<usize>>> = keys
        .iter()
        .map(|class_keys| {
            class_keys
                .iter()
                .filter(|k| sentence_count[*k] <= MAX_POSTING)
                .map(|k| &postings[k])
                .collect()
        })
        .collect();
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
                for list in &rare[x] {
                    for &y in list.iter().filter(|&&y| y > x) {
                        if shared[y] == 0 {
                            touched.push(y);
                        }
                        shared[y] += 1;
                    }
                }
                touched.sort_unstable();
                let mut pairs = Vec::new();
                if !rare[x].is_empty() && several_articles(x) {
                    pairs.push((x, x));
                }
                for &y in touched.iter() {
                    let needed = MIN_SHARED_TERMS.min(keys[x].len()).min(keys[y].len());
                    if shared_count(&keys[x], &keys[y]) >= needed {
                        pairs.push((x, y));
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

/// Every pair of sentences from different articles whose wordings match, as (score,
/// lower index, higher index), best first, then in sentence order.
fn matching_sentence_pairs(
    sentences: &[SentenceView],
    wordings: &Wordings,
    matching: &HashMap<(usize, usize), f64>,
) -> Vec<(f64, usize, usize)> {
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    for (&(x, y), &score) in matching {
        for (k, &i) in wordings.members[x].iter().enumerate() {
            let others = if x == y {
                &wordings.members[y][k + 1..]
            } else {
                &wordings.members[y][..]
            };
            for &j in others {
                if sentences[i].article != sentences[j].article {
                    scored.push((score, i.min(j), i.max(j)));
                }
            }
        }
    }
    scored.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then_with(|| (x.1, x.2).cmp(&(y.1, y.2)))
    });
    scored
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::compare::ReadSentence as Owned;

    fn owned(text: &str) -> Owned {
        Owned::new(text)
    }

    fn view(o: &Owned, article: usize) -> SentenceView<'_> {
        o.view(article)
    }

    fn decide(a: &str, b: &str) -> Decision {
        let (a, b) = (owned(a), owned(b));
        let rarity = TermRarity::from_sentences([a.terms.as_slice(), b.terms.as_slice()]);
        same_fact(&view(&a, 0), &view(&b, 1), &rarity)
    }

    #[test]
    fn reworded_statement_with_same_figures_is_one_fact() {
        let d = decide(
            "During the same period, Russia launched 653 drones and 51 missiles in a massive overnight assault.",
            "Overnight, Russia fired 653 drones and 51 missiles, most of which were intercepted.",
        );
        assert!(d.same_fact, "{d:?}");
    }

    #[test]
    fn different_figures_veto_a_match() {
        let d = decide(
            "Russia launched 653 drones overnight.",
            "Russia launched 370 drones overnight.",
        );
        assert!(!d.same_fact, "{d:?}");
    }

    #[test]
    fn negation_on_one_side_vetoes_a_match() {
        let d = decide(
            "The talks produced an agreement on security.",
            "The talks did not produce an agreement on security.",
        );
        assert!(!d.same_fact, "{d:?}");
    }

    #[test]
    fn unrelated_sentences_are_not_one_fact() {
        let d = decide(
            "Russia launched 653 drones overnight.",
            "Macron will meet Starmer in London on Monday.",
        );
        assert!(!d.same_fact);
    }

    #[test]
    fn the_most_complete_mention_stands_for_the_fact() {
        let a = owned("It lost power again.");
        let b = owned("The Zaporizhzhia plant lost power for the 11th time.");
        assert!(completeness(&view(&b, 1)) > completeness(&view(&a, 0)));
    }
}
