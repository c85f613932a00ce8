//! An article as an article file (YAML front matter + Markdown body), and as
//! JSON with the same key names. `byline import` reads back what this writes.

use serde::Serialize;

use crate::article::{Article, Author};

/// The front matter keys, as the format names them.
#[derive(Serialize)]
struct FrontMatter<'a> {
    id: String,
    headline: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    sapo: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    byline: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    authors: &'a [Author],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    keywords: &'a [String],
    #[serde(skip_serializing_if = "str::is_empty")]
    category: &'a str,
    language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    published_at: Option<String>,
    slug: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    editor_note: &'a str,
}

impl<'a> FrontMatter<'a> {
    fn of(a: &'a Article) -> Self {
        FrontMatter {
            id: a.id.to_string(),
            headline: &a.headline,
            sapo: &a.sapo,
            byline: &a.byline,
            authors: &a.authors,
            keywords: &a.keywords,
            category: &a.category,
            language: &a.language,
            published_at: a.published_at.map(|t| t.to_rfc3339()),
            slug: &a.slug,
            status: a.status.as_str(),
            editor_note: &a.editor_note,
        }
    }
}

/// The article file text.
pub fn to_markdown(article: &Article) -> String {
    let yaml = serde_norway::to_string(&FrontMatter::of(article))
        .expect("front matter holds only strings and lists, which always serialise");
    format!("---\n{yaml}---\n\n{}\n", article.body)
}

/// Every key of the front matter (empty ones too, so scripts can rely on them),
/// the body, and the library's timestamps.
#[derive(Serialize)]
pub struct ArticleJson<'a> {
    id: String,
    headline: &'a str,
    sapo: &'a str,
    byline: &'a str,
    authors: &'a [Author],
    keywords: &'a [String],
    category: &'a str,
    language: &'a str,
    published_at: Option<String>,
    slug: &'a str,
    status: &'static str,
    editor_note: &'a str,
    body: &'a str,
    created_at: String,
    updated_at: String,
}

pub fn to_json(a: &Article) -> ArticleJson<'_> {
    ArticleJson {
        id: a.id.to_string(),
        headline: &a.headline,
        sapo: &a.sapo,
        byline: &a.byline,
        authors: &a.authors,
        keywords: &a.keywords,
        category: &a.category,
        language: &a.language,
        published_at: a.published_at.map(|t| t.to_rfc3339()),
        slug: &a.slug,
        status: a.status.as_str(),
        editor_note: &a.editor_note,
        body: &a.body,
        created_at: a.created_at.to_rfc3339(),
        updated_at: a.updated_at.to_rfc3339(),
    }
}
