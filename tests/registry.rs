//! The registry: init, organizations, users, API keys, applications, and
//! organization-scoped authorization, driven through the real binary.

use std::os::unix::fs::PermissionsExt;

use crate::common::*;

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// alice owns "acme"; carol owns "beta" and nothing else. Returns carol's key.
fn second_tenant(r: &Registry) -> String {
    r.ok(&["org", "create", "beta"]);
    let carol = r.json(&[
        "--org", "beta", "user", "create", "carol", "--role", "owner",
    ]);
    carol["apiKey"].as_str().unwrap().to_string()
}

#[test]
fn init_then_app_add_writes_exactly_the_router_and_service() {
    let r = Registry::new();
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "shop",
        "--domain",
        "shop.example.com",
        "--domain",
        "www.shop.example.com",
        "--upstream",
        "http://10.0.0.5:3000",
    ]);
    let text = std::fs::read_to_string(r.file("shop")).unwrap();
    assert!(!text.contains("{{"));
    let y: serde_norway::Value = serde_norway::from_str(&text).unwrap();
    let http = y["http"].as_mapping().unwrap();
    let keys: Vec<_> = http.keys().map(|k| k.as_str().unwrap()).collect();
    assert_eq!(keys, ["routers", "services"], "no middlewares section");
    let router = &y["http"]["routers"]["shop"];
    assert_eq!(
        router["rule"].as_str().unwrap(),
        "Host(`shop.example.com`) || Host(`www.shop.example.com`)"
    );
    assert_eq!(router["service"].as_str().unwrap(), "shop");
    assert!(router.get("middlewares").is_none());
    assert_eq!(y["http"]["routers"].as_mapping().unwrap().len(), 1);
    assert_eq!(
        y["http"]["services"]["shop"]["loadBalancer"]["servers"][0]["url"]
            .as_str()
            .unwrap(),
        "http://10.0.0.5:3000"
    );
    assert_eq!(mode(&r.file("shop")), 0o640);
    // No temp files left behind: the file, and the subdirectory where
    // writes are staged, empty.
    let mut names: Vec<_> = std::fs::read_dir(r.traefik_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, [".authgate", "shop.yml"]);
    let staging = r.traefik_dir().join(".authgate");
    assert_eq!(std::fs::read_dir(&staging).unwrap().count(), 0);
    assert_eq!(mode(&staging), 0o750);
}

#[test]
fn init_prints_the_static_configuration_and_refuses_a_second_time() {
    let r = Registry::empty();
    let out = r
        .run([
            "init", "--org", "acme", "--user", "alice", "--cost", TEST_COST,
        ])
        .ok();
    let snippet: serde_norway::Value = serde_norway::from_str(out.stdout()).unwrap();
    assert_eq!(
        snippet["providers"]["file"]["directory"].as_str().unwrap(),
        r.traefik_dir().to_str().unwrap()
    );
    assert_eq!(snippet["providers"]["file"]["watch"].as_bool(), Some(true));
    assert!(r.traefik_dir().is_dir());

    let before = (std::fs::read(r.db()).unwrap(), r.owner_key());
    r.run(["init", "--org", "other", "--user", "mallory"])
        .code(5)
        .stderr_has("already initialized");
    assert_eq!(before, (std::fs::read(r.db()).unwrap(), r.owner_key()));
    assert_eq!(r.count("SELECT count(*) FROM organizations"), 1);
    assert_eq!(r.count("SELECT count(*) FROM users"), 1);
}

#[test]
fn database_and_credentials_file_are_private() {
    let r = Registry::new();
    assert_eq!(mode(&r.db()), 0o600);
    assert_eq!(mode(&r.credentials_file()), 0o600);
    assert!(r.owner_key().starts_with("ag_"));
    // The key is stored only as a digest.
    let secret = r.owner_key().rsplit('_').next().unwrap().to_string();
    let occurrences = r
        .all_bytes()
        .windows(secret.len())
        .filter(|w| *w == secret.as_bytes())
        .count();
    assert_eq!(
        occurrences, 1,
        "the secret appears only in the credentials file"
    );
}

#[test]
fn a_group_readable_credentials_file_is_refused() {
    let r = Registry::new();
    std::fs::set_permissions(r.credentials_file(), std::fs::Permissions::from_mode(0o644)).unwrap();
    r.run(["app", "list"]).code(4).stderr_has("chmod 600");
}

#[test]
fn another_organizations_application_is_indistinguishable_from_a_missing_one() {
    let r = Registry::with_app();
    let carol = second_tenant(&r);
    let shop_id = r.json(&["app", "show", "shop"])["applicationId"]
        .as_str()
        .unwrap()
        .to_string();
    let before = std::fs::read(r.file("shop")).unwrap();

    let attempts: [&[&str]; 4] = [
        &["app", "show", "{}"],
        &["app", "update", "{}", "--name", "Stolen"],
        &["app", "remove", "{}"],
        &[
            "create",
            "--app",
            "{}",
            "--username",
            "x",
            "--password",
            "pw-long-enough",
        ],
    ];
    for args in attempts {
        for target in [shop_id.as_str(), "shop"] {
            let run = |name: &str| {
                let args = args.iter().map(|a| a.replace("{}", name));
                r.run(args).as_key(&carol).code(3)
            };
            let real = run(target).stderr_has("not found in organization 'beta'");
            let absent = run("app-does-not-exist");
            assert_eq!(
                real.stderr().replace(target, "X"),
                absent.stderr().replace("app-does-not-exist", "X"),
                "same message for absent and foreign"
            );
        }
    }
    assert_eq!(before, std::fs::read(r.file("shop")).unwrap());
    assert_eq!(
        r.count("SELECT count(*) FROM applications WHERE name = 'shop'"),
        1
    );
    // carol's app list does not show it either.
    let list = r.run(["app", "list", "-o", "json"]).as_key(&carol).ok();
    assert_eq!(list.stdout().trim(), "[]");
    // Every denial is audited, with the actor and what was tried.
    assert_eq!(
        r.count(
            "SELECT count(*) FROM audit_log WHERE actor_name = 'carol' AND outcome = 'denied'
             AND target IN ('shop', (SELECT application_id FROM applications WHERE app_name = 'shop'))"
        ),
        8
    );
}

#[test]
fn members_need_a_grant_and_viewers_cannot_mutate() {
    let r = Registry::with_app();
    let bob = r.add_user("bob", "member");
    r.run(["app", "show", "shop"])
        .as_key(&bob)
        .code(4)
        .stderr_has("not authorized");
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE actor_name = 'bob' AND outcome = 'denied'"),
        1
    );
    // Members cannot manage the organization's applications or users.
    r.run(["app", "add", "--app-name", "bobs"])
        .as_key(&bob)
        .code(4);
    r.run(["user", "create", "eve", "--role", "owner"])
        .as_key(&bob)
        .code(4);

    r.ok(&["app", "grant", "shop", "--user", "bob"]);
    r.cmd_as(&bob)
        .args(["app", "show", "shop"])
        .assert()
        .success();
    let listed = r.run(["app", "list", "-q"]).as_key(&bob).ok();
    assert_eq!(listed.stdout().lines().count(), 1);

    let viewer = r.add_user("vera", "viewer");
    r.ok(&["app", "grant", "shop", "--user", "vera"]);
    r.cmd_as(&viewer)
        .args(["app", "show", "shop"])
        .assert()
        .success();
    r.run(["app", "update", "shop", "--name", "x"])
        .as_key(&viewer)
        .code(4);
    r.ok(&["app", "revoke", "shop", "--user", "bob"]);
    r.cmd_as(&bob)
        .args(["app", "show", "shop"])
        .assert()
        .code(4);
}

#[test]
fn bad_missing_and_revoked_api_keys_are_refused_with_exit_4() {
    let r = Registry::with_app();
    for key in ["nonsense", "ag_0000000000000000_wrongsecret"] {
        // Refused, saying how to fix it.
        r.run(["app", "list"])
            .as_key(key)
            .code(4)
            .stderr_has("AUTHGATE_API_KEY");
    }
    // A valid key id with the wrong secret.
    let owner = r.owner_key();
    let last = if owner.ends_with('x') { 'y' } else { 'x' };
    let tampered = format!("{}{last}", &owner[..owner.len() - 1]);
    r.cmd_as(&tampered).args(["app", "list"]).assert().code(4);

    // No key at all.
    std::fs::remove_file(r.credentials_file()).unwrap();
    r.run(["app", "list"]).code(4).stderr_has("no API key");

    // A revoked key, and --api-key-file taking precedence over the env.
    let created = r
        .run(["apikey", "create", "--name", "cron", "-o", "json"])
        .as_key(&owner)
        .ok()
        .json();
    let cron = created["apiKey"].as_str().unwrap();
    let key_file = r.dir.path().join("cron.key");
    std::fs::write(&key_file, format!("{cron}\n")).unwrap();
    // A key file that others can read is refused like the credentials file.
    std::fs::set_permissions(
        &key_file,
        std::os::unix::fs::PermissionsExt::from_mode(0o644),
    )
    .unwrap();
    r.run(["--api-key-file", key_file.to_str().unwrap(), "app", "list"])
        .as_key("garbage")
        .code(4)
        .stderr_has("accessible by other users");
    std::fs::set_permissions(
        &key_file,
        std::os::unix::fs::PermissionsExt::from_mode(0o600),
    )
    .unwrap();
    r.cmd_as("garbage")
        .args(["--api-key-file", key_file.to_str().unwrap(), "app", "list"])
        .assert()
        .success();
    r.cmd_as(&owner)
        .args(["apikey", "revoke", created["keyId"].as_str().unwrap()])
        .assert()
        .success();
    r.run(["app", "list"])
        .as_key(cron)
        .code(4)
        .stderr_has("revoked");
    r.cmd_as(&owner).args(["app", "list"]).assert().success();
}

#[test]
fn app_names_are_unique_across_organizations() {
    let r = Registry::with_app();
    let carol = second_tenant(&r);
    let err = r
        .run(["app", "add", "--app-name", "shop", "-o", "json"])
        .as_key(&carol)
        .code(5)
        .stderr_json();
    assert_eq!(err["error"]["code"], "CONFLICT");
    assert_eq!(r.count("SELECT count(*) FROM applications"), 1);
}

#[test]
fn hostile_domains_are_refused_before_anything_is_written() {
    let r = Registry::new();
    for domain in [
        "shop.example.com`) || Host(`evil.com",
        "a.com||b.com",
        "a com",
        "x.com{{",
    ] {
        r.run(["app", "add", "--app-name", "shop", "--domain", domain])
            .args(["--upstream", "http://10.0.0.5:3000"])
            .code(2)
            .stderr_has("invalid domain");
    }
    for (flag, value) in [
        ("--upstream", "ftp://x"),
        ("--app-name", "Shop_1"),
        ("--realm", "a{{b"),
    ] {
        let mut args = vec![
            "app",
            "add",
            "--app-name",
            "ok",
            "--domain",
            "ok.example.com",
        ];
        if flag != "--upstream" {
            args.extend(["--upstream", "http://10.0.0.5:3000"]);
        }
        args.extend([flag, value]);
        r.cmd().args(&args).assert().code(2);
    }
    // Domains without upstreams (and the reverse) are refused too.
    r.cmd()
        .args([
            "app",
            "add",
            "--app-name",
            "shop",
            "--domain",
            "shop.example.com",
        ])
        .assert()
        .code(2);
    assert_eq!(r.count("SELECT count(*) FROM applications"), 0);
    assert_eq!(std::fs::read_dir(r.traefik_dir()).unwrap().count(), 0);
}

#[test]
fn app_update_renames_the_file_and_app_remove_deletes_file_and_rows() {
    let r = Registry::with_app();
    r.ok(&[
        "app",
        "update",
        "shop",
        "--app-name",
        "store",
        "--domain",
        "store.example.com",
        "--upstream",
        "http://10.0.0.6:80",
        "--cert-resolver",
        "le",
    ]);
    assert!(!r.file("shop").exists());
    let y = r.yaml("store").unwrap();
    assert_eq!(
        y["http"]["routers"]["store"]["rule"].as_str().unwrap(),
        "Host(`store.example.com`)"
    );
    assert_eq!(
        y["http"]["routers"]["store"]["tls"]["certResolver"]
            .as_str()
            .unwrap(),
        "le"
    );
    // Switching to external routing leaves nothing to write without credentials.
    r.ok(&["app", "update", "store", "--clear-routing"]);
    assert!(!r.file("store").exists());
    r.ok(&[
        "app",
        "update",
        "store",
        "--domain",
        "store.example.com",
        "--upstream",
        "http://h:1",
    ]);
    assert!(r.file("store").exists());

    r.ok(&["app", "remove", "store"]);
    assert!(!r.file("store").exists());
    assert_eq!(r.count("SELECT count(*) FROM applications"), 0);
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE action = 'app.remove' AND outcome = 'ok'"),
        1
    );
    r.cmd().args(["app", "show", "store"]).assert().code(3);
}

#[test]
fn a_database_from_a_newer_schema_is_refused_unchanged() {
    let r = Registry::with_app();
    r.sql().pragma_update(None, "user_version", 99).unwrap();
    let before = std::fs::read(r.db()).unwrap();
    r.run(["app", "list"])
        .code(2)
        .stderr_has("schema version 99")
        .stderr_has("upgrade authgate");
    assert_eq!(before, std::fs::read(r.db()).unwrap());
}

#[test]
fn a_missing_database_says_to_run_init() {
    let r = Registry::empty();
    r.run(["list"]).code(10).stderr_has("authgate init");
    assert!(!r.db().exists());
}

#[test]
fn organizations_roles_and_members() {
    let r = Registry::with_app();
    r.ok(&["org", "create", "beta"]);
    let orgs = r.json(&["org", "list"]);
    let names: Vec<_> = orgs
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["name"].as_str().unwrap(),
                o["role"].as_str().unwrap(),
                o["active"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(names, [("acme", "owner", true), ("beta", "owner", false)]);
    // --org acts elsewhere for one command; switch changes the default.
    r.ok(&["--org", "beta", "app", "add", "--app-name", "beta-app"]);
    assert_eq!(r.json(&["app", "list"]).as_array().unwrap().len(), 1);
    r.ok(&["org", "switch", "beta"]);
    let apps = r.json(&["app", "list"]);
    assert_eq!(apps[0]["appName"], "beta-app");
    r.cmd()
        .args(["--org", "nope", "app", "list"])
        .assert()
        .code(3);

    // Roles: an admin cannot make owners, the last owner stays.
    r.ok(&["org", "switch", "acme"]);
    let dave = r.add_user("dave", "admin");
    r.cmd_as(&dave)
        .args(["member", "set-role", "alice", "viewer"])
        .assert()
        .code(4);
    r.cmd()
        .args(["member", "set-role", "alice", "admin"])
        .assert()
        .code(5);
    r.ok(&["member", "set-role", "dave", "member"]);
    r.cmd_as(&dave)
        .args(["app", "add", "--app-name", "d"])
        .assert()
        .code(4);
    r.ok(&["member", "remove", "dave"]);
    r.cmd_as(&dave).args(["app", "list"]).assert().code(3);
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE action = 'org.switch' AND outcome = 'ok'"),
        2
    );
    let users = r.json(&["user", "list"]);
    assert_eq!(users.as_array().unwrap().len(), 1);
    assert!(
        r.count("SELECT count(*) FROM audit_log WHERE action IN ('member.set_role', 'member.remove', 'user.create') AND outcome = 'ok'")
            >= 3
    );
}

#[test]
fn settings_change_the_file_mode_and_cost_for_later_writes() {
    let r = Registry::with_app();
    assert_eq!(mode(&r.file("shop")), 0o640);
    let settings = r.json(&["settings", "list"]);
    assert_eq!(settings[1]["name"], "bcrypt-cost");
    assert_eq!(settings[1]["value"], TEST_COST);
    for (name, value) in [
        ("file-mode", "0666"),
        ("file-mode", "0755"),
        ("file-mode", "abc"),
        ("bcrypt-cost", "3"),
        ("traefik-dir", "/does/not/exist"),
        ("colour", "blue"),
    ] {
        r.cmd()
            .args(["settings", "set", name, value])
            .assert()
            .code(2);
    }
    let admin = r.add_user("dave", "admin");
    r.cmd_as(&admin)
        .args(["settings", "set", "file-mode", "0600"])
        .assert()
        .code(4);

    r.ok(&["settings", "set", "file-mode", "0600"]);
    r.ok(&["settings", "set", "bcrypt-cost", "5"]);
    r.add_credential("shop", "admin", "a long enough password");
    assert_eq!(mode(&r.file("shop")), 0o600);
    assert!(r.users("shop")[0].starts_with("admin:$2y$05$"));
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE action = 'settings.set' AND outcome = 'ok'"),
        2
    );
}

#[test]
fn installation_wide_operations_need_an_owner_of_the_first_organization() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a long enough password");
    let eve = r.add_user("eve", "viewer");
    // Anyone may create an organization of their own ...
    r.cmd_as(&eve)
        .args(["org", "create", "evil"])
        .assert()
        .success();
    // ... but owning it grants nothing over the installation.
    for args in [
        &["check"][..],
        &["sync"],
        &["settings", "set", "bcrypt-cost", "4"],
        &["settings", "set", "file-mode", "0644"],
        &["sink", "add", "redis", "redis://127.0.0.1:1/0"],
        &["sink", "remove", "main"],
    ] {
        r.run(["--org", "evil"]).args(args).as_key(&eve).code(4);
    }
    // Nor may anyone but them send writes to another directory.
    let elsewhere = r.dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let bob = r.add_user("bob", "member");
    r.ok(&["app", "grant", "shop", "--user", "bob"]);
    r.cmd_as(&bob)
        .args(["--traefik-dir", elsewhere.to_str().unwrap()])
        .args(["delete", "--app", "shop", "--username", "admin"])
        .assert()
        .code(4);
    assert_eq!(r.count("SELECT count(*) FROM security"), 1);
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    // The same directory as the registry's, spelled out, is fine.
    r.cmd_as(&bob)
        .args(["--traefik-dir", r.traefik_dir().to_str().unwrap(), "list"])
        .assert()
        .success();
}

#[test]
fn a_symlink_planted_as_the_temp_file_is_never_followed() {
    let r = Registry::with_app();
    let victim = r.dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    std::os::unix::fs::symlink(&victim, r.traefik_dir().join(".authgate/.shop.yml.tmp")).unwrap();
    r.add_credential("shop", "admin", "a long enough password");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(mode(&victim), 0o644);
    assert!(
        !std::fs::symlink_metadata(r.file("shop"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(r.users("shop").len(), 1);
}

#[test]
fn application_ids_and_app_names_share_one_namespace() {
    let r = Registry::new();
    r.ok(&["app", "add", "app-one", "--app-name", "foo"]);
    // An id equal to an app name (and the reverse) would make `foo` ambiguous.
    r.cmd()
        .args(["app", "add", "foo", "--app-name", "bar"])
        .assert()
        .code(5);
    r.cmd()
        .args(["app", "add", "x", "--app-name", "app-one"])
        .assert()
        .code(5);
    r.ok(&["app", "add", "app-two", "--app-name", "baz"]);
    r.cmd()
        .args(["app", "update", "baz", "--app-name", "app-one"])
        .assert()
        .code(5);
    assert_eq!(r.json(&["app", "show", "foo"])["applicationId"], "app-one");
}

#[test]
fn hashes_leave_only_to_those_who_may_change_them() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a long enough password");
    let vera = r.add_user("vera", "viewer");
    r.ok(&["app", "grant", "shop", "--user", "vera"]);
    r.cmd_as(&vera)
        .args(["show", "--app", "shop", "--username", "admin"])
        .assert()
        .success();
    r.cmd_as(&vera)
        .args([
            "show",
            "--app",
            "shop",
            "--username",
            "admin",
            "--show-hash",
        ])
        .assert()
        .code(4);
    r.cmd_as(&vera)
        .args(["export", "--app", "shop"])
        .assert()
        .code(4);
    let out = r.ok(&[
        "show",
        "--app",
        "shop",
        "--username",
        "admin",
        "--show-hash",
        "-o",
        "json",
    ]);
    assert!(out.contains("$2y$"));
}

#[test]
fn an_admin_cannot_revoke_the_keys_of_someone_who_belongs_elsewhere_too() {
    let r = Registry::with_app();
    let dave = r.add_user("dave", "admin");
    let bob = r.add_user("bob", "member");
    let bob_key_id = bob.split('_').nth(1).unwrap().to_string();
    // A viewer learns nothing about whether a key id exists.
    let vera = r.add_user("vera", "viewer");
    for id in [bob_key_id.as_str(), "0000000000000000"] {
        r.cmd_as(&vera)
            .args(["apikey", "revoke", id])
            .assert()
            .code(4);
    }
    // bob also owns an organization of his own.
    r.cmd_as(&bob)
        .args(["org", "create", "bobs"])
        .assert()
        .success();
    r.run(["apikey", "revoke", &bob_key_id])
        .as_key(&dave)
        .code(4)
        .stderr_has("other organizations");
    r.cmd_as(&bob).args(["list"]).assert().success();
}

/// The installation owner's last key cannot be revoked, nor the last owner
/// holding a key be demoted or removed: only SQL by hand would bring the
/// installation-wide commands back.
#[test]
fn the_last_active_key_of_an_installation_owner_is_not_revoked() {
    let r = Registry::new();
    let keys = r.json(&["apikey", "list"]);
    let first = keys[0]["keyId"].as_str().unwrap().to_string();
    let out = r.run(["apikey", "revoke", &first]).code(5);
    assert!(
        out.stderr()
            .contains("no owner of the installation would have an active API key left")
            && out.stderr().contains("authgate apikey create --name NAME"),
        "{}",
        out.stderr()
    );
    assert_eq!(
        r.count("SELECT count(*) FROM api_keys WHERE revoked_at IS NULL"),
        1
    );
    // A second owner without a key: demoting or removing the one owner
    // with a key is refused too.
    r.ok(&["user", "create", "olga", "--role", "owner"]);
    let olga_keys = r.count(
        "SELECT count(*) FROM api_keys k JOIN users u ON u.user_id = k.user_id WHERE u.name = 'olga'",
    );
    assert_eq!(olga_keys, 1);
    r.sql()
        .execute(
            "UPDATE api_keys SET revoked_at = '2026-01-01T00:00:00Z' WHERE user_id = (SELECT user_id FROM users WHERE name = 'olga')",
            [],
        )
        .unwrap();
    r.run(["member", "set-role", "alice", "admin"]).code(5);
    // With a second key of its own, the first one goes.
    let second = r.json(&["apikey", "create", "--name", "cron"]);
    let second_key = second["apiKey"].as_str().unwrap().to_string();
    r.run(["apikey", "revoke", &first]).as_key(&second_key).ok();
    r.run(["app", "list"]).as_key(&second_key).ok();
}

#[test]
fn writes_are_staged_beside_the_files_and_never_through_a_planted_staging_directory() {
    let r = Registry::with_app();
    let staging = r.traefik_dir().join(".authgate");
    assert!(staging.is_dir(), "app add staged its write");
    // Something else planted where writes are staged (a symlink to a
    // directory elsewhere): never followed; writes go through a temp file in
    // the directory itself, and check says why changes may be slower.
    std::fs::remove_dir(&staging).unwrap();
    let elsewhere = r.dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &staging).unwrap();
    r.add_credential("shop", "admin", "a long enough password");
    assert_eq!(r.users("shop").len(), 1);
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    let report = r.run(["check", "-o", "json"]).code(7).json();
    let findings = report.as_array().unwrap();
    assert_eq!(findings.len(), 1, "{report}");
    assert_eq!(findings[0]["status"], "stagingelsewhere", "{report}");
    // A temp file left there by an interrupted write is found and removed.
    std::fs::remove_file(&staging).unwrap();
    std::fs::create_dir(&staging).unwrap();
    std::fs::write(staging.join(".shop.yml.tmp"), "half a fi").unwrap();
    let report = r.run(["check", "-o", "json"]).code(7).json();
    assert_eq!(report[0]["status"], "temp", "{report}");
    r.ok(&["sync"]);
    assert_eq!(std::fs::read_dir(&staging).unwrap().count(), 0);
    r.ok(&["check"]);
}
