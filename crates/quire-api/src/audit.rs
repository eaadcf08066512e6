//! The citation audit of a stored document or of a file not imported, and
//! a person's correction of how one reference entry was read.

use std::path::Path;

use quire_csl::CslItem;
use quire_engine::{guard, import, Kind, Library};

use crate::error::{ApiError, ApiResult};
use crate::wire;

/// Audits document `id` again (with any corrected readings) and returns
/// `{citations, references, issues}`.
pub fn audit(library: &mut Library, id: i64) -> ApiResult<wire::EssayAudit> {
    Ok(library.audit(id)?.into())
}

/// Keeps the person's reading of reference entry `position` of document
/// `id` and returns the audit redone with it, in one write.
pub fn correct_reference(
    library: &mut Library,
    id: i64,
    position: usize,
    csl: &CslItem,
) -> ApiResult<wire::EssayAudit> {
    Ok(library.correct_reference(id, position, csl)?.into())
}

/// A stored document's audit with its particulars (`quire audit --doc ID`).
pub fn report(library: &mut Library, id: i64) -> ApiResult<wire::cli::EssayReport> {
    let doc = library.document(id)?;
    // Through the library, so the person's corrections of parsed entries count.
    let audit = library.audit(id)?;
    Ok(stored_report(doc, audit))
}

/// [`correct_reference`] as `quire correct-ref` prints it: the document's
/// particulars with the audit the correction's write already redid.
pub fn correct_report(
    library: &mut Library,
    id: i64,
    position: usize,
    csl: &CslItem,
) -> ApiResult<wire::cli::EssayReport> {
    let audit = library.correct_reference(id, position, csl)?;
    Ok(stored_report(library.document(id)?, audit))
}

fn stored_report(
    doc: quire_engine::Document,
    audit: quire_cite::EssayAudit,
) -> wire::cli::EssayReport {
    wire::cli::EssayReport {
        audit: audit.into(),
        title: doc.summary.title,
        author: doc.summary.author,
        affiliation: doc.summary.affiliation,
        word_count: doc.summary.word_count,
    }
}

/// Every essay in a file audited without importing it; a file with no
/// essays is audited document by document, since a source can carry
/// citations too. A panic while reading or auditing is this file's
/// internal error, not an abort.
pub fn file(path: &Path) -> ApiResult<Vec<wire::cli::EssayReport>> {
    let internal = |what: &str, panic: String| {
        ApiError::internal(format!(
            "could not {what} {} (internal error: {panic})",
            path.display()
        ))
    };
    let docs = guard::catch(|| import::read_file(path))
        .map_err(|p| internal("read", p))??
        .docs;
    let has_essays = docs.iter().any(|d| d.kind == Kind::Essay);
    docs.into_iter()
        .filter(|d| !has_essays || d.kind == Kind::Essay)
        .map(|d| {
            let audit = guard::catch(|| quire_cite::audit(&d.body, &d.references))
                .map_err(|p| internal("audit", p))?;
            Ok(wire::cli::EssayReport {
                audit: audit.into(),
                title: d.title,
                author: d.author,
                affiliation: d.affiliation,
                word_count: d.word_count,
            })
        })
        .collect()
}
