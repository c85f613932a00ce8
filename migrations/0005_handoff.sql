-- Byline library, schema 5: hand-off between libraries (export packages).

-- Every revision gets an id that travels with it: a package names the
-- revision it holds and the one it was based on, and the library that
-- imports it looks for those ids among its own revisions (the hook fills
-- the id of revisions already in the library).
ALTER TABLE article_revisions ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX article_revisions_by_uid ON article_revisions (article_id, uid);

-- An imported version that changed fields the local article also changed:
-- kept until someone picks, field by field, which side wins. The incoming
-- version itself is a revision (`incoming_uid`); nothing else of the
-- article changes until every conflict is settled. A newer package replaces
-- the row.
CREATE TABLE article_merges (
    article_id    TEXT PRIMARY KEY NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    at            TEXT NOT NULL,
    -- The package it came from, for messages.
    source        TEXT NOT NULL,
    incoming_uid  TEXT NOT NULL,
    -- JSON array: the revisions received whose changes the article has not
    -- taken yet (this one, and those of packages it replaced). They are no
    -- base for a merge: the article does not descend from them.
    pending_uids  TEXT NOT NULL CHECK (json_valid(pending_uids)),
    -- JSON arrays of field names (merge fields, see handoff.rs): those still
    -- to settle, and those the merge takes from the incoming version.
    conflicts     TEXT NOT NULL CHECK (json_valid(conflicts)),
    take_incoming TEXT NOT NULL CHECK (json_valid(take_incoming))
) STRICT;
