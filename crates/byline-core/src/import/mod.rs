//! Bringing articles into the library. Everything is read and checked first,
//! then saved in one transaction: a bad file leaves the library as it was.

pub mod front_matter;

use std::path::{Path, PathBuf};

use crate::{
    article::ArticleId,
    error::{CoreError, Result},
    store::{Saved, Store},
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub id: ArticleId,
    pub saved: Saved,
    pub source: String,
}

#[derive(Debug, Default)]
pub struct ImportReport {
    /// In the order the files were read.
    pub articles: Vec<Imported>,
    /// What was read but could not be kept yet, one line each.
    pub warnings: Vec<String>,
}

/// Imports `.md` files, and every `.md` file under the given folders (sorted by
/// path, hidden entries skipped).
pub fn import_paths(store: &Store, paths: &[PathBuf]) -> Result<ImportReport> {
    let mut files = Vec::new();
    for path in paths {
        collect_md(path, true, &mut files)?;
    }
    if files.is_empty() {
        return Err(CoreError::invalid(
            "import",
            "no .md article files in the given folders",
        ));
    }
    let mut report = ImportReport::default();
    let mut batch = Vec::new();
    for file in &files {
        let source = file.display().to_string();
        let content = std::fs::read_to_string(file).map_err(|e| CoreError::io(file, e))?;
        let parsed = front_matter::parse(&source, &content)?;
        report.warnings.extend(parsed.warnings);
        batch.push(parsed.incoming);
    }
    let sources: Vec<String> = batch.iter().map(|i| i.source.clone()).collect();
    report.articles = store
        .save_incoming(batch)?
        .into_iter()
        .zip(sources)
        .map(|((id, saved), source)| Imported { id, saved, source })
        .collect();
    Ok(report)
}

fn collect_md(path: &Path, named: bool, out: &mut Vec<PathBuf>) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| CoreError::io(path, e))?;
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| CoreError::io(path, e))?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<std::io::Result<_>>()
            .map_err(|e| CoreError::io(path, e))?;
        entries.sort();
        for entry in entries {
            let hidden = entry
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if !hidden {
                collect_md(&entry, false, out)?;
            }
        }
    } else if named
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"))
    {
        // A file named on the command line is read whatever its extension.
        out.push(path.to_owned());
    }
    Ok(())
}
