//! Drift between the database and Traefik's directory: `check` reports it,
//! `sync` repairs it. The expected contents of every file are rendered in
//! memory from the database, exactly as a mutation would write them.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use rusqlite::Connection;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::applications::Application;
use crate::store::security::Credential;
use crate::store::{applications, security};
use crate::traefik::{self, FileSink};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The application should have a file and has none.
    Missing,
    /// The file differs from what the database renders (edited by hand,
    /// stale, or present although the application should have none).
    Different,
    /// An authgate file for which no application exists.
    Orphaned,
    /// A temp file left by an interrupted write.
    Temp,
    /// A file authgate did not write holds an application's name; it is
    /// never overwritten or removed.
    Foreign,
    /// A file authgate did not write that Traefik cannot load: it freezes
    /// the whole directory.
    Unloadable,
    /// A router authgate did not write routes a host of an application.
    Shadowing,
    /// Several applications route one host (a registry from before hosts
    /// had one owner).
    SharedHost,
}

impl Status {
    /// Whether `sync` repairs it; the others are the operator's to resolve.
    pub fn is_repairable(self) -> bool {
        matches!(
            self,
            Status::Missing | Status::Different | Status::Orphaned | Status::Temp
        )
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub path: PathBuf,
    pub app_name: Option<String>,
    pub status: Status,
    pub detail: String,
}

/// Calls `f` with every application, in app-name order, and the contents
/// its file should have (`None`: no file), rendered exactly as a mutation
/// would write them. Two queries in all, whatever the number of
/// applications: the applications, and every credential sorted by app name
/// then username, merged as they are read (rather than one query per
/// application). Nothing is kept once `f` returns.
fn for_each_expected(
    conn: &Connection,
    mut f: impl FnMut(&Application, Option<String>) -> Result<()>,
) -> Result<()> {
    applications::with_all(conn, |apps| {
        security::with_all_by_app_name(conn, |rows| {
            let mut rows = rows.peekable();
            let mut creds: Vec<Credential> = Vec::new();
            for app in apps {
                let app = app?;
                creds.clear();
                // Both are sorted by app name, and every credential has an
                // application: the next rows are this application's, if any.
                while let Some(row) = rows.next_if(|row| {
                    row.as_ref()
                        .map_or(true, |row| row.app_name <= app.app_name)
                }) {
                    let row = row?;
                    if row.app_name == app.app_name {
                        creds.push(row.credential);
                    }
                }
                let text = traefik::render(&app, &creds)
                    .map(|config| traefik::to_yaml(&app, &config))
                    .transpose()?;
                f(&app, text)?;
            }
            Ok(())
        })
    })
}

/// Whether a directory entry is one of authgate's temp files
/// (`.<app>.yml.<random>.tmp`), which Traefik does not load.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp") && name.contains(".yml.")
}

/// The findings, and for `sync` the contents of the files to rewrite.
#[derive(Default)]
struct Plan {
    findings: Vec<Finding>,
    /// App name → what its file should hold, for the findings that need a
    /// file written (only kept when asked for).
    contents: HashMap<String, String>,
}

/// Compares the directory with the database. Read-only.
pub fn check(conn: &Connection, sink: &FileSink) -> Result<Vec<Finding>> {
    Ok(plan(conn, sink, false)?.findings)
}

fn plan(conn: &Connection, sink: &FileSink, keep_contents: bool) -> Result<Plan> {
    let mut plan = Plan::default();
    let mut known = HashSet::new();
    for_each_expected(conn, |app, want| {
        let app_name = &app.app_name;
        known.insert(app_name.clone());
        let finding = |status, detail: &str| Finding {
            path: sink.path_of(app_name),
            app_name: Some(app_name.clone()),
            status,
            detail: detail.to_string(),
        };
        if sink.is_foreign(app_name)? {
            plan.findings.push(finding(
                Status::Foreign,
                "a file authgate did not write has this application's name; authgate leaves it alone: move it away, then run `authgate sync`",
            ));
            return Ok(());
        }
        let have = sink.read(app_name)?;
        let found = match (&want, have) {
            (Some(_), None) => Some(finding(Status::Missing, "the file does not exist")),
            (Some(want), Some(have)) if *want != have => Some(finding(
                Status::Different,
                &format!(
                    "the file differs from the database (edited by hand, or stale): {}",
                    describe_difference(want, &have)
                ),
            )),
            (None, Some(_)) => Some(finding(
                Status::Different,
                "the application has nothing to route or protect, so it should have no file",
            )),
            _ => None,
        };
        if let Some(found) = found {
            plan.findings.push(found);
            if keep_contents && let Some(want) = want {
                plan.contents.insert(app_name.clone(), want);
            }
        }
        Ok(())
    })?;
    let entries = std::fs::read_dir(&sink.dir).map_err(|e| {
        Error::internal(format!("cannot read directory {}: {e}", sink.dir.display()))
    })?;
    let mut extra = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| {
            Error::internal(format!("cannot read directory {}: {e}", sink.dir.display()))
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_temp_name(&name) {
            extra.push(Finding {
                path: entry.path(),
                app_name: None,
                status: Status::Temp,
                detail: "temp file left by an interrupted write".to_string(),
            });
        } else if let Some(app_name) = name.strip_suffix(".yml")
            && !known.contains(app_name)
            && is_authgate_file(&entry.path())
        {
            extra.push(Finding {
                path: entry.path(),
                app_name: Some(app_name.to_string()),
                status: Status::Orphaned,
                detail: "authgate file for which no application exists".to_string(),
            });
        }
    }
    extra.sort_by(|a, b| a.path.cmp(&b.path));
    plan.findings.extend(extra);
    Ok(plan)
}

/// Only files that start with authgate's header are ever removed.
fn is_authgate_file(path: &std::path::Path) -> bool {
    std::fs::read_to_string(path)
        .map(|text| text.starts_with(traefik::HEADER))
        .unwrap_or(false)
}

/// Repairs every finding: rewrites or removes application files, removes
/// orphans and temp files. The files to rewrite are written together (see
/// [`FileSink::write_many`]): each through its own fsynced temp file and
/// rename, the directory fsynced once.
fn repair(sink: &FileSink, plan: &Plan) -> Result<()> {
    let writes: Vec<(&str, &str)> = plan
        .findings
        .iter()
        .filter_map(|f| {
            let app_name = f.app_name.as_deref()?;
            let text = plan.contents.get(app_name)?;
            matches!(f.status, Status::Missing | Status::Different)
                .then_some((app_name, text.as_str()))
        })
        .collect();
    sink.write_many(&writes)?;
    for f in plan.findings.iter().filter(|f| f.status.is_repairable()) {
        match (f.status, &f.app_name) {
            (Status::Missing | Status::Different, Some(app_name)) => {
                if !plan.contents.contains_key(app_name) {
                    sink.remove(app_name)?;
                }
            }
            (Status::Orphaned, Some(app_name)) => sink.remove(app_name)?,
            _ => std::fs::remove_file(&f.path).or_else(|e| {
                if e.kind() == std::io::ErrorKind::NotFound {
                    Ok(())
                } else {
                    Err(Error::internal(format!(
                        "cannot remove {}: {e}",
                        f.path.display()
                    )))
                }
            })?,
        }
    }
    Ok(())
}

/// What `check` and `sync` report beyond drift: the files authgate did not
/// write that break or shadow its routing, and hosts several applications
/// route.
fn shared_ground(conn: &Connection, sink: &FileSink) -> Result<Vec<Finding>> {
    let mut findings = Vec::new();
    for file in crate::domain::foreign::scan(conn, &sink.dir)? {
        let (status, app_name, detail) = match file.problem {
            crate::domain::foreign::Problem::Unloadable(why) => (
                Status::Unloadable,
                None,
                format!(
                    "Traefik cannot load this file, which freezes every change in the directory: {why}"
                ),
            ),
            crate::domain::foreign::Problem::Shadowing {
                router,
                host,
                app_name,
            } => {
                let detail = format!(
                    "router '{router}' routes {host}, which application '{app_name}' routes in {}: Traefik may serve the host through either router",
                    sink.path_of(&app_name).display()
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
    for (domain, holders) in applications::shared_domains(conn)? {
        findings.push(Finding {
            path: sink.path_of(&holders[0]),
            app_name: Some(holders[0].clone()),
            status: Status::SharedHost,
            detail: format!(
                "{domain} is routed by several applications ({}): a host can have one application only; change the domains of all but one",
                holders.join(", ")
            ),
        });
    }
    Ok(findings)
}

/// `check`: the findings, for an owner of the caller's organization. The
/// directory is shared by every organization, so this is an
/// installation-wide operation.
/// Also returns the applications whose credentials mix hash schemes.
pub fn run_check(session: &crate::domain::session::Session) -> Result<(Vec<Finding>, Vec<String>)> {
    session.read(crate::store::audit::Event::new("check"), |conn, actor| {
        actor.require_installation_owner(conn, "check the Traefik directory")?;
        let mut schemes = crate::domain::credentials::MixedSchemes::default();
        security::for_each_hash(conn, |app_name, hash| schemes.add(app_name, hash))?;
        let mixed = schemes.apps();
        let mut findings = check(conn, &session.sink)?;
        for redis in &session.redis {
            findings.extend(crate::sinks::redis::check(conn, redis)?);
        }
        findings.extend(shared_ground(conn, &session.sink)?);
        Ok((findings, mixed))
    })
}

/// `sync`: repairs drift under the write lock, so no mutation interleaves.
/// With `dry_run`, only reports. Audited with the number of repairs. What
/// only the operator can resolve (files authgate did not write, shared
/// hosts) is reported and left alone.
pub fn run_sync(
    session: &mut crate::domain::session::Session,
    dry_run: bool,
) -> Result<Vec<Finding>> {
    session.write(crate::store::audit::Event::new("sync"), |m| {
        m.actor
            .require_installation_owner(m.conn(), "sync the Traefik directory")?;
        let plan = plan(m.conn(), m.sink(), !dry_run)?;
        let mut findings = plan.findings.clone();
        if !dry_run && !plan.findings.is_empty() {
            repair(m.sink(), &plan)?;
        }
        for redis in m.redis() {
            let found = crate::sinks::redis::check(m.conn(), redis)?;
            if !dry_run {
                crate::sinks::redis::repair(m.conn(), redis, &found)?;
            }
            findings.extend(found);
        }
        let repaired = findings.iter().filter(|f| f.status.is_repairable()).count();
        findings.extend(shared_ground(m.conn(), m.sink())?);
        if !dry_run && repaired > 0 {
            m.audit(
                &crate::store::audit::Event::new("sync")
                    .detail(format!("{repaired} file(s) or key set(s) repaired")),
            )?;
        }
        Ok(findings)
    })
}

/// What differs between the file authgate would write (`want`) and the one
/// in the directory (`have`), for operators: the users added or removed
/// (usernames only, never a hash), the router rules, the service URLs.
pub fn describe_difference(want: &str, have: &str) -> String {
    let parse = |text: &str| serde_norway::from_str::<serde_json::Value>(text).ok();
    let (Some(want), Some(have)) = (parse(want), parse(have)) else {
        return "the file is not valid YAML".to_string();
    };
    describe_values(&want["http"], &have["http"])
}

/// [`describe_difference`] on the `http` sections of two configurations.
pub fn describe_values(want: &serde_json::Value, have: &serde_json::Value) -> String {
    use serde_json::Value;
    let mut parts = Vec::new();
    let names = |v: &Value, kind: &str| -> Vec<String> {
        v[kind]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    };
    for kind in ["routers", "services", "middlewares"] {
        let (w, h) = (names(want, kind), names(have, kind));
        for extra in h.iter().filter(|n| !w.contains(n)) {
            parts.push(format!("{kind} has '{extra}', which the database does not"));
        }
        for missing in w.iter().filter(|n| !h.contains(n)) {
            parts.push(format!("{kind} lacks '{missing}'"));
        }
    }
    let routers = want["routers"].as_object().into_iter().flatten();
    for (name, router) in routers {
        let theirs = &have["routers"][name];
        if theirs.is_null() {
            continue;
        }
        for field in ["rule", "service", "middlewares", "entryPoints", "tls"] {
            if router[field] != theirs[field] {
                parts.push(format!(
                    "router '{name}' {field} is {}, the database says {}",
                    shown(&theirs[field]),
                    shown(&router[field])
                ));
            }
        }
    }
    let services = want["services"].as_object().into_iter().flatten();
    for (name, service) in services {
        let theirs = &have["services"][name];
        if !theirs.is_null() && service != theirs {
            parts.push(format!(
                "service '{name}' servers are {}, the database says {}",
                shown(&theirs["loadBalancer"]["servers"]),
                shown(&service["loadBalancer"]["servers"])
            ));
        }
    }
    let middlewares = want["middlewares"].as_object().into_iter().flatten();
    for (name, middleware) in middlewares {
        let theirs = &have["middlewares"][name];
        if theirs.is_null() {
            continue;
        }
        let users = |v: &Value| -> Vec<(String, String)> {
            v["basicAuth"]["users"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(|e| match e.split_once(':') {
                    Some((u, h)) => (u.to_string(), h.to_string()),
                    None => (e.to_string(), String::new()),
                })
                .collect()
        };
        let (w, h) = (users(middleware), users(theirs));
        let listed = |list: Vec<&String>| {
            list.iter()
                .map(|u| format!("'{}'", crate::domain::validate::printable(u)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let added: Vec<&String> = h
            .iter()
            .filter(|(u, _)| !w.iter().any(|(x, _)| x == u))
            .map(|(u, _)| u)
            .collect();
        let removed: Vec<&String> = w
            .iter()
            .filter(|(u, _)| !h.iter().any(|(x, _)| x == u))
            .map(|(u, _)| u)
            .collect();
        let rehashed: Vec<&String> = w
            .iter()
            .filter(|(u, hash)| h.iter().any(|(x, y)| x == u && y != hash))
            .map(|(u, _)| u)
            .collect();
        if !added.is_empty() {
            parts.push(format!("users not in the database: {}", listed(added)));
        }
        if !removed.is_empty() {
            parts.push(format!("users missing: {}", listed(removed)));
        }
        if !rehashed.is_empty() {
            parts.push(format!("users with another hash: {}", listed(rehashed)));
        }
        for field in ["realm", "removeHeader"] {
            if middleware["basicAuth"][field] != theirs["basicAuth"][field] {
                parts.push(format!(
                    "middleware '{name}' {field} is {}, the database says {}",
                    shown(&theirs["basicAuth"][field]),
                    shown(&middleware["basicAuth"][field])
                ));
            }
        }
    }
    if parts.is_empty() {
        "only its text differs (comments or layout)".to_string()
    } else {
        parts.join("; ")
    }
}

/// A value for a message; hashes never reach here (users are split first).
fn shown(value: &serde_json::Value) -> String {
    if value.is_null() {
        "absent".to_string()
    } else {
        crate::domain::validate::printable(&value.to_string())
    }
}

/// What `check` and `sync` look at, for messages: the directory, and the
/// Redis sinks if any.
pub fn targets(session: &crate::domain::session::Session) -> String {
    let dir = session.sink.dir.display().to_string();
    match session.redis.len() {
        0 => dir,
        n => format!("{dir} and {n} Redis sink(s)"),
    }
}
