//! Clauses: the claims inside a sentence, without who said them.
//!
//! A news sentence often wraps one claim in attribution ("the UN watchdog confirmed that
//! …", "…, according to officials") and adds a second claim after a comma ("…, raising
//! concerns about …", "…, most of which were intercepted"). Two outlets that report the
//! same claim rarely wrap it the same way, so the facts stage also compares clauses.
//! Splitting is by punctuation and a few function words; it never needs a parser, and a
//! sentence it cannot split is one clause.

use super::terms::{SentenceWords, Word, gap_before};

/// Words that, after a comma, open a clause of their own.
const CLAUSE_OPENERS: &[&str] = &[
    "but", "while", "whereas", "although", "though", "which", "who", "most", "some", "many", "all",
    "none", "whom", "where", "when", "after", "before", "as", "because", "since", "amid",
    "despite", "even",
];

/// Words after which a clause starts: "said that", "confirmed that".
const CLAUSE_INTRODUCERS: &[&str] = &["that"];

/// Reporting verbs (and their forms): a clause made only of one of these and a speaker is
/// attribution, not a claim.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "stated",
    "states",
    "added",
    "adds",
    "according",
    "confirmed",
    "confirms",
    "reported",
    "reports",
    "announced",
    "announces",
    "noted",
    "notes",
    "claimed",
    "claims",
    "insisted",
    "insists",
    "explained",
    "wrote",
    "writes",
    "declared",
];

/// True for a verb that says who stated something ("said", "told", "according"), not
/// what happened.
pub fn is_reporting_verb(lower: &str) -> bool {
    REPORTING.contains(&lower)
}

/// Clauses with fewer content words than this are left to the whole sentence.
const MIN_CONTENT_WORDS: usize = 3;

/// The clauses of a sentence as byte ranges, attribution dropped. A sentence with one
/// clause gives its whole span.
pub fn clauses_of(sentence: &str) -> Vec<(usize, usize)> {
    clauses_of_words(sentence, &SentenceWords::of(sentence))
}

/// [`clauses_of`] for a sentence already read into its [`SentenceWords`].
pub fn clauses_of_words(sentence: &str, read: &SentenceWords) -> Vec<(usize, usize)> {
    let words = &read.words;
    let mut cuts = vec![0];
    // Most words of a sentence open nothing: the cheap tests go first.
    for (i, word) in words.iter().enumerate() {
        let before = gap_before(sentence, words, i);
        // Most words follow one space, which neither breaks a clause nor is a comma.
        let (after_comma, hard_break) = if before == " " {
            (false, false)
        } else {
            (
                before.contains(','),
                before.contains([';', '—', '–', ':']) || before.contains(" - "),
            )
        };
        let opens = after_comma && {
            let lower = read.lower(i);
            CLAUSE_OPENERS.contains(&lower) || is_participle_opener(lower)
        };
        // Compared without lower-casing first: a word of the short list is plain ASCII.
        let introduced = i >= 2
            && CLAUSE_INTRODUCERS
                .iter()
                .any(|w| words[i - 1].text.eq_ignore_ascii_case(w))
            && REPORTING.contains(&read.lower(i - 2));
        if hard_break || opens || introduced {
            cuts.push(word.start);
        }
    }
    cuts.push(sentence.len());
    cuts.dedup();
    let spans: Vec<(usize, usize)> = cuts
        .windows(2)
        .map(|w| trim_span(sentence, w[0], w[1]))
        .filter(|&(start, end)| end > start && is_claim(read, word_range_within(words, start, end)))
        .collect();
    if spans.is_empty() {
        vec![trim_span(sentence, 0, sentence.len())]
    } else {
        spans
    }
}

/// The indices of the words that lie wholly inside a byte span of the sentence.
fn word_range_within(words: &[Word], start: usize, end: usize) -> std::ops::Range<usize> {
    let first = words.partition_point(|w| w.start < start);
    let after = words.partition_point(|w| w.end <= end);
    first..after.max(first)
}

/// "raising", "leaving", "killing": an -ing word after a comma opens a clause about a
/// consequence.
fn is_participle_opener(lower: &str) -> bool {
    lower.len() > 5
        && lower.ends_with("ing")
        && !matches!(lower, "during" | "including" | "morning" | "evening")
}

/// A claim has enough content words (of `read`, those in `range`) and is not only
/// attribution.
fn is_claim(read: &SentenceWords, range: std::ops::Range<usize>) -> bool {
    let (mut content, mut reporting) = (0, false);
    for i in range {
        let lower = read.lower(i);
        if !read.is_stop(i) && lower.chars().any(char::is_alphanumeric) {
            content += 1;
            reporting |= REPORTING.contains(&lower);
        }
    }
    content >= MIN_CONTENT_WORDS && !(reporting && content <= 4)
}

fn trim_span(sentence: &str, start: usize, end: usize) -> (usize, usize) {
    let text = &sentence[start..end];
    let trimmed_start = text.len()
        - text
            .trim_start_matches(|c: char| c.is_whitespace() || ",;:—–-".contains(c))
            .len();
    let body = text[trimmed_start..]
        .trim_end_matches(|c: char| c.is_whitespace() || ",;:—–-.".contains(c));
    (start + trimmed_start, start + trimmed_start + body.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sentence: &str) -> Vec<&str> {
        clauses_of(sentence)
            .into_iter()
            .map(|(s, e)| &sentence[s..e])
            .collect()
    }

    #[test]
    fn attribution_is_dropped_and_reported_claim_kept() {
        assert_eq!(
            texts(
                "Meanwhile, the UN nuclear watchdog confirmed that the plant briefly lost all external power."
            ),
            vec!["the plant briefly lost all external power"]
        );
        assert_eq!(
            texts(
                "Overnight, Russia fired 653 drones and 51 missiles, most of which were intercepted, according to Ukrainian officials."
            ),
            vec!["Overnight, Russia fired 653 drones and 51 missiles"]
        );
    }

    #[test]
    fn consequences_after_a_comma_are_their_own_clause() {
        assert_eq!(
            texts(
                "The strikes cut power to the nuclear plant, raising renewed concerns about reactor safety."
            ),
            vec![
                "The strikes cut power to the nuclear plant",
                "raising renewed concerns about reactor safety"
            ]
        );
    }

    #[test]
    fn a_simple_sentence_is_one_clause() {
        assert_eq!(
            texts("Russia launched 653 drones."),
            vec!["Russia launched 653 drones"]
        );
    }
}
