//! Credentials: an application's username / password-hash pairs, in the
//! `security` table (the original system's name, kept with `security_id`; see
//! ARCHITECTURE.md, "Names").

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;
use crate::store::scope::{app_in_org, app_visible};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    pub security_id: String,
    pub application_id: String,
    pub username: String,
    pub password_hash: String,
    pub created_at: String,
    pub updated_at: String,
    /// When it stops being published (RFC 3339 UTC); `None`: never.
    pub expires_at: Option<String>,
    /// Created or changed with a password below the strength policy
    /// (`--allow-weak`).
    pub weak: bool,
    /// When a publish first left it out because it had expired: it stays
    /// out whatever the clock says later, until its expiry is changed.
    pub withdrawn_at: Option<String>,
}

impl Credential {
    /// Whether it has expired at `now` (an RFC 3339 UTC timestamp as
    /// stored: they compare as text), or was withdrawn once it had: a clock
    /// set back never publishes it again.
    pub fn is_expired(&self, now: &str) -> bool {
        self.withdrawn_at.is_some() || self.expires_at.as_deref().is_some_and(|at| at <= now)
    }
}

const SELECT: &str = "SELECT s.security_id, s.application_id, s.username, s.password_hash,
            s.created_at, s.updated_at, s.expires_at, s.weak, s.withdrawn_at
     FROM security s";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Credential> {
    Ok(Credential {
        security_id: r.get(0)?,
        application_id: r.get(1)?,
        username: r.get(2)?,
        password_hash: r.get(3)?,
        created_at: r.get(4)?,
        updated_at: r.get(5)?,
        expires_at: r.get(6)?,
        weak: r.get(7)?,
        withdrawn_at: r.get(8)?,
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

/// The security ids and usernames of an application's credentials (no
/// hashes).
pub fn usernames_of_app(conn: &Connection, application_id: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn
        .prepare_cached("SELECT security_id, username FROM security WHERE application_id = ?1")?;
    let rows = stmt.query_map([application_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
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

/// The app name of a credential's application, in any organization.
pub fn app_name_of(conn: &Connection, security_id: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT a.app_name FROM security s
             JOIN applications a ON a.application_id = s.application_id
             WHERE s.security_id = ?1",
        )?
        .query_row([security_id], |r| r.get(0))
        .optional()?)
}

/// A credential by id, only if its application belongs to the organization.
pub fn in_org(conn: &Connection, org_id: &str, security_id: &str) -> Result<Option<Credential>> {
    Ok(conn
        .query_row(
            &format!(
                "{SELECT}
                 JOIN applications a ON a.application_id = s.application_id
                 WHERE s.security_id = ?2 AND {}",
                app_in_org!("a")
            ),
            params![org_id, security_id],
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
const LIST: &str = concat!(
    "SELECT s.security_id, s.application_id, s.username, s.password_hash,
            s.created_at, s.updated_at, s.expires_at, s.weak, s.withdrawn_at, a.app_name
     FROM applications a
     CROSS JOIN security s ON s.application_id = a.application_id
     WHERE ",
    app_visible!("a"),
    "
       AND (?3 IS NULL OR a.application_id = ?3)
       AND (?4 IS NULL OR s.updated_at < ?4)
       AND (?5 IS NULL OR s.expires_at <= ?5)
     ORDER BY a.app_name, s.username"
);

/// The same selection as [`LIST`], only (app name, hash), in no particular
/// order: what a scan for mixed hash schemes needs.
const LIST_HASHES: &str = concat!(
    "SELECT a.app_name, s.password_hash
     FROM security s
     JOIN applications a ON a.application_id = s.application_id
     WHERE ",
    app_visible!("a"),
    "
       AND (?3 IS NULL OR a.application_id = ?3)
       AND (?4 IS NULL OR s.updated_at < ?4)
       AND (?5 IS NULL OR s.expires_at <= ?5)"
);

/// A text column, borrowed from the row rather than copied.
fn text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    Ok(r.get_ref(i)?.as_str()?)
}

fn listed_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Listed> {
    Ok(Listed {
        credential: from_row(r)?,
        app_name: r.get(9)?,
    })
}

/// What a listing selects: `granted_to` restricts to a member's granted
/// applications, `app` to one application, `updated_before` to credentials
/// not changed since then, `expiring_by` to credentials that expire (or
/// expired) at or before then.
#[derive(Debug, Clone, Copy, Default)]
pub struct Selection<'a> {
    pub org_id: &'a str,
    pub granted_to: Option<&'a str>,
    pub app: Option<&'a str>,
    pub updated_before: Option<&'a str>,
    pub expiring_by: Option<&'a str>,
}

/// The organization's credentials, sorted by app name then username.
pub fn list(conn: &Connection, selection: &Selection<'_>) -> Result<Vec<Listed>> {
    list_with(conn, selection, |rows| rows.collect())
}

/// [`list`], streamed: `f` gets the rows as they are read, in the same
/// order, without the whole list ever being in memory.
pub fn list_with<R>(
    conn: &Connection,
    s: &Selection<'_>,
    f: impl FnOnce(&mut dyn Iterator<Item = Result<Listed>>) -> Result<R>,
) -> Result<R> {
    let mut stmt = conn.prepare(LIST)?;
    let rows = stmt.query_map(
        params![
            s.org_id,
            s.granted_to,
            s.app,
            s.updated_before,
            s.expiring_by
        ],
        listed_from_row,
    )?;
    f(&mut rows.map(|r| r.map_err(Into::into)))
}

/// Calls `f` with the (app name, hash) of every credential [`list`] would
/// return with the same arguments, in no particular order, without copying
/// them.
pub fn list_hashes(
    conn: &Connection,
    s: &Selection<'_>,
    mut f: impl FnMut(&str, &str),
) -> Result<()> {
    let mut stmt = conn.prepare(LIST_HASHES)?;
    let mut rows = stmt.query(params![
        s.org_id,
        s.granted_to,
        s.app,
        s.updated_before,
        s.expiring_by
    ])?;
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
                s.created_at, s.updated_at, s.expires_at, s.weak, s.withdrawn_at, a.app_name
         FROM applications a
         CROSS JOIN security s ON s.application_id = a.application_id
         ORDER BY a.app_name, s.username",
    )?;
    let rows = stmt.query_map([], listed_from_row)?;
    f(&mut rows.map(|r| r.map_err(Into::into)))
}

pub fn insert(conn: &Connection, c: &Credential) -> Result<()> {
    conn.execute(
        "INSERT INTO security (security_id, application_id, username, password_hash, created_at,
             updated_at, expires_at, weak, withdrawn_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            c.security_id,
            c.application_id,
            c.username,
            c.password_hash,
            c.created_at,
            c.updated_at,
            c.expires_at,
            c.weak,
            c.withdrawn_at
        ],
    )?;
    Ok(())
}

pub fn update(conn: &Connection, c: &Credential) -> Result<()> {
    conn.execute(
        "UPDATE security SET username = ?2, password_hash = ?3, updated_at = ?4, expires_at = ?5,
             weak = ?6, withdrawn_at = ?7
         WHERE security_id = ?1",
        params![
            c.security_id,
            c.username,
            c.password_hash,
            c.updated_at,
            c.expires_at,
            c.weak,
            c.withdrawn_at
        ],
    )?;
    Ok(())
}

/// Records, for an application just rendered at `now`, that its expired
/// credentials were left out: from then on they stay out.
pub(crate) fn mark_withdrawn(conn: &Connection, application_id: &str, now: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE security SET withdrawn_at = ?2
         WHERE application_id = ?1 AND withdrawn_at IS NULL
           AND expires_at IS NOT NULL AND expires_at <= ?2",
    )?
    .execute(params![application_id, now])?;
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

/// How many credentials an application has, and how many of them are
/// still active at `now`.
pub fn counts_of_app(conn: &Connection, application_id: &str, now: &str) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT count(*), count(*) FILTER (WHERE expires_at IS NULL OR expires_at > ?2)
         FROM security WHERE application_id = ?1",
        params![application_id, now],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// [`counts_of_app`] for every application of an organization that has a
/// credential, in one query: application id → (all, active at `now`).
pub fn counts_in_org(
    conn: &Connection,
    org_id: &str,
    now: &str,
) -> Result<std::collections::HashMap<String, (i64, i64)>> {
    let mut stmt = conn.prepare(concat!(
        "SELECT s.application_id, count(*),
                count(*) FILTER (WHERE s.expires_at IS NULL OR s.expires_at > ?2)
         FROM security s
         JOIN applications a ON a.application_id = s.application_id
         WHERE ",
        app_in_org!("a"),
        "
         GROUP BY s.application_id"
    ))?;
    let rows = stmt.query_map(params![org_id, now], |r| {
        Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?)))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The distinct usernames, sorted, that start with `prefix`, of the
/// organization's applications (with `granted_to`, only those granted to
/// that user), and with `app` of that application only (its id or app
/// name). For completion: one query, names only.
pub fn usernames_in_org(
    conn: &Connection,
    org_id: &str,
    granted_to: Option<&str>,
    app: Option<&str>,
    prefix: &str,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(concat!(
        "SELECT DISTINCT s.username FROM security s
         JOIN applications a ON a.application_id = s.application_id
         WHERE ",
        app_visible!("a"),
        "
           AND (?3 IS NULL OR a.application_id = ?3 OR a.app_name = ?3)
           AND substr(s.username, 1, length(?4)) = ?4
         ORDER BY s.username"
    ))?;
    let rows = stmt.query_map(params![org_id, granted_to, app, prefix], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many credentials the application holds.
pub fn count_in_app(conn: &Connection, application_id: &str) -> Result<u64> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM security WHERE application_id = ?1",
        [application_id],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// How many credentials the organization's applications hold: counted
/// application by application through the index of each one's credentials
/// (joined the other way, SQLite looked up the application of every
/// credential of the installation: over half of a `create` among 100,000).
pub fn count_in_org(conn: &Connection, org_id: &str) -> Result<u64> {
    let n: i64 = conn.query_row(
        concat!(
            "SELECT count(*) FROM applications a
             JOIN security s ON s.application_id = a.application_id
             WHERE ",
            app_in_org!(by_environment "a")
        ),
        [org_id],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// At least as many as the credentials the installation holds, found
/// without counting them: each row has a rowid of its own, never negative
/// (authgate never sets one), so the largest is at least their number; one
/// step down the table's b-tree, where counting reads all of it.
pub fn at_most_all(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row("SELECT coalesce(max(rowid), 0) FROM security", [], |r| {
        r.get(0)
    })?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// How many credentials the installation holds.
pub fn count_all(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row("SELECT count(*) FROM security", [], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// How many credentials were let through below the strength policy.
pub fn count_weak(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT count(*) FROM security WHERE weak = 1", [], |r| {
            r.get(0)
        })?,
    )
}
