//! What Traefik really serves: Traefik instances registered by their API,
//! `--wait`, `status` (with its probe), and `NOT_APPLIED` (exit 8) for a
//! change Traefik will not apply. The tests that need a real Traefik are
//! `#[ignore]`d like the `traefik` module's, and `.ci/run` runs them on
//! Traefik 3.0.4 and 3.7.15 (`AUTHGATE_TRAEFIK`).

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::redis_server::RedisServer;
use crate::common::traefik::*;
use crate::common::*;

const SHOP: &str = "shop.example.com";

/// A Traefik with the static configuration `init` prints: the file
/// provider on the directory and the API on a loopback entry point named
/// `traefik` (the harness gives every entry point a free port); and the
/// Redis provider when given.
fn with_api(dir: &std::path::Path, redis: Option<&RedisServer>) -> Traefik {
    with_api_throttled(dir, redis, None)
}

/// [`with_api`], with Traefik's `providersThrottleDuration` when given (so
/// that changes made back to back are not each held back 2 s).
fn with_api_throttled(
    dir: &std::path::Path,
    redis: Option<&RedisServer>,
    throttle: Option<&str>,
) -> Traefik {
    let mut config: Value =
        serde_norway::from_str(&authgate::domain::setup::traefik_static_snippet(dir)).unwrap();
    let api: Value = serde_norway::from_str(authgate::domain::setup::TRAEFIK_API_SNIPPET).unwrap();
    for (key, value) in api.as_object().unwrap() {
        config[key] = value.clone();
    }
    if let Some(redis) = redis {
        config["providers"]["redis"] = redis_provider(redis, "traefik");
    }
    if let Some(throttle) = throttle {
        config["providers"]["providersThrottleDuration"] = json!(throttle);
    }
    Traefik::start("api node", config)
}

fn api_url(node: &Traefik) -> String {
    let port = node
        .entry_points
        .iter()
        .find(|(name, _)| name == "traefik")
        .map(|(_, p)| *p)
        .expect("a traefik entry point");
    format!("http://127.0.0.1:{port}")
}

/// The registry's app `shop` served by `upstream`, on the `web` entry point,
/// and `node` registered as instance `edge` with its web entry point for
/// the probe.
fn register(r: &Registry, upstream: &Upstream, node: &Traefik) {
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "shop",
        "--domain",
        SHOP,
        "--upstream",
        &upstream.url(),
        "--entrypoint",
        "web",
    ]);
    r.ok(&[
        "traefik",
        "add",
        "edge",
        "--api",
        &api_url(node),
        "--entrypoint-url",
        &format!("http://127.0.0.1:{}", node.web),
    ]);
}

fn status_of(r: &Registry, args: &[&str]) -> (i32, Vec<Value>) {
    let out = r
        .cmd()
        .args(["status", "-o", "json"])
        .args(args)
        .output()
        .unwrap();
    let findings: Value = serde_json::from_slice(&out.stdout).unwrap_or(json!([]));
    (code(&out), findings.as_array().cloned().unwrap_or_default())
}

/// Polls `status ARGS -o json` until a finding is in state `want`.
#[track_caller]
fn status_until(r: &Registry, args: &[&str], want: &str) -> (i32, Vec<Value>) {
    let started = Instant::now();
    loop {
        let (code, findings) = status_of(r, args);
        if findings.iter().any(|f| f["state"] == want) {
            return (code, findings);
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no {want}: {findings:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `create --generate --wait` of `username` in shop: the secret.
#[track_caller]
fn create_waiting(r: &Registry, username: &str) -> String {
    let created = r.json(&[
        "create",
        "--app",
        "shop",
        "--username",
        username,
        "--generate",
        "--wait",
    ]);
    created["password"].as_str().unwrap().to_string()
}

// ---------------------------------------------------------------------------
// Without Traefik

#[test]
fn wait_without_a_registered_instance_is_refused_before_anything_changes() {
    let r = Registry::with_app();
    r.run([
        "create",
        "--app",
        "shop",
        "--username",
        "ci",
        "--generate",
        "--wait",
    ])
    .code(2)
    .stderr_has("no Traefik instance is registered")
    .stderr_has("authgate traefik add");
    assert_eq!(r.count("SELECT count(*) FROM security"), 0);
    r.run(["settings", "set", "wait", "soon"])
        .code(2)
        .stderr_has("wait must be a duration");
    // Without an instance, the setting makes nothing wait.
    r.ok(&["settings", "set", "wait", "10s"]);
    r.ok(&["create", "--app", "shop", "--username", "x", "--generate"]);
    // AUTHGATE_WAIT asks the same of scripts.
    r.run(["create", "--app", "shop", "--username", "ci", "--generate"])
        .env("AUTHGATE_WAIT", "5s")
        .code(2);
    assert_eq!(r.count("SELECT count(*) FROM security"), 1);
}

#[test]
fn registering_an_instance_checks_its_api_and_is_for_installation_owners() {
    let r = Registry::with_app();
    let closed = free_ports(1)[0];
    let url = format!("http://127.0.0.1:{closed}");
    r.run(["traefik", "add", "edge", "--api", &url])
        .code(2)
        .stderr_has("does not answer")
        .stderr_has("nothing was registered");
    r.run([
        "traefik",
        "add",
        "edge",
        "--api",
        "http://admin:pw@127.0.0.1:1",
    ])
    .code(2)
    .stderr_has("must not carry credentials");
    r.run(["traefik", "add", "edge", "--api", "ftp://127.0.0.1:1"])
        .code(2);
    r.run([
        "traefik",
        "add",
        "edge",
        "--api",
        &url,
        "--reads",
        "no-such-sink",
    ])
    .code(2)
    .stderr_has("neither 'directory' nor a sink's name");
    r.run(["traefik", "add", "edge", "--api", &url, "--api-user", "u"])
        .code(2)
        .stderr_has("needs both --api-user and a password");
    let admin = r.add_user("bob", "admin");
    r.run(["traefik", "add", "edge", "--api", &url])
        .as_key(&admin)
        .code(4);
    r.run(["traefik", "list"]).as_key(&admin).code(4);
    assert_eq!(r.count("SELECT count(*) FROM traefik_instances"), 0);
    r.run(["traefik", "remove", "edge"]).code(3);
    r.run(["status"])
        .code(3)
        .stderr_has("no Traefik instance is registered");
}

#[test]
fn a_change_traefik_cannot_load_is_committed_and_not_applied() {
    let r = Registry::with_app();
    std::fs::write(r.traefik_dir().join("broken.yml"), "http: {routers: [").unwrap();
    let out = r
        .cmd()
        .args(["create", "--app", "shop", "--username", "ci", "--generate"])
        .args(["-o", "json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 8, "{}", stderr(&out));
    // Everything the command prints comes first: the secret is not lost.
    let record: Value = serde_json::from_slice(&out.stdout).unwrap();
    let password = record["password"].as_str().unwrap();
    assert_eq!(password.len(), 24);
    r.verifies("shop", "ci", password);
    // The record says the change exists but is not applied, and why.
    assert_eq!(record["applied"], false, "{record}");
    let reason = record["notApplied"].as_str().unwrap();
    assert!(reason.contains("broken.yml"), "{reason}");
    let error: Value = serde_json::from_str(stderr(&out).lines().last().unwrap()).unwrap();
    assert_eq!(error["error"]["code"], "NOT_APPLIED");
    assert_eq!(error["error"]["applied"], false);
    let message = error["error"]["message"].as_str().unwrap();
    assert!(message.contains("broken.yml"), "{message}");
    assert!(message.contains("the change is committed"), "{message}");
    assert_eq!(r.users("shop").len(), 1, "committed and written");
    // A dry run changes nothing, so there is nothing to apply.
    r.run(["update", "--app", "shop", "--username", "ci", "--generate"])
        .arg("--dry-run")
        .ok();
    // A read changes nothing, so it is not held back either.
    r.run(["app", "show", "shop"])
        .ok()
        .stderr_lacks("broken.yml");
    std::fs::remove_file(r.traefik_dir().join("broken.yml")).unwrap();
    let updated = r.json(&["update", "--app", "shop", "--username", "ci", "--generate"]);
    assert_eq!(updated["applied"], true, "{updated}");
    assert!(updated.get("notApplied").is_none(), "{updated}");
    // A command that publishes nothing says nothing about it.
    let shown = r.json(&["show", "--app", "shop", "--username", "ci"]);
    assert!(shown.get("applied").is_none(), "{shown}");
}

// ---------------------------------------------------------------------------
// With a real Traefik

#[test]
#[ignore = "needs a Traefik binary in AUTHGATE_TRAEFIK"]
fn wait_returns_once_traefik_serves_each_change() {
    let upstream = Upstream::start();
    let r = Registry::new();
    let node = with_api_throttled(&r.traefik_dir(), None, Some("50ms"));
    register(&r, &upstream, &node);
    let listed = r.json(&["traefik", "list"]);
    assert_eq!(listed[0]["name"], "edge", "{listed}");
    assert_eq!(listed[0]["reads"], json!(["directory"]), "{listed}");
    let filters = vec![
        (r"127\.0\.0\.1:\d+", "127.0.0.1:[port]"),
        (r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z", "[timestamp]"),
        (r"(?m)[ \t]+$", ""),
    ];
    insta::with_settings!({filters => filters.clone()}, {
        insta::assert_snapshot!("traefik_list_table", r.ok(&["traefik", "list"]));
        insta::assert_snapshot!("traefik_list_json", r.ok(&["traefik", "list", "-o", "json"]));
    });

    // create --wait: the first request after it returns gets through.
    let mut password = create_waiting(&r, "ci");
    assert_eq!(node.get(SHOP, Some(("ci", &password))).unwrap().status, 200);
    // Fifty changes of every kind, each followed at once by the request
    // that must be answered the new way: a rotation (the new secret works
    // on the first request, the old never), a new user, that user deleted,
    // a public path opened, and closed again.
    for i in 0..50 {
        match i % 5 {
            0 => {
                let rotated = r.json(&[
                    "update",
                    "--app",
                    "shop",
                    "--username",
                    "ci",
                    "--generate",
                    "--wait=10s",
                ]);
                let new = rotated["password"].as_str().unwrap().to_string();
                assert_eq!(
                    node.get(SHOP, Some(("ci", &new))).unwrap().status,
                    200,
                    "{i}"
                );
                assert_eq!(
                    node.get(SHOP, Some(("ci", &password))).unwrap().status,
                    401,
                    "{i}"
                );
                password = new;
            }
            1 => {
                let new = create_waiting(&r, "temp");
                assert_eq!(
                    node.get(SHOP, Some(("temp", &new))).unwrap().status,
                    200,
                    "{i}"
                );
                r.ok(&["delete", "--app", "shop", "--username", "temp", "--wait"]);
                assert_eq!(
                    node.get(SHOP, Some(("temp", &new))).unwrap().status,
                    401,
                    "{i}"
                );
            }
            2 => {
                r.ok(&["app", "update", "shop", "--public-path", "/open", "--wait"]);
                let open = Request::new("GET", SHOP, "/open", None);
                assert_eq!(node.request(&open).unwrap().status, 200, "{i}");
            }
            3 => {
                r.ok(&["app", "update", "shop", "--clear-public-paths", "--wait"]);
                let open = Request::new("GET", SHOP, "/open", None);
                assert_eq!(node.request(&open).unwrap().status, 401, "{i}");
            }
            _ => {
                r.ok(&[
                    "app",
                    "update",
                    "shop",
                    "--realm",
                    &format!("realm {i}"),
                    "--wait",
                ]);
                let challenge = node.get(SHOP, None).unwrap();
                assert_eq!(
                    challenge.header("www-authenticate"),
                    Some(format!("Basic realm=\"realm {i}\"").as_str()),
                    "{i}"
                );
            }
        }
    }
    // The installation's `wait` setting makes every change wait, and
    // `--wait=0s` opts out.
    r.ok(&["settings", "set", "wait", "10s"]);
    r.add_credential("shop", "bob", "bob's long password");
    assert_eq!(
        node.get(SHOP, Some(("bob", "bob's long password")))
            .unwrap()
            .status,
        200
    );
    r.ok(&["delete", "--app", "shop", "--username", "bob", "--wait=0s"]);
    r.ok(&["settings", "set", "wait", "0s"]);
    // An access rule: the public path is public at once.
    r.ok(&[
        "app",
        "update",
        "shop",
        "--public-path",
        "/health",
        "--wait",
    ]);
    let public = node
        .request(&Request::new("GET", SHOP, "/health", None))
        .unwrap();
    assert_eq!(public.status, 200);
    // delete --wait: the user is refused at once (another one keeps the
    // application protected).
    r.add_credential("shop", "admin", "a long enough password");
    r.ok(&["delete", "--app", "shop", "--username", "ci", "--wait"]);
    assert_eq!(node.get(SHOP, Some(("ci", &password))).unwrap().status, 401);
    let (code, findings) = status_of(&r, &[]);
    assert_eq!(code, 0, "{findings:?}");
    assert_eq!(findings[0]["state"], "served", "{findings:?}");
    node.assert_no_errors(None);
    insta::with_settings!({filters => filters.clone()}, {
        insta::assert_snapshot!("status_table", r.ok(&["status"]));
        insta::assert_snapshot!("status_json", r.ok(&["status", "-o", "json"]));
        insta::assert_snapshot!("status_quiet", r.ok(&["status", "-q"]));
    });
    // An instance that does not answer: not applied, "unreachable".
    drop(node);
    r.run([
        "update",
        "--app",
        "shop",
        "--username",
        "admin",
        "--generate",
    ])
    .arg("--wait=1s")
    .code(8)
    .stderr_has("unreachable");
    let (code, findings) = status_of(&r, &[]);
    assert_eq!(code, 7);
    assert_eq!(findings[0]["state"], "unreachable", "{findings:?}");
    r.ok(&["traefik", "remove", "edge"]);
    assert_eq!(r.count("SELECT count(*) FROM traefik_instances"), 0);
}

#[test]
#[ignore = "needs a Traefik binary in AUTHGATE_TRAEFIK"]
fn an_unloadable_file_makes_every_change_not_applied_and_wait_says_why() {
    let upstream = Upstream::start();
    let r = Registry::new();
    let node = with_api(&r.traefik_dir(), None);
    register(&r, &upstream, &node);
    let old = create_waiting(&r, "ci");
    std::fs::write(r.traefik_dir().join("broken.yml"), "http: {routers: [").unwrap();
    for wait in [None, Some("--wait=2s")] {
        let mut run = r.run(["update", "--app", "shop", "--username", "ci", "--generate"]);
        if let Some(flag) = wait {
            run = run.arg(flag);
        }
        run.code(8)
            .stderr_has("the change is committed")
            .stderr_has("broken.yml");
    }
    // Traefik still serves the old password: it applied nothing.
    assert_eq!(node.get(SHOP, Some(("ci", &old))).unwrap().status, 200);
    let (code, findings) = status_of(&r, &["shop"]);
    assert_eq!(code, 7);
    assert_eq!(findings[0]["state"], "stale", "{findings:?}");
    // check, with an instance registered, says so too.
    let report = r.run(["check", "-o", "json"]).code(7).json();
    let not_served: Vec<&Value> = report
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "notserved")
        .collect();
    assert_eq!(not_served.len(), 1, "{report}");
    assert_eq!(not_served[0]["path"], "traefik:edge");
    assert!(
        not_served[0]["detail"]
            .as_str()
            .unwrap()
            .starts_with("stale: "),
        "{report}"
    );
    std::fs::remove_file(r.traefik_dir().join("broken.yml")).unwrap();
    r.ok(&["sync", "--wait"]);
}

#[test]
#[ignore = "needs a Traefik binary in AUTHGATE_TRAEFIK"]
fn status_names_routers_of_any_provider_that_get_around_the_middleware() {
    let upstream = Upstream::start();
    let redis = RedisServer::start();
    let r = Registry::new();
    let node = with_api(&r.traefik_dir(), Some(&redis));
    register(&r, &upstream, &node);
    r.add_credential("shop", "admin", "a long enough password");
    status_until(&r, &[], "served");
    // A router in Redis (a stand-in for Docker labels) on shop's host,
    // without shop's middleware: bypassed, naming it and its provider.
    let mut conn = redis.conn();
    let set = |conn: &mut redis::Connection, k: &str, v: &str| {
        redis::cmd("SET").arg(k).arg(v).query::<()>(conn).unwrap();
    };
    set(
        &mut conn,
        "traefik/http/routers/label/rule",
        &format!("Host(`{SHOP}`) && PathPrefix(`/label`)"),
    );
    set(&mut conn, "traefik/http/routers/label/entryPoints/0", "web");
    set(&mut conn, "traefik/http/routers/label/service", "shop@file");
    let (code, findings) = status_until(&r, &[], "bypassed");
    assert_eq!(code, 7);
    let detail = findings[0]["detail"].as_str().unwrap();
    assert!(detail.contains("label@redis"), "{detail}");
    // With the middleware it is shop's own: served.
    set(
        &mut conn,
        "traefik/http/routers/label/middlewares/0",
        "shop-auth@file",
    );
    status_until(&r, &[], "served");
    // A router that references a middleware that does not exist.
    set(
        &mut conn,
        "traefik/http/routers/ghost/rule",
        "Host(`ghost.example.com`)",
    );
    set(&mut conn, "traefik/http/routers/ghost/service", "shop@file");
    set(
        &mut conn,
        "traefik/http/routers/ghost/middlewares/0",
        "ghost-auth@file",
    );
    let (code, findings) = status_until(&r, &[], "dangling");
    assert_eq!(code, 7);
    let dangling = findings.iter().find(|f| f["state"] == "dangling").unwrap();
    let detail = dangling["detail"].as_str().unwrap();
    assert!(
        detail.contains("ghost@redis") && detail.contains("ghost-auth@file"),
        "{detail}"
    );
    assert!(detail.contains("does not exist"), "{detail}");
    // An entry point this Traefik lacks: Traefik's own message.
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "secure",
        "--domain",
        "secure.example.com",
        "--upstream",
        "http://127.0.0.1:9",
        "--entrypoint",
        "websecure",
    ]);
    let (_, findings) = status_until(&r, &["secure"], "error");
    let detail = findings[0]["detail"].as_str().unwrap();
    assert!(detail.contains("websecure"), "{detail}");
}

#[test]
#[ignore = "needs a Traefik binary in AUTHGATE_TRAEFIK"]
fn the_probe_finds_a_host_that_answers_without_credentials() {
    let upstream = Upstream::start();
    let r = Registry::new();
    let node = with_api(&r.traefik_dir(), None);
    register(&r, &upstream, &node);
    r.add_credential("shop", "admin", "a long enough password");
    r.ok(&[
        "app",
        "update",
        "shop",
        "--public-path",
        "/health",
        "--wait",
    ]);
    let (code, findings) = status_of(&r, &["--probe"]);
    assert_eq!(code, 0, "{findings:?}");
    assert_eq!(findings[0]["state"], "served");
    // A router authgate did not write takes the host, above authgate's
    // priority and without the middleware: the upstream answers 200.
    std::fs::write(
        r.traefik_dir().join("open.yml"),
        format!(
            "http:\n  routers:\n    open:\n      rule: \"Host(`{SHOP}`)\"\n      entryPoints: [web]\n      service: shop@file\n      priority: 50000\n"
        ),
    )
    .unwrap();
    let (code, findings) = status_until(&r, &["--probe"], "unprotected");
    assert_eq!(code, 7);
    let detail = findings[0]["detail"].as_str().unwrap();
    assert!(
        detail.contains("answered 200 without credentials"),
        "{detail}"
    );
}

#[test]
#[ignore = "needs a Traefik binary in AUTHGATE_TRAEFIK"]
fn the_probe_asks_over_https_with_the_hosts_name() {
    let upstream = Upstream::start();
    let r = Registry::new();
    let mut config: Value = serde_norway::from_str(
        &authgate::domain::setup::traefik_static_snippet(&r.traefik_dir()),
    )
    .unwrap();
    let api: Value = serde_norway::from_str(authgate::domain::setup::TRAEFIK_API_SNIPPET).unwrap();
    for (key, value) in api.as_object().unwrap() {
        config[key] = value.clone();
    }
    config["entryPoints"]["websecure"] = json!({});
    let node = Traefik::start("tls node", config);
    let websecure = node
        .entry_points
        .iter()
        .find(|(name, _)| name == "websecure")
        .map(|(_, p)| *p)
        .unwrap();
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "shop",
        "--domain",
        SHOP,
        "--upstream",
        &upstream.url(),
        "--entrypoint",
        "websecure",
        "--tls",
    ]);
    r.add_credential("shop", "admin", "a long enough password");
    r.ok(&[
        "traefik",
        "add",
        "edge",
        "--api",
        &api_url(&node),
        "--entrypoint-url",
        &format!("https://127.0.0.1:{websecure}"),
    ]);
    // Traefik's default certificate is self-signed: the probe still asks
    // what Traefik routes, and gets the application's challenge.
    let (code, findings) = status_until(&r, &["--probe"], "served");
    assert_eq!(code, 0, "{findings:?}");
    // Asked to verify, the probe refuses that certificate and says so.
    let (code, findings) = status_of(&r, &["--probe", "--verify-certificates"]);
    assert_eq!(code, 7);
    assert_eq!(findings[0]["state"], "unreachable", "{findings:?}");
    let detail = findings[0]["detail"].as_str().unwrap();
    assert!(detail.contains("certificate"), "{detail}");
    // A router only for this server name, above authgate's, without the
    // middleware: only a probe that sends the name as SNI and Host finds it.
    std::fs::write(
        r.traefik_dir().join("open.yml"),
        format!(
            "http:\n  routers:\n    open:\n      rule: \"Host(`{SHOP}`)\"\n      entryPoints: [websecure]\n      service: shop@file\n      priority: 50000\n      tls: {{}}\n"
        ),
    )
    .unwrap();
    let (code, findings) = status_until(&r, &["--probe"], "unprotected");
    assert_eq!(code, 7);
    let detail = findings[0]["detail"].as_str().unwrap();
    assert!(
        detail.contains(&format!(
            "for {SHOP} through https://127.0.0.1:{websecure} answered 200"
        )),
        "{detail}"
    );
    node.assert_no_errors(None);
}

#[test]
#[ignore = "needs a Traefik binary in AUTHGATE_TRAEFIK"]
fn an_interrupted_wait_still_prints_the_generated_password() {
    let upstream = Upstream::start();
    let r = Registry::new();
    let node = with_api(&r.traefik_dir(), None);
    register(&r, &upstream, &node);
    // The instance goes away: --wait can only run out of time.
    drop(node);
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("authgate"))
        .env_clear()
        .envs(r.environment())
        .stdin(std::process::Stdio::null())
        .args(["create", "--app", "shop", "--username", "ci", "--generate"])
        .args(["--wait=20s", "-o", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Interrupted once the credential is committed, as Ctrl-C would.
    let started = Instant::now();
    while r.users("shop").is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "never committed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    let pid = child.id().to_string();
    assert!(
        std::process::Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let out = child.wait_with_output().unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the interrupt ended the wait"
    );
    use std::os::unix::process::ExitStatusExt;
    // SIGINT is 2 on every Unix.
    assert_eq!(out.status.signal(), Some(2), "{}", stderr(&out));
    let record: Value = serde_json::from_slice(&out.stdout).unwrap();
    r.verifies("shop", "ci", record["password"].as_str().unwrap());
    assert_eq!(record["applied"], false, "{record}");
}

#[test]
#[ignore = "needs a Traefik binary in AUTHGATE_TRAEFIK"]
fn rapid_adds_and_removes_and_a_restore_leave_no_error_in_traefiks_log() {
    let upstream = Upstream::start();
    let r = Registry::new();
    let node = with_api(&r.traefik_dir(), None);
    register(&r, &upstream, &node);
    r.add_credential("shop", "admin", "a long enough password");
    let snapshot = r.dir.path().join("before.backup");
    r.ok(&["backup", snapshot.to_str().unwrap()]);
    for i in 0..30 {
        let name = format!("quick{i}");
        r.ok(&[
            "app",
            "add",
            "--app-name",
            &name,
            "--domain",
            &format!("{name}.example.com"),
            "--upstream",
            &upstream.url(),
            "--entrypoint",
            "web",
        ]);
        r.ok(&["app", "remove", &name, "--yes"]);
    }
    // restore --wait returns once Traefik serves the restored registry.
    r.ok(&["restore", snapshot.to_str().unwrap(), "--wait"]);
    assert_eq!(
        node.get(SHOP, Some(("admin", "a long enough password")))
            .unwrap()
            .status,
        200
    );
    status_until(&r, &[], "served");
    node.assert_no_errors(None);
}
