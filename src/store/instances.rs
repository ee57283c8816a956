//! The `traefik_instances` table: the Traefik instances that serve this
//! installation, and how to ask each one's API what it serves.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::error::Result;

/// A Traefik instance as registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Instance {
    pub name: String,
    /// The base URL of its API (`http://127.0.0.1:8080`).
    pub api_url: String,
    /// What it reads of authgate's: `directory`, or a sink's name.
    pub reads: Vec<String>,
    /// Where its entry points answer, for the probe.
    pub entrypoint_urls: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_user: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_env: Option<String>,
    pub created_at: String,
}

const SELECT: &str = "SELECT name, api_url, reads, entrypoint_urls, api_user, password_file,
        password_env, created_at FROM traefik_instances";

fn list_of(text: String) -> Vec<String> {
    serde_json::from_str(&text).unwrap_or_default()
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Instance> {
    Ok(Instance {
        name: r.get(0)?,
        api_url: r.get(1)?,
        reads: list_of(r.get(2)?),
        entrypoint_urls: list_of(r.get(3)?),
        api_user: r.get(4)?,
        password_file: r.get(5)?,
        password_env: r.get(6)?,
        created_at: r.get(7)?,
    })
}

pub(crate) fn insert(conn: &Connection, i: &Instance) -> Result<()> {
    conn.execute(
        "INSERT INTO traefik_instances (name, api_url, reads, entrypoint_urls, api_user,
             password_file, password_env, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            i.name,
            i.api_url,
            serde_json::to_string(&i.reads).unwrap_or_default(),
            serde_json::to_string(&i.entrypoint_urls).unwrap_or_default(),
            i.api_user,
            i.password_file,
            i.password_env,
            i.created_at
        ],
    )?;
    Ok(())
}

pub(crate) fn by_name(conn: &Connection, name: &str) -> Result<Option<Instance>> {
    Ok(conn
        .query_row(&format!("{SELECT} WHERE name = ?1"), [name], from_row)
        .optional()?)
}

/// Every instance, by name.
pub(crate) fn all(conn: &Connection) -> Result<Vec<Instance>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY name"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Removes an instance; whether it was there.
pub(crate) fn remove(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn.execute("DELETE FROM traefik_instances WHERE name = ?1", [name])? > 0)
}

/// How long a publishing command waits for Traefik when it says nothing:
/// the installation's `wait` setting, when an instance is registered to
/// ask. Read by the session that publishes (see `domain::session::Published`), so that
/// the registry is not opened again.
pub(crate) fn default_wait(conn: &Connection) -> Result<Option<std::time::Duration>> {
    let Some(wait) = crate::store::settings::get(conn, crate::store::settings::WAIT)? else {
        return Ok(None);
    };
    let Some(wait) = humantime::parse_duration(&wait)
        .ok()
        .filter(|d| !d.is_zero())
    else {
        return Ok(None);
    };
    let registered = !all(conn)?.is_empty();
    Ok(registered.then_some(wait))
}
