//! The credential commands (`create`, `show`, `update`, `delete`, `list`)
//! driven through the real binary, the way an operator or a cron job would:
//! exit codes, stdout/stderr, rows in the database, and the Traefik file
//! that results, with hashes checked by bcrypt itself.

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_norway::Value as Yaml;

use crate::common::*;

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

/// `authgate create --app APP --username=NAME --password-stdin`, as the owner,
/// with `password` piped in.
fn create(r: &Registry, app: &str, username: &str, password: &str) -> Ran {
    r.run(["create", "--app", app])
        .arg(format!("--username={username}"))
        .arg("--password-stdin")
        .stdin(password)
        .exec()
}

/// `authgate update --app APP --username=NAME --password-stdin`, as the owner.
fn rotate(r: &Registry, app: &str, username: &str, password: &str) -> Ran {
    r.run(["update", "--app", app])
        .arg(format!("--username={username}"))
        .arg("--password-stdin")
        .stdin(password)
        .exec()
}

/// The hash of `username` in the application's file. Checks that exactly one
/// `users` entry, split at its first ':', names that user.
fn hash_in_file(r: &Registry, app: &str, username: &str) -> String {
    let users = r.users(app);
    let hashes: Vec<&str> = users
        .iter()
        .filter_map(|entry| entry.split_once(':'))
        .filter(|(name, _)| *name == username)
        .map(|(_, hash)| hash)
        .collect();
    assert_eq!(
        hashes.len(),
        1,
        "expected one entry for {username:?} in {users:?}"
    );
    hashes[0].to_string()
}

fn verifies(password: &str, hash: &str) -> bool {
    bcrypt::verify(password, hash).expect("a valid bcrypt hash")
}

fn security_rows(r: &Registry) -> i64 {
    r.count("SELECT count(*) FROM security")
}

fn file_bytes(r: &Registry, app: &str) -> Option<Vec<u8>> {
    std::fs::read(r.file(app)).ok()
}

/// The row of a credential, to check that nothing about it changed.
fn security_row(r: &Registry, security_id: &str) -> (String, String, String, String) {
    r.sql()
        .query_row(
            "SELECT application_id, username, password_hash, updated_at
             FROM security WHERE security_id = ?1",
            [security_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .expect("credential row")
}

/// What authgate never writes, as Traefik would misread or reject it: no
/// template delimiters (the file provider runs Go templates), no empty list
/// or map (so no empty `users`, which Traefik refuses), no router pointing at
/// a missing middleware or service (the router would not load). A missing
/// file passes.
fn assert_sane_file(r: &Registry, app: &str) {
    let Ok(text) = std::fs::read_to_string(r.file(app)) else {
        return;
    };
    assert!(
        !text.contains("{{") && !text.contains("}}"),
        "template delimiter in {app}.yml:\n{text}"
    );
    let y: Yaml = serde_norway::from_str(&text).expect("valid YAML");
    assert_no_empty_collections(&y, &text);
    let http = &y["http"];
    if let Some(middlewares) = http.get("middlewares") {
        for (name, mw) in middlewares.as_mapping().expect("middlewares map") {
            let users = mw["basicAuth"]["users"]
                .as_sequence()
                .unwrap_or_else(|| panic!("{name:?} has no users list:\n{text}"));
            assert!(!users.is_empty(), "empty users list:\n{text}");
            for u in users {
                let entry = u.as_str().expect("users entries are strings");
                assert!(entry.contains(':'), "entry without ':' {entry:?}");
            }
        }
    }
    if let Some(routers) = http.get("routers") {
        for (name, router) in routers.as_mapping().expect("routers map") {
            let service = router["service"].as_str().expect("router service");
            assert!(
                http["services"].get(service).is_some(),
                "router {name:?} points at missing service {service}:\n{text}"
            );
            for m in router
                .get("middlewares")
                .and_then(Yaml::as_sequence)
                .into_iter()
                .flatten()
            {
                let m = m.as_str().expect("middleware name");
                assert!(
                    http["middlewares"].get(m).is_some(),
                    "router {name:?} points at missing middleware {m}:\n{text}"
                );
            }
        }
    }
}

fn assert_no_empty_collections(v: &Yaml, text: &str) {
    match v {
        Yaml::Mapping(m) => {
            assert!(!m.is_empty(), "empty map in:\n{text}");
            m.values()
                .for_each(|v| assert_no_empty_collections(v, text));
        }
        Yaml::Sequence(s) => {
            assert!(!s.is_empty(), "empty list in:\n{text}");
            s.iter().for_each(|v| assert_no_empty_collections(v, text));
        }
        _ => {}
    }
}

/// What Traefik does with `Authorization: Basic ...`: decode, split at the
/// first ':', find the user's entry, verify the password against its hash.
fn traefik_accepts(users: &[String], header: &str) -> bool {
    let encoded = header
        .strip_prefix("Authorization: Basic ")
        .expect("a Basic header");
    let decoded = String::from_utf8(BASE64.decode(encoded).expect("base64")).expect("utf-8");
    let (name, password) = decoded.split_once(':').expect("user:password");
    users
        .iter()
        .filter_map(|e| e.split_once(':'))
        .any(|(user, hash)| user == name && verifies(password, hash))
}

// ---------------------------------------------------------------------------
// 1. The original system's workflow
// ---------------------------------------------------------------------------

#[test]
fn workflow_create_authenticate_rotate_delete() {
    let r = Registry::with_app();
    let password = "s3cret:with:colons and spaces";

    // Protect the application.
    create(&r, "shop", "admin", password).ok();
    assert_sane_file(&r, "shop");

    let y = r.yaml("shop").expect("shop.yml");
    let router = &y["http"]["routers"]["shop"];
    assert_eq!(router["service"].as_str(), Some("shop"));
    assert_eq!(
        router["middlewares"],
        serde_norway::from_str::<Yaml>("[shop-auth]").unwrap()
    );
    let basic = &y["http"]["middlewares"]["shop-auth"]["basicAuth"];
    assert_eq!(basic["removeHeader"].as_bool(), Some(true));
    assert_eq!(basic["realm"].as_str(), Some("shop"));
    let users = r.users("shop");
    assert_eq!(users.len(), 1, "{users:?}");
    let (name, hash) = users[0].split_once(':').expect("user:hash");
    assert_eq!(name, "admin");
    assert!(hash.starts_with("$2y$"), "{hash}");
    assert!(verifies(password, hash));

    // A browser logging in.
    let header = format!(
        "Authorization: Basic {}",
        BASE64.encode(format!("admin:{password}"))
    );
    assert!(traefik_accepts(&users, &header));
    let wrong = format!(
        "Authorization: Basic {}",
        BASE64.encode("admin:not the password")
    );
    assert!(!traefik_accepts(&users, &wrong));

    // Rotate.
    let new_password = "a brand new password 2";
    rotate(&r, "shop", "admin", new_password).ok();
    assert_sane_file(&r, "shop");
    let hash = hash_in_file(&r, "shop", "admin");
    assert!(!verifies(password, &hash), "old password still accepted");
    assert!(verifies(new_password, &hash), "new password not accepted");
    assert!(!traefik_accepts(&r.users("shop"), &header));

    // Delete: the application is public again, and says so.
    r.run(["delete", "--app", "shop", "--username", "admin"])
        .ok()
        .stderr_has("shop is now publicly accessible");
    assert_sane_file(&r, "shop");
    let y = r.yaml("shop").expect("the file stays: router and service");
    let router = &y["http"]["routers"]["shop"];
    assert_eq!(router["service"].as_str(), Some("shop"));
    assert!(router.get("middlewares").is_none(), "{router:?}");
    assert!(y["http"].get("middlewares").is_none(), "{y:?}");
    assert!(y["http"]["services"].get("shop").is_some());
    assert_eq!(security_rows(&r), 0);
}

// ---------------------------------------------------------------------------
// 2. Several credentials, and duplicates
// ---------------------------------------------------------------------------

#[test]
fn two_credentials_are_sorted_and_a_duplicate_changes_nothing() {
    let r = Registry::with_app();
    r.add_credential("shop", "zed", "zed's password 1");
    r.add_credential("shop", "admin", "admin password 1");
    assert_sane_file(&r, "shop");

    let names: Vec<String> = r
        .users("shop")
        .iter()
        .map(|e| e.split_once(':').expect("user:hash").0.to_string())
        .collect();
    assert_eq!(names, ["admin", "zed"]);
    assert!(verifies(
        "zed's password 1",
        &hash_in_file(&r, "shop", "zed")
    ));
    assert!(verifies(
        "admin password 1",
        &hash_in_file(&r, "shop", "admin")
    ));

    let before = file_bytes(&r, "shop").expect("file");
    create(&r, "shop", "admin", "another password 2")
        .code(5)
        .stderr_has("username 'admin' already exists for application 'shop'");
    assert_eq!(file_bytes(&r, "shop").expect("file"), before);
    assert_eq!(
        r.count("SELECT count(*) FROM security WHERE username = 'admin'"),
        1
    );
    assert!(verifies(
        "admin password 1",
        &hash_in_file(&r, "shop", "admin")
    ));

    // The same conflict for scripts.
    let err = r
        .run(["create", "--app", "shop", "--username", "admin"])
        .args(["--password-stdin", "-o", "json"])
        .stdin("another password 2")
        .code(5)
        .no_stdout()
        .stderr_json();
    assert_eq!(err["error"]["code"], "CONFLICT");
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already exists"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------
// 3. Usernames that YAML would misread if built by hand
// ---------------------------------------------------------------------------

#[test]
fn awkward_usernames_round_trip_through_the_yaml() {
    let r = Registry::with_app();
    let names = ["x #ops", "- x", "'q", "yes", "null", "1e3", "ü"];
    let passwords: BTreeMap<&str, String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (*n, format!("password number {i} for this user")))
        .collect();
    for (name, password) in &passwords {
        create(&r, "shop", name, password).ok();
        assert_sane_file(&r, "shop");
    }

    let users = r.users("shop");
    assert_eq!(users.len(), names.len(), "{users:?}");
    for entry in &users {
        let (name, hash) = entry.split_once(':').expect("user:hash");
        let password = passwords
            .get(name)
            .unwrap_or_else(|| panic!("unexpected entry {entry:?}"));
        assert!(verifies(password, hash), "{entry:?}");
    }
    for name in names {
        // Each name can be found again by the CLI, too.
        let shown = r
            .run(["show", "--app", "shop"])
            .arg(format!("--username={name}"))
            .json_output()
            .ok()
            .json();
        assert_eq!(shown["username"], name);
        hash_in_file(&r, "shop", name);
    }
}

// ---------------------------------------------------------------------------
// 4. Rotation from a script, and no prompts without a terminal
// ---------------------------------------------------------------------------

#[test]
fn rotation_from_a_script_never_prompts() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "the first password");

    // Piped stdin, with the trailing newline `echo` adds.
    rotate(&r, "shop", "admin", "rotated by cron 2024\n").ok();
    let hash = hash_in_file(&r, "shop", "admin");
    assert!(verifies("rotated by cron 2024", &hash));
    assert!(!verifies("the first password", &hash));

    // No source and no terminal: an error, not a prompt.
    let before = file_bytes(&r, "shop");
    r.run(["update", "--app", "shop", "--username", "admin"])
        .code(2)
        .stderr_has("--password-stdin");
    assert_eq!(file_bytes(&r, "shop"), before);
    assert!(verifies(
        "rotated by cron 2024",
        &hash_in_file(&r, "shop", "admin")
    ));

    r.run(["create", "--app", "shop", "--username", "ci"])
        .code(2)
        .stderr_has("--password-stdin");
    assert_eq!(security_rows(&r), 1);
    assert_eq!(file_bytes(&r, "shop"), before);
}

// ---------------------------------------------------------------------------
// 5. Generated passwords
// ---------------------------------------------------------------------------

#[test]
fn generated_passwords_are_shown_once_and_verify() {
    let r = Registry::with_app();

    let v = r
        .run(["create", "--app", "shop", "--username", "ci", "--generate"])
        .json_output()
        .ok()
        .json();
    let password = v["password"].as_str().expect("generated password");
    assert_eq!(password.chars().count(), 24, "{password}");
    assert!(v.get("passwordHash").is_none(), "{v}");
    assert_eq!(v["username"], "ci");
    assert_eq!(v["appName"], "shop");
    assert_eq!(v["hashScheme"], "bcrypt");
    assert!(verifies(password, &hash_in_file(&r, "shop", "ci")));
    assert_sane_file(&r, "shop");

    // Shown once: `show` never prints it again.
    let shown = r.json(&["show", "--app", "shop", "--username", "ci"]);
    assert!(shown.get("password").is_none(), "{shown}");
    assert_eq!(shown["securityId"], v["securityId"]);

    let long = r
        .run(["create", "--app", "shop", "--username", "ci2", "--generate"])
        .args(["--length", "40"])
        .json_output()
        .ok()
        .json()["password"]
        .as_str()
        .expect("generated password")
        .to_string();
    assert_eq!(long.chars().count(), 40, "{long}");
    assert!(verifies(&long, &hash_in_file(&r, "shop", "ci2")));
    assert_ne!(long, password);
}

// ---------------------------------------------------------------------------
// 6. Refused input changes nothing
// ---------------------------------------------------------------------------

#[test]
fn refused_input_changes_neither_database_nor_file() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "an existing password");

    let too_long = "x".repeat(73);
    let too_long_multibyte = format!("{}a", "ü".repeat(36)); // 37 chars, 73 bytes
    let cases: [(&str, &str, &str); 8] = [
        ("73-byte password", "long", &too_long),
        ("73-byte multi-byte password", "long", &too_long_multibyte),
        ("':' in username", "a:b", "a fine password"),
        ("newline in username", "a\nb", "a fine password"),
        ("'{{' in username", "x{{y", "a fine password"),
        ("empty username", "", "a fine password"),
        ("empty password", "empty", ""),
        ("password of just a newline", "empty", "\n"),
    ];
    for (what, username, password) in cases {
        let rows = security_rows(&r);
        let before = file_bytes(&r, "shop").expect("file");
        let out = create(&r, "shop", username, password);
        if out.exit_code() != Some(2) {
            out.fail(format_args!("{what}: expected exit 2"));
        }
        assert_eq!(security_rows(&r), rows, "{what}: a row was written");
        assert_eq!(
            file_bytes(&r, "shop").expect("file"),
            before,
            "{what}: the file changed"
        );
    }
    create(&r, "shop", "long", &too_long)
        .code(2)
        .stderr_has("72");

    // Exactly 72 bytes is bcrypt's limit, and accepted, whole: typed,
    // multi-byte, or generated with the largest --length.
    let max = format!("{}-end", "p".repeat(68));
    let max_multibyte = "ü".repeat(36);
    assert_eq!((max.len(), max_multibyte.len()), (72, 72));
    create(&r, "shop", "max", &max).ok();
    create(&r, "shop", "max-ü", &max_multibyte).ok();
    let generated = r
        .run(["create", "--app", "shop", "--username", "max-gen"])
        .args(["--generate", "--length", "72"])
        .json_output()
        .ok()
        .json();
    let hash = hash_in_file(&r, "shop", "max");
    assert!(verifies(&max, &hash));
    assert!(!verifies(&format!("{}-enD", "p".repeat(68)), &hash));
    assert!(verifies(&max_multibyte, &hash_in_file(&r, "shop", "max-ü")));
    let password = generated["password"].as_str().expect("generated password");
    assert_eq!(password.len(), 72);
    assert!(verifies(password, &hash_in_file(&r, "shop", "max-gen")));
    assert_sane_file(&r, "shop");
}

// ---------------------------------------------------------------------------
// 7. Another organization sees nothing
// ---------------------------------------------------------------------------

#[test]
fn another_organization_cannot_tell_a_credential_exists() {
    let r = Registry::with_app();
    let id = r.add_credential("shop", "admin", "alice's own password");
    let row_before = security_row(&r, &id);
    let file_before = file_bytes(&r, "shop");

    r.ok(&["org", "create", "beta"]);
    let carol = r.json(&[
        "--org", "beta", "user", "create", "carol", "--role", "owner",
    ])["apiKey"]
        .as_str()
        .expect("apiKey")
        .to_string();
    let missing = "0192c0de-0000-7000-8000-000000000000";

    let as_carol = |verb: &str, target: &str| -> Ran {
        let run = r.run([verb, target]).as_key(&carol);
        let run = if verb == "update" {
            run.arg("--password-stdin").stdin("carol was here 123")
        } else {
            run
        };
        run.code(3)
    };
    for verb in ["show", "update", "delete"] {
        let real = as_carol(verb, &id).no_stdout();
        let absent = as_carol(verb, missing);
        assert_eq!(
            real.stderr().replace(&id, "<ID>"),
            absent.stderr().replace(missing, "<ID>"),
            "{verb}: the answer reveals that the credential exists"
        );
    }
    // By name: the application is not there either, as for any unknown app.
    let carol_shows = |app: &str| {
        r.run(["show", "--app", app, "--username", "admin"])
            .as_key(&carol)
            .code(3)
    };
    let by_name = carol_shows("shop");
    let unknown = carol_shows("nosuchapp");
    assert_eq!(
        by_name.stderr().replace("shop", "<APP>"),
        unknown.stderr().replace("nosuchapp", "<APP>")
    );

    assert_eq!(security_row(&r, &id), row_before);
    assert_eq!(file_bytes(&r, "shop"), file_before);
    for action in ["security.show", "security.update", "security.delete"] {
        assert_eq!(
            r.count(&format!(
                "SELECT count(*) FROM audit_log WHERE actor_name = 'carol'
                 AND outcome = 'denied' AND action = '{action}' AND target = '{id}'"
            )),
            1,
            "{action} denial not audited"
        );
    }
    // Every reach for acme's credential is a denial; the application that
    // exists nowhere (`nosuchapp`) reaches for nobody's data and is not.
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE actor_name = 'carol' AND outcome = 'denied'"),
        7
    );
}

// ---------------------------------------------------------------------------
// 8. Roles and grants
// ---------------------------------------------------------------------------

#[test]
fn members_need_a_grant_and_viewers_only_read() {
    let r = Registry::with_app();
    let id = r.add_credential("shop", "admin", "the admin password");
    let bob = r.add_user("bob", "member");
    let bob_creates = || {
        r.run(["create", "--app", "shop", "--username", "bob"])
            .arg("--password-stdin")
            .stdin("bob's password 123")
            .as_key(&bob)
    };

    bob_creates()
        .code(4)
        .stderr_has("You are not authorized to access this application");
    r.run(["show", "--app", "shop", "--username", "admin"])
        .as_key(&bob)
        .code(4);
    r.run(["show", &id]).as_key(&bob).code(4);
    assert_eq!(security_rows(&r), 1);

    r.ok(&["app", "grant", "shop", "--user", "bob"]);
    bob_creates().ok();
    assert!(verifies(
        "bob's password 123",
        &hash_in_file(&r, "shop", "bob")
    ));
    assert_sane_file(&r, "shop");

    let vera = r.add_user("vera", "viewer");
    r.ok(&["app", "grant", "shop", "--user", "vera"]);
    let shown = r
        .run(["show", "--app", "shop", "--username", "admin", "-o", "json"])
        .as_key(&vera)
        .ok()
        .json();
    assert_eq!(shown["securityId"], id.as_str());
    let listed: Vec<String> = r
        .run(["list", "-o", "json"])
        .as_key(&vera)
        .ok()
        .json()
        .as_array()
        .expect("array")
        .iter()
        .map(|c| c["username"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, ["admin", "bob"]);

    let file = file_bytes(&r, "shop");
    let row = security_row(&r, &id);
    let denied = [
        r.run(["create", "--app", "shop", "--username", "vera"])
            .arg("--password-stdin")
            .stdin("vera's password 123"),
        r.run(["update", &id, "--password-stdin"])
            .stdin("vera's password 123"),
        r.run(["update", &id, "--new-username", "vera"]),
        r.run(["delete", &id]),
    ];
    for run in denied {
        run.as_key(&vera).code(4);
    }
    assert_eq!(security_rows(&r), 2);
    assert_eq!(security_row(&r, &id), row);
    assert_eq!(file_bytes(&r, "shop"), file);
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE actor_name = 'vera' AND outcome = 'denied'"),
        4
    );
}

// ---------------------------------------------------------------------------
// 9. Secrets never leak
// ---------------------------------------------------------------------------

#[test]
fn passwords_never_reach_disk_or_output() {
    let r = Registry::with_app();
    let first = "Sup3r-Secret-Pa55word!";
    let second = "An0ther-Distinct-S3cret?";
    let third = "Th1rd-Env-Borne-Secr3t";
    let mut outputs: Vec<Ran> = vec![
        create(&r, "shop", "admin", first),
        create(&r, "shop", "admin", first), // a conflict, which is audited
        rotate(&r, "shop", "admin", second),
        r.run(["create", "--app", "shop", "--username", "env"])
            .args(["--password-env", "AG_TEST_PW"])
            .env("AG_TEST_PW", third)
            .exec(),
    ];
    for args in [
        &["show", "--app", "shop", "--username", "admin"][..],
        &["show", "--app", "shop", "--username", "admin", "-o", "json"],
        &[
            "show",
            "--app",
            "shop",
            "--username",
            "admin",
            "--show-hash",
        ],
        &["list"],
        &["list", "-o", "json"],
        &["list", "-o", "yaml"],
        &["delete", "--app", "shop", "--username", "env"],
        &[
            "delete",
            "--app",
            "shop",
            "--username",
            "admin",
            "-o",
            "json",
        ],
    ] {
        outputs.push(r.run(args).exec());
    }
    let codes: Vec<Option<i32>> = outputs.iter().map(Ran::exit_code).collect();
    assert_eq!(
        codes,
        [0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0].map(Some).to_vec()
    );

    let disk = r.all_bytes();
    for secret in [first, second, third] {
        let needle = secret.as_bytes();
        assert!(
            !disk.windows(needle.len()).any(|w| w == needle),
            "{secret} found on disk"
        );
        for out in &outputs {
            if out.stdout().contains(secret) || out.stderr().contains(secret) {
                out.fail(format_args!("{secret} printed"));
            }
        }
    }
}

// ---------------------------------------------------------------------------
// 10. The Traefik directory cannot be written
// ---------------------------------------------------------------------------

#[test]
fn an_unwritable_traefik_directory_rolls_the_change_back() {
    let r = Registry::with_app();
    let dir = r.traefik_dir();
    let before = file_bytes(&r, "shop").expect("file");
    let guard = Immutable::set(&dir);
    assert!(
        std::fs::write(dir.join("probe"), b"x").is_err(),
        "the directory is still writable despite chattr +i"
    );

    create(&r, "shop", "admin", "a password that fails")
        .code(1)
        .stderr_has(&dir.display().to_string());
    assert_eq!(
        r.count("SELECT count(*) FROM security WHERE username = 'admin'"),
        0
    );
    assert_eq!(file_bytes(&r, "shop").expect("file"), before);
    assert_eq!(
        r.count(
            "SELECT count(*) FROM audit_log WHERE action = 'security.create' AND outcome = 'error'"
        ),
        1
    );
    assert_eq!(
        r.count(
            "SELECT count(*) FROM audit_log WHERE action = 'security.create' AND outcome = 'ok'"
        ),
        0
    );

    // Once the directory is writable again, the same command works.
    drop(guard);
    create(&r, "shop", "admin", "a password that works").ok();
    assert!(verifies(
        "a password that works",
        &hash_in_file(&r, "shop", "admin")
    ));
    assert_sane_file(&r, "shop");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "shop.yml" && n != ".authgate")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let staged = std::fs::read_dir(dir.join(".authgate")).unwrap().count();
    assert_eq!(staged, 0, "no temp file is left where writes are staged");
}

// ---------------------------------------------------------------------------
// 11. Removing an application removes its credentials
// ---------------------------------------------------------------------------

#[test]
fn removing_an_application_removes_its_credentials_and_file() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "the admin password");
    r.add_credential("shop", "ci", "the ci password 12");
    let app_id = r
        .sql()
        .query_row(
            "SELECT application_id FROM applications WHERE app_name = 'shop'",
            [],
            |row| row.get::<_, String>(0),
        )
        .expect("app row");

    r.run(["app", "remove", "shop"]).ok();
    assert_eq!(security_rows(&r), 0);
    assert_eq!(
        r.count("SELECT count(*) FROM applications WHERE app_name = 'shop'"),
        0
    );
    assert!(!r.file("shop").exists());
    assert_eq!(
        r.count(&format!(
            "SELECT count(*) FROM audit_log WHERE action = 'security.delete'
             AND outcome = 'ok' AND application_id = '{app_id}'"
        )),
        2
    );
    assert_eq!(
        r.count(&format!(
            "SELECT count(*) FROM audit_log WHERE action = 'app.remove'
             AND outcome = 'ok' AND application_id = '{app_id}'"
        )),
        1
    );
    r.run(["show", "--app", "shop", "--username", "admin"])
        .code(3);
}

// ---------------------------------------------------------------------------
// 12. External routing: only the middleware
// ---------------------------------------------------------------------------

#[test]
fn external_routing_writes_only_the_middleware_while_credentials_exist() {
    let r = Registry::new();
    r.ok(&["app", "add", "--app-name", "ext"]);
    assert!(!r.file("ext").exists());

    let created = r
        .run(["create", "--app", "ext", "--username", "admin"])
        .args(["--password-stdin", "-o", "json"])
        .stdin("external password 1")
        .ok()
        .json();
    assert_eq!(created["middleware"], "ext-auth@file");
    assert_sane_file(&r, "ext");
    let y = r.yaml("ext").expect("ext.yml");
    let http = y["http"].as_mapping().expect("http");
    let keys: Vec<&str> = http.keys().map(|k| k.as_str().unwrap()).collect();
    assert_eq!(keys, ["middlewares"]);
    let middlewares: Vec<&str> = y["http"]["middlewares"]
        .as_mapping()
        .unwrap()
        .keys()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert_eq!(middlewares, ["ext-auth"]);
    assert!(verifies(
        "external password 1",
        &hash_in_file(&r, "ext", "admin")
    ));

    let shown = r.json(&["show", "--app", "ext", "--username", "admin"]);
    assert_eq!(shown["middleware"], "ext-auth@file");
    r.run(["show", "--app", "ext", "--username", "admin"])
        .ok()
        .stdout_has("ext-auth@file");

    r.run(["delete", "--app", "ext", "--username", "admin"])
        .ok()
        .stderr_has("404")
        .stderr_has("ext-auth@file");
    assert!(!r.file("ext").exists());

    // Managed-routing credentials carry no `middleware` field.
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "shop",
        "--domain",
        "shop.example.com",
        "--upstream",
        "http://10.0.0.5:3000",
    ]);
    r.add_credential("shop", "admin", "managed password 1");
    let shown = r.json(&["show", "--app", "shop", "--username", "admin"]);
    assert!(shown.get("middleware").is_none(), "{shown}");
}

// ---------------------------------------------------------------------------
// 13. Listing, ageing, idempotent deletes
// ---------------------------------------------------------------------------

#[test]
fn list_sorts_filters_by_age_and_delete_can_be_idempotent() {
    let r = Registry::with_app();
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "blog",
        "--domain",
        "blog.example.com",
        "--upstream",
        "http://10.0.0.6:8080",
    ]);
    r.add_credential("shop", "zed", "password of zed 1");
    r.add_credential("blog", "carl", "password of carl 1");
    let old = r.add_credential("shop", "admin", "password of admin 1");
    r.add_credential("blog", "bob", "password of bob 1");
    assert_sane_file(&r, "shop");
    assert_sane_file(&r, "blog");

    let listed: Vec<(String, String)> = r
        .json(&["list"])
        .as_array()
        .expect("array")
        .iter()
        .map(|c| {
            (
                c["appName"].as_str().unwrap().to_string(),
                c["username"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let pairs: Vec<(&str, &str)> = listed
        .iter()
        .map(|(a, u)| (a.as_str(), u.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("blog", "bob"),
            ("blog", "carl"),
            ("shop", "admin"),
            ("shop", "zed")
        ]
    );
    let only_shop = r.json(&["list", "--app", "shop"]);
    assert_eq!(only_shop.as_array().unwrap().len(), 2);

    assert_eq!(
        r.json(&["list", "--older-than", "90d"]),
        serde_json::json!([])
    );
    // Age one credential: it is the only one due for rotation.
    r.sql()
        .execute(
            "UPDATE security SET updated_at = '2000-01-01T00:00:00.000Z' WHERE security_id = ?1",
            [&old],
        )
        .expect("age a row");
    let due = r.json(&["list", "--older-than", "90d"]);
    let due = due.as_array().expect("array");
    assert_eq!(due.len(), 1, "{due:?}");
    assert_eq!(due[0]["securityId"], old.as_str());

    r.run(["delete", "--app", "shop", "--username", "ghost"])
        .arg("--ignore-not-found")
        .ok();
    r.run(["delete", "--app", "shop", "--username", "ghost"])
        .code(3)
        .stderr_has("ghost");
    assert_eq!(security_rows(&r), 4);
    assert_sane_file(&r, "shop");
}
