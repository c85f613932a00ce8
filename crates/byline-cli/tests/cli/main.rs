//! The `byline` command's contract (crates/byline-cli/README.md), run against
//! temporary libraries.

// A test that finds something off should stop right there.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

mod bounded;
mod docs;
mod exchange;
mod hostile;
mod hostile_media;

struct Library {
    dir: tempfile::TempDir,
    path: PathBuf,
}

impl Library {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite");
        Library { dir, path }
    }

    /// A new library with the app's first-run samples in it (`samples`).
    fn with_samples() -> Self {
        let lib = Library::new();
        lib.ok(&["samples"]);
        lib
    }

    fn byline(&self) -> Command {
        let mut cmd = Command::cargo_bin("byline").unwrap();
        cmd.arg("--library")
            .arg(&self.path)
            .env_remove("BYLINE_LIBRARY")
            .env_remove("BYLINE_LANG");
        cmd
    }

    /// Runs and returns stdout; panics with stderr when it fails.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.byline().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// Name, size and hash of every file of the library, to prove that a
    /// failed command changed nothing.
    fn snapshot(&self) -> Vec<(PathBuf, usize, u64)> {
        use std::hash::{DefaultHasher, Hash, Hasher};
        let mut files: Vec<_> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains("library.sqlite"))
            .map(|p| {
                let bytes = std::fs::read(&p).unwrap();
                let mut h = DefaultHasher::new();
                bytes.hash(&mut h);
                (p, bytes.len(), h.finish())
            })
            .collect();
        files.sort();
        files
    }
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

/// A library the command creates stays empty; `samples` adds the app's
/// first-run samples and prints their ids, and refuses a second time,
/// leaving the library as it was.
#[test]
fn a_new_library_is_empty_and_samples_adds_the_apps_samples() {
    let lib = Library::new();
    assert_eq!(lib.json(&["list", "--json"]), serde_json::json!([]));
    assert!(lib.path.exists(), "the library was created");
    let ids = lib.ok(&["samples"]);
    assert_eq!(ids.lines().count(), 4, "{ids}");
    let list = lib.json(&["list", "--json"]);
    let headlines: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["headline"].as_str().unwrap())
        .collect();
    assert_eq!(headlines.len(), 4);
    assert!(headlines.contains(&"An Thịnh mở lớp kỹ năng số cho người cao tuổi"));
    for id in ids.lines() {
        assert!(
            list.as_array().unwrap().iter().any(|a| a["id"] == id),
            "{id}"
        );
    }

    let before = lib.snapshot();
    lib.byline()
        .arg("samples")
        .assert()
        .failure()
        .stderr(predicate::str::contains("slug"));
    assert_eq!(lib.snapshot(), before);
}

/// The README's first steps, as written there, on a library that does not
/// exist yet: the samples folder imports, and the search finds an article.
#[test]
fn the_readmes_first_steps_work_on_a_new_library() {
    let lib = Library::new();
    let imported = lib.ok(&["import", samples().to_str().unwrap()]);
    assert_eq!(imported.lines().count(), 4, "{imported}");
    assert_eq!(lib.ok(&["list"]).lines().count(), 4);
    let found = lib.ok(&["search", "dan van kheo"]);
    assert!(
        found.contains("Xã An Thịnh ra mắt mô hình “Dân vận khéo” trong chuyển đổi số"),
        "{found}"
    );
}

#[test]
fn new_prints_an_id_that_show_and_list_know() {
    let lib = Library::new();
    let id = lib.ok(&[
        "new",
        "--headline",
        "Hội nghị \u{0111}a\u{0300}o ta\u{0323}o", // NFD on the command line
        "--sapo",
        "Sáng nay…",
        "--byline",
        "Duy Huy",
        "--keywords",
        "đào tạo, hội nghị,,",
        "--category",
        "Thời sự",
    ]);
    let id = id.trim();
    assert_eq!(id.len(), 36, "{id}");
    let shown = lib.json(&["show", id, "--json"]);
    assert_eq!(shown["id"], id);
    assert_eq!(shown["headline"], "Hội nghị đào tạo");
    assert_eq!(shown["byline"], "Duy Huy");
    assert_eq!(
        shown["keywords"],
        serde_json::json!(["đào tạo", "hội nghị"])
    );
    assert_eq!(shown["category"], "Thời sự");
    assert_eq!(shown["language"], "vi");
    assert_eq!(shown["status"], "draft");
    assert_eq!(shown["slug"], "hoi-nghi-dao-tao");
    assert_eq!(shown["published_at"], Value::Null);
    // The same article by slug, as an article file.
    let text = lib.ok(&["show", "hoi-nghi-dao-tao"]);
    assert!(
        text.starts_with(&format!("---\nid: {id}\nheadline: Hội nghị đào tạo\n")),
        "{text}"
    );
    let list = lib.ok(&["list"]);
    let first = list.lines().next().unwrap();
    assert!(
        first.starts_with(id) && first.ends_with("Hội nghị đào tạo"),
        "{list}"
    );
}

#[test]
fn a_reader_that_stops_reading_ends_the_command_quietly() {
    // `byline list | head -1`, `byline show X | less` then q: the reader
    // closes the pipe. Here it is closed before the command writes at all,
    // so every line of output meets the closed pipe.
    let lib = Library::with_samples();
    for args in [
        &["list"][..],
        &[
            "show",
            "xa-an-thinh-ra-mat-mo-hinh-dan-van-kheo-trong-chuyen-doi-so",
        ][..],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("byline"))
            .arg("--library")
            .arg(&lib.path)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {:?} {stderr}", out.status);
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

#[test]
fn import_prints_one_id_per_article_with_photos_and_related() {
    let lib = Library::with_samples();
    let folder = lib.dir.path().join("bai");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("b.md"),
        "---\nheadline: Bài B\n---\nThân bài B.\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("a.md"),
        "---\nheadline: Bài A\nslug: bai-a\n---\n",
    )
    .unwrap();
    std::fs::write(folder.join("ghi-chu.txt"), "not an article").unwrap();
    let out = lib
        .byline()
        .arg("import")
        .arg(samples().join("an-thinh/article.md"))
        .arg(&folder)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
    let shown = lib.json(&["show", &ids[0], "--json"]);
    let photos = shown["photos"].as_array().unwrap();
    assert_eq!(photos.len(), 2);
    assert_eq!(photos[0]["file"], "media/hoi-nghi-an-thinh.jpg");
    assert_eq!(photos[0]["featured"], true);
    assert_eq!(photos[0]["mime"], "image/jpeg");
    assert_eq!(photos[0]["sha256"].as_str().unwrap().len(), 64);
    // Stored rotated; width and height as displayed.
    assert_eq!(
        (photos[1]["width"].as_u64(), photos[1]["height"].as_u64()),
        (Some(1200), Some(800))
    );
    assert_eq!(photos[1]["credit"], "Thu Hà");
    // Both related articles are in the library (its samples).
    assert_eq!(
        shown["related"][0]["reference"],
        "an-thinh-mo-lop-ky-nang-so"
    );
    assert_eq!(
        shown["related"][0]["headline"],
        "An Thịnh mở lớp kỹ năng số cho người cao tuổi"
    );
    assert!(shown["related"][1]["id"].is_string());
    assert_eq!(shown["published_at"], "2023-03-14T09:30:00+07:00");
    assert_eq!(
        shown["authors"],
        serde_json::json!([{"name": "Minh Anh", "role": "reporter"}])
    );
    // The sample of the same name is already in the library: a derived slug steps aside.
    assert_eq!(
        shown["slug"],
        "xa-an-thinh-ra-mat-mo-hinh-dan-van-kheo-trong-chuyen-doi-so-2"
    );
    // Files of a folder come in path order.
    assert_eq!(lib.json(&["show", &ids[1], "--json"])["headline"], "Bài A");
    assert_eq!(lib.json(&["show", &ids[2], "--json"])["headline"], "Bài B");
    assert_eq!(
        lib.json(&["list", "--json"]).as_array().unwrap().len(),
        4 + 3
    );
}

#[test]
fn importing_a_chosen_slug_twice_is_refused() {
    let lib = Library::with_samples();
    lib.byline()
        .arg("import")
        .arg(samples().join("related/hoi-nong-dan.md"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "hoi-nong-dan.md: front matter line 8: slug: 'tien-lang-tong-ket-to-hop-tac-rau-an-toan' is already the slug of another article",
        ));
}

#[test]
fn errors_are_in_vietnamese_when_asked() {
    let lib = Library::new();
    lib.byline()
        .args(["--lang", "vi", "show", "khong-co-bai-nay"])
        .assert()
        .code(1)
        .stderr("không có bài viết nào có mã hoặc đường dẫn (slug) 'khong-co-bai-nay'\n");
    lib.file("article.md", "---\nheadline: Bài\nheadlin: Sai\n---\n");
    lib.byline()
        .current_dir(lib.dir.path())
        .env("BYLINE_LANG", "vi")
        .args(["import", "article.md"])
        .assert()
        .code(1)
        .stderr("article.md: dòng 3 của phần front matter: không có khóa nào tên 'headlin'\n");
    // The option wins over the environment.
    lib.byline()
        .env("BYLINE_LANG", "vi")
        .args(["show", "khong-co-bai-nay", "--lang", "en"])
        .assert()
        .code(1)
        .stderr("no article with id or slug 'khong-co-bai-nay'\n");
}

#[test]
fn a_bad_file_fails_with_one_line_and_changes_nothing() {
    let lib = Library::new();
    lib.ok(&["list"]); // create the library first
    lib.file("good.md", "---\nheadline: Tốt\n---\n");
    lib.file(
        "article.md",
        "---\nid: 0193a5e2-7c41-7b1e-9a0f-3c5d2e8b1a47\nheadlin: Sai\n---\n",
    );
    let before = lib.snapshot();
    lib.byline()
        .current_dir(lib.dir.path())
        .args(["import", "good.md", "article.md"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("article.md: front matter line 3: unknown key 'headlin'\n");
    assert_eq!(lib.snapshot(), before);
}

#[test]
fn usage_errors_exit_2() {
    let lib = Library::new();
    lib.byline()
        .args(["new"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--headline"));
    lib.byline()
        .args(["export", "x", "--format", "pdf", "--out", "a"])
        .assert()
        .code(2);
    lib.byline().args(["frobnicate"]).assert().code(2);
}

#[test]
fn other_errors_exit_1_with_the_problem_named() {
    let lib = Library::new();
    lib.byline()
        .args(["show", "khong-co-bai-nay"])
        .assert()
        .code(1)
        .stderr("no article with id or slug 'khong-co-bai-nay'\n");
    lib.byline()
        .args(["new", "--headline", "   "])
        .assert()
        .code(1)
        .stderr("headline: must not be empty\n");
    let missing = lib.dir.path().join("khong-co.md");
    lib.byline()
        .arg("import")
        .arg(&missing)
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(format!(
            "{}: ",
            missing.display()
        )));
}

#[test]
fn export_html_writes_the_page() {
    let lib = Library::with_samples();
    // html: a folder with index.html (and media/ for the photos).
    let out = lib.dir.path().join("bai");
    lib.ok(&[
        "export",
        "an-thinh-mo-lop-ky-nang-so",
        "--format",
        "html",
        "--out",
        out.to_str().unwrap(),
    ]);
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        page.contains("<h1 class=\"headline\">An Thịnh mở lớp kỹ năng số cho người cao tuổi</h1>")
    );
    assert!(page.contains("Chủ nhật, 26/02/2023 | 15:00:00"), "{page}");
    assert!(page.contains("<h2 class=\"keywords-label\">Từ khóa</h2>"));

    // The sample with photos: the featured photo inlined under the sapo, the
    // body photo as a figure, related articles after the keywords.
    let out = lib.dir.path().join("an-thinh.html");
    lib.ok(&[
        "export",
        "xa-an-thinh-ra-mat-mo-hinh-dan-van-kheo-trong-chuyen-doi-so",
        "--format",
        "html-single",
        "--out",
        out.to_str().unwrap(),
    ]);
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(
        page.contains("<figure class=\"featured\"><img src=\"data:image/jpeg;base64,"),
        "featured photo"
    );
    assert!(page.contains("<span class=\"credit\">Thu Hà</span></figcaption></figure>"));
    assert!(page.contains("<h2>Tin liên quan</h2>"));
    assert!(page.contains(
        "<h3 class=\"related-headline\">An Thịnh mở lớp kỹ năng số cho người cao tuổi</h3>"
    ));
    assert!(
        !page.contains("Xin số liệu năm 2022"),
        "the editor's note stays inside"
    );
}

#[test]
fn export_leaves_out_an_unresolved_related_article_and_says_so() {
    let lib = Library::new();
    let md = lib.file(
        "bai.md",
        "---\nheadline: Bài có tin liên quan\nrelated: [bai-chua-viet]\n---\nThân bài.\n",
    );
    let id = lib.ok(&["import", md.to_str().unwrap()]);
    let out = lib.dir.path().join("bai.html");
    lib.byline()
        .args([
            "export",
            id.trim(),
            "--format",
            "html-single",
            "--out",
            out.to_str().unwrap(),
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: bai-co-tin-lien-quan: related article 'bai-chua-viet' is not in the library; left out\n",
        ));
    assert!(
        !std::fs::read_to_string(&out)
            .unwrap()
            .contains("Tin liên quan")
    );
}

#[test]
fn the_environment_names_the_library_and_the_flag_wins() {
    let lib = Library::new();
    let other = lib.dir.path().join("other.sqlite");
    let id = lib.ok(&["new", "--headline", "Chỉ ở thư viện chính"]);
    // Without --library, BYLINE_LIBRARY is used.
    let mut cmd = Command::cargo_bin("byline").unwrap();
    let out = cmd
        .env("BYLINE_LIBRARY", &lib.path)
        .args(["show", id.trim(), "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    // --library wins over the environment.
    let mut cmd = Command::cargo_bin("byline").unwrap();
    cmd.env("BYLINE_LIBRARY", &lib.path)
        .arg("--library")
        .arg(&other)
        .args(["show", id.trim()])
        .assert()
        .code(1);
}

#[test]
fn a_newer_library_is_refused() {
    let lib = Library::new();
    lib.ok(&["list"]);
    bump_schema_version(&lib.path);
    let before = lib.snapshot();
    lib.byline()
        .args(["list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "written by a newer version of Byline",
        ));
    assert_eq!(lib.snapshot(), before);
}

/// Raises the schema version in the file header (bytes 60..64, big-endian),
/// as a newer Byline would, without linking SQLite into this test.
fn bump_schema_version(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    bytes[60..64].copy_from_slice(&99u32.to_be_bytes());
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn the_same_seed_gives_the_same_synthetic_library() {
    let (a, b, c) = (Library::new(), Library::new(), Library::new());
    a.ok(&["synthetic", "--count", "25", "--seed", "7"]);
    b.ok(&["synthetic", "--count", "25", "--seed", "7"]);
    c.ok(&["synthetic", "--count", "25", "--seed", "8"]);
    let list = |l: &Library| l.json(&["list", "--json"]);
    assert_eq!(list(&a), list(&b));
    assert_eq!(
        list(&a).as_array().unwrap().len(),
        25,
        "only the synthetic articles"
    );
    assert_ne!(list(&a), list(&c));
    let first = list(&a)[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        a.json(&["show", &first, "--json"])["body"],
        b.json(&["show", &first, "--json"])["body"]
    );
    // Adding the same articles again is refused and adds nothing.
    let before = a.snapshot();
    a.byline()
        .args(["synthetic", "--count", "25", "--seed", "7"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already in the library"));
    assert_eq!(a.snapshot(), before);
}

#[test]
fn search_finds_without_tone_marks_and_prints_json() {
    let lib = Library::new();
    lib.ok(&[
        "new",
        "--headline",
        "Quán triệt nghị quyết ở Đà Nẵng",
        "--sapo",
        "Sáng nay, cán bộ xã An Thịnh dự hội nghị.",
    ]);
    let hits = lib.json(&["search", "quan triet", "--json"]);
    let hit = &hits[0];
    assert_eq!(hit["headline"], "Quán triệt nghị quyết ở Đà Nẵng");
    assert!(hit["slug"].as_str().unwrap().starts_with("quan-triet"));
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    assert_eq!(hit["exact"], false);
    assert!(hit["id"].as_str().unwrap().len() == 36);
    assert!(hit["snippet"].as_str().unwrap().contains("An Thịnh"));
    // Highlights point at the matched words of the snippet.
    let hits = lib.json(&["search", "an thinh", "--json", "--limit", "1"]);
    let snippet: Vec<char> = hits[0]["snippet"].as_str().unwrap().chars().collect();
    let marked: Vec<String> = hits[0]["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let (s, e) = (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            );
            snippet[s..e].iter().collect()
        })
        .collect();
    assert_eq!(marked, ["An Thịnh"]);
    let text = lib.ok(&["search", "DA NANG"]);
    assert!(text.contains("Quán triệt nghị quyết ở Đà Nẵng"), "{text}");
    assert_eq!(
        lib.json(&["search", "hà nội", "--json"]),
        serde_json::json!([])
    );
    lib.byline()
        .args(["search", "x", "--limit", "0"])
        .assert()
        .code(2);
}

/// A draft that passes the checklist's blocking rules, made with `new`.
fn ready_article(lib: &Library) -> String {
    lib.ok(&[
        "new",
        "--headline",
        "Quán triệt nghị quyết",
        "--sapo",
        "Sáng 6/12, Đảng ủy xã An Thịnh tổ chức hội nghị quán triệt nghị quyết.",
        "--category",
        "Thời sự",
        "--keywords",
        "An Thịnh,nghị quyết",
    ])
    .trim()
    .to_owned()
}

#[test]
fn status_moves_an_article_as_the_named_person_and_history_lists_it() {
    let lib = Library::new();
    let id = ready_article(&lib);
    // Nobody named, no profile: refused, and the library is unchanged.
    let before = lib.snapshot();
    lib.byline()
        .args(["status", &id, "submitted"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--as NAME"));
    assert_eq!(lib.snapshot(), before);

    lib.ok(&[
        "status",
        &id,
        "submitted",
        "--as",
        "Duy Huy",
        "--role",
        "reporter",
    ]);
    // A reporter may not start a review; the message says why.
    lib.byline()
        .args([
            "status",
            &id,
            "in_review",
            "--as",
            "Duy Huy",
            "--role",
            "reporter",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("only an editor"));
    // The profile acts when nobody is named.
    assert_eq!(
        lib.ok(&["profile", "--as", "Thu Hà", "--role", "editor"])
            .trim(),
        "Thu Hà  editor"
    );
    lib.ok(&["status", &id, "in_review"]);
    lib.byline()
        .args(["status", &id, "changes_requested"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("needs a note"));
    lib.ok(&["status", &id, "changes_requested", "--note", "Thêm nguồn."]);
    lib.byline()
        .args(["status", &id, "sent"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("'sent' is not a status"));

    let history = lib.json(&["history", &id, "--json"]);
    let kinds: Vec<(&str, &str)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap(),
                e.get("to").and_then(Value::as_str).unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("revision", ""),
            ("transition", "submitted"),
            ("transition", "in_review"),
            ("transition", "changes_requested"),
        ]
    );
    assert_eq!(history[0]["actor"], "Duy Huy");
    assert_eq!(history[3]["note"], "Thêm nguồn.");
    assert_eq!(history[3]["actor"], "Thu Hà");
    let text = lib.ok(&["history", &id]);
    assert!(
        text.contains("Thu Hà (editor)  in_review -> changes_requested  \"Thêm nguồn.\""),
        "{text}"
    );
}

#[test]
fn check_exits_1_on_a_blocking_rule_and_names_the_field() {
    let lib = Library::new();
    let id = ready_article(&lib);
    lib.ok(&["check", &id]);
    let findings = lib.json(&["check", &id, "--json"]);
    // A warning or two, nothing blocking.
    assert!(
        findings
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["severity"] == "warning")
    );
    let bare = lib
        .ok(&["new", "--headline", "Chưa xong TK"])
        .trim()
        .to_owned();
    let out = lib
        .byline()
        .args(["check", &bare, "--json", "--lang", "vi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let findings: Value = serde_json::from_slice(&out.stdout).unwrap();
    let blocking: Vec<(&str, &str)> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "blocking")
        .map(|f| (f["rule"].as_str().unwrap(), f["field"].as_str().unwrap()))
        .collect();
    assert_eq!(
        blocking,
        [
            ("sapo_missing", "sapo"),
            ("category_missing", "category"),
            ("placeholder", "headline"),
        ]
    );
    let text = lib.byline().args(["check", &bare]).output().unwrap();
    assert_eq!(text.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&text.stdout).contains("blocking  sapo"));
}

#[test]
fn import_records_a_revision_by_the_named_person() {
    let lib = Library::new();
    let out = lib.ok(&[
        "import",
        samples().join("an-thinh").to_str().unwrap(),
        "--as",
        "Minh Anh",
        "--role",
        "reporter",
    ]);
    let id = out.lines().next().unwrap();
    let history = lib.json(&["history", id, "--json"]);
    assert_eq!(history[0]["kind"], "revision");
    assert_eq!(history[0]["reason"], "import");
    assert_eq!(history[0]["actor"], "Minh Anh");
}

#[test]
fn export_protects_photos_unless_told_to_keep_their_metadata() {
    let lib = Library::with_samples();
    let originals: std::collections::BTreeSet<Vec<u8>> =
        std::fs::read_dir(samples().join("an-thinh/media"))
            .unwrap()
            .map(|e| std::fs::read(e.unwrap().path()).unwrap())
            .collect();
    let export = |name: &str, extra: &[&str]| -> std::collections::BTreeSet<Vec<u8>> {
        let out = lib.dir.path().join(name);
        let mut args = vec![
            "export",
            "xa-an-thinh-ra-mat-mo-hinh-dan-van-kheo-trong-chuyen-doi-so",
            "--format",
            "html",
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend(extra);
        lib.ok(&args);
        std::fs::read_dir(out.join("media"))
            .unwrap()
            .map(|e| std::fs::read(e.unwrap().path()).unwrap())
            .collect()
    };
    // By default (the library's setting, off): copies, none of them the
    // original file (tests/core/source_protection.rs checks what is in them).
    let protected = export("mac-dinh", &[]);
    assert_eq!(protected.len(), 2);
    assert!(protected.is_disjoint(&originals));
    assert_eq!(
        export("bao-ve", &["--photo-metadata", "protect"]),
        protected
    );
    // For the newsroom's archive: the originals, byte for byte.
    assert_eq!(export("luu-tru", &["--photo-metadata", "keep"]), originals);
    lib.byline()
        .args(["export", "x", "--format", "html", "--out", "y"])
        .args(["--photo-metadata", "all"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'all'"));
}
