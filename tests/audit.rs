//! `authgate audit`: the audit trail that operations leave, who may read which
//! part of it, its filters, pruning, and failed-login reports from Traefik's
//! JSON access log. Driven through the real binary.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write as _;

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use crate::common::*;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// The events an `audit ...` command lists, all of them (`--limit 0`).
#[track_caller]
fn events(audit: Run<'_>) -> Vec<Value> {
    let v = audit.args(["--limit", "0"]).json_output().ok().json();
    v.as_array().expect("a JSON array").clone()
}

fn str_of<'a>(v: &'a Value, field: &str) -> &'a str {
    v[field].as_str().unwrap_or("")
}

/// An event as (action, outcome, actor, application, username). The
/// application is named through `apps` (id → app name) when the event
/// carries an application id, else it is the application the caller named.
fn summary(v: &Value, apps: &HashMap<String, String>) -> (String, String, String, String, String) {
    let app = match v["applicationId"].as_str() {
        Some(id) => apps.get(id).cloned().unwrap_or_else(|| id.to_string()),
        None if str_of(v, "targetType") == "application" => str_of(v, "target").to_string(),
        None => String::new(),
    };
    (
        str_of(v, "action").to_string(),
        str_of(v, "outcome").to_string(),
        str_of(v, "actorName").to_string(),
        app,
        str_of(v, "username").to_string(),
    )
}

fn expected(
    rows: &[(&str, &str, &str, &str, &str)],
) -> Vec<(String, String, String, String, String)> {
    rows.iter()
        .map(|(a, o, u, app, n)| {
            (
                a.to_string(),
                o.to_string(),
                u.to_string(),
                app.to_string(),
                n.to_string(),
            )
        })
        .collect()
}

fn app_id(r: &Registry, app: &str) -> String {
    r.json(&["app", "show", app])["applicationId"]
        .as_str()
        .expect("applicationId")
        .to_string()
}

fn org_id(r: &Registry, name: &str) -> String {
    r.sql()
        .query_row(
            "SELECT org_id FROM organizations WHERE name = ?1",
            [name],
            |row| row.get(0),
        )
        .expect("org")
}

/// Creates org beta with carol as its owner; returns carol's key.
fn beta_with_carol(r: &Registry) -> String {
    r.ok(&["org", "create", "beta"]);
    r.json(&[
        "--org", "beta", "user", "create", "carol", "--role", "owner",
    ])["apiKey"]
        .as_str()
        .expect("apiKey")
        .to_string()
}

// ---------------------------------------------------------------------------
// What operations record
// ---------------------------------------------------------------------------

#[test]
fn a_scripted_session_leaves_exactly_the_expected_trail() {
    let r = Registry::with_app();
    r.ok(&["app", "add", "--app-name", "blog"]);
    let mut apps = HashMap::new();
    let shop = app_id(&r, "shop");
    apps.insert(shop.clone(), "shop".to_string());
    apps.insert(app_id(&r, "blog"), "blog".to_string());

    let first_password = "first password 1";
    let second_password = "second password 2";
    r.add_credential("shop", "admin", first_password);
    r.run(["update", "--app", "shop", "--username", "admin"])
        .arg("--password-stdin")
        .stdin(second_password)
        .ok();
    r.ok(&[
        "update",
        "--app",
        "shop",
        "--username",
        "admin",
        "--new-username",
        "root",
    ]);
    let htpasswd = r.ok(&["export", "--app", "shop"]);
    let hash = htpasswd
        .trim()
        .split_once(':')
        .expect("user:hash")
        .1
        .to_string();
    let file = r.dir.path().join("import.htpasswd");
    std::fs::write(&file, &htpasswd).unwrap();
    r.ok(&["import", "--app", "blog", file.to_str().unwrap()]);
    r.ok(&["delete", "--app", "blog", "--username", "root"]);
    let bob = r.add_user("bob", "member");
    r.ok(&["app", "grant", "shop", "--user", "bob"]);
    r.ok(&["member", "set-role", "bob", "viewer"]);
    // A viewer may not write: denied, and recorded with what bob tried.
    r.run(["delete", "--app", "shop", "--username", "root"])
        .as_key(&bob)
        .code(4);

    // Another organization, whose owner tries acme's credential.
    let carol = beta_with_carol(&r);
    r.run(["show", "--app", "shop", "--username", "root"])
        .as_key(&carol)
        .code(3);

    let key = r.json(&["apikey", "create", "--name", "ci"]);
    let ci_key = key["apiKey"].as_str().unwrap().to_string();
    r.ok(&["apikey", "revoke", key["keyId"].as_str().unwrap()]);
    r.ok(&["app", "update", "shop", "--name", "The Shop"]);
    r.ok(&["app", "remove", "shop"]);

    // alice's view of acme, oldest first.
    let mut acme = events(r.run(["audit"]));
    acme.reverse();
    let got: Vec<_> = acme.iter().map(|v| summary(v, &apps)).collect();
    assert_eq!(
        got,
        expected(&[
            ("init", "ok", "alice", "", ""),
            ("apikey.create", "ok", "alice", "", ""),
            ("app.add", "ok", "alice", "shop", ""),
            ("app.add", "ok", "alice", "blog", ""),
            ("security.create", "ok", "alice", "shop", "admin"),
            ("security.update", "ok", "alice", "shop", "admin"),
            ("security.update", "ok", "alice", "shop", "root"),
            ("security.export", "ok", "alice", "shop", ""),
            ("security.create", "ok", "alice", "blog", "root"),
            ("security.import", "ok", "alice", "blog", ""),
            ("security.delete", "ok", "alice", "blog", "root"),
            ("user.create", "ok", "alice", "", ""),
            ("apikey.create", "ok", "alice", "", ""),
            ("app.grant", "ok", "alice", "shop", ""),
            ("member.set_role", "ok", "alice", "", ""),
            ("security.delete", "denied", "bob", "shop", "root"),
            ("apikey.create", "ok", "alice", "", ""),
            ("apikey.revoke", "ok", "alice", "", ""),
            ("app.update", "ok", "alice", "shop", ""),
            ("security.delete", "ok", "alice", "shop", "root"),
            ("app.remove", "ok", "alice", "shop", ""),
        ])
    );
    // Details say what changed, never how.
    let detail = |i: usize| str_of(&acme[i], "detail").to_string();
    assert_eq!(detail(5), "password changed");
    assert_eq!(detail(6), "username changed from 'admin' to 'root'");
    assert!(detail(9).contains("1 added"), "{}", detail(9));
    assert!(detail(11).contains("bob"), "{}", detail(11));
    assert!(detail(14).contains("member to viewer"), "{}", detail(14));
    assert!(detail(19).contains("cascaded"), "{}", detail(19));
    assert!(
        detail(20).contains("1 credential(s) removed"),
        "{}",
        detail(20)
    );
    // Every event is acme's, newest first in the raw output.
    let acme_id = org_id(&r, "acme");
    assert!(acme.iter().all(|v| str_of(v, "orgId") == acme_id));
    // carol's denied attempt is not in acme's log...
    assert!(!acme.iter().any(|v| str_of(v, "actorName") == "carol"));

    // ...but in hers: it is recorded in the organization of the actor.
    let beta = events(r.run(["audit"]).as_key(&carol));
    let got: Vec<_> = beta.iter().rev().map(|v| summary(v, &apps)).collect();
    assert_eq!(
        got,
        expected(&[
            ("org.create", "ok", "alice", "", ""),
            ("user.create", "ok", "alice", "", ""),
            ("apikey.create", "ok", "alice", "", ""),
            ("security.show", "denied", "carol", "shop", "root"),
        ])
    );
    let beta_id = org_id(&r, "beta");
    assert!(beta.iter().all(|v| str_of(v, "orgId") == beta_id));
    // alice sees the same through --org, and nothing else exists.
    assert_eq!(events(r.run(["audit", "--org", "beta"])), beta);
    assert_eq!(
        r.count("SELECT COUNT(*) FROM audit_log") as usize,
        acme.len() + beta.len()
    );

    // The removed application's history stays reachable by its id.
    let history = events(r.run(["audit", "--app", &shop]));
    assert!(history.iter().any(|v| str_of(v, "action") == "app.remove"));
    assert!(
        history
            .iter()
            .all(|v| str_of(v, "applicationId") == shop || str_of(v, "target") == "shop")
    );
    r.run(["audit", "--app", "never-was"]).code(3);

    // No secret anywhere in the log.
    let all: String = {
        let conn = r.sql();
        let mut stmt = conn
            .prepare("SELECT COALESCE(target,'') || COALESCE(username,'') || COALESCE(detail,'') FROM audit_log")
            .unwrap();
        stmt.query_map([], |row| row.get::<_, String>(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    for secret in [
        first_password,
        second_password,
        &hash,
        &bob,
        &carol,
        &ci_key,
    ] {
        assert!(
            !all.contains(secret),
            "the audit log holds a secret: {secret}"
        );
    }
    let key_secret = |k: &str| k.rsplit('_').next().unwrap().to_string();
    for k in [&bob, &carol, &ci_key, &r.owner_key()] {
        assert!(!all.contains(&key_secret(k)));
    }
}

#[test]
fn members_and_viewers_see_only_their_granted_applications() {
    let r = Registry::with_app();
    r.ok(&["app", "add", "--app-name", "blog"]);
    let shop = app_id(&r, "shop");
    let blog = app_id(&r, "blog");
    let bob = r.add_user("bob", "member");
    let vic = r.add_user("vic", "viewer");
    let dan = r.add_user("dan", "admin");
    r.ok(&["app", "grant", "shop", "--user", "bob"]);
    r.ok(&["app", "grant", "blog", "--user", "vic"]);
    r.add_credential("shop", "admin", "shop password 1");
    r.add_credential("blog", "admin", "blog password 1");
    // bob writes on shop himself, and is denied on blog.
    r.run(["create", "--app", "shop", "--username", "bob"])
        .arg("--password-stdin")
        .stdin("bob's password 1")
        .as_key(&bob)
        .ok();
    r.run(["delete", "--app", "blog", "--username", "admin"])
        .as_key(&bob)
        .code(4);

    let everything = events(r.run(["audit"]));
    let ids = |list: &[Value]| -> BTreeSet<i64> {
        list.iter().map(|v| v["id"].as_i64().unwrap()).collect()
    };
    let on = |app: &str| -> BTreeSet<i64> {
        everything
            .iter()
            .filter(|v| str_of(v, "applicationId") == app)
            .map(|v| v["id"].as_i64().unwrap())
            .collect()
    };

    let bobs = events(r.run(["audit"]).as_key(&bob));
    assert_eq!(ids(&bobs), on(&shop));
    assert!(bobs.len() >= 4, "app.add, grant, two creates: {bobs:?}");
    let vics = events(r.run(["audit"]).as_key(&vic));
    assert_eq!(ids(&vics), on(&blog));
    // Admins see the whole organization, like owners.
    assert_eq!(events(r.run(["audit"]).as_key(&dan)), everything);
    assert_eq!(
        everything.len() as i64,
        r.count("SELECT COUNT(*) FROM audit_log")
    );
    // A member's --app must name an application they may read.
    assert_eq!(
        ids(&events(r.run(["audit", "--app", "shop"]).as_key(&bob))),
        on(&shop)
    );
    r.run(["audit", "--app", "blog"]).as_key(&bob).code(4);
    r.run(["audit", "--app", "nope"]).as_key(&bob).code(3);
}

// ---------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------

#[test]
fn filters_select_by_action_outcome_user_time_and_count() {
    let r = Registry::with_app();
    let bob = r.add_user("bob", "member");
    r.add_credential("shop", "a", "password of a 1");
    r.add_credential("shop", "b", "password of b 1");
    r.run(["update", "--app", "shop", "--username", "a"])
        .arg("--password-stdin")
        .stdin("password of a 2")
        .ok();
    r.ok(&["delete", "--app", "shop", "--username", "b"]);
    r.run(["delete", "--app", "shop", "--username", "a"])
        .as_key(&bob)
        .code(4);
    // init, apikey.create and app.add happened two days ago.
    let old = (Utc::now() - Duration::days(2)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    r.sql()
        .execute(
            "UPDATE audit_log SET at = ?1 WHERE action IN ('init', 'app.add') OR id = 2",
            [&old],
        )
        .unwrap();

    let all = events(r.run(["audit"]));
    assert_eq!(all.len(), 10);
    let actions = |list: &[Value]| -> Vec<String> {
        list.iter()
            .map(|v| str_of(v, "action").to_string())
            .collect()
    };

    let updates = events(r.run(["audit", "--action", "security.update"]));
    assert_eq!(actions(&updates), ["security.update"]);
    assert_eq!(str_of(&updates[0], "username"), "a");

    let denied = events(r.run(["audit", "--outcome", "denied"]));
    assert_eq!(actions(&denied), ["security.delete"]);
    assert_eq!(str_of(&denied[0], "actorName"), "bob");
    assert_eq!(events(r.run(["audit", "--user", "bob"])), denied);
    assert_eq!(
        events(r.run(["audit", "--outcome", "ok"])).len(),
        all.len() - 1
    );

    let recent = events(r.run(["audit", "--since", "24h"]));
    assert_eq!(
        actions(&recent),
        [
            "security.delete",
            "security.delete",
            "security.update",
            "security.create",
            "security.create",
            "apikey.create",
            "user.create",
        ]
    );
    assert_eq!(events(r.run(["audit", "--since", "3d"])), all);
    let older = events(r.run(["audit", "--until", "1d"]));
    assert_eq!(actions(&older), ["app.add", "apikey.create", "init"]);
    let since = &str_of(&all[2], "at").to_string();
    assert_eq!(
        events(r.run(["audit", "--since", since])),
        all[..3].to_vec()
    );
    assert_eq!(
        events(
            r.run(["audit", "--action", "security.create"])
                .args(["--user", "alice", "--since", "1h"])
        )
        .len(),
        2
    );

    // --limit keeps the newest; the default is 100.
    let two = r.json(&["audit", "--limit", "2"]);
    assert_eq!(two.as_array().unwrap(), &all[..2].to_vec());
    let default = r.json(&["audit"]);
    assert_eq!(default.as_array().unwrap(), &all);

    // The table shows the same events.
    let table = r.ok(&["audit", "--action", "security.update"]);
    assert!(table.contains("security.update") && table.contains("password changed"));

    for bad in [
        &["--since", "yesterday"][..],
        &["--outcome", "maybe"],
        &["--limit", "-1"],
    ] {
        r.run(["audit"]).args(bad).code(2);
    }
}

// ---------------------------------------------------------------------------
// Pruning
// ---------------------------------------------------------------------------

#[test]
fn prune_is_for_owners_spares_other_organizations_and_is_audited() {
    let r = Registry::with_app();
    let dan = r.add_user("dan", "admin");
    let carol = beta_with_carol(&r);
    r.run(["app", "add", "--app-name", "rival"])
        .as_key(&carol)
        .ok();
    // Everything so far is two years old.
    r.sql()
        .execute("UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z'", [])
        .unwrap();
    r.add_credential("shop", "admin", "a fresh password");
    let acme = org_id(&r, "acme");
    let beta = org_id(&r, "beta");
    let old_in = |org: &str| {
        r.sql()
            .query_row(
                "SELECT COUNT(*) FROM audit_log WHERE org_id = ?1 AND at < '2021-01-01'",
                [org],
                |row| row.get::<_, i64>(0),
            )
            .unwrap()
    };
    let (old_acme, old_beta) = (old_in(&acme), old_in(&beta));
    assert_eq!((old_acme, old_beta), (5, 4));

    // Owners only: an admin is refused (exit 4), dry run or not, and the
    // real run's refusal is audited (a dry run writes nothing, not even
    // that).
    for args in [
        &["audit", "prune", "--older-than", "365d"][..],
        &["audit", "prune", "--older-than", "365d", "--dry-run"],
    ] {
        r.run(args).as_key(&dan).code(4);
    }
    let refusals = events(r.run(["audit", "--action", "audit.prune"]));
    assert_eq!(refusals.len(), 1);
    assert!(
        refusals
            .iter()
            .all(|v| str_of(v, "outcome") == "denied" && str_of(v, "actorName") == "dan")
    );
    assert_eq!(old_in(&acme), old_acme);

    // A dry run counts and changes nothing.
    let total = r.count("SELECT COUNT(*) FROM audit_log");
    let dry = r.json(&["audit", "prune", "--older-than", "365d", "--dry-run"]);
    assert_eq!(dry["events"], json!(old_acme));
    assert_eq!(dry["dryRun"], json!(true));
    assert_eq!(r.count("SELECT COUNT(*) FROM audit_log"), total);
    r.run(["audit", "prune", "--older-than", "365d", "--dry-run"])
        .exec()
        .stderr_has(&format!("{old_acme} event(s)"));

    // The real run deletes acme's old events only, and records itself.
    let done = r.json(&["audit", "prune", "--older-than", "365d"]);
    assert_eq!(done["events"], json!(old_acme));
    assert_eq!(old_in(&acme), 0);
    assert_eq!(old_in(&beta), old_beta);
    assert_eq!(
        r.count("SELECT COUNT(*) FROM audit_log"),
        total - old_acme + 1
    );
    let left = events(r.run(["audit"]));
    let actions: Vec<&str> = left.iter().map(|v| str_of(v, "action")).collect();
    assert_eq!(actions, ["audit.prune", "audit.prune", "security.create"]);
    assert_eq!(str_of(&left[0], "outcome"), "ok");
    assert_eq!(str_of(&left[0], "actorName"), "alice");
    assert!(
        str_of(&left[0], "detail").starts_with(&format!("{old_acme} event(s) before ")),
        "{}",
        str_of(&left[0], "detail")
    );
    // Again: nothing more to delete, beta's owner prunes beta only.
    assert_eq!(
        r.json(&["audit", "prune", "--older-than", "365d"])["events"],
        json!(0)
    );
    let beta_prune = r
        .run(["audit", "prune", "--older-than", "365d"])
        .as_key(&carol)
        .json_output()
        .ok()
        .json();
    assert_eq!(beta_prune["events"], json!(old_beta));
    assert_eq!(old_in(&beta), 0);
}

// ---------------------------------------------------------------------------
// Failed logins from Traefik's access log
// ---------------------------------------------------------------------------

/// One generated log line and what it means.
struct Line {
    text: String,
    /// The acme application it belongs to, or None (other router, malformed).
    app: Option<&'static str>,
    malformed: bool,
    status: u16,
    client: String,
    username: String,
    start: DateTime<Utc>,
}

/// A small deterministic generator (no dependency on a random crate).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// Lines shaped as Traefik writes them: requests on acme's shop and blog
/// (authgate's routers and the routers they declare), on beta's
/// `shop-admin` (whose name starts like shop's), on Traefik's own routers,
/// and malformed lines.
fn generate(n: usize) -> Vec<Line> {
    const ROUTERS: [(&str, Option<&str>); 8] = [
        ("shop@file", Some("shop")),
        ("shop-secure@docker", Some("shop")),
        ("blog@file", Some("blog")),
        ("blog-web@docker", Some("blog")),
        ("shop-admin@file", None),
        ("shop-admin-secure@docker", None),
        ("dashboard@internal", None),
        ("", None),
    ];
    const STATUSES: [u16; 8] = [200, 200, 401, 401, 401, 302, 404, 500];
    const USERS: [&str; 8] = [
        "admin", "root", "test", "guest", "ops", "deploy", "", "info",
    ];
    let mut rng = Lcg(42);
    let base = DateTime::parse_from_rfc3339("2025-03-01T00:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    (0..n)
        .map(|i| {
            let start = base + Duration::seconds(i as i64 * 37) + Duration::microseconds(123_456);
            if i % 97 == 13 {
                let text = match i % 4 {
                    0 => "this is not JSON".to_string(),
                    1 => r#"{"DownstreamStatus":401,"RouterName":"shop@file","#.to_string(),
                    2 => r#"{"RouterName":"shop@file","StartUTC":"2025-03-01T00:00:00Z"}"#
                        .to_string(),
                    _ => "[401]".to_string(),
                };
                return Line {
                    text,
                    app: None,
                    malformed: true,
                    status: 0,
                    client: String::new(),
                    username: String::new(),
                    start,
                };
            }
            let (router, app) = ROUTERS[rng.next(ROUTERS.len())];
            let status = STATUSES[rng.next(STATUSES.len())];
            let other_org = router.starts_with("shop-admin");
            // beta's visitors use names and addresses that must never show
            // up in acme's report.
            let (client, username) = if other_org {
                (
                    format!("198.51.100.{}", rng.next(200)),
                    format!("betauser{}", rng.next(50)),
                )
            } else {
                (
                    format!("203.0.113.{}", rng.next(40)),
                    USERS[rng.next(USERS.len())].to_string(),
                )
            };
            let host = if rng.next(4) == 0 {
                format!("{client}, 10.0.0.1")
            } else {
                client.clone()
            };
            let mut v = json!({
                "ClientAddr": format!("{client}:{}", 40000 + i),
                "ClientHost": host,
                "ClientPort": format!("{}", 40000 + i),
                "DownstreamContentSize": 17,
                "DownstreamStatus": status,
                "Duration": 1234567,
                "OriginContentSize": 0,
                "OriginDuration": 0,
                "OriginStatus": 0,
                "Overhead": 1234567,
                "RequestAddr": "shop.example.com",
                "RequestContentSize": 0,
                "RequestCount": i,
                "RequestHost": "shop.example.com",
                "RequestMethod": "GET",
                "RequestPath": "/login?next=%2F",
                "RequestPort": "-",
                "RequestProtocol": "HTTP/1.1",
                "RequestScheme": "https",
                "RetryAttempts": 0,
                "StartLocal": start.to_rfc3339(),
                "StartUTC": start.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
                "entryPointName": "websecure",
                "level": "info",
                "msg": "",
                "time": start.to_rfc3339(),
            });
            if !router.is_empty() {
                v["RouterName"] = router.into();
                v["ServiceName"] = format!("{}-svc@file", router.split('@').next().unwrap()).into();
            }
            if !username.is_empty() {
                v["ClientUsername"] = username.clone().into();
            }
            Line {
                text: v.to_string(),
                app,
                malformed: false,
                status,
                client,
                username: if username.is_empty() {
                    "-".into()
                } else {
                    username
                },
                start,
            }
        })
        .collect()
}

#[derive(Debug, Default)]
struct Expected {
    lines: u64,
    malformed: u64,
    other: u64,
    outside: u64,
    /// app → (requests, attempts, clients, usernames, first, last)
    apps: BTreeMap<String, AppExpect>,
}

#[derive(Debug, Default)]
struct AppExpect {
    requests: u64,
    attempts: u64,
    /// 401s without a username: a browser's challenge, not a failed login.
    challenges: u64,
    clients: BTreeMap<String, u64>,
    usernames: BTreeMap<String, u64>,
    first: Option<DateTime<Utc>>,
    last: Option<DateTime<Utc>>,
}

fn expect(lines: &[Line], visible: &[&str], since: Option<DateTime<Utc>>) -> Expected {
    let mut e = Expected::default();
    for l in lines {
        e.lines += 1;
        if l.malformed {
            e.malformed += 1;
            continue;
        }
        let Some(app) = l.app.filter(|a| visible.contains(a)) else {
            e.other += 1;
            continue;
        };
        if since.is_some_and(|s| l.start < s) {
            e.outside += 1;
            continue;
        }
        let a = e.apps.entry(app.to_string()).or_default();
        a.requests += 1;
        if l.status == 401 && l.username == "-" {
            a.challenges += 1;
        } else if l.status == 401 {
            a.attempts += 1;
            *a.clients.entry(l.client.clone()).or_default() += 1;
            *a.usernames.entry(l.username.clone()).or_default() += 1;
            a.first = Some(a.first.map_or(l.start, |t| t.min(l.start)));
            a.last = Some(a.last.map_or(l.start, |t| t.max(l.start)));
        }
    }
    e
}

/// Sorted by count, highest first, then by value; the first `n`.
fn top(counts: impl IntoIterator<Item = (String, u64)>, n: usize) -> Vec<(String, u64)> {
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(n);
    v
}

fn ms(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn pairs(v: &Value, key: &str) -> Vec<(String, u64)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| (str_of(x, key).to_string(), x["attempts"].as_u64().unwrap()))
        .collect()
}

fn check_report(report: &Value, e: &Expected) {
    assert_eq!(report["lines"], json!(e.lines), "lines");
    assert_eq!(report["malformed"], json!(e.malformed), "malformed");
    assert_eq!(report["other"], json!(e.other), "other");
    assert_eq!(report["outsideWindow"], json!(e.outside), "outsideWindow");
    let apps = report["applications"].as_array().unwrap();
    let names: BTreeSet<&str> = apps.iter().map(|a| str_of(a, "appName")).collect();
    assert_eq!(names, e.apps.keys().map(String::as_str).collect());
    let mut all_clients: HashMap<String, u64> = HashMap::new();
    let mut all_users: HashMap<String, u64> = HashMap::new();
    for a in apps {
        let name = str_of(a, "appName");
        let x = &e.apps[name];
        assert_eq!(a["requests"], json!(x.requests), "{name} requests");
        assert_eq!(a["attempts"], json!(x.attempts), "{name} attempts");
        assert_eq!(a["challenges"], json!(x.challenges), "{name} challenges");
        assert_eq!(
            a["distinctClients"],
            json!(x.clients.len()),
            "{name} clients"
        );
        assert_eq!(
            a["distinctUsernames"],
            json!(x.usernames.len()),
            "{name} usernames"
        );
        assert_eq!(a["clientsTruncated"], json!(false));
        assert_eq!(
            pairs(&a["usernames"], "username"),
            top(x.usernames.clone(), usize::MAX),
            "{name} usernames"
        );
        assert_eq!(
            pairs(&a["topClients"], "client"),
            top(x.clients.clone(), 10),
            "{name} top clients"
        );
        assert_eq!(a["first"], json!(x.first.map(ms)), "{name} first");
        assert_eq!(a["last"], json!(x.last.map(ms)), "{name} last");
        for (k, n) in &x.clients {
            *all_clients.entry(k.clone()).or_default() += n;
        }
        for (k, n) in &x.usernames {
            *all_users.entry(k.clone()).or_default() += n;
        }
    }
    assert_eq!(pairs(&report["topClients"], "client"), top(all_clients, 10));
    assert_eq!(
        pairs(&report["topUsernames"], "username"),
        top(all_users, 10)
    );
    let attempts: u64 = e.apps.values().map(|a| a.attempts).sum();
    assert_eq!(report["attempts"], json!(attempts));
}

/// Never anything of beta's: its application, its visitors' names and
/// addresses.
fn assert_nothing_of_beta(text: &str) {
    for leak in ["shop-admin", "betauser", "198.51.100."] {
        assert!(!text.contains(leak), "the report mentions {leak}:\n{text}");
    }
}

#[test]
fn failed_logins_are_reported_per_application_from_plain_gzip_and_stdin_logs() {
    let r = Registry::with_app();
    r.ok(&["app", "update", "shop", "--router", "shop-secure@docker"]);
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "blog",
        "--router",
        "blog-web@docker",
    ]);
    let carol = beta_with_carol(&r);
    r.run(["app", "add", "--app-name", "shop-admin"])
        .args(["--router", "shop-admin-secure@docker"])
        .as_key(&carol)
        .ok();
    let bob = r.add_user("bob", "member");
    r.ok(&["app", "grant", "blog", "--user", "bob"]);

    let lines = generate(3000);
    let text = |part: &[Line]| -> String { part.iter().map(|l| l.text.clone() + "\n").collect() };
    let dir = r.dir.path();
    let plain = dir.join("access.log");
    std::fs::write(&plain, text(&lines[..1200])).unwrap();
    let gz = dir.join("access.log.1.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::default(),
    );
    enc.write_all(text(&lines[1200..2400]).as_bytes()).unwrap();
    enc.finish().unwrap();
    let piped = text(&lines[2400..]);
    let (plain, gz) = (plain.to_str().unwrap(), gz.to_str().unwrap());

    // The three logs, the last one on stdin; in JSON, parsed and raw.
    let failures = || {
        r.run(["audit", "failures", "--access-log", plain, gz, "-"])
            .stdin(piped.as_str())
    };
    let json_report = |run: Run<'_>| -> (Value, String) {
        let out = run.json_output().ok();
        (out.json(), out.stdout().to_string())
    };

    // The owner: shop and blog; beta's routers are "other".
    let (report, raw) = json_report(failures());
    let e = expect(&lines, &["shop", "blog"], None);
    assert!(
        e.apps["shop"].attempts > 200 && e.apps["blog"].attempts > 200,
        "{e:?}"
    );
    assert!(e.malformed >= 30 && e.other >= 1000);
    check_report(&report, &e);
    assert_nothing_of_beta(&raw);
    assert_eq!(report["lines"], json!(3000));

    // The table says the same, and nothing of beta's either.
    let out = failures()
        .ok()
        .stdout_has("shop")
        .stdout_has("blog")
        .stdout_has("203.0.113.")
        .stderr_has(&format!("{} malformed", e.malformed));
    assert_nothing_of_beta(out.stdout());
    assert_nothing_of_beta(out.stderr());

    // --since and --app narrow it.
    let since = lines[1500].start;
    let (report, _) = json_report(failures().args(["--since", &ms(since)]));
    check_report(&report, &expect(&lines, &["shop", "blog"], Some(since)));
    let (report, raw) = json_report(failures().args(["--app", "blog"]));
    check_report(&report, &expect(&lines, &["blog"], None));
    assert!(!raw.contains("shop"));

    // A member granted blog: shop is someone else's now.
    let (report, raw) = json_report(failures().as_key(&bob));
    check_report(&report, &expect(&lines, &["blog"], None));
    assert!(!raw.contains("shop"));
    r.run(["audit", "failures", "--access-log", plain, "--app", "shop"])
        .as_key(&bob)
        .code(4);

    // beta's owner sees beta's application, and nothing of acme's.
    let (report, raw) = json_report(failures().as_key(&carol));
    let apps = report["applications"].as_array().unwrap();
    assert_eq!(apps.len(), 1);
    assert_eq!(str_of(&apps[0], "appName"), "shop-admin");
    assert!(!raw.contains("203.0.113.") && !raw.contains("\"blog\""));

    // Reading logs changes nothing in the registry.
    let before = r.count("SELECT COUNT(*) FROM audit_log");
    json_report(failures());
    assert_eq!(r.count("SELECT COUNT(*) FROM audit_log"), before);

    // A missing file is an error naming it.
    r.run([
        "audit",
        "failures",
        "--access-log",
        "/nonexistent/access.log",
    ])
    .code(1)
    .stderr_has("/nonexistent/access.log");
}
