use newsdigest::compare::ReadSentence;
use newsdigest::figures::{Figure, same_measure};
use std::io::BufRead;
fn main() {
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        let Some((a, b)) = line.split_once('\t') else {
            continue;
        };
        let (ra, rb) = (ReadSentence::new(a), ReadSentence::new(b));
        for qa in &ra.quantities {
            for qb in &rb.quantities {
                if qa.unit != qb.unit {
                    continue;
                }
                let fa = Figure {
                    article: 0,
                    sentence: 0,
                    quantity: qa,
                    context: &ra.terms,
                    sentence_text: &ra.text,
                    written_on: None,
                };
                let fb = Figure {
                    article: 1,
                    sentence: 0,
                    quantity: qb,
                    context: &rb.terms,
                    sentence_text: &rb.text,
                    written_on: None,
                };
                println!(
                    "{} ~ {}: same_measure={}",
                    qa.text,
                    qb.text,
                    same_measure(&fa, &fb)
                );
            }
        }
    }
}
