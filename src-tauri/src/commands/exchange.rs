//! Commands that move articles between the library and the outside: the
//! export dialog (any format, one article or a whole filter, with progress
//! and a way to stop), packages coming in (picked, or dropped on the
//! window), and the conflicts a package can leave for a person to settle.
//! Writes are made in the name of the library's profile.

use std::{path::PathBuf, sync::atomic::Ordering};

use byline_core::{export::batch, import, merge::MergeField, store::Filter};
use tauri::{
    AppHandle, Manager, Runtime, State,
    ipc::{Channel, Request as IpcRequest},
};

use super::{AppState, articles::parse_id, blocking, profile, raw_file};
use crate::{
    dto::{
        ExportFormat, ExportProgress, ExportReport, ImportedPackage, LibraryFilter, MergeSide,
        PendingMergeDto,
    },
    ipc_error::IpcError,
};

/// Writes `ids` (or, when `filter` is given, every article it lets through)
/// in `format` into the folder `out`, sending `on_progress` after each
/// article. Stops between two articles once `cancel_export` is called: what
/// was written stays, each file complete.
#[tauri::command]
pub async fn export_articles(
    state: State<'_, AppState>,
    ids: Vec<String>,
    filter: Option<LibraryFilter>,
    format: ExportFormat,
    out: String,
    on_progress: Channel<ExportProgress>,
) -> Result<ExportReport, IpcError> {
    let out = PathBuf::from(out.trim());
    // The app's working directory means nothing to the person choosing.
    if !out.is_absolute() {
        return Err(IpcError::invalid(format!(
            "out: '{}' is not a full path to a folder",
            out.display()
        )));
    }
    let filter = filter.map(Filter::try_from).transpose()?;
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

/// Where the export dialog proposes to write: `Byline` in the user's
/// Documents folder, else in their home folder.
#[tauri::command]
pub fn default_export_folder<R: Runtime>(app: AppHandle<R>) -> Result<String, IpcError> {
    let paths = app.path();
    let base = paths
        .document_dir()
        .or_else(|_| paths.home_dir())
        .map_err(|e| IpcError::internal(format!("no Documents or home folder: {e}")))?;
    Ok(base.join("Byline").display().to_string())
}

/// A package chosen in the file picker: its bytes are the raw body of the
/// request, its file name in the `x-file-name` header.
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

/// A package dropped on the window, by path.
#[tauri::command]
pub async fn import_package_file(
    state: State<'_, AppState>,
    path: PathBuf,
) -> Result<ImportedPackage, IpcError> {
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
) -> Result<Option<PendingMergeDto>, IpcError> {
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
    let field: MergeField = field.parse()?;
    let waiting = blocking(&state, move |s| {
        s.resolve_conflict(id, field, take.into(), &profile(s)?)
    })
    .await?;
    Ok(waiting.iter().map(|f| f.as_str().to_owned()).collect())
}
