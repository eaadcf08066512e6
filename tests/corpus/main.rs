//! Corpus tests: the engine on the seed documents.

mod format;
