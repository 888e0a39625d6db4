//! The built-in story templates (`templates/story.md`, `templates/story.html`) written
//! out directly, for the bytes tera would render from them: a large briefing has
//! thousands of stories, and turning each story's view into template values and
//! interpreting the template was most of the rendering time. Used only while the
//! built-in story template is in use; a folder that overrides it goes through tera.
//!
//! Each function follows its template line by line (tera keeps text as written, and
//! `{%-` / `-%}` drop the whitespace next to a tag), so a change to a template must be
//! made here too: the tests render both ways and compare.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::filters::{escape_html, escape_markdown_into, inner_quotes};
use super::view::{FactView, SentencePart, SourceView, StoryView};

/// A value as a template tests it: text is true when not empty.
fn truthy(text: Option<&str>) -> bool {
    text.is_some_and(|t| !t.is_empty())
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// `story.md` for one story, appended to `out`.
pub fn story_markdown(story: &StoryView, out: &mut String) -> io::Result<()> {
    let mut m = Markdown(out);
    m.raw("\n## ")
        .number(story.number)
        .raw(". ")
        .value(story.headline);
    if let Some(label) = story.status_label.filter(|l| !l.is_empty()) {
        m.raw("\n\n*").raw(label).raw("*");
    }
    let count = story.sources.len();
    m.raw("\n\nReported by ")
        .number(count)
        .raw(" ")
        .raw(plural(count, "source", "sources"))
        .raw(": ");
    for (i, s) in story.sources.iter().enumerate() {
        if truthy(s.url) {
            m.raw("[")
                .value(s.name)
                .raw("](<")
                .raw(s.url.unwrap_or_default())
                .raw(">)");
        } else {
            m.value(s.name);
        }
        if i + 1 < count {
            m.raw(", ");
        }
    }
    m.raw("\n");
    if !story.corroborated.is_empty() {
        m.raw("\n### Key facts\n");
        for fact in &story.corroborated {
            m.raw("\n- ").value(fact.text).raw(" — ");
            for (i, s) in fact.sources.iter().enumerate() {
                m.raw("*").value(s.name).raw("*");
                if i + 1 < fact.sources.len() {
                    m.raw(", ");
                }
            }
        }
        m.raw("\n");
    }
    if !story.discrepancies.is_empty() {
        figures_markdown(story, &mut m);
    }
    if !story.single_source.is_empty() {
        m.raw("\n### Reported by one source only\n");
        for fact in &story.single_source {
            let source = first_source(fact)?;
            m.raw("\n- ")
                .value(fact.text)
                .raw(" — *")
                .value(source.name)
                .raw("*");
        }
        let hidden = story.single_source_hidden;
        if hidden > 0 {
            m.raw("\n- …and ")
                .number(hidden)
                .raw(" more single-source ")
                .raw(plural(hidden, "statement", "statements"))
                .raw(" in the JSON digest.");
        }
        m.raw("\n");
    }
    if !story.reported.is_empty() {
        let count = story.reported.len();
        m.raw("\n*Already reported: ")
            .number(count)
            .raw(" ")
            .raw(plural(count, "fact", "facts"))
            .raw(", first on ")
            .raw(story.reported_since.as_deref().unwrap_or_default())
            .raw(".*\n");
    }
    Ok(())
}

fn figures_markdown(story: &StoryView, m: &mut Markdown) {
    m.raw("\n### Differing figures\n\nBold: the figure; italics: words that differ between the reports.\n");
    for d in &story.discrepancies {
        m.raw("\n**").value(d.measure).raw("**");
        if d.may_be_different_events {
            m.raw(" (may refer to different events: the reports name different days)");
        }
        m.raw("\n");
        for v in &d.values {
            m.raw("\n- **")
                .value(v.text)
                .raw("** — *")
                .value(v.source.name)
                .raw("*: “");
            sentence_markdown(&v.sentence, m);
            m.raw("”");
        }
        m.raw("\n");
    }
}

/// `fact.sources[0]`, which the template requires.
fn first_source<'f, 'a>(fact: &'f FactView<'a>) -> io::Result<&'f SourceView<'a>> {
    fact.sources
        .first()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "a fact without a source"))
}

fn sentence_markdown(parts: &[SentencePart], m: &mut Markdown) {
    for part in parts {
        if part.figure {
            m.raw("**");
        }
        for run in &part.runs {
            let text = inner_quotes(run.text);
            if run.changed {
                m.raw("*").value(&text).raw("*");
            } else {
                m.value(&text);
            }
        }
        if part.figure {
            m.raw("**");
        }
    }
}

/// Appends literal template text and values escaped with the `md` filter in turn,
/// escaping straight into the story's text.
struct Markdown<'o>(&'o mut String);

impl Markdown<'_> {
    fn raw(&mut self, text: &str) -> &mut Self {
        self.0.push_str(text);
        self
    }

    /// A value printed with `| md`.
    fn value(&mut self, text: &str) -> &mut Self {
        escape_markdown_into(text, self.0);
        self
    }

    fn number(&mut self, n: usize) -> &mut Self {
        // Formatting into a String cannot fail.
        let _ = write!(self.0, "{n}");
        self
    }
}

/// Writes literal template text and escaped values in turn.
struct Html<'o>(&'o mut Vec<u8>);

impl Html<'_> {
    fn raw(&mut self, text: &str) -> io::Result<&mut Self> {
        self.0.write_all(text.as_bytes())?;
        Ok(self)
    }

    /// A value printed with `{{ }}`: escaped, as tera's autoescape does.
    fn value(&mut self, text: &str) -> io::Result<&mut Self> {
        escape_html(text, &mut *self.0)?;
        Ok(self)
    }

    fn number(&mut self, n: usize) -> io::Result<&mut Self> {
        write!(self.0, "{n}")?;
        Ok(self)
    }

    /// A story section's opening tag and heading, labelled by the heading's id
    /// (`{story}-{class}`), as the templates write them.
    fn section(&mut self, story: &str, class: &str, heading: &str) -> io::Result<&mut Self> {
        self.raw("<section class=\"")?
            .raw(class)?
            .raw("\" aria-labelledby=\"")?
            .value(story)?
            .raw("-")?
            .raw(class)?
            .raw("\">\n    <h3 id=\"")?
            .value(story)?
            .raw("-")?
            .raw(class)?
            .raw("\">")?
            .raw(heading)?
            .raw("</h3>")
    }

    /// A source's numbered marker linking to its article or list entry.
    fn marker(&mut self, s: &SourceView) -> io::Result<&mut Self> {
        self.raw("<span class=\"src\"><a href=\"")?
            .value(&s.href)?
            .raw("\" title=\"")?
            .value(s.name)?
            .raw("\">")?
            .number(s.marker)?
            .raw("</a></span>")
    }

    /// A fact as a list item's start: its text and its sources' markers.
    fn fact(&mut self, fact: &FactView) -> io::Result<&mut Self> {
        self.raw("<li>")?.value(fact.text)?;
        for s in &fact.sources {
            self.marker(s)?;
        }
        Ok(self)
    }
}

/// `story.html` for one story.
pub fn story_html(story: &StoryView, out: &mut Vec<u8>) -> io::Result<()> {
    let mut h = Html(out);
    let id = story.id;
    h.raw("\n<article class=\"story\" id=\"")?
        .value(id)?
        .raw("\">\n  \n  <h2><span class=\"number\">")?
        .number(story.number)?
        .raw(".</span> ")?
        .value(story.headline)?
        .raw("</h2>")?;
    if truthy(story.status) {
        h.raw("\n  <p class=\"status status-")?
            .value(story.status.unwrap_or_default())?
            .raw("\">")?
            .value(story.status_label.unwrap_or_default())?
            .raw("</p>")?;
    }
    let count = story.sources.len();
    h.raw("\n  <p class=\"byline\">Reported by ")?
        .number(count)?
        .raw(" ")?
        .raw(plural(count, "source", "sources"))?
        .raw(":\n  ")?;
    for (i, s) in story.sources.iter().enumerate() {
        h.value(s.name)?.marker(s)?;
        if i + 1 < count {
            h.raw(", ")?;
        }
    }
    h.raw("</p>\n  \n  ")?;
    if !story.corroborated.is_empty() {
        h.raw("\n  <h3>Key facts</h3>\n  <ul class=\"facts\">\n  ")?;
        for fact in &story.corroborated {
            h.fact(fact)?.raw("</li>\n  ")?;
        }
        h.raw("</ul>\n  ")?;
    }
    h.raw("\n  \n  ")?;
    if !story.discrepancies.is_empty() {
        figures_html(story, &mut h)?;
    }
    h.raw("\n  \n  ")?;
    if !story.single_source.is_empty() {
        single_source_html(story, &mut h)?;
    }
    h.raw("\n  ")?;
    if !story.reported.is_empty() {
        reported_html(story, &mut h)?;
    }
    h.raw("\n  \n  ")?
        .section(id, "sources", "Sources")?
        .raw("\n    <ol>\n    ")?;
    sources_html(story, &mut h)?;
    h.raw("</ol>\n  </section>\n</article>\n")?;
    Ok(())
}

fn figures_html(story: &StoryView, h: &mut Html) -> io::Result<()> {
    h.raw("\n  ")?
        .section(story.id, "figures", "Differing figures")?
        .raw("\n    <p class=\"legend\">Sources disagree. <strong>Bold</strong>: the figure; <mark>marked</mark>: words that differ between the reports.</p>\n    ")?;
    for d in &story.discrepancies {
        h.raw("\n    <p class=\"measure\">")?.value(d.measure)?;
        if d.may_be_different_events {
            h.raw(" <span class=\"caveat\">may refer to different events: the reports name different days</span>")?;
        }
        h.raw("</p>\n    <ul class=\"values\">\n    ")?;
        for v in &d.values {
            h.raw("<li><span class=\"value\">")?
                .value(v.text)?
                .raw("</span> <span class=\"said-by\">— ")?
                .value(v.source.name)?
                .marker(&v.source)?
                .raw("</span>\n      <blockquote>")?;
            for part in &v.sentence {
                if part.figure {
                    h.raw("<strong class=\"figure\">")?;
                }
                for run in &part.runs {
                    if run.changed {
                        h.raw("<mark>")?.value(run.text)?.raw("</mark>")?;
                    } else {
                        h.value(run.text)?;
                    }
                }
                if part.figure {
                    h.raw("</strong>")?;
                }
            }
            h.raw("</blockquote></li>\n    ")?;
        }
        h.raw("</ul>\n    ")?;
    }
    h.raw("\n  </section>\n  ")?;
    Ok(())
}

fn single_source_html(story: &StoryView, h: &mut Html) -> io::Result<()> {
    h.raw("\n  ")?
        .section(story.id, "single", "Reported by one source only")?
        .raw("\n    <ul class=\"facts\">\n    ")?;
    for fact in &story.single_source {
        h.fact(fact)?.raw("</li>\n    ")?;
    }
    h.raw("</ul>\n    ")?;
    let hidden = story.single_source_hidden;
    if hidden > 0 {
        h.raw("<p class=\"more\">…and ")?
            .number(hidden)?
            .raw(" more single-source ")?
            .raw(plural(hidden, "statement", "statements"))?
            .raw(" in the JSON digest.</p>")?;
    }
    h.raw("\n  </section>\n  ")?;
    Ok(())
}

fn reported_html(story: &StoryView, h: &mut Html) -> io::Result<()> {
    let count = story.reported.len();
    let since = story.reported_since.as_deref().unwrap_or_default();
    h.raw("\n  <details class=\"reported\">\n    <summary>Already reported: ")?
        .number(count)?
        .raw(" ")?
        .raw(plural(count, "fact", "facts"))?
        .raw(", first on <time datetime=\"")?
        .value(since)?
        .raw("\">")?
        .value(since)?
        .raw("</time></summary>\n    <ul class=\"facts\">\n    ")?;
    for fact in &story.reported {
        let first = fact.first_reported.as_deref().unwrap_or_default();
        h.fact(fact)?
            .raw(" <span class=\"seen\">first reported <time datetime=\"")?
            .value(first)?
            .raw("\">")?
            .value(first)?
            .raw("</time></span></li>\n    ")?;
    }
    h.raw("</ul>\n  </details>")?;
    Ok(())
}

fn sources_html(story: &StoryView, h: &mut Html) -> io::Result<()> {
    for s in &story.source_list {
        h.raw("<li id=\"")?
            .value(&s.anchor)?
            .raw("\" value=\"")?
            .number(s.marker)?
            .raw("\"><span class=\"name\">")?
            .value(s.name)?
            .raw("</span>")?;
        for a in &s.articles {
            if !(truthy(a.title) || truthy(a.url)) {
                continue;
            }
            h.raw(" — ")?;
            if truthy(a.url) {
                let url = a.url.unwrap_or_default();
                h.raw("<a href=\"")?.value(url)?.raw("\">")?;
                if truthy(a.title) {
                    h.value(a.title.unwrap_or_default())?;
                } else {
                    h.value(url)?;
                }
                h.raw("</a>")?;
            } else {
                h.value(a.title.unwrap_or_default())?;
            }
        }
        h.raw("</li>\n    ")?;
    }
    Ok(())
}
