//! All SQL for `photos` (each photo once, by SHA-256) and `article_photos`
//! (where an article uses one).

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{Store, rows::now};
use crate::{
    article::{ArticleId, PhotoPlacement, PlacementInput},
    error::{CoreError, Result},
    msg,
    photo::{self, PhotoInfo},
};

/// A photo just added to the library, and the name an article's body can use
/// for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedPhoto {
    pub info: PhotoInfo,
    /// `media/<name>-<first 8 hex of the SHA-256>.<ext>`: readable in the
    /// Markdown, and never the same for two different photos.
    pub file: String,
}

impl Store {
    /// Checks a photo and keeps it in the library; the same bytes twice are
    /// stored once. `name` names the file in errors. Nothing is stored when
    /// the photo is refused.
    pub fn add_photo(&self, name: &str, bytes: &[u8]) -> Result<AddedPhoto> {
        // Decoding happens before the write lock is taken.
        let info = photo::inspect(name, bytes)?;
        self.write(|tx| insert(tx, &info, bytes))?;
        Ok(AddedPhoto {
            file: placement_file(name, &info),
            info,
        })
    }

    /// Reads photo files from disk and adds them, refusing an oversized file
    /// or one that is no regular file before reading it ([`photo::read_file`]). Stops at the first file that cannot be taken; the
    /// ones before it stay in the library.
    pub fn add_photo_files(&self, paths: &[std::path::PathBuf]) -> Result<Vec<AddedPhoto>> {
        paths
            .iter()
            .map(|path| self.add_photo(&path.display().to_string(), &photo::read_file(path)?))
            .collect()
    }

    /// The bytes of a stored photo, as they were added.
    pub fn photo_bytes(&self, sha256: &str) -> Result<Option<Vec<u8>>> {
        self.read(|c| bytes(c, sha256))
    }
}

pub(super) fn bytes(c: &Connection, sha256: &str) -> Result<Option<Vec<u8>>> {
    Ok(
        c.prepare_cached("SELECT bytes FROM photos WHERE sha256 = ?1")?
            .query_row([sha256], |r| r.get(0))
            .optional()?,
    )
}

fn placement_file(name: &str, info: &PhotoInfo) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base.rsplit_once('.').map_or(base, |(stem, _)| stem);
    let mut slug = crate::text::slugify(stem);
    if slug.is_empty() {
        slug = "anh".to_owned();
    }
    let ext = match info.mime {
        "image/png" => "png",
        "image/webp" => "webp",
        _ => "jpg",
    };
    format!("media/{slug}-{}.{ext}", &info.sha256[..8])
}

pub(super) fn insert(tx: &Transaction<'_>, info: &PhotoInfo, bytes: &[u8]) -> Result<()> {
    tx.execute(
        "INSERT INTO photos (sha256, bytes, mime, width, height, embedded_caption, embedded_creator, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (sha256) DO NOTHING",
        params![
            info.sha256,
            bytes,
            info.mime,
            info.width,
            info.height,
            info.caption,
            info.creator,
            now()
        ],
    )?;
    Ok(())
}

/// Whether the library holds the photo `sha256`.
pub(super) fn exists(c: &Connection, sha256: &str) -> Result<bool> {
    Ok(c.prepare_cached("SELECT 1 FROM photos WHERE sha256 = ?1")?
        .exists([sha256])?)
}

/// (mime, width, height) of a stored photo; an unknown one is the writer's
/// error, named as such.
pub(super) fn dimensions(c: &Connection, sha256: &str) -> Result<(String, u32, u32)> {
    c.prepare_cached("SELECT mime, width, height FROM photos WHERE sha256 = ?1")?
        .query_row([sha256], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| CoreError::invalid("photos", msg!("photoNotInLibrary", sha256)))
}

pub(super) fn placements(c: &Connection, id: ArticleId) -> Result<Vec<PhotoPlacement>> {
    let rows = c
        .prepare_cached(
            "SELECT ap.photo, ap.file, ap.caption, ap.credit, ap.alt, ap.featured, p.width, p.height, p.mime
             FROM article_photos ap JOIN photos p ON p.sha256 = ap.photo
             WHERE ap.article_id = ?1 ORDER BY ap.position",
        )?
        .query_map([id.to_string()], |r| {
            Ok(PhotoPlacement {
                sha256: r.get(0)?,
                file: r.get(1)?,
                caption: r.get(2)?,
                credit: r.get(3)?,
                alt: r.get(4)?,
                featured: r.get(5)?,
                width: r.get(6)?,
                height: r.get(7)?,
                mime: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(super) fn replace_placements(
    tx: &Transaction<'_>,
    id: ArticleId,
    photos: &[PlacementInput],
) -> Result<()> {
    tx.execute(
        "DELETE FROM article_photos WHERE article_id = ?1",
        [id.to_string()],
    )?;
    for (position, p) in photos.iter().enumerate() {
        dimensions(tx, &p.sha256)?;
        tx.execute(
            "INSERT INTO article_photos (article_id, position, photo, file, caption, credit, alt, featured)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id.to_string(),
                position as i64,
                p.sha256,
                p.file,
                p.caption,
                p.credit,
                p.alt,
                p.featured
            ],
        )?;
    }
    Ok(())
}
