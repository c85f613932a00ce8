//! All SQL for the `articles` table and what hangs off one article: its photo
//! placements (`article_photos`) and related articles (`related_articles`).

use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{
    Store, library, photos,
    rows::{excerpt, format_utc, json_col, now, opt_utc_col, parse_col, published_col, utc_col},
    search,
};
use crate::{
    article::{
        Article, ArticleDraft, ArticleFields, ArticleId, ArticleSummary, PhotoPlacement, Related,
        RelatedArticle, Status,
    },
    error::{CoreError, Message, Result},
    msg, text,
};

/// An article with the id and times it claims.
#[derive(Debug, Clone)]
pub struct DatedArticle {
    pub id: ArticleId,
    pub draft: ArticleDraft,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, headline, sapo, body, byline, authors, keywords, category, language, \
     status, slug, editor_note, created_at, updated_at, published_at, published_offset, slug_manual";

impl Store {
    /// Every article, newest change first.
    pub fn list_articles(&self) -> Result<Vec<ArticleSummary>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "SELECT {} FROM articles a ORDER BY a.updated_at DESC, a.id DESC",
                library::SUMMARY_SELECT
            ))?;
            let rows = stmt.query_map([], library::summary)?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// By id, or by slug when `key` is not an id.
    pub fn article(&self, key: &str) -> Result<Article> {
        self.read(|c| find(c, key)?.ok_or_else(|| CoreError::NotFound(key.trim().to_owned())))
    }

    pub fn create_article(&self, draft: ArticleDraft) -> Result<Article> {
        let draft = draft.normalized()?;
        let id = self.write(|tx| insert(tx, ArticleId::new(), &draft))?;
        self.article(&id.to_string())
    }

    /// Saves what the editor changed: every field of the draft but the language.
    /// The slug follows the headline while the article is a draft whose slug
    /// nobody chose.
    pub fn update_fields(&self, id: ArticleId, fields: ArticleFields) -> Result<Article> {
        self.write(|tx| {
            let language = language_of(tx, id)?;
            let draft = fields.into_draft(&language).normalized()?;
            replace(tx, id, &draft)
        })?;
        self.article(&id.to_string())
    }

    /// The article as it would be with `fields`, without saving anything: what
    /// the preview shows while the writer types.
    pub fn with_fields(&self, id: ArticleId, fields: ArticleFields) -> Result<Article> {
        let saved = self.article(&id.to_string())?;
        let draft = fields.into_draft(&saved.language).normalized()?;
        self.read(|c| {
            let photos = draft
                .photos
                .iter()
                .map(|p| {
                    let (mime, width, height) = photos::dimensions(c, &p.sha256)?;
                    Ok(PhotoPlacement {
                        sha256: p.sha256.clone(),
                        file: p.file.clone(),
                        caption: p.caption.clone(),
                        credit: p.credit.clone(),
                        alt: p.alt.clone(),
                        featured: p.featured,
                        width,
                        height,
                        mime,
                    })
                })
                .collect::<Result<_>>()?;
            let related = draft
                .related
                .iter()
                .map(|reference| {
                    Ok(Related {
                        reference: reference.clone(),
                        resolved: lookup_related(c, reference, None)?,
                    })
                })
                .collect::<Result<_>>()?;
            Ok(Article {
                headline: draft.headline,
                sapo: draft.sapo,
                body: draft.body,
                byline: draft.byline,
                authors: draft.authors,
                keywords: draft.keywords,
                category: draft.category,
                published_at: draft.published_at,
                editor_note: draft.editor_note,
                slug: draft.slug.unwrap_or(saved.slug),
                photos,
                related,
                ..saved
            })
        })
    }

    /// Adds articles that bring their own id and times (a synthetic library),
    /// in one transaction. An id already in the library is an error, and
    /// then nothing is added.
    pub fn add_dated(&self, batch: Vec<DatedArticle>) -> Result<()> {
        self.write(|tx| {
            for a in batch {
                let draft = a.draft.normalized()?;
                if exists(tx, a.id)? {
                    return Err(CoreError::invalid(
                        "id",
                        msg!("articleIdTaken", id = a.id.to_string()),
                    ));
                }
                insert_at(
                    tx,
                    a.id,
                    &draft,
                    &format_utc(a.created_at),
                    Some(&format_utc(a.updated_at)),
                )?;
            }
            Ok(())
        })
    }
}

/// Writes what is derived from each article (list keys, search index) for
/// every article in the library. Used by the migration that introduced them.
pub(super) fn rebuild_derived(tx: &Transaction<'_>) -> Result<()> {
    let ids: Vec<String> = tx
        .prepare("SELECT id FROM articles")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        let Some(article) = find(tx, &id)? else {
            continue;
        };
        let draft = article.to_draft();
        library::write_list_keys(tx, article.id, &draft)?;
        search::index_article(tx, article.id, &draft)?;
    }
    Ok(())
}

pub(super) fn find(c: &Connection, key: &str) -> Result<Option<Article>> {
    let key = key.trim();
    let by_id = key.parse::<ArticleId>().ok();
    let sql = format!("SELECT {COLUMNS} FROM articles WHERE id = ?1 OR slug = ?2");
    let Some(mut article) = c
        .prepare_cached(&sql)?
        .query_row(params![by_id.map(|id| id.to_string()), key], row_to_article)
        .optional()?
    else {
        return Ok(None);
    };
    article.photos = photos::placements(c, article.id)?;
    article.related = related_of(c, article.id)?;
    Ok(Some(article))
}

pub(super) fn exists(tx: &Transaction<'_>, id: ArticleId) -> Result<bool> {
    Ok(tx
        .query_row(
            "SELECT 1 FROM articles WHERE id = ?1",
            [id.to_string()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

pub(super) fn language_of(tx: &Transaction<'_>, id: ArticleId) -> Result<String> {
    tx.query_row(
        "SELECT language FROM articles WHERE id = ?1",
        [id.to_string()],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| CoreError::NotFound(id.to_string()))
}

pub(super) fn insert(tx: &Transaction<'_>, id: ArticleId, d: &ArticleDraft) -> Result<ArticleId> {
    insert_at(tx, id, d, &now(), None)
}

/// Inserts with the given creation time (and last change, when it differs):
/// imports and seeding keep the times an article already has.
pub(super) fn insert_at(
    tx: &Transaction<'_>,
    id: ArticleId,
    d: &ArticleDraft,
    created: &str,
    updated: Option<&str>,
) -> Result<ArticleId> {
    let (slug, manual) = choose_slug(tx, d, None)?;
    let (published_at, offset) = split_time(d.published_at);
    tx.execute(
        &format!(
            "INSERT INTO articles ({COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?17, ?14, ?15, ?16)"
        ),
        params![
            id.to_string(),
            d.headline,
            d.sapo,
            d.body,
            d.byline,
            serde_json::to_string(&d.authors).map_err(json_error)?,
            serde_json::to_string(&d.keywords).map_err(json_error)?,
            d.category,
            d.language,
            Status::Draft.as_str(),
            slug,
            d.editor_note,
            created,
            published_at,
            offset,
            manual,
            updated.unwrap_or(created),
        ],
    )?;
    write_children(tx, id, d)?;
    // Articles that named this one before it arrived now find it.
    tx.execute(
        "UPDATE related_articles SET resolved_id = ?1
         WHERE resolved_id IS NULL AND reference IN (?1, ?2)",
        params![id.to_string(), slug],
    )?;
    Ok(id)
}

/// Replaces the writer's fields of an article; its id, creation time and
/// status stay. Used by autosave and by an import that names the article's id.
pub(super) fn replace(tx: &Transaction<'_>, id: ArticleId, d: &ArticleDraft) -> Result<()> {
    replace_at(tx, id, d, &now())
}

/// [`replace`], with the time of the change.
pub(super) fn replace_at(
    tx: &Transaction<'_>,
    id: ArticleId,
    d: &ArticleDraft,
    updated: &str,
) -> Result<()> {
    let (slug, manual) = choose_slug(tx, d, Some(id))?;
    let (published_at, offset) = split_time(d.published_at);
    tx.execute(
        "UPDATE articles SET headline = ?2, sapo = ?3, body = ?4, byline = ?5, authors = ?6,
                keywords = ?7, category = ?8, language = ?9, slug = ?10, slug_manual = ?11,
                editor_note = ?12, updated_at = ?13, published_at = ?14, published_offset = ?15
         WHERE id = ?1",
        params![
            id.to_string(),
            d.headline,
            d.sapo,
            d.body,
            d.byline,
            serde_json::to_string(&d.authors).map_err(json_error)?,
            serde_json::to_string(&d.keywords).map_err(json_error)?,
            d.category,
            d.language,
            slug,
            manual,
            d.editor_note,
            updated,
            published_at,
            offset,
        ],
    )?;
    write_children(tx, id, d)
}

/// Photo placements and related references, rewritten whole in the writer's
/// order, and the list's keys and the search index brought up to date.
fn write_children(tx: &Transaction<'_>, id: ArticleId, d: &ArticleDraft) -> Result<()> {
    photos::replace_placements(tx, id, &d.photos)?;
    library::write_list_keys(tx, id, d)?;
    search::index_article(tx, id, d)?;
    tx.execute(
        "DELETE FROM related_articles WHERE article_id = ?1",
        [id.to_string()],
    )?;
    for (position, reference) in d.related.iter().enumerate() {
        let resolved = lookup_related(tx, reference, None)?;
        if resolved.as_ref().is_some_and(|r| r.id == id) {
            return Err(CoreError::invalid(
                "related",
                msg!("relatedIsItself", reference),
            ));
        }
        tx.execute(
            "INSERT INTO related_articles (article_id, position, reference, resolved_id)
             VALUES (?1, ?2, ?3, ?4)",
            params![
                id.to_string(),
                position as i64,
                reference,
                resolved.map(|r| r.id.to_string())
            ],
        )?;
    }
    Ok(())
}

/// The article a reference names: the remembered one, else the one whose id or
/// slug it is.
fn lookup_related(
    c: &Connection,
    reference: &str,
    remembered: Option<&str>,
) -> Result<Option<RelatedArticle>> {
    let found = c
        .prepare_cached(
            "SELECT id, slug, headline, sapo FROM articles
             WHERE id = ?1 OR (?1 IS NULL AND (id = ?2 OR slug = ?2))",
        )?
        .query_row(params![remembered, reference], |r| {
            Ok((
                parse_col::<ArticleId>(r, 0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })
        .optional()?;
    Ok(found.map(|(id, slug, headline, sapo)| RelatedArticle {
        id,
        slug,
        headline,
        excerpt: excerpt(&sapo),
    }))
}

fn related_of(c: &Connection, id: ArticleId) -> Result<Vec<Related>> {
    let rows: Vec<(String, Option<String>)> = c
        .prepare_cached(
            "SELECT reference, resolved_id FROM related_articles WHERE article_id = ?1 ORDER BY position",
        )?
        .query_map([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(reference, remembered)| {
            let resolved = match lookup_related(c, &reference, remembered.as_deref())? {
                Some(found) => Some(found),
                None => lookup_related(c, &reference, None)?,
            };
            Ok(Related {
                reference,
                resolved,
            })
        })
        .collect()
}

/// A slug chosen by hand must be free; a derived one is made free with -2, -3…
/// Until the review workflow exists every article is a draft, so a derived slug
/// always follows the headline.
fn choose_slug(
    tx: &Transaction<'_>,
    d: &ArticleDraft,
    this: Option<ArticleId>,
) -> Result<(String, bool)> {
    match &d.slug {
        Some(slug) => match slug_owner(tx, slug)? {
            Some(owner) if Some(owner) != this => Err(CoreError::invalid(
                "slug",
                msg!("articleSlugTaken", slug, owner = owner.to_string()),
            )),
            _ => Ok((slug.clone(), true)),
        },
        None => Ok((unique_slug(tx, &d.headline, this)?, false)),
    }
}

/// Slug used when a headline leaves nothing to derive one from ("bài viết").
const FALLBACK_SLUG: &str = "bai-viet";

fn unique_slug(tx: &Transaction<'_>, headline: &str, this: Option<ArticleId>) -> Result<String> {
    let mut base = text::slugify(headline);
    if base.is_empty() {
        base = FALLBACK_SLUG.to_owned();
    }
    let mut candidate = base.clone();
    for n in 2.. {
        match slug_owner(tx, &candidate)? {
            Some(owner) if Some(owner) != this => candidate = format!("{base}-{n}"),
            _ => break,
        }
    }
    Ok(candidate)
}

fn slug_owner(tx: &Transaction<'_>, slug: &str) -> Result<Option<ArticleId>> {
    let owner: Option<String> = tx
        .query_row("SELECT id FROM articles WHERE slug = ?1", [slug], |r| {
            r.get(0)
        })
        .optional()?;
    owner.map(|id| id.parse()).transpose()
}

fn row_to_article(r: &Row<'_>) -> rusqlite::Result<Article> {
    let published_at: Option<DateTime<Utc>> = opt_utc_col(r, 14)?;
    let offset: Option<i32> = r.get(15)?;
    Ok(Article {
        id: parse_col(r, 0)?,
        headline: r.get(1)?,
        sapo: r.get(2)?,
        body: r.get(3)?,
        byline: r.get(4)?,
        authors: json_col(r, 5)?,
        keywords: json_col(r, 6)?,
        category: r.get(7)?,
        language: r.get(8)?,
        status: parse_col(r, 9)?,
        slug: r.get(10)?,
        slug_manual: r.get(16)?,
        editor_note: r.get(11)?,
        created_at: utc_col(r, 12)?,
        updated_at: utc_col(r, 13)?,
        published_at: published_col(published_at, offset)?,
        // Filled by `find`, which reads the child tables.
        photos: Vec::new(),
        related: Vec::new(),
    })
}

fn split_time(t: Option<DateTime<FixedOffset>>) -> (Option<String>, Option<i32>) {
    match t {
        Some(t) => (
            Some(format_utc(t.with_timezone(&Utc))),
            Some(t.offset().local_minus_utc()),
        ),
        None => (None, None),
    }
}

fn json_error(e: serde_json::Error) -> CoreError {
    CoreError::invalid("json", Message::verbatim(e.to_string()))
}
