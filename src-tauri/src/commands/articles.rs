//! Commands of the library list, the editor and its pickers.

use byline_core::store;
use tauri::State;

use super::{AppState, blocking};
use crate::{
    dto::articles::{Article, ArticleFields, RelatedArticle},
    ipc_error::IpcError,
};

pub(super) fn parse_id(id: &str) -> Result<byline_core::ArticleId, IpcError> {
    id.parse().map_err(IpcError::from)
}

#[tauri::command]
pub async fn get_article(state: State<'_, AppState>, id: String) -> Result<Article, IpcError> {
    let id = parse_id(&id)?;
    Ok(blocking(&state, move |s| s.article(&id.to_string()))
        .await?
        .into())
}

/// A new, empty draft in the library's default language.
#[tauri::command]
pub async fn create_article(state: State<'_, AppState>) -> Result<Article, IpcError> {
    Ok(blocking(&state, |s| {
        s.create_article(byline_core::ArticleDraft::default())
    })
    .await?
    .into())
}

#[tauri::command]
pub async fn update_article(
    state: State<'_, AppState>,
    id: String,
    fields: ArticleFields,
) -> Result<Article, IpcError> {
    let id = parse_id(&id)?;
    let fields = byline_core::ArticleFields::try_from(fields)?;
    // Autosave: a revision at most every few minutes, in the profile's name.
    Ok(blocking(&state, move |s| {
        s.save_fields(id, fields, s.profile()?.as_ref(), store::SaveKind::Auto)
    })
    .await?
    .into())
}

/// The article as it will be published, with the editor's unsaved fields.
#[tauri::command]
pub async fn preview_article(
    state: State<'_, AppState>,
    id: String,
    fields: ArticleFields,
) -> Result<String, IpcError> {
    let id = parse_id(&id)?;
    let fields = byline_core::ArticleFields::try_from(fields)?;
    blocking(&state, move |s| s.preview(id, fields)).await
}

/// Keywords already used in the library that match what the writer typed.
#[tauri::command]
pub async fn suggest_keywords(
    state: State<'_, AppState>,
    query: String,
) -> Result<Vec<String>, IpcError> {
    blocking(&state, move |s| s.suggest_keywords(&query)).await
}

/// Articles to relate, found by headline or slug as the writer types.
#[tauri::command]
pub async fn search_articles(
    state: State<'_, AppState>,
    query: String,
    exclude_id: Option<String>,
) -> Result<Vec<RelatedArticle>, IpcError> {
    let exclude = exclude_id.as_deref().map(parse_id).transpose()?;
    let found = blocking(&state, move |s| s.search_articles(&query, exclude)).await?;
    Ok(found.into_iter().map(Into::into).collect())
}
