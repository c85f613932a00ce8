//! Every command the UI can call, one file per area. A command parses its
//! input, makes one core call off the UI thread, and maps the result to the
//! IPC types of its area (`dto/<area>.rs`, whose doc says how they are named).

pub mod articles;
pub mod exchange;
pub mod library;
pub mod photos;
pub mod settings;
pub mod workflow;

use std::{
    path::PathBuf,
    sync::{Arc, Mutex, atomic::AtomicBool},
};

use byline_core::text;
use tauri::ipc::{InvokeBody, Request};

use crate::{chosen::Choices, dialogs, dto::chosen::ChosenFiles, ipc_error::IpcError};

/// What commands share: the library, or why it could not be opened (shown to
/// the user instead of a window that silently fails to start).
pub struct AppState {
    pub store: Result<Arc<byline_core::Store>, String>,
    /// Set by `cancel_export`; the running export reads it between two
    /// articles. One flag: the export dialog is modal, so one export runs at
    /// a time, and each export clears it when it starts.
    pub export_cancel: Arc<AtomicBool>,
    /// The folder picked in the export dialog's chooser; `None` until one
    /// is, and exports go to the default folder.
    pub export_folder: Mutex<Option<PathBuf>>,
    /// Files picked in a chooser or dropped on the window, the only paths
    /// the app reads for the web view.
    pub chosen: Choices,
}

impl AppState {
    pub fn new(store: Result<Arc<byline_core::Store>, String>) -> Self {
        AppState {
            store,
            export_cancel: Arc::default(),
            export_folder: Mutex::default(),
            chosen: Choices::default(),
        }
    }
}

/// The library's profile, in whose name writes are made; refused by name
/// when nobody has said who they are yet.
fn profile(
    store: &byline_core::Store,
) -> Result<byline_core::workflow::Actor, byline_core::CoreError> {
    store.profile()?.ok_or_else(|| {
        byline_core::CoreError::invalid(
            "profile",
            "say who you are first (name and role, in Settings)",
        )
    })
}

/// Header naming the file whose bytes are the body of `add_photo` or
/// `import_package` (percent-encoded UTF-8: headers are ASCII).
const FILE_NAME_HEADER: &str = "x-file-name";

/// A file sent as the raw body of `command` (no JSON, no base64), and its
/// name from [`FILE_NAME_HEADER`], or `unnamed` when it has none.
fn raw_file(
    request: &Request<'_>,
    command: &str,
    unnamed: &str,
) -> Result<(String, Vec<u8>), IpcError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(IpcError::invalid(format!(
            "{command} takes the file's bytes as the request body"
        )));
    };
    let name = request
        .headers()
        .get(FILE_NAME_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(text::percent_decode)
        .unwrap_or_else(|| unnamed.to_owned());
    Ok((name, bytes.clone()))
}

/// Opens the desktop's file chooser over `window` for files ending in one of
/// `extensions`, and keeps what the person picked under a number
/// (`chosen.rs`); `None` when they cancelled.
async fn choose_files<R: tauri::Runtime>(
    window: &tauri::WebviewWindow<R>,
    state: &AppState,
    title: &str,
    extensions: &[&str],
) -> Result<Option<ChosenFiles>, IpcError> {
    let picked = dialogs::pick_files(window, title, extensions).await?;
    Ok(picked.map(|paths| state.chosen.record(paths)))
}

/// Runs store work on the blocking pool: SQLite never runs on the UI thread,
/// and no lock is held across an `.await`.
async fn blocking<T, F>(state: &AppState, f: F) -> Result<T, IpcError>
where
    T: Send + 'static,
    F: FnOnce(&byline_core::Store) -> Result<T, byline_core::CoreError> + Send + 'static,
{
    let store = state.store.clone().map_err(IpcError::internal)?;
    tauri::async_runtime::spawn_blocking(move || f(&store))
        .await
        .map_err(|e| IpcError::internal(format!("background task failed: {e}")))?
        .map_err(IpcError::from)
}

/// The whole IPC surface, in one place.
pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static
{
    tauri::generate_handler![
        articles::get_article,
        articles::create_article,
        articles::update_article,
        articles::preview_article,
        articles::suggest_keywords,
        articles::search_articles,
        library::list_page,
        library::library_counts,
        library::search_library,
        library::suggest_people,
        library::library_info,
        photos::add_photo,
        photos::choose_photos,
        photos::add_photo_files,
        settings::get_settings,
        settings::update_settings,
        workflow::get_profile,
        workflow::set_profile,
        workflow::workflow_rules,
        workflow::move_article,
        workflow::check_article,
        workflow::save_revision,
        workflow::article_history,
        workflow::list_revisions,
        workflow::compare_revisions,
        workflow::restore_revision,
        workflow::list_comments,
        workflow::add_comment,
        workflow::resolve_comment,
        exchange::export_articles,
        exchange::cancel_export,
        exchange::export_folder,
        exchange::choose_export_folder,
        exchange::import_package,
        exchange::choose_packages,
        exchange::import_package_file,
        exchange::pending_merge,
        exchange::resolve_conflict,
    ]
}
