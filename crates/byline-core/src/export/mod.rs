//! Getting articles out of the library. Every file is written whole or not at
//! all: a temporary file in the same folder, flushed to disk, then renamed over
//! the target.

pub mod article_file;
pub mod batch;

pub mod html;
pub mod ninjs;
pub mod package;

use std::{io::Write, path::Path};

use crate::error::{CoreError, Result};

/// Writes `bytes` to `path` so that a crash leaves either the old file or the
/// new one, never a truncated mix.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let io = |e| CoreError::io(path, e);
    let mut tmp = tempfile::Builder::new()
        .prefix(".byline-")
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
