//! Small frictions an operator met, each fixed.

use std::os::unix::fs::PermissionsExt;

use crate::common::*;

#[test]
fn export_to_a_file_is_private_whatever_the_umask() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a long enough password");
    let out_file = r.dir.path().join("shop.htpasswd");
    std::fs::write(&out_file, "old contents\n").unwrap();
    std::fs::set_permissions(&out_file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let listing = |dir: &std::path::Path| -> Vec<std::ffi::OsString> {
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };
    let before = listing(r.dir.path());
    let bin = assert_cmd::cargo::cargo_bin("authgate");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 000 && exec \"$0\" \"$@\"")
        .arg(&bin)
        .args(["export", "--app", "shop", "--out"])
        .arg(&out_file)
        .env_clear()
        .env("HOME", r.home())
        .env("XDG_DATA_HOME", r.home().join(".local/share"))
        .env("XDG_CONFIG_HOME", r.home().join(".config"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "nothing goes to stdout");
    assert_eq!(
        listing(r.dir.path()),
        before,
        "no temp file is left beside it"
    );
    let mode = std::fs::metadata(&out_file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let text = std::fs::read_to_string(&out_file).unwrap();
    assert!(text.starts_with("admin:$2y$"), "{text}");
    assert_eq!(text.lines().count(), 1);
    assert_eq!(
        r.ok(&["export", "--app", "shop"]),
        text,
        "the same as stdout gets"
    );
    // A directory that does not exist is bad input, and names the path.
    let out = r
        .cmd()
        .args(["export", "--app", "shop", "--out", "/nonexistent/dir/x"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("/nonexistent/dir/x"));
}

#[test]
fn verify_without_a_password_says_how_to_give_one() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a long enough password");
    let out = r
        .cmd()
        .args(["verify", "--app", "shop", "--username", "admin"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("--password-stdin"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("--generate"), "{}", stderr(&out));
}

/// `authgate ARGS` on a pseudo-terminal (util-linux `script`), with `input`
/// typed at it.
fn on_terminal(r: &Registry, args: &str, input: &str) -> std::process::Output {
    use std::io::Write;
    let script = required_tool("script", "bsdutils");
    let bin = assert_cmd::cargo::cargo_bin("authgate");
    let mut child = std::process::Command::new(script)
        .env_clear()
        .env("HOME", r.home())
        .env("XDG_DATA_HOME", r.home().join(".local/share"))
        .env("XDG_CONFIG_HOME", r.home().join(".config"))
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("SHELL", "/bin/sh")
        .env("TERM", "xterm")
        .args([
            "-qec",
            &format!("exec '{}' {args}", bin.display()),
            "/dev/null",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run script");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn app_remove_asks_on_a_terminal_and_not_in_scripts() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a long enough password");
    r.add_credential("shop", "bob", "another long password");
    let out = on_terminal(&r, "app remove shop", "n\n");
    let text = stdout(&out);
    assert!(
        text.contains("remove application 'shop' (shop.example.com) and its 2 credential(s)?"),
        "{text}"
    );
    assert_eq!(code(&out), 2, "{text}");
    assert!(r.file("shop").exists());
    assert_eq!(r.count("SELECT count(*) FROM applications"), 1);
    let out = on_terminal(&r, "app remove shop", "y\n");
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(r.count("SELECT count(*) FROM applications"), 0);
    // --yes skips the question; without a terminal nothing is asked.
    r.ok(&["app", "add", "--app-name", "blog"]);
    let out = on_terminal(&r, "app remove blog --yes", "");
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(!stdout(&out).contains("[y/N]"));
    r.ok(&["app", "add", "--app-name", "wiki"]);
    r.ok(&["app", "remove", "wiki"]);
}
