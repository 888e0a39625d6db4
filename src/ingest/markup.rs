//! A look at HTML before it is parsed, and parsing within bounds.
//!
//! The HTML parser (html5ever) scans its stack of open elements for each start tag, so
//! a page of 100,000 nested `<div>`s costs it billions of steps, and it compares each
//! attribute of a tag with every earlier one, so one `<div>` with 200,000 attributes
//! took 81 s. Two things keep it bounded:
//!
//! - [`tag_counts`] reads the tags in one pass over the bytes, the way the parser's
//!   tokenizer does (comments end where it ends them, `<!-->` included; quoted attribute
//!   values may hold `>`; `<script>` and the like hold text), counting start tags and
//!   the pairs of attributes the parser would compare, so a page with too many is
//!   refused before it is parsed.
//! - [`parse_document`] and [`parse_fragment`] feed the parser a piece at a time, with
//!   a tree sink that measures each element's depth as the parser places it: parsing
//!   stops once the page is nested deeper or holds more elements than allowed (the
//!   parser's own view, so no markup trick can hide nesting from it, as `<!-->` once hid
//!   80,000 `<div>`s from a scan of the text), or once its time budget is spent, which
//!   bounds any shape not foreseen here.
//!
//! It does not read text: that is `html` and `feed`.

use std::borrow::Cow;
use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use ego_tree::NodeId;
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName, local_name, ns};
use scraper::{Html, HtmlTreeSink};

/// What the scan found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TagCounts {
    /// Start tags of any element.
    pub start_tags: usize,
    /// The most attributes on one tag.
    pub most_attributes: usize,
    /// Pairs of attributes of one tag, summed over the tags: what the parser's check for
    /// repeated attributes costs.
    pub attribute_pairs: u64,
}

/// Elements whose content is text up to their end tag (in HTML, not inside SVG or
/// MathML, where they hold elements).
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Counts the start tags of `html` and their attributes, in one pass.
pub fn tag_counts(html: &str) -> TagCounts {
    let bytes = html.as_bytes();
    let mut counts = TagCounts::default();
    // Open `<svg>` and `<math>` elements: inside them `<style>` and the like are not
    // raw text. Counting one too many only means reading less as raw text, never more.
    let mut foreign = 0usize;
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        at += offset + 1;
        match bytes.get(at) {
            Some(b'!') => at = after_markup_declaration(bytes, at + 1, foreign > 0),
            Some(b'?') => at = after_tag_end(bytes, at),
            Some(b'/') => match bytes.get(at + 1) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let tag = read_tag(bytes, at + 1);
                    count_attributes(&mut counts, tag.attributes);
                    if matches!(tag.name.as_str(), "svg" | "math") {
                        foreign = foreign.saturating_sub(1);
                    }
                    at = tag.end;
                }
                Some(b'>') => at += 2,
                _ => at = after_tag_end(bytes, at),
            },
            Some(c) if c.is_ascii_alphabetic() => {
                let tag = read_tag(bytes, at);
                counts.start_tags += 1;
                count_attributes(&mut counts, tag.attributes);
                at = tag.end;
                let name = tag.name.as_str();
                if matches!(name, "svg" | "math") && !tag.self_closing {
                    foreign += 1;
                } else if foreign == 0 && RAW_TEXT.contains(&name) {
                    at = after_raw_text(bytes, at, name);
                } else if foreign == 0 && name == "plaintext" {
                    break;
                }
            }
            _ => {}
        }
    }
    counts
}

fn count_attributes(counts: &mut TagCounts, attributes: usize) {
    let n = attributes as u64;
    counts.attribute_pairs = counts
        .attribute_pairs
        .saturating_add(n * n.saturating_sub(1) / 2);
    counts.most_attributes = counts.most_attributes.max(attributes);
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | b'\x0c' | b' ' | b'\r')
}

/// A tag as the tokenizer reads it.
struct Tag {
    /// Lower-case; cut at 64 bytes (no name this scan knows is that long).
    name: String,
    attributes: usize,
    self_closing: bool,
    /// Just past its `>`.
    end: usize,
    /// False when the text ends inside the tag.
    complete: bool,
}

/// Reads the tag whose name starts at `at`: its name, how many attributes it has
/// (quoted values may hold `>`), and where it ends.
fn read_tag(bytes: &[u8], at: usize) -> Tag {
    let mut i = at;
    while bytes
        .get(i)
        .is_some_and(|&b| !is_space(b) && b != b'/' && b != b'>')
    {
        i += 1;
    }
    let name: String = bytes[at..i]
        .iter()
        .take(64)
        .map(|b| b.to_ascii_lowercase() as char)
        .collect();
    let mut tag = Tag {
        name,
        attributes: 0,
        self_closing: false,
        end: bytes.len(),
        complete: false,
    };
    loop {
        while bytes.get(i).is_some_and(|&b| is_space(b)) {
            i += 1;
        }
        match bytes.get(i) {
            None => return tag,
            Some(b'>') => {
                tag.end = i + 1;
                tag.complete = true;
                return tag;
            }
            Some(b'/') => {
                i += 1;
                if bytes.get(i) == Some(&b'>') {
                    tag.self_closing = true;
                    tag.end = i + 1;
                    tag.complete = true;
                    return tag;
                }
                continue;
            }
            Some(_) => {}
        }
        // An attribute name; its first character may be anything, `=` included.
        tag.attributes += 1;
        i += 1;
        while bytes
            .get(i)
            .is_some_and(|&b| !is_space(b) && !matches!(b, b'/' | b'>' | b'='))
        {
            i += 1;
        }
        while bytes.get(i).is_some_and(|&b| is_space(b)) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while bytes.get(i).is_some_and(|&b| is_space(b)) {
            i += 1;
        }
        match bytes.get(i) {
            None => return tag,
            Some(&quote @ (b'"' | b'\'')) => match memchr::memchr(quote, &bytes[i + 1..]) {
                Some(close) => i += close + 2,
                None => return tag,
            },
            Some(b'>') => {}
            Some(_) => {
                while bytes.get(i).is_some_and(|&b| !is_space(b) && b != b'>') {
                    i += 1;
                }
            }
        }
    }
}

/// Just past the `>` of a tag or bogus comment that starts before `at`.
fn after_tag_end(bytes: &[u8], at: usize) -> usize {
    memchr::memchr(b'>', bytes.get(at..).unwrap_or_default()).map_or(bytes.len(), |i| at + i + 1)
}

/// Just past what follows `<!` (at `at`): a comment as the tokenizer ends it (`<!-->`
/// and `<!--->` are whole comments; otherwise `-->` or `--!>` ends it), a CDATA section
/// in SVG or MathML, or a doctype or bogus comment up to the next `>`.
fn after_markup_declaration(bytes: &[u8], at: usize, foreign: bool) -> usize {
    let rest = bytes.get(at..).unwrap_or_default();
    if rest.starts_with(b"--") {
        let body = at + 2;
        if bytes.get(body) == Some(&b'>') {
            return body + 1;
        }
        if bytes.get(body..body + 2) == Some(b"->") {
            return body + 2;
        }
        return end_of_comment(bytes, body);
    }
    if foreign && rest.starts_with(b"[CDATA[") {
        return find(bytes, at, b"]]>").map_or(bytes.len(), |i| i + 3);
    }
    after_tag_end(bytes, at)
}

/// Just past `-->` or `--!>`, whichever comes first after `from`, or the end.
fn end_of_comment(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(i) = find(bytes, at, b"--") {
        match bytes.get(i + 2) {
            Some(b'>') => return i + 3,
            Some(b'!') if bytes.get(i + 3) == Some(&b'>') => return i + 4,
            _ => at = i + 1,
        }
    }
    bytes.len()
}

/// Just past the end tag of a raw text element (`</script>`), or the end of the text.
fn after_raw_text(bytes: &[u8], at: usize, name: &str) -> usize {
    let mut from = at;
    while let Some(i) = find(bytes, from, b"</") {
        let after_name = i + 2 + name.len();
        let same_name = bytes
            .get(i + 2..after_name)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        let ends_name = bytes
            .get(after_name)
            .is_some_and(|&b| is_space(b) || b == b'/' || b == b'>');
        if same_name && ends_name {
            return read_tag(bytes, i + 2).end;
        }
        from = i + 2;
    }
    bytes.len()
}

/// Where `needle` (punctuation, no letters) first occurs in `bytes` from `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|i| from + i)
}

/// How long the parser may take over one page or one feed item of `bytes` before it is
/// given up: a second, and a second more for every 512 KiB. That is far more than any
/// page within the other bounds needs (this machine's release build parses a 16 MiB
/// page of 880,000 nodes in 0.3 s, its debug build in 3.1 s; slower machines need
/// their margin), and a bound on a shape the bounds here do not foresee.
pub fn parse_budget(bytes: usize) -> Duration {
    const PER_SECOND: u64 = 512 * 1024;
    let extra = (bytes as u64).saturating_mul(1_000_000_000) / PER_SECOND;
    Duration::from_secs(1) + Duration::from_nanos(extra)
}

/// The parser gives way this often to see whether a bound is passed.
const PARSE_CHUNK: usize = 16 * 1024;

/// How far parsing may go.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// The deepest an element may be nested.
    pub max_depth: usize,
    /// The most elements the page may make.
    pub max_elements: usize,
    pub deadline: Instant,
}

/// Why parsing stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// An element was nested deeper than `max_depth`.
    TooDeep,
    /// More than `max_elements` elements.
    TooMany,
    OutOfTime,
}

/// Parses a whole page, unless a bound is passed first.
pub fn parse_document(html: &str, bounds: Bounds) -> Result<Html, Stopped> {
    let (sink, seen) = MeasuringSink::new(Html::new_document(), bounds);
    let parser = html5ever::driver::parse_document(sink, Default::default());
    fed_in_chunks(parser, html, &seen, bounds)
}

/// Parses a piece of HTML (a feed item's content) as the body of a page, unless a bound
/// is passed first.
pub fn parse_fragment(html: &str, bounds: Bounds) -> Result<Html, Stopped> {
    let (sink, seen) = MeasuringSink::new(Html::new_fragment(), bounds);
    let parser = html5ever::driver::parse_fragment(
        sink,
        Default::default(),
        QualName::new(None, ns!(html), local_name!("body")),
        Vec::new(),
        false,
    );
    fed_in_chunks(parser, html, &seen, bounds)
}

/// Feeds `html` to the parser a chunk at a time, looking between chunks at what the sink
/// has seen and at the clock.
fn fed_in_chunks<P: TendrilSink<html5ever::tendril::fmt::UTF8, Output = Html>>(
    mut parser: P,
    html: &str,
    seen: &Seen,
    bounds: Bounds,
) -> Result<Html, Stopped> {
    let mut rest = html;
    loop {
        seen.within(bounds)?;
        if rest.is_empty() {
            return Ok(parser.finish());
        }
        let mut end = rest.len().min(PARSE_CHUNK);
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        parser.process(StrTendril::from_slice(&rest[..end]));
        rest = &rest[end..];
    }
}

/// What the sink has seen so far, shared with the loop feeding the parser.
#[derive(Debug, Default)]
struct Seen {
    elements: Cell<usize>,
    deepest: Cell<usize>,
}

impl Seen {
    fn within(&self, bounds: Bounds) -> Result<(), Stopped> {
        if self.deepest.get() > bounds.max_depth {
            Err(Stopped::TooDeep)
        } else if self.elements.get() > bounds.max_elements {
            Err(Stopped::TooMany)
        } else if Instant::now() >= bounds.deadline {
            Err(Stopped::OutOfTime)
        } else {
            Ok(())
        }
    }
}

/// scraper's tree sink, noting how many elements the parser makes and how deep it
/// places each one. Everything else is passed on unchanged.
struct MeasuringSink {
    inner: HtmlTreeSink,
    seen: Rc<Seen>,
    /// Depths are counted up to one past this, so measuring stays cheap however deep a
    /// page goes before the loop above stops it.
    max_depth: usize,
}

impl MeasuringSink {
    fn new(html: Html, bounds: Bounds) -> (MeasuringSink, Rc<Seen>) {
        let seen = Rc::new(Seen::default());
        let sink = MeasuringSink {
            inner: HtmlTreeSink::new(html),
            seen: Rc::clone(&seen),
            max_depth: bounds.max_depth,
        };
        (sink, seen)
    }

    /// Notes the depth of `node`: the elements among it and its ancestors.
    fn placed(&self, node: NodeId) {
        let html = self.inner.0.borrow();
        let Some(node) = html.tree.get(node) else {
            return;
        };
        let depth = std::iter::once(node)
            .chain(node.ancestors())
            .filter(|n| n.value().is_element())
            .take(self.max_depth.saturating_add(1))
            .count();
        if depth > self.seen.deepest.get() {
            self.seen.deepest.set(depth);
        }
    }
}

/// The node being placed, if it is not text.
fn node_of(child: &NodeOrText<NodeId>) -> Option<NodeId> {
    match child {
        NodeOrText::AppendNode(node) => Some(*node),
        NodeOrText::AppendText(_) => None,
    }
}

impl TreeSink for MeasuringSink {
    type Handle = NodeId;
    type Output = Html;
    type ElemName<'a> = <HtmlTreeSink as TreeSink>::ElemName<'a>;

    fn finish(self) -> Html {
        self.inner.finish()
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg);
    }

    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Self::ElemName<'a> {
        self.inner.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        self.seen.elements.set(self.seen.elements.get() + 1);
        self.inner.create_element(name, attrs, flags)
    }

    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.inner.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let node = node_of(&child);
        self.inner.append(parent, child);
        if let Some(node) = node {
            self.placed(node);
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let node = node_of(&child);
        self.inner
            .append_based_on_parent_node(element, prev_element, child);
        if let Some(node) = node {
            self.placed(node);
        }
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id);
    }

    fn mark_script_already_started(&self, node: &NodeId) {
        self.inner.mark_script_already_started(node);
    }

    fn pop(&self, node: &NodeId) {
        self.inner.pop(node);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.inner.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let node = node_of(&new_node);
        self.inner.append_before_sibling(sibling, new_node);
        if let Some(node) = node {
            self.placed(node);
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs);
    }

    fn associate_with_form(
        &self,
        target: &NodeId,
        form: &NodeId,
        nodes: (&NodeId, Option<&NodeId>),
    ) {
        self.inner.associate_with_form(target, form, nodes);
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.inner.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.inner.reparent_children(node, new_parent);
        let first = self
            .inner
            .0
            .borrow()
            .tree
            .get(*new_parent)
            .and_then(|parent| parent.first_child())
            .map(|child| child.id());
        if let Some(child) = first {
            self.placed(child);
        }
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &NodeId) -> bool {
        self.inner
            .is_mathml_annotation_xml_integration_point(handle)
    }

    fn set_current_line(&self, line_number: u64) {
        self.inner.set_current_line(line_number);
    }

    fn allow_declarative_shadow_roots(&self, intended_parent: &NodeId) -> bool {
        self.inner.allow_declarative_shadow_roots(intended_parent)
    }

    fn attach_declarative_shadow(
        &self,
        location: &NodeId,
        template: &NodeId,
        attrs: &[Attribute],
    ) -> bool {
        self.inner
            .attach_declarative_shadow(location, template, attrs)
    }

    fn maybe_clone_an_option_into_selectedcontent(&self, option: &NodeId) {
        self.inner
            .maybe_clone_an_option_into_selectedcontent(option);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(max_depth: usize) -> Bounds {
        Bounds {
            max_depth,
            max_elements: 1_000_000,
            deadline: Instant::now() + Duration::from_secs(60),
        }
    }

    /// How the parser nests `html`: its depth, or that it went past 1,000.
    fn parsed_depth(html: &str) -> Result<usize, Stopped> {
        let document = parse_document(html, bounds(1000))?;
        let deepest = document
            .tree
            .nodes()
            .filter(|n| n.value().is_element())
            .map(|n| n.ancestors().filter(|a| a.value().is_element()).count() + 1)
            .max();
        Ok(deepest.unwrap_or(0))
    }

    #[test]
    fn start_tags_and_attributes_are_counted_as_the_tokenizer_reads_them() {
        let counts = tag_counts("<div title=\"a>b\" c=d e f='<'>x</div>");
        assert_eq!(
            (
                counts.start_tags,
                counts.most_attributes,
                counts.attribute_pairs
            ),
            (1, 4, 6)
        );
        let many: String = (0..1000).map(|i| format!(" a{i}=1")).collect();
        assert_eq!(
            tag_counts(&format!("<div{many}>")).attribute_pairs,
            1000 * 999 / 2
        );
        assert_eq!(
            tag_counts("<script>if (a<b) { x = '<div a b>' }</script>").start_tags,
            1
        );
        assert_eq!(
            tag_counts("<svg><style><div a b></style></svg>").attribute_pairs,
            1
        );
        assert_eq!(tag_counts("<p><br/><img src=x/></p>").start_tags, 3);
    }

    #[test]
    fn comments_end_where_the_tokenizer_ends_them() {
        let tags = "<div a b>".repeat(50);
        for opening in ["<!-->", "<!--->", "<!-- a --!>", "<!-- -- --->"] {
            let counts = tag_counts(&format!("{opening}{tags}-->"));
            assert_eq!(counts.start_tags, 50, "{opening}");
            assert_eq!(counts.attribute_pairs, 50, "{opening}");
        }
        assert_eq!(tag_counts(&format!("<!-- {tags} -->")).start_tags, 0);
        assert_eq!(tag_counts(&format!("<? x>{tags}")).start_tags, 50);
    }

    #[test]
    fn nesting_is_measured_by_the_parser_itself() {
        let nested = "<div>".repeat(300);
        for hiding in ["", "<!-->", "<!--->", "<svg><style>", "<span><div></span>"] {
            let page = format!("{hiding}{nested}");
            assert_eq!(
                parse_document(&page, bounds(256)).err(),
                Some(Stopped::TooDeep),
                "{hiding}"
            );
        }
        assert_eq!(
            parse_document(&"<div/>".repeat(300), bounds(256)).err(),
            Some(Stopped::TooDeep)
        );
        assert_eq!(
            parse_document(&"<div></x>".repeat(300), bounds(256)).err(),
            Some(Stopped::TooDeep)
        );
        let sloppy = "<p><b>bold<p><i>more<li>item<li>other".repeat(2000);
        assert!(parsed_depth(&format!("<div>{sloppy}</div>")).unwrap() < 20);
        let tables = "<table><tr><td><span>a<td>b<tr><td>c</table>".repeat(2000);
        assert!(parsed_depth(&tables).unwrap() < 20);
    }

    #[test]
    fn parsing_stops_at_too_many_elements() {
        let flat = "<br>".repeat(50_000);
        let few = Bounds {
            max_elements: 10_000,
            ..bounds(256)
        };
        assert_eq!(parse_document(&flat, few).err(), Some(Stopped::TooMany));
        assert_eq!(parse_fragment(&flat, few).err(), Some(Stopped::TooMany));
        assert!(parse_document(&flat, bounds(256)).is_ok());
    }

    #[test]
    fn the_budget_grows_with_the_markup() {
        assert_eq!(parse_budget(0), Duration::from_secs(1));
        assert_eq!(parse_budget(512 * 1024), Duration::from_secs(2));
        assert_eq!(parse_budget(16 * 1024 * 1024), Duration::from_secs(33));
    }

    #[test]
    fn parsing_stops_when_its_time_is_up() {
        let page = "<p>text</p>".repeat(10_000);
        let parsed = parse_document(&page, bounds(256)).expect("in time");
        assert_eq!(
            parsed
                .tree
                .nodes()
                .filter(|n| n.value().is_element())
                .count(),
            10_003
        );
        let now = Bounds {
            deadline: Instant::now(),
            ..bounds(256)
        };
        assert_eq!(parse_document(&page, now).err(), Some(Stopped::OutOfTime));
        assert_eq!(parse_fragment(&page, now).err(), Some(Stopped::OutOfTime));
        assert!(parse_fragment("<p>a</p>", bounds(256)).is_ok());
    }
}
