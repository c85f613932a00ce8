-- Byline library, schema 3: the library at newsroom scale. Filters and sorts
-- that use an index at 100,000 articles, and the full-text search index.
-- The Rust hook that runs after this file fills the new columns and tables
-- for articles already in the library (folding needs Rust, not SQL).

-- The articles table again, with the long text (sapo, editor's note, body)
-- last. SQLite keeps what does not fit in a page in a chain of overflow
-- pages, and reading a column that comes after the body means walking that
-- chain: with the body last, listing, filtering and sorting read one page
-- per article. Foreign keys are off while migrations run (store/mod.rs), so
-- dropping the old table deletes no placement or related article.
CREATE TABLE articles_new (
    id               TEXT PRIMARY KEY NOT NULL,
    headline         TEXT NOT NULL,
    byline           TEXT NOT NULL DEFAULT '',
    authors          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(authors)),
    keywords         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keywords)),
    category         TEXT NOT NULL DEFAULT '',
    language         TEXT NOT NULL DEFAULT 'vi',
    status           TEXT NOT NULL DEFAULT 'draft',
    slug             TEXT NOT NULL UNIQUE,
    slug_manual      INTEGER NOT NULL DEFAULT 0 CHECK (slug_manual IN (0, 1)),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    published_at     TEXT,
    published_offset INTEGER,
    -- Vietnamese dictionary order of the headline, as bytes (text::collation_key).
    headline_key     BLOB NOT NULL DEFAULT x'',
    sapo             TEXT NOT NULL DEFAULT '',
    editor_note      TEXT NOT NULL DEFAULT '',
    body             TEXT NOT NULL DEFAULT '',
    CHECK ((published_at IS NULL) = (published_offset IS NULL))
) STRICT;

INSERT INTO articles_new (id, headline, byline, authors, keywords, category, language, status,
                          slug, slug_manual, created_at, updated_at, published_at,
                          published_offset, sapo, editor_note, body)
SELECT id, headline, byline, authors, keywords, category, language, status,
       slug, slug_manual, created_at, updated_at, published_at,
       published_offset, sapo, editor_note, body
FROM articles;

DROP TABLE articles;
ALTER TABLE articles_new RENAME TO articles;

-- Keyset pagination walks one of these per sort; `id` breaks ties so every
-- article has exactly one place.
CREATE INDEX articles_by_updated ON articles (updated_at, id);
-- Unpublished articles sort as '' (after every date when newest first).
CREATE INDEX articles_by_published ON articles (coalesce(published_at, ''), id);
CREATE INDEX articles_by_headline ON articles (headline_key, id);
CREATE INDEX articles_by_created ON articles (created_at, id);
-- Status and category together: the counts beside the filters read these
-- indexes alone.
CREATE INDEX articles_by_status ON articles (status, category);
CREATE INDEX articles_by_category ON articles (category, status);

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
