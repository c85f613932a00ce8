//! The article model. Constructors and `normalized()` enforce the invariants, so a
//! value of these types that reaches the store is already NFC and valid.

use std::{fmt, str::FromStr};

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    error::{CoreError, Result},
    text,
};

/// A UUID v7: unique without coordination between laptops, and sorting by
/// creation time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(Uuid);

impl ArticleId {
    pub fn new() -> Self {
        ArticleId(Uuid::now_v7())
    }
}

impl Default for ArticleId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl FromStr for ArticleId {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        Uuid::parse_str(s.trim())
            .map(ArticleId)
            .map_err(|_| CoreError::invalid("id", format!("'{s}' is not an article id (a UUID)")))
    }
}

/// Where the article is in the newsroom's workflow. Only `draft` exists until the
/// review workflow lands; the column is plain text so adding states needs no rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Draft,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
        }
    }
}

impl FromStr for Status {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "draft" => Ok(Status::Draft),
            other => Err(CoreError::invalid(
                "status",
                format!("'{other}' is not a status this version knows (draft)"),
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorRole {
    Reporter,
    Photographer,
    Editor,
    Translator,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Author {
    pub name: String,
    pub role: AuthorRole,
}

/// A stored article.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: ArticleId,
    pub headline: String,
    /// The bold lead paragraph.
    pub sapo: String,
    /// Markdown.
    pub body: String,
    /// Exactly as printed under the story.
    pub byline: String,
    pub authors: Vec<Author>,
    pub keywords: Vec<String>,
    pub category: String,
    /// BCP 47.
    pub language: String,
    pub status: Status,
    pub slug: String,
    /// Internal; never exported to HTML.
    pub editor_note: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Kept with the writer's offset, for display.
    pub published_at: Option<DateTime<FixedOffset>>,
}

pub const DEFAULT_LANGUAGE: &str = "vi";

/// Everything a writer may set on a new article (from `byline new`, an imported
/// file or the first-run samples). What the backend owns (timestamps, status
/// transitions) is absent on purpose.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleDraft {
    pub headline: String,
    pub sapo: String,
    pub body: String,
    pub byline: String,
    pub authors: Vec<Author>,
    pub keywords: Vec<String>,
    pub category: String,
    pub language: String,
    /// `None`: derived from the headline and kept in step with it while a draft.
    pub slug: Option<String>,
    pub published_at: Option<DateTime<FixedOffset>>,
    pub editor_note: String,
}

impl Default for ArticleDraft {
    fn default() -> Self {
        ArticleDraft {
            headline: String::new(),
            sapo: String::new(),
            body: String::new(),
            byline: String::new(),
            authors: Vec::new(),
            keywords: Vec::new(),
            category: String::new(),
            language: DEFAULT_LANGUAGE.to_owned(),
            slug: None,
            published_at: None,
            editor_note: String::new(),
        }
    }
}

impl ArticleDraft {
    /// NFC everywhere, trimmed single-line fields, clean keywords, checked language
    /// and slug.
    pub fn normalized(self) -> Result<Self> {
        let language = self.language.trim().to_owned();
        if !text::is_valid_language_tag(&language) {
            return Err(CoreError::invalid(
                "language",
                format!("'{language}' is not a BCP 47 language tag (for example vi or en-GB)"),
            ));
        }
        let slug = match self.slug.map(|s| s.trim().to_owned()) {
            Some(s) if !text::is_valid_slug(&s) => {
                return Err(CoreError::invalid(
                    "slug",
                    format!(
                        "'{s}' is not a slug: use lower-case ASCII letters, digits and single hyphens"
                    ),
                ));
            }
            other => other,
        };
        Ok(ArticleDraft {
            headline: line(&self.headline),
            sapo: text::nfc(self.sapo.trim()),
            body: text::nfc(&self.body),
            byline: line(&self.byline),
            authors: self
                .authors
                .into_iter()
                .map(|a| Author {
                    name: line(&a.name),
                    role: a.role,
                })
                .collect(),
            keywords: text::clean_keywords(self.keywords),
            category: line(&self.category),
            language,
            slug,
            published_at: self.published_at,
            editor_note: text::nfc(self.editor_note.trim()),
        })
    }
}

/// What the editor changes as the writer types; sent whole on every autosave.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleFields {
    pub headline: String,
    pub sapo: String,
    pub body: String,
    pub byline: String,
    pub keywords: Vec<String>,
    pub category: String,
}

impl ArticleFields {
    pub fn normalized(self) -> Self {
        ArticleFields {
            headline: line(&self.headline),
            sapo: text::nfc(self.sapo.trim()),
            body: text::nfc(&self.body),
            byline: line(&self.byline),
            keywords: text::clean_keywords(self.keywords),
            category: line(&self.category),
        }
    }

    /// The article as it would be with these fields, without saving anything.
    pub fn applied_to(self, article: &Article) -> Article {
        let f = self.normalized();
        Article {
            headline: f.headline,
            sapo: f.sapo,
            body: f.body,
            byline: f.byline,
            keywords: f.keywords,
            category: f.category,
            ..article.clone()
        }
    }
}

/// A one-line field: NFC, trimmed, inner line breaks folded to spaces (a pasted
/// headline often carries them).
fn line(s: &str) -> String {
    text::nfc(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// One row of the library list.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleSummary {
    pub id: ArticleId,
    pub headline: String,
    pub status: Status,
    pub slug: String,
    pub updated_at: DateTime<Utc>,
}
