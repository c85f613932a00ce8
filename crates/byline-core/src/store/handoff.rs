//! The hand-off between libraries: what a package takes out of the library,
//! and what importing one does to an article the library may already hold.
//! All SQL for `article_merges` (conflicts waiting for a person) is here.
//!
//! Revisions carry ids that travel with them (`article_revisions.uid`). A
//! package names the revision it holds and lists the exporting library's
//! revision ids; the newest of those the importing library also has is the
//! base both sides started from. Then:
//! - the library already has the package's revision: `unchanged`;
//! - the local article has not changed since the base: `fast-forward`;
//! - both changed: fields changed on one side only merge (`merged`), fields
//!   changed on both sides wait for a person (`conflict`), and the article
//!   stays as it was until every one of them is settled. A newer package
//!   replaces the conflicts waiting; the versions still waiting are no base.
//!
//! In every case the incoming version is kept as a revision (reason
//! `received`), comments and moves of both sides are kept, and the local
//! article, if it had changes no revision held, gets a revision first, so
//! nothing is overwritten silently.

use chrono::Utc;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{
    Store, articles, comments,
    incoming::Incoming,
    photos,
    revisions::{self, RevisionInfo, RevisionReason},
    rows, workflow,
};
use crate::{
    article::{Article, ArticleDraft, ArticleId},
    error::{CoreError, Message, Result},
    merge::{self, MergeField},
    msg,
    package::HandoffLog,
    photo::PhotoInfo,
    revision::{self, DiffPart, Snapshot},
    workflow::Actor,
};

/// What a package export needs from the library.
#[derive(Debug, Clone)]
pub struct ExportState {
    pub article: Article,
    /// The revision the package holds: the article as it is now.
    pub revision: RevisionInfo,
    /// The newest revision that came from another library.
    pub base_revision: Option<String>,
    pub log: HandoffLog,
}

/// What importing a package did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The library did not hold the article.
    Created,
    /// The library already had this revision (or a later one of its own).
    Unchanged,
    /// The local article had not changed since the package's base: it is
    /// now the package's version.
    FastForward,
    /// Both sides changed; these fields came from the package, the others
    /// stayed local.
    Merged(Vec<MergeField>),
    /// Both sides changed these fields: nothing changed yet; settle each
    /// with [`Store::resolve_conflict`].
    Conflict(Vec<MergeField>),
}

impl std::fmt::Display for Outcome {
    /// As `byline import` prints it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let fields =
            |fs: &[MergeField]| fs.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(", ");
        match self {
            Outcome::Created => f.write_str("created"),
            Outcome::Unchanged => f.write_str("unchanged"),
            Outcome::FastForward => f.write_str("fast-forward"),
            Outcome::Merged(fs) if fs.is_empty() => f.write_str("merged"),
            Outcome::Merged(fs) => write!(f, "merged: {}", fields(fs)),
            Outcome::Conflict(fs) => write!(f, "conflict: {}", fields(fs)),
        }
    }
}

/// An imported package, checked, ready to save.
pub struct IncomingPackage<'a> {
    pub source: String,
    /// The article; its photos are in `photos`, not in `photo_files`.
    pub article: Incoming,
    /// What `photo::inspect` found in each photo the article uses, once each.
    pub photos: Vec<PhotoInfo>,
    /// The bytes of one of `photos`, read from the package when it is
    /// saved: one photo in memory at a time, inside the import's
    /// transaction (an error there leaves the library as it was).
    pub read_photo: &'a mut dyn FnMut(&PhotoInfo) -> Result<Vec<u8>>,
    pub revision: String,
    pub base_revision: Option<String>,
    pub log: Option<HandoffLog>,
}

/// A conflict waiting for a person: the field, both values as text, and the
/// change from local to incoming word by word.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldConflict {
    pub field: MergeField,
    pub local: String,
    pub incoming: String,
    pub parts: Vec<DiffPart>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PendingMerge {
    /// The package it came from.
    pub source: String,
    pub at: chrono::DateTime<Utc>,
    /// The incoming version's revision number in this library.
    pub incoming_revision: u32,
    pub conflicts: Vec<FieldConflict>,
    /// What the merge takes from the package once the conflicts are settled.
    pub take_incoming: Vec<MergeField>,
}

/// Which side of a conflict wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Local,
    Incoming,
}

impl std::str::FromStr for Side {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim() {
            "local" => Ok(Side::Local),
            "incoming" => Ok(Side::Incoming),
            other => Err(CoreError::invalid(
                "take",
                msg!("mergeSideInvalid", side = other),
            )),
        }
    }
}

impl Store {
    /// Makes sure the article as it is now is a revision (made by `actor`
    /// when one is needed: nothing changed since the last, nothing is made,
    /// so exporting twice gives the same package), and gathers what a
    /// package carries.
    pub fn prepare_export(&self, id: ArticleId, actor: &Actor) -> Result<ExportState> {
        self.write(|tx| {
            if !articles::exists(tx, id)? {
                return Err(CoreError::NotFound(id.to_string()));
            }
            revisions::record(tx, id, actor, RevisionReason::Save, Utc::now())?;
            Ok(())
        })?;
        self.read(|c| {
            let article = articles::find(c, &id.to_string())?
                .ok_or_else(|| CoreError::NotFound(id.to_string()))?;
            let revisions_list = revisions::records(c, id)?;
            let latest = revisions_list
                .last()
                .ok_or_else(|| CoreError::NotFound(format!("a revision of article {id}")))?;
            let revision = RevisionInfo {
                number: latest.number,
                uid: latest.id.clone(),
                at: chrono::DateTime::parse_from_rfc3339(&latest.at)
                    .map_err(|e| CoreError::invalid("revision", Message::verbatim(e.to_string())))?
                    .with_timezone(&Utc),
                actor: Actor {
                    name: latest.actor.clone(),
                    role: latest.role.parse()?,
                },
                reason: latest.reason.parse()?,
            };
            Ok(ExportState {
                article,
                revision,
                base_revision: revisions::last_received(c, id)?,
                log: HandoffLog {
                    comments: comments::records(c, id)?,
                    transitions: workflow::records(c, id)?,
                    revisions: revisions_list,
                },
            })
        })
    }

    /// Saves a package's article (see the module doc for what happens to an
    /// article the library already holds), in one transaction: on any error
    /// the library is as it was.
    pub fn import_package(
        &self,
        package: IncomingPackage<'_>,
        actor: &Actor,
    ) -> Result<(ArticleId, Outcome)> {
        let id = package.article.id.ok_or_else(|| CoreError::Package {
            file: package.source.clone(),
            entry: Some(crate::package::ARTICLE_MD.to_owned()),
            message: msg!("packageArticleNoId"),
        })?;
        let mut draft =
            package
                .article
                .draft
                .clone()
                .normalized()
                .map_err(|e| CoreError::Package {
                    file: package.source.clone(),
                    entry: Some(crate::package::ARTICLE_MD.to_owned()),
                    message: e.message(),
                })?;
        let log = package.log.clone().unwrap_or_default();
        // Who made the incoming version, as the sending library recorded it.
        let maker = log
            .revisions
            .iter()
            .find(|r| r.id == package.revision)
            .and_then(|r| Actor::new(&r.actor, r.role.parse().ok()?).ok())
            .unwrap_or_else(|| actor.clone());
        // The package's photos that the article as saved here uses (a copy
        // of a photo this library holds the original of is not kept twice),
        // each read from the package only then, one at a time.
        let read_photo = package.read_photo;
        let mut insert_used = |tx: &Transaction<'_>, draft: &crate::article::ArticleDraft| {
            let used = |sha256: &str| draft.photos.iter().any(|p| p.sha256 == sha256);
            for (info, bytes) in &package.article.photo_files {
                if used(&info.sha256) {
                    photos::insert(tx, info, bytes)?;
                }
            }
            for info in &package.photos {
                if used(&info.sha256) && !photos::exists(tx, &info.sha256)? {
                    photos::insert(tx, info, &read_photo(info)?)?;
                }
            }
            Ok::<(), CoreError>(())
        };
        self.write(|tx| {
            let now = Utc::now();
            let outcome = if !articles::exists(tx, id)? {
                insert_used(tx, &draft)?;
                articles::insert(tx, id, &draft)?;
                comments::follow_all(tx, id, &draft)?;
                received(tx, id, &package.revision, &maker)?;
                Outcome::Created
            } else if revisions::number_of(tx, id, &package.revision)?.is_some() {
                Outcome::Unchanged
            } else {
                // Local changes no revision holds yet become one first.
                revisions::record(tx, id, actor, RevisionReason::Save, now)?;
                // A newer package supersedes conflicts an older one left:
                // what it brings is merged afresh against the local article,
                // which does not descend from the versions still pending.
                let mut pending = merge_row(tx, id)?.map(|r| r.pending_uids).unwrap_or_default();
                tx.execute(
                    "DELETE FROM article_merges WHERE article_id = ?1",
                    [id.to_string()],
                )?;
                let (local_number, _, local) = revisions::latest_snapshot(tx, id)?
                    .ok_or_else(|| CoreError::NotFound(format!("a revision of article {id}")))?;
                let mut known: Vec<&str> = log.revisions.iter().map(|r| r.id.as_str()).collect();
                known.extend(package.base_revision.as_deref());
                known.retain(|uid| !pending.iter().any(|p| p == uid));
                let base = revisions::newest_of(tx, id, &known)?;
                let language = articles::language_of(tx, id)?;
                let base_snapshot = match &base {
                    Some((n, _)) => Some(revisions::snapshot_at(tx, id, *n)?),
                    None => None,
                };
                let ours = local
                    .photos
                    .iter()
                    .chain(base_snapshot.iter().flat_map(|b| &b.photos));
                own_originals(tx, &mut draft, ours)?;
                insert_used(tx, &draft)?;
                let incoming = Snapshot::of_draft(&draft);
                if base.as_ref().is_some_and(|(n, _)| *n == local_number) {
                    articles::replace(tx, id, &draft)?;
                    comments::follow_all(tx, id, &draft)?;
                    received(tx, id, &package.revision, &maker)?;
                    Outcome::FastForward
                } else {
                    let plan = merge::plan(base_snapshot.as_ref(), &local, &incoming);
                    revisions::store_snapshot(
                        tx,
                        id,
                        &incoming,
                        &package.revision,
                        &maker,
                        RevisionReason::Received,
                        now,
                    )?;
                    if plan.conflicts.is_empty() {
                        if !plan.take_incoming.is_empty() {
                            let merged = merge::apply(&local, &incoming, &plan.take_incoming);
                            write_snapshot(tx, id, merged, &language)?;
                        }
                        revisions::record(tx, id, actor, RevisionReason::Merge, now)?;
                        Outcome::Merged(plan.take_incoming)
                    } else {
                        pending.push(package.revision.clone());
                        tx.execute(
                            "INSERT INTO article_merges
                                 (article_id, at, source, incoming_uid, pending_uids, conflicts, take_incoming)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                            params![
                                id.to_string(),
                                rows::format_utc(now),
                                package.source,
                                package.revision,
                                serde_json::to_string(&pending)
                                    .expect("a list of strings always serialises"),
                                fields_json(&plan.conflicts),
                                fields_json(&plan.take_incoming),
                            ],
                        )?;
                        Outcome::Conflict(plan.conflicts)
                    }
                }
            };
            comments::merge_records(tx, id, &log.comments)?;
            workflow::merge_records(tx, id, &log.transitions)?;
            Ok((id, outcome))
        })
    }

    /// The conflicts a package left on the article, if any wait.
    pub fn pending_merge(&self, id: ArticleId) -> Result<Option<PendingMerge>> {
        self.read(|c| {
            let Some(row) = merge_row(c, id)? else {
                return Ok(None);
            };
            let article = articles::find(c, &id.to_string())?
                .ok_or_else(|| CoreError::NotFound(id.to_string()))?;
            let local = Snapshot::of(&article);
            let number = revisions::number_of(c, id, &row.incoming_uid)?.ok_or_else(|| {
                CoreError::NotFound(format!("revision {} of article {id}", row.incoming_uid))
            })?;
            let incoming = revisions::snapshot_at(c, id, number)?;
            Ok(Some(PendingMerge {
                source: row.source,
                at: row.at,
                incoming_revision: number,
                conflicts: row
                    .conflicts
                    .iter()
                    .map(|&field| {
                        let (l, i) = (field_text(field, &local), field_text(field, &incoming));
                        FieldConflict {
                            field,
                            parts: revision::diff_words(&l, &i),
                            local: l,
                            incoming: i,
                        }
                    })
                    .collect(),
                take_incoming: row.take_incoming,
            }))
        })
    }

    /// Settles one conflicting field. Once the last is settled, the article
    /// becomes the merge (local fields, the package's one-sided changes, and
    /// every pick) and gets a revision; returns the fields still to settle.
    pub fn resolve_conflict(
        &self,
        id: ArticleId,
        field: MergeField,
        take: Side,
        actor: &Actor,
    ) -> Result<Vec<MergeField>> {
        self.write(|tx| {
            let mut row = merge_row(tx, id)?.ok_or_else(|| {
                CoreError::invalid("field", msg!("mergeNoConflicts", id = id.to_string()))
            })?;
            let Some(at) = row.conflicts.iter().position(|f| *f == field) else {
                let waiting: Vec<&str> = row.conflicts.iter().map(|f| f.as_str()).collect();
                return Err(CoreError::invalid(
                    "field",
                    msg!(
                        "mergeNotInConflict",
                        field = field.as_str(),
                        waiting = waiting.join(", ")
                    ),
                ));
            };
            row.conflicts.remove(at);
            if take == Side::Incoming {
                row.take_incoming.push(field);
            }
            if !row.conflicts.is_empty() {
                tx.execute(
                    "UPDATE article_merges SET conflicts = ?2, take_incoming = ?3 WHERE article_id = ?1",
                    params![
                        id.to_string(),
                        fields_json(&row.conflicts),
                        fields_json(&row.take_incoming)
                    ],
                )?;
                return Ok(row.conflicts);
            }
            let article = articles::find(tx, &id.to_string())?
                .ok_or_else(|| CoreError::NotFound(id.to_string()))?;
            let number = revisions::number_of(tx, id, &row.incoming_uid)?.ok_or_else(|| {
                CoreError::NotFound(format!("revision {} of article {id}", row.incoming_uid))
            })?;
            let incoming = revisions::snapshot_at(tx, id, number)?;
            let merged = merge::apply(&Snapshot::of(&article), &incoming, &row.take_incoming);
            write_snapshot(tx, id, merged, &article.language)?;
            revisions::record(tx, id, actor, RevisionReason::Merge, Utc::now())?;
            tx.execute("DELETE FROM article_merges WHERE article_id = ?1", [id.to_string()])?;
            Ok(Vec::new())
        })
    }
}

/// Makes the article `snapshot`, with its comments following.
fn write_snapshot(
    tx: &Transaction<'_>,
    id: ArticleId,
    snapshot: Snapshot,
    language: &str,
) -> Result<()> {
    let draft: ArticleDraft = snapshot.into_draft(language).normalized()?;
    articles::replace(tx, id, &draft)?;
    comments::follow_all(tx, id, &draft)
}

/// Records the article as now written as the version received, under the
/// id it has in the library it came from.
fn received(tx: &Transaction<'_>, id: ArticleId, uid: &str, maker: &Actor) -> Result<()> {
    let article =
        articles::find(tx, &id.to_string())?.ok_or_else(|| CoreError::NotFound(id.to_string()))?;
    revisions::store_snapshot(
        tx,
        id,
        &Snapshot::of(&article),
        uid,
        maker,
        RevisionReason::Received,
        Utc::now(),
    )?;
    Ok(())
}

struct MergeRow {
    at: chrono::DateTime<Utc>,
    source: String,
    incoming_uid: String,
    pending_uids: Vec<String>,
    conflicts: Vec<MergeField>,
    take_incoming: Vec<MergeField>,
}

fn merge_row(c: &Connection, id: ArticleId) -> Result<Option<MergeRow>> {
    let row = c
        .query_row(
            "SELECT at, source, incoming_uid, pending_uids, conflicts, take_incoming
             FROM article_merges WHERE article_id = ?1",
            [id.to_string()],
            |r| {
                Ok((
                    rows::utc_col(r, 0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                ))
            },
        )
        .optional()?;
    let Some((at, source, incoming_uid, pending_uids, conflicts, take_incoming)) = row else {
        return Ok(None);
    };
    let fields = |json: &str| -> Result<Vec<MergeField>> {
        serde_json::from_str(json)
            .map_err(|e| CoreError::invalid("merge", Message::verbatim(e.to_string())))
    };
    Ok(Some(MergeRow {
        at,
        source,
        incoming_uid,
        pending_uids: serde_json::from_str(&pending_uids)
            .map_err(|e| CoreError::invalid("merge", Message::verbatim(e.to_string())))?,
        conflicts: fields(&conflicts)?,
        take_incoming: fields(&take_incoming)?,
    }))
}

fn fields_json(fields: &[MergeField]) -> String {
    serde_json::to_string(fields).expect("field names always serialise")
}

/// A field's value as a person compares it: text as is, lists one item a
/// line, photos one line each with caption and credit.
pub fn field_text(field: MergeField, s: &Snapshot) -> String {
    match field {
        MergeField::Headline => s.headline.clone(),
        MergeField::Sapo => s.sapo.clone(),
        MergeField::Body => s.body.clone(),
        MergeField::Byline => s.byline.clone(),
        MergeField::Authors => s
            .authors
            .iter()
            .map(|a| {
                format!(
                    "{} ({})",
                    a.name,
                    serde_json::to_value(a.role)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        MergeField::Keywords => s.keywords.join("\n"),
        MergeField::Category => s.category.clone(),
        MergeField::Slug => s.slug.clone(),
        MergeField::PublishedAt => s.published_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
        MergeField::Photos => s
            .photos
            .iter()
            .map(|p| {
                let mut line = p.file.clone();
                if !p.caption.is_empty() {
                    line.push_str(" — ");
                    line.push_str(&p.caption);
                }
                if !p.credit.is_empty() {
                    line.push_str(&format!(" ({})", p.credit));
                }
                if p.featured {
                    line.push_str(" ★");
                }
                line
            })
            .collect::<Vec<_>>()
            .join("\n"),
        MergeField::Related => s.related.join("\n"),
        MergeField::EditorNote => s.editor_note.clone(),
    }
}

/// A photo this library sent out comes back as the copy an export wrote
/// (`export::media`: without location, serials and history, so under another
/// SHA-256). Each incoming photo that is the protected copy of one of `ours`
/// (the local article's and the merge base's) is taken as that original, so
/// that a hand-off neither shows the photos as changed nor swaps this
/// library's original for the copy.
fn own_originals<'a>(
    c: &Connection,
    draft: &mut crate::article::ArticleDraft,
    ours: impl Iterator<Item = &'a crate::article::PlacementInput>,
) -> Result<()> {
    let incoming: Vec<&str> = draft.photos.iter().map(|p| p.sha256.as_str()).collect();
    let mut originals: Vec<(String, String)> = Vec::new();
    for original in ours {
        if incoming.contains(&original.sha256.as_str())
            || originals.iter().any(|(o, _)| *o == original.sha256)
        {
            continue;
        }
        // A photo that cannot be protected was never exported as a copy.
        let copy = photos::bytes(c, &original.sha256)?
            .and_then(|bytes| crate::photo::protect(&bytes).ok())
            .map(|copy| crate::photo::sha256_hex(&copy));
        if let Some(copy) = copy {
            originals.push((original.sha256.clone(), copy));
        }
    }
    for placement in &mut draft.photos {
        if let Some((original, _)) = originals.iter().find(|(_, copy)| *copy == placement.sha256) {
            placement.sha256.clone_from(original);
        }
    }
    Ok(())
}
