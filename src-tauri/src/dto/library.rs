//! The library view (`commands/library.rs`): the filtered list, its counts,
//! search, and the library itself (where it is, whether someone else wrote
//! to it).

use byline_core::{search_text, store};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::articles::ArticleStatus;
use crate::ipc_error::IpcError;

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

impl From<byline_core::ArticleSummary> for ArticleSummary {
    fn from(s: byline_core::ArticleSummary) -> Self {
        let byline_core::ArticleSummary {
            id,
            headline,
            status,
            slug,
            category,
            byline,
            created_at,
            updated_at,
            published_at,
        } = s;
        ArticleSummary {
            id: id.to_string(),
            headline,
            status: status.into(),
            slug,
            category,
            byline,
            created_at: created_at.to_rfc3339(),
            updated_at: updated_at.to_rfc3339(),
            published_at: published_at.map(|t| t.to_rfc3339()),
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

impl From<DateField> for store::DateField {
    fn from(d: DateField) -> Self {
        match d {
            DateField::Created => store::DateField::Created,
            DateField::Updated => store::DateField::Updated,
            DateField::Published => store::DateField::Published,
        }
    }
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

impl TryFrom<LibraryFilter> for store::Filter {
    type Error = IpcError;
    fn try_from(f: LibraryFilter) -> Result<Self, IpcError> {
        let LibraryFilter {
            status,
            category,
            author,
            keyword,
            date_field,
            date_from,
            date_to,
        } = f;
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
        Ok(store::Filter {
            status: status.map(Into::into),
            category: some(category),
            author: some(author),
            keyword: some(keyword),
            date_field: date_field.into(),
            from: day("date_from", date_from)?,
            to: day("date_to", date_to)?,
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

impl From<LibrarySort> for store::Sort {
    fn from(s: LibrarySort) -> Self {
        match s {
            LibrarySort::Updated => store::Sort::Updated,
            LibrarySort::Published => store::Sort::Published,
            LibrarySort::Headline => store::Sort::Headline,
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

impl From<store::Page> for LibraryPage {
    fn from(p: store::Page) -> Self {
        let store::Page { rows, next } = p;
        LibraryPage {
            rows: rows.into_iter().map(Into::into).collect(),
            next,
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

impl From<store::Counts> for LibraryCounts {
    fn from(c: store::Counts) -> Self {
        let store::Counts {
            total,
            by_status,
            by_category,
        } = c;
        let facet = |v: Vec<(String, u64)>| {
            v.into_iter()
                .map(|(value, count)| FacetCount {
                    value,
                    count: u32::try_from(count).unwrap_or(u32::MAX),
                })
                .collect()
        };
        LibraryCounts {
            total: u32::try_from(total).unwrap_or(u32::MAX),
            by_status: facet(by_status),
            by_category: facet(by_category),
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

impl From<search_text::SnippetPart> for TextPart {
    fn from(p: search_text::SnippetPart) -> Self {
        let search_text::SnippetPart { text, hit } = p;
        TextPart { text, hit }
    }
}

/// One article found by the library search.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SearchHit {
    pub article: ArticleSummary,
    /// The headline with the matched words marked.
    pub headline: Vec<TextPart>,
    /// A passage of the sapo or body around the first match.
    pub snippet: Vec<TextPart>,
    pub score: f64,
    /// Matched the words as typed, marks included.
    pub exact: bool,
}

impl From<store::SearchHit> for SearchHit {
    fn from(h: store::SearchHit) -> Self {
        let store::SearchHit {
            article,
            headline,
            snippet,
            score,
            exact,
        } = h;
        SearchHit {
            article: article.into(),
            headline: headline.into_iter().map(Into::into).collect(),
            snippet: snippet.into_iter().map(Into::into).collect(),
            score,
            exact,
        }
    }
}

/// The library the app has open: where it is, and whether it could only be
/// opened read-only (the UI then says so and disables editing).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LibraryInfo {
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
