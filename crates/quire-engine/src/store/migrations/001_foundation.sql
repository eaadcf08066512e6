-- The foundation schema: collections, documents, their reference lists and
-- near-duplicate links. Later migrations (002 citations, 003 search,
-- 004 works) add tables beside these and must not rewrite them.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- A group of documents with shared rules, e.g. an essay competition.
CREATE TABLE collections (
    id        INTEGER PRIMARY KEY,
    title     TEXT NOT NULL UNIQUE,
    prompt    TEXT,
    year      INTEGER,
    min_words INTEGER,
    max_words INTEGER
) STRICT;

CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('essay', 'source')),
    title         TEXT NOT NULL,
    author        TEXT,
    affiliation   TEXT,
    year          INTEGER,
    -- Markdown without page furniture or the reference list.
    body          TEXT NOT NULL,
    word_count    INTEGER NOT NULL,
    -- File name the document came from (no folder: libraries move).
    origin        TEXT NOT NULL,
    -- sha256 of the normalised title + body: re-importing is idempotent.
    content_hash  TEXT NOT NULL UNIQUE,
    collection_id INTEGER REFERENCES collections(id) ON DELETE SET NULL,
    imported_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE INDEX documents_by_collection ON documents(collection_id);

-- A document's reference list, one raw entry per row, in the author's order.
-- (Named doc_references because REFERENCES is an SQL keyword.)
CREATE TABLE doc_references (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    raw         TEXT NOT NULL,
    PRIMARY KEY (document_id, position)
) STRICT;

-- A document that is a near-copy of another; at most one original each.
CREATE TABLE duplicates (
    document_id  INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    duplicate_of INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    -- Share of the copy's word 5-grams found in the original (0..1).
    similarity   REAL NOT NULL,
    CHECK (document_id <> duplicate_of)
) STRICT;

CREATE INDEX duplicates_by_original ON duplicates(duplicate_of);
