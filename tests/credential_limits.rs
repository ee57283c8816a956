//! What one application accepts: usernames that cannot be mistaken for one
//! another, and quotas on how many credentials an application, an
//! organization and the installation hold.

use crate::common::*;

fn htpasswd(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("{n}:$2y$04$abcdefghijklmnopqrstuu0123456789012345678901234567890\n"))
        .collect()
}

#[test]
fn usernames_not_in_nfc_or_with_stacked_marks_are_refused() {
    let r = Registry::with_app();
    let before = r.all_bytes();
    // "é" as e + U+0301: Traefik compares bytes, so it is never normalized.
    r.run([
        "create",
        "--app",
        "shop",
        "--username",
        "re\u{301}mi",
        "--generate",
    ])
    .code(2)
    .stderr_has("it is not in Unicode's composed form (NFC)")
    .stderr_has("write it as 'r\u{e9}mi'");
    // U+212B ANGSTROM SIGN is not in NFC either (its NFC is U+00C5).
    r.run([
        "create",
        "--app",
        "shop",
        "--username",
        "\u{212B}sa",
        "--generate",
    ])
    .code(2)
    .stderr_has("write it as '\u{c5}sa'");
    let stacked = format!("a{}", "\u{301}".repeat(13));
    r.run([
        "create",
        "--app",
        "shop",
        "--username",
        &stacked,
        "--generate",
    ])
    .code(2)
    .stderr_has("stacks more than 2 combining marks");
    r.run(["import", "--app", "shop", "-"])
        .stdin(htpasswd(&["ok", "re\u{301}mi"]))
        .code(2)
        .stderr_has("not in Unicode's composed form");
    assert!(before == r.all_bytes(), "nothing changed");
    // Composed forms and a Vietnamese vowel with two marks are fine.
    r.ok(&[
        "create",
        "--app",
        "shop",
        "--username",
        "r\u{e9}mi",
        "--generate",
    ]);
    r.ok(&[
        "create",
        "--app",
        "shop",
        "--username",
        "\u{1ec7}",
        "--generate",
    ]);
}

#[test]
fn a_username_that_looks_like_another_of_the_application_is_refused() {
    let r = Registry::with_app();
    r.add_credential("shop", "admin", "a long enough password");
    // Cyrillic "а" (U+0430) for the Latin "a".
    r.run([
        "create",
        "--app",
        "shop",
        "--username",
        "\u{430}dmin",
        "--generate",
    ])
    .code(5)
    .stderr_has("looks like 'admin', which application 'shop' already accepts");
    r.add_credential("shop", "other", "a long enough password");
    r.run([
        "update",
        "--app",
        "shop",
        "--username",
        "other",
        "--new-username",
        "\u{430}dmin",
    ])
    .code(5)
    .stderr_has("looks like 'admin'");
    // Within one import, and against what the application holds.
    r.run(["import", "--app", "shop", "-"])
        .stdin(htpasswd(&["paypal", "p\u{430}yp\u{430}l"]))
        .code(5)
        .stderr_has("line 2: username 'p\u{430}yp\u{430}l' looks like 'paypal'");
    assert_eq!(r.count("SELECT count(*) FROM security"), 2);
    // Another application may hold either.
    r.ok(&["app", "add", "--app-name", "blog"]);
    r.ok(&[
        "create",
        "--app",
        "blog",
        "--username",
        "\u{430}dmin",
        "--generate",
    ]);
}

#[test]
fn quotas_bound_credentials_per_application_organization_and_installation() {
    let r = Registry::with_app();
    // Only installation owners set them, within bounds.
    let admin = r.add_user("ada", "admin");
    r.run(["settings", "set", "max-credentials-per-app", "2"])
        .as_key(&admin)
        .code(4);
    r.run(["settings", "set", "max-credentials-per-app", "0"])
        .code(2);
    r.run(["settings", "set", "max-credentials-per-app", "3501"])
        .code(2)
        .stderr_has("from 1 to 3500");
    r.ok(&["settings", "set", "max-credentials-per-app", "2"]);
    r.ok(&["create", "--app", "shop", "--username", "a", "--generate"]);
    r.ok(&["create", "--app", "shop", "--username", "b", "--generate"]);
    let file = std::fs::read(r.file("shop")).unwrap();
    r.run(["create", "--app", "shop", "--username", "c", "--generate"])
        .code(5)
        .stderr_has(
            "application 'shop' holds 2 credential(s) and max-credentials-per-app is at most 2",
        );
    r.run(["import", "--app", "shop", "-"])
        .stdin(htpasswd(&["c"]))
        .code(5)
        .stderr_has("max-credentials-per-app");
    assert_eq!(r.count("SELECT count(*) FROM security"), 2);
    assert!(
        file == std::fs::read(r.file("shop")).unwrap(),
        "file unchanged"
    );
    // An import that replaces adds nothing: within the quota.
    r.ok(&["settings", "set", "max-credentials-per-app", "1000"]);
    r.ok(&["settings", "set", "max-credentials-per-org", "3"]);
    r.ok(&["app", "add", "--app-name", "blog"]);
    r.ok(&["create", "--app", "blog", "--username", "a", "--generate"]);
    r.run(["import", "--app", "blog", "-"])
        .stdin(htpasswd(&["b", "c"]))
        .code(5)
        .stderr_has(
            "its organization holds 3 credential(s) and max-credentials-per-org is at most 3",
        );
    r.ok(&["settings", "set", "max-credentials-per-org", "10000"]);
    r.ok(&["settings", "set", "max-credentials", "4"]);
    let bob = r.add_user("bob", "viewer");
    r.cmd_as(&bob)
        .args(["org", "create", "beta"])
        .assert()
        .success();
    r.run(["--org", "beta", "app", "add", "--app-name", "bobs"])
        .as_key(&bob)
        .ok();
    let beta_creates = |username: &str| {
        r.run([
            "--org",
            "beta",
            "create",
            "--app",
            "bobs",
            "--username",
            username,
            "--generate",
        ])
        .as_key(&bob)
    };
    beta_creates("x").ok();
    beta_creates("y")
        .code(5)
        .stderr_has("the installation holds 4 credential(s) and max-credentials is at most 4");
    // An organization counts its own credentials only: beta holds 1 of the 4.
    r.ok(&["settings", "set", "max-credentials", "100"]);
    r.ok(&["settings", "set", "max-credentials-per-org", "2"]);
    beta_creates("y").ok();
    beta_creates("z").code(5).stderr_has(
        "its organization holds 2 credential(s) and max-credentials-per-org is at most 2",
    );
    r.ok(&["settings", "set", "max-credentials-per-org", "10000"]);
    // Lowering a quota keeps what is there; deleting still works.
    r.ok(&["settings", "set", "max-credentials-per-app", "1"]);
    r.ok(&["delete", "--app", "shop", "--username", "a"]);
    assert_eq!(r.count("SELECT count(*) FROM security"), 4);
}

#[test]
fn what_was_deleted_no_longer_counts_toward_a_quota() {
    let r = Registry::with_app();
    r.ok(&["settings", "set", "max-credentials-per-org", "3"]);
    r.ok(&["settings", "set", "max-credentials", "4"]);
    for username in ["a", "b", "c"] {
        r.ok(&[
            "create",
            "--app",
            "shop",
            "--username",
            username,
            "--generate",
        ]);
    }
    r.ok(&["delete", "--app", "shop", "--username", "a"]);
    r.ok(&["delete", "--app", "shop", "--username", "b"]);
    // Five ever made, three held after these two: within both quotas.
    r.ok(&["create", "--app", "shop", "--username", "d", "--generate"]);
    r.ok(&["create", "--app", "shop", "--username", "e", "--generate"]);
    r.run(["create", "--app", "shop", "--username", "f", "--generate"])
        .code(5)
        .stderr_has(
            "its organization holds 3 credential(s) and max-credentials-per-org is at most 3",
        );
    r.ok(&["settings", "set", "max-credentials-per-org", "10"]);
    r.ok(&["create", "--app", "shop", "--username", "f", "--generate"]);
    r.run(["create", "--app", "shop", "--username", "g", "--generate"])
        .code(5)
        .stderr_has("the installation holds 4 credential(s) and max-credentials is at most 4");
    assert_eq!(r.count("SELECT count(*) FROM security"), 4);
}
