-- The works view (issue 8) shows each work formatted in a style and is
-- asked on every keystroke; formatting thousands of works each time took
-- seconds. Each work's entry is kept per style, valid while the work's
-- `revision` is the one it was formatted at. The trigger bumps `revision`
-- on every change to the CSL, whoever makes it (edit, re-parse).
ALTER TABLE works ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER works_revision AFTER UPDATE OF csl ON works
BEGIN
    UPDATE works SET revision = revision + 1 WHERE id = NEW.id;
END;

CREATE TABLE formatted_works (
    work_id  INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
    -- The style and formatter version it was formatted with (see works_view.rs).
    style    TEXT NOT NULL,
    revision INTEGER NOT NULL,
    -- Sanitised HTML, plain text, the in-text citation, and the lower-cased
    -- text and "#id" the search box matches words against.
    html     TEXT NOT NULL,
    text     TEXT NOT NULL,
    citation TEXT NOT NULL,
    folded   TEXT NOT NULL,
    PRIMARY KEY (work_id, style)
) STRICT;
