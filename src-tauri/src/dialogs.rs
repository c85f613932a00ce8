//! The desktop's own file and folder choosers (Tauri's dialog plugin, the
//! GTK chooser on Linux), opened from Rust on behalf of a command. The web
//! view gets no dialog permission: what a person picks here is the only way
//! a path reaches the app from the window (with drops, `chosen.rs`).

use std::path::{Path, PathBuf};

use tauri::{Runtime, WebviewWindow};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder, FilePath};

use byline_core::msg;

use crate::ipc_error::IpcError;

/// What a chooser offers, by extension (lower case; GTK matches any case).
pub const PACKAGE_EXTENSIONS: &[&str] = &["zip"];
pub const PHOTO_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "webp"];

/// A chooser titled `title`, over `window` (modal to it).
fn chooser<R: Runtime>(window: &WebviewWindow<R>, title: &str) -> FileDialogBuilder<R> {
    window.dialog().file().set_parent(window).set_title(title)
}

/// Runs a blocking chooser off the async workers: it waits for the person,
/// while the dialog itself runs on the UI thread.
async fn wait<T: Send + 'static>(pick: impl FnOnce() -> T + Send + 'static) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(pick)
        .await
        .map_err(|e| IpcError::internal(msg!("appChooserFailed", error = e.to_string())))
}

fn into_path(file: FilePath) -> Result<PathBuf, IpcError> {
    file.into_path()
        .map_err(|e| IpcError::invalid(msg!("appChooserNotLocal", error = e.to_string())))
}

/// A folder, starting in `start` (or the nearest folder above it that
/// exists); `None` when the person cancelled.
pub async fn pick_folder<R: Runtime>(
    window: &WebviewWindow<R>,
    title: &str,
    start: &Path,
) -> Result<Option<PathBuf>, IpcError> {
    let mut builder = chooser(window, title);
    if let Some(existing) = start.ancestors().find(|p| p.is_dir()) {
        builder = builder.set_directory(existing);
    }
    wait(move || builder.blocking_pick_folder())
        .await?
        .map(into_path)
        .transpose()
}

/// One or more files ending in one of `extensions`; `None` when the person
/// cancelled.
pub async fn pick_files<R: Runtime>(
    window: &WebviewWindow<R>,
    title: &str,
    extensions: &[&str],
) -> Result<Option<Vec<PathBuf>>, IpcError> {
    let filter = extensions
        .iter()
        .map(|e| format!("*.{e}"))
        .collect::<Vec<_>>()
        .join(", ");
    let builder = chooser(window, title).add_filter(filter, extensions);
    wait(move || builder.blocking_pick_files())
        .await?
        .map(|files| files.into_iter().map(into_path).collect())
        .transpose()
}
