//! The library: one SQLite file holding everything a reporter has, so it can be
//! copied or backed up as one file.
//!
//! One writer connection and, for a file, one reader beside it (WAL lets a list
//! or a search run while a save is in flight). Every connection gets its pragmas
//! in [`configure`], and every write runs in a transaction that begins IMMEDIATE,
//! so a write never fails half-way or upgrades into SQLITE_BUSY. All SQL for one
//! table lives in that table's module.

mod articles;
mod comments;
mod handoff;
mod library;
mod photos;
mod revisions;
mod search;
mod settings;
mod workflow;

pub use articles::{DatedArticle, Incoming, Saved};
pub use comments::{Comment, CommentAnchor, CommentTarget};
pub use handoff::{
    ExportState, FieldConflict, IncomingPackage, Outcome, PendingMerge, Side, field_text,
};
pub use library::{Counts, DateField, Filter, MAX_PAGE, Page, Sort};
pub use photos::AddedPhoto;
pub use revisions::{EDITING_INTERVAL_MINUTES, RevisionInfo, RevisionReason, SaveKind};
pub use search::SearchHit;
pub use settings::Settings;
pub use workflow::{HistoryEvent, Transition};

use std::{
    path::{Path, PathBuf},
    sync::{Mutex, MutexGuard},
    time::Duration,
};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use rusqlite_migration::{HookError, M, Migrations};

use crate::error::{CoreError, Result};

/// Schema changes, in order. Embedded at compile time; applied at open.
fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../../../../migrations/0001_articles.sql")),
        M::up(include_str!(
            "../../../../migrations/0002_photos_related_settings.sql"
        )),
        // Folding needs Rust: the hook fills the new keys and the index for
        // articles already in the library, in the migration's transaction.
        M::up_with_hook(
            include_str!("../../../../migrations/0003_library_search.sql"),
            |tx: &Transaction| {
                articles::rebuild_derived(tx).map_err(|e| HookError::Hook(e.to_string()))
            },
        )
        // It rebuilds the articles table: check that every reference still holds.
        .foreign_key_check(),
        M::up(include_str!("../../../../migrations/0004_workflow.sql")),
        // Revision ids are UUIDs made in Rust: the hook gives one to every
        // revision already in the library.
        M::up_with_hook(
            include_str!("../../../../migrations/0005_handoff.sql"),
            |tx: &Transaction| revisions::give_uids(tx).map_err(|e| HookError::Hook(e.to_string())),
        ),
    ])
}

/// Brings the schema up to date with foreign keys off, as SQLite's
/// procedure for rebuilding a table asks (the pragma cannot change inside
/// the migration's transaction); a migration that rebuilds one checks the
/// references itself.
fn migrate(conn: &mut Connection) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let migrated = migrations().to_latest(conn);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(migrated?)
}

/// The newest schema version this build knows.
pub fn schema_version() -> i64 {
    5
}

/// `PRAGMA application_id` of a Byline library ('BYLN').
const APPLICATION_ID: i64 = 0x4259_4C4E;

/// How long a writer waits for another connection's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The identifier of the app; also names its data directory.
pub const APP_ID: &str = "vn.byline.editor";

/// Where a library lives when nobody says otherwise:
/// `~/.local/share/vn.byline.editor/library.sqlite` on Linux.
pub fn default_library_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_ID).join("library.sqlite"))
}

#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// Put the bundled sample articles into a library that is being created.
    pub seed_samples: bool,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions { seed_samples: true }
    }
}

pub struct Store {
    path: Option<PathBuf>,
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
    /// Opens (creating if needed) the library at `path` and brings its schema up
    /// to date. A library from a newer Byline, or a file that is not a Byline
    /// library, is refused before anything in it is changed.
    pub fn open(path: &Path, options: &OpenOptions) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| CoreError::io(dir, e))?;
        }
        let open_error = |source| CoreError::Open {
            path: path.to_owned(),
            source,
        };
        let mut writer = Connection::open(path).map_err(open_error)?;
        let created = check_library(&writer, path)?;
        configure(&writer, Role::Writer)?;
        migrate(&mut writer)?;
        let open_reader = || -> Result<Connection> {
            let reader = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(open_error)?;
            configure(&reader, Role::Reader)?;
            Ok(reader)
        };
        let store = Store {
            path: Some(path.to_owned()),
            reader: Some(Mutex::new(open_reader()?)),
            searcher: Some(Mutex::new(open_reader()?)),
            writer: Mutex::new(writer),
            few_rows: library::FEW.into(),
        };
        if created && options.seed_samples {
            crate::samples::seed(&store)?;
        }
        Ok(store)
    }

    /// An empty library in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn, Role::Writer)?;
        migrate(&mut conn)?;
        Ok(Store {
            path: None,
            writer: Mutex::new(conn),
            reader: None,
            searcher: None,
            few_rows: library::FEW.into(),
        })
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
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

/// A poisoned lock only means another thread panicked mid-call; SQLite rolled
/// its transaction back, so the connection is still sound to use.
fn lock(m: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Writer,
    Reader,
}

/// Runs `f` with the writer's commits not waiting for the disk
/// (`synchronous=NORMAL`): for bulk work that can be run again, like seeding
/// a synthetic library. A crash may lose the last commits but never corrupts
/// the library (WAL). The usual setting is restored afterwards.
pub(crate) fn with_bulk_writes<T>(store: &Store, f: impl FnOnce() -> Result<T>) -> Result<T> {
    lock(&store.writer).pragma_update(None, "synchronous", "OFF")?;
    let result = f();
    lock(&store.writer).pragma_update(None, "synchronous", "FULL")?;
    result
}

/// The one place connection pragmas are decided.
fn configure(conn: &Connection, role: Role) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    if role == Role::Writer {
        // WAL is persistent and ignored inside a transaction, so it is set here,
        // never in a migration. In memory it stays "memory", which is fine.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a save that returned survives a power cut too. It costs about
        // 2 ms per autosave (measured), which the writer never notices.
        conn.pragma_update(None, "synchronous", "FULL")?;
    }
    Ok(())
}

/// Reads the header of the file at `path` without writing to it. Returns whether
/// the library is new (nothing in it yet).
fn check_library(conn: &Connection, path: &Path) -> Result<bool> {
    let not_a_library = |reason: &str| CoreError::NotALibrary {
        path: path.to_owned(),
        reason: reason.to_owned(),
    };
    let header = |name: &str| -> Result<i64> {
        conn.pragma_query_value(None, name, |row| row.get(0))
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => not_a_library("not an SQLite file"),
                _ => CoreError::Open {
                    path: path.to_owned(),
                    source: e,
                },
            })
    };
    let version = header("user_version")?;
    let application_id = header("application_id")?;
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    if application_id != APPLICATION_ID && (application_id != 0 || objects > 0 || version > 0) {
        return Err(not_a_library("an SQLite file of another program"));
    }
    if version > schema_version() {
        return Err(CoreError::LibraryTooNew {
            path: path.to_owned(),
            found: version,
            supported: schema_version(),
        });
    }
    Ok(objects == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(migrations().validate().is_ok());
    }
}
