//! The exact output of every command, in every format: `insta` snapshots
//! (`tests/snapshots/cmd_*.snap`) of its table, `-o json` and `-o yaml`
//! output, and of one typical error (stderr and exit code), as a terminal
//! shows them. What varies from run to run is replaced by names: ids,
//! timestamps, hashes, API keys, generated passwords, the temporary
//! directory, ports, sizes and durations.
//!
//! After an intended change of output (or of an exit code), accept the new
//! snapshots and read them:
//! `INSTA_UPDATE=always cargo test --test main command_output::` then
//! `git diff tests/snapshots/` (or `cargo insta review`).

use crate::common::redis_server::RedisServer;
use crate::common::*;

/// Every password the tests type. None may appear in any output.
const PASSWORD: &str = "a long enough password";
const OTHER_PASSWORD: &str = "another long enough password";

const FORMATS: [(&str, &[&str]); 3] = [
    ("table", &[]),
    ("json", &["-o", "json"]),
    ("yaml", &["-o", "yaml"]),
];

/// A registry with two applications (shop: managed routing; blog: routed
/// elsewhere), a credential on each, and bob, a member granted shop.
struct World {
    r: Registry,
    /// Ids that stand for names in snapshots.
    names: Vec<(String, String)>,
    bob: String,
}

impl World {
    fn new() -> Self {
        let r = Registry::with_app();
        r.ok(&[
            "app",
            "add",
            "--app-name",
            "blog",
            "--host",
            "blog.example.com",
        ]);
        let mut names = Vec::new();
        for (app, user) in [("shop", "admin"), ("blog", "editor")] {
            let id = r.add_credential(app, user, PASSWORD);
            names.push((id, format!("{app}/{user}")));
        }
        let bob = r.add_user("bob", "member");
        r.ok(&["app", "grant", "shop", "--user", "bob"]);
        World { r, names, bob }
    }

    fn empty() -> Self {
        World {
            r: Registry::empty(),
            names: Vec::new(),
            bob: String::new(),
        }
    }

    /// Runs the command, checks that it fails when `name` ends in `_error`
    /// and succeeds otherwise, that no password it was typed shows, and its
    /// transcript against the snapshot `cmd_<name>` (which holds the exit
    /// code: a change of code is accepted with the snapshot).
    #[track_caller]
    fn snap(&self, name: &str, run: Run) -> Ran {
        let ran = run.exec();
        match (name.ends_with("_error"), ran.exit_code()) {
            (true, Some(0)) => ran.fail("expected a failure"),
            (false, code) if code != Some(0) => ran.fail("expected success"),
            _ => {}
        }
        for secret in [PASSWORD, OTHER_PASSWORD] {
            if ran.stdout().contains(secret) || ran.stderr().contains(secret) {
                ran.fail(format_args!("{secret:?} printed"));
            }
        }
        // Tables line up: names there are padded to what they replace.
        let table = name.ends_with("_table");
        // A table on an 80-column terminal (`COLUMNS=80`, as a terminal of
        // that width would give) fits it.
        if name.contains("_80_") {
            for line in ran.stdout().lines() {
                if line.chars().count() > 80 {
                    ran.fail(format_args!(
                        "a line of {} columns: {line}",
                        line.chars().count()
                    ));
                }
            }
        }
        let mut settings = snapshot_settings(&self.names, table);
        let tmp = self.r.dir.path().to_string_lossy().into_owned();
        settings.add_filter(&regex_escape(&tmp), "[tmp]");
        // YAML quotes a key id that reads as a number: the same id.
        settings.add_filter(r"(?m)(: )'([0-9a-f]{16})'$", "$1$2");
        for (pattern, name, width) in [
            (r"ag_[0-9a-f]{16}_[A-Za-z0-9]{40}", "api key", 60),
            (r"\b[0-9a-f]{16}\b", "key id", 16),
            (r"\{SHA\}[A-Za-z0-9+/]{27}=", "sha hash", 33),
            (
                r"\$apr1\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{22}",
                "apr1 hash",
                37,
            ),
        ] {
            settings.add_filter(pattern, placeholder(table, name, width));
        }
        for (pattern, replacement) in [
            (r"127\.0\.0\.1:\d+", "127.0.0.1:[port]"),
            (r"\d+ bytes", "[n] bytes"),
            (
                r"\.authgate-backup-[A-Za-z0-9]+",
                ".authgate-backup-[random]",
            ),
            (r"about \d+(\.\d+)? ms", "about [n] ms"),
            (r"(?m)^( PASSWORD +)\S+$", "$1[generated password]"),
            (r#"("password": ")[^"]+""#, "$1[generated password]\""),
            (r"(?m)^(password: )\S+$", "$1[generated password]"),
            (r"(?m)[ \t]+$", ""),
        ] {
            settings.add_filter(pattern, replacement);
        }
        let text = ran.transcript();
        settings.bind(|| insta::assert_snapshot!(format!("cmd_{name}"), text));
        ran
    }

    /// The command in each format: `make(format, flags)` builds it (a
    /// command that changes something changes something else each time).
    #[track_caller]
    fn formats<'r>(&self, name: &str, make: impl Fn(&str, &[&str]) -> Run<'r>) {
        for (format, flags) in FORMATS {
            self.snap(&format!("{name}_{format}"), make(format, flags));
        }
    }

    /// A credential of shop's, for a command that uses one up.
    fn credential(&self, username: &str) -> String {
        self.r.add_credential("shop", username, PASSWORD)
    }
}

/// A string as a regex that matches it literally.
fn regex_escape(text: &str) -> String {
    text.chars()
        .map(|c| {
            if r"\.+*?()|[]{}^$#&-~".contains(c) {
                format!("\\{c}")
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[test]
fn init() {
    for (format, flags) in FORMATS {
        let w = World::empty();
        w.snap(
            &format!("init_{format}"),
            w.r.run([
                "init", "--org", "acme", "--user", "alice", "--cost", TEST_COST,
            ])
            .args(flags),
        );
        if format == "table" {
            w.snap(
                "init_error",
                w.r.run(["init", "--org", "acme", "--user", "alice"]),
            );
        }
    }
}

#[test]
fn credentials() {
    let w = World::new();
    let r = &w.r;
    w.formats("create", |format, flags| {
        r.run(["create", "--app", "shop", "--username", format])
            .arg("--password-stdin")
            .args(flags)
            .stdin(PASSWORD)
    });
    w.formats("create_generate", |format, flags| {
        r.run([
            "create",
            "--app",
            "blog",
            "--username",
            format,
            "--generate",
        ])
        .args(flags)
    });
    w.snap(
        "create_error",
        r.run([
            "create",
            "--app",
            "shop",
            "--username",
            "admin",
            "--password-stdin",
        ])
        .stdin(PASSWORD),
    );

    w.formats("show", |_, flags| {
        r.run(["show", "--app", "shop", "--username", "admin"])
            .args(flags)
    });
    w.snap(
        "show_error",
        r.run(["show", "--app", "shop", "--username", "nobody"]),
    );

    w.formats("update", |_, flags| {
        r.run(["update", "--app", "shop", "--username", "admin"])
            .args(["--password-stdin", "--expires-at", "2999-01-01T00:00:00Z"])
            .args(flags)
            .stdin(OTHER_PASSWORD)
    });
    w.snap(
        "update_error",
        r.run(["update", "--app", "shop", "--username", "admin"])
            .args(["--expires-at", "2001-01-01T00:00:00Z"]),
    );

    w.formats("verify", |_, flags| {
        r.run(["verify", "--app", "shop", "--username", "admin"])
            .arg("--password-stdin")
            .args(flags)
            .stdin(OTHER_PASSWORD)
    });
    w.snap(
        "verify_error",
        r.run(["verify", "--app", "shop", "--username", "admin"])
            .arg("--password-stdin")
            .stdin(PASSWORD),
    );

    w.formats("list", |_, flags| r.run(["list"]).args(flags));
    w.snap("list_wide_table", r.run(["list", "-o", "wide"]));
    w.snap("list_80_table", r.run(["list"]).env("COLUMNS", "80"));
    w.snap(
        "show_80_table",
        r.run(["show", "--app", "shop", "--username", "admin"])
            .env("COLUMNS", "80"),
    );
    w.snap("list_error", r.run(["list", "--app", "nowhere"]));

    w.formats("delete", |format, flags| {
        let id = w.credential(&format!("gone-{format}"));
        r.run(["delete", &id]).args(flags)
    });
    w.snap(
        "delete_error",
        r.run(["delete", "--app", "shop", "--username", "nobody"]),
    );
}

#[test]
fn shared_credentials() {
    let w = World::new();
    let r = &w.r;
    w.formats("create_shared", |format, flags| {
        r.run(["create", "--project", "default", "--username"])
            .args([&format!("reviewer-{format}"), "--password-stdin"])
            .args(flags)
            .stdin(PASSWORD)
    });
    w.snap(
        "create_shared_error",
        r.run(["create", "--project", "default", "--username", "admin"])
            .arg("--password-stdin")
            .stdin(PASSWORD),
    );
    w.snap("list_shared_80_table", r.run(["list"]).env("COLUMNS", "80"));
    w.snap("list_app_shared_table", r.run(["list", "--app", "shop"]));
    w.snap(
        "list_project_table",
        r.run(["list", "--project", "default"]),
    );
    w.snap(
        "show_shared_table",
        r.run([
            "show",
            "--project",
            "default",
            "--username",
            "reviewer-json",
        ]),
    );
    w.snap(
        "show_shared_error",
        r.run(["show", "--project", "nowhere", "--username", "reviewer"]),
    );
}

#[test]
fn import_and_export() {
    let w = World::new();
    let r = &w.r;
    w.formats("import", |format, flags| {
        let file = r.dir.path().join(format!("{format}.htpasswd"));
        std::fs::write(
            &file,
            format!(
                "{format}-sha:{{SHA}}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n\
                 {format}-apr1:$apr1$r31.....$HqJZimcKQFAMYayBlzkrA/\n"
            ),
        )
        .unwrap();
        r.run(["import", "--app", "blog"]).arg(file).args(flags)
    });
    w.snap(
        "import_error",
        r.run(["import", "--app", "blog", "/nonexistent/file.htpasswd"]),
    );

    for format in ["htpasswd", "traefik-yaml", "json"] {
        w.snap(
            &format!("export_{}", format.replace('-', "_")),
            r.run(["export", "--app", "blog", "--format", format]),
        );
    }
    w.snap("export_error", r.run(["export", "--app", "nowhere"]));
}

#[test]
fn check_sync_and_expire() {
    let w = World::new();
    let r = &w.r;
    w.formats("check", |_, flags| r.run(["check"]).args(flags));
    std::fs::remove_file(r.file("shop")).unwrap();
    w.snap("check_error", r.run(["check"]));

    w.formats("sync", |_, flags| {
        let _ = std::fs::remove_file(r.file("shop"));
        r.run(["sync"]).args(flags)
    });
    w.snap("sync_error", r.run(["sync"]).as_key(&w.bob));

    // Each credential expires an hour after it is created; the clock then
    // moves two hours on.
    let base: i64 = 4_102_444_800; // 2100-01-01T00:00:00Z
    w.formats("expire", |format, flags| {
        let step = FORMATS.iter().position(|(f, _)| *f == format).unwrap() as i64;
        r.set_now(&(base + step * 7200).to_string());
        r.run([
            "create",
            "--app",
            "shop",
            "--username",
            &format!("temp-{format}"),
        ])
        .args(["--password-stdin", "--expires-in", "1h"])
        .stdin(PASSWORD)
        .ok();
        r.set_now(&(base + step * 7200 + 7200).to_string());
        r.run(["expire"]).args(flags)
    });
    w.snap("expire_error", r.run(["expire"]).as_key(&w.bob));
}

#[test]
fn backup_and_restore() {
    let w = World::new();
    let r = &w.r;
    let file = |format: &str| r.dir.path().join(format!("{format}.backup"));
    w.formats("backup", |format, flags| {
        r.run(["backup"]).arg(file(format)).args(flags)
    });
    let not_a_dir = r.dir.path().join("a-file");
    std::fs::write(&not_a_dir, "").unwrap();
    w.snap(
        "backup_error",
        r.run(["backup"]).arg(not_a_dir.join("registry.backup")),
    );
    w.formats("restore", |format, flags| {
        r.run(["restore"]).arg(file(format)).args(flags)
    });
    w.snap(
        "restore_error",
        r.run(["restore", "/nonexistent/registry.backup"]),
    );
}

#[test]
fn apps() {
    let w = World::new();
    let r = &w.r;
    w.formats("app_add", |format, flags| {
        r.run(["app", "add", "--app-name", &format!("new-{format}")])
            .args(["--domain", &format!("{format}.example.com")])
            .args(["--upstream", "http://10.0.0.7:8080"])
            .args(flags)
    });
    w.snap("app_add_error", r.run(["app", "add", "--app-name", "shop"]));
    w.formats("app_list", |_, flags| r.run(["app", "list"]).args(flags));
    w.snap("app_list_wide_table", r.run(["app", "list", "-o", "wide"]));
    w.snap(
        "app_list_80_table",
        r.run(["app", "list"]).env("COLUMNS", "80"),
    );
    w.snap(
        "app_show_80_table",
        r.run(["app", "show", "shop"]).env("COLUMNS", "80"),
    );
    w.snap("app_list_error", r.run(["app", "list"]).as_key("ag_bogus"));
    w.formats("app_show", |_, flags| {
        r.run(["app", "show", "shop"]).args(flags)
    });
    w.snap("app_show_error", r.run(["app", "show", "nowhere"]));
    w.formats("app_update", |format, flags| {
        r.run(["app", "update", &format!("new-{format}")])
            .args(["--realm", "Staff only"])
            .args(flags)
    });
    w.snap(
        "app_update_error",
        r.run(["app", "update", "shop", "--upstream", "ftp://10.0.0.7"]),
    );
    w.formats("app_grant", |format, flags| {
        r.run(["app", "grant", &format!("new-{format}"), "--user", "bob"])
            .args(flags)
    });
    w.snap(
        "app_grant_error",
        r.run(["app", "grant", "shop", "--user", "nobody"]),
    );
    w.formats("app_revoke", |format, flags| {
        r.run(["app", "revoke", &format!("new-{format}"), "--user", "bob"])
            .args(flags)
    });
    w.snap(
        "app_revoke_error",
        r.run(["app", "revoke", "shop", "--user", "bob"])
            .as_key(&w.bob),
    );
    w.formats("app_remove", |format, flags| {
        r.run(["app", "remove", &format!("new-{format}")])
            .args(flags)
    });
    w.snap("app_remove_error", r.run(["app", "remove", "nowhere"]));
    w.formats("app_release_name", |format, flags| {
        r.run(["app", "release-name", &format!("new-{format}")])
            .args(flags)
    });
    w.snap(
        "app_release_name_error",
        r.run(["app", "release-name", "shop"]),
    );
}

#[test]
fn organizations_users_members_and_keys() {
    let w = World::new();
    let r = &w.r;
    w.formats("org_create", |format, flags| {
        r.run(["org", "create", &format!("org-{format}")])
            .args(flags)
    });
    w.snap("org_create_error", r.run(["org", "create", "acme"]));
    w.formats("org_list", |_, flags| r.run(["org", "list"]).args(flags));
    w.snap("org_list_error", r.run(["org", "list"]).as_key("ag_bogus"));
    w.formats("org_switch", |format, flags| {
        r.run(["org", "switch", &format!("org-{format}")])
            .args(flags)
    });
    w.snap("org_switch_error", r.run(["org", "switch", "nowhere"]));
    r.ok(&["org", "switch", "acme"]);
    w.formats("org_allow_upstream", |format, flags| {
        r.run([
            "org",
            "allow-upstream",
            &format!("org-{format}"),
            "127.0.0.0/8",
        ])
        .args(flags)
    });
    w.snap(
        "org_allow_upstream_error",
        r.run(["org", "allow-upstream", "acme", "127.0.0.0/8"]),
    );
    w.formats("org_upstream_networks", |_, flags| {
        r.run(["org", "upstream-networks"]).args(flags)
    });
    w.snap(
        "org_upstream_networks_error",
        r.run(["org", "upstream-networks"]).as_key(&w.bob),
    );

    w.formats("user_create", |format, flags| {
        r.run([
            "user",
            "create",
            &format!("user-{format}"),
            "--role",
            "viewer",
        ])
        .args(flags)
    });
    w.snap(
        "user_create_error",
        r.run(["user", "create", "bob", "--role", "viewer"]),
    );
    w.formats("user_list", |_, flags| r.run(["user", "list"]).args(flags));
    w.snap(
        "user_list_error",
        r.run(["user", "list", "--org", "nowhere"]),
    );

    w.formats("member_set_role", |format, flags| {
        r.run(["member", "set-role", &format!("user-{format}"), "admin"])
            .args(flags)
    });
    w.snap(
        "member_set_role_error",
        r.run(["member", "set-role", "bob", "emperor"]),
    );
    w.formats("member_remove", |format, flags| {
        r.run(["member", "remove", &format!("user-{format}")])
            .args(flags)
    });
    w.snap("member_remove_error", r.run(["member", "remove", "nobody"]));

    w.formats("apikey_create", |format, flags| {
        r.run(["apikey", "create", "--name", format]).args(flags)
    });
    w.snap(
        "apikey_create_error",
        r.run(["apikey", "create"]).as_key("ag_bogus"),
    );
    w.formats("apikey_list", |_, flags| {
        r.run(["apikey", "list"]).args(flags)
    });
    w.snap(
        "apikey_list_error",
        r.run(["apikey", "list"]).as_key("ag_bogus"),
    );
    let keys = r.json(&["apikey", "list"]);
    w.formats("apikey_revoke", |format, flags| {
        let key = keys
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["name"] == format)
            .unwrap();
        r.run(["apikey", "revoke", key["keyId"].as_str().unwrap()])
            .args(flags)
    });
    w.snap(
        "apikey_revoke_error",
        r.run(["apikey", "revoke", "0000000000000000"]),
    );
}

#[test]
fn settings_and_sinks() {
    let w = World::new();
    let r = &w.r;
    w.formats("settings_list", |_, flags| {
        r.run(["settings", "list"]).args(flags)
    });
    w.snap(
        "settings_list_error",
        r.run(["settings", "list"]).as_key(&w.bob),
    );
    w.formats("settings_set", |format, flags| {
        let days = match format {
            "table" => "10",
            "json" => "20",
            _ => "30",
        };
        r.run(["settings", "set", "name-reservation-days", days])
            .args(flags)
    });
    w.snap(
        "settings_set_error",
        r.run(["settings", "set", "bcrypt-cost", "99"]),
    );

    let servers: Vec<RedisServer> = (0..3).map(|_| RedisServer::start()).collect();
    w.formats("sink_add", |format, flags| {
        let i = FORMATS.iter().position(|(f, _)| *f == format).unwrap();
        r.run(["sink", "add", "redis", &servers[i].url(), "--name", format])
            .args(flags)
    });
    w.snap(
        "sink_add_error",
        r.run(["sink", "add", "redis", "redis://127.0.0.1:1/0"]),
    );
    w.formats("sink_list", |_, flags| r.run(["sink", "list"]).args(flags));
    w.snap("sink_list_error", r.run(["sink", "list"]).as_key(&w.bob));
    w.formats("sink_remove", |format, flags| {
        r.run(["sink", "remove", format]).args(flags)
    });
    w.snap("sink_remove_error", r.run(["sink", "remove", "nowhere"]));
}

#[test]
fn traefik_instances_and_status() {
    // Registering and asking an instance need a real Traefik: tests/served.rs
    // snapshots those; here, what needs none.
    let w = World::new();
    let r = &w.r;
    w.formats("traefik_list", |_, flags| {
        r.run(["traefik", "list"]).args(flags)
    });
    w.snap(
        "traefik_list_error",
        r.run(["traefik", "list"]).as_key(&w.bob),
    );
    w.snap(
        "traefik_add_error",
        r.run(["traefik", "add", "edge", "--api", "http://127.0.0.1:1"]),
    );
    w.snap("traefik_remove_error", r.run(["traefik", "remove", "edge"]));
    w.snap("status_error", r.run(["status"]));
}

#[test]
fn audit() {
    let w = World::new();
    let r = &w.r;
    // A denial to list, in acme's log and in the installation's.
    r.run(["show", "--app", "blog", "--username", "editor"])
        .as_key(&w.bob)
        .exec();
    w.formats("audit", |_, flags| {
        r.run(["audit", "--limit", "5"]).args(flags)
    });
    w.snap("audit_error", r.run(["audit", "--since", "yesterday-ish"]));
    w.formats("audit_prune", |_, flags| {
        r.run(["audit", "prune", "--older-than", "365d"])
            .args(flags)
    });
    w.snap(
        "audit_prune_error",
        r.run(["audit", "prune", "--older-than", "365d"])
            .as_key(&w.bob),
    );
    w.formats("audit_installation", |_, flags| {
        r.run(["audit", "installation"]).args(flags)
    });
    w.snap(
        "audit_installation_error",
        r.run(["audit", "installation"]).as_key(&w.bob),
    );
    let log = r.dir.path().join("access.log");
    let line = |ip: &str, user: &str, status: u16| {
        format!(
            r#"{{"ClientHost":"{ip}","ClientUsername":"{user}","DownstreamStatus":{status},"RequestHost":"shop.example.com","RequestMethod":"GET","RequestPath":"/login","RouterName":"shop@file","StartUTC":"2025-03-01T00:00:00Z","entryPointName":"websecure","level":"info","msg":""}}"#
        )
    };
    let text = [
        line("192.0.2.1", "bob", 401),
        line("192.0.2.1", "bob", 401),
        line("192.0.2.2", "admin", 200),
        line("192.0.2.3", "-", 401),
    ]
    .join("\n");
    std::fs::write(&log, text + "\n").unwrap();
    w.formats("audit_failures", |_, flags| {
        r.run(["audit", "failures", "--since", "2025-01-01", "--access-log"])
            .arg(&log)
            .args(flags)
    });
    w.snap(
        "audit_failures_error",
        r.run([
            "audit",
            "failures",
            "--access-log",
            "/nonexistent/access.log",
        ]),
    );
}

#[test]
fn guard() {
    let w = World::new();
    let r = &w.r;
    r.set_now(T0);
    let log = r.dir.path().join("guard.log");
    // Eleven failed logins of one client per format, each run banning it.
    let failures = |client: &str| -> String {
        (0..11)
            .map(|i| {
                format!(
                    r#"{{"ClientAddr":"{client}:{i}","ClientHost":"{client}","ClientUsername":"admin","DownstreamStatus":401,"RouterName":"shop@file","StartUTC":"{T0}"}}"#
                ) + "\n"
            })
            .collect()
    };
    let append = |text: String| {
        use std::io::Write;
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    };
    for (format, client) in [
        ("table", "192.0.2.1"),
        ("json", "192.0.2.2"),
        ("yaml", "192.0.2.3"),
    ] {
        append(failures(client));
        let flags: &[&str] = match format {
            "table" => &[],
            "json" => &["-o", "json"],
            _ => &["-o", "yaml"],
        };
        w.snap(
            &format!("guard_{format}"),
            r.run(["guard", "--access-log"]).arg(&log).args(flags),
        );
    }
    w.snap(
        "guard_idle_table",
        r.run(["guard", "--access-log"]).arg(&log),
    );
    w.snap(
        "guard_error",
        r.run(["guard", "--access-log", "/nonexistent/access.log"]),
    );
    w.formats("guard_list", |_, flags| {
        r.run(["guard", "list"]).args(flags)
    });
    w.formats("guard_allow", |format, flags| {
        let network = match format {
            "table" => "198.51.100.0/24",
            "json" => "203.0.113.0/24",
            _ => "2001:db8::/32",
        };
        r.run(["guard", "allow", network]).args(flags)
    });
    w.snap(
        "guard_allow_error",
        r.run(["guard", "allow", "198.51.100.0/24"]),
    );
    w.snap(
        "guard_unban_table",
        r.run(["guard", "unban", "192.0.2.1", "--app", "shop"]),
    );
    w.snap(
        "guard_unban_error",
        r.run(["guard", "unban", "192.0.2.9", "--app", "shop"]),
    );
}

#[test]
fn documentation() {
    let w = World::new();
    let r = &w.r;
    // A completion script is one format: checked by tests/completion.rs.
    let bash = r.run(["completions", "bash"]).ok();
    assert!(bash.stdout().contains("_clap_complete_authgate"));
    w.snap("completions_error", r.run(["completions", "tcsh"]));
    let prefix = r.dir.path().join("prefix");
    w.formats("install_docs", |format, flags| {
        r.run(["install-docs", "--prefix"])
            .arg(prefix.join(format))
            .args(flags)
    });
    let file = r.dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    w.snap(
        "install_docs_error",
        r.run(["install-docs", "--prefix"]).arg(&file),
    );
}
