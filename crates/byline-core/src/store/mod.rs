//! The library: one SQLite file holding everything a reporter has, so it can be
//! copied or backed up as one file.
//!
//! One writer connection and, for a file, one reader beside it (WAL lets a list
//! or a search run while a save is in flight). Every connection gets its pragmas
//! where it is opened (`open.rs`), and every write runs in a transaction that
//! begins IMMEDIATE, so a write never fails half-way or upgrades into
//! SQLITE_BUSY. All SQL for one table lives in that table's module.
//!
//! The files form layers too: this one (the [`Store`] and its connections)
//! names none of the others; `rows.rs` (how values sit in columns) is below
//! every table's file; `incoming.rs`, `handoff.rs` and `open.rs`, which bring
//! several tables together, are above them.

mod articles;
mod comments;
mod handoff;
mod incoming;
mod library;
mod open;
mod photos;
mod revisions;
mod rows;
mod search;
mod settings;
mod workflow;

pub use articles::DatedArticle;
pub use comments::{Comment, CommentAnchor, CommentTarget};
pub use handoff::{
    ExportState, FieldConflict, IncomingPackage, Outcome, PendingMerge, Side, field_text,
};
pub use incoming::{Incoming, Saved};
pub use library::{Counts, DateField, Filter, MAX_PAGE, Page, Sort};
pub use open::{APP_ID, default_library_path, schema_version};
pub use photos::AddedPhoto;
pub use revisions::{EDITING_INTERVAL_MINUTES, RevisionInfo, RevisionReason, SaveKind};
pub use search::SearchHit;
// The settings live below the store (the checklist reads them); the
// store keeps them, and this path stays.
pub use crate::settings::Settings;
pub use workflow::{HistoryEvent, Transition};

use std::{
    path::{Path, PathBuf},
    sync::{Mutex, MutexGuard},
};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::{CoreError, Result};

pub struct Store {
    path: Option<PathBuf>,
    /// Opened with SQLITE_OPEN_READ_ONLY because the library cannot be
    /// written (see [`Store::open`]): every write is refused by name.
    read_only: bool,
    /// This open created the library: the file was new, or it is in memory.
    created: bool,
    /// `None` for an in-memory library, which a second connection cannot see.
    /// Declared before `writer` so it closes first: the last connection to close
    /// checkpoints the WAL into the main file and removes it, which only the
    /// writer may do. A closed library is then one file again.
    reader: Option<Mutex<Connection>>,
    /// Search has a read connection of its own, so a slow search never holds
    /// up opening an article, and nothing that reads holds up a save.
    searcher: Option<Mutex<Connection>>,
    writer: Mutex<Connection>,
    /// See `library::Driver`; changed only by tests.
    few_rows: std::sync::atomic::AtomicI64,
}

impl Store {
    /// Whether this open created the library (the file did not exist or was
    /// empty; a library in memory is always new). The app gives such a
    /// library its first-run samples.
    pub fn created(&self) -> bool {
        self.created
    }

    /// Whether the library was opened read-only (see [`Store::open`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// A number that changes whenever another connection commits to the
    /// library: the `byline` command, another program. This store's own
    /// writes leave it as it is (it is read on the writer, and SQLite counts
    /// only other connections' commits), so a change means "someone else
    /// wrote". Cheap: SQLite compares a counter in the WAL index.
    pub fn data_version(&self) -> Result<i64> {
        Ok(lock(&self.writer).pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// Sets the most pages the writer may grow the library to, so a test can
    /// meet a full disk (SQLITE_FULL) without filling one. Only for tests.
    #[doc(hidden)]
    pub fn set_max_pages(&self, pages: i64) -> Result<()> {
        Ok(lock(&self.writer).pragma_update(None, "max_page_count", pages)?)
    }

    /// `None` for an in-memory library.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `f` on a read connection. Reads see the last committed state.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        match &self.reader {
            Some(reader) => f(&lock(reader)),
            None => f(&lock(&self.writer)),
        }
    }

    /// Runs `f` on the search connection.
    pub(crate) fn search_read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        match &self.searcher {
            Some(searcher) => f(&lock(searcher)),
            None => f(&lock(&self.writer)),
        }
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is committed, or none.
    /// A read-only library refuses before anything runs; a full disk and a
    /// disk that turned read-only are told as such ([`CoreError::DiskFull`],
    /// [`CoreError::ReadOnly`]), since the person can act on them.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(CoreError::ReadOnly {
                path: self.display_path(),
            });
        }
        let mut conn = lock(&self.writer);
        let run = |conn: &mut Connection| -> Result<T> {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        };
        run(&mut conn).map_err(|e| {
            if e.is_disk_full() {
                CoreError::DiskFull {
                    path: self.display_path(),
                }
            } else if sqlite_code(&e) == Some(rusqlite::ErrorCode::ReadOnly) {
                CoreError::ReadOnly {
                    path: self.display_path(),
                }
            } else {
                e
            }
        })
    }

    /// The path an error names: the file, or `:memory:`.
    fn display_path(&self) -> PathBuf {
        self.path.clone().unwrap_or_else(|| ":memory:".into())
    }
}

/// SQLite's error code, wherever in the error it is.
fn sqlite_code(e: &CoreError) -> Option<rusqlite::ErrorCode> {
    match e {
        CoreError::Sqlite(e) | CoreError::Open { source: e, .. } => e.sqlite_error_code(),
        CoreError::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => {
            err.sqlite_error_code()
        }
        _ => None,
    }
}

/// A poisoned lock only means another thread panicked mid-call; SQLite rolled
/// its transaction back, so the connection is still sound to use.
fn lock(m: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs `f` with the writer's commits not waiting for the disk
/// (`synchronous=OFF`): only for bulk work that is thrown away and run again
/// when it fails, like making a synthetic library for benchmarks. A process
/// crash loses nothing that was committed (the OS still holds the writes),
/// but a power cut during it can lose commits or corrupt the file. The usual
/// setting is restored afterwards.
#[cfg(feature = "synthetic")]
pub(crate) fn with_bulk_writes<T>(store: &Store, f: impl FnOnce() -> Result<T>) -> Result<T> {
    lock(&store.writer).pragma_update(None, "synchronous", "OFF")?;
    let result = f();
    lock(&store.writer).pragma_update(None, "synchronous", "FULL")?;
    result
}
