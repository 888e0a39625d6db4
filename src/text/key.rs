//! [`Key`]: an interned term key. Every distinct key text is stored once for the life of
//! the process, and a key is a copyable handle to it, so terms cost no allocation,
//! compare and hash by address, and a run of 100,000 articles keeps one copy of "said".
//!
//! This module owns only the interning; what the key of a word is belongs to
//! [`terms`](super::terms).

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::{Mutex, OnceLock};

use rustc_hash::FxHashSet;

/// The canonical key of a term. Two keys are equal exactly when their texts are: the
/// interner hands out one address per text, so equality and hashing use the address.
/// Ordering follows the text, so anything sorted by key comes out the same on every run
/// whatever order threads interned the keys in.
#[derive(Clone, Copy)]
pub struct Key(&'static str);

impl Key {
    /// The key for `text`, interning it on first use. Threads keep their own memory of
    /// the keys they made (see `terms`), so the shared table is locked only for a text
    /// new to the thread.
    pub fn new(text: &str) -> Key {
        let table = INTERNED.get_or_init(|| Mutex::new(FxHashSet::default()));
        // A poisoned lock only means another thread panicked mid-insert of a plain set
        // of strings; the set itself is still whole.
        let mut table = table
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(&stored) = table.get(text) {
            return Key(stored);
        }
        let stored: &'static str = Box::leak(text.to_owned().into_boxed_str());
        table.insert(stored);
        Key(stored)
    }

    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// A number unique to this key for the life of the process, for sorting keys when
    /// only grouping equal keys together matters (merges of sorted lists); not stable
    /// across runs.
    pub fn address(self) -> usize {
        self.0.as_ptr() as usize
    }
}

static INTERNED: OnceLock<Mutex<FxHashSet<&'static str>>> = OnceLock::new();

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Key {}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_usize(self.address());
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
            self.0.cmp(other.0)
        }
    }
}

impl PartialEq<str> for Key {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl Deref for Key {
    type Target = str;

    fn deref(&self) -> &str {
        self.0
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
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
    }

    #[test]
    fn keys_order_by_their_text_not_by_when_they_were_made() {
        let later = Key::new("zzz-order-test");
        let earlier = Key::new("aaa-order-test");
        assert!(earlier < later);
    }
}
