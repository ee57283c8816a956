//! `--dry-run` on every mutating command: it leaves every byte of the
//! registry (database, WAL, Traefik directory, credentials file) as it was,
//! exits as the real run then does, and prints as a unified diff exactly
//! the change the real run then makes to each Traefik file, every hash
//! masked as its scheme. The Redis side is in `redis`.

use authgate::domain::password::scheme::mask;

use crate::common::*;

/// The unified diff from `before` to `after` of a file of the directory,
/// as a dry run prints it: made from the real texts, hashes masked.
fn expected_diff(name: &str, before: Option<&str>, after: Option<&str>) -> String {
    let old = before.map_or("/dev/null".to_string(), |_| format!("a/{name}.yml"));
    let new = after.map_or("/dev/null".to_string(), |_| format!("b/{name}.yml"));
    let diff = similar::TextDiff::from_lines(before.unwrap_or(""), after.unwrap_or(""));
    mask(&diff.unified_diff().header(&old, &new).to_string())
}

fn read(r: &Registry, app: &str) -> Option<String> {
    std::fs::read_to_string(r.file(app)).ok()
}

fn audit_rows(r: &Registry) -> i64 {
    r.count("SELECT count(*) FROM audit_log")
}

/// Runs `args` with `--dry-run`, then for real, with the same stdin: the
/// dry run exits `code` and changes no byte; the real run exits `code` too;
/// and the dry run printed the diff of each of `apps`' files between before
/// and after the real run, in that order. Returns the dry run.
#[track_caller]
fn dry_then_real(r: &Registry, args: &[&str], stdin: &str, code: i32, apps: &[&str]) -> Ran {
    let bytes = r.all_bytes();
    let before: Vec<Option<String>> = apps.iter().map(|a| read(r, a)).collect();
    let dry = r
        .run(args)
        .arg("--dry-run")
        .stdin(stdin)
        .code(code)
        .stdout_lacks("$2y$")
        .stdout_lacks("$apr1$")
        .stdout_lacks("{SHA}");
    if r.all_bytes() != bytes {
        dry.fail("the dry run changed the registry's bytes");
    }
    r.run(args).stdin(stdin).code(code);
    let expected: String = apps
        .iter()
        .zip(&before)
        .map(|(app, before)| expected_diff(app, before.as_deref(), read(r, app).as_deref()))
        .collect();
    if code == 0 {
        if expected.is_empty() {
            dry.fail("the real run changed no file: the test proves nothing");
        }
        if dry.stdout() != expected {
            dry.fail(format_args!(
                "the dry run's diff is not the real run's change, which is:\n{expected}"
            ));
        }
        dry.stderr_has("dry run: ")
            .stderr_has("nothing was changed")
    } else {
        dry.no_stdout()
    }
}

/// A registry with `shop` holding `admin` (a known password).
fn shop_with_admin() -> Registry {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "admin's first password");
    r
}

#[test]
fn credential_commands_print_the_change_the_real_run_makes() {
    let r = shop_with_admin();
    let create = [
        "create",
        "--app",
        "shop",
        "--username",
        "bob",
        "--password-stdin",
    ];
    dry_then_real(&r, &create, "bob's password", 0, &["shop"])
        .stdout_has("+        - bob:<bcrypt>")
        .stderr_has("would add credential 'bob' to 'shop'");
    // A new password: the hash line changes, masked alike on both sides.
    let update = [
        "update",
        "--app",
        "shop",
        "--username",
        "admin",
        "--password-stdin",
    ];
    dry_then_real(&r, &update, "admin's second password", 0, &["shop"])
        .stdout_has("-        - admin:<bcrypt>\n+        - admin:<bcrypt>\n");
    let rename = [
        "update",
        "--app",
        "shop",
        "--username",
        "bob",
        "--new-username",
        "carol",
    ];
    dry_then_real(&r, &rename, "", 0, &["shop"]).stdout_has("+        - carol:<bcrypt>");
    let apr1 = [
        "update",
        "--app",
        "shop",
        "--username",
        "carol",
        "--password-stdin",
        "--hash",
        "apr1",
    ];
    dry_then_real(&r, &apr1, "carol's password", 0, &["shop"])
        .stdout_has("+        - carol:<apr1>");
    dry_then_real(
        &r,
        &["delete", "--app", "shop", "--username", "carol"],
        "",
        0,
        &["shop"],
    )
    .stdout_has("-        - carol:<apr1>");
    // The last credential: the middleware goes, and the warning says so
    // in the conditional.
    dry_then_real(
        &r,
        &["delete", "--app", "shop", "--username", "admin"],
        "",
        0,
        &["shop"],
    )
    .stdout_has("-      - shop-auth")
    .stderr_has("shop would be publicly accessible");
}

#[test]
fn a_generated_password_is_neither_set_nor_shown() {
    let r = shop_with_admin();
    let create = [
        "create",
        "--app",
        "shop",
        "--username",
        "ci",
        "--generate",
        "--length",
        "30",
    ];
    let dry = dry_then_real(&r, &create, "", 0, &["shop"])
        .stderr_lacks("the generated password is shown once")
        .stderr_has("none is set or shown now");
    // Nothing on stdout but the diff: no record, no password.
    assert!(dry.stdout().starts_with("--- a/shop.yml\n"), "{dry}");
    let json = r
        .run([
            "update",
            "--app",
            "shop",
            "--username",
            "ci",
            "--generate",
            "--dry-run",
        ])
        .json_output()
        .ok()
        .json();
    assert_eq!(json["dryRun"], true);
    assert!(json.get("password").is_none(), "{json}");
    let changes = json["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{json}");
    assert_eq!(changes[0]["sink"], "file");
    assert_eq!(changes[0]["path"], "shop.yml");
    assert_eq!(changes[0]["action"], "change");
    let diff = changes[0]["diff"].as_str().unwrap();
    assert!(
        diff.contains("-        - ci:<bcrypt>\n+        - ci:<bcrypt>\n"),
        "{diff}"
    );
    // -q: nothing on stdout, as there is no id to give.
    r.run([
        "delete",
        "--app",
        "shop",
        "--username",
        "ci",
        "--dry-run",
        "-q",
    ])
    .ok()
    .no_stdout();
}

#[test]
fn application_commands_print_the_change_the_real_run_makes() {
    let r = Registry::new();
    let add = [
        "app",
        "add",
        "app-web",
        "--app-name",
        "web",
        "--domain",
        "web.example.com",
        "--upstream",
        "http://10.0.0.7:80",
    ];
    dry_then_real(&r, &add, "", 0, &["web"])
        .stdout_has("--- /dev/null\n+++ b/web.yml\n")
        .stderr_has("web.example.com would be served publicly");
    r.add_credential("web", "admin", "a password for web");
    let rules = ["app", "update", "web", "--public-path", "/health", "--tls"];
    dry_then_real(&r, &rules, "", 0, &["web"]).stdout_has("web.public");
    // A rename writes the new file and removes the old one.
    let rename = ["app", "update", "web", "--app-name", "site"];
    dry_then_real(&r, &rename, "", 0, &["site", "web"])
        .stdout_has("+++ b/site.yml")
        .stdout_has("--- a/web.yml\n+++ /dev/null\n");
    dry_then_real(&r, &["app", "remove", "site"], "", 0, &["site"])
        .stdout_has("--- a/site.yml\n+++ /dev/null\n")
        .stderr_has("would remove application 'site' with 1 credential(s)");
    assert!(!r.file("site").exists() && !r.file("web").exists());
}

#[test]
fn a_switch_with_rotation_names_the_credentials_but_never_a_secret() {
    let r = shop_with_admin();
    r.add_credential("shop", "bob", "bob's password");
    let switch = ["app", "update", "shop", "--fast-auth", "--rotate"];
    dry_then_real(&r, &switch, "", 0, &["shop"])
        .stdout_has("-        - admin:<bcrypt>")
        .stdout_has("+        - admin:<sha1>")
        .stderr_has("2 credential(s) would get a newly generated password")
        .stderr_has("none is set or shown now");
    let back = [
        "app",
        "update",
        "shop",
        "--no-fast-auth",
        "--rotate",
        "--dry-run",
    ];
    let json = r.run(back).json_output().ok().json();
    let rotated = json["rotated"].as_array().unwrap();
    assert_eq!(rotated.len(), 2, "{json}");
    for entry in rotated {
        assert_eq!(entry["hashScheme"], "bcrypt", "{json}");
        assert!(entry.get("password").is_none(), "{json}");
    }
    assert_eq!(
        r.count("SELECT count(*) FROM security WHERE password_hash LIKE '{SHA}%'"),
        2
    );
}

#[test]
fn import_prints_the_change_and_keeps_its_report() {
    let r = shop_with_admin();
    let htpasswd = r.dir.path().join("htpasswd");
    std::fs::write(
        &htpasswd,
        "amy:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\nbo:$apr1$r31.....$HqJZimcKQFAMYayBlzkrA/\n",
    )
    .unwrap();
    let path = htpasswd.to_str().unwrap();
    let import = ["import", "--app", "shop", path];
    dry_then_real(&r, &import, "", 0, &["shop"])
        .stdout_has("+        - amy:<sha1>")
        .stdout_has("+        - bo:<apr1>")
        .stderr_has("would import into 'shop': 2 added, 0 replaced, 0 skipped");
    // Nothing left to import: no file would change, and the dry run says so.
    let again = r
        .run(["import", "--app", "shop", path, "--dry-run"])
        .ok()
        .no_stdout();
    again.stderr_has("no Traefik file or key would change");
}

#[test]
fn expire_prints_the_withdrawal_the_real_run_makes() {
    let r = shop_with_admin();
    r.set_now(T0);
    r.run([
        "create",
        "--app",
        "shop",
        "--username",
        "temp",
        "--password-stdin",
    ])
    .args(["--expires-in", "1h"])
    .stdin("a temporary password")
    .ok();
    // The hour has passed since it was published. The first command at
    // the new time records the key's use (once a minute), so that the dry
    // run does not.
    r.set_now(T0_PLUS_2H);
    r.ok(&["list", "--expired"]);
    dry_then_real(&r, &["expire"], "", 0, &["shop"])
        .stdout_has("-        - temp:<bcrypt>")
        .stderr_has("would withdraw 1 expired credential(s) from 1 application(s)");
    r.run(["expire", "--dry-run"])
        .ok()
        .no_stdout()
        .stderr_has("nothing to do");
}

#[test]
fn grants_change_no_file_and_a_dry_run_changes_no_row() {
    let r = Registry::with_app();
    r.add_user("bob", "member");
    let bytes = r.all_bytes();
    r.run(["app", "grant", "shop", "--user", "bob", "--dry-run"])
        .ok()
        .no_stdout()
        .stderr_has("would grant 'bob' access to 'shop'")
        .stderr_has("no Traefik file or key would change");
    assert_eq!(r.all_bytes(), bytes);
    r.ok(&["app", "grant", "shop", "--user", "bob"]);
    assert_eq!(r.count("SELECT count(*) FROM app_grants"), 1);
    r.run(["app", "revoke", "shop", "--user", "bob", "--dry-run"])
        .ok()
        .stderr_has("would revoke 'bob' access to 'shop'");
    assert_eq!(r.count("SELECT count(*) FROM app_grants"), 1);
}

#[test]
fn a_failing_dry_run_exits_as_the_real_run_and_audits_nothing() {
    let r = shop_with_admin();
    let audited = audit_rows(&r);
    let create = [
        "create",
        "--app",
        "shop",
        "--username",
        "admin",
        "--password-stdin",
    ];
    dry_then_real(&r, &create, "another password", 5, &["shop"]);
    assert_eq!(
        audit_rows(&r),
        audited + 1,
        "only the real run's failure is audited"
    );
    dry_then_real(
        &r,
        &["delete", "--app", "shop", "--username", "nobody"],
        "",
        3,
        &[],
    );
    dry_then_real(&r, &["app", "add", "--app-name", "shop"], "", 5, &[]);
    // A denial: not audited, and the viewer's key is not even marked used.
    let viewer = r.add_user("vera", "viewer");
    let bytes = r.all_bytes();
    r.run([
        "create",
        "--app",
        "shop",
        "--username",
        "v",
        "--password-stdin",
        "--dry-run",
    ])
    .stdin("a password")
    .as_key(&viewer)
    .code(4);
    assert_eq!(
        r.all_bytes(),
        bytes,
        "no denial row, no last use of the key"
    );
    r.run([
        "create",
        "--app",
        "shop",
        "--username",
        "v",
        "--password-stdin",
    ])
    .stdin("a password")
    .as_key(&viewer)
    .code(4);
    assert_ne!(r.all_bytes(), bytes, "the real run audits its denial");
}

/// A grown WAL is emptied by a process that changed something as it
/// closes the registry; a dry run changed nothing and leaves it as it is.
#[test]
fn a_dry_run_leaves_a_grown_wal_as_it_is() {
    let r = shop_with_admin();
    {
        let conn = r.sql();
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .unwrap();
        conn.execute(
            "INSERT INTO settings (key, value) VALUES ('filler', ?1)",
            [&"x".repeat(1024 * 1024)],
        )
        .unwrap();
    }
    let wal = r.db().with_extension("db-wal");
    assert!(std::fs::metadata(&wal).unwrap().len() > 512 * 1024);
    let create = [
        "create",
        "--app",
        "shop",
        "--username",
        "bob",
        "--password-stdin",
    ];
    dry_then_real(&r, &create, "bob's password", 0, &["shop"]);
}

#[test]
fn sync_and_audit_prune_dry_runs_change_nothing_and_show_the_drift() {
    let r = shop_with_admin();
    let text = read(&r, "shop").unwrap();
    // A key last used long ago (a real run would note its use), and a
    // command that died after writing a file it never committed.
    r.sql()
        .execute(
            "UPDATE api_keys SET last_used_at = '2020-01-01T00:00:00.000Z'",
            [],
        )
        .unwrap();
    r.sql()
        .execute(
            "INSERT INTO publish_intents (token, app_name, owner, created_at) VALUES ('t', 'shop', 'gone:1', 'now')",
            [],
        )
        .unwrap();
    std::fs::write(r.file("shop"), text.replace("- admin:", "- intruder:")).unwrap();
    let before = r.all_bytes();
    r.run(["sync", "--dry-run"]).ok().stdout_has("different");
    r.run(["audit", "prune", "--older-than", "365d", "--dry-run"])
        .ok();
    assert!(r.all_bytes() == before, "a dry run changed bytes");
    // The next real command puts the file back.
    r.run(["list"]).ok();
    assert_eq!(read(&r, "shop").unwrap(), text);
}
