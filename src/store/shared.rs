//! Shared credentials: a username / password-hash pair held by a project,
//! or by one environment of it, which every application there accepts
//! (`shared_credentials`). ARCHITECTURE.md, "Shared credentials".

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;
use crate::store::applications::Application;
use crate::store::credentials::Credential;
use crate::store::scope::granted;

/// A scope as operators read it: `project shop` or `project shop,
/// environment staging`.
pub(crate) fn describe(project: &str, environment: Option<&str>) -> String {
    match environment {
        Some(e) => format!("project {project}, environment {e}"),
        None => format!("project {project}"),
    }
}

/// Where a shared credential is held: a project, or one environment of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scope {
    pub org_id: String,
    pub project_id: String,
    pub project: String,
    /// `None`: every environment of the project.
    pub environment_id: Option<String>,
    pub environment: Option<String>,
}

impl Scope {
    /// How operators read it: `project shop` or `project shop, environment
    /// staging`.
    pub(crate) fn describe(&self) -> String {
        describe(&self.project, self.environment.as_deref())
    }

    /// The applications in it, in app-name order.
    pub(crate) fn apps(&self, conn: &Connection) -> Result<Vec<Application>> {
        crate::store::applications::in_scope(conn, &self.project_id, self.environment_id.as_deref())
    }

    /// Whether `app` is in it.
    pub(crate) fn holds(&self, app: &Application) -> bool {
        app.project_id == self.project_id
            && self
                .environment_id
                .as_ref()
                .is_none_or(|e| *e == app.environment_id)
    }
}

/// A shared credential: the pair (its `application_id` is empty: it has
/// none of its own) and where it is held.
#[derive(Debug, Clone)]
pub(crate) struct Shared {
    pub credential: Credential,
    pub scope: Scope,
}

const SELECT: &str = "SELECT c.security_id, c.username, c.password_hash, c.created_at,
            c.updated_at, c.expires_at, c.weak, c.withdrawn_at,
            p.org_id, p.project_id, p.name, c.environment_id, e.name
     FROM shared_credentials c
     JOIN projects p ON p.project_id = c.project_id
     LEFT JOIN environments e ON e.environment_id = c.environment_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Shared> {
    Ok(Shared {
        credential: Credential {
            security_id: r.get(0)?,
            application_id: String::new(),
            username: r.get(1)?,
            password_hash: r.get(2)?,
            created_at: r.get(3)?,
            updated_at: r.get(4)?,
            expires_at: r.get(5)?,
            weak: r.get(6)?,
            withdrawn_at: r.get(7)?,
        },
        scope: Scope {
            org_id: r.get(8)?,
            project_id: r.get(9)?,
            project: r.get(10)?,
            environment_id: r.get(11)?,
            environment: r.get(12)?,
        },
    })
}

/// The scope an organization's project (and environment) names, if they
/// exist.
pub(crate) fn scope(
    conn: &Connection,
    org_id: &str,
    project: &str,
    environment: Option<&str>,
) -> Result<Option<Scope>> {
    let Some(project_id) = conn
        .query_row(
            "SELECT project_id FROM projects WHERE org_id = ?1 AND name = ?2",
            params![org_id, project],
            |r| r.get::<_, String>(0),
        )
        .optional()?
    else {
        return Ok(None);
    };
    let environment_id = match environment {
        None => None,
        Some(name) => match conn
            .query_row(
                "SELECT environment_id FROM environments WHERE project_id = ?1 AND name = ?2",
                params![project_id, name],
                |r| r.get::<_, String>(0),
            )
            .optional()?
        {
            Some(id) => Some(id),
            None => return Ok(None),
        },
    };
    Ok(Some(Scope {
        org_id: org_id.to_string(),
        project_id,
        project: project.to_string(),
        environment_id,
        environment: environment.map(str::to_string),
    }))
}

/// The names of an organization's projects, sorted.
pub(crate) fn project_names(conn: &Connection, org_id: &str) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT name FROM projects WHERE org_id = ?1 ORDER BY name")?;
    let rows = stmt.query_map([org_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The names of a project's environments, sorted.
pub(crate) fn environment_names(conn: &Connection, project_id: &str) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT name FROM environments WHERE project_id = ?1 ORDER BY name")?;
    let rows = stmt.query_map([project_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A shared credential by id, in any organization.
pub(crate) fn by_id(conn: &Connection, security_id: &str) -> Result<Option<Shared>> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE c.security_id = ?1"),
            [security_id],
            from_row,
        )
        .optional()?)
}

/// The shared credential `username` of exactly this scope.
pub(crate) fn by_username(
    conn: &Connection,
    scope: &Scope,
    username: &str,
) -> Result<Option<Shared>> {
    Ok(conn
        .query_row(
            &format!(
                "{SELECT} WHERE c.project_id = ?1 AND c.environment_id IS ?2 AND c.username = ?3"
            ),
            params![scope.project_id, scope.environment_id, username],
            from_row,
        )
        .optional()?)
}

/// The shared credentials of every scope that overlaps `scope` (the
/// project's own and, for a project, every environment's; for an
/// environment, the project's and its own).
pub(crate) fn overlapping(conn: &Connection, scope: &Scope) -> Result<Vec<Shared>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE c.project_id = ?1
           AND (?2 IS NULL OR c.environment_id IS NULL OR c.environment_id = ?2)
         ORDER BY c.username"
    ))?;
    let rows = stmt.query_map(params![scope.project_id, scope.environment_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The shared credentials an application is in the scope of, by username
/// (whether it renders them or not: a fast-auth application does not).
pub(crate) fn inherited_by(conn: &Connection, app: &Application) -> Result<Vec<Shared>> {
    // Most projects share nothing: asking first spares preparing the joined
    // query below, which costs more than this one and its answer together.
    let any: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM shared_credentials WHERE project_id = ?1)")?
        .query_row([&app.project_id], |r| r.get(0))?;
    if !any {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE c.project_id = ?1
           AND (c.environment_id IS NULL OR c.environment_id = ?2)
         ORDER BY c.username"
    ))?;
    let rows = stmt.query_map(params![app.project_id, app.environment_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every shared credential of the registry, for whole-registry renders.
pub(crate) fn all(conn: &Connection) -> Result<Vec<Shared>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY c.username"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The shared credentials of an organization a caller may see, sorted by
/// project, environment (the project's own first) and username: with
/// `granted_to`, only those that reach an application granted to that
/// user; with a project (and environment), only that scope's.
pub(crate) fn list(
    conn: &Connection,
    org_id: &str,
    granted_to: Option<&str>,
    scope: Option<&Scope>,
) -> Result<Vec<Shared>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE p.org_id = ?1
           AND (?3 IS NULL OR c.project_id = ?3)
           AND (?3 IS NULL OR c.environment_id IS ?4)
           AND (?2 IS NULL OR EXISTS (
                SELECT 1 FROM applications a JOIN environments ae
                  ON ae.environment_id = a.environment_id
                WHERE ae.project_id = c.project_id
                  AND (c.environment_id IS NULL OR a.environment_id = c.environment_id)
                  AND {}))
         ORDER BY p.name, ifnull(e.name, ''), c.username",
        granted!("a.application_id")
    ))?;
    let rows = stmt.query_map(
        params![
            org_id,
            granted_to,
            scope.map(|s| s.project_id.as_str()),
            scope.and_then(|s| s.environment_id.as_deref())
        ],
        from_row,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn insert(conn: &Connection, s: &Shared) -> Result<()> {
    let c = &s.credential;
    conn.execute(
        "INSERT INTO shared_credentials (security_id, project_id, environment_id, username,
             password_hash, created_at, updated_at, expires_at, weak, withdrawn_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            c.security_id,
            s.scope.project_id,
            s.scope.environment_id,
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

pub(crate) fn update(conn: &Connection, c: &Credential) -> Result<()> {
    conn.execute(
        "UPDATE shared_credentials SET username = ?2, password_hash = ?3, updated_at = ?4,
             expires_at = ?5, weak = ?6, withdrawn_at = ?7
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

pub(crate) fn delete(conn: &Connection, security_id: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM shared_credentials WHERE security_id = ?1",
        [security_id],
    )?;
    Ok(())
}

/// Records, for an application just rendered at `now`, that the expired
/// shared credentials it inherits were left out: from then on they stay
/// out, in every application of their scope.
pub(crate) fn mark_withdrawn(conn: &Connection, app: &Application, now: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE shared_credentials SET withdrawn_at = ?3
         WHERE project_id = ?1 AND (environment_id IS NULL OR environment_id = ?2)
           AND withdrawn_at IS NULL AND expires_at IS NOT NULL AND expires_at <= ?3",
    )?
    .execute(params![app.project_id, app.environment_id, now])?;
    Ok(())
}

/// How many shared credentials an organization holds.
pub(crate) fn count_in_org(conn: &Connection, org_id: &str) -> Result<u64> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM shared_credentials c
         JOIN projects p ON p.project_id = c.project_id WHERE p.org_id = ?1",
        [org_id],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// At least as many as the shared credentials the installation holds, found
/// without counting them, as `credentials::at_most_all` finds it.
pub(crate) fn at_most_all(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row(
        "SELECT coalesce(max(rowid), 0) FROM shared_credentials",
        [],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// How many shared credentials the installation holds.
pub(crate) fn count_all(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row("SELECT count(*) FROM shared_credentials", [], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}
