//! The quality command's output: one Markdown table, `| measure | set | value |`, printed
//! row by row as each measure is taken (the README's quality table is this output).

pub struct Table;

impl Table {
    pub fn new() -> Table {
        println!("| measure | set | value |");
        println!("|---|---|---|");
        Table
    }

    /// A measure between 0 and 1, to three places.
    pub fn row(&mut self, measure: &str, set: &str, value: f64) {
        println!("| {measure} | {set} | {value:.3} |");
    }

    pub fn text_row(&mut self, measure: &str, set: &str, value: &str) {
        println!("| {measure} | {set} | {value} |");
    }
}
