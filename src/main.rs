//! The `newsdigest` binary: parses arguments, runs the command, maps failure to an exit
//! status. Everything else lives in the library.

use std::process::ExitCode;

use clap::Parser;
use newsdigest::cli::{self, Cli};

/// The pipeline makes millions of small allocations from every core (word lists,
/// signatures, entries); mimalloc serves them faster than the system allocator and
/// keeps less memory stranded between threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::exit_on_panic();
    match cli::run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("newsdigest: {failure}");
            ExitCode::from(failure.exit_code())
        }
    }
}
