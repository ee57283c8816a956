//! App names and router names have one owner: a name given up stays with
//! its organization for a while, a router outside authgate that still uses
//! an application's middleware keeps its name from being given up, names
//! Traefik already serves cannot be taken, and `audit failures` counts a
//! router for one application only.

use serde_json::{Value, json};

use crate::common::*;

/// Creates org beta with bob as its owner; returns bob's key.
fn beta_with_bob(r: &Registry) -> String {
    r.ok(&["org", "create", "beta"]);
    r.json(&["--org", "beta", "user", "create", "bob", "--role", "owner"])["apiKey"]
        .as_str()
        .expect("apiKey")
        .to_string()
}

/// The audit rows of an action: (outcome, detail), oldest first.
fn audited(r: &Registry, action: &str) -> Vec<(String, String)> {
    let db = r.sql();
    let mut stmt = db
        .prepare(
            "SELECT outcome, coalesce(detail, '') FROM audit_log WHERE action = ?1 ORDER BY id",
        )
        .unwrap();
    stmt.query_map([action], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

// ---------------------------------------------------------------------------
// Reservation of a name given up
// ---------------------------------------------------------------------------

#[test]
fn a_removed_name_is_reserved_to_its_organization() {
    let r = Registry::new();
    let bob = beta_with_bob(&r);
    r.ok(&["app", "add", "--app-name", "intra"]);
    r.ok(&["app", "remove", "intra", "--yes"]);
    assert_eq!(
        r.count("SELECT COUNT(*) FROM released_names WHERE app_name = 'intra'"),
        1
    );

    // Another organization: refused, without saying whose it is; nothing
    // is added.
    let out = r
        .run(["app", "add", "--app-name", "intra"])
        .as_key(&bob)
        .code(5)
        .stderr_has("app name 'intra' was given up recently and is reserved to the organization that held it for 30 day(s)")
        .stderr_has("authgate app release-name NAME")
        .stderr_lacks("acme");
    assert!(!out.stderr().contains("alice"));
    assert_eq!(r.count("SELECT COUNT(*) FROM applications"), 0);
    // A rename to it is refused the same way.
    r.run(["app", "add", "--app-name", "extranet"])
        .as_key(&bob)
        .ok();
    r.run(["app", "update", "extranet", "--app-name", "intra"])
        .as_key(&bob)
        .code(5)
        .stderr_has("reserved to the organization that held it")
        .stderr_lacks("acme");
    // So is a router that authgate would publish under that name.
    r.run(["app", "update", "extranet", "--router", "intra@file"])
        .as_key(&bob)
        .code(5)
        .stderr_has("router 'intra@file' is named like the routers of app name 'intra'");

    // Its own organization takes it back, which ends the reservation.
    r.ok(&["app", "add", "--app-name", "intra"]);
    assert_eq!(r.count("SELECT COUNT(*) FROM released_names"), 0);
}

#[test]
fn a_renamed_away_name_is_reserved_too() {
    let r = Registry::new();
    let bob = beta_with_bob(&r);
    r.ok(&["app", "add", "--app-name", "intra"]);
    r.ok(&["app", "update", "intra", "--app-name", "intranet"]);
    r.run(["app", "add", "--app-name", "intra"])
        .as_key(&bob)
        .code(5)
        .stderr_has("reserved to the organization that held it");
    // The organization renames back.
    r.ok(&["app", "update", "intranet", "--app-name", "intra"]);
    assert_eq!(
        r.count("SELECT COUNT(*) FROM released_names WHERE app_name = 'intranet'"),
        1
    );
}

#[test]
fn the_reservation_ends_after_its_window() {
    let r = Registry::new();
    let bob = beta_with_bob(&r);
    r.ok(&["app", "add", "--app-name", "intra"]);
    r.ok(&["app", "remove", "intra"]);
    r.run(["app", "add", "--app-name", "intra"])
        .as_key(&bob)
        .code(5);
    // 29 days ago: still reserved; 31 days ago: free.
    let ago = |days: i64| {
        (chrono::Utc::now() - chrono::Duration::days(days))
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    };
    r.sql()
        .execute("UPDATE released_names SET released_at = ?1", [ago(29)])
        .unwrap();
    r.run(["app", "add", "--app-name", "intra"])
        .as_key(&bob)
        .code(5);
    r.sql()
        .execute("UPDATE released_names SET released_at = ?1", [ago(31)])
        .unwrap();
    r.run(["app", "add", "--app-name", "intra"])
        .as_key(&bob)
        .ok();
    assert_eq!(r.count("SELECT COUNT(*) FROM released_names"), 0);
}

#[test]
fn the_window_is_a_setting_of_installation_owners() {
    let r = Registry::new();
    let bob = beta_with_bob(&r);
    r.run(["settings", "set", "name-reservation-days", "0"])
        .as_key(&bob)
        .code(4);
    for bad in ["x", "3651", "", "1.5"] {
        r.run(["settings", "set", "name-reservation-days", bad])
            .code(2)
            .stderr_has("name-reservation-days must be a number of days from 0 to 3650");
    }
    let listed = r.json(&["settings", "list"]);
    assert!(
        listed
            .as_array()
            .unwrap()
            .contains(&json!({"name": "name-reservation-days", "value": "30"})),
        "{listed}"
    );
    r.ok(&["app", "add", "--app-name", "intra"]);
    r.ok(&["app", "remove", "intra"]);
    r.ok(&["settings", "set", "name-reservation-days", "7"]);
    r.run(["app", "add", "--app-name", "intra"])
        .as_key(&bob)
        .code(5)
        .stderr_has("for 7 day(s)");
    r.ok(&["settings", "set", "name-reservation-days", "0"]);
    r.run(["app", "add", "--app-name", "intra"])
        .as_key(&bob)
        .ok();
}

#[test]
fn an_installation_owner_releases_a_name() {
    let r = Registry::new();
    let bob = beta_with_bob(&r);
    r.ok(&["app", "add", "--app-name", "intra"]);
    r.ok(&["app", "remove", "intra"]);

    // Nobody else may, and bob cannot probe which names are reserved.
    r.run(["app", "release-name", "intra"]).as_key(&bob).code(4);
    r.run(["app", "release-name", "intra", "--dry-run"])
        .ok()
        .stderr_has("would release app name 'intra'");
    assert_eq!(r.count("SELECT COUNT(*) FROM released_names"), 1);
    let since: String = r
        .sql()
        .query_row("SELECT released_at FROM released_names", [], |row| {
            row.get(0)
        })
        .unwrap();
    r.run(["app", "release-name", "intra"])
        .ok()
        .stderr_has("app name 'intra' released: any organization may take it now");
    assert_eq!(
        audited(&r, "app.release-name"),
        [
            (
                "denied".to_string(),
                "only owners of the installation's first organization can release app names; 'bob' is not one".to_string()
            ),
            (
                "ok".to_string(),
                format!("app name 'intra' released: it was reserved to organization 'acme' since {since}")
            )
        ]
    );
    r.run(["app", "release-name", "intra"])
        .code(3)
        .stderr_has("app name 'intra' is not reserved");
    r.run(["app", "release-name", "Intra"]).code(2);
    r.run(["app", "add", "--app-name", "intra"])
        .as_key(&bob)
        .ok();
}

// ---------------------------------------------------------------------------
// Declared routers
// ---------------------------------------------------------------------------

#[test]
fn declared_routers_have_one_application() {
    let r = Registry::new();
    let bob = beta_with_bob(&r);
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "portal",
        "--router",
        "portal-router@docker",
        "--router",
        "portal-router@docker",
    ]);
    let shown = r.json(&["app", "show", "portal"]);
    assert_eq!(shown["declaredRouters"], json!(["portal-router@docker"]));
    r.ok(&["app", "show", "portal"])
        .contains("portal-router@docker");

    // Nobody else declares it, in any organization, with one message.
    let taken = "router 'portal-router@docker' is already another application's";
    r.run([
        "app",
        "add",
        "--app-name",
        "grab",
        "--router",
        "portal-router@docker",
    ])
    .as_key(&bob)
    .code(5)
    .stderr_has(taken)
    .stderr_lacks("portal'");
    r.run([
        "app",
        "add",
        "--app-name",
        "grab2",
        "--router",
        "portal-router@docker",
    ])
    .code(5)
    .stderr_has(taken);
    // Another provider's namespace is another router.
    r.run([
        "app",
        "add",
        "--app-name",
        "grab",
        "--router",
        "portal-router@kubernetescrd",
    ])
    .as_key(&bob)
    .ok();
    // authgate's own routers of another application are taken too, and an
    // app name whose routers another application declared.
    r.run(["app", "update", "grab", "--router", "portal@file"])
        .as_key(&bob)
        .code(5)
        .stderr_has("router 'portal@file' is already another application's");
    r.run(["app", "update", "grab", "--router", "portal.public@file"])
        .as_key(&bob)
        .code(5);
    r.ok(&["app", "update", "portal", "--router", "later@file"]);
    r.run(["app", "add", "--app-name", "later"])
        .as_key(&bob)
        .code(5)
        .stderr_has("app name 'later' names routers that another application declared");

    // Replacing, clearing, and what is refused as input.
    let shown = r.json(&["app", "show", "portal"]);
    assert_eq!(shown["declaredRouters"], json!(["later@file"]));
    r.ok(&["app", "update", "portal", "--clear-routers"]);
    assert_eq!(
        r.json(&["app", "show", "portal"])["declaredRouters"],
        json!([])
    );
    r.run(["app", "add", "--app-name", "later"])
        .as_key(&bob)
        .ok();
    for bad in [
        "portal",
        "@docker",
        "portal@",
        "a b@docker",
        "x@Docker",
        "x@a@b",
    ] {
        r.run(["app", "update", "portal", "--router", bad])
            .code(2)
            .stderr_has("invalid router");
    }
    assert_eq!(
        audited(&r, "app.update")
            .iter()
            .filter(|(o, d)| o == "ok" && d.contains("routers"))
            .count(),
        2
    );
    // Removing the application frees its routers.
    r.ok(&[
        "app",
        "update",
        "portal",
        "--router",
        "portal-router@docker",
    ]);
    r.ok(&["app", "remove", "portal"]);
    assert_eq!(r.count("SELECT COUNT(*) FROM declared_routers"), 1);
}

/// A line of Traefik's JSON access log: a failed login on `router`.
fn failure(router: &str, username: &str) -> String {
    json!({
        "RouterName": router,
        "DownstreamStatus": 401,
        "ClientHost": "203.0.113.7",
        "ClientUsername": username,
        "StartUTC": "2026-11-27T03:00:00Z",
    })
    .to_string()
        + "\n"
}

#[test]
fn failures_count_only_exact_router_names() {
    let r = Registry::new();
    let bob = beta_with_bob(&r);
    // alice's portal is routed by Docker labels, under a router named as
    // the README used to suggest; bob names an application like it.
    r.ok(&["app", "add", "--app-name", "portal"]);
    r.run(["app", "add", "--app-name", "portal-router"])
        .as_key(&bob)
        .ok();
    let log = [
        failure("portal-router@docker", "alice-user"),
        failure("portal@file", "direct"),
        failure("portal-router@file", "bob-user"),
        failure("portal-router.public@file", "bob-public"),
    ]
    .concat();
    let report = |key: Option<&str>| -> Value {
        let mut run = r
            .run(["audit", "failures", "--access-log", "-"])
            .stdin(log.as_str())
            .json_output();
        if let Some(key) = key {
            run = run.as_key(key);
        }
        run.ok().json()
    };
    let usernames = |v: &Value| -> Vec<(String, Vec<String>)> {
        v["applications"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["appName"].as_str().unwrap().to_string(),
                    a["usernames"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|u| u["username"].as_str().unwrap().to_string())
                        .collect(),
                )
            })
            .collect()
    };
    // bob's report never holds alice's Docker router.
    let bobs = report(Some(&bob));
    assert_eq!(
        usernames(&bobs),
        [(
            "portal-router".to_string(),
            vec!["bob-public".to_string(), "bob-user".to_string()]
        )]
    );
    assert!(!bobs.to_string().contains("alice-user"));
    // alice's, before she declares it: only authgate's own router.
    assert_eq!(
        usernames(&report(None)),
        [("portal".to_string(), vec!["direct".to_string()])]
    );
    r.ok(&[
        "app",
        "update",
        "portal",
        "--router",
        "portal-router@docker",
    ]);
    assert_eq!(
        usernames(&report(None)),
        [(
            "portal".to_string(),
            vec!["alice-user".to_string(), "direct".to_string()]
        )]
    );
    assert_eq!(report(Some(&bob))["attempts"], json!(2));
}

// ---------------------------------------------------------------------------
// Names Traefik already serves, and names still referenced
// ---------------------------------------------------------------------------

/// Writes a file authgate did not write into the watched directory.
fn foreign_file(r: &Registry, name: &str, yaml: &str) -> std::path::PathBuf {
    let path = r.traefik_dir().join(name);
    std::fs::write(&path, yaml).unwrap();
    path
}

/// A router of a file written by hand that uses `middleware`.
fn router_using(router: &str, middleware: &str) -> String {
    format!(
        "http:\n  routers:\n    {router}:\n      rule: Host(`{router}.example.com`)\n      service: {router}-svc\n      middlewares: [\"{middleware}\"]\n  services:\n    {router}-svc:\n      loadBalancer:\n        servers:\n          - url: http://127.0.0.1:19001\n"
    )
}

#[test]
fn a_name_a_foreign_router_still_uses_is_not_given_up() {
    let r = Registry::new();
    r.ok(&["app", "add", "--app-name", "intra"]);
    r.add_credential("intra", "alice", "a long enough password");
    let file = foreign_file(
        &r,
        "intra.router.yml",
        &router_using("alice-intra", "intra-auth@file"),
    );

    // Neither removal nor a rename, --yes or not; the installation owner is
    // told where the router is.
    for args in [
        vec!["app", "remove", "intra", "--yes"],
        vec!["app", "remove", "intra", "--dry-run"],
        vec!["app", "update", "intra", "--app-name", "intranet"],
    ] {
        r.run(&args)
            .code(5)
            .stderr_has("router 'alice-intra'")
            .stderr_has(&file.display().to_string())
            .stderr_has("intra-auth")
            .stderr_has("--force");
    }
    assert_eq!(
        r.count("SELECT COUNT(*) FROM applications WHERE app_name = 'intra'"),
        1
    );
    assert_eq!(r.count("SELECT COUNT(*) FROM released_names"), 0);
    assert!(r.file("intra").exists());

    // --force gives it up, and the audit log says so.
    r.run(["app", "remove", "intra", "--force"])
        .ok()
        .stderr_has("removed application 'intra'");
    assert!(!r.file("intra").exists());
    let (outcome, detail) = audited(&r, "app.remove").pop().unwrap();
    assert_eq!(outcome, "ok");
    assert!(
        detail.contains(
            "forced while routers authgate did not write referenced its middleware: alice-intra"
        ),
        "{detail}"
    );
    // The name stays reserved to acme as always.
    assert_eq!(r.count("SELECT COUNT(*) FROM released_names"), 1);
}

#[test]
fn any_reference_to_the_middleware_counts_and_others_see_only_router_names() {
    let r = Registry::new();
    let bob = beta_with_bob(&r);
    r.run(["app", "add", "--app-name", "wiki"])
        .as_key(&bob)
        .ok();
    r.run(["app", "add", "--app-name", "docs"])
        .as_key(&bob)
        .ok();
    r.run(["app", "add", "--app-name", "news"])
        .as_key(&bob)
        .ok();
    // A bare name in a file resolves to the file provider's middleware; a
    // router of another provider's labels references it with its suffix.
    let bare = foreign_file(
        &r,
        "wiki.router.yml",
        &router_using("wiki-web", "wiki-auth"),
    );
    foreign_file(
        &r,
        "docs.router.yml",
        &router_using("docs-web", "docs-auth@redis"),
    );
    // Not a reference: another middleware whose name starts alike.
    foreign_file(
        &r,
        "news.router.yml",
        &router_using("news-web", "news-auth-extra@file"),
    );
    let out = r
        .run(["app", "remove", "wiki"])
        .as_key(&bob)
        .code(5)
        .stderr_has("router 'wiki-web'");
    // bob is no installation owner: the router's name, not where it is.
    assert!(
        !out.stderr().contains(&bare.display().to_string()),
        "{}",
        out.stderr()
    );
    assert!(!out.stderr().contains("wiki.router.yml"));
    r.run(["app", "update", "docs", "--app-name", "documentation"])
        .as_key(&bob)
        .code(5)
        .stderr_has("router 'docs-web'");
    r.run(["app", "update", "docs", "--force"])
        .as_key(&bob)
        .code(2)
        .stderr_has("--app-name");
    r.run([
        "app",
        "update",
        "docs",
        "--app-name",
        "documentation",
        "--force",
    ])
    .as_key(&bob)
    .ok();
    let (_, detail) = audited(&r, "app.update").pop().unwrap();
    assert_eq!(
        detail,
        "changed: appName; forced while routers authgate did not write referenced the middleware of 'docs': docs-web"
    );
    r.run(["app", "remove", "news"]).as_key(&bob).ok();
    // Once the reference is gone, the name goes.
    std::fs::remove_file(&bare).unwrap();
    r.run(["app", "remove", "wiki"]).as_key(&bob).ok();
}

#[test]
fn names_that_files_authgate_did_not_write_define_are_refused() {
    let r = Registry::new();
    let bob = beta_with_bob(&r);
    foreign_file(
        &r,
        "hand.yml",
        "http:\n  routers:\n    shop:\n      rule: Host(`shop.example.com`)\n      service: blog\n    docs.public:\n      rule: Host(`docs.example.com`)\n      service: blog\n  services:\n    blog:\n      loadBalancer:\n        servers:\n          - url: http://127.0.0.1:19001\n  middlewares:\n    wiki-auth:\n      basicAuth:\n        users: [\"x:{SHA}RtWoGDuNZCP89Whs2QSKUBycX0w=\"]\n",
    );
    for (name, what) in [
        ("shop", "router 'shop@file'"),
        ("blog", "service 'blog@file'"),
        ("wiki", "middleware 'wiki-auth@file'"),
        ("docs", "router 'docs.public@file'"),
    ] {
        for key in [None, Some(bob.as_str())] {
            let mut run = r.run(["app", "add", "--app-name", name]);
            if let Some(key) = key {
                run = run.as_key(key);
            }
            let out = run
                .code(5)
                .stderr_has(&format!("app name '{name}' is already served by Traefik"))
                .stderr_has(what);
            // Where it is defined, to the installation owner only.
            assert_eq!(
                out.stderr().contains("hand.yml"),
                key.is_none(),
                "{}",
                out.stderr()
            );
        }
    }
    r.ok(&["app", "add", "--app-name", "store"]);
    r.run(["app", "update", "store", "--app-name", "shop"])
        .code(5)
        .stderr_has("router 'shop@file'");
    assert_eq!(r.count("SELECT COUNT(*) FROM applications"), 1);
    // Another provider's namespace does not collide: a router `news` of
    // Docker labels is `news@docker`, and authgate publishes `news@file`.
    r.ok(&["app", "update", "store", "--router", "news@docker"]);
    r.run(["app", "add", "--app-name", "news"])
        .as_key(&bob)
        .ok();
}

#[test]
fn keys_authgate_does_not_own_under_a_redis_root_count_in_its_namespace() {
    use crate::common::redis_server::RedisServer;
    use redis::Commands;
    let server = RedisServer::start();
    let r = Registry::new();
    r.ok(&["sink", "add", "redis", &server.url(), "--name", "main"]);
    r.ok(&["app", "add", "--app-name", "intra"]);
    r.add_credential("intra", "alice", "a long enough password");
    let mut conn = server.conn();
    let _: () = conn
        .mset(&[
            ("traefik/http/routers/zz/rule", "Host(`intra.example.com`)"),
            ("traefik/http/routers/zz/priority", "99999"),
            ("traefik/http/routers/zz/middlewares/0", "intra-auth"),
            (
                "traefik/http/services/cache/loadBalancer/servers/0/url",
                "http://127.0.0.1:19001",
            ),
            // Outside the sink's root: another Traefik's keys.
            (
                "elsewhere/http/routers/keep/rule",
                "Host(`keep.example.com`)",
            ),
        ])
        .unwrap();

    // A bare reference in a Redis router is to the Redis provider's
    // middleware, which authgate publishes.
    r.run(["app", "remove", "intra"])
        .code(5)
        .stderr_has("router 'zz'")
        .stderr_has(&format!(
            "router 'zz' ({}#traefik/http/routers/zz)",
            server.url()
        ));
    r.run(["app", "add", "--app-name", "cache"])
        .code(5)
        .stderr_has("service 'cache@redis'");
    r.ok(&["app", "add", "--app-name", "keep"]);
    // authgate's own keys are never taken for someone else's.
    r.ok(&["app", "update", "keep", "--app-name", "kept"]);
    let _: () = conn.del("traefik/http/routers/zz/middlewares/0").unwrap();
    r.ok(&["app", "remove", "intra"]);
}
