//! The published page: the article fragment of the preview in a valid HTML5
//! document with what a website and a link preview read from its head (meta
//! description, Open Graph, `article:*`, JSON-LD `NewsArticle`), a small
//! stylesheet for screen and print, and nothing loaded from outside.
//!
//! Two modes. `html` is a folder, `index.html` beside `media/` holding the
//! photos' files (protected, see `export::media`), for a website to publish
//! as it is. `html-single` is one self-contained file with the photos
//! inlined as `data:` URIs, for mail or an archive: scaled copies, which
//! carry only caption, creator, credit and copyright whatever the setting
//! says (the scaled copy is not the archive's original). The page never reads the clock: the same article gives
//! the same bytes.

use std::{collections::HashMap, path::Path};

use askama::Template;
use base64::{Engine, engine::general_purpose::STANDARD};
use chrono::SecondsFormat;
use serde::Serialize;

use crate::{
    article::{Article, AuthorRole, PhotoPlacement},
    error::{CoreError, Message, Result},
    export::media::{self, PhotoMetadata},
    msg, package, photo, render,
    store::Store,
    text,
};

/// Widest photo in an `html-single` page, in pixels.
pub const EXPORT_PHOTO_WIDTH: u32 = 1600;

/// How photos travel with the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HtmlMode {
    /// `index.html` and `media/<sha256>.<ext>`, the photos' files.
    Folder,
    /// One file, photos inlined as `data:` URIs scaled to
    /// [`EXPORT_PHOTO_WIDTH`].
    Single,
}

#[derive(Template)]
#[template(path = "page.html")]
struct Page<'a> {
    article: &'a Article,
    title: &'a str,
    meta: Meta,
    /// Already safe inside `<script>` (see [`script_json`]).
    json_ld: String,
    fragment: String,
}

struct Meta {
    /// The page's own address; only with a base URL.
    url: Option<String>,
    image: Option<MetaImage>,
    locale: Option<String>,
    published: Option<String>,
    modified: String,
}

struct MetaImage {
    url: String,
    alt: String,
}

/// The `index.html` of `html` mode: photos as `media/<sha256>.<ext>` beside it.
/// `base_url` is the website's address (the library's setting; empty for none).
pub fn folder_page(article: &Article, base_url: &str) -> String {
    page(article, base_url, HtmlMode::Folder, &|p| {
        Some(package::media_path(p))
    })
}

/// The `html-single` page: photos inlined, scaled to [`EXPORT_PHOTO_WIDTH`].
pub fn single_page(store: &Store, article: &Article) -> Result<String> {
    let mut inlined = HashMap::new();
    for p in &article.photos {
        if let Some(bytes) = store.photo_bytes(&p.sha256)? {
            // A refusal names the photo as the article does.
            let (scaled, mime) =
                photo::render(&bytes, Some(EXPORT_PHOTO_WIDTH)).map_err(|e| match e {
                    CoreError::Photo { message, .. } => CoreError::Photo {
                        file: p.file.clone(),
                        message,
                    },
                    other => other,
                })?;
            // The encoder writes no metadata; the credits go back in.
            let scaled = photo::protect_rendered(&bytes, &scaled)?;
            inlined.insert(
                p.sha256.clone(),
                format!("data:{mime};base64,{}", STANDARD.encode(scaled)),
            );
        }
    }
    let base_url = store.settings()?.base_url;
    Ok(page(article, &base_url, HtmlMode::Single, &|p| {
        inlined.get(&p.sha256).cloned()
    }))
}

/// What an export wrote, and what it had to leave out (one message each).
#[derive(Debug, Default)]
pub struct Written {
    pub warnings: Vec<Message>,
}

/// Writes `dir/index.html` and `dir/media/*` (`html` mode), creating the
/// folders, with the photos as the library's setting says. Each file is
/// written whole or not at all.
pub fn write_folder(store: &Store, article: &Article, dir: &Path) -> Result<Written> {
    write_folder_with(store, article, dir, PhotoMetadata::of_library(store)?)
}

/// [`write_folder`], with the photos' metadata as `metadata` says.
pub fn write_folder_with(
    store: &Store,
    article: &Article,
    dir: &Path,
    metadata: PhotoMetadata,
) -> Result<Written> {
    let base_url = store.settings()?.base_url;
    let mut warnings = left_out_related(article);
    // No photos, no empty media/ folder to puzzle whoever uploads it.
    let folder = if article.photos.is_empty() {
        dir.to_path_buf()
    } else {
        dir.join(package::MEDIA_DIR)
    };
    std::fs::create_dir_all(&folder).map_err(|e| CoreError::io(&folder, e))?;
    let photos = media::outgoing(store, article, metadata)?;
    for (name, bytes) in &photos.files {
        super::write_atomic(&dir.join(name), bytes)?;
    }
    warnings.extend(
        photos
            .missing
            .iter()
            .map(|(file, _)| msg!("exportPhotoMissing", file, folder = package::MEDIA_DIR)),
    );
    let html = folder_page(&photos.article, &base_url);
    super::write_atomic(&dir.join(package::INDEX_HTML), html.as_bytes())?;
    Ok(Written { warnings })
}

/// Writes the `html-single` page to `file`, whole or not at all.
pub fn write_single(store: &Store, article: &Article, file: &Path) -> Result<Written> {
    let html = single_page(store, article)?;
    super::write_atomic(file, html.as_bytes())?;
    Ok(Written {
        warnings: left_out_related(article),
    })
}

/// [`write_single`], by its older name.
pub fn write(store: &Store, article: &Article, out: &Path) -> Result<Written> {
    write_single(store, article, out)
}

/// A warning for each related article the library does not hold, which the
/// page leaves out.
pub(super) fn left_out_related(article: &Article) -> Vec<Message> {
    article
        .related
        .iter()
        .filter(|r| r.resolved.is_none())
        .map(|r| msg!("exportRelatedLeftOut", reference = &r.reference))
        .collect()
}

/// The page; the body's photos come from `photo_src`.
fn page(
    article: &Article,
    base_url: &str,
    mode: HtmlMode,
    photo_src: &dyn Fn(&PhotoPlacement) -> Option<String>,
) -> String {
    let url = render::page_url(base_url, &article.slug);
    // Link previews and search engines fetch the image on their own: it must
    // be an address, never an inlined data: URI that would bloat the head.
    let image_url = |p: &PhotoPlacement| -> Option<String> {
        match (&url, mode) {
            (Some(page), _) => Some(format!("{page}{}", package::media_path(p))),
            (None, HtmlMode::Folder) => Some(package::media_path(p)),
            (None, HtmlMode::Single) => None,
        }
    };
    // The featured photo leads; the others follow in the writer's order.
    let photos: Vec<&PhotoPlacement> = article
        .featured_photo()
        .into_iter()
        .chain(article.photos.iter().filter(|p| !p.featured))
        .collect();
    let images: Vec<String> = photos.iter().filter_map(|p| image_url(p)).collect();
    let modified_offset = article
        .published_at
        .map_or_else(text::default_offset, |t| *t.offset());
    let meta = Meta {
        url: url.clone(),
        image: photos.first().and_then(|p| {
            Some(MetaImage {
                url: image_url(p)?,
                alt: p.alt.clone(),
            })
        }),
        locale: og_locale(&article.language),
        published: article
            .published_at
            .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, false)),
        modified: article
            .updated_at
            .with_timezone(&modified_offset)
            .to_rfc3339_opts(SecondsFormat::Secs, false),
    };
    let title = if article.headline.is_empty() {
        &article.slug
    } else {
        &article.headline
    };
    let json_ld = script_json(&news_article(article, &meta, url.as_deref(), images));
    Page {
        article,
        title,
        json_ld,
        fragment: render::published_fragment(article, photo_src, base_url),
        meta,
    }
    .render()
    .expect("the page template only formats strings, which cannot fail")
}

/// schema.org `NewsArticle`, as search engines read it.
#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    image: Vec<String>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    #[serde(rename = "dateModified")]
    date_modified: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Person<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    contributor: Vec<Person<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    editor: Vec<Person<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    translator: Vec<Person<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    keywords: &'a [String],
    #[serde(rename = "articleSection", skip_serializing_if = "str::is_empty")]
    article_section: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(rename = "mainEntityOfPage", skip_serializing_if = "Option::is_none")]
    main_entity_of_page: Option<&'a str>,
}

#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

fn news_article<'a>(
    article: &'a Article,
    meta: &'a Meta,
    url: Option<&'a str>,
    image: Vec<String>,
) -> NewsArticle<'a> {
    let people = |role: AuthorRole| -> Vec<Person<'a>> {
        article
            .authors
            .iter()
            .filter(|a| a.role == role)
            .map(|a| Person {
                kind: "Person",
                name: &a.name,
            })
            .collect()
    };
    // The reporters wrote it; photographers, editors and translators are
    // credited as what they did. Without a reporter on record the printed
    // byline is the author.
    let mut author = people(AuthorRole::Reporter);
    if author.is_empty() && !article.byline.is_empty() {
        author.push(Person {
            kind: "Person",
            name: &article.byline,
        });
    }
    NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &article.headline,
        description: &article.sapo,
        image,
        date_published: meta.published.as_deref(),
        date_modified: &meta.modified,
        author,
        contributor: people(AuthorRole::Photographer),
        editor: people(AuthorRole::Editor),
        translator: people(AuthorRole::Translator),
        keywords: &article.keywords,
        article_section: &article.category,
        in_language: &article.language,
        url,
        main_entity_of_page: url,
    }
}

/// JSON for a `<script>` element. The HTML parser ends a script at the first
/// `</script`, whatever the JSON means, and `<!--` changes how it reads on;
/// so `<`, `>` and `&` are written as JSON escapes, which JSON readers turn
/// back into the same characters. They can only occur inside strings, where
/// the escapes are valid.
fn script_json<T: Serialize>(value: &T) -> String {
    let json =
        serde_json::to_string_pretty(value).expect("strings, numbers and lists always serialise");
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            // Line and paragraph separators end a line in older JavaScript.
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Open Graph's `language_TERRITORY` for a BCP 47 tag: the tag's region when
/// it has one (`en-GB` → `en_GB`), else the territory where most readers of
/// the language live; `None` for a language we know no territory for, since
/// link previews take a wrong locale at its word.
fn og_locale(tag: &str) -> Option<String> {
    let mut parts = tag.split('-');
    let language = parts.next()?.to_ascii_lowercase();
    let rest: Vec<&str> = parts.collect();
    let region = rest
        .iter()
        .find(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(|r| r.to_ascii_uppercase());
    if let Some(region) = region {
        return Some(format!("{language}_{region}"));
    }
    let traditional = rest.iter().any(|p| p.eq_ignore_ascii_case("Hant"));
    let territory = match language.as_str() {
        "vi" => "VN",
        "en" => "US",
        "fr" => "FR",
        "de" => "DE",
        "es" => "ES",
        "it" => "IT",
        "pt" => "PT",
        "ru" => "RU",
        "ja" => "JP",
        "ko" => "KR",
        "zh" if traditional => "TW",
        "zh" => "CN",
        "th" => "TH",
        "lo" => "LA",
        "km" => "KH",
        "id" => "ID",
        "ms" => "MY",
        "nl" => "NL",
        _ => return None,
    };
    Some(format!("{language}_{territory}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn og_locales() {
        assert_eq!(og_locale("vi").as_deref(), Some("vi_VN"));
        assert_eq!(og_locale("en").as_deref(), Some("en_US"));
        assert_eq!(og_locale("en-GB").as_deref(), Some("en_GB"));
        assert_eq!(og_locale("zh-Hant").as_deref(), Some("zh_TW"));
        assert_eq!(og_locale("zh-Hant-HK").as_deref(), Some("zh_HK"));
        assert_eq!(og_locale("haw"), None);
    }

    #[test]
    fn script_json_cannot_end_the_script() {
        let json = script_json(&serde_json::json!({ "h": "</script><!-- a & b" }));
        assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["h"], "</script><!-- a & b");
    }
}
