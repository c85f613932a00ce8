//! The one error type of the core. Every message names what went wrong in words a
//! reporter can act on (file, line, field); the CLI prints it as is and the app
//! passes it across IPC as the `message` of `{code, message}`.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// No article with that id or slug.
    #[error("no article with id or slug '{0}'")]
    NotFound(String),

    /// A field value the model refuses (empty headline on import, bad language tag…).
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },

    /// A problem in an article file, located as precisely as we can.
    /// `line` counts from 1 at the first line of the file.
    #[error("{}", located(file, *line, message))]
    ArticleFile {
        file: String,
        line: Option<usize>,
        message: String,
    },

    /// A photo that cannot be taken: not an image, too large, unreadable.
    #[error("{file}: {message}")]
    Photo { file: String, message: String },

    /// An export package (`.zip`) refused before anything of it was used:
    /// `file` is the package, `entry` the file inside it the problem is in
    /// (`pkg.zip: media/x.jpg: size 10 does not match the manifest (12)`).
    #[error("{}", in_package(file, entry.as_deref(), message))]
    Package {
        file: String,
        entry: Option<String>,
        message: String,
    },

    /// The library was written by a newer Byline; we never touch it.
    #[error(
        "{}: this library was written by a newer version of Byline (schema {found}, this version knows up to {supported}); it was not opened or changed",
        path.display()
    )]
    LibraryTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    /// The file exists but is not a Byline library.
    #[error("{}: not a Byline library ({reason})", path.display())]
    NotALibrary { path: PathBuf, reason: String },

    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The library file could not be opened at all (a folder, no permission…).
    #[error("{}: cannot open the library: {source}", path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },

    /// A workflow move the pre-publish checklist stops: blocking findings,
    /// and nobody (no editor) gave a reason to override them.
    #[error("{}", blocked(findings))]
    Blocked {
        findings: Vec<crate::checklist::Finding>,
    },

    /// A write to a library that was opened read-only (its file, folder or
    /// disk cannot be written), or that the disk refused as read-only.
    #[error(
        "{}: the library is read-only (its file, folder or disk cannot be written); the change was not saved",
        path.display()
    )]
    ReadOnly { path: PathBuf },

    /// A read-only library this Byline would have to change before it could
    /// read it: made by an older Byline, or empty. Nothing in it was changed.
    #[error("{}", read_only_outdated(path, *found, *supported))]
    ReadOnlyOutdated {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    /// The disk is full (SQLITE_FULL, ENOSPC): the write was rolled back
    /// whole, and the library holds what the last save that returned stored.
    #[error(
        "{}: the disk is full; the change was not saved (the library keeps what was saved before)",
        path.display()
    )]
    DiskFull { path: PathBuf },

    #[error("library: {0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("library migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

fn located(file: &str, line: Option<usize>, message: &str) -> String {
    match line {
        Some(line) => format!("{file}: front matter line {line}: {message}"),
        None => format!("{file}: {message}"),
    }
}

fn in_package(file: &str, entry: Option<&str>, message: &str) -> String {
    match entry {
        Some(entry) => format!("{file}: {entry}: {message}"),
        None => format!("{file}: {message}"),
    }
}

fn read_only_outdated(path: &std::path::Path, found: i64, supported: i64) -> String {
    let why = if found == 0 {
        "is read-only and empty, so no library can be made in it".to_owned()
    } else {
        format!(
            "is read-only and was made by an older Byline (schema {found}; this version needs {supported}), so it cannot be brought up to date where it is"
        )
    };
    format!(
        "{}: the library {why}: copy it to a folder you can write to and open the copy",
        path.display()
    )
}

fn blocked(findings: &[crate::checklist::Finding]) -> String {
    let list: Vec<String> = findings
        .iter()
        .filter(|f| f.severity == crate::checklist::Severity::Blocking)
        .map(|f| format!("{}: {}", f.field, crate::checklist::message(f, "en")))
        .collect();
    format!(
        "the pre-publish checklist blocks this move ({}); an editor may override it with a reason",
        list.join("; ")
    )
}

impl CoreError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        CoreError::Io {
            path: path.into(),
            source,
        }
    }

    /// Whether the disk was full: SQLite's SQLITE_FULL or the system's
    /// ENOSPC, however the error reached here. The app tells the person
    /// ("not saved: disk full") and keeps trying.
    pub fn is_disk_full(&self) -> bool {
        match self {
            CoreError::DiskFull { .. } => true,
            CoreError::Sqlite(e) | CoreError::Open { source: e, .. } => {
                e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull)
            }
            CoreError::Io { source, .. } => source.kind() == std::io::ErrorKind::StorageFull,
            _ => false,
        }
    }

    /// A value the model refuses, named by its field.
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        CoreError::Invalid {
            field,
            message: message.into(),
        }
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;
