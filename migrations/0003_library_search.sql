-- Byline library, schema 3: the library at newsroom scale. Filters and sorts
-- that use an index at 100,000 articles, and the full-text search index.
-- The Rust hook that runs after this file fills the new columns and tables
-- for articles already in the library (folding needs Rust, not SQL).

-- Vietnamese dictionary order of the headline, as bytes (text::collation_key).
ALTER TABLE articles ADD COLUMN headline_key BLOB NOT NULL DEFAULT x'';

-- Keyset pagination walks one of these per sort; `id` breaks ties so every
-- article has exactly one place.
DROP INDEX articles_by_updated;
CREATE INDEX articles_by_updated ON articles (updated_at, id);
-- Unpublished articles sort as '' (after every date when newest first).
CREATE INDEX articles_by_published ON articles (coalesce(published_at, ''), id);
CREATE INDEX articles_by_headline ON articles (headline_key, id);
CREATE INDEX articles_by_created ON articles (created_at, id);
CREATE INDEX articles_by_status ON articles (status, updated_at, id);
CREATE INDEX articles_by_category ON articles (category, updated_at, id);

-- Folded keys (text::keyword_key) of each article's keywords, and of the
-- people it names (byline and authors), for the library's filters.
CREATE TABLE article_keywords (
    key        TEXT NOT NULL,
    -- As written, for the keyword suggestions.
    keyword    TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (key, article_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX article_keywords_by_article ON article_keywords (article_id);

CREATE TABLE article_people (
    key        TEXT NOT NULL,
    -- As written, for the filter's suggestions.
    name       TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (key, article_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX article_people_by_article ON article_people (article_id);

-- The full-text index keeps no copy of the text (contentless): the articles
-- table has it. Each field group is indexed twice, folded and exact (see
-- search_text.rs). Its rowid is `search_docs.docid`: an explicit INTEGER
-- PRIMARY KEY, which VACUUM never renumbers (the articles table's implicit
-- rowid it may).
CREATE TABLE search_docs (
    docid      INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE
) STRICT;

CREATE VIRTUAL TABLE search_index USING fts5 (
    headline, headline_exact,
    sapo, sapo_exact,
    body, body_exact,
    -- Keywords, byline, authors, photo captions, credits and alt text.
    meta, meta_exact,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);

-- An article that leaves the library leaves the index too.
CREATE TRIGGER search_docs_remove AFTER DELETE ON search_docs BEGIN
    DELETE FROM search_index WHERE rowid = old.docid;
END;
