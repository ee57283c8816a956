//! Reading and pruning the audit log of the active organization. Owners and
//! admins see the whole organization's log; members and viewers only the
//! events on applications granted to them. No event of another organization
//! is ever read: every query is bound to the actor's organization.

use chrono::{DateTime, NaiveDate, Utc};

use crate::auth::Access;
use crate::domain::names;
use crate::domain::session::Session;
use crate::domain::validate::printable;
use crate::error::{Error, Result};
use crate::store::audit::{self, Event};

pub use crate::store::audit::{Outcome, Row};
use crate::store::{applications, timestamp};
use crate::traefik;
pub use crate::traefik::access_log;

/// Parses a point in time: RFC 3339 (`2025-01-31T12:00:00Z`), a date
/// (`2025-01-31`, midnight UTC), or a duration meaning that long ago
/// (`24h`, `7d`, `1h 30m`).
pub fn parse_time(s: &str) -> Result<DateTime<Utc>> {
    parse_time_at(s, crate::clock::now())
}

/// [`parse_time`] relative to `now`.
pub fn parse_time_at(s: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc());
    }
    match humantime::parse_duration(s) {
        Ok(d) => chrono::TimeDelta::from_std(d)
            .ok()
            .and_then(|d| now.checked_sub_signed(d))
            .ok_or_else(|| Error::bad_request(format!("the duration '{s}' is too large"))),
        Err(_) => Err(Error::bad_request(format!(
            "invalid time '{}': give an RFC 3339 time (2025-01-31T12:00:00Z), a date \
             (2025-01-31) or a duration meaning that long ago (24h, 7d)",
            printable(s)
        ))),
    }
}

/// What `authgate audit` selects.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Application id or app name (also the id or app name of a removed
    /// application).
    pub app: Option<String>,
    /// The acting user's name.
    pub user: Option<String>,
    pub action: Option<String>,
    pub outcome: Option<Outcome>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// At most this many events, newest first; `None` for all.
    pub limit: Option<u64>,
}

/// The events of the active organization that the caller may see, newest
/// first.
pub fn list(session: &Session, filters: &Filters) -> Result<Vec<Row>> {
    let mut on_denial = Event::new("audit.list");
    if let Some(app) = &filters.app {
        on_denial = on_denial.target("application", app);
    }
    session.read(on_denial, |conn, actor| {
        let mut removed_app_name = None;
        let application = match &filters.app {
            None => None,
            Some(reference) => match applications::in_org(conn, &actor.org_id, reference)? {
                Some(app) => {
                    actor.check_app_access(conn, &app, Access::Read)?;
                    Some((app.application_id, app.app_name))
                }
                // A removed application lives on only in the log, by id
                // and by the app name its events recorded.
                None if actor.role.manages_org()
                    && audit::mentions_application(conn, &actor.org_id, reference)? =>
                {
                    removed_app_name = Some(reference.clone());
                    Some((reference.clone(), reference.clone()))
                }
                None => {
                    return Err(Error::not_found(format!(
                        "application '{}' not found in organization '{}' or its audit log",
                        printable(reference),
                        actor.org_name
                    )));
                }
            },
        };
        audit::query(
            conn,
            &audit::Query {
                org_id: actor.org_id.clone(),
                granted_to: actor.grant_filter().map(str::to_string),
                application,
                removed_app_name,
                actor_name: filters.user.clone(),
                action: filters.action.clone(),
                outcome: filters.outcome,
                since: filters.since.map(timestamp),
                until: filters.until.map(timestamp),
                limit: filters.limit,
            },
        )
    })
}

/// Deletes the active organization's events older than `before` (owners
/// only), in one transaction with the `audit.prune` event that records it.
/// In a dry-run session, only counts them. Returns how many events (would)
/// go.
pub fn prune(session: &mut Session, before: DateTime<Utc>) -> Result<u64> {
    let before = timestamp(before);
    let on_failure = Event::new("audit.prune").detail(format!("events before {before}"));
    if session.dry_run {
        return session.read(on_failure, |conn, actor| {
            actor.require_owner("prune the audit log")?;
            audit::count_before(conn, &actor.org_id, &before)
        });
    }
    session.write(on_failure, |m| {
        m.actor.require_owner("prune the audit log")?;
        let deleted = audit::delete_before(m.conn(), &m.actor.org_id, &before)?;
        m.audit(
            &Event::new("audit.prune")
                .target("organization", &m.actor.org_id)
                .detail(format!("{deleted} event(s) before {before} deleted")),
        )?;
        Ok(deleted)
    })
}

/// The installation's log (installation owners only): denials aimed at
/// another organization's objects, newest first.
pub fn list_installation(
    session: &Session,
    since: Option<DateTime<Utc>>,
    limit: Option<u64>,
) -> Result<Vec<audit::InstallationRow>> {
    session.read(Event::new("audit.installation"), |conn, actor| {
        actor.require_installation_owner(conn, "read the installation's log")?;
        audit::query_installation(conn, since.map(timestamp).as_deref(), limit)
    })
}

/// Deletes the installation log's events older than `before` (installation
/// owners only), audited in the owner's organization; a dry run counts them.
pub fn prune_installation(session: &mut Session, before: DateTime<Utc>) -> Result<u64> {
    let before = timestamp(before);
    let what = "prune the installation's log";
    let on_failure =
        Event::new("audit.prune").detail(format!("installation events before {before}"));
    if session.dry_run {
        return session.read(on_failure, |conn, actor| {
            actor.require_installation_owner(conn, what)?;
            audit::count_installation_before(conn, &before)
        });
    }
    session.write(on_failure, |m| {
        m.actor.require_installation_owner(m.conn(), what)?;
        let deleted = audit::delete_installation_before(m.conn(), &before)?;
        m.audit(
            &Event::new("audit.prune")
                .target("installation", "installation")
                .detail(format!(
                    "{deleted} installation event(s) before {before} deleted"
                )),
        )?;
        Ok(deleted)
    })
}

/// Which applications a failed-login report covers, each with the exact
/// names of its routers.
pub struct FailureScope {
    /// The caller's applications reported on (one, or all it may see).
    pub reported: Vec<access_log::App>,
}

/// The scope of `audit failures`: `app` if the caller may read it, else
/// every application the caller sees. An application's routers are those
/// authgate publishes for it through each provider it publishes to
/// (`<app>@file`, `<app>.public@redis`, ...) and those it declares: only
/// these exact names count, so that another organization's `shop-admin`
/// (or `shop-router`) is never counted as `shop`.
pub fn failure_scope(session: &Session, app: Option<&str>) -> Result<FailureScope> {
    let mut on_denial = Event::new("audit.failures");
    if let Some(app) = app {
        on_denial = on_denial.target("application", app);
    }
    let providers = session.providers();
    session.read(on_denial, |conn, actor| {
        let reported = match app {
            Some(reference) => vec![actor.authorize_app(conn, reference, Access::Read)?],
            None => applications::list(conn, &actor.org_id, actor.grant_filter())?,
        };
        let reported = reported
            .into_iter()
            .map(|a| {
                let mut routers: Vec<String> = traefik::router_names(&a.app_name)
                    .into_iter()
                    .flat_map(|name| providers.iter().map(move |p| format!("{name}@{p}")))
                    .collect();
                routers.extend(names::declared_routers(conn, &a.application_id)?);
                Ok(access_log::App {
                    application_id: a.application_id,
                    app_name: a.app_name,
                    routers,
                })
            })
            .collect::<Result<_>>()?;
        Ok(FailureScope { reported })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_rfc3339_dates_or_durations_ago() {
        let now = DateTime::parse_from_rfc3339("2025-03-10T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let at = |s: &str| timestamp(parse_time_at(s, now).unwrap());
        assert_eq!(at("2025-01-31T12:00:00+01:00"), "2025-01-31T11:00:00.000Z");
        assert_eq!(at("2025-01-31"), "2025-01-31T00:00:00.000Z");
        assert_eq!(at("24h"), "2025-03-09T12:00:00.000Z");
        assert_eq!(at("7d"), "2025-03-03T12:00:00.000Z");
        assert_eq!(at("1h 30m"), "2025-03-10T10:30:00.000Z");
        for bad in ["", "yesterday", "7 parsecs", "2025-13-01"] {
            assert!(parse_time_at(bad, now).is_err(), "{bad}");
        }
    }
}
