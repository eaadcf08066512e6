//! Which styles the page may name. A style is a bundled name or the path of
//! a `.csl` file, and loading one reads that path; so a path from the page
//! is taken only when the person picked it (see [`crate::grants`]) or a list
//! already uses it (picked when it was set, or set with the CLI).

use std::path::Path;

use quire_engine::Library;
use quire_format::BUNDLED_STYLES;

use super::{CommandError, CommandResult};
use crate::grants::{Access, Grants};

/// Whether the page may use `style` without a new pick: a bundled style, or
/// one a list of the library already uses.
pub fn known(library: &Library, style: &str) -> CommandResult<bool> {
    let wanted = style.trim().to_ascii_lowercase();
    if BUNDLED_STYLES.contains(&wanted.as_str()) {
        return Ok(true);
    }
    Ok(library.lists()?.iter().any(|list| list.style == style))
}

/// Refuses a style the page named for a preview unless it is [`known`].
pub fn check_preview(library: &Library, style: Option<&str>) -> CommandResult<()> {
    match style {
        Some(style) if !known(library, style)? => Err(CommandError::new(format!(
            "unknown style {style:?}: choose a bundled style or load a .csl file for a list"
        ))),
        _ => Ok(()),
    }
}

/// Allows a list's new style: [`known`], or a `.csl` file this window's
/// person just picked (the grant is used up).
pub fn check_new(
    library: &Library,
    grants: &Grants,
    window: &str,
    style: &str,
) -> CommandResult<()> {
    if known(library, style)? {
        return Ok(());
    }
    grants.take_one(window, Access::Read, Path::new(style))
}
