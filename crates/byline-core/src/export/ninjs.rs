//! IPTC ninjs 3.1: the article as the JSON news agencies and CMSs exchange
//! (`article.ninjs.json` in a package). The document is built from the typed
//! structs below, so every property name, type and nesting is written once,
//! here, after the 3.1 schema (`http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#`).
//! Empty optional properties are left out rather than written empty.
//!
//! What goes where, and why:
//! - `uri` (the only property 3.1 requires): with a base URL,
//!   `{base_url}{slug}/` (a `/` is put between them when the base lacks
//!   one), where the article is published; without one, or while the slug is
//!   empty, `urn:uuid:<article id>` (RFC 4122), which stays the same for the
//!   article's whole life. The article id and the revision's uid are also in
//!   `altIds` (roles `byline-article` and `byline-revision`), so a receiver
//!   can match an article whatever its `uri`.
//! - `type` is `text`; `representationType` is `full`; `profile` is
//!   `text-photo` or `text-only`, the two values the schema suggests;
//!   `standard` names ninjs 3.1 and its schema (3.1 has no required version
//!   property; `standard` is where a document says what it conforms to).
//! - `version` is the revision number as a string (the schema's type);
//!   `versionCreated` is when that revision was made; `firstCreated` is when
//!   the article was created. Times are RFC 3339 (`date-time`), UTC with `Z`.
//! - `pubStatus` (`usable`, `withheld` or `canceled` in 3.1): `usable` only
//!   once the article is published; `canceled` when it is spiked (killed: a
//!   receiver should drop it); `withheld` in every other state.
//! - The publish time: 3.1 has no property for it (`contentCreated` is when
//!   the content was made, not published). When it is later than the exported
//!   revision, the article is scheduled, and it is `embargoedUntil` (with the
//!   writer's offset), so a receiving CMS does not put it out early. A past
//!   publish time is not written here; `article.md` in the package keeps it.
//! - `headlines`, `descriptions` (the sapo) and `bodies` (the sanitised body
//!   HTML) are arrays of `{role, contentType, value}`: roles `main`,
//!   `summary` and `main`; content types `text/plain` and `text/html`.
//! - `by` is the byline as printed. The authors are `infoSources` (the
//!   parties that originated the content) with their role (`reporter`,
//!   `photographer`, `editor`, `translator`); not `people`, which in ninjs
//!   lists the people the story is about or mentions.
//! - `subjects`: the category first, then the keywords in the writer's
//!   order, each `{name, rel}` with `rel` `category` or `keyword`.
//! - `associations` (an array in 3.x, each item a ninjs object with a
//!   required `name` and `uri`): one `picture` per photo, in the article's
//!   order. The featured photo is named `featureimage`, each other
//!   `photo-<n>` with n its 1-based place among the article's photos (so
//!   names never change when another photo becomes featured). Its `uri` is
//!   `nih:sha-256;<hex>` (RFC 6920, the photo's SHA-256, which also names its
//!   file). `descriptions` holds the caption (role `caption`) and the alt
//!   text (role `alt`); `by` the credit; one rendition named `original` with
//!   `href` exactly as the caller's `media_href` gives it, `contentType`,
//!   and the displayed `width` and `height` in pixels. In a package the href
//!   is `media/<sha>.<ext>`, a reference relative to `article.ninjs.json`
//!   (RFC 3986 §4.2): the schema gives `href` the `uri` format, which JSON
//!   Schema 2020-12 treats as an annotation, and a photo inside a zip has no
//!   absolute address. A caller that has one passes it instead.
//! - The editor's note is internal to the writing newsroom and never
//!   exported: not as `edNote` (a note for the receiver's staff), not
//!   anywhere.
//! - `slugline` is the slug; `language` the article's BCP 47 tag.
//! - Related articles and the photos' file names are not in the document;
//!   the package's `article.md` has them.
//!
//! Same article, same revision, same bytes: the structs fix what is written,
//! lists keep the article's order, and [`to_string`] writes every object's
//! keys sorted, whatever `serde_json` features another crate switches on.

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use serde::Serialize;

use crate::article::{Article, AuthorRole, PhotoPlacement, Status};

/// Which revision is exported, for `version`/`versionCreated`.
pub struct RevisionStamp<'a> {
    pub uid: &'a str,
    pub number: u32,
    pub at: DateTime<Utc>,
}

/// The schema's `$id`, as `standard.schema`.
pub const SCHEMA: &str = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#";

/// The association name of the featured photo.
pub const FEATURED_NAME: &str = "featureimage";

/// The root object (the schema's `ninjsType`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Document<'a> {
    uri: String,
    #[serde(rename = "type")]
    kind: &'static str,
    representation_type: &'static str,
    profile: &'static str,
    standard: Standard,
    version: String,
    first_created: String,
    version_created: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    embargoed_until: Option<String>,
    pub_status: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    language: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    slugline: &'a str,
    alt_ids: Vec<AltId<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    headlines: Vec<Text<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    descriptions: Vec<Text<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    bodies: Vec<Text<'a>>,
    #[serde(skip_serializing_if = "str::is_empty")]
    by: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    info_sources: Vec<InfoSource<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    subjects: Vec<Subject<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    associations: Vec<Association<'a>>,
}

#[derive(Serialize)]
struct Standard {
    name: &'static str,
    version: &'static str,
    schema: &'static str,
}

#[derive(Serialize)]
struct AltId<'a> {
    role: &'static str,
    value: &'a str,
}

/// An item of `headlines`, `descriptions` or `bodies`: the three share
/// `role`, `contentType` and the required `value`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Text<'a> {
    role: &'static str,
    content_type: &'static str,
    value: &'a str,
}

impl<'a> Text<'a> {
    /// One item, or none for an empty value.
    fn list(role: &'static str, content_type: &'static str, value: &'a str) -> Vec<Self> {
        if value.trim().is_empty() {
            Vec::new()
        } else {
            vec![Text {
                role,
                content_type,
                value,
            }]
        }
    }
}

#[derive(Serialize)]
struct InfoSource<'a> {
    name: &'a str,
    role: &'static str,
}

#[derive(Serialize)]
struct Subject<'a> {
    name: &'a str,
    rel: &'static str,
}

/// A photo: a ninjs object of its own, with the `name` an association needs.
#[derive(Serialize)]
struct Association<'a> {
    name: String,
    uri: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    descriptions: Vec<Text<'a>>,
    #[serde(skip_serializing_if = "str::is_empty")]
    by: &'a str,
    renditions: Vec<Rendition<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rendition<'a> {
    name: &'static str,
    href: String,
    content_type: &'a str,
    width: u32,
    height: u32,
}

/// The ninjs document. `body_html` is the article's body as sanitised HTML
/// (`render::body_fragment`); `media_href(p)` is where a photo's file is
/// (`media/<sha>.<ext>` inside a package). `base_url` may be empty.
pub fn ninjs(
    article: &Article,
    revision: &RevisionStamp,
    body_html: &str,
    base_url: &str,
    media_href: &dyn Fn(&PhotoPlacement) -> String,
) -> serde_json::Value {
    let id = article.id.to_string();
    let document = Document {
        uri: article_uri(&id, &article.slug, base_url),
        kind: "text",
        representation_type: "full",
        profile: if article.photos.is_empty() {
            "text-only"
        } else {
            "text-photo"
        },
        standard: Standard {
            name: "ninjs",
            version: "3.1",
            schema: SCHEMA,
        },
        version: revision.number.to_string(),
        first_created: date_time(&article.created_at),
        version_created: date_time(&revision.at),
        embargoed_until: article
            .published_at
            .filter(|t| *t > revision.at)
            .map(|t| date_time(&t)),
        pub_status: pub_status(article.status),
        language: &article.language,
        slugline: &article.slug,
        alt_ids: vec![
            AltId {
                role: "byline-article",
                value: &id,
            },
            AltId {
                role: "byline-revision",
                value: revision.uid,
            },
        ],
        headlines: Text::list("main", "text/plain", &article.headline),
        descriptions: Text::list("summary", "text/plain", &article.sapo),
        bodies: Text::list("main", "text/html", body_html),
        by: &article.byline,
        info_sources: article
            .authors
            .iter()
            .filter(|a| !a.name.trim().is_empty())
            .map(|a| InfoSource {
                name: &a.name,
                role: author_role(a.role),
            })
            .collect(),
        subjects: std::iter::once((article.category.as_str(), "category"))
            .chain(article.keywords.iter().map(|k| (k.as_str(), "keyword")))
            .filter(|(name, _)| !name.trim().is_empty())
            .map(|(name, rel)| Subject { name, rel })
            .collect(),
        associations: article
            .photos
            .iter()
            .enumerate()
            .map(|(i, p)| Association {
                name: association_name(p, i),
                uri: photo_uri(&p.sha256),
                kind: "picture",
                descriptions: Text::list("caption", "text/plain", &p.caption)
                    .into_iter()
                    .chain(Text::list("alt", "text/plain", &p.alt))
                    .collect(),
                by: &p.credit,
                renditions: vec![Rendition {
                    name: "original",
                    href: media_href(p),
                    content_type: &p.mime,
                    width: p.width,
                    height: p.height,
                }],
            })
            .collect(),
    };
    serde_json::to_value(&document).expect("the ninjs structs hold only strings, numbers and lists")
}

/// Serialised, pretty, with a trailing newline: what goes into
/// `article.ninjs.json`. Every object's keys are sorted, so the bytes do not
/// depend on whether `serde_json` keeps insertion order (its
/// `preserve_order` feature, which any crate in a build can switch on).
pub fn to_string(value: &serde_json::Value) -> String {
    let mut value = value.clone();
    value.sort_all_objects();
    let mut text = serde_json::to_string_pretty(&value).expect("a JSON value always serialises");
    text.push('\n');
    text
}

/// `{base_url}{slug}/`, or `urn:uuid:<id>` without a base URL or a slug.
fn article_uri(id: &str, slug: &str, base_url: &str) -> String {
    crate::render::page_url(base_url.trim(), slug).unwrap_or_else(|| format!("urn:uuid:{id}"))
}

/// RFC 6920's human-readable form of a SHA-256: the same photo has the same
/// `uri` in every article and every library.
fn photo_uri(sha256: &str) -> String {
    format!("nih:sha-256;{}", sha256.to_ascii_lowercase())
}

fn association_name(p: &PhotoPlacement, index: usize) -> String {
    if p.featured {
        FEATURED_NAME.to_owned()
    } else {
        format!("photo-{}", index + 1)
    }
}

fn pub_status(status: Status) -> &'static str {
    match status {
        Status::Published => "usable",
        Status::Spiked => "canceled",
        Status::Draft
        | Status::Submitted
        | Status::InReview
        | Status::ChangesRequested
        | Status::Approved => "withheld",
    }
}

fn author_role(role: AuthorRole) -> &'static str {
    match role {
        AuthorRole::Reporter => "reporter",
        AuthorRole::Photographer => "photographer",
        AuthorRole::Editor => "editor",
        AuthorRole::Translator => "translator",
    }
}

/// RFC 3339 as JSON Schema's `date-time`: UTC as `Z`, fractions only when
/// the time has them, another offset kept.
fn date_time<Tz: TimeZone>(t: &DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_uri_joins_base_and_slug_with_one_slash_or_falls_back_to_the_id() {
        let id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
        assert_eq!(
            article_uri(id, "an-thinh", "https://bao.example.vn/tin/"),
            "https://bao.example.vn/tin/an-thinh/"
        );
        assert_eq!(
            article_uri(id, "an-thinh", " https://bao.example.vn/tin "),
            "https://bao.example.vn/tin/an-thinh/"
        );
        assert_eq!(article_uri(id, "an-thinh", ""), format!("urn:uuid:{id}"));
        // A slug-less article under a base URL would be the base itself.
        assert_eq!(
            article_uri(id, "", "https://bao.example.vn/"),
            format!("urn:uuid:{id}")
        );
    }

    #[test]
    fn names_and_uris_of_photos() {
        let mut p = PhotoPlacement {
            sha256: "AB".repeat(32),
            file: "media/a.jpg".into(),
            caption: String::new(),
            credit: String::new(),
            alt: String::new(),
            featured: false,
            width: 10,
            height: 10,
            mime: "image/jpeg".into(),
        };
        assert_eq!(
            photo_uri(&p.sha256),
            format!("nih:sha-256;{}", "ab".repeat(32))
        );
        assert_eq!(association_name(&p, 2), "photo-3");
        p.featured = true;
        assert_eq!(association_name(&p, 2), FEATURED_NAME);
    }

    #[test]
    fn times_are_rfc_3339_with_z_for_utc_and_the_offset_otherwise() {
        let utc = DateTime::parse_from_rfc3339("2023-03-14T02:30:00.250Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(date_time(&utc), "2023-03-14T02:30:00.250Z");
        let hanoi = DateTime::parse_from_rfc3339("2023-03-14T09:30:00+07:00").unwrap();
        assert_eq!(date_time(&hanoi), "2023-03-14T09:30:00+07:00");
    }

    #[test]
    fn to_string_is_pretty_sorted_utf8_with_a_trailing_newline() {
        let value = serde_json::json!({"uri": "urn:x", "headlines": [{"value": "Xã An Thịnh", "role": "main"}]});
        assert_eq!(
            to_string(&value),
            "{\n  \"headlines\": [\n    {\n      \"role\": \"main\",\n      \"value\": \"Xã An Thịnh\"\n    }\n  ],\n  \"uri\": \"urn:x\"\n}\n"
        );
    }
}
