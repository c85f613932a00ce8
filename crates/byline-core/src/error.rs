//! The one error type of the core, as data: what went wrong and the values
//! that say where (file, line, field), never the words. The words are in the
//! catalogue (`messages/vi.json`, `en.json`, the files the UI reads too):
//! `messages.rs` renders an error in Vietnamese or English and gives it
//! its English `Display`, which the CLI prints and the app passes across IPC
//! beside the message's key and values.
//!
//! This module names no other module of the crate: every other module may
//! build an error, and none of them is below it.

use std::path::{Path, PathBuf};

/// Words for a person, as data: a key of the catalogue and the values of its
/// `{placeholders}`. Built with [`msg!`](crate::msg), which a test checks
/// against the catalogue (the key exists in both languages, and the values
/// given are exactly the placeholders).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// The value of a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Shown as it is: a name, a number, a path, or the words of a library
    /// Byline uses (an io error, the zip or YAML reader), which have no
    /// translation.
    Text(String),
    /// Words of their own, rendered in the language of the message holding
    /// them.
    Message(Message),
    /// Several, each rendered, joined with "; ".
    List(Vec<Message>),
}

impl Message {
    pub fn new(key: &'static str) -> Message {
        Message {
            key,
            args: Vec::new(),
        }
    }

    /// `self` with `{name}` filled by `value`.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        self.args.push((name, value.into()));
        self
    }

    /// Words that are not Byline's (a library's error), shown as they are in
    /// every language.
    pub fn verbatim(text: impl Into<String>) -> Message {
        Message::new("verbatim").arg("text", text.into())
    }

    /// The value of `{name}`.
    pub fn get(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

/// `msg!("key", name = value, other)`: the [`Message`] with catalogue key
/// `key` and its placeholders filled (`other` is short for `other = other`).
/// The key must be a string literal, so that the catalogue test finds it.
#[macro_export]
macro_rules! msg {
    (@value $name:ident) => {
        $name
    };
    (@value $name:ident = $value:expr) => {
        $value
    };
    ($key:literal $(, $name:ident $(= $value:expr)?)* $(,)?) => {
        $crate::error::Message::new($key)
            $(.arg(stringify!($name), $crate::msg!(@value $name $(= $value)?)))*
    };
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

impl From<&Path> for Arg {
    fn from(p: &Path) -> Arg {
        Arg::Text(p.display().to_string())
    }
}

impl From<&PathBuf> for Arg {
    fn from(p: &PathBuf) -> Arg {
        Arg::Text(p.display().to_string())
    }
}

impl From<Message> for Arg {
    fn from(m: Message) -> Arg {
        Arg::Message(m)
    }
}

impl From<Vec<Message>> for Arg {
    fn from(list: Vec<Message>) -> Arg {
        Arg::List(list)
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Text(n.to_string())
            }
        }
    )*};
}
number_args!(usize, u64, u32, u16, u8, i64, i32);

/// The error of every fallible function of the core. `Display` (English) and
/// the words in either language: `messages.rs`.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// No article with that id or slug.
    NotFound(String),

    /// A field value the model refuses (empty headline on import, bad language tag…).
    Invalid {
        field: &'static str,
        message: Message,
    },

    /// A problem in an article file, located as precisely as we can.
    /// `line` counts from 1 at the first line of the file.
    ArticleFile {
        file: String,
        line: Option<usize>,
        message: Message,
    },

    /// A photo that cannot be taken: not an image, too large, unreadable.
    Photo {
        file: String,
        message: Message,
    },

    /// An export package (`.zip`) refused before anything of it was used:
    /// `file` is the package, `entry` the file inside it the problem is in
    /// (`pkg.zip: media/x.jpg: size 10 does not match the manifest (12)`).
    Package {
        file: String,
        entry: Option<String>,
        message: Message,
    },

    /// The library was written by a newer Byline; we never touch it.
    LibraryTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    /// The file exists but is not a Byline library.
    NotALibrary {
        path: PathBuf,
        reason: Message,
    },

    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The library file could not be opened at all (a folder, no permission…).
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },

    /// A workflow move the pre-publish checklist stops: its blocking
    /// findings, each worded with its field, and nobody (no editor) gave a
    /// reason to override them.
    Blocked {
        findings: Vec<Message>,
    },

    /// A write to a library that was opened read-only (its file, folder or
    /// disk cannot be written), or that the disk refused as read-only.
    ReadOnly {
        path: PathBuf,
    },

    /// A read-only library this Byline would have to change before it could
    /// read it: made by an older Byline (`found` > 0), or empty (`found` 0).
    /// Nothing in it was changed.
    ReadOnlyOutdated {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    /// The disk is full (SQLITE_FULL, ENOSPC): the write was rolled back
    /// whole, and the library holds what the last save that returned stored.
    DiskFull {
        path: PathBuf,
    },

    Sqlite(#[from] rusqlite::Error),

    Migration(#[from] rusqlite_migration::Error),
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
    pub fn invalid(field: &'static str, message: Message) -> Self {
        CoreError::Invalid { field, message }
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;
