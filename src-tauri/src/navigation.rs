//! Where the web view may go: only to the app's own page. Script in the page
//! (an article's HTML that slipped through, a bug) must not be able to load
//! another site in the window, where it would run with the app's IPC, nor
//! open a window of its own. The preview's click handler keeps links from
//! being followed; this is the rule that holds whatever the page does.

use tauri::{
    Manager, Runtime, Url, WebviewWindow, WebviewWindowBuilder, webview::NewWindowResponse,
};

/// The label of the app's one window (tauri.conf.json).
pub const MAIN_WINDOW: &str = "main";

/// Whether `url` is the app's own page. Tauri serves the built UI at
/// `tauri://localhost` (Linux, macOS) or `http(s)://tauri.localhost`
/// (Windows, where WebView2 takes no custom schemes); in development the
/// page comes from `dev_url` instead. Anything else, including another
/// port of the same host, is somebody else's page.
pub fn is_own_page(url: &Url, dev_url: Option<&Url>) -> bool {
    let served = match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    };
    (served && url.port().is_none())
        || dev_url.is_some_and(|dev| dev.origin().is_tuple() && dev.origin() == url.origin())
}

/// Builds the main window from its configuration, with navigation outside
/// the app's page and every new window refused.
pub fn build_main_window<R: Runtime, M: Manager<R>>(
    manager: &M,
) -> tauri::Result<WebviewWindow<R>> {
    let config = manager.config();
    let window = config
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN_WINDOW)
        .ok_or_else(|| tauri::Error::WindowNotFound)?;
    let dev_url = config.build.dev_url.clone().filter(|_| tauri::is_dev());
    WebviewWindowBuilder::from_config(manager, window)?
        .on_navigation(move |url| {
            let allowed = is_own_page(url, dev_url.as_ref());
            if !allowed {
                tracing::warn!("refused to leave the app's page for {url}");
            }
            allowed
        })
        .on_new_window(|url, _features| {
            tracing::warn!("refused to open a window on {url}");
            NewWindowResponse::Deny
        })
        .build()
}

#[cfg(test)]
mod tests {
    use super::is_own_page;
    use tauri::Url;

    fn own(url: &str) -> bool {
        is_own_page(&Url::parse(url).expect("url"), None)
    }

    #[test]
    fn the_apps_page_on_every_platform() {
        assert!(own("tauri://localhost"));
        assert!(own("tauri://localhost/index.html#/article/3"));
        assert!(own("http://tauri.localhost/"));
        assert!(own("https://tauri.localhost/index.html?x=1"));
    }

    #[test]
    fn anything_else_is_refused() {
        for url in [
            "https://example.invalid/",
            "http://localhost/",
            "tauri://evil.example/",
            "tauri://localhost.evil.example/",
            "http://tauri.localhost.evil.example/",
            "http://tauri.localhost:8080/",
            "http://evil.example/?tauri.localhost",
            "ftp://tauri.localhost/",
            "file:///etc/passwd",
            "data:text/html,<script>alert(1)</script>",
            "javascript:alert(1)",
            "about:blank",
            "blob:tauri://localhost/1234",
            "byline://localhost/photo/00",
            "ipc://localhost/get_article",
        ] {
            assert!(!own(url), "{url} let through");
        }
    }

    #[test]
    fn the_dev_server_only_in_development() {
        let dev = Url::parse("http://localhost:5173").expect("url");
        let with_dev = |url: &str| is_own_page(&Url::parse(url).expect("url"), Some(&dev));
        assert!(with_dev("http://localhost:5173/src/main.ts"));
        assert!(with_dev("tauri://localhost/"));
        assert!(!with_dev("http://localhost:5174/"));
        assert!(!with_dev("https://localhost:5173/"));
        assert!(!own("http://localhost:5173/"));
        // A dev URL without an origin of its own lets nothing more through.
        let opaque = Url::parse("data:text/html,x").expect("url");
        assert!(!is_own_page(
            &Url::parse("data:text/html,x").expect("url"),
            Some(&opaque)
        ));
    }
}
