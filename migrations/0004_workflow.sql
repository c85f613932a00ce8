-- Byline library, schema 4: the editorial workflow. Every move between
-- states, every revision and every comment is kept, with who and when;
-- nothing here is ever updated in place except a comment's resolution.

-- Moves between workflow states (workflow.rs has the rules).
CREATE TABLE article_transitions (
    id          INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('reporter', 'editor')),
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    -- Why a blocking checklist finding was overridden, when one was.
    override    TEXT,
    -- The article's latest revision once the move was made (the move makes
    -- one unless nothing changed since the last): "the text as submitted".
    revision    INTEGER
) STRICT;
CREATE INDEX article_transitions_by_article ON article_transitions (article_id, id);

-- Whole-article snapshots (revision.rs): a keyframe now and then, and
-- between keyframes the change from the revision before.
CREATE TABLE article_revisions (
    id         INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    -- 1, 2, 3 … per article.
    number     INTEGER NOT NULL,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('reporter', 'editor')),
    -- save, transition, import, editing (the five-minute rule), restore, created
    reason     TEXT NOT NULL,
    keyframe   INTEGER NOT NULL CHECK (keyframe IN (0, 1)),
    data       BLOB NOT NULL,
    UNIQUE (article_id, number)
) STRICT;

-- Comments on an article, general or anchored to a quoted span of the body
-- or of a photo caption (anchor.rs).
CREATE TABLE article_comments (
    id          TEXT PRIMARY KEY NOT NULL,
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('reporter', 'editor')),
    body        TEXT NOT NULL,
    -- NULL for a general comment; 'body' or 'caption:<file>' when anchored.
    target      TEXT,
    -- The anchor as JSON (quote, prefix, suffix, start), with `target`.
    anchor      TEXT CHECK (anchor IS NULL OR json_valid(anchor)),
    resolved_at TEXT,
    resolved_by TEXT,
    CHECK ((target IS NULL) = (anchor IS NULL))
) STRICT;
CREATE INDEX article_comments_by_article ON article_comments (article_id, at);
