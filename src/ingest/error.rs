//! What goes wrong reading an input, as types: [`ReadError`], why a file, a line or an
//! item gave no article, and [`Reason`], what a [`Problem`](super::Problem) says about
//! its input. Their messages are what follows the input's name on stderr
//! (`newsdigest: PATH[:LINE]: reason`).

/// Why an input (a file, a JSONL line, an item of a JSON array) gave no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("skipped: binary file, not text")]
    Binary,
    #[error("unsupported file type (expected one of: {0})")]
    UnsupportedType(String),
    #[error("empty file")]
    EmptyFile,
    #[error("empty article")]
    EmptyArticle,
    #[error("no title and no article text found in the page")]
    EmptyPage,
    /// Markup refused before or while parsing (too many elements or attributes, too
    /// deep, too slow); the message says which, after `skipped:`.
    #[error("skipped: {0}")]
    Markup(String),
    #[error("not a readable RSS, Atom or JSON feed: {0}")]
    NotAFeed(String),
    #[error("front matter opened with {0} is never closed")]
    UnclosedFrontMatter(&'static str),
    #[error("front matter: {0}")]
    FrontMatter(String),
    #[error("invalid JSON: {0}")]
    InvalidJson(String),
    /// A JSONL line that is not an article object.
    #[error("invalid article: {0}")]
    InvalidArticle(String),
    /// An item of a JSON array (or a lone object) that is not an article object.
    #[error("not an article: {0}")]
    NotAnArticle(String),
    #[error("article has an empty id")]
    EmptyId,
    #[error("article {0:?} has neither title nor text")]
    NoTitleOrText(String),
    /// An id or label that is neither text nor a number.
    #[error("{what} should be text or a number, found {found}")]
    BadId { what: &'static str, found: String },
    /// The `index`th item (from 1) of a JSON array.
    #[error("item {index}: {source}")]
    Item {
        index: usize,
        source: Box<ReadError>,
    },
}

/// What a problem says about its input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Reason {
    /// The input could not be opened or read (missing, no permission).
    #[error("cannot read: {0}")]
    CannotRead(String),
    /// It was read, but gave no article.
    #[error(transparent)]
    Unreadable(#[from] ReadError),
    /// Read, and something in it was skipped, cut to a limit or decoded with
    /// replacements, as the message says; the rest of it is kept.
    #[error("{0}")]
    Note(String),
}
