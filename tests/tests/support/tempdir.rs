//! A fresh, empty directory for one test: removed when the test passes, kept for
//! inspection when it fails. Shared by every test that writes files (lockfiles, the
//! cycles finder's source trees).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A directory `objfp-{name}-{pid}` under the system's temporary directory.
pub struct TempDir(PathBuf);

impl TempDir {
    /// Creates it empty; `name` must be unique among the tests of one process.
    pub fn new(name: &str) -> Self {
        let path = std::env::temp_dir().join(format!("objfp-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn join(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }

    /// `fingerprints.lock` in this directory.
    pub fn lockfile(&self) -> PathBuf {
        self.join("fingerprints.lock")
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.0.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}
