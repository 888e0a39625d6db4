//! Occasions: whether a sentence tells of one event or sums up several. "Two people
//! were killed and four others wounded in separate shootings" counts across the
//! shootings; "a shooting that left two people dead and three others wounded" counts
//! one of them. A count over several events and a count of one are two measures,
//! however alike their words; two counts over several events, or two of one, are
//! compared as any two figures are.
//!
//! Only the nouns of incidents news sums up this way are read ("shootings", "attacks",
//! "crashes"); whether two figures are one measure is [`super::measure`].

use crate::text::terms::words;

/// What a sentence says of how many events its figures belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Occasions {
    /// "in a shooting", "the attack", "one shooting that left ...". A possessive ("Sunday
    /// morning's shooting") does not say so: outlets that tell of two shootings near one
    /// campus are told by another as one.
    One,
    /// "in three overnight shootings", "separate shootings", "a pair of shootings".
    Several,
    /// Neither, or both.
    Unsaid,
}

impl Occasions {
    /// True when one sentence counts over several events and the other counts one.
    pub(super) fn apart_from(self, other: Occasions) -> bool {
        matches!(
            (self, other),
            (Occasions::One, Occasions::Several) | (Occasions::Several, Occasions::One)
        )
    }
}

/// Incidents, singular, that news counts and sums up.
const INCIDENTS: &[&str] = &[
    "shooting",
    "attack",
    "bombing",
    "blast",
    "explosion",
    "crash",
    "stabbing",
    "robbery",
    "incident",
];

/// Words that, within [`MARK_WORDS`] before a plural incident noun, say there were
/// several: "separate shootings", "a pair of shootings", "two weekend shootings".
const SEVERAL: &[&str] = &[
    "separate", "multiple", "several", "pair", "string", "series", "spate", "rash", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "both",
];

/// Words that, right before a singular incident noun, say it is one: "a shooting",
/// "the attack", "one crash".
const ONE: &[&str] = &["a", "an", "the", "one", "this", "that"];

/// How many words before an incident noun are read for what marks it.
const MARK_WORDS: usize = 3;

/// The [`Occasions`] a sentence tells of.
pub(super) fn occasions_of(sentence: &str) -> Occasions {
    // Most sentences with a figure name no incident: one pass over the text tells so.
    let lowered = sentence.to_lowercase();
    if !INCIDENTS
        .iter()
        .any(|incident| lowered.contains(incident.trim_end_matches('y')))
    {
        return Occasions::Unsaid;
    }
    let lower: Vec<&str> = words(&lowered).iter().map(|w| w.text).collect();
    let (mut one, mut several) = (false, false);
    for (k, word) in lower.iter().enumerate() {
        let before = &lower[k.saturating_sub(MARK_WORDS)..k];
        if is_plural_incident(word) {
            several |= before.iter().any(|w| is_several(w));
        } else if INCIDENTS.contains(word) {
            one |= before.last().is_some_and(|previous| ONE.contains(previous));
        }
    }
    match (one, several) {
        (true, false) => Occasions::One,
        (false, true) => Occasions::Several,
        _ => Occasions::Unsaid,
    }
}

/// "shootings", "crashes", "robberies".
fn is_plural_incident(word: &str) -> bool {
    INCIDENTS.iter().any(|incident| {
        word.strip_prefix(incident)
            .is_some_and(|rest| rest == "s" || rest == "es")
            || incident
                .strip_suffix('y')
                .is_some_and(|stem| word.strip_prefix(stem) == Some("ies"))
    })
}

/// A word that says there were several: one of [`SEVERAL`] or a number of two or more
/// in digits.
fn is_several(word: &str) -> bool {
    SEVERAL.contains(&word) || word.parse::<u32>().is_ok_and(|n| n >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_over_several_incidents_are_told_from_counts_of_one() {
        let of = occasions_of;
        assert_eq!(
            of("Two people were killed and four others wounded in separate shootings."),
            Occasions::Several
        );
        assert_eq!(
            of("One person is dead and five others are injured in three overnight shootings."),
            Occasions::Several
        );
        assert_eq!(
            of("Police said two people were killed in a pair of shootings."),
            Occasions::Several
        );
        assert_eq!(
            of("The crashes left 3 dead."),
            Occasions::Unsaid,
            "a plural with no mark"
        );
        assert_eq!(
            of("A shooting left two people dead and three others wounded."),
            Occasions::One
        );
        assert_eq!(
            of("Sunday morning's shooting killed one and wounded five others."),
            Occasions::Unsaid,
            "a possessive does not count the shootings"
        );
        assert_eq!(
            of("The shootings included one shooting that left one person dead."),
            Occasions::One
        );
        assert_eq!(
            of("Two people were shot at the party on Sunday."),
            Occasions::Unsaid
        );
        assert_eq!(
            of("Two shootings followed the attack."),
            Occasions::Unsaid,
            "both"
        );
        assert!(Occasions::One.apart_from(Occasions::Several));
        assert!(!Occasions::One.apart_from(Occasions::Unsaid));
        assert!(!Occasions::Several.apart_from(Occasions::Several));
    }
}
