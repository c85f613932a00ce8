//! The package reader on any bytes: `import::package::read_bytes` (the
//! format's limits) and `read_with_limits` (64 entries, 1 MiB inflated, so a
//! bomb is refused quickly).
//!
//! Two kinds of input share the corpus:
//! - raw bytes, read as the zip file itself (seeds: real `package` and
//!   `handoff` exports; `fuzz/dict/package.dict` has the zip signatures and
//!   the format's names);
//! - structured input starting with `BYLFUZZ` (seeds: the same exports,
//!   unpacked by `fuzz/seeds.py`), from which a zip is built here: the
//!   files inside can then be mutated and still carry a manifest whose
//!   sizes and SHA-256 match, so the fuzzer gets past the checksums to
//!   article.md, the photos and comments.json.
//!
//! Asserted: no panic; what the reader accepts with the small limits it
//! accepts with the format's limits, the same; an accepted package holds
//! only `media/<file>` media, every photo its article asks for, and no more
//! than the limit inflated.
#![no_main]

use std::io::{Cursor, Write};

use byline_core::import::package::{self, Limits, PackageContents};
use libfuzzer_sys::fuzz_target;
use sha2::{Digest, Sha256};
use zip::{CompressionMethod, ZipWriter, write::SimpleFileOptions};

const MAGIC: &[u8] = b"BYLFUZZ";
const SMALL: Limits = Limits {
    max_entries: 64,
    max_uncompressed: 1 << 20,
};

fuzz_target!(|data: &[u8]| {
    let zip = match data.strip_prefix(MAGIC) {
        Some(rest) => match build(rest) {
            Some(zip) => zip,
            None => return,
        },
        None => data.to_vec(),
    };
    let small = package::read_with_limits("fuzz.zip", Cursor::new(&zip[..]), SMALL);
    let full = package::read_bytes("fuzz.zip", &zip);
    if let Ok(small) = &small {
        holds(small, SMALL);
        match &full {
            Ok(full) => assert_eq!(small.manifest, full.manifest, "the same package read twice"),
            Err(e) => panic!("accepted under the small limits, refused under the format's: {e}"),
        }
    }
    if let Ok(full) = &full {
        holds(full, Limits::default());
    }
});

/// What an accepted package holds.
fn holds(p: &PackageContents, limits: Limits) {
    let mut inflated = 0u64;
    for (path, bytes) in &p.media {
        let file = path.strip_prefix("media/").expect("media under media/");
        assert!(
            !file.is_empty() && !file.contains('/'),
            "media path {path:?}"
        );
        inflated += bytes.len() as u64;
    }
    assert!(inflated <= limits.max_uncompressed);
    assert!(p.manifest.files.len() < limits.max_entries);
    for photo in &p.article.photos {
        let at = photo.path.as_deref().unwrap_or(&photo.file);
        assert!(
            p.media.contains_key(at),
            "photo {at:?} accepted without its file"
        );
    }
}

/// A zip from structured input: a flags byte, then files as
/// `\n@@ NAME\nCONTENT`, each in the order given.
///
/// Flags: 1 the manifest is made here (every other file, with its size and
/// SHA-256; ids taken from a `manifest.json` file when it has them), else a
/// `manifest.json` file is taken as it is; 2 deflate, else store; 4 a
/// `media/` folder entry first; 8 the last file is a symbolic link to its
/// content; 16 the manifest lists the files unsorted.
fn build(input: &[u8]) -> Option<Vec<u8>> {
    let (&flags, rest) = input.split_first()?;
    let mut files: Vec<(String, &[u8])> = split(rest, b"\n@@ ")
        .skip(1)
        .map(|record| {
            let nl = record
                .iter()
                .position(|&b| b == b'\n')
                .unwrap_or(record.len());
            let content = record.get(nl + 1..).unwrap_or_default();
            (String::from_utf8_lossy(&record[..nl]).into_owned(), content)
        })
        .collect();
    let manifest;
    if flags & 1 != 0 {
        let given = files
            .iter()
            .find(|(n, _)| n == "manifest.json")
            .and_then(|(_, c)| serde_json::from_slice::<serde_json::Value>(c).ok())
            .unwrap_or_default();
        files.retain(|(n, _)| n != "manifest.json");
        let mut listed: Vec<serde_json::Value> = files
            .iter()
            .map(|(name, content)| {
                serde_json::json!({
                    "path": name,
                    "size": content.len(),
                    "sha256": Sha256::digest(content)
                        .iter()
                        .map(|b| format!("{b:02x}"))
                        .collect::<String>(),
                })
            })
            .collect();
        if flags & 16 == 0 {
            listed.sort_by(|a, b| a["path"].as_str().cmp(&b["path"].as_str()));
        }
        let text = |key: &str, default: &str| {
            given
                .get(key)
                .and_then(serde_json::Value::as_str)
                .unwrap_or(default)
                .to_owned()
        };
        let value = serde_json::json!({
            "format": "byline-package",
            "format_version": 1,
            "app_version": text("app_version", "0.1.0"),
            "article_id": text("article_id", "0190a000-0000-7000-8000-000000000000"),
            "revision": text("revision", "0190a000-0000-7000-8000-000000000001"),
            "base_revision": given.get("base_revision").cloned().unwrap_or_default(),
            "files": listed,
        });
        manifest = serde_json::to_vec_pretty(&value).ok()?;
        files.insert(0, ("manifest.json".into(), &manifest));
    }

    let method = if flags & 2 != 0 {
        CompressionMethod::Deflated
    } else {
        CompressionMethod::Stored
    };
    let options = SimpleFileOptions::default()
        .compression_method(method)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    if flags & 4 != 0 {
        zip.add_directory("media/", options).ok()?;
    }
    let count = files.len();
    for (i, (name, content)) in files.into_iter().enumerate() {
        if flags & 8 != 0 && i + 1 == count {
            zip.add_symlink(name, String::from_utf8_lossy(content), options)
                .ok()?;
        } else {
            zip.start_file(name, options).ok()?;
            zip.write_all(content).ok()?;
        }
    }
    Some(zip.finish().ok()?.into_inner())
}

/// `bytes` cut at each `sep`.
fn split<'a>(bytes: &'a [u8], sep: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut rest = Some(bytes);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.windows(sep.len()).position(|w| w == sep) {
            Some(i) => {
                rest = Some(&r[i + sep.len()..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}
