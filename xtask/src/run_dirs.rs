//! Output directories for the timed codegen runs of `cargo xtask bench`.
//!
//! Each timed run writes into a directory no earlier run has used, and none of them is
//! deleted before the bench ends. Deleting the previous run's output right before the next
//! run would time the file system instead of the generator: ext4 without a journal (this
//! machine's root file system) will not reuse an inode freed in the last 60 s (300 s while
//! its inode table block is unwritten), and checks each free one it passes, so creating
//! 1,209 files just after deleting 1,209 cost about 0.4 s more kernel time (release codegen
//! at N = 1,000: 0.68 s wall after `rm -rf` of the last output, 0.44 s into a new directory;
//! median of 6, alternating).

use std::path::{Path, PathBuf};

/// Hands out unused directories under one root and removes them all at the end.
pub struct RunDirs {
    root: PathBuf,
    next: usize,
}

impl RunDirs {
    /// Directories under `root`; whatever a previous bench left there is removed now.
    pub fn new(root: PathBuf) -> Result<RunDirs, String> {
        remove(&root)?;
        Ok(RunDirs { root, next: 0 })
    }

    /// A path no run has written to (not created: the generator creates it).
    pub fn next(&mut self, label: &str) -> PathBuf {
        self.next += 1;
        self.root.join(format!("{label}-{}", self.next))
    }

    /// Removes every directory handed out.
    pub fn remove(&self) -> Result<(), String> {
        remove(&self.root)
    }
}

fn remove(dir: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("{}: {e}", dir.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_directory_is_new_and_all_go_at_the_end() {
        let scratch = tempfile::tempdir().unwrap();
        let root = scratch.path().join("runs");
        std::fs::create_dir_all(root.join("left-over")).unwrap();
        let mut dirs = RunDirs::new(root.clone()).unwrap();
        assert!(!root.exists(), "a previous bench's directories are removed");
        let first = dirs.next("out-5");
        let second = dirs.next("out-5");
        assert_ne!(first, second);
        std::fs::create_dir_all(&first).unwrap();
        std::fs::create_dir_all(&second).unwrap();
        dirs.remove().unwrap();
        assert!(!root.exists());
    }
}
