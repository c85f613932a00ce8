//! The Byline app: a Tauri shell over `byline-core`. This is the only crate
//! that names tauri. It finds the library, opens it once, and exposes the
//! commands listed in [`commands::handler`].

pub mod chosen;
pub mod commands;
pub mod dialogs;
pub mod dto;
pub mod ipc_error;
pub mod navigation;

use std::{
    path::{Path, PathBuf},
    sync::Arc,
    time::Duration,
};

use byline_core::{Store, error::Message, msg};
use tauri::{AppHandle, DragDropEvent, Emitter, Manager, Runtime, Window, WindowEvent};

use crate::{commands::AppState, dto::library::LibraryChanged};

/// Environment variable naming the library file; `--library PATH` wins over it.
pub const LIBRARY_ENV: &str = "BYLINE_LIBRARY";

/// Emitted (with [`LibraryChanged`]) when someone else wrote to the library.
pub const LIBRARY_CHANGED_EVENT: &str = "library-changed";

/// Emitted to the window (with [`dto::chosen::ChosenFiles`]) when files were dropped
/// on it: the UI imports or adds them by that choice's number.
pub const FILES_DROPPED_EVENT: &str = "files-dropped";

/// How often the app looks for writes made by someone else: a second is
/// soon enough for a list to catch up, and the look costs one pragma.
pub const WATCH_INTERVAL: Duration = Duration::from_secs(1);

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
        // Rust opens the desktop's choosers (`dialogs`); the window is
        // granted none of the plugin's commands.
        .plugin(tauri_plugin_dialog::init())
        .on_window_event(files_dropped)
        .invoke_handler(commands::handler())
        .register_asynchronous_uri_scheme_protocol(
            byline_core::render::PHOTO_SCHEME,
            commands::photos::serve_photo,
        );
    match state {
        Some(state) => builder.manage(state),
        None => builder.setup(|app| {
            // Built here rather than from tauri.conf.json alone, for the
            // navigation rule (`navigation`).
            let window = navigation::build_main_window(app.handle())?;
            #[cfg(target_os = "linux")]
            draw_without_compositing(&window);
            #[cfg(not(target_os = "linux"))]
            let _ = window;
            let state = open_library(library_path());
            if let Ok(store) = &state.store {
                watch_library(app.handle().clone(), Arc::clone(store), WATCH_INTERVAL);
            }
            app.manage(state);
            Ok(())
        }),
    }
}

/// Files dropped on the window come from the window system to Rust: their
/// paths are kept (`chosen.rs`) and the window hears only their number and
/// names ([`FILES_DROPPED_EVENT`]).
fn files_dropped<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    let WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) = event else {
        return;
    };
    if paths.is_empty() {
        return;
    }
    let Some(state) = window.try_state::<AppState>() else {
        return;
    };
    let dropped = state.chosen.record(paths.clone());
    if let Err(e) = window.emit_to(window.label(), FILES_DROPPED_EVENT, dropped) {
        tracing::warn!("cannot tell the window files were dropped: {e}");
    }
}

pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("BYLINE_LOG"))
        .init();
    // First, so a second instance on the same library hands over and exits
    // before anything else is set up (the library is never opened twice by
    // two windows of Byline). Not in `configure`: the mock runtime of the
    // tests has no session bus to ask.
    let builder = tauri::Builder::default().plugin(single_instance(library_path().ok().as_deref()));
    configure(builder, None)
        .run(context())
        .expect("error while running Byline");
}

/// Tells WebKitGTK to draw the page without accelerated compositing. With it,
/// on a machine without a usable GPU (and under Xvfb), compositing runs through
/// Mesa's software GL and takes the web process from about 240 MB resident to
/// about 400 MB on the library page of 100,000 articles; without it the page
/// comes up no later (docs/BENCHMARKS.md, docs/DECISIONS.md). Byline's pages are a list, forms and text,
/// with no animation or 3-D transform that compositing would speed up.
#[cfg(target_os = "linux")]
fn draw_without_compositing<R: Runtime>(window: &tauri::WebviewWindow<R>) {
    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
    let done = window.with_webview(|webview| {
        if let Some(settings) = webview.inner().settings() {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    });
    if let Err(e) = done {
        tracing::warn!("could not turn off compositing: {e}");
    }
}

/// One Byline per library: a second start on a library that is already open
/// brings that window forward and exits; a start on another library runs
/// beside it, in a window of its own.
///
/// The plugin finds the first instance by a name on the session bus (on
/// Linux, which is what Byline ships for): the app's identifier and a hash
/// of the library's real path, so two paths to one file are one library.
/// Without a session bus there is nobody to ask, and every start opens a
/// window (two writers on one library are safe, see `watch_library`).
fn single_instance<R: Runtime>(library: Option<&Path>) -> tauri::plugin::TauriPlugin<R> {
    let mut plugin = tauri_plugin_single_instance::Builder::new().callback(|app, _argv, _cwd| {
        tracing::info!("Byline was started again on this library: showing its window");
        bring_forward(app);
    });
    if let Some(library) = library {
        plugin = plugin.dbus_id(instance_id(byline_core::store::APP_ID, library));
    }
    plugin.build()
}

/// Shows the main window, un-minimised, and gives it the focus. Runs on the
/// plugin's own thread, never the UI's.
fn bring_forward<R: Runtime>(app: &AppHandle<R>) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let warn = |what: &str, result: tauri::Result<()>| {
        if let Err(e) = result {
            tracing::warn!("cannot {what} the window: {e}");
        }
    };
    warn("unminimize", window.unminimize());
    warn("show", window.show());
    // The focus request of a window still counted as minimised is dropped
    // (tao), and it counts as minimised until the window system has
    // answered the un-minimise: wait for that answer, a second at most.
    for _ in 0..50 {
        if !window.is_minimized().unwrap_or(false) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    warn("focus", window.set_focus());
}

/// The name the first instance on `library` holds: `app_id` and a hash of
/// the library's real path (symbolic links followed; a library not made
/// yet by its folder's real path). A D-Bus name is made of dot-separated
/// parts of letters, digits and `_`, none starting with a digit.
fn instance_id(app_id: &str, library: &Path) -> String {
    let absolute = std::path::absolute(library).unwrap_or_else(|_| library.to_owned());
    let real = std::fs::canonicalize(&absolute).unwrap_or_else(|_| {
        match (absolute.parent(), absolute.file_name()) {
            (Some(dir), Some(name)) => std::fs::canonicalize(dir)
                .map(|d| d.join(name))
                .unwrap_or_else(|_| absolute.clone()),
            _ => absolute.clone(),
        }
    });
    // FNV-1a: stable across runs and builds, unlike std's hasher; 64 bits
    // tell apart the few libraries one person opens.
    let hash = real
        .as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("{app_id}.library_{hash:016x}")
}

/// Looks every `interval` for writes someone else made to the library (the
/// `byline` command, another program) and tells the UI with
/// [`LIBRARY_CHANGED_EVENT`]. The app's own saves do not count
/// (`Store::data_version`). Runs on a thread of its own for as long as the
/// app does: the look is one pragma, never on the UI thread.
pub fn watch_library<R: Runtime>(app: AppHandle<R>, store: Arc<Store>, interval: Duration) {
    let spawned = std::thread::Builder::new()
        .name("library-watch".into())
        .spawn(move || {
            let mut seen = store.data_version().ok();
            loop {
                std::thread::sleep(interval);
                match store.data_version() {
                    Ok(now) if seen != Some(now) => {
                        let changed = seen.is_some();
                        seen = Some(now);
                        if changed {
                            let payload = LibraryChanged { data_version: now };
                            if let Err(e) = app.emit(LIBRARY_CHANGED_EVENT, payload) {
                                tracing::warn!("cannot tell the window the library changed: {e}");
                            }
                        }
                    }
                    Ok(_) => {}
                    // Logged once per failure streak: the next good look
                    // reports any change made meanwhile.
                    Err(e) => {
                        if seen.take().is_some() {
                            tracing::warn!("cannot look for changes to the library: {e}");
                        }
                    }
                }
            }
        });
    if let Err(e) = spawned {
        tracing::error!("cannot watch the library for changes made elsewhere: {e}");
    }
}

/// `--library PATH`, else `$BYLINE_LIBRARY`, else `library.sqlite` in the app's
/// data directory (`byline_core::store::default_library_path`, which is
/// where tauri's `app_data_dir` points too): the same rule as the `byline`
/// command. Known before the app is built, so the single-instance check can
/// name the library.
fn library_path() -> Result<PathBuf, Message> {
    if let Some(path) = library_arg(std::env::args().skip(1)) {
        return Ok(path);
    }
    if let Some(path) = std::env::var_os(LIBRARY_ENV).filter(|p| !p.is_empty()) {
        return Ok(path.into());
    }
    byline_core::store::default_library_path().ok_or_else(|| msg!("appNoDataDirectory"))
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

/// Opens the library at `path` as the app does: a library that this start
/// creates gets the first-run samples, so the first thing a person sees is
/// real content. Opening an existing library adds nothing.
pub fn open_store(path: &Path) -> byline_core::Result<Store> {
    let store = Store::open(path)?;
    if store.created() {
        byline_core::samples::add(&store)?;
    }
    Ok(store)
}

fn open_library(path: Result<PathBuf, Message>) -> AppState {
    let store = path
        .and_then(|path| {
            tracing::info!("library: {}", path.display());
            open_store(&path)
                .map(Arc::new)
                .map_err(|e| msg!("appCannotOpenLibrary", error = e.message()))
        })
        .map_err(ipc_error::IpcError::internal);
    if let Err(e) = &store {
        tracing::error!("{}", e.message);
    }
    AppState::new(store)
}

#[cfg(test)]
mod tests {
    use super::{instance_id, library_arg};

    /// The same library reached two ways is one instance; another library
    /// is another; every id is a valid D-Bus name.
    #[test]
    fn one_instance_per_library() {
        let dir = tempfile::tempdir().expect("temp dir");
        let library = dir.path().join("library.sqlite");
        std::fs::write(&library, b"").expect("file");
        let link = dir.path().join("link.sqlite");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&library, &link).expect("symlink");
        #[cfg(not(unix))]
        std::fs::copy(&library, &link).expect("copy");
        let via_dots = dir.path().join("sub/../library.sqlite");
        std::fs::create_dir(dir.path().join("sub")).expect("sub");

        let id = instance_id("vn.byline.editor", &library);
        assert!(id.starts_with("vn.byline.editor.library_"), "{id}");
        assert_eq!(id.len(), "vn.byline.editor.library_".len() + 16);
        assert!(
            id.split('.').all(|part| !part.is_empty()
                && !part.starts_with(|c: char| c.is_ascii_digit())
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')),
            "{id}"
        );
        assert_eq!(instance_id("vn.byline.editor", &via_dots), id);
        #[cfg(unix)]
        assert_eq!(instance_id("vn.byline.editor", &link), id);
        // Not made yet: named by its folder's real path, so it is the same
        // instance before and after the first start creates it.
        let later = dir.path().join("sub/../later.sqlite");
        let before = instance_id("vn.byline.editor", &later);
        std::fs::write(dir.path().join("later.sqlite"), b"").expect("file");
        assert_eq!(instance_id("vn.byline.editor", &later), before);

        let other = dir.path().join("other.sqlite");
        assert_ne!(instance_id("vn.byline.editor", &other), id);
    }

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
