//! The scale corpus's articles: a deterministic morning of news, at any size,
//! recombined from the real text in the development corpus (see `main.rs` for how the
//! text is made). Shared with the quality command, which scores grouping on it: each
//! article carries its story as `label`, which the generator knows.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use newsdigest::text::layout_of;

/// Share of articles that are a story of their own.
const SINGLETON_SHARE: f64 = 0.3;
/// Share of the morning in its largest story.
const GIANT_STORY_SHARE: f64 = 0.02;
/// Largest size of any other story.
const MAX_STORY: usize = 400;
/// Share of an article's sentences that are its story's facts.
const FACT_SHARE: f64 = 0.6;
/// Share of fact mentions whose figure is changed.
const DIFFERING_FIGURE_SHARE: f64 = 0.04;
/// Words of a body: uniform in this range.
const WORDS: (usize, usize) = (300, 800);
/// Names drawn per story.
const NAMES_PER_STORY: usize = 6;
/// The day the morning is about (UTC midnight, seconds since the epoch: 2025-12-08).
const DAY_START: i64 = 1_765_152_000;

/// The morning's articles, shuffled, each a DESIGN.md article object with its story
/// as `label` (`story-N`): the same corpus, size and seed give the same articles.
pub fn morning(
    corpus: &Path,
    articles: usize,
    seed: u64,
) -> Result<Vec<serde_json::Value>, String> {
    let pool = Pool::read(corpus)?;
    let mut rng = Rng::new(seed);
    let sizes = story_sizes(articles, &mut rng);
    let mut drawn: Vec<serde_json::Value> = Vec::with_capacity(articles);
    for (story, size) in sizes.into_iter().enumerate() {
        let plan = StoryPlan::draw(story, &pool, &mut rng);
        for _ in 0..size {
            let mut article = plan.article(&pool, &mut rng);
            article["label"] = format!("story-{story}").into();
            drawn.push(article);
        }
    }
    rng.shuffle(&mut drawn);
    for (i, article) in drawn.iter_mut().enumerate() {
        let id = format!("a{i:06}");
        article["url"] = format!(
            "https://{}.example/{id}",
            slug(article["source"].as_str().unwrap_or("news"))
        )
        .into();
        article["id"] = id.into();
    }
    Ok(drawn)
}

/// The real text the morning is made from.
struct Pool {
    headlines: Vec<String>,
    sources: Vec<String>,
    /// Facts, each in one or more wordings.
    facts: Vec<Vec<String>>,
    /// Every sentence, for background.
    sentences: Vec<String>,
}

impl Pool {
    fn read(corpus: &Path) -> Result<Pool, String> {
        let (headlines, sources) = read_headlines(&corpus.join("uci"))?;
        let mut facts = read_paraphrases(&corpus.join("mrpc/train.tsv"))?;
        facts.extend(read_seed_sentences(&corpus.join("seeds"))?);
        let sentences: Vec<String> = facts.iter().flatten().cloned().collect();
        if headlines.is_empty() || facts.is_empty() {
            return Err(format!("no headlines or sentences in {}", corpus.display()));
        }
        Ok(Pool {
            headlines,
            sources,
            facts,
            sentences,
        })
    }
}

/// Titles and distinct sources of `uci/*.jsonl` (the story labels are not read).
fn read_headlines(folder: &Path) -> Result<(Vec<String>, Vec<String>), String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|err| format!("cannot list {}: {err}", folder.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut headlines = Vec::new();
    let mut sources = Vec::new();
    for path in files {
        for line in lines_of(&path)? {
            let value: serde_json::Value =
                serde_json::from_str(&line).map_err(|err| format!("{}: {err}", path.display()))?;
            if let Some(title) = value["title"].as_str() {
                headlines.push(title.to_string());
            }
            if let Some(source) = value["source"].as_str() {
                sources.push(source.to_string());
            }
        }
    }
    sources.sort();
    sources.dedup();
    Ok((headlines, sources))
}

/// MRPC: a pair labelled 1 is one fact in two wordings; the others give two facts.
fn read_paraphrases(path: &Path) -> Result<Vec<Vec<String>>, String> {
    let mut facts = Vec::new();
    for line in lines_of(path)? {
        let mut fields = line.split('\t');
        let (Some(label), Some(a), Some(b)) = (fields.next(), fields.next(), fields.next()) else {
            continue;
        };
        if label == "1" {
            facts.push(vec![a.to_string(), b.to_string()]);
        } else {
            facts.push(vec![a.to_string()]);
            facts.push(vec![b.to_string()]);
        }
    }
    Ok(facts)
}

fn read_seed_sentences(folder: &Path) -> Result<Vec<Vec<String>>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|err| format!("cannot list {}: {err}", folder.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut facts = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path)
            .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
        facts.extend(
            layout_of(&text)
                .sentences
                .into_iter()
                .filter(|s| s.text.split_whitespace().count() >= 6)
                .map(|s| vec![s.text.to_string()]),
        );
    }
    Ok(facts)
}

fn lines_of(path: &Path) -> Result<Vec<String>, String> {
    let file = File::open(path).map_err(|err| format!("cannot open {}: {err}", path.display()))?;
    BufReader::new(file)
        .lines()
        .collect::<Result<_, _>>()
        .map_err(|err| format!("reading {}: {err}", path.display()))
}

/// How many articles each story has: one giant story, then heavy-tailed sizes.
fn story_sizes(total: usize, rng: &mut Rng) -> Vec<usize> {
    let giant = ((total as f64 * GIANT_STORY_SHARE) as usize).clamp(1, total.max(1));
    let mut sizes = vec![giant];
    let mut left = total.saturating_sub(giant);
    while left > 0 {
        let size = if rng.chance(SINGLETON_SHARE) {
            1
        } else {
            // Pareto(alpha 1.3) from 2: most stories are small, a few are large.
            let x = (1.0 - rng.unit()).powf(-1.0 / 1.3);
            ((2.0 * x) as usize).clamp(2, MAX_STORY)
        };
        let size = size.min(left);
        sizes.push(size);
        left -= size;
    }
    sizes
}

/// What a story's articles share: a headline, facts, names, a figure scale, a moment.
struct StoryPlan {
    headline: String,
    facts: Vec<usize>,
    names: Vec<String>,
    figure_scale: f64,
    moment: i64,
}

impl StoryPlan {
    fn draw(story: usize, pool: &Pool, rng: &mut Rng) -> StoryPlan {
        let fact_count = 12 + rng.below(20);
        let names: Vec<String> = (0..NAMES_PER_STORY)
            .map(|k| made_up_name(rng, story * NAMES_PER_STORY + k))
            .collect();
        let mut plan = StoryPlan {
            headline: String::new(),
            facts: (0..fact_count)
                .map(|_| rng.below(pool.facts.len()))
                .collect(),
            names,
            figure_scale: 0.5 + 1.5 * rng.unit(),
            moment: DAY_START + rng.below(86_400) as i64,
        };
        let headline = &pool.headlines[rng.below(pool.headlines.len())];
        plan.headline = plan.with_names(headline);
        if plan.headline == *headline {
            plan.headline = format!("{headline} in {}", plan.names[0]);
        }
        plan
    }

    fn article(&self, pool: &Pool, rng: &mut Rng) -> serde_json::Value {
        let target = WORDS.0 + rng.below(WORDS.1 - WORDS.0 + 1);
        let mut sentences: Vec<String> = Vec::new();
        let mut words = 0;
        let mut unused: Vec<usize> = self.facts.clone();
        while words < target {
            let sentence = if !unused.is_empty() && rng.chance(FACT_SHARE) {
                let fact = unused.swap_remove(rng.below(unused.len()));
                let wordings = &pool.facts[fact];
                let wording = &wordings[rng.below(wordings.len())];
                let differ = rng.chance(DIFFERING_FIGURE_SHARE);
                self.with_figures(&self.with_names(wording), differ, rng)
            } else {
                let background = &pool.sentences[rng.below(pool.sentences.len())];
                self.with_figures(&self.with_names(background), false, rng)
            };
            words += sentence.split_whitespace().count();
            sentences.push(sentence);
        }
        let paragraphs: Vec<String> = sentences.chunks(3).map(|p| p.join(" ")).collect();
        let offset = (rng.unit() + rng.unit() + rng.unit() - 1.5) * 4.0 * 3600.0;
        let published = (self.moment + offset as i64).clamp(DAY_START, DAY_START + 86_399);
        serde_json::json!({
            "id": "",
            "title": self.title(rng),
            "text": paragraphs.join("\n\n"),
            "source": pool.sources[rng.below(pool.sources.len())],
            "url": "",
            "published": rfc3339(published),
        })
    }

    /// The story's headline with a word or two dropped, as another outlet might put it.
    fn title(&self, rng: &mut Rng) -> String {
        let words: Vec<&str> = self.headline.split_whitespace().collect();
        words
            .iter()
            .enumerate()
            .filter(|&(i, _)| i == 0 || !rng.chance(0.15))
            .map(|(_, w)| *w)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Replaces capitalised words inside the sentence with the story's names, the same
    /// word always by the same name.
    fn with_names(&self, sentence: &str) -> String {
        let mut out = String::with_capacity(sentence.len() + 16);
        let mut first = true;
        for token in sentence.split(' ') {
            if !first {
                out.push(' ');
            }
            let core_end = token
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(token.len());
            let core = &token[..core_end];
            let replace = !first
                && core.len() >= 3
                && core.chars().next().is_some_and(char::is_uppercase)
                && core.chars().skip(1).all(char::is_lowercase)
                && !KEPT_CAPITALS.contains(&core);
            if replace {
                out.push_str(&self.names[fnv(core) as usize % self.names.len()]);
                out.push_str(&token[core_end..]);
            } else {
                out.push_str(token);
            }
            first = false;
        }
        out
    }

    /// Rescales the figures of a sentence by the story's scale (years and small
    /// numbers kept); `differ` changes one of them further.
    fn with_figures(&self, sentence: &str, differ: bool, rng: &mut Rng) -> String {
        let mut changed = !differ;
        let tokens: Vec<String> = sentence
            .split(' ')
            .map(|token| {
                let digits_end = token
                    .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
                    .unwrap_or(token.len());
                let number = token[..digits_end].trim_end_matches([',', '.']);
                let Ok(value) = number.replace(',', "").parse::<f64>() else {
                    return token.to_string();
                };
                let is_year = (1900.0..=2100.0).contains(&value) && !number.contains(',');
                if is_year || value < 10.0 {
                    return token.to_string();
                }
                let mut scaled = value * self.figure_scale;
                if !changed {
                    scaled *= 1.3 + 1.2 * rng.unit();
                    changed = true;
                }
                format!("{}{}", written(scaled, number), &token[number.len()..])
            })
            .collect();
        tokens.join(" ")
    }
}

/// Capitalised words that keep their meaning: months and weekdays (dates are read).
const KEPT_CAPITALS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "The",
];

/// A number written like the one it replaces: decimals kept, thousands separated.
fn written(value: f64, like: &str) -> String {
    if let Some((_, decimals)) = like.split_once('.') {
        return format!("{value:.prec$}", prec = decimals.len());
    }
    let whole = value.round() as u64;
    if !like.contains(',') {
        return whole.to_string();
    }
    with_thousands(&whole.to_string())
}

/// Digits with a comma every three from the right: "12400" is "12,400".
pub fn with_thousands(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

const SYLLABLES: &[&str] = &[
    "ka", "ren", "vo", "dal", "mi", "tor", "sa", "bel", "lu", "nek", "ri", "gan", "po", "ves",
    "ta", "lin", "do", "mar", "ze", "kor", "fi", "ral", "be", "sun",
];

/// A pronounceable name, different for each `serial` for the first few hundred
/// thousand.
fn made_up_name(rng: &mut Rng, serial: usize) -> String {
    let n = SYLLABLES.len();
    let mut name = String::new();
    let mut rest = serial;
    for _ in 0..3 {
        name.push_str(SYLLABLES[rest % n]);
        rest /= n;
    }
    name.push_str(SYLLABLES[(rest + rng.below(n)) % n]);
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn slug(source: &str) -> String {
    let slug: String = source
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .take(24)
        .collect();
    if slug.is_empty() {
        "news".to_string()
    } else {
        slug
    }
}

fn rfc3339(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .map(|t| t.to_rfc3339())
        .unwrap_or_default()
}

fn fnv(text: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in text.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// SplitMix64: a small, fixed, seedable generator, so the corpus never depends on a
/// crate's choice of algorithm.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize % n.max(1)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}
