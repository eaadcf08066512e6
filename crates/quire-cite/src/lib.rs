//! quire-cite: the citation engine, pure functions over text.
//!
//! - [`extract_citations`] finds author–date citations in an essay body,
//!   [`extract_numeric`] numeric ones ("[3]", "[1–4]", "³").
//! - [`parse_reference`] turns a reference-list entry in any common style
//!   (Harvard, APA 7, Chicago author-date, MLA, Vancouver, messy student
//!   variants) into CSL-JSON, a [`quire_csl::CslItem`].
//! - [`audit`] links the two and lists what a marker must fix.
//!
//! No I/O and no storage: the engine stores results, the CLI prints them.
//! Nothing here panics on bad input; what cannot be read is left out.

mod audit;
mod fold;
mod intext;
mod matching;
mod numbered;
mod reference;
mod slice;

pub use audit::{
    audit, audit_parsed, describe, essay_citations, CitationResult, EssayAudit, Issue, IssueKind,
    ReferenceResult, Status,
};
pub use fold::key as fold_key;
pub use intext::{extract_citations, extract_numeric, Citation, CitedIn};
pub use reference::{entry_number, parse_entry, parse_reference, ParsedEntry};
