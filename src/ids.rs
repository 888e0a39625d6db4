//! Stable ids: hashes of content that name facts, stories, differing figures and feed
//! items the same from one run to the next, so that other tools (by the JSON) and the
//! store (by what it recorded) can refer to them. Below the stages: ingest, the digest
//! and the store all name things with it, and it imports from none of them.
//!
//! Fact, story and discrepancy ids are 64-bit FNV-1a hashes in hex (`f-`, `s-`, `d-`
//! and 16 digits). They were 32-bit: a large morning has hundreds of thousands of facts,
//! so a few pairs shared an id every day, and the store, which keys what was reported
//! by fact id, folded a new fact away as "already reported". With 64 bits a collision
//! in a run of a million facts has odds of about one in 30 million; [`collisions`]
//! still checks every run and says so when one happens. A fact id hashes the fact's
//! text [`normalized`] (lower case, letters, digits and single spaces), so a fact
//! reworded only in punctuation or case keeps its id.
//!
//! The ids made for feed items without one ([`item_hash`]) stay 32-bit: stores hold
//! them as the items' ids, and a new width would make every such stored item new.

use rustc_hash::{FxHashMap, FxHashSet};

/// The id of the fact whose text is `text`.
pub fn fact_id(text: &str) -> String {
    let mut hash = Fnv64::new();
    each_normalized_char(text, |c| hash.write_char(c));
    format!("f-{}", hash.hex())
}

/// The 32-bit fact id stores written before schema version 5 recorded for `text`: the
/// store's upgrade finds the facts they name by it.
pub fn legacy_fact_id(text: &str) -> String {
    let mut hash = Fnv32::new();
    each_normalized_char(text, |c| {
        hash.write(c.encode_utf8(&mut [0; 4]).as_bytes());
    });
    format!("f-{:08x}", hash.0)
}

/// The id of the story made of the articles with these ids, in story order.
pub fn story_id<'a>(article_ids: impl IntoIterator<Item = &'a str>) -> String {
    format!("s-{}", joined_hash(article_ids))
}

/// The id of a discrepancy of `measure` between these values (each `article:figure`).
pub fn discrepancy_id<'a>(measure: &'a str, values: impl IntoIterator<Item = &'a str>) -> String {
    format!("d-{}", joined_hash(std::iter::once(measure).chain(values)))
}

/// The 64-bit hash of `parts` joined by line breaks, in hex.
fn joined_hash<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut hash = Fnv64::new();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            hash.write(b"\n");
        }
        hash.write(part.as_bytes());
    }
    hash.hex()
}

/// The 32-bit hash that names a feed item without an id of its own, in hex.
pub fn item_hash(text: &str) -> String {
    let mut hash = Fnv32::new();
    hash.write(text.as_bytes());
    format!("{:08x}", hash.0)
}

/// The 64-bit FNV-1a hash of `bytes`, for other stable names (the archive's UUIDs).
pub fn fnv1a_64(bytes: &[u8]) -> u64 {
    let mut hash = Fnv64::new();
    hash.write(bytes);
    hash.0
}

/// Two different things named by one id in a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdCollision {
    pub id: String,
    /// What each of the two names, as [`collisions`] was given it.
    pub first: String,
    pub second: String,
}

/// Every id of `named` (id, what it names) given to two things that differ, where
/// `same` says whether two named things are one. Two passes, so that only the ids seen
/// more than once (few) are held with what they name: a large morning has millions of
/// facts.
pub fn collisions<'a, I>(named: I, same: impl Fn(&str, &str) -> bool) -> Vec<IdCollision>
where
    I: IntoIterator<Item = (&'a str, &'a str)> + Clone,
{
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    let repeated: FxHashSet<&str> = named
        .clone()
        .into_iter()
        .filter(|&(id, _)| !seen.insert(id))
        .map(|(id, _)| id)
        .collect();
    drop(seen);
    let mut first: FxHashMap<&str, &str> = FxHashMap::default();
    let mut found = Vec::new();
    for (id, thing) in named.into_iter().filter(|(id, _)| repeated.contains(id)) {
        match first.get(id) {
            Some(&earlier) if !same(earlier, thing) => found.push(IdCollision {
                id: id.to_string(),
                first: earlier.to_string(),
                second: thing.to_string(),
            }),
            Some(_) => {}
            None => {
                first.insert(id, thing);
            }
        }
    }
    found
}

/// The text lower-cased, with only letters, digits and single spaces between words:
/// what a fact id hashes.
pub fn normalized(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    each_normalized_char(text, |c| out.push(c));
    out
}

/// Calls `emit` with each character of the normalized text in turn, without making it:
/// a large morning has hundreds of thousands of facts.
fn each_normalized_char(text: &str, mut emit: impl FnMut(char)) {
    let mut started = false;
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = started;
        } else if c.is_alphanumeric() {
            if space {
                emit(' ');
                space = false;
            }
            if c.is_ascii() {
                emit(c.to_ascii_lowercase());
            } else {
                c.to_lowercase().for_each(&mut emit);
            }
            started = true;
        }
    }
}

/// FNV-1a, 64-bit: stable across runs, platforms and Rust releases.
struct Fnv64(u64);

impl Fnv64 {
    fn new() -> Fnv64 {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn write_char(&mut self, c: char) {
        self.write(c.encode_utf8(&mut [0; 4]).as_bytes());
    }

    fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

/// FNV-1a, 32-bit: the ids of feed items without one, and of facts before version 5.
struct Fnv32(u32);

impl Fnv32 {
    fn new() -> Fnv32 {
        Fnv32(0x811c_9dc5)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u32::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0193);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalized_text_keeps_words_and_single_spaces() {
        assert_eq!(
            normalized("  Three  days, of\n\"talks\" — ended. "),
            "three days of talks ended"
        );
        assert_eq!(normalized("U.S. 2.5% ÉTÉ"), "us 25 été");
        assert_eq!(normalized(""), "");
    }

    #[test]
    fn ids_are_stable_and_as_wide_as_promised() {
        // Fixed values: ids must not change between runs or releases.
        assert_eq!(item_hash(""), "811c9dc5");
        assert_eq!(item_hash("a"), "e40c292c");
        assert_eq!(fnv1a_64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a_64(b"a"), 0xaf63_dc4c_8601_ec8c);
        let fact = fact_id("Three days of talks ended.");
        assert_eq!(
            fact,
            format!("f-{:016x}", fnv1a_64(b"three days of talks ended"))
        );
        assert_eq!(fact, fact_id("three DAYS of talks, ended"));
        assert_eq!(
            legacy_fact_id("Three days of talks ended."),
            format!("f-{}", item_hash("three days of talks ended"))
        );
        assert_eq!(
            story_id(["a", "b"]),
            format!("s-{:016x}", fnv1a_64(b"a\nb"))
        );
        assert_eq!(
            discrepancy_id("days", ["a:three days"]),
            format!("d-{:016x}", fnv1a_64(b"days\na:three days"))
        );
    }

    #[test]
    fn an_id_naming_two_different_things_is_a_collision() {
        let named = [
            ("f-1", "three days of talks"),
            ("f-2", "two days of talks"),
            ("f-1", "Three days of talks."),
            ("f-2", "653 drones"),
        ];
        let same = |a: &str, b: &str| normalized(a) == normalized(b);
        assert_eq!(
            collisions(named, same),
            [IdCollision {
                id: "f-2".to_string(),
                first: "two days of talks".to_string(),
                second: "653 drones".to_string(),
            }]
        );
    }
}
