//! byline-core's integration tests: one binary, a module per topic.

// A test that finds something off should stop right there.
#![allow(clippy::unwrap_used)]

mod crash;
mod export;
mod fuzz_regressions;
mod handoff;
mod import;
mod library;
mod list;
mod ninjs;
mod package;
mod photo;
mod render;
mod search;
mod source_protection;
mod store;
mod workflow;

use std::path::{Path, PathBuf};

use byline_core::{OpenOptions, Store};

/// A library file in a fresh temporary folder. Keep the `TempDir` alive.
pub fn temp_library(options: &OpenOptions) -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("library.sqlite");
    let store = Store::open(&path, options).expect("open library");
    (dir, path, store)
}

pub fn empty_library() -> (tempfile::TempDir, PathBuf, Store) {
    temp_library(&OpenOptions {
        seed_samples: false,
    })
}

/// Name, size and hash of every file beside a library (main file and WAL), to
/// prove that a refused operation changed nothing. The `-shm` file is left out:
/// it is SQLite's shared-memory index, which every reader touches.
pub fn snapshot_files(path: &Path) -> Vec<(String, usize, u64)> {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let dir = path.parent().expect("library in a folder");
    let mut files: Vec<(String, usize, u64)> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file() && !p.to_string_lossy().ends_with("-shm"))
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read");
            let mut h = DefaultHasher::new();
            bytes.hash(&mut h);
            (p.display().to_string(), bytes.len(), h.finish())
        })
        .collect();
    files.sort();
    files
}
