//! The SQLite registry: opening, migrations, and the queries of each table.
//! Functions take a `&Connection`, so they run equally inside a transaction
//! (a `Transaction` derefs to its connection).

pub mod applications;
pub(crate) mod audit;
pub(crate) mod backup;
pub mod credentials;
pub mod dirs;
pub(crate) mod guard;
pub(crate) mod instances;
pub(crate) mod intents;
pub(crate) mod keys;
pub(crate) mod lock;
pub(crate) mod names;
pub(crate) mod pending;
pub(crate) mod scope;
pub(crate) mod settings;
pub(crate) mod shared;
pub(crate) mod sinks;
pub mod tenancy;

use std::fs::OpenOptions;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use rusqlite_migration::{M, Migrations};

use crate::error::{Context, Error, Remedy, Result};
use lock::RegistryLock;

/// Every schema step, in order: a registry's `user_version` is how many it
/// has taken.
const STEPS: &[&str] = &[
    include_str!("schema.sql"),
    include_str!("schema_v2.sql"),
    include_str!("schema_v3.sql"),
    include_str!("schema_lifecycle.sql"),
    include_str!("schema_access_rules.sql"),
    include_str!("schema_fast_auth.sql"),
    include_str!("schema_publish_intents.sql"),
    include_str!("schema_operator.sql"),
    include_str!("schema_hosts.sql"),
    include_str!("schema_installation_log.sql"),
    include_str!("schema_names.sql"),
    include_str!("schema_sink_kinds.sql"),
    include_str!("schema_traefik_instances.sql"),
    include_str!("schema_pending_publishes.sql"),
    include_str!("schema_withdrawn.sql"),
    include_str!("schema_shared_credentials.sql"),
    include_str!("schema_guard.sql"),
];

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect()));

/// The schema version this binary writes and understands.
pub(crate) fn schema_version() -> usize {
    STEPS.len()
}

/// Long enough that concurrent cron jobs queue behind each other instead of
/// failing with "database is locked".
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// authgate's `PRAGMA application_id`, the ASCII of "AGat" read as a
/// big-endian `i32` (0x41476174): it marks a database as an authgate
/// registry (ARCHITECTURE.md, "Data model").
pub(crate) const APPLICATION_ID: i32 = i32::from_be_bytes(*b"AGat");

pub struct Store {
    // Dropped before the lock: the connection is closed while the lock is
    // still held.
    conn: Connection,
    path: PathBuf,
    /// Whether closing may empty a grown WAL (see `Drop for Store`).
    checkpoint_on_close: bool,
    lock: RegistryLock,
}

impl Store {
    /// Opens an existing registry. A missing file is an error that says how
    /// to create one; a file that is not an authgate registry, or one of a
    /// newer schema, is refused without a byte written
    /// ([`inspect`](self::inspect)).
    pub fn open(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(
                Error::no_registry(format!("no authgate registry at {}", path.display()))
                    .remedy(Remedy::InitFirst),
            );
        }
        let found = inspect(path)?;
        let lock = RegistryLock::shared(path)?;
        let conn = connect(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .context_path("cannot open database", path)?;
        Store::prepare(conn, path, lock, found)
    }

    /// Creates the database file (mode 0600, missing parent directories
    /// 0700) if it does not exist, and opens it: only `init` creates a
    /// registry. An empty file is taken as new, unless a write-ahead log
    /// lies beside it; any other file must be a registry already.
    pub fn create(path: &Path) -> Result<Store> {
        dirs::create_parent(path, dirs::PRIVATE_DIR_MODE)?;
        if path.symlink_metadata().is_ok() {
            refuse_not_regular(path)?;
        }
        let found = match std::fs::metadata(path) {
            Ok(meta) if meta.len() > 0 => inspect(path)?,
            Ok(_) => {
                refuse_empty_with_wal(path)?;
                Found::Old
            }
            Err(_) => Found::Old,
        };
        // Create the file ourselves so that it never exists with a wider mode;
        // SQLite gives its -wal and -shm files the same mode as the database.
        OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(path)
            .context_path("cannot create database", path)?;
        let lock = RegistryLock::shared(path)?;
        let conn =
            connect(path, OpenFlags::default()).context_path("cannot open database", path)?;
        Store::prepare(conn, path, lock, found)
    }

    fn prepare(
        mut conn: Connection,
        path: &Path,
        lock: RegistryLock,
        found: Found,
    ) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Keep the WAL file between processes: checkpointing and deleting it
        // on every close costs each command several fsyncs, and recreating it
        // costs a directory fsync. `Drop for Store` empties it once it has
        // grown (SQLite's automatic checkpoint alone cannot, across
        // processes). Set before anything is read, so that a refused
        // database is not checkpointed when it is closed.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )?;
        // The version as SQLite sees it, through the WAL, before any pragma
        // that writes (`journal_mode = WAL` writes the header).
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let version = usize::try_from(version).unwrap_or(usize::MAX);
        refuse_newer(path, version)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        // WAL mode lasts: a registry whose header says so needs no statement
        // to say it again (1.5% of a `create`'s instructions).
        if found != (Found::Marked { wal: true }) {
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::internal(format!(
                    "cannot switch {} to WAL journal mode (got '{mode}')",
                    path.display()
                )));
            }
        }
        if version < schema_version() {
            migrate(&mut conn)
                .map_err(|e| Error::internal(format!("cannot migrate {}: {e}", path.display())))?;
        }
        let store = Store {
            conn,
            path: path.to_path_buf(),
            checkpoint_on_close: true,
            lock,
        };
        if found == Found::Old {
            // A registry from before the application id (or a new one): it
            // is ours, so mark it, and checkpoint so that the file's header
            // says so to the next process without reading the WAL.
            store
                .conn
                .pragma_update(None, "application_id", APPLICATION_ID)?;
            store.checkpoint();
        }
        Ok(store)
    }

    /// Copies the WAL into the database file and empties it, if no other
    /// connection is in the way: best effort, never waits.
    pub fn checkpoint(&self) {
        self.checkpoint_without_waiting("TRUNCATE");
        let _ = self.conn.busy_timeout(BUSY_TIMEOUT);
    }

    /// Runs a checkpoint of `mode` (`TRUNCATE`, `RESTART`) if no other
    /// connection is in the way, and says whether it copied the whole WAL
    /// into the database. The connection is left not waiting for locks.
    fn checkpoint_without_waiting(&self, mode: &str) -> bool {
        let _ = self.conn.busy_timeout(Duration::ZERO);
        // (busy, frames in the WAL, frames copied into the database)
        self.conn
            .query_row(&format!("PRAGMA wal_checkpoint({mode})"), [], |r| {
                Ok(r.get::<_, i64>(0)? == 0 && r.get::<_, i64>(1)? == r.get::<_, i64>(2)?)
            })
            .unwrap_or(false)
    }

    /// The registry's lock file, held shared while the store is open.
    pub fn lock(&self) -> &RegistryLock {
        &self.lock
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

/// Opens an existing registry to read, and to change nothing: a file that
/// is not an authgate registry is refused as [`Store::open`] refuses it
/// ([`inspect`]), SQLite opens it read-only (`query_only` too), nothing is
/// migrated, and a registry of another schema version than this binary's is
/// refused rather than read. The lock file is not taken (nor created): a
/// read this short never holds up a restore. For reads that must not write
/// at all (shell completion).
pub(crate) fn open_read_only(path: &Path) -> Result<Connection> {
    if !path.is_file() {
        return Err(
            Error::no_registry(format!("no authgate registry at {}", path.display()))
                .remedy(Remedy::InitFirst),
        );
    }
    inspect(path)?;
    let conn = connect(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .context_path("cannot open database", path)?;
    conn.busy_timeout(Duration::from_secs(1))?;
    conn.pragma_update(None, "query_only", "ON")?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if usize::try_from(version).ok() != Some(schema_version()) {
        return Err(Error::bad_request(format!(
            "the database {} has schema version {version}, not this authgate's {}",
            path.display(),
            schema_version()
        )));
    }
    Ok(conn)
}

/// Opens a connection, as every connection to a registry or a snapshot is
/// opened. SQLite's count of the memory it holds, which authgate never reads
/// and which takes a mutex in every allocation SQLite makes (about a tenth
/// of what parsing the schema and a command's statements costs), is turned
/// off first: SQLite takes that only before its first use in a process.
pub(crate) fn connect<P: AsRef<Path>>(path: P, flags: OpenFlags) -> rusqlite::Result<Connection> {
    static CONFIGURED: std::sync::Once = std::sync::Once::new();
    CONFIGURED.call_once(|| {
        // SAFETY: sqlite3_config is called before SQLite is initialized in
        // this process (or refused with SQLITE_MISUSE, harmlessly, if it
        // already is); SQLITE_CONFIG_MEMSTATUS takes one int.
        unsafe {
            rusqlite::ffi::sqlite3_config(rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS, 0);
        }
    });
    Connection::open_with_flags(path, flags)
}

/// Above this size, a process that wrote to the registry has the WAL start
/// over as it closes it (see `Drop for Store`).
const WAL_LIMIT: u64 = 512 * 1024;

/// The WAL is kept between processes (`SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE`),
/// but SQLite's automatic checkpoint cannot bound it when each process
/// writes once: the first connection to open a registry (usually each
/// process's) rebuilds the
/// WAL's index from the WAL file, which forgets what was already
/// checkpointed, so the WAL never starts over. It would grow with every
/// change, every command would read all of it at start-up (each 512 KB of
/// WAL costs a read-only command about 0.3 ms), and every commit past 1000
/// pages would copy all of it into the database again. So a process that
/// changed something, once the WAL has grown past [`WAL_LIMIT`], copies it
/// into the database (a RESTART checkpoint, which never waits for other
/// connections: if one is busy, a later process does it) and makes the
/// WAL start over at its beginning with a commit that changes nothing.
/// The file keeps [`WAL_LIMIT`] bytes (`journal_size_limit`): the commits
/// that follow overwrite them rather than grow the file, and an fsync of
/// a file that did not grow waits for less (on ext4, 140 against 260 µs).
/// That last commit runs at `synchronous = NORMAL`: SQLite syncs the WAL's
/// new header before it writes a frame over the old ones (without that
/// sync, a power cut could leave the old header and only some of the old
/// frames, which would be replayed over newer pages of the database), and
/// does not sync the commit itself, which carries nothing to lose: until
/// it is on disk, the WAL holds no frame the header vouches for.
impl Drop for Store {
    fn drop(&mut self) {
        if !self.checkpoint_on_close || self.conn.total_changes() == 0 {
            return;
        }
        let mut wal = self.path.clone().into_os_string();
        wal.push("-wal");
        // The restart's commit does not wait for the write lock either: if
        // another process holds it, a later process restarts the WAL.
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > WAL_LIMIT)
            && self.checkpoint_without_waiting("RESTART")
        {
            let _ = self.conn.execute_batch(&format!(
                "PRAGMA journal_size_limit = {WAL_LIMIT}; PRAGMA synchronous = NORMAL; \
                 PRAGMA application_id = {APPLICATION_ID};"
            ));
        }
    }
}

/// Brings a registry's schema to this binary's version.
pub(crate) fn migrate(conn: &mut Connection) -> std::result::Result<(), rusqlite_migration::Error> {
    MIGRATIONS.to_latest(conn)
}

/// What [`inspect`] found: a registry marked as authgate's (`wal`: its
/// header says it is in WAL mode already), or one from before the mark
/// (application id 0, with authgate's tables), which gets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    Marked { wal: bool },
    Old,
}

/// The SQLite header fields that say whose a database is, and whether it is
/// in WAL mode.
struct Header {
    user_version: u32,
    application_id: i32,
    wal: bool,
}

/// Decides whether `path` is an authgate registry this binary may open,
/// without writing a byte: not the database, not its `-wal`, and no file
/// created (see ARCHITECTURE.md, "Data model"). Refuses an empty file (with
/// a write-ahead log beside it, its data may be there), a file that is not
/// SQLite, another application's database (its application id), an SQLite
/// database without authgate's tables, and a newer schema. The header is
/// read without SQLite; a database whose header has no application id yet
/// is read through SQLite, read-only: the file alone (`immutable`) when no
/// WAL holds data, else through its WAL, which can rewrite the `-shm` index
/// but only when it exists already.
pub(crate) fn inspect(path: &Path) -> Result<Found> {
    refuse_not_regular(path)?;
    let Some(header) = read_header(path)? else {
        refuse_empty_with_wal(path)?;
        return Err(Error::bad_request(format!(
            "{} is an empty file, not an authgate registry: only `authgate init` creates a new registry (it was not changed)",
            path.display()
        ))
        .remedy(Remedy::InitFirst));
    };
    refuse_newer(path, header.user_version as usize)?;
    if header.application_id == APPLICATION_ID {
        return Ok(Found::Marked { wal: header.wal });
    }
    refuse_other_application(path, header.application_id)?;
    let inside = read_inside(path)?;
    refuse_newer(path, inside.user_version as usize)?;
    if inside.application_id == APPLICATION_ID {
        // The mark is still only in the WAL: the header is not current, so
        // WAL mode is set again rather than read from it.
        return Ok(Found::Marked { wal: false });
    }
    refuse_other_application(path, inside.application_id)?;
    if !inside.has_tables {
        return Err(Error::bad_request(format!(
            "{} is an SQLite database without authgate's tables, not an authgate registry (it was not changed)",
            path.display()
        )));
    }
    Ok(Found::Old)
}

/// Refuses, before anything opens it, a database path that is not a
/// regular file (following symlinks): opening a FIFO waits for a writer
/// forever, and a device or socket is no registry.
fn refuse_not_regular(path: &Path) -> Result<()> {
    use std::os::unix::fs::FileTypeExt;
    let meta = std::fs::metadata(path).context_path("cannot open database", path)?;
    let kind = meta.file_type();
    let what = if kind.is_file() {
        return Ok(());
    } else if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "not a regular file"
    };
    Err(Error::bad_request(format!(
        "{} is {what}, not an authgate registry: a registry is a regular file (it was not opened)",
        path.display()
    )))
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// A write-ahead log beside `path` that holds something.
fn wal_with_data(path: &Path) -> Option<PathBuf> {
    let wal = sibling(path, "-wal");
    std::fs::metadata(&wal)
        .is_ok_and(|m| m.len() > 0)
        .then_some(wal)
}

fn refuse_empty_with_wal(path: &Path) -> Result<()> {
    match wal_with_data(path) {
        Some(wal) => Err(Error::bad_request(format!(
            "{} is empty but a write-ahead log lies beside it ({}): the registry's data may be there, so authgate neither opens nor overwrites it (it was not changed)",
            path.display(),
            wal.display()
        ))),
        None => Ok(()),
    }
}

fn refuse_newer(path: &Path, version: usize) -> Result<()> {
    if version > schema_version() {
        return Err(Error::bad_request(format!(
            "the database {} has schema version {version}, newer than the version {} this authgate understands: upgrade authgate (the database was not changed)",
            path.display(),
            schema_version()
        )));
    }
    Ok(())
}

fn refuse_other_application(path: &Path, id: i32) -> Result<()> {
    if id == 0 || id == APPLICATION_ID {
        return Ok(());
    }
    let bytes = id.to_be_bytes();
    let ascii = if bytes.iter().all(|b| b.is_ascii_graphic()) {
        format!(" (\"{}\")", String::from_utf8_lossy(&bytes))
    } else {
        String::new()
    };
    Err(Error::bad_request(format!(
        "{} belongs to another application: its SQLite application id is {id:#010x}{ascii}, not authgate's {APPLICATION_ID:#010x}, so it is not an authgate registry (it was not changed)",
        path.display()
    )))
}

/// The SQLite header of `path`; `None` for an empty file. Refuses a file
/// that is not an SQLite database, naming it, before SQLite gets to touch it.
fn read_header(path: &Path) -> Result<Option<Header>> {
    use std::io::Read;
    let mut header = [0u8; 100];
    // Never blocks, even if the path became a FIFO since it was checked.
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .context_path("cannot open database", path)?;
    if !file
        .metadata()
        .context_path("cannot open database", path)?
        .is_file()
    {
        refuse_not_regular(path)?;
        return Err(Error::bad_request(format!(
            "{} changed while authgate read it (it was not changed)",
            path.display()
        )));
    }
    let mut n = 0;
    let mut reader = file.take(100);
    loop {
        let read = reader
            .read(&mut header[n..])
            .context_path("cannot read database", path)?;
        if read == 0 {
            break;
        }
        n += read;
    }
    if n == 0 {
        return Ok(None);
    }
    if n < 100 || header[..16] != *b"SQLite format 3\0" {
        return Err(Error::bad_request(format!(
            "{} is not a database: it is not an SQLite file, so not an authgate registry (it was not changed)",
            path.display()
        )));
    }
    let field = |at: usize| [header[at], header[at + 1], header[at + 2], header[at + 3]];
    Ok(Some(Header {
        user_version: u32::from_be_bytes(field(60)),
        application_id: i32::from_be_bytes(field(68)),
        // The file format versions, 2 and 2 once SQLite has switched the
        // database to WAL, which lasts until it is switched back.
        wal: header[18] == 2 && header[19] == 2,
    }))
}

/// What SQLite itself says of a database, read-only.
struct Inside {
    user_version: u32,
    application_id: i32,
    has_tables: bool,
}

fn read_inside(path: &Path) -> Result<Inside> {
    let absolute = std::path::absolute(path).context_path("cannot resolve", path)?;
    let mut uri = url::Url::from_file_path(&absolute)
        .map_err(|()| Error::internal(format!("cannot name {} as a URI", path.display())))?;
    match wal_with_data(path) {
        // The data may be in the WAL: read through it, which needs its
        // index; never create one.
        Some(wal) => {
            if !sibling(path, "-shm").exists() {
                return Err(Error::bad_request(format!(
                    "{} has no application id in its header and a write-ahead log ({}) without its index (-shm): authgate cannot tell whether it is a registry without changing files (it was not changed)",
                    path.display(),
                    wal.display()
                )));
            }
            uri.set_query(Some("mode=ro"));
        }
        // No WAL: the file is all there is, read without locks or writes.
        None => uri.set_query(Some("immutable=1")),
    }
    let conn = connect(
        uri.as_str(),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .context_path("cannot open database", path)?;
    let read = || -> rusqlite::Result<Inside> {
        Ok(Inside {
            user_version: conn.query_row("PRAGMA user_version", [], |r| r.get(0))?,
            application_id: conn.query_row("PRAGMA application_id", [], |r| r.get(0))?,
            has_tables: conn.query_row(
                "SELECT count(*) = 2 FROM sqlite_schema WHERE type = 'table' AND name IN ('api_keys', 'applications')",
                [],
                |r| r.get(0),
            )?,
        })
    };
    read().map_err(|e| {
        Error::bad_request(format!(
            "{} cannot be read as an SQLite database ({e}), so it is not an authgate registry (it was not changed)",
            path.display()
        ))
    })
}

/// Now, as stored: RFC 3339 UTC with milliseconds.
pub fn now() -> String {
    timestamp(crate::clock::now())
}

pub(crate) use crate::clock::timestamp;

/// A new time-ordered unique id.
pub(crate) fn new_id() -> String {
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
    fn the_sinks_table_loses_its_kind_check_and_keeps_its_rows_and_uniqueness() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        let before = STEPS
            .iter()
            .position(|s| *s == include_str!("schema_sink_kinds.sql"))
            .unwrap();
        Migrations::new(STEPS[..before].iter().map(|sql| M::up(sql)).collect())
            .to_latest(&mut conn)
            .unwrap();
        let insert = "INSERT INTO sinks (name, kind, url, root_key, created_at)
                      VALUES (?1, ?2, ?3, 'traefik', 'now')";
        conn.execute(insert, ["main", "redis", "redis://10.0.0.2:6379/0"])
            .unwrap();
        assert!(
            conn.execute(insert, ["e", "etcd", "http://10.0.0.3:2379"])
                .is_err(),
            "the CHECK before"
        );
        migrate(&mut conn).unwrap();
        let rows = sinks::all(&conn).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].name.as_str(), rows[0].kind.as_str()),
            ("main", "redis")
        );
        conn.execute(insert, ["e", "etcd", "http://10.0.0.3:2379"])
            .unwrap();
        assert!(
            conn.execute(insert, ["again", "redis", "redis://10.0.0.2:6379/0"])
                .is_err(),
            "one sink per URL and root key"
        );
        let strict: i64 = conn
            .query_row(
                "SELECT strict FROM pragma_table_list WHERE name = 'sinks'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(strict, 1);
    }

    #[test]
    fn a_writer_has_a_grown_wal_start_over_when_it_closes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        let wal = dir.path().join("a.db-wal");
        let size = || std::fs::metadata(&wal).unwrap().len();
        // The frames the WAL's header vouches for (its salts), from its start.
        let frames = || {
            let bytes = std::fs::read(&wal).unwrap();
            let salts = &bytes[16..24];
            let frame = 24 + 4096;
            (0..)
                .map(|i| 32 + i * frame)
                .take_while(|&at| at + frame <= bytes.len() && &bytes[at + 8..at + 16] == salts)
                .count()
        };
        let filler = "x".repeat(2 * WAL_LIMIT as usize);
        let mut store = Store::create(&path).unwrap();
        let tx = store.write_tx().unwrap();
        settings::set(&tx, "filler", &filler).unwrap();
        tx.commit().unwrap();
        assert!(size() > WAL_LIMIT);
        assert!(frames() > 250, "{}", frames());
        drop(store);
        // Copied into the database, and started over: one frame (the commit
        // that restarts it) in a file cut back to the limit.
        assert_eq!((size(), frames()), (WAL_LIMIT, 1));
        let mut store = Store::open(&path).unwrap();
        assert_eq!(
            settings::get(store.conn(), "filler").unwrap().as_deref(),
            Some(filler.as_str())
        );
        // The next commits overwrite the file rather than grow it.
        let tx = store.write_tx().unwrap();
        settings::set(&tx, "small", "1").unwrap();
        tx.commit().unwrap();
        drop(store);
        assert_eq!(size(), WAL_LIMIT);
        assert!((2..10).contains(&frames()), "{}", frames());
        let store = Store::open(&path).unwrap();
        assert_eq!(
            settings::get(store.conn(), "small").unwrap().as_deref(),
            Some("1")
        );
    }

    #[test]
    fn a_registry_is_in_wal_mode_once_open_whatever_its_header_said() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        let mode = |store: &Store| -> String {
            store
                .conn()
                .query_row("PRAGMA journal_mode", [], |r| r.get(0))
                .unwrap()
        };
        let header = || std::fs::read(&path).unwrap()[18..20].to_vec();
        drop(Store::create(&path).unwrap());
        assert_eq!(header(), [2, 2], "WAL, in the header");
        assert_eq!(inspect(&path).unwrap(), Found::Marked { wal: true });
        assert_eq!(mode(&Store::open(&path).unwrap()), "wal");
        // Switched back to a rollback journal behind authgate's back.
        let other = Connection::open(&path).unwrap();
        let _: String = other
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .unwrap();
        drop(other);
        assert_eq!(header(), [1, 1]);
        assert_eq!(inspect(&path).unwrap(), Found::Marked { wal: false });
        assert_eq!(mode(&Store::open(&path).unwrap()), "wal");
        assert_eq!(header(), [2, 2]);
    }
}
