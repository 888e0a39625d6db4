//! [`Key`]: an interned term key. Every distinct key text is stored once for the life of
//! the process, and a key is a number standing for it, so terms cost no allocation,
//! compare and hash as integers, and a run of 100,000 articles keeps one copy of "said".
//!
//! This module owns only the interning; what the key of a word is belongs to
//! [`terms`](super::terms).

use std::cmp::Ordering;
use std::fmt;
use std::ops::Deref;
use std::sync::{OnceLock, PoisonError, RwLock};

use rustc_hash::FxHashMap;

/// The canonical key of a term: a number standing for its text. Two keys are equal
/// exactly when their texts are, so equality and hashing use the number, and a term is
/// eight bytes. Ordering follows the text, so anything sorted by key comes out the
/// same on every run whatever order threads interned the keys in.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key(u32);

/// Set in the numbers of keys that stand for a number (`#653`), so that asking whether a
/// term is a number needs no look-up of its text.
const NUMBER_FLAG: u32 = 1 << 31;

/// Every key text, stored once: the numbers handed out so far and their texts.
#[derive(Default)]
struct Table {
    numbers: FxHashMap<&'static str, u32>,
    texts: Vec<&'static str>,
}

static TABLE: OnceLock<RwLock<Table>> = OnceLock::new();

thread_local! {
    /// This thread's copy of the table's texts, caught up when it meets a newer key:
    /// texts are only ever appended and live for the process, so a copy stays right, and
    /// reading a key's text takes no lock (threads sorting by text read millions).
    static KNOWN_TEXTS: std::cell::RefCell<Vec<&'static str>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn table() -> &'static RwLock<Table> {
    TABLE.get_or_init(|| RwLock::new(Table::default()))
}

impl Key {
    /// The key for `text`, interning it on first use. Threads keep their own memory of
    /// the keys they made (see `terms`), so the shared table is written only for a text
    /// new to the thread.
    pub fn new(text: &str) -> Key {
        // A poisoned lock only means another thread panicked while adding a string; the
        // table is still whole (texts are pushed after their number is chosen).
        if let Some(&number) = table()
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .numbers
            .get(text)
        {
            return Key(number);
        }
        let mut table = table().write().unwrap_or_else(PoisonError::into_inner);
        if let Some(&number) = table.numbers.get(text) {
            return Key(number);
        }
        let index = table.texts.len() as u32;
        let number = if text.starts_with('#') {
            index | NUMBER_FLAG
        } else {
            index
        };
        let stored: &'static str = Box::leak(text.to_owned().into_boxed_str());
        table.texts.push(stored);
        table.numbers.insert(stored, number);
        Key(number)
    }

    pub fn as_str(self) -> &'static str {
        let index = self.index();
        KNOWN_TEXTS.with(|known| {
            let mut known = known.borrow_mut();
            if index >= known.len() {
                let table = table().read().unwrap_or_else(PoisonError::into_inner);
                let from = known.len();
                known.extend_from_slice(&table.texts[from..]);
            }
            known[index]
        })
    }

    /// The key's place in the table of key texts: small, dense and unique, so a run can
    /// keep a value per key in a plain vector.
    pub fn index(self) -> usize {
        (self.0 & !NUMBER_FLAG) as usize
    }

    /// Whether the key stands for a number (`#653`).
    pub fn is_number(self) -> bool {
        self.0 & NUMBER_FLAG != 0
    }

    /// A number unique to this key for the life of the process, for sorting keys when
    /// only grouping equal keys together matters (merges of sorted lists); not stable
    /// across runs.
    pub fn address(self) -> usize {
        self.0 as usize
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Key) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Key) -> Ordering {
        if self == other {
            Ordering::Equal
        } else {
            self.as_str().cmp(other.as_str())
        }
    }
}

impl PartialEq<str> for Key {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Deref for Key {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A key is written as its text, so anything serialised with keys reads as before.
impl serde::Serialize for Key {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_share_one_key_and_different_texts_do_not() {
        let owned = String::from("zaporizhzhia");
        assert_eq!(Key::new("zaporizhzhia"), Key::new(&owned));
        assert_eq!(
            Key::new("zaporizhzhia").address(),
            Key::new(&owned).address()
        );
        assert_ne!(Key::new("drone"), Key::new("missil"));
        assert_eq!(Key::new("drone"), "drone");
        assert!(Key::new("#653").is_number() && !Key::new("drone").is_number());
        assert_eq!(Key::new("#653").as_str(), "#653");
    }

    #[test]
    fn keys_order_by_their_text_not_by_when_they_were_made() {
        let later = Key::new("zzz-order-test");
        let earlier = Key::new("aaa-order-test");
        assert!(earlier < later);
    }
}
