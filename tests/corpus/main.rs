//! Corpus tests: the engine on the seed documents.
