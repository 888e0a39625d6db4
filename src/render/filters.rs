//! The template filters, registered in one place. Article text is hostile input: the
//! `md` filter makes any text inert inside a Markdown line (no links, no HTML, no
//! emphasis, no list or heading markers); HTML is escaped by tera itself.

use tera::{Kwargs, State, Tera};

pub fn register(tera: &mut Tera) {
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
    let mut after_space = false;
    for (i, c) in text.chars().enumerate() {
        if c.is_whitespace() {
            if !after_space {
                out.push(' ');
                after_space = true;
            }
            continue;
        }
        // Only the very first character can start a list or a heading underline.
        if is_markdown_syntax(c) || (i == 0 && matches!(c, '-' | '+' | '=')) {
            out.push('\\');
        }
        out.push(c);
        after_space = false;
    }
    escape_ordered_list_start(&mut out);
    out
}

fn is_markdown_syntax(c: char) -> bool {
    matches!(
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
    )
}

/// "1. text" at the start of a line would start a numbered list: the escaped text gets
/// a backslash before its dot.
fn escape_ordered_list_start(out: &mut String) {
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(out.as_bytes().get(digits), Some(b'.' | b')')) {
        out.insert(digits, '\\');
    }
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
