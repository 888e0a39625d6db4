//! Tests of the render stage: the page and story templates (built in, overridden,
//! edited), the stories shown in full and the one-line rest, the documented variables,
//! and failed writes.

use std::path::Path;

use chrono::NaiveDate;

use super::*;
use crate::digest::History;
use crate::ingest::Article;
use crate::options::Options;

fn article(id: &str, source: &str, title: Option<&str>, url: Option<&str>, text: &str) -> Article {
    Article {
        id: id.to_string(),
        title: title.map(str::to_string),
        text: text.to_string(),
        source: source.to_string(),
        url: url.map(str::to_string),
        published: None,
    }
}

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 8).unwrap_or_default()
}

/// Two stories of one article each.
fn digest() -> Digest {
    crate::summarize(
        vec![
            article(
                "a",
                "A",
                None,
                None,
                "Three days of talks ended without a breakthrough.",
            ),
            article(
                "b",
                "B",
                None,
                None,
                "The central bank raised rates by half a point.",
            ),
        ],
        &Options::for_date(date()),
    )
}

/// Articles that reach every branch of the story templates: figures that differ (on
/// named days and not), text that needs escaping, sources with and without a title or
/// web address, facts from one source.
fn varied_digest() -> Digest {
    varied_digest_after(History::default())
}

/// The varied digest, summarized against what `history` says earlier digests reported.
fn varied_digest_after(history: History) -> Digest {
    let mut options = Options::for_date(date());
    options.history = std::sync::Arc::new(history);
    crate::summarize(
        vec![
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
                "Three days of talks ended without a breakthrough in Miami. Officials said 12 schools stayed shut. Delegates met in a hotel near the airport for the talks in Miami. The American envoy flew home on Sunday evening after the talks. Reporters waited outside the hotel through the night. A second round of talks may follow in the new year. The envoy declined to answer questions from reporters. Diplomats from three other countries watched the talks closely.",
            ),
            article(
                "d",
                "A & <Co>",
                Some("Second piece"),
                None,
                "Talks ended; the mayor's office closed schools.",
            ),
            article(
                "e",
                "E",
                None,
                None,
                "The central bank raised rates by half a point.",
            ),
            article(
                "f",
                "F",
                Some("Council budget"),
                None,
                "The city council approved a new budget for the harbour.",
            ),
        ],
        &options,
    )
}

/// The varied digest as it is, and marked against histories that reported one of its
/// facts, all of them and none.
fn marked_digests() -> Vec<Digest> {
    let plain = varied_digest();
    assert!(plain.stories.iter().any(|s| !s.discrepancies.is_empty()));
    let history = |ids: Vec<String>| History {
        earlier_digests: 1,
        first_reported: ids
            .into_iter()
            .map(|id| (id, NaiveDate::from_ymd_opt(2025, 12, 1).unwrap_or_default()))
            .collect(),
    };
    let first = plain.stories[0].facts[0].id.clone();
    let all = plain
        .stories
        .iter()
        .flat_map(|s| &s.facts)
        .map(|f| f.id.clone());
    vec![
        varied_digest_after(history(vec![first])),
        varied_digest_after(history(all.collect())),
        varied_digest_after(history(Vec::new())),
        plain,
    ]
}

fn options(stories: usize, single_source_shown: usize) -> RenderOptions {
    RenderOptions {
        stories,
        single_source_shown,
        json_file: Some("2025-12-08.json".to_string()),
    }
}

fn renderer_with(templates: &[(&str, &str)]) -> Result<Renderer, RenderError> {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in templates {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    Renderer::new(Some(dir.path()), RenderOptions::default())
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

fn templates_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("templates")
}

/// The built-in layout is the files of `templates/`: rendering with that folder as an
/// override gives the same bytes, on digests that reach every branch.
#[test]
fn the_built_in_templates_are_the_files_in_templates() {
    let mut seen = String::new();
    for (stories, shown) in [(1, 0), (2, 1), (40, 8)] {
        let builtin = Renderer::new(None, options(stories, shown)).unwrap();
        let files = Renderer::new(Some(&templates_folder()), options(stories, shown)).unwrap();
        for digest in &marked_digests() {
            for format in [Format::Markdown, Format::Html] {
                let expected = files.render(digest, format).unwrap();
                assert_eq!(builtin.render(digest, format).unwrap(), expected);
                seen.push_str(&expected);
            }
        }
    }
    // The digests do reach the templates' branches.
    for branch in [
        "may refer to different events",
        "Already reported",
        "more single-source",
        "<details class=\"more\">",
        "No new facts",
        "status-new",
        "<mark>",
        "‘without a breakthrough’",
        "&amp;",
        "### More facts",
        "More stories",
    ] {
        assert!(seen.contains(branch), "{branch}");
    }
}

/// A change to `templates/story.html` is a change to the HTML briefing, with no Rust
/// to change: the same file edited, in a folder that replaces it, shows in the page.
#[test]
fn an_edited_story_template_changes_the_html_briefing() {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string(templates_folder().join("story.html")).unwrap();
    let edited = original.replace("<summary>More facts: ", "<summary>Further facts: ");
    assert_ne!(edited, original, "the heading is in templates/story.html");
    std::fs::write(dir.path().join("story.html"), edited).unwrap();
    let digest = varied_digest();
    let before = Renderer::new(None, RenderOptions::default())
        .unwrap()
        .render(&digest, Format::Html)
        .unwrap();
    let after = Renderer::new(Some(dir.path()), RenderOptions::default())
        .unwrap()
        .render(&digest, Format::Html)
        .unwrap();
    assert!(before.contains("<summary>More facts: "), "{before}");
    assert!(after.contains("<summary>Further facts: "), "{after}");
    assert!(!after.contains("<summary>More facts: "));
}

#[test]
fn stories_beyond_the_top_are_one_line_each_and_in_full_in_the_json() {
    let digest = varied_digest();
    assert!(digest.stories.len() >= 2, "{}", digest.stories.len());
    let renderer = Renderer::new(None, options(1, 8)).unwrap();
    let markdown = renderer.render(&digest, Format::Markdown).unwrap();
    let html = renderer.render(&digest, Format::Html).unwrap();
    assert_eq!(
        markdown.matches("\n## ").count(),
        2,
        "one story and the list"
    );
    assert_eq!(html.matches("<article class=\"story\"").count(), 1);
    for (i, story) in digest.stories.iter().enumerate().skip(1) {
        let sources = story.sources.len();
        let noun = if sources == 1 { "source" } else { "sources" };
        let line = format!(
            "- {}. {} — {sources} {noun} · [{}](2025-12-08.json)",
            i + 1,
            filters::escape_markdown(&story.headline),
            story.id
        );
        assert!(markdown.contains(&line), "{line}\n{markdown}");
        assert!(
            html.contains(&format!("<li id=\"{}\">", story.id)),
            "{html}"
        );
    }
    let json: serde_json::Value =
        serde_json::from_str(&renderer.render(&digest, Format::Json).unwrap()).unwrap();
    assert_eq!(
        json["stories"].as_array().unwrap().len(),
        digest.stories.len()
    );
}

/// `path` as templates/README.md names it: the fact lists share the fields of
/// `story.corroborated[]`, every source those of `story.sources[]`, and the list of
/// further stories those of `digest.stories[]`.
fn documented_as(path: &str) -> String {
    let path = path
        .replace("story.single_source[]", "story.corroborated[]")
        .replace("story.summary[]", "story.corroborated[]")
        .replace("story.more_facts[]", "story.corroborated[]")
        .replace("story.reported[]", "story.corroborated[]")
        .replace("digest.more_stories[]", "digest.stories[]");
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
    let mut paths = std::collections::BTreeSet::new();
    for digest in marked_digests() {
        let page = serde_json::to_value(view::page_view(&digest, 1, Some("x.json"))).unwrap();
        variable_paths(&page, "digest", &mut paths);
        for (i, story) in digest.stories.iter().enumerate() {
            let view = view::story_view(story, i + 1, digest.earlier_digests > 0, 1);
            variable_paths(&serde_json::to_value(&view).unwrap(), "story", &mut paths);
        }
    }
    assert!(paths.contains("story.discrepancies[].values[].sentence[].runs[].changed"));
    assert!(paths.contains("story.reported[].first_reported"));
    assert!(paths.contains("digest.more_stories[].headline"));
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

#[test]
fn every_format_is_written_in_one_pass_as_when_rendered_alone() {
    let renderer = Renderer::new(None, options(1, 8)).unwrap();
    let digest = varied_digest();
    let mut outputs: Vec<(Format, Vec<u8>)> =
        Format::ALL.iter().map(|&f| (f, Vec::new())).collect();
    renderer.write(&digest, &mut outputs).unwrap();
    for (format, bytes) in outputs {
        let alone = renderer.render(&digest, format).unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), alone, "{format}");
    }
}

/// Takes nothing: fails as a full disk does.
struct Full;

impl Write for Full {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::new(io::ErrorKind::StorageFull, "no space left"))
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_failed_write_names_the_format() {
    let renderer = Renderer::new(None, RenderOptions::default()).unwrap();
    for format in Format::ALL {
        let failed = renderer.write(&digest(), &mut [(format, Full)]);
        assert!(
            matches!(
                failed,
                Err(RenderError::Write { format: f, ref source })
                    if f == format && source.kind() == io::ErrorKind::StorageFull
            ),
            "{format}: {failed:?}"
        );
    }
}
