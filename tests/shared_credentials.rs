//! Credentials shared by a project or an environment: one reviewer for
//! every application of staging, created, rotated and deleted once, each
//! application's file listing it beside its own users.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::redis_server::RedisServer;
use crate::common::*;

const PASSWORD: &str = "a long enough password";

/// acme with project `shop`: `web`, `api` and `docs` in staging, `bot`
/// (fast authentication) in staging, `live` in production; `blog` in
/// project `media`.
fn staging() -> Registry {
    let r = Registry::new();
    for (app, project, environment, extra) in [
        ("web", "shop", "staging", None),
        ("api", "shop", "staging", None),
        ("docs", "shop", "staging", None),
        ("bot", "shop", "staging", Some("--fast-auth")),
        ("live", "shop", "production", None),
        ("blog", "media", "production", None),
    ] {
        let domain = format!("{app}.example.com");
        let mut args = vec![
            "app",
            "add",
            "--app-name",
            app,
            "--project",
            project,
            "--environment",
            environment,
            "--domain",
            &domain,
            "--upstream",
            "http://10.0.0.5:3000",
        ];
        args.extend(extra);
        r.ok(&args);
    }
    r
}

/// The reviewer of staging, with a known password; returns its record.
fn reviewer(r: &Registry) -> Value {
    r.run([
        "create",
        "--project",
        "shop",
        "--environment",
        "staging",
        "--username",
        "reviewer",
        "--password-stdin",
        "-o",
        "json",
    ])
    .stdin(PASSWORD)
    .ok()
    .json()
}

/// The hash an application's file lists for `username`, if any.
fn hash_of(r: &Registry, app: &str, username: &str) -> Option<String> {
    let prefix = format!("{username}:");
    r.users(app)
        .into_iter()
        .find_map(|u| u.strip_prefix(&prefix).map(str::to_string))
}

fn audit_rows(r: &Registry, action: &str) -> Vec<Value> {
    r.json(&["audit", "--limit", "0"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == action)
        .cloned()
        .collect()
}

#[test]
fn one_reviewer_opens_every_application_of_an_environment_and_no_other() {
    let r = staging();
    let v = reviewer(&r);
    assert_eq!(v["scope"], "project shop, environment staging");
    assert_eq!(v["applications"], serde_json::json!(["api", "docs", "web"]));
    assert_eq!(
        v["notReached"],
        serde_json::json!(["bot: fast authentication takes only its own generated secrets"])
    );
    assert!(v.get("appName").is_none(), "{v}");
    let hash = hash_of(&r, "web", "reviewer").expect("web lists the reviewer");
    assert!(hash.starts_with("$2y$04$"), "{hash}");
    for app in ["api", "docs"] {
        assert_eq!(hash_of(&r, app, "reviewer").as_deref(), Some(hash.as_str()));
    }
    // Not the fast-auth application, not production, not another project.
    for app in ["bot", "live", "blog"] {
        assert_eq!(
            r.yaml(app).map(|_| hash_of(&r, app, "reviewer")),
            Some(None)
        );
    }
    // The hash verifies, through authgate and as Traefik reads it.
    r.run(["verify", "--project", "shop", "--environment", "staging"])
        .args(["--username", "reviewer", "--password-stdin"])
        .stdin(PASSWORD)
        .ok()
        .stderr_has("password matches user 'reviewer' shared by project shop, environment staging");
    r.run([
        "verify",
        v["securityId"].as_str().unwrap(),
        "--password-stdin",
    ])
    .stdin("wrong")
    .code(6);
    // Stored once, as a hash; the files are 0640 and `check` finds no drift.
    assert_eq!(r.count("SELECT count(*) FROM shared_credentials"), 1);
    assert_eq!(
        r.count("SELECT count(*) FROM shared_credentials WHERE password_hash LIKE '$2y$%'"),
        1
    );
    r.ok(&["check"]);
    // Each application says it is protected, by one user.
    let web = r.json(&["app", "show", "web"]);
    assert_eq!(
        (web["state"].as_str(), web["activeUsers"].as_i64()),
        (Some("protected"), Some(1))
    );
    // The audit trail names the scope and the number of applications.
    let created = audit_rows(&r, "security.create");
    assert_eq!(created.len(), 1, "{created:?}");
    assert_eq!(created[0]["username"], "reviewer");
    assert!(
        created[0]["detail"]
            .as_str()
            .unwrap()
            .contains("shared by project shop, environment staging; 3 application(s) published"),
        "{}",
        created[0]
    );
}

#[test]
fn a_project_credential_reaches_every_environment_and_lists_where_it_comes_from() {
    let r = staging();
    r.run(["create", "--project", "shop", "--username", "qa"])
        .args(["--password-stdin"])
        .stdin(PASSWORD)
        .ok();
    for app in ["web", "api", "docs", "live"] {
        assert!(
            hash_of(&r, app, "qa").is_some(),
            "{app}: {:?}",
            r.users(app)
        );
    }
    assert_eq!(hash_of(&r, "blog", "qa"), None);
    r.add_credential("web", "owner", PASSWORD);
    // `list --app` shows the application's own and what it inherits, in a
    // stable order: own first, then inherited, by username.
    let listed = r.json(&["list", "--app", "web"]);
    let rows: Vec<(String, String)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["username"].as_str().unwrap().to_string(),
                c["scope"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("owner".to_string(), "-".to_string()),
            ("qa".to_string(), "project shop".to_string())
        ]
    );
    // The file lists them sorted by username.
    let users: Vec<String> = r
        .users("web")
        .iter()
        .map(|u| u.split(':').next().unwrap().to_string())
        .collect();
    assert_eq!(users, ["owner", "qa"]);
    // `list` of the organization ends with the shared credentials.
    let all = r.json(&["list"]);
    let last = all.as_array().unwrap().last().unwrap();
    assert_eq!(
        (&last["username"], &last["scope"]),
        (&Value::from("qa"), &Value::from("project shop"))
    );
    // A scope that does not exist is not found, naming what there is.
    r.run(["list", "--project", "shopp"])
        .code(3)
        .stderr_has("project shopp not found in organization 'acme' (its projects: media, shop)");
    r.run(["list", "--project", "shop", "--environment", "stagin"])
        .code(3)
        .stderr_has("its environments: production, staging");
}

#[test]
fn rotating_it_changes_every_file_in_one_command() {
    let r = staging();
    let id = reviewer(&r)["securityId"].as_str().unwrap().to_string();
    let before: Vec<_> = ["web", "api", "docs"]
        .iter()
        .map(|a| std::fs::read_to_string(r.file(a)).unwrap())
        .collect();
    let secret = r
        .run(["update", &id, "--generate", "-q"])
        .ok()
        .stdout()
        .trim()
        .to_string();
    assert_eq!(secret.len(), 24, "{secret}");
    let hash = hash_of(&r, "web", "reviewer").unwrap();
    for (i, app) in ["web", "api", "docs"].iter().enumerate() {
        let now = std::fs::read_to_string(r.file(app)).unwrap();
        assert_ne!(now, before[i], "{app} unchanged");
        assert_eq!(hash_of(&r, app, "reviewer").as_deref(), Some(hash.as_str()));
    }
    r.run(["verify", &id, "--password-stdin"])
        .stdin(secret.as_str())
        .ok();
    let updated = audit_rows(&r, "security.update");
    assert_eq!(updated.len(), 1, "{updated:?}");
    assert!(
        updated[0]["detail"]
            .as_str()
            .unwrap()
            .contains("3 application(s) published; password changed"),
        "{}",
        updated[0]
    );
    assert_eq!(
        r.count("SELECT count(*) FROM publish_intents"),
        0,
        "the intent is gone"
    );
    // A dry run shows each file's diff and changes nothing.
    let out = r
        .run(["update", &id, "--generate", "--dry-run"])
        .ok()
        .stdout()
        .to_string();
    for app in ["web", "api", "docs"] {
        assert!(out.contains(&format!("a/{app}.yml")), "{out}");
    }
    assert!(
        !out.contains("a/bot.yml") && !out.contains("a/live.yml"),
        "{out}"
    );
    assert_eq!(
        hash_of(&r, "web", "reviewer").as_deref(),
        Some(hash.as_str())
    );
}

#[test]
fn a_rotation_killed_between_two_files_is_repaired_by_the_next_command() {
    let server = RedisServer::start();
    let r = staging();
    r.ok(&["sink", "add", "redis", &server.url(), "--name", "main"]);
    let id = reviewer(&r)["securityId"].as_str().unwrap().to_string();
    let old = hash_of(&r, "api", "reviewer").unwrap();
    // Redis hangs: the rotation writes api's file, then waits on Redis for
    // api (up to the sink timeout) before the next file. Killed there.
    signal(server.pid(), "STOP");
    let mut child = r
        .background()
        .args(["update", &id, "--generate"])
        .spawn()
        .unwrap();
    let started = Instant::now();
    while hash_of(&r, "api", "reviewer").as_deref() == Some(old.as_str()) {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "api's file never changed"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    signal(server.pid(), "CONT");
    // Killed in the middle: api was published, docs and web not, nothing
    // committed, the intent names all three.
    assert_ne!(
        hash_of(&r, "api", "reviewer").as_deref(),
        Some(old.as_str())
    );
    assert_eq!(
        hash_of(&r, "web", "reviewer").as_deref(),
        Some(old.as_str())
    );
    assert_eq!(r.count("SELECT count(*) FROM publish_intents"), 3);
    // The next command, any, puts every file back as the database says.
    r.ok(&["list"]);
    for app in ["api", "docs", "web"] {
        assert_eq!(
            hash_of(&r, app, "reviewer").as_deref(),
            Some(old.as_str()),
            "{app}"
        );
    }
    assert_eq!(r.count("SELECT count(*) FROM publish_intents"), 0);
    r.ok(&["check"]);
    r.run(["verify", &id, "--password-stdin"])
        .stdin(PASSWORD)
        .ok();
}

#[test]
fn an_application_added_to_the_scope_accepts_it_and_one_moved_out_stops() {
    let r = staging();
    reviewer(&r);
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "admin",
        "--project",
        "shop",
        "--environment",
        "staging",
        "--domain",
        "admin.example.com",
        "--upstream",
        "http://10.0.0.5:3000",
    ]);
    assert!(hash_of(&r, "admin", "reviewer").is_some());
    // Moved to production: it no longer accepts the reviewer and, with no
    // user of its own, is public, which the move says.
    r.run(["app", "update", "admin", "--environment", "production"])
        .ok()
        .stderr_has(
            "admin is now publicly accessible: it has no credentials left, so its basicAuth middleware was removed",
        );
    assert_eq!(r.users("admin"), Vec::<String>::new());
    let moved = r.json(&["app", "show", "admin"]);
    assert_eq!(
        (&moved["environment"], &moved["state"]),
        (&Value::from("production"), &Value::from("public"))
    );
    // An application with a user of its own keeps it when it moves.
    r.add_credential("docs", "writer", PASSWORD);
    r.run(["app", "update", "docs", "--project", "media"])
        .ok()
        .stderr_lacks("publicly accessible");
    let users: Vec<String> = r
        .users("docs")
        .iter()
        .map(|u| u.split(':').next().unwrap().to_string())
        .collect();
    assert_eq!(users, ["writer"]);
    r.ok(&["check"]);
    // A move that would put one username twice in what it accepts: refused,
    // nothing changed.
    r.add_credential("live", "reviewer", PASSWORD);
    let before = std::fs::read(r.file("live")).unwrap();
    r.run(["app", "update", "live", "--environment", "staging"])
        .code(5)
        .stderr_has("application 'live' cannot move to project shop, environment staging: username 'reviewer' is already shared with application 'live' by project shop, environment staging");
    assert_eq!(std::fs::read(r.file("live")).unwrap(), before);
    assert_eq!(
        r.json(&["app", "show", "live"])["environment"],
        "production"
    );
    // Only managers move applications.
    let mia = r.add_user("mia", "member");
    r.ok(&["app", "grant", "web", "--user", "mia"]);
    r.run(["app", "update", "web", "--project", "media"])
        .as_key(&mia)
        .code(4);
}

#[test]
fn a_username_is_never_twice_in_what_one_application_accepts() {
    let r = staging();
    reviewer(&r);
    // Own after shared, shared after own, project after environment, the
    // same scope twice: exit 5, naming where the other one lives.
    r.run(["create", "--app", "web", "--username", "reviewer", "--password-stdin"])
        .stdin(PASSWORD)
        .code(5)
        .stderr_has("username 'reviewer' is already shared with application 'web' by project shop, environment staging");
    r.run(["create", "--project", "shop", "--username", "reviewer", "--password-stdin"])
        .stdin(PASSWORD)
        .code(5)
        .stderr_has("username 'reviewer' is already shared by project shop, environment staging: the applications of project shop would accept it twice");
    r.run(["create", "--project", "shop", "--environment", "staging"])
        .args(["--username", "reviewer", "--password-stdin"])
        .stdin(PASSWORD)
        .code(5)
        .stderr_has("username 'reviewer' already exists in project shop, environment staging");
    r.add_credential("api", "ops", PASSWORD);
    r.run([
        "create",
        "--project",
        "shop",
        "--username",
        "ops",
        "--password-stdin",
    ])
    .stdin(PASSWORD)
    .code(5)
    .stderr_has("username 'ops' is already a credential of application 'api' in project shop");
    // A rename into a taken name, either way.
    r.run([
        "update",
        "--app",
        "api",
        "--username",
        "ops",
        "--new-username",
        "reviewer",
    ])
    .code(5);
    r.run(["update", "--project", "shop", "--environment", "staging"])
        .args(["--username", "reviewer", "--new-username", "ops"])
        .code(5);
    // An import line whose username the application inherits is a
    // duplicate, like any other; nothing is imported.
    let htpasswd = "new:$2y$04$PElTfjfwBs9i7i16YQYeFex3VT.9TtHV3mgq0zNcEWVQEeVxS8BbO\nreviewer:$2y$04$PElTfjfwBs9i7i16YQYeFex3VT.9TtHV3mgq0zNcEWVQEeVxS8BbO\n";
    r.run(["import", "--app", "web", "-"])
        .stdin(htpasswd)
        .code(5)
        .stderr_has("line 2: username 'reviewer' is already shared with application 'web'")
        .stderr_lacks("--replace");
    assert_eq!(hash_of(&r, "web", "new"), None);
    // Another environment of the project may have its own reviewer.
    r.run(["create", "--project", "shop", "--environment", "production"])
        .args(["--username", "reviewer", "--generate"])
        .ok();
    // A shared credential is bcrypt: no other scheme.
    r.run([
        "create",
        "--project",
        "media",
        "--username",
        "x",
        "--generate",
    ])
    .args(["--hash", "apr1"])
    .code(2)
    .stderr_has("a shared credential is always hashed with bcrypt, not apr1");
    assert_eq!(r.count("SELECT count(*) FROM publish_intents"), 0);
    r.ok(&["check"]);
}

#[test]
fn deleting_it_leaves_each_application_in_the_state_its_own_users_give_it() {
    let r = staging();
    r.add_credential("web", "owner", PASSWORD);
    r.ok(&["app", "update", "docs", "--private"]);
    let id = reviewer(&r)["securityId"].as_str().unwrap().to_string();
    r.run(["delete", &id])
        .ok()
        .stderr_has("api is now publicly accessible: it has no credentials left")
        .stderr_has("docs has no credentials left and is private, so it is now closed")
        .stderr_lacks("web is now");
    let users: Vec<String> = r
        .users("web")
        .iter()
        .map(|u| u.split(':').next().unwrap().to_string())
        .collect();
    assert_eq!(users, ["owner"]);
    assert_eq!(r.yaml("api").unwrap()["http"].get("middlewares"), None);
    assert_eq!(r.json(&["app", "show", "docs"])["state"], "locked");
    assert_eq!(r.count("SELECT count(*) FROM shared_credentials"), 0);
    r.ok(&["check"]);
    // Gone: not found, and --ignore-not-found says so with exit 0.
    r.run(["show", &id]).code(3);
    r.run(["delete", "--project", "shop", "--environment", "staging"])
        .args(["--username", "reviewer", "--ignore-not-found"])
        .ok();
}

#[test]
fn members_see_the_shared_users_of_their_applications_and_change_none() {
    let r = staging();
    let id = reviewer(&r)["securityId"].as_str().unwrap().to_string();
    let mia = r.add_user("mia", "member");
    let vera = r.add_user("vera", "viewer");
    let nico = r.add_user("nico", "member");
    r.ok(&["app", "grant", "web", "--user", "mia"]);
    r.ok(&["app", "grant", "web", "--user", "vera"]);
    r.ok(&["app", "grant", "live", "--user", "nico"]);
    for key in [&mia, &vera] {
        let listed = r
            .run(["list", "--app", "web", "-o", "json"])
            .as_key(key)
            .ok()
            .json();
        assert_eq!(listed[0]["username"], "reviewer");
        assert_eq!(listed[0]["scope"], "project shop, environment staging");
        let shown = r.run(["show", &id, "-o", "json"]).as_key(key).ok().json();
        assert_eq!(shown["username"], "reviewer");
        r.run(["show", &id, "--show-hash"]).as_key(key).code(4);
        r.run(["update", &id, "--generate"]).as_key(key).code(4);
        r.run(["delete", &id]).as_key(key).code(4);
        r.run([
            "create",
            "--project",
            "shop",
            "--username",
            "mine",
            "--generate",
        ])
        .as_key(key)
        .code(4);
    }
    // A member whose applications are outside the scope sees nothing of it.
    r.run(["show", &id]).as_key(&nico).code(3);
    r.run(["delete", &id]).as_key(&nico).code(3);
    let listed = r.run(["list", "-o", "json"]).as_key(&nico).ok().json();
    assert_eq!(listed, serde_json::json!([]));
    assert!(hash_of(&r, "web", "reviewer").is_some());
    // An admin may.
    let dave = r.add_user("dave", "admin");
    r.run(["update", &id, "--generate", "-q"])
        .as_key(&dave)
        .ok();
    let denied = r.count(
        "SELECT count(*) FROM audit_log WHERE outcome = 'denied' AND action LIKE 'security.%'",
    );
    assert!(denied >= 6, "{denied} denials audited");
}

#[test]
fn expiry_quotas_and_export_count_shared_credentials() {
    let r = staging();
    r.set_now(T0);
    r.run(["create", "--project", "shop", "--environment", "staging"])
        .args(["--username", "temp", "--generate", "--expires-in", "1h"])
        .ok();
    assert!(hash_of(&r, "web", "temp").is_some());
    r.set_now(T0_PLUS_2H);
    let expired = r.json(&["expire"]);
    let apps: Vec<&str> = expired
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["appName"].as_str().unwrap())
        .collect();
    assert_eq!(apps, ["api", "docs", "web"]);
    for app in ["api", "docs", "web"] {
        assert_eq!(hash_of(&r, app, "temp"), None, "{app}");
    }
    assert_eq!(r.json(&["app", "show", "web"])["state"], "locked");
    assert_eq!(r.json(&["expire"]), serde_json::json!([]));
    r.ok(&["check"]);

    // Quotas count the users an application accepts, its inherited ones too.
    let r = staging();
    r.ok(&["settings", "set", "max-credentials-per-app", "1"]);
    r.add_credential("web", "owner", PASSWORD);
    r.run([
        "create",
        "--project",
        "shop",
        "--username",
        "qa",
        "--generate",
    ])
    .code(5)
    .stderr_has("application 'web' holds 1 credential(s) and max-credentials-per-app is at most 1");
    r.run(["create", "--project", "shop", "--environment", "production"])
        .args(["--username", "qa", "--generate"])
        .ok();
    r.run(["create", "--app", "live", "--username", "own", "--generate"])
        .code(5)
        .stderr_has("application 'live' holds 1 credential(s)");

    // An export holds the application's own; --include-inherited adds the
    // shared ones as ordinary lines.
    let exported = r.ok(&["export", "--app", "web"]);
    assert!(exported.starts_with("owner:$2y$04$"), "{exported}");
    assert_eq!(exported.lines().count(), 1, "{exported}");
    let r2 = staging();
    reviewer(&r2);
    r2.add_credential("web", "owner", PASSWORD);
    let all = r2.ok(&["export", "--app", "web", "--include-inherited"]);
    let names: Vec<&str> = all.lines().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(names, ["owner", "reviewer"]);
    assert_eq!(r2.ok(&["export", "--app", "web"]).lines().count(), 1);
}

#[test]
fn the_strength_policy_judges_a_shared_password_and_an_id_finds_its_organization() {
    let r = staging();
    r.ok(&["settings", "set", "min-password-score", "3"]);
    // Weak: refused,
    // nothing written.
    r.run([
        "create",
        "--project",
        "shop",
        "--username",
        "qa",
        "--password-stdin",
    ])
    .stdin("password1")
    .code(2)
    .stderr_has("this installation requires at least 3");
    assert_eq!(r.count("SELECT count(*) FROM shared_credentials"), 0);
    let id = r
        .run([
            "create",
            "--project",
            "shop",
            "--username",
            "qa",
            "--password-stdin",
        ])
        .args(["--allow-weak", "-o", "json"])
        .stdin("password1")
        .ok()
        .json()["securityId"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        r.count("SELECT count(*) FROM shared_credentials WHERE weak = 1"),
        1
    );
    // The cron line that rotates it by id keeps working after the operator
    // switches to another organization: the id names its own.
    r.ok(&["org", "create", "beta"]);
    r.ok(&["org", "switch", "beta"]);
    r.run(["update", &id, "--generate", "-q"]).ok();
    r.run(["list", "--project", "shop"]).code(3);
    r.run(["--org", "acme", "list", "--project", "shop", "-o", "json"])
        .ok()
        .stdout_has(&id);
}
