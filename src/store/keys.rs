//! API keys. Only the SHA-256 digest of a key's secret is stored.

use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::now;
use crate::error::Result;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKey {
    pub key_id: String,
    pub user_id: String,
    pub user_name: String,
    pub name: String,
    #[serde(skip)]
    pub secret_sha256: Vec<u8>,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

const SELECT: &str = "SELECT k.key_id, k.user_id, u.name, k.name, k.secret_sha256, k.created_at,
            k.last_used_at, k.revoked_at
     FROM api_keys k JOIN users u ON u.user_id = k.user_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ApiKey> {
    Ok(ApiKey {
        key_id: r.get(0)?,
        user_id: r.get(1)?,
        user_name: r.get(2)?,
        name: r.get(3)?,
        secret_sha256: r.get(4)?,
        created_at: r.get(5)?,
        last_used_at: r.get(6)?,
        revoked_at: r.get(7)?,
    })
}

pub(crate) fn insert(
    conn: &Connection,
    key_id: &str,
    user_id: &str,
    name: &str,
    secret_sha256: &[u8],
) -> Result<()> {
    conn.execute(
        "INSERT INTO api_keys (key_id, user_id, name, secret_sha256, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![key_id, user_id, name, secret_sha256, now()],
    )?;
    Ok(())
}

pub(crate) fn by_id(conn: &Connection, key_id: &str) -> Result<Option<ApiKey>> {
    Ok(conn
        .query_row(&format!("{SELECT} WHERE k.key_id = ?1"), [key_id], from_row)
        .optional()?)
}

pub(crate) fn of_user(conn: &Connection, user_id: &str) -> Result<Vec<ApiKey>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE k.user_id = ?1 ORDER BY k.created_at"
    ))?;
    let rows = stmt.query_map([user_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Records a use of the key, at most once a minute, and only when the write
/// lock is free at once: a read never waits behind a writer, nor fails
/// because of one, for the sake of `last_used_at` (which then stays as it
/// was until a later use finds the lock free).
pub(crate) fn touch(conn: &Connection, key_id: &str, last_used_at: Option<&str>) -> Result<()> {
    let now = now();
    let stale = last_used_at.is_none_or(|last| {
        chrono::DateTime::parse_from_rfc3339(last)
            .map(|t| crate::clock::now().signed_duration_since(t) > chrono::TimeDelta::seconds(60))
            .unwrap_or(true)
    });
    if !stale {
        return Ok(());
    }
    conn.busy_timeout(Duration::ZERO)?;
    let result = conn.execute(
        "UPDATE api_keys SET last_used_at = ?2 WHERE key_id = ?1",
        params![key_id, now],
    );
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    match result {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if matches!(
                e.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ) =>
        {
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) fn revoke(conn: &Connection, key_id: &str) -> Result<()> {
    conn.execute(
        "UPDATE api_keys SET revoked_at = ?2 WHERE key_id = ?1 AND revoked_at IS NULL",
        params![key_id, now()],
    )?;
    Ok(())
}
