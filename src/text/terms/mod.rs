//! The word-level view of a sentence that grouping and fact merging compare: content
//! terms, stemmed, with stop words dropped, news synonyms folded together ("said",
//! "told" and "stated" are one term; "talks" and "negotiations" are one), demonyms
//! folded into their country ("Ukrainian" is "ukraine"), and numbers, written in digits
//! or words, as one term ("#653", "#8"). Names (capitalised words that do not open the
//! sentence) are marked so later stages can weight them.
//!
//! This module owns the small lexicon of number words too, because both this view and
//! `extract` need it and `extract` comes later in the pipeline.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

pub use super::key::Key;

/// One content term of a sentence. Packed into five bytes rather than padded to eight:
/// a run holds every sentence's terms until the end (35 million at 100,000 articles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(C, packed)]
pub struct Term {
    /// The canonical form: a stem, a folded synonym, or `#value` for a number.
    pub key: Key,
    /// Written with a capital letter somewhere other than the start of the sentence.
    pub is_name: bool,
}

impl Term {
    pub fn is_number(&self) -> bool {
        self.key.is_number()
    }
}

/// A word as it appears in the text, with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// The text between the previous word (or the start) and word `i` of a sentence.
pub fn gap_before<'a>(sentence: &'a str, words: &[Word], i: usize) -> &'a str {
    let start = if i == 0 { 0 } else { words[i - 1].end };
    &sentence[start..words[i].start]
}

/// The text between word `i` of a sentence and the next word (or the end).
pub fn gap_after<'a>(sentence: &'a str, words: &[Word], i: usize) -> &'a str {
    let end = words.get(i + 1).map_or(sentence.len(), |w| w.start);
    &sentence[words[i].end..end]
}

/// Splits text into words: runs of letters and digits, keeping inner apostrophes,
/// dots and commas between digits ("6,000", "2.5") and dots in acronyms ("U.S").
pub fn words(text: &str) -> Vec<Word<'_>> {
    if text.is_ascii() {
        ascii_words(text)
    } else {
        unicode_words(text)
    }
}

/// [`words`] of any text, character by character.
fn unicode_words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut prev = c;
        while let Some(&(pos, next)) = chars.peek() {
            if next.is_alphanumeric() {
                end = pos + next.len_utf8();
                prev = next;
                chars.next();
                continue;
            }
            let joins = match next {
                ',' | '.' if prev.is_ascii_digit() => follows_digit(text, pos + 1),
                '.' if prev.is_alphabetic() => single_letter_follows(text, pos + 1),
                '\'' | '’' if prev.is_alphabetic() => letter_follows(text, pos + next.len_utf8()),
                _ => false,
            };
            if !joins {
                break;
            }
            chars.next();
            end = pos + next.len_utf8();
            prev = next;
        }
        out.push(Word {
            text: &text[start..end],
            start,
            end,
        });
    }
    out
}

/// [`words`] of ASCII text (most news text), reading bytes rather than decoding
/// characters: for ASCII, a letter or digit is `is_ascii_alphanumeric`, and the joining
/// rules read the same bytes. The runs of letters and digits, most of the text, are
/// crossed a table look-up per byte; the rules are read only at the byte after a run.
fn ascii_words(text: &str) -> Vec<Word<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 6);
    let mut at = 0;
    while let Some(start) = next_alphanumeric(bytes, at) {
        let mut end = start + 1;
        loop {
            end = next_alphanumeric_end(bytes, end);
            let Some(&next) = bytes.get(end) else {
                break;
            };
            let prev = bytes[end - 1];
            let joins = match next {
                b',' | b'.' if prev.is_ascii_digit() => {
                    bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
                }
                b'.' if prev.is_ascii_alphabetic() => single_letter_follows(text, end + 1),
                b'\'' if prev.is_ascii_alphabetic() => {
                    bytes.get(end + 1).is_some_and(u8::is_ascii_alphabetic)
                }
                _ => false,
            };
            if !joins {
                break;
            }
            end += 1;
        }
        out.push(Word {
            text: &text[start..end],
            start,
            end,
        });
        at = end;
    }
    out
}

/// Whether each byte is an ASCII letter or digit.
static ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = (byte as u8).is_ascii_alphanumeric();
        byte += 1;
    }
    table
};

/// The first ASCII letter or digit at or after `at`.
fn next_alphanumeric(bytes: &[u8], at: usize) -> Option<usize> {
    let skipped = bytes
        .get(at..)?
        .iter()
        .position(|&b| ASCII_ALPHANUMERIC[usize::from(b)])?;
    Some(at + skipped)
}

/// The end of the run of ASCII letters and digits at `at`: the first other byte, or the
/// end of the text.
fn next_alphanumeric_end(bytes: &[u8], at: usize) -> usize {
    let rest = bytes.get(at..).unwrap_or_default();
    at + rest
        .iter()
        .position(|&b| !ASCII_ALPHANUMERIC[usize::from(b)])
        .unwrap_or(rest.len())
}

fn follows_digit(text: &str, pos: usize) -> bool {
    text[pos..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
}

fn letter_follows(text: &str, pos: usize) -> bool {
    text[pos..].chars().next().is_some_and(char::is_alphabetic)
}

/// "U.S": a dot joins letters only when one letter follows and then no letter or digit
/// (another dot, a space, or the end of the text: a clause cut from "left the U.S."
/// ends "U.S").
fn single_letter_follows(text: &str, pos: usize) -> bool {
    let mut rest = text[pos..].chars();
    matches!(
        (rest.next(), rest.next()),
        (Some(a), after) if a.is_alphabetic() && after.is_none_or(|b| !b.is_alphanumeric())
    ) && text[..pos - 1]
        .chars()
        .rev()
        .nth(1)
        .is_none_or(|c| !c.is_alphanumeric() || c == '.')
}

/// The content terms of a sentence, in order of appearance (repeats kept).
pub fn terms_of(sentence: &str) -> Vec<Term> {
    let words = words(sentence);
    let first_letter = first_letter_offset(sentence);
    let mut terms = Vec::with_capacity(words.len());
    each_term_word(&words, |i, term| {
        terms.push(Term {
            key: term.key,
            is_name: if words[i].start > first_letter {
                term.name_inside
            } else {
                term.name_at_start
            },
        });
    });
    // Room was made for every word and stop words took none of it: a run keeps every
    // sentence's terms, and the unused half would be a third of their memory.
    terms.shrink_to_fit();
    terms
}

/// Where each term of [`terms_of`] starts in the sentence, given its [`words`]: the same
/// reading without making keys, so a later stage can place the terms it already has.
pub fn term_starts(words: &[Word]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(words.len());
    each_term_word(words, |i, _| starts.push(words[i].start));
    starts
}

/// A sentence's [`words`], each with its lower case and whether that is a stop word:
/// what the readings of one sentence that a later stage makes (the terms' places, the
/// clauses, the negations, the word hashes) all ask of every word, found once.
#[derive(Debug, Clone)]
pub struct SentenceWords<'a> {
    pub words: Vec<Word<'a>>,
    /// The sentence with ASCII letters lower-cased, followed by the lower case of each
    /// word that is not ASCII: every word's lower case is one span of it.
    lower_text: String,
    /// Each word's lower case, as a span of `lower_text`.
    lower_spans: Vec<(usize, usize)>,
    /// Whether each word's lower case is a stop word.
    stop: Vec<bool>,
}

impl<'a> SentenceWords<'a> {
    pub fn of(sentence: &'a str) -> SentenceWords<'a> {
        let words = words(sentence);
        // One lower-casing of the whole text serves every ASCII word in place; a word
        // that is not ASCII may change length, so its lower case goes at the end.
        let mut lower_text = sentence.to_ascii_lowercase();
        let lower_spans: Vec<(usize, usize)> = words
            .iter()
            .map(|w| {
                if w.text.is_ascii() {
                    (w.start, w.end)
                } else {
                    let start = lower_text.len();
                    lower_text.push_str(&w.text.to_lowercase());
                    (start, lower_text.len())
                }
            })
            .collect();
        let stop = lower_spans
            .iter()
            .map(|&(start, end)| is_stop_word(&lower_text[start..end]))
            .collect();
        SentenceWords {
            words,
            lower_text,
            lower_spans,
            stop,
        }
    }

    /// The `i`th word in lower case, as [`lowercase`] gives it.
    pub fn lower(&self, i: usize) -> &str {
        let (start, end) = self.lower_spans[i];
        &self.lower_text[start..end]
    }

    /// Whether the `i`th word in lower case is a stop word.
    pub fn is_stop(&self, i: usize) -> bool {
        self.stop[i]
    }

    /// [`term_starts`] of these words.
    pub fn term_starts(&self) -> Vec<usize> {
        term_starts(&self.words)
    }
}

/// The term a word gives, and whether it is a name where it stands: a capitalised word
/// is a name inside a sentence, and at its start only when it is a known name.
#[derive(Debug, Clone, Copy)]
struct TermReading {
    key: Key,
    name_inside: bool,
    name_at_start: bool,
}

impl TermReading {
    fn name(key: Key) -> TermReading {
        TermReading {
            key,
            name_inside: true,
            name_at_start: true,
        }
    }

    fn number(value: f64) -> TermReading {
        TermReading {
            key: number_key(value),
            name_inside: false,
            name_at_start: false,
        }
    }
}

/// What a word, as written, gives on its own: the same wherever it stands, so each
/// thread reads a word once ([`READINGS`]) rather than lower-casing it, ruling out a
/// stop word and finding its key at every occurrence.
#[derive(Debug, Clone, Copy)]
struct WordReading {
    /// The term, or none for a stop word.
    term: Option<TermReading>,
    /// "United" (any case, possessive dropped): with "States" next, the two are "usa".
    united: bool,
}

impl WordReading {
    fn of(text: &str) -> WordReading {
        let lower = lowercase(text);
        if let Some(value) = number_value_of_lower_word(text, &lower) {
            return WordReading {
                term: Some(TermReading::number(value)),
                united: false,
            };
        }
        let lower = strip_possessive(&lower);
        let term = if matches!(text, "US" | "U.S" | "USA" | "U.S.A") {
            Some(TermReading::name(usa_key()))
        } else if is_stop_word(lower) {
            None
        } else {
            let capitalised = text.chars().next().is_some_and(char::is_uppercase);
            Some(TermReading {
                // Not through `canonical_key`, whose memory would hold the word again.
                key: Key::new(&stemmed_key(lower)),
                name_inside: capitalised,
                name_at_start: capitalised && is_known_name(lower),
            })
        };
        WordReading {
            term,
            united: lower == "united",
        }
    }
}

thread_local! {
    /// Each thread's readings of the words it has met, by their text as written: a
    /// morning's news repeats a few hundred thousand distinct words millions of times.
    static READINGS: RefCell<FxHashMap<Box<str>, WordReading>> =
        RefCell::new(FxHashMap::default());
}

fn usa_key() -> Key {
    static USA: OnceLock<Key> = OnceLock::new();
    *USA.get_or_init(|| Key::new("usa"))
}

/// Reads a sentence's words in order and calls `found` with the index of each word that
/// gives a term, and the term ("United States" gives one, at "United"); stop words give
/// none.
fn each_term_word(words: &[Word], mut found: impl FnMut(usize, TermReading)) {
    READINGS.with(|readings| {
        let mut readings = readings.borrow_mut();
        let mut i = 0;
        while i < words.len() {
            let at = i;
            let reading = reading_of(&mut readings, words[i].text);
            i += 1;
            if reading.united && words.get(i).is_some_and(|w| w.text == "States") {
                i += 1;
                found(at, TermReading::name(usa_key()));
            } else if let Some(term) = reading.term {
                found(at, term);
            }
        }
    });
}

/// A word's reading from the thread's memory, read and remembered when new.
fn reading_of(readings: &mut FxHashMap<Box<str>, WordReading>, text: &str) -> WordReading {
    if let Some(&reading) = readings.get(text) {
        return reading;
    }
    let reading = WordReading::of(text);
    if readings.len() >= KEY_CACHE_LIMIT {
        readings.clear();
    }
    readings.insert(text.into(), reading);
    reading
}

fn first_letter_offset(sentence: &str) -> usize {
    sentence.find(char::is_alphanumeric).unwrap_or(0)
}

fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix('\''))
        .or_else(|| word.strip_suffix('’'))
        .unwrap_or(word)
}

/// The word in lower case, borrowed when it already is (most words of a sentence).
pub fn lowercase(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        }
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Words whose keys a thread remembers; past this the memory starts afresh, so a
/// long-lived process reading endless new words stays bounded.
const KEY_CACHE_LIMIT: usize = 1 << 20;

thread_local! {
    /// Stemming is most of the cost of a term, and a morning's news uses a few tens of
    /// thousands of words many times over: each thread remembers the keys it made.
    static KEYS: RefCell<FxHashMap<Box<str>, Key>> = RefCell::new(FxHashMap::default());
    /// The same for numbers, by the bits of their value: a key for "#653" is otherwise
    /// a formatted string and a look-up in the shared table, for every figure read.
    static NUMBER_KEYS: RefCell<FxHashMap<u64, Key>> = RefCell::new(FxHashMap::default());
}

/// The canonical key of a lower-case word: its synonym class if it has one, else its
/// stem, with a doubled final letter of a transliterated name folded ("zelenskyy").
pub fn canonical_key(lower: &str) -> Key {
    KEYS.with(|cache| {
        if let Some(&key) = cache.borrow().get(lower) {
            return key;
        }
        let key = Key::new(&stemmed_key(lower));
        let mut cache = cache.borrow_mut();
        if cache.len() >= KEY_CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(lower.into(), key);
        key
    })
}

fn stemmed_key(lower: &str) -> String {
    if let Some(class) = lexicon().synonyms.get(lower) {
        return (*class).to_string();
    }
    // Transliterations double a final letter ("Zelenskyy", "Zelensky") or not; the
    // stemmer would turn one "y" into "i" and keep "yy", so fold before stemming too.
    let lower = lower
        .strip_suffix("yy")
        .map(|stem| format!("{stem}y"))
        .or_else(|| lower.strip_suffix("ii").map(|stem| format!("{stem}i")))
        .unwrap_or_else(|| lower.to_string());
    let stem = stemmer().stem(&lower);
    fold_doubled_ending(&stem).to_string()
}

fn fold_doubled_ending(word: &str) -> &str {
    let mut rev = word.char_indices().rev();
    match (rev.next(), rev.next()) {
        (Some((last_pos, a)), Some((_, b))) if a == b && a.is_alphabetic() && word.len() > 5 => {
            &word[..last_pos]
        }
        _ => word,
    }
}

pub fn number_key(value: f64) -> Key {
    NUMBER_KEYS.with(|cache| {
        if let Some(&key) = cache.borrow().get(&value.to_bits()) {
            return key;
        }
        let key = if value.fract() == 0.0 && value.abs() < 1e15 {
            Key::new(&format!("#{}", value as i64))
        } else {
            Key::new(&format!("#{value}"))
        };
        let mut cache = cache.borrow_mut();
        if cache.len() >= KEY_CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(value.to_bits(), key);
        key
    })
}

/// The value of a word that is a number on its own, given with its lower case: digits
/// ("653", "6,000", "2.5") or a simple number word ("eight", "twenty"). Scales and
/// compounds are `extract`'s job.
fn number_value_of_lower_word(word: &str, lower: &str) -> Option<f64> {
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        return if word.contains(',') {
            word.replace(',', "").parse().ok()
        } else {
            word.parse().ok()
        };
    }
    number_word_value(lower)
}

/// The value of a lower-case number word below a hundred ("eight", "twenty", "dozen").
pub fn number_word_value(word: &str) -> Option<f64> {
    let value = match word {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "dozen" => 12,
        _ => return None,
    };
    Some(f64::from(value))
}

/// The value of a lower-case ordinal word ("third" is 3); digits with a suffix ("11th")
/// are read by `extract`.
pub fn ordinal_word_value(word: &str) -> Option<f64> {
    let value = match word {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "twentieth" => 20,
        "thirtieth" => 30,
        "hundredth" => 100,
        _ => return None,
    };
    Some(f64::from(value))
}

/// How many items two ascending lists have in common, repeats matched one to one, in
/// one merge pass (cheaper than building sets on the hot paths that compare many pairs).
pub fn shared_count<T: Copy + PartialOrd>(a: &[T], b: &[T]) -> usize {
    shared_count_by(a, b, |x| x)
}

/// [`shared_count`] of two lists sorted ascending by `key`. Which list moves on is a
/// coin toss the processor would mispredict half the time, so the walk steps by the
/// comparison's outcome without branching on it.
pub fn shared_count_by<T: Copy, K: PartialOrd>(a: &[T], b: &[T], key: impl Fn(T) -> K) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        let (x, y) = (key(a[i]), key(b[j]));
        shared += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    shared
}

pub fn is_stop_word(lower: &str) -> bool {
    lexicon().stop_words.contains_key(lower)
}

fn is_known_name(lower: &str) -> bool {
    lexicon()
        .synonyms
        .get(lower)
        .is_some_and(|class| COUNTRY_DEMONYMS.iter().any(|(_, country)| country == class))
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

struct Lexicon {
    stop_words: FxHashMap<&'static str, ()>,
    synonyms: FxHashMap<&'static str, &'static str>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut stop_words: FxHashMap<&'static str, ()> =
            stop_words::get(stop_words::Language::English)
                .iter()
                .map(|w| (*w, ()))
                .collect();
        for extra in EXTRA_STOP_WORDS {
            stop_words.insert(extra, ());
        }
        let mut synonyms = FxHashMap::default();
        for (class, members) in SYNONYM_CLASSES {
            for member in *members {
                synonyms.insert(*member, *class);
            }
        }
        for (demonym, country) in COUNTRY_DEMONYMS {
            synonyms.insert(*demonym, *country);
            synonyms.insert(*country, *country);
        }
        Lexicon {
            stop_words,
            synonyms,
        }
    })
}

/// Words that carry no content in news prose beyond the NLTK list.
const EXTRA_STOP_WORDS: &[&str] = &[
    "also",
    "would",
    "could",
    "may",
    "might",
    "must",
    "shall",
    "will",
    "one's",
    "us",
    "per",
    "mr",
    "mrs",
    "ms",
    "dr",
    "however",
    "meanwhile",
    "yet",
    "even",
    "still",
    "among",
    "amid",
    "though",
    "although",
    "whose",
    "upon",
    "within",
    "without",
    "via",
    "since",
    "already",
    "well",
    "much",
    "many",
    "several",
];

/// Words that news reports use interchangeably for one idea. The first item names the
/// class; reporting verbs matter most, since outlets rarely agree on "said" vs "told".
const SYNONYM_CLASSES: &[(&str, &[&str])] = &[
    (
        "say",
        &[
            "say",
            "says",
            "said",
            "saying",
            "tell",
            "tells",
            "told",
            "telling",
            "stated",
            "added",
            "adds",
            "noted",
            "notes",
            "remarked",
            "declared",
            "declares",
            "according",
            "claimed",
            "claims",
            "announced",
            "announces",
            "reported",
            "reports",
            "explained",
            "insisted",
            "insists",
            "acknowledged",
            "confirmed",
            "confirms",
            "described",
            "stating",
            "adding",
        ],
    ),
    (
        "talk",
        &[
            "talk",
            "talks",
            "negotiation",
            "negotiations",
            "negotiate",
            "negotiated",
            "negotiating",
            "discussion",
            "discussions",
            "dialogue",
        ],
    ),
    (
        "launch",
        &[
            "launch",
            "launched",
            "launches",
            "launching",
            "fired",
            "fire",
            "fires",
            "unleashed",
            "unleash",
        ],
    ),
    (
        "attack",
        &[
            "attack",
            "attacks",
            "attacked",
            "strike",
            "strikes",
            "struck",
            "assault",
            "assaults",
            "barrage",
            "bombardment",
            "bombardments",
            "raid",
            "raids",
            "shelling",
        ],
    ),
    (
        "kill",
        &[
            "kill",
            "kills",
            "killed",
            "killing",
            "dead",
            "died",
            "die",
            "dies",
            "death",
            "deaths",
            "slain",
            "fatalities",
        ],
    ),
    (
        "injure",
        &[
            "injure", "injured", "injuring", "injuries", "injury", "wounded", "wounding", "hurt",
        ],
    ),
    ("brief", &["briefly", "temporarily", "brief", "temporary"]),
    (
        "rise",
        &[
            "rise",
            "rises",
            "rose",
            "risen",
            "increase",
            "increased",
            "increases",
            "climbed",
            "jumped",
            "gained",
            "grew",
            "rising",
            "increasing",
            "climb",
            "climbs",
            "climbing",
            "jump",
            "jumps",
            "jumping",
            "gain",
            "gains",
            "grow",
            "grows",
            "growing",
            "soared",
            "soar",
            "surged",
            "surge",
            "advanced",
            "boosted",
            "raised",
        ],
    ),
    (
        "fall",
        &[
            "fall",
            "falls",
            "fell",
            "fallen",
            "decrease",
            "decreased",
            "declined",
            "dropped",
            "slipped",
            "plunged",
            "plummeted",
            "falling",
            "drop",
            "drops",
            "dropping",
            "decline",
            "declines",
            "declining",
            "slip",
            "slips",
            "slid",
            "slide",
            "tumbled",
            "sank",
            "sink",
            "eased",
            "reduced",
            "lowered",
        ],
    ),
    (
        "buy",
        &[
            "buy",
            "buys",
            "bought",
            "purchase",
            "purchased",
            "acquire",
            "acquired",
            "acquires",
            "buying",
            "purchases",
            "acquiring",
            "acquisition",
            "takeover",
        ],
    ),
    (
        "company",
        &[
            "company",
            "firm",
            "companies",
            "firms",
            "corporation",
            "corp",
        ],
    ),
    ("percent", &["percent", "%", "pct"]),
    ("official", &["official", "officials"]),
    ("president", &["president", "leader"]),
];

/// Demonyms and the country they fold into, so "Ukrainian officials" and "Ukraine's
/// officials" share a term.
const COUNTRY_DEMONYMS: &[(&str, &str)] = &[
    ("ukrainian", "ukraine"),
    ("ukrainians", "ukraine"),
    ("russian", "russia"),
    ("russians", "russia"),
    ("american", "usa"),
    ("americans", "usa"),
    ("america", "usa"),
    ("european", "europe"),
    ("europeans", "europe"),
    ("french", "france"),
    ("german", "germany"),
    ("germans", "germany"),
    ("british", "britain"),
    ("uk", "britain"),
    ("chinese", "china"),
    ("israeli", "israel"),
    ("israelis", "israel"),
    ("iranian", "iran"),
    ("iranians", "iran"),
    ("palestinian", "palestine"),
    ("palestinians", "palestine"),
    ("syrian", "syria"),
    ("turkish", "turkey"),
    ("japanese", "japan"),
    ("indian", "india"),
    ("canadian", "canada"),
    ("mexican", "mexico"),
    ("italian", "italy"),
    ("spanish", "spain"),
    ("polish", "poland"),
    ("korean", "korea"),
    ("australian", "australia"),
    ("egyptian", "egypt"),
    ("iraqi", "iraq"),
    ("afghan", "afghanistan"),
    ("pakistani", "pakistan"),
];

#[cfg(test)]
mod tests;
