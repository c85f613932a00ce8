//! The library list: filters, sorts, keyset pages and the counts beside the
//! filters. A page never uses OFFSET: it continues after the last row it
//! returned (its cursor), so page 2,000 costs what page 1 costs and an
//! article saved meanwhile is neither skipped nor shown twice.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rusqlite::{Connection, Transaction, params, types::Value};

use super::{
    Store,
    rows::{format_utc, opt_utc_col, parse_col, published_col, utc_col},
};
use crate::{
    article::{ArticleDraft, ArticleId, ArticleSummary, Status},
    error::{CoreError, Result},
    msg, text,
};

/// Which time a date range applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateField {
    Created,
    #[default]
    Updated,
    Published,
}

/// The library's filters; every one that is set must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub status: Option<Status>,
    pub category: Option<String>,
    /// A person in the byline or the authors; case, tone marks and Unicode
    /// form do not matter.
    pub author: Option<String>,
    /// Matched like keywords are (see `text::keyword_key`).
    pub keyword: Option<String>,
    pub date_field: DateField,
    /// Whole days in the newsroom's time zone (+07:00), both ends included.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// The order of the list. Times are newest first; headlines in Vietnamese
/// dictionary order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Updated,
    /// Unpublished articles come last.
    Published,
    Headline,
}

impl Sort {
    /// (sort value expression, direction). `id` follows in the same direction.
    fn key(self) -> (&'static str, &'static str) {
        match self {
            Sort::Updated => ("a.updated_at", "DESC"),
            Sort::Published => ("coalesce(a.published_at, '')", "DESC"),
            Sort::Headline => ("a.headline_key", "ASC"),
        }
    }
}

/// One page of the list and where the next one starts (`None` at the end).
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub rows: Vec<ArticleSummary>,
    pub next: Option<String>,
}

/// How many articles each status and each category has. Each count applies
/// every filter but its own, so it says what choosing it would show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counts {
    /// Articles that match every filter.
    pub total: u64,
    pub by_status: Vec<(String, u64)>,
    pub by_category: Vec<(String, u64)>,
}

/// The most rows one page may hold.
pub const MAX_PAGE: usize = 1000;

impl Store {
    /// Up to `limit` articles after `cursor` (from a previous page's `next`).
    pub fn list_page(
        &self,
        filter: &Filter,
        sort: Sort,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page> {
        let limit = limit.clamp(1, MAX_PAGE);
        let (key, dir) = sort.key();
        let cursor = cursor.map(|c| decode_cursor(c, sort)).transpose()?;
        self.read(|c| {
            let few = self.few_rows.load(std::sync::atomic::Ordering::Relaxed);
            let driver = choose_driver(c, filter, sort, few)?;
            let mut sql = Sql::default();
            let from = match driver {
                Driver::Keyword => {
                    sql.and("k.key = ?".into(), [key_of(&filter.keyword)]);
                    "article_keywords k CROSS JOIN articles a ON a.id = k.article_id".to_owned()
                }
                Driver::Author => {
                    sql.and("p.key = ?".into(), [key_of(&filter.author)]);
                    "article_people p CROSS JOIN articles a ON a.id = p.article_id".to_owned()
                }
                Driver::Index(index) => format!("articles a INDEXED BY {index}"),
                Driver::Plain => "articles a".to_owned(),
            };
            sql.filter(filter, None, driver);
            if let Some((value, id)) = cursor {
                let op = if dir == "DESC" { "<" } else { ">" };
                sql.and(
                    format!("({key}, a.id) {op} (?, ?)"),
                    [value, Value::Text(id)],
                );
            }
            let query = format!(
                "SELECT {SUMMARY}, {key} FROM {from} {} ORDER BY {key} {dir}, a.id {dir} LIMIT {}",
                sql.where_clause(),
                limit + 1
            );
            let mut rows: Vec<(ArticleSummary, Value)> = c
                .prepare_cached(&query)?
                .query_map(rusqlite::params_from_iter(&sql.params), |r| {
                    Ok((summary(r)?, r.get::<_, Value>(SUMMARY_COLUMNS)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let next = if rows.len() > limit {
                rows.truncate(limit);
                rows.last().map(|(row, value)| encode_cursor(value, row.id))
            } else {
                None
            };
            Ok(Page {
                rows: rows.into_iter().map(|(row, _)| row).collect(),
                next,
            })
        })
    }

    /// Sets how many rows count as few when a page query chooses where to
    /// start (see `Driver`). Only for tests, which need both plans on a
    /// small library.
    #[doc(hidden)]
    pub fn set_few_rows(&self, few: i64) {
        self.few_rows
            .store(few, std::sync::atomic::Ordering::Relaxed);
    }

    /// The counts shown beside the filters.
    pub fn counts(&self, filter: &Filter) -> Result<Counts> {
        self.read(|c| {
            let mut all = Sql::default();
            all.filter(filter, None, Driver::Plain);
            let total: i64 = c
                .prepare_cached(&format!(
                    "SELECT count(*) FROM articles a {}",
                    all.where_clause()
                ))?
                .query_row(rusqlite::params_from_iter(&all.params), |r| r.get(0))?;
            Ok(Counts {
                total: total as u64,
                by_status: group_count(c, filter, Facet::Status)?,
                by_category: group_count(c, filter, Facet::Category)?,
            })
        })
    }

    /// People named in the library (bylines and authors) whose folded name
    /// contains the folded `query`, most articles first: the author filter's
    /// suggestions.
    pub fn suggest_people(&self, query: &str) -> Result<Vec<String>> {
        let key = text::keyword_key(query);
        self.read(|c| {
            Ok(c.prepare_cached(
                "SELECT min(name) FROM article_people WHERE instr(key, ?1) > 0
                 GROUP BY key ORDER BY count(*) DESC, key LIMIT 10",
            )?
            .query_map([key], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
        })
    }
}

/// Where a page query starts. SQLite has no statistics on how many articles
/// one category or keyword has, so the store decides: a filter that keeps
/// few articles (at most `FEW`) is read through its own index and the few
/// rows sorted; otherwise the sort's index is walked in order and each row
/// checked, which finds a page of matches after a few hundred rows. Either
/// way a page costs about the same whatever the filters.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum Driver {
    /// Not a page query (counts, search): SQLite chooses.
    Plain,
    Index(&'static str),
    Keyword,
    Author,
}

/// "Few" for `Driver`: sorting this many rows costs about what walking the
/// sort index to fill a page does.
pub(super) const FEW: i64 = 1000;

fn sort_index(sort: Sort) -> &'static str {
    match sort {
        Sort::Updated => "articles_by_updated",
        Sort::Published => "articles_by_published",
        Sort::Headline => "articles_by_headline",
    }
}

fn key_of(value: &Option<String>) -> Value {
    Value::Text(value.as_deref().map(text::keyword_key).unwrap_or_default())
}

/// How many articles `sql` keeps, counting no further than just past `few`.
fn count_to(c: &Connection, few: i64, sql: &str, params: Vec<Value>) -> Result<i64> {
    let bounded = format!("SELECT count(*) FROM ({sql} LIMIT {})", few + 1);
    Ok(c.prepare_cached(&bounded)?
        .query_row(rusqlite::params_from_iter(params), |r| r.get(0))?)
}

fn choose_driver(c: &Connection, f: &Filter, sort: Sort, few: i64) -> Result<Driver> {
    let count = |sql: &str, params| count_to(c, few, sql, params);
    let mut best = (few + 1, Driver::Index(sort_index(sort)));
    let mut consider = |n: i64, driver: Driver| {
        if n < best.0 {
            best = (n, driver);
        }
    };
    if f.keyword.is_some() {
        let n = count(
            "SELECT 1 FROM article_keywords WHERE key = ?",
            vec![key_of(&f.keyword)],
        )?;
        consider(n, Driver::Keyword);
    }
    if f.author.is_some() {
        let n = count(
            "SELECT 1 FROM article_people WHERE key = ?",
            vec![key_of(&f.author)],
        )?;
        consider(n, Driver::Author);
    }
    if let Some(category) = &f.category {
        let n = count(
            "SELECT 1 FROM articles a INDEXED BY articles_by_category WHERE a.category = ?",
            vec![Value::Text(text::line_text(category))],
        )?;
        consider(n, Driver::Index("articles_by_category"));
    }
    if let Some(status) = f.status {
        let n = count(
            "SELECT 1 FROM articles a INDEXED BY articles_by_status WHERE a.status = ?",
            vec![Value::Text(status.as_str().into())],
        )?;
        consider(n, Driver::Index("articles_by_status"));
    }
    if f.from.is_some() || f.to.is_some() {
        let mut sql = Sql::default();
        sql.dates(f);
        let index = date_index(f.date_field);
        let n = count(
            &format!(
                "SELECT 1 FROM articles a INDEXED BY {index} {}",
                sql.where_clause()
            ),
            sql.params,
        )?;
        consider(n, Driver::Index(index));
    }
    Ok(best.1)
}

fn date_index(field: DateField) -> &'static str {
    match field {
        DateField::Created => "articles_by_created",
        DateField::Updated => "articles_by_updated",
        DateField::Published => "articles_by_published",
    }
}

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Facet {
    Status,
    Category,
}

fn group_count(c: &Connection, filter: &Filter, facet: Facet) -> Result<Vec<(String, u64)>> {
    let column = match facet {
        Facet::Status => "a.status",
        Facet::Category => "a.category",
    };
    let mut sql = Sql::default();
    sql.filter(filter, Some(facet), Driver::Plain);
    let rows = c
        .prepare_cached(&format!(
            "SELECT {column}, count(*) FROM articles a {} GROUP BY {column} ORDER BY {column}",
            sql.where_clause()
        ))?
        .query_map(rusqlite::params_from_iter(&sql.params), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A WHERE clause built from parts, with its parameters in order.
#[derive(Default)]
pub(super) struct Sql {
    parts: Vec<String>,
    pub(super) params: Vec<Value>,
}

impl Sql {
    fn and<const N: usize>(&mut self, part: String, params: [Value; N]) {
        self.parts.push(part);
        self.params.extend(params);
    }

    pub(super) fn where_clause(&self) -> String {
        if self.parts.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.parts.join(" AND "))
        }
    }

    /// Adds every filter but `except` (for that facet's own counts) and
    /// the one the query's `FROM` already applies. Only the SQL text varies
    /// with which filters are set, never with their values, so the
    /// statement cache stays small.
    pub(super) fn filter(&mut self, f: &Filter, except: Option<Facet>, driver: Driver) {
        if let Some(status) = f.status.filter(|_| except != Some(Facet::Status)) {
            self.and("a.status = ?".into(), [Value::Text(status.as_str().into())]);
        }
        if let Some(category) = f
            .category
            .as_ref()
            .filter(|_| except != Some(Facet::Category))
        {
            self.and(
                "a.category = ?".into(),
                [Value::Text(text::line_text(category))],
            );
        }
        if f.author.is_some() && driver != Driver::Author {
            self.and(
                "EXISTS (SELECT 1 FROM article_people p WHERE p.key = ? AND p.article_id = a.id)"
                    .into(),
                [key_of(&f.author)],
            );
        }
        if f.keyword.is_some() && driver != Driver::Keyword {
            self.and(
                "EXISTS (SELECT 1 FROM article_keywords k WHERE k.key = ? AND k.article_id = a.id)"
                    .into(),
                [key_of(&f.keyword)],
            );
        }
        self.dates(f);
    }

    /// The date range, written so the date's index can serve it: the
    /// publication time through the same expression its index has.
    fn dates(&mut self, f: &Filter) {
        let column = match f.date_field {
            DateField::Created => "a.created_at",
            DateField::Updated => "a.updated_at",
            DateField::Published => "coalesce(a.published_at, '')",
        };
        if f.date_field == DateField::Published && (f.from.is_some() || f.to.is_some()) {
            // Unpublished articles are '' there, before every date.
            self.and(format!("{column} > ''"), []);
        }
        if let Some(from) = f.from {
            self.and(format!("{column} >= ?"), [Value::Text(day_start(from))]);
        }
        if let Some(to) = f.to {
            let next = to.succ_opt().unwrap_or(to);
            self.and(format!("{column} < ?"), [Value::Text(day_start(next))]);
        }
    }
}

/// Midnight of `day` in the newsroom's time zone, as stored (UTC text).
fn day_start(day: NaiveDate) -> String {
    let local = text::default_offset()
        .from_local_datetime(&day.and_time(chrono::NaiveTime::MIN))
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| {
            DateTime::<Utc>::from_naive_utc_and_offset(day.and_time(chrono::NaiveTime::MIN), Utc)
        });
    format_utc(local)
}

const SUMMARY: &str = "a.id, a.headline, a.status, a.slug, a.category, a.byline, a.created_at, \
     a.updated_at, a.published_at, a.published_offset";
const SUMMARY_COLUMNS: usize = 10;

pub(super) fn summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: parse_col(r, 0)?,
        headline: r.get(1)?,
        status: parse_col(r, 2)?,
        slug: r.get(3)?,
        category: r.get(4)?,
        byline: r.get(5)?,
        created_at: utc_col(r, 6)?,
        updated_at: utc_col(r, 7)?,
        published_at: published_col(opt_utc_col(r, 8)?, r.get(9)?)?,
    })
}

pub(super) const SUMMARY_SELECT: &str = SUMMARY;

/// A cursor is the last row's sort value and id, as `hex.id`: opaque to the
/// UI, and checked when it comes back.
fn encode_cursor(value: &Value, id: ArticleId) -> String {
    let bytes: &[u8] = match value {
        Value::Text(t) => t.as_bytes(),
        Value::Blob(b) => b,
        _ => &[],
    };
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}.{id}")
}

fn decode_cursor(cursor: &str, sort: Sort) -> Result<(Value, String)> {
    let bad = || CoreError::invalid("cursor", msg!("libraryCursorInvalid", cursor));
    let (hex, id) = cursor.split_once('.').ok_or_else(bad)?;
    let id: ArticleId = id.parse().map_err(|_| bad())?;
    if hex.len() % 2 != 0 {
        return Err(bad());
    }
    let bytes = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16))
        .collect::<std::result::Result<Vec<u8>, _>>()
        .map_err(|_| bad())?;
    let value = match sort {
        Sort::Headline => Value::Blob(bytes),
        Sort::Updated | Sort::Published => {
            Value::Text(String::from_utf8(bytes).map_err(|_| bad())?)
        }
    };
    Ok((value, id.to_string()))
}

/// Keeps what the list filters and sorts on in step with the article:
/// its headline's sort key, and the folded keys of its keywords and people.
/// Runs in the transaction that saves the article.
pub(super) fn write_list_keys(tx: &Transaction<'_>, id: ArticleId, d: &ArticleDraft) -> Result<()> {
    let id = id.to_string();
    tx.prepare_cached("UPDATE articles SET headline_key = ?2 WHERE id = ?1")?
        .execute(params![id, text::collation_key(&d.headline)])?;
    tx.prepare_cached("DELETE FROM article_keywords WHERE article_id = ?1")?
        .execute([&id])?;
    tx.prepare_cached("DELETE FROM article_people WHERE article_id = ?1")?
        .execute([&id])?;
    let mut keyword = tx.prepare_cached(
        "INSERT OR IGNORE INTO article_keywords (key, keyword, article_id) VALUES (?1, ?2, ?3)",
    )?;
    for k in &d.keywords {
        keyword.execute(params![text::keyword_key(k), k, id])?;
    }
    let mut person = tx.prepare_cached(
        "INSERT OR IGNORE INTO article_people (key, name, article_id) VALUES (?1, ?2, ?3)",
    )?;
    let names = std::iter::once(d.byline.as_str()).chain(d.authors.iter().map(|a| a.name.as_str()));
    for name in names {
        let name = text::line_text(name);
        if !name.is_empty() {
            person.execute(params![text::keyword_key(&name), name, id])?;
        }
    }
    Ok(())
}

impl Store {
    /// Every article the filter lets through, in the list's order (most
    /// recently changed first).
    pub fn filtered_ids(&self, filter: &Filter) -> Result<Vec<ArticleId>> {
        let mut ids = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let page = self.list_page(filter, Sort::Updated, cursor.as_deref(), MAX_PAGE)?;
            ids.extend(page.rows.iter().map(|r| r.id));
            match page.next {
                Some(next) => cursor = Some(next),
                None => return Ok(ids),
            }
        }
    }
}
