//! Drift between the database and Traefik's directory: `check` reports it,
//! `sync` repairs it. The expected contents of every file are rendered in
//! memory from the database, exactly as a mutation would write them.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use rusqlite::Connection;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::apps::Application;
use crate::store::credentials::Credential;
use crate::store::{apps, credentials};
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
    apps::with_all(conn, |apps| {
        credentials::with_all_by_app_name(conn, |rows| {
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
        let have = sink.read(app_name)?;
        let finding = |status, detail: &str| Finding {
            path: sink.path_of(app_name),
            app_name: Some(app_name.clone()),
            status,
            detail: detail.to_string(),
        };
        let found = match (&want, have) {
            (Some(_), None) => Some(finding(Status::Missing, "the file does not exist")),
            (Some(want), Some(have)) if *want != have => Some(finding(
                Status::Different,
                "the file differs from the database (edited by hand, or stale)",
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
    for f in &plan.findings {
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

/// `check`: the findings, for an owner of the caller's organization. The
/// directory is shared by every organization, so this is an
/// installation-wide operation.
/// Also returns the applications whose credentials mix hash schemes.
pub fn run_check(session: &crate::session::Session) -> Result<(Vec<Finding>, Vec<String>)> {
    session.read(crate::store::audit::Event::new("check"), |conn, actor| {
        actor.require_installation_owner(conn, "check the Traefik directory")?;
        let mut schemes = crate::credentials::MixedSchemes::default();
        credentials::for_each_hash(conn, |app_name, hash| schemes.add(app_name, hash))?;
        let mixed = schemes.apps();
        let mut findings = check(conn, &session.sink)?;
        for redis in &session.redis {
            findings.extend(crate::redis_sink::check(conn, redis)?);
        }
        Ok((findings, mixed))
    })
}

/// `sync`: repairs drift under the write lock, so no mutation interleaves.
/// With `dry_run`, only reports. Audited with the number of repairs.
pub fn run_sync(session: &mut crate::session::Session, dry_run: bool) -> Result<Vec<Finding>> {
    session.write(crate::store::audit::Event::new("sync"), |m| {
        m.actor
            .require_installation_owner(m.conn(), "sync the Traefik directory")?;
        let plan = plan(m.conn(), m.sink(), !dry_run)?;
        let mut findings = plan.findings.clone();
        if !dry_run && !plan.findings.is_empty() {
            repair(m.sink(), &plan)?;
        }
        for redis in m.redis() {
            let found = crate::redis_sink::check(m.conn(), redis)?;
            if !dry_run {
                crate::redis_sink::repair(m.conn(), redis, &found)?;
            }
            findings.extend(found);
        }
        if !dry_run && !findings.is_empty() {
            m.audit(
                &crate::store::audit::Event::new("sync")
                    .detail(format!("{} file(s) or key set(s) repaired", findings.len())),
            )?;
        }
        Ok(findings)
    })
}

/// What `check` and `sync` look at, for messages: the directory, and the
/// Redis sinks if any.
pub fn targets(session: &crate::session::Session) -> String {
    let dir = session.sink.dir.display().to_string();
    match session.redis.len() {
        0 => dir,
        n => format!("{dir} and {n} Redis sink(s)"),
    }
}
