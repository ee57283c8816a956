//! `authgate guard`: failed logins in Traefik's access log become bans,
//! written as routers, with offsets that survive log rotation. The lines
//! here are Traefik's JSON access-log format; the test against a real
//! Traefik is in `traefik`.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::common::*;

const PASSWORD: &str = "a long enough password";

/// shop (managed routing, a credential) and blog (another application),
/// at [`T0`].
fn world() -> Registry {
    let r = Registry::with_app();
    r.set_now(T0);
    r.add_credential("shop", "admin", PASSWORD);
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "blog",
        "--domain",
        "blog.example.com",
        "--upstream",
        "http://10.0.0.6:3000",
    ]);
    r.add_credential("blog", "editor", PASSWORD);
    r
}

/// One access-log line as Traefik writes it (keys sorted, no spaces).
fn line(router: &str, client_addr: &str, username: Option<&str>, status: u16, at: &str) -> String {
    let mut v = json!({
        "ClientAddr": client_addr,
        "ClientHost": client_addr.rsplit_once(':').map_or(client_addr, |(h, _)| h),
        "DownstreamStatus": status,
        "RouterName": router,
        "StartUTC": at,
    });
    if let Some(u) = username {
        v["ClientUsername"] = json!(u);
    }
    // Sorted keys, as Go's encoder writes them.
    let map: std::collections::BTreeMap<String, Value> =
        serde_json::from_value(v).expect("an object");
    serde_json::to_string(&map).unwrap()
}

/// `n` failed logins of `addr` on shop, at `at`.
fn failures(n: usize, addr: &str, at: &str) -> String {
    (0..n)
        .map(|i| {
            line(
                "shop@file",
                &format!("{addr}:{}", 40000 + i),
                Some("admin"),
                401,
                at,
            ) + "\n"
        })
        .collect()
}

fn append(path: &Path, text: &str) {
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .unwrap();
    f.write_all(text.as_bytes()).unwrap();
}

fn log_path(r: &Registry) -> PathBuf {
    r.dir.path().join("access.log")
}

fn guard(r: &Registry, logs: &[&Path]) -> Value {
    let mut args = vec!["guard".to_string()];
    for l in logs {
        args.push("--access-log".into());
        args.push(l.display().to_string());
    }
    args.extend(["-o".into(), "json".into()]);
    r.run(args).ok().json()
}

/// `guard list` as (address, app, failures, banned until or "-", times).
fn listed(r: &Registry) -> Vec<(String, String, i64, String, i64)> {
    r.json(&["guard", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["address"].as_str().unwrap().to_string(),
                c["appName"].as_str().unwrap().to_string(),
                c["failures"].as_i64().unwrap(),
                c["bannedUntil"].as_str().unwrap_or("-").to_string(),
                c["timesBanned"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn banned_rule(r: &Registry, app: &str) -> Option<String> {
    r.yaml(app)?["http"]["routers"][format!("{app}.banned").as_str()]["rule"]
        .as_str()
        .map(str::to_string)
}

#[test]
fn more_failed_logins_than_the_limit_ban_the_client_and_challenges_never_do() {
    let r = world();
    let log = log_path(&r);
    // Ten failures: at the limit, not above it. Fifty challenges (no
    // username) from another client: never a reason to ban.
    append(&log, &failures(10, "127.0.0.2", T0));
    let challenges: String = (0..50)
        .map(|i| line("shop@file", &format!("127.0.0.3:{i}"), None, 401, T0) + "\n")
        .collect();
    append(&log, &challenges);
    // Lines of other routers, other statuses and garbage are read past.
    append(
        &log,
        &(line("shop@file", "127.0.0.2:1", Some("admin"), 200, T0) + "\n"),
    );
    append(
        &log,
        &(line("other@docker", "127.0.0.2:1", Some("admin"), 401, T0) + "\n"),
    );
    append(&log, "not json at all\n");
    let v = guard(&r, &[&log]);
    assert_eq!(
        (&v["failedLogins"], &v["challenges"], &v["changes"]),
        (&json!(10), &json!(50), &json!([]))
    );
    assert_eq!(banned_rule(&r, "shop"), None);
    // The eleventh crosses it.
    append(&log, &failures(1, "127.0.0.2", T0));
    let v = guard(&r, &[&log]);
    assert_eq!(v["failedLogins"], 1, "only the new line was read: {v}");
    let change = &v["changes"][0];
    assert_eq!(
        (&change["action"], &change["address"], &change["appName"]),
        (&json!("banned"), &json!("127.0.0.2/32"), &json!("shop"))
    );
    assert_eq!(change["bannedUntil"], "2100-01-01T01:00:00.000Z");
    assert_eq!(
        banned_rule(&r, "shop").as_deref(),
        Some("Host(`shop.example.com`) && ClientIP(`127.0.0.2/32`)")
    );
    let y = r.yaml("shop").unwrap();
    let router = &y["http"]["routers"]["shop.banned"];
    assert_eq!(router["service"].as_str(), Some("noop@internal"));
    assert_eq!(router["priority"].as_u64(), Some(2_000_000_000));
    let mw = &y["http"]["middlewares"]["shop.banned"]["ipAllowList"];
    assert_eq!(mw["rejectStatusCode"].as_u64(), Some(429));
    assert_eq!(
        serde_json::to_value(&mw["sourceRange"]).unwrap(),
        json!(["0.0.0.0/32", "::/128"])
    );
    // blog is untouched; `check` finds the files as the database says.
    assert_eq!(banned_rule(&r, "blog"), None);
    r.ok(&["check"]);
    assert_eq!(
        listed(&r),
        [(
            "127.0.0.2/32".to_string(),
            "shop".to_string(),
            0,
            "2100-01-01T01:00:00.000Z".to_string(),
            1
        )]
    );
    // Audited in the application's organization.
    let events = r.json(&["audit", "--action", "guard.ban"]);
    assert_eq!(events.as_array().unwrap().len(), 1, "{events}");
    assert!(
        events[0]["detail"]
            .as_str()
            .unwrap()
            .contains("127.0.0.2/32 banned until 2100-01-01T01:00:00.000Z after 11 failed logins"),
        "{events}"
    );
    // Nothing new: no write at all.
    let before = std::fs::read(r.db()).unwrap();
    let v = guard(&r, &[&log]);
    assert_eq!(v["idle"], true, "{v}");
    assert_eq!(std::fs::read(r.db()).unwrap(), before);
}

#[test]
fn the_connections_address_is_banned_never_a_forwarded_one() {
    let r = world();
    let log = log_path(&r);
    // ClientHost is what X-Forwarded-For said (the client wrote it); the
    // connection came from 127.0.0.9.
    let lines: String = (0..11)
        .map(|i| {
            let mut v: Value = serde_json::from_str(&line(
                "shop@file",
                &format!("127.0.0.9:{i}"),
                Some("x"),
                401,
                T0,
            ))
            .unwrap();
            v["ClientHost"] = json!("203.0.113.50");
            serde_json::to_string(&v).unwrap() + "\n"
        })
        .collect();
    append(&log, &lines);
    guard(&r, &[&log]);
    assert_eq!(
        banned_rule(&r, "shop").as_deref(),
        Some("Host(`shop.example.com`) && ClientIP(`127.0.0.9/32`)")
    );
    // IPv6 clients are banned as their /64.
    let v6: String = (0..6)
        .map(|i| {
            line(
                "shop@file",
                &format!("[2001:db8:1:2::{i}]:5000"),
                Some("a"),
                401,
                T0,
            ) + "\n"
        })
        .chain((0..5).map(|i| {
            line(
                "shop@file",
                &format!("[2001:db8:1:2:ffff::{i}]:5000"),
                Some("a"),
                401,
                T0,
            ) + "\n"
        }))
        .collect();
    append(&log, &v6);
    guard(&r, &[&log]);
    assert!(
        banned_rule(&r, "shop")
            .unwrap()
            .contains("ClientIP(`2001:db8:1:2::/64`)"),
        "{:?}",
        banned_rule(&r, "shop")
    );
}

#[test]
fn offsets_survive_rename_and_copytruncate_without_a_line_counted_twice_or_missed() {
    let r = world();
    let log = log_path(&r);
    let rotated = r.dir.path().join("access.log.1");
    append(&log, &failures(4, "127.0.0.2", T0));
    guard(&r, &[&log, &rotated]);
    assert_eq!(listed(&r)[0].2, 4);
    // Renamed, and Traefik writes two more lines to it before it reopens;
    // then a new file gets three.
    std::fs::rename(&log, &rotated).unwrap();
    append(&rotated, &failures(2, "127.0.0.2", T0));
    append(&log, &failures(3, "127.0.0.2", T0));
    let v = guard(&r, &[&log, &rotated]);
    assert_eq!(v["failedLogins"], 5, "{v}");
    assert_eq!(listed(&r)[0].2, 9);
    // copytruncate: the file is copied away (a .gz, which the guard does
    // not read) and truncated in place; the next line is read from the
    // start.
    let gz = r.dir.path().join("access.log.2.gz");
    std::fs::copy(&log, &gz).unwrap();
    std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&log)
        .unwrap();
    append(&log, &failures(1, "127.0.0.2", T0));
    let v = guard(&r, &[&log, &rotated, &gz]);
    assert_eq!(v["failedLogins"], 1, "{v}");
    let skipped: Vec<&Value> = v["logs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["path"] == gz.display().to_string())
        .collect();
    assert!(
        skipped[0]["skipped"]
            .as_str()
            .unwrap()
            .starts_with("compressed"),
        "{v}"
    );
    assert_eq!(listed(&r)[0].2, 10);
    // A line being written (no newline yet) waits for the next run.
    append(&log, failures(1, "127.0.0.2", T0).trim_end());
    let v = guard(&r, &[&log, &rotated]);
    assert_eq!(v["failedLogins"], 0, "{v}");
    append(&log, "\n");
    let v = guard(&r, &[&log, &rotated]);
    assert_eq!(v["failedLogins"], 1, "{v}");
    assert_eq!(v["changes"][0]["action"], "banned");
    assert_eq!(v["changes"][0]["failures"], 11);
}

#[test]
fn allowed_networks_and_trusted_networks_are_never_banned() {
    let r = world();
    let log = log_path(&r);
    r.ok(&["guard", "allow", "127.0.0.0/30"]);
    r.ok(&["app", "update", "shop", "--trusted-network", "10.1.0.0/16"]);
    append(&log, &failures(20, "127.0.0.2", T0));
    append(&log, &failures(20, "10.1.2.3", T0));
    let v = guard(&r, &[&log]);
    assert_eq!((&v["allowed"], &v["changes"]), (&json!(40), &json!([])));
    assert_eq!(banned_rule(&r, "shop"), None);
    // A ban of a network allowed later is lifted by the next run.
    append(&log, &failures(11, "127.0.0.9", T0));
    guard(&r, &[&log]);
    assert!(banned_rule(&r, "shop").is_some());
    r.ok(&["guard", "allow", "127.0.0.8/29"]);
    let v = guard(&r, &[&log]);
    assert_eq!(v["changes"][0]["action"], "lifted", "{v}");
    assert_eq!(banned_rule(&r, "shop"), None);
    assert_eq!(
        r.json(&["guard", "allow"]),
        json!([{"network": "127.0.0.0/30"}, {"network": "127.0.0.8/29"}])
    );
    r.run(["guard", "allow", "127.0.0.0/0"]).code(2);
    // Only installation owners choose them.
    let dave = r.add_user("dave", "admin");
    r.run(["guard", "allow", "192.0.2.0/24"])
        .as_key(&dave)
        .code(4);
    r.run(["guard", "--access-log", log.to_str().unwrap()])
        .as_key(&dave)
        .code(4);
}

#[test]
fn bans_end_and_a_client_banned_again_within_a_day_is_banned_twice_as_long() {
    let r = world();
    let log = log_path(&r);
    append(&log, &failures(11, "127.0.0.2", T0));
    guard(&r, &[&log]);
    r.set_now(T0_PLUS_2H);
    let v = guard(&r, &[&log]);
    assert_eq!(v["changes"][0]["action"], "lifted", "{v}");
    assert_eq!(banned_rule(&r, "shop"), None);
    // Back at it: two hours this time.
    append(&log, &failures(11, "127.0.0.2", T0_PLUS_2H));
    let v = guard(&r, &[&log]);
    assert_eq!(
        (&v["changes"][0]["bannedUntil"], &v["changes"][0]["times"]),
        (&json!("2100-01-01T04:00:00.000Z"), &json!(2))
    );
    // Failed logins older than the window before now are history: no ban.
    let r = world();
    r.set_now(T0_PLUS_2H);
    append(&log_path(&r), &failures(30, "127.0.0.2", T0));
    let v = guard(&r, &[&log_path(&r)]);
    assert_eq!(v["changes"], json!([]));
}

#[test]
fn unban_is_for_managers_forgets_the_failures_and_is_audited() {
    let r = world();
    let log = log_path(&r);
    append(&log, &failures(11, "127.0.0.2", T0));
    guard(&r, &[&log]);
    let mia = r.add_user("mia", "member");
    let dave = r.add_user("dave", "admin");
    r.ok(&["app", "grant", "shop", "--user", "mia"]);
    let nico = r.add_user("nico", "member");
    // A member sees the bans of the applications granted to them.
    let seen = r
        .run(["guard", "list", "-o", "json"])
        .as_key(&mia)
        .ok()
        .json();
    assert_eq!(seen[0]["address"], "127.0.0.2/32");
    let seen = r
        .run(["guard", "list", "-o", "json"])
        .as_key(&nico)
        .ok()
        .json();
    assert_eq!(seen, json!([]));
    r.run(["guard", "unban", "127.0.0.2", "--app", "shop"])
        .as_key(&mia)
        .code(4);
    // Another organization's owner: not found.
    r.ok(&["org", "create", "beta"]);
    let carol = r.json(&[
        "--org", "beta", "user", "create", "carol", "--role", "owner",
    ])["apiKey"]
        .as_str()
        .unwrap()
        .to_string();
    r.run(["guard", "unban", "127.0.0.2", "--app", "shop"])
        .as_key(&carol)
        .code(3);
    r.run(["guard", "unban", "127.0.0.2", "--dry-run"])
        .as_key(&dave)
        .ok()
        .stdout_has("b/shop.yml");
    assert!(banned_rule(&r, "shop").is_some());
    r.run(["guard", "unban", "127.0.0.2"]).as_key(&dave).ok();
    assert_eq!(banned_rule(&r, "shop"), None);
    assert_eq!(listed(&r), []);
    // The next run does not ban it again for the same lines.
    let v = guard(&r, &[&log]);
    assert_eq!(v["changes"], json!([]));
    let events = r.json(&["audit", "--action", "guard.unban"]);
    assert!(
        events[0]["detail"]
            .as_str()
            .unwrap()
            .contains("127.0.0.2/32 unbanned by hand"),
        "{events}"
    );
    r.run(["guard", "unban", "127.0.0.2"]).code(3);
}

#[test]
fn a_dry_run_shows_the_router_and_changes_nothing() {
    let r = world();
    let log = log_path(&r);
    append(&log, &failures(11, "127.0.0.2", T0));
    let db = std::fs::read(r.db()).unwrap();
    let file = std::fs::read(r.file("shop")).unwrap();
    r.run(["guard", "--dry-run", "--access-log", log.to_str().unwrap()])
        .ok()
        .stdout_has("+    shop.banned:")
        .stdout_has("+      rule: Host(`shop.example.com`) && ClientIP(`127.0.0.2/32`)")
        .stderr_has("1 ban(s)");
    assert_eq!(std::fs::read(r.db()).unwrap(), db);
    assert_eq!(std::fs::read(r.file("shop")).unwrap(), file);
    // The real run then reads the same lines.
    let v = guard(&r, &[&log]);
    assert_eq!(v["failedLogins"], 11);
}

#[test]
fn the_bans_of_an_application_are_bounded_and_its_guard_can_be_turned_off() {
    let r = world();
    let log = log_path(&r);
    r.ok(&["settings", "set", "guard-max-bans", "2"]);
    for client in ["127.0.0.2", "127.0.0.3", "127.0.0.4"] {
        append(&log, &failures(11, client, T0));
        guard(&r, &[&log]);
    }
    let rule = banned_rule(&r, "shop").unwrap();
    assert!(!rule.contains("127.0.0.2/32"), "{rule}");
    assert!(
        rule.contains("127.0.0.3/32") && rule.contains("127.0.0.4/32"),
        "{rule}"
    );
    // Per application: a lower limit, and no guard at all.
    r.ok(&["app", "update", "blog", "--guard-max-failures", "2"]);
    let blog: String = (0..3)
        .map(|i| line("blog@file", &format!("127.0.0.5:{i}"), Some("x"), 401, T0) + "\n")
        .collect();
    append(&log, &blog);
    guard(&r, &[&log]);
    assert!(banned_rule(&r, "blog").is_some());
    r.ok(&["app", "update", "shop", "--no-guard"]);
    assert_eq!(banned_rule(&r, "shop"), None);
    append(&log, &failures(30, "127.0.0.6", T0));
    let v = guard(&r, &[&log]);
    assert_eq!(v["changes"], json!([]), "{v}");
    r.ok(&["check"]);
}

#[test]
fn an_application_routed_elsewhere_is_banned_on_the_hosts_it_declares() {
    let r = world();
    let log = log_path(&r);
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "portal",
        "--host",
        "portal.example.com",
        "--router",
        "portal-router@docker",
    ]);
    r.add_credential("portal", "staff", PASSWORD);
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "wiki",
        "--router",
        "wiki-router@docker",
    ]);
    r.add_credential("wiki", "staff", PASSWORD);
    let lines: String = (0..11)
        .map(|i| {
            line(
                "portal-router@docker",
                &format!("127.0.0.2:{i}"),
                Some("x"),
                401,
                T0,
            ) + "\n"
        })
        .chain((0..11).map(|i| {
            line(
                "wiki-router@docker",
                &format!("127.0.0.2:{i}"),
                Some("x"),
                401,
                T0,
            ) + "\n"
        }))
        .collect();
    append(&log, &lines);
    r.run(["guard", "--access-log", log.to_str().unwrap()])
        .ok()
        .stderr_has("wiki has bans but no host to match them on");
    let y = r.yaml("portal").unwrap();
    for router in ["portal.banned", "portal.banned-tls"] {
        assert_eq!(
            y["http"]["routers"][router]["rule"].as_str(),
            Some("Host(`portal.example.com`) && ClientIP(`127.0.0.2/32`)"),
            "{router}"
        );
    }
    assert!(y["http"]["routers"]["portal.banned-tls"]["tls"].is_mapping());
    assert!(y["http"]["routers"]["portal.banned"].get("tls").is_none());
    let wiki = r.yaml("wiki").unwrap();
    assert!(wiki["http"].get("routers").is_none(), "{wiki:?}");
    r.ok(&["check"]);
}

#[test]
fn follow_keeps_reading_as_traefik_writes() {
    let r = world();
    let log = log_path(&r);
    append(&log, "");
    let mut child = r
        .background()
        .args([
            "guard",
            "--follow",
            "--interval",
            "100ms",
            "-q",
            "--access-log",
        ])
        .arg(&log)
        .spawn()
        .unwrap();
    // Written while it runs.
    append(&log, &failures(6, "127.0.0.2", T0));
    append(&log, &failures(5, "127.0.0.2", T0));
    let started = std::time::Instant::now();
    while banned_rule(&r, "shop").is_none() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "never banned"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(listed(&r)[0].4, 1);
}

#[test]
fn a_ban_is_published_to_every_sink_and_lifted_from_every_sink() {
    use redis::Commands;
    let server = crate::common::redis_server::RedisServer::start();
    let r = world();
    r.ok(&["sink", "add", "redis", &server.url(), "--name", "main"]);
    let log = log_path(&r);
    append(&log, &failures(11, "127.0.0.2", T0));
    guard(&r, &[&log]);
    let mut conn = server.conn();
    let rule: Option<String> = conn.get("traefik/http/routers/shop.banned/rule").unwrap();
    assert_eq!(
        rule.as_deref(),
        Some("Host(`shop.example.com`) && ClientIP(`127.0.0.2/32`)")
    );
    let status: Option<String> = conn
        .get("traefik/http/middlewares/shop.banned/ipAllowList/rejectStatusCode")
        .unwrap();
    assert_eq!(status.as_deref(), Some("429"));
    r.ok(&["check"]);
    r.set_now(T0_PLUS_2H);
    guard(&r, &[&log]);
    let keys: Vec<String> = conn.keys("traefik/http/*/shop.banned/*").unwrap();
    assert_eq!(keys, Vec::<String>::new());
    r.ok(&["check"]);
}

#[test]
fn two_runs_at_once_count_each_line_once() {
    let r = world();
    let log = log_path(&r);
    // Lines of other routers to read through, then the failures.
    let noise = line("other@docker", "203.0.113.1:1", Some("x"), 200, T0) + "\n";
    append(&log, &noise.repeat(100_000));
    append(&log, &failures(11, "127.0.0.2", T0));
    let spawn = || {
        r.background()
            .args(["guard", "-q", "--access-log"])
            .arg(&log)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let outs = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
    for out in &outs {
        // Each run either counted the lines, or saw the other one had.
        assert!(
            out.status.success() || stderr(out).contains("another guard run read"),
            "{}",
            stderr(out)
        );
    }
    let bans = r.json(&["audit", "--action", "guard.ban"]);
    assert_eq!(bans.as_array().unwrap().len(), 1, "{bans}");
    assert_eq!(listed(&r)[0].4, 1);
}

#[test]
fn a_run_with_no_log_to_read_says_so() {
    let r = world();
    let missing = r.dir.path().join("nowhere.log");
    r.run(["guard", "--access-log", missing.to_str().unwrap()])
        .code(2)
        .stderr_has("no access log to read: ")
        .stderr_has("nowhere.log (not there; not rotated yet?)");
    r.run(["guard"])
        .code(2)
        .stderr_has("settings set guard-access-log");
    // One log there is enough; the missing rotation is only noted.
    let log = log_path(&r);
    append(&log, &failures(1, "127.0.0.2", T0));
    r.ok(&[
        "settings",
        "set",
        "guard-access-log",
        &format!("{},{}", log.display(), missing.display()),
    ]);
    r.run(["guard"])
        .ok()
        .stderr_has("nowhere.log skipped: not there");
}
