//! The works view: works formatted in a style, filtered and paged.
//!
//! The view is asked again on every keystroke in its search box, so it must
//! not format the library each time: 4,000 works took 3 s and 20,000 did not
//! finish in a minute. Each work is formatted on its own
//! ([`quire_format::format_single`]) and kept in `formatted_works`, keyed by
//! work, style and the work's `revision` (bumped by a trigger whenever its
//! CSL changes), so an edit, a merge or a re-parse shows at once and nothing
//! else is formatted again. Only the requested page is formatted: search
//! words match a work's cached entry, or, for a work not yet formatted in
//! the style, the text of its fields (citeproc-js takes about 25 ms a work,
//! so formatting a whole library before answering would take minutes).
//!
//! The cache is an optimisation only: a read-only library does not write
//! it, and when writing it fails (a busy writer) that is logged and the
//! entries are still returned.

use std::collections::HashMap;

use quire_format::{escape_html, Style};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::render::formatted_to_safe_html;
use crate::{Library, Work};

/// Bumped whenever formatting or sanitising changes what an entry looks
/// like, so entries cached by an older build are formatted again.
const FORMAT_VERSION: u32 = 2;

/// What the works view narrows by: words of the formatted entry (or the
/// work's "#id"), CSL type, and whether any document cites the work.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct WorksFilter {
    pub query: Option<String>,
    pub kind: Option<String>,
    pub cited: Option<bool>,
}

/// A work with its bibliography entry and in-text citation in a style.
#[derive(Debug, Clone, Serialize)]
pub struct WorkRow {
    #[serde(flatten)]
    pub work: Work,
    /// Sanitised: safe to insert as HTML. Without a numeric label.
    pub html: String,
    pub text: String,
    /// Empty for numeric styles: a work alone has no number.
    pub citation: String,
}

/// One page of the works matching a filter, most-cited first.
#[derive(Debug, Clone, Serialize)]
pub struct WorksPage {
    pub rows: Vec<WorkRow>,
    /// How many works match the filter in all.
    pub total: usize,
}

/// A work's formatted forms as cached.
struct Entry {
    html: String,
    text: String,
    citation: String,
    folded: String,
}

/// A work as the filter first sees it: no CSL parsed, no entry formatted.
struct Candidate {
    id: i64,
    revision: i64,
    cites: i64,
    /// The cached folded text, when it is for the current revision.
    folded: Option<String>,
}

impl Library {
    /// The works matching `filter`, formatted in `style`: `limit` of them
    /// (all when `None`) from `offset` on, in the works view's order (most
    /// cited first), with the total that match.
    pub fn works_page(
        &mut self,
        filter: &WorksFilter,
        style: &Style,
        offset: usize,
        limit: Option<usize>,
    ) -> Result<WorksPage> {
        self.link_works()?;
        let key = style_key(style);
        let words: Vec<String> = fold(filter.query.as_deref().unwrap_or_default())
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let candidates: Vec<Candidate> = self
            .candidates(&key, filter.kind.as_deref(), !words.is_empty())?
            .into_iter()
            .filter(|c| filter.cited.is_none_or(|cited| cited == (c.cites > 0)))
            .collect();

        let matching: Vec<(i64, i64)> = if words.is_empty() {
            candidates.iter().map(|c| (c.id, c.revision)).collect()
        } else {
            // Works not yet formatted in this style are matched on their
            // fields instead: formatting thousands of them first would take
            // the processor about 25 ms each. Only the page shown is formatted.
            let stale: Vec<i64> = candidates
                .iter()
                .filter(|c| c.folded.is_none())
                .map(|c| c.id)
                .collect();
            let fields = self.fields_folded(&stale)?;
            candidates
                .iter()
                .filter(|c| {
                    let folded = c
                        .folded
                        .as_deref()
                        .or_else(|| fields.get(&c.id).map(String::as_str))
                        .unwrap_or_default();
                    words.iter().all(|w| folded.contains(w.as_str()))
                })
                .map(|c| (c.id, c.revision))
                .collect()
        };
        let total = matching.len();
        let page: Vec<(i64, i64)> = matching
            .into_iter()
            .skip(offset)
            .take(limit.unwrap_or(usize::MAX))
            .collect();
        let rows = self.rows(&page, style, &key)?;
        Ok(WorksPage { rows, total })
    }

    /// One work formatted in `style`, as a row of the works view.
    pub fn work_row(&mut self, id: i64, style: &Style) -> Result<WorkRow> {
        let not_found = || Error::NotFound(format!("work {id}"));
        let revision: i64 = self
            .conn()
            .query_row("SELECT revision FROM works WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(not_found)?;
        self.rows(&[(id, revision)], style, &style_key(style))?
            .pop()
            .ok_or_else(not_found)
    }

    /// Every work of `kind` (or any), in the view's order, with its cached
    /// folded text when `with_text` and the cache is current.
    fn candidates(&self, key: &str, kind: Option<&str>, with_text: bool) -> Result<Vec<Candidate>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT w.id, w.revision, (SELECT count(*) FROM work_refs r WHERE r.work_id = w.id) AS cites,
                    CASE WHEN ?3 AND f.revision = w.revision THEN f.folded END
             FROM works w LEFT JOIN formatted_works f ON f.work_id = w.id AND f.style = ?1
             WHERE ?2 IS NULL OR json_extract(w.csl, '$.type') = ?2
             ORDER BY cites DESC, w.match_key, w.id",
        )?;
        let rows = stmt.query_map(params![key, kind, with_text], |r| {
            Ok(Candidate {
                id: r.get(0)?,
                revision: r.get(1)?,
                cites: r.get(2)?,
                folded: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The rows for `(id, revision)` pairs, in order, formatting those not cached.
    fn rows(&mut self, page: &[(i64, i64)], style: &Style, key: &str) -> Result<Vec<WorkRow>> {
        let mut cached = HashMap::new();
        let mut stale = Vec::new();
        {
            let mut stmt = self.conn().prepare_cached(
                "SELECT html, text, citation, folded FROM formatted_works
                 WHERE work_id = ?1 AND style = ?2 AND revision = ?3",
            )?;
            for &(id, revision) in page {
                let hit = stmt
                    .query_row(params![id, key, revision], |r| {
                        Ok(Entry {
                            html: r.get(0)?,
                            text: r.get(1)?,
                            citation: r.get(2)?,
                            folded: r.get(3)?,
                        })
                    })
                    .optional()?;
                match hit {
                    Some(entry) => {
                        cached.insert(id, entry);
                    }
                    None => stale.push((id, revision)),
                }
            }
        }
        cached.extend(self.format_and_keep(&stale, style, key)?);
        page.iter()
            .map(|&(id, _)| {
                let work = self.work(id)?;
                Ok(match cached.remove(&id) {
                    Some(e) => WorkRow {
                        work,
                        html: e.html,
                        text: e.text,
                        citation: e.citation,
                    },
                    None => blank_row(work),
                })
            })
            .collect()
    }

    /// The searchable text of works not formatted in the style: every
    /// field an entry prints (names, title, container, year, publisher,
    /// numbers), folded like entries, by id.
    fn fields_folded(&self, ids: &[i64]) -> Result<HashMap<i64, String>> {
        let mut out = HashMap::with_capacity(ids.len());
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT csl FROM works WHERE id = ?1")?;
        for &id in ids {
            let csl: String = stmt.query_row([id], |r| r.get(0))?;
            out.insert(id, fold(&format!("{} #{id}", fields_text(id, &csl)?)));
        }
        Ok(out)
    }

    /// Format the works `(id, revision)` and keep them in the cache (best
    /// effort: see the module's comment); returns them by id.
    fn format_and_keep(
        &mut self,
        works: &[(i64, i64)],
        style: &Style,
        key: &str,
    ) -> Result<HashMap<i64, Entry>> {
        let mut out = HashMap::with_capacity(works.len());
        if works.is_empty() {
            return Ok(out);
        }
        {
            let mut stmt = self
                .conn()
                .prepare_cached("SELECT csl FROM works WHERE id = ?1")?;
            for &(id, _) in works {
                let csl: String = stmt.query_row([id], |r| r.get(0))?;
                out.insert(id, entry_of(id, &crate::works::parse_csl(id, &csl)?, style));
            }
        }
        if self.is_read_only() {
            return Ok(out);
        }
        // A failed write only means formatting again next time.
        if let Err(e) = self.keep(works, &out, key) {
            eprintln!(
                "quire: {} formatted works not cached (they are formatted again next time): {e}",
                works.len()
            );
        }
        Ok(out)
    }

    fn keep(
        &mut self,
        works: &[(i64, i64)],
        entries: &HashMap<i64, Entry>,
        key: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO formatted_works (work_id, style, revision, html, text, citation, folded)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for (id, revision) in works {
                if let Some(e) = entries.get(id) {
                    stmt.execute(params![
                        id, key, revision, e.html, e.text, e.citation, e.folded
                    ])?;
                }
            }
            Ok(())
        })
    }
}

/// A work's entry in `style`; a work the formatter refuses shows its title.
fn entry_of(id: i64, csl: &quire_csl::CslItem, style: &Style) -> Entry {
    let (html, text, citation) = match quire_format::format_single(csl, style) {
        Ok(s) => (formatted_to_safe_html(&s.html), s.text, s.citation),
        Err(_) => {
            let title = csl.title.clone().unwrap_or_else(|| format!("Work #{id}"));
            (escape_html(&title), title, String::new())
        }
    };
    let folded = fold(&format!("{text} #{id}"));
    Entry {
        html,
        text,
        citation,
        folded,
    }
}

fn blank_row(work: Work) -> WorkRow {
    WorkRow {
        work,
        html: String::new(),
        text: String::new(),
        citation: String::new(),
    }
}

/// What a cached entry was formatted with: the formatter version, the
/// style's name and a fingerprint of the XML and locale that format, so an
/// edited style file or an updated bundled style formats afresh.
fn style_key(style: &Style) -> String {
    format!(
        "v{FORMAT_VERSION}:{}:{:016x}",
        style.name,
        style.fingerprint()
    )
}

/// Every string in work `id`'s CSL-JSON (names, titles, numbers) and every
/// date part, space-separated; [`Error::Corrupt`] when it does not read.
fn fields_text(id: i64, csl: &str) -> Result<String> {
    fn walk(value: &serde_json::Value, out: &mut String) {
        match value {
            serde_json::Value::String(s) => {
                out.push_str(s);
                out.push(' ');
            }
            serde_json::Value::Number(n) => {
                out.push_str(&n.to_string());
                out.push(' ');
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(map) => map
                .iter()
                .filter(|(k, _)| !matches!(k.as_str(), "id" | "type" | "abstract" | "note"))
                .for_each(|(_, v)| walk(v, out)),
            _ => {}
        }
    }
    let value = serde_json::from_str::<serde_json::Value>(csl).map_err(|e| {
        Error::corrupt(
            format!("work {id}"),
            format!("its CSL-JSON does not read: {e}"),
        )
    })?;
    let mut out = String::new();
    walk(&value, &mut out);
    Ok(out)
}

/// Case-insensitive matching for the search box.
fn fold(text: &str) -> String {
    text.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_csl::{CslItem, DateField, Name};

    fn book(family: &str, year: i32, title: &str) -> CslItem {
        CslItem {
            kind: "book".into(),
            author: vec![Name::person(family, "A.")],
            issued: Some(DateField::ymd(year, None, None)),
            title: Some(title.into()),
            publisher: Some("Policy Press".into()),
            ..CslItem::default()
        }
    }

    fn library_with(items: &[CslItem]) -> (tempfile::TempDir, Library, Vec<i64>) {
        let dir = tempfile::tempdir().unwrap();
        let mut library = Library::open(dir.path()).unwrap();
        let ids = library.import_works(items).unwrap();
        (dir, library, ids)
    }

    #[test]
    fn pages_filter_and_follow_edits() {
        let items: Vec<CslItem> = (0..30)
            .map(|i| {
                book(
                    &format!("Author{i:02}"),
                    2000 + i,
                    &format!("Title number {i}"),
                )
            })
            .collect();
        let (_dir, mut library, ids) = library_with(&items);
        let style = Style::load("harvard").unwrap();
        let all = WorksFilter::default();

        let page = library.works_page(&all, &style, 10, Some(5)).unwrap();
        assert_eq!(page.total, 30);
        assert_eq!(page.rows.len(), 5);
        assert!(page.rows[0].text.contains("(20"), "{}", page.rows[0].text);

        let query = WorksFilter {
            query: Some("author07 TITLE".into()),
            ..WorksFilter::default()
        };
        let found = library.works_page(&query, &style, 0, None).unwrap();
        assert_eq!(found.total, 1);
        assert_eq!(found.rows[0].work.id, ids[7]);
        let by_id = WorksFilter {
            query: Some(format!("#{}", ids[29])),
            ..WorksFilter::default()
        };
        assert_eq!(
            library.works_page(&by_id, &style, 0, None).unwrap().total,
            1
        );

        // An edit shows at once: the cached entry is for an older revision.
        library
            .update_work(ids[7], &book("Renamed", 1999, "Another title"))
            .unwrap();
        assert_eq!(
            library.works_page(&query, &style, 0, None).unwrap().total,
            0
        );
        let renamed = WorksFilter {
            query: Some("renamed".into()),
            ..WorksFilter::default()
        };
        let found = library.works_page(&renamed, &style, 0, None).unwrap();
        assert_eq!(found.total, 1);
        assert!(found.rows[0].text.starts_with("Renamed, A. (1999)"));

        let uncited = WorksFilter {
            cited: Some(true),
            ..WorksFilter::default()
        };
        assert_eq!(
            library.works_page(&uncited, &style, 0, None).unwrap().total,
            0
        );
        let chapters = WorksFilter {
            kind: Some("chapter".into()),
            ..WorksFilter::default()
        };
        assert_eq!(
            library
                .works_page(&chapters, &style, 0, None)
                .unwrap()
                .total,
            0
        );
    }

    #[test]
    fn numeric_styles_label_no_row() {
        let items = [
            book("Ruch", 2010, "Relationship-based social work"),
            book("Ferguson", 2011, "Child protection practice"),
        ];
        let (_dir, mut library, _) = library_with(&items);
        let style = Style::load("ieee").unwrap();
        let page = library
            .works_page(&WorksFilter::default(), &style, 0, None)
            .unwrap();
        for row in &page.rows {
            assert!(!row.text.starts_with('['), "{}", row.text);
            assert_eq!(row.citation, "");
        }
    }
}
