//! Commands of the library view: the filtered list, its counts, and search.

use tauri::State;

use super::{AppState, blocking};
use crate::{
    dto::library::{
        LibraryCounts, LibraryFilter, LibraryInfo, LibraryPage, LibrarySort, SearchHit,
    },
    ipc_error::IpcError,
};

/// One page of the list; `cursor` is the previous page's `next`.
#[tauri::command]
pub async fn list_page(
    state: State<'_, AppState>,
    filter: LibraryFilter,
    sort: LibrarySort,
    cursor: Option<String>,
    limit: u32,
) -> Result<LibraryPage, IpcError> {
    let filter = filter.try_into()?;
    let page = blocking(&state, move |s| {
        s.list_page(&filter, sort.into(), cursor.as_deref(), limit as usize)
    })
    .await?;
    Ok(page.into())
}

#[tauri::command]
pub async fn library_counts(
    state: State<'_, AppState>,
    filter: LibraryFilter,
) -> Result<LibraryCounts, IpcError> {
    let filter = filter.try_into()?;
    Ok(blocking(&state, move |s| s.counts(&filter)).await?.into())
}

/// Full-text search, best first. Runs on the store's own search connection,
/// so it never waits for a save.
#[tauri::command]
pub async fn search_library(
    state: State<'_, AppState>,
    query: String,
    filter: LibraryFilter,
    limit: u32,
) -> Result<Vec<SearchHit>, IpcError> {
    let filter = filter.try_into()?;
    let hits = blocking(&state, move |s| s.search(&query, &filter, limit as usize)).await?;
    Ok(hits.into_iter().map(Into::into).collect())
}

/// People in bylines and authors, for the author filter.
#[tauri::command]
pub async fn suggest_people(
    state: State<'_, AppState>,
    query: String,
) -> Result<Vec<String>, IpcError> {
    blocking(&state, move |s| s.suggest_people(&query)).await
}

/// Where the library is and whether it is read-only, for the banner.
#[tauri::command]
pub async fn library_info(state: State<'_, AppState>) -> Result<LibraryInfo, IpcError> {
    blocking(&state, |s| {
        Ok(LibraryInfo {
            path: s
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            read_only: s.is_read_only(),
        })
    })
    .await
}
