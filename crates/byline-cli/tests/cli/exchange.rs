//! `byline export` in every format and for many articles, and the hand-off:
//! `byline import PACKAGE.zip`, `conflicts` and `resolve`.

use std::{
    io::{BufRead, BufReader},
    path::Path,
    process::Stdio,
};

use super::Library;

/// The id of the sample article with photos.
fn an_thinh(lib: &Library) -> String {
    let list = lib.json(&["list", "--json"]);
    list.as_array()
        .unwrap()
        .iter()
        .find(|a| a["headline"].as_str().unwrap().starts_with("Xã An Thịnh"))
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .expect("the An Thịnh sample")
}

fn as_reporter<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["--as", "Duy Huy", "--role", "reporter"];
    all.extend_from_slice(args);
    all
}

fn as_editor<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["--as", "Thu Hà", "--role", "editor"];
    all.extend_from_slice(args);
    all
}

fn set_headline(lib: &Library, id: &str, who: &[&str], headline: &str) {
    // Through an article file that names the article: an import updates it.
    let shown = lib.ok(&["show", id]);
    let text = shown
        .lines()
        .map(|l| {
            if l.starts_with("headline:") {
                format!("headline: {headline}")
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let dir = lib.dir.path().join(format!("edit-{}", headline.len()));
    std::fs::create_dir_all(dir.join("media")).unwrap();
    // The photos the file names, as the samples hold them.
    for entry in std::fs::read_dir(super::samples().join("an-thinh/media")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join("media").join(entry.file_name())).unwrap();
    }
    let file = dir.join("article.md");
    std::fs::write(&file, text).unwrap();
    let mut args = who.to_vec();
    args.extend(["import", file.to_str().unwrap()]);
    lib.ok(&args);
}

#[test]
fn a_hand_off_package_goes_to_the_editor_and_back_with_a_conflict_settled_by_field() {
    let reporter = Library::with_samples();
    let id = an_thinh(&reporter);
    let p1 = reporter.dir.path().join("p1.zip");
    reporter.ok(&as_reporter(&[
        "export",
        &id,
        "--format",
        "handoff",
        "--out",
        p1.to_str().unwrap(),
    ]));

    // The editor's library has never seen the article.
    let fresh = Library::new();
    let out = fresh.ok(&as_editor(&["import", p1.to_str().unwrap()]));
    assert_eq!(out.trim(), format!("{id}  created"));

    set_headline(&fresh, &id, &as_editor(&[]), "Tiêu đề của biên tập viên");
    set_headline(&reporter, &id, &as_reporter(&[]), "Tiêu đề của phóng viên");
    let p2 = fresh.dir.path().join("p2.zip");
    fresh.ok(&as_editor(&[
        "export",
        &id,
        "--format",
        "handoff",
        "--out",
        p2.to_str().unwrap(),
    ]));

    let before = reporter.ok(&["show", &id]);
    let out = reporter.ok(&as_reporter(&["import", p2.to_str().unwrap()]));
    assert_eq!(out.trim(), format!("{id}  conflict: headline"));
    assert_eq!(
        reporter.ok(&["show", &id]),
        before,
        "the local article is unchanged"
    );
    let conflicts = reporter.ok(&["conflicts", &id]);
    assert!(
        conflicts.contains("local:    Tiêu đề của phóng viên"),
        "{conflicts}"
    );
    assert!(
        conflicts.contains("incoming: Tiêu đề của biên tập viên"),
        "{conflicts}"
    );

    let out = reporter
        .byline()
        .args(as_reporter(&[
            "resolve", &id, "--take", "incoming", "--field", "sapo",
        ]))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("'sapo' is not in conflict"));

    let out = reporter.ok(&as_reporter(&[
        "resolve", &id, "--take", "incoming", "--field", "headline",
    ]));
    assert_eq!(out.trim(), format!("{id}  merged"));
    let shown = reporter.ok(&["show", &id]);
    assert!(
        shown.contains("headline: Tiêu đề của biên tập viên"),
        "{shown}"
    );
    assert_eq!(reporter.ok(&["conflicts", &id]).trim(), "no conflicts");
}

#[test]
fn export_writes_every_format_for_a_filter_with_a_progress_line_per_article() {
    let lib = Library::with_samples();
    let out_dir = lib.dir.path().join("out");
    for format in ["html", "html-single", "package", "handoff", "ninjs", "md"] {
        let dir = out_dir.join(format);
        let out = lib
            .byline()
            .args(as_reporter(&[
                "export",
                "--filter",
                "category=Thời sự",
                "--format",
                format,
                "--out",
                dir.to_str().unwrap(),
            ]))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stderr = String::from_utf8(out.stderr).unwrap();
        let progress: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("exported "))
            .collect();
        let written = String::from_utf8(out.stdout).unwrap();
        let written: Vec<&str> = written.lines().collect();
        assert!(!written.is_empty(), "{format}: nothing written");
        assert_eq!(progress.len(), written.len(), "{format}: {stderr}");
        assert!(
            progress
                .last()
                .unwrap()
                .starts_with(&format!("exported {n} of {n}: ", n = written.len()))
        );
        for path in &written {
            assert!(Path::new(path).exists(), "{format}: {path} missing");
        }
    }
    // The md export re-imports: its photos are beside it.
    let md = std::fs::read_dir(out_dir.join("md"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.extension().is_some_and(|e| e == "md")
                && std::fs::read_to_string(p).unwrap().contains("photos:")
        })
        .expect("an md export with photos");
    let other = Library::new(); // no samples: this is new to it
    other.ok(&as_reporter(&["import", md.to_str().unwrap()]));
    // Every photo a ninjs document points to is where it says, beside it.
    let mut hrefs = 0;
    for entry in std::fs::read_dir(out_dir.join("ninjs")).unwrap() {
        let path = entry.unwrap().path();
        if !path.to_string_lossy().ends_with(".ninjs.json") {
            continue;
        }
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for picture in doc["associations"].as_array().into_iter().flatten() {
            for rendition in picture["renditions"].as_array().unwrap() {
                let href = rendition["href"].as_str().unwrap();
                let file = path.parent().unwrap().join(href);
                assert!(file.is_file(), "{}: {href} is not there", path.display());
                hrefs += 1;
            }
        }
    }
    assert!(hrefs > 0, "no ninjs export with photos");
}

#[test]
fn export_names_what_it_needs() {
    let lib = Library::new();
    let out = lib
        .byline()
        .args(["export", "--format", "html", "--out", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("name the articles"), "{stderr}");
    let out = lib
        .byline()
        .args([
            "export",
            "--filter",
            "colour=red",
            "--format",
            "html",
            "--out",
            "x",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("'colour'"), "{stderr}");
}

/// A package killed half-way is never found under its final name: every
/// `.zip` in the folder after the kill is a whole package.
#[test]
fn killing_an_export_leaves_only_whole_packages() {
    let lib = Library::new();
    lib.ok(&["synthetic", "--count", "400"]);
    let dir = lib.dir.path().join("packages");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(["--library", lib.path.to_str().unwrap()])
        .args(as_reporter(&[
            "export",
            "--filter",
            "status=draft",
            "--format",
            "package",
            "--out",
        ]))
        .arg(&dir)
        .env_remove("BYLINE_LIBRARY")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Kill it once a few packages are out, in the middle of the next one.
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    for _ in 0..5 {
        lines.next().unwrap().unwrap();
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let zips: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "zip"))
        .collect();
    assert!(
        zips.len() >= 5 && zips.len() < 400,
        "{} packages",
        zips.len()
    );
    for zip in zips {
        byline_core::import::package::read(&zip)
            .unwrap_or_else(|e| panic!("{} is not whole: {e}", zip.display()));
    }
}
