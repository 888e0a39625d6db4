//! `newsdigest completions SHELL`: a completion script generated from the clap
//! definitions, so completions never disagree with the flags.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, Failure, print_to_stdout};

pub fn run(args: &CompletionsArgs) -> Result<(), Failure> {
    // Generated into memory first: clap_complete panics on a failed write, and a
    // closed pipe is not worth a panic.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "newsdigest", &mut script);
    print_to_stdout(&script)
}
