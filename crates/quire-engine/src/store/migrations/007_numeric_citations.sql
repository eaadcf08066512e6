-- Numeric citations (issue 8): "[3]" or "³" cites entry 3 of a numbered
-- reference list. Such a citation has no authors or year (`authors` is
-- "[]", `year` is ""); `number` is what it cites. NULL for author–date
-- citations.
ALTER TABLE citations ADD COLUMN number INTEGER;
