//! The editorial workflow (`commands/workflow.rs`): who is at the keyboard,
//! the moves between states, the pre-publish checklist, revisions with the
//! word diff between two of them, and comments.

use byline_core::{checklist, revision, store, workflow};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::articles::ArticleStatus;

/// Reporter or editor: what the workflow lets a person do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    Reporter,
    Editor,
}

impl From<workflow::Role> for Role {
    fn from(r: workflow::Role) -> Self {
        match r {
            workflow::Role::Reporter => Role::Reporter,
            workflow::Role::Editor => Role::Editor,
        }
    }
}

impl From<Role> for workflow::Role {
    fn from(r: Role) -> Self {
        match r {
            Role::Reporter => workflow::Role::Reporter,
            Role::Editor => workflow::Role::Editor,
        }
    }
}

/// Who is at the keyboard.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Profile {
    pub name: String,
    pub role: Role,
}

impl From<workflow::Actor> for Profile {
    fn from(a: workflow::Actor) -> Self {
        let workflow::Actor { name, role } = a;
        Profile {
            name,
            role: role.into(),
        }
    }
}

/// One allowed move of the workflow: who may take an article from `from` to `to`.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct WorkflowRule {
    pub from: ArticleStatus,
    pub to: ArticleStatus,
    pub role: Role,
    /// The move needs a note (requesting changes).
    pub note_required: bool,
    /// The pre-publish checklist runs before it.
    pub checked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FindingSeverity {
    Blocking,
    Warning,
}

impl From<checklist::Severity> for FindingSeverity {
    fn from(s: checklist::Severity) -> Self {
        match s {
            checklist::Severity::Blocking => FindingSeverity::Blocking,
            checklist::Severity::Warning => FindingSeverity::Warning,
        }
    }
}

/// One finding of the pre-publish checklist, worded in the UI's language.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Finding {
    /// The rule's name (`sapo_missing`, `placeholder`…), stable.
    pub rule: String,
    pub severity: FindingSeverity,
    /// The field it is about: `headline`, `photos[1].caption`, `body`…
    pub field: String,
    pub message: String,
}

impl Finding {
    pub fn new(f: &checklist::Finding, language: &str) -> Self {
        let checklist::Finding {
            rule,
            severity,
            field,
            // Worded into `message`, with the rule, by `checklist::message`.
            detail: _,
        } = f;
        Finding {
            rule: serde_json::to_value(rule)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            severity: (*severity).into(),
            field: field.clone(),
            message: checklist::message(f, language),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Revision {
    pub number: u32,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    pub role: Role,
    /// `save`, `transition`, `import`, `editing` or `restore`.
    pub reason: String,
}

impl From<store::RevisionInfo> for Revision {
    fn from(r: store::RevisionInfo) -> Self {
        let store::RevisionInfo {
            number,
            // Names the revision across libraries (packages); here its
            // number does, and the UI sends that back.
            uid: _,
            at,
            actor: workflow::Actor { name, role },
            reason,
        } = r;
        Revision {
            number,
            at: at.to_rfc3339(),
            actor: name,
            role: role.into(),
            reason: reason.as_str().to_owned(),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Transition {
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    pub role: Role,
    pub from: ArticleStatus,
    pub to: ArticleStatus,
    pub note: String,
    /// Why an editor moved past blocking checklist findings.
    pub override_reason: Option<String>,
    /// The article's revision once moved: the text as submitted, approved…
    pub revision: Option<u32>,
}

impl From<store::Transition> for Transition {
    fn from(t: store::Transition) -> Self {
        let store::Transition {
            at,
            actor: workflow::Actor { name, role },
            from,
            to,
            note,
            overridden,
            revision,
        } = t;
        Transition {
            at: at.to_rfc3339(),
            actor: name,
            role: role.into(),
            from: from.into(),
            to: to.into(),
            note,
            override_reason: overridden,
            revision,
        }
    }
}

/// What an anchored comment is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum CommentTarget {
    Body,
    /// The caption of the photo placed with this file name.
    Caption {
        file: String,
    },
}

impl From<store::CommentTarget> for CommentTarget {
    fn from(t: store::CommentTarget) -> Self {
        match t {
            store::CommentTarget::Body => CommentTarget::Body,
            store::CommentTarget::Caption(file) => CommentTarget::Caption { file },
        }
    }
}

impl From<CommentTarget> for store::CommentTarget {
    fn from(t: CommentTarget) -> Self {
        match t {
            CommentTarget::Body => store::CommentTarget::Body,
            CommentTarget::Caption { file } => store::CommentTarget::Caption(file),
        }
    }
}

/// The span a new comment is about, in UTF-16 code units of the saved text
/// (a textarea's or CodeMirror's selection offsets).
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct CommentSpan {
    pub target: CommentTarget,
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Comment {
    pub id: String,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    pub role: Role,
    pub body: String,
    /// Absent for a comment on the whole article.
    pub target: Option<CommentTarget>,
    /// The quoted text as it was when the comment was made.
    pub quote: Option<String>,
    /// Where the quote is now (UTF-16 code units of the target's saved text);
    /// absent when anchored but outdated.
    pub start: Option<u32>,
    pub end: Option<u32>,
    /// Anchored, and the quoted text is gone.
    pub outdated: bool,
    pub resolved_at: Option<String>,
    pub resolved_by: Option<String>,
}

impl From<store::Comment> for Comment {
    fn from(c: store::Comment) -> Self {
        let store::Comment {
            id,
            at,
            actor: workflow::Actor { name, role },
            body,
            anchor,
            resolved,
        } = c;
        let (target, quote, range) = match anchor {
            None => (None, None, None),
            Some(store::CommentAnchor {
                target,
                quote,
                range,
            }) => (Some(target.into()), Some(quote), Some(range)),
        };
        let outdated = matches!(range, Some(None));
        let span = range.flatten();
        let (resolved_at, resolved_by) =
            resolved.map_or((None, None), |(at, by)| (Some(at.to_rfc3339()), Some(by)));
        Comment {
            id,
            at: at.to_rfc3339(),
            actor: name,
            role: role.into(),
            body,
            target,
            quote,
            start: span.as_ref().map(|r| r.start as u32),
            end: span.as_ref().map(|r| r.end as u32),
            outdated,
            resolved_at,
            resolved_by,
        }
    }
}

/// One entry of an article's timeline.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum HistoryEvent {
    Revision(Revision),
    Transition(Transition),
    Comment(Comment),
}

impl From<store::HistoryEvent> for HistoryEvent {
    fn from(e: store::HistoryEvent) -> Self {
        match e {
            store::HistoryEvent::Revision(r) => HistoryEvent::Revision(r.into()),
            store::HistoryEvent::Transition(t) => HistoryEvent::Transition(t.into()),
            store::HistoryEvent::Comment(c) => HistoryEvent::Comment(c.into()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DiffKind {
    Same,
    Added,
    Removed,
}

impl From<revision::DiffKind> for DiffKind {
    fn from(k: revision::DiffKind) -> Self {
        match k {
            revision::DiffKind::Same => DiffKind::Same,
            revision::DiffKind::Added => DiffKind::Added,
            revision::DiffKind::Removed => DiffKind::Removed,
        }
    }
}

/// A run of words a diff kept, added or removed: between two revisions
/// here, between two libraries' versions in a package's conflicts.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DiffPart {
    pub kind: DiffKind,
    pub text: String,
}

impl From<revision::DiffPart> for DiffPart {
    fn from(p: revision::DiffPart) -> Self {
        let revision::DiffPart { kind, text } = p;
        DiffPart {
            kind: kind.into(),
            text,
        }
    }
}

/// One field's change between two revisions; `parts` word by word (syllables).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FieldChange {
    /// `headline`, `body`, `keywords`, `photos[1].caption`…
    pub field: String,
    pub before: String,
    pub after: String,
    pub parts: Vec<DiffPart>,
}

impl From<revision::FieldChange> for FieldChange {
    fn from(c: revision::FieldChange) -> Self {
        let revision::FieldChange {
            field,
            before,
            after,
            parts,
        } = c;
        FieldChange {
            field,
            before,
            after,
            parts: parts.into_iter().map(Into::into).collect(),
        }
    }
}
