//! Corpus tests: the engine on the seed documents.

mod bylines;
mod cite;
mod format;
mod import;
mod search;
