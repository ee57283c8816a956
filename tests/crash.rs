//! SIGKILL at random points of `create`, `update`, `delete`, `app update`
//! and `sync`: after each kill, one `authgate list` puts Traefik's files back
//! in step with the database (`check` is clean), and every change whose
//! command exited 0 is there (ARCHITECTURE.md, "The unit of work").
//!
//! The trials are random, from a seed printed at the start
//! (`AUTHGATE_CRASH_SEED` replays one); `AUTHGATE_CRASH_TRIALS` sets their
//! number (a few dozen by default, so that `cargo test` stays quick;
//! `bench/crash.sh` runs the full count).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

use crate::common::Registry;
use crate::common::redis_server::RedisServer;

/// Credentials besides the ones the trials change, so that each write of
/// the application's file takes long enough for kills to land inside it.
const BULK: usize = 3000;
const POOL: usize = 12;

fn trials() -> usize {
    std::env::var("AUTHGATE_CRASH_TRIALS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(16)
}

fn seed() -> u64 {
    std::env::var("AUTHGATE_CRASH_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        })
}

/// The application's `user:hash` entries by app name as the registry holds
/// them, and as Traefik's files list them under either of the names the
/// trials give it, read directly (no authgate command, which would put them
/// back in step first).
type Entries = BTreeMap<String, BTreeSet<String>>;

fn db_and_files(r: &Registry, app_id: &str) -> (Entries, Entries) {
    let conn = r.sql();
    let app_name: String = conn
        .query_row(
            "SELECT app_name FROM applications WHERE application_id = ?1",
            [app_id],
            |row| row.get(0),
        )
        .unwrap();
    let mut stmt = conn
        .prepare("SELECT username, password_hash FROM security WHERE application_id = ?1")
        .unwrap();
    let users: BTreeSet<String> = stmt
        .query_map([app_id], |row| {
            Ok(format!(
                "{}:{}",
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?
            ))
        })
        .unwrap()
        .map(|u| u.unwrap())
        .collect();
    let db = BTreeMap::from([(app_name, users)]);
    let files = NAMES
        .iter()
        .filter(|name| r.file(name).exists())
        .map(|name| (name.to_string(), r.users(name).into_iter().collect()))
        .collect();
    (db, files)
}

/// The `user:hash` entries of each app name's middleware in Redis, read
/// directly.
fn redis_entries(server: &RedisServer) -> Entries {
    let mut conn = server.conn();
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg("traefik/http/middlewares/*-auth/basicAuth/users/*")
        .query(&mut conn)
        .unwrap();
    let mut out = Entries::new();
    for key in keys {
        let app = key
            .trim_start_matches("traefik/http/middlewares/")
            .split("-auth/")
            .next()
            .unwrap()
            .to_string();
        let value: String = redis::cmd("GET").arg(&key).query(&mut conn).unwrap();
        out.entry(app).or_default().insert(value);
    }
    out
}

/// The names `app update --app-name` switches the application between.
const NAMES: [&str; 2] = ["shop", "store"];

fn usernames(conn: &rusqlite::Connection, app_id: &str) -> BTreeSet<String> {
    let mut stmt = conn
        .prepare("SELECT username FROM security WHERE application_id = ?1")
        .unwrap();
    stmt.query_map([app_id], |row| row.get(0))
        .unwrap()
        .map(|u| u.unwrap())
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Create,
    Update,
    Delete,
    AppUpdate,
    Sync,
}

/// A change whose command exited 0, to be found after every later trial.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Known {
    Present(String),
    Absent,
}

#[test]
fn a_killed_command_never_leaves_traefik_out_of_step_after_the_next_command() {
    crash_trials(None);
}

#[test]
fn a_killed_command_never_leaves_a_redis_sink_out_of_step_after_the_next_command() {
    crash_trials(Some(&RedisServer::start()));
}

fn crash_trials(redis: Option<&RedisServer>) {
    let seed = seed();
    let trials = trials();
    let sinks = if redis.is_some() {
        "the directory and Redis"
    } else {
        "the directory"
    };
    eprintln!(
        "crash trials ({sinks}): {trials}, seed {seed} (AUTHGATE_CRASH_SEED={seed} replays them)"
    );
    let mut rng = StdRng::seed_from_u64(seed);

    let r = Registry::with_app();
    if let Some(server) = redis {
        r.ok(&["sink", "add", "redis", &server.url(), "--name", "main"]);
    }
    let app_id = r.json(&["app", "show", "shop"])["applicationId"]
        .as_str()
        .unwrap()
        .to_string();
    // The bulk: one bcrypt hash (cost 4), repeated under many usernames.
    r.add_credential("shop", "bulk-seed", "a-password-long-enough");
    let hash: String = r
        .sql()
        .query_row(
            "SELECT password_hash FROM security WHERE username = 'bulk-seed'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    let htpasswd: String = (0..BULK).map(|i| format!("bulk{i}:{hash}\n")).collect();
    r.ok(&["settings", "set", "max-credentials-per-app", "3500"]);
    r.run(["import", "--app", "shop", "-"]).stdin(htpasswd).ok();

    // Calibrate: kill within 1.5× the time a whole mutation takes here, so
    // that the kills land at every stage, from start-up to the rename and
    // the commit; the fastest of three runs, as other tests load the machine.
    let mut fastest = Duration::MAX;
    for n in 0..3 {
        let started = Instant::now();
        r.add_credential("shop", &format!("calibration{n}"), "a-password-long-enough");
        fastest = fastest.min(started.elapsed());
    }
    let mut window = fastest.as_micros() as u64 * 3 / 2;
    let longest_window = window * 2;

    let mut known: BTreeMap<String, Known> = BTreeMap::new();
    let (mut killed, mut exited, mut out_of_step, mut intents_left) = (0, 0, 0, 0);
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for trial in 0..trials {
        let present = usernames(&r.sql(), &app_id);
        let pool: Vec<String> = (0..POOL).map(|i| format!("pool{i}")).collect();
        let kind = match rng.random_range(0..5) {
            0 => Kind::Create,
            1 => Kind::Update,
            2 => Kind::Delete,
            3 => Kind::AppUpdate,
            _ => Kind::Sync,
        };
        let existing: Vec<&String> = pool.iter().filter(|u| present.contains(*u)).collect();
        let missing: Vec<&String> = pool.iter().filter(|u| !present.contains(*u)).collect();
        let password = format!("password-of-trial-{trial}");
        let pick = |rng: &mut StdRng, from: &[&String]| -> Option<String> {
            (!from.is_empty()).then(|| from[rng.random_range(0..from.len())].clone())
        };
        let (kind, user) = match kind {
            Kind::Create => match pick(&mut rng, &missing) {
                Some(u) => (Kind::Create, Some(u)),
                None => (Kind::Delete, pick(&mut rng, &existing)),
            },
            Kind::Update | Kind::Delete => match pick(&mut rng, &existing) {
                Some(u) => (kind, Some(u)),
                None => (Kind::Create, pick(&mut rng, &missing)),
            },
            other => (other, None),
        };
        let mut args: Vec<String> = match kind {
            Kind::Create | Kind::Update => vec![
                if kind == Kind::Create {
                    "create"
                } else {
                    "update"
                }
                .into(),
                "--app".into(),
                app_id.clone(),
                "--username".into(),
                user.clone().unwrap(),
                "--password-stdin".into(),
            ],
            Kind::Delete => vec![
                "delete".into(),
                "--app".into(),
                app_id.clone(),
                "--username".into(),
                user.clone().unwrap(),
            ],
            // A rename: two files change, one appears and one goes.
            Kind::AppUpdate => {
                let name: String = r
                    .sql()
                    .query_row(
                        "SELECT app_name FROM applications WHERE application_id = ?1",
                        [&app_id],
                        |row| row.get(0),
                    )
                    .unwrap();
                let to = if name == NAMES[0] { NAMES[1] } else { NAMES[0] };
                vec![
                    "app".into(),
                    "update".into(),
                    app_id.clone(),
                    "--app-name".into(),
                    to.into(),
                    "--upstream".into(),
                    format!("http://10.0.0.{}:3000", trial % 250 + 1),
                ]
            }
            Kind::Sync => vec!["sync".into()],
        };
        args.extend(["-q".to_string(), "--no-warnings".to_string()]);
        *kinds.entry(format!("{kind:?}")).or_default() += 1;

        let mut child = Command::new(env!("CARGO_BIN_EXE_authgate"))
            .args(&args)
            .env_clear()
            .env("HOME", r.home())
            .env("XDG_DATA_HOME", r.home().join(".local/share"))
            .env("XDG_CONFIG_HOME", r.home().join(".config"))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        {
            let mut stdin = child.stdin.take().unwrap();
            let _ = stdin.write_all(password.as_bytes());
        }
        std::thread::sleep(Duration::from_micros(rng.random_range(0..window.max(1000))));
        let status = match child.try_wait().unwrap() {
            Some(status) => status,
            None => {
                let _ = child.kill();
                child.wait().unwrap()
            }
        };
        let succeeded = status.code() == Some(0);
        // The window follows the commands: each that finished before its
        // kill shortens it (a calibration slowed by other tests made it too
        // long for the kills to land), each kill lengthens it a little, up
        // to twice the calibration (so that slower kinds of commands are
        // still killed near their end). About seven kills in ten.
        if status.code().is_none() {
            killed += 1;
            window = (window * 9 / 8).min(longest_window);
        } else {
            exited += 1;
            window = (window * 3 / 4).max(1000);
        }

        // What the kill left, before any authgate command looks.
        let (db, files) = db_and_files(&r, &app_id);
        if db != files || redis.is_some_and(|server| redis_entries(server) != db) {
            out_of_step += 1;
        }
        intents_left += r.count("SELECT count(*) FROM publish_intents").min(1);

        // One command of any kind puts Traefik back in step.
        r.run(["list", "--app", &app_id, "-q"]).ok();
        let (db, files) = db_and_files(&r, &app_id);
        assert_eq!(
            db, files,
            "trial {trial} ({kind:?}, seed {seed}): the file differs from the database after `list`"
        );
        assert_eq!(
            r.count("SELECT count(*) FROM publish_intents"),
            0,
            "trial {trial}"
        );
        r.run(["check"]).ok();

        if succeeded && let Some(user) = &user {
            let fact = match kind {
                Kind::Delete => Known::Absent,
                _ => Known::Present(password.clone()),
            };
            known.insert(user.clone(), fact);
        } else if let Some(user) = &user {
            // Killed: whichever state it committed, nothing is known.
            known.remove(user);
        }
        let present = usernames(&r.sql(), &app_id);
        for (user, fact) in &known {
            assert_eq!(
                present.contains(user),
                matches!(fact, Known::Present(_)),
                "trial {trial} (seed {seed}): the exit-0 change to {user} was undone"
            );
        }
    }
    // The passwords that exit-0 commands set still verify.
    for (user, fact) in &known {
        if let Known::Present(password) = fact {
            r.verifies(&app_id, user, password);
        }
    }
    eprintln!(
        "crash trials ({sinks}): {killed} killed, {exited} exited ({kinds:?}); {out_of_step} kills left a sink out of step with the database and {intents_left} left an intent; `list` put every one back"
    );
    assert!(
        killed * 4 >= trials,
        "too few kills to test anything: {killed} of {trials} (window {window} µs)"
    );
}

#[test]
fn a_read_does_not_wait_for_a_live_writer_and_recovers_a_dead_ones_intent() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a-password-long-enough");
    let before = std::fs::read(r.file("shop")).unwrap();
    let conn = r.sql();
    conn.execute(
        "INSERT INTO publish_intents (token, app_name, owner, created_at) VALUES ('t', 'shop', ?1, 'now')",
        [authgate::testing::this_process()],
    )
    .unwrap();
    // A live writer holds the write lock with its intent committed: a read
    // goes on without waiting for it (the busy timeout is a minute).
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    r.run(["list", "--app", "shop", "-q"])
        .timeout(Duration::from_secs(20))
        .ok();
    conn.execute_batch("ROLLBACK").unwrap();
    assert_eq!(
        r.count("SELECT count(*) FROM publish_intents"),
        1,
        "the live writer's"
    );

    // The writer died after writing a file it never committed: the next
    // command, a read, waits for the lock and puts the file back.
    conn.execute("UPDATE publish_intents SET owner = 'gone:1'", [])
        .unwrap();
    let uncommitted = String::from_utf8(before.clone())
        .unwrap()
        .replace("- admin:", "- intruder:");
    std::fs::write(r.file("shop"), uncommitted).unwrap();
    r.run(["list", "--app", "shop", "-q"]).ok();
    assert_eq!(std::fs::read(r.file("shop")).unwrap(), before);
    assert_eq!(r.count("SELECT count(*) FROM publish_intents"), 0);
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE action = 'publish.recover'"),
        1
    );
    r.run(["check"]).ok();
}
