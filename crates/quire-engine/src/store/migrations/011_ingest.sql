-- Real-world ingestion (issue 13).

-- The work a document is: made from a PDF's or a saved page's own metadata,
-- or the Zotero item whose attachment text it holds. A work deleted leaves
-- the document without one.
ALTER TABLE documents ADD COLUMN work_id INTEGER REFERENCES works(id) ON DELETE SET NULL;
CREATE INDEX documents_by_work ON documents(work_id) WHERE work_id IS NOT NULL;

-- Zotero items imported, by "<libraryID>/<key>": re-importing the library
-- updates these works instead of adding new ones. `version` is the item's
-- version at the last import.
CREATE TABLE zotero_items (
    zotero_key TEXT PRIMARY KEY,
    work_id    INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL
) STRICT;
CREATE INDEX zotero_items_by_work ON zotero_items(work_id);

-- Tags on works (Zotero's, kept as they were).
CREATE TABLE work_tags (
    work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
    tag     TEXT NOT NULL,
    PRIMARY KEY (work_id, tag)
) STRICT;

-- Works held by a collection (a Zotero collection imported as one).
CREATE TABLE collection_works (
    collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    work_id       INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
    PRIMARY KEY (collection_id, work_id)
) STRICT;
CREATE INDEX collection_works_by_work ON collection_works(work_id);
