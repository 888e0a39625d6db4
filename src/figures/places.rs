//! Places: the places a sentence says something happened at ("in Baton Rouge", "at
//! Shawnee Park", "near the Bureij refugee camp"), read so that two sentences that give
//! different values and name different places are shown as possibly of different
//! events, as sentences naming different days are (`days`). It does not decide which
//! figures are compared (`measure`, `links`), only how a conflict is shown.

use crate::extract::{MONTH_NAMES, WEEKDAYS};
use crate::text::terms::{Word, gap_before, lowercase, words};

/// Words before a place name that say where something happened.
const PLACE_PREPOSITIONS: &[&str] = &["in", "at", "near", "outside", "on"];

/// The last words of the only names read after "on": streets ("on North Capitol
/// Street"). "on Facebook" and "on Christmas Day" name no place.
const STREETS: &[&str] = &["street", "avenue", "road", "boulevard", "drive", "lane"];

/// Words before a preposition that make its place someone's home, not where anything
/// happened: "living in Christchurch", "based in Miami".
const HOMES: &[&str] = &[
    "living", "lives", "lived", "based", "born", "raised", "resident",
];

/// How many words a place name may have: "Fort Lauderdale-Hollywood International
/// Airport".
const MAX_PLACE_WORDS: usize = 5;

/// Words of place names that say what kind of place it is, not which: "Shawnee Park"
/// and "Hickory Park" are two places, "Chatham" and "East Chatham" one.
const KINDS_OF_PLACE: &[&str] = &[
    "the",
    "of",
    "and",
    "park",
    "street",
    "avenue",
    "road",
    "boulevard",
    "drive",
    "county",
    "city",
    "town",
    "village",
    "state",
    "province",
    "district",
    "camp",
    "hall",
    "center",
    "centre",
    "school",
    "university",
    "college",
    "hospital",
    "airport",
    "international",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "new",
    "fort",
    "mount",
    "saint",
    "st",
    "lake",
    "river",
    "beach",
    "area",
    "club",
];

/// The words (lower case, kinds of place set aside) of every place name the sentence
/// gives after a preposition of place, sorted and distinct: "in East Chatham" gives
/// "chatham". A month or weekday ("in March", "on Monday") is no place.
pub(super) fn place_words(sentence: &str) -> Vec<String> {
    let words = words(sentence);
    let mut found: Vec<String> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let lives_there = i > 0 && HOMES.contains(&lowercase(words[i - 1].text).as_ref());
        if !PLACE_PREPOSITIONS.contains(&lowercase(word.text).as_ref()) || lives_there {
            continue;
        }
        let mut k = i + 1;
        if words.get(k).is_some_and(|w| w.text == "the") {
            k += 1;
        }
        let name = place_name_at(sentence, &words, k);
        let on_a_street = name
            .last()
            .is_some_and(|w| STREETS.contains(&lowercase(w.text).as_ref()));
        if lowercase(word.text) == "on" && !on_a_street {
            continue;
        }
        found.extend(
            name.iter()
                .map(|w| lowercase(w.text).into_owned())
                .filter(|w| !KINDS_OF_PLACE.contains(&w.as_str())),
        );
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// The capitalised words of a name starting at word `k`, joined by spaces or hyphens.
fn place_name_at<'w, 's>(sentence: &str, words: &'w [Word<'s>], k: usize) -> &'w [Word<'s>] {
    let is_name_word = |w: &Word| {
        w.text.starts_with(char::is_uppercase) && w.text.chars().all(char::is_alphabetic)
    };
    let first_is_time = words.get(k).is_some_and(|w| {
        let lower = lowercase(w.text);
        MONTH_NAMES.contains(&lower.as_ref()) || WEEKDAYS.contains(&lower.as_ref())
    });
    if first_is_time {
        return &[];
    }
    // "Ft. Lauderdale", "St. Louis": a short word's full stop does not end the name.
    let joined = |end: usize| match gap_before(sentence, words, end) {
        " " | "-" => true,
        ". " => words[end - 1].text.len() <= 3,
        _ => false,
    };
    let mut end = k;
    while end < words.len()
        && end < k + MAX_PLACE_WORDS
        && is_name_word(&words[end])
        && (end == k || joined(end))
    {
        end += 1;
    }
    &words[k.min(end)..end]
}

/// True when both sentences name a place (their [`place_words`]) and no word of one's
/// places is in the other's: "in Baton Rouge" against "in Dallas", "on North Capitol
/// Street" against "in front of Big Ben Liquors ... on New York Avenue".
pub(super) fn name_different_places(a: &[String], b: &[String]) -> bool {
    !a.is_empty() && !b.is_empty() && !a.iter().any(|w| b.binary_search(w).is_ok())
}
