//! The SQLite registry: opening, migrations, and the queries of each table.
//! Functions take a `&Connection`, so they run equally inside a transaction
//! (a `Transaction` derefs to its connection).

pub mod applications;
pub mod audit;
pub mod intents;
pub mod keys;
pub mod registry;
pub mod security;
pub mod settings;
pub mod sinks;

use std::fs::OpenOptions;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use rusqlite_migration::{M, Migrations};

use crate::error::{Context, Error, Remedy, Result};

static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(include_str!("schema.sql")),
        M::up(include_str!("schema_v2.sql")),
        M::up(include_str!("schema_v3.sql")),
        M::up(include_str!("schema_lifecycle.sql")),
        M::up(include_str!("schema_access_rules.sql")),
        M::up(include_str!("schema_fast_auth.sql")),
        M::up(include_str!("schema_publish_intents.sql")),
        M::up(include_str!("schema_operator.sql")),
    ])
});

/// The schema version this binary writes and understands.
pub fn schema_version() -> usize {
    8
}

/// Long enough that concurrent cron jobs queue behind each other instead of
/// failing with "database is locked".
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Whether closing may empty a grown WAL (see `Drop for Store`).
    checkpoint_on_close: bool,
}

impl Store {
    /// Opens an existing registry. A missing file is an error that says how
    /// to create one; a newer schema is refused.
    pub fn open(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(
                Error::internal(format!("no authgate database at {}", path.display()))
                    .remedy(Remedy::InitFirst),
            );
        }
        check_sqlite_header(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .context_path("cannot open database", path)?;
        Store::prepare(conn, path)
    }

    /// Creates the database file (mode 0600, parent directories as needed) if
    /// it does not exist, and opens it.
    pub fn create(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).context_path("cannot create directory", parent)?;
        }
        // Create the file ourselves so that it never exists with a wider mode;
        // SQLite gives its -wal and -shm files the same mode as the database.
        OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(path)
            .context_path("cannot create database", path)?;
        let conn = Connection::open(path).context_path("cannot open database", path)?;
        Store::prepare(conn, path)
    }

    fn prepare(mut conn: Connection, path: &Path) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Keep the WAL file between processes: checkpointing and deleting it
        // on every close costs each command several fsyncs, and recreating it
        // costs a directory fsync. `Drop for Store` empties it once it has
        // grown (SQLite's automatic checkpoint alone cannot, across
        // processes).
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::internal(format!(
                "cannot switch {} to WAL journal mode (got '{mode}')",
                path.display()
            )));
        }
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let version = usize::try_from(version).unwrap_or(usize::MAX);
        if version > schema_version() {
            return Err(Error::internal(format!(
                "the database {} has schema version {version}, newer than the version {} this authgate understands: upgrade authgate (the database was not changed)",
                path.display(),
                schema_version()
            )));
        }
        if version < schema_version() {
            MIGRATIONS
                .to_latest(&mut conn)
                .map_err(|e| Error::internal(format!("cannot migrate {}: {e}", path.display())))?;
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            checkpoint_on_close: true,
        })
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Leaves the WAL as it is when the store closes, whatever its size: a
    /// dry run, whose transactions all roll back, leaves every byte of the
    /// registry as it found it.
    pub fn keep_wal_on_close(&mut self) {
        self.checkpoint_on_close = false;
    }

    /// A write transaction that takes SQLite's write lock at once, so that
    /// concurrent writers queue on the busy timeout instead of failing on an
    /// upgrade from a read lock.
    pub fn write_tx(&mut self) -> Result<Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

/// Above this size, a process that wrote to the registry empties the WAL as
/// it closes it (see `Drop for Store`).
const WAL_LIMIT: u64 = 512 * 1024;

/// The WAL is kept between processes (`SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE`),
/// but SQLite's automatic checkpoint cannot bound it when each process
/// writes once: the first connection to open a registry rebuilds the
/// WAL's index from the WAL file, which forgets what was already
/// checkpointed, so the WAL never starts over. It then grows with every
/// change, every command reads all of it at start-up (each 512 KB of WAL
/// costs a read-only command about 0.3 ms), and every commit past 1000
/// pages copies all of it into the database again. So a process that
/// changed something empties the WAL when it has grown past
/// [`WAL_LIMIT`]: a TRUNCATE checkpoint, which never waits for other
/// connections (if one is busy, a later process does it).
impl Drop for Store {
    fn drop(&mut self) {
        if !self.checkpoint_on_close || self.conn.total_changes() == 0 {
            return;
        }
        let mut wal = self.path.clone().into_os_string();
        wal.push("-wal");
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > WAL_LIMIT) {
            let _ = self.conn.busy_timeout(Duration::ZERO);
            let _ = self
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
    }
}

/// Refuses a file that is not an SQLite database, naming it, before SQLite
/// gets to touch it.
fn check_sqlite_header(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path).context_path("cannot open database", path)?;
    let n = file
        .read(&mut header)
        .context_path("cannot read database", path)?;
    if n == 0 || header == *b"SQLite format 3\0" {
        Ok(())
    } else {
        Err(Error::internal(format!(
            "{} is not a database: it is not an SQLite file, so not an authgate registry (it was not changed)",
            path.display()
        )))
    }
}

/// Now, as stored: RFC 3339 UTC with milliseconds.
pub fn now() -> String {
    timestamp(chrono::Utc::now())
}

pub fn timestamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A new time-ordered unique id.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Reads a JSON array column.
pub(crate) fn json_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

pub(crate) fn to_json_list(items: &[String]) -> String {
    serde_json::to_string(items).expect("a list of strings always serializes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(&dir.path().join("a.db")).unwrap();
        let v: i64 = store
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, schema_version() as i64);
    }

    #[test]
    fn a_writer_empties_a_grown_wal_when_it_closes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        let wal = dir.path().join("a.db-wal");
        let filler = "x".repeat(2 * WAL_LIMIT as usize);
        let mut store = Store::create(&path).unwrap();
        let tx = store.write_tx().unwrap();
        settings::set(&tx, "filler", &filler).unwrap();
        tx.commit().unwrap();
        assert!(std::fs::metadata(&wal).unwrap().len() > WAL_LIMIT);
        drop(store);
        assert_eq!(std::fs::metadata(&wal).unwrap().len(), 0);
        let store = Store::open(&path).unwrap();
        assert_eq!(
            settings::get(store.conn(), "filler").unwrap().as_deref(),
            Some(filler.as_str())
        );
    }
}
