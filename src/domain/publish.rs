//! Rendering applications from the database and handing them to the sinks:
//! one application (`publish`, for mutations), every one (`compare`, for
//! `check`, `sync` and a new sink), and what a process that died in the
//! middle of a mutation left behind (`republish`). ARCHITECTURE.md, "The
//! unit of work" and "Sinks".

use rusqlite::Connection;

use crate::domain::progress::{Progress, Silent};
use crate::error::Result;
use crate::sinks::{Finding, Sink};
use crate::store::applications::{self, Application};
use crate::store::credentials::{self, Credential};
use crate::store::intents::EVERY_APPLICATION;
use crate::traefik::{self, DynamicConfig};

/// Renders an application from `conn`'s state and publishes it to every
/// sink, once each has agreed that the application's place is authgate's.
/// `changed(i)` is called once sink `i` holds the new configuration: a sink
/// that fails has changed nothing (each publishes atomically), so a failure
/// is restored in exactly the sinks that changed.
pub fn publish(
    conn: &Connection,
    sinks: &[Box<dyn Sink>],
    app: &Application,
    mut changed: impl FnMut(usize),
) -> Result<()> {
    let config = render(conn, sinks, app)?;
    for (i, sink) in sinks.iter().enumerate() {
        sink.publish(app, config.as_ref())?;
        changed(i);
    }
    Ok(())
}

/// What [`publish`] gives every sink (and a dry run previews): the
/// application rendered from `conn`'s state, once each sink has agreed
/// that the application's place is authgate's, with its next expiry
/// recorded.
pub fn render(
    conn: &Connection,
    sinks: &[Box<dyn Sink>],
    app: &Application,
) -> Result<Option<DynamicConfig>> {
    for sink in sinks {
        sink.prepare(&app.app_name)?;
    }
    let credentials = credentials::of_app(conn, &app.application_id)?;
    let now = crate::store::now();
    let config = traefik::render(app, &credentials, &now);
    // When `authgate expire` must publish it again: the earliest expiry
    // among the credentials published now.
    let next_expiry = credentials
        .iter()
        .filter_map(|c| c.expires_at.as_deref())
        .filter(|at| *at > now.as_str())
        .min();
    applications::set_next_expiry(conn, &app.application_id, next_expiry)?;
    Ok(config)
}

/// Removes what the sinks hold under an app name that no longer exists.
pub fn unpublish(
    sinks: &[Box<dyn Sink>],
    app_name: &str,
    mut changed: impl FnMut(usize),
) -> Result<()> {
    for (i, sink) in sinks.iter().enumerate() {
        sink.unpublish(app_name)?;
        changed(i);
    }
    Ok(())
}

/// Publishes what `conn` holds under `app_name` to `sinks`: the
/// application's configuration, or nothing if no application has the name.
pub fn publish_by_name(conn: &Connection, sinks: &[Box<dyn Sink>], app_name: &str) -> Result<()> {
    match applications::by_app_name(conn, app_name)? {
        Some(app) => publish(conn, sinks, &app, |_| {}),
        None => unpublish(sinks, app_name, |_| {}),
    }
}

/// Publishes again, from `conn`'s state, the applications named by the
/// intents of a mutation that did not finish; [`EVERY_APPLICATION`] repairs
/// every sink as `sync` does. Returns the app names published.
pub fn republish(
    conn: &Connection,
    sinks: &[Box<dyn Sink>],
    app_names: &[String],
) -> Result<Vec<String>> {
    if app_names.iter().any(|n| n == EVERY_APPLICATION) {
        compare(conn, sinks, true, &Silent)?;
        return Ok(vec![EVERY_APPLICATION.to_string()]);
    }
    for name in app_names {
        publish_by_name(conn, sinks, name)?;
    }
    Ok(app_names.to_vec())
}

/// Calls `f` with every application, in app-name order, and the
/// configuration it should have (`None`: nothing to route or protect). Two
/// queries in all, whatever the number of applications: the applications,
/// and every credential sorted by app name then username, merged as they
/// are read (rather than one query per application). Nothing is kept once
/// `f` returns.
fn for_each_expected(
    conn: &Connection,
    mut f: impl FnMut(&Application, Option<&DynamicConfig>) -> Result<()>,
) -> Result<()> {
    let now = crate::store::now();
    applications::with_all(conn, |apps| {
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
                f(&app, traefik::render(&app, &creds, &now).as_ref())?;
            }
            Ok(())
        })
    })
}

/// Compares every sink with the database in one pass, and with `repair`
/// mends what it can. Read-only without `repair`. `progress` counts the
/// applications compared; the repair that follows is a stage of unknown
/// length.
pub fn compare(
    conn: &Connection,
    sinks: &[Box<dyn Sink>],
    repair: bool,
    progress: &dyn Progress,
) -> Result<Vec<Finding>> {
    let mut comparisons = sinks
        .iter()
        .map(|s| s.compare())
        .collect::<Result<Vec<_>>>()?;
    progress.start(applications::count(conn)?, "comparing applications");
    for_each_expected(conn, |app, config| {
        comparisons
            .iter_mut()
            .try_for_each(|c| c.expect(app, config))?;
        progress.advance(1);
        Ok(())
    })?;
    if repair {
        // Writing what differs is the sinks' own work, of unknown length.
        progress.start(0, "repairing");
    }
    let mut findings = Vec::new();
    for comparison in comparisons {
        findings.extend(comparison.finish(repair)?);
    }
    progress.finish();
    Ok(findings)
}
