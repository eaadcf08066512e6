//! quire-cite
