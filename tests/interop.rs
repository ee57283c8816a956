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

/// `authgate import --app shop ARGS...` with `input` on stdin.
fn import(r: &Registry, args: &[&str], input: &str) -> Ran {
    r.run(["import", "--app", "shop"])
        .args(args)
        .stdin(input)
        .exec()
}

#[test]
fn import_then_export_is_byte_stable_for_a_mixed_file() {
    let r = Registry::with_app();
    let file = format!("amy:{}\nbob:{APR1}\ncarl:{SHA}\n", bcrypt_of("password"));
    let input = format!("# exported from nginx\n\n{file}");
    let report = import(&r, &["-", "-o", "json"], &input).ok().json();
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
        r.run(["verify", "--app", "shop", "--username", user])
            .arg("--password-stdin")
            .stdin("password")
            .ok();
    }
    r.run(["check"]).ok().stderr_has("mixes hash schemes");
    r.run(["list"])
        .exec()
        .stderr_has("'shop' mixes hash schemes");

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
        let mut out = import(&r, &["-"], input).code(expect_code);
        for needle in needles {
            out = out.stderr_has(needle);
        }
    }
    // Every problem is found before the write: nothing changed, and a
    // refused input is not an event of the registry.
    assert_eq!(r.count("SELECT count(*) FROM security"), rows_before);
    assert_eq!(std::fs::read(r.file("shop")).unwrap(), file_before);
    assert_eq!(
        r.count(
            "SELECT count(*) FROM audit_log WHERE action LIKE 'security.%' AND outcome = 'error'"
        ),
        0
    );
}

#[test]
fn import_replace_and_dry_run() {
    let r = Registry::with_app();
    r.add_credential("shop", "amy", "existing password");
    let input = format!("amy:{SHA}\nbob:{APR1}\n");
    let file_before = std::fs::read(r.file("shop")).unwrap();
    let report = import(&r, &["-", "--replace", "--dry-run", "-o", "json"], &input)
        .ok()
        .json();
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

    import(&r, &["-", "--replace"], &input)
        .ok()
        .stderr_has("1 added, 1 replaced, 0 skipped");
    assert_eq!(
        r.users("shop"),
        [format!("amy:{SHA}"), format!("bob:{APR1}")]
    );
    // Importing the same file again changes nothing and says so.
    import(&r, &["-"], &input).stderr_has("0 added, 0 replaced, 2 skipped");
}

#[test]
fn verify_exit_codes() {
    let r = Registry::with_app();
    let id = r.add_credential("shop", "admin", "the right password");
    let verify = |args: &[&str], pw: &str| {
        r.run(["verify"])
            .args(args)
            .arg("--password-stdin")
            .stdin(pw)
    };
    let admin = ["--app", "shop", "--username", "admin"];
    verify(&admin, "the right password").ok();
    verify(&[&id], "the right password").ok();
    verify(&admin, "the wrong password")
        .code(6)
        .stderr_has("does not match");
    verify(&["--app", "shop", "--username", "nobody"], "x").code(3);
    verify(&["--app", "nope", "--username", "admin"], "x").code(3);
    // Viewers may verify.
    let vera = r.add_user("vera", "viewer");
    r.ok(&["app", "grant", "shop", "--user", "vera"]);
    verify(&admin, "the right password").as_key(&vera).ok();
}

#[test]
fn apr1_hashes_on_request_with_a_warning() {
    let r = Registry::with_app();
    r.run(["create", "--app", "shop", "--username", "old"])
        .args(["--hash", "apr1", "--password-stdin"])
        .stdin("legacy password 1")
        .ok()
        .stderr_has("MD5");
    let entry = &r.users("shop")[0];
    assert!(entry.starts_with("old:$apr1$"), "{entry}");
    r.run(["create", "--app", "shop", "--username", "x"])
        .args(["--hash", "apr1", "--cost", "5", "--password", "x"])
        .code(2);
    // Rotating back to bcrypt.
    r.run(["update", "--app", "shop", "--username", "old"])
        .arg("--password-stdin")
        .stdin("modern password 1")
        .ok();
    assert!(r.users("shop")[0].starts_with("old:$2y$"));
}
