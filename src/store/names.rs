//! Names with one owner beyond the applications table: app names given up
//! and still reserved to the organization that gave them up, and the
//! routers outside authgate that applications declare (`schema_names.sql`).

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;

/// An app name given up, and by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Released {
    pub app_name: String,
    pub org_id: String,
    pub org_name: String,
    pub released_at: String,
}

/// Records that `org_id` gave `app_name` up at `at` (replacing an older
/// record of the same name).
pub(crate) fn release(conn: &Connection, app_name: &str, org_id: &str, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO released_names (app_name, org_id, released_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (app_name) DO UPDATE
         SET org_id = excluded.org_id, released_at = excluded.released_at",
        params![app_name, org_id, at],
    )?;
    Ok(())
}

pub(crate) fn released(conn: &Connection, app_name: &str) -> Result<Option<Released>> {
    Ok(conn
        .query_row(
            "SELECT r.app_name, r.org_id, o.name, r.released_at
             FROM released_names r JOIN organizations o ON o.org_id = r.org_id
             WHERE r.app_name = ?1",
            [app_name],
            |r| {
                Ok(Released {
                    app_name: r.get(0)?,
                    org_id: r.get(1)?,
                    org_name: r.get(2)?,
                    released_at: r.get(3)?,
                })
            },
        )
        .optional()?)
}

/// Forgets a released name (it was taken, or an installation owner freed
/// it). Returns whether there was one.
pub(crate) fn forget(conn: &Connection, app_name: &str) -> Result<bool> {
    Ok(conn.execute("DELETE FROM released_names WHERE app_name = ?1", [app_name])? > 0)
}

/// The routers an application declares, sorted.
pub(crate) fn declared_routers(conn: &Connection, application_id: &str) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare("SELECT router FROM declared_routers WHERE application_id = ?1 ORDER BY router")?;
    let rows = stmt.query_map([application_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every declared router with the application that declared it.
pub(crate) fn all_declared_routers(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare("SELECT router, application_id FROM declared_routers")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The application that declared `router`, if another than `except`.
pub(crate) fn router_holder(
    conn: &Connection,
    router: &str,
    except: &str,
) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT application_id FROM declared_routers
             WHERE router = ?1 AND application_id != ?2",
            params![router, except],
            |r| r.get(0),
        )
        .optional()?)
}

/// Whether any application but `except` declared one of `routers`.
pub(crate) fn any_declared(conn: &Connection, routers: &[String], except: &str) -> Result<bool> {
    for router in routers {
        if router_holder(conn, router, except)?.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Replaces the routers an application declares.
pub(crate) fn set_declared_routers(
    conn: &Connection,
    application_id: &str,
    routers: &[String],
) -> Result<()> {
    conn.execute(
        "DELETE FROM declared_routers WHERE application_id = ?1",
        [application_id],
    )?;
    let mut stmt =
        conn.prepare("INSERT INTO declared_routers (router, application_id) VALUES (?1, ?2)")?;
    for router in routers {
        stmt.execute(params![router, application_id])?;
    }
    Ok(())
}
