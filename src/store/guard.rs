//! The guard's state: where each access log was read to, the failed logins
//! counted within the window, the bans, and the networks never banned
//! (ARCHITECTURE.md, "The guard").

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;
use crate::store::scope::app_visible;

/// Where the access log of this identity was read to.
pub(crate) fn offset(conn: &Connection, device: u64, inode: u64) -> Result<Option<u64>> {
    Ok(conn
        .prepare_cached("SELECT offset FROM guard_offsets WHERE device = ?1 AND inode = ?2")?
        .query_row(params![device as i64, inode as i64], |r| r.get::<_, i64>(0))
        .optional()?
        .map(|n| n.max(0) as u64))
}

pub(crate) fn set_offset(
    conn: &Connection,
    device: u64,
    inode: u64,
    offset: u64,
    now: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO guard_offsets (device, inode, offset, seen_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (device, inode) DO UPDATE
           SET offset = excluded.offset, seen_at = excluded.seen_at",
    )?
    .execute(params![device as i64, inode as i64, offset as i64, now])?;
    Ok(())
}

/// Forgets logs not seen since `before` (rotated away long ago).
pub(crate) fn prune_offsets(conn: &Connection, before: &str) -> Result<()> {
    conn.execute("DELETE FROM guard_offsets WHERE seen_at < ?1", [before])?;
    Ok(())
}

/// The failed logins counted so far: (application id, address, times).
pub(crate) fn failures(conn: &Connection) -> Result<Vec<(String, String, Vec<String>)>> {
    let mut stmt = conn.prepare("SELECT application_id, address, times FROM guard_failures")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            crate::store::json_list(&r.get::<_, String>(2)?),
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn set_failures(
    conn: &Connection,
    application_id: &str,
    address: &str,
    times: &[String],
) -> Result<()> {
    let Some(last) = times.iter().max() else {
        return delete_failures(conn, Some(application_id), address);
    };
    conn.prepare_cached(
        "INSERT INTO guard_failures (application_id, address, times, last_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (application_id, address) DO UPDATE
           SET times = excluded.times, last_at = excluded.last_at",
    )?
    .execute(params![
        application_id,
        address,
        crate::store::to_json_list(times),
        last
    ])?;
    Ok(())
}

/// Forgets the failures counted for `address` (on one application, or on
/// every one).
pub(crate) fn delete_failures(
    conn: &Connection,
    application_id: Option<&str>,
    address: &str,
) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM guard_failures WHERE address = ?2 AND (?1 IS NULL OR application_id = ?1)",
    )?
    .execute(params![application_id, address])?;
    Ok(())
}

/// Forgets failures older than the window.
pub(crate) fn prune_failures(conn: &Connection, before: &str) -> Result<()> {
    conn.execute("DELETE FROM guard_failures WHERE last_at < ?1", [before])?;
    Ok(())
}

/// A ban of one client network from one application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ban {
    pub application_id: String,
    pub address: String,
    pub banned_at: String,
    pub banned_until: String,
    /// How many times the client was banned from the application in a row
    /// (each within a day of the one before).
    pub times: i64,
    /// The failed logins that brought it.
    pub failures: i64,
    /// When it was lifted; `None`: in force.
    pub lifted_at: Option<String>,
}

/// A ban from the row's columns `first`.. in the order of [`BAN_COLUMNS`].
fn ban_at(r: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Ban> {
    Ok(Ban {
        application_id: r.get(first)?,
        address: r.get(first + 1)?,
        banned_at: r.get(first + 2)?,
        banned_until: r.get(first + 3)?,
        times: r.get(first + 4)?,
        failures: r.get(first + 5)?,
        lifted_at: r.get(first + 6)?,
    })
}

fn ban_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Ban> {
    ban_at(r, 0)
}

/// The columns of a ban (table alias `b`).
macro_rules! ban_columns {
    () => {
        "b.application_id, b.address, b.banned_at, b.banned_until, b.times, b.failures, b.lifted_at"
    };
}

const BAN: &str = concat!("SELECT ", ban_columns!(), " FROM guard_bans b");

/// Every ban, in force or lifted within the day.
pub(crate) fn bans(conn: &Connection) -> Result<Vec<Ban>> {
    let mut stmt = conn.prepare(&format!("{BAN} ORDER BY b.application_id, b.address"))?;
    let rows = stmt.query_map([], ban_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Whether a ban in force has run out by `now`, or one is in force in a
/// network that is never banned: what a run with nothing new to read must
/// still do. One indexed look.
pub(crate) fn lift_due(conn: &Connection, now: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM guard_bans WHERE lifted_at IS NULL AND banned_until <= ?1 LIMIT 1",
            [now],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The networks banned now, from any application.
pub(crate) fn banned_networks(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare("SELECT DISTINCT address FROM guard_bans WHERE lifted_at IS NULL")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn put_ban(conn: &Connection, b: &Ban) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO guard_bans (application_id, address, banned_at, banned_until, times,
             failures, lifted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (application_id, address) DO UPDATE
           SET banned_at = excluded.banned_at, banned_until = excluded.banned_until,
               times = excluded.times, failures = excluded.failures, lifted_at = excluded.lifted_at",
    )?
    .execute(params![
        b.application_id,
        b.address,
        b.banned_at,
        b.banned_until,
        b.times,
        b.failures,
        b.lifted_at
    ])?;
    Ok(())
}

/// Forgets bans lifted before `before` (a day ago): a ban after that starts
/// over at the shortest length.
pub(crate) fn prune_bans(conn: &Connection, before: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM guard_bans WHERE lifted_at IS NOT NULL AND lifted_at < ?1",
        [before],
    )?;
    Ok(())
}

/// Lifts every ban of an application (its guard was turned off).
pub(crate) fn lift_all(conn: &Connection, application_id: &str, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE guard_bans SET lifted_at = ?2 WHERE application_id = ?1 AND lifted_at IS NULL",
        params![application_id, now],
    )?;
    Ok(())
}

/// Forgets a ban altogether (`guard unban`): the next one starts over.
pub(crate) fn delete_ban(conn: &Connection, application_id: &str, address: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM guard_bans WHERE application_id = ?1 AND address = ?2",
        params![application_id, address],
    )?;
    Ok(())
}

/// A row of `guard list`: a client of an application the caller sees,
/// banned or with failed logins counted.
#[derive(Debug, Clone)]
pub(crate) struct Listed {
    pub app_name: String,
    pub application_id: String,
    pub address: String,
    pub failures: i64,
    pub ban: Option<Ban>,
}

/// The clients of the organization's applications (with `?2`, those
/// granted to that user) that are banned or have failures counted, by
/// application then address.
pub(crate) fn list(
    conn: &Connection,
    org_id: &str,
    granted_to: Option<&str>,
) -> Result<Vec<Listed>> {
    let mut stmt = conn.prepare(concat!(
        "WITH clients AS (
            SELECT application_id, address FROM guard_bans
            UNION SELECT application_id, address FROM guard_failures)
         SELECT a.app_name, a.application_id, c.address,
                ifnull((SELECT json_array_length(f.times) FROM guard_failures f
                        WHERE f.application_id = c.application_id AND f.address = c.address), 0),
                ",
        ban_columns!(),
        "
         FROM clients c
         JOIN applications a ON a.application_id = c.application_id
         LEFT JOIN guard_bans b ON b.application_id = c.application_id AND b.address = c.address
         WHERE ",
        app_visible!("a"),
        " ORDER BY a.app_name, c.address"
    ))?;
    let rows = stmt.query_map(params![org_id, granted_to], |r| {
        let ban = match r.get::<_, Option<String>>(4)? {
            Some(_) => Some(ban_at(r, 4)?),
            None => None,
        };
        Ok(Listed {
            app_name: r.get(0)?,
            application_id: r.get(1)?,
            address: r.get(2)?,
            failures: r.get(3)?,
            ban,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The networks never banned, sorted.
pub(crate) fn allowed(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT network FROM guard_allowed ORDER BY network")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Returns false when it was allowed already.
pub(crate) fn allow(conn: &Connection, network: &str, now: &str) -> Result<bool> {
    Ok(conn.execute(
        "INSERT INTO guard_allowed (network, created_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        params![network, now],
    )? == 1)
}

/// Returns false when it was not allowed.
pub(crate) fn disallow(conn: &Connection, network: &str) -> Result<bool> {
    Ok(conn.execute("DELETE FROM guard_allowed WHERE network = ?1", [network])? == 1)
}
