//! The export package: one `.zip` that carries an article to a website's CMS,
//! or from a reporter to an editor and back (a hand-off package). This module
//! is the format: the names inside the zip, the manifest and the hand-off log.
//! `export::package` writes packages; `import::package` checks and reads them.
//!
//! ```text
//! index.html            the publish-ready page (html mode, photos in media/)
//! article.md            the article file; importing it alone gives back the article
//! article.ninjs.json    IPTC ninjs 3.1
//! media/                the photo files (protected: `export::media`), named by their SHA-256
//! comments.json         comments, moves and revisions (hand-off packages only)
//! manifest.json         what the package is, and the size and SHA-256 of every other file
//! ```

use serde::{Deserialize, Serialize};

use crate::{anchor::Anchor, article::PhotoPlacement};

/// `manifest.json`'s `format`: what tells a Byline package from any other zip.
pub const FORMAT: &str = "byline-package";
/// The manifest's format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

pub const MANIFEST: &str = "manifest.json";
pub const INDEX_HTML: &str = "index.html";
pub const ARTICLE_MD: &str = "article.md";
pub const NINJS_JSON: &str = "article.ninjs.json";
pub const COMMENTS_JSON: &str = "comments.json";
pub const MEDIA_DIR: &str = "media";

/// A package holds at most this many entries…
pub const MAX_ENTRIES: usize = 1_000;
/// …and inflates to at most this many bytes in all.
pub const MAX_UNCOMPRESSED: u64 = 1 << 30;

// Each file of a package may inflate to at most what a file of its kind can
// reasonably be, so that what is built from it stays small too (a 200 MiB
// article.md of newlines once took 3.7 GB to parse). A package whose headers
// declare more, or whose file inflates to more, is refused before anything is
// built from it. Each limit is many times the largest real file of its kind.

/// manifest.json: 1,000 entries of about 130 bytes each are 130 KB.
pub const MAX_MANIFEST_BYTES: u64 = 1 << 20;
/// article.ninjs.json: the same article as HTML and the 500 photos'
/// metadata, under 1 MB. Only checked to be JSON, never kept.
pub const MAX_NINJS_BYTES: u64 = 4 << 20;
/// index.html: the page of that article, under 1 MB (its photos are in
/// media/). Only hashed, never kept.
pub const MAX_INDEX_HTML_BYTES: u64 = 8 << 20;
/// comments.json: a long hand-off history (5,000 comments with their
/// anchors, 5,000 revisions and moves) is about 6 MB of JSON.
pub const MAX_COMMENTS_BYTES: u64 = 8 << 20;
/// A media/ file is a photo: what `photo::inspect` takes.
pub const MAX_MEDIA_BYTES: u64 = crate::photo::MAX_PHOTO_BYTES as u64;

/// The most the file `path` of a package may inflate to (one of the
/// `MAX_*_BYTES` above), for a path of the format.
pub fn max_file_bytes(path: &str) -> u64 {
    match path {
        MANIFEST => MAX_MANIFEST_BYTES,
        ARTICLE_MD => crate::article::MAX_FILE_BYTES,
        NINJS_JSON => MAX_NINJS_BYTES,
        INDEX_HTML => MAX_INDEX_HTML_BYTES,
        COMMENTS_JSON => MAX_COMMENTS_BYTES,
        _ => MAX_MEDIA_BYTES,
    }
}

/// Where a photo's file goes in a package or an `html` export:
/// `media/<sha256>.<ext>`, so the same photo always has the same name and two
/// photos never collide.
pub fn media_path(p: &PhotoPlacement) -> String {
    format!("{MEDIA_DIR}/{}.{}", p.sha256, extension(&p.mime))
}

/// The file extension of a photo's MIME type.
pub fn extension(mime: &str) -> &'static str {
    match mime {
        "image/png" => "png",
        "image/webp" => "webp",
        _ => "jpg",
    }
}

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    pub format_version: u32,
    /// The Byline that wrote it (informative; never checked).
    pub app_version: String,
    pub article_id: String,
    /// The revision the package holds (`RevisionInfo::uid`).
    pub revision: String,
    /// The newest revision of the article the exporting library had received
    /// from another library, if any: what the receiver most likely holds too.
    pub base_revision: Option<String>,
    /// Every other file of the package, sorted by path.
    pub files: Vec<ManifestFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestFile {
    pub path: String,
    pub size: u64,
    /// Lowercase hex.
    pub sha256: String,
}

/// `comments.json`: what a hand-off carries besides the article, as the
/// library stores it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandoffLog {
    pub comments: Vec<CommentRecord>,
    /// Moves between workflow states, oldest first.
    pub transitions: Vec<TransitionRecord>,
    /// The exporting library's revisions of the article, oldest first
    /// (their ids and who made them; the text of the exported one is the
    /// package's article).
    pub revisions: Vec<RevisionRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentRecord {
    pub id: String,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    /// `reporter` or `editor`.
    pub role: String,
    pub body: String,
    /// `body`, `caption:<file>`, or null for a comment on the whole article.
    pub target: Option<String>,
    /// The anchor as stored (quote, prefix, suffix, start); null with `target`.
    /// Typed, not any JSON value: an array of a million zeros would take
    /// 32 bytes of memory for each 2 of comments.json.
    pub anchor: Option<Anchor>,
    pub resolved_at: Option<String>,
    pub resolved_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransitionRecord {
    pub at: String,
    pub actor: String,
    pub role: String,
    pub from: String,
    pub to: String,
    pub note: String,
    #[serde(rename = "override")]
    pub overridden: Option<String>,
    /// The id of the revision the move recorded ("the text as submitted").
    pub revision: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevisionRecord {
    pub id: String,
    pub number: u32,
    pub at: String,
    pub actor: String,
    pub role: String,
    pub reason: String,
}
