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
    tera.register_filter("inner_quotes", |text: &str, _: Kwargs, _: &State| {
        inner_quotes(text).into_owned()
    });
}

/// Double quotation marks as single ones (“ ” " „ « » as ‘ ’ ' ‚ ‹ ›), for text quoted
/// inside double quotes: a quoted sentence that itself ends with a quotation then
/// closes each quote once (`“… were ‘constructive.’”`, not `“… were “constructive.””`).
pub fn inner_quotes(text: &str) -> std::borrow::Cow<'_, str> {
    const DOUBLE: [char; 6] = ['“', '”', '"', '„', '«', '»'];
    if !text.contains(DOUBLE) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '“' => '‘',
            '”' => '’',
            '"' => '\'',
            '„' => '‚',
            '«' => '‹',
            '»' => '›',
            other => other,
        })
        .collect()
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
        let class = MARKDOWN_BYTES[usize::from(bytes[at])];
        match class {
            MdByte::Plain => at += 1,
            MdByte::Special => {
                out.push_str(&rest[plain_from..at]);
                out.push('\\');
                plain_from = at;
                at += 1;
            }
            // A single space between words stays as it is.
            MdByte::Space
                if bytes[at] == b' '
                    && bytes
                        .get(at + 1)
                        .is_none_or(|&next| MARKDOWN_BYTES[usize::from(next)] != MdByte::Space) =>
            {
                at += 1;
            }
            MdByte::Space => {
                let end = whitespace_end(rest, at);
                if end == at {
                    // A character that only starts like whitespace ('—', '“').
                    at += rest[at..].chars().next().map_or(1, char::len_utf8);
                    continue;
                }
                out.push_str(&rest[plain_from..at]);
                out.push(' ');
                at = end;
                plain_from = at;
            }
        }
    }
    out.push_str(&rest[plain_from..]);
    escape_ordered_list_start(out, start);
}

/// How the `md` filter treats a byte of UTF-8 text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum MdByte {
    /// Copied as it is.
    Plain,
    /// Markdown syntax: gets a backslash.
    Special,
    /// Whitespace, or the first byte of a character that may be: a run of whitespace
    /// becomes one space.
    Space,
}

const MARKDOWN_BYTES: [MdByte; 256] = {
    let mut table = [MdByte::Plain; 256];
    let special = b"\\`*_[]<>|~#&!(){}$";
    let mut i = 0;
    while i < special.len() {
        table[special[i] as usize] = MdByte::Special;
        i += 1;
    }
    // char::is_whitespace: tab, line feed, vertical tab, form feed, carriage return and
    // space; beyond ASCII U+0085, U+00A0, U+1680, U+2000 to U+200A, U+2028, U+2029,
    // U+202F, U+205F and U+3000, which start with these bytes in UTF-8 (a test checks
    // every character).
    let space = b"\t\n\x0b\x0c\r \xc2\xe1\xe2\xe3";
    let mut i = 0;
    while i < space.len() {
        table[space[i] as usize] = MdByte::Space;
        i += 1;
    }
    table
};

/// Where the run of whitespace at byte `at` of `text` ends (`at` itself if the
/// character there is not whitespace).
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
/// plain text at a time instead of tera's byte at a time, and skipping eight bytes at a
/// time where none needs escaping: HTML briefings are mostly escaped article text, so
/// this is much of their rendering time.
pub fn escape_html(text: &str, out: &mut dyn Write) -> io::Result<()> {
    let bytes = text.as_bytes();
    let mut plain_from = 0;
    let mut at = 0;
    while at < bytes.len() {
        if let Some(word) = word_at(bytes, at)
            && !b"&<>\"'".iter().any(|&special| has_byte(word, special))
        {
            at += 8;
            continue;
        }
        let entity: &[u8] = match bytes[at] {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => {
                at += 1;
                continue;
            }
        };
        out.write_all(&bytes[plain_from..at])?;
        out.write_all(entity)?;
        at += 1;
        plain_from = at;
    }
    out.write_all(&bytes[plain_from..])
}

/// The eight bytes of `bytes` from `at`, as one word, if there are eight.
pub(super) fn word_at(bytes: &[u8], at: usize) -> Option<u64> {
    let word = bytes.get(at..at + 8)?;
    <[u8; 8]>::try_from(word).ok().map(u64::from_le_bytes)
}

/// Whether any of the eight bytes of `word` is `byte`. (Exact as a whole; which byte
/// it flags may be wrong.)
pub(super) fn has_byte(word: u64, byte: u8) -> bool {
    has_byte_below(word ^ (u64::from(byte) * ONES), 1)
}

/// Whether any of the eight bytes of `word` is below `limit` (at most 128).
pub(super) fn has_byte_below(word: u64, limit: u8) -> bool {
    word.wrapping_sub(u64::from(limit) * ONES) & !word & (0x80 * ONES) != 0
}

const ONES: u64 = 0x0101_0101_0101_0101;

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
                crate::test_random::next(&mut seed);
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
    fn every_whitespace_character_starts_with_a_byte_marked_as_space() {
        let mut utf8 = [0; 4];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let first = c.encode_utf8(&mut utf8).as_bytes()[0];
            if c.is_whitespace() {
                assert_eq!(MARKDOWN_BYTES[usize::from(first)], MdByte::Space, "{c:?}");
            }
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
    fn html_escaping_a_word_at_a_time_matches_teras() {
        let alphabet: Vec<char> = "abcdefgh &<>\"'é—;#".chars().collect();
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for round in 0..100_000 {
            let mut text = String::new();
            for _ in 0..round % 40 {
                crate::test_random::next(&mut seed);
                let pick = (seed >> 8) as usize % (alphabet.len() * 2);
                text.push(alphabet.get(pick).copied().unwrap_or('x'));
            }
            let mut ours = Vec::new();
            escape_html(&text, &mut ours).unwrap();
            let mut teras = Vec::new();
            tera::escape_html(&text, &mut teras).unwrap();
            assert_eq!(ours, teras, "{text:?}");
        }
        for byte in 0..=255u8 {
            let word = u64::from_le_bytes([b'a', byte, b'c', b'd', b'e', b'f', b'g', b'h']);
            assert_eq!(has_byte(word, b'&'), byte == b'&', "{byte:#x}");
            assert_eq!(has_byte_below(word, 0x20), byte < 0x20, "{byte:#x}");
        }
    }

    #[test]
    fn quotes_inside_a_quotation_become_single() {
        assert_eq!(
            inner_quotes("were “constructive.” He said \"no\" — „ja“ «oui»"),
            "were ‘constructive.’ He said 'no' — ‚ja‘ ‹oui›"
        );
        assert!(matches!(
            inner_quotes("Ukraine’s talks"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn numbers_get_separators() {
        assert_eq!(format_number(90_000_000_000.0), "90,000,000,000");
        assert_eq!(format_number(653.0), "653");
        assert_eq!(format_number(-12.0), "-12");
        assert_eq!(format_number(2.5), "2.5");
    }
}
