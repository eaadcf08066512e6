//! Errors of the formatting and interchange layer.

/// What can go wrong reading a style, a locale or an interchange file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("unknown style `{0}` (bundled: {list}; or give a path to a .csl file)", list = crate::BUNDLED_STYLES.join(", "))]
    UnknownStyle(String),
    #[error("cannot read style file {path}: {source}")]
    StyleIo {
        path: String,
        source: std::io::Error,
    },
    #[error("invalid CSL style {name}: {message}")]
    InvalidStyle { name: String, message: String },
    #[error("{name} is a dependent CSL style; load its parent style ({parent}) instead")]
    DependentStyle { name: String, parent: String },
    #[error("invalid CSL-JSON: {0}")]
    CslJson(#[source] serde_json::Error),
    #[error("invalid BibTeX: {0}")]
    Bibtex(String),
    /// `@string` macros or `crossref`/`xdata` parents that lead back to
    /// themselves: resolving them would never end.
    #[error("invalid BibTeX: {what} form a cycle ({})", keys.join(" → "))]
    BibtexCycle {
        what: &'static str,
        keys: Vec<String>,
    },
    /// Links that are not cyclic but would take too deep or too much work to resolve.
    #[error("invalid BibTeX: {0}")]
    BibtexTooComplex(String),
    #[error("is {size:.1} MB; {kind} files over {limit} MB are refused")]
    TooLarge {
        kind: &'static str,
        size: f64,
        limit: u64,
    },
    #[error("not a BibTeX, RIS or CSL-JSON file")]
    UnknownWorksFormat,
    /// A reader panicked on this input; the message is the panic's.
    #[error("internal error: {0}")]
    Internal(String),
    #[error("invalid RIS at line {line}: {message}")]
    Ris { line: usize, message: String },
    #[error("the citation processor failed on this input: {0}")]
    Render(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
