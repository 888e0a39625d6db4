//! The run lock: one `newsdigest` at a time writes to a store and its briefing folder.
//!
//! A lock file sits next to the store (`newsdigest.db.lock`). The lock is the operating
//! system's (`File::try_lock`), so it is released when the process ends however it
//! ends, and a stale lock cannot exist; the PID written into the file is only for a
//! person looking. The file is never deleted: deleting it would let a third process lock
//! a new file while the second still holds the old one. A second run polls for the lock
//! for a bounded time, then gives up with [`LockError::Busy`] (exit status 75, "try
//! again later", for cron and systemd).

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use tracing::info;

/// How often a waiting run tries the lock again.
const POLL_EVERY: Duration = Duration::from_millis(100);

/// Held while a run works; dropping it releases the lock.
#[derive(Debug)]
pub struct RunLock {
    _file: File,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "another newsdigest is working on this store (lock {path} still held after waiting {waited:?}); try again later"
    )]
    Busy { path: PathBuf, waited: Duration },
    #[error("cannot take the lock {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The lock file that guards `store`: the store's name plus `.lock`.
pub fn lock_path_for(store: &Path) -> PathBuf {
    let mut name = store.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    store.with_file_name(name)
}

/// Takes the lock at `path`, waiting up to `wait` for another process to let it go.
pub fn acquire(path: &Path, wait: Duration) -> Result<RunLock, LockError> {
    let fail = |source| LockError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(folder).map_err(fail)?;
    }
    // Not truncated on open: the holder's PID stays readable until the lock is ours.
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(fail)?;
    let started = Instant::now();
    let mut announced = false;
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(TryLockError::WouldBlock) => {
                let waited = started.elapsed();
                if waited >= wait {
                    return Err(LockError::Busy {
                        path: path.to_path_buf(),
                        waited: wait,
                    });
                }
                if !announced {
                    info!("waiting up to {wait:?} for another newsdigest to finish");
                    announced = true;
                }
                thread::sleep(POLL_EVERY.min(wait - waited));
            }
            Err(TryLockError::Error(source)) => return Err(fail(source)),
        }
    }
    write_pid(&mut file).map_err(fail)?;
    Ok(RunLock { _file: file })
}

fn write_pid(file: &mut File) -> std::io::Result<()> {
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    writeln!(file, "{}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_file_sits_next_to_the_store() {
        assert_eq!(
            lock_path_for(Path::new("data/newsdigest.db")),
            PathBuf::from("data/newsdigest.db.lock")
        );
    }

    #[test]
    fn a_second_holder_waits_then_gives_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db.lock");
        let held = acquire(&path, Duration::ZERO).unwrap();
        let started = Instant::now();
        let error = acquire(&path, Duration::from_millis(300)).unwrap_err();
        assert!(started.elapsed() >= Duration::from_millis(300));
        assert!(matches!(error, LockError::Busy { .. }), "{error}");
        assert!(error.to_string().contains("try again later"));
        drop(held);
        assert!(acquire(&path, Duration::ZERO).is_ok(), "released on drop");
    }
}
