//! The newsroom's settings: limits for headline and sapo, the categories,
//! the website's address for exported pages.

use tauri::State;

use super::{AppState, blocking};
use crate::{dto::settings::Settings, ipc_error::IpcError};

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Result<Settings, IpcError> {
    Ok(blocking(&state, |s| s.settings()).await?.into())
}

#[tauri::command]
pub async fn update_settings(
    state: State<'_, AppState>,
    settings: Settings,
) -> Result<Settings, IpcError> {
    Ok(
        blocking(&state, move |s| s.update_settings(settings.into()))
            .await?
            .into(),
    )
}
