//! Reliability: drift detection and repair, concurrent writers, processes
//! killed mid-write, and random operation sequences checked against a model.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Barrier};
use std::time::Duration;

use proptest::prelude::*;

use crate::common::*;

/// Every `.yml` file in the directory parses as YAML; returns how many.
fn all_yaml_parses(r: &Registry) -> usize {
    let mut n = 0;
    for entry in std::fs::read_dir(r.traefik_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yml") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(!text.contains("{{"), "{}", path.display());
            serde_norway::from_str::<serde_norway::Value>(&text)
                .unwrap_or_else(|e| panic!("{} does not parse: {e}\n{text}", path.display()));
            n += 1;
        }
    }
    n
}

fn integrity_ok(r: &Registry) {
    let result: String = r
        .sql()
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(result, "ok");
}

#[test]
fn check_reports_drift_and_sync_repairs_it_idempotently() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a long enough password");
    r.ok(&["app", "add", "--app-name", "ext"]);
    r.ok(&["check"]);

    let good = std::fs::read(r.file("shop")).unwrap();
    let dir = r.traefik_dir();
    std::fs::write(
        r.file("shop"),
        [good.as_slice(), b"# edited by hand\n"].concat(),
    )
    .unwrap();
    std::fs::write(dir.join(".shop.yml.tmp"), "half a fi").unwrap();
    let header = String::from_utf8(good.clone())
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_string();
    std::fs::write(dir.join("gone.yml"), format!("{header}\nhttp: {{}}\n")).unwrap();
    std::fs::write(dir.join("operator.yml"), "http:\n  routers: {}\n").unwrap();
    std::fs::write(r.file("ext"), format!("{header}\n")).unwrap();

    let before = r.all_bytes();
    let out = r.cmd().args(["check", "-o", "json"]).output().unwrap();
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(stderr(&out).contains("DRIFT"), "{}", stderr(&out));
    assert_eq!(before, r.all_bytes(), "check is read-only");
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut statuses: Vec<(String, String)> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            let name = path.rsplit('/').next().unwrap().to_string();
            (name, f["status"].as_str().unwrap().to_string())
        })
        .collect();
    statuses.sort();
    assert_eq!(
        statuses,
        [
            (".shop.yml.tmp".to_string(), "temp".to_string()),
            ("ext.yml".to_string(), "different".to_string()),
            ("gone.yml".to_string(), "orphaned".to_string()),
            ("shop.yml".to_string(), "different".to_string()),
        ]
    );

    // A missing file is reported too.
    std::fs::remove_file(r.file("shop")).unwrap();
    let out = r.cmd().args(["check", "-o", "json"]).output().unwrap();
    assert!(stdout(&out).contains("\"missing\""));

    let dry = r.cmd().args(["sync", "--dry-run"]).output().unwrap();
    assert_eq!(code(&dry), 0);
    assert!(stderr(&dry).contains("would repair 4"), "{}", stderr(&dry));
    assert!(!r.file("shop").exists(), "dry run changes nothing");

    let out = r.cmd().args(["sync"]).output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(std::fs::read(r.file("shop")).unwrap(), good);
    assert!(!r.file("ext").exists());
    assert!(!dir.join("gone.yml").exists());
    assert!(!dir.join(".shop.yml.tmp").exists());
    assert!(
        dir.join("operator.yml").exists(),
        "files without the header are never removed"
    );
    r.ok(&["check"]);

    let again = r.cmd().args(["sync"]).output().unwrap();
    assert!(
        stderr(&again).contains("nothing to do"),
        "{}",
        stderr(&again)
    );
    assert_eq!(stdout(&again), "");
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE action = 'sync' AND outcome = 'ok'"),
        1,
        "only the run that repaired something is recorded as a change"
    );
}

#[test]
fn eight_concurrent_writers_lose_nothing() {
    let r = Arc::new(Registry::with_app());
    let (processes, per_process) = (8, 25);
    let barrier = Arc::new(Barrier::new(processes));
    let workers: Vec<_> = (0..processes)
        .map(|p| {
            let (r, barrier) = (r.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                let mut failures = Vec::new();
                for i in 0..per_process {
                    let out = r
                        .cmd()
                        .args([
                            "create",
                            "--app",
                            "shop",
                            "--username",
                            &format!("u{p}-{i}"),
                        ])
                        .args(["--password-stdin", "-q"])
                        .write_stdin(format!("password-{p}-{i}-long"))
                        .output()
                        .unwrap();
                    if !out.status.success() {
                        failures.push(stderr(&out));
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = workers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
    let total = processes * per_process;
    assert_eq!(r.count("SELECT count(*) FROM security") as usize, total);
    let users = r.users("shop");
    assert_eq!(users.len(), total);
    let mut sorted = users.clone();
    sorted.sort_by(|a, b| a.split(':').next().cmp(&b.split(':').next()));
    assert_eq!(users, sorted, "sorted by username");
    r.ok(&["check"]);
    integrity_ok(&r);
}

#[test]
fn mixed_concurrent_mutations_across_apps_match_check() {
    let r = Arc::new(Registry::new());
    let apps = ["a1", "a2", "a3", "a4"];
    for app in apps {
        r.ok(&[
            "app",
            "add",
            "--app-name",
            app,
            "--domain",
            &format!("{app}.example.com"),
        ]
        .iter()
        .copied()
        .chain(["--upstream", "http://10.0.0.1:80"])
        .collect::<Vec<_>>());
    }
    let processes = 8;
    let barrier = Arc::new(Barrier::new(processes));
    let workers: Vec<_> = (0..processes)
        .map(|p| {
            let (r, barrier) = (r.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                let app = apps[p % apps.len()];
                let mut codes = Vec::new();
                for i in 0..8 {
                    let user = format!("w{p}-{i}");
                    let mut run = |args: &[&str]| {
                        let out = r
                            .cmd()
                            .args(args)
                            .write_stdin("rotated-password-123")
                            .output()
                            .unwrap();
                        codes.push((args.join(" "), code(&out), stderr(&out)));
                    };
                    run(&[
                        "create",
                        "--app",
                        app,
                        "--username",
                        &user,
                        "--password",
                        "first-password-123",
                    ]);
                    run(&[
                        "update",
                        "--app",
                        app,
                        "--username",
                        &user,
                        "--password-stdin",
                    ]);
                    if i % 3 == 0 {
                        run(&["delete", "--app", app, "--username", &user]);
                    } else if i % 3 == 1 {
                        run(&[
                            "update",
                            "--app",
                            app,
                            "--username",
                            &user,
                            "--new-username",
                            &format!("{user}-renamed"),
                        ]);
                    }
                }
                codes
            })
        })
        .collect();
    for w in workers {
        for (cmd, code, err) in w.join().unwrap() {
            assert_eq!(code, 0, "{cmd}: {err}");
        }
    }
    // 8 processes × 8 users, a third deleted.
    assert_eq!(r.count("SELECT count(*) FROM security"), 8 * 5);
    r.ok(&["check"]);
    integrity_ok(&r);
    for app in apps {
        let in_db = r.count(&format!(
            "SELECT count(*) FROM security s JOIN applications a USING (application_id) WHERE a.app_name = '{app}'"
        ));
        assert_eq!(r.users(app).len() as i64, in_db, "{app}");
    }
}

#[test]
fn processes_killed_mid_write_leave_complete_files_and_a_sound_database() {
    let r = Registry::with_app();
    r.ok(&["app", "add", "--app-name", "ext"]);
    // Calibrate: kill within 1.5× the time a whole mutation takes here, so the
    // kills land at every stage, from start-up to the rename and the commit.
    // The fastest of three runs, since other tests may load the machine now
    // and not later; and a process that finished before its kill narrows
    // the window, so that it keeps fitting how fast mutations run.
    let mut fastest = u64::MAX;
    for n in 0..3 {
        let started = std::time::Instant::now();
        r.add_credential("shop", &format!("calibration{n}"), "a-password-long-enough");
        fastest = fastest.min(started.elapsed().as_micros() as u64);
    }
    let mut window = (fastest * 3 / 2).max(1000);
    let mut rng = rand::rng();
    let mut kills = 0;
    for i in 0..100 {
        use rand::RngExt;
        let app = if i % 2 == 0 { "shop" } else { "ext" };
        let user = format!("k{}", i % 7);
        let args: Vec<String> = match i % 3 {
            0 => vec![
                "create".into(),
                "--app".into(),
                app.into(),
                "--username".into(),
                user,
                "--password-stdin".into(),
            ],
            1 => vec![
                "update".into(),
                "--app".into(),
                app.into(),
                "--username".into(),
                user,
                "--password-stdin".into(),
            ],
            _ => vec![
                "delete".into(),
                "--app".into(),
                app.into(),
                "--username".into(),
                user,
                "--ignore-not-found".into(),
            ],
        };
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_authgate"))
            .args(&args)
            .env_clear()
            .env("HOME", r.home())
            .env("XDG_DATA_HOME", r.home().join(".local/share"))
            .env("XDG_CONFIG_HOME", r.home().join(".config"))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        {
            use std::io::Write;
            let mut stdin = child.stdin.take().unwrap();
            let _ = stdin.write_all(b"a-password-long-enough");
        }
        std::thread::sleep(Duration::from_micros(rng.random_range(0..window)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            kills += 1;
        } else {
            window = (window * 9 / 10).max(1000);
        }
        child.wait().unwrap();
        all_yaml_parses(&r);
    }
    eprintln!("{kills} of 100 processes killed mid-run (window {window} µs)");
    assert!(kills > 10, "the delays were too long to kill much: {kills}");
    assert!(
        kills < 100,
        "the delays were too short to let anything finish"
    );
    r.ok(&["sync"]);
    r.ok(&["check"]);
    integrity_ok(&r);
    for app in ["shop", "ext"] {
        let in_db: BTreeSet<String> = {
            let conn = r.sql();
            let mut stmt = conn
                .prepare("SELECT username FROM security s JOIN applications a USING (application_id) WHERE a.app_name = ?1")
                .unwrap();
            stmt.query_map([app], |row| row.get(0))
                .unwrap()
                .map(|u| u.unwrap())
                .collect()
        };
        let in_file: BTreeSet<String> = if in_db.is_empty() {
            BTreeSet::new()
        } else {
            r.users(app)
                .iter()
                .map(|u| u.split(':').next().unwrap().to_string())
                .collect()
        };
        assert_eq!(in_db, in_file, "{app}");
    }
}

#[derive(Debug, Clone)]
enum Op {
    Create(usize, usize),
    Rotate(usize, usize),
    Rename(usize, usize, usize),
    Delete(usize, usize),
}

const APPS: [&str; 3] = ["alpha", "beta", "gamma"]; // gamma: external routing
const NAMES: [&str; 5] = ["admin", "x #ops", "- x", "yes", "ü"];

fn op() -> impl Strategy<Value = Op> {
    let a = 0..APPS.len();
    let n = 0..NAMES.len();
    prop_oneof![
        (a.clone(), n.clone()).prop_map(|(a, n)| Op::Create(a, n)),
        (a.clone(), n.clone()).prop_map(|(a, n)| Op::Rotate(a, n)),
        (a.clone(), n.clone(), n.clone()).prop_map(|(a, n, m)| Op::Rename(a, n, m)),
        (a, n).prop_map(|(a, n)| Op::Delete(a, n)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn random_operation_sequences_match_a_model(ops in proptest::collection::vec(op(), 1..14)) {
        let r = Registry::new();
        for app in &APPS[..2] {
            r.ok(&["app", "add", "--app-name", app, "--domain", &format!("{app}.example.com"), "--upstream", "http://10.1.1.1:80"]);
        }
        r.ok(&["app", "add", "--app-name", APPS[2]]);
        let mut model: BTreeMap<&str, BTreeSet<&str>> = APPS.iter().map(|a| (*a, BTreeSet::new())).collect();
        for op in ops {
            let (args, expect): (Vec<String>, i32) = match op {
                Op::Create(a, n) => {
                    let set = model.get_mut(APPS[a]).unwrap();
                    let code = if set.insert(NAMES[n]) { 0 } else { 5 };
                    (vec!["create".into(), "--app".into(), APPS[a].into(), format!("--username={}", NAMES[n]), "--password-stdin".into()], code)
                }
                Op::Rotate(a, n) => {
                    let code = if model[APPS[a]].contains(NAMES[n]) { 0 } else { 3 };
                    (vec!["update".into(), "--app".into(), APPS[a].into(), format!("--username={}", NAMES[n]), "--password-stdin".into()], code)
                }
                Op::Rename(a, n, m) => {
                    let set = model.get_mut(APPS[a]).unwrap();
                    let code = if !set.contains(NAMES[n]) {
                        3
                    } else if n == m {
                        2
                    } else if set.contains(NAMES[m]) {
                        5
                    } else {
                        set.remove(NAMES[n]);
                        set.insert(NAMES[m]);
                        0
                    };
                    (vec!["update".into(), "--app".into(), APPS[a].into(), format!("--username={}", NAMES[n]), format!("--new-username={}", NAMES[m])], code)
                }
                Op::Delete(a, n) => {
                    let code = if model.get_mut(APPS[a]).unwrap().remove(NAMES[n]) { 0 } else { 3 };
                    (vec!["delete".into(), "--app".into(), APPS[a].into(), format!("--username={}", NAMES[n])], code)
                }
            };
            let out = r.cmd().args(&args).write_stdin("model-password-123").output().unwrap();
            prop_assert_eq!(code(&out), expect, "{:?}: {}", args, stderr(&out));
            all_yaml_parses(&r);
            for app in APPS {
                let want: BTreeSet<String> = model[app].iter().map(|s| s.to_string()).collect();
                let file = r.yaml(app);
                let have: BTreeSet<String> = if file.is_some() {
                    r.users(app).iter().map(|u| u.split_once(':').unwrap().0.to_string()).collect()
                } else {
                    BTreeSet::new()
                };
                prop_assert_eq!(&have, &want, "{}", app);
                if let Some(y) = file {
                    let attached = y["http"]["routers"][app]["middlewares"].as_sequence().is_some_and(|m| !m.is_empty());
                    prop_assert!(!attached || !have.is_empty(), "middleware attached without users");
                    prop_assert_eq!(attached, !want.is_empty() && app != "gamma");
                } else {
                    prop_assert!(app == "gamma" && want.is_empty(), "{} has no file", app);
                }
            }
        }
    }
}
