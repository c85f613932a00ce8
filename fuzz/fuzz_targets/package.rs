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
//! only `media/<file>` media, no larger than a photo may be, each of which
//! reads again as checked, every photo its article asks for, and no more
//! than the limit inflated.
#![no_main]

use std::io::{Cursor, Read, Seek};

use byline_core::import::package::{self, Limits, PackageContents};
use byline_fuzz::{STRUCTURED_PACKAGE, package_from_structured};
use libfuzzer_sys::fuzz_target;

const SMALL: Limits = Limits {
    max_entries: 64,
    max_uncompressed: 1 << 20,
};

fuzz_target!(|data: &[u8]| {
    let zip = match data.strip_prefix(STRUCTURED_PACKAGE) {
        Some(rest) => match package_from_structured(rest) {
            Some(zip) => zip,
            None => return,
        },
        None => data.to_vec(),
    };
    let small = package::read_with_limits("fuzz.zip", Cursor::new(&zip[..]), SMALL);
    let full = package::read_bytes("fuzz.zip", &zip);
    let mut small = small;
    let mut full = full;
    if let Ok(small) = &mut small {
        holds(small, SMALL);
        match &full {
            Ok(full) => assert_eq!(small.manifest, full.manifest, "the same package read twice"),
            Err(e) => panic!("accepted under the small limits, refused under the format's: {e}"),
        }
    }
    if let Ok(full) = &mut full {
        holds(full, Limits::default());
    }
});

/// What an accepted package holds.
fn holds<R: Read + Seek>(p: &mut PackageContents<R>, limits: Limits) {
    let mut inflated = 0u64;
    let media: Vec<(String, u64)> = p
        .media
        .iter()
        .map(|(path, file)| (path.clone(), file.size))
        .collect();
    for (path, size) in media {
        let name = path.strip_prefix("media/").expect("media under media/");
        assert!(
            !name.is_empty() && !name.contains('/'),
            "media path {path:?}"
        );
        assert!(
            size <= byline_core::package::MAX_MEDIA_BYTES,
            "{path}: {size} bytes"
        );
        // What was checked reads again as checked, as saving reads it.
        let bytes = p.media_bytes(&path).expect("a checked photo reads again");
        assert_eq!(bytes.len() as u64, size, "{path}");
        inflated += size;
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
