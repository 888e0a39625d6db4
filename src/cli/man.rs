//! `newsdigest man [COMMAND]`: the manual page, generated from the clap definitions
//! (the same doc comments as `--help`), as roff on standard output.

use clap::CommandFactory;

use crate::cli::{Cli, Failure, ManArgs, Status, print_to_stdout};

pub fn run(args: &ManArgs) -> Result<(), Failure> {
    let mut root = Cli::command().disable_help_subcommand(true);
    // Building names each subcommand's page after its parent: newsdigest-build(1).
    root.build();
    let page = match &args.command {
        None => root,
        Some(name) => root.find_subcommand(name).cloned().ok_or_else(|| {
            Failure::new(
                Status::Usage,
                format!("no command {name:?} (expected one of: {})", command_names()),
            )
        })?,
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut roff)
        .map_err(|err| {
            Failure::new(Status::Failure, format!("rendering the manual page: {err}"))
        })?;
    print_to_stdout(&roff)
}

fn command_names() -> String {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
