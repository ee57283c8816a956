//! The audit log. Rows name the actor, the organization, the action, the
//! target and the outcome; never a password, a hash or an API key secret.

use crate::store::scope::granted;
use rusqlite::{Connection, params};
use serde::Serialize;

use super::now;
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Ok,
    Denied,
    Error,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Denied => "denied",
            Outcome::Error => "error",
        }
    }
}

/// One audit event. Built with the `with_*` methods; the actor and the
/// organization are filled in by the session that records it.
#[derive(Debug, Clone, Default)]
pub struct Event {
    pub action: String,
    pub target_type: Option<String>,
    pub target: Option<String>,
    pub application_id: Option<String>,
    /// The application's app name, when the application is no longer in
    /// the registry as the event is recorded (`app remove`); otherwise
    /// [`record`] reads it from the registry.
    pub app_name: Option<String>,
    pub security_id: Option<String>,
    pub username: Option<String>,
    pub detail: Option<String>,
}

impl Event {
    pub fn new(action: &str) -> Self {
        Event {
            action: action.to_string(),
            ..Event::default()
        }
    }
    pub fn target(mut self, kind: &str, target: &str) -> Self {
        self.target_type = Some(kind.to_string());
        self.target = Some(target.to_string());
        self
    }
    pub fn application(mut self, application_id: &str) -> Self {
        self.application_id = Some(application_id.to_string());
        self
    }
    pub fn app_name(mut self, app_name: &str) -> Self {
        self.app_name = Some(app_name.to_string());
        self
    }
    pub fn security(mut self, security_id: &str) -> Self {
        self.security_id = Some(security_id.to_string());
        self
    }
    pub fn username(mut self, username: &str) -> Self {
        self.username = Some(username.to_string());
        self
    }
    /// The event concerns a credential: its id as the target, its
    /// application and its username.
    pub fn credential(self, credential: &crate::store::credentials::Credential) -> Self {
        self.target("security", &credential.security_id)
            .application(&credential.application_id)
            .security(&credential.security_id)
            .username(&credential.username)
    }
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

/// Who acted, in which organization.
#[derive(Debug, Clone, Default)]
pub struct AuditActor<'a> {
    pub user_id: Option<&'a str>,
    pub user_name: Option<&'a str>,
    pub org_id: Option<&'a str>,
}

/// Records an event, with the app name its application has now (or the one
/// the event gives), so that the log names the application after it is
/// removed.
pub(crate) fn record(
    conn: &Connection,
    actor: &AuditActor<'_>,
    event: &Event,
    outcome: Outcome,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor_user_id, actor_name, org_id, action, target_type, target,
             application_id, security_id, username, outcome, detail, app_name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, COALESCE(?13,
             (SELECT app_name FROM applications WHERE application_id = ?8)))",
    )?
    .execute(params![
        now(),
        actor.user_id,
        actor.user_name,
        actor.org_id,
        event.action,
        event.target_type,
        event.target,
        event.application_id,
        event.security_id,
        event.username,
        outcome.as_str(),
        event.detail,
        event.app_name,
    ])?;
    Ok(())
}

/// One row of the audit log, with the application's current app name when
/// it still exists, else the one it had when the event was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Row {
    pub id: i64,
    pub at: String,
    pub actor_user_id: Option<String>,
    pub actor_name: Option<String>,
    pub org_id: Option<String>,
    pub action: String,
    pub outcome: String,
    pub target_type: Option<String>,
    pub target: Option<String>,
    pub application_id: Option<String>,
    pub app_name: Option<String>,
    pub security_id: Option<String>,
    pub username: Option<String>,
    pub detail: Option<String>,
}

/// Which rows of one organization's log to read. Timestamps are stored
/// strings (RFC 3339 UTC with milliseconds), compared as text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Query {
    pub org_id: String,
    /// Members and viewers: only rows on applications granted to this user.
    pub granted_to: Option<String>,
    /// Rows on this application id, or whose target is this id or app name.
    pub application: Option<(String, String)>,
    /// Also the rows of removed applications that had this app name.
    pub removed_app_name: Option<String>,
    pub actor_name: Option<String>,
    pub action: Option<String>,
    pub outcome: Option<Outcome>,
    pub since: Option<String>,
    pub until: Option<String>,
    /// At most this many rows, newest first; `None` for all.
    pub limit: Option<u64>,
}

/// Reads rows of one organization's log, newest first.
pub(crate) fn query(conn: &Connection, q: &Query) -> Result<Vec<Row>> {
    let (app_id, app_name) = match &q.application {
        Some((id, name)) => (Some(id.as_str()), Some(name.as_str())),
        None => (None, None),
    };
    let limit = q.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT l.id, l.at, l.actor_user_id, l.actor_name, l.org_id, l.action, l.outcome,
                l.target_type, l.target, l.application_id, COALESCE(a.app_name, l.app_name),
                l.security_id,
                l.username, l.detail
         FROM audit_log l
         LEFT JOIN applications a ON a.application_id = l.application_id
         WHERE l.org_id = ?1 AND ",
        granted!("l.application_id"),
        "
           AND (?3 IS NULL OR l.application_id = ?3
                OR (l.target_type = 'application' AND l.target IN (?3, ?4))
                OR (?11 IS NOT NULL AND a.application_id IS NULL AND l.app_name = ?11))
           AND (?5 IS NULL OR l.actor_name = ?5)
           AND (?6 IS NULL OR l.action = ?6)
           AND (?7 IS NULL OR l.outcome = ?7)
           AND (?8 IS NULL OR l.at >= ?8)
           AND (?9 IS NULL OR l.at <= ?9)
         ORDER BY l.at DESC, l.id DESC
         LIMIT ?10"
    ))?;
    let rows = stmt.query_map(
        params![
            q.org_id,
            q.granted_to,
            app_id,
            app_name,
            q.actor_name,
            q.action,
            q.outcome.map(Outcome::as_str),
            q.since,
            q.until,
            limit,
            q.removed_app_name,
        ],
        |r| {
            Ok(Row {
                id: r.get(0)?,
                at: r.get(1)?,
                actor_user_id: r.get(2)?,
                actor_name: r.get(3)?,
                org_id: r.get(4)?,
                action: r.get(5)?,
                outcome: r.get(6)?,
                target_type: r.get(7)?,
                target: r.get(8)?,
                application_id: r.get(9)?,
                app_name: r.get(10)?,
                security_id: r.get(11)?,
                username: r.get(12)?,
                detail: r.get(13)?,
            })
        },
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Whether any row of the organization's log concerns this application id
/// (or names it as its target), or a removed application of this app name:
/// applications that were removed live on only in the log.
pub(crate) fn mentions_application(
    conn: &Connection,
    org_id: &str,
    reference: &str,
) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM audit_log
                 WHERE org_id = ?1 AND (application_id = ?2
                       OR (target_type = 'application' AND target = ?2)
                       OR (app_name = ?2 AND application_id NOT IN
                           (SELECT application_id FROM applications))))",
        params![org_id, reference],
        |r| r.get(0),
    )?)
}

/// How many rows of the organization's log are older than `before`.
pub(crate) fn count_before(conn: &Connection, org_id: &str, before: &str) -> Result<u64> {
    let n: i64 = conn.query_row(
        "SELECT COUNT(*) FROM audit_log WHERE org_id = ?1 AND at < ?2",
        params![org_id, before],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Deletes the organization's rows older than `before`; returns how many.
pub(crate) fn delete_before(conn: &Connection, org_id: &str, before: &str) -> Result<u64> {
    let n = conn.execute(
        "DELETE FROM audit_log WHERE org_id = ?1 AND at < ?2",
        params![org_id, before],
    )?;
    Ok(n as u64)
}

/// A row of the installation's log: a denial aimed at another
/// organization's object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstallationRow {
    pub id: i64,
    pub at: String,
    pub actor_name: Option<String>,
    /// The organization the actor acted in.
    pub org: Option<String>,
    /// The organization the object belongs to, when it is an application's.
    pub aimed_org: Option<String>,
    pub action: String,
    pub outcome: String,
    pub target_type: Option<String>,
    pub target: Option<String>,
    pub detail: Option<String>,
}

/// Records an event in the installation's log.
pub(crate) fn record_installation(
    conn: &Connection,
    actor: &AuditActor<'_>,
    event: &Event,
    outcome: Outcome,
    aimed_org_id: Option<&str>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO installation_log (at, actor_user_id, actor_name, org_id, aimed_org_id,
             action, target_type, target, outcome, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        now(),
        actor.user_id,
        actor.user_name,
        actor.org_id,
        aimed_org_id,
        event.action,
        event.target_type,
        event.target,
        outcome.as_str(),
        event.detail,
    ])?;
    Ok(())
}

/// The installation's log, newest first, at most `limit` rows (`None`: all),
/// since `since` if given; organizations by name.
pub(crate) fn query_installation(
    conn: &Connection,
    since: Option<&str>,
    limit: Option<u64>,
) -> Result<Vec<InstallationRow>> {
    let limit = limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, l.at, l.actor_name, COALESCE(o.name, l.org_id),
                COALESCE(t.name, l.aimed_org_id), l.action, l.outcome, l.target_type, l.target,
                l.detail
         FROM installation_log l
         LEFT JOIN organizations o ON o.org_id = l.org_id
         LEFT JOIN organizations t ON t.org_id = l.aimed_org_id
         WHERE ?1 IS NULL OR l.at >= ?1
         ORDER BY l.at DESC, l.id DESC
         LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![since, limit], |r| {
        Ok(InstallationRow {
            id: r.get(0)?,
            at: r.get(1)?,
            actor_name: r.get(2)?,
            org: r.get(3)?,
            aimed_org: r.get(4)?,
            action: r.get(5)?,
            outcome: r.get(6)?,
            target_type: r.get(7)?,
            target: r.get(8)?,
            detail: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many rows of the installation's log are older than `before`.
pub(crate) fn count_installation_before(conn: &Connection, before: &str) -> Result<u64> {
    let n: i64 = conn.query_row(
        "SELECT COUNT(*) FROM installation_log WHERE at < ?1",
        [before],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Deletes the installation's rows older than `before`; returns how many.
pub(crate) fn delete_installation_before(conn: &Connection, before: &str) -> Result<u64> {
    let n = conn.execute("DELETE FROM installation_log WHERE at < ?1", [before])?;
    Ok(n as u64)
}
