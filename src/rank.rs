//! Rank stage: the reading order of stories and of the facts inside a story.
//!
//! Stories reported by more outlets come first, then those with more corroborated facts,
//! then the most recent. Inside a story, facts stated by more sources come first, then
//! the more complete ones, then the order the articles gave them in. It only orders; it
//! does not decide what is shown.

use std::cmp::Reverse;

/// What a story is ranked by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoryStanding {
    pub sources: usize,
    pub corroborated_facts: usize,
    /// Latest publication time among its articles, seconds since the epoch.
    pub latest: Option<i64>,
    /// Position of its first article in the input, to keep ties stable.
    pub first_article: usize,
}

/// What a fact is ranked by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FactStanding {
    pub sources: usize,
    pub completeness: i64,
    /// (article position, sentence position) of its earliest mention.
    pub first_mention: (usize, usize),
}

/// Indices of the stories in reading order.
pub fn story_order(standings: &[StoryStanding]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..standings.len()).collect();
    order.sort_by_key(|&i| {
        let s = standings[i];
        (
            Reverse(s.sources),
            Reverse(s.corroborated_facts),
            Reverse(s.latest),
            s.first_article,
        )
    });
    order
}

/// Indices of a story's facts in reading order.
pub fn fact_order(standings: &[FactStanding]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..standings.len()).collect();
    order.sort_by_key(|&i| {
        let f = standings[i];
        (Reverse(f.sources), Reverse(f.completeness), f.first_mention)
    });
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_sources_then_more_recent_first() {
        let standings = [
            StoryStanding {
                sources: 1,
                corroborated_facts: 0,
                latest: Some(10),
                first_article: 0,
            },
            StoryStanding {
                sources: 3,
                corroborated_facts: 2,
                latest: Some(5),
                first_article: 1,
            },
            StoryStanding {
                sources: 1,
                corroborated_facts: 0,
                latest: Some(20),
                first_article: 2,
            },
        ];
        assert_eq!(story_order(&standings), vec![1, 2, 0]);
    }

    #[test]
    fn corroborated_facts_first() {
        let standings = [
            FactStanding {
                sources: 1,
                completeness: 5,
                first_mention: (0, 0),
            },
            FactStanding {
                sources: 2,
                completeness: 1,
                first_mention: (0, 3),
            },
        ];
        assert_eq!(fact_order(&standings), vec![1, 0]);
    }
}
