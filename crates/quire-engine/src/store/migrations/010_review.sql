-- Review rounds (issue 11): markers score entries against a rubric, blind
-- or open, with second marking, moderation and an append-only trail.
-- A round keeps its own copy of the rubric, the entries' authors and
-- content hashes, so editing a template, re-importing or deleting a
-- document later leaves its marks readable.

-- Rubrics saved as reusable templates (the shipped `competition` template
-- is built in and not stored). `json` is the rubric file's shape.
CREATE TABLE rubric_templates (
    name TEXT PRIMARY KEY,
    json TEXT NOT NULL
) STRICT;

CREATE TABLE review_rounds (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    rubric      TEXT NOT NULL,
    per_entry   INTEGER NOT NULL CHECK (per_entry BETWEEN 1 AND 4),
    blind       INTEGER NOT NULL,
    avoid_same_affiliation INTEGER NOT NULL,
    rule        TEXT NOT NULL CHECK (rule IN ('mean', 'highest', 'first', 'moderator')),
    -- Share of the 100 available (0.10: marks more than 10 apart are flagged).
    tolerance   REAL NOT NULL CHECK (tolerance >= 0 AND tolerance <= 1),
    revealed_at TEXT,
    revealed_by TEXT,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE TABLE review_markers (
    id          INTEGER PRIMARY KEY,
    round_id    INTEGER NOT NULL REFERENCES review_rounds(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    affiliation TEXT
) STRICT;

CREATE UNIQUE INDEX review_markers_by_name ON review_markers(round_id, name COLLATE NOCASE);

CREATE TABLE review_entries (
    id           INTEGER PRIMARY KEY,
    round_id     INTEGER NOT NULL REFERENCES review_rounds(id) ON DELETE CASCADE,
    -- E-001, E-002 … in the order the documents were given.
    code         TEXT NOT NULL,
    document_id  INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    -- documents.content_hash: how a marks file from another library names it.
    content_hash TEXT NOT NULL,
    title        TEXT NOT NULL,
    author       TEXT,
    affiliation  TEXT,
    moderated    REAL,
    moderation_reason TEXT,
    moderated_by TEXT,
    shortlisted  INTEGER NOT NULL DEFAULT 0,
    winner       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (round_id, code),
    UNIQUE (round_id, content_hash)
) STRICT;

-- One marker's marking of one entry (the allocation and its marks).
CREATE TABLE review_marks (
    entry_id     INTEGER NOT NULL REFERENCES review_entries(id) ON DELETE CASCADE,
    marker_id    INTEGER NOT NULL REFERENCES review_markers(id) ON DELETE CASCADE,
    -- 0 for the first marker of the entry, 1 for the second …
    position     INTEGER NOT NULL,
    state        TEXT NOT NULL DEFAULT 'not_started'
                 CHECK (state IN ('not_started', 'in_progress', 'submitted')),
    -- JSON {criterion: score}.
    scores       TEXT NOT NULL DEFAULT '{}',
    overall      TEXT,
    updated_at   TEXT,
    PRIMARY KEY (entry_id, marker_id)
) STRICT;

-- A comment on a passage: the paragraph (as the reader numbers them), the
-- character offsets in that paragraph's text when the app made it, and
-- the quoted passage, by which it is found again if offsets no longer fit.
CREATE TABLE review_comments (
    id         INTEGER PRIMARY KEY,
    entry_id   INTEGER NOT NULL,
    marker_id  INTEGER NOT NULL,
    paragraph  INTEGER NOT NULL,
    start      INTEGER,
    "end"      INTEGER,
    quote      TEXT NOT NULL,
    text       TEXT NOT NULL,
    -- The audit finding's kind when the comment was made from one.
    finding    TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    FOREIGN KEY (entry_id, marker_id) REFERENCES review_marks(entry_id, marker_id) ON DELETE CASCADE
) STRICT;

CREATE INDEX review_comments_by_mark ON review_comments(entry_id, marker_id);

-- Reusable comments, for every round.
CREATE TABLE comment_bank (
    id       INTEGER PRIMARY KEY,
    text     TEXT NOT NULL UNIQUE,
    category TEXT
) STRICT;

INSERT INTO comment_bank (text, category) VALUES
    ('A clear line of argument runs through the essay.', 'Argument'),
    ('This claim needs evidence: which study or policy supports it?', 'Evidence'),
    ('Good use of research to support this point.', 'Evidence'),
    ('Bring in the perspective of people using services here.', 'Relevance'),
    ('This paragraph drifts from the question; link it back to working better together.', 'Relevance'),
    ('Signpost the structure: say where the argument goes next.', 'Structure'),
    ('Check the citation style: author and year, with page numbers for quotations.', 'Referencing'),
    ('Every source cited in the text needs an entry in the reference list.', 'Referencing');

-- Every change of a mark, a state, an allocation, a moderation, a flag or
-- the reveal: who, when, what, the old and the new value. Append-only:
-- rows can be neither updated nor deleted while their round exists.
CREATE TABLE review_trail (
    id         INTEGER PRIMARY KEY,
    round_id   INTEGER NOT NULL,
    -- The entry's code (readable whatever happens to the entry row).
    entry_code TEXT,
    actor      TEXT NOT NULL,
    at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    action     TEXT NOT NULL,
    old        TEXT,
    new        TEXT
) STRICT;

CREATE INDEX review_trail_by_entry ON review_trail(round_id, entry_code);

CREATE TRIGGER review_trail_no_update BEFORE UPDATE ON review_trail
BEGIN
    SELECT RAISE(ABORT, 'the review trail is append-only');
END;

CREATE TRIGGER review_trail_no_delete BEFORE DELETE ON review_trail
WHEN EXISTS (SELECT 1 FROM review_rounds WHERE id = OLD.round_id)
BEGIN
    SELECT RAISE(ABORT, 'the review trail is append-only');
END;
