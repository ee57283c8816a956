//! Hostile and broken input, driven through the real binary: every case is
//! refused with a documented exit code and a message that names the field or
//! the problem, and leaves the registry exactly as it was.
//!
//! Two scopes of "as it was":
//! - `Scope::Everything`: every file under the registry's temp dir (database
//!   and its WAL files, Traefik directory, credentials, fixtures) is
//!   byte-identical, with the same names and modes. Input is validated before
//!   anything is written, so refused input leaves no trace at all, not even an
//!   audit row.
//! - `Scope::AllButAuditLog`: for the cases that fail *inside* a mutation (the
//!   Traefik directory cannot be written). The database legitimately gains
//!   exactly one `audit_log` row with outcome `error`: a failed mutation is
//!   audited, so that the log shows what was attempted. Every other file is byte-identical, and every table other
//!   than `audit_log` and its AUTOINCREMENT counter in `sqlite_sequence`
//!   (security, applications, api_keys, ...) is unchanged.
//!   Cases with this scope: `traefik dir under a regular file`,
//!   `traefik dir missing`, `traefik dir immutable`; and `unknown --org`,
//!   whose denial is audited with outcome `denied` in the user's own org.
//!
//! SQLite's working files are not data: the `-shm` index is ignored, and an
//! empty `-wal` counts as absent (opening the registry creates both).
//!
//! A NUL byte in a username cannot be tested: argv cannot carry NUL (the
//! `Command` refuses to spawn, asserted below), and usernames only come from
//! argv. NUL is tested in passwords instead, through `--password-file` and
//! `--password-stdin`.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::common::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Everything,
    /// One new audit row with this outcome is expected.
    AllButAuditLog(&'static str),
}

struct Case {
    name: String,
    args: Vec<String>,
    stdin: Vec<u8>,
    code: i32,
    /// Each must appear in stderr.
    needles: Vec<String>,
    scope: Scope,
    /// Make the Traefik directory immutable (`chattr +i`) for this case.
    immutable_traefik_dir: bool,
}

const GOOD_PASSWORD: &[u8] = b"a long enough password\n";

fn case(name: impl Into<String>, args: &[&str], code: i32, needles: &[&str]) -> Case {
    Case {
        name: name.into(),
        args: args.iter().map(|s| s.to_string()).collect(),
        stdin: GOOD_PASSWORD.to_vec(),
        code,
        needles: needles.iter().map(|s| s.to_string()).collect(),
        scope: Scope::Everything,
        immutable_traefik_dir: false,
    }
}

impl Case {
    fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.stdin = bytes.into();
        self
    }
    fn scope(mut self, scope: Scope) -> Self {
        self.scope = scope;
        self
    }
    fn immutable_traefik_dir(mut self) -> Self {
        self.immutable_traefik_dir = true;
        self
    }
}

/// A username refused by `create --app shop --username NAME --password-stdin`.
fn username_case(name: &str, username: &str, needles: &[&str]) -> Case {
    case(
        name,
        &[
            "create",
            "--app",
            "shop",
            "--username",
            username,
            "--password-stdin",
        ],
        2,
        needles,
    )
}

/// Path -> (mode, contents; `None` for directories) of everything under
/// `root`. With `skip_db`, the registry's database and its WAL/SHM files are
/// left out.
type Snapshot = BTreeMap<PathBuf, (u32, Option<Vec<u8>>)>;

fn snapshot(root: &Path, skip_db: bool) -> Snapshot {
    fn walk(root: &Path, dir: &Path, skip_db: bool, out: &mut Snapshot) {
        for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if skip_db && name.starts_with("authgate.db") {
                continue;
            }
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            if name.ends_with("-shm") || (name.ends_with("-wal") && meta.len() == 0) {
                continue;
            }
            let rel = path.strip_prefix(root).unwrap().to_path_buf();
            let mode = meta.permissions().mode();
            if meta.is_dir() {
                out.insert(rel, (mode, None));
                walk(root, &path, skip_db, out);
            } else {
                out.insert(rel, (mode, Some(std::fs::read(&path).expect("read file"))));
            }
        }
    }
    let mut out = Snapshot::new();
    walk(root, root, skip_db, &mut out);
    out
}

/// What differs between two snapshots, by path.
fn diff(before: &Snapshot, after: &Snapshot) -> Vec<String> {
    let mut out = Vec::new();
    for (path, b) in before {
        match after.get(path) {
            None => out.push(format!("removed {}", path.display())),
            Some(a) if a.0 != b.0 => {
                out.push(format!("mode of {} {:o} -> {:o}", path.display(), b.0, a.0))
            }
            Some(a) if a.1 != b.1 => out.push(format!("changed {}", path.display())),
            Some(_) => {}
        }
    }
    for path in after.keys().filter(|p| !before.contains_key(*p)) {
        out.push(format!("created {}", path.display()));
    }
    out
}

/// Every row of every table except `audit_log` (and `sqlite_sequence`, which
/// holds only the audit log's AUTOINCREMENT counter), as text.
fn tables_but_audit_log(r: &Registry) -> BTreeMap<String, Vec<String>> {
    let conn = r.sql();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT IN ('audit_log', 'sqlite_sequence') ORDER BY name",
        )
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
            let n = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |row| {
                    (0..n)
                        .map(|i| row.get::<_, rusqlite::types::Value>(i))
                        .collect::<Result<Vec<_>, _>>()
                        .map(|v| format!("{v:?}"))
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            rows.sort();
            (t, rows)
        })
        .collect()
}

fn audit_rows(r: &Registry) -> Vec<(String, String)> {
    r.sql()
        .prepare("SELECT action, outcome FROM audit_log ORDER BY id")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn hostile_input_is_refused_with_a_clear_message_and_changes_nothing() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "the admin password");
    let root = r.dir.path().to_path_buf();

    // Fixtures, inside the registry's temp dir so that the snapshots cover them.
    let fixtures = root.join("fixtures");
    std::fs::create_dir(&fixtures).unwrap();
    let nul_password = fixtures.join("nul-password");
    std::fs::write(&nul_password, b"abc\0defghijklmnop\n").unwrap();
    let not_sqlite = fixtures.join("not-sqlite.db");
    let garbage: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&not_sqlite, &garbage).unwrap();
    let regular_file = fixtures.join("regular-file");
    std::fs::write(&regular_file, b"not a directory\n").unwrap();
    let under_file = regular_file.join("traefik");
    let missing_dir = fixtures.join("no-such-traefik-dir");
    let missing_password_file = fixtures.join("no-such-password-file");
    let traefik_dir = r.traefik_dir();

    // argv cannot carry NUL: the only way to give a username is argv, so a
    // NUL username cannot reach authgate at all.
    assert!(
        r.cmd()
            .args([
                "create",
                "--app",
                "shop",
                "--username",
                "a\0b",
                "--generate"
            ])
            .output()
            .is_err(),
        "a NUL in argv should be refused by the OS interface"
    );

    let p = |path: &Path| path.to_str().unwrap().to_string();
    let long_username = "u".repeat(256);
    let long_app_name = "a".repeat(64);
    let password_73 = vec![b'p'; 73];
    // 37 two-byte characters: 37 characters, but 74 bytes.
    let password_74_bytes = "é".repeat(37);

    let cases = vec![
        // Usernames: Traefik splits each `users` entry at its first ':', and
        // an operator reads them in lists and logs.
        username_case("username with ':'", "a:b", &["username", "':'"]),
        // The newline is escaped in the message, never sent to the terminal.
        username_case("username with newline", "a\nb", &["username", "'a\\nb'"]),
        username_case("username with template", "{{.}}", &["username", "'{{'"]),
        username_case(
            "username with leading space",
            " admin",
            &["username", "whitespace"],
        ),
        username_case(
            "username of 256 chars",
            &long_username,
            &["username", "255"],
        ),
        case(
            "new username with ':' (update)",
            &[
                "update",
                "--app",
                "shop",
                "--username",
                "admin",
                "--new-username",
                "a:b",
            ],
            2,
            &["username", "':'"],
        ),
        case(
            "new username with template (update)",
            &[
                "update",
                "--app",
                "shop",
                "--username",
                "admin",
                "--new-username",
                "{{.}}",
            ],
            2,
            &["username", "'{{'"],
        ),
        // Passwords.
        case(
            "empty password on stdin",
            &[
                "create",
                "--app",
                "shop",
                "--username",
                "x",
                "--password-stdin",
            ],
            2,
            &["password", "empty"],
        )
        .stdin(""),
        case(
            "password of 73 bytes",
            &[
                "create",
                "--app",
                "shop",
                "--username",
                "x",
                "--password-stdin",
            ],
            2,
            &["password", "73 bytes", "72"],
        )
        .stdin(password_73.clone()),
        case(
            "password of 37 chars / 74 bytes",
            &[
                "create",
                "--app",
                "shop",
                "--username",
                "x",
                "--password-stdin",
            ],
            2,
            &["password", "74 bytes"],
        )
        .stdin(password_74_bytes),
        case(
            "password of 73 bytes (update)",
            &[
                "update",
                "--app",
                "shop",
                "--username",
                "admin",
                "--password-stdin",
            ],
            2,
            &["password", "73 bytes"],
        )
        .stdin(password_73),
        case(
            "password with NUL via --password-file",
            &[
                "create",
                "--app",
                "shop",
                "--username",
                "x",
                "--password-file",
                &p(&nul_password),
            ],
            2,
            &["password", "NUL"],
        ),
        case(
            "password with NUL via --password-stdin",
            &[
                "create",
                "--app",
                "shop",
                "--username",
                "x",
                "--password-stdin",
            ],
            2,
            &["password", "NUL"],
        )
        .stdin(b"abc\0defghijklmnop".to_vec()),
        // Application names.
        case(
            "app name with capital",
            &["app", "add", "--app-name", "Shop"],
            2,
            &["app name", "'Shop'"],
        ),
        case(
            "app name with path",
            &["app", "add", "--app-name", "shop/../x"],
            2,
            &["app name", "shop/../x"],
        ),
        case(
            "app name with '@'",
            &["app", "add", "--app-name", "a@b"],
            2,
            &["app name", "a@b"],
        ),
        case(
            "app name of 64 chars",
            &["app", "add", "--app-name", &long_app_name],
            2,
            &["app name", "1-63"],
        ),
        case(
            "app name with path (update)",
            &["app", "update", "shop", "--app-name", "shop/../x"],
            2,
            &["app name", "shop/../x"],
        ),
        // Domains.
        case(
            "domain rewriting the rule",
            &[
                "app",
                "add",
                "--app-name",
                "ok",
                "--domain",
                "x`) || Host(`evil.com",
                "--upstream",
                "http://10.0.0.5:3000",
            ],
            2,
            &["domain", "evil.com"],
        ),
        case(
            "domain with space",
            &[
                "app",
                "add",
                "--app-name",
                "ok",
                "--domain",
                "a b",
                "--upstream",
                "http://10.0.0.5:3000",
            ],
            2,
            &["domain", "'a b'"],
        ),
        case(
            "domain with template",
            &[
                "app",
                "add",
                "--app-name",
                "ok",
                "--domain",
                "{{ env }}",
                "--upstream",
                "http://10.0.0.5:3000",
            ],
            2,
            &["domain", "{{ env }}"],
        ),
        case(
            "domain rewriting the rule (update)",
            &["app", "update", "shop", "--domain", "x`) || Host(`evil.com"],
            2,
            &["domain", "evil.com"],
        ),
        // Upstreams.
        case(
            "upstream ftp",
            &[
                "app",
                "add",
                "--app-name",
                "ok",
                "--domain",
                "ok.example.com",
                "--upstream",
                "ftp://x",
            ],
            2,
            &["upstream", "ftp"],
        ),
        case(
            "upstream not a URL",
            &[
                "app",
                "add",
                "--app-name",
                "ok",
                "--domain",
                "ok.example.com",
                "--upstream",
                "not a url",
            ],
            2,
            &["upstream", "not a url"],
        ),
        // Settings.
        case(
            "unknown --org",
            &[
                "--org",
                "nope",
                "create",
                "--app",
                "shop",
                "--username",
                "x",
                "--password-stdin",
            ],
            3,
            &["organization", "'nope'"],
        )
        .scope(Scope::AllButAuditLog("denied")),
        case(
            "missing --password-file",
            &[
                "create",
                "--app",
                "shop",
                "--username",
                "x",
                "--password-file",
                &p(&missing_password_file),
            ],
            2,
            &["password file", &p(&missing_password_file)],
        ),
        case(
            "--cost 3",
            &[
                "create",
                "--app",
                "shop",
                "--username",
                "x",
                "--password-stdin",
                "--cost",
                "3",
            ],
            2,
            &["--cost", "4..=31"],
        ),
        case(
            "--cost 32",
            &[
                "create",
                "--app",
                "shop",
                "--username",
                "x",
                "--password-stdin",
                "--cost",
                "32",
            ],
            2,
            &["--cost", "4..=31"],
        ),
        // Other: a database that is not SQLite; Traefik directories that
        // cannot be written.
        case(
            "database is not SQLite",
            &[
                "--db",
                &p(&not_sqlite),
                "create",
                "--app",
                "shop",
                "--username",
                "x",
                "--password-stdin",
            ],
            2,
            &["not a database", &p(&not_sqlite)],
        ),
        case(
            "traefik dir under a regular file",
            &[
                "--traefik-dir",
                &p(&under_file),
                "create",
                "--app",
                "shop",
                "--username",
                "x",
                "--password-stdin",
            ],
            1,
            &["Traefik directory", &p(&under_file)],
        )
        .scope(Scope::AllButAuditLog("error")),
        case(
            "traefik dir missing",
            &[
                "--traefik-dir",
                &p(&missing_dir),
                "create",
                "--app",
                "shop",
                "--username",
                "x",
                "--password-stdin",
            ],
            1,
            &["Traefik directory", &p(&missing_dir), "does not exist"],
        )
        .scope(Scope::AllButAuditLog("error")),
        case(
            "traefik dir immutable",
            &[
                "create",
                "--app",
                "shop",
                "--username",
                "x",
                "--password-stdin",
            ],
            1,
            &[&p(&traefik_dir), "Operation not permitted"],
        )
        .scope(Scope::AllButAuditLog("error"))
        .immutable_traefik_dir(),
    ];

    let started = std::time::Instant::now();
    let mut failures = Vec::new();
    for c in &cases {
        // Any authenticated command records the key's use at most once a
        // minute; use it now so that the case itself never does.
        r.ok(&["app", "list"]);
        let _immutable = c
            .immutable_traefik_dir
            .then(|| Immutable::set(&traefik_dir));
        let expected_outcome = match c.scope {
            Scope::AllButAuditLog(outcome) => Some(outcome),
            Scope::Everything => None,
        };
        let skip_db = expected_outcome.is_some();
        // Read the database before the file snapshot and after the second
        // one, so that these reads cannot hide or cause a change.
        let audit_before = audit_rows(&r);
        let tables_before = tables_but_audit_log(&r);
        let files_before = snapshot(&root, skip_db);

        let out = r
            .cmd()
            .args(&c.args)
            .write_stdin(c.stdin.clone())
            .output()
            .expect("run");

        let mut problems = Vec::new();
        if code(&out) != c.code {
            problems.push(format!("exit {} instead of {}", code(&out), c.code));
        }
        let err = stderr(&out);
        for needle in &c.needles {
            if !err.contains(needle.as_str()) {
                problems.push(format!("stderr does not mention {needle:?}"));
            }
        }
        if !stdout(&out).is_empty() {
            problems.push(format!("unexpected stdout: {:?}", stdout(&out)));
        }
        problems.extend(diff(&files_before, &snapshot(&root, skip_db)));
        let audit_after = audit_rows(&r);
        let added = audit_after.get(audit_before.len()..).unwrap_or_default();
        if !skip_db && !added.is_empty() {
            problems.push(format!("new audit rows (action, outcome): {added:?}"));
        }
        if skip_db {
            let tables_after = tables_but_audit_log(&r);
            for (table, rows) in &tables_after {
                if tables_before.get(table) != Some(rows) {
                    problems.push(format!(
                        "table {table} changed: {:?} -> {rows:?}",
                        tables_before.get(table)
                    ));
                }
            }
            if audit_after[..audit_before.len().min(audit_after.len())] != audit_before[..]
                || added.len() != 1
                || Some(added[0].1.as_str()) != expected_outcome
            {
                problems.push(format!(
                    "expected exactly one new audit row with outcome {expected_outcome:?}, got {added:?}"
                ));
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "case {:?}: {}\n    args: {:?}\n    stderr: {}",
                c.name,
                problems.join("; "),
                c.args,
                err.trim()
            ));
        }
    }
    println!("{} hostile cases in {:.2?}", cases.len(), started.elapsed());
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    // The registry still works after all of that.
    assert_eq!(r.users("shop").len(), 1);
    assert_eq!(r.count("SELECT count(*) FROM security"), 1);
}
