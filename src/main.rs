//! The `newsdigest` binary: parses arguments, runs the command, maps failure to an exit
//! status. Everything else lives in the library; the command line ([`cli`]) lives here,
//! so the library has no clap in its API.

mod cli;

use std::process::ExitCode;

/// The pipeline makes millions of small allocations from every core (word lists,
/// signatures, entries); mimalloc serves them faster than the system allocator and
/// keeps less memory stranded between threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its number in the v3 header the crate builds;
/// a test checks it reads that option's default).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps memory the run frees for the run to reuse instead of returning it to the
/// system a second later: a build frees and allocates gigabytes stage after stage, and
/// handing pages back only to fault them in again cost several seconds of system time
/// at 100,000 articles. The process is short-lived; its memory goes back at exit.
fn keep_freed_memory() {
    // SAFETY: sets one integer option, which mimalloc reads atomically; -1 means
    // "never purge".
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
}

/// Makes a write past the file size limit (`ulimit -f`, RLIMIT_FSIZE) fail with EFBIG,
/// as a full disk fails with ENOSPC, instead of the kernel killing the process with
/// SIGXFSZ: killed, it could neither say why (exit 153, no message) nor remove its
/// temporary files. Failing, it reports the file and exits 73 like any full disk.
#[cfg(unix)]
fn fail_writes_past_the_size_limit() {
    // SAFETY: sets the disposition of one signal to "ignore", before any other thread
    // exists; no handler runs.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

fn main() -> ExitCode {
    keep_freed_memory();
    #[cfg(unix)]
    fail_writes_past_the_size_limit();
    cli::exit_on_panic();
    match cli::run(cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("newsdigest: {failure}");
            ExitCode::from(failure.exit_code())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // SAFETY: reads one integer option.
        let default = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(default, 1000, "mimalloc's default purge delay, in ms");
        keep_freed_memory();
        // SAFETY: as above.
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, -1);
    }
}
