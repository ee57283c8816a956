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
    let bin = assert_cmd::cargo::cargo_bin("authgate");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 000 && exec \"$0\" \"$@\"")
        .arg(&bin)
        .args(["export", "--app", "shop", "--out"])
        .arg(&out_file)
        .env_clear()
        .env("HOME", r.home())
        .env("XDG_DATA_HOME", r.home().join(".local/share"))
        .env("XDG_CONFIG_HOME", r.home().join(".config"))
        .status()
        .unwrap();
    assert!(status.success());
    let mode = std::fs::metadata(&out_file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let text = std::fs::read_to_string(&out_file).unwrap();
    assert!(text.starts_with("admin:$2y$"), "{text}");
    assert_eq!(text.lines().count(), 1);
    // Nothing went to stdout, and nothing was left beside the file.
    let entries = std::fs::read_dir(r.dir.path()).unwrap().count();
    let out = r.ok(&["export", "--app", "shop"]);
    assert_eq!(out, text);
    assert_eq!(std::fs::read_dir(r.dir.path()).unwrap().count(), entries);
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
