//! Finding things to pick while writing: keywords already in use and articles
//! to relate. Both fold Vietnamese (case, tone marks, đ → d) so a writer can
//! type without marks. They scan the library; the full-text index of the
//! library search replaces the scan when it lands.

use super::{Store, articles::parse_col};
use crate::{
    article::{ArticleId, RelatedArticle},
    error::Result,
    text,
};

/// How many suggestions a picker shows.
const SUGGESTIONS: usize = 10;
const SEARCH_RESULTS: usize = 20;

impl Store {
    /// Keywords already used in the library whose folded form contains the
    /// folded `query`; most used first.
    pub fn suggest_keywords(&self, query: &str) -> Result<Vec<String>> {
        let key = text::keyword_key(query);
        let used: Vec<(String, i64)> = self.read(|c| {
            Ok(c.prepare_cached(
                "SELECT k.value, count(*) AS uses FROM articles, json_each(articles.keywords) AS k
                 GROUP BY k.value ORDER BY uses DESC, k.value",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
        })?;
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for (keyword, _) in used {
            let k = text::keyword_key(&keyword);
            if k.contains(&key) && !seen.contains(&k) {
                seen.push(k);
                out.push(keyword);
                if out.len() == SUGGESTIONS {
                    break;
                }
            }
        }
        Ok(out)
    }

    /// Articles whose headline or slug contains the folded `query`, newest
    /// change first, leaving out `exclude` (the article being edited).
    pub fn search_articles(
        &self,
        query: &str,
        exclude: Option<ArticleId>,
    ) -> Result<Vec<RelatedArticle>> {
        let key = text::fold(&text::line_text(query));
        let rows: Vec<(ArticleId, String, String, String)> = self.read(|c| {
            Ok(c.prepare_cached(
                "SELECT id, slug, headline, sapo FROM articles ORDER BY updated_at DESC",
            )?
            .query_map([], |r| {
                Ok((parse_col(r, 0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?)
        })?;
        Ok(rows
            .into_iter()
            .filter(|(id, slug, headline, _)| {
                Some(*id) != exclude && (text::fold(headline).contains(&key) || slug.contains(&key))
            })
            .take(SEARCH_RESULTS)
            .map(|(id, slug, headline, sapo)| RelatedArticle {
                id,
                slug,
                headline,
                excerpt: super::articles::excerpt(&sapo),
            })
            .collect())
    }
}
