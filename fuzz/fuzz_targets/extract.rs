//! Quantities (with qualifiers and units) and dates in a sentence.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdigest::extract;

fuzz_target!(|bytes: &[u8]| {
    let Ok(sentence) = std::str::from_utf8(bytes) else {
        return;
    };
    let quantities = extract::quantities_in(sentence);
    for (i, a) in quantities.iter().enumerate() {
        extract::bounds(a);
        a.measure_label();
        for b in &quantities[i..] {
            extract::values_conflict(a, b);
        }
    }
    extract::dates_in(sentence);
});
