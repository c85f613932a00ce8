//! byline-core's integration tests: one binary, a module per topic.

// A test that finds something off should stop right there.
#![allow(clippy::unwrap_used)]

mod crash;
mod export;
mod fuzz_regressions;
mod handoff;
mod import;
mod layers;
mod library;
mod list;
mod ninjs;
mod package;
mod photo;
mod render;
mod search;
mod source_protection;
mod store;
mod workflow;

use std::path::{Path, PathBuf};

use byline_core::Store;

/// A new library file in a fresh temporary folder, empty, as `Store::open`
/// creates one. Keep the `TempDir` alive.
pub fn empty_library() -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("library.sqlite");
    let store = Store::open(&path).expect("open library");
    (dir, path, store)
}

/// A new library as the app's first start leaves it: the first-run samples
/// in it.
pub fn library_with_samples() -> (tempfile::TempDir, PathBuf, Store) {
    let (dir, path, store) = empty_library();
    byline_core::samples::add(&store).expect("the samples");
    (dir, path, store)
}

/// Name, size and hash of every file beside a library (main file and WAL), to
/// prove that a refused operation changed nothing. The `-shm` file is left out:
/// it is SQLite's shared-memory index, which every reader touches.
pub fn snapshot_files(path: &Path) -> Vec<(String, usize, u64)> {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let dir = path.parent().expect("library in a folder");
    let mut files: Vec<(String, usize, u64)> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file() && !p.to_string_lossy().ends_with("-shm"))
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read");
            let mut h = DefaultHasher::new();
            bytes.hash(&mut h);
            (p.display().to_string(), bytes.len(), h.finish())
        })
        .collect();
    files.sort();
    files
}

/// A PNG chunk: length, type, data, CRC.
pub fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
    out
}

/// A PNG of `width` × `height` pixels of zeros, `depth` bits a sample, PNG
/// colour type `color` (0 grey, 2 RGB, 6 RGBA), with `extra` chunks before
/// its pixel data. Only its first `rows` rows are in the pixel data (all of
/// them for a whole image; fewer for a header that claims what the data does
/// not hold), deflated a row at a time: a 30000 × 30000 bomb is built in
/// well under a second, never as a 900 MP buffer.
pub fn zero_png(width: u32, height: u32, depth: u8, color: u8, rows: u32, extra: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let channels: u64 = match color {
        2 => 3,
        4 => 2,
        6 => 4,
        _ => 1,
    };
    let row = vec![0u8; 1 + (u64::from(width) * channels * u64::from(depth)).div_ceil(8) as usize];
    let mut pixels = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    for _ in 0..rows {
        pixels.write_all(&row).unwrap();
    }
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[depth, color, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(png_chunk(b"IHDR", &ihdr));
    png.extend_from_slice(extra);
    png.extend(png_chunk(b"IDAT", &pixels.finish().unwrap()));
    png.extend(png_chunk(b"IEND", b""));
    png
}
