//! Credential lifecycle: expiry that fails closed, the strength policy, and
//! generated secrets shown once.

use crate::common::*;
use serde_json::Value;

const LOCKED: &str = "authgate-locked:{SHA}RtWoGDuNZCP89Whs2QSKUBycX0w=";

/// Two hours on: `authgate list --expired -q` lists exactly `ids`.
#[track_caller]
fn two_hours_later(r: &Registry, ids: &[&str]) {
    r.set_now(T0_PLUS_2H);
    let out = r.ok(&["list", "--expired", "-q"]);
    assert_eq!(out.lines().collect::<Vec<_>>(), ids);
}

fn create_expiring(r: &Registry, app: &str, username: &str, expiry: &[&str]) -> String {
    let mut args = vec![
        "create",
        "--app",
        app,
        "--username",
        username,
        "--password-stdin",
    ];
    args.extend(expiry);
    args.extend(["-o", "json"]);
    let out = r
        .cmd()
        .args(&args)
        .write_stdin("a long enough password")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["securityId"].as_str().unwrap().to_string()
}

#[test]
fn an_expired_credential_is_withdrawn_and_the_last_one_locks_the_app() {
    let r = Registry::with_app();
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
    r.add_credential("blog", "editor", "a long enough password");
    r.set_now(T0);
    let id = create_expiring(&r, "shop", "temp", &["--expires-in", "1h"]);
    let shown = r.json(&["show", &id]);
    assert_eq!(shown["status"], "active");
    assert_eq!(shown["expiresAt"], "2100-01-01T01:00:00.000Z");
    assert_eq!(r.users("shop").len(), 1);
    assert!(r.users("shop")[0].starts_with("temp:"));
    assert_eq!(r.json(&["app", "show", "shop"])["state"], "protected");
    let listed = r.ok(&["list", "--expiring", "7d", "-q"]);
    assert_eq!(listed.trim(), id);
    assert!(r.ok(&["list", "--expired", "-q"]).trim().is_empty());

    let blog = r.file("blog");
    let blog_bytes = std::fs::read(&blog).unwrap();
    let blog_mtime = std::fs::metadata(&blog).unwrap().modified().unwrap();

    two_hours_later(&r, &[&id]);
    assert_eq!(r.json(&["show", &id])["status"], "expired");
    // Until `expire` runs, the file still holds it: that is the window the
    // README tells of, and `check` calls it drift.
    assert!(r.users("shop")[0].starts_with("temp:"));
    r.cmd().arg("check").assert().code(7);

    let out = r.cmd().args(["expire", "-o", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let withdrawn: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(withdrawn.as_array().unwrap().len(), 1, "{withdrawn}");
    assert_eq!(withdrawn[0]["username"], "temp");
    assert_eq!(withdrawn[0]["locked"], true);
    assert!(stderr(&out).contains("shop is locked"), "{}", stderr(&out));
    // Locked, never public: one entry no password matches.
    assert_eq!(r.users("shop"), [LOCKED]);
    let yaml = r.yaml("shop").unwrap();
    assert_eq!(
        yaml["http"]["routers"]["shop"]["middlewares"][0].as_str(),
        Some("shop-auth")
    );
    assert_eq!(r.json(&["app", "show", "shop"])["state"], "locked");
    let listed = r.json(&["app", "list"]);
    let states: Vec<(&str, &str, i64)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["appName"].as_str().unwrap(),
                a["state"].as_str().unwrap(),
                a["activeUsers"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(states, [("blog", "protected", 1), ("shop", "locked", 0)]);
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE action = 'credential.expired'"),
        1
    );
    r.ok(&["check"]);

    // Another application's file was not touched.
    assert_eq!(std::fs::read(&blog).unwrap(), blog_bytes);
    assert_eq!(
        std::fs::metadata(&blog).unwrap().modified().unwrap(),
        blog_mtime
    );

    // Idempotent: the second run finds nothing and writes nothing.
    let shop_mtime = std::fs::metadata(r.file("shop"))
        .unwrap()
        .modified()
        .unwrap();
    let out = r.cmd().args(["expire"]).output().unwrap();
    assert!(out.status.success());
    assert!(stdout(&out).trim().is_empty());
    assert!(stderr(&out).contains("nothing to do"), "{}", stderr(&out));
    assert_eq!(
        std::fs::metadata(r.file("shop"))
            .unwrap()
            .modified()
            .unwrap(),
        shop_mtime
    );
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE action = 'credential.expired'"),
        1
    );

    // Only delete makes it public.
    r.ok(&["delete", &id]);
    assert_eq!(r.json(&["app", "show", "shop"])["state"], "public");
    assert!(r.users("shop").is_empty());
}

#[test]
fn any_other_change_drops_expired_credentials_and_updates_set_or_clear_expiry() {
    let r = Registry::with_app();
    r.set_now(T0);
    let old = create_expiring(&r, "shop", "old", &["--expires-in", "1h"]);
    let kept = create_expiring(&r, "shop", "kept", &["--expires-in", "1h"]);
    r.cmd()
        .args(["update", &kept, "--no-expiry"])
        .assert()
        .success();
    assert!(r.json(&["show", &kept])["expiresAt"].is_null());
    two_hours_later(&r, &[&old]);
    r.add_credential("shop", "new", "a long enough password");
    let users: Vec<String> = r.users("shop");
    assert!(users.iter().all(|u| !u.starts_with("old:")), "{users:?}");
    assert_eq!(users.len(), 2);
    // `expire` has nothing left to withdraw, but still no secret is lost.
    r.ok(&["expire"]);
    r.ok(&["check"]);
    // A new expiry brings it back until then.
    r.cmd()
        .args(["update", &old, "--expires-at", "2999-01-01T00:00:00Z"])
        .assert()
        .success();
    assert_eq!(r.json(&["show", &old])["status"], "active");
    assert!(r.users("shop").iter().any(|u| u.starts_with("old:")));
    // An expiry in the past, or a malformed one, changes nothing.
    let before = r.all_bytes();
    for args in [
        vec![
            "update",
            old.as_str(),
            "--expires-at",
            "2001-01-01T00:00:00Z",
        ],
        vec!["update", old.as_str(), "--expires-in", "soon"],
        vec!["update", old.as_str(), "--expires-at", "tomorrow"],
    ] {
        let out = r.cmd().args(&args).output().unwrap();
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
    }
    assert!(before == r.all_bytes(), "nothing changed");
}

#[test]
fn expire_is_for_installation_owners_and_cheap_when_nothing_is_due() {
    let r = Registry::with_app();
    let admin = r.add_user("dave", "admin");
    let out = r.cmd_as(&admin).arg("expire").output().unwrap();
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let out = r.cmd().args(["expire", "-o", "json"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(stdout(&out).trim(), "[]");
    // The due query uses the index.
    let plan: Vec<String> = {
        let db = r.sql();
        let mut stmt = db
            .prepare(
                "EXPLAIN QUERY PLAN SELECT application_id FROM applications
                 WHERE next_expiry IS NOT NULL AND next_expiry <= '2030-01-01'",
            )
            .unwrap();
        stmt.query_map([], |row| row.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert!(
        plan.iter()
            .any(|p| p.contains("applications_by_next_expiry")),
        "{plan:?}"
    );
}

#[test]
fn weak_chosen_passwords_are_refused_unless_allowed_once() {
    let r = Registry::with_app();
    r.ok(&["settings", "set", "min-password-score", "3"]);
    let before = r.all_bytes();
    for weak in [
        "password",
        "Summer2026!",
        "admin",
        "shop",
        "shop.example.com",
    ] {
        let out = r
            .cmd()
            .args([
                "create",
                "--app",
                "shop",
                "--username",
                "admin",
                "--password-stdin",
            ])
            .write_stdin(weak)
            .output()
            .unwrap();
        assert_eq!(code(&out), 2, "{weak}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("too easy to guess"),
            "{}",
            stderr(&out)
        );
        assert!(stderr(&out).contains("--generate"), "{}", stderr(&out));
    }
    assert!(
        before == r.all_bytes(),
        "a refused password changes nothing"
    );
    assert_eq!(r.count("SELECT count(*) FROM security"), 0);

    // A passphrase zxcvbn scores 4 passes without a word.
    let out = r
        .cmd()
        .args([
            "create",
            "--app",
            "shop",
            "--username",
            "admin",
            "--password-stdin",
        ])
        .write_stdin("correct horse battery staple umbrella")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));

    // --allow-weak lets one through, warns, and the audit log says so.
    let out = r
        .cmd()
        .args([
            "create",
            "--app",
            "shop",
            "--username",
            "kiosk",
            "--password-stdin",
            "--allow-weak",
        ])
        .write_stdin("Summer2026!")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("--allow-weak"), "{}", stderr(&out));
    assert_eq!(
        r.count(
            "SELECT count(*) FROM audit_log WHERE action = 'security.create' AND detail LIKE '%allow-weak%'"
        ),
        1
    );
    let out = r.cmd().arg("check").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 credential(s) have a password below"),
        "{}",
        stderr(&out)
    );

    // Rotations are judged too; generated secrets never are.
    let out = r
        .cmd()
        .args([
            "update",
            "--app",
            "shop",
            "--username",
            "admin",
            "--password-stdin",
        ])
        .write_stdin("password")
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    let out = r
        .cmd()
        .args([
            "update",
            "--app",
            "shop",
            "--username",
            "admin",
            "--generate",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("shown once"), "{}", stderr(&out));
}

#[test]
fn the_policy_is_a_setting_of_installation_owners() {
    let r = Registry::new();
    let settings = r.json(&["settings", "list"]);
    assert!(
        settings.to_string().contains("min-password-score"),
        "{settings}"
    );
    for bad in ["5", "-1", "x"] {
        r.cmd()
            .args(["settings", "set", "min-password-score", bad])
            .assert()
            .code(2);
    }
    let admin = r.add_user("dave", "admin");
    r.cmd_as(&admin)
        .args(["settings", "set", "min-password-score", "0"])
        .assert()
        .code(4);
}
