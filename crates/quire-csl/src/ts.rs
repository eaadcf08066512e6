//! TypeScript declarations of the CSL-JSON types (feature `ts`), for the
//! UI's generated bindings: quire-api renders them into `ui/src/bindings`.
//!
//! `CslName` and `CslDate` are derived as they are. `CslItem` is derived
//! too, but ts-rs cannot flatten `extra` (a map of the fields Quire keeps
//! without knowing them) into the object, so [`declaration`] adds it as the
//! index signature `[key: string]: unknown`.

use ts_rs::{Config, TS};

use crate::CslItem;

/// What `extra` is in TypeScript: any other key, any JSON value.
const UNKNOWN_FIELDS: &str = "[key: string]: unknown, ";

/// `type CslItem = { id?: string, type: string, ..., [key: string]: unknown, };`
pub fn declaration(cfg: &Config) -> String {
    let derived = CslItem::decl(cfg);
    let end = derived
        .rfind('}')
        .expect("a derived struct declaration ends with its closing brace");
    let mut out = derived;
    out.insert_str(end, UNKNOWN_FIELDS);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_item_is_open_to_unknown_fields() {
        let decl = declaration(&Config::new());
        assert!(decl.starts_with("type CslItem = {"), "{decl}");
        assert!(decl.ends_with("[key: string]: unknown, };"), "{decl}");
        assert!(decl.contains("\"container-title\"?: string,"), "{decl}");
        assert!(decl.contains("type: string,"), "{decl}");
        assert!(decl.contains("author?: Array<CslName>,"), "{decl}");
        assert!(!decl.contains("extra"), "{decl}");
    }
}
