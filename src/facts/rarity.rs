//! Term rarity: how many of the run's sentences state each term, as the weight (an
//! inverse document frequency) that makes a shared rare name count for more than a
//! shared "said".
//!
//! It owns the counting, in one pass or in parallel parts; it does not read sentences
//! (their terms come from [`crate::text::terms`]) nor compare them.

use rayon::prelude::*;

use crate::text::terms::{Key, Term};

/// How rare each term is across the sentences of the run, for weighting overlap.
#[derive(Debug, Clone, Default)]
pub struct TermRarity {
    /// The weight of each term, by [`Key::index`]; NaN for a term no sentence has.
    /// Signatures read it for every term of millions of sentences: a vector, not a map.
    idf: Vec<f64>,
    unseen: f64,
}

impl TermRarity {
    /// Counts in how many sentences each term appears.
    pub fn from_sentences<'a>(sentences: impl IntoIterator<Item = &'a [Term]>) -> TermRarity {
        Self::from_counts(SentenceCounts::of(sentences))
    }

    /// [`from_sentences`](Self::from_sentences) over the run's sentences given in
    /// parts, which are counted in parallel and the counts added: the same weights, as
    /// counts are exact. Sorting each of millions of sentences' terms took most of a
    /// second on one core.
    pub fn from_parts<'a, P, S>(parts: P) -> TermRarity
    where
        P: IntoParallelIterator<Item = S>,
        S: IntoIterator<Item = &'a [Term]>,
    {
        let counts = parts
            .into_par_iter()
            .map(SentenceCounts::of)
            .reduce(SentenceCounts::default, SentenceCounts::add);
        Self::from_counts(counts)
    }

    fn from_counts(SentenceCounts { df, sentences }: SentenceCounts) -> TermRarity {
        let total = f64::from(sentences);
        let idf = df
            .into_iter()
            .map(|count| {
                if count == 0 {
                    f64::NAN
                } else {
                    ((total + 1.0) / (f64::from(count) + 1.0)).ln() + 1.0
                }
            })
            .collect();
        TermRarity {
            idf,
            unseen: (total + 1.0).ln() + 1.0,
        }
    }

    pub fn weight(&self, key: Key) -> f64 {
        match self.idf.get(key.index()) {
            Some(&weight) if !weight.is_nan() => weight,
            _ => self.unseen,
        }
    }
}

/// How many sentences were counted, and in how many of them each term appears (by
/// [`Key::index`]).
#[derive(Default)]
struct SentenceCounts {
    df: Vec<u32>,
    sentences: u32,
}

impl SentenceCounts {
    /// Counts each term once per sentence by remembering the last sentence that counted
    /// it, rather than sorting each sentence's terms to find its distinct ones.
    fn of<'a>(sentences: impl IntoIterator<Item = &'a [Term]>) -> SentenceCounts {
        let mut counts = SentenceCounts::default();
        // By term: the number (from 1) of the last sentence that counted it, or 0.
        let mut counted_in: Vec<u32> = Vec::new();
        for terms in sentences {
            counts.sentences += 1;
            let sentence = counts.sentences;
            for term in terms {
                let index = term.key.index();
                if index >= counts.df.len() {
                    counts.df.resize(index + 1, 0);
                    counted_in.resize(index + 1, 0);
                }
                if counted_in[index] != sentence {
                    counted_in[index] = sentence;
                    counts.df[index] += 1;
                }
            }
        }
        counts
    }

    fn add(self, other: SentenceCounts) -> SentenceCounts {
        let (mut into, from) = if self.df.len() >= other.df.len() {
            (self, other)
        } else {
            (other, self)
        };
        for (count, added) in into.df.iter_mut().zip(from.df) {
            *count += added;
        }
        into.sentences += from.sentences;
        into
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::ReadSentence as Owned;
    use crate::facts::tests::owned;

    #[test]
    fn rarity_counted_in_parts_is_rarity_counted_whole() {
        let sentences: Vec<Owned> = [
            "The council approved the budget on Monday.",
            "The budget was approved by the council.",
            "Rain is expected on Monday in the north.",
            "",
            "Zaporizhzhia plant lost power, the agency said.",
        ]
        .iter()
        .map(|text| owned(text))
        .collect();
        let whole = TermRarity::from_sentences(sentences.iter().map(|s| s.terms.as_slice()));
        let parts = TermRarity::from_parts(
            sentences
                .par_chunks(2)
                .map(|part| part.iter().map(|s| s.terms.as_slice())),
        );
        let bits = |r: &TermRarity| {
            (
                r.idf.iter().map(|w| w.to_bits()).collect::<Vec<_>>(),
                r.unseen.to_bits(),
            )
        };
        assert_eq!(bits(&whole), bits(&parts));
    }
}
