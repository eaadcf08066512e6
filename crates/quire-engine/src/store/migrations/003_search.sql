-- Search (issue 4): saved themes, and the generation that ties the tantivy
-- index in `index/` to this database (see src/search.rs).

CREATE TABLE themes (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL UNIQUE COLLATE NOCASE,
    -- Query in the search syntax; several words must all match, so the
    -- starter queries list alternatives with OR.
    query  TEXT NOT NULL,
    -- #rrggbb, for the themes page and the heat map.
    colour TEXT NOT NULL
) STRICT;

-- The starter set, chosen for the social-work sample library.
INSERT INTO themes (name, query, colour) VALUES
    ('Poverty',
     'poverty OR poor OR deprivation OR inequality OR unequal OR "poverty-aware"',
     '#d9534f'),
    ('Relationship-based practice',
     '"relationship-based" OR "relationship based" OR rapport OR "use of self" OR empathy',
     '#2a9d8f'),
    ('Technology',
     'technology OR digital OR "social media" OR online OR internet OR video OR email',
     '#457b9d'),
    ('Power',
     'power OR powerless OR empowerment OR empower OR oppression OR oppressive OR privilege OR authority',
     '#8e44ad'),
    ('Supervision',
     'supervision OR supervisor OR supervisors OR "reflective practice"',
     '#e9a23b');

-- Starts at 1 so that an index never committed (generation 0) is rebuilt,
-- including in a library that had documents before this migration.
INSERT INTO meta (key, value) VALUES ('index_generation', '1')
    ON CONFLICT(key) DO NOTHING;
