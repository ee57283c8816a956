//! Input rules (ARCHITECTURE.md, "Input rules"). Every value that reaches the database or a
//! Traefik file passes through one of these functions first, so that one
//! tenant's input can never rewrite a router rule or break the YAML that all
//! tenants share.

pub use crate::error::printable;
use crate::error::{Error, Result};

/// Application names become Traefik resource names and file names: a DNS label.
pub fn app_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 63
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(Error::bad_request(format!(
            "invalid app name '{}': use 1-63 lowercase letters, digits and '-', not starting or ending with '-'",
            printable(name)
        )))
    }
}

/// Names of organizations, users, projects, environments, API keys and
/// application ids: short identifiers that are safe in tables, comments and
/// shell scripts.
pub fn identifier(kind: &str, value: &str) -> Result<()> {
    let ok = !value.is_empty()
        && value.len() <= 64
        && value
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(Error::bad_request(format!(
            "invalid {kind} '{}': use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit",
            printable(value)
        )))
    }
}

/// Usernames of credentials (ARCHITECTURE.md, "Input rules").
pub fn username(name: &str) -> Result<()> {
    let problem = if name.is_empty() {
        Some("it is empty")
    } else if name.chars().count() > 255 {
        Some("it is longer than 255 characters")
    } else if name.contains(':') {
        Some("it contains ':', which separates user and hash in Traefik")
    } else if name.chars().any(char::is_control) {
        Some("it contains a control character")
    } else if name.trim() != name {
        Some("it has leading or trailing whitespace")
    } else if name.contains("{{") || name.contains("}}") {
        Some("it contains '{{' or '}}', which Traefik's template engine interprets")
    } else if name == crate::traefik::LOCKED_USERNAME {
        Some("it is reserved: authgate uses it to keep a locked application closed")
    } else {
        None
    };
    match problem {
        Some(why) => Err(Error::bad_request(format!(
            "invalid username '{}': {why}",
            printable(name)
        ))),
        None => Ok(()),
    }
}

/// Domains end up inside a router rule ``Host(`...`)``: only plain
/// hostnames. Returns the canonical form (lowercase ASCII, an IDN as
/// punycode), which is what is stored, rendered and compared: one Traefik
/// routes every organization, so two spellings of one host must collide.
pub fn domain(domain: &str) -> Result<String> {
    let bad = |why: &str| {
        Err(Error::bad_request(format!(
            "invalid domain '{}': {why}",
            printable(domain)
        )))
    };
    if domain.is_empty() {
        return bad("it is empty");
    }
    if let Some(c) = domain.chars().find(|c| {
        matches!(
            c,
            '`' | ' ' | '(' | ')' | '|' | '{' | '}' | '&' | '!' | '"' | '\''
        ) || c.is_control()
    }) {
        return bad(&format!(
            "the character {c:?} is not allowed in a hostname (it could rewrite the router rule)"
        ));
    }
    let ascii = if domain.is_ascii() {
        domain.to_ascii_lowercase()
    } else {
        match idna::domain_to_ascii(domain) {
            Ok(ascii) => ascii,
            Err(_) => return bad("it is not a valid internationalized domain name"),
        }
    };
    if ascii.len() > 253 {
        return bad("it is longer than 253 characters");
    }
    for label in ascii.split('.') {
        let ok = !label.is_empty()
            && label.len() <= 63
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-');
        if !ok {
            return bad(
                "each dot-separated label must be 1-63 letters, digits or '-', not starting or ending with '-'",
            );
        }
    }
    Ok(ascii)
}

/// Upstreams are the URLs of the service's servers: http or https only.
pub fn upstream(value: &str) -> Result<String> {
    let bad = |why: String| {
        Err(Error::bad_request(format!(
            "invalid upstream '{}': {why}",
            printable(value)
        )))
    };
    if value.contains("{{") || value.contains("}}") || value.chars().any(char::is_control) {
        return bad("it contains '{{', '}}' or a control character".into());
    }
    match url::Url::parse(value) {
        Ok(url) if url.scheme() != "http" && url.scheme() != "https" => {
            bad(format!("scheme '{}' is not http or https", url.scheme()))
        }
        Ok(url) if url.host_str().is_none_or(str::is_empty) => bad("it has no host".into()),
        Ok(url) if !url.username().is_empty() || url.password().is_some() => {
            bad("it must not carry credentials".into())
        }
        Ok(_) => Ok(value.to_string()),
        Err(e) => bad(e.to_string()),
    }
}

/// Entry point and certificate resolver names refer to Traefik's static
/// configuration.
pub fn traefik_name(kind: &str, value: &str) -> Result<()> {
    let ok = !value.is_empty()
        && value.len() <= 64
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(Error::bad_request(format!(
            "invalid {kind} '{}': use 1-64 letters, digits, '.', '_' or '-'",
            printable(value)
        )))
    }
}

/// The realm is shown by browsers in the login dialog.
pub fn realm(value: &str) -> Result<()> {
    let problem = if value.is_empty() {
        Some("it is empty")
    } else if value.chars().count() > 128 {
        Some("it is longer than 128 characters")
    } else if value.chars().any(char::is_control) {
        Some("it contains a control character")
    } else if value.contains('"') || value.contains('\\') {
        Some("it contains a quote or backslash, which browsers mis-parse in the challenge")
    } else if value.contains("{{") || value.contains("}}") {
        Some("it contains '{{' or '}}'")
    } else {
        None
    };
    match problem {
        Some(why) => Err(Error::bad_request(format!(
            "invalid realm '{}': {why}",
            printable(value)
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_names() {
        for ok in ["shop", "a", "my-app-2", &"a".repeat(63)] {
            assert!(app_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", "-a", "a-", "Shop", "a_b", "a.b", &"a".repeat(64), "a b"] {
            assert!(app_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn usernames() {
        for ok in [
            "admin", "#ops", "- x", "'q", "yes", "null", "1e3", "ü", "a b",
        ] {
            assert!(username(ok).is_ok(), "{ok}");
        }
        let long = "x".repeat(256);
        for bad in ["", "a:b", "a\nb", " a", "a ", "{{x", "x}}", "a\tb", &long] {
            assert!(username(bad).is_err(), "{bad:?}");
        }
        assert!(username(&"ü".repeat(255)).is_ok());
    }

    #[test]
    fn domains() {
        for ok in ["example.com", "shop.example.com", "localhost", "a-b.c0"] {
            assert_eq!(domain(ok).unwrap(), ok);
        }
        assert_eq!(domain("Shop.Example.COM").unwrap(), "shop.example.com");
        assert_eq!(domain("BÜCHER.example").unwrap(), "xn--bcher-kva.example");
        assert_eq!(
            domain("xn--bcher-kva.example").unwrap(),
            domain("bücher.example").unwrap()
        );
        for bad in [
            "",
            "a`) || Host(`b",
            "a||b",
            "a b",
            "a(b)",
            "a..b",
            "-a.com",
            "a{{b",
            "a_b.com",
            "a.com.",
            "a\u{0}b.com",
        ] {
            assert!(domain(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn upstreams() {
        assert!(upstream("http://10.0.0.5:3000").is_ok());
        assert!(upstream("https://backend.internal/").is_ok());
        for bad in [
            "ftp://x",
            "10.0.0.5:3000",
            "http://",
            "http://u:p@x",
            "http://x/{{y",
        ] {
            assert!(upstream(bad).is_err(), "{bad}");
        }
    }
}
