//! Drift between the database and what Traefik is given: `check` reports
//! it, `sync` repairs it. Every sink is compared in one pass over the
//! database, rendered exactly as a mutation would publish it; beyond that,
//! the shared ground is looked at: files authgate did not write, and hosts
//! that several applications route.

use std::path::Path;

use rusqlite::Connection;

use crate::domain::foreign::{self, Problem};
use crate::domain::progress::Progress;
use crate::domain::publish::compare;
use crate::domain::session::{Publishes, Session};
use crate::domain::upstreams;
use crate::domain::validate;
use crate::error::Result;
use crate::store::applications;
use crate::store::audit::Event;
use crate::store::credentials;

pub use crate::sinks::{Finding, Status};

/// What `check` and `sync` report beyond drift: the files authgate did not
/// write that break or shadow its routing, stored values that today's input
/// rules refuse, hosts several applications route, and upstreams that
/// several organizations use or that their organization may not reach.
/// Only the operator can resolve them.
fn shared_ground(
    conn: &Connection,
    sinks: &[Box<dyn crate::sinks::Sink>],
    dir: &Path,
) -> Result<Vec<Finding>> {
    let path_of = |app_name: &str| dir.join(format!("{app_name}.yml"));
    let mut findings = Vec::new();
    let sinks: Vec<&dyn crate::sinks::Sink> = sinks.iter().map(|s| s.as_ref()).collect();
    for file in foreign::scan(conn, &sinks)? {
        let (status, app_name, detail) = match file.problem {
            Problem::Unloadable(why) => (
                Status::Unloadable,
                None,
                format!(
                    "Traefik cannot load this file, which freezes every change in the directory: {why}"
                ),
            ),
            Problem::Shadowing {
                router,
                host,
                app_name,
            } => {
                let detail = format!(
                    "router '{router}', which authgate did not write, routes {host}, which application '{app_name}' routes: Traefik may serve the host through it, without the application's authentication; remove the router or its host"
                );
                (Status::Shadowing, Some(app_name), detail)
            }
            Problem::Bypassing {
                router,
                host,
                app_name,
            } => {
                let detail = format!(
                    "router '{router}', which authgate did not write, routes {host}, which application '{app_name}' declares, without its middleware '{app_name}-auth': Traefik serves the host through it without authentication; add the middleware to the router or remove its host"
                );
                (Status::Shadowing, Some(app_name), detail)
            }
        };
        findings.push(Finding {
            path: file.path,
            app_name,
            status,
            detail,
        });
    }
    findings.extend(refused_values(conn, dir)?);
    for (domain, holders) in applications::shared_domains(conn)? {
        findings.push(Finding {
            path: path_of(&holders[0]),
            app_name: Some(holders[0].clone()),
            status: Status::SharedHost,
            detail: format!(
                "{domain} is routed by several applications ({}): a host can have one application only; change the domains of all but one",
                holders.join(", ")
            ),
        });
    }
    for conflict in upstreams::conflicts(conn)? {
        findings.push(Finding {
            path: path_of(&conflict.app_name),
            status: if conflict.shared {
                Status::SharedUpstream
            } else {
                Status::ForbiddenUpstream
            },
            app_name: Some(conflict.app_name),
            detail: conflict.detail,
        });
    }
    Ok(findings)
}

/// The values stored before today's input rules that those rules refuse
/// (ARCHITECTURE.md, "Input rules"): upstreams, realms and display names
/// of applications, usernames of credentials. They are rendered as they
/// are stored; a change to such an application is refused until it
/// replaces the value, and such a username stays until it is renamed.
fn refused_values(conn: &Connection, dir: &Path) -> Result<Vec<Finding>> {
    let mut findings = Vec::new();
    let mut push = |app_name: &str, what: String, remedy: &str| {
        findings.push(Finding {
            path: dir.join(format!("{app_name}.yml")),
            app_name: Some(app_name.to_string()),
            status: Status::Refused,
            detail: format!(
                "stored before today's input rules, which refuse it: {what}; it is published as stored, and {remedy}"
            ),
        });
    };
    applications::with_all(conn, |apps| {
        for app in apps {
            let app = app?;
            let mut problems: Vec<String> = app
                .upstreams
                .iter()
                .filter_map(|u| validate::upstream(u).err())
                .chain(app.realm.iter().filter_map(|r| validate::realm(r).err()))
                .map(|e| e.to_string())
                .collect();
            if let Some(c) = validate::invisible(&app.name) {
                problems.push(format!(
                    "display name '{}' contains {}",
                    validate::printable(&app.name),
                    validate::code_point(c)
                ));
            }
            for problem in problems {
                push(
                    &app.app_name,
                    problem,
                    "any change to the application must replace it",
                );
            }
        }
        Ok(())
    })?;
    credentials::with_all_by_app_name(conn, |rows| {
        for row in rows {
            let row = row?;
            if let Err(e) = validate::username(&row.credential.username) {
                push(
                    &row.app_name,
                    e.to_string(),
                    "it stays until the credential gets a new username",
                );
            }
        }
        Ok(())
    })?;
    Ok(findings)
}

/// A file or key set that differs only because a credential expired and
/// `authgate expire` has not run since: say so, rather than that it was
/// edited by hand.
fn expiry_due(conn: &Connection, findings: &mut [Finding]) -> Result<()> {
    let due = applications::due_for_expiry(conn, &crate::store::now())?;
    for finding in findings.iter_mut() {
        if finding.status != Status::Different {
            continue;
        }
        if let Some((_, since)) = due
            .iter()
            .find(|(app, _)| finding.app_name.as_deref() == Some(app.app_name.as_str()))
        {
            finding.status = Status::ExpiryDue;
            finding.detail = format!(
                "a credential expired at {since} and is still published: `authgate expire` withdraws it (run it from cron)"
            );
        }
    }
    Ok(())
}

/// Every change a sink missed while it was down.
fn pending_findings(conn: &Connection) -> Result<Vec<Finding>> {
    Ok(crate::store::pending::all(conn)?
        .into_iter()
        .map(|p| Finding {
            path: std::path::PathBuf::from(format!("sink:{}", p.sink)),
            detail: format!(
                "missed while the sink was down (since {}: {}); the next publishing command or `authgate sync` publishes it there",
                p.since, p.reason
            ),
            app_name: Some(p.app_name),
            status: Status::Pending,
        })
        .collect())
}

/// What `check` found.
pub struct CheckReport {
    pub findings: Vec<Finding>,
    /// Applications whose credentials mix hash schemes.
    pub mixed_schemes: Vec<String>,
    /// Credentials let through below the strength policy (`--allow-weak`).
    pub weak_credentials: i64,
}

/// `check`: the findings, for installation owners (the directory and the
/// sinks serve every organization). `progress` counts the applications
/// compared.
pub fn run_check(session: &Session, progress: &dyn Progress) -> Result<CheckReport> {
    session.read(Event::new("check"), |conn, actor| {
        actor.require_installation_owner(conn, "check the Traefik directory")
    })?;
    // Under the write lock, which every writer holds from its first sink
    // write to its commit: what the sinks hold then is the database's state
    // or a real drift, never a live writer's change in flight (nor its temp
    // file). Writers wait for it (SQLite's busy timeout).
    let conn = session.conn();
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let compared = (|| -> Result<(Vec<Finding>, Vec<String>, i64)> {
        let mut schemes = crate::domain::password::scheme::MixedSchemes::default();
        credentials::for_each_hash(conn, |app_name, hash| schemes.add(app_name, hash))?;
        let mut findings = pending_findings(conn)?;
        findings.extend(compare(conn, &session.sinks, false, progress)?);
        expiry_due(conn, &mut findings)?;
        findings.extend(shared_ground(conn, &session.sinks, &session.traefik_dir)?);
        Ok((findings, schemes.apps(), credentials::count_weak(conn)?))
    })();
    // Read only: nothing to keep.
    conn.execute_batch("ROLLBACK")?;
    let (mut findings, mixed_schemes, weak_credentials) = compared?;
    for f in crate::domain::served::not_served(conn, &session.providers())? {
        findings.push(Finding {
            path: std::path::PathBuf::from(format!("traefik:{}", f.instance)),
            app_name: (f.app_name != "-").then_some(f.app_name),
            status: Status::NotServed,
            detail: format!("{}: {}", f.state, f.detail),
        });
    }
    Ok(CheckReport {
        findings,
        mixed_schemes,
        weak_credentials,
    })
}

/// `sync`: repairs drift under the write lock, so no mutation interleaves.
/// In a dry-run session, only reports. Audited with the number of repairs. What
/// only the operator can resolve (files authgate did not write, shared
/// hosts) is reported and left alone. `progress` counts the applications
/// compared, then the repair.
pub fn run_sync(session: &mut Session, progress: &dyn Progress) -> Result<Vec<Finding>> {
    let dir = session.traefik_dir.clone();
    let dry_run = session.dry_run;
    // A repair killed halfway is finished by the next command (a dry run
    // commits no intent).
    session.write_publishing(
        |_| Ok(Publishes::Everything),
        Event::new("sync"),
        |m| {
            m.actor
                .require_installation_owner(m.conn(), "sync the Traefik directory")?;
            // Caught up already when the sinks answered (the unit of work
            // does it first); what is still pending is said, and the
            // comparison below repairs it.
            let mut findings = pending_findings(m.conn())?;
            findings.extend(compare(m.conn(), m.sinks(), !dry_run, progress)?);
            if !dry_run {
                applications::reset_next_expiries(m.conn(), &crate::store::now())?;
                crate::store::pending::clear(m.conn())?;
            }
            let repaired = findings.iter().filter(|f| f.status.is_repairable()).count();
            if !dry_run && repaired > 0 {
                m.audit(
                    &Event::new("sync")
                        .detail(format!("{repaired} file(s) or key set(s) repaired")),
                )?;
            }
            findings.extend(shared_ground(m.conn(), m.sinks(), &dir)?);
            Ok(findings)
        },
    )
}

/// What `check` and `sync` look at, for messages: the directory, and the
/// other sinks if any.
pub fn targets(session: &Session) -> String {
    let dir = session.traefik_dir.display().to_string();
    match session.sinks.len() {
        0 | 1 => dir,
        n => format!("{dir} and {} other sink(s)", n - 1),
    }
}
