//! All SQL for comments: general ones, and ones anchored to a quoted span of
//! the body or of a photo caption (`crate::anchor` finds the quote again).
//!
//! Offsets cross this API in UTF-16 code units, as a web editor's selection
//! counts them, so the app passes them through unchanged; inside, anchors
//! work in bytes.

use std::ops::Range;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{
    Store, articles,
    rows::{format_utc, now, parse_col, utc_col},
};
use crate::{
    anchor::{self, Anchor},
    article::{Article, ArticleDraft, ArticleId},
    error::{CoreError, Message, Result},
    msg,
    package::CommentRecord,
    text,
    workflow::Actor,
};

/// What an anchored comment is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommentTarget {
    Body,
    /// The caption of the photo placed with this file name.
    Caption(String),
}

impl CommentTarget {
    fn stored(&self) -> String {
        match self {
            CommentTarget::Body => "body".to_owned(),
            CommentTarget::Caption(file) => format!("caption:{file}"),
        }
    }

    fn parse(s: &str) -> Option<CommentTarget> {
        match s {
            "body" => Some(CommentTarget::Body),
            _ => s
                .strip_prefix("caption:")
                .map(|file| CommentTarget::Caption(file.to_owned())),
        }
    }

    /// The target's text in a draft just written; None when it has no such photo.
    fn text_in_draft<'a>(&self, draft: &'a ArticleDraft) -> Option<&'a str> {
        match self {
            CommentTarget::Body => Some(&draft.body),
            CommentTarget::Caption(file) => draft
                .photos
                .iter()
                .find(|p| &p.file == file)
                .map(|p| p.caption.as_str()),
        }
    }

    /// The target's text in `article`; None when it has no such photo.
    fn text_in<'a>(&self, article: &'a Article) -> Option<&'a str> {
        match self {
            CommentTarget::Body => Some(&article.body),
            CommentTarget::Caption(file) => article
                .photos
                .iter()
                .find(|p| &p.file == file)
                .map(|p| p.caption.as_str()),
        }
    }
}

/// Where a comment's quote is in the article now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentAnchor {
    pub target: CommentTarget,
    /// The quoted text as it was when the comment was made.
    pub quote: String,
    /// Where the quote (or what it became) is now, in UTF-16 code units of
    /// the target's text; None when it is gone: the comment is outdated.
    pub range: Option<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub id: String,
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub body: String,
    /// None for a comment on the whole article.
    pub anchor: Option<CommentAnchor>,
    /// When and by whom it was resolved, while it is.
    pub resolved: Option<(DateTime<Utc>, String)>,
}

impl Store {
    /// Adds a comment by `actor`: on the whole article, or on `range` (UTF-16
    /// code units) of the target's text as saved now.
    pub fn add_comment(
        &self,
        article: ArticleId,
        actor: &Actor,
        body: &str,
        on: Option<(CommentTarget, Range<usize>)>,
    ) -> Result<Comment> {
        let body = text::nfc(body.trim());
        if body.is_empty() {
            return Err(CoreError::invalid("comment", msg!("commentEmpty")));
        }
        let id = uuid::Uuid::now_v7().to_string();
        self.write(|tx| {
            let saved = articles::find(tx, &article.to_string())?
                .ok_or_else(|| CoreError::NotFound(article.to_string()))?;
            let (target, anchor) = match &on {
                None => (None, None),
                Some((target, range)) => {
                    let text = target.text_in(&saved).ok_or_else(|| {
                        CoreError::invalid(
                            "comment",
                            msg!("commentNoSuchPhoto", file = caption_file(target)),
                        )
                    })?;
                    let bytes = utf16_to_bytes(text, range.clone()).ok_or_else(|| {
                        CoreError::invalid(
                            "comment",
                            msg!("commentSpanOutside", start = range.start, end = range.end),
                        )
                    })?;
                    let anchor = anchor::anchor(text, bytes)
                        .map_err(|e| CoreError::invalid("comment", e))?;
                    (Some(target.stored()), Some(to_json(&anchor)?))
                }
            };
            tx.execute(
                "INSERT INTO article_comments (id, article_id, at, actor, role, body, target, anchor)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    id,
                    article.to_string(),
                    now(),
                    actor.name,
                    actor.role.as_str(),
                    body,
                    target,
                    anchor
                ],
            )?;
            Ok(())
        })?;
        self.comments(article)?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| CoreError::NotFound(id))
    }

    /// The article's comments, oldest first, each anchor located in the
    /// article as saved now.
    pub fn comments(&self, article: ArticleId) -> Result<Vec<Comment>> {
        self.read(|c| {
            let saved = articles::find(c, &article.to_string())?
                .ok_or_else(|| CoreError::NotFound(article.to_string()))?;
            read_all(c, article)?
                .into_iter()
                .map(|row| {
                    let anchor = match row.anchor {
                        None => None,
                        Some((target, anchor)) => {
                            let range =
                                target.text_in(&saved).and_then(|text| {
                                    match anchor::locate(&anchor, text) {
                                        anchor::Located::Found(r) => Some(bytes_to_utf16(text, r)),
                                        anchor::Located::Outdated => None,
                                    }
                                });
                            Some(CommentAnchor {
                                target,
                                quote: anchor.quote,
                                range,
                            })
                        }
                    };
                    Ok(Comment {
                        id: row.id,
                        at: row.at,
                        actor: row.actor,
                        body: row.body,
                        anchor,
                        resolved: row.resolved,
                    })
                })
                .collect()
        })
    }

    /// Marks the comment resolved by `actor` (again: the latest resolution counts).
    pub fn resolve_comment(&self, comment: &str, actor: &Actor) -> Result<Comment> {
        self.set_resolution(comment, Some(&actor.name))
    }

    /// Opens a resolved comment again.
    pub fn reopen_comment(&self, comment: &str) -> Result<Comment> {
        self.set_resolution(comment, None)
    }

    fn set_resolution(&self, comment: &str, by: Option<&str>) -> Result<Comment> {
        let article: String = self.write(|tx| {
            let article: String = tx
                .query_row(
                    "SELECT article_id FROM article_comments WHERE id = ?1",
                    [comment],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| CoreError::invalid("comment", msg!("commentNotFound", comment)))?;
            tx.execute(
                "UPDATE article_comments SET resolved_at = ?2, resolved_by = ?3 WHERE id = ?1",
                params![comment, by.map(|_| now()), by],
            )?;
            Ok(article)
        })?;
        let id = article
            .parse()
            .map_err(|_| CoreError::NotFound(article.clone()))?;
        self.comments(id)?
            .into_iter()
            .find(|c| c.id == comment)
            .ok_or_else(|| CoreError::invalid("comment", msg!("commentNotFound", comment)))
    }
}

fn caption_file(target: &CommentTarget) -> &str {
    match target {
        CommentTarget::Body => "",
        CommentTarget::Caption(file) => file,
    }
}

struct Row {
    id: String,
    at: DateTime<Utc>,
    actor: Actor,
    body: String,
    anchor: Option<(CommentTarget, Anchor)>,
    resolved: Option<(DateTime<Utc>, String)>,
}

fn read_all(c: &Connection, article: ArticleId) -> Result<Vec<Row>> {
    let mut stmt = c.prepare_cached(
        "SELECT id, at, actor, role, body, target, anchor, resolved_at, resolved_by
         FROM article_comments WHERE article_id = ?1 ORDER BY at, id",
    )?;
    let rows = stmt.query_map([article.to_string()], |r| {
        let target: Option<String> = r.get(5)?;
        let anchor: Option<String> = r.get(6)?;
        let resolved_at: Option<String> = r.get(7)?;
        Ok((
            r.get::<_, String>(0)?,
            utc_col(r, 1)?,
            Actor {
                name: r.get(2)?,
                role: parse_col(r, 3)?,
            },
            r.get::<_, String>(4)?,
            target.zip(anchor),
            resolved_at.map(|_| utc_col(r, 7)).transpose()?,
            r.get::<_, Option<String>>(8)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, at, actor, body, anchor, resolved_at, resolved_by) = row?;
        let anchor = match anchor {
            None => None,
            Some((target, json)) => {
                let target = CommentTarget::parse(&target).ok_or_else(|| {
                    CoreError::invalid("comment", msg!("commentTargetInvalid", id = &id, target))
                })?;
                let anchor: Anchor = serde_json::from_str(&json).map_err(|e| {
                    CoreError::invalid(
                        "comment",
                        msg!("commentAnchorInvalid", id = &id, error = e.to_string()),
                    )
                })?;
                Some((target, anchor))
            }
        };
        out.push(Row {
            id,
            at,
            actor,
            body,
            anchor,
            resolved: resolved_at.map(|at| (at, resolved_by.unwrap_or_default())),
        });
    }
    Ok(out)
}

/// Moves every anchor of the article to where its quote is in `saved`, the
/// draft just written, so that small edits one after another never add up
/// to a lost quote. An anchor whose quote is gone stays as it was: it is
/// outdated, and may come back if the text does.
pub(super) fn follow_all(
    tx: &Transaction<'_>,
    article: ArticleId,
    saved: &ArticleDraft,
) -> Result<()> {
    let rows = read_all(tx, article)?;
    for row in rows {
        let Some((target, anchor)) = row.anchor else {
            continue;
        };
        let Some(text) = target.text_in_draft(saved) else {
            continue;
        };
        if let Some(moved) = anchor::follow(&anchor, text)
            && moved != anchor
        {
            tx.execute(
                "UPDATE article_comments SET anchor = ?2 WHERE id = ?1",
                params![row.id, to_json(&moved)?],
            )?;
        }
    }
    Ok(())
}

fn to_json(anchor: &Anchor) -> Result<String> {
    serde_json::to_string(anchor)
        .map_err(|e| CoreError::invalid("comment", Message::verbatim(e.to_string())))
}

/// Byte offsets of a UTF-16 range of `text`; None when it is outside the
/// text or splits a surrogate pair.
pub fn utf16_to_bytes(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let at = |units: usize| -> Option<usize> {
        let mut count = 0;
        for (i, ch) in text.char_indices() {
            if count == units {
                return Some(i);
            }
            if count > units {
                return None;
            }
            count += ch.len_utf16();
        }
        (count == units).then_some(text.len())
    };
    Some(at(range.start)?..at(range.end)?)
}

/// The UTF-16 range of a byte range of `text` (on char boundaries).
pub fn bytes_to_utf16(text: &str, range: Range<usize>) -> Range<usize> {
    let units = |bytes: usize| text[..bytes].chars().map(char::len_utf16).sum();
    units(range.start)..units(range.end)
}

/// The article's comments as stored, for a hand-off package.
pub(super) fn records(c: &Connection, article: ArticleId) -> Result<Vec<CommentRecord>> {
    let mut stmt = c.prepare_cached(
        "SELECT id, at, actor, role, body, target, anchor, resolved_at, resolved_by
         FROM article_comments WHERE article_id = ?1 ORDER BY at, id",
    )?;
    let rows = stmt.query_map([article.to_string()], |r| {
        let anchor: Option<String> = r.get(6)?;
        Ok((
            CommentRecord {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                role: r.get(3)?,
                body: r.get(4)?,
                target: r.get(5)?,
                anchor: None,
                resolved_at: r.get(7)?,
                resolved_by: r.get(8)?,
            },
            anchor,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (mut record, anchor) = row?;
        record.anchor = anchor
            .map(|a| serde_json::from_str(&a))
            .transpose()
            .map_err(|e| {
                CoreError::invalid(
                    "comment",
                    msg!(
                        "commentAnchorInvalid",
                        id = &record.id,
                        error = e.to_string()
                    ),
                )
            })?;
        out.push(record);
    }
    Ok(out)
}

/// Adds the comments a package brought that the library does not hold, and
/// takes a resolution made on the other side; a comment is never removed
/// and its text never changed (comments from both sides are kept).
pub(super) fn merge_records(
    tx: &Transaction<'_>,
    article: ArticleId,
    records: &[CommentRecord],
) -> Result<()> {
    for r in records {
        let bad = |message: Message| CoreError::invalid("comments.json", message);
        let time = |t: &str| {
            DateTime::parse_from_rfc3339(t)
                .map(|t| format_utc(t.with_timezone(&Utc)))
                .map_err(|e| {
                    bad(msg!(
                        "handoffCommentTime",
                        id = &r.id,
                        time = t,
                        error = e.to_string()
                    ))
                })
        };
        let at = time(&r.at)?;
        let resolved_at = r.resolved_at.as_deref().map(time).transpose()?;
        let resolved_by = r.resolved_by.as_deref().map(text::line_text);
        let role: crate::workflow::Role = r.role.parse()?;
        if let Some(target) = &r.target
            && CommentTarget::parse(target).is_none()
        {
            return Err(bad(msg!("handoffCommentTarget", id = &r.id, target)));
        }
        let anchor = r.anchor.as_ref().map(to_json).transpose()?;
        if r.target.is_some() != anchor.is_some() {
            return Err(bad(msg!("handoffCommentAnchor", id = &r.id)));
        }
        let owner: Option<String> = tx
            .query_row(
                "SELECT article_id FROM article_comments WHERE id = ?1",
                [&r.id],
                |row| row.get(0),
            )
            .optional()?;
        match owner {
            Some(owner) if owner != article.to_string() => {
                return Err(bad(msg!("handoffCommentElsewhere", id = &r.id)));
            }
            Some(_) => {
                if let (Some(resolved_at), Some(by)) = (&resolved_at, &resolved_by) {
                    tx.execute(
                        "UPDATE article_comments SET resolved_at = ?2, resolved_by = ?3
                         WHERE id = ?1 AND resolved_at IS NULL",
                        params![r.id, resolved_at, by],
                    )?;
                }
            }
            None => {
                tx.execute(
                    "INSERT INTO article_comments
                         (id, article_id, at, actor, role, body, target, anchor, resolved_at, resolved_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![
                        r.id,
                        article.to_string(),
                        at,
                        text::line_text(&r.actor),
                        role.as_str(),
                        text::nfc(&r.body),
                        r.target,
                        anchor,
                        resolved_at,
                        resolved_by
                    ],
                )?;
            }
        }
    }
    Ok(())
}
