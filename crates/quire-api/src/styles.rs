//! Citation styles: which style a view uses when none is named (the one
//! home of the default), which names a caller may use without a new file,
//! and listing, importing and removing a library's own styles.

use std::path::Path;

use quire_engine::Library;
use quire_format::Style;

use crate::error::{ApiError, ApiResult};
use crate::wire;

/// The style the works view, previews and `quire works` use when none is
/// named: Cite Them Right Harvard, the style UK social-work courses ask for.
pub const DEFAULT_STYLE: &str = "harvard-cite-them-right";

/// The style named (bundled, imported, or a list's `.csl` file), or the default.
pub fn load(library: &Library, style: Option<&str>) -> ApiResult<Style> {
    Ok(library.style(style.unwrap_or(DEFAULT_STYLE))?)
}

/// Whether `style` may be used without a new pick: a bundled or imported
/// style's name, or a style a list of the library already uses (a path set
/// by the CLI or picked earlier).
pub fn known(library: &Library, style: &str) -> ApiResult<bool> {
    let wanted = style.trim().to_lowercase();
    if library.styles()?.iter().any(|s| s.name == wanted) {
        return Ok(true);
    }
    Ok(library.lists()?.iter().any(|list| list.style == style))
}

/// [`load`], refusing a style that is not [`known`]: what a preview asked
/// for by the page may name.
pub fn load_known(library: &Library, style: Option<&str>) -> ApiResult<Style> {
    match style {
        Some(style) if !known(library, style)? => Err(ApiError::invalid(format!(
            "unknown style {style:?}: choose a bundled style, import one, or load a .csl file for a list"
        ))),
        _ => load(library, style),
    }
}

/// Every style a list can use: bundled first, then the library's own.
pub fn list(library: &Library) -> ApiResult<Vec<wire::StyleSummary>> {
    Ok(wire::all(library.styles()?))
}

/// Imports a `.csl` file into the library (checked in the processor first).
pub fn import(library: &mut Library, path: &Path) -> ApiResult<wire::StyleSummary> {
    Ok(library.import_style(path)?.into())
}

/// Removes an imported style; a bundled one or one a list uses is refused.
pub fn remove(library: &mut Library, name: &str) -> ApiResult<()> {
    Ok(library.remove_style(name)?)
}

/// Builds the processor's engines for the default style and every list's
/// style on a background thread: compiling a large style (APA, Chicago)
/// takes seconds that the first view would otherwise wait for.
pub fn warm(library: &Library) {
    let mut names = vec![DEFAULT_STYLE.to_string()];
    if let Ok(lists) = library.lists() {
        names.extend(lists.into_iter().map(|l| l.style));
    }
    names.sort();
    names.dedup();
    let styles: Vec<Style> = names.iter().filter_map(|n| library.style(n).ok()).collect();
    std::thread::spawn(move || {
        for style in styles {
            // A style that fails here fails again, with its message, when used.
            let _ = style.check();
        }
    });
}
