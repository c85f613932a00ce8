//! Photos coming into the library (`commands/photos.rs`). A photo placed in
//! an article is [`super::articles::PhotoPlacement`].

use serde::Serialize;
use ts_rs::TS;

/// A photo just added to the library, not yet placed in an article.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AddedPhoto {
    pub sha256: String,
    /// The name to use in the body's Markdown.
    pub file: String,
    pub width: u32,
    pub height: u32,
    pub mime: String,
    /// Embedded in the photo (XMP or IPTC), to prefill the placement.
    pub caption: Option<String>,
    pub creator: Option<String>,
}

impl From<byline_core::store::AddedPhoto> for AddedPhoto {
    fn from(a: byline_core::store::AddedPhoto) -> Self {
        let byline_core::store::AddedPhoto { info, file } = a;
        let byline_core::photo::PhotoInfo {
            sha256,
            mime,
            width,
            height,
            // The editor shows no file size.
            byte_len: _,
            caption,
            creator,
        } = info;
        AddedPhoto {
            sha256,
            file,
            width,
            height,
            mime: mime.to_owned(),
            caption,
            creator,
        }
    }
}
