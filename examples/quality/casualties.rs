//! The quality command's own reading of how many people were killed or injured, for
//! scoring figure flags on the Gun Violence Corpus. It is deliberately independent of
//! the pipeline's extractor (no shared code but the sentence splitter), so that what the
//! extractor misses shows up as missed differences rather than as no cases.
//!
//! It reads a count next to a casualty word, in the few shapes news writes it: "three
//! people were killed", "2 dead", "killed two men", "one person was fatally wounded",
//! "wounding four others". Anything else ("a man was killed", "two were shot, one
//! fatally") is left unread: a missed statement only makes the set of real differences
//! smaller, never wrong.

use crate::mutations::NUMBER_WORDS;

/// Which count a statement gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Toll {
    Killed,
    Injured,
}

/// One stated count: the number, the count it gives, and the byte span of the number in
/// the sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stated {
    pub toll: Toll,
    pub value: f64,
    pub start: usize,
    pub end: usize,
}

/// Who a count counts: "two people", "four others".
const PERSONS: &[&str] = &[
    "people",
    "persons",
    "person",
    "men",
    "man",
    "women",
    "woman",
    "others",
    "other",
    "teens",
    "teenagers",
    "children",
    "kids",
    "adults",
    "victims",
    "individuals",
];

/// Words besides [`PERSONS`] that may stand between a count and its casualty word: the
/// auxiliaries of a passive, and adverbs.
const BETWEEN: &[&str] = &[
    "young",
    "more",
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "been",
    "being",
    "fatally",
    "critically",
    "seriously",
    "also",
    "reportedly",
];

fn toll_of(word: &str) -> Option<Toll> {
    match word {
        "killed" | "dead" | "died" | "slain" => Some(Toll::Killed),
        "injured" | "wounded" | "hurt" => Some(Toll::Injured),
        _ => None,
    }
}

/// Verbs whose object is the count: "killed two", "wounding three others".
fn toll_of_verb(word: &str) -> Option<Toll> {
    match word {
        "killed" | "killing" | "kills" | "kill" => Some(Toll::Killed),
        "injured" | "injuring" | "wounded" | "wounding" | "injures" | "wounds" => {
            Some(Toll::Injured)
        }
        _ => None,
    }
}

/// A word's text, lower case, without the punctuation around it, and its span; and
/// whether a comma, semicolon or full stop follows it (a clause ends there).
struct Token {
    text: String,
    start: usize,
    end: usize,
    clause_ends: bool,
}

fn tokens(sentence: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut at = 0;
    for raw in sentence.split([' ', '\n', '\t']) {
        let lead = raw.len() - raw.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        let core = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if !core.is_empty() {
            let tail = &raw[lead + core.len()..];
            out.push(Token {
                text: core.to_lowercase(),
                start: at + lead,
                end: at + lead + core.len(),
                clause_ends: tail.contains([',', ';', '.', ':']),
            });
        }
        at += raw.len() + 1;
    }
    out
}

fn number_value(word: &str) -> Option<f64> {
    if let Some(i) = NUMBER_WORDS.iter().position(|w| *w == word) {
        return Some(i as f64);
    }
    // Three digits at most: a four-digit number next to "killed" is a year.
    if word.len() <= 3 && word.chars().all(|c| c.is_ascii_digit()) {
        return word.parse().ok();
    }
    None
}

/// True when the count at word `i` follows a pronoun and "and" ("them and three
/// others", "he and six others"): people besides those the pronoun stands for.
fn beside_a_pronoun(words: &[Token], i: usize) -> bool {
    i >= 2
        && words[i - 1].text == "and"
        && matches!(
            words[i - 2].text.as_str(),
            "he" | "she" | "him" | "her" | "they" | "them"
        )
}

/// Every killed or injured count a sentence states, in the shapes the module names.
pub fn stated_in(sentence: &str) -> Vec<Stated> {
    let words = tokens(sentence);
    let mut out = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let Some(value) = number_value(&word.text) else {
            continue;
        };
        // "two-year-old" and "22-year-old": an age, not a count. "left them and three
        // others dead": three besides those "them" stands for, not the toll.
        if sentence[word.end..].starts_with('-') || beside_a_pronoun(&words, i) {
            continue;
        }
        let stated = |toll| Stated {
            toll,
            value,
            start: word.start,
            end: word.end,
        };
        // A count before its casualty word: "three people were killed", "2 dead".
        let mut k = i + 1;
        let mut reached = None;
        let mut clause_open = !word.clause_ends;
        while clause_open && k < words.len() && k <= i + 5 {
            if let Some(toll) = toll_of(&words[k].text) {
                reached = Some(toll);
                break;
            }
            let text = words[k].text.as_str();
            if !BETWEEN.contains(&text) && !PERSONS.contains(&text) {
                break;
            }
            clause_open = !words[k].clause_ends;
            k += 1;
        }
        if let Some(toll) = reached {
            out.push(stated(toll));
            continue;
        }
        // A count after its verb: "killed two people", "wounding four others".
        if i > 0 && !words[i - 1].clause_ends {
            let next = words.get(i + 1).map(|w| w.text.as_str()).unwrap_or("");
            let counts_people = PERSONS.contains(&next) || word.clause_ends || next.is_empty();
            if let Some(toll) = toll_of_verb(&words[i - 1].text)
                && counts_people
            {
                out.push(stated(toll));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(sentence: &str) -> Vec<(Toll, f64)> {
        stated_in(sentence)
            .into_iter()
            .map(|s| (s.toll, s.value))
            .collect()
    }

    #[test]
    fn counts_before_and_after_casualty_words_are_read() {
        assert_eq!(
            read("Three people were killed and 12 others wounded on Sunday."),
            vec![(Toll::Killed, 3.0), (Toll::Injured, 12.0)]
        );
        assert_eq!(
            read("The gunman killed two men."),
            vec![(Toll::Killed, 2.0)]
        );
        assert_eq!(
            read("Police said 2 were dead, wounding four others."),
            vec![(Toll::Killed, 2.0), (Toll::Injured, 4.0)]
        );
        let s = "One person was fatally shot, police said.";
        assert!(read(s).is_empty(), "shot is neither killed nor injured");
    }

    #[test]
    fn ages_other_counts_and_clauses_are_not_read() {
        assert!(read("A 22-year-old was killed.").is_empty());
        assert!(read("He fired 12 shots, and a man was killed.").is_empty());
        assert!(read("The 3 suspects fled; killed was a bystander.").is_empty());
        assert!(read("In 2015 killed people were counted.").is_empty());
        let s = "The rampage left them and three others dead.";
        assert!(read(s).is_empty(), "three besides them is not the toll");
    }

    #[test]
    fn spans_point_at_the_number() {
        let s = "Authorities said 14 people were injured.";
        let found = stated_in(s);
        assert_eq!(&s[found[0].start..found[0].end], "14");
    }
}
