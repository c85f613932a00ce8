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

use crate::article::PhotoPlacement;

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
    pub anchor: Option<serde_json::Value>,
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
