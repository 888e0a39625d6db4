//! Figure-flag quality: changed figures in MRPC paraphrase pairs (are they flagged?),
//! the same pairs unchanged (false flags).

use newsdigest::compare::{ReadSentence, compare, rarity_of};
use newsdigest::extract::Quantity;

use crate::same_fact::Pair;
use crate::table::Table;

/// A figure both sentences of a pair give with the same value and unit.
fn shared_figure<'a>(a: &'a ReadSentence, b: &'a ReadSentence) -> Option<&'a Quantity> {
    b.quantities.iter().find(|qb| {
        qb.upper.is_none()
            && a.quantities
                .iter()
                .any(|qa| qa.unit == qb.unit && qa.value == qb.value)
    })
}

/// The second sentence with the shared figure's number replaced by a clearly different
/// one (three times the value plus seven, written as digits).
fn mutated(b: &ReadSentence, figure: &Quantity) -> Option<ReadSentence> {
    let written = &b.text[figure.start..figure.end];
    let number_start = written.find(|c: char| c.is_ascii_digit())?;
    let number_len = written[number_start..]
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(written.len() - number_start);
    let number = written[number_start..number_start + number_len].trim_end_matches(['.', ',']);
    let value: f64 = number.replace(',', "").parse().ok()?;
    let changed = value * 3.0 + 7.0;
    let changed = if changed.fract() == 0.0 {
        format!("{}", changed as i64)
    } else {
        format!("{changed:.2}")
    };
    let at = figure.start + number_start;
    let text = format!(
        "{}{}{}",
        &b.text[..at],
        changed,
        &b.text[at + number.len()..]
    );
    Some(ReadSentence::new(&text))
}

pub fn figure_rows(pairs: &[Pair], table: &mut Table) {
    let originals: Vec<(ReadSentence, ReadSentence)> = pairs
        .iter()
        .filter(|p| p.label)
        .filter_map(|p| {
            let figure = shared_figure(&p.a, &p.b)?;
            mutated(&p.b, figure)?;
            Some((p.a.clone(), p.b.clone()))
        })
        .collect();
    let changed: Vec<(ReadSentence, ReadSentence)> = originals
        .iter()
        .filter_map(|(a, b)| Some((a.clone(), mutated(b, shared_figure(a, b)?)?)))
        .collect();
    let rarity = rarity_of(&originals);
    let flagged = changed
        .iter()
        .filter(|(a, b)| !compare(a, b, &rarity).differing.is_empty())
        .count();
    if std::env::var("QUALITY_SHOW_FLAGS").is_ok() {
        for (a, b) in &originals {
            let c = compare(a, b, &rarity);
            if !c.differing.is_empty() {
                println!(
                    "FALSE {:?}\n   A {}\n   B {}",
                    c.differing
                        .iter()
                        .map(|d| (
                            &d.measure,
                            d.values.iter().map(|v| &v.text).collect::<Vec<_>>()
                        ))
                        .collect::<Vec<_>>(),
                    a.text,
                    b.text
                );
            }
        }
        for (a, b) in &changed {
            if compare(a, b, &rarity).differing.is_empty() {
                println!("MISSED\n   A {}\n   B {}", a.text, b.text);
            }
        }
    }
    let false_flags = originals
        .iter()
        .filter(|(a, b)| !compare(a, b, &rarity).differing.is_empty())
        .count();
    let name = format!("mrpc pairs sharing a figure ({})", originals.len());
    let share = |k: usize| k as f64 / originals.len().max(1) as f64;
    table.row("changed figure flagged (recall)", &name, share(flagged));
    table.row(
        "unchanged pair flagged (false flags)",
        &name,
        share(false_flags),
    );
}
