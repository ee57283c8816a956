//! The etcd sink against a real etcd (Debian's `etcd-server`), started here
//! on free loopback ports. etcd is needed: without it these tests fail,
//! naming the package.

use serde_json::Value;

use crate::common::etcd_server::EtcdServer;
use crate::common::*;

const ROOT: &str = "traefik/";
const RECORDS: &str = "authgate/owned/traefik/";

/// What etcd holds for the application, rebuilt into the same model.
fn etcd_model(server: &EtcdServer, app: &str) -> Value {
    kv_model(&server.prefix(ROOT), app)
}

/// authgate's record of the keys it wrote for an application.
fn record(server: &EtcdServer, app: &str) -> Option<Vec<String>> {
    server
        .prefix(RECORDS)
        .get(&format!("{RECORDS}{app}"))
        .map(|v| serde_json::from_str(v).unwrap())
}

fn with_sink(r: &Registry, server: &EtcdServer) {
    r.ok(&["sink", "add", "etcd", &server.url(), "--name", "main"]);
}

fn create(r: &Registry, app: &str, username: &str, password: &str) -> Ran {
    r.run([
        "create",
        "--app",
        app,
        "--username",
        username,
        "--password-stdin",
    ])
    .stdin(password)
    .exec()
}

#[test]
fn keys_follow_create_rotate_and_delete_and_foreign_keys_survive() {
    let server = EtcdServer::start();
    let r = Registry::with_app();
    r.ok(&["app", "add", "--app-name", "ext"]);
    let foreign = "traefik/http/routers/other/rule";
    server.put(foreign, "Host(`other.example`)");
    r.add_credential("ext", "first", "a long enough password");
    with_sink(&r, &server);
    let listed = r.json(&["sink", "list"]);
    assert_eq!(listed[0]["name"], "main", "{listed}");
    assert_eq!(listed[0]["kind"], "etcd", "{listed}");
    assert_eq!(listed[0]["url"], server.url().as_str(), "{listed}");
    assert_eq!(
        r.json(&["app", "show", "ext"])["middlewareRefs"],
        serde_json::json!(["ext-auth@file", "ext-auth@etcd"])
    );
    r.ok(&["delete", "--app", "ext", "--username", "first"]);
    let same = |step: &str| {
        for app in ["shop", "ext"] {
            assert_eq!(
                etcd_model(&server, app),
                yaml_model(&r, app),
                "{step}: {app}"
            );
            let owned: Vec<String> = app_keys(&server.prefix(ROOT), app).into_keys().collect();
            assert_eq!(
                record(&server, app).unwrap_or_default(),
                owned,
                "{step}: the record lists exactly {app}'s keys"
            );
        }
        assert_eq!(
            server.prefix(foreign).get(foreign).map(String::as_str),
            Some("Host(`other.example`)"),
            "{step}: a key authgate did not write survives"
        );
    };
    same("after sink add");
    create(&r, "shop", "admin", "first password").ok();
    create(&r, "shop", "bob", "second password").ok();
    create(&r, "ext", "carol", "third password").ok();
    same("after create");
    let keys = server.prefix(ROOT);
    assert!(keys["traefik/http/middlewares/shop-auth/basicAuth/users/1"].starts_with("bob:$2y$"));
    let before = keys["traefik/http/middlewares/shop-auth/basicAuth/users/0"].clone();
    r.run([
        "update",
        "--app",
        "shop",
        "--username",
        "admin",
        "--password-stdin",
    ])
    .stdin("rotated password")
    .ok();
    same("after rotate");
    let after = &server.prefix(ROOT)["traefik/http/middlewares/shop-auth/basicAuth/users/0"];
    assert!(after.starts_with("admin:$2y$") && *after != before);
    r.ok(&["delete", "--app", "shop", "--username", "bob"]);
    same("after delete");
    assert!(
        !server
            .prefix(ROOT)
            .contains_key("traefik/http/middlewares/shop-auth/basicAuth/users/1")
    );
    // The last credential of an application routed elsewhere: nothing left
    // to publish, its keys and its record go.
    r.ok(&["delete", "--app", "ext", "--username", "carol"]);
    same("after delete last");
    assert!(app_keys(&server.prefix(ROOT), "ext").is_empty());
    assert_eq!(record(&server, "ext"), None);
    // A managed application keeps its router and service, public again.
    r.ok(&["delete", "--app", "shop", "--username", "admin"]);
    same("after shop's last");
    assert!(
        !server
            .prefix(ROOT)
            .keys()
            .any(|k| k.contains("middlewares/shop-auth"))
    );
    r.ok(&["app", "remove", "shop"]);
    assert_eq!(
        server.prefix(ROOT).into_keys().collect::<Vec<_>>(),
        [foreign],
        "only the foreign key is left"
    );
    assert!(server.prefix(RECORDS).is_empty(), "no record left");
    r.ok(&["check"]);
}

#[test]
fn drift_is_reported_by_check_and_repaired_by_sync() {
    let server = EtcdServer::start();
    let r = Registry::with_app();
    with_sink(&r, &server);
    create(&r, "shop", "admin", "a long enough password").ok();
    create(&r, "shop", "bob", "another long password").ok();
    r.ok(&["check"]);
    let intruder = "traefik/http/middlewares/shop-auth/basicAuth/users/9";
    let outside = "traefik/http/routers/other/rule";
    server.put(
        intruder,
        "mallory:$2y$04$abcdefghijklmnopqrstuuEdxyVKbOCaVm2OYHcalFSD5NqQ.8pXa",
    );
    server.put(outside, "Host(`other.example`)");
    server.put("traefik/http/routers/shop/rule", "Host(`evil.example`)");
    server.delete("traefik/http/middlewares/shop-auth/basicAuth/users/1");
    // The keys of an application that no longer exists, with their record.
    server.put("traefik/http/routers/ghost/rule", "Host(`ghost.example`)");
    server.put(
        &format!("{RECORDS}ghost"),
        r#"["traefik/http/routers/ghost/rule"]"#,
    );

    let check = r.run(["check", "-o", "json"]).code(7);
    let text = check.stdout();
    for needle in [
        intruder,
        "traefik/http/routers/shop/rule",
        "basicAuth/users/1",
        "orphaned",
    ] {
        assert!(text.contains(needle), "{needle}: {check}");
    }
    assert!(!text.contains(outside), "not authgate's name: {check}");
    assert!(!text.contains("mallory:"), "never a value: {check}");

    r.ok(&["sync"]);
    r.ok(&["check"]);
    let keys = server.prefix(ROOT);
    assert!(!keys.contains_key(intruder));
    assert!(!keys.contains_key("traefik/http/routers/ghost/rule"));
    assert_eq!(record(&server, "ghost"), None);
    assert_eq!(
        keys[outside], "Host(`other.example`)",
        "a foreign key survives"
    );
    assert_eq!(etcd_model(&server, "shop"), yaml_model(&r, "shop"));
}

#[test]
fn an_application_too_large_for_one_transaction_is_refused_whole() {
    // 16 operations: realm, removeHeader, the router's and service's keys
    // and the record leave room for a few users only.
    let server = EtcdServer::with_max_txn_ops(16);
    let r = Registry::with_app();
    with_sink(&r, &server);
    let mut refused = None;
    for i in 0..16 {
        let every_key = server.all();
        let file = std::fs::read(r.file("shop")).ok();
        let ran = create(&r, "shop", &format!("user{i}"), "a long enough password");
        if ran.exit_code() == Some(0) {
            continue;
        }
        assert_eq!(ran.exit_code(), Some(1), "{ran}");
        assert_eq!(server.all(), every_key, "nothing written: {ran}");
        assert_eq!(
            std::fs::read(r.file("shop")).ok(),
            file,
            "the file is restored"
        );
        refused = Some((i, ran));
        break;
    }
    let (i, ran) = refused.expect("some user is one too many");
    assert!(i > 2, "a few users fit: {ran}");
    for needle in [
        "too many operations in txn request",
        "--max-txn-ops",
        "nothing was written",
        &server.url(),
    ] {
        assert!(ran.stderr().contains(needle), "{needle}: {ran}");
    }
    assert_eq!(
        r.count(&format!(
            "SELECT count(*) FROM security WHERE username = 'user{i}'"
        )),
        0,
        "the change is rolled back"
    );
    r.ok(&["check"]);
    assert_eq!(etcd_model(&server, "shop"), yaml_model(&r, "shop"));
}

#[test]
fn a_command_killed_midway_is_repaired_by_the_next_one() {
    let server = EtcdServer::start();
    let r = Registry::with_app();
    with_sink(&r, &server);
    create(&r, "shop", "admin", "a long enough password").ok();
    let published = server.all();
    // A writer published a credential it never committed, and died: its
    // intent stays, and etcd holds what the database does not.
    r.sql()
        .execute(
            "INSERT INTO publish_intents (token, app_name, owner, created_at) VALUES ('t', 'shop', 'gone:1', 'now')",
            [],
        )
        .unwrap();
    server.put(
        "traefik/http/middlewares/shop-auth/basicAuth/users/1",
        "intruder:$2y$04$abcdefghijklmnopqrstuuEdxyVKbOCaVm2OYHcalFSD5NqQ.8pXa",
    );
    let mut record: Vec<String> =
        serde_json::from_str(&published[&format!("{RECORDS}shop")]).unwrap();
    record.push("traefik/http/middlewares/shop-auth/basicAuth/users/1".into());
    server.put(
        &format!("{RECORDS}shop"),
        &serde_json::to_string(&record).unwrap(),
    );
    // The next command, a read, puts it back.
    r.ok(&["list", "--app", "shop", "-q"]);
    assert_eq!(server.all(), published);
    assert_eq!(r.count("SELECT count(*) FROM publish_intents"), 0);
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE action = 'publish.recover'"),
        1
    );
    r.ok(&["check"]);
}

#[test]
fn a_dry_run_changes_no_key_and_names_the_keys() {
    let server = EtcdServer::start();
    let r = Registry::with_app();
    with_sink(&r, &server);
    create(&r, "shop", "admin", "a long enough password").ok();
    let every_key = server.all();
    let dry = r
        .run([
            "delete",
            "--app",
            "shop",
            "--username",
            "admin",
            "--dry-run",
        ])
        .ok();
    assert_eq!(server.all(), every_key, "{dry}");
    dry.stdout_has(&format!(
        "etcd sink 'main' at {}, keys of shop:",
        server.url()
    ))
    .stdout_has("  delete traefik/http/middlewares/shop-auth/basicAuth/users/0");
}

#[test]
fn bad_etcd_sinks_are_refused_and_nothing_is_stored() {
    let r = Registry::with_app();
    // A password: etcd's authentication is not supported.
    r.run(["sink", "add", "etcd", "http://127.0.0.1:2379"])
        .args(["--password-env", "ETCD_PASSWORD"])
        .code(2)
        .stderr_has("authentication");
    // Credentials in the URL, a path, another scheme.
    r.run(["sink", "add", "etcd", "http://root:pw@127.0.0.1:2379"])
        .code(2)
        .stderr_has("--password-file");
    r.run(["sink", "add", "etcd", "http://127.0.0.1:2379/v3"])
        .code(2)
        .stderr_has("without a path");
    r.run(["sink", "add", "etcd", "etcd://127.0.0.1:2379"])
        .code(2)
        .stderr_has("http://HOST:PORT");
    // An unknown kind names the kinds there are.
    r.run(["sink", "add", "consul", "http://127.0.0.1:8500"])
        .code(2)
        .stderr_has("redis")
        .stderr_has("etcd");
    // Nothing answers: refused at add time, naming the endpoint.
    let port = crate::common::traefik::free_ports(1)[0];
    r.run(["sink", "add", "etcd", &format!("http://127.0.0.1:{port}")])
        .code(1)
        .stderr_has(&format!("127.0.0.1:{port}"));
    assert_eq!(r.count("SELECT count(*) FROM sinks"), 0);
    // The default name: kind, host and etcd's port.
    let server = EtcdServer::start();
    r.ok(&["sink", "add", "etcd", &server.url()]);
    assert_eq!(
        r.json(&["sink", "list"])[0]["name"],
        format!("etcd-127.0.0.1-{}", server.port).as_str()
    );
}
