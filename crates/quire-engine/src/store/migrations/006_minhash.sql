-- Near-duplicate sketches (import/dedupe.rs): each document's sampled
-- shingle hashes (Broder's MOD-m sketch, a MinHash-family sketch that
-- estimates containment), indexed by hash, so an import finds candidate
-- near-copies with an index lookup instead of loading every document.
-- Documents stored before this migration are sketched on the next import
-- (a hash is computed in Rust, not SQL).

-- One row per document sketched: its exact shingle count and sketch size.
CREATE TABLE doc_signatures (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    shingles    INTEGER NOT NULL,
    samples     INTEGER NOT NULL
) STRICT;

-- The sampled hashes (SipHash-1-3 of word 5-grams, stored as signed bits).
CREATE TABLE doc_sketch (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    hash        INTEGER NOT NULL,
    PRIMARY KEY (document_id, hash)
) STRICT, WITHOUT ROWID;

CREATE INDEX doc_sketch_by_hash ON doc_sketch(hash, document_id);
