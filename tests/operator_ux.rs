//! Operator experience: private applications, the names of removed
//! applications in the audit log, and installing the man pages and
//! completions where `man` and the shells find them.

use std::path::Path;
use std::process::Command as StdCommand;

use serde_json::Value;

use crate::common::*;

/// The one entry of a locked application's middleware.
const LOCKED: &str = "authgate-locked:{SHA}RtWoGDuNZCP89Whs2QSKUBycX0w=";

fn add_private_shop(r: &Registry) -> crate::common::Ran {
    r.run([
        "app",
        "add",
        "--app-name",
        "shop",
        "--domain",
        "shop.example.com",
        "--upstream",
        "http://10.0.0.5:3000",
        "--private",
    ])
    .ok()
}

fn app_events(r: &Registry, application_id: &str) -> Vec<Value> {
    r.json(&["audit", "--limit", "0"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["applicationId"] == application_id)
        .cloned()
        .collect()
}

// ---------------------------------------------------------------------------
// --private

#[test]
fn a_private_app_is_closed_until_its_first_credential_and_after_its_last() {
    let r = Registry::new();
    add_private_shop(&r)
        .stderr_lacks("publicly")
        .stdout_has("locked");
    // Closed: the router carries the middleware, which no password matches.
    assert_eq!(r.users("shop"), [LOCKED]);
    let y = r.yaml("shop").unwrap();
    assert_eq!(
        y["http"]["routers"]["shop"]["middlewares"][0].as_str(),
        Some("shop-auth")
    );
    let shown = r.json(&["app", "show", "shop"]);
    assert_eq!(shown["private"], true);
    assert_eq!(shown["state"], "locked");
    assert_eq!(shown["activeUsers"], 0);
    let listed = r.json(&["app", "list"]);
    assert_eq!(listed[0]["private"], true);
    assert_eq!(listed[0]["state"], "locked");
    let table = r.ok(&["app", "list", "-o", "wide"]);
    let header = table.lines().next().unwrap();
    assert!(header.contains("PRIVATE"), "{table}");
    assert!(!table.contains("public"), "{table}");

    // From its first credential on, it is protected as any application.
    r.add_credential("shop", "admin", "a long enough password");
    let users = r.users("shop");
    assert_eq!(users.len(), 1);
    assert!(users[0].starts_with("admin:$2y$"), "{users:?}");
    assert_eq!(r.json(&["app", "show", "shop"])["state"], "protected");

    // Deleting the last credential closes it again, without the warning
    // that it is public.
    r.run(["delete", "--app", "shop", "--username", "admin"])
        .ok()
        .stderr_lacks("publicly")
        .stderr_has("closed");
    assert_eq!(r.users("shop"), [LOCKED]);
    assert_eq!(r.json(&["app", "show", "shop"])["state"], "locked");
    // What is published is what the registry says.
    r.ok(&["check"]);

    // The audit log says it was created private.
    let id = shown["applicationId"].as_str().unwrap();
    let added: Vec<Value> = app_events(&r, id)
        .into_iter()
        .filter(|e| e["action"] == "app.add")
        .collect();
    assert_eq!(added.len(), 1);
    assert!(
        added[0]["detail"].as_str().unwrap().contains("private"),
        "{added:?}"
    );
}

#[test]
fn app_update_turns_private_on_and_off_audited() {
    let r = Registry::with_app();
    assert_eq!(r.json(&["app", "show", "shop"])["state"], "public");
    r.run(["app", "update", "shop", "--private"])
        .ok()
        .stderr_lacks("publicly");
    assert_eq!(r.users("shop"), [LOCKED]);
    let shown = r.json(&["app", "show", "shop"]);
    assert_eq!(
        (shown["private"].clone(), shown["state"].clone()),
        (true.into(), "locked".into())
    );
    // Back: public again, and said so.
    r.run(["app", "update", "shop", "--no-private"])
        .ok()
        .stderr_has("served publicly");
    let y = r.yaml("shop").unwrap();
    assert!(y["http"]["middlewares"].is_null(), "{y:?}");
    assert!(
        y["http"]["routers"]["shop"]["middlewares"].is_null(),
        "{y:?}"
    );
    assert_eq!(r.json(&["app", "show", "shop"])["state"], "public");
    let id = shown["applicationId"].as_str().unwrap();
    let updates: Vec<String> = app_events(&r, id)
        .iter()
        .filter(|e| e["action"] == "app.update")
        .map(|e| e["detail"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(updates, ["changed: private", "changed: private"]);
    r.ok(&["check"]);
}

#[test]
fn a_private_app_with_external_routing_has_a_closed_middleware_until_its_first_credential() {
    let r = Registry::new();
    r.run(["app", "add", "--app-name", "ext", "--private"]).ok();
    // Routers elsewhere that reference ext-auth@file get 401, not 404.
    assert_eq!(r.users("ext"), [LOCKED]);
    let y = r.yaml("ext").unwrap();
    assert!(y["http"]["routers"].is_null(), "{y:?}");
    assert_eq!(r.json(&["app", "show", "ext"])["state"], "locked");
    r.add_credential("ext", "admin", "a long enough password");
    r.run(["delete", "--app", "ext", "--username", "admin"])
        .ok()
        .stderr_lacks("404")
        .stderr_has("closed");
    assert_eq!(r.users("ext"), [LOCKED]);
    // Not private any more: the middleware goes, and the 404 is said.
    r.run(["app", "update", "ext", "--no-private"])
        .ok()
        .stderr_has("404");
    assert!(!r.file("ext").exists());
    assert_eq!(r.json(&["app", "show", "ext"])["state"], "no middleware");
}

#[test]
fn a_private_app_whose_credentials_expired_is_not_offered_as_public() {
    let r = Registry::new();
    add_private_shop(&r);
    r.set_now(T0);
    r.run(["create", "--app", "shop", "--username", "temp"])
        .args(["--password-stdin", "--expires-in", "1h"])
        .stdin("a long enough password")
        .ok();
    r.set_now(T0_PLUS_2H);
    assert_eq!(r.ok(&["list", "--expired", "-q"]).lines().count(), 1);
    r.run(["expire"])
        .ok()
        .stderr_has("shop is locked")
        .stderr_has("private")
        .stderr_lacks("make it public");
    assert_eq!(r.users("shop"), [LOCKED]);
    // Deleting the expired credential keeps it closed.
    r.ok(&["delete", "--app", "shop", "--username", "temp"]);
    assert_eq!(r.users("shop"), [LOCKED]);
}

#[test]
fn only_managers_make_an_app_private_and_a_refusal_changes_nothing() {
    let r = Registry::with_app();
    let carol = r.add_user("carol", "member");
    r.ok(&["app", "grant", "shop", "--user", "carol"]);
    let before = std::fs::read(r.file("shop")).unwrap();
    r.run(["app", "update", "shop", "--private"])
        .as_key(&carol)
        .code(4);
    assert_eq!(std::fs::read(r.file("shop")).unwrap(), before);
    assert_eq!(r.json(&["app", "show", "shop"])["private"], false);
}

// ---------------------------------------------------------------------------
// The audit log names removed applications

#[test]
fn the_events_of_a_removed_app_still_name_it() {
    let r = Registry::with_app();
    let id = r.json(&["app", "show", "shop"])["applicationId"]
        .as_str()
        .unwrap()
        .to_string();
    r.add_credential("shop", "admin", "a long enough password");
    r.ok(&[
        "update",
        "--app",
        "shop",
        "--username",
        "admin",
        "--generate",
    ]);
    r.ok(&["app", "remove", "shop"]);
    let events = app_events(&r, &id);
    let actions: Vec<&str> = events
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for action in [
        "app.add",
        "security.create",
        "security.update",
        "security.delete",
        "app.remove",
    ] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    for e in &events {
        assert_eq!(e["appName"], "shop", "{e}");
    }
    // The table shows the name, not the id.
    let table = r.ok(&["audit", "--limit", "0"]);
    assert!(!table.contains(&id), "{table}");
    assert_eq!(
        table.lines().filter(|l| l.contains(" shop ")).count(),
        events.len(),
        "{table}"
    );
    // The removed application is found by its name too (and by its id).
    let by_name = r.json(&["audit", "--app", "shop", "--limit", "0"]);
    assert_eq!(by_name.as_array().unwrap().len(), events.len(), "{by_name}");
    let by_id = r.json(&["audit", "--app", &id, "--limit", "0"]);
    assert_eq!(by_id.as_array().unwrap().len(), events.len(), "{by_id}");
    // A new application of the same name is another application.
    r.ok(&["app", "add", "--app-name", "shop"]);
    let new = r.json(&["audit", "--app", "shop", "--limit", "0"]);
    assert!(
        new.as_array()
            .unwrap()
            .iter()
            .all(|e| e["applicationId"] != id.as_str()),
        "{new}"
    );
}

#[test]
fn a_registry_from_before_keeps_the_names_of_removed_apps_in_its_log() {
    let r = Registry::with_app();
    let id = r.json(&["app", "show", "shop"])["applicationId"]
        .as_str()
        .unwrap()
        .to_string();
    r.add_credential("shop", "admin", "a long enough password");
    r.ok(&["app", "remove", "shop"]);
    r.ok(&["app", "add", "--app-name", "blog"]);
    r.add_credential("blog", "admin", "a long enough password");
    // The schema before: no app names in the log, no private applications.
    r.sql()
        .execute_batch(
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
             ALTER TABLE audit_log DROP COLUMN app_name;
             ALTER TABLE applications DROP COLUMN private;
             DROP TABLE publish_intents;
             PRAGMA user_version = 6;",
        )
        .unwrap();
    let events = r.json(&["audit", "--limit", "0"]);
    let mut named = 0;
    for e in events.as_array().unwrap() {
        if e["applicationId"] == id.as_str() {
            assert_eq!(e["appName"], "shop", "{e}");
            named += 1;
        } else if !e["applicationId"].is_null() {
            assert_eq!(e["appName"], "blog", "{e}");
        }
    }
    assert_eq!(named, 4, "{events}"); // add, create, delete, remove
    assert_eq!(r.json(&["app", "show", "blog"])["private"], false);
}

// ---------------------------------------------------------------------------
// install-docs

/// A machine where authgate was installed into `T/bin` (a symbolic link,
/// as a package manager might make), with a home of its own.
struct Machine {
    dir: assert_fs::TempDir,
}

impl Machine {
    fn new() -> Self {
        let dir = assert_fs::TempDir::new().unwrap();
        std::fs::create_dir_all(dir.path().join("bin")).unwrap();
        std::fs::create_dir_all(dir.path().join("home")).unwrap();
        std::os::unix::fs::symlink(
            assert_cmd::cargo::cargo_bin("authgate"),
            dir.path().join("bin/authgate"),
        )
        .unwrap();
        Machine { dir }
    }

    fn path(&self, p: &str) -> std::path::PathBuf {
        self.dir.path().join(p)
    }

    /// A command with only this machine's HOME, and its bin first on PATH.
    fn cmd(&self, program: impl AsRef<std::ffi::OsStr>) -> StdCommand {
        let mut cmd = StdCommand::new(program);
        let path = format!(
            "{}:/usr/local/bin:/usr/bin:/bin",
            self.path("bin").display()
        );
        cmd.env_clear()
            .env("HOME", self.path("home"))
            .env("PATH", path)
            .env("LANG", "C.UTF-8");
        cmd
    }
}

#[test]
fn install_docs_puts_the_man_pages_where_man_finds_them_and_completions_where_shells_look() {
    let man = required_tool("man", "man-db");
    let m = Machine::new();
    // Before: man knows no authgate here.
    let out = m.cmd(&man).args(["-w", "authgate"]).output().unwrap();
    assert!(!out.status.success(), "{}", stdout(&out));

    let out = m
        .cmd("authgate")
        .args(["install-docs", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let written: Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = written
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["path"].as_str().unwrap())
        .collect();
    let page = m.path("share/man/man1/authgate.1");
    assert!(paths.contains(&page.to_str().unwrap()), "{written}");
    // No MANPATH note: T/bin is on PATH.
    assert!(!stderr(&out).contains("MANPATH"), "{}", stderr(&out));
    // The same pages as the repository ships.
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    for entry in std::fs::read_dir(&shipped).unwrap() {
        let entry = entry.unwrap();
        let installed = m.path("share/man/man1").join(entry.file_name());
        assert!(
            std::fs::read(&installed).ok() == Some(std::fs::read(entry.path()).unwrap()),
            "{} differs from man/{}",
            installed.display(),
            entry.file_name().to_string_lossy()
        );
    }

    // man finds them through PATH alone.
    for name in ["authgate", "authgate-app-add"] {
        let out = m.cmd(&man).args(["-w", name]).output().unwrap();
        assert!(out.status.success(), "man -w {name}: {}", stderr(&out));
        assert_eq!(
            stdout(&out).trim(),
            m.path(&format!("share/man/man1/{name}.1"))
                .to_str()
                .unwrap()
        );
    }

    // bash registers the completion from where bash-completion looks.
    let bash = m.path("home/.local/share/bash-completion/completions/authgate");
    let out = m
        .cmd("bash")
        .args(["--noprofile", "--norc", "-c"])
        .arg(format!(
            "source '{}' && complete -p authgate",
            bash.display()
        ))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("_authgate authgate"),
        "{}",
        stdout(&out)
    );
    let zsh = m.path("home/.local/share/zsh/site-functions/_authgate");
    assert!(
        std::fs::read_to_string(&zsh)
            .unwrap()
            .starts_with("#compdef authgate")
    );
    let fish = m.path("home/.config/fish/completions/authgate.fish");
    assert!(
        std::fs::read_to_string(&fish)
            .unwrap()
            .contains("complete --keep-order --exclusive --command authgate")
    );
    for p in [&bash, &zsh, &fish, &page] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "{}", p.display());
        assert!(paths.contains(&p.to_str().unwrap()), "{written}");
    }

    // A page of a subcommand that no longer exists does not linger; other
    // programs' pages stay.
    std::fs::write(m.path("share/man/man1/authgate-gone.1"), "old").unwrap();
    std::fs::write(m.path("share/man/man1/other.1"), "other").unwrap();
    let out = m
        .cmd("authgate")
        .args(["install-docs", "-q"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!m.path("share/man/man1/authgate-gone.1").exists());
    assert!(m.path("share/man/man1/other.1").exists());
    assert_eq!(stdout(&out).lines().count(), paths.len());
}

#[test]
fn install_docs_with_a_prefix_off_path_says_how_man_finds_the_pages() {
    let man = required_tool("man", "man-db");
    let m = Machine::new();
    let prefix = m.path("opt");
    let out = m
        .cmd("authgate")
        .arg("install-docs")
        .arg("--prefix")
        .arg(&prefix)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let manpath = format!("{}/share/man:", prefix.display());
    assert!(
        stderr(&out).contains(&format!("MANPATH=\"{manpath}\"")),
        "{}",
        stderr(&out)
    );
    assert!(prefix.join("share/man/man1/authgate-create.1").is_file());
    assert!(!m.path("share").exists(), "nothing beside the binary");
    let out = m
        .cmd(&man)
        .env("MANPATH", &manpath)
        .args(["-w", "authgate"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // A place it cannot write: exit 1, naming it.
    let out = m
        .cmd("authgate")
        .args(["install-docs", "--prefix", "/proc/authgate"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("/proc/authgate"), "{}", stderr(&out));
}
