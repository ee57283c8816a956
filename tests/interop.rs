//! htpasswd interop: import, export, verify, APR1 and mixed hash schemes.

use crate::common::*;

// Hashes of "password" in each scheme Traefik reads (the APR1 one is a
// well-known Apache test vector; the others are computed here).
const APR1: &str = "$apr1$lZL6V/ci$eIMz/iKDkbtys/uU7LEK00";
const SHA: &str = "{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=";

fn bcrypt_of(pw: &str) -> String {
    bcrypt::hash_with_result(pw, 4)
        .unwrap()
        .format_for_version(bcrypt::Version::TwoB)
}

fn import(r: &Registry, args: &[&str], input: &str) -> std::process::Output {
    r.cmd()
        .args(["import", "--app", "shop"])
        .args(args)
        .write_stdin(input)
        .output()
        .unwrap()
}

#[test]
fn import_then_export_is_byte_stable_for_a_mixed_file() {
    let r = Registry::with_app();
    let file = format!("amy:{}\nbob:{APR1}\ncarl:{SHA}\n", bcrypt_of("password"));
    let input = format!("# exported from nginx\n\n{file}");
    let out = import(&r, &["-", "-o", "json"], &input);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (
            report["added"].as_u64(),
            report["replaced"].as_u64(),
            report["skipped"].as_u64()
        ),
        (Some(3), Some(0), Some(0))
    );
    assert_eq!(r.ok(&["export", "--app", "shop"]), file);
    // The Traefik file holds the very same entries.
    assert_eq!(
        r.users("shop"),
        file.lines().map(str::to_string).collect::<Vec<_>>()
    );
    // Audited: one import row, one per credential.
    assert_eq!(
        r.count(
            "SELECT count(*) FROM audit_log WHERE action = 'security.import' AND outcome = 'ok'"
        ),
        1
    );
    assert_eq!(r.count("SELECT count(*) FROM audit_log WHERE action = 'security.create' AND detail LIKE 'imported%'"), 3);
    // The export is audited too.
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE action = 'security.export'"),
        1
    );
    // Every scheme verifies, and check warns that the schemes are mixed.
    for user in ["amy", "bob", "carl"] {
        r.cmd()
            .args([
                "verify",
                "--app",
                "shop",
                "--username",
                user,
                "--password-stdin",
            ])
            .write_stdin("password")
            .assert()
            .code(0);
    }
    let check = r.cmd().args(["check"]).output().unwrap();
    assert_eq!(code(&check), 0);
    assert!(
        stderr(&check).contains("mixes hash schemes"),
        "{}",
        stderr(&check)
    );
    let list = r.cmd().args(["list"]).output().unwrap();
    assert!(stderr(&list).contains("'shop' mixes hash schemes"));

    // JSON and YAML exports carry the same entries.
    let json: serde_json::Value =
        serde_json::from_str(&r.ok(&["export", "--app", "shop", "--format", "json"])).unwrap();
    assert_eq!(json[1]["passwordHash"], APR1);
    assert_eq!(json[2]["hashScheme"], "sha1");
    assert_eq!(
        r.ok(&["export", "--app", "shop", "--format", "traefik-yaml"]),
        std::fs::read_to_string(r.file("shop")).unwrap()
    );
}

#[test]
fn import_refusals_name_the_lines_and_change_nothing() {
    let r = Registry::with_app();
    r.add_credential("shop", "amy", "existing password");
    let file_before = std::fs::read(r.file("shop")).unwrap();
    let rows_before = r.count("SELECT count(*) FROM security");
    for (input, expect_code, needles) in [
        (
            "ok:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\nplain:hunter2\n",
            2,
            vec!["line 2", "plaintext"],
        ),
        ("# c\ndes:abJnggxhB/yWI\n", 2, vec!["line 2", "crypt/DES"]),
        (
            "a:$6$salt$x\nb:$5$salt$y\n",
            2,
            vec!["line 1", "line 2", "SHA-crypt"],
        ),
        ("no-colon-here\n", 2, vec!["line 1", "user:hash"]),
        ("x:{SHA}a:b\n", 2, vec!["line 1", "more than one ':'"]),
        (
            "a b :{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n",
            2,
            vec!["line 1", "whitespace"],
        ),
        (
            "dup:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\ndup:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n",
            2,
            vec!["line 2", "line 1"],
        ),
        (
            "new:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\namy:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n",
            5,
            vec!["line 2", "'amy' already exists", "--replace"],
        ),
    ] {
        let out = import(&r, &["-"], input);
        assert_eq!(code(&out), expect_code, "{input}: {}", stderr(&out));
        for needle in needles {
            assert!(
                stderr(&out).contains(needle),
                "{input}: missing {needle:?} in {}",
                stderr(&out)
            );
        }
    }
    // Parse errors are caught before the database is opened; the conflict
    // is found inside the transaction and leaves only its 'error' audit row.
    assert_eq!(r.count("SELECT count(*) FROM security"), rows_before);
    assert_eq!(std::fs::read(r.file("shop")).unwrap(), file_before);
    assert_eq!(
        r.count(
            "SELECT count(*) FROM audit_log WHERE action LIKE 'security.%' AND outcome = 'error'"
        ),
        1
    );
}

#[test]
fn import_replace_and_dry_run() {
    let r = Registry::with_app();
    r.add_credential("shop", "amy", "existing password");
    let input = format!("amy:{SHA}\nbob:{APR1}\n");
    let file_before = std::fs::read(r.file("shop")).unwrap();
    let out = import(&r, &["-", "--replace", "--dry-run", "-o", "json"], &input);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (report["added"].as_u64(), report["replaced"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(report["dryRun"], true);
    assert_eq!(
        std::fs::read(r.file("shop")).unwrap(),
        file_before,
        "dry run writes nothing"
    );
    assert_eq!(r.count("SELECT count(*) FROM security"), 1);

    let out = import(&r, &["-", "--replace"], &input);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 added, 1 replaced, 0 skipped"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        r.users("shop"),
        [format!("amy:{SHA}"), format!("bob:{APR1}")]
    );
    // Importing the same file again changes nothing and says so.
    let again = import(&r, &["-"], &input);
    assert!(
        stderr(&again).contains("0 added, 0 replaced, 2 skipped"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn verify_exit_codes() {
    let r = Registry::with_app();
    let id = r.add_credential("shop", "admin", "the right password");
    let verify = |args: &[&str], pw: &str| {
        let out = r
            .cmd()
            .arg("verify")
            .args(args)
            .arg("--password-stdin")
            .write_stdin(pw)
            .output()
            .unwrap();
        (code(&out), stderr(&out))
    };
    assert_eq!(
        verify(
            &["--app", "shop", "--username", "admin"],
            "the right password"
        )
        .0,
        0
    );
    assert_eq!(verify(&[&id], "the right password").0, 0);
    let (c, err) = verify(
        &["--app", "shop", "--username", "admin"],
        "the wrong password",
    );
    assert_eq!(c, 6);
    assert!(err.contains("does not match"), "{err}");
    assert_eq!(verify(&["--app", "shop", "--username", "nobody"], "x").0, 3);
    assert_eq!(verify(&["--app", "nope", "--username", "admin"], "x").0, 3);
    // Viewers may verify.
    let vera = r.add_user("vera", "viewer");
    r.ok(&["app", "grant", "shop", "--user", "vera"]);
    r.cmd_as(&vera)
        .args([
            "verify",
            "--app",
            "shop",
            "--username",
            "admin",
            "--password-stdin",
        ])
        .write_stdin("the right password")
        .assert()
        .code(0);
}

#[test]
fn apr1_hashes_on_request_with_a_warning() {
    let r = Registry::with_app();
    let out = r
        .cmd()
        .args([
            "create",
            "--app",
            "shop",
            "--username",
            "old",
            "--hash",
            "apr1",
            "--password-stdin",
        ])
        .write_stdin("legacy password 1")
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("MD5"), "{}", stderr(&out));
    let entry = &r.users("shop")[0];
    assert!(entry.starts_with("old:$apr1$"), "{entry}");
    r.cmd()
        .args([
            "create",
            "--app",
            "shop",
            "--username",
            "x",
            "--hash",
            "apr1",
            "--cost",
            "5",
            "--password",
            "x",
        ])
        .assert()
        .code(2);
    // Rotating back to bcrypt.
    r.cmd()
        .args([
            "update",
            "--app",
            "shop",
            "--username",
            "old",
            "--password-stdin",
        ])
        .write_stdin("modern password 1")
        .assert()
        .success();
    assert!(r.users("shop")[0].starts_with("old:$2y$"));
}
