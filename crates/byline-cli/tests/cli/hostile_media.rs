//! `byline import` of the hostile shapes of issue 13 (packages and photos
//! that once exhausted memory or the stack): one line naming the file, the
//! entry and why, exit 1, and the library as it was. The inputs are the
//! fuzz seeds that `fuzz/make_hostile_seeds.py` made, a few KB each.

use std::path::PathBuf;

use super::Library;

fn seed(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/seeds")
        .join(name)
}

/// `article.md` in a new folder `bai` of the library's folder, naming one
/// photo, the seed `photo` copied beside it as `file`.
fn article_with_photo(lib: &Library, photo: &str, file: &str, headline: &str) -> PathBuf {
    let dir = lib.dir.path().join("bai");
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(seed(photo), dir.join(file)).unwrap();
    let article = dir.join("article.md");
    std::fs::write(
        &article,
        format!(
            "---\nheadline: {headline}\nphotos:\n  - file: {file}\n    alt: Ảnh\n---\n\nThân bài.\n"
        ),
    )
    .unwrap();
    article
}

fn as_editor(lib: &Library) -> assert_cmd::Command {
    let mut cmd = lib.byline();
    cmd.args(["--as", "Thu Hà", "--role", "editor"]);
    cmd
}

#[test]
fn a_package_whose_article_is_larger_than_an_article_can_be_is_refused() {
    let lib = Library::with_samples();
    let package = seed("package/article-newlines.zip");
    let before = lib.snapshot();
    as_editor(&lib)
        .arg("import")
        .arg(&package)
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "{}: article.md: its zip header declares 4194401 bytes inflated; article.md may be at most 2097152 bytes (2 MiB)\n",
            package.display()
        ));
    assert_eq!(lib.snapshot(), before);
}

#[test]
fn a_decompression_bomb_photo_is_refused_in_an_article_and_in_a_package() {
    let lib = Library::new();
    lib.ok(&["list"]);
    let article = article_with_photo(&lib, "photo/bomb-30000.png", "bom.png", "Ảnh bom");
    let before = lib.snapshot();
    let why = "is 30000 × 30000 pixels (900.0 megapixels); photos may have at most 120 megapixels";
    as_editor(&lib)
        .arg("import")
        .arg(&article)
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "{}: front matter line 3: photos: bom.png: {why}\n",
            article.display()
        ));
    assert_eq!(lib.snapshot(), before);

    let package = seed("package/photo-bomb.zip");
    let out = as_editor(&lib)
        .arg("import")
        .arg(&package)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!(
            "{}: article.md: front matter line 4: photos: media/bom.png (path media/",
            package.display()
        )),
        "{stderr}"
    );
    assert!(stderr.ends_with(&format!("): {why}\n")), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(lib.snapshot(), before);
}

#[test]
fn a_photo_whose_iptc_repeats_the_photoshop_header_is_imported_without_it() {
    let lib = Library::new();
    let before = lib.json(&["list", "--json"]).as_array().unwrap().len();
    let article = article_with_photo(&lib, "photo/iptc-deep.png", "anh.png", "IPTC lồng sâu");
    // Once a stack overflow that aborted the command.
    let id = lib.ok(&["import", article.to_str().unwrap()]);
    let shown = lib.json(&["show", id.trim(), "--json"]);
    assert_eq!(shown["photos"].as_array().unwrap().len(), 1, "{shown}");
    assert_eq!(shown["photos"][0]["caption"], "", "{shown}");
    assert_eq!(
        lib.json(&["list", "--json"]).as_array().unwrap().len(),
        before + 1
    );
}
