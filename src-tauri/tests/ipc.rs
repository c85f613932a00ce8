//! The app's commands through tauri's mock runtime, with the real
//! configuration and capabilities: what the UI sends, what it gets back.

// A test that finds something off should stop right there.
#![allow(clippy::unwrap_used)]

use std::sync::{Arc, Mutex};

use byline_app::{commands::AppState, configure, context, ipc_error::IpcError};
use byline_core::{CoreError, Store, msg};
use serde_json::{Value, json};
use tauri::{
    Manager, WebviewWindowBuilder,
    ipc::{CallbackFn, InvokeBody, InvokeResponseBody},
    test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder},
    webview::InvokeRequest,
};

struct App {
    _app: tauri::App<MockRuntime>,
    window: tauri::WebviewWindow<MockRuntime>,
}

impl App {
    fn with_state(state: AppState) -> Self {
        Self::with_builder(mock_builder(), state)
    }

    fn with_builder(builder: tauri::Builder<MockRuntime>, state: AppState) -> Self {
        let app = configure(builder, Some(state))
            .build(context())
            .expect("app builds");
        let window = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("main window");
        App { _app: app, window }
    }

    fn new() -> Self {
        Self::with_state(AppState::new(Ok(Arc::new(
            Store::open_in_memory().expect("library"),
        ))))
    }

    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        self.invoke_body(cmd, InvokeBody::Json(args), Default::default())
    }

    fn invoke_body(
        &self,
        cmd: &str,
        body: InvokeBody,
        headers: tauri::http::HeaderMap,
    ) -> Result<Value, Value> {
        invoke_on(&self.window, cmd, body, headers)
    }

    /// `add_photo` as the UI sends it: the bytes as the body, the name in a header.
    fn add_photo(&self, name: &str, bytes: &[u8]) -> Result<Value, Value> {
        self.send_file("add_photo", name, bytes)
    }

    /// A command that takes a file as the UI sends it: the bytes as the
    /// body, the name in a header.
    fn send_file(&self, cmd: &str, name: &str, bytes: &[u8]) -> Result<Value, Value> {
        let mut headers = tauri::http::HeaderMap::new();
        headers.insert("x-file-name", percent_encode(name).parse().unwrap());
        self.invoke_body(cmd, InvokeBody::Raw(bytes.to_vec()), headers)
    }

    /// What the folder chooser does when a person picks `folder`: the app
    /// keeps it as the export folder.
    fn pick_export_folder(&self, folder: &std::path::Path) {
        *self
            .window
            .state::<AppState>()
            .export_folder
            .lock()
            .unwrap() = Some(folder.to_owned());
    }

    /// What a chooser or a drop does with `paths`: the app keeps them under
    /// a number, which the UI then names.
    fn pick_files(&self, paths: Vec<std::path::PathBuf>) -> u32 {
        self.window.state::<AppState>().chosen.record(paths).id
    }

    /// `cmd` sent a path, as the web view once could: refused before any
    /// file is touched, for want of the choice's number.
    fn refuses_a_path(&self, cmd: &str, args: Value) {
        let err = self.invoke(cmd, args).unwrap_err();
        assert!(
            err.as_str()
                .unwrap_or_default()
                .contains("missing required key chosen"),
            "{cmd}: {err}"
        );
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.invoke(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }
}

/// A command as the webview in `window` sends it.
fn invoke_on(
    window: &tauri::WebviewWindow<MockRuntime>,
    cmd: &str,
    body: InvokeBody,
    headers: tauri::http::HeaderMap,
) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            // The Linux form; http://tauri.localhost is Windows'.
            url: "tauri://localhost".parse().expect("url"),
            body,
            headers,
            invoke_key: INVOKE_KEY.to_owned(),
        },
    )
    .map(|body| body.deserialize::<Value>().expect("json response"))
}

fn fields(headline: &str, body: &str) -> Value {
    json!({
        "headline": headline,
        "sapo": "Sáng 14/3, hội nghị.",
        "body": body,
        "byline": "Duy Huy",
        "authors": [{ "name": "Duy Huy", "role": "reporter" }],
        "keywords": ["chuyển đổi số", " ", "An Thịnh", "chuyen doi so"],
        "category": "Thời sự",
        "published_at": "2022-12-06T00:00:00+07:00",
        "slug": null,
        "editor_note": "Kiểm tra số liệu.",
        "photos": [],
        "related": [],
    })
}

/// The UI's `encodeURIComponent`.
fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'!'
            | b'~'
            | b'*'
            | b'\''
            | b'('
            | b')' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

const LOP: &[u8] = include_bytes!("../../samples/an-thinh/media/lop-huong-dan.jpg");
const HOI_NGHI: &[u8] = include_bytes!("../../samples/an-thinh/media/hoi-nghi-an-thinh.jpg");

#[test]
fn the_editor_journey_through_ipc() {
    let app = App::new();
    assert_eq!(app.ok("list_page", first_page())["rows"], json!([]));

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
    assert_eq!(
        saved["keywords"],
        json!(["chuyển đổi số", "An Thịnh"]),
        "one keyword, however spelled"
    );
    assert_eq!(saved["published_at"], "2022-12-06T00:00:00+07:00");
    assert_eq!(
        saved["authors"],
        json!([{ "name": "Duy Huy", "role": "reporter" }])
    );
    assert_eq!(saved["slug"], "hoa-binh");

    let list = app.ok("list_page", first_page())["rows"].clone();
    assert_eq!(list[0]["id"], id);
    assert_eq!(list[0]["headline"], "Hoà Bình");
    assert_eq!(list[0]["updated_at"], saved["updated_at"]);
    assert_eq!(
        app.ok("get_article", json!({ "id": id }))["body"],
        "Thân bài."
    );
}

/// The exact JSON of each error code, as the UI reads it: the code, the
/// words in English, and the same words as a key of the catalogue and its
/// values, nested where one message holds another.
#[test]
fn errors_cross_ipc_as_code_message_and_words() {
    let app = App::new();
    let missing = "0193a5e2-7c41-7b1e-9a0f-3c5d2e8b1a47";
    assert_eq!(
        app.invoke("get_article", json!({ "id": missing }))
            .unwrap_err(),
        json!({
            "code": "not_found",
            "message": format!("no article with id or slug '{missing}'"),
            "key": "errorNotFound",
            "args": { "key": missing }
        })
    );
    assert_eq!(
        app.invoke(
            "update_article",
            json!({ "id": "abc", "fields": fields("a", "b") })
        )
        .unwrap_err(),
        json!({
            "code": "invalid",
            "message": "id: 'abc' is not an article id (a UUID)",
            "key": "errorInvalid",
            "args": {
                "field": "id",
                "message": { "key": "articleIdInvalid", "args": { "id": "abc" } }
            }
        })
    );

    let not_a_library = CoreError::NotALibrary {
        path: "/x/library.sqlite".into(),
        reason: msg!("libraryNotSqlite"),
    };
    let broken = App::with_state(AppState::new(Err(IpcError::internal(msg!(
        "appCannotOpenLibrary",
        error = not_a_library.message()
    )))));
    let err = broken.invoke("list_page", first_page()).unwrap_err();
    assert_eq!(err["code"], "internal");
    assert_eq!(
        err["message"],
        "Cannot open the library: /x/library.sqlite: not a Byline library (not an SQLite file)"
    );
    assert_eq!(err["key"], "appCannotOpenLibrary");
    assert_eq!(err["args"]["error"]["key"], "errorNotALibrary");
}

#[test]
fn photos_come_in_as_bytes_and_go_out_through_the_scheme() {
    let app = App::new();
    let added = app.add_photo("Lớp hướng dẫn.jpg", LOP).unwrap();
    let sha = added["sha256"].as_str().unwrap().to_owned();
    assert_eq!(
        added["file"],
        format!("media/lop-huong-dan-{}.jpg", &sha[..8])
    );
    assert_eq!(
        (added["width"].as_u64(), added["height"].as_u64()),
        (Some(1200), Some(800))
    );
    assert_eq!(
        (&added["caption"], &added["creator"]),
        (&Value::Null, &Value::Null)
    );
    // This one carries its caption and creator in XMP, to prefill the placement.
    let embedded = app.add_photo("hoi-nghi.jpg", HOI_NGHI).unwrap();
    assert_eq!(
        embedded["caption"],
        "Đồng chí Trần Văn Đức, Bí thư Đảng ủy xã An Thịnh, phát biểu tại hội nghị ra mắt mô hình “Dân vận khéo”."
    );
    assert_eq!(embedded["creator"], "Minh Anh");
    assert_eq!(
        app.add_photo("ghi chú.txt", b"plain text").unwrap_err(),
        json!({
            "code": "invalid",
            "message": "ghi chú.txt: is not a JPEG, PNG or WebP image",
            "key": "errorPhoto",
            "args": {
                "file": "ghi chú.txt",
                "message": { "key": "photoNotImage", "args": {} }
            }
        })
    );

    // Photos picked in the chooser or dropped: read by the backend from
    // the paths it kept, named by number and place; never by a path the
    // web view sends.
    let dir = tempfile::tempdir().unwrap();
    let (lop, secret) = (dir.path().join("lop.jpg"), dir.path().join("secret.jpg"));
    std::fs::write(&lop, LOP).unwrap();
    std::fs::write(&secret, HOI_NGHI).unwrap();
    app.refuses_a_path("add_photo_files", json!({ "paths": [secret] }));
    let chosen = app.pick_files(vec![lop.clone()]);
    assert_eq!(
        app.invoke(
            "add_photo_files",
            json!({ "chosen": chosen, "indexes": [0, 1] })
        )
        .unwrap_err()["message"],
        format!("index: choice {chosen} has no file 1")
    );
    let picked = app.ok(
        "add_photo_files",
        json!({ "chosen": chosen, "indexes": [0] }),
    );
    assert_eq!(picked[0]["sha256"], sha);

    let id = app.ok("create_article", json!({}))["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut f = fields(
        "Ảnh",
        &format!("![Lớp]({})", added["file"].as_str().unwrap()),
    );
    f["photos"] = json!([{ "sha256": sha, "file": added["file"], "caption": "Lớp học", "credit": "Thu Hà", "alt": "", "featured": false }]);
    let preview = app.ok("preview_article", json!({ "id": id, "fields": f }));
    assert!(
        preview.as_str().unwrap().contains(&format!(
            "<figure><img src=\"byline://localhost/photo/{sha}?w=1200\" alt=\"Lớp\"><figcaption>Lớp học <span class=\"credit\">Thu Hà</span></figcaption></figure>"
        )),
        "{preview}"
    );
    let saved = app.ok("update_article", json!({ "id": id, "fields": f }));
    assert_eq!(saved["photos"][0]["caption"], "Lớp học");

    // What the webview's <img> gets: the photo, oriented and scaled.
    let store = Store::open_in_memory().unwrap();
    store.add_photo("lop.jpg", LOP).unwrap();
    let get = |uri: &str| {
        let request = tauri::http::Request::builder()
            .uri(uri)
            .body(Vec::new())
            .unwrap();
        byline_app::commands::photos::photo_response(&store, &request)
    };
    let thumb = get(&format!("byline://localhost/photo/{sha}?w=320"));
    assert_eq!(thumb.status(), 200);
    assert_eq!(thumb.headers()["content-type"], "image/jpeg");
    let info = byline_core::photo::inspect("thumb", thumb.body()).unwrap();
    assert_eq!((info.width, info.height), (320, 213));
    assert_eq!(get("byline://localhost/photo/0000").status(), 404);
    assert_eq!(
        get(&format!("byline://localhost/photo/{}", "0".repeat(64))).status(),
        404
    );
}

#[test]
fn settings_and_pickers() {
    let app = App::new();
    let settings = app.ok("get_settings", json!({}));
    assert_eq!(settings["headline_max"], 120);
    let mut changed = settings.clone();
    changed["categories"] = json!(["Thời sự", "Đời sống"]);
    assert_eq!(
        app.ok("update_settings", json!({ "settings": changed }))["categories"],
        json!(["Thời sự", "Đời sống"])
    );
    changed["sapo_min"] = json!(500);
    assert_eq!(
        app.invoke("update_settings", json!({ "settings": changed }))
            .unwrap_err()["code"],
        "invalid"
    );

    let id = app.ok("create_article", json!({}))["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.ok(
        "update_article",
        json!({ "id": id, "fields": fields("Đảng ủy xã họp", "") }),
    );
    assert_eq!(
        app.ok("suggest_keywords", json!({ "query": "chuyen" })),
        json!(["chuyển đổi số"])
    );
    let found = app.ok(
        "search_articles",
        json!({ "query": "dang uy", "excludeId": null }),
    );
    assert_eq!(found[0]["headline"], "Đảng ủy xã họp");
    assert_eq!(
        app.ok(
            "search_articles",
            json!({ "query": "dang uy", "excludeId": id })
        ),
        json!([])
    );
    let bad_time = {
        let mut f = fields("A", "");
        f["published_at"] = json!("14/03/2023");
        app.invoke("update_article", json!({ "id": id, "fields": f }))
            .unwrap_err()
    };
    assert_eq!(bad_time["code"], "invalid");
    assert!(
        bad_time["message"]
            .as_str()
            .unwrap()
            .starts_with("published_at: '14/03/2023' is not a time")
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
    // The desktop's choosers open only from Rust: the window may not call
    // the dialog plugin (nor, through `alert`, its message box).
    for (cmd, args) in [
        (
            "plugin:dialog|open",
            json!({ "options": { "directory": true } }),
        ),
        ("plugin:dialog|save", json!({ "options": {} })),
        ("plugin:dialog|message", json!({ "message": "hi" })),
    ] {
        let err = app.invoke(cmd, args).unwrap_err();
        assert!(
            err.as_str().unwrap_or_default().contains("not allowed"),
            "{cmd}: {err}"
        );
    }
}

/// The arguments of the library list's first page, newest change first.
fn first_page() -> Value {
    json!({ "filter": any_filter(), "sort": "updated", "cursor": null, "limit": 50 })
}

fn any_filter() -> Value {
    json!({
        "status": null, "category": null, "author": null, "keyword": null,
        "date_field": "updated", "date_from": null, "date_to": null
    })
}

#[test]
fn the_library_view_pages_counts_and_searches() {
    let app = App::new();
    for headline in [
        "Quán triệt nghị quyết",
        "Du lịch Đà Nẵng",
        "Lúa mùa bội thu",
    ] {
        let id = app.ok("create_article", json!({}))["id"].clone();
        app.ok(
            "update_article",
            json!({ "id": id, "fields": fields(headline, "Bài viết về xã An Thịnh.") }),
        );
    }
    let first = app.ok(
        "list_page",
        json!({ "filter": any_filter(), "sort": "headline", "cursor": null, "limit": 2 }),
    );
    let headlines = |page: &Value| -> Vec<String> {
        page["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["headline"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(headlines(&first), ["Du lịch Đà Nẵng", "Lúa mùa bội thu"]);
    let second = app.ok(
        "list_page",
        json!({ "filter": any_filter(), "sort": "headline", "cursor": first["next"], "limit": 2 }),
    );
    assert_eq!(headlines(&second), ["Quán triệt nghị quyết"]);
    assert_eq!(second["next"], Value::Null);

    let counts = app.ok("library_counts", json!({ "filter": any_filter() }));
    assert_eq!(counts["total"], 3);
    assert_eq!(
        counts["by_status"],
        json!([{ "value": "draft", "count": 3 }])
    );

    let hits = app.ok(
        "search_library",
        json!({ "query": "quan triet", "filter": any_filter(), "limit": 10 }),
    );
    assert_eq!(hits[0]["article"]["headline"], "Quán triệt nghị quyết");
    assert_eq!(
        hits[0]["headline"],
        json!([{ "text": "Quán triệt", "hit": true }, { "text": " nghị quyết", "hit": false }])
    );

    let mut bad = any_filter();
    bad["date_from"] = json!("31/12/2024");
    let err = app
        .invoke(
            "list_page",
            json!({ "filter": bad, "sort": "updated", "cursor": null, "limit": 50 }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "invalid");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .starts_with("date_from: '31/12/2024'"),
        "{err}"
    );
}

#[test]
fn the_workflow_through_ipc_in_the_profiles_name() {
    let app = App::new();
    assert_eq!(app.ok("get_profile", json!({})), Value::Null);
    let id = app.ok("create_article", json!({}))["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Nobody has said who they are: moves are refused by name.
    let err = app
        .invoke(
            "move_article",
            json!({ "id": id, "to": "submitted", "note": "", "overrideReason": null }),
        )
        .unwrap_err();
    assert!(
        err["message"].as_str().unwrap().contains("profile"),
        "{err}"
    );

    app.ok(
        "set_profile",
        json!({ "profile": { "name": "Duy Huy", "role": "reporter" } }),
    );
    // The live checklist reads the unsaved fields, in the UI's language.
    let mut draft = fields("Quán triệt nghị quyết", "Số liệu TK.");
    let findings = app.ok(
        "check_article",
        json!({ "id": id, "fields": draft, "publishing": false, "language": "vi" }),
    );
    let blocking: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "blocking")
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(blocking, ["placeholder"]);
    app.ok("update_article", json!({ "id": id, "fields": draft }));
    let err = app
        .invoke(
            "move_article",
            json!({ "id": id, "to": "submitted", "note": "", "overrideReason": null }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "checklist_blocked", "{err}");

    draft["body"] = json!("Hội nghị có 120 đảng viên dự.");
    app.ok("save_revision", json!({ "id": id, "fields": draft }));
    let moved = app.ok(
        "move_article",
        json!({ "id": id, "to": "submitted", "note": "", "overrideReason": null }),
    );
    assert_eq!(moved["status"], "submitted");

    app.ok(
        "set_profile",
        json!({ "profile": { "name": "Thu Hà", "role": "editor" } }),
    );
    let comment = app.ok(
        "add_comment",
        json!({ "id": id, "body": "Nguồn?", "span": { "target": { "kind": "body" }, "start": 12, "end": 27 } }),
    );
    assert_eq!(comment["quote"], "120 đảng viên d");
    assert_eq!(
        (comment["start"].clone(), comment["end"].clone()),
        (json!(12), json!(27))
    );
    assert_eq!(comment["outdated"], false);
    let resolved = app.ok(
        "resolve_comment",
        json!({ "commentId": comment["id"], "resolved": true }),
    );
    assert_eq!(resolved["resolved_by"], "Thu Hà");

    let history = app.ok("article_history", json!({ "id": id }));
    let kinds: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    // The first autosave made a revision (editing), Ctrl+S the second; the
    // submission changed nothing more, so it points at the second.
    assert_eq!(kinds, ["revision", "revision", "transition", "comment"]);
    assert_eq!(history[0]["reason"], "editing");
    assert_eq!(history[1]["reason"], "save");
    assert_eq!(history[2]["actor"], "Duy Huy");
    assert_eq!(history[2]["revision"], 2);

    draft["body"] = json!("Hội nghị có 135 đảng viên dự.");
    app.ok("save_revision", json!({ "id": id, "fields": draft }));
    let changes = app.ok("compare_revisions", json!({ "id": id, "from": 2, "to": 3 }));
    assert_eq!(changes[0]["field"], "body");
    let restored = app.ok("restore_revision", json!({ "id": id, "number": 2 }));
    assert_eq!(restored["body"], "Hội nghị có 120 đảng viên dự.");
    let revisions = app.ok("list_revisions", json!({ "id": id }));
    assert_eq!(revisions[3]["reason"], "restore");
    assert_eq!(revisions[3]["actor"], "Thu Hà");

    let rules = app.ok("workflow_rules", json!({}));
    let request = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["from"] == "in_review" && r["to"] == "changes_requested")
        .unwrap();
    assert_eq!(request["role"], "editor");
    assert_eq!(request["note_required"], true);
}

/// What the export dialog's channel received, in order.
type Sent = Arc<Mutex<Vec<Value>>>;

/// An app over `store` whose channels are caught here instead of going to a
/// webview. With `cancel_after`, the window calls `cancel_export` once that
/// many progress messages have arrived, as the dialog's Cancel button does
/// while an export runs.
fn exporting_app(store: Store, cancel_after: Option<usize>) -> (App, Sent) {
    let sent: Sent = Arc::default();
    let caught = sent.clone();
    let builder = mock_builder().channel_interceptor(move |webview, _callback, _index, body| {
        let InvokeResponseBody::Json(json) = body else {
            panic!("progress is JSON")
        };
        let count = {
            let mut sent = caught.lock().unwrap();
            sent.push(serde_json::from_str(json).unwrap());
            sent.len()
        };
        if cancel_after == Some(count) {
            let window = webview.app_handle().get_webview_window("main").unwrap();
            invoke_on(
                &window,
                "cancel_export",
                InvokeBody::Json(json!({})),
                Default::default(),
            )
            .unwrap();
        }
        true
    });
    let app = App::with_builder(builder, AppState::new(Ok(Arc::new(store))));
    app.ok(
        "set_profile",
        json!({ "profile": { "name": "Duy Huy", "role": "reporter" } }),
    );
    (app, sent)
}

/// A library as the app creates it on first start: with the sample articles.
fn sample_library(dir: &std::path::Path) -> Store {
    byline_app::open_store(&dir.join("library.sqlite")).unwrap()
}

const SAMPLE_HEADLINE: &str = "Xã An Thịnh ra mắt mô hình “Dân vận khéo” trong chuyển đổi số";

fn sample_id(app: &App) -> String {
    let rows = app.ok("list_page", first_page())["rows"].clone();
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["headline"] == SAMPLE_HEADLINE)
        .unwrap_or_else(|| panic!("the sample article in {rows}"))["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn a_package_goes_out_with_progress_and_comes_in_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let (app, sent) = exporting_app(sample_library(dir.path()), None);
    let id = sample_id(&app);
    let out = dir.path().join("Xuất bản");
    app.pick_export_folder(&out);
    assert_eq!(app.ok("export_folder", json!({})), json!(out));
    // The channel arrives as the id the webview gave it.
    let report = app.ok(
        "export_articles",
        json!({ "ids": [id], "filter": null, "format": "handoff", "onProgress": "__CHANNEL__:7" }),
    );
    let zip = out.join("xa-an-thinh-ra-mat-mo-hinh-dan-van-kheo-trong-chuyen-doi-so.zip");
    assert_eq!(report["written"], json!([zip]));
    assert_eq!(report["cancelled"], false);
    assert!(zip.is_file(), "{}", zip.display());
    assert_eq!(
        *sent.lock().unwrap(),
        [json!({ "message": { "done": 1, "total": 1, "headline": SAMPLE_HEADLINE } })]
            .map(|m| m["message"].clone())
            .to_vec(),
    );

    // Another library, without the sample: the package makes the article.
    let other = App::new();
    other.ok(
        "set_profile",
        json!({ "profile": { "name": "Thu Hà", "role": "editor" } }),
    );
    let bytes = std::fs::read(&zip).unwrap();
    let imported = other
        .send_file("import_package", "bài An Thịnh.zip", &bytes)
        .unwrap();
    assert_eq!(
        imported,
        json!({ "id": id, "outcome": "created", "fields": [] })
    );
    let there = other.ok("get_article", json!({ "id": id }));
    let here = app.ok("get_article", json!({ "id": id }));
    for field in ["headline", "sapo", "body", "byline", "keywords"] {
        assert_eq!(there[field], here[field], "{field}");
    }
    assert_eq!(other.ok("pending_merge", json!({ "id": id })), Value::Null);
    // The same package again changes nothing.
    let again = other
        .send_file("import_package", "again.zip", &bytes)
        .unwrap();
    assert_eq!(again["outcome"], "unchanged");

    // A file picked or dropped is read by the backend, by the number it
    // was kept under; a path the web view sends is never read.
    let third = App::new();
    third.ok(
        "set_profile",
        json!({ "profile": { "name": "Thu Hà", "role": "editor" } }),
    );
    third.refuses_a_path("import_package_file", json!({ "path": zip }));
    let chosen = third.pick_files(vec![zip.clone()]);
    let unknown = third
        .invoke(
            "import_package_file",
            json!({ "chosen": chosen + 1, "index": 0 }),
        )
        .unwrap_err();
    assert_eq!(
        unknown["message"],
        format!("chosen: no choice of files {}", chosen + 1)
    );
    assert_eq!(
        third
            .invoke(
                "import_package_file",
                json!({ "chosen": chosen, "index": 1 })
            )
            .unwrap_err()["message"],
        format!("index: choice {chosen} has no file 1")
    );
    assert_eq!(third.ok("list_page", first_page())["rows"], json!([]));
    assert_eq!(
        third.ok(
            "import_package_file",
            json!({ "chosen": chosen, "index": 0 })
        )["outcome"],
        "created"
    );
}

#[test]
fn a_package_that_is_not_one_is_refused_by_name() {
    let app = App::new();
    app.ok(
        "set_profile",
        json!({ "profile": { "name": "Thu Hà", "role": "editor" } }),
    );
    let err = app
        .send_file("import_package", "ghi chú.zip", b"not a zip at all")
        .unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
    let message = err["message"].as_str().unwrap();
    assert!(
        message.contains("ghi chú.zip") && message.contains("not a readable zip file"),
        "{message}"
    );
    assert_eq!(app.ok("list_page", first_page())["rows"], json!([]));
    // JSON instead of the file's bytes is a mistake of the caller.
    assert_eq!(
        app.invoke("import_package", json!({ "bytes": [1, 2] }))
            .unwrap_err()["code"],
        "invalid"
    );
}

#[test]
fn an_export_of_the_current_filter_stops_when_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    // Cancel arrives while the first article is being reported.
    let (app, sent) = exporting_app(sample_library(dir.path()), Some(1));
    let total = app.ok("library_counts", json!({ "filter": any_filter() }))["total"]
        .as_u64()
        .unwrap();
    assert!(total >= 3, "the samples: {total}");
    let out = dir.path().join("md");
    app.pick_export_folder(&out);
    let report = app.ok(
        "export_articles",
        json!({ "ids": [], "filter": any_filter(), "format": "md", "onProgress": "__CHANNEL__:8" }),
    );
    assert_eq!(report["cancelled"], true);
    assert_eq!(report["written"].as_array().unwrap().len(), 1);
    let sent = sent.lock().unwrap().clone();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        (sent[0]["done"].as_u64(), sent[0]["total"].as_u64()),
        (Some(1), Some(total))
    );

    // The next export starts afresh: the filter's every article.
    let (app, sent) = exporting_app(sample_library(&dir.path().join("b")), None);
    app.pick_export_folder(&out);
    let report = app.ok(
        "export_articles",
        json!({ "ids": [], "filter": any_filter(), "format": "ninjs", "onProgress": "__CHANNEL__:9" }),
    );
    assert_eq!(report["cancelled"], false);
    assert_eq!(report["written"].as_array().unwrap().len() as u64, total);
    assert_eq!(sent.lock().unwrap().len() as u64, total);

    // Until a folder is picked, exports go to `Byline` in Documents.
    let fresh = App::new();
    let folder = fresh.ok("export_folder", json!({}));
    assert!(folder.as_str().unwrap().ends_with("/Byline"), "{folder}");
}

#[test]
fn conflicts_wait_for_a_person_then_merge() {
    let dir = tempfile::tempdir().unwrap();
    let (reporter, _) = exporting_app(sample_library(dir.path()), None);
    let id = sample_id(&reporter);
    let export = |app: &App, out: &str| -> Vec<u8> {
        app.pick_export_folder(&dir.path().join(out));
        let report = app.ok(
            "export_articles",
            json!({ "ids": [id], "filter": null, "format": "handoff", "onProgress": "__CHANNEL__:11" }),
        );
        std::fs::read(report["written"][0].as_str().unwrap()).unwrap()
    };
    let package = export(&reporter, "to-editor");
    let (editor, _) = exporting_app(Store::open_in_memory().unwrap(), None);
    editor
        .send_file("import_package", "a.zip", &package)
        .unwrap();

    // Both sides change the headline, differently.
    let edit = |app: &App, headline: &str| {
        let mut a = app.ok("get_article", json!({ "id": id }));
        a["headline"] = json!(headline);
        let mut f = fields(headline, a["body"].as_str().unwrap());
        for key in [
            "sapo",
            "byline",
            "authors",
            "keywords",
            "category",
            "published_at",
            "editor_note",
            "related",
        ] {
            f[key] = a[key].clone();
        }
        f["related"] = json!(
            a["related"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["reference"].clone())
                .collect::<Vec<_>>()
        );
        f["photos"] = json!(
            a["photos"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| json!({
                    "sha256": p["sha256"], "file": p["file"], "caption": p["caption"],
                    "credit": p["credit"], "alt": p["alt"], "featured": p["featured"],
                }))
                .collect::<Vec<_>>()
        );
        app.ok("save_revision", json!({ "id": id, "fields": f }));
    };
    edit(&editor, "Tiêu đề của biên tập viên");
    edit(&reporter, "Tiêu đề của phóng viên");
    let back = export(&editor, "to-reporter");
    let imported = reporter
        .send_file("import_package", "b.zip", &back)
        .unwrap();
    assert_eq!(imported["outcome"], "conflict", "{imported}");
    // A draft's slug follows its headline on both sides: only the headline
    // is in conflict.
    assert_eq!(imported["fields"], json!(["headline"]));

    let pending = reporter.ok("pending_merge", json!({ "id": id }));
    assert_eq!(pending["conflicts"][0]["field"], "headline");
    assert_eq!(pending["conflicts"][0]["local"], "Tiêu đề của phóng viên");
    assert_eq!(
        pending["conflicts"][0]["incoming"],
        "Tiêu đề của biên tập viên"
    );
    assert!(
        !pending["conflicts"][0]["parts"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    let err = reporter
        .invoke(
            "resolve_conflict",
            json!({ "id": id, "field": "sapo", "take": "incoming" }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
    assert_eq!(
        reporter.ok("get_article", json!({ "id": id }))["headline"],
        "Tiêu đề của phóng viên",
        "nothing changes until the conflict is settled"
    );
    assert_eq!(
        reporter.ok(
            "resolve_conflict",
            json!({ "id": id, "field": "headline", "take": "incoming" })
        ),
        json!([])
    );
    assert_eq!(
        reporter.ok("pending_merge", json!({ "id": id })),
        Value::Null
    );
    let merged = reporter.ok("get_article", json!({ "id": id }));
    assert_eq!(merged["headline"], "Tiêu đề của biên tập viên");
    // A draft's slug nobody chose follows the headline it ends up with.
    assert_eq!(merged["slug"], "tieu-de-cua-bien-tap-vien");
}

/// Where the library is and whether it is read-only; a read-only library's
/// every write comes back as `read_only`, a full disk's as `disk_full`: the
/// two codes the UI branches on (a banner; "not saved: disk full" and
/// trying again).
#[test]
fn read_only_and_disk_full_cross_ipc_as_their_codes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite");
    let id = {
        let store = Store::open(&path).unwrap();
        let app = App::with_state(AppState::new(Ok(Arc::new(store))));
        assert_eq!(
            app.ok("library_info", json!({})),
            json!({ "path": path.display().to_string(), "read_only": false })
        );
        app.ok("create_article", json!({}))["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };

    let store = Store::open_read_only(&path).unwrap();
    let app = App::with_state(AppState::new(Ok(Arc::new(store))));
    assert_eq!(app.ok("library_info", json!({}))["read_only"], true);
    assert_eq!(
        app.ok("get_article", json!({ "id": id }))["id"],
        id.as_str()
    );
    let err = app
        .invoke(
            "update_article",
            json!({ "id": id, "fields": fields("Sửa", "Thân bài.") }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "read_only", "{err}");
    assert_eq!(
        app.invoke("create_article", json!({})).unwrap_err()["code"],
        "read_only"
    );
    drop(app);

    let store = Arc::new(Store::open(&path).unwrap());
    let app = App::with_state(AppState::new(Ok(Arc::clone(&store))));
    app.ok(
        "update_article",
        json!({ "id": id, "fields": fields("Bản đã lưu", "Thân bài.") }),
    );
    // Stands in for a full disk: the writer may not grow the file.
    store.set_max_pages(1).unwrap();
    let err = app
        .invoke(
            "update_article",
            json!({ "id": id, "fields": fields("Bản dài", &"Chữ. ".repeat(100_000)) }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "disk_full", "{err}");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("the disk is full"),
        "{err}"
    );
    assert_eq!(
        app.ok("get_article", json!({ "id": id }))["headline"],
        "Bản đã lưu"
    );
}

/// A write made through another connection (the `byline` command) reaches
/// the window as `library-changed`; the app's own saves never do (that is
/// `Store::data_version`'s rule, tested in the core). The wait is bounded,
/// for an event, not a measure of speed.
#[test]
fn a_write_from_elsewhere_is_announced() {
    use tauri::Listener;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite");
    let store = Arc::new(Store::open(&path).unwrap());
    let app = App::with_state(AppState::new(Ok(Arc::clone(&store))));
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    app.window
        .app_handle()
        .listen(byline_app::LIBRARY_CHANGED_EVENT, move |event| {
            let _ = tx.send(event.payload().to_owned());
        });
    byline_app::watch_library(
        app.window.app_handle().clone(),
        Arc::clone(&store),
        std::time::Duration::from_millis(20),
    );

    let cli = Store::open(&path).unwrap();
    let outside = cli
        .create_article(byline_core::ArticleDraft {
            headline: "Viết từ dòng lệnh".into(),
            ..Default::default()
        })
        .unwrap();
    let payload = rx
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("library-changed");
    let payload: Value = serde_json::from_str(&payload).unwrap();
    assert!(payload["data_version"].is_i64(), "{payload}");
    // What the window then reads has it.
    assert_eq!(
        app.ok("get_article", json!({ "id": outside.id.to_string() }))["headline"],
        "Viết từ dòng lệnh"
    );
}
