//! quire-search
