//! Snapshots of the registry, and replacing its content with one
//! (ARCHITECTURE.md, "Backup and restore").

use std::path::Path;
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::{APPLICATION_ID, Found, Store, connect, inspect, migrate, schema_version, settings};
use crate::error::{Context, Error, Result};

impl Store {
    /// Writes a consistent snapshot of the registry into `dest`, which must
    /// be an empty file: one self-contained database (`VACUUM INTO`), with
    /// no WAL to go with it.
    pub fn snapshot_into(&self, dest: &Path) -> Result<()> {
        let target = dest
            .to_str()
            .ok_or_else(|| Error::bad_request(format!("{} is not a UTF-8 path", dest.display())))?;
        self.conn
            .execute("VACUUM INTO ?1", [target])
            .context_path("cannot write the snapshot", dest)?;
        Ok(())
    }

    /// Replaces the whole content of the registry with `source`'s, in one
    /// write transaction (SQLite's online backup, into the live database).
    pub fn replace_with(&mut self, source: &Connection) -> Result<()> {
        copy_all(source, &mut self.conn)
    }
}

/// Whether `a` and `b` are the same file (compared by device and inode,
/// without opening either).
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Copies every page of `source` into `dest` in one step (so in one write
/// transaction of `dest`, from one read of `source`), waiting while
/// another connection holds `dest`'s lock.
fn copy_all(source: &Connection, dest: &mut Connection) -> Result<()> {
    let backup = Backup::new(source, dest)?;
    let started = std::time::Instant::now();
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            // Held by something that is not authgate (a `sqlite3` shell):
            // nothing was copied yet.
            _ if started.elapsed() > super::BUSY_TIMEOUT => {
                return Err(Error::conflict(
                    "another program holds the registry's write lock: restore once it is done (nothing was changed)",
                ));
            }
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// A snapshot read into memory, checked and brought to this binary's
/// schema: an authgate registry, initialized, whole. The file is only read
/// (`immutable`): nothing beside it is created or changed. Every refusal is
/// `BAD_REQUEST`: the snapshot is the operator's input.
pub(crate) fn load_snapshot(path: &Path, registry: &Path) -> Result<Connection> {
    let bad = |why: String| Error::bad_request(format!("the snapshot {why} (nothing was changed)"));
    if same_file(path, registry) {
        return Err(bad(format!("{} is the registry itself", path.display())));
    }
    let meta = std::fs::metadata(path)
        .map_err(|e| bad(format!("{} cannot be read: {e}", path.display())))?;
    if !meta.is_file() {
        return Err(bad(format!("{} is not a file", path.display())));
    }
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Err(bad(format!(
            "{} has a write-ahead log beside it, so it is a copy of a live database rather than a snapshot: make one with `authgate backup`",
            path.display()
        )));
    }
    let found =
        inspect(path).map_err(|e| Error::bad_request(format!("refused as a snapshot: {e}")))?;
    let absolute = std::path::absolute(path).context_path("cannot resolve", path)?;
    let mut uri = url::Url::from_file_path(&absolute)
        .map_err(|()| bad(format!("{} cannot be named as a URI", path.display())))?;
    uri.set_query(Some("immutable=1"));
    let file = connect(
        uri.as_str(),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| bad(format!("{} cannot be opened: {e}", path.display())))?;
    let mut copy = Connection::open_in_memory()?;
    copy_all(&file, &mut copy)
        .map_err(|e| bad(format!("{} cannot be read: {e}", path.display())))?;
    drop(file);
    let check: String = copy
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| bad(format!("{} cannot be read: {e}", path.display())))?;
    if check != "ok" {
        return Err(bad(format!("{} is damaged: {check}", path.display())));
    }
    copy.pragma_update(None, "foreign_keys", "ON")?;
    let version: i64 = copy.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if usize::try_from(version).unwrap_or(usize::MAX) < schema_version() {
        migrate(&mut copy)
            .map_err(|e| bad(format!("{} cannot be migrated: {e}", path.display())))?;
    }
    if found == Found::Old {
        copy.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    if settings::get(&copy, settings::INITIALIZED_AT)?.is_none() {
        return Err(bad(format!(
            "{} holds a registry that `authgate init` never finished",
            path.display()
        )));
    }
    Ok(copy)
}

/// What a registry holds, in a few numbers and names.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub organizations: i64,
    pub applications: i64,
    pub credentials: i64,
    pub users: Vec<String>,
    /// The owners of the installation's first organization.
    pub installation_owners: Vec<String>,
}

pub(crate) fn summary(conn: &Connection) -> Result<Summary> {
    let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    let names = |sql: &str| -> Result<Vec<String>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    };
    Ok(Summary {
        organizations: count("SELECT count(*) FROM organizations")?,
        applications: count("SELECT count(*) FROM applications")?,
        credentials: count("SELECT count(*) FROM security")?,
        users: names("SELECT name FROM users ORDER BY name")?,
        installation_owners: names(
            "SELECT u.name FROM members m JOIN users u USING (user_id)
             WHERE m.role = 'owner' AND m.org_id = coalesce(
                 (SELECT value FROM settings WHERE key = 'installation_org'),
                 (SELECT org_id FROM organizations ORDER BY created_at, rowid LIMIT 1))
             ORDER BY u.name",
        )?,
    })
}
