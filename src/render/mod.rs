//! Render stage: turns a [`Digest`] into Markdown, HTML and JSON.
//!
//! Markdown and HTML go through tera, from the templates in `templates/`: they are
//! embedded in the binary (the only source of the built-in layout) and a folder of the
//! same names replaces any of them. A page (`digest.md`, `digest.html`) prints
//! `{{ stories }}` where the stories go, and a story template (`story.md`,
//! `story.html`) is rendered once for each story shown in full. A person reads the top
//! of a briefing, not a large morning's thousands of stories: the page shows the first
//! [`RenderOptions::stories`] in full and lists the rest one line each
//! (`digest.more_stories`), while the JSON, which tools read, keeps every story in full.
//! The HTML templates are named `.html`, so tera escapes every value; the Markdown ones
//! escape article text with the `md` filter ([`filters`]). What templates see is
//! computed in Rust ([`view`], with the words that differ between figures' sentences
//! from [`differing`]).
//!
//! JSON is serde_json's, from the `newsdigest/1` wire types in [`json`], streamed story
//! by story. Rendering does no I/O beyond reading override templates and writing to the
//! writers it is given. The archive pages (index and feed) are the
//! [`archive`](crate::archive) module's; they load their templates through
//! [`load_templates`] so that overriding works the same way.

mod differing;
mod filters;
pub mod json;
mod view;

pub use view::totals_line;

use std::fmt;
use std::hash::{BuildHasher, RandomState};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
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
    pub path: PathBuf,
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

    /// The page and story templates of a page format; none for JSON.
    fn templates(self) -> Option<(&'static str, &'static str)> {
        match self {
            Format::Markdown => Some((MARKDOWN_PAGE, MARKDOWN_STORY)),
            Format::Html => Some((HTML_PAGE, HTML_STORY)),
            Format::Json => None,
        }
    }
}

/// A format name that is not one of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown format {0:?} (expected md, html or json)")]
pub struct UnknownFormat(String);

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            "json" => Ok(Format::Json),
            other => Err(UnknownFormat(other.to_string())),
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

/// How much of a digest the Markdown and HTML briefing show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    /// Stories shown in full; the rest are listed one line each.
    pub stories: usize,
    /// Single-source statements shown per story (all are in the JSON).
    pub single_source_shown: usize,
    /// The file name of the JSON digest written beside the page, which the list of
    /// further stories links to.
    pub json_file: Option<String>,
}

/// A morning's reading: the stories that most sources corroborate, not all of them.
pub const DEFAULT_STORIES: usize = 40;

impl Default for RenderOptions {
    fn default() -> RenderOptions {
        RenderOptions {
            stories: DEFAULT_STORIES,
            single_source_shown: 8,
            json_file: None,
        }
    }
}

/// Renders digests with the built-in templates or a folder that overrides them.
pub struct Renderer {
    tera: Tera,
    options: RenderOptions,
    /// The folder of override templates, to name the file a template error is in.
    override_dir: Option<PathBuf>,
}

impl Renderer {
    /// The built-in templates, with any of `digest.md`, `story.md`, `digest.html` and
    /// `story.html` found in `override_dir` taking their place.
    pub fn new(
        override_dir: Option<&Path>,
        options: RenderOptions,
    ) -> Result<Renderer, RenderError> {
        Ok(Renderer {
            tera: load_templates(&BUILTINS, override_dir)?,
            options,
            override_dir: override_dir.map(Path::to_path_buf),
        })
    }

    /// The digest in one format, as one string (for tests and small digests; a
    /// briefing on disk is written with [`Renderer::write`]).
    pub fn render(&self, digest: &Digest, format: Format) -> Result<String, RenderError> {
        let mut out = [(format, Vec::new())];
        self.write(digest, &mut out)?;
        let [(_, bytes)] = out;
        String::from_utf8(bytes).map_err(|err| write_error(format, io::Error::other(err)))
    }

    /// Writes the digest in each format of `outputs` to that format's writer, and
    /// flushes the writers.
    pub fn write<W: Write + Send>(
        &self,
        digest: &Digest,
        outputs: &mut [(Format, W)],
    ) -> Result<(), RenderError> {
        let mut pages: Vec<(Format, &mut W)> = Vec::new();
        for (format, out) in outputs.iter_mut() {
            if *format == Format::Json {
                json::write_json(digest, &mut *out).map_err(|e| write_error(*format, e))?;
                out.flush().map_err(|source| write_error(*format, source))?;
            } else {
                pages.push((*format, out));
            }
        }
        if !pages.is_empty() {
            self.write_pages(digest, &mut pages)?;
        }
        Ok(())
    }

    /// The page formats of `outputs`, in one pass over the stories shown in full: each
    /// story's view is made once for every format, and a few stories at a time are
    /// rendered (in parallel) and written, so the template values of a large morning's
    /// biggest stories are never all held at once.
    fn write_pages<W: Write>(
        &self,
        digest: &Digest,
        outputs: &mut [(Format, &mut W)],
    ) -> Result<(), RenderError> {
        let json_file = self.options.json_file.as_deref();
        let page =
            Value::from_serializable(&view::page_view(digest, self.options.stories, json_file));
        let frames: Vec<Frame> = outputs
            .iter()
            .map(|(format, _)| self.frame(*format, &page))
            .collect::<Result<_, _>>()?;
        for ((format, out), frame) in outputs.iter_mut().zip(&frames) {
            write_text(out, *format, &frame.head)?;
        }
        let in_full = &digest.stories[..self.options.stories.min(digest.stories.len())];
        let per_batch = stories_per_batch();
        for (batch, stories) in in_full.chunks(per_batch).enumerate() {
            let first = batch * per_batch;
            let rendered: Vec<Vec<String>> = stories
                .par_iter()
                .enumerate()
                .map(|(i, story)| self.story_pieces(digest, &page, story, first + i, &frames))
                .collect::<Result<_, _>>()?;
            for pieces in rendered {
                for ((format, out), piece) in outputs.iter_mut().zip(pieces) {
                    write_text(out, *format, &piece)?;
                }
            }
        }
        for ((format, out), frame) in outputs.iter_mut().zip(&frames) {
            write_text(out, *format, frame.tail.as_deref().unwrap_or_default())?;
            out.flush().map_err(|source| write_error(*format, source))?;
        }
        Ok(())
    }

    /// Story number `index + 1` rendered from the story template of each frame (empty
    /// for a page that does not print `{{ stories }}`).
    fn story_pieces(
        &self,
        digest: &Digest,
        page: &Value,
        story: &StoryEntry,
        index: usize,
        frames: &[Frame],
    ) -> Result<Vec<String>, RenderError> {
        let compared = digest.earlier_digests > 0;
        let view = view::story_view(story, index + 1, compared, self.options.single_source_shown);
        let mut context = Context::new();
        context.insert_value("digest", page.clone());
        context.insert("story", &view);
        frames
            .iter()
            .map(|frame| match &frame.tail {
                Some(_) => self.render_template(frame.story_template, &context),
                None => Ok(String::new()),
            })
            .collect()
    }

    /// The page of `format` rendered around the stories' placeholder, cut there.
    fn frame(&self, format: Format, page: &Value) -> Result<Frame, RenderError> {
        let (name, story_template) = format
            .templates()
            .unwrap_or((MARKDOWN_PAGE, MARKDOWN_STORY));
        let marker = stories_marker();
        let mut context = Context::new();
        context.insert_value("digest", page.clone());
        context.insert("stories", &marker);
        let text = self.render_template(name, &context)?;
        let mut parts = text.split(&marker);
        let head = parts.next().unwrap_or_default().to_string();
        let tail = parts.next().map(str::to_string);
        if parts.next().is_some() {
            return Err(RenderError::Template {
                name: self.shown_name(name),
                message: "prints {{ stories }} more than once".to_string(),
            });
        }
        Ok(Frame {
            head,
            tail,
            story_template,
        })
    }

    fn render_template(&self, name: &str, context: &Context) -> Result<String, RenderError> {
        self.tera
            .render(name, context)
            .map_err(|err| template_error(&self.shown_name(name), &err))
    }

    fn shown_name(&self, name: &str) -> String {
        shown_name(self.override_dir.as_deref(), name)
    }
}

/// Stories rendered before they are written: one per core. The first stories of a
/// large morning are its biggest (tens of thousands of statements each), and their
/// template values are copies of their text: more at once raised the peak memory at
/// 100,000 articles by about 100 MiB.
fn stories_per_batch() -> usize {
    rayon::current_num_threads().max(1)
}

/// A rendered page cut where it prints `{{ stories }}`.
struct Frame {
    head: String,
    /// What follows the stories; none when the page does not print them.
    tail: Option<String>,
    /// The template each story is rendered from.
    story_template: &'static str,
}

fn write_text(out: &mut impl Write, format: Format, text: &str) -> Result<(), RenderError> {
    out.write_all(text.as_bytes())
        .map_err(|source| write_error(format, source))
}

fn write_error(format: Format, source: io::Error) -> RenderError {
    RenderError::Write { format, source }
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
fn replacement(override_dir: Option<&Path>, name: &str) -> Option<PathBuf> {
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
mod tests;
