-- Styles a person imported (a `.csl` file from the Zotero style repository,
-- a journal's or a department's own): the XML is kept in the library, so a
-- list's style keeps working when the file it came from moves or is
-- deleted. Lists name an imported style by `name`, beside the bundled names
-- (see styles.rs).
CREATE TABLE styles (
    -- Lower-case, from the last segment of the style's <id> (else the file
    -- name): "british-journal-of-social-work". Never a bundled style's name.
    name       TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    -- The <id> without scheme or trailing slash, lower-cased: how a
    -- dependent style imported later finds this one as its parent.
    id_key     TEXT,
    -- A dependent style's `independent-parent` link as written, and the
    -- same normalised like `id_key`.
    parent     TEXT,
    parent_key TEXT,
    -- The style's `default-locale`, e.g. en-GB.
    locale     TEXT,
    -- The file it was imported from, for the record only: never read again.
    source     TEXT NOT NULL,
    xml        TEXT NOT NULL
) STRICT;

CREATE INDEX styles_by_id ON styles(id_key) WHERE id_key IS NOT NULL;
CREATE INDEX styles_by_parent ON styles(parent_key) WHERE parent_key IS NOT NULL;
