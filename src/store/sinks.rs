//! Configured key-value sinks.

use rusqlite::{Connection, params};
use serde::Serialize;

use crate::error::Result;

/// A sink as configured (`authgate sink add ...`). A password is never
/// stored: only where to read it from.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SinkRow {
    pub name: String,
    pub kind: String,
    pub url: String,
    pub root_key: String,
    pub password_file: Option<String>,
    pub password_env: Option<String>,
    pub created_at: String,
}

pub(crate) fn all(conn: &Connection) -> Result<Vec<SinkRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, kind, url, root_key, password_file, password_env, created_at
         FROM sinks ORDER BY name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(SinkRow {
            name: r.get(0)?,
            kind: r.get(1)?,
            url: r.get(2)?,
            root_key: r.get(3)?,
            password_file: r.get(4)?,
            password_env: r.get(5)?,
            created_at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn insert(conn: &Connection, s: &SinkRow) -> Result<()> {
    conn.execute(
        "INSERT INTO sinks (name, kind, url, root_key, password_file, password_env, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            s.name,
            s.kind,
            s.url,
            s.root_key,
            s.password_file,
            s.password_env,
            s.created_at
        ],
    )?;
    Ok(())
}

/// Returns false when there was no such sink.
pub(crate) fn delete(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn.execute("DELETE FROM sinks WHERE name = ?1", [name])? == 1)
}
