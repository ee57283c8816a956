//! Progress bars on long work (`sync`, `check`, `import`, `audit
//! failures`): on stderr, only when it is a terminal (driven here through
//! util-linux `script`, a pseudo-terminal), never with `-q` or `-o json`,
//! never for work too small to need one, and cleared before the command's
//! own output on stderr.

use crate::common::*;

/// What a bar leaves in a terminal's transcript: indicatif redraws and
/// clears its line with `\r\x1b[2K` (the tables on a terminal have escape
/// sequences of their own, for bold headers, but never this one).
fn has_bar_bytes(text: &str) -> bool {
    text.contains("\x1b[2K")
}

/// Without a terminal, stderr holds no bar bytes at all: no `\r`, no ANSI
/// escape.
#[track_caller]
fn assert_no_bar(ran: &Ran) {
    let stderr = ran.stderr();
    if stderr.contains('\r') || stderr.contains('\x1b') {
        ran.fail("stderr holds a progress bar's bytes");
    }
}

/// The transcript of a command on a terminal, and whether it succeeded.
fn terminal(r: &Registry, args: &[&str]) -> (String, bool) {
    let out = r.on_terminal(args);
    (stdout(&out), out.status.success())
}

/// `what` was drawn as a bar, and the bar was cleared (`\r\x1b[2K` after
/// its last drawing) before `then` was printed.
#[track_caller]
fn assert_bar_then(text: &str, what: &str, then: &str) {
    let last = text
        .rfind(what)
        .unwrap_or_else(|| panic!("no bar saying {what:?} in:\n{text:?}"));
    let after = &text[last..];
    let cleared = after
        .find("\r\x1b[2K")
        .unwrap_or_else(|| panic!("the bar is never cleared:\n{after:?}"));
    let printed = after
        .find(then)
        .unwrap_or_else(|| panic!("{then:?} is not printed after the bar:\n{after:?}"));
    assert!(
        cleared < printed,
        "the bar is cleared after {then:?} is printed:\n{after:?}"
    );
}

#[test]
fn sync_and_check_show_a_bar_only_on_a_terminal() {
    let r = Registry::with_app();
    r.bulk_apps("shop", "bulk", 300);

    // No terminal: the same work, without a byte of a bar.
    let ran = r
        .run(["sync", "--dry-run"])
        .ok()
        .stderr_has("dry run: would repair 300 item(s)");
    assert_no_bar(&ran);
    let ran = r.run(["check"]).code(7);
    assert_no_bar(&ran);
    assert!(!r.file("bulk0001").exists(), "nothing was written");

    // On a terminal: a bar, cleared before the note and the warnings.
    let (text, ok) = terminal(&r, &["sync"]);
    assert!(ok, "{text}");
    assert_bar_then(&text, "comparing applications", "repaired 300 item(s)");
    assert!(
        text.contains("/301"),
        "the bar counts every application: {text:?}"
    );
    // 301 files and the staging subdirectory, empty.
    assert_eq!(std::fs::read_dir(r.traefik_dir()).unwrap().count(), 302);
    let staging = r.traefik_dir().join(".authgate");
    assert_eq!(std::fs::read_dir(staging).unwrap().count(), 0);
    let (text, ok) = terminal(&r, &["check"]);
    assert!(ok, "{text}");
    assert_bar_then(&text, "comparing applications", "matches the database");

    // Not with -q, -o json or -o yaml, even on a terminal.
    for args in [
        &["check", "-q"][..],
        &["check", "-o", "json"],
        &["check", "-o", "yaml"],
        &["sync", "-q"],
        &["sync", "-o", "json"],
    ] {
        let (text, ok) = terminal(&r, args);
        assert!(ok, "{args:?}: {text}");
        assert!(
            !has_bar_bytes(&text) && !text.contains("comparing"),
            "{args:?} drew a bar: {text:?}"
        );
    }
}

#[test]
fn a_small_registry_gets_no_bar_on_a_terminal() {
    let r = Registry::with_app();
    r.bulk_apps("shop", "bulk", 3);
    let (text, ok) = terminal(&r, &["sync"]);
    assert!(ok, "{text}");
    assert!(text.contains("repaired 3 item(s)"), "{text:?}");
    assert!(
        !text.contains("comparing") && !has_bar_bytes(&text),
        "{text:?}"
    );
}

/// A bar is cleared before the error is printed, too.
#[test]
fn a_failing_sync_clears_its_bar_before_the_error() {
    let r = Registry::with_app();
    r.bulk_apps("shop", "bulk", 300);
    // A directory where a temp file goes: comparing works, writing fails.
    std::fs::create_dir_all(r.traefik_dir().join(".authgate/.bulk0150.yml.tmp")).unwrap();
    let ran = r
        .run(["sync"])
        .code(1)
        .stderr_has("error: cannot remove stale temp file");
    assert_no_bar(&ran);
    let (text, ok) = terminal(&r, &["sync"]);
    assert!(!ok, "{text}");
    assert_bar_then(&text, "comparing applications", "error: ");
}

/// An htpasswd file of `n` lines, every one with the same bcrypt hash.
fn htpasswd(n: usize) -> String {
    let hash = bcrypt::hash("a password", 4).unwrap();
    (0..n).map(|i| format!("user{i:05}:{hash}\n")).collect()
}

#[test]
fn import_of_a_large_file_shows_a_bar_on_a_terminal() {
    let r = Registry::with_app();
    r.ok(&["settings", "set", "max-credentials-per-app", "2000"]);
    let file = r.dir.path().join("big.htpasswd");
    std::fs::write(&file, htpasswd(1500)).unwrap();
    let file = file.to_str().unwrap();

    let ran = r
        .run(["import", "--app", "shop", file, "--dry-run"])
        .ok()
        .stderr_has("1500 added");
    assert_no_bar(&ran);
    let (text, ok) = terminal(&r, &["import", "--app", "shop", file]);
    assert!(ok, "{text}");
    assert!(text.contains("checking usernames"), "{text:?}");
    assert_bar_then(&text, "importing credentials", "1500 added");
    assert_eq!(r.count("SELECT count(*) FROM security"), 1500);
    assert_eq!(r.users("shop").len(), 1500);

    // A small file: no bar; -q: no bar.
    let small = r.dir.path().join("small.htpasswd");
    std::fs::write(&small, "ann:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n").unwrap();
    let (text, ok) = terminal(&r, &["import", "--app", "shop", small.to_str().unwrap()]);
    assert!(ok, "{text}");
    assert!(!has_bar_bytes(&text), "{text:?}");
    let (text, ok) = terminal(&r, &["import", "--app", "shop", file, "--replace", "-q"]);
    assert!(ok, "{text}");
    assert!(!has_bar_bytes(&text), "{text:?}");
}

/// Traefik JSON access-log lines, failed logins on shop, until the text
/// holds at least `bytes` bytes.
fn access_log(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 512);
    let mut i = 0u64;
    while text.len() < bytes {
        text.push_str(&format!(
            r#"{{"ClientHost":"192.0.2.{}","ClientUsername":"bob","DownstreamStatus":401,"RequestHost":"shop.example.com","RequestMethod":"GET","RequestPath":"/login","RouterName":"shop@file","StartUTC":"2025-03-01T00:00:00Z","entryPointName":"websecure","level":"info","msg":""}}"#,
            i % 200
        ));
        text.push('\n');
        i += 1;
    }
    text
}

#[test]
fn audit_failures_over_large_logs_shows_a_bar_on_a_terminal() {
    let r = Registry::with_app();
    let log = r.dir.path().join("access.log");
    std::fs::write(&log, access_log(5 << 20)).unwrap();
    let log = log.to_str().unwrap();
    let ran = r
        .run(["audit", "failures", "--access-log", log])
        .ok()
        .stderr_has("failed login(s)");
    assert_no_bar(&ran);
    let (text, ok) = terminal(&r, &["audit", "failures", "--access-log", log]);
    assert!(ok, "{text}");
    assert_bar_then(&text, "reading access logs", "failed login(s)");
    assert!(text.contains("MiB"), "the bar counts bytes: {text:?}");
    for args in [&["-q"][..], &["-o", "json"]] {
        let mut all = vec!["audit", "failures", "--access-log", log];
        all.extend_from_slice(args);
        let (text, ok) = terminal(&r, &all);
        assert!(ok, "{args:?}: {text}");
        assert!(!text.contains("reading access logs"), "{args:?}: {text:?}");
    }
    // A small log: no bar.
    let small = r.dir.path().join("small.log");
    std::fs::write(&small, access_log(10_000)).unwrap();
    let (text, ok) = terminal(
        &r,
        &["audit", "failures", "--access-log", small.to_str().unwrap()],
    );
    assert!(ok, "{text}");
    assert!(!text.contains("reading access logs"), "{text:?}");
}
