-- Byline library, schema 2: photos inside the library, their placements in
-- articles, related articles, and the newsroom's settings.

-- Every photo once, addressed by the SHA-256 of its bytes: the same photo added
-- twice is stored once, and the library stays one file.
CREATE TABLE photos (
    sha256           TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
    bytes            BLOB NOT NULL,
    mime             TEXT NOT NULL,
    -- As displayed, after EXIF orientation.
    width            INTEGER NOT NULL,
    height           INTEGER NOT NULL,
    -- Caption and creator embedded in the file (XMP or IPTC), if any.
    embedded_caption TEXT,
    embedded_creator TEXT,
    added_at         TEXT NOT NULL
) STRICT;

-- A photo as one article uses it. `file` is the name the body's Markdown uses
-- (`media/hoi-nghi.jpg`), so the body stays readable and round-trips.
CREATE TABLE article_photos (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    photo      TEXT NOT NULL REFERENCES photos (sha256),
    file       TEXT NOT NULL,
    caption    TEXT NOT NULL DEFAULT '',
    credit     TEXT NOT NULL DEFAULT '',
    alt        TEXT NOT NULL DEFAULT '',
    featured   INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
    PRIMARY KEY (article_id, position),
    UNIQUE (article_id, file)
) STRICT;

CREATE UNIQUE INDEX article_photos_one_featured ON article_photos (article_id) WHERE featured = 1;
CREATE INDEX article_photos_by_photo ON article_photos (photo);

-- Related articles in the writer's order. `reference` is what was written (an
-- id or a slug) and is kept even when no such article exists yet;
-- `resolved_id` remembers the article once found, so a later slug change
-- does not lose it.
CREATE TABLE related_articles (
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    reference   TEXT NOT NULL,
    resolved_id TEXT REFERENCES articles (id) ON DELETE SET NULL,
    PRIMARY KEY (article_id, position)
) STRICT;

CREATE INDEX related_articles_by_reference ON related_articles (reference);

-- Newsroom settings, one JSON value per key.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

INSERT INTO settings (key, value) VALUES
    ('headline_max', '120'),
    ('sapo_min', '120'),
    ('sapo_max', '300'),
    ('categories', '["Thời sự", "Chính trị", "Kinh tế", "Xã hội", "Văn hóa", "Thể thao", "Giáo dục", "Pháp luật"]');
