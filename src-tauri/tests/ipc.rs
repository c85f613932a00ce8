//! The app's commands through tauri's mock runtime, with the real
//! configuration and capabilities: what the UI sends, what it gets back.

// A test that finds something off should stop right there.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use byline_app::{commands::AppState, configure, context};
use byline_core::Store;
use serde_json::{Value, json};
use tauri::{
    WebviewWindowBuilder,
    ipc::{CallbackFn, InvokeBody},
    test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder},
    webview::InvokeRequest,
};

struct App {
    _app: tauri::App<MockRuntime>,
    window: tauri::WebviewWindow<MockRuntime>,
}

impl App {
    fn with_state(state: AppState) -> Self {
        let app = configure(mock_builder(), Some(state))
            .build(context())
            .expect("app builds");
        let window = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("main window");
        App { _app: app, window }
    }

    fn new() -> Self {
        Self::with_state(AppState {
            store: Ok(Arc::new(Store::open_in_memory().expect("library"))),
        })
    }

    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.window,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                // The Linux form; http://tauri.localhost is Windows'.
                url: "tauri://localhost".parse().expect("url"),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_owned(),
            },
        )
        .map(|body| body.deserialize::<Value>().expect("json response"))
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.invoke(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }
}

fn fields(headline: &str, body: &str) -> Value {
    json!({
        "headline": headline,
        "sapo": "Sáng 14/3, hội nghị.",
        "body": body,
        "byline": "Duy Huy",
        "keywords": ["chuyển đổi số", " ", "An Thịnh"],
        "category": "Thời sự",
    })
}

#[test]
fn the_editor_journey_through_ipc() {
    let app = App::new();
    assert_eq!(app.ok("list_articles", json!({})), json!([]));

    let created = app.ok("create_article", json!({}));
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(created["headline"], "");
    assert_eq!(created["status"], "draft");
    assert_eq!(created["language"], "vi");

    // The preview renders unsaved fields with the publishing pipeline.
    let preview = app.ok(
        "preview_article",
        json!({ "id": id, "fields": fields("Xã <An Thịnh>", "Đoạn **một**.\n\n<script>x()</script>") }),
    );
    let preview = preview.as_str().unwrap();
    assert!(
        preview.contains("<h1 class=\"headline\">Xã &#60;An Thịnh&#62;</h1>"),
        "{preview}"
    );
    assert!(
        preview.contains("<p>Đoạn <strong>một</strong>.</p>"),
        "{preview}"
    );
    assert!(!preview.contains("<script"), "{preview}");
    assert_eq!(
        app.ok("get_article", json!({ "id": id }))["headline"],
        "",
        "preview does not save"
    );

    let saved = app.ok(
        "update_article",
        json!({ "id": id, "fields": fields("Hoa\u{0300} Bình", "Thân bài.") }),
    );
    assert_eq!(saved["headline"], "Hoà Bình", "NFC on the way in");
    assert_eq!(saved["keywords"], json!(["chuyển đổi số", "An Thịnh"]));
    assert_eq!(saved["slug"], "hoa-binh");

    let list = app.ok("list_articles", json!({}));
    assert_eq!(list[0]["id"], id);
    assert_eq!(list[0]["headline"], "Hoà Bình");
    assert_eq!(list[0]["updated_at"], saved["updated_at"]);
    assert_eq!(
        app.ok("get_article", json!({ "id": id }))["body"],
        "Thân bài."
    );
}

/// The exact JSON of each error code, as the UI reads it.
#[test]
fn errors_cross_ipc_as_code_and_message() {
    let app = App::new();
    let missing = "0193a5e2-7c41-7b1e-9a0f-3c5d2e8b1a47";
    assert_eq!(
        app.invoke("get_article", json!({ "id": missing }))
            .unwrap_err(),
        json!({ "code": "not_found", "message": format!("no article with id or slug '{missing}'") })
    );
    assert_eq!(
        app.invoke(
            "update_article",
            json!({ "id": "abc", "fields": fields("a", "b") })
        )
        .unwrap_err(),
        json!({ "code": "invalid", "message": "id: 'abc' is not an article id (a UUID)" })
    );

    let broken = App::with_state(AppState {
        store: Err(
            "Cannot open the library: /x/library.sqlite: not a Byline library (not an SQLite file)"
                .into(),
        ),
    });
    assert_eq!(
        broken.invoke("list_articles", json!({})).unwrap_err(),
        json!({
            "code": "internal",
            "message": "Cannot open the library: /x/library.sqlite: not a Byline library (not an SQLite file)"
        })
    );
}

#[test]
fn a_command_outside_the_surface_is_refused() {
    let app = App::new();
    assert!(
        app.invoke("plugin:fs|read_file", json!({ "path": "/etc/passwd" }))
            .is_err()
    );
    assert!(app.invoke("delete_everything", json!({})).is_err());
}
