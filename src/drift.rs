//! Drift between the database and Traefik's directory: `check` reports it,
//! `sync` repairs it. The expected contents of every file are rendered in
//! memory from the database, exactly as a mutation would write them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rusqlite::Connection;
use serde::Serialize;

use crate::error::{Error, Result};
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

/// Expected file contents per app name; `None` means "no file".
fn expected(conn: &Connection) -> Result<BTreeMap<String, Option<String>>> {
    let mut out = BTreeMap::new();
    for app in apps::all(conn)? {
        let creds = credentials::of_app(conn, &app.application_id)?;
        let text = traefik::render(&app, &creds)
            .map(|config| traefik::to_yaml(&app, &config))
            .transpose()?;
        out.insert(app.app_name.clone(), text);
    }
    Ok(out)
}

/// Whether a directory entry is one of authgate's temp files
/// (`.<app>.yml.<random>.tmp`), which Traefik does not load.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp") && name.contains(".yml.")
}

/// Compares the directory with the database. Read-only.
pub fn check(conn: &Connection, sink: &FileSink) -> Result<Vec<Finding>> {
    let expected = expected(conn)?;
    let mut findings = Vec::new();
    for (app_name, want) in &expected {
        let path = sink.path_of(app_name);
        let have = sink.read(app_name)?;
        let finding = |status, detail: &str| Finding {
            path: path.clone(),
            app_name: Some(app_name.clone()),
            status,
            detail: detail.to_string(),
        };
        match (want, have) {
            (Some(_), None) => findings.push(finding(Status::Missing, "the file does not exist")),
            (Some(want), Some(have)) if *want != have => findings.push(finding(
                Status::Different,
                "the file differs from the database (edited by hand, or stale)",
            )),
            (None, Some(_)) => findings.push(finding(
                Status::Different,
                "the application has nothing to route or protect, so it should have no file",
            )),
            _ => {}
        }
    }
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
            && !expected.contains_key(app_name)
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
    findings.extend(extra);
    Ok(findings)
}

/// Only files that start with authgate's header are ever removed.
fn is_authgate_file(path: &std::path::Path) -> bool {
    std::fs::read_to_string(path)
        .map(|text| text.starts_with(traefik::HEADER))
        .unwrap_or(false)
}

/// Repairs every finding: rewrites or removes application files, removes
/// orphans and temp files. Returns what was done (the findings).
pub fn repair(conn: &Connection, sink: &FileSink, findings: &[Finding]) -> Result<()> {
    for f in findings {
        match (f.status, &f.app_name) {
            (Status::Missing | Status::Different, Some(app_name)) => {
                match apps::by_app_name(conn, app_name)? {
                    Some(app) => crate::session::publish(conn, sink, &app)?,
                    None => sink.remove(app_name)?,
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
        actor.require_owner("check the Traefik directory")?;
        let hashes = credentials::all_hashes(conn)?;
        let mixed = crate::credentials::mixed_scheme_apps(
            hashes.iter().map(|(a, h)| (a.as_str(), h.as_str())),
        );
        Ok((check(conn, &session.sink)?, mixed))
    })
}

/// `sync`: repairs drift under the write lock, so no mutation interleaves.
/// With `dry_run`, only reports. Audited with the number of repairs.
pub fn run_sync(session: &mut crate::session::Session, dry_run: bool) -> Result<Vec<Finding>> {
    session.write(crate::store::audit::Event::new("sync"), |m| {
        m.actor.require_owner("sync the Traefik directory")?;
        let findings = check(m.conn(), m.sink())?;
        if !dry_run && !findings.is_empty() {
            repair(m.conn(), m.sink(), &findings)?;
            m.audit(
                &crate::store::audit::Event::new("sync")
                    .detail(format!("{} file(s) repaired", findings.len())),
            )?;
        }
        Ok(findings)
    })
}
