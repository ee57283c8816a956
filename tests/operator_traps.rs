//! The traps an operator fell into, each tried as they tried it: a secret
//! lost to `-q`, cron jobs broken by `org switch`, one sink down blocking
//! every change, and messages that said something untrue.

use crate::common::*;

// ---------------------------------------------------------------------------
// Secrets are never lost

#[test]
fn quiet_generate_prints_the_secret_alone_and_it_verifies() {
    let r = Registry::with_app();
    let created = r
        .run([
            "create",
            "--app",
            "shop",
            "--username",
            "ci",
            "--generate",
            "-q",
        ])
        .ok();
    let secret = created.stdout().trim_end_matches('\n').to_string();
    assert_eq!(secret.len(), 24, "{secret:?}");
    assert!(!secret.contains(['\n', '\t', ' ']), "{secret:?}");
    r.verifies("shop", "ci", &secret);
    // The note about it being shown once is silenced by -q, like every note.
    created.stderr_lacks("shown once");

    let updated = r
        .run([
            "update",
            "--app",
            "shop",
            "--username",
            "ci",
            "--generate",
            "-q",
        ])
        .ok();
    let rotated = updated.stdout().trim_end_matches('\n');
    assert_ne!(rotated, secret);
    r.verifies("shop", "ci", rotated);
    // Without a generated secret, -q still prints the id.
    let id = r
        .run([
            "update",
            "--app",
            "shop",
            "--username",
            "ci",
            "--password-stdin",
            "-q",
        ])
        .stdin("another long password 42")
        .ok()
        .stdout()
        .trim()
        .to_string();
    assert_eq!(id.len(), 36, "{id}");
}

#[test]
fn a_failed_create_does_not_say_a_password_was_shown() {
    let r = Registry::with_app();
    r.add_credential("shop", "ci", "a long enough password");
    r.run(["create", "--app", "shop", "--username", "ci", "--generate"])
        .code(5)
        .no_stdout()
        .stderr_lacks("shown once");
    r.run(["create", "--app", "shop", "--username", "ci2", "--generate"])
        .ok()
        .stderr_has("the generated password is shown once");
}

#[test]
fn generated_secrets_go_into_a_url_as_they_are() {
    let r = Registry::with_app();
    for i in 0..40 {
        let v = r.json(&[
            "create",
            "--app",
            "shop",
            "--username",
            &format!("m{i}"),
            "--generate",
        ]);
        let p = v["password"].as_str().unwrap();
        assert!(
            p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b)),
            "{p}"
        );
        // What a URL's userinfo keeps verbatim.
        let mut url = url::Url::parse("http://host/").unwrap();
        url.set_password(Some(p)).unwrap();
        assert_eq!(url.password(), Some(p));
    }
    // --symbols asks for the old alphabet; it needs --generate.
    let mut symbols = 0;
    for i in 0..20 {
        let v = r.json(&[
            "create",
            "--app",
            "shop",
            "--username",
            &format!("s{i}"),
            "--generate",
            "--symbols",
        ]);
        let p = v["password"].as_str().unwrap();
        symbols += p.bytes().filter(|b| b"!@#%^*+=,".contains(b)).count();
    }
    assert!(
        symbols > 0,
        "20 passwords of 24 characters without one symbol"
    );
    r.run([
        "create",
        "--app",
        "shop",
        "--username",
        "x",
        "--symbols",
        "--password-stdin",
    ])
    .stdin("a long enough password")
    .code(2);
}
