//! Opening a library: the file's header checked before anything is written,
//! the connection pragmas (decided here only), the schema brought up to date,
//! and the read-only fallback. Opening adds no article to a library, a new one
//! included.

use std::{
    path::{Path, PathBuf},
    sync::Mutex,
    time::Duration,
};

use rusqlite::{Connection, OpenFlags, Transaction};
use rusqlite_migration::{HookError, M, Migrations};

use super::{Store, articles, library, revisions, sqlite_code};
use crate::{
    error::{CoreError, Message, Result},
    msg,
};

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

impl Store {
    /// Opens (creating if needed) the library at `path` and brings its schema up
    /// to date. A library from a newer Byline, or a file that is not a Byline
    /// library, is refused before anything in it is changed.
    ///
    /// A library that cannot be written (a read-only file, folder or disk)
    /// opens read-only instead: it can be read, searched and exported, and
    /// every write fails with [`CoreError::ReadOnly`]. Whether it can be
    /// written is SQLite's answer, never the permission bits: SQLite opens a
    /// write-protected file read-only, or fails with SQLITE_READONLY or
    /// SQLITE_CANTOPEN when the folder refuses the WAL's files. A read-only
    /// library that would need a migration is refused
    /// ([`CoreError::ReadOnlyOutdated`]): this build cannot read an older
    /// schema without changing it.
    ///
    /// Opening adds nothing to a library, a new one included: the app adds
    /// the first-run samples itself ([`Store::created`], `crate::samples`).
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| CoreError::io(dir, e))?;
        }
        match Store::open_writable(path) {
            Err(e) if cannot_write(&e) => {
                tracing::info!(
                    "{}: cannot be written ({e}); opening it read-only",
                    path.display()
                );
                Store::open_read_only(path).map_err(|read_only| {
                    // Nothing to read either (no such file, not a file):
                    // the first reason is the one to tell.
                    if cannot_write(&read_only) {
                        e
                    } else {
                        read_only
                    }
                })
            }
            other => other,
        }
    }

    fn open_writable(path: &Path) -> Result<Store> {
        let open_error = |source| CoreError::Open {
            path: path.to_owned(),
            source,
        };
        let mut writer = Connection::open(path).map_err(open_error)?;
        // SQLite opens a write-protected file read-only without a word.
        if writer.is_readonly(rusqlite::MAIN_DB).map_err(open_error)? {
            return Err(open_error(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
                Some("the file cannot be written".into()),
            )));
        }
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
        Ok(Store {
            path: Some(path.to_owned()),
            read_only: false,
            created,
            reader: Some(Mutex::new(open_reader()?)),
            searcher: Some(Mutex::new(open_reader()?)),
            writer: Mutex::new(writer),
            few_rows: library::FEW.into(),
        })
    }

    /// Opens the library at `path` without writing anything to it, ever:
    /// what [`Store::open`] does when the library cannot be written. The
    /// library must be up to date ([`CoreError::ReadOnlyOutdated`]).
    ///
    /// A WAL library is read through its `-shm` index, which SQLite creates
    /// beside the file when it can; where it cannot (a read-only folder or
    /// disk, and no index left there), the file is opened as immutable:
    /// nothing can change it there either.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let attempt = |immutable: bool| -> Result<Connection> {
            let conn = Connection::open_with_flags(
                read_only_uri(path, immutable),
                OpenFlags::SQLITE_OPEN_READ_ONLY
                    | OpenFlags::SQLITE_OPEN_URI
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(|source| CoreError::Open {
                path: path.to_owned(),
                source,
            })?;
            configure(&conn, Role::Reader)?;
            let version = check_read_only(&conn, path)?;
            if version < schema_version() {
                return Err(CoreError::ReadOnlyOutdated {
                    path: path.to_owned(),
                    found: version,
                    supported: schema_version(),
                });
            }
            Ok(conn)
        };
        let immutable = match attempt(false) {
            Ok(conn) => {
                drop(conn);
                false
            }
            Err(e) if cannot_write(&e) => true,
            Err(e) => return Err(e),
        };
        Ok(Store {
            path: Some(path.to_owned()),
            read_only: true,
            created: false,
            reader: Some(Mutex::new(attempt(immutable)?)),
            searcher: Some(Mutex::new(attempt(immutable)?)),
            writer: Mutex::new(attempt(immutable)?),
            few_rows: library::FEW.into(),
        })
    }

    /// An empty library in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn, Role::Writer)?;
        migrate(&mut conn)?;
        Ok(Store {
            path: None,
            read_only: false,
            created: true,
            writer: Mutex::new(conn),
            reader: None,
            searcher: None,
            few_rows: library::FEW.into(),
        })
    }
}

/// Whether an error opening the library means "this cannot be written
/// here", so it is worth opening read-only: SQLite says read-only, or could
/// not open (or create) a file it needs, or was refused access.
fn cannot_write(e: &CoreError) -> bool {
    matches!(e, CoreError::ReadOnly { .. })
        || matches!(
            sqlite_code(e),
            Some(
                rusqlite::ErrorCode::ReadOnly
                    | rusqlite::ErrorCode::CannotOpen
                    | rusqlite::ErrorCode::PermissionDenied
            )
        )
}

/// `file:` URI of the library for a read-only connection (`mode=ro`, and
/// `immutable=1` when even the WAL index cannot be made). Every byte but
/// the unreserved ones is percent-encoded: a path may hold `?`, `#` or `%`.
fn read_only_uri(path: &Path, immutable: bool) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let text = absolute.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file:");
    // A Windows drive (`C:/…`) needs the empty authority: `file:///C:/…`.
    if !text.starts_with('/') {
        uri.push_str("///");
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri.push_str("?mode=ro");
    if immutable {
        uri.push_str("&immutable=1");
    }
    uri
}

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Writer,
    Reader,
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
    let not_a_library = |reason: Message| CoreError::NotALibrary {
        path: path.to_owned(),
        reason,
    };
    let header = |name: &str| -> Result<i64> {
        conn.pragma_query_value(None, name, |row| row.get(0))
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => not_a_library(msg!("libraryNotSqlite")),
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
        return Err(not_a_library(msg!("libraryOtherProgram")));
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

/// [`check_library`] for a read-only connection: the same refusals, and the
/// schema version found (0 for an empty file).
fn check_read_only(conn: &Connection, path: &Path) -> Result<i64> {
    let created = check_library(conn, path)?;
    if created {
        return Ok(0);
    }
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(migrations().validate().is_ok());
    }

    /// The decision behind opening read-only, on SQLite's own answers: the
    /// tests run as root, whom no permission bit stops, so the library
    /// tests cannot always make SQLite give them.
    #[test]
    fn what_counts_as_cannot_write() {
        let sqlite = |code| {
            CoreError::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(code),
                None,
            ))
        };
        let open = |code| CoreError::Open {
            path: "l.sqlite".into(),
            source: rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None),
        };
        for code in [
            rusqlite::ffi::SQLITE_READONLY,
            rusqlite::ffi::SQLITE_CANTOPEN,
            rusqlite::ffi::SQLITE_PERM,
        ] {
            assert!(cannot_write(&sqlite(code)), "{code}");
            assert!(cannot_write(&open(code)), "{code}");
        }
        for code in [
            rusqlite::ffi::SQLITE_BUSY,
            rusqlite::ffi::SQLITE_CORRUPT,
            rusqlite::ffi::SQLITE_NOTADB,
            rusqlite::ffi::SQLITE_FULL,
        ] {
            assert!(!cannot_write(&sqlite(code)), "{code}");
        }
        assert!(!cannot_write(&CoreError::LibraryTooNew {
            path: "l.sqlite".into(),
            found: 9,
            supported: 5,
        }));
    }

    #[test]
    fn read_only_uris_keep_any_path() {
        assert_eq!(
            read_only_uri(Path::new("/tmp/a b/thư viện?#%.sqlite"), false),
            "file:/tmp/a%20b/th%C6%B0%20vi%E1%BB%87n%3F%23%25.sqlite?mode=ro"
        );
        assert!(read_only_uri(Path::new("/l.sqlite"), true).ends_with("?mode=ro&immutable=1"));
    }

    /// A real connection opened by the URI reads the file it names, even
    /// one whose name holds characters a URI reserves.
    #[test]
    fn a_read_only_uri_opens_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("thư viện #1?.sqlite");
        Connection::open(&path)
            .and_then(|c| c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (42);"))
            .expect("library");
        for immutable in [false, true] {
            let conn = Connection::open_with_flags(
                read_only_uri(&path, immutable),
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
            )
            .expect("opens");
            let x: i64 = conn
                .query_row("SELECT x FROM t", [], |r| r.get(0))
                .expect("reads");
            assert_eq!(x, 42);
            assert!(conn.is_readonly(rusqlite::MAIN_DB).expect("db"));
        }
    }
}
