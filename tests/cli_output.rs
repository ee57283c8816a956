//! The operator-facing surface: generated completions and man pages, help
//! text, colour, and the machine-readable output formats.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use serde_json::Value;

use crate::common::*;

const REGENERATE: &str = "cargo run --locked -- gen-docs .";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_authgate")
}

fn files_in(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("dir entry").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).expect("read file"))
        })
        .collect()
}

// ---------------------------------------------------------------------------
// completions/ and man/

#[test]
fn committed_completions_and_man_pages_are_up_to_date() {
    let out = assert_fs::TempDir::new().unwrap();
    let status = StdCommand::new(bin())
        .arg("gen-docs")
        .arg(out.path())
        .env_remove("AUTHGATE_DB")
        .env_remove("AUTHGATE_TRAEFIK_DIR")
        .stdin(Stdio::null())
        .status()
        .expect("run gen-docs");
    assert!(status.success(), "gen-docs failed");
    for dir in ["completions", "man"] {
        let generated = files_in(&out.path().join(dir));
        let committed = files_in(&repo().join(dir));
        let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
        assert_eq!(
            names(&committed),
            names(&generated),
            "{dir}/ does not hold the files the CLI generates: run `{REGENERATE}` and commit {dir}/"
        );
        for (name, bytes) in &generated {
            assert!(
                committed[name] == *bytes,
                "{dir}/{name} is out of date: run `{REGENERATE}` and commit {dir}/"
            );
        }
    }
}

#[test]
fn gen_docs_is_deterministic() {
    let a = assert_fs::TempDir::new().unwrap();
    let b = assert_fs::TempDir::new().unwrap();
    for dir in [&a, &b] {
        let ok = StdCommand::new(bin())
            .arg("gen-docs")
            .arg(dir.path())
            .stdin(Stdio::null())
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }
    for sub in ["completions", "man"] {
        assert_eq!(files_in(&a.path().join(sub)), files_in(&b.path().join(sub)));
    }
}

#[test]
fn man_pages_name_and_cover_every_subcommand() {
    let pages = files_in(&repo().join("man"));
    for name in [
        "authgate.1",
        "authgate-create.1",
        "authgate-app-add.1",
        "authgate-completions.1",
    ] {
        assert!(pages.contains_key(name), "man/{name} is missing");
    }
    assert!(
        !pages
            .keys()
            .any(|n| n.contains("gen-docs") || n.contains("help")),
        "hidden commands and `help` get no page: {:?}",
        pages.keys()
    );
    let top = String::from_utf8(pages["authgate.1"].clone()).unwrap();
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH FILES",
    ] {
        assert!(top.contains(section), "authgate.1 lacks {section}");
    }
    for text in [
        "NOT_FOUND",
        "VERIFY_FAILED",
        "AUTHGATE_DB",
        "AUTHGATE_TRAEFIK_DIR",
        "AUTHGATE_API_KEY",
        "NO_COLOR",
        "$XDG_DATA_HOME/authgate/authgate.db",
        "$XDG_CONFIG_HOME/authgate/credentials",
    ] {
        assert!(top.contains(text), "authgate.1 does not mention {text}");
    }
    let create = String::from_utf8(pages["authgate-create.1"].clone()).unwrap();
    assert!(create.contains(".SH EXAMPLES") && create.contains(".SH \"EXIT STATUS\""));
    assert!(
        !top.contains(".SH EXTRA"),
        "the exit status is rendered as its own section, not as raw help text"
    );
}

#[test]
fn man_pages_render_without_warnings() {
    let groff = required_tool("groff", "groff-base");
    let dir = repo().join("man");
    for name in files_in(&dir).keys() {
        let out = StdCommand::new(&groff)
            .args(["-man", "-ww", "-z"])
            .arg(dir.join(name))
            .stdin(Stdio::null())
            .output()
            .expect("run groff");
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "groff -man -ww on man/{name}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn man_displays_the_top_page() {
    let man = required_tool("man", "man-db");
    let out = StdCommand::new(man)
        .args(["--warnings", "-l"])
        .arg(repo().join("man/authgate.1"))
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .stdin(Stdio::null())
        .output()
        .expect("run man");
    assert!(out.status.success(), "man -l: {}", stderr(&out));
    assert!(out.stderr.is_empty(), "man -l warned: {}", stderr(&out));
    let text = stdout(&out);
    for heading in ["EXIT STATUS", "ENVIRONMENT", "FILES"] {
        assert!(text.contains(heading), "rendered page lacks {heading}");
    }
}

#[test]
fn bash_completion_completes_subcommands() {
    let r = Registry::empty();
    let bash_complete = |words: &[&str]| r.bash_complete(words);
    let replies = bash_complete(&["authgate", "cr"]);
    assert!(
        replies.contains(&"create".to_string()),
        "COMPREPLY: {replies:?}"
    );
    let replies = bash_complete(&["authgate", "app", "gr"]);
    assert!(
        replies.contains(&"grant".to_string()),
        "COMPREPLY: {replies:?}"
    );
}

#[test]
fn completions_are_printed_for_every_shell() {
    for (shell, file) in [
        ("bash", "authgate.bash"),
        ("zsh", "_authgate"),
        ("fish", "authgate.fish"),
        ("elvish", "authgate.elv"),
        ("powershell", "_authgate.ps1"),
    ] {
        let r = Registry::empty();
        let out = r.cmd().args(["completions", shell]).output().unwrap();
        assert!(
            out.status.success(),
            "completions {shell}: {}",
            stderr(&out)
        );
        assert!(
            out.stdout == std::fs::read(repo().join("completions").join(file)).unwrap(),
            "completions {shell} differs from completions/{file}: run `{REGENERATE}`"
        );
    }
    let r = Registry::empty();
    let out = r.cmd().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(code(&out), 2);
}

// ---------------------------------------------------------------------------
// Help text

// Every subcommand's one line of help, and its long help ending with the
// exit status, are unit tests of the command tree (src/cli/mod.rs).

#[test]
fn long_help_ends_with_the_exit_status_after_the_examples() {
    let r = Registry::empty();
    let top = r.cmd().arg("--help").output().unwrap();
    assert!(stdout(&top).contains(&authgate::ErrorCode::exit_status_section()));
    // Each subcommand keeps its example, before the exit status.
    for (args, example) in [
        (
            &["create"][..],
            "authgate create --app shop --username ci --generate",
        ),
        (&["list"][..], "authgate list --older-than 90d"),
        (&["app", "add"][..], "authgate app add --app-name shop"),
        (&["init"][..], "authgate init --org acme"),
    ] {
        let text = stdout(&r.cmd().args(args).arg("--help").output().unwrap());
        let example_at = text
            .find(example)
            .unwrap_or_else(|| panic!("{args:?}: no example"));
        assert!(example_at < text.find("EXIT STATUS:").unwrap(), "{args:?}");
    }
}

// ---------------------------------------------------------------------------
// Colour

fn assert_no_escapes(what: &str, bytes: &[u8]) {
    assert!(
        !bytes.contains(&0x1b),
        "{what} contains an escape sequence: {:?}",
        String::from_utf8_lossy(bytes)
    );
}

#[test]
fn no_color_output_has_no_escape_sequences() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "correct horse battery");
    for args in [
        &["list"][..],
        &["app", "list"],
        &["show", "--app", "shop", "--username", "admin"],
        &["--help"],
        &["show", "--bogus"],
        &["show", "--app", "shop", "--username", "nobody"],
    ] {
        let out = r.cmd().env("NO_COLOR", "1").args(args).output().unwrap();
        assert_no_escapes(&format!("stdout of {args:?}"), &out.stdout);
        assert_no_escapes(&format!("stderr of {args:?}"), &out.stderr);
    }
}

/// Runs `authgate ARGS` on a pseudo-terminal (util-linux `script`), where
/// tables are styled unless NO_COLOR says otherwise; returns what it printed.
fn on_terminal(r: &Registry, no_color: Option<&str>, args: &str) -> Vec<u8> {
    let script = required_tool("script", "bsdutils");
    let mut cmd = StdCommand::new(script);
    cmd.env_clear()
        .env("HOME", r.home())
        .env("XDG_DATA_HOME", r.home().join(".local/share"))
        .env("XDG_CONFIG_HOME", r.home().join(".config"))
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("SHELL", "/bin/sh")
        .env("TERM", "xterm")
        .args([
            "-qec",
            &format!("stty cols 160 2>/dev/null; exec '{}' {args}", bin()),
            "/dev/null",
        ])
        .stdin(Stdio::null());
    if let Some(value) = no_color {
        cmd.env("NO_COLOR", value);
    }
    let out = cmd.output().expect("run script");
    assert!(out.status.success(), "script: {}", stderr(&out));
    out.stdout
}

#[test]
fn tables_on_a_terminal_are_styled_unless_no_color_is_set() {
    let r = Registry::with_app();
    let styled = on_terminal(&r, None, "app list");
    let styled = String::from_utf8_lossy(&styled).into_owned();
    assert!(
        styled.contains("\x1b["),
        "no styling on a terminal: {styled:?}"
    );
    assert!(styled.contains("APP NAME") && styled.contains("shop"));

    let plain = on_terminal(&r, Some("1"), "app list");
    assert_no_escapes("app list with NO_COLOR=1 on a terminal", &plain);
    assert!(String::from_utf8_lossy(&plain).contains("shop"));

    // An empty NO_COLOR does not count (no-color.org).
    let empty = on_terminal(&r, Some(""), "app list");
    assert!(String::from_utf8_lossy(&empty).contains("\x1b["));
}

#[test]
fn tables_in_a_pipe_are_plain() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "correct horse battery");
    let out = r.ok(&["list"]);
    assert_no_escapes("list in a pipe", out.as_bytes());
    let mut lines = out.lines();
    let header = lines.next().unwrap();
    assert!(header.contains("APP NAME") && header.contains("USERNAME"));
    assert!(lines.next().unwrap().contains("admin"));
}

// ---------------------------------------------------------------------------
// JSON and YAML

const CREDENTIAL_FIELDS: [&str; 7] = [
    "securityId",
    "username",
    "applicationId",
    "appName",
    "hashScheme",
    "createdAt",
    "updatedAt",
];
const APP_FIELDS: [&str; 7] = [
    "applicationId",
    "appName",
    "domains",
    "upstreams",
    "routing",
    "middleware",
    "middlewareRefs",
];

/// Runs with `-o FORMAT` and parses stdout in that format.
fn structured(r: &Registry, format: &str, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["-o", format]);
    let text = r.ok(&all);
    match format {
        "json" => serde_json::from_str(&text).expect("valid JSON"),
        "yaml" => serde_norway::from_str(&text).expect("valid YAML"),
        _ => unreachable!(),
    }
}

fn assert_timestamp(v: &Value, field: &str) {
    let s = v[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} is not a string: {v}"));
    assert!(s.ends_with('Z'), "{field} is not UTC: {s}");
    chrono::DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("{field} is not RFC 3339 ({e}): {s}"));
}

fn assert_credential(v: &Value) {
    assert!(v.is_object(), "a credential is an object: {v}");
    for field in CREDENTIAL_FIELDS {
        assert!(v.get(field).is_some(), "credential lacks {field}: {v}");
    }
    assert_eq!(v["hashScheme"], "bcrypt");
    assert_timestamp(v, "createdAt");
    assert_timestamp(v, "updatedAt");
    assert!(
        v.get("passwordHash").is_none() && v.get("password").is_none(),
        "no secrets unless asked: {v}"
    );
}

#[test]
fn show_and_list_in_json_and_yaml() {
    let r = Registry::with_app();
    let id = r.add_credential("shop", "admin", "correct horse battery");
    r.add_credential("shop", "deploy", "another long password");
    for format in ["json", "yaml"] {
        let v = structured(
            &r,
            format,
            &["show", "--app", "shop", "--username", "admin"],
        );
        assert_credential(&v);
        assert_eq!(v["securityId"], id.as_str());
        assert_eq!(v["username"], "admin");
        assert_eq!(v["appName"], "shop");

        let by_id = structured(&r, format, &["show", &id]);
        assert_eq!(by_id, v, "{format}: show by id and by name agree");

        let list = structured(&r, format, &["list"]);
        let items = list.as_array().expect("a list is an array");
        assert_eq!(items.len(), 2, "{format}: {list}");
        for item in items {
            assert_credential(item);
        }
        let names: Vec<_> = items.iter().map(|i| i["username"].clone()).collect();
        assert_eq!(names, ["admin", "deploy"], "sorted by username");

        let empty = structured(&r, format, &["list", "--older-than", "3650d"]);
        assert_eq!(empty, Value::Array(vec![]), "{format}: an empty list is []");
    }
}

#[test]
fn app_list_and_show_in_json_and_yaml() {
    let r = Registry::with_app();
    r.ok(&["app", "add", "--app-name", "blog"]);
    for format in ["json", "yaml"] {
        let list = structured(&r, format, &["app", "list"]);
        let apps = list.as_array().expect("app list is an array");
        assert_eq!(apps.len(), 2);
        for app in apps {
            for field in APP_FIELDS {
                assert!(
                    app.get(field).is_some(),
                    "{format}: app lacks {field}: {app}"
                );
            }
            assert!(app["domains"].is_array() && app["upstreams"].is_array());
            assert_timestamp(app, "createdAt");
            assert_timestamp(app, "updatedAt");
        }
        let shop = apps.iter().find(|a| a["appName"] == "shop").unwrap();
        assert_eq!(shop["routing"], "managed");
        assert_eq!(shop["domains"], serde_json::json!(["shop.example.com"]));
        assert_eq!(
            shop["upstreams"],
            serde_json::json!(["http://10.0.0.5:3000"])
        );
        let blog = apps.iter().find(|a| a["appName"] == "blog").unwrap();
        assert_eq!(blog["routing"], "external");
        // Without credentials it has no middleware to reference.
        assert_eq!(blog["middleware"], serde_json::Value::Null);
        assert_eq!(blog["middlewareRefs"], serde_json::json!([]));

        let one = structured(&r, format, &["app", "show", "shop"]);
        assert!(one.is_object());
        assert_eq!(one["applicationId"], shop["applicationId"]);
    }
}

#[test]
fn quiet_prints_only_ids() {
    let r = Registry::with_app();
    let a = r.add_credential("shop", "admin", "correct horse battery");
    let b = r.add_credential("shop", "deploy", "another long password");

    let out = r.cmd().args(["list", "-q"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(stdout(&out), format!("{a}\n{b}\n"));
    assert!(out.stderr.is_empty());

    // -q wins over -o: still ids.
    assert_eq!(r.ok(&["list", "-q", "-o", "json"]), format!("{a}\n{b}\n"));
    assert_eq!(
        r.ok(&["show", "--app", "shop", "--username", "deploy", "-q"]),
        format!("{b}\n")
    );

    let created = r
        .cmd()
        .args([
            "create",
            "--app",
            "shop",
            "--username",
            "ci",
            "--password-stdin",
            "-q",
        ])
        .write_stdin("a long enough password")
        .output()
        .unwrap();
    assert!(created.status.success(), "{}", stderr(&created));
    let id = stdout(&created);
    let ids = r.ok(&["list", "-q"]);
    assert!(ids.lines().any(|l| l == id.trim()), "{id} in {ids}");
    for line in ids.lines() {
        assert!(uuid_like(line), "not a securityId: {line:?}");
    }

    let app_ids = r.ok(&["app", "list", "-q"]);
    assert_eq!(app_ids.lines().count(), 1);
    assert!(app_ids.starts_with("app-"));
}

fn uuid_like(s: &str) -> bool {
    s.len() == 36
        && s.chars().enumerate().all(|(i, c)| {
            if [8, 13, 18, 23].contains(&i) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

#[test]
fn errors_in_json_carry_code_and_exit_status() {
    let r = Registry::with_app();
    let cases: [(&[&str], i32, &str); 4] = [
        (
            &["show", "--app", "shop", "--username", "nobody"],
            3,
            "NOT_FOUND",
        ),
        (
            &["show", "00000000-0000-0000-0000-000000000000"],
            3,
            "NOT_FOUND",
        ),
        (&["app", "show", "nowhere"], 3, "NOT_FOUND"),
        (&["show", "--bogus-flag"], 2, "BAD_REQUEST"),
    ];
    for (args, exit, error_code) in cases {
        let out = r.cmd().args(args).args(["-o", "json"]).output().unwrap();
        assert_eq!(code(&out), exit, "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}: errors never go to stdout");
        let v: Value = serde_json::from_str(stderr(&out).trim())
            .unwrap_or_else(|e| panic!("{args:?}: stderr is not JSON ({e}): {}", stderr(&out)));
        assert_eq!(v["error"]["code"], error_code, "{args:?}: {v}");
        assert!(
            v["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{args:?}: {v}"
        );
        assert_eq!(v.as_object().unwrap().len(), 1, "only `error`: {v}");
    }

    // Without -o json: a plain message.
    let out = r
        .cmd()
        .args(["show", "--app", "shop", "--username", "nobody"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3);
    assert!(stderr(&out).starts_with("error: "), "{}", stderr(&out));

    // A bad key: UNAUTHORIZED.
    let out = r
        .cmd_as("ag_bogus_key")
        .args(["list", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let v: Value = serde_json::from_str(stderr(&out).trim()).unwrap();
    assert_eq!(v["error"]["code"], "UNAUTHORIZED");
}

#[test]
fn warnings_go_to_stderr_and_only_quiet_no_warnings_silences_them() {
    let r = Registry::with_app();
    let create = |user: &str, flags: &[&str]| {
        let out = r
            .cmd()
            .args([
                "create",
                "--app",
                "shop",
                "--username",
                user,
                "--password",
                "short1",
            ])
            .args(flags)
            .output()
            .unwrap();
        assert!(out.status.success(), "{flags:?}: {}", stderr(&out));
        out
    };

    let out = create("a", &["-o", "json"]);
    let err = stderr(&out);
    assert!(
        err.contains("warning:") && err.contains("command line"),
        "{err}"
    );
    assert!(err.contains("shorter than 12"), "{err}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("stdout stays pure JSON");
    assert_eq!(v["username"], "a");

    for (user, flags) in [("b", &["-q"][..]), ("c", &["--no-warnings"][..])] {
        let err = stderr(&create(user, flags));
        assert!(
            err.contains("command line") && err.contains("shorter than 12"),
            "{flags:?} alone keeps warnings: {err}"
        );
    }

    let out = create("d", &["-q", "--no-warnings"]);
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    assert!(uuid_like(stdout(&out).trim()));
}

// ---------------------------------------------------------------------------
// Snapshots: what an operator reads, in each format
//
// Sessions of commands, as a terminal shows them, checked against
// tests/snapshots/. Ids, timestamps and hashes differ on every run: each
// known id becomes a name (`[shop/admin]`, `[app shop]`, `[org acme]`), any
// other UUIDv7 `[uuid]`, timestamps `[timestamp]`, bcrypt hashes
// `[bcrypt hash]`. In tables the names are padded to the width of what they
// replace, so that the columns still line up; trailing spaces are dropped.
// With `CI` set, a missing or different snapshot fails and nothing is
// written. After an intended change of output, review and accept the new
// snapshots: `cargo insta review`, or
// `INSTA_UPDATE=always cargo test --test main snapshot_` and `git diff`.

/// Two applications (shop: managed routing; blog: external) with three
/// credentials, and the names that stand for their ids in snapshots.
struct Showroom {
    r: Registry,
    names: Vec<(String, String)>,
}

impl Showroom {
    fn new() -> Self {
        let r = Registry::with_app();
        r.ok(&["app", "add", "--app-name", "blog"]);
        let mut names = Vec::new();
        for (app, user) in [("shop", "admin"), ("shop", "deploy"), ("blog", "editor")] {
            let id = r.add_credential(app, user, "a long enough password");
            names.push((id, format!("{app}/{user}")));
        }
        for app in r.json(&["app", "list"]).as_array().expect("apps") {
            let id = app["applicationId"].as_str().expect("applicationId");
            names.push((
                id.to_string(),
                format!("app {}", app["appName"].as_str().unwrap()),
            ));
            let org = app["orgId"].as_str().expect("orgId").to_string();
            if !names.iter().any(|(id, _)| *id == org) {
                names.push((org, "org acme".to_string()));
            }
        }
        Showroom { r, names }
    }

    fn id(&self, name: &str) -> &str {
        let (id, _) = self.names.iter().find(|(_, n)| n == name).expect(name);
        id
    }

    /// Runs each command (as the owner, nothing on stdin) and checks the
    /// session against the snapshot `name`; `table` pads the placeholders.
    fn session(&self, name: &str, table: bool, commands: &[&[&str]]) {
        let text: Vec<String> = commands
            .iter()
            .map(|args| self.r.run(*args).exec().transcript())
            .collect();
        self.assert(name, table, &text.join("\n"));
    }

    fn assert(&self, name: &str, table: bool, text: &str) {
        snapshot_settings(&self.names, table).bind(|| insta::assert_snapshot!(name, text));
    }
}

#[test]
fn snapshot_show() {
    let s = Showroom::new();
    let admin = ["show", "--app", "shop", "--username", "admin"];
    let by_id = ["show", s.id("blog/editor")];
    s.session("show_table", true, &[&admin, &by_id]);
    for format in ["json", "yaml"] {
        let o = ["-o", format];
        s.session(
            &format!("show_{format}"),
            false,
            &[
                &[&admin[..], &o].concat(),
                &[&by_id[..], &o].concat(),
                &[&admin[..], &["--show-hash"], &o].concat(),
            ],
        );
    }
}

#[test]
fn snapshot_list() {
    let s = Showroom::new();
    s.session("list_table", true, &[&["list"], &["list", "--app", "blog"]]);
    for format in ["json", "yaml"] {
        s.session(
            &format!("list_{format}"),
            false,
            &[
                &["list", "-o", format],
                &["list", "--older-than", "3650d", "-o", format],
            ],
        );
    }
}

#[test]
fn snapshot_app_show() {
    let s = Showroom::new();
    s.session(
        "app_show_table",
        true,
        &[&["app", "show", "shop"], &["app", "show", "blog"]],
    );
    for format in ["json", "yaml"] {
        s.session(
            &format!("app_show_{format}"),
            false,
            &[
                &["app", "show", "shop", "-o", format],
                &["app", "show", "blog", "-o", format],
            ],
        );
    }
}

#[test]
fn snapshot_errors() {
    let s = Showroom::new();
    let text: Vec<String> = [
        s.r.run([
            "show",
            "--app",
            "shop",
            "--username",
            "nobody",
            "-o",
            "json",
        ]),
        s.r.run(["show", "00000000-0000-0000-0000-000000000000", "-o", "json"]),
        s.r.run(["app", "show", "nowhere", "-o", "json"]),
        s.r.run(["create", "--app", "shop", "--username", "admin"])
            .args(["--password-stdin", "-o", "json"])
            .stdin("a long enough password"),
        s.r.run(["list", "-o", "json"]).as_key("ag_bogus_key"),
        s.r.run(["show", "--app", "shop", "--username", "nobody"]),
    ]
    .into_iter()
    .map(|run| run.exec().transcript())
    .collect();
    s.assert("errors", false, &text.join("\n"));
}
