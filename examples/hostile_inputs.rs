//! Writes the hostile inputs of the README's robustness table (issue 18): the shapes
//! that took quadratic time or unbounded memory, at the size found and at 16 MiB, so
//! anyone can time them.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example hostile_inputs -- target/hostile
//! for f in target/hostile/*; do
//!   /usr/bin/time -f "$f %e s %U+%S CPU %M KB" \
//!     target/release/newsdigest build --stdout --date 2025-12-08 "$f" > /dev/null
//! done
//! ```

use std::fs;
use std::path::Path;
use std::process::ExitCode;

const MIB16: usize = 16 * 1024 * 1024;
const HEAD: &str = "<html><head><title>T</title></head><body>";
const TAIL: &str = "</body></html>";

fn main() -> ExitCode {
    let Some(folder) = std::env::args().nth(1) else {
        eprintln!("hostile_inputs: usage: hostile_inputs FOLDER");
        return ExitCode::FAILURE;
    };
    match write_all(Path::new(&folder)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("hostile_inputs: {folder}: {err}");
            ExitCode::FAILURE
        }
    }
}

/// `head`, then `unit` as many times as fit in 16 MiB with `tail`, then `tail`.
fn filled(head: &str, unit: &str, tail: &str) -> String {
    let times = (MIB16 - head.len() - tail.len()) / unit.len();
    format!("{head}{}{tail}", unit.repeat(times))
}

fn page(body: &str) -> String {
    format!("{HEAD}{body}{TAIL}")
}

fn write_all(folder: &Path) -> std::io::Result<()> {
    fs::create_dir_all(folder)?;
    let write = |name: &str, text: String| fs::write(folder.join(name), text);
    let attributes: String = (0..200_000).map(|i| format!(" a{i}=1")).collect();
    write(
        "attributes.html",
        page(&format!("<div{attributes}>x</div>")),
    )?;
    write(
        "attributes-16mib.html",
        filled(&format!("{HEAD}<div"), " a=1", &format!(">x</div>{TAIL}")),
    )?;
    write(
        "ampersands.html",
        page(&format!("<p>{}</p>", "& ".repeat(400_000))),
    )?;
    write(
        "ampersands-16mib.html",
        filled(&format!("{HEAD}<p>"), "& ", &format!("</p>{TAIL}")),
    )?;
    write(
        "entities.html",
        page(&format!("<p>{}</p>", "&amp; ".repeat(400_000))),
    )?;
    write(
        "entities-16mib.html",
        filled(&format!("{HEAD}<p>"), "&amp; ", &format!("</p>{TAIL}")),
    )?;
    write(
        "no-break-spaces-16mib.html",
        filled(&format!("{HEAD}<p>"), "\u{a0} ", &format!("</p>{TAIL}")),
    )?;
    write(
        "comment-hides-nesting.html",
        page(&format!(
            "<!-->{}x{}",
            "<div>".repeat(80_000),
            "</div>".repeat(80_000)
        )),
    )?;
    let wide = format!("<div class=\"{}\">", "x".repeat(75));
    write(
        "comment-hides-nesting-16mib.html",
        page(&format!("<!-->{}", wide.repeat(190_000))),
    )?;
    write(
        "ignored-end-tags-16mib.html",
        page(&format!("{wide}</x>").repeat(190_000)),
    )?;
    let formatting: String = (0..95_000)
        .map(|i| format!("<b a={i} c=\"{}\"><p>x", "x".repeat(75)))
        .collect();
    write("formatting-rebuilt.html", page(&formatting))?;
    write("self-closing-divs-16mib.html", filled(HEAD, "<div/>", TAIL))?;
    let mut laughs = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let aliases = vec![format!("*{}", pair[0]); 9].join(",");
        laughs.push_str(&format!("{0}: &{0} [{aliases}]\n", pair[1]));
    }
    write(
        "yaml-alias-bomb.md",
        format!("---\n{laughs}title: Laughs\n---\nBody.\n"),
    )?;
    let mut chained = String::from("---\na0: &a0 [x, y]\n");
    let mut anchor = 1;
    while chained.len() < MIB16 - 64 {
        chained.push_str(&format!(
            "a{anchor}: &a{anchor} [*a{0}, *a{0}]\n",
            anchor - 1
        ));
        anchor += 1;
    }
    write("yaml-chained-16mib.md", chained + "title: T\n---\nBody.\n")?;
    Ok(())
}
