//! Honest corroboration: a fact shown as said by several sources shows wording that
//! every source cited for it says.
//!
//! The facts stage merges sentences that state the same claim, and one of them may say
//! more than another: "strikes cut power to the Zaporizhzhia plant" and "the UN
//! watchdog confirmed the plant lost all external power — the 11th time since the
//! invasion began". Showing the fuller one and citing both would credit the eleventh
//! time to a source that never said it. So a fact's *wording* is chosen as the one
//! that the most of its mentions *support*: a mention's whole sentence (the plainest
//! among equals) or, when no whole sentence is supported by more mentions, a *clause*
//! of one (a run of a sentence's comma-, dash- or semicolon-separated pieces, such as
//! "Russia fired 653 drones and 51 missiles", shown as a sentence). A mention that
//! supports no wording of the others becomes a fact of its own (its source alone), and
//! a mention that supports the wording but says clearly more is shown as a fact of its
//! own too, so its extra detail is in the briefing under its source only.
//!
//! The check, on content terms (stemmed, stop words out): a mention supports a wording
//! when the wording's terms missing from the mention are at most the mention's terms
//! missing from the wording plus [`PARAPHRASE_SLACK`] (the measure: paraphrase
//! passes, "launched" and "fired" cost one each way), and at most a quarter of the
//! wording's terms or [`MIN_UNSUPPORTED`], whichever is more (so two long sentences
//! that each say much the other does not cannot vouch for each other). A mention *says
//! more* than the wording when it has at least [`MORE_DETAIL`] terms the wording lacks.

use std::ops::Range;

use crate::facts::Fact;
use crate::text::boilerplate;
use crate::text::terms::{Key, Term, terms_of};

/// Terms a wording may add beyond a mention's own and still be supported by it.
pub const PARAPHRASE_SLACK: usize = 2;
/// Terms a wording may hold that a supporting mention lacks, whatever the wording's
/// length (a quarter of its terms when that is more).
const MIN_UNSUPPORTED: usize = 3;
/// Terms a supporting mention must add for its own wording to be shown too.
const MORE_DETAIL: usize = 3;
/// Content terms a clause needs to state a claim of its own.
const MIN_CLAUSE_TERMS: usize = 3;
/// Pieces of a sentence a clause may span.
const MAX_CLAUSE_PIECES: usize = 3;
/// Mentions tried as a fact's wording, at most: a fact repeated by a thousand articles
/// is judged by its first mentions' wordings, not by a million comparisons.
const MAX_WORDINGS_TRIED: usize = 64;

/// Whether `mention` supports `shown` (see the module's words). Both are sorted,
/// distinct term keys.
pub fn supports(shown: &[Key], mention: &[Key]) -> bool {
    let (shown_only, mention_only) = one_sided(shown, mention);
    shown_only <= mention_only + PARAPHRASE_SLACK
        && shown_only <= MIN_UNSUPPORTED.max(shown.len() / 4)
}

/// How many of `a`'s terms `b` lacks, and how many of `b`'s `a` lacks.
fn one_sided(a: &[Key], b: &[Key]) -> (usize, usize) {
    let shared = crate::text::terms::shared_count_by(a, b, Key::address);
    (a.len() - shared, b.len() - shared)
}

/// A fact as it will be shown: its mentions, the one whose sentence stands for it, and
/// the byte range of that sentence shown when it is a clause rather than the whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Worded {
    pub fact: Fact,
    pub clause: Option<Range<usize>>,
}

/// One mention of a merged fact as corroboration reads it: its sentence and the
/// sentence's sorted, distinct content terms.
pub struct Said<'a> {
    pub sentence: &'a str,
    pub keys: Vec<Key>,
}

/// A candidate wording: a mention's sentence or a clause of it, with its terms.
struct Wording {
    mention: usize,
    clause: Option<Range<usize>>,
    keys: Vec<Key>,
}

/// The facts to show for one merged fact: one per wording that its mentions support
/// (each with the mentions that support it), then one for each mention that says
/// clearly more (its own sentence, its source alone). `said[i]` is
/// `fact.mentions[i]`'s sentence and terms.
pub fn honest_facts(fact: Fact, said: &[Said]) -> Vec<Worded> {
    if fact.mentions.len() < 2 {
        return vec![Worded { fact, clause: None }];
    }
    let mut remaining: Vec<usize> = (0..fact.mentions.len()).collect();
    let mut shared = Vec::new();
    let mut details = Vec::new();
    while !remaining.is_empty() {
        let wording = best_wording(&remaining, said);
        let (supporting, rest): (Vec<usize>, Vec<usize>) = remaining
            .into_iter()
            .partition(|&m| is_own(&wording, m) || supports(&wording.keys, &said[m].keys));
        for &m in &supporting {
            let (_, extra) = one_sided(&wording.keys, &said[m].keys);
            if !is_own(&wording, m) && extra >= MORE_DETAIL {
                details.push(Worded {
                    fact: Fact {
                        mentions: vec![fact.mentions[m]],
                        representative: fact.mentions[m],
                    },
                    clause: None,
                });
            }
        }
        shared.push(Worded {
            fact: Fact {
                mentions: supporting.iter().map(|&m| fact.mentions[m]).collect(),
                representative: fact.mentions[wording.mention],
            },
            clause: wording.clause,
        });
        remaining = rest;
    }
    // The shared wordings first, in the order found; details after.
    shared.extend(details);
    shared
}

/// Whether the wording is mention `m`'s whole sentence.
fn is_own(wording: &Wording, m: usize) -> bool {
    wording.mention == m && wording.clause.is_none()
}

/// Of the mentions (indices into `said`), the wording the most of them support: a whole
/// sentence, the plainest (fewest terms) then the first among equals; or, when a clause
/// is supported by more mentions than any whole sentence, that clause: among equals the
/// one with the fewest terms its supporters lack, then the fullest (most terms).
fn best_wording(mentions: &[usize], said: &[Said]) -> Wording {
    let support = |keys: &[Key]| {
        mentions
            .iter()
            .filter(|&&m| supports(keys, &said[m].keys))
            .count()
    };
    let tried = &mentions[..mentions.len().min(MAX_WORDINGS_TRIED)];
    let (sentence_support, _, _, mention) = tried
        .iter()
        .enumerate()
        .map(|(i, &m)| {
            // A sentence always supports itself.
            let supported = support(&said[m].keys).max(1);
            (
                supported,
                std::cmp::Reverse(said[m].keys.len()),
                std::cmp::Reverse(i),
                m,
            )
        })
        .max()
        .unwrap_or((1, std::cmp::Reverse(0), std::cmp::Reverse(0), mentions[0]));
    let whole = Wording {
        mention,
        clause: None,
        keys: said[mention].keys.clone(),
    };
    if sentence_support == mentions.len() {
        return whole;
    }
    tried
        .iter()
        .flat_map(|&m| {
            clauses_of(said[m].sentence)
                .into_iter()
                .map(move |range| (m, range))
        })
        .filter_map(|(m, range)| {
            let keys = sorted_keys(&said[m].sentence[range.clone()]);
            if keys.len() < MIN_CLAUSE_TERMS {
                return None;
            }
            // A clause shown alone must stand alone ("Police said Monday." does not).
            let shown = clause_as_sentence(said[m].sentence, range.clone());
            let stands = !boilerplate::is_fragment(&shown) && !boilerplate::is_boilerplate(&shown);
            stands.then_some(Wording {
                mention: m,
                clause: Some(range),
                keys,
            })
        })
        .map(|wording| (support(&wording.keys), wording))
        .filter(|(supported, _)| *supported > sentence_support)
        .max_by_key(|(supported, wording)| {
            (
                *supported,
                std::cmp::Reverse(unsupported(wording, mentions, said)),
                wording.keys.len(),
            )
        })
        .map_or(whole, |(_, wording)| wording)
}

/// The wording's terms that the mentions supporting it lack, summed: of two clauses as
/// well supported, the one that claims least beyond what its sources say.
fn unsupported(wording: &Wording, mentions: &[usize], said: &[Said]) -> usize {
    mentions
        .iter()
        .filter(|&&m| supports(&wording.keys, &said[m].keys))
        .map(|&m| one_sided(&wording.keys, &said[m].keys).0)
        .sum()
}

fn sorted_keys(text: &str) -> Vec<Key> {
    distinct_keys(&terms_of(text))
}

/// The distinct keys of a sentence's terms, in the order [`supports`] compares them.
pub fn distinct_keys(terms: &[Term]) -> Vec<Key> {
    let mut keys: Vec<Key> = terms.iter().map(|t| t.key).collect();
    keys.sort_unstable_by_key(|k| k.address());
    keys.dedup();
    keys
}

/// Byte ranges of the runs of up to [`MAX_CLAUSE_PIECES`] consecutive pieces of a
/// sentence (split at commas, semicolons, colons, dashes and parentheses), the whole
/// sentence left out; each trimmed of spaces and its closing punctuation.
fn clauses_of(sentence: &str) -> Vec<Range<usize>> {
    let bytes = sentence.as_bytes();
    let between_digits = |i: usize| {
        i > 0 && bytes[i - 1].is_ascii_digit() && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
    };
    let mut cuts = vec![0];
    for (i, c) in sentence.char_indices() {
        // "1,200" and "10:30" are one figure, not two pieces.
        let splits = matches!(c, ';' | '—' | '–' | '(' | ')')
            || (matches!(c, ',' | ':') && !between_digits(i));
        if splits {
            cuts.push(i);
            cuts.push(i + c.len_utf8());
        }
    }
    cuts.push(sentence.len());
    let pieces: Vec<Range<usize>> = cuts.chunks(2).map(|p| p[0]..p[1]).collect();
    let mut clauses = Vec::new();
    for first in 0..pieces.len() {
        for last in first..pieces.len().min(first + MAX_CLAUSE_PIECES) {
            if first == 0 && last == pieces.len() - 1 {
                continue;
            }
            let range = trimmed(sentence, pieces[first].start..pieces[last].end);
            if !range.is_empty() {
                clauses.push(range);
            }
        }
    }
    clauses
}

/// The range without the spaces around it and without the sentence's closing marks.
fn trimmed(sentence: &str, range: Range<usize>) -> Range<usize> {
    let text = &sentence[range.clone()];
    let start = range.start + (text.len() - text.trim_start().len());
    let text = text.trim().trim_end_matches(['.', '!', '?', ' ']);
    start..start + text.len()
}

/// A clause shown as a sentence of its own: its first letter in capitals and a full
/// stop at its end.
pub fn clause_as_sentence(sentence: &str, clause: Range<usize>) -> String {
    let text = &sentence[clause];
    let mut chars = text.chars();
    let mut shown: String = chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    shown.push('.');
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Mention;

    fn keys(text: &str) -> Vec<Key> {
        sorted_keys(text)
    }

    fn said<'a>(texts: &[&'a str]) -> Vec<Said<'a>> {
        texts
            .iter()
            .map(|&sentence| Said {
                sentence,
                keys: keys(sentence),
            })
            .collect()
    }

    const PLAIN: &str = "Russian strikes temporarily cut power to the Zaporizhzhia nuclear plant.";
    const FULLER: &str = "Meanwhile, the UN nuclear watchdog confirmed that the Zaporizhzhia nuclear plant briefly lost all external power, the 11th time since Russia's invasion began.";

    #[test]
    fn a_fuller_wording_is_not_supported_by_a_plainer_mention() {
        assert!(!supports(&keys(FULLER), &keys(PLAIN)));
        assert!(supports(&keys(PLAIN), &keys(FULLER)));
    }

    #[test]
    fn paraphrase_supports_both_ways() {
        let a = keys("Russia launched 653 drones and 51 missiles overnight.");
        let b = keys("Overnight, Russia fired 653 drones and 51 missiles.");
        assert!(supports(&a, &b) && supports(&b, &a));
    }

    fn mention(article: usize) -> Mention {
        Mention {
            article,
            sentence: 0,
        }
    }

    fn merged(count: usize) -> Fact {
        Fact {
            mentions: (0..count).map(mention).collect(),
            representative: mention(0),
        }
    }

    /// Every shown fact's wording is supported by each mention it cites.
    fn assert_honest(shown: &[Worded], texts: &[&str]) {
        for worded in shown {
            let at = worded.fact.representative.article;
            let text = match &worded.clause {
                Some(range) => &texts[at][range.clone()],
                None => texts[at],
            };
            for m in &worded.fact.mentions {
                assert!(
                    supports(&keys(text), &keys(texts[m.article])),
                    "{text:?} / {:?}",
                    texts[m.article]
                );
            }
        }
    }

    #[test]
    fn the_shared_claim_is_shown_and_the_extra_detail_is_its_sources_own() {
        let texts = [FULLER, PLAIN];
        let shown = honest_facts(merged(2), &said(&texts));
        assert_eq!(shown[0].fact.mentions.len(), 2, "{shown:?}");
        let details: Vec<&Worded> = shown[1..].iter().collect();
        assert!(
            details
                .iter()
                .any(|d| d.fact.mentions == vec![mention(0)] && d.clause.is_none()),
            "the eleventh time is the fuller source's alone: {shown:?}"
        );
        assert_honest(&shown, &texts);
    }

    /// The sample's drones: neither whole sentence is said by the other source, the
    /// clause with the figures is.
    #[test]
    fn a_clause_both_sources_say_is_the_shared_wording() {
        let texts = [
            "During the same period, Russia launched 653 drones and 51 missiles in a massive overnight assault targeting energy and infrastructure facilities across multiple regions.",
            "Overnight, Russia fired 653 drones and 51 missiles, most of which were intercepted, according to Ukrainian officials.",
        ];
        let shown = honest_facts(merged(2), &said(&texts));
        let shared = &shown[0];
        assert_eq!(shared.fact.mentions.len(), 2, "{shown:?}");
        let range = shared.clause.clone().expect("a clause");
        let sentence = texts[shared.fact.representative.article];
        let text = clause_as_sentence(sentence, range);
        assert!(text.contains("653 drones and 51 missiles"), "{text}");
        assert!(
            !text.contains("intercepted") && !text.contains("assault"),
            "{text}"
        );
        assert_eq!(
            shown.len(),
            3,
            "each full sentence is its source's own: {shown:?}"
        );
        assert_honest(&shown, &texts);
    }

    #[test]
    fn a_mention_that_supports_no_wording_of_the_others_is_a_fact_of_its_own() {
        let texts = [
            "Police arrested two men after the shooting on Monday.",
            "Two men were arrested by police after Monday's shooting.",
            "The mayor closed every school in the district for the week and asked parents to keep children at home.",
        ];
        let shown = honest_facts(merged(3), &said(&texts));
        let shared = &shown[0].fact;
        assert_eq!(shared.mentions, vec![mention(0), mention(1)], "{shown:?}");
        assert!(shown.iter().any(|w| w.fact.mentions == vec![mention(2)]));
        assert_honest(&shown, &texts);
    }

    #[test]
    fn one_mention_is_its_own_wording() {
        let fact = merged(1);
        let shown = honest_facts(fact.clone(), &said(&["Anything at all."]));
        assert_eq!(shown, vec![Worded { fact, clause: None }]);
    }

    #[test]
    fn clauses_keep_figures_whole_and_leave_the_sentence_out() {
        let sentence = "On Monday, 1,200 people fled at 10:30 (officials said); more followed.";
        let clauses: Vec<&str> = clauses_of(sentence)
            .into_iter()
            .map(|r| &sentence[r])
            .collect();
        assert!(
            clauses.contains(&"1,200 people fled at 10:30"),
            "{clauses:?}"
        );
        assert!(clauses.contains(&"more followed"), "{clauses:?}");
        assert!(!clauses.contains(&sentence.trim_end_matches('.')));
        assert_eq!(clause_as_sentence(sentence, 56..69), "More followed.");
    }
}
