//! The source name of an article that names none (no `source` field, front matter key,
//! `og:site_name` or feed title): something a reader can tell apart in "Reported by …",
//! never a file name's hash. In order: the article's title, shortened; else the file's
//! name without hash-like parts (`000_d26de173de09dcbe.txt` is `000`); else the file's
//! name as it is.

/// Titles used as source names are cut to about this many characters.
const TITLE_MAX_CHARS: usize = 40;

/// The source name for an article with no source of its own, from its `title` and the
/// name of its file without the extension.
pub fn fallback_source(title: Option<&str>, file_name: &str) -> String {
    match title.map(str::trim).filter(|t| !t.is_empty()) {
        Some(title) => shortened(title),
        None => readable_file_name(file_name),
    }
}

/// `title` cut at a word to at most [`TITLE_MAX_CHARS`] characters, with "…" when cut.
fn shortened(title: &str) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.chars().count() <= TITLE_MAX_CHARS {
        return title;
    }
    let mut kept = String::new();
    for word in title.split(' ') {
        let length = kept.chars().count() + usize::from(!kept.is_empty()) + word.chars().count();
        if length + 1 > TITLE_MAX_CHARS {
            break;
        }
        if !kept.is_empty() {
            kept.push(' ');
        }
        kept.push_str(word);
    }
    if kept.is_empty() {
        // One very long word: cut inside it.
        kept = title.chars().take(TITLE_MAX_CHARS - 1).collect();
    }
    let kept = kept.trim_end_matches(|c: char| !c.is_alphanumeric());
    format!("{kept}…")
}

/// `name` without trailing hash-like parts (a UUID, or a run of 8 or more hex digits
/// mixing digits and letters, after `_`, `-`, `.` or a space); the name itself when
/// nothing else is left.
pub fn readable_file_name(name: &str) -> String {
    let mut rest = name.trim();
    loop {
        let stripped = strip_uuid(rest).or_else(|| strip_hex_part(rest));
        match stripped {
            Some(shorter) if !shorter.is_empty() => rest = shorter,
            _ => break,
        }
    }
    if rest.is_empty() {
        name.to_string()
    } else {
        rest.to_string()
    }
}

fn is_separator(c: char) -> bool {
    matches!(c, '_' | '-' | '.' | ' ')
}

/// `name` without a last part like `d26de173de09dcbe` and the separator before it.
fn strip_hex_part(name: &str) -> Option<&str> {
    let at = name.rfind(is_separator)?;
    let part = &name[at + 1..];
    let hash_like = part.len() >= 8
        && part.bytes().all(|b| b.is_ascii_hexdigit())
        && part.bytes().any(|b| b.is_ascii_digit())
        && part.bytes().any(|b| b.is_ascii_alphabetic());
    hash_like.then(|| name[..at].trim_end_matches(is_separator))
}

/// `name` without a last part like `550e8400-e29b-41d4-a716-446655440000`.
fn strip_uuid(name: &str) -> Option<&str> {
    const GROUPS: [usize; 5] = [8, 4, 4, 4, 12];
    let uuid_len = 36;
    let at = name.len().checked_sub(uuid_len + 1)?;
    let (head, tail) = (name.get(..at)?, name.get(at..)?);
    let mut chars = tail.chars();
    if !chars.next().is_some_and(is_separator) {
        return None;
    }
    let groups: Vec<&str> = tail[1..].split('-').collect();
    let is_uuid = groups.len() == GROUPS.len()
        && groups
            .iter()
            .zip(GROUPS)
            .all(|(g, len)| g.len() == len && g.bytes().all(|b| b.is_ascii_hexdigit()));
    is_uuid.then(|| head.trim_end_matches(is_separator))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_untitled_article_is_named_after_its_file_without_the_hash() {
        assert_eq!(fallback_source(None, "000_d26de173de09dcbe"), "000");
        assert_eq!(fallback_source(Some("  "), "reuters-3f2a9c1b7e"), "reuters");
        assert_eq!(
            readable_file_name("bbc_news-550e8400-e29b-41d4-a716-446655440000"),
            "bbc_news"
        );
        assert_eq!(
            readable_file_name("guardian.5c35ececf913b9e9.2f9e0a11"),
            "guardian"
        );
    }

    #[test]
    fn names_that_are_not_hashes_are_kept() {
        // Dates, words, short codes, and a name that is nothing but a hash.
        for name in [
            "report-20251208",
            "wire_feedback",
            "ap-1234abcd5",
            "notes",
            "d26de173de09dcbe",
        ] {
            let expected = if name == "ap-1234abcd5" { "ap" } else { name };
            assert_eq!(readable_file_name(name), expected, "{name}");
        }
        assert_eq!(
            readable_file_name("x-deadbeef"),
            "x-deadbeef",
            "letters only"
        );
    }

    #[test]
    fn a_titled_article_is_named_after_its_title_shortened_at_a_word() {
        assert_eq!(
            fallback_source(
                Some("Progress in Ukraine Peace Talks Amid Intensified Russian Strikes"),
                "000_d26de173de09dcbe"
            ),
            "Progress in Ukraine Peace Talks Amid…"
        );
        assert_eq!(fallback_source(Some("Talks stall"), "x"), "Talks stall");
        let long_word = "a".repeat(60);
        let shortened = fallback_source(Some(&long_word), "x");
        assert_eq!(shortened.chars().count(), TITLE_MAX_CHARS);
        assert!(shortened.ends_with('…'));
        assert_eq!(
            fallback_source(
                Some("Ceasefire talks: a forty-character cut, then more words"),
                "x"
            ),
            "Ceasefire talks: a forty-character cut…"
        );
    }
}
