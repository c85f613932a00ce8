//! Commands that bring photos into the library, and the `byline:` URI scheme
//! that serves them to the webview (photos never travel as base64 over IPC).

use byline_core::photo;
use tauri::{
    Manager, Runtime, State, UriSchemeContext, UriSchemeResponder, WebviewWindow,
    http::{Request, Response, StatusCode, header},
    ipc::Request as IpcRequest,
};

use super::{AppState, blocking, choose_files, raw_file};
use crate::{
    dialogs,
    dto::{chosen::ChosenFiles, photos::AddedPhoto},
    ipc_error::IpcError,
};

/// A photo pasted from the clipboard: its bytes are the raw body
/// of the request.
#[tauri::command]
pub async fn add_photo(
    state: State<'_, AppState>,
    request: IpcRequest<'_>,
) -> Result<AddedPhoto, IpcError> {
    let (name, bytes) = raw_file(&request, "add_photo", "ảnh")?;
    Ok(blocking(&state, move |s| s.add_photo(&name, &bytes))
        .await?
        .into())
}

/// Opens the desktop's file chooser over the window for photos (JPEG, PNG,
/// WebP); the files picked are kept under a number (`chosen.rs`), for
/// [`add_photo_files`]. `null` when the person cancelled.
#[tauri::command]
pub async fn choose_photos<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    title: String,
) -> Result<Option<ChosenFiles>, IpcError> {
    choose_files(&window, &state, &title, dialogs::PHOTO_EXTENSIONS).await
}

/// Adds files `indexes` of the files chosen or dropped as `chosen`: the app
/// reads the paths it kept, never ones the web view sends.
#[tauri::command]
pub async fn add_photo_files(
    state: State<'_, AppState>,
    chosen: u32,
    indexes: Vec<u32>,
) -> Result<Vec<AddedPhoto>, IpcError> {
    let paths = indexes
        .iter()
        .map(|&index| state.chosen.path(chosen, index))
        .collect::<Result<Vec<_>, _>>()?;
    let added = blocking(&state, move |s| s.add_photo_files(&paths)).await?;
    Ok(added.into_iter().map(Into::into).collect())
}

/// Serves `byline://localhost/photo/<sha256>[?w=<width>]`: the stored photo,
/// oriented and scaled down to `w` pixels wide. Content-addressed, so the
/// webview may cache it for good.
pub fn serve_photo<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let state = ctx.app_handle().state::<AppState>();
    let store = state.store.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let response = match store {
            Ok(store) => photo_response(&store, &request),
            Err(e) => plain(StatusCode::SERVICE_UNAVAILABLE, e.message),
        };
        responder.respond(response);
    });
}

/// Largest width a caller may ask for; beyond it the original size is served.
const MAX_WIDTH: u32 = 4096;

pub fn photo_response(store: &byline_core::Store, request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
    let uri = request.uri();
    let Some(sha256) = uri.path().strip_prefix("/photo/").filter(|s| s.len() == 64) else {
        return plain(StatusCode::NOT_FOUND, "no such photo".into());
    };
    let width = uri
        .query()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("w=")))
        .and_then(|w| w.parse::<u32>().ok())
        .filter(|w| (1..=MAX_WIDTH).contains(w));
    let rendered = store
        .photo_bytes(sha256)
        .and_then(|bytes| bytes.map(|b| photo::render(&b, width)).transpose());
    match rendered {
        Ok(Some((bytes, mime))) => Response::builder()
            .header(header::CONTENT_TYPE, mime)
            .header(header::CACHE_CONTROL, "max-age=31536000, immutable")
            .body(bytes)
            .unwrap_or_else(|e| plain(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
        Ok(None) => plain(StatusCode::NOT_FOUND, "no such photo".into()),
        Err(e) => plain(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

fn plain(status: StatusCode, message: String) -> Response<Vec<u8>> {
    let mut response = Response::new(message.into_bytes());
    *response.status_mut() = status;
    response
}
