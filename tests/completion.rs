//! Dynamic shell completion: `AUTHGATE_COMPLETE=bash authgate -- WORDS...` (what
//! the scripts in `completions/` run at each Tab) offers the app names and
//! usernames the caller may see, and setting names; it writes nothing, and
//! without a registry or a key it offers nothing, silently, with exit 0.

use crate::common::*;

/// Runs the completion entry point for the last of `words`, as the bash
/// script does, with `key` (the owner's when `None`).
fn complete_as(r: &Registry, key: Option<&str>, words: &[&str]) -> Ran {
    let mut run = r
        .run(["--"])
        .args(words)
        .env("AUTHGATE_COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string());
    if let Some(key) = key {
        run = run.as_key(key);
    }
    run.ok().no_stderr()
}

/// The candidates offered for the last of `words`, as the owner or `key`.
#[track_caller]
fn offered(r: &Registry, key: Option<&str>, words: &[&str]) -> Vec<String> {
    complete_as(r, key, words)
        .stdout()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Only names, not the options the engine offers beside them.
fn names(candidates: Vec<String>) -> Vec<String> {
    candidates
        .into_iter()
        .filter(|c| !c.starts_with('-'))
        .collect()
}

/// acme (alice, the owner): shop, shelf and blog, with credentials; beta
/// (carol): beta-shop, with one of its own. Returns carol's key.
fn two_organizations(r: &Registry) -> String {
    for app in ["shelf", "blog"] {
        r.ok(&["app", "add", "--app-name", app]);
    }
    r.add_credential("shop", "admin", "a long enough password");
    r.add_credential("shop", "bob", "a long enough password");
    r.add_credential("blog", "editor", "a long enough password");
    r.ok(&["org", "create", "beta"]);
    let carol = r.json(&[
        "--org", "beta", "user", "create", "carol", "--role", "owner",
    ])["apiKey"]
        .as_str()
        .unwrap()
        .to_string();
    r.run(["app", "add", "--app-name", "shopfront"])
        .as_key(&carol)
        .ok();
    r.run(["create", "--app", "shopfront", "--username", "mallory"])
        .args(["--password-stdin"])
        .stdin("a long enough password")
        .as_key(&carol)
        .ok();
    carol
}

#[test]
fn app_names_are_the_callers_organization_only() {
    let r = Registry::with_app();
    let carol = two_organizations(&r);
    assert_eq!(
        names(offered(&r, None, &["authgate", "show", "--app", ""])),
        ["blog", "shelf", "shop"]
    );
    assert_eq!(
        names(offered(&r, None, &["authgate", "list", "--app", "sh"])),
        ["shelf", "shop"]
    );
    assert_eq!(
        offered(&r, None, &["authgate", "list", "--app=sh"]),
        ["--app=shelf", "--app=shop"]
    );
    assert_eq!(
        names(offered(&r, None, &["authgate", "app", "show", ""])),
        ["blog", "shelf", "shop"]
    );
    assert_eq!(
        names(offered(
            &r,
            None,
            &["authgate", "audit", "failures", "--app", "b"]
        )),
        ["blog"]
    );
    // carol sees beta's, and nothing of acme's.
    assert_eq!(
        names(offered(
            &r,
            Some(&carol),
            &["authgate", "create", "--app", ""]
        )),
        ["shopfront"]
    );
    // alice owns beta too: `--org beta` on the line completes beta's.
    assert_eq!(
        names(offered(
            &r,
            None,
            &["authgate", "--org", "beta", "app", "show", "sh"]
        )),
        ["shopfront"]
    );
}

#[test]
fn usernames_are_the_named_applications_or_every_visible_one() {
    let r = Registry::with_app();
    let carol = two_organizations(&r);
    let line = |app| ["authgate", "show", "--app", app, "--username", ""];
    assert_eq!(names(offered(&r, None, &line("shop"))), ["admin", "bob"]);
    assert_eq!(
        names(offered(
            &r,
            None,
            &["authgate", "delete", "--app=blog", "--username", ""]
        )),
        ["editor"]
    );
    // Without --app: every username of the organization.
    assert_eq!(
        names(offered(&r, None, &["authgate", "update", "--username", ""])),
        ["admin", "bob", "editor"]
    );
    // Another organization's application is not found: nothing.
    assert!(names(offered(&r, None, &line("shopfront"))).is_empty());
    assert_eq!(
        names(offered(
            &r,
            Some(&carol),
            &["authgate", "show", "--username", ""]
        )),
        ["mallory"]
    );
    // `create --username` names a new credential: no existing usernames.
    assert!(
        names(offered(
            &r,
            None,
            &["authgate", "create", "--app", "shop", "--username", ""]
        ))
        .is_empty()
    );
}

#[test]
fn members_and_viewers_see_only_their_granted_applications() {
    let r = Registry::with_app();
    two_organizations(&r);
    let viewer = r.add_user("vera", "viewer");
    let member = r.add_user("max", "member");
    r.ok(&["app", "grant", "blog", "--user", "vera"]);
    assert_eq!(
        names(offered(
            &r,
            Some(&viewer),
            &["authgate", "show", "--app", ""]
        )),
        ["blog"]
    );
    assert_eq!(
        names(offered(
            &r,
            Some(&viewer),
            &["authgate", "show", "--username", ""]
        )),
        ["editor"]
    );
    assert!(
        names(offered(
            &r,
            Some(&viewer),
            &["authgate", "show", "--app", "shop", "--username", ""]
        ))
        .is_empty()
    );
    // A member without a grant sees nothing.
    assert!(
        names(offered(
            &r,
            Some(&member),
            &["authgate", "list", "--app", ""]
        ))
        .is_empty()
    );
}

#[test]
fn setting_names_complete_without_a_registry() {
    let r = Registry::empty();
    let offered = names(offered(&r, None, &["authgate", "settings", "set", ""]));
    for name in [
        "traefik-dir",
        "bcrypt-cost",
        "max-bcrypt-cost",
        "min-password-score",
        "file-mode",
    ] {
        assert!(offered.contains(&name.to_string()), "{offered:?}");
    }
}

/// Without a registry, without a key, with a bad or revoked key, or in an
/// organization one is not a member of: no names, nothing on stderr, exit
/// 0; subcommands and options still complete.
#[test]
fn without_a_usable_key_or_registry_nothing_is_offered_silently() {
    let empty = Registry::empty();
    assert!(names(offered(&empty, None, &["authgate", "show", "--app", ""])).is_empty());
    assert!(offered(&empty, None, &["authgate", "cr"]).contains(&"create".to_string()));

    let r = Registry::with_app();
    std::fs::remove_file(r.credentials_file()).unwrap();
    assert!(names(offered(&r, None, &["authgate", "show", "--app", ""])).is_empty());
    let bad = "ag_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    assert!(names(offered(&r, Some(bad), &["authgate", "show", "--app", ""])).is_empty());
    assert!(
        names(offered(
            &r,
            Some("not a key"),
            &["authgate", "list", "--app", ""]
        ))
        .is_empty()
    );
    let r = Registry::with_app();
    let key = r.json(&["apikey", "create", "--name", "spare"])["apiKey"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        names(offered(&r, Some(&key), &["authgate", "show", "--app", ""])),
        ["shop"]
    );
    let key_id = key.split('_').nth(1).unwrap();
    r.ok(&["apikey", "revoke", key_id]);
    assert!(names(offered(&r, Some(&key), &["authgate", "show", "--app", ""])).is_empty());
    assert!(
        names(offered(
            &r,
            None,
            &["authgate", "--org", "nowhere", "show", "--app", ""]
        ))
        .is_empty()
    );
    // A file that is not a registry, named on the line.
    let junk = r.dir.path().join("junk.db");
    std::fs::write(&junk, "not a database\n").unwrap();
    let junk = junk.to_str().unwrap();
    assert!(
        names(offered(
            &r,
            None,
            &["authgate", "--db", junk, "show", "--app", ""]
        ))
        .is_empty()
    );
}

/// The registry named on the line (`--db`) or by `AUTHGATE_DB` is the one
/// completed from.
#[test]
fn the_registry_is_the_one_the_line_names() {
    let r = Registry::with_app();
    let other = Registry::new();
    other.ok(&["app", "add", "--app-name", "wiki"]);
    let db = other.db();
    let db = db.to_str().unwrap();
    let key_file = other.credentials_file();
    let key_file = key_file.to_str().unwrap();
    let line = [
        "authgate",
        "--db",
        db,
        "--api-key-file",
        key_file,
        "show",
        "--app",
        "",
    ];
    assert_eq!(names(offered(&r, None, &line)), ["wiki"]);
    let ran = r
        .run(["--", "authgate", "show", "--app", ""])
        .env("AUTHGATE_COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "3")
        .env("AUTHGATE_DB", db)
        .as_key(&other.owner_key())
        .ok()
        .no_stderr();
    assert_eq!(ran.stdout().trim(), "wiki");
}

/// Completing writes nothing: not the database (no audit row, no
/// `last_used_at`, no migration), not the Traefik directory.
#[test]
fn completing_changes_no_byte() {
    let r = Registry::with_app();
    let carol = two_organizations(&r);
    let viewer = r.add_user("vera", "viewer");
    r.ok(&["app", "grant", "blog", "--user", "vera"]);
    // Counted first: the test's own connection checkpoints the WAL as it
    // closes.
    let audit_rows = r.count("SELECT count(*) FROM audit_log");
    let before = r.all_bytes();
    for key in [
        None,
        Some(carol.as_str()),
        Some(viewer.as_str()),
        Some("ag_x_y"),
    ] {
        offered(&r, key, &["authgate", "show", "--app", ""]);
        offered(
            &r,
            key,
            &["authgate", "show", "--app", "shop", "--username", ""],
        );
        offered(&r, key, &["authgate", "--org", "beta", "list", "--app", ""]);
    }
    assert!(
        r.all_bytes() == before,
        "completion changed the registry's bytes"
    );
    assert_eq!(r.count("SELECT count(*) FROM audit_log"), audit_rows);
    assert_eq!(
        r.count("SELECT count(*) FROM api_keys WHERE last_used_at IS NULL AND name = 'default' AND user_id = (SELECT user_id FROM users WHERE name = 'vera')"),
        1,
        "the viewer's key was never recorded as used"
    );
}

/// The committed bash script, sourced as bash-completion does, calls the
/// `authgate` on PATH and fills COMPREPLY with the names.
#[test]
fn the_bash_script_completes_app_names_and_usernames() {
    let r = Registry::with_app();
    two_organizations(&r);
    let apps = r.bash_complete(&["authgate", "show", "--app", "s"]);
    assert_eq!(apps, ["shelf", "shop"]);
    let users = r.bash_complete(&["authgate", "delete", "--app", "shop", "--username", "a"]);
    assert_eq!(users, ["admin"]);
    let settings = r.bash_complete(&["authgate", "settings", "set", "file"]);
    assert_eq!(settings, ["file-mode"]);
    // Without a key: no names, and no message in the middle of the line.
    let none = r.bash_complete_with(
        &[("AUTHGATE_API_KEY", "ag_x_y")],
        &["authgate", "show", "--app", "s"],
    );
    assert!(none.is_empty(), "{none:?}");
}

#[test]
fn a_complete_variable_meant_for_another_program_changes_nothing() {
    let r = Registry::with_app();
    r.run(["app", "list"])
        .env("COMPLETE", "1")
        .ok()
        .stdout_has("shop");
}
