//! Every command the UI can call, one file per area. A command parses its
//! input, makes one core call off the UI thread, and maps the result to a DTO.

pub mod articles;
pub mod library;
pub mod photos;
pub mod settings;
pub mod workflow;

use std::sync::Arc;

use byline_core::Store;

use crate::ipc_error::IpcError;

/// What commands share: the library, or why it could not be opened (shown to
/// the user instead of a window that silently fails to start).
pub struct AppState {
    pub store: Result<Arc<Store>, String>,
}

/// Runs store work on the blocking pool: SQLite never runs on the UI thread,
/// and no lock is held across an `.await`.
async fn blocking<T, F>(state: &AppState, f: F) -> Result<T, IpcError>
where
    T: Send + 'static,
    F: FnOnce(&Store) -> Result<T, byline_core::CoreError> + Send + 'static,
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
        photos::add_photo,
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
    ]
}
