//! End-to-end tests of the `newsdigest` binary on the bundled sample articles and on
//! small hand-made inputs.

use std::fs;
use std::path::Path;

mod common;

use common::{SAMPLE_DATE, assert_same_text, newsdigest, samples};
use predicates::prelude::*;
use serde_json::Value;

fn sample_digest() -> Value {
    digest_of(&samples())
}

/// The JSON digest `build` writes to standard output for the articles at `inputs`.
fn digest_of(inputs: &Path) -> Value {
    let output = newsdigest()
        .args([
            "build",
            "--stdout",
            "--format",
            "json",
            "--date",
            SAMPLE_DATE,
        ])
        .arg(inputs)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn article_prefix(id: &str) -> &str {
    &id[..3.min(id.len())]
}

#[test]
fn sample_articles_form_one_story_with_every_article_once() {
    let digest = sample_digest();
    assert_eq!(digest["schema"], "newsdigest/1");
    assert_eq!(digest["date"], SAMPLE_DATE);
    let articles: Vec<&str> = digest["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(articles.len(), 5);
    let stories = digest["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 1, "the five reports are one story");
    let mut in_stories: Vec<&str> = stories
        .iter()
        .flat_map(|s| strings(&s["articles"]))
        .collect();
    in_stories.sort_unstable();
    let mut expected = articles.clone();
    expected.sort_unstable();
    assert_eq!(in_stories, expected, "every article in exactly one story");
}

fn facts_of(digest: &Value) -> Vec<&Value> {
    digest["stories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["facts"].as_array().unwrap())
        .collect()
}

fn mentioning_articles(fact: &Value) -> Vec<&str> {
    let mut ids: Vec<&str> = fact["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| article_prefix(m["article"].as_str().unwrap()))
        .collect();
    ids.sort_unstable();
    ids
}

#[test]
fn reworded_reports_of_one_claim_are_one_fact() {
    let digest = sample_digest();
    let facts = facts_of(&digest);
    let drones = facts
        .iter()
        .find(|f| f["text"].as_str().unwrap().contains("653 drones"))
        .expect("a fact about 653 drones");
    assert_eq!(mentioning_articles(drones), vec!["001", "004"]);
    let plant = facts
        .iter()
        .find(|f| {
            f["text"]
                .as_str()
                .unwrap()
                .contains("Zaporizhzhia nuclear plant")
                && f["mentions"].as_array().unwrap().len() > 1
        })
        .expect("the Zaporizhzhia power loss is one corroborated fact");
    assert_eq!(mentioning_articles(plant), vec!["001", "004"]);
    let mentions_of_653: Vec<&serde_json::Value> = facts
        .iter()
        .copied()
        .filter(|f| {
            f["mentions"].as_array().unwrap().iter().any(|m| {
                m["sentence"]
                    .as_str()
                    .unwrap()
                    .contains("653 drones and 51")
            })
        })
        .collect();
    let corroborated: Vec<_> = mentions_of_653
        .iter()
        .filter(|f| f["mentions"].as_array().unwrap().len() > 1)
        .collect();
    assert_eq!(corroborated.len(), 1, "the shared claim is stated once");
    // Honest corroboration: the shared wording says nothing one source lacks, and each
    // fuller sentence is its own source's alone.
    let shared = corroborated[0]["text"].as_str().unwrap();
    assert!(
        !shared.contains("intercepted") && !shared.contains("assault"),
        "{shared}"
    );
    for fact in &mentions_of_653 {
        let text = fact["text"].as_str().unwrap();
        if text.contains("intercepted") || text.contains("assault") {
            assert_eq!(fact["mentions"].as_array().unwrap().len(), 1, "{text}");
        }
    }
    let plant_text = plant["text"].as_str().unwrap();
    assert!(!plant_text.contains("11th time"), "{plant_text}");
}

#[test]
fn differing_talk_lengths_are_flagged_and_different_measures_are_not() {
    let digest = sample_digest();
    let discrepancies: Vec<&Value> = digest["stories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["discrepancies"].as_array().unwrap())
        .collect();
    let days = discrepancies
        .iter()
        .find(|d| {
            d["values"]
                .as_array()
                .unwrap()
                .iter()
                .any(|v| v["text"] == "Three days of negotiations")
        })
        .expect("three days vs two days is flagged");
    let values: Vec<(f64, &str)> = days["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["value"].as_f64().unwrap(),
                article_prefix(v["article"].as_str().unwrap()),
            )
        })
        .collect();
    assert!(
        values.contains(&(3.0, "001")) && values.contains(&(2.0, "004")),
        "{values:?}"
    );
    for d in &discrepancies {
        let texts: Vec<&str> = d["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["text"].as_str().unwrap())
            .collect();
        assert!(
            !(texts.iter().any(|t| t.contains("locations"))
                && texts.iter().any(|t| t.contains("regions"))),
            "29 locations and eight regions are different measures: {texts:?}"
        );
        assert!(texts.len() >= 2);
        let sentence = d["values"][0]["sentence"].as_str().unwrap();
        assert!(
            sentence.contains(texts[0]),
            "the value's sentence holds its text"
        );
    }
}

/// Two sources that state one claim in different words and differ on its figure are
/// flagged in the briefing, though their words alone share too little to tie the two
/// figures: the fact model, asked with the figures set aside, ties them.
#[test]
fn one_claim_worded_two_ways_is_flagged_when_its_figure_differs() {
    let dir = tempfile::tempdir().unwrap();
    let articles = [
        serde_json::json!({
            "id": "one", "source": "Wire",
            "title": "India lands a spacecraft near the Moon's south pole",
            "text": "India would become only the fourth nation to land a spacecraft on the Moon.\n\n\
                     The Chandrayaan-3 lander touched down near the lunar south pole on Wednesday \
                     evening, the Indian Space Research Organisation said."
        }),
        serde_json::json!({
            "id": "two", "source": "Daily",
            "title": "Chandrayaan-3 lander touches down near the lunar south pole",
            "text": "India would become the seventh nation to achieve a lunar landing.\n\n\
                     The Chandrayaan-3 lander touched down near the south pole of the Moon on \
                     Wednesday evening, the Indian Space Research Organisation said."
        }),
    ];
    for article in &articles {
        let name = format!("{}.json", article["id"].as_str().unwrap());
        fs::write(dir.path().join(name), article.to_string()).unwrap();
    }
    let digest = digest_of(dir.path());
    let flagged: Vec<Vec<&str>> = digest["stories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["discrepancies"].as_array().unwrap())
        .map(|d| {
            d["values"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v["text"].as_str().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(flagged, vec![vec!["fourth nation", "seventh nation"]]);
}

/// The README's first command: how to bring `output/` back to the sample's briefing.
const REBUILD_SAMPLE: &str = "cargo run --release -- build samples --date 2025-12-08";

/// Briefings in `folder` of another day than the sample's (`YYYY-MM-DD.*` files), such
/// as the one `build samples` without `--date` writes for today.
fn other_days_briefings(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .unwrap()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| {
            let day = name.split('.').next().unwrap_or_default();
            chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok() && day != SAMPLE_DATE
        })
        .collect();
    names.sort();
    names
}

#[test]
fn committed_sample_output_is_current() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("output");
    let out = tempfile::tempdir().unwrap();
    // The archive pages list every briefing in the folder: with another day's there
    // too (a `build samples` without --date adds today's), compare like with like, so
    // that only the sample's own files decide.
    let others = other_days_briefings(&committed);
    for name in &others {
        fs::copy(committed.join(name), out.path().join(name)).unwrap();
    }
    newsdigest()
        .args(["build", "--quiet", "--date", SAMPLE_DATE, "--out"])
        .arg(out.path())
        .arg(samples())
        .assert()
        .success()
        .stdout("");
    let digests = ["md", "html", "json"].map(|ext| format!("{SAMPLE_DATE}.{ext}"));
    let archive = ["index.html", "feed.xml"].map(String::from);
    let way_back = if others.is_empty() {
        format!("run `{REBUILD_SAMPLE}`")
    } else {
        format!(
            "delete output/{} (not part of the sample; `git status output` lists them), then run `{REBUILD_SAMPLE}`",
            others.join(", output/")
        )
    };
    for name in digests.iter().chain(&archive) {
        let fresh = fs::read_to_string(out.path().join(name)).unwrap();
        let kept = fs::read_to_string(committed.join(name))
            .unwrap_or_else(|_| panic!("output/{name} is missing: {way_back}"));
        assert_same_text(
            &format!("output/{name}"),
            &kept,
            &fresh,
            &format!("stale: {way_back}"),
        );
    }
}

/// The sample's Markdown and HTML as reviewed snapshots (`tests/snapshots/`): a change
/// to a template or to what the briefing says shows as a diff (`cargo insta review`, or
/// `INSTA_UPDATE=always cargo test` and `git diff`).
#[test]
fn the_sample_briefing_renders_as_its_snapshots() {
    for (format, name) in [("md", "sample_markdown"), ("html", "sample_html")] {
        let output = newsdigest()
            .args([
                "build",
                "--stdout",
                "--format",
                format,
                "--date",
                SAMPLE_DATE,
            ])
            .arg(samples())
            .output()
            .expect("runs");
        common::assert_success(&output);
        insta::assert_snapshot!(name, common::stdout(&output));
    }
}

/// `-v` logs each stage's wall time, from its tracing span, in pipeline order.
#[test]
fn verbose_logs_the_time_of_every_stage() {
    let out = tempfile::tempdir().unwrap();
    let output = newsdigest()
        .args(["build", "-v", "--date", SAMPLE_DATE, "--out"])
        .arg(out.path())
        .arg(samples())
        .output()
        .expect("runs");
    common::assert_success(&output);
    let log = common::stderr(&output);
    let stages = [
        "ingest",
        "text",
        "terms",
        "extract",
        "standing",
        "group",
        "recurring",
        "facts",
        "figures",
        "assemble",
        "render",
        "write",
    ];
    let mut at = 0;
    for stage in stages {
        let line = format!(" {stage}: close time.busy=");
        let found = log[at..].find(&line);
        assert!(found.is_some(), "{stage} after byte {at} in:\n{log}");
        at += found.unwrap_or_default();
    }
}

#[test]
fn completions_and_man_page_come_from_the_cli_definition() {
    let bash = newsdigest().args(["completions", "bash"]).output().unwrap();
    assert!(bash.status.success());
    let script = String::from_utf8(bash.stdout).unwrap();
    assert!(
        script.contains("build") && script.contains("--base-url"),
        "{script}"
    );
    for shell in ["zsh", "fish"] {
        newsdigest()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("templates"));
    }
    let man = newsdigest().arg("man").output().unwrap();
    assert!(man.status.success());
    let page = String::from_utf8(man.stdout).unwrap();
    let first_macro = page
        .lines()
        .find(|l| l.starts_with(".TH") || l.starts_with(".SH"))
        .unwrap_or("");
    assert!(first_macro.starts_with(".TH newsdigest 1"), "{page}");
    assert!(page.contains("build") && page.contains("compare"));
    newsdigest()
        .args(["man", "build"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains(".TH newsdigest-build")
                .and(predicate::str::contains("base\\-url")),
        );
    newsdigest()
        .args(["man", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope"));
}

#[test]
fn markdown_opens_with_date_and_totals() {
    let output = newsdigest()
        .args(["build", "--stdout", "--date", SAMPLE_DATE])
        .arg(samples())
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let mut lines = text.lines().filter(|l| !l.is_empty());
    assert!(lines.next().unwrap().contains("8 December 2025"));
    let totals = lines.next().unwrap();
    assert!(
        totals.contains("5 articles") && totals.contains("1 story ·"),
        "{totals}"
    );
    assert!(text.contains("### More facts") && text.contains("### Differing figures"));
    // The story opens with its summary: the first line after the byline is a fact.
    let after_byline = text
        .lines()
        .skip_while(|l| !l.starts_with("Reported by"))
        .skip(1)
        .find(|l| !l.is_empty())
        .unwrap();
    assert!(after_byline.starts_with("- "), "{after_byline}");
}

#[test]
fn unreadable_file_is_reported_and_the_rest_still_lands() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("good.txt"),
        "Talks End\n\nThree days of talks ended on Saturday.",
    )
    .unwrap();
    fs::write(dir.path().join("bad.json"), "{not json").unwrap();
    fs::write(dir.path().join("junk.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    let out = dir.path().join("out");
    newsdigest()
        .args(["build", "--date", SAMPLE_DATE, "--out"])
        .arg(&out)
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("bad.json").and(predicate::str::contains("junk.txt")));
    let digest: Value =
        serde_json::from_str(&fs::read_to_string(out.join(format!("{SAMPLE_DATE}.json"))).unwrap())
            .unwrap();
    assert_eq!(digest["articles"].as_array().unwrap().len(), 1);
}

#[test]
fn no_readable_article_fails_with_reason() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bad.jsonl"), "{oops}\n").unwrap();
    newsdigest()
        .args(["build", "--out"])
        .arg(dir.path().join("out"))
        .arg(dir.path())
        .assert()
        .code(65)
        .stderr(
            predicate::str::contains("bad.jsonl:1:")
                .and(predicate::str::contains("no article could be read")),
        );
    assert!(!dir.path().join("out").exists(), "nothing is written");
    newsdigest()
        .args(["build", "/no/such/folder"])
        .assert()
        .code(66)
        .stderr(predicate::str::contains("/no/such/folder"));
}

#[test]
fn stdout_takes_one_format() {
    newsdigest()
        .args(["build", "--stdout", "--format", "md,json"])
        .arg(samples())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("one format"));
}

#[test]
fn every_input_format_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("a.md"), "---\ntitle: Talks stall\nsource: Wire\nurl: https://example.com/a\n---\nThree days of talks ended.\n").unwrap();
    fs::write(p.join("b.html"), "<html><head><meta property=\"og:title\" content=\"Kyiv hit\"><script>evil()</script></head><body><nav>Menu</nav><article><p>Russia launched 653 drones overnight at Kyiv and other cities.</p></article></body></html>").unwrap();
    fs::write(p.join("c.jsonl"), "{\"id\": \"x1\", \"title\": \"Headline one\", \"source\": \"Feed\"}\n{\"id\": 7, \"text\": \"Body only.\"}\n").unwrap();
    fs::write(
        p.join("d.json"),
        "{\"id\": \"y\", \"title\": \"Single object\"}",
    )
    .unwrap();
    fs::write(
        p.join("e.txt"),
        "A plain sentence that ends with a full stop.\nAnd more.",
    )
    .unwrap();
    let output = newsdigest()
        .args(["build", "--stdout", "--format", "json"])
        .arg(p)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let digest: Value = serde_json::from_slice(&output.stdout).unwrap();
    let articles = digest["articles"].as_array().unwrap();
    let by_id = |id: &str| {
        articles
            .iter()
            .find(|a| a["id"] == id)
            .unwrap_or_else(|| panic!("article {id}"))
    };
    assert_eq!(by_id("a")["source"], "Wire");
    assert_eq!(by_id("a")["url"], "https://example.com/a");
    assert_eq!(by_id("b")["title"], "Kyiv hit");
    assert_eq!(by_id("x1")["source"], "Feed");
    assert_eq!(by_id("7")["source"], "c");
    assert_eq!(by_id("y")["title"], "Single object");
    assert_eq!(
        by_id("e")["title"],
        Value::Null,
        "a sentence is not a headline"
    );
    let all_text = String::from_utf8_lossy(&output.stdout);
    assert!(!all_text.contains("evil()") && !all_text.contains("Menu"));
}

#[test]
fn hostile_article_text_is_escaped_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let hostile =
        "Officials said [click](javascript:alert(1)) and <script>alert(2)</script> was posted. ";
    for (name, source) in [("one", "A"), ("two", "B")] {
        fs::write(
            dir.path().join(format!("{name}.json")),
            serde_json::json!({"id": name, "title": "<img src=x onerror=alert(3)> Talks", "source": source,
                               "url": "javascript:alert(4)", "text": hostile.repeat(2)}).to_string(),
        )
        .unwrap();
    }
    let out = dir.path().join("out");
    newsdigest()
        .args(["build", "--quiet", "--date", SAMPLE_DATE, "--out"])
        .arg(&out)
        .arg(dir.path())
        .assert()
        .success();
    let html = fs::read_to_string(out.join(format!("{SAMPLE_DATE}.html"))).unwrap();
    assert!(!html.contains("<script>alert"), "script injected into HTML");
    assert!(!html.contains("<img src=x"), "tag injected into HTML");
    assert!(
        !html.contains("href=\"javascript:"),
        "javascript link in HTML"
    );
    assert!(html.contains("&lt;script&gt;"));
    let md = fs::read_to_string(out.join(format!("{SAMPLE_DATE}.md"))).unwrap();
    assert!(
        !md.contains("](javascript:"),
        "link injected into Markdown: {md}"
    );
    assert!(!md.contains("<script>"), "raw HTML in Markdown: {md}");
    let json: Value =
        serde_json::from_str(&fs::read_to_string(out.join(format!("{SAMPLE_DATE}.json"))).unwrap())
            .unwrap();
    assert_eq!(
        json["articles"][0]["url"],
        Value::Null,
        "javascript: URLs are dropped"
    );
}

#[test]
fn templates_can_be_replaced() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("digest.md"),
        "Custom {{ digest.totals.articles }} articles\n",
    )
    .unwrap();
    newsdigest()
        .args(["build", "--stdout", "--templates"])
        .arg(dir.path())
        .arg(samples())
        .assert()
        .success()
        .stdout("Custom 5 articles\n");
    fs::write(dir.path().join("digest.md"), "{{ broken").unwrap();
    newsdigest()
        .args(["build", "--stdout", "--templates"])
        .arg(dir.path())
        .arg(samples())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("digest.md"));
}

#[test]
fn compare_answers_each_line_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let pairs = dir.path().join("pairs.tsv");
    fs::write(
        &pairs,
        "During the same period, Russia launched 653 drones and 51 missiles in a massive overnight assault.\tOvernight, Russia fired 653 drones and 51 missiles, most of which were intercepted, according to Ukrainian officials.\n\
         Three days of negotiations between Ukrainian and US officials ended without a breakthrough.\tUS envoy Steve Witkoff said two days of talks with Ukrainian officials ended without a breakthrough.\n\
         no tab here\n\
         The central bank raised rates.\tA storm hit the coast on Friday.\n",
    )
    .unwrap();
    let output = newsdigest()
        .args(["compare", "--pairs"])
        .arg(&pairs)
        .output()
        .unwrap();
    assert!(output.status.success());
    let lines: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "one answer per line");
    assert_eq!(lines[0]["same_fact"], true);
    assert_eq!(lines[0]["differing"].as_array().unwrap().len(), 0);
    assert_eq!(lines[1]["same_fact"], false, "the figures disagree");
    let differing = &lines[1]["differing"][0];
    assert!(differing["measure"].as_str().unwrap().contains("day"));
    let values: Vec<f64> = differing["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["value"].as_f64().unwrap())
        .collect();
    assert_eq!(values, vec![3.0, 2.0]);
    assert!(lines[2]["error"].is_string());
    assert_eq!(lines[3]["same_fact"], false);
    assert!(lines[0]["score"].as_f64().unwrap() > lines[3]["score"].as_f64().unwrap());
    assert!(String::from_utf8_lossy(&output.stderr).contains("pairs.tsv:3:"));
}

/// stderr of a failed run, checked to be what the README promises: the first line
/// `newsdigest: reason`, and nothing in clap's own `error:` form.
fn failure_line(output: &std::process::Output, code: i32) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(code), "{stderr}");
    let first = stderr.lines().next().unwrap_or_default().to_string();
    assert!(first.starts_with("newsdigest: "), "{stderr}");
    assert!(!stderr.lines().any(|l| l.starts_with("error:")), "{stderr}");
    first
}

#[test]
fn every_error_is_one_line_in_the_promised_form() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("digest.md"), "{{ broken").unwrap();
    let broken_templates = dir.path().to_str().unwrap().to_string();
    // Failures of newsdigest's own: one line each, nothing else.
    for (args, code, says) in [
        (vec!["build", "/no/such/folder"], 66, "/no/such/folder"),
        (
            vec![
                "build",
                "--stdout",
                "--templates",
                &broken_templates,
                "samples",
            ],
            1,
            "digest.md:1:10: unexpected end of input",
        ),
        (
            vec!["check", "--config", "/no/such/newsdigest.toml"],
            78,
            "/no/such/newsdigest.toml",
        ),
    ] {
        let output = newsdigest()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(&args)
            .output()
            .unwrap();
        let line = failure_line(&output, code);
        assert!(line.contains(says), "{args:?}: {line}");
        // A missing input is also reported on its own line, in the same form.
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(
            stderr.lines().all(|l| l.starts_with("newsdigest: ")),
            "{args:?}: {stderr}"
        );
    }
    // The command line's mistakes: one line of reason, clap's usage may follow.
    for (args, says) in [
        (vec!["build", "--bogus"], "unexpected argument '--bogus'"),
        (
            vec!["compare"],
            "the following required arguments were not provided: --pairs <FILE.tsv>",
        ),
        (vec![], "no command given (one of: build, compare"),
        (
            vec!["build", "--format", "pdf"],
            "[possible values: md, html, json]",
        ),
        (
            vec!["build", "--max-html-depth", "0"],
            "whole number above zero",
        ),
    ] {
        let output = newsdigest().args(&args).output().unwrap();
        let line = failure_line(&output, 2);
        assert!(line.contains(says), "{args:?}: {line}");
    }
}

#[test]
fn date_is_a_day_today_or_yesterday_and_a_bad_one_names_the_format() {
    let today = chrono::Utc::now().date_naive();
    for (word, day) in [
        ("today", today),
        ("yesterday", today.pred_opt().unwrap()),
        (
            "2025-12-08",
            chrono::NaiveDate::from_ymd_opt(2025, 12, 8).unwrap(),
        ),
    ] {
        let output = newsdigest()
            .args(["build", "--stdout", "--format", "json", "--date", word])
            .arg(samples())
            .output()
            .unwrap();
        assert!(output.status.success(), "{word}");
        let digest: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(digest["date"], day.format("%Y-%m-%d").to_string(), "{word}");
    }
    let output = newsdigest()
        .args(["build", "--date", "08/12/2025"])
        .arg(samples())
        .output()
        .unwrap();
    let line = failure_line(&output, 2);
    assert!(
        line.contains("\"08/12/2025\"")
            && line.contains("expected YYYY-MM-DD (like 2025-12-08), today or yesterday"),
        "{line}"
    );
}

#[test]
fn a_missing_or_empty_templates_folder_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-templates");
    let output = newsdigest()
        .args(["build", "--stdout", "--templates"])
        .arg(&missing)
        .arg(samples())
        .output()
        .unwrap();
    let line = failure_line(&output, 64);
    assert_eq!(
        line,
        format!(
            "newsdigest: --templates {}: no such folder",
            missing.display()
        )
    );
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    fs::write(empty.join("digest.markdown"), "misnamed").unwrap();
    let output = newsdigest()
        .args(["build", "--stdout", "--templates"])
        .arg(&empty)
        .arg(samples())
        .output()
        .unwrap();
    let line = failure_line(&output, 64);
    assert!(
        line.contains(&empty.display().to_string()) && line.contains("holds none of the templates"),
        "{line}"
    );
    // The same folder named in the config: a config error, with its file and line.
    let config = dir.path().join("newsdigest.toml");
    fs::write(
        &config,
        "[digest]\nstore = \"news.db\"\ntemplates = \"empty\"\n",
    )
    .unwrap();
    for command in ["build", "run", "check"] {
        let output = newsdigest()
            .args([command, "--config"])
            .arg(&config)
            .output()
            .unwrap();
        let line = failure_line(&output, 78);
        assert!(
            line.contains(&format!("{}:3: [digest] templates: ", config.display()))
                && line.contains("holds none of the templates"),
            "{command}: {line}"
        );
    }
    assert!(!dir.path().join("news.db").exists(), "nothing was started");
}

#[test]
fn help_and_the_example_config_say_what_the_depth_limit_does() {
    let help = newsdigest().args(["build", "--help"]).output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    let depth = help
        .split("--max-html-depth")
        .nth(1)
        .and_then(|rest| rest.split("\n      --").next())
        .unwrap_or_default()
        .to_string();
    assert!(depth.contains("Skip pages nested deeper"), "{depth}");
    assert!(!depth.contains("paragraphs only"), "{depth}");
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("newsdigest.toml");
    newsdigest().arg("init").arg(&config).assert().success();
    let example = fs::read_to_string(&config).unwrap();
    let before_depth = example
        .split("# max_html_depth")
        .next()
        .and_then(|head| head.rsplit("# max_html_elements").next())
        .unwrap_or_default();
    assert!(before_depth.contains("skipped"), "{before_depth}");
}

#[test]
fn completions_offer_the_formats_and_the_commands() {
    let script = newsdigest().args(["completions", "bash"]).output().unwrap();
    let script = String::from_utf8(script.stdout).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("newsdigest.bash");
    fs::write(&file, script).unwrap();
    // Bash itself asked, as at a prompt: `newsdigest build --format <TAB>` and
    // `newsdigest man <TAB>`.
    let complete = |words: &str, cword: usize, prev: &str| {
        let program = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD={cword}; _newsdigest newsdigest \"${{COMP_WORDS[COMP_CWORD]}}\" {prev}; echo \"${{COMPREPLY[@]}}\"",
            file.display()
        );
        let output = std::process::Command::new("bash")
            .args(["-c", &program])
            .output()
            .expect("bash runs");
        String::from_utf8(output.stdout).unwrap().trim().to_string()
    };
    assert_eq!(
        complete("newsdigest build --format ''", 3, "--format"),
        "md html json"
    );
    let commands = complete("newsdigest man ''", 2, "man");
    for command in [
        "build",
        "compare",
        "completions",
        "man",
        "fetch",
        "run",
        "check",
        "init",
    ] {
        assert!(
            commands.split(' ').any(|c| c == command),
            "{command}: {commands}"
        );
    }
    assert_eq!(complete("newsdigest man ch", 2, "man"), "check");
    for shell in ["zsh", "fish"] {
        let script = newsdigest().args(["completions", shell]).output().unwrap();
        let script = String::from_utf8(script.stdout).unwrap();
        assert!(script.contains("md") && script.contains("html") && script.contains("json"));
        assert!(
            script.contains("build compare completions man fetch run check init"),
            "{shell}"
        );
    }
}

#[test]
fn the_manual_says_exit_status_files_environment_and_examples() {
    let page = newsdigest().arg("man").output().unwrap();
    assert!(page.status.success());
    let page = String::from_utf8(page.stdout).unwrap();
    let sections: Vec<&str> = page.lines().filter(|l| l.starts_with(".SH")).collect();
    for heading in ["EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES"] {
        assert!(
            sections.iter().any(|s| s.contains(heading)),
            "{heading}: {sections:?}"
        );
    }
    for needed in [
        "newsdigest.toml",
        "config.toml",
        "newsdigest.db.lock",
        "latest.md",
        "NEWSDIGEST_MAX_FILE_BYTES",
        "RUST_LOG",
        "\\fB75\\fR",
        "\\fB78\\fR",
    ] {
        assert!(page.contains(needed), "{needed}");
    }
    let build = newsdigest().args(["man", "build"]).output().unwrap();
    let build = String::from_utf8(build.stdout).unwrap();
    assert!(build.contains("\\fB64\\fR") && build.contains("\\fB65\\fR"));
    assert!(!build.contains("\\fB69\\fR"), "build never fetches");
}

#[test]
fn a_quiet_day_writes_a_briefing_that_says_so_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    fs::create_dir(&inbox).unwrap();
    // Nothing arrived but an empty feed and a file that is not an article.
    fs::write(
        inbox.join("wire.xml"),
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title></channel></rss>",
    )
    .unwrap();
    fs::write(inbox.join("notes.pdf"), "not read").unwrap();
    let out = dir.path().join("out");
    newsdigest()
        .args(["build", "--quiet", "--date", SAMPLE_DATE, "--out"])
        .arg(&out)
        .arg(&inbox)
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
    let md = fs::read_to_string(out.join(format!("{SAMPLE_DATE}.md"))).unwrap();
    assert!(md.contains("0 articles · 0 sources · 0 stories"), "{md}");
    assert!(md.contains("A quiet day: no new article arrived"), "{md}");
    let html = fs::read_to_string(out.join(format!("{SAMPLE_DATE}.html"))).unwrap();
    assert!(html.contains("<p class=\"quiet\">A quiet day"), "{html}");
    let json: Value =
        serde_json::from_str(&fs::read_to_string(out.join(format!("{SAMPLE_DATE}.json"))).unwrap())
            .unwrap();
    assert_eq!(json["articles"].as_array().map(Vec::len), Some(0));
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.contains("0 articles"),
        "the archive lists the quiet day"
    );
    // A briefing with articles says nothing of the kind.
    let busy = newsdigest()
        .args(["build", "--stdout"])
        .arg(samples())
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&busy.stdout).contains("quiet day"));
}

#[test]
fn sources_without_a_name_are_called_by_title_or_file_name_without_its_hash() {
    let digest = sample_digest();
    let mut sources: Vec<&str> = digest["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["source"].as_str().unwrap())
        .collect();
    sources.sort_unstable();
    assert_eq!(
        sources,
        vec![
            "001",
            "003",
            "004",
            "Peace Talks Stall as Russian Missiles…",
            "Progress in Ukraine Peace Talks Amid…"
        ]
    );
    let markdown = newsdigest()
        .args(["build", "--stdout", "--date", SAMPLE_DATE])
        .arg(samples())
        .output()
        .unwrap();
    let markdown = String::from_utf8(markdown.stdout).unwrap();
    assert!(!markdown.contains("d26de173de09dcbe"), "no hash is shown");
}

#[test]
fn differing_figures_mark_only_differing_words_and_close_quotes_once() {
    let output = newsdigest()
        .args(["build", "--stdout", "--date", SAMPLE_DATE])
        .arg(samples())
        .output()
        .unwrap();
    let markdown = String::from_utf8(output.stdout).unwrap();
    let figures = markdown
        .split("### Differing figures")
        .nth(1)
        .and_then(|rest| rest.split("\n### ").next())
        .unwrap();
    let values: Vec<&str> = figures.lines().filter(|l| l.starts_with("- **")).collect();
    assert_eq!(values.len(), 2, "{figures}");
    for line in &values {
        let quoted = line.split_once(": “").map(|(_, q)| q).unwrap();
        assert!(quoted.ends_with('”'), "{line}");
        assert_eq!(
            quoted.matches(['“', '”']).count(),
            1,
            "one closing quote: {line}"
        );
    }
    // In italics: each source's name, and inside the bold figure the words that
    // differ. The words around the figure, which the two sentences hardly share, are
    // not marked.
    let marked: Vec<(String, bool)> = values.iter().flat_map(|l| emphasis_of(l)).collect();
    let expected = [
        ("001", false),
        ("Three", true),
        ("negotiations", true),
        ("004", false),
        ("two", true),
        ("talks", true),
    ];
    assert_eq!(
        marked,
        expected
            .map(|(text, bold)| (text.to_string(), bold))
            .to_vec()
    );
    assert!(figures.contains("were ‘constructive.’”"), "{figures}");
}

/// The emphasised (italic) texts of a Markdown line, each with whether it is inside
/// strong (bold) text, as pulldown-cmark reads them.
fn emphasis_of(markdown: &str) -> Vec<(String, bool)> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut found = Vec::new();
    let (mut strong, mut emphasis) = (0, 0);
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong -= 1,
            Event::Start(Tag::Emphasis) => {
                emphasis += 1;
                found.push((String::new(), strong > 0));
            }
            Event::End(TagEnd::Emphasis) => emphasis -= 1,
            Event::Text(text) if emphasis > 0 => {
                if let Some((last, _)) = found.last_mut() {
                    last.push_str(&text);
                }
            }
            _ => {}
        }
    }
    found
}

#[test]
fn the_readme_quotes_the_sample_briefing_as_it_is() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let excerpt = readme
        .split("`output/2025-12-08.md` opens:\n\n```markdown\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("the README quotes the sample briefing");
    let briefing =
        fs::read_to_string(root.join("output").join(format!("{SAMPLE_DATE}.md"))).unwrap();
    assert!(
        briefing.starts_with(excerpt),
        "the README's excerpt of output/{SAMPLE_DATE}.md is out of date"
    );
    assert!(excerpt.lines().count() > 10, "{excerpt}");
}

#[test]
fn the_readme_installs_with_the_lockfile_and_states_the_minimum_rust() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let manifest = fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let msrv = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .map(|v| v.trim_matches('"'))
        .expect("Cargo.toml states rust-version");
    let install = readme
        .split("## Install")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("an Install section");
    assert!(
        install.contains("cargo install --locked --path ."),
        "{install}"
    );
    assert!(
        install.contains(&format!("Rust {msrv} or newer")),
        "{install}"
    );
    assert!(install.contains("~/.cargo/bin/newsdigest"), "{install}");
    // The cron and systemd lines run the binary where the Install section puts it.
    let runs: Vec<&str> = readme
        .lines()
        .filter(|l| l.contains("newsdigest\" run") || l.starts_with("ExecStart="))
        .collect();
    assert_eq!(runs.len(), 2, "{runs:?}");
    for line in runs {
        assert!(line.contains(".cargo/bin/newsdigest"), "{line}");
    }
}

/// Every story opens with a summary: fact ids of the story, within the word budget.
#[test]
fn every_story_opens_with_a_summary_of_its_facts() {
    let digest = sample_digest();
    for story in digest["stories"].as_array().unwrap() {
        let facts: Vec<&Value> = story["facts"].as_array().unwrap().iter().collect();
        let summary = strings(&story["summary"]);
        assert!(!summary.is_empty(), "{}", story["headline"]);
        let words: usize = summary
            .iter()
            .map(|id| {
                let fact = facts
                    .iter()
                    .find(|f| f["id"] == *id)
                    .expect("a fact of the story");
                fact["text"].as_str().unwrap().split_whitespace().count()
            })
            .sum();
        assert!(words <= 100, "{words} words");
    }
}

/// `--after` an earlier digest: its facts are reported, the summary covers only what is
/// new, and a story with nothing new says so.
#[test]
fn build_after_an_earlier_digest_says_what_is_new() {
    let dir = tempfile::tempdir().unwrap();
    let earlier = dir.path().join("earlier");
    newsdigest()
        .args(["build", "--date", "2025-12-07", "--format", "json", "--out"])
        .arg(&earlier)
        .arg(samples().join("001_fdfc69b7d5b81fcc.txt"))
        .assert()
        .success();
    let earlier_json = earlier.join("2025-12-07.json");
    let earlier_doc: Value =
        serde_json::from_str(&fs::read_to_string(&earlier_json).unwrap()).unwrap();
    let earlier_texts: Vec<String> = earlier_doc["stories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["facts"].as_array().unwrap())
        .map(|f| f["text"].as_str().unwrap().to_string())
        .collect();
    assert!(!earlier_texts.is_empty());

    let out = dir.path().join("today");
    newsdigest()
        .args(["build", "--date", SAMPLE_DATE, "--out"])
        .arg(&out)
        .arg("--after")
        .arg(&earlier_json)
        .arg(samples())
        .assert()
        .success();
    let doc: Value =
        serde_json::from_str(&fs::read_to_string(out.join(format!("{SAMPLE_DATE}.json"))).unwrap())
            .unwrap();
    let story = &doc["stories"][0];
    let facts = story["facts"].as_array().unwrap();
    let reported: Vec<&Value> = facts.iter().filter(|f| f["new"] == false).collect();
    assert!(
        !reported.is_empty(),
        "facts of the earlier digest are reported"
    );
    for fact in &reported {
        assert!(
            earlier_texts
                .iter()
                .any(|t| t == fact["text"].as_str().unwrap())
        );
    }
    for id in strings(&story["summary"]) {
        let fact = facts.iter().find(|f| f["id"] == id).unwrap();
        assert_eq!(
            fact["new"], true,
            "the summary says what is new: {}",
            fact["text"]
        );
    }
    let markdown = fs::read_to_string(out.join(format!("{SAMPLE_DATE}.md"))).unwrap();
    assert!(markdown.contains("Developing story"), "{markdown}");
    assert!(markdown.contains("Already reported"));

    // The same articles after a digest of themselves: nothing is new.
    let again = dir.path().join("again");
    newsdigest()
        .args([
            "build",
            "--date",
            "2025-12-09",
            "--format",
            "md,json",
            "--out",
        ])
        .arg(&again)
        .arg("--after")
        .arg(out.join(format!("{SAMPLE_DATE}.json")))
        .arg(samples())
        .assert()
        .success();
    let markdown = fs::read_to_string(again.join("2025-12-09.md")).unwrap();
    assert!(markdown.contains("No new facts"), "{markdown}");
}

#[test]
fn an_after_file_that_is_not_a_digest_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.json");
    fs::write(&junk, "{\"schema\": 5").unwrap();
    newsdigest()
        .args(["build", "--date", SAMPLE_DATE, "--out"])
        .arg(dir.path().join("out"))
        .arg("--after")
        .arg(&junk)
        .arg(samples())
        .assert()
        .code(64)
        .stderr(predicate::str::contains("junk.json"));
    assert!(!dir.path().join("out").exists(), "nothing written");
    newsdigest()
        .args(["build", "--date", SAMPLE_DATE, "--after"])
        .arg(dir.path().join("missing.json"))
        .arg(samples())
        .assert()
        .code(66);
}
