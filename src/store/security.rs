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

/// The credentials of a listing, sorted by app name then username.
///
/// The query walks the applications in app-name order and each one's
/// credentials through the (application, username) index, so the rows come
/// out already sorted: SQLite needs no temporary sort of the whole result
/// (`CROSS JOIN` fixes the join order, and the unary `+` keeps the
/// environment index out of the plan). Rows can then be streamed with
/// memory independent of their number.
const LIST: &str = "SELECT s.security_id, s.application_id, s.username, s.password_hash,
            s.created_at, s.updated_at, a.app_name
     FROM applications a
     CROSS JOIN security s ON s.application_id = a.application_id
     WHERE +a.environment_id IN (SELECT e.environment_id FROM environments e
             JOIN projects p ON p.project_id = e.project_id WHERE p.org_id = ?1)
       AND (?2 IS NULL OR EXISTS (SELECT 1 FROM app_grants g
            WHERE g.user_id = ?2 AND g.application_id = a.application_id))
       AND (?3 IS NULL OR a.application_id = ?3)
       AND (?4 IS NULL OR s.updated_at < ?4)
     ORDER BY a.app_name, s.username";

/// The same selection as [`LIST`], only (app name, hash), in no particular
/// order: what a scan for mixed hash schemes needs.
const LIST_HASHES: &str = "SELECT a.app_name, s.password_hash
     FROM security s
     JOIN applications a ON a.application_id = s.application_id
     JOIN environments e ON e.environment_id = a.environment_id
     JOIN projects p ON p.project_id = e.project_id
     WHERE p.org_id = ?1
       AND (?2 IS NULL OR EXISTS (SELECT 1 FROM app_grants g
            WHERE g.user_id = ?2 AND g.application_id = a.application_id))
       AND (?3 IS NULL OR a.application_id = ?3)
       AND (?4 IS NULL OR s.updated_at < ?4)";

/// A text column, borrowed from the row rather than copied.
fn text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    Ok(r.get_ref(i)?.as_str()?)
}

fn listed_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Listed> {
    Ok(Listed {
        credential: from_row(r)?,
        app_name: r.get(6)?,
    })
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
    list_with(conn, org_id, granted_to, app, updated_before, |rows| {
        rows.collect()
    })
}

/// [`list`], streamed: `f` gets the rows as they are read, in the same
/// order, without the whole list ever being in memory.
pub fn list_with<R>(
    conn: &Connection,
    org_id: &str,
    granted_to: Option<&str>,
    app: Option<&str>,
    updated_before: Option<&str>,
    f: impl FnOnce(&mut dyn Iterator<Item = Result<Listed>>) -> Result<R>,
) -> Result<R> {
    let mut stmt = conn.prepare(LIST)?;
    let rows = stmt.query_map(
        params![org_id, granted_to, app, updated_before],
        listed_from_row,
    )?;
    f(&mut rows.map(|r| r.map_err(Into::into)))
}

/// Calls `f` with the (app name, hash) of every credential [`list`] would
/// return with the same arguments, in no particular order, without copying
/// them.
pub fn list_hashes(
    conn: &Connection,
    org_id: &str,
    granted_to: Option<&str>,
    app: Option<&str>,
    updated_before: Option<&str>,
    mut f: impl FnMut(&str, &str),
) -> Result<()> {
    let mut stmt = conn.prepare(LIST_HASHES)?;
    let mut rows = stmt.query(params![org_id, granted_to, app, updated_before])?;
    while let Some(r) = rows.next()? {
        f(text(r, 0)?, text(r, 1)?);
    }
    Ok(())
}

/// Every credential of the registry with its application's name, sorted by
/// app name then username (the order of [`super::apps::with_all`]), for
/// whole-directory operations: one query instead of one per application.
pub fn with_all_by_app_name<R>(
    conn: &Connection,
    f: impl FnOnce(&mut dyn Iterator<Item = Result<Listed>>) -> Result<R>,
) -> Result<R> {
    let mut stmt = conn.prepare(
        "SELECT s.security_id, s.application_id, s.username, s.password_hash,
                s.created_at, s.updated_at, a.app_name
         FROM applications a
         CROSS JOIN security s ON s.application_id = a.application_id
         ORDER BY a.app_name, s.username",
    )?;
    let rows = stmt.query_map([], listed_from_row)?;
    f(&mut rows.map(|r| r.map_err(Into::into)))
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

/// Calls `f` with the (app name, hash) of every credential of the registry,
/// for scheme checks, without collecting them.
pub fn for_each_hash(conn: &Connection, mut f: impl FnMut(&str, &str)) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT a.app_name, s.password_hash FROM security s
         JOIN applications a ON a.application_id = s.application_id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        f(text(r, 0)?, text(r, 1)?);
    }
    Ok(())
}
