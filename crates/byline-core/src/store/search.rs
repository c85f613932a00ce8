//! The full-text index and everything that reads it: library search, the
//! related-article picker and keyword suggestions. How words are compared
//! lives in `search_text.rs`; this module is the SQL.
//!
//! Ranking. A query typed with marks ("má") is run twice: first with the
//! words typed with marks matched exactly (the others folded), then all
//! folded. Exact hits come first, then
//! the rest, each group by bm25 with the headline weighted above the sapo,
//! the people and keywords, and the body. A query typed without marks runs
//! once, folded. A query with a phrase or a prefix is not ranked by bm25
//! (for those bm25 makes a second pass over every match, which doubles the
//! cost): headline hits come first, then the newest.
//!
//! Speed. bm25 over every match of a syllable that nearly every article has
//! ("của") costs 100+ ms at 100,000 articles. So each run reads matches
//! newest first and stops after `CANDIDATES`; when a query matches more than
//! that, the ranking is among its most recent matches. A query that matches
//! fewer (almost every real one) is ranked over all of them.

use std::collections::HashSet;

use rusqlite::{Connection, Transaction, params, types::Value};

use super::{
    Store,
    library::{Driver, Filter, SUMMARY_SELECT, Sql, summary},
};
use crate::{
    article::{ArticleDraft, ArticleId, ArticleSummary, RelatedArticle},
    error::Result,
    search_text::{self, IndexText, Query, SnippetPart},
    text,
};

/// How many suggestions a picker shows.
const SUGGESTIONS: usize = 10;
const RELATED_RESULTS: usize = 20;

/// The most matches one run of a query ranks (see the module docs).
pub const CANDIDATES: usize = 2000;

/// The most results one search returns.
pub const MAX_RESULTS: usize = 200;

/// bm25 weights, in the order of the index's columns: headline, sapo, body,
/// meta (keywords, people, captions), each folded then exact.
const BM25: &str = "bm25(search_index, 10.0, 10.0, 4.0, 4.0, 1.0, 1.0, 3.0, 3.0)";
const FOLDED_COLUMNS: &str = "headline sapo body meta";
const EXACT_COLUMNS: &str = "headline_exact sapo_exact body_exact meta_exact";

/// One article found.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub article: ArticleSummary,
    /// The headline with the matched words marked.
    pub headline: Vec<SnippetPart>,
    /// A passage of the sapo or body around the first match.
    pub snippet: Vec<SnippetPart>,
    /// Higher is better; comparable within one search only.
    pub score: f64,
    /// Matched the words as typed, marks included.
    pub exact: bool,
}

impl Store {
    /// Articles matching `query` and `filter`, best first. An empty query
    /// finds nothing.
    pub fn search(&self, query: &str, filter: &Filter, limit: usize) -> Result<Vec<SearchHit>> {
        let query = Query::parse(query);
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let limit = limit.clamp(1, MAX_RESULTS);
        let ranked = query.is_plain();
        self.search_read(|c| {
            let mut found: Vec<(String, f64, bool)> = Vec::new();
            if query.marked {
                let exact = query.fts_expression(FOLDED_COLUMNS, Some(EXACT_COLUMNS));
                found.extend(
                    candidates(c, &exact, filter, ranked)?
                        .into_iter()
                        .map(|(id, score)| (id, score, true)),
                );
            }
            if found.len() < limit {
                let exact: HashSet<String> = found.iter().map(|(id, _, _)| id.clone()).collect();
                let folded = query.fts_expression(FOLDED_COLUMNS, None);
                for (id, score) in candidates(c, &folded, filter, ranked)? {
                    if !exact.contains(&id) {
                        found.push((id, score, false));
                    }
                }
            }
            if !ranked {
                // Phrases and prefixes: headline hits first, then newest
                // (the order candidates come in). -1 is better than 0, as
                // bm25 goes.
                for (id, score, _) in &mut found {
                    let headline: String = c
                        .prepare_cached("SELECT headline FROM articles WHERE id = ?1")?
                        .query_row([&*id], |r| r.get(0))?;
                    let hit = search_text::highlight(&headline, &query)
                        .iter()
                        .any(|p| p.hit);
                    *score = if hit { -1.0 } else { 0.0 };
                }
            }
            // Exact hits first, then by score (bm25 is lower for better);
            // the sort is stable, so equal scores stay newest first.
            found.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.total_cmp(&b.1)));
            found.truncate(limit);
            // Reported higher for better; 0.0 - x keeps an unranked 0 from
            // printing as -0.
            found
                .into_iter()
                .map(|(id, score, exact)| hit(c, &id, 0.0 - score, exact, &query))
                .collect()
        })
    }

    /// Keywords already used in the library whose folded form contains the
    /// folded `query`; most used first.
    pub fn suggest_keywords(&self, query: &str) -> Result<Vec<String>> {
        let key = text::keyword_key(query);
        self.read(|c| {
            Ok(c.prepare_cached(
                "SELECT min(keyword) FROM article_keywords WHERE instr(key, ?1) > 0
                 GROUP BY key ORDER BY count(*) DESC, key LIMIT ?2",
            )?
            .query_map(params![key, SUGGESTIONS as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Articles to relate, by the words of their headline or their slug, as
    /// the writer types (the last word may be unfinished), leaving out
    /// `exclude` (the article being edited).
    pub fn search_articles(
        &self,
        query: &str,
        exclude: Option<ArticleId>,
    ) -> Result<Vec<RelatedArticle>> {
        let mut parsed = Query::parse(query);
        if let Some(last) = parsed.parts.last_mut() {
            last.prefix = true;
        }
        let exclude = exclude.map(|id| id.to_string()).unwrap_or_default();
        let slug = text::slugify(query);
        self.search_read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT a.id, a.slug, a.headline, a.sapo FROM articles a
                 WHERE a.id <> ?3 AND (a.slug = ?2 OR a.id IN (
                     SELECT d.article_id FROM search_index
                     JOIN search_docs d ON d.docid = search_index.rowid
                     WHERE search_index MATCH ?1 ORDER BY search_index.rowid DESC LIMIT 200))
                 ORDER BY a.slug = ?2 DESC, a.updated_at DESC LIMIT ?4",
            )?;
            let expression = if parsed.is_empty() {
                // Matches nothing: only an exact slug can be found.
                "\"\"".to_owned()
            } else {
                parsed.fts_expression("headline", None)
            };
            let rows = stmt.query_map(
                params![expression, slug, exclude, RELATED_RESULTS as i64],
                |r| {
                    Ok(RelatedArticle {
                        id: super::rows::parse_col(r, 0)?,
                        slug: r.get(1)?,
                        headline: r.get(2)?,
                        excerpt: super::rows::excerpt(&r.get::<_, String>(3)?),
                    })
                },
            )?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }
}

/// Up to `CANDIDATES` matches of `expression`, newest first, with their
/// bm25 when `ranked` (else 0).
fn candidates(
    c: &Connection,
    expression: &str,
    filter: &Filter,
    ranked: bool,
) -> Result<Vec<(String, f64)>> {
    let score = if ranked { BM25 } else { "0.0" };
    let mut sql = Sql::default();
    sql.filter(filter, None, Driver::Plain);
    let (join, filters) = if sql.params.is_empty() {
        ("", String::new())
    } else {
        (
            "JOIN articles a ON a.id = d.article_id",
            sql.where_clause().replacen("WHERE", "AND", 1),
        )
    };
    let query = format!(
        "SELECT d.article_id, {score} FROM search_index
         JOIN search_docs d ON d.docid = search_index.rowid {join}
         WHERE search_index MATCH ? {filters}
         ORDER BY search_index.rowid DESC LIMIT {CANDIDATES}"
    );
    let mut params = vec![Value::Text(expression.to_owned())];
    params.extend(sql.params);
    let rows = c
        .prepare_cached(&query)?
        .query_map(rusqlite::params_from_iter(params), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn hit(c: &Connection, id: &str, score: f64, exact: bool, query: &Query) -> Result<SearchHit> {
    let (article, sapo, body): (ArticleSummary, String, String) = c
        .prepare_cached(&format!(
            "SELECT {SUMMARY_SELECT}, a.sapo, a.body FROM articles a WHERE a.id = ?1"
        ))?
        .query_row([id], |r| Ok((summary(r)?, r.get(10)?, r.get(11)?)))?;
    let body = search_text::markdown_words(&body);
    Ok(SearchHit {
        headline: search_text::highlight(&article.headline, query),
        snippet: search_text::snippet(&[&sapo, &body], query),
        article,
        score,
        exact,
    })
}

/// Writes the article's entry in the full-text index, replacing any older
/// one. Runs in the transaction that saves the article, so the index is
/// never behind the library.
pub(super) fn index_article(tx: &Transaction<'_>, id: ArticleId, d: &ArticleDraft) -> Result<()> {
    let id = id.to_string();
    let docid: i64 = tx
        .prepare_cached(
            "INSERT INTO search_docs (article_id) VALUES (?1)
             ON CONFLICT (article_id) DO UPDATE SET article_id = excluded.article_id
             RETURNING docid",
        )?
        .query_row([&id], |r| r.get(0))?;
    tx.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?
        .execute([docid])?;
    let headline = IndexText::of(&d.headline);
    let sapo = IndexText::of(&d.sapo);
    let body = IndexText::of(&search_text::markdown_words(&d.body));
    let mut meta = IndexText::default();
    meta.push(&d.byline);
    for author in &d.authors {
        meta.push(&author.name);
    }
    for keyword in &d.keywords {
        meta.push(keyword);
    }
    for photo in &d.photos {
        meta.push(&photo.caption);
        meta.push(&photo.credit);
        meta.push(&photo.alt);
    }
    tx.prepare_cached(
        "INSERT INTO search_index (rowid, headline, headline_exact, sapo, sapo_exact,
                                   body, body_exact, meta, meta_exact)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        docid,
        headline.folded,
        headline.exact,
        sapo.folded,
        sapo.exact,
        body.folded,
        body.exact,
        meta.folded,
        meta.exact,
    ])?;
    Ok(())
}
