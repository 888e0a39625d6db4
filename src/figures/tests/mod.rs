//! Tests of the figures stage: which figures are one measure, which values disagree,
//! how the figures of two sentences are paired, days and events, and large stories.

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use crate::extract::{Quantity, quantities_in, values_conflict};
use crate::text::terms::{Term, terms_of};

use super::candidates::{
    ALL_PAIRS_UP_TO, MAX_CONTEXT_POSTING, candidate_pairs, pairs_sharing_context,
};
use super::days::{Day, WEEKDAYS, days_named, weekday_named};
use super::disagree::figures_disagree;
use super::measure::context_keys;
use super::*;

mod days;
mod said_of_one_thing;
mod several_things;
mod tolls;
mod whose_and_when;

struct Read {
    text: String,
    terms: Vec<Term>,
    quantities: Vec<Quantity>,
}
fn read(text: &str) -> Read {
    Read {
        text: text.to_string(),
        terms: terms_of(text),
        quantities: quantities_in(text),
    }
}

/// Figures of sentences as `(article, sentence text)`.
fn figures_of<'a>(sentences: &[(usize, &'a Read)]) -> Vec<Figure<'a>> {
    sentences
        .iter()
        .enumerate()
        .flat_map(|(k, (article, r))| {
            r.quantities.iter().map(move |q| Figure {
                article: *article,
                sentence: k,
                quantity: q,
                context: &r.terms,
                sentence_text: &r.text,
                written_on: None,
            })
        })
        .collect()
}

/// The discrepancies the words of the sentences show, with no fact model to ask.
fn by_words(figures: &[Figure]) -> Vec<Discrepancy> {
    discrepancies_in(figures, &|_, _| false)
}

fn flagged(a: &str, b: &str) -> Vec<Vec<String>> {
    flagged_among(&[a, b])
}

fn first(sentence: &str) -> Quantity {
    quantities_in(sentence)
        .into_iter()
        .next()
        .expect("a quantity")
}

/// [`candidate_pairs`] of a large bucket as first written: the pairs of each
/// complement, added to the context pairs, sorted and made distinct.
fn candidate_pairs_by_sorting(
    members: &[usize],
    figures: &[Figure],
    keys: &[&[usize]],
) -> Vec<(usize, usize)> {
    let mut by_complement: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for &i in members {
        if let Some(complement) = &figures[i].quantity.complement {
            by_complement.entry(complement).or_default().push(i);
        }
    }
    let mut pairs = Vec::new();
    for same in by_complement
        .values()
        .filter(|m| m.len() <= MAX_CONTEXT_POSTING)
    {
        for (x, &i) in same.iter().enumerate() {
            pairs.extend(same[x + 1..].iter().map(|&j| (i.min(j), i.max(j))));
        }
    }
    let no_complements = vec![&[][..]; members.len()];
    pairs.extend(pairs_sharing_context(members, keys, &no_complements));
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

#[test]
fn complements_counted_with_the_context_give_the_pairs_sorting_gave() {
    let words = [
        "talks", "strikes", "drones", "homes", "troops", "ships", "votes",
    ];
    let places = ["Kyiv", "Paris", "Lima", "Oslo", "Accra"];
    let texts: Vec<String> = (0..260)
        .map(|k| {
            format!(
                "{} said {} days of {} left {} near {} and {}.",
                places[k % places.len()],
                k + 3,
                words[k % words.len()],
                words[(k / 3) % words.len()],
                places[(k / 7) % places.len()],
                words[(k / 11) % words.len()],
            )
        })
        .collect();
    let reads: Vec<Read> = texts.iter().map(|t| read(t)).collect();
    let sentences: Vec<(usize, &Read)> = reads.iter().enumerate().collect();
    let figures = figures_of(&sentences);
    let members: Vec<usize> = (0..figures.len())
        .filter(|&i| figures[i].quantity.unit == figures[0].quantity.unit)
        .collect();
    assert!(members.len() > ALL_PAIRS_UP_TO);
    assert!(
        members
            .iter()
            .all(|&i| figures[i].quantity.complement.is_some())
    );
    let context: Vec<Vec<usize>> = figures.iter().map(|f| context_keys(f.context)).collect();
    let keys: Vec<&[usize]> = context.iter().map(Vec::as_slice).collect();
    let mut pairs = candidate_pairs(&members, &figures, &keys);
    pairs.sort_unstable();
    let before = pairs.len();
    pairs.dedup();
    assert_eq!(pairs.len(), before, "a pair given twice");
    assert_eq!(pairs, candidate_pairs_by_sorting(&members, &figures, &keys));
}

#[test]
fn qualifiers_are_honoured() {
    assert!(!figures_disagree(
        &first("at least 8 people were hurt"),
        &first("10 people were hurt")
    ));
    assert!(!figures_disagree(
        &first("nearly two dozen people were hurt"),
        &first("23 people were hurt")
    ));
    assert!(!figures_disagree(
        &first("about 20% of the land"),
        &first("19% of the land")
    ));
    assert!(figures_disagree(
        &first("three days of talks"),
        &first("two days of talks")
    ));
    assert!(figures_disagree(
        &first("653 drones were launched"),
        &first("370 drones were launched")
    ));
}

#[test]
fn ranges_and_vague_amounts_hold_what_they_allow() {
    let range = first("between 20 and 25 people were hurt");
    assert!(!figures_disagree(&range, &first("22 people were hurt")));
    assert!(figures_disagree(&range, &first("30 people were hurt")));
    let dozens = first("dozens of people were hurt");
    assert!(!figures_disagree(&dozens, &first("50 people were hurt")));
    assert!(figures_disagree(
        &first("hundreds of people were hurt"),
        &first("20 people were hurt")
    ));
}

#[test]
fn percentages_and_scaled_currencies_compare_by_value() {
    assert!(!figures_disagree(
        &first("aid of 90 billion euros"),
        &first("aid of 90,000,000,000 euros")
    ));
    assert!(figures_disagree(
        &first("aid of 90 billion euros"),
        &first("aid of 50 billion euros")
    ));
    assert!(figures_disagree(
        &first("about 20% of Ukraine"),
        &first("35% of Ukraine")
    ));
}

#[test]
fn rounding_and_immaterial_differences_are_not_flagged() {
    assert!(!figures_disagree(
        &first("it spent $114 million"),
        &first("it spent $114.3 million")
    ));
    assert!(!figures_disagree(
        &first("shares closed at $38.28"),
        &first("shares closed at $38.30")
    ));
    // A count is exact: one source's 653 is not another's 652 by rounding.
    assert!(values_conflict(&first("653 drones"), &first("652 drones")));
}

#[test]
fn bounds_in_one_direction_far_apart_are_different_counts() {
    assert!(figures_disagree(
        &first("at least 112 people died"),
        &first("at least 343 people died")
    ));
    assert!(!figures_disagree(
        &first("at least 767 people died"),
        &first("at least 770 people died")
    ));
}

#[test]
fn different_units_and_roles_are_different_measures() {
    assert!(
        flagged(
            "Officials reported that 29 locations were hit, leaving at least eight people injured.",
            "Ukraine's energy ministry reported that strikes affected eight regions, causing widespread power outages."
        )
        .is_empty()
    );
    assert!(
        flagged(
            "During the same period, Russia launched 653 drones and 51 missiles in a massive overnight assault.",
            "Ukrainian air defenses intercepted 585 drones and 30 missiles, preventing further devastation."
        )
        .is_empty()
    );
    assert!(
        flagged(
            "The strikes killed 8 people in Kharkiv.",
            "The strikes injured 23 people in Kharkiv."
        )
        .is_empty()
    );
}

#[test]
fn same_measure_with_different_values_is_flagged_with_both() {
    assert_eq!(
        flagged(
            "Three days of negotiations between Ukrainian and US officials ended without a breakthrough.",
            "Witkoff said two days of talks with Ukrainian officials ended without a breakthrough."
        ),
        vec![vec![
            "Three days of negotiations".to_string(),
            "two days of talks".to_string()
        ]]
    );
}

#[test]
fn ordinals_are_not_compared_with_counts() {
    assert!(
        flagged(
            "Talks between Ukraine and the US continued in Florida for a third day.",
            "Witkoff said two days of talks between Ukraine and the US in Florida were constructive."
        )
        .is_empty()
    );
}

#[test]
fn several_figures_of_one_unit_pair_up_before_they_conflict() {
    assert!(
        flagged(
            "Shares of Smithfield closed up $1.64, or 8.5 percent, at $20.85 on the exchange.",
            "Shares of Smithfield rose $1.64 yesterday to close at $20.85 on the exchange."
        )
        .is_empty()
    );
    assert_eq!(
        flagged(
            "Shares of Smithfield closed up $1.64, or 8.5 percent, at $20.85 on the exchange.",
            "Shares of Smithfield rose $11.92 yesterday to close at $20.85 on the exchange."
        ),
        vec![vec!["$1.64".to_string(), "$11.92".to_string()]]
    );
}

#[test]
fn two_values_of_one_article_are_not_set_against_each_other() {
    // "Rakim Watson, 27" and "Ricardo Watson, 28", "sentenced to 120 days" and "to
    // 90 days": a writer who gives two values of one unit means two things.
    let a = read("Russia launched 653 drones at Ukraine overnight, the air force said.");
    let b = read("In all, Russia launched 370 drones at Ukraine overnight, the air force said.");
    assert!(by_words(&figures_of(&[(0, &a), (0, &b)])).is_empty());
    let found = by_words(&figures_of(&[(0, &a), (1, &b)]));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].values.len(), 2);
}

/// Each rule of reading and matching figures, on its own pair of sentences from two
/// sources: one pair that must be flagged, one that must not.
fn flagged_values(a: &str, b: &str) -> Vec<Vec<String>> {
    flagged(a, b)
}

#[test]
fn things_named_by_two_nouns_for_one_thing_are_one_count() {
    assert_eq!(
        flagged(
            "President Bush signed a waiver exempting 22 nations because they had signed the agreement.",
            "President Bush signed a waiver exempting 51 countries because they had signed the agreement."
        ),
        vec![vec!["22 nations".to_string(), "51 countries".to_string()]]
    );
    assert_eq!(
        flagged(
            "The airline has the option to buy 380 more planes, split between the two makers.",
            "The airline has the option to buy 767 more aircraft, split between the two makers."
        )
        .len(),
        1
    );
    // A narrower noun may count part of the whole: towns among cities.
    assert!(
        flagged(
            "The storm cut power in the region's four largest towns on Sunday.",
            "The storm cut power in the region's nine largest cities on Sunday."
        )
        .is_empty()
    );
}

#[test]
fn people_in_different_nouns_are_one_count_when_one_noun_is_general() {
    assert_eq!(
        flagged_values(
            "Police arrested more than 130 individuals during the protests.",
            "More than 215 people have been arrested during the protests."
        )
        .len(),
        1
    );
    assert!(
        flagged_values(
            "Officials said two Iraqis and two Saudis detained after the blast gave information.",
            "Officials said seven Iraqis detained after the blast gave information."
        )
        .len()
            == 1
    );
    // Two specific nouns are two groups.
    assert!(
        flagged_values(
            "Officials said seven Iraqis detained after the blast gave information.",
            "Officials said two Saudis detained after the blast gave information."
        )
        .is_empty()
    );
}

#[test]
fn capitalised_plurals_and_modifiers_are_read_as_what_is_counted() {
    assert_eq!(
        flagged_values(
            "Three American warships are off the Liberian coast carrying 2,300 marines.",
            "There are three warships with 4,607 Marines lingering off the Liberian coast."
        ),
        vec![vec![
            "2,300 marines".to_string(),
            "4,607 Marines".to_string()
        ]]
    );
    assert_eq!(
        flagged_values(
            "Three such vigilante-style attacks forced the hacker to extend the contest.",
            "Eight such vigilante-style attacks forced the hacker to extend the contest."
        )
        .len(),
        1
    );
    assert!(
        flagged_values(
            "Three such vigilante-style attacks forced the hacker to extend the contest.",
            "Three vigilante-style attacks forced the hacker to extend the contest."
        )
        .is_empty()
    );
}

#[test]
fn ages_are_compared_only_for_one_named_person() {
    assert_eq!(
        flagged_values(
            "Peterson, 31, is now charged with murder in the deaths of his wife and son.",
            "Peterson, 69, is charged with two counts of murder in the deaths of his wife and son."
        ),
        vec![vec!["31".to_string(), "69".to_string()]]
    );
    assert!(
        flagged_values(
            "Rakim Watson, 27, is wanted in connection with the shooting, police said.",
            "Ricardo Watson, 28, was found in connection with the shooting, police said."
        )
        .is_empty()
    );
    // A 16-year-old victim and a 26-year-old officer are two people.
    assert!(
        flagged_values(
            "A 16-year-old victim was shot near the school on Main Street, police said.",
            "A 26-year-old officer was shot near the school on Main Street, police said."
        )
        .is_empty()
    );
}

#[test]
fn addresses_model_numbers_and_phone_numbers_are_not_amounts() {
    assert!(
        flagged_values(
            "The shooting happened in the 7200 block of South Langley, police said.",
            "The shooting happened in the 6300 block of South Ingleside, police said."
        )
        .is_empty()
    );
    assert!(
        flagged_values(
            "Police seized six AK 47 rifles and ammunition from the house.",
            "Police seized six AK 74 rifles and ammunition from the house."
        )
        .is_empty()
    );
    assert!(quantities_in("Call Crime Stoppers at 713-222-TIPS.").is_empty());
    assert_eq!(
        flagged_values(
            "Police seized six AK-47 rifles and ammunition from the house.",
            "Police seized nine AK-47 rifles and ammunition from the house."
        )
        .len(),
        1
    );
}

#[test]
fn bare_numbers_are_measured_by_their_subject() {
    assert_eq!(
        flagged_values(
            "A blood-alcohol test produced a reading of 0.18, the report said.",
            "A blood-alcohol test produced a reading of 7.36, the report said."
        ),
        vec![vec!["0.18".to_string(), "7.36".to_string()]]
    );
    assert_eq!(
        flagged_values(
            "Worldwide PC shipments reached 19.5 million in the quarter.",
            "Worldwide PC shipments reached 46 million in the quarter."
        )
        .len(),
        1
    );
    // The level reached, told before or after the level left.
    assert_eq!(
        flagged_values(
            "The confidence index rose from 29.4 to 32.6 in May.",
            "The confidence index rose to 72.2 from 29.4 in May."
        ),
        vec![vec!["32.6".to_string(), "72.2".to_string()]]
    );
    // Two subjects are two measures.
    assert!(
        flagged_values(
            "Worldwide PC shipments reached 19.5 million in the quarter.",
            "Worldwide PC sales reached 46 million in the quarter."
        )
        .is_empty()
    );
}

#[test]
fn ordinals_rank_their_head_noun() {
    assert!(
        flagged_values(
            "He became the first black senator elected from Massachusetts.",
            "He became the second black member elected from Massachusetts."
        )
        .is_empty()
    );
    assert_eq!(
        flagged_values(
            "He became the first black senator elected from Massachusetts.",
            "He became the second black senator elected from Massachusetts."
        )
        .len(),
        1
    );
}

#[test]
fn hyphenated_compounds_measure_the_noun_after_them() {
    assert_eq!(
        flagged_values(
            "She was arraigned on three counts of second-degree murder and held without bail.",
            "She was arraigned on eight counts of second-degree murder and held without bail."
        )
        .len(),
        1
    );
    assert!(
        flagged_values(
            "Seven of the 14-member cell were arrested in Lackawanna.",
            "Seven of the 29 bombers were arrested in Lackawanna."
        )
        .is_empty()
    );
}

#[test]
fn known_roles_against_other_roles_are_other_counts() {
    assert!(
        flagged_values(
            "Thirteen people were wounded at the party in Bridgeport early Sunday.",
            "About 100 people were at the party in Bridgeport early Sunday."
        )
        .is_empty()
    );
    assert_eq!(
        flagged_values(
            "Thirteen people were wounded at the party in Bridgeport early Sunday.",
            "Eleven people were wounded at the party in Bridgeport early Sunday."
        )
        .len(),
        1
    );
}

#[test]
fn times_counted_back_need_the_same_matter() {
    assert!(
        flagged_values(
            "The teenager was shot and killed by police in Athens eight days ago.",
            "One day ago, students occupied schools across Greece in protest."
        )
        .is_empty()
    );
    assert_eq!(
        flagged_values(
            "The probe of Microsoft's server software started five years ago.",
            "The probe of Microsoft's server software started ten years ago."
        )
        .len(),
        1
    );
}

#[test]
fn loosely_agreeing_values_do_not_chain_into_one_flag() {
    let (a, b, c) = (
        read("Hundreds of people gathered as 13 people were wounded at the party."),
        read("Police said 400 people gathered as 13 people were wounded at the party."),
        read("Police said 11 people were wounded at the party."),
    );
    let figures = figures_of(&[(0, &a), (1, &b), (2, &c)]);
    for d in by_words(&figures) {
        let texts: Vec<&str> = d
            .values
            .iter()
            .map(|&i| figures[i].quantity.text.as_str())
            .collect();
        assert!(
            !texts
                .iter()
                .any(|t| t.contains("400") || t.contains("undreds")),
            "{texts:?}"
        );
    }
}

#[test]
fn a_name_one_article_gives_two_ages_is_several_people() {
    let (father, son, brother) = (
        read("Zawahri, 55, was the gunman's father and one of the first people killed."),
        read("Zawahri, 23, had led a troubled life before the rampage, police said."),
        read("Zawahri, 25, was the gunman's older brother and one of the first killed."),
    );
    let figures = figures_of(&[(0, &father), (0, &son), (1, &brother)]);
    assert!(by_words(&figures).is_empty());
    // One age each: one person, and the ages differ.
    let figures = figures_of(&[(0, &father), (1, &brother)]);
    assert_eq!(by_words(&figures).len(), 1);
}

/// Dates the figures of articles 0 and 1 as written on these days of one month.
fn written_on(figures: &mut [Figure], (year, month): (i32, u32), days: [u32; 2]) {
    for f in figures.iter_mut() {
        f.written_on = NaiveDate::from_ymd_opt(year, month, days[f.article]);
    }
}

#[test]
fn parts_of_a_group_are_not_set_against_the_whole() {
    assert!(
        flagged_values(
            "Six people were shot Saturday in a single incident in Gary, Ind.",
            "Four others were shot in the incident, including a Portage woman and a Gary woman."
        )
        .is_empty()
    );
    assert!(
        flagged_values(
            "Four adults and two children were killed Tuesday night in a domestic situation at a home.",
            "Six people, including two children, were found shot to death Tuesday night."
        )
        .is_empty()
    );
    assert_eq!(
        flagged_values(
            "Seven of the nine Democratic presidential candidates were scheduled to address the forum.",
            "Twelve of the nine Democratic presidential candidates were scheduled to address the forum."
        ),
        vec![vec![
            "Seven of the nine Democratic presidential candidates".to_string(),
            "Twelve of the nine Democratic presidential candidates".to_string()
        ]]
    );
}

#[test]
fn figures_of_sentences_sharing_little_need_words_in_common_beside_them() {
    // One story's words, but the crowd at a parade is not the count of the injured.
    assert!(
        flagged_values(
            "Serpas said there were about 300 to 400 people participating in the Mother's Day second line brass band parade.",
            "As many as 17 people in New Orleans were injured on Sunday when multiple gunmen opened fire on a Mother's Day parade, police said."
        )
        .is_empty()
    );
    // Beside each figure, "dead" and "injured" are said in both: two conflicts.
    assert_eq!(
        flagged_values(
            "Police said two people were dead and two injured after the shooting in northeast Charlotte on Thursday.",
            "Officers arrested a man for suspected involvement in a drive-by shooting that left one dead and three injured."
        )
        .len(),
        2
    );
}

/// The discrepancies among sentences of different articles, as the texts of their values.
fn flagged_among(sentences: &[&str]) -> Vec<Vec<String>> {
    let reads: Vec<Read> = sentences.iter().map(|s| read(s)).collect();
    let placed: Vec<(usize, &Read)> = reads.iter().enumerate().collect();
    flagged_texts(&figures_of(&placed))
}

/// The discrepancies the words of the figures show, as the texts of their values.
fn flagged_texts(figures: &[Figure]) -> Vec<Vec<String>> {
    texts_of(figures, by_words(figures))
}

/// The texts of each discrepancy's values.
fn texts_of(figures: &[Figure], discrepancies: Vec<Discrepancy>) -> Vec<Vec<String>> {
    discrepancies
        .into_iter()
        .map(|d| {
            d.values
                .iter()
                .map(|&i| figures[i].quantity.text.clone())
                .collect()
        })
        .collect()
}

#[test]
fn sentences_that_share_little_compare_only_figures_said_of_one_thing() {
    // Points of two players: nothing says they count one thing.
    assert!(
        flagged(
            "McDermott scored 23 points for Creighton in the quarterfinal against Drake on Friday.",
            "VanDeest, a junior forward, scored 13 points for Drake, which trailed the whole game."
        )
        .is_empty()
    );
    // One known thing that happened to people, told in other words.
    assert_eq!(
        flagged_values(
            "Police said 13 people were wounded when gunfire erupted at a crowded house party.",
            "Hospital officials told reporters that 11 people were wounded, none critically."
        ),
        vec![vec!["13 people".to_string(), "11 people".to_string()]]
    );
}

#[test]
fn a_measure_given_four_values_is_several_things_and_is_not_flagged() {
    let threw =
        |yards: u32| format!("The quarterback threw for {yards} yards in the win over the Chiefs.");
    let four: Vec<String> = [205, 310, 98, 150].map(threw).to_vec();
    let four: Vec<&str> = four.iter().map(String::as_str).collect();
    assert!(flagged_among(&four).is_empty());
    let two: Vec<String> = [205, 310, 205, 205].map(threw).to_vec();
    let two: Vec<&str> = two.iter().map(String::as_str).collect();
    assert_eq!(flagged_among(&two).len(), 1);
}

#[test]
fn a_part_smaller_than_the_whole_agrees_with_it() {
    assert!(
        flagged(
            "Police Chief Dan Faustino said two other people were with the boy at the apartment.",
            "Police Chief Dan Faustino said three people were with the boy at the apartment."
        )
        .is_empty()
    );
    assert!(
        flagged(
            "Eddington is to meet the three unions separately on Monday afternoon.",
            "Eddington is to meet the other two unions separately on Monday afternoon."
        )
        .is_empty()
    );
    assert!(
        flagged(
            "Five people, including three children, were killed inside their home in Sinking Spring.",
            "Five people were killed inside their home in Sinking Spring, the district attorney said."
        )
        .is_empty()
    );
    // A part larger than the whole cannot be part of it.
    assert_eq!(
        flagged_values(
            "Police Chief Dan Faustino said five other people were with the boy at the apartment.",
            "Police Chief Dan Faustino said three people were with the boy at the apartment."
        )
        .len(),
        1
    );
    // "Four others were wounded" is most often the whole count of the wounded.
    assert_eq!(
        flagged_values(
            "One man was killed and four others were wounded in the shooting near the campus.",
            "One man was killed and five people were wounded in the shooting near the campus."
        )
        .len(),
        1
    );
}

/// The flags two sentences give, each (day written, sentence) from its own article.
fn flagged_as_written(first: (&str, &str), second: (&str, &str)) -> Vec<Discrepancy> {
    let (a, b) = (read(first.1), read(second.1));
    let mut figures = figures_of(&[(0, &a), (1, &b)]);
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    for figure in &mut figures {
        figure.written_on = day(if figure.article == 0 {
            first.0
        } else {
            second.0
        });
    }
    by_words(&figures)
}

#[test]
fn ages_that_the_time_between_articles_explains_agree() {
    let ages_flagged = |first, second| flagged_as_written(first, second).len();
    let july = (
        "1998-07-14",
        "Rudolph, 31, is charged in the bombing of the clinic.",
    );
    let january = (
        "1999-01-19",
        "Rudolph, 32, is charged in the bombing of the clinic.",
    );
    assert_eq!(ages_flagged(july, january), 0);
    // Younger in the later article, or older by more than the years between: flagged.
    assert_eq!(ages_flagged(january, ("1999-03-01", july.1)), 1);
    let thirty_four = (
        "1999-01-19",
        "Rudolph, 34, is charged in the bombing of the clinic.",
    );
    assert_eq!(ages_flagged(july, thirty_four), 1);
    // Written on one day: the ages must be the same.
    assert_eq!(ages_flagged(july, ("1998-07-14", january.1)), 1);
}

#[test]
fn counts_of_people_told_without_a_noun_are_compared() {
    assert_eq!(
        flagged_values(
            "Police spokesman Edward Aritonang confirmed Saturday that another two had been arrested in Jakarta.",
            "Police spokesman Edward Aritonang confirmed yesterday that another seven had been arrested in Jakarta."
        )
        .len(),
        1
    );
}

#[test]
fn places_in_a_series_are_exact() {
    assert_eq!(
        flagged_values(
            "The matriarch, who celebrates her 81st birthday next month, was thanked by Sarah O'Hare.",
            "The matriarch, who celebrates her 84th birthday next month, was thanked by Sarah O'Hare."
        ),
        vec![vec![
            "81st birthday".to_string(),
            "84th birthday".to_string()
        ]]
    );
}
