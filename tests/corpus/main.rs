//! Corpus tests: the engine on the seed documents.

mod cite;
mod format;
mod import;
mod search;
