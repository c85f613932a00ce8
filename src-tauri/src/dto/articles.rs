//! The article as the editor shows it and sends it back
//! (`commands/articles.rs`), and its status, which the library and the
//! workflow show too.

use byline_core::text;
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

impl From<byline_core::Status> for ArticleStatus {
    fn from(s: byline_core::Status) -> Self {
        match s {
            byline_core::Status::Draft => ArticleStatus::Draft,
            byline_core::Status::Submitted => ArticleStatus::Submitted,
            byline_core::Status::InReview => ArticleStatus::InReview,
            byline_core::Status::ChangesRequested => ArticleStatus::ChangesRequested,
            byline_core::Status::Approved => ArticleStatus::Approved,
            byline_core::Status::Published => ArticleStatus::Published,
            byline_core::Status::Spiked => ArticleStatus::Spiked,
        }
    }
}

impl From<ArticleStatus> for byline_core::Status {
    fn from(s: ArticleStatus) -> Self {
        match s {
            ArticleStatus::Draft => byline_core::Status::Draft,
            ArticleStatus::Submitted => byline_core::Status::Submitted,
            ArticleStatus::InReview => byline_core::Status::InReview,
            ArticleStatus::ChangesRequested => byline_core::Status::ChangesRequested,
            ArticleStatus::Approved => byline_core::Status::Approved,
            ArticleStatus::Published => byline_core::Status::Published,
            ArticleStatus::Spiked => byline_core::Status::Spiked,
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

impl From<byline_core::AuthorRole> for AuthorRole {
    fn from(r: byline_core::AuthorRole) -> Self {
        match r {
            byline_core::AuthorRole::Reporter => AuthorRole::Reporter,
            byline_core::AuthorRole::Photographer => AuthorRole::Photographer,
            byline_core::AuthorRole::Editor => AuthorRole::Editor,
            byline_core::AuthorRole::Translator => AuthorRole::Translator,
        }
    }
}

impl From<AuthorRole> for byline_core::AuthorRole {
    fn from(r: AuthorRole) -> Self {
        match r {
            AuthorRole::Reporter => byline_core::AuthorRole::Reporter,
            AuthorRole::Photographer => byline_core::AuthorRole::Photographer,
            AuthorRole::Editor => byline_core::AuthorRole::Editor,
            AuthorRole::Translator => byline_core::AuthorRole::Translator,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Author {
    pub name: String,
    pub role: AuthorRole,
}

impl From<byline_core::Author> for Author {
    fn from(a: byline_core::Author) -> Self {
        let byline_core::Author { name, role } = a;
        Author {
            name,
            role: role.into(),
        }
    }
}

impl From<Author> for byline_core::Author {
    fn from(a: Author) -> Self {
        let Author { name, role } = a;
        byline_core::Author {
            name,
            role: role.into(),
        }
    }
}

/// A photo as the article uses it; the UI shows it from
/// `byline://localhost/photo/<sha256>`.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PhotoPlacement {
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

impl From<byline_core::PhotoPlacement> for PhotoPlacement {
    fn from(p: byline_core::PhotoPlacement) -> Self {
        let byline_core::PhotoPlacement {
            sha256,
            file,
            caption,
            credit,
            alt,
            featured,
            width,
            height,
            mime,
        } = p;
        PhotoPlacement {
            sha256,
            file,
            caption,
            credit,
            alt,
            featured,
            width,
            height,
            mime,
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

impl From<PhotoInput> for byline_core::PlacementInput {
    fn from(p: PhotoInput) -> Self {
        let PhotoInput {
            sha256,
            file,
            caption,
            credit,
            alt,
            featured,
        } = p;
        byline_core::PlacementInput {
            sha256,
            file,
            caption,
            credit,
            alt,
            featured,
        }
    }
}

/// An article of the library, as a related article or a match of the
/// related-article picker.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RelatedArticle {
    pub id: String,
    pub slug: String,
    pub headline: String,
    /// The start of its sapo.
    pub excerpt: String,
}

impl From<byline_core::RelatedArticle> for RelatedArticle {
    fn from(a: byline_core::RelatedArticle) -> Self {
        let byline_core::RelatedArticle {
            id,
            slug,
            headline,
            excerpt,
        } = a;
        RelatedArticle {
            id: id.to_string(),
            slug,
            headline,
            excerpt,
        }
    }
}

/// A related article as written, and the article when the library holds it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Related {
    pub reference: String,
    pub resolved: Option<RelatedArticle>,
}

impl From<byline_core::Related> for Related {
    fn from(r: byline_core::Related) -> Self {
        let byline_core::Related {
            reference,
            resolved,
        } = r;
        Related {
            reference,
            resolved: resolved.map(Into::into),
        }
    }
}

/// An article as the editor shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Article {
    pub id: String,
    pub headline: String,
    pub sapo: String,
    pub body: String,
    pub byline: String,
    pub authors: Vec<Author>,
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
    pub photos: Vec<PhotoPlacement>,
    pub related: Vec<Related>,
}

impl From<byline_core::Article> for Article {
    fn from(a: byline_core::Article) -> Self {
        let byline_core::Article {
            id,
            headline,
            sapo,
            body,
            byline,
            authors,
            keywords,
            category,
            language,
            status,
            slug,
            slug_manual,
            editor_note,
            created_at,
            updated_at,
            published_at,
            photos,
            related,
        } = a;
        Article {
            id: id.to_string(),
            headline,
            sapo,
            body,
            byline,
            authors: authors.into_iter().map(Into::into).collect(),
            keywords,
            category,
            language,
            status: status.into(),
            slug,
            slug_manual,
            editor_note,
            created_at: created_at.to_rfc3339(),
            updated_at: updated_at.to_rfc3339(),
            published_at: published_at.map(|t| t.to_rfc3339()),
            photos: photos.into_iter().map(Into::into).collect(),
            related: related.into_iter().map(Into::into).collect(),
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
    pub authors: Vec<Author>,
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

impl TryFrom<ArticleFields> for byline_core::ArticleFields {
    type Error = IpcError;
    fn try_from(f: ArticleFields) -> Result<Self, IpcError> {
        let ArticleFields {
            headline,
            sapo,
            body,
            byline,
            authors,
            keywords,
            category,
            published_at,
            slug,
            editor_note,
            photos,
            related,
        } = f;
        let published_at = published_at
            .filter(|t| !t.trim().is_empty())
            .map(|t| text::parse_time(&t))
            .transpose()
            .map_err(|message| byline_core::CoreError::invalid("published_at", message))?;
        Ok(byline_core::ArticleFields {
            headline,
            sapo,
            body,
            byline,
            authors: authors.into_iter().map(Into::into).collect(),
            keywords,
            category,
            published_at,
            slug,
            editor_note,
            photos: photos.into_iter().map(Into::into).collect(),
            related,
        })
    }
}
