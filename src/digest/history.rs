//! What earlier digests reported, and marking a new digest against it: each fact is new
//! or already reported (with the date it first was), each story new or developing.
//!
//! The history comes from the store (earlier days' digests) or from earlier digests'
//! JSON files (`build --after`); either way it reaches [`crate::summarize`] in
//! [`crate::options::Options::history`], which marks the digest with
//! [`mark_reported`] and chooses each story's summary among its new facts. This part is
//! pure: the stages never need to know where the history came from.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::digest::Digest;

/// The facts reported by digests before some date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// How many digests came before.
    pub earlier_digests: usize,
    /// Fact id -> the date of the first digest that reported it.
    pub first_reported: HashMap<String, NaiveDate>,
}

impl History {
    /// Whether an earlier digest reported the fact with this id.
    pub fn reported(&self, fact_id: &str) -> bool {
        self.first_reported.contains_key(fact_id)
    }

    /// This history and `other` as one: digests of both, each fact at its earliest date.
    pub fn merged(mut self, other: History) -> History {
        self.earlier_digests += other.earlier_digests;
        for (id, date) in other.first_reported {
            self.first_reported
                .entry(id)
                .and_modify(|d| *d = (*d).min(date))
                .or_insert(date);
        }
        self
    }
}

/// Marks every fact the history holds as already reported, and every story with both
/// reported and new facts as developing. Stories with nothing new move after the others
/// (keeping their order), so the briefing opens with what changed.
pub fn mark_reported(mut digest: Digest, history: &History) -> Digest {
    digest.earlier_digests = history.earlier_digests;
    for story in &mut digest.stories {
        for fact in &mut story.facts {
            fact.first_reported = history.first_reported.get(&fact.id).copied();
            fact.new = fact.first_reported.is_none();
        }
        let any_new = story.facts.iter().any(|f| f.new);
        let any_reported = story.facts.iter().any(|f| !f.new);
        story.developing = any_new && any_reported;
    }
    digest
        .stories
        .sort_by_key(|story| !story.facts.is_empty() && story.facts.iter().all(|f| !f.new));
    digest
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Article;
    use crate::options::Options;

    fn article(id: &str, source: &str, text: &str) -> Article {
        Article {
            id: id.to_string(),
            title: Some("Talks stall in Florida".to_string()),
            text: text.to_string(),
            source: source.to_string(),
            url: None,
            published: None,
        }
    }

    fn digest() -> Digest {
        let date = NaiveDate::from_ymd_opt(2025, 12, 9).unwrap();
        crate::summarize(
            vec![
                article(
                    "a",
                    "A",
                    "Three days of talks ended without a breakthrough. Russia launched 653 drones overnight.",
                ),
                article(
                    "b",
                    "B",
                    "Three days of talks ended without a breakthrough. A new round is planned for January.",
                ),
            ],
            &Options::for_date(date),
        )
    }

    #[test]
    fn without_history_everything_is_new() {
        let marked = mark_reported(digest(), &History::default());
        assert_eq!(marked.earlier_digests, 0);
        let facts: Vec<_> = marked.stories.iter().flat_map(|s| &s.facts).collect();
        assert!(facts.iter().all(|f| f.new && f.first_reported.is_none()));
        assert!(marked.stories.iter().all(|s| !s.developing));
    }

    #[test]
    fn reported_facts_are_marked_and_their_story_is_developing() {
        let digest = digest();
        let first = digest.stories[0].facts[0].id.clone();
        let day_one = NaiveDate::from_ymd_opt(2025, 12, 8).unwrap();
        let history = History {
            earlier_digests: 1,
            first_reported: HashMap::from([(first.clone(), day_one)]),
        };
        let marked = mark_reported(digest, &history);
        let story = &marked.stories[0];
        let fact = story.facts.iter().find(|f| f.id == first).unwrap();
        assert!(!fact.new);
        assert_eq!(fact.first_reported, Some(day_one));
        assert!(story.facts.iter().any(|f| f.new));
        assert!(story.developing);
        assert_eq!(marked.earlier_digests, 1);
    }
}
