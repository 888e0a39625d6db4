//! A look at HTML's tags before it is parsed. The HTML parser (html5ever) scans the
//! stack of open elements for each start tag, so a page of 100,000 nested `<div>`s
//! costs it billions of steps; this scan counts nesting and tags in one pass over the
//! bytes, so such a page is refused before it reaches the parser.
//!
//! It is an estimate, not a parser: elements whose end tag may be left out (`<p>`,
//! `<li>`, ...) and void elements (`<br>`) are not counted as nesting, so sloppy but
//! ordinary pages are never taken for deep ones.

/// What the scan found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TagCounts {
    /// Start tags of any element.
    pub start_tags: usize,
    /// The deepest nesting of elements that need an end tag.
    pub depth: usize,
}

/// Elements never nested by the parser: void, or closed when a sibling starts.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody",
    "tfoot", "rt", "rp", "colgroup", "caption", "html", "head", "body",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Counts the tags of `html` in one pass, stopping early once `depth` passes
/// `stop_above_depth`.
pub fn tag_counts(html: &str, stop_above_depth: usize) -> TagCounts {
    let bytes = html.as_bytes();
    let mut counts = TagCounts::default();
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        at += offset + 1;
        match bytes.get(at) {
            Some(b'!') => at = end_of_declaration(bytes, at),
            Some(b'/') => {
                let name = tag_name(bytes, at + 1);
                if !name.is_empty() && !NOT_NESTING.contains(&name.as_str()) {
                    depth = depth.saturating_sub(1);
                }
                at = after_tag(bytes, at);
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let name = tag_name(bytes, at);
                let end = after_tag(bytes, at);
                counts.start_tags += 1;
                let self_closing = end >= 2 && bytes.get(end - 2) == Some(&b'/');
                if RAW_TEXT.contains(&name.as_str()) {
                    at = after_raw_text(bytes, end, &name);
                    continue;
                }
                if !self_closing && !NOT_NESTING.contains(&name.as_str()) {
                    depth += 1;
                    counts.depth = counts.depth.max(depth);
                    if counts.depth > stop_above_depth {
                        return counts;
                    }
                }
                at = end;
            }
            _ => {}
        }
    }
    counts
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

/// The lower-case name of the tag starting at `at`.
fn tag_name(bytes: &[u8], at: usize) -> String {
    bytes
        .get(at..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
        .take(32)
        .map(|b| b.to_ascii_lowercase() as char)
        .collect()
}

/// Just past the `>` closing the tag that starts at `at` (or the end of the text).
fn after_tag(bytes: &[u8], at: usize) -> usize {
    memchr(b'>', bytes.get(at..).unwrap_or_default()).map_or(bytes.len(), |i| at + i + 1)
}

/// Just past a comment (`<!-- ... -->`) or a declaration (`<!DOCTYPE ...>`).
fn end_of_declaration(bytes: &[u8], at: usize) -> usize {
    if bytes.get(at..at + 3) == Some(b"!--") {
        return find(bytes, at + 3, b"-->").map_or(bytes.len(), |i| i + 3);
    }
    after_tag(bytes, at)
}

/// Just past the end tag of a raw text element (`</script>`), or the end of the text.
fn after_raw_text(bytes: &[u8], at: usize, name: &str) -> usize {
    let mut from = at;
    while let Some(i) = find(bytes, from, b"</") {
        if tag_name(bytes, i + 2) == name {
            return after_tag(bytes, i + 2);
        }
        from = i + 2;
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_and_optional_end_tags_are_not() {
        let page = "<!DOCTYPE html><html><head><title>x<div></title></head><body><div><section><p>a<p>b<br><img src=x/></section></div><ul><li>1<li>2</ul></body></html>";
        assert_eq!(
            tag_counts(page, usize::MAX),
            TagCounts {
                start_tags: 13,
                depth: 2
            }
        );
        let deep = "<div>".repeat(1000);
        assert_eq!(tag_counts(&deep, 10).depth, 11, "stops early");
        assert_eq!(
            tag_counts("<script>if (a<b) { x = '<div>' }</script>", 5).depth,
            0
        );
        assert_eq!(tag_counts("<!-- <div><div> --><span></span>", 5).depth, 1);
    }
}
