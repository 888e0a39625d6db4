//! Figure-flag quality on MRPC: paraphrase pairs with one shared figure changed in the
//! second sentence, by kind (see `mutations`): is the change flagged? Where the change
//! stays within what the other sentence's figure allows ("more than 30" and "67"), is
//! it left unflagged? And the same pairs unchanged: is anything flagged (false flags)?

use std::collections::BTreeMap;

use newsdigest::compare::{ReadSentence, compare, rarity_of};

use crate::mutations::{Case, Kind, cases};
use crate::same_fact::Pair;
use crate::table::Table;

pub fn figure_rows(pairs: &[Pair], table: &mut Table) {
    let paraphrases: Vec<&Pair> = pairs.iter().filter(|p| p.label).collect();
    let with_cases: Vec<(&Pair, Vec<Case>)> = paraphrases
        .iter()
        .map(|p| (*p, cases(&p.a.text, &p.b.text)))
        .filter(|(_, c)| !c.is_empty())
        .collect();
    let originals: Vec<(ReadSentence, ReadSentence)> = with_cases
        .iter()
        .map(|(p, _)| (p.a.clone(), p.b.clone()))
        .collect();
    let rarity = rarity_of(&originals);
    let show = std::env::var("QUALITY_SHOW_FLAGS").is_ok();
    let mut by_kind: BTreeMap<Kind, (usize, usize)> = BTreeMap::new();
    let mut within_bounds = (0, 0);
    for (_, cases) in &with_cases {
        for case in cases {
            let (a, b) = (ReadSentence::new(&case.a), ReadSentence::new(&case.b));
            let flagged = compare(&a, &b, &rarity).differing.iter().any(|d| {
                d.values
                    .iter()
                    .any(|v| v.sentence == 2 && v.text.contains(&case.changed))
            });
            if case.compatible {
                within_bounds.0 += 1;
                within_bounds.1 += usize::from(flagged);
                if show && flagged {
                    println!(
                        "FALSE BOUND {:?}\n   A {}\n   B {}",
                        case.kind, case.a, case.b
                    );
                }
                continue;
            }
            let entry = by_kind.entry(case.kind).or_default();
            entry.0 += 1;
            entry.1 += usize::from(flagged);
            if show && !flagged {
                println!("MISSED {:?}\n   A {}\n   B {}", case.kind, case.a, case.b);
            }
        }
    }
    let mut total = (0, 0);
    for kind in Kind::ALL {
        let (cases, flagged) = by_kind.get(&kind).copied().unwrap_or_default();
        total.0 += cases;
        total.1 += flagged;
        let name = format!("mrpc, {} changed ({cases} pairs)", kind.name());
        table.row(
            "changed figure flagged (recall)",
            &name,
            share(flagged, cases),
        );
    }
    let name = format!("mrpc, every kind ({} pairs)", total.0);
    table.row(
        "changed figure flagged (recall)",
        &name,
        share(total.1, total.0),
    );
    let worst = Kind::ALL
        .iter()
        .filter_map(|k| by_kind.get(k).map(|&(c, f)| (share(f, c), k.name())))
        .min_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((value, name)) = worst {
        table.row("changed figure flagged (recall), worst kind", name, value);
    }
    let name = format!(
        "mrpc, changed within compatible bounds ({} pairs)",
        within_bounds.0
    );
    table.row(
        "changed figure flagged (false flags)",
        &name,
        share(within_bounds.1, within_bounds.0),
    );
    let false_flags = originals
        .iter()
        .filter(|(a, b)| {
            let differing = compare(a, b, &rarity).differing;
            if show && !differing.is_empty() {
                println!("FALSE {:?}\n   A {}\n   B {}", differing, a.text, b.text);
            }
            !differing.is_empty()
        })
        .count();
    let name = format!(
        "mrpc pairs sharing a figure, unchanged ({})",
        originals.len()
    );
    table.row(
        "unchanged pair flagged (false flags)",
        &name,
        share(false_flags, originals.len()),
    );
}

fn share(part: usize, whole: usize) -> f64 {
    part as f64 / whole.max(1) as f64
}
