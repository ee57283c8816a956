//! Fast authentication: an application whose credentials are all secrets
//! authgate generated, stored and published as `{SHA}`, so that Traefik
//! checks each request in microseconds instead of bcrypt's milliseconds.
//! Such an application refuses every password someone chose and every
//! import, changing nothing; switching an application with credentials
//! either way rotates them all; a chosen password says what it costs
//! Traefik per request.

use crate::common::*;

use std::process::Output;

use serde_json::Value;

/// Every row of every table, as text, in rowid order (a key's
/// `last_used_at` aside: it moves at most once a minute on any command).
fn rows(r: &Registry) -> Vec<String> {
    let db = r.sql();
    let tables: Vec<String> = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for table in tables {
        let mut stmt = db
            .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))
            .unwrap();
        let names: Vec<String> = stmt.column_names().iter().map(|n| n.to_string()).collect();
        let found: Vec<String> = stmt
            .query_map([], |row| {
                let mut cells = Vec::new();
                for (i, name) in names.iter().enumerate() {
                    if table == "api_keys" && name == "last_used_at" {
                        continue;
                    }
                    cells.push(format!("{name}={:?}", row.get_ref(i)?));
                }
                Ok(format!("{table}: {}", cells.join(" ")))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        out.extend(found);
    }
    out
}

/// A registry with a fast-auth application `api` (managed routing).
fn with_fast_app() -> Registry {
    let r = Registry::new();
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "api",
        "--domain",
        "api.example.com",
        "--upstream",
        "http://10.0.0.5:3000",
        "--fast-auth",
    ]);
    r
}

/// `create --generate -o json`: the credential's id and its password.
fn generate(r: &Registry, app: &str, username: &str) -> (String, String) {
    let v = r.json(&["create", "--app", app, "--username", username, "--generate"]);
    (
        v["securityId"].as_str().unwrap().to_string(),
        v["password"].as_str().unwrap().to_string(),
    )
}

fn verify(r: &Registry, app: &str, username: &str, password: &str) -> Output {
    r.cmd()
        .args(["verify", "--app", app, "--username", username])
        .args(["--password-env", "AG_TEST_PW"])
        .env("AG_TEST_PW", password)
        .output()
        .unwrap()
}

fn assert_verifies(r: &Registry, app: &str, username: &str, password: &str) {
    let out = verify(r, app, username, password);
    assert_eq!(code(&out), 0, "{username}: {}", stderr(&out));
}

/// The hash schemes of an application's credentials, from `list`.
fn schemes(r: &Registry, app: &str) -> Vec<String> {
    let list = r.json(&["list", "--app", app]);
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| c["hashScheme"].as_str().unwrap().to_string())
        .collect()
}

/// The schemes of the hashes in the application's Traefik file.
fn published_prefixes(r: &Registry, app: &str) -> Vec<String> {
    r.users(app)
        .iter()
        .map(|u| {
            let hash = u.split_once(':').unwrap().1;
            if hash.starts_with("{SHA}") {
                "{SHA}".to_string()
            } else {
                hash[..7].to_string()
            }
        })
        .collect()
}

#[test]
fn a_fast_auth_app_shows_its_setting_and_takes_generated_secrets_as_sha() {
    let r = with_fast_app();
    let shown = r.json(&["app", "show", "api"]);
    assert_eq!(shown["fastAuth"], true);
    let listed = r.json(&["app", "list"]);
    assert_eq!(listed[0]["fastAuth"], true);
    let table = r.ok(&["app", "list", "-o", "wide"]);
    assert!(table.contains("FAST AUTH"), "{table}");
    assert!(r.ok(&["app", "show", "api"]).contains("FAST AUTH"));

    let (id, password) = generate(&r, "api", "ci");
    assert_eq!(password.len(), 24);
    assert_eq!(r.json(&["show", &id])["hashScheme"], "sha1");
    let exported = r.json(&["export", "--app", "api", "--format", "json"]);
    let hash = exported[0]["passwordHash"].as_str().unwrap();
    assert!(hash.starts_with("{SHA}") && hash.len() == 33, "{hash}");
    assert_eq!(r.users("api"), vec![format!("ci:{hash}")]);
    assert_verifies(&r, "api", "ci", &password);
    assert_eq!(code(&verify(&r, "api", "ci", "not it")), 6);

    // The shortest secret it takes: 22 characters (128 bits).
    let v = r.json(&[
        "create",
        "--app",
        "api",
        "--username",
        "short",
        "--generate",
        "--length",
        "22",
    ]);
    assert_eq!(v["password"].as_str().unwrap().len(), 22);
    // Rotation by --generate keeps it {SHA}; a rename keeps the hash.
    let v = r.json(&["update", &id, "--generate"]);
    let rotated = v["password"].as_str().unwrap();
    assert_verifies(&r, "api", "ci", rotated);
    r.ok(&["update", &id, "--new-username", "ci-renamed"]);
    assert_verifies(&r, "api", "ci-renamed", rotated);
    assert_eq!(schemes(&r, "api"), ["sha1", "sha1"]);
}

#[test]
fn a_fast_auth_app_refuses_every_other_password_source_and_import_changing_nothing() {
    let r = with_fast_app();
    let (id, _) = generate(&r, "api", "ci");
    let dir = r.dir.path().to_path_buf();
    let pw_file = dir.join("pw");
    std::fs::write(&pw_file, "a chosen password, long enough\n").unwrap();
    let htpasswd = dir.join("in.htpasswd");
    std::fs::write(&htpasswd, "bob:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n").unwrap();
    let pw_file = pw_file.to_str().unwrap().to_string();
    let htpasswd = htpasswd.to_str().unwrap().to_string();

    let rows_before = rows(&r);
    let file_before = std::fs::read(r.file("api")).unwrap();

    fn with<'a>(base: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
        base.iter().chain(extra).copied().collect()
    }
    let create_base = ["create", "--app", "api", "--username", "bob"];
    let update_base = ["update", id.as_str()];
    let sources: Vec<Vec<&str>> = vec![
        vec!["--password-stdin"],
        vec!["--password-file", &pw_file],
        vec!["--password-env", "AG_TEST_PW"],
        vec!["--password", "a chosen password, long enough"],
    ];
    let mut refused: Vec<(Vec<&str>, &str)> = Vec::new();
    for source in &sources {
        refused.push((with(&create_base, source), "--generate"));
        refused.push((with(&update_base, source), "--generate"));
    }
    // No source at all: create would prompt, and never gets to.
    refused.push((with(&create_base, &[]), "--generate"));
    for length in ["12", "21"] {
        refused.push((
            with(&create_base, &["--generate", "--length", length]),
            "--length 22",
        ));
        refused.push((
            with(&update_base, &["--generate", "--length", length]),
            "--length 22",
        ));
    }
    refused.push((
        with(&create_base, &["--generate", "--hash", "apr1"]),
        "--hash",
    ));
    refused.push((
        with(&create_base, &["--generate", "--hash", "bcrypt"]),
        "--hash",
    ));
    refused.push((with(&update_base, &["--generate", "--cost", "5"]), "--cost"));
    refused.push((vec!["import", "--app", "api", &htpasswd], "--generate"));
    refused.push((
        vec!["import", "--app", "api", &htpasswd, "--dry-run"],
        "--generate",
    ));
    refused.push((vec!["import", "--app", "api", "-"], "--generate"));

    for (args, hint) in &refused {
        let out = r
            .cmd()
            .args(args)
            .env("AG_TEST_PW", "a chosen password, long enough")
            .write_stdin("bob:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n")
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(code(&out), 2, "{args:?}: {err}");
        assert!(
            err.contains("application 'api' uses fast authentication"),
            "{args:?}: {err}"
        );
        assert!(err.contains("nothing was changed"), "{args:?}: {err}");
        let hint_line = err.lines().find(|l| l.starts_with("hint:")).unwrap_or("");
        assert!(hint_line.contains(hint), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
        // JSON errors carry the same, with the hint apart.
        let mut json_args = args.clone();
        json_args.extend(["-o", "json"]);
        let out = r
            .cmd()
            .args(&json_args)
            .env("AG_TEST_PW", "a chosen password, long enough")
            .write_stdin("bob:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n")
            .output()
            .unwrap();
        assert_eq!(code(&out), 2);
        // (--password warns first, on a line of its own.)
        let e: Value = serde_json::from_str(stderr(&out).lines().last().unwrap_or(""))
            .unwrap_or_else(|_| panic!("{json_args:?}: {}", stderr(&out)));
        assert_eq!(e["error"]["code"], "BAD_REQUEST");
        assert!(
            e["error"]["hint"]
                .as_str()
                .is_some_and(|h| h.contains(hint)),
            "{args:?}: {e}"
        );
    }
    // Why, in the message: a fast hash is safe only for long secrets.
    let out = r
        .cmd()
        .args(with(&create_base, &["--password-stdin"]))
        .write_stdin("a chosen password, long enough")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(
        err.contains("{SHA}") && err.contains("22 characters") && err.contains("128 bits"),
        "{err}"
    );
    // Domain messages name no flags; the hint does.
    let message = err.lines().find(|l| l.starts_with("error:")).unwrap();
    assert!(!message.contains("--"), "{message}");

    assert_eq!(rows(&r), rows_before, "the registry did not change");
    assert_eq!(
        std::fs::read(r.file("api")).unwrap(),
        file_before,
        "the file did not change"
    );
}

#[test]
fn a_fast_auth_app_refuses_the_prompt_without_asking() {
    let script = required_tool("script", "bsdutils");
    let r = with_fast_app();
    let (id, _) = generate(&r, "api", "ci");
    let before = rows(&r);
    let bin = env!("CARGO_BIN_EXE_authgate");
    for args in ["create --app api --username bob", &format!("update {id}")] {
        let out = std::process::Command::new(&script)
            .env_clear()
            .env("HOME", r.home())
            .env("XDG_DATA_HOME", r.home().join(".local/share"))
            .env("XDG_CONFIG_HOME", r.home().join(".config"))
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("SHELL", "/bin/sh")
            .env("TERM", "xterm")
            .args(["-qec", &format!("exec '{bin}' {args}"), "/dev/null"])
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let text = stdout(&out);
        assert_eq!(code(&out), 2, "{args}: {text}");
        assert!(text.contains("uses fast authentication"), "{args}: {text}");
        assert!(!text.contains("Password:"), "asked anyway: {text}");
    }
    assert_eq!(rows(&r), before);
}

#[test]
fn switching_needs_rotate_and_rotates_every_credential_both_ways() {
    let r = Registry::with_app();
    r.add_credential("shop", "alice", "alice's long password");
    r.add_credential("shop", "bob", "bob's long password too");
    // An imported APR1 hash: the application mixes schemes before the switch.
    r.cmd()
        .args(["import", "--app", "shop", "-"])
        .write_stdin("carol:$apr1$lZL6V/ci$eIMz/iKDkbtys/uU7LEK00\n")
        .assert()
        .success();
    let before = rows(&r);
    let file_before = std::fs::read(r.file("shop")).unwrap();

    // Without --rotate: refused, naming it in the hint, and nothing changed.
    let out = r
        .cmd()
        .args(["app", "update", "shop", "--fast-auth"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(err.contains("3 credential(s)"), "{err}");
    assert!(err.contains("reveal which usernames exist"), "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("hint:") && l.contains("--rotate")),
        "{err}"
    );
    assert_eq!(rows(&r), before);
    assert_eq!(std::fs::read(r.file("shop")).unwrap(), file_before);
    // --rotate alone is no switch.
    let out = r
        .cmd()
        .args(["app", "update", "shop", "--rotate"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(rows(&r), before);

    // To fast-auth: every credential gets a new generated secret, as {SHA}.
    let v = r.json(&["app", "update", "shop", "--fast-auth", "--rotate"]);
    assert_eq!(v["fastAuth"], true);
    let rotated = v["rotated"].as_array().unwrap();
    assert_eq!(rotated.len(), 3);
    let mut secrets = Vec::new();
    for c in rotated {
        let user = c["username"].as_str().unwrap();
        let pw = c["password"].as_str().unwrap();
        assert_eq!(c["hashScheme"], "sha1");
        assert_eq!(pw.len(), 24);
        assert_verifies(&r, "shop", user, pw);
        secrets.push((user.to_string(), pw.to_string()));
    }
    assert_eq!(
        code(&verify(&r, "shop", "alice", "alice's long password")),
        6
    );
    assert_eq!(schemes(&r, "shop"), ["sha1"; 3]);
    assert_eq!(published_prefixes(&r, "shop"), ["{SHA}"; 3]);
    // New credentials follow the application's scheme.
    generate(&r, "shop", "dave");
    assert_eq!(schemes(&r, "shop"), ["sha1"; 4]);

    // Back to bcrypt, at the registry's cost (4 in tests), with -q: one line
    // per credential, its id, a tab and the new password.
    let out = r
        .cmd()
        .args(["app", "update", "shop", "--no-fast-auth", "--rotate", "-q"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let lines: Vec<(String, String)> = stdout(&out)
        .lines()
        .map(|l| {
            let (id, pw) = l.split_once('\t').unwrap();
            (id.to_string(), pw.to_string())
        })
        .collect();
    assert_eq!(lines.len(), 4, "{}", stdout(&out));
    let mut back = Vec::new();
    for (id, pw) in &lines {
        let shown = r.json(&["show", id]);
        assert_eq!(shown["hashScheme"], "bcrypt");
        let user = shown["username"].as_str().unwrap().to_string();
        assert_verifies(&r, "shop", &user, pw);
        back.push((user, pw.clone()));
    }
    for (user, old) in &secrets {
        assert_eq!(code(&verify(&r, "shop", user, old)), 6, "{user}");
    }
    assert_eq!(published_prefixes(&r, "shop"), ["$2y$04$"; 4]);
    assert_eq!(r.json(&["app", "show", "shop"])["fastAuth"], false);
    // Chosen passwords are welcome again, and hashed with bcrypt.
    r.add_credential("shop", "erin", "erin's long password");
    assert_eq!(schemes(&r, "shop"), ["bcrypt"; 5]);

    // Asking again for what is already set rotates nothing.
    let v = r.json(&["app", "update", "shop", "--no-fast-auth", "--rotate"]);
    assert!(v.get("rotated").is_none(), "{v}");
    assert_verifies(&r, "shop", &back[0].0, &back[0].1);

    // The audit log records both switches and each rotation, never a secret.
    let audit = r.ok(&["audit", "--limit", "0", "-o", "json"]);
    let events: Value = serde_json::from_str(&audit).unwrap();
    let details: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["detail"].as_str())
        .collect();
    assert!(
        details
            .iter()
            .any(|d| d.contains("fast authentication turned on: 3 credential(s)")),
        "{details:?}"
    );
    assert!(
        details.iter().any(
            |d| d.contains("fast authentication turned off: 4 credential(s)")
                && d.contains("bcrypt (cost 4)")
        ),
        "{details:?}"
    );
    assert_eq!(
        details
            .iter()
            .filter(|d| d.starts_with("password rotated"))
            .count(),
        7
    );
    for (_, secret) in secrets.iter().chain(&back) {
        assert!(!audit.contains(secret.as_str()));
    }
    let disk = r.all_bytes();
    for (_, secret) in secrets.iter().chain(&back) {
        let needle = secret.as_bytes();
        assert!(!disk.windows(needle.len()).any(|w| w == needle));
    }
}

#[test]
fn an_application_without_credentials_switches_without_rotate() {
    let r = Registry::with_app();
    let v = r.json(&["app", "update", "shop", "--fast-auth"]);
    assert_eq!(v["fastAuth"], true);
    assert_eq!(v["rotated"], serde_json::json!([]));
    generate(&r, "shop", "ci");
    let v = r.json(&["app", "update", "shop", "--name", "Shop"]);
    assert_eq!(v["fastAuth"], true, "other changes keep it");
    assert!(v.get("rotated").is_none());
    r.ok(&["delete", "--app", "shop", "--username", "ci"]);
    r.ok(&["app", "update", "shop", "--no-fast-auth"]);
    assert_eq!(r.json(&["app", "show", "shop"])["fastAuth"], false);
}

#[test]
fn the_table_shows_each_rotated_password_once() {
    let r = Registry::with_app();
    r.add_credential("shop", "alice", "alice's long password");
    let out = r
        .cmd()
        .args(["app", "update", "shop", "--fast-auth", "--rotate"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("alice "))
        .expect("a row for alice");
    let password = row.split_whitespace().last().unwrap();
    assert_eq!(password.len(), 24, "{row}");
    assert_verifies(&r, "shop", "alice", password);
    assert!(text.contains("PASSWORD"), "{text}");
    assert!(stderr(&out).contains("shown once"), "{}", stderr(&out));
}

#[test]
fn a_chosen_password_says_what_traefik_will_spend_per_request() {
    let r = Registry::with_app();
    let create = |user: &str, source: &[&str], flags: &[&str]| {
        r.cmd()
            .args(["create", "--app", "shop", "--username", user])
            .args(source)
            .args(flags)
            .write_stdin("a long chosen password")
            .output()
            .unwrap()
    };
    let estimate = |out: &Output| {
        stderr(out)
            .lines()
            .find(|l| l.starts_with("Traefik will spend about "))
            .map(str::to_string)
    };
    let out = create("a", &["--password-stdin"], &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let line = estimate(&out).unwrap_or_else(|| panic!("{}", stderr(&out)));
    assert!(
        line.contains(" ms of CPU on every request to shop (bcrypt cost 4)")
            && line.ends_with("; for machine clients, consider --fast-auth"),
        "{line}"
    );
    // At the cost asked for.
    let out = create("b", &["--password-stdin"], &["--cost", "5"]);
    assert!(estimate(&out).unwrap().contains("(bcrypt cost 5)"));
    // -q alone or --no-warnings alone keep it; both together silence it.
    assert!(estimate(&create("c", &["--password-stdin"], &["-q"])).is_some());
    assert!(estimate(&create("d", &["--password-stdin"], &["--no-warnings"])).is_some());
    let out = create("e", &["--password-stdin"], &["-q", "--no-warnings"]);
    assert_eq!(code(&out), 0);
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    // JSON output stays pure: the estimate is on stderr.
    let out = create("f", &["--password-stdin"], &["-o", "json"]);
    assert!(estimate(&out).is_some());
    serde_json::from_slice::<Value>(&out.stdout).unwrap();
    // Generated passwords are not what it is about.
    let out = create("g", &["--generate"], &[]);
    assert!(estimate(&out).is_none(), "{}", stderr(&out));
    // update with a chosen password says it too, with the app's name.
    let out = r
        .cmd()
        .args([
            "update",
            "--app",
            "shop",
            "--username",
            "a",
            "--password-stdin",
        ])
        .write_stdin("another long chosen password")
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(estimate(&out).unwrap().contains("every request to shop"));
    let out = r
        .cmd()
        .args([
            "update",
            "--app",
            "shop",
            "--username",
            "a",
            "--password-stdin",
        ])
        .args(["-q", "--no-warnings"])
        .write_stdin("yet another long chosen password")
        .output()
        .unwrap();
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    // A rename alone hashes nothing.
    let out = r
        .cmd()
        .args([
            "update",
            "--app",
            "shop",
            "--username",
            "a",
            "--new-username",
            "z",
        ])
        .output()
        .unwrap();
    assert!(estimate(&out).is_none(), "{}", stderr(&out));
}

/// The bcrypt hashes of a switch back, and the `{SHA}` ones of a switch
/// to fast-auth, verify with Apache's htpasswd too.
#[test]
fn rotated_secrets_verify_with_apache_htpasswd() {
    let htpasswd = required_tool("htpasswd", "apache2-utils");
    let r = Registry::with_app();
    r.add_credential("shop", "alice", "alice's long password");
    r.add_credential("shop", "bob", "bob's long password too");
    for switch in ["--fast-auth", "--no-fast-auth"] {
        let v = r.json(&["app", "update", "shop", switch, "--rotate"]);
        let file = r.dir.path().join(format!("export{switch}.htpasswd"));
        std::fs::write(&file, r.ok(&["export", "--app", "shop"])).unwrap();
        for c in v["rotated"].as_array().unwrap() {
            let user = c["username"].as_str().unwrap();
            let pw = c["password"].as_str().unwrap();
            let check = |password: &str| {
                std::process::Command::new(&htpasswd)
                    .arg("-vb")
                    .arg(&file)
                    .args([user, password])
                    .output()
                    .unwrap()
                    .status
                    .success()
            };
            assert!(check(pw), "{switch}: htpasswd -vb {user}");
            assert!(!check("not the password"), "{switch}: {user}");
        }
    }
}

/// The strength policy and expiry meet fast authentication: a fast-auth
/// application takes a generated secret with an expiry and refuses a chosen
/// password even with --allow-weak, before judging it; an ordinary one
/// judges a chosen password, lets a weak one through only with
/// --allow-weak (stored and audited as weak) and still says what it costs;
/// a switch with --rotate gives a new generated secret that is not weak and
/// keeps the expiry.
#[test]
fn the_strength_policy_and_expiry_hold_in_both_kinds_of_application() {
    let r = with_fast_app();
    r.ok(&["settings", "set", "min-password-score", "3"]);
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "shop",
        "--domain",
        "shop.example.com",
        "--upstream",
        "http://10.0.0.6:3000",
    ]);

    // A fast-auth application: generated, with an expiry, shown once.
    let out = r
        .cmd()
        .args(["create", "--app", "api", "--username", "ci", "--generate"])
        .args(["--expires-in", "30d", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("shown once"), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["hashScheme"], "sha1");
    assert!(v["expiresAt"].as_str().unwrap().ends_with('Z'));
    assert_verifies(&r, "api", "ci", v["password"].as_str().unwrap());

    // A chosen password, weak or not, is refused there, changing nothing.
    let before = rows(&r);
    for pw in ["password", "correct horse battery staple umbrella"] {
        let out = r
            .cmd()
            .args(["create", "--app", "api", "--username", "x"])
            .args(["--password-stdin", "--allow-weak"])
            .write_stdin(pw)
            .output()
            .unwrap();
        assert_eq!(code(&out), 2, "{}", stderr(&out));
        assert!(
            stderr(&out).contains("uses fast authentication"),
            "{}",
            stderr(&out)
        );
        assert!(!stderr(&out).contains("scores"), "{}", stderr(&out));
    }
    assert_eq!(rows(&r), before);

    // An ordinary application judges a chosen password.
    let create_shop = |user: &str, pw: &str, flags: &[&str]| {
        r.cmd()
            .args(["create", "--app", "shop", "--username", user])
            .args(["--password-stdin", "--expires-in", "30d"])
            .args(flags)
            .write_stdin(pw)
            .output()
            .unwrap()
    };
    let out = create_shop("admin", "password", &[]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("too easy to guess"),
        "{}",
        stderr(&out)
    );
    let out = create_shop("admin", "password", &["--allow-weak"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("--allow-weak"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Traefik will spend about "),
        "{}",
        stderr(&out)
    );
    let weak_and_expiry = || {
        r.sql()
            .query_row(
                "SELECT s.weak, s.expires_at FROM security s
                 JOIN applications a ON a.application_id = s.application_id
                 WHERE a.app_name = 'shop' AND s.username = 'admin'",
                [],
                |row| Ok((row.get::<_, bool>(0)?, row.get::<_, String>(1)?)),
            )
            .unwrap()
    };
    let (weak, expires_at) = weak_and_expiry();
    assert!(weak);
    assert_eq!(
        r.count(
            "SELECT count(*) FROM audit_log WHERE action = 'security.create' AND detail LIKE '%allow-weak%'"
        ),
        1
    );

    // A switch rotates it: generated, not weak, the expiry kept.
    let v = r.json(&["app", "update", "shop", "--fast-auth", "--rotate"]);
    let new = v["rotated"][0]["password"].as_str().unwrap().to_string();
    assert_eq!(v["rotated"][0]["hashScheme"], "sha1");
    assert_eq!(weak_and_expiry(), (false, expires_at.clone()));
    assert_verifies(&r, "shop", "admin", &new);
    let v = r.json(&["app", "update", "shop", "--no-fast-auth", "--rotate"]);
    assert_eq!(v["rotated"][0]["hashScheme"], "bcrypt");
    assert_eq!(weak_and_expiry(), (false, expires_at));
}
