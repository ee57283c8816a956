//! Proof against a real peer: Apache's `htpasswd` (Debian's apache2-utils).
//! Ignored by default so `cargo test` passes on a machine without it;
//! `.ci/run` installs it and runs `cargo test --locked --test main peers:: -- --ignored`.

use std::path::Path;
use std::process::Command;

use crate::common::*;

/// Passwords that stress quoting and byte limits.
fn awkward_passwords() -> Vec<String> {
    vec![
        "with:colon:s".to_string(),
        "dollar$$igns$1".to_string(),
        "with a space ".to_string(),
        "quotes'\"`".to_string(),
        "ünïcödé-πässwörd".to_string(),
        "x".repeat(72),
        format!("{}é", "y".repeat(70)), // 72 bytes, ending in a 2-byte character
    ]
}

/// A wrong password that differs in its first character: appending would
/// not do for 72-byte passwords, since bcrypt reads only 72 bytes.
fn wrong(pw: &str) -> String {
    let mut chars = pw.chars();
    let first = chars.next().unwrap();
    format!("{}{}", if first == '#' { '%' } else { '#' }, chars.as_str())
}

fn htpasswd(args: &[&str]) -> std::process::Output {
    Command::new("htpasswd")
        .args(args)
        .output()
        .expect("htpasswd is installed (apt-get install apache2-utils)")
}

fn htpasswd_verifies(file: &Path, user: &str, password: &str) -> bool {
    htpasswd(&["-vb", file.to_str().unwrap(), user, password])
        .status
        .success()
}

#[test]
#[ignore = "needs Apache htpasswd (apache2-utils); run by .ci/run"]
fn every_hash_authgate_writes_verifies_with_apache_htpasswd() {
    let r = Registry::with_app();
    let passwords = awkward_passwords();
    let mut users = Vec::new();
    for (i, pw) in passwords.iter().enumerate() {
        for (tag, extra) in [
            ("b4", vec!["--cost", "4"]),
            ("b10", vec!["--cost", "10"]),
            ("apr", vec!["--hash", "apr1"]),
        ] {
            let user = format!("{tag}-{i}");
            let out = r
                .cmd()
                .args([
                    "create",
                    "--app",
                    "shop",
                    "--username",
                    &user,
                    "--password-stdin",
                ])
                .args(&extra)
                .write_stdin(pw.as_str())
                .output()
                .unwrap();
            assert_eq!(code(&out), 0, "{user}: {}", stderr(&out));
            users.push((user, pw.clone()));
        }
    }
    let file = r.dir.path().join("exported.htpasswd");
    std::fs::write(&file, r.ok(&["export", "--app", "shop"])).unwrap();
    for (user, pw) in &users {
        assert!(
            htpasswd_verifies(&file, user, pw),
            "htpasswd rejects {user} with {pw:?}"
        );
        assert!(
            !htpasswd_verifies(&file, user, &wrong(pw)),
            "htpasswd accepts a wrong password for {user}"
        );
    }
}

#[test]
#[ignore = "needs Apache htpasswd (apache2-utils); run by .ci/run"]
fn hashes_made_by_apache_htpasswd_import_and_verify() {
    let r = Registry::with_app();
    let mut lines = String::new();
    let mut users = Vec::new();
    for (i, pw) in awkward_passwords().iter().enumerate() {
        for (tag, flag) in [("bcrypt", "-nbB"), ("md5", "-nbm"), ("sha", "-nbs")] {
            let user = format!("{tag}-{i}");
            let out = htpasswd(&[flag, "-C", "4", &user, pw]);
            let out = if out.status.success() {
                out
            } else {
                // -C only applies to bcrypt in some versions.
                htpasswd(&[flag, &user, pw])
            };
            assert!(out.status.success(), "htpasswd {flag} {user}");
            lines.push_str(String::from_utf8(out.stdout).unwrap().trim_end());
            lines.push('\n');
            users.push((user, pw.clone()));
        }
    }
    let out = r
        .cmd()
        .args(["import", "--app", "shop", "-"])
        .write_stdin(lines.as_str())
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("{} added", users.len())),
        "{}",
        stderr(&out)
    );
    for (user, pw) in &users {
        let verify = |candidate: &str| {
            let out = r
                .cmd()
                .args([
                    "verify",
                    "--app",
                    "shop",
                    "--username",
                    user,
                    "--password-stdin",
                ])
                .write_stdin(candidate)
                .output()
                .unwrap();
            code(&out)
        };
        assert_eq!(verify(pw), 0, "{user} with {pw:?}");
        assert_eq!(verify(&wrong(pw)), 6, "{user} with a wrong password");
    }
    // The file Traefik reads carries the same hashes, byte for byte.
    let mut expected: Vec<&str> = lines.lines().collect();
    expected.sort_by_key(|l| l.split(':').next().unwrap().to_string());
    assert_eq!(r.users("shop"), expected);
}
