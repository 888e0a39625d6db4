//! The template filters, registered in one place. Article text is hostile input: the
//! `md` filter makes any text inert inside a Markdown line (no links, no HTML, no
//! emphasis, no list or heading markers), and HTML escaping gives tera's own entities.

use std::io::{self, Write};

use tera::{Kwargs, State, Tera};

pub fn register(tera: &mut Tera) {
    tera.set_escape_fn(escape_html);
    tera.register_filter("md", |text: &str, _: Kwargs, _: &State| {
        escape_markdown(text)
    });
    tera.register_filter("number", |value: f64, _: Kwargs, _: &State| {
        format_number(value)
    });
}

/// Escapes text so that Markdown shows it literally, on one line (runs of whitespace,
/// line breaks included, become one space).
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_markdown_into(text, &mut out);
    out
}

/// [`escape_markdown`] appended to `out`: a briefing escapes millions of values, and
/// one buffer for all of them saves a string each. Text between the characters that
/// need care is copied a run at a time.
pub fn escape_markdown_into(text: &str, out: &mut String) {
    let start = out.len();
    let mut rest = text;
    // Only the very first character can start a list or a heading underline.
    if let Some(first @ ('-' | '+' | '=')) = rest.chars().next() {
        out.push('\\');
        out.push(first);
        rest = &rest[1..];
    }
    let bytes = rest.as_bytes();
    let mut plain_from = 0;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        let class = MARKDOWN_ASCII.get(usize::from(byte)).copied();
        match class {
            Some(MdByte::Plain) => at += 1,
            Some(MdByte::Special) => {
                out.push_str(&rest[plain_from..at]);
                out.push('\\');
                plain_from = at;
                at += 1;
            }
            // A single space between words stays as it is.
            Some(MdByte::Space)
                if byte == b' ' && !bytes.get(at + 1).is_some_and(|&b| may_be_whitespace(b)) =>
            {
                at += 1;
            }
            _ => {
                let c = rest[at..].chars().next().unwrap_or_default();
                if class.is_none() && !c.is_whitespace() {
                    at += c.len_utf8();
                    continue;
                }
                out.push_str(&rest[plain_from..at]);
                out.push(' ');
                at = whitespace_end(rest, at);
                plain_from = at;
            }
        }
    }
    out.push_str(&rest[plain_from..]);
    escape_ordered_list_start(out, start);
}

/// How the `md` filter treats an ASCII byte.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum MdByte {
    Plain,
    /// Markdown syntax: gets a backslash.
    Special,
    /// Whitespace: a run of it becomes one space.
    Space,
}

const MARKDOWN_ASCII: [MdByte; 128] = {
    let mut table = [MdByte::Plain; 128];
    let special = b"\\`*_[]<>|~#&!(){}$";
    let mut i = 0;
    while i < special.len() {
        table[special[i] as usize] = MdByte::Special;
        i += 1;
    }
    // char::is_whitespace of ASCII: tab, line feed, vertical tab, form feed, carriage
    // return and space.
    let space = b"\t\n\x0b\x0c\r ";
    let mut i = 0;
    while i < space.len() {
        table[space[i] as usize] = MdByte::Space;
        i += 1;
    }
    table
};

/// Whether `byte` can start a whitespace character (ASCII whitespace, or any
/// non-ASCII character, which is checked in full).
fn may_be_whitespace(byte: u8) -> bool {
    MARKDOWN_ASCII
        .get(usize::from(byte))
        .is_none_or(|&class| class == MdByte::Space)
}

/// Where the run of whitespace starting at byte `at` of `text` ends.
fn whitespace_end(text: &str, at: usize) -> usize {
    text[at..]
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map_or(text.len(), |(i, _)| at + i)
}

/// "1. text" at the start of a line would start a numbered list: `out[start..]`, the
/// escaped text, gets a backslash before its dot.
fn escape_ordered_list_start(out: &mut String, start: usize) {
    let text = &out[start..];
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(text.as_bytes().get(digits), Some(b'.' | b')')) {
        out.insert(start + digits, '\\');
    }
}

/// HTML escaping with tera's entities for the same five characters, written a run of
/// plain text at a time instead of tera's byte at a time: HTML briefings are mostly
/// escaped article text, so this is much of their rendering time.
pub fn escape_html(text: &str, out: &mut dyn Write) -> io::Result<()> {
    let bytes = text.as_bytes();
    let mut plain_from = 0;
    for (i, byte) in bytes.iter().enumerate() {
        let entity: &[u8] = match byte {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[plain_from..i])?;
        out.write_all(entity)?;
        plain_from = i + 1;
    }
    out.write_all(&bytes[plain_from..])
}

/// A figure's value for display: whole numbers with thousands separators.
pub fn format_number(value: f64) -> String {
    if value.fract() != 0.0 || value.abs() >= 1e15 {
        return format!("{value}");
    }
    let digits = format!("{}", value.abs() as i64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if value < 0.0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `md` filter as first written, a character at a time: the reference the
    /// run-copying one must match.
    fn escape_markdown_by_char(text: &str) -> String {
        let mut out = String::new();
        let mut after_space = false;
        let mut at_start = true;
        for c in text.chars() {
            if c.is_whitespace() {
                if !after_space {
                    out.push(' ');
                    after_space = true;
                    at_start = false;
                }
                continue;
            }
            let special = matches!(
                c,
                '\\' | '`'
                    | '*'
                    | '_'
                    | '['
                    | ']'
                    | '<'
                    | '>'
                    | '|'
                    | '~'
                    | '#'
                    | '&'
                    | '!'
                    | '('
                    | ')'
                    | '{'
                    | '}'
                    | '$'
            );
            if special || (at_start && matches!(c, '-' | '+' | '=')) {
                out.push('\\');
            }
            out.push(c);
            after_space = false;
            at_start = false;
        }
        escape_ordered_list_start(&mut out, 0);
        out
    }

    #[test]
    fn markdown_escaped_a_run_at_a_time_is_escaped_a_character_at_a_time() {
        let alphabet: Vec<char> =
            "ab1 .-+=_*\\`[]<>|~#&!(){}$\t\n\x0b\x0c\r\u{85}\u{a0}\u{2003}\u{3000}é—“”"
                .chars()
                .collect();
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for round in 0..200_000 {
            let mut text = String::new();
            for _ in 0..round % 16 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            assert_eq!(
                escape_markdown(&text),
                escape_markdown_by_char(&text),
                "{text:?}"
            );
        }
        for byte in 0..128u8 {
            let c = char::from(byte);
            assert_eq!(
                escape_markdown(&format!("a{c}b")),
                escape_markdown_by_char(&format!("a{c}b")),
                "{c:?}"
            );
        }
    }

    #[test]
    fn markdown_syntax_in_text_is_escaped() {
        assert_eq!(
            escape_markdown("[x](javascript:alert(1))"),
            "\\[x\\]\\(javascript:alert\\(1\\)\\)"
        );
        assert_eq!(
            escape_markdown("<script>alert(1)</script>"),
            "\\<script\\>alert\\(1\\)\\</script\\>"
        );
        assert_eq!(escape_markdown("# not a heading"), "\\# not a heading");
        assert_eq!(escape_markdown("- not a list"), "\\- not a list");
        assert_eq!(escape_markdown("1. not a list"), "1\\. not a list");
        assert_eq!(escape_markdown("line\nbreak"), "line break");
        assert_eq!(escape_markdown("  - a \t\n b"), " - a b");
        assert_eq!(escape_markdown("= x"), "\\= x");
    }

    #[test]
    fn markdown_escaped_into_a_buffer_is_escaped_alone() {
        let mut out = String::from("12. ");
        for text in ["1. not a list", "- a", "x", "", "3) y"] {
            let before = out.len();
            escape_markdown_into(text, &mut out);
            assert_eq!(out[before..], escape_markdown(text), "{text:?}");
        }
        assert!(out.starts_with("12. 1\\. not"));
    }

    #[test]
    fn html_escaping_matches_teras() {
        let text = "a & b <c> \"d\" 'e' — ü";
        let mut ours = Vec::new();
        escape_html(text, &mut ours).unwrap();
        let mut teras = Vec::new();
        tera::escape_html(text, &mut teras).unwrap();
        assert_eq!(ours, teras);
    }

    #[test]
    fn numbers_get_separators() {
        assert_eq!(format_number(90_000_000_000.0), "90,000,000,000");
        assert_eq!(format_number(653.0), "653");
        assert_eq!(format_number(-12.0), "-12");
        assert_eq!(format_number(2.5), "2.5");
    }
}
