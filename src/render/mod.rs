//! Render stage: turns a [`Digest`] into Markdown, HTML and JSON.
//!
//! Markdown and HTML go through tera templates, embedded in the binary and replaceable
//! with a folder of the same names: a page (`digest.md`, `digest.html`) that prints
//! `{{ stories }}` where the stories go, and a story template (`story.md`,
//! `story.html`) rendered once for each story. The HTML templates are named `.html`, so
//! tera escapes every value; the Markdown ones escape article text with the `md` filter.
//! While the built-in story templates are in use, stories are written by [`direct`]
//! instead, byte for byte what tera would render from them, without the cost of tera.
//! JSON is written from its own wire types ([`json`]) so internal changes cannot break
//! the `newsdigest/1` contract.
//!
//! A large morning's briefing is hundreds of megabytes, so nothing is built whole: the
//! page is rendered once around a placeholder, then the stories are rendered in batches
//! (in parallel, each into its own buffer) and written in order to each format's writer
//! by a thread of its own while the next batch is made. Rendering does no I/O beyond reading override templates
//! and writing to the writers it is given. The archive pages (index and feed) are the
//! [`archive`](crate::archive) module's; they load their templates through
//! [`load_templates`] so that overriding works the same way.

mod direct;
mod filters;
pub mod json;
mod view;
mod word_diff;

pub use view::totals_line;

use std::fmt;
use std::hash::{BuildHasher, RandomState};
use std::io::{self, Write};
use std::path::Path;
use std::str::FromStr;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::digest::{Digest, StoryEntry};

const MARKDOWN_PAGE: &str = "digest.md";
const MARKDOWN_STORY: &str = "story.md";
const HTML_PAGE: &str = "digest.html";
const HTML_STORY: &str = "story.html";
/// The built-in templates, by name.
const BUILTINS: [(&str, &str); 4] = [
    (MARKDOWN_PAGE, include_str!("../../templates/digest.md")),
    (MARKDOWN_STORY, include_str!("../../templates/story.md")),
    (HTML_PAGE, include_str!("../../templates/digest.html")),
    (HTML_STORY, include_str!("../../templates/story.html")),
];

/// Every template a folder given with `--templates` (or the config's `templates`) may
/// replace: the briefing's pages and stories, and the archive's index and feed.
pub const TEMPLATE_NAMES: [&str; 6] = [
    MARKDOWN_PAGE,
    MARKDOWN_STORY,
    HTML_PAGE,
    HTML_STORY,
    crate::archive::INDEX_NAME,
    crate::archive::FEED_NAME,
];

/// Why a templates folder cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {problem}")]
pub struct TemplateFolderError {
    pub path: std::path::PathBuf,
    pub problem: String,
}

/// Checks that `dir` is a folder holding at least one of [`TEMPLATE_NAMES`]: a folder
/// that is missing, misspelt or holds none of them would otherwise leave the built-in
/// templates in use without a word.
pub fn check_template_folder(dir: &Path) -> Result<(), TemplateFolderError> {
    let refuse = |problem: String| TemplateFolderError {
        path: dir.to_path_buf(),
        problem,
    };
    match std::fs::metadata(dir) {
        Ok(metadata) if metadata.is_dir() => {}
        Ok(_) => return Err(refuse("not a folder".to_string())),
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            return Err(refuse("no such folder".to_string()));
        }
        Err(err) => return Err(refuse(format!("cannot read: {err}"))),
    }
    if TEMPLATE_NAMES.iter().any(|name| dir.join(name).is_file()) {
        Ok(())
    } else {
        Err(refuse(format!(
            "holds none of the templates ({})",
            TEMPLATE_NAMES.join(", ")
        )))
    }
}

/// How much is rendered before it is written, counted in statements (mentions and
/// figures): enough stories to keep every core busy, few enough that the text held at
/// once stays in the tens of megabytes even when the first stories of a large morning
/// each have thousands of statements.
const STATEMENTS_PER_BATCH: usize = 20_000;

/// An output format of the briefing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Format {
    Markdown,
    Html,
    Json,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Html, Format::Json];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            "json" => Ok(Format::Json),
            other => Err(format!(
                "unknown format {other:?} (expected md, html or json)"
            )),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

/// Why rendering failed.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("reading template {path}: {source}")]
    ReadTemplate {
        path: String,
        source: std::io::Error,
    },
    #[error("template {name}: {message}")]
    Template { name: String, message: String },
    /// The writer of one format failed (a full disk, a closed pipe).
    #[error("writing the {format} briefing: {source}")]
    Write { format: Format, source: io::Error },
}

/// Renders digests with the built-in templates or a folder that overrides them.
pub struct Renderer {
    tera: Tera,
    single_source_shown: usize,
    /// The story templates that are the built-in ones, written without tera
    /// ([`direct`]).
    builtin_stories: Vec<&'static str>,
    /// The folder of override templates, to name the file a template error is in.
    override_dir: Option<std::path::PathBuf>,
}

impl Renderer {
    /// The built-in templates, with any of `digest.md`, `story.md`, `digest.html` and
    /// `story.html` found in `override_dir` taking their place.
    pub fn new(
        override_dir: Option<&Path>,
        single_source_shown: usize,
    ) -> Result<Renderer, RenderError> {
        Ok(Renderer {
            tera: load_templates(&BUILTINS, override_dir)?,
            single_source_shown,
            builtin_stories: [MARKDOWN_STORY, HTML_STORY]
                .into_iter()
                .filter(|name| replacement(override_dir, name).is_none())
                .collect(),
            override_dir: override_dir.map(Path::to_path_buf),
        })
    }

    fn shown_name(&self, name: &str) -> String {
        shown_name(self.override_dir.as_deref(), name)
    }

    /// The digest in one format, as one string (for tests and small digests; a
    /// briefing on disk is written with [`Renderer::write`]).
    pub fn render(&self, digest: &Digest, format: Format) -> Result<String, RenderError> {
        let mut out = [(format, Vec::new())];
        self.write(digest, &mut out)?;
        let [(_, bytes)] = out;
        String::from_utf8(bytes).map_err(|err| RenderError::Write {
            format,
            source: io::Error::new(io::ErrorKind::InvalidData, err),
        })
    }

    /// Writes the digest in each format of `outputs` to that format's writer, all in
    /// one pass over the stories, and flushes the writers.
    pub fn write<W: Write + Send>(
        &self,
        digest: &Digest,
        outputs: &mut [(Format, W)],
    ) -> Result<(), RenderError> {
        self.write_in_batches(digest, outputs, STATEMENTS_PER_BATCH)
    }

    /// [`Renderer::write`], rendering the stories in batches of about `statements`
    /// statements.
    fn write_in_batches<W: Write + Send>(
        &self,
        digest: &Digest,
        outputs: &mut [(Format, W)],
        statements: usize,
    ) -> Result<(), RenderError> {
        let page = Value::from_serializable(&view::page_view(digest));
        let marker = stories_marker();
        let frames: Vec<Frame> = outputs
            .iter()
            .map(|(format, _)| self.frame(*format, &page, &marker))
            .collect::<Result<_, _>>()?;
        for ((format, out), frame) in outputs.iter_mut().zip(&frames) {
            frame
                .write_head(digest, &mut *out)
                .map_err(|source| write_error(*format, source))?;
        }
        let stories = self.write_stories(digest, &page, &frames, outputs, statements)?;
        for ((format, out), frame) in outputs.iter_mut().zip(&frames) {
            frame
                .write_tail(stories, &mut *out)
                .and_then(|()| out.flush())
                .map_err(|source| write_error(*format, source))?;
        }
        Ok(())
    }

    /// Renders the stories batch after batch on the pool's threads while a thread of its
    /// own writes each finished batch to the outputs, in order; returns how many stories
    /// there were. Writing a large briefing is seconds of one core's work: done in turns
    /// with rendering, each batch waited for the other and left a core idle.
    fn write_stories<W: Write + Send>(
        &self,
        digest: &Digest,
        page: &Value,
        frames: &[Frame],
        outputs: &mut [(Format, W)],
        statements: usize,
    ) -> Result<usize, RenderError> {
        std::thread::scope(|scope| {
            // One batch waits while one is written: memory stays a few batches.
            let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Pieces>>(1);
            let writer = scope.spawn(move || {
                receive
                    .into_iter()
                    .try_for_each(|rendered| write_pieces(outputs, rendered))
            });
            let mut stories = 0;
            let mut rendering = Ok(());
            for batch in batches(&digest.stories, statements) {
                let rendered = match self.batch_pieces(digest, page, batch, stories, frames) {
                    Ok(rendered) => rendered,
                    Err(err) => {
                        rendering = Err(err);
                        break;
                    }
                };
                // A closed channel means the writer stopped on an error, reported below.
                if send.send(rendered).is_err() {
                    break;
                }
                stories += batch.len();
            }
            drop(send);
            let written = writer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            written.and(rendering).map(|()| stories)
        })
    }

    /// The pieces of each story of `batch`, which starts at story number `first + 1`,
    /// rendered in parallel.
    fn batch_pieces(
        &self,
        digest: &Digest,
        page: &Value,
        batch: &[StoryEntry],
        first: usize,
        frames: &[Frame],
    ) -> Result<Vec<Pieces>, RenderError> {
        batch
            .par_iter()
            .enumerate()
            .map(|(i, story)| self.story_pieces(digest, page, story, first + i, frames))
            .collect()
    }

    /// The page of `format` rendered around the stories' placeholder.
    fn frame(&self, format: Format, page: &Value, marker: &str) -> Result<Frame, RenderError> {
        let name = match format {
            Format::Json => return Ok(Frame::json()),
            Format::Markdown => MARKDOWN_PAGE,
            Format::Html => HTML_PAGE,
        };
        let mut context = Context::new();
        context.insert_value("digest", page.clone());
        context.insert("stories", marker);
        let text = self
            .tera
            .render(name, &context)
            .map_err(|err| template_error(&self.shown_name(name), &err))?;
        Frame::around(format, name, text, marker)
    }

    /// Story number `index + 1` in each frame's format (empty for a page that shows no
    /// stories). The formats are rendered in parallel too, for the few stories of a
    /// large morning that are a batch of their own.
    fn story_pieces(
        &self,
        digest: &Digest,
        page: &Value,
        story: &StoryEntry,
        index: usize,
        frames: &[Frame],
    ) -> Result<Pieces, RenderError> {
        let templated = frames.iter().any(|f| f.story_template.is_some());
        let view = templated.then(|| {
            view::story_view(
                story,
                index + 1,
                digest.earlier_digests > 0,
                self.single_source_shown,
            )
        });
        // Template values only for a story template from an override folder.
        let through_tera = frames
            .iter()
            .filter_map(|f| f.story_template)
            .any(|name| !self.builtin_stories.contains(&name));
        let context = view.as_ref().filter(|_| through_tera).map(|view| {
            let mut context = Context::new();
            context.insert_value("digest", page.clone());
            context.insert("story", view);
            context
        });
        frames
            .par_iter()
            .map(|frame| {
                let mut piece = Vec::new();
                match (frame.story_template, &view) {
                    _ if frame.format == Format::Json => {
                        json::write_story(story, index, &mut piece)
                            .map_err(|source| write_error(Format::Json, source))?;
                    }
                    (Some(name), Some(view)) if self.builtin_stories.contains(&name) => {
                        let written = match frame.format {
                            Format::Html => direct::story_html(view, &mut piece),
                            _ => {
                                let mut text = String::new();
                                let written = direct::story_markdown(view, &mut text);
                                piece = text.into_bytes();
                                written
                            }
                        };
                        written.map_err(|source| write_error(frame.format, source))?;
                    }
                    (Some(name), _) => {
                        if let Some(context) = &context {
                            self.tera
                                .render_to(name, context, &mut piece)
                                .map_err(|err| template_error(&self.shown_name(name), &err))?;
                        }
                    }
                    _ => {}
                }
                Ok(piece)
            })
            .collect()
    }
}

/// One story rendered in each output's format, in the order of the outputs.
type Pieces = Vec<Vec<u8>>;

/// Writes each story's pieces to the outputs, in order.
fn write_pieces<W: Write>(
    outputs: &mut [(Format, W)],
    stories: Vec<Pieces>,
) -> Result<(), RenderError> {
    for pieces in stories {
        for ((format, out), piece) in outputs.iter_mut().zip(pieces) {
            out.write_all(&piece)
                .map_err(|source| write_error(*format, source))?;
        }
    }
    Ok(())
}

fn write_error(format: Format, source: io::Error) -> RenderError {
    RenderError::Write { format, source }
}

/// `stories` cut into consecutive batches of about `statements` statements each (a
/// story larger than that is a batch of its own).
fn batches(stories: &[StoryEntry], statements: usize) -> impl Iterator<Item = &[StoryEntry]> {
    let mut rest = stories;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut total = 0;
        let size = rest
            .iter()
            .position(|story| {
                total += statements_in(story);
                total > statements
            })
            .map_or(rest.len(), |over| over.max(1));
        let (batch, after) = rest.split_at(size);
        rest = after;
        Some(batch)
    })
}

fn statements_in(story: &StoryEntry) -> usize {
    let mentions: usize = story.facts.iter().map(|f| f.mentions.len()).sum();
    let values: usize = story.discrepancies.iter().map(|d| d.values.len()).sum();
    1 + mentions + values
}

/// What one format writes around its stories.
struct Frame {
    format: Format,
    head: String,
    tail: String,
    /// The template each story is rendered with; none for JSON, which has its own
    /// writer, and for a page that does not print `{{ stories }}`.
    story_template: Option<&'static str>,
}

impl Frame {
    fn json() -> Frame {
        Frame {
            format: Format::Json,
            head: String::new(),
            tail: String::new(),
            story_template: None,
        }
    }

    /// The rendered page `text` split where it printed `marker`.
    fn around(
        format: Format,
        name: &str,
        text: String,
        marker: &str,
    ) -> Result<Frame, RenderError> {
        let story_template = match format {
            Format::Html => HTML_STORY,
            _ => MARKDOWN_STORY,
        };
        let mut parts = text.split(marker);
        let head = parts.next().unwrap_or_default().to_string();
        let tail = parts.next();
        if parts.next().is_some() {
            return Err(RenderError::Template {
                name: name.to_string(),
                message: "prints {{ stories }} more than once".to_string(),
            });
        }
        Ok(Frame {
            format,
            head,
            story_template: tail.is_some().then_some(story_template),
            tail: tail.unwrap_or_default().to_string(),
        })
    }

    fn write_head(&self, digest: &Digest, out: impl Write) -> io::Result<()> {
        match self.format {
            Format::Json => json::write_head(digest, out),
            _ => write_str(out, &self.head),
        }
    }

    fn write_tail(&self, stories: usize, out: impl Write) -> io::Result<()> {
        match self.format {
            Format::Json => json::write_tail(stories, out),
            _ => write_str(out, &self.tail),
        }
    }
}

fn write_str(mut out: impl Write, text: &str) -> io::Result<()> {
    out.write_all(text.as_bytes())
}

/// What the page prints for `{{ stories }}`, to be replaced by the stories: random, so
/// that no article text shown on the page (a headline in a table of contents) can
/// forge it.
fn stories_marker() -> String {
    let nonce = RandomState::new().hash_one("newsdigest stories");
    format!("newsdigest-stories-{nonce:016x}")
}

/// A tera with the filters registered and the given `(name, built-in text)` templates,
/// each replaced by the file of the same name in `override_dir` when there is one.
/// Names keep their real extension so that tera autoescapes `.html` and `.xml`.
pub(crate) fn load_templates(
    builtins: &[(&str, &str)],
    override_dir: Option<&Path>,
) -> Result<Tera, RenderError> {
    let mut tera = Tera::new();
    filters::register(&mut tera);
    for (name, builtin) in builtins {
        let content = match replacement(override_dir, name) {
            Some(path) => {
                std::fs::read_to_string(&path).map_err(|source| RenderError::ReadTemplate {
                    path: path.display().to_string(),
                    source,
                })?
            }
            None => (*builtin).to_string(),
        };
        tera.add_raw_template(name, &content)
            .map_err(|err| template_error(&shown_name(override_dir, name), &err))?;
    }
    Ok(tera)
}

/// How errors name template `name`: its file when a folder replaces it.
pub(crate) fn shown_name(override_dir: Option<&Path>, name: &str) -> String {
    replacement(override_dir, name)
        .map_or_else(|| name.to_string(), |path| path.display().to_string())
}

/// The file in `override_dir` that replaces the built-in template `name`, if any.
fn replacement(override_dir: Option<&Path>, name: &str) -> Option<std::path::PathBuf> {
    override_dir
        .map(|dir| dir.join(name))
        .filter(|path| path.exists())
}

/// A tera error as one line, `template NAME:LINE:COLUMN: reason` where tera knows the
/// place (its own report draws the template's line under it, over several lines), then
/// the reasons it was caused by.
pub(crate) fn template_error(name: &str, err: &tera::Error) -> RenderError {
    use std::error::Error;
    let (name, mut message) = match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            (
                format!("{name}:{}:{}", span.start_line, span.start_col + 1),
                lower_first(report.message()),
            )
        }
        _ => (name.to_string(), lower_first(&err.to_string())),
    };
    let mut source = err.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    RenderError::Template { name, message }
}

/// "Unexpected end of input" as our messages are written: lower-case (an acronym such
/// as "HTML" is left as it is).
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => first
            .to_lowercase()
            .chain(text[first.len_utf8()..].chars())
            .collect(),
        _ => text.to_string(),
    }
}

/// Every variable path of `value` under `prefix`, arrays as `[]` (for the test that
/// templates/README.md documents every variable).
#[cfg(test)]
pub(crate) fn variable_paths(
    value: &serde_json::Value,
    prefix: &str,
    out: &mut std::collections::BTreeSet<String>,
) {
    match value {
        serde_json::Value::Object(fields) => {
            for (key, field) in fields {
                let path = format!("{prefix}.{key}");
                out.insert(path.clone());
                variable_paths(field, &path, out);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                variable_paths(item, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::ingest::Article;
    use crate::options::Options;

    fn digest() -> Digest {
        let article = |id: &str, source: &str, text: &str| Article {
            id: id.to_string(),
            title: None,
            text: text.to_string(),
            source: source.to_string(),
            url: None,
            published: None,
        };
        let date = NaiveDate::from_ymd_opt(2025, 12, 8).unwrap_or_default();
        crate::summarize(
            &[
                article(
                    "a",
                    "A",
                    "Three days of talks ended without a breakthrough.",
                ),
                article("b", "B", "The central bank raised rates by half a point."),
            ],
            &Options::for_date(date),
        )
    }

    fn renderer_with(templates: &[(&str, &str)]) -> Result<Renderer, RenderError> {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in templates {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        Renderer::new(Some(dir.path()), 8)
    }

    #[test]
    fn the_page_places_each_story_rendered_from_the_story_template() {
        let renderer = renderer_with(&[
            (
                "digest.md",
                "{{ digest.totals.stories }} stories:\n{{ stories }}end\n",
            ),
            (
                "story.md",
                "{{ story.number }}/{{ digest.totals.stories }}\n",
            ),
        ])
        .unwrap();
        let markdown = renderer.render(&digest(), Format::Markdown).unwrap();
        assert_eq!(markdown, "2 stories:\n1/2\n2/2\nend\n");
    }

    #[test]
    fn a_templates_folder_must_hold_a_template() {
        let dir = tempfile::tempdir().unwrap();
        let error = check_template_folder(dir.path()).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("holds none of the templates (digest.md"),
            "{error}"
        );
        let missing = dir.path().join("nope");
        let error = check_template_folder(&missing).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("{}: no such folder", missing.display())
        );
        std::fs::write(dir.path().join("digest.md"), "x").unwrap();
        let error = check_template_folder(&dir.path().join("digest.md")).unwrap_err();
        assert!(error.to_string().ends_with(": not a folder"), "{error}");
        std::fs::write(dir.path().join("feed.xml"), "x").unwrap();
        check_template_folder(dir.path()).unwrap();
    }

    #[test]
    fn a_page_that_prints_the_stories_twice_is_refused() {
        let renderer = renderer_with(&[("digest.html", "{{ stories }}{{ stories }}")]).unwrap();
        let error = renderer.render(&digest(), Format::Html).unwrap_err();
        assert!(error.to_string().contains("digest.html"), "{error}");
        assert!(error.to_string().contains("more than once"), "{error}");
    }

    /// Articles that reach every branch of the story templates: figures that differ
    /// (on named days and not), text that needs escaping, sources with and without a
    /// title or web address, facts from one source.
    fn varied_digest() -> Digest {
        let article =
            |id: &str, source: &str, title: Option<&str>, url: Option<&str>, text: &str| Article {
                id: id.to_string(),
                title: title.map(str::to_string),
                text: text.to_string(),
                source: source.to_string(),
                url: url.map(str::to_string),
                published: None,
            };
        let date = NaiveDate::from_ymd_opt(2025, 12, 8).unwrap_or_default();
        crate::summarize(
            &[
                article(
                    "a",
                    "A & <Co>",
                    Some("Talks \"stall\" in Florida"),
                    Some("https://a.example/1?x=1&y='2'"),
                    "Three days of talks ended without a breakthrough in Miami. On Monday, Russia launched 653 drones at Ukraine, the air force said. 1. The mayor's office [closed] *schools* for a week.",
                ),
                article(
                    "b",
                    "B",
                    None,
                    None,
                    "Two days of talks ended “without a breakthrough” in Geneva. On Tuesday, Russia launched 370 drones at Ukraine, the air force said. The central bank raised rates by half a point.",
                ),
                article(
                    "c",
                    "C",
                    Some(""),
                    Some("https://c.example/3"),
                    "Three days of talks ended without a breakthrough in Miami. Officials said 12 schools stayed shut.",
                ),
                article(
                    "d",
                    "A & <Co>",
                    Some("Second piece"),
                    None,
                    "Talks ended; the mayor's office closed schools.",
                ),
            ],
            &Options::for_date(date),
        )
    }

    #[test]
    fn built_in_story_templates_written_directly_match_tera() {
        let through_tera = renderer_with(&[
            ("story.md", include_str!("../../templates/story.md")),
            ("story.html", include_str!("../../templates/story.html")),
        ])
        .unwrap();
        let plain = varied_digest();
        assert!(plain.stories.iter().any(|s| !s.discrepancies.is_empty()));
        let first = plain.stories[0].facts[0].id.clone();
        let history = |ids: Vec<String>| crate::store::History {
            earlier_digests: 1,
            first_reported: ids
                .into_iter()
                .map(|id| (id, NaiveDate::from_ymd_opt(2025, 12, 1).unwrap_or_default()))
                .collect(),
        };
        let all = plain
            .stories
            .iter()
            .flat_map(|s| &s.facts)
            .map(|f| f.id.clone());
        let digests = [
            crate::store::mark_reported(plain.clone(), &history(vec![first])),
            crate::store::mark_reported(plain.clone(), &history(all.collect())),
            crate::store::mark_reported(plain.clone(), &history(Vec::new())),
            plain,
        ];
        let mut seen = String::new();
        for shown in [0, 1, 8] {
            let direct = Renderer::new(None, shown).unwrap();
            let through_tera = Renderer {
                single_source_shown: shown,
                builtin_stories: Vec::new(),
                tera: through_tera.tera.clone(),
                override_dir: None,
            };
            for digest in &digests {
                for format in [Format::Markdown, Format::Html] {
                    let expected = through_tera.render(digest, format).unwrap();
                    assert_eq!(
                        direct.render(digest, format).unwrap(),
                        expected,
                        "{format}, {shown} shown"
                    );
                    seen.push_str(&expected);
                }
            }
        }
        // The digests do reach the templates' branches.
        for branch in [
            "may refer to different events",
            "Already reported",
            "more single-source",
            "status-new",
            "<mark>",
            "‘without a breakthrough’",
            "&amp;",
            "### Key facts",
        ] {
            assert!(seen.contains(branch), "{branch}");
        }
    }

    /// `path` as templates/README.md names it: the fact lists share the fields of
    /// `story.corroborated[]`, and every source those of `story.sources[]`.
    fn documented_as(path: &str) -> String {
        let path = path
            .replace("story.single_source[]", "story.corroborated[]")
            .replace("story.reported[]", "story.corroborated[]");
        for source in ["corroborated[].sources[]", "values[].source"] {
            if let Some(at) = path.find(source)
                && path.len() > at + source.len()
            {
                return format!("story.sources[]{}", &path[at + source.len()..]);
            }
        }
        path
    }

    #[test]
    fn every_variable_and_filter_the_templates_see_is_documented() {
        let documented = include_str!("../../templates/README.md");
        let plain = varied_digest();
        let first = plain.stories[0].facts[0].id.clone();
        let history = crate::store::History {
            earlier_digests: 1,
            first_reported: [(
                first,
                NaiveDate::from_ymd_opt(2025, 12, 1).unwrap_or_default(),
            )]
            .into_iter()
            .collect(),
        };
        let mut paths = std::collections::BTreeSet::new();
        for digest in [crate::store::mark_reported(plain.clone(), &history), plain] {
            let page = serde_json::to_value(view::page_view(&digest)).unwrap();
            variable_paths(&page, "digest", &mut paths);
            for (i, story) in digest.stories.iter().enumerate() {
                let view = view::story_view(story, i + 1, digest.earlier_digests > 0, 1);
                variable_paths(&serde_json::to_value(&view).unwrap(), "story", &mut paths);
            }
        }
        assert!(paths.contains("story.discrepancies[].values[].sentence[].runs[].changed"));
        assert!(paths.contains("story.reported[].first_reported"));
        let missing: Vec<String> = paths
            .iter()
            .map(|p| documented_as(p))
            .filter(|p| !documented.contains(&format!("`{p}`")))
            .collect();
        assert!(
            missing.is_empty(),
            "not in templates/README.md: {missing:?}"
        );
        for filter in ["md", "number", "inner_quotes"] {
            assert!(documented.contains(&format!("| `{filter}` |")), "{filter}");
        }
        for name in TEMPLATE_NAMES {
            assert!(documented.contains(&format!("`{name}`")), "{name}");
        }
    }

    /// Takes `room` bytes, then fails as a full disk does.
    struct FillingUp {
        room: usize,
    }

    impl Write for FillingUp {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::new(io::ErrorKind::StorageFull, "no space left"));
            }
            let taken = buf.len().min(self.room);
            self.room -= taken;
            Ok(taken)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn stories_written_a_batch_at_a_time_are_the_stories_written_at_once() {
        let renderer = Renderer::new(None, 8).unwrap();
        let digest = digest();
        assert!(digest.stories.len() > 1, "more than one batch");
        for format in Format::ALL {
            let mut outputs = vec![(format, Vec::new())];
            renderer.write_in_batches(&digest, &mut outputs, 1).unwrap();
            let alone = renderer.render(&digest, format).unwrap();
            assert_eq!(String::from_utf8(outputs.remove(0).1).unwrap(), alone);
        }
    }

    #[test]
    fn a_writer_that_fails_between_batches_is_reported_and_rendering_stops() {
        let renderer = Renderer::new(None, 8).unwrap();
        let digest = digest();
        let whole = renderer.render(&digest, Format::Markdown).unwrap().len();
        // Room for the head and some of the stories, at each point in turn.
        for room in [0, whole / 3, whole / 2, whole - 1] {
            let mut outputs = vec![(Format::Markdown, FillingUp { room })];
            let failed = renderer.write_in_batches(&digest, &mut outputs, 1);
            assert!(
                matches!(
                    failed,
                    Err(RenderError::Write { format: Format::Markdown, ref source })
                        if source.kind() == io::ErrorKind::StorageFull
                ),
                "{room}: {failed:?}"
            );
        }
    }

    #[test]
    fn every_format_is_written_in_one_pass_as_when_rendered_alone() {
        let renderer = Renderer::new(None, 8).unwrap();
        let digest = digest();
        let mut outputs: Vec<(Format, Vec<u8>)> =
            Format::ALL.iter().map(|&f| (f, Vec::new())).collect();
        renderer.write(&digest, &mut outputs).unwrap();
        for (format, bytes) in outputs {
            let alone = renderer.render(&digest, format).unwrap();
            assert_eq!(String::from_utf8(bytes).unwrap(), alone, "{format}");
        }
    }
}
