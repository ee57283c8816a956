//! `backup` and `restore`: a consistent snapshot of the registry, and the
//! registry's content replaced by one, with every sink made to match it
//! (ARCHITECTURE.md, "Backup and restore").

use std::fs::Permissions;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::auth;
use crate::domain::drift::Finding;
use crate::domain::publish::compare;
use crate::domain::session::{self, Options, Session};
use crate::error::{Context, Error, Remedy, Result};
use crate::sinks::Sink;
use crate::store::audit::Event;
use crate::store::backup::{self as store_backup, Summary, same_file};
use crate::store::intents;
use crate::store::{applications, dirs, sinks as store_sinks};

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupReport {
    pub path: PathBuf,
    pub bytes: u64,
    #[serde(flatten)]
    pub summary: Summary,
}

/// Refuses `dest` before the registry is opened: an existing file unless
/// `overwrite`, and never a directory.
pub fn check_backup_target(dest: &Path, overwrite: bool) -> Result<()> {
    match std::fs::symlink_metadata(dest) {
        Ok(meta) if meta.is_dir() => Err(Error::bad_request(format!(
            "{} is a directory: give the path of the snapshot file to write",
            dest.display()
        ))),
        Ok(_) if !overwrite => Err(Error::conflict(format!(
            "{} exists already; nothing was written",
            dest.display()
        ))
        .remedy(Remedy::OverwriteBackup)),
        _ => Ok(()),
    }
}

/// `backup`: a consistent snapshot of the registry at `dest`, mode 0600,
/// one self-contained file, written under a temporary name beside it and
/// renamed into place once it is on disk (so `dest` is never half-written,
/// and an existing `dest` is replaced only with `overwrite`). Installation
/// owners only; audited.
pub fn backup(session: &mut Session, dest: &Path, overwrite: bool) -> Result<BackupReport> {
    let event = Event::new("backup").target("file", &dest.display().to_string());
    session.read(event.clone(), |conn, actor| {
        actor.require_installation_owner(conn, "back up the registry")
    })?;
    let written = write_snapshot(session, dest, overwrite);
    let report = match written {
        Ok(bytes) => BackupReport {
            path: dest.to_path_buf(),
            bytes,
            summary: store_backup::summary(session.conn())?,
        },
        Err(e) => {
            session.record_failure(event, &e);
            return Err(e);
        }
    };
    session.write(event.clone(), |m| {
        m.audit(&event.clone().detail(format!(
            "{} bytes: {} application(s), {} credential(s)",
            report.bytes, report.summary.applications, report.summary.credentials
        )))
    })?;
    Ok(report)
}

fn write_snapshot(session: &Session, dest: &Path, overwrite: bool) -> Result<u64> {
    if same_file(dest, session.store.path()) {
        return Err(Error::bad_request(format!(
            "{} is the registry itself",
            dest.display()
        )));
    }
    check_backup_target(dest, overwrite)?;
    dirs::create_parent(dest, dirs::PRIVATE_DIR_MODE)?;
    let dir = dest
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temp = tempfile::Builder::new()
        .prefix(".authgate-backup-")
        .tempfile_in(dir)
        .context_path("cannot create a temporary file in", dir)?;
    std::fs::set_permissions(temp.path(), Permissions::from_mode(0o600))
        .context_path("cannot set the mode of", temp.path())?;
    session.store.snapshot_into(temp.path())?;
    let file = std::fs::File::open(temp.path()).context_path("cannot open", temp.path())?;
    file.sync_all().context_path("cannot write", temp.path())?;
    let bytes = file
        .metadata()
        .context_path("cannot read", temp.path())?
        .len();
    drop(file);
    let persisted = if overwrite {
        temp.persist(dest).map(|_| ())
    } else {
        temp.persist_noclobber(dest).map(|_| ())
    };
    persisted.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::conflict(format!(
                "{} exists already; nothing was written",
                dest.display()
            ))
            .remedy(Remedy::OverwriteBackup)
        } else {
            Error::bad_request(format!("cannot write {}: {}", dest.display(), e.error))
        }
    })?;
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .context_path("cannot sync directory", dir)?;
    Ok(bytes)
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RestoreReport {
    pub snapshot: PathBuf,
    #[serde(flatten)]
    pub summary: Summary,
    /// What was repaired in the sinks so that they match the restored
    /// registry.
    pub repaired: usize,
    /// Whether the API key that restored is an installation owner's in the
    /// restored registry.
    pub key_is_installation_owner: bool,
}

/// `restore`, step one, before the registry is opened: the snapshot, read
/// into memory and checked (`BAD_REQUEST` when it is not a whole authgate
/// registry this binary can read, or the registry `options` names
/// itself); nothing is changed.
pub fn load_snapshot(snapshot: &Path, options: &Options) -> Result<rusqlite::Connection> {
    store_backup::load_snapshot(snapshot, &options.db_path()?)
}

/// `restore`: replaces the registry's content with the snapshot's, then
/// publishes every application of the restored registry to its sinks
/// (the repair `sync` does: files and keys of applications the snapshot
/// lacks go), and audits the restore in the restored registry. Only while
/// no other authgate process has the registry open (`CONFLICT`), by an
/// installation owner of the current registry.
pub fn restore(
    session: &mut Session,
    options: &Options,
    snapshot_path: &Path,
    snapshot: rusqlite::Connection,
) -> Result<RestoreReport> {
    let event = Event::new("restore").target("file", &snapshot_path.display().to_string());
    session.read(event.clone(), |conn, actor| {
        actor.require_installation_owner(conn, "restore the registry")
    })?;
    if same_file(snapshot_path, session.store.path()) {
        return Err(Error::bad_request(format!(
            "{} is the registry itself, not a snapshot of it",
            snapshot_path.display()
        )));
    }
    let held_alone = session.store.lock().try_exclusive()?;
    if !held_alone {
        let e = Error::conflict(format!(
            "other authgate processes have the registry {} open (they hold its lock file {}): restore once they are done (nothing was changed)",
            session.store.path().display(),
            session.store.lock().path().display()
        ));
        let _ = session.store.lock().share();
        // Audited without waiting: the process in the way may be a writer
        // that holds the write lock.
        let _ = session.conn().busy_timeout(std::time::Duration::ZERO);
        session.record_failure(event, &e);
        let _ = session.conn().busy_timeout(crate::store::BUSY_TIMEOUT);
        return Err(e);
    }
    let before: Vec<String> = store_sinks::all(session.conn())?
        .into_iter()
        .map(|s| s.name)
        .collect();
    let old_dir = session.traefik_dir.clone();
    // The restored registry comes with the intent of publishing every
    // application (ARCHITECTURE.md, "The unit of work"): killed before its
    // sinks match it, the next command of any kind finishes the repair.
    // Intents the snapshot caught in flight are covered by it.
    let token = crate::store::new_id();
    intents::clear(&snapshot)?;
    intents::insert(
        &snapshot,
        &token,
        &[intents::EVERY_APPLICATION.to_string()],
        &crate::store::now(),
    )?;
    session.store.replace_with(&snapshot)?;
    drop(snapshot);
    let result = republish(session, options, snapshot_path, &event, &token);
    session.store.checkpoint();
    session.store.lock().share()?;
    let repaired = result.map_err(|e| {
        e.with_note(
            "the registry was restored, but its sinks may not match it: run `authgate sync`",
        )
    })?;
    let after: Vec<String> = store_sinks::all(session.conn())?
        .into_iter()
        .map(|s| s.name)
        .collect();
    for gone in before.iter().filter(|n| !after.contains(n)) {
        session.warnings.borrow_mut().push(format!(
            "the restored registry has no sink '{gone}': authgate no longer publishes there, and left what it holds as it was"
        ));
    }
    if old_dir != session.traefik_dir {
        session.warnings.borrow_mut().push(format!(
            "the restored registry publishes to {}, not {}: the files in {} were left as they were",
            session.traefik_dir.display(),
            old_dir.display(),
            old_dir.display()
        ));
    }
    let key_is_installation_owner = options
        .api_key()
        .and_then(|key| auth::authenticate(session.conn(), &key, true))
        .and_then(|user| auth::actor(session.conn(), &user, None))
        .and_then(|actor| actor.require_installation_owner(session.conn(), "restore"))
        .is_ok();
    Ok(RestoreReport {
        snapshot: snapshot_path.to_path_buf(),
        summary: store_backup::summary(session.conn())?,
        repaired,
        key_is_installation_owner,
    })
}

/// Points the session at the restored registry's sinks and makes each
/// match it, under the write lock; the audit row is written now, into the
/// restored registry.
fn republish(
    session: &mut Session,
    options: &Options,
    snapshot_path: &Path,
    event: &Event,
    token: &str,
) -> Result<usize> {
    let file = session::file_sink(session.conn(), options)?;
    session.traefik_dir = file.dir.clone();
    let mut sinks: Vec<Box<dyn Sink>> = vec![Box::new(file)];
    let mut places = vec![session::DIRECTORY.to_string()];
    for row in store_sinks::all(session.conn())? {
        sinks.push(crate::sinks::configured::open(
            &row,
            crate::store::settings::sink_timeout(session.conn())?,
        )?);
        places.push(row.name);
    }
    session.sinks = sinks;
    // The intent restored with the registry ends with this repair.
    let repaired = session.write(event.clone(), |m| {
        let findings: Vec<Finding> =
            compare(m.conn(), m.sinks(), true, &crate::domain::progress::Silent)?;
        intents::remove(m.conn(), token)?;
        applications::reset_next_expiries(m.conn(), &crate::store::now())?;
        let repaired = findings.iter().filter(|f| f.status.is_repairable()).count();
        m.audit(&event.clone().detail(format!(
            "registry replaced by the snapshot {}; {repaired} file(s) or key set(s) repaired",
            snapshot_path.display()
        )))?;
        Ok(repaired)
    })?;
    // What `--wait` waits for: Traefik serving the restored registry, every
    // application in every place.
    if !session.dry_run {
        let names: Vec<String> = applications::with_all(session.conn(), |rows| {
            rows.map(|r| r.map(|a| a.app_name))
                .collect::<Result<Vec<_>>>()
        })?;
        let mut published = session.published.borrow_mut();
        for place in &places {
            for app_name in &names {
                published.apps.push(session::PublishedApp {
                    place: place.clone(),
                    app_name: app_name.clone(),
                });
            }
        }
    }
    Ok(repaired)
}
