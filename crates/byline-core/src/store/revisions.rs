//! All SQL for revisions: when one is made, how it is read back, compared
//! and restored. What a revision holds and how it is packed is
//! `crate::revision`'s business.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{
    Store, articles, comments,
    rows::{format_utc, parse_col, utc_col},
};
use crate::{
    article::{Article, ArticleFields, ArticleId},
    error::{CoreError, Result},
    msg,
    package::RevisionRecord,
    revision::{self, FieldChange, Snapshot, Stored},
    workflow::Actor,
};

/// While editing goes on, autosave makes a revision at most this often.
pub const EDITING_INTERVAL_MINUTES: i64 = 5;

/// Why a revision was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RevisionReason {
    /// The writer asked for it (Ctrl+S, "Lưu phiên bản").
    Save,
    /// A move between workflow states.
    Transition,
    /// The article came in from a file.
    Import,
    /// Autosave, at most every [`EDITING_INTERVAL_MINUTES`].
    Editing,
    /// An older revision was restored.
    Restore,
    /// A version that came in a package from another library (kept even when
    /// it conflicts and the article does not take it).
    Received,
    /// The article after a package's changes were merged into local ones.
    Merge,
}

impl RevisionReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RevisionReason::Save => "save",
            RevisionReason::Transition => "transition",
            RevisionReason::Import => "import",
            RevisionReason::Editing => "editing",
            RevisionReason::Restore => "restore",
            RevisionReason::Received => "received",
            RevisionReason::Merge => "merge",
        }
    }
}

impl std::str::FromStr for RevisionReason {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s {
            "save" => RevisionReason::Save,
            "transition" => RevisionReason::Transition,
            "import" => RevisionReason::Import,
            "editing" => RevisionReason::Editing,
            "restore" => RevisionReason::Restore,
            "received" => RevisionReason::Received,
            "merge" => RevisionReason::Merge,
            other => {
                return Err(CoreError::invalid(
                    "reason",
                    msg!("revisionReasonInvalid", reason = other),
                ));
            }
        })
    }
}

/// One revision as listed: who made it, when and why (not its content).
#[derive(Debug, Clone, PartialEq)]
pub struct RevisionInfo {
    /// 1, 2, 3 … per article.
    pub number: u32,
    /// The same in every library the revision travels to (a UUID v7 made
    /// where the revision was made).
    pub uid: String,
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub reason: RevisionReason,
}

/// How an edit is being saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveKind {
    /// Autosave: a revision only when the last is older than the editing interval.
    Auto,
    /// The writer pressed Save: a revision now (unless nothing changed).
    Explicit,
}

impl Store {
    /// Saves what the editor changed, as [`Store::update_fields`] does, and
    /// makes the revision the save calls for, in the same transaction: on an
    /// explicit save, always; on autosave, when the last revision is older
    /// than [`EDITING_INTERVAL_MINUTES`] (or there is none). No revision is
    /// made without an actor (nobody has said who they are yet), nor when the
    /// article is as its last revision.
    pub fn save_fields(
        &self,
        id: ArticleId,
        fields: ArticleFields,
        actor: Option<&Actor>,
        kind: SaveKind,
    ) -> Result<Article> {
        self.save_fields_at(id, fields, actor, kind, Utc::now())
    }

    /// [`Store::save_fields`] at a given time (tests of the editing interval).
    pub fn save_fields_at(
        &self,
        id: ArticleId,
        fields: ArticleFields,
        actor: Option<&Actor>,
        kind: SaveKind,
        now: DateTime<Utc>,
    ) -> Result<Article> {
        self.write(|tx| {
            let language = articles::language_of(tx, id)?;
            let draft = fields.into_draft(&language).normalized()?;
            articles::replace_at(tx, id, &draft, &format_utc(now))?;
            comments::follow_all(tx, id, &draft)?;
            let Some(actor) = actor else { return Ok(()) };
            let due = match kind {
                SaveKind::Explicit => true,
                SaveKind::Auto => match last_revision_at(tx, id)? {
                    None => true,
                    Some(at) => now - at >= Duration::minutes(EDITING_INTERVAL_MINUTES),
                },
            };
            if due {
                let reason = match kind {
                    SaveKind::Explicit => RevisionReason::Save,
                    SaveKind::Auto => RevisionReason::Editing,
                };
                record(tx, id, actor, reason, now)?;
            }
            Ok(())
        })?;
        self.article(&id.to_string())
    }

    /// Makes a revision of the article as it is now, unless it is as its last
    /// revision. Returns the revision made, if one was.
    pub fn make_revision(
        &self,
        id: ArticleId,
        actor: &Actor,
        reason: RevisionReason,
    ) -> Result<Option<RevisionInfo>> {
        self.write(|tx| record(tx, id, actor, reason, Utc::now()))
    }

    /// The article's revisions, oldest first.
    pub fn revisions(&self, id: ArticleId) -> Result<Vec<RevisionInfo>> {
        self.read(|c| {
            exists(c, id)?;
            Ok(c.prepare_cached(
                "SELECT number, at, actor, role, reason, uid FROM article_revisions
                 WHERE article_id = ?1 ORDER BY number",
            )?
            .query_map([id.to_string()], info)?
            .collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Revision `number` of the article, whole.
    pub fn revision(&self, id: ArticleId, number: u32) -> Result<Snapshot> {
        self.read(|c| snapshot(c, id, number))
    }

    /// Field by field, what changed from revision `from` to revision `to`
    /// (see `revision::compare`).
    pub fn compare_revisions(&self, id: ArticleId, from: u32, to: u32) -> Result<Vec<FieldChange>> {
        self.read(|c| {
            let a = snapshot(c, id, from)?;
            let b = snapshot(c, id, to)?;
            Ok(revision::compare(&a, &b))
        })
    }

    /// Makes the article as it was at revision `number`, and records that as
    /// a new revision: nothing is deleted, and the restore itself can be
    /// undone by restoring the revision before it.
    pub fn restore_revision(&self, id: ArticleId, number: u32, actor: &Actor) -> Result<Article> {
        self.write(|tx| {
            let language = articles::language_of(tx, id)?;
            let draft = snapshot(tx, id, number)?
                .into_draft(&language)
                .normalized()?;
            let now = Utc::now();
            articles::replace_at(tx, id, &draft, &format_utc(now))?;
            comments::follow_all(tx, id, &draft)?;
            record(tx, id, actor, RevisionReason::Restore, now)?;
            Ok(())
        })?;
        self.article(&id.to_string())
    }
}

#[cfg(feature = "synthetic")]
impl Store {
    /// Appends revisions made elsewhere to each article of `ids`, in one
    /// transaction (a synthetic history: `crate::synthetic`). `make` gets the
    /// article's place in `ids`, its newest snapshot (its last revision's,
    /// else its own) and whether it has a revision yet, and returns the
    /// snapshots to append with their times. Each is stored as
    /// [`Store::save_fields`] stores a revision (a delta on the one before
    /// where it can be), by `actor` for `reason`, and the article is left as
    /// the last one.
    pub(crate) fn append_revisions(
        &self,
        ids: &[ArticleId],
        actor: &Actor,
        reason: RevisionReason,
        mut make: impl FnMut(usize, &Snapshot, bool) -> Vec<(Snapshot, DateTime<Utc>)>,
    ) -> Result<()> {
        self.write(|tx| {
            for (j, &id) in ids.iter().enumerate() {
                let article = articles::find(tx, &id.to_string())?
                    .ok_or_else(|| CoreError::NotFound(id.to_string()))?;
                let mut number = latest(tx, id)?.unwrap_or(0);
                let mut prev = match number {
                    0 => None,
                    n => Some(load(tx, id, n)?),
                };
                let newest = prev
                    .as_ref()
                    .map_or_else(|| Snapshot::of(&article), |(s, _)| s.clone());
                let made = make(j, &newest, prev.is_some());
                if made.is_empty() {
                    continue;
                }
                for (next, at) in made {
                    let deltas = prev.as_ref().map_or(0, |(_, d)| *d);
                    let stored = revision::store(prev.as_ref().map(|(s, _)| s), deltas, &next);
                    number += 1;
                    insert(tx, id, number, &new_uid(), at, actor, reason, &stored)?;
                    let deltas = if stored.is_whole() { 0 } else { deltas + 1 };
                    prev = Some((next, deltas));
                }
                if let Some((last, _)) = prev {
                    let draft = last.into_draft(&article.language).normalized()?;
                    articles::replace(tx, id, &draft)?;
                }
            }
            Ok(())
        })
    }
}

fn info(r: &rusqlite::Row<'_>) -> rusqlite::Result<RevisionInfo> {
    Ok(RevisionInfo {
        number: r.get(0)?,
        at: utc_col(r, 1)?,
        actor: Actor {
            name: r.get(2)?,
            role: parse_col(r, 3)?,
        },
        reason: parse_col(r, 4)?,
        uid: r.get(5)?,
    })
}

fn exists(c: &Connection, id: ArticleId) -> Result<()> {
    c.query_row(
        "SELECT 1 FROM articles WHERE id = ?1",
        [id.to_string()],
        |_| Ok(()),
    )
    .optional()?
    .ok_or_else(|| CoreError::NotFound(id.to_string()))
}

fn last_revision_at(c: &Connection, id: ArticleId) -> Result<Option<DateTime<Utc>>> {
    Ok(c.query_row(
        "SELECT at FROM article_revisions WHERE article_id = ?1 ORDER BY number DESC LIMIT 1",
        [id.to_string()],
        |r| utc_col(r, 0),
    )
    .optional()?)
}

/// The latest revision's number, or None when the article has none.
pub(super) fn latest(c: &Connection, id: ArticleId) -> Result<Option<u32>> {
    Ok(c.query_row(
        "SELECT max(number) FROM article_revisions WHERE article_id = ?1",
        [id.to_string()],
        |r| r.get(0),
    )?)
}

/// Rebuilds revision `number`: its keyframe, then the deltas after it.
/// Also returns how many deltas follow the keyframe.
fn load(c: &Connection, id: ArticleId, number: u32) -> Result<(Snapshot, usize)> {
    let rows: Vec<(u32, bool, Vec<u8>)> = c
        .prepare_cached(
            "SELECT number, keyframe, data FROM article_revisions
             WHERE article_id = ?1 AND number <= ?2
               AND number >= (SELECT max(number) FROM article_revisions
                              WHERE article_id = ?1 AND number <= ?2 AND keyframe = 1)
             ORDER BY number",
        )?
        .query_map(params![id.to_string(), number], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    match rows.last() {
        Some((last, _, _)) if *last == number => {}
        _ => {
            return Err(CoreError::NotFound(format!(
                "revision {number} of article {id}"
            )));
        }
    }
    let (keyframe, deltas) = rows.split_first().expect("checked above");
    let deltas: Vec<&[u8]> = deltas.iter().map(|(_, _, d)| d.as_slice()).collect();
    let snapshot = revision::load(&keyframe.2, &deltas).map_err(|e| {
        CoreError::invalid(
            "revision",
            msg!("revisionUnreadable", number, id = id.to_string(), error = e),
        )
    })?;
    Ok((snapshot, deltas.len()))
}

fn snapshot(c: &Connection, id: ArticleId, number: u32) -> Result<Snapshot> {
    exists(c, id)?;
    Ok(load(c, id, number)?.0)
}

/// Makes a revision of the article as stored now, unless it is as its last
/// revision; in the caller's transaction.
pub(super) fn record(
    tx: &Transaction<'_>,
    id: ArticleId,
    actor: &Actor,
    reason: RevisionReason,
    at: DateTime<Utc>,
) -> Result<Option<RevisionInfo>> {
    let article =
        articles::find(tx, &id.to_string())?.ok_or_else(|| CoreError::NotFound(id.to_string()))?;
    let next = Snapshot::of(&article);
    if let Some(last) = latest(tx, id)?
        && load(tx, id, last)?.0 == next
    {
        return Ok(None);
    }
    store_snapshot(tx, id, &next, &new_uid(), actor, reason, at).map(Some)
}

/// A new revision id.
pub(super) fn new_uid() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Makes a revision holding `next` with the id `uid`, in the caller's
/// transaction, even when it is as the last revision (a version received
/// from another library is a revision of its own). The article itself is
/// not touched: a package's version is kept even when the article does not
/// take it.
pub(super) fn store_snapshot(
    tx: &Transaction<'_>,
    id: ArticleId,
    next: &Snapshot,
    uid: &str,
    actor: &Actor,
    reason: RevisionReason,
    at: DateTime<Utc>,
) -> Result<RevisionInfo> {
    let (stored, number) = match latest(tx, id)? {
        None => (revision::store(None, 0, next), 1),
        Some(last) => {
            let (prev, deltas) = load(tx, id, last)?;
            (revision::store(Some(&prev), deltas, next), last + 1)
        }
    };
    insert(tx, id, number, uid, at, actor, reason, &stored)?;
    Ok(RevisionInfo {
        number,
        uid: uid.to_owned(),
        at,
        actor: actor.clone(),
        reason,
    })
}

#[allow(clippy::too_many_arguments)]
fn insert(
    tx: &Transaction<'_>,
    id: ArticleId,
    number: u32,
    uid: &str,
    at: DateTime<Utc>,
    actor: &Actor,
    reason: RevisionReason,
    stored: &Stored,
) -> Result<()> {
    tx.execute(
        "INSERT INTO article_revisions
             (article_id, number, uid, at, actor, role, reason, keyframe, data)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id.to_string(),
            number,
            uid,
            format_utc(at),
            actor.name,
            actor.role.as_str(),
            reason.as_str(),
            stored.is_whole(),
            stored.bytes(),
        ],
    )?;
    Ok(())
}

/// Gives an id to every revision that has none (those made before schema 5).
pub(super) fn give_uids(tx: &Transaction<'_>) -> Result<()> {
    let rows: Vec<i64> = tx
        .prepare("SELECT id FROM article_revisions WHERE uid IS NULL ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare("UPDATE article_revisions SET uid = ?2 WHERE id = ?1")?;
    for row in rows {
        update.execute(params![row, new_uid()])?;
    }
    Ok(())
}

/// The article's revisions as listed in a hand-off package.
pub(super) fn records(c: &Connection, id: ArticleId) -> Result<Vec<RevisionRecord>> {
    Ok(c.prepare_cached(
        "SELECT uid, number, at, actor, role, reason FROM article_revisions
         WHERE article_id = ?1 ORDER BY number",
    )?
    .query_map([id.to_string()], |r| {
        Ok(RevisionRecord {
            id: r.get(0)?,
            number: r.get(1)?,
            at: r.get(2)?,
            actor: r.get(3)?,
            role: r.get(4)?,
            reason: r.get(5)?,
        })
    })?
    .collect::<rusqlite::Result<_>>()?)
}

/// The number of the article's revision with id `uid`, if the library has it.
pub(super) fn number_of(c: &Connection, id: ArticleId, uid: &str) -> Result<Option<u32>> {
    Ok(c.query_row(
        "SELECT number FROM article_revisions WHERE article_id = ?1 AND uid = ?2",
        params![id.to_string(), uid],
        |r| r.get(0),
    )
    .optional()?)
}

/// The newest of the article's revisions whose id is one of `uids`.
pub(super) fn newest_of(
    c: &Connection,
    id: ArticleId,
    uids: &[&str],
) -> Result<Option<(u32, String)>> {
    let mut best: Option<(u32, String)> = None;
    for uid in uids {
        if let Some(n) = number_of(c, id, uid)?
            && best.as_ref().is_none_or(|(b, _)| n > *b)
        {
            best = Some((n, (*uid).to_owned()));
        }
    }
    Ok(best)
}

/// The latest revision: number, id and content.
pub(super) fn latest_snapshot(
    c: &Connection,
    id: ArticleId,
) -> Result<Option<(u32, String, Snapshot)>> {
    let Some(number) = latest(c, id)? else {
        return Ok(None);
    };
    let uid: String = c.query_row(
        "SELECT uid FROM article_revisions WHERE article_id = ?1 AND number = ?2",
        params![id.to_string(), number],
        |r| r.get(0),
    )?;
    Ok(Some((number, uid, load(c, id, number)?.0)))
}

/// Revision `number`'s content.
pub(super) fn snapshot_at(c: &Connection, id: ArticleId, number: u32) -> Result<Snapshot> {
    Ok(load(c, id, number)?.0)
}

/// The newest revision that came from another library, by its id: what a
/// package names as its base.
pub(super) fn last_received(c: &Connection, id: ArticleId) -> Result<Option<String>> {
    Ok(c.query_row(
        "SELECT uid FROM article_revisions WHERE article_id = ?1 AND reason = 'received'
         ORDER BY number DESC LIMIT 1",
        [id.to_string()],
        |r| r.get(0),
    )
    .optional()?)
}
