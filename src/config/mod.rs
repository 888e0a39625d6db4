//! The config file (`newsdigest.toml`): the digest's title, output folder, formats,
//! time window and store, how feeds are fetched, and the list of feeds.
//!
//! It owns finding the file (`--config`, else `./newsdigest.toml`, else
//! `$XDG_CONFIG_HOME/newsdigest/config.toml`), reading it strictly (an unknown key is an
//! error, and every error names the file, line and key), resolving relative paths
//! against the file's folder, and the commented example `newsdigest init` writes. It
//! does not fetch, open the store or build anything: it gives a validated [`Config`].

pub mod duration;

use std::collections::HashMap;
use std::fs;
use std::num::NonZeroUsize;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Deserializer};
use toml::Spanned;

use crate::fetch::{AllowList, Allowed, Feed, FetchOptions};
use crate::ingest::Limits;
use crate::ingest::limits::parse_size;
use crate::render::Format;

/// The name looked for in the working directory.
pub const FILE_NAME: &str = "newsdigest.toml";

/// What `newsdigest init` writes: every setting, commented.
pub const EXAMPLE: &str = include_str!("example.toml");

const DEFAULT_TITLE: &str = "News digest";
const DEFAULT_OUT: &str = "output";
const DEFAULT_STORE: &str = "newsdigest.db";
const DEFAULT_SINCE: Duration = Duration::from_secs(24 * 3_600);
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
const DEFAULT_RETRIES: u32 = 2;
const DEFAULT_PARALLEL: usize = 4;
/// More retries than this only keeps a cron slot busy with a server that is down.
const MAX_RETRIES: u32 = 10;

/// A validated config, with paths resolved against the config file's folder.
#[derive(Debug, Clone)]
pub struct Config {
    pub file: PathBuf,
    pub title: String,
    pub out: PathBuf,
    pub formats: Vec<Format>,
    /// How far back a briefing looks.
    pub since: Duration,
    /// Stories the Markdown and HTML briefing show in full.
    pub stories: usize,
    /// Words each story's summary holds at most.
    pub summary_words: usize,
    pub store: PathBuf,
    pub templates: Option<PathBuf>,
    /// How feeds are fetched; its `limits` are the config's `[limits]`.
    pub fetch: FetchOptions,
    pub feeds: Vec<Feed>,
}

/// Why there is no usable config.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("no config file found (looked for {looked}); write one with `newsdigest init`")]
    NotFound { looked: String },
    #[error("reading config {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Invalid {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// The config file to use: `explicit` when given, else the first that exists of
/// `./newsdigest.toml` and `$XDG_CONFIG_HOME/newsdigest/config.toml`.
pub fn locate(explicit: Option<&Path>) -> Result<PathBuf, ConfigError> {
    if let Some(path) = explicit {
        return Ok(path.to_path_buf());
    }
    let candidates = default_locations();
    candidates
        .iter()
        .find(|path| path.is_file())
        .cloned()
        .ok_or_else(|| ConfigError::NotFound {
            looked: candidates
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(" and "),
        })
}

/// Where a config is looked for when `--config` is not given, in order.
pub fn default_locations() -> Vec<PathBuf> {
    let mut locations = vec![PathBuf::from(FILE_NAME)];
    // XDG on every Unix, macOS included, as most command-line tools do.
    if let Ok(strategy) = etcetera::choose_base_strategy() {
        use etcetera::BaseStrategy;
        locations.push(strategy.config_dir().join("newsdigest").join("config.toml"));
    }
    locations
}

/// Reads and validates the config at `path`.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse(path, &text)
}

/// Validates config text; `path` names it in errors and anchors relative paths.
pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
    let raw: RawConfig = toml::from_str(text)
        .map_err(|error| invalid_at(path, text, error.span().unwrap_or(0..0), error.message()))?;
    resolve(path, text, raw)
}

fn resolve(path: &Path, text: &str, raw: RawConfig) -> Result<Config, ConfigError> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let anchored = |p: PathBuf| if p.is_absolute() { p } else { folder.join(p) };
    let formats = match raw.digest.formats {
        Some(list) if list.get_ref().is_empty() => {
            return Err(invalid_at(
                path,
                text,
                list.span(),
                "formats is empty: list at least one of \"md\", \"html\", \"json\"",
            ));
        }
        Some(list) => distinct_formats(list.into_inner()),
        None => Format::ALL.to_vec(),
    };
    let default_timeout = raw.fetch.timeout.map_or(DEFAULT_TIMEOUT, |t| t.0);
    let allow_private = allowed_private(path, text, raw.fetch.allow_private.unwrap_or_default())?;
    let feeds = feeds_of(path, text, raw.feeds, default_timeout)?;
    Ok(Config {
        file: path.to_path_buf(),
        title: raw
            .digest
            .title
            .unwrap_or_else(|| DEFAULT_TITLE.to_string()),
        out: anchored(raw.digest.out.unwrap_or_else(|| DEFAULT_OUT.into())),
        formats,
        since: raw.digest.since.map_or(DEFAULT_SINCE, |s| s.0),
        stories: raw.digest.stories.unwrap_or(crate::render::DEFAULT_STORIES),
        summary_words: raw
            .digest
            .summary_words
            .unwrap_or(crate::options::DEFAULT_SUMMARY_WORDS),
        store: anchored(raw.digest.store.unwrap_or_else(|| DEFAULT_STORE.into())),
        templates: match raw.digest.templates {
            Some(templates) => {
                let span = templates.span();
                let dir = anchored(templates.into_inner());
                crate::render::check_template_folder(&dir)
                    .map_err(|err| invalid_at(path, text, span, &err.to_string()))?;
                Some(dir)
            }
            None => None,
        },
        fetch: FetchOptions {
            retries: raw.fetch.retries.map_or(DEFAULT_RETRIES, |r| r.0),
            parallel: raw
                .fetch
                .parallel
                .map_or(DEFAULT_PARALLEL, NonZeroUsize::get),
            max_body_bytes: raw
                .limits
                .max_body_bytes
                .map_or(FetchOptions::default().max_body_bytes, |s| s.0),
            limits: limits_of(&raw.limits),
            allow_private: AllowList(allow_private),
            ..FetchOptions::default()
        },
        feeds,
    })
}

/// The `[fetch] allow_private` entries, each checked.
fn allowed_private(
    path: &Path,
    text: &str,
    entries: Vec<Spanned<String>>,
) -> Result<Vec<Allowed>, ConfigError> {
    entries
        .into_iter()
        .map(|entry| {
            let span = entry.span();
            entry
                .into_inner()
                .parse::<Allowed>()
                .map_err(|message| invalid_at(path, text, span, &message.to_string()))
        })
        .collect()
}

/// The `[[feeds]]`, each URL listed once.
fn feeds_of(
    path: &Path,
    text: &str,
    raw: Vec<RawFeed>,
    default_timeout: Duration,
) -> Result<Vec<Feed>, ConfigError> {
    let mut seen_urls: HashMap<String, usize> = HashMap::new();
    let mut feeds = Vec::with_capacity(raw.len());
    for (index, feed) in raw.into_iter().enumerate() {
        let span = feed.url.span();
        let url = feed.url.into_inner().0;
        if let Some(first) = seen_urls.insert(url.clone(), index + 1) {
            return Err(invalid_at(
                path,
                text,
                span,
                &format!("feed {url} is listed twice (also feed #{first})"),
            ));
        }
        feeds.push(Feed {
            name: feed.name.0.trim().to_string(),
            url,
            full_text: feed.full_text,
            timeout: feed.timeout.map_or(default_timeout, |t| t.0),
        });
    }
    Ok(feeds)
}

fn limits_of(raw: &RawLimits) -> Limits {
    let defaults = Limits::default();
    Limits {
        max_file_bytes: raw.max_file_bytes.map_or(defaults.max_file_bytes, |s| s.0),
        max_feed_items: raw
            .max_feed_items
            .map_or(defaults.max_feed_items, NonZeroUsize::get),
        max_text_bytes: raw.max_text_bytes.map_or(defaults.max_text_bytes, |s| {
            usize::try_from(s.0).unwrap_or(usize::MAX)
        }),
        max_html_elements: raw
            .max_html_elements
            .map_or(defaults.max_html_elements, NonZeroUsize::get),
        max_html_depth: raw
            .max_html_depth
            .map_or(defaults.max_html_depth, NonZeroUsize::get),
    }
}

fn distinct_formats(list: Vec<FormatValue>) -> Vec<Format> {
    let mut formats = Vec::new();
    for FormatValue(format) in list {
        if !formats.contains(&format) {
            formats.push(format);
        }
    }
    formats
}

/// An error at a byte span of the config text, told as `file:line: [table] key: message`.
fn invalid_at(path: &Path, text: &str, span: Range<usize>, message: &str) -> ConfigError {
    let place = place_of(text, span.start);
    let message = match (place.table, place.key) {
        (Some(table), Some(key)) => format!("{table} {key}: {message}"),
        (Some(table), None) => format!("{table}: {message}"),
        (None, Some(key)) => format!("{key}: {message}"),
        (None, None) => message.to_string(),
    };
    ConfigError::Invalid {
        path: path.to_path_buf(),
        line: place.line,
        message,
    }
}

/// Where an offset falls: its line, the table it is in (`[digest]`, `[[feeds]] #2`) and
/// the key on that line.
struct Place {
    line: usize,
    table: Option<String>,
    key: Option<String>,
}

fn place_of(text: &str, offset: usize) -> Place {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_text = text.lines().nth(line - 1).unwrap_or("");
    if table_header(line_text).is_some() {
        // The error is about the header itself (an unknown table, a missing key).
        return Place {
            line,
            table: None,
            key: None,
        };
    }
    let mut table = None;
    let mut feeds_seen = 0;
    for header in text.lines().take(line).filter_map(table_header) {
        if header == "[[feeds]]" {
            feeds_seen += 1;
            table = Some(format!("[[feeds]] #{feeds_seen}"));
        } else {
            table = Some(header);
        }
    }
    let key = line_text
        .split_once('=')
        .map(|(key, _)| key.trim().trim_matches('"').to_string())
        .filter(|key| !key.is_empty() && !key.starts_with('#'));
    Place { line, table, key }
}

fn table_header(line: &str) -> Option<String> {
    let line = line.split('#').next().unwrap_or("").trim();
    (line.starts_with('[') && line.ends_with(']')).then(|| line.replace(' ', ""))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    digest: RawDigest,
    #[serde(default)]
    fetch: RawFetch,
    #[serde(default)]
    limits: RawLimits,
    #[serde(default)]
    feeds: Vec<RawFeed>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLimits {
    max_file_bytes: Option<Size>,
    max_body_bytes: Option<Size>,
    max_text_bytes: Option<Size>,
    max_feed_items: Option<NonZeroUsize>,
    max_html_elements: Option<NonZeroUsize>,
    max_html_depth: Option<NonZeroUsize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDigest {
    title: Option<String>,
    out: Option<PathBuf>,
    formats: Option<Spanned<Vec<FormatValue>>>,
    since: Option<PositiveDuration>,
    stories: Option<usize>,
    summary_words: Option<usize>,
    store: Option<PathBuf>,
    templates: Option<Spanned<PathBuf>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFetch {
    timeout: Option<PositiveDuration>,
    retries: Option<Retries>,
    parallel: Option<NonZeroUsize>,
    allow_private: Option<Vec<Spanned<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeed {
    name: FeedName,
    url: Spanned<FeedUrl>,
    #[serde(default)]
    full_text: bool,
    timeout: Option<PositiveDuration>,
}

/// Values are checked while they are read, so toml reports the line of a bad one.
fn parsed_with<'de, D, T, E: std::fmt::Display>(
    deserializer: D,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let text = String::deserialize(deserializer)?;
    parse(&text).map_err(serde::de::Error::custom)
}

#[derive(Debug)]
struct PositiveDuration(Duration);

impl<'de> Deserialize<'de> for PositiveDuration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        parsed_with(deserializer, |text| {
            match duration::parse_duration(text).map_err(|e| e.to_string())? {
                Duration::ZERO => Err(format!("duration {text:?} must be longer than zero")),
                duration => Ok(PositiveDuration(duration)),
            }
        })
    }
}

/// A byte count: a number, or text with a unit such as "64MiB".
#[derive(Debug, Clone, Copy)]
struct Size(u64);

impl<'de> Deserialize<'de> for Size {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Number(u64),
            Text(String),
        }
        let bytes = match Written::deserialize(deserializer)? {
            Written::Number(bytes) => bytes,
            Written::Text(text) => parse_size(&text).map_err(serde::de::Error::custom)?,
        };
        if bytes == 0 {
            return Err(serde::de::Error::custom(
                "a size limit must be more than zero",
            ));
        }
        Ok(Size(bytes))
    }
}

#[derive(Debug)]
struct FeedUrl(String);

impl<'de> Deserialize<'de> for FeedUrl {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        parsed_with(deserializer, |text| {
            let url = url::Url::parse(text.trim())
                .map_err(|err| format!("invalid feed URL {text:?}: {err}"))?;
            if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
                return Err(format!(
                    "invalid feed URL {text:?}: only http:// and https:// URLs can be fetched"
                ));
            }
            Ok(FeedUrl(url.to_string()))
        })
    }
}

#[derive(Debug)]
struct FeedName(String);

impl<'de> Deserialize<'de> for FeedName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        parsed_with(deserializer, |text| {
            if text.trim().is_empty() {
                Err("a feed's name cannot be empty: it names the source in the briefing")
            } else {
                Ok(FeedName(text.to_string()))
            }
        })
    }
}

#[derive(Debug)]
struct FormatValue(Format);

impl<'de> Deserialize<'de> for FormatValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        parsed_with(deserializer, |text| text.parse().map(FormatValue))
    }
}

#[derive(Debug)]
struct Retries(u32);

impl<'de> Deserialize<'de> for Retries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let retries = u32::deserialize(deserializer)?;
        if retries > MAX_RETRIES {
            return Err(serde::de::Error::custom(format!(
                "{retries} retries is too many (at most {MAX_RETRIES})"
            )));
        }
        Ok(Retries(retries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<Config, String> {
        parse(Path::new("conf/newsdigest.toml"), text).map_err(|e| e.to_string())
    }

    #[test]
    fn the_example_is_valid_and_complete() {
        let config = parsed(EXAMPLE).unwrap();
        assert_eq!(config.title, "Morning briefing");
        assert_eq!(config.out, Path::new("conf/output"));
        assert_eq!(config.store, Path::new("conf/newsdigest.db"));
        assert_eq!(config.since, Duration::from_secs(86_400));
        assert_eq!(config.formats, Format::ALL.to_vec());
        assert_eq!(config.feeds.len(), 1);
        assert_eq!(config.feeds[0].url, "https://example.com/rss.xml");
        assert_eq!(config.feeds[0].timeout, Duration::from_secs(10));
        assert_eq!(config.summary_words, 100);
        let shorter = parsed("[digest]\nsummary_words = 40\n").unwrap();
        assert_eq!(shorter.summary_words, 40);
    }

    #[test]
    fn an_empty_file_takes_the_defaults() {
        let config = parsed("").unwrap();
        assert_eq!(config.title, DEFAULT_TITLE);
        assert_eq!(config.summary_words, crate::options::DEFAULT_SUMMARY_WORDS);
        assert!(config.feeds.is_empty());
        assert_eq!(config.fetch.retries, DEFAULT_RETRIES);
    }

    #[test]
    fn unknown_keys_are_named_with_their_line() {
        let error = parsed("[digest]\ntitle = \"x\"\ntitel = \"y\"\n").unwrap_err();
        assert!(
            error.starts_with("conf/newsdigest.toml:3: [digest] titel: unknown field `titel`"),
            "{error}"
        );
        let error = parsed("[digets]\ntitle = \"x\"\n").unwrap_err();
        assert!(
            error.starts_with("conf/newsdigest.toml:1: unknown field `digets`"),
            "{error}"
        );
    }

    #[test]
    fn bad_values_are_named_with_their_table_and_line() {
        let text = "[[feeds]]\nname = \"A\"\nurl = \"https://a.example/feed\"\n\n[[feeds]]\nname = \"B\"\nurl = \"ftp://b.example/feed\"\n";
        let error = parsed(text).unwrap_err();
        assert!(
            error.starts_with("conf/newsdigest.toml:7: [[feeds]] #2 url: invalid feed URL"),
            "{error}"
        );
        let error = parsed("[digest]\nsince = \"2x\"\n").unwrap_err();
        assert!(
            error.starts_with("conf/newsdigest.toml:2: [digest] since: invalid duration \"2x\""),
            "{error}"
        );
        let error = parsed("[fetch]\nretries = \"two\"\n").unwrap_err();
        assert!(
            error.starts_with("conf/newsdigest.toml:2: [fetch] retries: invalid type"),
            "{error}"
        );
        let error = parsed("[digest]\nformats = [\"md\", \"pdf\"]\n").unwrap_err();
        assert!(
            error.contains(":2: [digest] formats: unknown format"),
            "{error}"
        );
    }

    #[test]
    fn a_feed_listed_twice_is_an_error() {
        let text = "[[feeds]]\nname = \"A\"\nurl = \"https://a.example/feed\"\n[[feeds]]\nname = \"A again\"\nurl = \"https://a.example/feed\"\n";
        let error = parsed(text).unwrap_err();
        assert!(
            error.contains(":6: [[feeds]] #2 url: feed https://a.example/feed is listed twice"),
            "{error}"
        );
    }

    #[test]
    fn limits_are_read_with_units_and_checked() {
        let text = "[limits]\nmax_file_bytes = \"1MiB\"\nmax_body_bytes = 2048\nmax_feed_items = 5\nmax_html_depth = 64\n";
        let config = parsed(text).unwrap();
        assert_eq!(config.fetch.limits.max_file_bytes, 1024 * 1024);
        assert_eq!(config.fetch.max_body_bytes, 2048);
        assert_eq!(config.fetch.limits.max_feed_items, 5);
        assert_eq!(config.fetch.limits.max_html_depth, 64);
        assert_eq!(
            config.fetch.limits.max_text_bytes,
            Limits::default().max_text_bytes
        );
        let error = parsed("[limits]\nmax_file_bytes = \"lots\"\n").unwrap_err();
        assert!(
            error.contains(":2: [limits] max_file_bytes: invalid size"),
            "{error}"
        );
        let error = parsed("[limits]\nmax_feed_items = 0\n").unwrap_err();
        assert!(error.contains(":2: [limits] max_feed_items"), "{error}");
    }

    #[test]
    fn a_templates_folder_that_is_missing_or_empty_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("newsdigest.toml");
        let text = "[digest]\ntitle = \"x\"\ntemplates = \"mine\"\n";
        let error = parse(&config, text).unwrap_err().to_string();
        let mine = dir.path().join("mine");
        assert_eq!(
            error,
            format!(
                "{}:3: [digest] templates: {}: no such folder",
                config.display(),
                mine.display()
            )
        );
        fs::create_dir(&mine).unwrap();
        let error = parse(&config, text).unwrap_err().to_string();
        assert!(error.contains("holds none of the templates"), "{error}");
        fs::write(mine.join("story.md"), "{{ story.headline }}").unwrap();
        assert_eq!(parse(&config, text).unwrap().templates, Some(mine));
    }

    #[test]
    fn allow_private_takes_hosts_addresses_and_networks() {
        let text = "[fetch]\nallow_private = [\"192.168.1.0/24\", \"nas.local\", \"10.0.0.5\"]\n";
        let config = parsed(text).unwrap();
        assert_eq!(config.fetch.allow_private.0.len(), 3);
        assert_eq!(
            config.fetch.allow_private.0[1],
            Allowed::Host("nas.local".into())
        );
        assert!(parsed("").unwrap().fetch.allow_private.0.is_empty());
        let error = parsed("[fetch]\nallow_private = [\n  \"10.0.0.0/8\",\n  \"not a host\",\n]\n")
            .unwrap_err();
        assert!(
            error.starts_with("conf/newsdigest.toml:4: [fetch]: \"not a host\" is not a host name"),
            "{error}"
        );
    }

    #[test]
    fn a_missing_url_names_the_feed() {
        let error = parsed("[[feeds]]\nname = \"A\"\n").unwrap_err();
        assert!(error.contains("missing field `url`"), "{error}");
    }

    #[test]
    fn per_feed_timeout_overrides_the_default() {
        let text = "[fetch]\ntimeout = \"2s\"\n[[feeds]]\nname = \"A\"\nurl = \"http://127.0.0.1:9/a\"\n[[feeds]]\nname = \"B\"\nurl = \"http://127.0.0.1:9/b\"\ntimeout = \"500ms\"\nfull_text = true\n";
        let config = parsed(text).unwrap();
        assert_eq!(config.feeds[0].timeout, Duration::from_secs(2));
        assert_eq!(config.feeds[1].timeout, Duration::from_millis(500));
        assert!(config.feeds[1].full_text);
    }
}
