//! Characters no reader of a briefing should be sent, taken out of every article as it
//! is read (files, feeds, pages) and out of the briefing's title.
//!
//! Control characters (C0 but tab, line feed and carriage return; DEL; C1) go from
//! every field but the id: a terminal acts on ESC and BEL (`OSC 52` writes the
//! clipboard of whoever reads `--stdout`), and XML cannot hold most of them, so one in a
//! title made `feed.xml` unreadable. In the one-line fields (title, source name, URL)
//! line breaks and tabs become spaces, and the bidi embedding, override and isolate
//! controls (U+202A–U+202E, U+2066–U+2069) are removed: left unclosed they reverse the
//! text after them, the sources and markers beside a headline included. The marks that
//! only hint a direction (U+200E, U+200F) stay. Ids are kept as given (DESIGN.md): they
//! reach only the JSON, escaped, and HTML attributes, escaped.
//!
//! It does not decide what is text or markup: that is each reader's.

use std::borrow::Cow;

use super::Article;

/// The article with control characters taken out of its text, title, source and URL,
/// and bidi controls out of its title and source.
pub fn cleaned(mut article: Article) -> Article {
    if let Cow::Owned(text) = clean_text(&article.text) {
        article.text = text;
    }
    if let Some(Cow::Owned(title)) = article.title.as_deref().map(clean_line) {
        article.title = Some(title).filter(|t| !t.trim().is_empty());
    }
    if let Cow::Owned(source) = clean_line(&article.source) {
        article.source = source;
    }
    if let Some(Cow::Owned(url)) = article.url.as_deref().map(clean_line) {
        article.url = Some(url).filter(|u| !u.trim().is_empty());
    }
    article
}

/// Text without control characters other than tab, line feed and carriage return,
/// which carry its layout. Borrowed when there is nothing to take out (nearly always).
pub fn clean_text(text: &str) -> Cow<'_, str> {
    if !may_hold_controls(text) || !text.chars().any(is_stray_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| !is_stray_control(c)).collect())
}

/// One line of text (a title, a source name): control characters out, tabs and line
/// breaks as spaces, and no bidi embedding, override or isolate controls.
pub fn clean_line(line: &str) -> Cow<'_, str> {
    let needs_work = |c: char| c.is_control() || is_bidi_control(c);
    if !may_hold_controls(line) || !line.chars().any(needs_work) {
        return Cow::Borrowed(line);
    }
    Cow::Owned(
        line.chars()
            .filter(|&c| !is_stray_control(c) && !is_bidi_control(c))
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect(),
    )
}

/// Cc, but for the three that lay text out.
fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A quick look at the bytes: false when no character of interest can be there. Every
/// one starts with an ASCII control, DEL, or the lead byte of U+0080–U+00BF (C1) or
/// U+2000–U+207F (the bidi controls), so most text is passed over in one scan.
fn may_hold_controls(text: &str) -> bool {
    text.bytes()
        .any(|b| b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xe2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_go_and_layout_stays() {
        assert_eq!(
            clean_text("a\u{1b}]52;c;aGk=\u{7}b\tc\r\nd\u{0}\u{7f}\u{85}\u{9b}e"),
            "a]52;c;aGk=b\tc\r\nde"
        );
        assert!(matches!(clean_text("plain café — ok"), Cow::Borrowed(_)));
        assert!(matches!(clean_text("\u{a0}non-breaking"), Cow::Borrowed(_)));
    }

    #[test]
    fn one_line_fields_lose_breaks_and_bidi_controls() {
        assert_eq!(
            clean_line("Brief \u{1}\nnews\u{202e}txt.exe"),
            "Brief  newstxt.exe"
        );
        assert_eq!(clean_line("\u{2066}a\u{2069} \u{200f}b"), "a \u{200f}b");
        assert!(matches!(clean_line("Outlet — “quoted”"), Cow::Borrowed(_)));
    }

    #[test]
    fn an_article_is_cleaned_but_its_id_is_kept() {
        let article = Article {
            id: "a\u{1}".into(),
            title: Some("\u{202e}".into()),
            text: "x\u{1b}[2Jy".into(),
            source: "Wire\u{7}".into(),
            url: Some("https://a.example/\u{0}".into()),
            published: None,
        };
        let cleaned = cleaned(article);
        assert_eq!(cleaned.id, "a\u{1}");
        assert_eq!(cleaned.title, None, "a title of controls alone is no title");
        assert_eq!(cleaned.text, "x[2Jy");
        assert_eq!(cleaned.source, "Wire");
        assert_eq!(cleaned.url.as_deref(), Some("https://a.example/"));
    }
}
