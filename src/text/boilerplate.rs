//! What is not a fact: lines a page or a wire service adds around every report
//! (boilerplate), and pieces of text that cannot stand alone (fragments). Neither may
//! become a fact, a summary line or a key fact, however many articles repeat it: "On
//! the Net:" is in every AP story, and that is no corroboration.
//!
//! A sentence is judged alone here, by its words: sign-up, subscription, sharing and
//! "read more" prompts, copyright and photo credits, bylines and contributor lines, a
//! bare dateline; and fragments: a few words, a line ending in a colon, a sentence
//! starting in lower case or with a connective that needs the sentence before it, a
//! quotation with no one saying it. Lines that recur across unrelated stories are found
//! where the run's stories are known (`digest`); this module owns the rules for one
//! sentence.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};

/// Fewer words than this cannot state a fact on their own.
const MIN_WORDS: usize = 5;

/// Phrases that mark a line as the page's or the wire's, not the report's, wherever
/// they are in it (lower case): none of them is said in a report's own sentences.
const BOILERPLATE_PHRASES: &[&str] = &[
    "all rights reserved",
    "read more:",
    "read the full story",
    "click here",
    "sign up for",
    "sign up to",
    "subscribe to our",
    "subscribe now",
    "subscribe today",
    "our newsletter",
    "©",
    "ap photo",
    "getty images",
    "photo credit",
    "follow us on",
    "follow us at",
    "like us on facebook",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "email this",
    "print this",
    "contributed to this report",
    "contributed reporting",
    "for questions, please call",
    "photo and graphics information",
    "this story has been corrected",
    "this story has been updated",
    "this article has been updated",
    "this article was originally published",
    "terms of use",
    "privacy policy",
    "sponsored content",
    "autoplay",
    "back to gallery",
    "crime stoppers",
    "crime stopper at",
    "anyone with information",
    "if you have any information",
    "anyone who has information",
    "anyone who may have information",
    "flash player",
    "to view the video",
    "to view this video",
    "breaking news photos",
    "enable javascript",
    "your browser does not support",
];

/// Phrases that mark a line as the page's or the wire's when it starts with them.
const BOILERPLATE_OPENERS: &[&str] = &[
    "on the net",
    "on the web:",
    "online:",
    "copyright",
    "(c) ",
    "photo:",
    "photos:",
    "photograph:",
    "image:",
    "caption:",
    "related:",
    "related stories",
    "related articles",
    "more stories",
    "watch:",
    "video:",
    "listen:",
    "update:",
    "updated:",
    "reporting by",
    "editing by",
    "writing by",
    "compiled by",
    "associated press writer",
    "the associated press contributed",
    "advertisement",
];

/// Words that, first in a sentence, leave it hanging on the one before.
const DANGLING_OPENERS: &[&str] = &["and", "or", "which", "who", "whom", "whose", "nor"];

/// Whether a sentence is the page's or the wire's rather than the report's.
pub fn is_boilerplate(sentence: &str) -> bool {
    let sentence = sentence.trim();
    let start = sentence.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '(' && c != '©');
    boilerplate_phrases().is_match(sentence)
        || opens_with_boilerplate(start)
        || is_byline(sentence)
        || is_dateline(sentence)
}

/// The phrases, searched for at once in any letter case: every sentence of a run is
/// checked, so one pass over it rather than one per phrase.
fn boilerplate_phrases() -> &'static AhoCorasick {
    static PHRASES: OnceLock<AhoCorasick> = OnceLock::new();
    PHRASES.get_or_init(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(BOILERPLATE_PHRASES)
            .expect("the boilerplate phrases are a valid automaton")
    })
}

fn opens_with_boilerplate(start: &str) -> bool {
    BOILERPLATE_OPENERS.iter().any(|p| {
        start
            .get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
    })
}

/// "By Jane Smith", "By JANE SMITH and John Doe, Associated Press": a line naming who
/// wrote the report.
fn is_byline(sentence: &str) -> bool {
    let mut words = sentence.split_whitespace();
    if !words.next().is_some_and(|w| w == "By" || w == "BY") {
        return false;
    }
    let rest: Vec<&str> = words.collect();
    !rest.is_empty()
        && rest.len() <= 8
        && rest.iter().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.is_empty()
                || w.chars().next().is_some_and(char::is_uppercase)
                || matches!(w, "and" | "of" | "the")
        })
}

/// A dateline standing alone: "WASHINGTON (AP) _", "KYIV, Ukraine —".
fn is_dateline(sentence: &str) -> bool {
    let trimmed =
        sentence.trim_end_matches(|c: char| c == '_' || c == '-' || c == '—' || c.is_whitespace());
    let mut words = trimmed.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    words.take(4).count() <= 3
        && first.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && first
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// Whether a sentence cannot stand alone: a few words, a line ending in a colon, a
/// sentence starting in lower case or with a connective, a quotation no one says.
pub fn is_fragment(sentence: &str) -> bool {
    let trimmed = sentence.trim();
    let mut words = trimmed.split_whitespace();
    let first = words.next().unwrap_or_default();
    // Counted only as far as the rules look: a run holds millions of sentences.
    let count = usize::from(!first.is_empty()) + words.take(MAX_HEADING_WORDS).count();
    if count < MIN_WORDS || trimmed.ends_with(':') || is_heading(trimmed, count) {
        return true;
    }
    let first_letter = trimmed.chars().find(|c| c.is_alphanumeric());
    if first_letter.is_some_and(char::is_lowercase) {
        return true;
    }
    let opener = first.trim_matches(|c: char| !c.is_alphanumeric());
    if DANGLING_OPENERS
        .iter()
        .any(|d| d.eq_ignore_ascii_case(opener))
    {
        return true;
    }
    is_unattributed_quotation(trimmed)
}

/// Words a line without a closing mark may have and still be taken for a heading or a
/// caption rather than a sentence.
const MAX_HEADING_WORDS: usize = 12;

/// A short line with no closing mark: a heading, a caption or a menu item, not a
/// sentence ("Security guarantees for Ukraine after the war").
fn is_heading(line: &str, words: usize) -> bool {
    let closed = line
        .trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .ends_with(['.', '!', '?', '…']);
    !closed && words <= MAX_HEADING_WORDS
}

/// A sentence that opens with a quotation mark and either never closes it or is a
/// quotation and nothing more: the speaker was in another sentence. Quotation marks
/// are straight (`"`), curly (`“ ”`) or in the wire's TeX style (` `` '' `; a line
/// opening with `''` opens with it).
fn is_unattributed_quotation(sentence: &str) -> bool {
    let opens = sentence.starts_with(['"', '“'])
        || sentence.starts_with("``")
        || sentence.starts_with("''");
    if !opens {
        return false;
    }
    let mut inside = false;
    let mut outside_words = 0;
    let mut in_word = false;
    let mut rest = sentence;
    while let Some(c) = rest.chars().next() {
        let mark = if rest.starts_with("``") || rest.starts_with("''") {
            Some(2)
        } else if matches!(c, '"' | '“' | '”') {
            Some(c.len_utf8())
        } else {
            None
        };
        if let Some(len) = mark {
            let opening = rest.starts_with("``")
                || c == '“'
                || (rest.starts_with("''") && !inside)
                || (c == '"' && !inside);
            inside = opening;
            in_word = false;
            rest = &rest[len..];
            continue;
        }
        if !inside {
            if c.is_alphabetic() && !in_word {
                outside_words += 1;
            }
            in_word = c.is_alphanumeric() || c == '\'';
        }
        rest = &rest[c.len_utf8()..];
    }
    inside || outside_words < 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_and_page_lines_are_boilerplate() {
        for line in [
            "On the Net:",
            "Sign up for our daily newsletter to get the news first.",
            "Copyright 2013 The Associated Press. All rights reserved.",
            "(AP Photo/Evan Vucci)",
            "Associated Press writer Jane Doe in Kyiv contributed to this report.",
            "Read more: How the talks in Florida ended",
            "By JANE SMITH and John Doe, Associated Press",
            "WASHINGTON (AP) _",
            "For questions, please call 404-526-5456.",
            "If you have any information on this shooting, call Miami-Dade Crime Stoppers at 305-471-TIPS.",
            "Anyone with information in this case is urged to contact the Homicide Division at 713-308-3600.",
            "You need the latest version of the Adobe Flash Player to view the video related to this article.",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
    }

    #[test]
    fn reports_are_not_boilerplate() {
        for line in [
            "Russia launched 653 drones and 51 missiles in a massive overnight assault.",
            "By the end of the day, 29 locations had been hit, officials said.",
            "The UN nuclear watchdog confirmed that the Zaporizhzhia plant lost power.",
            "Police said the suspect photographed the building before the attack.",
            "Three colleges blocked Napster to avoid being drawn into Metallica's copyright suit.",
            "The paper's newsletter urged readers to subscribe to its print edition.",
        ] {
            assert!(!is_boilerplate(line), "{line}");
        }
    }

    #[test]
    fn pieces_that_cannot_stand_alone_are_fragments() {
        for line in [
            "''They're not saying too much about it.",
            "\"We will not give up,\"",
            "“It was a massacre.”",
            "``Ultimately, I guess, most people come here to relax.''",
            "``But I think people want more than that, they don't just want treatment.",
            "''We appreciate the prompt reaction by Yale University in this matter.",
            "and then the police arrived at the scene of the crash.",
            "Which is why the council voted against the plan on Monday.",
            "More on this:",
            "Details to follow.",
            "Security guarantees for Ukraine after the war",
        ] {
            assert!(is_fragment(line), "{line}");
        }
    }

    #[test]
    fn whole_sentences_are_not_fragments() {
        for line in [
            "Meanwhile, the UN nuclear watchdog confirmed that the plant lost all external power.",
            "\"We will not give up,\" Zelensky said on Monday in Kyiv.",
            "``The best thing to do if you're obese is lose weight,'' she cautioned.",
            "“It was loud,” a neighbour told reporters on Tuesday.",
            "``These prosecutors,'' Sansing said, ``are realizing they have to do it now.''",
            "But the talks ended without a breakthrough, officials said.",
            "Three days of negotiations ended without a breakthrough.",
        ] {
            assert!(!is_fragment(line), "{line}");
        }
    }
}
