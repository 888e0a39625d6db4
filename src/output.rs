//! Writing the briefing to disk: file names, and writes that never leave a half-written
//! file behind.
//!
//! Every file is written to a temporary file in the same folder (a [`StagedFile`],
//! which a renderer can stream into), flushed to disk, then renamed over the target, so
//! a reader (or a crash mid-write) sees either the old file or the new one. A
//! briefing's files are committed as one batch: every temporary file is complete
//! before the first rename, so a full disk part way through leaves all of the previous
//! briefing in place, not a new Markdown file beside an old HTML one.
//!
//! The renames themselves are journaled: before the first, a journal naming each
//! temporary file and its target is written and synced into the folder
//! (`.newsdigest-batch`), and it is removed after the last. A run killed between two
//! renames leaves some files new and the others as they were (each one whole), with
//! the journal; the next commit into the folder (and every `build` that writes there,
//! before it reads the folder) first completes that batch from it, so the folder then
//! holds the whole new batch. Commits into one folder take turns (a lock on the
//! folder), so one never completes another's batch under way. A run killed before its
//! journal was written leaves the previous files and its `.newsdigest-*.tmp` files,
//! which a later commit removes once they are an hour old.
//!
//! `latest.md`, `latest.html` and `latest.json` are copies of the newest digest,
//! written the same way (a copy rather than a symlink: it works on every file system and
//! web server). This module does not render; it takes finished text or bytes streamed
//! into a staged file.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::render::Format;

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}: {source}")]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// The path of the briefing for `date` in `format` inside `out`: `out/2026-11-22.md`.
pub fn digest_path(out: &Path, date: NaiveDate, format: Format) -> PathBuf {
    out.join(digest_file_name(date, format))
}

/// The file name of the briefing for `date` in `format`: `2026-11-22.md`.
pub fn digest_file_name(date: NaiveDate, format: Format) -> String {
    format!("{}.{}", date.format("%Y-%m-%d"), format.extension())
}

/// The path of the copy of the newest briefing in `format`: `out/latest.md`.
pub fn latest_path(out: &Path, format: Format) -> PathBuf {
    out.join(format!("latest.{}", format.extension()))
}

/// Whether `latest.EXT` should follow the briefing of `date`: no newer dated briefing of
/// that format is in `out`.
pub fn latest_is_due(out: &Path, date: NaiveDate, format: Format) -> bool {
    newest_digest_date(out, format).is_none_or(|newest| newest <= date)
}

/// The latest date among `out/YYYY-MM-DD.EXT` files.
fn newest_digest_date(out: &Path, format: Format) -> Option<NaiveDate> {
    let suffix = format!(".{}", format.extension());
    fs::read_dir(out)
        .ok()?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|name| {
            let stem = name.strip_suffix(&suffix)?;
            NaiveDate::parse_from_str(stem, "%Y-%m-%d").ok()
        })
        .max()
}

/// Writes `contents` to `path` atomically, creating the parent folder if needed.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    write_all_atomically(&[(path.to_path_buf(), contents)])
}

/// Writes every `(path, contents)`, or, when any write fails, none: all are written to
/// temporary files and synced before the first is renamed into place. A failed batch
/// leaves no temporary file behind.
pub fn write_all_atomically(files: &[(PathBuf, &[u8])]) -> Result<(), WriteError> {
    let mut staged = Vec::with_capacity(files.len());
    for (path, contents) in files {
        let mut file = StagedFile::create(path)?;
        file.write_all(contents)
            .map_err(|source| file.error(source))?;
        staged.push(file);
    }
    commit(staged)
}

/// Room for this much text before a staged file writes to the kernel: large writes
/// are several times cheaper than many small ones on a briefing of a gigabyte.
const WRITE_BUFFER: usize = 256 * 1024;

/// The future contents of `path`, being written to a temporary file beside it. It
/// becomes `path` when its batch is [`commit`]ted; dropped before that, it is deleted
/// and `path` is untouched.
pub struct StagedFile {
    path: PathBuf,
    temporary: BufWriter<tempfile::NamedTempFile>,
    writeback: EarlyWriteback,
}

impl StagedFile {
    /// An empty temporary file in `path`'s folder, created if needed.
    pub fn create(path: &Path) -> Result<StagedFile, WriteError> {
        let fail = |source| WriteError {
            path: path.to_path_buf(),
            source,
        };
        let folder = folder_of(path);
        fs::create_dir_all(folder).map_err(fail)?;
        let mut builder = tempfile::Builder::new();
        builder.prefix(".newsdigest-").suffix(".tmp");
        // A temporary file is private by default, and the rename would keep that: the
        // digest is created as any new file is (0666 less the umask), so the web server
        // or reader that the briefing is for can open it.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let temporary = builder.tempfile_in(folder).map_err(fail)?;
        Ok(StagedFile {
            path: path.to_path_buf(),
            temporary: BufWriter::with_capacity(WRITE_BUFFER, temporary),
            writeback: EarlyWriteback::default(),
        })
    }

    /// The file this will become.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `source` as the failure to write this file.
    pub fn error(&self, source: io::Error) -> WriteError {
        WriteError {
            path: self.path.clone(),
            source,
        }
    }

    /// Another staged file, for `path`, with what was written to this one so far (the
    /// `latest.*` copy of a finished briefing). The copy is made by the kernel.
    pub fn copy_to(&mut self, path: &Path) -> Result<StagedFile, WriteError> {
        self.temporary
            .flush()
            .map_err(|source| self.error(source))?;
        let mut copy = StagedFile::create(path)?;
        let mut written =
            fs::File::open(self.temporary.get_ref().path()).map_err(|source| self.error(source))?;
        io::copy(&mut written, copy.temporary.get_mut().as_file_mut())
            .map_err(|source| copy.error(source))?;
        Ok(copy)
    }

    /// Flushed and on disk, ready to be renamed.
    fn synced(mut self) -> Result<(PathBuf, tempfile::NamedTempFile), WriteError> {
        let fail = |source| WriteError {
            path: self.path.clone(),
            source,
        };
        let temporary = self
            .temporary
            .into_inner()
            .map_err(|err| fail(err.into_error()))?;
        self.writeback.finish();
        temporary.as_file().sync_all().map_err(fail)?;
        Ok((self.path, temporary))
    }

    fn wrote(&mut self, bytes: usize) {
        let temporary = self.temporary.get_ref();
        self.writeback.wrote(bytes, temporary.path());
    }
}

impl Write for StagedFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.temporary.write(buf)?;
        self.wrote(written);
        Ok(written)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.temporary.write_all(buf)?;
        self.wrote(buf.len());
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.temporary.flush()
    }
}

/// Written to a staged file between two requests to put it on disk early.
const WRITEBACK_EVERY: usize = 64 * 1024 * 1024;

/// Puts a large staged file on disk while the rest of it is still being written: a
/// briefing of two gigabytes otherwise waited a second for the disk at its commit,
/// with the cores idle. A thread of its own syncs the file every
/// [`WRITEBACK_EVERY`] bytes; the commit's own sync then finds little left to write.
/// The thread syncs through a handle opened on its own, so an error it meets is still
/// reported to the commit's sync (Linux reports a write error to every open handle),
/// which decides; here errors are ignored, as this only saves time.
#[derive(Default)]
struct EarlyWriteback {
    since_request: usize,
    /// Asks the thread to sync; a request made while one waits is already covered.
    requests: Option<std::sync::mpsc::SyncSender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl EarlyWriteback {
    fn wrote(&mut self, bytes: usize, path: &Path) {
        self.since_request += bytes;
        if self.since_request < WRITEBACK_EVERY {
            return;
        }
        self.since_request = 0;
        if self.thread.is_none() {
            self.start(path);
        }
        if let Some(requests) = &self.requests {
            let _ = requests.try_send(());
        }
    }

    fn start(&mut self, path: &Path) {
        let Ok(file) = fs::File::open(path) else {
            return;
        };
        let (requests, received) = std::sync::mpsc::sync_channel::<()>(1);
        let thread = std::thread::Builder::new()
            .name("writeback".to_string())
            .spawn(move || {
                while received.recv().is_ok() {
                    let _ = file.sync_data();
                }
            });
        if let Ok(thread) = thread {
            self.requests = Some(requests);
            self.thread = Some(thread);
        }
    }

    /// Stops the thread, once its sync under way is done.
    fn finish(&mut self) {
        self.requests = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Renames every staged file over its target once all of them are written and synced,
/// so either the whole batch replaces what was there or, when one fails, nothing does
/// (and no temporary file is left). The renames into each folder are journaled (see
/// the module's documentation): a kill between them is completed by the next commit.
pub fn commit(files: Vec<StagedFile>) -> Result<(), WriteError> {
    let mut ready = Vec::with_capacity(files.len());
    for file in files {
        ready.push(file.synced()?);
    }
    let mut folders: Vec<(PathBuf, Vec<(PathBuf, tempfile::NamedTempFile)>)> = Vec::new();
    for (path, temporary) in ready {
        let folder = folder_of(&path).to_path_buf();
        match folders.iter_mut().find(|(f, _)| *f == folder) {
            Some((_, batch)) => batch.push((path, temporary)),
            None => folders.push((folder, vec![(path, temporary)])),
        }
    }
    for (folder, batch) in folders {
        commit_into(&folder, batch)?;
    }
    Ok(())
}

/// The journal of the batch being renamed into a folder.
const JOURNAL: &str = ".newsdigest-batch";

/// Renames one folder's files into place, journaled, under the folder's lock.
fn commit_into(
    folder: &Path,
    batch: Vec<(PathBuf, tempfile::NamedTempFile)>,
) -> Result<(), WriteError> {
    let _turn = FolderLock::take(folder);
    complete_batch(folder)?;
    remove_stale_temporaries(folder);
    // Paths stay as the temporary files have them; the journal names them within the
    // folder, where they all are.
    let mut renames = Vec::with_capacity(batch.len());
    let mut temporaries = Vec::with_capacity(batch.len());
    for (path, temporary) in batch {
        let (file, from) = temporary.keep().map_err(|error| WriteError {
            path: path.clone(),
            source: error.error,
        })?;
        drop(file);
        renames.push((from.clone(), path));
        temporaries.push(from);
    }
    // From here on the temporary files are ours to remove if the journal cannot be
    // written (they are no longer removed on drop).
    let journaled = write_journal(folder, &renames);
    if let Err(error) = journaled {
        for temporary in &temporaries {
            let _ = fs::remove_file(temporary);
        }
        return Err(error);
    }
    for (from, to) in &renames {
        fs::rename(from, to).map_err(|source| WriteError {
            path: to.clone(),
            source,
        })?;
    }
    sync_folder(folder);
    remove_journal(folder)
}

/// Writes the journal naming each `(temporary, target)` pair by its file name, synced
/// and renamed into place so it is whole or absent.
fn write_journal(folder: &Path, renames: &[(PathBuf, PathBuf)]) -> Result<(), WriteError> {
    let path = folder.join(JOURNAL);
    let fail = |source| WriteError {
        path: path.clone(),
        source,
    };
    let mut text = String::new();
    for (from, to) in renames {
        let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
        let (Some(from), Some(to)) = (name(from), name(to)) else {
            continue;
        };
        text.push_str(&format!("{from}\t{to}\n"));
    }
    let mut journal = tempfile::Builder::new()
        .prefix(".newsdigest-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(fail)?;
    journal.write_all(text.as_bytes()).map_err(fail)?;
    journal.as_file().sync_all().map_err(fail)?;
    journal.persist(&path).map_err(|error| fail(error.error))?;
    sync_folder(folder);
    Ok(())
}

fn remove_journal(folder: &Path) -> Result<(), WriteError> {
    let path = folder.join(JOURNAL);
    match fs::remove_file(&path) {
        Ok(()) => {}
        Err(err) if err.kind() == io::ErrorKind::NotFound => {}
        Err(source) => return Err(WriteError { path, source }),
    }
    sync_folder(folder);
    Ok(())
}

/// Completes a batch a killed run left half renamed into `folder`: every temporary file
/// its journal names that is still there is renamed over its target. Returns the
/// files completed. Nothing to do (the common case) costs one failed open.
pub fn complete_batch_in(folder: &Path) -> Result<Vec<PathBuf>, WriteError> {
    if !folder.join(JOURNAL).exists() {
        return Ok(Vec::new());
    }
    // In turn with commits, so a batch under way is never taken for a killed one.
    let _turn = FolderLock::take(folder);
    complete_batch(folder)
}

/// [`complete_batch_in`], for a caller that holds the folder's turn.
fn complete_batch(folder: &Path) -> Result<Vec<PathBuf>, WriteError> {
    let path = folder.join(JOURNAL);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(WriteError { path, source }),
    };
    let mut completed = Vec::new();
    for (from, to) in text.lines().filter_map(|line| line.split_once('\t')) {
        // Only what a commit writes: a temporary file of ours over a plain name in this
        // folder, whatever else a journal planted there may say.
        let ours = from.starts_with(".newsdigest-") && from.ends_with(".tmp");
        let plain =
            |name: &str| !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\']);
        if !(ours && plain(&from[1..]) && plain(to)) {
            continue;
        }
        let (from, to) = (folder.join(from), folder.join(to));
        if from.exists() {
            fs::rename(&from, &to).map_err(|source| WriteError {
                path: to.clone(),
                source,
            })?;
            completed.push(to);
        }
    }
    sync_folder(folder);
    remove_journal(folder)?;
    Ok(completed)
}

/// Takes the folder's turn for a commit, if the system can lock a folder; released on
/// drop (or when the process ends, however it ends).
struct FolderLock(Option<fs::File>);

impl FolderLock {
    fn take(folder: &Path) -> FolderLock {
        let handle = fs::File::open(folder)
            .ok()
            .filter(|handle| handle.lock().is_ok());
        FolderLock(handle)
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        if let Some(handle) = &self.0 {
            let _ = handle.unlock();
        }
    }
}

/// A temporary file this old was left by a run that was killed before it could
/// rename or remove it; no live run takes this long to write a briefing.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3_600);

/// Removes the temporary files killed runs left in `folder`. Best effort: whatever
/// cannot be removed now is tried again next time.
fn remove_stale_temporaries(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with(".newsdigest-") && name.ends_with(".tmp");
        let stale = ours
            && entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|modified| modified.elapsed().ok())
                .is_some_and(|age| age > STALE_AFTER);
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Makes the rename itself durable. Best effort: not every platform can open a folder.
fn sync_folder(folder: &Path) {
    if let Ok(handle) = fs::File::open(folder) {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A digest gets the permissions any new file of the user's gets (0666 less the
    /// umask), not a temporary file's private 0600: a web server must be able to read it.
    #[cfg(unix)]
    #[test]
    fn written_files_get_a_new_files_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
        let ordinary = dir.path().join("ordinary");
        fs::write(&ordinary, b"").unwrap();
        let digest = dir.path().join("digest.md");
        write_atomically(&digest, b"# Briefing").unwrap();
        assert_eq!(mode(&digest), mode(&ordinary));
    }

    #[test]
    fn names_files_by_date_and_format() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(
            digest_path(Path::new("out"), date, Format::Html),
            PathBuf::from("out/2026-11-22.html")
        );
    }

    #[test]
    fn replaces_existing_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/a.md");
        write_atomically(&path, b"first").unwrap();
        write_atomically(&path, b"second").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "second");
        let names: Vec<_> = fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn latest_follows_the_newest_date_only() {
        let dir = tempfile::tempdir().unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2025, 12, d).unwrap();
        for (date, text) in [(day(8), "eighth"), (day(9), "ninth")] {
            assert!(latest_is_due(dir.path(), date, Format::Markdown));
            write_atomically(
                &digest_path(dir.path(), date, Format::Markdown),
                text.as_bytes(),
            )
            .unwrap();
        }
        assert!(
            !latest_is_due(dir.path(), day(8), Format::Markdown),
            "rebuilding an older day leaves latest alone"
        );
        assert!(latest_is_due(dir.path(), day(9), Format::Markdown));
        assert!(
            latest_is_due(dir.path(), day(8), Format::Html),
            "each format follows its own dated briefings"
        );
    }

    #[test]
    fn staged_files_appear_only_when_committed_and_copies_match() {
        let dir = tempfile::tempdir().unwrap();
        let dated = dir.path().join("2025-12-08.md");
        let mut file = StagedFile::create(&dated).unwrap();
        file.write_all(b"streamed ").unwrap();
        file.write_all(b"in pieces").unwrap();
        let copy = file.copy_to(&dir.path().join("latest.md")).unwrap();
        assert!(!dated.exists(), "nothing is renamed before the commit");
        commit(vec![file, copy]).unwrap();
        assert_eq!(fs::read_to_string(&dated).unwrap(), "streamed in pieces");
        let latest = fs::read_to_string(dir.path().join("latest.md")).unwrap();
        assert_eq!(latest, "streamed in pieces");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temporary left"
        );
    }

    #[test]
    fn a_staged_file_dropped_before_its_commit_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut file = StagedFile::create(&dir.path().join("a.md")).unwrap();
        file.write_all(b"half a briefing").unwrap();
        drop(file);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_failed_batch_changes_nothing_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("a.md");
        write_atomically(&kept, b"old").unwrap();
        let blocker = dir.path().join("file");
        fs::write(&blocker, "x").unwrap();
        let batch = [
            (kept.clone(), &b"new"[..]),
            (blocker.join("b.html"), &b"new"[..]),
        ];
        assert!(write_all_atomically(&batch).is_err());
        assert_eq!(fs::read_to_string(&kept).unwrap(), "old");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temporary left"
        );
    }

    #[test]
    fn temporaries_left_by_killed_runs_are_removed_once_stale() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".newsdigest-old.tmp");
        let fresh = dir.path().join(".newsdigest-new.tmp");
        fs::write(&stale, "x").unwrap();
        fs::write(&fresh, "x").unwrap();
        let long_ago = std::time::SystemTime::now() - 2 * STALE_AFTER;
        fs::File::options()
            .write(true)
            .open(&stale)
            .and_then(|f| f.set_modified(long_ago))
            .unwrap();
        write_atomically(&dir.path().join("a.md"), b"x").unwrap();
        assert!(!stale.exists(), "a stale temporary is removed");
        assert!(fresh.exists(), "a recent one may be another run's");
    }

    #[test]
    fn a_batch_cut_short_between_its_renames_is_completed_by_the_next_commit() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path();
        write_all_atomically(&[
            (folder.join("a.md"), &b"old a"[..]),
            (folder.join("b.html"), &b"old b"[..]),
        ])
        .unwrap();
        // What a run killed after its first rename leaves: the journal, a.md renamed,
        // b.html's temporary file still waiting.
        fs::write(folder.join(".newsdigest-b1.tmp"), "new b").unwrap();
        fs::write(folder.join("a.md"), "new a").unwrap();
        fs::write(
            folder.join(JOURNAL),
            ".newsdigest-a1.tmp\ta.md\n.newsdigest-b1.tmp\tb.html\n",
        )
        .unwrap();
        let completed = complete_batch_in(folder).unwrap();
        assert_eq!(completed, [folder.join("b.html")]);
        assert_eq!(fs::read_to_string(folder.join("b.html")).unwrap(), "new b");
        assert_eq!(fs::read_to_string(folder.join("a.md")).unwrap(), "new a");
        assert!(!folder.join(JOURNAL).exists());
        assert_eq!(complete_batch_in(folder).unwrap(), Vec::<PathBuf>::new());
    }

    #[test]
    fn a_journal_renames_only_our_temporary_files_within_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("out");
        fs::create_dir(&folder).unwrap();
        fs::write(folder.join("notes.txt"), "mine").unwrap();
        fs::write(folder.join(".newsdigest-x.tmp"), "x").unwrap();
        fs::write(
            folder.join(JOURNAL),
            "notes.txt\tindex.html\n.newsdigest-x.tmp\t../escaped.md\n.newsdigest-x.tmp\t.hidden\n",
        )
        .unwrap();
        assert!(complete_batch_in(&folder).unwrap().is_empty());
        assert!(folder.join("notes.txt").exists());
        assert!(!dir.path().join("escaped.md").exists());
        assert!(!folder.join(JOURNAL).exists());
    }

    #[test]
    fn a_whole_commit_leaves_no_journal() {
        let dir = tempfile::tempdir().unwrap();
        write_all_atomically(&[(dir.path().join("a.md"), &b"a"[..])]).unwrap();
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.md"]);
    }

    #[test]
    fn reports_the_path_it_could_not_write() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        fs::write(&blocker, "x").unwrap();
        let error = write_atomically(&blocker.join("a.md"), b"x").unwrap_err();
        assert!(error.to_string().contains("a.md"), "{error}");
    }
}
