-- Citation audit (issue 3): each essay's in-text citations and parsed
-- reference entries, rewritten whenever the essay is audited again. A
-- user's correction of a parsed entry lives in its own column so a
-- re-audit (or a better parser) never overwrites it.

-- One in-text citation; `reference` is a doc_references.position.
CREATE TABLE citations (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    -- Byte span in documents.body, for highlighting in the reader.
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    -- JSON array of family or organisation names as cited.
    authors     TEXT NOT NULL,
    year        TEXT NOT NULL,
    et_al       INTEGER NOT NULL,
    locator     TEXT,
    -- JSON {"authors","year"} for secondary citations.
    cited_in    TEXT,
    reference   INTEGER,
    status      TEXT NOT NULL CHECK (status IN
        ('ok', 'missing_reference', 'year_mismatch', 'name_mismatch', 'et_al_mismatch')),
    PRIMARY KEY (document_id, position)
) STRICT;

-- The parse of one reference entry, keyed like the entry itself.
CREATE TABLE reference_parses (
    document_id INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    -- CSL-JSON as parsed.
    csl         TEXT NOT NULL,
    -- CSL-JSON as corrected by the user; used instead of `csl` when set.
    corrected   TEXT,
    PRIMARY KEY (document_id, position),
    FOREIGN KEY (document_id, position)
        REFERENCES doc_references(document_id, position) ON DELETE CASCADE
) STRICT;

-- The audit's findings, in the order the audit gives them.
CREATE TABLE citation_issues (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    citation    INTEGER,
    reference   INTEGER,
    message     TEXT NOT NULL,
    PRIMARY KEY (document_id, position)
) STRICT;
