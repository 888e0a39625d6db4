//! Tests of tolls told by different articles: each article's first toll of what befell
//! people is the event's, a toll with the gunman agrees with one without him, and an
//! article that repeats its toll is shown giving it once.

use super::{figures_of, flagged_texts, flagged_values, read};

/// The values flagged among articles, each a list of sentences in order: an article's
/// sentences are numbered from its start, so from the fourth on they are past its lead.
fn flagged_in_articles(articles: &[&[&str]]) -> Vec<Vec<String>> {
    let reads: Vec<Vec<_>> = articles
        .iter()
        .map(|sentences| sentences.iter().map(|s| read(s)).collect())
        .collect();
    let mut figures = Vec::new();
    for (article, sentences) in reads.iter().enumerate() {
        let placed: Vec<(usize, &_)> = sentences.iter().map(|r| (article, r)).collect();
        figures.extend(figures_of(&placed));
    }
    flagged_texts(&figures)
}

const GLITZ: &str =
    "A shooting at the Glitz Ultra Lounge killed 2 people and injured 10 people, police said.";
const CHARGE: &str = "A man is facing a weapons charge in connection with the nightclub shooting that left two people dead and eight others injured last weekend.";
const OTHER: &str = "The club had been cited for code violations twice before.";

#[test]
fn each_articles_first_toll_is_the_events() {
    // Two sentences that share three words: their tolls are the event's as the first
    // each article gives.
    assert_eq!(
        flagged_in_articles(&[&[GLITZ], &[CHARGE]]),
        vec![vec!["10 people".to_string(), "eight others".to_string()]]
    );
    // Past the lead, a toll is as often another incident's.
    assert!(flagged_in_articles(&[&[OTHER, OTHER, OTHER, GLITZ], &[CHARGE]]).is_empty());
    // An article's second toll of the injured is not its first, and a first toll in a
    // sentence that shares one word with the other's is not set against it.
    assert!(
        flagged_in_articles(&[
            &[
                "Police said one person was injured while officers made arrests.",
                GLITZ
            ],
            &[CHARGE]
        ])
        .is_empty()
    );
    // A narrower noun may count part of the whole.
    assert!(
        flagged_in_articles(&[
            &["The quakes injured 11 residents of Manokwari, the mayor said."],
            &["The quakes injured at least 40 people across Papua province, officials said."]
        ])
        .is_empty()
    );
}

#[test]
fn others_besides_those_a_pronoun_stands_for_are_no_first_toll() {
    let five = "A Santa Monica gunman who killed five people last week was hospitalized in 2006.";
    let partial = "Zawahri expressed remorse for killing his father and brother in the rampage that left them and three others dead in Santa Monica.";
    assert!(flagged_in_articles(&[&[five], &[partial]]).is_empty());
    let opening = "He and four others were killed in the rampage in Santa Monica last week.";
    assert!(flagged_in_articles(&[&[five], &[opening]]).is_empty());
    // Without the pronoun, the same words give the article's toll.
    let whole = "Zawahri expressed remorse for killing his father and brother in the rampage that left three people dead in Santa Monica.";
    assert_eq!(
        flagged_in_articles(&[&[five], &[whole]]),
        vec![vec!["five people".to_string(), "three people".to_string()]]
    );
}

#[test]
fn a_toll_with_the_gunman_agrees_with_one_without_him() {
    let without = "A gunman went on a rampage in Cape Coral on Sunday that left two others dead before police shot him.";
    assert!(
        flagged_values(
            "Three people are dead, including the gunman, after a rampage in Cape Coral on Sunday.",
            without
        )
        .is_empty()
    );
    assert_eq!(
        flagged_values(
            "Four people are dead, including the gunman, after a rampage in Cape Coral on Sunday.",
            without
        )
        .len(),
        1
    );
}

#[test]
fn an_article_that_repeats_its_toll_is_shown_once() {
    // The lead and a caption under two photos of a gallery give one toll three times:
    // the flag says which article gives which value, once each.
    let lead = "Police arrived and found two people dead at the scene, police said.";
    let caption = |n: usize| {
        format!("Image {n} of 10 Police said a murder suicide left three people dead at the scene.")
    };
    let (second, third) = (caption(4), caption(5));
    assert_eq!(
        flagged_in_articles(&[&[lead], &[&second, &third, &second]]),
        vec![vec!["two people".to_string(), "three people".to_string()]]
    );
}
