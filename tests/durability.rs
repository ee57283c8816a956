//! The order in which a change reaches the disk, read from the system calls
//! of the real binary (strace, Debian's `strace`): a publish intent is on
//! disk before Traefik's file is renamed into place, and the change is on
//! disk before the command exits. Ignored by default so `cargo test` passes
//! on a machine without strace; `.ci/run` installs it and runs
//! `cargo test --locked --test main -- --ignored peers:: durability::`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::common::*;

/// What the disk was asked, in order, by every thread of a process.
#[derive(Debug, PartialEq)]
enum Step {
    /// A pwrite64 that succeeded, to the file at this path (how SQLite
    /// writes its WAL).
    Wrote(String),
    /// An fsync that returned 0, of the file at this path.
    Synced(String),
    /// A rename that returned 0, to this path.
    Renamed(String),
}

/// Runs `args` under strace and returns its completed writes, syncs and
/// renames.
fn steps(r: &Registry, args: &[&str], stdin: &str) -> Vec<Step> {
    // Emptied first, so that the WAL cannot pass 512 KB during the command:
    // the command that finds it past then has it start over, with a last
    // commit that is not synced by design (`Drop for Store`).
    r.sql()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    let log = r.home().join("strace.log");
    let out = std::process::Command::new(required_tool("strace", "strace"))
        .args([
            "-f",
            "-y",
            "-qq",
            "-e",
            "trace=pwrite64,fsync,fdatasync,rename,renameat,renameat2",
        ])
        .arg("-o")
        .arg(&log)
        .arg(assert_cmd::cargo::cargo_bin("authgate"))
        .args(args)
        .env_clear()
        .envs(r.environment())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(stdin.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?} under strace: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    parse(&std::fs::read_to_string(&log).unwrap())
}

/// strace's lines, `PID call(args) = result`, a call another thread
/// interrupted split into `PID call(args <unfinished ...>` and
/// `PID <... call resumed>) = result`.
fn parse(log: &str) -> Vec<Step> {
    let mut unfinished: HashMap<&str, &str> = HashMap::new();
    let mut steps = Vec::new();
    for line in log.lines() {
        let (pid, rest) = line.split_once(' ').unwrap_or(("", line));
        let rest = rest.trim_start();
        let call = if let Some(start) = rest.strip_suffix(" <unfinished ...>") {
            unfinished.insert(pid, start);
            continue;
        } else if rest.starts_with("<... ") {
            let Some(start) = unfinished.remove(pid) else {
                continue;
            };
            let result = rest.split_once(" resumed>").map_or("", |(_, r)| r);
            format!("{start}{result}")
        } else {
            rest.to_string()
        };
        let Some((call, result)) = call.rsplit_once(" = ") else {
            continue;
        };
        if result.parse::<u64>().is_err() {
            continue;
        }
        // `-y` shows a descriptor's path: fsync(5</path/to/file>).
        let path = || {
            call.split_once('<')
                .and_then(|(_, p)| p.split_once('>'))
                .map_or("", |(p, _)| p)
                .to_string()
        };
        if call.starts_with("pwrite64(") {
            steps.push(Step::Wrote(path()));
        } else if result != "0" {
            continue;
        } else if call.starts_with("fsync(") || call.starts_with("fdatasync(") {
            steps.push(Step::Synced(path()));
        } else if call.starts_with("rename") {
            // The last quoted argument is the new name.
            let quoted: Vec<&str> = call.split('"').collect();
            let to = quoted.len().checked_sub(2).map_or("", |i| quoted[i]);
            steps.push(Step::Renamed(to.to_string()));
        }
    }
    steps
}

fn position(steps: &[Step], what: impl Fn(&Step) -> bool, name: &str) -> usize {
    steps
        .iter()
        .position(what)
        .unwrap_or_else(|| panic!("no {name} in {steps:#?}"))
}

/// Whether `printed`, a path as strace shows it, names `path`: as the
/// binary spelled it, or with symbolic links resolved (SQLite resolves the
/// registry's).
fn names(printed: &str, path: &Path) -> bool {
    Path::new(printed) == path || path.canonicalize().is_ok_and(|c| Path::new(printed) == c)
}

/// A change to an application reaches the disk in the order crash
/// consistency needs: its intent (written to the WAL) synced before
/// Traefik's file is, the file's temp file synced and renamed into place,
/// its directory synced, then the change itself (written to the WAL again)
/// synced before the command returns. What the WAL was given last before
/// the file, and last of all, is what must be synced after it: a commit of
/// something else first (the API key's last use, at most once a minute)
/// does not stand in for the intent's.
fn in_order(r: &Registry, steps: &[Step], app_name: &str) {
    let file = r.file(app_name);
    let dir = file.parent().unwrap().to_path_buf();
    let temp = format!("/.{app_name}.yml.tmp");
    let wal = PathBuf::from(format!("{}-wal", r.db().display()));
    let wal_sync = |s: &Step| matches!(s, Step::Synced(p) if names(p, &wal));
    let wal_write = |s: &Step| matches!(s, Step::Wrote(p) if names(p, &wal));
    let renamed = position(
        steps,
        |s| matches!(s, Step::Renamed(p) if names(p, &file)),
        "rename into place",
    );
    let temp_synced = steps[..renamed]
        .iter()
        .rposition(|s| matches!(s, Step::Synced(p) if p.ends_with(&temp)))
        .unwrap_or_else(|| panic!("no sync of the temp file before the rename: {steps:#?}"));
    let intent_written = steps[..temp_synced]
        .iter()
        .rposition(wal_write)
        .unwrap_or_else(|| panic!("no write of the intent to the WAL: {steps:#?}"));
    position(
        &steps[intent_written..temp_synced],
        wal_sync,
        "sync of the intent between its write and the temp file's sync",
    );
    let dir_synced = position(
        &steps[renamed..],
        |s| matches!(s, Step::Synced(p) if names(p, &dir)),
        "sync of the directory",
    ) + renamed;
    let change_written = steps[dir_synced..]
        .iter()
        .rposition(wal_write)
        .unwrap_or_else(|| panic!("no write of the change to the WAL: {steps:#?}"))
        + dir_synced;
    position(
        &steps[change_written..],
        wal_sync,
        "sync of the change after its write",
    );
}

#[test]
#[ignore = "needs strace; run by .ci/run"]
fn a_change_reaches_the_disk_after_its_intent_and_before_the_command_returns() {
    let r = Registry::with_app();
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "api",
        "--host",
        "api.example.com",
        "--fast-auth",
    ]);
    // A chosen password (bcrypt on a thread of its own), a generated one,
    // an update and a delete: each publishes, each in the same order.
    let chosen = steps(
        &r,
        &[
            "create",
            "--app",
            "shop",
            "--username",
            "ann",
            "--password-stdin",
            "--cost",
            "4",
        ],
        "correct horse battery staple umbrella\n",
    );
    in_order(&r, &chosen, "shop");
    let generated = steps(
        &r,
        &["create", "--app", "api", "--username", "bot", "--generate"],
        "",
    );
    in_order(&r, &generated, "api");
    let updated = steps(
        &r,
        &[
            "update",
            "--app",
            "shop",
            "--username",
            "ann",
            "--new-username",
            "anne",
        ],
        "",
    );
    in_order(&r, &updated, "shop");
    let deleted = steps(&r, &["delete", "--app", "shop", "--username", "anne"], "");
    in_order(&r, &deleted, "shop");
}

#[test]
fn strace_lines_split_by_another_thread_are_joined() {
    let log = "\
100 pwrite64(5</r/a.db-wal>, \"\\0\\0\\0\\30 = 0\"..., 4096, 8272) = 4096
101 fsync(5</r/a.db-wal> <unfinished ...>
100 rename(\"/t/.x.tmp\", \"/t/x.yml\") = 0
101 <... fsync resumed>) = 0
100 pwrite64(5</r/a.db-wal>, \"\", 24, 12392) = -1 ENOSPC (No space left on device)
100 fsync(7</t>) = 0
100 fsync(8</t/y>) = -1 EIO (Input/output error)
";
    assert_eq!(
        parse(log),
        vec![
            Step::Wrote("/r/a.db-wal".into()),
            Step::Renamed("/t/x.yml".into()),
            Step::Synced("/r/a.db-wal".into()),
            Step::Synced("/t".into()),
        ]
    );
}
