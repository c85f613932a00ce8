//! The article model. Constructors and `normalized()` enforce the invariants, so a
//! value of these types that reaches the store is already NFC and valid.

use std::{fmt, str::FromStr};

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    error::{CoreError, Result},
    msg, text,
};

/// The largest article file Byline reads, on its own or as a package's
/// `article.md`: 2 MiB. A 20,000-word Vietnamese article is about 150 KB of
/// Markdown and the front matter of 500 photos (file, path, caption, credit,
/// alt) about 250 KB more; parsing holds some 16 bytes for each line on top,
/// so 2 MiB of newlines take about 57 MB, where 200 MiB took 3.7 GB.
pub const MAX_FILE_BYTES: u64 = 2 << 20;

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

impl ArticleId {
    /// A UUID v7 for `time` whose other bits are `bytes`: the same inputs give
    /// the same id, which a synthetic library needs to come out the same.
    pub fn from_time_and_bytes(time: DateTime<Utc>, bytes: [u8; 10]) -> Self {
        let millis = u64::try_from(time.timestamp_millis()).unwrap_or(0);
        ArticleId(uuid::Builder::from_unix_timestamp_millis(millis, &bytes).into_uuid())
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
            .map_err(|_| CoreError::invalid("id", msg!("articleIdInvalid", id = s)))
    }
}

/// Where the article is in the newsroom's workflow (the moves are in
/// `workflow.rs`). Stored as text, so adding a state needs no table rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Draft,
    Submitted,
    InReview,
    ChangesRequested,
    Approved,
    Published,
    /// Killed; an editor can restore it to a draft.
    Spiked,
}

impl Status {
    /// Every state, in workflow order.
    pub const ALL: [Status; 7] = [
        Status::Draft,
        Status::Submitted,
        Status::InReview,
        Status::ChangesRequested,
        Status::Approved,
        Status::Published,
        Status::Spiked,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::InReview => "in_review",
            Status::ChangesRequested => "changes_requested",
            Status::Approved => "approved",
            Status::Published => "published",
            Status::Spiked => "spiked",
        }
    }
}

impl FromStr for Status {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        Status::ALL
            .into_iter()
            .find(|status| status.as_str() == s.trim())
            .ok_or_else(|| {
                let all: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
                CoreError::invalid(
                    "status",
                    msg!("articleStatusInvalid", status = s, all = all.join(", ")),
                )
            })
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
    /// True when a person chose the slug; false while it follows the headline.
    pub slug_manual: bool,
    /// Internal; never exported to HTML.
    pub editor_note: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Kept with the writer's offset, for display.
    pub published_at: Option<DateTime<FixedOffset>>,
    /// In the writer's order; at most one is featured.
    pub photos: Vec<PhotoPlacement>,
    /// In the writer's order.
    pub related: Vec<Related>,
}

impl Article {
    /// What a writer would set to make this article again.
    pub fn to_draft(&self) -> ArticleDraft {
        ArticleDraft {
            headline: self.headline.clone(),
            sapo: self.sapo.clone(),
            body: self.body.clone(),
            byline: self.byline.clone(),
            authors: self.authors.clone(),
            keywords: self.keywords.clone(),
            category: self.category.clone(),
            language: self.language.clone(),
            slug: Some(self.slug.clone()),
            published_at: self.published_at,
            editor_note: self.editor_note.clone(),
            photos: self
                .photos
                .iter()
                .map(|p| PlacementInput {
                    sha256: p.sha256.clone(),
                    file: p.file.clone(),
                    caption: p.caption.clone(),
                    credit: p.credit.clone(),
                    alt: p.alt.clone(),
                    featured: p.featured,
                })
                .collect(),
            related: self.related.iter().map(|r| r.reference.clone()).collect(),
        }
    }

    /// What the editor would send to keep this article as it is (a slug
    /// nobody chose keeps following the headline).
    pub fn to_fields(&self) -> ArticleFields {
        let draft = self.to_draft();
        ArticleFields {
            headline: draft.headline,
            sapo: draft.sapo,
            body: draft.body,
            byline: draft.byline,
            authors: draft.authors,
            keywords: draft.keywords,
            category: draft.category,
            published_at: draft.published_at,
            slug: self.slug_manual.then(|| self.slug.clone()),
            editor_note: draft.editor_note,
            photos: draft.photos,
            related: draft.related,
        }
    }

    pub fn featured_photo(&self) -> Option<&PhotoPlacement> {
        self.photos.iter().find(|p| p.featured)
    }
}

/// A photo as one article uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoPlacement {
    pub sha256: String,
    /// The name the body's Markdown uses for it (`media/hoi-nghi.jpg`).
    pub file: String,
    pub caption: String,
    /// The photographer, as printed.
    pub credit: String,
    pub alt: String,
    pub featured: bool,
    /// As displayed, after EXIF orientation.
    pub width: u32,
    pub height: u32,
    pub mime: String,
}

/// What a writer sets for one placement of a photo already in the library.
/// Also what a revision keeps of a placement (`revision::Snapshot`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlacementInput {
    pub sha256: String,
    pub file: String,
    pub caption: String,
    pub credit: String,
    pub alt: String,
    pub featured: bool,
}

/// A related article as written (an id or a slug) and, when the library
/// holds it, the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub reference: String,
    pub resolved: Option<RelatedArticle>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedArticle {
    pub id: ArticleId,
    pub slug: String,
    pub headline: String,
    /// The start of its sapo.
    pub excerpt: String,
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
    pub photos: Vec<PlacementInput>,
    /// Ids or slugs, in order.
    pub related: Vec<String>,
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
            photos: Vec::new(),
            related: Vec::new(),
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
                msg!("articleLanguageInvalid", language),
            ));
        }
        let slug = match self.slug.map(|s| s.trim().to_owned()) {
            Some(s) if !text::is_valid_slug(&s) => {
                return Err(CoreError::invalid(
                    "slug",
                    msg!("articleSlugInvalid", slug = s),
                ));
            }
            other => other,
        };
        Ok(ArticleDraft {
            headline: text::line_text(&self.headline),
            sapo: text::nfc(self.sapo.trim()),
            body: text::nfc(&self.body),
            byline: text::line_text(&self.byline),
            authors: self
                .authors
                .into_iter()
                .map(|a| Author {
                    name: text::line_text(&a.name),
                    role: a.role,
                })
                .collect(),
            keywords: text::clean_keywords(self.keywords),
            category: text::line_text(&self.category),
            language,
            slug,
            published_at: self.published_at,
            editor_note: text::nfc(self.editor_note.trim()),
            photos: normalized_photos(self.photos)?,
            related: normalized_related(self.related),
        })
    }
}

fn normalized_photos(photos: Vec<PlacementInput>) -> Result<Vec<PlacementInput>> {
    let photos: Vec<PlacementInput> = photos
        .into_iter()
        .map(|p| PlacementInput {
            sha256: p.sha256.trim().to_ascii_lowercase(),
            file: text::line_text(p.file.trim_start_matches("./")),
            caption: text::line_text(&p.caption),
            credit: text::line_text(&p.credit),
            alt: text::line_text(&p.alt),
            featured: p.featured,
        })
        .collect();
    if photos.iter().filter(|p| p.featured).count() > 1 {
        return Err(CoreError::invalid("photos", msg!("photosTwoFeatured")));
    }
    for (i, p) in photos.iter().enumerate() {
        if p.file.is_empty() {
            return Err(CoreError::invalid("photos", msg!("photosNoFileName")));
        }
        if photos[..i].iter().any(|q| q.file == p.file) {
            return Err(CoreError::invalid(
                "photos",
                msg!("photosSameName", file = &p.file),
            ));
        }
    }
    Ok(photos)
}

/// Trimmed, NFC, no blanks, no repeats, in the writer's order.
fn normalized_related(related: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in related {
        let r = text::nfc(r.trim());
        if !r.is_empty() && !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

/// What the editor changes as the writer types; sent whole on every autosave.
/// Everything of a draft but the language, which the editor does not change.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleFields {
    pub headline: String,
    pub sapo: String,
    pub body: String,
    pub byline: String,
    pub authors: Vec<Author>,
    pub keywords: Vec<String>,
    pub category: String,
    pub published_at: Option<DateTime<FixedOffset>>,
    /// `None`: follow the headline.
    pub slug: Option<String>,
    pub editor_note: String,
    pub photos: Vec<PlacementInput>,
    pub related: Vec<String>,
}

impl ArticleFields {
    /// The draft these fields make for an article in `language`.
    pub fn into_draft(self, language: &str) -> ArticleDraft {
        ArticleDraft {
            headline: self.headline,
            sapo: self.sapo,
            body: self.body,
            byline: self.byline,
            authors: self.authors,
            keywords: self.keywords,
            category: self.category,
            language: language.to_owned(),
            slug: self.slug,
            published_at: self.published_at,
            editor_note: self.editor_note,
            photos: self.photos,
            related: self.related,
        }
    }
}

/// One row of the library list.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleSummary {
    pub id: ArticleId,
    pub headline: String,
    pub status: Status,
    pub slug: String,
    pub category: String,
    pub byline: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// With the writer's offset.
    pub published_at: Option<DateTime<FixedOffset>>,
}
