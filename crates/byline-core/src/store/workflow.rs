//! All SQL for the workflow: who is at the keyboard (the profile), moves
//! between states, and the article's timeline.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use chrono::Utc;

use super::{
    Store, articles,
    comments::Comment,
    revisions::{self, RevisionInfo, RevisionReason},
    rows::{format_utc, parse_col, utc_col},
    settings,
};
use crate::{
    article::{Article, ArticleId, Status},
    checklist,
    error::{CoreError, Message, Result},
    msg,
    package::TransitionRecord,
    workflow::{self, Actor, Role},
};

/// One move of the article between states, as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct Transition {
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor: Actor,
    pub from: Status,
    pub to: Status,
    pub note: String,
    /// Why a blocking checklist finding was overridden.
    pub overridden: Option<String>,
    /// The article's latest revision once moved: the text as submitted,
    /// approved… (None only for an article that has no revision at all).
    pub revision: Option<u32>,
}

impl Store {
    /// Who is at the keyboard on this library, once they have said so.
    pub fn profile(&self) -> Result<Option<Actor>> {
        self.read(|c| {
            let value: Option<String> = c
                .query_row(
                    "SELECT value FROM settings WHERE key = 'profile'",
                    [],
                    |r| r.get(0),
                )
                .optional()?;
            value
                .map(|v| {
                    serde_json::from_str(&v).map_err(|e| {
                        CoreError::invalid("profile", Message::verbatim(e.to_string()))
                    })
                })
                .transpose()
        })
    }

    pub fn set_profile(&self, name: &str, role: Role) -> Result<Actor> {
        let actor = Actor::new(name, role)?;
        let json = serde_json::to_string(&actor)
            .map_err(|e| CoreError::invalid("profile", Message::verbatim(e.to_string())))?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ('profile', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [json],
            )?;
            Ok(())
        })?;
        Ok(actor)
    }

    /// Moves the article to `to` as `actor`, if the workflow allows it, and
    /// records the move with a revision of the article as it was moved.
    /// `note` is required when requesting changes.
    ///
    /// Submitting, approving and publishing run the pre-publish checklist
    /// first; a blocking finding stops the move ([`CoreError::Blocked`])
    /// unless an editor gives `overriding`, a reason, which is recorded.
    pub fn move_article(
        &self,
        id: ArticleId,
        to: Status,
        actor: &Actor,
        note: &str,
        overriding: Option<&str>,
    ) -> Result<Article> {
        let note = crate::text::nfc(note.trim());
        let overriding = overriding
            .map(|r| crate::text::nfc(r.trim()))
            .filter(|r| !r.is_empty());
        self.write(|tx| {
            let from: Status = tx
                .query_row(
                    "SELECT status FROM articles WHERE id = ?1",
                    [id.to_string()],
                    |r| parse_col(r, 0),
                )
                .optional()?
                .ok_or_else(|| CoreError::NotFound(id.to_string()))?;
            workflow::check_move(from, to, actor.role, &note)?;
            let mut recorded_override = None;
            if matches!(to, Status::Submitted | Status::Approved | Status::Published) {
                let article = articles::find(tx, &id.to_string())?
                    .ok_or_else(|| CoreError::NotFound(id.to_string()))?;
                let settings = settings::read_settings(tx)?;
                let findings = checklist::check(&article, &settings, to == Status::Published);
                if checklist::has_blocking(&findings) {
                    match (&overriding, actor.role) {
                        (Some(reason), Role::Editor) => recorded_override = Some(reason.clone()),
                        (Some(_), Role::Reporter) => {
                            return Err(CoreError::invalid(
                                "override",
                                msg!("workflowOverrideEditorOnly"),
                            ));
                        }
                        (None, _) => {
                            return Err(CoreError::Blocked {
                                findings: checklist::blocking_words(&findings),
                            });
                        }
                    }
                }
            }
            let at = Utc::now();
            revisions::record(tx, id, actor, RevisionReason::Transition, at)?;
            let revision = revisions::latest(tx, id)?;
            tx.execute(
                "UPDATE articles SET status = ?2, updated_at = ?3 WHERE id = ?1",
                params![id.to_string(), to.as_str(), format_utc(at)],
            )?;
            insert_transition(
                tx,
                id,
                &Transition {
                    at,
                    actor: actor.clone(),
                    from,
                    to,
                    note: note.clone(),
                    overridden: recorded_override,
                    revision,
                },
            )
        })?;
        self.article(&id.to_string())
    }

    /// The article's moves, oldest first.
    pub fn transitions(&self, id: ArticleId) -> Result<Vec<Transition>> {
        self.read(|c| {
            Ok(c.prepare_cached(
                "SELECT at, actor, role, from_status, to_status, note, override, revision
                 FROM article_transitions WHERE article_id = ?1 ORDER BY id",
            )?
            .query_map([id.to_string()], |r| {
                Ok(Transition {
                    at: utc_col(r, 0)?,
                    actor: Actor {
                        name: r.get(1)?,
                        role: parse_col(r, 2)?,
                    },
                    from: parse_col(r, 3)?,
                    to: parse_col(r, 4)?,
                    note: r.get(5)?,
                    overridden: r.get(6)?,
                    revision: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
        })
    }
}

/// One thing that happened to an article, for its timeline.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryEvent {
    Revision(RevisionInfo),
    Transition(Transition),
    Comment(Comment),
}

impl HistoryEvent {
    pub fn at(&self) -> chrono::DateTime<Utc> {
        match self {
            HistoryEvent::Revision(r) => r.at,
            HistoryEvent::Transition(t) => t.at,
            HistoryEvent::Comment(c) => c.at,
        }
    }
}

impl Store {
    /// The pre-publish checklist of the article as it would be with `fields`
    /// (what the editor shows live, before the save lands). `publishing`
    /// adds the checks before marking it published.
    pub fn check_fields(
        &self,
        id: ArticleId,
        fields: crate::article::ArticleFields,
        publishing: bool,
    ) -> Result<Vec<checklist::Finding>> {
        let article = self.with_fields(id, fields)?;
        Ok(checklist::check(&article, &self.settings()?, publishing))
    }

    /// The article's revisions, moves and comments, oldest first. A move and
    /// the revision it made share their time; the revision comes first.
    pub fn history(&self, id: ArticleId) -> Result<Vec<HistoryEvent>> {
        let mut events: Vec<HistoryEvent> = self
            .revisions(id)?
            .into_iter()
            .map(HistoryEvent::Revision)
            .chain(
                self.transitions(id)?
                    .into_iter()
                    .map(HistoryEvent::Transition),
            )
            .chain(self.comments(id)?.into_iter().map(HistoryEvent::Comment))
            .collect();
        // A stable sort keeps each kind's own order within one instant.
        events.sort_by_key(|e| e.at());
        Ok(events)
    }
}

/// The article's moves as stored, for a hand-off package; a move's revision
/// is named by its id, which the other library knows, not by its number.
pub(super) fn records(c: &Connection, id: ArticleId) -> Result<Vec<TransitionRecord>> {
    Ok(c.prepare_cached(
        "SELECT t.at, t.actor, t.role, t.from_status, t.to_status, t.note, t.override, r.uid
         FROM article_transitions t
         LEFT JOIN article_revisions r
                ON r.article_id = t.article_id AND r.number = t.revision
         WHERE t.article_id = ?1 ORDER BY t.id",
    )?
    .query_map([id.to_string()], |r| {
        Ok(TransitionRecord {
            at: r.get(0)?,
            actor: r.get(1)?,
            role: r.get(2)?,
            from: r.get(3)?,
            to: r.get(4)?,
            note: r.get(5)?,
            overridden: r.get(6)?,
            revision: r.get(7)?,
        })
    })?
    .collect::<rusqlite::Result<_>>()?)
}

/// Adds the moves a package brought that the library does not hold (the
/// same time, person and states), then puts the article in the state of the
/// newest move of either side: the workflow's rules were applied where the
/// move was made.
pub(super) fn merge_records(
    tx: &Transaction<'_>,
    id: ArticleId,
    records: &[TransitionRecord],
) -> Result<()> {
    for t in records {
        let at = chrono::DateTime::parse_from_rfc3339(&t.at)
            .map_err(|e| {
                let error = e.to_string();
                CoreError::invalid("comments.json", msg!("handoffMoveTime", at = &t.at, error))
            })?
            .with_timezone(&Utc);
        let role: Role = t.role.parse()?;
        let from: Status = t.from.parse()?;
        let to: Status = t.to.parse()?;
        let actor = crate::text::line_text(&t.actor);
        let known = tx
            .query_row(
                "SELECT 1 FROM article_transitions WHERE article_id = ?1 AND at = ?2
                   AND actor = ?3 AND from_status = ?4 AND to_status = ?5",
                params![
                    id.to_string(),
                    format_utc(at),
                    actor,
                    from.as_str(),
                    to.as_str()
                ],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if known {
            continue;
        }
        let revision: Option<u32> = match &t.revision {
            None => None,
            Some(uid) => revisions::number_of(tx, id, uid)?,
        };
        insert_transition(
            tx,
            id,
            &Transition {
                at,
                actor: Actor { name: actor, role },
                from,
                to,
                note: crate::text::nfc(&t.note),
                overridden: t.overridden.as_deref().map(crate::text::nfc),
                revision,
            },
        )?;
    }
    let newest: Option<String> = tx
        .query_row(
            "SELECT to_status FROM article_transitions WHERE article_id = ?1
             ORDER BY at DESC, id DESC LIMIT 1",
            [id.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(status) = newest {
        let status: Status = status.parse()?;
        tx.execute(
            "UPDATE articles SET status = ?2 WHERE id = ?1",
            params![id.to_string(), status.as_str()],
        )?;
    }
    Ok(())
}

fn insert_transition(tx: &Transaction<'_>, id: ArticleId, t: &Transition) -> Result<()> {
    tx.execute(
        "INSERT INTO article_transitions
             (article_id, at, actor, role, from_status, to_status, note, override, revision)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id.to_string(),
            format_utc(t.at),
            t.actor.name,
            t.actor.role.as_str(),
            t.from.as_str(),
            t.to.as_str(),
            t.note,
            t.overridden,
            t.revision
        ],
    )?;
    Ok(())
}
