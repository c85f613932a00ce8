//! The Byline app: a Tauri shell over `byline-core`. This is the only crate
//! that names tauri. It finds the library, opens it once, and exposes the
//! commands listed in [`commands::handler`].

pub mod commands;
pub mod dto;
pub mod ipc_error;

use std::{path::PathBuf, sync::Arc};

use byline_core::{OpenOptions, Store};
use tauri::{Manager, Runtime};

use crate::commands::AppState;

/// Environment variable naming the library file; `--library PATH` wins over it.
pub const LIBRARY_ENV: &str = "BYLINE_LIBRARY";

/// The app's configuration (tauri.conf.json, capabilities, the built UI),
/// compiled in.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// Sets up commands and state on any runtime: the real one in [`run`], the
/// mock one in tests.
pub fn configure<R: Runtime>(
    builder: tauri::Builder<R>,
    state: Option<AppState>,
) -> tauri::Builder<R> {
    let builder = builder
        .invoke_handler(commands::handler())
        .register_asynchronous_uri_scheme_protocol(
            byline_core::render::PHOTO_SCHEME,
            commands::photos::serve_photo,
        );
    match state {
        Some(state) => builder.manage(state),
        // The library path may depend on the app's data directory, known only
        // once the app exists.
        None => builder.setup(|app| {
            let state = open_library(app.handle());
            app.manage(state);
            Ok(())
        }),
    }
}

pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("BYLINE_LOG"))
        .init();
    configure(tauri::Builder::default(), None)
        .run(context())
        .expect("error while running Byline");
}

/// `--library PATH`, else `$BYLINE_LIBRARY`, else `library.sqlite` in the app's
/// data directory: the same rule as the `byline` command.
fn library_path<R: Runtime>(app: &tauri::AppHandle<R>) -> Result<PathBuf, String> {
    if let Some(path) = library_arg(std::env::args().skip(1)) {
        return Ok(path);
    }
    if let Some(path) = std::env::var_os(LIBRARY_ENV).filter(|p| !p.is_empty()) {
        return Ok(path.into());
    }
    app.path()
        .app_data_dir()
        .map(|d| d.join("library.sqlite"))
        .map_err(|e| format!("no data directory for the library: {e}"))
}

fn library_arg(mut args: impl Iterator<Item = String>) -> Option<PathBuf> {
    while let Some(arg) = args.next() {
        if arg == "--library" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.strip_prefix("--library=") {
            return Some(path.into());
        }
    }
    None
}

fn open_library<R: Runtime>(app: &tauri::AppHandle<R>) -> AppState {
    let store = library_path(app).and_then(|path| {
        tracing::info!("library: {}", path.display());
        Store::open(&path, &OpenOptions::default())
            .map(Arc::new)
            .map_err(|e| format!("Cannot open the library: {e}"))
    });
    if let Err(message) = &store {
        tracing::error!("{message}");
    }
    AppState::new(store)
}

#[cfg(test)]
mod tests {
    use super::library_arg;

    #[test]
    fn library_argument_forms() {
        let args = |a: &[&str]| {
            a.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .into_iter()
        };
        assert_eq!(
            library_arg(args(&["--library", "/tmp/a.sqlite"])),
            Some("/tmp/a.sqlite".into())
        );
        assert_eq!(
            library_arg(args(&["--library=/tmp/b.sqlite"])),
            Some("/tmp/b.sqlite".into())
        );
        assert_eq!(library_arg(args(&["--other"])), None);
    }
}
