//! Hostile input, as an attacker would send it (docs/SECURITY.md, "Hostile
//! input"): article files that try to reach other files on the machine,
//! to load a picture from another host, to expand into gigabytes, or to
//! write to the terminal of whoever lists them. Each is refused with one
//! line naming the file, the field and the reason, exit 1, and leaves the
//! library exactly as it was.

use std::path::{Path, PathBuf};

use super::{Library, samples};

/// A real photo, for files that would be taken if they could be reached.
fn photo() -> Vec<u8> {
    std::fs::read(samples().join("an-thinh/media/lop-huong-dan.jpg")).unwrap()
}

/// An article file in `dir/name` whose only photo is `photo_file`.
fn article_with_photo(dir: &Path, name: &str, photo_file: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(
        &path,
        format!("---\nheadline: Ảnh từ nơi khác\nphotos:\n  - file: {photo_file}\n    alt: Ảnh\n---\n\nThân bài.\n"),
    )
    .unwrap();
    path
}

/// Runs `byline import FILE` and returns its single line of stderr, after
/// checking it failed with exit 1 and changed nothing.
fn refused(lib: &Library, file: &Path) -> String {
    let before = lib.snapshot();
    let out = lib.byline().arg("import").arg(file).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{}: {stderr}", file.display());
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(out.stdout.is_empty());
    assert_eq!(lib.snapshot(), before, "the library changed");
    stderr
}

/// An article file can name only photos in its own folder or below it:
/// not an absolute path, not `..`, not a symbolic link that leads out, and
/// never a device or a pipe (`/dev/zero` never ends; a FIFO blocks).
#[test]
fn an_article_file_reads_no_photo_outside_its_folder() {
    let lib = Library::new();
    lib.ok(&["list"]);
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.jpg");
    std::fs::write(&secret, photo()).unwrap();
    let folder = lib.dir.path().join("bai");
    std::fs::create_dir_all(folder.join("media")).unwrap();
    std::os::unix::fs::symlink(&secret, folder.join("media/link.jpg")).unwrap();
    std::os::unix::fs::symlink(outside.path(), folder.join("media/out")).unwrap();
    let fifo = folder.join("fifo.jpg");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let relative = pathdiff(&secret, &folder);
    let outside_reason = "is outside the article's folder";
    for (photo_file, reason) in [
        (secret.display().to_string(), outside_reason),
        (relative.clone(), outside_reason),
        (format!("./media/../{relative}"), outside_reason),
        ("media/link.jpg".to_owned(), outside_reason),
        ("media/out/secret.jpg".to_owned(), outside_reason),
        ("/dev/zero".to_owned(), outside_reason),
        ("fifo.jpg".to_owned(), "is not a regular file"),
    ] {
        let file = article_with_photo(&folder, "bai.md", &photo_file);
        let line = refused(&lib, &file);
        assert!(
            line.starts_with(&format!(
                "{}: front matter line 3: photos: {}: ",
                file.display(),
                photo_file.trim_start_matches("./")
            )) && line.contains(reason),
            "{photo_file}: {line}"
        );
    }
    // A photo in the folder, reached through a link that stays inside, is fine.
    std::fs::copy(&secret, folder.join("media/that.jpg")).unwrap();
    std::os::unix::fs::symlink("that.jpg", folder.join("media/this.jpg")).unwrap();
    let file = article_with_photo(&folder, "bai.md", "media/this.jpg");
    lib.ok(&["import", file.to_str().unwrap()]);
}

/// `../../…` from `from` to `to`.
fn pathdiff(to: &Path, from: &Path) -> String {
    let depth = from.components().count() - 1;
    format!(
        "{}{}",
        "../".repeat(depth),
        to.strip_prefix("/").unwrap().display()
    )
}

/// A device or a pipe named as the article file itself is not read either.
#[test]
fn an_article_file_is_a_regular_file_of_bounded_size() {
    let lib = Library::new();
    lib.ok(&["list"]);
    let line = refused(&lib, Path::new("/dev/zero"));
    assert_eq!(
        line,
        "/dev/zero: not a regular file (a device or a pipe), so it was not read\n"
    );
    let big = lib.dir.path().join("big.md");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(3 * 1024 * 1024).unwrap();
    let line = refused(&lib, &big);
    assert!(
        line.ends_with("3145728 bytes; an article file may be at most 2097152 bytes\n"),
        "{line}"
    );
}

/// One string, anchored once and aliased 20,000 times in `keywords`, stands
/// for 0.8 GB of text in a 140 KB file. Refused before it is built.
#[test]
fn yaml_aliases_cannot_multiply_the_front_matter() {
    let lib = Library::new();
    lib.ok(&["list"]);
    let file = lib.file("bom.md", &alias_bomb(40_000, 20_000));
    let line = refused(&lib, &file);
    assert!(
        line.starts_with(&format!("{}: front matter line ", file.display()))
            && line.contains(
                "repeats its text through YAML aliases (*name) to more than 2 times its size"
            ),
        "{line}"
    );
    // A small alias that repeats little is still YAML an article may use.
    let file = lib.file(
        "nho.md",
        "---\nheadline: &h Bão số 3\nkeywords: [*h, mưa lũ]\n---\n\nThân bài.\n",
    );
    lib.ok(&["import", file.to_str().unwrap()]);
}

/// An article file whose one `keywords` string of `len` bytes is aliased
/// `times` times.
pub fn alias_bomb(len: usize, times: usize) -> String {
    let mut text = format!(
        "---\nheadline: Bom\nsapo: &s {}\nkeywords:\n",
        "a".repeat(len)
    );
    for _ in 0..times {
        text.push_str("  - *s\n");
    }
    text.push_str("---\n\nThân bài.\n");
    text
}

/// A headline written with YAML escapes can hold ESC: listed raw, it would
/// set the terminal's title and clear its screen. No one-line field keeps a
/// control character, however it came in (an article file, the command
/// line); a body that holds one is shown escaped wherever it is printed.
#[test]
fn text_from_an_article_cannot_drive_the_terminal() {
    let lib = Library::new();
    lib.ok(&["list"]);
    let file = lib.file(
        "esc.md",
        "---\nheadline: \"Tin \\e]0;pwned\\a\\e[2J mới\"\nkeywords: [\"bão\\x9b\\x00\"]\n---\n\nThân bài.\n",
    );
    let id = lib.ok(&["import", file.to_str().unwrap()]);
    let id = id.split_whitespace().next().unwrap().to_owned();
    lib.ok(&["new", "--headline", "Tin \u{1b}[2J gõ tay\u{7}"]);
    let list = lib.ok(&["list"]);
    assert!(list.contains("Tin ]0;pwned[2J mới"), "{list}");
    assert!(list.contains("Tin [2J gõ tay"), "{list}");
    assert!(
        !list.chars().any(|c| c.is_control() && c != '\n'),
        "{list:?}"
    );
    let shown = lib.json(&["show", &id, "--json"]);
    assert_eq!(shown["headline"], "Tin ]0;pwned[2J mới");
    assert_eq!(shown["keywords"][0], "bão");

    let file = lib.file(
        "body.md",
        "---\nheadline: Thân bài lạ\n---\n\nĐoạn \u{1b}]0;pwned\u{7} có mã điều khiển.\n",
    );
    lib.ok(&["import", file.to_str().unwrap()]);
    let found = lib.ok(&["search", "điều khiển"]);
    assert!(
        found.contains(r"\u{1b}") && found.contains(r"\u{7}"),
        "{found}"
    );
    assert!(!found.contains('\u{1b}'), "{found}");
}

/// A picture on another host is never an `<img>` in an exported page,
/// however its address is spelt.
#[test]
fn an_exported_page_loads_no_picture_from_another_host() {
    let lib = Library::new();
    lib.ok(&["list"]);
    let spellings = [
        r"/\\evil.example/p.png",
        r"\\\\evil.example/p.png",
        "< //evil.example/p.png>",
        "http:evil.example/p.png",
        "HTTPS://evil.example/p.png",
    ];
    let body: String = spellings
        .iter()
        .map(|s| format!("![Ảnh ngoài]({s})\n\n"))
        .collect();
    let file = lib.file(
        "web.md",
        &format!("---\nheadline: Ảnh trên mạng\n---\n\n{body}"),
    );
    let id = lib.ok(&["import", file.to_str().unwrap()]);
    let out = lib.dir.path().join("out");
    lib.ok(&[
        "export",
        id.split_whitespace().next().unwrap(),
        "--format",
        "html",
        "--out",
        out.to_str().unwrap(),
    ]);
    let page = std::fs::read_to_string(walk_html(&out)).unwrap();
    assert!(!page.contains("<img"), "{page}");
    assert_eq!(
        page.matches(">Ảnh ngoài</a>").count(),
        spellings.len(),
        "{page}"
    );
}

fn walk_html(dir: &Path) -> PathBuf {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            return walk_html(&path);
        }
        if path.extension().is_some_and(|e| e == "html") {
            return path;
        }
    }
    panic!("no page under {}", dir.display())
}
