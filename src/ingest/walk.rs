//! Which files the paths on the command line name: the files given, and the files
//! under the folders given (recursively, in name order, hidden ones skipped).
//!
//! A folder is read as it is, not as a way to the rest of the disk: a symbolic link in
//! it that leads outside it (to `/etc/passwd`, to `/dev/zero`) is not followed, while a
//! link given on the command line is (whoever typed it meant it). Only regular files
//! are read: a FIFO would hang the run and a device never ends, so anything else with
//! an article's extension is skipped with a message. Each real folder is read once and
//! each real file taken once, so link loops (`ln -s . self`) cost nothing and read
//! nothing twice. It does not open the files: [`super::read_file`] does, and checks
//! again that what it opened is a regular file.

use std::collections::HashSet;
use std::fs::{self, Metadata};
use std::path::{Path, PathBuf};

use super::{KNOWN_EXTENSIONS, Problem, Reason, has_known_extension, note, problem};

/// A file or folder as the system knows it (device and inode), whatever path led to it.
type Identity = (u64, u64);

#[cfg(unix)]
fn identity(metadata: &Metadata) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    Some((metadata.dev(), metadata.ino()))
}

#[cfg(not(unix))]
fn identity(_: &Metadata) -> Option<Identity> {
    None
}

/// What a walk has found so far.
struct Walk<'a> {
    files: Vec<PathBuf>,
    problems: &'a mut Vec<Problem>,
    folders_read: HashSet<Identity>,
    files_taken: HashSet<Identity>,
}

/// The files to read under `paths`, in order; what was left out, and why, goes to
/// `problems`.
pub fn files_under(paths: &[PathBuf], problems: &mut Vec<Problem>) -> Vec<PathBuf> {
    let mut walk = Walk {
        files: Vec::new(),
        problems,
        folders_read: HashSet::new(),
        files_taken: HashSet::new(),
    };
    for path in paths {
        walk.named(path);
    }
    walk.files
}

impl Walk<'_> {
    /// A path given on the command line: followed wherever it leads.
    fn named(&mut self, path: &Path) {
        let metadata = match fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(err) => {
                return self
                    .problems
                    .push(problem(path, Reason::CannotRead(err.to_string())));
            }
        };
        if metadata.is_dir() {
            match path.canonicalize() {
                Ok(root) => self.folder(path, &root, &metadata),
                Err(err) => self
                    .problems
                    .push(problem(path, Reason::CannotRead(err.to_string()))),
            }
        } else if !has_known_extension(path) {
            self.problems.push(note(
                path,
                format!(
                    "unsupported file type (expected one of: {})",
                    KNOWN_EXTENSIONS.join(", ")
                ),
            ));
        } else {
            self.file(path, &metadata);
        }
    }

    /// A folder: its entries in name order, none leading outside `root`.
    fn folder(&mut self, path: &Path, root: &Path, metadata: &Metadata) {
        if let Some(id) = identity(metadata)
            && !self.folders_read.insert(id)
        {
            return self.problems.push(note(
                path,
                "skipped: a link to a folder already read".to_string(),
            ));
        }
        let entries = match fs::read_dir(path) {
            Ok(entries) => entries,
            Err(err) => {
                return self
                    .problems
                    .push(note(path, format!("cannot list folder: {err}")));
            }
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for child in children {
            let hidden = child
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if !hidden {
                self.entry(&child, root);
            }
        }
    }

    /// An entry of a folder under `root`.
    fn entry(&mut self, path: &Path, root: &Path) {
        let Ok(own) = fs::symlink_metadata(path) else {
            return;
        };
        if own.file_type().is_symlink() && !self.leads_inside(path, root) {
            return;
        }
        // What the entry is (a link's target, once it is known to be inside).
        let metadata = match fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(err) => {
                return self
                    .problems
                    .push(problem(path, Reason::CannotRead(err.to_string())));
            }
        };
        if metadata.is_dir() {
            self.folder(path, root, &metadata);
        } else if has_known_extension(path) {
            self.file(path, &metadata);
        }
    }

    /// Whether the link at `path` leads to somewhere inside `root`; if not, says so.
    fn leads_inside(&mut self, path: &Path, root: &Path) -> bool {
        match path.canonicalize() {
            Ok(target) if target.starts_with(root) => true,
            Ok(target) => {
                self.problems.push(note(
                    path,
                    format!(
                        "skipped: a link to {}, outside the folder {}",
                        target.display(),
                        root.display()
                    ),
                ));
                false
            }
            Err(err) => {
                self.problems
                    .push(problem(path, Reason::CannotRead(err.to_string())));
                false
            }
        }
    }

    /// A file with an article's extension: taken if it is a regular file not taken yet.
    fn file(&mut self, path: &Path, metadata: &Metadata) {
        if !metadata.is_file() {
            return self.problems.push(note(
                path,
                format!("skipped: {}, not a regular file", kind_of(metadata)),
            ));
        }
        if let Some(id) = identity(metadata)
            && !self.files_taken.insert(id)
        {
            return self.problems.push(note(
                path,
                "skipped: the same file as one already read".to_string(),
            ));
        }
        self.files.push(path.to_path_buf());
    }
}

/// What a file that is not a regular one is, for a message.
pub fn kind_of(metadata: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if metadata.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn names(files: &[PathBuf], root: &Path) -> Vec<String> {
        files
            .iter()
            .map(|f| f.strip_prefix(root).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn links_inside_are_followed_once_and_links_outside_are_not() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret.txt"), "Secret").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("in");
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::write(root.join("a.txt"), "A").unwrap();
        fs::write(root.join("sub/b.txt"), "B").unwrap();
        symlink(outside.path().join("secret.txt"), root.join("secret.txt")).unwrap();
        symlink(outside.path(), root.join("elsewhere")).unwrap();
        symlink(".", root.join("self")).unwrap();
        symlink("..", root.join("sub/up")).unwrap();
        symlink("a.txt", root.join("again.txt")).unwrap();
        let mut problems = Vec::new();
        let files = files_under(std::slice::from_ref(&root), &mut problems);
        assert_eq!(names(&files, &root), ["a.txt", "sub/b.txt"]);
        let told: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(told.len(), 5, "{told:#?}");
        assert!(
            told.iter()
                .any(|p| p.contains("secret.txt: skipped: a link to")
                    && p.contains("outside the folder"))
        );
        assert!(
            told.iter()
                .any(|p| p.contains("self: skipped: a link to a folder already read"))
        );
        assert!(
            told.iter()
                .any(|p| p.contains("again.txt: skipped: the same file"))
        );
    }

    #[test]
    fn a_link_given_on_the_command_line_is_followed() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("story.txt"), "Story").unwrap();
        let dir = tempfile::tempdir().unwrap();
        symlink(
            outside.path().join("story.txt"),
            dir.path().join("link.txt"),
        )
        .unwrap();
        symlink(outside.path(), dir.path().join("folder")).unwrap();
        let mut problems = Vec::new();
        let files = files_under(
            &[dir.path().join("link.txt"), dir.path().join("folder")],
            &mut problems,
        );
        assert_eq!(files.len(), 1, "the same file both ways: {files:?}");
        assert_eq!(problems.len(), 1, "{problems:?}");
    }
}
