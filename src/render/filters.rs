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
/// one buffer for all of them saves a string each.
pub fn escape_markdown_into(text: &str, out: &mut String) {
    let start = out.len();
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
        let special_at_start = at_start && matches!(c, '-' | '+' | '=');
        if special || special_at_start {
            out.push('\\');
        }
        out.push(c);
        after_space = false;
        at_start = false;
    }
    escape_ordered_list_start(out, start);
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
