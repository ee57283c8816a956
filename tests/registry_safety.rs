//! The registry's own safety: private directories, refusing databases that
//! are not authgate's without writing a byte, backup and restore, and reads
//! that never wait behind a writer.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use crate::common::{Registry, TEST_COST};

/// authgate's application id: "AGat".
const APPLICATION_ID: i32 = 0x4147_6174;

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path)
        .unwrap()
        .permissions()
        .mode()
        & 0o7777
}

/// Runs the binary under `umask 000`, with the registry's environment.
fn under_umask_000(r: &Registry, args: &[&str]) -> Output {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 000; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_authgate"))
        .args(args)
        .env_clear()
        .envs(r.environment())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "authgate {args:?} under umask 000: {out:?}"
    );
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        out.push(path.clone());
        if entry.file_type().unwrap().is_dir() {
            walk(&path, out);
        }
    }
}

#[test]
fn everything_authgate_creates_is_private_whatever_the_umask() {
    let r = Registry::empty();
    under_umask_000(&r, &["init", "--cost", TEST_COST]);
    under_umask_000(
        &r,
        &[
            "app",
            "add",
            "--app-name",
            "shop",
            "--domain",
            "shop.example.com",
            "--upstream",
            "http://10.0.0.5:3000",
        ],
    );
    under_umask_000(
        &r,
        &[
            "create",
            "--app",
            "shop",
            "--username",
            "admin",
            "--generate",
        ],
    );
    let snapshot = r.home().join("backups/nightly/authgate.db");
    under_umask_000(&r, &["backup", snapshot.to_str().unwrap()]);
    let mut all = vec![r.home()];
    walk(&r.home(), &mut all);
    let mut dirs = 0;
    let mut files = 0;
    for path in &all {
        let meta = std::fs::symlink_metadata(path).unwrap();
        if meta.is_dir() {
            dirs += 1;
            let expected = if *path == r.traefik_dir() || *path == r.traefik_dir().join(".authgate")
            {
                0o750
            } else {
                0o700
            };
            assert_eq!(mode(path), expected, "{}", path.display());
        } else {
            files += 1;
            let expected = if path.extension().is_some_and(|e| e == "yml") {
                0o640
            } else {
                0o600
            };
            assert_eq!(mode(path), expected, "{}", path.display());
        }
    }
    // home, .config, .config/authgate, .local, .local/share,
    // .local/share/authgate, traefik, traefik/.authgate (where writes are
    // staged), backups, backups/nightly.
    assert_eq!(dirs, 10, "{all:#?}");
    // credentials, the database (with -wal, -shm and the lock file),
    // shop.yml, the snapshot.
    assert!(files >= 5, "{all:#?}");
    assert_eq!(mode(&r.file("shop")), 0o640);
    assert_eq!(mode(&snapshot), 0o600);
}

#[test]
fn directories_that_exist_already_are_left_alone() {
    let r = Registry::empty();
    let share = r.home().join(".local/share");
    std::fs::create_dir_all(&share).unwrap();
    std::fs::set_permissions(&share, std::fs::Permissions::from_mode(0o755)).unwrap();
    r.run(["init", "--cost", TEST_COST]).ok();
    assert_eq!(mode(&share), 0o755);
    assert_eq!(mode(&share.join("authgate")), 0o700);
    assert_eq!(mode(&r.traefik_dir()), 0o750);
}

/// The database and what SQLite and authgate keep beside it: each file's
/// bytes, or `None` where there is no file.
fn beside(db: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    ["", "-wal", "-shm", "-journal", ".lock"]
        .iter()
        .map(|suffix| {
            let path = format!("{}{suffix}", db.display());
            (path.clone(), std::fs::read(&path).ok())
        })
        .collect()
}

/// Runs commands against `db` that must all be refused with exit 1 and a
/// message holding `says`, and checks that not a byte changed beside it.
#[track_caller]
fn refused_unchanged(r: &Registry, db: &Path, says: &[&str]) {
    let before = beside(db);
    let db_arg = db.to_str().unwrap();
    for args in [
        vec!["list"],
        vec!["app", "list"],
        vec!["create", "--app", "shop", "--username", "x", "--generate"],
        vec!["sync"],
        vec!["backup", "/nonexistent/never"],
    ] {
        let ran = r
            .run(["--db", db_arg])
            .args(&args)
            .code(2)
            .stderr_has(db_arg);
        for needle in says {
            let ran = r.run(["--db", db_arg]).args(&args).code(2);
            if !ran.stderr().contains(needle) {
                ran.fail(format_args!("stderr lacks {needle:?}"));
            }
        }
        if !ran.stderr().contains("not changed") {
            ran.fail("the message does not say that nothing was changed");
        }
        assert_eq!(
            before,
            beside(db),
            "authgate {args:?} changed {}",
            db.display()
        );
    }
    // The same through AUTHGATE_DB.
    r.run(["list"]).env("AUTHGATE_DB", db).code(2);
    assert_eq!(before, beside(db));
}

#[test]
fn an_unrelated_sqlite_database_is_refused_without_a_byte_written() {
    let r = Registry::new();
    let db = r.dir.path().join("notes.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');")
        .unwrap();
    drop(conn);
    refused_unchanged(
        &r,
        &db,
        &["without authgate's tables", "not an authgate registry"],
    );
    // init does not take it over either.
    let before = beside(&db);
    r.run(["--db", db.to_str().unwrap(), "init", "--credentials-file"])
        .arg(r.dir.path().join("other-key"))
        .code(2)
        .stderr_has("not an authgate registry");
    assert_eq!(before, beside(&db));
    assert!(!r.dir.path().join("other-key").exists());
}

#[test]
fn another_applications_database_is_refused_without_a_byte_written() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a password of alice");
    r.sql()
        .pragma_update(None, "application_id", 0x1234_5678)
        .unwrap();
    refused_unchanged(&r, &r.db(), &["another application", "0x12345678"]);
}

#[test]
fn a_database_of_a_newer_schema_is_refused_before_any_pragma_writes() {
    let r = Registry::with_app();
    r.sql().pragma_update(None, "user_version", 99).unwrap();
    refused_unchanged(&r, &r.db(), &["schema version 99", "upgrade authgate"]);
}

#[test]
fn an_empty_file_is_never_taken_as_a_new_registry() {
    let r = Registry::new();
    let db = r.dir.path().join("other.db");
    std::fs::write(&db, b"").unwrap();
    refused_unchanged(&r, &db, &["empty file", "authgate init"]);
    assert_eq!(std::fs::metadata(&db).unwrap().len(), 0);
    r.run(["--db", db.to_str().unwrap(), "list"])
        .code(2)
        .stderr_has("hint: run `authgate init` first");
}

#[test]
fn an_empty_file_with_a_wal_beside_it_is_never_opened_nor_overwritten() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a password of alice");
    // A registry whose data is all in its WAL: the main file emptied.
    let db = r.dir.path().join("crashed.db");
    let wal = r.dir.path().join("crashed.db-wal");
    std::fs::write(&db, b"").unwrap();
    std::fs::write(&wal, std::fs::read(r.db()).unwrap()).unwrap();
    refused_unchanged(&r, &db, &["write-ahead log", "crashed.db-wal"]);
    // init refuses it too, rather than making a new registry over it.
    let before = beside(&db);
    r.run(["--db", db.to_str().unwrap(), "init", "--credentials-file"])
        .arg(r.dir.path().join("other-key"))
        .code(2)
        .stderr_has("write-ahead log");
    assert_eq!(before, beside(&db));
}

#[test]
fn init_takes_an_empty_file_without_a_wal() {
    let r = Registry::empty();
    std::fs::create_dir_all(r.db().parent().unwrap()).unwrap();
    std::fs::write(r.db(), b"").unwrap();
    r.run(["init", "--cost", TEST_COST]).ok();
    r.run(["app", "list"]).ok();
}

#[test]
fn init_marks_the_registry_with_authgates_application_id_in_the_file_header() {
    let r = Registry::new();
    let header = std::fs::read(r.db()).unwrap();
    assert_eq!(&header[68..72], b"AGat");
    let id: i32 = r
        .sql()
        .query_row("PRAGMA application_id", [], |row| row.get(0))
        .unwrap();
    assert_eq!(id, APPLICATION_ID);
}

#[test]
fn a_registry_from_before_the_application_id_is_accepted_and_marked() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a password of alice");
    r.sql().pragma_update(None, "application_id", 0).unwrap();
    assert_eq!(&std::fs::read(r.db()).unwrap()[68..72], &[0, 0, 0, 0]);
    r.run(["list", "-q"]).ok();
    let id: i32 = r
        .sql()
        .query_row("PRAGMA application_id", [], |row| row.get(0))
        .unwrap();
    assert_eq!(id, APPLICATION_ID);
    assert_eq!(&std::fs::read(r.db()).unwrap()[68..72], b"AGat");
    assert_eq!(r.count("SELECT count(*) FROM security"), 1);
}

/// Usernames of every credential in a database file, sorted.
fn usernames_in(db: &Path) -> Vec<String> {
    let uri = format!("file:{}?immutable=1", db.display());
    let conn = rusqlite::Connection::open_with_flags(
        uri,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI,
    )
    .unwrap();
    let mut stmt = conn
        .prepare("SELECT username FROM security ORDER BY username")
        .unwrap();
    stmt.query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn usernames(r: &Registry) -> Vec<String> {
    let conn = r.sql();
    let mut stmt = conn
        .prepare("SELECT username FROM security ORDER BY username")
        .unwrap();
    stmt.query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn published_usernames(r: &Registry, app: &str) -> Vec<String> {
    let mut names: Vec<String> = r
        .users(app)
        .into_iter()
        .map(|entry| entry.split(':').next().unwrap().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn backup_while_writers_run_and_restore_brings_back_exactly_the_snapshot() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a password of alice");
    let snapshot = r.dir.path().join("backups/authgate.db");
    std::thread::scope(|scope| {
        let writers: Vec<_> = (0..3)
            .map(|w| {
                let r = &r;
                scope.spawn(move || {
                    for i in 0..6 {
                        r.run(["create", "--app", "shop", "--username"])
                            .arg(format!("writer{w}-{i}"))
                            .args(["--password-stdin", "--cost", TEST_COST])
                            .stdin(format!("password of writer {w} number {i}"))
                            .ok();
                    }
                })
            })
            .collect();
        // Once the writers are under way.
        let started = Instant::now();
        while r.count("SELECT count(*) FROM security") < 3 && started.elapsed() < TIMEOUT {
            std::thread::sleep(Duration::from_millis(20));
        }
        r.run(["backup"])
            .arg(&snapshot)
            .ok()
            .stderr_has("mode 0600");
        for w in writers {
            w.join().unwrap();
        }
    });
    assert_eq!(mode(&snapshot), 0o600);
    assert!(
        !r.dir.path().join("backups/authgate.db-wal").exists(),
        "a snapshot is one file"
    );
    let saved = usernames_in(&snapshot);
    assert!(saved.contains(&"admin".to_string()), "{saved:?}");
    assert!(saved.len() >= 3, "{saved:?}");
    let now = usernames(&r);
    assert_eq!(now.len(), 19);
    assert!(saved.iter().all(|u| now.contains(u)), "{saved:?} {now:?}");

    // More changes after the snapshot: a deletion, a rotation, another
    // application.
    r.run(["delete", "--app", "shop", "--username", "admin"])
        .ok();
    r.run([
        "update",
        "--app",
        "shop",
        "--username",
        "writer0-0",
        "--generate",
    ])
    .ok();
    r.ok(&["app", "add", "--app-name", "blog"]);
    r.add_credential("blog", "editor", "a password of the editor");
    assert!(r.file("blog").exists());
    let rotated_before = r.count(
        "SELECT count(*) FROM security WHERE username = 'writer0-0' AND updated_at > created_at",
    );
    assert_eq!(rotated_before, 1);

    let ran = r.run(["restore"]).arg(&snapshot).ok();
    let ran = ran.stderr_has("installation owners: alice");
    assert_eq!(usernames(&r), saved);
    assert_eq!(published_usernames(&r, "shop"), saved);
    assert!(!r.file("blog").exists(), "the snapshot has no blog: {ran}");
    assert_eq!(
        r.count("SELECT count(*) FROM applications WHERE app_name = 'blog'"),
        0
    );
    // The intent the restored registry came with ended with the repair.
    assert_eq!(r.count("SELECT count(*) FROM publish_intents"), 0);
    r.run(["check"]).ok();
    // The restore is audited in the restored registry, by the one who did it.
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE action = 'restore' AND outcome = 'ok' AND actor_name = 'alice'"),
        1
    );
    // The owner's key still works, and the registry is a registry.
    r.run(["app", "list"]).ok().stdout_has("shop");
    assert_eq!(&std::fs::read(r.db()).unwrap()[68..72], b"AGat");
}

const TIMEOUT: Duration = Duration::from_secs(60);

#[test]
fn backup_refuses_to_overwrite_unless_forced_and_is_for_installation_owners() {
    let r = Registry::with_app();
    let snapshot = r.dir.path().join("snap.db");
    std::fs::write(&snapshot, b"precious").unwrap();
    r.run(["backup"])
        .arg(&snapshot)
        .code(5)
        .stderr_has("exists already")
        .stderr_has("--force");
    assert_eq!(std::fs::read(&snapshot).unwrap(), b"precious");
    r.run(["backup", "--force"]).arg(&snapshot).ok();
    assert_eq!(
        &std::fs::read(&snapshot).unwrap()[..16],
        b"SQLite format 3\0"
    );
    assert_eq!(mode(&snapshot), 0o600);
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE action = 'backup' AND outcome = 'ok'"),
        1
    );

    let bob = r.add_user("bob", "admin");
    let other = r.dir.path().join("bob.db");
    r.run(["backup"])
        .arg(&other)
        .as_key(&bob)
        .code(4)
        .stderr_has("installation");
    assert!(!other.exists());
    r.run(["restore"])
        .arg(&snapshot)
        .as_key(&bob)
        .code(4)
        .stderr_has("installation");
}

#[test]
fn restore_refuses_what_is_not_a_whole_authgate_registry_and_changes_nothing() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a password of alice");
    let foreign = r.dir.path().join("notes.db");
    let conn = rusqlite::Connection::open(&foreign).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT);")
        .unwrap();
    drop(conn);
    let text = r.dir.path().join("text.db");
    std::fs::write(
        &text,
        "not a database at all, but long enough to have a header ".repeat(4),
    )
    .unwrap();
    let empty = r.dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let other_app = r.dir.path().join("other-app.db");
    r.run(["backup"]).arg(&other_app).ok();
    let conn = rusqlite::Connection::open(&other_app).unwrap();
    conn.pragma_update(None, "application_id", 7).unwrap();
    drop(conn);
    let cases: [(&Path, &str); 5] = [
        (&foreign, "without authgate's tables"),
        (&text, "not an SQLite file"),
        (&empty, "empty file"),
        (&other_app, "another application"),
        (&r.db(), "the registry itself"),
    ];
    for (snapshot, says) in cases {
        let before_snapshot = beside(snapshot);
        let before = r.all_bytes();
        r.run(["restore"])
            .arg(snapshot)
            .code(2)
            .stderr_has(says)
            .stderr_has(snapshot.to_str().unwrap());
        assert_eq!(before_snapshot, beside(snapshot), "{}", snapshot.display());
        assert!(
            before == r.all_bytes(),
            "restore {} changed the registry",
            snapshot.display()
        );
    }
    r.run(["restore", "/nonexistent/snapshot.db"]).code(2);
}

/// Whether some process holds a `flock` on `path` (Linux's /proc/locks,
/// whose lines name a file as MAJOR:MINOR:INODE).
fn flocked(path: &Path) -> bool {
    let inode = format!(":{}", std::fs::metadata(path).unwrap().ino());
    std::fs::read_to_string("/proc/locks")
        .unwrap_or_default()
        .lines()
        .any(|l| l.contains("FLOCK") && l.split_whitespace().any(|f| f.ends_with(&inode)))
}

#[test]
fn restore_is_refused_while_another_authgate_process_has_the_registry_open() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a password of alice");
    let snapshot = r.dir.path().join("snap.db");
    r.run(["backup"]).arg(&snapshot).ok();
    r.add_credential("shop", "after", "a password after the backup");
    let lock_file = PathBuf::from(format!("{}.lock", r.db().display()));
    // A writer that waits behind the test's write lock, holding the
    // registry open meanwhile.
    let blocker = r.sql();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    std::thread::scope(|scope| {
        let late = scope.spawn(|| {
            r.run([
                "create",
                "--app",
                "shop",
                "--username",
                "late",
                "--password-stdin",
            ])
            .stdin("a password that comes late")
            .ok();
        });
        let started = Instant::now();
        while !flocked(&lock_file) {
            assert!(
                started.elapsed() < TIMEOUT,
                "the writer never opened the registry"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let ran = r
            .run(["restore"])
            .arg(&snapshot)
            .timeout(Duration::from_secs(20))
            .code(5)
            .stderr_has("other authgate processes");
        ran.stderr_has("nothing was changed");
        blocker.execute_batch("ROLLBACK").unwrap();
        late.join().unwrap();
    });
    drop(blocker);
    assert_eq!(usernames(&r), ["admin", "after", "late"]);
    assert_eq!(published_usernames(&r, "shop"), ["admin", "after", "late"]);
    // Once nobody else has it open, the restore goes through.
    r.run(["restore"]).arg(&snapshot).ok();
    assert_eq!(usernames(&r), ["admin"]);
    r.run(["check"]).ok();
}

#[test]
fn a_snapshot_of_an_older_schema_is_migrated_on_restore() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a password of alice");
    let snapshot = r.dir.path().join("snap.db");
    r.run(["backup"]).arg(&snapshot).ok();
    // As an authgate before application ids wrote it.
    let conn = rusqlite::Connection::open(&snapshot).unwrap();
    conn.pragma_update(None, "application_id", 0).unwrap();
    drop(conn);
    r.add_credential("shop", "later", "a password of later");
    r.run(["restore"]).arg(&snapshot).ok();
    assert_eq!(usernames(&r), ["admin"]);
    assert_eq!(&std::fs::read(r.db()).unwrap()[68..72], b"AGat");
}

#[test]
fn a_read_never_waits_behind_a_writer_for_last_used_at() {
    let r = Registry::with_app();
    let id = r.add_credential("shop", "admin", "a password of alice");
    let stale = "2000-01-01T00:00:00.000Z";
    let last_used = |r: &Registry| -> String {
        r.sql()
            .query_row("SELECT last_used_at FROM api_keys", [], |row| row.get(0))
            .unwrap()
    };
    r.sql()
        .execute("UPDATE api_keys SET last_used_at = ?1", [stale])
        .unwrap();
    let writer = r.sql();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    for args in [vec!["list"], vec!["show", id.as_str()], vec!["app", "list"]] {
        let started = Instant::now();
        r.run(&args)
            .timeout(Duration::from_secs(30))
            .ok()
            .stdout_has("shop");
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "authgate {args:?} waited {:?} behind the writer",
            started.elapsed()
        );
    }
    writer.execute_batch("ROLLBACK").unwrap();
    drop(writer);
    assert_eq!(last_used(&r), stale, "skipped while the lock was held");
    r.run(["list"]).ok();
    assert_ne!(last_used(&r), stale, "recorded once the lock is free");
}

#[test]
fn install_docs_creates_no_directory_others_can_write_whatever_the_umask() {
    let r = Registry::new();
    let prefix = r.home().join("opt");
    under_umask_000(
        &r,
        &["install-docs", "--prefix", prefix.to_str().unwrap(), "-q"],
    );
    let mut all = vec![prefix.clone()];
    walk(&prefix, &mut all);
    walk(&r.home().join(".local/share"), &mut all);
    walk(&r.home().join(".config"), &mut all);
    let mut dirs = 0;
    for path in &all {
        if std::fs::symlink_metadata(path).unwrap().is_dir() {
            dirs += 1;
            assert_eq!(
                mode(path) & 0o022,
                0,
                "{} is writable by others",
                path.display()
            );
        }
    }
    assert!(dirs >= 6, "{dirs} directories");
}

#[test]
fn the_lock_file_is_the_databases_however_its_path_is_spelled() {
    let r = Registry::new();
    let link = r.dir.path().join("link.db");
    std::os::unix::fs::symlink(r.db(), &link).unwrap();
    r.run(["--db", link.to_str().unwrap(), "app", "list"]).ok();
    assert!(!r.dir.path().join("link.db.lock").exists());
    let mut lock = r.db().into_os_string();
    lock.push(".lock");
    assert!(Path::new(&lock).exists());
}

#[test]
fn a_fifo_or_device_at_the_database_path_is_refused_without_waiting() {
    let r = Registry::new();
    let fifo = r.dir.path().join("pipe.db");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo (coreutils)");
    assert!(made.success());
    let wait = std::time::Duration::from_secs(10);
    for path in [fifo.to_str().unwrap(), "/dev/zero", "/dev/null"] {
        for args in [vec!["list"], vec!["app", "list"], vec!["check"]] {
            r.run(["--db", path])
                .args(args)
                .timeout(wait)
                .code(2)
                .stderr_has("not an authgate registry: a registry is a regular file");
        }
        r.run(["--db", path, "init", "--org", "o", "--user", "u"])
            .arg("--api-key-file")
            .arg(r.dir.path().join("other-key"))
            .timeout(wait)
            .code(2)
            .stderr_has("not an authgate registry");
    }
    r.run(["--db", fifo.to_str().unwrap(), "list"])
        .timeout(wait)
        .code(2)
        .stderr_has("is a FIFO (named pipe)");
    r.run(["--db", "/dev/zero", "list"])
        .timeout(wait)
        .code(2)
        .stderr_has("is a device");
    assert!(!r.dir.path().join("other-key").exists());
    assert!(!r.dir.path().join("pipe.db.lock").exists());
}

#[test]
fn the_traefik_directory_is_never_the_root_a_system_directory_or_a_pseudo_filesystem() {
    let r = Registry::new();
    let link = r.dir.path().join("to-proc");
    std::os::unix::fs::symlink("/proc/self", &link).unwrap();
    let link = link.to_str().unwrap().to_string();
    let inside = format!("{link}/fd");
    for dir in [
        "/",
        "/proc",
        "/proc/1",
        "/sys",
        "/sys/kernel",
        "/dev",
        "/dev/shm",
        "/etc",
        "/usr",
        "/var",
        "/tmp",
        "//",
        "/usr/../",
        &link,
        &inside,
    ] {
        r.run(["settings", "set", "traefik-dir", dir])
            .code(2)
            .stderr_has("is refused");
        r.run(["--traefik-dir", dir, "check"])
            .code(2)
            .stderr_has("give it a directory of its own");
        let home = r.dir.path().join("fresh");
        r.run(["--db", home.join("a.db").to_str().unwrap(), "init"])
            .args(["--org", "o", "--user", "u", "--traefik-dir", dir])
            .arg("--api-key-file")
            .arg(home.join("key"))
            .code(2)
            .stderr_has("is refused");
        assert!(!home.exists(), "{dir}: nothing created");
    }
    // A directory of its own below them is fine.
    let own = r.dir.path().join("var-lib-traefik");
    std::fs::create_dir(&own).unwrap();
    r.ok(&["settings", "set", "traefik-dir", own.to_str().unwrap()]);
}
