//! `newsdigest init [FILE]`: writes the commented example config, never over an
//! existing file.

use std::fs::OpenOptions;
use std::io::{ErrorKind, Write};

use crate::cli::{Failure, InitArgs, Status};
use newsdigest::config::EXAMPLE;

pub fn run(args: &InitArgs) -> Result<(), Failure> {
    let path = &args.path;
    let cannot_write = |err: std::io::Error| {
        Failure::new(
            Status::CannotWrite,
            format!("cannot write {}: {err}", path.display()),
        )
    };
    // create_new: the check for an existing file and the creation are one step, so a
    // file appearing in between is not overwritten either.
    let mut file = match OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == ErrorKind::AlreadyExists => {
            return Err(Failure::new(
                Status::CannotWrite,
                format!(
                    "{} already exists; not overwriting it (edit it, or give `init` another file name)",
                    path.display()
                ),
            ));
        }
        Err(err) => return Err(cannot_write(err)),
    };
    file.write_all(EXAMPLE.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(cannot_write)?;
    if !args.log.quiet {
        println!(
            "wrote {}: list your feeds in it, then run `newsdigest check --config {}`",
            path.display(),
            path.display()
        );
    }
    Ok(())
}
