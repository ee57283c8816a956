//! A host routed anywhere in Traefik's configuration has one owner: an
//! application's domain, a host an application with external routing
//! declares (`--host`), or a router authgate did not write, in the watched
//! directory or under a Redis sink's root. These sessions try to take such
//! a host from another organization.

use redis::Commands;

use crate::common::redis_server::RedisServer;
use crate::common::*;

/// The refusal every taken host gets, whoever holds it.
const TAKEN: &str = "error: host 'portal.example.com' is already routed: one Traefik serves every organization, so a host can have one owner only";

/// acme (alice, installation owner) protects `portal`, routed by her own
/// router file, as the README's external-routing section shows; bob owns
/// the organization `beta`. Returns the registry and bob's key.
fn alice_portal_and_bob(declare_host: bool) -> (Registry, String) {
    let r = Registry::new();
    let mut add = vec!["app", "add", "--app-name", "portal"];
    if declare_host {
        add.extend(["--host", "portal.example.com"]);
    }
    r.ok(&add);
    r.add_credential("portal", "alice", "a long enough password");
    std::fs::write(
        r.traefik_dir().join("portal.router.yml"),
        "http:\n  routers:\n    portal-router:\n      rule: \"Host(`portal.example.com`)\"\n      service: portal-svc\n      middlewares: [portal-auth@file]\n  services:\n    portal-svc:\n      loadBalancer:\n        servers:\n          - url: http://127.0.0.1:19003\n",
    )
    .unwrap();
    let bob = r.add_user("bob", "viewer");
    r.cmd_as(&bob)
        .args(["org", "create", "beta"])
        .assert()
        .success();
    (r, bob)
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

#[test]
fn a_host_routed_by_a_router_authgate_did_not_write_cannot_be_claimed() {
    for declared in [false, true] {
        let (r, bob) = alice_portal_and_bob(declared);
        let before = std::fs::read_dir(r.traefik_dir()).unwrap().count();
        for spelling in ["portal.example.com", "Portal.Example.COM"] {
            let out = r
                .run(["--org", "beta", "app", "add", "--app-name", "grab"])
                .args(["--domain", spelling, "--upstream", "http://10.9.9.9:19003"])
                .args(["--allow-preflight"])
                .as_key(&bob)
                .code(5);
            // The same words whoever holds the host, and nothing that names
            // alice's file, router or application to bob.
            assert_eq!(out.stderr().trim_end(), TAKEN, "declared: {declared}");
            assert!(!out.stderr().contains("portal.router.yml"));
            assert!(!out.stderr().contains("portal-router"));
        }
        assert!(!r.file("grab").exists());
        assert_eq!(std::fs::read_dir(r.traefik_dir()).unwrap().count(), before);
        assert_eq!(
            r.count("SELECT count(*) FROM applications WHERE app_name = 'grab'"),
            0
        );
        // Each attempt is a denial in bob's log.
        assert_eq!(
            r.count(
                "SELECT count(*) FROM audit_log WHERE action = 'app.add' AND outcome = 'denied'"
            ),
            2
        );
        // Taking it by a later update is refused the same way.
        r.run(["--org", "beta", "app", "add", "--app-name", "grab"])
            .as_key(&bob)
            .ok();
        let out = r
            .run([
                "--org",
                "beta",
                "app",
                "update",
                "grab",
                "--host",
                "portal.example.com",
            ])
            .as_key(&bob)
            .code(5);
        assert_eq!(first_line(out.stderr()), TAKEN);
    }
}

#[test]
fn the_installation_owner_is_told_which_router_holds_the_host() {
    let (r, _bob) = alice_portal_and_bob(false);
    let out = r
        .run([
            "app",
            "add",
            "--app-name",
            "mine",
            "--domain",
            "portal.example.com",
        ])
        .args(["--upstream", "http://10.9.9.9:80"])
        .code(5);
    let dir = r.traefik_dir();
    assert_eq!(
        out.stderr().trim_end(),
        format!(
            "{TAKEN}; router 'portal-router@file' in {} routes it, and authgate did not write it",
            dir.join("portal.router.yml").display()
        )
    );
}

#[test]
fn an_application_with_external_routing_declares_the_hosts_of_its_own_router() {
    let r = Registry::new();
    // The router is written first: it carries the application's middleware,
    // so it is the application's own router, and the claim stands.
    std::fs::write(
        r.traefik_dir().join("portal.router.yml"),
        "http:\n  routers:\n    portal-router:\n      rule: \"Host(`portal.example.com`) && PathPrefix(`/`)\"\n      service: noop@internal\n      middlewares: [portal-auth@file]\n",
    )
    .unwrap();
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "portal",
        "--host",
        "portal.example.com",
    ]);
    let shown = r.json(&["app", "show", "portal"]);
    assert_eq!(shown["hosts"], serde_json::json!(["portal.example.com"]));
    assert_eq!(shown["routing"], "external");
    // Written nowhere: an external application's file holds only its
    // middleware, once it has credentials.
    assert!(!r.file("portal").exists());
    r.add_credential("portal", "alice", "a long enough password");
    let yaml = std::fs::read_to_string(r.file("portal")).unwrap();
    assert!(!yaml.contains("routers"), "{yaml}");
    assert!(!yaml.contains("portal.example.com"), "{yaml}");
    // Another application, in any organization, cannot take it.
    r.run([
        "app",
        "add",
        "--app-name",
        "copy",
        "--host",
        "portal.example.com",
    ])
    .code(5);
    // A managed application's domains are its hosts: both at once is refused.
    r.run([
        "app",
        "add",
        "--app-name",
        "both",
        "--domain",
        "both.example.com",
    ])
    .args([
        "--host",
        "both.example.com",
        "--upstream",
        "http://10.0.0.1",
    ])
    .code(2);
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "managed",
        "--domain",
        "m.example.com",
    ]
    .into_iter()
    .chain(["--upstream", "http://10.0.0.1"])
    .collect::<Vec<_>>());
    let out = r
        .run(["app", "update", "managed", "--host", "x.example.com"])
        .code(2);
    assert!(
        out.stderr()
            .contains("--host declares the hosts of a router written elsewhere")
    );
    // Giving the host up frees it.
    r.ok(&["app", "update", "portal", "--clear-hosts"]);
    assert_eq!(
        r.count("SELECT count(*) FROM app_domains WHERE domain = 'portal.example.com'"),
        0
    );
}

#[test]
fn check_names_the_router_that_shadows_or_bypasses() {
    let (r, _bob) = alice_portal_and_bob(true);
    // alice's own router carries the middleware: nothing to report.
    r.run(["check"]).ok();
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "shop",
        "--domain",
        "shop.example.com",
    ]
    .into_iter()
    .chain(["--upstream", "http://10.0.0.5:3000"])
    .collect::<Vec<_>>());
    // A second router on her host, without the middleware, serves it
    // publicly; another names shop's host by a pattern.
    std::fs::write(
        r.traefik_dir().join("zz.yml"),
        "http:\n  routers:\n    open-portal:\n      rule: \"Host(`portal.example.com`)\"\n      service: noop@internal\n    shop-copy:\n      rule: \"HostRegexp(`^shop\\\\..+$`)\"\n      service: noop@internal\n",
    )
    .unwrap();
    let out = r.run(["check", "-o", "json"]).code(7);
    let findings = out.json();
    let details: Vec<String> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "shadowing")
        .map(|f| f["detail"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        details,
        [
            "router 'open-portal@file', which authgate did not write, routes portal.example.com, which application 'portal' declares, without its middleware 'portal-auth': Traefik serves the host through it without authentication; add the middleware to the router or remove its host",
            "router 'shop-copy@file', which authgate did not write, routes shop.example.com, which application 'shop' routes: Traefik may serve the host through it, without the application's authentication; remove the router or its host",
        ],
        "{}",
        out.stdout()
    );
}

#[test]
fn catch_all_routers_block_a_claim_only_when_they_outrank_authgate() {
    let r = Registry::new();
    let write = |text: &str| std::fs::write(r.traefik_dir().join("redirect.yml"), text).unwrap();
    let add = |name: &str, host: &str, entrypoint: Option<&str>| {
        let mut run = r
            .run(["app", "add", "--app-name", name, "--domain", host])
            .args(["--upstream", "http://10.0.0.1"]);
        if let Some(e) = entrypoint {
            run = run.args(["--entrypoint", e]);
        }
        run.exec()
    };
    // An HTTP-to-HTTPS redirect on every host, at Traefik's default
    // priority: authgate's explicit priority outranks it.
    write(
        "http:\n  routers:\n    redirect:\n      rule: \"PathPrefix(`/`)\"\n      service: noop@internal\n",
    );
    assert_eq!(add("one", "one.example.com", None).exit_code(), Some(0));
    // The same at a priority above authgate's: it would win every host.
    write(
        "http:\n  routers:\n    redirect:\n      rule: \"PathPrefix(`/`)\"\n      priority: 20000\n      service: noop@internal\n",
    );
    assert_eq!(add("two", "two.example.com", None).exit_code(), Some(5));
    // A wildcard names every host it matches.
    write(
        "http:\n  routers:\n    wild:\n      rule: \"HostRegexp(`{sub:[a-z]+}.example.org`)\"\n      entryPoints: [internal]\n      service: noop@internal\n",
    );
    assert_eq!(add("three", "three.example.org", None).exit_code(), Some(5));
    // Only on the entry points the application uses.
    assert_eq!(
        add("four", "four.example.org", Some("web")).exit_code(),
        Some(0)
    );
}

#[test]
fn a_router_under_the_redis_root_holds_its_host_too() {
    let server = RedisServer::start();
    let r = Registry::with_app();
    r.ok(&["sink", "add", "redis", &server.url(), "--name", "main"]);
    let mut c = server.conn();
    let _: () = c
        .set("traefik/http/routers/zz/rule", "Host(`shop.example.com`)")
        .unwrap();
    let _: () = c.set("traefik/http/routers/zz/priority", "99999").unwrap();
    let _: () = c
        .set(
            "traefik/http/routers/other/rule",
            "Host(`grab.example.com`)",
        )
        .unwrap();
    let _: () = c
        .set("traefik/http/routers/other/entryPoints/0", "web")
        .unwrap();
    // `check` names the router that shadows, where it is.
    let out = r.run(["check", "-o", "json"]).code(7);
    let shadowing: Vec<_> = out
        .json()
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "shadowing")
        .cloned()
        .collect();
    assert_eq!(shadowing.len(), 1, "{}", out.stdout());
    assert_eq!(
        shadowing[0]["detail"],
        "router 'zz@redis', which authgate did not write, routes shop.example.com, which application 'shop' routes: Traefik may serve the host through it, without the application's authentication; remove the router or its host"
    );
    assert_eq!(
        shadowing[0]["path"],
        format!("{}#traefik/http/routers/zz", server.url())
    );
    // Claiming a host a Redis router names is refused, on its entry point.
    let bob = r.add_user("bob", "viewer");
    r.cmd_as(&bob)
        .args(["org", "create", "beta"])
        .assert()
        .success();
    let out = r
        .run(["--org", "beta", "app", "add", "--app-name", "grab"])
        .args([
            "--domain",
            "grab.example.com",
            "--upstream",
            "http://10.9.9.9",
        ])
        .as_key(&bob)
        .code(5);
    assert_eq!(
        out.stderr().trim_end(),
        "error: host 'grab.example.com' is already routed: one Traefik serves every organization, so a host can have one owner only"
    );
    r.run(["--org", "beta", "app", "add", "--app-name", "grab"])
        .args([
            "--domain",
            "grab.example.com",
            "--upstream",
            "http://10.9.9.9",
        ])
        .args(["--entrypoint", "websecure"])
        .as_key(&bob)
        .ok();
}

/// Traefik takes matcher names in several cases and unquotes Go escapes in
/// double-quoted strings; a rule authgate cannot read holds every host.
#[test]
fn rules_spelled_as_traefik_also_reads_them_hold_their_hosts() {
    let (r, bob) = alice_portal_and_bob(false);
    for (i, rule) in [
        "host(`lower.example.com`)",
        "HOST(`lower.example.com`)",
        "Host(\\\"lower\\\\x2eexample.com\\\")",
        "Host(`lower.example.com`) && Unknown(`x`",
    ]
    .iter()
    .enumerate()
    {
        std::fs::write(
            r.traefik_dir().join("odd.yml"),
            format!("http:\n  routers:\n    odd:\n      rule: \"{rule}\"\n      service: noop@internal\n"),
        )
        .unwrap();
        let out = r
            .run([
                "--org",
                "beta",
                "app",
                "add",
                "--app-name",
                &format!("low{i}"),
            ])
            .args([
                "--domain",
                "lower.example.com",
                "--upstream",
                "http://10.9.9.9",
            ])
            .as_key(&bob)
            .exec();
        assert_eq!(out.exit_code(), Some(5), "{rule}: {}", out.stderr());
    }
}

/// Moving an application onto the entry point where a router authgate did
/// not write serves its host is a claim too.
#[test]
fn a_move_to_another_entry_point_is_checked_again() {
    let (r, bob) = alice_portal_and_bob(false);
    std::fs::write(
        r.traefik_dir().join("ep.yml"),
        "http:\n  routers:\n    ep:\n      rule: \"Host(`ep.example.com`)\"\n      entryPoints: [websecure]\n      service: noop@internal\n",
    )
    .unwrap();
    r.run(["--org", "beta", "app", "add", "--app-name", "epx"])
        .args([
            "--domain",
            "ep.example.com",
            "--upstream",
            "http://10.9.9.9",
        ])
        .args(["--entrypoint", "web"])
        .as_key(&bob)
        .ok();
    r.run([
        "--org",
        "beta",
        "app",
        "update",
        "epx",
        "--entrypoint",
        "websecure",
    ])
    .as_key(&bob)
    .code(5);
}

/// A name whose middleware routers authgate did not write already
/// reference decides who those routers let in: only an installation owner
/// takes it.
#[test]
fn a_name_foreign_routers_already_reference_is_the_installations() {
    let (r, bob) = alice_portal_and_bob(false);
    std::fs::write(
        r.traefik_dir().join("ghost.router.yml"),
        "http:\n  routers:\n    ghost-router:\n      rule: \"Host(`ghost.example.com`)\"\n      service: noop@internal\n      middlewares: [ghost-auth@file]\n",
    )
    .unwrap();
    r.run(["--org", "beta", "app", "add", "--app-name", "ghost"])
        .as_key(&bob)
        .code(5)
        .stderr_has("routers authgate did not write already reference its middleware 'ghost-auth' (ghost-router)");
    r.run(["--org", "beta", "app", "add", "--app-name", "other"])
        .as_key(&bob)
        .ok();
    r.run([
        "--org",
        "beta",
        "app",
        "update",
        "other",
        "--app-name",
        "ghost",
    ])
    .as_key(&bob)
    .code(5);
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "ghost",
        "--host",
        "ghost.example.com",
    ]);
}
