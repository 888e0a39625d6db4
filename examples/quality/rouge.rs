//! ROUGE recall as NIST scored DUC with ROUGE-1.5.5 (`-n 2 -2 4 -u -m -l 250`, with
//! jackknifing): text lower-cased, every run of characters other than letters and digits
//! a space, words longer than three letters Porter-stemmed, no stop words removed; the
//! peer cut at 250 words (as written, before that). ROUGE-2 counts bigrams; ROUGE-SU4
//! counts unigrams and skip-bigrams (two words in order with at most four words between
//! them). A peer's score against four human summaries is the average, over the four ways
//! of leaving one out, of its recall against the other three pooled: matched n-grams
//! (each counted at most as often as the peer has it) over the three summaries' n-grams.

use std::collections::HashMap;

use crate::porter;

/// Which ROUGE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Rouge2,
    RougeSu4,
}

/// The words ROUGE compares: lower case, split at anything but letters and digits,
/// stemmed when longer than three letters.
pub fn tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.len() > 3 {
                porter::stem(w)
            } else {
                w.to_string()
            }
        })
        .collect()
}

/// The first `limit` words of a text, words being what whitespace separates.
pub fn cut(text: &str, limit: usize) -> String {
    text.split_whitespace()
        .take(limit)
        .collect::<Vec<_>>()
        .join(" ")
}

type Grams = HashMap<Vec<String>, usize>;

fn grams(tokens: &[String], measure: Measure) -> Grams {
    let mut out: Grams = HashMap::new();
    match measure {
        Measure::Rouge2 => {
            for pair in tokens.windows(2) {
                *out.entry(pair.to_vec()).or_default() += 1;
            }
        }
        Measure::RougeSu4 => {
            for (i, first) in tokens.iter().enumerate() {
                *out.entry(vec![first.clone()]).or_default() += 1;
                for second in tokens.iter().skip(i + 1).take(5) {
                    *out.entry(vec![first.clone(), second.clone()]).or_default() += 1;
                }
            }
        }
    }
    out
}

/// Matched n-grams of the peer in one model, and the model's n-grams.
fn matched(peer: &Grams, model: &Grams) -> (usize, usize) {
    let hits = model
        .iter()
        .map(|(gram, &count)| count.min(peer.get(gram).copied().unwrap_or(0)))
        .sum();
    (hits, model.values().sum())
}

/// The jackknifed recall of `peer` against `models` (see the module's words); with one
/// model, the recall against it.
pub fn score(peer: &str, models: &[String], measure: Measure) -> f64 {
    let peer = grams(&tokens(&cut(peer, 250)), measure);
    let per_model: Vec<(usize, usize)> = models
        .iter()
        .map(|m| matched(&peer, &grams(&tokens(m), measure)))
        .collect();
    if per_model.len() < 2 {
        return per_model
            .first()
            .map_or(0.0, |&(hits, total)| hits as f64 / total.max(1) as f64);
    }
    let mut sum = 0.0;
    for left_out in 0..per_model.len() {
        let (hits, total) = per_model
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != left_out)
            .fold((0, 0), |(h, t), (_, &(mh, mt))| (h + mh, t + mt));
        sum += hits as f64 / total.max(1) as f64;
    }
    sum / per_model.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn tokens_are_lower_case_alphanumeric_and_stemmed_past_three_letters() {
        assert_eq!(
            tokens("The U.S. cats' running-mates ran 3.5 miles"),
            [
                "the", "u", "s", "cat", "run", "mate", "ran", "3", "5", "mile"
            ]
        );
    }

    #[test]
    fn rouge_2_against_one_model_by_hand() {
        // Model bigrams: "the cat", "cat sat", "sat on", "on the", "the mat" (5).
        // Peer "the cat sat on a mat" shares "the cat", "cat sat", "sat on": 3 of 5.
        let r = score(
            "the cat sat on a mat",
            &strings(&["the cat sat on the mat"]),
            Measure::Rouge2,
        );
        assert!((r - 0.6).abs() < 1e-12, "{r}");
    }

    #[test]
    fn a_bigram_is_matched_no_more_often_than_the_peer_has_it() {
        // Model "a b a b": bigrams a b (2), b a (1). Peer "a b": a b once: 1 of 3.
        let r = score("a b", &strings(&["a b a b"]), Measure::Rouge2);
        assert!((r - 1.0 / 3.0).abs() < 1e-12, "{r}");
    }

    #[test]
    fn jackknifing_averages_the_pooled_recall_of_each_three() {
        // Models with 2, 2, 4 and 4 bigrams; the peer matches 2, 0, 4 and 0 of them.
        let models = strings(&["x y z", "p q r", "x y z w v", "k l m n o"]);
        let peer = "x y z w v";
        // Leave out 1: (0+4+0)/(2+4+4); 2: (2+4+0)/10; 3: (2+0+0)/8; 4: (2+0+4)/8.
        let expected = (0.4 + 0.6 + 0.25 + 0.75) / 4.0;
        let r = score(peer, &models, Measure::Rouge2);
        assert!((r - expected).abs() < 1e-12, "{r} {expected}");
    }

    #[test]
    fn su4_counts_unigrams_and_skip_bigrams_up_to_four_words_apart() {
        // Model "a b c": unigrams 3, skip-bigrams a b, a c, b c: 6 in all. Peer "a c"
        // has a, c and "a c": 3 of 6.
        let r = score("a c", &strings(&["a b c"]), Measure::RougeSu4);
        assert!((r - 0.5).abs() < 1e-12, "{r}");
        // Six words apart (five between) is too far: "a" and "g" do not pair.
        let far = grams(&tokens("a b c d e f g"), Measure::RougeSu4);
        assert!(far.contains_key(&strings(&["a", "f"])));
        assert!(!far.contains_key(&strings(&["a", "g"])));
    }

    #[test]
    fn the_peer_is_cut_at_250_words() {
        let long = "x ".repeat(300);
        assert_eq!(cut(&long, 250).split_whitespace().count(), 250);
    }
}
