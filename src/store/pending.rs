//! Publishes a sink missed because it was down (`pending_publishes`): what
//! the next publishing command, or `sync`, catches up.

use rusqlite::{Connection, params};

use crate::error::Result;

/// One application a sink still holds an older configuration of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pending {
    pub(crate) sink: String,
    pub(crate) app_name: String,
    pub(crate) since: String,
    pub(crate) reason: String,
}

/// Records that `sink` missed the publish of `app_name` (the first time it
/// did is kept; the reason is the latest).
pub(crate) fn insert(
    conn: &Connection,
    sink: &str,
    app_name: &str,
    now: &str,
    reason: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO pending_publishes (sink, app_name, since, reason) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (sink, app_name) DO UPDATE SET reason = excluded.reason",
    )?
    .execute(params![sink, app_name, now, reason])?;
    Ok(())
}

/// Every missed publish, by sink then app name.
pub(crate) fn all(conn: &Connection) -> Result<Vec<Pending>> {
    let mut stmt = conn.prepare_cached(
        "SELECT sink, app_name, since, reason FROM pending_publishes ORDER BY sink, app_name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Pending {
            sink: r.get(0)?,
            app_name: r.get(1)?,
            since: r.get(2)?,
            reason: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether any publish is pending: one lookup.
pub(crate) fn any(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM pending_publishes)")?
        .query_row([], |r| r.get(0))?)
}

pub(crate) fn remove(conn: &Connection, sink: &str, app_name: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM pending_publishes WHERE sink = ?1 AND app_name = ?2")?
        .execute(params![sink, app_name])?;
    Ok(())
}

/// Forgets every missed publish: every sink holds the database's state
/// again (a `sync` repaired them all).
pub(crate) fn clear(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM pending_publishes", [])?;
    Ok(())
}

/// Forgets what `sink` missed: it holds the database's state again (a
/// `sync` repaired it), or it is gone.
pub(crate) fn remove_sink(conn: &Connection, sink: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM pending_publishes WHERE sink = ?1")?
        .execute(params![sink])?;
    Ok(())
}
