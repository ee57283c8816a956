//! Publish intents: which applications a mutation in progress may have
//! published to its sinks before its transaction commits (ARCHITECTURE.md,
//! "The unit of work").

use rusqlite::{Connection, params};

use crate::error::Result;

/// The app name of an intent that covers every application.
pub const EVERY_APPLICATION: &str = "*";

/// Records that the mutation `token` is about to publish `app_names`.
pub fn insert(conn: &Connection, token: &str, app_names: &[String], now: &str) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO publish_intents (token, app_name, created_at) VALUES (?1, ?2, ?3)",
    )?;
    for name in app_names {
        stmt.execute(params![token, name, now])?;
    }
    Ok(())
}

/// Whether any intent is recorded: one lookup of the table's first row.
pub fn any(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM publish_intents)")?
        .query_row([], |r| r.get(0))?)
}

/// Whether the mutation `token` still has its intents (another process may
/// have taken them over as left behind).
pub fn held(conn: &Connection, token: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM publish_intents WHERE token = ?1)")?
        .query_row([token], |r| r.get(0))?)
}

/// The app names of every intent not of `token` (the current mutation's),
/// without repeats, in order.
pub fn left_behind(conn: &Connection, token: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT app_name FROM publish_intents WHERE token <> ?1 ORDER BY app_name",
    )?;
    let names = stmt
        .query_map([token], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names)
}

/// Removes the intents of `token`.
pub fn remove(conn: &Connection, token: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM publish_intents WHERE token = ?1")?
        .execute([token])?;
    Ok(())
}

/// Removes every intent not of `token`, once their applications were
/// published again.
pub fn remove_left_behind(conn: &Connection, token: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM publish_intents WHERE token <> ?1")?
        .execute([token])?;
    Ok(())
}
