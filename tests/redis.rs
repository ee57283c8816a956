//! The Redis sink against a real redis-server (Debian's), started here on a
//! free loopback port. A missing redis-server (or redis-cli) fails the
//! tests, naming the package; `.ci/run` installs both.

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use redis::Commands;
use serde_json::Value;

use crate::common::redis_server::RedisServer;
use crate::common::*;

/// Every key under `traefik/` with its value, read atomically by a script.
fn snapshot(conn: &mut redis::Connection) -> BTreeMap<String, String> {
    let flat: Vec<String> = redis::cmd("EVAL")
        .arg(
            "local out = {}
         for _, k in ipairs(redis.call('KEYS', 'traefik/*')) do
           out[#out + 1] = k
           out[#out + 1] = redis.call('GET', k)
         end
         return out",
        )
        .arg(0)
        .query(conn)
        .unwrap();
    flat.chunks(2)
        .map(|p| (p[0].clone(), p[1].clone()))
        .collect()
}

/// What Redis holds for the application, rebuilt into the same model.
fn redis_model(server: &RedisServer, app: &str) -> Value {
    kv_model(&snapshot(&mut server.conn()), app)
}

fn with_sink(r: &Registry, server: &RedisServer) {
    r.ok(&["sink", "add", "redis", &server.url(), "--name", "main"]);
}

#[test]
fn keys_follow_every_change_and_rebuild_the_yaml_model() {
    let server = RedisServer::start();
    let r = Registry::with_app();
    r.ok(&["app", "add", "--app-name", "ext"]);
    // A key written by another tool under the same root.
    let _: () = server
        .conn()
        .set("traefik/http/routers/other/rule", "Host(`other.example`)")
        .unwrap();
    // No credential, so no middleware: nothing to reference yet.
    let shown = r.json(&["app", "show", "ext"]);
    assert_eq!(shown["middleware"], serde_json::Value::Null);
    assert_eq!(shown["middlewareRefs"], serde_json::json!([]));
    r.add_credential("ext", "first", "a long enough password");
    let shown = r.json(&["app", "show", "ext"]);
    assert_eq!(
        shown["middlewareRefs"],
        serde_json::json!(["ext-auth@file"])
    );
    with_sink(&r, &server);
    // A router on a node that reads only Redis references the middleware
    // there.
    let shown = r.json(&["app", "show", "ext"]);
    assert_eq!(shown["middleware"], "ext-auth@file");
    assert_eq!(
        shown["middlewareRefs"],
        serde_json::json!(["ext-auth@file", "ext-auth@redis"])
    );
    r.ok(&["delete", "--app", "ext", "--username", "first"]);
    let same = |step: &str| {
        for app in ["shop", "ext"] {
            assert_eq!(
                redis_model(&server, app),
                yaml_model(&r, app),
                "{step}: {app}"
            );
        }
        assert_eq!(
            server
                .conn()
                .get::<_, String>("traefik/http/routers/other/rule")
                .unwrap(),
            "Host(`other.example`)",
            "{step}: foreign key survives"
        );
    };
    same("after sink add");
    r.add_credential("shop", "admin", "first password");
    r.add_credential("shop", "bob", "second password");
    r.add_credential("ext", "carol", "third password");
    same("after create");
    let users = app_keys(&snapshot(&mut server.conn()), "shop");
    assert_eq!(
        users["traefik/http/routers/shop/middlewares/0"], "shop-auth",
        "the router lists the middleware"
    );
    assert_eq!(
        users["traefik/http/middlewares/shop-auth/basicAuth/removeHeader"],
        "true"
    );
    r.cmd()
        .args([
            "update",
            "--app",
            "shop",
            "--username",
            "admin",
            "--password-stdin",
        ])
        .write_stdin("rotated password")
        .assert()
        .success();
    r.ok(&[
        "update",
        "--app",
        "shop",
        "--username",
        "bob",
        "--new-username",
        "aaron",
    ]);
    same("after update");
    r.ok(&["delete", "--app", "shop", "--username", "aaron"]);
    r.ok(&["delete", "--app", "ext", "--username", "carol"]);
    same("after delete");
    assert!(
        !snapshot(&mut server.conn())
            .contains_key("traefik/http/middlewares/shop-auth/basicAuth/users/1"),
        "no users/1 left over"
    );
    r.ok(&["app", "remove", "shop"]);
    same("after app remove");
    let left: Vec<String> = snapshot(&mut server.conn()).into_keys().collect();
    assert_eq!(left, ["traefik/http/routers/other/rule"]);
    let markers: Vec<String> = server.conn().keys("authgate/*").unwrap();
    assert!(markers.is_empty(), "{markers:?}");
    r.ok(&["sync"]);
    r.ok(&["check"]);
    same("after sync");
}

/// Commands of the watcher test: five rounds of create, update, delete,
/// update. Every state the server passes through is checked, so more rounds
/// would add time, not chances to see a partial set.
const WATCHED_COMMANDS: usize = 20;

/// Whether `keys` (shop's keys at one moment) is a whole key set: router,
/// service and middleware all there, the users numbered from 0 without a
/// gap, each a `name:hash` entry, and the users those of one of the states
/// the test moves between. Returns the usernames.
fn whole_key_set(keys: &BTreeMap<String, String>) -> Option<Vec<String>> {
    let users: Vec<(&String, &String)> = keys
        .iter()
        .filter(|(k, _)| k.contains("/basicAuth/users/"))
        .collect();
    let names: Vec<String> = users
        .iter()
        .map(|(_, v)| v.split(':').next().unwrap().to_string())
        .collect();
    let indices_ok = (0..users.len()).all(|i| {
        keys.contains_key(&format!(
            "traefik/http/middlewares/shop-auth/basicAuth/users/{i}"
        ))
    });
    let complete = keys.contains_key("traefik/http/routers/shop/rule")
        && keys.contains_key("traefik/http/services/shop/loadBalancer/servers/0/url")
        && keys.contains_key("traefik/http/routers/shop/middlewares/0")
        && keys.contains_key("traefik/http/middlewares/shop-auth/basicAuth/realm");
    let ok = complete
        && indices_ok
        && (names == ["admin"] || names == ["admin", "bob"])
        && users.iter().all(|(_, v)| v.matches(':').count() == 1);
    ok.then_some(names)
}

/// One line of `redis-cli monitor`: the client and the command's words,
/// unquoted (`1700000000.123456 [0 127.0.0.1:54321] "MSET" "k" "v"`; the
/// server quotes each word, escaping `\\`, `\"`, `\n`, `\r`, `\t`, `\a`,
/// `\b` and other bytes as `\xHH`).
fn monitor_line(line: &str) -> Option<(String, Vec<String>)> {
    let (_, rest) = line.split_once(" [")?;
    let (client, mut words) = rest.split_once("] ")?;
    let mut out = Vec::new();
    loop {
        words = words.trim_start();
        let Some(quoted) = words.strip_prefix('"') else {
            break;
        };
        let mut word = Vec::new();
        let mut chars = quoted.char_indices();
        let end = loop {
            let (i, c) = chars.next()?;
            match c {
                '"' => break i + 1,
                '\\' => match chars.next()?.1 {
                    'n' => word.push(b'\n'),
                    'r' => word.push(b'\r'),
                    't' => word.push(b'\t'),
                    'a' => word.push(7),
                    'b' => word.push(8),
                    'x' => {
                        let hex: String = [chars.next()?.1, chars.next()?.1].iter().collect();
                        word.push(u8::from_str_radix(&hex, 16).ok()?);
                    }
                    other => word.extend(other.to_string().as_bytes()),
                },
                c => word.extend(c.to_string().as_bytes()),
            }
        };
        out.push(String::from_utf8_lossy(&word).into_owned());
        words = &quoted[end..];
    }
    Some((client.to_string(), out))
}

/// What a replay of the MONITOR log found: every state of the keys a reader
/// could have read, writes outside a transaction, commands it cannot replay.
#[derive(Default)]
struct Replay {
    states: Vec<BTreeMap<String, String>>,
    transactions: usize,
    outside: Vec<String>,
    unknown: Vec<String>,
}

/// Replays the MONITOR log from `start` (what the server held when MONITOR
/// began), applying each client's MULTI ... EXEC block at once (a script
/// may only read: its commands are logged as client `lua`): a reader's
/// command runs between two of the server's, so the states after each write
/// and after each EXEC are every state a reader could ever see, however
/// fast it polled.
fn replay(log: &str, start: BTreeMap<String, String>) -> Replay {
    const READS: &[&str] = &[
        "AUTH", "CLIENT", "ECHO", "EVAL", "EXISTS", "GET", "HELLO", "INFO", "KEYS", "MGET", "PING",
        "SCAN", "SELECT", "SMEMBERS", "TYPE",
    ];
    let mut out = Replay::default();
    let mut state = start;
    let mut queued: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    for line in log.lines().filter(|l| l.contains(" [")) {
        let Some((client, words)) = monitor_line(line) else {
            out.unknown.push(line.to_string());
            continue;
        };
        let name = words.first().map(|w| w.to_uppercase()).unwrap_or_default();
        let write = |state: &mut BTreeMap<String, String>, words: &[String]| -> bool {
            match words[0].to_uppercase().as_str() {
                "SET" => {
                    state.insert(words[1].clone(), words[2].clone());
                }
                "MSET" => {
                    for pair in words[1..].chunks(2) {
                        state.insert(pair[0].clone(), pair[1].clone());
                    }
                }
                "DEL" | "UNLINK" => {
                    for key in &words[1..] {
                        state.remove(key);
                    }
                }
                // The markers of ownership are sets, not configuration.
                "SADD" | "SREM" => {}
                _ => return false,
            }
            true
        };
        match (name.as_str(), queued.get_mut(&client)) {
            ("MULTI", _) => {
                queued.insert(client, Vec::new());
            }
            ("EXEC", Some(_)) => {
                for words in queued.remove(&client).unwrap() {
                    if !write(&mut state, &words) {
                        out.unknown.push(words.join(" "));
                    }
                }
                out.transactions += 1;
                out.states.push(state.clone());
            }
            (_, Some(block)) => block.push(words),
            (name, None) if READS.contains(&name) => {}
            // A script's writes would take more than this replay models.
            (_, None) if client.contains("lua") => out.unknown.push(line.to_string()),
            (_, None) => {
                if write(&mut state, &words) {
                    out.outside.push(line.to_string());
                    out.states.push(state.clone());
                } else {
                    out.unknown.push(line.to_string());
                }
            }
        }
    }
    out
}

#[test]
fn a_watcher_never_sees_a_partial_key_set() {
    let server = RedisServer::start();
    let r = Registry::with_app();
    with_sink(&r, &server);
    r.add_credential("shop", "admin", "first password");
    // MONITOR shows every command the server runs, in the order it runs
    // them: replayed, it shows every state a watcher could read.
    let monitor_log = r.dir.path().join("monitor.log");
    let mut monitor = Command::new(required_tool("redis-cli", "redis-tools"))
        .args(["-p", &server.port.to_string(), "monitor"])
        .stdout(std::fs::File::create(&monitor_log).unwrap())
        .spawn()
        .expect("run redis-cli");
    let logged = |needle: &str| {
        let started = Instant::now();
        while !std::fs::read_to_string(&monitor_log)
            .unwrap()
            .contains(needle)
        {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "MONITOR never logged {needle}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    };
    // redis-cli prints OK once the server has it monitoring.
    logged("OK");
    let start = snapshot(&mut server.conn());
    assert!(
        whole_key_set(&app_keys(&start, "shop")).is_some(),
        "{start:#?}"
    );
    for i in 0..WATCHED_COMMANDS {
        let args: Vec<&str> = match i % 4 {
            0 => vec![
                "create",
                "--app",
                "shop",
                "--username",
                "bob",
                "--password-stdin",
            ],
            1 | 3 => vec![
                "update",
                "--app",
                "shop",
                "--username",
                "admin",
                "--password-stdin",
            ],
            _ => vec!["delete", "--app", "shop", "--username", "bob"],
        };
        r.cmd()
            .args(&args)
            .write_stdin("a long enough password")
            .assert()
            .success();
    }
    // The log is complete once it shows a command sent after the last one.
    let _: String = redis::cmd("ECHO")
        .arg("watched-to-the-end")
        .query(&mut server.conn())
        .unwrap();
    logged("watched-to-the-end");
    let _ = monitor.kill();
    let _ = monitor.wait();
    let log = std::fs::read_to_string(&monitor_log).unwrap();
    let replayed = replay(&log, start);
    assert!(
        replayed.unknown.is_empty(),
        "commands the replay does not know: {:#?}",
        replayed.unknown
    );
    let mut names = std::collections::BTreeSet::new();
    for state in &replayed.states {
        let keys = app_keys(state, "shop");
        match whole_key_set(&keys) {
            Some(users) => names.insert(users),
            None => panic!("a partial key set:\n{keys:#?}"),
        };
    }
    eprintln!(
        "{} states replayed, {} transactions",
        replayed.states.len(),
        replayed.transactions
    );
    assert!(
        replayed.outside.is_empty(),
        "writes outside a transaction: {:#?}",
        replayed.outside
    );
    assert!(
        replayed.transactions >= WATCHED_COMMANDS,
        "only {} MULTI/EXEC blocks seen",
        replayed.transactions
    );
    // The replay followed the commands: both sets of users, and at the end
    // what the server holds.
    assert_eq!(
        names.into_iter().collect::<Vec<_>>(),
        [
            vec!["admin".to_string()],
            vec!["admin".to_string(), "bob".to_string()]
        ]
    );
    assert_eq!(replayed.states.last(), Some(&snapshot(&mut server.conn())));
}

#[test]
fn redis_down_is_named_and_the_change_goes_on_everywhere_else() {
    let mut server = RedisServer::start();
    let r = Registry::with_app();
    with_sink(&r, &server);
    r.add_credential("shop", "admin", "first password");
    server.stop();
    let out = r
        .cmd()
        .args([
            "create",
            "--app",
            "shop",
            "--username",
            "bob",
            "--password-stdin",
        ])
        .write_stdin("second password")
        .output()
        .unwrap();
    assert_eq!(code(&out), 9, "PARTIAL: {}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("127.0.0.1:{}", server.port)),
        "names the endpoint: {}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("sink 'main'"), "{}", stderr(&out));
    // Committed, and in force in the directory.
    assert_eq!(
        r.count("SELECT count(*) FROM security WHERE username = 'bob'"),
        1
    );
    assert_eq!(r.users("shop").len(), 2);
    assert_eq!(r.count("SELECT count(*) FROM pending_publishes"), 1);
    r.cmd().args(["check"]).assert().code(1);

    // Back up, empty (no persistence): check names what is pending, and the
    // next publishing command catches it up.
    let server = RedisServer::start_on(server.port, None);
    let out = r.cmd().args(["check", "-o", "json"]).output().unwrap();
    assert_eq!(code(&out), 7, "drift has its own exit status");
    assert!(stdout(&out).contains("\"pending\""), "{}", stdout(&out));
    assert!(stdout(&out).contains("\"missing\""), "{}", stdout(&out));
    r.ok(&["app", "update", "shop", "--realm", "shop"]);
    assert_eq!(r.count("SELECT count(*) FROM pending_publishes"), 0);
    r.ok(&["check"]);
    assert_eq!(redis_model(&server, "shop"), yaml_model(&r, "shop"));
}

#[test]
fn directory_and_redis_stay_equal_under_concurrent_writers() {
    let server = RedisServer::start();
    let r = Arc::new(Registry::with_app());
    with_sink(&r, &server);
    let workers: Vec<_> = (0..4)
        .map(|p| {
            let r = r.clone();
            std::thread::spawn(move || {
                for i in 0..10 {
                    let out = r
                        .cmd()
                        .args([
                            "create",
                            "--app",
                            "shop",
                            "--username",
                            &format!("u{p}-{i}"),
                        ])
                        .args(["--password-stdin"])
                        .write_stdin("a long enough password")
                        .output()
                        .unwrap();
                    assert_eq!(code(&out), 0, "{}", stderr(&out));
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    r.ok(&["check"]);
    assert_eq!(r.users("shop").len(), 40);
    assert_eq!(redis_model(&server, "shop"), yaml_model(&r, "shop"));
}

#[test]
fn sink_urls_never_carry_passwords_and_only_owners_manage_sinks() {
    let r = Registry::with_app();
    let out = r
        .cmd()
        .args(["sink", "add", "redis", "redis://:secret@127.0.0.1:6379/0"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--password-file"), "{}", stderr(&out));
    r.cmd()
        .args(["sink", "add", "redis", "http://127.0.0.1:6379"])
        .assert()
        .code(2);
    let admin = r.add_user("dave", "admin");
    r.cmd_as(&admin)
        .args(["sink", "add", "redis", "redis://127.0.0.1:1/0"])
        .assert()
        .code(4);
    // An unreachable server is refused at add time, naming it.
    let out = r
        .cmd()
        .args(["sink", "add", "redis", "redis://127.0.0.1:1/0"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("127.0.0.1:1"), "{}", stderr(&out));
    assert_eq!(r.count("SELECT count(*) FROM sinks"), 0);
}

#[test]
fn the_redis_password_comes_from_a_file_read_only_when_publishing() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let _server = RedisServer::start_on(port, Some("s3cret-redis"));
    let r = Registry::with_app();
    let url = format!("redis://127.0.0.1:{port}/0");
    // Without the password the server refuses, and the sink is not added.
    r.cmd()
        .args(["sink", "add", "redis", &url])
        .assert()
        .code(1);
    let pw = r.dir.path().join("redis.pw");
    std::fs::write(&pw, "s3cret-redis\n").unwrap();
    r.ok(&[
        "sink",
        "add",
        "redis",
        &url,
        "--password-file",
        pw.to_str().unwrap(),
    ]);
    r.add_credential("shop", "admin", "first password");
    let client = redis::Client::open(format!("redis://:s3cret-redis@127.0.0.1:{port}/0")).unwrap();
    let mut conn = client.get_connection().unwrap();
    let users: Option<String> = conn
        .get("traefik/http/middlewares/shop-auth/basicAuth/users/0")
        .unwrap();
    assert!(users.unwrap().starts_with("admin:$2y$"));
    // The password is never stored, only where to read it.
    for db_file in ["authgate.db", "authgate.db-wal"] {
        let bytes = std::fs::read(r.db().with_file_name(db_file)).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("s3cret-redis"),
            "{db_file} holds the Redis password"
        );
    }
    assert_eq!(
        r.count("SELECT count(*) FROM sinks WHERE password_file IS NOT NULL"),
        1
    );
    std::fs::remove_file(&pw).unwrap();
    r.ok(&["list"]);
    let out = r
        .cmd()
        .args([
            "create",
            "--app",
            "shop",
            "--username",
            "bob",
            "--password-stdin",
        ])
        .write_stdin("second password")
        .output()
        .unwrap();
    // Without its password the sink cannot be reached: the change goes on
    // everywhere else, and is pending there (PARTIAL), naming the file.
    assert_eq!(code(&out), 9);
    assert!(
        stderr(&out).contains(pw.to_str().unwrap()),
        "{}",
        stderr(&out)
    );
    assert_eq!(r.count("SELECT count(*) FROM security"), 2);
    assert_eq!(r.count("SELECT count(*) FROM pending_publishes"), 1);
}

#[test]
fn keys_injected_into_an_applications_names_are_reported_and_removed() {
    let server = RedisServer::start();
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a long enough password");
    with_sink(&r, &server);
    r.ok(&["check"]);
    let intruder = "traefik/http/middlewares/shop-auth/basicAuth/users/9";
    let router_intruder = "traefik/http/routers/shop/middlewares/5";
    let outside = "traefik/http/routers/other/rule";
    let mut conn = server.conn();
    let _: () = conn
        .set(
            intruder,
            "mallory:$2y$04$abcdefghijklmnopqrstuuEdxyVKbOCaVm2OYHcalFSD5NqQ.8pXa",
        )
        .unwrap();
    let _: () = conn.set(router_intruder, "noop@file").unwrap();
    let _: () = conn.set(outside, "Host(`other.example`)").unwrap();

    let out = r.cmd().args(["check", "-o", "json"]).output().unwrap();
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(intruder) && text.contains(router_intruder),
        "{text}"
    );
    assert!(!text.contains(outside), "not authgate's name: {text}");
    assert!(!text.contains("mallory:"), "never a value: {text}");

    r.ok(&["sync"]);
    r.ok(&["check"]);
    let exists = |key: &str| -> bool { server.conn().exists(key).unwrap() };
    assert!(!exists(intruder) && !exists(router_intruder));
    assert!(exists(outside), "keys outside authgate's names survive");
    assert_eq!(redis_model(&server, "shop"), yaml_model(&r, "shop"));
}

#[test]
fn expired_credentials_leave_the_keys_too_and_the_app_stays_locked() {
    let server = RedisServer::start();
    let r = Registry::with_app();
    with_sink(&r, &server);
    r.set_now(T0);
    r.cmd()
        .args([
            "create",
            "--app",
            "shop",
            "--username",
            "temp",
            "--password-stdin",
            "--expires-in",
            "1h",
        ])
        .write_stdin("a long enough password")
        .assert()
        .success();
    assert_eq!(redis_model(&server, "shop"), yaml_model(&r, "shop"));
    r.set_now(T0_PLUS_2H);
    assert_eq!(r.ok(&["list", "--expired", "-q"]).lines().count(), 1);
    r.ok(&["expire"]);
    let model = redis_model(&server, "shop");
    assert_eq!(model, yaml_model(&r, "shop"));
    let users = &model["http"]["middlewares"]["shop-auth"]["basicAuth"]["users"];
    assert_eq!(users.as_array().unwrap().len(), 1, "{model}");
    assert!(users[0].as_str().unwrap().starts_with("authgate-locked:"));
    r.ok(&["check"]);
}

/// Every key, markers of ownership included, with its value.
fn every_key(conn: &mut redis::Connection) -> BTreeMap<String, String> {
    let keys: Vec<String> = conn.keys("*").unwrap();
    keys.into_iter()
        .map(|k| {
            let value: String = match redis::cmd("TYPE")
                .arg(&k)
                .query::<String>(conn)
                .unwrap()
                .as_str()
            {
                "set" => {
                    let mut members: Vec<String> = conn.smembers(&k).unwrap();
                    members.sort();
                    members.join("\n")
                }
                _ => conn.get(&k).unwrap(),
            };
            (k, value)
        })
        .collect()
}

/// What a dry run prints of the keys: `set KEY = VALUE` and `delete KEY`
/// lines, from the keys under `traefik/` before and after the real run.
fn expected_key_lines(
    before: &BTreeMap<String, String>,
    after: &BTreeMap<String, String>,
) -> Vec<String> {
    let mut lines: Vec<(String, String)> = Vec::new();
    for (k, v) in after {
        match before.get(k) {
            Some(old) if old == v => {}
            Some(old) => lines.push((
                k.clone(),
                format!(
                    "  set    {k} = {} (was {})",
                    authgate::domain::password::scheme::mask(v),
                    authgate::domain::password::scheme::mask(old)
                ),
            )),
            None => lines.push((
                k.clone(),
                format!(
                    "  set    {k} = {}",
                    authgate::domain::password::scheme::mask(v)
                ),
            )),
        }
    }
    for k in before.keys().filter(|k| !after.contains_key(*k)) {
        lines.push((k.clone(), format!("  delete {k}")));
    }
    lines.sort();
    lines.into_iter().map(|(_, l)| l).collect()
}

#[test]
fn a_dry_run_leaves_every_key_and_names_the_keys_the_real_run_changes() {
    let server = RedisServer::start();
    let r = Registry::with_app();
    with_sink(&r, &server);
    r.add_credential("shop", "admin", "admin's password");
    let steps: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "create",
                "--app",
                "shop",
                "--username",
                "bob",
                "--password-stdin",
            ],
            "bob's password",
        ),
        (
            vec![
                "update",
                "--app",
                "shop",
                "--username",
                "admin",
                "--password-stdin",
            ],
            "a new password",
        ),
        (
            vec!["app", "update", "shop", "--public-path", "/health"],
            "",
        ),
        (vec!["delete", "--app", "shop", "--username", "bob"], ""),
        (vec!["app", "remove", "shop"], ""),
    ];
    for (args, stdin) in steps {
        let keys = every_key(&mut server.conn());
        let bytes = r.all_bytes();
        let before = snapshot(&mut server.conn());
        let dry = r.run(&args).arg("--dry-run").stdin(stdin).ok();
        assert_eq!(every_key(&mut server.conn()), keys, "{dry}");
        assert_eq!(r.all_bytes(), bytes, "{dry}");
        r.run(&args).stdin(stdin).ok();
        let expected = expected_key_lines(&before, &snapshot(&mut server.conn()));
        assert!(!expected.is_empty(), "{dry}");
        let header = format!("redis sink 'main' at {}, keys of shop:\n", server.url());
        let Some(at) = dry.stdout().find(&header) else {
            dry.fail(format_args!("no {header:?}"));
        };
        let printed: Vec<&str> = dry.stdout()[at + header.len()..].lines().collect();
        assert_eq!(printed, expected, "{dry}");
        for hash in ["$2y$", "$apr1$", "{SHA}"] {
            assert!(!dry.stdout().contains(hash), "{dry}");
        }
    }
}
