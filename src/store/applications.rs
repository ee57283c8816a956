//! Applications, joined with the environment → project → organization chain
//! that decides which organization owns them.

use crate::store::scope::{app_in_org, app_visible};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{json_list, to_json_list};
use crate::error::Result;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Application {
    pub application_id: String,
    pub app_name: String,
    pub name: String,
    pub org_id: String,
    pub project: String,
    pub environment: String,
    #[serde(skip)]
    pub environment_id: String,
    #[serde(skip)]
    pub project_id: String,
    pub domains: Vec<String>,
    /// The hosts an application with external routing declares (its
    /// router is written elsewhere): claimed like domains, written nowhere.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<String>,
    pub upstreams: Vec<String>,
    pub entrypoints: Vec<String>,
    pub tls: bool,
    pub cert_resolver: Option<String>,
    pub realm: Option<String>,
    /// Fast authentication: every credential is a secret authgate
    /// generated, stored as `{SHA}`, which Traefik checks in microseconds.
    pub fast_auth: bool,
    /// Closed while it has no credentials: Traefik answers 401 to everyone
    /// instead of serving it publicly (`traefik::render`).
    pub private: bool,
    #[serde(flatten)]
    pub access: AccessRules,
    /// Whether `authgate guard` counts its failed logins and bans.
    pub guard: bool,
    /// How many failed logins within the window a client may have before
    /// the guard bans it; `None`: the installation's setting.
    pub guard_max_failures: Option<u32>,
    /// The client networks the guard bans now, sorted (`guard_bans`).
    #[serde(skip)]
    pub banned: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// Which requests to an application with managed routing skip its
/// authentication, or alone need it. Each rule becomes a router of its own
/// beside the main one (`traefik::render`); values are validated and in
/// normalized form (`domain::validate`).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct AccessRules {
    /// Path prefixes that skip authentication.
    pub public_paths: Vec<String>,
    /// Path prefixes that alone need authentication: the rest is public.
    /// Never together with `public_paths`.
    pub protect_paths: Vec<String>,
    /// Client networks (CIDRs) that skip authentication.
    pub trusted_networks: Vec<String>,
    /// `OPTIONS` requests (CORS preflights) skip authentication.
    pub allow_preflight: bool,
}

impl AccessRules {
    pub fn is_empty(&self) -> bool {
        self.public_paths.is_empty()
            && self.protect_paths.is_empty()
            && self.trusted_networks.is_empty()
            && !self.allow_preflight
    }
}

impl Application {
    /// Managed routing: authgate writes the router and service. Otherwise the
    /// router lives elsewhere and only the middleware is written.
    pub fn has_managed_routing(&self) -> bool {
        !self.domains.is_empty()
    }
}

const SELECT: &str = "SELECT a.application_id, a.app_name, a.name, p.org_id, p.name, e.name,
            a.environment_id, a.domains, a.upstreams, a.entrypoints, a.tls,
            a.cert_resolver, a.realm, a.created_at, a.updated_at,
            a.public_paths, a.protect_paths, a.trusted_networks, a.allow_preflight, a.fast_auth,
            a.private, a.hosts, p.project_id, a.guard, a.guard_max_failures,
            (SELECT json_group_array(address) FROM (SELECT b.address FROM guard_bans b
              WHERE b.application_id = a.application_id AND b.lifted_at IS NULL
              ORDER BY b.address))
     FROM applications a
     JOIN environments e ON e.environment_id = a.environment_id
     JOIN projects p ON p.project_id = e.project_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Application> {
    Ok(Application {
        application_id: r.get(0)?,
        app_name: r.get(1)?,
        name: r.get(2)?,
        org_id: r.get(3)?,
        project: r.get(4)?,
        environment: r.get(5)?,
        environment_id: r.get(6)?,
        domains: json_list(&r.get::<_, String>(7)?),
        upstreams: json_list(&r.get::<_, String>(8)?),
        entrypoints: json_list(&r.get::<_, String>(9)?),
        tls: r.get(10)?,
        cert_resolver: r.get(11)?,
        realm: r.get(12)?,
        access: AccessRules {
            public_paths: json_list(&r.get::<_, String>(15)?),
            protect_paths: json_list(&r.get::<_, String>(16)?),
            trusted_networks: json_list(&r.get::<_, String>(17)?),
            allow_preflight: r.get(18)?,
        },
        created_at: r.get(13)?,
        updated_at: r.get(14)?,
        fast_auth: r.get(19)?,
        private: r.get(20)?,
        hosts: json_list(&r.get::<_, String>(21)?),
        project_id: r.get(22)?,
        guard: r.get(23)?,
        guard_max_failures: r.get(24)?,
        banned: json_list(&r.get::<_, String>(25)?),
    })
}

/// An application of the organization, by id or by app name. Applications of
/// other organizations are not found.
pub fn in_org(conn: &Connection, org_id: &str, reference: &str) -> Result<Option<Application>> {
    // Cached: a command looks its application up again under the write lock.
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE {} AND (a.application_id = ?2 OR a.app_name = ?2)",
            app_in_org!("a")
        ))?
        .query_row(params![org_id, reference], from_row)
        .optional()?)
}

/// The app name of the application an id or app name refers to, in any
/// organization.
pub fn name_of(conn: &Connection, reference: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT app_name FROM applications WHERE application_id = ?1 OR app_name = ?1",
        )?
        .query_row([reference], |r| r.get(0))
        .optional()?)
}

/// The organization of the application an id or app name refers to, in
/// any organization.
pub fn org_of(conn: &Connection, reference: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT p.org_id FROM applications a
             JOIN environments e ON e.environment_id = a.environment_id
             JOIN projects p ON p.project_id = e.project_id
             WHERE a.application_id = ?1 OR a.app_name = ?1",
        )?
        .query_row([reference], |r| r.get(0))
        .optional()?)
}

/// The organization of a credential's application, by security id.
pub fn org_of_credential(conn: &Connection, security_id: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT p.org_id FROM security s
             JOIN applications a ON a.application_id = s.application_id
             JOIN environments e ON e.environment_id = a.environment_id
             JOIN projects p ON p.project_id = e.project_id
             WHERE s.security_id = ?1
             UNION ALL
             SELECT p.org_id FROM shared_credentials c
             JOIN projects p ON p.project_id = c.project_id
             WHERE c.security_id = ?1",
        )?
        .query_row([security_id], |r| r.get(0))
        .optional()?)
}

pub fn by_id(conn: &Connection, application_id: &str) -> Result<Option<Application>> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE a.application_id = ?1"),
            [application_id],
            from_row,
        )
        .optional()?)
}

/// The organization's applications, sorted by app name. With `granted_to`,
/// only the applications granted to that user.
pub fn list(conn: &Connection, org_id: &str, granted_to: Option<&str>) -> Result<Vec<Application>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE {} ORDER BY a.app_name",
        app_visible!("a")
    ))?;
    let rows = stmt.query_map(params![org_id, granted_to], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The applications of a project, or of one environment of it (a shared
/// credential's scope), sorted by app name.
pub(crate) fn in_scope(
    conn: &Connection,
    project_id: &str,
    environment_id: Option<&str>,
) -> Result<Vec<Application>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE e.project_id = ?1 AND (?2 IS NULL OR a.environment_id = ?2)
         ORDER BY a.app_name"
    ))?;
    let rows = stmt.query_map(params![project_id, environment_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many applications the registry holds, in every organization.
pub fn count(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row("SELECT count(*) FROM applications", [], |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

/// The app names of the organization's applications, sorted, that start
/// with `prefix`; with `granted_to`, only those granted to that user (as
/// [`list`] selects them). For completion: one query, names only.
pub fn names_in_org(
    conn: &Connection,
    org_id: &str,
    granted_to: Option<&str>,
    prefix: &str,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(concat!(
        "SELECT a.app_name FROM applications a WHERE ",
        app_visible!("a"),
        " AND substr(a.app_name, 1, length(?3)) = ?3 ORDER BY a.app_name"
    ))?;
    let rows = stmt.query_map(params![org_id, granted_to, prefix], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every application of the registry, for whole-directory operations,
/// streamed: `f` gets them sorted by app name as they are read.
pub fn with_all<R>(
    conn: &Connection,
    f: impl FnOnce(&mut dyn Iterator<Item = Result<Application>>) -> Result<R>,
) -> Result<R> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY a.app_name"))?;
    let rows = stmt.query_map([], from_row)?;
    f(&mut rows.map(|r| r.map_err(Into::into)))
}

/// Whether another application (not `except`) uses any of `names` as its id
/// or its app name, in any organization. Ids and app names share one space,
/// since commands accept either.
pub fn reference_taken(conn: &Connection, names: &[&str], except: Option<&str>) -> Result<bool> {
    let [a, b] = match names {
        [a] => [*a, *a],
        [a, b, ..] => [*a, *b],
        [] => return Ok(false),
    };
    Ok(conn
        .query_row(
            "SELECT 1 FROM applications
             WHERE (application_id IN (?1, ?2) OR app_name IN (?1, ?2))
               AND (?3 IS NULL OR application_id != ?3)
             LIMIT 1",
            params![a, b, except],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

pub fn app_name_taken(conn: &Connection, app_name: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM applications WHERE app_name = ?1",
            [app_name],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

pub fn insert(conn: &Connection, app: &Application) -> Result<()> {
    conn.execute(
        "INSERT INTO applications (application_id, environment_id, app_name, name, domains,
             upstreams, entrypoints, tls, cert_resolver, realm, created_at, updated_at,
             public_paths, protect_paths, trusted_networks, allow_preflight, fast_auth, private,
             hosts)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
             ?19)",
        params![
            app.application_id,
            app.environment_id,
            app.app_name,
            app.name,
            to_json_list(&app.domains),
            to_json_list(&app.upstreams),
            to_json_list(&app.entrypoints),
            app.tls,
            app.cert_resolver,
            app.realm,
            app.created_at,
            app.updated_at,
            to_json_list(&app.access.public_paths),
            to_json_list(&app.access.protect_paths),
            to_json_list(&app.access.trusted_networks),
            app.access.allow_preflight,
            app.fast_auth,
            app.private,
            to_json_list(&app.hosts),
        ],
    )?;
    set_domains(conn, app)
}

pub fn update(conn: &Connection, app: &Application) -> Result<()> {
    conn.execute(
        "UPDATE applications SET environment_id = ?2, app_name = ?3, name = ?4, domains = ?5,
             upstreams = ?6, entrypoints = ?7, tls = ?8, cert_resolver = ?9, realm = ?10,
             updated_at = ?11, public_paths = ?12, protect_paths = ?13, trusted_networks = ?14,
             allow_preflight = ?15, fast_auth = ?16, private = ?17, hosts = ?18, guard = ?19,
             guard_max_failures = ?20
         WHERE application_id = ?1",
        params![
            app.application_id,
            app.environment_id,
            app.app_name,
            app.name,
            to_json_list(&app.domains),
            to_json_list(&app.upstreams),
            to_json_list(&app.entrypoints),
            app.tls,
            app.cert_resolver,
            app.realm,
            app.updated_at,
            to_json_list(&app.access.public_paths),
            to_json_list(&app.access.protect_paths),
            to_json_list(&app.access.trusted_networks),
            app.access.allow_preflight,
            app.fast_auth,
            app.private,
            to_json_list(&app.hosts),
            app.guard,
            app.guard_max_failures,
        ],
    )?;
    set_domains(conn, app)
}

/// Records the hosts an application routes (its domains, or the hosts it
/// declares), in canonical form. The unique index on `app_domains` makes a
/// second claim on a host fail even if a caller forgot to ask
/// [`domain_holder`] first.
fn set_domains(conn: &Connection, app: &Application) -> Result<()> {
    conn.execute(
        "DELETE FROM app_domains WHERE application_id = ?1",
        [&app.application_id],
    )?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO app_domains (domain, application_id, shared) VALUES (?1, ?2, 0)",
    )?;
    for domain in app.domains.iter().chain(&app.hosts) {
        insert.execute(params![domain, app.application_id])?;
    }
    Ok(())
}

/// A host an application routes or declares, with what the rule on
/// foreign routers needs of the application.
#[derive(Debug, Clone)]
pub struct ClaimedHost {
    pub host: String,
    pub app_name: String,
    /// authgate writes its router (it has domains).
    pub managed: bool,
    /// Its entry points (none: every entry point).
    pub entrypoints: Vec<String>,
}

/// Every host applications route or declare, in host order.
pub fn claimed_hosts(conn: &Connection) -> Result<Vec<ClaimedHost>> {
    let mut stmt = conn.prepare(
        "SELECT d.domain, a.app_name, a.domains != '[]', a.entrypoints FROM app_domains d
         JOIN applications a ON a.application_id = d.application_id
         ORDER BY d.domain, d.shared, a.app_name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ClaimedHost {
            host: r.get(0)?,
            app_name: r.get(1)?,
            managed: r.get(2)?,
            entrypoints: json_list(&r.get::<_, String>(3)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Another application (not `except`), in any organization, that routes
/// `domain` (canonical form): its id.
pub fn domain_holder(conn: &Connection, domain: &str, except: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT application_id FROM app_domains
             WHERE domain = ?1 AND application_id != ?2
             ORDER BY shared LIMIT 1",
            params![domain, except],
            |r| r.get(0),
        )
        .optional()?)
}

/// The app name of the application that routes `domain` (canonical form).
pub fn routing(conn: &Connection, domain: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT a.app_name FROM app_domains d
             JOIN applications a ON a.application_id = d.application_id
             WHERE d.domain = ?1 ORDER BY d.shared LIMIT 1",
            [domain],
            |r| r.get(0),
        )
        .optional()?)
}

/// Hosts that several applications route (only a registry from before hosts
/// had one owner can hold them), with those applications' names.
pub fn shared_domains(conn: &Connection) -> Result<Vec<(String, Vec<String>)>> {
    let mut stmt = conn.prepare(
        "SELECT d.domain, a.app_name FROM app_domains d
         JOIN applications a ON a.application_id = d.application_id
         WHERE d.domain IN (SELECT domain FROM app_domains GROUP BY domain HAVING count(*) > 1)
         ORDER BY d.domain, d.shared, a.app_name",
    )?;
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (domain, app_name) = row?;
        match out.last_mut() {
            Some((d, names)) if *d == domain => names.push(app_name),
            _ => out.push((domain, vec![app_name])),
        }
    }
    Ok(out)
}

/// Every app name, for telling authgate's files from others in the
/// directory without reading them.
pub fn all_names(conn: &Connection) -> Result<std::collections::HashSet<String>> {
    let mut stmt = conn.prepare("SELECT app_name FROM applications")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Deletes the application; its credentials and grants go by cascade.
pub fn delete(conn: &Connection, application_id: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM applications WHERE application_id = ?1",
        [application_id],
    )?;
    Ok(())
}

pub fn by_app_name(conn: &Connection, app_name: &str) -> Result<Option<Application>> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE a.app_name = ?1"),
            [app_name],
            from_row,
        )
        .optional()?)
}

/// Records when the application must be published again because a
/// credential it publishes expires (`None`: never).
pub fn set_next_expiry(conn: &Connection, application_id: &str, at: Option<&str>) -> Result<()> {
    conn.execute(
        "UPDATE applications SET next_expiry = ?2 WHERE application_id = ?1",
        params![application_id, at],
    )?;
    Ok(())
}

/// Recomputes every application's next expiry at `now`, after a whole
/// directory was published at once (`sync`).
pub fn reset_next_expiries(conn: &Connection, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE applications SET next_expiry = (
             SELECT min(s.expires_at) FROM security s
             WHERE s.application_id = applications.application_id AND s.expires_at > ?1)",
        [now],
    )?;
    Ok(())
}

/// The applications with a published credential that has expired by `now`,
/// each with its recorded next expiry, sorted by app name: one range scan
/// of the `next_expiry` index, nothing when none is due.
pub fn due_for_expiry(conn: &Connection, now: &str) -> Result<Vec<(Application, String)>> {
    let select = SELECT.replacen(
        " FROM applications a",
        ", a.next_expiry FROM applications a",
        1,
    );
    let mut stmt = conn.prepare(&format!(
        "{select} WHERE a.next_expiry IS NOT NULL AND a.next_expiry <= ?1 ORDER BY a.app_name"
    ))?;
    // next_expiry comes last, after the columns `from_row` reads.
    let rows = stmt.query_map([now], |r| {
        let last = r.as_ref().column_count() - 1;
        Ok((from_row(r)?, r.get(last)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every upstream of every application, with the application's
/// organization and app name, in app-name order: what upstream ownership
/// compares (one row per upstream).
pub fn upstreams_with_org(conn: &Connection) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT p.org_id, a.app_name, u.value
         FROM applications a
         JOIN environments e ON e.environment_id = a.environment_id
         JOIN projects p ON p.project_id = e.project_id,
         json_each(a.upstreams) u
         ORDER BY a.app_name, u.key",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
