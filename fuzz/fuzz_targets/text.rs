//! The text stage: layout, sentences, clauses and terms.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdigest::text;

fuzz_target!(|bytes: &[u8]| {
    let Ok(body) = std::str::from_utf8(bytes) else {
        return;
    };
    let layout = text::layout_of(body);
    for sentence in &layout.sentences {
        for (start, end) in text::clauses::clauses_of(&sentence.text) {
            // Clause spans are byte ranges of the sentence.
            assert!(sentence.text.get(start..end).is_some());
        }
        text::clauses::clause_terms(&sentence.text);
        text::terms::terms_of(&sentence.text);
    }
    for sentence in text::split_sentences(body) {
        assert!(!sentence.is_empty() || body.trim().is_empty());
    }
});
