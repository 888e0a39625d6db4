//! Per-stage benchmarks: `cargo bench` (or `cargo bench -- group` for one stage).
//!
//! Each stage is timed alone on the same input, the way `summarize` runs it: text
//! (blocks and sentences), terms (the word-level view), extract
//! (quantities), group, facts and figures (over every story), render (Markdown, HTML,
//! JSON). The input is the scale corpus at 1,000 articles
//! (`target/scale/articles-1000.jsonl`, made by the `scale_corpus` example) when it is
//! there, else the sample articles in `samples/`, repeated. Timings on a shared machine
//! are noisy: compare runs on one machine, never assert on them.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use newsdigest::digest::{
    RunFeatures, quantities_of_articles, sentences_of, summarize, terms_of_articles,
};
use newsdigest::ingest::{Article, read_paths};
use newsdigest::options::Options;
use newsdigest::render::{Format, RenderOptions, Renderer};

/// The scale corpus at this size, when made, is the benchmarks' input.
const SCALE_CORPUS: &str = "target/scale/articles-1000.jsonl";
/// How many copies of the samples stand in for it otherwise.
const SAMPLE_COPIES: usize = 40;

fn articles() -> Vec<Article> {
    let scale = Path::new(SCALE_CORPUS);
    if scale.is_file() {
        return read_paths(
            &[scale.to_path_buf()],
            &newsdigest::ingest::Limits::default(),
        )
        .articles;
    }
    let samples = read_paths(
        &[Path::new("samples").to_path_buf()],
        &newsdigest::ingest::Limits::default(),
    )
    .articles;
    (0..SAMPLE_COPIES)
        .flat_map(|copy| {
            samples.iter().map(move |a| Article {
                id: format!("{}-{copy}", a.id),
                ..a.clone()
            })
        })
        .collect()
}

fn options() -> Options {
    Options::for_date(chrono::NaiveDate::from_ymd_opt(2025, 12, 8).unwrap_or_default())
}

fn stages(c: &mut Criterion) {
    let articles = articles();
    let options = options();
    let mut group = c.benchmark_group("stages");
    group.sample_size(10);
    group.bench_function("text", |b| b.iter(|| sentences_of(black_box(&articles))));
    let sentences = sentences_of(&articles);
    group.bench_function("terms", |b| {
        b.iter(|| terms_of_articles(black_box(&articles), &sentences))
    });
    group.bench_function("extract", |b| {
        b.iter(|| quantities_of_articles(black_box(&sentences)))
    });
    let run = RunFeatures::new(&articles);
    group.bench_function("group", |b| b.iter(|| run.stories(&options.group)));
    let stories = run.stories(&options.group);
    group.bench_function("facts", |b| b.iter(|| run.facts(black_box(&stories))));
    group.bench_function("figures", |b| {
        b.iter(|| run.discrepancies(black_box(&stories)))
    });
    let digest = summarize(articles.clone(), &options);
    let renderer = match Renderer::new(None, RenderOptions::default()) {
        Ok(renderer) => renderer,
        Err(err) => panic!("built-in templates: {err}"),
    };
    group.bench_function("render", |b| {
        b.iter(|| {
            for format in Format::ALL {
                black_box(renderer.render(&digest, format).ok());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
