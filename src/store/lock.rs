//! The registry's lock file: every process that opens the registry holds it
//! shared for as long as the registry is open, and `restore` replaces the
//! registry's content only while it holds it alone (ARCHITECTURE.md,
//! "Backup and restore").

use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Context, Error, Result};

/// How long an opening process waits for a restore to end.
const WAIT: Duration = super::BUSY_TIMEOUT;

/// A shared hold on the registry's lock file (`<database>.lock`, mode
/// 0600), released when dropped (the kernel releases it when the process
/// ends, however it ends).
#[derive(Debug)]
pub struct RegistryLock {
    file: File,
    path: PathBuf,
}

/// The lock file of a database.
pub(crate) fn path_of(db: &Path) -> PathBuf {
    // The lock of the file SQLite opens, however its path is spelled (a
    // symlink, `..`): processes must agree on it.
    let db = std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf());
    let mut path = db.into_os_string();
    path.push(".lock");
    PathBuf::from(path)
}

impl RegistryLock {
    /// Takes the lock shared, waiting while a restore holds it alone.
    pub fn shared(db: &Path) -> Result<RegistryLock> {
        let path = path_of(db);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&path)
            .context_path("cannot open the registry's lock file", &path)?;
        let started = Instant::now();
        loop {
            match file.try_lock_shared() {
                Ok(()) => return Ok(RegistryLock { file, path }),
                Err(TryLockError::WouldBlock) if started.elapsed() < WAIT => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(Error::conflict(format!(
                        "the registry {} is being restored (its lock file {} is held alone); try again once the restore is done",
                        db.display(),
                        path.display()
                    )));
                }
                Err(TryLockError::Error(e)) => {
                    return Err(e).context_path("cannot lock the registry's lock file", &path);
                }
            }
        }
    }

    /// Holds the lock alone, if no other process holds it: `false` when
    /// one does. Never waits. On `false` this process may have lost its
    /// shared hold too (the kernel does not convert a lock atomically).
    pub fn try_exclusive(&self) -> Result<bool> {
        match self.file.try_lock() {
            Ok(()) => Ok(true),
            Err(TryLockError::WouldBlock) => Ok(false),
            Err(TryLockError::Error(e)) => {
                Err(e).context_path("cannot lock the registry's lock file", &self.path)
            }
        }
    }

    /// Back to a shared hold, once the registry's content is whole again.
    pub fn share(&self) -> Result<()> {
        self.file
            .lock_shared()
            .context_path("cannot lock the registry's lock file", &self.path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}
