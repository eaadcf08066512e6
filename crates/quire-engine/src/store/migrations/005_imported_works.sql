-- Works that came from an interchange file (BibTeX, RIS, CSL-JSON) are kept
-- even when no reference entry cites them; a work made only by linking an
-- entry is removed once a correction moves that entry elsewhere.
ALTER TABLE works ADD COLUMN imported INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1));
