//! The first-run samples: the articles the app puts into a library it has
//! just created, so a first-time user sees real content. They are the files
//! in `samples/` at the top of the repository, photos included, compiled in
//! and read by the same importer as any other article file.
//!
//! Nothing adds them on its own: opening a library never does. The app asks
//! for them when its first start creates the library; `byline samples` adds
//! them on request.

use crate::{
    error::{CoreError, Result},
    import::{self, Imported},
    msg,
    store::Store,
};

/// (name shown in messages, file text). Related articles first, so that the
/// article naming them finds them.
const SAMPLES: &[(&str, &str)] = &[
    (
        "samples/related/lop-ky-nang-so.md",
        include_str!("../../../samples/related/lop-ky-nang-so.md"),
    ),
    (
        "samples/related/hoi-nong-dan.md",
        include_str!("../../../samples/related/hoi-nong-dan.md"),
    ),
    (
        "samples/english/harbour.md",
        include_str!("../../../samples/english/harbour.md"),
    ),
    (
        "samples/an-thinh/article.md",
        include_str!("../../../samples/an-thinh/article.md"),
    ),
];

/// (path relative to its article, bytes) of every photo the samples use.
const PHOTOS: &[(&str, &[u8])] = &[
    (
        "media/hoi-nghi-an-thinh.jpg",
        include_bytes!("../../../samples/an-thinh/media/hoi-nghi-an-thinh.jpg"),
    ),
    (
        "media/lop-huong-dan.jpg",
        include_bytes!("../../../samples/an-thinh/media/lop-huong-dan.jpg"),
    ),
];

/// Adds the samples to `store` in one transaction, related articles first,
/// and returns them in that order. A library that already holds them refuses
/// (their slugs are taken) and is left as it was.
pub fn add(store: &Store) -> Result<Vec<Imported>> {
    let read = |name: &str| {
        PHOTOS
            .iter()
            .find(|(file, _)| *file == name)
            .map(|(_, bytes)| bytes.to_vec())
            .ok_or_else(|| CoreError::invalid("photos", msg!("samplePhotoMissing", name)))
    };
    import::import_texts(
        store,
        SAMPLES.iter().map(|(name, text)| (*name, *text, read)),
        // The samples are nobody's work: no revision.
        None,
    )
}
