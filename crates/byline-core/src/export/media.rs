//! The photo files an export writes, the one place that decides what of a
//! photo's metadata leaves the library (see `photo::protect` and
//! docs/SECURITY.md, "Source protection").
//!
//! By default each file is the protected copy: no location, no device
//! serials, no edit history; caption, creator, credit and copyright kept. The
//! library's `keep_photo_metadata` setting (for a newsroom's own archive)
//! writes the original files instead. Either way a file is named by its own
//! SHA-256 (`media/<sha256>.<ext>`), and the article an export writes refers
//! to it by that name: the page, the article file and ninjs all point at the
//! bytes actually written, and a library that imports them stores the photo
//! under that SHA-256.

use crate::{
    article::Article,
    error::{CoreError, Result},
    package, photo,
    settings::Settings,
    store::Store,
};

/// What an export does with the metadata inside photos.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoMetadata {
    /// Location, serial numbers and edit history removed (the default).
    Protect,
    /// The original files, as the library holds them.
    Keep,
}

impl PhotoMetadata {
    /// The library's choice.
    pub fn of(settings: &Settings) -> Self {
        if settings.keep_photo_metadata {
            PhotoMetadata::Keep
        } else {
            PhotoMetadata::Protect
        }
    }

    /// The choice of `store`'s library.
    pub fn of_library(store: &Store) -> Result<Self> {
        Ok(Self::of(&store.settings()?))
    }
}

/// An article's photos as an export writes them.
pub struct Outgoing {
    /// The article as exported: each photo's `sha256` is that of the file
    /// written for it.
    pub article: Article,
    /// Each file once, `(media path, bytes)`, in the article's order.
    pub files: Vec<(String, Vec<u8>)>,
    /// The photos the library does not hold, `(file, sha256)`, left as they
    /// were in `article`.
    pub missing: Vec<(String, String)>,
}

/// `article`'s photos from `store`, as `metadata` says.
pub fn outgoing(store: &Store, article: &Article, metadata: PhotoMetadata) -> Result<Outgoing> {
    let mut out = Outgoing {
        article: article.clone(),
        files: Vec::new(),
        missing: Vec::new(),
    };
    // Two placements of one photo share its file, made once: (the
    // library's SHA-256, the file's SHA-256, the file's type).
    let mut done: Vec<(String, String, String)> = Vec::new();
    for placement in &mut out.article.photos {
        if let Some((_, sha256, mime)) = done.iter().find(|(from, ..)| *from == placement.sha256) {
            placement.sha256.clone_from(sha256);
            placement.mime.clone_from(mime);
            continue;
        }
        let Some(original) = store.photo_bytes(&placement.sha256)? else {
            out.missing
                .push((placement.file.clone(), placement.sha256.clone()));
            continue;
        };
        let bytes = match metadata {
            // Named as the article names it, not as "photo".
            PhotoMetadata::Protect => photo::protect(&original).map_err(|e| match e {
                CoreError::Photo { message, .. } => CoreError::Photo {
                    file: placement.file.clone(),
                    message,
                },
                other => other,
            })?,
            PhotoMetadata::Keep => original,
        };
        let sha256 = photo::sha256_hex(&bytes);
        // A photo the cleaning had to encode again may be of another kind
        // (a WebP comes out a JPEG); its file is named and typed for what
        // it holds.
        if let Some(mime) = photo::mime_of(&bytes) {
            placement.mime = mime.to_owned();
        }
        done.push((
            placement.sha256.clone(),
            sha256.clone(),
            placement.mime.clone(),
        ));
        placement.sha256 = sha256;
        out.files.push((package::media_path(placement), bytes));
    }
    Ok(out)
}

impl Outgoing {
    /// Refuses an export that needs every photo's file when one is missing.
    pub fn complete(self) -> Result<Self> {
        match self.missing.first() {
            Some((file, sha256)) => Err(CoreError::NotFound(format!("photo {file} ({sha256})"))),
            None => Ok(self),
        }
    }
}
