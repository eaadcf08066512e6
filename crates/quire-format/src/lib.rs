//! quire-format
