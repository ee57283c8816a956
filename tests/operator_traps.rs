//! The traps an operator fell into, each tried as they tried it: a secret
//! lost to `-q`, cron jobs broken by `org switch`, one sink down blocking
//! every change, and messages that said something untrue.

use std::time::{Duration, Instant};

use crate::common::redis_server::RedisServer;
use crate::common::*;

// ---------------------------------------------------------------------------
// Secrets are never lost

#[test]
fn quiet_generate_prints_the_secret_alone_and_it_verifies() {
    let r = Registry::with_app();
    let created = r
        .run([
            "create",
            "--app",
            "shop",
            "--username",
            "ci",
            "--generate",
            "-q",
        ])
        .ok();
    let secret = created.stdout().trim_end_matches('\n').to_string();
    assert_eq!(secret.len(), 24, "{secret:?}");
    assert!(!secret.contains(['\n', '\t', ' ']), "{secret:?}");
    r.verifies("shop", "ci", &secret);
    // The note about it being shown once is silenced by -q, like every note.
    created.stderr_lacks("shown once");

    let updated = r
        .run([
            "update",
            "--app",
            "shop",
            "--username",
            "ci",
            "--generate",
            "-q",
        ])
        .ok();
    let rotated = updated.stdout().trim_end_matches('\n');
    assert_ne!(rotated, secret);
    r.verifies("shop", "ci", rotated);
    // Without a generated secret, -q still prints the id.
    let id = r
        .run([
            "update",
            "--app",
            "shop",
            "--username",
            "ci",
            "--password-stdin",
            "-q",
        ])
        .stdin("another long password 42")
        .ok()
        .stdout()
        .trim()
        .to_string();
    assert_eq!(id.len(), 36, "{id}");
}

#[test]
fn a_failed_create_does_not_say_a_password_was_shown() {
    let r = Registry::with_app();
    r.add_credential("shop", "ci", "a long enough password");
    r.run(["create", "--app", "shop", "--username", "ci", "--generate"])
        .code(5)
        .no_stdout()
        .stderr_lacks("shown once");
    r.run(["create", "--app", "shop", "--username", "ci2", "--generate"])
        .ok()
        .stderr_has("the generated password is shown once");
}

#[test]
fn generated_secrets_go_into_a_url_as_they_are() {
    let r = Registry::with_app();
    for i in 0..40 {
        let v = r.json(&[
            "create",
            "--app",
            "shop",
            "--username",
            &format!("m{i}"),
            "--generate",
        ]);
        let p = v["password"].as_str().unwrap();
        assert!(
            p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b)),
            "{p}"
        );
        // What a URL's userinfo keeps verbatim.
        let mut url = url::Url::parse("http://host/").unwrap();
        url.set_password(Some(p)).unwrap();
        assert_eq!(url.password(), Some(p));
    }
    // --symbols asks for the old alphabet; it needs --generate.
    let mut symbols = 0;
    for i in 0..20 {
        let v = r.json(&[
            "create",
            "--app",
            "shop",
            "--username",
            &format!("s{i}"),
            "--generate",
            "--symbols",
        ]);
        let p = v["password"].as_str().unwrap();
        symbols += p.bytes().filter(|b| b"!@#%^*+=,".contains(b)).count();
    }
    assert!(
        symbols > 0,
        "20 passwords of 24 characters without one symbol"
    );
    r.run([
        "create",
        "--app",
        "shop",
        "--username",
        "x",
        "--symbols",
        "--password-stdin",
    ])
    .stdin("a long enough password")
    .code(2);
}

// ---------------------------------------------------------------------------
// A sink that is down does not block the others

#[test]
fn a_hung_redis_does_not_hold_back_a_revocation() {
    let server = RedisServer::start();
    let r = Registry::with_app();
    r.ok(&["sink", "add", "redis", &server.url(), "--name", "main"]);
    r.add_credential("shop", "admin", "a long enough password");
    r.add_credential("shop", "leaked", "another long password");
    signal(server.pid(), "STOP");
    let started = Instant::now();
    let out = r
        .run([
            "delete",
            "--app",
            "shop",
            "--username",
            "leaked",
            "-o",
            "json",
        ])
        .code(9);
    let took = started.elapsed();
    signal(server.pid(), "CONT");
    // One timeout (2 s by default) for the sink, not one per step.
    assert!(took < Duration::from_secs(5), "took {took:?}");
    // The record says where the change is pending.
    let record = out.json();
    assert_eq!(record["pending"], serde_json::json!(["main"]), "{record}");
    let error = out.stderr_json();
    assert_eq!(error["error"]["code"], "PARTIAL");
    // In force in the directory at once.
    assert_eq!(r.users("shop").len(), 1);
    assert!(r.users("shop")[0].starts_with("admin:"));
    // Redis, hung then resumed, still holds the revoked user...
    let users = |server: &RedisServer| -> Vec<String> {
        let mut conn = server.conn();
        let keys: Vec<String> = redis::cmd("KEYS")
            .arg("traefik/http/middlewares/shop-auth/basicAuth/users/*")
            .query(&mut conn)
            .unwrap();
        keys.iter()
            .map(|k| redis::cmd("GET").arg(k).query::<String>(&mut conn).unwrap())
            .collect()
    };
    assert!(users(&server).iter().any(|u| u.starts_with("leaked:")));
    // ...until the next command of any kind that publishes.
    r.add_credential("shop", "next", "a third long password");
    let now = users(&server);
    assert!(!now.iter().any(|u| u.starts_with("leaked:")), "{now:?}");
    assert_eq!(now.len(), 2, "{now:?}");
    assert_eq!(r.count("SELECT count(*) FROM pending_publishes"), 0);
    r.ok(&["check"]);
}

#[test]
fn a_sink_whose_password_variable_is_unset_is_down_only_for_publishing() {
    let server = RedisServer::start_with_password("s3cret");
    let r = Registry::with_app();
    r.run([
        "sink",
        "add",
        "redis",
        &server.url(),
        "--password-env",
        "AUTHGATE_REDIS_PASSWORD",
    ])
    .env("AUTHGATE_REDIS_PASSWORD", "s3cret")
    .ok();
    // Reads need no sink.
    r.ok(&["list"]);
    r.run([
        "create",
        "--app",
        "shop",
        "--username",
        "ci",
        "--generate",
        "-q",
    ])
    .code(9)
    .stderr_has("AUTHGATE_REDIS_PASSWORD");
    assert_eq!(r.users("shop").len(), 1);
    // With the variable, the next change catches the sink up.
    r.run([
        "create",
        "--app",
        "shop",
        "--username",
        "ci2",
        "--generate",
        "-q",
    ])
    .env("AUTHGATE_REDIS_PASSWORD", "s3cret")
    .ok();
    assert_eq!(r.count("SELECT count(*) FROM pending_publishes"), 0);
}

// ---------------------------------------------------------------------------
// References to an application resolve where it lives

#[test]
fn a_cron_line_keeps_working_after_an_interactive_org_switch() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a long enough password");
    let rotate = || {
        r.run([
            "update",
            "--app",
            "shop",
            "--username",
            "admin",
            "--generate",
            "-q",
        ])
        .ok()
        .stdout()
        .trim()
        .to_string()
    };
    let first = rotate();
    r.ok(&["org", "create", "beta"]);
    r.ok(&["org", "switch", "beta"]);
    // The next cron run, after the switch: the same line, no --org.
    let second = rotate();
    assert_ne!(first, second);
    r.verifies("shop", "admin", &second);
    // Audited in the organization that holds the application.
    let rows = r.count(
        "SELECT count(*) FROM audit_log a JOIN organizations o ON o.org_id = a.org_id
         WHERE o.name = 'acme' AND a.action = 'security.update'",
    );
    assert_eq!(rows, 2);
    // What is created and listed stays in the active organization...
    let listed = r.json(&["list"]);
    assert_eq!(listed, serde_json::json!([]));
    // ...and an explicit --org still pins the organization.
    r.run([
        "--org",
        "beta",
        "show",
        "--app",
        "shop",
        "--username",
        "admin",
    ])
    .code(3);
}

#[test]
fn an_application_of_an_organization_one_is_not_in_stays_out_of_reach() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a long enough password");
    r.ok(&["org", "create", "beta"]);
    let carol = r.json(&[
        "--org", "beta", "user", "create", "carol", "--role", "owner",
    ])["apiKey"]
        .as_str()
        .unwrap()
        .to_string();
    r.run(["show", "--app", "shop", "--username", "admin"])
        .as_key(&carol)
        .code(3)
        .stderr_has("not found in organization 'beta'")
        // Never a name from another organization.
        .stderr_lacks("did you mean");
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE outcome = 'denied' AND detail LIKE '%shop%'"),
        1
    );
}

#[test]
fn a_typo_gets_a_suggestion_and_is_not_filed_as_a_denial() {
    let r = Registry::with_app();
    r.run(["list", "--app", "shp"])
        .code(3)
        .stderr_has("application 'shp' not found in organization 'acme' (did you mean 'shop'?)");
    r.run(["app", "show", "zzzz"])
        .code(3)
        .stderr_lacks("did you mean");
    r.run(["delete", "--app", "shp", "--username", "ci"])
        .code(3)
        .stderr_has("did you mean 'shop'?");
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE outcome = 'denied'"),
        0
    );
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE outcome = 'error' AND detail LIKE '%shp%'"),
        1
    );
}

// ---------------------------------------------------------------------------
// Messages that say the truth and the next step

#[test]
fn an_import_reports_every_bad_line_at_once() {
    let r = Registry::with_app();
    r.add_credential("shop", "amy", "a long enough password");
    let sha = "{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=";
    let input = format!("bad line\namy:{sha}\nok:{sha}\nx:plaintext\n");
    r.run(["import", "--app", "shop", "-"])
        .stdin(input)
        .code(2)
        // Parse problems and the existing username, in one answer.
        .stderr_has("3 problem(s)")
        .stderr_has("line 1:")
        .stderr_has("line 2: username 'amy' already exists")
        .stderr_has("line 4:");
    assert_eq!(r.count("SELECT count(*) FROM security"), 1);
}

#[test]
fn usernames_that_would_not_survive_an_export_are_refused_everywhere() {
    let r = Registry::with_app();
    r.run([
        "create",
        "--app",
        "shop",
        "--username",
        "#ops",
        "--generate",
    ])
    .code(2)
    .stderr_has("starts with '#'");
    r.add_credential("shop", "ops", "a long enough password");
    r.run([
        "update",
        "--app",
        "shop",
        "--username",
        "ops",
        "--new-username",
        "#ops",
    ])
    .code(2)
    .stderr_has("starts with '#'");
    // What export writes, import takes back whole.
    r.add_credential("shop", "x #ops", "another long password");
    let exported = r.ok(&["export", "--app", "shop"]);
    let other = Registry::with_app();
    other
        .run(["import", "--app", "shop", "-"])
        .stdin(exported)
        .ok();
    assert_eq!(other.count("SELECT count(*) FROM security"), 2);
}

#[test]
fn check_after_an_expiry_says_to_run_expire() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a long enough password");
    r.run([
        "create",
        "--app",
        "shop",
        "--username",
        "temp",
        "--generate",
    ])
    .args(["--expires-in", "1h"])
    .ok();
    r.set_now(&(chrono::Utc::now() + chrono::Duration::hours(2)).to_rfc3339());
    let out = r.run(["check", "-o", "json"]).code(7);
    let findings = out.json();
    assert_eq!(findings[0]["status"], "expirydue", "{findings}");
    let detail = findings[0]["detail"].as_str().unwrap();
    assert!(detail.contains("`authgate expire`"), "{detail}");
    assert!(!detail.contains("by hand"), "{detail}");
    r.ok(&["expire"]);
    r.ok(&["check"]);
}

#[test]
fn quiet_check_prints_findings_only() {
    let r = Registry::with_app();
    r.ok(&["settings", "set", "min-password-score", "3"]);
    r.run([
        "create",
        "--app",
        "shop",
        "--username",
        "weak",
        "--password-stdin",
    ])
    .arg("--allow-weak")
    .stdin("password")
    .ok();
    r.run(["check", "-q"]).ok().no_stdout().no_stderr();
    r.run(["check"])
        .ok()
        .stderr_has("below the strength policy");
}

#[test]
fn init_on_an_existing_registry_says_how_to_use_it_and_a_url_is_not_a_domain() {
    let r = Registry::with_app();
    r.run(["init"])
        .code(5)
        .stderr_has("already initialized")
        .stderr_has("authgate app list");
    r.run([
        "app",
        "add",
        "--app-name",
        "blog",
        "--domain",
        "https://blog.example.com/",
    ])
    .arg("--upstream")
    .arg("http://10.0.0.5:3000")
    .code(2)
    .stderr_has("give a domain, not a URL: 'blog.example.com'");
}

#[test]
fn a_missing_registry_has_its_own_exit_code() {
    let r = Registry::empty();
    r.run(["list", "-o", "json"])
        .code(10)
        .stderr_has("NO_REGISTRY")
        .stderr_has("authgate init");
}

// ---------------------------------------------------------------------------
// State that stays true

#[test]
fn a_withdrawn_credential_stays_withdrawn_when_the_clock_goes_back() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a long enough password");
    let start = chrono::Utc::now();
    r.set_now(&start.to_rfc3339());
    r.run([
        "create",
        "--app",
        "shop",
        "--username",
        "temp",
        "--generate",
    ])
    .args(["--expires-in", "1h"])
    .ok();
    assert_eq!(r.users("shop").len(), 2);
    r.set_now(&(start + chrono::Duration::hours(2)).to_rfc3339());
    r.ok(&["expire"]);
    assert_eq!(r.users("shop").len(), 1);
    // The clock is set back an hour and something else changes.
    r.set_now(&(start + chrono::Duration::minutes(30)).to_rfc3339());
    r.ok(&["app", "update", "shop", "--realm", "staff"]);
    assert_eq!(r.users("shop").len(), 1, "the expired credential came back");
    r.ok(&["check"]);
    let shown = r.json(&["show", "--app", "shop", "--username", "temp"]);
    assert_eq!(shown["status"], "expired", "{shown}");
    // A new expiry is a new chance.
    r.ok(&[
        "update",
        "--app",
        "shop",
        "--username",
        "temp",
        "--expires-in",
        "1h",
    ]);
    assert_eq!(r.users("shop").len(), 2);
}

#[test]
fn restore_asks_on_a_terminal_like_app_remove() {
    let r = Registry::with_app();
    let snapshot = r.dir.path().join("before.backup");
    r.ok(&["backup", snapshot.to_str().unwrap()]);
    r.add_credential("shop", "later", "a long enough password");
    // On a terminal (script(1) gives the command one), with the answer.
    let on_a_terminal = |answer: &str, extra: &str| {
        let line = format!(
            "{} restore {} {extra}",
            assert_cmd::cargo::cargo_bin("authgate").display(),
            snapshot.display()
        );
        let mut child = std::process::Command::new(required_tool("script", "bsdutils"))
            .args(["-qec", &line, "/dev/null"])
            .env_clear()
            .envs(r.environment())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(answer.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let out = on_a_terminal("n\n", "");
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(said.contains("replace everything in"), "{said}");
    assert!(said.contains("not confirmed"), "{said}");
    assert_eq!(
        r.count("SELECT count(*) FROM security"),
        1,
        "nothing restored"
    );
    let out = on_a_terminal("", "--yes");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(r.count("SELECT count(*) FROM security"), 0, "restored");
    // Without a terminal (cron, scripts) it does not ask.
    r.add_credential("shop", "again", "a long enough password");
    r.ok(&["restore", snapshot.to_str().unwrap()]);
    assert_eq!(r.count("SELECT count(*) FROM security"), 0);
}

#[test]
fn check_while_writers_are_busy_reports_no_false_drift() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a long enough password");
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        for w in 0..2 {
            let (r, stop) = (&r, &stop);
            s.spawn(move || {
                let mut i = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let name = format!("w{w}u{i}");
                    r.run(["create", "--app", "shop", "--username", &name, "--generate"])
                        .ok();
                    r.run(["delete", "--app", "shop", "--username", &name]).ok();
                    i += 1;
                }
            });
        }
        let mut drift = Vec::new();
        for _ in 0..25 {
            let ran = r.run(["check", "-o", "json"]).exec();
            if ran.exit_code() != Some(0) {
                drift.push(ran.stdout().to_string());
            }
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        assert!(
            drift.is_empty(),
            "{} of 25 checks saw drift: {drift:?}",
            drift.len()
        );
    });
}

// ---------------------------------------------------------------------------
// Output an operator and a script can read

#[test]
fn export_honours_the_output_format() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a long enough password");
    r.add_credential("shop", "bob", "another long password");
    let lines = r.ok(&["export", "--app", "shop"]);
    let from_lines: Vec<(String, String)> = lines
        .lines()
        .map(|l| {
            let (u, h) = l.split_once(':').unwrap();
            (u.to_string(), h.to_string())
        })
        .collect();
    let pairs = |v: &serde_json::Value| -> Vec<(String, String)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["username"].as_str().unwrap().to_string(),
                    c["passwordHash"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let json = r.json(&["export", "--app", "shop"]);
    assert_eq!(pairs(&json), from_lines);
    assert_eq!(json[0]["hashScheme"], "bcrypt");
    let yaml: serde_json::Value =
        serde_norway::from_str(&r.ok(&["export", "--app", "shop", "-o", "yaml"])).unwrap();
    assert_eq!(pairs(&yaml), from_lines);
    // --format still says what to print.
    assert_eq!(
        r.ok(&[
            "export", "--app", "shop", "--format", "htpasswd", "-o", "json"
        ]),
        lines
    );
}

#[test]
fn tables_fit_eighty_columns_and_wide_shows_every_column() {
    let r = Registry::with_app();
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "intranet-portal",
        "--domain",
        "intranet.internal.example.com",
        "--domain",
        "portal.example.com",
        "--upstream",
        "http://10.0.0.6:3000",
    ]);
    let id = r.add_credential("shop", "admin", "a long enough password");
    r.run([
        "create",
        "--app",
        "shop",
        "--username",
        "contractor",
        "--generate",
    ])
    .args(["--expires-in", "30d"])
    .ok();
    for args in [
        &["app", "list"][..],
        &["list"],
        &["show", "--app", "shop", "--username", "admin"],
        &["app", "show", "shop"],
        &["audit"],
    ] {
        let out = r.run(args).env("COLUMNS", "80").ok();
        for line in out.stdout().lines() {
            assert!(line.chars().count() <= 80, "{args:?}: {line}");
        }
        // One row per line where the cells fit: names, not ids.
        if args == ["list"] {
            assert!(!out.stdout().contains(&id), "{}", out.stdout());
            assert_eq!(out.stdout().lines().count(), 3, "{}", out.stdout());
        }
    }
    let wide = r.ok(&["list", "-o", "wide"]);
    assert!(wide.contains(&id), "{wide}");
    let wide = r.ok(&["app", "list", "-o", "wide"]);
    assert!(wide.contains("APPLICATION ID"), "{wide}");
}

#[test]
fn a_change_both_pending_and_not_applied_exits_partial_and_says_both() {
    let mut server = RedisServer::start();
    let r = Registry::with_app();
    r.ok(&["sink", "add", "redis", &server.url(), "--name", "main"]);
    server.stop();
    std::fs::write(r.traefik_dir().join("broken.yml"), "http: {routers: [").unwrap();
    let out = r
        .run([
            "create",
            "--app",
            "shop",
            "--username",
            "ci",
            "--generate",
            "-o",
            "json",
        ])
        .code(9);
    let record = out.json();
    assert_eq!(record["applied"], false, "{record}");
    assert!(
        record["notApplied"]
            .as_str()
            .unwrap()
            .contains("broken.yml")
    );
    assert_eq!(record["pending"], serde_json::json!(["main"]));
    r.verifies("shop", "ci", record["password"].as_str().unwrap());
    // The error is the last line (a note about the password comes first).
    let error: serde_json::Value =
        serde_json::from_str(out.stderr().lines().last().unwrap()).unwrap();
    assert_eq!(error["error"]["code"], "PARTIAL");
    let message = error["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("sink 'main'") && message.contains("broken.yml"),
        "{message}"
    );
}

#[test]
fn removing_a_sink_forgets_what_it_missed() {
    let mut server = RedisServer::start();
    let r = Registry::with_app();
    r.ok(&["sink", "add", "redis", &server.url(), "--name", "main"]);
    server.stop();
    r.run([
        "create",
        "--app",
        "shop",
        "--username",
        "ci",
        "--generate",
        "-q",
    ])
    .code(9);
    assert_eq!(r.count("SELECT count(*) FROM pending_publishes"), 1);
    r.ok(&["sink", "remove", "main"]);
    assert_eq!(r.count("SELECT count(*) FROM pending_publishes"), 0);
    r.ok(&["check"]);
}
