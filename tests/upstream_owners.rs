//! Upstreams have an owner: an upstream address and port that one
//! organization's application uses is refused to every other organization,
//! however it is spelled, and organizations other than the installation's
//! may not route to this machine or to link-local addresses unless an
//! installation owner allows a network for them.
//!
//! alice owns the installation organization `acme`, with `portal` on
//! alice's loopback backend 127.0.0.1:19001; bob, a viewer in acme, made his
//! own organization `beta`.

use crate::common::*;

const TAKEN: &str = "which an application of another organization uses";
const REFUSED: &str = "only the installation organization may route there";

/// alice's registry with `portal`, and bob's key (owner of `beta`).
fn world() -> (Registry, String) {
    let r = Registry::new();
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "portal",
        "--domain",
        "portal.example.com",
        "--upstream",
        "http://127.0.0.1:19001",
    ]);
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "wiki",
        "--domain",
        "wiki.example.com",
        "--upstream",
        "http://10.0.0.5:3000",
        "--upstream",
        "http://10.0.0.6",
    ]);
    let bob = r.add_user("bob", "viewer");
    r.run(["org", "create", "beta"]).as_key(&bob).ok();
    (r, bob)
}

/// `app add` as bob in beta, with one upstream.
fn bob_adds<'a>(r: &'a Registry, bob: &str, app: &str, upstream: &str) -> Run<'a> {
    let domain = format!("{app}.beta.example.com");
    r.run([
        "--org",
        "beta",
        "app",
        "add",
        "--app-name",
        app,
        "--domain",
        &domain,
        "--upstream",
        upstream,
    ])
    .as_key(bob)
}

fn denials_in_beta(r: &Registry) -> i64 {
    r.count(
        "SELECT count(*) FROM audit_log a JOIN organizations o ON o.org_id = a.org_id
         WHERE o.name = 'beta' AND a.outcome = 'denied' AND a.action IN ('app.add', 'app.update')",
    )
}

#[test]
fn another_organization_cannot_take_an_upstream_by_any_spelling() {
    let (r, bob) = world();
    // Loopback allowed to beta, so that ownership alone refuses.
    r.ok(&["org", "allow-upstream", "beta", "127.0.0.0/8"]);
    r.ok(&["org", "allow-upstream", "beta", "::1"]);
    r.ok(&["org", "allow-upstream", "beta", "0.0.0.0"]);
    let spellings = [
        "http://127.0.0.1:19001",
        "https://127.0.0.1:19001",
        "http://127.0.0.2:19001",
        "http://localhost:19001",
        "http://LOCALHOST.:19001",
        "http://[::1]:19001",
        "http://[::ffff:7f00:1]:19001",
        "http://0.0.0.0:19001",
        "https://10.0.0.5:3000",
        "http://[::ffff:a00:5]:3000",
        "http://10.0.0.5:3000/other/path",
        "http://10.0.0.6:80",
        "https://10.0.0.6:80",
    ];
    let mut messages = std::collections::BTreeSet::new();
    for (i, spelling) in spellings.iter().enumerate() {
        let ran = bob_adds(&r, &bob, &format!("evil{i}"), spelling)
            .code(5)
            .stderr_has(TAKEN)
            .stderr_lacks("portal")
            .stderr_lacks("wiki")
            .stderr_lacks("acme");
        // The same message whoever holds it, once the upstream is left out.
        messages.insert(ran.stderr().split(" reaches ").nth(1).map(|rest| {
            rest.split_once(',')
                .map(|(_, tail)| tail.to_string())
                .unwrap_or_default()
        }));
    }
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert_eq!(
        r.count("SELECT count(*) FROM applications WHERE app_name LIKE 'evil%'"),
        0
    );
    assert_eq!(denials_in_beta(&r), spellings.len() as i64);
    // A port of alice's host that she does not use is free; https on her
    // http port 80 is not.
    bob_adds(&r, &bob, "other", "http://10.0.0.6:8080").ok();
    r.run([
        "--org",
        "beta",
        "app",
        "update",
        "other",
        "--upstream",
        "https://10.0.0.6:80",
    ])
    .as_key(&bob)
    .code(5)
    .stderr_has(TAKEN);
    // And the installation organization cannot take beta's either.
    r.run([
        "app",
        "add",
        "--app-name",
        "back",
        "--domain",
        "back.example.com",
        "--upstream",
        "https://10.0.0.6:8080",
    ])
    .code(5)
    .stderr_has(TAKEN)
    .stderr_lacks("'other'");
}

#[test]
fn other_organizations_cannot_reach_loopback_or_link_local() {
    let (r, bob) = world();
    for (i, upstream) in [
        "http://127.0.0.1:19500",
        "http://127.8.9.10:19500",
        "http://localhost:19500",
        "http://app.localhost:19500",
        "http://[::1]:19500",
        "http://0.0.0.0:19500",
        "http://[::]:19500",
        "http://169.254.169.254",
        "http://[::ffff:a9fe:a9fe]",
        "http://[fe80::1]:8080",
    ]
    .iter()
    .enumerate()
    {
        bob_adds(&r, &bob, &format!("evil{i}"), upstream)
            .code(5)
            .stderr_has(REFUSED)
            .stderr_has("unless an installation owner allows a network");
    }
    assert_eq!(
        r.count("SELECT count(*) FROM applications WHERE app_name LIKE 'evil%'"),
        0
    );
    assert_eq!(denials_in_beta(&r), 10);
    // The installation organization itself routes to loopback.
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "local",
        "--domain",
        "local.example.com",
        "--upstream",
        "http://localhost:19002",
    ]);
}

#[test]
fn an_allowed_network_opens_loopback_ports_nobody_else_uses() {
    let (r, bob) = world();
    // Only installation owners allow networks.
    r.run([
        "--org",
        "beta",
        "org",
        "allow-upstream",
        "beta",
        "127.0.0.0/8",
    ])
    .as_key(&bob)
    .code(4);
    r.run(["org", "allow-upstream", "beta", "127.0.0.1/8"])
        .code(2)
        .stderr_has("host bits set");
    r.run(["org", "allow-upstream", "gamma", "127.0.0.0/8"])
        .code(3);
    r.run(["org", "allow-upstream", "beta", "10.0.0.0/8"])
        .code(2)
        .stderr_has("10.0.0.0/8 holds no loopback, unspecified or link-local address");
    r.run(["org", "allow-upstream", "acme", "127.0.0.0/8"])
        .code(2)
        .stderr_has("'acme' is the installation organization");
    let allowed = r.json(&["org", "allow-upstream", "beta", "127.0.0.0/8"]);
    assert_eq!(allowed["networks"], serde_json::json!(["127.0.0.0/8"]));
    let listed = r.json(&["org", "upstream-networks"]);
    assert_eq!(
        listed,
        serde_json::json!([{"org": "beta", "networks": ["127.0.0.0/8"]}])
    );
    assert_eq!(
        r.count(
            "SELECT count(*) FROM audit_log WHERE action = 'org.allow-upstream' AND outcome = 'ok'"
        ),
        1
    );
    bob_adds(&r, &bob, "mine", "http://127.0.0.1:19500").ok();
    bob_adds(&r, &bob, "theirs", "http://127.0.0.3:19001")
        .code(5)
        .stderr_has(TAKEN);
    // ::1 is not in 127.0.0.0/8, and `localhost` may be either.
    bob_adds(&r, &bob, "six", "http://[::1]:19501")
        .code(5)
        .stderr_has(REFUSED);
    bob_adds(&r, &bob, "named", "http://localhost:19502")
        .code(5)
        .stderr_has(REFUSED);
    // Now alice cannot take bob's port.
    r.run([
        "app",
        "add",
        "--app-name",
        "again",
        "--domain",
        "again.example.com",
        "--upstream",
        "http://localhost:19500",
    ])
    .code(5)
    .stderr_has(TAKEN);
    // Taking the network back leaves bob's application, which check reports.
    r.ok(&["org", "allow-upstream", "beta", "127.0.0.0/8", "--remove"]);
    assert_eq!(r.json(&["org", "upstream-networks"]), serde_json::json!([]));
    let ran = r.run(["check", "-o", "json"]).code(7);
    assert!(
        ran.stdout().contains("\"forbiddenupstream\"")
            && ran.stdout().contains("http://127.0.0.1:19500"),
        "{}",
        ran.stdout()
    );
}

#[test]
fn a_hostname_that_does_not_resolve_is_refused_to_other_organizations() {
    let (r, bob) = world();
    bob_adds(&r, &bob, "nowhere", "http://backend.invalid:8080")
        .code(2)
        .stderr_has("upstream 'http://backend.invalid:8080': its host 'backend.invalid'");
    // The installation organization's hostnames are compared by name only.
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "named",
        "--domain",
        "named.example.com",
        "--upstream",
        "http://backend.invalid:8080",
    ]);
}

#[test]
fn check_reports_a_shared_upstream_and_its_routing_is_frozen_until_resolved() {
    let (r, bob) = world();
    bob_adds(&r, &bob, "evil", "http://10.0.0.9:8080").ok();
    // A registry from before upstreams had an owner; two of evil's upstreams
    // reach the address, which names it once.
    r.sql()
        .execute(
            "UPDATE applications SET upstreams = '[\"https://10.0.0.5:3000\", \"http://10.0.0.9:8080\", \"https://10.0.0.5:3000/\"]' WHERE app_name = 'evil'",
            [],
        )
        .unwrap();
    let ran = r.run(["check", "-o", "json"]).code(7);
    let findings: serde_json::Value = serde_json::from_str(ran.stdout()).unwrap();
    let shared: Vec<&serde_json::Value> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "sharedupstream")
        .collect();
    assert_eq!(shared.len(), 1, "{findings}");
    assert_eq!(
        shared[0]["detail"],
        "10.0.0.5:3000 is the upstream of applications of several organizations (evil, wiki): an upstream address has one organization; change the upstreams of all but one organization's applications"
    );
    // Routing changes of either side are refused until it is resolved.
    r.run(["--org", "beta", "app", "update", "evil", "--realm", "Evil"])
        .as_key(&bob)
        .code(5)
        .stderr_has(TAKEN);
    r.run(["app", "update", "wiki", "--realm", "Wiki"])
        .code(5)
        .stderr_has(TAKEN);
    // Credentials stay manageable.
    let created = r
        .run([
            "--org",
            "beta",
            "create",
            "--app",
            "evil",
            "--username",
            "u",
            "--password-stdin",
            "-o",
            "json",
        ])
        .as_key(&bob)
        .stdin("a long enough password")
        .ok()
        .json();
    let id = created["securityId"].as_str().unwrap().to_string();
    r.run(["--org", "beta", "delete", &id]).as_key(&bob).ok();
    // Moving the upstream resolves it.
    r.run([
        "--org",
        "beta",
        "app",
        "update",
        "evil",
        "--upstream",
        "http://10.0.0.9:8080",
    ])
    .as_key(&bob)
    .ok();
    r.run(["app", "update", "wiki", "--realm", "Wiki"]).ok();
    r.run(["check"]).ok();
}
