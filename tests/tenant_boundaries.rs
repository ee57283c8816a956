//! One Traefik serves every organization: hosts, the watched directory and
//! the bcrypt cost are shared ground. These sessions try to reach another
//! tenant's traffic through them, and check that nothing moves.

use serde_json::Value;

use crate::common::*;

const UPSTREAM: &str = "http://127.0.0.1:6666";

/// The message up to the part that names a visible holder.
fn message_core(out: &std::process::Output) -> String {
    let text = stderr(out);
    text.split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// What routing depends on: the registry's rows (the audit log aside, which
/// records the attempt) and every file of the Traefik directory.
fn routing_state(r: &Registry) -> String {
    let db = r.sql();
    let mut out = String::new();
    for table in [
        "organizations",
        "applications",
        "app_domains",
        "security",
        "settings",
    ] {
        let mut stmt = db
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .unwrap();
        let columns = stmt.column_count();
        let rows = stmt
            .query_map([], |row| {
                (0..columns)
                    .map(|i| {
                        row.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .unwrap();
        for row in rows {
            out.push_str(&format!("{table}: {}\n", row.unwrap().join(" | ")));
        }
    }
    let mut files: Vec<_> = walk(&r.traefik_dir());
    files.sort();
    for path in files {
        out.push_str(&format!(
            "{}: {}\n",
            path.display(),
            std::fs::read_to_string(&path).unwrap()
        ));
    }
    out
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        if entry.path().is_dir() {
            out.extend(walk(&entry.path()));
        } else {
            out.push(entry.path());
        }
    }
    out
}

/// acme (alice) has `shop` on shop.example.com, protected.
fn acme_with_protected_shop() -> Registry {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a long enough password");
    r
}

#[test]
fn no_role_can_claim_a_host_that_another_organization_routes() {
    for role in ["owner", "admin", "member", "viewer"] {
        let r = acme_with_protected_shop();
        let key = r.add_user(&format!("{role}1"), role);
        // Any user may create an organization of their own, and owns it.
        r.cmd_as(&key)
            .args(["org", "create", "evil"])
            .assert()
            .success();
        r.cmd_as(&key)
            .args(["--org", "evil", "app", "add", "--app-name", "decoy"])
            .assert()
            .success();
        let before = routing_state(&r);
        for spelling in ["shop.example.com", "SHOP.Example.COM"] {
            let add = r
                .cmd_as(&key)
                .args(["--org", "evil", "app", "add", "--app-name", "evilshop"])
                .args(["--domain", "other.example", "--domain", spelling])
                .args(["--upstream", UPSTREAM])
                .output()
                .unwrap();
            assert_eq!(code(&add), 5, "{role} add {spelling}: {}", stderr(&add));
            let update = r
                .cmd_as(&key)
                .args(["--org", "evil", "app", "update", "decoy"])
                .args(["--domain", spelling, "--upstream", UPSTREAM])
                .output()
                .unwrap();
            assert_eq!(code(&update), 5, "{role} update: {}", stderr(&update));
            for out in [&add, &update] {
                assert_eq!(
                    message_core(out),
                    "error: host 'shop.example.com' is already routed: one Traefik serves every organization, so a host can have one owner only",
                );
                assert!(!stderr(out).contains("shop'"), "the holder is not named");
            }
        }
        assert_eq!(before, routing_state(&r), "{role}: nothing changed");
        assert!(!r.file("evilshop").exists());
        // Each attempt is audited as a denial in the attacker's organization.
        let denied = r.count(
            "SELECT count(*) FROM audit_log a JOIN organizations o ON o.org_id = a.org_id
             WHERE o.name = 'evil' AND a.outcome = 'denied' AND a.action IN ('app.add', 'app.update')",
        );
        assert_eq!(denied, 4, "{role}");
    }
}

#[test]
fn your_own_organization_gets_the_same_answer_naming_the_holder() {
    let r = acme_with_protected_shop();
    r.ok(&["org", "create", "beta"]);
    let own = r
        .cmd()
        .args([
            "app",
            "add",
            "--app-name",
            "shop2",
            "--domain",
            "shop.example.com",
        ])
        .args(["--upstream", UPSTREAM])
        .output()
        .unwrap();
    let other = r
        .cmd()
        .args(["--org", "beta", "app", "add", "--app-name", "shop3"])
        .args(["--domain", "shop.example.com", "--upstream", UPSTREAM])
        .output()
        .unwrap();
    assert_eq!((code(&own), code(&other)), (5, 5));
    assert_eq!(message_core(&own), message_core(&other));
    assert!(stderr(&own).contains("it is 'shop', in your organization"));
    assert!(!stderr(&other).contains("'shop'"), "{}", stderr(&other));
}

#[test]
fn domains_are_stored_and_compared_in_canonical_form() {
    let r = Registry::new();
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "books",
        "--domain",
        "BÜCHER.example",
        "--upstream",
        UPSTREAM,
    ]);
    let app = r.json(&["app", "show", "books"]);
    assert_eq!(app["domains"][0], "xn--bcher-kva.example");
    let yaml = std::fs::read_to_string(r.file("books")).unwrap();
    assert!(yaml.contains("Host(`xn--bcher-kva.example`)"), "{yaml}");
    let out = r
        .cmd()
        .args([
            "app",
            "add",
            "--app-name",
            "books2",
            "--domain",
            "xn--bcher-kva.EXAMPLE",
        ])
        .args(["--upstream", UPSTREAM])
        .output()
        .unwrap();
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    // An application may keep its own host through an update.
    r.ok(&[
        "app",
        "update",
        "books",
        "--domain",
        "bücher.example",
        "--name",
        "Books",
    ]);
    // Giving a host up frees it.
    r.ok(&["app", "update", "books", "--domain", "books.example"]);
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "books2",
        "--domain",
        "bücher.example",
        "--upstream",
        UPSTREAM,
    ]);
    r.ok(&["check"]);
}

#[test]
fn a_registry_that_already_shares_a_host_migrates_and_check_reports_it() {
    let r = acme_with_protected_shop();
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "later",
        "--domain",
        "later.example",
        "--upstream",
        UPSTREAM,
    ]);
    // Back to the schema before hosts had one owner, with a duplicate in it.
    {
        let db = r.sql();
        db.execute_batch(
            "DROP TABLE traefik_instances;
             DROP TABLE guard_offsets;
             DROP TABLE guard_failures;
             DROP TABLE guard_bans;
             DROP TABLE guard_allowed;
             ALTER TABLE applications DROP COLUMN guard_max_failures;
             ALTER TABLE applications DROP COLUMN guard;
             DROP TABLE shared_credentials;
             DROP TABLE pending_publishes;
             ALTER TABLE security DROP COLUMN withdrawn_at;
             DROP TABLE installation_log;
             ALTER TABLE applications DROP COLUMN hosts;
             DROP TABLE declared_routers;
             DROP TABLE released_names;
             ALTER TABLE applications DROP COLUMN private;
             ALTER TABLE audit_log DROP COLUMN app_name;
             DROP TABLE app_domains;
             DROP INDEX applications_by_next_expiry;
             ALTER TABLE applications DROP COLUMN next_expiry;
             ALTER TABLE security DROP COLUMN expires_at;
             ALTER TABLE security DROP COLUMN weak;
             ALTER TABLE applications DROP COLUMN allow_preflight;
             ALTER TABLE applications DROP COLUMN trusted_networks;
             ALTER TABLE applications DROP COLUMN protect_paths;
             ALTER TABLE applications DROP COLUMN public_paths;
             UPDATE applications SET domains = '[\"Shop.example.com\"]' WHERE app_name = 'later';
             ALTER TABLE applications DROP COLUMN fast_auth;
             DROP TABLE publish_intents;
             PRAGMA user_version = 2;",
        )
        .unwrap();
    }
    // The migration does not fail, and the oldest holder keeps the host.
    let out = r.cmd().args(["check", "-o", "json"]).output().unwrap();
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    let findings: Value = serde_json::from_slice(&out.stdout).unwrap();
    let shared: Vec<&Value> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "sharedhost")
        .collect();
    assert_eq!(shared.len(), 1, "{findings}");
    assert!(
        shared[0]["detail"]
            .as_str()
            .unwrap()
            .contains("shop.example.com is routed by several applications (shop, later)"),
        "{}",
        shared[0]["detail"]
    );
    // Any change to either application must give the shared host up.
    for app in ["later", "shop"] {
        let out = r
            .cmd()
            .args(["app", "update", app, "--name", "Renamed"])
            .output()
            .unwrap();
        assert_eq!(code(&out), 5, "{app}: {}", stderr(&out));
    }
    r.ok(&["app", "update", "later", "--domain", "later.example"]);
    r.ok(&["sync"]);
    r.ok(&["check"]);
    r.ok(&["app", "update", "shop", "--name", "Shop"]);
}

#[test]
fn check_reports_files_traefik_cannot_load_and_routers_that_shadow_a_host() {
    let r = acme_with_protected_shop();
    let dir = r.traefik_dir();
    r.ok(&["check"]);
    std::fs::write(dir.join("broken.yaml"), "http:\n  routers: [\n").unwrap();
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::fs::write(
        dir.join("sub/hijack.toml"),
        "[http.routers.steal]\nrule = \"Host(`shop.example.com`)\"\nservice = \"x\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("tmpl.yml"), "http:\n  routers: {{ env \"X\" }}\n").unwrap();
    std::fs::write(dir.join("notes.txt"), "{{ not loaded by Traefik\n").unwrap();
    let before = r.all_bytes();
    let out = r.cmd().args(["check", "-o", "json"]).output().unwrap();
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert_eq!(before, r.all_bytes(), "check is read-only");
    let findings: Value = serde_json::from_slice(&out.stdout).unwrap();
    let by_file = |name: &str| -> Vec<(String, String)> {
        findings
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["path"].as_str().unwrap().ends_with(name))
            .map(|f| {
                (
                    f["status"].as_str().unwrap().to_string(),
                    f["detail"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let broken = by_file("/broken.yaml");
    assert_eq!(broken.len(), 1, "{findings}");
    assert_eq!(broken[0].0, "unloadable");
    assert!(broken[0].1.contains("YAML error"), "{}", broken[0].1);
    let tmpl = by_file("/tmpl.yml");
    assert_eq!(tmpl[0].0, "unloadable");
    assert!(tmpl[0].1.contains("'{{'"));
    let hijack = by_file("/sub/hijack.toml");
    assert_eq!(hijack.len(), 1, "{findings}");
    assert_eq!(hijack[0].0, "shadowing");
    // The finding is filed under the file that shadows, and names its
    // router and the application it competes with.
    assert_eq!(
        hijack[0].1,
        "router 'steal@file', which authgate did not write, routes shop.example.com, which application 'shop' routes: Traefik may serve the host through it, without the application's authentication; remove the router or its host"
    );
    assert!(by_file("/notes.txt").is_empty(), "not loaded by Traefik");
    assert_eq!(findings.as_array().unwrap().len(), 3, "{findings}");

    // A mutating command commits, then says Traefik will not apply it while
    // it cannot load the directory (exit 8, naming those files), and warns
    // once about the router that routes a host of authgate's.
    let out = r
        .cmd()
        .args([
            "create",
            "--app",
            "shop",
            "--username",
            "bob",
            "--password-stdin",
        ])
        .write_stdin("another long password")
        .output()
        .unwrap();
    assert_eq!(code(&out), 8, "{}", stderr(&out));
    let err = stderr(&out);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 1, "{}", stderr(&out));
    assert!(warnings[0].contains("hijack.toml"), "{}", warnings[0]);
    let error: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(error.len(), 1, "{err}");
    for name in ["broken.yaml", "tmpl.yml"] {
        assert!(error[0].contains(name), "{}", error[0]);
    }
    assert!(error[0].contains("the change is committed"), "{}", error[0]);
    assert_eq!(r.users("shop").len(), 2, "committed");
    // sync repairs nothing there and touches none of them.
    let foreign: Vec<Vec<u8>> = ["broken.yaml", "sub/hijack.toml", "tmpl.yml"]
        .iter()
        .map(|n| std::fs::read(dir.join(n)).unwrap())
        .collect();
    let out = r.cmd().args(["sync"]).output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("3 item(s) left alone"),
        "{}",
        stderr(&out)
    );
    for (n, bytes) in ["broken.yaml", "sub/hijack.toml", "tmpl.yml"]
        .iter()
        .zip(foreign)
    {
        assert_eq!(std::fs::read(dir.join(n)).unwrap(), bytes, "{n}");
    }
    // Once they are gone, check is clean again and nothing warns.
    for n in ["broken.yaml", "sub/hijack.toml", "tmpl.yml"] {
        std::fs::remove_file(dir.join(n)).unwrap();
    }
    r.ok(&["check"]);
    let out = r
        .cmd()
        .args(["delete", "--app", "shop", "--username", "bob"])
        .output()
        .unwrap();
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
}

#[test]
fn a_hand_written_file_of_the_same_name_is_never_touched() {
    let r = Registry::new();
    let blog = r.file("blog");
    let hand_written = "http:\n  routers:\n    blog:\n      rule: \"Host(`blog.example`)\"\n      service: blog\n  services:\n    blog:\n      loadBalancer:\n        servers:\n          - url: \"http://127.0.0.1:4000\"\n";
    std::fs::write(&blog, hand_written).unwrap();
    let before = routing_state(&r);
    for args in [
        vec!["app", "add", "--app-name", "blog"],
        vec![
            "app",
            "add",
            "--app-name",
            "blog",
            "--domain",
            "blog2.example",
            "--upstream",
            UPSTREAM,
        ],
    ] {
        let out = r.cmd().args(&args).output().unwrap();
        assert_eq!(code(&out), 5, "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(&blog.display().to_string()),
            "{}",
            stderr(&out)
        );
        assert!(stderr(&out).contains("not written by authgate"));
        assert_eq!(before, routing_state(&r), "{args:?} changed nothing");
    }
    assert_eq!(r.count("SELECT count(*) FROM applications"), 0);
    // sync leaves it alone.
    r.ok(&["sync"]);
    assert_eq!(std::fs::read_to_string(&blog).unwrap(), hand_written);

    // A file that replaces an application's own is reported, never
    // overwritten, and blocks changes until it is moved away.
    r.ok(&[
        "app",
        "add",
        "--app-name",
        "wiki",
        "--domain",
        "wiki.example",
        "--upstream",
        UPSTREAM,
    ]);
    std::fs::write(r.file("wiki"), "http: {}\n").unwrap();
    let out = r.cmd().args(["check", "-o", "json"]).output().unwrap();
    assert_eq!(code(&out), 7);
    assert!(stdout(&out).contains("\"foreign\""), "{}", stdout(&out));
    r.ok(&["sync"]);
    assert_eq!(
        std::fs::read_to_string(r.file("wiki")).unwrap(),
        "http: {}\n"
    );
    let out = r
        .cmd()
        .args([
            "create",
            "--app",
            "wiki",
            "--username",
            "u",
            "--password-stdin",
        ])
        .write_stdin("a long enough password")
        .output()
        .unwrap();
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert_eq!(r.count("SELECT count(*) FROM security"), 0);
    assert_eq!(
        std::fs::read_to_string(r.file("wiki")).unwrap(),
        "http: {}\n"
    );
    // Removing the application leaves the file alone too.
    r.ok(&["app", "remove", "wiki"]);
    assert_eq!(
        std::fs::read_to_string(r.file("wiki")).unwrap(),
        "http: {}\n"
    );
    std::fs::remove_file(r.file("wiki")).unwrap();
    r.ok(&["sync"]);
    r.ok(&["check"]);
}

#[test]
fn check_says_what_differs() {
    let r = acme_with_protected_shop();
    r.add_credential("shop", "bob", "another long password");
    let path = r.file("shop");
    let text = std::fs::read_to_string(&path).unwrap();
    let bob = text
        .lines()
        .find(|l| l.contains("bob:"))
        .unwrap()
        .to_string();
    let edited = text
        .replace(&bob, &bob.replace("bob:", "mallory:"))
        .replace(
            "Host(`shop.example.com`)",
            "Host(`shop.example.com`) || Host(`x.example`)",
        )
        .replace("http://10.0.0.5:3000", "http://10.0.0.6:3000");
    std::fs::write(&path, edited).unwrap();
    let out = r.cmd().args(["check", "-o", "json"]).output().unwrap();
    assert_eq!(code(&out), 7);
    let findings: Value = serde_json::from_slice(&out.stdout).unwrap();
    let detail = findings[0]["detail"].as_str().unwrap();
    for part in [
        "users not in the database: 'mallory'",
        "users missing: 'bob'",
        "router 'shop' rule is",
        "x.example",
        "service 'shop' servers are",
        "10.0.0.6",
    ] {
        assert!(detail.contains(part), "{part}: {detail}");
    }
    assert!(!detail.contains("$2y$"), "never a hash: {detail}");
}

#[test]
fn installation_wide_reads_belong_to_installation_owners() {
    let r = Registry::with_app();
    let viewer = r.add_user("vera", "viewer");
    let admin = r.add_user("dave", "admin");
    r.cmd_as(&viewer)
        .args(["org", "create", "vera-org"])
        .assert()
        .success();
    for key in [&viewer, &admin] {
        for args in [
            vec!["sink", "list"],
            vec!["settings", "list"],
            vec!["--org", "vera-org", "sink", "list"],
            vec!["--org", "vera-org", "settings", "list"],
        ] {
            let out = r.cmd_as(key).args(&args).output().unwrap();
            // dave is not a member of vera-org: that is a denial too.
            let expected = if key == &admin && args[0] == "--org" {
                3
            } else {
                4
            };
            assert_eq!(code(&out), expected, "{args:?}: {}", stderr(&out));
            assert!(stdout(&out).is_empty());
            assert!(!stderr(&out).contains("traefik"), "{}", stderr(&out));
        }
    }
    let settings = r.json(&["settings", "list"]);
    assert!(settings.to_string().contains("max-bcrypt-cost"));
    r.ok(&["sink", "list"]);
    let denied = r.count(
        "SELECT count(*) FROM audit_log WHERE outcome = 'denied' AND action IN ('sink.list', 'settings.list')",
    );
    // vera: 4; dave: 2 (his two `--org vera-org` attempts are audited as
    // `org.access`, since he is no member of it).
    assert_eq!(denied, 6);
}

#[test]
fn bcrypt_costs_above_the_limit_are_refused_for_everyone() {
    let r = Registry::with_app();
    let member = r.add_user("mia", "member");
    r.ok(&["app", "grant", "shop", "--user", "mia"]);
    let before = routing_state(&r);
    let htpasswd = dir_file(
        &r,
        "costly.htpasswd",
        &format!(
            "ok:$2y$04$abcdefghijklmnopqrstuuEdxyVKbOCaVm2OYHcalFSD5NqQ.8pXa\ncostly:$2y$31${}\n",
            "a".repeat(53)
        ),
    );
    let out = r
        .cmd_as(&member)
        .args(["import", "--app", "shop", &htpasswd])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("line 2: username 'costly'"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("limit of 14"));
    let out = r
        .cmd_as(&member)
        .args([
            "create",
            "--app",
            "shop",
            "--username",
            "u",
            "--cost",
            "31",
            "--password-stdin",
        ])
        .write_stdin("a long enough password")
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("bcrypt cost 31 is above this installation's limit of 14"));
    let out = r
        .cmd()
        .args(["settings", "set", "bcrypt-cost", "15"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(before, routing_state(&r), "nothing changed");
    // Only an installation owner moves the limit, and not below the cost in use.
    let out = r
        .cmd_as(&member)
        .args(["settings", "set", "max-bcrypt-cost", "31"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 4);
    let out = r
        .cmd()
        .args(["settings", "set", "max-bcrypt-cost", "3"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    r.ok(&["settings", "set", "max-bcrypt-cost", "5"]);
    r.ok(&["settings", "set", "bcrypt-cost", "5"]);
    let out = r
        .cmd()
        .args(["settings", "set", "max-bcrypt-cost", "4"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "below the cost in use: {}", stderr(&out));
    assert!(stderr(&out).contains("lower bcrypt-cost first"));

    let out = r
        .cmd()
        .args([
            "create",
            "--app",
            "shop",
            "--username",
            "u",
            "--cost",
            "6",
            "--password-stdin",
        ])
        .write_stdin("a long enough password")
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    r.cmd()
        .args([
            "create",
            "--app",
            "shop",
            "--username",
            "u",
            "--cost",
            "5",
            "--password-stdin",
        ])
        .write_stdin("a long enough password")
        .assert()
        .success();
}

#[test]
fn delete_ignore_not_found_is_a_successful_no_op_in_the_audit_log() {
    let r = Registry::with_app();
    r.cmd()
        .args([
            "delete",
            "--app",
            "shop",
            "--username",
            "ghost",
            "--ignore-not-found",
        ])
        .assert()
        .success();
    assert_eq!(
        r.count(
            "SELECT count(*) FROM audit_log WHERE action = 'security.delete' AND outcome = 'denied'"
        ),
        0
    );
    assert_eq!(
        r.count(
            "SELECT count(*) FROM audit_log WHERE action = 'security.delete' AND outcome = 'ok'"
        ),
        1
    );
}

fn dir_file(r: &Registry, name: &str, contents: &str) -> String {
    let path = r.dir.path().join(name);
    std::fs::write(&path, contents).unwrap();
    path.to_string_lossy().into_owned()
}

/// A prober's denials are filed where they aim: bob's probes of acme's
/// application are in the installation's log, which bob's own prune does not
/// touch and bob cannot read; probes of nothing are not.
#[test]
fn denials_aimed_at_another_organization_survive_the_probers_prune() {
    let r = acme_with_protected_shop();
    let bob = r.add_user("bob", "viewer");
    r.cmd_as(&bob)
        .args(["org", "create", "beta"])
        .assert()
        .success();
    let as_bob = |args: &[&str]| r.run(["--org", "beta"]).args(args).as_key(&bob).exec();
    let probe = as_bob(&["app", "show", "shop"]);
    let nothing = as_bob(&["app", "show", "nosuchapp"]);
    assert_eq!(probe.exit_code(), Some(3));
    assert_eq!(nothing.exit_code(), Some(3));
    // bob learns nothing new: the two answers read alike.
    assert_eq!(
        probe.stderr().replace("shop", "X"),
        nothing.stderr().replace("nosuchapp", "X")
    );
    as_bob(&[
        "update",
        "--app",
        "shop",
        "--username",
        "admin",
        "--generate",
    ]);
    as_bob(&["audit", "prune", "--older-than", "0s"]);
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log l JOIN organizations o ON o.org_id = l.org_id WHERE o.name = 'beta' AND l.outcome = 'denied'"),
        0,
        "bob pruned his own log"
    );
    let rows = r.json(&["audit", "installation"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    for row in rows {
        assert_eq!(row["actorName"], "bob");
        assert_eq!(row["org"], "beta");
        assert_eq!(row["aimedOrg"], "acme");
        assert_eq!(row["outcome"], "denied");
        assert_eq!(row["target"], "shop");
    }
    assert_eq!(rows[0]["action"], "security.update");
    assert_eq!(rows[1]["action"], "app.show");
    // Only installation owners read or prune it.
    assert_eq!(as_bob(&["audit", "installation"]).exit_code(), Some(4));
    assert_eq!(
        as_bob(&["audit", "prune", "--installation", "--older-than", "0s"]).exit_code(),
        Some(4)
    );
    assert_eq!(r.count("SELECT count(*) FROM installation_log"), 2);
    r.ok(&["audit", "prune", "--installation", "--older-than", "0s"]);
    assert_eq!(r.count("SELECT count(*) FROM installation_log"), 0);
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE action = 'audit.prune' AND detail LIKE '%installation event(s)%'"),
        1
    );
}
