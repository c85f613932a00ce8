//! Writes export packages (see `crate::package` for the format).
//!
//! A package is made from the article as it is now, which becomes a
//! revision if no revision holds it yet: the manifest names that revision,
//! and the importing library keeps it under the same id. Exporting the same
//! revision twice gives the same bytes: entries sorted by name, every entry
//! dated 1980-01-01 00:00 (the zip format's earliest time) with mode 0644,
//! and nothing in any file that depends on when or where it was written.

use std::{collections::BTreeMap, io::Write, path::Path};

use zip::{CompressionMethod, ZipWriter, write::SimpleFileOptions};

use super::{
    article_file, html,
    media::{self, PhotoMetadata},
    ninjs,
};
use crate::{
    article::ArticleId,
    error::{CoreError, Message, Result},
    package::{
        self, ARTICLE_MD, COMMENTS_JSON, FORMAT, FORMAT_VERSION, INDEX_HTML, MANIFEST, Manifest,
        ManifestFile, NINJS_JSON,
    },
    photo, render,
    store::Store,
    workflow::Actor,
};

/// Who a package is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackageKind {
    /// A website's CMS: the article, its page and its photos.
    Upload,
    /// Another Byline library: also the comments, the moves and the
    /// revision list (`comments.json`), so the editor sees the discussion
    /// and the reporter gets it back.
    Handoff,
}

/// A package's bytes, and what the export had to leave out.
pub struct Built {
    pub zip: Vec<u8>,
    pub warnings: Vec<Message>,
}

/// The package of article `id` as it is now, its photos as the library's
/// setting says. `actor` makes the revision when the article changed since
/// its last one.
pub fn build(store: &Store, id: ArticleId, actor: &Actor, kind: PackageKind) -> Result<Built> {
    build_with(store, id, actor, kind, PhotoMetadata::of_library(store)?)
}

/// [`build`], with the photos' metadata as `metadata` says. The package's
/// article refers to each photo by the SHA-256 of the file it carries.
pub fn build_with(
    store: &Store,
    id: ArticleId,
    actor: &Actor,
    kind: PackageKind,
    metadata: PhotoMetadata,
) -> Result<Built> {
    let state = store.prepare_export(id, actor)?;
    let photos = media::outgoing(store, &state.article, metadata)?.complete()?;
    let article = &photos.article;
    let base_url = store.settings()?.base_url;

    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    files.insert(
        INDEX_HTML.to_owned(),
        html::folder_page(article, &base_url).into_bytes(),
    );
    // The editor's note is internal: a CMS never gets it, another newsroom
    // library does.
    let md = match kind {
        PackageKind::Handoff => article_file::to_markdown_with_media(article),
        PackageKind::Upload => article_file::to_markdown_with_media(&crate::Article {
            editor_note: String::new(),
            ..article.clone()
        }),
    };
    files.insert(ARTICLE_MD.to_owned(), md.into_bytes());
    let media_src = |p: &crate::PhotoPlacement| Some(package::media_path(p));
    let doc = ninjs::ninjs(
        article,
        &ninjs::RevisionStamp {
            uid: &state.revision.uid,
            number: state.revision.number,
            at: state.revision.at,
        },
        &render::body_fragment(article, &media_src),
        &base_url,
        &|p| package::media_path(p),
    );
    files.insert(NINJS_JSON.to_owned(), ninjs::to_string(&doc).into_bytes());
    files.extend(photos.files);
    if kind == PackageKind::Handoff {
        let mut json = serde_json::to_string_pretty(&state.log)
            .map_err(|e| CoreError::invalid("comments", Message::verbatim(e.to_string())))?;
        json.push('\n');
        files.insert(COMMENTS_JSON.to_owned(), json.into_bytes());
    }

    let manifest = Manifest {
        format: FORMAT.to_owned(),
        format_version: FORMAT_VERSION,
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        article_id: article.id.to_string(),
        revision: state.revision.uid.clone(),
        base_revision: state.base_revision.clone(),
        files: files
            .iter()
            .map(|(path, bytes)| ManifestFile {
                path: path.clone(),
                size: bytes.len() as u64,
                sha256: photo::sha256_hex(bytes),
            })
            .collect(),
    };
    let mut manifest_json = serde_json::to_string_pretty(&manifest)
        .map_err(|e| CoreError::invalid("manifest", Message::verbatim(e.to_string())))?;
    manifest_json.push('\n');
    files.insert(MANIFEST.to_owned(), manifest_json.into_bytes());

    Ok(Built {
        zip: zip_of(&files)?,
        warnings: html::left_out_related(article),
    })
}

/// Writes the package to `out`, whole or not at all, its photos as the
/// library's setting says.
pub fn write(
    store: &Store,
    id: ArticleId,
    actor: &Actor,
    kind: PackageKind,
    out: &Path,
) -> Result<Vec<Message>> {
    write_with(
        store,
        id,
        actor,
        kind,
        out,
        PhotoMetadata::of_library(store)?,
    )
}

/// [`write`], with the photos' metadata as `metadata` says.
pub fn write_with(
    store: &Store,
    id: ArticleId,
    actor: &Actor,
    kind: PackageKind,
    out: &Path,
    metadata: PhotoMetadata,
) -> Result<Vec<Message>> {
    let built = build_with(store, id, actor, kind, metadata)?;
    super::write_atomic(out, &built.zip)?;
    Ok(built.warnings)
}

/// The zip of `files`, in name order, with fixed dates and modes. Photos are
/// stored as they are (JPEG, PNG and WebP are compressed already); text is
/// deflated.
fn zip_of(files: &BTreeMap<String, Vec<u8>>) -> Result<Vec<u8>> {
    let zip_error =
        |e: zip::result::ZipError| CoreError::invalid("package", Message::verbatim(e.to_string()));
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        let method = if name.starts_with(package::MEDIA_DIR) {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        zip.start_file(name.as_str(), options).map_err(zip_error)?;
        zip.write_all(bytes)
            .map_err(|e| CoreError::invalid("package", Message::verbatim(e.to_string())))?;
    }
    Ok(zip.finish().map_err(zip_error)?.into_inner())
}
