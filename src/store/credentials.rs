//! The `security` table: an application's username / password-hash pairs.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    pub security_id: String,
    pub application_id: String,
    pub username: String,
    pub password_hash: String,
    pub created_at: String,
    pub updated_at: String,
}

const SELECT: &str = "SELECT s.security_id, s.application_id, s.username, s.password_hash,
            s.created_at, s.updated_at
     FROM security s";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Credential> {
    Ok(Credential {
        security_id: r.get(0)?,
        application_id: r.get(1)?,
        username: r.get(2)?,
        password_hash: r.get(3)?,
        created_at: r.get(4)?,
        updated_at: r.get(5)?,
    })
}

/// The application's credentials, sorted by username (the order Traefik gets).
pub fn of_app(conn: &Connection, application_id: &str) -> Result<Vec<Credential>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE s.application_id = ?1 ORDER BY s.username"
    ))?;
    let rows = stmt.query_map([application_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn count_of_app(conn: &Connection, application_id: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM security WHERE application_id = ?1",
        [application_id],
        |r| r.get(0),
    )?)
}

pub fn by_username(
    conn: &Connection,
    application_id: &str,
    username: &str,
) -> Result<Option<Credential>> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE s.application_id = ?1 AND s.username = ?2"),
            params![application_id, username],
            from_row,
        )
        .optional()?)
}

/// A credential by id, only if its application belongs to the organization.
pub fn in_org(conn: &Connection, org_id: &str, security_id: &str) -> Result<Option<Credential>> {
    Ok(conn
        .query_row(
            &format!(
                "{SELECT}
                 JOIN applications a ON a.application_id = s.application_id
                 JOIN environments e ON e.environment_id = a.environment_id
                 JOIN projects p ON p.project_id = e.project_id
                 WHERE s.security_id = ?1 AND p.org_id = ?2"
            ),
            params![security_id, org_id],
            from_row,
        )
        .optional()?)
}

/// A credential joined with its application's name, for listings.
#[derive(Debug, Clone)]
pub struct Listed {
    pub credential: Credential,
    pub app_name: String,
}

/// The organization's credentials, sorted by app name then username.
/// `granted_to` restricts to a member's granted applications, `app` to one
/// application, `updated_before` to credentials not changed since then.
pub fn list(
    conn: &Connection,
    org_id: &str,
    granted_to: Option<&str>,
    app: Option<&str>,
    updated_before: Option<&str>,
) -> Result<Vec<Listed>> {
    let mut stmt = conn.prepare(
        "SELECT s.security_id, s.application_id, s.username, s.password_hash,
                s.created_at, s.updated_at, a.app_name
         FROM security s
         JOIN applications a ON a.application_id = s.application_id
         JOIN environments e ON e.environment_id = a.environment_id
         JOIN projects p ON p.project_id = e.project_id
         WHERE p.org_id = ?1
           AND (?2 IS NULL OR EXISTS (SELECT 1 FROM app_grants g
                WHERE g.user_id = ?2 AND g.application_id = a.application_id))
           AND (?3 IS NULL OR a.application_id = ?3)
           AND (?4 IS NULL OR s.updated_at < ?4)
         ORDER BY a.app_name, s.username",
    )?;
    let rows = stmt.query_map(params![org_id, granted_to, app, updated_before], |r| {
        Ok(Listed {
            credential: from_row(r)?,
            app_name: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn insert(conn: &Connection, c: &Credential) -> Result<()> {
    conn.execute(
        "INSERT INTO security (security_id, application_id, username, password_hash, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            c.security_id,
            c.application_id,
            c.username,
            c.password_hash,
            c.created_at,
            c.updated_at
        ],
    )?;
    Ok(())
}

pub fn update(conn: &Connection, c: &Credential) -> Result<()> {
    conn.execute(
        "UPDATE security SET username = ?2, password_hash = ?3, updated_at = ?4 WHERE security_id = ?1",
        params![c.security_id, c.username, c.password_hash, c.updated_at],
    )?;
    Ok(())
}

pub fn delete(conn: &Connection, security_id: &str) -> Result<()> {
    conn.execute("DELETE FROM security WHERE security_id = ?1", [security_id])?;
    Ok(())
}

/// (app name, hash) of every credential of the registry, for scheme checks.
pub fn all_hashes(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT a.app_name, s.password_hash FROM security s
         JOIN applications a ON a.application_id = s.application_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
