//! An article as an article file (YAML front matter + Markdown body), and as
//! JSON with the same key names. `byline import` reads back what this writes.

use serde::Serialize;

use crate::{
    article::{Article, Author, PhotoPlacement, Related},
    package,
};

/// A photo as the front matter lists it.
#[derive(Serialize)]
struct PhotoEntry<'a> {
    file: &'a str,
    /// Where the photo's file is, when that is not `file` (in a package).
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    #[serde(skip_serializing_if = "str::is_empty")]
    caption: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    credit: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    alt: &'a str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    featured: bool,
}

impl<'a> PhotoEntry<'a> {
    fn of(p: &'a PhotoPlacement, media: Media) -> Self {
        PhotoEntry {
            file: &p.file,
            path: match media {
                Media::AsNamed => None,
                Media::InPackage => Some(package::media_path(p)),
            },
            caption: &p.caption,
            credit: &p.credit,
            alt: &p.alt,
            featured: p.featured,
        }
    }
}

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
    #[serde(skip_serializing_if = "Option::is_none")]
    slug: Option<&'a str>,
    status: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    editor_note: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    photos: Vec<PhotoEntry<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<&'a str>,
}

/// Where the photo files are, as the article file says it.
#[derive(Clone, Copy)]
enum Media {
    /// At the name the body uses (`file`), relative to the article file.
    AsNamed,
    /// At `media/<sha256>.<ext>`, as in a package (`path`). A slug nobody
    /// chose is left out, so that it keeps following the headline in the
    /// library that imports the file.
    InPackage,
}

impl<'a> FrontMatter<'a> {
    fn of(a: &'a Article, media: Media) -> Self {
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
            slug: match media {
                Media::AsNamed => Some(&a.slug),
                Media::InPackage => a.slug_manual.then_some(a.slug.as_str()),
            },
            status: a.status.as_str(),
            editor_note: &a.editor_note,
            photos: a.photos.iter().map(|p| PhotoEntry::of(p, media)).collect(),
            related: a.related.iter().map(|r| r.reference.as_str()).collect(),
        }
    }
}

/// The article file text.
pub fn to_markdown(article: &Article) -> String {
    markdown(article, Media::AsNamed)
}

/// The article file text as a package holds it: [`to_markdown`], with every
/// photo entry also saying where its file is in the package
/// (`path: media/<sha256>.<ext>`, see [`package::media_path`]), and the slug
/// only when a person chose it.
pub fn to_markdown_with_media(article: &Article) -> String {
    markdown(article, Media::InPackage)
}

fn markdown(article: &Article, media: Media) -> String {
    let yaml = serde_norway::to_string(&FrontMatter::of(article, media))
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
    photos: Vec<PhotoJson<'a>>,
    related: Vec<RelatedJson<'a>>,
    body: &'a str,
    created_at: String,
    updated_at: String,
}

#[derive(Serialize)]
pub struct PhotoJson<'a> {
    file: &'a str,
    sha256: &'a str,
    mime: &'a str,
    /// After EXIF orientation.
    width: u32,
    height: u32,
    caption: &'a str,
    credit: &'a str,
    alt: &'a str,
    featured: bool,
}

#[derive(Serialize)]
pub struct RelatedJson<'a> {
    reference: &'a str,
    /// The article's id when the library holds it; null while unresolved.
    id: Option<String>,
    headline: Option<&'a str>,
}

impl<'a> RelatedJson<'a> {
    fn of(r: &'a Related) -> Self {
        RelatedJson {
            reference: &r.reference,
            id: r.resolved.as_ref().map(|a| a.id.to_string()),
            headline: r.resolved.as_ref().map(|a| a.headline.as_str()),
        }
    }
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
        photos: a
            .photos
            .iter()
            .map(|p| PhotoJson {
                file: &p.file,
                sha256: &p.sha256,
                mime: &p.mime,
                width: p.width,
                height: p.height,
                caption: &p.caption,
                credit: &p.credit,
                alt: &p.alt,
                featured: p.featured,
            })
            .collect(),
        related: a.related.iter().map(RelatedJson::of).collect(),
        body: &a.body,
        created_at: a.created_at.to_rfc3339(),
        updated_at: a.updated_at.to_rfc3339(),
    }
}
