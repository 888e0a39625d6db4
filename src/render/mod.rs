//! Render stage: turns a [`Digest`] into Markdown, HTML and JSON.
//!
//! Markdown and HTML go through tera templates (`templates/digest.md`,
//! `templates/digest.html`), embedded in the binary and replaceable with a folder of
//! the same names. The HTML template is named `.html`, so tera escapes every value; the
//! Markdown template escapes article text with the `md` filter. JSON is written from its
//! own wire types ([`json`]) so internal changes cannot break the `newsdigest/1` contract.
//! Rendering does no I/O beyond reading override templates. The archive pages (index
//! and feed) are the [`archive`](crate::archive) module's; they load their templates
//! through [`load_templates`] so that overriding works the same way.

mod filters;
pub mod json;
mod view;

pub use view::totals_line;

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use serde::Serialize;
use tera::{Context, Tera};

use crate::digest::Digest;

const MARKDOWN_TEMPLATE: &str = include_str!("../../templates/digest.md");
const HTML_TEMPLATE: &str = include_str!("../../templates/digest.html");
const MARKDOWN_NAME: &str = "digest.md";
const HTML_NAME: &str = "digest.html";

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
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// Renders digests with the built-in templates or a folder that overrides them.
pub struct Renderer {
    tera: Tera,
    single_source_shown: usize,
}

impl Renderer {
    /// The built-in templates, with any of `digest.md` / `digest.html` found in
    /// `override_dir` taking their place.
    pub fn new(
        override_dir: Option<&Path>,
        single_source_shown: usize,
    ) -> Result<Renderer, RenderError> {
        let tera = load_templates(
            &[
                (MARKDOWN_NAME, MARKDOWN_TEMPLATE),
                (HTML_NAME, HTML_TEMPLATE),
            ],
            override_dir,
        )?;
        Ok(Renderer {
            tera,
            single_source_shown,
        })
    }

    pub fn render(&self, digest: &Digest, format: Format) -> Result<String, RenderError> {
        match format {
            Format::Json => Ok(json::to_json(digest)?),
            Format::Markdown => self.render_template(MARKDOWN_NAME, digest),
            Format::Html => self.render_template(HTML_NAME, digest),
        }
    }

    fn render_template(&self, name: &str, digest: &Digest) -> Result<String, RenderError> {
        let mut context = Context::new();
        context.insert(
            "digest",
            &view::digest_view(digest, self.single_source_shown),
        );
        self.tera
            .render(name, &context)
            .map_err(|err| template_error(name, &err))
    }
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
        let replacement = override_dir
            .map(|dir| dir.join(name))
            .filter(|path| path.exists());
        let content = match replacement {
            Some(path) => {
                std::fs::read_to_string(&path).map_err(|source| RenderError::ReadTemplate {
                    path: path.display().to_string(),
                    source,
                })?
            }
            None => (*builtin).to_string(),
        };
        tera.add_raw_template(name, &content)
            .map_err(|err| template_error(name, &err))?;
    }
    Ok(tera)
}

pub(crate) fn template_error(name: &str, err: &tera::Error) -> RenderError {
    use std::error::Error;
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    RenderError::Template {
        name: name.to_string(),
        message,
    }
}
