-- Works and lists (issue 5): every reference entry is linked to one
-- deduplicated work; reading and reference lists are ordered sets of works.

-- A work as CSL-JSON, with the keys deduplication looks it up by.
CREATE TABLE works (
    id         INTEGER PRIMARY KEY,
    csl        TEXT NOT NULL,
    -- Lower-case DOI without a resolver prefix ("10.1111/cfs.12642"), if any.
    doi        TEXT,
    -- Folded family name (or organisation) of the first author + year,
    -- e.g. "wilkinson2009": candidates for a match share it.
    match_key  TEXT NOT NULL,
    -- Set when a person edited the CSL: re-linking never overwrites it.
    edited     INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1))
) STRICT;

CREATE INDEX works_by_doi ON works(doi) WHERE doi IS NOT NULL;
CREATE INDEX works_by_key ON works(match_key);

-- Which work each reference-list entry cites. `pinned` marks a link a person
-- made by merging or splitting, so automatic linking leaves it alone.
CREATE TABLE work_refs (
    document_id INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    work_id     INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
    pinned      INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    PRIMARY KEY (document_id, position),
    FOREIGN KEY (document_id, position) REFERENCES doc_references(document_id, position) ON DELETE CASCADE
) STRICT;

CREATE INDEX work_refs_by_work ON work_refs(work_id);

CREATE TABLE lists (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE COLLATE NOCASE,
    purpose TEXT NOT NULL CHECK (purpose IN ('reading', 'reference')),
    -- A bundled style name or a .csl path (see quire-format).
    style   TEXT NOT NULL DEFAULT 'harvard-cite-them-right'
) STRICT;

-- "Week 1: Relationship-based practice": headings inside a list, in order.
CREATE TABLE list_sections (
    id       INTEGER PRIMARY KEY,
    list_id  INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title    TEXT NOT NULL,
    UNIQUE (list_id, title)
) STRICT;

CREATE TABLE list_items (
    list_id    INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    work_id    INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
    section_id INTEGER REFERENCES list_sections(id) ON DELETE SET NULL,
    position   INTEGER NOT NULL,
    importance TEXT CHECK (importance IN ('essential', 'recommended', 'further')),
    note       TEXT,
    PRIMARY KEY (list_id, work_id)
) STRICT;
