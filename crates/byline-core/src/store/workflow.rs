//! All SQL for the workflow: who is at the keyboard (the profile), moves
//! between states, and the article's timeline.

use rusqlite::{OptionalExtension, params};

use super::{
    Store,
    articles::{now, parse_col, utc_col},
};
use crate::{
    article::{Article, ArticleId, Status},
    error::{CoreError, Result},
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
                    serde_json::from_str(&v)
                        .map_err(|e| CoreError::invalid("profile", e.to_string()))
                })
                .transpose()
        })
    }

    pub fn set_profile(&self, name: &str, role: Role) -> Result<Actor> {
        let actor = Actor::new(name, role)?;
        let json = serde_json::to_string(&actor)
            .map_err(|e| CoreError::invalid("profile", e.to_string()))?;
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
    /// records the move. `note` is required when requesting changes.
    pub fn move_article(
        &self,
        id: ArticleId,
        to: Status,
        actor: &Actor,
        note: &str,
    ) -> Result<Article> {
        let note = crate::text::nfc(note.trim());
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
            let at = now();
            tx.execute(
                "UPDATE articles SET status = ?2, updated_at = ?3 WHERE id = ?1",
                params![id.to_string(), to.as_str(), at],
            )?;
            tx.execute(
                "INSERT INTO article_transitions
                     (article_id, at, actor, role, from_status, to_status, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    id.to_string(),
                    at,
                    actor.name,
                    actor.role.as_str(),
                    from.as_str(),
                    to.as_str(),
                    note
                ],
            )?;
            Ok(())
        })?;
        self.article(&id.to_string())
    }

    /// The article's moves, oldest first.
    pub fn transitions(&self, id: ArticleId) -> Result<Vec<Transition>> {
        self.read(|c| {
            Ok(c.prepare_cached(
                "SELECT at, actor, role, from_status, to_status, note, override
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
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
        })
    }
}
