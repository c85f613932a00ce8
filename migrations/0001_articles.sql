-- Byline library, schema 1: articles.
-- Append-only once landed: a fix is a new migration file, never an edit here.

-- 'BYLN': lets Byline tell its own libraries from other SQLite files.
PRAGMA application_id = 1113148494;

CREATE TABLE articles (
    -- UUID v7 as text; sorts by creation time.
    id               TEXT PRIMARY KEY NOT NULL,
    headline         TEXT NOT NULL,
    sapo             TEXT NOT NULL DEFAULT '',
    body             TEXT NOT NULL DEFAULT '',
    byline           TEXT NOT NULL DEFAULT '',
    -- JSON arrays, written only by the core.
    authors          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(authors)),
    keywords         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keywords)),
    category         TEXT NOT NULL DEFAULT '',
    language         TEXT NOT NULL DEFAULT 'vi',
    -- Validated in Rust; no CHECK so that new workflow states need no table rebuild.
    status           TEXT NOT NULL DEFAULT 'draft',
    slug             TEXT NOT NULL UNIQUE,
    -- 1 when a person chose the slug; 0 while it follows the headline.
    slug_manual      INTEGER NOT NULL DEFAULT 0 CHECK (slug_manual IN (0, 1)),
    editor_note      TEXT NOT NULL DEFAULT '',
    -- UTC, RFC 3339 with a fixed width, so text order is time order.
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    published_at     TEXT,
    -- The writer's offset from UTC in seconds, kept to print the time as written.
    published_offset INTEGER,
    CHECK ((published_at IS NULL) = (published_offset IS NULL))
) STRICT;

CREATE INDEX articles_by_updated ON articles (updated_at DESC);
