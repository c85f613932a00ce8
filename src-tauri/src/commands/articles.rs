//! Commands of the library list and the editor.

use byline_core::{ArticleDraft, ArticleId};
use tauri::State;

use super::{AppState, blocking};
use crate::{
    dto::{ArticleDto, ArticleFields, ArticleSummary},
    ipc_error::IpcError,
};

fn parse_id(id: &str) -> Result<ArticleId, IpcError> {
    id.parse().map_err(IpcError::from)
}

#[tauri::command]
pub async fn list_articles(state: State<'_, AppState>) -> Result<Vec<ArticleSummary>, IpcError> {
    let list = blocking(&state, |s| s.list_articles()).await?;
    Ok(list.into_iter().map(Into::into).collect())
}

#[tauri::command]
pub async fn get_article(state: State<'_, AppState>, id: String) -> Result<ArticleDto, IpcError> {
    let id = parse_id(&id)?;
    Ok(blocking(&state, move |s| s.article(&id.to_string()))
        .await?
        .into())
}

/// A new, empty draft in the library's default language.
#[tauri::command]
pub async fn create_article(state: State<'_, AppState>) -> Result<ArticleDto, IpcError> {
    Ok(
        blocking(&state, |s| s.create_article(ArticleDraft::default()))
            .await?
            .into(),
    )
}

#[tauri::command]
pub async fn update_article(
    state: State<'_, AppState>,
    id: String,
    fields: ArticleFields,
) -> Result<ArticleDto, IpcError> {
    let id = parse_id(&id)?;
    Ok(
        blocking(&state, move |s| s.update_fields(id, fields.into()))
            .await?
            .into(),
    )
}

/// The article as it will be published, with the editor's unsaved fields.
#[tauri::command]
pub async fn preview_article(
    state: State<'_, AppState>,
    id: String,
    fields: ArticleFields,
) -> Result<String, IpcError> {
    let id = parse_id(&id)?;
    blocking(&state, move |s| s.preview(id, fields.into())).await
}
