//! The window's Content Security Policy, read from `tauri.conf.json` as the
//! build reads it. The preview shows HTML made from text anyone can write
//! (an imported file, a package from outside), inside the window that may
//! call the app's commands. `render.rs` sanitises that HTML; the CSP is the
//! second wall: if markup ever got through, it still could not run a script
//! or load anything from the network. This test fails the moment the policy
//! is loosened in a way that would let it (docs/SECURITY.md lists every
//! directive and why it is there).

// A test that finds something off should stop right there.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use serde_json::Value;

/// The only `http:` origins the window may name. On Windows (WebView2) and
/// Android a custom URI scheme cannot be registered as such, so Tauri serves
/// `scheme://localhost/…` as `http://scheme.localhost/…`: `ipc` is Tauri's
/// command channel and `byline` the app's photo scheme. Those hosts are
/// answered inside the webview and never reach the network.
const APP_HTTP_ORIGINS: &[&str] = &["http://ipc.localhost", "http://byline.localhost"];

/// Schemes that name the network. Allowed bare (`https:`) they would let any
/// host in; with a host, only [`APP_HTTP_ORIGINS`] are allowed.
const NETWORK_SCHEMES: &[&str] = &["http", "https", "ws", "wss", "ftp"];

/// Directives that decide what may run as script. `default-src` is among
/// them because it is what a missing `script-src` falls back to.
const SCRIPT_DIRECTIVES: &[&str] = &[
    "default-src",
    "script-src",
    "script-src-elem",
    "script-src-attr",
    "worker-src",
];

/// Directives that decide which styles apply (`default-src` again as the
/// fallback). The UI needs no `'unsafe-inline'` for styles: CodeMirror's
/// run-time styles go through constructable stylesheets
/// (`ui/src/lib/csp-styles.ts`, whose test pins that no `<style>` is made).
const STYLE_DIRECTIVES: &[&str] = &[
    "default-src",
    "style-src",
    "style-src-elem",
    "style-src-attr",
];

fn config() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tauri.conf.json");
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The policy as (directive, sources). Tauri accepts it as one string
/// (`"default-src 'self'; img-src …"`) or as a map whose values are a string
/// or a list of sources; both are read here.
fn directives(csp: &Value) -> Vec<(String, Vec<String>)> {
    match csp {
        Value::String(policy) => policy
            .split(';')
            .filter_map(|d| {
                let mut words = d.split_whitespace();
                let name = words.next()?.to_ascii_lowercase();
                Some((name, words.map(str::to_owned).collect()))
            })
            .collect(),
        Value::Object(map) => map
            .iter()
            .map(|(name, sources)| {
                let sources = match sources {
                    Value::String(s) => s.split_whitespace().map(str::to_owned).collect(),
                    Value::Array(list) => list
                        .iter()
                        .map(|s| s.as_str().unwrap().to_owned())
                        .collect(),
                    other => panic!("CSP directive {name}: unexpected value {other}"),
                };
                (name.to_ascii_lowercase(), sources)
            })
            .collect(),
        other => panic!("the CSP is neither a string nor a map: {other}"),
    }
}

/// Everything wrong with a policy, one line each; empty when it holds.
fn problems(csp: &Value) -> Vec<String> {
    let mut found = Vec::new();
    let directives = directives(csp);
    for (name, sources) in &directives {
        let scripts = SCRIPT_DIRECTIVES.contains(&name.as_str());
        let styles = STYLE_DIRECTIVES.contains(&name.as_str());
        for source in sources {
            let lower = source.to_ascii_lowercase();
            let mut bad = |why: &str| found.push(format!("{name} {source}: {why}"));
            if lower.contains('*') {
                bad("a wildcard lets in any host");
                continue;
            }
            if let Some(keyword) = lower.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')) {
                match keyword {
                    "unsafe-inline" if scripts => bad("inline script would run"),
                    "unsafe-inline" if styles => bad("inline styles would apply"),
                    "unsafe-eval" | "wasm-unsafe-eval" if scripts => {
                        bad("text could be run as code (eval)")
                    }
                    // Allows inline event handlers (`onerror=…`) by hash.
                    "unsafe-hashes" if scripts => bad("inline event handlers would run"),
                    _ => {}
                }
                continue;
            }
            match lower.split_once(':') {
                // A bare scheme: `https:` is every host on the web.
                Some((scheme, "")) => {
                    if NETWORK_SCHEMES.contains(&scheme) {
                        bad("a bare network scheme lets in any host");
                    } else if scripts && ["data", "blob", "filesystem"].contains(&scheme) {
                        bad("script could come from a URL the page makes");
                    }
                }
                Some((scheme, rest)) if rest.starts_with("//") => {
                    if NETWORK_SCHEMES.contains(&scheme) {
                        let origin = lower.trim_end_matches('/');
                        if !APP_HTTP_ORIGINS.contains(&origin) {
                            bad("a remote origin");
                        }
                    } else if rest[2..].split(['/', ':']).next() != Some("localhost") {
                        bad("a custom scheme on a host other than localhost");
                    }
                }
                // `example.com`, `example.com:443`: a host without a scheme.
                _ => bad("a remote host"),
            }
        }
    }
    let named = |d: &str| directives.iter().any(|(name, _)| name == d);
    if !named("default-src") {
        found.push("no default-src: whatever is not named would be allowed from anywhere".into());
    }
    if !named("script-src") && !named("default-src") {
        found.push("no script-src".into());
    }
    found
}

#[test]
fn the_csp_allows_no_inline_script_no_eval_and_no_remote_origin() {
    let config = config();
    let security = &config["app"]["security"];
    let csp = &security["csp"];
    // A null CSP would mean none at all.
    assert!(!csp.is_null(), "app.security.csp is missing");
    assert_eq!(problems(csp), Vec::<String>::new());
    // A CSP used only in `tauri dev` must hold too (the app always embeds its
    // UI, so there should be none; if one is added it follows the same rules).
    if !security["devCsp"].is_null() {
        assert_eq!(problems(&security["devCsp"]), Vec::<String>::new());
    }
}

/// What a page could do once a script ran: embed, re-base, submit, frame.
/// Each is closed with `'none'`, so markup that got past the sanitiser still
/// could not point the page anywhere.
#[test]
fn objects_base_forms_and_frames_are_none() {
    let config = config();
    let directives = directives(&config["app"]["security"]["csp"]);
    for name in ["object-src", "base-uri", "form-action", "frame-src"] {
        let sources = directives
            .iter()
            .find(|(d, _)| d == name)
            .map(|(_, s)| s.clone());
        assert_eq!(
            sources,
            Some(vec!["'none'".to_owned()]),
            "{name} should be 'none'"
        );
    }
}

/// The other settings that stand between the preview and the app's commands
/// (docs/SECURITY.md): no `window.__TAURI__` for a script to find, the
/// prototypes frozen so a script cannot tamper with what the IPC code uses,
/// and Tauri left to add its hashes to the CSP (turning that off tends to go
/// with `'unsafe-inline'`).
#[test]
fn the_webview_settings_that_back_the_csp() {
    let config = config();
    assert_eq!(config["app"]["withGlobalTauri"], Value::Bool(false));
    let security = &config["app"]["security"];
    assert_eq!(security["freezePrototype"], Value::Bool(true));
    assert!(
        matches!(
            security["dangerousDisableAssetCspModification"],
            Value::Null | Value::Bool(false)
        ),
        "Tauri must keep adding its script hashes to the CSP"
    );
}

/// The rules themselves catch what they are for: each of these policies has
/// exactly the problem named, and the app's own origins pass.
#[test]
fn the_rules_catch_a_loosened_policy() {
    let count = |policy: &str| problems(&Value::String(policy.to_owned())).len();
    let base = "default-src 'self'; ";
    assert_eq!(count("default-src 'self'"), 0);
    assert_eq!(
        count(
            "default-src 'self'; img-src 'self' data: byline: http://byline.localhost; connect-src ipc: http://ipc.localhost"
        ),
        0
    );
    for loosened in [
        "script-src 'self' 'unsafe-inline'",
        "script-src 'self' 'unsafe-eval'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "script-src 'self' 'unsafe-hashes'",
        "script-src 'self' data:",
        "script-src-elem 'self' blob:",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' https:",
        "img-src *",
        "img-src https://*.example.com",
        "connect-src ipc: https://api.example.com",
        "connect-src ipc: http://ipc.localhost.example.com",
        "font-src fonts.example.com",
        "connect-src wss://live.example.com",
        "img-src byline://example.com",
        "img-src byline://localhost.example.com",
    ] {
        assert_eq!(count(&format!("{base}{loosened}")), 1, "{loosened}");
    }
    assert_eq!(count("default-src 'self' 'unsafe-inline'"), 1);
    assert_eq!(count("script-src 'self'"), 1, "no default-src");
    // The map form reads the same as the string form.
    let map: Value = serde_json::json!({
        "default-src": "'self'",
        "script-src": ["'self'", "'unsafe-eval'"],
    });
    assert_eq!(problems(&map).len(), 1);
}
