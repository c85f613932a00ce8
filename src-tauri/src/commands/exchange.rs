//! Commands that move articles between the library and the outside: the
//! export dialog (any format, one article or a whole filter, with progress
//! and a way to stop, into a folder picked in the desktop's chooser),
//! packages coming in (picked in the desktop's chooser, or dropped on the
//! window), and the conflicts a package can leave for a person to settle.
//! Writes are made in the name of the library's profile.

use std::{path::PathBuf, sync::atomic::Ordering};

use byline_core::{export::batch, import, merge, msg, store};
use tauri::{
    AppHandle, Manager, Runtime, State, WebviewWindow,
    ipc::{Channel, Request as IpcRequest},
};

use super::{AppState, articles::parse_id, blocking, choose_files, profile, raw_file};
use crate::{
    dialogs,
    dto::{
        chosen::ChosenFiles,
        exchange::{
            ExportFormat, ExportProgress, ExportReport, ImportedPackage, MergeSide, PendingMerge,
        },
        library::LibraryFilter,
    },
    ipc_error::IpcError,
};

/// Writes `ids` (or, when `filter` is given, every article it lets through)
/// in `format` into the export folder (the one last chosen in the folder
/// chooser, else [`default_folder`]), sending `on_progress` after each
/// article. Stops between two articles once `cancel_export` is called: what
/// was written stays, each file complete. The web view names no folder.
#[tauri::command]
pub async fn export_articles<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    ids: Vec<String>,
    filter: Option<LibraryFilter>,
    format: ExportFormat,
    on_progress: Channel<ExportProgress>,
) -> Result<ExportReport, IpcError> {
    let out = current_folder(&app, &state)?;
    let filter = filter.map(store::Filter::try_from).transpose()?;
    let ids = ids
        .iter()
        .map(|id| parse_id(id))
        .collect::<Result<Vec<_>, _>>()?;
    let cancel = state.export_cancel.clone();
    cancel.store(false, Ordering::SeqCst);
    let report = blocking(&state, move |s| {
        let ids = match filter {
            Some(filter) => s.filtered_ids(&filter)?,
            None => ids,
        };
        batch::export(s, &ids, format.into(), &out, &profile(s)?, &cancel, |p| {
            // The window may be gone; the export still finishes what it began.
            if let Err(e) = on_progress.send(p.into()) {
                tracing::warn!("export progress not delivered: {e}");
            }
        })
    })
    .await?;
    Ok(report.into())
}

/// Asks the running export to stop after the article it is writing.
#[tauri::command]
pub fn cancel_export(state: State<'_, AppState>) {
    state.export_cancel.store(true, Ordering::SeqCst);
}

/// Where the next export writes, to show in the export dialog.
#[tauri::command]
pub fn export_folder<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<String, IpcError> {
    Ok(current_folder(&app, &state)?.display().to_string())
}

/// Opens the desktop's folder chooser over the window, at the export
/// folder; the folder picked becomes the export folder for the rest of the
/// session. Returns it for the dialog to show, or `null` when the person
/// cancelled (the folder stays as it was).
#[tauri::command]
pub async fn choose_export_folder<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    title: String,
) -> Result<Option<String>, IpcError> {
    let start = current_folder(&app, &state)?;
    let Some(chosen) = dialogs::pick_folder(&window, &title, &start).await? else {
        return Ok(None);
    };
    let shown = chosen.display().to_string();
    *state
        .export_folder
        .lock()
        .unwrap_or_else(|e| e.into_inner()) = Some(chosen);
    Ok(Some(shown))
}

/// The folder last chosen for exports, else [`default_folder`].
fn current_folder<R: Runtime>(app: &AppHandle<R>, state: &AppState) -> Result<PathBuf, IpcError> {
    let chosen = state
        .export_folder
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    chosen.map_or_else(|| default_folder(app), Ok)
}

/// Where exports go until a folder is chosen: `Byline` in the user's
/// Documents folder, else in their home folder.
fn default_folder<R: Runtime>(app: &AppHandle<R>) -> Result<PathBuf, IpcError> {
    let paths = app.path();
    let base = paths
        .document_dir()
        .or_else(|_| paths.home_dir())
        .map_err(|e| IpcError::internal(msg!("appNoDocumentsFolder", error = e.to_string())))?;
    Ok(base.join("Byline"))
}

/// A package the page itself holds (a file dropped where the web view, not
/// the window system, receives it): its bytes are the raw body of the
/// request, its file name in the `x-file-name` header. No path is involved.
#[tauri::command]
pub async fn import_package(
    state: State<'_, AppState>,
    request: IpcRequest<'_>,
) -> Result<ImportedPackage, IpcError> {
    let (name, bytes) = raw_file(&request, "import_package", "package.zip")?;
    Ok(blocking(&state, move |s| {
        import::import_package_bytes(s, &name, &bytes, &profile(s)?)
    })
    .await?
    .into())
}

/// Opens the desktop's file chooser over the window for packages (`.zip`);
/// the files picked are kept under a number (`chosen.rs`), for
/// [`import_package_file`]. `null` when the person cancelled.
#[tauri::command]
pub async fn choose_packages<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    title: String,
) -> Result<Option<ChosenFiles>, IpcError> {
    choose_files(&window, &state, &title, dialogs::PACKAGE_EXTENSIONS).await
}

/// Imports file `index` of the files chosen or dropped as `chosen`: the
/// app reads the path it kept, never one the web view sends.
#[tauri::command]
pub async fn import_package_file(
    state: State<'_, AppState>,
    chosen: u32,
    index: u32,
) -> Result<ImportedPackage, IpcError> {
    let path = state.chosen.path(chosen, index)?;
    Ok(blocking(&state, move |s| {
        import::import_package(s, &path, &profile(s)?)
    })
    .await?
    .into())
}

/// The conflicts a package left on the article; `null` when none wait.
#[tauri::command]
pub async fn pending_merge(
    state: State<'_, AppState>,
    id: String,
) -> Result<Option<PendingMerge>, IpcError> {
    let id = parse_id(&id)?;
    Ok(blocking(&state, move |s| s.pending_merge(id))
        .await?
        .map(Into::into))
}

/// Settles one field in conflict; returns the fields still waiting. Once
/// none is left the article has become the merge (and has a new revision).
#[tauri::command]
pub async fn resolve_conflict(
    state: State<'_, AppState>,
    id: String,
    field: String,
    take: MergeSide,
) -> Result<Vec<String>, IpcError> {
    let id = parse_id(&id)?;
    let field: merge::MergeField = field.parse()?;
    let waiting = blocking(&state, move |s| {
        s.resolve_conflict(id, field, take.into(), &profile(s)?)
    })
    .await?;
    Ok(waiting.iter().map(|f| f.as_str().to_owned()).collect())
}
