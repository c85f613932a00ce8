//! Saving what an import brings (article files, the first-run samples): the
//! articles with their photos, in one transaction, each followed by its
//! comments' anchors and, with someone to name, an import revision. Above the
//! table files it brings together.

use chrono::Utc;

use super::{Store, articles, comments, photos, revisions};
use crate::{
    article::{ArticleDraft, ArticleId},
    error::{CoreError, Result},
    msg,
    photo::PhotoInfo,
    workflow::Actor,
};

/// What an import brings for one article: the draft, and the id when the file
/// names one (which updates that article instead of creating a new one).
#[derive(Debug, Clone)]
pub struct Incoming {
    pub id: Option<ArticleId>,
    pub draft: ArticleDraft,
    /// Where it came from, to name it in an error (`article.md`).
    pub source: String,
    /// The line of each front-matter key in `source`, to point an error at it.
    pub key_lines: Vec<(String, usize)>,
    /// Photo files the draft's placements use, already checked.
    pub photo_files: Vec<(PhotoInfo, Vec<u8>)>,
}

impl Incoming {
    /// Names the file, and the line of the field, in a model error.
    fn locate(&self, e: CoreError) -> CoreError {
        match e {
            CoreError::Invalid { field, message } => CoreError::ArticleFile {
                file: self.source.clone(),
                line: self
                    .key_lines
                    .iter()
                    .find(|(k, _)| k == field)
                    .map(|(_, l)| *l),
                message: msg!("errorInvalid", field, message),
            },
            other => other,
        }
    }
}

/// Whether an incoming article was new to the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Created,
    Updated,
}

impl Store {
    /// Saves a batch of imported articles in one transaction: all of them, or, on
    /// the first error, none. With an `actor`, each gets an import revision.
    pub fn save_incoming(
        &self,
        batch: Vec<Incoming>,
        actor: Option<&Actor>,
    ) -> Result<Vec<(ArticleId, Saved)>> {
        self.save_incoming_reading(
            batch,
            &[],
            &mut |info| {
                Err(CoreError::invalid(
                    "photos",
                    msg!("photoBytesMissing", sha256 = &info.sha256),
                ))
            },
            actor,
        )
    }

    /// [`Store::save_incoming`], where `photos` are photos the batch uses
    /// that were checked and let go: each one the library lacks is read
    /// again with `read_photo`, one at a time, inside the transaction, so
    /// that a batch of many large photos is never in memory at once.
    pub fn save_incoming_reading(
        &self,
        batch: Vec<Incoming>,
        photos: &[PhotoInfo],
        read_photo: &mut dyn FnMut(&PhotoInfo) -> Result<Vec<u8>>,
        actor: Option<&Actor>,
    ) -> Result<Vec<(ArticleId, Saved)>> {
        self.write(|tx| {
            for info in photos {
                if !photos::exists(tx, &info.sha256)? {
                    photos::insert(tx, info, &read_photo(info)?)?;
                }
            }
            batch
                .into_iter()
                .map(|incoming| {
                    for (info, bytes) in &incoming.photo_files {
                        photos::insert(tx, info, bytes)?;
                    }
                    let draft = incoming
                        .draft
                        .clone()
                        .normalized()
                        .map_err(|e| incoming.locate(e))?;
                    let saved = match incoming.id {
                        Some(id) if articles::exists(tx, id)? => {
                            articles::replace(tx, id, &draft).map_err(|e| incoming.locate(e))?;
                            (id, Saved::Updated)
                        }
                        id => {
                            let id = articles::insert(tx, id.unwrap_or_default(), &draft)
                                .map_err(|e| incoming.locate(e))?;
                            (id, Saved::Created)
                        }
                    };
                    comments::follow_all(tx, saved.0, &draft)?;
                    if let Some(actor) = actor {
                        revisions::record(
                            tx,
                            saved.0,
                            actor,
                            revisions::RevisionReason::Import,
                            Utc::now(),
                        )?;
                    }
                    Ok(saved)
                })
                .collect()
        })
    }
}
