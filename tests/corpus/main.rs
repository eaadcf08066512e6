//! Corpus tests: the engine on the seed documents.

mod blind;
mod bylines;
mod cite;
mod format;
mod heldout;
mod import;
mod ingest;
mod search;
