//! Input that looks like one thing and is another: upstream URLs that URL
//! parsers read differently, byte order marks, invisible characters,
//! password files of several lines; and a Traefik directory holding things
//! that are not regular files (a FIFO, a symlink to a device, a socket, a
//! directory) or are too large to read. Refused input changes nothing on
//! disk; nothing in the directory is opened that could block or never end.

use std::path::Path;
use std::time::Duration;

use crate::common::*;

/// Kills a command that hangs (a FIFO opened for reading waits for a
/// writer forever): far above the second or two these commands take.
const HANG: Duration = Duration::from_secs(20);

/// Runs `args` with `stdin`, and asserts exit 2, every needle in stderr,
/// nothing on stdout and every byte under the registry's temp dir as it
/// was.
#[track_caller]
fn refused(r: &Registry, args: &[&str], stdin: &[u8], needles: &[&str]) {
    // Any authenticated command records the key's use at most once a
    // minute; use it now so that the refused command never does.
    r.ok(&["app", "list"]);
    let before = r.all_bytes();
    let mut ran = r.run(args).stdin(stdin.to_vec()).code(2).no_stdout();
    for needle in needles {
        ran = ran.stderr_has(needle);
    }
    if r.all_bytes() != before {
        ran.fail("the refused command changed the registry or the Traefik directory");
    }
}

fn add_app(upstream: &str) -> Vec<String> {
    [
        "app",
        "add",
        "--app-name",
        "ok",
        "--domain",
        "ok.example.com",
        "--upstream",
        upstream,
    ]
    .map(String::from)
    .to_vec()
}

#[test]
fn upstreams_that_parsers_may_read_differently_are_refused_and_change_nothing() {
    let r = Registry::with_app();
    for (upstream, needle) in [
        ("http://%31%32%37.0.0.1:3000", "read as '127.0.0.1'"),
        ("http://0x7f.1:3000", "read as '127.0.0.1'"),
        ("http://0177.0.0.1", "read as '127.0.0.1'"),
        ("http://2130706433", "read as '127.0.0.1'"),
        ("http://127.1:3000", "read as '127.0.0.1'"),
        ("http://[0:0::1]:3000", "read as '[::1]'"),
        ("http://bücher.example", "read as 'xn--bcher-kva.example'"),
        ("http:\\\\127.0.0.1:3000", "backslash"),
        ("http://127.0.0.1:3000\\admin", "backslash"),
        ("http:/127.0.0.1:3000", "'//'"),
        ("http:127.0.0.1", "'//'"),
        ("http://user:secret@127.0.0.1:3000", "credentials"),
        ("http://@127.0.0.1:3000", "credentials"),
        ("ftp://127.0.0.1", "scheme 'ftp'"),
        ("file:///etc/passwd", "scheme 'file'"),
        ("127.0.0.1:3000", "scheme '127.0.0.1'"),
        ("http://127.0.0.1\u{202E}:3000", "U+202E"),
        ("http:///127.0.0.1", "no host"),
    ] {
        let add = add_app(upstream);
        let add: Vec<&str> = add.iter().map(String::as_str).collect();
        refused(&r, &add, b"", &["invalid upstream", needle]);
        refused(
            &r,
            &["app", "update", "shop", "--upstream", upstream],
            b"",
            &["invalid upstream", needle],
        );
    }
    // What a refused upstream never was: an application, a file.
    assert_eq!(r.count("SELECT count(*) FROM applications"), 1);
    assert!(!r.file("ok").exists());
}

#[test]
fn an_upstream_is_stored_shown_and_rendered_in_one_normalized_form() {
    let r = Registry::new();
    for (given, normalized) in [
        ("HTTP://Backend.Internal:80/", "http://backend.internal"),
        ("http://10.0.0.5:3000/", "http://10.0.0.5:3000"),
        ("https://[2001:DB8::5]:8443", "https://[2001:db8::5]:8443"),
    ] {
        r.ok(&[
            "app",
            "add",
            "--app-name",
            "shop",
            "--domain",
            "shop.example.com",
            "--upstream",
            given,
        ]);
        r.add_credential("shop", "admin", "the admin password");
        let stored: String = r
            .sql()
            .query_row(
                "SELECT upstreams FROM applications WHERE app_name = 'shop'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(
            stored,
            serde_json::json!([normalized]).to_string(),
            "{given}"
        );
        r.run(["app", "show", "shop"]).ok().stdout_has(normalized);
        let shown = r.json(&["app", "show", "shop"]);
        assert_eq!(
            shown["upstreams"],
            serde_json::json!([normalized]),
            "{given}"
        );
        let yaml = r.yaml("shop").expect("file");
        let url = yaml["http"]["services"]["shop"]["loadBalancer"]["servers"][0]["url"]
            .as_str()
            .map(String::from);
        assert_eq!(url.as_deref(), Some(normalized), "{given}");
        r.ok(&["check"]);
        r.ok(&["app", "remove", "shop", "--yes"]);
    }
}

/// An htpasswd line for `username` with a bcrypt hash of `password`.
fn htpasswd_line(username: &str, password: &str) -> String {
    format!("{username}:{}\n", bcrypt::hash(password, 4).unwrap())
}

#[test]
fn a_byte_order_mark_before_an_htpasswd_file_or_a_password_is_dropped() {
    let r = Registry::with_app();
    let dir = r.dir.path();
    let with_bom = |text: &str| [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();

    // import FILE, and import - (stdin).
    let file = dir.join("htpasswd");
    let text = htpasswd_line("alice", "alice's password") + &htpasswd_line("bob", "bob's pass");
    std::fs::write(&file, with_bom(&text)).unwrap();
    r.run(["import", "--app", "shop"])
        .arg(&file)
        .ok()
        .stderr_has("2 added");
    r.run(["import", "--app", "shop", "-"])
        .stdin(with_bom(&htpasswd_line("carol", "carol's password")))
        .ok()
        .stderr_has("1 added");
    let names: Vec<String> = r
        .sql()
        .prepare("SELECT username FROM security ORDER BY username")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(names, ["alice", "bob", "carol"]);
    for (name, password) in [("alice", "alice's password"), ("carol", "carol's password")] {
        r.verifies("shop", name, password);
    }
    assert!(r.users("shop").iter().any(|u| u.starts_with("alice:")));

    // --password-file, and --password-stdin.
    let password_file = dir.join("password");
    std::fs::write(&password_file, with_bom("dave's long password\r\n")).unwrap();
    r.run([
        "create",
        "--app",
        "shop",
        "--username",
        "dave",
        "--password-file",
    ])
    .arg(&password_file)
    .ok();
    r.run([
        "create",
        "--app",
        "shop",
        "--username",
        "erin",
        "--password-stdin",
    ])
    .stdin(with_bom("erin's long password\n"))
    .ok();
    for (name, password) in [
        ("dave", "dave's long password"),
        ("erin", "erin's long password"),
    ] {
        r.verifies("shop", name, password);
        // Verifying through a file with a BOM reads the same password.
        std::fs::write(&password_file, with_bom(&format!("{password}\n"))).unwrap();
        r.run([
            "verify",
            "--app",
            "shop",
            "--username",
            name,
            "--password-file",
        ])
        .arg(&password_file)
        .ok();
    }
}

#[test]
fn a_password_file_or_stdin_of_several_lines_is_refused() {
    let r = Registry::with_app();
    let fixtures = r.dir.path().join("fixtures");
    std::fs::create_dir(&fixtures).unwrap();
    for (name, text, lines) in [
        ("two", "first password\nsecond password\n", 2),
        ("empty-second", "the password\n\n", 2),
        ("crlf", "one\r\ntwo\r\nthree", 3),
    ] {
        let path = fixtures.join(name);
        std::fs::write(&path, text).unwrap();
        let path = path.to_str().unwrap();
        let message = format!("{path} has {lines} lines");
        refused(
            &r,
            &[
                "create",
                "--app",
                "shop",
                "--username",
                "x",
                "--password-file",
                path,
            ],
            b"",
            &[&message, "holds one password"],
        );
        let message = format!("stdin has {lines} lines");
        refused(
            &r,
            &[
                "create",
                "--app",
                "shop",
                "--username",
                "x",
                "--password-stdin",
            ],
            text.as_bytes(),
            &[&message, "one password"],
        );
    }
    // One trailing newline, \n or \r\n, is still the end of the one line.
    for (username, text) in [("lf", "a long password\n"), ("crlf", "a long password\r\n")] {
        let path = fixtures.join(username);
        std::fs::write(&path, text).unwrap();
        r.run([
            "create",
            "--app",
            "shop",
            "--username",
            username,
            "--password-file",
        ])
        .arg(&path)
        .ok();
        r.verifies("shop", username, "a long password");
    }
}

#[test]
fn invisible_characters_are_refused_in_names_shown_in_tables() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "the admin password");
    let add = |flag: &str, value: &str| {
        [
            "app",
            "add",
            "--app-name",
            "ok",
            "--domain",
            "ok.example.com",
            "--upstream",
            "http://10.0.0.6:3000",
            flag,
            value,
        ]
        .map(String::from)
        .to_vec()
    };
    for c in [
        '\u{200B}',
        '\u{200F}',
        '\u{202E}',
        '\u{2066}',
        '\u{2060}',
        '\u{FEFF}',
        '\u{00AD}',
        '\u{061C}',
        '\u{180E}',
        '\u{E0041}',
        '\u{3164}',
        '\u{115F}',
        '\u{FFA0}',
        '\u{00A0}',
    ] {
        let code_point = format!("U+{:04X}", u32::from(c));
        let value = format!("ad{c}min");
        refused(
            &r,
            &[
                "create",
                "--app",
                "shop",
                "--username",
                &value,
                "--generate",
            ],
            b"",
            &["invalid username", &code_point],
        );
        refused(
            &r,
            &[
                "update",
                "--app",
                "shop",
                "--username",
                "admin",
                "--new-username",
                &value,
            ],
            b"",
            &["invalid username", &code_point],
        );
        for (flag, field) in [
            ("--realm", "invalid realm"),
            ("--name", "invalid display name"),
        ] {
            let args = add(flag, &value);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            refused(&r, &args, b"", &[field, &code_point]);
            refused(
                &r,
                &["app", "update", "shop", flag, &value],
                b"",
                &[field, &code_point],
            );
        }
        let host = format!("sh{c}op.example.org");
        refused(
            &r,
            &["app", "update", "shop", "--domain", &host],
            b"",
            &["invalid domain", &code_point],
        );
        // Names that are ASCII identifiers refuse them too (they refuse
        // anything but ASCII letters, digits, '.', '_' and '-').
        refused(&r, &["org", "create", &value], b"", &["organization name"]);
        refused(
            &r,
            &["user", "create", &value, "--role", "member"],
            b"",
            &["user name"],
        );
        refused(
            &r,
            &["app", "add", "--app-name", &value],
            b"",
            &["app name"],
        );
        // import is all or nothing: one such username refuses the file.
        let text = htpasswd_line("bob", "bob's password") + &htpasswd_line(&value, "x's password");
        refused(
            &r,
            &["import", "--app", "shop", "-"],
            text.as_bytes(),
            &["nothing was imported", "line 2", &code_point],
        );
    }
    assert_eq!(r.count("SELECT count(*) FROM security"), 1);
}

/// A Traefik directory holding, beside authgate's files: a FIFO `x.yml`, a
/// symlink to `/dev/zero` `zero.yml`, a socket `s.yml`, a directory
/// `a.yml` and a 5 MiB `big.yml`. Returns the socket's listener, which
/// must live as long as the test.
fn plant_hostile_entries(dir: &Path) -> std::os::unix::net::UnixListener {
    let fifo = dir.join("x.yml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success(), "mkfifo {}", fifo.display());
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.yml")).unwrap();
    let socket = std::os::unix::net::UnixListener::bind(dir.join("s.yml")).unwrap();
    std::fs::create_dir(dir.join("a.yml")).unwrap();
    let mut big =
        b"http:\n  routers:\n    big:\n      rule: \"Host(`big.example.com`)\"\n# ".to_vec();
    big.resize(5 * 1024 * 1024, b'x');
    big.push(b'\n');
    std::fs::write(dir.join("big.yml"), big).unwrap();
    socket
}

#[test]
fn the_traefik_directory_is_read_bounded_and_only_from_regular_files() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "the admin password");
    let dir = r.traefik_dir();
    let _socket = plant_hostile_entries(&dir);
    let path = |name: &str| dir.join(name).display().to_string();

    let check = r
        .run(["check"])
        .timeout(HANG)
        .code(7)
        .stdout_has(&path("x.yml"))
        .stdout_has(&path("zero.yml"))
        .stdout_has(&path("s.yml"))
        .stdout_has("not a regular file")
        .stdout_has(&path("big.yml"))
        .stdout_has("larger than 4194304 bytes")
        // A directory is a directory, whatever its name: Traefik walks it
        // like any other, and so does authgate.
        .stdout_lacks(&path("a.yml"));
    let json = r.run(["check", "-o", "json"]).timeout(HANG).code(7).json();
    let unloadable: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "unloadable")
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        unloadable,
        [
            path("big.yml"),
            path("s.yml"),
            path("x.yml"),
            path("zero.yml")
        ],
        "{check}"
    );

    r.run(["sync"])
        .timeout(HANG)
        .ok()
        .stdout_has(&path("x.yml"))
        .stderr_has("left alone");
    // A publishing command commits and publishes, and says that Traefik
    // will not apply it while the directory holds files it cannot load
    // (NOT_APPLIED, exit 8), naming them.
    r.run([
        "create",
        "--app",
        "shop",
        "--username",
        "bob",
        "--password-stdin",
    ])
    .stdin("bob's long password")
    .timeout(HANG)
    .code(8)
    .stderr_has("x.yml")
    .stderr_has("zero.yml");
    assert_eq!(r.users("shop").len(), 2);

    // As an application's own file, none of them is read, written or
    // removed: each is a file authgate did not write.
    for name in ["x", "zero", "s", "a"] {
        r.run([
            "app",
            "add",
            "--app-name",
            name,
            "--domain",
            &format!("{name}.example.com"),
            "--upstream",
            "http://10.0.0.7:3000",
        ])
        .timeout(HANG)
        .code(5)
        .stderr_has("not written by authgate");
    }
    assert!(dir.join("a.yml").is_dir());
    assert!(
        std::fs::symlink_metadata(dir.join("zero.yml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn an_application_file_too_large_to_read_is_reported_and_rewritten() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "the admin password");
    let file = r.file("shop");
    let want = std::fs::read(&file).unwrap();
    let mut grown = want.clone();
    grown.resize(5 * 1024 * 1024, b'#');
    std::fs::write(&file, &grown).unwrap();
    r.run(["check"])
        .timeout(HANG)
        .code(7)
        .stdout_has("different")
        .stdout_has("larger than 4194304 bytes");
    r.run(["sync"]).timeout(HANG).ok();
    assert_eq!(std::fs::read(&file).unwrap(), want);
    r.ok(&["check"]);
}

#[test]
fn values_stored_before_the_rules_that_refuse_them_are_reported_and_rendered_as_stored() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "the admin password");
    let sql = r.sql();
    sql.execute(
        "UPDATE applications SET upstreams = '[\"http://0x7f.1:3000\"]', realm = 'Shop\u{202E}'",
        [],
    )
    .unwrap();
    sql.execute("UPDATE security SET username = 'ad\u{200B}min'", [])
        .unwrap();
    drop(sql);
    r.run(["sync"]).ok().stderr_has("left alone");
    // Published as stored: what the database holds is what Traefik gets.
    let yaml = r.yaml("shop").expect("file");
    assert_eq!(
        yaml["http"]["services"]["shop"]["loadBalancer"]["servers"][0]["url"].as_str(),
        Some("http://0x7f.1:3000")
    );
    assert_eq!(r.users("shop")[0].split(':').next(), Some("ad\u{200B}min"));
    let findings = r.run(["check", "-o", "json"]).code(7).json();
    let refused: Vec<String> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "refused")
        .map(|f| f["detail"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(refused.len(), 3, "{findings:#}");
    assert!(
        refused[0].contains("invalid upstream 'http://0x7f.1:3000'"),
        "{refused:?}"
    );
    assert!(
        refused[1].contains("invalid realm") && refused[1].contains("U+202E"),
        "{refused:?}"
    );
    assert!(
        refused[2].contains("invalid username") && refused[2].contains("U+200B"),
        "{refused:?}"
    );

    // A change to the application must replace what the rules refuse.
    r.run(["app", "update", "shop", "--tls"])
        .code(2)
        .stderr_has("invalid upstream 'http://0x7f.1:3000'");
    r.ok(&[
        "app",
        "update",
        "shop",
        "--upstream",
        "http://127.0.0.1:3000",
        "--clear-realm",
    ]);
    let id = r.ok(&["list", "-q"]).trim().to_string();
    r.ok(&["update", &id, "--new-username", "admin"]);
    r.ok(&["check"]);
}

/// Runs authgate under GNU time with `stdin` from `stdin_path`: the exit
/// code, stderr, and the peak resident memory in KiB.
fn peak_memory(r: &Registry, args: &[&str], stdin_path: &str) -> (i32, String, u64) {
    let time = required_tool("time", "time");
    // Outside the registry's directory, which the caller compares.
    let scratch = assert_fs::TempDir::new().unwrap();
    let report = scratch.path().join("time.out");
    let out = std::process::Command::new(time)
        .args(["-f", "%M", "-o"])
        .arg(&report)
        .arg(assert_cmd::cargo::cargo_bin("authgate"))
        .args(args)
        .env_clear()
        .envs(r.environment())
        .stdin(std::fs::File::open(stdin_path).unwrap())
        .output()
        .unwrap();
    let kib = std::fs::read_to_string(&report)
        .unwrap()
        .lines()
        .last()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    (code(&out), stderr(&out), kib)
}

/// Every password source, and an import, read at most a bound: `/dev/zero`
/// and `/dev/urandom` are refused with exit 2, quickly and in bounded
/// memory, and change nothing.
#[test]
fn endless_input_is_refused_in_bounded_memory() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a long enough password");
    r.ok(&["sink", "list"]);
    let before = r.all_bytes();
    let create = ["create", "--app", "shop", "--username", "u2"];
    let update = ["update", "--app", "shop", "--username", "admin"];
    let verify = ["verify", "--app", "shop", "--username", "admin"];
    let mut cases: Vec<(Vec<&str>, &str)> = Vec::new();
    for device in ["/dev/zero", "/dev/urandom"] {
        for base in [&create[..], &update[..], &verify[..]] {
            let mut file = base.to_vec();
            file.extend(["--password-file", device]);
            cases.push((file, "/dev/null"));
            let mut stdin = base.to_vec();
            stdin.push("--password-stdin");
            cases.push((stdin, device));
        }
        cases.push((vec!["import", "--app", "shop", device], "/dev/null"));
        cases.push((vec!["import", "--app", "shop", "-"], device));
    }
    for (args, stdin) in cases {
        let (code, err, kib) = peak_memory(&r, &args, stdin);
        assert_eq!(code, 2, "{args:?} < {stdin}: {err}");
        assert!(
            err.contains("holds more than") || err.contains("larger than"),
            "{args:?} < {stdin}: {err}"
        );
        assert!(kib < 50 * 1024, "{args:?} < {stdin}: peak {kib} KiB");
    }
    assert!(before == r.all_bytes(), "nothing changed");
    // The import bound is an installation owner's setting.
    r.ok(&["settings", "set", "max-import-bytes", "1024"]);
    r.run(["import", "--app", "shop", "-"])
        .stdin("x".repeat(1025))
        .code(2)
        .stderr_has("stdin holds more than 1024 bytes, the most an import reads (the max-import-bytes setting)");
    r.run(["settings", "set", "max-import-bytes", "10"])
        .code(2)
        .stderr_has("from 1024 to");
}

/// A password from a variable or the command line takes the rules of one
/// from stdin: one line, one trailing newline dropped.
#[test]
fn every_password_source_takes_the_same_rules() {
    let r = Registry::with_app();
    r.run(["create", "--app", "shop", "--username", "env"])
        .args(["--password-env", "PW"])
        .env("PW", "first line\nsecond line")
        .code(2)
        .stderr_has("environment variable 'PW' has 2 lines: a password is one line");
    r.run(["create", "--app", "shop", "--username", "arg"])
        .args(["--password", "first\rsecond"])
        .code(2)
        .stderr_has("--password has 2 lines: a password is one line");
    r.run(["create", "--app", "shop", "--username", "env"])
        .args(["--password-env", "PW"])
        .env("PW", "a long enough password\n")
        .ok();
    r.verifies("shop", "env", "a long enough password");
    assert_eq!(r.count("SELECT count(*) FROM security"), 1);
}

/// A Redis sink's password file is read bounded too.
#[test]
fn key_and_sink_password_files_are_read_bounded() {
    let r = Registry::new();
    r.run(["sink", "add", "redis", "redis://127.0.0.1:1/0"])
        .args(["--password-file", "/dev/zero"])
        .timeout(HANG)
        .code(2)
        .stderr_has("holds more than 4096 bytes");
    assert_eq!(r.count("SELECT count(*) FROM sinks"), 0);
}
