//! Getting articles out of the library. Every file is written whole or not at
//! all: a temporary file in the same folder, flushed to disk, then renamed over
//! the target.

pub mod article_file;
pub mod batch;

pub mod html;
pub mod media;
pub mod ninjs;
pub mod package;

use std::{io::Write, path::Path, time::Duration};

use crate::error::{CoreError, Result};

/// `write_atomic`'s temporary files are `.byline-` and this many random
/// letters and digits, beside the file they become.
const TEMPORARY_PREFIX: &str = ".byline-";
const TEMPORARY_RANDOM: usize = 6;

/// A temporary file untouched for this long is one a crash left: a write
/// fills its temporary file in one go, in seconds at most, then renames it.
pub const STALE_TEMPORARY: Duration = Duration::from_secs(60 * 60);

/// Writes `bytes` to `path` so that a crash leaves either the old file or the
/// new one, never a truncated mix. A crash in the middle can leave the
/// temporary file; the next export into that folder removes it
/// ([`remove_stale_temporaries`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let io = |e| CoreError::io(path, e);
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMPORARY_PREFIX)
        .rand_bytes(TEMPORARY_RANDOM)
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    // A temporary file is private (0600); an exported file is for others to
    // read too (a web server serving the page, a colleague's account).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(io)?;
    }
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    // The rename itself is durable only once the folder is synced.
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io)?;
    Ok(())
}

/// Removes from `dir` the temporary files of [`write_atomic`] that a crash
/// left, those last written more than `older_than` ago; a younger one may be
/// another export's write in progress. Only names of exactly that shape are
/// touched, never a file of the user's. Best effort: a folder that cannot be
/// read, or a file that cannot be removed, is left as it is (the export it
/// comes before does not depend on it). Returns how many were removed.
pub fn remove_stale_temporaries(dir: &Path, older_than: Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let is_temporary = name.to_str().is_some_and(|n| {
            n.strip_prefix(TEMPORARY_PREFIX).is_some_and(|rest| {
                rest.len() == TEMPORARY_RANDOM && rest.bytes().all(|b| b.is_ascii_alphanumeric())
            })
        });
        let stale = entry.metadata().is_ok_and(|m| {
            m.is_file()
                && m.modified()
                    .is_ok_and(|t| t.elapsed().is_ok_and(|age| age >= older_than))
        });
        if is_temporary && stale && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}
