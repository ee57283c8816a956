//! The watched directory: one file per application, `<app_name>.yml`,
//! written atomically (temp file, fsync, rename, directory fsync), so
//! Traefik sees the old file or the new one. A file without authgate's
//! header is never overwritten or removed.

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions, Permissions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Change, Comparison, Finding, Foreign, Sink, Status};
use crate::error::{Error, Remedy, Result};
use crate::store::applications::Application;
use crate::traefik::{self, DynamicConfig, HEADER, rules};

/// How many temp files [`FileSink::write_many`] writes and fsyncs at once.
/// More threads only spin on the directory's lock (creating a file in a
/// directory is serialized by the kernel) once the fsyncs overlap.
const PARALLEL_WRITES: usize = 8;

/// Beyond this size a file in the watched directory is not read: it is
/// reported instead (authgate writes nothing near that large).
pub(crate) const MAX_READ: u64 = 4 * 1024 * 1024;

/// Why a file of the watched directory was not read.
#[derive(Debug)]
pub(crate) enum Unread {
    /// A FIFO (opening it would wait for a writer), a device, a socket or
    /// a directory.
    NotRegular,
    /// Larger than [`MAX_READ`].
    TooLarge,
    /// Not there, or the system refused.
    Io(std::io::Error),
}

impl std::fmt::Display for Unread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unread::NotRegular => f.write_str(
                "it is not a regular file (a FIFO, device, socket or directory), so it was not read",
            ),
            Unread::TooLarge => write!(f, "it is larger than {MAX_READ} bytes, so it was not read"),
            Unread::Io(e) => write!(f, "it cannot be read: {e}"),
        }
    }
}

impl Unread {
    fn is_not_found(&self) -> bool {
        matches!(self, Unread::Io(e) if e.kind() == std::io::ErrorKind::NotFound)
    }
}

/// Opens a file of the watched directory for reading, following symlinks
/// (as Traefik does), only when it is a regular file: a FIFO, a device or a
/// socket is never opened (opening a FIFO waits for a writer; reading a
/// device may never end). The open does not block and takes no terminal
/// even when the path is swapped for something else after the check, and
/// what was opened is checked again.
fn open_regular(path: &Path) -> std::result::Result<File, Unread> {
    if !std::fs::metadata(path).map_err(Unread::Io)?.is_file() {
        return Err(Unread::NotRegular);
    }
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(Unread::Io)?;
    if !file.metadata().map_err(Unread::Io)?.is_file() {
        return Err(Unread::NotRegular);
    }
    Ok(file)
}

/// At most the first `n` bytes of a regular file of the watched directory
/// (see [`open_regular`]): enough to tell authgate's header.
pub(crate) fn read_head(path: &Path, n: usize) -> std::result::Result<Vec<u8>, Unread> {
    use std::io::Read;
    let mut head = Vec::with_capacity(n);
    open_regular(path)?
        .take(n as u64)
        .read_to_end(&mut head)
        .map_err(Unread::Io)?;
    Ok(head)
}

/// A whole regular file of the watched directory (see [`open_regular`]),
/// when it holds at most [`MAX_READ`] bytes; never more is read.
pub(crate) fn read_bounded(path: &Path) -> std::result::Result<Vec<u8>, Unread> {
    use std::io::Read;
    let file = open_regular(path)?;
    if file.metadata().map_err(Unread::Io)?.len() > MAX_READ {
        return Err(Unread::TooLarge);
    }
    let mut bytes = Vec::new();
    file.take(MAX_READ + 1)
        .read_to_end(&mut bytes)
        .map_err(Unread::Io)?;
    if bytes.len() as u64 > MAX_READ {
        return Err(Unread::TooLarge);
    }
    Ok(bytes)
}

/// Subdirectories deeper than this are not followed (a symlink loop, say).
const MAX_DEPTH: usize = 16;

/// Every file under `dir` that Traefik loads and authgate did not write
/// (ARCHITECTURE.md, "Shared ground"). The top-level `<app>.yml` of an
/// existing application is authgate's place and is left to drift
/// detection, and so is any file that starts with authgate's header.
fn walk_foreign(
    top: &Path,
    dir: &Path,
    depth: usize,
    app_names: &HashSet<String>,
    out: &mut Vec<Foreign>,
) -> Result<()> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::internal(format!("cannot read directory {}: {e}", dir.display())))?;
    let unloadable = |path: PathBuf, why: String| Foreign {
        origin: path,
        provider: "file",
        read: Err(why),
    };
    for entry in entries {
        let entry = entry.map_err(|e| {
            Error::internal(format!("cannot read directory {}: {e}", dir.display()))
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // The names alone settle most entries, without a stat: the
        // directory entry's own type says whether to look further. A
        // publish looks at every entry of a directory of thousands.
        let kind = entry.file_type().ok();
        let may_be_dir = kind.is_none_or(|k| k.is_dir() || k.is_symlink());
        if !may_be_dir && !rules::loads(&name) {
            continue;
        }
        if dir == top
            && (name == STAGING
                || name
                    .strip_suffix(".yml")
                    .is_some_and(|app_name| app_names.contains(app_name)))
        {
            continue;
        }
        let path = entry.path();
        // Follows symlinks, as Traefik does.
        let Ok(meta) = std::fs::metadata(&path) else {
            if rules::loads(&name) {
                out.push(unloadable(path, "it is a dangling symlink".into()));
            }
            continue;
        };
        if meta.is_dir() {
            if depth < MAX_DEPTH {
                walk_foreign(top, &path, depth + 1, app_names, out)?;
            }
            continue;
        }
        if !rules::loads(&name) {
            continue;
        }
        if !meta.is_file() {
            out.push(unloadable(path, Unread::NotRegular.to_string()));
            continue;
        }
        // authgate's own files are told by their header, without reading
        // further; only the others are read whole (bounded).
        match read_head(&path, HEADER.len()) {
            Ok(head) if head == HEADER.as_bytes() => continue,
            Ok(_) => {}
            Err(why) => {
                out.push(unloadable(path, why.to_string()));
                continue;
            }
        }
        let read = match read_bounded(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => rules::definitions_of(&name, &text),
                Err(_) => Err("it is not valid UTF-8".to_string()),
            },
            Err(why) => Err(why.to_string()),
        };
        out.push(Foreign {
            origin: path,
            provider: "file",
            read,
        });
    }
    Ok(())
}

/// What an application's file holds, as far as a comparison can tell.
#[derive(Debug)]
pub enum Contents {
    Absent,
    Text(String),
    /// Why it was not read, or is not text.
    Unreadable(String),
}

/// Where writes are staged: a subdirectory of the watched directory.
/// Traefik's file provider watches the directory itself and not its
/// subdirectories (it reads them when it loads, and loads only `.yml`,
/// `.yaml` and `.toml` names), so a temp file written there reaches Traefik
/// as one event, the rename. A temp file in the directory itself was three
/// (create, write, rename): Traefik reloaded on the first, before the change
/// was there, and its `providersThrottleDuration` (2 s) held back the rest.
pub(crate) const STAGING: &str = ".authgate";

/// Traefik's watched directory.
#[derive(Debug, Clone)]
pub struct FileSink {
    pub dir: PathBuf,
    pub mode: u32,
    /// Whether writes go through [`STAGING`] (decided at the first write:
    /// not when it cannot be made, or is another file system, where a
    /// rename would fail with `EXDEV`).
    staged: std::sync::OnceLock<bool>,
}

impl FileSink {
    pub fn new(dir: PathBuf, mode: u32) -> FileSink {
        FileSink {
            dir,
            mode,
            staged: std::sync::OnceLock::new(),
        }
    }

    /// The staging subdirectory ([`STAGING`]).
    pub fn staging_dir(&self) -> PathBuf {
        self.dir.join(STAGING)
    }

    /// Whether writes can go through the staging subdirectory: it exists
    /// (made now, as the directory's own mode: a Traefik that reads the
    /// directory through its group reads it too) on the same file system.
    fn staged(&self) -> bool {
        *self.staged.get_or_init(|| {
            use std::os::unix::fs::MetadataExt;
            let staging = self.staging_dir();
            let made = match std::fs::symlink_metadata(&staging) {
                Ok(meta) => meta.is_dir(),
                Err(_) => {
                    crate::store::dirs::create(&staging, crate::store::dirs::TRAEFIK_DIR_MODE)
                        .is_ok()
                }
            };
            made && match (std::fs::metadata(&self.dir), std::fs::metadata(&staging)) {
                (Ok(dir), Ok(staging)) => dir.dev() == staging.dev(),
                _ => false,
            }
        })
    }

    /// Whether the staging subdirectory is another file system, so that
    /// writes go through a temp file in the directory itself (and Traefik
    /// may apply them up to its `providersThrottleDuration` later).
    pub fn staging_elsewhere(&self) -> bool {
        use std::os::unix::fs::MetadataExt;
        match (
            std::fs::metadata(&self.dir),
            std::fs::symlink_metadata(self.staging_dir()),
        ) {
            (Ok(dir), Ok(staging)) => !staging.is_dir() || dir.dev() != staging.dev(),
            _ => false,
        }
    }

    pub fn path_of(&self, app_name: &str) -> PathBuf {
        self.dir.join(format!("{app_name}.yml"))
    }

    /// The temp file a write goes through: a name Traefik does not load
    /// (hidden, ending in `.tmp`). It is fixed per application rather than
    /// random: writers hold the database's write lock, so two never share it,
    /// and a leftover from a killed process is simply replaced by the next
    /// write, with no directory scan.
    pub fn temp_path_of(&self, app_name: &str) -> PathBuf {
        let name = format!(".{app_name}.yml.tmp");
        if self.staged() {
            self.staging_dir().join(name)
        } else {
            self.dir.join(name)
        }
    }

    /// Writes the file atomically: the temp file, fsync, rename over the
    /// target, fsync the directory. Traefik sees the old file or the new one.
    pub fn write(&self, app_name: &str, contents: &str) -> Result<()> {
        self.require_dir()?;
        let tmp = self.write_temp(app_name, contents)?;
        self.rename_temp(app_name, &tmp)?;
        self.sync_dir()
    }

    /// Writes many files, each exactly as [`FileSink::write`] does (its own
    /// temp file, written, fsynced and renamed over the target), but with
    /// the fsyncs of the temp files running in parallel, and the directory
    /// fsynced once, after the last rename. An fsync mostly waits for the
    /// disk, and the filesystem's journal commits concurrent fsyncs
    /// together: thousands of files take a fraction of the time of one
    /// after the other. If writing a temp file fails, nothing is renamed
    /// and the temp files are removed; if a rename fails, the files before
    /// it are already replaced.
    pub fn write_many(&self, files: &[(&str, &str)]) -> Result<()> {
        if files.is_empty() {
            return Ok(());
        }
        self.require_dir()?;
        let next = AtomicUsize::new(0);
        let failure: Mutex<Option<Error>> = Mutex::new(None);
        let work = || {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((app_name, contents)) = files.get(i) else {
                    break;
                };
                if let Err(e) = self.write_temp(app_name, contents) {
                    // Stop every worker: they take no index past the end.
                    next.store(files.len(), Ordering::Relaxed);
                    failure
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .get_or_insert(e);
                    break;
                }
            }
        };
        std::thread::scope(|scope| {
            for _ in 1..files.len().min(PARALLEL_WRITES) {
                // Without another thread, this one does the work.
                if std::thread::Builder::new()
                    .spawn_scoped(scope, work)
                    .is_err()
                {
                    break;
                }
            }
            work();
        });
        if let Some(e) = failure.into_inner().unwrap_or_else(|p| p.into_inner()) {
            for (app_name, _) in files {
                let _ = std::fs::remove_file(self.temp_path_of(app_name));
            }
            return Err(e);
        }
        for (app_name, _) in files {
            self.rename_temp(app_name, &self.temp_path_of(app_name))?;
        }
        self.sync_dir()
    }

    fn require_dir(&self) -> Result<()> {
        if self.dir.is_dir() {
            Ok(())
        } else {
            Err(Error::internal(format!(
                "the Traefik directory {} does not exist (or is not a directory)",
                self.dir.display()
            ))
            .remedy(Remedy::CreateTraefikDirectory))
        }
    }

    /// Writes and fsyncs the temp file of an application; on failure it is
    /// removed.
    fn write_temp(&self, app_name: &str, contents: &str) -> Result<PathBuf> {
        let tmp = self.temp_path_of(app_name);
        // A leftover (or something planted under the name, such as a
        // symlink) is removed, never followed; then the file must be new.
        match std::fs::remove_file(&tmp) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::internal(format!(
                    "cannot remove stale temp file {}: {e}",
                    tmp.display()
                )));
            }
            _ => {}
        }
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(self.mode)
            .open(&tmp)
            .map_err(|e| {
                Error::internal(format!("cannot create temp file {}: {e}", tmp.display()))
            })?;
        let written = file
            .set_permissions(Permissions::from_mode(self.mode))
            .and_then(|()| file.write_all(contents.as_bytes()))
            .and_then(|()| file.sync_all());
        drop(file);
        match written {
            Ok(()) => Ok(tmp),
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                Err(self.write_failed(app_name, e))
            }
        }
    }

    /// Renames a written temp file over the application's file; on failure
    /// the temp file is removed.
    fn rename_temp(&self, app_name: &str, tmp: &Path) -> Result<()> {
        std::fs::rename(tmp, self.path_of(app_name)).map_err(|e| {
            let _ = std::fs::remove_file(tmp);
            self.write_failed(app_name, e)
        })
    }

    fn write_failed(&self, app_name: &str, e: std::io::Error) -> Error {
        Error::internal(format!(
            "cannot write {}: {e}",
            self.path_of(app_name).display()
        ))
    }

    /// Removes an application's file; a file already gone is fine.
    /// Whether an application's path holds something authgate did not
    /// write: a file without authgate's header, or anything that is not a
    /// regular file. authgate never overwrites or removes it.
    pub fn is_foreign(&self, app_name: &str) -> Result<bool> {
        let path = self.path_of(app_name);
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => {
                return Err(Error::internal(format!(
                    "cannot read {}: {e}",
                    path.display()
                )));
            }
        };
        if !meta.is_file() {
            return Ok(true);
        }
        match read_head(&path, HEADER.len()) {
            Ok(head) => Ok(head != HEADER.as_bytes()),
            // Swapped for something else since the look.
            Err(Unread::NotRegular) => Ok(true),
            Err(gone) if gone.is_not_found() => Ok(false),
            Err(e) => Err(Error::internal(format!(
                "cannot read {}: {e}",
                path.display()
            ))),
        }
    }

    /// Refuses to go on when an application's path holds a file authgate did
    /// not write (see [`FileSink::is_foreign`]).
    pub fn require_own(&self, app_name: &str) -> Result<()> {
        self.require_dir()?;
        if self.is_foreign(app_name)? {
            return Err(Error::conflict(format!(
                "{} exists and was not written by authgate (it has no authgate header); authgate never overwrites or removes it: move it away, or choose another app name",
                self.path_of(app_name).display()
            )));
        }
        Ok(())
    }

    /// Removes an application's file; a file authgate did not write is left
    /// alone.
    pub fn remove(&self, app_name: &str) -> Result<()> {
        if self.is_foreign(app_name)? {
            return Ok(());
        }
        // A temp file left by a write that was killed goes with the file,
        // wherever it was written; a removal makes no staging directory,
        // and never follows one that is not a plain directory.
        let name = format!(".{app_name}.yml.tmp");
        if std::fs::symlink_metadata(self.staging_dir()).is_ok_and(|m| m.is_dir()) {
            let _ = std::fs::remove_file(self.staging_dir().join(&name));
        }
        let _ = std::fs::remove_file(self.dir.join(&name));
        let target = self.path_of(app_name);
        match std::fs::remove_file(&target) {
            Ok(()) => self.sync_dir(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::internal(format!(
                "cannot remove {}: {e}",
                target.display()
            ))),
        }
    }

    /// What an application's file holds: never more than [`MAX_READ`]
    /// bytes are read, and only from a regular file.
    pub fn contents(&self, app_name: &str) -> Result<Contents> {
        let path = self.path_of(app_name);
        match read_bounded(&path) {
            Ok(bytes) => Ok(match String::from_utf8(bytes) {
                Ok(text) => Contents::Text(text),
                Err(_) => Contents::Unreadable("it is not valid UTF-8".to_string()),
            }),
            Err(gone) if gone.is_not_found() => Ok(Contents::Absent),
            Err(Unread::Io(e)) => Err(Error::internal(format!(
                "cannot read {}: {e}",
                path.display()
            ))),
            Err(why) => Ok(Contents::Unreadable(why.to_string())),
        }
    }

    /// An application's file, as text (see [`FileSink::contents`]).
    pub fn read(&self, app_name: &str) -> Result<Option<String>> {
        match self.contents(app_name)? {
            Contents::Absent => Ok(None),
            Contents::Text(text) => Ok(Some(text)),
            Contents::Unreadable(why) => Err(Error::internal(format!(
                "cannot read {}: {why}",
                self.path_of(app_name).display()
            ))),
        }
    }

    /// What writing `after` as an application's file (or with `None`,
    /// removing it) would change. A file authgate did not write is never
    /// removed (and never written: `prepare` refuses that first), so it
    /// counts as none.
    fn change(&self, app_name: &str, after: Option<String>) -> Result<Change> {
        let before = if self.is_foreign(app_name)? {
            None
        } else {
            // A file too large or not text is what the real run replaces.
            match self.contents(app_name)? {
                Contents::Absent => None,
                Contents::Text(text) => Some(text),
                Contents::Unreadable(why) => Some(format!("<unreadable: {why}>\n")),
            }
        };
        Ok(Change::File {
            name: format!("{app_name}.yml"),
            path: self.path_of(app_name),
            before,
            after,
        })
    }

    fn sync_dir(&self) -> Result<()> {
        File::open(&self.dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| {
                Error::internal(format!("cannot sync directory {}: {e}", self.dir.display()))
            })
    }
}

impl Sink for FileSink {
    fn provider(&self) -> &'static str {
        "file"
    }

    fn foreign(&self, app_names: &HashSet<String>) -> Result<Vec<Foreign>> {
        let mut out = Vec::new();
        walk_foreign(&self.dir, &self.dir, 0, app_names, &mut out)?;
        out.sort_by(|a, b| a.origin.cmp(&b.origin));
        Ok(out)
    }

    fn prepare(&self, app_name: &str) -> Result<()> {
        self.require_own(app_name)
    }

    fn publish(&self, app: &Application, config: Option<&DynamicConfig>) -> Result<()> {
        match config {
            Some(config) => self.write(&app.app_name, &traefik::to_yaml(app, config)?),
            None => self.remove(&app.app_name),
        }
    }

    fn unpublish(&self, app_name: &str) -> Result<()> {
        self.remove(app_name)
    }

    fn preview(&self, app: &Application, config: Option<&DynamicConfig>) -> Result<Change> {
        let after = config.map(|c| traefik::to_yaml(app, c)).transpose()?;
        self.change(&app.app_name, after)
    }

    fn preview_unpublish(&self, app_name: &str) -> Result<Change> {
        self.change(app_name, None)
    }

    fn compare(&self) -> Result<Box<dyn Comparison + '_>> {
        Ok(Box::new(FileComparison {
            sink: self,
            known: HashSet::new(),
            findings: Vec::new(),
            contents: HashMap::new(),
        }))
    }
}

/// Whether a directory entry is one of authgate's temp files
/// (`.<app>.yml.tmp`), which Traefik does not load.
pub(crate) fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp") && name.contains(".yml.")
}

/// A comparison of the directory with the database.
struct FileComparison<'s> {
    sink: &'s FileSink,
    known: HashSet<String>,
    findings: Vec<Finding>,
    /// App name → what its file should hold, for the findings that need a
    /// file written.
    contents: HashMap<String, String>,
}

impl Comparison for FileComparison<'_> {
    fn expect(&mut self, app: &Application, config: Option<&DynamicConfig>) -> Result<()> {
        let app_name = &app.app_name;
        self.known.insert(app_name.clone());
        let finding = |status, detail: &str| Finding {
            path: self.sink.path_of(app_name),
            app_name: Some(app_name.clone()),
            status,
            detail: detail.to_string(),
        };
        if self.sink.is_foreign(app_name)? {
            self.findings.push(finding(
                Status::Foreign,
                "a file authgate did not write has this application's name; authgate leaves it alone: move it away, then run `authgate sync`",
            ));
            return Ok(());
        }
        let want = config.map(|c| traefik::to_yaml(app, c)).transpose()?;
        let have = match self.sink.contents(app_name)? {
            Contents::Absent => None,
            Contents::Text(text) => Some(text),
            Contents::Unreadable(why) => {
                self.findings.push(finding(
                    Status::Different,
                    &format!("the file starts with authgate's header, but {why}"),
                ));
                if let Some(want) = want {
                    self.contents.insert(app_name.clone(), want);
                }
                return Ok(());
            }
        };
        let found = match (&want, have) {
            (Some(_), None) => Some(finding(Status::Missing, "the file does not exist")),
            (Some(want), Some(have)) if *want != have => Some(finding(
                Status::Different,
                &format!(
                    "the file differs from the database (edited by hand, or stale): {}",
                    traefik::diff::describe_difference(want, &have)
                ),
            )),
            (None, Some(_)) => Some(finding(
                Status::Different,
                "the application has nothing to route or protect, so it should have no file",
            )),
            _ => None,
        };
        if let Some(found) = found {
            self.findings.push(found);
            if let Some(want) = want {
                self.contents.insert(app_name.clone(), want);
            }
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, repair: bool) -> Result<Vec<Finding>> {
        let dir = &self.sink.dir;
        let entries = std::fs::read_dir(dir).map_err(|e| {
            Error::internal(format!("cannot read directory {}: {e}", dir.display()))
        })?;
        let mut extra = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| {
                Error::internal(format!("cannot read directory {}: {e}", dir.display()))
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
                && !self.known.contains(app_name)
                && !self.sink.is_foreign(app_name)?
            {
                extra.push(Finding {
                    path: entry.path(),
                    app_name: Some(app_name.to_string()),
                    status: Status::Orphaned,
                    detail: "authgate file for which no application exists".to_string(),
                });
            }
        }
        // Leftovers of writes staged in the subdirectory, which holds
        // nothing else of authgate's.
        if let Ok(entries) = std::fs::read_dir(self.sink.staging_dir()) {
            for entry in entries.flatten() {
                if is_temp_name(&entry.file_name().to_string_lossy()) {
                    extra.push(Finding {
                        path: entry.path(),
                        app_name: None,
                        status: Status::Temp,
                        detail: "temp file left by an interrupted write".to_string(),
                    });
                }
            }
        }
        if self.sink.staging_elsewhere() {
            extra.push(Finding {
                path: self.sink.staging_dir(),
                app_name: None,
                status: Status::StagingElsewhere,
                detail: "not a directory on the Traefik directory's file system: changes go through a temp file in the directory itself, and Traefik may apply them up to its providersThrottleDuration (2 s) later; make it a plain subdirectory".to_string(),
            });
        }
        extra.sort_by(|a, b| a.path.cmp(&b.path));
        self.findings.extend(extra);
        if repair && !self.findings.is_empty() {
            self.repair()?;
        }
        Ok(self.findings)
    }
}

impl FileComparison<'_> {
    /// Rewrites or removes application files, removes orphans and temp
    /// files. The files to rewrite are written together (see
    /// [`FileSink::write_many`]).
    fn repair(&self) -> Result<()> {
        let writes: Vec<(&str, &str)> = self
            .findings
            .iter()
            .filter_map(|f| {
                let app_name = f.app_name.as_deref()?;
                let text = self.contents.get(app_name)?;
                matches!(f.status, Status::Missing | Status::Different)
                    .then_some((app_name, text.as_str()))
            })
            .collect();
        self.sink.write_many(&writes)?;
        for f in self.findings.iter().filter(|f| f.status.is_repairable()) {
            match (f.status, &f.app_name) {
                (Status::Missing | Status::Different, Some(app_name)) => {
                    if !self.contents.contains_key(app_name) {
                        self.sink.remove(app_name)?;
                    }
                }
                (Status::Orphaned, Some(app_name)) => self.sink.remove(app_name)?,
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_opened_and_reads_are_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.yml");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let zero = dir.path().join("zero.yml");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let sub = dir.path().join("a.yml");
        std::fs::create_dir(&sub).unwrap();
        // Opening the FIFO would wait for a writer, and /dev/zero never ends.
        for path in [&fifo, &zero, &sub] {
            assert!(
                matches!(read_head(path, 64), Err(Unread::NotRegular)),
                "{path:?}"
            );
            assert!(
                matches!(read_bounded(path), Err(Unread::NotRegular)),
                "{path:?}"
            );
        }
        let big = dir.path().join("big.yml");
        std::fs::write(&big, vec![b'x'; MAX_READ as usize + 1]).unwrap();
        assert!(matches!(read_bounded(&big), Err(Unread::TooLarge)));
        assert_eq!(read_head(&big, 3).unwrap(), b"xxx");
        let exact = dir.path().join("exact.yml");
        std::fs::write(&exact, vec![b'y'; MAX_READ as usize]).unwrap();
        assert_eq!(read_bounded(&exact).unwrap().len() as u64, MAX_READ);
        let missing = read_bounded(&dir.path().join("missing.yml")).unwrap_err();
        assert!(missing.is_not_found());
    }

    #[test]
    fn write_many_writes_every_file_through_its_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let sink = FileSink::new(dir.path().to_path_buf(), 0o640);
        sink.write("app3", "old\n").unwrap();
        let names: Vec<String> = (0..40).map(|i| format!("app{i}")).collect();
        let texts: Vec<String> = names.iter().map(|n| format!("{n}\n")).collect();
        let files: Vec<(&str, &str)> = names
            .iter()
            .zip(&texts)
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        sink.write_many(&files).unwrap();
        for (name, text) in &files {
            assert_eq!(sink.read(name).unwrap().as_deref(), Some(*text));
            let mode = std::fs::metadata(sink.path_of(name))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        let entries = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(
            entries,
            files.len() + 1,
            "the files and the staging directory"
        );
        let staged = std::fs::read_dir(sink.staging_dir()).unwrap().count();
        assert_eq!(staged, 0, "no temp file is left");
        sink.write_many(&[]).unwrap();
    }

    #[test]
    fn a_removal_makes_no_staging_directory_and_takes_left_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let header = format!("{}\n", crate::traefik::HEADER);
        std::fs::write(dir.path().join("gone.yml"), &header).unwrap();
        std::fs::write(dir.path().join(".gone.yml.tmp"), "half").unwrap();
        let sink = FileSink::new(dir.path().to_path_buf(), 0o640);
        sink.remove("gone").unwrap();
        assert!(!dir.path().join(".authgate").exists());
        assert!(!dir.path().join("gone.yml").exists());
        assert!(!dir.path().join(".gone.yml.tmp").exists());
        // Written through the staging directory, a left temp file there
        // goes too.
        sink.write("other", &header).unwrap();
        std::fs::write(dir.path().join(".authgate/.other.yml.tmp"), "half").unwrap();
        sink.remove("other").unwrap();
        assert!(!dir.path().join(".authgate/.other.yml.tmp").exists());
    }

    #[test]
    fn write_many_into_a_missing_directory_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let sink = FileSink::new(dir.path().join("missing"), 0o640);
        let err = sink.write_many(&[("a", "a\n"), ("b", "b\n")]).unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
        assert!(!sink.dir.exists());
    }

    #[test]
    fn write_many_renames_nothing_when_a_temp_file_cannot_be_written() {
        let dir = tempfile::tempdir().unwrap();
        let sink = FileSink::new(dir.path().to_path_buf(), 0o640);
        sink.write("c", "old c\n").unwrap();
        // A directory where b's temp file goes: it cannot be opened as a file.
        std::fs::create_dir(sink.temp_path_of("b")).unwrap();
        let err = sink
            .write_many(&[("a", "a\n"), ("b", "b\n"), ("c", "c\n")])
            .unwrap_err();
        assert!(err.to_string().contains(".b.yml.tmp"), "{err}");
        assert_eq!(sink.read("a").unwrap(), None);
        assert_eq!(sink.read("c").unwrap().as_deref(), Some("old c\n"));
        assert!(!sink.temp_path_of("a").exists() && !sink.temp_path_of("c").exists());
    }
}
