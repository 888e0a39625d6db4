//! The headline rule: whether a line reads as a headline or sub-heading (short,
//! capitalised, without a final full stop). Below the stages: ingest uses it to find a
//! plain-text file's title, and `text` to tell a heading from a paragraph, so neither
//! imports the other.

/// Lines longer than this are never headlines.
const HEADLINE_MAX_CHARS: usize = 120;
/// Headlines are short: more words than this is prose that lost its full stop.
const HEADLINE_MAX_WORDS: usize = 16;

/// True when a line reads as a headline or sub-heading: short, starting with a capital,
/// digit or quote, and not ending like a sentence or a clause.
pub fn reads_as_headline(line: &str) -> bool {
    let line = line.trim();
    let Some(first) = line.chars().next() else {
        return false;
    };
    let last = line.chars().last().unwrap_or(' ');
    let trimmed = line.trim_end_matches(is_closing_char);
    let quoted_sentence_end = trimmed.len() < line.len() && trimmed.ends_with(['.', '!', '?', ',']);
    (first.is_uppercase() || first.is_ascii_digit() || is_opening_quote(first))
        && line.chars().count() <= HEADLINE_MAX_CHARS
        && line.split_whitespace().count() <= HEADLINE_MAX_WORDS
        && !matches!(
            last,
            '.' | ',' | ';' | ':' | '!' | '?' | '…' | '—' | '–' | '-'
        )
        && !quoted_sentence_end
}

fn is_closing_char(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '›')
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '‹')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_capitalised_lines_without_a_full_stop_are_headlines() {
        assert!(reads_as_headline("Peace Talks Stall"));
        assert!(reads_as_headline("“Talks Stall” in Florida"));
        assert!(!reads_as_headline("Three days of talks ended."));
        assert!(!reads_as_headline("‘The city is helping.’"));
        assert!(!reads_as_headline("the talks ended"));
        assert!(!reads_as_headline(&"Word ".repeat(17)));
    }
}
