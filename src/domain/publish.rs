//! Rendering applications from the database and handing them to the sinks:
//! one application (`publish`, for mutations), every one (`compare`, for
//! `check`, `sync` and a new sink), and what a process that died in the
//! middle of a mutation left behind (`republish`). ARCHITECTURE.md, "The
//! unit of work" and "Sinks".

use std::collections::BTreeMap;

use rusqlite::Connection;

use crate::domain::accepted;
use crate::domain::progress::{Progress, Silent};
use crate::error::{Error, Kind, Result};
use crate::sinks::{Finding, Sink};
use crate::store::applications::{self, Application};
use crate::store::credentials::{self, Credential};
use crate::store::intents::EVERY_APPLICATION;
use crate::store::shared;
use crate::traefik::{self, DynamicConfig};

/// The key-value sinks found down during a command, and the publishes
/// they missed. A sink that does not answer is skipped from then on (it
/// costs the command one timeout, not one per application), and the change
/// goes on everywhere else: a revocation is in force on every other node at
/// once. The directory is never down: a change that cannot reach the
/// directory Traefik watches fails.
#[derive(Debug, Default)]
pub struct Down {
    /// Sink index → why it is down.
    sinks: BTreeMap<usize, String>,
    /// (sink index, app name) of every publish a sink missed.
    pub missed: Vec<(usize, String)>,
}

impl Down {
    /// Whether sink `i` is known to be down.
    pub fn is_down(&self, i: usize) -> bool {
        self.sinks.contains_key(&i)
    }

    /// Why sink `i` is down.
    pub fn reason(&self, i: usize) -> Option<&str> {
        self.sinks.get(&i).map(String::as_str)
    }

    /// Takes `error` of sink `i` as the sink being down, when it says so
    /// (and `i` is not the directory): noted, and `app_name` missed there.
    fn takes(&mut self, i: usize, error: &Error, app_name: &str) -> bool {
        if i == 0 || error.kind() != Kind::Unavailable {
            return false;
        }
        self.mark(i, error);
        self.miss(i, app_name);
        true
    }

    /// Notes that sink `i` is down.
    pub(crate) fn mark(&mut self, i: usize, error: &Error) {
        self.sinks.entry(i).or_insert_with(|| error.to_string());
    }

    /// Skips sink `i` for `app_name` when it is known to be down.
    fn skips(&mut self, i: usize, app_name: &str) -> bool {
        if !self.is_down(i) {
            return false;
        }
        self.miss(i, app_name);
        true
    }

    fn miss(&mut self, i: usize, app_name: &str) {
        if !self.missed.iter().any(|(s, n)| *s == i && n == app_name) {
            self.missed.push((i, app_name.to_string()));
        }
    }
}

/// Renders an application from `conn`'s state and publishes it to every
/// sink that answers, once each has agreed that the application's place is
/// authgate's; a key-value sink that is down is noted in `down` and
/// skipped. `changed(i)` is called once sink `i` holds the new
/// configuration: a sink that fails has changed nothing (each publishes
/// atomically), so a failure is restored in exactly the sinks that changed.
pub fn publish(
    conn: &Connection,
    sinks: &[Box<dyn Sink>],
    app: &Application,
    down: &mut Down,
    mut changed: impl FnMut(usize),
) -> Result<()> {
    for (i, sink) in sinks.iter().enumerate() {
        if down.is_down(i) {
            continue;
        }
        if let Err(e) = sink.prepare(&app.app_name)
            && !down.takes(i, &e, &app.app_name)
        {
            return Err(e);
        }
    }
    let config = render_prepared(conn, app)?;
    for (i, sink) in sinks.iter().enumerate() {
        if down.skips(i, &app.app_name) {
            continue;
        }
        match sink.publish(app, config.as_ref()) {
            Ok(()) => changed(i),
            Err(e) if down.takes(i, &e, &app.app_name) => {}
            Err(e) => return Err(e),
        }
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
    render_prepared(conn, app)
}

/// [`render`], once the sinks have agreed.
fn render_prepared(conn: &Connection, app: &Application) -> Result<Option<DynamicConfig>> {
    let credentials = accepted::credentials(conn, app)?;
    let now = crate::store::now();
    let config = traefik::render(app, &credentials, &now);
    // What expired is left out now, and stays out if the clock goes back.
    credentials::mark_withdrawn(conn, &app.application_id, &now)?;
    if !app.fast_auth {
        shared::mark_withdrawn(conn, app, &now)?;
    }
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

/// Removes what the sinks hold under an app name that no longer exists,
/// in every sink that answers (see [`publish`]).
pub fn unpublish(
    sinks: &[Box<dyn Sink>],
    app_name: &str,
    down: &mut Down,
    mut changed: impl FnMut(usize),
) -> Result<()> {
    for (i, sink) in sinks.iter().enumerate() {
        if down.skips(i, app_name) {
            continue;
        }
        match sink.unpublish(app_name) {
            Ok(()) => changed(i),
            Err(e) if down.takes(i, &e, app_name) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Publishes what `conn` holds under `app_name` to `sinks`: the
/// application's configuration, or nothing if no application has the name.
/// Every sink must answer.
pub fn publish_by_name(conn: &Connection, sinks: &[Box<dyn Sink>], app_name: &str) -> Result<()> {
    match applications::by_app_name(conn, app_name)? {
        Some(app) => {
            let config = render(conn, sinks, &app)?;
            for sink in sinks {
                sink.publish(&app, config.as_ref())?;
            }
            Ok(())
        }
        None => {
            for sink in sinks {
                sink.unpublish(app_name)?;
            }
            Ok(())
        }
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
/// configuration it should have (`None`: nothing to route or protect).
/// Three queries in all, whatever the number of applications: the shared
/// credentials, the applications, and every credential sorted by app name
/// then username, merged as they are read (rather than one query per
/// application). Nothing but the shared credentials is kept once `f`
/// returns.
fn for_each_expected(
    conn: &Connection,
    mut f: impl FnMut(&Application, Option<&DynamicConfig>) -> Result<()>,
) -> Result<()> {
    let now = crate::store::now();
    let mut by_project: std::collections::HashMap<String, Vec<shared::Shared>> =
        std::collections::HashMap::new();
    for s in shared::all(conn)? {
        by_project
            .entry(s.scope.project_id.clone())
            .or_default()
            .push(s);
    }
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
                let inherited = by_project
                    .get(&app.project_id)
                    .map_or(&[][..], Vec::as_slice);
                let accepted = accepted::merge(&app, std::mem::take(&mut creds), inherited);
                f(&app, traefik::render(&app, &accepted, &now).as_ref())?;
                creds = accepted;
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
