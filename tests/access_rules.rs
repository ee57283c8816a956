//! Access rules (`--public-path`, `--protect-path`, `--trusted-network`,
//! `--allow-preflight`) through the real binary: what they write, what they
//! refuse, who may change them, and the Redis sink. What Traefik makes of the
//! routers is in `tests/traefik.rs`.

use crate::common::redis_server::RedisServer;
use crate::common::*;

use std::collections::BTreeMap;

use serde_json::Value;

const UPSTREAM: &str = "http://10.0.0.5:3000";

/// What every extra router's rule ends with: requests that offer Basic
/// credentials go to the main router, which checks them.
const ANONYMOUS: &str = r"!HeaderRegexp(`Authorization`, `(?i)^\s*basic`)";

/// The registry of `Registry::with_app` (shop on shop.example.com) with a
/// credential, so that access rules take effect.
fn protected_shop() -> Registry {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a long enough password");
    r
}

fn routers(r: &Registry, app: &str) -> serde_norway::Mapping {
    r.yaml(app).expect("file")["http"]["routers"]
        .as_mapping()
        .expect("routers")
        .clone()
}

fn router_names(r: &Registry, app: &str) -> Vec<String> {
    routers(r, app)
        .keys()
        .map(|k| k.as_str().unwrap().to_string())
        .collect()
}

fn field<'a>(
    routers: &'a serde_norway::Mapping,
    router: &str,
    field: &str,
) -> &'a serde_norway::Value {
    &routers[router][field]
}

fn run(r: &Registry, args: &[&str]) -> std::process::Output {
    r.cmd().args(args).output().expect("run")
}

#[test]
fn each_rule_is_a_router_of_the_application_with_a_higher_priority() {
    let r = protected_shop();
    let before = std::fs::read_to_string(r.file("shop")).unwrap();
    assert!(!before.contains("priority"), "{before}");
    r.ok(&[
        "app",
        "update",
        "shop",
        "--domain",
        "shop.example.com",
        "--domain",
        "www.shop.example.com",
        "--entrypoint",
        "websecure",
        "--cert-resolver",
        "letsencrypt",
        "--public-path",
        "/static",
        "--public-path",
        "/health/",
        "--trusted-network",
        "203.0.113.0/24",
        "--trusted-network",
        "2001:DB8::7",
        "--allow-preflight",
    ]);
    let routers = routers(&r, "shop");
    assert_eq!(
        router_names(&r, "shop"),
        ["shop", "shop.preflight", "shop.public", "shop.trusted"]
    );
    let hosts = "(Host(`shop.example.com`) || Host(`www.shop.example.com`))";
    assert_eq!(
        field(&routers, "shop", "rule").as_str().unwrap(),
        "Host(`shop.example.com`) || Host(`www.shop.example.com`)"
    );
    assert_eq!(field(&routers, "shop", "priority").as_u64(), Some(10000));
    assert_eq!(
        field(&routers, "shop", "middlewares")[0].as_str(),
        Some("shop-auth")
    );
    let public = field(&routers, "shop.public", "rule").as_str().unwrap();
    assert!(
        public.starts_with(&format!(
            "{hosts} && (Path(`/static`) || PathPrefix(`/static/`) || PathPrefix(`/health/`)) && !PathRegexp(`"
        )),
        "{public}"
    );
    assert_eq!(
        field(&routers, "shop.trusted", "rule").as_str().unwrap(),
        format!(
            "{hosts} && (ClientIP(`203.0.113.0/24`) || ClientIP(`2001:db8::7/128`)) && {ANONYMOUS}"
        )
    );
    assert_eq!(
        field(&routers, "shop.preflight", "rule").as_str().unwrap(),
        format!("{hosts} && Method(`OPTIONS`) && {ANONYMOUS}")
    );
    for extra in ["shop.public", "shop.trusted", "shop.preflight"] {
        let router = &routers[extra];
        assert_eq!(router["priority"].as_u64(), Some(10010), "{extra}");
        assert!(router["middlewares"].is_null(), "{extra}");
        assert_eq!(router["service"].as_str(), Some("shop"));
        assert_eq!(router["entryPoints"], routers["shop"]["entryPoints"]);
        assert_eq!(router["tls"], routers["shop"]["tls"]);
    }

    // app show lists the rules, normalized, in JSON and in the table.
    let shown = r.json(&["app", "show", "shop"]);
    assert_eq!(
        shown["publicPaths"],
        serde_json::json!(["/static", "/health/"])
    );
    assert_eq!(shown["protectPaths"], serde_json::json!([]));
    assert_eq!(
        shown["trustedNetworks"],
        serde_json::json!(["203.0.113.0/24", "2001:db8::7/128"])
    );
    assert_eq!(shown["allowPreflight"], true);
    let table = r.ok(&["app", "show", "shop"]);
    for needle in [
        "PUBLIC PATHS",
        "/static, /health/",
        "TRUSTED NETWORKS",
        "203.0.113.0/24, 2001:db8::7/128",
        "ALLOW PREFLIGHT",
    ] {
        assert!(table.contains(needle), "{needle}:\n{table}");
    }
    r.ok(&["check"]);

    // Protected paths: the main router keeps the middleware, and the
    // public router takes every other path.
    r.ok(&[
        "app",
        "update",
        "shop",
        "--clear-public-paths",
        "--protect-path",
        "/admin",
        "--protect-path",
        "/api/v1.2/",
    ]);
    let routers = routers_of(&r);
    let public = routers["shop.public"]["rule"].as_str().unwrap();
    assert!(
        public.starts_with(&format!(
            "{hosts} && !PathRegexp(`(?i)^(/admin|/api/v1\\.2)`) && !PathRegexp(`"
        )),
        "{public}"
    );
    assert_eq!(
        routers["shop"]["middlewares"][0].as_str(),
        Some("shop-auth")
    );

    // Removing every rule gives back the file of before, priorities gone.
    r.ok(&[
        "app",
        "update",
        "shop",
        "--domain",
        "shop.example.com",
        "--clear-protect-paths",
        "--clear-trusted-networks",
        "--no-allow-preflight",
        "--entrypoint",
        "web",
    ]);
    let text = std::fs::read_to_string(r.file("shop")).unwrap();
    assert!(!text.contains("priority"), "{text}");
    assert_eq!(router_names(&r, "shop"), ["shop"]);
    r.ok(&["check"]);

    let changed = r.json(&["audit", "--app", "shop", "--action", "app.update"]);
    let details: Vec<&str> = changed
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["detail"].as_str())
        .collect();
    assert!(
        details.iter().any(|d| d.contains("publicPaths")
            && d.contains("trustedNetworks")
            && d.contains("allowPreflight")),
        "{details:?}"
    );
}

fn routers_of(r: &Registry) -> serde_norway::Mapping {
    routers(r, "shop")
}

#[test]
fn rules_take_effect_while_credentials_exist_and_follow_a_rename() {
    let r = Registry::new();
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "shop",
        "--domain",
        "shop.example.com",
        "--upstream",
        UPSTREAM,
        "--protect-path",
        "/admin",
        "--allow-preflight",
    ]);
    // No credentials: no middleware, so only the main router, public.
    assert_eq!(router_names(&r, "shop"), ["shop"]);
    let text = std::fs::read_to_string(r.file("shop")).unwrap();
    assert!(
        !text.contains("middlewares") && !text.contains("priority"),
        "{text}"
    );
    r.add_credential("shop", "admin", "a long enough password");
    assert_eq!(
        router_names(&r, "shop"),
        ["shop", "shop.preflight", "shop.public"]
    );
    r.ok(&["delete", "--app", "shop", "--username", "admin"]);
    assert_eq!(router_names(&r, "shop"), ["shop"]);
    r.add_credential("shop", "admin", "a long enough password");

    r.ok(&["app", "update", "shop", "--app-name", "store"]);
    assert!(!r.file("shop").exists());
    assert_eq!(
        router_names(&r, "store"),
        ["store", "store.preflight", "store.public"]
    );
    assert_eq!(
        routers(&r, "store")["store.public"]["service"].as_str(),
        Some("store")
    );
    r.ok(&["check"]);
}

#[test]
fn hostile_prefixes_and_networks_are_refused_before_anything_is_touched() {
    let r = protected_shop();
    r.ok(&["app", "update", "shop", "--public-path", "/static"]);
    let hostile_paths = [
        "static",
        "",
        "/a`) || Host(`evil.example",
        "/a\") || Host(\"evil.example",
        "/{{ env \"HOME\" }}",
        "/a}}",
        "/a b",
        "/a\tb",
        "/a\nb",
        "/a\u{7f}",
        "/a/../admin",
        "/..",
        "/a//b",
        "/./a",
        "/a%2F..%2Fadmin",
        "/a?b=1",
        "/a#b",
        "/a\\b",
        "/a:b",
        "/é",
    ];
    let hostile_networks = [
        "0.0.0.0/0",
        "::/0",
        "10.0.0.0/33",
        "10.0.0.5/8",
        "10.0.0.0/-1",
        "10.0.0.0/+8",
        "010.0.0.1",
        "::ffff:10.0.0.1",
        "fe80::1%eth0",
        "example.com",
        "10.0.0.0/8`) || Host(`evil.example",
        "10.0.0.0/8 ",
        "",
    ];
    let mut cases: Vec<Vec<String>> = Vec::new();
    for p in hostile_paths {
        for flag in ["--public-path", "--protect-path"] {
            cases.push(vec![format!("{flag}={p}")]);
        }
    }
    cases.push(vec!["--public-path=/".into()]);
    for n in hostile_networks {
        cases.push(vec![format!("--trusted-network={n}")]);
    }
    let too_many: Vec<String> = (0..33).map(|i| format!("--public-path=/p{i}")).collect();
    cases.push(too_many);
    let before = r.all_bytes();
    let file = std::fs::read(r.file("shop")).unwrap();
    for args in &cases {
        for command in [
            vec!["app", "update", "shop"],
            vec![
                "app",
                "add",
                "--app-name",
                "other",
                "--domain",
                "other.example.com",
                "--upstream",
                UPSTREAM,
            ],
        ] {
            let out = r.cmd().args(&command).args(args).output().unwrap();
            assert_eq!(code(&out), 2, "{command:?} {args:?}: {}", stderr(&out));
            let err = stderr(&out);
            assert!(
                err.contains("invalid public path")
                    || err.contains("invalid protected path")
                    || err.contains("invalid trusted network")
                    || err.contains("too many"),
                "{args:?}: {err}"
            );
            assert!(!err.contains('\u{7f}') && !err.contains("\n/"), "{err:?}");
        }
        assert!(r.all_bytes() == before, "{args:?} changed the registry");
    }
    assert_eq!(std::fs::read(r.file("shop")).unwrap(), file);
    assert!(!r.file("other").exists());
    // /0 says why.
    let out = run(&r, &["app", "update", "shop", "--trusted-network", "::/0"]);
    assert!(
        stderr(&out).contains("makes the application public"),
        "{}",
        stderr(&out)
    );
    let out = run(
        &r,
        &["app", "update", "shop", "--trusted-network", "10.0.0.5/8"],
    );
    assert!(
        stderr(&out).contains("10.0.0.0/8") && stderr(&out).contains("10.0.0.5 alone"),
        "{}",
        stderr(&out)
    );
    // Bad input is refused before the registry is even looked for.
    let empty = Registry::empty();
    for args in [
        vec!["app", "update", "shop", "--public-path", "/a b"],
        vec!["app", "update", "shop", "--trusted-network", "0.0.0.0/0"],
        vec![
            "app",
            "add",
            "--app-name",
            "shop",
            "--domain",
            "shop.example.com",
            "--upstream",
            UPSTREAM,
            "--protect-path",
            "/a/../b",
        ],
    ] {
        let out = empty.cmd().args(&args).output().unwrap();
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(!empty.db().exists());
    }
}

#[test]
fn option_combinations() {
    let r = protected_shop();
    // Public and protected paths exclude each other, in one command ...
    for command in [
        vec!["app", "update", "shop"],
        vec![
            "app",
            "add",
            "--app-name",
            "other",
            "--domain",
            "other.example.com",
            "--upstream",
            UPSTREAM,
        ],
    ] {
        let out = r
            .cmd()
            .args(&command)
            .args(["--public-path", "/a", "--protect-path", "/b"])
            .output()
            .unwrap();
        assert_eq!(code(&out), 2, "{}", stderr(&out));
    }
    // ... and across commands, until one is cleared.
    r.ok(&["app", "update", "shop", "--public-path", "/a"]);
    let file = std::fs::read(r.file("shop")).unwrap();
    let out = run(&r, &["app", "update", "shop", "--protect-path", "/b"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("exclude each other"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("--clear-public-paths"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(r.file("shop")).unwrap(), file);
    assert_eq!(r.json(&["app", "show", "shop"])["publicPaths"][0], "/a");
    r.ok(&[
        "app",
        "update",
        "shop",
        "--protect-path",
        "/b",
        "--clear-public-paths",
    ]);
    let shown = r.json(&["app", "show", "shop"]);
    assert_eq!(shown["publicPaths"], serde_json::json!([]));
    assert_eq!(shown["protectPaths"], serde_json::json!(["/b"]));

    // A flag and its clearing counterpart conflict.
    for args in [
        ["--public-path", "/a", "--clear-public-paths"],
        ["--protect-path", "/a", "--clear-protect-paths"],
        [
            "--trusted-network",
            "192.0.2.0/24",
            "--clear-trusted-networks",
        ],
    ] {
        let out = run(&r, &[&["app", "update", "shop"][..], &args[..]].concat());
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
    }
    let out = run(
        &r,
        &[
            "app",
            "update",
            "shop",
            "--allow-preflight",
            "--no-allow-preflight",
        ],
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));

    // A repeated option replaces the list; duplicates count once; a bare
    // address is one host.
    r.ok(&[
        "app",
        "update",
        "shop",
        "--trusted-network",
        "192.0.2.7",
        "--trusted-network",
        "192.0.2.7/32",
        "--trusted-network",
        "198.51.100.0/24",
    ]);
    assert_eq!(
        r.json(&["app", "show", "shop"])["trustedNetworks"],
        serde_json::json!(["192.0.2.7/32", "198.51.100.0/24"])
    );
    r.ok(&[
        "app",
        "update",
        "shop",
        "--trusted-network",
        "198.51.100.0/24",
    ]);
    assert_eq!(
        r.json(&["app", "show", "shop"])["trustedNetworks"],
        serde_json::json!(["198.51.100.0/24"])
    );
    // Changing something else keeps the rules.
    r.ok(&["app", "update", "shop", "--realm", "Shop"]);
    let shown = r.json(&["app", "show", "shop"]);
    assert_eq!(
        shown["trustedNetworks"],
        serde_json::json!(["198.51.100.0/24"])
    );
    assert_eq!(shown["protectPaths"], serde_json::json!(["/b"]));
    // --allow-preflight alone is a change; --no-allow-preflight undoes it.
    r.ok(&["app", "update", "shop", "--allow-preflight"]);
    assert_eq!(r.json(&["app", "show", "shop"])["allowPreflight"], true);
    r.ok(&["app", "update", "shop", "--no-allow-preflight"]);
    assert_eq!(r.json(&["app", "show", "shop"])["allowPreflight"], false);
    // --protect-path / protects everything, which is allowed (and the same
    // as no rule); --public-path / is not.
    r.ok(&["app", "update", "shop", "--protect-path", "/"]);
    r.ok(&["check"]);
}

#[test]
fn external_routing_refuses_access_rules() {
    let r = protected_shop();
    let before = r.all_bytes();
    for rule in [
        vec!["--public-path", "/static"],
        vec!["--protect-path", "/admin"],
        vec!["--trusted-network", "192.0.2.0/24"],
        vec!["--allow-preflight"],
    ] {
        let out = r
            .cmd()
            .args(["app", "add", "--app-name", "ext"])
            .args(&rule)
            .output()
            .unwrap();
        assert_eq!(code(&out), 2, "{rule:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("defined elsewhere") && err.contains("managed routing"),
            "{err}"
        );
        assert!(err.contains("hint:") && err.contains("--domain"), "{err}");
    }
    // Refused before the registry is opened: nothing changed.
    assert!(r.all_bytes() == before);
    assert!(!r.file("ext").exists());

    r.ok(&["app", "add", "--app-name", "ext"]);
    r.add_credential("ext", "admin", "a long enough password");
    let file = std::fs::read(r.file("ext")).unwrap();
    let out = run(
        &r,
        &["app", "update", "ext", "--trusted-network", "192.0.2.0/24"],
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(std::fs::read(r.file("ext")).unwrap(), file);

    // An application with rules cannot go external without clearing them.
    r.ok(&["app", "update", "shop", "--public-path", "/static"]);
    let file = std::fs::read(r.file("shop")).unwrap();
    let out = run(&r, &["app", "update", "shop", "--clear-routing"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--clear-public-paths"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(r.file("shop")).unwrap(), file);
    r.ok(&[
        "app",
        "update",
        "shop",
        "--clear-routing",
        "--clear-public-paths",
    ]);
    assert!(router_names_or_none(&r, "shop").is_none());
    r.ok(&["check"]);
}

fn router_names_or_none(r: &Registry, app: &str) -> Option<Vec<String>> {
    let y = r.yaml(app)?;
    y["http"]["routers"]
        .as_mapping()
        .map(|m| m.keys().map(|k| k.as_str().unwrap().to_string()).collect())
}

#[test]
fn only_owners_and_admins_change_access_rules() {
    let r = protected_shop();
    let member = r.add_user("mia", "member");
    let viewer = r.add_user("vera", "viewer");
    let admin = r.add_user("dave", "admin");
    r.ok(&["app", "grant", "shop", "--user", "mia"]);
    r.ok(&["app", "grant", "shop", "--user", "vera"]);
    // The member may still manage the credentials of the granted app.
    r.cmd_as(&member)
        .args(["create", "--app", "shop", "--username", "mia", "--generate"])
        .assert()
        .success();
    let file = std::fs::read(r.file("shop")).unwrap();
    for key in [&member, &viewer] {
        for change in [
            vec!["--public-path", "/static"],
            vec!["--protect-path", "/admin"],
            vec!["--trusted-network", "192.0.2.0/24"],
            vec!["--allow-preflight"],
        ] {
            let out = r
                .cmd_as(key)
                .args(["app", "update", "shop"])
                .args(&change)
                .output()
                .unwrap();
            assert_eq!(code(&out), 4, "{change:?}: {}", stderr(&out));
        }
        // Nor with a new application.
        let out = r
            .cmd_as(key)
            .args([
                "app",
                "add",
                "--app-name",
                "mine",
                "--domain",
                "mine.example.com",
                "--upstream",
                UPSTREAM,
                "--public-path",
                "/",
            ])
            .output()
            .unwrap();
        assert_eq!(code(&out), 2, "{}", stderr(&out));
        let out = r
            .cmd_as(key)
            .args([
                "app",
                "add",
                "--app-name",
                "mine",
                "--domain",
                "mine.example.com",
                "--upstream",
                UPSTREAM,
                "--public-path",
                "/static",
            ])
            .output()
            .unwrap();
        assert_eq!(code(&out), 4, "{}", stderr(&out));
    }
    assert_eq!(std::fs::read(r.file("shop")).unwrap(), file);
    let shown = r.json(&["app", "show", "shop"]);
    assert_eq!(shown["publicPaths"], serde_json::json!([]));
    assert_eq!(shown["allowPreflight"], false);
    let denied = r
        .count("SELECT count(*) FROM audit_log WHERE action = 'app.update' AND outcome = 'denied'");
    assert_eq!(denied, 8);

    r.cmd_as(&admin)
        .args(["app", "update", "shop", "--public-path", "/static"])
        .assert()
        .success();
    r.ok(&["app", "update", "shop", "--allow-preflight"]);
    let shown = r.json(&["app", "show", "shop"]);
    assert_eq!(shown["publicPaths"], serde_json::json!(["/static"]));
    assert_eq!(shown["allowPreflight"], true);
    // Viewers and members still read the rules of the granted app.
    let out = r
        .cmd_as(&viewer)
        .args(["app", "show", "shop", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["publicPaths"], serde_json::json!(["/static"]));
}

#[test]
fn trusting_a_private_range_warns() {
    let r = protected_shop();
    for (network, warned) in [
        ("10.0.0.0/8", Some("RFC 1918")),
        ("192.168.1.20", Some("RFC 1918")),
        ("127.0.0.0/8", Some("loopback")),
        ("fd12:3456::/48", Some("unique local")),
        ("::1", Some("loopback")),
        ("100.64.0.0/10", Some("carrier-grade NAT")),
        ("203.0.113.0/24", None),
        ("2001:db8::/32", None),
    ] {
        let out = run(&r, &["app", "update", "shop", "--trusted-network", network]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let err = stderr(&out);
        match warned {
            Some(what) => {
                assert!(
                    err.contains("warning:") && err.contains(what),
                    "{network}: {err}"
                );
                assert!(err.contains("load balancer"), "{err}");
            }
            None => assert!(!err.contains("warning:"), "{network}: {err}"),
        }
    }
    // On app add too, and silenced only by -q --no-warnings.
    let out = run(
        &r,
        &[
            "app",
            "add",
            "--app-name",
            "intranet",
            "--domain",
            "intranet.example.com",
            "--upstream",
            UPSTREAM,
            "--trusted-network",
            "172.16.0.0/12",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("RFC 1918"), "{}", stderr(&out));
    let out = run(
        &r,
        &[
            "app",
            "update",
            "intranet",
            "--trusted-network",
            "172.16.0.0/12",
            "-q",
            "--no-warnings",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    // A change that does not touch the networks does not repeat it.
    let out = run(&r, &["app", "update", "intranet", "--name", "Intranet"]);
    assert!(!stderr(&out).contains("RFC 1918"), "{}", stderr(&out));
}

#[test]
fn check_names_a_changed_priority() {
    let r = protected_shop();
    r.ok(&["app", "update", "shop", "--public-path", "/static"]);
    let text = std::fs::read_to_string(r.file("shop")).unwrap();
    let edited = text.replace("priority: 10010", "priority: 1");
    assert_ne!(edited, text);
    std::fs::write(r.file("shop"), edited).unwrap();
    let out = run(&r, &["check"]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    let said = format!("{}{}", stdout(&out), stderr(&out));
    assert!(
        said.contains("router 'shop.public' priority is 1, the database says 10010"),
        "{said}"
    );
    r.ok(&["sync"]);
    assert_eq!(std::fs::read_to_string(r.file("shop")).unwrap(), text);
}

#[test]
fn a_registry_from_before_access_rules_migrates_without_changing_a_file() {
    let r = protected_shop();
    let file = std::fs::read(r.file("shop")).unwrap();
    {
        let db = r.sql();
        db.execute_batch(
            "DROP TABLE traefik_instances;
             DROP TABLE guard_offsets;
             DROP TABLE guard_failures;
             DROP TABLE guard_bans;
             DROP TABLE guard_allowed;
             ALTER TABLE applications DROP COLUMN guard_max_failures;
             ALTER TABLE applications DROP COLUMN guard;
             DROP TABLE shared_credentials;
             DROP TABLE pending_publishes;
             ALTER TABLE security DROP COLUMN withdrawn_at;
             DROP TABLE installation_log;
             ALTER TABLE applications DROP COLUMN hosts;
             DROP TABLE declared_routers;
             DROP TABLE released_names;
             ALTER TABLE applications DROP COLUMN private;
             ALTER TABLE audit_log DROP COLUMN app_name;
             ALTER TABLE applications DROP COLUMN fast_auth;
             ALTER TABLE applications DROP COLUMN allow_preflight;
             ALTER TABLE applications DROP COLUMN trusted_networks;
             ALTER TABLE applications DROP COLUMN protect_paths;
             ALTER TABLE applications DROP COLUMN public_paths;
             DROP TABLE publish_intents;
             PRAGMA user_version = 4;",
        )
        .unwrap();
    }
    r.ok(&["check"]);
    let shown = r.json(&["app", "show", "shop"]);
    assert_eq!(shown["publicPaths"], serde_json::json!([]));
    assert_eq!(shown["allowPreflight"], false);
    r.ok(&["sync"]);
    assert_eq!(std::fs::read(r.file("shop")).unwrap(), file);
}

// ---------------------------------------------------------------------------
// Redis

fn redis_keys(server: &RedisServer, pattern: &str) -> BTreeMap<String, String> {
    let mut conn = server.conn();
    let keys: Vec<String> = redis::cmd("KEYS").arg(pattern).query(&mut conn).unwrap();
    keys.into_iter()
        .map(|k| {
            let v: String = redis::cmd("GET").arg(&k).query(&mut conn).unwrap();
            (k, v)
        })
        .collect()
}

#[test]
fn the_redis_sink_publishes_the_extra_routers_and_check_covers_them() {
    let server = RedisServer::start();
    let r = protected_shop();
    r.ok(&[
        "sink",
        "add",
        "redis",
        &server.url(),
        "--root-key",
        "traefik",
    ]);
    r.ok(&[
        "app",
        "update",
        "shop",
        "--protect-path",
        "/admin",
        "--trusted-network",
        "192.0.2.0/24",
        "--allow-preflight",
    ]);
    let keys = redis_keys(&server, "traefik/http/routers/*");
    for (key, value) in [
        ("traefik/http/routers/shop/priority", "10000"),
        ("traefik/http/routers/shop/middlewares/0", "shop-auth"),
        ("traefik/http/routers/shop.public/priority", "10010"),
        ("traefik/http/routers/shop.public/service", "shop"),
        ("traefik/http/routers/shop.trusted/priority", "10010"),
        (
            "traefik/http/routers/shop.trusted/rule",
            "Host(`shop.example.com`) && ClientIP(`192.0.2.0/24`) && !HeaderRegexp(`Authorization`, `(?i)^\\s*basic`)",
        ),
        (
            "traefik/http/routers/shop.preflight/rule",
            "Host(`shop.example.com`) && Method(`OPTIONS`) && !HeaderRegexp(`Authorization`, `(?i)^\\s*basic`)",
        ),
    ] {
        assert_eq!(
            keys.get(key).map(String::as_str),
            Some(value),
            "{key}: {keys:#?}"
        );
    }
    assert!(
        !keys
            .keys()
            .any(|k| k.starts_with("traefik/http/routers/shop.public/middlewares")),
        "{keys:#?}"
    );
    // The Redis keys say what the file says.
    let file_rule = routers(&r, "shop")["shop.public"]["rule"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(keys["traefik/http/routers/shop.public/rule"], file_rule);
    r.ok(&["check"]);

    // A key injected into an extra router's subtree is an intruder: check
    // reports it, sync removes it.
    let mut conn = server.conn();
    let _: () = redis::cmd("SET")
        .arg("traefik/http/routers/shop.public/middlewares/0")
        .arg("other-auth@file")
        .query(&mut conn)
        .unwrap();
    let out = run(&r, &["check"]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("traefik/http/routers/shop.public/middlewares/0"),
        "{}",
        stdout(&out)
    );
    r.ok(&["sync"]);
    r.ok(&["check"]);
    assert!(
        !redis_keys(&server, "traefik/http/routers/shop.public/*")
            .contains_key("traefik/http/routers/shop.public/middlewares/0")
    );

    // Removing the rules removes their keys.
    r.ok(&[
        "app",
        "update",
        "shop",
        "--clear-protect-paths",
        "--clear-trusted-networks",
        "--no-allow-preflight",
    ]);
    let keys = redis_keys(&server, "traefik/http/routers/*");
    assert!(
        keys.keys()
            .all(|k| k.starts_with("traefik/http/routers/shop/")),
        "{keys:#?}"
    );
    assert!(!keys.contains_key("traefik/http/routers/shop/priority"));
    r.ok(&["check"]);
}
