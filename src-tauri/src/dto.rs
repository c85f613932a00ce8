//! The only types, with `ipc_error.rs`, that cross IPC. Core types never reach
//! the UI directly: if it is serialisable, it is a boundary, and it lives here.
//! TypeScript twins are generated into `ui/src/ipc/bindings/` by `cargo test`
//! (ts-rs), and CI fails when the committed ones drift.

use byline_core::{Article, ArticleFields as CoreFields, ArticleSummary as CoreSummary, Status};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where the article is in the newsroom's workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ArticleStatus {
    Draft,
}

impl From<Status> for ArticleStatus {
    fn from(s: Status) -> Self {
        match s {
            Status::Draft => ArticleStatus::Draft,
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
    /// RFC 3339, UTC.
    pub updated_at: String,
}

impl From<CoreSummary> for ArticleSummary {
    fn from(s: CoreSummary) -> Self {
        ArticleSummary {
            id: s.id.to_string(),
            headline: s.headline,
            status: s.status.into(),
            updated_at: s.updated_at.to_rfc3339(),
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
    pub keywords: Vec<String>,
    pub category: String,
    pub language: String,
    pub status: ArticleStatus,
    pub slug: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC.
    pub updated_at: String,
    /// RFC 3339 with the writer's offset.
    pub published_at: Option<String>,
}

impl From<Article> for ArticleDto {
    fn from(a: Article) -> Self {
        ArticleDto {
            id: a.id.to_string(),
            headline: a.headline,
            sapo: a.sapo,
            body: a.body,
            byline: a.byline,
            keywords: a.keywords,
            category: a.category,
            language: a.language,
            status: a.status.into(),
            slug: a.slug,
            created_at: a.created_at.to_rfc3339(),
            updated_at: a.updated_at.to_rfc3339(),
            published_at: a.published_at.map(|t| t.to_rfc3339()),
        }
    }
}

/// What the editor sends on every save: the writer's fields only. The backend
/// owns ids and timestamps; the UI never sends them.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ArticleFields {
    pub headline: String,
    pub sapo: String,
    pub body: String,
    pub byline: String,
    pub keywords: Vec<String>,
    pub category: String,
}

impl From<ArticleFields> for CoreFields {
    fn from(f: ArticleFields) -> Self {
        CoreFields {
            headline: f.headline,
            sapo: f.sapo,
            body: f.body,
            byline: f.byline,
            keywords: f.keywords,
            category: f.category,
        }
    }
}
