//! Tests of the terms a sentence is read into: words (the ASCII scanner against the
//! character one), folding of verbs, demonyms and numbers, and names.

use super::*;

fn keys(sentence: &str) -> Vec<String> {
    terms_of(sentence)
        .into_iter()
        .map(|t| { t.key }.to_string())
        .collect()
}

#[test]
fn words_keep_numbers_acronyms_and_apostrophes_whole() {
    let texts: Vec<&str> = words("U.S. aid of 6,000 tons, 2.5% more, Russia’s war.")
        .iter()
        .map(|w| w.text)
        .collect();
    assert_eq!(
        texts,
        vec![
            "U.S",
            "aid",
            "of",
            "6,000",
            "tons",
            "2.5",
            "more",
            "Russia’s",
            "war"
        ]
    );
}

#[test]
fn ascii_text_splits_as_the_character_reading_splits_it() {
    let texts = [
        "U.S. aid of 6,000 tons, 2.5% more, Russia's war.",
        "Troops left the U.S",
        "Troops left the U.S.",
        "A.B.C. and e.g. i.e., U.K.'s 1.2.3 4,5, 6., .7 'quoted' it's rock 'n' roll",
        "x.y z.Z a.1 1.a 1,a a,1 ' '' .. ,, 9,999,999.50 S.W.A.T.",
        "",
        " . ",
        "end.",
        "O'Neill's  9'",
    ];
    for text in texts {
        assert_eq!(ascii_words(text), unicode_words(text), "{text:?}");
    }
    // Random texts of the bytes the joining rules read.
    let alphabet = b"aZ09.,' -";
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..50_000 {
        crate::test_random::next(&mut seed);
        let length = (seed % 12) as usize;
        let text: String = (0..length)
            .map(|i| char::from(alphabet[((seed >> (4 * i)) % alphabet.len() as u64) as usize]))
            .collect();
        assert_eq!(ascii_words(&text), unicode_words(&text), "{text:?}");
    }
}

#[test]
fn a_word_reads_the_same_every_time_it_is_met() {
    let sentence = "Said Kyiv: Ukraine said US and United States aid reached Kyiv, U.S said.";
    let first = terms_of(sentence);
    assert_eq!(terms_of(sentence), first);
    assert_eq!(
        first
            .iter()
            .map(|t| ({ t.key }.to_string(), t.is_name))
            .collect::<Vec<_>>(),
        [
            ("say", false),
            ("kyiv", true),
            ("ukraine", true),
            ("say", false),
            ("usa", true),
            ("usa", true),
            ("aid", false),
            ("reach", false),
            ("kyiv", true),
            ("usa", true),
            ("say", false),
        ]
        .map(|(k, n)| (k.to_string(), n))
    );
}

#[test]
fn an_acronym_at_the_end_of_the_text_is_one_word() {
    // A clause cut from a sentence loses its final stop, and must read as it did.
    assert_eq!(keys("Troops left the U.S"), keys("Troops left the U.S."));
    assert_eq!(
        keys("Troops left the U.S"),
        keys("Troops left the United States")
    );
}

#[test]
fn term_starts_place_each_term_at_the_word_that_gives_it() {
    let sentence = "The United States said on Monday that 653 of Russia's drones fell.";
    let words = words(sentence);
    let starts = term_starts(&words);
    let terms = terms_of(sentence);
    assert_eq!(starts.len(), terms.len());
    assert_eq!(SentenceWords::of(sentence).term_starts(), starts);
    let at: Vec<&str> = starts
        .iter()
        .map(|&s| sentence[s..].split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(
        at,
        vec![
            "United", "said", "Monday", "653", "Russia's", "drones", "fell."
        ]
    );
}

#[test]
fn reporting_verbs_and_demonyms_fold_together() {
    assert_eq!(keys("Officials said"), keys("officials told"));
    assert_eq!(keys("Ukrainian talks"), keys("Ukraine negotiations"));
    assert_eq!(keys("the United States"), keys("the U.S."));
}

#[test]
fn numbers_in_words_and_digits_are_one_term() {
    assert_eq!(keys("eight regions"), keys("8 regions"));
    assert!(keys("653 drones").contains(&"#653".to_string()));
}

#[test]
fn names_are_marked_but_not_the_first_word() {
    let terms = terms_of("Overnight, Russia fired drones at Kyiv");
    let names: Vec<&str> = terms
        .iter()
        .filter(|t| t.is_name)
        .map(|t| t.key.as_str())
        .collect();
    assert_eq!(names, vec!["russia", "kyiv"]);
}

#[test]
fn transliteration_doubles_fold() {
    assert_eq!(keys("Zelenskyy"), keys("Zelensky"));
}
