//! Negation: whether a sentence negates, and which terms its negation applies to
//! ("did not approve the plan" negates "approve" and "plan"), so that "approved" and
//! "did not approve" are never one fact.
//!
//! A *negation word* is "not", "never", "didn't" and the like, or a verb such as
//! "declined" before "to"; its *reach* is the next content words of its clause. Hyphenated
//! names ("do-not-call") and idioms ("not only") negate nothing. The veto itself is
//! applied by [`super::model`].

use crate::text::terms::{Key, SentenceWords, Word, canonical_key};

use super::signature::Signature;

/// Verbs that negate what follows only before "to": "declined to comment" says what "had
/// no comment" says, while "shares declined 2 percent" negates nothing.
const NEGATING_BEFORE_TO: &[&str] = &[
    "declined",
    "declines",
    "decline",
    "declining",
    "refused",
    "refuses",
    "refuse",
    "refusing",
    "failed",
    "fails",
    "fail",
    "failing",
    "failure",
    "unable",
];

/// How many content words after a negation it reaches ("did not approve the plan").
const NEGATION_REACH: usize = 2;

/// Words that negate what follows ("not", "never", "didn't"). Every word of a sentence
/// is asked, so the words are a `match`, which rules most out by length alone.
fn is_negation(lower: &str) -> bool {
    matches!(
        lower,
        "not"
            | "no"
            | "never"
            | "n't"
            | "nor"
            | "without"
            | "denied"
            | "denies"
            | "deny"
            | "none"
            | "neither"
            | "nobody"
            | "nothing"
            | "cannot"
            | "dont"
            | "doesnt"
            | "didnt"
            | "isnt"
            | "wasnt"
            | "arent"
            | "werent"
            | "hasnt"
            | "havent"
            | "hadnt"
            | "cant"
            | "wont"
            | "couldnt"
            | "wouldnt"
            | "shouldnt"
    ) || lower.ends_with("n't")
        || lower.ends_with("n’t")
}

fn negates_before_to(lower: &str, next: Option<&Word>) -> bool {
    next.is_some_and(|w| w.text.eq_ignore_ascii_case("to")) && NEGATING_BEFORE_TO.contains(&lower)
}

/// Whether the word at `i` negates the clause it is in: a negation word that is not
/// part of a hyphenated name ("the do-not-call registry") or of an idiom that means
/// "only" or "also" ("not only", "nothing but").
fn negates_at(sentence: &str, read: &SentenceWords, i: usize) -> bool {
    let words = &read.words;
    let word = words[i];
    let lower = read.lower(i);
    let next = words.get(i + 1);
    if !is_negation(lower) && !negates_before_to(lower, next) {
        return false;
    }
    let next_is = |text: &str| next.is_some_and(|w| w.text.eq_ignore_ascii_case(text));
    let hyphenated = sentence[..word.start].ends_with('-') || sentence[word.end..].starts_with('-');
    let idiom = (lower == "not" && next_is("only")) || (lower == "nothing" && next_is("but"));
    !hyphenated && !idiom
}

/// Whether the sentence has a negation, and the terms its negations apply to: the first
/// content word after "not", "no", "never", "didn't", "refused to" and the like, with
/// the content word right after it ("not supplied", "no military value"), within the
/// clause. Terms sorted by address, distinct.
pub(super) fn negation_of(sentence: &str, read: &SentenceWords) -> (bool, Vec<Key>) {
    let words = &read.words;
    let mut negates = false;
    let mut negated = Vec::new();
    for i in 0..words.len() {
        if !negates_at(sentence, read, i) {
            continue;
        }
        negates = true;
        let mut reached = 0;
        for (k, next) in words.iter().enumerate().skip(i + 1) {
            let gap = &sentence[words[k - 1].end..next.start];
            let lower = read.lower(k);
            let stop = read.is_stop(k) || is_negation(lower);
            if reached >= NEGATION_REACH
                || gap.contains([',', ';', ':', '.', '—'])
                || gap.contains("--")
                || (stop && reached > 0)
            {
                break;
            }
            if !stop {
                negated.push(canonical_key(lower));
                reached += 1;
            }
        }
    }
    negated.sort_unstable_by_key(|k| k.address());
    negated.dedup();
    (negates, negated)
}

/// True when only one sentence negates, and what it negates the other states plainly:
/// "approved" against "did not approve".
pub(super) fn negation_differs(a: &Signature, b: &Signature) -> bool {
    if a.negates == b.negates {
        return false;
    }
    a.negated.iter().any(|&k| b.states(k)) || b.negated.iter().any(|&k| a.states(k))
}

#[cfg(test)]
mod tests {
    use crate::facts::tests::features;

    #[test]
    fn declining_to_comment_is_a_negation_and_declining_shares_are_not() {
        let f = features(
            "The spokesman declined to comment on the deal.",
            "The spokesman had no comment on the deal.",
        );
        assert!(!f.negation_differs, "both refuse a comment");
        let f = features(
            "Shares declined 2 percent on Monday.",
            "Shares fell 2 percent on Monday.",
        );
        assert!(!f.negation_differs, "a fall is no negation");
    }

    #[test]
    fn negations_inside_names_and_idioms_negate_nothing() {
        let f = features(
            "The do-not-call registry opened for calls on Monday.",
            "The registry for calls opened on Monday.",
        );
        assert!(!f.negation_differs);
        let f = features(
            "Not only is this the oldest known planet, it is also the most distant.",
            "This is the oldest and most distant planet known.",
        );
        assert!(!f.negation_differs);
    }
}
