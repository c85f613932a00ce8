//! The only types, with `ipc_error.rs`, that cross IPC. Core types never reach
//! the UI directly: if it is serialisable, it is a boundary, and it lives here.
//! TypeScript twins are generated into `ui/src/ipc/bindings/` by `cargo test`
//! (ts-rs), and CI fails when the committed ones drift.

use byline_core::{
    Article, ArticleFields as CoreFields, ArticleSummary as CoreSummary, Author,
    AuthorRole as CoreRole, PhotoPlacement, PlacementInput, Related, RelatedArticle, Settings,
    Status,
    checklist::{self, Finding},
    revision::{DiffKind, FieldChange},
    search_text::SnippetPart,
    store::{
        AddedPhoto as CoreAdded, Comment, CommentTarget, Counts, DateField as CoreDateField,
        Filter, HistoryEvent, Page, RevisionInfo, SearchHit, Sort, Transition,
    },
    text,
    workflow::{Actor, Role},
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ipc_error::IpcError;

/// Where the article is in the newsroom's workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ArticleStatus {
    Draft,
    Submitted,
    InReview,
    ChangesRequested,
    Approved,
    Published,
    Spiked,
}

impl From<Status> for ArticleStatus {
    fn from(s: Status) -> Self {
        match s {
            Status::Draft => ArticleStatus::Draft,
            Status::Submitted => ArticleStatus::Submitted,
            Status::InReview => ArticleStatus::InReview,
            Status::ChangesRequested => ArticleStatus::ChangesRequested,
            Status::Approved => ArticleStatus::Approved,
            Status::Published => ArticleStatus::Published,
            Status::Spiked => ArticleStatus::Spiked,
        }
    }
}

impl From<ArticleStatus> for Status {
    fn from(s: ArticleStatus) -> Self {
        match s {
            ArticleStatus::Draft => Status::Draft,
            ArticleStatus::Submitted => Status::Submitted,
            ArticleStatus::InReview => Status::InReview,
            ArticleStatus::ChangesRequested => Status::ChangesRequested,
            ArticleStatus::Approved => Status::Approved,
            ArticleStatus::Published => Status::Published,
            ArticleStatus::Spiked => Status::Spiked,
        }
    }
}

/// One row of the library list.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ArticleSummary {
    pub id: String,
    pub headline: String,
    pub status: ArticleStatus,
    pub slug: String,
    pub category: String,
    pub byline: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC.
    pub updated_at: String,
    /// RFC 3339 with the writer's offset.
    pub published_at: Option<String>,
}

impl From<CoreSummary> for ArticleSummary {
    fn from(s: CoreSummary) -> Self {
        ArticleSummary {
            id: s.id.to_string(),
            headline: s.headline,
            status: s.status.into(),
            slug: s.slug,
            category: s.category,
            byline: s.byline,
            created_at: s.created_at.to_rfc3339(),
            updated_at: s.updated_at.to_rfc3339(),
            published_at: s.published_at.map(|t| t.to_rfc3339()),
        }
    }
}

/// Which time the library's date range applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DateField {
    Created,
    #[default]
    Updated,
    Published,
}

/// The library's filters; `null` means "any".
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct LibraryFilter {
    pub status: Option<ArticleStatus>,
    pub category: Option<String>,
    /// A person in the byline or the authors.
    pub author: Option<String>,
    pub keyword: Option<String>,
    pub date_field: DateField,
    /// `YYYY-MM-DD`, a day in the newsroom's time zone, included.
    pub date_from: Option<String>,
    /// `YYYY-MM-DD`, included.
    pub date_to: Option<String>,
}

impl TryFrom<LibraryFilter> for Filter {
    type Error = IpcError;
    fn try_from(f: LibraryFilter) -> Result<Self, IpcError> {
        let day = |field: &str, value: Option<String>| -> Result<Option<NaiveDate>, IpcError> {
            value
                .filter(|v| !v.trim().is_empty())
                .map(|v| {
                    NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").map_err(|_| {
                        IpcError::invalid(byline_core::msg!(
                            "filterNotDate",
                            key = field,
                            value = &v
                        ))
                    })
                })
                .transpose()
        };
        let some = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
        Ok(Filter {
            status: f.status.map(Into::into),
            category: some(f.category),
            author: some(f.author),
            keyword: some(f.keyword),
            date_field: match f.date_field {
                DateField::Created => CoreDateField::Created,
                DateField::Updated => CoreDateField::Updated,
                DateField::Published => CoreDateField::Published,
            },
            from: day("date_from", f.date_from)?,
            to: day("date_to", f.date_to)?,
        })
    }
}

/// The order of the library list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LibrarySort {
    /// Last change, newest first.
    Updated,
    /// Publication time, newest first; unpublished last.
    Published,
    /// Headline in Vietnamese dictionary order.
    Headline,
}

impl From<LibrarySort> for Sort {
    fn from(s: LibrarySort) -> Self {
        match s {
            LibrarySort::Updated => Sort::Updated,
            LibrarySort::Published => Sort::Published,
            LibrarySort::Headline => Sort::Headline,
        }
    }
}

/// One page of the list; pass `next` back as the cursor for the page after it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LibraryPage {
    pub rows: Vec<ArticleSummary>,
    pub next: Option<String>,
}

impl From<Page> for LibraryPage {
    fn from(p: Page) -> Self {
        LibraryPage {
            rows: p.rows.into_iter().map(Into::into).collect(),
            next: p.next,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FacetCount {
    pub value: String,
    pub count: u32,
}

/// The counts beside the filters. Each facet's counts apply every other
/// filter, so a count says what choosing it would show.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LibraryCounts {
    /// Articles matching every filter.
    pub total: u32,
    pub by_status: Vec<FacetCount>,
    pub by_category: Vec<FacetCount>,
}

impl From<Counts> for LibraryCounts {
    fn from(c: Counts) -> Self {
        let facet = |v: Vec<(String, u64)>| {
            v.into_iter()
                .map(|(value, count)| FacetCount {
                    value,
                    count: u32::try_from(count).unwrap_or(u32::MAX),
                })
                .collect()
        };
        LibraryCounts {
            total: u32::try_from(c.total).unwrap_or(u32::MAX),
            by_status: facet(c.by_status),
            by_category: facet(c.by_category),
        }
    }
}

/// A piece of text in a search result; `hit` marks the words that matched.
/// Plain text, never markup.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TextPart {
    pub text: String,
    pub hit: bool,
}

/// One article found by the library search.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SearchHitDto {
    pub article: ArticleSummary,
    /// The headline with the matched words marked.
    pub headline: Vec<TextPart>,
    /// A passage of the sapo or body around the first match.
    pub snippet: Vec<TextPart>,
    pub score: f64,
    /// Matched the words as typed, marks included.
    pub exact: bool,
}

impl From<SearchHit> for SearchHitDto {
    fn from(h: SearchHit) -> Self {
        let parts = |v: Vec<SnippetPart>| {
            v.into_iter()
                .map(|p| TextPart {
                    text: p.text,
                    hit: p.hit,
                })
                .collect()
        };
        SearchHitDto {
            article: h.article.into(),
            headline: parts(h.headline),
            snippet: parts(h.snippet),
            score: h.score,
            exact: h.exact,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AuthorRole {
    Reporter,
    Photographer,
    Editor,
    Translator,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuthorDto {
    pub name: String,
    pub role: AuthorRole,
}

impl From<Author> for AuthorDto {
    fn from(a: Author) -> Self {
        let role = match a.role {
            CoreRole::Reporter => AuthorRole::Reporter,
            CoreRole::Photographer => AuthorRole::Photographer,
            CoreRole::Editor => AuthorRole::Editor,
            CoreRole::Translator => AuthorRole::Translator,
        };
        AuthorDto { name: a.name, role }
    }
}

impl From<AuthorDto> for Author {
    fn from(a: AuthorDto) -> Self {
        let role = match a.role {
            AuthorRole::Reporter => CoreRole::Reporter,
            AuthorRole::Photographer => CoreRole::Photographer,
            AuthorRole::Editor => CoreRole::Editor,
            AuthorRole::Translator => CoreRole::Translator,
        };
        Author { name: a.name, role }
    }
}

/// A photo as the article uses it; the UI shows it from
/// `byline://localhost/photo/<sha256>`.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PhotoPlacementDto {
    pub sha256: String,
    /// The name the body's Markdown uses for it.
    pub file: String,
    pub caption: String,
    pub credit: String,
    pub alt: String,
    pub featured: bool,
    /// After EXIF orientation.
    pub width: u32,
    pub height: u32,
    pub mime: String,
}

impl From<PhotoPlacement> for PhotoPlacementDto {
    fn from(p: PhotoPlacement) -> Self {
        PhotoPlacementDto {
            sha256: p.sha256,
            file: p.file,
            caption: p.caption,
            credit: p.credit,
            alt: p.alt,
            featured: p.featured,
            width: p.width,
            height: p.height,
            mime: p.mime,
        }
    }
}

/// A placement as the editor sends it.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct PhotoInput {
    pub sha256: String,
    pub file: String,
    pub caption: String,
    pub credit: String,
    pub alt: String,
    pub featured: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RelatedArticleDto {
    pub id: String,
    pub slug: String,
    pub headline: String,
    /// The start of its sapo.
    pub excerpt: String,
}

impl From<RelatedArticle> for RelatedArticleDto {
    fn from(a: RelatedArticle) -> Self {
        RelatedArticleDto {
            id: a.id.to_string(),
            slug: a.slug,
            headline: a.headline,
            excerpt: a.excerpt,
        }
    }
}

/// A related article as written, and the article when the library holds it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RelatedDto {
    pub reference: String,
    pub resolved: Option<RelatedArticleDto>,
}

impl From<Related> for RelatedDto {
    fn from(r: Related) -> Self {
        RelatedDto {
            reference: r.reference,
            resolved: r.resolved.map(Into::into),
        }
    }
}

/// An article as the editor shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ArticleDto {
    pub id: String,
    pub headline: String,
    pub sapo: String,
    pub body: String,
    pub byline: String,
    pub authors: Vec<AuthorDto>,
    pub keywords: Vec<String>,
    pub category: String,
    pub language: String,
    pub status: ArticleStatus,
    pub slug: String,
    /// True when a person chose the slug; false while it follows the headline.
    pub slug_manual: bool,
    /// Internal; never published.
    pub editor_note: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC.
    pub updated_at: String,
    /// RFC 3339 with the writer's offset.
    pub published_at: Option<String>,
    pub photos: Vec<PhotoPlacementDto>,
    pub related: Vec<RelatedDto>,
}

impl From<Article> for ArticleDto {
    fn from(a: Article) -> Self {
        ArticleDto {
            id: a.id.to_string(),
            headline: a.headline,
            sapo: a.sapo,
            body: a.body,
            byline: a.byline,
            authors: a.authors.into_iter().map(Into::into).collect(),
            keywords: a.keywords,
            category: a.category,
            language: a.language,
            status: a.status.into(),
            slug: a.slug,
            slug_manual: a.slug_manual,
            editor_note: a.editor_note,
            created_at: a.created_at.to_rfc3339(),
            updated_at: a.updated_at.to_rfc3339(),
            published_at: a.published_at.map(|t| t.to_rfc3339()),
            photos: a.photos.into_iter().map(Into::into).collect(),
            related: a.related.into_iter().map(Into::into).collect(),
        }
    }
}

/// What the editor sends on every save: the writer's fields only. The backend
/// owns ids, timestamps and status; the UI never sends them.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ArticleFields {
    pub headline: String,
    pub sapo: String,
    pub body: String,
    pub byline: String,
    pub authors: Vec<AuthorDto>,
    pub keywords: Vec<String>,
    pub category: String,
    /// RFC 3339 with the writer's offset, or a local time taken as +07:00.
    pub published_at: Option<String>,
    /// `null`: the slug follows the headline.
    pub slug: Option<String>,
    pub editor_note: String,
    pub photos: Vec<PhotoInput>,
    /// Ids or slugs, in order.
    pub related: Vec<String>,
}

impl TryFrom<ArticleFields> for CoreFields {
    type Error = IpcError;
    fn try_from(f: ArticleFields) -> Result<Self, IpcError> {
        let published_at = f
            .published_at
            .filter(|t| !t.trim().is_empty())
            .map(|t| text::parse_time(&t))
            .transpose()
            .map_err(|message| byline_core::CoreError::invalid("published_at", message))?;
        Ok(CoreFields {
            headline: f.headline,
            sapo: f.sapo,
            body: f.body,
            byline: f.byline,
            authors: f.authors.into_iter().map(Into::into).collect(),
            keywords: f.keywords,
            category: f.category,
            published_at,
            slug: f.slug,
            editor_note: f.editor_note,
            photos: f
                .photos
                .into_iter()
                .map(|p| PlacementInput {
                    sha256: p.sha256,
                    file: p.file,
                    caption: p.caption,
                    credit: p.credit,
                    alt: p.alt,
                    featured: p.featured,
                })
                .collect(),
            related: f.related,
        })
    }
}

/// Files a person chose in a desktop dialog or dropped on the window, kept
/// by the app under `id` (`chosen.rs`). The UI names a file by its place in
/// `names` and never sees or sends its path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ChosenFiles {
    pub id: u32,
    /// The files' names, in the order chosen, to show and to tell a package
    /// (`.zip`) from a photo.
    pub names: Vec<String>,
}

/// A photo just added to the library, not yet placed in an article.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AddedPhoto {
    pub sha256: String,
    /// The name to use in the body's Markdown.
    pub file: String,
    pub width: u32,
    pub height: u32,
    pub mime: String,
    /// Embedded in the photo (XMP or IPTC), to prefill the placement.
    pub caption: Option<String>,
    pub creator: Option<String>,
}

impl From<CoreAdded> for AddedPhoto {
    fn from(a: CoreAdded) -> Self {
        AddedPhoto {
            sha256: a.info.sha256,
            file: a.file,
            width: a.info.width,
            height: a.info.height,
            mime: a.info.mime.to_owned(),
            caption: a.info.caption,
            creator: a.info.creator,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SettingsDto {
    pub headline_max: u32,
    pub sapo_min: u32,
    pub sapo_max: u32,
    pub categories: Vec<String>,
    /// The website's address for links in exported pages; empty when none.
    pub base_url: String,
    /// Exported photos keep all their metadata (location, serial numbers,
    /// edit history): for the newsroom's own archive. Off by default.
    pub keep_photo_metadata: bool,
}

impl From<Settings> for SettingsDto {
    fn from(s: Settings) -> Self {
        SettingsDto {
            headline_max: s.headline_max,
            sapo_min: s.sapo_min,
            sapo_max: s.sapo_max,
            categories: s.categories,
            base_url: s.base_url,
            keep_photo_metadata: s.keep_photo_metadata,
        }
    }
}

impl From<SettingsDto> for Settings {
    fn from(s: SettingsDto) -> Self {
        Settings {
            headline_max: s.headline_max,
            sapo_min: s.sapo_min,
            sapo_max: s.sapo_max,
            categories: s.categories,
            base_url: s.base_url,
            keep_photo_metadata: s.keep_photo_metadata,
        }
    }
}

// Workflow ---------------------------------------------------------------------

/// Reporter or editor: what the workflow lets a person do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RoleDto {
    Reporter,
    Editor,
}

impl From<Role> for RoleDto {
    fn from(r: Role) -> Self {
        match r {
            Role::Reporter => RoleDto::Reporter,
            Role::Editor => RoleDto::Editor,
        }
    }
}

impl From<RoleDto> for Role {
    fn from(r: RoleDto) -> Self {
        match r {
            RoleDto::Reporter => Role::Reporter,
            RoleDto::Editor => Role::Editor,
        }
    }
}

/// Who is at the keyboard.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProfileDto {
    pub name: String,
    pub role: RoleDto,
}

impl From<Actor> for ProfileDto {
    fn from(a: Actor) -> Self {
        ProfileDto {
            name: a.name,
            role: a.role.into(),
        }
    }
}

/// One allowed move of the workflow: who may take an article from `from` to `to`.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct WorkflowRule {
    pub from: ArticleStatus,
    pub to: ArticleStatus,
    pub role: RoleDto,
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

/// One finding of the pre-publish checklist, worded in the UI's language.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FindingDto {
    /// The rule's name (`sapo_missing`, `placeholder`…), stable.
    pub rule: String,
    pub severity: FindingSeverity,
    /// The field it is about: `headline`, `photos[1].caption`, `body`…
    pub field: String,
    pub message: String,
}

impl FindingDto {
    pub fn new(f: &Finding, language: &str) -> Self {
        FindingDto {
            rule: serde_json::to_value(f.rule)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            severity: match f.severity {
                checklist::Severity::Blocking => FindingSeverity::Blocking,
                checklist::Severity::Warning => FindingSeverity::Warning,
            },
            field: f.field.clone(),
            message: checklist::message(f, language),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RevisionDto {
    pub number: u32,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    pub role: RoleDto,
    /// `save`, `transition`, `import`, `editing` or `restore`.
    pub reason: String,
}

impl From<RevisionInfo> for RevisionDto {
    fn from(r: RevisionInfo) -> Self {
        RevisionDto {
            number: r.number,
            at: r.at.to_rfc3339(),
            actor: r.actor.name,
            role: r.actor.role.into(),
            reason: r.reason.as_str().to_owned(),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TransitionDto {
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    pub role: RoleDto,
    pub from: ArticleStatus,
    pub to: ArticleStatus,
    pub note: String,
    /// Why an editor moved past blocking checklist findings.
    pub override_reason: Option<String>,
    /// The article's revision once moved: the text as submitted, approved…
    pub revision: Option<u32>,
}

impl From<Transition> for TransitionDto {
    fn from(t: Transition) -> Self {
        TransitionDto {
            at: t.at.to_rfc3339(),
            actor: t.actor.name,
            role: t.actor.role.into(),
            from: t.from.into(),
            to: t.to.into(),
            note: t.note,
            override_reason: t.overridden,
            revision: t.revision,
        }
    }
}

/// What an anchored comment is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum CommentTargetDto {
    Body,
    /// The caption of the photo placed with this file name.
    Caption {
        file: String,
    },
}

impl From<CommentTarget> for CommentTargetDto {
    fn from(t: CommentTarget) -> Self {
        match t {
            CommentTarget::Body => CommentTargetDto::Body,
            CommentTarget::Caption(file) => CommentTargetDto::Caption { file },
        }
    }
}

impl From<CommentTargetDto> for CommentTarget {
    fn from(t: CommentTargetDto) -> Self {
        match t {
            CommentTargetDto::Body => CommentTarget::Body,
            CommentTargetDto::Caption { file } => CommentTarget::Caption(file),
        }
    }
}

/// The span a new comment is about, in UTF-16 code units of the saved text
/// (a textarea's or CodeMirror's selection offsets).
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct CommentSpan {
    pub target: CommentTargetDto,
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CommentDto {
    pub id: String,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    pub role: RoleDto,
    pub body: String,
    /// Absent for a comment on the whole article.
    pub target: Option<CommentTargetDto>,
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

impl From<Comment> for CommentDto {
    fn from(c: Comment) -> Self {
        let (target, quote, range) = match c.anchor {
            None => (None, None, None),
            Some(a) => (Some(a.target.into()), Some(a.quote), Some(a.range)),
        };
        let outdated = matches!(range, Some(None));
        let span = range.flatten();
        CommentDto {
            id: c.id,
            at: c.at.to_rfc3339(),
            actor: c.actor.name,
            role: c.actor.role.into(),
            body: c.body,
            target,
            quote,
            start: span.as_ref().map(|r| r.start as u32),
            end: span.as_ref().map(|r| r.end as u32),
            outdated,
            resolved_at: c.resolved.as_ref().map(|(at, _)| at.to_rfc3339()),
            resolved_by: c.resolved.map(|(_, by)| by),
        }
    }
}

/// One entry of an article's timeline.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum HistoryEventDto {
    Revision(RevisionDto),
    Transition(TransitionDto),
    Comment(CommentDto),
}

impl From<HistoryEvent> for HistoryEventDto {
    fn from(e: HistoryEvent) -> Self {
        match e {
            HistoryEvent::Revision(r) => HistoryEventDto::Revision(r.into()),
            HistoryEvent::Transition(t) => HistoryEventDto::Transition(t.into()),
            HistoryEvent::Comment(c) => HistoryEventDto::Comment(c.into()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DiffKindDto {
    Same,
    Added,
    Removed,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DiffPartDto {
    pub kind: DiffKindDto,
    pub text: String,
}

/// One field's change between two revisions; `parts` word by word (syllables).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FieldChangeDto {
    /// `headline`, `body`, `keywords`, `photos[1].caption`…
    pub field: String,
    pub before: String,
    pub after: String,
    pub parts: Vec<DiffPartDto>,
}

impl From<FieldChange> for FieldChangeDto {
    fn from(c: FieldChange) -> Self {
        FieldChangeDto {
            field: c.field,
            before: c.before,
            after: c.after,
            parts: c
                .parts
                .into_iter()
                .map(|p| DiffPartDto {
                    kind: match p.kind {
                        DiffKind::Same => DiffKindDto::Same,
                        DiffKind::Added => DiffKindDto::Added,
                        DiffKind::Removed => DiffKindDto::Removed,
                    },
                    text: p.text,
                })
                .collect(),
        }
    }
}

// Export and import ----------------------------------------------------------

impl From<byline_core::revision::DiffPart> for DiffPartDto {
    fn from(p: byline_core::revision::DiffPart) -> Self {
        DiffPartDto {
            kind: match p.kind {
                DiffKind::Same => DiffKindDto::Same,
                DiffKind::Added => DiffKindDto::Added,
                DiffKind::Removed => DiffKindDto::Removed,
            },
            text: p.text,
        }
    }
}

/// What the export dialog writes, one file or folder per article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ExportFormat {
    /// `<slug>/index.html` and its `media/` folder.
    Html,
    /// `<slug>.html`, photos inlined.
    HtmlSingle,
    /// `<slug>.zip` for a website's CMS.
    Package,
    /// `<slug>.zip` for another Byline library, with comments and history.
    Handoff,
    /// `<slug>.ninjs.json` (IPTC ninjs).
    Ninjs,
    /// `<slug>.md`, photos in `media/` beside it.
    Md,
}

impl From<ExportFormat> for byline_core::export::batch::Format {
    fn from(f: ExportFormat) -> Self {
        use byline_core::export::batch::Format;
        match f {
            ExportFormat::Html => Format::Html,
            ExportFormat::HtmlSingle => Format::HtmlSingle,
            ExportFormat::Package => Format::Package,
            ExportFormat::Handoff => Format::Handoff,
            ExportFormat::Ninjs => Format::Ninjs,
            ExportFormat::Md => Format::Md,
        }
    }
}

/// Sent after each article an export has written.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExportProgress {
    pub done: u32,
    pub total: u32,
    /// The headline of the article just written.
    pub headline: String,
}

impl From<&byline_core::export::batch::Progress> for ExportProgress {
    fn from(p: &byline_core::export::batch::Progress) -> Self {
        ExportProgress {
            done: u32::try_from(p.done).unwrap_or(u32::MAX),
            total: u32::try_from(p.total).unwrap_or(u32::MAX),
            headline: p.headline.clone(),
        }
    }
}

/// What an export did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExportReport {
    /// Every file or folder written, one per article, in order.
    pub written: Vec<String>,
    /// What had to be left out, one message each, for the UI to word.
    pub warnings: Vec<crate::ipc_error::IpcMessage>,
    /// Stopped before the end: `written` has what was done, each complete.
    pub cancelled: bool,
}

impl From<byline_core::export::batch::Report> for ExportReport {
    fn from(r: byline_core::export::batch::Report) -> Self {
        ExportReport {
            written: r.written.iter().map(|p| p.display().to_string()).collect(),
            warnings: r.warnings.iter().map(Into::into).collect(),
            cancelled: r.cancelled,
        }
    }
}

/// What importing a package did to the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportOutcome {
    /// A new article.
    Created,
    /// The library already had this version.
    Unchanged,
    /// The article had not changed here: it is now the package's version.
    FastForward,
    /// Both sides changed it; `fields` came from the package.
    Merged,
    /// Both sides changed `fields`: nothing changed yet, a person picks.
    Conflict,
}

/// One package imported.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportedPackage {
    pub id: String,
    pub outcome: ImportOutcome,
    /// The fields merged or in conflict (`headline`, `sapo`, `body`…);
    /// empty for the other outcomes.
    pub fields: Vec<String>,
}

impl From<(byline_core::ArticleId, byline_core::store::Outcome)> for ImportedPackage {
    fn from((id, outcome): (byline_core::ArticleId, byline_core::store::Outcome)) -> Self {
        use byline_core::store::Outcome;
        let names = |fields: Vec<byline_core::merge::MergeField>| {
            fields.iter().map(|f| f.as_str().to_owned()).collect()
        };
        let (outcome, fields) = match outcome {
            Outcome::Created => (ImportOutcome::Created, Vec::new()),
            Outcome::Unchanged => (ImportOutcome::Unchanged, Vec::new()),
            Outcome::FastForward => (ImportOutcome::FastForward, Vec::new()),
            Outcome::Merged(fields) => (ImportOutcome::Merged, names(fields)),
            Outcome::Conflict(fields) => (ImportOutcome::Conflict, names(fields)),
        };
        ImportedPackage {
            id: id.to_string(),
            outcome,
            fields,
        }
    }
}

/// Which side of a conflict wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MergeSide {
    /// The article as this library has it.
    Local,
    /// The package's version.
    Incoming,
}

impl From<MergeSide> for byline_core::store::Side {
    fn from(s: MergeSide) -> Self {
        match s {
            MergeSide::Local => byline_core::store::Side::Local,
            MergeSide::Incoming => byline_core::store::Side::Incoming,
        }
    }
}

/// One field both libraries changed, differently.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FieldConflictDto {
    /// `headline`, `sapo`, `body`, `keywords`, `photos`…
    pub field: String,
    /// As text: lists one item a line.
    pub local: String,
    pub incoming: String,
    /// From local to incoming, word by word.
    pub parts: Vec<DiffPartDto>,
}

/// The conflicts a package left on an article, waiting for a person.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PendingMergeDto {
    /// The package it came from.
    pub source: String,
    /// RFC 3339, UTC.
    pub at: String,
    /// The incoming version's revision number in this library.
    pub incoming_revision: u32,
    pub conflicts: Vec<FieldConflictDto>,
    /// What the merge takes from the package once the conflicts are settled.
    pub take_incoming: Vec<String>,
}

impl From<byline_core::store::PendingMerge> for PendingMergeDto {
    fn from(m: byline_core::store::PendingMerge) -> Self {
        PendingMergeDto {
            source: m.source,
            at: m.at.to_rfc3339(),
            incoming_revision: m.incoming_revision,
            conflicts: m
                .conflicts
                .into_iter()
                .map(|c| FieldConflictDto {
                    field: c.field.as_str().to_owned(),
                    local: c.local,
                    incoming: c.incoming,
                    parts: c.parts.into_iter().map(Into::into).collect(),
                })
                .collect(),
            take_incoming: m
                .take_incoming
                .iter()
                .map(|f| f.as_str().to_owned())
                .collect(),
        }
    }
}

/// The library the app has open: where it is, and whether it could only be
/// opened read-only (the UI then says so and disables editing).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LibraryInfoDto {
    pub path: String,
    pub read_only: bool,
}

/// The payload of [`crate::LIBRARY_CHANGED_EVENT`]: someone else (the
/// `byline` command, another program) wrote to the library. The UI reads
/// the list again, and the open article if it changed.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LibraryChanged {
    /// SQLite's `data_version` as last seen; only ever compared for change.
    pub data_version: i64,
}
