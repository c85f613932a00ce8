//! Commands of the editorial workflow: who is at the keyboard, moves between
//! states, the pre-publish checklist, revisions and comments. Every write is
//! made in the name of the library's profile.

use byline_core::{store, workflow};
use tauri::State;

use super::{AppState, articles::parse_id, blocking, profile};
use crate::{
    dto::{
        articles::{Article, ArticleFields, ArticleStatus},
        workflow::{
            Comment, CommentSpan, FieldChange, Finding, HistoryEvent, Profile, Revision,
            WorkflowRule,
        },
    },
    ipc_error::IpcError,
};

#[tauri::command]
pub async fn get_profile(state: State<'_, AppState>) -> Result<Option<Profile>, IpcError> {
    Ok(blocking(&state, |s| s.profile()).await?.map(Into::into))
}

#[tauri::command]
pub async fn set_profile(
    state: State<'_, AppState>,
    profile: Profile,
) -> Result<Profile, IpcError> {
    Ok(blocking(&state, move |s| {
        s.set_profile(&profile.name, profile.role.into())
    })
    .await?
    .into())
}

/// Every move the workflow allows, with who may make it.
#[tauri::command]
pub fn workflow_rules() -> Vec<WorkflowRule> {
    let mut rules = Vec::new();
    for from in byline_core::Status::ALL {
        for to in byline_core::Status::ALL {
            if let Some(role) = workflow::who_may(from, to) {
                rules.push(WorkflowRule {
                    from: from.into(),
                    to: to.into(),
                    role: role.into(),
                    note_required: workflow::check_move(from, to, role, "").is_err(),
                    checked: matches!(
                        to,
                        byline_core::Status::Submitted
                            | byline_core::Status::Approved
                            | byline_core::Status::Published
                    ),
                });
            }
        }
    }
    rules
}

/// Moves the article as the profile. A blocking checklist finding refuses
/// with the code `checklist_blocked`; an editor may pass `override_reason`.
#[tauri::command]
pub async fn move_article(
    state: State<'_, AppState>,
    id: String,
    to: ArticleStatus,
    note: String,
    override_reason: Option<String>,
) -> Result<Article, IpcError> {
    let id = parse_id(&id)?;
    Ok(blocking(&state, move |s| {
        s.move_article(
            id,
            to.into(),
            &profile(s)?,
            &note,
            override_reason.as_deref(),
        )
    })
    .await?
    .into())
}

/// The checklist of the article as the editor shows it (unsaved fields
/// included), worded in `language` ("vi" or "en").
#[tauri::command]
pub async fn check_article(
    state: State<'_, AppState>,
    id: String,
    fields: ArticleFields,
    publishing: bool,
    language: String,
) -> Result<Vec<Finding>, IpcError> {
    let id = parse_id(&id)?;
    let fields = byline_core::ArticleFields::try_from(fields)?;
    let findings = blocking(&state, move |s| s.check_fields(id, fields, publishing)).await?;
    Ok(findings
        .iter()
        .map(|f| Finding::new(f, &language))
        .collect())
}

/// Ctrl+S: saves the fields and makes a revision now (unless nothing changed).
#[tauri::command]
pub async fn save_revision(
    state: State<'_, AppState>,
    id: String,
    fields: ArticleFields,
) -> Result<Article, IpcError> {
    let id = parse_id(&id)?;
    let fields = byline_core::ArticleFields::try_from(fields)?;
    Ok(blocking(&state, move |s| {
        s.save_fields(id, fields, Some(&profile(s)?), store::SaveKind::Explicit)
    })
    .await?
    .into())
}

/// Revisions, moves and comments, oldest first.
#[tauri::command]
pub async fn article_history(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<HistoryEvent>, IpcError> {
    let id = parse_id(&id)?;
    let events = blocking(&state, move |s| s.history(id)).await?;
    Ok(events.into_iter().map(Into::into).collect())
}

#[tauri::command]
pub async fn list_revisions(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<Revision>, IpcError> {
    let id = parse_id(&id)?;
    let revisions = blocking(&state, move |s| s.revisions(id)).await?;
    Ok(revisions.into_iter().map(Into::into).collect())
}

/// What changed from revision `from` to revision `to`, field by field.
#[tauri::command]
pub async fn compare_revisions(
    state: State<'_, AppState>,
    id: String,
    from: u32,
    to: u32,
) -> Result<Vec<FieldChange>, IpcError> {
    let id = parse_id(&id)?;
    let changes = blocking(&state, move |s| s.compare_revisions(id, from, to)).await?;
    Ok(changes.into_iter().map(Into::into).collect())
}

/// Makes the article as it was at revision `number`, as a new revision.
#[tauri::command]
pub async fn restore_revision(
    state: State<'_, AppState>,
    id: String,
    number: u32,
) -> Result<Article, IpcError> {
    let id = parse_id(&id)?;
    Ok(blocking(&state, move |s| {
        s.restore_revision(id, number, &profile(s)?)
    })
    .await?
    .into())
}

#[tauri::command]
pub async fn list_comments(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<Comment>, IpcError> {
    let id = parse_id(&id)?;
    let comments = blocking(&state, move |s| s.comments(id)).await?;
    Ok(comments.into_iter().map(Into::into).collect())
}

/// A comment on the whole article, or on `span` of its saved body or caption.
#[tauri::command]
pub async fn add_comment(
    state: State<'_, AppState>,
    id: String,
    body: String,
    span: Option<CommentSpan>,
) -> Result<Comment, IpcError> {
    let id = parse_id(&id)?;
    let on = span.map(|span| (span.target.into(), span.start as usize..span.end as usize));
    Ok(
        blocking(&state, move |s| s.add_comment(id, &profile(s)?, &body, on))
            .await?
            .into(),
    )
}

/// Resolves the comment (`resolved`), or opens it again.
#[tauri::command]
pub async fn resolve_comment(
    state: State<'_, AppState>,
    comment_id: String,
    resolved: bool,
) -> Result<Comment, IpcError> {
    Ok(blocking(&state, move |s| {
        if resolved {
            s.resolve_comment(&comment_id, &profile(s)?)
        } else {
            s.reopen_comment(&comment_id)
        }
    })
    .await?
    .into())
}
