//! The commands the documents show, run as shown, so that a document cannot
//! drift from the program: every ```` ```console ```` block of the READMEs
//! and of `docs/` is run by trycmd, each `$ byline …` line against the
//! `byline` this build made, its output compared with the lines below it
//! (`[..]` stands for the rest of a line, `...` for any lines, `? failed`
//! or `? 2` for the exit code expected). crates/byline-cli/README.md,
//! "Examples", says which commands are in such blocks and which are not.
//!
//! Each document runs in a fresh temporary folder holding a copy of
//! `samples/`, as if from the repository root of a fresh checkout; its
//! blocks run in order there, so each example names a library file of its
//! own, which does not exist before it.

use std::path::{Path, PathBuf};

#[test]
fn every_console_example_in_the_docs_runs_as_shown() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let scratch = tempfile::tempdir().unwrap();
    let cases = trycmd::TestCases::new();
    cases
        .register_bin("byline", PathBuf::from(env!("CARGO_BIN_EXE_byline")))
        // An example that forgot `--library` must not touch the library of
        // whoever runs the tests.
        .env(
            "BYLINE_LIBRARY",
            scratch.path().join("default.sqlite").to_string_lossy(),
        )
        .env(
            "XDG_DATA_HOME",
            scratch.path().join("data").to_string_lossy(),
        );
    let documents = documents(&root);
    assert!(
        documents.iter().any(|d| d == Path::new("README.md")),
        "no README.md found under {}",
        root.display()
    );
    for document in documents {
        // `README.md` is run in `README.in/` beside it (trycmd's rule); the
        // copy keeps the document's line numbers for the failure messages.
        let case = scratch.path().join("docs-run").join(&document);
        let cwd = case.with_extension("in");
        std::fs::create_dir_all(&cwd).unwrap();
        std::fs::copy(root.join(&document), &case).unwrap();
        copy_dir(&root.join("samples"), &cwd.join("samples"));
        cases.case(case);
    }
    cases.run();
}

/// The documents a newcomer reads, relative to the repository root: the
/// README, each folder's README (`ui/`, `e2e/`, `crates/*/`…) and every
/// page of `docs/`.
fn documents(root: &Path) -> Vec<PathBuf> {
    let mut found = vec![PathBuf::from("README.md")];
    for folder in ["", "crates"] {
        for entry in std::fs::read_dir(root.join(folder)).unwrap() {
            let readme = Path::new(folder)
                .join(entry.unwrap().file_name())
                .join("README.md");
            if root.join(&readme).is_file() {
                found.push(readme);
            }
        }
    }
    for entry in std::fs::read_dir(root.join("docs")).unwrap() {
        let name = entry.unwrap().file_name();
        if Path::new(&name).extension().is_some_and(|e| e == "md") {
            found.push(Path::new("docs").join(name));
        }
    }
    found.sort();
    found
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
