//! The whole-run benchmark: times `newsdigest build` on scale corpora and prints the
//! README's speed table.
//!
//! ```text
//! cargo build --profile dist
//! for n in 1000 10000 100000; do
//!   cargo run --release --example scale_corpus -- ../shared/corpus target/scale --articles $n --seed 1
//! done
//! cargo run --profile dist --example bench_run -- --sizes 1000,10000,100000 --runs 5
//! ```
//!
//! For each size it runs `newsdigest build target/scale/articles-N.jsonl --out DIR
//! --quiet` `--runs` times, one after another, and reports the median, fastest and
//! slowest wall time and the median peak resident memory. Peak memory is read from
//! `/usr/bin/time -v` when it is installed, else from the child's own resource usage
//! (`wait4`). The binary is the `newsdigest` next to this example's folder unless
//! `--bin PATH` names another; `--corpus DIR` names the folder of corpora.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench_run: {message}");
            ExitCode::FAILURE
        }
    }
}

struct Args {
    sizes: Vec<usize>,
    runs: usize,
    corpus: PathBuf,
    bin: PathBuf,
}

fn value_of<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let sizes = value_of(args, "--sizes")
        .unwrap_or("1000,10000,100000")
        .split(',')
        .map(|s| s.trim().replace('_', "").parse::<usize>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|err| format!("--sizes: {err}"))?;
    let runs = value_of(args, "--runs")
        .unwrap_or("5")
        .parse::<usize>()
        .map_err(|err| format!("--runs: {err}"))?
        .max(1);
    let corpus = PathBuf::from(value_of(args, "--corpus").unwrap_or("target/scale"));
    let bin = match value_of(args, "--bin") {
        Some(path) => PathBuf::from(path),
        None => default_binary()?,
    };
    Ok(Args {
        sizes,
        runs,
        corpus,
        bin,
    })
}

/// The `newsdigest` of the profile this example was built with: `target/dist/newsdigest`
/// when this runs as `target/dist/examples/bench_run` (`--profile dist`),
/// `target/release/newsdigest` with `--release`.
fn default_binary() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|err| format!("cannot find myself: {err}"))?;
    exe.parent()
        .and_then(Path::parent)
        .map(|dir| dir.join("newsdigest"))
        .ok_or_else(|| "cannot find the newsdigest binary; give --bin".to_string())
}

/// One timed run.
struct Sample {
    wall: Duration,
    peak_kib: u64,
}

fn run(args: Vec<String>) -> Result<(), String> {
    let args = parse_args(&args)?;
    if !args.bin.is_file() {
        return Err(format!(
            "no binary at {} (build it first: cargo build --profile dist, or give --bin)",
            args.bin.display()
        ));
    }
    let out = tempfile_dir()?;
    println!("machine: {}", machine());
    println!("binary: {}", args.bin.display());
    println!();
    println!("| articles | runs | median wall | fastest | slowest | peak memory (median) |");
    println!("|---:|---:|---:|---:|---:|---:|");
    let mut medians = Vec::new();
    for &size in &args.sizes {
        let input = args.corpus.join(format!("articles-{size}.jsonl"));
        if !input.is_file() {
            return Err(format!(
                "no corpus at {}: cargo run --release --example scale_corpus -- ../shared/corpus {} --articles {size} --seed 1",
                input.display(),
                args.corpus.display()
            ));
        }
        let mut samples = Vec::new();
        for _ in 0..args.runs {
            samples.push(timed_build(&args.bin, &input, &out)?);
        }
        let mut walls: Vec<Duration> = samples.iter().map(|s| s.wall).collect();
        walls.sort();
        let mut peaks: Vec<u64> = samples.iter().map(|s| s.peak_kib).collect();
        peaks.sort_unstable();
        let median = walls[walls.len() / 2];
        medians.push((size, median));
        println!(
            "| {size} | {} | {:.2} s | {:.2} s | {:.2} s | {} MiB |",
            args.runs,
            median.as_secs_f64(),
            walls[0].as_secs_f64(),
            walls[walls.len() - 1].as_secs_f64(),
            peaks[peaks.len() / 2] / 1024
        );
    }
    println!();
    for pair in medians.windows(2) {
        let ((small, a), (large, b)) = (pair[0], pair[1]);
        println!(
            "time at {large} / time at {small}: {:.1}",
            b.as_secs_f64() / a.as_secs_f64().max(1e-9)
        );
    }
    let _ = std::fs::remove_dir_all(&out);
    Ok(())
}

fn tempfile_dir() -> Result<PathBuf, String> {
    let dir = std::env::temp_dir().join(format!("newsdigest-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)
        .map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
    Ok(dir)
}

const GNU_TIME: &str = "/usr/bin/time";

fn timed_build(bin: &Path, input: &Path, out: &Path) -> Result<Sample, String> {
    let build_args = [
        "build".as_ref(),
        input.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--quiet".as_ref(),
        "--date".as_ref(),
        "2025-12-08".as_ref(),
    ];
    if Path::new(GNU_TIME).is_file() {
        let start = Instant::now();
        let output = Command::new(GNU_TIME)
            .arg("-v")
            .arg(bin)
            .args(build_args)
            .stdout(Stdio::null())
            .output()
            .map_err(|err| format!("cannot run {GNU_TIME}: {err}"))?;
        let wall = start.elapsed();
        let report = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            return Err(format!("{} failed: {report}", bin.display()));
        }
        let peak_kib = report
            .lines()
            .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(|| format!("no peak memory in {GNU_TIME} -v output"))?;
        return Ok(Sample { wall, peak_kib });
    }
    let start = Instant::now();
    let child = Command::new(bin)
        .args(build_args)
        .stdout(Stdio::null())
        .spawn()
        .map_err(|err| format!("cannot run {}: {err}", bin.display()))?;
    let (status, peak_kib) = wait_with_peak(child.id())?;
    let wall = start.elapsed();
    if status != 0 {
        return Err(format!("{} exited with status {status}", bin.display()));
    }
    Ok(Sample { wall, peak_kib })
}

/// Waits for a child and reads its own peak resident memory (KiB on Linux).
fn wait_with_peak(pid: u32) -> Result<(i32, u64), String> {
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; zeroed is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, not yet waited for; both pointers are valid.
    let waited = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    if waited < 0 {
        return Err(format!(
            "waiting for the build: {}",
            std::io::Error::last_os_error()
        ));
    }
    Ok((libc::WEXITSTATUS(status), usage.ru_maxrss.max(0) as u64))
}

/// Core count and CPU model, for the table's caption.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string());
    format!("{cores} cores, {model}")
}
