//! A reading list's coverage: for each item, the essays of a scope that
//! cite it, and the essential items no essay cites.

use serde::Serialize;

use super::facts::{self};
use super::{Scope, ESSAYS};
use crate::error::Result;
use crate::library::Library;
use crate::lists::Importance;

#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub list: String,
    pub collection: Option<i64>,
    /// Essays in the scope.
    pub essays: usize,
    /// The list's items in its order.
    pub items: Vec<CoverageItem>,
    /// Essential items no essay of the scope cites, in list order.
    pub essential_uncited: Vec<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CoverageItem {
    pub work: i64,
    pub label: String,
    pub title: Option<String>,
    pub section: Option<String>,
    pub importance: Option<Importance>,
    /// Essays citing it, by id.
    pub cited_by: Vec<i64>,
}

impl Library {
    /// How much of the list `name` the scope's essays cite.
    pub fn list_coverage(&self, name: &str, scope: Scope) -> Result<Coverage> {
        let view = self.list(name)?;
        let conn = self.conn();
        let essays: i64 = conn.query_row(
            &format!("{ESSAYS} SELECT count(*) FROM scope"),
            [scope.collection],
            |r| r.get(0),
        )?;
        let mut citing = conn.prepare(&format!(
            "{ESSAYS} SELECT DISTINCT wr.document_id FROM work_refs wr
             JOIN scope ON scope.id = wr.document_id
             WHERE wr.work_id = ?2 ORDER BY wr.document_id"
        ))?;
        let mut items = Vec::with_capacity(view.items.len());
        for item in &view.items {
            let cited_by: Vec<i64> = citing
                .query_map(rusqlite::params![scope.collection, item.work_id], |r| {
                    r.get(0)
                })?
                .collect::<rusqlite::Result<_>>()?;
            let facts = facts::WorkFacts::of(&item.csl);
            items.push(CoverageItem {
                work: item.work_id,
                label: facts.label,
                title: facts.title,
                section: item.section.clone(),
                importance: item.importance,
                cited_by,
            });
        }
        let essential_uncited = items
            .iter()
            .filter(|i| i.importance == Some(Importance::Essential) && i.cited_by.is_empty())
            .map(|i| i.work)
            .collect();
        Ok(Coverage {
            list: view.name,
            collection: scope.collection,
            essays: usize::try_from(essays).unwrap_or(0),
            items,
            essential_uncited,
        })
    }
}
