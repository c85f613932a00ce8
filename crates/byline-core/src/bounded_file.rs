//! Reading a file from outside with a bound: the one way the core opens an
//! article file, a photo or a package that a path names. Only a regular file is opened
//! (a device such as `/dev/zero` never ends; opening a pipe blocks until
//! someone writes to it), its size is checked before anything is read, and
//! the read stops past the limit whatever the file grows to meanwhile.
//! Names no other module of the core: callers say what a refusal means.

use std::{fs::File, io::Read, path::Path};

/// Why a file was not read.
#[derive(Debug)]
pub enum Refusal {
    /// A folder, a device, a pipe or a socket.
    NotRegular,
    /// Its size in bytes, over the limit.
    TooLarge(u64),
    Io(std::io::Error),
}

/// The bytes of the regular file `path`, at most `limit` of them.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, Refusal> {
    let mut bytes = Vec::new();
    open(path, limit)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(Refusal::Io)?;
    match bytes.len() as u64 {
        len if len > limit => Err(Refusal::TooLarge(len)),
        _ => Ok(bytes),
    }
}

/// The regular file `path`, opened for reading, when it holds at most
/// `limit` bytes; for a reader that takes what it needs of it.
pub fn open(path: &Path, limit: u64) -> Result<File, Refusal> {
    let regular = |meta: std::fs::Metadata| {
        if !meta.is_file() {
            Err(Refusal::NotRegular)
        } else if meta.len() > limit {
            Err(Refusal::TooLarge(meta.len()))
        } else {
            Ok(())
        }
    };
    // Looked at before it is opened: opening a pipe would wait for a writer.
    regular(std::fs::metadata(path).map_err(Refusal::Io)?)?;
    let file = std::fs::File::open(path).map_err(Refusal::Io)?;
    // The path may name something else by now; what was opened is what counts.
    regular(file.metadata().map_err(Refusal::Io)?)?;
    Ok(file)
}
