//! Packages: hostile packages refused, round trips, the hand-off.
//!
//! Every package here is built by hand with `zip::ZipWriter`, so a test can
//! make exactly the package it needs, including the ones Byline never writes:
//! hostile names, symbolic links, lying headers, wrong manifests.

use std::io::{Cursor, Read, Seek, SeekFrom, Write};

use byline_core::{
    CoreError, Saved,
    export::article_file,
    import::{
        front_matter, import_paths,
        package::{self as reader, Limits, PackageContents},
    },
    package::{self, HandoffLog, Manifest, ManifestFile},
};
use sha2::{Digest, Sha256};
use zip::{ZipWriter, write::SimpleFileOptions};

use crate::{empty_library, snapshot_files, zero_png};

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples");

/// The sample article's two photos, as (name the body uses, bytes).
fn sample_photos() -> Vec<(&'static str, Vec<u8>)> {
    ["hoi-nghi-an-thinh.jpg", "lop-huong-dan.jpg"]
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(format!("{SAMPLES}/an-thinh/media/{name}")).unwrap();
            (name, bytes)
        })
        .collect()
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where a package keeps a JPEG: `media/<sha256>.jpg`.
fn media_name(bytes: &[u8]) -> String {
    format!("media/{}.jpg", sha256_hex(bytes))
}

/// The sample article as a package writes it: each photo entry keeps its
/// `file` and gains the `path` of its file in the package.
fn package_article() -> String {
    let mut text = std::fs::read_to_string(format!("{SAMPLES}/an-thinh/article.md")).unwrap();
    for (name, bytes) in sample_photos() {
        let line = format!("  - file: media/{name}\n");
        assert!(text.contains(&line), "the sample lists {name}");
        text = text.replace(&line, &format!("{line}    path: {}\n", media_name(&bytes)));
    }
    text
}

fn handoff_json() -> Vec<u8> {
    r#"{
  "comments": [{
    "id": "c1", "at": "2023-03-14T02:30:00Z", "actor": "Thu Hà", "role": "editor",
    "body": "Kiểm tra số liệu.", "target": "body",
    "anchor": {"quote": "18%", "prefix": "", "suffix": "", "start": 0},
    "resolved_at": null, "resolved_by": null
  }],
  "transitions": [],
  "revisions": [{"id": "r1", "number": 1, "at": "2023-03-14T02:00:00Z",
                 "actor": "Minh Anh", "role": "reporter", "reason": "import"}]
}"#
    .as_bytes()
    .to_vec()
}

/// Something a test writes into the zip itself.
type ZipHook = Box<dyn Fn(&mut ZipWriter<Cursor<Vec<u8>>>)>;

/// A package being built. `files` are written after manifest.json;
/// `manifest` starts out listing each of them with its true size and
/// SHA-256, and a test may change either afterwards (alter a file after
/// hashing, drop a listing, change the version…). `raw` entries are written
/// too but never listed, under any name a test chooses.
struct Package {
    files: Vec<(String, Vec<u8>)>,
    manifest: serde_json::Value,
    raw: Vec<(String, Vec<u8>)>,
    /// Written before the files, e.g. a symbolic link or a folder entry.
    extra: Option<ZipHook>,
}

impl Package {
    fn new(files: Vec<(String, Vec<u8>)>) -> Self {
        let mut listed: Vec<ManifestFile> = files
            .iter()
            .map(|(path, bytes)| ManifestFile {
                path: path.clone(),
                size: bytes.len() as u64,
                sha256: sha256_hex(bytes),
            })
            .collect();
        listed.sort_by(|a, b| a.path.cmp(&b.path));
        let manifest = Manifest {
            format: package::FORMAT.to_owned(),
            format_version: package::FORMAT_VERSION,
            app_version: "0.0.0-test".to_owned(),
            article_id: "0193a5e2-7c41-7b1e-9a0f-3c5d2e8b1a47".to_owned(),
            revision: "r1".to_owned(),
            base_revision: None,
            files: listed,
        };
        Package {
            files,
            manifest: serde_json::to_value(manifest).unwrap(),
            raw: Vec::new(),
            extra: None,
        }
    }

    /// A hand-off package of the sample article: everything a package holds.
    fn valid() -> Self {
        let mut files = vec![
            (
                package::ARTICLE_MD.to_owned(),
                package_article().into_bytes(),
            ),
            (
                package::NINJS_JSON.to_owned(),
                r#"{"uri": "urn:byline:test", "headlines": [{"value": "Xã An Thịnh"}]}"#
                    .as_bytes()
                    .to_vec(),
            ),
            (
                package::INDEX_HTML.to_owned(),
                b"<!DOCTYPE html>\n<p>Xa An Thinh</p>\n".to_vec(),
            ),
            (package::COMMENTS_JSON.to_owned(), handoff_json()),
        ];
        for (_, bytes) in sample_photos() {
            files.push((media_name(&bytes), bytes));
        }
        Package::new(files)
    }

    fn file_mut(&mut self, path: &str) -> &mut Vec<u8> {
        &mut self
            .files
            .iter_mut()
            .find(|(p, _)| p == path)
            .unwrap_or_else(|| panic!("no {path} in the package"))
            .1
    }

    fn set_manifest(&mut self, key: &str, value: serde_json::Value) {
        self.manifest[key] = value;
    }

    fn zip(&self) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default();
        zip.start_file(package::MANIFEST, options).unwrap();
        zip.write_all(&serde_json::to_vec_pretty(&self.manifest).unwrap())
            .unwrap();
        if let Some(extra) = &self.extra {
            extra(&mut zip);
        }
        for (name, bytes) in self.files.iter().chain(&self.raw) {
            zip.start_file(name.as_str(), options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }
}

fn read(bytes: &[u8]) -> byline_core::Result<PackageContents<Cursor<&[u8]>>> {
    reader::read_bytes("pkg.zip", bytes)
}

/// Asserts that reading `bytes` is refused with a `Package` error naming the
/// package, `entry`, and a message containing `reason`; returns the message.
fn assert_refused(bytes: &[u8], entry: Option<&str>, reason: &str) -> String {
    let err = read(bytes).expect_err("the package should be refused");
    let shown = err.to_string();
    match &err {
        CoreError::Package {
            file,
            entry: e,
            message,
        } => {
            assert_eq!(file, "pkg.zip", "{shown}");
            assert_eq!(e.as_deref(), entry, "{shown}");
            let words = byline_core::messages::render(message, byline_core::messages::Lang::En);
            assert!(words.contains(reason), "{shown}");
        }
        other => panic!("not a package error: {other:?}"),
    }
    let prefix = match entry {
        Some(entry) => format!("pkg.zip: {entry}: "),
        None => "pkg.zip: ".to_owned(),
    };
    assert!(shown.starts_with(&prefix), "{shown}");
    shown
}

/// A valid package with one more entry, unlisted, under a hostile name: the
/// name check must refuse it (not the listing check, which would say "not
/// listed").
fn assert_name_refused(name: &str, shown_as: &str, reason: &str) {
    let mut p = Package::valid();
    p.raw.push((name.to_owned(), b"x".to_vec()));
    assert_refused(&p.zip(), Some(shown_as), reason);
}

/// Every header of entry `name`, central directory and local, as
/// (offset of the header, offset of its name). Signatures found inside
/// compressed data are skipped by checking the name that follows.
fn headers(zip: &[u8], name: &str) -> Vec<(usize, bool)> {
    let mut found = Vec::new();
    for i in 0..zip.len().saturating_sub(46) {
        let (central, name_len_at, name_at) = match &zip[i..i + 4] {
            b"PK\x01\x02" => (true, 28, 46),
            b"PK\x03\x04" => (false, 26, 30),
            _ => continue,
        };
        let len = u16::from_le_bytes([zip[i + name_len_at], zip[i + name_len_at + 1]]) as usize;
        if zip.get(i + name_at..i + name_at + len) == Some(name.as_bytes()) {
            found.push((i, central));
        }
    }
    found
}

/// Renames an entry in place (same length), in its local and central
/// headers: how a test makes names the zip writer would not.
fn rename_entry(zip: &mut [u8], from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let found = headers(zip, from);
    assert_eq!(
        found.len(),
        2,
        "one local and one central header for {from}"
    );
    for (at, central) in found {
        let name_at = at + if central { 46 } else { 30 };
        zip[name_at..name_at + to.len()].copy_from_slice(to.as_bytes());
    }
}

/// Makes the headers of entry `name` lie about its inflated size.
fn set_declared_size(zip: &mut [u8], name: &str, size: u32) {
    let found = headers(zip, name);
    assert_eq!(
        found.len(),
        2,
        "one local and one central header for {name}"
    );
    for (at, central) in found {
        let size_at = at + if central { 24 } else { 22 };
        zip[size_at..size_at + 4].copy_from_slice(&size.to_le_bytes());
    }
}

/// A reader that counts the bytes taken from it: how much of a package was
/// actually read.
struct Counting {
    inner: Cursor<Vec<u8>>,
    read: std::rc::Rc<std::cell::Cell<u64>>,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

impl Seek for Counting {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(pos)
    }
}

/// The refusal of `zip` read with `limits`, after asserting that less than
/// a quarter of the zip was read to reach it (the directory at the end, not
/// the data a bomb inflates from).
fn refused_reading_little(zip: &[u8], limits: Limits) -> CoreError {
    let read = std::rc::Rc::new(std::cell::Cell::new(0));
    let counting = Counting {
        inner: Cursor::new(zip.to_vec()),
        read: read.clone(),
    };
    let err = reader::read_with_limits("pkg.zip", counting, limits).unwrap_err();
    assert!(
        read.get() < zip.len() as u64 / 4,
        "read {} of {}",
        read.get(),
        zip.len()
    );
    err
}

/// A package whose one photo is `bomb_size` bytes of zeros: a few KB of zip.
fn bomb(bomb_size: usize) -> (Vec<u8>, String) {
    let name = format!("media/{}.jpg", "0".repeat(64));
    let mut p = Package::valid();
    p.files.retain(|(path, _)| !path.starts_with("media/"));
    // Listed with its true size and hash, so only the limit can refuse it.
    let zeros = vec![0u8; bomb_size];
    p.files.push((name.clone(), zeros));
    let p = Package::new(p.files);
    (p.zip(), name)
}

// ---------------------------------------------------------------------------
// The valid package.

#[test]
fn a_valid_package_is_read_with_everything_checked() {
    let p = Package::valid();
    let zip = p.zip();
    let mut contents = read(&zip).unwrap();
    assert_eq!(contents.source, "pkg.zip");
    assert_eq!(
        contents.manifest,
        serde_json::from_value::<Manifest>(p.manifest.clone()).unwrap()
    );
    assert_eq!(
        contents.article.incoming.draft.headline,
        "Xã An Thịnh ra mắt mô hình “Dân vận khéo” trong chuyển đổi số"
    );
    // The photos keep the names the body uses and point at the media files.
    let photos: Vec<(&str, Option<&str>)> = contents
        .article
        .photos
        .iter()
        .map(|r| (r.file.as_str(), r.path.as_deref()))
        .collect();
    let samples = sample_photos();
    let paths: Vec<String> = samples.iter().map(|(_, b)| media_name(b)).collect();
    assert_eq!(
        photos,
        vec![
            ("media/hoi-nghi-an-thinh.jpg", Some(paths[0].as_str())),
            ("media/lop-huong-dan.jpg", Some(paths[1].as_str())),
        ]
    );
    // Exactly the media files, byte for byte.
    let mut expected: Vec<(String, Vec<u8>)> = samples
        .into_iter()
        .map(|(_, bytes)| (media_name(&bytes), bytes))
        .collect();
    expected.sort();
    let paths: Vec<String> = contents.media.keys().cloned().collect();
    let media: Vec<(String, Vec<u8>)> = paths
        .into_iter()
        .map(|path| {
            let bytes = contents.media_bytes(&path).unwrap();
            (path, bytes)
        })
        .collect();
    assert_eq!(media, expected);
    for (path, bytes) in &expected {
        assert_eq!(contents.media[path].size, bytes.len() as u64);
        assert_eq!(contents.media[path].sha256, sha256_hex(bytes));
    }
    let handoff: HandoffLog = serde_json::from_slice(&handoff_json()).unwrap();
    assert_eq!(contents.handoff, Some(handoff));
}

#[test]
fn a_package_without_comments_has_no_handoff_and_folder_entries_are_ignored() {
    let mut p = Package::valid();
    p.files.retain(|(path, _)| path != package::COMMENTS_JSON);
    let mut p = Package::new(p.files);
    // `zip -r` adds an entry for each folder: media/ is tolerated.
    p.extra = Some(Box::new(|zip| {
        zip.add_directory("media/", SimpleFileOptions::default())
            .unwrap();
    }));
    let zip = p.zip();
    let contents = read(&zip).unwrap();
    assert_eq!(contents.handoff, None);
    assert_eq!(contents.media.len(), 2);
}

#[test]
fn read_takes_a_file_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bai-viet.zip");
    std::fs::write(&path, Package::valid().zip()).unwrap();
    let contents = reader::read(&path).unwrap();
    assert_eq!(contents.source, path.display().to_string());
    // A refusal names the file as given.
    std::fs::write(&path, b"not a zip").unwrap();
    let err = reader::read(&path).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("{}: not a readable zip file", path.display())),
        "{err}"
    );
}

// ---------------------------------------------------------------------------
// Not a package.

#[test]
fn not_a_zip_is_refused() {
    assert_refused(b"PK but not really a zip", None, "not a readable zip file");
    // A real package cut short loses its central directory.
    let zip = Package::valid().zip();
    assert_refused(&zip[..zip.len() / 2], None, "not a readable zip file");
}

#[test]
fn a_missing_manifest_is_refused() {
    let p = Package::valid();
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in &p.files {
        zip.start_file(name.as_str(), SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert_refused(&bytes, None, "no manifest.json: not a Byline package");
}

#[test]
fn a_malformed_manifest_is_refused_with_line_and_column() {
    let p = Package::valid();
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file(package::MANIFEST, SimpleFileOptions::default())
        .unwrap();
    w.write_all(b"{\n  \"format\": \"byline-package\",\n  oops\n}")
        .unwrap();
    for (name, bytes) in &p.files {
        w.start_file(name.as_str(), SimpleFileOptions::default())
            .unwrap();
        w.write_all(bytes).unwrap();
    }
    let zip = w.finish().unwrap().into_inner();
    let message = assert_refused(&zip, Some("manifest.json"), "not valid JSON");
    assert!(message.contains("line 3 column 3"), "{message}");

    // Valid JSON, but a field the format does not have (deny_unknown_fields).
    let mut p = Package::valid();
    p.set_manifest("signed_by", "someone".into());
    assert_refused(
        &p.zip(),
        Some("manifest.json"),
        "not a valid manifest: unknown field `signed_by`",
    );

    // Another format altogether.
    let mut p = Package::valid();
    p.set_manifest("format", "epub".into());
    assert_refused(
        &p.zip(),
        Some("manifest.json"),
        "not a Byline package (format 'epub', not 'byline-package')",
    );
}

#[test]
fn a_newer_format_version_is_refused_as_newer() {
    let mut p = Package::valid();
    p.set_manifest("format_version", 2.into());
    // A newer manifest may have fields this version does not know: it is
    // still named as newer, not as malformed.
    p.set_manifest("signature", "abc".into());
    let message = assert_refused(
        &p.zip(),
        Some("manifest.json"),
        "made by a newer Byline (format version 2); this Byline reads version 1",
    );
    assert!(!message.contains("unknown field"), "{message}");

    let mut p = Package::valid();
    p.set_manifest("format_version", 0.into());
    assert_refused(
        &p.zip(),
        Some("manifest.json"),
        "format_version 0 is not a format version; this Byline reads version 1",
    );
}

// ---------------------------------------------------------------------------
// Names that point outside the package, and entries that are not files.

#[test]
fn zip_slip_names_are_refused() {
    assert_name_refused("../evil.txt", "../evil.txt", "a '..' in the name");
    assert_name_refused("media/../../x", "media/../../x", "a '..' in the name");
}

#[test]
fn absolute_paths_are_refused() {
    assert_name_refused("/etc/cron.d/evil", "/etc/cron.d/evil", "an absolute path");
}

#[test]
fn drive_letters_are_refused() {
    assert_name_refused(
        "C:/Windows/evil.dll",
        "C:/Windows/evil.dll",
        "a drive letter",
    );
    assert_name_refused("c:evil.txt", "c:evil.txt", "a drive letter");
}

#[test]
fn backslash_tricks_are_refused() {
    assert_name_refused("a\\..\\..\\evil.txt", "a\\..\\..\\evil.txt", "a backslash");
    assert_name_refused("..\\evil.txt", "..\\evil.txt", "a backslash");
}

#[test]
fn nul_and_empty_components_are_refused() {
    // The message shows a NUL escaped, so a name cannot hide its end.
    assert_name_refused(
        "article.md\0.txt",
        "article.md\\u{0}.txt",
        "a NUL character",
    );
    assert_name_refused("./article.md", "./article.md", "a '.' folder");
    assert_name_refused("media//x.jpg", "media//x.jpg", "an empty folder name");
}

#[test]
fn symlink_entries_are_refused() {
    let mut p = Package::valid();
    p.extra = Some(Box::new(|zip| {
        zip.add_symlink(
            "media/link.jpg",
            "/etc/passwd",
            SimpleFileOptions::default(),
        )
        .unwrap();
    }));
    assert_refused(&p.zip(), Some("media/link.jpg"), "a symbolic link");
}

#[test]
fn folders_other_than_media_and_files_outside_the_format_are_refused() {
    let mut p = Package::valid();
    p.extra = Some(Box::new(|zip| {
        zip.add_directory("scripts/", SimpleFileOptions::default())
            .unwrap();
    }));
    assert_refused(&p.zip(), Some("scripts/"), "not part of a Byline package");

    // Listed with a correct size and hash, still not part of the format.
    let mut p = Package::valid();
    p.files
        .push(("autorun.sh".to_owned(), b"rm -rf ~".to_vec()));
    let p = Package::new(p.files);
    assert_refused(&p.zip(), Some("autorun.sh"), "not part of a Byline package");
}

#[test]
fn duplicate_names_are_refused() {
    // Exactly the same name twice: the zip writer will not, so a second
    // entry is renamed in place. The zip crate keeps one of the two, so the
    // message cannot say which; it says why.
    let mut p = Package::valid();
    p.raw.push(("media/dup-b.jpg".to_owned(), b"x".to_vec()));
    p.raw.push(("media/dup-a.jpg".to_owned(), b"y".to_vec()));
    let mut zip = p.zip();
    rename_entry(&mut zip, "media/dup-b.jpg", "media/dup-a.jpg");
    assert_refused(&zip, None, "two entries have the same name");

    // Names one file system would take for one file: case…
    let mut p = Package::valid();
    p.raw
        .push(("Article.md".to_owned(), b"---\nheadline: B\n---\n".to_vec()));
    assert_refused(
        &p.zip(),
        Some("Article.md"),
        "the same name as 'article.md' once case and Unicode form are ignored",
    );
    // …and Unicode form (hòa precomposed, then decomposed).
    let mut p = Package::valid();
    p.raw.push(("media/hòa.jpg".to_owned(), b"x".to_vec()));
    p.raw
        .push(("media/ho\u{300}a.jpg".to_owned(), b"y".to_vec()));
    assert_refused(
        &p.zip(),
        Some("media/ho\u{300}a.jpg"),
        "the same name as 'media/hòa.jpg'",
    );
}

#[test]
fn too_many_entries_are_refused_before_anything_is_inflated() {
    let mut p = Package::valid();
    let have = p.files.len() + 1; // and manifest.json
    for i in 0..=package::MAX_ENTRIES - have {
        p.raw.push((format!("media/{i}.jpg"), Vec::new()));
    }
    let zip = p.zip();
    assert_refused(
        &zip,
        None,
        &format!(
            "{} entries; a package has at most {}",
            package::MAX_ENTRIES + 1,
            package::MAX_ENTRIES
        ),
    );

    // The limit is exact: a valid package with as many entries as allowed
    // passes, one fewer allowed refuses it.
    let valid = Package::valid().zip();
    let at = |max_entries| {
        reader::read_with_limits(
            "pkg.zip",
            Cursor::new(valid.clone()),
            Limits {
                max_entries,
                ..Limits::default()
            },
        )
    };
    assert!(at(have).is_ok());
    let err = at(have - 1).unwrap_err();
    assert!(err.to_string().contains("a package has at most"), "{err}");
}

// ---------------------------------------------------------------------------
// Zip bombs.

#[test]
fn a_zip_bomb_is_refused_from_its_declared_sizes() {
    // 64 MiB of zeros deflates to about 64 KB; the test limit is 1 MiB.
    let (zip, name) = bomb(64 << 20);
    assert!(zip.len() < 200_000, "{} bytes", zip.len());
    let limits = Limits {
        max_uncompressed: 1 << 20,
        ..Limits::default()
    };
    // Only the directory at the end is read: none of the bomb's data.
    let err = refused_reading_little(&zip, limits);
    assert_eq!(
        err.to_string(),
        format!(
            "pkg.zip: {name}: the entries declare more than the 1048576 bytes a package may inflate to"
        )
    );
}

#[test]
fn a_zip_bomb_whose_headers_lie_is_stopped_while_inflating() {
    let (mut zip, name) = bomb(64 << 20);
    // Its headers now claim 1,000 bytes: the declared sizes pass the limit.
    set_declared_size(&mut zip, &name, 1_000);
    let limits = Limits {
        max_uncompressed: 1 << 20,
        ..Limits::default()
    };
    // Inflating all 64 MiB would have read all ~64 KB of compressed data;
    // being stopped within the limit reads a small part of it.
    let message = refused_reading_little(&zip, limits).to_string();
    assert!(
        message.starts_with(&format!("pkg.zip: {name}: inflates ")),
        "{message}"
    );
    assert!(
        message.contains("refused without inflating the rest"),
        "{message}"
    );

    // With the real limit the same bomb is refused too (its header lies
    // about its size, whatever the limit).
    let err = read_error(&zip);
    assert!(err.contains(&format!("{name}: inflates ")), "{err}");
}

fn read_error(bytes: &[u8]) -> String {
    read(bytes).unwrap_err().to_string()
}

// ---------------------------------------------------------------------------
// The manifest against the files.

#[test]
fn a_checksum_mismatch_is_refused() {
    let mut p = Package::valid();
    let name = media_name(&sample_photos()[0].1);
    // Same size, one byte changed after the manifest was made.
    let bytes = p.file_mut(&name);
    let last = bytes.len() - 3;
    bytes[last] ^= 0xff;
    assert_refused(&p.zip(), Some(&name), "SHA-256 does not match the manifest");
}

#[test]
fn a_size_mismatch_is_refused() {
    let mut p = Package::valid();
    p.file_mut(package::INDEX_HTML)
        .extend_from_slice(b"<script>");
    let listed = "<!DOCTYPE html>\n<p>Xa An Thinh</p>\n".len();
    assert_refused(
        &p.zip(),
        Some("index.html"),
        &format!("size {} does not match the manifest ({listed})", listed + 8),
    );
}

#[test]
fn a_missing_listed_file_is_refused() {
    let mut p = Package::valid();
    p.files.retain(|(path, _)| path != package::INDEX_HTML);
    assert_refused(
        &p.zip(),
        Some("index.html"),
        "listed in manifest.json but not in the package",
    );
}

#[test]
fn an_extra_unlisted_file_is_refused() {
    let mut p = Package::valid();
    p.raw.push(("media/extra.jpg".to_owned(), b"x".to_vec()));
    assert_refused(
        &p.zip(),
        Some("media/extra.jpg"),
        "not listed in manifest.json",
    );
}

#[test]
fn manifest_paths_obey_the_name_rules_and_required_files_are_there() {
    let mut p = Package::valid();
    p.manifest["files"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"path": "../evil.txt", "size": 1, "sha256": "0".repeat(64)}));
    assert_refused(
        &p.zip(),
        Some("manifest.json"),
        "lists '../evil.txt': a '..' in the name",
    );

    let mut p = Package::valid();
    p.files.retain(|(path, _)| path != package::NINJS_JSON);
    let p = Package::new(p.files);
    assert_refused(
        &p.zip(),
        Some("article.ninjs.json"),
        "missing; every package has one",
    );
}

// ---------------------------------------------------------------------------
// The files inside.

#[test]
fn malformed_front_matter_names_article_md_and_the_line() {
    let mut p = Package::valid();
    let text = package_article().replacen("byline:", "bylin:", 1);
    *p.file_mut(package::ARTICLE_MD) = text.into_bytes();
    let p = Package::new(p.files);
    let message = read_error(&p.zip());
    assert_eq!(
        message,
        "pkg.zip: article.md: front matter line 4: unknown key 'bylin'"
    );
}

#[test]
fn article_md_must_be_utf8_and_its_photos_in_the_package() {
    let mut p = Package::valid();
    p.file_mut(package::ARTICLE_MD)
        .extend_from_slice(b"\xff\xfe");
    let p = Package::new(p.files);
    assert_refused(&p.zip(), Some("article.md"), "not UTF-8 text");

    // A photo whose path is not among the media files (here: outside them).
    let mut p = Package::valid();
    let photo = media_name(&sample_photos()[0].1);
    let text = package_article().replace(&format!("path: {photo}"), "path: ../../etc/passwd");
    *p.file_mut(package::ARTICLE_MD) = text.into_bytes();
    let p = Package::new(p.files);
    assert_refused(
        &p.zip(),
        Some("article.md"),
        "front matter line 12: photos: media/hoi-nghi-an-thinh.jpg (path ../../etc/passwd): not among the package's media files",
    );

    // A body image that is not listed and not in the package.
    let mut p = Package::valid();
    let mut text = package_article();
    text.push_str("\n![Ảnh khác](media/khac.jpg)\n");
    *p.file_mut(package::ARTICLE_MD) = text.into_bytes();
    let p = Package::new(p.files);
    assert_refused(
        &p.zip(),
        Some("article.md"),
        "body image media/khac.jpg: not among the package's media files",
    );
}

#[test]
fn malformed_ninjs_is_refused_with_line_and_column() {
    let mut p = Package::valid();
    *p.file_mut(package::NINJS_JSON) = b"{\"uri\": \"urn:x\",\n \"headlines\": [}".to_vec();
    let p = Package::new(p.files);
    let message = assert_refused(&p.zip(), Some("article.ninjs.json"), "not valid JSON");
    assert!(message.contains("line 2 column"), "{message}");
}

#[test]
fn malformed_comments_json_is_refused_with_line_and_column() {
    let mut p = Package::valid();
    *p.file_mut(package::COMMENTS_JSON) =
        b"{\"comments\": [],\n \"transitions\": [],\n \"revisions\": [], \"likes\": 3}".to_vec();
    let p = Package::new(p.files);
    let message = assert_refused(
        &p.zip(),
        Some("comments.json"),
        "not a valid hand-off log: unknown field `likes`",
    );
    assert!(message.contains("line 3 column"), "{message}");

    let mut p = Package::valid();
    *p.file_mut(package::COMMENTS_JSON) = b"[1, 2".to_vec();
    let p = Package::new(p.files);
    assert_refused(&p.zip(), Some("comments.json"), "not a valid hand-off log");
}

// ---------------------------------------------------------------------------
// The `path` key of a photo entry, and the article file a package holds.

#[test]
fn a_photo_is_read_from_its_path_when_given() {
    let (_dir, _path, store) = empty_library();
    let folder = tempfile::tempdir().unwrap();
    let (_, bytes) = sample_photos().remove(1);
    // The file is only at `path`; `file` names nothing on disk.
    std::fs::create_dir(folder.path().join("kho")).unwrap();
    std::fs::write(folder.path().join("kho/anh-1.jpg"), &bytes).unwrap();
    let article = folder.path().join("bai.md");
    std::fs::write(
        &article,
        "---\nheadline: Lớp kỹ năng số\nphotos:\n  - file: media/lop.jpg\n    path: kho/anh-1.jpg\n    caption: Lớp học\n---\n\n![Lớp](media/lop.jpg)\n",
    )
    .unwrap();
    let imported = import_paths(&store, std::slice::from_ref(&article), None).unwrap();
    let saved = store.article(&imported[0].id.to_string()).unwrap();
    assert_eq!(saved.photos.len(), 1, "the body image is the listed photo");
    assert_eq!(saved.photos[0].file, "media/lop.jpg");
    assert_eq!(saved.photos[0].sha256, sha256_hex(&bytes));
    assert_eq!(saved.photos[0].caption, "Lớp học");

    // A missing file at `path` names the entry as written, path included.
    std::fs::remove_file(folder.path().join("kho/anh-1.jpg")).unwrap();
    let err = import_paths(&store, std::slice::from_ref(&article), None).unwrap_err();
    assert!(
        err.to_string().starts_with(&format!(
            "{}: front matter line 3: photos: media/lop.jpg (path kho/anh-1.jpg): ",
            article.display()
        )),
        "{err}"
    );
}

#[test]
fn unknown_photo_keys_are_still_errors() {
    let err = front_matter::parse(
        "a.md",
        "---\nheadline: A\nphotos:\n  - file: a.jpg\n    paht: b.jpg\n---\n",
    )
    .unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with("a.md: front matter line 5:"),
        "{message}"
    );
    assert!(message.contains("unknown field `paht`"), "{message}");
    // The list of keys the message offers has `path` in it.
    assert!(message.contains("`path`"), "{message}");
    // `path` is a key of a photo entry, not of the article.
    let err = front_matter::parse("a.md", "---\nheadline: A\npath: b.jpg\n---\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "a.md: front matter line 3: unknown key 'path'"
    );
}

#[test]
fn the_article_file_with_media_reimports_to_the_same_article() {
    let (_dir, _path, store) = empty_library();
    let imported = import_paths(
        &store,
        &[format!("{SAMPLES}/an-thinh/article.md").into()],
        None,
    )
    .unwrap();
    let article = store.article(&imported[0].id.to_string()).unwrap();
    assert_eq!(article.photos.len(), 2);

    let text = article_file::to_markdown_with_media(&article);
    // Every photo says where its file is in a package…
    for p in &article.photos {
        assert!(
            text.contains(&format!(
                "- file: {}\n  path: {}\n",
                p.file,
                package::media_path(p)
            )),
            "{text}"
        );
    }
    // …a slug nobody chose is left out, to keep following the headline in
    // the library that imports it…
    assert!(!article.slug_manual);
    assert!(!text.contains("\nslug:"), "{text}");
    // …and otherwise the text is exactly `to_markdown`'s.
    let without_paths: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("path: media/"))
        .map(|l| format!("{l}\n"))
        .collect();
    let shown: String = article_file::to_markdown(&article)
        .lines()
        .filter(|l| !l.starts_with("slug: "))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(without_paths, shown);

    // Laid out as a package lays it out (photos only at media/<sha>.jpg),
    // it imports into another library as the same article.
    let folder = tempfile::tempdir().unwrap();
    std::fs::create_dir(folder.path().join("media")).unwrap();
    for (_, bytes) in sample_photos() {
        std::fs::write(folder.path().join(media_name(&bytes)), bytes).unwrap();
    }
    std::fs::write(folder.path().join("article.md"), &text).unwrap();
    let (_dir2, _path2, other) = empty_library();
    let again = import_paths(&other, &[folder.path().join("article.md")], None).unwrap();
    assert_eq!(again[0].id, article.id);
    assert_eq!(again[0].saved, Saved::Created);
    let back = other.article(&article.id.to_string()).unwrap();
    assert_eq!(back.to_draft(), article.to_draft());
    assert_eq!(back.photos, article.photos);
    assert_eq!(back.status, article.status);
}

// ---------------------------------------------------------------------------
// Each file held to what its kind can be.

/// `zip` imported from a file `bom.zip` into a library that holds the
/// samples, refused: its one line, with the file named `bom.zip`, once the
/// library is shown to be as it was.
fn import_refused(zip: &[u8]) -> String {
    let (_dir, library, store) = crate::library_with_samples();
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("bom.zip");
    std::fs::write(&file, zip).unwrap();
    let before = (snapshot_files(&library), store.list_articles().unwrap());
    let actor =
        byline_core::workflow::Actor::new("Thu Hà", byline_core::workflow::Role::Editor).unwrap();
    let err = byline_core::import::import_package(&store, &file, &actor)
        .unwrap_err()
        .to_string();
    assert_eq!(
        (snapshot_files(&library), store.list_articles().unwrap()),
        before,
        "{err}"
    );
    err.replace(&file.display().to_string(), "bom.zip")
}

/// The valid package with `blank` more bytes of blank lines at the end of
/// article.md, streamed into the zip and the hash a MiB at a time: a few KB
/// of zip, whose manifest lists the article's true size and SHA-256.
fn with_blank_lines(blank: usize) -> Vec<u8> {
    let mut p = Package::valid();
    let text = std::mem::take(p.file_mut(package::ARTICLE_MD));
    p.files.retain(|(path, _)| path != package::ARTICLE_MD);
    let mut p = Package::new(p.files);
    let blanks = vec![b'\n'; 1 << 20];
    let mut hash = Sha256::new();
    hash.update(&text);
    for _ in 0..blank >> 20 {
        hash.update(&blanks);
    }
    let listed = ManifestFile {
        path: package::ARTICLE_MD.to_owned(),
        size: (text.len() + blank) as u64,
        sha256: hash.finalize().iter().map(|b| format!("{b:02x}")).collect(),
    };
    p.manifest["files"]
        .as_array_mut()
        .unwrap()
        .insert(0, serde_json::to_value(listed).unwrap());
    p.extra = Some(Box::new(move |zip| {
        zip.start_file(package::ARTICLE_MD, SimpleFileOptions::default())
            .unwrap();
        zip.write_all(&text).unwrap();
        for _ in 0..blank >> 20 {
            zip.write_all(&blanks).unwrap();
        }
    }));
    p.zip()
}

/// An article.md of 8 MiB (4 times what one may be; the reported 200 MiB
/// one took 3.7 GB to parse) is refused from its header, before any of it
/// is inflated, though everything else about the package is right. A
/// 20,000-word article is far within the limit.
#[test]
fn an_article_larger_than_an_article_can_be_is_refused_before_it_is_inflated() {
    let zip = with_blank_lines(8 << 20);
    assert!(zip.len() < 64_000, "{} bytes", zip.len());
    let err = refused_reading_little(&zip, Limits::default());
    let size = package_article().len() + (8 << 20);
    assert_eq!(
        err.to_string(),
        format!(
            "pkg.zip: article.md: its zip header declares {size} bytes inflated; article.md may be at most 2097152 bytes (2 MiB)"
        )
    );

    // From a file, into a library: the same one line, and nothing changed.
    assert_eq!(
        import_refused(&zip),
        format!(
            "bom.zip: article.md: its zip header declares {size} bytes inflated; article.md may be at most 2097152 bytes (2 MiB)"
        )
    );

    // 20,000 words of Vietnamese are some 150 KB.
    let mut p = Package::valid();
    let words = "Người dân xã An Thịnh tham gia chuyển đổi số. ".repeat(2_000);
    p.file_mut(package::ARTICLE_MD)
        .extend_from_slice(words.as_bytes());
    assert!(words.split_whitespace().count() >= 20_000);
    let p = Package::new(p.files);
    reader::read_bytes("pkg.zip", &p.zip()).unwrap();
}

/// Each kind of file has its limit: a header that declares one byte more
/// is refused, naming the file and the limit, before anything is inflated.
#[test]
fn every_file_is_held_to_what_a_file_of_its_kind_can_be() {
    let photo = media_name(&sample_photos()[0].1);
    for (entry, max, what) in [
        (
            package::MANIFEST,
            package::MAX_MANIFEST_BYTES,
            "manifest.json",
        ),
        (
            package::ARTICLE_MD,
            byline_core::article::MAX_FILE_BYTES,
            "article.md",
        ),
        (
            package::NINJS_JSON,
            package::MAX_NINJS_BYTES,
            "article.ninjs.json",
        ),
        (
            package::INDEX_HTML,
            package::MAX_INDEX_HTML_BYTES,
            "index.html",
        ),
        (
            package::COMMENTS_JSON,
            package::MAX_COMMENTS_BYTES,
            "comments.json",
        ),
        (photo.as_str(), package::MAX_MEDIA_BYTES, "a photo"),
    ] {
        let mut zip = Package::valid().zip();
        set_declared_size(&mut zip, entry, u32::try_from(max + 1).unwrap());
        assert_refused(
            &zip,
            Some(entry),
            &format!(
                "its zip header declares {} bytes inflated; {what} may be at most {max} bytes ({} MiB)",
                max + 1,
                max >> 20
            ),
        );
    }
}

/// A package's photos are checked as they inflate and let go; each is read
/// from the file again when it is saved, and checked again.
#[test]
fn a_photo_is_read_again_from_the_package_and_checked_again() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("bai.zip");
    std::fs::write(&file, Package::valid().zip()).unwrap();
    let mut contents = reader::read(&file).unwrap();
    let (_, bytes) = sample_photos().remove(0);
    let name = media_name(&bytes);
    assert_eq!(contents.media[&name].size, bytes.len() as u64);
    assert_eq!(contents.media_bytes(&name).unwrap(), bytes);
    // The file changed on disk after it was checked: refused, not trusted.
    let mut zip = std::fs::read(&file).unwrap();
    let at = zip.len() / 3;
    zip[at] ^= 0xff;
    std::fs::write(&file, &zip).unwrap();
    let err = contents.media_bytes(&name).unwrap_err().to_string();
    assert!(
        err.starts_with(&format!("{}: {name}: ", file.display())),
        "{err}"
    );
}

/// A package whose photo is a decompression bomb (a PNG that claims 30000
/// × 30000 pixels) is refused by the photo check, naming the package and
/// the photo's entry in article.md; the library is left as it was.
#[test]
fn a_package_with_a_bomb_photo_leaves_the_library_as_it_was() {
    let bomb = zero_png(30_000, 30_000, 8, 0, 2, &[]);
    let path = format!("media/{}.png", sha256_hex(&bomb));
    let mut p = Package::valid();
    let article = String::from_utf8(p.file_mut(package::ARTICLE_MD).clone()).unwrap();
    let first = media_name(&sample_photos()[0].1);
    *p.file_mut(package::ARTICLE_MD) = article.replace(&first, &path).into_bytes();
    p.files.retain(|(name, _)| name != &first);
    p.files.push((path.clone(), bomb));
    let zip = Package::new(p.files).zip();

    // Front matter line N is line N + 1 of the file.
    let line = article
        .lines()
        .position(|l| l.ends_with("- file: media/hoi-nghi-an-thinh.jpg"))
        .unwrap();
    assert_eq!(
        import_refused(&zip),
        format!(
            "bom.zip: article.md: front matter line {line}: photos: media/hoi-nghi-an-thinh.jpg (path {path}): is 30000 × 30000 pixels (900.0 megapixels); photos may have at most 120 megapixels"
        )
    );
}

/// The zip crate parses the whole directory of files before anything can
/// count its entries: 300,000 empty entries in a 32 MB zip took 83 MB just
/// to be refused. The count and size the end-of-directory record claims
/// (here in its zip64 form, past 65,535 entries) are checked first, from
/// the last bytes of the zip.
#[test]
fn a_directory_of_too_many_entries_is_refused_from_its_end_record() {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..70_000 {
        w.start_file(format!("media/{i}.jpg"), SimpleFileOptions::default())
            .unwrap();
    }
    let zip = w.finish().unwrap().into_inner();
    let err = refused_reading_little(&zip, Limits::default());
    assert_eq!(
        err.to_string(),
        format!(
            "pkg.zip: 70000 entries; a package has at most {}",
            package::MAX_ENTRIES
        )
    );
}
